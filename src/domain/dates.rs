//! Reading the date and time spellings found in incident archives.
//!
//! Structured sources are mostly RFC 3339, but real archives drift: a space instead of `T`,
//! single-digit hours, no seconds, no zone, `UTC` spelled out, `M/D/YYYY` in spreadsheet
//! exports. Everything here is a pure function of the text; nothing asks for "now".

use super::stamp::Stamp;
use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// Offsets of the zone abbreviations that incident write-ups actually use.
///
/// ```
/// use aftermath::domain::dates::named_offset;
/// assert_eq!(named_offset("EST").map(|o| o.local_minus_utc()), Some(-5 * 3600));
/// assert_eq!(named_offset("xyz"), None);
/// ```
pub fn named_offset(name: &str) -> Option<FixedOffset> {
    let hours: i32 = match name.to_ascii_uppercase().as_str() {
        "UTC" | "GMT" | "Z" | "WET" => 0,
        "BST" | "CET" | "WEST" => 1,
        "CEST" | "EET" => 2,
        "EEST" | "MSK" => 3,
        "IST" => return FixedOffset::east_opt(5 * 3600 + 1800),
        "JST" | "KST" => 9,
        "AEST" => 10,
        "AEDT" => 11,
        "EST" | "CDT" => -5,
        "EDT" => -4,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" => -8,
        _ => return None,
    };
    FixedOffset::east_opt(hours * 3600)
}

/// A time zone as incident write-ups name it: a fixed offset (`UTC`, `PST`, `UTC+1`) or a
/// region whose offset depends on the date (`Eastern`, `Pacific`, `heure française`).
///
/// Abbreviations are taken at their word (`PST` is −08:00 even in July: the author chose it);
/// only region names follow daylight saving time, by the date alone.
///
/// ```
/// use aftermath::domain::dates::Zone;
/// use chrono::NaiveDate;
/// let paris = Zone::named("heure française").unwrap();
/// let summer = NaiveDate::from_ymd_opt(2021, 9, 22).unwrap();
/// let winter = NaiveDate::from_ymd_opt(2021, 12, 17).unwrap();
/// assert_eq!(paris.offset_on(summer).local_minus_utc(), 7200);
/// assert_eq!(paris.offset_on(winter).local_minus_utc(), 3600);
/// assert_eq!(Zone::named("UTC+1").unwrap().offset_on(summer).local_minus_utc(), 3600);
/// assert_eq!(Zone::named("Eastern").unwrap().offset_on(summer).local_minus_utc(), -4 * 3600);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Zone {
    standard: FixedOffset,
    dst: Option<Dst>,
}

/// Daylight saving time rules, by date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Dst {
    /// United States: second Sunday of March to first Sunday of November.
    Us,
    /// European Union and UK: last Sunday of March to last Sunday of October.
    Eu,
}

/// Region names and their standard offset in hours (lowercase, as written).
const REGIONS: &[(&str, i32, Dst)] = &[
    ("eastern", -5, Dst::Us),
    ("et", -5, Dst::Us),
    ("us eastern", -5, Dst::Us),
    ("central", -6, Dst::Us),
    ("mountain", -7, Dst::Us),
    ("pacific", -8, Dst::Us),
    ("pt", -8, Dst::Us),
    ("us pacific", -8, Dst::Us),
    ("heure française", 1, Dst::Eu),
    ("heure francaise", 1, Dst::Eu),
    ("heure de paris", 1, Dst::Eu),
    ("heure de france", 1, Dst::Eu),
    ("heure locale française", 1, Dst::Eu),
    ("paris", 1, Dst::Eu),
    ("paris time", 1, Dst::Eu),
    ("french time", 1, Dst::Eu),
    ("europe/paris", 1, Dst::Eu),
    ("europe/berlin", 1, Dst::Eu),
    ("europe/amsterdam", 1, Dst::Eu),
    ("london", 0, Dst::Eu),
    ("london time", 0, Dst::Eu),
    ("uk time", 0, Dst::Eu),
    ("british time", 0, Dst::Eu),
    ("europe/london", 0, Dst::Eu),
    ("america/new_york", -5, Dst::Us),
    ("america/los_angeles", -8, Dst::Us),
    ("america/chicago", -6, Dst::Us),
];

