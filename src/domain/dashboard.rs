//! Everything the dashboard shows for one view. A filter change selects the incidents once
//! ([`select`], a subset of the incidents [`prepare`]d for the data set); each panel's part is
//! a function of that selection, and [`compute`] gathers them all.

use super::availability::{self, Availability, Calendar, Downtime};
use super::charts::{self, StripPlot, TrendChart};
use super::heatmap::{self, Heatmap};
use super::metrics::{self, Metric, Period, Prepared, ServiceRow, Stats};
use super::model::Incident;
use super::review;
use super::sorted_map::SortedMap;
use super::view::View;
use chrono::{NaiveDate, TimeDelta};

/// The dashboard's numbers and chart layouts.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub stats: Stats,
    pub trend: TrendChart,
    pub distribution: StripPlot,
    /// By incident count, then total duration.
    pub services: Vec<ServiceRow>,
    pub heatmap: Heatmap,
    /// The incidents each duration leaves out, with the reason (at most [`LEFT_OUT_LISTED`]
    /// per metric; the counts are in `stats`).
    pub left_out: Vec<(Metric, Vec<LeftOut>)>,
}

/// One incident a metric leaves out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub id: String,
    pub title: String,
    pub reason: &'static str,
}

/// How many left-out incidents the dashboard lists per metric.
pub const LEFT_OUT_LISTED: usize = 50;

/// Chart sizes in layout pixels (SVG view boxes and the canvas scale them).
pub const TREND_WIDTH: i64 = 640;
pub const TREND_HEIGHT: i64 = 240;
pub const STRIP_WIDTH: i64 = 640;

/// The heatmap's last day: the chosen `end`, else today — unless every incident is older than
/// the `weeks` window, in which case it ends on the latest incident's day (an old archive still
/// shows something).
pub fn heatmap_end(
    selected: &Prepared,
    weeks: u32,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> NaiveDate {
    if let Some(end) = end {
        return end;
    }
    selected
        .last_day()
        .filter(|d| *d < today - TimeDelta::weeks(i64::from(weeks)))
        .unwrap_or(today)
}

/// Prepares every incident under the view's interval definitions. The result only depends on
/// the data and `view.resolve_from`, so the UI keeps it while filters change.
pub fn prepare(all: &[Incident], view: &View) -> Prepared {
    let refs: Vec<&Incident> = all.iter().collect();
    Prepared::new(&refs, &view.definitions())
}

/// The incidents the view selects, prepared: every part of the dashboard reads from this. `base`
/// is [`prepare`]'s result for the same incidents and definitions.
pub fn select(all: &[Incident], base: &Prepared, view: &View) -> Prepared {
    base.subset(&select_rows(base, view, all))
}

/// The rows of `base` that `view` selects, ascending: the same as `view.select(all)` when
/// `base` was prepared from `all`, but read from the prepared columns (severity, day,
/// services) and looking at an incident only for the text filters, so a filter change does
/// not walk every incident.
pub fn select_rows(base: &Prepared, view: &View, all: &[Incident]) -> Vec<usize> {
    // Service ids named like the wanted service (any case); None: no service filter.
    let wanted: Option<Vec<u32>> = view.service.as_ref().map(|w| base.service_ids(w));
    let text = view.filters_text();
    (0..base.len())
        .filter(|&row| {
            view.matches_day(base.day(row))
                && view.matches_level(base.level_of(row))
                && wanted.as_ref().is_none_or(|ids| base.has_service(row, ids))
                && (!text
                    || base
                        .position(row)
                        .and_then(|p| all.get(p))
                        .is_some_and(|inc| view.matches_text(inc)))
        })
        .collect()
}

/// The severity trend of a selection, per `period`.
pub fn trend(selected: &Prepared, period: Period) -> TrendChart {
    let buckets = metrics::trend_of(selected, period);
    charts::trend_chart(&buckets, TREND_WIDTH, TREND_HEIGHT, period.most_bars())
}

/// Time to resolve per severity, as a strip plot.
pub fn distribution(selected: &Prepared) -> StripPlot {
    charts::strip_plot(&selected.values_by_level(Metric::Ttr), STRIP_WIDTH)
}

/// The trailing-`weeks` heatmap of a selection, ending at `end` or by [`heatmap_end`]'s rule
/// (`all` gives each box its incident).
pub fn heatmap(
    all: &[Incident],
    selected: &Prepared,
    weeks: u32,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> Heatmap {
    heatmap::layout_of(
        selected,
        |p| all.get(p),
        weeks,
        heatmap_end(selected, weeks, end, today),
    )
}

/// The selected incidents, as references.
fn chosen<'a>(all: &'a [Incident], selected: &Prepared) -> Vec<&'a Incident> {
    (0..selected.len())
        .filter_map(|row| selected.position(row).and_then(|p| all.get(p)))
        .collect()
}

