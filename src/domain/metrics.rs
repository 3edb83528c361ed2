//! Metrics over any subset of incidents: time to detect / acknowledge / mitigate / resolve,
//! with median, p90, mean, min, max and n, and the incidents left out with the reason.
//!
//! Incident durations are heavily skewed, so no mean is ever reported alone. Interval
//! definitions are data ([`Interval`]): the UI can switch "resolve" from start-based to
//! detection-based and every result says which definition it used.

use super::model::Incident;
use super::stamp::Stamp;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// An incident milestone an interval is measured between.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Started,
    Detected,
    Acknowledged,
    Mitigated,
    Resolved,
}

impl Field {
    /// The incident's time for this milestone.
    pub fn of(self, inc: &Incident) -> Option<Stamp> {
        match self {
            Field::Started => inc.started_at,
            Field::Detected => inc.detected_at,
            Field::Acknowledged => inc.acknowledged_at,
            Field::Mitigated => inc.mitigated_at,
            Field::Resolved => inc.resolved_at,
        }
    }
    /// The model's field name (`started_at`, …).
    pub fn name(self) -> &'static str {
        match self {
            Field::Started => "started_at",
            Field::Detected => "detected_at",
            Field::Acknowledged => "acknowledged_at",
            Field::Mitigated => "mitigated_at",
            Field::Resolved => "resolved_at",
        }
    }
}

/// Which duration: the CLI contract's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    Ttd,
    Tta,
    Ttm,
    Ttr,
}

impl Metric {
    pub const ALL: [Metric; 4] = [Metric::Ttd, Metric::Tta, Metric::Ttm, Metric::Ttr];

    pub fn key(self) -> &'static str {
        match self {
            Metric::Ttd => "ttd",
            Metric::Tta => "tta",
            Metric::Ttm => "ttm",
            Metric::Ttr => "ttr",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Metric::Ttd => "Time to detect",
            Metric::Tta => "Time to acknowledge",
            Metric::Ttm => "Time to mitigate",
            Metric::Ttr => "Time to resolve",
        }
    }
    fn stated(self, inc: &Incident) -> Option<i64> {
        match self {
            Metric::Ttd => inc.stated.ttd_secs,
            Metric::Tta => inc.stated.tta_secs,
            Metric::Ttm => inc.stated.ttm_secs,
            Metric::Ttr => inc.stated.ttr_secs,
        }
    }
}

/// How one metric is measured: from one milestone to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Interval {
    pub metric: Metric,
    pub from: Field,
    pub to: Field,
}

impl Interval {
    /// The default definitions: every metric measured from the start of the incident.
    pub const fn standard(metric: Metric) -> Interval {
        let to = match metric {
            Metric::Ttd => Field::Detected,
            Metric::Tta => Field::Acknowledged,
            Metric::Ttm => Field::Mitigated,
            Metric::Ttr => Field::Resolved,
        };
        Interval {
            metric,
            from: Field::Started,
            to,
        }
    }

    /// A human description, printed with every result: "resolved_at − started_at".
    pub fn describe(&self) -> String {
        format!("{} − {}", self.to.name(), self.from.name())
    }
}

/// The four intervals in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Definitions {
    pub ttd: Interval,
    pub tta: Interval,
    pub ttm: Interval,
    pub ttr: Interval,
}

impl Default for Definitions {
    fn default() -> Self {
        Definitions {
            ttd: Interval::standard(Metric::Ttd),
            tta: Interval::standard(Metric::Tta),
            ttm: Interval::standard(Metric::Ttm),
            ttr: Interval::standard(Metric::Ttr),
        }
    }
}

impl Definitions {
    pub fn get(&self, metric: Metric) -> Interval {
        match metric {
            Metric::Ttd => self.ttd,
            Metric::Tta => self.tta,
            Metric::Ttm => self.ttm,
            Metric::Ttr => self.ttr,
        }
    }
}

/// Why an incident is left out of a metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Exclusion {
    /// A needed timestamp is missing.
    Missing,
    /// The end is before the start.
    Negative,
    /// Zero length.
    Zero,
    /// Not resolved yet.
    Open,
    /// Excluded by the user (e.g. planned maintenance).
    Excluded,
}

