//! Prose readers: free-text postmortems (English and French) and multi-incident bulletins.
//!
//! The rules are deliberately conservative ("unknown is better than wrong"): a field is filled
//! only from an explicit pattern, everything found through keywords or context is listed in
//! [`Incident::inferred`], and what could not be found gets a warning instead of a guess.

use super::{Format, ImportOptions, Parsed, ReadResult};
use crate::domain::lexicon::{self, Milestone};
use crate::domain::model::{Incident, Severity, Source, TimelineEntry};
use crate::domain::scan::{self, FoundDate, FoundTime};
use crate::domain::stamp::Stamp;
use chrono::{Datelike, FixedOffset, NaiveDate, TimeDelta};

/// What a text reader knows beyond the text itself.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextContext {
    /// "Today": dates without a year are never placed after it.
    pub reference_date: NaiveDate,
    /// A date given by front matter, which also supplies a year.
    pub known_date: Option<NaiveDate>,
}

/// Reads a plain text or Markdown file without front matter: a bulletin when it has at least
/// two `Month Day: Title (HH:MM ZONE):` entries, else one free-text postmortem.
pub(crate) fn read(path: &str, text: &str, opts: &ImportOptions) -> (Format, ReadResult) {
    let ctx = TextContext {
        reference_date: opts.reference_date,
        known_date: None,
    };
    let entries = bulletin_entries(text);
    if entries.len() >= 2 {
        return (
            Format::Bulletin,
            Ok(read_bulletin(path, text, &entries, &ctx)),
        );
    }
    (Format::Freetext, read_freetext(path, text, &ctx))
}

/// Whether the text is mostly French (decides day-first numeric dates and generated titles).
fn is_french(text: &str) -> bool {
    let sample: String = text.chars().take(20_000).collect::<String>().to_lowercase();
    let count = |words: &[&str]| -> usize {
        sample
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| words.contains(w))
            .count()
    };
    count(&[
        "le", "la", "les", "des", "est", "nous", "une", "avons", "été", "sur", "pour", "dans",
    ]) > count(&[
        "the", "and", "we", "was", "were", "our", "is", "of", "to", "with", "for",
    ])
}

/// A line-oriented view of a document: headings with the lines under them.
struct Section<'a> {
    heading: Option<String>,
    lines: Vec<&'a str>,
}

fn heading_text(line: &str) -> Option<String> {
    let t = line.trim();
    if let Some(h) = t.strip_prefix('#') {
        return Some(
            h.trim_start_matches('#')
                .trim()
                .trim_end_matches(':')
                .to_string(),
        );
    }
    None
}

/// Heading test for plain text: a short line without sentence punctuation that names a known
/// section, or a Markdown heading.
fn is_known_heading(line: &str) -> Option<String> {
    if let Some(h) = heading_text(line) {
        return Some(h);
    }
    let t = line.trim().trim_end_matches(['?', ':']).trim();
    if t.is_empty() || t.len() > 60 || t.ends_with('.') {
        return None;
    }
    let lower = t.to_lowercase();
    let known = lexicon::TIMELINE_HEADINGS
        .iter()
        .chain(lexicon::ACTION_HEADINGS)
        .chain(lexicon::IMPACT_HEADINGS)
        .chain(&[
            "quelques métriques",
            "métriques",
            "metrics",
            "conclusion",
            "communication",
            "les causes",
            "causes",
            "root cause",
            "contexte",
            "context",
            "summary",
            "résumé",
            "analyse",
            "analysis",
            "enseignements",
            "lessons learned",
            "we are sorry",
            "délais de prise en charge",
        ])
        .any(|h| lower == *h || lower.starts_with(&format!("{h} ")) && lower.len() <= h.len() + 25);
    known.then(|| t.to_string())
}

