//! Multi-incident bulletins (Fly.io infra-log style): `July 16: Title (06:00EST): text`
//! entries, one incident each, with the region codes they name as services and the end from
//! "resolved … at around 08:00EST" or a duration stated in passing ("within about an hour").

use super::context;
use super::doc::split_sentences;
use super::{Format, Parsed, TextContext};
use crate::domain::lexicon;
use crate::domain::model::{Incident, Milestone, Severity, Source};
use crate::domain::scan::{self, FoundDate, FoundTime};
use crate::domain::stamp::Stamp;
use chrono::TimeDelta;

/// One bulletin entry header: `July 16: Title (06:00EST): `.
#[derive(Debug)]
pub(crate) struct EntryHead {
    date: FoundDate,
    title: String,
    time: FoundTime,
    /// Byte offset where the entry's text begins (after the header).
    body_start: usize,
    /// Byte offset where the header begins.
    start: usize,
}

pub(crate) fn bulletin_entries(text: &str) -> Vec<EntryHead> {
    let mut out = Vec::new();
    for d in scan::find_dates(text, false) {
        let rest = text.get(d.end..).unwrap_or("");
        let Some(after_colon) = rest.strip_prefix(':') else {
            continue;
        };
        let Some(open) = after_colon.find('(') else {
            continue;
        };
        let title = after_colon.get(..open).unwrap_or("").trim();
        if title.is_empty() || title.len() > 140 || title.contains(['.', '\n']) {
            continue;
        }
        let inside_end = after_colon
            .get(open..)
            .and_then(|s| s.find(')'))
            .map(|p| p + open);
        let Some(close) = inside_end else { continue };
        let inside = after_colon.get(open + 1..close).unwrap_or("");
        let Some(time) = scan::find_times(inside).first().copied() else {
            continue;
        };
        let after = after_colon.get(close + 1..).unwrap_or("");
        if !after.starts_with(':') {
            continue;
        }
        let body_start = d.end + 1 + close + 2;
        out.push(EntryHead {
            date: d,
            title: title.to_string(),
            time,
            body_start,
            start: d.start,
        });
    }
    out
}

/// Where the last entry of a bulletin ends: at a short heading-like line.
fn end_of_entries(text: &str, from: usize) -> usize {
    let mut offset = from;
    let rest = text.get(from..).unwrap_or("");
    let lines: Vec<&str> = rest.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let next = lines.get(i + 1).map(|l| l.trim_start()).unwrap_or("");
        let short = !t.is_empty()
            && t.split_whitespace().count() <= 8
            && !t.ends_with(['.', ',', ';', ':', ')']);
        let upper = t.chars().next().is_some_and(char::is_uppercase);
        let next_continues = next.starts_with(['.', ',', ';', ')'])
            || next.chars().next().is_some_and(char::is_lowercase);
        if i > 0 && short && upper && !next_continues {
            return offset;
        }
        offset += line.len();
    }
    text.len()
}

