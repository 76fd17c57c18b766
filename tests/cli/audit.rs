//! `audit`: every number of SPEC 6 checked by hand on a scripted history.
//!
//! Period: 2026-07-01..2026-09-30 (the default: the last full quarter before
//! 2026-11-22). Groups by `location` (the default), `min_group` 5:
//!
//! - office (6): oksana, olaf, otto, ophelia, oren, ozzie
//! - remote (6): rahel, rosa, ronja, ryoko, rowan, raquel
//! - berlin (2): bruno, bianca — fewer than 5: not reported
//! - (unset) (1): uma — not reported
//!
//! The expected values are worked out in the comments of the test.

use goalpost::sample::doc::{DecisionDoc, ProjectDoc};
use serde_json::{Value, json};

use crate::{Repo, commit_all};

const ROSTER: &str = "\
people:
  oksana: { name: Oksana Kovalenko, location: office, timezone: CET }
  olaf: { name: Olaf Nilsen, location: office, timezone: CET }
  otto: { name: Otto Brandt, location: office, timezone: CET, email: otto@example.com }
  ophelia: { name: Ophelia Grant, location: office, timezone: UTC }
  oren: { name: Oren Shapiro, location: office, timezone: UTC }
  ozzie: { name: Ozzie Marsh, location: office, timezone: UTC }
  rahel: { name: Rahel Tesfaye, location: remote, timezone: EAT }
  rosa: { name: Rosa Delgado, location: remote, timezone: EAT }
  ronja: { name: Ronja Lind, location: remote, timezone: EAT }
  ryoko: { name: Ryoko Tanaka, location: remote, timezone: JST }
  rowan: { name: Rowan Pike, location: remote, timezone: JST }
  raquel: { name: Raquel Souza, location: remote, timezone: JST }
  bruno: { name: Bruno Lehmann, location: berlin }
  bianca: { name: Bianca Wolf, location: berlin }
  uma: { name: Uma Iyer }
";

/// Every handle and name of the roster, and a past owner who left.
const PEOPLE: &[&str] = &[
    "oksana",
    "olaf",
    "otto",
    "ophelia",
    "oren",
    "ozzie",
    "rahel",
    "rosa",
    "ronja",
    "ryoko",
    "rowan",
    "raquel",
    "bruno",
    "bianca",
    "uma",
    "zed",
    "Kovalenko",
    "Nilsen",
    "Brandt",
    "Grant",
    "Shapiro",
    "Marsh",
    "Tesfaye",
    "Delgado",
    "Lind",
    "Tanaka",
    "Pike",
    "Souza",
    "Lehmann",
    "Wolf",
    "Iyer",
];

fn project(
    id: &str,
    owner: &str,
    status: &str,
    due: Option<&str>,
    tags: &[&str],
    criteria: &[&str],
) -> String {
    let mut doc = ProjectDoc::new(id, &format!("Project {id}"))
        .owner(owner)
        .status(status)
        .checkin("weekly")
        .criteria(criteria);
    if let Some(due) = due {
        doc = doc.due(due);
    }
    if !tags.is_empty() {
        doc = doc.tags(tags);
    }
    doc.to_string()
}

fn decision(title: &str, date: &str, deciders: &[&str]) -> String {
    DecisionDoc::new(title)
        .date(date)
        .deciders(deciders)
        .to_string()
}

