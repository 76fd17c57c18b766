//! `goalpost lsp` spoken to as an editor does: framed JSON-RPC over the
//! process's stdin and stdout.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

use crate::{Repo, TODAY};

/// How long one answer may take before the test fails (a hang guard, not a
/// timing assertion).
const PATIENCE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications seen so far, in order.
    notes: Vec<Value>,
}

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

impl Client {
    fn start(dir: &Path, options: Value) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("goalpost"))
            .arg("lsp")
            .current_dir(dir)
            .env("GOALPOST_TODAY", TODAY)
            .env("HOME", dir)
            .env("XDG_CONFIG_HOME", dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start goalpost lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().expect("a length");
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut client = Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            notes: Vec::new(),
        };
        let root = uri(dir, "");
        let init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "capabilities": {},
                "workspaceFolders": [{ "uri": root, "name": "team" }],
                "initializationOptions": options,
            }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "goalpost", "{init}");
        client.notify("initialized", json!({}));
        client
    }

    fn send_raw(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(text.as_bytes()).expect("write");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        self.send_raw(&frame(&message.to_string()));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its answer, keeping the notifications
    /// that arrive first (every notification an earlier message caused).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.answer(&json!(id))
    }

    fn answer(&mut self, id: &Value) -> Value {
        loop {
            let message = match self.incoming.recv_timeout(PATIENCE) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => panic!("no answer to request {id}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed stdout"),
            };
            if message.get("method").is_some() && message.get("id").is_none() {
                self.notes.push(message);
            } else if message.get("id") == Some(id) && message.get("method").is_none() {
                return message;
            }
        }
    }

    /// The rule ids of the diagnostics last published for a document.
    fn codes(&self, uri: &str) -> Vec<String> {
        self.diagnostics(uri)
            .expect("published")
            .iter()
            .map(|d| d["code"].as_str().expect("a code").to_owned())
            .collect()
    }

    /// What the server wrote to the client's log, in order.
    fn logged(&self) -> Vec<String> {
        self.notes
            .iter()
            .filter(|n| n["method"] == "window/logMessage")
            .map(|n| {
                n["params"]["message"]
                    .as_str()
                    .expect("a message")
                    .to_owned()
            })
            .collect()
    }

    /// The diagnostics last published for a document.
    fn diagnostics(&self, uri: &str) -> Option<Vec<Value>> {
        self.notes
            .iter()
            .rev()
            .filter(|n| n["method"] == "textDocument/publishDiagnostics")
            .find(|n| n["params"]["uri"] == uri)
            .map(|n| {
                n["params"]["diagnostics"]
                    .as_array()
                    .expect("a list")
                    .clone()
            })
    }

    /// Waits until every message sent so far has been handled.
    fn sync(&mut self) {
        let _ = self.request("goalpost/sync-by-an-unknown-method", json!({}));
    }

    fn open(&mut self, dir: &Path, path: &str, text: &str) -> String {
        let uri = uri(dir, path);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
        uri
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(dir: &Path, path: &str) -> String {
    let url = url::Url::from_file_path(dir.join(path)).expect("an absolute path");
    url.as_str().trim_end_matches('/').to_owned()
}

fn pos(line: u64, character: u64) -> Value {
    json!({ "line": line, "character": character })
}

fn team() -> Repo {
    Repo::new()
        .file(
            "goalpost.yml",
            "people:\n  alice: { name: Alice Ng, location: remote }\n  bob: { name: Bob Ruiz }\n",
        )
        .file(
            "projects/search-latency.md",
            "---\nid: search-latency\ntitle: Cut search p95 latency\nowner: alice\nstatus: active\ndue: 2026-12-15\ncheckin: none\n---\n# Cut search p95 latency\n\n## Success criteria\n- [x] p95 < 300 ms\n- [ ] p95 < 200 ms\n",
        )
        .file(
            "decisions/0001-use-redis.md",
            "---\nstatus: accepted\ndate: 2026-10-02\n---\n# Use Redis for the query cache\n",
        )
}

/// An update whose second project id is misspelt after non-ASCII text:
/// `projects: ["é🚀", serch-latency]` puts `serch-latency` at character 17
/// (0-based), UTF-16 unit 18 (`🚀` is two units).
const UPDATE: &str = "---\nauthor: alice\ndate: 2026-11-20\nprojects: [\"é🚀\", serch-latency]\n---\n## Progress\n- Cache landed\n";

#[test]
fn diagnostics_completion_hover_definition_and_fixes() {
    let repo = team().file("updates/2026-11-20-alice.md", UPDATE);
    let dir = repo.path().canonicalize().expect("real path");
    let mut client = Client::start(&dir, json!({ "rulesUrl": "https://example.test/rules" }));
    let update = client.open(&dir, "updates/2026-11-20-alice.md", UPDATE);
    client.sync();

    // On open: check's findings, at 0-based UTF-16 positions.
    let found = client.diagnostics(&update).expect("published on open");
    let misspelt = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .expect("present")
                .contains("`serch-latency`")
        })
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        misspelt["range"],
        json!({ "start": pos(3, 18), "end": pos(3, 31) })
    );
    assert_eq!(misspelt["code"], "unknown-project");
    assert_eq!(misspelt["severity"], 1);
    assert_eq!(misspelt["source"], "goalpost");
    assert_eq!(
        misspelt["codeDescription"]["href"],
        "https://example.test/rules#unknown-project"
    );
    assert!(
        misspelt["message"]
            .as_str()
            .expect("present")
            .contains("help: did you mean `search-latency`?")
    );
    let odd = found
        .iter()
        .find(|d| d["message"].as_str().expect("present").contains("`é🚀`"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(odd["range"]["start"], pos(3, 11));
    assert_eq!(found.len(), 2, "{found:#?}");

    // The same findings `check` reports.
    let (_, checked) = repo.check_json(&["updates/2026-11-20-alice.md"]);
    assert_eq!(checked.len(), 2, "{checked:#?}");

    // A quick fix puts the suggestion in place.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": update },
            "range": misspelt["range"],
            "context": { "diagnostics": [misspelt] },
        }),
    );
    let action = &actions["result"][0];
    assert_eq!(action["kind"], "quickfix", "{actions}");
    let edit = &action["edit"]["changes"][&update][0];
    assert_eq!(edit["newText"], "search-latency");
    assert_eq!(edit["range"], misspelt["range"]);

    let project = uri(&dir, "projects/search-latency.md");
    // Fix the id by an incremental change.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": update, "version": 2 },
            "contentChanges": [{ "range": { "start": pos(3, 11), "end": pos(3, 31) }, "text": "search-latency" }],
        }),
    );
    client.sync();
    assert_eq!(
        client.diagnostics(&update),
        Some(vec![]),
        "the fix clears the findings"
    );

    // Hover and definition on a project id.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": update }, "position": pos(3, 13) }),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover}"));
    assert!(text.contains("Cut search p95 latency"), "{text}");
    for fact in [
        "owner: alice",
        "status: active",
        "criteria met: 1/2",
        "due: 2026-12-15",
    ] {
        assert!(text.contains(fact), "{fact} in {text}");
    }
    let definition = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": update }, "position": pos(3, 13) }),
    );
    assert_eq!(definition["result"]["uri"], project, "{definition}");
    assert_eq!(
        definition["result"]["range"],
        json!({ "start": pos(1, 4), "end": pos(1, 18) })
    );

    // Completion inside `projects:` offers the ids, with their titles.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": update, "version": 3 },
            "contentChanges": [{ "range": { "start": pos(3, 11), "end": pos(3, 25) }, "text": "se" }],
        }),
    );
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": update }, "position": pos(3, 13) }),
    );
    let items = completion["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{completion}"));
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["label"], "search-latency");
    assert_eq!(items[0]["detail"], "Cut search p95 latency");
    assert_eq!(
        items[0]["textEdit"]["range"],
        json!({ "start": pos(3, 11), "end": pos(3, 13) })
    );

    // Status words and handles complete too; a handle hovers as the roster entry.
    let project_text = repo.read("projects/search-latency.md");
    client.open(&dir, "projects/search-latency.md", &project_text);
    let words = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": project }, "position": pos(4, 8) }),
    );
    let labels: Vec<&str> = words["result"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["label"].as_str().expect("a label"))
        .collect();
    assert!(
        labels.contains(&"active") && labels.contains(&"at-risk"),
        "{labels:?}"
    );
    let person = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": project }, "position": pos(3, 8) }),
    );
    let text = person["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{person}"));
    assert!(
        text.contains("Alice Ng") && text.contains("location: remote"),
        "{text}"
    );
}

