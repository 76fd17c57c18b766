//! `goalpost status`: where every project stands.

use std::collections::HashMap;

use clap::Args;
use serde::Serialize;

use crate::ExitStatus;
use crate::checkin;
use crate::cli::GlobalArgs;
use crate::commands::Output;
use crate::document::CriterionState;
use crate::error::Error;
use crate::suggest;
use crate::views::{self, List, TableFormat};
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
    pub owners: views::OwnerArgs,
    /// Only projects in this status (a lifecycle state or one of your words for it)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// One row (the `status --format json` contract).
#[derive(Debug, Serialize)]
struct Row {
    id: String,
    title: Option<String>,
    owner: Option<String>,
    status: Option<Lifecycle>,
    criteria_met: usize,
    criteria_total: usize,
    due: Option<chrono::NaiveDate>,
    last_update: Option<chrono::NaiveDate>,
    open_blockers: usize,
    #[serde(skip)]
    overdue: bool,
}

pub fn run(
    global: &GlobalArgs,
    args: &StatusArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let (config, ws) = views::load(global, io)?;
    let today = global.today();
    let owner = args.owners.resolve(&config, &ws)?;
    let wanted = match &args.status {
        Some(word) => Some(config.lifecycle(word).ok_or_else(|| {
            let words = config.status_words();
            suggest::unknown("status", word, words.iter().map(String::as_str))
        })?),
        None => None,
    };
    let latest = checkin::latest_updates(&ws);
    let mut blockers: HashMap<String, usize> = HashMap::new();
    for b in views::open(&ws, List::Blockers) {
        *blockers.entry(b.project).or_default() += 1;
    }
    let mut rows: Vec<Row> = ws
        .projects()
        .filter(|(_, p)| owner.owns(p))
        .filter(|(_, p)| wanted.is_none() || p.status.as_ref().map(|s| s.value) == wanted)
        .map(|(_, p)| {
            let status = p.status.as_ref().map(|s| s.value);
            let due = p.due.as_ref().map(|d| d.value);
            Row {
                id: p.id.value.clone(),
                title: p.title.as_ref().map(|t| t.value.clone()),
                owner: p.owner.as_ref().map(|o| o.value.clone()),
                status,
                criteria_met: p
                    .criteria
                    .iter()
                    .filter(|c| c.state == CriterionState::Met)
                    .count(),
                criteria_total: p
                    .criteria
                    .iter()
                    .filter(|c| c.state != CriterionState::Withdrawn)
                    .count(),
                due,
                last_update: latest.get(p.id.value.as_str()).copied(),
                open_blockers: blockers.get(&p.id.value).copied().unwrap_or(0),
                overdue: due.is_some_and(|d| d < today) && !status.is_some_and(Lifecycle::closed),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let rank = |r: &Row| match r.status {
            Some(Lifecycle::AtRisk) => 0,
            Some(Lifecycle::Blocked) => 1,
            Some(Lifecycle::Active) => 2,
            Some(Lifecycle::Proposed) => 3,
            None => 4,
            Some(Lifecycle::Done) => 5,
            Some(Lifecycle::Dropped) => 6,
        };
        (rank(a), a.due.is_none(), a.due, &a.id).cmp(&(rank(b), b.due.is_none(), b.due, &b.id))
    });
    views::emit(
        io,
        args.format,
        &rows,
        "No projects.",
        &[
            "PROJECT",
            "STATUS",
            "OWNER",
            "CRITERIA",
            "DUE",
            "LAST UPDATE",
            "BLOCKERS",
        ],
        |r| {
            [
                r.id.clone(),
                r.status.map_or("?".into(), |s| s.as_str().to_owned()),
                r.owner.clone().unwrap_or_else(|| "?".into()),
                format!("{}/{}", r.criteria_met, r.criteria_total),
                r.due.map_or("-".into(), |d| {
                    if r.overdue {
                        format!("{d} overdue")
                    } else {
                        d.to_string()
                    }
                }),
                r.last_update.map_or("-".into(), |d| d.to_string()),
                r.open_blockers.to_string(),
            ]
        },
    )?;
    Ok(ExitStatus::Success)
}
