//! Characters a reader cannot see: control characters, zero-width and
//! bidirectional formatting characters, and names that look alike without
//! being the same (Unicode confusables, UTS 39). A handle that hides one, or
//! two handles that look alike, would make two people's packets impossible
//! to tell apart.

use unicode_security::skeleton;

/// Invisible or text-reordering characters (beyond control characters).
const HIDDEN: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{17B4}', '\u{17B5}'),
    ('\u{180B}', '\u{180F}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{206F}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0000}', '\u{E0FFF}'),
];

/// The first character of a name (a handle, an id) that a reader cannot
/// see or that reorders the text around it.
pub fn hidden(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() || HIDDEN.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)))
}

/// The first control character of free text (a title, a criterion), where
/// tabs and line breaks are fine but a NUL is not.
pub fn control(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// A character as a person can look it up: `U+200B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Whether two different names look the same (their UTS 39 skeletons are
/// equal): `alice` and `аlice` with a Cyrillic `а`.
pub fn look_alike(a: &str, b: &str) -> bool {
    a != b && skeleton(a).eq(skeleton(b))
}

/// The characters of `name` that are not plain ASCII, for a message.
pub fn unusual(name: &str) -> String {
    let odd: Vec<String> = name
        .chars()
        .filter(|c| !c.is_ascii())
        .map(code_point)
        .collect();
    odd.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_and_look_alike_names() {
        assert_eq!(hidden("bob\u{200b}"), Some('\u{200b}'));
        assert_eq!(hidden("al\u{202e}ice"), Some('\u{202e}'));
        assert_eq!(hidden("alice"), None);
        assert_eq!(control("a\u{0}b"), Some('\u{0}'));
        assert_eq!(control("tab\there"), None);
        assert!(look_alike("alice", "\u{430}lice"));
        assert!(!look_alike("alice", "alice"));
        assert!(!look_alike("alice", "bob"));
        assert_eq!(unusual("\u{430}lice"), "U+0430");
    }
}
