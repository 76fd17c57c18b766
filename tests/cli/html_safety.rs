//! HTML packets are opened by managers in a browser: a corpus of XSS vectors,
//! placed in every field a packet shows, must come out as inert text or as
//! harmless inline formatting, and the page must forbid scripts itself.

use std::collections::BTreeSet;

use regex::Regex;

use crate::{Repo, commit_all};

/// Payloads from the usual XSS cheat sheets: script tags, event attributes,
/// script URLs in every spelling, SVG and MathML, parser confusion.
const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![tracker](https://evil.example/pixel.png)",
    "<body onload=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<details open ontoggle=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<template><script>alert(1)</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "`<script>alert(1)</script>` in code",
    "<a href=\"https://ok.example\" onclick=alert(1)>ok</a>",
];

/// Tags and attributes the built-in template writes; people's words add none.
const ALLOWED_TAGS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "header", "footer", "main", "section", "h1",
    "h2", "h3", "h4", "p", "div", "span", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
    "td", "code", "b", "small",
];

const ALLOWED_ATTRIBUTES: &[&str] = &["class", "lang", "charset", "name", "content", "http-equiv"];

/// Text as minijinja's HTML escaping writes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

/// As a YAML double-quoted string (a JSON string is one).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("json")
}

/// A repository where mallory's projects, criteria, blockers, goalpost moves
/// and decisions all carry the vectors.
fn hostile_repo() -> Repo {
    let repo = Repo::new();
    let git = repo.git();
    let project = |i: usize, v: &str, extra: &str| {
        format!(
            "---\ntitle: {}\nowner: mallory\nstatus: active\ndue: 2026-09-01\n---\n## Success criteria\n- [ ] {v} 1 user\n- [ ] plain {i} users{extra}\n",
            quoted(v)
        )
    };
    for (i, v) in VECTORS.iter().enumerate() {
        repo.write(&format!("projects/p{i}.md"), project(i, v, ""));
    }
    // Handles are free text too: an owner and an author made of markup.
    repo.write(
        "projects/handles.md",
        "---\ntitle: Handles\nowner: \"<img src=x onerror=alert(1)>\"\ncontributors: [mallory]\nstatus: active\n---\n## Success criteria\n- [ ] 1 user\n",
    );
    commit_all(&git, "2026-06-01T10:00:00+00:00", "mallory", "start");
    repo.write(
        "updates/2026-07-02-b.md",
        "---\nauthor: \"<b onmouseover=alert(1)>m</b>\"\ndate: 2026-07-02\nprojects: [handles]\n---\n## Blockers\n- waiting on <iframe src=javascript:alert(1)></iframe> review\n",
    );
    for (i, v) in VECTORS.iter().enumerate() {
        // A goalpost move that names the vector, and a met criterion.
        repo.write(
            &format!("projects/p{i}.md"),
            project(i, v, &format!("\n- [x] added {v} 2 users")),
        );
        repo.write(
            &format!("updates/2026-07-02-u{i}.md"),
            format!(
                "---\nauthor: mallory\ndate: 2026-07-02\nprojects: [p{i}]\n---\n## Blockers\n- {v} blocked\n"
            ),
        );
        repo.write(
            &format!("decisions/{:04}-d.md", i + 1),
            format!(
                "---\ntitle: {}\nstatus: accepted\ndate: 2026-07-03\ndeciders: [mallory]\nprojects: [p{i}]\n---\n# {v}\n",
                quoted(v)
            ),
        );
    }
    commit_all(&git, "2026-07-03T10:00:00+00:00", "mallory", "hostile text");
    repo
}

/// mallory's packet for the third quarter, in `format`.
fn packet(repo: &Repo, format: &str) -> String {
    repo.ok(&[
        "packet",
        "--person",
        "mallory",
        "--format",
        format,
        "--since",
        "2026-07-01",
        "--until",
        "2026-09-30",
    ])
}

