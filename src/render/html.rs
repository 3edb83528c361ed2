//! Markup for the page's repeated rows (table bodies, lists, legends) as one escaped string.
//!
//! A list rendered as a Leptos view is a generic view per row and cell, compiled once per
//! list into the first-load bundle; one string set with `inner_html` is the same markup for
//! the cost of this builder (see "Where the first load's bytes go" in docs/ARCHITECTURE.md).
//! Every text is escaped: titles and service names come from the user's files.

/// Appends `text` to `out`, escaped for HTML text and attribute values.
pub fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        let (plain, tail) = rest.split_at(i);
        out.push_str(plain);
        let mut chars = tail.chars();
        out.push_str(match chars.next() {
            Some('&') => "&amp;",
            Some('<') => "&lt;",
            Some('>') => "&gt;",
            Some('"') => "&quot;",
            _ => "&#39;",
        });
        rest = chars.as_str();
    }
    out.push_str(rest);
}

/// Rows of cells (`<tr><td>…</td></tr>`) or items (`<li>…</li>`), built in one string.
///
/// ```
/// use aftermath::render::html::Rows;
/// let mut rows = Rows::default();
/// rows.row().cell("API <v2>").count(3u32).link("/incidents?service=a&b", "open");
/// assert_eq!(
///     rows.finish(),
///     "<tr><td>API &lt;v2&gt;</td><td>3</td><td><a href=\"/incidents?service=a&amp;b\">open</a></td></tr>"
/// );
/// ```
#[derive(Debug, Default)]
pub struct Rows {
    html: String,
    /// The closing tag of the open row, if one is open.
    open: Option<&'static str>,
}

impl Rows {
    /// Starts a table row.
    pub fn row(&mut self) -> &mut Self {
        self.start("<tr>", "</tr>")
    }

    /// Starts a list item (its content comes from `text`, `link`…, without cells).
    pub fn item(&mut self) -> &mut Self {
        self.start("<li>", "</li>")
    }

    fn start(&mut self, open: &str, close: &'static str) -> &mut Self {
        self.close();
        self.html.push_str(open);
        self.open = Some(close);
        self
    }

    fn close(&mut self) {
        if let Some(close) = self.open.take() {
            self.html.push_str(close);
        }
    }

    /// A cell holding `text`.
    pub fn cell(&mut self, text: &str) -> &mut Self {
        self.html.push_str("<td>");
        push_escaped(&mut self.html, text);
        self.html.push_str("</td>");
        self
    }

    /// A cell holding a count.
    pub fn count(&mut self, n: impl Into<u64>) -> &mut Self {
        self.cell(&n.into().to_string())
    }

    /// A cell holding a link.
    pub fn link(&mut self, href: &str, text: &str) -> &mut Self {
        self.html.push_str("<td>");
        self.anchor(href, text);
        self.html.push_str("</td>");
        self
    }

    /// Text inside the open row or item, outside any cell.
    pub fn text(&mut self, text: &str) -> &mut Self {
        push_escaped(&mut self.html, text);
        self
    }

    /// A link inside the open row or item, outside any cell.
    pub fn anchor(&mut self, href: &str, text: &str) -> &mut Self {
        self.html.push_str("<a href=\"");
        push_escaped(&mut self.html, href);
        self.html.push_str("\">");
        push_escaped(&mut self.html, text);
        self.html.push_str("</a>");
        self
    }

    /// The markup, every row closed.
    pub fn finish(mut self) -> String {
        self.close();
        self.html
    }
}

/// One row of the incident list, already formatted.
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentRow {
    pub id: String,
    pub title: String,
    pub start: String,
    pub duration: String,
    pub level: Option<u8>,
    pub services: String,
    pub source: String,
    pub excluded: bool,
    pub kind: crate::domain::model::Kind,
}

/// The incident list's rows: title (linked with `href` of the incident's path), start, time to
/// resolve, severity, services and source, each cell labelled for the narrow layout.
pub fn incident_rows<'a>(
    rows: impl IntoIterator<Item = &'a IncidentRow>,
    href: impl Fn(&str) -> String,
) -> String {
    let mut html = String::new();
    for r in rows {
        html.push_str(if r.excluded {
            "<tr data-testid=\"incident-row\" class=\"excluded\"><td class=\"title\"><a href=\""
        } else {
            "<tr data-testid=\"incident-row\"><td class=\"title\"><a href=\""
        });
        push_escaped(&mut html, &href(&format!("/incidents/{}", r.id)));
        html.push_str("\">");
        push_escaped(&mut html, &r.title);
        html.push_str("</a>");
        if r.excluded {
            html.push_str(" (excluded)");
        }
        if r.kind != crate::domain::model::Kind::Incident {
            html.push_str(" <span class=\"kind-tag\">");
            push_escaped(&mut html, r.kind.label());
            html.push_str("</span>");
        }
        html.push_str("</td>");
        let level = r.level.unwrap_or(0);
        let cells: [(&str, &str, &str); 5] = [
            ("nowrap", "Start", &r.start),
            ("", "Time to resolve", &r.duration),
            (
                "",
                "Severity",
                crate::domain::model::Severity::level_name(r.level),
            ),
            ("", "Services", &r.services),
            ("src", "Source", &r.source),
        ];
        for (class, label, text) in cells {
            html.push_str("<td");
            if !class.is_empty() {
                html.push_str(" class=\"");
                html.push_str(class);
                html.push('"');
            }
            html.push_str(" data-label=\"");
            html.push_str(label);
            html.push_str("\">");
            if label == "Severity" {
                html.push_str(&format!("<span class=\"sev sev{level}\">"));
                push_escaped(&mut html, text);
                html.push_str("</span>");
            } else {
                push_escaped(&mut html, text);
            }
            html.push_str("</td>");
        }
        html.push_str("</tr>");
    }
    html
}

