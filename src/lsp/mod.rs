//! `goalpost lsp`: the Language Server Protocol over stdin and stdout, so
//! that people see `check`'s findings while they write (SPEC 8).
//!
//! One thread answers messages in order; the repository is indexed once on
//! a second, and until it is, a document's own findings are published and
//! requests wait. The server never writes a file.

mod cursor;
mod features;
mod frame;
mod measures;
mod server;
mod text;
mod transport;

use std::path::{Path, PathBuf};
use std::thread;

use chrono::NaiveDate;
use crossbeam_channel::{Receiver, select, unbounded};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{self as lsp, Uri};
use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::error::Error;
use crate::workspace::{AddedDates, Workspace};
use server::{Indexed, Open, Server, file_path};

pub use transport::stdio;

/// Serves one client until `exit`, or until the client closes stdin.
pub fn serve(connection: &Connection, today: Option<NaiveDate>) -> Result<(), Error> {
    let protocol =
        |e: lsp_server::ProtocolError| Error::usage(format!("LSP handshake failed: {e}"));
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "goalpost", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(protocol)?;

    let rules_url = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("rulesUrl"))
        .and_then(|u| u.as_str())
        .map(str::to_owned);
    let mut server = Server::new(connection.sender.clone(), today, rules_url);
    let mut main = Main {
        indexer: None,
        pending: Vec::new(),
        watch: params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
    };
    if let Some(root) = root_of(&params) {
        main.open_repo(&mut server, &root);
    }
    loop {
        let indexed = main
            .indexer
            .clone()
            .unwrap_or_else(crossbeam_channel::never);
        select! {
            recv(connection.receiver) -> message => {
                let Ok(message) = message else { return Ok(()) };
                match message {
                    Message::Request(request) => {
                        if request.method == "shutdown" {
                            let _ = connection.sender.send(Response::new_ok(request.id, ()).into());
                            continue;
                        }
                        if server.repo.as_ref().is_some_and(|r| r.workspace.is_none()) {
                            main.pending.push(request);
                        } else {
                            answer(&server, request);
                        }
                    }
                    Message::Notification(note) if note.method == "exit" => return Ok(()),
                    Message::Notification(note) => main.notification(&mut server, note),
                    Message::Response(_) => {}
                }
            }
            recv(indexed) -> done => {
                main.indexer = None;
                if let Ok(done) = done {
                    server.indexed(done);
                }
                for request in std::mem::take(&mut main.pending) {
                    answer(&server, request);
                }
            }
        }
    }
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..lsp::TextDocumentSyncOptions::default()
            },
        )),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), "[".into(), ",".into()]),
            ..lsp::CompletionOptions::default()
        }),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..lsp::CodeActionOptions::default()
            },
        )),
        ..lsp::ServerCapabilities::default()
    }
}

/// The folder the client works in: its first workspace folder, else its
/// root.
fn root_of(params: &lsp::InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone());
    #[allow(deprecated)]
    let uri = folder.or_else(|| params.root_uri.clone())?;
    file_path(&uri)
}

struct Main {
    indexer: Option<Receiver<Indexed>>,
    pending: Vec<Request>,
    /// Whether the client takes a registration for file-change events.
    watch: bool,
}

impl Main {
    /// Reads the configuration of the repository holding `dir` and starts
    /// indexing it in the background.
    fn open_repo(&mut self, server: &mut Server, dir: &Path) {
        match Config::discover(dir, false) {
            Ok(config) => self.start(server, config),
            Err(err) => server.log(lsp::MessageType::ERROR, err.to_string()),
        }
    }

