//! `goalpost digest` (#29): a scripted week with each kind of item, checked
//! by hand in JSON and markdown; mentions in both styles; posting to a
//! local webhook that answers, fails, or never answers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::{Repo, commit_all, outcome};

const ROSTER: &str = "people:\n  alice: { name: Alice Ng, team: search, github: ana-q, slack: U0AL1CE }\n  bob: { name: Bob Ruiz, team: search }\n  carol: { name: Carol Li, team: infra, github: \"bad--handle\" }\ncheckin: weekly\n";

fn project(owner: &str, extra: &str, criteria: &str) -> String {
    format!("---\nowner: {owner}\n{extra}---\n# Work\n\n## Success criteria\n{criteria}")
}

fn update(author: &str, date: &str, project: &str, blockers: &[&str], asks: &[&str]) -> String {
    let list = |items: &[&str]| {
        if items.is_empty() {
            "None\n".to_owned()
        } else {
            items.iter().map(|i| format!("- {i}\n")).collect()
        }
    };
    format!(
        "---\nauthor: {author}\ndate: {date}\nprojects: [{project}]\n---\n## Progress\n- Work\n\n## Blockers\n{}\n## Asks\n{}",
        list(blockers),
        list(asks)
    )
}

const BILLING_MEASURES: &str =
    "measures:\n  - { id: rows, name: Rows per second, baseline: 10, target: 100 }\n";
const CACHE: &str = "Waiting on the infra team for the cache cluster";
const ASK: &str = "Review of the eviction policy";
const FINANCE: &str = "Finance has not confirmed the columns";

/// The week of 2026-11-14 to 2026-11-20 and the month before it; the
/// commits, oldest first.
fn week() -> (Repo, Vec<String>) {
    let repo = Repo::new()
        .file("goalpost.yml", ROSTER)
        .file(
            "projects/search.md",
            &project(
                "alice",
                "status: active\ndue: 2026-11-30\n",
                "- [ ] p95 < 200 ms\n- [ ] Error rate < 0.1%\n",
            ),
        )
        .file(
            "projects/billing.md",
            &project(
                "bob",
                &format!("status: active\ndue: 2026-11-10\n{BILLING_MEASURES}"),
                "- [ ] Finance downloads the export\n",
            ),
        )
        .file(
            "projects/infra.md",
            &project("carol", "status: active\n", "- [ ] Cluster up\n"),
        )
        .file(
            "updates/2026-10-20-alice.md",
            &update("alice", "2026-10-20", "search", &[CACHE], &[ASK]),
        )
        .file(
            "updates/2026-10-20-bob.md",
            &update("bob", "2026-10-20", "billing", &[FINANCE], &[]),
        );
    let git = repo.git();
    let mut commits =
        vec![commit_all(&git, "2026-10-20T10:00:00+00:00", "alice", "start").to_string()];
    repo.write(
        "updates/2026-11-10-bob.md",
        update("bob", "2026-11-10", "billing", &[FINANCE], &[]),
    );
    commits.push(commit_all(&git, "2026-11-10T10:00:00+00:00", "bob", "bob: update").to_string());
    // In the week: a criterion met, a blocker raised beside an old one.
    repo.write(
        "projects/search.md",
        project(
            "alice",
            "status: active\ndue: 2026-11-30\n",
            "- [x] p95 < 200 ms\n- [ ] Error rate < 0.1%\n",
        ),
    );
    repo.write(
        "updates/2026-11-16-alice.md",
        update(
            "alice",
            "2026-11-16",
            "search",
            &[CACHE, "The load-test environment is down"],
            &[ASK],
        ),
    );
    commits
        .push(commit_all(&git, "2026-11-16T10:00:00+00:00", "alice", "alice: p95 met").to_string());
    // A blocker cleared, a measure met, a status change.
    repo.write(
        "projects/billing.md",
        project(
            "bob",
            &format!("status: at-risk\ndue: 2026-11-10\n{BILLING_MEASURES}"),
            "- [ ] Finance downloads the export\n",
        ),
    );
    repo.write(
        "updates/2026-11-17-bob.md",
        "---\nauthor: bob\ndate: 2026-11-17\nprojects: [billing]\nmeasures:\n  rows: 120\n---\n## Progress\n- Faster\n\n## Blockers\nNone\n",
    );
    commits.push(commit_all(&git, "2026-11-17T10:00:00+00:00", "bob", "bob: at risk").to_string());
    repo.write(
        "decisions/0001-use-redis.md",
        "---\nstatus: accepted\ndate: 2026-11-18\ndeciders: [alice]\nprojects: [search]\n---\n# Use Redis for the query cache\n",
    );
    commits.push(commit_all(&git, "2026-11-18T10:00:00+00:00", "alice", "decide").to_string());
    (repo, commits)
}

