//! The trailing-weeks incident heatmap as plain data, in the style of Fly.io's infra-log:
//! one cell per day (weeks are rows, Monday first), one box per incident in its day's cell;
//! **larger boxes are longer, darker boxes are higher-impact**.
//!
//! Coordinates are in cell units (a day cell is 1×1 at `(col, row)`); renderers scale them.
//! Box side grows with the log of the duration, clamped, so a 5-minute blip and a 3-day outage
//! are both visible; darkness follows severity, so impact never depends on hue alone.

use super::metrics::{Definitions, Metric, Prepared};
use super::model::Incident;
use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use serde::Serialize;

/// Smallest and largest box side, as a share of the box's slot in the cell.
pub const MIN_SIDE: f64 = 0.3;
pub const MAX_SIDE: f64 = 1.0;
/// Durations at or below this get the smallest box; at or above `LONG_SECS` the largest.
pub const SHORT_SECS: f64 = 5.0 * 60.0;
pub const LONG_SECS: f64 = 3.0 * 86_400.0;

/// One incident's box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeatBox {
    pub incident_id: String,
    pub title: String,
    pub date: NaiveDate,
    /// Top-left corner and side, in cell units of the whole grid.
    pub x: f64,
    pub y: f64,
    pub side: f64,
    /// 0 (lightest) to 1 (darkest), from severity.
    pub darkness: f64,
    pub level: Option<u8>,
    /// Resolve duration used for the size; `None` when unknown (smallest box, drawn outlined).
    pub duration_secs: Option<i64>,
}

/// One day cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DayCell {
    pub date: NaiveDate,
    /// 0 = Monday … 6 = Sunday.
    pub col: u32,
    /// 0 = the first (oldest) week.
    pub row: u32,
    /// How many incidents started that day.
    pub count: usize,
    /// Days after the reference date are drawn empty and muted.
    pub future: bool,
}

/// The whole layout.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Heatmap {
    pub weeks: u32,
    pub first_day: NaiveDate,
    pub end: NaiveDate,
    pub cells: Vec<DayCell>,
    pub boxes: Vec<HeatBox>,
}

/// Box side for a duration: log-scaled between `MIN_SIDE` and `MAX_SIDE`.
///
/// ```
/// use aftermath::domain::heatmap::{side_for, MIN_SIDE, MAX_SIDE};
/// assert_eq!(side_for(None), MIN_SIDE);
/// assert_eq!(side_for(Some(60)), MIN_SIDE);
/// assert_eq!(side_for(Some(10 * 86_400)), MAX_SIDE);
/// assert!(side_for(Some(3600)) > side_for(Some(1200)));
/// ```
pub fn side_for(duration_secs: Option<i64>) -> f64 {
    let Some(secs) = duration_secs.filter(|s| *s > 0) else {
        return MIN_SIDE;
    };
    let t = ((secs as f64).ln() - SHORT_SECS.ln()) / (LONG_SECS.ln() - SHORT_SECS.ln());
    MIN_SIDE + (MAX_SIDE - MIN_SIDE) * t.clamp(0.0, 1.0)
}

/// Darkness for a severity level: 1 → 1.0 … 4 → 0.25; unknown → 0.15.
pub fn darkness_for(level: Option<u8>) -> f64 {
    use super::model::Level;
    match level.and_then(Level::from_number) {
        Some(Level::Critical) => 1.0,
        Some(Level::Major) => 0.75,
        Some(Level::Minor) => 0.5,
        Some(Level::Info) => 0.25,
        None => 0.15,
    }
}

/// Lays out the trailing `weeks` weeks (clamped to 1..=52) ending on `end` (inclusive).
/// The grid starts on the Monday `weeks - 1` weeks before `end`'s week.
pub fn layout(incidents: &[&Incident], weeks: u32, end: NaiveDate, defs: &Definitions) -> Heatmap {
    layout_of(
        &Prepared::new(incidents, defs),
        |pos| incidents.get(pos).copied(),
        weeks,
        end,
    )
}

