//! Availability: time down weighted by impact, per service and overall, per day (the year
//! calendar), per month or quarter.
//!
//! Weighting as Statuspage does it: an outage (critical) counts 100 % of its duration, a major
//! (partial) outage 30 %, minor, degraded and informational incidents 0 %; planned maintenance
//! and notices are not downtime, nor are incidents the user excluded. On one service,
//! overlapping incidents are not counted twice: at each moment the heaviest one counts. The
//! overall figure is the same over every incident: time when anything was down. Times are UTC
//! (a time without a zone is read as UTC); days are UTC days.

use super::metrics::Period;
use super::model::{Incident, Kind};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

/// A level's weight in thousandths: critical 1000, major 300, the others 0.
pub fn weight_permille(level: Option<u8>) -> u32 {
    match level {
        Some(1) => 1000,
        Some(2) => 300,
        _ => 0,
    }
}

/// The weighting in words, for legends and definitions.
pub const WEIGHTING: &str = "Time down weighted by impact: critical 100 %, major 30 %, minor, degraded and info 0 %; planned maintenance is not downtime; overlapping incidents on one service count once.";

/// A stretch of weighted downtime (seconds since the epoch, UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: i64,
    pub end: i64,
    pub permille: u32,
}

impl Span {
    /// Weighted seconds of this span inside `[from, to)`.
    fn weighted_within(&self, from: i64, to: i64) -> f64 {
        let overlap = self.end.min(to) - self.start.max(from);
        if overlap <= 0 {
            0.0
        } else {
            overlap as f64 * f64::from(self.permille) / 1000.0
        }
    }
}

/// Weighted downtime of a set of incidents: per service and overall, as stretches that do not
/// overlap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Downtime {
    pub all: Vec<Span>,
    /// By service name, in name order (one entry each).
    pub services: Vec<(String, Vec<Span>)>,
    /// Incidents that would count (critical or major) but lack a start or an end, or end
    /// before they start: left out, and said so.
    pub left_out: usize,
    /// Incidents counted.
    pub counted: usize,
}

fn utc_secs(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// Merges weighted stretches so that none overlap, the heaviest counting where they do.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    if spans.is_empty() {
        return spans;
    }
    // Boundaries, then the heaviest span over each piece between two boundaries.
    let mut cuts: Vec<i64> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    crate::domain::order::sort_by_key(&mut spans, |s| s.start);
    let mut out: Vec<Span> = Vec::new();
    let mut active: Vec<Span> = Vec::new();
    let mut next = 0;
    for pair in cuts.windows(2) {
        let (a, b) = match pair {
            [a, b] => (*a, *b),
            _ => continue,
        };
        while let Some(s) = spans.get(next).filter(|s| s.start <= a) {
            active.push(*s);
            next += 1;
        }
        active.retain(|s| s.end > a);
        let Some(permille) = active.iter().map(|s| s.permille).max() else {
            continue;
        };
        match out.last_mut() {
            Some(last) if last.end == a && last.permille == permille => last.end = b,
            _ => out.push(Span {
                start: a,
                end: b,
                permille,
            }),
        }
    }
    out
}

/// The weighted downtime of `incidents`.
pub fn downtime(incidents: &[&Incident]) -> Downtime {
    let mut all: Vec<Span> = Vec::new();
    let mut by_service: Vec<(&str, Span)> = Vec::new();
    let mut left_out = 0;
    let mut counted = 0;
    for inc in incidents {
        let permille = weight_permille(inc.severity.level);
        if permille == 0 || inc.kind != Kind::Incident || inc.excluded {
            continue;
        }
        let (Some(start), Some(end)) = (inc.started_at, inc.resolved_at) else {
            left_out += 1;
            continue;
        };
        let (start, end) = (utc_secs(start.sort_key()), utc_secs(end.sort_key()));
        if end <= start {
            left_out += 1;
            continue;
        }
        counted += 1;
        let span = Span {
            start,
            end,
            permille,
        };
        all.push(span);
        for service in &inc.services {
            by_service.push((service, span));
        }
    }
    // Grouped by name; the sort is stable, so each service's spans keep their order.
    crate::domain::order::sort_by(&mut by_service, |a, b| a.0.cmp(b.0));
    let mut services: Vec<(String, Vec<Span>)> = Vec::new();
    for (name, span) in by_service {
        match services.last_mut() {
            Some((last, spans)) if last == name => spans.push(span),
            _ => services.push((name.to_string(), vec![span])),
        }
    }
    Downtime {
        all: merge(all),
        services: services.into_iter().map(|(k, v)| (k, merge(v))).collect(),
        left_out,
        counted,
    }
}

