//! Review packets: what was promised, delivered, blocked and decided, for a
//! person, project or team over a period — computed from history as plain
//! data, every fact citing its commit. Renderers only present this value, so
//! JSON, markdown and HTML cannot disagree. The exact meaning of every number
//! is SPEC section 5.1.

mod documents;
mod facts;
mod flow;
mod generate;
mod measures;
mod outcome;
mod render;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::config::Config;
use crate::document::blocker::{self as blockers, Listing};
use crate::history::{History, Provenance, Remarks, Timeline};

use documents::{DecisionRecord, Documents, UpdateDoc, decisions};

pub use crate::history::{Period, quarter_start};
pub use facts::*;
pub use generate::{Request, generate, generate_each};
pub use outcome::{Scope, scope};
pub use render::{Format, render};

/// Everything a packet is computed from.
pub struct Inputs<'a> {
    pub history: &'a History,
    pub config: &'a Config,
    pub subject: &'a Subject,
    pub period: Period,
    pub today: NaiveDate,
    /// Each project's timeline, by id.
    pub timelines: &'a BTreeMap<String, Timeline>,
}

/// Computes a packet.
pub fn compute(inputs: &Inputs<'_>) -> Packet {
    let history = inputs.history;
    let period = inputs.period;
    let documents = Documents::read(history, period);
    let Documents {
        updates, decisions, ..
    } = &documents;
    let members = members(inputs);

    let mut projects = Vec::new();
    for (id, versions) in &history.projects {
        if let Some(outcome) = outcome::outcome(inputs, id, versions, &members, &documents) {
            projects.push(outcome);
        }
    }
    let in_scope: BTreeSet<&str> = projects.iter().map(|p| p.id.as_str()).collect();

    let end = period.until.min(inputs.today);
    let runs = blocker_runs(history, updates, inputs.timelines, period);
    let blockers: Vec<BlockerFact> = runs
        .into_iter()
        .filter(|b| match inputs.subject {
            Subject::Project(id) => b.project == *id,
            _ => members.contains(b.author.as_str()),
        })
        .map(|b| BlockerFact {
            days_open: b.days_open(end),
            project: b.project,
            author: b.author,
            text: b.text,
            raised: b.raised,
            cleared: b.cleared,
            path: b.raised_in,
            commit: b.raised_commit,
        })
        .collect();

    let updates_written: Vec<UpdateFact> = updates
        .iter()
        .filter(|u| period.contains(u.date))
        .filter(|u| match inputs.subject {
            Subject::Project(id) => u.update.projects.iter().any(|p| p.value == *id),
            _ => members.contains(u.author),
        })
        .map(|u| UpdateFact {
            path: u.path.to_owned(),
            author: u.author.to_owned(),
            date: u.date,
            projects: u.update.projects.iter().map(|p| p.value.clone()).collect(),
            confidence: u.update.confidence.as_ref().map(|c| c.value),
            commit: u.commit.clone(),
        })
        .collect();

    let decisions_made: Vec<DecisionFact> = decisions
        .iter()
        .filter(|d| period.contains(d.fact.date))
        .filter(|d| match inputs.subject {
            Subject::Person(_) => d.fact.deciders.iter().any(|p| members.contains(p.as_str())),
            Subject::Project(id) => d.projects.iter().any(|p| p == id),
            Subject::Team(_) => {
                d.fact.deciders.iter().any(|p| members.contains(p.as_str()))
                    || d.projects.iter().any(|p| in_scope.contains(p.as_str()))
            }
        })
        .map(|d| d.fact.clone())
        .collect();

    let delivery = delivery(&projects, period);
    let notes = history
        .notes
        .iter()
        .map(|n| {
            let c = &history.commits[n.commit];
            format!(
                "skipped {} at {} ({}): {}",
                n.path,
                c.short(),
                c.date(),
                n.message
            )
        })
        .collect();
    Packet {
        schema: "goalpost.packet/2",
        subject: SubjectFact {
            kind: inputs.subject.kind(),
            id: inputs.subject.id().to_owned(),
            name: subject_name(inputs, &projects),
        },
        period,
        provenance: Provenance {
            generated_from: history.head.map(|h| h.to_string()).unwrap_or_default(),
            generated_on: inputs.today,
        },
        projects,
        delivery,
        blockers,
        updates: updates_written,
        decisions: decisions_made,
        remarks: Remarks {
            notes,
            ..Remarks::default()
        },
    }
}

