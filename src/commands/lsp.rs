//! `goalpost lsp`: the door to the language server (`crate::lsp`).

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{ExitStatus, Output};
use crate::error::Error;

/// Run the language server for editors (LSP over stdin/stdout)
///
/// Editors start this command and speak the Language Server Protocol with
/// it: check's findings appear while a document is being written, with
/// completion of status words, project ids, handles and decision numbers,
/// hover, go to definition and quick fixes. It opens the repository of the
/// editor's workspace folder (or of the first document opened) and never
/// writes a file. See docs/editors.md for each editor's setup.
///
/// Examples:
///   goalpost lsp
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct LspArgs {
    /// Accepted for clients that pass it; stdio is the only transport
    #[arg(long, hide = true)]
    pub stdio: bool,
}

pub fn run(
    global: &GlobalArgs,
    _args: &LspArgs,
    _io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let (connection, threads) = crate::lsp::stdio().map_err(|source| Error::Io {
        path: "<stdout>".into(),
        source,
    })?;
    crate::lsp::serve(&connection, global.today)?;
    drop(connection);
    threads.join().map_err(|source| Error::Io {
        path: "<stdout>".into(),
        source,
    })?;
    Ok(ExitStatus::Success)
}
