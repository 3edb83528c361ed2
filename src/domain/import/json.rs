//! JSON exports of incident tools: Atlassian Statuspage, Google Cloud status, PagerDuty.
//! Aftermath's own archive is JSON too and is handed to [`super::native`].
//!
//! One pass over the bytes, no tree: the document is walked with serde visitors, each incident
//! object is deserialised straight into [`RawItem`] (every field any of the three formats uses,
//! all lenient, strings borrowed from the input) and converted into an [`Incident`] before the
//! next is read. The format is told apart by the keys of the first incident.

use super::loose::{List, Obj, Text};
use super::{finish, native, Format, ImportOptions, Parsed, ReadResult, Rejection, Thinned};
use crate::domain::dates::parse_stamp;
use crate::domain::metrics::{Definitions, Rows};
use crate::domain::model::{Incident, Kind, Severity, Source, TimelineEntry};
use crate::domain::stamp::Stamp;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

#[cfg(not(target_arch = "wasm32"))]
mod split;

/// Whether a JSON document read on two threads gives what one thread reads (for the fuzzer).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn two_threads_agree(path: &str, text: &str) -> bool {
    split::agrees(path, text)
}

/// Detects the JSON format and reads it.
pub(crate) fn read(path: &str, text: &str, opts: &ImportOptions) -> (Format, ReadResult) {
    if native::looks_native(text) {
        return (Format::Aftermath, native::read(text));
    }
    let keep = Keep::of(opts);
    #[cfg(not(target_arch = "wasm32"))]
    if opts.threads > 1 && text.len() >= split::MIN_BYTES {
        if let Some(done) = split::read(path, text, keep) {
            return done;
        }
    }
    let mut reader = Reader::new(path, text, keep);
    let walked = walk(&mut reader, text);
    conclude(reader, text, walked)
}

/// What a reading keeps besides the incidents: their text, and the figures' inputs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Keep {
    text: bool,
    figures: Option<Definitions>,
    /// Every incident (else only the figures' inputs, and the incidents the report or the
    /// second thread's renumbering needs: see [`Reader::take`]).
    incidents: bool,
}

impl Keep {
    fn of(opts: &ImportOptions) -> Keep {
        Keep {
            text: opts.keep_text,
            figures: opts.figures,
            // (The browser's result has no place for the figures' inputs: it keeps all.)
            incidents: opts.keep_incidents
                || opts.figures.is_none()
                || cfg!(target_arch = "wasm32"),
        }
    }
}

/// Walks the whole document, converting each incident as it is read.
fn walk(reader: &mut Reader<'_>, text: &str) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    Document(reader)
        .deserialize(&mut de)
        .and_then(|()| de.end())
}

/// The format and incidents a walk found, or why the document was rejected.
fn conclude(
    mut reader: Reader<'_>,
    text: &str,
    walked: Result<(), serde_json::Error>,
) -> (Format, ReadResult) {
    if let Err(e) = walked {
        return (
            reader.format.unwrap_or(Format::Unknown),
            Err(json_error(&e)),
        );
    }
    if reader.bare_object {
        // No list of incidents: the document itself may be one incident.
        match serde_json::from_str::<Obj<RawItem>>(text) {
            Ok(Obj(item)) => reader.take(item),
            Err(e) => return (Format::Unknown, Err(json_error(&e))),
        }
    }
    let format = match reader.format {
        Some(f) => f,
        None if reader.statuspage_envelope => Format::Statuspage,
        None => Format::Unknown,
    };
    if format == Format::Unknown {
        return (format, Err(Rejection::UnknownJson));
    }
    (format, Ok(reader.parsed))
}

/// serde_json's message with its position, in the words the CLI contract shows.
pub(crate) fn json_error(e: &serde_json::Error) -> Rejection {
    let msg = e.to_string();
    let core = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    Rejection::Json {
        line: e.line(),
        column: e.column(),
        message: core,
    }
}

