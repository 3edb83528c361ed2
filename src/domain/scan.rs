//! Low-level scanning of prose: a tokenizer and the finders for dates, times, durations and
//! severities that the text importers combine. Pure functions over `&str`; never panics on any
//! input (all slicing goes through `get`).

use super::dates::{named_offset, Zone};
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
    /// A zone written right after it (`06:00EST`, `14:30 UTC`, `+02:00`, `7:09 AM Eastern`).
    pub zone: Option<Zone>,
    /// Preceded by "vers", "about", "un peu avant"…
    pub approx: bool,
    /// Written with minutes (`13h53`, `14:30`, `1:05 PM`), not just an hour (`15h`, `3pm`).
    pub precise: bool,
    /// Written on a 12-hour clock (`1:45 PM`).
    pub twelve_hour: bool,
    pub start: usize,
    pub end: usize,
}

impl FoundTime {
    /// The offset on `date`, when a zone was written.
    pub fn offset_on(&self, date: chrono::NaiveDate) -> Option<FixedOffset> {
        self.zone.map(|z| z.offset_on(date))
    }
}

/// Words that make the number before them a duration, not a time of day.
const DURATION_UNITS: &[&str] = &[
    "m", "min", "mins", "minute", "minutes", "mn", "sec", "secs", "s", "hours", "hour", "hrs",
    "hr", "heures", "heure", "days", "day", "jours", "jour",
];

/// Region names that may follow a time as one word ("7:09 AM Eastern").
const ZONE_WORDS: &[&str] = &[
    "eastern", "pacific", "central", "mountain", "paris", "london",
];

/// At most one space between two tokens.
fn close(a: &Token<'_>, b: &Token<'_>) -> bool {
    b.start >= a.end && b.start - a.end <= 1
}

/// Times of day in a line: `13h53`, `9 h 55`, `15h`, `14:30`, `06:00EST`, `14:30 UTC`,
/// `1:05 PM PST`, `7:09 AM Eastern`, `3pm`, `09:00 +02:00`, `10:00 (UTC+1)`.
///
/// ```
/// use aftermath::domain::scan::find_times;
/// let t = find_times("alerte à 13h53, puis vers 15h et 06:00EST, 9 h 55, 1:45 PM");
/// let shown: Vec<String> = t.iter().map(|f| f.time.format("%H:%M").to_string()).collect();
/// assert_eq!(shown, ["13:53", "15:00", "06:00", "09:55", "13:45"]);
/// assert!(t[1].approx && !t[1].precise);
/// assert!(t[4].twelve_hour);
/// ```
pub fn find_times(text: &str) -> Vec<FoundTime> {
    times_in(text, &tokens(text))
}

