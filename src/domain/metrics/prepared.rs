//! Per-incident inputs of every metric, computed once per data set and definitions, so that a
//! filter change selects rows instead of recomputing durations.

use super::*;
use crate::domain::model::Incident;
use chrono::{NaiveDate, NaiveDateTime};

/// Per-incident inputs of every metric, computed once per data set and definitions: the four
/// durations (or why each is left out), severity level, calendar day and interned service ids.
///
/// Grouping by severity, service or period then works on small integers instead of walking
/// strings and timestamps in every chart. It owns its data (no borrow of the incidents), so the
/// browser keeps one per data set and takes a [`Prepared::subset`] per filter change instead
/// of recomputing every duration.
#[derive(Clone, Debug, PartialEq, Eq)]
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
        // Service names are interned in passes without a branch on their contents (gather
        // the names, then read a key from each, then match keys): each name lives in its own
        // allocation, and a pass that compares as it goes waits for every one of them in turn
        // (on 40k incidents, half the figures' time), where these let the reads overlap.
        let mut names: Vec<&str> = Vec::with_capacity(n * 2);
        let mut service_start = Vec::with_capacity(n + 1);
        service_start.push(0);
        for inc in incidents {
            names.extend(inc.services.iter().map(String::as_str));
            service_start.push(u32::try_from(names.len()).unwrap_or(u32::MAX));
        }
        let keys: Vec<NameKey> = names.iter().map(|s| NameKey::of(s)).collect();
        let mut interner = Interner::default();
        let service_ids: Vec<u32> = names
            .iter()
            .zip(&keys)
            .map(|(name, key)| interner.id_keyed(name, *key))
            .collect();
        let mut durations: Vec<[Result<i64, Exclusion>; 4]> = Vec::with_capacity(n);
        let mut levels = Vec::with_capacity(n);
        let mut days = Vec::with_capacity(n);
        let mut sort_keys = Vec::with_capacity(n);
        // One pass: each incident is read from memory once (on 40k incidents, a pass per
        // input read them four times over, most of the figures' time).
        for inc in incidents {
            let (d, level, day, key) = row_of(inc, defs);
            durations.push(d);
            levels.push(level);
            days.push(day);
            sort_keys.push(key);
        }
        let order = orders(&durations);
        Prepared {
            positions: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
            durations,
            levels,
            days,
            sort_keys,
            order,
            service_names: interner.names,
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
                let excluded = crate::domain::sorted_map::SortedMap::from_iter(
                    Exclusion::ALL
                        .iter()
                        .zip(counts)
                        .filter(|(_, n)| *n > 0)
                        .map(|(reason, n)| (*reason, n)),
                );
                Summary::of_sorted(sorted, excluded)
            })
            .collect()
    }
}

/// One incident's inputs: its four durations (or why each is left out), severity level, day
/// and sort key.
type Row = (
    [Result<i64, Exclusion>; 4],
    u8,
    Option<NaiveDate>,
    Option<NaiveDateTime>,
);

fn row_of(inc: &Incident, defs: &Definitions) -> Row {
    let anchor = inc.anchor();
    (
        Metric::ALL.map(|m| defs.duration(inc, m)),
        inc.severity.level.unwrap_or(0).min(4),
        anchor.map(|s| s.local_date()),
        anchor.map(|s| s.sort_key()),
    )
}

/// FNV-1a of an id (64 bits).
fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Per metric, the rows with a valid duration, shortest first (ties in row order).
fn orders(durations: &[[Result<i64, Exclusion>; 4]]) -> [Vec<u32>; 4] {
    [0, 1, 2, 3].map(|slot| {
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
    })
}

/// [`Prepared`] built one incident at a time, by a reader as it reads: each incident is still
/// in the processor's cache then, where a pass over a large import afterwards waits on memory
/// for most of its time (on 40k incidents, about 2 ms spread over the reading threads instead
/// of 10 after). Lists built apart (by two threads) are put together with
/// [`Rows::append`]; [`Rows::finish`] sorts the durations. The result equals
/// [`Prepared::new`] over the same incidents in the same order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rows {
    /// Everything but the duration orders (sorted at the end).
    p: Prepared,
    /// A hash of each incident's id, to tell at once whether any incident may have been read
    /// twice ([`Rows::may_repeat_ids`]).
    id_hashes: Vec<u64>,
    /// The ids themselves, end to end (incident `i`'s ends at `id_ends[i]`), for
    /// [`Rows::dedup`].
    ids: String,
    id_ends: Vec<usize>,
    /// The service names (given to `p` by [`Rows::finish`]).
    names: Interner,
}

