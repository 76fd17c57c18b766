//! `goalpost site`: the repository as a static website (SPEC 7) — the
//! status board, blockers, check-ins, the decision log, a page per project,
//! decision and person, the audit when a roster exists, a calendar and a
//! feed. Every page renders a value the CLI already computes, from one read
//! of the working tree and one walk of history, through templates under
//! `templates/site/` that `.goalpost/templates/site/` overrides.

mod feeds;
mod markdown;
mod output;
mod pages;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::config::Config;
use crate::error::Error;
use crate::history::{self, Period};
use crate::packet::{self, Reading};
use crate::render::template::{self, Templates};
use crate::views::{self, Who};
use crate::workspace::{AddedDates, Workspace};
use pages::{ProjectRow, Sources, decision_page, person_page, project_page, safe_name};

pub use output::MARKER;

/// How to build.
#[derive(Clone, Debug)]
pub struct Options {
    pub out: PathBuf,
    pub force: bool,
    /// Makes the feed's and the calendar's links absolute.
    pub base_url: Option<String>,
    /// The day "late" and "overdue" are judged on; the built commit's date
    /// when `None`, so that a commit always builds the same site.
    pub today: Option<NaiveDate>,
    pub allow_shallow: bool,
}

/// What a build wrote, and what the person should know.
#[derive(Debug)]
pub struct Built {
    pub files: usize,
    pub notes: Vec<String>,
}

/// The commit a site is built from, for every page's footer.
#[derive(Clone, Debug, Serialize)]
struct Commit {
    id: String,
    date: NaiveDate,
    url: Option<String>,
}

/// What every page knows about the site.
#[derive(Clone, Debug, Serialize)]
struct Site {
    title: String,
    today: NaiveDate,
    commit: Option<Commit>,
    has_audit: bool,
    /// `""` on top-level pages, `"../"` one folder down.
    root: &'static str,
    /// The handles and project ids that have a page: links go only there.
    people: std::collections::BTreeSet<String>,
    projects: std::collections::BTreeSet<String>,
}

