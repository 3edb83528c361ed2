//! The state of a view — filters, interval definitions, chart options, table sort — and its
//! URL query form, so that every view is a permalink and back/forward work.
//!
//! Only values that differ from the defaults go into the query, in a fixed order, so equal
//! views have equal URLs.

use super::dates::parse_day;
use super::metrics::{self, Definitions, Period};
use super::model::Incident;
use super::model::Milestone;
use chrono::{Datelike, NaiveDate, TimeDelta};

/// Quick picks for the date range, relative to "today" (a parameter: no clock here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuickRange {
    Last30Days,
    ThisQuarter,
    LastQuarter,
    ThisYear,
}

impl QuickRange {
    pub const ALL: [QuickRange; 4] = [
        QuickRange::Last30Days,
        QuickRange::ThisQuarter,
        QuickRange::LastQuarter,
        QuickRange::ThisYear,
    ];

    /// Its name in a page's markup (`data-value` of its button).
    pub fn key(self) -> &'static str {
        match self {
            QuickRange::Last30Days => "last30",
            QuickRange::ThisQuarter => "quarter",
            QuickRange::LastQuarter => "lastquarter",
            QuickRange::ThisYear => "year",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QuickRange::Last30Days => "Last 30 days",
            QuickRange::ThisQuarter => "This quarter",
            QuickRange::LastQuarter => "Last quarter",
            QuickRange::ThisYear => "This year",
        }
    }

    /// The inclusive date range, e.g. last quarter of 2026-11-22 is 2026-07-01..=2026-09-30.
    ///
    /// ```
    /// use aftermath::domain::view::QuickRange;
    /// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    /// let (from, to) = QuickRange::LastQuarter.range(today);
    /// assert_eq!((from.to_string(), to.to_string()), ("2026-07-01".into(), "2026-09-30".into()));
    /// ```
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let quarter_start = Period::Quarter.start_of(today);
        match self {
            QuickRange::Last30Days => (today - TimeDelta::days(29), today),
            QuickRange::ThisQuarter => (quarter_start, today),
            QuickRange::LastQuarter => {
                let start = quarter_start
                    .checked_sub_months(chrono::Months::new(3))
                    .unwrap_or(quarter_start);
                (start, quarter_start - TimeDelta::days(1))
            }
            QuickRange::ThisYear => (
                NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
                today,
            ),
        }
    }
}

/// Columns the incident table sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Start,
    Title,
    Duration,
    Severity,
    Services,
    Source,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Title,
        SortKey::Start,
        SortKey::Duration,
        SortKey::Severity,
        SortKey::Services,
        SortKey::Source,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SortKey::Start => "start",
            SortKey::Title => "title",
            SortKey::Duration => "duration",
            SortKey::Severity => "severity",
            SortKey::Services => "services",
            SortKey::Source => "source",
        }
    }

    fn parse(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.key() == s)
    }
}

/// Everything a view shows depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// Inclusive date range on the incident's start (or earliest known) day.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Severity level 1–4, or 0 for unknown.
    pub severity: Option<u8>,
    pub service: Option<String>,
    pub tag: Option<String>,
    /// Exact source file.
    pub source: Option<String>,
    /// Free text, matched case-insensitively in title, summary, services, tags and source.
    pub q: String,
    /// Where time to resolve is measured from: the start (default) or the detection.
    pub resolve_from: Milestone,
    /// Count planned maintenance and notices in the metrics like incidents (`planned=include`).
    pub include_planned: bool,
    /// Trend chart buckets.
    pub period: Period,
    /// Heatmap: trailing weeks, ending at `end` (or today / the latest incident).
    pub weeks: u32,
    pub end: Option<NaiveDate>,
    pub sort: SortKey,
    /// Sort descending (the default for the start date: newest first).
    pub desc: bool,
    /// Business hours, for counting incidents that start outside them (`hours=9-18`).
    pub hours: crate::domain::review::Hours,
}

/// Whether `list` names `want` (any case), or nothing is wanted.
fn has_name(list: &[String], want: &Option<String>) -> bool {
    want.as_ref()
        .is_none_or(|w| list.iter().any(|x| x.eq_ignore_ascii_case(w)))
}