impl Rows {
    pub fn new(defs: &Definitions) -> Rows {
        Rows {
            p: Prepared {
                positions: Vec::new(),
                durations: Vec::new(),
                levels: Vec::new(),
                days: Vec::new(),
                sort_keys: Vec::new(),
                order: Default::default(),
                service_names: Vec::new(),
                service_ids: Vec::new(),
                service_start: vec![0],
                defs: *defs,
            },
            id_hashes: Vec::new(),
            ids: String::new(),
            id_ends: Vec::new(),
            names: Interner::default(),
        }
    }

    /// How many incidents.
    pub fn len(&self) -> usize {
        self.p.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.p.is_empty()
    }

    /// The definitions the durations are computed with.
    pub fn definitions(&self) -> Definitions {
        self.p.defs
    }

    /// Adds the next incident.
    pub fn push(&mut self, inc: &Incident) {
        let (d, level, day, key) = row_of(inc, &self.p.defs);
        let position = u32::try_from(self.p.positions.len()).unwrap_or(u32::MAX);
        self.id_hashes.push(id_hash(&inc.id));
        self.ids.push_str(&inc.id);
        self.id_ends.push(self.ids.len());
        self.p.positions.push(position);
        self.p.durations.push(d);
        self.p.levels.push(level);
        self.p.days.push(day);
        self.p.sort_keys.push(key);
        for name in &inc.services {
            let id = self.names.id(name);
            self.p.service_ids.push(id);
        }
        self.p
            .service_start
            .push(u32::try_from(self.p.service_ids.len()).unwrap_or(u32::MAX));
    }

    /// Incident `i`'s id changed (the second reading thread's ids made from positions are
    /// made again from the document's).
    pub fn set_id(&mut self, i: usize, id: &str) {
        let Some(range) = self
            .id_range(i)
            .filter(|r| self.ids.get(r.clone()).is_some())
        else {
            return;
        };
        if let Some(hash) = self.id_hashes.get_mut(i) {
            *hash = id_hash(id);
        }
        let grown = id.len() as isize - range.len() as isize;
        self.ids.replace_range(range, id);
        if grown != 0 {
            for end in self.id_ends.iter_mut().skip(i) {
                *end = end.saturating_add_signed(grown);
            }
        }
    }

