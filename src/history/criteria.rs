//! Which criterion of one version of a project is which of the next: the
//! same text, else clearly the same item reworded; the rest were added or
//! removed. The timeline's criteria changes rest on this pairing.

use std::collections::HashSet;

use crate::document::Criterion;

/// How a criterion of the old version relates to the new one.
#[derive(Debug)]
pub(super) enum Pairing<'a> {
    Same(&'a Criterion, &'a Criterion),
    Added(&'a Criterion),
    Removed(&'a Criterion),
}

fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Matches criteria across two versions: first by identical text, then an
/// unmatched pair that is clearly the same item (similar text, or the same
/// position with somewhat similar text) is an edit; the rest were removed or
/// added.
pub(super) fn match_criteria<'a>(old: &'a [Criterion], new: &'a [Criterion]) -> Vec<Pairing<'a>> {
    let old_keys: Vec<String> = old.iter().map(|c| norm(&c.key)).collect();
    let new_keys: Vec<String> = new.iter().map(|c| norm(&c.key)).collect();
    let mut new_of_old: Vec<Option<usize>> = vec![None; old.len()];
    let mut taken: HashSet<usize> = HashSet::new();
    for (i, key) in old_keys.iter().enumerate() {
        if let Some(j) = (0..new.len()).find(|j| !taken.contains(j) && new_keys[*j] == *key) {
            new_of_old[i] = Some(j);
            taken.insert(j);
        }
    }
    for i in 0..old.len() {
        if new_of_old[i].is_some() {
            continue;
        }
        let best = (0..new.len())
            .filter(|j| !taken.contains(j))
            .map(|j| {
                let similarity = strsim::normalized_levenshtein(&old_keys[i], &new_keys[j]);
                (j, similarity, i == j)
            })
            .filter(|&(_, s, same_place)| s >= 0.6 || (same_place && s >= 0.3))
            .max_by(|a, b| {
                let score = |x: &(usize, f64, bool)| x.1 + if x.2 { 0.2 } else { 0.0 };
                score(a).total_cmp(&score(b))
            });
        if let Some((j, _, _)) = best {
            new_of_old[i] = Some(j);
            taken.insert(j);
        }
    }
    let mut out = Vec::new();
    for (i, c) in old.iter().enumerate() {
        match new_of_old[i] {
            Some(j) => out.push(Pairing::Same(c, &new[j])),
            None => out.push(Pairing::Removed(c)),
        }
    }
    for (j, c) in new.iter().enumerate() {
        if !taken.contains(&j) {
            out.push(Pairing::Added(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::CriterionState;
    use crate::syntax::Span;

    fn c(key: &str, state: CriterionState) -> Criterion {
        Criterion {
            text: key.to_owned(),
            key: key.to_owned(),
            state,
            span: Span::START,
        }
    }

    fn kinds(p: &[Pairing<'_>]) -> Vec<String> {
        p.iter()
            .map(|x| match x {
                Pairing::Same(a, b) if a.key == b.key => format!("same {}", a.key),
                Pairing::Same(a, b) => format!("edit {} -> {}", a.key, b.key),
                Pairing::Added(c) => format!("add {}", c.key),
                Pairing::Removed(c) => format!("remove {}", c.key),
            })
            .collect()
    }

    #[test]
    fn matches_by_text_then_similarity() {
        use CriterionState::Open;
        let old = [
            c("p95 < 200 ms", Open),
            c("errors < 0.1%", Open),
            c("docs published", Open),
        ];
        let new = [
            c("errors < 0.1%", Open),
            c("p95 < 150 ms", Open),
            c("3 customers onboarded", Open),
        ];
        assert_eq!(
            kinds(&match_criteria(&old, &new)),
            [
                "edit p95 < 200 ms -> p95 < 150 ms",
                "same errors < 0.1%",
                "remove docs published",
                "add 3 customers onboarded"
            ]
        );
    }
}
