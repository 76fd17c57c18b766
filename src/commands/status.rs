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
/// due date first. A due date that has passed on open work is marked. A
/// project that others name as `parent` also shows, in parentheses, the
/// criteria and measures met of every project below it.
///
/// Examples:
///   goalpost status
///   goalpost status --team search --status active
///   goalpost status --owner alice --format json
///   goalpost status --tree
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct StatusArgs {
    #[command(flatten)]
    pub owners: OwnerArgs,
    /// Only projects in this status (a lifecycle state or one of your words for it)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Show each project under its parent, indented
    #[arg(long)]
    pub tree: bool,
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
    let mut rows = status::rows(&ws, &who, wanted.as_ref(), global.today());
    if args.tree {
        rows = status::tree(rows);
    }
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
            let mut criteria = met(
                (r.criteria_met, r.criteria_total),
                (r.measures_met, r.measures_total),
            );
            if let Some(below) = &r.rollup {
                criteria = format!(
                    "{criteria} (below: {})",
                    met(
                        (below.criteria_met, below.criteria_total),
                        (below.measures_met, below.measures_total)
                    )
                );
            }
            [
                Cell::from(format!("{}{}", "  ".repeat(r.depth.unwrap_or(0)), r.id)),
                state,
                Cell::from(r.owner.clone().unwrap_or_else(|| "?".into())),
                Cell::from(criteria),
                due,
                Cell::from(r.last_update.map_or("-".into(), |d| d.to_string())),
                Cell::from(r.open_blockers.to_string()),
            ]
        },
    )?;
    Ok(ExitStatus::Success)
}

/// Criteria met of all, and measures met of all when there are any.
fn met(
    (criteria_met, criteria): (usize, usize),
    (measures_met, measures): (usize, usize),
) -> String {
    match (criteria, measures) {
        (_, 0) => format!("{criteria_met}/{criteria}"),
        (0, _) => format!("{measures_met}/{measures} measures"),
        _ => format!("{criteria_met}/{criteria} · {measures_met}/{measures} measures"),
    }
}
