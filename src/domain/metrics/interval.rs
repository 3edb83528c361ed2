//! What one incident measures: the metrics, the intervals between milestones they are
//! measured over (data, so "resolve" can start at detection), and why an incident is left out.

use crate::domain::model::{Incident, Kind, Milestone};
use serde::Serialize;

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
