//! `audit --quarters N` (#28): four quarters side by side, every number
//! worked out by hand, over a history built for it.
//!
//! office (5): o1..o5 own a project each, active from 2025-09-01 throughout.
//! remote (5): r1, r2 likewise; r3, r4, r5 own projects done on 2025-12-15,
//! and r3 starts another on 2026-04-10. o1's project is tagged `stretch` from
//! 2026-01-05 to 2026-03-31 only.
//!
//! | quarter | office led | remote led | remote ratio | stretch (office, remote) |
//! |---|---|---|---|---|
//! | 2025-Q4 | 5/5 | 5/5 | 1 | 0, 0: no ratio |
//! | 2026-Q1 | 5/5 | 2/5 | 0.4 ⚑ | 1/5, 0/5: remote 0 ⚑ |
//! | 2026-Q2 | 5/5 | 3/5 | 0.6 ⚑ | 0, 0 (the tag went on 03-31) |
//! | 2026-Q3 | 5/5 | 3/5 | 0.6 ⚑ | 0, 0 |
//!
//! In Q2, o1's version in force on 04-01 carries no tag, so stretch counts
//! nobody: the highest rate is 0 and no ratio is computed.

use serde_json::{Value, json};

use crate::{Repo, commit_all};

const ROSTER: &str = "\
people:
  o1: { location: office }
  o2: { location: office }
  o3: { location: office }
  o4: { location: office }
  o5: { location: office }
  r1: { location: remote }
  r2: { location: remote }
  r3: { location: remote }
  r4: { location: remote }
  r5: { location: remote }
checkin: none
";

fn project(id: &str, owner: &str, status: &str, tags: &str) -> String {
    format!(
        "---\ntitle: {id}\nowner: {owner}\nstatus: {status}\n{tags}---\n## Success criteria\n- [ ] 1 user\n"
    )
}

fn history() -> Repo {
    let repo = Repo::new().file("goalpost.yml", ROSTER);
    let git = repo.git();
    for owner in ["o1", "o2", "o3", "o4", "o5", "r1", "r2", "r3", "r4", "r5"] {
        repo.write(
            &format!("projects/{owner}-work.md"),
            project(&format!("{owner}-work"), owner, "active", ""),
        );
    }
    commit_all(&git, "2025-09-01T10:00:00Z", "o1", "start");
    for owner in ["r3", "r4", "r5"] {
        repo.write(
            &format!("projects/{owner}-work.md"),
            project(&format!("{owner}-work"), owner, "done", ""),
        );
    }
    commit_all(&git, "2025-12-15T10:00:00Z", "r3", "ship");
    repo.write(
        "projects/o1-work.md",
        project("o1-work", "o1", "active", "tags: [stretch]\n"),
    );
    commit_all(&git, "2026-01-05T10:00:00Z", "o1", "stretch");
    repo.write(
        "projects/o1-work.md",
        project("o1-work", "o1", "active", ""),
    );
    commit_all(&git, "2026-03-31T10:00:00Z", "o1", "no longer stretch");
    repo.write(
        "projects/r3-next.md",
        project("r3-next", "r3", "active", ""),
    );
    commit_all(&git, "2026-04-10T10:00:00Z", "r3", "next");
    repo
}

fn ratios(quarter: &Value, group: &str) -> Vec<(String, Value, bool)> {
    quarter["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["group"] == group)
        .map(|g| {
            g["impact_ratios"]
                .as_array()
                .expect("ratios")
                .iter()
                .map(|r| {
                    (
                        r["opportunity"].as_str().unwrap_or("").to_owned(),
                        r["impact_ratio"].clone(),
                        r["flagged"] == true,
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn four_quarters_tell_a_persistent_gap_from_a_blip() {
    let repo = history();
    let today = ["--today", "2026-11-22"];
    let audit = repo.ok_json(
        &[
            &today[..],
            &["audit", "--quarters", "4", "--format", "json"],
        ]
        .concat(),
    );
    // The audit itself is the last quarter's.
    assert_eq!(
        audit["period"],
        json!({"since": "2026-07-01", "until": "2026-09-30"})
    );
    let quarters = audit["trend"]["quarters"].as_array().expect("quarters");
    let labels: Vec<&str> = quarters
        .iter()
        .map(|q| q["quarter"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(labels, ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    assert_eq!(
        quarters[1]["period"],
        json!({"since": "2026-01-01", "until": "2026-03-31"})
    );
    let remote = |i: usize| ratios(&quarters[i], "remote");
    let r = |o: &str, v: Value, f: bool| (o.to_owned(), v, f);
    assert_eq!(
        remote(0),
        [
            r("led", json!(1.0), false),
            r("stretch", Value::Null, false),
            r("decider", Value::Null, false)
        ]
    );
    assert_eq!(
        remote(1),
        [
            r("led", json!(0.4), true),
            r("stretch", json!(0.0), true),
            r("decider", Value::Null, false)
        ]
    );
    assert_eq!(remote(2)[0], r("led", json!(0.6), true));
    assert_eq!(remote(2)[1], r("stretch", Value::Null, false));
    assert_eq!(remote(3)[0], r("led", json!(0.6), true));
    assert_eq!(
        ratios(&quarters[3], "office")[0],
        r("led", json!(1.0), false)
    );
    assert_eq!(
        audit["trend"]["gaps"],
        json!([
            // stretch had a ratio only in 2026-Q1: nobody got it otherwise.
            {"group": "remote", "opportunity": "led", "flagged": 3, "measured": 4, "persistent": true},
            {"group": "remote", "opportunity": "stretch", "flagged": 1, "measured": 1, "persistent": false},
        ])
    );
    // The last quarter's finding: [[3, 2], [5, 0]], p = 0.444… (scipy);
    // 0.8 · 5/5 · 5 = 4 of 5, one more: fragile.
    assert_eq!(
        audit["findings"],
        json!([{"group": "remote", "opportunity": "led", "impact_ratio": 0.6, "reference": "office",
                "outcomes_comparable": null, "p_value": 0.444, "significant": false, "shortfall": 1, "fragile": true}])
    );

    let md = repo.ok(&[&today[..], &["audit", "--quarters", "4"]].concat());
    assert!(md.contains("## Trend, 4 quarters"), "{md}");
    assert!(
        md.contains(
            "- **remote** — led a project: flagged in 3 of 4 quarters measured: **persistent**"
        ),
        "{md}"
    );
    assert!(
        md.contains("- **remote** — stretch work: flagged in 1 of 1 quarter measured: one quarter"),
        "{md}"
    );
    assert!(
        md.contains("| led a project | 2025-Q4 | 2026-Q1 | 2026-Q2 | 2026-Q3 |"),
        "{md}"
    );
    assert!(
        md.contains("| remote | 1 | **0.4 ⚑** | **0.6 ⚑** | **0.6 ⚑** |"),
        "{md}"
    );
    let html = repo.ok(&[
        &today[..],
        &["audit", "--quarters", "4", "--format", "html"],
    ]
    .concat());
    assert!(html.contains("<h2>Trend, 4 quarters</h2>"), "{html}");
    assert_eq!(html.matches("class=\"spark\"").count(), 3 * 2, "{html}");

    // A quarter count with --since is refused: they name two periods.
    let (code, _, err) = repo.run(&["audit", "--quarters", "4", "--since", "2026-01-01"]);
    assert_eq!(code, 2, "{err}");
}
