//! Chart layouts as plain data in whole pixels: the severity trend (stacked bars per period)
//! and the duration distribution (a log-scale strip plot per severity). The UI draws them as
//! inline SVG and the same numbers feed their text alternatives; tests check them natively.

use super::metrics::{Bucket, Summary, SMALL_N};

/// One severity's segment of a bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// 0 = unknown, 1..=4.
    pub level: u8,
    pub count: usize,
    pub y: i64,
    pub height: i64,
}

/// One period's bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub x: i64,
    pub width: i64,
    pub total: usize,
    /// From the most severe (bottom) up; empty levels are left out.
    pub segments: Vec<Segment>,
    /// The previous period's total, drawn as a tick for comparison; `None` for the first bar.
    pub previous: Option<usize>,
    pub previous_y: Option<i64>,
}

/// The stacked bar chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrendChart {
    pub width: i64,
    pub height: i64,
    /// The plot area's top and bottom (the value axis runs from `bottom` up to `top`).
    pub top: i64,
    pub bottom: i64,
    pub left: i64,
    pub max: usize,
    pub bars: Vec<Bar>,
    /// Value-axis ticks: `(y, count)`.
    pub ticks: Vec<(i64, usize)>,
    /// The last period against the one before it.
    pub last: Option<(usize, usize)>,
    /// The last two periods' labels (the last one with incidents, and the one before).
    pub last_labels: Option<(String, String)>,
    /// Earlier periods not drawn (the chart shows the latest ones; `table` lists all).
    pub skipped: usize,
    /// Every period, drawn or not: label, counts per level (0 = unknown) and total.
    pub table: Vec<(String, [usize; 5], usize)>,
    /// True when the last two periods hold fewer than [`SMALL_N`] incidents each: a change means little.
    pub too_small: bool,
}

/// Lays out stacked bars for the buckets in a `width` × `height` box (at most `max_bars`, the
/// most recent ones).
pub fn trend_chart(buckets: &[Bucket], width: i64, height: i64, max_bars: usize) -> TrendChart {
    let (top, bottom, left, right) = (10, height - 28, 36, 6);
    let shown = buckets
        .get(buckets.len().saturating_sub(max_bars.max(1))..)
        .unwrap_or(&[]);
    let skipped = buckets.len() - shown.len();
    let max = shown.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let step = nice_step(max);
    let axis_max = max.div_ceil(step) * step;
    let plot_h = (bottom - top).max(1);
    let y_of = |count: usize| bottom - (count as i64 * plot_h) / axis_max as i64;
    let slot = ((width - left - right) / shown.len().max(1) as i64).max(1);
    let bar_w = (slot * 7 / 10).max(1);
    let bars = shown
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut y = bottom;
            let mut cum = 0;
            let mut segments = Vec::new();
            for level in [1u8, 2, 3, 4, 0] {
                let count = b.by_level.get(usize::from(level)).copied().unwrap_or(0);
                if count == 0 {
                    continue;
                }
                cum += count;
                let next = y_of(cum);
                segments.push(Segment {
                    level,
                    count,
                    y: next,
                    height: y - next,
                });
                y = next;
            }
            let previous = (i + skipped)
                .checked_sub(1)
                .and_then(|p| buckets.get(p))
                .map(|p| p.count);
            Bar {
                label: b.label.clone(),
                x: left + i as i64 * slot + (slot - bar_w) / 2,
                width: bar_w,
                total: b.count,
                segments,
                previous,
                previous_y: previous.map(|p| y_of(p.min(axis_max))),
            }
        })
        .collect();
    let ticks = (0..=axis_max / step)
        .map(|k| (y_of(k * step), k * step))
        .collect();
    let last = match buckets {
        [.., prev, cur] => Some((cur.count, prev.count)),
        _ => None,
    };
    let last_labels = match buckets {
        [.., prev, cur] => Some((cur.label.clone(), prev.label.clone())),
        _ => None,
    };
    let table = buckets
        .iter()
        .map(|b| (b.label.clone(), b.by_level, b.count))
        .collect();
    TrendChart {
        width,
        height,
        top,
        bottom,
        left,
        max,
        bars,
        ticks,
        last,
        last_labels,
        skipped,
        table,
        too_small: last.is_none_or(|(c, p)| c < SMALL_N && p < SMALL_N),
    }
}

