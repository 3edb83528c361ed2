//! Low-level scanning of prose: a tokenizer and the finders for dates, times, durations and
//! severities that the text importers combine. Pure functions over `&str`; never panics on any
//! input (all slicing goes through `get`).

use super::dates::named_offset;
use super::lexicon;
use chrono::{FixedOffset, NaiveTime};

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// ASCII digits.
    Number,
    /// Letters (any script), with inner apostrophes and hyphens excluded.
    Word,
    /// Any other non-space character.
    Punct,
}

/// A token with its byte range in the scanned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token<'_> {
    fn number(&self) -> Option<u32> {
        (self.kind == Kind::Number && self.text.len() <= 6)
            .then(|| self.text.parse().ok())
            .flatten()
    }
    fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// Splits text into digit runs, letter runs and single punctuation characters.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, ch)) = iter.next() {
        if ch.is_whitespace() {
            continue;
        }
        let kind = if ch.is_ascii_digit() {
            Kind::Number
        } else if ch.is_alphabetic() {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut end = start + ch.len_utf8();
        if kind != Kind::Punct {
            while let Some(&(i, next)) = iter.peek() {
                let same = match kind {
                    Kind::Number => next.is_ascii_digit(),
                    _ => next.is_alphabetic(),
                };
                if !same {
                    break;
                }
                end = i + next.len_utf8();
                iter.next();
            }
        }
        out.push(Token {
            text: text.get(start..end).unwrap_or(""),
            start,
            end,
            kind,
        });
    }
    out
}

fn adjacent(a: &Token<'_>, b: &Token<'_>) -> bool {
    a.end == b.start
}

/// A time of day found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoundTime {
    pub time: NaiveTime,
    /// A zone written right after it (`06:00EST`, `14:30 UTC`, `+02:00`).
    pub offset: Option<FixedOffset>,
    /// Preceded by "vers", "about", "un peu avant"…
    pub approx: bool,
    /// Written with minutes (`13h53`, `14:30`), not just an hour (`15h`).
    pub precise: bool,
    pub start: usize,
    pub end: usize,
}

const DURATION_UNITS: &[&str] = &[
    "min", "mins", "minute", "minutes", "mn", "sec", "secs", "s", "hours", "hour", "hrs", "hr",
    "heures", "heure",
];

/// Times of day in a line: `13h53`, `15h`, `14:30`, `06:00EST`, `14:30 UTC`.
///
/// ```
/// use aftermath::domain::scan::find_times;
/// let t = find_times("alerte à 13h53, puis vers 15h et 06:00EST");
/// let shown: Vec<String> = t.iter().map(|f| f.time.format("%H:%M").to_string()).collect();
/// assert_eq!(shown, ["13:53", "15:00", "06:00"]);
/// assert!(t[1].approx && !t[1].precise);
/// assert_eq!(t[2].offset.map(|o| o.local_minus_utc()), Some(-5 * 3600));
/// ```
pub fn find_times(text: &str) -> Vec<FoundTime> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(t0) = toks.get(i) else { break };
        let Some(hour) = t0.number().filter(|h| *h < 24 && t0.text.len() <= 2) else {
            i += 1;
            continue;
        };
        // Not part of a date or a decimal like 2021-09-22 or 3.5.
        let before = i.checked_sub(1).and_then(|j| toks.get(j));
        if before.is_some_and(|b| adjacent(b, t0) && matches!(b.text, "-" | "/" | "." | ":" | ","))
        {
            i += 1;
            continue;
        }
        let (minute, consumed) = match (toks.get(i + 1), toks.get(i + 2)) {
            (Some(sep), Some(m))
                if sep.text == ":"
                    && adjacent(t0, sep)
                    && adjacent(sep, m)
                    && m.kind == Kind::Number
                    && m.text.len() == 2 =>
            {
                (m.number(), 3)
            }
            (Some(h), next) if adjacent(t0, h) && (h.text == "h" || h.text == "H") => {
                match next.filter(|m| adjacent(h, m) && m.kind == Kind::Number && m.text.len() == 2)
                {
                    Some(m) => (m.number(), 3),
                    None => (Some(0), 2),
                }
            }
            _ => (None, 1),
        };
        let Some(minute) = minute.filter(|m| *m < 60) else {
            i += consumed;
            continue;
        };
        let mut j = i + consumed;
        let last_end = toks.get(j - 1).map_or(t0.end, |t| t.end);
        // A unit right after makes it a duration (4h50min), not a time of day.
        if toks.get(j).is_some_and(|u| {
            u.kind == Kind::Word
                && DURATION_UNITS.contains(&u.lower().as_str())
                && u.start - last_end <= 1
        }) {
            i = j + 1;
            continue;
        }
        // Seconds.
        if let (Some(sep), Some(s)) = (toks.get(j), toks.get(j + 1)) {
            if sep.text == ":"
                && adjacent(toks.get(j - 1).unwrap_or(t0), sep)
                && s.kind == Kind::Number
                && s.text.len() == 2
            {
                j += 2;
            }
        }
        let mut end = toks.get(j - 1).map_or(t0.end, |t| t.end);
        let mut offset = None;
        if let Some(z) = toks.get(j) {
            if z.kind == Kind::Word
                && z.start - end <= 1
                && z.text.chars().all(|c| c.is_ascii_uppercase())
            {
                if let Some(off) = named_offset(z.text) {
                    offset = Some(off);
                    end = z.end;
                    j += 1;
                }
            } else if matches!(z.text, "+" | "-") && z.start - end <= 1 {
                if let (Some(h), Some(c), Some(m)) =
                    (toks.get(j + 1), toks.get(j + 2), toks.get(j + 3))
                {
                    if h.text.len() == 2 && c.text == ":" && m.text.len() == 2 {
                        let sign = if z.text == "-" { -1 } else { 1 };
                        let secs = h.number().unwrap_or(0) * 3600 + m.number().unwrap_or(0) * 60;
                        offset = i32::try_from(secs)
                            .ok()
                            .and_then(|s| FixedOffset::east_opt(sign * s));
                        end = m.end;
                        j += 4;
                    }
                }
            }
        }
        let prefix = text.get(..t0.start).unwrap_or("").to_lowercase();
        let last_words: Vec<&str> = prefix.split_whitespace().rev().take(3).collect();
        let approx = last_words.iter().any(|w| {
            lexicon::APPROXIMATE
                .contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '~'))
        });
        if let Some(time) = NaiveTime::from_hms_opt(hour, minute, 0) {
            out.push(FoundTime {
                time,
                offset,
                approx,
                precise: consumed == 3,
                start: t0.start,
                end,
            });
        }
        i = j;
    }
    out
}

