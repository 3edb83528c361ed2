//! The import report as people read it: a folder or zip with thousands of files refused for
//! the same reason is one line ("19,998 entries of many.zip: no incident date found") that
//! opens on the files; everything else is a line per file; a filter keeps only problems.

use super::{FileReport, Status};

/// Rejections alike in one folder or zip are grouped from this many files on.
pub const GROUP_FROM: usize = 3;

/// One line of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    File(&'a FileReport),
    /// Files of one folder or zip rejected for the same reason.
    Group {
        /// "entries of many.zip", "files in posts/".
        container: String,
        reason: String,
        files: Vec<&'a FileReport>,
    },
}

impl Line<'_> {
    /// The group's sentence: "19,998 entries of many.zip: no incident date found".
    pub fn summary(&self) -> Option<String> {
        match self {
            Line::File(_) => None,
            Line::Group {
                container,
                reason,
                files,
            } => Some(format!("{} {container}: {reason}", thousands(files.len()))),
        }
    }
}

/// `19998` as `19,998`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Where a file sits, for grouping: "entries of bundle.zip", "files in posts/".
fn container(path: &str) -> String {
    if let Some((zip, _)) = path.split_once("!/") {
        return format!("entries of {zip}");
    }
    match path.rsplit_once(['/', '\\']) {
        Some((folder, _)) => format!("files in {folder}/"),
        None => "files".into(),
    }
}

/// The report's lines, in the files' order (a group where its first file was); with
/// `only_problems`, files read without a message are left out.
pub fn lines(files: &[FileReport], only_problems: bool) -> Vec<Line<'_>> {
    // Rejections by (container, reason): how many, to know which to group.
    let mut counts: std::collections::HashMap<(String, &str), usize> =
        std::collections::HashMap::new();
    for f in files {
        if let (Status::Rejected, Some(reason)) = (f.status, f.reason.as_deref()) {
            *counts.entry((container(&f.path), reason)).or_default() += 1;
        }
    }
    let mut out: Vec<Line<'_>> = Vec::new();
    // Where each group's line is in `out`.
    let mut at: std::collections::HashMap<(String, &str), usize> = std::collections::HashMap::new();
    for f in files {
        if only_problems && f.status == Status::Ok {
            continue;
        }
        let grouped = match (f.status, f.reason.as_deref()) {
            (Status::Rejected, Some(reason)) => {
                let key = (container(&f.path), reason);
                (counts.get(&key).copied().unwrap_or(0) >= GROUP_FROM).then_some(key)
            }
            _ => None,
        };
        match grouped {
            Some(key) => match at.get(&key) {
                Some(&i) => {
                    if let Some(Line::Group { files, .. }) = out.get_mut(i) {
                        files.push(f);
                    }
                }
                None => {
                    at.insert(key.clone(), out.len());
                    out.push(Line::Group {
                        container: key.0,
                        reason: key.1.to_string(),
                        files: vec![f],
                    });
                }
            },
            None => out.push(Line::File(f)),
        }
    }
    out
}

