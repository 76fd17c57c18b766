//! Document builders: the one way to write a project, update or decision
//! in code. The demo's story and the tests write their fixtures with them,
//! so a fixture reads like the document it stands for, field by field in
//! the order `goalpost new` writes them.

use std::fmt;

/// A markdown list of `items`, or `- None` when there are none (an empty
/// list section, SPEC 1.3).
fn list(items: &[String]) -> String {
    if items.is_empty() {
        return "- None\n".to_owned();
    }
    items.iter().map(|i| format!("- {i}\n")).collect()
}

/// Writes `key: value` for a set field.
fn field(f: &mut fmt::Formatter<'_>, key: &str, value: Option<&String>) -> fmt::Result {
    match value {
        Some(value) => writeln!(f, "{key}: {value}"),
        None => Ok(()),
    }
}

/// Writes `key: [a, b]` for a set list.
fn field_list(f: &mut fmt::Formatter<'_>, key: &str, value: Option<&Vec<String>>) -> fmt::Result {
    match value {
        Some(items) => writeln!(f, "{key}: [{}]", items.join(", ")),
        None => Ok(()),
    }
}

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Level-2 sections, separated by a blank line.
fn sections(f: &mut fmt::Formatter<'_>, sections: &[(String, String)]) -> fmt::Result {
    for (i, (title, body)) in sections.iter().enumerate() {
        if i > 0 {
            writeln!(f)?;
        }
        write!(f, "## {title}\n{body}")?;
    }
    Ok(())
}

/// A project: frontmatter, a `#` title, an optional paragraph of context,
/// and the success criteria.
#[derive(Clone, Debug, Default)]
pub struct ProjectDoc {
    id: String,
    title: String,
    owner: Option<String>,
    contributors: Option<Vec<String>>,
    status: Option<String>,
    created: Option<String>,
    due: Option<String>,
    checkin: Option<String>,
    tags: Option<Vec<String>>,
    parent: Option<String>,
    depends_on: Option<Vec<String>>,
    /// Each a flow mapping, as written under `measures:`.
    measures: Vec<String>,
    context: Option<String>,
    criteria: Vec<String>,
}

impl ProjectDoc {
    pub fn new(id: &str, title: &str) -> Self {
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn owner(mut self, handle: &str) -> Self {
        self.owner = Some(handle.to_owned());
        self
    }

    /// Written even when empty (`contributors: []`).
    #[must_use]
    pub fn contributors(mut self, handles: &[&str]) -> Self {
        self.contributors = Some(owned(handles));
        self
    }

    #[must_use]
    pub fn status(mut self, status: &str) -> Self {
        self.status = Some(status.to_owned());
        self
    }

    #[must_use]
    pub fn created(mut self, date: &str) -> Self {
        self.created = Some(date.to_owned());
        self
    }

    #[must_use]
    pub fn due(mut self, date: &str) -> Self {
        self.due = Some(date.to_owned());
        self
    }

    #[must_use]
    pub fn checkin(mut self, cadence: &str) -> Self {
        self.checkin = Some(cadence.to_owned());
        self
    }

    #[must_use]
    pub fn parent(mut self, id: &str) -> Self {
        self.parent = Some(id.to_owned());
        self
    }

    #[must_use]
    pub fn depends_on(mut self, ids: &[&str]) -> Self {
        self.depends_on = Some(owned(ids));
        self
    }

    #[must_use]
    pub fn tags(mut self, tags: &[&str]) -> Self {
        self.tags = Some(owned(tags));
        self
    }

    /// A measure (key result): `- { id, name, unit, baseline, target }`.
    #[must_use]
    pub fn measure(
        mut self,
        id: &str,
        name: &str,
        unit: Option<&str>,
        baseline: &str,
        target: &str,
    ) -> Self {
        let unit = unit.map_or(String::new(), |u| format!(", unit: \"{u}\""));
        self.measures.push(format!(
            "{{ id: {id}, name: {name}{unit}, baseline: {baseline}, target: {target} }}"
        ));
        self
    }

    /// A paragraph between the title and the criteria.
    #[must_use]
    pub fn context(mut self, text: &str) -> Self {
        self.context = Some(text.to_owned());
        self
    }

    /// Task-list items after `- `: `[ ] open`, `[x] met`, `[ ] ~~withdrawn~~`.
    #[must_use]
    pub fn criteria(mut self, items: &[&str]) -> Self {
        self.criteria = owned(items);
        self
    }
}

impl fmt::Display for ProjectDoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "---\nid: {}\ntitle: {}", self.id, self.title)?;
        field(f, "owner", self.owner.as_ref())?;
        field_list(f, "contributors", self.contributors.as_ref())?;
        field(f, "status", self.status.as_ref())?;
        field(f, "created", self.created.as_ref())?;
        field(f, "due", self.due.as_ref())?;
        field(f, "checkin", self.checkin.as_ref())?;
        field_list(f, "tags", self.tags.as_ref())?;
        field(f, "parent", self.parent.as_ref())?;
        field_list(f, "depends_on", self.depends_on.as_ref())?;
        if !self.measures.is_empty() {
            writeln!(f, "measures:")?;
            for m in &self.measures {
                writeln!(f, "  - {m}")?;
            }
        }
        write!(f, "---\n# {}\n", self.title)?;
        if let Some(context) = &self.context {
            write!(f, "\n{context}\n")?;
        }
        // A project whose measures say what done means needs no checklist.
        if !self.criteria.is_empty() || self.measures.is_empty() {
            writeln!(f, "\n## Success criteria")?;
            for c in &self.criteria {
                writeln!(f, "- {c}")?;
            }
        }
        Ok(())
    }
}