impl Zone {
    /// A fixed offset.
    pub fn fixed(offset: FixedOffset) -> Zone {
        Zone {
            standard: offset,
            dst: None,
        }
    }

    /// The zone named by an abbreviation (`UTC`, `CEST`), an offset (`UTC+1`, `GMT-05:00`,
    /// `+02:00`) or a region (`Eastern`, `heure française`, `Europe/Paris`); case-insensitive.
    pub fn named(name: &str) -> Option<Zone> {
        let name = name.trim().trim_matches(|c| c == '(' || c == ')').trim();
        if let Some(off) = named_offset(name) {
            return Some(Zone::fixed(off));
        }
        let lower = super::case::lower(name);
        if let Some((_, hours, dst)) = REGIONS.iter().find(|(n, _, _)| *n == lower) {
            return Some(Zone {
                standard: FixedOffset::east_opt(hours * 3600)?,
                dst: Some(*dst),
            });
        }
        let rest = ["utc", "gmt", ""]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .unwrap_or(&lower)
            .trim();
        numeric_offset(rest).map(Zone::fixed)
    }

    /// The offset in force on `date`.
    pub fn offset_on(&self, date: NaiveDate) -> FixedOffset {
        let summer = match self.dst {
            None => false,
            Some(Dst::Us) => {
                let start = nth_sunday(date.year(), 3, 2);
                let end = nth_sunday(date.year(), 11, 1);
                start.zip(end).is_some_and(|(s, e)| date >= s && date < e)
            }
            Some(Dst::Eu) => {
                let start = last_sunday(date.year(), 3);
                let end = last_sunday(date.year(), 10);
                start.zip(end).is_some_and(|(s, e)| date >= s && date < e)
            }
        };
        if summer {
            FixedOffset::east_opt(self.standard.local_minus_utc() + 3600).unwrap_or(self.standard)
        } else {
            self.standard
        }
    }

    /// Whether the offset follows daylight saving time (a region, not an abbreviation).
    pub fn is_regional(&self) -> bool {
        self.dst.is_some()
    }
}

/// `+1`, `-5`, `+02:00`, `+0530`, `+2` (hours 0–14).
fn numeric_offset(text: &str) -> Option<FixedOffset> {
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, text.get(1..)?),
        b'-' | 0xe2 => (-1, text.trim_start_matches(['-', '−'])),
        _ => return None,
    };
    let digits = digits.trim();
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None if digits.len() == 4 => (
            digits.get(..2)?.parse::<i32>().ok()?,
            digits.get(2..)?.parse::<i32>().ok()?,
        ),
        None if !digits.is_empty() && digits.len() <= 2 => (digits.parse::<i32>().ok()?, 0),
        None => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn nth_sunday(year: i32, month: u32, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, chrono::Weekday::Sun, u8::try_from(n).ok()?)
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    (1..=5u8)
        .rev()
        .find_map(|n| NaiveDate::from_weekday_of_month_opt(year, month, chrono::Weekday::Sun, n))
}

/// A small cursor over ASCII-ish text.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor {
            bytes: s.as_bytes(),
            pos: 0,
        }
    }
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// Reads `min..=max` ASCII digits.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.pos;
        let mut value: u32 = 0;
        while self.pos - start < max {
            match self.peek() {
                Some(d @ b'0'..=b'9') => {
                    value = value.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
                    self.pos += 1;
                }
                _ => break,
            }
        }
        // More digits than allowed (e.g. the hour `015`) is malformed, not truncated.
        if self.pos - start < min || matches!(self.peek(), Some(b'0'..=b'9')) {
            return None;
        }
        Some(value)
    }
    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or(&[])
    }
    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }
}