impl Exclusion {
    pub fn key(self) -> &'static str {
        match self {
            Exclusion::Missing => "missing",
            Exclusion::Negative => "negative",
            Exclusion::Zero => "zero",
            Exclusion::Open => "open",
            Exclusion::Excluded => "excluded",
        }
    }
}

/// The raw duration of one incident for an interval, as it is (negative allowed), or `None`.
/// A stated duration wins over one computed from inferred milestones (CLI contract).
pub fn raw_duration(inc: &Incident, interval: Interval) -> Option<i64> {
    let from = interval.from.of(inc);
    let to = interval.to.of(inc);
    let stated = if interval.from == Field::Started {
        interval.metric.stated(inc)
    } else {
        None
    };
    let inferred = |f: Field| inc.is_inferred(f.name());
    match (from, to, stated) {
        (Some(a), Some(b), Some(s)) if inferred(interval.from) || inferred(interval.to) => {
            let _ = (a, b);
            Some(s)
        }
        (Some(a), Some(b), _) => Some(a.until(&b).num_seconds()),
        (_, _, Some(s)) => Some(s),
        _ => None,
    }
}

/// The duration of one incident for an interval, or why it is left out.
pub fn duration(inc: &Incident, interval: Interval) -> Result<i64, Exclusion> {
    if inc.excluded {
        return Err(Exclusion::Excluded);
    }
    match raw_duration(inc, interval) {
        Some(secs) if secs < 0 => Err(Exclusion::Negative),
        Some(0) => Err(Exclusion::Zero),
        Some(secs) => Ok(secs),
        None if interval.to == Field::Resolved && inc.open => Err(Exclusion::Open),
        None => Err(Exclusion::Missing),
    }
}

/// Summary statistics of one metric over a set of incidents.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    pub mean_secs: Option<f64>,
    pub median_secs: Option<f64>,
    pub p90_secs: Option<f64>,
    pub min_secs: Option<i64>,
    pub max_secs: Option<i64>,
    /// Incidents left out, by reason (`missing`, `negative`, `zero`, `open`, `excluded`).
    pub excluded: BTreeMap<&'static str, usize>,
}

impl Summary {
    /// Summarises durations (already filtered to valid ones). Percentiles are found by
    /// selection, not a full sort: linear time, which matters at 100k incidents.
    pub fn of_values(mut values: Vec<i64>, excluded: BTreeMap<&'static str, usize>) -> Summary {
        let n = values.len();
        if n == 0 {
            return Summary {
                excluded,
                ..Summary::default()
            };
        }
        let sum: f64 = values.iter().map(|v| *v as f64).sum();
        Summary {
            n,
            mean_secs: Some(sum / n as f64),
            median_secs: percentile_unsorted(&mut values, 0.5),
            p90_secs: percentile_unsorted(&mut values, 0.9),
            min_secs: values.iter().min().copied(),
            max_secs: values.iter().max().copied(),
            excluded,
        }
    }

    /// Summarises per-incident results (a duration, or why it is left out).
    pub fn of_results(results: impl IntoIterator<Item = Result<i64, Exclusion>>) -> Summary {
        let mut values = Vec::new();
        let mut excluded: BTreeMap<&'static str, usize> = BTreeMap::new();
        for r in results {
            match r {
                Ok(v) => values.push(v),
                Err(reason) => *excluded.entry(reason.key()).or_default() += 1,
            }
        }
        Summary::of_values(values, excluded)
    }

    /// Total incidents left out.
    pub fn excluded_total(&self) -> usize {
        self.excluded.values().sum()
    }
}

