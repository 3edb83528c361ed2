//! Exports as text: the incidents as CSV (readable back by the CSV importer), the metrics as
//! CSV, and the document the browser saves (imports, report and edits, with a schema version).
//!
//! Numbers are written as whole seconds (no float formatting: it would weigh on the web bundle,
//! and sub-second precision means nothing for incidents).

use super::codec;
use super::edits::Edits;
use super::import::{FileReport, ImportResult};
use super::metrics::{Definitions, Metric, Stats, Summary};
use super::model::{Incident, Severity};
use serde::{Deserialize, Serialize};

/// Quotes a CSV cell when needed (RFC 4180).
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row(cells: &[String]) -> String {
    let mut line = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// One row per incident, with its durations under `defs`; empty cells where unknown.
///
/// ```
/// use aftermath::domain::export::incidents_csv;
/// use aftermath::domain::model::Incident;
/// let inc = Incident { id: "1".into(), title: "DNS, again".into(), ..Incident::default() };
/// let csv = incidents_csv(&[&inc], &Default::default());
/// assert!(csv.lines().nth(1).unwrap().starts_with("1,\"DNS, again\","));
/// ```
pub fn incidents_csv(incidents: &[&Incident], defs: &Definitions) -> String {
    let mut out = row(&[
        "id",
        "title",
        "started_at",
        "detected_at",
        "acknowledged_at",
        "mitigated_at",
        "resolved_at",
        "ttd_secs",
        "tta_secs",
        "ttm_secs",
        "ttr_secs",
        "kind",
        "severity",
        "severity_level",
        "services",
        "tags",
        "excluded",
        "inferred",
        "source_file",
        "source_format",
    ]
    .map(String::from));
    for inc in incidents {
        let secs = |m: Metric| opt(defs.duration(inc, m).ok());
        out.push_str(&row(&[
            inc.id.clone(),
            inc.title.clone(),
            opt(inc.started_at),
            opt(inc.detected_at),
            opt(inc.acknowledged_at),
            opt(inc.mitigated_at),
            opt(inc.resolved_at),
            secs(Metric::Ttd),
            secs(Metric::Tta),
            secs(Metric::Ttm),
            secs(Metric::Ttr),
            inc.kind.name().to_string(),
            inc.severity.label.clone().unwrap_or_else(|| {
                inc.severity
                    .level
                    .map(|l| Severity::level_name(Some(l)).to_string())
                    .unwrap_or_default()
            }),
            opt(inc.severity.level),
            inc.services.join("; "),
            inc.tags.join("; "),
            if inc.excluded { "yes" } else { "" }.to_string(),
            inc.inferred.join("; "),
            inc.source.file.clone(),
            inc.source.format.clone(),
        ]));
    }
    out
}

fn summary_row(scope: &str, metric: &str, definition: &str, s: &Summary) -> String {
    let whole = |v: Option<f64>| opt(v.map(|v| v.round() as i64));
    let excluded: Vec<String> = s
        .excluded
        .iter()
        .map(|(k, v)| format!("{} {v}", k.key()))
        .collect();
    row(&[
        scope.to_string(),
        metric.to_string(),
        s.n.to_string(),
        whole(s.median_secs),
        whole(s.p90_shown()),
        whole(s.mean_secs),
        opt(s.min_secs),
        opt(s.max_secs),
        excluded.join("; "),
        definition.to_string(),
    ])
}

/// The metrics: every duration for all incidents, then time to resolve per severity and per
/// service. Each row carries its n, its exclusions and the definition used.
pub fn metrics_csv(stats: &Stats) -> String {
    let mut out = row(&[
        "scope",
        "metric",
        "n",
        "median_secs",
        "p90_secs",
        "mean_secs",
        "min_secs",
        "max_secs",
        "left_out",
        "definition",
    ]
    .map(String::from));
    let def = |m: Metric| stats.definitions.get(m.key()).cloned().unwrap_or_default();
    for m in Metric::ALL {
        out.push_str(&summary_row("all", m.key(), &def(m), stats.summary(m)));
    }
    for (level, g) in &stats.by_severity {
        let name = Severity::level_name(level.parse().ok());
        out.push_str(&summary_row(
            &format!("severity {name}"),
            "ttr",
            &def(Metric::Ttr),
            &g.ttr,
        ));
    }
    for (service, g) in &stats.by_service {
        out.push_str(&summary_row(
            &format!("service {service}"),
            "ttr",
            &def(Metric::Ttr),
            &g.ttr,
        ));
    }
    out
}

/// The schema of [`Saved`] this build writes; older versions are migrated on load.
pub const SAVED_SCHEMA: u32 = 1;

/// What the browser keeps between visits: the imported incidents as read, the import report,
/// and the user's edits (applied on load, never baked into the imports).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub schema: u32,
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default)]
    pub files: Vec<FileReport>,
    #[serde(default)]
    pub edits: Edits,
}