/// `YYYY-MM-DD` (year of 4 to 6 digits, month and day of 1 or 2).
fn iso_date(c: &mut Cursor<'_>) -> Option<NaiveDate> {
    let y = c.digits(4, 6)?;
    if !c.eat(b'-') {
        return None;
    }
    let m = c.digits(1, 2)?;
    if !c.eat(b'-') {
        return None;
    }
    let d = c.digits(1, 2)?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// `H:MM[:SS[.fff]]`.
fn clock(c: &mut Cursor<'_>) -> Option<NaiveTime> {
    let h = c.digits(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let m = c.digits(2, 2)?;
    let mut s = 0;
    if c.eat(b':') {
        s = c.digits(2, 2)?;
        if c.eat(b'.') || c.eat(b',') {
            while matches!(c.peek(), Some(b'0'..=b'9')) {
                c.pos += 1;
            }
        }
    }
    NaiveTime::from_hms_opt(h, m, s)
}

/// `Z`, `+HH:MM`, `+HHMM`, `+HH`, or a space and a zone name; `None` inside means floating.
fn zone(c: &mut Cursor<'_>) -> Option<Option<FixedOffset>> {
    while c.eat(b' ') {}
    if c.done() {
        return Some(None);
    }
    if c.eat(b'Z') || c.eat(b'z') {
        return c.done().then_some(FixedOffset::east_opt(0));
    }
    let sign = match c.peek() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => {
            let name = std::str::from_utf8(c.rest()).ok()?.trim();
            return named_offset(name).map(Some);
        }
    };
    c.pos += 1;
    let mut h = c.digits(2, 4)?;
    let mut m = 0;
    if h >= 100 {
        (h, m) = (h / 100, h % 100);
    } else if c.eat(b':') {
        m = c.digits(2, 2)?;
    }
    if !c.done() || h > 23 || m > 59 {
        return None;
    }
    let secs = i32::try_from(h * 3600 + m * 60).ok()?;
    Some(FixedOffset::east_opt(sign * secs))
}

/// Parses an RFC 3339-like timestamp or a bare ISO date (read as midnight, floating).
///
/// ```
/// use aftermath::domain::dates::parse_stamp;
/// assert_eq!(parse_stamp("2021-06-02 11:40:00").unwrap().to_string(), "2021-06-02T11:40:00");
/// assert_eq!(parse_stamp("2021-12-07T9:05:00+01:00").unwrap().to_string(), "2021-12-07T09:05:00+01:00");
/// assert!(parse_stamp("2024-08-13T015:00:00+02:00").is_none());
/// ```
pub fn parse_stamp(text: &str) -> Option<Stamp> {
    let text = text
        .trim()
        .trim_matches(|ch| ch == '"' || ch == '\'')
        .trim();
    let mut c = Cursor::new(text);
    let date = iso_date(&mut c)?;
    if c.done() {
        return Stamp::at(date, NaiveTime::MIN, None);
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return None;
    }
    let time = clock(&mut c)?;
    let offset = zone(&mut c)?;
    Stamp::at(date, time, offset)
}

/// A day written `YYYY-MM-DD` and nothing else (a form's or an address's date), read without
/// chrono's format parser (it weighs on the page's bundle).
///
/// ```
/// use aftermath::domain::dates::parse_day;
/// assert_eq!(parse_day(" 2026-03-02").unwrap().to_string(), "2026-03-02");
/// assert!(parse_day("2026-02-30").is_none());
/// assert!(parse_day("2026-03-02T10:00").is_none());
/// ```
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let mut c = Cursor::new(text.trim());
    let day = iso_date(&mut c)?;
    c.done().then_some(day)
}

/// A wall clock as `<input type="datetime-local">` writes it: `YYYY-MM-DDTHH:MM[:SS[.fff]]`.
///
/// ```
/// use aftermath::domain::dates::parse_wall_clock;
/// assert_eq!(parse_wall_clock("2026-03-02T10:05").unwrap().to_string(), "2026-03-02 10:05:00");
/// assert_eq!(parse_wall_clock("2026-03-02T10:05:30").unwrap().to_string(), "2026-03-02 10:05:30");
/// assert!(parse_wall_clock("2026-03-02 10:05").is_none());
/// assert!(parse_wall_clock("2026-03-02T25:05").is_none());
/// ```
pub fn parse_wall_clock(text: &str) -> Option<NaiveDateTime> {
    let mut c = Cursor::new(text.trim());
    let day = iso_date(&mut c)?;
    if !c.eat(b'T') {
        return None;
    }
    let time = clock(&mut c)?;
    c.done().then(|| day.and_time(time))
}