const TODAY: &str = "2026-11-20";

#[test]
fn a_week_with_every_kind_of_item_in_json() {
    let (repo, c) = week();
    let json = repo.ok_json(&["--today", TODAY, "digest", "--format", "json"]);
    assert_eq!(json["schema"], "goalpost.digest/1");
    assert_eq!(
        json["period"],
        json!({ "since": "2026-11-14", "until": "2026-11-20" })
    );
    assert_eq!(json["generated_from"], c[4]);
    assert_eq!(json["needs_attention"], true);
    let a = &json["attention"];
    // infra has no update: due one week after the commit that added it
    // (10-27); late once the 2 days of grace have passed: 11-20 − 10-29.
    assert_eq!(
        a["checkins"],
        json!([{
            "project": "infra", "owner": "carol", "last_update": null, "due": "2026-10-27",
            "days_late": 22, "late": true, "path": "projects/infra.md", "commit": c[0],
        }])
    );
    // Listed on 10-20 and in alice's latest update (11-16): 31 days open.
    assert_eq!(
        a["old_blockers"],
        json!([{
            "project": "search", "author": "alice", "text": CACHE, "raised": "2026-10-20",
            "age_days": 31, "path": "updates/2026-10-20-alice.md", "commit": c[0],
        }])
    );
    assert_eq!(
        a["asks"],
        json!([{
            "project": "search", "author": "alice", "text": ASK, "raised": "2026-10-20",
            "age_days": 31, "path": "updates/2026-10-20-alice.md", "commit": c[0],
        }])
    );
    assert_eq!(
        a["overdue"],
        json!([{
            "project": "billing", "title": null, "owner": "bob", "status": "at-risk",
            "due": "2026-11-10", "days": -10, "path": "projects/billing.md", "commit": c[3],
        }])
    );
    assert_eq!(
        a["due_soon"],
        json!([{
            "project": "search", "title": null, "owner": "alice", "status": "active",
            "due": "2026-11-30", "days": 10, "path": "projects/search.md", "commit": c[2],
        }])
    );
    let ch = &json["changes"];
    assert_eq!(
        ch["blockers_opened"],
        json!([{
            "project": "search", "author": "alice", "text": "The load-test environment is down",
            "raised": "2026-11-16", "cleared": null, "path": "updates/2026-11-16-alice.md",
            "commit": c[2],
        }])
    );
    // Raised 10-20, no longer listed in bob's update of 11-17.
    assert_eq!(
        ch["blockers_cleared"],
        json!([{
            "project": "billing", "author": "bob", "text": FINANCE, "raised": "2026-10-20",
            "cleared": "2026-11-17", "path": "updates/2026-10-20-bob.md", "commit": c[3],
        }])
    );
    assert_eq!(
        ch["criteria_met"],
        json!([{
            "project": "search", "date": "2026-11-16", "author": "alice",
            "path": "projects/search.md", "commit": c[2], "criterion": "p95 < 200 ms",
        }])
    );
    assert_eq!(
        ch["measures_met"],
        json!([{
            "project": "billing", "date": "2026-11-17", "author": "bob",
            "path": "updates/2026-11-17-bob.md", "commit": c[3], "measure": "rows",
            "value": "120", "target": "100",
        }])
    );
    assert_eq!(
        ch["status_changes"],
        json!([{
            "project": "billing", "date": "2026-11-17", "author": "bob",
            "path": "projects/billing.md", "commit": c[3], "from": "active", "to": "at-risk",
            "from_word": "active", "to_word": "at-risk",
        }])
    );
    let decisions = ch["decisions"].as_array().expect("decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0]["number"], 1);
    assert_eq!(decisions[0]["date"], "2026-11-18");
    assert_eq!(decisions[0]["commit"], c[4]);
    assert_eq!(json["mentions"], json!({}));

    // The team search: carol's project and its late check-in are not theirs.
    let team = repo.ok_json(&[
        "--today", TODAY, "digest", "--team", "search", "--format", "json",
    ]);
    assert_eq!(team["team"], "search");
    assert_eq!(team["attention"]["checkins"], json!([]));
    assert_eq!(team["attention"]["old_blockers"], a["old_blockers"]);
    assert_eq!(team["changes"], json["changes"]);

    // A week earlier: nothing changed, and it says so.
    let md = repo.ok(&[
        "--today",
        TODAY,
        "digest",
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-07",
    ]);
    assert!(md.contains("# Digest, 2026-11-01 to 2026-11-07\n"), "{md}");
    assert!(
        md.contains("Nothing changed in the period: no status change"),
        "{md}"
    );
}

#[test]
fn markdown_names_each_item_with_its_commit_and_mentions_people() {
    let (repo, c) = week();
    let short = |i: usize| c[i][..7].to_owned();
    let (code, md, err) = repo.run(&["--today", TODAY, "digest", "--mention", "github"]);
    assert_eq!(code, 0, "{err}");
    for line in [
        format!(
            "- `infra`: carol's update is **late** (22 days past grace); last update none · `projects/infra.md` `{}`",
            short(0)
        ),
        format!(
            "- `search`: {CACHE} — raised by @ana-q on 2026-10-20, 31 days ago · `updates/2026-10-20-alice.md` `{}`",
            short(0)
        ),
        format!(
            "- `billing`: was due 2026-11-10 (10 days ago), at-risk; owner bob · `{}`",
            short(3)
        ),
        format!(
            "- `search`: due 2026-11-30 (in 10 days), active; owner @ana-q · `{}`",
            short(2)
        ),
        format!("- `billing`: active → at-risk on 2026-11-17 `{}`", short(3)),
        format!("- `search`: [x] p95 < 200 ms — 2026-11-16 `{}`", short(2)),
        format!(
            "- `billing`: `rows` reached 120 (target 100) — 2026-11-17 `{}`",
            short(3)
        ),
        format!(
            "- `billing`: {FINANCE} — bob, raised 2026-10-20, cleared 2026-11-17 `{}`",
            short(3)
        ),
        format!(
            "- 1: Use Redis for the query cache (accepted, 2026-11-18; @ana-q) `{}`",
            short(4)
        ),
    ] {
        assert!(md.contains(&line), "{line}\nnot in\n{md}");
    }
    // carol's `github:` is not a login: she is written plain, and told.
    assert!(md.contains("carol's update"), "{md}");
    assert!(
        err.contains("`github:` of carol in goalpost.yml is not a github handle"),
        "{err}"
    );

    // Slack's form mentions by member id; words are escaped.
    let slack = repo.ok_json(&[
        "--today",
        TODAY,
        "digest",
        "--format",
        "slack",
        "--mention",
        "slack",
    ]);
    let texts: Vec<&str> = slack["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter_map(|b| b["text"]["text"].as_str())
        .collect();
    assert_eq!(texts[0], "Digest, 2026-11-14 to 2026-11-20");
    assert!(
        texts.iter().any(|t| t.contains(&format!(
            "`search`: {CACHE} — raised by <@U0AL1CE>, 2026-10-20 (31 d)"
        ))),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("*Decisions*\n• 1: Use Redis")),
        "{texts:#?}"
    );
}

#[test]
fn a_quiet_week_says_nothing_needs_attention() {
    let repo = Repo::new().file("goalpost.yml", ROSTER).file(
        "projects/done.md",
        &project("alice", "status: done\ncheckin: none\n", "- [x] Shipped\n"),
    );
    commit_all(&repo.git(), "2026-11-02T10:00:00+00:00", "alice", "done");
    let md = repo.ok(&["--today", TODAY, "digest"]);
    assert!(
        md.contains("Nothing needs attention: no check-in is late"),
        "{md}"
    );
    let json = repo.ok_json(&["--today", TODAY, "digest", "--format", "json"]);
    assert_eq!(json["needs_attention"], false);
}

#[test]
fn hostile_words_stay_text_in_slack() {
    let repo = Repo::new().file("goalpost.yml", "checkin: none\n").file(
        "projects/p.md",
        &project("alice", "status: active\n", "- [ ] x\n"),
    );
    let git = repo.git();
    commit_all(&git, "2026-11-02T10:00:00+00:00", "alice", "start");
    repo.write(
        "updates/2026-11-18-alice.md",
        update(
            "alice",
            "2026-11-18",
            "p",
            &["ping `<!channel>` & \\<https://evil.example|click>"],
            &[],
        ),
    );
    commit_all(&git, "2026-11-18T10:00:00+00:00", "alice", "u");
    let slack = repo.ok(&["--today", TODAY, "digest", "--format", "slack"]);
    assert!(
        slack.contains("ping &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"),
        "{slack}"
    );
    assert!(!slack.contains("<!channel>"), "{slack}");
}

/// A webhook on 127.0.0.1 that answers each request with `status` (or never,
/// for `None`); the requests it read come out of the receiver.
fn webhook(status: Option<u16>) -> (String, mpsc::Receiver<(String, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://127.0.0.1:{}/services/T000/B000/SECRETTOKEN",
        listener.local_addr().expect("addr").port()
    );
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut head = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if let Some(n) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = n.trim().parse().unwrap_or(0);
                }
                let end = line == "\r\n";
                head.push_str(&line);
                if end {
                    break;
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let _ = tx.send((head, String::from_utf8_lossy(&body).into_owned()));
            match status {
                Some(code) => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {code} X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    );
                }
                // Hold the connection open, saying nothing.
                None => std::thread::sleep(Duration::from_secs(30)),
            }
        }
    });
    (url, rx)
}

