//! goalpost keeps a team's definitions of done (projects with success
//! criteria), async updates and decision records as markdown files with YAML
//! frontmatter in a git repository, validates them, and turns their history
//! into review packets.
//!
//! Data flows one way: files → documents → (rules | history) → facts →
//! renderers; `ARCHITECTURE.md` names the floors and what each may import.
//! The library never prints: commands write to the writers they are given
//! and return an [`commands::ExitStatus`]; `main` turns that into the
//! process status.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod confine;
pub mod diagnostic;
pub mod digest;
pub mod document;
pub mod edit;
pub mod error;
pub mod history;
pub mod lsp;
pub mod mcp;
pub mod packet;
pub mod render;
pub mod rules;
pub mod sample;
pub mod site;
pub mod suggest;
pub mod syntax;
pub mod views;
pub mod vocabulary;
pub mod workspace;
pub mod write;

pub use error::Error;
