//! A compact binary form of an import's result, for handing it from the import worker to the
//! page: length-prefixed strings and variable-length integers, written and read field by
//! field (no field names, no text to parse). Both sides are this crate, built together, so
//! the form carries a version and needs no schema evolution. The browser saves in this form
//! too: import batches, and the user's edits and removed files ([`encode_edits`],
//! [`encode_removals`]). The page reads no JSON at all (its deserialiser weighed 34 KB of the
//! first load); what earlier versions saved as JSON is converted once, in the import worker
//! ([`super::export::saved_json_to_codec`]).
//!
//! Encoding destructures every struct without `..`: a field added to the model does not
//! compile until it is encoded here too. Decoding checks every length against the input and
//! never panics; a malformed input is an error.

use super::edits::{Edits, FileFix, IncidentEdit};
use super::export::Removal;
use super::import::{FileReport, ImportResult, Status};
use super::model::{Incident, Kind, Severity, Source, StatedDurations, TimelineEntry, Warning};
use super::stamp::Stamp;
use crate::domain::sorted_map::SortedMap;
use chrono::{DateTime, FixedOffset, NaiveDateTime};

/// The first byte of every encoded result.
const VERSION: u8 = 1;

/// Encodes an import's result.
pub fn encode(result: &ImportResult) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(
        64 + result.incidents.len() * 512 + result.files.len() * 64,
    ));
    w.byte(VERSION);
    w.len(result.files.len());
    for f in &result.files {
        w.file(f);
    }
    w.len(result.incidents.len());
    for inc in &result.incidents {
        w.incident(inc);
    }
    w.0
}

/// The byte after the version that tells saved edits and removals from an import's result
/// (whose second byte is a file count).
const EDITS_TAG: u8 = b'E';
const REMOVALS_TAG: u8 = b'R';

/// Encodes the user's edits, as the browser saves them.
pub fn encode_edits(edits: &Edits) -> Vec<u8> {
    let Edits { incidents, files } = edits;
    let mut w = Writer(Vec::with_capacity(16 + incidents.len() * 64));
    w.byte(VERSION);
    w.byte(EDITS_TAG);
    w.len(incidents.len());
    for (id, edit) in incidents {
        let IncidentEdit {
            title,
            started_at,
            detected_at,
            resolved_at,
            level,
            services,
            excluded,
        } = edit;
        w.str(id);
        w.opt_str(title.as_deref());
        for s in [started_at, detected_at, resolved_at] {
            w.stamp(s.as_ref());
        }
        w.opt_uint(level.map(u64::from));
        match services {
            None => w.byte(0),
            Some(list) => {
                w.byte(1);
                w.strs(list);
            }
        }
        w.opt_uint(excluded.map(u64::from));
    }
    w.len(files.len());
    for (path, fix) in files {
        let FileFix {
            year,
            offset_minutes,
        } = fix;
        w.str(path);
        w.opt_int(year.map(i64::from));
        w.opt_int(offset_minutes.map(i64::from));
    }
    w.0
}

/// Decodes what [`encode_edits`] wrote.
pub fn decode_edits(bytes: &[u8]) -> Result<Edits, String> {
    let mut r = Reader::tagged(bytes, EDITS_TAG, "edits")?;
    let mut edits = Edits::default();
    for _ in 0..r.len()? {
        let id = r.str()?;
        let edit = IncidentEdit {
            title: r.opt(Reader::str)?,
            started_at: r.stamp()?,
            detected_at: r.stamp()?,
            resolved_at: r.stamp()?,
            level: r
                .opt(Reader::u32)?
                .map(|l| u8::try_from(l).map_err(|_| "a severity is out of range".to_string()))
                .transpose()?,
            services: r.opt(Reader::strs)?,
            excluded: r.opt(Reader::bool)?,
        };
        edits.incidents.insert(id, edit);
    }
    for _ in 0..r.len()? {
        let path = r.str()?;
        let fix = FileFix {
            year: r.opt(Reader::i32)?,
            offset_minutes: r.opt(Reader::i32)?,
        };
        edits.files.insert(path, fix);
    }
    r.end()?;
    Ok(edits)
}