/// What the walk has found so far.
struct Reader<'p> {
    path: &'p str,
    /// Decided by the first incident object.
    format: Option<Format>,
    /// Entries seen (objects or not), for positions and messages.
    seen: usize,
    parsed: Parsed,
    /// A `page` or `incidents` key: a Statuspage document, even with no incidents.
    statuspage_envelope: bool,
    /// A top-level object without `incidents`, `incident` or `scheduled_maintenances`.
    bare_object: bool,
    keep_text: bool,
    /// Where the document's bytes are (start address, length): see [`marker`].
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    span: (usize, usize),
    /// Native builds: the entry where a second thread took over the rest of its list.
    #[cfg(not(target_arch = "wasm32"))]
    split: Option<split::Boundary>,
    /// Entries that were not objects (the second thread's reader numbers them at the end).
    skipped: Vec<usize>,
}

impl<'p> Reader<'p> {
    fn new(path: &'p str, text: &str, keep: Keep) -> Self {
        Reader {
            path,
            format: None,
            seen: 0,
            parsed: Parsed {
                finished: true,
                figures: keep.figures.map(|defs| Rows::new(&defs)),
                thinned: (!keep.incidents).then(Thinned::default),
                ..Parsed::default()
            },
            statuspage_envelope: false,
            bare_object: false,
            keep_text: keep.text,
            span: (text.as_ptr() as usize, text.len()),
            #[cfg(not(target_arch = "wasm32"))]
            split: None,
            skipped: Vec::new(),
        }
    }

    /// Converts one entry of the incident list (`None`: not an object).
    fn take(&mut self, item: Option<RawItem<'_>>) {
        self.seen += 1;
        let Some(raw) = item else {
            self.skipped.push(self.seen);
            self.parsed
                .messages
                .push(format!("entry {}: skipped: not an object", self.seen));
            return;
        };
        let format = *self.format.get_or_insert_with(|| classify(&raw));
        let convert: fn(RawItem<'_>, &mut Incident) = match format {
            Format::Statuspage if self.keep_text => statuspage,
            Format::Statuspage => statuspage_lean,
            Format::Gcp => gcp,
            Format::Pagerduty => pagerduty,
            _ => return,
        };
        let mut inc = Incident {
            source: Source {
                file: self.path.to_string(),
                format: format.name().to_string(),
                position: u32::try_from(self.seen).ok(),
                ..Source::default()
            },
            ..Incident::default()
        };
        convert(raw, &mut inc);
        // Finished as it is read, so that only what is kept of it stays in memory.
        finish(&mut inc);
        if !self.keep_text {
            inc.drop_text();
        }
        // The figures' inputs, while the incident is in cache.
        if let Some(rows) = &mut self.parsed.figures {
            rows.push(&inc);
        }
        if let Some(thinned) = &mut self.parsed.thinned {
            let place = thinned.read;
            thinned.read += 1;
            // Kept for the file's report (its warnings), or for its id to be made again from
            // its place in the document (read by the second thread); otherwise its figures'
            // inputs are all that is needed of it.
            if inc.warnings.is_empty() && inc.source.external_id.is_some() {
                return;
            }
            thinned.places.push(place);
        }
        self.parsed.incidents.push(inc);
    }
}

/// The format of an incident object, from its keys.
fn classify(raw: &RawItem<'_>) -> Format {
    if raw.incident_updates.present
        || raw.shortlink.present
        || (raw.impact.present && raw.name.present)
    {
        Format::Statuspage
    } else if raw.begin.present
        && (raw.service_name.present || raw.affected_products.present || raw.external_desc.present)
    {
        Format::Gcp
    } else if raw.incident_number.present || raw.urgency.present || raw.acknowledgements.present {
        Format::Pagerduty
    } else {
        Format::Unknown
    }
}

/// The whole document: a list of incidents, or an object holding one.
struct Document<'r, 'p>(&'r mut Reader<'p>);

impl<'de> DeserializeSeed<'de> for Document<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Document<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of incidents or an object holding them")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        Items(self.0).visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let reader = self.0;
        let mut held = false;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match key.get().unwrap_or_default() {
                "incidents" | "scheduled_maintenances" => {
                    held = true;
                    reader.statuspage_envelope |= key.get() == Some("incidents");
                    map.next_value_seed(Items(reader))?;
                }
                "incident" => {
                    held = true;
                    let Obj(item) = map.next_value::<Obj<RawItem<'de>>>()?;
                    reader.take(item);
                }
                "page" => {
                    reader.statuspage_envelope = true;
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        reader.bare_object = !held;
        Ok(())
    }
}

