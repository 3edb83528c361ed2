//! Facts each importer must read from the fixtures in `tests/fixtures/` (our own documents,
//! written in the styles of real archives).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use aftermath::domain::import::Status;
use aftermath::domain::metrics;
use common::*;

#[test]
fn cstate_regular_file() {
    let r = import("cstate/2024-03-05-queue-stall.md");
    assert_eq!(r.files[0].format, "cstate");
    assert_eq!(r.files[0].status, Status::Ok, "{:?}", r.files[0].messages);
    let inc = &r.incidents[0];
    assert_eq!(inc.title, "Build queue stalled");
    assert_eq!(
        ts(&inc.started_at).as_deref(),
        Some("2024-03-05T09:10:00+01:00")
    );
    assert_eq!(ttr(inc), Some(9000));
    assert_eq!(inc.severity.level, Some(3));
    assert_eq!(inc.severity.label.as_deref(), Some("disrupted"));
    assert_eq!(inc.services, ["Workers", "Copr"]);
    // "Updates:" become a timeline with the year from the incident's date.
    assert_eq!(inc.timeline.len(), 2);
    assert_eq!(
        ts(&inc.timeline[0].at).as_deref(),
        Some("2024-03-05T08:30:00+00:00")
    );
    assert_eq!(
        inc.timeline[1].text,
        "Queue empty, watching for recurrence."
    );
}

#[test]
fn cstate_invalid_hour_is_flagged_with_its_line() {
    let r = import("cstate/2024-04-10-bad-hour.md");
    assert_eq!(r.files[0].status, Status::Warnings);
    assert_eq!(
        r.files[0].messages,
        ["line 3: date: `2024-04-10T014:00:00+02:00` is not a valid date/time; left empty"]
    );
    assert_eq!(r.incidents[0].started_at, None);
    assert_eq!(r.incidents[0].severity.level, Some(1));
}

#[test]
fn cstate_resolution_before_start_is_kept_and_flagged() {
    let inc = one("cstate/2024-05-20-reversed.md");
    assert!(
        inc.warnings[0].to_string().contains("is before started_at"),
        "{:?}",
        inc.warnings
    );
    assert!(
        ttr(&inc).is_some_and(|d| d < 0),
        "negative reported as it is"
    );
    let refs = vec![&inc];
    let s = metrics::stats(&refs, &Default::default());
    assert_eq!(s.ttr.n, 0);
    assert_eq!(
        s.ttr
            .excluded
            .get(&aftermath::domain::metrics::Exclusion::Negative),
        Some(&1)
    );
}

#[test]
fn cstate_missing_opening_fence_and_yes() {
    let r = import("cstate/2024-06-01-no-fence.md");
    assert_eq!(r.files[0].status, Status::Warnings);
    assert!(r.files[0].messages[0].contains("opening `---`"));
    let inc = &r.incidents[0];
    assert_eq!(inc.title, "Certificate expired on mirror");
    assert!(!inc.open, "`resolved: yes` is true");
    assert_eq!(inc.severity.level, Some(4));
    assert_eq!(ttr(inc), Some(4500));
}

#[test]
fn cstate_naive_single_digit_hour_and_commented_key() {
    let inc = one("cstate/2021-02-02-naive.md");
    assert_eq!(ts(&inc.started_at).as_deref(), Some("2021-02-02T09:05:00"));
    assert!(inc.started_at.is_some_and(|s| s.is_floating()));
    // The commented-out resolvedWhen (12:00) is ignored.
    assert_eq!(ts(&inc.resolved_at).as_deref(), Some("2021-02-02T10:35:00"));
}

#[test]
fn cstate_open_incident_counts_as_open() {
    let inc = one("cstate/2025-01-15-open.md");
    assert!(inc.open);
    assert_eq!(
        metrics::duration(&inc, metrics::Interval::standard(metrics::Metric::Ttr)),
        Err(metrics::Exclusion::Open)
    );
}