/// In an update's `measures:`, keys complete to the measures of the
/// projects it names, and hover with baseline, target and latest value.
#[test]
fn measure_keys_complete_and_hover() {
    let project = "---\ntitle: Support\nowner: alice\nstatus: active\nmeasures:\n  - { id: fcr, name: First-contact resolution, unit: \"%\", baseline: 61, target: 70 }\n  - { id: csat, name: CSAT, baseline: 4.2, target: 4.5 }\n---\n";
    let earlier =
        "---\nauthor: alice\ndate: 2026-11-10\nprojects: [support]\nmeasures:\n  fcr: 64\n---\n";
    let draft = "---\nauthor: alice\ndate: 2026-11-20\nprojects: [support]\nmeasures:\n  fcr: 66\n  c\n---\n";
    let repo = team()
        .file("projects/support.md", project)
        .file("updates/2026-11-10-alice.md", earlier);
    let dir = repo.path().canonicalize().expect("real path");
    let mut client = Client::start(&dir, json!({}));
    let update = client.open(&dir, "updates/2026-11-20-alice.md", draft);
    client.sync();

    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": update }, "position": pos(6, 3) }),
    );
    let items = completion["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{completion}"));
    let labels: Vec<(&str, &str)> = items
        .iter()
        .map(|i| {
            (
                i["label"].as_str().unwrap_or(""),
                i["detail"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // `c` starts `csat` and is in “First-contact resolution”.
    assert_eq!(
        labels,
        [
            ("csat", "CSAT · target 4.5"),
            ("fcr", "First-contact resolution · target 70%")
        ]
    );
    assert_eq!(
        items[0]["textEdit"]["range"],
        json!({ "start": pos(6, 2), "end": pos(6, 3) })
    );

    // Once the buffer reads again, its 66 (as of its date, 20 Nov) is the
    // latest value.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": update, "version": 2 },
            "contentChanges": [{ "range": { "start": pos(6, 2), "end": pos(6, 3) }, "text": "csat: 4.0" }],
        }),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": update }, "position": pos(5, 3) }),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover}"));
    assert_eq!(
        text,
        "**First\\-contact resolution** (`support/fcr`)\n\nbaseline 61\\% · target 70\\% · latest 66\\% as of 2026-11-20 (`updates/2026-11-20-alice.md`) · progress 0.556"
    );
    // A value is not a key.
    let value = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": update }, "position": pos(5, 8) }),
    );
    assert_eq!(value["result"], Value::Null, "{value}");
}

