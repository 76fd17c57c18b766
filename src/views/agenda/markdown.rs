//! The agenda as a markdown document to open a 1:1 with; people's words
//! show as they wrote them.

use super::{Agenda, OpenItem};
use crate::render::markdown;

impl Agenda {
    /// The agenda as a markdown document to open a 1:1 with.
    pub fn to_markdown(&self) -> String {
        // People's words show as written: no markup gets through.
        let (t, c) = (markdown::plain, markdown::code);
        let mut out = format!("# 1:1 agenda: {} — {}\n", t(&self.name), self.date);
        let mut section = |title: &str, lines: Vec<String>| {
            out.push_str(&format!("\n## {title}\n\n"));
            if lines.is_empty() {
                out.push_str("Nothing here.\n");
            }
            for line in lines {
                out.push_str(&format!("- {line}\n"));
            }
        };
        let open = |items: &[OpenItem]| {
            items
                .iter()
                .map(|b| {
                    format!(
                        "“{}” on {} — open {} days (since {}, {})",
                        t(&b.text),
                        c(&b.project),
                        b.days_open,
                        b.raised,
                        c(&b.path)
                    )
                })
                .collect()
        };
        section("What is in the way (open blockers)", open(&self.blockers));
        section("What they asked for (open asks)", open(&self.asks));
        section(
            "What others asked of them (open asks addressed to them)",
            self.asked_of_them
                .iter()
                .map(|a| {
                    format!(
                        "“{}” from {} on {} — open {} days (since {}, {})",
                        t(&a.text),
                        t(&a.author),
                        c(&a.project),
                        a.days_open,
                        a.raised,
                        c(&a.path)
                    )
                })
                .collect(),
        );
        section(
            "Projects at risk or off track",
            self.at_risk
                .iter()
                .map(|r| match (&r.confidence, &r.update, &r.status) {
                    (Some(confidence), Some(u), _) => format!(
                        "{} is {} per the update of {} ({})",
                        c(&r.project),
                        confidence.as_str(),
                        u.date,
                        c(&u.path)
                    ),
                    (_, _, Some(s)) => format!("{} has status {}", c(&r.project), s.as_str()),
                    _ => c(&r.project),
                })
                .collect(),
        );
        section(
            "Late check-ins",
            self.late_checkins
                .iter()
                .map(|l| {
                    format!(
                        "{}: last update {}, next was due {}",
                        c(&l.project),
                        l.last_update.map_or("never".to_owned(), |d| d.to_string()),
                        l.due
                    )
                })
                .collect(),
        );
        section(
            "Criteria still open on projects due within 30 days",
            self.open_criteria
                .iter()
                .map(|o| {
                    let overdue = if o.overdue { ", overdue" } else { "" };
                    format!(
                        "{} (due {}{overdue}): {}",
                        c(&o.project),
                        o.due,
                        t(&o.criterion)
                    )
                })
                .collect(),
        );
        section(
            "Decisions waiting (proposed)",
            self.decisions_waiting
                .iter()
                .map(|d| {
                    format!(
                        "{} {} ({})",
                        t(&d.decision),
                        d.title.as_deref().map_or("(untitled)".to_owned(), t),
                        c(&d.path)
                    )
                })
                .collect(),
        );
        let wait = |w: &crate::views::waiting::Waiting, whose: &str| {
            let on = &w.waiting_on;
            format!(
                "{} ({}) waits on {}{}, which is {} ({})",
                c(&w.project),
                w.owner.as_deref().map_or("no owner".to_owned(), t),
                whose,
                c(&on.id),
                w.trouble(),
                c(&on.path)
            )
        };
        // Only where the repository records dependencies and one is in
        // trouble: most agendas have neither section.
        if !self.waiting_on_others.is_empty() {
            section(
                "Waiting on other projects (ask their owners)",
                self.waiting_on_others
                    .iter()
                    .map(|w| {
                        let owner = w
                            .waiting_on
                            .owner
                            .as_deref()
                            .map_or("no owner".to_owned(), t);
                        format!("{} — ask {owner}", wait(w, ""))
                    })
                    .collect(),
            );
        }
        if !self.others_waiting.is_empty() {
            section(
                "Others waiting on their projects",
                self.others_waiting
                    .iter()
                    .map(|w| wait(w, "their "))
                    .collect(),
            );
        }
        section("Questions", self.questions.iter().map(|q| t(q)).collect());
        out
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::{AtRisk, LateCheckin, OpenCriterion, UpdateRef, Waiting};
    use super::*;
    use crate::vocabulary::Confidence;

    /// The agenda's markdown lets no one's words become markup.
    #[test]
    fn no_user_text_becomes_markup_in_the_agenda() {
        let evil = "`<img src=x onerror=alert(1)>` [x](javascript:alert(1))";
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let item = OpenItem {
            project: evil.into(),
            author: evil.into(),
            text: evil.into(),
            raised: day,
            days_open: 1,
            path: evil.into(),
        };
        let wait = crate::views::waiting::Waiting {
            project: evil.into(),
            owner: Some(evil.into()),
            waiting_on: crate::views::waiting::Dependency {
                id: evil.into(),
                owner: Some(evil.into()),
                status: Some(crate::vocabulary::Lifecycle::Blocked),
                due: Some(day),
                overdue: true,
                path: evil.into(),
            },
        };
        let agenda = Agenda {
            schema: "goalpost.agenda/1",
            person: evil.into(),
            name: evil.into(),
            date: day,
            blockers: vec![item.clone()],
            asks: vec![item.clone()],
            asked_of_them: vec![item],
            at_risk: vec![AtRisk {
                project: evil.into(),
                confidence: Some(Confidence::AtRisk),
                update: Some(UpdateRef {
                    date: day,
                    path: evil.into(),
                }),
                status: None,
            }],
            late_checkins: vec![LateCheckin {
                project: evil.into(),
                last_update: None,
                due: day,
            }],
            open_criteria: vec![OpenCriterion {
                project: evil.into(),
                due: day,
                overdue: true,
                criterion: evil.into(),
            }],
            decisions_waiting: vec![Waiting {
                decision: evil.into(),
                title: Some(evil.into()),
                path: evil.into(),
            }],
            waiting_on_others: vec![wait.clone()],
            others_waiting: vec![wait],
            questions: vec![evil.into()],
        };
        let md = agenda.to_markdown();
        for event in pulldown_cmark::Parser::new(&md) {
            assert!(
                !matches!(
                    event,
                    pulldown_cmark::Event::Html(_)
                        | pulldown_cmark::Event::InlineHtml(_)
                        | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { .. })
                ),
                "{event:?} in\n{md}"
            );
        }
    }
}
