//! The server's state: the repository in memory (configuration, every
//! document, what git knows of their dates), the open buffers over it, and
//! the diagnostics last published for each.
//!
//! The repository is indexed once, on a background thread; an edit re-reads
//! the edited buffer only and runs the rules for that document (every rule
//! sees the whole repository, but judges one document).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use crossbeam_channel::Sender;
use lsp_server::{Message, Notification};
use lsp_types::{self as lsp, Uri};

use super::text;
use crate::config::{Config, Selector};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{self, Context};
use crate::workspace::{AddedDates, Workspace, slash_path};

/// What the background indexer hands back.
pub struct Indexed {
    /// The configuration it was built for: a reload in between makes it stale.
    pub generation: u64,
    pub workspace: Workspace,
    pub added: AddedDates,
    /// What went wrong while indexing, for the person to see.
    pub problems: Vec<String>,
}

/// The repository: its configuration now, its documents once indexed.
pub struct Repo {
    pub config: Config,
    pub selector: Selector,
    pub workspace: Option<Workspace>,
    pub added: AddedDates,
    pub generation: u64,
}

/// An open document: the editor's text, which wins over the file on disk.
pub struct Open {
    pub uri: Uri,
    pub text: String,
    /// The root-relative path, when the document lies in the repository.
    pub path: Option<String>,
}

pub struct Server {
    pub sender: Sender<Message>,
    /// The day findings are judged on: fixed by `--today`, else the
    /// clock's, read at each judgement (a server runs past midnight).
    pub today: Option<NaiveDate>,
    /// Where rule ids link to (`initializationOptions.rulesUrl`).
    pub rules_url: Option<String>,
    pub repo: Option<Repo>,
    /// Open documents by URI.
    pub open: BTreeMap<String, Open>,
    published: HashMap<String, Vec<lsp::Diagnostic>>,
}

impl Server {
    pub fn new(
        sender: Sender<Message>,
        today: Option<NaiveDate>,
        rules_url: Option<String>,
    ) -> Self {
        Self {
            sender,
            today,
            rules_url,
            repo: None,
            open: BTreeMap::new(),
            published: HashMap::new(),
        }
    }

    /// Sends a notification to the client; a closed connection is the main
    /// loop's to notice.
    pub fn notify<P: serde::Serialize>(&self, method: &str, params: P) {
        let _ = self
            .sender
            .send(Notification::new(method.to_owned(), params).into());
    }

    /// A line in the client's log.
    pub fn log(&self, typ: lsp::MessageType, message: String) {
        self.notify(
            "window/logMessage",
            lsp::LogMessageParams {
                typ,
                message: format!("goalpost: {message}"),
            },
        );
    }

    /// The root-relative path of a `file:` URI inside the repository.
    pub fn path_of(&self, uri: &Uri) -> Option<String> {
        let repo = self.repo.as_ref()?;
        let file = file_path(uri)?;
        let root = &repo.config.root;
        let rel = match file.strip_prefix(root) {
            Ok(rel) => rel.to_path_buf(),
            // The editor may name the file through a link the root does not
            // use; a new file has no real path yet, its folder has.
            Err(_) => {
                let real_root = root.canonicalize().ok()?;
                let real = file.canonicalize().ok().or_else(|| {
                    Some(file.parent()?.canonicalize().ok()?.join(file.file_name()?))
                })?;
                real.strip_prefix(&real_root).ok()?.to_path_buf()
            }
        };
        slash_path(&rel)
    }

    /// Whether a URI is the repository's configuration file.
    pub fn is_config(&self, uri: &Uri) -> bool {
        let Some(repo) = &self.repo else {
            return false;
        };
        let file = file_path(uri);
        match (&repo.config.file, file) {
            (Some(config), Some(file)) => *config == file,
            (None, Some(file)) => file == repo.config.root.join("goalpost.yml"),
            _ => false,
        }
    }

    /// Puts an open buffer (or, closed, the file on disk) in place of the
    /// document in the index.
    pub fn reread(&mut self, path: &str, text: Option<String>) {
        if let Some(repo) = self.repo.as_mut()
            && let Some(workspace) = repo.workspace.as_mut()
        {
            workspace.reread(&repo.config, &repo.selector, path, text);
        }
    }

    /// `check`'s findings for one open document, in the editor's terms.
    fn diagnostics(&self, open: &Open) -> Vec<lsp::Diagnostic> {
        let (Some(repo), Some(path)) = (&self.repo, &open.path) else {
            return Vec::new();
        };
        let Some(kind) = repo.selector.kind(path) else {
            return Vec::new();
        };
        let findings = match &repo.workspace {
            Some(workspace) => {
                let cx = Context {
                    config: &repo.config,
                    today: self
                        .today
                        .unwrap_or_else(|| chrono::Local::now().date_naive()),
                    added: &repo.added,
                    focus: Some(path),
                };
                rules::findings(workspace, &cx)
            }
            None => {
                // Not indexed yet: what reading this document alone finds.
                let mut found = Vec::new();
                crate::workspace::read_text(
                    &repo.config,
                    path,
                    kind,
                    open.text.clone(),
                    &mut found,
                );
                let mut found: Vec<Diagnostic> = found
                    .into_iter()
                    .filter_map(|mut d| {
                        d.severity = repo.config.severity(d.rule)?;
                        Some(d)
                    })
                    .collect();
                found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                found.dedup();
                found
            }
        };
        let bom = open.text.starts_with('\u{feff}');
        let lines = text::Lines::new(&open.text);
        findings
            .iter()
            .map(|d| self.convert(d, &lines, bom))
            .collect()
    }