fn sections(text: &str) -> Vec<Section<'_>> {
    let mut out = vec![Section {
        heading: None,
        lines: Vec::new(),
    }];
    for line in text.lines() {
        if let Some(h) = is_known_heading(line) {
            out.push(Section {
                heading: Some(h),
                lines: Vec::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.lines.push(line);
        }
    }
    out
}

fn heading_is(section: &Section<'_>, names: &[&str]) -> bool {
    section.heading.as_deref().is_some_and(|h| {
        let lower = h.to_lowercase();
        names.iter().any(|n| lower == *n || lower.starts_with(n))
    })
}

fn bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    for marker in ["• ", "* ", "- ", "– ", "+ ", "•\t"] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest.trim_start_matches(['*', ' ']).trim());
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 3 {
        let rest = t.get(digits..)?;
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(r.trim());
        }
    }
    None
}

/// Sentences of a block of lines (split on `.`, `!`, `?`, `;` followed by a space, and lines).
fn sentences(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let mut current = String::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, ch) in chars.iter().enumerate() {
            current.push(*ch);
            let next_space = chars.get(i + 1).is_none_or(|c| c.is_whitespace());
            if matches!(ch, '.' | '!' | '?') && next_space && current.trim().len() > 3 {
                out.push(current.trim().to_string());
                current.clear();
            }
        }
        if !current.trim().is_empty() {
            out.push(current.trim().to_string());
        }
    }
    out
}

