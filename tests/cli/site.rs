//! `goalpost site` on the demo team's history and on hostile repositories.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::{Repo, goalpost, ok, outcome};

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let repo = tmp.path().join("team");
    ok(goalpost(tmp.path()).args(["demo", "team"]));
    (tmp, repo)
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        files
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .expect("utf-8")
}

/// The targets of `href` attributes in a page.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&#x2f;", "/").replace("&amp;", "&"))
        .collect()
}

#[test]
fn the_demo_site_has_every_page_and_links_that_resolve() {
    let (_tmp, repo) = demo();
    ok(goalpost(&repo).args(["site"]));
    let site = files(&repo.join("site"));
    for page in [
        "index.html",
        "blockers.html",
        "checkins.html",
        "decisions.html",
        "decisions/1.html",
        "projects/search-latency.html",
        "people/alice.html",
        "audit.html",
        "calendar.ics",
        "feed.xml",
        ".goalpost-site",
    ] {
        assert!(site.contains_key(page), "{page} in {:?}", site.keys());
    }
    let index = text(&site, "index.html");
    assert!(
        index.contains("Cut search p95 latency below 200 ms"),
        "{index}"
    );
    // Criteria carry the date and commit they were met in, from history.
    let project = text(&site, "projects/search-latency.html");
    assert!(
        project.contains("p95 search latency &lt; 200 ms for 7 consecutive days"),
        "{project}"
    );
    assert!(project.contains("met 2026-08-24 in"), "{project}");
    assert!(
        project.contains("status-changed") && project.contains("goalpost move"),
        "{project}"
    );
    assert!(project.contains("<svg"), "the timeline bar");

    // Every link between pages resolves; none leaves the site but to the web.
    for (name, bytes) in site.iter().filter(|(n, _)| n.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(html.contains("Content-Security-Policy"), "{name}");
        assert!(!html.contains("<script"), "{name}");
        let dir = Path::new(name).parent().unwrap_or(Path::new(""));
        for href in hrefs(&html) {
            if href.starts_with("https://") || href.starts_with("mailto:") || href.starts_with('#')
            {
                continue;
            }
            let path = href.split('#').next().unwrap_or(&href);
            let target = dir.join(path);
            let normal: PathBuf = target.components().fold(PathBuf::new(), |mut acc, c| {
                match c {
                    std::path::Component::ParentDir => {
                        acc.pop();
                    }
                    std::path::Component::Normal(p) => acc.push(p),
                    _ => {}
                }
                acc
            });
            let key = normal.to_string_lossy().replace('\\', "/");
            assert!(
                site.contains_key(&key),
                "{name}: link `{href}` leads nowhere"
            );
        }
    }

    // The audit page is the audit of the last full quarter, byte for byte.
    ok(goalpost(&repo).args(["audit", "--format", "html", "-o", "audit.html"]));
    assert_eq!(
        std::fs::read(repo.join("audit.html")).expect("audit"),
        site["audit.html"],
        "the site's audit and `goalpost audit` differ"
    );

    // The calendar and the feed read back with their own crates' parsers.
    let ics = text(&site, "calendar.ics");
    let calendar = icalendar::Calendar::from_str(&ics).expect("RFC 5545");
    let uids: Vec<&str> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .filter_map(|e| icalendar::Component::get_uid(e))
        .collect();
    assert!(uids.contains(&"relevance-eval-due@goalpost"), "{uids:?}");
    assert!(ics.contains("DTSTART;VALUE=DATE:20261215\r\n"), "{ics}");
    let feed = atom_syndication::Feed::from_str(&text(&site, "feed.xml")).expect("Atom");
    assert!(!feed.entries().is_empty() && feed.entries().len() <= 50);
    assert!(
        feed.entries()
            .iter()
            .any(|e| e.title().as_str().starts_with("Update on")),
        "{:?}",
        feed.entries()[0]
    );
}

#[test]
fn one_commit_builds_one_site_byte_for_byte() {
    let (_tmp, repo) = demo();
    ok(goalpost(&repo).args(["site", "-o", "a"]));
    ok(goalpost(&repo).args(["site", "-o", "a"]));
    ok(goalpost(&repo).args(["site", "-o", "b"]));
    assert_eq!(files(&repo.join("a")), files(&repo.join("b")));
    // --today changes what is late, not what is there.
    ok(goalpost(&repo).args(["--today", "2026-12-24", "site", "-o", "c"]));
    let later = files(&repo.join("c"));
    assert_eq!(
        later.keys().collect::<Vec<_>>(),
        files(&repo.join("a")).keys().collect::<Vec<_>>()
    );
    assert!(text(&later, "index.html").contains("2026-12-24"));
}

