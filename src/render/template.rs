//! Templates: the files goalpost writes are rendered with minijinja from the
//! templates in `templates/`, which are embedded in the binary, and a goal
//! repository can replace any of them by a file of the same name under
//! `.goalpost/templates/`.
//!
//! Templates are looked up lazily, so a broken override only matters to the
//! command that uses it. An override with a name goalpost does not know is an
//! error (a typo would otherwise be silently ignored), except for partials of
//! the team's own, whose names start with `_`.

use std::fs;
use std::path::{Component, Path, PathBuf};

use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value};
use serde::Serialize;

use crate::confine;
use crate::error::Error;
use crate::suggest;

/// Where a goal repository keeps its template overrides, relative to the root.
pub const OVERRIDE_DIR: &str = ".goalpost/templates";

/// The built-in templates, by name. Every file in `templates/` is listed
/// here (a unit test keeps the two in step).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "goalpost.yml.j2",
        include_str!("../../templates/goalpost.yml.j2"),
    ),
    (
        "goalpost-proposals.yml.j2",
        include_str!("../../templates/goalpost-proposals.yml.j2"),
    ),
    (
        "example-project.md.j2",
        include_str!("../../templates/example-project.md.j2"),
    ),
    (
        "project.md.j2",
        include_str!("../../templates/project.md.j2"),
    ),
    ("update.md.j2", include_str!("../../templates/update.md.j2")),
    (
        "decision.md.j2",
        include_str!("../../templates/decision.md.j2"),
    ),
    (
        "recognition.md.j2",
        include_str!("../../templates/recognition.md.j2"),
    ),
    ("packet.md.j2", include_str!("../../templates/packet.md.j2")),
    (
        "packet.html.j2",
        include_str!("../../templates/packet.html.j2"),
    ),
    ("audit.md.j2", include_str!("../../templates/audit.md.j2")),
    ("digest.md.j2", include_str!("../../templates/digest.md.j2")),
    (
        "digest.html.j2",
        include_str!("../../templates/digest.html.j2"),
    ),
    (
        "_digest.html.j2",
        include_str!("../../templates/_digest.html.j2"),
    ),
    (
        "audit.html.j2",
        include_str!("../../templates/audit.html.j2"),
    ),
    (
        "site/base.html.j2",
        include_str!("../../templates/site/base.html.j2"),
    ),
    (
        "site/index.html.j2",
        include_str!("../../templates/site/index.html.j2"),
    ),
    (
        "site/blockers.html.j2",
        include_str!("../../templates/site/blockers.html.j2"),
    ),
    (
        "site/checkins.html.j2",
        include_str!("../../templates/site/checkins.html.j2"),
    ),
    (
        "site/digest.html.j2",
        include_str!("../../templates/site/digest.html.j2"),
    ),
    (
        "site/decisions.html.j2",
        include_str!("../../templates/site/decisions.html.j2"),
    ),
    (
        "site/decision.html.j2",
        include_str!("../../templates/site/decision.html.j2"),
    ),
    (
        "site/project.html.j2",
        include_str!("../../templates/site/project.html.j2"),
    ),
    (
        "site/person.html.j2",
        include_str!("../../templates/site/person.html.j2"),
    ),
    (
        "site/style.css.j2",
        include_str!("../../templates/site/style.css.j2"),
    ),
];

/// Filters the report templates (packets, audits) share: `short` (a commit
/// id as people quote it), `percent` (a share as a whole percentage, "n/a"
/// for none), `text` (people's words, never markup) and `code` (a code span
/// that shows any text as written).
pub fn add_report_filters(env: &mut Environment<'static>) {
    env.add_filter("short", |sha: String| {
        sha.get(..7).unwrap_or(&sha).to_owned()
    });
    env.add_filter("percent", |value: Option<f64>| match value {
        Some(v) => format!("{:.0}%", v * 100.0),
        None => "n/a".to_owned(),
    });
    // A ratio already rounded to 3 decimals, as a percentage that keeps
    // every one of them (0.889 is 88.9%, 0.5 is 50%).
    env.add_filter("share", |value: Option<f64>| match value {
        Some(v) => format!("{}%", (v * 1000.0).round() / 10.0),
        None => "n/a".to_owned(),
    });
    // A p-value as reported: `= 0.0022`, or `< 0.001` below that.
    env.add_filter("pvalue", |value: f64| {
        if value < 0.001 {
            "< 0.001".to_owned()
        } else {
            format!("= {value}")
        }
    });
    env.add_filter("text", |text: String| super::markdown::plain(&text));
    env.add_filter("code", |text: String| super::markdown::code(&text));
}