pub(crate) fn read_bulletin(
    path: &str,
    text: &str,
    entries: &[EntryHead],
    ctx: &TextContext,
) -> Parsed {
    let mut parsed = Parsed::default();
    let doc_year = scan::find_dates(text, false)
        .iter()
        .find_map(|d| d.year)
        .or_else(|| heading_year(text));
    for (i, e) in entries.iter().enumerate() {
        let end = entries
            .get(i + 1)
            .map_or_else(|| end_of_entries(text, e.body_start), |n| n.start);
        let body = text
            .get(e.body_start..end.max(e.body_start))
            .unwrap_or("")
            .trim()
            .replace('\n', " ");
        let mut inc = Incident {
            title: e.title.clone(),
            source: Source {
                file: path.to_string(),
                format: Format::Bulletin.name().to_string(),
                position: u32::try_from(i + 1).ok(),
                ..Source::default()
            },
            body: body.clone(),
            ..Incident::default()
        };
        let anchor = ctx.anchor(None);
        let Some((date, year_inferred)) =
            context::complete(&e.date, anchor, doc_year, ctx.reference_date)
        else {
            continue;
        };
        if year_inferred {
            inc.mark_inferred("started_at.year");
        }
        let header = text.get(e.start..e.body_start).unwrap_or("").trim();
        let line = line_of(text, e.start);
        inc.started_at = Stamp::at(date, e.time.time, e.time.offset_on(date));
        inc.cite(Milestone::Started.name(), header, line);
        let full = format!("{} {}", e.title, body);
        for code in lexicon::REGION_CODES {
            if full
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == *code)
            {
                inc.services.push((*code).to_string());
            }
        }
        let lower = body.to_lowercase();
        // Duration: an explicit "resolved … at around 08:00EST", else a phrase.
        let resolved_time = split_sentences(&body).into_iter().find_map(|s| {
            let l = s.to_lowercase();
            if l.contains("resolved") || l.contains("restored") || l.contains("fixed") {
                scan::find_times(&s).into_iter().next().map(|t| (t, s))
            } else {
                None
            }
        });
        let said = |needle: &str| {
            split_sentences(&body)
                .into_iter()
                .find(|s| s.to_lowercase().contains(needle))
                .unwrap_or_default()
        };
        if let Some((t, sentence)) = resolved_time {
            let mut d = date;
            if t.time < e.time.time {
                d = d.succ_opt().unwrap_or(d);
            }
            inc.resolved_at = Stamp::at(d, t.time, t.zone.or(e.time.zone).map(|z| z.offset_on(d)));
            inc.cite(Milestone::Resolved.name(), &sentence, line);
        } else if let Some((secs, marker)) = phrase_duration(&lower) {
            inc.resolved_at = inc
                .started_at
                .and_then(|s| s.plus(TimeDelta::seconds(secs)));
            inc.mark_inferred("resolved_at");
            inc.cite(Milestone::Resolved.name(), &said(marker), line);
        } else {
            inc.warn("resolved_at", "the entry gives no end or duration");
        }
        if let Some(p) = lexicon::NO_IMPACT.iter().find(|p| lower.contains(*p)) {
            inc.severity = Severity::new(4, "no customer impact");
            inc.mark_inferred("severity");
            inc.cite("severity", &said(p), line);
        } else {
            inc.warn("severity", "not stated");
        }
        inc.summary = split_sentences(&body).into_iter().next();
        parsed.incidents.push(inc);
    }
    parsed
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> Option<u32> {
    let before = text.get(..offset)?;
    u32::try_from(before.matches('\n').count() + 1).ok()
}

/// A year standing alone in a bulletin's first lines ("Trailing 2 Weeks Incidents, 2025").
fn heading_year(text: &str) -> Option<i32> {
    text.lines()
        .take(3)
        .flat_map(|l| l.split(|c: char| !c.is_ascii_digit()))
        .find_map(|w| {
            let y: i32 = w.parse().ok().filter(|_| w.len() == 4)?;
            crate::domain::stamp::PLAUSIBLE_YEARS
                .contains(&y)
                .then_some(y)
        })
}

/// Durations a bulletin states in passing: "within about an hour", "about 20 minutes",
/// "a 40-minute acute phase". Vague ones ("a few minutes") are not taken.
fn phrase_duration(lower: &str) -> Option<(i64, &'static str)> {
    for marker in [
        "within about",
        "within",
        "for about",
        "about",
        "around",
        "roughly",
        "lasted",
        "acute phase",
        "-minute",
        "-hour",
    ] {
        if let Some(pos) = lower.find(marker) {
            let window_start = pos.saturating_sub(12);
            let window: String = lower
                .get(window_start..)
                .unwrap_or("")
                .chars()
                .take(40)
                .collect();
            if window.contains("few") {
                continue;
            }
            if let Some(secs) = scan::parse_duration(&window) {
                return Some((secs, marker));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn ctx() -> TextContext<'static> {
        TextContext {
            reference_date: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default(),
            known_date: None,
            path: "b.txt",
            title: None,
        }
    }

    #[test]
    fn bulletin_entry_that_runs_into_the_next_without_newline() {
        let text = "Incidents\nMarch 3: Disk Pressure in AMS (09:00UTC): Disks filled up. Fixed within about 20 minutes.March 4: Edge Errors (11:30UTC): No customer impact.\nNotes Section\nOther news.";
        let entries = bulletin_entries(text);
        assert_eq!(entries.len(), 2);
        let p = read_bulletin("b.txt", text, &entries, &ctx());
        assert_eq!(p.incidents[0].services, ["AMS"]);
        let ttr = p.incidents[0]
            .started_at
            .zip(p.incidents[0].resolved_at)
            .map(|(a, b)| a.until(&b).num_minutes());
        assert_eq!(ttr, Some(20));
        assert_eq!(p.incidents[1].severity.level, Some(4));
        assert!(!p.incidents[1].body.contains("Other news"));
    }
}
