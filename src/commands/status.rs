//! `goalpost status`: where every project stands.

use clap::Args;

use crate::cli::{GlobalArgs, OwnerArgs};
use crate::commands::{self, ALERT, CAUTION, ExitStatus, Output, TableFormat};
use crate::error::Error;
use crate::render::table::{Cell, Table};
use crate::suggest;
use crate::views::status;
use crate::vocabulary::Lifecycle;

/// Show one row per project: status, criteria met, due date, last update, open blockers
///
/// Reads the working tree (no history). Projects at risk or blocked come
/// first, then active, proposed, done and dropped; within each, the nearest
/// due date first. A due date that has passed on open work is marked.
///
/// Examples:
///   goalpost status
///   goalpost status --team search --status active
///   goalpost status --owner alice --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct StatusArgs {
    #[command(flatten)]
    pub owners: OwnerArgs,
    /// Only projects in this status (a lifecycle state or one of your words for it)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

pub fn run(
    global: &GlobalArgs,
    args: &StatusArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let (config, ws) = commands::load(global, io)?;
    let who = args.owners.resolve(&config, &ws)?;
    // A state's own name keeps the state; another word of the repository's
    // keeps the projects that say that word.
    let wanted = match &args.status {
        Some(word) => {
            let state = config.lifecycle(word).ok_or_else(|| {
                let words = config.status_words();
                suggest::unknown("status", word, words.iter().map(String::as_str))
            })?;
            Some(if word.trim().eq_ignore_ascii_case(state.as_str()) {
                status::Wanted::State(state)
            } else {
                status::Wanted::Word(word.clone())
            })
        }
        None => None,
    };
    let rows = status::rows(&ws, &who, wanted.as_ref(), global.today());
    let unknown = rows.iter().filter(|r| r.status.is_none()).count();
    if unknown > 0 && !global.quiet {
        writeln!(
            io.err,
            "note: {unknown} project{} no valid status (shown with `?`); `goalpost check` says why",
            if unknown == 1 { " has" } else { "s have" }
        )?;
    }
    let table = Table {
        header: [
            "PROJECT",
            "STATUS",
            "OWNER",
            "CRITERIA",
            "DUE",
            "LAST UPDATE",
            "BLOCKERS",
        ],
        shrink: &[0],
    };
    commands::emit(
        io,
        args.format,
        &rows,
        "No projects.",
        &table,
        |r: &status::Row| {
            let state = match r.status {
                Some(s) => {
                    let cell = Cell::from(match &r.status_word {
                        Some(word) => format!("{word} ({})", s.as_str()),
                        None => s.as_str().to_owned(),
                    });
                    match s {
                        Lifecycle::Blocked => cell.styled(ALERT),
                        Lifecycle::AtRisk => cell.styled(CAUTION),
                        _ => cell,
                    }
                }
                None => Cell::from(
                    r.status_word
                        .as_ref()
                        .map_or("?".to_owned(), |w| format!("{w} (?)")),
                ),
            };
            let due = match r.due {
                None => Cell::from("-"),
                Some(d) if r.overdue => Cell::from(format!("{d} overdue")).styled(ALERT),
                Some(d) => Cell::from(d.to_string()),
            };
            [
                Cell::from(r.id.clone()),
                state,
                Cell::from(r.owner.clone().unwrap_or_else(|| "?".into())),
                Cell::from(match (r.criteria_total, r.measures_total) {
                    (_, 0) => format!("{}/{}", r.criteria_met, r.criteria_total),
                    (0, _) => format!("{}/{} measures", r.measures_met, r.measures_total),
                    _ => format!(
                        "{}/{} · {}/{} measures",
                        r.criteria_met, r.criteria_total, r.measures_met, r.measures_total
                    ),
                }),
                due,
                Cell::from(r.last_update.map_or("-".into(), |d| d.to_string())),
                Cell::from(r.open_blockers.to_string()),
            ]
        },
    )?;
    Ok(ExitStatus::Success)
}
