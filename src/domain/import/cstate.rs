//! Markdown with YAML (`---`) or TOML (`+++`) front matter: cState status pages, Jekyll and
//! Hugo posts, and postmortem collections.
//!
//! The front matter is read loosely into a key/value map (the raw form), then converted. Real
//! archives have dates without zones, `resolved: True`, commented-out keys, quoted ISO strings,
//! typos such as `T015:00`, and files missing their opening fence: each gets a warning naming
//! the key and the text, and the rest of the file is still read.

use super::text::{self, TextContext};
use super::{Format, Parsed, ReadResult, Rejection};
use crate::domain::dates::{is_date_only, parse_stamp};
use crate::domain::model::{Incident, Severity, Source};
use crate::domain::stamp::Stamp;
use serde_json::{Map, Value};

/// Front matter fences found in a file.
struct Split<'a> {
    header: &'a str,
    body: &'a str,
    toml: bool,
    /// The opening fence was missing: the header is everything before the first `---`.
    unfenced: bool,
}

/// Whether `text` starts with front matter (or with `key: value` lines closed by `---`, the
/// common defect of a file whose opening fence was lost).
pub(crate) fn has_front_matter(text: &str) -> bool {
    let first = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end();
    first == "---" || first == "+++" || split(text).is_some()
}

fn split(text: &str) -> Option<Split<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next()?.trim_end();
    if first == "---" || first == "+++" {
        let toml = first == "+++";
        let after = text
            .get(first.len()..)?
            .trim_start_matches(['\r'])
            .strip_prefix('\n')
            .unwrap_or("");
        let mut offset = 0;
        for line in after.split_inclusive('\n') {
            let bare = line.trim_end();
            if bare == first || (!toml && bare == "...") {
                return Some(Split {
                    header: after.get(..offset)?,
                    body: after.get(offset + line.len()..)?,
                    toml,
                    unfenced: false,
                });
            }
            offset += line.len();
        }
        return None;
    }
    // Missing opening fence: only `key: value`, list items and comments up to the first `---`.
    let key_value = |l: &str| {
        let l = l.trim_end();
        l.is_empty()
            || l.starts_with('#')
            || l.starts_with("  ")
            || l.starts_with("- ")
            || l.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            })
    };
    if !first
        .split_once(':')
        .is_some_and(|(k, _)| !k.contains(' ') && !k.is_empty())
    {
        return None;
    }
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate().take(80) {
        if line.trim_end() == "---" {
            return (i >= 1).then(|| Split {
                header: text.get(..offset).unwrap_or(""),
                body: text.get(offset + line.len()..).unwrap_or(""),
                toml: false,
                unfenced: true,
            });
        }
        if !key_value(line) {
            return None;
        }
        offset += line.len();
    }
    None
}

/// Reads a front-matter Markdown file.
pub(crate) fn read(path: &str, text: &str, opts: &super::ImportOptions) -> (Format, ReadResult) {
    let Some(parts) = split(text) else {
        return (Format::Frontmatter, Err(Rejection::FrontMatterUnclosed));
    };
    let map = match parse_header(&parts) {
        Ok(map) => map,
        Err(reason) => return (Format::Frontmatter, Err(reason)),
    };
    let format = if is_cstate(&map) {
        Format::Cstate
    } else {
        Format::Frontmatter
    };
    let mut parsed = Parsed::default();
    if parts.unfenced {
        parsed.messages.push(
            "front matter: the opening `---` line is missing; the lines before the first `---` were read as front matter"
                .into(),
        );
    }
    let header_lines = u32::try_from(parts.header.lines().count()).unwrap_or(0);
    let body_line = header_lines + if parts.unfenced { 2 } else { 3 };
    let mut inc = convert(path, format, &map, parts.body, body_line, opts);
    // Point publishers at the line: "line 3: date: `…` is not a valid date/time".
    let first_line = if parts.unfenced { 1 } else { 2 };
    for w in &mut inc.warnings {
        let Some(key) = w.field.as_deref().map(str::to_lowercase) else {
            continue;
        };
        let line = parts.header.lines().position(|l| {
            l.trim_start()
                .to_lowercase()
                .starts_with(&format!("{key}:"))
                || l.trim_start()
                    .to_lowercase()
                    .starts_with(&format!("{key} ="))
        });
        if let Some(n) = line {
            w.line = u32::try_from(n + first_line).ok();
        }
    }
    parsed.incidents.push(inc);
    (format, Ok(parsed))
}