/// A line of the import report as a page shows it (owned: the report can hold 20,000 files, a
/// page 50 lines).
#[derive(Clone, Debug, PartialEq)]
pub enum ReportLine {
    File(crate::domain::import::FileReport),
    /// Rejections alike, as one line that opens: the files listed, and how many more.
    Group {
        summary: String,
        files: Vec<crate::domain::import::FileReport>,
        more: usize,
    },
}

/// The import report's rows. A file's "Remove" button carries its path in `data-path` (the
/// page listens on the table); files inside a zip have none (the zip is removed whole).
pub fn report_rows(lines: &[ReportLine]) -> String {
    use crate::domain::import::{report::thousands, Status};
    let mut html = String::new();
    for line in lines {
        match line {
            ReportLine::File(f) => {
                let status = match f.status {
                    Status::Ok => "ok",
                    Status::Warnings => "warnings",
                    Status::Rejected => "rejected",
                };
                html.push_str(&format!(
                    "<tr class=\"st-{status}\" data-testid=\"report-row\"><td class=\"src\">"
                ));
                push_escaped(&mut html, &f.path);
                html.push_str("</td><td>");
                push_escaped(&mut html, &f.format);
                html.push_str(&format!(
                    "</td><td>{status}</td><td>{}</td><td><ul>",
                    f.incidents
                ));
                for m in &f.messages {
                    html.push_str("<li>");
                    push_escaped(&mut html, m);
                    html.push_str("</li>");
                }
                html.push_str("</ul></td><td>");
                if !f.path.contains("!/") {
                    html.push_str("<button type=\"button\" class=\"link\" aria-label=\"Remove ");
                    push_escaped(&mut html, &f.path);
                    html.push_str("\" data-testid=\"remove-file\" data-path=\"");
                    push_escaped(&mut html, &f.path);
                    html.push_str("\">Remove</button>");
                }
                html.push_str("</td></tr>");
            }
            ReportLine::Group {
                summary,
                files,
                more,
            } => {
                html.push_str("<tr class=\"st-rejected group\" data-testid=\"report-group\"><td colspan=\"6\"><details><summary>");
                push_escaped(&mut html, summary);
                html.push_str("</summary><p class=\"muted\">");
                // The reason in full once; a file's own words only where they differ.
                let first = files
                    .first()
                    .and_then(|f| f.messages.first())
                    .map_or("", String::as_str);
                push_escaped(&mut html, first);
                html.push_str("</p><ul class=\"group-files\">");
                for f in files {
                    html.push_str("<li><span class=\"src\">");
                    push_escaped(&mut html, &f.path);
                    html.push_str("</span>");
                    if let Some(own) = f.messages.first().filter(|m| m.as_str() != first) {
                        html.push_str(" — ");
                        push_escaped(&mut html, own);
                    }
                    html.push_str("</li>");
                }
                html.push_str("</ul>");
                if *more > 0 {
                    html.push_str(&format!(
                        "<p class=\"muted\">and {} more</p>",
                        thousands(*more)
                    ));
                }
                html.push_str("</details></td></tr>");
            }
        }
    }
    html
}

