//! CSV with a header row: spreadsheet exports, VOID-style databases, hand-kept incident logs.
//!
//! Columns are matched by common header names (case, spaces and punctuation ignored); values
//! may be ISO or `M/D/YYYY` dates; multi-valued cells are comma- or semicolon-joined. Text that
//! looks like UTF-8 read as Latin-1 ("mojibake") is flagged, not silently kept.

use super::{Parsed, ReadResult, Rejection};
use crate::domain::dates::parse_loose;
use crate::domain::model::{Incident, Kind, Severity, Source, Warning};
use crate::domain::scan::parse_duration;

/// Whether a text is CSV: a `.csv`/`.tsv` name, or a first line of delimited known headers.
pub(crate) fn looks_like_csv(path: &str, text: &str) -> bool {
    let lower = path.to_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".tsv") {
        return true;
    }
    let first = text.lines().next().unwrap_or_default();
    let cols: Vec<Column> = first.split(',').map(column).collect();
    cols.len() >= 2 && cols.iter().filter(|c| **c != Column::Other).count() >= 2
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Title,
    Start,
    End,
    Detected,
    Acknowledged,
    Mitigated,
    Severity,
    Services,
    Impact,
    Summary,
    Tags,
    Duration,
    Organization,
    Kind,
    Other,
}

fn column(header: &str) -> Column {
    let key: String = header
        .trim()
        .trim_matches('"')
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    match key.as_str() {
        "title" | "name" | "incident" | "incidenttitle" | "headline" | "subject" => Column::Title,
        "start" | "started" | "startedat" | "starttime" | "began" | "begin" | "date"
        | "startdate" | "createdat" | "created" | "incidentdate" | "opened" => Column::Start,
        "end" | "ended" | "endedat" | "endtime" | "resolved" | "resolvedat" | "enddate"
        | "closed" | "closedat" | "resolvedtime" => Column::End,
        "detected" | "detectedat" | "detectiontime" => Column::Detected,
        "acknowledged" | "acknowledgedat" | "acked" | "ackedat" => Column::Acknowledged,
        "mitigated" | "mitigatedat" => Column::Mitigated,
        "severity" | "sev" | "impactlevel" | "priority" | "urgency" | "level" => Column::Severity,
        "service" | "services" | "component" | "components" | "technologies" | "technology"
        | "product" | "products" | "system" | "systems" | "region" | "regions" => Column::Services,
        "impact" | "customerimpact" => Column::Impact,
        "summary" | "description" | "details" => Column::Summary,
        "tags" | "labels" | "categories" | "category" | "keywords" => Column::Tags,
        "duration" | "durationminutes" | "minutes" | "durationmins" => Column::Duration,
        "organization" | "organisation" | "company" => Column::Organization,
        "kind" | "incidentkind" => Column::Kind,
        _ => Column::Other,
    }
}

/// UTF-8 text decoded as Latin-1/Windows-1252 and re-encoded: `Ã©`, `â€™`, `Ã¨`.
fn mojibake(text: &str) -> Option<&'static str> {
    ["Ã©", "Ã¨", "Ã ", "â€™", "â€œ", "Ã¢", "Ã§", "Ã´", "Ã¼", "Ã¶"]
        .into_iter()
        .find(|m| text.contains(m))
}