/// The weighted downtime of the selected incidents.
pub fn downtime(all: &[Incident], selected: &Prepared) -> Downtime {
    availability::downtime(&chosen(all, selected))
}

/// The calendar's last day: the view's end date, else today — unless every incident is more
/// than a year old, then the latest incident's day (an old archive still shows something).
pub fn calendar_end(selected: &Prepared, to: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    if let Some(to) = to {
        return to;
    }
    selected
        .last_day()
        .filter(|d| *d < today - TimeDelta::days(365))
        .unwrap_or(today)
}

/// The availability calendar of the selection: twelve months ending at [`calendar_end`], for
/// the view's service or for everything.
pub fn calendar(all: &[Incident], selected: &Prepared, view: &View, today: NaiveDate) -> Calendar {
    let list = chosen(all, selected);
    let dt = availability::downtime(&list);
    let end = calendar_end(selected, view.to, today);
    availability::calendar(&list, &dt, view.service.as_deref(), end, 12)
}

/// Availability per period of the calendar's twelve months (the view's period; weeks are
/// shown as months), for the view's service or everything.
pub fn availability_rows(
    all: &[Incident],
    selected: &Prepared,
    view: &View,
    today: NaiveDate,
) -> Vec<Availability> {
    let dt = downtime(all, selected);
    let end = calendar_end(selected, view.to, today);
    let start = end
        .checked_sub_months(chrono::Months::new(12))
        .map_or(end, |d| d + TimeDelta::days(1));
    let period = if view.period == Period::Quarter {
        Period::Quarter
    } else {
        Period::Month
    };
    let mut rows = availability::by_period(&dt, view.service.as_deref(), period, start, end);
    rows.reverse();
    rows
}

/// Each service's availability over the selection's days (from its first incident's day to
/// its last, or the view's dates when set), by service name (one entry each, in name order:
/// `order::by_name` finds one).
pub fn service_availability(
    all: &[Incident],
    selected: &Prepared,
    view: &View,
) -> Vec<(String, Availability)> {
    let dt = downtime(all, selected);
    let days: Vec<NaiveDate> = (0..selected.len())
        .filter_map(|i| selected.day(i))
        .collect();
    let (Some(first), Some(last)) = (
        view.from.or_else(|| days.iter().min().copied()),
        view.to.or_else(|| days.iter().max().copied()),
    ) else {
        return Vec::new();
    };
    let end = last + TimeDelta::days(1);
    let mut names: Vec<String> = dt.services.iter().map(|(k, _)| k.clone()).collect();
    for inc in chosen(all, selected) {
        names.extend(inc.services.iter().cloned());
    }
    crate::domain::order::sort_by(&mut names, |a, b| a.cmp(b));
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let a = availability::availability(&dt, Some(&name), String::new(), first, end);
            (name, a)
        })
        .collect()
}

