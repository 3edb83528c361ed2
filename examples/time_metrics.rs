//! Times each metrics function on 100k generated incidents (a quick profile aid for the
//! criterion benchmark): `cargo run --release --example time_metrics`.
use aftermath::domain::demo::generate;
use aftermath::domain::heatmap;
use aftermath::domain::metrics::{self, Definitions, Period};
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
    let mut total = 0i64;
    for i in &refs {
        total += metrics::duration(i, defs.ttr).unwrap_or(0);
    }
    println!("durations only {:?} ({total})", t.elapsed());
    let t = Instant::now();
    let mut n = 0usize;
    for i in &refs {
        n += i.services.len() + i.title.len();
    }
    println!("touch only {:?} ({n})", t.elapsed());
    let t = Instant::now();
    let one = metrics::summarize(refs.iter().copied(), defs.ttr);
    println!("summarize ttr {:?} ({})", t.elapsed(), one.n);
    let t = Instant::now();
    let one = metrics::summarize(refs.iter().copied(), defs.ttd);
    println!("summarize ttd {:?} ({})", t.elapsed(), one.n);
    let t = Instant::now();
    let s = metrics::stats(&refs, &defs);
    println!("stats {:?} ({})", t.elapsed(), s.count);
    for p in [Period::Week, Period::Month, Period::Quarter] {
        let t = Instant::now();
        let b = metrics::trend(&refs, p, &defs);
        println!("trend {p:?} {:?} ({})", t.elapsed(), b.len());
    }
    let t = Instant::now();
    let r = metrics::top_services(&refs, &defs);
    println!("top_services {:?} ({})", t.elapsed(), r.len());
    let t = Instant::now();
    let h = heatmap::layout(&refs, 52, end, &defs);
    println!("heatmap {:?} ({})", t.elapsed(), h.boxes.len());
}
