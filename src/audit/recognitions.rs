//! Recognitions as the audit counts them: the working tree's, as they stand
//! (a recognition is not part of the history packets read), by date and the
//! people they name.

use chrono::NaiveDate;

use crate::config::Config;
use crate::error::Error;
use crate::vocabulary::Kind;
use crate::workspace::Workspace;

/// Each recognition's date and the handles it names.
pub type Dated = Vec<(NaiveDate, Vec<String>)>;

/// Every recognition of the working tree, as (date, people), when there is
/// any: read as the files stand now (docs/metrics.md, "Recognized").
pub(super) fn recognitions(config: &Config) -> Result<Option<Dated>, Error> {
    let ws = Workspace::load_kinds(config, &[Kind::Recognition])?;
    Ok(recognitions_in(&ws))
}

/// The recognitions of a working tree, as (date, people); `None` when it
/// has none, so that an audit without them has no `recognized`.
pub fn recognitions_in(ws: &Workspace) -> Option<Dated> {
    ws.recognitions().next()?;
    Some(
        ws.recognitions()
            .filter_map(|(_, r)| {
                Some((
                    r.date.as_ref()?.value,
                    r.people.iter().map(|p| p.value.clone()).collect(),
                ))
            })
            .collect(),
    )
}
