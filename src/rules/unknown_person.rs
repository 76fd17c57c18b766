//! `unknown-person`: when `goalpost.yml` has a roster, every handle is in it.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::suggest;
use crate::syntax::Located;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !cx.config.has_roster() {
        return;
    }
    let people = &cx.config.people;
    let mut report = |path: &str, handles: &mut dyn Iterator<Item = &Located<String>>| {
        for handle in handles.filter(|h| !people.contains_key(&h.value)) {
            let help = suggest::help(&handle.value, people.keys().map(String::as_str), || {
                "add the person under `people:` in goalpost.yml".to_owned()
            });
            out.push(
                Diagnostic::new(
                    Rule::UnknownPerson,
                    path,
                    handle.span,
                    format!("`{}` is not in the roster of goalpost.yml", handle.value),
                )
                .with_help(help),
            );
        }
    };
    for (doc, p) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        report(&doc.path, &mut p.owner.iter().chain(&p.contributors));
    }
    for (doc, u) in ws.updates().filter(|(d, _)| cx.wants(&d.path)) {
        report(&doc.path, &mut u.author.iter());
    }
    for (doc, d) in ws.decisions().filter(|(d, _)| cx.wants(&d.path)) {
        report(&doc.path, &mut d.deciders.iter());
    }
    for (doc, r) in ws.recognitions().filter(|(d, _)| cx.wants(&d.path)) {
        report(&doc.path, &mut r.people.iter().chain(&r.by));
    }
}
