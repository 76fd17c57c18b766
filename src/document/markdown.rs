//! Reads the parts of a markdown body that goalpost understands: the title,
//! the success criteria, blockers and asks, and relative links.
//!
//! Everything goes through pulldown-cmark's event stream, so code blocks,
//! HTML comments and nested lists are never mistaken for criteria.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The state of one success criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CriterionState {
    Open,
    Met,
    /// Struck through: it no longer counts as open or met.
    Withdrawn,
}

/// One item of a list section, with the byte range of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub range: Range<usize>,
    /// `Some` for task-list items: whether the box is checked.
    pub checked: Option<bool>,
    /// Whether the item's text opens with struck-through text.
    pub struck: bool,
    /// The leading struck-through text: what a withdrawn criterion said.
    pub struck_text: String,
}

impl Item {
    pub fn criterion_state(&self) -> Option<CriterionState> {
        let checked = self.checked?;
        Some(if self.struck {
            CriterionState::Withdrawn
        } else if checked {
            CriterionState::Met
        } else {
            CriterionState::Open
        })
    }
}

/// A section found under one of the configured headings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// Byte range of the heading.
    pub heading: Range<usize>,
    /// The heading as written.
    pub title: String,
    pub items: Vec<Item>,
    /// Byte ranges of text in the section that is not a list item
    /// (paragraphs, quotes, code): goalpost does not read it as items.
    pub stray: Vec<Range<usize>>,
}

/// A link or image destination with its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub range: Range<usize>,
}

/// What the body says, with byte ranges relative to the body text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// The first level-1 heading.
    pub title: Option<(String, Range<usize>)>,
    pub criteria: Option<Section>,
    pub blockers: Option<Section>,
    pub asks: Option<Section>,
    pub links: Vec<Link>,
    /// Level-2 headings that open no section goalpost reads, as written.
    pub other_headings: Vec<(String, Range<usize>)>,
}

/// Which headings open which sections (lower-cased aliases).
#[derive(Clone, Copy, Debug)]
pub struct Headings<'a> {
    pub criteria: &'a [String],
    pub blockers: &'a [String],
    pub asks: &'a [String],
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Criteria,
    Blockers,
    Asks,
}

