//! Prose readers: free-text postmortems (English and French), the prose of front-matter
//! posts, status-page update lines, and multi-incident bulletins.
//!
//! One pipeline, in stages: the document is read once into lines and sections ([`doc`]); its
//! context gives the year and title it does not state ([`context`]); timed rows come from
//! timelines, tables, key-event and update lines ([`timeline`]); stated durations from labelled
//! lines ([`stated`]); the kind from titles and openings ([`kind`]); bulletins have their own
//! reader ([`bulletin`]).
//!
//! The rules are deliberately conservative ("unknown is better than wrong"): a field is filled
//! only from an explicit pattern, everything found through keywords or context is listed in
//! [`Incident::inferred`], every value read from text keeps the line it came from
//! ([`Incident::cite`]), and what could not be found gets a warning instead of a guess.

mod bulletin;
pub(crate) mod context;
pub(crate) mod doc;
pub(crate) mod kind;
mod stated;
mod timeline;

pub(crate) use context::TextContext;

use super::{Format, ImportOptions, Parsed, ReadResult, Rejection};
use crate::domain::lexicon::{self, Role};
use crate::domain::model::{Incident, Milestone, Severity, Source, TimelineEntry};
use crate::domain::scan::{self, FoundTime};
use crate::domain::stamp::Stamp;
use chrono::{Datelike, NaiveDate, TimeDelta};
use doc::{Doc, Shape};
use timeline::{Origin, Rows, Setting};

/// Reads a plain text or Markdown file without front matter: a bulletin when it has at least
/// two `Month Day: Title (HH:MM ZONE):` entries, else one free-text postmortem (or several,
/// when it reports separate dated outages).
pub(crate) fn read(path: &str, text: &str, opts: &ImportOptions) -> (Format, ReadResult) {
    let ctx = TextContext {
        reference_date: opts.reference_date,
        known_date: None,
        path,
        title: None,
    };
    let entries = bulletin::bulletin_entries(text);
    if entries.len() >= 2 {
        return (
            Format::Bulletin,
            Ok(bulletin::read_bulletin(path, text, &entries, &ctx)),
        );
    }
    (Format::Freetext, read_freetext(path, text, &ctx))
}

/// The first real paragraph of Markdown as plain text (headings, images, comments and very
/// short lines skipped), cut at 400 characters.
pub(crate) fn first_paragraph(body: &str) -> Option<String> {
    let mut para = String::new();
    let mut in_code = false;
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
        }
        let skip = in_code
            || t.starts_with('#')
            || t.starts_with("<!--")
            || t.starts_with("![")
            || t.starts_with("---")
            || t.starts_with("```")
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
        para.push_str(t.trim_start_matches(['-', '*', '•', '>', ' ']));
    }
    let para = doc::plain(para.trim());
    if para.chars().count() < 20 {
        return None;
    }
    Some(if para.chars().count() > 400 {
        format!("{}…", para.chars().take(400).collect::<String>().trim_end())
    } else {
        para
    })
}

/// The opening of a text as plain text: its first lines up to about 600 characters
/// (headings, code and comments skipped), where an announcement says what it is.
pub(crate) fn opening(body: &str) -> Option<String> {
    let doc = Doc::new(body, 1);
    let mut out = String::new();
    for line in doc.text_lines().filter(|l| l.shape != Shape::Heading) {
        if out.chars().count() >= 600 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&line.plain());
    }
    (!out.is_empty()).then_some(out)
}