fn post(repo: &Repo, url: &str, extra: &[&str]) -> (i32, String, String) {
    outcome(
        repo.cmd()
            .args([&["--today", TODAY, "digest", "--post"], extra].concat())
            .env("GOALPOST_WEBHOOK_URL", url)
            .output()
            .expect("run"),
    )
}

#[test]
fn posting_sends_the_slack_form_as_json() {
    let (repo, _) = week();
    let (url, requests) = webhook(Some(200));
    let (code, out, err) = post(&repo, &url, &["--mention", "slack"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("posted the digest (HTTP 200)"), "{err}");
    // The digest is printed too (markdown by default).
    assert!(
        out.starts_with("# Digest, 2026-11-14 to 2026-11-20\n"),
        "{out}"
    );
    let (head, body) = requests
        .recv_timeout(Duration::from_secs(10))
        .expect("a request");
    assert!(
        head.starts_with("POST /services/T000/B000/SECRETTOKEN HTTP/1.1\r\n"),
        "{head}"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json\r\n"),
        "{head}"
    );
    let sent: Value = serde_json::from_str(&body).expect("JSON body");
    let printed = repo.ok_json(&[
        "--today",
        TODAY,
        "digest",
        "--format",
        "slack",
        "--mention",
        "slack",
    ]);
    assert_eq!(sent, printed);
    assert!(!out.contains("SECRETTOKEN") && !err.contains("SECRETTOKEN"));
}

#[test]
fn a_failed_post_exits_1_and_keeps_the_digest() {
    let (repo, _) = week();
    let (url, _requests) = webhook(Some(500));
    let (code, out, err) = post(&repo, &url, &["--format", "json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the webhook answered HTTP 500"), "{err}");
    let json: Value = serde_json::from_str(&out).expect("the digest on stdout");
    assert_eq!(json["schema"], "goalpost.digest/1");
    assert!(
        !out.contains("SECRETTOKEN") && !err.contains("SECRETTOKEN"),
        "{err}"
    );

    let (url, _requests) = webhook(None);
    let (code, out, err) = post(&repo, &url, &["--timeout", "1"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the webhook did not answer within 1 s"),
        "{err}"
    );
    assert!(out.starts_with("# Digest"), "{out}");
    assert!(
        !out.contains("SECRETTOKEN") && !err.contains("SECRETTOKEN"),
        "{err}"
    );

    // No URL, or one that would send the digest in clear text: refused
    // before anything is read, without echoing the URL.
    let (code, _, err) = post(&repo, "", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("GOALPOST_WEBHOOK_URL is not set"), "{err}");
    let (code, _, err) = post(&repo, "http://hooks.example/SECRETTOKEN", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("must be an https:// URL"), "{err}");
    assert!(!err.contains("SECRETTOKEN"), "{err}");
}

#[test]
fn the_site_has_the_last_full_week_and_a_feed_entry_per_week_that_changed() {
    let (repo, _) = week();
    // A Wednesday: the last full week is Monday 11-16 to Sunday 11-22.
    let (code, _, err) = repo.once(&["--today", "2026-11-25", "site", "-o", "_site"]);
    assert_eq!(code, 0, "{err}");
    let page = repo.read("_site/digest.html");
    assert!(
        page.contains("<h1>Digest, 2026-11-16 to 2026-11-22</h1>"),
        "{page}"
    );
    assert!(page.contains("☑ p95 &lt; 200 ms"), "{page}");
    assert!(page.contains("<h2>Needs attention</h2>"), "{page}");
    let index = repo.read("_site/index.html");
    assert!(index.contains(">Digest</a>"), "the nav links the page");
    let ids = |feed: &str| -> Vec<String> {
        feed.split("<id>")
            .skip(1)
            .filter_map(|s| s.split("</id>").next())
            .filter(|id| id.contains(":digest/"))
            .map(str::to_owned)
            .collect()
    };
    let feed = repo.read("_site/feed.xml");
    // Of the last four weeks, only 11-16 to 11-22 saw a change: the three
    // before it (bob's update of 11-10 changed nothing) have no entry.
    assert_eq!(
        ids(&feed),
        ["tag:goalpost,2026:digest/2026-11-16..2026-11-22"]
    );
    // Feed entries hold the week's changes only: what needs attention
    // depends on the day the site is built.
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains("digest/2026-11-16"))
        .expect("the week's entry");
    assert!(entry.contains("p95 &amp;lt; 200 ms"), "{entry}");
    assert!(!entry.contains("Needs attention"), "{entry}");
    // Rebuilt two days later: the same weeks, the same entries.
    let (code, _, err) = repo.once(&["--today", "2026-11-27", "site", "-o", "_site", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(ids(&repo.read("_site/feed.xml")), ids(&feed));
}