impl Saved {
    pub fn new(incidents: Vec<Incident>, files: Vec<FileReport>, edits: Edits) -> Saved {
        Saved {
            schema: SAVED_SCHEMA,
            incidents,
            files,
            edits,
        }
    }

    /// The imports as versions before the binary form saved them (the browser now saves
    /// `codec` bytes): what [`saved_json_to_codec`] converts, written for its tests.
    #[cfg(test)]
    pub fn imports_json(incidents: &[Incident], files: &[FileReport]) -> String {
        // Serialise by reference: no copy of the incidents.
        #[derive(Serialize)]
        struct Imports<'a> {
            schema: u32,
            incidents: &'a [Incident],
            files: &'a [FileReport],
        }
        serde_json::to_string(&Imports {
            schema: SAVED_SCHEMA,
            incidents,
            files,
        })
        .unwrap_or_default()
    }

    /// The edits as versions before the binary form saved them, with the schema (tests).
    #[cfg(test)]
    pub fn edits_json(edits: &Edits) -> String {
        #[derive(Serialize)]
        struct EditsDoc<'a> {
            schema: u32,
            edits: &'a Edits,
        }
        serde_json::to_string(&EditsDoc {
            schema: SAVED_SCHEMA,
            edits,
        })
        .unwrap_or_default()
    }

    /// Reads a stored document, migrating older schemas; a newer schema or broken text is an
    /// error the UI shows (the stored data is then left untouched, not overwritten).
    pub fn from_json(text: &str) -> Result<Saved, String> {
        #[derive(Deserialize)]
        struct Head {
            schema: u32,
        }
        let head: Head = serde_json::from_str(text)
            .map_err(|e| format!("the saved data is unreadable ({e})"))?;
        match head.schema {
            // Schema 1 is the first: later versions add their migration step here.
            SAVED_SCHEMA => serde_json::from_str(text)
                .map_err(|e| format!("the saved data is unreadable ({e})")),
            v if v > SAVED_SCHEMA => Err(format!(
                "the saved data was written by a newer Aftermath (schema {v}, this one reads up to {SAVED_SCHEMA}); reload to get the new version"
            )),
            v => Err(format!("the saved data has an unknown schema {v}")),
        }
    }
}

/// A file the user removed from their imports: its incidents (and, for a zip, those of every
/// file inside it) are dropped from every batch imported before `before`. A later import of
/// the same file brings it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    pub path: String,
    /// The first import batch the removal does not apply to.
    pub before: u64,
}

/// A record that versions before the binary form saved as JSON in the browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavedPart {
    /// The imports, as one document (before import batches).
    Imports,
    Edits,
    Removals,
}

impl SavedPart {
    /// Its record's name in the browser's storage (and in messages to the worker).
    pub fn key(self) -> &'static str {
        match self {
            SavedPart::Imports => "imports",
            SavedPart::Edits => "edits",
            SavedPart::Removals => "removals",
        }
    }

    pub fn from_key(key: &str) -> Option<SavedPart> {
        [SavedPart::Imports, SavedPart::Edits, SavedPart::Removals]
            .into_iter()
            .find(|p| p.key() == key)
    }
}

/// Converts a record an earlier version saved as JSON into the binary form the browser saves
/// now ([`codec::encode`], [`codec::encode_edits`], [`codec::encode_removals`]). It runs in
/// the import worker, once: the page has no JSON reader (see `codec`). An error says why the
/// text cannot be read; the caller leaves the record as it is.
pub fn saved_json_to_codec(part: SavedPart, text: &str) -> Result<Vec<u8>, String> {
    match part {
        SavedPart::Imports => {
            let saved = Saved::from_json(text)?;
            Ok(codec::encode(&ImportResult::new(
                saved.files,
                saved.incidents,
            )))
        }
        SavedPart::Edits => Ok(codec::encode_edits(&Saved::from_json(text)?.edits)),
        SavedPart::Removals => serde_json::from_str::<Vec<Removal>>(text)
            .map(|r| codec::encode_removals(&r))
            .map_err(|e| format!("the list of removed files is unreadable ({e})")),
    }
}

impl Removal {
    /// Whether it drops what batch `seq` read from `file`.
    pub fn drops(&self, seq: u64, file: &str) -> bool {
        seq < self.before
            && (file == self.path
                || file
                    .strip_prefix(self.path.as_str())
                    .is_some_and(|rest| rest.starts_with("!/")))
    }
}

