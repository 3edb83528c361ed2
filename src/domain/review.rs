//! The quarterly review: quarters side by side with the change from the one before, and when
//! incidents hit people (outside business hours, at night, at weekends, by hour of the week).

use super::availability::{availability, Availability, Downtime};
use super::metrics::{Metric, Period, Prepared, Summary};
use super::model::{Incident, Kind};
use crate::domain::sorted_map::SortedMap;
use chrono::{Datelike, NaiveDate, Timelike};
use std::collections::BTreeMap;

/// One quarter of the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct QuarterRow {
    /// "Q3 2025".
    pub label: String,
    pub start: NaiveDate,
    /// The quarter's last day.
    pub last: NaiveDate,
    /// Incidents by level: index 0 unknown, 1–4.
    pub by_level: [usize; 5],
    pub total: usize,
    pub ttr: Summary,
    pub ttd: Summary,
    pub availability: Availability,
    /// The services with the most incidents (at most three), with their counts.
    pub top_services: Vec<(String, usize)>,
}

/// Every quarter from the first with an incident to the last, empty ones included (as zeros),
/// oldest first. `dt` is the downtime of the same selection.
pub fn quarters(all: &[Incident], selected: &Prepared, dt: &Downtime) -> Vec<QuarterRow> {
    let q = Period::Quarter;
    let days: Vec<(usize, NaiveDate)> = (0..selected.len())
        .filter_map(|i| selected.day(i).map(|d| (i, d)))
        .collect();
    let (Some(first), Some(last)) = (
        days.iter().map(|(_, d)| *d).min(),
        days.iter().map(|(_, d)| *d).max(),
    ) else {
        return Vec::new();
    };
    let mut rows_of: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, d) in &days {
        rows_of.entry(q.start_of(*d)).or_default().push(*i);
    }
    let mut out = Vec::new();
    let mut start = q.start_of(first);
    while start <= last && out.len() < 400 {
        let next = q.next(start);
        let rows = rows_of.remove(&start).unwrap_or_default();
        let mut by_level = [0usize; 5];
        let mut services: BTreeMap<String, usize> = BTreeMap::new();
        let mut ttr = Vec::new();
        let mut ttd = Vec::new();
        let mut excluded_ttr = SortedMap::new();
        let mut excluded_ttd = SortedMap::new();
        let mut total = 0;
        for &i in &rows {
            // Planned work and notices are not incidents: they stay out of the counts (their
            // durations are already left out of the metrics).
            let inc = selected.position(i).and_then(|p| all.get(p));
            if inc.is_some_and(|inc| inc.kind != Kind::Incident) {
                continue;
            }
            total += 1;
            if let Some(c) = by_level.get_mut(usize::from(selected.level_of(i))) {
                *c += 1;
            }
            if let Some(inc) = inc {
                for s in &inc.services {
                    *services.entry(s.clone()).or_default() += 1;
                }
            }
            for (metric, values, excluded) in [
                (Metric::Ttr, &mut ttr, &mut excluded_ttr),
                (Metric::Ttd, &mut ttd, &mut excluded_ttd),
            ] {
                match selected.result(i, metric) {
                    Some(Ok(v)) => values.push(v),
                    Some(Err(e)) => *excluded.entry(e).or_insert(0usize) += 1,
                    None => {}
                }
            }
        }
        let mut top: Vec<(String, usize)> = services.into_iter().collect();
        crate::domain::order::sort_by(&mut top, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(3);
        out.push(QuarterRow {
            label: q.label(start),
            start,
            last: next - chrono::TimeDelta::days(1),
            by_level,
            total,
            ttr: Summary::of_values(ttr, excluded_ttr),
            ttd: Summary::of_values(ttd, excluded_ttd),
            availability: availability(dt, None, q.label(start), start, next),
            top_services: top,
        });
        start = next;
    }
    out
}

