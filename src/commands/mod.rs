//! One file per subcommand: its arguments and its `run` function.

pub mod agenda;
pub mod blockers;
pub mod check;
pub mod checkins;
pub mod completions;
pub mod demo;
pub mod init;
pub mod log;
pub mod man;
pub mod new;
pub mod packet;
pub mod schema;
pub mod status;

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

/// A progress bar on stderr for long history walks: shown only when stderr
/// is a terminal and `--quiet` is not given.
pub fn progress(global: &GlobalArgs) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if global.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} commits")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message("reading history:");
    bar
}
