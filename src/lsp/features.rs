//! Completion, hover, go to definition and quick fixes, answered from the
//! index: the documents in memory (open buffers over the files) and the
//! roster of `goalpost.yml`.

use lsp_types::{self as lsp, Position};

use super::cursor::{self, Cursor};
use super::measures;
use super::server::{Open, Repo, file_uri};
use super::text::Lines;
use crate::document::Document;
use crate::vocabulary::{Cadence, Confidence, DecisionStatus, Kind, Lifecycle};
use crate::workspace::Workspace;

/// More than this many candidates are cut, and the list marked incomplete
/// so that the editor asks again as the word grows.
const MAX_ITEMS: usize = 200;

/// Fields that hold roster handles (`people` and `by`: a recognition's).
const PERSON_FIELDS: [&str; 7] = [
    "owner",
    "author",
    "contributors",
    "deciders",
    "decision-makers",
    "people",
    "by",
];

fn kind_of(repo: &Repo, open: &Open) -> Option<Kind> {
    repo.selector.kind(open.path.as_deref()?)
}

fn cursor_at(open: &Open, position: Position) -> Option<Cursor> {
    cursor::at(&open.text, Lines::new(&open.text).offset(position))
}

pub fn completion(
    repo: &Repo,
    ws: &Workspace,
    open: &Open,
    position: Position,
) -> Option<lsp::CompletionResponse> {
    let kind = kind_of(repo, open)?;
    if kind == Kind::Update
        && let Some(cursor) = measure_key_at(open, position)
    {
        let candidates = measures::candidates(&repo.config, ws, open, &cursor);
        return Some(respond(open, &cursor, &candidates));
    }
    let cursor = cursor_at(open, position)?;
    let key = cursor.key.to_lowercase();
    // (label, detail)
    let candidates: Vec<(String, String)> = match (key.as_str(), kind) {
        ("status", Kind::Project) => {
            let mut words: Vec<(String, String)> = Lifecycle::ALL
                .iter()
                .map(|l| (l.as_str().to_owned(), "lifecycle state".to_owned()))
                .collect();
            for word in repo.config.status_words() {
                if let Some(state) = repo.config.lifecycle(&word)
                    && !words.iter().any(|(w, _)| *w == word)
                {
                    words.push((word, format!("means `{}`", state.as_str())));
                }
            }
            words
        }
        ("status", Kind::Decision) => DecisionStatus::WORDS
            .iter()
            .map(|w| (*w).to_owned())
            .chain(repo.config.decision_statuses.iter().cloned())
            .map(|w| (w, "decision status".to_owned()))
            .collect(),
        ("confidence", Kind::Update) => Confidence::WORDS
            .iter()
            .map(|w| ((*w).to_owned(), "confidence".to_owned()))
            .collect(),
        ("checkin", Kind::Project) => Cadence::WORDS
            .iter()
            .map(|w| ((*w).to_owned(), "check-in cadence".to_owned()))
            .chain([("14d".to_owned(), "every N days".to_owned())])
            .collect(),
        ("projects", Kind::Update | Kind::Decision | Kind::Recognition) => ws
            .projects()
            .map(|(_, p)| {
                let title = p.title.as_ref().map_or("", |t| t.value.as_str());
                (p.id.value.clone(), title.to_owned())
            })
            .collect(),
        ("supersedes", Kind::Decision) => ws
            .decisions()
            .filter(|(d, _)| Some(d.path.as_str()) != open.path.as_deref())
            .map(|(_, d)| {
                let title = d.title.as_ref().map_or("", |t| t.value.as_str());
                (d.key.clone(), title.to_owned())
            })
            .collect(),
        (field, _) if PERSON_FIELDS.contains(&field) => repo
            .config
            .people
            .iter()
            .map(|(handle, p)| (handle.clone(), p.name.clone().unwrap_or_default()))
            .collect(),
        _ => return None,
    };
    Some(respond(open, &cursor, &candidates))
}

/// The cursor on a key of an update's `measures:`.
fn measure_key_at(open: &Open, position: Position) -> Option<Cursor> {
    cursor::entry_key_at(
        &open.text,
        Lines::new(&open.text).offset(position),
        "measures",
    )
}

