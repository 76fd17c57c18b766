//! A project's measures on the site: where each stands (the board's
//! progress) and a line chart of every value reported (the project page),
//! drawn as inline SVG with no script.
//!
//! Values are the working tree's, read as `status` and `check` read them
//! (docs/metrics.md, "Measures"): by `as_of`, then path. Coordinates are
//! computed here; the templates only place them.

use chrono::NaiveDate;
use serde::Serialize;

use super::pages::anchor;
use crate::document::{Measure, Project, with_unit};
use crate::history::{
    self,
    measures::{Report, Turn, turns},
};
use crate::workspace::Workspace;

/// The chart's drawing box, in SVG units (the template's `viewBox`).
const WIDTH: f64 = 400.0;
const LEFT: f64 = 10.0;
const RIGHT: f64 = 390.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 172.0;

/// One measure of a project, as the site shows it.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureView {
    pub id: String,
    pub name: String,
    /// Baseline and target, with the unit.
    pub baseline: Option<String>,
    pub target: Option<String>,
    /// The current value (with the unit) and when it was true.
    pub latest: Option<String>,
    pub as_of: Option<NaiveDate>,
    /// Progress rounded to 3 decimals, and as a bar's width (0–100).
    pub progress: Option<String>,
    pub percent: u32,
    pub reached: bool,
    /// When the current run at or past the target began, if it holds now.
    pub met_on: Option<NaiveDate>,
    /// When the value last fell back short of the target, if it is short.
    pub regressed_on: Option<NaiveDate>,
    pub reports: usize,
    /// On project pages, when there is a value to draw.
    pub chart: Option<Chart>,
}

/// A line chart of a measure's values over time.
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    /// `x,y x,y …` for the polyline.
    pub line: String,
    pub points: Vec<Point>,
    /// The baseline and target, as dashed lines across.
    pub guides: Vec<Guide>,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// What the chart says, for a screen reader.
    pub label: String,
}

/// A horizontal line at a value, with its label on the side away from the
/// other line (so that the two never overlap).
#[derive(Clone, Debug, Serialize)]
pub struct Guide {
    /// `baseline` or `target`: the CSS class.
    pub kind: &'static str,
    pub y: String,
    pub label_y: String,
    pub text: String,
}

/// A reported value: a dot that links to its update on the page.
#[derive(Clone, Debug, Serialize)]
pub struct Point {
    pub x: String,
    pub y: String,
    pub href: String,
    pub title: String,
}

/// Every value the working tree's updates report, by project, read once
/// for all pages.
#[derive(Debug, Default)]
pub struct Reports<'w>(history::measures::Reports<'w>);

impl<'w> Reports<'w> {
    pub fn new(ws: &'w Workspace) -> Self {
        Reports(history::measures::Reports::from_updates(
            ws.updates().map(|(doc, u)| (doc.path.as_str(), u, 0)),
        ))
    }

    /// The measures of `project`, each with a chart when `charts` is set.
    pub fn views(&self, project: &Project, charts: bool) -> Vec<MeasureView> {
        project
            .measures
            .iter()
            .map(|measure| {
                let reports = self.0.of_measure(&project.id.value, &measure.id.value);
                view(measure, &reports, charts)
            })
            .collect()
    }
}

