//! Free-text postmortems and bulletins: facts read from our own fixtures (English and
//! French), with every guessed field marked as inferred.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use aftermath::domain::metrics::durations;
use common::*;

fn hm(s: &Option<aftermath::domain::stamp::Stamp>) -> Option<String> {
    s.map(|s| s.to_string().get(11..16).unwrap_or_default().to_string())
}

#[test]
fn french_metrics_weekday_and_timeline() {
    let inc = one("freetext/fr-metrics-weekday.txt");
    assert_eq!(inc.title, "Panne de la messagerie interne");
    // "Mardi 14 mars": the nearest year up to the reference date where 14 March is a Tuesday.
    assert_eq!(
        inc.started_at
            .map(|s| s.local_date().to_string())
            .as_deref(),
        Some("2023-03-14")
    );
    assert!(inc.is_inferred("started_at.year"));
    assert_eq!(hm(&inc.detected_at).as_deref(), Some("09:12"));
    assert_eq!(hm(&inc.acknowledged_at).as_deref(), Some("09:20"));
    assert_eq!(
        hm(&inc.resolved_at).as_deref(),
        Some("10:31"),
        "the time next to `rétabli`"
    );
    assert_eq!(inc.severity.level, Some(2));
    let d = durations(&inc, &Default::default());
    assert_eq!(
        (d.ttd_secs, d.ttr_secs),
        (Some(720), Some(5460)),
        "stated 12min and 1h31"
    );
    assert_eq!(inc.timeline.len(), 3);
    assert_eq!(inc.actions.len(), 2);
}

#[test]
fn english_timeline_with_utc_note_and_numbered_actions() {
    let inc = one("freetext/en-timeline-utc.md");
    assert_eq!(inc.title, "Postmortem: object storage write failures");
    assert_eq!(
        ts(&inc.started_at).as_deref(),
        Some("2023-08-09T07:55:00+00:00"),
        "zone from `All times in UTC`"
    );
    assert_eq!(hm(&inc.detected_at).as_deref(), Some("08:03"));
    assert_eq!(hm(&inc.acknowledged_at).as_deref(), Some("08:07"));
    assert_eq!(hm(&inc.mitigated_at).as_deref(), Some("08:31"));
    assert_eq!(hm(&inc.resolved_at).as_deref(), Some("08:52"));
    for f in [
        "started_at",
        "detected_at",
        "acknowledged_at",
        "mitigated_at",
        "resolved_at",
    ] {
        assert!(inc.is_inferred(f), "{f} comes from keywords");
    }
    assert_eq!(inc.severity.level, Some(2));
    assert_eq!(inc.timeline.len(), 5);
    assert_eq!(
        inc.actions,
        [
            "Add canary checks to gateway config changes.",
            "Alert on write errors per region."
        ]
    );
    assert!(inc
        .impact
        .as_deref()
        .is_some_and(|i| i.contains("1,400 customers")));
}

#[test]
fn english_weekday_month_day_without_year_and_range() {
    let inc = one("freetext/en-no-year.txt");
    assert_eq!(
        inc.started_at
            .map(|s| s.local_date().to_string())
            .as_deref(),
        Some("2024-03-08"),
        "Friday, March 8"
    );
    assert!(inc.is_inferred("started_at.year"));
    assert_eq!(ttr(&inc), Some(90 * 60));
    assert_eq!(inc.severity.level, None, "unknown is better than wrong");
    assert!(inc
        .warnings
        .iter()
        .any(|w| w.to_string() == "severity: not stated"));
    assert_eq!(inc.actions.len(), 2);
}

#[test]
fn french_title_line_day_first_date_and_range() {
    let inc = one("freetext/fr-range-slash-date.txt");
    assert_eq!(inc.title, "Retour sur l'incident du 05/06/2019");
    assert_eq!(ts(&inc.started_at).as_deref(), Some("2019-06-05T08:15:00"));
    assert_eq!(ts(&inc.resolved_at).as_deref(), Some("2019-06-05T09:40:00"));
    assert!(inc.inferred.is_empty(), "{:?}", inc.inferred);
    assert!(inc
        .impact
        .as_deref()
        .is_some_and(|i| i.contains("8 000 messages")));
}

#[test]
fn markdown_timeline_table() {
    let inc = one("freetext/en-table.md");
    assert_eq!(inc.timeline.len(), 5);
    assert_eq!(inc.timeline[0].text, "Deploy of resolver config started");
    assert_eq!(hm(&inc.detected_at).as_deref(), Some("14:09"));
    assert_eq!(hm(&inc.acknowledged_at).as_deref(), Some("14:15"));
    assert_eq!(hm(&inc.mitigated_at).as_deref(), Some("14:40"));
    assert_eq!(
        ts(&inc.resolved_at).as_deref(),
        Some("2022-02-17T14:55:00+00:00")
    );
    assert_eq!(inc.stated.ttr_secs, Some(53 * 60));
}

#[test]
fn text_without_any_date_is_rejected_not_guessed() {
    let r = import("freetext/en-unknown-everything.txt");
    assert_eq!(
        r.files[0].status,
        aftermath::domain::import::Status::Rejected
    );
    assert!(r.incidents.is_empty());
}

#[test]
fn bulletin_entries_regions_and_phrase_durations() {
    let r = import("bulletin/weekly-2024.txt");
    assert_eq!(r.files[0].format, "bulletin");
    let titles: Vec<&str> = r.incidents.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Packet Loss In FRA",
            "Slow Volume Snapshots In SIN",
            "API Outage In IAD and EWR"
        ]
    );
    assert_eq!(
        ts(&r.incidents[0].started_at).as_deref(),
        Some("2024-02-12T09:15:00+00:00"),
        "year from the bulletin's date"
    );
    assert_eq!(ttr(&r.incidents[0]), Some(20 * 60));
    assert_eq!(r.incidents[1].severity.level, Some(4), "No customer impact");
    assert_eq!(ttr(&r.incidents[2]), Some(40 * 60));
    assert_eq!(r.incidents[2].services, ["EWR", "IAD"]);
    assert!(
        !r.incidents[2].body.contains("metrics pipeline"),
        "the entry ends at the next section"
    );
}
