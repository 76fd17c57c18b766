//! The walk reads the same commits and changes however the chain is cut
//! into batches and the diffs into runs.

use std::cell::Cell;
use std::path::Path;

use git2::{Repository, Signature, Time};

use super::*;
use crate::config::Config;

thread_local! {
    /// Run and batch sizes a test asks for, instead of [`RUN`] and [`BATCH`].
    pub(super) static SIZES: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
}

/// A repository of 90 daily commits: each adds an update, every third edits
/// a project, every seventh deletes the oldest update, one moves a project.
fn fixture(dir: &Path) -> (Repository, Oid) {
    let repo = Repository::init(dir).expect("init");
    let mut parent: Option<Oid> = None;
    let mut updates: Vec<String> = Vec::new();
    for day in 0..90_i64 {
        let mut index = repo.index().expect("index");
        let mut write = |rel: &str, text: String| {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, text).expect("write");
            index.add_path(Path::new(rel)).expect("add");
        };
        let update = format!("updates/2026/u{day:03}.md");
        write(
            &update,
            format!(
                "---\nauthor: ann\ndate: 2026-01-01\nprojects: [p{}]\n---\n",
                day % 4
            ),
        );
        updates.push(update);
        if day % 3 == 0 {
            let project = format!("projects/p{}.md", day % 4);
            write(
                &project,
                format!("---\nid: p{}\nstatus: active\n---\nday {day}\n", day % 4),
            );
        }
        if day == 40 {
            std::fs::rename(dir.join("projects/p1.md"), dir.join("projects/moved.md"))
                .expect("move");
            index
                .remove_path(Path::new("projects/p1.md"))
                .expect("remove");
            index.add_path(Path::new("projects/moved.md")).expect("add");
        }
        if day % 7 == 6 {
            let gone = updates.remove(0);
            std::fs::remove_file(dir.join(&gone)).expect("delete");
            index.remove_path(Path::new(&gone)).expect("remove");
        }
        index.write().expect("index");
        let tree = repo
            .find_tree(index.write_tree().expect("tree"))
            .expect("tree");
        let when = Signature::new(
            "Ann",
            "ann@example.com",
            &Time::new(1_767_225_600 + day * 86_400, 0),
        )
        .expect("signature");
        let parents: Vec<git2::Commit<'_>> = parent
            .iter()
            .map(|p| repo.find_commit(*p).expect("parent"))
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = repo
            .commit(
                Some("HEAD"),
                &when,
                &when,
                &format!("day {day}"),
                &tree,
                &refs,
            )
            .expect("commit");
        parent = Some(id);
    }
    let head = parent.expect("a commit");
    (repo, head)
}

/// What a walk returned, as text to compare.
fn walked(repo: &Repository, head: Oid, options: &Options, sizes: (usize, usize)) -> String {
    SIZES.with(|s| s.set(Some(sizes)));
    let config = Config::defaults(repo.workdir().expect("work tree").to_path_buf());
    let selector = Selector::new(&config).expect("selector");
    let Walked {
        commits, changes, ..
    } = walk(repo, head, "", &selector, options, None, &|| {}).expect("walk");
    SIZES.with(|s| s.set(None));
    let commits: Vec<String> = commits
        .iter()
        .map(|c| format!("{} {} {}", c.id, c.date(), c.baseline))
        .collect();
    let changes: Vec<String> = changes
        .iter()
        .map(|c| format!("{} {:?} {} {:?}", c.commit, c.kind, c.path, c.new))
        .collect();
    format!("{commits:#?}\n{changes:#?}")
}

#[test]
fn batches_and_runs_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (repo, head) = fixture(dir.path());
    let date = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let periods = [
        Options::default(),
        Options {
            since: date("2026-01-20"),
            until: date("2026-03-10"),
            ..Options::default()
        },
        Options {
            since: date("2026-03-25"),
            ..Options::default()
        },
    ];
    for options in &periods {
        let whole = walked(&repo, head, options, (1_000, 100_000));
        assert!(whole.contains("projects/moved.md"), "{whole}");
        for sizes in [
            (1, 1),
            (1, 2),
            (2, 5),
            (3, 7),
            (4, 89),
            (5, 90),
            (256, 8192),
        ] {
            assert_eq!(
                walked(&repo, head, options, sizes),
                whole,
                "run {} batch {} with {options:?}",
                sizes.0,
                sizes.1
            );
        }
    }
}