#[test]
fn recognitions_get_diagnostics_and_complete_people_and_projects() {
    let repo = team();
    let dir = repo.path().canonicalize().expect("real path");
    let mut client = Client::start(&dir, json!(null));
    let text = "---\ndate: 2026-11-20\npeople: [alice, carol]\nby: bob\nprojects: [serch-latency]\n---\n# Kept search up\n";
    let doc = client.open(&dir, "recognitions/2026-11-20-kept-search-up.md", text);
    client.sync();
    let found = client.diagnostics(&doc).expect("published");
    let at: Vec<(&str, &Value)> = found
        .iter()
        .map(|d| (d["code"].as_str().unwrap_or(""), &d["range"]["start"]))
        .collect();
    assert_eq!(
        at,
        [
            ("unknown-person", &pos(2, 16)),
            ("unknown-project", &pos(4, 11))
        ],
        "{found:#?}"
    );
    let labels = |answer: &Value| -> Vec<String> {
        answer["result"]["items"]
            .as_array()
            .unwrap_or_else(|| panic!("{answer}"))
            .iter()
            .map(|i| i["label"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let people = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": doc }, "position": pos(2, 17) }),
    );
    // `c`, typed so far, is in `alice` and not in `bob`.
    assert_eq!(labels(&people), ["alice"]);
    let projects = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": doc }, "position": pos(4, 13) }),
    );
    assert_eq!(labels(&projects), ["search-latency"]);
}

#[test]
fn editing_a_project_refreshes_the_updates_that_name_it() {
    let repo = team();
    let dir = repo.path().canonicalize().expect("real path");
    let mut client = Client::start(&dir, json!(null));
    let good = UPDATE.replace("\"é🚀\", serch-latency", "search-latency");
    let update = client.open(&dir, "updates/2026-11-20-alice.md", &good);
    let project = client.open(
        &dir,
        "projects/search-latency.md",
        &repo.read("projects/search-latency.md"),
    );
    client.sync();
    assert_eq!(client.diagnostics(&update), Some(vec![]));
    // The id changes in the project's unsaved buffer (line 1, `search-latency`).
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": project, "version": 2 },
            "contentChanges": [{ "range": { "start": pos(1, 4), "end": pos(1, 18) }, "text": "search-p95" }],
        }),
    );
    client.sync();
    let found = client.diagnostics(&update).expect("refreshed");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "unknown-project");
    // Without a `rulesUrl`, the rule's page in goalpost's docs.
    assert_eq!(
        found[0]["codeDescription"]["href"],
        "https://github.com/goalpost-dev/goalpost/blob/main/docs/rules/unknown-project.md"
    );
    // Closing the project without saving brings the file's id back.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": project } }),
    );
    client.sync();
    assert_eq!(client.diagnostics(&update), Some(vec![]));
    assert_eq!(
        client.diagnostics(&project),
        Some(vec![]),
        "closed: cleared"
    );
}

