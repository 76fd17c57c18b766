//! A 1:1 agenda about unblocking someone, not about status: their open
//! blockers and asks, projects at risk, late check-ins, criteria still open
//! on work due soon, decisions waiting on them, and questions about what is
//! in the way. No activity counts.

mod markdown;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::blockers::{List, open};
use crate::config::Config;
use crate::document::blocker::Blocker;
use crate::document::{CriterionState, Project};
use crate::vocabulary::{Confidence, DecisionStatus, Lifecycle};
use crate::workspace::checkin::{self, Dates};
use crate::workspace::{AddedDates, Workspace};

/// Projects due within this many days have their open criteria listed.
const DUE_SOON_DAYS: i64 = 30;

/// The agenda (the `agenda --format json` contract, `goalpost.agenda/1`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub schema: &'static str,
    pub person: String,
    /// The person's name from the roster, else the handle.
    pub name: String,
    pub date: NaiveDate,
    /// Their open blockers, oldest first.
    pub blockers: Vec<OpenItem>,
    /// Their open asks, oldest first.
    pub asks: Vec<OpenItem>,
    /// Open asks of others addressed to them (`Maya: …`, `@maya …`).
    pub asked_of_them: Vec<OpenItem>,
    /// Their projects at risk or off track.
    pub at_risk: Vec<AtRisk>,
    pub late_checkins: Vec<LateCheckin>,
    /// Criteria still open on their projects due within 30 days.
    pub open_criteria: Vec<OpenCriterion>,
    /// Proposed decisions that involve them or their projects.
    pub decisions_waiting: Vec<Waiting>,
    /// Their projects waiting on a dependency that is blocked, at risk or
    /// overdue, with its owner.
    pub waiting_on_others: Vec<super::waiting::Waiting>,
    /// Others' projects waiting on a project of theirs that is blocked, at
    /// risk or overdue.
    pub others_waiting: Vec<super::waiting::Waiting>,
    pub questions: Vec<String>,
}

/// An open blocker or ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenItem {
    pub project: String,
    /// Who listed it.
    pub author: String,
    pub text: String,
    pub raised: NaiveDate,
    pub days_open: i64,
    /// The update that raised it.
    pub path: String,
}