#[test]
fn xss_vectors_in_every_field_render_inert() {
    let repo = hostile_repo();
    let html = packet(&repo, "html");

    // Escaped text never holds a raw `<`, so every `<` opens real markup.
    let tag =
        Regex::new(r#"^<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*/?>"#)
            .expect("regex");
    let attribute = Regex::new(r#"([a-zA-Z-]+)(?:="([^"]*)")?"#).expect("regex");
    let mut seen = BTreeSet::new();
    for (at, _) in html.match_indices('<') {
        let rest = &html[at..];
        if rest.starts_with("<!doctype html>") {
            continue;
        }
        let m = tag.captures(rest).unwrap_or_else(|| {
            panic!(
                "markup that is not a plain tag: {}",
                &rest[..rest.len().min(80)]
            )
        });
        let name = m[2].to_ascii_lowercase();
        assert!(
            ALLOWED_TAGS.contains(&name.as_str()),
            "tag <{name}> in the packet"
        );
        seen.insert(name.clone());
        for a in attribute.captures_iter(&m[3]) {
            let key = a[1].to_ascii_lowercase();
            let value = a.get(2).map_or("", |v| v.as_str());
            assert!(
                ALLOWED_ATTRIBUTES.contains(&key.as_str()),
                "attribute {key} on <{name}>"
            );
            if key == "http-equiv" {
                assert_eq!(value, "Content-Security-Policy");
            }
        }
    }
    // The page itself forbids scripts, plugins and requests.
    let csp = Regex::new(r#"<meta http-equiv="Content-Security-Policy" content="([^"]*)">"#)
        .expect("regex");
    let policies: Vec<&str> = csp
        .captures_iter(&html)
        .map(|c| c.get(1).map_or("", |m| m.as_str()))
        .collect();
    assert_eq!(policies.len(), 1, "one policy");
    assert!(
        policies[0].starts_with("default-src 'none'"),
        "{}",
        policies[0]
    );
    assert!(!policies[0].contains("script-src") && !policies[0].contains("unsafe-eval"));
    // Only the template's own style sheet, with nothing of the user's in it.
    assert_eq!(html.matches("<style>").count(), 1);
    let style = &html[html.find("<style>").expect("style")..html.find("</style>").expect("end")];
    assert!(
        !style.contains("alert") && !style.contains("url("),
        "{style}"
    );

    // Nothing was lost: every title, criterion and blocker is shown as text.
    let packet: serde_json::Value = serde_json::from_str(&packet(&repo, "json")).expect("json");
    let mut words: Vec<String> = VECTORS.iter().map(|v| (*v).to_owned()).collect();
    for p in packet["projects"].as_array().expect("projects") {
        for c in p["criteria_open"].as_array().expect("open") {
            words.push(c.as_str().expect("text").to_owned());
        }
        for c in p["criteria_met"].as_array().expect("met") {
            words.push(c["text"].as_str().expect("text").to_owned());
        }
    }
    for b in packet["blockers"].as_array().expect("blockers") {
        words.push(b["text"].as_str().expect("text").to_owned());
    }
    assert!(
        words.len() > 4 * VECTORS.len(),
        "the vectors reached every field"
    );
    for text in &words {
        assert!(
            html.contains(&escaped(text)),
            "{text:?} is missing as {}",
            escaped(text)
        );
    }
    // Handles made of markup: the owner, and a blocker's author.
    let html = repo.ok(&["packet", "--project", "handles", "--format", "html"]);
    for handle in [
        "<img src=x onerror=alert(1)>",
        "<b onmouseover=alert(1)>m</b>",
    ] {
        assert!(html.contains(&escaped(handle)), "{handle:?} is missing");
    }
    assert!(
        !html.contains("<img") && !html.contains("<b onmouseover"),
        "{html}"
    );
}

/// The markdown packet escapes markup, so a viewer shows the words as written
/// instead of running or hiding them.
#[test]
fn xss_vectors_in_markdown_packets_are_escaped() {
    let md = packet(&hostile_repo(), "md");
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&md));
    for needle in [
        "<script", "<img", "<svg", "<iframe", "<a ", "<style", "<object", "<form",
    ] {
        assert!(
            !rendered.to_lowercase().contains(needle),
            "{needle} in:\n{rendered}"
        );
    }
}