/// 1, 2, 5, 10, 20, 50… so that about five ticks cover `max`.
fn nice_step(max: usize) -> usize {
    let rough = max.div_ceil(5).max(1);
    let mut base = 1;
    loop {
        for m in [1, 2, 5] {
            if base * m >= rough {
                return base * m;
            }
        }
        base = base.saturating_mul(10);
    }
}

/// The log-scale duration axis: one minute to thirty days.
pub const AXIS_MIN_SECS: f64 = 60.0;
pub const AXIS_MAX_SECS: f64 = 30.0 * 86_400.0;

/// One severity's row of dots.
#[derive(Clone, Debug, PartialEq)]
pub struct StripRow {
    pub level: u8,
    pub y: i64,
    /// `(x, y, weight)`: incidents at the same spot share one dot whose weight counts them
    /// (y is jittered within the row so dense runs show; at 10k incidents this keeps the
    /// drawing to a few hundred dots per row).
    pub dots: Vec<(i64, i64, u32)>,
    pub summary: Summary,
    /// Median and p90 on the axis.
    pub median_x: Option<i64>,
    pub p90_x: Option<i64>,
}

/// The duration distribution.
#[derive(Clone, Debug, PartialEq)]
pub struct StripPlot {
    pub width: i64,
    pub height: i64,
    pub left: i64,
    pub right: i64,
    pub rows: Vec<StripRow>,
    /// Axis ticks: `(x, label)`.
    pub ticks: Vec<(i64, &'static str)>,
}

/// Lays out durations (seconds, best given ascending as [`super::metrics::Prepared::values_by_level`] gives
/// them) per level — index 0 = unknown, 1..=4 — on a log axis; levels
/// without any duration are left out. Durations outside the axis sit at its ends.
pub fn strip_plot(values_by_level: &[Vec<i64>; 5], width: i64) -> StripPlot {
    const ROW: i64 = 44;
    let (left, right) = (78, width - 12);
    let span = (right - left).max(1) as f64;
    let x_of = |secs: f64| {
        let t = (secs.max(AXIS_MIN_SECS).ln() - AXIS_MIN_SECS.ln())
            / (AXIS_MAX_SECS.ln() - AXIS_MIN_SECS.ln());
        left + (t.clamp(0.0, 1.0) * span).round() as i64
    };
    let mut rows = Vec::new();
    for level in [1u8, 2, 3, 4, 0] {
        let Some(values) = values_by_level.get(usize::from(level)) else {
            continue;
        };
        if values.is_empty() {
            continue;
        }
        let y = 8 + rows.len() as i64 * ROW + ROW / 2;
        let sorted_copy;
        let sorted: &[i64] = if values.is_sorted() {
            values
        } else {
            sorted_copy = {
                let mut v = values.clone();
                v.sort_unstable();
                v
            };
            &sorted_copy
        };
        // Ascending values give non-decreasing x, so a run of equal x is found by galloping
        // (a few logarithms per dot drawn, not one per incident); each run's incidents are
        // counted per jitter step and drawn top to bottom (no map, no sort).
        // Dots sit on a 2 px grid: a dot is 6 px wide, so finer steps would not show, only
        // double the dots to draw.
        let x_at = |i: usize| {
            sorted
                .get(i)
                .map(|v| (left + (x_of(*v as f64) - left + 1) / 2 * 2).min(right))
        };
        let mut dots = Vec::new();
        let mut start = 0;
        while let Some(x) = x_at(start) {
            let (mut last, mut stride) = (start, 1);
            while x_at(last + stride) == Some(x) {
                last += stride;
                stride *= 2;
            }
            // x_at(last) == x and x_at(last + stride) != x: bisect for the run's end.
            let mut beyond = last + stride;
            while beyond - last > 1 {
                let mid = last + (beyond - last) / 2;
                if x_at(mid) == Some(x) {
                    last = mid;
                } else {
                    beyond = mid;
                }
            }
            let mut counts = [0u32; 5];
            for i in start..=last {
                if let Some(c) = counts.get_mut(jitter(i)) {
                    *c += 1;
                }
            }
            push_run(&mut dots, Some((x, counts)), y);
            start = last + 1;
        }
        let summary = Summary::of_sorted(sorted, Default::default());
        rows.push(StripRow {
            level,
            y,
            dots,
            median_x: summary.median_secs.map(x_of),
            p90_x: summary.p90_shown().map(x_of),
            summary,
        });
    }
    let ticks = [
        (60.0, "1 min"),
        (600.0, "10 min"),
        (3600.0, "1 h"),
        (6.0 * 3600.0, "6 h"),
        (86_400.0, "1 d"),
        (7.0 * 86_400.0, "1 wk"),
        (AXIS_MAX_SECS, "30 d"),
    ]
    .into_iter()
    .map(|(s, l)| (x_of(s), l))
    .collect();
    StripPlot {
        width,
        height: 8 + rows.len() as i64 * ROW + 26,
        left,
        right,
        rows,
        ticks,
    }
}

/// A deterministic step (0..5, drawn 4 px apart) for dot `i`: no randomness, so the same data
/// gives the same picture.
fn jitter(i: usize) -> usize {
    ((i as u64).wrapping_mul(2_654_435_761) % 5) as usize
}

/// The dots of one run of equal x: one per occupied jitter step, top to bottom.
fn push_run(dots: &mut Vec<(i64, i64, u32)>, run: Option<(i64, [u32; 5])>, row_y: i64) {
    let Some((x, counts)) = run else { return };
    for (step, weight) in counts.iter().enumerate() {
        if *weight > 0 {
            dots.push((x, row_y + step as i64 * 4 - 8, *weight));
        }
    }
}

/// The row label for a level.
pub fn level_label(level: u8) -> &'static str {
    super::model::Level::name_of(Some(level))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_trend_says_what_it_leaves_out_and_keeps_every_period_in_its_table() {
        let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
        let buckets: Vec<Bucket> = (0..70)
            .map(|i| Bucket {
                label: format!("m{i}"),
                start,
                by_level: [0, 1, 0, 0, 0],
                count: 1,
                ttr: Summary::default(),
            })
            .collect();
        let c = trend_chart(
            &buckets,
            640,
            240,
            crate::domain::metrics::Period::Month.most_bars(),
        );
        assert_eq!(c.bars.len(), 60);
        assert_eq!(c.skipped, 10);
        assert_eq!(c.table.len(), 70, "the table lists every period");
        assert_eq!(c.bars[0].label, "m10");
        assert_eq!(c.last_labels, Some(("m69".to_string(), "m68".to_string())));
    }
    use chrono::NaiveDate;