/// Encodes the files the user removed, as the browser saves them.
pub fn encode_removals(removals: &[Removal]) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(16 + removals.len() * 32));
    w.byte(VERSION);
    w.byte(REMOVALS_TAG);
    w.len(removals.len());
    for Removal { path, before } in removals {
        w.str(path);
        w.uint(*before);
    }
    w.0
}

/// Decodes what [`encode_removals`] wrote.
pub fn decode_removals(bytes: &[u8]) -> Result<Vec<Removal>, String> {
    let mut r = Reader::tagged(bytes, REMOVALS_TAG, "list of removed files")?;
    let n = r.len()?;
    let mut out = Vec::with_capacity(n.min(MOST_AHEAD));
    for _ in 0..n {
        out.push(Removal {
            path: r.str()?,
            before: r.uint()?,
        });
    }
    r.end()?;
    Ok(out)
}

/// Decodes what [`encode`] wrote.
pub fn decode(bytes: &[u8]) -> Result<ImportResult, String> {
    let (mut decoder, files) = Decoder::new(bytes)?;
    let incidents = decoder.next_slice(usize::MAX)?;
    Ok(ImportResult::new(files, incidents))
}

/// Decodes a result a slice of incidents at a time, so that a page can decode a large import
/// between frames.
pub struct Decoder<'a> {
    r: Reader<'a>,
    left: usize,
}

impl<'a> Decoder<'a> {
    /// Reads the header and the file reports.
    pub fn new(bytes: &'a [u8]) -> Result<(Decoder<'a>, Vec<FileReport>), String> {
        let mut r = Reader { bytes, pos: 0 };
        let version = r.byte()?;
        if version != VERSION {
            return Err(format!("unknown encoding version {version}"));
        }
        let n = r.len()?;
        let mut files = Vec::with_capacity(n.min(MOST_AHEAD));
        for _ in 0..n {
            files.push(r.file()?);
        }
        let left = r.len()?;
        let d = Decoder { r, left };
        d.check_end()?;
        Ok((d, files))
    }

    /// Incidents not decoded yet.
    pub fn remaining(&self) -> usize {
        self.left
    }