fn split_multi(cell: &str) -> Vec<String> {
    cell.split([',', ';', '|'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub(crate) fn read(path: &str, text: &str) -> ReadResult {
    let delimiter = if path.to_lowercase().ends_with(".tsv")
        || text
            .lines()
            .next()
            .is_some_and(|l| l.matches('\t').count() > l.matches(',').count())
    {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Rejection::CsvHeader(e.to_string()))?
        .clone();
    let columns: Vec<Column> = headers.iter().map(column).collect();
    if !columns.contains(&Column::Title) && !columns.contains(&Column::Start) {
        return Err(Rejection::CsvNoTitleOrStart {
            headers: headers.iter().collect::<Vec<_>>().join(", "),
        });
    }
    let mut parsed = Parsed::default();
    if let Some(m) = mojibake(text) {
        parsed.messages.push(format!("encoding: the text contains `{m}`, which looks like UTF-8 read as Latin-1 (mojibake); check the export's encoding"));
    }
    for (row_no, record) in reader.records().enumerate() {
        let line = row_no + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                parsed.messages.push(format!("line {line}: skipped: {e}"));
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut inc = Incident {
            source: Source {
                file: path.to_string(),
                format: "csv".into(),
                position: u32::try_from(line).ok(),
                ..Source::default()
            },
            ..Incident::default()
        };
        let mut duration = None;
        for (col, cell) in columns.iter().zip(record.iter()) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            let header = headers
                .get(columns.iter().position(|c| c == col).unwrap_or(0))
                .unwrap_or("")
                .trim();
            let time = |inc: &mut Incident| {
                let t = parse_loose(cell);
                if t.is_none() {
                    inc.warnings.push(
                        Warning::new(
                            header,
                            format_args!("`{cell}` is not a date/time; left empty"),
                        )
                        .at_line(u32::try_from(line).ok()),
                    );
                }
                t
            };
            match col {
                Column::Title => inc.title = cell.to_string(),
                Column::Start => inc.started_at = time(&mut inc),
                Column::End => inc.resolved_at = time(&mut inc),
                Column::Detected => inc.detected_at = time(&mut inc),
                Column::Acknowledged => inc.acknowledged_at = time(&mut inc),
                Column::Mitigated => inc.mitigated_at = time(&mut inc),
                Column::Severity => {
                    inc.severity = Severity::from_label(cell);
                    if inc.severity.level.is_none() {
                        inc.warnings.push(
                            Warning::new(header, format_args!("`{cell}` is not a known severity"))
                                .at_line(u32::try_from(line).ok()),
                        );
                    }
                }
                Column::Kind => match Kind::from_name(&cell.to_lowercase()) {
                    Some(kind) => inc.kind = kind,
                    None => inc.warnings.push(
                        Warning::new(
                            header,
                            format_args!(
                                "`{cell}` is not a kind (incident, maintenance or notice); read as an incident"
                            ),
                        )
                        .at_line(u32::try_from(line).ok()),
                    ),
                },
                Column::Services => inc.services.extend(split_multi(cell)),
                Column::Impact => inc.impact = Some(cell.to_string()),
                Column::Summary => inc.summary = Some(cell.to_string()),
                Column::Tags => inc.tags.extend(split_multi(cell)),
                Column::Organization => inc.tags.push(format!("company:{cell}")),
                Column::Duration => {
                    // A bare number is minutes; "2h30" and "95 minutes" are read as written.
                    duration = cell
                        .parse::<f64>()
                        .ok()
                        .map(|m| (m * 60.0).round() as i64)
                        .or_else(|| parse_duration(cell));
                    if duration.is_none() {
                        inc.warnings.push(
                            Warning::new(header, format_args!("`{cell}` is not a duration"))
                                .at_line(u32::try_from(line).ok()),
                        );
                    }
                }
                Column::Other => {}
            }
        }
        if let Some(secs) = duration {
            inc.stated.ttr_secs = Some(secs);
        }
        if inc.severity.level.is_none()
            && inc.severity.label.is_none()
            && columns.contains(&Column::Severity)
        {
            inc.warnings
                .push(Warning::new("severity", "empty").at_line(u32::try_from(line).ok()));
        }
        parsed.incidents.push(inc);
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::super::{import_file, ImportOptions, Status};

    fn opts() -> ImportOptions {
        ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default())
    }

    #[test]
    fn bom_and_mojibake_are_handled() {
        let text = "\u{feff}Title,Start,End,Severity\nCafÃ© API down,2024-01-02T10:00:00Z,2024-01-02T11:00:00Z,SEV2\n";
        let r = import_file("log.csv", text.as_bytes(), &opts());
        assert_eq!(r.files[0].status, Status::Warnings);
        assert!(r.files[0].messages[0].contains("mojibake"));
        assert_eq!(r.incidents[0].severity.level, Some(2));
    }

    #[test]
    fn headers_without_title_or_start_are_rejected() {
        let r = import_file("x.csv", b"foo,bar\n1,2\n", &opts());
        assert_eq!(r.files[0].status, Status::Rejected);
        assert!(r.files[0].messages[0].contains("foo, bar"));
    }
}
