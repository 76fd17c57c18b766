//! The one strict reading of a YAML mapping, for `goalpost.yml` and for
//! frontmatter alike: the first entry of each known key, and every problem
//! (not a mapping, a repeated key, an unknown key) in source order, for the
//! caller to word as a configuration problem or a finding.

use std::collections::hash_map::{Entry, HashMap};

use super::{Key, Node, Value};

/// What is wrong with one entry, or with the node as a whole.
#[derive(Debug, PartialEq)]
pub enum MappingProblem<'n> {
    /// The node is a scalar or a list (`Value::type_name` says which).
    NotAMapping(&'n Node),
    /// A key written a second time; `first` is where it was written first.
    Repeated { key: &'n Key, first: &'n Key },
    /// A key that is not among the known ones.
    Unknown(&'n Key),
}

/// A mapping read strictly.
#[derive(Debug, Default)]
pub struct Entries<'n> {
    /// The first entry of each key (of each known key, when keys are known),
    /// in source order.
    pub entries: Vec<&'n (Key, Node)>,
    pub problems: Vec<MappingProblem<'n>>,
}

/// Reads `node` as a mapping whose keys are `known` (any key when `None`).
/// A null node is an empty mapping.
pub fn mapping<'n>(node: &'n Node, known: Option<&[&str]>) -> Entries<'n> {
    let entries = match &node.value {
        Value::Map(entries) => entries.as_slice(),
        Value::Null => return Entries::default(),
        _ => {
            return Entries {
                entries: Vec::new(),
                problems: vec![MappingProblem::NotAMapping(node)],
            };
        }
    };
    let mut out = Entries {
        entries: Vec::with_capacity(entries.len()),
        problems: Vec::new(),
    };
    for (entry, first) in entries.iter().zip(repeated_keys(entries)) {
        let key = &entry.0;
        if let Some(first) = first {
            out.problems.push(MappingProblem::Repeated { key, first });
        } else if known.is_some_and(|known| !known.contains(&key.name.as_str())) {
            out.problems.push(MappingProblem::Unknown(key));
        } else {
            out.entries.push(entry);
        }
    }
    out
}

/// For each entry of a mapping, the earlier key it repeats, if any. The
/// parser keeps duplicate keys so that both places can be reported; this
/// finds them in one pass, however many keys there are.
fn repeated_keys(entries: &[(Key, Node)]) -> Vec<Option<&Key>> {
    let mut first: HashMap<&str, &Key> = HashMap::with_capacity(entries.len());
    entries
        .iter()
        .map(|(key, _)| match first.entry(key.name.as_str()) {
            Entry::Occupied(seen) => Some(*seen.get()),
            Entry::Vacant(slot) => {
                slot.insert(key);
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse;

    #[test]
    fn first_entries_and_problems_in_order() {
        let node = parse("a: 1\nb: 2\na: 3\nc: 4\n").expect("yaml");
        let read = mapping(&node, Some(&["a", "b"]));
        let keys: Vec<&str> = read.entries.iter().map(|(k, _)| k.name.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        let problems: Vec<String> = read
            .problems
            .iter()
            .map(|p| match p {
                MappingProblem::Repeated { key, first } => {
                    format!(
                        "{} again (line {}, first {})",
                        key.name, key.mark.line, first.mark.line
                    )
                }
                MappingProblem::Unknown(key) => format!("{} unknown", key.name),
                MappingProblem::NotAMapping(_) => "not a mapping".to_owned(),
            })
            .collect();
        assert_eq!(problems, ["a again (line 3, first 1)", "c unknown"]);
        assert!(mapping(&parse("[1]").expect("yaml"), None).problems.len() == 1);
        assert!(mapping(&parse("").expect("yaml"), None).problems.is_empty());
    }
}
