//! Whether a document reports an incident, planned maintenance or a notice — or is not an
//! incident report at all.
//!
//! Explicit fields decide first (a `maintenance` tag, a folder named `maintenance/`), then
//! words in the title, then the opening lines of the text (a notice announces; planned work
//! says what *will* be down), and last the shape of a security advisory (a vulnerability
//! reported by a researcher and fixed in a release, with nothing that says it happened).

use crate::domain::lexicon;
use crate::domain::lexicon::lowercase;
use crate::domain::model::Kind;
use std::borrow::Cow;

/// What decided a kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decision {
    pub kind: Kind,
    /// The words (title, tag, folder or line) it was decided from.
    pub evidence: String,
    pub line: Option<u32>,
}

/// What a document offers to decide its kind.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Clues<'a> {
    pub title: &'a str,
    pub tags: &'a [String],
    pub path: &'a str,
    /// The first paragraph of the text, and its line.
    pub opening: &'a str,
    pub opening_line: Option<u32>,
    /// The whole text (lowercase), for advisories; `None` when the text is the opening alone
    /// (an export's first update), which is then lowercased once.
    pub body_lower: Option<&'a str>,
}

fn decided(kind: Kind, evidence: impl Into<String>, line: Option<u32>) -> Option<Decision> {
    Some(Decision {
        kind,
        evidence: evidence.into(),
        line,
    })
}

/// The lists [`classify`] looks up in a title, an opening and a text.
static CLUES: lexicon::Lists = lexicon::Lists::new(&[
    lexicon::UNPLANNED,
    lexicon::MAINTENANCE_STRONG,
    lexicon::NOTICE_WORDS,
    lexicon::INCIDENT_WORDS,
    lexicon::MAINTENANCE_WEAK,
    lexicon::PLANNED_PHRASES,
    lexicon::FUTURE_IMPACT,
    lexicon::ADVISORY_WORDS,
    lexicon::ADVISORY_INCIDENT_WORDS,
]);

/// The kind of a document, when something says it is not an incident (or says it is one
/// despite planned-looking words). `None`: an incident, by default.
pub(crate) fn classify(c: &Clues<'_>) -> Option<Decision> {
    for tag in c.tags {
        let t = tag.to_lowercase();
        if lexicon::has_any(
            &t,
            &[
                "maintenance",
                "scheduled",
                "planned",
                "maintenance programmée",
            ],
        ) {
            return decided(Kind::Maintenance, format!("tag: {tag}"), None);
        }
        if lexicon::has_any(&t, &["announcement", "notice", "informational", "annonce"]) {
            return decided(Kind::Notice, format!("tag: {tag}"), None);
        }
    }
    // Folder names compared without a lowercase copy (every incident of an export asks).
    let named = |folder: &str, names: &[&str]| names.iter().any(|n| folder.eq_ignore_ascii_case(n));
    for folder in c.path.split(['/', '\\', '!']).rev().skip(1) {
        if named(folder, MAINTENANCE_FOLDERS) {
            return decided(Kind::Maintenance, format!("folder: {folder}/"), None);
        }
        if named(folder, NOTICE_FOLDERS) {
            return decided(Kind::Notice, format!("folder: {folder}/"), None);
        }
    }
    let title_lower = folded(c.title);
    let title = CLUES.scan(&title_lower);
    // An ASCII opening (no apostrophe to fold) seen before on this thread is not lowercased
    // and looked up again.
    if c.opening.is_ascii() {
        // (Never borrowed twice: classifying does not classify again; if it were, the memo
        // would simply be passed by.)
        let recalled = OPENINGS.with(|m| m.try_borrow_mut().ok()?.recall(c.opening));
        if let Some((lower, found)) = recalled {
            let opening = CLUES.again(&lower, found);
            return decide(c, &title, &opening, &lower, &lower);
        }
        let lower = lowercase(c.opening);
        let opening = CLUES.scan(&lower);
        OPENINGS.with(|m| {
            if let Ok(mut memo) = m.try_borrow_mut() {
                memo.remember(c.opening, &lower, opening.found());
            }
        });
        return decide(c, &title, &opening, &lower, &lower);
    }
    let opening_plain = lowercase(c.opening);
    let opening_lower = fold_apostrophes(&opening_plain);
    let opening = CLUES.scan(&opening_lower);
    decide(c, &title, &opening, &opening_lower, &opening_plain)
}

