//! What a document says about itself besides its prose: the date and year its title, front
//! matter, file name and path carry, used before "today" to complete dates written without a
//! year; and the title a document without one is shown under.

use super::doc::{Doc, Shape};
use crate::domain::scan::{self, FoundDate};
use chrono::{Datelike, NaiveDate};

/// What a text reader knows beyond the text itself.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextContext<'a> {
    /// "Today": dates without a year are never placed after it.
    pub reference_date: NaiveDate,
    /// A date the front matter gives (the incident's start, or a post's publication date).
    pub known_date: Option<NaiveDate>,
    /// The file's path as given (`posts/2025-10-21-flags.md`, `bundle.zip!/2024/x.md`).
    pub path: &'a str,
    /// The title the front matter gives.
    pub title: Option<&'a str>,
}

/// The latest date the incident can have, or at least its year, from the document's context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Anchor {
    /// A full date known to be on or after the incident (a title date, a post's date).
    pub date: Option<NaiveDate>,
    pub year: Option<i32>,
}

impl TextContext<'_> {
    /// The anchor for year inference: the title's date or year, then the front matter's date,
    /// then the file name's date, then a year in the path.
    pub fn anchor(&self, doc_title: Option<&str>) -> Anchor {
        let title = self.title.or(doc_title).unwrap_or("");
        let title_dates = scan::find_dates(title, super::doc::is_french(title));
        if let Some(d) = title_dates.iter().find_map(|d| {
            d.year
                .and_then(|y| NaiveDate::from_ymd_opt(y, d.month, d.day))
        }) {
            return Anchor {
                date: Some(d),
                year: Some(d.year()),
            };
        }
        let title_year = standalone_year(title);
        let path = path_date(self.path);
        let date = self.known_date.or(path.0);
        Anchor {
            date,
            year: title_year.or(date.map(|d| d.year())).or(path.1),
        }
    }
}

/// A year standing alone in a text ("(October 2025)", "Incidents, 2025").
pub(crate) fn standalone_year(text: &str) -> Option<i32> {
    scan::tokens(text).iter().find_map(|t| {
        let y: i32 = t.text.parse().ok().filter(|_| t.text.len() == 4)?;
        (2000..=2100).contains(&y).then_some(y)
    })
}

/// A date and a year in a path: `2025-10-21-flags.md`, `20220523-boucle.md`, `2021_05_09.md`
/// (date), `/2024/`, `2021-05/` (year).
pub(crate) fn path_date(path: &str) -> (Option<NaiveDate>, Option<i32>) {
    let name = path.rsplit(['/', '\\', '!']).next().unwrap_or(path);
    let digits_date = |s: &str| -> Option<NaiveDate> {
        let d: String = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '_'))
            .collect();
        let parts: Vec<&str> = d.split(['-', '_']).filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [y, m, day, ..] if y.len() == 4 => NaiveDate::from_ymd_opt(
                y.parse().ok()?,
                m.parse().ok()?,
                day.get(..2.min(day.len()))?.parse().ok()?,
            ),
            [compact, ..] if compact.len() == 8 => NaiveDate::from_ymd_opt(
                compact.get(..4)?.parse().ok()?,
                compact.get(4..6)?.parse().ok()?,
                compact.get(6..8)?.parse().ok()?,
            ),
            _ => None,
        }
    };
    // `incident-du-22-septembre-2021.md`: a date written in words in a slug.
    let words_date = || {
        let spaced: String = name
            .rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .chars()
            .map(|c| if c == '-' || c == '_' { ' ' } else { c })
            .collect();
        scan::find_dates(&spaced, true)
            .into_iter()
            .find_map(|d| NaiveDate::from_ymd_opt(d.year?, d.month, d.day))
    };
    let date = digits_date(name)
        .or_else(words_date)
        .filter(|d| (1990..=2100).contains(&d.year()));
    let year = date.map(|d| d.year()).or_else(|| {
        path.split(['/', '\\', '!']).rev().skip(1).find_map(|part| {
            let y: i32 = part.get(..4)?.parse().ok()?;
            let rest = part.get(4..)?;
            ((1990..=2100).contains(&y) && (rest.is_empty() || rest.starts_with(['-', '_'])))
                .then_some(y)
        })
    });
    (date, year)
}

