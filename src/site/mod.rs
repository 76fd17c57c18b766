//! `goalpost site`: the repository as a static website (SPEC 7) — the
//! status board, blockers, check-ins, the decision log, a page per project,
//! decision and person, the audit when a roster exists, a calendar and a
//! feed. Every page renders a value the CLI already computes, from one read
//! of the working tree and one walk of history, through templates under
//! `templates/site/` that `.goalpost/templates/site/` overrides.

mod digests;
mod feeds;
mod images;
mod markdown;
mod measures;
mod names;
mod output;
mod pages;
mod project_page;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::config::Config;
use crate::document::{Document, Project};
use crate::error::Error;
use crate::history::Reading;
use crate::history::{self, Period};
use crate::render::template::{self, Templates};
use crate::views::{self, Who};
use crate::workspace::{AddedDates, Workspace};
use names::Names;
use pages::{ProjectRow, Sources, decision_page};

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
    /// Use the cache under `.git/goalpost/` (history, and the files read).
    pub cache: bool,
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
#[derive(Clone, Copy, Debug, Serialize)]
struct Site<'a> {
    title: &'a str,
    today: NaiveDate,
    commit: Option<&'a Commit>,
    has_audit: bool,
    has_digest: bool,
    /// `""` on top-level pages, `"../"` one folder down.
    root: &'static str,
    /// The handles and project ids that have a page, each with its page
    /// (from the site's root): links go only there.
    people: &'a BTreeMap<String, String>,
    projects: &'a BTreeMap<String, String>,
}

/// Renders pages through the templates into the files of the site.
struct Renderer<'a> {
    templates: Templates,
    site: Site<'a>,
    web: Option<&'a history::Web>,
    files: BTreeMap<String, Vec<u8>>,
}

impl Renderer<'_> {
    /// Renders `template` into the page `name`, `root` away from the site's
    /// root; every page also gets `site` and `web`.
    fn page(
        &mut self,
        name: &str,
        template: &str,
        mut context: serde_json::Value,
    ) -> Result<(), Error> {
        let root = if name.contains('/') { "../" } else { "" };
        if let Some(map) = context.as_object_mut() {
            map.insert("site".into(), serde_json::json!(Site { root, ..self.site }));
            map.insert("web".into(), serde_json::json!(self.web));
        }
        let html = self.templates.render(template, context)?;
        self.files.insert(name.to_owned(), html.into_bytes());
        Ok(())
    }
}

/// Builds the site into `options.out`.
pub fn build(config: &Config, options: &Options, tick: &(dyn Fn() + Sync)) -> Result<Built, Error> {
    let repo = history::open_enclosing(config).ok().flatten();
    let tracked =
        |path: &std::path::Path| repo.as_ref().is_some_and(|r| history::is_tracked(r, path));
    let output = output::open(&options.out, &config.root, options.force, &tracked)?;
    drop(repo);
    let (ws, mut notes) = Workspace::load_cached(config, options.cache)?;
    notes.extend(unreadable(&ws));
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
    let web = reading.as_ref().and_then(|r| r.web.as_ref());
    let people = pages::people(config, &ws);
    let images = images::Images::default();
    let sources = Sources {
        images: &images,
        config,
        ws: &ws,
        history,
        added: &added,
        today,
        web,
        events: reading
            .as_ref()
            .map(|r| history::events_by_project(&r.history, &r.timelines))
            .unwrap_or_default(),
        timelines: reading.as_ref().map(|r| &r.timelines),
        project_names: Names::new(ws.projects().map(|(_, p)| p.id.value.as_str())),
        person_names: Names::new(people.iter().map(String::as_str)),
        people,
        reports: measures::Reports::new(&ws),
    };
    let commit = newest.map(|c| Commit {
        id: c.id.to_string(),
        date: c.date(),
        url: web.map(|w| format!("{}{}", w.commit, c.id)),
    });
    let audit = reading
        .as_ref()
        .and_then(|r| audit_page(r, config, &ws, today, &mut notes));
    let digests = match &reading {
        Some(r) => digests::digests(r, &sources.events, config, &ws, &added, today, &mut notes),
        None => Vec::new(),
    };
    let title = config
        .root
        .file_name()
        .map_or_else(|| "goals".to_owned(), |n| n.to_string_lossy().into_owned());
    let rows = sources.project_rows();
    // Id or handle → page, for the templates' links.
    let page_of_project: BTreeMap<String, String> = rows
        .iter()
        .filter(|r| !r.page.is_empty())
        .map(|r| (r.id.clone(), r.page.clone()))
        .collect();
    let page_of_person: BTreeMap<String, String> = sources
        .people
        .iter()
        .map(|h| (h.clone(), sources.person_page(h)))
        .collect();
    let mut templates = Templates::load(&config.root)?;
    template::add_report_filters(templates.environment_mut());
    <crate::digest::Digest as crate::render::report::Report>::filters(templates.environment_mut());
    let mut out = Renderer {
        templates,
        site: Site {
            title: &title,
            today,
            commit: commit.as_ref(),
            has_audit: audit.is_some(),
            has_digest: !digests.is_empty(),
            root: "",
            people: &page_of_person,
            projects: &page_of_project,
        },
        web,
        files: BTreeMap::new(),
    };

    let board: Vec<serde_json::Value> = sources
        .board(&rows)
        .into_iter()
        .map(|(state, rows)| serde_json::json!({ "state": state, "projects": rows }))
        .collect();
    out.page(
        "index.html",
        "site/index.html.j2",
        serde_json::json!({ "groups": board }),
    )?;
    let blockers = views::blockers::rows(&ws, &Who::Everyone, today);
    out.page(
        "blockers.html",
        "site/blockers.html.j2",
        serde_json::json!({
            "blockers": blockers,
            "waiting": views::waiting::all(&ws, today),
        }),
    )?;
    let checkins = views::checkins::rows(&ws, config, &Who::Everyone, &added, today);
    out.page(
        "checkins.html",
        "site/checkins.html.j2",
        serde_json::json!({ "checkins": checkins }),
    )?;
    let decisions = sources.decision_rows();
    out.page(
        "decisions.html",
        "site/decisions.html.j2",
        serde_json::json!({ "decisions": decisions }),
    )?;
    let paths = sources.page_paths();
    let decision_docs: HashMap<&str, &Document> = ws
        .decisions()
        .map(|(doc, d)| (d.key.as_str(), doc))
        .collect();
    for row in &decisions {
        let Some(&doc) = decision_docs.get(row.key.as_str()) else {
            continue;
        };
        let body = sources.body(doc, &paths, "../");
        out.page(
            &decision_page(&row.key),
            "site/decision.html.j2",
            serde_json::json!({ "decision": row, "path": doc.path, "body": body }),
        )?;
    }
    if let Some(latest) = digests.first() {
        let context = serde_json::to_value(latest).map_err(std::io::Error::from)?;
        out.page("digest.html", "site/digest.html.j2", context)?;
    }
    project_page::project_pages(&mut out, &sources, &rows, &decisions, &paths, &mut notes)?;
    person_pages(&mut out, &sources, &rows)?;

    let base = options
        .base_url
        .as_deref()
        .map(|b| format!("{}/", b.trim_end_matches('/')))
        .unwrap_or_default();
    let digest_entries = digests::entries(&mut out, &digests, &base)?;
    let mut files = out.files;
    if let Some(html) = audit {
        files.insert("audit.html".to_owned(), html.into_bytes());
    }
    files.insert(
        "calendar.ics".to_owned(),
        feeds::calendar_of(&title, &rows, &base, stamp).into_bytes(),
    );
    files.insert(
        "feed.xml".to_owned(),
        feeds::feed_of(&sources, &title, &base, stamp, &paths, digest_entries).into_bytes(),
    );
    drop(sources);
    files.extend(images.files());
    output.publish(&files)?;
    Ok(Built {
        files: files.len(),
        notes,
    })
}

