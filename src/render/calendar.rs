//! The availability calendar and the hour-of-week grid as SVG markup (one string each, set in
//! one DOM call). Days with incidents are links to that day's incidents, so they can be
//! reached with the keyboard and opened; every cell has a title in words.

use super::export::xml_escape;
use super::format;
use crate::domain::availability::{Calendar, Day, SHADES};
use crate::domain::model::Incident;
use crate::domain::review::WhenHit;
use std::fmt::Write;

/// A day cell's side and the gap between cells, in pixels.
pub const CELL: i64 = 13;
const GAP: i64 = 3;
const LEFT: i64 = 30;
const TOP: i64 = 18;

/// The calendar's view box.
pub fn calendar_size(c: &Calendar) -> (i64, i64) {
    (
        LEFT + c.weeks.len() as i64 * (CELL + GAP),
        TOP + 7 * (CELL + GAP),
    )
}

/// A day in words: `5 Mar 2026: 1h 9min down (weighted), 3 incidents: A; B; C`.
pub fn day_label(d: &Day, incidents: &[&Incident]) -> String {
    let mut out = format!("{}: ", format::day(d.date));
    if d.down_secs > 0 {
        out.push_str(&format!(
            "{} down (weighted)",
            format::duration(d.down_secs as f64)
        ));
    } else {
        out.push_str("no downtime");
    }
    if !d.incidents.is_empty() {
        let titles: Vec<&str> = d
            .incidents
            .iter()
            .filter_map(|i| incidents.get(*i).map(|inc| inc.title.as_str()))
            .take(5)
            .collect();
        let more = d.incidents.len().saturating_sub(titles.len());
        out.push_str(&format!(
            ", {}: {}{}",
            format::plural(d.incidents.len(), "incident"),
            titles.join("; "),
            if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            }
        ));
    }
    out
}

/// The calendar: month names on top, Monday/Wednesday/Friday on the left, one cell per day
/// shaded by weighted downtime. `link(date)` gives the address of a day's incidents.
pub fn calendar_markup(
    c: &Calendar,
    incidents: &[&Incident],
    link: impl Fn(chrono::NaiveDate) -> String,
) -> String {
    let mut out = String::with_capacity(c.weeks.len() * 7 * 120);
    for (week, name) in &c.months {
        let _ = write!(
            out,
            r#"<text class="mo" x="{}" y="11">{}</text>"#,
            LEFT + *week as i64 * (CELL + GAP),
            xml_escape(name)
        );
    }
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
        let _ = write!(
            out,
            r#"<text class="wd" x="0" y="{}">{name}</text>"#,
            TOP + row * (CELL + GAP) + CELL - 3
        );
    }
    for (col, week) in c.weeks.iter().enumerate() {
        for (row, day) in week.iter().enumerate() {
            let Some(d) = day else { continue };
            let (x, y) = (
                LEFT + col as i64 * (CELL + GAP),
                TOP + row as i64 * (CELL + GAP),
            );
            let label = xml_escape(&day_label(d, incidents));
            let class = if d.incidents.is_empty() {
                format!("cal{}", d.shade)
            } else {
                format!("cal{} has", d.shade)
            };
            let rect = format!(
                r#"<rect class="{class}" x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2"><title>{label}</title></rect>"#
            );
            if d.incidents.is_empty() {
                out.push_str(&rect);
            } else {
                let _ = write!(
                    out,
                    r#"<a href="{}" aria-label="{label}" data-day="{}">{rect}</a>"#,
                    xml_escape(&link(d.date)),
                    d.date
                );
            }
        }
    }
    out
}

/// The calendar's legend: each shade and the minutes it stands for.
pub fn shade_legend() -> Vec<(u8, String)> {
    let [a, b, c] = SHADES;
    vec![
        (0, "no downtime".into()),
        (1, format!("under {a} min")),
        (2, format!("{a}–{b} min")),
        (3, format!("{b} min – {} h", c / 60)),
        (4, format!("{} h or more", c / 60)),
    ]
}

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const HOUR_CELL: i64 = 18;
const HOUR_LEFT: i64 = 36;
const HOUR_TOP: i64 = 16;

/// The hour-of-week grid's view box.
pub fn hours_size() -> (i64, i64) {
    (HOUR_LEFT + 24 * HOUR_CELL, HOUR_TOP + 7 * HOUR_CELL)
}