/// Picks a year for a date written without one. Order: a weekday named beside it (the nearest
/// year, not after the anchor or the reference date, where the date falls on that weekday),
/// then the anchor (its year, or the year before when the date would fall after the anchor
/// date), then a year found elsewhere in the document, then the reference date's year (the
/// previous year when the date would lie in the future). The caller marks the year inferred.
pub(crate) fn infer_year(
    found: &FoundDate,
    anchor: Anchor,
    doc_year: Option<i32>,
    reference: NaiveDate,
) -> Option<i32> {
    let limit = anchor
        .date
        .map(|d| d.checked_add_days(chrono::Days::new(1)).unwrap_or(d))
        .unwrap_or(reference)
        .min(reference);
    if let Some(wd) = found.weekday {
        let mut year = anchor.year.unwrap_or(limit.year()).min(limit.year());
        for _ in 0..30 {
            if let Some(d) = NaiveDate::from_ymd_opt(year, found.month, found.day) {
                if d <= limit && d.weekday().num_days_from_monday() == wd {
                    return Some(year);
                }
            }
            year -= 1;
        }
    }
    if let Some(y) = anchor.year {
        let on = NaiveDate::from_ymd_opt(y, found.month, found.day);
        let after_anchor = on
            .zip(anchor.date)
            .is_some_and(|(d, a)| d > a.checked_add_days(chrono::Days::new(1)).unwrap_or(a));
        return Some(if after_anchor { y - 1 } else { y });
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

/// A date found in text, completed with a year when it has none. Returns the date and whether
/// the year was inferred.
pub(crate) fn complete(
    found: &FoundDate,
    anchor: Anchor,
    doc_year: Option<i32>,
    reference: NaiveDate,
) -> Option<(NaiveDate, bool)> {
    match found.year {
        Some(y) => NaiveDate::from_ymd_opt(y, found.month, found.day).map(|d| (d, false)),
        None => {
            let y = infer_year(found, anchor, doc_year, reference)?;
            NaiveDate::from_ymd_opt(y, found.month, found.day).map(|d| (d, true))
        }
    }
}

/// Phrases that open a title line of a plain-text postmortem.
const TITLE_STARTS: &[&str] = &[
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

/// The document's own title: its first heading (the first among the first lines), a line that
/// opens like a title ("Retour sur l'incident du …"), or a short line standing alone above the
/// text.
pub(crate) fn title_of(doc: &Doc<'_>) -> Option<String> {
    let first_lines: Vec<_> = doc.lines.iter().filter(|l| !l.code).take(8).collect();
    for line in &first_lines {
        if line.shape == Shape::Heading
            && !line.text.is_empty()
            && doc.section_of(line).is_some_and(|s| s.role.is_none())
        {
            return Some(line.plain());
        }
        let lower = line.text.to_lowercase();
        if TITLE_STARTS.iter().any(|s| lower.starts_with(s)) && line.text.chars().count() <= 140 {
            return Some(line.plain().trim_end_matches([':', '.']).to_string());
        }
    }
    let mut text_lines = doc
        .lines
        .iter()
        .filter(|l| !l.code)
        .skip_while(|l| l.shape == Shape::Blank);
    let first = text_lines.next()?;
    let next_blank = text_lines.next().is_none_or(|l| l.shape == Shape::Blank);
    let t = first.text;
    let words = t.split_whitespace().count();
    let sentence_like = t.ends_with(['.', '!', '?', ',', ';']) || t.contains(". ");
    (first.shape == Shape::Plain
        && next_blank
        && (2..=14).contains(&words)
        && t.chars().count() <= 100
        && !sentence_like)
        .then(|| first.plain().trim_end_matches(':').to_string())
}

/// A title for a document without one: its first sentence, cut at a word near 80 characters.
pub(crate) fn first_sentence_title(doc: &Doc<'_>) -> Option<String> {
    let (sentence, _) = doc
        .sentences(|_| true)
        .into_iter()
        .find(|(s, _)| s.chars().filter(|c| c.is_alphabetic()).count() >= 12)?;
    let plain = super::doc::plain(&sentence);
    let plain = plain.trim_end_matches(['.', ':', ';']).to_string();
    if plain.chars().count() <= 90 {
        return Some(plain);
    }
    let mut cut = String::new();
    for word in plain.split_whitespace() {
        if cut.chars().count() + word.chars().count() > 80 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':'])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn dates_and_years_in_paths() {
        assert_eq!(
            path_date("posts/2025-10-21-flags.md"),
            (Some(date(2025, 10, 21)), Some(2025))
        );
        assert_eq!(
            path_date("pm/20220523-boucle.md"),
            (Some(date(2022, 5, 23)), Some(2022))
        );
        assert_eq!(path_date("archive/2024/flags.md"), (None, Some(2024)));
        assert_eq!(path_date("x.zip!/2021-05/website.md"), (None, Some(2021)));
        assert_eq!(path_date("notes/readme.md"), (None, None));
    }

    #[test]
    fn year_before_the_anchor_date_wraps_back() {
        let dec = FoundDate {
            year: None,
            month: 12,
            day: 28,
            weekday: None,
            start: 0,
            end: 0,
        };
        let anchor = Anchor {
            date: Some(date(2025, 1, 5)),
            year: Some(2025),
        };
        assert_eq!(
            infer_year(&dec, anchor, None, date(2026, 11, 1)),
            Some(2024)
        );
        let oct = FoundDate {
            month: 10,
            day: 14,
            ..dec
        };
        let anchor = Anchor {
            date: Some(date(2025, 10, 21)),
            year: Some(2025),
        };
        assert_eq!(
            infer_year(&oct, anchor, None, date(2026, 11, 1)),
            Some(2025)
        );
        let title_year = Anchor {
            date: None,
            year: Some(2023),
        };
        assert_eq!(
            infer_year(&oct, title_year, Some(2019), date(2026, 11, 1)),
            Some(2023)
        );
    }
}
