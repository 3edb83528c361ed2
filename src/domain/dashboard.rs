//! Everything the dashboard shows for one view, computed in one pass: the UI keeps this in a
//! single memo, so a filter change prepares the incidents once and every chart reads from it.

use super::charts::{self, StripPlot, TrendChart};
use super::heatmap::{self, Heatmap};
use super::metrics::{self, Metric, Prepared, ServiceRow, Stats};
use super::model::Incident;
use super::view::View;
use chrono::{NaiveDate, TimeDelta};

/// The dashboard's numbers and chart layouts.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub stats: Stats,
    pub trend: TrendChart,
    pub distribution: StripPlot,
    /// By incident count, then total duration.
    pub services: Vec<ServiceRow>,
    pub heatmap: Heatmap,
}

/// Chart sizes in layout pixels (SVG view boxes and the canvas scale them).
pub const TREND_WIDTH: i64 = 640;
pub const TREND_HEIGHT: i64 = 240;
pub const TREND_MAX_BARS: usize = 26;
pub const STRIP_WIDTH: i64 = 640;

/// The heatmap's last day: the view's chosen end, else today — unless every incident is older
/// than the window, in which case it ends on the latest incident's day (an old archive still
/// shows something).
pub fn heatmap_end(selected: &[&Incident], view: &View, today: NaiveDate) -> NaiveDate {
    if let Some(end) = view.end {
        return end;
    }
    let latest = selected
        .iter()
        .filter_map(|i| i.anchor())
        .map(|s| s.local_date())
        .max();
    latest
        .filter(|d| *d < today - TimeDelta::weeks(i64::from(view.weeks)))
        .unwrap_or(today)
}

/// Computes the dashboard for the incidents the view selects.
pub fn compute(all: &[Incident], view: &View, today: NaiveDate) -> Dashboard {
    let selected: Vec<&Incident> = all.iter().filter(|i| view.matches(i)).collect();
    let defs = view.definitions();
    let prepared = Prepared::new(&selected, &defs);
    let buckets = metrics::trend_of(&prepared, view.period);
    Dashboard {
        stats: metrics::stats_of(&prepared),
        trend: charts::trend_chart(&buckets, TREND_WIDTH, TREND_HEIGHT, TREND_MAX_BARS),
        distribution: charts::strip_plot(&prepared.values_by_level(Metric::Ttr), STRIP_WIDTH),
        services: metrics::top_services_of(&prepared),
        heatmap: heatmap::layout(
            &selected,
            view.weeks,
            heatmap_end(&selected, view, today),
            &defs,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_archive;

    #[test]
    fn one_view_feeds_every_panel_from_the_same_selection() {
        let all = demo_archive();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let view = View {
            severity: Some(1),
            ..View::default()
        };
        let d = compute(&all, &view, today);
        let critical = all.iter().filter(|i| i.severity.level == Some(1)).count();
        assert!(critical > 0);
        assert_eq!(d.stats.count, critical);
        let bar_total: usize = d.trend.bars.iter().map(|b| b.total).sum();
        assert!(bar_total <= critical);
        assert!(d
            .trend
            .bars
            .iter()
            .all(|b| b.segments.iter().all(|s| s.level == 1)));
        assert_eq!(d.distribution.rows.len(), 1);
        assert_eq!(d.distribution.rows[0].summary.n, d.stats.ttr.n);
        assert!(d.heatmap.boxes.iter().all(|b| b.level == Some(1)));
        assert_eq!(d.heatmap.end, today, "the demo reaches into the window");
    }

    #[test]
    fn old_archives_end_the_heatmap_on_their_latest_day() {
        let inc = Incident {
            id: "x".into(),
            started_at: "2019-03-04T10:00:00Z".parse().ok(),
            ..Incident::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let view = View::default();
        assert_eq!(
            heatmap_end(&[&inc], &view, today),
            NaiveDate::from_ymd_opt(2019, 3, 4).unwrap()
        );
        let chosen = View {
            end: NaiveDate::from_ymd_opt(2020, 1, 1),
            ..View::default()
        };
        assert_eq!(heatmap_end(&[&inc], &chosen, today), chosen.end.unwrap());
    }
}