/// A title for a text that has none in its metadata: its first heading, a title-like first
/// line, or its first sentence.
pub(crate) fn title_from_body(body: &str) -> Option<String> {
    let doc = Doc::new(body, 1);
    context::title_of(&doc).or_else(|| context::first_sentence_title(&doc))
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

/// The document's day: the first date in its text (the title first), completed with a year
/// from its context. Returns the date, whether the year was inferred, and the line.
///
/// A first date later than the one the context gives (a file named after the incident's day,
/// a post's publication date) is a later event of the story: the context's date is taken.
fn incident_date(
    doc: &Doc<'_>,
    ctx: &TextContext<'_>,
    anchor: context::Anchor,
) -> Option<(NaiveDate, bool, u32)> {
    let doc_year = doc_year(doc);
    let first = doc.text_lines().find_map(|line| {
        let found = line.dates(doc.french).into_iter().next()?;
        let (date, inferred) = context::complete(&found, anchor, doc_year, ctx.reference_date)?;
        Some((date, inferred, line.no))
    });
    match (first, anchor.date) {
        (Some((d, _, _)), Some(a)) if d > a.checked_add_days(chrono::Days::new(1)).unwrap_or(a) => {
            Some((a, false, 0))
        }
        (first, _) => first,
    }
}

/// The first year written in full in the document.
fn doc_year(doc: &Doc<'_>) -> Option<i32> {
    doc.text_lines()
        .flat_map(|l| l.dates(doc.french))
        .find_map(|d| d.year)
}

fn read_freetext(path: &str, text: &str, ctx: &TextContext<'_>) -> ReadResult {
    let doc = Doc::new(text, 1);
    let headings: Vec<&str> = doc
        .lines
        .iter()
        .filter(|l| l.shape == Shape::Heading)
        .map(|l| l.text)
        .collect();
    if let Some(reason) = kind::not_a_report(path, &headings, &text.to_lowercase()) {
        return Ok(Parsed {
            finished: false,
            incidents: Vec::new(),
            messages: vec![reason],
            figures: None,
            thinned: None,
        });
    }
    let own_title = context::title_of(&doc);
    let anchor = ctx.anchor(own_title.as_deref());
    let Some((date, year_inferred, date_line)) = incident_date(&doc, ctx, anchor).or_else(|| {
        // No date in the text: the file name's date places it.
        anchor
            .date
            .filter(|_| context::path_date(path).0.is_some())
            .map(|d| (d, false, 0))
    }) else {
        return Err(Rejection::NoDate);
    };
    let mut inc = Incident {
        source: Source {
            file: path.to_string(),
            format: Format::Freetext.name().to_string(),
            position: None,
            ..Source::default()
        },
        body: text.trim().to_string(),
        ..Incident::default()
    };
    match own_title {
        Some(t) => inc.title = t,
        None => {
            inc.title = context::first_sentence_title(&doc).unwrap_or_else(|| {
                if doc.french {
                    format!("Incident du {}", date.format("%d/%m/%Y"))
                } else {
                    format!("Incident on {}", date.format("%Y-%m-%d"))
                }
            });
            inc.mark_inferred("title");
        }
    }
    if year_inferred {
        inc.mark_inferred("started_at.year");
        let from = if anchor.year.is_some() {
            "from its title or file name"
        } else if doc_year(&doc).is_some() {
            "from its other dates"
        } else {
            "as the latest not after today"
        };
        inc.warn(
            "started_at",
            format_args!("the date has no year; {} was taken {from}", date.year()),
        );
    }
    let date_line = (date_line > 0).then_some(date_line);
    if let Some(split) = several(&doc, &inc, ctx, anchor, date) {
        return Ok(Parsed {
            finished: false,
            incidents: split,
            messages: Vec::new(),
            figures: None,
            thinned: None,
        });
    }
    apply_prose(&mut inc, &doc, ctx, anchor, date, date_line, true);
    Ok(Parsed {
        finished: false,
        incidents: vec![inc],
        messages: Vec::new(),
        figures: None,
        thinned: None,
    })
}

/// Several incidents in one document: sections whose headings carry their own date and a
/// time (`## 2024-03-01 — API outage`), or separate occurrences each stated with its date and
/// window ("on March 3 from 10:00 to 10:40, again on March 5 between 14:00 and 14:20").
/// `None` when the document reports one incident.
fn several(
    doc: &Doc<'_>,
    base: &Incident,
    ctx: &TextContext<'_>,
    anchor: context::Anchor,
    date: NaiveDate,
) -> Option<Vec<Incident>> {
    let year = doc_year(doc);
    // Dated sections.
    let dated: Vec<(usize, NaiveDate)> = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.level >= 2 && s.role.is_none())
        .filter_map(|(i, s)| {
            let heading = s.heading.as_deref()?;
            let found = scan::find_dates(heading, doc.french).into_iter().next()?;
            let (d, _) = context::complete(&found, anchor, year, ctx.reference_date)?;
            let timed = doc
                .section_lines(s)
                .iter()
                .any(|l| !l.code && !l.times().is_empty());
            timed.then_some((i, d))
        })
        .collect();
    let distinct: std::collections::BTreeSet<NaiveDate> = dated.iter().map(|(_, d)| *d).collect();
    if dated.len() >= 2 && distinct.len() == dated.len() {
        let mut out = Vec::new();
        for (n, (i, day)) in dated.iter().enumerate() {
            let first = doc.sections.get(*i)?.lines.start.saturating_sub(1);
            let end = dated
                .get(n + 1)
                .and_then(|(j, _)| doc.sections.get(*j))
                .map_or(doc.lines.len(), |s| s.lines.start.saturating_sub(1));
            let lines = doc.lines.get(first..end)?;
            let first_no = lines.first().map_or(1, |l| l.no);
            let text: String = lines.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
            let sub = Doc::new(&text, first_no);
            let mut inc = base.clone();
            inc.title = doc.sections.get(*i)?.heading.clone().unwrap_or_default();
            inc.inferred.retain(|f| f != "title");
            inc.body = text.trim().to_string();
            inc.source.position = u32::try_from(n + 1).ok();
            apply_prose(&mut inc, &sub, ctx, anchor, *day, None, true);
            out.push(inc);
        }
        return Some(out);
    }
    // Separate occurrences, each with its own date and window.
    let occurrences: Vec<Window> = windows(doc, date, anchor, ctx.reference_date)
        .into_iter()
        .filter(|w| w.own_day)
        .collect();
    let days: std::collections::BTreeSet<NaiveDate> =
        occurrences.iter().map(|w| w.start.local_date()).collect();
    if occurrences.len() < 2 || days.len() != occurrences.len() {
        return None;
    }
    // Each occurrence is read from its own lines: from its window to the next one (or the
    // next heading), with the document's zone.
    let index_of = |no: u32| doc.lines.iter().position(|l| l.no == no);
    let mut out = Vec::new();
    for (n, w) in occurrences.iter().enumerate() {
        let first = index_of(w.line)?;
        let next = occurrences
            .get(n + 1)
            .and_then(|x| index_of(x.line))
            .unwrap_or(doc.lines.len());
        let end = doc
            .lines
            .iter()
            .enumerate()
            .skip(first + 1)
            .find(|(_, l)| l.shape == Shape::Heading)
            .map_or(next, |(i, _)| i.min(next));
        let lines = doc.lines.get(first..end)?;
        let text: String = lines.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
        let mut sub = Doc::new(&text, w.line);
        sub.zone = sub.zone.or(doc.zone);
        sub.french = doc.french;
        let mut inc = base.clone();
        let day = w.start.local_date();
        inc.body = text.trim().to_string();
        apply_prose(&mut inc, &sub, ctx, anchor, day, None, true);
        inc.warnings.retain(|x| !x.is_about("started_at"));
        inc.title = format!("{} ({})", base.title, crate::render::format::day(day));
        inc.source.position = u32::try_from(n + 1).ok();
        out.push(inc);
    }
    Some(out)
}

