//! User corrections, kept as a layer on top of the imported incidents.
//!
//! The imported incidents are never changed in place: [`Edits::apply`] derives the incidents
//! every view shows from the imported ones and the edits. Edits are keyed by the incident's
//! stable id (and fixes by source file), so they survive a re-import of the same files, are
//! saved with the imports, and are baked into exports.

use super::model::Incident;
use super::stamp::Stamp;
use crate::domain::sorted_map::SortedMap;
use chrono::{Datelike, FixedOffset};
use serde::{Deserialize, Serialize};

/// Corrections to one incident; `None` leaves the imported value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentEdit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected_at: Option<Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<Stamp>,
    /// Severity level 1–4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<String>>,
    /// Left out of metrics (e.g. planned maintenance), or put back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded: Option<bool>,
}

impl IncidentEdit {
    /// The model fields this edit sets, e.g. `["title", "severity"]`.
    pub fn fields(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let set = [
            (self.title.is_some(), "title"),
            (self.started_at.is_some(), "started_at"),
            (self.detected_at.is_some(), "detected_at"),
            (self.resolved_at.is_some(), "resolved_at"),
            (self.level.is_some(), "severity"),
            (self.services.is_some(), "services"),
            (self.excluded.is_some(), "excluded"),
        ];
        for (is_set, name) in set {
            if is_set {
                out.push(name);
            }
        }
        out
    }
}

/// A correction for every incident read from one file: its year (when the importer had to
/// guess it) and its time zone (when the file gave none, or the wrong one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFix {
    /// Moves every time of the file's incidents so that each incident starts in this year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Reads every wall-clock time of the file in this UTC offset, in minutes east of UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_minutes: Option<i32>,
}

/// All corrections.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edits {
    /// By incident id.
    #[serde(default)]
    pub incidents: SortedMap<String, IncidentEdit>,
    /// By source file path, as in [`super::model::Source::file`].
    #[serde(default)]
    pub files: SortedMap<String, FileFix>,
}

impl Edits {
    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.incidents.is_empty() && self.files.is_empty()
    }

    /// Changes one incident's edit, creating it if needed; an edit left empty is removed.
    pub fn edit(&mut self, id: &str, change: impl FnOnce(&mut IncidentEdit)) {
        let entry = self.incidents.entry(id.to_string()).or_default();
        change(entry);
        if *entry == IncidentEdit::default() {
            self.incidents.remove(id);
        }
    }

    /// Sets (or with `FileFix::default()`, removes) the fix for one file.
    pub fn fix_file(&mut self, file: &str, fix: FileFix) {
        if fix == FileFix::default() {
            self.files.remove(file);
        } else {
            self.files.insert(file.to_string(), fix);
        }
    }

    /// The incidents as corrected: file fixes first, then each incident's own edit. Fields the
    /// user set are no longer marked inferred (a person checked them).
    pub fn apply(&self, imported: &[Incident]) -> Vec<Incident> {
        imported.iter().map(|inc| self.apply_one(inc)).collect()
    }

    /// One incident as corrected.
    pub fn apply_one(&self, imported: &Incident) -> Incident {
        let mut inc = imported.clone();
        if let Some(fix) = self.files.get(&inc.source.file) {
            apply_file_fix(&mut inc, *fix);
        }
        if let Some(edit) = self.incidents.get(&inc.id) {
            apply_edit(&mut inc, edit);
        }
        inc
    }
}

fn apply_file_fix(inc: &mut Incident, fix: FileFix) {
    if let Some(year) = fix.year {
        let shift = inc
            .anchor()
            .map_or(0, |a| year.saturating_sub(a.local_date().year()));
        if shift != 0 {
            for_each_stamp(inc, |s| shift_years(s, shift));
        }
        inc.inferred.retain(|f| !f.ends_with(".year"));
    }
    if let Some(minutes) = fix.offset_minutes {
        if let Some(offset) = FixedOffset::east_opt(minutes.saturating_mul(60)) {
            for_each_stamp(inc, |s| {
                Stamp::at(s.local_date(), s.local().time(), Some(offset))
            });
        }
    }
}

fn apply_edit(inc: &mut Incident, edit: &IncidentEdit) {
    if let Some(title) = &edit.title {
        inc.title.clone_from(title);
    }
    let times = [
        (edit.started_at, &mut inc.started_at),
        (edit.detected_at, &mut inc.detected_at),
        (edit.resolved_at, &mut inc.resolved_at),
    ];
    for (new, slot) in times {
        if new.is_some() {
            *slot = new;
        }
    }
    if edit.resolved_at.is_some() {
        inc.open = false;
    }
    if let Some(level) = edit.level {
        inc.severity.level = Some(level.clamp(1, 4));
    }
    if let Some(services) = &edit.services {
        inc.services.clone_from(services);
    }
    if let Some(excluded) = edit.excluded {
        inc.excluded = excluded;
    }
    for field in edit.fields() {
        inc.inferred
            .retain(|f| !(f == field || f.starts_with(&format!("{field}."))));
    }
}

