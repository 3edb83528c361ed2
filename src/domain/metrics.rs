//! Metrics over any subset of incidents: time to detect / acknowledge / mitigate / resolve,
//! with median, p90, mean, min, max and n, and the incidents left out with the reason.
//!
//! Incident durations are heavily skewed, so no mean is ever reported alone. Interval
//! definitions are data ([`Interval`]): the UI can switch "resolve" from start-based to
//! detection-based and every result says which definition it used.

use super::model::{Incident, Kind, Milestone};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::BTreeMap;

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

    /// The metric's index in [`Metric::ALL`].
    pub fn slot(self) -> usize {
        match self {
            Metric::Ttd => 0,
            Metric::Tta => 1,
            Metric::Ttm => 2,
            Metric::Ttr => 3,
        }
    }

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
    pub from: Milestone,
    pub to: Milestone,
}

impl Interval {
    /// The default definitions: every metric measured from the start of the incident.
    pub const fn standard(metric: Metric) -> Interval {
        let to = match metric {
            Metric::Ttd => Milestone::Detected,
            Metric::Tta => Milestone::Acknowledged,
            Metric::Ttm => Milestone::Mitigated,
            Metric::Ttr => Milestone::Resolved,
        };
        Interval {
            metric,
            from: Milestone::Started,
            to,
        }
    }

    /// A human description, printed with every result: "resolved_at − started_at".
    pub fn describe(&self) -> String {
        format!("{} − {}", self.to.name(), self.from.name())
    }
}

/// The four intervals in use, and whether planned maintenance and notices count like
/// incidents (by default they are left out of incident metrics).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Definitions {
    pub ttd: Interval,
    pub tta: Interval,
    pub ttm: Interval,
    pub ttr: Interval,
    /// Count maintenance and notices like incidents.
    #[serde(skip)]
    pub include_planned: bool,
}

impl Default for Definitions {
    fn default() -> Self {
        Definitions {
            ttd: Interval::standard(Metric::Ttd),
            tta: Interval::standard(Metric::Tta),
            ttm: Interval::standard(Metric::Ttm),
            ttr: Interval::standard(Metric::Ttr),
            include_planned: false,
        }
    }
}

impl Definitions {
    /// One incident's duration for `metric` under these definitions, or why it is left out.
    pub fn duration(&self, inc: &Incident, metric: Metric) -> Result<i64, Exclusion> {
        duration_in(inc, self.get(metric), self.include_planned)
    }

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
    /// Excluded by the user.
    Excluded,
    /// Planned maintenance (left out of incident metrics unless included).
    Maintenance,
    /// A notice without an outage (left out of incident metrics unless included).
    Notice,
    /// Longer than 30 days while a date on one end was guessed: more likely a misread date
    /// than a month-long incident.
    Implausible,
}

impl Exclusion {
    /// Every reason, in declaration order (so `reason as usize` indexes it).
    pub const ALL: [Exclusion; 8] = [
        Exclusion::Missing,
        Exclusion::Negative,
        Exclusion::Zero,
        Exclusion::Open,
        Exclusion::Excluded,
        Exclusion::Maintenance,
        Exclusion::Notice,
        Exclusion::Implausible,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Exclusion::Missing => "missing",
            Exclusion::Negative => "negative",
            Exclusion::Zero => "zero",
            Exclusion::Open => "open",
            Exclusion::Excluded => "excluded",
            Exclusion::Maintenance => "maintenance",
            Exclusion::Notice => "notice",
            Exclusion::Implausible => "implausible",
        }
    }

    /// What the reason means, for people: "3 without both times", "1 still open".
    pub fn describe(self) -> &'static str {
        match self {
            Exclusion::Missing => "without both times",
            Exclusion::Negative => "ending before they start",
            Exclusion::Zero => "of zero length",
            Exclusion::Open => "still open",
            Exclusion::Excluded => "excluded by you",
            Exclusion::Maintenance => "planned maintenance",
            Exclusion::Notice => "notices",
            Exclusion::Implausible => "implausibly long (a guessed date)",
        }
    }
}