/// For front-matter posts: the prose supplies the times when the front matter gives only a
/// (publication) date, or nothing at all; with exact times it adds updates, stated
/// durations, severity and action items. `body_line` is the body's first line in the file.
pub(crate) fn enrich_from_prose(
    inc: &mut Incident,
    ctx: &TextContext<'_>,
    start_is_date_only: bool,
    body_line: u32,
) {
    let body = std::mem::take(&mut inc.body);
    let doc = Doc::new(&body, body_line);
    let anchor = ctx.anchor(None);
    let found = incident_date(&doc, ctx, anchor);
    let date = match (inc.started_at, found) {
        // A post's date is when it was published: an earlier date in the text (within a
        // year) is the incident's.
        (Some(s), Some((d, inferred, line))) if start_is_date_only => {
            let published = s.local_date();
            if d <= published
                && published.signed_duration_since(d).num_days() <= 366
                && d != published
            {
                if inferred {
                    inc.mark_inferred("started_at.year");
                }
                inc.started_at = Stamp::at(d, chrono::NaiveTime::MIN, None);
                inc.cite(
                    Milestone::Started.name(),
                    doc_line_text(&doc, line),
                    Some(line),
                );
                d
            } else {
                published
            }
        }
        (Some(s), _) => s.local_date(),
        (None, Some((d, inferred, _))) => {
            if inferred {
                inc.mark_inferred("started_at.year");
            }
            d
        }
        (None, None) => {
            inc.warn("started_at", "no date in the front matter or the text");
            inc.body = body;
            return;
        }
    };
    if inc.started_at.is_some() && !start_is_date_only {
        // Exact times from front matter: the prose adds updates and the soft fields, and the
        // end of a window it states from that start ("de 9h à 11h30").
        if inc.resolved_at.is_none() {
            if let (Some(start), Some(w)) = (
                inc.started_at,
                window(&doc, date, anchor, ctx.reference_date),
            ) {
                let zone = start.offset();
                let end = Stamp::at(
                    w.end.local_date(),
                    w.end.local().time(),
                    w.end.offset().or(zone),
                );
                if w.start.local() == start.local() {
                    if let Some(end) = end.filter(|e| e.sort_key() > start.sort_key()) {
                        inc.resolved_at = Some(end);
                        inc.open = false;
                        inc.cite(Milestone::Resolved.name(), &w.evidence, Some(w.line));
                    }
                }
            }
        }
        apply_updates(inc, &doc, ctx, anchor, date);
        if inc.severity.level.is_none() {
            severity_from(inc, &doc);
        }
        apply_stated(inc, &doc);
        inc.actions = action_items(&doc);
        inc.body = body;
        return;
    }
    if start_is_date_only {
        // A day without a time is no start time: the prose may give one, else the day is
        // placed at midnight and marked as such.
        inc.started_at = None;
    }
    apply_prose(inc, &doc, ctx, anchor, date, None, start_is_date_only);
    inc.body = body;
}