/// Calls `change` on every time of the incident (milestones and timeline); a time the change
/// cannot express stays as it was.
fn for_each_stamp(inc: &mut Incident, change: impl Fn(&Stamp) -> Option<Stamp>) {
    let slots = [
        &mut inc.started_at,
        &mut inc.detected_at,
        &mut inc.acknowledged_at,
        &mut inc.mitigated_at,
        &mut inc.resolved_at,
    ];
    for slot in slots
        .into_iter()
        .chain(inc.timeline.iter_mut().map(|t| &mut t.at))
    {
        if let Some(s) = slot.as_ref() {
            if let Some(new) = change(s) {
                *slot = Some(new);
            }
        }
    }
}

fn shift_years(s: &Stamp, years: i32) -> Option<Stamp> {
    let date = s.local_date();
    let moved = if years >= 0 {
        date.checked_add_months(chrono::Months::new(years.unsigned_abs().saturating_mul(12)))
    } else {
        date.checked_sub_months(chrono::Months::new(years.unsigned_abs().saturating_mul(12)))
    }?;
    Stamp::at(moved, s.local().time(), s.offset())
}

/// Reads a zone as typed in a form: empty (no zone), `UTC`, an abbreviation (`CEST`, `EST`)
/// or an offset (`+02:00`, `-0500`, `+5`). Returns minutes east of UTC; `Err` when unreadable.
///
/// ```
/// use aftermath::domain::edits::parse_zone;
/// assert_eq!(parse_zone(""), Ok(None));
/// assert_eq!(parse_zone("CEST"), Ok(Some(120)));
/// assert_eq!(parse_zone("-05:30"), Ok(Some(-330)));
/// assert!(parse_zone("Mars/Olympus").is_err());
/// ```
pub fn parse_zone(text: &str) -> Result<Option<i32>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(off) = super::dates::named_offset(t) {
        return Ok(Some(off.local_minus_utc() / 60));
    }
    let bad = || format!("`{t}` is not a time zone (try +02:00, -05:00, UTC or CEST)");
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, t.get(1..).unwrap_or_default()),
        Some(b'-') => (-1, t.get(1..).unwrap_or_default()),
        _ => return Err(bad()),
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (h, m) = if digits.len() <= 2 {
        (digits.parse::<i32>().map_err(|_| bad())?, 0)
    } else {
        let split = digits.len() - 2;
        (
            digits
                .get(..split)
                .and_then(|h| h.parse().ok())
                .ok_or_else(bad)?,
            digits
                .get(split..)
                .and_then(|m| m.parse().ok())
                .ok_or_else(bad)?,
        )
    };
    if h > 14 || m > 59 {
        return Err(bad());
    }
    Ok(Some(sign * (h * 60 + m)))
}

/// `+02:00` for 120 minutes, empty for none: the zone as a form shows it.
pub fn zone_text(minutes: Option<i32>) -> String {
    match minutes {
        None => String::new(),
        Some(m) => {
            let sign = if m < 0 { '-' } else { '+' };
            let a = m.unsigned_abs();
            format!("{sign}{:02}:{:02}", a / 60, a % 60)
        }
    }
}

/// A time as a form edits it: the wall clock for `<input type="datetime-local">`
/// (`2026-03-02T10:00`) and the zone (`+01:00`, or empty when the source gave none).
pub fn stamp_parts(s: &Stamp) -> (String, String) {
    let local = s.local().to_string();
    let clock: String = local.replace(' ', "T").chars().take(16).collect();
    (
        clock,
        zone_text(s.offset().map(|o| o.local_minus_utc() / 60)),
    )
}

