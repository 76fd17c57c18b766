//! Promotions, from a CSV file exported from the HR system and named on
//! the command line (`audit --promotions FILE`), never from the repository:
//! a commit must not be able to point goalpost at a file. The file's
//! handles never reach any output; those that name no one in the roster
//! are only counted.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::config::Config;
use crate::error::Error;

/// The promotions of the roster's people, by handle, and how many rows
/// named no one in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Promotions {
    dates: BTreeMap<String, Vec<NaiveDate>>,
    pub unknown_rows: usize,
}

impl Promotions {
    /// Reads `handle,date[,kind]` rows under a header row that names the
    /// columns (any order, letter case ignored; other columns are
    /// ignored). A handle may be a roster handle (with or without `@`) or
    /// the `email` of a roster entry. A malformed row is an error naming
    /// its line; nothing is counted from a file with one.
    pub fn read(path: &Path, roster: &Config) -> Result<Promotions, Error> {
        let text = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&path.display().to_string(), &text, roster)
    }

    fn parse(name: &str, text: &[u8], roster: &Config) -> Result<Promotions, Error> {
        let at = |line: u64, message: String| Error::usage(format!("{name}:{line}: {message}"));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(text);
        let header = reader
            .headers()
            .map_err(|e| at(1, format!("cannot read the header row: {e}")))?
            .clone();
        let column = |wanted: &str| header.iter().position(|h| h.eq_ignore_ascii_case(wanted));
        let (Some(handle_at), Some(date_at)) = (column("handle"), column("date")) else {
            return Err(at(
                1,
                "the header row must name a `handle` and a `date` column (`handle,date,kind`)"
                    .into(),
            )
            .with_help("export the promotions with a header row: handle,date,kind"));
        };
        let by_email: BTreeMap<String, &str> = roster
            .people
            .iter()
            .filter_map(|(handle, p)| {
                Some((p.email.as_ref()?.trim().to_lowercase(), handle.as_str()))
            })
            .collect();
        let mut out = Promotions::default();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, csv::Position::line);
                at(
                    line,
                    format!("not a row of the file's columns: {}", csv_reason(&e)),
                )
            })?;
            let line = record.position().map_or(0, csv::Position::line);
            if record.iter().all(str::is_empty) {
                continue;
            }
            let who = record.get(handle_at).unwrap_or_default();
            let day = record.get(date_at).unwrap_or_default();
            if who.is_empty() {
                return Err(at(line, "the handle is empty".into()));
            }
            let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
                at(
                    line,
                    format!("`{day}` is not a date; write it as YYYY-MM-DD"),
                )
            })?;
            let bare = who.strip_prefix('@').unwrap_or(who);
            let handle = if roster.people.contains_key(bare) {
                Some(bare)
            } else {
                by_email.get(&who.to_lowercase()).copied()
            };
            match handle {
                Some(handle) => out.dates.entry(handle.to_owned()).or_default().push(date),
                None => out.unknown_rows += 1,
            }
        }
        Ok(out)
    }

    /// Whether `handle` was promoted on a day `keep` accepts.
    pub fn promoted(&self, handle: &str, keep: impl Fn(NaiveDate) -> bool) -> bool {
        self.dates
            .get(handle)
            .is_some_and(|d| d.iter().any(|d| keep(*d)))
    }
}

/// What went wrong in a row, without echoing its content.
fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "it has {len} field{} where the header has {expected_len}",
            if *len == 1 { "" } else { "s" }
        ),
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text".to_owned(),
        _ => "it cannot be read as CSV".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster() -> Config {
        let mut config = Config::defaults(".".into());
        for (handle, email) in [("ana", Some("Ana@Example.com")), ("bo", None)] {
            config.people.insert(
                handle.to_owned(),
                crate::config::Person {
                    email: email.map(str::to_owned),
                    ..Default::default()
                },
            );
        }
        config
    }

    #[test]
    fn rows_name_handles_or_emails_and_strangers_are_counted() {
        let text = "Date,Handle,Kind\n2026-08-01,ana,senior\n2026-09-01,@bo,\n2026-09-02,ana@example.com,lead\n2026-09-03,zed,\n\n";
        let p = Promotions::parse("p.csv", text.as_bytes(), &roster()).expect("read");
        assert_eq!(p.unknown_rows, 1);
        let on = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        assert!(p.promoted("ana", |d| Some(d) == on("2026-09-02")));
        assert!(p.promoted("bo", |_| true));
        assert!(!p.promoted("zed", |_| true));
    }

    #[test]
    fn a_malformed_row_names_its_line_and_never_its_content() {
        let cases = [
            (
                "handle,date\nana,2026-08-01\nbo,2026-13-01\n",
                "p.csv:3: `2026-13-01` is not a date",
            ),
            (
                "handle,date\nana,2026-08-01,extra\n",
                "p.csv:2: not a row of the file's columns: it has 3 fields where the header has 2",
            ),
            (
                "who,when\nana,2026-08-01\n",
                "p.csv:1: the header row must name",
            ),
            ("handle,date\n,2026-08-01\n", "p.csv:2: the handle is empty"),
        ];
        for (text, expected) in cases {
            let e = Promotions::parse("p.csv", text.as_bytes(), &roster()).expect_err(text);
            assert!(e.to_string().starts_with(expected), "{e}");
        }
    }
}
