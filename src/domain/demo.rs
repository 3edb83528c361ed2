//! A deterministic, made-up incident archive: the demo the app opens on, and the generator
//! behind the benchmarks' large archives. Same seed and count, same incidents, byte for byte.

use super::model::{Incident, Kind, Severity, Source, TimelineEntry};
use super::stamp::Stamp;
use chrono::{NaiveDate, NaiveTime, TimeDelta};

/// A small linear congruential generator (Knuth's MMIX constants): deterministic everywhere.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() % 1_000_000) as f64 / 1_000_000.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let len = items.len() as u64;
        if len == 0 {
            return None;
        }
        items.get((self.next() % len) as usize)
    }
}

const SERVICES: &[&str] = &[
    "API",
    "Dashboard",
    "Workers",
    "Database",
    "DNS",
    "CDN",
    "Auth",
    "Billing",
    "Search",
    "Storage",
];
const REGIONS: &[&str] = &["fra", "iad", "sjc", "sin", "gru"];
const PROBLEMS: &[&str] = &[
    "Elevated error rates on {s}",
    "{s} latency degraded in {r}",
    "{s} unavailable in {r}",
    "Partial {s} outage",
    "{s} failover after host loss",
    "Certificate expiry broke {s}",
    "Queue backlog delaying {s}",
    "Bad deploy rolled back on {s}",
    "{s} capacity exhausted in {r}",
    "Upstream network loss affecting {s}",
];

/// `count` incidents spread over the `days` days ending on `end`, from `seed`.
///
/// Durations are log-normal per severity (skewed, as real ones are); about 60% have a
/// detection time, fewer an acknowledgement or mitigation, and a few are still open.
pub fn generate(count: usize, days: i64, end: NaiveDate, seed: u64) -> Vec<Incident> {
    let mut rng = Lcg(seed);
    let mut out = Vec::with_capacity(count);
    let first = end - TimeDelta::days(days.max(1) - 1);
    for i in 0..count {
        let level: u8 = match rng.unit() {
            u if u < 0.05 => 1,
            u if u < 0.25 => 2,
            u if u < 0.70 => 3,
            _ => 4,
        };
        let day = first + TimeDelta::days((rng.next() % days.max(1) as u64) as i64);
        let secs_of_day = (rng.next() % 86_400) as u32;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(secs_of_day - secs_of_day % 60, 0)
            .unwrap_or(NaiveTime::MIN);
        let Some(start) = Stamp::at(day, time, chrono::FixedOffset::east_opt(0)) else {
            continue;
        };
        // Log-normal via Box-Muller; median minutes per level: 1 → 90, 2 → 60, 3 → 35, 4 → 120.
        let median_min = match level {
            1 => 90.0,
            2 => 60.0,
            3 => 35.0,
            _ => 120.0,
        };
        let (u1, u2) = (rng.unit().max(1e-6), rng.unit());
        let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
        let minutes = (median_min * (0.9 * z).exp()).clamp(2.0, 6.0 * 24.0 * 60.0);
        let resolve = TimeDelta::seconds((minutes * 60.0) as i64);
        let service = rng.pick(SERVICES).copied().unwrap_or("API");
        let region = rng.pick(REGIONS).copied().unwrap_or("fra");
        let title = rng
            .pick(PROBLEMS)
            .copied()
            .unwrap_or("{s} incident")
            .replace("{s}", service)
            .replace("{r}", region);
        let mut inc = Incident {
            title,
            started_at: Some(start),
            severity: Severity::new(
                level,
                match level {
                    1 => "critical",
                    2 => "major",
                    3 => "minor",
                    _ => "info",
                },
            ),
            services: vec![service.to_string(), region.to_string()],
            source: Source {
                file: "demo/archive.json".into(),
                format: "aftermath".into(),
                position: u32::try_from(i + 1).ok(),
                ..Source::default()
            },
            ..Incident::default()
        };
        let open = i + 1 == count || rng.unit() < 0.01;
        if !open {
            inc.resolved_at = start.plus(resolve);
        } else {
            inc.open = true;
        }
        let mut timeline = vec![TimelineEntry {
            at: Some(start),
            text: "Impact begins".into(),
        }];
        if rng.unit() < 0.6 {
            let frac = 0.05 + 0.25 * rng.unit();
            inc.detected_at = start.plus(TimeDelta::seconds(
                (resolve.num_seconds() as f64 * frac) as i64 + 60,
            ));
            timeline.push(TimelineEntry {
                at: inc.detected_at,
                text: "Alert fired".into(),
            });
            if rng.unit() < 0.8 {
                inc.acknowledged_at = inc
                    .detected_at
                    .and_then(|d| d.plus(TimeDelta::minutes(2 + (rng.next() % 15) as i64)));
                timeline.push(TimelineEntry {
                    at: inc.acknowledged_at,
                    text: "On-call acknowledged".into(),
                });
            }
            if rng.unit() < 0.6 && !open {
                inc.mitigated_at = start.plus(TimeDelta::seconds(
                    (resolve.num_seconds() as f64 * 0.7) as i64,
                ));
                timeline.push(TimelineEntry {
                    at: inc.mitigated_at,
                    text: "Mitigation in place".into(),
                });
            }
        }
        if !open {
            timeline.push(TimelineEntry {
                at: inc.resolved_at,
                text: "Resolved".into(),
            });
        }
        // Only a note for incidents with a response: keeps the demo small on first load.
        if inc.acknowledged_at.is_some() {
            inc.timeline = timeline;
        }
        // One informational entry in three is planned work (about a tenth of the demo).
        if level == 4 && i % 3 == 0 {
            inc.tags.push("maintenance".into());
            inc.kind = Kind::Maintenance;
            inc.severity.label = Some("maintenance".into());
            inc.title = format!("Planned {service} maintenance in {region}");
        }
        inc.assign_id();
        out.push(inc);
    }
    crate::domain::order::sort_by_key(&mut out, |i| i.started_at.map(|s| s.sort_key()));
    out
}