/// Availability as CSV: overall and per service, per month and per quarter over the
/// selection's span, with the minutes behind each figure and the weighting.
pub fn availability_csv(all: &[Incident], selected: &Prepared) -> String {
    let dt = downtime(all, selected);
    let days: Vec<NaiveDate> = (0..selected.len())
        .filter_map(|i| selected.day(i))
        .collect();
    let mut out = String::from(
        "scope,period,start,availability_percent,weighted_minutes_down,definition\r\n",
    );
    let (Some(first), Some(last)) = (days.iter().min().copied(), days.iter().max().copied()) else {
        return out;
    };
    let mut scopes: Vec<Option<&str>> = vec![None];
    scopes.extend(dt.services.iter().map(|(k, _)| Some(k.as_str())));
    for scope in scopes {
        for period in [Period::Month, Period::Quarter] {
            for a in availability::by_period(&dt, scope, period, first, last) {
                let name = scope.map_or("all".to_string(), |s| format!("service {s}"));
                let name = if name.contains([',', '"']) {
                    format!("\"{}\"", name.replace('"', "\"\""))
                } else {
                    name
                };
                out.push_str(&format!(
                    "{name},{},{},{},{},\"{}\"\r\n",
                    a.label,
                    a.start,
                    availability::percent_text(&a).trim_end_matches(" %"),
                    (a.down_secs as f64 / 60.0).round() as i64,
                    availability::WEIGHTING
                ));
            }
        }
    }
    out
}

/// The quarters of the selection side by side (oldest first).
pub fn quarters(all: &[Incident], selected: &Prepared) -> Vec<review::QuarterRow> {
    review::quarters(all, selected, &downtime(all, selected))
}

/// When the selection's incidents started, against the view's business hours.
pub fn when_hit(all: &[Incident], selected: &Prepared, hours: review::Hours) -> review::WhenHit {
    review::when_they_hit(all, selected, hours)
}

/// The selected incidents as CSV, with their durations under the selection's definitions (what
/// the dashboard shows, not the defaults).
pub fn incidents_csv(all: &[Incident], selected: &Prepared) -> String {
    let rows: Vec<&Incident> = (0..selected.len())
        .filter_map(|row| selected.position(row).and_then(|p| all.get(p)))
        .collect();
    super::export::incidents_csv(&rows, &selected.definitions())
}

/// The selection's metrics as CSV: the numbers the cards show, under the same definitions.
pub fn metrics_csv(selected: &Prepared) -> String {
    super::export::metrics_csv(&metrics::stats_of(selected))
}

/// The incidents each duration leaves out, with the reason: at most [`LEFT_OUT_LISTED`] per
/// metric, in `Metric::ALL` order.
pub fn left_out(all: &[Incident], selected: &Prepared) -> Vec<(Metric, Vec<LeftOut>)> {
    Metric::ALL
        .iter()
        .enumerate()
        .map(|(slot, m)| {
            let listed = (0..selected.len())
                .filter_map(|row| {
                    let reason = selected.exclusions(row).get(slot).copied().flatten()?;
                    let inc = selected.position(row).and_then(|p| all.get(p))?;
                    Some(LeftOut {
                        id: inc.id.clone(),
                        title: inc.title.clone(),
                        reason: reason.key(),
                    })
                })
                .take(LEFT_OUT_LISTED)
                .collect();
            (*m, listed)
        })
        .collect()
}

/// Computes the whole dashboard for the incidents the view selects, from the parts above (the
/// browser keeps each part in its own memo, so a panel out of view can wait).
pub fn compute(all: &[Incident], base: &Prepared, view: &View, today: NaiveDate) -> Dashboard {
    let selected = select(all, base, view);
    Dashboard {
        stats: metrics::stats_of(&selected),
        trend: trend(&selected, view.period),
        distribution: distribution(&selected),
        services: metrics::top_services_of(&selected),
        left_out: left_out(all, &selected),
        heatmap: heatmap(all, &selected, view.weeks, view.end, today),
    }
}

/// An incident as the report and the quarter listing show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub title: String,
    pub day: Option<NaiveDate>,
    pub level: Option<u8>,
    /// Time to resolve under the view's definition, when valid.
    pub ttr_secs: Option<i64>,
}

fn listed(inc: &Incident, defs: &metrics::Definitions) -> Listed {
    Listed {
        id: inc.id.clone(),
        title: inc.title.clone(),
        day: inc.anchor().map(|s| s.local_date()),
        level: inc.severity.level,
        ttr_secs: defs.duration(inc, Metric::Ttr).ok(),
    }
}

/// The printable report's incident lists: the longest and the most severe of the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportLists {
    pub longest: Vec<Listed>,
    pub most_severe: Vec<Listed>,
}

