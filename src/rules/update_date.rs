//! `update-date`: an update speaks for the day its `date` says, which must
//! be the day its file name says and not after today; otherwise it would
//! stand as the newest update and hide a late check-in.

use crate::diagnostic::{Diagnostic, Rule};
use crate::document::file_stem;
use crate::rules::Context;
use crate::syntax::parse_date;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (doc, update) in ws.updates().filter(|(d, _)| cx.wants(&d.path)) {
        let Some(date) = &update.date else { continue };
        // `<date>-<author>[-<slug>].md`: a name that starts with a date.
        let named = file_stem(&doc.path).get(..10).and_then(parse_date);
        if let Some(named) = named.filter(|n| *n != date.value) {
            out.push(
                Diagnostic::new(
                    Rule::UpdateDate,
                    &doc.path,
                    date.span,
                    format!(
                        "this update is dated {} but its file name says {named}",
                        date.value
                    ),
                )
                .with_help("make the two dates agree: the date is the day the update speaks for"),
            );
        }
        if date.value > cx.today {
            let days = (date.value - cx.today).num_days();
            out.push(
                Diagnostic::new(
                    Rule::UpdateDate,
                    &doc.path,
                    date.span,
                    format!(
                        "this update is dated {}, {days} day{} after today ({})",
                        date.value,
                        if days == 1 { "" } else { "s" },
                        cx.today
                    ),
                )
                .with_help(
                    "date the update the day it was written; a future date hides late check-ins",
                ),
            );
        }
    }
}
