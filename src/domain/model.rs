//! The one validated incident model every importer produces and every view reads.
//!
//! Importers read their format into a raw, all-optional struct first, then convert it into
//! [`Incident`], recording on the incident what was guessed ([`Incident::inferred`]) and what
//! looked wrong ([`Incident::warnings`]) instead of stopping at the first problem.

use super::stamp::Stamp;
use crate::domain::sorted_map::SortedMap;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The moments of an incident every duration is measured between.
///
/// ```
/// use aftermath::domain::model::{Incident, Milestone};
/// let inc = Incident { resolved_at: "2024-01-01T10:00:00Z".parse().ok(), ..Incident::default() };
/// assert_eq!(Milestone::Resolved.name(), "resolved_at");
/// assert!(Milestone::Resolved.of(&inc).is_some());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    Started,
    Detected,
    Acknowledged,
    Mitigated,
    Resolved,
}

impl Milestone {
    /// Every milestone, in the order an incident goes through them.
    pub const ALL: [Milestone; 5] = [
        Milestone::Started,
        Milestone::Detected,
        Milestone::Acknowledged,
        Milestone::Mitigated,
        Milestone::Resolved,
    ];

    /// The model's field name (`started_at`, …), also the key of its evidence and edits.
    pub fn name(self) -> &'static str {
        match self {
            Milestone::Started => "started_at",
            Milestone::Detected => "detected_at",
            Milestone::Acknowledged => "acknowledged_at",
            Milestone::Mitigated => "mitigated_at",
            Milestone::Resolved => "resolved_at",
        }
    }

    /// A label for people: "Started", "Detected", …
    pub fn label(self) -> &'static str {
        match self {
            Milestone::Started => "Started",
            Milestone::Detected => "Detected",
            Milestone::Acknowledged => "Acknowledged",
            Milestone::Mitigated => "Mitigated",
            Milestone::Resolved => "Resolved",
        }
    }

    /// The milestone named by a model field name.
    pub fn from_name(name: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The incident's time for this milestone.
    pub fn of(self, inc: &Incident) -> Option<Stamp> {
        match self {
            Milestone::Started => inc.started_at,
            Milestone::Detected => inc.detected_at,
            Milestone::Acknowledged => inc.acknowledged_at,
            Milestone::Mitigated => inc.mitigated_at,
            Milestone::Resolved => inc.resolved_at,
        }
    }

    /// The incident's slot for this milestone.
    pub fn slot(self, inc: &mut Incident) -> &mut Option<Stamp> {
        match self {
            Milestone::Started => &mut inc.started_at,
            Milestone::Detected => &mut inc.detected_at,
            Milestone::Acknowledged => &mut inc.acknowledged_at,
            Milestone::Mitigated => &mut inc.mitigated_at,
            Milestone::Resolved => &mut inc.resolved_at,
        }
    }
}

/// What a document reports: an incident, planned work, or a notice without an outage.
/// Maintenance and notices stay visible but are left out of incident metrics by default.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Something went wrong, unplanned.
    #[default]
    Incident,
    /// Planned work (upgrades, migrations, scheduled downtime).
    Maintenance,
    /// Informational: announcements, holidays, advisories without service impact.
    Notice,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Incident, Kind::Maintenance, Kind::Notice];

    /// The CLI contract's word: `incident`, `maintenance`, `notice`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::Maintenance => "maintenance",
            Kind::Notice => "notice",
        }
    }

    /// For people: "incident", "planned maintenance", "notice".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::Maintenance => "planned maintenance",
            Kind::Notice => "notice",
        }
    }

    /// The kind named by [`Kind::name`].
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A problem found in one field of an incident, with where it was found.
///
/// Written and serialised as `line 3: date: reason` (the parts that are known), the form
/// archives and the CLI have always used.
///
/// ```
/// use aftermath::domain::model::Warning;
/// let w = Warning::new("resolved_at", "is before started_at").at_line(Some(7));
/// assert_eq!(w.to_string(), "line 7: resolved_at: is before started_at");
/// assert_eq!(Warning::parse(&w.to_string()), w);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The field (model name or the source's key), when the warning is about one.
    pub field: Option<String>,
    /// The line of the source file, when known.
    pub line: Option<u32>,
    /// The entry of a multi-incident file (1-based), when the warning is shown apart from its
    /// incident (the file report names it with the incident's title).
    pub entry: Option<u32>,
    pub reason: String,
}