/// Linear interpolation between closest ranks (numpy's default) over sorted values.
///
/// ```
/// use aftermath::domain::metrics::percentile;
/// assert_eq!(percentile(&[1, 2, 3, 4], 0.5), Some(2.5));
/// assert_eq!(percentile(&[10, 20, 30, 40, 50], 0.9), Some(46.0));
/// assert_eq!(percentile(&[], 0.5), None);
/// ```
pub fn percentile(sorted: &[i64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = p.clamp(0.0, 1.0) * last as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    let a = *sorted.get(lo)? as f64;
    let b = *sorted.get(hi)? as f64;
    Some(a + (b - a) * (rank - lo as f64))
}

/// The same percentile as [`percentile`], on unsorted values, by selection (reorders them).
fn percentile_unsorted(values: &mut [i64], p: f64) -> Option<f64> {
    let last = values.len().checked_sub(1)?;
    let rank = p.clamp(0.0, 1.0) * last as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    let (_, a, above) = values.select_nth_unstable(lo);
    let a = *a as f64;
    // The next rank up is the smallest value above the lo-th.
    let b = if hi == lo {
        a
    } else {
        above.iter().min().map_or(a, |v| *v as f64)
    };
    Some(a + (b - a) * (rank - lo as f64))
}

/// One metric over a set of incidents.
pub fn summarize<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    interval: Interval,
) -> Summary {
    Summary::of_results(incidents.into_iter().map(|inc| duration(inc, interval)))
}

/// Count and time to resolve for one group (a severity, a service).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Group {
    pub count: usize,
    pub ttr: Summary,
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
    pub by_severity: BTreeMap<String, Group>,
    pub by_service: BTreeMap<String, Group>,
    /// The interval definitions used, e.g. `{"ttr": "resolved_at − started_at"}`.
    pub definitions: BTreeMap<&'static str, String>,
}

/// All metrics for a set of incidents. Each incident's resolve duration is computed once and
/// shared by the overall, per-severity and per-service summaries.
pub fn stats(incidents: &[&Incident], defs: &Definitions) -> Stats {
    let ttr_all: Vec<Result<i64, Exclusion>> =
        incidents.iter().map(|i| duration(i, defs.ttr)).collect();
    // Severity groups by level (index 0 = unknown); services through a name → slot index, so
    // the per-incident work is array pushes, not map lookups with string keys.
    let mut levels: [Vec<usize>; 5] = Default::default();
    let mut service_slot: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut services: Vec<(&str, Vec<usize>)> = Vec::new();
    for (idx, inc) in incidents.iter().enumerate() {
        if let Some(members) = levels.get_mut(usize::from(inc.severity.level.unwrap_or(0).min(4))) {
            members.push(idx);
        }
        for s in &inc.services {
            let slot = *service_slot.entry(s.as_str()).or_insert_with(|| {
                services.push((s.as_str(), Vec::new()));
                services.len() - 1
            });
            if let Some((_, members)) = services.get_mut(slot) {
                members.push(idx);
            }
        }
    }
    let by_severity: BTreeMap<String, Vec<usize>> = levels
        .into_iter()
        .enumerate()
        .filter(|(_, members)| !members.is_empty())
        .map(|(level, members)| {
            (
                if level == 0 {
                    "unknown".to_string()
                } else {
                    level.to_string()
                },
                members,
            )
        })
        .collect();
    let by_service: BTreeMap<&str, Vec<usize>> = services.into_iter().collect();
    let group = |members: &Vec<usize>| Group {
        count: members.len(),
        ttr: Summary::of_results(members.iter().filter_map(|i| ttr_all.get(*i)).copied()),
    };
    Stats {
        count: incidents.len(),
        ttd: summarize(incidents.iter().copied(), defs.ttd),
        tta: summarize(incidents.iter().copied(), defs.tta),
        ttm: summarize(incidents.iter().copied(), defs.ttm),
        ttr: Summary::of_results(ttr_all.iter().copied()),
        by_severity: by_severity
            .iter()
            .map(|(k, v)| (k.clone(), group(v)))
            .collect(),
        by_service: by_service
            .iter()
            .map(|(k, v)| ((*k).to_string(), group(v)))
            .collect(),
        definitions: Metric::ALL
            .iter()
            .map(|m| (m.key(), defs.get(*m).describe()))
            .collect(),
    }
}

/// Calendar buckets for trends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    Month,
    Quarter,
}

impl Period {
    /// The first day of the period containing `date` (ISO weeks start on Monday).
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => {
                date - chrono::TimeDelta::days(i64::from(date.weekday().num_days_from_monday()))
            }
            Period::Month => date.with_day(1).unwrap_or(date),
            Period::Quarter => {
                let month = (date.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
            }
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => start + chrono::TimeDelta::days(7),
            Period::Month => start
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(start),
            Period::Quarter => start
                .checked_add_months(chrono::Months::new(3))
                .unwrap_or(start),
        }
    }

    /// `2024-W07`, `2024-02`, `2024-Q1`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Period::Month => format!("{}-{:02}", start.year(), start.month()),
            Period::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
        }
    }
}

