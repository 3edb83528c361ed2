//! The heatmap's SVG markup as one string: thousands of boxes at 10k incidents are set in one
//! DOM call (`inner_html` on a `<g>`) instead of one call per attribute per box, which keeps a
//! filter change within a frame. Every piece of text is escaped; numbers are integers (tenths
//! of a pixel: the view box is scaled by 10), so no float formatting reaches the bundle.

use super::format;
use crate::domain::heatmap::{HeatBox, Heatmap};
use crate::domain::model::Severity;
use crate::domain::sorted_map::SortedMap;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// A day cell's side, in tenths of a pixel.
pub const CELL: i64 = 440;
/// Room for the week labels on the left and the weekday initials on top.
pub const LEFT: i64 = 420;
pub const TOP: i64 = 200;

/// The view box size for a heatmap.
pub fn size(h: &Heatmap) -> (i64, i64) {
    (LEFT + 7 * CELL, TOP + i64::from(h.weeks) * CELL)
}

fn px(units: f64) -> i64 {
    (units * CELL as f64).round() as i64
}

/// `8 Jul`: without chrono's strftime (bundle size).
pub fn short_date(d: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {}",
        d.day(),
        MONTHS.get(d.month0() as usize).copied().unwrap_or("")
    )
}

/// The whole heatmap: [`grid_markup`] then [`boxes_markup`].
pub fn markup(h: &Heatmap) -> String {
    grid_markup(h) + &boxes_markup(h)
}

/// Weekday initials, day cells (titled with their date) and week labels: it depends only on
/// the window (weeks and end), so the page keeps it while filters change.
pub fn grid_markup(h: &Heatmap) -> String {
    let mut out = String::with_capacity(160 * h.cells.len());
    for (i, d) in ["M", "T", "W", "T", "F", "S", "S"].iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{}" y="130" class="wd" text-anchor="middle">{d}</text>"#,
            LEFT + i as i64 * CELL + CELL / 2
        );
    }
    for c in &h.cells {
        let _ = write!(
            out,
            r#"<rect class="{}" x="{}" y="{}" width="{}" height="{}" rx="30"><title>{}</title></rect>"#,
            if c.future { "cell future" } else { "cell" },
            LEFT + i64::from(c.col) * CELL + 10,
            TOP + i64::from(c.row) * CELL + 10,
            CELL - 20,
            CELL - 20,
            c.date,
        );
        if c.col == 0 {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" class="wk" text-anchor="end">{}</text>"#,
                LEFT - 40,
                TOP + i64::from(c.row) * CELL + CELL / 2 + 40,
                short_date(c.date)
            );
        }
    }
    out
}

/// The incident boxes (class `d100`…`d15` carries the impact), drawn as one path per look
/// (darkness, known duration), so thousands of incidents are a handful of elements. The page
/// finds the box under the pointer with [`hit`] and moves between boxes with [`step`] (arrow
/// keys), showing [`label`] in a tooltip and a live region.
pub fn boxes_markup(h: &Heatmap) -> String {
    let mut groups: SortedMap<(i64, bool), String> = SortedMap::new();
    for b in &h.boxes {
        let (x, y, side) = box_rect(b);
        let d = groups
            .entry((
                (b.darkness * 100.0).round() as i64,
                b.duration_secs.is_some(),
            ))
            .or_default();
        let _ = write!(d, "M{x} {y}h{side}v{side}h-{side}z");
    }
    let mut out = String::with_capacity(groups.values().map(|d| d.len() + 64).sum());
    for ((dark, known), d) in groups.iter().rev() {
        let _ = write!(
            out,
            r#"<path class="box d{dark}{}" data-testid="heat-boxes" d="{d}"/>"#,
            if *known { "" } else { " unknown" }
        );
    }
    out
}

/// A box's top-left corner and side in view-box units (tenths of a pixel).
pub fn box_rect(b: &HeatBox) -> (i64, i64, i64) {
    (LEFT + px(b.x), TOP + px(b.y), px(b.side).max(20))
}

/// What a box says on hover and focus: title, start day, duration, severity.
pub fn label(b: &HeatBox) -> String {
    format!(
        "{} — {} — {} — severity {}",
        b.title,
        b.date,
        b.duration_secs
            .map_or_else(|| "duration unknown".into(), |d| format::duration(d as f64)),
        Severity::level_name(b.level)
    )
}

/// The box under a point of the view box (a few units of slack around small boxes).
pub fn hit(h: &Heatmap, x: i64, y: i64) -> Option<usize> {
    const SLACK: i64 = 15;
    h.boxes.iter().position(|b| {
        let (bx, by, side) = box_rect(b);
        (bx - SLACK..=bx + side + SLACK).contains(&x)
            && (by - SLACK..=by + side + SLACK).contains(&y)
    })
}

/// Keyboard moves between boxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Next,
    Previous,
    /// The same weekday a week later (or the nearest box after it).
    WeekLater,
    WeekEarlier,
    First,
    Last,
}