/// The line `no` as written.
fn doc_line_text<'a>(doc: &'a Doc<'_>, no: u32) -> &'a str {
    doc.lines
        .iter()
        .find(|l| l.no == no)
        .map_or("", |l| l.raw.trim())
}

/// Status updates of a post with exact front-matter times become its timeline; when the
/// front matter's end is missing or equals the start, the update that says the problem is
/// fixed gives the end (inferred, with its line).
pub(crate) fn apply_updates(
    inc: &mut Incident,
    doc: &Doc<'_>,
    ctx: &TextContext<'_>,
    anchor: context::Anchor,
    date: NaiveDate,
) {
    let zone = inc
        .started_at
        .and_then(|s| s.offset())
        .map(crate::domain::dates::Zone::fixed);
    planned_start(inc, doc, anchor, ctx.reference_date);
    let setting = Setting {
        date,
        anchor,
        doc_year: Some(date.year()),
        reference: ctx.reference_date,
        zone,
    };
    let mut rows = Rows::new(doc, &setting);
    rows.timelines();
    rows.updates();
    let mut rows = rows.finish();
    // An update written without a date is on the start's day, or the next when its time is
    // earlier than the start.
    if let Some(start) = inc.started_at {
        for row in rows.iter_mut().filter(|r| !r.own_date) {
            if let Some(at) = row.at {
                if at.sort_key() < start.sort_key() && start.until(&at) > -TimeDelta::days(1) {
                    let next = at.plus(TimeDelta::days(1));
                    row.at = next;
                    for m in &mut row.marks {
                        m.at = next;
                    }
                }
            }
        }
    }
    if rows.is_empty() {
        return;
    }
    let open_end = match (inc.started_at, inc.resolved_at) {
        (Some(_), None) => true,
        (Some(s), Some(e)) => s == e,
        _ => false,
    };
    if open_end {
        let picks = timeline::pick(&rows);
        let end = picks.into_iter().find(|(m, p)| {
            *m == Milestone::Resolved
                && inc
                    .started_at
                    .is_none_or(|s| p.at.sort_key() > s.sort_key())
        });
        if let Some((_, p)) = end {
            inc.resolved_at = Some(p.at);
            inc.open = false;
            inc.mark_inferred(Milestone::Resolved.name());
            inc.cite(Milestone::Resolved.name(), &p.evidence, Some(p.line));
            inc.warnings.retain(|w| !w.is_about("resolved"));
        }
    }
    inc.timeline = rows
        .iter()
        .filter(|r| r.at.is_some())
        .map(|r| TimelineEntry {
            at: r.at,
            text: r.text.clone(),
        })
        .collect();
}

/// Phrases that announce when planned work starts.
const PLANNED_START: &[&str] = &[
    "scheduled to start",
    "scheduled to begin",
    "scheduled for",
    "will start at",
    "will start on",
    "will begin at",
    "will begin on",
    "starting at",
    "débutera",
    "commencera",
    "est prévue le",
    "est prévue à",
    "aura lieu le",
];

/// An announcement of planned work posted ahead of it (`date` is when it was posted): the
/// start the text schedules ("A system upgrade is scheduled to start on Thu Nov 24 21:00
/// UTC") replaces the post's time, with its line.
fn planned_start(inc: &mut Incident, doc: &Doc<'_>, anchor: context::Anchor, reference: NaiveDate) {
    let Some(posted) = inc.started_at else { return };
    let title = inc.title.to_lowercase();
    let planned = lexicon::has_any(&title, lexicon::MAINTENANCE_STRONG)
        || lexicon::has_any(&title, lexicon::MAINTENANCE_WEAK);
    if !planned {
        return;
    }
    for line in doc.text_lines().take(12) {
        let lower = line.text.to_lowercase();
        let Some((_, _, end)) = lexicon::find_any(&lower, PLANNED_START) else {
            continue;
        };
        let Some(time) = line.times().into_iter().find(|t| t.start >= end) else {
            continue;
        };
        let day = line
            .dates(doc.french)
            .into_iter()
            .find(|d| d.start >= end && d.end <= time.start + 1)
            .and_then(|d| {
                context::complete(&d, anchor, Some(posted.local_date().year()), reference)
            })
            .map_or(posted.local_date(), |x| x.0);
        let zone = time.zone.map(|z| z.offset_on(day)).or(posted.offset());
        let Some(start) = Stamp::at(day, time.time, zone) else {
            continue;
        };
        let lead = start.sort_key() - posted.sort_key();
        if lead > TimeDelta::zero()
            && lead <= TimeDelta::days(31)
            && inc
                .resolved_at
                .is_none_or(|e| e.sort_key() > start.sort_key())
        {
            inc.started_at = Some(start);
            inc.cite(Milestone::Started.name(), line.raw.trim(), Some(line.no));
        }
        return;
    }
}

