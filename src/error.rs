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
    /// The command line or the repository asks for something goalpost
    /// cannot do; `help` says what to do instead.
    #[error("{message}{}", Help(help))]
    Usage {
        message: String,
        help: Option<String>,
    },
    #[error(
        "this is a shallow clone: its history is cut off, so goalpost cannot tell when things happened\n  help: fetch the full history with `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0` on actions/checkout), or pass --allow-shallow to read what is there"
    )]
    Shallow,
    #[error(
        "this repository has grafts (.git/info/grafts): they give commits parents other than their own, so the history goalpost would read is not the one that was committed\n  help: remove .git/info/grafts (`git replace --convert-graft-file` keeps them for git as replace refs, which goalpost does not follow), or pass --allow-shallow to read the grafted history"
    )]
    Grafted,
    #[error(
        "{} already exists; goalpost does not replace files\n  help: edit it, or pass --force to replace it",
        .0.display()
    )]
    Exists(PathBuf),
    /// A template could not be loaded or rendered (see `crate::render::template`).
    #[error("{message}{}", Help(help))]
    Template {
        message: String,
        help: Option<String>,
    },
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    /// A usage error without a hint.
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            help: None,
        }
    }

    /// A template error without a hint.
    pub fn template(message: impl Into<String>) -> Self {
        Error::Template {
            message: message.into(),
            help: None,
        }
    }

    /// Adds (or replaces) the hint of a usage or template error; other
    /// errors carry their own.
    #[must_use]
    pub fn with_help(mut self, hint: impl Into<String>) -> Self {
        if let Error::Usage { help, .. } | Error::Template { help, .. } = &mut self {
            *help = Some(hint.into());
        }
        self
    }

    /// The hint of a usage or template error.
    pub fn help(&self) -> Option<&str> {
        match self {
            Error::Usage { help, .. } | Error::Template { help, .. } => help.as_deref(),
            _ => None,
        }
    }
}

/// A hint on its own line after the message, when there is one.
struct Help<'a>(&'a Option<String>);

impl fmt::Display for Help<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(help) => write!(f, "\n  help: {help}"),
            None => Ok(()),
        }
    }
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
