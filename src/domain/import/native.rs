//! Aftermath's own archive: `{"aftermath": 1, "incidents": [...]}`, documented in
//! `docs/FORMATS.md`. Export then import is lossless: incidents keep their ids, sources,
//! warnings, inferred flags and user edits exactly.

use super::{Parsed, ReadResult, Rejection};
use crate::domain::model::Incident;
use serde::{Deserialize, Serialize};

/// The archive version this build writes and the newest it reads.
pub const ARCHIVE_VERSION: u32 = 1;

/// The native archive document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Archive {
    /// Format version (`ARCHIVE_VERSION`).
    pub aftermath: u32,
    /// Free text: what produced the archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<String>,
    /// Optional title for a published archive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub incidents: Vec<Incident>,
}

/// Cheap check before a full parse: the `"aftermath"` key near the start.
pub(crate) fn looks_native(text: &str) -> bool {
    let head: String = text.chars().take(256).collect();
    head.trim_start().starts_with('{') && head.contains("\"aftermath\"")
}

pub(crate) fn read(text: &str) -> ReadResult {
    let archive = parse(text)?;
    Ok(Parsed {
        finished: false,
        incidents: archive.incidents,
        messages: Vec::new(),
        figures: None,
        thinned: None,
    })
}

/// One pass over the text; the version is checked on the parsed value, and only when the
/// parse fails is the text read again for the version, to explain a newer format.
fn parse(text: &str) -> Result<Archive, Rejection> {
    match serde_json::from_str::<Archive>(text) {
        Ok(archive) => {
            check(u64::from(archive.aftermath))?;
            Ok(archive)
        }
        Err(e) => {
            check_version(text)?;
            Err(super::json::json_error(&e))
        }
    }
}

fn check(version: u64) -> Result<(), Rejection> {
    match version {
        v if v == u64::from(ARCHIVE_VERSION) => Ok(()),
        v if v > u64::from(ARCHIVE_VERSION) => Err(Rejection::ArchiveNewer {
            version: v,
            known: ARCHIVE_VERSION,
        }),
        v => Err(Rejection::ArchiveUnknown {
            version: v,
            known: ARCHIVE_VERSION,
        }),
    }
}

/// Reads only `"aftermath"` (as a number; no `serde_json::Value`, which would pull float
/// parsing into the web bundle) and refuses versions this build does not know.
fn check_version(text: &str) -> Result<(), Rejection> {
    #[derive(Deserialize)]
    struct Version {
        aftermath: u64,
    }
    let version: Version =
        serde_json::from_str(text).map_err(|_| Rejection::ArchiveVersionNotNumber {
            known: ARCHIVE_VERSION,
        })?;
    check(version.aftermath)
}

/// Reads a native archive's incidents only, without linking the other importers: what the
/// web app's first load uses for the demo and published archives (keeps the bundle small).
pub fn read_archive(bytes: &[u8]) -> Result<Archive, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("archive is not UTF-8 text: {e}"))?;
    parse(text).map_err(|r| r.to_string())
}

/// Serialises incidents as a native archive (pretty-printed, stable field order).
///
/// ```
/// use aftermath::domain::import::{import_file, to_archive_json, ImportOptions};
/// use aftermath::domain::model::Incident;
/// let inc = Incident { id: "abc".into(), title: "DNS".into(), ..Incident::default() };
/// let json = to_archive_json(&[inc.clone()], None);
/// let opts = ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
/// assert_eq!(import_file("a.json", json.as_bytes(), &opts).incidents, vec![inc]);
/// ```
pub fn to_archive_json(incidents: &[Incident], title: Option<&str>) -> String {
    let archive = Archive {
        aftermath: ARCHIVE_VERSION,
        generator: Some(format!("aftermath {}", env!("CARGO_PKG_VERSION"))),
        title: title.map(str::to_string),
        incidents: incidents.to_vec(),
    };
    serde_json::to_string_pretty(&archive)
        .unwrap_or_else(|_| String::from("{\"aftermath\":1,\"incidents\":[]}"))
}
