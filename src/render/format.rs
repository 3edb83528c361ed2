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

/// An optional duration, or `n/a`.
pub fn opt_duration(secs: Option<f64>) -> String {
    secs.map_or_else(|| "n/a".into(), duration)
}