/// A list of incident objects, each converted as it is read.
struct Items<'r, 'p>(&'r mut Reader<'p>);

impl<'de> DeserializeSeed<'de> for Items<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Items<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of incidents")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(Obj(item)) = seq.next_element::<Obj<RawItem<'de>>>()? {
            #[cfg(not(target_arch = "wasm32"))]
            if split::at_boundary(self.0, item.as_ref()) {
                // The second thread reads this entry and the rest of the list: only count them.
                let mut rest = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    rest += 1;
                }
                self.0.seen += 1 + rest;
                split::counted(self.0, 1 + rest);
                return Ok(());
            }
            self.0.take(item);
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.0
            .parsed
            .messages
            .push("the incident list is an object, not a list; nothing read from it".into());
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_borrowed_str<E: de::Error>(self, _: &'de str) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
}

/// Where an incident object is in the document: the address of the first of its identifying
/// strings that was borrowed from the bytes (not unescaped into a copy), as an offset. Two
/// readers of the same bytes find the same marker for the same entry, and entries further on
/// have larger ones.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn marker(raw: &RawItem<'_>, span: (usize, usize)) -> Option<usize> {
    [
        &raw.id,
        &raw.name,
        &raw.created_at,
        &raw.title,
        &raw.number,
        &raw.incident_number,
        &raw.begin,
        &raw.status,
    ]
    .into_iter()
    .find_map(|t| match &t.value {
        Some(std::borrow::Cow::Borrowed(s)) => {
            let at = (s.as_ptr() as usize).checked_sub(span.0)?;
            (at < span.1).then_some(at)
        }
        _ => None,
    })
}

/// Every field of a Statuspage, Google Cloud or PagerDuty incident object Aftermath reads.
#[derive(Deserialize, Default)]
struct RawItem<'a> {
    // Shared.
    #[serde(default, borrow)]
    id: Text<'a>,
    #[serde(default, borrow)]
    status: Text<'a>,
    #[serde(default, borrow)]
    created_at: Text<'a>,
    #[serde(default, borrow)]
    resolved_at: Text<'a>,
    // Statuspage.
    #[serde(default, borrow)]
    name: Text<'a>,
    #[serde(default, borrow)]
    impact: Text<'a>,
    #[serde(default, borrow)]
    started_at: Text<'a>,
    #[serde(default, borrow)]
    monitoring_at: Text<'a>,
    #[serde(default, borrow)]
    scheduled_for: Text<'a>,
    #[serde(default, borrow)]
    components: List<Named<'a>>,
    #[serde(default, borrow)]
    incident_updates: List<StatuspageUpdate<'a>>,
    #[serde(default, borrow)]
    postmortem_body: Text<'a>,
    #[serde(default, borrow)]
    shortlink: Text<'a>,
    // Google Cloud.
    #[serde(default, borrow)]
    number: Text<'a>,
    #[serde(default, borrow)]
    uri: Text<'a>,
    #[serde(default, borrow)]
    external_desc: Text<'a>,
    #[serde(default, borrow)]
    begin: Text<'a>,
    #[serde(default, borrow)]
    end: Text<'a>,
    #[serde(default, borrow)]
    severity: Text<'a>,
    #[serde(default, borrow)]
    service_name: Text<'a>,
    #[serde(default, borrow)]
    affected_products: List<GcpLocation<'a>>,
    #[serde(default, borrow)]
    previously_affected_locations: List<GcpLocation<'a>>,
    #[serde(default, borrow)]
    updates: List<GcpUpdate<'a>>,
    #[serde(default, borrow)]
    status_impact: Text<'a>,
    // PagerDuty.
    #[serde(default, borrow)]
    html_url: Text<'a>,
    #[serde(default, borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    summary: Text<'a>,
    #[serde(default, borrow)]
    description: Text<'a>,
    #[serde(default, borrow)]
    urgency: Text<'a>,
    #[serde(default, borrow)]
    priority: Obj<Summarised<'a>>,
    #[serde(default, borrow)]
    service: Obj<Summarised<'a>>,
    #[serde(default, borrow)]
    acknowledgements: List<PdAck<'a>>,
    #[serde(default, borrow)]
    last_status_change_at: Text<'a>,
    #[serde(default, borrow)]
    incident_number: Text<'a>,
}