/// The raw duration of one incident for an interval, as it is (negative allowed), or `None`.
///
/// A duration the document states wins over one computed from milestones the importer only
/// read from keywords (CLI contract); a milestone without a time of day (a date placed at
/// midnight) gives no duration; and two milestones read from the same line give none either
/// (a start assumed at the first detection does not measure a time to detect).
pub fn raw_duration(inc: &Incident, interval: Interval) -> Option<i64> {
    let from = interval.from.of(inc);
    let to = interval.to.of(inc);
    let stated = if interval.from == Milestone::Started {
        interval.metric.stated(inc)
    } else {
        None
    };
    let keyword = |m: Milestone| inc.inferred.iter().any(|f| f == m.name());
    let untimed = |m: Milestone| {
        let name = m.name();
        inc.inferred
            .iter()
            .any(|f| f.strip_prefix(name) == Some(".time"))
    };
    let same_line = |a: Milestone, b: Milestone| {
        inc.evidence_lines.contains_key(a.name())
            && inc.evidence_lines.get(a.name()) == inc.evidence_lines.get(b.name())
            && inc.evidence.get(a.name()) == inc.evidence.get(b.name())
    };
    // A start the document does not state (assumed at the first event) measures no time to
    // detect.
    if interval.metric == Metric::Ttd
        && interval.from == Milestone::Started
        && stated.is_none()
        && inc.inferred.iter().any(|f| f == "started_at.assumed")
    {
        return None;
    }
    match (from, to, stated) {
        (Some(_), Some(_), Some(s)) if keyword(interval.from) || keyword(interval.to) => Some(s),
        (_, _, Some(s)) if from.is_none() || to.is_none() => Some(s),
        (_, _, Some(s)) if untimed(interval.from) || untimed(interval.to) => Some(s),
        (Some(a), Some(b), _) => {
            if untimed(interval.from) || untimed(interval.to) {
                return None;
            }
            if a == b && same_line(interval.from, interval.to) {
                return None;
            }
            Some(a.until(&b).num_seconds())
        }
        _ => None,
    }
}

/// Durations beyond this, with a guessed date on one end, are left out as implausible.
pub const PLAUSIBLE_SECS: i64 = 30 * 86_400;

/// The duration of one incident for an interval, or why it is left out.
pub fn duration(inc: &Incident, interval: Interval) -> Result<i64, Exclusion> {
    duration_in(inc, interval, false)
}

/// [`duration`], with planned maintenance and notices counted when `include_planned`.
pub fn duration_in(
    inc: &Incident,
    interval: Interval,
    include_planned: bool,
) -> Result<i64, Exclusion> {
    if inc.excluded {
        return Err(Exclusion::Excluded);
    }
    if !include_planned {
        match inc.kind {
            Kind::Maintenance => return Err(Exclusion::Maintenance),
            Kind::Notice => return Err(Exclusion::Notice),
            Kind::Incident => {}
        }
    }
    match raw_duration(inc, interval) {
        Some(secs) if secs < 0 => Err(Exclusion::Negative),
        Some(0) => Err(Exclusion::Zero),
        Some(secs)
            if secs > PLAUSIBLE_SECS
                && (guessed_date(inc, interval) || stated_short(inc, interval)) =>
        {
            Err(Exclusion::Implausible)
        }
        Some(secs) => Ok(secs),
        None if interval.to == Milestone::Resolved && inc.open => Err(Exclusion::Open),
        None => Err(Exclusion::Missing),
    }
}

/// Whether the document states a duration under 30 days for this metric while the times give
/// more: one of them is a typo, and the figure is not shown.
fn stated_short(inc: &Incident, interval: Interval) -> bool {
    interval.from == Milestone::Started
        && interval
            .metric
            .stated(inc)
            .is_some_and(|s| s > 0 && s <= PLAUSIBLE_SECS)
}

/// Whether either end's date (or year) was guessed rather than read.
fn guessed_date(inc: &Incident, interval: Interval) -> bool {
    [interval.from, interval.to].iter().any(|m| {
        inc.inferred.iter().any(|f| {
            f.strip_prefix(m.name())
                .is_some_and(|rest| matches!(rest, ".date" | ".year"))
        })
    })
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
    /// Incidents left out, by reason (serialised by its key: `missing`, `negative`, …).
    pub excluded: BTreeMap<Exclusion, usize>,
    /// When the mean is more than three times the median: the few long incidents that pull it
    /// up, so that a card can say so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pulled_up_by: Option<Outliers>,
}

