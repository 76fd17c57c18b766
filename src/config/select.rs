//! Which files are documents of which kind: the globs of `paths:` compiled
//! once, and the literal folders they start from (the only ones walked).

use std::path::PathBuf;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::Config;
use crate::error::Error;
use crate::vocabulary::Kind;

/// Which files are documents of which kind.
pub struct Selector {
    /// Per kind: the globs that select files, and those (written `!glob`)
    /// that leave files out again.
    sets: Vec<Globs>,
    /// The literal folders the globs start from; only these are walked.
    bases: Vec<PathBuf>,
}

struct Globs {
    kind: Kind,
    include: GlobSet,
    /// The including globs as written, in the order of `include`'s indices.
    written: Vec<String>,
    exclude: GlobSet,
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
            (Kind::Recognition, &config.paths.recognitions),
        ] {
            if !kinds.contains(&kind) {
                continue;
            }
            let compile = |glob: &str| {
                GlobBuilder::new(glob)
                    .literal_separator(true)
                    .build()
                    .map_err(|err| Error::usage(format!("invalid glob `{glob}`: {err}")))
            };
            let mut include = GlobSetBuilder::new();
            let mut exclude = GlobSetBuilder::new();
            let mut written = Vec::new();
            for glob in globs {
                match glob.strip_prefix('!') {
                    Some(left_out) => {
                        exclude.add(compile(left_out)?);
                    }
                    None => {
                        include.add(compile(glob)?);
                        written.push(glob.clone());
                        bases.push(literal_base(glob));
                    }
                }
            }
            let build = |b: GlobSetBuilder| {
                b.build()
                    .map_err(|err| Error::usage(format!("invalid globs: {err}")))
            };
            sets.push(Globs {
                kind,
                include: build(include)?,
                written,
                exclude: build(exclude)?,
            });
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

    /// The kind of document at a root-relative path, if it is one: the
    /// first kind with a glob that selects it and none that leaves it out.
    pub fn kind(&self, rel: &str) -> Option<Kind> {
        self.sets
            .iter()
            .find(|g| g.include.is_match(rel) && !g.exclude.is_match(rel))
            .map(|g| g.kind)
    }

    /// The selecting globs that match none of `paths` (root-relative) while
    /// another glob of their kind does, with their kind, as written: a typo
    /// in `paths:` that would otherwise go unnoticed.
    pub fn unmatched<'p>(&self, paths: impl Iterator<Item = &'p str>) -> Vec<(Kind, &str)> {
        let mut hit: Vec<Vec<bool>> = self
            .sets
            .iter()
            .map(|g| vec![false; g.written.len()])
            .collect();
        for rel in paths {
            for (g, seen) in self.sets.iter().zip(hit.iter_mut()) {
                for i in g.include.matches(rel) {
                    seen[i] = true;
                }
            }
        }
        // A kind none of whose globs matches is an empty folder, said
        // elsewhere; one glob of several matching nothing is the typo.
        self.sets
            .iter()
            .zip(hit)
            .filter(|(_, seen)| seen.iter().any(|s| *s))
            .flat_map(|(g, seen)| {
                g.written
                    .iter()
                    .zip(seen)
                    .filter(|(_, s)| !s)
                    .map(|(w, _)| (g.kind, w.as_str()))
            })
            .collect()
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