/// Every blocker open at some moment of the period, from the updates read
/// for it: runs of an author's updates for a project (SPEC 1.3), cleared
/// when their project closed, as long as it closed within the period.
fn blocker_runs(
    history: &History,
    updates: &[UpdateDoc<'_>],
    timelines: &BTreeMap<String, Timeline>,
    period: Period,
) -> Vec<blockers::Blocker> {
    let listings: Vec<Listing<'_>> = updates
        .iter()
        .flat_map(|u| {
            u.update.projects.iter().map(move |p| Listing {
                author: u.author,
                project: p.value.as_str(),
                date: u.date,
                path: u.path,
                commit: Some(u.commit.as_str()),
                blockers: u.update.blockers.iter().map(|b| b.value.as_str()).collect(),
            })
        })
        .collect();
    let mut runs = blockers::runs(&listings);
    for b in &mut runs {
        if let Some((closed, commit)) = timelines
            .get(&b.project)
            .and_then(|timeline| timeline.closing_on_or_after(b.raised))
            // As for updates, what happens after the period is not in it.
            .filter(|(closed, _)| *closed <= period.until)
        {
            b.clear_by(closed, Some(&history.commits[commit].id.to_string()));
        }
    }
    runs.retain(|b| b.open_during(period.since, period.until));
    runs
}

/// The blockers open at some moment of the period, whoever raised them:
/// what a packet's `blockers` are drawn from (the digest's, too).
pub fn period_blockers(
    history: &History,
    timelines: &BTreeMap<String, Timeline>,
    period: Period,
) -> Vec<blockers::Blocker> {
    let documents = Documents::read(history, period);
    blocker_runs(history, &documents.updates, timelines, period)
}

/// The outcomes of projects by who owned them, as a team packet computes
/// them (SPEC 5.1): the period's updates and decisions read once for every
/// group asked about (the audit asks once per group).
pub struct Owners<'i, 'h> {
    inputs: &'i Inputs<'h>,
    documents: Documents<'h>,
}

impl<'i, 'h> Owners<'i, 'h> {
    pub fn new(inputs: &'i Inputs<'h>) -> Self {
        Owners {
            inputs,
            documents: Documents::read(inputs.history, inputs.period),
        }
    }

    /// The outcomes of the projects in scope that any of `people` owned at
    /// some moment of the period.
    pub fn outcomes(&self, people: &BTreeSet<&str>) -> Vec<Outcome> {
        self.inputs
            .history
            .projects
            .iter()
            .filter_map(|(id, versions)| {
                outcome::outcome(self.inputs, id, versions, people, &self.documents)
            })
            .filter(|o| o.role == Some("owner"))
            .collect()
    }
}

/// The decisions dated in the period, as of its end, oldest first.
pub fn decisions_in(history: &History, period: Period) -> Vec<DecisionFact> {
    decisions_naming(history, period)
        .into_iter()
        .map(|(fact, _)| fact)
        .collect()
}

/// The decisions dated in the period, as of its end, oldest first, each
/// with the ids of the projects it names.
pub fn decisions_naming(history: &History, period: Period) -> Vec<(DecisionFact, Vec<String>)> {
    decisions(history, period)
        .into_iter()
        .filter(|d| period.contains(d.fact.date))
        .map(|d| (d.fact, d.projects))
        .collect()
}

fn subject_name(inputs: &Inputs<'_>, projects: &[Outcome]) -> Option<String> {
    match inputs.subject {
        Subject::Person(p) => inputs.config.people.get(p).and_then(|p| p.name.clone()),
        Subject::Project(_) => projects.first().and_then(|p| p.title.clone()),
        Subject::Team(_) => None,
    }
}

/// The people whose work the packet covers.
fn members<'a>(inputs: &Inputs<'a>) -> BTreeSet<&'a str> {
    match inputs.subject {
        Subject::Person(p) => [p.as_str()].into(),
        Subject::Team(team) => inputs.config.members(team).collect(),
        Subject::Project(_) => BTreeSet::new(),
    }
}

fn commit_date(history: &History, version_commit: usize) -> NaiveDate {
    history.commits[version_commit].date()
}

fn delivery(projects: &[Outcome], period: Period) -> Delivery {
    let mut delivery = Delivery::default();
    let mut lead_times: Vec<i64> = Vec::new();
    let mut efficiencies = Vec::new();
    for p in projects {
        let flow = flow::Flow {
            active: p.days_active,
            blocked: p.days_blocked,
            at_risk: p.days_at_risk,
        };
        efficiencies.extend(flow.efficiency());
        if p.delivered.is_some() {
            delivery.delivered += 1;
            match p.on_time {
                Some(true) => delivery.on_time += 1,
                Some(false) => delivery.late += 1,
                None => {}
            }
            lead_times.extend(p.lead_time_days);
        } else if p.due_not_delivered {
            delivery.due_not_delivered += 1;
        }
        delivery.measures += p.measures.len();
        delivery.measures_met += p
            .measures
            .iter()
            .filter(|m| m.met.as_ref().is_some_and(|met| period.contains(met.date)))
            .count();
    }
    lead_times.sort_unstable();
    delivery.median_lead_time_days = median(&lead_times);
    delivery.median_flow_efficiency = flow::Ratio::median(efficiencies).map(flow::Ratio::rounded);
    delivery
}

/// The median of sorted whole days; with an even count, the mean of the two
/// middle values rounded down.
pub fn median(sorted: &[i64]) -> Option<i64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]).div_euclid(2)),
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_whole_days() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[41]), Some(41));
        assert_eq!(median(&[10, 20, 41]), Some(20));
        assert_eq!(median(&[10, 21]), Some(15));
    }
}