/// The scripted history.
pub(crate) fn scripted() -> Repo {
    let repo = Repo::new().file("goalpost.yml", ROSTER);
    let git = repo.git();
    let step = |day: &str, files: &[(&str, String)]| {
        for (path, content) in files {
            repo.write(path, content);
        }
        commit_all(&git, &format!("{day}T10:00:00+00:00"), "someone", day);
    };
    let swap = |owner, status, criteria: &[&str]| {
        project(
            "early-swap",
            owner,
            status,
            Some("2026-08-31"),
            &[],
            criteria,
        )
    };
    let alpha = |status, criteria: &[&str]| {
        project(
            "alpha",
            "oksana",
            status,
            Some("2026-09-01"),
            &["stretch"],
            criteria,
        )
    };
    let handover = |owner, status, tags: &[&str], criteria: &[&str]| {
        project(
            "handover",
            owner,
            status,
            Some("2026-09-30"),
            tags,
            criteria,
        )
    };
    let kappa = |tags: &[&str], criteria: &[&str]| {
        project("kappa", "rowan", "active", None, tags, criteria)
    };
    let iota = |status, criteria: &[&str]| {
        project(
            "iota",
            "raquel",
            status,
            Some("2026-09-10"),
            &["stretch"],
            criteria,
        )
    };
    let gamma = |status, criteria: &[&str]| project("gamma", "rosa", status, None, &[], criteria);

    // Before the period.
    step(
        "2026-04-01",
        &[(
            "projects/early-swap.md",
            swap("rahel", "active", &["[ ] s1"]),
        )],
    );
    step(
        "2026-05-01",
        &[
            (
                "projects/kappa.md",
                kappa(&["stretch"], &["[ ] k1", "[ ] k2"]),
            ),
            (
                "projects/zeta-old.md",
                project(
                    "zeta-old",
                    "ozzie",
                    "active",
                    None,
                    &["stretch"],
                    &["[ ] z1"],
                ),
            ),
            (
                "projects/old-dropped.md",
                project("old-dropped", "ronja", "active", None, &[], &["[ ] o1"]),
            ),
            (
                "decisions/0002-old.md",
                decision("An old decision", "2026-05-01", &["ozzie"]),
            ),
        ],
    );
    // Handed over before the period: only the new owner leads it in it.
    step(
        "2026-05-10",
        &[(
            "projects/early-swap.md",
            swap("otto", "active", &["[ ] s1"]),
        )],
    );
    step(
        "2026-06-01",
        &[
            ("projects/alpha.md", alpha("active", &["[ ] a1", "[ ] a2"])),
            // The stretch tag is gone before the period.
            ("projects/kappa.md", kappa(&[], &["[ ] k1", "[ ] k2"])),
        ],
    );
    step(
        "2026-06-10",
        &[(
            "projects/zeta-old.md",
            project("zeta-old", "ozzie", "done", None, &["stretch"], &["[x] z1"]),
        )],
    );
    step(
        "2026-06-12",
        &[(
            "projects/old-dropped.md",
            project("old-dropped", "ronja", "dropped", None, &[], &["[ ] o1"]),
        )],
    );
    step(
        "2026-06-15",
        &[
            (
                "projects/handover.md",
                handover("ryoko", "active", &[], &["[ ] h1"]),
            ),
            (
                "projects/delta.md",
                project(
                    "delta",
                    "ophelia",
                    "active",
                    Some("2026-09-15"),
                    &[],
                    &["[ ] d1"],
                ),
            ),
            (
                "projects/epsilon.md",
                project(
                    "epsilon",
                    "oren",
                    "active",
                    Some("2026-12-31"),
                    &[],
                    &["[ ] e1"],
                ),
            ),
            (
                "projects/mu.md",
                project("mu", "bruno", "active", None, &["stretch"], &["[ ] m1"]),
            ),
            (
                "projects/nu.md",
                project("nu", "zed", "active", None, &[], &["[ ] n1"]),
            ),
        ],
    );
    // In the period.
    step(
        "2026-07-01",
        &[("projects/gamma.md", gamma("active", &["[ ] g1"]))],
    );
    // Dated before the period: not counted, though committed in it.
    step(
        "2026-07-02",
        &[(
            "decisions/0005-backdated.md",
            decision("Backdated", "2026-06-20", &["otto", "ronja"]),
        )],
    );
    step(
        "2026-07-05",
        &[("projects/iota.md", iota("active", &["[ ] i1", "[ ] i2"]))],
    );
    step(
        "2026-07-10",
        &[(
            "decisions/0003-first.md",
            decision("First call", "2026-07-10", &["oksana", "rahel", "bruno"]),
        )],
    );
    step(
        "2026-07-15",
        &[("projects/alpha.md", alpha("active", &["[x] a1", "[ ] a2"]))],
    );
    step(
        "2026-07-20",
        &[("projects/gamma.md", gamma("done", &["[x] g1"]))],
    );
    step(
        "2026-08-01",
        &[(
            "projects/handover.md",
            handover("olaf", "active", &[], &["[ ] h1"]),
        )],
    );
    step(
        "2026-08-05",
        &[("projects/kappa.md", kappa(&[], &["[x] k1", "[ ] k2"]))],
    );
    step(
        "2026-08-10",
        &[(
            "projects/epsilon.md",
            project(
                "epsilon",
                "oren",
                "dropped",
                Some("2026-12-31"),
                &[],
                &["[ ] e1"],
            ),
        )],
    );
    // Stretch from here on, in olaf's hands only.
    step(
        "2026-08-15",
        &[(
            "projects/handover.md",
            handover("olaf", "active", &["Stretch"], &["[ ] h1"]),
        )],
    );
    step(
        "2026-08-20",
        &[
            ("projects/alpha.md", alpha("done", &["[x] a1", "[x] a2"])),
            // MADR 4's name for the deciders.
            (
                "decisions/0004-madr.md",
                "---\nstatus: accepted\ndate: 2026-08-20\ndecision-makers: [olaf, rosa]\n---\n# MADR style\n".into(),
            ),
        ],
    );
    step(
        "2026-09-05",
        &[("projects/iota.md", iota("done", &["[x] i1", "[x] i2"]))],
    );
    step(
        "2026-09-10",
        &[("projects/early-swap.md", swap("otto", "done", &["[x] s1"]))],
    );
    step(
        "2026-09-20",
        &[(
            "projects/handover.md",
            handover("olaf", "done", &["Stretch"], &["[x] h1"]),
        )],
    );
    // After the period: a decision dated inside it counts; the rest do not.
    step(
        "2026-10-03",
        &[(
            "decisions/0006-late-record.md",
            decision("Recorded late", "2026-09-25", &["rowan", "uma"]),
        )],
    );
    step(
        "2026-10-05",
        &[(
            "projects/late-start.md",
            project(
                "late-start",
                "ronja",
                "active",
                None,
                &["stretch"],
                &["[ ] l1"],
            ),
        )],
    );
    step(
        "2026-10-15",
        &[(
            "decisions/0007-later.md",
            decision("Later", "2026-10-15", &["ophelia"]),
        )],
    );
    repo
}