/// The candidates (label, detail) that match the word at the cursor, best
/// first.
fn respond(
    open: &Open,
    cursor: &Cursor,
    candidates: &[(String, String)],
) -> lsp::CompletionResponse {
    let word = cursor.prefix.to_lowercase();
    let range = Lines::new(&open.text).byte_range(cursor.range.clone());
    let mut matching: Vec<&(String, String)> = candidates
        .iter()
        .filter(|(label, detail)| {
            word.is_empty()
                || label.to_lowercase().contains(&word)
                || detail.to_lowercase().contains(&word)
        })
        .collect();
    matching.sort_by(|a, b| {
        let starts = |l: &str| !l.to_lowercase().starts_with(&word);
        (starts(&a.0), &a.0).cmp(&(starts(&b.0), &b.0))
    });
    let incomplete = matching.len() > MAX_ITEMS;
    let items = matching
        .into_iter()
        .take(MAX_ITEMS)
        .map(|(label, detail)| lsp::CompletionItem {
            label: label.clone(),
            kind: Some(lsp::CompletionItemKind::VALUE),
            detail: (!detail.is_empty()).then(|| detail.clone()),
            // The editor filters on the label and on the title.
            filter_text: Some(format!("{label} {detail}")),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                range,
                new_text: label.clone(),
            })),
            ..lsp::CompletionItem::default()
        })
        .collect();
    lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: incomplete,
        items,
    })
}

/// What a word in a field names.
enum Target<'a> {
    Project(&'a Document),
    Decision(&'a Document),
    Person(&'a str, &'a crate::config::Person),
}

fn target<'a>(repo: &'a Repo, ws: &'a Workspace, cursor: &Cursor) -> Option<Target<'a>> {
    let key = cursor.key.to_lowercase();
    let word = cursor.word.as_str();
    if word.is_empty() {
        return None;
    }
    match key.as_str() {
        "projects" | "project" => ws
            .projects()
            .find(|(_, p)| p.id.value == word)
            .map(|(d, _)| Target::Project(d)),
        "supersedes" => {
            let number = crate::vocabulary::first_number(word);
            ws.decisions()
                .find(|(_, d)| d.key == word || (number.is_some() && d.number == number))
                .map(|(d, _)| Target::Decision(d))
        }
        field if PERSON_FIELDS.contains(&field) => repo
            .config
            .people
            .get_key_value(word)
            .map(|(h, p)| Target::Person(h.as_str(), p)),
        _ => None,
    }
}

pub fn hover(repo: &Repo, ws: &Workspace, open: &Open, position: Position) -> Option<lsp::Hover> {
    if kind_of(repo, open) == Some(Kind::Update)
        && let Some(cursor) = measure_key_at(open, position)
    {
        let markdown = measures::hover(&repo.config, ws, open, &cursor)?;
        return Some(hovered(open, &cursor, markdown));
    }
    let cursor = cursor_at(open, position)?;
    let markdown = match target(repo, ws, &cursor)? {
        Target::Project(doc) => {
            let p = doc.project()?;
            let title = p
                .title
                .as_ref()
                .map_or(p.id.value.as_str(), |t| t.value.as_str());
            let met = p
                .criteria
                .iter()
                .filter(|c| c.state == crate::document::CriterionState::Met)
                .count();
            let counted = p
                .criteria
                .iter()
                .filter(|c| c.state != crate::document::CriterionState::Withdrawn)
                .count();
            let mut lines = vec![format!("**{}** (`{}`)", inert(title), p.id.value)];
            let mut facts = Vec::new();
            if let Some(owner) = &p.owner {
                facts.push(format!("owner: {}", inert(&owner.value)));
            }
            if let Some(status) = &p.status {
                facts.push(format!("status: {}", status.value.as_str()));
            }
            facts.push(format!("criteria met: {met}/{counted}"));
            if let Some(due) = &p.due {
                facts.push(format!("due: {}", due.value));
            }
            lines.push(facts.join(" · "));
            lines.push(format!("`{}`", doc.path));
            lines.join("\n\n")
        }
        Target::Decision(doc) => {
            let d = doc.decision()?;
            let title = d.title.as_ref().map_or("(no title)", |t| t.value.as_str());
            format!(
                "**Decision {}: {}**\n\nstatus: {}\n\n`{}`",
                d.key,
                inert(title),
                inert(d.status.value.as_str()),
                doc.path
            )
        }
        Target::Person(handle, person) => {
            let name = person.name.as_deref().unwrap_or(handle);
            let mut lines = vec![format!("**{}** (`{handle}`)", inert(name))];
            let attrs: Vec<String> = person
                .attributes
                .iter()
                .filter(|(k, _)| k.as_str() != "name")
                .map(|(k, v)| format!("{}: {}", inert(k), inert(v)))
                .collect();
            if !attrs.is_empty() {
                lines.push(attrs.join(" · "));
            }
            lines.join("\n\n")
        }
    };
    Some(hovered(open, &cursor, markdown))
}

fn hovered(open: &Open, cursor: &Cursor, markdown: String) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(Lines::new(&open.text).byte_range(cursor.range.clone())),
    }
}