#[test]
fn jekyll_post_takes_times_from_prose() {
    let r = import("frontmatter/2022-11-03-panne-paiement.md");
    assert_eq!(r.files[0].format, "frontmatter");
    let inc = &r.incidents[0];
    assert_eq!(inc.title, "Panne du module de paiement du 3 novembre 2022");
    assert_eq!(ts(&inc.started_at).as_deref(), Some("2022-11-03T10:05:00"));
    assert_eq!(ts(&inc.resolved_at).as_deref(), Some("2022-11-03T10:47:00"));
    assert_eq!(ttr(inc), Some(42 * 60));
    assert!(
        inc.impact
            .as_deref()
            .is_some_and(|i| i.contains("1 200 commandes")),
        "{:?}",
        inc.impact
    );
    assert_eq!(inc.actions.len(), 2);
}

#[test]
fn hugo_toml_and_collection_keys() {
    let inc = one("frontmatter/hugo-cache.md");
    assert_eq!(inc.severity.level, Some(2));
    assert_eq!(inc.services, ["Cache"]);
    assert_eq!(
        inc.tags,
        ["cache", "capacity", "eviction", "company:Example Corp"]
    );
    assert_eq!(ttr(&inc), Some(42 * 60));
    let inc = one("frontmatter/collection-entry.md");
    assert_eq!(inc.services, ["Webhooks", "API"]);
    assert_eq!(ttr(&inc), Some(210 * 60));
    assert!(inc
        .warnings
        .iter()
        .any(|w| w.to_string() == "severity: not stated"));
}

#[test]
fn hugo_toml_unquoted_datetimes_are_dates() {
    // TOML's own datetime type (Hugo's normal form), not a quoted string.
    let r = import("frontmatter/hugo-toml-datetime.md");
    assert_eq!(r.files[0].status, Status::Ok, "{:?}", r.files[0].messages);
    let inc = &r.incidents[0];
    assert_eq!(
        ts(&inc.started_at).as_deref(),
        Some("2026-06-20T09:00:00+02:00")
    );
    assert_eq!(
        ts(&inc.resolved_at).as_deref(),
        Some("2026-06-20T10:15:00+02:00")
    );
    assert_eq!(ttr(inc), Some(75 * 60));
    assert_eq!(inc.tags, ["search"]);
}

#[test]
fn times_only_timeline_table_under_a_utc_heading() {
    let inc = one("frontmatter/timeline-times-only.md");
    // The date from the front matter, the zone from the heading.
    assert_eq!(
        ts(&inc.detected_at).as_deref(),
        Some("2026-03-14T09:12:00+00:00")
    );
    assert_eq!(
        ts(&inc.acknowledged_at).as_deref(),
        Some("2026-03-14T09:15:00+00:00"),
        "“On-call acknowledges” is an acknowledgement"
    );
    assert_eq!(
        ts(&inc.mitigated_at).as_deref(),
        Some("2026-03-14T09:40:00+00:00")
    );
    assert_eq!(
        ts(&inc.resolved_at).as_deref(),
        Some("2026-03-14T10:05:00+00:00"),
        "an explicit “Incident resolved” row beats an earlier “back to normal”"
    );
    assert!(inc
        .evidence_of("resolved_at")
        .is_some_and(|e| e.text.contains("Incident resolved")));
    // Entries keep their text only: no time repeated, no table pipes.
    assert_eq!(inc.timeline.len(), 5);
    assert_eq!(inc.timeline[2].text, "On-call acknowledges the page");
    assert!(inc
        .timeline
        .iter()
        .all(|t| !t.text.contains('|') && !t.text.contains("09:") && t.at.is_some()));
}