impl Warning {
    /// A warning about `field`.
    pub fn new(field: impl Into<String>, reason: impl fmt::Display) -> Warning {
        Warning {
            field: Some(field.into()),
            line: None,
            entry: None,
            reason: reason.to_string(),
        }
    }

    /// The same warning, placed on a line of the source.
    #[must_use]
    pub fn at_line(mut self, line: Option<u32>) -> Warning {
        self.line = line;
        self
    }

    /// Reads the written form back (`line 3: field: reason`).
    pub fn parse(text: &str) -> Warning {
        let mut rest = text;
        let mut line = None;
        if let Some(after) = rest.strip_prefix("line ") {
            if let Some((n, tail)) = after.split_once(": ") {
                if let Ok(n) = n.parse() {
                    line = Some(n);
                    rest = tail;
                }
            }
        }
        let (field, reason) = match rest.split_once(": ") {
            Some((f, r)) if !f.is_empty() && !f.contains(' ') => (Some(f.to_string()), r),
            _ => (None, rest),
        };
        Warning {
            field,
            line,
            entry: None,
            reason: reason.to_string(),
        }
    }

    /// The warning as a file report lists it: `entry 2 (Title): line 3: field: reason` for an
    /// entry of a multi-incident file, the warning alone otherwise.
    pub fn in_report(&self, title: &str) -> String {
        match self.entry {
            Some(n) => format!("entry {n} ({title}): {self}"),
            None => self.to_string(),
        }
    }

    /// Whether the warning is about `field`.
    pub fn is_about(&self, field: &str) -> bool {
        self.field.as_deref() == Some(field)
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.reason)
    }
}

impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Warning {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Warning;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a warning text")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Warning, E> {
                Ok(Warning::parse(v))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// Where a value read from text came from: the line or sentence as written, and its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cited<'a> {
    pub text: &'a str,
    /// 1-based line of the source file.
    pub line: Option<u32>,
}

/// The four severity levels every source is mapped to, most severe first. Archives and the CLI
/// write them as numbers (1–4); `None` is unknown.
///
/// ```
/// use aftermath::domain::model::Level;
/// assert_eq!(Level::from_number(2), Some(Level::Major));
/// assert_eq!(Level::name_of(None), "unknown");
/// assert_eq!(Level::ALL.map(Level::label), ["Critical", "Major", "Minor", "Info"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Critical,
    Major,
    Minor,
    Info,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Critical, Level::Major, Level::Minor, Level::Info];

    /// 1 (critical) to 4 (info).
    pub fn number(self) -> u8 {
        match self {
            Level::Critical => 1,
            Level::Major => 2,
            Level::Minor => 3,
            Level::Info => 4,
        }
    }

    /// The level of a number; above 4 counts as 4, as the filters and charts count it.
    pub fn from_number(n: u8) -> Option<Level> {
        match n {
            0 => None,
            1 => Some(Level::Critical),
            2 => Some(Level::Major),
            3 => Some(Level::Minor),
            _ => Some(Level::Info),
        }
    }

    /// `critical`, `major`, `minor`, `info`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Critical => "critical",
            Level::Major => "major",
            Level::Minor => "minor",
            Level::Info => "info",
        }
    }

    /// `Critical`, `Major`, `Minor`, `Info` (headings, filter options).
    pub fn label(self) -> &'static str {
        match self {
            Level::Critical => "Critical",
            Level::Major => "Major",
            Level::Minor => "Minor",
            Level::Info => "Info",
        }
    }

    /// The name of an optional level number: `unknown` when there is none.
    pub fn name_of(level: Option<u8>) -> &'static str {
        level
            .and_then(Level::from_number)
            .map_or("unknown", Level::name)
    }
}

/// Normalised severity: `level` 1 (worst) to 4 (informational), plus the source's own word.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Severity {
    /// 1 = critical/outage, 2 = major, 3 = minor/degraded, 4 = informational; `None` if unknown.
    pub level: Option<u8>,
    /// The source's own label, e.g. `disrupted`, `SEV2`, `Sévérité 1`.
    pub label: Option<String>,
}

impl Severity {
    /// A severity with a known level and the source's label.
    pub fn new(level: u8, label: impl Into<String>) -> Self {
        Severity {
            level: Some(level.clamp(1, 4)),
            label: Some(label.into()),
        }
    }

