//! JSON exports of incident tools: Atlassian Statuspage, Google Cloud status, PagerDuty.
//! Aftermath's own archive is JSON too and is handed to [`super::native`].
//!
//! Each format has a raw struct mirroring the export (all fields optional), converted into
//! incidents with per-field warnings. The format is told apart by the keys present.

use super::{native, Format, Parsed, ReadResult};
use crate::domain::dates::parse_stamp;
use crate::domain::model::{Incident, Severity, Source, TimelineEntry};
use crate::domain::stamp::Stamp;
use serde::Deserialize;
use serde_json::Value;

/// Detects the JSON format and reads it.
pub(crate) fn read(path: &str, text: &str) -> (Format, ReadResult) {
    if native::looks_native(text) {
        return (Format::Aftermath, native::read(text));
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return (Format::Unknown, Err(json_error(&e))),
    };
    let (format, items) = classify(&value);
    let result = match format {
        Format::Statuspage => convert_all(path, format, &items, statuspage),
        Format::Gcp => convert_all(path, format, &items, gcp),
        Format::Pagerduty => convert_all(path, format, &items, pagerduty),
        _ => Err("JSON, but not an incident format Aftermath knows (Aftermath archive, Statuspage, Google Cloud status, PagerDuty)".into()),
    };
    (format, result)
}

/// serde_json's message with its position, in the words the CLI contract shows.
pub(crate) fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let core = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    format!("line {}, column {}: {core}", e.line(), e.column())
}

fn classify(value: &Value) -> (Format, Vec<Value>) {
    let list: Vec<Value> = match value {
        Value::Array(items) => items.clone(),
        Value::Object(map) => {
            if let Some(Value::Array(items)) = map.get("incidents") {
                items.clone()
            } else if let Some(inc @ Value::Object(_)) = map.get("incident") {
                vec![inc.clone()]
            } else if let Some(Value::Array(items)) = map.get("scheduled_maintenances") {
                items.clone()
            } else {
                vec![value.clone()]
            }
        }
        _ => Vec::new(),
    };
    let first = list.iter().find_map(Value::as_object);
    let has = |k: &str| first.is_some_and(|m| m.contains_key(k));
    let format = if first.is_none() {
        if value.get("page").is_some() || value.get("incidents").is_some() {
            Format::Statuspage
        } else {
            Format::Unknown
        }
    } else if has("incident_updates") || has("shortlink") || (has("impact") && has("name")) {
        Format::Statuspage
    } else if has("begin")
        && (has("service_name") || has("affected_products") || has("external_desc"))
    {
        Format::Gcp
    } else if has("incident_number") || has("urgency") || has("acknowledgements") {
        Format::Pagerduty
    } else {
        Format::Unknown
    };
    (format, list)
}

fn convert_all<T: for<'de> Deserialize<'de>>(
    path: &str,
    format: Format,
    items: &[Value],
    convert: fn(T, &mut Incident),
) -> ReadResult {
    let mut parsed = Parsed::default();
    for (i, item) in items.iter().enumerate() {
        let mut inc = Incident {
            source: Source {
                file: path.to_string(),
                format: format.name().to_string(),
                position: u32::try_from(i + 1).ok(),
                ..Source::default()
            },
            ..Incident::default()
        };
        match T::deserialize(item) {
            Ok(raw) => {
                convert(raw, &mut inc);
                parsed.incidents.push(inc);
            }
            Err(e) => parsed
                .messages
                .push(format!("entry {}: skipped: {e}", i + 1)),
        }
    }
    Ok(parsed)
}

