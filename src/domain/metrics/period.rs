//! Periods (week, month, quarter) and the trend of counts per severity over them.

use super::*;
use crate::domain::model::Incident;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Calendar buckets for trends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    Month,
    Quarter,
}

impl Period {
    /// The first day of the period containing `date` (ISO weeks start on Monday).
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => {
                date - chrono::TimeDelta::days(i64::from(date.weekday().num_days_from_monday()))
            }
            Period::Month => date.with_day(1).unwrap_or(date),
            Period::Quarter => {
                let month = (date.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
            }
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => start + chrono::TimeDelta::days(7),
            Period::Month => start
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(start),
            Period::Quarter => start
                .checked_add_months(chrono::Months::new(3))
                .unwrap_or(start),
        }
    }

    /// `2024-W07`, `2024-02`, `2024-Q1`.
    /// The period for people: the week of `8 Sep 2025` (its Monday), `Nov 2025`, `Q3 2025`.
    pub fn label(self, start: NaiveDate) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS.get(start.month0() as usize).copied().unwrap_or("?");
        match self {
            Period::Week => format!("{} {month} {}", start.day(), start.year()),
            Period::Month => format!("{month} {}", start.year()),
            Period::Quarter => format!("Q{} {}", start.month0() / 3 + 1, start.year()),
        }
    }

    /// The period's name: `week`, `month`, `quarter`.
    pub fn name(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
        }
    }

    /// How many of these periods a trend chart draws before it shows only the latest (the
    /// table beside it lists them all).
    pub fn most_bars(self) -> usize {
        match self {
            Period::Week => 53,
            Period::Month => 60,
            Period::Quarter => 40,
        }
    }
}

/// One period of a trend.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bucket {
    pub label: String,
    pub start: NaiveDate,
    /// Incidents per severity level: index 0 = unknown, 1..=4 = levels.
    pub by_level: [usize; 5],
    pub count: usize,
    pub ttr: Summary,
}

/// Counts per severity per period, from the first to the last incident's period, with empty
/// periods included (a gap is information). Incidents without a date are left out.
pub fn trend(incidents: &[&Incident], period: Period, defs: &Definitions) -> Vec<Bucket> {
    trend_of(&Prepared::new(incidents, defs), period)
}

/// [`trend`] over prepared incidents.
pub fn trend_of(p: &Prepared, period: Period) -> Vec<Bucket> {
    let starts_of_rows: Vec<Option<NaiveDate>> = p
        .days
        .iter()
        .map(|d| d.map(|d| period.start_of(d)))
        .collect();
    let (Some(first), Some(last)) = (
        starts_of_rows.iter().flatten().min().copied(),
        starts_of_rows.iter().flatten().max().copied(),
    ) else {
        return Vec::new();
    };
    let mut starts = vec![first];
    // Bounded: at most ~100 years of weeks.
    while let Some(&cursor) = starts.last() {
        let next = period.next(cursor);
        if next > last || next <= cursor || starts.len() >= 6000 {
            break;
        }
        starts.push(next);
    }
    let bucket: Vec<Option<usize>> = starts_of_rows
        .iter()
        .map(|s| s.and_then(|s| starts.binary_search(&s).ok()))
        .collect();
    let mut by_level = vec![[0usize; 5]; starts.len()];
    for (row, b) in bucket.iter().enumerate() {
        if let (Some(counts), Some(level)) =
            (b.and_then(|b| by_level.get_mut(b)), p.levels.get(row))
        {
            if let Some(c) = counts.get_mut(usize::from(*level)) {
                *c += 1;
            }
        }
    }
    let ttr = p.summaries(Metric::Ttr, starts.len(), |row, add| {
        if let Some(b) = bucket.get(row).copied().flatten() {
            add(b);
        }
    });
    starts
        .into_iter()
        .zip(by_level)
        .zip(ttr)
        .map(|((start, by_level), ttr)| Bucket {
            label: period.label(start),
            start,
            by_level,
            count: by_level.iter().sum(),
            ttr,
        })
        .collect()
}
