//! The figures the dashboard and the CLI show: headline summaries, by severity and by service,
//! and one period against another.

use super::*;
use crate::domain::model::Incident;
use crate::domain::sorted_map::SortedMap;
use serde::Serialize;

/// Count and time to resolve for one group (a severity, a service).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Group {
    pub count: usize,
    pub ttr: Summary,
}

/// The headline figures of a set of incidents: how many, and the four duration summaries with
/// the definitions used (what the dashboard's cards show; [`Stats`] adds the breakdowns).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Headline {
    pub count: usize,
    pub ttd: Summary,
    pub tta: Summary,
    pub ttm: Summary,
    pub ttr: Summary,
    /// The interval definitions used, e.g. `{"ttr": "resolved_at − started_at"}`.
    pub definitions: SortedMap<&'static str, String>,
}

/// The one of four summaries (in `Metric::ALL` order) that `metric` names.
fn pick(metric: Metric, all: [&Summary; 4]) -> &Summary {
    let [ttd, tta, ttm, ttr] = all;
    match metric {
        Metric::Ttd => ttd,
        Metric::Tta => tta,
        Metric::Ttm => ttm,
        Metric::Ttr => ttr,
    }
}

impl Headline {
    /// One metric's summary.
    pub fn summary(&self, metric: Metric) -> &Summary {
        pick(metric, [&self.ttd, &self.tta, &self.ttm, &self.ttr])
    }
}

impl Stats {
    /// One metric's summary.
    pub fn summary(&self, metric: Metric) -> &Summary {
        pick(metric, [&self.ttd, &self.tta, &self.ttm, &self.ttr])
    }
}

/// The headline figures of prepared incidents.
pub fn headline_of(p: &Prepared) -> Headline {
    Headline {
        count: p.len(),
        ttd: p.summary(Metric::Ttd),
        tta: p.summary(Metric::Tta),
        ttm: p.summary(Metric::Ttm),
        ttr: p.summary(Metric::Ttr),
        definitions: SortedMap::from_iter(
            Metric::ALL
                .iter()
                .map(|m| (m.key(), p.defs.get(*m).describe())),
        ),
    }
}

/// The `aftermath stats` document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    pub count: usize,
    pub ttd: Summary,
    pub tta: Summary,
    pub ttm: Summary,
    pub ttr: Summary,
    /// Keys `"1"`…`"4"` and `"unknown"`.
    pub by_severity: SortedMap<String, Group>,
    pub by_service: SortedMap<String, Group>,
    /// The interval definitions used, e.g. `{"ttr": "resolved_at − started_at"}`.
    pub definitions: SortedMap<&'static str, String>,
}

/// All metrics for a set of incidents.
pub fn stats(incidents: &[&Incident], defs: &Definitions) -> Stats {
    stats_of(&Prepared::new(incidents, defs))
}

/// All metrics over prepared incidents.
pub fn stats_of(p: &Prepared) -> Stats {
    let mut level_counts = [0usize; 5];
    let mut service_counts = vec![0usize; p.service_names.len()];
    for i in 0..p.len() {
        if let Some(c) = p
            .levels
            .get(i)
            .and_then(|l| level_counts.get_mut(usize::from(*l)))
        {
            *c += 1;
        }
        for id in p.services_of(i) {
            if let Some(c) = service_counts.get_mut(*id as usize) {
                *c += 1;
            }
        }
    }
    let by_level = p.summaries(Metric::Ttr, 5, |row, add| {
        add(usize::from(p.levels.get(row).copied().unwrap_or(0)))
    });
    let by_service = p.summaries(Metric::Ttr, p.service_names.len(), |row, add| {
        for id in p.services_of(row) {
            add(*id as usize);
        }
    });
    let head = headline_of(p);
    Stats {
        count: head.count,
        ttd: head.ttd,
        tta: head.tta,
        ttm: head.ttm,
        ttr: head.ttr,
        by_severity: SortedMap::from_iter(
            level_counts
                .iter()
                .zip(by_level)
                .enumerate()
                .filter(|(_, (count, _))| **count > 0)
                .map(|(level, (count, ttr))| {
                    let key = if level == 0 {
                        "unknown".to_string()
                    } else {
                        level.to_string()
                    };
                    (key, Group { count: *count, ttr })
                }),
        ),
        by_service: SortedMap::from_iter(
            p.service_names
                .iter()
                .zip(service_counts.iter().zip(by_service))
                .map(|(name, (count, ttr))| (name.clone(), Group { count: *count, ttr })),
        ),
        definitions: head.definitions,
    }
}

/// Below this many incidents on either side, a change between periods means little.
pub const SMALL_N: usize = 10;

/// One period against the previous one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub current: usize,
    pub previous: usize,
    pub delta: i64,
    pub current_median_ttr: Option<f64>,
    pub previous_median_ttr: Option<f64>,
    /// True when either side has fewer than [`SMALL_N`] incidents.
    pub too_small: bool,
}

/// Compares two sets of incidents (e.g. this quarter and the last).
pub fn compare(current: &[&Incident], previous: &[&Incident], defs: &Definitions) -> Comparison {
    let cur = summarize(current.iter().copied(), defs.ttr);
    let prev = summarize(previous.iter().copied(), defs.ttr);
    Comparison {
        current: current.len(),
        previous: previous.len(),
        delta: current.len() as i64 - previous.len() as i64,
        current_median_ttr: cur.median_secs,
        previous_median_ttr: prev.median_secs,
        too_small: current.len() < SMALL_N || previous.len() < SMALL_N,
    }
}

/// A service's share of incidents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceRow {
    pub service: String,
    pub count: usize,
    /// Sum of valid resolve durations.
    pub total_ttr_secs: i64,
    /// How many incidents the total rests on.
    pub n_with_duration: usize,
}

/// Services by incident count (then total duration), most first.
pub fn top_services(incidents: &[&Incident], defs: &Definitions) -> Vec<ServiceRow> {
    top_services_of(&Prepared::new(incidents, defs))
}

/// [`top_services`] over prepared incidents.
pub fn top_services_of(p: &Prepared) -> Vec<ServiceRow> {
    let mut rows: Vec<ServiceRow> = p
        .service_names
        .iter()
        .map(|s| ServiceRow {
            service: s.clone(),
            count: 0,
            total_ttr_secs: 0,
            n_with_duration: 0,
        })
        .collect();
    for i in 0..p.len() {
        let d = p.result(i, Metric::Ttr).and_then(Result::ok);
        for id in p.services_of(i) {
            if let Some(row) = rows.get_mut(*id as usize) {
                row.count += 1;
                if let Some(d) = d {
                    row.total_ttr_secs += d;
                    row.n_with_duration += 1;
                }
            }
        }
    }
    let mut out = rows;
    crate::domain::order::sort_by(&mut out, |a, b| {
        b.count
            .cmp(&a.count)
            .then(b.total_ttr_secs.cmp(&a.total_ttr_secs))
            .then(a.service.cmp(&b.service))
    });
    out
}
