//! Timed rows of a document, and the milestones picked from them.
//!
//! Rows come from the shapes people write timelines in: lines and bullets that open with a
//! time or a date and time (`- **17:25 UTC** - Incident declared`, `9 h 55 …`,
//! `2024-06-28 7:09 AM Eastern: …`, `Oct 30 12:45 PST: …`), tables with date / time / event
//! columns, key-event lines that name the milestone first (`First detected 2020-08-07 15:51`,
//! `Début : 9h30`), status updates (`**Update: 11:51** - …`, `Mise à jour de 18h15`), and —
//! when none of those gives a time — sentences of the prose. Each row keeps the line it came
//! from, so every milestone picked from it carries its evidence.

use super::context::{self, Anchor};
use super::doc::{self, Doc, Line, Shape};
use crate::domain::dates::Zone;
use crate::domain::lexicon::{self, Role, Strength};
use crate::domain::model::Milestone;
use crate::domain::scan::{FoundDate, FoundTime};
use crate::domain::stamp::Stamp;
use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta};

/// Where a row was read, from least to most authoritative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    /// A sentence of prose with a time in it.
    Prose,
    /// A row of a timeline (section, table or a run of timed lines).
    Timeline,
    /// A status-page update line.
    Update,
    /// A line that names the milestone first: `Resolved 2020-08-14 10:06`.
    KeyEvent,
}

/// A milestone a row marks, at the time nearest its phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub milestone: Milestone,
    pub strength: Strength,
    pub at: Option<Stamp>,
}

/// One timed (or dated) row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    /// When, if the row gives a time of day.
    pub at: Option<Stamp>,
    /// The day, when known.
    pub date: Option<NaiveDate>,
    /// Whether the row states its own date (not carried from an earlier row).
    pub own_date: bool,
    /// The year as written, when it was corrected as a typo (`2022-01-11` in a document
    /// about 2023-01-11).
    pub typo_year: Option<i32>,
    /// What happened, as plain text without the leading time.
    pub text: String,
    /// The line (or sentence) as written.
    pub evidence: String,
    pub line: u32,
    pub origin: Origin,
    pub marks: Vec<Mark>,
}

/// Where and when a row happened, as its line gives it.
#[derive(Clone, Copy, Debug)]
struct When {
    /// The row's own date, when it states one.
    date: Option<NaiveDate>,
    time: Option<FoundTime>,
    origin: Origin,
    /// The zone in force for a time written without one.
    zone: Option<Zone>,
}

/// What the rows are read with.
pub(crate) struct Setting {
    /// The incident's day, for rows that state none.
    pub date: NaiveDate,
    pub anchor: Anchor,
    pub doc_year: Option<i32>,
    pub reference: NaiveDate,
    /// A zone for rows that state none (front matter's, for update lines).
    pub zone: Option<Zone>,
}

/// Short words allowed before a row's leading time: "à 10h", "vers 9h", "At 13:23",
/// "environ 15:30", "À partir de 13:17".
const LEAD_WORDS: &[&str] = &[
    "at",
    "à",
    "a",
    "vers",
    "environ",
    "about",
    "around",
    "approx",
    "approximately",
    "le",
    "on",
    "from",
    "partir",
    "de",
    "dès",
    "des",
    "depuis",
    "since",
    "by",
    "un",
    "peu",
    "circa",
    "before",
    "after",
    "avant",
    "après",
    "le",
    "the",
    "t",
];

/// A row's leading date and time: what a line opens with, and where its text begins.
struct Lead {
    date: Option<FoundDate>,
    time: Option<FoundTime>,
    rest: usize,
}

/// Whether everything in `text[from..to]` is punctuation or a lead word.
fn only_lead(text: &str, from: usize, to: usize) -> bool {
    let between = text.get(from..to.max(from)).unwrap_or("").to_lowercase();
    between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| LEAD_WORDS.contains(&w) || lexicon::weekday(w).is_some())
        && between.chars().filter(|c| c.is_alphabetic()).count() <= 16
}

fn lead(line: &Line<'_>, day_first: bool) -> Option<Lead> {
    let text = line.text;
    let dates = line.dates(day_first);
    let mut date = dates
        .first()
        .copied()
        .filter(|d| only_lead(text, 0, d.start));
    let after_date = date.map_or(0, |d| d.end);
    let time = line
        .times()
        .into_iter()
        .find(|t| t.start >= after_date)
        .filter(|t| only_lead(text, after_date, t.start) && t.start <= after_date + 48);
    if date.is_none() && time.is_none() {
        return None;
    }
    let mut end = time.map_or(after_date, |t| t.end);
    // `12:45 PM PST Saturday Oct 30th: text`: a date right after the time.
    if date.is_none() {
        if let Some(d) = dates
            .iter()
            .find(|d| d.start >= end && only_lead(text, end, d.start) && d.start <= end + 16)
        {
            date = Some(*d);
            end = d.end;
        }
    }
    let rest = text.get(end..).unwrap_or("");
    let skipped = rest.len()
        - rest
            .trim_start_matches([
                ' ', '-', '–', '—', ':', '|', '*', '_', ')', ']', ',', '.', '\\',
            ])
            .len();
    Some(Lead {
        date,
        time,
        rest: end + skipped,
    })
}

/// The milestones a text marks, each with the byte offset of its phrase (lowercase text).
pub(crate) fn marks_in(text: &str) -> Vec<(Milestone, Strength, usize)> {
    let lower = text.to_lowercase().replace('’', "'");
    // Indexed once: each of the few hundred phrases is then looked up, not scanned for.
    let hay = lexicon::Haystack::new(&lower);
    let mut spans: Vec<(Milestone, Strength, usize, usize)> = Vec::new();
    let mut generic_start = false;
    for (m, strength, phrases) in lexicon::MILESTONE_PHRASES {
        if spans.iter().any(|(o, s, _, _)| o == m && s >= strength) {
            continue;
        }
        let found = phrases
            .iter()
            .filter_map(|p| {
                // Only a phrase with a three-byte character may hold a typographic
                // apostrophe: a byte test, since this runs for every phrase of every line.
                let (start, end) = if p.as_bytes().contains(&0xE2) {
                    hay.find(&p.replace('’', "'"))?
                } else {
                    hay.find(p)?
                };
                let generic = *m == Milestone::Started && lexicon::GENERIC_START.contains(p);
                let response_start = generic && starts_a_response(&lower, end);
                (!response_start).then_some((start, end, generic))
            })
            .filter(|(start, end, _)| !negated(&lower, *start) && !hindsight(&lower, *end))
            .min_by_key(|(start, _, _)| *start);
        if let Some((start, end, generic)) = found {
            spans.push((*m, *strength, start, end));
            generic_start |= generic;
        }
    }
    // A phrase inside another milestone's longer phrase is that one's word: "are destroyed"
    // is damage, not the remedy "destroyed".
    let inside = |a: &(Milestone, Strength, usize, usize)| {
        spans
            .iter()
            .any(|b| b.0 != a.0 && b.2 <= a.2 && a.3 <= b.3 && (b.3 - b.2) > (a.3 - a.2))
    };
    let mut out: Vec<(Milestone, Strength, usize)> = spans
        .iter()
        .filter(|a| !inside(a))
        .map(|(m, s, start, _)| (*m, *s, *start))
        .collect();
    // "Déploiement d'un fix", "deployed the rollback": a deploy that remedies is no trigger.
    if out.iter().any(|(m, _, _)| *m == Milestone::Mitigated) {
        out.retain(|(m, s, _)| !(*m == Milestone::Started && *s == lexicon::TRIGGER));
    }
    // "Reports began to reach support": a generic verb in a detection row is the detection's.
    let responds = out
        .iter()
        .any(|(m, _, _)| matches!(m, Milestone::Detected | Milestone::Acknowledged));
    if generic_start && responds {
        out.retain(|(m, _, _)| *m != Milestone::Started);
    }
    out
}

