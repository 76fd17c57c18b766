//! "Did you mean ...?" for misspelt names: the one way every message that
//! rejects a name (a key, a field value, a project, a person, a template)
//! points at the name that was probably meant.

use crate::error::Error;

/// The candidate closest to `input`, if it is close enough to be a likely
/// typo; of candidates equally close, the first in order.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    closest(input, candidates).into_iter().next()
}

/// Every candidate as close to `input` as the closest, if that is close
/// enough to be a likely typo, in order: one name is a fix, two or more
/// are a choice only a person can make (`goalpost fix` leaves it).
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let lower = input.to_lowercase();
    let input_len = lower.chars().count();
    let input_histogram = histogram(&lower);
    let mut best: Option<usize> = None;
    let mut tied: Vec<&'a str> = Vec::new();
    for candidate in candidates {
        // Names whose lengths differ by more than the edit budget cannot be
        // close, unless the input is a prefix; skip them before any work.
        let len = candidate.chars().count();
        // A typo is a few edits; beyond three a suggestion is more noise than help.
        let limit = (len.max(input_len) / 3).clamp(1, 3);
        if len.abs_diff(input_len) > limit && len < input_len {
            continue;
        }
        let c: std::borrow::Cow<'_, str> = if candidate.chars().any(char::is_uppercase) {
            candidate.to_lowercase().into()
        } else {
            candidate.into()
        };
        if c == lower {
            return vec![candidate];
        }
        let prefix = input_len >= 3 && c.starts_with(&lower);
        if !prefix && len.abs_diff(input_len) > limit {
            continue;
        }
        if histogram_bound(&input_histogram, &c) > limit && !prefix {
            continue;
        }
        let budget = if prefix { usize::MAX } else { limit };
        let Some(distance) = bounded_distance(&lower, &c, budget) else {
            continue;
        };
        match best {
            Some(d) if distance > d => {}
            Some(d) if distance == d => tied.push(candidate),
            _ => {
                best = Some(distance);
                tied = vec![candidate];
            }
        }
    }
    // In order, whatever order callers give.
    tied.sort_unstable();
    tied.dedup();
    tied
}

/// The names a help line proposes: `["a"]` for "did you mean `a`?",
/// `["a", "b"]` for "did you mean `a` or `b`?", none without one. The LSP
/// offers each as a quick fix; `goalpost fix` applies only a lone one.
pub fn proposed(help: &str) -> Vec<&str> {
    let Some(rest) = help.split("did you mean ").nth(1) else {
        return Vec::new();
    };
    let clause = rest.split('?').next().unwrap_or("");
    clause
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|n| !n.is_empty() && !n.contains('\n'))
        .collect()
}

/// What a "did you mean" replaces of the text a finding points at
/// (`range`, bytes of `text`): the whole value, inside its quotes, a link's
/// destination, or a heading without its line break. The LSP's quick fixes
/// and `goalpost fix` make the same edit.
pub fn replaced(text: &str, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let start = range.start;
    // A heading's range ends after its line break.
    let found = text.get(range)?.trim_end_matches(['\n', '\r']);
    let end = start + found.len();
    if found.is_empty() || found.contains('\n') {
        return None;
    }
    Some(if let Some(open) = found.find("](") {
        let close = found[open..].find(')')? + open;
        start + open + 2..start + close
    } else if found.len() >= 2
        && (found.starts_with('"') && found.ends_with('"')
            || found.starts_with('\'') && found.ends_with('\''))
    {
        start + 1..end - 1
    } else {
        start..end
    })
}

/// "did you mean `a`?", or "did you mean `a` or `b`?" for a tie.
fn mean(close: &[&str]) -> Option<String> {
    let names: Vec<String> = close.iter().map(|n| format!("`{n}`")).collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [init @ .., last] => Some(format!("did you mean {} or {last}?", init.join(", "))),
    }
}

/// The edit distance between `a` and `b` counting a swap of two
/// neighbouring letters as one edit (optimal string alignment: `alcie` is
/// one edit from `alice`, as people mistype it), or `None` as soon as it is
/// certain to exceed `limit` (every cell of two rows in a row above it).
fn bounded_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows i-2 and i-1 of the table, and the smallest cell of row i-1.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut prev_smallest = 0;
    for i in 1..=a.len() {
        let mut row = vec![0; b.len() + 1];
        row[0] = i;
        let mut smallest = row[0];
        for j in 1..=b.len() {
            let substitution = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut d = substitution.min(prev[j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
            smallest = smallest.min(d);
        }
        // A later cell comes from this row, or by a swap from the one
        // before: when both are past the limit, so is the distance.
        if smallest > limit && prev_smallest > limit {
            return None;
        }
        before = std::mem::replace(&mut prev, row);
        prev_smallest = smallest;
    }
    Some(prev[b.len()]).filter(|d| *d <= limit)
}

/// A help line for a misspelt name: "did you mean `x`?" when a candidate
/// is close, else what `otherwise` says.
pub fn help<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    mean(&closest(input, candidates)).unwrap_or_else(otherwise)
}