/// Openings looked up on a thread, by their text as written, with their lowercase and what
/// they hold: an export's first updates repeat (Statuspage's default "We are currently
/// investigating this issue."), and each would be lowercased and looked up again. At most
/// [`Openings::KEPT`] of at most [`Openings::LONGEST`] bytes; no longer asked on the thread
/// once few openings repeat (the answers are the same either way).
#[derive(Default)]
struct Openings {
    kept: std::collections::HashMap<Box<str>, (std::rc::Rc<str>, lexicon::Found)>,
    asked: usize,
    repeated: usize,
}

impl Openings {
    const KEPT: usize = 1024;
    const LONGEST: usize = 256;

    /// Whether looking up is still worth its cost: after a thousand openings, a quarter of
    /// them must have been seen before.
    fn useful(&self) -> bool {
        self.asked < 1000 || self.repeated * 4 >= self.asked
    }

    fn recall(&mut self, opening: &str) -> Option<(std::rc::Rc<str>, lexicon::Found)> {
        if !self.useful() {
            return None;
        }
        self.asked += 1;
        let (lower, found) = self.kept.get(opening)?;
        self.repeated += 1;
        Some((lower.clone(), *found))
    }

    fn remember(&mut self, opening: &str, lower: &str, found: lexicon::Found) {
        // Short openings only: a templated first update is a sentence or two.
        if self.kept.len() < Self::KEPT && opening.len() <= Self::LONGEST && self.useful() {
            self.kept.insert(opening.into(), (lower.into(), found));
        }
    }
}

thread_local! {
    static OPENINGS: std::cell::RefCell<Openings> = std::cell::RefCell::new(Openings::default());
}

/// [`classify`] from the title's and the opening's words on.
fn decide(
    c: &Clues<'_>,
    title: &lexicon::Scanned<'_>,
    opening: &lexicon::Scanned<'_>,
    opening_lower: &str,
    opening_plain: &str,
) -> Option<Decision> {
    let title_says = |words: &'static [&'static str]| title.find_any(words).map(|(w, _, _)| w);
    if title_says(lexicon::UNPLANNED).is_some() {
        return None;
    }
    if title_says(lexicon::MAINTENANCE_STRONG).is_some() {
        return decided(Kind::Maintenance, c.title, None);
    }
    if title_says(lexicon::NOTICE_WORDS).is_some() {
        return decided(Kind::Notice, c.title, None);
    }
    let incident_title = title_says(lexicon::INCIDENT_WORDS).is_some();
    if title_says(lexicon::MAINTENANCE_WEAK).is_some() && !incident_title {
        return decided(Kind::Maintenance, c.title, None);
    }
    // The opening lines: an announcement, or planned work stated outright.
    if !opening.has_any(lexicon::UNPLANNED) {
        if opening.has_any(lexicon::NOTICE_WORDS) && !incident_title {
            return decided(Kind::Notice, c.opening, c.opening_line);
        }
        if opening.has_any(lexicon::PLANNED_PHRASES) {
            return decided(Kind::Maintenance, c.opening, c.opening_line);
        }
        let planned_work = opening.has_any(lexicon::MAINTENANCE_WEAK)
            || title_says(lexicon::MAINTENANCE_WEAK).is_some();
        if planned_work && opening.has_any(lexicon::FUTURE_IMPACT) {
            return decided(Kind::Maintenance, c.opening, c.opening_line);
        }
    }
    // A security advisory: a vulnerability reported and fixed, with nothing that happened.
    let scanned;
    let body = match c.body_lower {
        Some(body) if body != opening_lower => {
            scanned = CLUES.scan(body);
            &scanned
        }
        Some(_) => opening,
        // The text is the opening, lowercased (apostrophes as written).
        None if opening_plain.contains('’') => {
            scanned = CLUES.scan(opening_plain);
            &scanned
        }
        None => opening,
    };
    let advisory = body.find_any(lexicon::ADVISORY_WORDS);
    if let Some((word, _, _)) = advisory {
        if !body.has_any(lexicon::ADVISORY_INCIDENT_WORDS) {
            return decided(
                Kind::Notice,
                format!(
                    "a security advisory ({}), no sign that it happened",
                    word.trim_end_matches('*')
                ),
                None,
            );
        }
    }
    None
}