    /// Where incident `i`'s id is in `ids`.
    fn id_range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        let end = *self.id_ends.get(i)?;
        let start = i
            .checked_sub(1)
            .map_or(Some(0), |j| self.id_ends.get(j).copied())?;
        Some(start..end)
    }

    /// Incident `i`'s id.
    fn id_of(&self, i: usize) -> &str {
        self.id_range(i)
            .and_then(|r| self.ids.get(r))
            .unwrap_or_default()
    }

    /// Keeps one incident per id, as [`crate::domain::import::ImportResult::dedup`] does
    /// with the incidents (the last read wins, at the place of the first). Returns how many
    /// were merged away.
    pub fn dedup(&mut self) -> usize {
        let n = self.len();
        let mut slots: rustc_hash::FxHashMap<&str, (usize, usize)> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(n, Default::default());
        for i in 0..n {
            slots
                .entry(self.id_of(i))
                .and_modify(|s| s.1 = i)
                .or_insert((i, i));
        }
        if slots.len() == n {
            return 0;
        }
        let mut winners: Vec<(usize, usize)> = slots.into_values().collect();
        crate::domain::order::sort_by(&mut winners, |a, b| a.cmp(b));
        let mut kept = Rows::new(&self.p.defs);
        for (_, i) in winners {
            kept.push_row_of(self, i);
        }
        *self = kept;
        n - self.len()
    }

    /// Adds row `i` of `other` (its service names taken into this list).
    fn push_row_of(&mut self, other: &Rows, i: usize) {
        let o = &other.p;
        let (Some(d), Some(level), Some(day), Some(key), Some(hash)) = (
            o.durations.get(i),
            o.levels.get(i),
            o.days.get(i),
            o.sort_keys.get(i),
            other.id_hashes.get(i),
        ) else {
            return;
        };
        let position = u32::try_from(self.p.positions.len()).unwrap_or(u32::MAX);
        self.p.positions.push(position);
        self.p.durations.push(*d);
        self.p.levels.push(*level);
        self.p.days.push(*day);
        self.p.sort_keys.push(*key);
        self.id_hashes.push(*hash);
        self.ids.push_str(other.id_of(i));
        self.id_ends.push(self.ids.len());
        for id in o.services_of(i) {
            let id = self.names.id(other.names.name(*id));
            self.p.service_ids.push(id);
        }
        self.p
            .service_start
            .push(u32::try_from(self.p.service_ids.len()).unwrap_or(u32::MAX));
    }

    /// `false` when no two incidents share an id; `true` when two may (their ids hash alike:
    /// [`crate::domain::import::ImportResult::dedup`], which compares the ids themselves, then
    /// decides). A sort of the hashes: no input can make it slow, and ids made to hash alike
    /// only send the figures the long way.
    pub fn may_repeat_ids(&self) -> bool {
        let mut hashes = self.id_hashes.clone();
        hashes.sort_unstable();
        hashes.windows(2).any(|w| w.first() == w.get(1))
    }

    /// Adds `other`'s incidents after these (its service names taken into this list).
    pub fn append(&mut self, other: Rows) {
        if self.is_empty() && self.names.names.is_empty() && self.p.defs == other.p.defs {
            *self = other;
            return;
        }
        let ids: Vec<u32> = (other.names.names.iter())
            .map(|name| self.names.id(name))
            .collect();
        let base = u32::try_from(self.p.service_ids.len()).unwrap_or(u32::MAX);
        let from = u32::try_from(self.len()).unwrap_or(u32::MAX);
        self.id_hashes.extend_from_slice(&other.id_hashes);
        let id_base = self.ids.len();
        self.ids.push_str(&other.ids);
        self.id_ends
            .extend(other.id_ends.iter().map(|e| e.saturating_add(id_base)));
        let p = &mut self.p;
        p.positions
            .extend(other.p.positions.iter().map(|n| from.saturating_add(*n)));
        p.durations.extend_from_slice(&other.p.durations);
        p.levels.extend_from_slice(&other.p.levels);
        p.days.extend_from_slice(&other.p.days);
        p.sort_keys.extend_from_slice(&other.p.sort_keys);
        p.service_ids.extend(
            (other.p.service_ids.iter()).map(|id| ids.get(*id as usize).copied().unwrap_or(*id)),
        );
        p.service_start
            .extend((other.p.service_start.iter().skip(1)).map(|s| base.saturating_add(*s)));
    }

    /// Takes the incidents from `at` on out of this list (their positions counted from 0).
    pub fn split_off(&mut self, at: usize) -> Rows {
        let at = at.min(self.len());
        let p = &mut self.p;
        let cut = p.service_start.get(at).map_or(0, |s| *s as usize);
        let base = u32::try_from(cut).unwrap_or(u32::MAX);
        let mut start: Vec<u32> = p.service_start.split_off(at + 1);
        start.iter_mut().for_each(|s| *s = s.saturating_sub(base));
        start.insert(0, 0);
        let from = u32::try_from(at).unwrap_or(u32::MAX);
        let tail_ids = p.service_ids.split_off(cut.min(p.service_ids.len()));
        let id_cut = at
            .checked_sub(1)
            .and_then(|j| self.id_ends.get(j).copied())
            .unwrap_or(0);
        let tail_ends: Vec<usize> = (self.id_ends.split_off(at.min(self.id_ends.len())).iter())
            .map(|e| e.saturating_sub(id_cut))
            .collect();
        let tail = Rows {
            id_hashes: self.id_hashes.split_off(at.min(self.id_hashes.len())),
            ids: self.ids.split_off(id_cut.min(self.ids.len())),
            id_ends: tail_ends,
            p: Prepared {
                positions: (p.positions.split_off(at).into_iter())
                    .map(|n| n.saturating_sub(from))
                    .collect(),
                durations: p.durations.split_off(at),
                levels: p.levels.split_off(at),
                days: p.days.split_off(at),
                sort_keys: p.sort_keys.split_off(at),
                order: Default::default(),
                service_names: Vec::new(),
                service_ids: tail_ids,
                service_start: start,
                defs: p.defs,
            },
            names: self.names.clone(),
        };
        // Names first seen in the part taken out leave this list (ids are given in first-seen
        // order, so they are the last ones): appending other rows, then these again, gives
        // the ids a single list would have.
        let kept = p.service_ids.iter().max().map_or(0, |id| *id as usize + 1);
        self.names.truncate(kept);
        tail
    }

    /// The prepared inputs, durations sorted.
    pub fn finish(self) -> Prepared {
        let mut p = self.p;
        p.order = orders(&p.durations);
        p.service_names = self.names.names;
        p
    }
}

