//! The heatmap's SVG markup as one string: thousands of boxes at 10k incidents are set in one
//! DOM call (`inner_html` on a `<g>`) instead of one call per attribute per box, which keeps a
//! filter change within a frame. Every piece of text is escaped; numbers are integers (tenths
//! of a pixel: the view box is scaled by 10), so no float formatting reaches the bundle.

use super::format;
use crate::domain::feed::xml_escape;
use crate::domain::heatmap::Heatmap;
use crate::domain::model::Severity;
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

/// Weekday initials, day cells, week labels and one focusable box per incident (`data-id`
/// names the incident; the class `d100`…`d15` carries the impact; `aria-label` says title, start, duration
/// and severity, and the page shows it as a tooltip on hover and focus — one shared tooltip
/// rather than a `<title>` per box keeps thousands of boxes light).
pub fn markup(h: &Heatmap) -> String {
    let mut out = String::with_capacity(200 * (h.cells.len() + h.boxes.len()));
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
            r#"<rect class="{}" x="{}" y="{}" width="{}" height="{}" rx="30"><title>{}: {} incidents</title></rect>"#,
            if c.future { "cell future" } else { "cell" },
            LEFT + i64::from(c.col) * CELL + 10,
            TOP + i64::from(c.row) * CELL + 10,
            CELL - 20,
            CELL - 20,
            c.date,
            c.count
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
    for b in &h.boxes {
        let tip = format!(
            "{} — {} — {} — severity {}",
            b.title,
            b.date,
            b.duration_secs
                .map_or_else(|| "duration unknown".into(), |d| format::duration(d as f64)),
            Severity::level_name(b.level)
        );
        let tip = xml_escape(&tip);
        let side = px(b.side).max(20);
        let _ = write!(
            out,
            r#"<rect class="box d{}{}" data-testid="heat-box" data-id="{}" x="{}" y="{}" width="{side}" height="{side}" rx="15" tabindex="0" role="link" aria-label="{tip}"/>"#,
            (b.darkness * 100.0).round() as i64,
            if b.duration_secs.is_some() {
                ""
            } else {
                " unknown"
            },
            xml_escape(&b.incident_id),
            LEFT + px(b.x),
            TOP + px(b.y),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::heatmap::layout;
    use crate::domain::metrics::Definitions;
    use crate::domain::model::Incident;

    #[test]
    fn boxes_are_placed_from_the_layout_and_text_is_escaped() {
        let inc = Incident {
            id: "x\"1".into(),
            title: "<script>alert(1)</script> & co".into(),
            started_at: "2026-11-18T10:00:00Z".parse().ok(),
            resolved_at: "2026-11-18T11:00:00Z".parse().ok(),
            severity: Severity::new(1, "SEV1"),
            ..Incident::default()
        };
        let end = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let h = layout(&[&inc], 2, end, &Definitions::default());
        let svg = markup(&h);
        assert_eq!(svg.matches("data-testid=\"heat-box\"").count(), 1);
        assert_eq!(svg.matches("class=\"cell").count(), 14);
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co — 2026-11-18 — 1h — severity critical"
        ));
        assert!(svg.contains("data-id=\"x&quot;1\""));
        let b = &h.boxes[0];
        assert!(svg.contains(&format!("x=\"{}\" y=\"{}\"", LEFT + px(b.x), TOP + px(b.y))));
        assert!(
            svg.contains("class=\"box d100\""),
            "darkness as a class: {svg}"
        );
        assert_eq!(size(&h), (LEFT + 7 * CELL, TOP + 2 * CELL));
    }
}