/// A time window stated in a sentence: "entre 16:00 et 16:26", "from 14:30 to 18:30 UTC",
/// "vers 14:30 pour se finir à 18:30", "Sep 6 at 05:25 to Sep 7 at 10:48".
#[derive(Debug)]
struct Window {
    start: Stamp,
    end: Stamp,
    evidence: String,
    line: u32,
    /// Stated in the opening or impact part, as the incident's window (not a detail).
    summary: bool,
    /// The sentence gives the window's own date.
    own_day: bool,
}

fn window(
    doc: &Doc<'_>,
    date: NaiveDate,
    anchor: context::Anchor,
    reference: NaiveDate,
) -> Option<Window> {
    windows(doc, date, anchor, reference).into_iter().next()
}

/// Every stated window of the document, in order.
fn windows(
    doc: &Doc<'_>,
    date: NaiveDate,
    anchor: context::Anchor,
    reference: NaiveDate,
) -> Vec<Window> {
    let doc_year = doc_year(doc);
    let mut out = Vec::new();
    for (sentence, no) in doc.sentences(|l| doc.role_of(l) != Some(Role::Timeline)) {
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
            "entre", "between", "from", "de ", "du ", "commenc", "started", "began", "vers",
        ]
        .iter()
        .any(|w| before.contains(w));
        // Dates written with either end ("Sep 6 at 05:25 to Sep 7 at 10:48").
        let dates = scan::find_dates(&sentence, doc.french);
        let date_before = |t: &FoundTime, from: usize| {
            dates
                .iter()
                .rfind(|d| d.end <= t.start && d.start >= from)
                .and_then(|d| context::complete(d, anchor, doc_year, reference))
                .map(|x| x.0)
        };
        let range_words = joined && (opened || between.len() <= 24) && between.len() <= 48;
        let resolved_between = between.len() <= 160
            && timeline::marks_in(&between)
                .iter()
                .any(|(m, _, _)| *m == Milestone::Resolved);
        if !(range_words || resolved_between) {
            continue;
        }
        let own_day = date_before(a, 0);
        let day_a = own_day.unwrap_or(date);
        let day_b = date_before(b, a.end).unwrap_or(if b.time < a.time {
            day_a.succ_opt().unwrap_or(day_a)
        } else {
            day_a
        });
        let zone = a.zone.or(b.zone).or_else(|| {
            doc.lines
                .iter()
                .find(|l| l.no == no)
                .and_then(|l| doc.zone_for(l))
        });
        let (Some(start), Some(end)) = (
            Stamp::at(day_a, a.time, a.zone.or(zone).map(|z| z.offset_on(day_a))),
            Stamp::at(day_b, b.time, b.zone.or(zone).map(|z| z.offset_on(day_b))),
        ) else {
            continue;
        };
        let section = doc
            .lines
            .iter()
            .find(|l| l.no == no)
            .and_then(|l| doc.section_of(l));
        let summary = section.is_none_or(|s| {
            s.heading.is_none()
                || s.role == Some(Role::Impact)
                || s.heading.as_deref().is_some_and(|h| {
                    lexicon::heading_role(h).is_none()
                        || h.to_lowercase().contains("summary")
                        || h.to_lowercase().contains("résumé")
                })
        });
        out.push(Window {
            start,
            end,
            evidence: sentence,
            line: no,
            summary,
            own_day: own_day.is_some(),
        });
    }
    out
}

/// Whether a milestone was read from a keyword in running text (a timeline row, a prose
/// sentence or an update), so that a stated window or duration may replace it.
fn keyword_read(inc: &Incident, m: Milestone) -> bool {
    inc.inferred.iter().any(|f| f == m.name())
}

