//! Instants as incident documents give them: either pinned to a UTC offset, or a floating
//! wall-clock time when the source names no zone.
//!
//! A floating time is never silently turned into UTC: it is kept as written and shown as
//! written. Durations between two floating times of one document are exact (they share the
//! unknown zone); between a floating and a zoned time the floating one is read in the zoned
//! one's offset, which is the only honest guess available.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Years outside this range are treated as typos (`0021`, `99999`), never as data.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1970..=2200;

/// One point in time from a source document.
///
/// ```
/// use aftermath::domain::stamp::Stamp;
/// let s: Stamp = "2022-10-11T13:57:00+02:00".parse().unwrap();
/// assert_eq!(s.to_string(), "2022-10-11T13:57:00+02:00");
/// let f: Stamp = "2021-09-22T16:00:00".parse().unwrap();
/// assert!(f.is_floating());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stamp {
    /// A time with a known UTC offset.
    Zoned(DateTime<FixedOffset>),
    /// A wall-clock time in an unknown zone.
    Floating(NaiveDateTime),
}

impl Stamp {
    /// Whether the source gave no zone for this time.
    pub fn is_floating(&self) -> bool {
        matches!(self, Stamp::Floating(_))
    }

    /// The wall-clock time as written in the source.
    pub fn local(&self) -> NaiveDateTime {
        match self {
            Stamp::Zoned(t) => t.naive_local(),
            Stamp::Floating(t) => *t,
        }
    }

    /// The calendar day as written in the source (used for day cells and periods).
    pub fn local_date(&self) -> NaiveDate {
        self.local().date()
    }

    /// The offset, when known.
    pub fn offset(&self) -> Option<FixedOffset> {
        match self {
            Stamp::Zoned(t) => Some(*t.offset()),
            Stamp::Floating(_) => None,
        }
    }

    /// A sort key: UTC for zoned times, the wall clock for floating ones.
    pub fn sort_key(&self) -> NaiveDateTime {
        match self {
            Stamp::Zoned(t) => t.naive_utc(),
            Stamp::Floating(t) => *t,
        }
    }

    /// `later - self`. A floating side is read in the other side's offset.
    pub fn until(&self, later: &Stamp) -> TimeDelta {
        match (self, later) {
            (Stamp::Zoned(a), Stamp::Zoned(b)) => b.signed_duration_since(*a),
            (Stamp::Floating(a), Stamp::Floating(b)) => b.signed_duration_since(*a),
            (Stamp::Zoned(a), Stamp::Floating(b)) => b.signed_duration_since(a.naive_local()),
            (Stamp::Floating(a), Stamp::Zoned(b)) => b.naive_local().signed_duration_since(*a),
        }
    }

    /// The same instant moved by `delta`.
    pub fn plus(&self, delta: TimeDelta) -> Option<Stamp> {
        match self {
            Stamp::Zoned(t) => t.checked_add_signed(delta).map(Stamp::Zoned),
            Stamp::Floating(t) => t.checked_add_signed(delta).map(Stamp::Floating),
        }
    }

    /// A floating time on `date` at `time`, optionally pinned to `offset`.
    pub fn at(date: NaiveDate, time: NaiveTime, offset: Option<FixedOffset>) -> Option<Stamp> {
        let naive = date.and_time(time);
        match offset {
            None => Some(Stamp::Floating(naive)),
            Some(off) => naive.and_local_timezone(off).single().map(Stamp::Zoned),
        }
    }

    /// Whether the year is one a real incident can have.
    pub fn is_plausible(&self) -> bool {
        use chrono::Datelike;
        PLAUSIBLE_YEARS.contains(&self.local().year())
    }
}

/// `YYYY-MM-DDTHH:MM:SS`, written by hand: chrono's strftime machinery would add tens of
/// kilobytes to the web bundle for this one format.
pub fn write_wall_clock(f: &mut impl fmt::Write, t: NaiveDateTime) -> fmt::Result {
    use chrono::{Datelike, Timelike};
    write!(
        f,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_wall_clock(f, self.local())?;
        if let Some(off) = self.offset() {
            let secs = off.local_minus_utc();
            let sign = if secs < 0 { '-' } else { '+' };
            let abs = secs.abs();
            write!(f, "{sign}{:02}:{:02}", abs / 3600, (abs % 3600) / 60)?;
        }
        Ok(())
    }
}

/// Why a text is not a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StampError {
    /// The text as found.
    pub text: String,
}

impl fmt::Display for StampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid date/time", self.text)
    }
}

impl std::error::Error for StampError {}

impl std::str::FromStr for Stamp {
    type Err = StampError;

    /// Strict RFC 3339 (with or without offset, `T` or space), or a bare date at midnight.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::domain::dates::parse_stamp(s).ok_or_else(|| StampError {
            text: s.to_string(),
        })
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor instead of `String::deserialize`: no allocation per timestamp.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Stamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Stamp, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}
