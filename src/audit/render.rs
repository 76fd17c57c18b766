//! Markdown and HTML renderings of an audit, from templates that ship in the
//! binary and can be overridden per repository in `.goalpost/templates/`.

use std::path::Path;

use super::Audit;
use crate::error::Error;
use crate::render::markdown;
use crate::render::template::Templates;

/// Output formats of an audit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, from the template audit.md.j2
    Md,
    /// One self-contained HTML file, from the template audit.html.j2
    Html,
    /// The facts as JSON (`goalpost.audit/1`)
    Json,
}

/// Renders `audit` in `format`: JSON is the audit as it is; markdown and
/// HTML come from the built-in templates or `.goalpost/templates/` under
/// `root`.
pub fn render(audit: &Audit, format: Format, root: &Path) -> Result<String, Error> {
    match format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(audit).map_err(std::io::Error::from)?;
            json.push('\n');
            Ok(json)
        }
        Format::Md => render_template(audit, "audit.md.j2", root),
        Format::Html => render_template(audit, "audit.html.j2", root),
    }
}

fn render_template(audit: &Audit, name: &str, root: &Path) -> Result<String, Error> {
    let mut templates = Templates::load(root)?;
    let env = templates.environment_mut();
    env.add_filter("short", |sha: String| {
        crate::history::short(&sha).to_owned()
    });
    env.add_filter("percent", |value: Option<f64>| match value {
        Some(v) => format!("{:.0}%", v * 100.0),
        None => "n/a".to_owned(),
    });
    // A ratio as printed: three decimals at most, and never rounded up to
    // the threshold a flagged ratio is below ("n/a" when there is none).
    env.add_filter(
        "ratio",
        |value: Option<f64>, flagged: Option<bool>| match value {
            Some(v) if flagged == Some(true) && v >= 0.8 => "just under 0.8".to_owned(),
            Some(v) => {
                let text = format!("{v:.3}");
                text.trim_end_matches('0').trim_end_matches('.').to_owned()
            }
            None => "n/a".to_owned(),
        },
    );
    // A label cut to `n` characters, for the charts' fixed columns.
    env.add_filter("clip", |text: String, n: usize| {
        if text.chars().count() <= n {
            text
        } else {
            let mut cut: String = text.chars().take(n.saturating_sub(1)).collect();
            cut.push('…');
            cut
        }
    });
    env.add_filter("text", |text: String| markdown::plain(&text));
    env.add_filter("code", |text: String| markdown::code(&text));
    templates.render(name, audit)
}