/// Fills in what the prose says about one incident: time window, timeline and milestones,
/// stated durations, severity, impact and action items. `replace_start`: the start only
/// holds a date (a publication date, or the day of the text).
fn apply_prose(
    inc: &mut Incident,
    doc: &Doc<'_>,
    ctx: &TextContext<'_>,
    anchor: context::Anchor,
    date: NaiveDate,
    date_line: Option<u32>,
    replace_start: bool,
) {
    let setting = Setting {
        date,
        anchor,
        doc_year: doc_year(doc),
        reference: ctx.reference_date,
        zone: None,
    };
    let mut rows = Rows::new(doc, &setting);
    rows.timelines();
    rows.key_events();
    rows.updates();
    rows.bare_lines();
    rows.prose();
    let rows = rows.finish();
    for (m, p) in timeline::pick(&rows) {
        let slot = m.slot(inc);
        let replaceable = slot.is_none() || (m == Milestone::Started && replace_start);
        if !replaceable {
            continue;
        }
        *slot = Some(p.at);
        inc.cite(m.name(), &p.evidence, Some(p.line));
        if p.untimed {
            inc.mark_inferred(&format!("{}.time", m.name()));
        } else if p.assumed {
            inc.mark_inferred(&format!("{}.assumed", m.name()));
        } else if p.origin != Origin::KeyEvent {
            inc.mark_inferred(m.name());
        }
        if !p.dated && p.origin != Origin::KeyEvent {
            inc.mark_inferred(&format!("{}.date", m.name()));
        }
        if let Some(written) = p.typo_year {
            inc.mark_inferred(&format!("{}.year", m.name()));
            inc.warn(
                m.name(),
                format_args!(
                    "the text says {written}, read as {} (the year looks like a typo: the document is about {})",
                    p.at.local_date().year(),
                    anchor.date.map_or_else(String::new, |d| d.to_string())
                ),
            );
        }
    }
    if let Some(w) = window(doc, date, anchor, ctx.reference_date) {
        let start_free = inc.started_at.is_none()
            || (replace_start && inc.evidence_of(Milestone::Started.name()).is_none())
            || (w.summary && keyword_read(inc, Milestone::Started))
            || inc.is_inferred("started_at.assumed") && w.summary;
        let end_free =
            inc.resolved_at.is_none() || (w.summary && keyword_read(inc, Milestone::Resolved));
        if start_free {
            inc.started_at = Some(w.start);
            inc.inferred
                .retain(|f| !f.starts_with("started_at") || f == "started_at.year");
            inc.cite(Milestone::Started.name(), &w.evidence, Some(w.line));
        }
        if end_free
            && w.end.sort_key() > inc.started_at.map_or(w.start.sort_key(), |s| s.sort_key())
        {
            inc.resolved_at = Some(w.end);
            inc.inferred.retain(|f| !f.starts_with("resolved_at"));
            inc.cite(Milestone::Resolved.name(), &w.evidence, Some(w.line));
        }
    }
    fix_end_typo(inc, doc);
    apply_stated(inc, doc);
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
        // Still no start: the date alone places the incident on the calendar — the day its
        // timeline opens, when that is earlier (and within a year), else the document's.
        // A title that names the day ("Incident du 9 juin 2022") keeps it.
        let titled = !scan::find_dates(&inc.title, doc.french).is_empty();
        let opens = rows
            .iter()
            .filter(|_| !titled)
            .filter(|r| r.origin == Origin::Timeline && r.own_date)
            .filter_map(|r| r.date.map(|d| (d, r)))
            .filter(|(d, _)| *d < date && (date - *d).num_days() <= 366)
            .min_by_key(|(d, _)| *d);
        let (date, date_line) = match opens {
            Some((d, r)) => (d, Some(r.line)),
            None => (date, date_line),
        };
        inc.started_at = Stamp::at(
            date,
            chrono::NaiveTime::MIN,
            doc.zone.map(|z| z.offset_on(date)),
        );
        inc.mark_inferred("started_at.time");
        if let Some(line) = date_line {
            inc.cite(
                Milestone::Started.name(),
                doc_line_text(doc, line),
                Some(line),
            );
        }
        inc.warn(
            "started_at",
            "no start time in the text; placed at the start of the day",
        );
    }
    let has_timeline_rows = rows.iter().any(|r| r.origin == Origin::Timeline);
    inc.timeline = rows
        .iter()
        .filter(|r| match r.origin {
            Origin::Timeline | Origin::Update => true,
            Origin::KeyEvent => !has_timeline_rows,
            Origin::Prose => false,
        })
        .filter(|r| {
            r.at.is_some() || r.origin == Origin::Timeline && r.date.is_some() && r.own_date
        })
        .map(|r| TimelineEntry {
            at: r.at,
            text: r.text.clone(),
        })
        .collect();
    if inc.severity.level.is_none() {
        severity_from(inc, doc);
        if inc.severity.level.is_none() && !inc.has_warning("severity") {
            inc.warn("severity", "not stated");
        }
    }
    if inc.impact.is_none() {
        inc.impact = impact_statement(doc);
    }
    if inc.services.is_empty() {
        if let Some((services, line)) = affected(doc) {
            inc.services = services;
            inc.cite("services", line.raw.trim(), Some(line.no));
        }
    }
    if inc.actions.is_empty() {
        inc.actions = action_items(doc);
    }
    if inc.summary.is_none() {
        let title = inc.title.clone();
        inc.summary = first_paragraph(&inc.body.replacen(title.as_str(), "", 1));
    }
}