    fn start(&mut self, server: &mut Server, config: Config) {
        let generation = match server.set_config(config.clone()) {
            Ok(generation) => generation,
            Err(err) => {
                server.notify(
                    "window/showMessage",
                    lsp::ShowMessageParams {
                        typ: lsp::MessageType::ERROR,
                        message: format!("goalpost: {err}"),
                    },
                );
                return;
            }
        };
        // Until the index is ready, each open document's own findings.
        server.refresh(None);
        let (tx, rx) = unbounded();
        thread::Builder::new()
            .name("goalpost-lsp-index".into())
            .spawn(move || {
                let mut problems = Vec::new();
                let workspace = Workspace::load(&config).unwrap_or_else(|err| {
                    problems.push(format!("the documents could not be read: {err}"));
                    Workspace::default()
                });
                // As `check` does: dates git cannot give are a note, not a stop.
                let added = match workspace.added_dates(&config) {
                    Ok(dating) => dating.dates,
                    Err(err) => {
                        problems.push(format!("check-ins are judged without git's dates: {err}"));
                        AddedDates::new()
                    }
                };
                let _ = tx.send(Indexed {
                    generation,
                    workspace,
                    added,
                    problems,
                });
            })
            .expect("spawning the indexing thread");
        self.indexer = Some(rx);
        if self.watch {
            self.watch = false;
            let register = lsp::RegistrationParams {
                registrations: vec![lsp::Registration {
                    id: "goalpost-files".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(
                        lsp::DidChangeWatchedFilesRegistrationOptions {
                            watchers: ["**/*.md", "**/goalpost.yml"]
                                .into_iter()
                                .map(|glob| lsp::FileSystemWatcher {
                                    glob_pattern: lsp::GlobPattern::String(glob.into()),
                                    kind: None,
                                })
                                .collect(),
                        },
                    )
                    .ok(),
                }],
            };
            let request = Request::new(
                RequestId::from("goalpost-watch".to_owned()),
                "client/registerCapability".into(),
                register,
            );
            let _ = server.sender.send(request.into());
        }
    }

    /// Re-reads `goalpost.yml` and indexes again.
    fn reload(&mut self, server: &mut Server) {
        let Some(root) = server.repo.as_ref().map(|r| r.config.root.clone()) else {
            return;
        };
        match Config::discover(&root, true) {
            Ok(config) => self.start(server, config),
            Err(err) => server.notify(
                "window/showMessage",
                lsp::ShowMessageParams {
                    typ: lsp::MessageType::ERROR,
                    message: format!("goalpost: goalpost.yml was not reloaded: {err}"),
                },
            ),
        }
    }

    fn notification(&mut self, server: &mut Server, note: Notification) {
        match note.method.as_str() {
            "textDocument/didOpen" => {
                let Some(p) = params::<lsp::DidOpenTextDocumentParams>(server, note) else {
                    return;
                };
                if server.repo.is_none()
                    && let Some(dir) = file_path(&p.text_document.uri)
                        .and_then(|f| f.parent().map(Path::to_path_buf))
                {
                    self.open_repo(server, &dir);
                }
                let uri = p.text_document.uri;
                let path = server.path_of(&uri);
                if let Some(path) = &path {
                    server.reread(path, Some(p.text_document.text.clone()));
                }
                let key = uri.as_str().to_owned();
                server.open.insert(
                    key.clone(),
                    Open {
                        uri,
                        text: p.text_document.text,
                        path,
                    },
                );
                server.refresh(Some(&key));
            }
            "textDocument/didChange" => {
                let Some(p) = params::<lsp::DidChangeTextDocumentParams>(server, note) else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_owned();
                let Some(open) = server.open.get_mut(&key) else {
                    return;
                };
                for change in p.content_changes {
                    text::apply(&mut open.text, change);
                }
                if let Some(path) = open.path.clone() {
                    let text = open.text.clone();
                    server.reread(&path, Some(text));
                }
                server.refresh(Some(&key));
            }
            "textDocument/didSave" => {
                let Some(p) = params::<lsp::DidSaveTextDocumentParams>(server, note) else {
                    return;
                };
                if server.is_config(&p.text_document.uri) {
                    self.reload(server);
                }
            }
            "textDocument/didClose" => {
                let Some(p) = params::<lsp::DidCloseTextDocumentParams>(server, note) else {
                    return;
                };
                let uri = p.text_document.uri;
                if let Some(open) = server.open.remove(uri.as_str())
                    && let Some(path) = open.path
                {
                    // What was not saved is gone: the file is the truth again.
                    server.reread(&path, None);
                }
                server.unpublish(&uri);
                server.refresh(None);
            }
            "workspace/didChangeWatchedFiles" => {
                let Some(p) = params::<lsp::DidChangeWatchedFilesParams>(server, note) else {
                    return;
                };
                if p.changes.iter().any(|c| server.is_config(&c.uri)) {
                    self.reload(server);
                    return;
                }
                for change in p.changes {
                    if server.open.contains_key(change.uri.as_str()) {
                        continue;
                    }
                    if let Some(path) = server.path_of(&change.uri) {
                        server.reread(&path, None);
                    }
                }
                server.refresh(None);
            }
            _ => {}
        }
    }
}

