//! Errors: goalpost failing to do its job (exit status 2), as opposed to
//! findings about documents, which are data (`crate::diagnostic`).

use std::fmt;
use std::path::PathBuf;

/// One problem in `goalpost.yml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub help: Option<String>,
}

/// Why a command could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "no goalpost.yml or git repository found in {} or any parent folder\n  help: run `goalpost init` to start one, or pass `--repo DIR`",
        start.display()
    )]
    NoRepository { start: PathBuf },
    #[error("{}", ConfigDisplay { path, problems })]
    Config {
        path: PathBuf,
        problems: Vec<ConfigProblem>,
    },
    #[error("{0}")]
    Usage(String),
    #[error(
        "this is a shallow clone: its history is cut off, so goalpost cannot tell when things happened\n  help: fetch the full history with `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0` on actions/checkout), or pass --allow-shallow to read what is there"
    )]
    Shallow,
    #[error(
        "{} already exists; goalpost does not replace files\n  help: edit it, or pass --force to replace it",
        .0.display()
    )]
    Exists(PathBuf),
    /// A template could not be loaded or rendered (see `crate::template`).
    #[error("{0}")]
    Template(String),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

struct ConfigDisplay<'a> {
    path: &'a PathBuf,
    problems: &'a [ConfigProblem],
}

impl fmt::Display for ConfigDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                // The first line's `error: ` comes from whoever prints this.
                write!(f, "\nerror: ")?;
            }
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                p.line,
                p.column,
                p.message
            )?;
            if let Some(help) = &p.help {
                write!(f, "\n  help: {help}")?;
            }
        }
        Ok(())
    }
}