impl Default for View {
    fn default() -> Self {
        View {
            from: None,
            to: None,
            severity: None,
            service: None,
            tag: None,
            source: None,
            q: String::new(),
            resolve_from: Milestone::Started,
            include_planned: false,
            period: Period::Month,
            weeks: 13,
            end: None,
            sort: SortKey::Start,
            desc: true,
            hours: crate::domain::review::Hours::default(),
        }
    }
}

/// The keys of the page's controls that hold a value ([`View::set_control`], [`View::control`]):
/// the query keys a control sets and the two ends of the business hours. (The quick picks,
/// `range`, and "clear filters", `reset`, are buttons.)
pub const CONTROLS: [&str; 14] = [
    "from",
    "to",
    "end",
    "sev",
    "service",
    "tag",
    "source",
    "q",
    "ttr_from",
    "planned",
    "period",
    "weeks",
    "hours_start",
    "hours_end",
];

/// The heatmap's allowed spans.
pub const WEEK_CHOICES: [u32; 4] = [2, 4, 13, 52];

impl View {
    /// Reads a view from query pairs (already percent-decoded); unknown keys and bad values
    /// fall back to the defaults.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> View {
        let mut v = View::default();
        for (key, value) in pairs {
            v.set_pair(key, value);
        }
        v
    }

    /// Sets what the query pair `key=value` says; an unknown key changes nothing, a bad
    /// value sets the default.
    fn set_pair(&mut self, key: &str, value: &str) {
        let text = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        match key {
            "from" => self.from = parse_day(value),
            "to" => self.to = parse_day(value),
            "sev" => self.severity = value.parse().ok().filter(|l: &u8| *l <= 4),
            "service" => self.service = text(value),
            "tag" => self.tag = text(value),
            "source" => self.source = text(value),
            "q" => self.q = value.trim().to_string(),
            "ttr_from" => {
                self.resolve_from = if value == "detected" {
                    Milestone::Detected
                } else {
                    Milestone::Started
                }
            }
            "planned" => self.include_planned = value == "include",
            "period" => {
                self.period = match value {
                    "week" => Period::Week,
                    "quarter" => Period::Quarter,
                    _ => Period::Month,
                }
            }
            "weeks" => {
                self.weeks = value
                    .parse()
                    .ok()
                    .filter(|w| WEEK_CHOICES.contains(w))
                    .unwrap_or(13)
            }
            "end" => self.end = parse_day(value),
            "sort" => self.sort = SortKey::parse(value).unwrap_or_default(),
            "dir" => self.desc = value != "asc",
            "hours" => self.hours = crate::domain::review::Hours::parse(value).unwrap_or_default(),
            _ => {}
        }
    }

    /// Applies a page control's change: `key` names what it sets (a query key, or
    /// `hours_start` / `hours_end` for one end of the business hours, `range` for a quick
    /// pick, `reset` for "clear filters"), `value` is what it holds (a date, an option's
    /// value, `include` for a ticked box, a quick pick's key). `false` when the view stays the
    /// same. Pages write their controls as markup with `data-view="key"`; one handler reads
    /// them all through this.
    ///
    /// ```
    /// use aftermath::domain::view::View;
    /// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    /// let mut v = View::default();
    /// assert!(v.set_control("sev", "2", today));
    /// assert!(v.set_control("range", "last30", today));
    /// assert_eq!(v.to_query(), "?from=2026-10-24&to=2026-11-22&sev=2");
    /// assert!(v.set_control("range", "last30", today)); // pressed again: off
    /// assert!(!v.set_control("hours_end", "3", today)); // before the start: refused
    /// assert!(v.set_control("reset", "", today));
    /// assert_eq!(v, View::default());
    /// ```
    pub fn set_control(&mut self, key: &str, value: &str, today: NaiveDate) -> bool {
        let before = self.clone();
        match key {
            "range" => {
                if let Some(r) = QuickRange::ALL.into_iter().find(|r| r.key() == value) {
                    let (from, to) = r.range(today);
                    if self.quick_pressed(r, today) {
                        (self.from, self.to) = (None, None);
                    } else {
                        (self.from, self.to) = (Some(from), Some(to));
                    }
                }
            }
            "reset" => *self = self.display_only(),
            "hours_start" | "hours_end" => {
                if let Ok(n) = value.parse::<u32>() {
                    let (a, b) = if key == "hours_start" {
                        (n, self.hours.end)
                    } else {
                        (self.hours.start, n)
                    };
                    if a < b && b <= 24 {
                        self.hours = crate::domain::review::Hours { start: a, end: b };
                    }
                }
            }
            _ => self.set_pair(key, value),
        }
        *self != before
    }

    /// What the page control `key` (see [`View::set_control`]) holds for this view: a date,
    /// an option's value, `include` for a ticked box, empty for nothing.
    ///
    /// ```
    /// use aftermath::domain::view::View;
    /// let v = View::from_pairs([("sev", "1"), ("period", "week"), ("hours", "8-18")]);
    /// assert_eq!((v.control("sev"), v.control("period"), v.control("hours_end")), ("1".into(), "week".into(), "18".into()));
    /// assert_eq!((v.control("from"), v.control("ttr_from"), v.control("planned")), ("".into(), "started".into(), "".into()));
    /// ```
    pub fn control(&self, key: &str) -> String {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        match key {
            "from" => day(self.from),
            "to" => day(self.to),
            "end" => day(self.end),
            "sev" => self.severity.map(|l| l.to_string()).unwrap_or_default(),
            "service" => self.service.clone().unwrap_or_default(),
            "tag" => self.tag.clone().unwrap_or_default(),
            "source" => self.source.clone().unwrap_or_default(),
            "q" => self.q.clone(),
            "ttr_from" => match self.resolve_from {
                Milestone::Detected => "detected".into(),
                _ => "started".into(),
            },
            "planned" => if self.include_planned { "include" } else { "" }.into(),
            "period" => self.period.name().into(),
            "weeks" => self.weeks.to_string(),
            "hours_start" => self.hours.start.to_string(),
            "hours_end" => self.hours.end.to_string(),
            _ => String::new(),
        }
    }

    /// Whether the quick pick `r` is the view's date range.
    pub fn quick_pressed(&self, r: QuickRange, today: NaiveDate) -> bool {
        let (from, to) = r.range(today);
        (self.from, self.to) == (Some(from), Some(to))
    }

    /// The query pairs that differ from the defaults, in a fixed order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let d = View::default();
        let mut out = Vec::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                out.push((k, v));
            }
        };
        put("from", self.from.map(|x| x.to_string()));
        put("to", self.to.map(|x| x.to_string()));
        put("sev", self.severity.map(|x| x.to_string()));
        put("service", self.service.clone());
        put("tag", self.tag.clone());
        put("source", self.source.clone());
        put("q", (!self.q.is_empty()).then(|| self.q.clone()));
        put(
            "ttr_from",
            (self.resolve_from == Milestone::Detected).then(|| "detected".into()),
        );
        put("planned", self.include_planned.then(|| "include".into()));
        put(
            "period",
            (self.period != d.period).then(|| self.period.name().into()),
        );
        put(
            "weeks",
            (self.weeks != d.weeks).then(|| self.weeks.to_string()),
        );
        put("end", self.end.map(|x| x.to_string()));
        put(
            "sort",
            (self.sort != d.sort).then(|| self.sort.key().into()),
        );
        put(
            "dir",
            (self.desc != d.desc).then(|| if self.desc { "desc" } else { "asc" }.into()),
        );
        put("hours", (self.hours != d.hours).then(|| self.hours.key()));
        out
    }

    /// `?from=2026-07-01&sev=1` (empty when the view is the default one).
    pub fn to_query(&self) -> String {
        let pairs = self.to_pairs();
        if pairs.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        format!("?{}", parts.join("&"))
    }

    /// Whether any filter (not a display option) is set.
    /// How many filters are set (the date range counts once).
    pub fn active_filters(&self) -> usize {
        usize::from(self.from.is_some() || self.to.is_some())
            + usize::from(self.severity.is_some())
            + usize::from(self.service.is_some())
            + usize::from(self.tag.is_some())
            + usize::from(self.source.is_some())
            + usize::from(!self.q.is_empty())
    }

    pub fn is_filtered(&self) -> bool {
        self.from.is_some()
            || self.to.is_some()
            || self.severity.is_some()
            || self.service.is_some()
            || self.tag.is_some()
            || self.source.is_some()
            || !self.q.is_empty()
    }

    /// The view's filters (what selects the incidents, and how durations are measured), the
    /// rest at its default: equal for two views that select the same incidents.
    pub fn filters_only(&self) -> View {
        View {
            from: self.from,
            to: self.to,
            severity: self.severity,
            service: self.service.clone(),
            tag: self.tag.clone(),
            source: self.source.clone(),
            q: self.q.clone(),
            resolve_from: self.resolve_from,
            include_planned: self.include_planned,
            ..View::default()
        }
    }

    /// How the selection is shown (trend period, heatmap window, table order, and how
    /// durations are measured), with no filter: what "clear filters" keeps.
    pub fn display_only(&self) -> View {
        View {
            resolve_from: self.resolve_from,
            include_planned: self.include_planned,
            period: self.period,
            weeks: self.weeks,
            end: self.end,
            sort: self.sort,
            desc: self.desc,
            hours: self.hours,
            ..View::default()
        }
    }

    /// The interval definitions this view measures with.
    pub fn definitions(&self) -> Definitions {
        let mut defs = Definitions::default();
        defs.ttr.from = self.resolve_from;
        defs.include_planned = self.include_planned;
        defs
    }

    /// Whether an incident passes every filter. With a date range set, incidents without any
    /// known date are left out (they cannot be placed in it).
    pub fn matches(&self, inc: &Incident) -> bool {
        self.matches_day(inc.anchor().map(|s| s.local_date()))
            && self.matches_level(inc.severity.level.unwrap_or(0))
            && has_name(&inc.services, &self.service)
            && self.matches_text(inc)
    }

    /// The date range, for an incident on `day` (its anchor's local date; undated incidents
    /// are outside any range).
    pub fn matches_day(&self, day: Option<NaiveDate>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        day.is_some_and(|d| self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t))
    }

    /// The severity filter, for a level (0 unknown). Levels above 4 count as 4, as everywhere
    /// else (the charts, the stats).
    pub fn matches_level(&self, level: u8) -> bool {
        self.severity.is_none_or(|wanted| level.min(4) == wanted)
    }

    /// The filters on text (tag, source file, search): the part of [`View::matches`] that
    /// needs the incident itself rather than its prepared columns.
    pub fn matches_text(&self, inc: &Incident) -> bool {
        if !has_name(&inc.tags, &self.tag) {
            return false;
        }
        if self.source.as_ref().is_some_and(|s| *s != inc.source.file) {
            return false;
        }
        if !self.q.is_empty() {
            let q = super::case::lower(&self.q);
            let hit = |s: &str| super::case::lower(s).contains(&q);
            let found = hit(&inc.title)
                || inc.summary.as_deref().is_some_and(hit)
                || inc.services.iter().any(|s| hit(s))
                || inc.tags.iter().any(|s| hit(s))
                || hit(&inc.source.file);
            if !found {
                return false;
            }
        }
        true
    }

    /// Whether any filter needs the incident's text (see [`View::matches_text`]).
    pub fn filters_text(&self) -> bool {
        self.tag.is_some() || self.source.is_some() || !self.q.is_empty()
    }

    /// Indices of the incidents that pass the filters.
    pub fn select(&self, incidents: &[Incident]) -> Vec<usize> {
        incidents
            .iter()
            .enumerate()
            .filter(|(_, i)| self.matches(i))
            .map(|(n, _)| n)
            .collect()
    }

    /// Sorts incidents by the view's column; ties (and missing values, always last) keep a
    /// stable order by id.
    pub fn sort(&self, incidents: &mut [&Incident]) {
        let defs = self.definitions();
        let key = |i: &Incident| -> SortValue {
            match self.sort {
                SortKey::Start => SortValue::Time(i.anchor().map(|s| s.sort_key())),
                SortKey::Title => SortValue::Text(Some(super::case::lower(&i.title))),
                SortKey::Duration => SortValue::Num(metrics::duration(i, defs.ttr).ok()),
                // Level 1 is the most severe: "descending" severity shows it first.
                SortKey::Severity => SortValue::Num(i.severity.level.map(|l| 5 - i64::from(l))),
                SortKey::Services => SortValue::Text(
                    (!i.services.is_empty()).then(|| super::case::lower(&i.services.join(", "))),
                ),
                SortKey::Source => SortValue::Text(Some(super::case::lower(&i.source.file))),
            }
        };
        let desc = self.desc;
        // Keys computed once each, then the shared sort (`order`): ties keep the list's order.
        let mut keyed: Vec<((Ranked, String), usize)> = incidents
            .iter()
            .enumerate()
            .map(|(n, i)| ((Ranked(key(i), desc), i.id.clone()), n))
            .collect();
        crate::domain::order::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
        let sorted: Vec<&Incident> = keyed
            .iter()
            .filter_map(|(_, n)| incidents.get(*n).copied())
            .collect();
        for (slot, inc) in incidents.iter_mut().zip(sorted) {
            *slot = inc;
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    Time(Option<chrono::NaiveDateTime>),
    Text(Option<String>),
    Num(Option<i64>),
}

impl SortValue {
    fn is_missing(&self) -> bool {
        matches!(
            self,
            SortValue::Time(None) | SortValue::Text(None) | SortValue::Num(None)
        )
    }
}

/// A sort value in the requested direction, missing values last either way.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Ranked(SortValue, bool);

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self.0.is_missing(), other.0.is_missing()) {
            (true, false) => std::cmp::Ordering::Greater,
            (false, true) => std::cmp::Ordering::Less,
            _ if self.1 => other.0.cmp(&self.0),
            _ => self.0.cmp(&other.0),
        }
    }
}