#[test]
fn statuspage_list() {
    let r = import("statuspage/incidents.json");
    assert_eq!(r.files[0].format, "statuspage");
    assert_eq!(r.incidents.len(), 3);
    let a = &r.incidents[0];
    assert_eq!(a.title, "Elevated API errors");
    assert_eq!(
        ts(&a.started_at).as_deref(),
        Some("2024-02-01T09:58:00+00:00"),
        "started_at wins over created_at"
    );
    assert_eq!(
        ts(&a.mitigated_at).as_deref(),
        Some("2024-02-01T10:40:00+00:00")
    );
    assert_eq!(a.detected_at, None, "Statuspage has no detection time");
    assert_eq!(a.severity.level, Some(2));
    assert_eq!(a.services, ["API", "Webhooks"]);
    assert_eq!(
        a.timeline.first().map(|t| t.text.as_str()),
        Some("investigating: We see errors."),
        "oldest first"
    );
    let b = &r.incidents[1];
    assert!(b.open);
    assert_eq!(b.severity.level, Some(3));
    let c = &r.incidents[2];
    assert!(c
        .warnings
        .iter()
        .any(|w| w.to_string().starts_with("created_at: `yesterday`")));
    assert!(c
        .warnings
        .iter()
        .any(|w| w.to_string().starts_with("impact: `apocalyptic`")));
    assert_eq!(r.files[0].status, Status::Warnings);
}

#[test]
fn statuspage_single_with_postmortem() {
    let inc = one("statuspage/single.json");
    assert_eq!(inc.severity.level, Some(1));
    assert_eq!(ttr(&inc), Some(3 * 3600 + 1800));
    assert!(inc.body.contains("signing key"));
}

#[test]
fn gcp_incidents() {
    let r = import("gcp/incidents.json");
    assert_eq!(r.files[0].format, "gcp");
    let a = &r.incidents[0];
    assert_eq!(a.title, "Cloud Storage elevated latency");
    assert_eq!(a.severity.level, Some(2));
    assert_eq!(a.services, ["Cloud Storage", "europe-west1"]);
    assert_eq!(ttr(a), Some(9000));
    assert_eq!(a.timeline[0].text, "Investigating latency.");
    assert!(r.incidents[1].open);
    assert_eq!(r.incidents[1].services, ["Cloud Networking"]);
}

#[test]
fn pagerduty_incidents() {
    let r = import("pagerduty/incidents.json");
    assert_eq!(r.files[0].format, "pagerduty");
    let a = &r.incidents[0];
    assert_eq!(
        ts(&a.acknowledged_at).as_deref(),
        Some("2024-08-01T12:04:00+00:00"),
        "earliest acknowledgement"
    );
    assert_eq!(a.severity.level, Some(1));
    assert_eq!(a.services, ["checkout-api"]);
    assert_eq!(ttr(a), Some(2700));
    let b = &r.incidents[1];
    assert_eq!(b.severity.level, Some(3), "low urgency");
    assert!(
        b.is_inferred("resolved_at"),
        "resolved from last_status_change_at"
    );
    assert_eq!(ttr(b), Some(7200));
    assert!(r.incidents[2].open);
}

#[test]
fn csv_void_style() {
    let r = import("csv/void-style.csv");
    assert_eq!(r.files[0].format, "csv");
    assert_eq!(r.incidents.len(), 3);
    let a = &r.incidents[0];
    assert_eq!(a.title, "Regional DNS failure");
    assert_eq!(ts(&a.started_at).as_deref(), Some("2022-03-14T00:00:00"));
    assert_eq!(a.services, ["DNS", "Route 53"]);
    assert_eq!(a.tags, ["company:Acme"]);
    assert_eq!(ttr(a), Some(95 * 60), "bare Duration is minutes");
    assert_eq!(r.incidents[1].stated.ttr_secs, None);
    assert!(r.files[0]
        .messages
        .iter()
        .any(|m| m.contains("`13/45/2021` is not a date/time")));
}

#[test]
fn csv_bom_semicolon_services_and_mojibake() {
    let r = import("csv/log-bom-mojibake.csv");
    assert_eq!(r.incidents.len(), 2);
    let a = &r.incidents[0];
    assert_eq!(
        a.title, "Login errors",
        "BOM stripped from the first header"
    );
    assert_eq!(a.services, ["Auth", "API"]);
    assert_eq!(a.severity.level, Some(1));
    assert_eq!(
        metrics::durations(a, &Default::default()).ttd_secs,
        Some(360)
    );
    assert!(r.files[0].messages[0].contains("mojibake"));
}

