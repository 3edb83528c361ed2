//! Importers: bytes of one file in, incidents plus a per-file report out.
//!
//! The format is detected from the content (the extension only breaks ties), each format's
//! reader deserialises into a raw struct mirroring the source and converts it into
//! [`Incident`]s, and [`finish`] applies the checks every incident gets (plausible years,
//! order of milestones, stable id). A file that cannot be read is *rejected* with a reason;
//! it never takes other files down with it.

mod cstate;
mod csv;
mod json;
mod loose;
mod native;
mod registry;
pub mod report;
mod text;
mod zip;

pub use registry::{formats_sentence, Family, Format, FormatInfo, Rejection, FORMATS};

pub use native::{read_archive, to_archive_json, Archive, ARCHIVE_VERSION};

use super::metrics::{Definitions, Rows};
use super::model::{Incident, Warning};
use super::stamp::Stamp;
use chrono::NaiveDate;
use serde::Serialize;

/// How a file fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Read with nothing to report.
    Ok,
    /// Read; some fields were missing, malformed or guessed (see the messages).
    Warnings,
    /// Not read: the first message says why.
    Rejected,
}

/// One row of the import report (the CLI's `files[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FileReport {
    /// The path as given; `bundle.zip!/inner/path` inside zips.
    pub path: String,
    /// The detected format's short name.
    pub format: String,
    pub status: Status,
    /// How many incidents were read from the file.
    pub incidents: usize,
    /// Why it was rejected, or what to check, as `field: reason` where a field is known.
    pub messages: Vec<String>,
    /// A rejected file's reason in a few words, the same for every file it applies to
    /// ([`Rejection::group`]): reports group their rows by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Bounds that keep hostile input from exhausting memory or time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest single file read, in bytes (a zip entry too).
    pub max_file_bytes: usize,
    /// Most entries read from one zip.
    pub max_zip_entries: usize,
    /// Most bytes inflated from one zip (all entries).
    pub max_zip_total_bytes: u64,
    /// How deep zips inside zips are opened.
    pub max_zip_depth: u8,
}

/// The largest file read natively: a 100k-incident export is about 130 MB.
pub const MAX_FILE_BYTES_NATIVE: usize = 1024 * 1024 * 1024;
/// The largest file read in the browser (wasm memory is 4 GB at most, and a tab shares it).
pub const MAX_FILE_BYTES_BROWSER: usize = 512 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        let max_file_bytes = if cfg!(target_arch = "wasm32") {
            MAX_FILE_BYTES_BROWSER
        } else {
            MAX_FILE_BYTES_NATIVE
        };
        Limits {
            max_file_bytes,
            max_zip_entries: 20_000,
            // Twice a file: one entry too large is refused and its siblings still fit.
            max_zip_total_bytes: 2 * max_file_bytes as u64,
            max_zip_depth: 2,
        }
    }
}

impl Limits {
    /// Why a file of `size` bytes is refused, before it is read.
    pub fn refuse(&self, size: u64) -> Option<Rejection> {
        (size > self.max_file_bytes as u64).then_some(Rejection::TooLarge {
            bytes: size,
            limit: self.max_file_bytes as u64,
        })
    }
}

/// What the caller knows that the files may not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// "Today" for year inference: a date without a year is never placed after it.
    pub reference_date: NaiveDate,
    pub limits: Limits,
    /// Keep each incident's text (timeline, body, summary, action items). Figures need none
    /// of it: `aftermath stats` reads without, in a fraction of the memory.
    pub keep_text: bool,
    /// Threads a large JSON export may be read on (native builds; the result is the same as
    /// with one). The browser's worker reads on one.
    pub threads: usize,
    /// Also prepare the figures' per-incident inputs under these definitions
    /// (`ImportResult::figures`, native builds), as each incident is read: `aftermath stats`
    /// asks.
    pub figures: Option<Definitions>,
    /// Keep the incidents in the result. Without them (and with [`ImportOptions::figures`]),
    /// a reading leaves the file reports and the figures' inputs only, in a fraction of the
    /// memory and time: `aftermath stats` reads so. (A streaming reader keeps an incident
    /// until its file's report is made only when it has warnings, or an id made from its
    /// position.)
    pub keep_incidents: bool,
}