/// Parses a markdown body.
pub fn parse(body: &str, headings: Headings<'_>) -> Body {
    // Footnotes are read as footnotes (`[^1]` is no link, EIP-1's citations).
    let options = Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES;
    let mut out = Body::default();
    // The configured headings as they are compared, once per document.
    let keys: Vec<(String, Slot)> = [
        (headings.criteria, Slot::Criteria),
        (headings.blockers, Slot::Blockers),
        (headings.asks, Slot::Asks),
    ]
    .into_iter()
    .flat_map(|(aliases, slot)| aliases.iter().map(move |a| (heading_key(a), slot)))
    .collect();
    // Current section: slot, heading level, section.
    let mut current: Option<(Slot, HeadingLevel, Section)> = None;
    let mut heading: Option<(HeadingLevel, String, Range<usize>)> = None;
    let mut list_depth = 0usize;
    let mut item: Option<Item> = None;
    // Inside the leading strikethrough of the current item.
    let mut in_strike = false;
    // Inside a block quote (whose paragraphs are one stray block).
    let mut quote_depth = 0usize;

    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Some((_, text, _)) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    let (level, text, range) = heading.take().expect("heading is open");
                    on_heading(&mut out, &mut current, &keys, level, text, range);
                }
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, String::new(), range));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.links.push(Link {
                    dest: dest_url.into_string(),
                    range,
                });
            }
            Event::Start(Tag::BlockQuote(_)) => {
                if quote_depth == 0 && list_depth == 0 {
                    stray(&mut current, body, range);
                }
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock)
                if quote_depth == 0 && list_depth == 0 =>
            {
                stray(&mut current, body, range);
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) if list_depth == 1 && current.is_some() => {
                item = Some(Item {
                    text: String::new(),
                    range: range.start..range.start,
                    checked: None,
                    struck: false,
                    struck_text: String::new(),
                });
            }
            Event::End(TagEnd::Item) if list_depth == 1 => {
                if let (Some(mut done), Some((_, _, section))) = (item.take(), current.as_mut()) {
                    done.text = squash(&done.text);
                    done.struck_text = squash(&done.struck_text);
                    in_strike = false;
                    if done.range.is_empty() {
                        done.range = range.clone();
                    }
                    section.items.push(done);
                }
            }
            Event::TaskListMarker(checked) if list_depth == 1 => {
                if let Some(item) = item.as_mut() {
                    item.checked = Some(checked);
                }
            }
            Event::Start(Tag::Strikethrough) if list_depth == 1 => {
                if let Some(item) = item.as_mut().filter(|i| i.text.trim().is_empty()) {
                    item.struck = true;
                    in_strike = true;
                }
            }
            Event::End(TagEnd::Strikethrough) => in_strike = false,
            Event::Text(t) | Event::Code(t) if list_depth == 1 => {
                if let Some(item) = item.as_mut() {
                    if item.text.trim().is_empty() {
                        item.range = range.clone();
                    }
                    item.range.end = range.end;
                    item.text.push_str(&t);
                    if in_strike {
                        item.struck_text.push_str(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak if list_depth == 1 => {
                if let Some(item) = item.as_mut() {
                    item.text.push(' ');
                }
            }
            _ => {}
        }
    }
    if let Some((slot, _, section)) = current.take() {
        store(&mut out, slot, section);
    }
    out
}

/// Notes a block of text that is not a list item in a blockers or asks
/// section (a lone "None" paragraph means none, as a lone item does).
fn stray(current: &mut Option<(Slot, HeadingLevel, Section)>, body: &str, range: Range<usize>) {
    if let Some((Slot::Blockers | Slot::Asks, _, section)) = current.as_mut()
        && !is_none_marker(body.get(range.clone()).unwrap_or_default())
    {
        section.stray.push(range);
    }
}

/// How a heading is compared with the configured section names: letter
/// case, white space, a trailing `:` and a final `s` do not count
/// (`## Blocker:` opens the `Blockers` section).
pub fn heading_key(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches(':').trim_end();
    let mut key = if trimmed.contains(char::is_whitespace) {
        squash(trimmed).to_lowercase()
    } else {
        trimmed.to_lowercase()
    };
    if key.ends_with('s') {
        key.pop();
    }
    key
}

fn on_heading(
    out: &mut Body,
    current: &mut Option<(Slot, HeadingLevel, Section)>,
    keys: &[(String, Slot)],
    level: HeadingLevel,
    text: String,
    range: Range<usize>,
) {
    if current.as_ref().is_some_and(|(_, open, _)| level <= *open)
        && let Some((slot, _, section)) = current.take()
    {
        store(out, slot, section);
    }
    let name = heading_key(&text);
    if level == HeadingLevel::H1 && out.title.is_none() {
        out.title = Some((text.trim().to_owned(), range.clone()));
    }
    let slot = if let Some(&(_, slot)) = keys.iter().find(|(key, _)| *key == name) {
        slot
    } else {
        if level == HeadingLevel::H2 {
            out.other_headings.push((text.trim().to_owned(), range));
        }
        return;
    };
    // A nested heading inside an open section does not restart it.
    if current.is_none() {
        *current = Some((
            slot,
            level,
            Section {
                heading: range,
                title: text.trim().to_owned(),
                items: Vec::new(),
                stray: Vec::new(),
            },
        ));
    }
}

fn store(out: &mut Body, slot: Slot, section: Section) {
    let target = match slot {
        Slot::Criteria => &mut out.criteria,
        Slot::Blockers => &mut out.blockers,
        Slot::Asks => &mut out.asks,
    };
    // The first section of a kind wins; a repeated heading adds to it.
    match target {
        Some(existing) => {
            existing.items.extend(section.items);
            existing.stray.extend(section.stray);
        }
        None => *target = Some(section),
    }
}

/// Collapses runs of white space to single spaces and trims.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The items of a blockers or asks section that mean something: a lone `None`
/// (or `n/a`, `-`) means there are none.
pub fn meaningful_items(section: Option<&Section>) -> &[Item] {
    let Some(section) = section else { return &[] };
    match section.items.as_slice() {
        [only] if is_none_marker(&only.text) => &[],
        items => items,
    }
}

fn is_none_marker(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    matches!(t.as_str(), "" | "none" | "n/a" | "na" | "-" | "nothing")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings() -> (Vec<String>, Vec<String>, Vec<String>) {
        (
            vec!["success criteria".into()],
            vec!["blockers".into()],
            vec!["asks".into()],
        )
    }

    fn body(text: &str) -> Body {
        let (c, b, a) = headings();
        parse(
            text,
            Headings {
                criteria: &c,
                blockers: &b,
                asks: &a,
            },
        )
    }

    #[test]
    fn criteria_states() {
        let text = "# T\n\n## Success Criteria\n- [x] p95 < 200 ms\n- [ ] errors < 0.1%\n- [ ] ~~fuzzy~~ dropped, see 12\n  - [ ] nested is ignored\n- plain item\n\n## Other\n- [ ] not a criterion\n";
        let b = body(text);
        assert_eq!(b.title.as_ref().map(|t| t.0.as_str()), Some("T"));
        let items = &b.criteria.as_ref().expect("section").items;
        let states: Vec<_> = items.iter().map(Item::criterion_state).collect();
        assert_eq!(
            states,
            [
                Some(CriterionState::Met),
                Some(CriterionState::Open),
                Some(CriterionState::Withdrawn),
                None
            ]
        );
        assert_eq!(items[0].text, "p95 < 200 ms");
        assert_eq!(&text[items[1].range.clone()], "errors < 0.1%");
        assert_eq!(items[2].text, "fuzzy dropped, see 12");
        assert_eq!(items[2].struck_text, "fuzzy");
    }

    #[test]
    fn code_blocks_are_not_criteria() {
        let b = body("## Success criteria\n```\n- [ ] fake\n```\n");
        assert_eq!(b.criteria.expect("section").items.len(), 0);
    }

    #[test]
    fn none_means_no_blockers() {
        let b = body("## Blockers\n- None\n\n## Asks\n- Review from DB team\n");
        assert!(meaningful_items(b.blockers.as_ref()).is_empty());
        assert_eq!(meaningful_items(b.asks.as_ref()).len(), 1);
    }

    #[test]
    fn headings_match_ignoring_case_colons_and_plurals() {
        let b = body(
            "## Blocker:\n- Waiting on infra\n\n##  ASKS \n- A review\n\n## Blokers\n- lost\n",
        );
        assert_eq!(meaningful_items(b.blockers.as_ref()).len(), 1);
        assert_eq!(meaningful_items(b.asks.as_ref()).len(), 1);
        let other: Vec<&str> = b.other_headings.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(other, ["Blokers"]);
        assert_eq!(heading_key(" Success  Criteria: "), "success criteria");
    }

    #[test]
    fn text_that_is_not_a_list_item_is_stray() {
        let text = "## Blockers\nWaiting on infra since Monday.\n\n> quoted\n> still\n\n- a real one\n\n## Asks\nNone.\n";
        let b = body(text);
        let section = b.blockers.expect("blockers");
        let stray: Vec<&str> = section
            .stray
            .iter()
            .map(|r| text[r.clone()].trim())
            .collect();
        assert_eq!(
            stray,
            ["Waiting on infra since Monday.", "> quoted\n> still"]
        );
        assert_eq!(section.items.len(), 1);
        assert!(b.asks.expect("asks").stray.is_empty());
    }

    #[test]
    fn links_are_collected() {
        let b = body("See [the plan](docs/plan.md) and ![img](a.png).\n");
        let dests: Vec<_> = b.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["docs/plan.md", "a.png"]);
    }
}