/// Shade 0–4 of a count against the busiest cell.
fn hour_shade(n: u32, max: u32) -> u32 {
    match (n, max) {
        (0, _) | (_, 0) => 0,
        (_, 1) => 4,
        _ => 1 + (3 * (n - 1)) / (max - 1),
    }
}

/// The hour-of-week grid: a row per weekday, a column per hour, shaded by how many incidents
/// started then (business hours outlined).
pub fn hours_markup(w: &WhenHit, business: (u32, u32)) -> String {
    let max = w.grid.iter().flatten().copied().max().unwrap_or(0);
    let mut out = String::with_capacity(7 * 24 * 110);
    for h in (0..24).step_by(6) {
        let _ = write!(
            out,
            r#"<text class="mo" x="{}" y="11">{h:02}:00</text>"#,
            HOUR_LEFT + h * HOUR_CELL
        );
    }
    for (d, row) in w.grid.iter().enumerate() {
        let name = WEEKDAYS.get(d).copied().unwrap_or_default();
        let _ = write!(
            out,
            r#"<text class="wd" x="0" y="{}">{}</text>"#,
            HOUR_TOP + d as i64 * HOUR_CELL + HOUR_CELL - 5,
            name.get(..3).unwrap_or(name)
        );
        for (h, n) in row.iter().enumerate() {
            let _ = write!(
                out,
                r#"<rect class="hr{}" x="{}" y="{}" width="{}" height="{}" rx="2"><title>{name} {h:02}:00–{:02}:00: {}</title></rect>"#,
                hour_shade(*n, max),
                HOUR_LEFT + h as i64 * HOUR_CELL + 1,
                HOUR_TOP + d as i64 * HOUR_CELL + 1,
                HOUR_CELL - 2,
                HOUR_CELL - 2,
                h + 1,
                format::plural(*n as usize, "incident")
            );
        }
    }
    // Business hours on weekdays, outlined.
    let (a, b) = business;
    let _ = write!(
        out,
        r#"<rect class="business" x="{}" y="{HOUR_TOP}" width="{}" height="{}" rx="3"/>"#,
        HOUR_LEFT + i64::from(a) * HOUR_CELL,
        i64::from(b.saturating_sub(a)) * HOUR_CELL,
        5 * HOUR_CELL
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::{calendar, downtime};
    use crate::domain::model::Severity;

    #[test]
    fn days_with_incidents_are_links_with_their_words() {
        let inc = Incident {
            id: "a".into(),
            title: "API <down>".into(),
            started_at: "2026-03-02T10:00:00Z".parse().ok(),
            resolved_at: "2026-03-02T11:09:00Z".parse().ok(),
            severity: Severity::new(1, "SEV1"),
            ..Incident::default()
        };
        let refs = vec![&inc];
        let dt = downtime(&refs);
        let cal = calendar(
            &refs,
            &dt,
            None,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            1,
        );
        let svg = calendar_markup(&cal, &refs, |d| format!("/incidents?from={d}&to={d}"));
        assert_eq!(svg.matches("<rect").count(), 31);
        assert_eq!(svg.matches("<a ").count(), 1);
        assert!(svg.contains(r#"<a href="/incidents?from=2026-03-02&amp;to=2026-03-02""#));
        assert!(svg.contains("2 Mar 2026: 1h 9min down (weighted), 1 incident: API &lt;down&gt;"));
        assert!(svg.contains(r#"class="cal3 has""#));
        assert!(svg.contains(">Mar</text>"));
        assert_eq!(shade_legend()[2].1, "5–30 min");
    }

    #[test]
    fn the_hour_grid_has_a_titled_cell_per_hour_of_the_week() {
        let mut w = WhenHit::default();
        w.grid[1][23] = 2;
        w.grid[5][14] = 1;
        let svg = hours_markup(&w, (9, 18));
        assert_eq!(svg.matches("<title>").count(), 7 * 24);
        assert!(svg.contains("<title>Tuesday 23:00–24:00: 2 incidents</title>"));
        assert!(
            svg.contains(r#"class="hr4""#),
            "the busiest cell is darkest"
        );
        assert!(svg.contains(r#"<rect class="business" x="198""#));
    }
}