impl ImportOptions {
    /// Options with default limits and the given reference date, read on one thread.
    pub fn new(reference_date: NaiveDate) -> Self {
        ImportOptions {
            reference_date,
            limits: Limits::default(),
            keep_text: true,
            threads: 1,
            figures: None,
            keep_incidents: true,
        }
    }

    /// These options, reading for figures under `defs`: no incident text, the figures' inputs
    /// prepared as each incident is read (`aftermath stats`).
    pub fn for_figures(self, defs: Definitions) -> Self {
        ImportOptions {
            keep_text: false,
            figures: Some(defs),
            ..self
        }
    }
}

/// Everything read from one or more files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ImportResult {
    pub files: Vec<FileReport>,
    pub incidents: Vec<Incident>,
    /// The figures' inputs of `incidents`, in their order, when the options asked for them
    /// (`None` once anything changed the list in a way they do not follow). Native builds
    /// only: the browser never asks (and the page's bundle stays without this code).
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(skip)]
    pub figures: Option<Rows>,
}

impl ImportResult {
    /// A result of these files and incidents (no figures' inputs).
    pub fn new(files: Vec<FileReport>, incidents: Vec<Incident>) -> ImportResult {
        ImportResult {
            files,
            incidents,
            #[cfg(not(target_arch = "wasm32"))]
            figures: None,
        }
    }

    /// Appends another result (files and incidents in order).
    pub fn extend(&mut self, other: ImportResult) {
        if self.files.is_empty() && self.incidents.is_empty() {
            // The first file: take its lists as they are (no copy of a large import).
            *self = other;
            return;
        }
        #[cfg(not(target_arch = "wasm32"))]
        self.merge_figures(other.figures, &other.files);
        self.files.extend(other.files);
        self.incidents.extend(other.incidents);
    }

    /// Puts `theirs` (the figures' inputs of files `files` read after these) after these.
    #[cfg(not(target_arch = "wasm32"))]
    fn merge_figures(&mut self, theirs: Option<Rows>, files: &[FileReport]) {
        // By the files' counts: a reading for the figures only keeps no incident.
        let none_read = |files: &[FileReport]| files.iter().all(|f| f.incidents == 0);
        self.figures = match (self.figures.take(), theirs) {
            (Some(mut mine), Some(theirs)) => {
                mine.append(theirs);
                Some(mine)
            }
            // Only files without incidents (rejected ones) before.
            (None, Some(theirs)) if none_read(&self.files) => Some(theirs),
            // A file that gave no incident (a rejected one) changes nothing.
            (mine, None) if none_read(files) => mine,
            _ => None,
        };
    }

    /// Whether any file was rejected.
    pub fn any_rejected(&self) -> bool {
        self.files.iter().any(|f| f.status == Status::Rejected)
    }

    /// Keeps one incident per id (the last read wins, as a re-import replaces), in first-seen
    /// order. Returns how many were merged away.
    pub fn dedup(&mut self) -> usize {
        let before = self.incidents.len();
        // Per id: where it first appeared and where its last version is.
        let mut slots: rustc_hash::FxHashMap<&str, (usize, usize)> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(before, Default::default());
        for (i, inc) in self.incidents.iter().enumerate() {
            slots
                .entry(inc.id.as_str())
                .and_modify(|s| s.1 = i)
                .or_insert((i, i));
        }
        if slots.len() == before {
            // No id twice: nothing to drop, and the order stays.
            return 0;
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.figures = None;
        }
        let mut winners: Vec<(usize, usize)> = slots.into_values().collect();
        crate::domain::order::sort_by(&mut winners, |a, b| a.cmp(b));
        let mut all: Vec<Option<Incident>> = std::mem::take(&mut self.incidents)
            .into_iter()
            .map(Some)
            .collect();
        self.incidents = winners
            .into_iter()
            .filter_map(|(_, last)| all.get_mut(last).and_then(Option::take))
            .collect();
        before - self.incidents.len()
    }
}