/// Percent-encodes a query value (unreserved characters stay as they are).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Severity, Source};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn inc(id: &str, start: Option<&str>, level: Option<u8>, services: &[&str]) -> Incident {
        Incident {
            id: id.into(),
            title: format!("Incident {id}"),
            started_at: start.map(|s| s.parse().unwrap()),
            severity: Severity { level, label: None },
            services: services.iter().map(|s| s.to_string()).collect(),
            source: Source {
                file: format!("{id}.md"),
                ..Source::default()
            },
            ..Incident::default()
        }
    }

    #[test]
    fn quick_ranges() {
        let today = day("2026-02-10");
        assert_eq!(
            QuickRange::Last30Days.range(today),
            (day("2026-01-12"), today)
        );
        assert_eq!(
            QuickRange::ThisQuarter.range(today),
            (day("2026-01-01"), today)
        );
        assert_eq!(
            QuickRange::LastQuarter.range(today),
            (day("2025-10-01"), day("2025-12-31"))
        );
        assert_eq!(
            QuickRange::ThisYear.range(today),
            (day("2026-01-01"), today)
        );
    }

    #[test]
    fn query_round_trip_keeps_only_what_differs() {
        assert_eq!(View::default().to_query(), "");
        let v = View {
            from: Some(day("2026-07-01")),
            to: Some(day("2026-09-30")),
            severity: Some(1),
            service: Some("api gateway".into()),
            q: "dns & tls".into(),
            resolve_from: Milestone::Detected,
            period: Period::Week,
            weeks: 52,
            sort: SortKey::Duration,
            desc: false,
            hours: crate::domain::review::Hours { start: 8, end: 17 },
            ..View::default()
        };
        let query = v.to_query();
        assert_eq!(
            query,
            "?from=2026-07-01&to=2026-09-30&sev=1&service=api%20gateway&q=dns%20%26%20tls&ttr_from=detected&period=week&weeks=52&sort=duration&dir=asc&hours=8-17"
        );
        let pairs = v.to_pairs();
        let back = View::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, v);
    }

    #[test]
    fn a_view_splits_into_its_filters_and_its_display() {
        let v = View {
            from: Some(day("2026-07-01")),
            to: Some(day("2026-09-30")),
            severity: Some(2),
            service: Some("api".into()),
            tag: Some("dns".into()),
            source: Some("a.md".into()),
            q: "tls".into(),
            resolve_from: Milestone::Detected,
            include_planned: true,
            period: Period::Quarter,
            weeks: 52,
            end: Some(day("2026-10-01")),
            sort: SortKey::Duration,
            desc: false,
            hours: crate::domain::review::Hours { start: 7, end: 19 },
        };
        let (f, d) = (v.filters_only(), v.display_only());
        assert!(!d.is_filtered());
        assert_eq!(d.resolve_from, Milestone::Detected);
        assert_eq!(f.resolve_from, Milestone::Detected);
        // Each half keeps its own fields, and together they are the whole view.
        let joined = View {
            period: d.period,
            weeks: d.weeks,
            end: d.end,
            sort: d.sort,
            desc: d.desc,
            hours: d.hours,
            ..f.clone()
        };
        assert_eq!(joined, v);
        assert_eq!(
            f.display_only(),
            View {
                resolve_from: Milestone::Detected,
                include_planned: true,
                ..View::default()
            }
        );
        assert_eq!(
            d.filters_only(),
            View {
                resolve_from: Milestone::Detected,
                include_planned: true,
                ..View::default()
            }
        );
        // Changing the display does not change the filters, and the other way round.
        let shown = View {
            period: Period::Week,
            weeks: 4,
            ..v.clone()
        };
        assert_eq!(shown.filters_only(), f);
        let narrowed = View {
            severity: Some(1),
            ..v.clone()
        };
        assert_eq!(narrowed.display_only(), d);
    }

    #[test]
    fn bad_query_values_fall_back_to_defaults() {
        let v = View::from_pairs([
            ("from", "yesterday"),
            ("sev", "9"),
            ("weeks", "7"),
            ("sort", "colour"),
            ("zzz", "1"),
        ]);
        assert_eq!(v, View::default());
    }

    #[test]
    fn filters_combine() {
        let all = vec![
            inc("a", Some("2026-07-02T10:00:00Z"), Some(1), &["API"]),
            inc("b", Some("2026-08-02T10:00:00Z"), Some(2), &["db"]),
            inc("c", None, Some(1), &["api"]),
            inc("d", Some("2026-10-02T10:00:00Z"), None, &[]),
        ];
        let v = View {
            from: Some(day("2026-07-01")),
            to: Some(day("2026-09-30")),
            ..View::default()
        };
        assert_eq!(v.select(&all), vec![0, 1], "undated c and October d out");
        let v = View {
            service: Some("api".into()),
            ..View::default()
        };
        assert_eq!(v.select(&all), vec![0, 2], "service match ignores case");
        let v = View {
            severity: Some(0),
            ..View::default()
        };
        assert_eq!(v.select(&all), vec![3], "0 selects unknown severity");
        let v = View {
            q: "INCIDENT B".into(),
            ..View::default()
        };
        assert_eq!(v.select(&all), vec![1]);
        let v = View {
            source: Some("d.md".into()),
            ..View::default()
        };
        assert_eq!(v.select(&all), vec![3]);
    }

    #[test]
    fn sort_puts_missing_values_last_in_both_directions() {
        let a = inc("a", Some("2026-07-02T10:00:00Z"), Some(3), &[]);
        let b = inc("b", None, Some(1), &[]);
        let c = inc("c", Some("2026-08-02T10:00:00Z"), None, &[]);
        let ids = |v: &View| {
            let mut refs = vec![&a, &b, &c];
            v.sort(&mut refs);
            refs.iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
                .join("")
        };
        let mut v = View::default();
        assert_eq!(ids(&v), "cab", "newest first, undated last");
        v.desc = false;
        assert_eq!(ids(&v), "acb");
        v.sort = SortKey::Severity;
        v.desc = true;
        assert_eq!(ids(&v), "bac", "most severe first, unknown last");
        v.desc = false;
        assert_eq!(ids(&v), "abc");
    }

    #[test]
    fn resolve_from_detection_changes_the_definition() {
        let v = View {
            resolve_from: Milestone::Detected,
            ..View::default()
        };
        assert_eq!(v.definitions().ttr.describe(), "resolved_at − detected_at");
        assert_eq!(
            View::default().definitions().ttr.describe(),
            "resolved_at − started_at"
        );
    }
}