/// The first real paragraph of Markdown as plain text (headings, images, comments and very
/// short lines skipped), cut at 400 characters.
pub(crate) fn first_paragraph(body: &str) -> Option<String> {
    let mut para = String::new();
    for line in body.lines() {
        let t = line.trim();
        let skip = t.starts_with('#')
            || t.starts_with("<!--")
            || t.starts_with("![")
            || t.starts_with("---")
            || t.starts_with('|');
        if t.is_empty() || skip {
            if para.chars().count() >= 20 {
                break;
            }
            para.clear();
            continue;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(t);
    }
    let para = para.trim().to_string();
    if para.chars().count() < 20 {
        return None;
    }
    Some(if para.chars().count() > 400 {
        format!("{}…", para.chars().take(400).collect::<String>().trim_end())
    } else {
        para
    })
}

/// Picks a year for a date that has none. Order: a weekday named beside it (the nearest year
/// not after the reference date where the date falls on that weekday), then a year found
/// elsewhere in the document, then the reference date's year (the previous year when the date
/// would lie in the future). The caller marks the year as inferred.
fn infer_year(found: &FoundDate, doc_year: Option<i32>, reference: NaiveDate) -> Option<i32> {
    if let Some(wd) = found.weekday {
        let mut year = reference.year();
        for _ in 0..30 {
            if let Some(d) = NaiveDate::from_ymd_opt(year, found.month, found.day) {
                if d <= reference && d.weekday().num_days_from_monday() == wd {
                    return Some(year);
                }
            }
            year -= 1;
        }
    }
    if let Some(y) = doc_year {
        return Some(y);
    }
    let this_year = NaiveDate::from_ymd_opt(reference.year(), found.month, found.day);
    Some(if this_year.is_some_and(|d| d > reference) {
        reference.year() - 1
    } else {
        reference.year()
    })
}

/// The incident date of a document: the first date in the text, completed with a year.
/// Returns the date and whether its year was inferred.
fn incident_date(text: &str, french: bool, ctx: &TextContext) -> Option<(NaiveDate, bool)> {
    let found = scan::find_dates(text, french);
    let doc_year = found
        .iter()
        .find_map(|d| d.year)
        .or(ctx.known_date.map(|d| d.year()));
    let first = found.first()?;
    match first.year {
        Some(y) => NaiveDate::from_ymd_opt(y, first.month, first.day).map(|d| (d, false)),
        None => {
            let y = infer_year(first, doc_year, ctx.reference_date)?;
            NaiveDate::from_ymd_opt(y, first.month, first.day).map(|d| (d, true))
        }
    }
}

/// The time a sentence is about: a precise, non-approximate time first.
fn best_time(times: &[FoundTime]) -> Option<FoundTime> {
    times
        .iter()
        .find(|t| t.precise && !t.approx)
        .or_else(|| times.iter().find(|t| t.precise))
        .or(times.first())
        .copied()
}

fn milestone_of(text: &str) -> Option<Milestone> {
    milestone_at(text).map(|(m, _)| m)
}

/// The milestone a text marks and the byte offset of its keyword (in the lowercased text,
/// which for the scripts used here keeps offsets close enough to pick the nearest time).
fn milestone_at(text: &str) -> Option<(Milestone, usize)> {
    let lower = text.to_lowercase();
    lexicon::MILESTONE_WORDS.iter().find_map(|(m, words)| {
        words
            .iter()
            .find_map(|w| lower.find(w))
            .map(|pos| (*m, pos))
    })
}

/// When a sentence carries several times ("À 10h05, retour arrière ; le service est rétabli à
/// 10h31"), the milestone takes the time nearest its keyword.
fn milestone_time(text: &str, default: FoundTime) -> FoundTime {
    let Some((_, pos)) = milestone_at(text) else {
        return default;
    };
    let times = scan::find_times(text);
    // Times right after the keyword read best ("rétabli à 10h31"); approximate ones least.
    let score = |t: &FoundTime| {
        let distance = if t.start >= pos {
            t.start - pos
        } else {
            (pos - t.start) * 2
        };
        distance + if t.approx { 60 } else { 0 }
    };
    times.into_iter().min_by_key(score).unwrap_or(default)
}

/// Timeline entries of a document with their milestone keyword, if any.
struct Timed {
    entry: TimelineEntry,
    milestone: Option<Milestone>,
    /// The time the milestone keyword refers to (may differ from the entry's time).
    milestone_stamp: Option<Stamp>,
}

/// A table row that opens with a date cell (`| 2022-02-17 | 14:02 | …`): the date and the rest.
fn date_cell(line: &str) -> Option<(NaiveDate, &str)> {
    let row = line.trim_start().strip_prefix('|')?;
    let (cell, rest) = row.split_once('|')?;
    let cell = cell.trim();
    if !crate::domain::dates::is_date_only(cell) {
        return None;
    }
    crate::domain::dates::parse_stamp(cell).map(|s| (s.local_date(), rest))
}

/// Builds timeline entries from a timeline section: `HH:MM - text` lines, Markdown table rows,
/// or (for prose timelines) each sentence that carries a time. Consecutive entries at the same
/// time are merged. Times after midnight roll over to the next day.
fn timeline(lines: &[&str], date: NaiveDate, zone: Option<FixedOffset>) -> Vec<Timed> {
    let mut out: Vec<Timed> = Vec::new();
    let mut day = date;
    let mut last_time: Option<chrono::NaiveTime> = None;
    let line_timed: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| {
            let l = date_cell(l).map_or(*l, |(_, rest)| rest);
            let t = l.trim_start_matches(['|', ' ', '*', '-', '•']);
            scan::find_times(t).first().is_some_and(|f| f.start == 0)
        })
        .collect();
    let units: Vec<String> = if line_timed.len() >= 2 {
        line_timed.iter().map(|l| l.trim().to_string()).collect()
    } else {
        sentences(lines)
    };
    for unit in units {
        // `| 2022-02-17 | 14:02 | text |`: the row's own date moves the day.
        let unit = match date_cell(&unit) {
            Some((row_day, rest)) => {
                if row_day != day {
                    last_time = None;
                }
                day = row_day;
                rest.to_string()
            }
            None => unit,
        };
        let cleaned = unit
            .trim_matches(|c: char| c == '|' || c.is_whitespace())
            .to_string();
        let times = scan::find_times(&cleaned);
        let Some(found) = best_time(&times) else {
            continue;
        };
        // Going back more than 6 hours means the clock passed midnight.
        if last_time
            .is_some_and(|prev| prev.signed_duration_since(found.time) > TimeDelta::hours(6))
        {
            day = day.succ_opt().unwrap_or(day);
        }
        last_time = Some(found.time);
        let text = if line_timed.len() >= 2 {
            cleaned
                .get(found.end..)
                .unwrap_or("")
                .trim_start_matches([' ', '-', '–', '—', ':', '|'])
                .replace(" | ", " — ")
                .trim()
                .to_string()
        } else {
            cleaned.clone()
        };
        let at = Stamp::at(day, found.time, found.offset.or(zone));
        if let Some(prev) = out.last_mut() {
            if prev.entry.at == at && line_timed.len() < 2 {
                prev.entry.text = format!("{} {}", prev.entry.text, text);
                if prev.milestone.is_none() {
                    prev.milestone = milestone_of(&text);
                    prev.milestone_stamp = at;
                }
                continue;
            }
        }
        let milestone = milestone_of(&text);
        let near = milestone_time(&cleaned, found);
        let milestone_stamp = if near == found {
            at
        } else {
            Stamp::at(day, near.time, near.offset.or(zone))
        };
        out.push(Timed {
            entry: TimelineEntry { at, text },
            milestone,
            milestone_stamp,
        });
    }
    out
}