/// What one format reader returns for one file: the incidents and file-level messages.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub incidents: Vec<Incident>,
    pub messages: Vec<String>,
    /// The reader already gave each incident its source and ran [`finish`] (a streaming
    /// reader does, to keep only what is needed of each incident as it goes).
    pub finished: bool,
    /// The figures' inputs, prepared as the incidents were read (see
    /// [`ImportOptions::figures`]); otherwise prepared by [`report`].
    pub figures: Option<Rows>,
    /// Read without keeping every incident ([`ImportOptions::keep_incidents`]).
    pub thinned: Option<Thinned>,
}

/// A reading that kept only some incidents: how many it read, and the place among them of
/// each one kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Thinned {
    pub read: usize,
    pub places: Vec<usize>,
}

/// A reader's verdict: parsed, or rejected with a reason.
pub(crate) type ReadResult = Result<Parsed, Rejection>;

/// Reads one file (or zip) whose bytes are in memory.
///
/// ```
/// use aftermath::domain::import::{import_file, ImportOptions, Status};
/// let opts = ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
/// let md = "---\ntitle: API down\ndate: 2023-05-01T10:00:00Z\nresolvedWhen: 2023-05-01T11:00:00Z\nseverity: down\nresolved: true\n---\nBody.";
/// let result = import_file("issues/api.md", md.as_bytes(), &opts);
/// assert_eq!(result.files[0].status, Status::Ok);
/// assert_eq!(result.incidents[0].severity.level, Some(1));
/// ```
pub fn import_file(path: &str, bytes: &[u8], opts: &ImportOptions) -> ImportResult {
    import_at_depth(path, bytes, opts, 0)
}

pub(crate) fn import_at_depth(
    path: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    depth: u8,
) -> ImportResult {
    if let Some(too_large) = opts.limits.refuse(bytes.len() as u64) {
        return rejected(path, Format::Unknown, too_large);
    }
    if zip::is_zip(bytes) {
        return zip::read(path, bytes, opts, depth);
    }
    let text = match decode_text(bytes) {
        Ok(text) => text,
        Err(reason) => return rejected(path, Format::Unknown, reason),
    };
    let (format, outcome) = read_text(path, text, opts);
    match outcome {
        Ok(parsed) => report(path, format, parsed, opts),
        Err(reason) => rejected(path, format, reason),
    }
}

/// Detects the format of a text and reads it.
fn read_text(path: &str, text: &str, opts: &ImportOptions) -> (Format, ReadResult) {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return (Format::Unknown, Err(Rejection::Empty));
    }
    match registry::READERS.iter().find(|r| (r.sniff)(path, trimmed)) {
        Some(reader) => (reader.read)(path, text, opts),
        None => (Format::Unknown, Err(Rejection::Empty)),
    }
}

/// Whether a JSON file read on two threads (as the CLI reads a large one) gives exactly what
/// one thread reads; true when it would not be split. The fuzzer checks it on any input.
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub fn two_threads_agree(path: &str, bytes: &[u8]) -> bool {
    decode_text(bytes).map_or(true, |text| json::two_threads_agree(path, text))
}

/// Text from bytes: UTF-8 (with or without BOM) only; binary and other encodings are rejected.
fn decode_text(bytes: &[u8]) -> Result<&str, Rejection> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.is_empty() {
        return Err(Rejection::Empty);
    }
    let probe = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
    if probe.contains(&0) {
        return Err(Rejection::Binary);
    }
    std::str::from_utf8(bytes).map_err(|e| Rejection::NotUtf8 {
        offset: e.valid_up_to(),
    })
}

/// The report of a file not read.
pub fn rejected(path: &str, format: Format, why: Rejection) -> ImportResult {
    ImportResult {
        files: vec![FileReport::rejected(path, format, &why)],
        ..ImportResult::default()
    }
}

impl FileReport {
    /// The row of a file not read, and why.
    pub fn rejected(path: &str, format: Format, why: &Rejection) -> FileReport {
        FileReport {
            path: path.to_string(),
            format: format.name().to_string(),
            status: Status::Rejected,
            incidents: 0,
            messages: vec![why.to_string()],
            reason: Some(why.group().to_string()),
        }
    }
}