#[test]
fn decisions_hover_and_saving_goalpost_yml_reloads_the_roster() {
    let valkey = "---\nstatus: accepted\ndate: 2026-11-01\ndeciders: [carol]\nsupersedes: [1]\n---\n# Use Valkey\n";
    let repo = team().file("decisions/0002-use-valkey.md", valkey);
    let dir = repo.path().canonicalize().expect("real path");
    let mut client = Client::start(&dir, json!(null));
    let decision = client.open(&dir, "decisions/0002-use-valkey.md", valkey);
    client.sync();
    assert_eq!(client.codes(&decision), ["unknown-person"]);

    // `supersedes: [1]`: the number hovers as the decision and leads to it.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": decision }, "position": pos(4, 13) }),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover}"));
    assert!(
        text.contains("Use Redis for the query cache") && text.contains("status: accepted"),
        "{text}"
    );
    let definition = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": decision }, "position": pos(4, 13) }),
    );
    assert_eq!(
        definition["result"]["uri"],
        uri(&dir, "decisions/0001-use-redis.md")
    );

    // Carol joins the roster; saving goalpost.yml re-reads it.
    repo.write(
        "goalpost.yml",
        "people:\n  alice: { name: Alice Ng }\n  bob: { name: Bob Ruiz }\n  carol: { name: Carol Diaz }\n",
    );
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&dir, "goalpost.yml") } }),
    );
    client.sync();
    assert_eq!(client.codes(&decision), Vec::<String>::new());
}