/// [`layout`] over prepared incidents (the dashboard's path: days and durations are already
/// known); `incident(pos)` gives the incident at a row's position.
pub fn layout_of<'a>(
    p: &Prepared,
    incident: impl Fn(usize) -> Option<&'a Incident>,
    weeks: u32,
    end: NaiveDate,
) -> Heatmap {
    let weeks = weeks.clamp(1, 52);
    let monday = end - TimeDelta::days(i64::from(end.weekday().num_days_from_monday()));
    let first_day = monday - TimeDelta::weeks(i64::from(weeks - 1));
    // Rows per day offset, with the anchor's sort key to order them within the day.
    let mut per_day: Vec<Vec<(Option<NaiveDateTime>, usize)>> =
        vec![Vec::new(); (weeks * 7) as usize];
    for row in 0..p.len() {
        let Some(day) = p.day(row).filter(|d| *d >= first_day && *d <= end) else {
            continue;
        };
        if let Some(members) = usize::try_from((day - first_day).num_days())
            .ok()
            .and_then(|offset| per_day.get_mut(offset))
        {
            members.push((p.sort_key(row), row));
        }
    }
    let mut cells = Vec::new();
    let mut boxes = Vec::new();
    for (offset, mut members) in (0u32..).zip(per_day) {
        let date = first_day + TimeDelta::days(i64::from(offset));
        let (col, row) = (offset % 7, offset / 7);
        // Earliest first; equal times keep the incidents' order.
        crate::domain::order::sort_by(&mut members, |a, b| a.cmp(b));
        cells.push(DayCell {
            date,
            col,
            row,
            count: members.len(),
            future: date > end,
        });
        let n = members.len();
        let k = (1..=n.max(1)).find(|k| k * k >= n).unwrap_or(1) as f64;
        let slot = 0.9 / k;
        for (i, (_, r)) in members.iter().enumerate() {
            let Some(inc) = p.position(*r).and_then(&incident) else {
                continue;
            };
            let duration = p.result(*r, Metric::Ttr).and_then(Result::ok);
            let side = side_for(duration) * slot;
            let (sx, sy) = ((i as f64 % k).floor(), (i as f64 / k).floor());
            let x = f64::from(col) + 0.05 + sx * slot + (slot - side) / 2.0;
            let y = f64::from(row) + 0.05 + sy * slot + (slot - side) / 2.0;
            boxes.push(HeatBox {
                incident_id: inc.id.clone(),
                title: inc.title.clone(),
                date,
                x,
                y,
                side,
                darkness: darkness_for(inc.severity.level),
                level: inc.severity.level,
                duration_secs: duration,
            });
        }
    }
    Heatmap {
        weeks,
        first_day,
        end,
        cells,
        boxes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Severity;

    fn inc(id: &str, start: &str, end: &str, level: u8) -> Incident {
        Incident {
            id: id.into(),
            title: id.into(),
            started_at: start.parse().ok(),
            resolved_at: end.parse().ok(),
            severity: Severity {
                level: Some(level),
                label: None,
            },
            ..Incident::default()
        }
    }

    #[test]
    fn two_weeks_grid_with_boxes_in_their_day() {
        let end = NaiveDate::from_ymd_opt(2024, 7, 19).unwrap_or_default(); // a Friday
        let list = [
            inc(
                "a",
                "2024-07-16T06:00:00-05:00",
                "2024-07-16T08:00:00-05:00",
                2,
            ),
            inc(
                "b",
                "2024-07-16T17:00:00-05:00",
                "2024-07-16T17:20:00-05:00",
                4,
            ),
            inc("old", "2024-07-01T06:00:00Z", "2024-07-01T08:00:00Z", 1),
        ];
        let refs: Vec<&Incident> = list.iter().collect();
        let h = layout(&refs, 2, end, &Definitions::default());
        assert_eq!(
            h.first_day,
            NaiveDate::from_ymd_opt(2024, 7, 8).unwrap_or_default()
        );
        assert_eq!(h.cells.len(), 14);
        assert_eq!(
            h.boxes.len(),
            2,
            "the incident before the window is left out"
        );
        let tue = h
            .cells
            .iter()
            .find(|c| c.count == 2)
            .map(|c| (c.col, c.row));
        assert_eq!(tue, Some((1, 1)));
        let (a, b) = (&h.boxes[0], &h.boxes[1]);
        assert!(a.side > b.side, "longer is larger");
        assert!(a.darkness > b.darkness, "higher impact is darker");
        for bx in &h.boxes {
            assert!(
                bx.x >= 1.0 && bx.x + bx.side <= 2.0 && bx.y >= 1.0 && bx.y + bx.side <= 2.0,
                "{bx:?}"
            );
        }
        assert!(
            h.cells.iter().filter(|c| c.future).count() == 2,
            "Sat and Sun after a Friday end"
        );
    }
}