/// An update: frontmatter and list sections (`- None` when a list is empty).
#[derive(Clone, Debug, Default)]
pub struct UpdateDoc {
    author: String,
    date: String,
    projects: Vec<String>,
    confidence: Option<String>,
    /// `key: value` lines under `measures:`, the value as YAML.
    measures: Vec<(String, String)>,
    sections: Vec<(String, String)>,
}

impl UpdateDoc {
    pub fn new(author: &str, date: &str, projects: &[&str]) -> Self {
        Self {
            author: author.to_owned(),
            date: date.to_owned(),
            projects: owned(projects),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn confidence(mut self, confidence: &str) -> Self {
        self.confidence = Some(confidence.to_owned());
        self
    }

    /// A value reported for a measure: `key` is `id` or `project/id`,
    /// `value` YAML (`64.5`, or `{ value: 96, as_of: 2026-08-26 }`).
    #[must_use]
    pub fn measure(mut self, key: &str, value: &str) -> Self {
        self.measures.push((key.to_owned(), value.to_owned()));
        self
    }

    /// A `## title` section listing `items`.
    #[must_use]
    pub fn section(mut self, title: &str, items: &[&str]) -> Self {
        self.sections.push((title.to_owned(), list(&owned(items))));
        self
    }

    #[must_use]
    pub fn progress(self, items: &[&str]) -> Self {
        self.section("Progress", items)
    }

    #[must_use]
    pub fn blockers(self, items: &[&str]) -> Self {
        self.section("Blockers", items)
    }

    #[must_use]
    pub fn asks(self, items: &[&str]) -> Self {
        self.section("Asks", items)
    }

    #[must_use]
    pub fn next(self, items: &[&str]) -> Self {
        self.section("Next", items)
    }
}

impl fmt::Display for UpdateDoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "---\nauthor: {}\ndate: {}\nprojects: [{}]",
            self.author,
            self.date,
            self.projects.join(", ")
        )?;
        field(f, "confidence", self.confidence.as_ref())?;
        if !self.measures.is_empty() {
            writeln!(f, "measures:")?;
            for (key, value) in &self.measures {
                writeln!(f, "  {key}: {value}")?;
            }
        }
        writeln!(f, "---")?;
        sections(f, &self.sections)
    }
}

/// A decision record (MADR): frontmatter, a `#` title and paragraphs.
#[derive(Clone, Debug, Default)]
pub struct DecisionDoc {
    title: String,
    status: Option<String>,
    date: Option<String>,
    deciders: Option<Vec<String>>,
    consulted: Option<Vec<String>>,
    informed: Option<Vec<String>>,
    projects: Option<Vec<String>>,
    supersedes: Option<Vec<String>>,
    sections: Vec<(String, String)>,
}