/// The built-in source of a template.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// The templates of one goal repository: built-ins, with its overrides.
pub struct Templates {
    env: Environment<'static>,
    /// The override folder, absolute.
    dir: PathBuf,
    /// The override folder as shown in messages.
    shown: String,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates").field("dir", &self.dir).finish()
    }
}

impl Templates {
    /// The templates for the goal repository at `root`.
    ///
    /// Fails when the override folder holds a template whose name matches no
    /// built-in template (and does not start with `_`).
    pub fn load(root: &Path) -> Result<Templates, Error> {
        let dir = root.join(OVERRIDE_DIR);
        // A linked override folder must not lead outside the repository.
        if fs::symlink_metadata(&dir).is_ok()
            && let Err(escape) = confine::real_inside(root, &dir)
        {
            return Err(Error::template(format!(
                "{OVERRIDE_DIR} cannot be used: {escape}"
            ))
            .with_help("keep template overrides as files inside the repository, not links to elsewhere"));
        }
        check_override_names(&dir)?;
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .keep_trailing_newline(true)
                .build()
                .map_err(|e| Error::template(e.to_string()))?,
        );
        env.add_filter("yaml", yaml_filter);
        let loader_dir = dir.clone();
        let loader_root = root.to_path_buf();
        env.set_loader(move |name| load(&loader_root, &loader_dir, name));
        Ok(Templates {
            env,
            dir,
            shown: OVERRIDE_DIR.to_owned(),
        })
    }

    /// The environment, to add filters or functions that some templates use.
    /// Output escaping follows the template's name (`*.html.j2` is HTML-escaped).
    pub fn environment_mut(&mut self) -> &mut Environment<'static> {
        &mut self.env
    }

    /// Renders the template `name` with `context`.
    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String, Error> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| self.describe(name, &e))?;
        template
            .render(Value::from(minijinja::value::Serde(&context)))
            .map_err(|e| {
                let error = self.describe(name, &e);
                match serde_json::to_value(&context) {
                    Ok(serde_json::Value::Object(vars))
                        if e.kind() == ErrorKind::UndefinedError =>
                    {
                        let vars: Vec<&str> = vars.keys().map(String::as_str).collect();
                        let help = format!(
                            "the variables of {name} are {}; {}",
                            vars.join(", "),
                            error.help().unwrap_or_default()
                        );
                        error.with_help(help)
                    }
                    _ => error,
                }
            })
    }

    /// Whether the repository overrides the template `name`.
    pub fn is_overridden(&self, name: &str) -> bool {
        safe_name(name) && fs::symlink_metadata(self.dir.join(name)).is_ok()
    }

    /// A template error: which file, which line, what is wrong, and how to
    /// get out of it.
    fn describe(&self, wanted: &str, err: &minijinja::Error) -> Error {
        let name = err.name().unwrap_or(wanted);
        let overridden = self.is_overridden(name);
        let mut place = if overridden {
            format!("{}/{name}", self.shown)
        } else {
            format!("built-in template {name}")
        };
        if let Some(line) = err.line() {
            place.push_str(&format!(":{line}"));
        }
        let what = match (err.kind(), err.detail()) {
            (ErrorKind::TemplateNotFound, _) if name == wanted && !overridden => {
                format!("there is no template `{wanted}`")
            }
            (kind, Some(detail)) => format!("{kind}: {detail}"),
            (kind, None) => kind.to_string(),
        };
        let help = if overridden {
            format!(
                "fix {}/{name}, or delete it to use the built-in template",
                self.shown
            )
        } else if self.is_overridden(wanted) {
            format!(
                "fix {}/{wanted}, or delete it to use the built-in template",
                self.shown
            )
        } else {
            "this is a bug in goalpost; please report it".to_owned()
        };
        Error::template(format!("template error in {place}: {what}")).with_help(help)
    }
}

