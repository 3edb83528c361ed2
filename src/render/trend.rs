//! The severity-trend chart's SVG content as strings (each set in one DOM call, like the
//! heatmap): grid and value axis, stacked bars with the previous period's total as a tick, and
//! period labels spaced so they never overlap. The three parts are separate so a page can keep
//! the ones a filter change leaves alone. Numbers are integers; labels are escaped.

use crate::domain::charts::TrendChart;
use crate::domain::feed::xml_escape;
use std::fmt::Write;

/// Period labels stay at least this far apart (layout pixels).
const LABEL_GAP: i64 = 64;

/// The inner markup of the trend `<svg>` (its view box is `0 0 width height`): the axis, then
/// the bars, then the period labels.
pub fn markup(t: &TrendChart) -> String {
    axis_markup(t) + &bars_markup(t) + &labels_markup(t)
}

/// Grid lines and the value axis: they change only when the axis maximum does.
pub fn axis_markup(t: &TrendChart) -> String {
    let mut out = String::with_capacity(160 * t.ticks.len());
    for (y, n) in &t.ticks {
        let _ = write!(
            out,
            r#"<line class="grid" x1="{}" x2="{}" y1="{y}" y2="{y}"/><text class="axis" x="{}" y="{}" text-anchor="end">{n}</text>"#,
            t.left,
            t.width - 6,
            t.left - 6,
            y + 4
        );
    }
    out
}

/// The stacked bars: one path per severity (its segments in every bar), one path for the
/// previous periods' totals (ticks), then one titled, transparent column per bar for hovering
/// (`data-total` gives its count). A few elements however many bars, so a filter change
/// rebuilds little.
pub fn bars_markup(t: &TrendChart) -> String {
    let mut out = String::with_capacity(120 * t.bars.len() + 400);
    for level in [1u8, 2, 3, 4, 0] {
        let mut d = String::new();
        for b in &t.bars {
            for s in b.segments.iter().filter(|s| s.level == level) {
                let _ = write!(d, "M{} {}h{}v{}h-{}Z", b.x, s.y, b.width, s.height, b.width);
            }
        }
        if !d.is_empty() {
            let _ = write!(out, r#"<path class="seg lv{level}" d="{d}"/>"#);
        }
    }
    let mut ticks = String::new();
    for b in &t.bars {
        if let Some(py) = b.previous_y {
            let _ = write!(ticks, "M{} {py}H{}", b.x - 3, b.x + b.width + 3);
        }
    }
    if !ticks.is_empty() {
        let _ = write!(out, r#"<path class="prev" d="{ticks}"/>"#);
    }
    for b in &t.bars {
        let _ = write!(
            out,
            r#"<g data-testid="trend-bar" data-total="{}"><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" fill="transparent"/></g>"#,
            b.total,
            xml_escape(&b.label),
            super::format::plural(b.total, "incident"),
            b.x,
            t.top,
            b.width,
            t.bottom - t.top
        );
    }
    out
}

/// Period labels, spaced so they never overlap: they change only when the periods do.
pub fn labels_markup(t: &TrendChart) -> String {
    let slot = match t.bars.as_slice() {
        [a, b, ..] => (b.x - a.x).max(1),
        _ => LABEL_GAP,
    };
    let step = ((LABEL_GAP + slot - 1) / slot).max(1) as usize;
    let mut out = String::new();
    for b in t.bars.iter().step_by(step) {
        let _ = write!(
            out,
            r#"<text class="axis" x="{}" y="{}" text-anchor="middle">{}</text>"#,
            b.x + b.width / 2,
            t.bottom + 16,
            xml_escape(&b.label)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::charts::trend_chart;
    use crate::domain::metrics::{Bucket, Summary};

    #[test]
    fn bars_segments_ticks_and_spaced_labels() {
        let buckets: Vec<Bucket> = (0..20)
            .map(|i| Bucket {
                label: format!("2026-W{i:02}"),
                start: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                by_level: [0, 1, 0, i % 3, 0],
                count: 1 + i % 3,
                ttr: Summary::default(),
            })
            .collect();
        let t = trend_chart(&buckets, 640, 240, 26);
        let svg = markup(&t);
        assert_eq!(svg.matches("data-testid=\"trend-bar\"").count(), 20);
        // One path per severity present, holding every segment of that severity.
        let segments: usize = t.bars.iter().map(|b| b.segments.len()).sum();
        assert_eq!(
            svg.matches("class=\"seg ").count(),
            2,
            "levels 1 and 3 occur"
        );
        assert_eq!(bars_markup(&t).matches('Z').count(), segments);
        let prev = bars_markup(&t);
        let ticks = prev
            .split("class=\"prev\" d=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap();
        assert_eq!(ticks.matches('M').count(), 19, "every bar but the first");
        // 20 bars in 598 px: a 29 px slot, so every third bar is labelled.
        let labels = svg.matches("text-anchor=\"middle\"").count();
        assert_eq!(labels, 7);
        assert_eq!(labels_markup(&t).matches("<text").count(), 7);
        assert!(
            !bars_markup(&t).contains("<text"),
            "bars carry no text to lay out"
        );
        assert!(svg.contains(">2026-W03</text>"));
        let first = &t.bars[0];
        let seg = &first.segments[0];
        assert!(svg.contains(&format!(
            "<path class=\"seg lv{}\" d=\"M{} {}h{}v{}h-{}Z",
            seg.level, first.x, seg.y, first.width, seg.height, first.width
        )));
        assert!(svg.contains(&format!(
            "data-total=\"{}\"><title>2026-W00: {}</title>",
            first.total,
            super::super::format::plural(first.total, "incident")
        )));
        assert!(!svg.contains(": 1 incidents<"), "{svg}");
    }
}
