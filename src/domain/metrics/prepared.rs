//! Per-incident inputs of every metric, computed once per data set and definitions, so that a
//! filter change selects rows instead of recomputing durations.

use super::*;
use crate::domain::model::Incident;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// Per-incident inputs of every metric, computed once per data set and definitions: the four
/// durations (or why each is left out), severity level, calendar day and interned service ids.
///
/// Grouping by severity, service or period then works on small integers instead of walking
/// strings and timestamps in every chart. It owns its data (no borrow of the incidents), so the
/// browser keeps one per data set and takes a [`Prepared::subset`] per filter change instead
/// of recomputing every duration.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// Position of each row in the incident list given to [`Prepared::new`].
    pub(super) positions: Vec<u32>,
    /// ttd, tta, ttm, ttr under `defs`.
    pub(super) durations: Vec<[Result<i64, Exclusion>; 4]>,
    /// 0 = unknown, 1..=4.
    pub(super) levels: Vec<u8>,
    pub(super) days: Vec<Option<NaiveDate>>,
    /// The anchor's sort key (UTC, or the wall clock of a floating time): orders a day's boxes.
    pub(super) sort_keys: Vec<Option<NaiveDateTime>>,
    /// Per metric (in `Metric::ALL` order), the rows with a valid duration, shortest first (ties
    /// in row order). Summaries read medians and percentiles off it, so a filter change never
    /// sorts: a subset keeps the order by dropping rows.
    pub(super) order: [Vec<u32>; 4],
    pub(super) service_names: Vec<String>,
    /// Service ids of row `i` are `service_ids[service_start[i]..service_start[i + 1]]`.
    pub(super) service_ids: Vec<u32>,
    pub(super) service_start: Vec<u32>,
    pub(super) defs: Definitions,
}

impl Prepared {
    /// Computes the per-incident inputs once.
    pub fn new(incidents: &[&Incident], defs: &Definitions) -> Self {
        let n = incidents.len();
        let mut interner = Interner::default();
        let mut service_ids = Vec::with_capacity(n * 2);
        let mut service_start = Vec::with_capacity(n + 1);
        service_start.push(0);
        for inc in incidents {
            service_ids.extend(inc.services.iter().map(|s| interner.id(s.as_str())));
            service_start.push(u32::try_from(service_ids.len()).unwrap_or(u32::MAX));
        }
        let durations: Vec<[Result<i64, Exclusion>; 4]> = incidents
            .iter()
            .map(|i| Metric::ALL.map(|m| defs.duration(i, m)))
            .collect();
        let order = [0, 1, 2, 3].map(|slot| {
            let mut rows: Vec<(i64, u32)> = durations
                .iter()
                .enumerate()
                .filter_map(|(row, d)| {
                    let v = d.get(slot)?.ok()?;
                    Some((v, u32::try_from(row).ok()?))
                })
                .collect();
            rows.sort_unstable();
            rows.into_iter().map(|(_, row)| row).collect()
        });
        let anchors: Vec<Option<crate::domain::stamp::Stamp>> =
            incidents.iter().map(|i| i.anchor()).collect();
        Prepared {
            positions: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
            durations,
            levels: incidents
                .iter()
                .map(|i| i.severity.level.unwrap_or(0).min(4))
                .collect(),
            days: anchors.iter().map(|a| a.map(|s| s.local_date())).collect(),
            sort_keys: anchors.iter().map(|a| a.map(|s| s.sort_key())).collect(),
            order,
            service_names: interner.names.iter().map(|s| (*s).to_string()).collect(),
            service_ids,
            service_start,
            defs: *defs,
        }
    }