/// Reads an optional time field, warning when it is present but malformed (or not text).
fn stamp(inc: &mut Incident, field: &str, raw: &Text<'_>) -> Option<Stamp> {
    if let Some(found) = raw.wrong {
        inc.warn(field, format_args!("{found}, not a date/time; left empty"));
        return None;
    }
    let raw = raw.get()?.trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = parse_stamp(raw);
    if parsed.is_none() {
        inc.warn(
            field,
            format_args!("`{raw}` is not a valid date/time; left empty"),
        );
    }
    parsed
}

#[derive(Deserialize)]
struct Named<'a> {
    #[serde(default, borrow)]
    name: Text<'a>,
}

#[derive(Deserialize)]
struct StatuspageUpdate<'a> {
    #[serde(default, borrow)]
    status: Text<'a>,
    #[serde(default, borrow)]
    body: Text<'a>,
    #[serde(default, borrow)]
    created_at: Text<'a>,
    #[serde(default, borrow)]
    display_at: Text<'a>,
}

fn statuspage(raw: RawItem<'_>, inc: &mut Incident) {
    statuspage_reading(raw, inc, true);
}

/// [`statuspage`] for figures only: the text is dropped once the incident is finished.
fn statuspage_lean(raw: RawItem<'_>, inc: &mut Incident) {
    statuspage_reading(raw, inc, false);
}

fn statuspage_reading(raw: RawItem<'_>, inc: &mut Incident, keep_text: bool) {
    inc.title = raw.name.owned().unwrap_or_default();
    inc.started_at = stamp(inc, "started_at", &raw.started_at)
        .or_else(|| stamp(inc, "created_at", &raw.created_at));
    inc.mitigated_at = stamp(inc, "monitoring_at", &raw.monitoring_at);
    inc.resolved_at = stamp(inc, "resolved_at", &raw.resolved_at);
    let status = raw.status.get().unwrap_or_default();
    inc.open =
        inc.resolved_at.is_none() && !matches!(status, "resolved" | "postmortem" | "completed");
    match raw.impact.get() {
        Some(label) => {
            inc.severity = Severity::from_label(label);
            if inc.severity.level.is_none() {
                inc.warn(
                    "impact",
                    format_args!("`{label}` is not none, minor, major or critical"),
                );
            }
        }
        None => inc.warn("impact", "missing"),
    }
    if let Some(when) = raw.scheduled_for.get() {
        inc.tags.push("maintenance".into());
        inc.kind = Kind::Maintenance;
        inc.cite("kind", &format!("scheduled_for: {when}"), None);
    }
    inc.services = raw
        .components
        .items
        .into_iter()
        .filter_map(|c| c.name.owned())
        .collect();
    let mut updates: Vec<TimelineEntry> = Vec::new();
    // Without the text kept, only the first update is needed (the summary, which the kind is
    // read from): the one a stable sort by time would put first.
    let mut first: Option<(Option<chrono::NaiveDateTime>, String)> = None;
    for u in raw.incident_updates.items {
        let at_raw = if u.display_at.get().is_some() {
            &u.display_at
        } else {
            &u.created_at
        };
        let at = stamp(inc, "incident_updates.created_at", at_raw);
        let (status, body) = (u.status.get(), u.body.get());
        if status.is_none() && body.is_none() {
            continue;
        }
        let key = at.map(|s| s.sort_key());
        if !keep_text && first.as_ref().is_some_and(|(k, _)| *k <= key) {
            continue;
        }
        let text = match (status, body) {
            (Some(s), Some(b)) => [s, ": ", b].concat(),
            (Some(s), None) => s.to_string(),
            (None, Some(b)) => b.to_string(),
            (None, None) => continue,
        };
        if keep_text {
            updates.push(TimelineEntry { at, text });
        } else {
            first = Some((key, text));
        }
    }
    updates.sort_by_key(|u| u.at.map(|s| s.sort_key()));
    inc.summary = match first {
        Some((_, text)) => Some(text),
        None => updates.first().map(|u| u.text.clone()),
    };
    inc.timeline = updates;
    inc.body = raw.postmortem_body.owned().unwrap_or_default();
    inc.source.external_id = raw.id.owned();
    inc.source.url = raw.shortlink.owned();
}

