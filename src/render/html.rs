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
    fn swatches_escape_their_labels() {
        assert_eq!(
            swatches([("lv1".to_string(), "Critical"), ("cal0".to_string(), "<none>")]),
            "<span><i class=\"sw lv1\"></i>Critical</span><span><i class=\"sw cal0\"></i>&lt;none&gt;</span>"
        );
    }
}
