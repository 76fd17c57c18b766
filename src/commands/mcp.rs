//! `goalpost mcp`: the Model Context Protocol server (see `crate::mcp`).

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{ExitStatus, Output};
use crate::error::Error;

/// Serve the repository to AI assistants over the Model Context Protocol
///
/// Speaks MCP (JSON-RPC, one message per line) on standard input and output
/// until the client closes its end; the assistant launches it. Read tools:
/// status, blockers, checkins, agenda, log, packet, and check (of a draft
/// text too, without writing it). Write tools: new_update, new_decision,
/// set_status, tick_criterion and report_measure. Every write goes through
/// the command it stands for (`new`, `set`, `tick`, `report`): checked with the rest of the
/// repository, written atomically inside it, and refused with the findings
/// when it would add an error. The tools' descriptions name this
/// repository's status words, sections and people.
///
/// Examples (an assistant's configuration, e.g. .mcp.json):
///   {"mcpServers": {"goalpost": {"command": "goalpost", "args": ["mcp"]}}}
///   {"mcpServers": {"goalpost": {"command": "goalpost", "args": ["--repo", "/work/goals", "mcp"]}}}
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct McpArgs {}

pub fn run(
    global: &GlobalArgs,
    _args: &McpArgs,
    _io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    crate::mcp::serve(global)?;
    Ok(ExitStatus::Success)
}
