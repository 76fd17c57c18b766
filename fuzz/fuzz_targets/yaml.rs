//! Arbitrary bytes as frontmatter YAML and as `goalpost.yml`: parsing must
//! neither panic nor run away, and positions must lie inside the text.

#![no_main]

use std::path::PathBuf;

use goalpost::config::Config;
use goalpost::syntax::yaml::{self, Node, Value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match yaml::parse(text) {
        Ok(node) => visit(&node, text),
        Err(err) => {
            if let Some(mark) = err.mark {
                assert!(mark.byte_start <= text.len(), "error past the end: {err:?}");
            }
        }
    }
    if let Err(problems) = Config::parse(PathBuf::from("/nonexistent/goalpost-fuzz"), text) {
        assert!(!problems.is_empty());
        for p in &problems {
            assert!(p.line >= 1 && p.column >= 1, "0-based position: {p:?}");
        }
    }
});

fn visit(node: &Node, text: &str) {
    assert!(
        node.mark.byte_start <= text.len(),
        "node past the end: {node:?}"
    );
    let _ = node.scalar_text(text);
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| visit(n, text)),
        Value::Map(entries) => {
            for (key, value) in entries {
                assert!(key.mark.byte_start <= text.len());
                visit(value, text);
            }
        }
        _ => {}
    }
}