/// Words from documents shown as text, not markup.
pub(super) fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn definition(
    repo: &Repo,
    ws: &Workspace,
    open: &Open,
    position: Position,
) -> Option<lsp::Location> {
    let cursor = cursor_at(open, position)?;
    let (doc, span) = match target(repo, ws, &cursor)? {
        Target::Project(doc) => (doc, doc.project()?.id.span),
        Target::Decision(doc) => (doc, crate::syntax::Span::START),
        Target::Person(..) => return None,
    };
    let uri = file_uri(&repo.config.root.join(&doc.path))?;
    Some(lsp::Location {
        uri,
        range: Lines::new(doc.source.text()).range(span, false),
    })
}

/// The "did you mean" of each finding in the request as a one-click edit.
pub fn code_actions(open: &Open, params: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
    let lines = Lines::new(&open.text);
    let mut actions = Vec::new();
    for diagnostic in &params.context.diagnostics {
        if diagnostic.source.as_deref() != Some("goalpost") {
            continue;
        }
        let proposed = crate::suggest::proposed(&diagnostic.message);
        for suggestion in &proposed {
            let Some(edit) = fix(&lines, diagnostic.range, suggestion) else {
                continue;
            };
            let edit = lsp::WorkspaceEdit {
                changes: Some([(open.uri.clone(), vec![edit])].into_iter().collect()),
                ..lsp::WorkspaceEdit::default()
            };
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: format!("Change to `{suggestion}`"),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit),
                // A tie is a choice: no one of them is preferred.
                is_preferred: Some(proposed.len() == 1),
                ..lsp::CodeAction::default()
            }));
        }
    }
    actions
}

/// The edit that puts the suggestion where the finding points (see
/// [`crate::suggest::replaced`]).
fn fix(lines: &Lines, range: lsp::Range, suggestion: &str) -> Option<lsp::TextEdit> {
    let start = lines.offset(range.start);
    let end = lines.offset(range.end);
    let bytes = crate::suggest::replaced(lines.text(), start..end)?;
    Some(lsp::TextEdit {
        range: lines.byte_range(bytes),
        new_text: suggestion.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit_of(text: &str, found: &str, suggestion: &str) -> String {
        let lines = Lines::new(text);
        let start = text.find(found).expect("present");
        let range = lines.byte_range(start..start + found.len());
        let edit = fix(&lines, range, suggestion).expect("present");
        let mut out = text.to_owned();
        let (a, b) = (lines.offset(edit.range.start), lines.offset(edit.range.end));
        out.replace_range(a..b, &edit.new_text);
        out
    }

    #[test]
    fn fixes_replace_values_quoted_values_and_link_targets() {
        assert_eq!(
            edit_of("owner: alcie\n", "alcie", "alice"),
            "owner: alice\n"
        );
        assert_eq!(
            edit_of("owner: \"alcie\"\n", "\"alcie\"", "alice"),
            "owner: \"alice\"\n"
        );
        assert_eq!(
            edit_of("see [x](./eip-15) now\n", "[x](./eip-15)", "./eip-150.md"),
            "see [x](./eip-150.md) now\n"
        );
        assert_eq!(
            edit_of("## Blokers\n- x\n", "## Blokers\n", "## Blockers"),
            "## Blockers\n- x\n"
        );
    }

    #[test]
    fn the_suggestions_are_read_from_the_help() {
        use crate::suggest::proposed;
        assert_eq!(
            proposed("no project `x`\nhelp: did you mean `search`?"),
            ["search"]
        );
        assert_eq!(
            proposed("no `x`\nhelp: did you mean `ab`, `ac` or `ad`? known: `zz`"),
            ["ab", "ac", "ad"]
        );
        assert!(proposed("no project `x`\nhelp: use an id").is_empty());
    }

    #[test]
    fn inert_escapes_markdown() {
        assert_eq!(
            inert("<b>[x](javascript:y)"),
            "\\<b\\>\\[x\\]\\(javascript\\:y\\)"
        );
    }
}