#[test]
fn hostile_files_are_rejected_by_name_with_reasons() {
    let cases = [
        ("hostile/alias-bomb.md", "budget"),
        ("hostile/truncated.json", "line 1, column"),
        ("hostile/empty.md", "empty"),
        ("hostile/binary.json", "binary"),
        ("hostile/latin1.txt", "not UTF-8"),
    ];
    for (rel, needle) in cases {
        let r = import(rel);
        assert_eq!(r.files[0].path, rel);
        assert_eq!(r.files[0].status, Status::Rejected, "{rel}");
        assert!(
            r.files[0].messages[0].contains(needle),
            "{rel}: {:?}",
            r.files[0].messages
        );
    }
}

#[test]
fn years_zero_and_99999_are_dropped_with_warnings() {
    let inc = one("hostile/years.md");
    assert_eq!((inc.started_at, inc.resolved_at), (None, None));
    assert_eq!(
        inc.warnings
            .iter()
            .filter(|w| w.to_string().contains("implausible year"))
            .count(),
        2
    );
}

#[test]
fn fifty_megabyte_single_line_does_not_panic() {
    let line = "x".repeat(50 * 1024 * 1024);
    let r = aftermath::domain::import::import_file("huge.txt", line.as_bytes(), &opts());
    assert_eq!(r.files[0].status, Status::Rejected);
    assert!(r.files[0].messages[0].contains("no incident date"));
}

#[test]
fn deeply_nested_json_is_read_without_overflow() {
    // Nesting is skipped without recursion: a deep document is rejected for what it is, and a
    // deep value inside one field costs that field only.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let r = aftermath::domain::import::import_file("deep.json", deep.as_bytes(), &opts());
    assert_eq!(r.files[0].status, Status::Rejected);
    assert!(
        r.files[0].messages[0].contains("not an incident format"),
        "{:?}",
        r.files[0].messages
    );
    let field = format!(
        r#"{{"incidents": [{{"name": "Queue stalled", "impact": "minor", "created_at": {}{}, "resolved_at": "2024-05-01T10:00:00Z"}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let r = aftermath::domain::import::import_file("field.json", field.as_bytes(), &opts());
    assert_eq!(r.incidents.len(), 1);
    assert_eq!(r.incidents[0].title, "Queue stalled");
    assert_eq!(
        r.files[0].messages,
        ["created_at: a list, not a date/time; left empty"]
    );
}

#[test]
fn overlapping_exports_count_each_incident_once_and_keep_the_latest_version() {
    use aftermath::domain::import::ImportResult;
    let mut all = ImportResult::default();
    all.extend(import("pagerduty/export-august.json"));
    all.extend(import("pagerduty/export-q3.json"));
    assert_eq!(all.incidents.len(), 5);
    assert_eq!(all.dedup(), 2, "two incidents were in both exports");
    let titles: Vec<&str> = all.incidents.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Search latency above SLO",
            "Payments webhook backlog (resolved)",
            "DNS resolution errors"
        ],
        "the later export updates the incident in place"
    );
    let payments = &all.incidents[1];
    assert_eq!(
        ts(&payments.resolved_at).as_deref(),
        Some("2024-08-31T01:40:00+00:00")
    );
    // The source's own id and link are fields, not tags.
    let search = &all.incidents[0];
    assert_eq!(search.source.external_id.as_deref(), Some("PAB12CD"));
    assert_eq!(
        search.source.url.as_deref(),
        Some("https://example.pagerduty.com/incidents/PAB12CD")
    );
    assert!(
        all.incidents.iter().all(|i| i.tags.is_empty()),
        "no link: or pd# tags"
    );
}

#[test]
fn statuspage_links_and_ids_are_fields_not_tags() {
    let r = import("statuspage/incidents.json");
    assert!(r
        .incidents
        .iter()
        .all(|i| i.tags.iter().all(|t| !t.starts_with("link:"))));
    assert!(r.incidents.iter().any(|i| i.source.url.is_some()));
}