    fn convert(&self, d: &Diagnostic, lines: &text::Lines, bom: bool) -> lsp::Diagnostic {
        let span = crate::syntax::Span {
            line: d.line,
            column: d.column,
            end_line: d.end_line,
            end_column: d.end_column,
        };
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        // The rule's page: under the editor's `rulesUrl` when it gives one,
        // else goalpost's own `docs/rules/<id>.md`.
        let href = match &self.rules_url {
            Some(base) => format!("{base}#{}", d.rule.id()),
            None => d.rule.docs_url(),
        };
        let code_description = Uri::from_str(&href)
            .ok()
            .map(|href| lsp::CodeDescription { href });
        lsp::Diagnostic {
            range: lines.range(span, bom),
            severity: Some(match d.severity {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            }),
            code: Some(lsp::NumberOrString::String(d.rule.id().to_owned())),
            code_description,
            source: Some("goalpost".to_owned()),
            message,
            related_information: None,
            tags: None,
            data: d.help.as_ref().map(|h| serde_json::json!({ "help": h })),
        }
    }

    /// Publishes the diagnostics of one open document, when they changed
    /// (or `always`, for the document just edited).
    pub fn publish(&mut self, uri: &str, always: bool) {
        let Some(open) = self.open.get(uri) else {
            return;
        };
        let diagnostics = self.diagnostics(open);
        if !always && self.published.get(uri) == Some(&diagnostics) {
            return;
        }
        self.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams {
                uri: open.uri.clone(),
                diagnostics: diagnostics.clone(),
                version: None,
            },
        );
        self.published.insert(uri.to_owned(), diagnostics);
    }

    /// Clears what was published for a document no longer open.
    pub fn unpublish(&mut self, uri: &Uri) {
        if self.published.remove(uri.as_str()).is_some() {
            self.notify(
                "textDocument/publishDiagnostics",
                lsp::PublishDiagnosticsParams {
                    uri: uri.clone(),
                    diagnostics: Vec::new(),
                    version: None,
                },
            );
        }
    }

    /// After an edit: the edited document first, then every other open
    /// document whose findings the edit changed (an update changes its
    /// projects' check-ins, a project the ids its updates name).
    pub fn refresh(&mut self, first: Option<&str>) {
        if let Some(uri) = first {
            self.publish(uri, true);
        }
        let others: Vec<String> = self
            .open
            .keys()
            .filter(|u| Some(u.as_str()) != first)
            .cloned()
            .collect();
        for uri in others {
            self.publish(&uri, false);
        }
    }

    /// Takes the indexed repository, when it is for the current
    /// configuration, and lays the open buffers over it.
    pub fn indexed(&mut self, indexed: Indexed) {
        let Some(repo) = self.repo.as_mut() else {
            return;
        };
        if repo.generation != indexed.generation {
            return;
        }
        for problem in &indexed.problems {
            self.notify(
                "window/showMessage",
                lsp::ShowMessageParams {
                    typ: lsp::MessageType::WARNING,
                    message: format!("goalpost: {problem}"),
                },
            );
        }
        let Some(repo) = self.repo.as_mut() else {
            return;
        };
        repo.workspace = Some(indexed.workspace);
        repo.added = indexed.added;
        let buffers: Vec<(String, String)> = self
            .open
            .values()
            .filter_map(|o| Some((o.path.clone()?, o.text.clone())))
            .collect();
        for (path, text) in buffers {
            self.reread(&path, Some(text));
        }
        self.refresh(None);
    }

    /// Sets the repository from a configuration (a first load or a reload);
    /// the caller starts indexing it.
    pub fn set_config(&mut self, config: Config) -> Result<u64, crate::error::Error> {
        let selector = Selector::new(&config)?;
        let generation = self.repo.as_ref().map_or(1, |r| r.generation + 1);
        self.repo = Some(Repo {
            config,
            selector,
            workspace: None,
            added: AddedDates::new(),
            generation,
        });
        let paths: Vec<(String, Option<String>)> = self
            .open
            .iter()
            .map(|(uri, o)| (uri.clone(), self.path_of(&o.uri)))
            .collect();
        for (uri, path) in paths {
            if let Some(open) = self.open.get_mut(&uri) {
                open.path = path;
            }
        }
        Ok(generation)
    }
}

/// The path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// The `file:` URI of a path.
pub fn file_uri(path: &Path) -> Option<Uri> {
    let url = url::Url::from_file_path(path).ok()?;
    Uri::from_str(url.as_str()).ok()
}
