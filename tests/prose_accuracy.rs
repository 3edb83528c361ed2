//! Field-level accuracy of the prose readers on our own fixtures: for each document the facts
//! a careful reader would note, compared field by field. Prints the share right as a `bench:`
//! line and fails below the floor, listing every miss.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use aftermath::domain::metrics::durations;
use aftermath::domain::model::Incident;
use common::*;

/// What the document says. `None` means "not in the text" (the reader must leave it empty).
struct Expect {
    file: &'static str,
    title: Option<&'static str>,
    date: &'static str,
    start: Option<&'static str>,
    resolved: Option<&'static str>,
    ttd: Option<i64>,
    ttr: Option<i64>,
    level: Option<u8>,
    timeline: usize,
    actions: usize,
}

const EXPECTED: &[Expect] = &[
    Expect {
        file: "freetext/fr-metrics-weekday.txt",
        title: Some("Panne de la messagerie interne"),
        date: "2023-03-14",
        start: Some("09:00"),
        resolved: Some("10:31"),
        ttd: Some(720),
        ttr: Some(5460),
        level: Some(2),
        timeline: 3,
        actions: 2,
    },
    Expect {
        file: "freetext/en-timeline-utc.md",
        title: Some("Postmortem: object storage write failures"),
        date: "2023-08-09",
        start: Some("07:55"),
        resolved: Some("08:52"),
        ttd: Some(480),
        ttr: Some(3420),
        level: Some(2),
        timeline: 5,
        actions: 2,
    },
    Expect {
        file: "freetext/en-no-year.txt",
        title: None,
        date: "2024-03-08",
        start: Some("13:40"),
        resolved: Some("15:10"),
        ttd: None,
        ttr: Some(5400),
        level: None,
        timeline: 0,
        actions: 2,
    },
    Expect {
        file: "freetext/fr-range-slash-date.txt",
        title: Some("Retour sur l'incident du 05/06/2019"),
        date: "2019-06-05",
        start: Some("08:15"),
        resolved: Some("09:40"),
        ttd: None,
        ttr: Some(5100),
        level: None,
        timeline: 0,
        actions: 2,
    },
    Expect {
        file: "freetext/en-table.md",
        title: Some("Incident report: DNS resolution errors (2022-02-17)"),
        date: "2022-02-17",
        start: Some("14:02"),
        resolved: Some("14:55"),
        ttd: Some(420),
        ttr: Some(3180),
        level: None,
        timeline: 5,
        actions: 0,
    },
    Expect {
        file: "freetext/fr-faits-cet.txt",
        title: Some("Incident de production du 22 septembre 2021"),
        date: "2021-09-22",
        start: Some("14:00"),
        resolved: Some("15:13"),
        ttd: Some(120),
        ttr: Some(4260),
        level: Some(1),
        timeline: 3,
        actions: 2,
    },
    Expect {
        file: "freetext/en-sev1-est.txt",
        title: None,
        date: "2025-12-06",
        start: Some("09:02"),
        resolved: Some("09:58"),
        ttd: Some(420),
        ttr: Some(3360),
        level: Some(1),
        timeline: 5,
        actions: 2,
    },
    Expect {
        file: "freetext/en-p1-range-utc.txt",
        title: Some("Postmortem: search cluster outage"),
        date: "2021-12-06",
        start: Some("14:30"),
        resolved: Some("18:30"),
        ttd: Some(1200),
        ttr: Some(14_400),
        level: Some(1),
        timeline: 0,
        actions: 2,
    },
    Expect {
        file: "freetext/fr-critique-offset.txt",
        title: Some("Rapport d'incident : perte du stockage partagé"),
        date: "2024-05-04",
        start: Some("09:15"),
        resolved: Some("11:45"),
        ttd: None,
        ttr: Some(9000),
        level: Some(1),
        timeline: 0,
        actions: 1,
    },
    Expect {
        file: "freetext/en-minor-ttr.md",
        title: Some("Incident report: delayed email notifications"),
        date: "2023-11-30",
        start: Some("10:00"),
        resolved: Some("10:45"),
        ttd: None,
        ttr: Some(2700),
        level: Some(3),
        timeline: 0,
        actions: 1,
    },
    Expect {
        file: "freetext/en-date-time-table.md",
        title: Some("Incident report: queue outage across midnight"),
        date: "2024-10-30",
        start: Some("23:40"),
        resolved: Some("01:10"),
        ttd: Some(720),
        ttr: Some(5400),
        level: Some(2),
        timeline: 5,
        actions: 0,
    },
    Expect {
        file: "frontmatter/2022-11-03-panne-paiement.md",
        title: Some("Panne du module de paiement du 3 novembre 2022"),
        date: "2022-11-03",
        start: Some("10:05"),
        resolved: Some("10:47"),
        ttd: None,
        ttr: Some(2520),
        level: None,
        timeline: 0,
        actions: 2,
    },
];

