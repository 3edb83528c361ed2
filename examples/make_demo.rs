//! Writes the demo archive the app opens on: `cargo run --example make_demo > public/demo/archive.json`
//! and, in the binary form the page reads (`domain::codec`),
//! `cargo run --example make_demo -- --bin > public/demo/archive.bin`.
//! `tests/demo_archive.rs` fails when a committed file differs from this output.
//!
//! With numbers it writes a larger made-up archive for benchmarks and the e2e import test:
//! `cargo run --example make_demo -- COUNT [DAYS] [SEED]` (ending 2026-11-15).

use std::io::Write;

fn main() {
    let binary = std::env::args().any(|a| a == "--bin");
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let incidents = match args.as_slice() {
        [] => aftermath::domain::demo::demo_archive(),
        [count, rest @ ..] => {
            let days = rest.first().copied().unwrap_or(365);
            let seed = rest.get(1).copied().unwrap_or(7);
            let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap_or_default();
            aftermath::domain::demo::generate(*count as usize, days as i64, end, seed)
        }
    };
    if binary {
        let bytes = aftermath::domain::codec::encode(&aftermath::domain::import::ImportResult {
            incidents,
            ..Default::default()
        });
        if let Err(e) = std::io::stdout().write_all(&bytes) {
            eprintln!("make_demo: {e}");
            std::process::exit(1);
        }
        return;
    }
    println!(
        "{}",
        aftermath::domain::import::to_archive_json(
            &incidents,
            Some("Aftermath demo archive (made-up data)")
        )
    );
}