/// Stated durations: lines naming a metric ("Temps de détection : 15min", "Time to resolve:
/// 2h", "TTR 95 minutes", "time to recovery") followed by a duration.
fn stated_durations(inc: &mut Incident, text: &str) {
    for line in text.lines() {
        let lower = line.to_lowercase();
        let Some(secs) = scan::parse_duration(line) else {
            continue;
        };
        let which = if [
            "temps de détection",
            "temps de detection",
            "time to detect",
            "time to detection",
            "ttd",
            "détecté en",
            "detected within",
            "détection :",
        ]
        .iter()
        .any(|k| lower.contains(k))
        {
            "ttd"
        } else if [
            "time to acknowledge",
            "tta",
            "temps de prise en charge",
            "time to respond",
        ]
        .iter()
        .any(|k| lower.contains(k))
        {
            "tta"
        } else if ["time to mitigate", "ttm", "temps de mitigation"]
            .iter()
            .any(|k| lower.contains(k))
        {
            "ttm"
        } else if [
            "temps de résolution",
            "temps de resolution",
            "temps de rétablissement",
            "time to resolve",
            "time to resolution",
            "time to recovery",
            "time to recover",
            "time to restore",
            "ttr",
            "mttr",
            "durée de l'incident",
            "durée de l’incident",
            "incident duration",
            "total duration",
            "total downtime",
        ]
        .iter()
        .any(|k| lower.contains(k))
        {
            "ttr"
        } else {
            continue;
        };
        let slot = match which {
            "ttd" => &mut inc.stated.ttd_secs,
            "tta" => &mut inc.stated.tta_secs,
            "ttm" => &mut inc.stated.ttm_secs,
            _ => &mut inc.stated.ttr_secs,
        };
        if slot.is_none() {
            *slot = Some(secs);
        }
    }
}

/// A sentence with two times joined by a range word: "entre 16:00 et 16:26", "from 14:30 to
/// 18:30", "vers 14:30 pour se finir à 18:30", "14:30 à 18:30".
fn time_range(text: &str) -> Option<(FoundTime, FoundTime)> {
    for sentence in sentences(&text.lines().collect::<Vec<_>>()) {
        let times = scan::find_times(&sentence);
        let (Some(a), Some(b)) = (times.first(), times.get(1)) else {
            continue;
        };
        let between = sentence.get(a.end..b.start).unwrap_or("").to_lowercase();
        let before = sentence.get(..a.start).unwrap_or("").to_lowercase();
        let joined = between
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '–')
            .any(|w| {
                matches!(
                    w,
                    "et" | "à"
                        | "a"
                        | "to"
                        | "until"
                        | "till"
                        | "and"
                        | "-"
                        | "–"
                        | "finir"
                        | "fin"
                        | "jusqu"
                        | "through"
                )
            })
            || between.trim().is_empty()
            || between.trim() == "-";
        let opened = [
            "entre", "between", "from", "de ", "commenc", "started", "began", "vers",
        ]
        .iter()
        .any(|w| before.contains(w));
        if joined && (opened || between.len() <= 24) && between.len() <= 40 {
            return Some((*a, *b));
        }
        // "à 09:15, X est tombé ; il a été rétabli à 11:45": the second time is the resolution.
        if between.len() <= 160 && milestone_of(&between) == Some(Milestone::Resolved) {
            return Some((*a, *b));
        }
    }
    None
}

