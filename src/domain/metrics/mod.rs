//! Metrics over any subset of incidents: time to detect / acknowledge / mitigate / resolve,
//! with median, p90, mean, min, max and n, and the incidents left out with the reason.
//!
//! Incident durations are heavily skewed, so no mean is ever reported alone. Interval
//! definitions are data ([`Interval`]): the UI can switch "resolve" from start-based to
//! detection-based and every result says which definition it used.

mod breakdown;
mod interval;
mod period;
mod prepared;
mod summary;

pub use breakdown::*;
pub use interval::*;
pub use period::*;
pub use prepared::*;
pub use summary::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Severity;
    use crate::domain::model::{Incident, Milestone};
    use crate::domain::sorted_map::SortedMap;

    fn inc(start: &str, end: Option<&str>, level: Option<u8>) -> Incident {
        Incident {
            id: start.to_string(),
            title: "t".into(),
            started_at: start.parse().ok(),
            resolved_at: end.and_then(|e| e.parse().ok()),
            severity: Severity { level, label: None },
            ..Incident::default()
        }
    }

    #[test]
    fn a_subset_gives_the_same_numbers_as_preparing_the_subset() {
        let all = crate::domain::demo::demo_archive();
        let refs: Vec<&Incident> = all.iter().collect();
        let defs = Definitions::default();
        let base = Prepared::new(&refs, &defs);
        let keep: Vec<usize> = (0..all.len()).filter(|i| i % 3 != 0).collect();
        let chosen: Vec<&Incident> = keep.iter().map(|i| &all[*i]).collect();
        let sub = base.subset(&keep);
        assert_eq!(sub.len(), keep.len());
        assert_eq!(stats_of(&sub), stats(&chosen, &defs));
        assert_eq!(
            trend_of(&sub, Period::Month),
            trend(&chosen, Period::Month, &defs)
        );
        assert_eq!(top_services_of(&sub), top_services(&chosen, &defs));
        assert_eq!(sub.position(0), Some(1));
        // Summaries read off the kept sort order equal summaries computed afresh from the
        // incidents' durations, overall and per severity.
        let reference = |m: Metric, level: Option<Option<u8>>| {
            Summary::of_results(
                chosen
                    .iter()
                    .filter(|i| level.is_none_or(|l| i.severity.level == l))
                    .map(|i| duration(i, defs.get(m))),
            )
        };
        for m in Metric::ALL {
            assert_eq!(sub.summary(m), reference(m, None), "{m:?}");
        }
        let s = stats_of(&sub);
        assert!(s.ttr.n > 100 && s.ttd.n > 10, "the demo exercises both");
        assert_eq!(
            s.by_severity.get("2").unwrap().ttr,
            reference(Metric::Ttr, Some(Some(2)))
        );
        let by_level = sub.values_by_level(Metric::Ttr);
        assert!(by_level.iter().all(|v| v.is_sorted()));
        assert_eq!(by_level[2].len(), s.by_severity.get("2").unwrap().ttr.n);
        assert_eq!(
            sub.longest(&refs, Metric::Ttr, 3),
            Prepared::new(&chosen, &defs).longest(&chosen, Metric::Ttr, 3)
        );
    }

    #[test]
    fn distribution_and_report_lists() {
        let list = [
            inc(
                "2024-01-01T10:00:00Z",
                Some("2024-01-01T10:10:00Z"),
                Some(1),
            ),
            inc(
                "2024-01-02T10:00:00Z",
                Some("2024-01-02T13:00:00Z"),
                Some(3),
            ),
            inc(
                "2024-01-03T10:00:00Z",
                Some("2024-01-03T11:00:00Z"),
                Some(1),
            ),
            inc("2024-01-04T10:00:00Z", None, None),
            inc("2024-01-05T10:00:00Z", Some("2024-01-05T10:20:00Z"), None),
        ];
        let refs: Vec<&Incident> = list.iter().collect();
        let p = Prepared::new(&refs, &Definitions::default());
        let by_level = p.values_by_level(Metric::Ttr);
        assert_eq!(by_level[1], vec![600, 3600]);
        assert_eq!(by_level[3], vec![10_800]);
        assert_eq!(by_level[0], vec![1200], "the open one has no duration");
        let longest: Vec<(&str, i64)> = p
            .longest(&refs, Metric::Ttr, 2)
            .into_iter()
            .map(|(i, d)| (i.id.as_str(), d))
            .collect();
        assert_eq!(
            longest,
            vec![
                ("2024-01-02T10:00:00Z", 10_800),
                ("2024-01-03T10:00:00Z", 3600)
            ]
        );
        let severe: Vec<&str> = p
            .most_severe(&refs, 5)
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(
            severe,
            vec![
                "2024-01-03T10:00:00Z",
                "2024-01-01T10:00:00Z",
                "2024-01-02T10:00:00Z"
            ]
        );
    }

    #[test]
    fn exclusion_reasons_index_their_list() {
        for (i, reason) in Exclusion::ALL.iter().enumerate() {
            assert_eq!(*reason as usize, i, "{reason:?}");
        }
    }

    #[test]
    fn summary_reports_median_p90_and_exclusions() {
        let mut list = vec![
            inc(
                "2024-01-01T10:00:00Z",
                Some("2024-01-01T10:10:00Z"),
                Some(1),
            ), // 600
            inc(
                "2024-01-02T10:00:00Z",
                Some("2024-01-02T11:00:00Z"),
                Some(2),
            ), // 3600
            inc(
                "2024-01-03T10:00:00Z",
                Some("2024-01-03T10:20:00Z"),
                Some(2),
            ), // 1200
            inc("2024-01-04T10:00:00Z", Some("2024-01-04T09:00:00Z"), None), // negative
            inc("2024-01-05T10:00:00Z", Some("2024-01-05T10:00:00Z"), None), // zero
            inc("2024-01-06T10:00:00Z", None, None),                         // missing
        ];
        let mut open = inc("2024-01-07T10:00:00Z", None, None);
        open.open = true;
        list.push(open);
        let refs: Vec<&Incident> = list.iter().collect();
        let s = stats(&refs, &Definitions::default());
        assert_eq!(s.count, 7);
        assert_eq!(s.ttr.n, 3);
        assert_eq!(s.ttr.median_secs, Some(1200.0));
        assert_eq!(s.ttr.p90_secs, Some(3120.0));
        assert_eq!(s.ttr.mean_secs, Some(1800.0));
        assert_eq!((s.ttr.min_secs, s.ttr.max_secs), (Some(600), Some(3600)));
        let ex: Vec<(&str, usize)> = s.ttr.excluded.iter().map(|(k, v)| (k.key(), *v)).collect();
        assert_eq!(
            ex,
            [("missing", 1), ("negative", 1), ("zero", 1), ("open", 1)]
        );
        assert_eq!(s.ttd.n, 0);
        assert_eq!(s.ttd.excluded.get(&Exclusion::Missing), Some(&7));
        assert_eq!(
            s.by_severity.get("2").map(|g| (g.count, g.ttr.n)),
            Some((2, 2))
        );
        assert_eq!(s.by_severity.get("unknown").map(|g| g.count), Some(4));
    }

    #[test]
    fn stated_duration_wins_over_inferred_milestones() {
        let mut i = inc("2024-01-01T10:00:00", Some("2024-01-01T12:00:00"), None);
        i.stated.ttr_secs = Some(3000);
        assert_eq!(
            raw_duration(&i, Interval::standard(Metric::Ttr)),
            Some(7200),
            "read times win"
        );
        i.mark_inferred("resolved_at");
        assert_eq!(
            raw_duration(&i, Interval::standard(Metric::Ttr)),
            Some(3000),
            "stated beats inferred"
        );
        i.resolved_at = None;
        assert_eq!(
            raw_duration(&i, Interval::standard(Metric::Ttr)),
            Some(3000),
            "stated fills a gap"
        );
    }

    #[test]
    fn resolve_from_detection_is_a_definition_not_code() {
        let mut i = inc("2024-01-01T10:00:00Z", Some("2024-01-01T11:00:00Z"), None);
        i.detected_at = "2024-01-01T10:15:00Z".parse().ok();
        let from_detection = Interval {
            metric: Metric::Ttr,
            from: Milestone::Detected,
            to: Milestone::Resolved,
        };
        assert_eq!(duration(&i, from_detection), Ok(2700));
        assert_eq!(from_detection.describe(), "resolved_at − detected_at");
    }

    #[test]
    fn trend_has_empty_periods_and_levels() {
        let list = [
            inc("2024-01-01T10:00:00Z", None, Some(1)),
            inc("2024-01-03T10:00:00Z", None, Some(3)),
            inc("2024-01-17T10:00:00Z", None, None),
        ];
        let refs: Vec<&Incident> = list.iter().collect();
        let t = trend(&refs, Period::Week, &Definitions::default());
        let labels: Vec<&str> = t.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            ["1 Jan 2024", "8 Jan 2024", "15 Jan 2024"],
            "weeks by their Monday"
        );
        assert_eq!(t[0].by_level, [0, 1, 0, 1, 0]);
        assert_eq!(t[1].count, 0);
        assert_eq!(t[2].by_level[0], 1);
        let q = trend(&refs, Period::Quarter, &Definitions::default());
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].label, "Q1 2024");
    }

    #[test]
    fn a_mean_pulled_up_by_a_few_long_incidents_says_by_which() {
        // Nine incidents of about an hour and one of 862 days.
        let mut values: Vec<i64> = (0..9).map(|i| 3_000 + i * 120).collect();
        values.push(862 * 86_400);
        let s = Summary::of_values(values, SortedMap::new());
        assert_eq!(
            s.pulled_up_by,
            Some(Outliers {
                count: 1,
                over_secs: 86_400
            }),
            "median about an hour: counted over the first round step ten times above it"
        );
        let even = Summary::of_values(vec![3_600, 3_700, 3_800, 4_000], SortedMap::new());
        assert_eq!(even.pulled_up_by, None);
    }

    #[test]
    fn comparison_flags_small_samples() {
        let a = [inc(
            "2024-01-01T10:00:00Z",
            Some("2024-01-01T11:00:00Z"),
            None,
        )];
        let refs: Vec<&Incident> = a.iter().collect();
        let c = compare(&refs, &[], &Definitions::default());
        assert_eq!(
            (c.current, c.previous, c.delta, c.too_small),
            (1, 0, 1, true)
        );
    }
}