/// An explicit severity statement in the text, with its line.
fn severity_from(inc: &mut Incident, doc: &Doc<'_>) {
    for line in doc.text_lines() {
        if let Some((label, level)) = scan::find_severity(line.text) {
            inc.severity = Severity {
                level: Some(level),
                label: Some(label),
            };
            inc.cite("severity", line.raw.trim(), Some(line.no));
            return;
        }
    }
}

/// An end more than a month after the start while the text states a time to resolve under a
/// day, and the same day in the start's month fits that time: the month (or year) of the end
/// is a typo ("Resolved 2023-09-25 15:55" in a report of 2023-07-25 stating 1h50).
fn fix_end_typo(inc: &mut Incident, doc: &Doc<'_>) {
    let stated = stated::stated(doc)
        .into_iter()
        .find(|s| s.metric == "ttr")
        .map(|s| s.secs);
    let (Some(start), Some(end), Some(secs)) = (inc.started_at, inc.resolved_at, stated) else {
        return;
    };
    if !(0 < secs && secs < 86_400) || start.until(&end) <= TimeDelta::days(30) {
        return;
    }
    let s = start.local_date();
    let e = end.local();
    let candidates = [
        NaiveDate::from_ymd_opt(s.year(), s.month(), e.day()),
        NaiveDate::from_ymd_opt(e.year(), s.month(), e.day()),
        NaiveDate::from_ymd_opt(s.year(), e.month(), e.day()),
    ];
    let fixed = candidates.into_iter().flatten().find_map(|d| {
        let c = Stamp::at(d, e.time(), end.offset())?;
        let gap = start.until(&c).num_seconds() - secs;
        (gap.abs() <= 2 * 3600).then_some(c)
    });
    if let Some(c) = fixed {
        inc.resolved_at = Some(c);
        inc.mark_inferred("resolved_at.date");
        inc.warn(
            Milestone::Resolved.name(),
            format_args!(
                "the text says `{end}`, read as `{c}`: the month or year looks like a typo (the text states a time to resolve of {})",
                human(secs)
            ),
        );
    }
}

/// Stated durations (the first of each metric), with their evidence; a stated duration that
/// disagrees with the times is flagged for review. The contract: it replaces a duration
/// computed from milestones read from keywords, never one from explicit times.
fn apply_stated(inc: &mut Incident, doc: &Doc<'_>) {
    for s in stated::stated(doc) {
        let slot = match s.metric {
            "ttd" => &mut inc.stated.ttd_secs,
            "tta" => &mut inc.stated.tta_secs,
            "ttm" => &mut inc.stated.ttm_secs,
            _ => &mut inc.stated.ttr_secs,
        };
        if slot.is_some() {
            continue;
        }
        *slot = Some(s.secs);
        inc.cite(
            &format!("durations.{}_secs", s.metric),
            &s.evidence,
            Some(s.line),
        );
    }
    let pairs = [
        ("ttd", inc.stated.ttd_secs, Milestone::Detected),
        ("tta", inc.stated.tta_secs, Milestone::Acknowledged),
        ("ttm", inc.stated.ttm_secs, Milestone::Mitigated),
        ("ttr", inc.stated.ttr_secs, Milestone::Resolved),
    ];
    let start = inc
        .started_at
        .filter(|_| !inc.is_inferred("started_at.time"));
    let mut notes = Vec::new();
    for (name, stated, m) in pairs {
        let (Some(stated), Some(start), Some(end)) = (stated, start, m.of(inc)) else {
            continue;
        };
        let computed = start.until(&end).num_seconds();
        if (computed - stated).abs() <= 60 {
            continue;
        }
        let from_keywords = keyword_read(inc, Milestone::Started) || keyword_read(inc, m);
        let used = if from_keywords {
            "the stated value is used"
        } else {
            "the times are used; correct them in the review if the text is right"
        };
        notes.push((
            format!("durations.{name}_secs"),
            format!(
                "the text states {} but {} − started_at gives {}; {used}",
                human(stated),
                m.name(),
                human(computed)
            ),
        ));
    }
    for (field, reason) in notes {
        inc.warn(&field, reason);
    }
}