/// [`find_times`] over tokens already made.
pub fn times_in(text: &str, toks: &[Token<'_>]) -> Vec<FoundTime> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(t0) = toks.get(i) else { break };
        let Some(hour) = t0.number().filter(|h| *h < 24 && t0.text.len() <= 2) else {
            i += 1;
            continue;
        };
        // Not part of a date, a version or a decimal like 2021-09-22, 1.7.0 or 3.5.
        let before = i.checked_sub(1).and_then(|j| toks.get(j));
        if before.is_some_and(|b| {
            adjacent(b, t0) && matches!(b.text, "-" | "/" | "." | ":" | "," | "#" | "$" | "v")
        }) {
            i += 1;
            continue;
        }
        let is_h = |t: &Token<'_>| t.text == "h" || t.text == "H";
        let two_digits = |t: &Token<'_>| t.kind == Kind::Number && t.text.len() == 2;
        let (minute, consumed) = match (toks.get(i + 1), toks.get(i + 2)) {
            (Some(sep), Some(m))
                if sep.text == ":" && adjacent(t0, sep) && adjacent(sep, m) && two_digits(m) =>
            {
                (m.number(), 3)
            }
            // 13h53, 15h, 9 h 55, "vers 16 h"
            (Some(h), next) if is_h(h) && close(t0, h) => {
                match next.filter(|m| close(h, m) && two_digits(m)) {
                    Some(m) => (m.number(), 3),
                    None if adjacent(t0, h) => (Some(0), 2),
                    None if after_time_word(text, t0.start) => (Some(0), 2),
                    None => (None, 1),
                }
            }
            _ => (None, 1),
        };
        let mut j = i + consumed;
        let mut minute = minute;
        let mut precise = consumed == 3;
        // 3pm / 11 am: an hour alone with a 12-hour marker.
        if minute.is_none() && ampm_at(toks, j, t0).is_some() {
            minute = Some(0);
            precise = false;
        }
        let Some(minute) = minute.filter(|m| *m < 60) else {
            i += consumed;
            continue;
        };
        let last = toks.get(j - 1).copied().unwrap_or(*t0);
        // A unit right after makes it a duration (4h50min, 0h 38m), not a time of day.
        if toks.get(j).is_some_and(|u| {
            u.kind == Kind::Word && DURATION_UNITS.contains(&u.lower().as_str()) && close(&last, u)
        }) {
            i = j + 1;
            continue;
        }
        // Seconds (and a fraction).
        let mut second = 0;
        if let (Some(sep), Some(s)) = (toks.get(j), toks.get(j + 1)) {
            if sep.text == ":" && adjacent(&last, sep) && two_digits(s) {
                second = s.number().filter(|v| *v < 60).unwrap_or(0);
                j += 2;
                if let (Some(dot), Some(frac)) = (toks.get(j), toks.get(j + 1)) {
                    if dot.text == "." && frac.kind == Kind::Number && adjacent(s, dot) {
                        j += 2;
                    }
                }
            }
        }
        let mut hour = hour;
        let mut twelve_hour = false;
        let mut end = toks.get(j - 1).map_or(t0.end, |t| t.end);
        if let Some((pm, next)) = toks.get(j - 1).and_then(|last| ampm_at(toks, j, last)) {
            if hour == 0 || hour > 12 {
                // "13:55 PM" is not a 12-hour time: the marker is skipped, the hour kept.
                end = toks.get(next - 1).map_or(end, |t| t.end);
                j = next;
            } else {
                hour = match (pm, hour) {
                    (true, 12) => 12,
                    (true, h) => h + 12,
                    (false, 12) => 0,
                    (false, h) => h,
                };
                twelve_hour = true;
                end = toks.get(next - 1).map_or(end, |t| t.end);
                j = next;
            }
        }
        let (zone, zone_end, next) = zone_at(text, toks, j, end);
        end = zone_end;
        j = next;
        let prefix = text.get(..t0.start).unwrap_or("").to_lowercase();
        let last_words: Vec<&str> = prefix.split_whitespace().rev().take(3).collect();
        let approx = last_words.iter().any(|w| {
            lexicon::APPROXIMATE
                .contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '~'))
        }) || prefix.trim_end().ends_with('~');
        if let Some(time) = NaiveTime::from_hms_opt(hour, minute, second) {
            out.push(FoundTime {
                time,
                zone,
                approx,
                precise,
                twelve_hour,
                start: t0.start,
                end,
            });
        }
        i = j;
    }
    out
}

/// Whether the word before byte `start` introduces a time ("à 16 h", "vers 16 h", "un peu
/// après 16 h"), so that an hour written `16 h` is a time and not a duration.
fn after_time_word(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").to_lowercase();
    before.split_whitespace().next_back().is_some_and(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
            "à" | "a" | "vers" | "après" | "avant" | "dès" | "environ" | "at" | "around" | "about"
        )
    })
}

