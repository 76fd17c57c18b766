//! From each reported group's counts to its selections and the findings:
//! the highest rate of each opportunity, impact ratios against it, flags,
//! and for each flag its significance and shortfall. All comparisons are
//! of exact fractions.

use std::cmp::Ordering;

use super::significance::{self, Count, PValue};
use super::{DecisionRef, Finding, Group, Opportunities, Outcomes, Selection, fraction_cmp};

/// The opportunities an audit counts, in the order it reports them.
pub const OPPORTUNITIES: [&str; 5] = ["led", "stretch", "decider", "recognized", "promoted"];

/// How many of a group's people received one opportunity, and what it
/// counted.
pub struct Pick {
    pub selected: usize,
    pub projects: Option<Vec<String>>,
    pub decisions: Option<Vec<DecisionRef>>,
}

impl Pick {
    pub fn of_projects(selected: usize, projects: Vec<String>) -> Pick {
        Pick {
            selected,
            projects: Some(projects),
            decisions: None,
        }
    }
}

/// A reported group's counts: a pick per opportunity of [`OPPORTUNITIES`]
/// (none for one the audit was not given, as promotions without a file).
pub struct Counted {
    pub picks: [Option<Pick>; 5],
    pub outcomes: Outcomes,
    /// (on time, on time + late).
    pub measured: (usize, usize),
}

/// The groups and findings, from each group's counts (`None`: too small
/// to report), sizes and names.
pub fn groups(
    counted: &[Option<Counted>],
    sizes: &[usize],
    names: &[&str],
) -> (Vec<Group>, Vec<Finding>) {
    // The highest rate of each opportunity among reported groups, as (group,
    // selected, people); on a tie, the larger group, then the first by name.
    let mut highest: [Option<(usize, usize, usize)>; 5] = [None; 5];
    for (i, c) in counted.iter().enumerate() {
        let Some(c) = c else { continue };
        let people = sizes[i];
        for (which, best) in highest.iter_mut().enumerate() {
            let Some(pick) = &c.picks[which] else {
                continue;
            };
            let selected = pick.selected;
            let better =
                best.is_none_or(|(_, s, p)| match fraction_cmp((selected, people), (s, p)) {
                    Ordering::Greater => true,
                    Ordering::Equal => people > p,
                    Ordering::Less => false,
                });
            if better {
                *best = Some((i, selected, people));
            }
        }
    }

    let mut groups = Vec::new();
    let mut findings = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let Some(c) = &counted[i] else {
            groups.push(Group {
                group: (*name).to_owned(),
                people: None,
                reported: false,
                opportunities: None,
                outcomes: None,
            });
            continue;
        };
        let people = sizes[i];
        let mut selections: [Option<Selection>; 5] = Default::default();
        for (which, slot) in selections.iter_mut().enumerate() {
            let Some(pick) = &c.picks[which] else {
                continue;
            };
            let selection = select(pick, people, highest[which]);
            if selection.flagged
                && let Some((reference, top, top_people)) = highest[which]
            {
                let theirs = counted[reference].as_ref().map_or((0, 0), |r| r.measured);
                let group = Count {
                    selected: pick.selected,
                    people,
                };
                let against = Count {
                    selected: top,
                    people: top_people,
                };
                let p = PValue::fisher(group, against);
                let shortfall = significance::shortfall(group, against);
                findings.push(Finding {
                    group: (*name).to_owned(),
                    opportunity: OPPORTUNITIES[which],
                    impact_ratio: selection.impact_ratio.unwrap_or(0.0),
                    reference: names[reference].to_owned(),
                    outcomes_comparable: (c.measured.1 > 0 && theirs.1 > 0)
                        .then(|| fraction_cmp(c.measured, theirs) != Ordering::Less),
                    p_value: p.value(),
                    significant: p.significant(),
                    shortfall,
                    fragile: shortfall == 1,
                });
            }
            *slot = Some(selection);
        }
        let [led, stretch, decider, recognized, promoted] = selections;
        let (Some(led), Some(stretch), Some(decider)) = (led, stretch, decider) else {
            continue;
        };
        groups.push(Group {
            group: (*name).to_owned(),
            people: Some(people),
            reported: true,
            opportunities: Some(Opportunities {
                led,
                stretch,
                decider,
                recognized,
                promoted,
            }),
            outcomes: Some(c.outcomes.clone()),
        });
    }
    (groups, findings)
}

/// A group's selection for one opportunity against the highest rate.
fn select(pick: &Pick, people: usize, highest: Option<(usize, usize, usize)>) -> Selection {
    let selected = pick.selected;
    let (impact_ratio, flagged) = match highest {
        Some((_, top, top_people)) if top > 0 => {
            // (s / p) / (top / top_people) < 4/5, in whole numbers.
            let num = selected as u128 * top_people as u128;
            let den = people as u128 * top as u128;
            (Some(num as f64 / den as f64), num * 5 < den * 4)
        }
        _ => (None, false),
    };
    Selection {
        selected,
        rate: selected as f64 / people as f64,
        impact_ratio,
        flagged,
        projects: pick.projects.clone(),
        decisions: pick.decisions.clone(),
    }
}
