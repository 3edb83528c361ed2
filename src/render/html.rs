//! Markup for the page's repeated rows (table bodies, lists, legends) as one escaped string.
//!
//! A list rendered as a Leptos view is a generic view per row and cell, compiled once per
//! list into the first-load bundle; one string set with `inner_html` is the same markup for
//! the cost of this builder (see "Where the first load's bytes go" in docs/ARCHITECTURE.md).
//! Every text is escaped: titles and service names come from the user's files.

use crate::domain::route::incident_path;

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

    /// A row's header cell (`<th scope="row">`) holding `text`.
    pub fn head(&mut self, text: &str) -> &mut Self {
        self.html.push_str("<th scope=\"row\">");
        push_escaped(&mut self.html, text);
        self.html.push_str("</th>");
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

    /// Code (`<code>`) inside the open row or item.
    pub fn code(&mut self, text: &str) -> &mut Self {
        self.html.push_str("<code>");
        push_escaped(&mut self.html, text);
        self.html.push_str("</code>");
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
        push_escaped(&mut html, &href(&incident_path(&r.id)));
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

/// The quarters of the archive page, newest first: their incidents listed, as from
/// `domain::dashboard::by_quarter`.
pub type Quarters = [(Option<String>, Vec<crate::domain::dashboard::Listed>)];

fn quarter_name(label: &Option<String>) -> &str {
    label.as_deref().unwrap_or("Undated")
}

/// Links to each quarter's list on the page, with its count.
pub fn quarter_nav(quarters: &Quarters) -> String {
    let mut html = String::new();
    for (label, list) in quarters {
        let name = quarter_name(label);
        html.push_str("<a href=\"#q-");
        push_escaped(&mut html, name);
        html.push_str("\">");
        push_escaped(&mut html, &format!("{name} ({})", list.len()));
        html.push_str("</a>");
    }
    html
}

/// Each quarter's incidents: day, title (linked with `href` of the incident's path),
/// severity, time to resolve.
pub fn quarter_sections(quarters: &Quarters, href: impl Fn(&str) -> String) -> String {
    use crate::render::format;
    let mut html = String::new();
    for (label, list) in quarters {
        let name = quarter_name(label);
        html.push_str("<section class=\"quarter\" data-testid=\"quarter\"><h2 id=\"q-");
        push_escaped(&mut html, name);
        html.push_str("\">");
        push_escaped(
            &mut html,
            &format!("{name} · {}", format::plural(list.len(), "incident")),
        );
        html.push_str("</h2><ul class=\"listing\">");
        for l in list {
            html.push_str("<li data-testid=\"quarter-item\"><time datetime=\"");
            if let Some(d) = l.day {
                html.push_str(&d.to_string());
            }
            html.push_str("\">");
            if let Some(d) = l.day {
                html.push_str(&format::day(d));
            }
            html.push_str("</time> <a href=\"");
            push_escaped(&mut html, &href(&incident_path(&l.id)));
            html.push_str("\">");
            push_escaped(&mut html, &l.title);
            html.push_str(&format!(
                "</a> <span class=\"sev sev{}\">{}</span><span class=\"muted\"> {}</span></li>",
                l.level.unwrap_or(0),
                crate::domain::model::Severity::level_name(l.level),
                format::opt_duration(l.ttr_secs.map(|v| v as f64))
            ));
        }
        html.push_str("</ul></section>");
    }
    html
}

/// Quarters side by side, newest first (`rows` oldest first, as `domain::review::quarters`
/// gives them), each with the change from the quarter before it (an arrow and the amount:
/// colour is never the only cue), and links to the quarter's dashboard and printable report.
pub fn quarter_rows(
    rows: &[crate::domain::review::QuarterRow],
    href: impl Fn(&str) -> String,
) -> String {
    use crate::domain::availability::{percent_text, shown_hundredths, Availability};
    use crate::domain::model::Level;
    use crate::domain::review::change;
    use crate::domain::view::View;
    use crate::render::format;
    let median_line = |s: &crate::domain::metrics::Summary| {
        if s.n == 0 {
            "n/a".to_string()
        } else {
            format!(
                "{} (p90 {}, n = {})",
                format::opt_duration(s.median_secs),
                format::p90(s),
                s.n
            )
        }
    };
    // From the figures as shown, so that the change is their difference.
    let shown = |a: &Availability| shown_hundredths(a) as f64 / 100.0;
    let mut html = String::new();
    for (i, r) in rows.iter().enumerate().rev() {
        let prev = i.checked_sub(1).and_then(|p| rows.get(p));
        let count_change = prev.and_then(|p| {
            change(Some(p.total as f64), Some(r.total as f64), |d| {
                (d.round() as i64).to_string()
            })
        });
        let ttr_change =
            prev.and_then(|p| change(p.ttr.median_secs, r.ttr.median_secs, format::duration));
        let ttd_change =
            prev.and_then(|p| change(p.ttd.median_secs, r.ttd.median_secs, format::duration));
        let avail_change = prev.and_then(|p| {
            change(
                Some(shown(&p.availability)),
                Some(shown(&r.availability)),
                |d| {
                    let hundredths = (d * 100.0).round() as i64;
                    format!("{}.{:02} pts", hundredths / 100, hundredths % 100)
                },
            )
        });
        let levels: Vec<String> = Level::ALL
            .iter()
            .filter_map(|l| {
                let n = r
                    .by_level
                    .get(usize::from(l.number()))
                    .copied()
                    .unwrap_or(0);
                (n > 0).then(|| format!("{n} {}", l.name()))
            })
            .collect();
        let filtered = View {
            from: Some(r.start),
            to: Some(r.last),
            ..View::default()
        }
        .to_query();
        let down = if r.availability.down_secs > 0 {
            format!(
                " ({} down)",
                format::duration(r.availability.down_secs as f64)
            )
        } else {
            String::new()
        };
        let delta = |html: &mut String, c: Option<String>| {
            if let Some(c) = c {
                html.push_str("<br><span class=\"delta\">");
                push_escaped(html, &c);
                html.push_str("</span>");
            }
        };
        html.push_str("<tr data-testid=\"quarter-row\"><th scope=\"row\">");
        push_escaped(&mut html, &r.label);
        html.push_str(&format!("</th><td><b>{}</b>", r.total));
        if let Some(c) = count_change {
            html.push_str("<span class=\"delta\"> ");
            push_escaped(&mut html, &c);
            html.push_str("</span>");
        }
        html.push_str("<br><span class=\"muted\">");
        push_escaped(&mut html, &levels.join(", "));
        html.push_str("</span></td><td>");
        push_escaped(&mut html, &median_line(&r.ttr));
        delta(&mut html, ttr_change);
        html.push_str("</td><td>");
        push_escaped(&mut html, &median_line(&r.ttd));
        delta(&mut html, ttd_change);
        html.push_str("</td><td>");
        push_escaped(
            &mut html,
            &format!("{}{down}", percent_text(&r.availability)),
        );
        delta(&mut html, avail_change);
        html.push_str("</td><td>");
        let services = if r.top_services.is_empty() {
            "—".to_string()
        } else {
            let named: Vec<String> = r
                .top_services
                .iter()
                .map(|(s, n)| format!("{s} ({n})"))
                .collect();
            named.join(", ")
        };
        push_escaped(&mut html, &services);
        html.push_str("</td><td class=\"nowrap\"><a href=\"");
        push_escaped(&mut html, &href(&format!("/{filtered}")));
        html.push_str("\">Dashboard</a> · <a href=\"");
        push_escaped(&mut html, &href(&format!("/report{filtered}")));
        html.push_str("\">Report</a></td></tr>");
    }
    html
}

/// Incidents as a numbered list: title (linked with `href` of the incident's path), then day,
/// severity and time to resolve; a sentence when there are none.
pub fn listing(
    items: &[crate::domain::dashboard::Listed],
    href: impl Fn(&str) -> String,
) -> String {
    use crate::render::format;
    if items.is_empty() {
        return "<p class=\"na\">None in this view.</p>".into();
    }
    let mut list = Rows::default();
    for l in items {
        list.item().anchor(&href(&incident_path(&l.id)), &l.title);
        list.html.push_str("<span class=\"muted\">");
        list.text(&format!(
            " — {} · {} · {}",
            l.day.map_or_else(|| "undated".into(), format::day),
            crate::domain::model::Severity::level_name(l.level),
            format::opt_duration(l.ttr_secs.map(|v| v as f64))
        ));
        list.html.push_str("</span>");
    }
    format!("<ol class=\"listing\">{}</ol>", list.finish())
}

/// A milestone's time for the incident page: as people read it, with the machine form in the
/// `datetime` attribute and a tooltip.
fn push_when(html: &mut String, s: Option<crate::domain::stamp::Stamp>) {
    match s {
        None => html.push_str("<span class=\"na\">unknown</span>"),
        Some(s) => {
            push_time(html, &s);
            if s.is_floating() {
                html.push_str(" (no zone given)");
            }
        }
    }
}

fn push_time(html: &mut String, s: &crate::domain::stamp::Stamp) {
    let iso = s.to_string();
    html.push_str("<time datetime=\"");
    push_escaped(html, &iso);
    html.push_str("\" title=\"");
    push_escaped(html, &iso);
    html.push_str("\">");
    push_escaped(html, &crate::render::format::stamp(s));
    html.push_str("</time>");
}

/// "inferred", when the importer guessed `field`.
fn push_badge(html: &mut String, inc: &crate::domain::model::Incident, field: &str) {
    if inc.is_inferred(field) {
        html.push_str("<span class=\"badge\" title=\"guessed by the importer\">inferred</span>");
    }
}

/// " — from: *the line as written* (line 12)" for a value read from text.
fn push_cited(html: &mut String, inc: &crate::domain::model::Incident, field: &str) {
    let Some(c) = inc.evidence_of(field) else {
        return;
    };
    let plain = crate::domain::scan::plain(c.text);
    // A list or table line reads as its words: no bullet, no cell borders.
    let text = plain
        .trim_matches(|ch: char| ch == '|' || ch.is_whitespace())
        .trim_start_matches(['-', '*', '+', '•'])
        .trim()
        .replace(" | ", " ");
    html.push_str("<span class=\"evidence\" data-testid=\"evidence-");
    push_escaped(html, field);
    html.push_str("\"> — from: <q>");
    push_escaped(html, &text);
    html.push_str("</q>");
    if let Some(n) = c.line {
        html.push_str(&format!(" (line {n})"));
    }
    html.push_str("</span>");
}

/// The incident page's content (the postmortem's text aside, which the page renders in the
/// worker): links back and to the review, what kind it is, title, severity, services and
/// source, each milestone's time with "inferred" and where it was read, the durations, impact,
/// the importer's warnings, the timeline and action items.
pub fn incident_detail(
    inc: &crate::domain::model::Incident,
    href: impl Fn(&str) -> String,
) -> String {
    use crate::domain::metrics::{self, Definitions, Metric};
    use crate::domain::model::{Kind, Milestone, Severity};
    use crate::render::format;
    let mut html = String::from("<p><a href=\"");
    push_escaped(&mut html, &href("/incidents"));
    html.push_str("\">← All incidents</a> · <a href=\"");
    push_escaped(
        &mut html,
        &href(&format!(
            "/review?id={}",
            crate::domain::view::encode(&inc.id)
        )),
    );
    html.push_str("\">Correct this incident</a></p>");
    if inc.excluded {
        html.push_str("<p class=\"banner demo\">Left out of the metrics (marked as excluded).</p>");
    }
    if inc.kind != Kind::Incident {
        html.push_str("<p class=\"banner demo\" data-testid=\"incident-kind\">");
        push_escaped(
            &mut html,
            &format!(
                "This is a {}: left out of incident metrics unless the dashboard counts planned work.",
                inc.kind.label()
            ),
        );
        push_cited(&mut html, inc, "kind");
        html.push_str("</p>");
    }
    html.push_str("<h1>");
    push_escaped(&mut html, &inc.title);
    push_badge(&mut html, inc, "title");
    html.push_str(&format!(
        "</h1><p class=\"meta\"><span class=\"sev sev{}\">{}</span>",
        inc.severity.level.unwrap_or(0),
        Severity::level_name(inc.severity.level)
    ));
    if let Some(l) = &inc.severity.label {
        push_escaped(&mut html, &format!(" ({l})"));
    }
    push_badge(&mut html, inc, "severity");
    push_cited(&mut html, inc, "severity");
    html.push_str(" · ");
    if inc.services.is_empty() {
        html.push_str("no service named");
    } else {
        push_escaped(&mut html, &inc.services.join(", "));
    }
    html.push_str(" · from <code>");
    push_escaped(&mut html, &inc.source.file);
    html.push_str("</code> (");
    push_escaped(&mut html, &inc.source.format);
    html.push(')');
    if let Some(id) = &inc.source.external_id {
        html.push_str(" · id <code data-testid=\"incident-external-id\">");
        push_escaped(&mut html, id);
        html.push_str("</code>");
    }
    if let Some(u) = inc
        .source
        .url
        .as_ref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    {
        html.push_str(" · <a href=\"");
        push_escaped(&mut html, u);
        html.push_str("\" rel=\"noopener noreferrer nofollow\" data-testid=\"incident-source-link\">open in the source</a>");
    }
    html.push_str("</p>");
    if let Some(lead) = inc.lead() {
        html.push_str("<p class=\"summary\">");
        push_escaped(&mut html, &crate::domain::scan::plain(lead));
        html.push_str("</p>");
    }
    html.push_str("<dl class=\"times\">");
    for m in Milestone::ALL {
        html.push_str(&format!(
            "<dt>{}</dt><dd data-testid=\"incident-{}\">",
            m.label(),
            m.name()
        ));
        push_when(&mut html, m.of(inc));
        push_badge(&mut html, inc, m.name());
        push_cited(&mut html, inc, m.name());
        html.push_str("</dd>");
    }
    let defs = Definitions::default();
    let d = metrics::durations(inc, &defs);
    for (label, key, metric, secs) in [
        ("Time to detect", "ttd", Metric::Ttd, d.ttd_secs),
        ("Time to resolve", "ttr", Metric::Ttr, d.ttr_secs),
    ] {
        let shown = defs.duration(inc, metric).map_or_else(
            |e| match secs {
                Some(v) => format!("{} (not counted: {})", format::duration(v as f64), e.key()),
                None => format!("n/a ({})", e.key()),
            },
            |v| format::duration(v as f64),
        );
        html.push_str(&format!(
            "<dt>{label}</dt><dd data-testid=\"incident-{key}\">"
        ));
        push_escaped(&mut html, &shown);
        push_cited(&mut html, inc, &format!("durations.{key}_secs"));
        html.push_str("</dd>");
    }
    html.push_str("</dl>");
    if let Some(impact) = &inc.impact {
        html.push_str("<h2>Impact</h2><p>");
        push_escaped(&mut html, impact);
        html.push_str("</p>");
    }
    if !inc.warnings.is_empty() {
        let mut list = Rows::default();
        for w in &inc.warnings {
            list.item().text(&w.to_string());
        }
        html.push_str("<h2>Check these</h2><ul class=\"warnings\">");
        html.push_str(&list.finish());
        html.push_str("</ul>");
    }
    if !inc.timeline.is_empty() {
        html.push_str("<h2>Timeline</h2><ol class=\"timeline\">");
        for t in &inc.timeline {
            html.push_str("<li>");
            if let Some(s) = &t.at {
                push_time(&mut html, s);
            }
            html.push(' ');
            push_escaped(&mut html, &crate::domain::scan::plain(&t.text));
            html.push_str("</li>");
        }
        html.push_str("</ol>");
    }
    if !inc.actions.is_empty() {
        let mut list = Rows::default();
        for a in &inc.actions {
            list.item().text(a);
        }
        html.push_str("<h2>Action items</h2><ul>");
        html.push_str(&list.finish());
        html.push_str("</ul>");
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

/// `<option>`s for a control's menu, the one holding `current` selected.
fn push_options<'a>(
    html: &mut String,
    options: impl IntoIterator<Item = (&'a str, &'a str)>,
    current: &str,
) {
    for (value, label) in options {
        html.push_str("<option value=\"");
        push_escaped(html, value);
        html.push_str(if value == current {
            "\" selected>"
        } else {
            "\">"
        });
        push_escaped(html, label);
        html.push_str("</option>");
    }
}

/// A control of the view, named by the key it sets (`data-view`: see
/// `domain::view::View::set_control`), holding the view's value.
fn push_control(html: &mut String, kind: &str, test_id: &str, key: &str, value: &str, extra: &str) {
    html.push_str("<input type=\"");
    html.push_str(kind);
    html.push_str("\" data-testid=\"");
    html.push_str(test_id);
    html.push_str("\" data-view=\"");
    html.push_str(key);
    html.push_str("\" value=\"");
    push_escaped(html, value);
    html.push('"');
    html.push_str(extra);
    html.push('>');
}

/// A `<select>` of the view, named by its key (see [`push_control`]).
fn push_select<'a>(
    html: &mut String,
    label: &str,
    test_id: &str,
    key: &str,
    options: impl IntoIterator<Item = (&'a str, &'a str)>,
    current: &str,
) {
    html.push_str("<label>");
    html.push_str(label);
    html.push_str(" <select data-testid=\"");
    html.push_str(test_id);
    html.push_str("\" data-view=\"");
    html.push_str(key);
    html.push_str("\">");
    push_options(html, options, current);
    html.push_str("</select></label>");
}

/// Why no incident could be measured, as a list: `2 without an end, 1 negative`.
pub fn exclusions(s: &crate::domain::metrics::Summary) -> String {
    let parts: Vec<String> = s
        .excluded
        .iter()
        .map(|(k, v)| format!("{v} {}", k.describe()))
        .collect();
    parts.join(", ")
}

/// A duration KPI card's figures (`key`: `ttr`, …): the median large, p90 (from ten incidents),
/// mean and n beside it, a caution for few incidents or a mean pulled up by a few long ones;
/// n/a with the reason when nothing could be measured.
///
/// ```
/// use aftermath::domain::metrics::Summary;
/// use aftermath::render::html::kpi_figures;
/// let none = Summary::default();
/// assert_eq!(
///     kpi_figures("ttd", &none),
///     r#"<p class="big na" data-testid="kpi-ttd-median">n/a</p><p class="sub">no incident to measure</p>"#
/// );
/// ```
pub fn kpi_figures(key: &str, s: &crate::domain::metrics::Summary) -> String {
    use crate::render::format::{duration, opt_duration, plural};
    if s.n == 0 {
        let why = exclusions(s);
        let why = if why.is_empty() {
            "no incident to measure".to_string()
        } else {
            format!("no incident has both times: {why}")
        };
        let mut html = format!(
            "<p class=\"big na\" data-testid=\"kpi-{key}-median\">n/a</p><p class=\"sub\">"
        );
        push_escaped(&mut html, &why);
        html.push_str("</p>");
        return html;
    }
    // A p90 of fewer than ten incidents is one of them, not a percentile.
    let p90 = s
        .p90_shown()
        .map(|v| format!(" · p90 {}", duration(v)))
        .unwrap_or_default();
    let mut html = format!(
        "<p class=\"big\" data-testid=\"kpi-{key}-median\" title=\"median\">{}</p><p class=\"sub\">median{p90} · mean {}</p><p class=\"sub\" data-testid=\"kpi-{key}-n\">n = {}</p>",
        opt_duration(s.median_secs),
        opt_duration(s.mean_secs),
        s.n
    );
    if s.n < crate::domain::metrics::FEW {
        html.push_str(&format!("<p class=\"sub caution\" data-testid=\"kpi-{key}-few\">Few incidents: read these figures with care.</p>"));
    }
    if let Some(o) = s.pulled_up_by {
        html.push_str(&format!(
            "<p class=\"sub caution\" data-testid=\"kpi-{key}-skew\">The mean is pulled up by {} over {}.</p>",
            plural(o.count, "incident"),
            duration(o.over_secs as f64)
        ));
    }
    html
}

/// One `<select>` of the view in its `<label>` (named by the key it sets: see
/// [`filter_controls`]), `options` as (value, label), the view's value selected.
///
/// ```
/// use aftermath::render::html::select_control;
/// assert_eq!(
///     select_control("Per", "trend-period", "period", &[("week", "week"), ("month", "month")], "month"),
///     r#"<label>Per <select data-testid="trend-period" data-view="period"><option value="week">week</option><option value="month" selected>month</option></select></label>"#
/// );
/// ```
pub fn select_control(
    label: &str,
    test_id: &str,
    key: &str,
    options: &[(&str, &str)],
    current: &str,
) -> String {
    let mut html = String::new();
    push_select(
        &mut html,
        label,
        test_id,
        key,
        options.iter().copied(),
        current,
    );
    html
}

/// The definitions above the KPI cards: where time to resolve is measured from, and, when the
/// data has `planned` maintenance windows or notices, whether they count.
pub fn definition_controls(view: &crate::domain::view::View, planned: usize) -> String {
    let mut html = select_control(
        "Time to resolve measured from",
        "ttr-from",
        "ttr_from",
        &[("started", "the start"), ("detected", "the detection")],
        &view.control("ttr_from"),
    );
    if planned > 0 {
        html.push_str("<label class=\"planned\">");
        push_control(
            &mut html,
            "checkbox",
            "include-planned",
            "planned",
            "include",
            if view.include_planned { " checked" } else { "" },
        );
        html.push_str(&format!(
            " count planned maintenance and notices in the times ({planned} in the data)</label>"
        ));
    }
    html
}

/// The filter bar's menus of values found in the data: label and the view's key.
pub const FILTER_MENUS: [(&str, &str); 3] =
    [("Service", "service"), ("Tag", "tag"), ("Source", "source")];

/// A filter menu's options: "All", then `values`, the one holding `current` selected.
pub fn menu_options(values: &[String], current: &str) -> String {
    let mut html = String::new();
    let options =
        std::iter::once(("", "All")).chain(values.iter().map(|v| (v.as_str(), v.as_str())));
    push_options(&mut html, options, current);
    html
}

/// The filter bar's controls (inside its `<form>`): date range with quick picks, severity,
/// service, tag and source menus (`menus`, the values found in the data), search, and "clear
/// filters" (hidden while nothing is filtered). Each names the view's key it sets
/// (`data-view`) and holds the view's value; the page follows their changes with one handler.
pub fn filter_controls(
    view: &crate::domain::view::View,
    menus: [&[String]; 3],
    today: chrono::NaiveDate,
) -> String {
    use crate::domain::model::Level;
    use crate::domain::view::QuickRange;
    let mut html = String::from(
        "<fieldset class=\"range\"><legend class=\"sr\">Date range</legend><label>From ",
    );
    push_control(
        &mut html,
        "date",
        "filter-from",
        "from",
        &view.control("from"),
        "",
    );
    html.push_str("</label><label>to ");
    push_control(
        &mut html,
        "date",
        "filter-to",
        "to",
        &view.control("to"),
        "",
    );
    html.push_str("</label><span class=\"quick\">");
    for r in QuickRange::ALL {
        html.push_str("<button type=\"button\" class=\"chip\" data-view=\"range\" data-value=\"");
        html.push_str(r.key());
        html.push_str("\" aria-pressed=\"");
        html.push_str(if view.quick_pressed(r, today) {
            "true"
        } else {
            "false"
        });
        html.push_str("\">");
        html.push_str(r.label());
        html.push_str("</button>");
    }
    html.push_str("</span></fieldset>");
    let numbers = Level::ALL.map(|l| l.number().to_string());
    let levels = std::iter::once(("", "All"))
        .chain(
            numbers
                .iter()
                .zip(Level::ALL)
                .map(|(n, l)| (n.as_str(), l.label())),
        )
        .chain(std::iter::once(("0", "Unknown")));
    push_select(
        &mut html,
        "Severity",
        "filter-severity",
        "sev",
        levels,
        &view.control("sev"),
    );
    for ((label, key), values) in FILTER_MENUS.into_iter().zip(menus) {
        html.push_str("<label>");
        html.push_str(label);
        html.push_str(" <select data-testid=\"filter-");
        html.push_str(key);
        html.push_str("\" data-view=\"");
        html.push_str(key);
        html.push_str("\">");
        html.push_str(&menu_options(values, &view.control(key)));
        html.push_str("</select></label>");
    }
    html.push_str("<label class=\"grow\">Search ");
    push_control(
        &mut html,
        "search",
        "filter-q",
        "q",
        &view.q,
        " placeholder=\"title, summary, service, tag, file\"",
    );
    html.push_str("</label><button type=\"button\" class=\"link\" data-testid=\"filter-reset\" data-view=\"reset\"");
    if !view.is_filtered() {
        html.push_str(" hidden");
    }
    html.push_str(">Clear filters</button>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_controls_hold_the_view_and_name_what_they_set() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let view = crate::domain::view::View::from_pairs([
            ("sev", "2"),
            ("service", "API <v2>"),
            ("from", "2026-10-24"),
            ("to", "2026-11-22"),
        ]);
        let services = vec!["API <v2>".to_string(), "DB".to_string()];
        let html = filter_controls(&view, [&services, &[], &[]], today);
        assert!(html.contains(r#"data-testid="filter-from" data-view="from" value="2026-10-24">"#));
        assert!(html.contains(
            r#"data-view="range" data-value="last30" aria-pressed="true">Last 30 days</button>"#
        ));
        assert!(html.contains(r#"data-value="year" aria-pressed="false">"#));
        assert!(html.contains(r#"<option value="2" selected>Major</option>"#));
        assert!(html.contains(r#"<option value="0">Unknown</option>"#));
        assert!(html.contains(r#"<option value="API &lt;v2&gt;" selected>API &lt;v2&gt;</option><option value="DB">DB</option>"#));
        assert!(html.contains(r#"data-testid="filter-tag" data-view="tag"><option value="" selected>All</option></select>"#));
        assert!(html.contains(r#"data-view="reset">Clear filters</button>"#));
        let plain = filter_controls(
            &crate::domain::view::View::default(),
            [&[], &[], &[]],
            today,
        );
        assert!(plain.contains(r#"data-view="reset" hidden>"#));
        assert!(plain.contains(r#"data-testid="filter-q" data-view="q" value="" placeholder="#));
    }

    #[test]
    fn the_definitions_offer_planned_work_only_when_the_data_has_some() {
        let view = crate::domain::view::View::from_pairs([
            ("ttr_from", "detected"),
            ("planned", "include"),
        ]);
        let html = definition_controls(&view, 3);
        assert!(html.contains(r#"<option value="detected" selected>the detection</option>"#));
        assert!(html.contains(r#"<input type="checkbox" data-testid="include-planned" data-view="planned" value="include" checked> count planned maintenance and notices in the times (3 in the data)</label>"#));
        assert!(!definition_controls(&view, 0).contains("planned"));
    }

    #[test]
    fn a_kpi_card_says_median_p90_mean_n_and_its_cautions() {
        use crate::domain::metrics::{Outliers, Summary};
        let mut s = Summary {
            n: 12,
            median_secs: Some(2700.0),
            p90_secs: Some(7200.0),
            mean_secs: Some(9000.0),
            pulled_up_by: Some(Outliers {
                count: 2,
                over_secs: 86400,
            }),
            ..Summary::default()
        };
        let html = kpi_figures("ttr", &s);
        assert!(html.starts_with(r#"<p class="big" data-testid="kpi-ttr-median" title="median">45min</p><p class="sub">median · p90 2h · mean 2h 30min</p><p class="sub" data-testid="kpi-ttr-n">n = 12</p>"#), "{html}");
        assert!(
            html.ends_with(
                r#"data-testid="kpi-ttr-skew">The mean is pulled up by 2 incidents over 1d.</p>"#
            ),
            "{html}"
        );
        assert!(!html.contains("few"));
        s.n = 3;
        s.pulled_up_by = None;
        let few = kpi_figures("ttr", &s);
        assert!(
            few.contains("median · mean 2h 30min"),
            "no p90 under ten: {few}"
        );
        assert!(few.ends_with(r#"<p class="sub caution" data-testid="kpi-ttr-few">Few incidents: read these figures with care.</p>"#));
    }

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
    fn the_archive_lists_quarters_newest_first_with_changes_and_links() {
        use crate::domain::dashboard;
        use crate::domain::model::testing::incident;
        use crate::domain::view::View;
        let mut all = vec![
            incident(
                "a",
                1,
                "2026-01-10T10:00:00Z",
                "2026-01-10T12:00:00Z",
                &["API"],
            ),
            incident(
                "b",
                3,
                "2026-04-02T09:00:00Z",
                "2026-04-02T09:30:00Z",
                &["DB <x>"],
            ),
            incident(
                "c",
                2,
                "2026-05-02T09:00:00Z",
                "2026-05-02T10:00:00Z",
                &["DB <x>"],
            ),
        ];
        all[0].title = "Login <failures>".into();
        let view = View::default();
        let selected = dashboard::select(&all, &dashboard::prepare(&all, &view), &view);
        let rows = dashboard::quarters(&all, &selected);
        let html = quarter_rows(&rows, |p| format!("/base{p}"));
        // Newest first: Q2 with its change from Q1 (one more incident), then Q1 without.
        let q2 = html.find("Q2 2026").unwrap();
        let q1 = html.find("Q1 2026").unwrap();
        assert!(q2 < q1, "{html}");
        assert!(
            html.contains("<b>2</b><span class=\"delta\"> ↑ 1</span>"),
            "{html}"
        );
        assert!(
            html.contains("<b>1</b><br><span class=\"muted\">1 critical</span>"),
            "{html}"
        );
        assert!(html.contains("DB &lt;x&gt; (2)"), "{html}");
        assert!(html.contains("<a href=\"/base/?from=2026-04-01&amp;to=2026-06-30\">Dashboard</a> · <a href=\"/base/report?from=2026-04-01&amp;to=2026-06-30\">Report</a>"), "{html}");
        assert_eq!(html.matches("<tr data-testid=\"quarter-row\">").count(), 2);

        let quarters = dashboard::by_quarter(&all);
        let nav = quarter_nav(&quarters);
        assert_eq!(
            nav,
            "<a href=\"#q-Q2 2026\">Q2 2026 (2)</a><a href=\"#q-Q1 2026\">Q1 2026 (1)</a>"
        );
        let sections = quarter_sections(&quarters, |p| format!("/base{p}"));
        assert!(sections.starts_with("<section class=\"quarter\" data-testid=\"quarter\"><h2 id=\"q-Q2 2026\">Q2 2026 · 2 incidents</h2><ul class=\"listing\">"), "{sections}");
        assert!(sections.contains("<li data-testid=\"quarter-item\"><time datetime=\"2026-01-10\">10 Jan 2026</time> <a href=\"/base/incidents/a\">Login &lt;failures&gt;</a> <span class=\"sev sev1\">"), "{sections}");
        assert!(
            sections.contains("<span class=\"muted\"> 2h</span></li>"),
            "{sections}"
        );
    }

    #[test]
    fn a_listing_links_each_incident_or_says_there_is_none() {
        use crate::domain::dashboard::Listed;
        let l = Listed {
            id: "a1".into(),
            title: "DNS <down>".into(),
            day: chrono::NaiveDate::from_ymd_opt(2026, 3, 2),
            level: Some(1),
            ttr_secs: Some(5400),
        };
        let undated = Listed {
            id: "b2".into(),
            day: None,
            level: None,
            ttr_secs: None,
            ..l.clone()
        };
        let html = listing(&[l, undated], |p| format!("/base{p}"));
        assert!(html.starts_with("<ol class=\"listing\"><li><a href=\"/base/incidents/a1\">DNS &lt;down&gt;</a><span class=\"muted\"> — 2 Mar 2026 · "), "{html}");
        assert!(html.contains(" · 1h 30min</span></li>"), "{html}");
        assert!(
            html.contains("<span class=\"muted\"> — undated · "),
            "{html}"
        );
        assert!(html.ends_with(" · n/a</span></li></ol>"), "{html}");
        assert_eq!(
            listing(&[], |p| p.to_string()),
            "<p class=\"na\">None in this view.</p>"
        );
        let mut rows = Rows::default();
        rows.row().head("Time to <resolve>").cell("1h");
        assert_eq!(
            rows.finish(),
            "<tr><th scope=\"row\">Time to &lt;resolve&gt;</th><td>1h</td></tr>"
        );
    }

    #[test]
    fn the_incident_page_says_where_each_value_was_read() {
        use crate::domain::import::{import_file, ImportOptions};
        let text = include_str!("../../tests/fixtures/freetext/en-bold-bullets-utc.md");
        let opts = ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let mut inc = import_file("pm.md", text.as_bytes(), &opts)
            .incidents
            .remove(0);
        inc.title.push_str(" <b>");
        inc.source.url = Some("javascript:alert(1)".into());
        let html = incident_detail(&inc, |p| format!("/base{p}"));
        assert!(html.starts_with(&format!("<p><a href=\"/base/incidents\">← All incidents</a> · <a href=\"/base/review?id={}\">", inc.id)), "{html}");
        assert!(
            html.contains("<h1>Checkout API errors on 12 March 2025 &lt;b&gt;</h1>"),
            "{html}"
        );
        assert!(html.contains("<dd data-testid=\"incident-resolved_at\"><time datetime=\"2025-03-12T18:15:00+00:00\" title=\"2025-03-12T18:15:00+00:00\">12 Mar 2025, 18:15 UTC</time><span class=\"badge\" title=\"guessed by the importer\">inferred</span><span class=\"evidence\" data-testid=\"evidence-resolved_at\"> — from: <q>18:15 - Incident resolved after the backlog of retries drained</q> (line 13)</span></dd>"), "{html}");
        assert!(
            html.contains("<dd data-testid=\"incident-ttr\">50min</dd>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<h2>Check these</h2><ul class=\"warnings\"><li>severity: not stated</li></ul>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<h2>Timeline</h2><ol class=\"timeline\"><li><time "),
            "{html}"
        );
        // Only web links to the source.
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("incident-kind"));
    }

    #[test]
    fn swatches_escape_their_labels() {
        assert_eq!(
            swatches([("lv1".to_string(), "Critical"), ("cal0".to_string(), "<none>")]),
            "<span><i class=\"sw lv1\"></i>Critical</span><span><i class=\"sw cal0\"></i>&lt;none&gt;</span>"
        );
    }
}
