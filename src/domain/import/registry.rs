//! The formats Aftermath reads, in one table, and the reasons a file is not read.
//!
//! [`FORMATS`] names each format once (its short name for reports and the CLI contract, its
//! label for people, what it looks like); detection, the error for unknown JSON, the CLI help
//! and the import page's list are all written from it. [`READERS`] is the detection order:
//! each reader sniffs the text and reads the formats of its family.

use super::{cstate, csv, json, text, ImportOptions, ReadResult};
use serde::Serialize;
use std::fmt;

/// The formats Aftermath reads, by their short lowercase name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Aftermath's own archive JSON (`"aftermath": 1`).
    Aftermath,
    /// cState status-page Markdown with YAML front matter.
    Cstate,
    /// Any other Markdown with YAML or TOML front matter (Jekyll, Hugo, postmortem collections).
    Frontmatter,
    /// Atlassian Statuspage `incidents.json` or `{page, incident}`.
    Statuspage,
    /// Google Cloud status `incidents.json`.
    Gcp,
    /// PagerDuty REST API incidents.
    Pagerduty,
    /// CSV with a header row.
    Csv,
    /// Free-text postmortem (plain text or Markdown).
    Freetext,
    /// Multi-incident bulletin (`July 16: Title (06:00EST): …`).
    Bulletin,
    /// A `.zip` bundle of any of these.
    Zip,
    /// Not recognised.
    Unknown,
}

/// How a family of formats is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// JSON, told apart by its keys.
    Json,
    /// Markdown with YAML or TOML front matter.
    FrontMatter,
    /// CSV with a header row.
    Csv,
    /// Prose: anything else that is text.
    Text,
    /// A zip of any of these.
    Zip,
}

/// One row of the format table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatInfo {
    pub format: Format,
    /// Short lowercase name (reports, the CLI contract).
    pub name: &'static str,
    /// For people: "Statuspage".
    pub label: &'static str,
    /// What such a file is, for the CLI help and the import page.
    pub described: &'static str,
    pub family: Family,
}

/// Every format Aftermath reads, in the order they are listed to people.
pub const FORMATS: [FormatInfo; 10] = [
    FormatInfo {
        format: Format::Freetext,
        name: "freetext",
        label: "Free-text postmortem",
        described: "postmortems in Markdown or plain text (English or French)",
        family: Family::Text,
    },
    FormatInfo {
        format: Format::Bulletin,
        name: "bulletin",
        label: "Bulletin",
        described: "multi-incident bulletins (one dated paragraph per incident)",
        family: Family::Text,
    },
    FormatInfo {
        format: Format::Cstate,
        name: "cstate",
        label: "cState",
        described: "cState status-page Markdown",
        family: Family::FrontMatter,
    },
    FormatInfo {
        format: Format::Frontmatter,
        name: "frontmatter",
        label: "Front matter Markdown",
        described: "Jekyll / Hugo Markdown with YAML or TOML front matter",
        family: Family::FrontMatter,
    },
    FormatInfo {
        format: Format::Statuspage,
        name: "statuspage",
        label: "Statuspage",
        described: "Statuspage exports (JSON)",
        family: Family::Json,
    },
    FormatInfo {
        format: Format::Gcp,
        name: "gcp",
        label: "Google Cloud status",
        described: "Google Cloud status incidents (JSON)",
        family: Family::Json,
    },
    FormatInfo {
        format: Format::Pagerduty,
        name: "pagerduty",
        label: "PagerDuty",
        described: "PagerDuty incidents (JSON)",
        family: Family::Json,
    },
    FormatInfo {
        format: Format::Csv,
        name: "csv",
        label: "CSV",
        described: "CSV with a header row",
        family: Family::Csv,
    },
    FormatInfo {
        format: Format::Aftermath,
        name: "aftermath",
        label: "Aftermath archive",
        described: "Aftermath archives (JSON)",
        family: Family::Json,
    },
    FormatInfo {
        format: Format::Zip,
        name: "zip",
        label: "Zip bundle",
        described: "zip bundles of any of these",
        family: Family::Zip,
    },
];

const UNKNOWN: FormatInfo = FormatInfo {
    format: Format::Unknown,
    name: "unknown",
    label: "unknown",
    described: "not recognised",
    family: Family::Text,
};

impl Format {
    /// Its row of [`FORMATS`].
    pub fn info(self) -> &'static FormatInfo {
        FORMATS
            .iter()
            .find(|f| f.format == self)
            .unwrap_or(&UNKNOWN)
    }

    /// The short name used in reports and the CLI contract.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// For people: "Google Cloud status".
    pub fn label(self) -> &'static str {
        self.info().label
    }
}

