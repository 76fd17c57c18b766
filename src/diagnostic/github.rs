//! `--format github`: GitHub Actions workflow commands, which show up as
//! annotations on the pull request.

use std::io::{self, Write};

use super::Report;

pub fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for d in report.diagnostics {
        let level = match d.severity {
            super::Severity::Error => "error",
            super::Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&report.git_path(d)),
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            escape_property(&format!("goalpost {}", d.rule.id())),
            escape_data(&message),
        )?;
    }
    Ok(())
}

/// Escapes a workflow command's message, as the Actions toolkit does.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
