//! A document read once: lines with their shape, tokens and line number, grouped into sections
//! under their headings, with the zone a heading or note states. Every later stage reads this
//! structure, so positions for evidence come for free and no stage tokenises a line again.

use crate::domain::dates::Zone;
use crate::domain::lexicon::{self, Role};
use crate::domain::scan::{self, FoundDate, FoundTime, Token};

/// What a line looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Blank,
    /// A Markdown heading, a bold-only line or a short line naming a known section.
    Heading,
    /// `- `, `* `, `• `, `1. ` items.
    Bullet,
    /// `| a | b |` rows (separator rows included).
    Table,
    Plain,
}

/// One line of the document.
#[derive(Debug)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the source file.
    pub no: u32,
    /// The line as written (without its line break).
    pub raw: &'a str,
    /// The content: without heading marks, bullet markers, quote marks; trimmed.
    pub text: &'a str,
    pub shape: Shape,
    /// Leading spaces of the raw line.
    pub indent: usize,
    /// Inside a fenced code block (never read for facts).
    pub code: bool,
    /// Index of the section it belongs to.
    pub section: usize,
    /// Tokens of `text`.
    pub toks: Vec<Token<'a>>,
}

impl<'a> Line<'a> {
    /// Times of day in the line's text.
    pub fn times(&self) -> Vec<FoundTime> {
        scan::times_in(self.text, &self.toks)
    }

    /// Dates in the line's text.
    pub fn dates(&self, day_first: bool) -> Vec<FoundDate> {
        scan::dates_in(&self.toks, day_first)
    }

    /// The text without Markdown emphasis marks, for showing as plain text.
    pub fn plain(&self) -> String {
        plain(self.text)
    }
}

/// A heading and the lines under it.
#[derive(Debug)]
pub(crate) struct Section {
    pub heading: Option<String>,
    pub role: Option<Role>,
    /// A zone the heading states ("Timeline (UTC)", "Chronologie (heure française)").
    pub zone: Option<Zone>,
    /// Heading depth (1 for `#`, 0 for the part before any heading).
    pub level: usize,
    /// Indices into [`Doc::lines`].
    pub lines: std::ops::Range<usize>,
}

/// The whole document.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    pub lines: Vec<Line<'a>>,
    pub sections: Vec<Section>,
    /// Mostly French: numeric dates are day first.
    pub french: bool,
    /// A zone stated for the whole document ("All times in UTC").
    pub zone: Option<Zone>,
}

