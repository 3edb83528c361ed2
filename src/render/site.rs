//! A published site's pages, written around the prebuilt app's `index.html`: the app's own
//! page marked as published (it opens on `archive.json`), one static page per incident, and a
//! static index by quarter. Static pages are complete without JavaScript (title, dates as
//! people read them, severity, services, the rendered postmortem, the timeline, a description
//! and Open Graph tags); with it, the app loads over them and takes over.
//!
//! Pure string work on the template, tested natively; `aftermath publish` writes the files.

use super::export::xml_escape;
use super::format;
use super::markdown::to_safe_html;
use crate::domain::metrics::{Definitions, Metric};
use crate::domain::model::{Incident, Kind, Milestone, Severity};

/// The marker of the script that finds the base path at run time (see `index.html`).
const BASE_SCRIPT_ID: &str = "aftermath-base";

/// One file of the site: its path under the site's folder and its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub html: String,
}

/// Where the template's run-time base script is (its whole `<script>…</script>`).
fn base_script(template: &str) -> Option<(usize, usize)> {
    let marker = template
        .find(&format!("id={BASE_SCRIPT_ID}"))
        .or_else(|| template.find(&format!("id=\"{BASE_SCRIPT_ID}\"")))?;
    let start = template.get(..marker)?.rfind("<script")?;
    let end = marker + template.get(marker..)?.find("</script>")? + "</script>".len();
    Some((start, end))
}

/// Checks that `template` is the app's `index.html`: what `publish` needs of it.
pub fn check_template(template: &str) -> Result<(), String> {
    if base_script(template).is_none() {
        return Err("it has no run-time base script (`id=aftermath-base`): build the app again with this version (trunk build --release)".into());
    }
    if !template.contains("<title>") || !template.contains("</body>") {
        return Err("it has no <title> or no </body>".into());
    }
    Ok(())
}

fn replace_title(html: &str, title: &str) -> String {
    match (html.find("<title>"), html.find("</title>")) {
        (Some(a), Some(b)) if a < b => format!(
            "{}<title>{}{}",
            html.get(..a).unwrap_or_default(),
            xml_escape(title),
            html.get(b..).unwrap_or_default()
        ),
        _ => html.to_string(),
    }
}

/// Inserts `extra` just before `<title>`.
fn before_title(html: &str, extra: &str) -> String {
    match html.find("<title>") {
        Some(a) => format!(
            "{}{extra}{}",
            html.get(..a).unwrap_or_default(),
            html.get(a..).unwrap_or_default()
        ),
        None => html.to_string(),
    }
}

/// The published archive the app opens: `archive.json`'s incidents in the binary form of
/// `domain::codec` (the page has no JSON reader).
pub const APP_ARCHIVE: &str = "archive.bin";

/// The app opening on [`APP_ARCHIVE`] (read-only), under the site's title, with the
/// template's run-time base.
fn app_page(template: &str, title: &str) -> String {
    let html = before_title(
        template,
        r#"<meta name="aftermath-archive" content="archive.bin">"#,
    );
    replace_title(&html, &format!("{title} · Aftermath"))
}

/// The app's top routes: the run-time base script of `index.html` strips them from the
/// address to find the base (a test keeps the two in step).
pub const APP_ROUTES: &[&str] = &[
    "incidents",
    "import",
    "review",
    "report",
    "archive",
    "about",
];

/// Whether a site at `site_url` would fool the run-time base script: its own folder is named
/// like an app route (`https://org.github.io/incidents/`), so at its root the script would
/// take the folder for the route and the base for the folder above.
pub fn site_folder_is_a_route(site_url: Option<&str>) -> bool {
    // The script takes `…/<route>/` and `…/incidents/<id>/` for the app's own pages.
    site_path(site_url).is_some_and(|p| {
        let mut segments = p.trim_end_matches('/').rsplit('/');
        let last = segments.next().unwrap_or_default();
        APP_ROUTES.contains(&last) || segments.next() == Some("incidents")
    })
}

