//! Presentation tools shared by every output: aligned tables for the
//! terminal, markdown that shows people's words as written, and the
//! templates (built in, overridable per repository) that md and html
//! outputs are rendered from. Nothing here computes a fact.

pub mod markdown;
pub mod report;
pub mod table;
pub mod template;
