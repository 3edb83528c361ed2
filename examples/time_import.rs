//! Where an import's time goes, phase by phase, for one file:
//! `cargo run --profile cli --example time_import -- FILE`.

use aftermath::domain::import::{import_file, ImportOptions};
use aftermath::domain::metrics::{self, Definitions};
use aftermath::domain::model::Incident;
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: time_import FILE");
        std::process::exit(2);
    };
    let t = Instant::now();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let read = t.elapsed();
    println!(
        "size_of::<Incident>() = {}",
        std::mem::size_of::<Incident>()
    );
    let t = Instant::now();
    let skim = serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_ok();
    println!(
        "validating the JSON alone (a floor): {:?} ({skim})",
        t.elapsed()
    );
    let t = Instant::now();
    let opts =
        ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default());
    let mut result = import_file(&path, &bytes, &opts);
    let import = t.elapsed();
    let t = Instant::now();
    result.dedup();
    let dedup = t.elapsed();
    let t = Instant::now();
    let refs: Vec<&Incident> = result.incidents.iter().collect();
    let stats = metrics::stats(&refs, &Definitions::default());
    let computed = t.elapsed();
    println!(
        "{} incidents, {} MB: read {:?}, import {:?}, dedup {:?}, stats {:?} (ttr n = {})",
        result.incidents.len(),
        bytes.len() / 1_000_000,
        read,
        import,
        dedup,
        computed,
        stats.ttr.n
    );
}
