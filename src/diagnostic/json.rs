//! `--format json`: one array of findings, the contract of SPEC 5.2.

use std::io::{self, Write};

use super::Report;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report.diagnostics)?;
    writeln!(out)
}