/// Whether the words after a generic start verb ending at `end` name a response ("began
/// investigating", "starts troubleshooting").
fn starts_a_response(lower: &str, end: usize) -> bool {
    let after = lower.get(end..).unwrap_or("");
    after
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| lexicon::has_any(w, lexicon::RESPONSE_WORDS))
}

/// Whether the words right after a phrase say it happened only in hindsight ("détecté a
/// posteriori", "noticed afterwards").
fn hindsight(lower: &str, end: usize) -> bool {
    let after: String = lower.get(end..).unwrap_or("").chars().take(24).collect();
    lexicon::HINDSIGHT.iter().any(|h| after.contains(h))
}

/// Whether a phrase at `pos` is cancelled by a word just before it ("not resolved").
fn negated(lower: &str, pos: usize) -> bool {
    let before = lower.get(..pos).unwrap_or("");
    if before.trim_end().ends_with("n't") || before.trim_end().ends_with("n’t") {
        return true;
    }
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let last2 = words.get(words.len().saturating_sub(2)..).unwrap_or(&[]);
    let tail = words
        .get(words.len().saturating_sub(3)..)
        .unwrap_or(&[])
        .join(" ");
    lexicon::NEGATIONS.iter().any(|n| {
        if n.contains(' ') {
            tail.ends_with(n)
        } else {
            last2.contains(n)
        }
    })
}

/// A milestone's time in a row with several times: one in the same clause as its phrase
/// ("a splice was completed at 3:50 PM, and service returned by 4:30 PM"), the nearest
/// after it first ("rétabli à 10h31"), approximate times last.
fn time_near(times: &[FoundTime], pos: usize, text: &str) -> Option<FoundTime> {
    let (from, to) = clause(text, pos);
    let score = |t: &FoundTime| {
        let distance = if t.start >= pos {
            t.start - pos
        } else {
            (pos - t.start) * 3
        };
        let outside = if t.start >= from && t.start < to {
            0
        } else {
            1000
        };
        outside + distance + if t.approx { 30 } else { 0 }
    };
    times.iter().min_by_key(|t| score(t)).copied()
}

/// The clause around byte `pos`: between separators like `;`, `, and`, `, puis`, `, then`.
fn clause(text: &str, pos: usize) -> (usize, usize) {
    const SEPARATORS: &[&str] = &[
        ";",
        ", and ",
        ", et ",
        ", puis ",
        ", then ",
        " and then ",
        ", but ",
        ", mais ",
        ". ",
    ];
    let lower = text.to_lowercase();
    let mut from = 0;
    let mut to = lower.len();
    for sep in SEPARATORS {
        let mut at = 0;
        while let Some(found) = lower.get(at..).and_then(|r| r.find(sep)) {
            let p = at + found;
            if p < pos {
                from = from.max(p + sep.len());
            } else {
                to = to.min(p);
                break;
            }
            at = p + sep.len();
        }
    }
    (from, to)
}

/// The stamp of a time on a day, in the zone written with it or the one in force.
fn stamp(date: NaiveDate, t: &FoundTime, zone: Option<Zone>) -> Option<Stamp> {
    Stamp::at(date, t.time, t.zone.or(zone).map(|z| z.offset_on(date)))
}

/// Builds rows over a document.
pub(crate) struct Rows<'s, 'd> {
    doc: &'s Doc<'d>,
    setting: &'s Setting,
    out: Vec<Row>,
}

impl<'s, 'd> Rows<'s, 'd> {
    pub fn new(doc: &'s Doc<'d>, setting: &'s Setting) -> Self {
        Rows {
            doc,
            setting,
            out: Vec::new(),
        }
    }

    pub fn finish(self) -> Vec<Row> {
        self.out
    }

    fn complete(&self, d: &FoundDate) -> Option<NaiveDate> {
        context::complete(
            d,
            self.setting.anchor,
            self.setting.doc_year,
            self.setting.reference,
        )
        .map(|(date, _)| date)
    }

    /// A date whose year looks like a typo: a year or more away from the document's own date
    /// (its title or file name), while the same day in the document's year is within two
    /// months of it. Returns the corrected date.
    fn year_typo(&self, written: NaiveDate) -> Option<NaiveDate> {
        let anchor = self.setting.anchor.date?;
        let apart = |d: NaiveDate| (d - anchor).num_days().abs();
        if apart(written) < 300 {
            return None;
        }
        let fixed = written.with_year(anchor.year())?;
        (apart(fixed) <= 62).then_some(fixed)
    }