    fn bucket(label: &str, by_level: [usize; 5]) -> Bucket {
        Bucket {
            label: label.into(),
            start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            by_level,
            count: by_level.iter().sum(),
            ttr: Summary::default(),
        }
    }

    #[test]
    fn bars_stack_most_severe_at_the_bottom_and_scale_to_a_nice_axis() {
        let buckets = vec![
            bucket("2026-01", [0, 1, 2, 3, 0]),
            bucket("2026-02", [1, 0, 4, 0, 0]),
            bucket("2026-03", [0, 0, 0, 0, 0]),
        ];
        let c = trend_chart(&buckets, 336, 228, 24);
        // Plot area 10..200 (190 px), left 36, 3 slots of 98 px, bars 68 px wide.
        assert_eq!((c.top, c.bottom, c.max), (10, 200, 6));
        // Axis: max 6, step 2, axis max 6 → 190 px / 6.
        assert_eq!(c.ticks.first(), Some(&(200, 0)));
        assert_eq!(c.ticks.last(), Some(&(10, 6)));
        let first = &c.bars[0];
        assert_eq!((first.x, first.width, first.total), (51, 68, 6));
        assert_eq!(
            first.segments,
            vec![
                Segment {
                    level: 1,
                    count: 1,
                    y: 169,
                    height: 31
                },
                Segment {
                    level: 2,
                    count: 2,
                    y: 105,
                    height: 64
                },
                Segment {
                    level: 3,
                    count: 3,
                    y: 10,
                    height: 95
                },
            ]
        );
        assert_eq!(first.previous, None);
        // Unknown severity stacks last, on top.
        let second = &c.bars[1];
        assert_eq!(second.segments.last().map(|s| s.level), Some(0));
        assert_eq!(second.previous, Some(6));
        assert_eq!(second.previous_y, Some(10));
        assert!(c.bars[2].segments.is_empty());
        assert_eq!(c.last, Some((0, 5)));
        assert!(c.too_small);
    }

