//! Times the dashboard's steps on a generated archive (what one filter change costs):
//! `cargo run --release --example time_dashboard -- [COUNT]`.

use aftermath::domain::{dashboard, demo, metrics, view::View};
use std::time::Instant;

fn main() {
    let count = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap_or_default();
    let all = demo::generate(count, 365, end, 11);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let view = View::default();
    let t = Instant::now();
    let base = dashboard::prepare(&all, &view);
    println!("prepare (once per data set): {:?}", t.elapsed());
    for sev in [None, Some(1), Some(3)] {
        let v = View {
            severity: sev,
            ..View::default()
        };
        let t = Instant::now();
        let selected = dashboard::select(&all, &base, &v);
        let select = t.elapsed();
        let stats = metrics::headline_of(&selected);
        let kpis = t.elapsed() - select;
        let trend = dashboard::trend(&selected, v.period);
        let trend_time = t.elapsed() - select - kpis;
        println!(
            "  select {select:?}, KPIs {kpis:?}, trend {trend_time:?} (what the top of the page needs: {} incidents, {} bars)",
            stats.count,
            trend.bars.len()
        );
        let t = Instant::now();
        let d = dashboard::compute(&all, &base, &v, today);
        println!(
            "compute, severity {sev:?}: {:?} ({} incidents, {} boxes)",
            t.elapsed(),
            d.stats.count,
            d.heatmap.boxes.len()
        );
    }
}