/// A project at risk: by the confidence of the newest update naming it, or
/// else by its status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AtRisk {
    pub project: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The update that says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<UpdateRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Lifecycle>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UpdateRef {
    pub date: NaiveDate,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LateCheckin {
    pub project: String,
    pub last_update: Option<NaiveDate>,
    pub due: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenCriterion {
    pub project: String,
    pub due: NaiveDate,
    /// The due date has passed.
    pub overdue: bool,
    pub criterion: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Waiting {
    /// The decision's number, or its file stem.
    pub decision: String,
    pub title: Option<String>,
    pub path: String,
}

/// The agenda for a 1:1 with `person` (a known handle) on `today`.
pub fn agenda(
    ws: &Workspace,
    config: &Config,
    person: &str,
    added: &AddedDates,
    today: NaiveDate,
) -> Agenda {
    Team::new(ws, config, added, today).agenda(person)
}

/// What every agenda of one team on one day reads, gathered once: for a
/// page per person (the site) without re-reading every update per person.
pub struct Team<'a> {
    ws: &'a Workspace,
    config: &'a Config,
    today: NaiveDate,
    blockers: Vec<Blocker>,
    asks: Vec<Blocker>,
    latest: std::collections::HashMap<&'a str, crate::workspace::Latest<'a>>,
    dates: Dates<'a>,
    waits: Vec<super::waiting::Waiting>,
}

impl<'a> Team<'a> {
    pub fn new(
        ws: &'a Workspace,
        config: &'a Config,
        added: &AddedDates,
        today: NaiveDate,
    ) -> Self {
        Team {
            ws,
            config,
            today,
            blockers: open(ws, List::Blockers),
            asks: open(ws, List::Asks),
            latest: ws.latest_updates_where(|_, _| true),
            dates: Dates::new(ws, added),
            waits: super::waiting::all(ws, today),
        }
    }

    /// The agenda for a 1:1 with `person` (a known handle).
    pub fn agenda(&self, person: &str) -> Agenda {
        let (ws, config, today) = (self.ws, self.config, self.today);
        let me = person;
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

        let item = |b: &Blocker| OpenItem {
            days_open: b.days_open(today),
            project: b.project.clone(),
            author: b.author.clone(),
            text: b.text.clone(),
            raised: b.raised,
            path: b.raised_in.clone(),
        };
        let open_items = |list: &[Blocker]| {
            list.iter()
                .filter(|b| b.author == me)
                .map(item)
                .collect::<Vec<_>>()
        };
        let names = addressed_as(config, me);
        let asked_of_them: Vec<OpenItem> = self
            .asks
            .iter()
            .filter(|b| b.author != me && addressed_to(&b.text, &names))
            .map(item)
            .collect();

        let latest = &self.latest;
        let mut at_risk = Vec::new();
        for p in &mine {
            if let Some(latest) = latest.get(p.id.value.as_str())
                && let Some(c) = latest
                    .update
                    .confidence
                    .as_ref()
                    .filter(|c| c.value != Confidence::OnTrack)
            {
                at_risk.push(AtRisk {
                    project: p.id.value.clone(),
                    confidence: Some(c.value),
                    update: Some(UpdateRef {
                        date: latest.date,
                        path: latest.document.path.clone(),
                    }),
                    status: None,
                });
                continue;
            }
            if let Some(s) = p
                .status
                .as_ref()
                .filter(|s| matches!(s.value, Lifecycle::AtRisk | Lifecycle::Blocked))
            {
                at_risk.push(AtRisk {
                    project: p.id.value.clone(),
                    confidence: None,
                    update: None,
                    status: Some(s.value),
                });
            }
        }

        let dates = &self.dates;
        let late_checkins = mine
            .iter()
            .filter_map(|p| {
                let state =
                    checkin::state(p, dates, config, today).filter(checkin::Checkin::is_late)?;
                Some(LateCheckin {
                    project: p.id.value.clone(),
                    last_update: state.last_update,
                    due: state.due,
                })
            })
            .collect();

        let soon = today + Duration::days(DUE_SOON_DAYS);
        let mut open_criteria = Vec::new();
        for p in &mine {
            let Some(due) = p.due.as_ref().map(|d| d.value).filter(|d| *d <= soon) else {
                continue;
            };
            for c in p
                .criteria
                .iter()
                .filter(|c| c.state == CriterionState::Open)
            {
                open_criteria.push(OpenCriterion {
                    project: p.id.value.clone(),
                    due,
                    overdue: due < today,
                    criterion: c.text.clone(),
                });
            }
        }

        let decisions_waiting = ws
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
            .map(|(doc, d)| Waiting {
                decision: d.key.clone(),
                title: d.title.as_ref().map(|t| t.value.clone()),
                path: doc.path.clone(),
            })
            .collect();

        let is_mine = |id: &str| mine.iter().any(|p| p.id.value == id);
        let waiting_on_others = self
            .waits
            .iter()
            .filter(|w| is_mine(&w.project) && w.waiting_on.owner.as_deref() != Some(me))
            .cloned()
            .collect();
        let others_waiting = self
            .waits
            .iter()
            .filter(|w| w.waiting_on.owner.as_deref() == Some(me) && !is_mine(&w.project))
            .cloned()
            .collect();

        Agenda {
            schema: "goalpost.agenda/1",
            person: me.to_owned(),
            name,
            date: today,
            blockers: open_items(&self.blockers),
            asks: open_items(&self.asks),
            asked_of_them,
            at_risk,
            late_checkins,
            open_criteria,
            decisions_waiting,
            waiting_on_others,
            others_waiting,
            questions: config.agenda_questions.clone(),
        }
    }
}

/// The words an ask may open with to address `person`: the handle, the
/// roster name and its first word, lower-cased.
fn addressed_as(config: &Config, person: &str) -> Vec<String> {
    let mut names = vec![person.to_lowercase()];
    if let Some(name) = config.people.get(person).and_then(|p| p.name.as_deref()) {
        names.push(name.to_lowercase());
        if let Some(first) = name.split_whitespace().next() {
            names.push(first.to_lowercase());
        }
    }
    names
}

/// Whether an ask opens by addressing one of `names`: `Maya: …`,
/// `Maya Chen, …` or `@maya …`.
fn addressed_to(text: &str, names: &[String]) -> bool {
    let lower = text.trim_start().to_lowercase();
    let lower = lower.strip_prefix('@').unwrap_or(&lower);
    names.iter().any(|name| {
        lower.strip_prefix(name.as_str()).is_some_and(|rest| {
            rest.starts_with([':', ','])
                || (text.trim_start().starts_with('@') && rest.starts_with(char::is_whitespace))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::addressed_to;

    #[test]
    fn asks_address_a_person_by_handle_or_name() {
        let names = ["maya".to_owned(), "maya chen".to_owned()];
        assert!(addressed_to("Maya: review the eviction policy", &names));
        assert!(addressed_to("maya chen, a second pair of eyes", &names));
        assert!(addressed_to("@maya please review", &names));
        assert!(!addressed_to("Mayan calendar support", &names));
        assert!(!addressed_to("Ask Maya: later", &names));
        assert!(!addressed_to("maya please", &names));
    }
}
