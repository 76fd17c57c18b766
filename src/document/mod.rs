//! Documents: projects, updates and decisions read from markdown files with
//! YAML frontmatter, with a position for every value.
//!
//! Reading a document never fails: whatever is wrong with it becomes a
//! finding, and as much of the model as could be read is kept so that
//! cross-file rules still see it.

pub mod blocker;
mod decision;
mod fields;
mod frontmatter;
mod markdown;
mod measure;
pub(crate) mod model;
pub mod naming;
pub mod people;
mod project;
mod recognition;
pub mod schema;
mod update;

use std::path::Path;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule};
use crate::syntax::{Located, Source, Span, yaml};
use crate::vocabulary::Kind;

pub use frontmatter::split_frontmatter;
use frontmatter::{Frontmatter, FrontmatterProblem};
pub use markdown::CriterionState;
pub use measure::{Measure, Reported, with_unit};
pub use model::{Criterion, Decision, Project, Recognition, Update};
pub use project::{proposable_id, valid_id};

/// Documents larger than this are not read, in the working tree or in history.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What a document says, once read.
#[derive(Clone, Debug)]
pub enum Model {
    Project(Project),
    Update(Update),
    Decision(Decision),
    Recognition(Recognition),
}

/// One document of the goal repository.
#[derive(Clone, Debug)]
pub struct Document {
    /// Path relative to the root, with `/` separators.
    pub path: String,
    pub kind: Kind,
    pub source: Source,
    /// `None` when the frontmatter could not be read at all.
    pub model: Option<Model>,
}

impl Document {
    /// The markdown body: the text after the frontmatter (all of it when
    /// there is no frontmatter).
    pub fn body_text(&self) -> &str {
        let text = self.source.text();
        split_frontmatter(text).map_or(text, |f| &text[f.body_start..])
    }

    pub fn project(&self) -> Option<&Project> {
        match &self.model {
            Some(Model::Project(p)) => Some(p),
            _ => None,
        }
    }

    pub fn update(&self) -> Option<&Update> {
        match &self.model {
            Some(Model::Update(u)) => Some(u),
            _ => None,
        }
    }

    pub fn decision(&self) -> Option<&Decision> {
        match &self.model {
            Some(Model::Decision(d)) => Some(d),
            _ => None,
        }
    }

    pub fn recognition(&self) -> Option<&Recognition> {
        match &self.model {
            Some(Model::Recognition(r)) => Some(r),
            _ => None,
        }
    }

    /// The relative links of the body.
    pub fn links(&self) -> &[Located<String>] {
        match &self.model {
            Some(Model::Project(p)) => &p.links,
            Some(Model::Update(u)) => &u.links,
            Some(Model::Decision(d)) => &d.links,
            Some(Model::Recognition(r)) => &r.links,
            None => &[],
        }
    }
}

/// Reads one document from its text. Never fails: problems become findings.
pub fn read(
    path: &str,
    kind: Kind,
    text: String,
    config: &Config,
    out: &mut Vec<Diagnostic>,
) -> Document {
    let source = Source::new(text);
    let model = read_model(path, kind, &source, config, out);
    Document {
        path: path.to_owned(),
        kind,
        source,
        model,
    }
}

fn read_model(
    path: &str,
    kind: Kind,
    source: &Source,
    config: &Config,
    out: &mut Vec<Diagnostic>,
) -> Option<Model> {
    let frontmatter = match split_frontmatter(source.text()) {
        Ok(fm) => fm,
        // Every field of a decision is optional (MADR), so ADRs written
        // without a frontmatter block are valid as they are.
        Err(FrontmatterProblem::Missing) if kind == Kind::Decision => Frontmatter {
            yaml: 0..0,
            body_start: 0,
        },
        Err(problem) => {
            out.push(frontmatter_problem(path, kind, source, problem));
            return None;
        }
    };
    let yaml_text = &source.text()[frontmatter.yaml.clone()];
    let root = match yaml::parse(yaml_text) {
        Ok(root) => root,
        Err(err) => {
            let span = err.mark.map_or(
                Span {
                    line: 2,
                    column: 1,
                    end_line: 2,
                    end_column: 1,
                },
                |mark| {
                    let start = frontmatter.yaml.start + mark.byte_start;
                    source.span(start, start)
                },
            );
            out.push(
                Diagnostic::new(
                    Rule::YamlSyntax,
                    path,
                    span,
                    format!("invalid YAML: {}", err),
                )
                .with_help("fix the YAML syntax of the frontmatter between the `---` lines"),
            );
            return None;
        }
    };
    let mut reader = fields::Reader::new(path, source, &frontmatter, config, out);
    let stem = file_stem(path);
    Some(match kind {
        Kind::Project => Model::Project(project::read_project(&mut reader, &root, stem)),
        Kind::Update => Model::Update(update::read_update(&mut reader, &root)),
        Kind::Decision => Model::Decision(decision::read_decision(&mut reader, &root, stem)),
        Kind::Recognition => Model::Recognition(recognition::read_recognition(&mut reader, &root)),
    })
}

fn frontmatter_problem(
    path: &str,
    kind: Kind,
    source: &Source,
    problem: FrontmatterProblem,
) -> Diagnostic {
    let span = source.line_span(1);
    match problem {
        FrontmatterProblem::Missing => Diagnostic::new(
            Rule::FrontmatterMissing,
            path,
            span,
            format!("this {} has no YAML frontmatter", kind.as_str()),
        )
        .with_help(format!(
            "start the file with a line `---`, the {} fields, and a closing `---`",
            kind.as_str()
        )),
        FrontmatterProblem::Unclosed => Diagnostic::new(
            Rule::FrontmatterMissing,
            path,
            span,
            "the frontmatter block is never closed",
        )
        .with_help("add a line `---` after the last frontmatter field"),
    }
}

/// A project's id from its frontmatter alone (the `id` field, else the file
/// stem), without reading its body: a cheap look for readers that want one
/// project's versions. `None` when the frontmatter cannot be read.
pub fn project_id(path: &str, text: &str, config: &Config) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let frontmatter = split_frontmatter(text).ok()?;
    let yaml_text = &text[frontmatter.yaml.clone()];
    let root = yaml::parse(yaml_text).ok()?;
    let field = |name: &str| {
        root.as_map()
            .and_then(|entries| entries.iter().find(|(k, _)| k.name == name))
            .and_then(|(_, node)| node.scalar_text(yaml_text))
            .map(|id| id.trim().to_owned())
            .filter(|id| !id.is_empty())
    };
    // As `read_project` reads it: `id`, else the folder's own id field (a
    // well-formed one), else the file name.
    let id = field("id").or_else(|| {
        config
            .fields
            .id
            .iter()
            .find_map(|f| field(f))
            .filter(|id| project::valid_id(id))
    });
    Some(id.unwrap_or_else(|| file_stem(path).to_owned()))
}

/// The file name without its extension.
pub fn file_stem(path: &str) -> &str {
    Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(path)
}
