//! Markdown and HTML renderings of a packet, from templates that ship in the
//! binary and can be overridden per repository in `.goalpost/templates/`.

use std::path::Path;

use super::Packet;
use crate::error::Error;
use crate::render::markdown;
use crate::render::template::Templates;

/// Output formats of a packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, from the template packet.md.j2
    Md,
    /// One self-contained HTML file, from the template packet.html.j2
    Html,
    /// The facts as JSON (`goalpost.packet/1`)
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

/// Renders `packet` in `format`: JSON is the packet as it is; markdown and
/// HTML come from the built-in templates or `.goalpost/templates/` under
/// `root`.
pub fn render(packet: &Packet, format: Format, root: &Path) -> Result<String, Error> {
    match format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(packet).map_err(std::io::Error::from)?;
            json.push('\n');
            Ok(json)
        }
        Format::Md => render_template(packet, "packet.md.j2", root),
        Format::Html => render_template(packet, "packet.html.j2", root),
    }
}

/// Renders `packet` with the template `name` (`packet.md.j2` or
/// `packet.html.j2`).
fn render_template(packet: &Packet, name: &str, root: &Path) -> Result<String, Error> {
    let mut templates = Templates::load(root)?;
    let env = templates.environment_mut();
    env.add_filter("short", |sha: String| {
        crate::history::short(&sha).to_owned()
    });
    env.add_filter("percent", |value: Option<f64>| match value {
        Some(v) => format!("{:.0}%", v * 100.0),
        None => "n/a".to_owned(),
    });
    env.add_filter("move", |kind: String| match kind.as_str() {
        "due-changed" => "due date moved".to_owned(),
        "criterion-added" => "criterion added".to_owned(),
        "criterion-removed" => "criterion removed".to_owned(),
        "criterion-edited" => "criterion edited".to_owned(),
        "criterion-withdrawn" => "criterion withdrawn".to_owned(),
        other => other.to_owned(),
    });
    env.add_filter("text", |text: String| markdown::plain(&text));
    templates.render(name, packet)
}