/// The `n` longest and `n` most severe incidents the view selects.
pub fn report_lists(all: &[Incident], view: &View, n: usize) -> ReportLists {
    let selected: Vec<&Incident> = all.iter().filter(|i| view.matches(i)).collect();
    let defs = view.definitions();
    let prepared = Prepared::new(&selected, &defs);
    ReportLists {
        longest: prepared
            .longest(&selected, Metric::Ttr, n)
            .into_iter()
            .map(|(i, _)| listed(i, &defs))
            .collect(),
        most_severe: prepared
            .most_severe(&selected, n)
            .into_iter()
            .map(|i| listed(i, &defs))
            .collect(),
    }
}

/// Incidents grouped by quarter (`2026-Q3`), newest quarter first and newest first within
/// it; undated incidents last, under `None`.
pub fn by_quarter(all: &[Incident]) -> Vec<(Option<String>, Vec<Listed>)> {
    let defs = metrics::Definitions::default();
    let mut groups: SortedMap<Option<NaiveDate>, Vec<(Option<chrono::NaiveDateTime>, Listed)>> =
        SortedMap::new();
    for inc in all {
        let start = inc
            .anchor()
            .map(|s| metrics::Period::Quarter.start_of(s.local_date()));
        groups
            .entry(start)
            .or_default()
            .push((inc.anchor().map(|s| s.sort_key()), listed(inc, &defs)));
    }
    let mut out: Vec<(Option<String>, Vec<Listed>)> = Vec::new();
    let mut undated = None;
    for (start, mut members) in groups.into_iter().rev() {
        crate::domain::order::sort_by(&mut members, |a, b| {
            b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id))
        });
        let list = members.into_iter().map(|(_, l)| l).collect();
        match start {
            Some(s) => out.push((Some(metrics::Period::Quarter.label(s)), list)),
            None => undated = Some(list),
        }
    }
    if let Some(list) = undated {
        out.push((None, list));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_archive;

    #[test]
    fn availability_per_service_and_as_csv() {
        use crate::domain::model::Severity;
        let at = |s: &str| s.parse().ok();
        let all = vec![
            Incident {
                id: "a".into(),
                title: "API down".into(),
                started_at: at("2026-03-02T10:00:00Z"),
                resolved_at: at("2026-03-02T11:00:00Z"),
                severity: Severity::from_label("SEV1"),
                services: vec!["API".into()],
                ..Incident::default()
            },
            Incident {
                id: "b".into(),
                title: "Web slow".into(),
                started_at: at("2026-04-02T10:00:00Z"),
                resolved_at: at("2026-04-02T12:00:00Z"),
                severity: Severity::from_label("SEV3"),
                services: vec!["Web".into()],
                ..Incident::default()
            },
        ];
        let view = View::default();
        let selected = select(&all, &prepare(&all, &view), &view);
        let by_service = service_availability(&all, &selected, &view);
        // 2 March to 2 April: 32 days; the API was down 60 minutes, the web never (minor).
        let api = crate::domain::order::by_name(&by_service, "API").unwrap();
        assert_eq!(api.down_secs, 3600);
        assert_eq!(availability::percent_text(api), "99.86 %");
        let web = crate::domain::order::by_name(&by_service, "Web").unwrap();
        assert_eq!(availability::percent_text(web), "100 %");
        assert_eq!(crate::domain::order::by_name(&by_service, "Nothing"), None);
        let csv = availability_csv(&all, &selected);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "scope,period,start,availability_percent,weighted_minutes_down,definition"
        );
        assert!(
            lines[1].starts_with("all,Mar 2026,2026-03-01,99.86,60,\"Time down weighted by impact")
        );
        assert!(lines
            .iter()
            .any(|l| l.starts_with("all,Q1 2026,2026-01-01,99.95,60,")));
        assert!(lines
            .iter()
            .any(|l| l.starts_with("service API,Apr 2026,2026-04-01,100,0,")));
    }

    #[test]
    fn exports_follow_the_view_definitions_and_filters() {
        use crate::domain::model::{Milestone, Severity};
        let at = |s: &str| s.parse().ok();
        let all = vec![
            Incident {
                id: "db".into(),
                title: "Primary failover".into(),
                started_at: at("2026-05-04T09:00:00Z"),
                detected_at: at("2026-05-04T09:20:00Z"),
                acknowledged_at: at("2026-05-04T09:25:00Z"),
                mitigated_at: at("2026-05-04T09:40:00Z"),
                resolved_at: at("2026-05-04T10:00:00Z"),
                severity: Severity::from_label("SEV1"),
                ..Incident::default()
            },
            Incident {
                id: "cdn".into(),
                title: "Stale assets".into(),
                started_at: at("2026-05-06T09:00:00Z"),
                resolved_at: at("2026-05-06T09:30:00Z"),
                severity: Severity::from_label("SEV3"),
                ..Incident::default()
            },
        ];
        let view = View {
            resolve_from: Milestone::Detected,
            severity: Some(1),
            ..View::default()
        };
        let selected = select(&all, &prepare(&all, &view), &view);
        let metrics = metrics_csv(&selected);
        let ttr = metrics.lines().find(|l| l.starts_with("all,ttr,")).unwrap();
        // 40 minutes from detection, not 60 from the start; one incident (the filter).
        assert_eq!(
            ttr,
            "all,ttr,1,2400,,2400,2400,2400,,resolved_at − detected_at"
        );
        let incidents = incidents_csv(&all, &selected);
        let lines: Vec<&str> = incidents.lines().collect();
        assert_eq!(lines.len(), 2, "{incidents}");
        let header: Vec<&str> = lines[0].split(',').collect();
        let row: Vec<&str> = lines[1].split(',').collect();
        let cell = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
        assert_eq!(cell("id"), "db");
        assert_eq!(cell("ttd_secs"), "1200");
        assert_eq!(cell("tta_secs"), "1500");
        assert_eq!(cell("ttm_secs"), "2400");
        assert_eq!(cell("ttr_secs"), "2400");
    }

    #[test]
    fn one_view_feeds_every_panel_from_the_same_selection() {
        let all = demo_archive();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let view = View {
            severity: Some(1),
            ..View::default()
        };
        let d = compute(&all, &prepare(&all, &view), &view, today);
        let critical = all.iter().filter(|i| i.severity.level == Some(1)).count();
        assert!(critical > 0);
        assert_eq!(d.stats.count, critical);
        let bar_total: usize = d.trend.bars.iter().map(|b| b.total).sum();
        assert!(bar_total <= critical);
        assert!(d
            .trend
            .bars
            .iter()
            .all(|b| b.segments.iter().all(|s| s.level == 1)));
        assert_eq!(d.distribution.rows.len(), 1);
        assert_eq!(d.distribution.rows[0].summary.n, d.stats.ttr.n);
        assert!(d.heatmap.boxes.iter().all(|b| b.level == Some(1)));
        assert_eq!(d.heatmap.end, today, "the demo reaches into the window");
        // The heatmap drawn from the prepared rows equals laying out the chosen incidents.
        let chosen: Vec<&Incident> = all.iter().filter(|i| i.severity.level == Some(1)).collect();
        let direct = heatmap::layout(&chosen, view.weeks, today, &view.definitions());
        assert!(!direct.boxes.is_empty());
        assert_eq!(d.heatmap, direct);
        let (metric, ttd_out) = &d.left_out[0];
        assert_eq!(*metric, Metric::Ttd);
        let missing = d.stats.ttd.excluded.values().sum::<usize>();
        assert_eq!(ttd_out.len(), missing.min(LEFT_OUT_LISTED));
        assert!(ttd_out
            .iter()
            .all(|l| l.reason == "missing" || l.reason == "excluded" || l.reason == "negative"));
    }

    #[test]
    fn selecting_from_the_prepared_columns_picks_what_the_view_matches() {
        let mut all = demo_archive();
        // Odd data: a level above 4, a service named in another case, no start.
        all[0].severity.level = Some(7);
        all[1].services = vec!["API".into()];
        all[2].started_at = None;
        all[2].detected_at = None;
        let base = prepare(&all, &View::default());
        let service = all[3].services.first().cloned();
        let tag = all.iter().find_map(|i| i.tags.first().cloned());
        let day = |s: &str| s.parse::<NaiveDate>().ok();
        let views = [
            View::default(),
            View {
                severity: Some(1),
                ..View::default()
            },
            View {
                severity: Some(4),
                ..View::default()
            },
            View {
                severity: Some(0),
                ..View::default()
            },
            View {
                service: Some("api".into()),
                ..View::default()
            },
            View {
                service: service.clone(),
                severity: Some(2),
                ..View::default()
            },
            View {
                tag: tag.clone(),
                ..View::default()
            },
            View {
                from: day("2026-03-01"),
                to: day("2026-06-30"),
                ..View::default()
            },
            View {
                to: day("2026-01-31"),
                q: "dns".into(),
                ..View::default()
            },
            View {
                source: Some(all[5].source.file.clone()),
                ..View::default()
            },
            View {
                service: Some("no such service".into()),
                ..View::default()
            },
        ];
        let mut sizes = Vec::new();
        for v in &views {
            let rows = select_rows(&base, v, &all);
            assert_eq!(rows, v.select(&all), "{}", v.to_query());
            sizes.push(rows.len());
        }
        // The views really narrow: not all the same, and some empty, some not.
        assert_eq!(sizes[0], all.len());
        assert!(sizes[1] > 0 && sizes[1] < all.len());
        assert!(
            select_rows(&base, &views[2], &all).contains(&0),
            "level 7 counts as 4"
        );
        assert!(select_rows(&base, &views[4], &all).contains(&1), "any case");
        assert!(tag.is_some() && sizes[6] > 0 && sizes[6] < all.len());
        assert!(
            !select_rows(&base, &views[7], &all).contains(&2),
            "undated: out of any range"
        );
        assert!(sizes[7] > 0 && sizes[7] < all.len());
        assert_eq!(sizes[10], 0);
    }

    #[test]
    fn quarters_newest_first_with_undated_last() {
        let mk = |id: &str, start: Option<&str>| Incident {
            id: id.into(),
            title: id.into(),
            started_at: start.and_then(|s| s.parse().ok()),
            ..Incident::default()
        };
        let all = vec![
            mk("a", Some("2026-02-10T10:00:00Z")),
            mk("b", None),
            mk("c", Some("2026-08-01T10:00:00Z")),
            mk("d", Some("2026-03-31T23:00:00Z")),
        ];
        let q = by_quarter(&all);
        let labels: Vec<Option<&str>> = q.iter().map(|(l, _)| l.as_deref()).collect();
        assert_eq!(labels, vec![Some("Q3 2026"), Some("Q1 2026"), None]);
        let q1: Vec<&str> = q[1].1.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(q1, vec!["d", "a"]);
    }

    #[test]
    fn report_lists_follow_the_view() {
        let all = demo_archive();
        let view = View {
            service: all[0].services.first().cloned(),
            ..View::default()
        };
        let lists = report_lists(&all, &view, 5);
        assert_eq!(lists.longest.len(), 5);
        assert!(lists
            .longest
            .windows(2)
            .all(|w| w[0].ttr_secs >= w[1].ttr_secs));
        let ids: Vec<&str> = lists.longest.iter().map(|l| l.id.as_str()).collect();
        for id in ids {
            let inc = all.iter().find(|i| i.id == id).unwrap();
            assert!(view.matches(inc));
        }
        assert!(lists
            .most_severe
            .windows(2)
            .all(|w| w[0].level <= w[1].level));
    }

    #[test]
    fn old_archives_end_the_heatmap_on_their_latest_day() {
        let inc = Incident {
            id: "x".into(),
            started_at: "2019-03-04T10:00:00Z".parse().ok(),
            ..Incident::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let view = View::default();
        let p = prepare(std::slice::from_ref(&inc), &view);
        assert_eq!(
            heatmap_end(&p, view.weeks, view.end, today),
            NaiveDate::from_ymd_opt(2019, 3, 4).unwrap()
        );
        let chosen = View {
            end: NaiveDate::from_ymd_opt(2020, 1, 1),
            ..View::default()
        };
        assert_eq!(
            heatmap_end(&p, chosen.weeks, chosen.end, today),
            chosen.end.unwrap()
        );
    }
}
