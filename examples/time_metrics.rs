//! Times each metrics step once on 100k generated incidents (a quick profile aid beside the
//! criterion benchmark): `cargo run --profile bench --example time_metrics`.
use aftermath::domain::demo::generate;
use aftermath::domain::heatmap;
use aftermath::domain::metrics::{self, Definitions, Period, Prepared};
use aftermath::domain::model::Incident;
use std::time::Instant;

fn main() {
    let Some(end) = chrono::NaiveDate::from_ymd_opt(2026, 11, 15) else {
        return;
    };
    let incidents = generate(100_000, 3 * 365, end, 42);
    let refs: Vec<&Incident> = incidents.iter().collect();
    let defs = Definitions::default();
    let t = Instant::now();
    let prepared = Prepared::new(&refs, &defs);
    println!(
        "prepare            {:?} ({} incidents)",
        t.elapsed(),
        prepared.len()
    );
    let t = Instant::now();
    let s = metrics::stats_of(&prepared);
    println!(
        "stats              {:?} ({} services)",
        t.elapsed(),
        s.by_service.len()
    );
    for p in [Period::Week, Period::Month, Period::Quarter] {
        let t = Instant::now();
        let b = metrics::trend_of(&prepared, p);
        println!(
            "trend {:<12} {:?} ({} buckets)",
            format!("{p:?}"),
            t.elapsed(),
            b.len()
        );
    }
    let t = Instant::now();
    let r = metrics::top_services_of(&prepared);
    println!("top services       {:?} ({} rows)", t.elapsed(), r.len());
    let t = Instant::now();
    let h = heatmap::layout(&refs, 52, end, &defs);
    println!(
        "heatmap 52 weeks   {:?} ({} boxes)",
        t.elapsed(),
        h.boxes.len()
    );
}
