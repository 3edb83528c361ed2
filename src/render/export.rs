//! Charts as files that can be read on their own: the chart's SVG framed with a title, the
//! view it shows (filters, period, how many incidents) and a legend, so a chart pasted into a
//! slide still says what it is. Pure string work, tested natively; the page supplies the
//! chart's SVG and its theme colours.

use crate::domain::view::View;
use std::fmt::Write;

/// What a framed chart says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Caption {
    /// "Incidents by severity, per month".
    pub title: String,
    /// The view: filters, period, how many incidents, how durations are measured.
    pub subtitle: String,
    /// Legend entries: label and CSS colour (empty for none).
    pub legend: Vec<(String, String)>,
    /// One line under the legend ("Larger boxes are longer…").
    pub note: Option<String>,
}

/// Colours and font of the page the chart comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub background: String,
    pub text: String,
    pub muted: String,
    pub font: String,
}

const PAD: i64 = 16;
const TITLE: i64 = 22;
const LINE: i64 = 18;

/// Escapes text for SVG.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chart `inner` (a standalone `<svg>` document of `width` × `height`) under a header with
/// the caption, as one SVG document.
///
/// ```
/// use aftermath::render::export::{framed_svg, Caption, Theme};
/// let inner = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="10" height="10"/></svg>"#;
/// let c = Caption { title: "Incidents by severity".into(), subtitle: "All incidents · 12".into(), ..Caption::default() };
/// let t = Theme { background: "#fff".into(), text: "#111".into(), muted: "#555".into(), font: "sans-serif".into() };
/// let out = framed_svg(inner, 100, 50, &c, &t);
/// assert!(out.contains(">Incidents by severity</text>"));
/// assert!(out.contains(r#"<svg x="0" y="64""#));
/// ```
pub fn framed_svg(inner: &str, width: i64, height: i64, c: &Caption, t: &Theme) -> String {
    let legend_rows = i64::from(!c.legend.is_empty()) + i64::from(c.note.is_some());
    let header = PAD + TITLE + LINE + legend_rows * LINE + 8;
    let total_w = width.max(320);
    let total_h = header + height + PAD;
    let mut out = String::with_capacity(inner.len() + 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" viewBox="0 0 {total_w} {total_h}" font-family="{}">"#,
        xml_escape(&t.font)
    );
    let _ = write!(
        out,
        r#"<rect width="{total_w}" height="{total_h}" fill="{}"/>"#,
        xml_escape(&t.background)
    );
    let _ = write!(
        out,
        r#"<text x="{PAD}" y="{}" font-size="16" font-weight="700" fill="{}">{}</text>"#,
        PAD + 14,
        xml_escape(&t.text),
        xml_escape(&c.title)
    );
    let mut y = PAD + TITLE + 12;
    let _ = write!(
        out,
        r#"<text x="{PAD}" y="{y}" font-size="12" fill="{}">{}</text>"#,
        xml_escape(&t.muted),
        xml_escape(&c.subtitle)
    );
    if !c.legend.is_empty() {
        y += LINE;
        let mut x = PAD;
        for (label, colour) in &c.legend {
            if !colour.is_empty() {
                let _ = write!(
                    out,
                    r#"<rect x="{x}" y="{}" width="10" height="10" rx="2" fill="{}"/>"#,
                    y - 9,
                    xml_escape(colour)
                );
                x += 14;
            }
            let _ = write!(
                out,
                r#"<text x="{x}" y="{y}" font-size="12" fill="{}">{}</text>"#,
                xml_escape(&t.text),
                xml_escape(label)
            );
            x += 8 * i64::try_from(label.chars().count()).unwrap_or(8) + 14;
        }
    }
    if let Some(note) = &c.note {
        y += LINE;
        let _ = write!(
            out,
            r#"<text x="{PAD}" y="{y}" font-size="11" fill="{}">{}</text>"#,
            xml_escape(&t.muted),
            xml_escape(note)
        );
    }
    let body = inner
        .trim_start()
        .strip_prefix("<?xml")
        .and_then(|r| r.split_once("?>").map(|(_, rest)| rest.trim_start()))
        .unwrap_or(inner.trim_start());
    let nested = body
        .strip_prefix("<svg")
        .map(|rest| format!(r#"<svg x="0" y="{header}""#) + rest)
        .unwrap_or_else(|| body.to_string());
    out.push_str(&nested);
    out.push_str("</svg>");
    out
}

/// The view a chart shows, for its caption: `Severity: critical · Service: api · 1 Jan 2025 –
/// 31 Mar 2025 · 42 incidents · resolve measured from the detection`.
///
/// ```
/// use aftermath::domain::view::View;
/// use aftermath::render::export::view_summary;
/// assert_eq!(view_summary(&View::default(), 300), "All incidents · 300 incidents · time to resolve from the start");
/// ```
pub fn view_summary(v: &View, count: usize) -> String {
    use crate::domain::model::{Level, Milestone};
    use crate::render::format::day;
    let mut parts: Vec<String> = Vec::new();
    match (v.from, v.to) {
        (Some(a), Some(b)) => parts.push(format!("{} – {}", day(a), day(b))),
        (Some(a), None) => parts.push(format!("from {}", day(a))),
        (None, Some(b)) => parts.push(format!("until {}", day(b))),
        (None, None) => {}
    }
    if let Some(l) = v.severity {
        parts.push(format!(
            "Severity: {}",
            Level::from_number(l).map_or("unknown", Level::name)
        ));
    }
    if let Some(s) = &v.service {
        parts.push(format!("Service: {s}"));
    }
    if let Some(t) = &v.tag {
        parts.push(format!("Tag: {t}"));
    }
    if let Some(s) = &v.source {
        parts.push(format!("File: {s}"));
    }
    if !v.q.is_empty() {
        parts.push(format!("Search: “{}”", v.q));
    }
    if parts.is_empty() {
        parts.push("All incidents".into());
    }
    parts.push(crate::render::format::plural(count, "incident"));
    parts.push(
        if v.resolve_from == Milestone::Detected {
            "time to resolve from the detection"
        } else {
            "time to resolve from the start"
        }
        .into(),
    );
    if v.include_planned {
        parts.push("maintenance and notices counted".into());
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_framed_chart_keeps_the_chart_and_says_what_it_shows() {
        let inner = "<?xml version=\"1.0\"?>\n<svg width=\"200\" height=\"80\"><g/></svg>";
        let c = Caption {
            title: "Time to resolve by severity".into(),
            subtitle: "Severity: critical · 4 incidents".into(),
            legend: vec![
                ("critical".into(), "#6b3fa0".into()),
                ("n/a".into(), String::new()),
            ],
            note: Some("Log scale".into()),
        };
        let t = Theme {
            background: "#fff".into(),
            text: "#111".into(),
            muted: "#555".into(),
            font: "system-ui".into(),
        };
        let out = framed_svg(inner, 200, 80, &c, &t);
        assert!(out.starts_with("<svg xmlns="));
        assert!(!out.contains("<?xml"));
        assert!(out.contains(">Severity: critical · 4 incidents</text>"));
        assert!(out.contains("fill=\"#6b3fa0\""));
        assert!(out.contains(">Log scale</text>"));
        assert!(out.ends_with("<g/></svg></svg>"));
        assert_eq!(out.matches("<svg").count(), 2);
    }

    #[test]
    fn summaries_name_every_filter() {
        let v = View {
            severity: Some(1),
            service: Some("api".into()),
            q: "tls".into(),
            resolve_from: crate::domain::model::Milestone::Detected,
            ..View::default()
        };
        assert_eq!(
            view_summary(&v, 1),
            "Severity: critical · Service: api · Search: “tls” · 1 incident · time to resolve from the detection"
        );
    }
}