/// Builds the site into `options.out`.
pub fn build(config: &Config, options: &Options, tick: &dyn Fn()) -> Result<Built, Error> {
    let previous = output::previous(&options.out, options.force)?;
    let ws = Workspace::load(config)?;
    let mut notes = Vec::new();
    let reading = read_history(config, options, tick, &mut notes)?;
    let history = reading.as_ref().map(|r| &r.history);
    let newest = history.and_then(|h| h.commits.last());
    let stamp: DateTime<Utc> = newest.map_or(DateTime::UNIX_EPOCH, |c| c.time.with_timezone(&Utc));
    let today = options
        .today
        .or_else(|| newest.map(history::Commit::date))
        .unwrap_or_else(|| Utc::now().date_naive());
    let added = match ws.added_dates(config) {
        Ok(dating) => dating.dates,
        Err(err) => {
            notes.push(format!("check-ins are judged without git's dates: {err}"));
            AddedDates::new()
        }
    };
    let web = reading.as_ref().and_then(|r| r.web.clone());
    let sources = Sources {
        config,
        ws: &ws,
        history,
        added: &added,
        today,
        web: web.as_ref(),
    };
    let commit = newest.map(|c| Commit {
        id: c.id.to_string(),
        date: c.date(),
        url: web.as_ref().map(|w| format!("{}{}", w.commit, c.id)),
    });
    let audit = reading
        .as_ref()
        .and_then(|r| audit_page(r, config, today, &mut notes));
    let title = config
        .root
        .file_name()
        .map_or_else(|| "goals".to_owned(), |n| n.to_string_lossy().into_owned());
    let rows = sources.project_rows();
    let with_pages: std::collections::BTreeSet<String> = rows
        .iter()
        .filter(|r| !r.page.is_empty())
        .map(|r| r.id.clone())
        .collect();
    let people = sources.people();
    let site = |root: &'static str| Site {
        title: title.clone(),
        today,
        commit: commit.clone(),
        has_audit: audit.is_some(),
        root,
        people: people.clone(),
        projects: with_pages.clone(),
    };
    let mut templates = Templates::load(&config.root)?;
    template::add_report_filters(templates.environment_mut());
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut page =
        |name: &str, template: &str, mut context: serde_json::Value| -> Result<(), Error> {
            if let Some(map) = context.as_object_mut() {
                map.entry("web").or_insert_with(|| serde_json::json!(web));
            }
            files.insert(
                name.to_owned(),
                templates.render(template, context)?.into_bytes(),
            );
            Ok(())
        };

    let board: Vec<serde_json::Value> = sources
        .board(&rows)
        .into_iter()
        .map(|(state, rows)| serde_json::json!({ "state": state, "projects": rows }))
        .collect();
    page(
        "index.html",
        "site/index.html.j2",
        serde_json::json!({ "site": site(""), "groups": board }),
    )?;
    let blockers = views::blockers::rows(&ws, &Who::Everyone, today);
    page(
        "blockers.html",
        "site/blockers.html.j2",
        serde_json::json!({ "site": site(""), "blockers": blockers }),
    )?;
    let checkins = views::checkins::rows(&ws, config, &Who::Everyone, &added, today);
    page(
        "checkins.html",
        "site/checkins.html.j2",
        serde_json::json!({ "site": site(""), "checkins": checkins }),
    )?;
    let decisions = sources.decision_rows();
    page(
        "decisions.html",
        "site/decisions.html.j2",
        serde_json::json!({ "site": site(""), "decisions": decisions }),
    )?;

    let paths = sources.page_paths();
    let timelines = history.map(history::project_timelines).unwrap_or_default();
    let row_of: HashMap<&str, &ProjectRow> = rows.iter().map(|r| (r.id.as_str(), r)).collect();
    let decision_docs: HashMap<&str, &crate::document::Document> = ws
        .decisions()
        .map(|(doc, d)| (d.key.as_str(), doc))
        .collect();
    let mut updates_of: HashMap<&str, Vec<(&crate::document::Document, &crate::document::Update)>> =
        HashMap::new();
    for (doc, u) in ws.updates() {
        let named: std::collections::BTreeSet<&str> =
            u.projects.iter().map(|p| p.value.as_str()).collect();
        for id in named {
            updates_of.entry(id).or_default().push((doc, u));
        }
    }
    for row in &decisions {
        let Some(&doc) = decision_docs.get(row.key.as_str()) else {
            continue;
        };
        let body = sources.body(doc, &paths, "../");
        page(
            &decision_page(&row.key),
            "site/decision.html.j2",
            serde_json::json!({ "site": site("../"), "decision": row, "path": doc.path, "body": body, "web": web }),
        )?;
    }
    for (doc, project) in ws.projects() {
        if !safe_name(&project.id.value) {
            notes.push(format!(
                "{}: the id `{}` cannot be a file name, so the project has no page",
                doc.path, project.id.value
            ));
            continue;
        }
        let Some(row) = row_of.get(project.id.value.as_str()) else {
            continue;
        };
        let timeline: Vec<serde_json::Value> = history
            .and_then(|_| timelines.get(&project.id.value))
            .into_iter()
            .flatten()
            .rev()
            .map(|e| {
                serde_json::json!({
                    "date": e.date, "commit": e.commit, "event": e.event.as_str(),
                    "details": e.details(), "author": e.author, "goalpost_move": e.goalpost_move,
                })
            })
            .collect();
        let (spans, ticks) = history
            .map(|h| pages::timeline_bar(h, &project.id.value, today))
            .unwrap_or_default();
        let mut updates = updates_of
            .remove(project.id.value.as_str())
            .unwrap_or_default();
        updates.sort_by(|(a, ua), (b, ub)| {
            (ub.date.as_ref().map(|d| d.value), &b.path)
                .cmp(&(ua.date.as_ref().map(|d| d.value), &a.path))
        });
        let updates: Vec<serde_json::Value> = updates
            .into_iter()
            .map(|(doc, u)| {
                serde_json::json!({
                    "anchor": pages::anchor(&doc.path), "path": doc.path,
                    "date": u.date.as_ref().map(|d| d.value),
                    "author": u.author.as_ref().map(|a| a.value.clone()),
                    "confidence": u.confidence.as_ref().map(|c| c.value.as_str()),
                    "body": sources.body(doc, &paths, "../"),
                })
            })
            .collect();
        let related: Vec<_> = decisions
            .iter()
            .filter(|d| d.projects.iter().any(|p| p.name == project.id.value))
            .collect();
        page(
            &project_page(&project.id.value),
            "site/project.html.j2",
            serde_json::json!({
                "site": site("../"), "project": row, "path": doc.path, "web": web,
                "contributors": project.contributors.iter().map(|c| &c.value).collect::<Vec<_>>(),
                "tags": project.tags.iter().map(|t| &t.value).collect::<Vec<_>>(),
                "created": project.created.as_ref().map(|c| c.value),
                "criteria": sources.criteria(project),
                "body": sources.body(doc, &paths, "../"),
                "timeline": timeline, "spans": spans, "ticks": ticks, "updates": updates, "decisions": related,
            }),
        )?;
    }
    // Whose projects are whose, once (rows are in the board's order).
    let by_id: HashMap<&str, &crate::document::Project> = ws
        .projects()
        .map(|(_, p)| (p.id.value.as_str(), p))
        .collect();
    let mut owners: HashMap<&str, Vec<&ProjectRow>> = HashMap::new();
    let mut contributors: HashMap<&str, Vec<&ProjectRow>> = HashMap::new();
    for row in &rows {
        let Some(p) = by_id.get(row.id.as_str()) else {
            continue;
        };
        if let Some(owner) = &p.owner {
            owners.entry(owner.value.as_str()).or_default().push(row);
        }
        for c in &p.contributors {
            contributors.entry(c.value.as_str()).or_default().push(row);
        }
    }
    let team = views::agenda::Team::new(&ws, config, &added, today);
    for handle in &people {
        let handle = handle.clone();
        let person = config.people.get(&handle);
        let owns: Vec<&ProjectRow> = owners.get(handle.as_str()).cloned().unwrap_or_default();
        let contributes: Vec<&ProjectRow> = contributors
            .get(handle.as_str())
            .cloned()
            .unwrap_or_default();
        let agenda = team.agenda(&handle);
        page(
            &person_page(&handle),
            "site/person.html.j2",
            serde_json::json!({
                "site": site("../"), "handle": handle, "name": agenda.name,
                "attributes": person.map(|p| p.attributes.clone()).unwrap_or_default(),
                "owns": owns, "contributes": contributes, "agenda": agenda,
            }),
        )?;
    }
    if let Some(html) = audit {
        files.insert("audit.html".to_owned(), html.into_bytes());
    }
    let base = options
        .base_url
        .as_deref()
        .map(|b| format!("{}/", b.trim_end_matches('/')))
        .unwrap_or_default();
    files.insert(
        "calendar.ics".to_owned(),
        feeds::calendar_of(&title, &rows, &base, stamp).into_bytes(),
    );
    files.insert(
        "feed.xml".to_owned(),
        feeds::feed_of(&sources, &title, &base, stamp, &paths).into_bytes(),
    );

    output::publish(&options.out, &files, &previous)?;
    Ok(Built {
        files: files.len(),
        notes,
    })
}