    /// A row from a text with its lead time and date, on the running day.
    fn push(&mut self, line: &Line<'_>, text: &str, when: When, day: &mut Running) {
        let When {
            date: lead_date,
            time,
            origin,
            zone,
        } = when;
        let mut typo_year = None;
        let (date, own) = match lead_date {
            Some(written) => {
                let d = match self.year_typo(written) {
                    Some(fixed) => {
                        typo_year = Some(written.year());
                        fixed
                    }
                    None => written,
                };
                day.set(d);
                (Some(d), true)
            }
            None => (Some(day.day_for(time.map(|t| t.time))), false),
        };
        if let (Some(t), Some(d)) = (time, date) {
            day.seen(d, t.time);
        }
        let at = time.and_then(|t| date.and_then(|d| stamp(d, &t, zone)));
        let plain = doc::plain(text);
        // Times and phrases are placed in the whole line, so that the lead time counts too.
        let offset = line
            .text
            .len()
            .checked_sub(text.len())
            .filter(|o| line.text.get(*o..) == Some(text))
            .unwrap_or(0);
        let full = if offset > 0 { line.text } else { text };
        let times = crate::domain::scan::find_times(full);
        let found = marks_in(text);
        // "Monitoring detected the stall … a restart resolved the issue": a row that is the
        // start or the detection tells the end in passing; a later row states it better.
        let opens = found.iter().any(|(m, s, _)| {
            matches!(m, Milestone::Started | Milestone::Detected) && *s >= lexicon::PLAIN
        });
        let marks = found
            .into_iter()
            .map(|(milestone, strength, pos)| {
                let strength = if opens && milestone == Milestone::Resolved {
                    lexicon::TRIGGER
                } else {
                    strength
                };
                // A second time in the row belongs to the phrase nearest it.
                let near = if times.len() > 1 {
                    time_near(&times, pos + offset, full)
                        .and_then(|t| date.and_then(|d| stamp(d, &t, zone)))
                        .or(at)
                } else {
                    at
                };
                Mark {
                    milestone,
                    strength,
                    at: near,
                }
            })
            .collect();
        self.out.push(Row {
            at,
            date,
            own_date: own,
            typo_year,
            text: plain,
            evidence: line.raw.trim().to_string(),
            line: line.no,
            origin,
            marks,
        });
    }

    /// Rows of every timeline section: tables, timed lines, or timed sentences.
    pub fn timelines(&mut self) {
        let doc = self.doc;
        for section in doc
            .sections
            .iter()
            .filter(|s| s.role == Some(Role::Timeline))
        {
            let lines = doc.section_lines(section);
            let zone = section.zone.or(doc.zone).or(self.setting.zone);
            // `### 2025-07-26 Saturday`: a dated sub-heading gives its rows their day.
            let heading_day = section.heading.as_deref().and_then(|h| {
                crate::domain::scan::find_dates(h, doc.french)
                    .first()
                    .and_then(|d| self.complete(d))
            });
            let mut day = Running::new(heading_day.unwrap_or(self.setting.date));
            if lines.iter().filter(|l| l.shape == Shape::Table).count() >= 2 {
                self.table(lines, section.heading.as_deref(), zone, &mut day);
                continue;
            }
            let leads: Vec<Option<Lead>> = lines
                .iter()
                .map(|l| {
                    (!l.code && matches!(l.shape, Shape::Bullet | Shape::Plain))
                        .then(|| lead(l, doc.french))
                        .flatten()
                })
                .collect();
            let timed = leads.iter().flatten().filter(|l| l.time.is_some()).count();
            let dated = leads.iter().flatten().filter(|l| l.date.is_some()).count();
            if timed >= 2 || dated >= 2 {
                self.lines(lines, &leads, zone, &mut day, Origin::Timeline);
            } else {
                self.sentences(lines, zone, &mut day, Origin::Timeline);
            }
        }
    }

