//! Names for new documents: file-name slugs from titles and handles, and
//! titles from ids.

/// Lowercase ASCII letters and digits joined by `-`, at most `max` bytes,
/// cut at a word boundary.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = c.to_lowercase().next().unwrap_or(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(folded) = fold_latin(c) {
            out.push_str(folded);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.len() > max {
        match out.rfind('-') {
            Some(i) => out.truncate(i),
            None => out.truncate(max),
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The ASCII letters a lowercase Latin letter with a diacritic is written
/// with in a file name (`é` → `e`).
fn fold_latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđ", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ìíîïĩīĭįı", "i"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ţťŧ", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
    ];
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|(_, ascii)| *ascii)
}

/// `search-latency` → `Search latency`.
pub fn humanize(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_cut_at_a_boundary() {
        assert_eq!(
            slug("Use Redis for the query cache!", 50),
            "use-redis-for-the-query-cache"
        );
        assert_eq!(slug("  --Ünïcode--  ", 50), "unicode");
        assert_eq!(slug("Straße für Œuvres", 50), "strasse-fur-oeuvres");
        assert_eq!(slug("日本語 notes", 50), "notes");
        assert_eq!(slug("a very long title indeed", 12), "a-very-long");
        assert_eq!(slug("???", 50), "");
        assert_eq!(slug("abcdefghijklmnop", 5), "abcde");
    }

    #[test]
    fn ids_become_titles() {
        assert_eq!(humanize("search-latency"), "Search latency");
        assert_eq!(humanize("q4"), "Q4");
    }
}
