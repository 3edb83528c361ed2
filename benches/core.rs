//! Benchmarks of the domain core on a generated archive of 100k incidents:
//! native archive parsing throughput (target ≥ 200 MB/s), all metrics (target < 50 ms), and
//! memory per parsed incident (printed as a `bench:` line, measured by a counting allocator).
//!
//! `cargo bench --bench core`

#![allow(clippy::unwrap_used, clippy::expect_used)]
// The counting allocator below is the only unsafe code in the project: a benchmark-only shim.
#![allow(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
mod native {

    use aftermath::domain::demo::generate;
    use aftermath::domain::heatmap;
    use aftermath::domain::import::{read_archive, to_archive_json};
    use aftermath::domain::metrics::{self, Definitions, Period, Prepared};
    use aftermath::domain::model::Incident;
    use criterion::{criterion_group, Criterion, Throughput};
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicIsize, Ordering};

    /// Counts live heap bytes so the bench can report memory per incident.
    struct Counting;
    static LIVE: AtomicIsize = AtomicIsize::new(0);

    // SAFETY: every call is forwarded unchanged to `System`, which upholds the `GlobalAlloc`
    // contract; the only addition is an atomic counter.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static ALLOC: Counting = Counting;

    const N: usize = 100_000;

    fn archive_bytes() -> Vec<u8> {
        let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
        to_archive_json(&generate(N, 3 * 365, end, 42), None).into_bytes()
    }

    fn parsing(c: &mut Criterion) {
        let bytes = archive_bytes();
        let before = LIVE.load(Ordering::Relaxed);
        let archive = read_archive(&bytes).unwrap();
        let after = LIVE.load(Ordering::Relaxed);
        println!(
            "bench: memory per incident {:.0} bytes ({} incidents, archive {:.1} MB, {:.0} bytes of JSON each)",
            (after - before) as f64 / archive.incidents.len() as f64,
            archive.incidents.len(),
            bytes.len() as f64 / 1e6,
            bytes.len() as f64 / archive.incidents.len() as f64
        );
        drop(archive);
        let mut group = c.benchmark_group("parse");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.sample_size(10);
        group.bench_function("native archive 100k", |b| {
            b.iter(|| read_archive(&bytes).unwrap())
        });
        group.finish();
    }

    fn all_metrics(c: &mut Criterion) {
        let archive = read_archive(&archive_bytes()).unwrap();
        let refs: Vec<&Incident> = archive.incidents.iter().collect();
        let defs = Definitions::default();
        let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap();
        let mut group = c.benchmark_group("metrics");
        group.sample_size(10);
        // Once per data set (or per change of interval definitions).
        group.bench_function("prepare 100k", |b| {
            b.iter(|| Prepared::new(&refs, &defs).len())
        });
        // Per view: what a filter change recomputes.
        let prepared = Prepared::new(&refs, &defs);
        group.bench_function("all metrics on prepared 100k", |b| {
            b.iter(|| {
                let s = metrics::stats_of(&prepared);
                let w = metrics::trend_of(&prepared, Period::Week);
                let m = metrics::trend_of(&prepared, Period::Month);
                let q = metrics::trend_of(&prepared, Period::Quarter);
                let t = metrics::top_services_of(&prepared);
                let h = heatmap::layout(&refs, 52, end, &defs);
                (s.count, w.len(), m.len(), q.len(), t.len(), h.boxes.len())
            })
        });
        group.finish();
    }

    criterion_group!(benches, parsing, all_metrics);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

/// Benchmarks are native only.
#[cfg(target_arch = "wasm32")]
fn main() {}