#[test]
fn a_folder_of_other_files_is_refused_and_pages_of_gone_documents_go() {
    let (_tmp, repo) = demo();
    std::fs::create_dir_all(repo.join("public")).expect("mkdir");
    std::fs::write(repo.join("public/notes.txt"), "mine").expect("write");
    let (code, _, stderr) = outcome(
        goalpost(&repo)
            .args(["site", "-o", "public"])
            .output()
            .expect("run"),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("holds files goalpost did not write"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(repo.join("public/notes.txt")).expect("kept"),
        "mine"
    );
    assert!(!repo.join("public/index.html").exists());

    ok(goalpost(&repo).args(["site", "-o", "public", "--force"]));
    assert!(repo.join("public/index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(repo.join("public/notes.txt")).expect("kept"),
        "mine"
    );

    // The next build removes the page of a project that is gone, and only it.
    std::fs::remove_file(repo.join("projects/billing-export.md")).expect("remove");
    ok(goalpost(&repo).args(["site", "-o", "public"]));
    assert!(!repo.join("public/projects/billing-export.html").exists());
    assert!(repo.join("public/projects/search-latency.html").is_file());
    assert_eq!(
        std::fs::read_to_string(repo.join("public/notes.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn a_hostile_repository_renders_inert() {
    let evil = "<script>alert(1)</script>";
    let repo = Repo::new()
        .file(
            "projects/evil.md",
            &format!(
                "---\nid: evil\ntitle: \"{evil} <img src=x onerror=alert(2)>\"\nowner: \"<b>mallory</b>\"\nstatus: active\ndue: 2026-01-01\nmeasures:\n  - {{ id: m, name: \"{evil}\", unit: \"<img src=x onerror=alert(7)>\", baseline: 0, target: 1 }}\n---\n# {evil}\n\n<iframe src=\"https://evil.example\"></iframe>\n[click](javascript:alert(3)) ![x](https://tracker.example/pixel.png)\n\n## Success criteria\n- [ ] {evil} [x](javascript:alert(4)) < 5\n"
            ),
        )
        .file(
            "updates/2026-11-20-mallory.md",
            &format!("---\nauthor: mallory\ndate: 2026-11-20\nprojects: [evil]\nmeasures:\n  m: 0.5\n---\n## Blockers\n- {evil} [y](javascript:alert(5))\n"),
        )
        .file(
            "decisions/0001-evil.md",
            &format!("---\nstatus: accepted\ndate: 2026-11-01\nprojects: [evil]\n---\n# {evil} decision\n\n<script>alert(6)</script>\n"),
        );
    crate::commit_all(&repo.git(), "2026-11-20T10:00:00Z", "mallory", "evil");
    ok(repo.cmd().args(["site"]));
    // An attribute named on…, outside the quoted values (where words
    // people wrote, escaped, may say anything).
    let tag = regex::Regex::new(r"<[a-zA-Z][^>]*>").expect("regex");
    let quoted = regex::Regex::new(r#""[^"]*"|'[^']*'"#).expect("regex");
    let attribute = regex::Regex::new(r"\son\w+\s*=").expect("regex");
    let has_handler = |text: &str| {
        tag.find_iter(text)
            .any(|t| attribute.is_match(&quoted.replace_all(t.as_str(), "\"\"")))
    };
    assert!(
        has_handler("<img src=x onerror=alert(1)>") && has_handler(r##"<a href="#" onclick="x">"##)
    );
    assert!(!has_handler(r#"<svg aria-label="&lt;img onerror=x&gt;">"#));
    let target = regex::Regex::new(r#"(?i)(href|src)\s*=\s*["']?\s*javascript:"#).expect("regex");
    // Pages and the feed are markup; the calendar is plain text.
    for (name, bytes) in files(&repo.path().join("site"))
        .into_iter()
        .filter(|(n, _)| n.ends_with(".html") || n.ends_with(".xml"))
    {
        let text = String::from_utf8_lossy(&bytes);
        // Words may say anything, as text; no tag, handler or target may run.
        for bad in ["<script", "<iframe", "<img", "<b>mallory"] {
            assert!(!text.contains(bad), "{bad} in {name}:\n{text}");
        }
        assert!(!has_handler(&text), "an event handler in {name}:\n{text}");
        assert!(
            !target.is_match(&text),
            "a javascript: target in {name}:\n{text}"
        );
    }
    if let Some(chromium) = chromium("a_hostile_repository_renders_inert (its Chromium half)") {
        let profile = repo.path().join("chromium-profile");
        for page in [
            "index.html",
            "projects/evil.html",
            "decisions/1.html",
            "blockers.html",
        ] {
            let (console, _) = load(&chromium, &profile, &repo.path().join("site").join(page));
            assert_eq!(console, Vec::<String>::new(), "{page}");
        }
    }
    let project =
        std::fs::read_to_string(repo.path().join("site/projects/evil.html")).expect("page");
    assert!(
        project.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "the words show, as text: {project}"
    );
}

/// Debian's Chromium, which `.ci/run` installs; see [`crate::program`].
fn chromium(test: &str) -> Option<PathBuf> {
    crate::program(test, &["chromium", "chromium-browser"], "chromium")
}

/// Loads a page in headless Chromium; returns what its console said (a
/// blocked request, a script, a CSP violation: anything at all) and the DOM.
fn load(chromium: &Path, profile: &Path, page: &Path) -> (Vec<String>, String) {
    let url = url::Url::from_file_path(page).expect("absolute");
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url.as_str())
        .output()
        .expect("run chromium");
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    (console, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The pages in a real browser: nothing logged to the console (no request
/// blocked, no script, no error) and the words on the page.
#[test]
fn pages_load_in_chromium_without_a_console_message() {
    let Some(chromium) = chromium("pages_load_in_chromium_without_a_console_message") else {
        return;
    };
    let (tmp, repo) = demo();
    ok(goalpost(&repo).args(["site"]));
    let profile = tmp.path().join("chromium-profile");
    let site = repo.join("site");
    for page in [
        "index.html",
        "blockers.html",
        "checkins.html",
        "decisions.html",
        "decisions/3.html",
        "projects/search-latency.html",
        "projects/support-fcr.html",
        "people/alice.html",
        "audit.html",
    ] {
        let (console, dom) = load(&chromium, &profile, &site.join(page));
        assert_eq!(console, Vec::<String>::new(), "{page}");
        assert!(
            dom.contains("</footer>") || page == "audit.html",
            "{page} rendered: {dom}"
        );
    }
    let (_, dom) = load(
        &chromium,
        &profile,
        &site.join("projects/search-latency.html"),
    );
    assert!(dom.contains("Cut search p95 latency below 200 ms"), "{dom}");
}

/// With a web remote, commits and files link to it; `--base-url` makes the
/// feed's and the calendar's links absolute.
#[test]
fn commits_link_to_the_web_remote_and_feeds_to_the_base_url() {
    let (_tmp, repo) = demo();
    let git = git2::Repository::open(&repo).expect("the demo is a repository");
    git.remote("origin", "git@github.com:team/goals.git")
        .expect("remote");
    ok(goalpost(&repo).args(["site", "--base-url", "https://team.example.io/goals/"]));
    let site = files(&repo.join("site"));
    let project = text(&site, "projects/search-latency.html");
    let head = git
        .head()
        .expect("head")
        .peel_to_commit()
        .expect("commit")
        .id()
        .to_string();
    assert!(
        project.contains(&format!("https:&#x2f;&#x2f;github.com&#x2f;team&#x2f;goals&#x2f;blob&#x2f;{head}&#x2f;projects&#x2f;search-latency.md")),
        "the file links to GitHub at the built commit: {project}"
    );
    assert!(
        project.contains("https:&#x2f;&#x2f;github.com&#x2f;team&#x2f;goals&#x2f;commit&#x2f;"),
        "{project}"
    );
    let ics = text(&site, "calendar.ics");
    assert!(
        ics.contains("URL:https://team.example.io/goals/projects/relevance-eval.html"),
        "{ics}"
    );
    let feed = atom_syndication::Feed::from_str(&text(&site, "feed.xml")).expect("Atom");
    assert!(feed.entries().iter().all(|e| {
        e.links()[0]
            .href()
            .starts_with("https://team.example.io/goals/")
    }));
    let (code, _, stderr) = outcome(
        goalpost(&repo)
            .args(["site", "--base-url", "team.example.io"])
            .output()
            .expect("run"),
    );
    assert_eq!(code, 2, "{stderr}");
}

/// MADR decisions often have no `date`: they are dated by the commit that
/// added them, and numbers sort as numbers (18 after 9).
#[test]
fn undated_decisions_take_their_commit_date_and_sort_by_number() {
    let repo = Repo::new().file(
        "decisions/0009-nine.md",
        "---\nstatus: accepted\n---\n# Nine\n",
    );
    crate::commit_all(&repo.git(), "2022-05-16T10:00:00Z", "a", "nine");
    repo.write(
        "decisions/0018-eighteen.md",
        "---\nstatus: accepted\n---\n# Eighteen\n",
    );
    repo.write(
        "decisions/0010-ten.md",
        "---\nstatus: accepted\n---\n# Ten\n",
    );
    crate::commit_all(&repo.git(), "2024-09-02T10:00:00Z", "a", "more");
    ok(repo.cmd().args(["site"]));
    let log = std::fs::read_to_string(repo.path().join("site/decisions.html")).expect("log");
    let order: Vec<usize> = ["18: Eighteen", "10: Ten", "9: Nine"]
        .iter()
        .map(|t| log.find(t).unwrap_or_else(|| panic!("{t} in {log}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(
        log.contains("2022-05-16") && log.contains("2024-09-02") && !log.contains("undated"),
        "{log}"
    );
}

/// A 1×1 PNG.
const PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63\xfc\xcf\xc0\x50\x0f\x00\x04\x85\x01\x80\x84\xa9\x8c\x21\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// Local PNG, JPEG, GIF and WebP images are copied next to the pages and
/// shown; an SVG, a remote image, a file that only calls itself a PNG and
/// a link out of the repository stay links (or are dropped), as before.
#[test]
fn local_images_are_copied_and_shown() {
    let outside = tempfile::tempdir().expect("dir");
    std::fs::write(outside.path().join("secret.png"), PNG).expect("write");
    let repo = Repo::new()
        .file(
            "projects/search.md",
            "---\ntitle: Search\nowner: ana\nstatus: active\n---\n# Search\n\n![p95 by week](<../assets/p95 chart.png> \"p95\")\n\n![logo](../assets/logo.svg) ![pixel](https://tracker.example/p.png) ![fake](../assets/fake.png) ![leak](../assets/leak.png) ![gone](../../outside.png)\n\n## Success criteria\n- [ ] p95 below 200 ms\n",
        )
        .bytes("assets/p95 chart.png", PNG)
        .file("assets/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")
        .file("assets/fake.png", "<html>not an image</html>");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        repo.path().join("assets/leak.png"),
    )
    .expect("symlink");
    crate::commit_all(&repo.git(), "2026-11-20T10:00:00Z", "ana", "start");
    ok(repo.cmd().args(["site"]));
    let site = files(&repo.path().join("site"));
    let copied: Vec<&String> = site.keys().filter(|k| k.starts_with("files/")).collect();
    assert_eq!(copied, ["files/assets/p95 chart.png"]);
    assert_eq!(site["files/assets/p95 chart.png"], PNG);
    let page = text(&site, "projects/search.html");
    assert!(
        page.contains(
            r#"<img src="../files/assets/p95%20chart.png" alt="p95 by week" title="p95">"#
        ),
        "{page}"
    );
    assert_eq!(page.matches("<img").count(), 1, "{page}");
    // The rest are as before: a remote image is a link; a file of the
    // repository is a link to its web page when there is a web remote,
    // else its words alone (this repository has none).
    assert!(
        page.contains(r#"<p>logo <a href="https://tracker.example/p.png" rel="noopener noreferrer">pixel</a> fake leak gone</p>"#),
        "{page}"
    );
    if let Some(chromium) = chromium("local_images_are_copied_and_shown (its Chromium half)") {
        let profile = repo.path().join("chromium-profile");
        let (console, dom) = load(
            &chromium,
            &profile,
            &repo.path().join("site/projects/search.html"),
        );
        assert_eq!(
            console,
            Vec::<String>::new(),
            "the image loads without a CSP report"
        );
        assert!(dom.contains("p95%20chart.png"), "{dom}");
    }
}
