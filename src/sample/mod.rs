//! Sample material built in code: document builders (`doc`) and the demo
//! team's four months of dated history (`team`), which `goalpost demo`
//! shows and the tests read.

pub mod doc;
pub mod team;