/// The app's page for a published site (`index.html`): it opens on `archive.bin`
/// (read-only), under the site's title. It finds its base at run time, so the same site works
/// under any path, except when the site's folder is named like an app route: then the
/// site's path (`--site-url`) is its fixed base.
pub fn published_index(template: &str, title: &str, site_url: Option<&str>) -> String {
    let page = app_page(template, title);
    match site_path(site_url).filter(|_| site_folder_is_a_route(site_url)) {
        Some(p) => with_fixed_base(&page, &p),
        None => page,
    }
}

/// The page a static host serves for an address it does not know (`404.html`), such as an
/// app route after a reload: the app, with the site's own base path when the site's address
/// is known (`--site-url`), since an unknown address says nothing of where the site starts.
pub fn published_404(template: &str, title: &str, site_url: Option<&str>) -> String {
    let page = app_page(template, title);
    match site_path(site_url) {
        Some(p) => with_fixed_base(&page, &p),
        None => page,
    }
}

/// The path of the site's address, with a trailing slash (`https://x.org/status?a` → `/status/`).
fn site_path(site_url: Option<&str>) -> Option<String> {
    site_url.map(|u| {
        let rest = u.split_once("://").map_or(u, |(_, r)| r);
        let path = rest.find('/').map_or("/", |i| rest.get(i..).unwrap_or("/"));
        let path = path.split(['?', '#']).next().unwrap_or("/");
        if path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        }
    })
}

/// The template with a fixed base (`../../`, `/repo/`) instead of the run-time script: first in
/// the head, and the asset links given their addresses again (the app's page holds them in
/// `data-href` until its script runs).
fn with_fixed_base(template: &str, base: &str) -> String {
    let html = match base_script(template) {
        Some((a, b)) => format!(
            "{}{}",
            template.get(..a).unwrap_or_default(),
            template.get(b..).unwrap_or_default()
        ),
        None => template.to_string(),
    }
    .replace(" data-href=", " href=");
    let fixed = format!("<base href=\"{}\">", xml_escape(base));
    let after_charset = html
        .find("<meta charset")
        .and_then(|a| html.get(a..)?.find('>').map(|e| a + e + 1));
    match after_charset {
        Some(at) => format!(
            "{}{fixed}{}",
            html.get(..at).unwrap_or_default(),
            html.get(at..).unwrap_or_default()
        ),
        None => format!("{fixed}{html}"),
    }
}

/// A static page from the template: a fixed relative base instead of the run-time one, its
/// own head, and `body` for readers without JavaScript.
fn static_page(template: &str, depth: usize, head: &str, title: &str, body: &str) -> String {
    let base = if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    };
    let mut html = with_fixed_base(template, &base);
    // The app's page description and the notice for readers without JavaScript belong to
    // the app, not to this page.
    let mut from = 0;
    while let Some(a) = html
        .get(from..)
        .and_then(|r| r.find("<meta "))
        .map(|i| i + from)
    {
        let Some(len) = html.get(a..).and_then(|r| r.find('>')) else {
            break;
        };
        let tag = html.get(a..=a + len).unwrap_or_default();
        if tag.contains("name=description") || tag.contains("name=\"description\"") {
            html.replace_range(a..=a + len, "");
            break;
        }
        from = a + len;
    }
    if let (Some(a), Some(b)) = (html.find("<noscript>"), html.find("</noscript>")) {
        if a < b {
            html.replace_range(a..b + "</noscript>".len(), "");
        }
    }
    html = before_title(&html, head);
    html = replace_title(&html, title);
    match html.rfind("</body>") {
        Some(i) => format!(
            "{}{body}{}",
            html.get(..i).unwrap_or_default(),
            html.get(i..).unwrap_or_default()
        ),
        None => html + body,
    }
}

/// Description and Open Graph tags.
fn head_tags(title: &str, description: &str, kind: &str, url: Option<String>) -> String {
    let (t, d) = (xml_escape(title), xml_escape(description));
    let mut out = format!(
        r#"<meta name="description" content="{d}"><meta property="og:title" content="{t}"><meta property="og:description" content="{d}"><meta property="og:type" content="{kind}">"#
    );
    if let Some(url) = url {
        out.push_str(&format!(
            r#"<meta property="og:url" content="{}">"#,
            xml_escape(&url)
        ));
    }
    out
}