    /// Timed lines: a line that opens with a time or a date starts a row; a line without one
    /// continues the row above (a bullet's wrapped text), or stands as an untimed row.
    fn lines(
        &mut self,
        lines: &[Line<'_>],
        leads: &[Option<Lead>],
        zone: Option<Zone>,
        day: &mut Running,
        origin: Origin,
    ) {
        let start = self.out.len();
        // A row's wrapped text continues on the next lines, up to a blank line.
        let mut open = false;
        for (line, lead) in lines.iter().zip(leads) {
            if line.code || line.shape == Shape::Blank || line.shape == Shape::Heading {
                open = line.shape != Shape::Blank && open;
                continue;
            }
            match lead {
                Some(lead) => {
                    let text = line.text.get(lead.rest..).unwrap_or("");
                    let date = lead.date.as_ref().and_then(|d| self.complete(d));
                    self.push(
                        line,
                        text,
                        When {
                            date,
                            time: lead.time,
                            origin,
                            zone,
                        },
                        day,
                    );
                    open = true;
                }
                None => {
                    let continues = open && (line.shape == Shape::Plain || line.indent >= 2);
                    let has_row = continues && self.out.len() > start;
                    match self.out.last_mut().filter(|_| has_row) {
                        Some(prev) => {
                            prev.text.push(' ');
                            prev.text.push_str(&line.plain());
                            prev.evidence.push(' ');
                            prev.evidence.push_str(line.raw.trim());
                            let extra = marks_in(line.text);
                            for (milestone, strength, _) in extra {
                                if !prev.marks.iter().any(|m| m.milestone == milestone) {
                                    prev.marks.push(Mark {
                                        milestone,
                                        strength,
                                        at: prev.at,
                                    });
                                }
                            }
                        }
                        None if line.shape == Shape::Bullet => {
                            self.push(
                                line,
                                line.text,
                                When {
                                    date: None,
                                    time: None,
                                    origin,
                                    zone,
                                },
                                day,
                            );
                        }
                        None => {}
                    }
                }
            }
        }
    }

    /// A prose timeline: each sentence that carries a time is a row; sentences at the same
    /// time are merged.
    fn sentences(
        &mut self,
        lines: &[Line<'_>],
        zone: Option<Zone>,
        day: &mut Running,
        origin: Origin,
    ) {
        for line in lines
            .iter()
            .filter(|l| !l.code && l.shape != Shape::Blank && l.shape != Shape::Heading)
        {
            for sentence in doc::split_sentences(line.text) {
                let times = crate::domain::scan::find_times(&sentence);
                let Some(found) = best_time(&times) else {
                    continue;
                };
                let before = self.out.len();
                self.push(
                    line,
                    &sentence,
                    When {
                        date: None,
                        time: Some(found),
                        origin,
                        zone,
                    },
                    day,
                );
                if let Some(row) = self.out.get_mut(before) {
                    row.evidence = sentence.clone();
                    row.text = doc::plain(&sentence);
                }
                // Consecutive sentences at the same time make one row.
                if before > 0 {
                    let same = self.out.get(before - 1).map(|p| p.at)
                        == self.out.get(before).map(|r| r.at);
                    if same {
                        if let Some(row) = self.out.pop() {
                            if let Some(prev) = self.out.last_mut() {
                                prev.text = format!("{} {}", prev.text, row.text);
                                for m in row.marks {
                                    if !prev.marks.iter().any(|p| p.milestone == m.milestone) {
                                        prev.marks.push(m);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A Markdown table: date, time and event columns found from the header (`| Date (2022) |
    /// Time (UTC) | Event |`), or a first cell with a date and time.
    fn table(
        &mut self,
        lines: &[Line<'_>],
        heading: Option<&str>,
        zone: Option<Zone>,
        day: &mut Running,
    ) {
        let rows: Vec<(&Line<'_>, Vec<&str>)> = lines
            .iter()
            .filter(|l| l.shape == Shape::Table)
            .map(|l| (l, cells(l.text)))
            .collect();
        let is_separator = |cells: &[&str]| {
            cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        };
        let header = rows
            .first()
            .filter(|_| rows.get(1).is_some_and(|(_, c)| is_separator(c)))
            .map(|(_, c)| c.clone());
        let find = |names: &[&str]| {
            header.as_ref().and_then(|h| {
                h.iter().position(|c| {
                    let lower = c.to_lowercase();
                    names
                        .iter()
                        .any(|n| lexicon::find_phrase(&lower, n).is_some())
                })
            })
        };
        // "Day" may hold weekday names only: prefer a "Date" column.
        let date_col = find(&["date"]).or_else(|| find(&["jour", "day"]));
        let time_col = find(&["time", "heure", "horaire", "when", "at"]);
        let header_text = header.as_ref().map(|h| h.join(" ")).unwrap_or_default();
        let zone = doc::zone_mention(&header_text).or(zone);
        let year = context::standalone_year(&header_text);
        let mut anchor = self.setting.anchor;
        if year.is_some() {
            anchor.year = year;
            anchor.date = None;
        }
        let body = rows
            .iter()
            .skip(if header.is_some() { 2 } else { 0 })
            .filter(|(_, c)| !is_separator(c));
        let _ = heading;
        for (line, cells) in body {
            let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).copied().unwrap_or("");
            let date_text = cell(date_col);
            let time_text = cell(time_col);
            let (date_found, time_found, event) = if date_col.is_some() || time_col.is_some() {
                let event: Vec<&str> = cells
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != date_col && Some(*i) != time_col)
                    .map(|(_, c)| *c)
                    .filter(|c| lexicon::weekday(&c.to_lowercase()).is_none())
                    .collect();
                let d = crate::domain::scan::find_dates(date_text, self.doc.french)
                    .into_iter()
                    .next()
                    .or_else(|| {
                        crate::domain::scan::find_dates(time_text, self.doc.french)
                            .into_iter()
                            .next()
                    });
                let t = crate::domain::scan::find_times(time_text)
                    .into_iter()
                    .next()
                    .or_else(|| {
                        crate::domain::scan::find_times(date_text)
                            .into_iter()
                            .next()
                    });
                (d, t, event.join(" — "))
            } else {
                // `| 2022-02-17 14:02 | text |` or `| 14:02 | text |`
                let first = cells.first().copied().unwrap_or("");
                let second = cells.get(1).copied().unwrap_or("");
                let d = crate::domain::scan::find_dates(first, self.doc.french)
                    .into_iter()
                    .next();
                let t = crate::domain::scan::find_times(first)
                    .into_iter()
                    .next()
                    .or_else(|| {
                        crate::domain::scan::find_times(second)
                            .into_iter()
                            .next()
                            .filter(|_| d.is_some())
                    });
                let skip = if t.is_some() && crate::domain::scan::find_times(first).is_empty() {
                    2
                } else {
                    1
                };
                (
                    d,
                    t,
                    cells
                        .iter()
                        .skip(skip)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" — "),
                )
            };
            if date_found.is_none() && time_found.is_none() {
                continue;
            }
            let date = date_found.as_ref().and_then(|d| {
                context::complete(d, anchor, self.setting.doc_year, self.setting.reference)
                    .map(|x| x.0)
            });
            self.push(
                line,
                &event,
                When {
                    date,
                    time: time_found,
                    origin: Origin::Timeline,
                    zone,
                },
                day,
            );
        }
    }

    /// Key-event lines anywhere outside timelines: `First detected 2020-08-07 15:51`,
    /// `- Resolved: 14:05`, `**Début** : 9h30`.
    pub fn key_events(&mut self) {
        let doc = self.doc;
        let mut day = Running::new(self.setting.date);
        for (index, line) in doc.lines.iter().enumerate() {
            if line.code || line.shape == Shape::Blank {
                continue;
            }
            if doc.role_of(line) == Some(Role::Timeline) || line.shape == Shape::Heading {
                continue;
            }
            if line.text.chars().count() > 200 {
                continue;
            }
            // A key event stands on its own line: a list item, a `Label: value` line or the
            // first line of a paragraph, never the middle of wrapped prose.
            let own_line = line.shape != Shape::Plain
                || line.text.contains(':')
                || index
                    .checked_sub(1)
                    .and_then(|i| doc.lines.get(i))
                    .is_none_or(|p| matches!(p.shape, Shape::Blank | Shape::Heading));
            if !own_line {
                continue;
            }
            let lower = line.text.to_lowercase().replace('’', "'");
            let opening = lower.trim_start_matches(['*', '_', ' ', '[']);
            let offset = lower.len() - opening.len();
            let label = key_label(opening);
            let marks = marks_in(line.text);
            // The milestone is named first: `Resolved …`, `Fault reported: …`.
            let value_at = line.times().first().map_or(usize::MAX, |t| t.start);
            let first_mark = marks
                .iter()
                .filter(|(_, s, pos)| {
                    *s >= lexicon::PLAIN && *pos <= offset + 20 && *pos < value_at
                })
                .filter(|(_, _, pos)| {
                    lower
                        .get(offset..*pos)
                        .is_some_and(|before| before.split_whitespace().count() <= 2)
                })
                .min_by_key(|(_, _, pos)| *pos)
                .map(|(m, _, _)| *m);
            let Some(milestone) = label.or(first_mark) else {
                continue;
            };
            let times = line.times();
            let Some(time) = times.first().copied() else {
                // `First detected 2023-01-04 (time TBC)`: the day alone.
                let dated = line
                    .dates(doc.french)
                    .into_iter()
                    .find(|d| d.start <= offset + 48)
                    .and_then(|d| self.complete(&d));
                if let Some(date) =
                    dated.filter(|_| matches!(milestone, Milestone::Started | Milestone::Detected))
                {
                    let before = self.out.len();
                    self.push(
                        line,
                        line.text,
                        When {
                            date: Some(date),
                            time: None,
                            origin: Origin::KeyEvent,
                            zone: None,
                        },
                        &mut day,
                    );
                    if let Some(row) = self.out.get_mut(before) {
                        row.marks = vec![Mark {
                            milestone,
                            strength: lexicon::EXPLICIT,
                            at: None,
                        }];
                    }
                }
                continue;
            };
            // The value follows the label closely.
            if time.start > offset + 48 {
                continue;
            }
            let date = line
                .dates(doc.french)
                .into_iter()
                .find(|d| d.end <= time.start + 1)
                .and_then(|d| self.complete(&d));
            let zone = doc.zone_for(line).or(self.setting.zone);
            let before = self.out.len();
            self.push(
                line,
                line.text,
                When {
                    date,
                    time: Some(time),
                    origin: Origin::KeyEvent,
                    zone,
                },
                &mut day,
            );
            if let Some(row) = self.out.get_mut(before) {
                // The label decides: "Incident declared" is the acknowledgement, even if the
                // line also says "detected".
                row.marks.retain(|m| m.milestone == milestone);
                if row.marks.is_empty() {
                    row.marks.push(Mark {
                        milestone,
                        strength: lexicon::EXPLICIT,
                        at: row.at,
                    });
                }
                for m in &mut row.marks {
                    m.strength = lexicon::EXPLICIT;
                    m.at = row.at;
                }
            }
        }
    }

    /// Status updates anywhere outside timelines: `**Update: 11:51** - …`,
    /// `Update (14:02 UTC): …`, `Mise à jour de 18h15 : …`, and cState update lists
    /// (`- Tue Oct 11 12:24:02 UTC: …`).
    pub fn updates(&mut self) {
        let doc = self.doc;
        let mut day = Running::new(self.setting.date);
        for (index, line) in doc.lines.iter().enumerate() {
            if line.code || line.shape == Shape::Blank {
                continue;
            }
            if doc.role_of(line) == Some(Role::Timeline) || line.shape == Shape::Heading {
                continue;
            }
            let lower = line.text.to_lowercase();
            if lower.starts_with("posted ") {
                self.posted(index, line, &mut day);
                continue;
            }
            let opening = lower.trim_start_matches(['*', '_', ' ', '[']);
            let offset = lower.len() - opening.len();
            let marker = lexicon::UPDATE_MARKERS
                .iter()
                .find(|m| lexicon::find_phrase(opening, m).is_some_and(|(s, _)| s == 0));
            let zone = doc.zone_for(line).or(self.setting.zone);
            if let Some(marker) = marker {
                let times = line.times();
                let Some(time) = times
                    .first()
                    .copied()
                    .filter(|t| t.start <= offset + marker.len() + 24)
                else {
                    continue;
                };
                let date = line
                    .dates(doc.french)
                    .into_iter()
                    .find(|d| d.end <= time.start + 1)
                    .and_then(|d| self.complete(&d));
                let rest = line.text.get(time.end..).unwrap_or("");
                let rest =
                    rest.trim_start_matches([' ', '-', '–', '—', ':', '|', '*', '_', ')', '.']);
                self.push(
                    line,
                    rest,
                    When {
                        date,
                        time: Some(time),
                        origin: Origin::Update,
                        zone,
                    },
                    &mut day,
                );
                self.wrapped(index);
                continue;
            }
            // `- Wed Oct 12 05:27:46 UTC: text` (a bullet opening with a date and a time).
            if line.shape == Shape::Bullet {
                if let Some(lead) =
                    lead(line, doc.french).filter(|l| l.date.is_some() && l.time.is_some())
                {
                    let date = lead.date.as_ref().and_then(|d| self.complete(d));
                    let text = line.text.get(lead.rest..).unwrap_or("");
                    self.push(
                        line,
                        text,
                        When {
                            date,
                            time: lead.time,
                            origin: Origin::Update,
                            zone,
                        },
                        &mut day,
                    );
                }
            }
        }
    }

    /// A status page copied as text: blocks of `**Status**`, the update's words, and a
    /// `Posted Mar 21, 2024 - 19:31 CET` line. The block becomes an update row at the posted
    /// time; its status word (Investigating, Identified, Monitoring, Resolved…) marks the
    /// milestone.
    fn posted(&mut self, index: usize, line: &Line<'_>, day: &mut Running) {
        let doc = self.doc;
        let Some(time) = line.times().first().copied() else {
            return;
        };
        let date = line
            .dates(doc.french)
            .into_iter()
            .find(|d| d.end <= time.start + 1)
            .and_then(|d| self.complete(&d));
        // The block: lines back to the previous `Posted` line or heading.
        let block: Vec<&Line<'_>> = doc
            .lines
            .get(..index)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take_while(|l| {
                l.shape != Shape::Heading && !l.text.to_lowercase().starts_with("posted ")
            })
            .filter(|l| !l.code && l.shape != Shape::Blank)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let status = block
            .first()
            .map(|l| l.plain().to_lowercase())
            .unwrap_or_default();
        let mark = lexicon::STATUS_WORDS
            .iter()
            .find(|(word, _, _)| status.trim_end_matches(':') == *word)
            .map(|(_, m, strength)| (*m, *strength));
        if status == "postmortem" || status == "post-mortem" {
            return;
        }
        let text: Vec<String> = block.iter().skip(1).map(|l| l.plain()).collect();
        let zone = doc.zone_for(line).or(self.setting.zone);
        let before = self.out.len();
        let body = format!(
            "{}: {}",
            block.first().map(|l| l.plain()).unwrap_or_default(),
            text.join(" ")
        );
        self.push(
            line,
            &body,
            When {
                date,
                time: Some(time),
                origin: Origin::Update,
                zone,
            },
            day,
        );
        if let Some(row) = self.out.get_mut(before) {
            row.evidence = block
                .iter()
                .map(|l| l.raw.trim())
                .chain(std::iter::once(line.raw.trim()))
                .collect::<Vec<_>>()
                .join(" ");
            if let Some((m, strength)) = mark {
                row.marks.retain(|k| k.milestone != m);
                row.marks.push(Mark {
                    milestone: m,
                    strength,
                    at: row.at,
                });
            }
        }
    }

    /// The lines that continue the row just pushed from line `index` (its wrapped text, up to
    /// a blank line): their words join the row's text, evidence and milestones.
    fn wrapped(&mut self, index: usize) {
        let doc = self.doc;
        let follow = doc
            .lines
            .iter()
            .skip(index + 1)
            .take_while(|l| !l.code && l.shape == Shape::Plain);
        let Some(row) = self.out.last_mut() else {
            return;
        };
        for line in follow {
            row.text.push(' ');
            row.text.push_str(&line.plain());
            row.evidence.push(' ');
            row.evidence.push_str(line.raw.trim());
            for (milestone, strength, _) in marks_in(line.text) {
                if !row.marks.iter().any(|m| m.milestone == milestone) {
                    row.marks.push(Mark {
                        milestone,
                        strength,
                        at: row.at,
                    });
                }
            }
        }
    }

    /// Lines opening with a time outside timeline sections, when there are at least three of
    /// them (a timeline without a heading).
    pub fn bare_lines(&mut self) {
        let doc = self.doc;
        let candidates: Vec<&Line<'_>> = doc
            .text_lines()
            .filter(|l| doc.role_of(l) != Some(Role::Timeline))
            .filter(|l| matches!(l.shape, Shape::Bullet | Shape::Plain))
            .collect();
        // A list of timed entries, not prose: a bullet, or a line that opens with the time
        // itself ("09:12 - alert fired"), not with a sentence ("At 1:15 PM, the team …").
        let listed = |l: &Line<'_>, lead: &Lead| {
            l.shape == Shape::Bullet
                || lead.time.is_some_and(|t| {
                    l.text
                        .get(..t.start)
                        .is_some_and(|b| b.trim_matches(['*', '_', ' ', '[']).is_empty())
                })
        };
        let leads: Vec<Option<Lead>> = candidates
            .iter()
            .map(|l| lead(l, doc.french).filter(|x| x.time.is_some() && listed(l, x)))
            .collect();
        if leads.iter().flatten().count() < 3 {
            return;
        }
        let mut day = Running::new(self.setting.date);
        for (line, lead) in candidates.iter().zip(&leads) {
            let Some(lead) = lead else { continue };
            let text = line.text.get(lead.rest..).unwrap_or("");
            let date = lead.date.as_ref().and_then(|d| self.complete(d));
            let zone = doc.zone_for(line).or(self.setting.zone);
            self.push(
                line,
                text,
                When {
                    date,
                    time: lead.time,
                    origin: Origin::Timeline,
                    zone,
                },
                &mut day,
            );
        }
    }

    /// Sentences of the prose that carry a time and mark a milestone (only read when nothing
    /// else gave timed rows).
    pub fn prose(&mut self) {
        let doc = self.doc;
        let mut day = Running::new(self.setting.date);
        // The day a sentence speaks of is the last one the prose named before it.
        let mut named: Option<NaiveDate> = None;
        // A sentence without a time that follows a timed one in the same paragraph happened
        // then ("À 11 h 00, … Nous revenons en arrière.").
        let mut last: Option<(u32, FoundTime)> = None;
        for (sentence, no) in doc.sentences(|l| doc.role_of(l) != Some(Role::Timeline)) {
            let dates = crate::domain::scan::find_dates(&sentence, doc.french);
            let times = crate::domain::scan::find_times(&sentence);
            let own = best_time(&times);
            let inherited = last
                .filter(|(p, _)| *p == no && dates.is_empty())
                .map(|(_, t)| t);
            let Some(found) = own.or(inherited) else {
                if let Some(d) = dates.last().and_then(|d| self.complete(d)) {
                    named = Some(d);
                }
                last = None;
                continue;
            };
            last = Some((no, found));
            let date = dates
                .iter()
                .find(|d| d.end <= found.start + 1)
                .or(dates.first())
                .and_then(|d| self.complete(d))
                .or(named);
            if let Some(d) = date {
                named = Some(d);
            }
            if marks_in(&sentence).is_empty() {
                continue;
            }
            let Some(line) = doc.lines.iter().find(|l| l.no == no) else {
                continue;
            };
            let zone = doc.zone_for(line).or(self.setting.zone);
            let before = self.out.len();
            self.push(
                line,
                &sentence,
                When {
                    date,
                    time: Some(found),
                    origin: Origin::Prose,
                    zone,
                },
                &mut day,
            );
            if let Some(row) = self.out.get_mut(before) {
                row.evidence = sentence;
                if own.is_none() {
                    // A borrowed time tells only how the story ended.
                    row.marks.retain(|m| m.milestone == Milestone::Resolved);
                }
            }
        }
    }
}

/// A key-event label at the start of a line: `Start:`, `Début :`, `End time:`, `Fin :`.
fn key_label(opening: &str) -> Option<Milestone> {
    const LABELS: &[(Milestone, &[&str])] = &[
        (
            Milestone::Started,
            &[
                "start",
                "start time",
                "started",
                "began",
                "begin",
                "impact start",
                "incident start",
                "outage start",
                "début",
                "début de l'incident",
                "heure de début",
                "date de début",
            ],
        ),
        (
            Milestone::Resolved,
            &[
                "end",
                "end time",
                "ended",
                "impact end",
                "incident end",
                "outage end",
                "fin",
                "heure de fin",
                "date de fin",
            ],
        ),
        (
            Milestone::Detected,
            &["detection", "détection", "detected at", "detection time"],
        ),
    ];
    LABELS.iter().find_map(|(m, labels)| {
        labels
            .iter()
            .any(|l| {
                opening.strip_prefix(l).is_some_and(|rest| {
                    let rest = rest.trim_start_matches(['*', '_', ' ']);
                    rest.starts_with(':') || rest.starts_with('=') || rest.starts_with('-')
                })
            })
            .then_some(*m)
    })
}

/// Cells of a table row (`| a | b |`), trimmed.
fn cells(row: &str) -> Vec<&str> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(str::trim).collect()
}

/// The time a sentence is about: a precise, non-approximate time first.
pub(crate) fn best_time(times: &[FoundTime]) -> Option<FoundTime> {
    times
        .iter()
        .find(|t| t.precise && !t.approx)
        .or_else(|| times.iter().find(|t| t.precise))
        .or(times.first())
        .copied()
}

/// The running day of a timeline: set by rows that state a date, moved to the next day when
/// the clock goes back by more than six hours (the timeline passed midnight).
struct Running {
    day: NaiveDate,
    last: Option<NaiveTime>,
}

impl Running {
    fn new(day: NaiveDate) -> Self {
        Running { day, last: None }
    }

    fn set(&mut self, day: NaiveDate) {
        if day != self.day {
            self.last = None;
        }
        self.day = day;
    }

    fn day_for(&mut self, time: Option<NaiveTime>) -> NaiveDate {
        if let (Some(t), Some(prev)) = (time, self.last) {
            if prev.signed_duration_since(t) > TimeDelta::hours(6) {
                self.day = self.day.succ_opt().unwrap_or(self.day);
                self.last = None;
            }
        }
        self.day
    }

    fn seen(&mut self, day: NaiveDate, time: NaiveTime) {
        self.day = day;
        self.last = Some(time);
    }
}

/// A milestone picked from the rows, with where it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pick {
    pub at: Stamp,
    pub evidence: String,
    pub line: u32,
    pub origin: Origin,
    pub strength: Strength,
    /// The row states its own date.
    pub dated: bool,
    /// Taken from another milestone's row (a start assumed at the first detection).
    pub assumed: bool,
    /// The year as written, when it was corrected as a typo.
    pub typo_year: Option<i32>,
    /// Only the day is known (a key event without a time): `at` is that day's midnight.
    pub untimed: bool,
}

/// Picks each milestone from the rows: the most authoritative origin first, then the
/// strongest phrase, then the earliest time. A start is never after the first response (a
/// "started" keyword after the alert is noise); without one, the trigger (a deploy) or the
/// first detection stands for it. Later milestones are never before the start.
pub(crate) fn pick(rows: &[Row]) -> Vec<(Milestone, Pick)> {
    let candidates = |m: Milestone| -> Vec<Pick> {
        let mut c: Vec<Pick> = rows
            .iter()
            .flat_map(|r| {
                r.marks
                    .iter()
                    .filter(move |k| k.milestone == m)
                    .filter_map(move |k| {
                        Some(Pick {
                            at: k.at?,
                            evidence: r.evidence.clone(),
                            line: r.line,
                            origin: r.origin,
                            strength: k.strength,
                            dated: r.own_date,
                            assumed: false,
                            typo_year: r.typo_year,
                            untimed: false,
                        })
                    })
            })
            .collect();
        c.sort_by(|a, b| {
            b.origin
                .cmp(&a.origin)
                .then(b.strength.cmp(&a.strength))
                .then(a.at.sort_key().cmp(&b.at.sort_key()))
        });
        c
    };
    let mut out: Vec<(Milestone, Pick)> = Vec::new();
    let response = [Milestone::Detected, Milestone::Acknowledged]
        .into_iter()
        .flat_map(candidates)
        .filter(|p| p.strength >= lexicon::PLAIN)
        .min_by(|a, b| {
            b.origin
                .cmp(&a.origin)
                .then(a.at.sort_key().cmp(&b.at.sort_key()))
        });
    let not_after_response = |p: &Pick| {
        response
            .as_ref()
            .is_none_or(|r| p.at.sort_key() <= r.at.sort_key() || p.origin > r.origin)
    };
    // A trigger (a deploy) or an opening row counts only shortly before the first response:
    // a timeline often opens with preparations days earlier.
    let shortly_before = |p: &Pick| {
        response.as_ref().is_none_or(|r| {
            let gap = r.at.sort_key() - p.at.sort_key();
            gap >= TimeDelta::zero() && gap <= TimeDelta::hours(24)
        })
    };
    let starts = candidates(Milestone::Started);
    let start = starts
        .iter()
        .filter(|p| p.strength >= lexicon::PLAIN)
        .find(|p| not_after_response(p))
        .or_else(|| {
            // A deploy in the timeline does not replace a detection the document states as
            // a key event ("First detected 08:56"): that is where its own figures start.
            let explicit_response = response
                .as_ref()
                .is_some_and(|r| r.origin == Origin::KeyEvent);
            starts
                .iter()
                .filter(|p| p.strength == lexicon::TRIGGER)
                .filter(|p| !explicit_response || p.origin == Origin::KeyEvent)
                .filter(|p| not_after_response(p) && shortly_before(p))
                .min_by_key(|p| p.at.sort_key())
        })
        .cloned()
        .or_else(|| first_row(rows, response.as_ref()))
        .or_else(|| dated_key_event(rows, response.as_ref()))
        .or_else(|| response.clone().map(|r| Pick { assumed: true, ..r }));
    // A start read from a keyword at the very time a key event states explicitly ("First
    // detected 10:15") is that key event's.
    let start = start.map(|s| {
        let explicit = response.as_ref().filter(|r| {
            r.origin == Origin::KeyEvent && s.origin < Origin::KeyEvent && r.at == s.at
        });
        match explicit {
            Some(r) => Pick {
                assumed: true,
                ..r.clone()
            },
            None => s,
        }
    });
    let start_key = start.as_ref().map(|s| s.at.sort_key());
    if let Some(s) = start {
        out.push((Milestone::Started, s));
    }
    for m in [
        Milestone::Detected,
        Milestone::Acknowledged,
        Milestone::Mitigated,
        Milestone::Resolved,
    ] {
        let valid: Vec<Pick> = candidates(m)
            .into_iter()
            .filter(|p| start_key.is_none_or(|s| p.at.sort_key() >= s))
            .collect();
        let Some(first) = valid.first().cloned() else {
            continue;
        };
        let found = if m == Milestone::Resolved {
            // A recovery told in steps ("nodes brought back online" 11:44, "all nodes
            // confirmed back online" 12:35) ends at its last step of the same kind, within
            // ninety minutes; a much later "closed" is paperwork.
            valid
                .into_iter()
                .filter(|p| p.origin == first.origin && p.strength == first.strength)
                .filter(|p| {
                    let gap = p.at.sort_key() - first.at.sort_key();
                    gap >= TimeDelta::zero() && gap <= TimeDelta::minutes(90)
                })
                .max_by_key(|p| p.at.sort_key())
                .unwrap_or(first)
        } else {
            first
        };
        out.push((m, found));
    }
    if !out.iter().any(|(m, _)| *m == Milestone::Resolved) {
        if let Some(end) = last_remedy(rows, start_key) {
            out.push((Milestone::Resolved, end));
        }
    }
    out
}

/// Without a statement of resolution, the remedy a timeline closes on (the rollback, the
/// revert, the fix deployed as its last or next-to-last event) is where the incident ended.
fn last_remedy(rows: &[Row], start: Option<chrono::NaiveDateTime>) -> Option<Pick> {
    // The prose counts only when the document has no timeline.
    let prose_only = !rows
        .iter()
        .any(|r| matches!(r.origin, Origin::Timeline | Origin::KeyEvent));
    let timed: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            (matches!(r.origin, Origin::Timeline | Origin::KeyEvent) || prose_only)
                && r.at.is_some()
        })
        .collect();
    let latest = timed
        .iter()
        .filter_map(|r| r.at)
        .map(|a| a.sort_key())
        .max()?;
    let (row, mark) = timed
        .iter()
        .flat_map(|r| {
            r.marks
                .iter()
                .filter(|m| m.milestone == Milestone::Mitigated)
                .map(move |m| (*r, m))
        })
        .filter_map(|(r, m)| m.at.map(|at| (r, m, at)))
        .filter(|(_, _, at)| start.is_none_or(|s| at.sort_key() > s))
        .max_by_key(|(_, _, at)| at.sort_key())
        .map(|(r, m, _)| (r, m))?;
    let at = mark.at?;
    let later = timed
        .iter()
        .filter(|r| r.at.is_some_and(|a| a.sort_key() > at.sort_key()))
        .count();
    if later > 1 || at.sort_key() > latest {
        return None;
    }
    Some(Pick {
        at,
        evidence: row.evidence.clone(),
        line: row.line,
        origin: Origin::Timeline,
        strength: lexicon::TRIGGER,
        dated: row.own_date,
        assumed: false,
        typo_year: row.typo_year,
        untimed: false,
    })
}

/// A key event that gives only a day (`First detected 2023-01-04 (time TBC)`) before the
/// first response: the incident started that day, at a time the document does not give.
fn dated_key_event(rows: &[Row], response: Option<&Pick>) -> Option<Pick> {
    let response = response?;
    let first_day = response.at.local_date();
    let row = rows
        .iter()
        .filter(|r| r.at.is_none() && r.own_date)
        .filter(|r| match r.origin {
            // `First detected 2023-01-04 (time TBC)`
            Origin::KeyEvent => r
                .marks
                .iter()
                .any(|m| matches!(m.milestone, Milestone::Started | Milestone::Detected)),
            // A timeline that opens days before the first timed event: the story began then.
            Origin::Timeline => r
                .date
                .is_some_and(|d| d < first_day.pred_opt().unwrap_or(first_day)),
            _ => false,
        })
        .filter_map(|r| r.date.map(|d| (r, d)))
        .filter(|(_, d)| *d < first_day)
        .min_by_key(|(_, d)| *d)?;
    let (row, date) = row;
    Some(Pick {
        at: Stamp::at(date, NaiveTime::MIN, None)?,
        evidence: row.evidence.clone(),
        line: row.line,
        origin: row.origin,
        strength: lexicon::EXPLICIT,
        dated: true,
        assumed: false,
        typo_year: row.typo_year,
        untimed: true,
    })
}

/// The first timed row of a timeline, when it comes before the first response: without a
/// phrase that names the start, the event a timeline opens with is where the story begins
/// ("09:15 an edit was made to the wiki", then "09:30 reports came in").
fn first_row(rows: &[Row], response: Option<&Pick>) -> Option<Pick> {
    let row = rows
        .iter()
        .filter(|r| r.origin == Origin::Timeline)
        .filter_map(|r| r.at.map(|at| (r, at)))
        .filter(|(_, at)| {
            response.is_some_and(|r| {
                let gap = r.at.sort_key() - at.sort_key();
                gap > TimeDelta::zero() && gap <= TimeDelta::hours(24)
            })
        })
        .min_by_key(|(_, at)| at.sort_key())?;
    let (row, at) = row;
    // An opening event that says something broke is the start as the document states it.
    let broke = lexicon::has_any(&row.text.to_lowercase(), lexicon::FAILURE_WORDS);
    Some(Pick {
        at,
        evidence: row.evidence.clone(),
        line: row.line,
        origin: row.origin,
        strength: lexicon::TRIGGER,
        dated: row.own_date,
        assumed: !broke,
        typo_year: row.typo_year,
        untimed: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting() -> Setting {
        let date = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap_or_default();
        Setting {
            date,
            anchor: Anchor::default(),
            doc_year: Some(2024),
            reference: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            zone: None,
        }
    }

    fn read(text: &str) -> Vec<Row> {
        let doc = Doc::new(text, 1);
        let s = setting();
        let mut rows = Rows::new(&doc, &s);
        rows.timelines();
        rows.key_events();
        rows.updates();
        rows.finish()
    }

    fn picked(rows: &[Row], m: Milestone) -> Option<String> {
        pick(rows)
            .into_iter()
            .find(|(k, _)| *k == m)
            .map(|(_, p)| p.at.to_string())
    }

    #[test]
    fn bold_time_bullets_with_a_zone_in_the_heading() {
        let rows = read("## Timeline (UTC)\n- **17:25** - Error rates climb, outage began\n- **17:31** - Alert fired, on-call paged\n- **18:02** - Back to normal for most users\n- **18:15** - Incident resolved\n");
        assert_eq!(rows.len(), 4);
        assert_eq!(
            picked(&rows, Milestone::Started).as_deref(),
            Some("2024-03-05T17:25:00+00:00")
        );
        assert_eq!(
            picked(&rows, Milestone::Detected).as_deref(),
            Some("2024-03-05T17:31:00+00:00")
        );
        // The explicit resolution wins over "back to normal".
        assert_eq!(
            picked(&rows, Milestone::Resolved).as_deref(),
            Some("2024-03-05T18:15:00+00:00")
        );
    }

    #[test]
    fn french_spaced_hours_and_twelve_hour_clocks_across_midnight() {
        let rows = read("### Chronologie (heure française)\n* **9 h 55** premières erreurs remontées par la surveillance\n* **11 h 29** retour à la normale\n");
        assert_eq!(
            picked(&rows, Milestone::Started).as_deref(),
            Some("2024-03-05T09:55:00+01:00")
        );
        assert_eq!(
            picked(&rows, Milestone::Resolved).as_deref(),
            Some("2024-03-05T11:29:00+01:00")
        );
        let rows = read("## Timeline (all times PST)\n- 11:40 PM PST: deploy went out, site went down\n- 1:45 AM PST: service restored\n");
        assert_eq!(
            picked(&rows, Milestone::Resolved).as_deref(),
            Some("2024-03-06T01:45:00-08:00")
        );
    }

    #[test]
    fn key_events_name_the_milestone_first() {
        let rows = read("- **Key events**\n  - First detected 2020-08-07 15:51\n  - Repaired 2020-08-07 16:29\n  - Incident declared 2020-08-07 16:39\n  - Incident not declared\n  - Resolved 2020-08-14 10:06\n");
        assert_eq!(
            picked(&rows, Milestone::Detected).as_deref(),
            Some("2020-08-07T15:51:00")
        );
        assert_eq!(
            picked(&rows, Milestone::Acknowledged).as_deref(),
            Some("2020-08-07T16:39:00")
        );
        assert_eq!(
            picked(&rows, Milestone::Mitigated).as_deref(),
            Some("2020-08-07T16:29:00")
        );
        assert_eq!(
            picked(&rows, Milestone::Resolved).as_deref(),
            Some("2020-08-14T10:06:00")
        );
        let start = pick(&rows)
            .into_iter()
            .find(|(m, _)| *m == Milestone::Started);
        assert!(start.is_some_and(|(_, p)| p.assumed && p.at.to_string() == "2020-08-07T15:51:00"));
    }

    #[test]
    fn update_lines_and_dated_table_rows() {
        let rows =
            read("Builds fail.\n\n**Update: 21:48** - all services are operating properly again\n");
        assert_eq!(
            picked(&rows, Milestone::Resolved).as_deref(),
            Some("2024-03-05T21:48:00")
        );
        let rows = read("## Timeline\n| Day | Date (2022) | Time (UTC) | Event |\n|---|---|---|---|\n| Fri | Jan 28 | 02:34 | Employee reported a fraudulent charge |\n| Tue | Feb 01 | 19:12 | Cards locked, incident closed |\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(
            picked(&rows, Milestone::Detected).as_deref(),
            Some("2022-01-28T02:34:00+00:00")
        );
        assert_eq!(
            picked(&rows, Milestone::Resolved).as_deref(),
            Some("2022-02-01T19:12:00+00:00")
        );
    }

    #[test]
    fn negations_cancel_a_phrase() {
        assert!(marks_in("the issue is not resolved yet")
            .iter()
            .all(|(m, _, _)| *m != Milestone::Resolved));
        assert!(marks_in("partially restored")
            .iter()
            .all(|(m, _, _)| *m != Milestone::Resolved));
        assert!(marks_in("Incident not declared").is_empty());
        assert!(marks_in("service restored")
            .iter()
            .any(|(m, _, _)| *m == Milestone::Resolved));
    }
}