/// A notification's parameters; ones that cannot be read are logged and
/// the notification dropped.
fn params<P: DeserializeOwned>(server: &Server, note: Notification) -> Option<P> {
    match serde_json::from_value(note.params) {
        Ok(p) => Some(p),
        Err(err) => {
            server.log(
                lsp::MessageType::WARNING,
                format!("ignored `{}`: {err}", note.method),
            );
            None
        }
    }
}

/// Answers one request; the answer is `null` when there is nothing to say.
fn answer(server: &Server, request: Request) {
    let id = request.id.clone();
    let result = match request.method.as_str() {
        "textDocument/completion" => {
            respond::<lsp::CompletionParams, _>(server, request, |s, p| {
                let (repo, ws, open) = s.context(&p.text_document_position.text_document.uri)?;
                features::completion(repo, ws, open, p.text_document_position.position)
            })
        }
        "textDocument/hover" => respond::<lsp::HoverParams, _>(server, request, |s, p| {
            let (repo, ws, open) = s.context(&p.text_document_position_params.text_document.uri)?;
            features::hover(repo, ws, open, p.text_document_position_params.position)
        }),
        "textDocument/definition" => {
            respond::<lsp::GotoDefinitionParams, _>(server, request, |s, p| {
                let (repo, ws, open) =
                    s.context(&p.text_document_position_params.text_document.uri)?;
                features::definition(repo, ws, open, p.text_document_position_params.position)
                    .map(lsp::GotoDefinitionResponse::Scalar)
            })
        }
        "textDocument/codeAction" => {
            respond::<lsp::CodeActionParams, _>(server, request, |s, p| {
                let open = s.open.get(p.text_document.uri.as_str())?;
                Some(features::code_actions(open, &p))
            })
        }
        _ => Err(Response::new_err(
            id.clone(),
            ErrorCode::MethodNotFound as i32,
            format!("goalpost does not answer `{}`", request.method),
        )),
    };
    let response = result.unwrap_or_else(|e| e);
    let _ = server.sender.send(response.into());
}

fn respond<P: DeserializeOwned, R: serde::Serialize>(
    server: &Server,
    request: Request,
    f: impl FnOnce(&Server, P) -> Option<R>,
) -> Result<Response, Response> {
    let params: P = serde_json::from_value(request.params).map_err(|err| {
        Response::new_err(
            request.id.clone(),
            ErrorCode::InvalidParams as i32,
            err.to_string(),
        )
    })?;
    Ok(Response::new_ok(request.id, f(server, params)))
}

impl Server {
    /// The repository, its index and the open document a request is about.
    fn context(&self, uri: &Uri) -> Option<(&server::Repo, &Workspace, &Open)> {
        let repo = self.repo.as_ref()?;
        let ws = repo.workspace.as_ref()?;
        let open = self.open.get(uri.as_str())?;
        open.path.as_ref()?;
        Some((repo, ws, open))
    }
}