/// A service name's length and first eight bytes (zero-padded): equal keys of names up to
/// eight bytes long are equal names; longer names are compared when their keys are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NameKey {
    len: usize,
    head: u64,
}

impl NameKey {
    fn of(name: &str) -> NameKey {
        let mut head = [0u8; 8];
        for (slot, b) in head.iter_mut().zip(name.as_bytes()) {
            *slot = *b;
        }
        NameKey {
            len: name.len(),
            head: u64::from_le_bytes(head),
        }
    }
}

/// Service names to small ids, in first-seen order. Archives name few services, so a linear
/// scan of their keys (no hashing) serves them fastest; past `LINEAR` names a hash map takes
/// over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Interner {
    names: Vec<String>,
    keys: Vec<NameKey>,
    hashed: rustc_hash::FxHashMap<String, u32>,
}

impl Interner {
    const LINEAR: usize = 64;

    fn id(&mut self, name: &str) -> u32 {
        self.id_keyed(name, NameKey::of(name))
    }

    /// [`Interner::id`] with the name's key already read.
    fn id_keyed(&mut self, name: &str, key: NameKey) -> u32 {
        let found = if self.names.len() <= Self::LINEAR {
            (self.keys.iter().zip(&self.names))
                .position(|(k, n)| *k == key && (key.len <= 8 || n == name))
                .map(|i| i as u32)
        } else {
            self.hashed.get(name).copied()
        };
        if let Some(id) = found {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_string());
        self.keys.push(key);
        if self.names.len() > Self::LINEAR {
            if self.hashed.is_empty() {
                self.hashed = (self.names.iter().enumerate())
                    .map(|(i, n)| (n.clone(), i as u32))
                    .collect();
            }
            self.hashed.insert(name.to_string(), id);
        }
        id
    }

