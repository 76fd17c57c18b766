//! How the working tree's projects relate: what rolls up into what
//! (`parent`) and what waits for what (`depends_on`), indexed once so that
//! a view or a page per project never scans every project again.

use std::collections::{HashMap, HashSet};

use super::Workspace;

pub struct Relations<'a> {
    children: HashMap<&'a str, Vec<&'a str>>,
    dependants: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Relations<'a> {
    pub fn of(ws: &'a Workspace) -> Relations<'a> {
        let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut dependants: HashMap<&str, Vec<&str>> = HashMap::new();
        for (_, p) in ws.projects() {
            let id = p.id.value.as_str();
            if let Some(parent) = &p.parent {
                children.entry(parent.value.as_str()).or_default().push(id);
            }
            for dependency in &p.depends_on {
                dependants
                    .entry(dependency.value.as_str())
                    .or_default()
                    .push(id);
            }
        }
        for list in children.values_mut().chain(dependants.values_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        Relations {
            children,
            dependants,
        }
    }

    /// The projects that name `id` as their parent, by id.
    pub fn children(&self, id: &str) -> &[&'a str] {
        self.children.get(id).map_or(&[], Vec::as_slice)
    }

    /// The projects that list `id` in their `depends_on`, by id.
    pub fn dependants(&self, id: &str) -> &[&'a str] {
        self.dependants.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every project below `id` at any depth, each once, parents before
    /// their children. A circle of parents (which `check` reports) stops
    /// where it closes; `id` itself is never among them.
    pub fn descendants(&self, id: &str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut seen: HashSet<&str> = HashSet::from([id]);
        let mut stack: Vec<&str> = self.children(id).iter().rev().copied().collect();
        while let Some(next) = stack.pop() {
            if !seen.insert(next) {
                continue;
            }
            out.push(next);
            stack.extend(self.children(next).iter().rev().copied());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::Relations;
    use crate::config::Config;
    use crate::document::{self, Document};
    use crate::vocabulary::Kind;
    use crate::workspace::Workspace;

    fn project(id: &str, parent: Option<&str>) -> Document {
        let parent = parent.map_or(String::new(), |p| format!("parent: {p}\n"));
        document::read(
            &format!("projects/{id}.md"),
            Kind::Project,
            format!("---\nid: {id}\n{parent}---\n"),
            &Config::defaults(PathBuf::from(".")),
            &mut Vec::new(),
        )
    }

    #[test]
    fn descendants_at_every_depth_once_even_in_a_circle() {
        let ws = Workspace::from_documents(
            vec![
                project("top", None),
                project("mid", Some("top")),
                project("leaf", Some("mid")),
                project("other", Some("top")),
                project("a", Some("b")),
                project("b", Some("a")),
            ],
            Vec::new(),
        );
        let relations = Relations::of(&ws);
        assert_eq!(relations.descendants("top"), ["mid", "leaf", "other"]);
        assert_eq!(relations.descendants("leaf"), Vec::<&str>::new());
        assert_eq!(relations.descendants("a"), ["b"]);
        assert_eq!(relations.children("top"), ["mid", "other"]);
    }
}