/// A bulletin entry's facts: title, day, start, resolve seconds, services, severity level.
type BulletinEntry = (
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
    &'static [&'static str],
    Option<u8>,
);

fn hm(s: Option<aftermath::domain::stamp::Stamp>) -> Option<String> {
    s.map(|s| s.to_string().get(11..16).unwrap_or_default().to_string())
}

fn check(e: &Expect, inc: &Incident, misses: &mut Vec<String>) -> (usize, usize) {
    let d = durations(inc, &Default::default());
    let mut fields: Vec<(&str, bool)> = vec![
        (
            "date",
            inc.started_at
                .map(|s| s.local_date().to_string())
                .as_deref()
                == Some(e.date),
        ),
        ("start", hm(inc.started_at).as_deref() == e.start),
        ("resolved", hm(inc.resolved_at).as_deref() == e.resolved),
        ("ttd", d.ttd_secs == e.ttd),
        ("ttr", d.ttr_secs == e.ttr),
        ("severity", inc.severity.level == e.level),
        ("timeline", inc.timeline.len() == e.timeline),
        ("actions", inc.actions.len() == e.actions),
    ];
    match e.title {
        Some(t) => fields.push(("title", inc.title == t)),
        None => fields.push((
            "title (generated, marked inferred)",
            inc.is_inferred("title"),
        )),
    }
    for (name, ok) in &fields {
        if !ok {
            misses.push(format!("{}: {name}", e.file));
        }
    }
    (fields.iter().filter(|(_, ok)| *ok).count(), fields.len())
}

#[test]
fn prose_fields_right_share() {
    let (mut right, mut total) = (0, 0);
    let mut misses = Vec::new();
    for e in EXPECTED {
        let inc = one(e.file);
        let (r, t) = check(e, &inc, &mut misses);
        right += r;
        total += t;
    }
    // Bulletins: title, day, start, duration, services, severity per entry.
    let bulletins: &[(&str, &[BulletinEntry])] = &[
        (
            "bulletin/weekly-2024.txt",
            &[
                (
                    "Packet Loss In FRA",
                    "2024-02-12",
                    "09:15",
                    Some(1200),
                    &["FRA"],
                    None,
                ),
                (
                    "Slow Volume Snapshots In SIN",
                    "2024-02-13",
                    "22:00",
                    None,
                    &["SIN"],
                    Some(4),
                ),
                (
                    "API Outage In IAD and EWR",
                    "2024-02-15",
                    "03:30",
                    Some(2400),
                    &["EWR", "IAD"],
                    None,
                ),
            ],
        ),
        (
            "bulletin/weekly-fr-style.txt",
            &[
                (
                    "Registry Timeouts In AMS",
                    "2025-03-03",
                    "08:00",
                    Some(5400),
                    &["AMS"],
                    None,
                ),
                (
                    "Metrics Gap In ORD",
                    "2025-03-05",
                    "21:15",
                    Some(1200),
                    &["ORD"],
                    Some(4),
                ),
            ],
        ),
    ];
    for (file, entries) in bulletins {
        let r = import(file);
        if r.incidents.len() != entries.len() {
            misses.push(format!(
                "{file}: {} entries instead of {}",
                r.incidents.len(),
                entries.len()
            ));
        }
        for ((title, date, start, ttr_secs, services, level), inc) in
            entries.iter().zip(&r.incidents)
        {
            let fields = [
                ("title", inc.title == *title),
                (
                    "date",
                    inc.started_at
                        .map(|s| s.local_date().to_string())
                        .as_deref()
                        == Some(*date),
                ),
                ("start", hm(inc.started_at).as_deref() == Some(*start)),
                (
                    "ttr",
                    durations(inc, &Default::default()).ttr_secs == *ttr_secs,
                ),
                (
                    "services",
                    inc.services.iter().map(String::as_str).collect::<Vec<_>>() == *services,
                ),
                ("severity", inc.severity.level == *level),
            ];
            for (name, ok) in fields {
                total += 1;
                if ok {
                    right += 1;
                } else {
                    misses.push(format!("{file} / {title}: {name}"));
                }
            }
        }
    }
    let share = right as f64 / total as f64;
    println!(
        "bench: prose extraction {right}/{total} fields right ({:.1}%) on {} documents",
        share * 100.0,
        EXPECTED.len() + bulletins.len()
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(share >= 0.95, "{right}/{total} right; misses: {misses:#?}");
}