/// Finishes each incident of a parsed file and builds the file's report row.
fn report(path: &str, format: Format, parsed: Parsed, opts: &ImportOptions) -> ImportResult {
    let Parsed {
        mut incidents,
        mut messages,
        finished,
        figures,
        thinned,
    } = parsed;
    let read = thinned.as_ref().map_or(incidents.len(), |t| t.read);
    let many = read > 1;
    for (k, inc) in incidents.iter_mut().enumerate() {
        // The incident's place among those read (those kept of a thinned reading).
        let i = (thinned.as_ref())
            .and_then(|t| t.places.get(k).copied())
            .unwrap_or(k);
        if format == Format::Aftermath {
            // An archive is taken as written (lossless round trip): no re-checks, no new warnings.
            continue;
        }
        if !finished {
            if inc.source.file.is_empty() {
                inc.source.file = path.to_string();
            }
            if inc.source.format.is_empty() {
                inc.source.format = format.name().to_string();
            }
            if many && inc.source.position.is_none() {
                inc.source.position = u32::try_from(i + 1).ok();
            }
            finish(inc);
            if !opts.keep_text {
                inc.drop_text();
            }
        }
        let entry = u32::try_from(i + 1).ok().filter(|_| many);
        for w in &inc.warnings {
            let listed = Warning { entry, ..w.clone() };
            messages.push(listed.in_report(&inc.title));
        }
    }
    if read == 0 && messages.is_empty() {
        messages.push("no incidents in this file".into());
    }
    // Prepared as the incidents were read when the reader could; otherwise now (the
    // incidents are final here).
    let figures = opts.figures.map(|defs| match figures {
        Some(rows) if rows.len() == read && rows.definitions() == defs => rows,
        _ => {
            let mut rows = Rows::new(&defs);
            incidents.iter().for_each(|inc| rows.push(inc));
            rows
        }
    });
    // (Native builds only: the browser's result has no place for the figures' inputs.)
    if !opts.keep_incidents && figures.is_some() && cfg!(not(target_arch = "wasm32")) {
        incidents = Vec::new();
    }
    let status = if messages.is_empty() {
        Status::Ok
    } else {
        Status::Warnings
    };
    ImportResult {
        files: vec![FileReport {
            path: path.to_string(),
            format: format.name().to_string(),
            status,
            incidents: read,
            messages,
            reason: None,
        }],
        incidents,
        #[cfg(not(target_arch = "wasm32"))]
        figures,
    }
}

/// The checks every incident gets, whatever its format: implausible years are dropped with a
/// warning, milestones out of order are kept and flagged, and the stable id is assigned.
pub fn finish(inc: &mut Incident) {
    type Slot = fn(&mut Incident) -> &mut Option<Stamp>;
    let fields: [(&str, Slot); 5] = [
        ("started_at", |i| &mut i.started_at),
        ("detected_at", |i| &mut i.detected_at),
        ("acknowledged_at", |i| &mut i.acknowledged_at),
        ("mitigated_at", |i| &mut i.mitigated_at),
        ("resolved_at", |i| &mut i.resolved_at),
    ];
    for (name, field) in fields {
        if let Some(stamp) = *field(inc) {
            if !stamp.is_plausible() {
                *field(inc) = None;
                inc.warn(
                    name,
                    format_args!("`{stamp}` has an implausible year; left empty"),
                );
            }
        }
    }
    if let Some(start) = inc.started_at {
        let later = [
            ("detected_at", inc.detected_at),
            ("acknowledged_at", inc.acknowledged_at),
            ("mitigated_at", inc.mitigated_at),
            ("resolved_at", inc.resolved_at),
        ];
        let mut notes = Vec::new();
        for (name, stamp) in later {
            if let Some(stamp) = stamp {
                if start.until(&stamp) < chrono::TimeDelta::zero() {
                    notes.push(Warning::new(
                        name,
                        format_args!(
                            "`{stamp}` is before started_at `{start}` (negative duration)"
                        ),
                    ));
                }
            }
        }
        inc.warnings.extend(notes);
    }
    flag_outliers(inc);
    if inc.title.trim().is_empty() {
        inc.title = "(untitled incident)".into();
        inc.warn("title", "missing");
    }
    if !inc.evidence.contains_key("kind") {
        classify_kind(inc);
    }
    if inc.id.is_empty() {
        inc.assign_id();
    }
}

