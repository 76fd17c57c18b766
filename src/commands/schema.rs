//! `goalpost schema`: JSON Schemas of the frontmatter of each document kind
//! and of `goalpost.yml`, for editors and frontmatter-aware tools. The
//! shapes are described in `document::schema` and `config::schema`, beside
//! the readers they must agree with.

use std::path::PathBuf;

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::config::Config;
use crate::document::schema::{Draft, SchemaKind, schema};
use crate::error::Error;
use crate::history;

/// Print the JSON Schema of a document kind or of goalpost.yml
///
/// The schema describes the YAML frontmatter of a project, update or
/// decision, or the configuration file, and agrees with `goalpost check`:
/// what the schema accepts, check accepts. Inside a goal repository the
/// schema includes its own status words and, when goalpost.yml has a
/// roster, its people; regenerate it after changing goalpost.yml.
///
/// Examples:
///   goalpost schema project > .goalpost/schemas/project.json
///   goalpost schema config > .goalpost/schemas/config.json
///   goalpost schema update --draft 7 > .goalpost/schemas/update.json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SchemaArgs {
    /// What to describe
    #[arg(value_enum, value_name = "KIND")]
    pub kind: SchemaKind,
    /// The JSON Schema version to write (7 suits tools built on ajv's defaults)
    #[arg(long, value_enum, default_value = "2020-12", value_name = "VERSION")]
    pub draft: Draft,
}

pub fn run(
    global: &GlobalArgs,
    args: &SchemaArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let config = if args.kind == SchemaKind::Config {
        // The schema of goalpost.yml does not depend on it, and must not
        // fail because the file being edited is broken.
        Config::defaults(PathBuf::from("."))
    } else {
        match commands::history_config(global) {
            // A bare repository's goalpost.yml is the one in HEAD's tree.
            Ok(config) => match history::open_enclosing(&config).ok().flatten() {
                Some(repo) => history::config_for(&repo, config, None)?,
                None => config,
            },
            // Outside any repository the defaults describe what `check` accepts.
            Err(Error::NoRepository { start }) => Config::defaults(start),
            Err(e) => return Err(e),
        }
    };
    commands::json(io, &schema(args.kind, &config, args.draft))?;
    Ok(ExitStatus::Success)
}
