//! `goalpost mcp`: a Model Context Protocol server over stdio.
//!
//! The server is a second front-end of the command line, as `main.rs` is
//! the first: a tool call becomes the command line it stands for, parsed by
//! `cli::Cli` and run by `commands::run` with its output captured. A read
//! tool therefore answers exactly what the command prints, and a write tool
//! goes through the command's own checks: validated with the rest of the
//! repository, written atomically inside it, refused with the findings
//! when it would add an error. Only `check` of a draft is answered here
//! (`draft`), as no command reads a text that is not a file.
//!
//! Every call reads the repository afresh, so that edits made meanwhile, by
//! the assistant or by hand, are seen; calls run one at a time.

mod draft;
mod params;
mod tools;

use clap::Parser;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Map, Value};

use crate::cli::{Cli, GlobalArgs};
use crate::commands::{self, ExitStatus, Output};
use crate::config::Config;
use crate::error::Error;

/// Serves the repository the global flags name until the client closes
/// standard input.
pub fn serve(global: &GlobalArgs) -> Result<(), Error> {
    let config = commands::config(global)?;
    // Every call runs with the flags the server was started with, its
    // repository found once, and no colour.
    let server = Server {
        global: GlobalArgs {
            repo: Some(config.root),
            color: crate::cli::ColorChoice::Never,
            ..global.clone()
        },
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Error::Output)?;
    runtime.block_on(async {
        let running = server
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| Error::Output(std::io::Error::other(e)))?;
        running
            .waiting()
            .await
            .map_err(|e| Error::Output(std::io::Error::other(e)))?;
        Ok(())
    })
}

/// What every call needs: the global flags the server was started with,
/// the repository among them.
struct Server {
    global: GlobalArgs,
}

impl Server {
    /// The configuration as it is now on disk.
    fn config(&self) -> Result<Config, Error> {
        commands::config(&self.global)
    }

    fn instructions(&self) -> String {
        let root = self
            .global
            .repo
            .as_deref()
            .unwrap_or(std::path::Path::new("."))
            .display();
        format!(
            "goalpost keeps this team's projects (with their success criteria), async updates and decision records as markdown in the git repository at {root}. \
             Read where things stand with status, blockers, checkins and agenda; a project's history with log; a review packet with packet. \
             Write with new_update, new_decision, set_status, tick_criterion and report_measure: every write is checked with the rest of the repository first and refused, with the findings, when it would add an error. \
             Use check with `text` on a draft to see its findings without writing it. Tool descriptions name this team's status words, sections and people."
        )
    }

    /// Runs one tool call to its result. A call the tool refuses (a bad
    /// argument, a command's error, a refused write) is a result with
    /// `isError`, as the protocol asks, so the assistant sees why.
    fn call(
        &self,
        name: &str,
        arguments: &Map<String, Value>,
    ) -> Result<CallToolResult, ErrorData> {
        let config = match self.config() {
            Ok(config) => config,
            Err(e) => return Ok(failed(format!("error: {e}"))),
        };
        let tools = tools::all(&config);
        let Some(tool) = tools.iter().find(|t| t.name == name) else {
            let names: Vec<&str> = tools.iter().map(|t| t.name).collect();
            return Err(ErrorData::invalid_params(
                format!(
                    "no tool is named `{name}`; the tools are {}",
                    names.join(", ")
                ),
                None,
            ));
        };
        let command: &[&str] = match tool.answer {
            tools::Answer::Tick if arguments.get("met") == Some(&Value::Bool(false)) => &["untick"],
            _ => tool.command,
        };
        // The arguments are checked (names, types, required ones) before
        // anything runs, the server's own ones too.
        let argv = match params::argv(command, &tool.params, arguments) {
            Ok(argv) => argv,
            Err(why) => return Ok(failed(format!("error: {why}"))),
        };
        if tool.answer == tools::Answer::Check
            && let Some(Value::String(text)) = arguments.get("text")
        {
            return Ok(self.check_draft(&config, arguments, text));
        }
        Ok(self.run(argv, tool.answer == tools::Answer::Check))
    }

    /// `check` of a draft: the text as the file at `path`, written nowhere.
    fn check_draft(
        &self,
        config: &Config,
        arguments: &Map<String, Value>,
        text: &str,
    ) -> CallToolResult {
        let Some(Value::String(path)) = arguments.get("path") else {
            return failed("error: `path` is required with `text`: the file the draft would be, relative to the repository's root".into());
        };
        let today = self.global.today();
        match draft::check(config, today, path, text) {
            Ok(json) => CallToolResult::success(vec![ContentBlock::text(json.trim_end())]),
            Err(e) => failed(format!("error: {e}")),
        }
    }

    /// Runs a command line as the binary would, with its output captured;
    /// with `findings_answer`, exit status 1 (findings) is an answer too.
    fn run(&self, words: Vec<String>, findings_answer: bool) -> CallToolResult {
        let argv = std::iter::once("goalpost".to_owned()).chain(words);
        let mut cli = match Cli::try_parse_from(argv) {
            Ok(cli) => cli,
            Err(e) => return failed(e.render().to_string().trim_end().to_owned()),
        };
        cli.global = self.global.clone();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = commands::run(
            &cli,
            &mut Output {
                out: &mut out,
                err: &mut err,
                color: false,
            },
        );
        let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).trim_end().to_owned();
        let (out, err) = (text(out), text(err));
        match status {
            Ok(status)
                if status == ExitStatus::Success
                    || (findings_answer && status == ExitStatus::Findings) =>
            {
                let mut content = vec![ContentBlock::text(out)];
                if !err.is_empty() {
                    content.push(ContentBlock::text(err));
                }
                CallToolResult::success(content)
            }
            // A write refused, or a post that failed.
            Ok(_) => {
                let both = [out, err]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>();
                failed(both.join("\n"))
            }
            Err(e) => failed(format!("error: {e}")),
        }
    }
}

fn failed(text: String) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(text)])
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("goalpost", env!("CARGO_PKG_VERSION")))
            .with_instructions(self.instructions())
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let config = self
            .config()
            .map_err(|e| ErrorData::internal_error(format!("{e}"), None))?;
        let tools = tools::all(&config)
            .into_iter()
            .map(|t| {
                let annotations = ToolAnnotations::with_title(t.title)
                    .read_only(t.read_only)
                    .destructive(false);
                rmcp::model::Tool::new(t.name, t.about, params::schema(&t.params))
                    .with_title(t.title)
                    .with_annotations(annotations)
            })
            .collect();
        Ok(ListToolsResult::with_all_items(tools))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let arguments = request.arguments.unwrap_or_default();
        // A bug in one call must not end the session: it is reported as
        // that call's error (the panic hook has said what it was).
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.call(&request.name, &arguments)
        }))
        .unwrap_or_else(|_| {
            Ok(failed(format!(
                "error: goalpost {} stopped on an internal error in `{}`; this is a bug in goalpost, please report it",
                env!("CARGO_PKG_VERSION"),
                request.name
            )))
        })?;
        Ok(result.into())
    }
}