/// Reads an optional time field, warning when it is present but malformed.
fn stamp(inc: &mut Incident, field: &str, raw: Option<&str>) -> Option<Stamp> {
    let raw = raw?.trim();
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
struct Named {
    name: Option<String>,
}

#[derive(Deserialize)]
struct StatuspageUpdate {
    status: Option<String>,
    body: Option<String>,
    created_at: Option<String>,
    display_at: Option<String>,
}

/// Statuspage incident object (`/api/v2/incidents.json`).
#[derive(Deserialize)]
struct StatuspageRaw {
    id: Option<String>,
    name: Option<String>,
    status: Option<String>,
    impact: Option<String>,
    created_at: Option<String>,
    started_at: Option<String>,
    monitoring_at: Option<String>,
    resolved_at: Option<String>,
    scheduled_for: Option<String>,
    #[serde(default)]
    components: Vec<Named>,
    #[serde(default)]
    incident_updates: Vec<StatuspageUpdate>,
    postmortem_body: Option<String>,
    shortlink: Option<String>,
}

fn statuspage(raw: StatuspageRaw, inc: &mut Incident) {
    inc.title = raw.name.unwrap_or_default();
    inc.started_at = stamp(inc, "started_at", raw.started_at.as_deref())
        .or_else(|| stamp(inc, "created_at", raw.created_at.as_deref()));
    inc.mitigated_at = stamp(inc, "monitoring_at", raw.monitoring_at.as_deref());
    inc.resolved_at = stamp(inc, "resolved_at", raw.resolved_at.as_deref());
    let status = raw.status.unwrap_or_default();
    inc.open = inc.resolved_at.is_none()
        && !matches!(status.as_str(), "resolved" | "postmortem" | "completed");
    match raw.impact.as_deref() {
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
    if let Some(when) = raw.scheduled_for {
        inc.tags.push("maintenance".into());
        inc.kind = crate::domain::model::Kind::Maintenance;
        inc.cite("kind", &format!("scheduled_for: {when}"), None);
    }
    inc.services = raw.components.into_iter().filter_map(|c| c.name).collect();
    let mut updates: Vec<TimelineEntry> = Vec::new();
    for u in raw.incident_updates {
        let at_raw = u.display_at.or(u.created_at);
        let at = stamp(inc, "incident_updates.created_at", at_raw.as_deref());
        let text = match (u.status, u.body) {
            (Some(s), Some(b)) => format!("{s}: {b}"),
            (Some(s), None) => s,
            (None, Some(b)) => b,
            (None, None) => continue,
        };
        updates.push(TimelineEntry { at, text });
    }
    updates.sort_by_key(|u| u.at.map(|s| s.sort_key()));
    inc.summary = updates.first().map(|u| u.text.clone());
    inc.timeline = updates;
    inc.body = raw.postmortem_body.unwrap_or_default();
    inc.source.external_id = raw.id.filter(|i| !i.trim().is_empty());
    inc.source.url = raw.shortlink.filter(|l| !l.trim().is_empty());
}

#[derive(Deserialize)]
struct GcpUpdate {
    when: Option<String>,
    created: Option<String>,
    text: Option<String>,
}

#[derive(Deserialize)]
struct GcpLocation {
    id: Option<String>,
    title: Option<String>,
}

/// Google Cloud status incident (`incidents.json`).
#[derive(Deserialize)]
struct GcpRaw {
    id: Option<String>,
    number: Option<Value>,
    uri: Option<String>,
    external_desc: Option<String>,
    begin: Option<String>,
    end: Option<String>,
    severity: Option<String>,
    service_name: Option<String>,
    #[serde(default)]
    affected_products: Vec<GcpLocation>,
    #[serde(default)]
    previously_affected_locations: Vec<GcpLocation>,
    #[serde(default)]
    updates: Vec<GcpUpdate>,
    status_impact: Option<String>,
}

fn gcp(raw: GcpRaw, inc: &mut Incident) {
    inc.source.external_id = raw.id.clone().or_else(|| {
        raw.number
            .as_ref()
            .and_then(crate::domain::import::json_scalar)
    });
    inc.source.url = raw.uri.clone().map(|u| {
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
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    inc.started_at = stamp(inc, "begin", raw.begin.as_deref());
    inc.resolved_at = stamp(inc, "end", raw.end.as_deref());
    inc.open = inc.resolved_at.is_none();
    match raw.severity.as_deref() {
        Some(label) => inc.severity = Severity::from_label(label),
        None => inc.warn("severity", "missing"),
    }
    let mut services: Vec<String> = raw
        .affected_products
        .into_iter()
        .filter_map(|p| p.title)
        .collect();
    if services.is_empty() {
        services.extend(raw.service_name);
    }
    services.extend(
        raw.previously_affected_locations
            .into_iter()
            .filter_map(|l| l.id.or(l.title)),
    );
    inc.services = services;
    inc.impact = raw.status_impact;
    let mut timeline: Vec<TimelineEntry> = Vec::new();
    for u in raw.updates {
        let raw_at = u.when.or(u.created);
        let at = stamp(inc, "updates.when", raw_at.as_deref());
        timeline.push(TimelineEntry {
            at,
            text: u.text.unwrap_or_default(),
        });
    }
    timeline.sort_by_key(|u| u.at.map(|s| s.sort_key()));
    inc.summary = timeline
        .first()
        .map(|u| u.text.lines().take(3).collect::<Vec<_>>().join(" "));
    inc.timeline = timeline;
}

#[derive(Deserialize)]
struct PdRef {
    summary: Option<String>,
}

#[derive(Deserialize)]
struct PdAck {
    at: Option<String>,
}

/// PagerDuty REST API incident.
#[derive(Deserialize)]
struct PagerdutyRaw {
    id: Option<String>,
    html_url: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    description: Option<String>,
    created_at: Option<String>,
    status: Option<String>,
    urgency: Option<String>,
    priority: Option<PdRef>,
    service: Option<PdRef>,
    #[serde(default)]
    acknowledgements: Vec<PdAck>,
    resolved_at: Option<String>,
    last_status_change_at: Option<String>,
    incident_number: Option<u64>,
}

fn pagerduty(raw: PagerdutyRaw, inc: &mut Incident) {
    inc.title = raw
        .title
        .or(raw.summary)
        .or(raw.description)
        .unwrap_or_default();
    // PagerDuty creates the incident when an alert fires: the best available start.
    inc.started_at = stamp(inc, "created_at", raw.created_at.as_deref());
    let acks: Vec<Stamp> = raw
        .acknowledgements
        .iter()
        .filter_map(|a| a.at.as_deref())
        .filter_map(parse_stamp)
        .collect();
    inc.acknowledged_at = acks.into_iter().min_by_key(Stamp::sort_key);
    inc.resolved_at = stamp(inc, "resolved_at", raw.resolved_at.as_deref());
    let status = raw.status.unwrap_or_default();
    if inc.resolved_at.is_none() && status == "resolved" {
        inc.resolved_at = stamp(
            inc,
            "last_status_change_at",
            raw.last_status_change_at.as_deref(),
        );
        if inc.resolved_at.is_some() {
            inc.mark_inferred("resolved_at");
        }
    }
    inc.open = status != "resolved" && inc.resolved_at.is_none();
    let priority = raw.priority.and_then(|p| p.summary);
    inc.severity = match (priority, raw.urgency) {
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
    inc.services.extend(raw.service.and_then(|s| s.summary));
    inc.source.external_id = raw
        .id
        .filter(|i| !i.trim().is_empty())
        .or_else(|| raw.incident_number.map(|n| format!("#{n}")));
    inc.source.url = raw.html_url.filter(|u| !u.trim().is_empty());
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
    fn truncated_json_names_line_and_column() {
        let r = import_file("t.json", b"{\n  \"incidents\": [\n", &opts());
        assert_eq!(
            r.files[0].messages[0],
            "line 3, column 0: EOF while parsing a list"
        );
    }
}
