//! Which files are documents of which kind: the globs of `paths:` compiled
//! once, and the literal folders they start from (the only ones walked).

use std::path::PathBuf;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::Config;
use crate::error::Error;
use crate::vocabulary::Kind;

/// Which files are documents of which kind.
pub struct Selector {
    sets: Vec<(Kind, GlobSet)>,
    /// The literal folders the globs start from; only these are walked.
    bases: Vec<PathBuf>,
}

impl Selector {
    pub fn new(config: &Config) -> Result<Self, Error> {
        Self::with_kinds(config, &Kind::ALL)
    }

    /// A selector of only some kinds of document.
    pub fn with_kinds(config: &Config, kinds: &[Kind]) -> Result<Self, Error> {
        let mut sets = Vec::new();
        let mut bases = Vec::new();
        for (kind, globs) in [
            (Kind::Project, &config.paths.projects),
            (Kind::Update, &config.paths.updates),
            (Kind::Decision, &config.paths.decisions),
        ] {
            if !kinds.contains(&kind) {
                continue;
            }
            let mut builder = GlobSetBuilder::new();
            for glob in globs {
                let compiled = GlobBuilder::new(glob)
                    .literal_separator(true)
                    .build()
                    .map_err(|err| Error::usage(format!("invalid glob `{glob}`: {err}")))?;
                builder.add(compiled);
                bases.push(literal_base(glob));
            }
            let set = builder
                .build()
                .map_err(|err| Error::usage(format!("invalid globs: {err}")))?;
            sets.push((kind, set));
        }
        bases.sort();
        bases.dedup();
        // Walk a folder once, not again for each folder inside it.
        let mut kept: Vec<PathBuf> = Vec::new();
        for base in bases {
            if !kept.iter().any(|k| base.starts_with(k)) {
                kept.push(base);
            }
        }
        Ok(Self { sets, bases: kept })
    }

    /// The kind of document at a root-relative path, if it is one.
    pub fn kind(&self, rel: &str) -> Option<Kind> {
        self.sets
            .iter()
            .find(|(_, set)| set.is_match(rel))
            .map(|(kind, _)| *kind)
    }

    /// The folders (relative to the root) that hold all documents.
    pub fn bases(&self) -> &[PathBuf] {
        &self.bases
    }
}

/// The folder a glob's literal prefix names (`projects/**/*.md` → `projects`).
fn literal_base(glob: &str) -> PathBuf {
    let mut base = PathBuf::new();
    let parts: Vec<&str> = glob.split('/').collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        if part.contains(['*', '?', '[', '{']) {
            break;
        }
        base.push(part);
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_bases() {
        assert_eq!(literal_base("projects/**/*.md"), PathBuf::from("projects"));
        assert_eq!(literal_base("docs/adr/*.md"), PathBuf::from("docs/adr"));
        assert_eq!(literal_base("*.md"), PathBuf::new());
        assert_eq!(literal_base("team-*/projects/*.md"), PathBuf::new());
    }
}
