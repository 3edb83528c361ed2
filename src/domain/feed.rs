//! The Atom feed of published postmortems, written by `aftermath build-archive --feed`.
//! Pure: the feed's `updated` is the newest incident time, never the clock, so the same
//! folder always gives the same bytes.

use super::model::Incident;

/// Escapes text for XML content and attributes.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped rather than producing an invalid feed.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An Atom feed with one entry per incident, newest first. `site_url` is the published site's
/// address with its base path (e.g. `https://example.org/postmortems/`); entries link to the
/// incident permalinks under it.
///
/// ```
/// use aftermath::domain::feed::atom;
/// use aftermath::domain::model::Incident;
/// let inc = Incident { id: "ab12".into(), title: "DNS <outage>".into(), started_at: "2024-05-01T10:00:00Z".parse().ok(), ..Incident::default() };
/// let no_page = Incident { id: "INC 7/2".into(), title: "Kept id".into(), ..inc.clone() };
/// let xml = atom(&[inc, no_page], "Status history", "https://example.org/pm/");
/// assert!(xml.contains("<title>DNS &lt;outage&gt;</title>"));
/// assert!(xml.contains(r#"<id>https://example.org/pm/incidents/ab12</id>"#));
/// assert!(xml.contains(r#"<link href="https://example.org/pm/incidents/ab12/"/>"#));
/// assert!(!xml.contains("Kept id"), "an id a path cannot hold has no page, so no entry");
/// assert!(xml.contains("<updated>2024-05-01T10:00:00+00:00</updated>"));
/// ```
pub fn atom(incidents: &[Incident], title: &str, site_url: &str) -> String {
    let base = if site_url.ends_with('/') {
        site_url.to_string()
    } else {
        format!("{site_url}/")
    };
    // Each entry links to the incident's page: one without a page (an id a path cannot hold)
    // has no entry.
    let mut sorted: Vec<&Incident> = incidents
        .iter()
        .filter(|i| i.anchor().is_some() && i.has_page_id())
        .collect();
    crate::domain::order::sort_by_key(&mut sorted, |i| {
        std::cmp::Reverse(i.anchor().map(|s| s.sort_key()))
    });
    // A floating time has no zone; the feed states it as UTC so readers accept it.
    let rfc3339 = |i: &Incident| {
        let s = i
            .resolved_at
            .or(i.anchor())
            .map(|s| s.to_string())
            .unwrap_or_default();
        if s.len() == 19 {
            format!("{s}Z")
        } else {
            s
        }
    };
    let updated = sorted
        .first()
        .map(|i| rfc3339(i))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!(
        "  <title>{}</title>\n  <id>{}</id>\n",
        xml_escape(title),
        xml_escape(&base)
    ));
    xml.push_str(&format!(
        "  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}feed.xml\"/>\n",
        xml_escape(&base),
        xml_escape(&base)
    ));
    xml.push_str(&format!(
        "  <updated>{updated}</updated>\n  <generator>Aftermath</generator>\n"
    ));
    for inc in sorted {
        // The id stays as feeds were first published (readers key entries by it); the link
        // is the page's own address, slash included: its relative base is `../../`.
        let id = format!("{base}incidents/{}", inc.id);
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", xml_escape(&inc.title)));
        xml.push_str(&format!(
            "    <id>{}</id>\n    <link href=\"{}/\"/>\n",
            xml_escape(&id),
            xml_escape(&id)
        ));
        xml.push_str(&format!("    <updated>{}</updated>\n", rfc3339(inc)));
        if let Some(summary) = &inc.summary {
            xml.push_str(&format!(
                "    <summary>{}</summary>\n",
                xml_escape(&super::scan::plain(summary))
            ));
        }
        xml.push_str("    <author><name>Aftermath</name></author>\n  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