/// A text in lowercase with typographic apostrophes made plain, as the lexicon writes them.
fn folded(text: &str) -> Cow<'_, str> {
    match lowercase(text) {
        Cow::Owned(lower) if lower.contains('’') => Cow::Owned(lower.replace('’', "'")),
        lower => lower,
    }
}

/// A lowercase text with typographic apostrophes made plain (borrowed when it has none).
fn fold_apostrophes(lower: &str) -> Cow<'_, str> {
    if lower.contains('’') {
        Cow::Owned(lower.replace('’', "'"))
    } else {
        Cow::Borrowed(lower)
    }
}

/// Folders whose documents are planned maintenance, and notices (any case).
const MAINTENANCE_FOLDERS: &[&str] = &[
    "maintenance",
    "maintenances",
    "planned",
    "scheduled",
    "scheduled-maintenance",
];
const NOTICE_FOLDERS: &[&str] = &["notices", "announcements", "annonces"];

/// Why a file is not an incident report at all, when its name or headings say so (a README,
/// an index page, a template, installation notes).
pub(crate) fn not_a_report(path: &str, headings: &[&str], body_lower: &str) -> Option<String> {
    let name = path
        .rsplit(['/', '\\', '!'])
        .next()
        .unwrap_or(path)
        .to_lowercase();
    let stem = name.split('.').next().unwrap_or(&name);
    let title = headings
        .first()
        .map(|h| h.to_lowercase())
        .unwrap_or_default();
    if lexicon::has_any(&title, lexicon::HOWTO_TITLES)
        && !lexicon::has_any(&title, lexicon::INCIDENT_WORDS)
        && !lexicon::has_any(body_lower, lexicon::ADVISORY_INCIDENT_WORDS)
    {
        return Some("not an incident report (its title names notes or a guide)".into());
    }
    if lexicon::NOT_A_REPORT_NAMES.contains(&stem) {
        return Some(format!(
            "not an incident report (`{name}` is an index, readme or template page)"
        ));
    }
    let howto = headings
        .iter()
        .filter(|h| {
            let lower = h.to_lowercase();
            lexicon::HOWTO_HEADINGS
                .iter()
                .any(|w| lower == *w || lower.starts_with(&format!("{w} ")))
        })
        .count();
    if howto >= 2 && !lexicon::has_any(body_lower, lexicon::ADVISORY_INCIDENT_WORDS) {
        return Some("not an incident report (reads as installation or how-to notes)".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(title: &str, opening: &str) -> Option<Kind> {
        classify(&Clues {
            title,
            opening,
            body_lower: Some(&opening.to_lowercase()),
            ..Clues::default()
        })
        .map(|d| d.kind)
    }

    /// A text that is its opening alone (`body_lower: None`) is decided as when its lowercase
    /// is given, with and without typographic apostrophes, advisory words or planned work.
    #[test]
    fn an_opening_alone_reads_as_its_own_body() {
        let openings = [
            "Investigating: We’re looking into elevated errors on the API.",
            "Scheduled: the database will be unavailable during the upgrade window.",
            "A vulnerability (CVE-2024-1234) was reported to us and fixed; nothing was exploited.",
            "A vulnerability was exploited and customers’ data was exposed: outage of login.",
            "Identified: We are rolling back the deploy.",
            "",
        ];
        for opening in openings {
            let lower = opening.to_lowercase();
            let clues = |body_lower| Clues {
                title: "API errors",
                opening,
                body_lower,
                ..Clues::default()
            };
            assert_eq!(
                classify(&clues(None)),
                classify(&clues(Some(&lower))),
                "{opening}"
            );
        }
        assert_eq!(
            classify(&clues_of(
                "A vulnerability (CVE-2024-1234) was reported to us and fixed."
            ))
            .map(|d| d.kind),
            Some(Kind::Notice)
        );
    }

    /// Openings looked up again (the thread's memo warm) are decided as the first time, and
    /// as on a thread that never saw them.
    #[test]
    fn openings_seen_before_are_decided_as_the_first_time() {
        let cases = [
            (
                "API errors",
                "Investigating: We are currently investigating this issue.",
            ),
            (
                "Database upgrade",
                "Scheduled: the database will be unavailable during the window.",
            ),
            (
                "Notice",
                "We will be performing maintenance on Sunday; no impact expected.",
            ),
            (
                "Login",
                "A vulnerability was reported and fixed; nothing was exploited.",
            ),
            (
                "Login outage",
                "Identified: We are rolling back the deploy.",
            ),
        ];
        let decide = |(title, opening): (&str, &str)| {
            classify(&Clues {
                title,
                opening,
                ..Clues::default()
            })
        };
        let cold: Vec<_> = std::thread::spawn(move || cases.map(decide).to_vec())
            .join()
            .expect("thread");
        for round in 0..3 {
            let warm = cases.map(decide);
            assert_eq!(warm.as_slice(), cold.as_slice(), "round {round}");
        }
        let recalled = OPENINGS.with(|m| m.borrow().repeated);
        assert!(recalled >= 10, "{recalled} openings recalled");
    }

    fn clues_of(opening: &str) -> Clues<'_> {
        Clues {
            title: "Security update",
            opening,
            ..Clues::default()
        }
    }

    #[test]
    fn planned_work_notices_and_incidents() {
        assert_eq!(
            kind("Scheduled database maintenance", ""),
            Some(Kind::Maintenance)
        );
        assert_eq!(kind("Cluster upgrade", ""), Some(Kind::Maintenance));
        assert_eq!(
            kind(
                "Outage during cluster upgrade",
                "The upgrade failed and the API was down."
            ),
            None
        );
        assert_eq!(kind("Emergency maintenance", ""), None);
        assert_eq!(
            kind(
                "Registry outage",
                "Planned outage: registry upgrade at 21:00 UTC."
            ),
            Some(Kind::Maintenance)
        );
        assert_eq!(
            kind(
                "Datacenter move outage",
                "The migration is ongoing; most services will be down."
            ),
            Some(Kind::Maintenance)
        );
        assert_eq!(
            kind(
                "Summer is here",
                "Most of the team will be unavailable on Monday."
            ),
            Some(Kind::Notice)
        );
        assert_eq!(kind("Congés de fin d'année", ""), Some(Kind::Notice));
        assert_eq!(
            kind(
                "Crash on oversized requests",
                "A researcher submitted a bug report via our bug bounty; fixed in 1.7."
            ),
            Some(Kind::Notice)
        );
        assert_eq!(
            kind(
                "Wallet outage",
                "A vulnerability caused an outage of the wallet service."
            ),
            None
        );
    }

    #[test]
    fn explicit_fields_first() {
        let tags = vec!["Maintenance".to_string()];
        let c = Clues {
            title: "Database outage",
            tags: &tags,
            ..Clues::default()
        };
        assert_eq!(classify(&c).map(|d| d.kind), Some(Kind::Maintenance));
        let c = Clues {
            title: "DB",
            path: "status/maintenance/2024-01-01.md",
            ..Clues::default()
        };
        assert_eq!(classify(&c).map(|d| d.kind), Some(Kind::Maintenance));
        // Folder names in any case; the file's own name is not a folder.
        for (path, kind) in [
            (
                "Status/Scheduled-Maintenance/db.md",
                Some(Kind::Maintenance),
            ),
            ("export!/ANNOUNCEMENTS/2024.md", Some(Kind::Notice)),
            ("posts\\Notices\\x.md", Some(Kind::Notice)),
            ("posts/maintenance.md", None),
            ("maintenancex/db.md", None),
        ] {
            let c = Clues {
                title: "DB",
                path,
                ..Clues::default()
            };
            assert_eq!(classify(&c).map(|d| d.kind), kind, "{path}");
        }
    }

    #[test]
    fn not_reports() {
        assert!(not_a_report("docs/README.md", &[], "").is_some());
        assert!(not_a_report(
            "x/install.md",
            &["Installation", "Configuration", "Usage"],
            "run make"
        )
        .is_some());
        assert!(not_a_report("x/2024-01-01-outage.md", &["Timeline"], "").is_none());
        assert!(not_a_report("x/serveur.md", &["Notes d'installation du serveur"], "").is_some());
        assert!(not_a_report("x/a.md", &["How to read our postmortems"], "an outage").is_none());
    }
}
