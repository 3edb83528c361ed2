//! What each fuzz target runs (`fuzz/fuzz_targets/`), here so that the regression test
//! (`tests/fuzz_regressions.rs`) replays a kept input exactly as the fuzzer ran it: the same
//! wrapping of the bytes, the same scaled-down limits, the same invariants.

use crate::domain::codec::{
    decode, decode_edits, decode_removals, encode, encode_edits, encode_removals,
};
use crate::domain::import::{import_file, ImportOptions, Limits};
use crate::domain::view::View;

/// A fuzz target: one entry point of the importers, the URL's view or the worker's codec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Any bytes, under a file name chosen by the first byte.
    ImportAny,
    /// Free-text postmortems (French and English timelines).
    Prose,
    /// Aftermath's own archive (the bytes are its incident list).
    Archive,
    /// A Statuspage export (the bytes complete its first incident).
    Statuspage,
    /// Any JSON export.
    Json,
    /// CSV rows under a known header.
    Csv,
    /// A post with YAML or TOML front matter.
    Frontmatter,
    /// A zip, with and without a local-file signature in front.
    Zip,
    /// Infra-log bulletin lines.
    Bulletin,
    /// The URL's view query: read, written, read again.
    ViewQuery,
    /// The worker's binary answer: decoded, encoded, decoded again.
    Codec,
}

impl Target {
    /// Every target, in the order `scripts/fuzz.sh` runs them.
    pub const ALL: [Target; 11] = [
        Target::ImportAny,
        Target::Prose,
        Target::Archive,
        Target::Statuspage,
        Target::Json,
        Target::Csv,
        Target::Frontmatter,
        Target::Zip,
        Target::Bulletin,
        Target::ViewQuery,
        Target::Codec,
    ];

    /// The cargo-fuzz target's name (and the folder of its kept inputs).
    pub fn name(self) -> &'static str {
        match self {
            Target::ImportAny => "import_any",
            Target::Prose => "prose",
            Target::Archive => "archive",
            Target::Statuspage => "statuspage",
            Target::Json => "json",
            Target::Csv => "csv",
            Target::Frontmatter => "frontmatter",
            Target::Zip => "zip",
            Target::Bulletin => "bulletin",
            Target::ViewQuery => "view_query",
            Target::Codec => "codec",
        }
    }

    /// The target of a name.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Import options with limits scaled down, so that each run is quick and libFuzzer reaches
/// thousands of executions per second.
pub fn opts() -> ImportOptions {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    ImportOptions {
        limits: Limits {
            max_file_bytes: 1 << 20,
            max_zip_entries: 64,
            max_zip_total_bytes: 4 << 20,
            max_zip_depth: 2,
        },
        ..ImportOptions::new(today)
    }
}

/// The files an importer target imports for `data`: the bytes wrapped as the target's
/// format (none when the target skips them, such as text targets given invalid UTF-8, and
/// for the view and codec targets, which import nothing).
pub fn files(target: Target, data: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    // A text target: the bytes as text inside a document (none when they are not UTF-8).
    let around_text = |name: &'static str, doc: fn(&str) -> String| {
        std::str::from_utf8(data)
            .ok()
            .map(|t| (name, doc(t).into_bytes()))
            .into_iter()
            .collect()
    };
    let wrapped = |head: &[u8], tail: &[u8]| [head, data, tail].concat();
    match target {
        Target::ImportAny => {
            const NAMES: [&str; 5] = ["x.md", "x.json", "x.csv", "x.zip", "x.txt"];
            data.split_first()
                .map(|(first, rest)| {
                    let name = NAMES.get(usize::from(*first) % NAMES.len()).unwrap_or(&"x.md");
                    (*name, rest.to_vec())
                })
                .into_iter()
                .collect()
        }
        // Seeded with a date so the prose readers go past date detection.
        Target::Prose => around_text("fuzz.txt", |t| {
            format!("Incident du 17 septembre 2021\n\nTimeline\n{t}\nJuly 16: X (06:00EST): {t}")
        }),
        Target::Archive => vec![(
            "archive.json",
            wrapped(br#"{"aftermath":1,"incidents":"#, b"}"),
        )],
        Target::Statuspage => vec![(
            "incidents.json",
            wrapped(
                br#"{"page":{"id":"p"},"incidents":[{"name":"x","impact":"major","created_at":"2024-01-01T00:00:00Z","#,
                b"]}",
            ),
        )],
        Target::Json => {
            let open: &[u8] = if data.first().is_some_and(|b| *b == b'{' || *b == b'[') {
                b""
            } else {
                b"["
            };
            vec![("export.json", wrapped(open, b""))]
        }
        Target::Csv => vec![(
            "incidents.csv",
            wrapped(b"title,start,end,detected,severity,services,kind,duration,tags\n", b""),
        )],
        Target::Frontmatter => {
            let fence: &[u8] = if data.first() == Some(&b'+') {
                b"+++\n"
            } else {
                b"---\n"
            };
            vec![("2024-03-05-post.md", wrapped(fence, b""))]
        }
        Target::Zip => vec![
            ("bundle.zip", wrapped(b"PK\x03\x04", b"")),
            ("raw.zip", data.to_vec()),
        ],
        Target::Bulletin => around_text("bulletin.md", |t| {
            format!("July 16: Outage (06:00EST): {t}\nJuly 17: Second (07:00 PDT): {t}\n")
        }),
        Target::ViewQuery | Target::Codec => Vec::new(),
    }
}

