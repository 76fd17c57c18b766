#![allow(clippy::print_stdout, clippy::print_stderr)]
//! Measures `goalpost lsp` on the generated repository, against `goalpost
//! check` on the same repository in the same run:
//!
//! ```text
//! cargo bench --bench lsp -- [--repo DIR] [--runs 5] [--edits 200]
//! ```
//!
//! - start-up: from starting the server to the first diagnostics of an open
//!   update, and to the index being ready (the diagnostics of every rule);
//! - an edit: from sending `didChange` for one update to receiving its
//!   `publishDiagnostics` (median and 90th percentile over `--edits` edits).
//!
//! Without `--repo` it uses `target/bench-repos/default`, which
//! `cargo bench --bench check` generates. There are no timing assertions.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};

const TODAY: &str = "2026-11-02";

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut repo, mut runs, mut edits, mut bench) = (None, 5usize, 200usize, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => bench = true,
            "--repo" => repo = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().context("--runs N")?.parse()?,
            "--edits" => edits = args.next().context("--edits N")?.parse()?,
            other => bail!("unknown argument `{other}`"),
        }
    }
    if !bench {
        eprintln!("bench lsp: skipped in test mode; run `cargo bench --bench lsp`");
        return Ok(());
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let repo = repo.unwrap_or_else(|| root.join("target/bench-repos/default"));
    ensure!(
        repo.join(".git").is_dir(),
        "{} is missing: run `cargo bench --bench check` once to generate it",
        repo.display()
    );
    let repo = repo.canonicalize()?;
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--release", "--quiet", "--bin", "goalpost"])
        .current_dir(&root)
        .status()?;
    ensure!(status.success(), "cargo build failed");
    let goalpost = root.join("target/release/goalpost");
    let update = newest_update(&repo)?;
    println!("repository: {} ; edited document: {update}", repo.display());

    let mut check = Vec::new();
    for _ in 0..=runs {
        let started = Instant::now();
        Command::new(&goalpost)
            .args(["check", "--format", "json"])
            .current_dir(&repo)
            .env("GOALPOST_TODAY", TODAY)
            .stdout(Stdio::null())
            .status()?;
        check.push(started.elapsed());
    }
    check.remove(0);

    let (mut first, mut ready, mut changes) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..=runs {
        let started = Instant::now();
        let mut server = Server::start(&goalpost, &repo)?;
        let uri = server.open(&repo, &update)?;
        server.wait_publish(&uri)?;
        let first_at = started.elapsed();
        server.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
        )?;
        let ready_at = started.elapsed();
        if run > 0 {
            first.push(first_at);
            ready.push(ready_at);
        }
        if run == runs {
            let text = std::fs::read_to_string(repo.join(&update))?;
            for i in 0..edits {
                let edited = format!("{text}\n- edit {i}\n");
                let sent = Instant::now();
                server.notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": uri, "version": i + 2 }, "contentChanges": [{ "text": edited }] }),
                )?;
                server.wait_publish(&uri)?;
                changes.push(sent.elapsed());
            }
        }
        server.stop();
    }
    let check_ms = median(&mut check);
    println!("goalpost check (median of {runs}):              {check_ms:8.1} ms");
    println!(
        "lsp: start to first diagnostics (median):     {:8.1} ms  ({:.2}x check)",
        median(&mut first),
        median(&mut first) / check_ms
    );
    println!(
        "lsp: start to index ready (median):           {:8.1} ms  ({:.2}x check)",
        median(&mut ready),
        median(&mut ready) / check_ms
    );
    changes.sort();
    println!(
        "lsp: didChange to publishDiagnostics: median {:.2} ms, p90 {:.2} ms over {edits} edits",
        median(&mut changes),
        ms(changes[changes.len() * 9 / 10])
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(values: &mut [Duration]) -> f64 {
    values.sort();
    ms(values[values.len() / 2])
}

/// The newest update file, by path.
fn newest_update(repo: &Path) -> Result<String> {
    let out = Command::new("git")
        .args(["ls-files", "updates"])
        .current_dir(repo)
        .output()?;
    let list = String::from_utf8(out.stdout)?;
    list.lines()
        .max()
        .map(str::to_owned)
        .context("no update in the repository")
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    id: i64,
}

impl Server {
    fn start(goalpost: &Path, repo: &Path) -> Result<Server> {
        let mut child = Command::new(goalpost)
            .arg("lsp")
            .current_dir(repo)
            .env("GOALPOST_TODAY", TODAY)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().context("stdout")?;
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
                        length = n.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(value) = serde_json::from_slice::<Value>(&body) else {
                    return;
                };
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take().context("stdin")?;
        let mut server = Server {
            child,
            stdin,
            incoming,
            id: 0,
        };
        let root = url::Url::from_file_path(repo).map_err(|()| anyhow::anyhow!("not absolute"))?;
        server.request(
            "initialize",
            json!({ "processId": null, "rootUri": root.as_str(), "capabilities": {} }),
        )?;
        server.notify("initialized", json!({}))?;
        Ok(server)
    }

    fn send(&mut self, message: &Value) -> Result<()> {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        self.stdin.flush()?;
        Ok(())
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<()> {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value> {
        self.id += 1;
        let id = json!(self.id);
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))?;
        loop {
            let message = self.incoming.recv_timeout(Duration::from_secs(120))?;
            if message.get("id") == Some(&id) && message.get("method").is_none() {
                return Ok(message);
            }
        }
    }

    fn open(&mut self, repo: &Path, path: &str) -> Result<String> {
        let uri = url::Url::from_file_path(repo.join(path))
            .map_err(|()| anyhow::anyhow!("not absolute"))?
            .to_string();
        let text = std::fs::read_to_string(repo.join(path))?;
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        )?;
        Ok(uri)
    }

    fn wait_publish(&mut self, uri: &str) -> Result<()> {
        loop {
            let message = self.incoming.recv_timeout(Duration::from_secs(120))?;
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return Ok(());
            }
        }
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        let _ = self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}
