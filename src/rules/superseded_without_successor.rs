//! `superseded-without-successor`: a superseded decision says what replaced it,
//! either in its status (`superseded by 0012`) or through another decision's
//! `supersedes`.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::vocabulary::DecisionStatus;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let named: HashSet<&str> = ws
        .decisions()
        .flat_map(|(_, d)| d.supersedes.iter().map(|k| k.value.as_str()))
        .collect();
    for (doc, decision) in ws.decisions().filter(|(d, _)| cx.wants(&d.path)) {
        if decision.status.value == DecisionStatus::Superseded(None)
            && !named.contains(decision.key.as_str())
        {
            out.push(
                Diagnostic::new(
                    Rule::SupersededWithoutSuccessor,
                    &doc.path,
                    decision.status.span,
                    format!("decision {} is superseded, but no decision supersedes it", decision.key),
                )
                .with_help(format!(
                    "add `supersedes: [{}]` to the decision that replaced it, or write `status: superseded by <number>`",
                    decision.key
                )),
            );
        }
    }
}