/// The one walk of history the site needs, from the first commit; `None`
/// outside git or before the first commit (the pages say less, and a note
/// says why).
fn read_history(
    config: &Config,
    options: &Options,
    tick: &dyn Fn(),
    notes: &mut Vec<String>,
) -> Result<Option<Reading>, Error> {
    if history::open_enclosing(config)?.is_none() {
        notes.push("this folder is not in a git repository: the pages show no timelines and no dates criteria were met".to_owned());
        return Ok(None);
    }
    let all = Period {
        since: NaiveDate::MIN,
        until: NaiveDate::MAX,
    };
    match packet::read(config, all, None, options.allow_shallow, tick) {
        Ok(reading) => {
            notes.extend(reading.warnings());
            Ok(Some(reading))
        }
        Err(err) if err.to_string().contains("no commits yet") => {
            notes.push("this repository has no commits yet: the pages show no history".to_owned());
            Ok(None)
        }
        Err(err) => Err(err),
    }
}

/// The audit of the last full quarter, when the roster can be grouped.
fn audit_page(
    reading: &Reading,
    config: &Config,
    today: NaiveDate,
    notes: &mut Vec<String>,
) -> Option<String> {
    if !config.has_roster() {
        return None;
    }
    let by = config.audit.by.clone();
    if crate::audit::check_grouping(config, &by).is_err() {
        notes.push(format!(
            "no audit page: no one in the roster has `{by}` (set `audit.by` in goalpost.yml)"
        ));
        return None;
    }
    let period = Period::last_quarter(today);
    let audit = crate::audit::compute(reading, config, &by, period, today);
    match crate::audit::render(&audit, crate::audit::Format::Html, &config.root) {
        Ok(html) => Some(html),
        Err(err) => {
            notes.push(format!("no audit page: {err}"));
            None
        }
    }
}
