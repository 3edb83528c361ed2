//! Reading accuracy on real archives: hand-labelled facts (`tests/fixtures/accuracy/*.toml`,
//! see LABELLING.md there) against what Aftermath reads from the documents in
//! `../shared/corpus/`. Prints one line per source,
//!
//! ```text
//! accuracy: <source> facts N/M, durations shown S, wrong W
//! ```
//!
//! and fails when a source falls below the level it has reached (a ratchet: `FLOORS`), never on
//! timing. The documents are not ours to copy into the repository; without `../shared/` the
//! test says so and passes without checking.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use aftermath::domain::import::import_file;
use aftermath::domain::metrics::Metric;
use aftermath::domain::metrics::{duration_in, Definitions};
use aftermath::domain::model::{Incident, Kind};
use aftermath::domain::stamp::Stamp;
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Labels {
    source: String,
    doc: Vec<Doc>,
}

#[derive(Deserialize)]
struct Doc {
    file: String,
    kind: String,
    #[serde(default)]
    incident: Vec<Facts>,
}

#[derive(Deserialize, Default)]
struct Facts {
    date: Option<String>,
    start: Option<String>,
    offset: Option<String>,
    resolved: Option<String>,
    ttr_min: Option<i64>,
    ttd_min: Option<i64>,
}

/// The lowest level each source may fall to: (facts right, most wrong durations shown).
/// Raise a floor when the reading improves; never lower one to make a change pass.
const FLOORS: &[(&str, usize, usize)] = &[
    ("heldout", 172, 0),
    ("chia-postmortems", 116, 1),
    ("moj-cloud-platform", 271, 1),
    ("packit-status", 278, 1),
    ("pass-emploi", 35, 0),
    ("pypi-blog", 49, 1),
    ("rdv-solidarites", 63, 0),
];

/// One source's score.
#[derive(Default)]
struct Score {
    right: usize,
    total: usize,
    shown: usize,
    wrong: usize,
    misses: Vec<String>,
}

impl Score {
    fn fact(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.total += 1;
        if ok {
            self.right += 1;
        } else {
            self.misses.push(what());
        }
    }
}

/// `YYYY-MM-DDTHH:MM` as written (the wall clock of the document).
fn wall(s: &Stamp) -> String {
    s.local().format("%Y-%m-%dT%H:%M").to_string()
}

/// The instant to the minute (labels are written to the minute).
fn minute(s: &Stamp) -> String {
    s.sort_key().format("%Y-%m-%dT%H:%M").to_string()
}

/// The start's time of day, when it was read rather than placed at midnight.
fn start_time(inc: &Incident) -> Option<Stamp> {
    inc.started_at
        .filter(|_| !inc.is_inferred("started_at.time"))
}

fn offset_text(s: &Stamp) -> Option<String> {
    s.offset().map(|o| {
        let secs = o.local_minus_utc();
        let sign = if secs < 0 { '-' } else { '+' };
        format!(
            "{sign}{:02}:{:02}",
            secs.abs() / 3600,
            secs.abs() % 3600 / 60
        )
    })
}

/// A duration Aftermath shows for this incident (its page; the metrics when it is an
/// incident), in seconds.
fn shown(inc: &Incident, metric: Metric) -> Option<i64> {
    duration_in(inc, Definitions::default().get(metric), true).ok()
}

fn score_incident(score: &mut Score, at: &str, want: &Facts, got: Option<&Incident>) {
    let got_start = got.and_then(start_time);
    if let Some(date) = &want.date {
        let read = got
            .and_then(|i| i.started_at)
            .map(|s| s.local_date().to_string());
        score.fact(read.as_deref() == Some(date), || {
            format!("{at}: date {read:?}, want {date}")
        });
    }
    let read = got_start.map(|s| wall(&s));
    // With a zone on both sides the instants are compared (06:48 PDT is 13:48 UTC).
    let want_instant = want
        .start
        .as_ref()
        .zip(want.offset.as_ref())
        .and_then(|(s, o)| format!("{s}:00{o}").parse::<Stamp>().ok());
    let right = match (want_instant, got_start) {
        (Some(w), Some(g)) if g.offset().is_some() => minute(&w) == minute(&g),
        (Some(_), Some(_)) => false,
        _ => read == want.start,
    };
    score.fact(right, || {
        format!(
            "{at}: start {read:?} {:?}, want {:?} {:?}",
            got_start.and_then(|s| offset_text(&s)),
            want.start,
            want.offset
        )
    });
    let got_end = got.and_then(|i| i.resolved_at);
    let read = got_end.map(|s| wall(&s));
    let want_end = want
        .resolved
        .as_ref()
        .zip(want.offset.as_ref())
        .and_then(|(s, o)| format!("{s}:00{o}").parse::<Stamp>().ok());
    let right = match (want_end, got_end) {
        (Some(w), Some(g)) if g.offset().is_some() => minute(&w) == minute(&g),
        _ => read == want.resolved,
    };
    score.fact(right, || {
        format!("{at}: resolved {read:?}, want {:?}", want.resolved)
    });
    for (metric, want_min) in [(Metric::Ttr, want.ttr_min), (Metric::Ttd, want.ttd_min)] {
        let read = got.and_then(|i| shown(i, metric));
        let right = match (read, want_min) {
            (Some(secs), Some(min)) => (secs - min * 60).abs() <= 60,
            (None, None) => true,
            _ => false,
        };
        if read.is_some() {
            score.shown += 1;
            if !right {
                score.wrong += 1;
            }
        }
        score.fact(right, || {
            format!(
                "{at}: {} {:?} min, want {want_min:?}",
                metric.key(),
                read.map(|s| s as f64 / 60.0)
            )
        });
    }
}