/// One period of a trend.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bucket {
    pub label: String,
    pub start: NaiveDate,
    /// Incidents per severity level: index 0 = unknown, 1..=4 = levels.
    pub by_level: [usize; 5],
    pub count: usize,
    pub ttr: Summary,
}

/// Counts per severity per period, from the first to the last incident's period, with empty
/// periods included (a gap is information). Incidents without a date are left out.
pub fn trend(incidents: &[&Incident], period: Period, defs: &Definitions) -> Vec<Bucket> {
    let mut dated: Vec<(NaiveDate, &Incident)> = incidents
        .iter()
        .filter_map(|i| i.anchor().map(|s| (period.start_of(s.local_date()), *i)))
        .collect();
    dated.sort_by_key(|(d, _)| *d);
    let (Some(first), Some(last)) = (dated.first().map(|d| d.0), dated.last().map(|d| d.0)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut cursor = first;
    let mut idx = 0;
    // Bounded: at most ~100 years of weeks.
    for _ in 0..6000 {
        if cursor > last {
            break;
        }
        let next = period.next(cursor);
        let mut members = Vec::new();
        while let Some((d, inc)) = dated.get(idx) {
            if *d >= next {
                break;
            }
            members.push(*inc);
            idx += 1;
        }
        let mut by_level = [0usize; 5];
        for inc in &members {
            let slot = usize::from(inc.severity.level.unwrap_or(0).min(4));
            if let Some(c) = by_level.get_mut(slot) {
                *c += 1;
            }
        }
        out.push(Bucket {
            label: period.label(cursor),
            start: cursor,
            by_level,
            count: members.len(),
            ttr: summarize(members.iter().copied(), defs.ttr),
        });
        if next <= cursor {
            break;
        }
        cursor = next;
    }
    out
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
    let mut slot_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut rows: Vec<ServiceRow> = Vec::new();
    for inc in incidents {
        if inc.services.is_empty() {
            continue;
        }
        let d = duration(inc, defs.ttr).ok();
        for s in &inc.services {
            let slot = *slot_of.entry(s.as_str()).or_insert_with(|| {
                rows.push(ServiceRow {
                    service: s.clone(),
                    count: 0,
                    total_ttr_secs: 0,
                    n_with_duration: 0,
                });
                rows.len() - 1
            });
            if let Some(row) = rows.get_mut(slot) {
                row.count += 1;
                if let Some(d) = d {
                    row.total_ttr_secs += d;
                    row.n_with_duration += 1;
                }
            }
        }
    }
    let mut out = rows;
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.total_ttr_secs.cmp(&a.total_ttr_secs))
            .then(a.service.cmp(&b.service))
    });
    out
}

/// Per-incident durations as the CLI contract's `durations` object (negative values as they are).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Durations {
    pub ttd_secs: Option<i64>,
    pub tta_secs: Option<i64>,
    pub ttm_secs: Option<i64>,
    pub ttr_secs: Option<i64>,
}