impl<'a> Doc<'a> {
    /// Reads `text`, whose first line is line `first_line` of the file.
    pub fn new(text: &'a str, first_line: u32) -> Doc<'a> {
        let mut lines = Vec::new();
        let mut sections = vec![Section {
            heading: None,
            role: None,
            zone: None,
            level: 0,
            lines: 0..0,
        }];
        let mut in_code = false;
        let mut in_comment = false;
        for (i, raw) in text.lines().enumerate() {
            let no = first_line.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
            let raw = raw.trim_end();
            let trimmed = raw.trim_start();
            let indent = raw.len() - trimmed.len();
            let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
            let hidden = if in_comment {
                in_comment = !trimmed.contains("-->");
                true
            } else if fence {
                in_code = !in_code;
                true
            } else if !in_code && trimmed.starts_with("<!--") {
                in_comment = !trimmed.contains("-->");
                true
            } else {
                in_code
            };
            if hidden {
                let mut line = blank(raw, no, sections.len() - 1, indent);
                line.code = true;
                lines.push(line);
                continue;
            }
            if let Some((level, heading)) = heading_of(trimmed) {
                let index = lines.len();
                if let Some(last) = sections.last_mut() {
                    last.lines.end = index;
                }
                let role = lexicon::heading_role(heading).or_else(|| {
                    // A sub-heading inside a timeline stays a timeline ("### Day 1").
                    sections
                        .last()
                        .filter(|s| s.role == Some(Role::Timeline) && s.level < level)
                        .map(|_| Role::Timeline)
                });
                sections.push(Section {
                    heading: Some(plain(heading)),
                    role,
                    zone: zone_mention(heading),
                    level,
                    lines: index + 1..index + 1,
                });
                lines.push(Line {
                    no,
                    raw,
                    text: heading,
                    shape: Shape::Heading,
                    indent,
                    code: false,
                    section: sections.len() - 1,
                    toks: scan::tokens(heading),
                });
                continue;
            }
            let (shape, content) = shape_of(trimmed);
            lines.push(Line {
                no,
                raw,
                text: content,
                shape,
                indent,
                code: false,
                section: sections.len() - 1,
                toks: scan::tokens(content),
            });
        }
        if let Some(last) = sections.last_mut() {
            last.lines.end = lines.len();
        }
        // A note right under a heading ("_all times are in UTC_") gives the section its zone.
        for s in &mut sections {
            if s.zone.is_none() {
                s.zone = lines
                    .get(s.lines.clone())
                    .into_iter()
                    .flatten()
                    .filter(|l| l.shape != Shape::Blank)
                    .take(2)
                    .find_map(|l| zone_note(l.text).or_else(|| zone_line(l.text)));
            }
        }
        let french = is_french(text);
        let mut doc = Doc {
            lines,
            sections,
            french,
            zone: None,
        };
        // A note may run over two lines of a paragraph: read it by sentence.
        doc.zone = doc
            .sentences(|_| true)
            .iter()
            .find_map(|(s, _)| zone_note(s))
            .or_else(|| one_zone(&doc.lines));
        doc
    }

    /// The lines of a section.
    pub fn section_lines(&self, s: &Section) -> &[Line<'a>] {
        self.lines.get(s.lines.clone()).unwrap_or(&[])
    }

    /// The section a line belongs to.
    pub fn section_of(&self, line: &Line<'_>) -> Option<&Section> {
        self.sections.get(line.section)
    }

    /// The zone in force for a line: its section's, else the document's.
    pub fn zone_for(&self, line: &Line<'_>) -> Option<Zone> {
        self.section_of(line).and_then(|s| s.zone).or(self.zone)
    }

    /// The role of the section a line belongs to.
    pub fn role_of(&self, line: &Line<'_>) -> Option<Role> {
        self.section_of(line).and_then(|s| s.role)
    }

    /// Lines that carry text (not blank, not code).
    pub fn text_lines(&self) -> impl Iterator<Item = &Line<'a>> {
        self.lines
            .iter()
            .filter(|l| !l.code && l.shape != Shape::Blank)
    }

    /// Paragraphs outside timelines: runs of plain lines joined, with their first line, split
    /// into sentences.
    pub fn sentences(&self, keep: impl Fn(&Line<'_>) -> bool) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        let mut para = String::new();
        let mut first = 0;
        let flush = |para: &mut String, first: u32, out: &mut Vec<(String, u32)>| {
            for s in split_sentences(para) {
                out.push((s, first));
            }
            para.clear();
        };
        for line in &self.lines {
            let joins = matches!(line.shape, Shape::Plain) && !line.code && keep(line);
            if !joins {
                flush(&mut para, first, &mut out);
                if matches!(line.shape, Shape::Bullet | Shape::Table) && !line.code && keep(line) {
                    for s in split_sentences(line.text) {
                        out.push((s, line.no));
                    }
                }
                continue;
            }
            if para.is_empty() {
                first = line.no;
            } else {
                para.push(' ');
            }
            para.push_str(line.text);
        }
        flush(&mut para, first, &mut out);
        out
    }
}

fn blank<'a>(raw: &'a str, no: u32, section: usize, indent: usize) -> Line<'a> {
    Line {
        no,
        raw,
        text: "",
        shape: Shape::Blank,
        indent,
        code: false,
        section,
        toks: Vec::new(),
    }
}

/// A heading line: `## Title`, `**Title**` alone on its line, or a short line naming a known
/// section ("Faits et timeline", "Actions à prendre :").
fn heading_of(trimmed: &str) -> Option<(usize, &str)> {
    if let Some(rest) = trimmed.strip_prefix('#') {
        let level = 1 + rest.chars().take_while(|c| *c == '#').count();
        let h = rest.trim_start_matches('#');
        if !(h.is_empty() || h.starts_with(' ')) {
            return None;
        }
        let h = h
            .trim()
            .trim_end_matches('#')
            .trim()
            .trim_end_matches(':')
            .trim();
        return Some((level, h));
    }
    for mark in ["**", "__"] {
        if let Some(inner) = trimmed
            .strip_prefix(mark)
            .and_then(|r| r.trim_end_matches(':').strip_suffix(mark))
        {
            let inner = inner.trim().trim_end_matches(':').trim();
            if !inner.is_empty() && !inner.contains(mark) && lexicon::heading_role(inner).is_some()
            {
                return Some((4, inner));
            }
        }
    }
    let t = trimmed.trim_end_matches(['?', ':']).trim();
    if t.is_empty() || t.chars().count() > 60 || t.ends_with('.') {
        return None;
    }
    lexicon::heading_role(t).map(|_| (4, t))
}

