//! Summary statistics of one metric: median first, p90, mean, min, max, n and what was left
//! out, with the few long incidents that pull a mean up.

use super::*;
use crate::domain::model::Incident;
use crate::domain::sorted_map::SortedMap;
use serde::Serialize;

/// Summary statistics of one metric over a set of incidents.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    pub mean_secs: Option<f64>,
    pub median_secs: Option<f64>,
    pub p90_secs: Option<f64>,
    pub min_secs: Option<i64>,
    pub max_secs: Option<i64>,
    /// Incidents left out, by reason (serialised by its key: `missing`, `negative`, …).
    pub excluded: SortedMap<Exclusion, usize>,
    /// When the mean is more than three times the median: the few long incidents that pull it
    /// up, so that a card can say so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pulled_up_by: Option<Outliers>,
}

/// The long incidents that pull a mean far above the median.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Outliers {
    /// How many incidents last longer than `over_secs`.
    pub count: usize,
    pub over_secs: i64,
}

/// Below this many incidents a figure is shown with a "few incidents" note.
pub const FEW: usize = 5;

/// Below this many incidents no p90 is shown on screen (the CLI still reports it).
pub const P90_MIN_N: usize = 10;

/// The round thresholds a mean's outliers are counted over.
const OUTLIER_STEPS: [i64; 5] = [3_600, 6 * 3_600, 86_400, 7 * 86_400, 30 * 86_400];

fn outliers(sorted: &[i64], mean: f64, median: f64) -> Option<Outliers> {
    if !(median > 0.0 && mean > 3.0 * median) {
        return None;
    }
    let over = OUTLIER_STEPS
        .iter()
        .copied()
        .find(|s| *s as f64 >= 10.0 * median)
        .unwrap_or(30 * 86_400);
    let count_over = |x: i64| sorted.len() - sorted.partition_point(|v| *v <= x);
    let (count, over) = match count_over(over) {
        0 => {
            let p90 = percentile(sorted, 0.9).map_or(over, |p| p as i64);
            (count_over(p90), p90)
        }
        n => (n, over),
    };
    (count > 0).then_some(Outliers {
        count,
        over_secs: over,
    })
}

impl Summary {
    /// The p90 as shown to people: none under [`P90_MIN_N`] incidents, where the tenth-worst
    /// incident does not exist and the "p90" would be the maximum or an interpolation.
    ///
    /// ```
    /// use aftermath::domain::metrics::Summary;
    /// let few = Summary::of_values(vec![60, 120, 3_600], Default::default());
    /// assert!(few.p90_secs.is_some() && few.p90_shown().is_none());
    /// let ten = Summary::of_values((1..=10).map(|m| m * 60).collect(), Default::default());
    /// assert_eq!(ten.p90_shown(), ten.p90_secs);
    /// ```
    pub fn p90_shown(&self) -> Option<f64> {
        (self.n >= P90_MIN_N).then_some(self.p90_secs).flatten()
    }

    /// Summarises durations (already filtered to valid ones), in any order.
    pub fn of_values(mut values: Vec<i64>, excluded: SortedMap<Exclusion, usize>) -> Summary {
        values.sort_unstable();
        Summary::of_sorted(&values, excluded)
    }

    /// Summarises durations already sorted ascending (the dashboard's path: no sort).
    pub fn of_sorted(sorted: &[i64], excluded: SortedMap<Exclusion, usize>) -> Summary {
        let n = sorted.len();
        if n == 0 {
            return Summary {
                excluded,
                ..Summary::default()
            };
        }
        let sum: f64 = sorted.iter().map(|v| *v as f64).sum();
        let mean = sum / n as f64;
        let median = percentile(sorted, 0.5);
        Summary {
            n,
            mean_secs: Some(mean),
            median_secs: median,
            p90_secs: percentile(sorted, 0.9),
            min_secs: sorted.first().copied(),
            max_secs: sorted.last().copied(),
            excluded,
            pulled_up_by: median.and_then(|m| outliers(sorted, mean, m)),
        }
    }

    /// Summarises per-incident results (a duration, or why it is left out).
    pub fn of_results(results: impl IntoIterator<Item = Result<i64, Exclusion>>) -> Summary {
        let mut values = Vec::new();
        let mut excluded: SortedMap<Exclusion, usize> = SortedMap::new();
        for r in results {
            match r {
                Ok(v) => values.push(v),
                Err(reason) => *excluded.entry(reason).or_default() += 1,
            }
        }
        Summary::of_values(values, excluded)
    }
}

/// Linear interpolation between closest ranks (numpy's default) over sorted values.
///
/// ```
/// use aftermath::domain::metrics::percentile;
/// assert_eq!(percentile(&[1, 2, 3, 4], 0.5), Some(2.5));
/// assert_eq!(percentile(&[10, 20, 30, 40, 50], 0.9), Some(46.0));
/// assert_eq!(percentile(&[], 0.5), None);
/// ```
pub fn percentile(sorted: &[i64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = p.clamp(0.0, 1.0) * last as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    let a = *sorted.get(lo)? as f64;
    let b = *sorted.get(hi)? as f64;
    Some(a + (b - a) * (rank - lo as f64))
}

/// One metric over a set of incidents.
pub fn summarize<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    interval: Interval,
) -> Summary {
    Summary::of_results(incidents.into_iter().map(|inc| duration(inc, interval)))
}
