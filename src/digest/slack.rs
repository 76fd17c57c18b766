//! The digest as a Slack message (`--format slack`, and what `--post`
//! sends): `{"text": …, "blocks": […]}` for an incoming webhook, in
//! Slack's `mrkdwn`. People's words are escaped (`&`, `<`, `>`), so a
//! blocker that reads `<!channel>` shows as text and pings nobody.

use serde_json::{Value, json};

use super::Digest;
use crate::history::short;

/// The titles of the sections of what needs attention.
const ATTENTION: [&str; 5] = [
    "Check-ins due",
    "Blockers open more than 14 days",
    "Asks still open",
    "Overdue",
    "Due within 14 days",
];

/// Slack's limit on a section's text.
const SECTION_LIMIT: usize = 3000;

/// Escapes text for `mrkdwn`: the three characters Slack reads as markup
/// for links and mentions.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The digest as an incoming webhook's JSON body.
pub fn message(digest: &Digest) -> Value {
    let who = |h: Option<&str>| match h {
        Some(h) => digest.mentions.get(h).cloned().unwrap_or_else(|| escape(h)),
        None => "no owner".to_owned(),
    };
    let cite = |sha: Option<&str>| match (sha, &digest.remarks.web) {
        (None, _) => "not committed".to_owned(),
        (Some(sha), Some(web)) => format!("<{}{sha}|{}>", web.commit, short(sha)),
        (Some(sha), None) => format!("`{}`", short(sha)),
    };
    let code = |s: &str| format!("`{}`", escape(&s.replace('`', "'")));
    let a = &digest.attention;
    let c = &digest.changes;
    let mut sections: Vec<(&str, Vec<String>)> = Vec::new();
    let mut add = |title: &'static str, lines: Vec<String>| {
        if !lines.is_empty() {
            sections.push((title, lines));
        }
    };
    add(
        "Check-ins due",
        a.checkins
            .iter()
            .map(|r| {
                let state = if r.late {
                    format!("is *late* ({} d past grace)", r.days_late)
                } else {
                    format!("is due {}", r.due)
                };
                format!(
                    "{}: {}'s update {state} · {}",
                    code(&r.project),
                    who(r.owner.as_deref()),
                    cite(r.commit.as_deref())
                )
            })
            .collect(),
    );
    let open = |b: &super::Open, verb: &str| {
        format!(
            "{}: {} — {verb} {}, {} ({} d) · {}",
            code(&b.project),
            escape(&b.text),
            who(Some(&b.author)),
            b.raised,
            b.age_days,
            cite(b.commit.as_deref())
        )
    };
    add(
        "Blockers open more than 14 days",
        a.old_blockers
            .iter()
            .map(|b| open(b, "raised by"))
            .collect(),
    );
    add(
        "Asks still open",
        a.asks.iter().map(|b| open(b, "asked by")).collect(),
    );
    let due = |d: &super::Due| {
        format!(
            "{}: due {} · owner {} · {}",
            code(&d.project),
            d.due,
            who(d.owner.as_deref()),
            cite(d.commit.as_deref())
        )
    };
    add("Overdue", a.overdue.iter().map(due).collect());
    add("Due within 14 days", a.due_soon.iter().map(due).collect());
    add(
        "Status changes",
        c.status_changes
            .iter()
            .map(|e| {
                let word = |w: &Option<String>, s: &Option<String>| {
                    escape(w.as_deref().or(s.as_deref()).unwrap_or("none"))
                };
                format!(
                    "{}: {} → {} · {} · {}",
                    code(&e.project),
                    word(&e.from_word, &e.from),
                    word(&e.to_word, &e.to),
                    e.date,
                    cite(Some(&e.commit))
                )
            })
            .collect(),
    );
    add(
        "Criteria met",
        c.criteria_met
            .iter()
            .map(|e| {
                format!(
                    "{}: {} · {} · {}",
                    code(&e.project),
                    escape(e.criterion.as_deref().unwrap_or("")),
                    e.date,
                    cite(Some(&e.commit))
                )
            })
            .collect(),
    );
    add(
        "Measures met",
        c.measures_met
            .iter()
            .map(|e| {
                format!(
                    "{}: {} reached {}{} (target {}) · {} · {}",
                    code(&e.project),
                    code(e.measure.as_deref().unwrap_or("")),
                    escape(e.value.as_deref().unwrap_or("")),
                    e.unit
                        .as_deref()
                        .map(|u| format!(" {}", escape(u)))
                        .unwrap_or_default(),
                    escape(e.target.as_deref().unwrap_or("")),
                    e.date,
                    cite(Some(&e.commit))
                )
            })
            .collect(),
    );
    let blocker = |b: &super::Blocker, when: String| {
        format!(
            "{}: {} — {}, {when} · {}",
            code(&b.project),
            escape(&b.text),
            who(Some(&b.author)),
            cite(b.commit.as_deref())
        )
    };
    add(
        "Blockers raised",
        c.blockers_opened
            .iter()
            .map(|b| blocker(b, format!("raised {}", b.raised)))
            .collect(),
    );
    add(
        "Blockers cleared",
        c.blockers_cleared
            .iter()
            .map(|b| {
                let cleared = b.cleared.map(|d| d.to_string()).unwrap_or_default();
                blocker(b, format!("cleared {cleared}"))
            })
            .collect(),
    );
    add(
        "Decisions",
        c.decisions
            .iter()
            .map(|d| {
                let id = d.number.map_or_else(|| code(&d.key), |n| n.to_string());
                let deciders: Vec<String> = d.deciders.iter().map(|p| who(Some(p))).collect();
                format!(
                    "{id}: {} ({}, {}{}) · {}",
                    escape(d.title.as_deref().unwrap_or(&d.key)),
                    escape(&d.status),
                    d.date,
                    if deciders.is_empty() {
                        String::new()
                    } else {
                        format!("; {}", deciders.join(", "))
                    },
                    cite(Some(&d.commit))
                )
            })
            .collect(),
    );

    // The attention sections come first.
    let attention_sections = sections
        .iter()
        .filter(|(t, _)| ATTENTION.contains(t))
        .count();
    let title = match &digest.team {
        Some(team) => format!(
            "Digest: {team}, {} to {}",
            digest.period.since, digest.period.until
        ),
        None => format!("Digest, {} to {}", digest.period.since, digest.period.until),
    };
    let mut blocks = vec![json!({
        "type": "header",
        "text": { "type": "plain_text", "text": clip(&title, 150) }
    })];
    if !digest.needs_attention {
        blocks.push(section(
            "Nothing needs attention: no check-in is late or due within 2 days, no blocker is older than 14 days, no ask is open, and nothing is overdue or due within 14 days.".to_owned(),
        ));
    }
    for (i, (title, lines)) in sections.iter().enumerate() {
        if i == attention_sections && digest.changes.is_empty() {
            blocks.push(section("Nothing changed in the period.".to_owned()));
        }
        blocks.push(section(bulleted(title, lines)));
    }
    if sections.len() == attention_sections && digest.changes.is_empty() {
        blocks.push(section("Nothing changed in the period.".to_owned()));
    }
    blocks.push(json!({
        "type": "context",
        "elements": [{ "type": "mrkdwn", "text": format!(
            "goalpost digest · generated {} from {}",
            digest.provenance.generated_on,
            cite(Some(&digest.provenance.generated_from))
        ) }]
    }));
    let counts: Vec<String> = sections
        .iter()
        .map(|(t, l)| format!("{t}: {}", l.len()))
        .collect();
    let text = if counts.is_empty() {
        format!("{title}: nothing needs attention, nothing changed")
    } else {
        format!("{title}: {}", counts.join(", "))
    };
    json!({ "text": escape(&text), "blocks": blocks })
}

