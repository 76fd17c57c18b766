//! `goalpost audit`: the opportunity audit by roster group.

use chrono::NaiveDate;
use clap::Args;

use crate::audit::{self, Format, Request};
use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::error::Error;
use crate::history::Period;
use crate::write;

/// Audit who gets opportunities, by group, next to outcomes
///
/// Per group of people (the values of one roster attribute: location, team,
/// or any of your own), the share who led a project, got stretch work and sat
/// at the decision table in the period, next to what the projects each group
/// owned delivered. A group whose rate is below four fifths of the highest is
/// flagged. No person's figure appears; groups smaller than `audit.min_group`
/// (default 5) are listed without numbers.
///
/// The default period is the last full calendar quarter before today.
///
/// Examples:
///   goalpost audit
///   goalpost audit --by team --since 2026-01-01 --until 2026-06-30
///   goalpost audit --format html -o audit-q3.html
///   goalpost audit --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AuditArgs {
    /// The roster attribute to group people by (default: `audit.by`, else location)
    #[arg(long, value_name = "KEY")]
    pub by: Option<String>,
    /// First day of the period (default: start of the last full quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub since: Option<NaiveDate>,
    /// Last day of the period, included (default: end of the last full quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub until: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Write the audit to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Replace FILE if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Read a shallow clone's truncated history anyway
    #[arg(long)]
    pub allow_shallow: bool,
}

pub fn run(
    global: &GlobalArgs,
    args: &AuditArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    let today = global.today();
    let request = Request {
        by: args.by.clone(),
        period: Period::from_flags(args.since, args.until, today)?,
        allow_shallow: args.allow_shallow,
        today,
    };
    let progress = commands::progress(global);
    let audit = audit::generate(&config, &request, &|| progress.inc(1))?;
    progress.finish_and_clear();
    if !global.quiet {
        for warning in &audit.warnings {
            writeln!(io.err, "note: {warning}")?;
        }
    }
    let text = audit::render(&audit, args.format, &config.root)?;
    match &args.output {
        Some(path) => {
            let replace = if args.force {
                write::Replace::Allowed
            } else {
                write::Replace::Never
            };
            write::atomic(path, text.as_bytes(), replace)?;
            if !global.quiet {
                writeln!(io.err, "wrote {}", path.display())?;
            }
        }
        None => io.out.write_all(text.as_bytes())?,
    }
    Ok(ExitStatus::Success)
}