#[test]
fn audit_numbers_follow_the_spec_by_hand() {
    let repo = scripted();
    let audit = repo.ok_json(&["audit", "--format", "json"]);
    let head = git2::Repository::open(repo.path())
        .expect("open")
        .head()
        .expect("head")
        .target()
        .expect("oid")
        .to_string();
    assert_eq!(
        audit,
        json!({
            "schema": "goalpost.audit/1",
            "by": "location",
            "period": {"since": "2026-07-01", "until": "2026-09-30"},
            "generated_from": head,
            "generated_on": "2026-11-22",
            "min_group": 5,
            "stretch_tags": ["stretch"],
            "groups": [
                // bruno's stretch project would make berlin's stretch rate
                // (1/2) the highest; a small group takes no part.
                {"group": "berlin", "people": null, "reported": false, "opportunities": null, "outcomes": null},
                {
                    "group": "office", "people": 6, "reported": true,
                    "opportunities": {
                        // oksana alpha, olaf handover (from 08-01), otto
                        // early-swap (since 05-10), ophelia delta, oren epsilon
                        // (dropped 08-10); ozzie's zeta-old was done before: 5/6.
                        "led": {"selected": 5, "rate": 0.833, "impact_ratio": 1.0, "flagged": false,
                                "projects": ["alpha", "delta", "early-swap", "epsilon", "handover"]},
                        // oksana alpha; olaf handover, tagged `Stretch` on 08-15: 2/6.
                        "stretch": {"selected": 2, "rate": 0.333, "impact_ratio": 1.0, "flagged": false,
                                    "projects": ["alpha", "handover"]},
                        // oksana (3), olaf (4, as decision-makers): 2/6 against
                        // remote's 3/6: (2/6)/(3/6) = 0.667 < 0.8.
                        "decider": {"selected": 2, "rate": 0.333, "impact_ratio": 0.667, "flagged": true,
                                    "decisions": [3, 4]}
                    },
                    // Delivered: alpha 08-20 (due 09-01, on time, 80 days from
                    // 06-01), handover 09-20 (due 09-30, on time, 97 days from
                    // 06-15), early-swap 09-10 (due 08-31, late, 162 days from
                    // 04-01). Criteria met: alpha 2, early-swap 1, handover 1.
                    "outcomes": {"delivered": 3, "on_time": 2, "late": 1, "on_time_rate": 0.667,
                                 "criteria_met": 4, "measures_met": 0, "median_lead_time_days": 97}
                },
                {
                    "group": "remote", "people": 6, "reported": true,
                    "opportunities": {
                        // ryoko handover (until 08-01), rosa gamma, raquel iota,
                        // rowan kappa; rahel handed early-swap over before the
                        // period, ronja's projects were dropped before it or
                        // created after it: 4/6. (4/6)/(5/6) is exactly 0.8,
                        // which is not below 0.8 (as floats: 0.7999…).
                        "led": {"selected": 4, "rate": 0.667, "impact_ratio": 0.8, "flagged": false,
                                "projects": ["gamma", "handover", "iota", "kappa"]},
                        // raquel iota; ryoko held handover before it was
                        // stretch, and kappa's tag was gone before the period:
                        // 1/6, (1/6)/(2/6) = 0.5.
                        "stretch": {"selected": 1, "rate": 0.167, "impact_ratio": 0.5, "flagged": true,
                                    "projects": ["iota"]},
                        // rahel (3), rosa (4), rowan (6, dated 09-25, recorded
                        // 10-03); 5 is dated before the period, 7 after: 3/6.
                        "decider": {"selected": 3, "rate": 0.5, "impact_ratio": 1.0, "flagged": false,
                                    "decisions": [3, 4, 6]}
                    },
                    // Delivered: gamma 07-20 (no due date: not measured, 19
                    // days from 07-01), iota 09-05 (due 09-10, on time, 62 days
                    // from 07-05), handover (on time, 97 days). Criteria met:
                    // gamma 1, iota 2, kappa 1, handover 1.
                    "outcomes": {"delivered": 3, "on_time": 2, "late": 0, "on_time_rate": 1.0,
                                 "criteria_met": 5, "measures_met": 0, "median_lead_time_days": 62}
                },
                {"group": "(unset)", "people": null, "reported": false, "opportunities": null, "outcomes": null}
            ],
            // Fisher's exact test of [[1, 5], [2, 4]] and of [[2, 4], [3, 3]]:
            // p = 1.0 for both (scipy.stats.fisher_exact). Shortfalls:
            // 0.8 · 2/6 · 6 = 1.6, so 2 of 6, one more; 0.8 · 3/6 · 6 = 2.4,
            // so 3 of 6, one more: both fragile.
            "findings": [
                // remote's on-time rate 2/2 is at least office's 2/3.
                {"group": "remote", "opportunity": "stretch", "impact_ratio": 0.5, "reference": "office",
                 "outcomes_comparable": true, "p_value": 1.0, "significant": false, "shortfall": 1, "fragile": true},
                {"group": "office", "opportunity": "decider", "impact_ratio": 0.667, "reference": "remote",
                 "outcomes_comparable": false, "p_value": 1.0, "significant": false, "shortfall": 1, "fragile": true}
            ],
            "notes": ["1 project in scope had no owner in the roster and counts for no group: nu"]
        })
    );
}