/// The demo archive's parameters: a year of ~300 incidents ending on 2026-11-15.
pub fn demo_archive() -> Vec<Incident> {
    let end = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap_or_default();
    generate(300, 365, end, 20_261_115)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_varied() {
        let a = demo_archive();
        assert_eq!(a, demo_archive());
        assert_eq!(a.len(), 300);
        for level in 1..=4u8 {
            assert!(
                a.iter().any(|i| i.severity.level == Some(level)),
                "level {level} present"
            );
        }
        let with_detect = a.iter().filter(|i| i.detected_at.is_some()).count();
        assert!(with_detect > 100 && with_detect < 250, "{with_detect}");
        assert!(a.iter().any(|i| i.open));
        let ids: std::collections::HashSet<_> = a.iter().map(|i| &i.id).collect();
        assert_eq!(ids.len(), 300, "ids are unique");
    }
}

/// A Statuspage export of `n` made-up incidents (three updates each, the four impacts in
/// turn), as the import worker's warm-up reads it: running the import code once on a small
/// sample before a real file arrives lets the browser optimise it first.
pub fn statuspage_json(n: usize) -> String {
    const IMPACTS: [&str; 4] = ["critical", "major", "minor", "none"];
    const COMPONENTS: [&str; 4] = ["API", "Dashboard", "Webhooks", "Search"];
    let mut out = String::with_capacity(n * 1_400 + 64);
    out.push_str(r#"{"page":{"id":"warmup"},"incidents":["#);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let day = 1 + i % 28;
        let hour = i % 24;
        let component = COMPONENTS.get(i % 4).copied().unwrap_or("API");
        let impact = IMPACTS.get(i % 4).copied().unwrap_or("minor");
        out.push_str(&format!(
            r#"{{"id":"w{i:06}","name":"Elevated errors on {component}","status":"resolved","impact":"{impact}","shortlink":"https://stspg.io/w{i}","created_at":"2024-05-{day:02}T{hour:02}:00:00.000Z","started_at":"2024-05-{day:02}T{hour:02}:00:00.000Z","resolved_at":"2024-05-{day:02}T{hour:02}:47:00.000Z","components":[{{"name":"{component}"}}],"incident_updates":[{{"status":"resolved","body":"This incident has been resolved.","created_at":"2024-05-{day:02}T{hour:02}:47:00.000Z"}},{{"status":"identified","body":"The issue has been identified and a fix is being implemented.","created_at":"2024-05-{day:02}T{hour:02}:20:00.000Z"}},{{"status":"investigating","body":"We are investigating reports of elevated errors on {component}; some requests may fail.","created_at":"2024-05-{day:02}T{hour:02}:03:00.000Z"}}]}}"#
        ));
    }
    out.push_str("]}");
    out
}

#[cfg(test)]
mod statuspage_sample_tests {
    #[test]
    fn the_warm_up_sample_reads_as_statuspage() {
        let json = super::statuspage_json(8);
        let opts = crate::domain::import::ImportOptions::new(
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        let r = crate::domain::import::import_file("warm.json", json.as_bytes(), &opts);
        assert_eq!(r.files[0].format, "statuspage");
        assert_eq!(
            r.files[0].status,
            crate::domain::import::Status::Ok,
            "{:?}",
            r.files[0].messages
        );
        assert_eq!(r.incidents.len(), 8);
        assert_eq!(r.incidents[0].severity.level, Some(1));
    }
}