/// The formats, described for people in one sentence: "postmortems in Markdown or plain text
/// (English or French), …, and zip bundles of any of these".
pub fn formats_sentence() -> String {
    let parts: Vec<&str> = FORMATS.iter().map(|f| f.described).collect();
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}, and {last}", rest.join(", ")),
        _ => parts.concat(),
    }
}

/// The labels of one family's formats: "Aftermath archive, Statuspage, …" (archive first).
fn labels_of(family: Family) -> String {
    let mut infos: Vec<&FormatInfo> = FORMATS.iter().filter(|f| f.family == family).collect();
    infos.sort_by_key(|f| f.format != Format::Aftermath);
    infos.iter().map(|f| f.label).collect::<Vec<_>>().join(", ")
}

/// A detector and reader of one family: the first reader whose sniff accepts a text reads it.
pub(crate) struct Reader {
    pub sniff: fn(path: &str, text: &str) -> bool,
    pub read: fn(path: &str, text: &str, opts: &ImportOptions) -> (Format, ReadResult),
}

/// Text readers in detection order (zips are recognised from their bytes before any of these).
pub(crate) const READERS: [Reader; 4] = [
    Reader {
        sniff: |_, text| text.starts_with('{') || text.starts_with('['),
        read: json::read,
    },
    Reader {
        sniff: |_, text| cstate::has_front_matter(text),
        read: cstate::read,
    },
    Reader {
        sniff: csv::looks_like_csv,
        read: |path, text, _| (Format::Csv, csv::read(path, text)),
    },
    Reader {
        sniff: |_, _| true,
        read: text::read,
    },
];

/// Why a file was not read. Shown as the first message of its report row, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    Empty,
    Binary,
    NotUtf8 {
        offset: usize,
    },
    /// Larger than a single file may be: refused before it is read.
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// The file system or the browser could not give its bytes.
    CannotRead(String),
    /// A folder could not be listed.
    CannotList(String),
    /// Not valid JSON, where.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON of no known format.
    UnknownJson,
    ArchiveNewer {
        version: u64,
        known: u32,
    },
    ArchiveUnknown {
        version: u64,
        known: u32,
    },
    ArchiveVersionNotNumber {
        known: u32,
    },
    FrontMatterUnclosed,
    /// The front matter's parser's words (with the line).
    FrontMatter(String),
    FrontMatterNotMapping,
    CsvHeader(String),
    CsvNoTitleOrStart {
        headers: String,
    },
    /// Prose with no date to place an incident.
    NoDate,
    ZipTooDeep {
        limit: u8,
    },
    ZipUnreadable(String),
    ZipTooManyEntries {
        entries: usize,
        limit: usize,
    },
    ZipEntryUnopenable(String),
    ZipEntryUninflatable(String),
    /// One entry inflates past what one file may be; the others are still read.
    ZipEntryTooLarge {
        limit: u64,
    },
    /// The zip's entries together inflate past the zip's budget; the rest is not read.
    ZipBudgetSpent {
        limit: u64,
    },
    /// An entry after the budget was spent.
    ZipNotReached {
        limit: u64,
    },
    ZipEmpty,
}

