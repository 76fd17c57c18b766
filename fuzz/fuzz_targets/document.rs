//! Arbitrary bytes as a document of each kind: reading, every rule, and every
//! output format must neither panic nor report a position outside the file.

#![no_main]

use std::path::PathBuf;

use goalpost::config::Config;
use goalpost::diagnostic::{self, Format, HumanOptions, Report};
use goalpost::document;
use goalpost::vocabulary::Kind;
use goalpost::rules::{self, Context};
use goalpost::syntax;
use goalpost::workspace::{AddedDates, Workspace};
use libfuzzer_sys::fuzz_target;

/// Where each kind of document lives; the decision's name carries a number.
const PATHS: [(&str, Kind); 3] = [
    ("decisions/0001-fuzz.md", Kind::Decision),
    ("projects/fuzz.md", Kind::Project),
    ("updates/2026-01-01-a.md", Kind::Update),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A root that does not exist: `broken-link` looks at the file system.
    let config = Config::defaults(PathBuf::from("/nonexistent/goalpost-fuzz"));
    let mut findings = Vec::new();
    let documents: Vec<_> = PATHS
        .iter()
        .map(|(path, kind)| document::read(path, *kind, text.to_owned(), &config, &mut findings))
        .collect();
    let workspace = Workspace::from_documents(documents, findings);
    let today = syntax::parse_date("2026-11-22").expect("a valid date");
    let added = AddedDates::new();
    let cx = Context {
        config: &config,
        today,
        added: &added,
        focus: None,
    };
    let all = rules::findings(&workspace, &cx);

    for d in &all {
        let doc = workspace
            .document(&d.path)
            .expect("a finding names a document");
        let lines = doc.source.text().split('\n').count();
        assert!(d.line >= 1 && d.column >= 1, "0-based position: {d:?}");
        assert!(d.line as usize <= lines, "line past the end: {d:?}");
        assert!(
            (d.end_line, d.end_column) >= (d.line, d.column),
            "end before start: {d:?}"
        );
    }

    let source = |path: &str| workspace.document(path).map(|d| &d.source);
    let report = Report {
        diagnostics: &all,
        documents: workspace.documents.len(),
        source: &source,
        git_prefix: "",
    };
    let human = HumanOptions {
        color: data.len() % 2 == 0,
        quiet: false,
    };
    for format in Format::ALL {
        let mut out = Vec::new();
        diagnostic::render(format, &report, &human, &mut out).expect("writing to memory");
        if matches!(format, Format::Json | Format::Sarif | Format::Gitlab) {
            serde_json::from_slice::<serde_json::Value>(&out).expect("valid JSON");
        }
    }
});
