//! Tidy: the architecture of `ARCHITECTURE.md`, checked against the code.
//!
//! The floors table there is the source of truth: every top-level module of
//! `src/` stands on one floor and may use only modules on lower floors (and
//! modules named in its own row). This test reads the table and, through
//! `syn`, every `crate::…` and `super::…` path outside `#[cfg(test)]` code,
//! in the manner of rust-analyzer's tidy test, so the architecture is
//! checked, not only described.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Command files that may carry the name of the floor they are the door to
/// (ARCHITECTURE.md, "Floors").
const DOORS: &[&str] = &["packet", "audit", "digest", "edit", "lsp", "mcp", "site"];

/// The most lines a file of `src/` has unless `ARCHITECTURE.md` says why.
const LONG: usize = 450;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn architecture() -> String {
    std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md")
}

/// The words in backticks of a table cell.
fn ticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Module → (floor, row): the floors table of ARCHITECTURE.md.
fn floors() -> BTreeMap<String, (u32, usize)> {
    let mut out = BTreeMap::new();
    for (row, line) in architecture().lines().enumerate() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, floor, modules, ..] = cells.as_slice() else {
            continue;
        };
        let Ok(floor) = floor.parse::<u32>() else {
            continue;
        };
        for module in ticked(modules) {
            assert!(
                out.insert(module.clone(), (floor, row)).is_none(),
                "{module} stands on two floors in ARCHITECTURE.md"
            );
        }
    }
    assert!(!out.is_empty(), "ARCHITECTURE.md has no floors table");
    out
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every file of `src/` as (path relative to `src/`, text).
fn files() -> Vec<(String, String)> {
    let src = root().join("src");
    let mut paths = Vec::new();
    sources(&src, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .expect("inside src")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).expect("source"))
        })
        .collect()
}

/// The top-level module a file belongs to; `None` for the crate root.
fn module_of(rel: &str) -> Option<String> {
    match rel.split_once('/') {
        Some((dir, _)) => Some(dir.to_owned()),
        None if rel == "lib.rs" || rel == "main.rs" => None,
        None => Some(rel.trim_end_matches(".rs").to_owned()),
    }
}

/// The top-level modules a file's code (not its tests or comments) uses:
/// every `crate::` and `super::` path in `use` trees (groups nested and
/// wrapped as rustfmt wraps them), expressions, types and macro bodies,
/// outside items marked `#[cfg(test)]` or `#[test]`. `rel` is the file's
/// path under `src/`, for resolving `super::`.
fn uses(rel: &str, text: &str) -> Vec<String> {
    let file = syn::parse_file(text).unwrap_or_else(|e| panic!("src/{rel} does not parse: {e}"));
    let mut visitor = Uses {
        module: module_path(rel),
        out: Vec::new(),
    };
    syn::visit::Visit::visit_file(&mut visitor, &file);
    visitor.out
}

/// The module path of a file under `src/`: `history/walk.rs` is
/// `[history, walk]`, `history/mod.rs` is `[history]`, `lib.rs` is `[]`.
fn module_path(rel: &str) -> Vec<String> {
    let rel = rel.trim_end_matches(".rs");
    let mut path: Vec<String> = rel.split('/').map(str::to_owned).collect();
    if matches!(
        path.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        path.pop();
    }
    path
}

/// Whether attributes keep an item out of the built crate's code.
fn test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg")
                && a.parse_args::<syn::Meta>()
                    .is_ok_and(|m| m.path().is_ident("test")))
    })
}

struct Uses {
    /// The module being read, from the crate root.
    module: Vec<String>,
    out: Vec<String>,
}