/// Runs `target` on `data` as the fuzzer does; an error names the invariant broken (a panic
/// is the other failure the fuzzer looks for). Every importer keeps one invariant: a report
/// row per file.
pub fn check(target: Target, data: &[u8]) -> Result<(), String> {
    match target {
        Target::ViewQuery => {
            let Ok(text) = std::str::from_utf8(data) else {
                return Ok(());
            };
            let pairs: Vec<(&str, &str)> = text
                .split('&')
                .map(|p| p.split_once('=').unwrap_or((p, "")))
                .collect();
            let view = View::from_pairs(pairs);
            let written = view.to_pairs();
            let back = View::from_pairs(written.iter().map(|(k, v)| (*k, v.as_str())));
            if back != view {
                return Err(format!("{text:?}: read back as another view"));
            }
            // A page's control set to what it shows for the view changes nothing; and any
            // pair applied as a control change leaves a view that reads back the same.
            let today = opts().reference_date;
            for key in crate::domain::view::CONTROLS {
                let mut same = view.clone();
                if same.set_control(key, &view.control(key), today) {
                    return Err(format!(
                        "{text:?}: the control {key} set to what it shows changed the view"
                    ));
                }
            }
            let mut changed = view.clone();
            for (k, v) in text
                .split('&')
                .map(|p| p.split_once('=').unwrap_or((p, "")))
            {
                changed.set_control(k, v, today);
            }
            let written = changed.to_pairs();
            if View::from_pairs(written.iter().map(|(k, v)| (*k, v.as_str()))) != changed {
                return Err(format!(
                    "{text:?}: a view changed by controls read back as another"
                ));
            }
            Ok(())
        }
        Target::Codec => {
            if let Ok(result) = decode(data) {
                if decode(&encode(&result)) != Ok(result) {
                    return Err("decoded, encoded and decoded again: not the same".into());
                }
            }
            // The saved edits and removals, in the same form.
            if let Ok(edits) = decode_edits(data) {
                if decode_edits(&encode_edits(&edits)) != Ok(edits) {
                    return Err("edits decoded, encoded and decoded again: not the same".into());
                }
            }
            if let Ok(removals) = decode_removals(data) {
                if decode_removals(&encode_removals(&removals)) != Ok(removals) {
                    return Err("removals decoded, encoded and decoded again: not the same".into());
                }
            }
            Ok(())
        }
        _ => {
            for (name, bytes) in files(target, data) {
                let full = import_file(name, &bytes, &opts());
                if full.files.is_empty() {
                    return Err(format!("{name}: no report row"));
                }
                // `aftermath stats` reads for the figures only: the figures' inputs prepared as
                // it reads are those of the incidents a reading that keeps them has, and the
                // reports are the same.
                let defs = crate::domain::metrics::Definitions::default();
                let lean = opts().for_figures(defs);
                let kept = import_file(name, &bytes, &lean);
                let mut rows = crate::domain::metrics::Rows::new(&defs);
                kept.incidents.iter().for_each(|inc| rows.push(inc));
                let thin = ImportOptions {
                    keep_incidents: false,
                    ..lean
                };
                let thin = import_file(name, &bytes, &thin);
                let rows_match = |r: &Option<crate::domain::metrics::Rows>| match r {
                    Some(r) => *r == rows,
                    None => kept.incidents.is_empty(),
                };
                if !rows_match(&kept.figures) || !rows_match(&thin.figures) {
                    return Err(format!(
                        "{name}: the figures' inputs are not those of the incidents"
                    ));
                }
                if thin.files != kept.files || !thin.incidents.is_empty() {
                    return Err(format!("{name}: read for the figures only, not as in full"));
                }
                // The CLI reads a large JSON export on two threads: the same as on one.
                let json = matches!(target, Target::Json | Target::Statuspage);
                if json && !crate::domain::import::two_threads_agree(name, &bytes) {
                    return Err(format!("{name}: read on two threads, not as on one"));
                }
            }
            Ok(())
        }
    }
}
