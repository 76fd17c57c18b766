//! `goalpost rules` and `goalpost explain`: the rule catalogue, and one
//! rule's page (the text `docs/rules/<id>.md` holds).

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output, TableFormat};
use crate::diagnostic::{Rule, Severity};
use crate::error::Error;
use crate::render::table::{Cell, Table};
use crate::suggest;

/// List every rule: its id, default severity and what it checks
///
/// `goalpost explain <RULE>` says more about one. Severities are set per
/// repository under `rules:` in goalpost.yml (error, warning or off); the
/// HERE column says what the repository found from here (or --repo) sets,
/// the default outside one.
///
/// Examples:
///   goalpost rules
///   goalpost rules --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// Explain one rule: what it checks, why, an example and how to configure it
///
/// Prints the rule's page in markdown, the same text as docs/rules/<RULE>.md
/// in goalpost's repository, which SARIF reports and editors link to.
///
/// Examples:
///   goalpost explain vague-criterion
///   goalpost explain stale-checkin | less
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ExplainArgs {
    /// The rule's id, as findings show it (`error[missing-field]`)
    #[arg(value_name = "RULE")]
    pub rule: String,
}

#[derive(serde::Serialize)]
struct Row {
    id: &'static str,
    default: &'static str,
    /// In the repository found from here: `error`, `warning` or `off`.
    here: &'static str,
    description: &'static str,
    docs: String,
}

pub fn rules(
    global: &GlobalArgs,
    args: &RulesArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    // Outside a goal repository the list still prints, with the defaults;
    // a goalpost.yml that cannot be read is an error, as everywhere.
    let config = match commands::history_config(global) {
        Ok(config) => Some(config),
        Err(Error::NoRepository { .. }) => None,
        Err(e) => return Err(e),
    };
    let rows: Vec<Row> = Rule::ALL
        .iter()
        .map(|&r| Row {
            id: r.id(),
            default: severity(Some(r.default_severity())),
            here: severity(match &config {
                Some(config) => config.severity(r),
                None => Some(r.default_severity()),
            }),
            description: r.description(),
            docs: r.docs_url(),
        })
        .collect();
    let table = Table {
        header: ["RULE", "DEFAULT", "HERE", "CHECKS"],
        shrink: &[3],
    };
    commands::emit(io, args.format, &rows, "no rules", &table, |r| {
        [
            Cell::from(r.id.to_owned()),
            Cell::from(r.default.to_owned()),
            Cell::from(r.here.to_owned()),
            Cell::from(r.description.to_owned()),
        ]
    })?;
    Ok(ExitStatus::Success)
}

pub fn explain(
    _global: &GlobalArgs,
    args: &ExplainArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let id = args.rule.trim();
    // `error[missing-field]`, as a finding shows it, is taken too.
    let id = id
        .rsplit_once('[')
        .and_then(|(_, rest)| rest.strip_suffix(']'))
        .unwrap_or(id);
    let Some(rule) = Rule::from_id(id) else {
        return Err(suggest::unknown(
            "rule",
            id,
            Rule::ALL.iter().map(|r| r.id()),
        ));
    };
    write!(io.out, "{}", rule.page())?;
    Ok(ExitStatus::Success)
}

/// A severity as `goalpost.yml` writes it; `None` is `off`.
fn severity(s: Option<Severity>) -> &'static str {
    s.map_or("off", Severity::as_str)
}