#[derive(Deserialize)]
struct GcpUpdate<'a> {
    #[serde(default, borrow)]
    when: Text<'a>,
    #[serde(default, borrow)]
    created: Text<'a>,
    #[serde(default, borrow)]
    text: Text<'a>,
}

#[derive(Deserialize)]
struct GcpLocation<'a> {
    #[serde(default, borrow)]
    id: Text<'a>,
    #[serde(default, borrow)]
    title: Text<'a>,
}

fn gcp(raw: RawItem<'_>, inc: &mut Incident) {
    inc.source.external_id = raw.id.owned().or_else(|| raw.number.owned());
    inc.source.url = raw.uri.owned().map(|u| {
        if u.starts_with("http") {
            u
        } else {
            format!(
                "https://status.cloud.google.com/{}",
                u.trim_start_matches('/')
            )
        }
    });
    inc.title = raw
        .external_desc
        .get()
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    inc.started_at = stamp(inc, "begin", &raw.begin);
    inc.resolved_at = stamp(inc, "end", &raw.end);
    inc.open = inc.resolved_at.is_none();
    match raw.severity.get() {
        Some(label) => inc.severity = Severity::from_label(label),
        None => inc.warn("severity", "missing"),
    }
    let mut services: Vec<String> = raw
        .affected_products
        .items
        .into_iter()
        .filter_map(|p| p.title.owned())
        .collect();
    if services.is_empty() {
        services.extend(raw.service_name.owned());
    }
    services.extend(
        raw.previously_affected_locations
            .items
            .into_iter()
            .filter_map(|l| l.id.owned().or_else(|| l.title.owned())),
    );
    inc.services = services;
    inc.impact = raw.status_impact.owned();
    let mut timeline: Vec<TimelineEntry> = Vec::with_capacity(raw.updates.items.len());
    for u in raw.updates.items {
        let raw_at = if u.when.get().is_some() {
            &u.when
        } else {
            &u.created
        };
        let at = stamp(inc, "updates.when", raw_at);
        timeline.push(TimelineEntry {
            at,
            text: u.text.owned().unwrap_or_default(),
        });
    }
    timeline.sort_by_key(|u| u.at.map(|s| s.sort_key()));
    inc.summary = timeline
        .first()
        .map(|u| u.text.lines().take(3).collect::<Vec<_>>().join(" "));
    inc.timeline = timeline;
}

#[derive(Deserialize)]
struct Summarised<'a> {
    #[serde(default, borrow)]
    summary: Text<'a>,
}

#[derive(Deserialize)]
struct PdAck<'a> {
    #[serde(default, borrow)]
    at: Text<'a>,
}

