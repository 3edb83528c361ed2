//! The app's pages and their addresses: which page a path shows, and the query's pairs. The
//! page's router (`web::route`) follows links and history and asks this which page to show.

/// A page of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    Incidents,
    /// One incident, by id (percent-decoded).
    Incident(String),
    Import,
    Review,
    Report,
    Archive,
    About,
    NotFound,
}

impl Route {
    /// The page at `path`, the address's path after the site's base (`/`, `/incidents/ab12`).
    /// A trailing slash names the same page (published static pages live in folders).
    ///
    /// ```
    /// use aftermath::domain::route::Route;
    /// assert_eq!(Route::of_path("/"), Route::Dashboard);
    /// assert_eq!(Route::of_path(""), Route::Dashboard);
    /// assert_eq!(Route::of_path("/review/"), Route::Review);
    /// assert_eq!(Route::of_path("/incidents/db%20down"), Route::Incident("db down".into()));
    /// assert_eq!(Route::of_path("/incidents/a/b"), Route::NotFound);
    /// assert_eq!(Route::of_path("/nope"), Route::NotFound);
    /// ```
    pub fn of_path(path: &str) -> Route {
        let path = path.strip_prefix('/').unwrap_or(path);
        let path = path.strip_suffix('/').unwrap_or(path);
        match path {
            "" => Route::Dashboard,
            "incidents" => Route::Incidents,
            "import" => Route::Import,
            "review" => Route::Review,
            "report" => Route::Report,
            "archive" => Route::Archive,
            "about" => Route::About,
            _ => match path.strip_prefix("incidents/") {
                Some(id) if !id.is_empty() && !id.contains('/') => Route::Incident(decode(id)),
                _ => Route::NotFound,
            },
        }
    }

    /// Whether the first load's bundle shows this page. The pages opened first and most
    /// (dashboard, incidents) are in it; the rarer ones ([`WHOLE_APP_PAGES`]) only in
    /// the whole app's bundle, which the page loads when one of them is opened. The loader
    /// written by `scripts/post-build.mjs` picks the bundle by the same list (a test keeps the
    /// two in step).
    ///
    /// ```
    /// use aftermath::domain::route::Route;
    /// assert!(Route::of_path("/").in_first_load());
    /// assert!(Route::of_path("/incidents/a1").in_first_load());
    /// assert!(!Route::of_path("/review").in_first_load());
    /// ```
    pub fn in_first_load(&self) -> bool {
        !WHOLE_APP_PAGES
            .iter()
            .any(|page| Route::of_path(page) == *self)
    }

    /// Whether a navigation link to `path` stands for this page (`aria-current`): the same
    /// page, or for a list, one of its items.
    pub fn is_under(&self, path: &str) -> bool {
        let link = Route::of_path(path);
        *self == link || matches!((self, link), (Route::Incident(_), Route::Incidents))
    }
}

/// The paths of the pages only the whole app's bundle shows (see [`Route::in_first_load`]).
pub const WHOLE_APP_PAGES: [&str; 5] = ["import", "review", "report", "archive", "about"];

/// The app's path of an incident's page, its id percent-encoded (a native archive keeps a
/// source's ids as they are: `#`, `?` or `/` in one must not change the address).
///
/// ```
/// use aftermath::domain::route::{incident_path, Route};
/// assert_eq!(incident_path("a1"), "/incidents/a1");
/// assert_eq!(incident_path("x/y?z#1"), "/incidents/x%2Fy%3Fz%231");
/// assert_eq!(Route::of_path(&incident_path("x/y?z#1 %")), Route::Incident("x/y?z#1 %".into()));
/// ```
pub fn incident_path(id: &str) -> String {
    format!("/incidents/{}", crate::domain::view::encode(id))
}

/// The pairs of a query string (without `?`), percent-decoded, `+` read as a space, in order.
///
/// ```
/// use aftermath::domain::route::query_pairs;
/// let pairs = query_pairs("service=API%20v2&q=a+b&flag&=x");
/// assert_eq!(pairs, vec![
///     ("service".to_string(), "API v2".to_string()),
///     ("q".to_string(), "a b".to_string()),
///     ("flag".to_string(), String::new()),
///     (String::new(), "x".to_string()),
/// ]);
/// assert!(query_pairs("").is_empty());
/// ```
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode(&k.replace('+', " ")), decode(&v.replace('+', " ")))
        })
        .collect()
}

/// Percent-decodes `s`; a malformed escape stays as written, bytes that are not UTF-8 become
/// U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|h| (*h as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_load_shows_the_pages_opened_most_and_the_loader_agrees() {
        let first: Vec<&str> = ["/", "/incidents", "/incidents/a1", "/about", "/nope"]
            .into_iter()
            .filter(|p| Route::of_path(p).in_first_load())
            .collect();
        assert_eq!(first, ["/", "/incidents", "/incidents/a1", "/nope"]);
        for page in ["/import", "/review/", "/report", "/archive", "/about"] {
            assert!(!Route::of_path(page).in_first_load(), "{page}");
        }
        // The loader (scripts/post-build.mjs) picks the bundle from the address by the same
        // list, before any Rust runs.
        let loader = include_str!("../../scripts/post-build.mjs");
        let list = WHOLE_APP_PAGES.join("|");
        assert!(
            loader.contains(&format!("const WHOLE_APP_PAGES = '{list}';")),
            "post-build.mjs must name the pages {list}"
        );
    }

    #[test]
    fn every_page_has_its_path_and_the_navigation_marks_lists() {
        for (path, route) in [
            ("/incidents", Route::Incidents),
            ("/incidents/", Route::Incidents),
            ("/import", Route::Import),
            ("/report", Route::Report),
            ("/archive", Route::Archive),
            ("/about", Route::About),
            ("/incidents/x1", Route::Incident("x1".into())),
            ("/incidents/x1/", Route::Incident("x1".into())),
            ("/x/", Route::NotFound),
            ("/dashboard", Route::NotFound),
        ] {
            assert_eq!(Route::of_path(path), route, "{path}");
        }
        assert!(Route::Incident("x1".into()).is_under("/incidents"));
        assert!(Route::Incidents.is_under("/incidents"));
        assert!(!Route::Incidents.is_under("/"));
        assert!(!Route::Dashboard.is_under("/incidents"));
        assert!(Route::Dashboard.is_under("/"));
    }

    #[test]
    fn decoding_keeps_what_is_not_an_escape() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("R%C3%A9gion"), "Région");
        assert_eq!(decode("%FF"), "\u{fffd}");
        assert_eq!(decode("a%2Fb"), "a/b");
    }

    #[test]
    fn a_view_written_to_a_query_reads_back() {
        let view = crate::domain::view::View {
            service: Some("API & co / v2".into()),
            q: "login+failed ünïcode".into(),
            ..Default::default()
        };
        let query = view.to_query();
        let pairs = query_pairs(&query);
        let back = crate::domain::view::View::from_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        assert_eq!(back, view);
    }
}