    /// Maps the severity words used across status pages and postmortems to a level.
    ///
    /// ```
    /// use aftermath::domain::model::Severity;
    /// assert_eq!(Severity::from_label("SEV-2").level, Some(2));
    /// assert_eq!(Severity::from_label("down").level, Some(1));
    /// assert_eq!(Severity::from_label("banana").level, None);
    /// ```
    pub fn from_label(label: &str) -> Self {
        let trimmed = label.trim();
        // Most labels are lowercase already (`minor`, `major`): no copy then.
        let lower = super::lexicon::lowercase(trimmed);
        let level = match lower.as_ref() {
            "critical" | "down" | "major outage" | "major_outage" | "outage" | "high"
            | "blocker" | "critique" | "bloquant" | "bloquante" => Some(1),
            "major" | "partial outage" | "partial_outage" | "medium" | "error" | "majeur"
            | "majeure" | "élevée" | "elevee" => Some(2),
            "minor"
            | "disrupted"
            | "degraded"
            | "degraded performance"
            | "degraded_performance"
            | "low"
            | "warning"
            | "mineur"
            | "mineure"
            | "dégradé"
            | "faible" => Some(3),
            "none" | "notice" | "maintenance" | "informational" | "info" | "under_maintenance" => {
                Some(4)
            }
            _ => numbered_level(&lower),
        };
        Severity {
            level,
            label: (!trimmed.is_empty()).then(|| trimmed.to_string()),
        }
    }

    /// A short display name for the level ([`Level::name_of`]).
    pub fn level_name(level: Option<u8>) -> &'static str {
        Level::name_of(level)
    }
}

/// `sev1`, `sev-2`, `sev 3`, `p1`, `priority 2`, `sévérité 1`, `niveau 2`, `1`.
fn numbered_level(lower: &str) -> Option<u8> {
    let rest = [
        "sévérité",
        "severite",
        "severity",
        "sev",
        "priority",
        "niveau",
        "p",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p))
    .unwrap_or(lower);
    let digits: String = rest
        .trim_start_matches([' ', '-', '_', ':'])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let n: u8 = digits.parse().ok()?;
    // SEV0 / P0 exist in some companies and mean "worse than 1"; P5 means "lowest".
    Some(n.clamp(1, 4))
}

/// One line of an incident's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// When, if the line gave a time.
    pub at: Option<Stamp>,
    /// What happened, as written.
    pub text: String,
}

/// Where an incident was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file's path as given (`bundle.zip!/inner/path` inside zips).
    pub file: String,
    /// The detected format's short name (see [`super::import::Format`]).
    pub format: String,
    /// Position in the file: the entry index for multi-incident files, or the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    /// The incident's own id in the tool it was exported from (Statuspage, PagerDuty, Google
    /// Cloud id): its identity across overlapping exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The incident's page in that tool (a Statuspage shortlink, a PagerDuty URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Durations the authors state in the document ("Temps de détection : 15min"), in seconds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedDurations {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttd_secs: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tta_secs: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttm_secs: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttr_secs: Option<i64>,
}

