//! `goalpost mcp` spoken to as an assistant's client does: one JSON-RPC
//! message per line over the process's stdin and stdout.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

use crate::{Repo, TODAY, commit_all};

/// How long one answer may take before the test fails (a hang guard, not a
/// timing assertion).
const PATIENCE: Duration = Duration::from_secs(60);

const CONFIG: &str = "people:\n  ana: { name: Ana, team: search }\n  bo: { name: Bo, team: search }\nstatuses:\n  done: [done, shipped]\n";

/// A project in odd but valid form: a comment, single quotes, CRLF.
const PROJECT: &str = "---\r\ntitle: Faster search\r\nowner: ana\r\nstatus: 'active'   # agreed in planning\r\ncreated: 2026-11-01\r\n---\r\n## Success criteria\r\n- [ ] p95 below 200 ms\r\n- [ ] error rate under 0.1%\r\n";

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<String>,
}

impl Client {
    fn start(repo: &Repo) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("goalpost"))
            .arg("mcp")
            .current_dir(repo.path())
            .env("GOALPOST_TODAY", TODAY)
            .env("HOME", repo.path())
            .env("XDG_CONFIG_HOME", repo.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start goalpost mcp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            incoming,
        }
    }

    fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{line}").expect("write");
        stdin.flush().expect("flush");
    }

    /// The next message the server writes: one line of JSON.
    fn receive(&mut self) -> Value {
        let line = self
            .incoming
            .recv_timeout(PATIENCE)
            .expect("an answer within the hang guard");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not one JSON message ({e}): {line}"))
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string(),
        );
        let answer = self.receive();
        assert_eq!(answer["id"], id, "answers come in order: {answer}");
        answer
    }

    fn call(&mut self, id: i64, tool: &str, arguments: Value) -> Value {
        self.request(
            id,
            "tools/call",
            json!({"name": tool, "arguments": arguments}),
        )
    }

    /// Closes stdin, as a client does at the end of a session; the server
    /// must exit 0.
    fn finish(mut self) {
        drop(self.stdin.take());
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "{status}");
    }
}

fn text_result(text: &str, is_error: bool) -> Value {
    json!({"content": [{"type": "text", "text": text}], "isError": is_error})
}

fn team() -> Repo {
    let repo = Repo::new()
        .file("goalpost.yml", CONFIG)
        .file("projects/search.md", PROJECT);
    commit_all(&repo.git(), "2026-11-02T10:00:00Z", "ana", "Add search");
    repo
}