impl Uses {
    /// Records the top-level module a path of `segments` names, if it leaves
    /// its own file's module through `crate::` or `super::`.
    fn path(&mut self, segments: &[String]) {
        let mut at = self.module.clone();
        let mut rest = segments;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                at.clear();
                rest = &rest[1..];
            }
            Some("super") => {
                while rest.first().is_some_and(|s| s == "super") {
                    at.pop();
                    rest = &rest[1..];
                }
            }
            _ => return,
        }
        let top = at.first().or(rest.first());
        if let Some(top) = top.filter(|t| !t.is_empty() && *t != "self") {
            self.out.push(top.clone());
        }
    }

    fn tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.leaf(prefix, n.ident.to_string()),
            syn::UseTree::Rename(r) => self.leaf(prefix, r.ident.to_string()),
            syn::UseTree::Glob(_) => self.leaf(prefix, String::new()),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.tree(prefix, item);
                }
            }
        }
    }

    fn leaf(&mut self, prefix: &[String], name: String) {
        let mut full = prefix.to_vec();
        if !name.is_empty() && name != "self" {
            full.push(name);
        }
        self.path(&full);
    }
}

impl<'ast> syn::visit::Visit<'ast> for Uses {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Const(i) => &i.attrs,
            syn::Item::Enum(i) => &i.attrs,
            syn::Item::Fn(i) => &i.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Macro(i) => &i.attrs,
            syn::Item::Mod(i) => &i.attrs,
            syn::Item::Static(i) => &i.attrs,
            syn::Item::Struct(i) => &i.attrs,
            syn::Item::Trait(i) => &i.attrs,
            syn::Item::Type(i) => &i.attrs,
            syn::Item::Use(i) => &i.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !test_only(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.module.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.module.pop();
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        if !test_only(&item.attrs) {
            syn::visit::visit_impl_item_fn(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.path(&segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        self.tokens(mac.tokens.clone());
    }
}

impl Uses {
    /// `crate::x` and `super::x` inside a macro's tokens (`format!`,
    /// `matches!`), which syn leaves unparsed.
    fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
        use proc_macro2::TokenTree;
        let flat: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < flat.len() {
            match &flat[i] {
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Ident(id) if id == "crate" || id == "super" => {
                    let mut path = vec![id.to_string()];
                    let mut j = i + 1;
                    while let (
                        Some(TokenTree::Punct(a)),
                        Some(TokenTree::Punct(b)),
                        Some(TokenTree::Ident(next)),
                    ) = (flat.get(j), flat.get(j + 1), flat.get(j + 2))
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        path.push(next.to_string());
                        j += 3;
                    }
                    if path.len() > 1 {
                        self.path(&path);
                    }
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

/// Files that a `#[cfg(test)] mod name;` brings in (at `name.rs`, or
/// where its `#[path]` says): tests, not code.
fn test_files(files: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (rel, text) in files {
        let Ok(file) = syn::parse_file(text) else {
            continue;
        };
        let here = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        let below = module_path(rel).join("/");
        for item in &file.items {
            let syn::Item::Mod(m) = item else { continue };
            if m.content.is_some() || !test_only(&m.attrs) {
                continue;
            }
            let path = m.attrs.iter().find_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            });
            let join = |dir: &str, name: &str| {
                if dir.is_empty() {
                    name.to_owned()
                } else {
                    format!("{dir}/{name}")
                }
            };
            match path {
                Some(path) => out.push(join(here, &path)),
                None => {
                    out.push(join(&below, &format!("{}.rs", m.ident)));
                    out.push(join(&below, &format!("{}/mod.rs", m.ident)));
                }
            }
        }
    }
    out
}

#[test]
fn no_floor_imports_one_above_or_beside_it() {
    let floors = floors();
    let mut problems = Vec::new();
    let files = files();
    let tests = test_files(&files);
    for (rel, text) in files {
        if tests.contains(&rel) {
            continue;
        }
        let Some(module) = module_of(&rel) else {
            continue;
        };
        let Some(&(floor, row)) = floors.get(&module) else {
            problems.push(format!(
                "src/{rel}: module `{module}` has no floor in ARCHITECTURE.md"
            ));
            continue;
        };
        for used in uses(&rel, &text) {
            if used == module {
                continue;
            }
            let Some(&(used_floor, used_row)) = floors.get(&used) else {
                problems.push(format!(
                    "src/{rel}: uses `{used}`, which has no floor in ARCHITECTURE.md"
                ));
                continue;
            };
            if used_floor >= floor && used_row != row {
                problems.push(format!(
                    "src/{rel}: `{module}` (floor {floor}) uses `{used}` (floor {used_floor})"
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The checker itself: every form an import takes is seen, in code that
/// follows a test module too; what tests and comments name is not.
#[test]
fn the_checker_sees_imports_in_code_only() {
    let planted = [
        // A group rustfmt wraps over lines.
        (
            "views/x.rs",
            "use crate::{\n    site::Page,\n    config::Config,\n};\n",
            &["site", "config"][..],
        ),
        // Groups inside groups.
        (
            "views/x.rs",
            "use crate::{syntax::{A, B}, history::{self, walk::{C}}};\n",
            &["syntax", "history"],
        ),
        // `super::` from a file two floors down, and from a folder's mod.rs.
        (
            "views/agenda/x.rs",
            "use super::super::super::site::Page;\nuse super::super::Who;\n",
            &["site"],
        ),
        (
            "views/mod.rs",
            "use super::site;\nfn f() { super::audit::run(); }\n",
            &["site", "audit"],
        ),
        // Code after a test module, and paths in expressions, types and macros.
        (
            "views/x.rs",
            "#[cfg(test)]\nmod tests { use crate::commands; }\nfn f(p: crate::packet::Packet) { crate::site::x(); println!(\"{}\", crate::audit::y()); }\n",
            &["packet", "site", "audit"],
        ),
        // Comments, tests and the module's own paths are not uses.
        (
            "views/x.rs",
            "//! doc about crate::site\n/// crate::audit\nuse super::Who;\nuse self::inner::X;\n#[test]\nfn t() { crate::packet::x(); }\n#[cfg(test)]\nfn u() { crate::lsp::y(); }\n",
            &[],
        ),
    ];
    for (rel, text, expected) in planted {
        let mut found = uses(rel, text);
        found.dedup();
        let mut expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
        found.retain(|m| m != "views");
        found.sort();
        expected.sort();
        assert_eq!(found, expected, "{rel}:\n{text}");
    }
    let tests = test_files(&[(
        "history/walk.rs".to_owned(),
        "#[cfg(test)]\n#[path = \"walk_tests.rs\"]\nmod tests;\n#[cfg(test)]\nmod more;\n"
            .to_owned(),
    )]);
    assert!(
        tests.contains(&"history/walk_tests.rs".to_owned()),
        "{tests:?}"
    );
    assert!(
        tests.contains(&"history/walk/more.rs".to_owned()),
        "{tests:?}"
    );
}

#[test]
fn every_module_says_why_it_exists() {
    let missing: Vec<String> = files()
        .into_iter()
        .filter(|(_, text)| !text.starts_with("//!"))
        .map(|(rel, _)| format!("src/{rel}"))
        .collect();
    assert!(
        missing.is_empty(),
        "these files do not open with a `//!` doc comment: {missing:?}"
    );
}

#[test]
fn long_files_say_why() {
    let text = architecture();
    let listed: Vec<String> = text
        .split("## Long files")
        .nth(1)
        .map(|section| section.split("\n## ").next().unwrap_or(section))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| ticked(l.split('|').nth(1).unwrap_or_default()))
        .collect();
    let mut problems = Vec::new();
    for (rel, body) in files() {
        let path = format!("src/{rel}");
        let lines = body.lines().count();
        match (lines > LONG, listed.contains(&path)) {
            (true, false) => problems.push(format!(
                "{path} has {lines} lines; split it, or say in ARCHITECTURE.md why its length is one concept"
            )),
            (false, true) => problems.push(format!(
                "{path} is listed as long in ARCHITECTURE.md but has {lines} lines"
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn no_top_level_module_shares_a_command_file_name() {
    let modules: Vec<String> = files()
        .iter()
        .filter_map(|(rel, _)| module_of(rel))
        .collect();
    let clashes: Vec<String> = files()
        .iter()
        .filter_map(|(rel, _)| rel.strip_prefix("commands/"))
        .map(|f| {
            f.split('/')
                .next()
                .unwrap_or(f)
                .trim_end_matches(".rs")
                .to_owned()
        })
        .filter(|name| modules.contains(name) && !DOORS.contains(&name.as_str()))
        .collect();
    assert!(
        clashes.is_empty(),
        "top-level modules named like command files: {clashes:?}"
    );
}