/// Whether `text` is only a date (no time of day), so that a reader can flag a midnight
/// that is not really a time.
pub fn is_date_only(text: &str) -> bool {
    let text = text
        .trim()
        .trim_matches(|ch| ch == '"' || ch == '\'')
        .trim();
    let mut c = Cursor::new(text);
    iso_date(&mut c).is_some() && c.done()
}

/// Spreadsheet-style dates: `M/D/YYYY` (US order, as VOID and most exports use) with an
/// optional `H:MM[:SS]` and `AM`/`PM`, then ISO forms via [`parse_stamp`].
///
/// ```
/// use aftermath::domain::dates::parse_loose;
/// assert_eq!(parse_loose("3/7/2023").unwrap().to_string(), "2023-03-07T00:00:00");
/// assert_eq!(parse_loose("3/7/2023 2:05 PM").unwrap().to_string(), "2023-03-07T14:05:00");
/// ```
pub fn parse_loose(text: &str) -> Option<Stamp> {
    if let Some(s) = parse_stamp(text) {
        return Some(s);
    }
    let text = text.trim();
    let mut c = Cursor::new(text);
    let m = c.digits(1, 2)?;
    if !c.eat(b'/') {
        return None;
    }
    let d = c.digits(1, 2)?;
    if !c.eat(b'/') {
        return None;
    }
    let y = c.digits(4, 4)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    while c.eat(b' ') || c.eat(b'T') {}
    if c.done() {
        return Stamp::at(date, NaiveTime::MIN, None);
    }
    let mut time = clock(&mut c)?;
    while c.eat(b' ') {}
    let rest = std::str::from_utf8(c.rest())
        .ok()?
        .trim()
        .to_ascii_uppercase();
    let (hour_shift, rest) = if let Some(r) = rest.strip_prefix("PM") {
        (12, r.trim().to_string())
    } else if let Some(r) = rest.strip_prefix("AM") {
        (0, r.trim().to_string())
    } else {
        (0, rest)
    };
    use chrono::Timelike;
    match (hour_shift, time.hour()) {
        (12, h) if h < 12 => time += chrono::TimeDelta::hours(12),
        (0, 12) if text.to_ascii_uppercase().contains("AM") => time -= chrono::TimeDelta::hours(12),
        _ => {}
    }
    let offset = if rest.is_empty() {
        None
    } else {
        Some(named_offset(&rest)?)
    };
    Stamp::at(date, time, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_variants() {
        let cases = [
            ("2022-10-11T13:57:00+02:00", "2022-10-11T13:57:00+02:00"),
            ("\"2024-10-09T20:00:00+02:00\"", "2024-10-09T20:00:00+02:00"),
            ("2014-05-14T14:22:39.441-06:00", "2014-05-14T14:22:39-06:00"),
            ("2015-10-06T21:30:42Z", "2015-10-06T21:30:42+00:00"),
            ("2021-06-02 11:40", "2021-06-02T11:40:00"),
            ("2021-06-02 11:40:00 UTC", "2021-06-02T11:40:00+00:00"),
            ("2021-06-02T11:40:00+0530", "2021-06-02T11:40:00+05:30"),
            ("2021-09-22", "2021-09-22T00:00:00"),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_stamp(input).map(|s| s.to_string()).as_deref(),
                Some(want),
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "2024-08-13T015:00:00+02:00",
            "2024-13-01",
            "2024-02-30T10:00:00",
            "yesterday",
            "",
            "2024-01-01T10:00:00+25:00",
            "2024-01-01T24:00:00",
        ] {
            assert!(parse_stamp(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn extreme_years_parse_but_are_implausible() {
        let s = parse_stamp("99999-01-01").expect("chrono holds year 99999");
        assert!(!s.is_plausible());
        let zero = parse_stamp("0000-06-01").expect("year 0 exists in chrono");
        assert!(!zero.is_plausible());
    }

    #[test]
    fn loose_us_dates() {
        assert_eq!(
            parse_loose("12/31/2022 11:59 PM")
                .map(|s| s.to_string())
                .as_deref(),
            Some("2022-12-31T23:59:00")
        );
        assert_eq!(
            parse_loose("12/31/2022 12:10 PM")
                .map(|s| s.to_string())
                .as_deref(),
            Some("2022-12-31T12:10:00")
        );
        assert!(parse_loose("31/12/2022").is_none());
    }
}
