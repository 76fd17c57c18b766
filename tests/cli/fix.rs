//! `goalpost fix`: every lone "did you mean" applied, the ambiguous left,
//! `check` clean afterwards, and a second run a no-op.

use crate::Repo;

const PROJECT: &str = "---\ntitle: Search\nowner: alice   # lead\nstatus: actve\ncreated: 2026-11-01\n---\nSee [the other](./searhc.md).\n\n## Success criteria\n- [ ] p95 under 200 ms\n";
const UPDATE: &str = "---\nauthor: alice\ndate: 2026-11-20\nprojects: [serch]\n---\n## Progress\n- a\n## Blokers\n- b\n";
const TIED: &str =
    "---\ntitle: Other\nowner: ann\nstatus: active\n---\n## Success criteria\n- [ ] one\n";

fn repo() -> Repo {
    Repo::new()
        .file(
            "goalpost.yml",
            "people:\n  alice: { name: Alice }\n  anna: { name: Anna }\n  anne: { name: Anne }\n",
        )
        .file("projects/search.md", PROJECT)
        .file("projects/other.md", TIED)
        .file("updates/2026-11-20-alice.md", UPDATE)
}

#[test]
fn fix_applies_each_lone_suggestion_and_leaves_a_choice() {
    let repo = repo();
    let (code, out, err) = repo.run(&["fix", "--today", "2026-11-25"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "projects/search.md:4:9: invalid-value: `actve` → `active`\n\
         projects/search.md:7:5: broken-link: `./searhc.md` → `./search.md`\n\
         updates/2026-11-20-alice.md:4:12: unknown-project: `serch` → `search`\n\
         updates/2026-11-20-alice.md:8:1: not-a-list: `## Blokers` → `## Blockers`\n"
    );
    assert!(
        err.contains("fixed 4 findings; left 1 with more than one candidate for you to choose"),
        "{err}"
    );
    assert_eq!(
        repo.read("projects/search.md"),
        PROJECT
            .replace("status: actve", "status: active")
            .replace("./searhc.md", "./search.md")
    );
    assert_eq!(
        repo.read("updates/2026-11-20-alice.md"),
        UPDATE
            .replace("[serch]", "[search]")
            .replace("## Blokers", "## Blockers")
    );
    // `ann` is as close to `anna` as to `anne`: only a person can choose.
    assert_eq!(repo.read("projects/other.md"), TIED);
    let (code, vals) = repo.check_json(&["--today", "2026-11-25"]);
    assert_eq!(code, 1);
    let rules: Vec<&str> = vals.iter().filter_map(|v| v["rule"].as_str()).collect();
    assert_eq!(rules, ["unknown-person"], "{vals:?}");
    assert!(
        vals[0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("did you mean `anna` or `anne`?"))
    );

    // Idempotent: nothing more to do, nothing written.
    let (code, out, err) = repo.run(&["fix", "--today", "2026-11-25"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("fixed 0 findings"), "{err}");
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let repo = repo();
    let out = repo.ok(&["fix", "updates", "--dry-run", "--today", "2026-11-25"]);
    assert_eq!(
        out,
        "--- a/updates/2026-11-20-alice.md\n+++ b/updates/2026-11-20-alice.md\n@@ -1,9 +1,9 @@\n ---\n author: alice\n date: 2026-11-20\n-projects: [serch]\n+projects: [search]\n ---\n ## Progress\n - a\n-## Blokers\n+## Blockers\n - b\n"
    );
    assert_eq!(repo.read("updates/2026-11-20-alice.md"), UPDATE);
    assert_eq!(repo.read("projects/search.md"), PROJECT);
}