/// The documents that could not be read, and so have no page, named (the
/// first few) as every other command counts them.
fn unreadable(ws: &Workspace) -> Option<String> {
    let paths: Vec<&str> = ws
        .documents
        .iter()
        .filter(|d| d.model.is_none())
        .map(|d| d.path.as_str())
        .collect();
    // Files too large or not text are not documents at all: counted, not
    // named.
    let count = ws.file_count() - ws.documents.iter().filter(|d| d.model.is_some()).count();
    let shown = paths.iter().take(5).copied().collect::<Vec<_>>().join(", ");
    let more = count.saturating_sub(paths.len().min(5));
    (count > 0).then(|| {
        format!(
            "{count} document{} could not be read and got no page ({shown}{}); run `goalpost check` for details",
            if count == 1 { "" } else { "s" },
            if more > 0 { format!(" and {more} more") } else { String::new() },
        )
    })
}

/// A page per person: what they own and contribute to, and their 1:1
/// agenda, every agenda from one reading of the blockers.
fn person_pages(
    out: &mut Renderer<'_>,
    sources: &Sources<'_>,
    rows: &[ProjectRow],
) -> Result<(), Error> {
    let by_id: HashMap<&str, &Project> = sources
        .ws
        .projects()
        .map(|(_, p)| (p.id.value.as_str(), p))
        .collect();
    // Rows stay in the board's order.
    let mut owners: HashMap<&str, Vec<&ProjectRow>> = HashMap::new();
    let mut contributors: HashMap<&str, Vec<&ProjectRow>> = HashMap::new();
    for row in rows {
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
    let team = views::agenda::Team::new(sources.ws, sources.config, sources.added, sources.today);
    for handle in &sources.people {
        let agenda = team.agenda(handle);
        let attributes = sources
            .config
            .people
            .get(handle)
            .map(|p| p.attributes.clone())
            .unwrap_or_default();
        out.page(
            &sources.person_page(handle),
            "site/person.html.j2",
            serde_json::json!({
                "handle": handle, "name": agenda.name, "attributes": attributes,
                "owns": owners.get(handle.as_str()).cloned().unwrap_or_default(),
                "contributes": contributors.get(handle.as_str()).cloned().unwrap_or_default(),
                "agenda": agenda,
            }),
        )?;
    }
    Ok(())
}

/// The one walk of history the site needs, from the first commit; `None`
/// outside git or before the first commit (the pages say less, and a note
/// says why).
fn read_history(
    config: &Config,
    options: &Options,
    tick: &(dyn Fn() + Sync),
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
    let reading = history::read_period(
        config,
        all,
        None,
        options.allow_shallow,
        options.cache,
        tick,
    )?;
    match &reading {
        Some(reading) => notes.extend(reading.warnings()),
        None => {
            notes.push("this repository has no commits yet: the pages show no history".to_owned());
        }
    }
    Ok(reading)
}

/// The audit of the last full quarter, when the roster can be grouped.
fn audit_page(
    reading: &Reading,
    config: &Config,
    ws: &Workspace,
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
    let recognitions = crate::audit::recognitions_in(ws);
    let audit = crate::audit::compute(
        reading,
        config,
        &by,
        period,
        today,
        None,
        recognitions.as_deref(),
    );
    match crate::audit::render(&audit, crate::audit::Format::Html, &config.root) {
        Ok(html) => Some(html),
        Err(err) => {
            notes.push(format!("no audit page: {err}"));
            None
        }
    }
}