/// The long incidents that pull a mean far above the median.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Outliers {
    /// How many incidents last longer than `over_secs`.
    pub count: usize,
    pub over_secs: i64,
}

/// Below this many incidents a figure is shown with a "few incidents" note.
pub const FEW: usize = 5;
/// Below this many incidents no p90 is shown on screen (the CLI still reports it).
pub const P90_MIN_N: usize = 10;

/// The round thresholds a mean's outliers are counted over.
const OUTLIER_STEPS: [i64; 5] = [3_600, 6 * 3_600, 86_400, 7 * 86_400, 30 * 86_400];

fn outliers(sorted: &[i64], mean: f64, median: f64) -> Option<Outliers> {
    if !(median > 0.0 && mean > 3.0 * median) {
        return None;
    }
    let over = OUTLIER_STEPS
        .iter()
        .copied()
        .find(|s| *s as f64 >= 10.0 * median)
        .unwrap_or(30 * 86_400);
    let count_over = |x: i64| sorted.len() - sorted.partition_point(|v| *v <= x);
    let (count, over) = match count_over(over) {
        0 => {
            let p90 = percentile(sorted, 0.9).map_or(over, |p| p as i64);
            (count_over(p90), p90)
        }
        n => (n, over),
    };
    (count > 0).then_some(Outliers {
        count,
        over_secs: over,
    })
}

impl Summary {
    /// Summarises durations (already filtered to valid ones), in any order.
    pub fn of_values(mut values: Vec<i64>, excluded: BTreeMap<Exclusion, usize>) -> Summary {
        values.sort_unstable();
        Summary::of_sorted(&values, excluded)
    }

    /// Summarises durations already sorted ascending (the dashboard's path: no sort).
    pub fn of_sorted(sorted: &[i64], excluded: BTreeMap<Exclusion, usize>) -> Summary {
        let n = sorted.len();
        if n == 0 {
            return Summary {
                excluded,
                ..Summary::default()
            };
        }
        let sum: f64 = sorted.iter().map(|v| *v as f64).sum();
        let mean = sum / n as f64;
        let median = percentile(sorted, 0.5);
        Summary {
            n,
            mean_secs: Some(mean),
            median_secs: median,
            p90_secs: percentile(sorted, 0.9),
            min_secs: sorted.first().copied(),
            max_secs: sorted.last().copied(),
            excluded,
            pulled_up_by: median.and_then(|m| outliers(sorted, mean, m)),
        }
    }

