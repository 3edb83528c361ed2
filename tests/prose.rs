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

/// Local wall clock and offset of a stamp, e.g. `2025-03-12T17:25:00+00:00`.
fn at(s: &Option<aftermath::domain::stamp::Stamp>) -> String {
    s.map(|s| s.to_string()).unwrap_or_default()
}

#[test]
fn bold_time_bullets_with_a_zone_in_the_heading_and_the_explicit_resolution() {
    let inc = one("freetext/en-bold-bullets-utc.md");
    assert_eq!(at(&inc.started_at), "2025-03-12T17:25:00+00:00");
    assert_eq!(at(&inc.detected_at), "2025-03-12T17:31:00+00:00");
    assert_eq!(at(&inc.acknowledged_at), "2025-03-12T17:36:00+00:00");
    // "back to normal" at 18:02 loses to "Incident resolved" at 18:15.
    assert_eq!(at(&inc.resolved_at), "2025-03-12T18:15:00+00:00");
    assert_eq!(
        inc.evidence_of("resolved_at").map(|c| (c.text, c.line)),
        Some((
            "- **18:15** - Incident resolved after the backlog of retries drained",
            Some(13)
        ))
    );
    assert_eq!(ttr(&inc), Some(50 * 60));
    assert!(inc.is_inferred("resolved_at"), "read from a keyword");
}

#[test]
fn twelve_hour_clock_in_a_stated_zone_crossing_midnight() {
    let inc = one("freetext/en-12h-pdt-midnight.md");
    assert_eq!(at(&inc.started_at), "2025-08-08T23:40:00-07:00");
    assert_eq!(
        at(&inc.resolved_at),
        "2025-08-09T01:45:00-07:00",
        "1:45 AM is the next day"
    );
    let d = durations(&inc, &Default::default());
    assert_eq!((d.ttd_secs, d.ttr_secs), (Some(12 * 60), Some(125 * 60)));
    assert_eq!(inc.severity.level, Some(2));
    // The severity line after the timeline is not part of the last row.
    assert!(!inc.timeline.last().unwrap().text.contains("Severity"));
}

#[test]
fn french_chronologie_in_french_time_with_spaced_hours() {
    let inc = one("freetext/fr-chronologie-heure-francaise.md");
    // "heure française" in June is UTC+2.
    assert_eq!(at(&inc.started_at), "2024-06-04T09:55:00+02:00");
    assert_eq!(at(&inc.acknowledged_at), "2024-06-04T10:20:00+02:00");
    assert_eq!(at(&inc.mitigated_at), "2024-06-04T10:48:00+02:00");
    assert_eq!(at(&inc.resolved_at), "2024-06-04T11:10:00+02:00");
    assert_eq!(ttr(&inc), Some(75 * 60));
    assert_eq!(inc.timeline.len(), 5);
}

#[test]
fn key_events_win_and_a_support_hours_figure_is_flagged_not_used() {
    let inc = one("freetext/en-key-events.md");
    assert_eq!(ts(&inc.detected_at).as_deref(), Some("2024-05-14T09:12:00"));
    assert_eq!(ts(&inc.resolved_at).as_deref(), Some("2024-05-15T10:30:00"));
    // The start is the first detection (no earlier time is stated): marked, with its line.
    assert!(inc.is_inferred("started_at"));
    assert_eq!(
        inc.evidence_of("started_at").map(|c| c.text),
        Some("- First detected 2024-05-14 09:12")
    );
    let d = durations(&inc, &Default::default());
    assert_eq!(d.ttr_secs, Some((24 * 60 + 78) * 60), "the times win");
    assert_eq!(d.ttd_secs, None, "no time to detect from an assumed start");
    assert!(inc
        .warnings
        .iter()
        .any(|w| w.is_about("durations.ttr_secs") && w.reason.contains("the times are used")));
    assert_eq!(inc.stated.ttr_secs, Some(3 * 3600 + 600));
    assert_eq!(inc.stated.ttm_secs, Some(3600 + 53 * 60));
}