    /// The name of `id`.
    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// Forgets the names from the `kept`-th on.
    fn truncate(&mut self, kept: usize) {
        self.names.truncate(kept);
        self.keys.truncate(kept);
        if kept > Self::LINEAR {
            self.hashed.retain(|_, id| (*id as usize) < kept);
        } else {
            self.hashed.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::testing::incident;
    use crate::domain::model::Kind;

    /// Incidents on services named so that lengths and first eight bytes collide, some
    /// planned, some open, some without a start; past 64 names the interner's map takes over.
    fn incidents(n: usize, names: usize) -> Vec<Incident> {
        (0..n)
            .map(|i| {
                let a = format!("service-{:03}", (i * 7) % names);
                let b = ["API", "APX", "Database-primary", "Database-replica", "db"][i % 5];
                // Names first seen late (in what the first thread reads after the list).
                let late = format!("late-{}", i % 3);
                let services: Vec<&str> = match i % 4 {
                    0 => vec![],
                    1 => vec![b],
                    _ if i >= 350 => vec![late.as_str(), b],
                    _ => vec![a.as_str(), b],
                };
                let mut inc = incident(
                    &format!("i{i}"),
                    (i % 5) as u8,
                    &format!("2024-03-{:02}T10:00:00Z", 1 + i % 28),
                    &format!("2024-03-{:02}T1{}:30:00Z", 1 + i % 28, i % 10),
                    &services,
                );
                if i % 9 == 4 {
                    inc.kind = Kind::Maintenance;
                }
                if i % 13 == 6 {
                    inc.started_at = None;
                }
                inc
            })
            .collect()
    }

    fn prepared(list: &[Incident], defs: &Definitions) -> Prepared {
        let refs: Vec<&Incident> = list.iter().collect();
        Prepared::new(&refs, defs)
    }

    fn rows(list: &[Incident], defs: &Definitions) -> Rows {
        let mut rows = Rows::new(defs);
        list.iter().for_each(|inc| rows.push(inc));
        rows
    }

    #[test]
    fn rows_pushed_one_at_a_time_are_what_new_prepares() {
        for (n, names) in [(0, 1), (1, 1), (40, 3), (300, 90)] {
            let list = incidents(n, names);
            for defs in [
                Definitions::default(),
                Definitions {
                    include_planned: true,
                    ..Definitions::default()
                },
            ] {
                let built = rows(&list, &defs);
                assert_eq!(built.len(), n);
                assert_eq!(built.finish(), prepared(&list, &defs), "{n} incidents");
            }
        }
    }

    /// Rows of incidents read twice (ids repeated, in later versions, some with other services)
    /// keep one per id as the incidents do: the last version, at the place of the first; and
    /// an id changed in place (longer, shorter) is the one compared.
    #[test]
    fn rows_deduplicated_are_those_of_the_incidents_kept() {
        let defs = Definitions::default();
        let mut list = incidents(120, 90);
        let mut again: Vec<Incident> = list.iter().step_by(7).cloned().collect();
        for (k, inc) in again.iter_mut().enumerate() {
            inc.severity.level = Some(1 + (k % 4) as u8);
            inc.services = vec![format!("moved-{}", k % 3)];
        }
        list.extend(again);
        list.extend(incidents(10, 3).into_iter().map(|mut i| {
            i.id = format!("late-{}", i.id);
            i
        }));
        let mut rows = rows(&list, &defs);
        assert!(rows.may_repeat_ids());
        // Ids set again: a repeat made distinct, a distinct one made a repeat.
        rows.set_id(0, "a-much-longer-id-than-before");
        list[0].id = "a-much-longer-id-than-before".into();
        rows.set_id(5, "i6");
        list[5].id = "i6".into();
        rows.set_id(9, "x");
        list[9].id = "x".into();
        let mut result = crate::domain::import::ImportResult {
            files: Vec::new(),
            incidents: list,
            #[cfg(not(target_arch = "wasm32"))]
            figures: None,
        };
        let dropped = result.dedup();
        assert!(dropped > 10);
        assert_eq!(rows.dedup(), dropped);
        assert_eq!(rows.finish(), prepared(&result.incidents, &defs));
    }

    /// Two threads' rows (a first part with incidents read after the second part's list, as a
    /// Statuspage export's maintenances after its incidents) put together in document order
    /// equal the rows of one reading, service ids included.
    #[test]
    fn rows_split_and_appended_are_what_one_list_prepares() {
        let defs = Definitions::default();
        for names in [3, 90] {
            let list = incidents(400, names);
            for (cut, end) in [
                (0, 0),
                (0, 400),
                (120, 300),
                (200, 200),
                (399, 400),
                (400, 400),
            ] {
                // The first thread read [..cut] and [end..]; the second [cut..end].
                let (mut first, second): (Vec<Incident>, Vec<Incident>) =
                    (list[..cut].to_vec(), list[cut..end].to_vec());
                first.extend_from_slice(&list[end..]);
                let mut merged = rows(&first, &defs);
                let after = merged.split_off(cut);
                assert_eq!(merged.len(), cut);
                assert_eq!(after.len(), 400 - end);
                merged.append(rows(&second, &defs));
                merged.append(after);
                assert_eq!(
                    merged.finish(),
                    prepared(&list, &defs),
                    "{names} names, cut at {cut} and {end}"
                );
            }
        }
    }
}