fn score_source(dir: &std::path::Path, labels: &Labels) -> Score {
    let mut score = Score::default();
    for doc in &labels.doc {
        let path = dir.join(&doc.file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let shown_path = format!("{}/{}", labels.source, doc.file);
        let read = import_file(&shown_path, &bytes, &common::opts());
        let at = doc.file.rsplit('/').next().unwrap_or(&doc.file).to_string();
        let want_incident = doc.kind == "incident";
        let read_incident = read.incidents.iter().any(|i| i.kind == Kind::Incident);
        score.fact(want_incident == read_incident, || {
            let kinds: Vec<&str> = read.incidents.iter().map(|i| i.kind.name()).collect();
            format!("{at}: kind {kinds:?}, want {}", doc.kind)
        });
        if !doc.incident.is_empty() {
            score.fact(read.incidents.len() == doc.incident.len(), || {
                format!(
                    "{at}: {} incidents read, want {}",
                    read.incidents.len(),
                    doc.incident.len()
                )
            });
        }
        for (n, want) in doc.incident.iter().enumerate() {
            let label = if doc.incident.len() > 1 {
                format!("{at} #{}", n + 1)
            } else {
                at.clone()
            };
            score_incident(&mut score, &label, want, read.incidents.get(n));
        }
    }
    score
}

/// Our own documents in styles the reader was not developed on (written apart from the code,
/// with their labels): always present, so this ratchet holds in every clone.
#[test]
fn accuracy_on_held_out_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout");
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(dir.join("labels.toml")).unwrap()).unwrap();
    let score = score_source(&dir, &labels);
    println!(
        "accuracy: {} facts {}/{}, durations shown {}, wrong {}",
        labels.source, score.right, score.total, score.shown, score.wrong
    );
    if std::env::var_os("ACCURACY_MISSES").is_some() {
        for m in &score.misses {
            println!("  miss: {m}");
        }
    }
    let (_, floor, most_wrong) = FLOORS
        .iter()
        .find(|(s, _, _)| *s == labels.source)
        .copied()
        .unwrap_or(("heldout", usize::MAX, 0));
    assert!(
        score.right >= floor && score.wrong <= most_wrong,
        "{} facts right (floor {floor}), {} wrong (at most {most_wrong}): {:#?}",
        score.right,
        score.wrong,
        score.misses
    );
}

#[test]
fn accuracy_per_source_on_real_archives() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    if !corpus.exists() {
        println!("accuracy: skipped, {} not present", corpus.display());
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/accuracy"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "labels for at least five sources");
    let mut failures = Vec::new();
    let (mut right, mut total, mut incidents) = (0, 0, 0);
    for file in files {
        let labels: Labels = toml::from_str(&std::fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let dir = corpus.join(&labels.source);
        if !dir.exists() {
            println!("accuracy: {} skipped, not present", labels.source);
            continue;
        }
        let score = score_source(&dir, &labels);
        incidents += labels.doc.iter().map(|d| d.incident.len()).sum::<usize>();
        right += score.right;
        total += score.total;
        println!(
            "accuracy: {} facts {}/{}, durations shown {}, wrong {}",
            labels.source, score.right, score.total, score.shown, score.wrong
        );
        if std::env::var_os("ACCURACY_MISSES").is_some() {
            for m in &score.misses {
                println!("  miss: {m}");
            }
        }
        match FLOORS.iter().find(|(s, _, _)| *s == labels.source) {
            Some((_, floor, most_wrong)) => {
                if score.right < *floor || score.wrong > *most_wrong {
                    failures.push(format!(
                        "{}: {} facts right (floor {floor}), {} wrong durations (at most {most_wrong}); misses: {:#?}",
                        labels.source, score.right, score.wrong, score.misses
                    ));
                }
            }
            None => failures.push(format!("{}: no floor in FLOORS", labels.source)),
        }
    }
    println!(
        "accuracy: all sources facts {right}/{total} ({:.1} %) over {incidents} labelled incidents",
        100.0 * right as f64 / total.max(1) as f64
    );
    assert!(failures.is_empty(), "{failures:#?}");
}