impl Downtime {
    /// The stretches of one service, or of everything.
    pub fn spans(&self, service: Option<&str>) -> &[Span] {
        match service {
            Some(s) => super::order::by_name(&self.services, s).map_or(&[], Vec::as_slice),
            None => &self.all,
        }
    }

    /// Weighted seconds down between two days (from the start of `from` to the start of
    /// `to`, UTC).
    pub fn weighted_secs(&self, service: Option<&str>, from: NaiveDate, to: NaiveDate) -> f64 {
        let (a, b) = (day_secs(from), day_secs(to));
        let spans = self.spans(service);
        // Spans are sorted and disjoint: skip those that end before `a`.
        let first = spans.partition_point(|s| s.end <= a);
        spans
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|s| s.start < b)
            .map(|s| s.weighted_within(a, b))
            .sum()
    }
}

fn day_secs(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp())
}

/// Availability over one period.
#[derive(Clone, Debug, PartialEq)]
pub struct Availability {
    /// "Sep 2025", "Q3 2025".
    pub label: String,
    pub start: NaiveDate,
    /// 100 × (1 − weighted time down / length of the period).
    pub percent: f64,
    /// Weighted seconds down.
    pub down_secs: i64,
}

/// Availability of `service` (or of everything) per `period`, from the period holding `from`
/// to the one holding `to`.
pub fn by_period(
    dt: &Downtime,
    service: Option<&str>,
    period: Period,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Availability> {
    let mut out = Vec::new();
    let mut start = period.start_of(from);
    while start <= to && out.len() < 1_000 {
        let end = period.next(start);
        out.push(availability(dt, service, period.label(start), start, end));
        start = end;
    }
    out
}

/// Availability between two days.
pub fn availability(
    dt: &Downtime,
    service: Option<&str>,
    label: String,
    start: NaiveDate,
    end: NaiveDate,
) -> Availability {
    let length = (day_secs(end) - day_secs(start)).max(1) as f64;
    let down = dt.weighted_secs(service, start, end);
    Availability {
        label,
        start,
        percent: 100.0 * (1.0 - down / length).clamp(0.0, 1.0),
        down_secs: down.round() as i64,
    }
}

/// The percentage as shown, in hundredths: two decimals, never rounded up to 100 when
/// something was down.
pub fn shown_hundredths(a: &Availability) -> i64 {
    if a.down_secs == 0 {
        10_000
    } else {
        ((a.percent * 100.0).floor() as i64).min(9_999)
    }
}

/// A percentage for people: `99.95 %`, `100 %` only when nothing was down.
pub fn percent_text(a: &Availability) -> String {
    match shown_hundredths(a) {
        10_000 => "100 %".into(),
        h => format!("{}.{:02} %", h / 100, h % 100),
    }
}

/// One day of the calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct Day {
    pub date: NaiveDate,
    /// Weighted seconds down that day.
    pub down_secs: i64,
    /// 0 (nothing down) to 4 (two hours or more), by [`SHADES`].
    pub shade: u8,
    /// Positions (in the list given) of the incidents under way that day, any severity.
    pub incidents: Vec<usize>,
}

/// Shade thresholds in weighted minutes: under 5, under 30, under 120, then more.
pub const SHADES: [i64; 3] = [5, 30, 120];

fn shade(down_secs: i64) -> u8 {
    if down_secs <= 0 {
        return 0;
    }
    let minutes = down_secs / 60;
    1 + SHADES.iter().filter(|t| minutes >= **t).count() as u8
}

