//! `goalpost site`: the door to the team site (`crate::site`).

use std::path::PathBuf;

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::error::Error;
use crate::site;

/// Build the team site: status board, blockers, decisions, a page per project and person
///
/// Writes a static website into DIR (default: `site/` under the goal
/// repository): the status board, open blockers, check-ins, the decision log
/// and a page per decision, project and person, the opportunity audit of the
/// last full quarter when goalpost.yml has a roster, `calendar.ics` (due
/// dates and check-ins) and `feed.xml` (the newest updates and decisions).
/// Pages work from disk or any file server, run no script and make no
/// request. The folder must be new, empty or a site goalpost wrote (marked
/// by `.goalpost-site`); pages of documents that are gone are removed.
///
/// "Late" and "overdue" are judged on --today, else on the date of the
/// commit the site is built from, so one commit always builds the same site.
///
/// Examples:
///   goalpost site
///   goalpost site -o public --base-url https://team.example.io/goals
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SiteArgs {
    /// The folder to write (default: site/ under the repository)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Write into a folder that holds other files (same-named files are replaced)
    #[arg(long)]
    pub force: bool,
    /// The address the site is published at, for absolute links in the feed and calendar
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Read a shallow clone's truncated history anyway
    #[arg(long)]
    pub allow_shallow: bool,
}

pub fn run(global: &GlobalArgs, args: &SiteArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    let out = match &args.output {
        Some(dir) => dir.clone(),
        None => config.root.join("site"),
    };
    if let Some(url) = &args.base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(
            Error::usage(format!("--base-url `{url}` is not an http(s) address")).with_help(
                "give the address the site is published at, e.g. `https://team.example.io/goals`",
            ),
        );
    }
    let options = site::Options {
        out: out.clone(),
        force: args.force,
        base_url: args.base_url.clone(),
        today: global.today,
        allow_shallow: args.allow_shallow,
        cache: global.cache(),
    };
    let progress = commands::progress(global);
    let built = site::build(&config, &options, &|| progress.inc(1))?;
    progress.finish_and_clear();
    if !global.quiet {
        for note in &built.notes {
            writeln!(io.err, "note: {note}")?;
        }
        writeln!(
            io.err,
            "wrote {} files to {}; open {}",
            built.files,
            out.display(),
            out.join("index.html").display()
        )?;
    }
    Ok(ExitStatus::Success)
}
