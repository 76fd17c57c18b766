//! The `check` tool on a draft: a text checked as if it were a file of the
//! repository, with the rest of it, and written nowhere.

use chrono::NaiveDate;

use crate::config::{Config, Selector};
use crate::diagnostic::{self, Format};
use crate::error::Error;
use crate::rules::{self, Context};
use crate::workspace::{AddedDates, Workspace};

/// The findings of `text` read as the file at `path` (relative to the
/// root, `/`-separated), in `check --format json`'s shape.
pub fn check(config: &Config, today: NaiveDate, path: &str, text: &str) -> Result<String, Error> {
    let rel = relative(path)?;
    let selector = Selector::new(config)?;
    if selector.kind(&rel).is_none() {
        let globs: Vec<String> = [
            &config.paths.projects,
            &config.paths.updates,
            &config.paths.decisions,
            &config.paths.recognitions,
        ]
        .into_iter()
        .flatten()
        .map(|g| format!("`{g}`"))
        .collect();
        return Err(Error::usage(format!(
            "`{rel}` is not where goalpost.yml keeps documents, so it would not be checked"
        ))
        .with_help(format!(
            "give a path that one of {} selects",
            globs.join(", ")
        )));
    }
    let mut ws = Workspace::load(config)?;
    ws.reread(config, &selector, &rel, Some(text.to_owned()));
    // Check-ins are judged on dates git gives only for committed files; a
    // draft is not one, so none are asked of git.
    let cx = Context {
        config,
        today,
        added: &AddedDates::new(),
        focus: None,
    };
    let mut findings = rules::findings(&ws, &cx);
    findings.retain(|d| d.path == rel);
    let source = |p: &str| ws.document(p).map(|d| &d.source);
    let mut out = Vec::new();
    diagnostic::render_one(Format::Json, &findings, &source, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// A path inside the repository, as `/`-separated parts without `.`:
/// absolute paths and `..` are refused, as a draft is never outside it.
fn relative(path: &str) -> Result<String, Error> {
    let parts: Vec<&str> = path
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let outside = path.starts_with(['/', '\\'])
        || path.get(1..2) == Some(":")
        || parts.contains(&"..")
        || parts.is_empty();
    if outside {
        return Err(Error::usage(format!(
            "`{path}` is not a path inside the repository"
        ))
        .with_help("give the path relative to the repository's root, e.g. `projects/search-latency.md`"));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn only_paths_inside_the_repository() {
        assert_eq!(
            relative("./projects//a.md").ok().as_deref(),
            Some("projects/a.md")
        );
        assert_eq!(
            relative("projects\\a.md").ok().as_deref(),
            Some("projects/a.md")
        );
        for outside in [
            "/etc/passwd",
            "../a.md",
            "projects/../../a.md",
            "C:/a.md",
            "",
            ".",
        ] {
            assert!(relative(outside).is_err(), "{outside}");
        }
    }
}