#[test]
fn a_session_reads_writes_and_is_refused_with_the_findings() {
    let repo = team();
    let mut client = Client::start(&repo);

    let init = client.request(
        1,
        "initialize",
        json!({"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}),
    );
    let root = repo.path().display().to_string();
    assert_eq!(
        init,
        json!({"jsonrpc": "2.0", "id": 1, "result": {
            "protocolVersion": "2025-06-18",
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "goalpost", "version": env!("CARGO_PKG_VERSION")},
            "instructions": format!("goalpost keeps this team's projects (with their success criteria), async updates and decision records as markdown in the git repository at {root}. Read where things stand with status, blockers, checkins and agenda; a project's history with log; a review packet with packet. Write with new_update, new_decision, set_status, tick_criterion and report_measure: every write is checked with the rest of the repository first and refused, with the findings, when it would add an error. Use check with `text` on a draft to see its findings without writing it. Tool descriptions name this team's status words, sections and people."),
        }})
    );
    client.send(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#);

    // The tools, described in this repository's words: its status words
    // (`shipped` for done), its people and teams, its sections.
    let list = client.request(2, "tools/list", json!({}));
    let tools = list["result"]["tools"].as_array().expect("tools");
    let names: Vec<&str> = tools.iter().filter_map(|t| t["name"].as_str()).collect();
    assert_eq!(
        names,
        [
            "status",
            "blockers",
            "checkins",
            "agenda",
            "log",
            "packet",
            "check",
            "new_update",
            "new_decision",
            "set_status",
            "report_measure",
            "tick_criterion"
        ]
    );
    insta::assert_json_snapshot!("mcp_tools", list["result"]);

    // A read: exactly what `goalpost status --format json` prints.
    let status = client.call(3, "status", json!({"owner": "ana"}));
    let printed = repo.ok(&["status", "--format", "json", "--owner", "ana"]);
    assert_eq!(status["result"], text_result(printed.trim_end(), false));

    // A write: one value's bytes change, through `set`.
    let set = client.call(
        4,
        "set_status",
        json!({"project": "search", "status": "shipped"}),
    );
    assert_eq!(
        set["result"]["isError"], true,
        "done with both criteria open is refused: {set}"
    );
    let refused = set["result"]["content"][0]["text"]
        .as_str()
        .unwrap_or_default();
    assert!(
        refused.starts_with("error[done-with-open-criteria]: project `search` is done, but this criterion is still open\n --> projects/search.md:8:7\n"),
        "{refused}"
    );
    assert!(
        refused.ends_with(
            "\nerror: not written: projects/search.md would add 2 errors (status: active → shipped)"
        ),
        "{refused}"
    );
    assert_eq!(repo.read("projects/search.md"), PROJECT, "nothing written");

    let tick = client.call(
        5,
        "tick_criterion",
        json!({"project": "search", "criterion": "p95"}),
    );
    assert_eq!(
        tick["result"],
        text_result(
            "projects/search.md:8: criterion 1 met: p95 below 200 ms",
            false
        )
    );
    let tick = client.call(
        6,
        "tick_criterion",
        json!({"project": "search", "criterion": 2}),
    );
    assert_eq!(
        tick["result"],
        text_result("error: `criterion` must be a string", true),
        "a number is given as text, as on the command line"
    );
    client.call(
        7,
        "tick_criterion",
        json!({"project": "search", "criterion": "2"}),
    );
    let set = client.call(
        8,
        "set_status",
        json!({"project": "search", "status": "shipped"}),
    );
    assert_eq!(
        set["result"],
        text_result("projects/search.md:4: status: active → shipped", false)
    );
    assert_eq!(
        repo.read("projects/search.md"),
        PROJECT
            .replace("status: 'active'", "status: 'shipped'")
            .replace("- [ ]", "- [x]"),
        "only the values' bytes changed"
    );

    // An update written from fields, checked before it is written.
    let update = client.call(
        9,
        "new_update",
        json!({"projects": ["search"], "author": "ana", "progress": ["p95 at 180 ms since the cache"], "asks": "-review the dashboard", "confidence": "on-track"}),
    );
    assert_eq!(
        update["result"],
        text_result("updates/2026-11/2026-11-22-ana.md", false)
    );
    assert_eq!(
        repo.read("updates/2026-11/2026-11-22-ana.md"),
        "---\nauthor: ana\ndate: 2026-11-22\nprojects: [search]\nconfidence: on-track\n---\n## Progress\n- p95 at 180 ms since the cache\n\n## Blockers\n- None\n\n## Asks\n- -review the dashboard\n\n## Next\n- What comes before the next update\n"
    );
    // The same file again is refused, and never with --force.
    let again = client.call(
        10,
        "new_update",
        json!({"projects": ["search"], "author": "ana"}),
    );
    assert_eq!(
        again["result"],
        text_result(
            "error: updates/2026-11/2026-11-22-ana.md already exists; goalpost does not replace files\n  help: edit it, or write a second update for the day in a file of its own with `--slug WORD`",
            true
        )
    );
    // An unknown person is refused with the roster's likely name.
    let who = client.call(
        11,
        "new_decision",
        json!({"title": "Keep the cache", "deciders": ["anna"]}),
    );
    assert_eq!(
        who["result"],
        text_result(
            "error: `anna` is not in the roster of goalpost.yml\n  help: did you mean `ana`?",
            true
        )
    );
    assert!(!repo.path().join("decisions").exists(), "nothing written");

    let report = client.call(
        19,
        "report_measure",
        json!({"project": "search", "measure": "p95", "value": 180}),
    );
    assert_eq!(
        report["result"],
        text_result(
            "error: project `search` has no measures to report\n  help: give it a `measures:` list (id, name, unit, baseline, target) first",
            true
        )
    );

    // A draft checked without being written.
    let draft = client.call(
        12,
        "check",
        json!({"path": "projects/next.md", "text": "---\ntitle: Next\nowner: ana\nstatus: activ\n---\n## Success criteria\n- [ ] one\n"}),
    );
    let findings: Value = serde_json::from_str(
        draft["result"]["content"][0]["text"]
            .as_str()
            .unwrap_or_default(),
    )
    .expect("findings as JSON");
    assert_eq!(
        findings,
        json!([{
            "path": "projects/next.md", "line": 4, "column": 9, "end_line": 4, "end_column": 14,
            "severity": "error", "rule": "invalid-value",
            "message": "`activ` is not a valid `status`",
            "help": "did you mean `active`? allowed: active, at-risk, blocked, done, dropped, proposed, shipped"
        }])
    );
    assert!(!repo.path().join("projects/next.md").exists());
    // A file on disk with an error: its findings are the answer, not a
    // failure of the call.
    repo.write("projects/bad.md", "---\ntitle: Bad\nstatus: active\n---\n");
    let on_disk = client.call(20, "check", json!({"path": "projects/bad.md"}));
    assert_eq!(on_disk["result"]["isError"], false, "{on_disk}");
    let printed = repo
        .run(&["check", "--format", "json", "projects/bad.md"])
        .1;
    assert_eq!(on_disk["result"]["content"][0]["text"], printed.trim_end());
    repo.remove("projects/bad.md");
    let outside = client.call(13, "check", json!({"path": "../x.md", "text": "x"}));
    assert_eq!(outside["result"]["isError"], true, "{outside}");

    // Malformed input: a line that is not JSON is dropped without an
    // answer (there is no id to answer); a request of the wrong shape, an
    // unknown tool and an unknown argument are each answered, and the
    // session goes on.
    client.send("this is not json");
    // (A call without a tool's name is not a request the SDK knows: it
    // answers "method not found", naming the method.)
    let shape = client.request(14, "tools/call", json!({"arguments": {}}));
    assert_eq!(
        shape,
        json!({"jsonrpc": "2.0", "id": 14, "error": {"code": -32601, "message": "tools/call"}})
    );
    let unknown = client.call(15, "delete_everything", json!({}));
    assert_eq!(
        unknown,
        json!({"jsonrpc": "2.0", "id": 15, "error": {"code": -32602, "message": "no tool is named `delete_everything`; the tools are status, blockers, checkins, agenda, log, packet, check, new_update, new_decision, set_status, report_measure, tick_criterion"}})
    );
    let extra = client.call(16, "status", json!({"colour": "red"}));
    assert_eq!(
        extra["result"],
        text_result(
            "error: this tool has no argument `colour`; it takes owner, team, status",
            true
        )
    );
    let bad = client.call(
        17,
        "set_status",
        json!({"project": "search", "status": "finished"}),
    );
    assert_eq!(
        bad["result"],
        text_result(
            "error: `status` must be one of active, at-risk, blocked, done, dropped, proposed, shipped, not `finished`",
            true
        )
    );
    // `met: false` unticks, which a done project refuses.
    let untick = client.call(
        21,
        "tick_criterion",
        json!({"project": "search", "criterion": "1", "met": false}),
    );
    let said = untick["result"]["content"][0]["text"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(untick["result"]["isError"], true, "{untick}");
    assert!(
        said.ends_with("error: not written: projects/search.md would add 1 error (criterion 1 open: p95 below 200 ms)"),
        "{said}"
    );
    let met = client.call(
        22,
        "tick_criterion",
        json!({"project": "search", "criterion": "1", "met": "no"}),
    );
    assert_eq!(
        met["result"],
        text_result("error: `met` must be true or false", true)
    );
    let ping = client.request(18, "ping", json!({}));
    assert_eq!(ping, json!({"jsonrpc": "2.0", "id": 18, "result": {}}));
    client.finish();
}

/// The official TypeScript SDK's client (from npm, pinned; `.ci/run`
/// installs it under `.ci/node_modules`) connects over stdio, lists the
/// tools and calls a read and a refused write.
#[test]
fn the_typescript_sdk_client_speaks_to_it() {
    let Some((node, sdk)) = crate::npm_module(
        "the_typescript_sdk_client_speaks_to_it",
        "@modelcontextprotocol/sdk",
        "dist/cjs",
    ) else {
        return;
    };
    let repo = team();
    let script = format!(
        r#"const {{ Client }} = require({client:?});
const {{ StdioClientTransport }} = require({stdio:?});
(async () => {{
  const transport = new StdioClientTransport({{ command: {bin:?}, args: ["--repo", {repo:?}, "mcp"], env: {{ GOALPOST_TODAY: "{today}", HOME: {repo:?}, GIT_CONFIG_NOSYSTEM: "1" }} }});
  const client = new Client({{ name: "goalpost-test", version: "1" }});
  await client.connect(transport);
  const tools = await client.listTools();
  const status = await client.callTool({{ name: "status", arguments: {{ owner: "ana" }} }});
  const refused = await client.callTool({{ name: "set_status", arguments: {{ project: "search", status: "done" }} }});
  console.log(JSON.stringify({{ server: client.getServerVersion(), tools: tools.tools.map((t) => t.name), status: [status.isError, JSON.parse(status.content[0].text).map((p) => p.id)], refused: [refused.isError, refused.content[0].text.split("\n").pop()] }}));
  await client.close();
}})().catch((e) => {{ console.error(e); process.exit(1); }});
"#,
        client = sdk.join("client/index.js").display().to_string(),
        stdio = sdk.join("client/stdio.js").display().to_string(),
        bin = assert_cmd::cargo::cargo_bin("goalpost")
            .display()
            .to_string(),
        repo = repo.path().display().to_string(),
        today = TODAY,
    );
    let out = Command::new(node)
        .arg("-e")
        .arg(script)
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said: Value = serde_json::from_slice(&out.stdout).expect("the client's report");
    assert_eq!(
        said,
        json!({
            "server": {"name": "goalpost", "version": env!("CARGO_PKG_VERSION")},
            "tools": ["status", "blockers", "checkins", "agenda", "log", "packet", "check", "new_update", "new_decision", "set_status", "report_measure", "tick_criterion"],
            "status": [false, ["search"]],
            "refused": [true, "error: not written: projects/search.md would add 2 errors (status: active → done)"],
        })
    );
    assert_eq!(repo.read("projects/search.md"), PROJECT, "nothing written");
}