/// The user's imports as the browser keeps them — batches in import order, each written once
/// when it was imported — merged into what the views show: removals applied, one incident
/// per id (the latest import wins) and one report row per file (the latest).
pub fn merge_batches(batches: Vec<(u64, ImportResult)>, removals: &[Removal]) -> ImportResult {
    let dropped = |seq: u64, file: &str| removals.iter().any(|r| r.drops(seq, file));
    let mut merged = ImportResult::default();
    for (seq, mut batch) in batches {
        if !removals.is_empty() {
            batch.files.retain(|f| !dropped(seq, &f.path));
            batch.incidents.retain(|i| !dropped(seq, &i.source.file));
        }
        merged.extend(batch);
    }
    merged.dedup();
    let mut last: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for (i, f) in merged.files.iter().enumerate() {
        last.insert(f.path.as_str(), i);
    }
    let keep: Vec<bool> = merged
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| last.get(f.path.as_str()) == Some(&i))
        .collect();
    let mut flags = keep.into_iter();
    merged.files.retain(|_| flags.next().unwrap_or(true));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::{import_file, ImportOptions, Status};

    #[test]
    fn what_earlier_versions_saved_as_json_converts_to_the_binary_form() {
        let opts = ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let read = import_file(
            "a.csv",
            b"title,started_at,resolved_at\nDB down,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z\n",
            &opts,
        );
        assert_eq!(read.incidents.len(), 1);
        let imports = Saved::imports_json(&read.incidents, &read.files);
        let back =
            codec::decode(&saved_json_to_codec(SavedPart::Imports, &imports).unwrap()).unwrap();
        assert_eq!(back.incidents, read.incidents);
        assert_eq!(back.files, read.files);

        let mut edits = Edits::default();
        edits.edit(&read.incidents[0].id, |e| e.title = Some("Renamed".into()));
        let text = Saved::edits_json(&edits);
        let bytes = saved_json_to_codec(SavedPart::Edits, &text).unwrap();
        assert_eq!(codec::decode_edits(&bytes).unwrap(), edits);

        let removals = vec![Removal {
            path: "a.csv".into(),
            before: 2,
        }];
        let text = serde_json::to_string(&removals).unwrap();
        let bytes = saved_json_to_codec(SavedPart::Removals, &text).unwrap();
        assert_eq!(codec::decode_removals(&bytes).unwrap(), removals);

        // Unreadable text is an error that says so, for each part.
        for part in [SavedPart::Imports, SavedPart::Edits, SavedPart::Removals] {
            assert_eq!(SavedPart::from_key(part.key()), Some(part));
            assert!(saved_json_to_codec(part, "{not json")
                .unwrap_err()
                .contains("unreadable"));
        }
        assert_eq!(SavedPart::from_key("batch-1"), None);
    }
    use crate::domain::model::Source;

    fn sample() -> Vec<Incident> {
        vec![
            Incident {
                id: "a".into(),
                title: "Checkout \"timeouts\", EU".into(),
                started_at: "2026-03-02T10:00:00+01:00".parse().ok(),
                detected_at: "2026-03-02T10:05:00+01:00".parse().ok(),
                acknowledged_at: "2026-03-02T10:12:00+01:00".parse().ok(),
                resolved_at: "2026-03-02T11:00:00+01:00".parse().ok(),
                severity: Severity::from_label("SEV2"),
                services: vec!["checkout".into(), "payments".into()],
                source: Source {
                    file: "pm/a.md".into(),
                    format: "frontmatter".into(),
                    position: None,
                    ..Source::default()
                },
                ..Incident::default()
            },
            Incident {
                id: "b".into(),
                title: "Maintenance".into(),
                kind: crate::domain::model::Kind::Maintenance,
                started_at: "2026-03-05T22:00:00Z".parse().ok(),
                excluded: true,
                ..Incident::default()
            },
        ]
    }

    #[test]
    fn incidents_csv_reads_back_through_the_csv_importer() {
        let list = sample();
        let refs: Vec<&Incident> = list.iter().collect();
        let csv = incidents_csv(&refs, &Definitions::default());
        let mut lines = csv.lines();
        assert!(lines.next().unwrap().starts_with("id,title,started_at"));
        assert_eq!(
            lines.next().unwrap(),
            "a,\"Checkout \"\"timeouts\"\", EU\",2026-03-02T10:00:00+01:00,2026-03-02T10:05:00+01:00,2026-03-02T10:12:00+01:00,,2026-03-02T11:00:00+01:00,300,720,,3600,incident,SEV2,2,checkout; payments,,,,pm/a.md,frontmatter"
        );
        assert!(lines.next().unwrap().contains(",yes,"));
        let opts = ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let back = import_file("export.csv", csv.as_bytes(), &opts);
        // Only the severity-less row is flagged; the archive JSON is the lossless export.
        assert_eq!(back.files[0].status, Status::Warnings);
        assert_eq!(
            back.files[0].messages,
            vec!["entry 2 (Maintenance): line 3: severity: empty".to_string()]
        );
        assert_eq!(back.incidents.len(), 2);
        let a = &back.incidents[0];
        assert_eq!(a.title, "Checkout \"timeouts\", EU");
        assert_eq!(a.started_at, list[0].started_at);
        assert_eq!(a.resolved_at, list[0].resolved_at);
        assert_eq!(a.severity.level, Some(2));
        assert_eq!(a.services, list[0].services);
        assert_eq!(a.acknowledged_at, list[0].acknowledged_at);
        assert_eq!(
            back.incidents[1].kind,
            crate::domain::model::Kind::Maintenance
        );
    }

    #[test]
    fn metrics_csv_has_n_and_definitions_on_every_row() {
        let list = sample();
        let refs: Vec<&Incident> = list.iter().collect();
        let stats = crate::domain::metrics::stats(&refs, &Definitions::default());
        let csv = metrics_csv(&stats);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[1],
            "all,ttd,1,300,,300,300,300,excluded 1,detected_at − started_at"
        );
        assert_eq!(
            lines[4],
            "all,ttr,1,3600,,3600,3600,3600,excluded 1,resolved_at − started_at"
        );
        assert!(
            lines.contains(&"severity major,ttr,1,3600,,3600,3600,3600,,resolved_at − started_at")
        );
        assert!(lines
            .contains(&"service payments,ttr,1,3600,,3600,3600,3600,,resolved_at − started_at"));
    }

    #[test]
    fn saved_documents_round_trip_and_refuse_newer_schemas() {
        let mut edits = Edits::default();
        edits.edit("a", |e| e.level = Some(1));
        let saved = Saved::new(sample(), Vec::new(), edits);
        let whole = serde_json::to_string(&saved).unwrap();
        let back = Saved::from_json(&whole).unwrap();
        assert_eq!(back, saved);
        let newer = whole.replacen("\"schema\":1", "\"schema\":7", 1);
        let err = Saved::from_json(&newer).unwrap_err();
        assert!(err.contains("newer Aftermath (schema 7"), "{err}");
        assert!(Saved::from_json("{\"incidents\":[]}").is_err());
        // The two records earlier versions saved, each read on its own.
        let imports =
            Saved::from_json(&Saved::imports_json(&saved.incidents, &saved.files)).unwrap();
        assert_eq!(imports.incidents, saved.incidents);
        assert_eq!(imports.edits, Edits::default());
        assert_eq!(
            Saved::from_json(&Saved::edits_json(&saved.edits))
                .unwrap()
                .edits,
            saved.edits
        );
        assert!(Saved::from_json("not json").is_err());
    }

    #[test]
    fn batches_merge_in_order_with_removals_applying_to_earlier_ones_only() {
        let at = |file: &str, id: &str, title: &str| Incident {
            id: id.into(),
            title: title.into(),
            source: Source {
                file: file.into(),
                ..Source::default()
            },
            ..Incident::default()
        };
        let row = |path: &str, n: usize| FileReport {
            path: path.into(),
            format: "cstate".into(),
            status: Status::Ok,
            incidents: n,
            messages: Vec::new(),
            reason: None,
        };
        let first = ImportResult {
            files: vec![row("a.md", 1), row("bundle.zip!/b.md", 1), row("c.md", 1)],
            incidents: vec![
                at("a.md", "1", "A"),
                at("bundle.zip!/b.md", "2", "B"),
                at("c.md", "3", "C"),
            ],
            #[cfg(not(target_arch = "wasm32"))]
            figures: None,
        };
        // The second batch brings A again (updated) and removes nothing by itself.
        let second = ImportResult {
            files: vec![row("a.md", 1)],
            incidents: vec![at("a.md", "1", "A, updated")],
            #[cfg(not(target_arch = "wasm32"))]
            figures: None,
        };
        // The zip was removed after batch 1; c.md after batch 2, then imported again in 3.
        let third = ImportResult {
            files: vec![row("c.md", 1)],
            incidents: vec![at("c.md", "3", "C again")],
            #[cfg(not(target_arch = "wasm32"))]
            figures: None,
        };
        let removals = [
            Removal {
                path: "bundle.zip".into(),
                before: 2,
            },
            Removal {
                path: "c.md".into(),
                before: 3,
            },
        ];
        let merged = merge_batches(vec![(1, first), (2, second), (3, third)], &removals);
        let titles: Vec<&str> = merged.incidents.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["A, updated", "C again"]);
        let paths: Vec<&str> = merged.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a.md", "c.md"]);
        assert!(
            !removals[0].drops(1, "bundle.zip.md"),
            "a name that only starts alike"
        );
    }
}