/// The chart legend's swatches: `<span><i class="sw {class}"></i>{label}</span>` for each.
pub fn swatches<'a>(items: impl IntoIterator<Item = (String, &'a str)>) -> String {
    let mut html = String::new();
    for (class, label) in items {
        html.push_str("<span><i class=\"sw ");
        push_escaped(&mut html, &class);
        html.push_str("\"></i>");
        push_escaped(&mut html, label);
        html.push_str("</span>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped_once() {
        let mut out = String::new();
        push_escaped(&mut out, r#"a&b <c> "d" 'e' &amp;"#);
        assert_eq!(out, "a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; &amp;amp;");
        let mut plain = String::new();
        push_escaped(&mut plain, "Région — ok");
        assert_eq!(plain, "Région — ok");
    }

    #[test]
    fn rows_and_items_are_closed_in_order() {
        let mut rows = Rows::default();
        rows.row().cell("a").count(1u32);
        rows.row().cell("b").count(2u32);
        assert_eq!(
            rows.finish(),
            "<tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr>"
        );
        let mut list = Rows::default();
        list.item()
            .anchor("/incidents/x", "Login <down>")
            .text(" — no end");
        list.item().text("…and 3 more");
        assert_eq!(
            list.finish(),
            "<li><a href=\"/incidents/x\">Login &lt;down&gt;</a> — no end</li><li>…and 3 more</li>"
        );
        assert_eq!(Rows::default().finish(), "");
    }

    #[test]
    fn incident_rows_are_escaped_labelled_and_marked() {
        use crate::domain::model::Kind;
        let row = IncidentRow {
            id: "a1".into(),
            title: "DB <down> & out".into(),
            start: "2 Mar 2026, 10:00 UTC".into(),
            duration: "1h".into(),
            level: Some(2),
            services: "api, \"db\"".into(),
            source: "x.md".into(),
            excluded: true,
            kind: Kind::Maintenance,
        };
        let plain = IncidentRow {
            id: "b2".into(),
            level: None,
            excluded: false,
            kind: Kind::Incident,
            ..row.clone()
        };
        let html = incident_rows([&row, &plain], |p| format!("/base{p}"));
        assert_eq!(html.matches("<tr data-testid=\"incident-row\"").count(), 2);
        assert!(html.starts_with("<tr data-testid=\"incident-row\" class=\"excluded\"><td class=\"title\"><a href=\"/base/incidents/a1\">DB &lt;down&gt; &amp; out</a> (excluded) <span class=\"kind-tag\">"));
        assert!(
            html.contains("<td class=\"nowrap\" data-label=\"Start\">2 Mar 2026, 10:00 UTC</td>")
        );
        assert!(html.contains("<td data-label=\"Severity\"><span class=\"sev sev2\">"));
        assert!(html.contains("<td data-label=\"Services\">api, &quot;db&quot;</td>"));
        assert!(html.contains(
            "<tr data-testid=\"incident-row\"><td class=\"title\"><a href=\"/base/incidents/b2\">"
        ));
        assert!(html.contains("<span class=\"sev sev0\">"));
        assert!(html.ends_with("<td class=\"src\" data-label=\"Source\">x.md</td></tr>"));
    }

    #[test]
    fn report_rows_name_files_escaped_and_group_rejections() {
        use crate::domain::import::{FileReport, Status};
        let file = |path: &str, status, messages: &[&str]| FileReport {
            path: path.into(),
            format: "csv".into(),
            status,
            incidents: 3,
            messages: messages.iter().map(|m| m.to_string()).collect(),
            reason: None,
        };
        let lines = [
            ReportLine::File(file("a <b>.csv", Status::Warnings, &["row 2: no date"])),
            ReportLine::File(file("z.zip!/c.csv", Status::Ok, &[])),
            ReportLine::Group {
                summary: "2 notes in notes/ rejected".into(),
                files: vec![
                    file("notes/1.md", Status::Rejected, &["no date"]),
                    file("notes/2.md", Status::Rejected, &["not UTF-8"]),
                ],
                more: 1234,
            },
        ];
        let html = report_rows(&lines);
        assert!(html.starts_with("<tr class=\"st-warnings\" data-testid=\"report-row\"><td class=\"src\">a &lt;b&gt;.csv</td><td>csv</td><td>warnings</td><td>3</td><td><ul><li>row 2: no date</li></ul></td>"));
        assert!(html.contains("aria-label=\"Remove a &lt;b&gt;.csv\" data-testid=\"remove-file\" data-path=\"a &lt;b&gt;.csv\">Remove</button>"));
        // A file inside a zip has no button of its own.
        assert_eq!(html.matches("data-testid=\"remove-file\"").count(), 1);
        assert!(html.contains("<td class=\"src\">z.zip!/c.csv</td><td>csv</td><td>ok</td><td>3</td><td><ul></ul></td><td></td></tr>"));
        assert!(html.contains(
            "<summary>2 notes in notes/ rejected</summary><p class=\"muted\">no date</p>"
        ));
        assert!(html.contains("<li><span class=\"src\">notes/1.md</span></li><li><span class=\"src\">notes/2.md</span> — not UTF-8</li>"));
        assert!(html.ends_with("<p class=\"muted\">and 1,234 more</p></details></td></tr>"));
    }

    #[test]
    fn swatches_escape_their_labels() {
        assert_eq!(
            swatches([("lv1".to_string(), "Critical"), ("cal0".to_string(), "<none>")]),
            "<span><i class=\"sw lv1\"></i>Critical</span><span><i class=\"sw cal0\"></i>&lt;none&gt;</span>"
        );
    }
}
