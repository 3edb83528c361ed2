//! Postmortem Markdown to HTML that is safe to put in the page.
//!
//! Safety comes from construction, not from cleaning HTML afterwards: raw HTML blocks and
//! inline HTML become text (shown, never interpreted), links keep only `http`, `https` and
//! `mailto` targets (anything else — `javascript:`, `data:`, relative paths — leaves the link
//! text without a link), and images become plain links so that no remote request is made when
//! a postmortem is opened. pulldown-cmark escapes all text and attribute values.

use pulldown_cmark::{html, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Whether a link target may be followed.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Renders Markdown (CommonMark with tables, strikethrough and task lists) to safe HTML.
///
/// ```
/// use aftermath::render::markdown::to_safe_html;
/// assert_eq!(to_safe_html("**DB** down"), "<p><strong>DB</strong> down</p>\n");
/// assert_eq!(to_safe_html("<script>x()</script>"), "&lt;script&gt;x()&lt;/script&gt;");
/// ```
pub fn to_safe_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    // For each open link or image: whether it was kept as a link.
    let mut open: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            // An email autolink (`<sre@example.com>`) carries the bare address; the HTML
            // writer adds `mailto:`.
            let keep = link_type == LinkType::Email || is_safe_url(&dest_url);
            open.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::Start(Tag::Image {
            dest_url,
            title,
            id,
            ..
        }) => {
            let keep = is_safe_url(&dest_url);
            open.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link | TagEnd::Image) => open
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_safe_html(
            "Before\n\n<div onclick=\"x()\">hi</div>\n\nand <img src=x onerror=alert(1)> inline",
        );
        assert!(!html.contains("<div"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;div onclick=\"x()\"&gt;hi&lt;/div&gt;"),
            "{html}"
        );
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn only_http_https_and_mailto_links_survive() {
        let html = to_safe_html(
            "[ok](https://status.example.com/a?b=1&c=2) [mail](mailto:sre@example.com) \
             [bad](javascript:alert(1)) [data](data:text/html,x) [rel](../secret) [JS](JavaScript:x) \
             <oncall@example.com>",
        );
        assert!(
            html.contains("<a href=\"mailto:oncall@example.com\">oncall@example.com</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://status.example.com/a?b=1&amp;c=2\">ok</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"mailto:sre@example.com\">mail</a>"),
            "{html}"
        );
        for word in ["bad", "data", "rel", "JS"] {
            assert!(
                html.contains(&format!(" {word}")) || html.contains(&format!(">{word}")),
                "{word} kept as text: {html}"
            );
        }
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert_eq!(html.matches("<a ").count(), 3);
        assert_eq!(
            html.matches("</a>").count(),
            3,
            "unbalanced closing tags: {html}"
        );
    }

    #[test]
    fn images_become_links_and_never_load() {
        let html = to_safe_html("![graph](https://cdn.example.com/g.png) ![x](javascript:y)");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://cdn.example.com/g.png\">graph</a>"),
            "{html}"
        );
        assert_eq!(html.matches("<a ").count(), 1);
    }

    #[test]
    fn markdown_structure_is_kept() {
        let html = to_safe_html(
            "## Timeline\n\n| At | What |\n|---|---|\n| 14:02 | paged |\n\n- [x] fix\n- ~~old~~",
        );
        assert!(html.contains("<h2>Timeline</h2>"));
        assert!(html.contains("<td>14:02</td>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("checkbox"));
    }
}
