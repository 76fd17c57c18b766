//! `unknown-decision`: `supersedes` and `superseded by N` name decisions that
//! exist.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::vocabulary::DecisionStatus;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let keys: HashSet<&str> = ws.decisions().map(|(_, d)| d.key.as_str()).collect();
    for (doc, decision) in ws.decisions().filter(|(d, _)| cx.wants(&d.path)) {
        for named in decision
            .supersedes
            .iter()
            .filter(|k| !keys.contains(k.value.as_str()))
        {
            out.push(
                Diagnostic::new(
                    Rule::UnknownDecision,
                    &doc.path,
                    named.span,
                    format!(
                        "`supersedes` names decision {}, which does not exist",
                        named.value
                    ),
                )
                .with_help("use the number at the start of the superseded decision's file name"),
            );
        }
        if let DecisionStatus::Superseded(Some(successor)) = &decision.status.value
            && !keys.contains(successor.as_str())
        {
            out.push(
                Diagnostic::new(
                    Rule::UnknownDecision,
                    &doc.path,
                    decision.status.span,
                    format!("the status names decision {successor}, which does not exist"),
                )
                .with_help("name the number of the decision that replaced this one"),
            );
        }
    }
}