    /// The rows whose positions (in the list given to `new`) are in `keep`, ascending: a copy of
    /// small per-row data, no duration recomputed.
    pub fn subset(&self, keep: &[usize]) -> Prepared {
        if keep.len() == self.len() && keep.iter().enumerate().all(|(n, &i)| n == i) {
            return self.clone();
        }
        let mut out = Prepared {
            positions: Vec::with_capacity(keep.len()),
            durations: Vec::with_capacity(keep.len()),
            levels: Vec::with_capacity(keep.len()),
            days: Vec::with_capacity(keep.len()),
            sort_keys: Vec::with_capacity(keep.len()),
            order: Default::default(),
            service_names: self.service_names.clone(),
            service_ids: Vec::with_capacity(keep.len() * 2),
            service_start: Vec::with_capacity(keep.len() + 1),
            defs: self.defs,
        };
        out.service_start.push(0);
        // Old row → new row (u32::MAX: not kept), to carry the duration orders over.
        let mut renumber = vec![u32::MAX; self.len()];
        for &i in keep {
            let (Some(pos), Some(d), Some(l), Some(day), Some(key), Some(new)) = (
                self.positions.get(i),
                self.durations.get(i),
                self.levels.get(i),
                self.days.get(i),
                self.sort_keys.get(i),
                renumber.get_mut(i),
            ) else {
                continue;
            };
            *new = u32::try_from(out.positions.len()).unwrap_or(u32::MAX);
            out.positions.push(*pos);
            out.durations.push(*d);
            out.levels.push(*l);
            out.days.push(*day);
            out.sort_keys.push(*key);
            out.service_ids.extend_from_slice(self.services_of(i));
            out.service_start
                .push(u32::try_from(out.service_ids.len()).unwrap_or(u32::MAX));
        }
        for (mine, theirs) in out.order.iter_mut().zip(&self.order) {
            *mine = theirs
                .iter()
                .filter_map(|row| renumber.get(*row as usize).copied())
                .filter(|new| *new != u32::MAX)
                .collect();
        }
        out
    }