#[test]
fn no_person_appears_in_any_format() {
    let repo = scripted();
    for format in ["md", "html", "json"] {
        let text = repo.ok(&["audit", "--format", format]);
        for who in PEOPLE {
            let lower = text.to_lowercase();
            let who = who.to_lowercase();
            // Whole words only: `rosa` may not appear, `prosaic` may.
            let found = lower.match_indices(&who).any(|(i, _)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + who.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            });
            assert!(!found, "{who} appears in the {format} audit:\n{text}");
        }
    }
}

#[test]
fn renderings_show_the_findings_and_hide_small_groups() {
    let repo = scripted();
    let md = repo.ok(&["audit"]);
    assert!(
        md.contains("**remote** — stretch work: impact ratio 0.5 against **office**"),
        "{md}"
    );
    assert!(
        md.contains("| berlin | fewer than 5 | not reported | | |"),
        "{md}"
    );
    assert!(md.contains("| remote | 6 | 4 (67%), ratio 0.8 |"), "{md}");
    assert!(md.contains("What this audit can and cannot show"), "{md}");
    let html = repo.ok(&["audit", "--format", "html"]);
    assert!(html.contains("<svg class=\"chart\""), "{html}");
    assert!(html.contains("class=\"threshold\""), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("Fewer than 5 people, not reported: berlin, (unset)."),
        "{html}"
    );
}