    /// Summarises per-incident results (a duration, or why it is left out).
    pub fn of_results(results: impl IntoIterator<Item = Result<i64, Exclusion>>) -> Summary {
        let mut values = Vec::new();
        let mut excluded: BTreeMap<Exclusion, usize> = BTreeMap::new();
        for r in results {
            match r {
                Ok(v) => values.push(v),
                Err(reason) => *excluded.entry(reason).or_default() += 1,
            }
        }
        Summary::of_values(values, excluded)
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
    pub definitions: BTreeMap<&'static str, String>,
}

/// The headline figures of prepared incidents.
pub fn headline_of(p: &Prepared) -> Headline {
    Headline {
        count: p.len(),
        ttd: p.summary(Metric::Ttd),
        tta: p.summary(Metric::Tta),
        ttm: p.summary(Metric::Ttm),
        ttr: p.summary(Metric::Ttr),
        definitions: Metric::ALL
            .iter()
            .map(|m| (m.key(), p.defs.get(*m).describe()))
            .collect(),
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
    pub by_severity: BTreeMap<String, Group>,
    pub by_service: BTreeMap<String, Group>,
    /// The interval definitions used, e.g. `{"ttr": "resolved_at − started_at"}`.
    pub definitions: BTreeMap<&'static str, String>,
}

/// Per-incident inputs of every metric, computed once per data set and definitions: the four
/// durations (or why each is left out), severity level, calendar day and interned service ids.
///
/// Grouping by severity, service or period then works on small integers instead of walking
/// strings and timestamps in every chart. It owns its data (no borrow of the incidents), so the
/// browser keeps one per data set and takes a [`Prepared::subset`] per filter change instead
/// of recomputing every duration.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// Position of each row in the incident list given to [`Prepared::new`].
    positions: Vec<u32>,
    /// ttd, tta, ttm, ttr under `defs`.
    durations: Vec<[Result<i64, Exclusion>; 4]>,
    /// 0 = unknown, 1..=4.
    levels: Vec<u8>,
    days: Vec<Option<NaiveDate>>,
    /// The anchor's sort key (UTC, or the wall clock of a floating time): orders a day's boxes.
    sort_keys: Vec<Option<NaiveDateTime>>,
    /// Per metric (in `Metric::ALL` order), the rows with a valid duration, shortest first (ties
    /// in row order). Summaries read medians and percentiles off it, so a filter change never
    /// sorts: a subset keeps the order by dropping rows.
    order: [Vec<u32>; 4],
    service_names: Vec<String>,
    /// Service ids of row `i` are `service_ids[service_start[i]..service_start[i + 1]]`.
    service_ids: Vec<u32>,
    service_start: Vec<u32>,
    defs: Definitions,
}

impl Prepared {
    /// Computes the per-incident inputs once.
    pub fn new(incidents: &[&Incident], defs: &Definitions) -> Self {
        let n = incidents.len();
        let mut interner = Interner::default();
        let mut service_ids = Vec::with_capacity(n * 2);
        let mut service_start = Vec::with_capacity(n + 1);
        service_start.push(0);
        for inc in incidents {
            service_ids.extend(inc.services.iter().map(|s| interner.id(s.as_str())));
            service_start.push(u32::try_from(service_ids.len()).unwrap_or(u32::MAX));
        }
        let durations: Vec<[Result<i64, Exclusion>; 4]> = incidents
            .iter()
            .map(|i| Metric::ALL.map(|m| defs.duration(i, m)))
            .collect();
        let order = [0, 1, 2, 3].map(|slot| {
            let mut rows: Vec<(i64, u32)> = durations
                .iter()
                .enumerate()
                .filter_map(|(row, d)| {
                    let v = d.get(slot)?.ok()?;
                    Some((v, u32::try_from(row).ok()?))
                })
                .collect();
            rows.sort_unstable();
            rows.into_iter().map(|(_, row)| row).collect()
        });
        let anchors: Vec<Option<super::stamp::Stamp>> =
            incidents.iter().map(|i| i.anchor()).collect();
        Prepared {
            positions: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
            durations,
            levels: incidents
                .iter()
                .map(|i| i.severity.level.unwrap_or(0).min(4))
                .collect(),
            days: anchors.iter().map(|a| a.map(|s| s.local_date())).collect(),
            sort_keys: anchors.iter().map(|a| a.map(|s| s.sort_key())).collect(),
            order,
            service_names: interner.names.iter().map(|s| (*s).to_string()).collect(),
            service_ids,
            service_start,
            defs: *defs,
        }
    }

    /// The rows whose positions (in the list given to `new`) are in `keep`, ascending: a copy of
    /// small per-row data, no duration recomputed.
    pub fn subset(&self, keep: &[usize]) -> Prepared {
        if keep.len() == self.len() && keep.iter().enumerate().all(|(n, &i)| n == i) {
            return self.clone();
        }
        let mut out = Prepared {
            positions: Vec::with_capacity(keep.len()),
            durations: Vec::with_capacity(keep.len()),
            levels: Vec::with_capacity(keep.len()),
            days: Vec::with_capacity(keep.len()),
            sort_keys: Vec::with_capacity(keep.len()),
            order: Default::default(),
            service_names: self.service_names.clone(),
            service_ids: Vec::with_capacity(keep.len() * 2),
            service_start: Vec::with_capacity(keep.len() + 1),
            defs: self.defs,
        };
        out.service_start.push(0);
        // Old row → new row (u32::MAX: not kept), to carry the duration orders over.
        let mut renumber = vec![u32::MAX; self.len()];
        for &i in keep {
            let (Some(pos), Some(d), Some(l), Some(day), Some(key), Some(new)) = (
                self.positions.get(i),
                self.durations.get(i),
                self.levels.get(i),
                self.days.get(i),
                self.sort_keys.get(i),
                renumber.get_mut(i),
            ) else {
                continue;
            };
            *new = u32::try_from(out.positions.len()).unwrap_or(u32::MAX);
            out.positions.push(*pos);
            out.durations.push(*d);
            out.levels.push(*l);
            out.days.push(*day);
            out.sort_keys.push(*key);
            out.service_ids.extend_from_slice(self.services_of(i));
            out.service_start
                .push(u32::try_from(out.service_ids.len()).unwrap_or(u32::MAX));
        }
        for (mine, theirs) in out.order.iter_mut().zip(&self.order) {
            *mine = theirs
                .iter()
                .filter_map(|row| renumber.get(*row as usize).copied())
                .filter(|new| *new != u32::MAX)
                .collect();
        }
        out
    }

