//! The digest as markdown and HTML, from templates that ship in the binary
//! and can be overridden per repository (`digest.md.j2`, `digest.html.j2`);
//! JSON as it is; Slack's message format in [`super::slack`].

use minijinja::Environment;

use super::Digest;
use crate::render::report;

impl report::Report for Digest {
    const KIND: &'static str = "digest";

    fn warnings(&self) -> &[String] {
        &self.remarks.warnings
    }

    fn filters(env: &mut Environment<'static>) {
        // Days as words: `today`, `in 3 days`, `2 days ago`.
        env.add_filter("days", |days: i64| match days {
            0 => "today".to_owned(),
            1 => "tomorrow".to_owned(),
            -1 => "yesterday".to_owned(),
            d if d > 0 => format!("in {d} days"),
            d => format!("{} days ago", -d),
        });
    }
}