fn view(measure: &Measure, reports: &[Report<'_>], charts: bool) -> MeasureView {
    let shown = |v: String| with_unit(&v, measure.unit.as_deref());
    let latest = reports.last();
    let reached = latest.is_some_and(|r| measure.reached(r.value) == Some(true));
    let (mut met_on, mut regressed_on) = (None, None);
    for (r, turn) in turns(measure, reports) {
        match turn {
            Some(Turn::Met) => met_on = Some(r.as_of),
            Some(Turn::Regressed) => regressed_on = Some(r.as_of),
            None => {}
        }
    }
    let progress = latest.and_then(|r| measure.progress(r.value));
    MeasureView {
        id: measure.id.value.clone(),
        name: measure
            .name
            .as_ref()
            .map_or_else(|| measure.id.value.clone(), |n| n.value.clone()),
        baseline: measure
            .baseline
            .as_ref()
            .map(|b| shown(b.value.to_string())),
        target: measure.target.as_ref().map(|t| shown(t.value.to_string())),
        latest: latest.map(|r| shown(r.value.to_string())),
        as_of: latest.map(|r| r.as_of),
        progress: progress.map(|p| p.shown().to_string()),
        percent: progress.map_or(0, |p| (p.to_f64().clamp(0.0, 1.0) * 100.0).round() as u32),
        reached,
        met_on: met_on.filter(|_| reached),
        regressed_on: regressed_on.filter(|_| !reached),
        reports: reports.len(),
        chart: charts.then(|| chart(measure, reports)).flatten(),
    }
}

/// The chart: time left to right from the first report to the last, the
/// values' range (with baseline and target) bottom to top.
fn chart(measure: &Measure, reports: &[Report<'_>]) -> Option<Chart> {
    let first = reports.first()?.as_of;
    let last = reports.last()?.as_of;
    let shown = |v: String| with_unit(&v, measure.unit.as_deref());
    let baseline = measure.baseline.as_ref().map(|b| b.value.to_f64());
    let target = measure.target.as_ref().map(|t| t.value.to_f64());
    let values = reports.iter().map(|r| r.value.to_f64());
    let (mut low, mut high) = values
        .chain(baseline)
        .chain(target)
        .fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    if high <= low {
        (low, high) = (low - 1.0, high + 1.0);
    }
    let pad = (high - low) * 0.06;
    (low, high) = (low - pad, high + pad);
    let days = (last - first).num_days() as f64;
    let x = |d: NaiveDate| {
        if days == 0.0 {
            WIDTH / 2.0
        } else {
            LEFT + (d - first).num_days() as f64 / days * (RIGHT - LEFT)
        }
    };
    let y = |v: f64| TOP + (high - v) / (high - low) * (BOTTOM - TOP);
    let at = |n: f64| format!("{n:.1}");
    let points: Vec<Point> = reports
        .iter()
        .map(|r| Point {
            x: at(x(r.as_of)),
            y: at(y(r.value.to_f64())),
            href: format!("#{}", anchor(r.path)),
            title: format!(
                "{} as of {} ({})",
                shown(r.value.to_string()),
                r.as_of,
                r.path
            ),
        })
        .collect();
    let name = measure
        .name
        .as_ref()
        .map_or(measure.id.value.as_str(), |n| n.value.as_str());
    let mut label = format!(
        "{name}: {} reports from {} on {first} to {} on {last}",
        reports.len(),
        shown(reports[0].value.to_string()),
        shown(reports[reports.len() - 1].value.to_string()),
    );
    if let Some(t) = &measure.target {
        label.push_str(&format!("; target {}", shown(t.value.to_string())));
    }
    let guide = |kind: &'static str, value: f64, other: Option<f64>, text: String| {
        let at_y = y(value);
        // Above the line when the other is below it (or there is none).
        let above = other.is_none_or(|o| o <= value);
        let label_y = if above { at_y - 5.0 } else { at_y + 15.0 };
        Guide {
            kind,
            y: at(at_y),
            label_y: at(label_y.clamp(12.0, 184.0)),
            text,
        }
    };
    let mut guides = Vec::new();
    if let (Some(b), Some(m)) = (baseline, &measure.baseline) {
        guides.push(guide(
            "baseline",
            b,
            target,
            format!("baseline {}", shown(m.value.to_string())),
        ));
    }
    if let (Some(t), Some(m)) = (target, &measure.target) {
        guides.push(guide(
            "target",
            t,
            baseline,
            format!("target {}", shown(m.value.to_string())),
        ));
    }
    Some(Chart {
        guides,
        line: points
            .iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" "),
        points,
        first,
        last,
        label,
    })
}