    #[test]
    fn only_the_latest_bars_are_shown_and_compare_with_the_hidden_one() {
        let buckets: Vec<Bucket> = (0..30)
            .map(|i| bucket(&format!("w{i}"), [0, 0, 0, 12 + i, 0]))
            .collect();
        let c = trend_chart(&buckets, 600, 200, 12);
        assert_eq!(c.bars.len(), 12);
        assert_eq!(c.bars[0].label, "w18");
        assert_eq!(c.bars[0].previous, Some(29), "w17 had 12 + 17");
        assert_eq!(c.last, Some((41, 40)));
        assert!(!c.too_small);
    }

    #[test]
    fn nice_steps() {
        assert_eq!(
            [1, 5, 6, 11, 40, 99, 260].map(nice_step),
            [1, 1, 2, 5, 10, 20, 100]
        );
    }

    #[test]
    fn dots_at_the_same_spot_merge_with_a_weight() {
        let mut values: [Vec<i64>; 5] = Default::default();
        values[2] = vec![600; 1000];
        let p = strip_plot(&values, 412);
        let dots = &p.rows[0].dots;
        assert_eq!(dots.len(), 5, "one dot per jitter level");
        assert_eq!(dots.iter().map(|d| d.2).sum::<u32>(), 1000);
        assert_eq!(p.rows[0].summary.n, 1000);
    }

    #[test]
    fn unsorted_input_draws_the_same_plot_with_dots_in_x_then_y_order() {
        let mut sorted: [Vec<i64>; 5] = Default::default();
        sorted[1] = (1..400).map(|i| i * i * 7).collect();
        sorted[4] = vec![60, 60, 61, 90, 90, 90, 7200];
        let mut shuffled = sorted.clone();
        shuffled[1].reverse();
        shuffled[4].swap(0, 6);
        let (a, b) = (strip_plot(&sorted, 412), strip_plot(&shuffled, 412));
        assert_eq!(a, b);
        for row in &a.rows {
            assert!(row
                .dots
                .windows(2)
                .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
        }
        let info = &a.rows[1];
        assert_eq!(info.dots.iter().map(|d| d.2).sum::<u32>(), 7);
        // 60 s and 61 s round to the axis start (one minute), the three 90 s share one x.
        let at = |x: i64| -> u32 { info.dots.iter().filter(|d| d.0 == x).map(|d| d.2).sum() };
        assert_eq!(at(78), 3);
        assert_eq!(at(90), 3);
        assert!(
            a.rows
                .iter()
                .flat_map(|r| &r.dots)
                .all(|d| (d.0 - 78) % 2 == 0),
            "on the 2 px grid"
        );
    }

    #[test]
    fn strip_plot_uses_a_log_axis_per_severity() {
        let mut values: [Vec<i64>; 5] = Default::default();
        values[1] = vec![60, 3600, 30 * 86_400];
        values[3] = vec![10, 600];
        let p = strip_plot(&values, 412);
        // Axis 78..400: one minute at 78, thirty days at 400.
        assert_eq!(p.rows.len(), 2);
        let crit = &p.rows[0];
        assert_eq!(crit.level, 1);
        assert_eq!(crit.summary.n, 3);
        assert_eq!(
            crit.dots.iter().map(|d| d.0).collect::<Vec<_>>(),
            vec![78, 202, 400]
        );
        assert_eq!(crit.median_x, Some(202));
        // Ten seconds sits at the axis start; rows are 44 px apart.
        let minor = &p.rows[1];
        assert_eq!((minor.level, minor.y - crit.y), (3, 44));
        assert_eq!(minor.dots[0].0, 78);
        assert!(minor
            .dots
            .iter()
            .all(|d| (minor.y - 8..=minor.y + 8).contains(&d.1)));
        assert_eq!(p.ticks.first(), Some(&(78, "1 min")));
        assert_eq!(p.ticks.last(), Some(&(400, "30 d")));
        assert_eq!(p.height, 8 + 2 * 44 + 26);
    }
}
