//! "Did you mean ...?" suggestions for misspelt names.

/// The candidate closest to `input`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = input.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let c = candidate.to_lowercase();
        if c == lower {
            return Some(candidate);
        }
        let distance = strsim::damerau_levenshtein(&lower, &c);
        let limit = (c.chars().count().max(lower.chars().count()) / 3).max(1);
        let prefix = c.starts_with(&lower) && lower.chars().count() >= 3;
        if (distance <= limit || prefix) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
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
    }
}