#[test]
fn by_groups_by_any_roster_attribute_and_min_group_comes_from_the_config() {
    let repo = scripted();
    repo.write(
        "goalpost.yml",
        format!("{ROSTER}audit:\n  by: timezone\n  min_group: 3\n  stretch_tags: [stretch]\n"),
    );
    let audit = repo.ok_json(&["audit", "--format", "json"]);
    assert_eq!(audit["by"], "timezone");
    assert_eq!(audit["min_group"], 3);
    let groups: Vec<(&str, Value)> = audit["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| (g["group"].as_str().expect("name"), g["people"].clone()))
        .collect();
    assert_eq!(
        groups,
        [
            ("CET", json!(3)),
            ("EAT", json!(3)),
            ("JST", json!(3)),
            ("UTC", json!(3)),
            ("(unset)", json!(3)),
        ]
    );
    // The flag wins over the file.
    let audit = repo.ok_json(&["audit", "--by", "location", "--format", "json"]);
    assert_eq!(audit["by"], "location");
}

#[test]
fn without_a_roster_or_with_an_unknown_key_the_audit_says_what_to_do() {
    let repo = scripted();
    let (code, _, stderr) = repo.run(&["audit", "--by", "locaton"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("unknown roster attribute `locaton`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `location`"), "{stderr}");
    assert!(stderr.contains("`location`, `timezone`"), "{stderr}");

    let (code, _, stderr) = repo.run(&["audit", "--by", "name"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("never people"), "{stderr}");

    repo.write("goalpost.yml", "");
    let (code, _, stderr) = repo.run(&["audit"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`people:`"), "{stderr}");
    assert!(stderr.contains("location: remote"), "{stderr}");
}

#[test]
fn group_names_that_differ_only_in_case_are_noted() {
    let repo = scripted();
    repo.write(
        "goalpost.yml",
        ROSTER.replace(
            "bianca: { name: Bianca Wolf, location: berlin }",
            "bianca: { name: Bianca Wolf, location: Berlin }",
        ),
    );
    let (code, stdout, stderr) = repo.run(&["audit", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let note = "groups `Berlin` and `berlin` differ only in letter case";
    assert!(stderr.contains(note), "{stderr}");
    assert!(stdout.contains(note), "{stdout}");
}

/// What the HR system exports: office 5 of 6 promoted in the period (one
/// by email, one with `@`), remote none (rahel's is before the period), a
/// handle nobody in the roster has, and berlin's, which is not reported.
const PROMOTIONS: &str = "\
handle,date,kind
oksana,2026-07-15,grade-seven
@olaf,2026-08-01,
otto@example.com,2026-09-01,grade-eight
ophelia,2026-09-30,
oren,2026-07-01,
rahel,2026-06-30,grade-seven
mystery-person,2026-08-01,grade-eight
bruno,2026-08-01,
";

#[test]
fn promotions_come_from_a_file_on_the_command_line_and_name_no_one() {
    let repo = scripted();
    let csv = repo.path().join("..").join("promotions-export.csv");
    std::fs::write(&csv, PROMOTIONS).expect("write");
    let file = csv.to_str().expect("path");
    let audit = repo.ok_json(&["audit", "--format", "json", "--promotions", file]);
    let group = |name: &str| {
        audit["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["group"] == name)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        group("office")["opportunities"]["promoted"],
        json!({"selected": 5, "rate": 0.833, "impact_ratio": 1.0, "flagged": false})
    );
    assert_eq!(
        group("remote")["opportunities"]["promoted"],
        json!({"selected": 0, "rate": 0.0, "impact_ratio": 0.0, "flagged": true})
    );
    // Fisher's exact test of [[0, 6], [5, 1]]: p = 0.01515… (scipy), below
    // 0.05. Shortfall: 0.8 · 5/6 · 6 = 4, so 4 more.
    let promoted: Vec<&Value> = audit["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["opportunity"] == "promoted")
        .collect();
    assert_eq!(
        promoted,
        [
            &json!({"group": "remote", "opportunity": "promoted", "impact_ratio": 0.0, "reference": "office",
                 "outcomes_comparable": true, "p_value": 0.0152, "significant": true, "shortfall": 4, "fragile": false})
        ]
    );
    assert_eq!(
        audit["notes"],
        json!([
            "1 project in scope had no owner in the roster and counts for no group: nu",
            "1 row of the promotions file names no one in the roster and was not counted"
        ])
    );
    for format in ["md", "html", "json"] {
        let text = repo.ok(&["audit", "--format", format, "--promotions", file]);
        for who in [
            "mystery-person",
            "otto@example.com",
            "grade-seven",
            "grade-eight",
        ] {
            assert!(!text.contains(who), "{who} in the {format} audit:\n{text}");
        }
    }
    let md = repo.ok(&["audit", "--promotions", file]);
    assert!(
        md.contains("| group | people | led a project | stretch work | decider | promoted |"),
        "{md}"
    );
    assert!(
        md.contains("- **remote** — promoted: impact ratio 0 against **office**."),
        "{md}"
    );
    assert!(
        md.contains("Fisher's exact test: p = 0.0152, significant at 0.05. 4 more people selected would clear the flag."),
        "{md}"
    );
    // Without the file, there is no such opportunity.
    let plain = repo.ok_json(&["audit", "--format", "json"]);
    assert_eq!(plain["groups"][1]["opportunities"].get("promoted"), None);
}

#[test]
fn a_malformed_promotions_row_is_an_error_at_its_line() {
    let repo = scripted();
    let csv = repo.path().join("..").join("bad-promotions.csv");
    std::fs::write(&csv, "handle,date\noksana,2026-07-15\nolaf,2026-02-30\n").expect("write");
    let file = csv.to_str().expect("path");
    let (code, out, err) = repo.run(&["audit", "--promotions", file]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert!(
        err.contains(&format!(
            "{file}:3: `2026-02-30` is not a date; write it as YYYY-MM-DD"
        )),
        "{err}"
    );
    assert!(!err.contains("olaf"), "{err}");
    // A missing file is named, too.
    let (code, _, err) = repo.run(&["audit", "--promotions", "no-such.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such.csv"), "{err}");
}
