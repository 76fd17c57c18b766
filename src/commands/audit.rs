//! `goalpost audit`: the opportunity audit by roster group.

use clap::Args;

use crate::audit::{self, Request};
use crate::cli::{GlobalArgs, ReportArgs};
use crate::commands::{self, ExitStatus, Output};
use crate::error::Error;

/// Audit who gets opportunities, by group, next to outcomes
///
/// Per group of people (the values of one roster attribute: location, team,
/// or any of your own), the share who led a project, got stretch work and sat
/// at the decision table in the period, next to what the projects each group
/// owned delivered. A group whose rate is below four fifths of the highest is
/// flagged, with the two-sided Fisher's exact p-value against the highest
/// group and the shortfall: how many more of the group's people would have
/// to be selected for the flag to clear. No person's figure appears; groups smaller than `audit.min_group`
/// (default 5) are listed without numbers.
///
/// The default period is the last full calendar quarter before today.
///
/// Examples:
///   goalpost audit
///   goalpost audit --by team --since 2026-01-01 --until 2026-06-30
///   goalpost audit --format html -o audit-q3.html
///   goalpost audit --format json
///   goalpost audit --promotions promotions-2026.csv
///   goalpost audit --quarters 4
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AuditArgs {
    /// The roster attribute to group people by (default: `audit.by`, else location)
    #[arg(long, value_name = "KEY")]
    pub by: Option<String>,
    /// Also audit promotions, from this CSV export (`handle,date[,kind]` with a header row)
    ///
    /// Read from the command line only, never from goalpost.yml; its handles
    /// appear in no output.
    #[arg(long, value_name = "FILE")]
    pub promotions: Option<std::path::PathBuf>,
    /// Put the last N full quarters side by side (impact ratio per group and opportunity)
    #[arg(long, value_name = "N", conflicts_with_all = ["since", "until"], value_parser = clap::value_parser!(u8).range(2..=12))]
    pub quarters: Option<u8>,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub fn run(
    global: &GlobalArgs,
    args: &AuditArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let config = commands::history_config(global)?;
    let today = global.today();
    let request = Request {
        by: args.by.clone(),
        period: args.report.period(today)?,
        allow_shallow: args.report.allow_shallow,
        cache: global.cache(),
        today,
        promotions: args
            .promotions
            .as_deref()
            .map(|path| audit::Promotions::read(path, &config))
            .transpose()?,
        quarters: args.quarters.map(usize::from),
    };
    commands::run_report(global, io, &args.report, &config.root, |tick| {
        audit::generate(&config, &request, tick)
    })
}