#[test]
fn bad_messages_unknown_methods_and_outside_files_do_not_stop_it() {
    let repo = team();
    let dir = repo.path().canonicalize().expect("real path");
    let mut client = Client::start(&dir, json!(null));
    client.send_raw(&frame("{ this is not json"));
    client.send_raw(&frame(r#"{"jsonrpc":"2.0","id":99,"method":7}"#));
    let bad = client.answer(&json!(99));
    assert_eq!(bad["error"]["code"], -32600, "{bad}");
    let unknown = client.request("workspace/noSuchThing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad_params = client.request("textDocument/hover", json!({ "nope": 1 }));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");

    let outside = tempfile::tempdir().expect("temp dir");
    let stranger = client.open(outside.path(), "notes.md", "---\nstatus: nonsense\n---\n");
    let readme = client.open(&dir, "README.md", "# not a goal document\n");
    client.sync();
    let published = |uri: &str| client.diagnostics(uri).unwrap_or_default();
    assert_eq!(published(&stranger), Vec::<Value>::new());
    assert_eq!(published(&readme), Vec::<Value>::new());
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": stranger }, "position": pos(1, 9) }),
    );
    assert_eq!(hover["result"], Value::Null);

    // A file that disappears leaves the index; the server goes on.
    repo.remove("decisions/0001-use-redis.md");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&dir, "decisions/0001-use-redis.md"), "type": 3 }] }),
    );

    let shutdown = client.request("shutdown", json!(null));
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    client.notify("exit", json!(null));
    let status = client.child.wait().expect("exit");
    assert!(status.success(), "{status}");
}

#[test]
fn bad_frames_are_logged_and_the_next_message_is_answered() {
    let repo = team();
    let dir = repo.path().canonicalize().expect("real path");
    let mut client = Client::start(&dir, json!(null));
    let ping = |id: i64| format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
    // Over 64 MiB announced, a short body sent: the body is still read.
    client.send_raw(&format!("Content-Length: 99999999999\r\n\r\n{}", ping(41)));
    assert_eq!(client.answer(&json!(41))["result"], Value::Null);
    // Too short: that message is lost, the next one is not.
    let short = ping(42);
    client.send_raw(&format!(
        "Content-Length: {}\r\n\r\n{short}",
        short.len() - 5
    ));
    // Not a number: read to the end of its JSON.
    client.send_raw(&format!("Content-Length: twelve\r\n\r\n{}", ping(43)));
    assert_eq!(client.answer(&json!(43))["result"], Value::Null);
    let logged = client.logged();
    assert_eq!(logged.len(), 4, "{logged:#?}");
    assert!(logged[0].contains("said 99999999999 bytes"), "{logged:#?}");
    assert!(logged[1].contains("not JSON"), "{logged:#?}");
    assert!(
        logged[2].contains("ran past its Content-Length"),
        "{logged:#?}"
    );
    assert!(logged[3].contains("not a number (`twelve`)"), "{logged:#?}");
    client.notify("exit", json!(null));
    let status = client.child.wait().expect("exit");
    assert!(status.success(), "{status}");
}

