//! What needs attention today, from the team views of the working tree:
//! the check-ins `goalpost checkins` lists, the blockers and asks
//! `goalpost blockers` counts as open, the due dates `goalpost status`
//! calls overdue. Each item then cites the commit that last changed the
//! file it is read from.

use std::collections::HashMap;

use chrono::NaiveDate;
use git2::Oid;

use super::{Attention, Checkin, DUE_SOON_DAYS, Due, OLD_BLOCKER_DAYS, Open};
use crate::config::Config;
use crate::views::Who;
use crate::views::blockers::{List, open};
use crate::views::{checkins, status};
use crate::workspace::{AddedDates, Workspace};

/// What needs attention among the work of `who`, as of `today`; commits
/// are filled in by [`Attention::cite`].
pub fn attention(
    ws: &Workspace,
    config: &Config,
    who: &Who,
    added: &AddedDates,
    today: NaiveDate,
) -> Attention {
    let paths: HashMap<&str, &str> = ws
        .projects()
        .map(|(d, p)| (p.id.value.as_str(), d.path.as_str()))
        .collect();
    let project_path = |id: &str| paths.get(id).map_or_else(String::new, |p| (*p).to_owned());
    let latest = ws.latest_updates_where(|_, _| true);
    let checkins = checkins::rows(ws, config, who, added, today)
        .into_iter()
        .map(|r| Checkin {
            path: latest
                .get(r.project.as_str())
                .map_or_else(|| project_path(&r.project), |l| l.document.path.clone()),
            project: r.project,
            owner: r.owner,
            last_update: r.last_update,
            due: r.due,
            days_late: r.days_late,
            late: r.late,
            commit: None,
        })
        .collect();
    let listed = |list: List, older_than: i64| -> Vec<Open> {
        open(ws, list)
            .into_iter()
            .filter(|b| who.includes(&b.author))
            .filter(|b| b.days_open(today) > older_than)
            .map(|b| Open {
                age_days: b.days_open(today),
                project: b.project,
                author: b.author,
                text: b.text,
                raised: b.raised,
                path: b.raised_in,
                commit: None,
            })
            .collect()
    };
    let old_blockers = listed(List::Blockers, OLD_BLOCKER_DAYS);
    // Every ask still open, however new.
    let asks = listed(List::Asks, -1);
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    for row in status::rows(ws, who, None, today) {
        let closed = row.status.is_some_and(|s| s.closed());
        let Some(due) = row.due.filter(|_| !closed) else {
            continue;
        };
        let days = (due - today).num_days();
        let item = Due {
            path: project_path(&row.id),
            project: row.id,
            title: row.title,
            owner: row.owner,
            status: row.status,
            due,
            days,
            commit: None,
        };
        if row.overdue {
            overdue.push(item);
        } else if days <= DUE_SOON_DAYS {
            due_soon.push(item);
        }
    }
    let by_due = |a: &Due, b: &Due| (a.due, &a.project).cmp(&(b.due, &b.project));
    overdue.sort_by(by_due);
    due_soon.sort_by(by_due);
    Attention {
        checkins,
        old_blockers,
        asks,
        overdue,
        due_soon,
    }
}

impl Attention {
    /// The files its items are read from.
    pub fn paths(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .checkins
            .iter()
            .map(|c| c.path.as_str())
            .chain(self.old_blockers.iter().map(|b| b.path.as_str()))
            .chain(self.asks.iter().map(|b| b.path.as_str()))
            .chain(self.overdue.iter().map(|d| d.path.as_str()))
            .chain(self.due_soon.iter().map(|d| d.path.as_str()))
            .filter(|p| !p.is_empty())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Cites, for each item, the commit that last changed its file.
    pub fn cite(&mut self, changes: &HashMap<String, (Oid, NaiveDate)>) {
        let commit = |path: &str| changes.get(path).map(|(id, _)| id.to_string());
        for c in &mut self.checkins {
            c.commit = commit(&c.path);
        }
        for b in self.old_blockers.iter_mut().chain(&mut self.asks) {
            b.commit = commit(&b.path);
        }
        for d in self.overdue.iter_mut().chain(&mut self.due_soon) {
            d.commit = commit(&d.path);
        }
    }
}