/// What would publish wrong data, one line each in the form CI logs show well
/// (`path:line: field: reason`): rejected files, dates that could not be read, an end before
/// the start, an incident without a start.
pub fn publishing_problems(result: &super::ImportResult) -> Vec<String> {
    let mut out = Vec::new();
    for f in &result.files {
        if f.status == Status::Rejected {
            let why = f.messages.first().map_or("rejected", String::as_str);
            out.push(format!("{}: rejected: {why}", f.path));
        }
    }
    for inc in &result.incidents {
        let path = &inc.source.file;
        for w in &inc.warnings {
            let wrong = w.reason.contains("not a valid date/time")
                || w.reason.contains("not a date/time")
                || w.reason.contains("implausible year")
                || w.reason.contains("is before started_at");
            if wrong {
                let at = w.line.map(|l| format!("{l}:")).unwrap_or_default();
                let field = w.field.as_deref().unwrap_or("date");
                out.push(format!("{path}:{at} {field}: {}", w.reason));
            }
        }
        if inc.started_at.is_none() && inc.kind == crate::domain::model::Kind::Incident {
            out.push(format!(
                "{path}: started_at: missing (no start time could be read for \"{}\")",
                inc.title
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::{Format, Rejection};

    fn ok(path: &str) -> FileReport {
        FileReport {
            path: path.into(),
            format: "cstate".into(),
            status: Status::Ok,
            incidents: 1,
            messages: Vec::new(),
            reason: None,
        }
    }

    #[test]
    fn alike_rejections_in_one_zip_are_one_line() {
        let mut files = vec![ok("many.zip!/a.md")];
        for i in 0..19_998 {
            files.push(FileReport::rejected(
                &format!("many.zip!/notes/{i}.md"),
                Format::Freetext,
                &Rejection::NoDate,
            ));
        }
        files.push(ok("many.zip!/z.md"));
        files.push(FileReport::rejected(
            "other.json",
            Format::Unknown,
            &Rejection::Empty,
        ));
        let all = lines(&files, false);
        assert_eq!(all.len(), 4);
        assert!(matches!(all[0], Line::File(f) if f.path == "many.zip!/a.md"));
        assert_eq!(
            all[1].summary().as_deref(),
            Some("19,998 entries of many.zip: no incident date found")
        );
        assert!(
            matches!(all[3], Line::File(f) if f.path == "other.json"),
            "one alone stays a line"
        );
        let problems = lines(&files, true);
        assert_eq!(problems.len(), 2);
        assert!(problems
            .iter()
            .all(|l| !matches!(l, Line::File(f) if f.status == Status::Ok)));
    }

    #[test]
    fn folders_group_apart_and_two_alike_do_not_group() {
        let files = vec![
            FileReport::rejected("a/1.md", Format::Freetext, &Rejection::NoDate),
            FileReport::rejected("a/2.md", Format::Freetext, &Rejection::NoDate),
            FileReport::rejected("a/3.md", Format::Freetext, &Rejection::NoDate),
            FileReport::rejected("b/1.md", Format::Freetext, &Rejection::NoDate),
            FileReport::rejected("b/2.md", Format::Freetext, &Rejection::NoDate),
        ];
        let all = lines(&files, false);
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[0].summary().as_deref(),
            Some("3 files in a/: no incident date found")
        );
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn what_would_publish_wrong_data_is_named_by_file_line_and_field() {
        let opts = crate::domain::import::ImportOptions::new(
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        let broken = "---\ntitle: GitHub outage\ndate: 2024-08-13T015:00:00+02:00\nresolvedWhen: 2024-08-13T16:00:00+02:00\nresolved: true\nseverity: disrupted\nsection: issue\n---\nDown.\n";
        let backwards = "---\ntitle: Copr outage\ndate: 2023-09-05T15:15:00+02:00\nresolvedWhen: 2023-04-05T15:00:00Z\nresolved: true\nseverity: disrupted\nsection: issue\n---\nDown.\n";
        let mut result =
            crate::domain::import::import_file("posts/broken.md", broken.as_bytes(), &opts);
        result.extend(crate::domain::import::import_file(
            "posts/backwards.md",
            backwards.as_bytes(),
            &opts,
        ));
        result.extend(crate::domain::import::import_file(
            "posts/empty.md",
            b"",
            &opts,
        ));
        let problems = publishing_problems(&result);
        assert_eq!(
            problems,
            [
                "posts/empty.md: rejected: file is empty",
                "posts/broken.md:3: date: `2024-08-13T015:00:00+02:00` is not a valid date/time; left empty",
                "posts/broken.md: started_at: missing (no start time could be read for \"GitHub outage\")",
                "posts/backwards.md: resolved_at: `2023-04-05T15:00:00+00:00` is before started_at `2023-09-05T15:15:00+02:00` (negative duration)",
            ]
        );
    }
}