#[test]
fn numbers_in_the_prose_are_not_durations() {
    let inc = one("freetext/en-misleading-numbers.md");
    assert_eq!(inc.stated, Default::default());
    assert_eq!(ttr(&inc), None);
    assert!(inc.is_inferred("started_at.time"));
}

#[test]
fn dated_sections_are_separate_incidents() {
    let r = import("freetext/en-two-outages.md");
    assert_eq!(r.incidents.len(), 2);
    let starts: Vec<String> = r.incidents.iter().map(|i| at(&i.started_at)).collect();
    assert_eq!(
        starts,
        ["2024-04-02T08:10:00+00:00", "2024-04-09T14:05:00+00:00"]
    );
    let ttrs: Vec<Option<i64>> = r.incidents.iter().map(ttr).collect();
    assert_eq!(ttrs, [Some(30 * 60), Some(57 * 60)]);
    assert_ne!(r.incidents[0].id, r.incidents[1].id);
}

#[test]
fn a_year_typo_is_corrected_against_the_document_date() {
    let inc = one("freetext/en-year-typo.md");
    assert_eq!(
        ts(&inc.acknowledged_at).as_deref(),
        Some("2023-01-11T14:40:00")
    );
    assert!(inc.is_inferred("acknowledged_at.year"));
    assert!(inc
        .warnings
        .iter()
        .any(|w| w.is_about("acknowledged_at") && w.reason.contains("2022")));
}

#[test]
fn a_window_with_a_date_on_each_end() {
    let inc = one("freetext/en-range-with-dates.md");
    assert_eq!(
        (at(&inc.started_at), at(&inc.resolved_at)),
        (
            "2026-09-06T05:25:00+00:00".to_string(),
            "2026-09-06T10:48:00+00:00".to_string()
        )
    );
    assert!(inc
        .evidence_of("started_at")
        .is_some_and(|c| c.text.contains("from Sep 6 at 05:25 to Sep 6 at 10:48 UTC")));
}

#[test]
fn kinds_notices_and_documents_that_are_not_reports() {
    use aftermath::domain::model::Kind;
    let advisory = one("freetext/en-advisory.md");
    assert_eq!(advisory.kind, Kind::Notice);
    assert!(advisory.evidence_of("kind").is_some());
    assert_eq!(
        advisory
            .started_at
            .map(|s| s.local_date().to_string())
            .as_deref(),
        Some("2024-02-03"),
        "the day its timeline opens"
    );
    let planned = one("cstate/2025-03-01-maintenance.md");
    assert_eq!(planned.kind, Kind::Maintenance);
    let notes = import("freetext/install-notes.md");
    assert!(notes.incidents.is_empty());
    assert_eq!(
        notes.files[0].status,
        aftermath::domain::import::Status::Warnings
    );
    assert!(notes.files[0].messages[0].starts_with("not an incident report"));
}

#[test]
fn the_year_comes_from_the_file_name_before_today() {
    let inc = one("frontmatter/2025-10-21-flags.md");
    // Reference date 2026-11-21: without the file name, October 14 would be 2026.
    assert_eq!(at(&inc.started_at), "2025-10-14T14:05:00+00:00");
    assert_eq!(at(&inc.resolved_at), "2025-10-14T15:10:00+00:00");
    assert_eq!(at(&inc.detected_at), "2025-10-14T14:20:00+00:00");
}

#[test]
fn an_update_line_ends_a_status_post_whose_front_matter_end_is_its_start() {
    let inc = one("cstate/2025-02-11-update-end.md");
    assert_eq!(at(&inc.resolved_at), "2025-02-11T21:48:00+00:00");
    assert!(inc.is_inferred("resolved_at"));
    assert_eq!(inc.evidence_lines.get("resolved_at"), Some(&16));
    assert_eq!(inc.timeline.len(), 2);
    assert_eq!(ttr(&inc), Some(78 * 60));
}
