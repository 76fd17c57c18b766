//! Documents: projects, updates and decisions read from markdown files with
//! YAML frontmatter, with a position for every value.
//!
//! Reading a document never fails: whatever is wrong with it becomes a
//! finding, and as much of the model as could be read is kept so that
//! cross-file rules still see it.

mod fields;
mod markdown;
mod model;
mod source;
pub mod yaml;

use std::path::Path;

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;

pub use fields::parse_date;
pub use markdown::CriterionState;
pub use model::{
    Cadence, Confidence, Criterion, Decision, DecisionStatus, Lifecycle, Project, Update, valid_id,
};
pub use source::Source;
use source::{Frontmatter, FrontmatterProblem, split_frontmatter};

/// A range in a file: 1-based lines and character columns, end exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    /// The very start of a file.
    pub const START: Span = Span {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    };
}

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// The three kinds of goalpost document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Project,
    Update,
    Decision,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Project, Kind::Update, Kind::Decision];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Project => "project",
            Kind::Update => "update",
            Kind::Decision => "decision",
        }
    }
}

/// What a document says, once read.
#[derive(Clone, Debug)]
pub enum Model {
    Project(Project),
    Update(Update),
    Decision(Decision),
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

    /// The relative links of the body.
    pub fn links(&self) -> &[Located<String>] {
        match &self.model {
            Some(Model::Project(p)) => &p.links,
            Some(Model::Update(u)) => &u.links,
            Some(Model::Decision(d)) => &d.links,
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
        Kind::Project => Model::Project(model::read_project(&mut reader, &root, stem)),
        Kind::Update => Model::Update(model::read_update(&mut reader, &root)),
        Kind::Decision => Model::Decision(model::read_decision(&mut reader, &root, stem)),
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

/// The file name without its extension.
pub fn file_stem(path: &str) -> &str {
    Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(path)
}
