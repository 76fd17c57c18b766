//! `goalpost agenda`: a 1:1 agenda about unblocking someone, not about status.

use chrono::Duration;
use clap::Args;

use crate::ExitStatus;
use crate::checkin;
use crate::cli::GlobalArgs;
use crate::commands::Output;
use crate::document::{CriterionState, Project};
use crate::error::Error;
use crate::views::{self, List, Who};
use crate::vocabulary::{Confidence, DecisionStatus};

/// Print a 1:1 agenda (markdown) for a person
///
/// Built to ask how to help: the person's open blockers and asks (oldest
/// first), projects at risk or off track per their latest update, late
/// check-ins, criteria still open on projects due within 30 days, proposed
/// decisions that involve them, and questions about what is in the way
/// (`agenda.questions` in goalpost.yml replaces them). No activity counts.
///
/// Examples:
///   goalpost agenda --person alice
///   goalpost agenda --person alice > 1on1-alice.md
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AgendaArgs {
    /// The person the 1:1 is with
    #[arg(long, value_name = "HANDLE")]
    pub person: String,
}

pub fn run(
    global: &GlobalArgs,
    args: &AgendaArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let (config, ws) = views::load(global, io)?;
    Who::from_flags(Some(&args.person), None, &config, &ws)?;
    let me = args.person.as_str();
    let today = global.today();
    let name = config
        .people
        .get(me)
        .and_then(|p| p.name.clone())
        .unwrap_or_else(|| me.to_owned());
    let involved = |p: &Project| {
        p.owner.as_ref().is_some_and(|o| o.value == me)
            || p.contributors.iter().any(|c| c.value == me)
    };
    let mine: Vec<&Project> = ws
        .projects()
        .map(|(_, p)| p)
        .filter(|p| involved(p) && !p.status.as_ref().is_some_and(|s| s.value.closed()))
        .collect();

    let mut out = format!("# 1:1 agenda: {name} — {today}\n");
    let mut section = |title: &str, lines: Vec<String>| {
        out.push_str(&format!("\n## {title}\n\n"));
        if lines.is_empty() {
            out.push_str("Nothing here.\n");
        }
        for line in lines {
            out.push_str(&format!("- {line}\n"));
        }
    };

    let open = |list| {
        views::open(&ws, list)
            .into_iter()
            .filter(|b| b.author == me)
            .map(|b| {
                format!(
                    "“{}” on `{}` — open {} days (since {}, `{}`)",
                    b.text,
                    b.project,
                    b.days_open(today),
                    b.raised,
                    b.raised_in
                )
            })
            .collect::<Vec<_>>()
    };
    section("What is in the way (open blockers)", open(List::Blockers));
    section("What they asked for (open asks)", open(List::Asks));

    // At risk per the latest update naming each project (or its status).
    let mut risky = Vec::new();
    for p in &mine {
        let latest = ws
            .updates()
            .filter(|(_, u)| u.projects.iter().any(|x| x.value == p.id.value))
            .filter_map(|(doc, u)| Some((u.date.as_ref()?.value, doc, u)))
            .max_by(|a, b| (a.0, &a.1.path).cmp(&(b.0, &b.1.path)));
        if let Some((date, doc, u)) = latest
            && let Some(c) = u
                .confidence
                .as_ref()
                .filter(|c| c.value != Confidence::OnTrack)
        {
            risky.push(format!(
                "`{}` is {} per the update of {date} (`{}`)",
                p.id.value,
                c.value.as_str(),
                doc.path
            ));
            continue;
        }
        if let Some(s) = p.status.as_ref().filter(|s| {
            matches!(
                s.value,
                crate::vocabulary::Lifecycle::AtRisk | crate::vocabulary::Lifecycle::Blocked
            )
        }) {
            risky.push(format!("`{}` has status {}", p.id.value, s.value.as_str()));
        }
    }
    section("Projects at risk or off track", risky);

    let dates = checkin::Dates::gather(&ws, &config);
    let late: Vec<String> = mine
        .iter()
        .filter_map(|p| {
            let state =
                checkin::state(p, &dates, &config, today).filter(checkin::Checkin::is_late)?;
            Some(format!(
                "`{}`: last update {}, next was due {}",
                p.id.value,
                state
                    .last_update
                    .map_or("never".to_owned(), |d| d.to_string()),
                state.due
            ))
        })
        .collect();
    section("Late check-ins", late);

    let soon = today + Duration::days(30);
    let mut criteria = Vec::new();
    for p in mine
        .iter()
        .filter(|p| p.due.as_ref().is_some_and(|d| d.value <= soon))
    {
        let due = p.due.as_ref().map(|d| d.value).unwrap_or(today);
        for c in p
            .criteria
            .iter()
            .filter(|c| c.state == CriterionState::Open)
        {
            criteria.push(format!("`{}` (due {due}): {}", p.id.value, c.text));
        }
    }
    section(
        "Criteria still open on projects due within 30 days",
        criteria,
    );

    let pending: Vec<String> = ws
        .decisions()
        .filter(|(_, d)| d.status.value == DecisionStatus::Proposed)
        .filter(|(_, d)| {
            d.deciders
                .iter()
                .chain(&d.consulted)
                .chain(&d.informed)
                .any(|h| h.value == me)
                || d.projects
                    .iter()
                    .any(|x| mine.iter().any(|p| p.id.value == x.value))
        })
        .map(|(doc, d)| {
            let title = d.title.as_ref().map_or("(untitled)", |t| t.value.as_str());
            format!("{} {title} (`{}`)", d.key, doc.path)
        })
        .collect();
    section("Decisions waiting (proposed)", pending);

    section("Questions", config.agenda_questions.clone());
    io.out.write_all(out.as_bytes())?;
    Ok(ExitStatus::Success)
}