/// A change from one quarter to the next, in words that do not rely on colour: `↑ 3`,
/// `↓ 12min`, `no change`; `None` when either side is unknown.
pub fn change(prev: Option<f64>, cur: Option<f64>, unit: impl Fn(f64) -> String) -> Option<String> {
    let (p, c) = (prev?, cur?);
    let d = c - p;
    if d.abs() < 1e-9 {
        return Some("no change".into());
    }
    let arrow = if d > 0.0 { "↑" } else { "↓" };
    Some(format!("{arrow} {}", unit(d.abs())))
}

/// Business hours: weekdays Monday to Friday, from `start` to `end` o'clock, in each
/// incident's own time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hours {
    pub start: u32,
    pub end: u32,
}

impl Default for Hours {
    fn default() -> Self {
        Hours { start: 9, end: 18 }
    }
}

impl Hours {
    /// From `9-18`; none when malformed or empty.
    pub fn parse(text: &str) -> Option<Hours> {
        let (a, b) = text.split_once('-')?;
        let (start, end) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        (start < end && end <= 24).then_some(Hours { start, end })
    }

    /// `9-18`.
    pub fn key(self) -> String {
        format!("{}-{}", self.start, self.end)
    }
}

/// The night, in each incident's own zone: from 22:00 to 07:00.
pub const NIGHT: (u32, u32) = (22, 7);

/// When the incidents of a view started.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WhenHit {
    /// Incidents with a start time (planned work left out: it is scheduled on purpose).
    pub counted: usize,
    pub outside_hours: usize,
    pub night: usize,
    pub weekend: usize,
    /// Of those counted, how many gave no time zone (read as written).
    pub floating: usize,
    /// Incidents without a start time.
    pub undated: usize,
    /// Starts by weekday (Monday first) and hour.
    pub grid: [[u32; 24]; 7],
}

/// When the selected incidents started, against `hours`.
pub fn when_they_hit(all: &[Incident], selected: &Prepared, hours: Hours) -> WhenHit {
    let mut w = WhenHit::default();
    for i in 0..selected.len() {
        let Some(inc) = selected.position(i).and_then(|p| all.get(p)) else {
            continue;
        };
        if inc.kind != Kind::Incident {
            continue;
        }
        let Some(start) = inc.started_at.or_else(|| inc.anchor()) else {
            w.undated += 1;
            continue;
        };
        let t = start.local();
        let (day, hour) = (t.weekday().num_days_from_monday() as usize, t.hour());
        w.counted += 1;
        w.floating += usize::from(start.is_floating());
        let weekend = day >= 5;
        w.weekend += usize::from(weekend);
        w.night += usize::from(hour >= NIGHT.0 || hour < NIGHT.1);
        w.outside_hours += usize::from(weekend || hour < hours.start || hour >= hours.end);
        if let Some(cell) = w.grid.get_mut(day).and_then(|r| r.get_mut(hour as usize)) {
            *cell += 1;
        }
    }
    w
}

