//! Tests of the raw tree diff: entry order, parsing, and agreement with
//! libgit2's own tree diff.

use super::*;

fn entry(name: &'static [u8], tree: bool) -> Entry<'static> {
    Entry {
        mode: if tree { MODE_TREE } else { 0o100644 },
        name,
        id: &[0; 20],
    }
}

#[test]
fn folders_sort_as_if_followed_by_a_slash() {
    assert_eq!(
        git_order(&entry(b"a", true), &entry(b"a.md", false)),
        Ordering::Greater
    );
    assert_eq!(
        git_order(&entry(b"a", false), &entry(b"a.md", false)),
        Ordering::Less
    );
    assert_eq!(
        git_order(&entry(b"a", true), &entry(b"a-b", false)),
        Ordering::Greater
    );
    assert_eq!(
        git_order(&entry(b"a", true), &entry(b"a0", false)),
        Ordering::Less
    );
}

/// The diff finds exactly the changes libgit2's own tree diff finds, on
/// folders of hundreds of entries changed at the start, the middle, the
/// end and all over, with files and folders added, removed and replaced.
#[test]
fn agrees_with_libgit2_on_large_folders() {
    use git2::{Repository, TreeBuilder};

    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Repository::init_bare(dir.path()).expect("init");
    let blob = |text: String| repo.blob(text.as_bytes()).expect("blob");
    // A folder of `names` (a `/` suffix makes a subfolder of one file).
    let tree = |names: &[String], salt: &str| {
        let mut builder: TreeBuilder<'_> = repo.treebuilder(None).expect("builder");
        for name in names {
            if let Some(folder) = name.strip_suffix('/') {
                let mut inner = repo.treebuilder(None).expect("builder");
                inner
                    .insert("x.md", blob(format!("{folder}{salt}")), 0o100644)
                    .expect("insert");
                let id = inner.write().expect("write");
                builder.insert(folder, id, 0o040000).expect("insert");
            } else {
                builder
                    .insert(name, blob(format!("{name}{salt}")), 0o100644)
                    .expect("insert");
            }
        }
        builder.write().expect("write")
    };
    let base: Vec<String> = (0..400)
        .map(|i| match i % 7 {
            0 => format!("d{i:04}/"),
            _ => format!("f{i:04}.md"),
        })
        .collect();
    let old = tree(&base, "");
    let mut cases: Vec<git2::Oid> = Vec::new();
    // Same names, some contents changed (first, middle, last, scattered).
    for changed in [
        vec![0usize],
        vec![200],
        vec![399],
        vec![3, 150, 151, 390],
        vec![],
    ] {
        let mut b = repo
            .treebuilder(Some(&repo.find_tree(old).expect("tree")))
            .expect("b");
        for i in changed {
            let name = base[i].trim_end_matches('/');
            if base[i].ends_with('/') {
                let mut inner = repo.treebuilder(None).expect("builder");
                inner
                    .insert("x.md", blob("changed".into()), 0o100644)
                    .expect("insert");
                b.insert(name, inner.write().expect("write"), 0o040000)
                    .expect("insert");
            } else {
                b.insert(name, blob("changed".into()), 0o100644)
                    .expect("insert");
            }
        }
        cases.push(b.write().expect("write"));
    }
    // Entries added and removed, a file replaced by a folder.
    let mut names = base.clone();
    names.remove(399);
    names.remove(200);
    names.remove(0);
    names.insert(50, "f0050a.md".into());
    names.push("zz.md".into());
    names[100] = names[100].trim_end_matches(".md").to_owned() + "/";
    cases.push(tree(&names, ""));
    cases.push(tree(&base, "everything changed"));
    cases.push(tree(&[], ""));

    let odb = repo.odb().expect("odb");
    let mut reader = TreeReader::new(&odb, 20);
    for new in cases {
        for (a, b) in [
            (Some(old), Some(new)),
            (Some(new), Some(old)),
            (None, Some(new)),
        ] {
            let mut ours = Vec::new();
            reader.diff(a, b, "", &mut ours).expect("diff");
            let mut ours: Vec<(String, Option<Oid>, Option<Oid>)> =
                ours.into_iter().map(|c| (c.path, c.old, c.new)).collect();
            ours.sort();
            let a_tree = a.map(|id| repo.find_tree(id).expect("tree"));
            let b_tree = b.map(|id| repo.find_tree(id).expect("tree"));
            let diff = repo
                .diff_tree_to_tree(a_tree.as_ref(), b_tree.as_ref(), None)
                .expect("libgit2 diff");
            let mut theirs: Vec<(String, Option<Oid>, Option<Oid>)> = diff
                .deltas()
                .map(|d| {
                    let side = |f: git2::DiffFile<'_>| Some(f.id()).filter(|id| !id.is_zero());
                    let path = d
                        .new_file()
                        .path()
                        .or_else(|| d.old_file().path())
                        .expect("path");
                    (
                        path.to_string_lossy().into_owned(),
                        side(d.old_file()),
                        side(d.new_file()),
                    )
                })
                .collect();
            theirs.sort();
            assert_eq!(ours, theirs);
        }
    }
}

#[test]
fn common_ends_are_found_in_blocks_and_bytes() {
    let a: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
    let mut b = a.clone();
    b[700] ^= 1;
    assert_eq!(common_prefix(&a, &b), 700);
    assert_eq!(common_suffix(&a, &b), 299);
    assert_eq!(common_prefix(&a, &a), 1000);
    assert_eq!(common_suffix(&a[..10], &a), 0);
    assert_eq!(common_prefix(&[], &a), 0);
}

#[test]
fn parses_raw_entries() {
    let mut raw = b"100644 a.md\0".to_vec();
    raw.extend([1u8; 20]);
    raw.extend(b"40000 dir\0");
    raw.extend([2u8; 20]);
    let parsed = entries(&raw, 20);
    assert_eq!(parsed.len(), 2);
    assert_eq!((parsed[0].name, parsed[0].is_blob()), (&b"a.md"[..], true));
    assert_eq!((parsed[1].name, parsed[1].is_tree()), (&b"dir"[..], true));
}
