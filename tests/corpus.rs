//! Acceptance on the real documents shipped beside the project in `../shared/` (five
//! postmortems and a 108-file cState archive). These files are not ours to copy into the
//! repository; when they are absent (a clone without `shared/`), the test says so and passes
//! without checking.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use aftermath::cli::import_paths;
use aftermath::domain::import::Status;
use aftermath::domain::metrics::durations;
use common::*;
use std::path::PathBuf;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} not present", p.display());
        None
    }
}

fn hm(s: &Option<aftermath::domain::stamp::Stamp>) -> String {
    s.map(|s| s.to_string().get(11..16).unwrap_or_default().to_string())
        .unwrap_or_default()
}

#[test]
fn packit_cstate_archive_every_file_accounted_for() {
    let Some(dir) = shared("corpus/packit-status/content/issues") else {
        return;
    };
    let r = import_paths(&[dir], &opts());
    assert_eq!(r.files.len(), 108);
    assert_eq!(r.incidents.len(), 108);
    let by_name = |n: &str| r.files.iter().find(|f| f.path.ends_with(n)).unwrap();
    let bad_time = by_name("2024-08-13-github-outage.md");
    assert_eq!(bad_time.status, Status::Warnings);
    assert!(
        bad_time.messages[0].contains("T015:00"),
        "{:?}",
        bad_time.messages
    );
    let no_fence = by_name("2023-10-31-release-monitoring.org-outage.md");
    assert!(no_fence.messages[0].contains("opening `---`"));
    let reversed = by_name("2023-09-05-copr-outage.md");
    assert!(reversed.messages[0].contains("is before started_at"));
    // Besides the three defects, every end more than 30 days after its start is flagged (the
    // longest, 305 days, is a page left open, not a ten-month outage).
    let long: Vec<_> = r
        .files
        .iter()
        .filter(|f| {
            f.messages
                .iter()
                .any(|m| m.contains("days after started_at: check it"))
        })
        .map(|f| f.path.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(long.len(), 6, "{long:?}");
    assert!(long.contains(&"2024-01-09-GitHub-outage.md"));
    let flagged = r.files.iter().filter(|f| f.status != Status::Ok).count();
    assert_eq!(flagged, 3 + long.len());
}

#[test]
fn seeds_match_the_acceptance_facts() {
    let Some(dir) = shared("seeds") else { return };
    let r = import_paths(&[dir], &opts());
    let find = |prefix: &str| {
        r.incidents
            .iter()
            .filter(|i| i.source.file.contains(prefix))
            .collect::<Vec<_>>()
    };

    let s0 = find("000_")[0];
    assert_eq!(
        s0.started_at.map(|s| s.local_date().to_string()).as_deref(),
        Some("2026-09-17"),
        "Thursday 17 September"
    );
    assert!(s0.is_inferred("started_at.year"));
    assert_eq!(s0.severity.level, Some(1));
    let d = durations(s0, &Default::default());
    assert_eq!((d.ttd_secs, d.ttr_secs), (Some(900), Some(17_400)));
    let times: Vec<String> = s0.timeline.iter().map(|t| hm(&t.at)).collect();
    assert_eq!(times, ["13:53", "14:45", "15:50", "18:40"]);
    assert_eq!(s0.actions.len(), 6);

    let s1 = find("001_")[0];
    assert_eq!(ts(&s1.started_at).as_deref(), Some("2016-02-16T14:30:00"));
    assert_eq!(ttr(s1), Some(240 * 60));
    assert!(s1.impact.as_deref().is_some_and(|i| i.contains("30 000")));
    assert_eq!(s1.actions.len(), 3);

    let s2 = find("002_")[0];
    assert!(s2.is_inferred("started_at.year"));
    assert_eq!(
        [
            hm(&s2.started_at),
            hm(&s2.detected_at),
            hm(&s2.acknowledged_at),
            hm(&s2.mitigated_at),
            hm(&s2.resolved_at)
        ],
        ["13:12", "13:23", "13:26", "14:17", "14:34"]
    );
    let d = durations(s2, &Default::default());
    assert_eq!((d.ttd_secs, d.ttr_secs), (Some(660), Some(82 * 60)));
    assert_eq!(s2.timeline.len(), 14);

    let s3 = find("003_")[0];
    assert_eq!(s3.title, "Incident de production du 22 septembre 2021");
    assert_eq!(ts(&s3.started_at).as_deref(), Some("2021-09-22T16:00:00"));
    assert_eq!(ttr(s3), Some(26 * 60));

    let s4 = find("004_");
    assert_eq!(s4.len(), 6);
    let days: Vec<String> = s4
        .iter()
        .map(|i| {
            i.started_at
                .map(|s| s.local_date().format("%m-%d").to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(days, ["07-14", "07-15", "07-16", "07-16", "07-18", "07-18"]);
    assert!(
        s4.iter().all(|i| i
            .started_at
            .and_then(|s| s.offset())
            .map(|o| o.local_minus_utc())
            == Some(-5 * 3600)),
        "EST"
    );
    let services: std::collections::BTreeSet<&str> = s4
        .iter()
        .flat_map(|i| i.services.iter().map(String::as_str))
        .collect();
    assert_eq!(
        services.into_iter().collect::<Vec<_>>(),
        ["IAD", "ORD", "SJC"]
    );
    assert_eq!(ttr(s4[0]), Some(3600));
    assert_eq!(ttr(s4[2]), Some(7200));
}
