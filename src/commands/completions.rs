//! `goalpost completions`: shell completion scripts, generated from the
//! command line definition so that they never fall behind it.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::commands::{ExitStatus, Output};
use crate::error::Error;

/// Print a shell completion script
///
/// Prints the script for SHELL to stdout; install it where your shell looks
/// for completions.
///
/// Examples:
///   goalpost completions bash > ~/.local/share/bash-completion/completions/goalpost
///   goalpost completions zsh > ~/.zfunc/_goalpost     # with fpath+=~/.zfunc before compinit
///   goalpost completions fish > ~/.config/fish/completions/goalpost.fish
///   goalpost completions powershell >> $PROFILE
///   goalpost completions elvish >> ~/.config/elvish/rc.elv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "goalpost", &mut script);
    io.out.write_all(&script)?;
    Ok(ExitStatus::Success)
}