/// A 12-hour marker (`PM`, `am`, `p.m.`) starting at token `j`, close to `last`: whether it
/// is PM and the index after it.
fn ampm_at(toks: &[Token<'_>], j: usize, last: &Token<'_>) -> Option<(bool, usize)> {
    let t = toks.get(j).filter(|t| close(last, t))?;
    match t.lower().as_str() {
        "am" => Some((false, j + 1)),
        "pm" => Some((true, j + 1)),
        "a" | "p" => {
            let (d1, m, d2) = (toks.get(j + 1)?, toks.get(j + 2)?, toks.get(j + 3)?);
            (d1.text == "." && m.lower() == "m" && d2.text == "." && adjacent(t, d1))
                .then_some((t.lower() == "p", j + 4))
        }
        _ => None,
    }
}

/// A zone written right after a time ending at byte `end` (token `j` onwards): `UTC`, `PST`,
/// `Z`, `+02:00`, `UTC+1`, `(UTC)`, `Eastern`. Returns the zone, the new end and next token.
fn zone_at(text: &str, toks: &[Token<'_>], j: usize, end: usize) -> (Option<Zone>, usize, usize) {
    let Some(z) = toks.get(j) else {
        return (None, end, j);
    };
    if z.start.saturating_sub(end) > 1 {
        return (None, end, j);
    }
    // "(UTC)" / "(UTC+1)": look inside a parenthesis that opens right after.
    if z.text == "(" {
        let close_at = toks
            .iter()
            .skip(j + 1)
            .take(6)
            .position(|t| t.text == ")")
            .map(|p| p + j + 1);
        if let Some(c) = close_at {
            let inside = text
                .get(
                    toks.get(j + 1).map_or(z.end, |t| t.start)
                        ..toks.get(c).map_or(z.end, |t| t.start),
                )
                .unwrap_or("");
            if let Some(zone) = Zone::named(inside) {
                return (Some(zone), toks.get(c).map_or(end, |t| t.end), c + 1);
            }
        }
        return (None, end, j);
    }
    if z.kind == Kind::Word {
        let upper = z.text.chars().all(|c| c.is_ascii_uppercase());
        let region = ZONE_WORDS.contains(&z.lower().as_str());
        if upper && matches!(z.text, "UTC" | "GMT") {
            // UTC+1, GMT-05:00
            if let Some((zone, e, n)) = signed_offset(toks, j + 1, z) {
                return (Some(zone), e, n);
            }
        }
        if upper || region {
            if let Some(zone) = Zone::named(z.text) {
                return (Some(zone), z.end, j + 1);
            }
        }
        return (None, end, j);
    }
    if matches!(z.text, "+" | "-") {
        let Some(prev) = j.checked_sub(1).and_then(|p| toks.get(p)) else {
            return (None, end, j);
        };
        if let Some((zone, e, n)) = signed_offset(toks, j, prev) {
            return (Some(zone), e, n);
        }
    }
    (None, end, j)
}

/// `+02:00`, `-5`, `+0530` starting at token `j`, right after `prev`.
fn signed_offset(toks: &[Token<'_>], j: usize, prev: &Token<'_>) -> Option<(Zone, usize, usize)> {
    let sign = toks
        .get(j)
        .filter(|s| matches!(s.text, "+" | "-") && close(prev, s))?;
    let h = toks
        .get(j + 1)
        .filter(|h| h.kind == Kind::Number && adjacent(sign, h))?;
    let minutes = match (toks.get(j + 2), toks.get(j + 3)) {
        (Some(c), Some(m)) if c.text == ":" && adjacent(h, c) && m.text.len() == 2 => {
            Some((m.number()?, m.end, j + 4))
        }
        _ => None,
    };
    let (hours, mins, end, next) = match (minutes, h.text.len()) {
        (Some((m, e, n)), 1 | 2) => (h.number()?, m, e, n),
        (None, 4) => (h.number()? / 100, h.number()? % 100, h.end, j + 2),
        (None, 1 | 2) => (h.number()?, 0, h.end, j + 2),
        _ => return None,
    };
    if hours > 14 || mins > 59 {
        return None;
    }
    let secs = i32::try_from(hours * 3600 + mins * 60).ok()?;
    let signed = if sign.text == "-" { -secs } else { secs };
    Some((Zone::fixed(FixedOffset::east_opt(signed)?), end, next))
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
    lexicon::month(lower).is_some() && !lexicon::is_french_month(lower)
}

fn year_of(tok: Option<&Token<'_>>) -> Option<i32> {
    let t = tok?;
    (t.kind == Kind::Number && t.text.len() == 4)
        .then(|| t.text.parse().ok())
        .flatten()
}

/// The day of a day token (`6`, `28`), and how many tokens it takes with an ordinal suffix
/// (`28th`, `1st`, `1er`).
fn day_at(toks: &[Token<'_>], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    let day = t
        .number()
        .filter(|d| (1..=31).contains(d) && t.text.len() <= 2)?;
    let suffix = toks.get(i + 1).filter(|w| {
        adjacent(t, w) && matches!(w.lower().as_str(), "st" | "nd" | "rd" | "th" | "er" | "e")
    });
    Some((day, 1 + usize::from(suffix.is_some())))
}

fn weekday_before(toks: &[Token<'_>], i: usize) -> Option<(u32, usize)> {
    let prev = i.checked_sub(1).and_then(|j| toks.get(j))?;
    if let Some(wd) = lexicon::weekday(&prev.lower()) {
        return Some((wd, prev.start));
    }
    // "Thursday, January 20th"
    let comma = prev;
    let word = i.checked_sub(2).and_then(|j| toks.get(j))?;
    (comma.text == ",")
        .then(|| lexicon::weekday(&word.lower()))
        .flatten()
        .map(|wd| (wd, word.start))
}

/// Dates in prose: `2021-09-22`, `16/02/2016` (day first when `day_first`), `5-26-21`,
/// `jeudi 17 septembre`, `le 22 septembre 2021`, `1er octobre`, `December 6`, `July 16, 2024`,
/// `6 December 2021`, `28th June`, `Jan 28th, 2022`, and `4/21` when a time follows.
///
/// ```
/// use aftermath::domain::scan::find_dates;
/// let d = find_dates("Le jeudi 17 septembre, puis le 16/02/2016 et On December 6", true);
/// assert_eq!((d[0].day, d[0].month, d[0].year, d[0].weekday), (17, 9, None, Some(3)));
/// assert_eq!((d[1].day, d[1].month, d[1].year), (16, 2, Some(2016)));
/// assert_eq!((d[2].day, d[2].month), (6, 12));
/// let d = find_dates("Website Outage 5-26-21, then Thursday, January 20th, 2022", false);
/// assert_eq!((d[0].year, d[0].month, d[0].day), (Some(2021), 5, 26));
/// assert_eq!((d[1].year, d[1].month, d[1].day, d[1].weekday), (Some(2022), 1, 20, Some(3)));
/// ```
pub fn find_dates(text: &str, day_first: bool) -> Vec<FoundDate> {
    dates_in(&tokens(text), day_first)
}

/// [`find_dates`] over tokens already made.
pub fn dates_in(toks: &[Token<'_>], day_first: bool) -> Vec<FoundDate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((found, next)) = numeric_date(toks, i, day_first)
            .or_else(|| day_month(toks, i))
            .or_else(|| month_day(toks, i))
        {
            out.push(found);
            i = next;
            continue;
        }
        i += 1;
    }
    out
}

/// `2021-09-22`, `16/02/2016`, `5-26-21`, `4/21` (before a time).
fn numeric_date(toks: &[Token<'_>], i: usize, day_first: bool) -> Option<(FoundDate, usize)> {
    let at = |k: usize| toks.get(i + k);
    let t = at(0).filter(|t| t.kind == Kind::Number)?;
    if i.checked_sub(1)
        .and_then(|j| toks.get(j))
        .is_some_and(|p| adjacent(p, t) && matches!(p.text, "." | "/" | "-" | ":"))
    {
        return None;
    }
    let (s1, b) = (at(1)?, at(2)?);
    if !(adjacent(t, s1)
        && adjacent(s1, b)
        && matches!(s1.text, "-" | "/")
        && b.kind == Kind::Number)
    {
        return None;
    }
    let order = |a: u32, bn: u32| {
        if day_first && a <= 31 || a > 12 {
            (bn, a)
        } else {
            (a, bn)
        }
    };
    let third = match (at(3), at(4)) {
        (Some(s2), Some(c))
            if adjacent(b, s2)
                && adjacent(s2, c)
                && s2.text == s1.text
                && c.kind == Kind::Number =>
        {
            Some(c)
        }
        _ => None,
    };
    let ymd = match third {
        Some(c) if t.text.len() == 4 && s1.text == "-" => {
            // 2021-09-22
            Some((t.number()?, b.number()?, c.number()?, c))
        }
        Some(c) if c.text.len() == 4 && t.text.len() <= 2 && b.text.len() <= 2 => {
            let (m, d) = order(t.number()?, b.number()?);
            Some((c.number()?, m, d, c))
        }
        Some(c)
            if c.text.len() == 2
                && t.text.len() <= 2
                && b.text.len() <= 2
                && c.number().is_some_and(|y| y >= 10) =>
        {
            // 5-26-21: a two-digit year, not followed by more digits.
            let (m, d) = order(t.number()?, b.number()?);
            Some((2000 + c.number()?, m, d, c))
        }
        _ => None,
    };
    if let Some((y, m, d, last)) = ymd {
        let y = i32::try_from(y).ok()?;
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        let found = FoundDate {
            year: Some(y),
            month: m,
            day: d,
            weekday: weekday_before(toks, i).map(|w| w.0),
            start: t.start,
            end: last.end,
        };
        let next = i + 5;
        return Some((found, next));
    }
    // 4/21 14:57: month/day without a year, only right before a time.
    if third.is_none() && s1.text == "/" && t.text.len() <= 2 && b.text.len() <= 2 {
        let hour = at(3).filter(|h| h.kind == Kind::Number && close(b, h))?;
        let colon = at(4).filter(|c| c.text == ":" && adjacent(hour, c))?;
        at(5).filter(|m| adjacent(colon, m))?;
        let (m, d) = order(t.number()?, b.number()?);
        chrono::NaiveDate::from_ymd_opt(2000, m, d)?;
        let found = FoundDate {
            year: None,
            month: m,
            day: d,
            weekday: None,
            start: t.start,
            end: b.end,
        };
        return Some((found, i + 3));
    }
    None
}

/// `17 septembre [2021]`, `1er mars`, `6 December 2021`, `28th June`, `13 Fev 2024`.
fn day_month(toks: &[Token<'_>], i: usize) -> Option<(FoundDate, usize)> {
    let (day, len) = day_at(toks, i)?;
    let t = toks.get(i)?;
    let mut k = i + len;
    if toks.get(k).is_some_and(|w| w.lower() == "of") {
        k += 1;
    }
    let mw = toks.get(k).filter(|w| w.kind == Kind::Word)?;
    let month = lexicon::month(&mw.lower())?;
    let mut end = mw.end;
    k += 1;
    if toks
        .get(k)
        .is_some_and(|d| d.text == "." && adjacent(mw, d))
    {
        k += 1;
    }
    let year = year_of(toks.get(k));
    if year.is_some() {
        end = toks.get(k).map_or(end, |y| y.end);
        k += 1;
    }
    let weekday = weekday_before(toks, i);
    Some((
        FoundDate {
            year,
            month,
            day,
            weekday: weekday.map(|w| w.0),
            start: weekday.map_or(t.start, |w| w.1),
            end,
        },
        k,
    ))
}

/// `December 6[,] [2021]`, `Jan 28th, 2022`, `Sep 6 at 05:25` (English month names must be
/// capitalised: "may" is a verb).
fn month_day(toks: &[Token<'_>], i: usize) -> Option<(FoundDate, usize)> {
    let t = toks.get(i).filter(|t| t.kind == Kind::Word)?;
    let lower = t.lower();
    let month = lexicon::month(&lower)?;
    let capital = t.text.chars().next().is_some_and(char::is_uppercase);
    if !capital && english_only_month(&lower) {
        return None;
    }
    let mut k = i + 1;
    if toks.get(k).is_some_and(|d| d.text == "." && adjacent(t, d)) {
        k += 1;
    }
    let (day, len) = day_at(toks, k)?;
    let day_tok = toks.get(k)?;
    // Not a time "July 16:00" nor "May 2021".
    if toks
        .get(k + 1)
        .is_some_and(|n| (n.text == ":" || n.text == "h") && adjacent(day_tok, n))
        && toks
            .get(k + 2)
            .is_some_and(|m| m.kind == Kind::Number && m.text.len() == 2)
    {
        return None;
    }
    k += len;
    let mut end = toks.get(k - 1).map_or(day_tok.end, |d| d.end);
    let mut year_at = k;
    if toks.get(k).is_some_and(|n| n.text == ",") && year_of(toks.get(k + 1)).is_some() {
        year_at = k + 1;
    }
    let year = year_of(toks.get(year_at));
    if year.is_some() {
        end = toks.get(year_at).map_or(end, |y| y.end);
        k = year_at + 1;
    }
    let weekday = weekday_before(toks, i);
    Some((
        FoundDate {
            year,
            month,
            day,
            weekday: weekday.map(|w| w.0),
            start: t.start,
            end,
        },
        k,
    ))
}

/// Markdown emphasis and links as plain text: `**checkout**` → `checkout`,
/// `[Copr outage](https://…)` → `Copr outage`, `\(` → `(`.
///
/// ```
/// use aftermath::domain::scan::plain;
/// assert_eq!(plain("- **18:15** - [Incident](https://x.y) resolved"), "- 18:15 - Incident resolved");
/// ```
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let inner_end = after.find("](");
        let link_end =
            inner_end.and_then(|i| after.get(i..).and_then(|a| a.find(')')).map(|j| i + j));
        match (inner_end, link_end) {
            (Some(i), Some(j)) => {
                out.push_str(after.get(1..i).unwrap_or(""));
                rest = after.get(j + 1..).unwrap_or("");
            }
            _ => {
                out.push('[');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    let mut cleaned = String::with_capacity(out.len());
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {}
            '*' | '`' => {}
            '_' if chars.peek() == Some(&'_') => {
                chars.next();
            }
            _ => cleaned.push(c),
        }
    }
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
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
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        assert_eq!(t[0].offset_on(day).map(|o| o.local_minus_utc()), Some(0));
        assert_eq!(t[1].offset_on(day).map(|o| o.local_minus_utc()), Some(7200));
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