fn site_base(site_url: Option<&str>) -> Option<String> {
    site_url.map(|u| {
        if u.ends_with('/') {
            u.to_string()
        } else {
            format!("{u}/")
        }
    })
}

/// A one-line description of an incident, as plain text.
fn description(inc: &Incident) -> String {
    let plain = inc
        .summary
        .as_deref()
        .map(crate::domain::scan::plain)
        .filter(|s| !s.trim().is_empty());
    let mut text = plain.unwrap_or_else(|| {
        let when = inc
            .anchor()
            .map(|s| format!(" on {}", format::day(s.local_date())))
            .unwrap_or_default();
        format!("Postmortem{when}: {}", inc.title)
    });
    if text.chars().count() > 200 {
        text = text.chars().take(197).collect::<String>() + "…";
    }
    text
}

fn time_html(s: &crate::domain::stamp::Stamp) -> String {
    format!(
        r#"<time datetime="{}">{}</time>"#,
        s,
        xml_escape(&format::stamp(s))
    )
}

fn site_header(site_title: &str) -> String {
    format!(
        r#"<header class="top"><nav><a class="brand" href="./">{}</a> <a href="archive/">All postmortems</a></nav></header>"#,
        xml_escape(site_title)
    )
}

/// An incident's static page body.
fn incident_body(inc: &Incident, site_title: &str) -> String {
    let defs = Definitions::default();
    let mut out = String::with_capacity(2_048 + inc.body.len() * 2);
    out.push_str(r#"<div id="static">"#);
    out.push_str(&site_header(site_title));
    out.push_str(r#"<main class="page static"><article>"#);
    out.push_str(&format!("<h1>{}</h1>", xml_escape(&inc.title)));
    let mut facts = vec![format!(
        r#"<span class="sev sev{}">{}</span>"#,
        inc.severity.level.unwrap_or(0),
        Severity::level_name(inc.severity.level)
    )];
    if !inc.services.is_empty() {
        facts.push(xml_escape(&inc.services.join(", ")));
    }
    if inc.kind != Kind::Incident {
        facts.push(inc.kind.label().to_string());
    }
    out.push_str(&format!(r#"<p class="meta">{}</p>"#, facts.join(" · ")));
    if let Some(summary) = inc.lead() {
        out.push_str(&format!(
            r#"<p class="summary">{}</p>"#,
            xml_escape(&crate::domain::scan::plain(summary))
        ));
    }
    out.push_str(r#"<dl class="times">"#);
    for m in Milestone::ALL {
        if let Some(s) = m.of(inc) {
            out.push_str(&format!("<dt>{}</dt><dd>{}</dd>", m.label(), time_html(&s)));
        }
    }
    for metric in [Metric::Ttd, Metric::Ttr] {
        let text = match defs.duration(inc, metric) {
            Ok(secs) => format::duration(secs as f64),
            Err(why) => format!("n/a ({})", why.describe()),
        };
        out.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            metric.label(),
            xml_escape(&text)
        ));
    }
    out.push_str("</dl>");
    if !inc.timeline.is_empty() {
        out.push_str(r#"<h2>Timeline</h2><ol class="timeline">"#);
        for t in &inc.timeline {
            let at = t.at.as_ref().map(time_html).unwrap_or_default();
            out.push_str(&format!(
                "<li>{at} {}</li>",
                xml_escape(&crate::domain::scan::plain(&t.text))
            ));
        }
        out.push_str("</ol>");
    }
    if !inc.body.trim().is_empty() {
        out.push_str(r#"<h2>Postmortem</h2><div class="markdown">"#);
        out.push_str(&to_safe_html(&inc.body));
        out.push_str("</div>");
    }
    if !inc.actions.is_empty() {
        out.push_str("<h2>Action items</h2><ul>");
        for a in &inc.actions {
            out.push_str(&format!("<li>{}</li>", xml_escape(a)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</article></main></div>");
    out
}

/// The static index: every postmortem by quarter, newest first.
fn quarters_body(incidents: &[Incident], site_title: &str) -> String {
    let mut out = String::from(r#"<div id="static">"#);
    out.push_str(&site_header(site_title));
    out.push_str(r#"<main class="page static"><h1>Postmortems by quarter</h1>"#);
    let with_page: std::collections::HashSet<&str> = incidents
        .iter()
        .filter(|i| i.has_page_id())
        .map(|i| i.id.as_str())
        .collect();
    for (label, list) in crate::domain::dashboard::by_quarter(incidents) {
        out.push_str(&format!(
            "<h2>{} · {}</h2><ul class=\"listing\">",
            xml_escape(label.as_deref().unwrap_or("Undated")),
            format::plural(list.len(), "incident")
        ));
        for l in list {
            let title = xml_escape(&l.title);
            let name = if with_page.contains(l.id.as_str()) {
                format!(r#"<a href="incidents/{}/">{title}</a>"#, xml_escape(&l.id))
            } else {
                title
            };
            out.push_str(&format!(
                r#"<li>{} {name} <span class="sev sev{}">{}</span></li>"#,
                l.day.map(format::day).unwrap_or_default(),
                l.level.unwrap_or(0),
                Severity::level_name(l.level)
            ));
        }
        out.push_str("</ul>");
    }
    out.push_str("</main></div>");
    out
}

/// Every static page of a published site (the app's own pages excepted).
pub fn static_pages(
    template: &str,
    incidents: &[Incident],
    site_title: &str,
    site_url: Option<&str>,
) -> Vec<Page> {
    let base = site_base(site_url);
    // With JavaScript the app loads over a static page: it must open on the archive too.
    let template = &app_page(template, site_title);
    let mut pages = Vec::with_capacity(incidents.len() + 1);
    for inc in incidents {
        // Ids are hex or a source's own id: keep them to what a path may hold.
        if !inc.has_page_id() {
            continue;
        }
        let head = head_tags(
            &inc.title,
            &description(inc),
            "article",
            base.as_ref().map(|b| format!("{b}incidents/{}/", inc.id)),
        );
        pages.push(Page {
            path: format!("incidents/{}/index.html", inc.id),
            html: static_page(
                template,
                2,
                &head,
                &format!("{} · {site_title}", inc.title),
                &incident_body(inc, site_title),
            ),
        });
    }
    let head = head_tags(
        &format!("{site_title}: postmortems by quarter"),
        &format!("Every postmortem of {site_title}, listed by quarter, newest first."),
        "website",
        base.as_ref().map(|b| format!("{b}archive/")),
    );
    pages.push(Page {
        path: "archive/index.html".into(),
        html: static_page(
            template,
            1,
            &head,
            &format!("Postmortems by quarter · {site_title}"),
            &quarters_body(incidents, site_title),
        ),
    });
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"<!doctype html><html lang=en><meta charset=utf-8><meta content="light dark" name=color-scheme><meta content="Aftermath: incident analytics." name=description><title>Aftermath — incident analytics</title><link data-href=./app.css rel=stylesheet><script id=aftermath-base>(function(){var b=document.createElement("base");b.href="/";document.head.appendChild(b);})();</script><script type=module>import init from './app.js';</script></head><body><noscript>Aftermath needs JavaScript.</noscript></body></html>"#;

    fn incident() -> Incident {
        Incident {
            id: "ab12".into(),
            title: "Login <failures>".into(),
            summary: Some("**Sign-in** failed for [some](https://x.y) users.".into()),
            started_at: "2024-02-20T09:00:00+01:00".parse().ok(),
            resolved_at: "2024-02-20T10:30:00+01:00".parse().ok(),
            severity: Severity::new(2, "SEV2"),
            services: vec!["Auth".into()],
            body: "## What happened\n\nA key rotated.<script>alert(1)</script>".into(),
            ..Incident::default()
        }
    }

    #[test]
    fn an_incident_page_reads_without_javascript_and_loads_the_app_over_it() {
        assert!(check_template(TEMPLATE).is_ok());
        assert!(check_template("<html><title>x</title></body>").is_err());
        let pages = static_pages(
            TEMPLATE,
            &[incident()],
            "Example",
            Some("https://example.org/pm"),
        );
        let page = &pages[0];
        assert_eq!(page.path, "incidents/ab12/index.html");
        let html = &page.html;
        assert!(
            html.starts_with(
                r#"<!doctype html><html lang=en><meta charset=utf-8><base href="../../">"#
            ),
            "a fixed base two levels up, first"
        );
        assert!(!html.contains("aftermath-base"), "no run-time base script");
        assert!(
            html.contains(r#"<meta name="aftermath-archive" content="archive.bin">"#),
            "the app over it opens on the archive"
        );
        assert!(html.contains("<title>Login &lt;failures&gt; · Example</title>"));
        assert!(
            html.contains(r#"<meta name="description" content="Sign-in failed for some users.">"#)
        );
        assert!(html.contains(
            r#"<meta property="og:url" content="https://example.org/pm/incidents/ab12/">"#
        ));
        assert!(
            !html.contains("Aftermath: incident analytics."),
            "the app's description is replaced"
        );
        assert!(!html.contains("<noscript>"));
        assert!(html.contains("<h1>Login &lt;failures&gt;</h1>"));
        assert!(html.contains(r#"<dd><time datetime="2024-02-20T09:00:00+01:00">20 Feb 2024, 09:00 +01:00</time></dd>"#));
        assert!(html.contains("<dt>Time to resolve</dt><dd>1h 30min</dd>"));
        assert!(html.contains("<h2>What happened</h2>"));
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "raw HTML is text"
        );
        assert!(
            html.contains(r#"<script type=module>import init from './app.js';</script>"#),
            "the app still loads"
        );
        assert!(html.find(r#"<div id="static">"#) < html.find("</body>"));
        let index = &pages[1];
        assert_eq!(index.path, "archive/index.html");
        assert!(index
            .html
            .contains(r#"<meta charset=utf-8><base href="../">"#));
        assert!(page.html.contains("<link href=./app.css rel=stylesheet>"));
        assert!(index
            .html
            .contains(r#"<a href="incidents/ab12/">Login &lt;failures&gt;</a>"#));
        assert!(index.html.contains("<h2>Q1 2024 · 1 incident</h2>"));
    }

    #[test]
    fn the_not_found_page_knows_the_sites_base_from_its_address() {
        let html = published_404(TEMPLATE, "Status", Some("https://example.org/status?x=1"));
        assert!(html.contains(r#"<meta charset=utf-8><base href="/status/">"#));
        assert!(!html.contains("aftermath-base"));
        assert!(html.contains("<link href=./app.css rel=stylesheet>"));
        assert!(published_404(TEMPLATE, "Status", None).contains("id=aftermath-base"));
        assert!(
            published_404(TEMPLATE, "Status", Some("https://example.org"))
                .contains(r#"<base href="/">"#)
        );
    }

    #[test]
    fn a_site_folder_named_like_a_route_gets_a_fixed_base() {
        // At https://org.github.io/incidents/ the run-time script would take the folder for
        // the app's route: the site's path is the base instead.
        let html = published_index(TEMPLATE, "Status", Some("https://org.github.io/incidents"));
        assert!(html.contains(r#"<meta charset=utf-8><base href="/incidents/">"#));
        assert!(!html.contains("aftermath-base"));
        // Any other folder keeps the run-time base: the same site works under any path.
        for url in [Some("https://org.github.io/status/"), None] {
            assert!(published_index(TEMPLATE, "Status", url).contains("id=aftermath-base"));
        }
        // …/incidents/2024/ reads like the app's page of incident 2024.
        assert!(site_folder_is_a_route(Some(
            "https://x.org/incidents/2024/"
        )));
        assert!(!site_folder_is_a_route(Some("https://x.org/status/2024/")));
    }

    #[test]
    fn the_base_script_strips_every_app_route() {
        let page = include_str!("../../index.html");
        let script = page
            .split("<script id=\"aftermath-base\">")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap_or_default();
        assert!(
            script.contains("location.pathname"),
            "the base script was found"
        );
        for route in APP_ROUTES {
            assert!(
                script.contains(route),
                "index.html's base script misses `{route}`"
            );
        }
    }

    #[test]
    fn the_app_page_opens_on_the_archive_under_the_site_title() {
        let html = published_index(TEMPLATE, "Example & co", None);
        assert!(html.contains(r#"<meta name="aftermath-archive" content="archive.bin"><title>Example &amp; co · Aftermath</title>"#));
        assert!(
            html.contains("id=aftermath-base"),
            "the app page keeps the run-time base"
        );
    }
}