/// The time a form describes; `Err` says what is wrong.
pub fn stamp_from_parts(clock: &str, zone: &str) -> Result<Stamp, String> {
    let minutes = parse_zone(zone)?;
    let naive = crate::domain::dates::parse_wall_clock(clock)
        .ok_or_else(|| format!("`{clock}` is not a date and time"))?;
    let offset = minutes
        .map(|m| FixedOffset::east_opt(m * 60).ok_or_else(|| format!("`{zone}` is out of range")))
        .transpose()?;
    let stamp = Stamp::at(naive.date(), naive.time(), offset)
        .ok_or_else(|| format!("`{clock}` does not exist in {zone}"))?;
    if stamp.is_plausible() {
        Ok(stamp)
    } else {
        Err(format!("`{clock}` has an implausible year"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Source, TimelineEntry};

    fn stamp(s: &str) -> Stamp {
        s.parse().unwrap()
    }

    fn imported() -> Incident {
        Incident {
            id: "a1".into(),
            title: "Queue stalls".into(),
            started_at: Some(stamp("2025-12-31T23:30:00")),
            resolved_at: Some(stamp("2026-01-01T01:00:00")),
            timeline: vec![TimelineEntry {
                at: Some(stamp("2026-01-01T00:10:00")),
                text: "restarted".into(),
            }],
            source: Source {
                file: "q4/stall.md".into(),
                format: "freetext".into(),
                position: None,
                ..Source::default()
            },
            inferred: vec!["started_at.year".into(), "title".into()],
            ..Incident::default()
        }
    }

    #[test]
    fn form_parts_round_trip() {
        let s = stamp("2026-03-02T10:05:00+01:00");
        let (clock, zone) = stamp_parts(&s);
        assert_eq!(
            (clock.as_str(), zone.as_str()),
            ("2026-03-02T10:05", "+01:00")
        );
        assert_eq!(stamp_from_parts(&clock, &zone), Ok(s));
        let f = stamp("2026-03-02T10:05:00");
        assert_eq!(stamp_parts(&f), ("2026-03-02T10:05".into(), String::new()));
        assert_eq!(stamp_from_parts("2026-03-02T10:05", ""), Ok(f));
        assert_eq!(
            stamp_from_parts("2026-03-02T10:05", "EST")
                .unwrap()
                .to_string(),
            "2026-03-02T10:05:00-05:00"
        );
        assert!(stamp_from_parts("yesterday", "").is_err());
        assert!(stamp_from_parts("2026-03-02T10:05", "+25:00").is_err());
        assert!(stamp_from_parts("0001-03-02T10:05", "").is_err());
        assert_eq!(parse_zone("+0530"), Ok(Some(330)));
        assert_eq!(parse_zone("+5"), Ok(Some(300)));
        assert_eq!(zone_text(Some(-330)), "-05:30");
    }

    #[test]
    fn year_fix_moves_every_time_and_keeps_the_new_year_crossing() {
        let mut edits = Edits::default();
        edits.fix_file(
            "q4/stall.md",
            FileFix {
                year: Some(2023),
                offset_minutes: None,
            },
        );
        let out = edits.apply_one(&imported());
        assert_eq!(out.started_at, Some(stamp("2023-12-31T23:30:00")));
        assert_eq!(out.resolved_at, Some(stamp("2024-01-01T01:00:00")));
        assert_eq!(out.timeline[0].at, Some(stamp("2024-01-01T00:10:00")));
        assert!(!out.is_inferred("started_at"), "the user set the year");
        assert!(out.is_inferred("title"));
    }

    #[test]
    fn zone_fix_pins_floating_times_to_the_offset() {
        let mut edits = Edits::default();
        edits.fix_file(
            "q4/stall.md",
            FileFix {
                year: None,
                offset_minutes: Some(60),
            },
        );
        let out = edits.apply_one(&imported());
        assert_eq!(out.started_at, Some(stamp("2025-12-31T23:30:00+01:00")));
        assert_eq!(
            out.resolved_at.unwrap().to_string(),
            "2026-01-01T01:00:00+01:00"
        );
        // Other files are untouched.
        let mut other = imported();
        other.source.file = "other.md".into();
        assert_eq!(edits.apply_one(&other), other);
    }

    #[test]
    fn incident_edit_overrides_fields_and_clears_inferred_marks() {
        let mut edits = Edits::default();
        edits.edit("a1", |e| {
            e.title = Some("Queue stalled on deploy".into());
            e.level = Some(2);
            e.services = Some(vec!["queue".into()]);
            e.excluded = Some(true);
            e.started_at = Some(stamp("2025-12-31T23:00:00Z"));
        });
        let out = edits.apply_one(&imported());
        assert_eq!(out.title, "Queue stalled on deploy");
        assert_eq!(out.severity.level, Some(2));
        assert_eq!(out.services, vec!["queue".to_string()]);
        assert!(out.excluded);
        assert_eq!(out.started_at, Some(stamp("2025-12-31T23:00:00Z")));
        assert!(out.inferred.is_empty(), "{:?}", out.inferred);
        // The id stays, so the edit applies again after a re-import.
        assert_eq!(out.id, "a1");
        assert_eq!(edits.apply(&[imported()]), vec![out]);
    }

    #[test]
    fn an_edit_set_back_to_nothing_disappears() {
        let mut edits = Edits::default();
        edits.edit("a1", |e| e.level = Some(1));
        assert!(!edits.is_empty());
        edits.edit("a1", |e| e.level = None);
        assert!(edits.is_empty());
        edits.fix_file("x", FileFix::default());
        assert!(edits.is_empty());
    }

    #[test]
    fn edits_round_trip_through_json() {
        let mut edits = Edits::default();
        edits.edit("a1", |e| {
            e.resolved_at = Some(stamp("2026-01-01T02:00:00+01:00"))
        });
        edits.fix_file(
            "f.md",
            FileFix {
                year: Some(2024),
                offset_minutes: Some(-300),
            },
        );
        let json = serde_json::to_string(&edits).unwrap();
        assert_eq!(serde_json::from_str::<Edits>(&json).unwrap(), edits);
    }
}