    /// The rows `view` selects, ascending: the same as `view.select(all)` when this was
    /// prepared from `all`, but read from the prepared columns (severity, day, services) and
    /// looking at an incident only for the text filters, so a filter change does not walk
    /// every incident.
    pub fn select_rows(&self, view: &super::view::View, all: &[Incident]) -> Vec<usize> {
        // Service ids named like the wanted service (any case); None: no service filter.
        let wanted: Option<Vec<u32>> = view.service.as_ref().map(|w| {
            self.service_names
                .iter()
                .enumerate()
                .filter(|(_, name)| name.eq_ignore_ascii_case(w))
                .filter_map(|(id, _)| u32::try_from(id).ok())
                .collect()
        });
        let text = view.filters_text();
        (0..self.len())
            .filter(|&row| {
                view.matches_day(self.day(row))
                    && view.matches_level(self.levels.get(row).copied().unwrap_or(0))
                    && wanted
                        .as_ref()
                        .is_none_or(|ids| self.services_of(row).iter().any(|id| ids.contains(id)))
                    && (!text
                        || self
                            .position(row)
                            .and_then(|p| all.get(p))
                            .is_some_and(|inc| view.matches_text(inc)))
            })
            .collect()
    }

    /// How many incidents.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The definitions the durations were computed with.
    pub fn definitions(&self) -> Definitions {
        self.defs
    }

    /// Why each metric leaves row `i` out (`None` when it counts), in `Metric::ALL` order.
    pub fn exclusions(&self, i: usize) -> [Option<Exclusion>; 4] {
        self.durations
            .get(i)
            .map_or([None; 4], |d| d.map(|r| r.err()))
    }

    /// The position of row `i` in the list given to `new`.
    pub fn position(&self, i: usize) -> Option<usize> {
        self.positions.get(i).map(|p| *p as usize)
    }

    fn services_of(&self, i: usize) -> &[u32] {
        let (Some(a), Some(b)) = (self.service_start.get(i), self.service_start.get(i + 1)) else {
            return &[];
        };
        self.service_ids
            .get(*a as usize..*b as usize)
            .unwrap_or(&[])
    }

    /// Row `i`'s duration for `metric`, or why it is left out.
    pub fn result(&self, i: usize, metric: Metric) -> Option<Result<i64, Exclusion>> {
        self.durations
            .get(i)
            .and_then(|d| d.get(metric.slot()))
            .copied()
    }

    /// Row `i`'s local day (of its anchor, see [`Incident::anchor`]).
    pub fn day(&self, i: usize) -> Option<NaiveDate> {
        self.days.get(i).copied().flatten()
    }

    /// Row `i`'s anchor sort key: orders incidents within a day.
    pub fn sort_key(&self, i: usize) -> Option<NaiveDateTime> {
        self.sort_keys.get(i).copied().flatten()
    }

    /// The latest day of any row.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.days.iter().flatten().max().copied()
    }

    /// The valid durations of one metric per severity level (index 0 = unknown, 1..=4),
    /// ascending: the duration distribution chart's input.
    pub fn values_by_level(&self, metric: Metric) -> [Vec<i64>; 5] {
        let mut out: [Vec<i64>; 5] = Default::default();
        for &row in self.order(metric) {
            let row = row as usize;
            let level = self.levels.get(row).copied().unwrap_or(0);
            if let (Some(Ok(d)), Some(slot)) =
                (self.result(row, metric), out.get_mut(usize::from(level)))
            {
                slot.push(d);
            }
        }
        out
    }

    /// The rows with a valid duration of `metric`, shortest first.
    fn order(&self, metric: Metric) -> &[u32] {
        self.order.get(metric.slot()).map_or(&[], Vec::as_slice)
    }