/// The four durations of one incident under the given definitions.
pub fn durations(inc: &Incident, defs: &Definitions) -> Durations {
    Durations {
        ttd_secs: raw_duration(inc, defs.ttd),
        tta_secs: raw_duration(inc, defs.tta),
        ttm_secs: raw_duration(inc, defs.ttm),
        ttr_secs: raw_duration(inc, defs.ttr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Severity;

    fn inc(start: &str, end: Option<&str>, level: Option<u8>) -> Incident {
        Incident {
            id: start.to_string(),
            title: "t".into(),
            started_at: start.parse().ok(),
            resolved_at: end.and_then(|e| e.parse().ok()),
            severity: Severity { level, label: None },
            ..Incident::default()
        }
    }

    #[test]
    fn summary_reports_median_p90_and_exclusions() {
        let mut list = vec![
            inc(
                "2024-01-01T10:00:00Z",
                Some("2024-01-01T10:10:00Z"),
                Some(1),
            ), // 600
            inc(
                "2024-01-02T10:00:00Z",
                Some("2024-01-02T11:00:00Z"),
                Some(2),
            ), // 3600
            inc(
                "2024-01-03T10:00:00Z",
                Some("2024-01-03T10:20:00Z"),
                Some(2),
            ), // 1200
            inc("2024-01-04T10:00:00Z", Some("2024-01-04T09:00:00Z"), None), // negative
            inc("2024-01-05T10:00:00Z", Some("2024-01-05T10:00:00Z"), None), // zero
            inc("2024-01-06T10:00:00Z", None, None),                         // missing
        ];
        let mut open = inc("2024-01-07T10:00:00Z", None, None);
        open.open = true;
        list.push(open);
        let refs: Vec<&Incident> = list.iter().collect();
        let s = stats(&refs, &Definitions::default());
        assert_eq!(s.count, 7);
        assert_eq!(s.ttr.n, 3);
        assert_eq!(s.ttr.median_secs, Some(1200.0));
        assert_eq!(s.ttr.p90_secs, Some(3120.0));
        assert_eq!(s.ttr.mean_secs, Some(1800.0));
        assert_eq!((s.ttr.min_secs, s.ttr.max_secs), (Some(600), Some(3600)));
        let ex: Vec<(&str, usize)> = s.ttr.excluded.iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(
            ex,
            [("missing", 1), ("negative", 1), ("open", 1), ("zero", 1)]
        );
        assert_eq!(s.ttd.n, 0);
        assert_eq!(s.ttd.excluded.get("missing"), Some(&7));
        assert_eq!(
            s.by_severity.get("2").map(|g| (g.count, g.ttr.n)),
            Some((2, 2))
        );
        assert_eq!(s.by_severity.get("unknown").map(|g| g.count), Some(4));
    }

    #[test]
    fn stated_duration_wins_over_inferred_milestones() {
        let mut i = inc("2024-01-01T10:00:00", Some("2024-01-01T12:00:00"), None);
        i.stated.ttr_secs = Some(3000);
        assert_eq!(
            raw_duration(&i, Interval::standard(Metric::Ttr)),
            Some(7200),
            "read times win"
        );
        i.mark_inferred("resolved_at");
        assert_eq!(
            raw_duration(&i, Interval::standard(Metric::Ttr)),
            Some(3000),
            "stated beats inferred"
        );
        i.resolved_at = None;
        assert_eq!(
            raw_duration(&i, Interval::standard(Metric::Ttr)),
            Some(3000),
            "stated fills a gap"
        );
    }

    #[test]
    fn resolve_from_detection_is_a_definition_not_code() {
        let mut i = inc("2024-01-01T10:00:00Z", Some("2024-01-01T11:00:00Z"), None);
        i.detected_at = "2024-01-01T10:15:00Z".parse().ok();
        let from_detection = Interval {
            metric: Metric::Ttr,
            from: Field::Detected,
            to: Field::Resolved,
        };
        assert_eq!(duration(&i, from_detection), Ok(2700));
        assert_eq!(from_detection.describe(), "resolved_at − detected_at");
    }

    #[test]
    fn trend_has_empty_periods_and_levels() {
        let list = [
            inc("2024-01-01T10:00:00Z", None, Some(1)),
            inc("2024-01-03T10:00:00Z", None, Some(3)),
            inc("2024-01-17T10:00:00Z", None, None),
        ];
        let refs: Vec<&Incident> = list.iter().collect();
        let t = trend(&refs, Period::Week, &Definitions::default());
        let labels: Vec<&str> = t.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["2024-W01", "2024-W02", "2024-W03"]);
        assert_eq!(t[0].by_level, [0, 1, 0, 1, 0]);
        assert_eq!(t[1].count, 0);
        assert_eq!(t[2].by_level[0], 1);
        let q = trend(&refs, Period::Quarter, &Definitions::default());
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].label, "2024-Q1");
    }

    #[test]
    fn comparison_flags_small_samples() {
        let a = [inc(
            "2024-01-01T10:00:00Z",
            Some("2024-01-01T11:00:00Z"),
            None,
        )];
        let refs: Vec<&Incident> = a.iter().collect();
        let c = compare(&refs, &[], &Definitions::default());
        assert_eq!(
            (c.current, c.previous, c.delta, c.too_small),
            (1, 0, 1, true)
        );
    }
}
