//! `supersedes-mismatch`: a decision named in another's `supersedes` has the
//! status `superseded`, so the two records agree.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::vocabulary::DecisionStatus;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut successors: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, decision) in ws.decisions() {
        for named in &decision.supersedes {
            successors
                .entry(&named.value)
                .or_default()
                .push(&decision.key);
        }
    }
    for (doc, decision) in ws.decisions().filter(|(d, _)| cx.wants(&d.path)) {
        let Some(by) = successors.get(decision.key.as_str()) else {
            continue;
        };
        if matches!(decision.status.value, DecisionStatus::Superseded(_)) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::SupersedesMismatch,
                &doc.path,
                decision.status.span,
                format!(
                    "decision {} is superseded by decision {}, but its status is `{}`",
                    decision.key,
                    by.join(", "),
                    decision.status.value.as_str()
                ),
            )
            .with_help(format!("set `status: superseded by {}`", by[0])),
        );
    }
}
