//! goalpost keeps a team's definitions of done (projects with success
//! criteria), async updates and decision records as markdown files with YAML
//! frontmatter in a git repository, validates them, and turns their history
//! into review packets.
//!
//! Data flows one way: files → documents → rules → diagnostics → renderers.
//! The library never prints: commands write to the writers they are given
//! and return an [`ExitStatus`]; `main` turns that into the process status.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod history;
pub mod packet;
pub mod render;
pub mod rules;
pub mod suggest;
pub mod syntax;
pub mod views;
pub mod vocabulary;
pub mod workspace;
pub mod write;

pub use error::Error;

use cli::{Cli, Command};
use commands::Output;

/// How a command ended, as the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: done; for `check`, no errors (and no warnings under `--deny-warnings`).
    Success = 0,
    /// 1: `check` found problems.
    Findings = 1,
    /// 2: a usage error, a bad repository or configuration, or an internal error.
    Failure = 2,
}

/// Runs one parsed command line.
pub fn run(cli: &Cli, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    match &cli.command {
        Command::Check(args) => commands::check::run(&cli.global, args, io),
        Command::Log(args) => commands::log::run(&cli.global, args, io),
        Command::Init(args) => commands::init::run(&cli.global, args, io),
        Command::New(args) => commands::new::run(&cli.global, args, io),
        Command::Schema(args) => commands::schema::run(&cli.global, args, io),
        Command::Completions(args) => commands::completions::run(args, io),
        Command::Man(args) => commands::man::run(args, io),
        Command::Packet(args) => commands::packet::run(&cli.global, args, io),
        Command::Demo(args) => commands::demo::run(&cli.global, args, io),
        Command::Status(args) => commands::status::run(&cli.global, args, io),
        Command::Blockers(args) => commands::blockers::run(&cli.global, args, io),
        Command::Checkins(args) => commands::checkins::run(&cli.global, args, io),
        Command::Agenda(args) => commands::agenda::run(&cli.global, args, io),
    }
}