fn section(text: String) -> Value {
    json!({ "type": "section", "text": { "type": "mrkdwn", "text": text } })
}

/// `*Title*` and a bullet per line, within Slack's limit: lines that do not
/// fit are counted instead.
fn bulleted(title: &str, lines: &[String]) -> String {
    let mut out = format!("*{title}*");
    for (i, line) in lines.iter().enumerate() {
        let rest = lines.len() - i;
        let more = format!("\n• …and {rest} more: run `goalpost digest` for all");
        if out.len() + line.len() + 3 + more.len() > SECTION_LIMIT {
            out.push_str(&more);
            return out;
        }
        out.push_str("\n• ");
        out.push_str(line);
    }
    out
}

/// At most `max` characters, with `…` when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_cannot_become_mentions_or_links() {
        assert_eq!(
            escape("<!channel> & <https://x|y>"),
            "&lt;!channel&gt; &amp; &lt;https://x|y&gt;"
        );
    }

    #[test]
    fn long_sections_stop_within_the_limit_and_say_how_many_are_left() {
        let lines: Vec<String> = (0..200)
            .map(|i| format!("{i:03} {}", "x".repeat(40)))
            .collect();
        let text = bulleted("Asks", &lines);
        assert!(text.len() <= SECTION_LIMIT, "{}", text.len());
        let shown = text.matches("\n• 0").count() + text.matches("\n• 1").count();
        assert!(text.ends_with(&format!(
            "…and {} more: run `goalpost digest` for all",
            200 - shown
        )));
    }
}
