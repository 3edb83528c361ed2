//! Durations a document states for the incident itself: "Time to resolve: 95 min",
//! "an outage lasting 1 hour and 48 minutes", "Temps de détection : 15min", "durée : 4h50".
//!
//! A duration counts only when it follows a label of the incident's duration or metric
//! closely; a number that merely sits in the prose (a timeout changed from 1 s to 300 ms,
//! "days before the attack") is never taken.

use super::doc::Doc;
use crate::domain::lexicon;
use crate::domain::scan;

/// One stated duration with where it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Stated {
    /// `ttd`, `tta`, `ttm` or `ttr`.
    pub metric: &'static str,
    pub secs: i64,
    pub evidence: String,
    pub line: u32,
}

/// Labels that are too common to trust alone: they count at the start of a line ("Durée :
/// 4h50") or in a line that speaks of the incident ("an outage lasting 2 hours").
const GENERIC: &[&str] = &["durée", "downtime", "lasting", "lasted"];

/// Words between a label and its value that keep them together.
const FILLER: &[&str] = &[
    "of",
    "about",
    "around",
    "approximately",
    "approx",
    "roughly",
    "environ",
    "de",
    "d",
    "was",
    "is",
    "were",
    "for",
    "totale",
    "total",
    "approximative",
    "was",
    "the",
    "incident",
    "a",
    "an",
    "la",
    "l",
    "est",
    ":",
    "only",
    "just",
    "over",
    "under",
    "mean",
    "median",
    "(",
    ")",
    "~",
];

/// Every stated duration of the document, the first of each metric.
pub(crate) fn stated(doc: &Doc<'_>) -> Vec<Stated> {
    let mut out: Vec<Stated> = Vec::new();
    // Each metric's labels, longest first, with the typographic apostrophe as the text has it.
    let labels: Vec<(&'static str, Vec<String>)> = lexicon::STATED_LABELS
        .iter()
        .map(|(metric, labels)| {
            let mut sorted: Vec<String> = labels.iter().map(|l| l.replace('’', "'")).collect();
            sorted.sort_by_key(|l| std::cmp::Reverse(l.len()));
            (*metric, sorted)
        })
        .collect();
    for line in doc.text_lines() {
        let lower = line.text.to_lowercase().replace('’', "'");
        let hay = lexicon::Haystack::new(&lower);
        for (metric, sorted) in &labels {
            if out.iter().any(|s| s.metric == *metric) {
                continue;
            }
            let found = sorted.iter().find_map(|label| {
                let (start, end) = hay.find(label)?;
                if GENERIC.contains(&label.as_str()) {
                    let at_start = lower
                        .get(..start)
                        .is_some_and(|b| b.trim_matches(|c: char| !c.is_alphanumeric()).is_empty());
                    let about_incident = lexicon::has_any(&lower, lexicon::INCIDENT_WORDS);
                    if !(at_start || about_incident)
                        || lower
                            .get(end..)
                            .is_some_and(|r| r.trim_start().starts_with("de vie"))
                    {
                        return None;
                    }
                }
                let after = line.text.get(end..)?;
                value_after(after)
            });
            if let Some(secs) = found {
                out.push(Stated {
                    metric,
                    secs,
                    evidence: line.raw.trim().to_string(),
                    line: line.no,
                });
            }
        }
    }
    out
}

/// The duration right after a label: only filler words and punctuation may come between.
fn value_after(after: &str) -> Option<i64> {
    let toks = scan::tokens(after);
    let lower = |t: &scan::Token<'_>| t.text.to_lowercase();
    let first_number = toks.iter().enumerate().position(|(i, t)| {
        t.kind == scan::Kind::Number
            || matches!(lower(t).as_str(), "an" | "one" | "une" | "half")
                && toks
                    .get(i + 1)
                    .is_some_and(|n| matches!(lower(n).as_str(), "hour" | "heure" | "demi" | "an"))
    })?;
    let between_ok = toks
        .iter()
        .take(first_number)
        .all(|t| t.kind == scan::Kind::Punct || FILLER.contains(&t.text.to_lowercase().as_str()));
    if !between_ok || first_number > 6 {
        return None;
    }
    let from = toks.get(first_number)?.start;
    scan::parse_duration(after.get(from..)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(&'static str, i64)> {
        stated(&Doc::new(text, 1))
            .into_iter()
            .map(|s| (s.metric, s.secs))
            .collect()
    }

    #[test]
    fn labelled_durations_only() {
        assert_eq!(
            read("- **Time to repair**: 0h 38m\n- **Time to resolve**: 33h 15m (support hours)"),
            [("ttm", 2280), ("ttr", 119_700)]
        );
        assert_eq!(
            read("Temps de détection : 15min\nTemps de résolution : 4h50min"),
            [("ttd", 900), ("ttr", 17_400)]
        );
        assert_eq!(
            read("It was an outage lasting 1 hour and 48 minutes."),
            [("ttr", 6480)]
        );
        assert_eq!(read("Durée : 4h50"), [("ttr", 17_400)]);
        assert!(read("We changed the timeout from 1 second to 300 milliseconds.").is_empty());
        assert!(
            read("The token was created days before the attack; 3 days later it leaked.")
                .is_empty()
        );
        assert!(read("La durée de vie des jetons est de 24h.").is_empty());
        assert!(read("The build lasted 5 minutes.").is_empty());
    }
}