fn parse_header(parts: &Split<'_>) -> Result<Map<String, Value>, Rejection> {
    let value: Value = if parts.toml {
        toml::from_str(parts.header).map_err(|e| {
            Rejection::FrontMatter(format!("TOML front matter: {}", first_line(&e.to_string())))
        })?
    } else if parts.header.trim().is_empty() {
        Value::Object(Map::new())
    } else {
        // serde-saphyr enforces a budget on aliases and nesting, so alias bombs fail fast.
        // Front matter is a handful of keys: a tight node budget stops alias bombs early
        // (the library default, 250,000 nodes, is meant for whole configuration files).
        let options = serde_saphyr::options! {
            budget: serde_saphyr::budget! { max_nodes: 10_000, max_total_scalar_bytes: 1024 * 1024 },
        };
        serde_saphyr::from_str_with_options(parts.header, options).map_err(|e| {
            let offset = usize::from(!parts.unfenced);
            Rejection::FrontMatter(format!(
                "YAML front matter: {}",
                shift_line(&first_line(&e.to_string()), offset)
            ))
        })?
    };
    match value {
        Value::Object(map) => Ok(map
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect()),
        Value::Null => Ok(Map::new()),
        _ => Err(Rejection::FrontMatterNotMapping),
    }
}

/// Moves the first "line N" in a parser message by `offset`, so that it counts lines of the
/// file rather than of the front matter.
fn shift_line(message: &str, offset: usize) -> String {
    let Some(pos) = message.find("line ") else {
        return message.to_string();
    };
    let digits: String = message
        .get(pos + 5..)
        .unwrap_or("")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    match digits.parse::<usize>() {
        Ok(n) => format!(
            "{}line {}{}",
            message.get(..pos).unwrap_or(""),
            n + offset,
            message.get(pos + 5 + digits.len()..).unwrap_or("")
        ),
        Err(_) => message.to_string(),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().trim().to_string()
}

fn is_cstate(map: &Map<String, Value>) -> bool {
    map.contains_key("resolvedwhen")
        || map.get("section").and_then(Value::as_str) == Some("issue")
        || map
            .get("severity")
            .and_then(Value::as_str)
            .is_some_and(|s| matches!(s.trim(), "down" | "disrupted" | "notice"))
}

/// A scalar as text (`true`, `12`, `"x"`); `None` for null, lists and maps.
pub(crate) fn scalar(value: &Value) -> Option<String> {
    match value {
        // TOML's own date-time (`date = 2026-06-20T09:00:00+02:00`, unquoted, as Hugo writes
        // it) arrives as a one-key map.
        Value::Object(m) if m.len() == 1 => m
            .get("$__toml_private_datetime")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string()),
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list of names from a YAML list, a comma-separated string, or list items that are maps
/// with a `name`/`title`.
pub(crate) fn names(value: &Value) -> Vec<String> {
    let mut out: Vec<String> = match value {
        Value::Array(items) => items
            .iter()
            .filter_map(|v| match v {
                Value::Object(m) => m.get("name").or_else(|| m.get("title")).and_then(scalar),
                other => scalar(other),
            })
            .collect(),
        Value::String(s) => s
            .split([',', ';'])
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        _ => Vec::new(),
    };
    out.dedup();
    out
}

fn get<'a>(map: &'a Map<String, Value>, keys: &[&str]) -> Option<(&'a str, &'a Value)> {
    keys.iter()
        .find_map(|k| map.get_key_value(*k).map(|(k, v)| (k.as_str(), v)))
        .filter(|(_, v)| !v.is_null())
}

/// Reads a time field; warns (naming the key and text) when it is present but malformed.
fn stamp_field(
    inc: &mut Incident,
    map: &Map<String, Value>,
    keys: &[&str],
) -> Option<(Stamp, bool)> {
    let (key, value) = get(map, keys)?;
    let Some(raw) = scalar(value) else {
        inc.warn(key, "is not a date/time");
        return None;
    };
    match parse_stamp(&raw) {
        Some(stamp) => Some((stamp, is_date_only(&raw))),
        None => {
            inc.warn(
                key,
                format_args!("`{raw}` is not a valid date/time; left empty"),
            );
            None
        }
    }
}

fn bool_field(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "on" => Some(true),
            "false" | "no" | "n" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn convert(
    path: &str,
    format: Format,
    map: &Map<String, Value>,
    body: &str,
    body_line: u32,
    opts: &super::ImportOptions,
) -> Incident {
    let mut inc = Incident {
        source: Source {
            file: path.to_string(),
            format: format.name().to_string(),
            position: None,
            ..Source::default()
        },
        ..Incident::default()
    };
    inc.title = get(map, &["title", "name"])
        .and_then(|(_, v)| scalar(v))
        .unwrap_or_default();
    let start = stamp_field(
        &mut inc,
        map,
        &["start_time", "started_at", "start", "begin", "date"],
    );
    let end = stamp_field(
        &mut inc,
        map,
        &["resolvedwhen", "end_time", "resolved_at", "ended_at", "end"],
    );
    inc.detected_at = stamp_field(&mut inc, map, &["detected_at", "detected"]).map(|s| s.0);
    inc.acknowledged_at =
        stamp_field(&mut inc, map, &["acknowledged_at", "acknowledged"]).map(|s| s.0);
    inc.mitigated_at = stamp_field(&mut inc, map, &["mitigated_at", "mitigated"]).map(|s| s.0);
    let start_is_date_only = start.is_some_and(|s| s.1);
    inc.started_at = start.map(|s| s.0);
    inc.resolved_at = end.map(|s| s.0);

    if let Some((key, value)) = get(map, &["resolved"]) {
        match bool_field(value) {
            Some(resolved) => inc.open = !resolved && inc.resolved_at.is_none(),
            None => inc.warn(
                key,
                format_args!(
                    "`{}` is not true or false",
                    scalar(value).unwrap_or_default()
                ),
            ),
        }
        if inc.open && format == Format::Cstate {
            inc.warn("resolved", "false: the incident is still open");
        }
    }
    if let Some((key, value)) = get(map, &["severity", "sev", "priority", "impact"]) {
        let label = scalar(value).unwrap_or_default();
        inc.severity = Severity::from_label(&label);
        if inc.severity.level.is_none() {
            inc.warn(key, format_args!("`{label}` is not a severity Aftermath knows (down, disrupted, notice, SEV1–4, P1–4, critical/major/minor)"));
        }
    }
    if get(map, &["informational"]).and_then(|(_, v)| bool_field(v)) == Some(true) {
        inc.tags.push("informational".into());
        if inc.severity.level.is_none() {
            inc.severity = Severity::new(4, "informational");
        }
    }
    for key in [
        "affected",
        "services",
        "components",
        "product",
        "products",
        "systems",
    ] {
        if let Some(v) = map.get(key) {
            inc.services.extend(names(v));
        }
    }
    for key in ["tags", "categories", "keywords"] {
        if let Some(v) = map.get(key) {
            inc.tags.extend(names(v));
        }
    }
    if let Some(company) = get(map, &["company", "organization"]).and_then(|(_, v)| scalar(v)) {
        inc.tags.push(format!("company:{company}"));
    }
    inc.summary = get(map, &["summary", "description"]).and_then(|(_, v)| scalar(v));
    inc.body = body.trim().to_string();
    // Lines trimmed off the top of the body still count for evidence line numbers.
    let trimmed_lines = body
        .get(..body.len() - body.trim_start().len())
        .map_or(0, |lead| lead.matches('\n').count());
    let body_line = body_line + u32::try_from(trimmed_lines).unwrap_or(0);
    if inc.title.is_empty() {
        if let Some(title) = text::title_from_body(&inc.body) {
            inc.title = title;
            inc.mark_inferred("title");
        }
    }

    let title = inc.title.clone();
    let ctx = TextContext {
        reference_date: opts.reference_date,
        known_date: inc.started_at.map(|s| s.local_date()),
        path,
        title: Some(&title),
    };
    if format == Format::Cstate && !start_is_date_only {
        // A status page: the front matter has the times; update lines may give the end.
        let body = std::mem::take(&mut inc.body);
        let doc = text::doc::Doc::new(&body, body_line);
        let date = inc
            .started_at
            .map(|s| s.local_date())
            .unwrap_or(opts.reference_date);
        text::apply_updates(&mut inc, &doc, &ctx, ctx.anchor(None), date);
        inc.body = body;
    } else {
        // A post's `date` is when it was published; the incident's times are in the prose.
        text::enrich_from_prose(&mut inc, &ctx, start_is_date_only, body_line);
    }
    if inc.summary.is_none() {
        inc.summary = text::first_paragraph(&inc.body);
    }
    if inc.severity.level.is_none() && inc.severity.label.is_none() && !inc.has_warning("severity")
    {
        inc.warn("severity", "not stated");
    }
    inc
}

#[cfg(test)]
mod tests {
    use super::super::{import_file, ImportOptions, Status};

    fn opts() -> ImportOptions {
        ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default())
    }

    #[test]
    fn unfenced_front_matter_is_read_with_a_warning() {
        let text = "title: \"Broker outage\"\ndate: \"2023-03-01T09:00:00+01:00\"\nresolved: true\nresolvedWhen: \"2023-03-01T10:30:00+01:00\"\nseverity: disrupted\n---\n\nBroker certificate expired.\n";
        let r = import_file("x.md", text.as_bytes(), &opts());
        assert_eq!(r.files[0].format, "cstate");
        assert_eq!(r.files[0].status, Status::Warnings);
        assert!(r.files[0].messages[0].contains("opening `---`"));
        assert_eq!(r.incidents[0].title, "Broker outage");
        assert_eq!(
            r.incidents[0].summary.as_deref(),
            Some("Broker certificate expired.")
        );
    }

    #[test]
    fn alias_bomb_is_rejected() {
        let bomb = "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]\ntitle: boom\n---\nbody\n";
        let r = import_file("bomb.md", bomb.as_bytes(), &opts());
        assert_eq!(r.files[0].status, Status::Rejected, "{:?}", r.files[0]);
        assert!(
            r.files[0].messages[0].starts_with("YAML front matter"),
            "{:?}",
            r.files[0].messages
        );
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"Queue backlog\"\nstart_time = \"2022-02-02T08:00:00Z\"\nend_time = \"2022-02-02T09:15:00Z\"\nseverity = \"SEV2\"\ncategories = [\"queue\"]\n+++\nThe queue backed up.\n";
        let r = import_file("q.md", text.as_bytes(), &opts());
        let inc = &r.incidents[0];
        assert_eq!(r.files[0].format, "frontmatter");
        assert_eq!(inc.severity.level, Some(2));
        assert_eq!(
            inc.resolved_at.map(|s| s.to_string()).as_deref(),
            Some("2022-02-02T09:15:00+00:00")
        );
        assert_eq!(inc.tags, ["queue"]);
    }

    #[test]
    fn unclosed_front_matter_is_rejected() {
        let r = import_file("open.md", b"---\ntitle: x\nno end\n", &opts());
        assert_eq!(r.files[0].status, Status::Rejected);
        assert!(r.files[0].messages[0].contains("never closed"));
    }
}
