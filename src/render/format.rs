//! Human formatting of figures shared by the CLI and the UI.

/// A duration in seconds for people: `42s`, `15min`, `4h 50min`, `3d 2h`.
///
/// ```
/// use aftermath::render::format::duration;
/// assert_eq!(duration(17_400.0), "4h 50min");
/// assert_eq!(duration(59.0), "59s");
/// assert_eq!(duration(-120.0), "-2min");
/// ```
pub fn duration(secs: f64) -> String {
    if !secs.is_finite() {
        return "n/a".into();
    }
    let sign = if secs < 0.0 { "-" } else { "" };
    let s = secs.abs().round() as i64;
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60);
    let text = if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{m}min")
    } else if d == 0 {
        if m == 0 {
            format!("{h}h")
        } else {
            format!("{h}h {m}min")
        }
    } else if h == 0 {
        format!("{d}d")
    } else {
        format!("{d}d {h}h")
    };
    format!("{sign}{text}")
}

/// A number with at most three decimals and no trailing zeros (`0.45`, `8.871`, `24`), for the
/// colours and sizes the charts write: integer arithmetic, so the page's bundle carries no
/// float formatting (std's is about 4 KB gzip with its tables).
///
/// ```
/// use aftermath::render::format::decimal;
/// assert_eq!(decimal(0.45 + 0.15), "0.6");
/// assert_eq!(decimal(11.0 / 1.24), "8.871");
/// assert_eq!(decimal(24.0), "24");
/// assert_eq!(decimal(-0.5), "-0.5");
/// ```
pub fn decimal(x: f64) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    let thousandths = (x.abs() * 1000.0).round() as i64;
    let sign = if x < 0.0 && thousandths > 0 { "-" } else { "" };
    let (whole, frac) = (thousandths / 1000, thousandths % 1000);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:03}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// An optional duration, or `n/a`.
pub fn opt_duration(secs: Option<f64>) -> String {
    secs.map_or_else(|| "n/a".into(), duration)
}

/// A size for people: `820 KB`, `13.1 MB`.
///
/// ```
/// use aftermath::render::format::bytes;
/// assert_eq!(bytes(839_680), "820 KB");
/// assert_eq!(bytes(13_734_000), "13.1 MB");
/// ```
pub fn bytes(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n >= MB {
        // One decimal without float formatting (it weighs on the bundle).
        let tenths = (n * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", n.div_ceil(1024))
    }
}

/// `1 incident`, `3 incidents`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A summary's p90 for a table: `n/a (under 10)` when too few incidents carry it.
pub fn p90(s: &crate::domain::metrics::Summary) -> String {
    match s.p90_shown() {
        Some(v) => duration(v),
        None if s.n > 0 => format!("n/a (under {})", crate::domain::metrics::P90_MIN_N),
        None => "n/a".into(),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day for people: `5 Nov 2026` (written by hand: chrono's formatting machinery is large in
/// the web bundle).
///
/// ```
/// use aftermath::render::format::day;
/// assert_eq!(day(chrono::NaiveDate::from_ymd_opt(2026, 11, 5).unwrap()), "5 Nov 2026");
/// ```
pub fn day(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or("?");
    format!("{} {month} {}", d.day(), d.year())
}

/// A date and time for people, in the zone the source wrote it in: `5 Nov 2026, 03:20 UTC`,
/// `22 Sep 2021, 16:00 +02:00`; a time whose source named no zone is shown without one.
///
/// ```
/// use aftermath::render::format::stamp;
/// let s: aftermath::domain::stamp::Stamp = "2026-11-05T03:20:00+00:00".parse().unwrap();
/// assert_eq!(stamp(&s), "5 Nov 2026, 03:20 UTC");
/// let f: aftermath::domain::stamp::Stamp = "2021-09-22T16:00:00".parse().unwrap();
/// assert_eq!(stamp(&f), "22 Sep 2021, 16:00");
/// let p: aftermath::domain::stamp::Stamp = "2021-09-22T16:00:30+02:00".parse().unwrap();
/// assert_eq!(stamp(&p), "22 Sep 2021, 16:00:30 +02:00");
/// ```
pub fn stamp(s: &crate::domain::stamp::Stamp) -> String {
    use chrono::Timelike;
    let t = s.local();
    let mut out = format!("{}, {:02}:{:02}", day(t.date()), t.hour(), t.minute());
    if t.second() != 0 {
        out.push_str(&format!(":{:02}", t.second()));
    }
    if let Some(off) = s.offset() {
        out.push(' ');
        out.push_str(&zone(off.local_minus_utc()));
    }
    out
}

/// An offset for people: `UTC`, `+02:00`, `-05:00`.
pub fn zone(secs_east: i32) -> String {
    if secs_east == 0 {
        return "UTC".into();
    }
    let sign = if secs_east < 0 { '-' } else { '+' };
    let abs = secs_east.abs();
    format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}