/// `3 of 12 (25 %)`.
pub fn share(part: usize, whole: usize) -> String {
    match (part * 100).checked_div(whole) {
        Some(pct) => format!("{part} of {whole} ({pct} %)"),
        None => "n/a (no incident with a start time)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::downtime;
    use crate::domain::metrics::Definitions;

    use crate::domain::model::testing::incident as inc;

    #[test]
    fn quarters_side_by_side_with_empty_ones_as_zeros() {
        let list = vec![
            inc(
                "a",
                1,
                "2025-01-10T10:00:00Z",
                "2025-01-10T11:00:00Z",
                &["API"],
            ),
            inc(
                "b",
                3,
                "2025-02-01T10:00:00Z",
                "2025-02-01T10:20:00Z",
                &["API", "Web"],
            ),
            // Q2 2025 has nothing.
            inc(
                "c",
                2,
                "2025-08-03T09:00:00Z",
                "2025-08-03T09:30:00Z",
                &["Web"],
            ),
            // Planned work is not counted.
            Incident {
                kind: Kind::Maintenance,
                ..inc(
                    "m",
                    1,
                    "2025-08-10T22:00:00Z",
                    "2025-08-10T23:00:00Z",
                    &["Web"],
                )
            },
        ];
        let refs: Vec<&Incident> = list.iter().collect();
        let prepared = Prepared::new(&refs, &Definitions::default());
        let dt = downtime(&refs);
        let rows = quarters(&list, &prepared, &dt);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Q1 2025", "Q2 2025", "Q3 2025"]);
        assert_eq!(rows[0].total, 2);
        assert_eq!(rows[0].by_level, [0, 1, 0, 1, 0]);
        assert_eq!(rows[0].ttr.n, 2);
        assert_eq!(rows[0].ttr.median_secs, Some(40.0 * 60.0));
        assert_eq!(
            rows[0].top_services,
            [("API".to_string(), 2), ("Web".to_string(), 1)]
        );
        assert_eq!(
            rows[0].availability.down_secs, 3600,
            "the outage; the minor one is 0 %"
        );
        assert_eq!(rows[1].total, 0);
        assert_eq!(rows[1].ttr.n, 0);
        assert_eq!(rows[1].availability.down_secs, 0);
        assert_eq!(rows[2].availability.down_secs, 9 * 60, "30 min at 30 %");
        assert_eq!(rows[2].total, 1, "the maintenance is not an incident");
        assert_eq!(rows[1].last, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
        assert_eq!(
            change(Some(2.0), Some(0.0), |d| format!("{d}")).as_deref(),
            Some("↓ 2")
        );
        assert_eq!(
            change(Some(1.0), Some(1.0), |d| format!("{d}")).as_deref(),
            Some("no change")
        );
        assert_eq!(change(None, Some(1.0), |d| format!("{d}")), None);
    }

    #[test]
    fn off_hours_nights_and_weekends_in_each_incidents_own_zone() {
        let list = vec![
            // Tuesday 10:00 in Paris: business hours.
            inc(
                "a",
                2,
                "2026-03-03T10:00:00+01:00",
                "2026-03-03T11:00:00+01:00",
                &[],
            ),
            // Tuesday 23:30 in New York (Wednesday 04:30 UTC): night, outside hours.
            inc(
                "b",
                2,
                "2026-03-03T23:30:00-05:00",
                "2026-03-04T00:30:00-05:00",
                &[],
            ),
            // Saturday 14:00, no zone: weekend, read as written.
            inc("c", 3, "2026-03-07T14:00:00", "2026-03-07T15:00:00", &[]),
            // Monday 08:59 UTC: before hours, not night.
            inc("d", 3, "2026-03-09T08:59:00Z", "2026-03-09T09:30:00Z", &[]),
            // Planned work at night: not counted.
            Incident {
                kind: Kind::Maintenance,
                ..inc("e", 4, "2026-03-10T02:00:00Z", "2026-03-10T03:00:00Z", &[])
            },
        ];
        let refs: Vec<&Incident> = list.iter().collect();
        let prepared = Prepared::new(
            &refs,
            &Definitions {
                include_planned: true,
                ..Definitions::default()
            },
        );
        let w = when_they_hit(&list, &prepared, Hours::default());
        assert_eq!(w.counted, 4);
        assert_eq!(w.outside_hours, 3);
        assert_eq!(w.night, 1);
        assert_eq!(w.weekend, 1);
        assert_eq!(w.floating, 1);
        assert_eq!(w.grid[1][10], 1, "Tuesday 10:00");
        assert_eq!(w.grid[1][23], 1, "Tuesday 23:00 in its own zone");
        assert_eq!(w.grid[5][14], 1, "Saturday 14:00");
        assert_eq!(share(w.outside_hours, w.counted), "3 of 4 (75 %)");
        let late = when_they_hit(&list, &prepared, Hours::parse("8-17").unwrap());
        assert_eq!(late.outside_hours, 2, "08:59 is inside 8–17");
        assert_eq!(Hours::parse("18-9"), None);
        assert_eq!(Hours::default().key(), "9-18");
    }
}