fn mb(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

impl Rejection {
    /// A short name of the reason, the same for every file it applies to: groups a report's
    /// rows ("19,998 entries: no incident date found").
    pub fn group(&self) -> &'static str {
        match self {
            Rejection::Empty => "empty",
            Rejection::Binary => "binary, not text",
            Rejection::NotUtf8 { .. } => "not UTF-8 text",
            Rejection::TooLarge { .. } => "too large",
            Rejection::CannotRead(_) | Rejection::CannotList(_) => "could not be read",
            Rejection::Json { .. } => "not valid JSON",
            Rejection::UnknownJson => "JSON of no known format",
            Rejection::ArchiveNewer { .. }
            | Rejection::ArchiveUnknown { .. }
            | Rejection::ArchiveVersionNotNumber { .. } => "archive version not readable",
            Rejection::FrontMatterUnclosed
            | Rejection::FrontMatter(_)
            | Rejection::FrontMatterNotMapping => "front matter not readable",
            Rejection::CsvHeader(_) | Rejection::CsvNoTitleOrStart { .. } => {
                "CSV without usable headers"
            }
            Rejection::NoDate => "no incident date found",
            Rejection::ZipTooDeep { .. }
            | Rejection::ZipUnreadable(_)
            | Rejection::ZipTooManyEntries { .. }
            | Rejection::ZipEmpty => "zip not readable",
            Rejection::ZipEntryUnopenable(_) | Rejection::ZipEntryUninflatable(_) => {
                "zip entry not readable"
            }
            Rejection::ZipEntryTooLarge { .. } | Rejection::ZipBudgetSpent { .. } => {
                "inflates past the limit"
            }
            Rejection::ZipNotReached { .. } => "not reached: the zip's limit was spent",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Empty => f.write_str("file is empty"),
            Rejection::Binary => {
                f.write_str("binary file (contains NUL bytes), not a text or zip archive")
            }
            Rejection::NotUtf8 { offset } => write!(
                f,
                "not UTF-8 text (invalid byte at offset {offset}); save the file as UTF-8 and import it again"
            ),
            Rejection::TooLarge { bytes, limit } => write!(
                f,
                "file is {} MB, larger than the {} MB a single file may be",
                mb(*bytes),
                mb(*limit)
            ),
            Rejection::CannotRead(why) => write!(f, "cannot read: {why}"),
            Rejection::CannotList(why) => write!(f, "cannot list folder: {why}"),
            Rejection::Json {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            Rejection::UnknownJson => write!(
                f,
                "JSON, but not an incident format Aftermath knows ({})",
                labels_of(Family::Json)
            ),
            Rejection::ArchiveNewer { version, known } => write!(
                f,
                "archive version {version} is newer than this Aftermath reads ({known}); update Aftermath"
            ),
            Rejection::ArchiveUnknown { version, known } => write!(
                f,
                "archive version {version} is not one Aftermath knows (expected {known})"
            ),
            Rejection::ArchiveVersionNotNumber { known } => write!(
                f,
                "`aftermath` must be the archive version number ({known})"
            ),
            Rejection::FrontMatterUnclosed => {
                f.write_str("line 1: front matter opened with `---` but never closed")
            }
            Rejection::FrontMatter(why) => f.write_str(why),
            Rejection::FrontMatterNotMapping => {
                f.write_str("front matter is not a `key: value` mapping")
            }
            Rejection::CsvHeader(why) => write!(f, "header row: {why}"),
            Rejection::CsvNoTitleOrStart { headers } => write!(
                f,
                "no title or start column among the headers ({headers}); name one `title` and one `start`"
            ),
            Rejection::NoDate => f.write_str(
                "no incident date found in the text (looked for dates like `2021-09-22`, `16/02/2016`, `17 septembre`, `December 6`); not read as a postmortem",
            ),
            Rejection::ZipTooDeep { limit } => {
                write!(f, "zip nested more than {limit} deep; unpack it first")
            }
            Rejection::ZipUnreadable(why) => write!(f, "not a readable zip: {why}"),
            Rejection::ZipTooManyEntries { entries, limit } => write!(
                f,
                "zip has {entries} entries, more than the {limit} allowed"
            ),
            Rejection::ZipEntryUnopenable(why) => write!(f, "cannot open zip entry: {why}"),
            Rejection::ZipEntryUninflatable(why) => write!(f, "cannot inflate zip entry: {why}"),
            Rejection::ZipEntryTooLarge { limit } => write!(
                f,
                "inflates past the {} MB a single file may be (possible zip bomb); the other entries are still read",
                mb(*limit)
            ),
            Rejection::ZipBudgetSpent { limit } => write!(
                f,
                "inflates past the {} MB limit for one zip (possible zip bomb); the remaining entries were not read",
                mb(*limit)
            ),
            Rejection::ZipNotReached { limit } => write!(
                f,
                "not read: the zip had already inflated past its {} MB limit",
                mb(*limit)
            ),
            Rejection::ZipEmpty => {
                f.write_str("zip contains no files (only folders, dotfiles or __MACOSX)")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_in_the_table_once_and_names_round_trip() {
        let names: Vec<&str> = FORMATS.iter().map(|f| f.name).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        for f in FORMATS {
            assert_eq!(f.format.info(), &f);
            assert_eq!(
                serde_json::to_string(&f.format).unwrap(),
                format!("\"{}\"", f.name)
            );
        }
        assert_eq!(Format::Unknown.name(), "unknown");
    }

    #[test]
    fn the_unknown_json_message_lists_the_json_formats() {
        assert_eq!(
            Rejection::UnknownJson.to_string(),
            "JSON, but not an incident format Aftermath knows (Aftermath archive, Statuspage, Google Cloud status, PagerDuty)"
        );
        assert!(formats_sentence().ends_with(", and zip bundles of any of these"));
        assert!(formats_sentence().contains("Statuspage exports (JSON)"));
    }
}