/// The loader: an override if there is one, else the built-in template.
/// An override must really lie inside the repository (links followed) and
/// be a regular file: a template that includes `/etc/passwd` through a link
/// would print it into a packet or a new document.
fn load(root: &Path, dir: &Path, name: &str) -> Result<Option<String>, minijinja::Error> {
    if !safe_name(name) {
        return Ok(None);
    }
    let path = dir.join(name);
    if fs::symlink_metadata(&path).is_err() {
        return Ok(builtin(name).map(str::to_owned));
    }
    // Not `TemplateNotFound`: an include would hide this behind "no such
    // template" and fall back to nothing.
    let refuse = |why: String| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("{OVERRIDE_DIR}/{name} cannot be used: {why}; goalpost does not follow it"),
        )
    };
    let real = confine::real_inside(root, &path).map_err(|e| refuse(e.to_string()))?;
    if !fs::metadata(&real).is_ok_and(|m| m.is_file()) {
        return Err(refuse("it is not a regular file".to_owned()));
    }
    fs::read_to_string(&real).map(Some).map_err(|e| {
        minijinja::Error::new(
            ErrorKind::TemplateNotFound,
            format!("cannot read {}/{name}: {e}", OVERRIDE_DIR),
        )
    })
}

/// A template name is a relative path that stays inside the override folder.
fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && Path::new(name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Rejects top-level `*.j2` overrides whose name matches no built-in template.
fn check_override_names(dir: &Path) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let known: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".j2") && !n.starts_with('_') && !known.contains(&n.as_str()))
        .collect();
    names.sort();
    let Some(name) = names.first() else {
        return Ok(());
    };
    let help = suggest::help_then(
        name,
        known.iter().copied(),
        &format!(
            "the templates are {}; name partials of your own with a leading `_`",
            known.join(", ")
        ),
    );
    Err(Error::template(format!(
        "{OVERRIDE_DIR}/{name} does not override any built-in template"
    ))
    .with_help(help))
}

/// `{{ value|yaml }}`: a YAML scalar or flow list that reads back as exactly
/// the given value, quoted only when it has to be.
fn yaml_filter(value: Value) -> String {
    if value.is_none() || value.is_undefined() {
        return "null".to_owned();
    }
    if let Some(s) = value.as_str() {
        return yaml_scalar(s);
    }
    if matches!(value.kind(), minijinja::value::ValueKind::Seq)
        && let Ok(items) = value.try_iter()
    {
        let items: Vec<String> = items.map(yaml_filter).collect();
        return format!("[{}]", items.join(", "));
    }
    value.to_string()
}

/// Words that YAML reads as something other than a string.
const YAML_WORDS: &[&str] = &[
    "null", "true", "false", "yes", "no", "on", "off", "y", "n", "~",
];

/// A string as a YAML scalar: plain when that is unambiguous, in a flow list
/// too, else double-quoted (a JSON string is a valid YAML double-quoted one).
pub fn yaml_scalar(s: &str) -> String {
    let plain = s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/' | '(' | ')'))
        && !s.ends_with(' ')
        && !YAML_WORDS.contains(&s.to_ascii_lowercase().as_str());
    if plain {
        s.to_owned()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_templates_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let names = |dir: &Path, prefix: &str| -> Vec<String> {
            fs::read_dir(dir)
                .expect("templates/")
                .map(|e| {
                    format!(
                        "{prefix}{}",
                        e.expect("entry").file_name().to_string_lossy()
                    )
                })
                .filter(|n| n.ends_with(".j2"))
                .collect()
        };
        let mut on_disk = names(&dir, "");
        on_disk.extend(names(&dir.join("site"), "site/"));
        on_disk.sort();
        let mut embedded: Vec<String> = BUILTIN.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn every_builtin_template_compiles() {
        let dir = tempfile::tempdir().expect("temp dir");
        let templates = Templates::load(dir.path()).expect("load");
        // Compiling checks syntax only; filters are looked up when rendering.
        for (name, _) in BUILTIN {
            templates.env.get_template(name).expect(name);
        }
    }

    #[test]
    fn yaml_scalars_read_back_as_the_same_string() {
        for s in [
            "alice",
            "Cut search p95 latency below 200 ms",
            "yes",
            "No",
            "null",
            "2026-12-15",
            "123",
            "a: b",
            "# not a comment",
            "- dash",
            "it's",
            "\"quoted\"",
            "a, b",
            "[x]",
            "trailing ",
            "tab\there",
            "Café",
            "@handle",
            "*star",
            "",
        ] {
            let yaml = format!("key: {}\nlist: [{}]\n", yaml_scalar(s), yaml_scalar(s));
            let value: serde_json::Value = serde_saphyr::from_str(&yaml).expect(&yaml);
            assert_eq!(value["key"], serde_json::json!(s), "{yaml}");
            assert_eq!(value["list"][0], serde_json::json!(s), "{yaml}");
        }
        assert_eq!(yaml_scalar("alice"), "alice");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
    }
}
