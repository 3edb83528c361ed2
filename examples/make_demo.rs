//! Writes the demo archive the app opens on: `cargo run --example make_demo > public/demo/archive.json`.
//! `tests/demo_archive.rs` fails when the committed file differs from this output.

fn main() {
    let incidents = aftermath::domain::demo::demo_archive();
    println!(
        "{}",
        aftermath::domain::import::to_archive_json(
            &incidents,
            Some("Aftermath demo archive (made-up data)")
        )
    );
}
