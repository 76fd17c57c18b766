//! `--format gitlab`: a GitLab Code Quality report, shown on merge requests
//! when a CI job saves it as its `codequality` report artifact.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Report, Severity};

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    let issues: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut description = d.message.clone();
            if let Some(help) = &d.help {
                description.push_str("; help: ");
                description.push_str(help);
            }
            // GitLab compares reports by fingerprint, so it must not change
            // when unrelated lines move: rule, file and message, plus a
            // counter for repeats.
            let base = fnv1a(&[d.rule.id(), &d.path, &d.message]);
            let repeat = seen.entry(base).or_insert(0);
            let fingerprint = format!("{base:016x}{repeat:04x}");
            *repeat += 1;
            json!({
                "description": description,
                "check_name": d.rule.id(),
                "fingerprint": fingerprint,
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "location": {
                    "path": report.git_path(d),
                    "lines": {"begin": d.line, "end": d.end_line},
                },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// 64-bit FNV-1a over the parts, each followed by a zero byte: a hash that
/// stays the same across Rust versions and platforms.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}