impl DecisionDoc {
    pub fn new(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn status(mut self, status: &str) -> Self {
        self.status = Some(status.to_owned());
        self
    }

    #[must_use]
    pub fn date(mut self, date: &str) -> Self {
        self.date = Some(date.to_owned());
        self
    }

    #[must_use]
    pub fn deciders(mut self, handles: &[&str]) -> Self {
        self.deciders = Some(owned(handles));
        self
    }

    #[must_use]
    pub fn consulted(mut self, handles: &[&str]) -> Self {
        self.consulted = Some(owned(handles));
        self
    }

    #[must_use]
    pub fn informed(mut self, handles: &[&str]) -> Self {
        self.informed = Some(owned(handles));
        self
    }

    #[must_use]
    pub fn projects(mut self, ids: &[&str]) -> Self {
        self.projects = Some(owned(ids));
        self
    }

    #[must_use]
    pub fn supersedes(mut self, numbers: &[&str]) -> Self {
        self.supersedes = Some(owned(numbers));
        self
    }

    /// A `## title` section holding one paragraph.
    #[must_use]
    pub fn section(mut self, title: &str, text: &str) -> Self {
        self.sections.push((title.to_owned(), format!("{text}\n")));
        self
    }
}

impl fmt::Display for DecisionDoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "---")?;
        field(f, "status", self.status.as_ref())?;
        field(f, "date", self.date.as_ref())?;
        field_list(f, "deciders", self.deciders.as_ref())?;
        field_list(f, "consulted", self.consulted.as_ref())?;
        field_list(f, "informed", self.informed.as_ref())?;
        field_list(f, "projects", self.projects.as_ref())?;
        field_list(f, "supersedes", self.supersedes.as_ref())?;
        write!(f, "---\n# {}\n\n", self.title)?;
        sections(f, &self.sections)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::{self, CriterionState};
    use crate::vocabulary::Kind;

    #[test]
    fn builders_write_documents_goalpost_reads() {
        let config = Config::defaults(".".into());
        let project = ProjectDoc::new("search", "Faster search")
            .owner("alice")
            .contributors(&[])
            .status("active")
            .due("2026-09-30")
            .criteria(&["[x] p95 < 200 ms", "[ ] errors < 1%"])
            .to_string();
        assert_eq!(
            project,
            "---\nid: search\ntitle: Faster search\nowner: alice\ncontributors: []\nstatus: active\ndue: 2026-09-30\n---\n# Faster search\n\n## Success criteria\n- [x] p95 < 200 ms\n- [ ] errors < 1%\n"
        );
        let mut findings = Vec::new();
        let doc = document::read(
            "projects/search.md",
            Kind::Project,
            project,
            &config,
            &mut findings,
        );
        assert_eq!(findings, []);
        let states: Vec<_> = doc
            .project()
            .map_or(vec![], |p| p.criteria.iter().map(|c| c.state).collect());
        assert_eq!(states, [CriterionState::Met, CriterionState::Open]);

        let update = UpdateDoc::new("alice", "2026-07-03", &["search"])
            .confidence("on-track")
            .progress(&["Worked on it."])
            .blockers(&[])
            .to_string();
        assert_eq!(
            update,
            "---\nauthor: alice\ndate: 2026-07-03\nprojects: [search]\nconfidence: on-track\n---\n## Progress\n- Worked on it.\n\n## Blockers\n- None\n"
        );
        let decision = DecisionDoc::new("Use Redis")
            .status("accepted")
            .deciders(&["alice", "bob"])
            .section("Decision", "Use the managed cluster.")
            .to_string();
        assert_eq!(
            decision,
            "---\nstatus: accepted\ndeciders: [alice, bob]\n---\n# Use Redis\n\n## Decision\nUse the managed cluster.\n"
        );
        for (path, kind, text) in [
            ("updates/u.md", Kind::Update, update),
            ("decisions/0001-redis.md", Kind::Decision, decision),
        ] {
            let mut findings = Vec::new();
            document::read(path, kind, text, &config, &mut findings);
            assert_eq!(findings, [], "{path}");
        }
    }
}