    /// Up to `max` more incidents.
    pub fn next_slice(&mut self, max: usize) -> Result<Vec<Incident>, String> {
        let n = self.left.min(max);
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.r.incident()?);
        }
        self.left -= n;
        self.check_end()?;
        Ok(out)
    }

    fn check_end(&self) -> Result<(), String> {
        if self.left == 0 && self.r.pos != self.r.bytes.len() {
            return Err("trailing bytes after the result".into());
        }
        Ok(())
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }
    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn len(&mut self, n: usize) {
        self.uint(n as u64);
    }
    fn bool(&mut self, b: bool) {
        self.byte(u8::from(b));
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.byte(0),
            Some(s) => {
                self.byte(1);
                self.str(s);
            }
        }
    }
    fn opt_uint(&mut self, v: Option<u64>) {
        match v {
            None => self.byte(0),
            Some(v) => {
                self.byte(1);
                self.uint(v);
            }
        }
    }
    fn opt_int(&mut self, v: Option<i64>) {
        match v {
            None => self.byte(0),
            Some(v) => {
                self.byte(1);
                self.int(v);
            }
        }
    }
    fn strs(&mut self, list: &[String]) {
        self.len(list.len());
        for s in list {
            self.str(s);
        }
    }
    fn stamp(&mut self, s: Option<&Stamp>) {
        match s {
            None => self.byte(0),
            Some(Stamp::Zoned(t)) => {
                self.byte(1);
                self.int(t.timestamp());
                self.uint(u64::from(t.timestamp_subsec_nanos()));
                self.int(i64::from(t.offset().local_minus_utc()));
            }
            Some(Stamp::Floating(t)) => {
                self.byte(2);
                let utc = t.and_utc();
                self.int(utc.timestamp());
                self.uint(u64::from(utc.timestamp_subsec_nanos()));
            }
        }
    }
    fn file(&mut self, f: &FileReport) {
        let FileReport {
            path,
            format,
            status,
            incidents,
            messages,
            reason,
        } = f;
        self.str(path);
        self.str(format);
        self.byte(match status {
            Status::Ok => 0,
            Status::Warnings => 1,
            Status::Rejected => 2,
        });
        self.len(*incidents);
        self.strs(messages);
        self.opt_str(reason.as_deref());
    }
    fn incident(&mut self, inc: &Incident) {
        let Incident {
            id,
            title,
            summary,
            impact,
            started_at,
            detected_at,
            acknowledged_at,
            mitigated_at,
            resolved_at,
            open,
            severity,
            services,
            tags,
            timeline,
            actions,
            body,
            source,
            stated,
            warnings,
            inferred,
            excluded,
            kind,
            evidence,
            evidence_lines,
        } = inc;
        self.str(id);
        self.str(title);
        self.opt_str(summary.as_deref());
        self.opt_str(impact.as_deref());
        for s in [
            started_at,
            detected_at,
            acknowledged_at,
            mitigated_at,
            resolved_at,
        ] {
            self.stamp(s.as_ref());
        }
        self.bool(*open);
        let Severity { level, label } = severity;
        self.opt_uint(level.map(u64::from));
        self.opt_str(label.as_deref());
        self.strs(services);
        self.strs(tags);
        self.len(timeline.len());
        for TimelineEntry { at, text } in timeline {
            self.stamp(at.as_ref());
            self.str(text);
        }
        self.strs(actions);
        self.str(body);
        let Source {
            file,
            format,
            position,
            external_id,
            url,
        } = source;
        self.str(file);
        self.str(format);
        self.opt_uint(position.map(u64::from));
        self.opt_str(external_id.as_deref());
        self.opt_str(url.as_deref());
        let StatedDurations {
            ttd_secs,
            tta_secs,
            ttm_secs,
            ttr_secs,
        } = stated;
        for v in [ttd_secs, tta_secs, ttm_secs, ttr_secs] {
            self.opt_int(*v);
        }
        self.len(warnings.len());
        for w in warnings {
            let Warning {
                field,
                line,
                entry,
                reason,
            } = w;
            self.opt_str(field.as_deref());
            self.opt_uint(line.map(u64::from));
            self.opt_uint(entry.map(u64::from));
            self.str(reason);
        }
        self.strs(inferred);
        self.bool(*excluded);
        self.byte(match kind {
            Kind::Incident => 0,
            Kind::Maintenance => 1,
            Kind::Notice => 2,
        });
        self.len(evidence.len());
        for (k, v) in evidence {
            self.str(k);
            self.str(v);
        }
        self.len(evidence_lines.len());
        for (k, v) in evidence_lines {
            self.str(k);
            self.uint(u64::from(*v));
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

const TRUNCATED: &str = "the encoded result is cut short";

/// Items reserved ahead for a list: a count is checked against the bytes left, but an item
/// takes more memory than its smallest encoding, so a damaged count must not reserve much.
const MOST_AHEAD: usize = 1024;

impl<'a> Reader<'a> {
    /// A reader past the version and `tag` of a saved part (`what` names it in errors).
    fn tagged(bytes: &'a [u8], tag: u8, what: &str) -> Result<Reader<'a>, String> {
        let mut r = Reader { bytes, pos: 0 };
        let (version, found) = (r.byte()?, r.byte()?);
        if version != VERSION {
            return Err(format!("unknown encoding version {version}"));
        }
        if found != tag {
            return Err(format!("the saved {what} hold something else"));
        }
        Ok(r)
    }
    fn end(&self) -> Result<(), String> {
        if self.pos != self.bytes.len() {
            return Err("trailing bytes after the saved data".into());
        }
        Ok(())
    }
    fn i32(&mut self) -> Result<i32, String> {
        i32::try_from(self.int()?).map_err(|_| "a number is out of range".to_string())
    }
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.pos).ok_or(TRUNCATED)?;
        self.pos += 1;
        Ok(b)
    }
    fn uint(&mut self) -> Result<u64, String> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("an integer is too long".into())
    }
    fn int(&mut self) -> Result<i64, String> {
        let u = self.uint()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }
    fn len(&mut self) -> Result<usize, String> {
        let n = usize::try_from(self.uint()?).map_err(|_| TRUNCATED.to_string())?;
        // No list can hold more items than bytes remain.
        if n > self.bytes.len().saturating_sub(self.pos) {
            return Err(TRUNCATED.into());
        }
        Ok(n)
    }
    fn u32(&mut self) -> Result<u32, String> {
        u32::try_from(self.uint()?).map_err(|_| "a number is out of range".to_string())
    }
    fn bool(&mut self) -> Result<bool, String> {
        Ok(self.byte()? != 0)
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.len()?;
        let end = self.pos.checked_add(n).ok_or(TRUNCATED)?;
        let slice = self.bytes.get(self.pos..end).ok_or(TRUNCATED)?;
        self.pos = end;
        String::from_utf8(slice.to_vec()).map_err(|_| "a text is not UTF-8".to_string())
    }
    fn opt<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        match self.byte()? {
            0 => Ok(None),
            _ => read(self).map(Some),
        }
    }
    fn strs(&mut self) -> Result<Vec<String>, String> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n.min(MOST_AHEAD));
        for _ in 0..n {
            out.push(self.str()?);
        }
        Ok(out)
    }
    fn stamp(&mut self) -> Result<Option<Stamp>, String> {
        let bad = || "a date/time is out of range".to_string();
        match self.byte()? {
            0 => Ok(None),
            1 => {
                let secs = self.int()?;
                let nanos = self.u32()?;
                let offset = i32::try_from(self.int()?).map_err(|_| bad())?;
                let off = FixedOffset::east_opt(offset).ok_or_else(bad)?;
                let t = DateTime::from_timestamp(secs, nanos).ok_or_else(bad)?;
                Ok(Some(Stamp::Zoned(t.with_timezone(&off))))
            }
            _ => {
                let secs = self.int()?;
                let nanos = self.u32()?;
                let t: NaiveDateTime = DateTime::from_timestamp(secs, nanos)
                    .ok_or_else(bad)?
                    .naive_utc();
                Ok(Some(Stamp::Floating(t)))
            }
        }
    }
    fn file(&mut self) -> Result<FileReport, String> {
        Ok(FileReport {
            path: self.str()?,
            format: self.str()?,
            status: match self.byte()? {
                0 => Status::Ok,
                1 => Status::Warnings,
                _ => Status::Rejected,
            },
            incidents: self.len()?,
            messages: self.strs()?,
            reason: self.opt(Self::str)?,
        })
    }
    fn incident(&mut self) -> Result<Incident, String> {
        let id = self.str()?;
        let title = self.str()?;
        let summary = self.opt(Self::str)?;
        let impact = self.opt(Self::str)?;
        let started_at = self.stamp()?;
        let detected_at = self.stamp()?;
        let acknowledged_at = self.stamp()?;
        let mitigated_at = self.stamp()?;
        let resolved_at = self.stamp()?;
        let open = self.bool()?;
        let level = self
            .opt(Self::u32)?
            .map(|l| u8::try_from(l).map_err(|_| "a severity is out of range".to_string()))
            .transpose()?;
        let severity = Severity {
            level,
            label: self.opt(Self::str)?,
        };
        let services = self.strs()?;
        let tags = self.strs()?;
        let n = self.len()?;
        let mut timeline = Vec::with_capacity(n.min(MOST_AHEAD));
        for _ in 0..n {
            timeline.push(TimelineEntry {
                at: self.stamp()?,
                text: self.str()?,
            });
        }
        let actions = self.strs()?;
        let body = self.str()?;
        let source = Source {
            file: self.str()?,
            format: self.str()?,
            position: self.opt(Self::u32)?,
            external_id: self.opt(Self::str)?,
            url: self.opt(Self::str)?,
        };
        let stated = StatedDurations {
            ttd_secs: self.opt(Self::int)?,
            tta_secs: self.opt(Self::int)?,
            ttm_secs: self.opt(Self::int)?,
            ttr_secs: self.opt(Self::int)?,
        };
        let n = self.len()?;
        let mut warnings = Vec::with_capacity(n.min(MOST_AHEAD));
        for _ in 0..n {
            warnings.push(Warning {
                field: self.opt(Self::str)?,
                line: self.opt(Self::u32)?,
                entry: self.opt(Self::u32)?,
                reason: self.str()?,
            });
        }
        let inferred = self.strs()?;
        let excluded = self.bool()?;
        let kind = match self.byte()? {
            0 => Kind::Incident,
            1 => Kind::Maintenance,
            _ => Kind::Notice,
        };
        // Written in key order, so each pair is added at the end at once. These bytes are the
        // app's own (saved data, the worker's answers, the site's archive.bin): pairs out of
        // order would still make the right map, only more slowly.
        let n = self.len()?;
        let mut evidence = SortedMap::new();
        for _ in 0..n {
            let k = self.str()?;
            evidence.insert(k, self.str()?);
        }
        let n = self.len()?;
        let mut evidence_lines = SortedMap::new();
        for _ in 0..n {
            let k = self.str()?;
            evidence_lines.insert(k, self.u32()?);
        }
        Ok(Incident {
            id,
            title,
            summary,
            impact,
            started_at,
            detected_at,
            acknowledged_at,
            mitigated_at,
            resolved_at,
            open,
            severity,
            services,
            tags,
            timeline,
            actions,
            body,
            source,
            stated,
            warnings,
            inferred,
            excluded,
            kind,
            evidence,
            evidence_lines,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::{import_file, ImportOptions};

    fn some_edits() -> Edits {
        let mut edits = Edits::default();
        edits.edit("a1", |e| {
            e.title = Some("Checkout “timeouts” <b>".into());
            e.started_at = "2026-03-02T10:00:00+01:00".parse().ok();
            e.detected_at = "2026-03-02T10:05:30.250".parse().ok();
            e.level = Some(2);
            e.services = Some(vec!["checkout".into(), String::new()]);
            e.excluded = Some(false);
        });
        edits.edit("b2", |e| {
            e.resolved_at = "1969-12-31T23:00:00-05:30".parse().ok();
            e.services = Some(Vec::new());
            e.excluded = Some(true);
        });
        edits.fix_file(
            "posts/2024.md",
            FileFix {
                year: Some(2024),
                offset_minutes: Some(-330),
            },
        );
        edits.fix_file(
            "a.md",
            FileFix {
                year: None,
                offset_minutes: Some(0),
            },
        );
        edits
    }

    #[test]
    fn edits_and_removals_come_back_as_saved() {
        let edits = some_edits();
        assert_eq!(edits.incidents.len(), 2);
        assert_eq!(edits.files.len(), 2);
        let bytes = encode_edits(&edits);
        assert_eq!(decode_edits(&bytes).unwrap(), edits);
        let none = encode_edits(&Edits::default());
        assert_eq!(decode_edits(&none).unwrap(), Edits::default());
        let removals = vec![
            Removal {
                path: "status.zip".into(),
                before: 3,
            },
            Removal {
                path: "é/ü.md".into(),
                before: u64::MAX,
            },
        ];
        let bytes = encode_removals(&removals);
        assert_eq!(decode_removals(&bytes).unwrap(), removals);
        // Each kind is told from the others.
        let edits_bytes = encode_edits(&edits);
        assert!(decode_removals(&edits_bytes)
            .unwrap_err()
            .contains("something else"));
        assert!(decode_edits(&bytes).unwrap_err().contains("something else"));
        assert!(decode_edits(&encode(&ImportResult::default())).is_err());
    }

    #[test]
    fn cut_or_damaged_edits_are_errors_never_panics() {
        let bytes = encode_edits(&some_edits());
        for end in 0..bytes.len() {
            assert!(decode_edits(&bytes[..end]).is_err(), "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_edits(&longer).is_err());
        let mut dice = crate::domain::model::testing::Dice(7);
        for _ in 0..2000 {
            let mut damaged = bytes.clone();
            for _ in 0..3 {
                let at = dice.roll(damaged.len() as u64) as usize;
                if let Some(b) = damaged.get_mut(at) {
                    *b = dice.roll(256) as u8;
                }
            }
            let _ = decode_edits(&damaged);
            let _ = decode_removals(&damaged);
        }
    }

    #[test]
    fn a_result_decodes_a_slice_at_a_time() {
        let result = ImportResult {
            files: Vec::new(),
            incidents: (0..5)
                .map(|i| Incident {
                    id: i.to_string(),
                    ..full()
                })
                .collect(),
            #[cfg(not(target_arch = "wasm32"))]
            figures: None,
        };
        let bytes = encode(&result);
        let (mut d, files) = Decoder::new(&bytes).unwrap();
        assert!(files.is_empty());
        let mut all = Vec::new();
        while d.remaining() > 0 {
            let slice = d.next_slice(2).unwrap();
            assert!(slice.len() <= 2);
            all.extend(slice);
        }
        assert_eq!(all, result.incidents);
    }

    fn full() -> Incident {
        let at = |s: &str| s.parse::<Stamp>().ok();
        let mut inc = Incident {
            id: "a1".into(),
            title: "Checkout “timeouts”".into(),
            summary: Some("It broke.".into()),
            impact: Some("EU only".into()),
            started_at: at("2026-03-02T10:00:00+01:00"),
            detected_at: at("2026-03-02T10:05:30.250+01:00"),
            acknowledged_at: at("2026-03-02T10:07:00"),
            mitigated_at: at("1970-01-01T00:00:00Z"),
            resolved_at: at("2026-03-02T06:00:00-05:30"),
            open: true,
            severity: Severity::new(2, "SEV2"),
            services: vec!["checkout".into(), "payments".into()],
            tags: vec!["db".into()],
            timeline: vec![
                TimelineEntry {
                    at: at("2026-03-02T10:00:00+01:00"),
                    text: "alerts".into(),
                },
                TimelineEntry {
                    at: None,
                    text: String::new(),
                },
            ],
            actions: vec!["pin versions".into()],
            body: "# Body\n\nText.".into(),
            source: Source {
                file: "pm/a.md".into(),
                format: "frontmatter".into(),
                position: Some(3),
                external_id: Some("PD123".into()),
                url: Some("https://example.org/a".into()),
            },
            stated: StatedDurations {
                ttd_secs: Some(-60),
                tta_secs: None,
                ttm_secs: Some(i64::MAX),
                ttr_secs: Some(i64::MIN),
            },
            warnings: vec![Warning::new("severity", "empty").at_line(Some(4))],
            inferred: vec!["started_at.year".into()],
            excluded: true,
            kind: Kind::Notice,
            ..Incident::default()
        };
        inc.cite("started_at", "the outage began at 10:00", Some(12));
        inc
    }

    #[test]
    fn every_field_round_trips() {
        let result = ImportResult {
            files: vec![
                FileReport::rejected(
                    "x.json",
                    crate::domain::import::Format::Unknown,
                    &crate::domain::import::Rejection::Empty,
                ),
                FileReport {
                    path: "pm/a.md".into(),
                    format: "frontmatter".into(),
                    status: Status::Warnings,
                    incidents: 1,
                    messages: vec!["severity: empty".into()],
                    reason: None,
                },
            ],
            incidents: vec![full(), Incident::default()],
            #[cfg(not(target_arch = "wasm32"))]
            figures: None,
        };
        let bytes = encode(&result);
        let back = decode(&bytes).unwrap();
        // Debug too: `DateTime` equality ignores the offset, which must survive.
        assert_eq!(format!("{back:?}"), format!("{result:?}"));
        assert_eq!(back, result);
    }

    #[test]
    fn real_imports_round_trip() {
        let opts = ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        for path in [
            "tests/fixtures/statuspage/incidents.json",
            "tests/fixtures/freetext/en-bold-bullets-utc.md",
            "tests/fixtures/zip/quarter-bundle.zip",
        ] {
            let bytes = std::fs::read(path).unwrap();
            let result = import_file(path, &bytes, &opts);
            assert!(!result.incidents.is_empty(), "{path}");
            assert_eq!(decode(&encode(&result)).as_ref(), Ok(&result), "{path}");
        }
    }

    #[test]
    fn malformed_input_is_an_error_never_a_panic() {
        let bytes = encode(&ImportResult {
            files: Vec::new(),
            incidents: vec![full()],
            #[cfg(not(target_arch = "wasm32"))]
            figures: None,
        });
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        for i in 0..flipped.len() {
            flipped[i] ^= 0xFF;
            let _ = decode(&flipped);
            flipped[i] ^= 0xFF;
        }
        assert!(decode(&[9]).unwrap_err().contains("version"));
        let mut long = bytes;
        long.push(0);
        assert!(decode(&long).is_err());
    }
}