    /// The `n` incidents with the longest valid duration of `metric`, longest first;
    /// `incidents` is the list given to `new`.
    pub fn longest<'a>(
        &self,
        incidents: &[&'a Incident],
        metric: Metric,
        n: usize,
    ) -> Vec<(&'a Incident, i64)> {
        let mut all: Vec<(&'a Incident, i64)> = (0..self.len())
            .filter_map(|i| {
                let inc = self.position(i).and_then(|p| incidents.get(p))?;
                match self.result(i, metric) {
                    Some(Ok(d)) => Some((*inc, d)),
                    _ => None,
                }
            })
            .collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));
        all.truncate(n);
        all
    }

    /// The `n` most severe incidents (level 1 first; longer first within a level); incidents
    /// of unknown severity are never listed.
    pub fn most_severe<'a>(&self, incidents: &[&'a Incident], n: usize) -> Vec<&'a Incident> {
        let mut all: Vec<(u8, i64, &'a Incident)> = (0..self.len())
            .filter_map(|i| {
                let level = *self.levels.get(i)?;
                let inc = *self.position(i).and_then(|p| incidents.get(p))?;
                let d = self
                    .result(i, Metric::Ttr)
                    .and_then(Result::ok)
                    .unwrap_or(0);
                (level != 0).then_some((level, d, inc))
            })
            .collect();
        all.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.cmp(&a.1))
                .then_with(|| a.2.id.cmp(&b.2.id))
        });
        all.into_iter().take(n).map(|(_, _, inc)| inc).collect()
    }

    /// One metric over every row.
    fn summary(&self, metric: Metric) -> Summary {
        let mut groups = self.summaries(metric, 1, |_, add| add(0));
        groups.pop().unwrap_or_default()
    }

    /// One metric per group, without sorting: `groups_of(row, add)` calls `add(g)` for each
    /// group `g < groups` the row belongs to (a row may be in several, like services).
    fn summaries(
        &self,
        metric: Metric,
        groups: usize,
        groups_of: impl Fn(usize, &mut dyn FnMut(usize)),
    ) -> Vec<Summary> {
        let mut values: Vec<Vec<i64>> = vec![Vec::new(); groups];
        // Counted per reason in a small array, turned into the map once per group.
        let mut excluded = vec![[0usize; Exclusion::ALL.len()]; groups];
        for row in 0..self.len() {
            if let Some(Err(reason)) = self.result(row, metric) {
                groups_of(row, &mut |g| {
                    if let Some(c) = excluded.get_mut(g).and_then(|e| e.get_mut(reason as usize)) {
                        *c += 1;
                    }
                });
            }
        }
        for &row in self.order(metric) {
            let row = row as usize;
            if let Some(Ok(v)) = self.result(row, metric) {
                groups_of(row, &mut |g| {
                    if let Some(list) = values.get_mut(g) {
                        list.push(v);
                    }
                });
            }
        }
        values
            .iter()
            .zip(excluded)
            .map(|(sorted, counts)| {
                let excluded = Exclusion::ALL
                    .iter()
                    .zip(counts)
                    .filter(|(_, n)| *n > 0)
                    .map(|(reason, n)| (*reason, n))
                    .collect();
                Summary::of_sorted(sorted, excluded)
            })
            .collect()
    }
}