impl Move {
    /// The move a key stands for (arrow keys, Home, End).
    pub fn from_key(key: &str) -> Option<Move> {
        Some(match key {
            "ArrowRight" => Move::Next,
            "ArrowLeft" => Move::Previous,
            "ArrowDown" => Move::WeekLater,
            "ArrowUp" => Move::WeekEarlier,
            "Home" => Move::First,
            "End" => Move::Last,
            _ => return None,
        })
    }
}

/// The box a move lands on from `from` (boxes are in day order, then time); with no box
/// selected yet, any move starts at the first one.
pub fn step(h: &Heatmap, from: Option<usize>, mv: Move) -> Option<usize> {
    let n = h.boxes.len();
    let last = n.checked_sub(1)?;
    let Some(i) = from.filter(|i| *i < n) else {
        return Some(if mv == Move::Last { last } else { 0 });
    };
    let date = h.boxes.get(i)?.date;
    Some(match mv {
        Move::Next => (i + 1).min(last),
        Move::Previous => i.saturating_sub(1),
        Move::First => 0,
        Move::Last => last,
        Move::WeekLater => {
            let target = date + chrono::TimeDelta::days(7);
            h.boxes.iter().position(|b| b.date >= target).unwrap_or(i)
        }
        Move::WeekEarlier => {
            let target = date - chrono::TimeDelta::days(7);
            h.boxes.iter().rposition(|b| b.date <= target).unwrap_or(i)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::heatmap::layout;
    use crate::domain::metrics::Definitions;
    use crate::domain::model::Incident;

    fn inc(id: &str, start: &str, level: u8) -> Incident {
        Incident {
            id: id.into(),
            title: format!("<b>{id}</b> & co"),
            started_at: start.parse().ok(),
            resolved_at: start
                .parse::<crate::domain::stamp::Stamp>()
                .ok()
                .and_then(|s| s.plus(chrono::TimeDelta::hours(1))),
            severity: Severity::new(level, "x"),
            ..Incident::default()
        }
    }

    fn map() -> Heatmap {
        let list = [
            inc("a", "2026-11-10T10:00:00Z", 1),
            inc("b", "2026-11-10T12:00:00Z", 3),
            inc("c", "2026-11-12T10:00:00Z", 3),
            inc("d", "2026-11-18T10:00:00Z", 2),
        ];
        let refs: Vec<&Incident> = list.iter().collect();
        layout(
            &refs,
            2,
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            &Definitions::default(),
        )
    }

    #[test]
    fn boxes_are_paths_grouped_by_look_with_one_rect_per_incident() {
        let h = map();
        let svg = markup(&h);
        assert_eq!(svg.matches("class=\"cell").count(), 14);
        assert_eq!(grid_markup(&h).matches("class=\"cell").count(), 14);
        assert!(!boxes_markup(&h).contains("class=\"cell"));
        assert!(svg.contains("<title>2026-11-10</title>"));
        // Three looks (critical, major, minor): three paths, four rectangles in all.
        assert_eq!(svg.matches("data-testid=\"heat-boxes\"").count(), 3);
        assert_eq!(svg.matches("h-").count(), 4);
        let (x, y, side) = box_rect(&h.boxes[0]);
        assert!(
            svg.contains(&format!("M{x} {y}h{side}v{side}h-{side}z")),
            "{svg}"
        );
        assert!(svg.contains("class=\"box d100\""));
        assert!(!svg.contains("<b>"), "titles never reach the markup");
        assert_eq!(size(&h), (LEFT + 7 * CELL, TOP + 2 * CELL));
    }

    #[test]
    fn hit_finds_the_box_under_a_point() {
        let h = map();
        for (i, b) in h.boxes.iter().enumerate() {
            let (x, y, side) = box_rect(b);
            assert_eq!(hit(&h, x + side / 2, y + side / 2), Some(i));
        }
        assert_eq!(hit(&h, 0, 0), None);
        assert_eq!(
            label(&h.boxes[0]),
            "<b>a</b> & co — 2026-11-10 — 1h — severity critical"
        );
    }

    #[test]
    fn keys_move_by_box_and_by_week() {
        let h = map();
        let ids = |i: Option<usize>| i.map(|i| h.boxes[i].incident_id.clone());
        assert_eq!(ids(step(&h, None, Move::Next)), Some("a".into()));
        assert_eq!(ids(step(&h, Some(0), Move::Next)), Some("b".into()));
        assert_eq!(
            ids(step(&h, Some(3), Move::Next)),
            Some("d".into()),
            "stays on the last"
        );
        assert_eq!(ids(step(&h, Some(0), Move::Previous)), Some("a".into()));
        assert_eq!(ids(step(&h, Some(0), Move::WeekLater)), Some("d".into()));
        assert_eq!(
            ids(step(&h, Some(3), Move::WeekEarlier)),
            Some("b".into()),
            "the last box on or before a week earlier"
        );
        assert_eq!(ids(step(&h, Some(1), Move::Last)), Some("d".into()));
        assert_eq!(Move::from_key("ArrowDown"), Some(Move::WeekLater));
        assert_eq!(Move::from_key("x"), None);
        let empty = Heatmap {
            boxes: Vec::new(),
            ..h
        };
        assert_eq!(step(&empty, None, Move::Next), None);
    }
}
