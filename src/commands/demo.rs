//! `goalpost demo`: build a sample team repository and show a review packet.

use std::path::PathBuf;

use clap::Args;

use crate::ExitStatus;
use crate::cli::GlobalArgs;
use crate::commands::packet::{PacketArgs, PacketFormat};
use crate::commands::{self, Output};
use crate::demo;
use crate::error::Error;

/// Build a sample team repository with history and print a review packet
///
/// Creates a git repository with four months of a search team's dated history
/// — projects that ship on time and late, a blocked spell, moved goalposts
/// with the decisions behind them, weekly updates with blockers — and prints
/// the review packet for one person (alice) for the third quarter of 2026.
/// Explore the repository afterwards with `goalpost --repo DIR ...`.
///
/// Examples:
///   goalpost demo
///   goalpost demo /tmp/team --format html > packet.html
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DemoArgs {
    /// Where to create the repository (must not exist or be empty; default: a new temporary folder)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Output format of the packet
    #[arg(long, value_enum, default_value_t = PacketFormat::Md)]
    pub format: PacketFormat,
}

pub fn run(global: &GlobalArgs, args: &DemoArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => std::env::temp_dir().join(format!(
            "goalpost-demo-{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_millis()
        )),
    };
    demo::build(&dir)?;
    let global = GlobalArgs {
        repo: Some(dir.clone()),
        color: global.color,
        quiet: global.quiet,
        verbose: global.verbose,
        today: global.today,
    };
    let packet = PacketArgs {
        person: Some(demo::PERSON.to_owned()),
        project: None,
        team: None,
        since: crate::syntax::parse_date(demo::SINCE),
        until: crate::syntax::parse_date(demo::UNTIL),
        format: args.format,
        output: None,
        force: false,
        rev: None,
        allow_shallow: false,
    };
    let status = commands::packet::run(&global, &packet, io)?;
    if !global.quiet {
        // After the packet, where a reader's eyes are when it ends.
        io.out.flush()?;
        let shown = dir.display();
        writeln!(
            io.err,
            "\nThe demo repository is at {shown}. Try:\n  goalpost --repo {shown} check\n  goalpost --repo {shown} log search-latency\n  goalpost --repo {shown} packet --team search --since {} --until {}",
            demo::SINCE,
            demo::UNTIL
        )?;
    }
    Ok(status)
}