/// "This incident affected: Login, Matchmaking, and In-game Store." (status pages),
/// "Services affected: API, Webhooks", "Services impactés : …".
fn affected<'a, 'd>(doc: &'a Doc<'d>) -> Option<(Vec<String>, &'a doc::Line<'d>)> {
    const LABELS: &[&str] = &[
        "this incident affected:",
        "this maintenance affected:",
        "affected services:",
        "services affected:",
        "affected components:",
        "components affected:",
        "services impactés :",
        "services impactés:",
        "services concernés :",
        "services concernés:",
    ];
    doc.text_lines().find_map(|line| {
        let lower = line.text.to_lowercase();
        let label = LABELS.iter().find(|l| lower.starts_with(*l))?;
        let rest = line.plain();
        let rest = rest.get(label.len()..)?.trim().trim_end_matches('.');
        let names: Vec<String> = rest
            .split([',', ';'])
            .flat_map(|p| p.split(" and "))
            .flat_map(|p| p.split(" et "))
            .map(|p| p.trim().trim_start_matches("and ").trim().to_string())
            .filter(|p| !p.is_empty() && p.chars().count() <= 60)
            .collect();
        (!names.is_empty()).then_some((names, line))
    })
}

fn impact_statement(doc: &Doc<'_>) -> Option<String> {
    for s in doc.sections.iter().filter(|s| s.role == Some(Role::Impact)) {
        let first = doc
            .section_lines(s)
            .iter()
            .filter(|l| !l.code && l.shape != Shape::Blank)
            .flat_map(|l| doc::split_sentences(l.text))
            .find(|x| x.chars().count() > 10);
        if let Some(first) = first {
            return Some(doc::plain(&first));
        }
    }
    doc.sentences(|_| true)
        .into_iter()
        .map(|(s, _)| s)
        .find(|s| {
            let lower = s.to_lowercase();
            s.chars().any(|c| c.is_ascii_digit())
                && lexicon::IMPACT_NOUNS.iter().any(|n| lower.contains(n))
                && scan::find_times(s).is_empty()
        })
        .map(|s| doc::plain(&s))
}

fn action_items(doc: &Doc<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for s in doc
        .sections
        .iter()
        .filter(|s| s.role == Some(Role::Actions))
    {
        let lines: Vec<&doc::Line<'_>> = doc
            .section_lines(s)
            .iter()
            .filter(|l| !l.code && l.shape != Shape::Blank)
            .collect();
        let bullets: Vec<String> = lines
            .iter()
            .filter(|l| l.shape == Shape::Bullet && !l.text.trim_matches(['*', ' ']).is_empty())
            .map(|l| l.text.trim_start_matches(['*', ' ']).trim().to_string())
            .collect();
        let table_rows: Vec<String> = lines
            .iter()
            .filter(|l| l.shape == Shape::Table)
            .skip(2)
            .filter_map(|l| {
                let first = l
                    .text
                    .trim()
                    .trim_start_matches('|')
                    .split('|')
                    .next()?
                    .trim();
                (!first.is_empty() && !first.chars().all(|c| matches!(c, '-' | ':')))
                    .then(|| first.to_string())
            })
            .collect();
        if !bullets.is_empty() {
            out.extend(bullets);
        } else if !table_rows.is_empty() {
            out.extend(table_rows);
        } else {
            out.extend(
                lines
                    .iter()
                    .map(|l| l.text.trim())
                    .filter(|l| l.len() > 20)
                    .take(5)
                    .map(str::to_string),
            );
        }
    }
    out
}

/// Rows of a document for tests and callers that need them.
#[cfg(test)]
pub(crate) fn rows_of(text: &str, date: NaiveDate) -> Vec<timeline::Row> {
    let doc = Doc::new(text, 1);
    let setting = Setting {
        date,
        anchor: context::Anchor::default(),
        doc_year: None,
        reference: date,
        zone: None,
    };
    let mut rows = Rows::new(&doc, &setting);
    rows.timelines();
    rows.key_events();
    rows.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_durations() {
        assert_eq!(human(17_400), "4h50min");
        assert_eq!(human(900), "15min");
        assert_eq!(human(-180), "-3min");
        assert_eq!(human(90_000), "1d01h");
    }

    #[test]
    fn rows_keep_their_line() {
        let date = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap_or_default();
        let rows = rows_of(
            "Intro\n\n## Timeline\n- 10:00 alert fired\n- 10:40 resolved\n",
            date,
        );
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [4, 5]);
        assert_eq!(rows[1].evidence, "- 10:40 resolved");
    }

    #[test]
    fn summaries_are_plain_text() {
        assert_eq!(
            first_paragraph(
                "# T\n\nThe **checkout** was down, see [the report](https://x.y) for more."
            )
            .as_deref(),
            Some("The checkout was down, see the report for more.")
        );
    }
}