fn pagerduty(raw: RawItem<'_>, inc: &mut Incident) {
    inc.title = raw
        .title
        .owned()
        .or_else(|| raw.summary.owned())
        .or_else(|| raw.description.owned())
        .unwrap_or_default();
    // PagerDuty creates the incident when an alert fires: the best available start.
    inc.started_at = stamp(inc, "created_at", &raw.created_at);
    inc.acknowledged_at = raw
        .acknowledgements
        .items
        .iter()
        .filter_map(|a| a.at.get())
        .filter_map(parse_stamp)
        .min_by_key(Stamp::sort_key);
    inc.resolved_at = stamp(inc, "resolved_at", &raw.resolved_at);
    let status = raw.status.get().unwrap_or_default();
    if inc.resolved_at.is_none() && status == "resolved" {
        inc.resolved_at = stamp(inc, "last_status_change_at", &raw.last_status_change_at);
        if inc.resolved_at.is_some() {
            inc.mark_inferred("resolved_at");
        }
    }
    inc.open = status != "resolved" && inc.resolved_at.is_none();
    let priority = raw.priority.0.and_then(|p| p.summary.owned());
    inc.severity = match (priority, raw.urgency.get()) {
        (Some(p), _) => Severity::from_label(&p),
        (None, Some(u)) => {
            let level = if u == "high" { 2 } else { 3 };
            Severity::new(level, format!("urgency {u}"))
        }
        (None, None) => {
            inc.warn("priority", "neither priority nor urgency given");
            Severity::default()
        }
    };
    inc.services
        .extend(raw.service.0.and_then(|s| s.summary.owned()));
    inc.source.external_id = raw
        .id
        .owned()
        .or_else(|| raw.incident_number.get().map(|n| format!("#{n}")));
    inc.source.url = raw.html_url.owned();
}

#[cfg(test)]
mod tests {
    use super::super::{import_file, ImportOptions, Status};

    fn opts() -> ImportOptions {
        ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default())
    }

    #[test]
    fn unknown_json_is_rejected_with_the_known_formats_named() {
        let r = import_file("x.json", br#"{"foo": 1}"#, &opts());
        assert_eq!(r.files[0].status, Status::Rejected);
        assert!(r.files[0].messages[0].contains("Statuspage"));
    }

    #[test]
    fn reading_for_figures_finds_the_same_kind_and_warnings() {
        // Updates listed newest first, one without a usable date, the earliest telling of
        // planned work: the kind is read from the earliest, with or without the text kept.
        let doc = br#"[{"id": "a1", "name": "Database", "impact": "minor", "status": "resolved",
          "created_at": "2024-02-01T08:00:00Z", "resolved_at": "2024-02-01T09:00:00Z",
          "incident_updates": [
            {"status": "resolved", "body": "Done.", "created_at": "2024-02-01T09:00:00Z"},
            {"status": "investigating", "body": "We will be performing scheduled maintenance; the database will be unavailable.", "created_at": "2024-02-01T08:00:00Z"},
            {"status": "investigating", "body": "A second note at the same minute.", "created_at": "2024-02-01T08:00:00Z"}]},
          {"id": "a2", "name": "API errors", "impact": "major", "status": "resolved",
          "created_at": "2024-02-02T08:00:00Z", "resolved_at": "2024-02-02T09:00:00Z",
          "incident_updates": [
            {"status": "resolved", "body": "Fixed.", "created_at": "2024-02-02T09:00:00Z"},
            {"status": "update", "body": "Still on it.", "created_at": "yesterday"},
            {"status": "investigating", "body": "Errors on the API.", "created_at": "2024-02-02T08:05:00Z"}]}]"#;
        let full = import_file("sp.json", doc, &opts());
        let lean = import_file(
            "sp.json",
            doc,
            &ImportOptions {
                keep_text: false,
                ..opts()
            },
        );
        assert_eq!(full.incidents.len(), 2);
        let kinds = |r: &super::super::ImportResult| {
            r.incidents
                .iter()
                .map(|i| (i.kind, i.evidence.get("kind").cloned(), i.warnings.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(&lean), kinds(&full));
        // Of two updates at the same minute, the first listed; an undated one before all.
        assert_eq!(
            lean.incidents[0].kind,
            crate::domain::model::Kind::Maintenance
        );
        assert_eq!(
            full.incidents[1].summary.as_deref(),
            Some("update: Still on it.")
        );
        assert!(full.incidents[1].has_warning("incident_updates.created_at"));
        assert!(lean
            .incidents
            .iter()
            .all(|i| i.summary.is_none() && i.timeline.is_empty()));
        assert_eq!(full.files, lean.files);
    }

    #[test]
    fn truncated_json_names_line_and_column() {
        let r = import_file("t.json", b"{\n  \"incidents\": [\n", &opts());
        assert_eq!(
            r.files[0].messages[0],
            "line 3, column 0: EOF while parsing a list"
        );
    }
}