/// A year (or any span of days) as a calendar: weeks of days, Monday first, ending on `end`.
#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    pub first: NaiveDate,
    pub end: NaiveDate,
    /// Weeks, each Monday to Sunday; days outside the span are `None`.
    pub weeks: Vec<[Option<Day>; 7]>,
    /// Where each month starts: (week index, "Jan").
    pub months: Vec<(usize, String)>,
    /// Weighted seconds down over the whole span, and availability over it.
    pub down_secs: i64,
    pub percent: f64,
}

/// The calendar of the `months` months ending on `end`, for `service` or everything;
/// `incidents` gives each day its incidents (any severity).
pub fn calendar(
    incidents: &[&Incident],
    dt: &Downtime,
    service: Option<&str>,
    end: NaiveDate,
    months: u32,
) -> Calendar {
    use chrono::{Datelike, Months};
    let first = end
        .checked_sub_months(Months::new(months))
        .map_or(end, |d| d + TimeDelta::days(1));
    // Incidents by day under way (UTC days of their start to their end, or their start), one
    // list per day of the window.
    let index = |d: NaiveDate| usize::try_from((d - first).num_days()).ok();
    let mut under_way: Vec<Vec<usize>> = vec![Vec::new(); index(end).map_or(0, |i| i + 1)];
    for (i, inc) in incidents.iter().enumerate() {
        if service.is_some_and(|s| !inc.services.iter().any(|x| x == s)) {
            continue;
        }
        let Some(start) = inc.anchor() else { continue };
        let a = start.sort_key().date();
        let b = inc
            .resolved_at
            .map(|e| e.sort_key().date())
            .filter(|b| *b >= a && (*b - a).num_days() <= 31)
            .unwrap_or(a);
        let mut d = a.max(first);
        while d <= b.min(end) {
            if let Some(list) = index(d).and_then(|k| under_way.get_mut(k)) {
                list.push(i);
            }
            d += TimeDelta::days(1);
        }
    }
    let monday = first - TimeDelta::days(i64::from(first.weekday().num_days_from_monday()));
    let mut weeks: Vec<[Option<Day>; 7]> = Vec::new();
    let mut month_starts: Vec<(usize, String)> = Vec::new();
    let mut day = monday;
    while day <= end {
        let mut week: [Option<Day>; 7] = Default::default();
        for slot in week.iter_mut() {
            if day >= first && day <= end {
                if day.day() == 1 || day == first {
                    let label = Period::Month.label(day);
                    let short = label.split(' ').next().unwrap_or_default().to_string();
                    // A first month of a week or two would crowd the next one's name out.
                    if month_starts
                        .last()
                        .is_some_and(|(w, _)| weeks.len() < w + 3)
                    {
                        month_starts.pop();
                    }
                    month_starts.push((weeks.len(), short));
                }
                let down = dt
                    .weighted_secs(service, day, day + TimeDelta::days(1))
                    .round() as i64;
                *slot = Some(Day {
                    date: day,
                    down_secs: down,
                    shade: shade(down),
                    incidents: index(day)
                        .and_then(|k| under_way.get_mut(k))
                        .map(std::mem::take)
                        .unwrap_or_default(),
                });
            }
            day += TimeDelta::days(1);
        }
        weeks.push(week);
    }
    let whole = availability(dt, service, String::new(), first, end + TimeDelta::days(1));
    Calendar {
        first,
        end,
        weeks,
        months: month_starts,
        down_secs: whole.down_secs,
        percent: whole.percent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::model::testing::incident as inc;

    fn fixture() -> Vec<Incident> {
        vec![
            // API: a 60-minute outage, and a 30-minute major one inside it (counted once, as
            // the outage), then a major one alone for 100 minutes.
            inc(
                "a",
                1,
                "2026-03-02T10:00:00Z",
                "2026-03-02T11:00:00Z",
                &["API"],
            ),
            inc(
                "b",
                2,
                "2026-03-02T10:30:00Z",
                "2026-03-02T11:30:00Z",
                &["API"],
            ),
            inc(
                "c",
                2,
                "2026-03-10T08:00:00Z",
                "2026-03-10T09:40:00Z",
                &["API"],
            ),
            // Web: a minor incident (not downtime) and planned maintenance (not downtime).
            inc(
                "d",
                3,
                "2026-03-02T10:00:00Z",
                "2026-03-02T12:00:00Z",
                &["Web"],
            ),
            Incident {
                kind: Kind::Maintenance,
                ..inc(
                    "e",
                    1,
                    "2026-03-05T22:00:00Z",
                    "2026-03-06T02:00:00Z",
                    &["Web"],
                )
            },
            // An outage still open: left out, and counted as such.
            Incident {
                resolved_at: None,
                ..inc(
                    "f",
                    1,
                    "2026-03-20T10:00:00Z",
                    "2026-03-20T10:00:00Z",
                    &["Web"],
                )
            },
            // Crosses midnight: 23:00 to 01:00, an outage on DB.
            inc(
                "g",
                1,
                "2026-03-15T23:00:00+00:00",
                "2026-03-16T01:00:00+00:00",
                &["DB"],
            ),
        ]
    }

    #[test]
    fn weighted_downtime_by_hand() {
        let list = fixture();
        let refs: Vec<&Incident> = list.iter().collect();
        let dt = downtime(&refs);
        assert_eq!(dt.left_out, 1);
        assert_eq!(dt.counted, 4);
        let march = |s| {
            dt.weighted_secs(
                s,
                NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
                NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            )
        };
        // API: 60 min at 100 % + 30 min (11:00–11:30) at 30 % + 100 min at 30 % = 60 + 9 + 30.
        assert_eq!(march(Some("API")), (99 * 60) as f64);
        assert_eq!(
            march(Some("Web")),
            0.0,
            "minor and maintenance are not downtime"
        );
        assert_eq!(march(Some("DB")), (120 * 60) as f64);
        // Everything: API's 99 minutes and DB's 120 (no overlap between them).
        assert_eq!(march(None), (219 * 60) as f64);
        let months = by_period(
            &dt,
            Some("API"),
            Period::Month,
            NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
            NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(),
        );
        assert_eq!(months.len(), 2);
        assert_eq!(months[0].label, "Mar 2026");
        assert_eq!(months[0].down_secs, 99 * 60);
        // 31 days = 44,640 minutes; 99 down: 99.778 %.
        assert_eq!(percent_text(&months[0]), "99.77 %");
        assert_eq!(percent_text(&months[1]), "100 %");
    }

    #[test]
    fn the_calendar_splits_days_and_shades_them() {
        let list = fixture();
        let refs: Vec<&Incident> = list.iter().collect();
        let dt = downtime(&refs);
        let end = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let cal = calendar(&refs, &dt, None, end, 1);
        assert_eq!(cal.first, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        let day = |d: u32| {
            cal.weeks
                .iter()
                .flatten()
                .flatten()
                .find(|x| x.date == NaiveDate::from_ymd_opt(2026, 3, d).unwrap())
                .cloned()
                .unwrap()
        };
        assert_eq!(day(2).down_secs, 69 * 60);
        assert_eq!(day(2).shade, 3, "69 minutes: 30 to 120");
        assert_eq!(day(2).incidents.len(), 3, "a, b and the minor d under way");
        assert_eq!(day(10).down_secs, 30 * 60);
        assert_eq!(day(15).down_secs, 60 * 60, "23:00 to midnight");
        assert_eq!(day(16).down_secs, 60 * 60, "midnight to 01:00");
        assert_eq!(day(16).incidents, vec![6]);
        assert_eq!(day(6).shade, 0, "maintenance is not downtime");
        assert_eq!(day(6).incidents, vec![4], "but it is listed");
        assert_eq!(
            cal.weeks[0][0], None,
            "1 March 2026 is a Sunday: the week starts before"
        );
        assert_eq!(cal.months, vec![(0, "Mar".to_string())]);
        // Twelve months from 29 November: "Nov" would sit on "Dec"; only "Dec" is named.
        let year = calendar(
            &refs,
            &dt,
            None,
            NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            12,
        );
        assert_eq!(year.first, NaiveDate::from_ymd_opt(2025, 11, 29).unwrap());
        assert_eq!(year.months.first().map(|m| m.1.as_str()), Some("Dec"));
        assert_eq!(year.months.len(), 12);
        assert_eq!(cal.down_secs, 219 * 60);
        let api = calendar(&refs, &dt, Some("API"), end, 1);
        assert_eq!(api.down_secs, 99 * 60);
    }
}