/// A calendar date found in text; the year may be missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoundDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    /// 0 = Monday, when a weekday is named next to it.
    pub weekday: Option<u32>,
    pub start: usize,
    pub end: usize,
}

fn english_only_month(lower: &str) -> bool {
    lexicon::month(lower).is_some()
        && !matches!(
            lower,
            "mars"
                | "mai"
                | "juin"
                | "juillet"
                | "août"
                | "aout"
                | "janvier"
                | "février"
                | "fevrier"
                | "avril"
                | "septembre"
                | "octobre"
                | "novembre"
                | "décembre"
                | "decembre"
        )
}

fn year_of(tok: Option<&Token<'_>>) -> Option<i32> {
    let t = tok?;
    (t.kind == Kind::Number && t.text.len() == 4)
        .then(|| t.text.parse().ok())
        .flatten()
}

/// Dates in prose: `2021-09-22`, `16/02/2016` (day first when `day_first`), `jeudi 17 septembre`,
/// `le 22 septembre 2021`, `December 6`, `July 16, 2024`, `6 December 2021`.
///
/// ```
/// use aftermath::domain::scan::find_dates;
/// let d = find_dates("Le jeudi 17 septembre, puis le 16/02/2016 et On December 6", true);
/// assert_eq!((d[0].day, d[0].month, d[0].year, d[0].weekday), (17, 9, None, Some(3)));
/// assert_eq!((d[1].day, d[1].month, d[1].year), (16, 2, Some(2016)));
/// assert_eq!((d[2].day, d[2].month), (6, 12));
/// ```
pub fn find_dates(text: &str, day_first: bool) -> Vec<FoundDate> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(t) = toks.get(i) else { break };
        let at = |k: usize| toks.get(i + k);
        // ISO 2021-09-22 / numeric 16/02/2016.
        if t.kind == Kind::Number {
            if let (Some(s1), Some(b), Some(s2), Some(c)) = (at(1), at(2), at(3), at(4)) {
                let chained =
                    adjacent(t, s1) && adjacent(s1, b) && adjacent(b, s2) && adjacent(s2, c);
                // (year, month, day) from `2021-09-22` or `16/02/2016` (day first in French).
                let numeric = if chained && s1.text == "-" && s2.text == "-" && t.text.len() == 4 {
                    t.number()
                        .zip(b.number())
                        .zip(c.number())
                        .map(|((y, m), d)| (y, m, d))
                } else if chained && s1.text == "/" && s2.text == "/" && c.text.len() == 4 {
                    t.number()
                        .zip(b.number())
                        .zip(c.number())
                        .map(|((a, bn), y)| {
                            let (d, m) = if day_first || a > 12 {
                                (a, bn)
                            } else {
                                (bn, a)
                            };
                            (y, m, d)
                        })
                } else {
                    None
                };
                let valid = numeric.filter(|(y, m, d)| {
                    i32::try_from(*y)
                        .ok()
                        .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, *m, *d))
                        .is_some()
                });
                if let Some((y, m, d)) = valid {
                    out.push(FoundDate {
                        year: i32::try_from(y).ok(),
                        month: m,
                        day: d,
                        weekday: None,
                        start: t.start,
                        end: c.end,
                    });
                    i += 5;
                    continue;
                }
            }
            // 17 septembre [2021] / 1er mars / 6 December 2021
            let (day_tok, month_idx) = if at(1).is_some_and(|w| w.text == "er" && adjacent(t, w)) {
                (t, 2)
            } else {
                (t, 1)
            };
            if let (Some(day), Some(mw)) = (
                day_tok
                    .number()
                    .filter(|d| (1..=31).contains(d) && day_tok.text.len() <= 2),
                at(month_idx),
            ) {
                if mw.kind == Kind::Word {
                    if let Some(month) = lexicon::month(&mw.lower()) {
                        let weekday = i
                            .checked_sub(1)
                            .and_then(|j| toks.get(j))
                            .and_then(|w| lexicon::weekday(&w.lower()));
                        let year = year_of(at(month_idx + 1));
                        let end = if year.is_some() {
                            at(month_idx + 1).map_or(mw.end, |y| y.end)
                        } else {
                            mw.end
                        };
                        let start = if weekday.is_some() {
                            i.checked_sub(1)
                                .and_then(|j| toks.get(j))
                                .map_or(t.start, |w| w.start)
                        } else {
                            t.start
                        };
                        out.push(FoundDate {
                            year,
                            month,
                            day,
                            weekday,
                            start,
                            end,
                        });
                        i += month_idx + 1 + usize::from(year.is_some());
                        continue;
                    }
                }
            }
        }
        // December 6[,] [2021]  (English month names must be capitalised: "may" is a verb)
        if t.kind == Kind::Word {
            let lower = t.lower();
            if let Some(month) = lexicon::month(&lower) {
                let capital = t.text.chars().next().is_some_and(char::is_uppercase);
                if capital || !english_only_month(&lower) {
                    if let Some(day) = at(1).and_then(|d| {
                        d.number()
                            .filter(|n| (1..=31).contains(n) && d.text.len() <= 2)
                    }) {
                        // Not "May 2021" or a time "July 16:00".
                        let next = at(2);
                        let is_time = next.is_some_and(|n| {
                            (n.text == ":" || n.text == "h")
                                && at(1).is_some_and(|d| adjacent(d, n))
                        }) && at(3)
                            .is_some_and(|m| m.kind == Kind::Number && m.text.len() == 2);
                        if !is_time {
                            let mut k = 2;
                            if next.is_some_and(|n| n.text == ",") && year_of(at(3)).is_some() {
                                k = 3;
                            }
                            let year = year_of(at(k));
                            let weekday = i
                                .checked_sub(1)
                                .and_then(|j| toks.get(j))
                                .and_then(|w| lexicon::weekday(&w.lower()))
                                .or_else(|| {
                                    i.checked_sub(2)
                                        .and_then(|j| toks.get(j))
                                        .filter(|_| toks.get(i - 1).is_some_and(|c| c.text == ","))
                                        .and_then(|w| lexicon::weekday(&w.lower()))
                                });
                            let end = if year.is_some() {
                                at(k).map_or(t.end, |y| y.end)
                            } else {
                                at(1).map_or(t.end, |d| d.end)
                            };
                            out.push(FoundDate {
                                year,
                                month,
                                day,
                                weekday,
                                start: t.start,
                                end,
                            });
                            i += if year.is_some() { k + 1 } else { 2 };
                            continue;
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// The first duration in a text, in seconds: `4h50min`, `4h50`, `15min`, `1h11`, `95 minutes`,
/// `about 20 minutes`, `an hour`, `une demi-heure`, `2 hours 30 minutes`, `40-minute`.
///
/// ```
/// use aftermath::domain::scan::parse_duration;
/// assert_eq!(parse_duration("Temps de résolution : 4h50min"), Some(17_400));
/// assert_eq!(parse_duration("within about an hour"), Some(3_600));
/// assert_eq!(parse_duration("a 40-minute acute phase"), Some(2_400));
/// assert_eq!(parse_duration("no numbers"), None);
/// ```
pub fn parse_duration(text: &str) -> Option<i64> {
    let toks = tokens(text);
    let unit_secs = |w: &str| -> Option<i64> {
        match w {
            "s" | "sec" | "secs" | "second" | "seconds" | "seconde" | "secondes" => Some(1),
            "m" | "min" | "mins" | "mn" | "minute" | "minutes" => Some(60),
            "h" | "hr" | "hrs" | "hour" | "hours" | "heure" | "heures" => Some(3600),
            "d" | "day" | "days" | "jour" | "jours" => Some(86_400),
            _ => None,
        }
    };
    let mut i = 0;
    while i < toks.len() {
        let Some(t) = toks.get(i) else { break };
        let lower = t.lower();
        // "an hour", "une heure", "half an hour", "une demi-heure"
        if t.kind == Kind::Word {
            let next = toks.get(i + 1).map(|n| n.lower());
            let next2 = toks.get(i + 2).map(|n| n.lower());
            let next3 = toks.get(i + 3).map(|n| n.lower());
            match (
                lower.as_str(),
                next.as_deref(),
                next2.as_deref(),
                next3.as_deref(),
            ) {
                ("half", Some("an"), Some("hour"), _) => return Some(1800),
                ("une", Some("demi"), Some("-"), Some("heure")) => return Some(1800),
                ("an" | "one" | "une", Some("hour" | "heure"), _, _) => return Some(3600),
                _ => {}
            }
        }
        if let Some(n) = t.number().filter(|_| t.kind == Kind::Number) {
            // Skip separators: "40-minute", "15 min".
            let mut j = i + 1;
            if toks.get(j).is_some_and(|s| s.text == "-" && adjacent(t, s)) {
                j += 1;
            }
            if let Some(unit) = toks
                .get(j)
                .filter(|u| u.kind == Kind::Word)
                .and_then(|u| unit_secs(&u.lower()))
            {
                let mut total = i64::from(n) * unit;
                // 4h50[min] / 2 hours 30 minutes / 1h11
                let mut k = j + 1;
                if toks
                    .get(k)
                    .is_some_and(|w| matches!(w.lower().as_str(), "and" | "et"))
                {
                    k += 1;
                }
                if unit == 3600 {
                    if let Some(m) = toks.get(k).and_then(Token::number) {
                        let sub = toks
                            .get(k + 1)
                            .filter(|u| u.kind == Kind::Word)
                            .and_then(|u| unit_secs(&u.lower()));
                        if sub.is_none_or(|s| s == 60) && m < 60 {
                            total += i64::from(m) * 60;
                        }
                    }
                }
                return Some(total);
            }
        }
        i += 1;
    }
    None
}

/// An explicit severity statement: `Sévérité 1`, `Severity: SEV2`, `SEV-1`, `priority P1`,
/// `severity: major`. Bare words like "critical" elsewhere in prose are not taken.
///
/// ```
/// use aftermath::domain::scan::find_severity;
/// assert_eq!(find_severity("Niveaux de sévérité de l’incident : Sévérité 1, arrêt"), Some(("Sévérité 1".into(), 1)));
/// assert_eq!(find_severity("This was a SEV-2 incident"), Some(("SEV-2".into(), 2)));
/// assert_eq!(find_severity("Severity: major"), Some(("major".into(), 2)));
/// assert_eq!(find_severity("a critical path"), None);
/// ```
pub fn find_severity(text: &str) -> Option<(String, u8)> {
    let toks = tokens(text);
    for (i, t) in toks.iter().enumerate() {
        let lower = t.lower();
        // SEV1 / SEV-1 / SEV 1 / P1 after "priority"
        let is_sev = lower == "sev";
        let is_p = lower == "p"
            && i > 0
            && toks.get(i - 1).is_some_and(|w| {
                matches!(w.lower().as_str(), "priority" | "priorité" | ":") || w.text == "("
            });
        if is_sev || is_p {
            let (num, last) = match (toks.get(i + 1), toks.get(i + 2)) {
                (Some(d), _) if d.kind == Kind::Number && adjacent(t, d) => (d.number(), d),
                (Some(s), Some(d)) if matches!(s.text, "-" | "_") && d.kind == Kind::Number => {
                    (d.number(), d)
                }
                (Some(d), _) if d.kind == Kind::Number && is_sev => (d.number(), d),
                _ => (None, t),
            };
            if let Some(n) = num.filter(|n| *n <= 5) {
                let label = text.get(t.start..last.end).unwrap_or_default().to_string();
                return Some((label, n.clamp(1, 4) as u8));
            }
        }
        if matches!(
            lower.as_str(),
            "sévérité" | "severite" | "severity" | "gravité" | "gravite" | "priority" | "priorité"
        ) {
            // "Sévérité 1", "Severity: SEV2", "severity: major", "severity level 2"
            let mut j = i + 1;
            while toks.get(j).is_some_and(|s| {
                matches!(s.text, ":" | "=" | "-")
                    || matches!(
                        s.lower().as_str(),
                        "level"
                            | "niveau"
                            | "de"
                            | "l"
                            | "’"
                            | "'"
                            | "incident"
                            | "the"
                            | "of"
                            | "was"
                            | "is"
                    )
            }) {
                j += 1;
            }
            let Some(v) = toks.get(j) else { continue };
            if v.kind == Kind::Number {
                if let Some(n) = v.number().filter(|n| *n <= 5) {
                    let label = text.get(t.start..v.end).unwrap_or_default().to_string();
                    return Some((label, n.clamp(1, 4) as u8));
                }
            } else if v.kind == Kind::Word && matches!(v.lower().as_str(), "sev" | "p") {
                continue;
            } else if v.kind == Kind::Word {
                let sev = super::model::Severity::from_label(v.text);
                if let Some(level) = sev.level {
                    return Some((v.text.to_string(), level));
                }
            }
        }
    }
    None
}

/// A zone stated for the whole document: "All times in UTC", "(all times EST)",
/// "heures en UTC", "Times are CET".
pub fn document_zone(text: &str) -> Option<FixedOffset> {
    let lower = text.to_lowercase();
    for marker in [
        "all times in ",
        "all times are in ",
        "all times are ",
        "all times ",
        "times are in ",
        "times are ",
        "heures en ",
        "heures sont en ",
        "horaires en ",
    ] {
        if let Some(pos) = lower.find(marker) {
            let after = text.get(pos + marker.len()..).unwrap_or("");
            let word: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            if let Some(off) = named_offset(&word) {
                return Some(off);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_skip_durations_and_dates() {
        let t = find_times("Temps de résolution : 4h50min le 2021-09-22 à 14:30");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].time.format("%H:%M").to_string(), "14:30");
    }

    #[test]
    fn time_with_numeric_offset_and_seconds() {
        let t = find_times("at 12:24:02 UTC and 09:00 +02:00");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].offset.map(|o| o.local_minus_utc()), Some(0));
        assert_eq!(t[1].offset.map(|o| o.local_minus_utc()), Some(7200));
    }

    #[test]
    fn durations() {
        let cases = [
            ("Temps de détection : 15min", Some(900)),
            ("TTR: 1h11", Some(4260)),
            ("about 20 minutes", Some(1200)),
            ("2 hours and 30 minutes", Some(9000)),
            ("95 minutes", Some(5700)),
            ("une demi-heure", Some(1800)),
            ("3 days", Some(259_200)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_duration(text), want, "{text}");
        }
    }

    #[test]
    fn english_may_as_verb_is_not_a_date() {
        assert!(find_dates("we may 2 times retry", false).is_empty());
        assert_eq!(find_dates("On May 2 we", false).len(), 1);
    }

    #[test]
    fn us_numeric_dates_when_not_day_first() {
        let d = find_dates("on 3/7/2023", false);
        assert_eq!((d[0].month, d[0].day), (3, 7));
    }

    #[test]
    fn zone_notes() {
        assert_eq!(
            document_zone("Note: All times in UTC.").map(|o| o.local_minus_utc()),
            Some(0)
        );
        assert_eq!(
            document_zone("(all times EST)").map(|o| o.local_minus_utc()),
            Some(-5 * 3600)
        );
        assert_eq!(document_zone("nothing"), None);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "",
            "h",
            "13h",
            ":",
            "12:",
            "99:99",
            "é13hé",
            "Sev-",
            "sévérité",
            "🎄 12 décembre",
            "1/2/",
            "2021-",
            "December",
        ] {
            let _ = (
                find_times(s),
                find_dates(s, true),
                parse_duration(s),
                find_severity(s),
                document_zone(s),
            );
        }
    }
}
