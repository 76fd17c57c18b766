//! The keys of an update's `measures:`: completion of the measures of the
//! projects it names, and a hover with a measure's baseline, target and
//! latest value.

use super::cursor::Cursor;
use super::features::inert;
use super::server::Open;
use crate::config::Config;
use crate::document::{self, Measure, Project, Update, with_unit};
use crate::vocabulary::Kind;
use crate::workspace::Workspace;

/// The projects an update names, from the buffer as the index read it, or
/// read again without the line being typed (a key with no colon yet is
/// not YAML); every project when it names none.
fn named<'w>(config: &Config, ws: &'w Workspace, open: &Open, cursor: &Cursor) -> Vec<&'w Project> {
    let ids = |u: &Update| -> Vec<String> { u.projects.iter().map(|p| p.value.clone()).collect() };
    let path = open.path.as_deref();
    let mut names = path
        .and_then(|p| ws.document(p))
        .and_then(|d| d.update())
        .map(ids)
        .unwrap_or_default();
    if names.is_empty() {
        let start = open.text[..cursor.range.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = open.text[cursor.range.end..]
            .find('\n')
            .map_or(open.text.len(), |i| cursor.range.end + i + 1);
        let text = format!("{}{}", &open.text[..start], &open.text[end..]);
        let reread = document::read(
            path.unwrap_or(""),
            Kind::Update,
            text,
            config,
            &mut Vec::new(),
        );
        names = reread.update().map(ids).unwrap_or_default();
    }
    ws.projects()
        .map(|(_, p)| p)
        .filter(|p| names.is_empty() || names.contains(&p.id.value))
        .collect()
}

/// The keys to offer: `id` when the update names one project, else
/// `project/id`; each with the measure's name and target.
pub fn candidates(
    config: &Config,
    ws: &Workspace,
    open: &Open,
    cursor: &Cursor,
) -> Vec<(String, String)> {
    let projects = named(config, ws, open, cursor);
    let bare = projects.len() == 1;
    projects
        .iter()
        .flat_map(|p| {
            p.measures.iter().map(move |m| {
                let key = if bare {
                    m.id.value.clone()
                } else {
                    format!("{}/{}", p.id.value, m.id.value)
                };
                (key, about(m))
            })
        })
        .collect()
}

/// `First-contact resolution · target 70%`.
fn about(m: &Measure) -> String {
    let name = m
        .name
        .as_ref()
        .map_or(m.id.value.as_str(), |n| n.value.as_str());
    match &m.target {
        Some(t) => format!("{name} · target {}", shown(m, &t.value.to_string())),
        None => name.to_owned(),
    }
}

fn shown(m: &Measure, value: &str) -> String {
    with_unit(value, m.unit.as_deref())
}

/// The hover of the measure the key under `cursor` names.
pub fn hover(config: &Config, ws: &Workspace, open: &Open, cursor: &Cursor) -> Option<String> {
    let projects = named(config, ws, open, cursor);
    let (project, id) = match cursor.word.split_once('/') {
        Some((project, id)) => (projects.iter().find(|p| p.id.value == project)?, id),
        None if projects.len() == 1 => (&projects[0], cursor.word.as_str()),
        None => return None,
    };
    let m = project.measures.iter().find(|m| m.id.value == id)?;
    let name = m.name.as_ref().map_or(id, |n| n.value.as_str());
    let mut facts = Vec::new();
    if let Some(b) = &m.baseline {
        facts.push(format!(
            "baseline {}",
            inert(&shown(m, &b.value.to_string()))
        ));
    }
    if let Some(t) = &m.target {
        facts.push(format!("target {}", inert(&shown(m, &t.value.to_string()))));
    }
    let latest = ws.latest_measures();
    match latest.get(&(project.id.value.as_str(), id)) {
        Some(l) => {
            let value = shown(m, &l.reported.value.value.to_string());
            facts.push(format!(
                "latest {} as of {} (`{}`)",
                inert(&value),
                l.as_of,
                l.document.path
            ));
            if let Some(progress) = m.progress(l.reported.value.value) {
                facts.push(format!("progress {}", progress.shown()));
            }
        }
        None => facts.push("nothing reported yet".to_owned()),
    }
    Some(format!(
        "**{}** (`{}/{}`)\n\n{}",
        inert(name),
        project.id.value,
        m.id.value,
        facts.join(" · ")
    ))
}