fn impact_statement(sections: &[Section<'_>]) -> Option<String> {
    for s in sections
        .iter()
        .filter(|s| heading_is(s, lexicon::IMPACT_HEADINGS))
    {
        if let Some(first) = sentences(&s.lines).into_iter().find(|x| x.len() > 10) {
            return Some(first);
        }
    }
    let all: Vec<&str> = sections
        .iter()
        .flat_map(|s| s.lines.iter().copied())
        .collect();
    sentences(&all).into_iter().find(|s| {
        let lower = s.to_lowercase();
        s.chars().any(|c| c.is_ascii_digit())
            && lexicon::IMPACT_NOUNS.iter().any(|n| lower.contains(n))
            && scan::find_times(s).is_empty()
    })
}

fn action_items(sections: &[Section<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    for s in sections
        .iter()
        .filter(|s| heading_is(s, lexicon::ACTION_HEADINGS))
    {
        let bullets: Vec<String> = s
            .lines
            .iter()
            .filter_map(|l| bullet(l))
            .filter(|b| !b.is_empty())
            .map(str::to_string)
            .collect();
        if bullets.is_empty() {
            out.extend(
                s.lines
                    .iter()
                    .map(|l| l.trim())
                    .filter(|l| l.len() > 20)
                    .take(5)
                    .map(str::to_string),
            );
        } else {
            out.extend(bullets);
        }
    }
    out
}

fn title_line(text: &str) -> Option<String> {
    for line in text.lines().take(5) {
        let t = line.trim();
        if let Some(h) = heading_text(t).filter(|h| !h.is_empty()) {
            return Some(h);
        }
        let lower = t.to_lowercase();
        let starts = [
            "retour sur",
            "post-mortem",
            "postmortem",
            "post mortem",
            "incident report",
            "rapport d'incident",
            "rapport d’incident",
            "incident du",
            "incident on",
            "outage on",
            "incident de",
        ];
        if starts.iter().any(|s| lower.starts_with(s)) && t.len() <= 140 {
            return Some(t.trim_end_matches([':', '.']).to_string());
        }
    }
    // A short first line standing alone above the text, with no sentence punctuation.
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let first = lines.next()?;
    let next_blank = lines.next().is_none_or(str::is_empty);
    let words = first.split_whitespace().count();
    let sentence_like = first.ends_with(['.', '!', '?', ',', ';']) || first.contains(". ");
    (next_blank
        && (2..=14).contains(&words)
        && first.chars().count() <= 100
        && !sentence_like
        && is_known_heading(first).is_none())
    .then(|| first.trim_end_matches(':').to_string())
}

/// Fills in what the prose says about one incident: date (completing a date-only start), time
/// range, timeline and milestones, stated durations, severity, impact and action items.
fn apply_prose(inc: &mut Incident, text: &str, date: NaiveDate, replace_start: bool) {
    let zone = scan::document_zone(text);
    let secs = sections(text);
    let timeline_secs: Vec<&Section<'_>> = secs
        .iter()
        .filter(|s| heading_is(s, lexicon::TIMELINE_HEADINGS))
        .collect();
    let timeline_lines: Vec<&str> = timeline_secs
        .iter()
        .flat_map(|s| s.lines.iter().copied())
        .collect();
    let mut timed = timeline(&timeline_lines, date, zone);
    if timed.is_empty() {
        // No timeline heading: `HH:MM - text` lines anywhere still make a timeline.
        let all: Vec<&str> = text.lines().collect();
        let lined: Vec<&str> = all
            .iter()
            .copied()
            .filter(|l| {
                scan::find_times(l.trim())
                    .first()
                    .is_some_and(|f| f.start == 0)
            })
            .collect();
        if lined.len() >= 3 {
            timed = timeline(&lined, date, zone);
        }
    }

    let mut taken: Vec<Milestone> = Vec::new();
    let earliest_response = timed
        .iter()
        .filter(|t| {
            matches!(
                t.milestone,
                Some(Milestone::Detected | Milestone::Acknowledged)
            )
        })
        .filter_map(|t| t.milestone_stamp)
        .min_by_key(Stamp::sort_key);
    for t in &timed {
        let Some(m) = t.milestone else { continue };
        // An incident cannot start after it was detected: such a "start" keyword is noise.
        if m == Milestone::Started
            && t.milestone_stamp
                .zip(earliest_response)
                .is_some_and(|(a, r)| a.sort_key() > r.sort_key())
        {
            continue;
        }
        if taken.contains(&m) {
            continue;
        }
        taken.push(m);
        let (slot, name) = match m {
            Milestone::Started => (&mut inc.started_at, "started_at"),
            Milestone::Detected => (&mut inc.detected_at, "detected_at"),
            Milestone::Acknowledged => (&mut inc.acknowledged_at, "acknowledged_at"),
            Milestone::Mitigated => (&mut inc.mitigated_at, "mitigated_at"),
            Milestone::Resolved => (&mut inc.resolved_at, "resolved_at"),
        };
        let replaceable = slot.is_none() || (m == Milestone::Started && replace_start);
        if replaceable && t.milestone_stamp.is_some() {
            *slot = t.milestone_stamp;
            inc.mark_inferred(name);
        }
    }
    // A stated range ("entre 16:00 et 16:26") outside the timeline fills what milestones did not.
    let outside: String = secs
        .iter()
        .filter(|s| !heading_is(s, lexicon::TIMELINE_HEADINGS))
        .flat_map(|s| s.lines.iter().copied())
        .collect::<Vec<_>>()
        .join("\n");
    if let Some((a, b)) = time_range(&outside) {
        // One zone written on either end applies to both ("from 14:30 to 18:30 UTC").
        let start = Stamp::at(date, a.time, a.offset.or(b.offset).or(zone));
        let end_date = if b.time < a.time {
            date.succ_opt().unwrap_or(date)
        } else {
            date
        };
        let end = Stamp::at(end_date, b.time, b.offset.or(a.offset).or(zone));
        if replace_start && !inc.is_inferred("started_at") || inc.started_at.is_none() {
            inc.started_at = start;
        }
        if inc.resolved_at.is_none() {
            inc.resolved_at = end;
        }
    }
    stated_durations(inc, text);
    if inc.started_at.is_none() {
        // A stated time to detect (or resolve) and a known detection (or resolution) place the start.
        let derived = [
            (inc.stated.ttd_secs, inc.detected_at),
            (inc.stated.ttr_secs, inc.resolved_at),
        ]
        .into_iter()
        .find_map(|(secs, at)| {
            at.zip(secs)
                .and_then(|(at, secs)| at.plus(TimeDelta::seconds(-secs)))
        });
        if let Some(start) = derived {
            inc.started_at = Some(start);
            inc.mark_inferred("started_at");
        }
    }
    if inc.started_at.is_none() {
        // Still no start: the date alone places the incident on the calendar.
        inc.started_at = Stamp::at(date, chrono::NaiveTime::MIN, zone);
        inc.mark_inferred("started_at.time");
        inc.warn(
            "started_at",
            "no start time in the text; placed at the start of the day",
        );
    }
    inc.timeline = timed.into_iter().map(|t| t.entry).collect();
    if inc.severity.level.is_none() {
        match scan::find_severity(text) {
            Some((label, level)) => {
                inc.severity = Severity {
                    level: Some(level),
                    label: Some(label),
                }
            }
            None => inc.warn("severity", "not stated"),
        }
    }
    if inc.impact.is_none() {
        inc.impact = impact_statement(&secs);
    }
    if inc.actions.is_empty() {
        inc.actions = action_items(&secs);
    }
    if inc.summary.is_none() {
        let title = inc.title.clone();
        inc.summary = first_paragraph(&text.replacen(title.as_str(), "", 1));
    }
    reconcile_stated(inc);
}

/// The contract: a duration the authors state wins over one computed from milestones that were
/// only inferred; when both exist and disagree by more than a minute, warn.
fn reconcile_stated(inc: &mut Incident) {
    let pairs = [
        ("ttd", inc.stated.ttd_secs, inc.detected_at, "detected_at"),
        (
            "tta",
            inc.stated.tta_secs,
            inc.acknowledged_at,
            "acknowledged_at",
        ),
        ("ttm", inc.stated.ttm_secs, inc.mitigated_at, "mitigated_at"),
        ("ttr", inc.stated.ttr_secs, inc.resolved_at, "resolved_at"),
    ];
    let start = inc.started_at;
    let mut notes = Vec::new();
    for (name, stated, stamp, field) in pairs {
        if let (Some(stated), Some(start), Some(stamp)) = (stated, start, stamp) {
            let computed = start.until(&stamp).num_seconds();
            if (computed - stated).abs() > 60 {
                notes.push(format!(
                    "durations.{name}_secs: the text states {} but {field} gives {}; the stated value is used",
                    human(stated),
                    human(computed)
                ));
            }
        }
    }
    inc.warnings.extend(notes);
}

/// `4h50min`, `15min`, `-3min`.
pub fn human(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.abs();
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60);
    match (d, h) {
        (0, 0) => format!("{sign}{m}min"),
        (0, _) => format!("{sign}{h}h{m:02}min"),
        _ => format!("{sign}{d}d{h:02}h"),
    }
}

fn read_freetext(path: &str, text: &str, ctx: &TextContext) -> ReadResult {
    let french = is_french(text);
    let Some((date, year_inferred)) = incident_date(text, french, ctx) else {
        return Err("no incident date found in the text (looked for dates like `2021-09-22`, `16/02/2016`, `17 septembre`, `December 6`); not read as a postmortem".into());
    };
    let mut inc = Incident {
        source: Source {
            file: path.to_string(),
            format: Format::Freetext.name().to_string(),
            position: None,
        },
        body: text.trim().to_string(),
        ..Incident::default()
    };
    match title_line(text) {
        Some(t) => inc.title = t,
        None => {
            inc.title = if french {
                format!("Incident du {}", date.format("%d/%m/%Y"))
            } else {
                format!("Incident on {}", date.format("%Y-%m-%d"))
            };
            inc.mark_inferred("title");
        }
    }
    if year_inferred {
        inc.mark_inferred("started_at.year");
        inc.warn(
            "started_at",
            format_args!("the text gives no year; {} was inferred", date.year()),
        );
    }
    apply_prose(&mut inc, text, date, true);
    Ok(Parsed {
        incidents: vec![inc],
        messages: Vec::new(),
    })
}

/// For front-matter posts: the prose supplies the times when the front matter gives only a
/// (publication) date, or nothing at all.
pub(crate) fn enrich_from_prose(inc: &mut Incident, ctx: &TextContext, start_is_date_only: bool) {
    let body = inc.body.clone();
    let french = is_french(&body);
    let date = match (inc.started_at, incident_date(&body, french, ctx)) {
        (Some(s), _) => s.local_date(),
        (None, Some((d, inferred))) => {
            if inferred {
                inc.mark_inferred("started_at.year");
            }
            d
        }
        (None, None) => {
            inc.warn("started_at", "no date in the front matter or the text");
            return;
        }
    };
    if inc.started_at.is_some() && !start_is_date_only {
        // Exact times from front matter: prose adds only the soft fields.
        if inc.severity.level.is_none() {
            if let Some((label, level)) = scan::find_severity(&body) {
                inc.severity = Severity {
                    level: Some(level),
                    label: Some(label),
                };
            }
        }
        stated_durations(inc, &body);
        inc.actions = action_items(&sections(&body));
        return;
    }
    apply_prose(inc, &body, date, start_is_date_only);
}

/// cState `Updates:` lists (`- Tue Oct 11 12:24:02 UTC: text`) become timeline entries; the
/// year comes from the incident's date (the next year when the month wraps around).
pub(crate) fn read_cstate_updates(inc: &mut Incident, ctx: &TextContext) {
    let Some(base) = ctx.known_date else { return };
    let mut entries = Vec::new();
    for line in inc.body.lines() {
        let Some(item) = bullet(line) else { continue };
        let dates = scan::find_dates(item, false);
        let times = scan::find_times(item);
        let (Some(d), Some(t)) = (dates.first(), times.first()) else {
            continue;
        };
        if d.start > 16 || t.start < d.end {
            continue;
        }
        let mut year = base.year();
        if d.month < base.month() {
            year += 1;
        }
        let Some(date) = NaiveDate::from_ymd_opt(d.year.unwrap_or(year), d.month, d.day) else {
            continue;
        };
        let text = item
            .get(t.end..)
            .unwrap_or("")
            .trim_start_matches([':', ' ', '-'])
            .trim()
            .to_string();
        entries.push(TimelineEntry {
            at: Stamp::at(date, t.time, t.offset),
            text,
        });
    }
    if !entries.is_empty() {
        if entries.iter().any(|e| e.at.is_some()) {
            inc.mark_inferred("timeline.year");
        }
        inc.timeline = entries;
    }
}

/// One bulletin entry header: `July 16: Title (06:00EST): `.
#[derive(Debug)]
struct EntryHead {
    date: FoundDate,
    title: String,
    time: FoundTime,
    /// Byte offset where the entry's text begins (after the header).
    body_start: usize,
    /// Byte offset where the header begins.
    start: usize,
}

fn bulletin_entries(text: &str) -> Vec<EntryHead> {
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

fn read_bulletin(path: &str, text: &str, entries: &[EntryHead], ctx: &TextContext) -> Parsed {
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
            },
            body: body.clone(),
            ..Incident::default()
        };
        let year = match e.date.year {
            Some(y) => y,
            None => {
                inc.mark_inferred("started_at.year");
                infer_year(&e.date, doc_year, ctx.reference_date)
                    .unwrap_or(ctx.reference_date.year())
            }
        };
        let Some(date) = NaiveDate::from_ymd_opt(year, e.date.month, e.date.day) else {
            continue;
        };
        inc.started_at = Stamp::at(date, e.time.time, e.time.offset);
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
        let resolved_time = sentences(&[body.as_str()]).into_iter().find_map(|s| {
            let l = s.to_lowercase();
            if l.contains("resolved") || l.contains("restored") || l.contains("fixed") {
                scan::find_times(&s).into_iter().next()
            } else {
                None
            }
        });
        if let Some(t) = resolved_time {
            let mut d = date;
            if t.time < e.time.time {
                d = d.succ_opt().unwrap_or(d);
            }
            inc.resolved_at = Stamp::at(d, t.time, t.offset.or(e.time.offset));
        } else if let Some(secs) = phrase_duration(&lower) {
            inc.resolved_at = inc
                .started_at
                .and_then(|s| s.plus(TimeDelta::seconds(secs)));
            inc.mark_inferred("resolved_at");
        } else {
            inc.warn("resolved_at", "the entry gives no end or duration");
        }
        if lexicon::NO_IMPACT.iter().any(|p| lower.contains(p)) {
            inc.severity = Severity::new(4, "no customer impact");
            inc.mark_inferred("severity");
        } else {
            inc.warn("severity", "not stated");
        }
        inc.summary = sentences(&[body.as_str()]).into_iter().next();
        parsed.incidents.push(inc);
    }
    parsed
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
fn phrase_duration(lower: &str) -> Option<i64> {
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
                return Some(secs);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> TextContext {
        TextContext {
            reference_date: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default(),
            known_date: None,
        }
    }

    #[test]
    fn year_from_weekday_is_nearest_past() {
        let d = FoundDate {
            year: None,
            month: 9,
            day: 17,
            weekday: Some(3),
            start: 0,
            end: 0,
        };
        assert_eq!(infer_year(&d, None, ctx().reference_date), Some(2026));
        let d = FoundDate {
            year: None,
            month: 9,
            day: 17,
            weekday: Some(4),
            start: 0,
            end: 0,
        };
        assert_eq!(infer_year(&d, None, ctx().reference_date), Some(2021));
    }

    #[test]
    fn year_without_weekday_is_never_in_the_future() {
        let d = FoundDate {
            year: None,
            month: 12,
            day: 6,
            weekday: None,
            start: 0,
            end: 0,
        };
        assert_eq!(infer_year(&d, None, ctx().reference_date), Some(2025));
        assert_eq!(infer_year(&d, Some(2019), ctx().reference_date), Some(2019));
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

    #[test]
    fn human_durations() {
        assert_eq!(human(17_400), "4h50min");
        assert_eq!(human(900), "15min");
        assert_eq!(human(-180), "-3min");
        assert_eq!(human(90_000), "1d01h");
    }
}