    /// The ids of services named `name` (any case).
    pub fn service_ids(&self, name: &str) -> Vec<u32> {
        self.service_names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.eq_ignore_ascii_case(name))
            .filter_map(|(id, _)| u32::try_from(id).ok())
            .collect()
    }

    /// Whether row `i` names any of the services `ids`.
    pub fn has_service(&self, i: usize, ids: &[u32]) -> bool {
        self.services_of(i).iter().any(|id| ids.contains(id))
    }

    /// Row `i`'s severity level (0 unknown, levels above 4 as 4).
    pub fn level_of(&self, i: usize) -> u8 {
        self.levels.get(i).copied().unwrap_or(0)
    }

    /// How many incidents.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The definitions the durations were computed with.
    pub fn definitions(&self) -> Definitions {
        self.defs
    }

    /// Why each metric leaves row `i` out (`None` when it counts), in `Metric::ALL` order.
    pub fn exclusions(&self, i: usize) -> [Option<Exclusion>; 4] {
        self.durations
            .get(i)
            .map_or([None; 4], |d| d.map(|r| r.err()))
    }

    /// The position of row `i` in the list given to `new`.
    pub fn position(&self, i: usize) -> Option<usize> {
        self.positions.get(i).map(|p| *p as usize)
    }

    pub(super) fn services_of(&self, i: usize) -> &[u32] {
        let (Some(a), Some(b)) = (self.service_start.get(i), self.service_start.get(i + 1)) else {
            return &[];
        };
        self.service_ids
            .get(*a as usize..*b as usize)
            .unwrap_or(&[])
    }

    /// Row `i`'s duration for `metric`, or why it is left out.
    pub fn result(&self, i: usize, metric: Metric) -> Option<Result<i64, Exclusion>> {
        self.durations
            .get(i)
            .and_then(|d| d.get(metric.slot()))
            .copied()
    }

    /// Row `i`'s local day (of its anchor, see [`Incident::anchor`]).
    pub fn day(&self, i: usize) -> Option<NaiveDate> {
        self.days.get(i).copied().flatten()
    }

    /// Row `i`'s anchor sort key: orders incidents within a day.
    pub fn sort_key(&self, i: usize) -> Option<NaiveDateTime> {
        self.sort_keys.get(i).copied().flatten()
    }

    /// The latest day of any row.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.days.iter().flatten().max().copied()
    }

    /// The valid durations of one metric per severity level (index 0 = unknown, 1..=4),
    /// ascending: the duration distribution chart's input.
    pub fn values_by_level(&self, metric: Metric) -> [Vec<i64>; 5] {
        let mut out: [Vec<i64>; 5] = Default::default();
        for &row in self.order(metric) {
            let row = row as usize;
            let level = self.levels.get(row).copied().unwrap_or(0);
            if let (Some(Ok(d)), Some(slot)) =
                (self.result(row, metric), out.get_mut(usize::from(level)))
            {
                slot.push(d);
            }
        }
        out
    }

    /// The rows with a valid duration of `metric`, shortest first.
    pub(super) fn order(&self, metric: Metric) -> &[u32] {
        self.order.get(metric.slot()).map_or(&[], Vec::as_slice)
    }

    /// The `n` incidents with the longest valid duration of `metric`, longest first;
    /// `incidents` is the list given to `new`.
    pub fn longest<'a>(
        &self,
        incidents: &[&'a Incident],
        metric: Metric,
        n: usize,
    ) -> Vec<(&'a Incident, i64)> {
        let mut all: Vec<(&'a Incident, i64)> = (0..self.len())
            .filter_map(|i| {
                let inc = self.position(i).and_then(|p| incidents.get(p))?;
                match self.result(i, metric) {
                    Some(Ok(d)) => Some((*inc, d)),
                    _ => None,
                }
            })
            .collect();
        crate::domain::order::sort_by(&mut all, |a, b| {
            b.1.cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id))
        });
        all.truncate(n);
        all
    }

    /// The `n` most severe incidents (level 1 first; longer first within a level); incidents
    /// of unknown severity are never listed.
    pub fn most_severe<'a>(&self, incidents: &[&'a Incident], n: usize) -> Vec<&'a Incident> {
        let mut all: Vec<(u8, i64, &'a Incident)> = (0..self.len())
            .filter_map(|i| {
                let level = *self.levels.get(i)?;
                let inc = *self.position(i).and_then(|p| incidents.get(p))?;
                let d = self
                    .result(i, Metric::Ttr)
                    .and_then(Result::ok)
                    .unwrap_or(0);
                (level != 0).then_some((level, d, inc))
            })
            .collect();
        crate::domain::order::sort_by(&mut all, |a, b| {
            a.0.cmp(&b.0)
                .then(b.1.cmp(&a.1))
                .then_with(|| a.2.id.cmp(&b.2.id))
        });
        all.into_iter().take(n).map(|(_, _, inc)| inc).collect()
    }

    /// One metric over every row.
    pub(super) fn summary(&self, metric: Metric) -> Summary {
        let mut groups = self.summaries(metric, 1, |_, add| add(0));
        groups.pop().unwrap_or_default()
    }

    /// One metric per group, without sorting: `groups_of(row, add)` calls `add(g)` for each
    /// group `g < groups` the row belongs to (a row may be in several, like services).
    pub(super) fn summaries(
        &self,
        metric: Metric,
        groups: usize,
        groups_of: impl Fn(usize, &mut dyn FnMut(usize)),
    ) -> Vec<Summary> {
        let mut values: Vec<Vec<i64>> = vec![Vec::new(); groups];
        // Counted per reason in a small array, turned into the map once per group.
        let mut excluded = vec![[0usize; Exclusion::ALL.len()]; groups];
        for row in 0..self.len() {
            if let Some(Err(reason)) = self.result(row, metric) {
                groups_of(row, &mut |g| {
                    if let Some(c) = excluded.get_mut(g).and_then(|e| e.get_mut(reason as usize)) {
                        *c += 1;
                    }
                });
            }
        }
        for &row in self.order(metric) {
            let row = row as usize;
            if let Some(Ok(v)) = self.result(row, metric) {
                groups_of(row, &mut |g| {
                    if let Some(list) = values.get_mut(g) {
                        list.push(v);
                    }
                });
            }
        }
        values
            .iter()
            .zip(excluded)
            .map(|(sorted, counts)| {
                let excluded = Exclusion::ALL
                    .iter()
                    .zip(counts)
                    .filter(|(_, n)| *n > 0)
                    .map(|(reason, n)| (*reason, n))
                    .collect();
                Summary::of_sorted(sorted, excluded)
            })
            .collect()
    }
}

/// Service names to small ids. Archives name few services, so a linear scan (no hashing)
/// serves them fastest; past `LINEAR` names a sorted map takes over.
#[derive(Default)]
struct Interner<'a> {
    names: Vec<&'a str>,
    sorted: BTreeMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    const LINEAR: usize = 64;

    fn id(&mut self, name: &'a str) -> u32 {
        let found = if self.names.len() <= Self::LINEAR {
            // Length and first byte first: most names differ there, without a comparison
            // call per name (a third of the figures' time on 40k incidents was spent so).
            let first = name.as_bytes().first();
            (self.names.iter())
                .position(|n| n.len() == name.len() && n.as_bytes().first() == first && *n == name)
                .map(|i| i as u32)
        } else {
            self.sorted.get(name).copied()
        };
        if let Some(id) = found {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name);
        if self.names.len() > Self::LINEAR {
            if self.sorted.is_empty() {
                self.sorted = self
                    .names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (*n, i as u32))
                    .collect();
            }
            self.sorted.insert(name, id);
        }
        id
    }
}