/// A help line that always says `rest` (what the valid names are), after
/// "did you mean `x`?" when a candidate is close.
pub fn help_then<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    rest: &str,
) -> String {
    match mean(&closest(input, candidates)) {
        Some(mean) => format!("{mean} {rest}"),
        None => rest.to_owned(),
    }
}

/// "known people include `a`, `b`, `c`": the three known names nearest to
/// `input`, or `None` when none is known.
pub fn known<'a>(
    plural: &str,
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let near = nearest(input, candidates, 3);
    if near.is_empty() {
        return None;
    }
    let names: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
    Some(format!("known {plural} include {}", names.join(", ")))
}

/// A usage error for a name of some kind (a person, a team, a project, a
/// status) that is not known, naming the nearest known ones.
pub fn unknown<'a>(what: &str, name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Error {
    Error::usage(format!("unknown {what} `{name}`")).with_help(known_help(what, name, candidates))
}

/// "did you mean `x`?" when a known name is close, else the nearest known
/// ones, else that none of this kind is known.
pub fn known_help<'a>(
    what: &str,
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(mean) = mean(&closest(name, candidates.iter().copied())) {
        return mean;
    }
    let plural = match what {
        "person" => "people".to_owned(),
        "status" => "statuses".to_owned(),
        _ => format!("{what}s"),
    };
    known(&plural, name, candidates).unwrap_or_else(|| match what {
        "team" => {
            "no team is known; a person's team is set under `people:` in goalpost.yml".to_owned()
        }
        _ => format!("no {what} is known"),
    })
}

/// Characters bucketed into 64 counters (collisions only lower the bound).
fn histogram(s: &str) -> [i32; 64] {
    let mut h = [0; 64];
    for c in s.chars() {
        h[(c as usize) % 64] += 1;
    }
    h
}

/// A lower bound of the edit distance from the histogram's string to `s`:
/// each edit changes at most two counters by one.
fn histogram_bound(h: &[i32; 64], s: &str) -> usize {
    let mut d = *h;
    for c in s.chars() {
        d[(c as usize) % 64] -= 1;
    }
    let total: i32 = d.iter().map(|x| x.abs()).sum();
    usize::try_from(total).unwrap_or(0).div_ceil(2)
}

/// The candidates closest to `input`, best first (for "known names are ...").
pub fn nearest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let lower = input.to_lowercase();
    let mut scored: Vec<(f64, &'a str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["title", "owner", "status", "due"];
        assert_eq!(did_you_mean("staus", fields), Some("status"));
        assert_eq!(did_you_mean("Owner", fields), Some("owner"));
        assert_eq!(did_you_mean("nav_order", fields), None);
        assert_eq!(did_you_mean("activ", ["active", "done"]), Some("active"));
        // A swap of two neighbouring letters is one edit.
        assert_eq!(did_you_mean("alcie", ["alice", "bob"]), Some("alice"));
        assert_eq!(did_you_mean("stauts", fields), Some("status"));
        assert_eq!(bounded_distance("ab", "ba", 1), Some(1));
        assert_eq!(bounded_distance("abcd", "badc", 2), Some(2));
        assert_eq!(bounded_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(bounded_distance("kitten", "sitting", 2), None);
        assert_eq!(
            did_you_mean("search-latncy", ["search-latency", "search-lab"]),
            Some("search-latency")
        );
    }

    /// Callers pass names from hash sets: ties must not depend on the order.
    #[test]
    fn ties_are_broken_by_name() {
        let names = ["alpha-bx", "alpha-ax", "alpha-dx"];
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let given = order.map(|i| names[i]);
            assert_eq!(did_you_mean("alpha-cx", given), Some("alpha-ax"));
        }
    }

    #[test]
    fn bounded_distance_stops_early() {
        assert_eq!(bounded_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(bounded_distance("kitten", "sitting", 2), None);
        assert_eq!(bounded_distance("", "abc", 5), Some(3));
    }
}