#[test]
fn buffers_get_checks_findings_and_lone_carriage_returns_break_lines() {
    let repo = team();
    let dir = repo.path().canonicalize().expect("real path");
    let mut client = Client::start(&dir, json!(null));
    client.sync();

    // What `check` says of such a file, the server says of such a buffer.
    let binary = client.open(&dir, "projects/binary.md", "---\nid: b\u{0}\n---\n");
    let huge = format!("---\nid: h\n---\n{}", "x".repeat(8 * 1024 * 1024));
    let huge = client.open(&dir, "projects/huge.md", &huge);
    client.sync();
    assert_eq!(client.codes(&binary), ["unreadable-file"]);
    assert_eq!(client.codes(&huge), ["unreadable-file"]);

    // Two lone CRs are two line breaks to the editor (LSP), none to
    // goalpost's own count; the finding lands on the editor's line.
    let text = "---\nid: vague\ntitle: Vague\nowner: alice\nstatus: active\ncheckin: none\n---\n# Vague\r\rIntro.\n\n## Success criteria\n- [ ] make it better\n";
    let vague = client.open(&dir, "projects/vague.md", text);
    client.sync();
    let found = client.diagnostics(&vague).unwrap_or_default();
    let criterion = found
        .iter()
        .find(|d| d["code"] == "vague-criterion")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(criterion["range"]["start"]["line"], 12, "{criterion}");
    // An edit in the editor's terms lands where the editor put it.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": vague, "version": 2 },
            "contentChanges": [{
                "range": { "start": pos(12, 6), "end": pos(12, 20) },
                "text": "p95 < 200 ms",
            }],
        }),
    );
    client.sync();
    assert_eq!(client.codes(&vague), Vec::<String>::new());
}

#[test]
fn closing_stdin_ends_the_server() {
    let repo = team();
    let dir = repo.path().canonicalize().expect("real path");
    let mut client = Client::start(&dir, json!(null));
    client.stdin = None;
    let status = client.child.wait().expect("exit");
    assert!(status.success(), "{status}");
}

/// What Neovim does with a Lua config, headless: edit an update, attach
/// `goalpost lsp`, wait for diagnostics and write them down.
const NVIM_SCRIPT: &str = r#"
local bin, root, out = os.getenv("GOALPOST_BIN"), os.getenv("GOALPOST_ROOT"), os.getenv("GOALPOST_OUT")
vim.cmd("edit " .. root .. "/updates/2026-11-20-alice.md")
local client = vim.lsp.start_client({ name = "goalpost", cmd = { bin, "lsp" }, root_dir = root })
vim.lsp.buf_attach_client(0, client)
vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local first = d.message:gsub("\n.*", "")
  table.insert(lines, string.format("%d:%d %s", d.lnum, d.col, first))
end
vim.fn.writefile(lines, out)
vim.cmd("qa!")
"#;

/// Neovim (Debian's package, which `.ci/run` installs) receives the
/// diagnostics: the setup the README gives works in a real editor.
#[test]
fn neovim_shows_the_diagnostics() {
    let Some(nvim) = crate::program("neovim_shows_the_diagnostics", &["nvim"], "neovim") else {
        return;
    };
    let repo = team().file("updates/2026-11-20-alice.md", UPDATE);
    let dir = repo.path().canonicalize().expect("real path");
    std::fs::write(dir.join("attach.lua"), NVIM_SCRIPT).expect("write the script");
    let out = dir.join("diagnostics.txt");
    let status = Command::new(nvim)
        .args(["--headless", "--clean", "-c", "luafile attach.lua"])
        .current_dir(&dir)
        .env("HOME", &dir)
        .env("XDG_CONFIG_HOME", &dir)
        .env("XDG_DATA_HOME", &dir)
        .env("XDG_STATE_HOME", &dir)
        .env("GOALPOST_TODAY", TODAY)
        .env("GOALPOST_BIN", assert_cmd::cargo::cargo_bin("goalpost"))
        .env("GOALPOST_ROOT", &dir)
        .env("GOALPOST_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run nvim");
    assert!(status.success(), "{status}");
    let seen = std::fs::read_to_string(&out).expect("the script wrote what Neovim shows");
    let lines: Vec<&str> = seen.lines().collect();
    // Neovim counts columns in bytes: `"é🚀", ` is 10 bytes, so the
    // misspelt id starts at byte 21 (UTF-16 unit 18 on the wire).
    assert_eq!(
        lines,
        [
            "3:11 no project has the id `é🚀`",
            "3:21 no project has the id `serch-latency`"
        ],
        "{seen}"
    );
}
