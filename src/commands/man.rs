//! `goalpost man`: manual pages in roff, generated from the command line
//! definition, so `man` and `--help` always say the same.

use clap::{Args, CommandFactory};

use crate::cli::Cli;
use crate::commands::{ExitStatus, Output};
use crate::error::Error;
use crate::suggest;

/// Print a manual page
///
/// Prints the roff source of the manual page of goalpost, or of one of its
/// commands, to stdout.
///
/// Examples:
///   goalpost man | man -l -
///   goalpost man new project | man -l -
///   goalpost man > ~/.local/share/man/man1/goalpost.1
///   goalpost man check > ~/.local/share/man/man1/goalpost-check.1
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {
    /// The command to describe (default: goalpost itself)
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}

pub fn run(args: &ManArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    for name in &args.command {
        let names: Vec<String> = command
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        let Some(sub) = command.find_subcommand(name).cloned() else {
            let help = suggest::help_then(
                name,
                names.iter().map(String::as_str),
                &format!("commands: {}", names.join(", ")),
            );
            return Err(Error::usage(format!(
                "`{name}` is not a command of `{}`",
                command.get_display_name().unwrap_or(command.get_name()),
            ))
            .with_help(help));
        };
        command = sub;
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    io.out.write_all(&page)?;
    Ok(ExitStatus::Success)
}
