//! Reports (packets, audits): one serializable value, rendered as JSON as it
//! is, or as markdown or HTML from the templates `<kind>.md.j2` and
//! `<kind>.html.j2` (built in, overridable per repository).

use std::path::Path;

use minijinja::Environment;
use serde::Serialize;

use super::template::{Templates, add_report_filters};
use crate::error::Error;

/// Output formats of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, from the command's template (packet.md.j2, audit.md.j2)
    Md,
    /// One self-contained HTML file, from the command's template (packet.html.j2, audit.html.j2)
    Html,
    /// The facts as JSON (goalpost.packet/2, goalpost.audit/1)
    Json,
}

impl Format {
    /// The file name extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// A report a command generates, renders and delivers: a packet, an audit.
pub trait Report: Serialize + Sized {
    /// Its kind, which names its templates (`<kind>.md.j2`, `<kind>.html.j2`).
    const KIND: &'static str;

    /// Notes the command line says on stderr (they are in the report too).
    fn warnings(&self) -> &[String];

    /// The filters its templates use beyond the shared ones.
    fn filters(env: &mut Environment<'static>);

    /// The report in `format`: JSON as it is, markdown and HTML from its
    /// templates, built in or overridden in `.goalpost/templates/` under
    /// `root`.
    fn render(&self, format: Format, root: &Path) -> Result<String, Error> {
        render(self, Self::KIND, format, root, Self::filters)
    }
}

/// Text people could write anywhere a report shows their words (titles,
/// roster values, tags, keys), for the renderers' safety tests.
#[cfg(test)]
pub const HOSTILE: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "`</code><script>alert(1)</script>`",
    "[click](javascript:alert(1))",
    "<!-- hidden -->",
    "a | b ` c `` d",
    "<https://evil.example>",
    "# heading\n<b>x</b>",
];

/// Fails when the markdown `md`, parsed as GitHub does (tables, task
/// lists, strikethrough, footnotes), holds any HTML or any link: what
/// `what` put in every field must show as text.
#[cfg(test)]
pub fn assert_inert(md: &str, what: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("{what}: HTML {h:?} in\n{md}"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                panic!("{what}: a link to {dest_url:?} in\n{md}")
            }
            _ => {}
        }
    }
}

/// Renders the report `value` of `kind` (`packet`, `audit`) in `format`;
/// `filters` adds the filters that kind's templates use beyond the shared
/// ones.
pub fn render(
    value: &impl Serialize,
    kind: &str,
    format: Format,
    root: &Path,
    filters: impl FnOnce(&mut Environment<'static>),
) -> Result<String, Error> {
    if format == Format::Json {
        let mut json = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
        json.push('\n');
        return Ok(json);
    }
    let mut templates = Templates::load(root)?;
    let env = templates.environment_mut();
    add_report_filters(env);
    filters(env);
    templates.render(&format!("{kind}.{}.j2", format.extension()), value)
}