/// Service names to small ids. Archives name few services, so a linear scan (no hashing)
/// serves them fastest; past `LINEAR` names a sorted map takes over.
#[derive(Default)]
struct Interner<'a> {
    names: Vec<&'a str>,
    sorted: BTreeMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    const LINEAR: usize = 64;

    fn id(&mut self, name: &'a str) -> u32 {
        let found = if self.names.len() <= Self::LINEAR {
            self.names.iter().position(|n| *n == name).map(|i| i as u32)
        } else {
            self.sorted.get(name).copied()
        };
        if let Some(id) = found {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name);
        if self.names.len() > Self::LINEAR {
            if self.sorted.is_empty() {
                self.sorted = self
                    .names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (*n, i as u32))
                    .collect();
            }
            self.sorted.insert(name, id);
        }
        id
    }
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
        by_severity: level_counts
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
            })
            .collect(),
        by_service: p
            .service_names
            .iter()
            .zip(service_counts.iter().zip(by_service))
            .map(|(name, (count, ttr))| (name.clone(), Group { count: *count, ttr }))
            .collect(),
        definitions: head.definitions,
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
    /// The period for people: the week of `8 Sep 2025` (its Monday), `Nov 2025`, `Q3 2025`.
    pub fn label(self, start: NaiveDate) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS.get(start.month0() as usize).copied().unwrap_or("?");
        match self {
            Period::Week => format!("{} {month} {}", start.day(), start.year()),
            Period::Month => format!("{month} {}", start.year()),
            Period::Quarter => format!("Q{} {}", start.month0() / 3 + 1, start.year()),
        }
    }

    /// The period's name: `week`, `month`, `quarter`.
    pub fn name(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
        }
    }

    /// How many of these periods a trend chart draws before it shows only the latest (the
    /// table beside it lists them all).
    pub fn most_bars(self) -> usize {
        match self {
            Period::Week => 53,
            Period::Month => 60,
            Period::Quarter => 40,
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
    trend_of(&Prepared::new(incidents, defs), period)
}

/// [`trend`] over prepared incidents.
pub fn trend_of(p: &Prepared, period: Period) -> Vec<Bucket> {
    let starts_of_rows: Vec<Option<NaiveDate>> = p
        .days
        .iter()
        .map(|d| d.map(|d| period.start_of(d)))
        .collect();
    let (Some(first), Some(last)) = (
        starts_of_rows.iter().flatten().min().copied(),
        starts_of_rows.iter().flatten().max().copied(),
    ) else {
        return Vec::new();
    };
    let mut starts = vec![first];
    // Bounded: at most ~100 years of weeks.
    while let Some(&cursor) = starts.last() {
        let next = period.next(cursor);
        if next > last || next <= cursor || starts.len() >= 6000 {
            break;
        }
        starts.push(next);
    }
    let bucket: Vec<Option<usize>> = starts_of_rows
        .iter()
        .map(|s| s.and_then(|s| starts.binary_search(&s).ok()))
        .collect();
    let mut by_level = vec![[0usize; 5]; starts.len()];
    for (row, b) in bucket.iter().enumerate() {
        if let (Some(counts), Some(level)) =
            (b.and_then(|b| by_level.get_mut(b)), p.levels.get(row))
        {
            if let Some(c) = counts.get_mut(usize::from(*level)) {
                *c += 1;
            }
        }
    }
    let ttr = p.summaries(Metric::Ttr, starts.len(), |row, add| {
        if let Some(b) = bucket.get(row).copied().flatten() {
            add(b);
        }
    });
    starts
        .into_iter()
        .zip(by_level)
        .zip(ttr)
        .map(|((start, by_level), ttr)| Bucket {
            label: period.label(start),
            start,
            by_level,
            count: by_level.iter().sum(),
            ttr,
        })
        .collect()
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
    fn a_subset_gives_the_same_numbers_as_preparing_the_subset() {
        let all = crate::domain::demo::demo_archive();
        let refs: Vec<&Incident> = all.iter().collect();
        let defs = Definitions::default();
        let base = Prepared::new(&refs, &defs);
        let keep: Vec<usize> = (0..all.len()).filter(|i| i % 3 != 0).collect();
        let chosen: Vec<&Incident> = keep.iter().map(|i| &all[*i]).collect();
        let sub = base.subset(&keep);
        assert_eq!(sub.len(), keep.len());
        assert_eq!(stats_of(&sub), stats(&chosen, &defs));
        assert_eq!(
            trend_of(&sub, Period::Month),
            trend(&chosen, Period::Month, &defs)
        );
        assert_eq!(top_services_of(&sub), top_services(&chosen, &defs));
        assert_eq!(sub.position(0), Some(1));
        // Summaries read off the kept sort order equal summaries computed afresh from the
        // incidents' durations, overall and per severity.
        let reference = |m: Metric, level: Option<Option<u8>>| {
            Summary::of_results(
                chosen
                    .iter()
                    .filter(|i| level.is_none_or(|l| i.severity.level == l))
                    .map(|i| duration(i, defs.get(m))),
            )
        };
        for m in Metric::ALL {
            assert_eq!(sub.summary(m), reference(m, None), "{m:?}");
        }
        let s = stats_of(&sub);
        assert!(s.ttr.n > 100 && s.ttd.n > 10, "the demo exercises both");
        assert_eq!(
            s.by_severity["2"].ttr,
            reference(Metric::Ttr, Some(Some(2)))
        );
        let by_level = sub.values_by_level(Metric::Ttr);
        assert!(by_level.iter().all(|v| v.is_sorted()));
        assert_eq!(by_level[2].len(), s.by_severity["2"].ttr.n);
        assert_eq!(
            sub.longest(&refs, Metric::Ttr, 3),
            Prepared::new(&chosen, &defs).longest(&chosen, Metric::Ttr, 3)
        );
    }

    #[test]
    fn distribution_and_report_lists() {
        let list = [
            inc(
                "2024-01-01T10:00:00Z",
                Some("2024-01-01T10:10:00Z"),
                Some(1),
            ),
            inc(
                "2024-01-02T10:00:00Z",
                Some("2024-01-02T13:00:00Z"),
                Some(3),
            ),
            inc(
                "2024-01-03T10:00:00Z",
                Some("2024-01-03T11:00:00Z"),
                Some(1),
            ),
            inc("2024-01-04T10:00:00Z", None, None),
            inc("2024-01-05T10:00:00Z", Some("2024-01-05T10:20:00Z"), None),
        ];
        let refs: Vec<&Incident> = list.iter().collect();
        let p = Prepared::new(&refs, &Definitions::default());
        let by_level = p.values_by_level(Metric::Ttr);
        assert_eq!(by_level[1], vec![600, 3600]);
        assert_eq!(by_level[3], vec![10_800]);
        assert_eq!(by_level[0], vec![1200], "the open one has no duration");
        let longest: Vec<(&str, i64)> = p
            .longest(&refs, Metric::Ttr, 2)
            .into_iter()
            .map(|(i, d)| (i.id.as_str(), d))
            .collect();
        assert_eq!(
            longest,
            vec![
                ("2024-01-02T10:00:00Z", 10_800),
                ("2024-01-03T10:00:00Z", 3600)
            ]
        );
        let severe: Vec<&str> = p
            .most_severe(&refs, 5)
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(
            severe,
            vec![
                "2024-01-03T10:00:00Z",
                "2024-01-01T10:00:00Z",
                "2024-01-02T10:00:00Z"
            ]
        );
    }

    #[test]
    fn exclusion_reasons_index_their_list() {
        for (i, reason) in Exclusion::ALL.iter().enumerate() {
            assert_eq!(*reason as usize, i, "{reason:?}");
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
        let ex: Vec<(&str, usize)> = s.ttr.excluded.iter().map(|(k, v)| (k.key(), *v)).collect();
        assert_eq!(
            ex,
            [("missing", 1), ("negative", 1), ("zero", 1), ("open", 1)]
        );
        assert_eq!(s.ttd.n, 0);
        assert_eq!(s.ttd.excluded.get(&Exclusion::Missing), Some(&7));
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
            from: Milestone::Detected,
            to: Milestone::Resolved,
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
        assert_eq!(
            labels,
            ["1 Jan 2024", "8 Jan 2024", "15 Jan 2024"],
            "weeks by their Monday"
        );
        assert_eq!(t[0].by_level, [0, 1, 0, 1, 0]);
        assert_eq!(t[1].count, 0);
        assert_eq!(t[2].by_level[0], 1);
        let q = trend(&refs, Period::Quarter, &Definitions::default());
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].label, "Q1 2024");
    }

    #[test]
    fn a_mean_pulled_up_by_a_few_long_incidents_says_by_which() {
        // Nine incidents of about an hour and one of 862 days.
        let mut values: Vec<i64> = (0..9).map(|i| 3_000 + i * 120).collect();
        values.push(862 * 86_400);
        let s = Summary::of_values(values, BTreeMap::new());
        assert_eq!(
            s.pulled_up_by,
            Some(Outliers {
                count: 1,
                over_secs: 86_400
            }),
            "median about an hour: counted over the first round step ten times above it"
        );
        let even = Summary::of_values(vec![3_600, 3_700, 3_800, 4_000], BTreeMap::new());
        assert_eq!(even.pulled_up_by, None);
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