/// One incident, validated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable id derived from the source and content: re-importing a file does not duplicate.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub impact: Option<String>,
    #[serde(default)]
    pub started_at: Option<Stamp>,
    #[serde(default)]
    pub detected_at: Option<Stamp>,
    #[serde(default)]
    pub acknowledged_at: Option<Stamp>,
    #[serde(default)]
    pub mitigated_at: Option<Stamp>,
    #[serde(default)]
    pub resolved_at: Option<Stamp>,
    /// The source says the incident is still open (no resolution yet).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    #[serde(default)]
    pub severity: Severity,
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default)]
    pub actions: Vec<String>,
    /// The postmortem text as Markdown (rendered safely by the UI).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    #[serde(default)]
    pub source: Source,
    /// Durations stated in the text, used when timestamps are missing.
    #[serde(default, skip_serializing_if = "is_default")]
    pub stated: StatedDurations,
    /// Problems found in this incident's fields (written `line N: field: reason`).
    #[serde(default)]
    pub warnings: Vec<Warning>,
    /// Fields guessed rather than read, e.g. `started_at.year`, `detected_at`.
    #[serde(default)]
    pub inferred: Vec<String>,
    /// Left out of metrics by the user.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excluded: bool,
    /// Incident, planned maintenance or notice (the last two stay out of incident metrics
    /// unless the view includes them).
    #[serde(default)]
    pub kind: Kind,
    /// For each value read from text (`started_at`, `durations.ttr_secs`, `severity`, `kind`…),
    /// the line or sentence it came from, as written ([`Incident::cite`]).
    #[serde(default, skip_serializing_if = "SortedMap::is_empty")]
    pub evidence: SortedMap<String, String>,
    /// The source line of each piece of evidence (1-based), when known.
    #[serde(default, skip_serializing_if = "SortedMap::is_empty")]
    pub evidence_lines: SortedMap<String, u32>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Incident {
    /// Whether the id can name a published page (`incidents/<id>/`) as it is: letters, digits,
    /// `-` and `_` only. Ids kept from a source (`INC 12/3`) may not; such incidents get no
    /// page, and no index or feed entry links to one.
    pub fn has_page_id(&self) -> bool {
        !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }

    /// The summary to show above the timeline: none when it only repeats one of the timeline's
    /// entries (a status page's summary is its first update, shown in the timeline already).
    pub fn lead(&self) -> Option<&str> {
        let summary = self.summary.as_deref()?;
        let repeated = self
            .timeline
            .iter()
            .any(|t| t.text.trim() == summary.trim());
        (!repeated).then_some(summary)
    }

    /// Drops the text no figure needs (timeline, body, summary, action items), keeping times,
    /// severity, services, kind, warnings and evidence.
    pub fn drop_text(&mut self) {
        self.timeline = Vec::new();
        self.body = String::new();
        self.summary = None;
        self.actions = Vec::new();
    }

    /// Records a warning about `field`.
    pub fn warn(&mut self, field: &str, reason: impl std::fmt::Display) {
        self.warnings.push(Warning::new(field, reason));
    }

    /// Whether a warning about `field` was recorded.
    pub fn has_warning(&self, field: &str) -> bool {
        self.warnings.iter().any(|w| w.is_about(field))
    }

    /// Records where the value of `field` was read: the text as written and its line.
    pub fn cite(&mut self, field: &str, text: &str, line: Option<u32>) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.evidence.insert(field.to_string(), text.to_string());
        match line {
            Some(n) => self.evidence_lines.insert(field.to_string(), n),
            None => self.evidence_lines.remove(field),
        };
    }

    /// Forgets the evidence of `field` (its value was replaced or cleared).
    pub fn uncite(&mut self, field: &str) {
        self.evidence.remove(field);
        self.evidence_lines.remove(field);
    }

    /// The evidence of `field`, if it was read from text.
    pub fn evidence_of(&self, field: &str) -> Option<Cited<'_>> {
        self.evidence.get(field).map(|text| Cited {
            text,
            line: self.evidence_lines.get(field).copied(),
        })
    }

    /// Marks `field` as guessed.
    pub fn mark_inferred(&mut self, field: &str) {
        if !self.inferred.iter().any(|f| f == field) {
            self.inferred.push(field.to_string());
        }
    }

    /// Whether `field` (or a part of it, like `started_at.year`) was guessed.
    pub fn is_inferred(&self, field: &str) -> bool {
        self.inferred.iter().any(|f| {
            f.strip_prefix(field)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
    }

    /// The earliest known time of the incident, for ordering and placing it on a calendar.
    pub fn anchor(&self) -> Option<Stamp> {
        self.started_at
            .or(self.detected_at)
            .or(self.acknowledged_at)
            .or(self.resolved_at)
    }

    /// Computes [`Incident::id`] (FNV-1a, 64 bits, hex), so that the same incident read again
    /// — from a later, overlapping export, or another copy of the file — is recognised:
    ///
    /// - from the source tool's own id when it has one (Statuspage, PagerDuty, Google Cloud);
    /// - from the file name for one-incident-per-file pages (cState, front-matter posts: the
    ///   slug), whatever their title or times say now;
    /// - otherwise from the file name, position, title and start.
    ///
    /// The hash is stable across platforms and Rust versions (unlike `DefaultHasher`).
    pub fn assign_id(&mut self) {
        let base = self
            .source
            .file
            .rsplit(['/', '!'])
            .next()
            .unwrap_or_default();
        if let Some(own) = &self.source.external_id {
            self.id = stable_hash(&[&self.source.format, "id", own]);
            return;
        }
        let one_per_file = matches!(self.source.format.as_str(), "cstate" | "frontmatter")
            && self.source.position.is_none();
        if one_per_file {
            self.id = stable_hash(&[&self.source.format, "file", base]);
            return;
        }
        let start = self.anchor().map(|s| s.to_string()).unwrap_or_default();
        let pos = self.source.position.unwrap_or(0).to_string();
        self.id = stable_hash(&[&self.source.format, base, &pos, &self.title, &start]);
    }
}

/// FNV-1a over the parts, separated so that `("ab","c")` and `("a","bc")` differ.
pub fn stable_hash(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    // As `format!("{hash:016x}")`, without the formatting machinery (every incident of an
    // import gets one).
    const HEX: &[u8; 16] = b"0123456789abcdef";
    (0..16)
        .rev()
        .map(|nibble| {
            let digit = HEX.get(((hash >> (4 * nibble)) & 0xf) as usize);
            char::from(digit.copied().unwrap_or(b'0'))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_words() {
        let cases = [
            ("SEV1", Some(1)),
            ("sev-2", Some(2)),
            ("P3", Some(3)),
            ("Sévérité 1", Some(1)),
            ("notice", Some(4)),
            ("disrupted", Some(3)),
            ("critical", Some(1)),
            ("P5", Some(4)),
            ("SEV0", Some(1)),
            ("critique", Some(1)),
            ("mineure", Some(3)),
            ("purple", None),
            ("", None),
        ];
        for (label, level) in cases {
            assert_eq!(Severity::from_label(label).level, level, "{label}");
        }
    }

    #[test]
    fn a_summary_that_repeats_a_timeline_entry_is_not_shown_twice() {
        let update = |text: &str| TimelineEntry {
            at: "2026-03-02T10:00:00Z".parse().ok(),
            text: text.into(),
        };
        let mut inc = Incident {
            summary: Some("investigating: Checkout errors for some users.".into()),
            timeline: vec![
                update("investigating: Checkout errors for some users. "),
                update("resolved: Fixed."),
            ],
            ..Incident::default()
        };
        assert_eq!(
            inc.lead(),
            None,
            "a status page's first update, in the timeline"
        );
        inc.timeline.remove(0);
        assert_eq!(
            inc.lead(),
            Some("investigating: Checkout errors for some users.")
        );
        inc.timeline.clear();
        assert!(
            inc.lead().is_some(),
            "no timeline: the summary is all there is"
        );
        inc.summary = None;
        assert_eq!(inc.lead(), None);
    }

    #[test]
    fn id_is_stable_and_depends_on_content() {
        let mut a = Incident {
            title: "DB down".into(),
            ..Incident::default()
        };
        a.source = Source {
            file: "x/2022.md".into(),
            format: "freetext".into(),
            ..Source::default()
        };
        a.assign_id();
        let mut b = a.clone();
        b.source.file = "bundle.zip!/other/2022.md".into();
        b.assign_id();
        assert_eq!(a.id, b.id, "same file name and content: same id");
        b.title = "DB slow".into();
        b.assign_id();
        assert_ne!(a.id, b.id);
        // A page of a status site is its slug: a corrected title keeps its identity.
        let mut page = a.clone();
        page.source.format = "cstate".into();
        page.assign_id();
        let mut edited = page.clone();
        edited.title = "DB down (updated)".into();
        edited.assign_id();
        assert_eq!(page.id, edited.id);
        // An export's own id wins over the file it came in.
        let mut pd = a.clone();
        pd.source = Source {
            file: "march.json".into(),
            format: "pagerduty".into(),
            position: Some(3),
            external_id: Some("PT4KHLK".into()),
            url: None,
        };
        pd.assign_id();
        let mut again = pd.clone();
        again.source.file = "q1.json".into();
        again.source.position = Some(40);
        again.title = "renamed".into();
        again.assign_id();
        assert_eq!(pd.id, again.id);
        assert_eq!(stable_hash(&["a"]), stable_hash(&["a"]));
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
    }
}

/// Incidents for tests of the core, written in one line each.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Incident, Severity};

    /// A small deterministic generator (xorshift), for varied test inputs.
    pub struct Dice(pub u64);

    impl Dice {
        /// A number below `sides` (0 when `sides` is 0).
        pub fn roll(&mut self, sides: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % sides.max(1)
        }
    }

    /// An incident `id` of `level` from `start` to `end` (RFC 3339) on `services`.
    pub fn incident(id: &str, level: u8, start: &str, end: &str, services: &[&str]) -> Incident {
        Incident {
            id: id.into(),
            title: id.into(),
            started_at: start.parse().ok(),
            resolved_at: end.parse().ok(),
            severity: Severity::new(level, format!("L{level}")),
            services: services.iter().map(|s| s.to_string()).collect(),
            ..Incident::default()
        }
    }
}
