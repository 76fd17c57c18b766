//! `goalpost demo`: build a sample team repository and show a review packet.

use std::path::PathBuf;

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::config::Config;
use crate::error::Error;
use crate::packet::{self, Format, Period, Request, Subject};
use crate::sample::team as demo;
use crate::syntax;

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
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
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
    let config = Config::discover(&dir, true)?;
    let request = Request {
        subject: Subject::Person(demo::PERSON.to_owned()),
        period: Period::from_flags(
            syntax::parse_date(demo::SINCE),
            syntax::parse_date(demo::UNTIL),
            global.today(),
        )?,
        rev: None,
        allow_shallow: false,
        cache: global.cache(),
        today: global.today(),
    };
    let progress = commands::progress(global);
    let packet = packet::generate(&config, &request, &|| progress.inc(1))?;
    progress.finish_and_clear();
    io.out
        .write_all(packet::render(&packet, args.format, &config.root)?.as_bytes())?;
    if !global.quiet {
        // After the packet, where a reader's eyes are when it ends.
        io.out.flush()?;
        let shown = dir.display();
        let me = invocation();
        writeln!(
            io.err,
            "\nThe demo repository is at {shown}. Try:\n  {me} --repo {shown} check\n  {me} --repo {shown} log search-latency\n  {me} --repo {shown} packet --team search --since {} --until {}\n  {me} --repo {shown} audit --since {} --until {}\n  {me} --repo {shown} site      (then open {shown}/site/index.html)",
            demo::SINCE,
            demo::UNTIL,
            demo::SINCE,
            demo::UNTIL
        )?;
    }
    Ok(ExitStatus::Success)
}

/// How to run this goalpost from the current folder: `goalpost` when that
/// is what the `PATH` finds, else the path of this binary (after `cargo run`,
/// `./target/release/goalpost`).
fn invocation() -> String {
    let Ok(me) = std::env::current_exe().and_then(|p| p.canonicalize()) else {
        return "goalpost".to_owned();
    };
    let on_path = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            dir.join("goalpost")
                .canonicalize()
                .is_ok_and(|found| found == me)
        })
    });
    if on_path {
        return "goalpost".to_owned();
    }
    let relative = std::env::current_dir()
        .and_then(|cwd| cwd.canonicalize())
        .ok()
        .and_then(|cwd| {
            me.strip_prefix(cwd)
                .ok()
                .map(|p| format!("./{}", p.display()))
        });
    relative.unwrap_or_else(|| me.display().to_string())
}