/// Flags a time to resolve that is zero or longer than 30 days (negative ones are flagged
/// above): such a value is more often a misread date than a fact, and one of them drags every
/// mean. The duration is kept (and shown) but the report says to check it.
fn flag_outliers(inc: &mut Incident) {
    let ttr = super::metrics::raw_duration(
        inc,
        super::metrics::Interval::standard(super::metrics::Metric::Ttr),
    );
    match ttr {
        Some(0) => inc.warn(
            "resolved_at",
            "equals started_at: a zero-length incident, left out of the metrics",
        ),
        Some(secs) if secs > super::metrics::PLAUSIBLE_SECS => inc.warn(
            "resolved_at",
            format_args!(
                "{} days after started_at: check it (a duration this long drags every mean)",
                secs / 86_400
            ),
        ),
        _ => {}
    }
}

/// Decides the kind (incident, maintenance, notice) from the incident's title, tags, folder
/// and the opening of its text, when its reader did not decide it from an explicit field.
fn classify_kind(inc: &mut Incident) {
    // Without a body (most exports), the opening is the first update, as it is.
    let opening: std::borrow::Cow<'_, str> = if inc.body.is_empty() {
        None
    } else {
        text::opening(&inc.body).map(std::borrow::Cow::Owned)
    }
    .or_else(|| inc.summary.as_deref().map(std::borrow::Cow::Borrowed))
    .unwrap_or_default();
    // Without a body, the text is the opening alone: `classify` lowercases it once.
    let body_lower = (!inc.body.is_empty()).then(|| super::lexicon::lowercase(&inc.body));
    let clues = text::kind::Clues {
        title: &inc.title,
        tags: &inc.tags,
        path: &inc.source.file,
        opening: &opening,
        opening_line: None,
        body_lower: body_lower.as_deref(),
    };
    let decision = text::kind::classify(&clues);
    drop(body_lower);
    drop(opening);
    if let Some(d) = decision {
        inc.kind = d.kind;
        inc.cite("kind", &d.evidence, d.line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ImportOptions {
        ImportOptions::new(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default())
    }

    #[test]
    fn hostile_inputs_are_rejected_by_name_without_panic() {
        let deep = "[".repeat(10_000);
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("empty.md", Vec::new(), "empty"),
            ("blank.md", b"   \n\n".to_vec(), "empty"),
            ("bin.json", vec![0, 1, 2, 255, 0, 7], "binary"),
            ("latin1.md", b"caf\xe9 down".to_vec(), "not UTF-8"),
            (
                "trunc.json",
                br#"{"incidents": [{"name": "x""#.to_vec(),
                "line 1",
            ),
            ("deep.json", deep.into_bytes(), "EOF while parsing a list"),
        ];
        for (path, bytes, needle) in cases {
            let r = import_file(path, &bytes, &opts());
            assert_eq!(r.files.len(), 1, "{path}");
            assert_eq!(r.files[0].status, Status::Rejected, "{path}");
            assert!(
                r.files[0].messages[0].contains(needle),
                "{path}: {:?}",
                r.files[0].messages
            );
        }
    }

    #[test]
    fn zero_and_month_long_durations_are_flagged_on_import() {
        let page = |end: &str| {
            format!("---\ntitle: API down\ndate: 2024-01-09T10:00:00Z\nresolvedWhen: {end}\nseverity: down\nsection: issue\n---\nDown.\n")
        };
        let zero = import_file("zero.md", page("2024-01-09T10:00:00Z").as_bytes(), &opts());
        assert!(
            zero.files[0].messages[0].contains("zero-length incident"),
            "{:?}",
            zero.files[0]
        );
        let long = import_file("long.md", page("2024-11-09T10:00:00Z").as_bytes(), &opts());
        assert_eq!(long.files[0].status, Status::Warnings);
        assert!(long.files[0].messages[0].starts_with("resolved_at: 305 days after started_at"));
        let fine = import_file("ok.md", page("2024-01-09T11:00:00Z").as_bytes(), &opts());
        assert_eq!(fine.files[0].status, Status::Ok);
    }

    #[test]
    fn oversized_file_is_rejected() {
        let mut o = opts();
        o.limits.max_file_bytes = 10;
        let r = import_file("big.csv", b"title,start\nx,2020-01-01\n", &o);
        assert_eq!(r.files[0].status, Status::Rejected);
        assert!(r.files[0].messages[0].contains("larger than"));
    }

    #[test]
    fn dedup_keeps_last_version_in_first_position() {
        let mk = |id: &str, title: &str| Incident {
            id: id.into(),
            title: title.into(),
            ..Incident::default()
        };
        let mut r = ImportResult {
            files: vec![],
            incidents: vec![mk("a", "old"), mk("b", "B"), mk("a", "new")],
            #[cfg(not(target_arch = "wasm32"))]
            figures: None,
        };
        assert_eq!(r.dedup(), 1);
        let titles: Vec<_> = r.incidents.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["new", "B"]);
    }

    /// Files of every kind read one after another, a rejected one among them, with the
    /// figures' inputs asked for: they follow the incidents as a list built afterwards does;
    /// dropping a repeat drops them.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn figures_prepared_while_reading_follow_the_files_read() {
        let defs = Definitions {
            include_planned: true,
            ..Definitions::default()
        };
        let opts = opts().for_figures(defs);
        let statuspage = br#"{"incidents": [
            {"id": "s1", "name": "API down", "impact": "major", "created_at": "2024-03-01T10:00:00Z",
             "resolved_at": "2024-03-01T11:00:00Z", "components": [{"name": "API"}]},
            {"id": "s2", "name": "Scheduled upgrade", "impact": "none", "created_at": "2024-03-02T10:00:00Z",
             "resolved_at": "2024-03-02T12:00:00Z", "scheduled_for": "2024-03-02T10:00:00Z",
             "components": [{"name": "Database"}, {"name": "API"}]}]}"#;
        let markdown = b"# Queue backlog\n\nSeverity: SEV2\nServices: Queue, API\n\n## Timeline\n\n- 2024-04-01 09:00 UTC: alerts fired\n- 2024-04-01 09:40 UTC: resolved\n";
        let csv = b"Title,Start,End,Severity,Services\nLogin errors,2024-05-01T10:00:00Z,2024-05-01T10:30:00Z,SEV3,Auth\n";
        let files = [
            ("a/status.json", &statuspage[..]),
            ("a/broken.json", &b"{\"incidents\": ["[..]),
            ("a/queue.md", &markdown[..]),
            ("a/login.csv", &csv[..]),
            ("b/status.json", &statuspage[..]),
        ];
        let read_all = |opts: &ImportOptions| {
            let mut all = ImportResult::default();
            for (path, bytes) in files {
                all.extend(import_file(path, bytes, opts));
            }
            all
        };
        let all = read_all(&opts);
        assert_eq!(all.incidents.len(), 6);
        assert!(all.any_rejected());
        let mut rows = Rows::new(&defs);
        all.incidents.iter().for_each(|inc| rows.push(inc));
        assert_eq!(all.figures.as_ref(), Some(&rows));
        // For the figures only: the same reports and inputs, no incident left.
        let thin = read_all(&ImportOptions {
            keep_incidents: false,
            ..opts
        });
        assert_eq!(thin.files, all.files);
        assert!(thin.incidents.is_empty());
        assert_eq!(thin.figures.as_ref(), Some(&rows));
        // The same export twice: the ids repeat.
        assert!(rows.may_repeat_ids());
        let mut twice = ImportResult::default();
        twice.extend(import_file("a.json", statuspage, &opts));
        twice.extend(import_file("a.json", statuspage, &opts));
        assert!(twice.figures.as_ref().is_some_and(Rows::may_repeat_ids));
        assert_eq!(twice.dedup(), 2);
        assert_eq!(twice.figures, None);
    }
}