/// The shape of a non-heading line and its content.
fn shape_of(trimmed: &str) -> (Shape, &str) {
    if trimmed.is_empty() {
        return (Shape::Blank, "");
    }
    if trimmed.starts_with('|') {
        return (Shape::Table, trimmed);
    }
    let unquoted = trimmed.trim_start_matches(['>', ' ']);
    for marker in ["• ", "* ", "- ", "– ", "+ ", "•\t", "-\t", "*\t"] {
        if let Some(rest) = unquoted.strip_prefix(marker) {
            return (Shape::Bullet, rest.trim());
        }
    }
    let digits = unquoted.chars().take_while(char::is_ascii_digit).count();
    if (1..3).contains(&digits) {
        if let Some(rest) = unquoted.get(digits..) {
            if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
                return (Shape::Bullet, r.trim());
            }
        }
    }
    (Shape::Plain, unquoted.trim())
}

/// Markdown emphasis and links as plain text (see [`scan::plain`]).
pub(crate) fn plain(text: &str) -> String {
    scan::plain(text)
}

/// Sentences of a text: split after `.`, `!`, `?` followed by a space (not after a single
/// letter or a number like "v1.7.0").
pub(crate) fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, ch) in chars.iter().enumerate() {
        current.push(*ch);
        let next_space = chars.get(i + 1).is_none_or(|c| c.is_whitespace());
        if matches!(ch, '.' | '!' | '?') && next_space && current.trim().chars().count() > 3 {
            out.push(current.trim().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Whether the text is mostly French (decides day-first numeric dates and generated titles).
pub(crate) fn is_french(text: &str) -> bool {
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

/// A zone a heading or a parenthesis names: `Timeline (UTC)`, `(all times PST)`,
/// `Chronologie (heure française)`, `(Heure française, UTC+1)`, `Time (UTC)`. An explicit
/// offset wins over an abbreviation, which wins over a region name.
pub(crate) fn zone_mention(text: &str) -> Option<Zone> {
    let lower = text.to_lowercase();
    let mut best: Option<(u8, Zone)> = None;
    let mut consider = |rank: u8, zone: Zone| {
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, zone));
        }
    };
    let toks = scan::tokens(text);
    for (i, t) in toks.iter().enumerate() {
        if t.kind != scan::Kind::Word {
            continue;
        }
        let upper = t.text.len() >= 2 && t.text.chars().all(|c| c.is_ascii_uppercase());
        if matches!(t.text.to_ascii_uppercase().as_str(), "UTC" | "GMT") {
            // UTC+1 / UTC +02:00
            let sign = toks.get(i + 1).filter(|s| matches!(s.text, "+" | "-"));
            let num = toks.get(i + 2).filter(|n| n.kind == scan::Kind::Number);
            if let (Some(s), Some(n)) = (sign, num) {
                let mut spec = format!("{}{}", s.text, n.text);
                if let (Some(c), Some(m)) = (toks.get(i + 3), toks.get(i + 4)) {
                    if c.text == ":" && m.text.len() == 2 {
                        spec = format!("{spec}:{}", m.text);
                    }
                }
                if let Some(z) = Zone::named(&spec) {
                    consider(3, z);
                    continue;
                }
            }
        }
        if upper {
            // `PST` is a fixed offset; `PT` / `ET` name a region (daylight saving applies).
            if let Some(z) = Zone::named(t.text) {
                consider(if z.is_regional() { 1 } else { 2 }, z);
            }
        }
    }
    for region in [
        "heure française",
        "heure francaise",
        "heure de paris",
        "heure de france",
        "paris time",
        "french time",
        "uk time",
        "london time",
        "eastern",
        "pacific",
        "central",
        "mountain",
    ] {
        if lexicon::find_phrase(&lower, region).is_some() {
            if let Some(z) = Zone::named(region) {
                consider(1, z);
            }
        }
    }
    best.map(|(_, z)| z)
}

/// The one zone every zoned time of the document is written in ("At 1:05 PM PST …, by 4:30
/// PM PST"), which then holds for its times written without one. `None` when the document
/// writes several zones (times given in EDT and UTC).
fn one_zone(lines: &[Line<'_>]) -> Option<Zone> {
    let mut found: Option<Zone> = None;
    for line in lines.iter().filter(|l| !l.code && l.shape != Shape::Blank) {
        for t in line.times() {
            match (t.zone, found) {
                (Some(z), None) => found = Some(z),
                (Some(z), Some(f)) if z != f => return None,
                _ => {}
            }
        }
    }
    found
}

/// A line that is only a zone in parentheses: `(Heure française, UTC+1)`, `(all times UTC)`.
pub(crate) fn zone_line(text: &str) -> Option<Zone> {
    let t = text.trim().trim_matches(['*', '_']).trim();
    (t.starts_with('(') && t.ends_with(')') && t.chars().count() <= 60)
        .then(|| zone_mention(t))
        .flatten()
}

/// A note stating the zone of the times below: "All times in UTC", "_all times are in UTC_",
/// "Times are CET", "heures en UTC", "(all times PST)".
pub(crate) fn zone_note(text: &str) -> Option<Zone> {
    let lower = text.to_lowercase();
    const MARKERS: &[&str] = &[
        "all times in ",
        "all times are in ",
        "all times are ",
        "all times ",
        "times are in ",
        "times are ",
        "times in ",
        "time zone: ",
        "timezone: ",
        "fuseau horaire : ",
        "heures en ",
        "heures sont en ",
        "horaires en ",
        "toutes les heures sont ",
    ];
    // "Toutes les heures ci-dessous sont en heure de Paris", "All times below are Eastern".
    let says_times = [
        "times",
        "heures",
        "horaires",
        "time zone",
        "timezone",
        "fuseau",
    ]
    .iter()
    .any(|w| lexicon::find_phrase(&lower, w).is_some());
    if says_times
        && text.chars().count() <= 160
        && lexicon::find_phrase(&lower, "both").is_none()
        && lexicon::find_phrase(&lower, "et").is_none_or(|_| !lower.contains("utc"))
    {
        if let Some(z) = zone_mention(text) {
            return Some(z);
        }
    }
    for marker in MARKERS {
        if let Some(pos) = lower.find(marker) {
            let after = text.get(pos + marker.len()..).unwrap_or("");
            let head: String = after.chars().take(40).collect();
            if lexicon::find_phrase(&head.to_lowercase(), "both").is_some() {
                return None;
            }
            if let Some(z) = zone_mention(&head) {
                return Some(z);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset(z: Option<Zone>) -> Option<i32> {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 7, 1).unwrap_or_default();
        z.map(|z| z.offset_on(day).local_minus_utc() / 3600)
    }

    #[test]
    fn sections_with_roles_and_zones() {
        let text = "# Outage\n\nSummary line.\n\n## Timeline (UTC)\n- 10:00 down\n- 10:30 resolved\n\n## Action items\n- fix it\n";
        let doc = Doc::new(text, 1);
        let roles: Vec<Option<Role>> = doc.sections.iter().map(|s| s.role).collect();
        assert_eq!(
            roles,
            [None, None, Some(Role::Timeline), Some(Role::Actions)]
        );
        assert_eq!(offset(doc.sections[2].zone), Some(0));
        let rows: Vec<&str> = doc
            .section_lines(&doc.sections[2])
            .iter()
            .filter(|l| l.shape == Shape::Bullet)
            .map(|l| l.text)
            .collect();
        assert_eq!(rows, ["10:00 down", "10:30 resolved"]);
        assert_eq!(doc.lines[5].no, 6);
    }

    #[test]
    fn code_blocks_are_not_read() {
        let doc = Doc::new("text\n```\n10:00 resolved\n```\nafter", 1);
        assert!(doc.lines[2].code);
        assert_eq!(doc.text_lines().count(), 2);
    }

    #[test]
    fn zones_in_headings_and_notes() {
        assert_eq!(
            offset(zone_mention("Chronologie (heure française)")),
            Some(2)
        );
        assert_eq!(offset(zone_mention("(Heure française, UTC+1)")), Some(1));
        assert_eq!(offset(zone_mention("Timeline (all times PST)")), Some(-8));
        assert_eq!(offset(zone_note("_all times are in UTC_")), Some(0));
        assert_eq!(zone_note("Times are in both EDT and UTC"), None);
        assert_eq!(zone_mention("Timeline of events"), None);
    }

    #[test]
    fn plain_text_of_markdown() {
        assert_eq!(
            plain("**checkout** down, see [Copr outage](https://x.y/z) \\(details\\)"),
            "checkout down, see Copr outage (details)"
        );
    }
}
