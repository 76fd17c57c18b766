//! One file per subcommand: its arguments and its `run` function.

pub mod check;
pub mod log;
pub mod packet;

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::config::Config;
use crate::error::Error;

/// Where a command writes: results to `out`, notes to `err`.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Whether `out` should be colored.
    pub color: bool,
}

/// Finds the goal repository for the global flags.
pub fn config(global: &GlobalArgs) -> Result<Config, Error> {
    match &global.repo {
        Some(dir) => Config::discover(dir, true),
        None => {
            let cwd = std::env::current_dir().map_err(|source| Error::Io {
                path: ".".into(),
                source,
            })?;
            Config::discover(&cwd, false)
        }
    }
}
