//! The `aftermath` command-line tool: `inspect`, `stats` and `build-archive` over files,
//! folders and zips. Its JSON output is a stable contract (docs/CLI.md), used to check the
//! core against real corpora and by publishers in CI.
//!
//! Everything but process I/O lives here as functions over paths and strings, so the commands
//! are tested without spawning a process.

use crate::domain::import::{
    self, import_file, FileReport, Format, ImportOptions, ImportResult, Rejection, Status,
};
use crate::domain::metrics::{self, Definitions};
use crate::domain::model::Incident;
use crate::render::format::{self, plural};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A help text with `{formats}` replaced by the format table's sentence, wrapped.
fn with_formats(help: &str) -> String {
    let sentence = format!(
        "Formats are detected from content: {}.",
        import::formats_sentence()
    );
    let mut wrapped = String::new();
    let mut line = String::new();
    for word in sentence.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > 92 {
            wrapped.push_str(&line);
            wrapped.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    wrapped.push_str(&line);
    help.replace("{formats}", &wrapped)
}

/// Top-level help.
pub const HELP: &str = "\
aftermath — incident analytics for exported archives and postmortems

USAGE:
    aftermath inspect [--json] [--reference-date YYYY-MM-DD] PATH...
    aftermath stats [--json] [--include-maintenance] [--reference-date YYYY-MM-DD] PATH...
    aftermath build-archive DIR -o FILE [--title TEXT] [--feed FILE --site-url URL]
    aftermath publish SRC... -o SITE [--app DIST] [--title TEXT] [--site-url URL]
    aftermath help [COMMAND]

PATH may be a file, a folder (read recursively, dotfiles skipped) or a .zip bundle.
{formats}

EXIT STATUS: 0 every file read (warnings allowed), 1 a file was rejected (build-archive and
publish: or a post would publish wrong data), 2 usage error.
";

const HELP_INSPECT: &str = "\
aftermath inspect [--json] [--reference-date YYYY-MM-DD] PATH...

Reads every file and reports, per file, the detected format, status (ok, warnings, rejected),
the number of incidents and the messages; then every incident with its times, durations,
severity, services and what was inferred. --json prints one JSON document (docs/CLI.md).
--reference-date replaces today for year inference, so results are reproducible.
";

const HELP_STATS: &str = "\
aftermath stats [--json] [--include-maintenance] [--reference-date YYYY-MM-DD] PATH...

Count, and for time to detect / acknowledge / mitigate / resolve: n, median, p90, mean, min,
max and the incidents left out with the reason (missing, negative, zero, open, implausible,
maintenance, notice). Also by severity and by service. Percentiles interpolate linearly
between closest ranks. Planned maintenance and notices are left out of the metrics unless
--include-maintenance counts them like incidents.
";

const HELP_BUILD: &str = "\
aftermath build-archive DIR -o FILE [--title TEXT] [--feed FILE --site-url URL]
                        [--reference-date YYYY-MM-DD]

Reads every supported file under DIR and writes one Aftermath archive (\"aftermath\": 1) to
FILE, for a published site to load. The per-file report goes to stderr. Exits 1 when any file
was rejected or a post would publish wrong data (a date that cannot be read, an end before the
start, no start at all), named as `path:line: field: reason` (the archive is still written
with everything that was read), so a publishing CI job fails on a broken post;
--allow-warnings exits 0 for those. --feed writes an Atom feed of the incidents, linking to
their permalinks under --site-url (the published site's address with its base path).
";

const HELP_PUBLISH: &str = "\
aftermath publish SRC... -o SITE [--app DIST] [--title TEXT] [--site-url URL]
                  [--allow-warnings] [--reference-date YYYY-MM-DD]

Writes a complete static site to SITE from the postmortems under SRC: the prebuilt app
(copied from --app, default ./dist), archive.json, feed.xml (with --site-url, the site's
address), one static page per incident (incidents/<id>/index.html, readable without
JavaScript, with a description and Open Graph tags) and a static index by quarter
(archive/index.html). The same site works under any path: upload SITE as it is (a site
whose own folder is named like an app page, such as .../incidents/, needs --site-url).
Publishing again into SITE removes the pages of posts no longer there; files of your own in
SITE are left alone. SITE may not be the app's folder or inside it.

Strict by default: when a file is rejected or a post would publish wrong data (a date that
cannot be read, an end before the start, no start at all), nothing is written and each
problem is printed as `path:line: field: reason`; --allow-warnings publishes anyway.
";

/// A command line, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Inspect {
        json: bool,
        reference: Option<NaiveDate>,
        paths: Vec<PathBuf>,
    },
    Stats {
        json: bool,
        reference: Option<NaiveDate>,
        paths: Vec<PathBuf>,
        /// Count maintenance and notices like incidents.
        include_maintenance: bool,
    },
    BuildArchive {
        dir: PathBuf,
        out: PathBuf,
        title: Option<String>,
        reference: Option<NaiveDate>,
        /// Atom feed file and the site URL its links point under.
        feed: Option<(PathBuf, String)>,
        allow_warnings: bool,
    },
    Publish {
        paths: Vec<PathBuf>,
        out: PathBuf,
        /// The prebuilt app's folder (default `dist`).
        app: Option<PathBuf>,
        title: Option<String>,
        site_url: Option<String>,
        reference: Option<NaiveDate>,
        allow_warnings: bool,
    },
    Help(&'static str),
    Version,
}

/// A usage error, printed with a pointer to `--help`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Parses arguments (without the program name).
pub fn parse_args(args: Vec<std::ffi::OsString>) -> Result<Command, UsageError> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let err = |e: lexopt::Error| UsageError(e.to_string());
    let sub = match parser.next().map_err(err)? {
        None => return Ok(Command::Help(HELP)),
        Some(Long("help") | Short('h')) => return Ok(Command::Help(HELP)),
        Some(Long("version") | Short('V')) => return Ok(Command::Version),
        Some(Value(v)) => v.string().map_err(err)?,
        Some(other) => return Err(UsageError(other.unexpected().to_string())),
    };
    let help_for = |name: &str| match name {
        "inspect" => Some(HELP_INSPECT),
        "stats" => Some(HELP_STATS),
        "build-archive" => Some(HELP_BUILD),
        "publish" => Some(HELP_PUBLISH),
        _ => None,
    };
    if sub == "help" {
        let topic = parser.next().map_err(err)?;
        return Ok(match topic {
            Some(Value(v)) => Command::Help(help_for(&v.string().map_err(err)?).unwrap_or(HELP)),
            _ => Command::Help(HELP),
        });
    }
    let Some(sub_help) = help_for(&sub) else {
        return Err(UsageError(format!(
            "unknown command `{sub}` (expected inspect, stats, build-archive or publish)"
        )));
    };
    let (mut json, mut reference, mut paths, mut out, mut title) =
        (false, None, Vec::new(), None, None);
    let mut include_maintenance = false;
    let (mut feed, mut site_url) = (None, None);
    let (mut app, mut allow_warnings) = (None, false);
    let writes = sub == "build-archive" || sub == "publish";
    while let Some(arg) = parser.next().map_err(err)? {
        match arg {
            Long("help") | Short('h') => return Ok(Command::Help(sub_help)),
            Long("json") if !writes => json = true,
            Long("allow-warnings") if writes => allow_warnings = true,
            Long("app") if sub == "publish" => {
                app = Some(PathBuf::from(parser.value().map_err(err)?))
            }
            Long("include-maintenance") if sub == "stats" => include_maintenance = true,
            Long("reference-date") => {
                let text = parser.value().map_err(err)?.string().map_err(err)?;
                let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
                    UsageError(format!("--reference-date `{text}` is not YYYY-MM-DD"))
                })?;
                reference = Some(date);
            }
            Short('o') | Long("output") if writes => {
                out = Some(PathBuf::from(parser.value().map_err(err)?))
            }
            Long("title") if writes => {
                title = Some(parser.value().map_err(err)?.string().map_err(err)?)
            }
            Long("feed") if sub == "build-archive" => {
                feed = Some(PathBuf::from(parser.value().map_err(err)?))
            }
            Long("site-url") if writes => {
                site_url = Some(parser.value().map_err(err)?.string().map_err(err)?)
            }
            Value(v) => paths.push(PathBuf::from(v)),
            other => return Err(UsageError(other.unexpected().to_string())),
        }
    }
    if paths.is_empty() {
        return Err(UsageError(format!("`{sub}` needs at least one PATH")));
    }
    Ok(match sub.as_str() {
        "inspect" => Command::Inspect {
            json,
            reference,
            paths,
        },
        "stats" => Command::Stats {
            json,
            reference,
            paths,
            include_maintenance,
        },
        "publish" => {
            let Some(out) = out else {
                return Err(UsageError(
                    "publish needs -o SITE (the folder to write)".into(),
                ));
            };
            Command::Publish {
                paths,
                out,
                app,
                title,
                site_url,
                reference,
                allow_warnings,
            }
        }
        _ => {
            let Some(out) = out else {
                return Err(UsageError("build-archive needs -o FILE".into()));
            };
            let mut paths = paths;
            let (Some(dir), true) = (paths.pop(), paths.is_empty()) else {
                return Err(UsageError("build-archive takes exactly one DIR".into()));
            };
            let feed = match (feed, site_url) {
                (Some(f), Some(u)) => Some((f, u)),
                (None, None) => None,
                _ => return Err(UsageError("--feed and --site-url go together".into())),
            };
            Command::BuildArchive {
                dir,
                out,
                title,
                reference,
                feed,
                allow_warnings,
            }
        }
    })
}

/// Every file under the paths, in a stable order (sorted within each folder; dotfiles and
/// dot-folders skipped). Unreadable paths come back as rejected report rows.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileReport>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        walk(p, &mut files, &mut problems);
    }
    (files, problems)
}

fn walk(path: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<FileReport>) {
    let fail = |problems: &mut Vec<FileReport>, why: Rejection| {
        problems.push(FileReport::rejected(
            &path.display().to_string(),
            Format::Unknown,
            &why,
        ));
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut children: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        !p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with('.'))
                    })
                    .collect();
                children.sort();
                for child in children {
                    walk(&child, files, problems);
                }
            }
            Err(e) => fail(problems, Rejection::CannotList(e.to_string())),
        },
        Ok(_) => files.push(path.to_path_buf()),
        Err(e) => fail(problems, Rejection::CannotRead(e.to_string())),
    }
}

/// Reads every file under the paths.
pub fn import_paths(paths: &[PathBuf], opts: &ImportOptions) -> ImportResult {
    let (files, problems) = collect(paths);
    let mut result = ImportResult {
        files: problems,
        incidents: Vec::new(),
        figures: None,
    };
    for file in files {
        let shown = file.display().to_string();
        // Too large: refused from its size, before a byte is read.
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        if let Some(why) = opts.limits.refuse(size) {
            result.extend(import::rejected(&shown, Format::Unknown, why));
            continue;
        }
        match read_file(&file, size) {
            Ok(bytes) => {
                result.extend(import_file(&shown, &bytes, opts));
                if bytes.len() >= LARGE_FILE {
                    free_later(bytes);
                }
            }
            Err(e) => result.extend(import::rejected(
                &shown,
                Format::Unknown,
                Rejection::CannotRead(e.to_string()),
            )),
        }
    }
    result
}

/// The figures of the files under `paths` (read with `opts`, which ask for the figures' inputs
/// under `defs`), over their incidents once each, and the files' reports.
///
/// The files are read for the figures only: each incident's inputs are taken as it is read,
/// with its id, and the incident is not kept (`keep_incidents: false`: a fraction of the
/// memory and time). When no two ids hash alike (the usual case), nothing was read twice;
/// otherwise the repeats are dropped from those inputs as from the incidents (the last read
/// wins). Should the inputs be missing, the files are read again keeping the incidents.
fn stats_of_paths(
    paths: &[PathBuf],
    opts: &ImportOptions,
    defs: &Definitions,
) -> (metrics::Stats, ImportResult) {
    let lean = ImportOptions {
        keep_incidents: false,
        ..*opts
    };
    let mut result = import_paths(paths, &lean);
    if let Some(mut rows) = (result.figures.take()).filter(|r| r.definitions() == *defs) {
        if rows.may_repeat_ids() {
            rows.dedup();
        }
        return (metrics::stats_of(&rows.finish()), result);
    }
    #[cfg(test)]
    READ_AGAIN.with(|n| n.set(n.get() + 1));
    let mut result = import_paths(paths, opts);
    let stats = stats_of_distinct(&mut result, defs);
    (stats, result)
}

#[cfg(test)]
thread_local! {
    /// Times `stats_of_paths` read its files again, keeping the incidents.
    static READ_AGAIN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The figures over the incidents once each (an incident read twice, from overlapping
/// exports, counts once). Their inputs were prepared as the incidents were read
/// ([`ImportResult::figures`]), with a hash of each id: when no two ids hash alike (the usual
/// case), no incident was read twice and the figures stand; otherwise the repeats are dropped
/// and the figures computed from the incidents kept.
fn stats_of_distinct(result: &mut ImportResult, defs: &Definitions) -> metrics::Stats {
    let n = result.incidents.len();
    let rows = (result.figures.take()).filter(|r| r.len() == n && r.definitions() == *defs);
    if let Some(rows) = rows {
        if !rows.may_repeat_ids() {
            return metrics::stats_of(&rows.finish());
        }
    }
    result.dedup();
    let refs: Vec<&Incident> = result.incidents.iter().collect();
    metrics::stats(&refs, defs)
}

/// A file this large is mapped rather than read, and freed on another thread.
const LARGE_FILE: usize = 8 << 20;

/// Frees a large value on another thread: giving a hundred megabytes back to the system takes
/// milliseconds that the answer need not wait for (if no thread can start, it is freed here).
fn free_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// A file's bytes: read into memory, or mapped (a large file).
#[derive(Debug)]
enum FileBytes {
    Read(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Read(bytes) => bytes,
            FileBytes::Mapped(map) => map,
        }
    }
}

/// A file's bytes. A large one is mapped (see [`map`]); when it cannot be (or its size changed
/// since it was measured), it is read the ordinary way.
fn read_file(path: &Path, size: u64) -> std::io::Result<FileBytes> {
    if size >= LARGE_FILE as u64 {
        if let Some(map) = map(path, size) {
            return Ok(FileBytes::Mapped(map));
        }
    }
    std::fs::read(path).map(FileBytes::Read)
}

/// Maps a file read-only instead of copying it into memory: the system's cached pages are read
/// as they are, with no copy and a page fault per 64 KB instead of one per 4 KB. On a 53 MB
/// export this takes a tenth off the time of `aftermath stats` (about 12,000 fewer page faults).
///
/// The one `unsafe` call of the crate. A map is sound while no other program changes the file
/// during the read. If one does, what is read is undefined: the text was checked as UTF-8
/// once, before it changed. A file cut short, or a read error on a network or removable disk,
/// stops the program with a bus error instead of a rejection naming the file. `aftermath`
/// reads exports people saved, not files being written; a file written to while it is read
/// would give wrong figures with an ordinary read as well.
#[allow(unsafe_code)]
fn map(path: &Path, size: u64) -> Option<memmap2::Mmap> {
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    // SAFETY: a read-only shared map, never written through; sound while no other program
    // changes the file (see above).
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    (map.len() as u64 == size).then_some(map)
}

/// One incident as `inspect --json` prints it: the model plus its computed durations.
#[derive(Serialize)]
struct InspectIncident<'a> {
    #[serde(flatten)]
    incident: &'a Incident,
    durations: metrics::Durations,
}

#[derive(Serialize)]
struct InspectDoc<'a> {
    files: &'a [FileReport],
    incidents: Vec<InspectIncident<'a>>,
}

/// The `inspect --json` document.
pub fn inspect_json(result: &ImportResult) -> String {
    let defs = Definitions::default();
    let doc = InspectDoc {
        files: &result.files,
        incidents: result
            .incidents
            .iter()
            .map(|i| InspectIncident {
                incident: i,
                durations: metrics::durations(i, &defs),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Ok => "ok",
        Status::Warnings => "warnings",
        Status::Rejected => "REJECTED",
    }
}

/// The per-file report for people.
pub fn files_text(files: &[FileReport]) -> String {
    let mut out = String::new();
    for f in files {
        out.push_str(&format!(
            "{:<9} {:<11} {:>4}  {}\n",
            status_word(f.status),
            f.format,
            f.incidents,
            f.path
        ));
        for m in &f.messages {
            out.push_str(&format!("          - {m}\n"));
        }
    }
    let rejected = files
        .iter()
        .filter(|f| f.status == Status::Rejected)
        .count();
    let incidents: usize = files.iter().map(|f| f.incidents).sum();
    out.push_str(&format!(
        "{}, {}, {} rejected\n",
        plural(files.len(), "file"),
        plural(incidents, "incident"),
        rejected
    ));
    out
}

/// `inspect` without `--json`: the file report and a table of incidents.
pub fn inspect_text(result: &ImportResult) -> String {
    let defs = Definitions::default();
    let mut out = files_text(&result.files);
    out.push('\n');
    out.push_str(&format!(
        "{:<25} {:>10} {:<9} {}\n",
        "started", "resolve", "severity", "title"
    ));
    for inc in &result.incidents {
        let started = inc.started_at.map_or_else(|| "?".into(), |s| s.to_string());
        let ttr = metrics::raw_duration(inc, defs.ttr)
            .map_or_else(|| "n/a".into(), |s| format::duration(s as f64));
        let sev = inc.severity.level.map_or_else(
            || "?".into(),
            |l| {
                format!(
                    "{l} {}",
                    crate::domain::model::Severity::level_name(Some(l))
                )
            },
        );
        let mark = if inc.inferred.is_empty() {
            ""
        } else {
            " (inferred: see --json)"
        };
        out.push_str(&format!(
            "{started:<25} {ttr:>10} {sev:<9} {}{mark}\n",
            inc.title
        ));
    }
    out
}

/// `stats` for people: median first, with p90, mean, n and exclusions beside it.
pub fn stats_text(stats: &metrics::Stats) -> String {
    let mut out = format!("{}\n", plural(stats.count, "incident"));
    let line = |name: &str, s: &metrics::Summary, def: &str| {
        let ex: Vec<String> = s
            .excluded
            .iter()
            .map(|(k, v)| format!("{} {v}", k.key()))
            .collect();
        let ex = if ex.is_empty() {
            String::new()
        } else {
            format!("; left out: {}", ex.join(", "))
        };
        if s.n == 0 {
            format!("{name:<20} n/a (n=0{ex})  [{def}]\n")
        } else {
            format!(
                "{name:<20} median {}  p90 {}  mean {}  min {}  max {}  (n={}{ex})  [{def}]\n",
                format::opt_duration(s.median_secs),
                format::opt_duration(s.p90_secs),
                format::opt_duration(s.mean_secs),
                format::opt_duration(s.min_secs.map(|v| v as f64)),
                format::opt_duration(s.max_secs.map(|v| v as f64)),
                s.n
            )
        }
    };
    let def = |k: &str| stats.definitions.get(k).cloned().unwrap_or_default();
    for m in metrics::Metric::ALL {
        out.push_str(&line(m.label(), stats.summary(m), &def(m.key())));
    }
    out.push_str("\nBy severity (time to resolve):\n");
    for (k, g) in &stats.by_severity {
        out.push_str(&format!(
            "  {:<8} {:>5} incidents  median {} (n={})\n",
            k,
            g.count,
            format::opt_duration(g.ttr.median_secs),
            g.ttr.n
        ));
    }
    out
}

/// Runs a command: returns (stdout, stderr, exit code). `today` is the reference date used
/// when `--reference-date` is not given.
pub fn run(cmd: Command, today: NaiveDate) -> (String, String, i32) {
    let exit = |r: &ImportResult| i32::from(r.any_rejected());
    match cmd {
        Command::Help(text) => (with_formats(text), String::new(), 0),
        Command::Version => (
            format!("aftermath {}\n", env!("CARGO_PKG_VERSION")),
            String::new(),
            0,
        ),
        Command::Inspect {
            json,
            reference,
            paths,
        } => {
            let result = import_paths(&paths, &cli_options(reference.unwrap_or(today)));
            let out = if json {
                inspect_json(&result) + "\n"
            } else {
                inspect_text(&result)
            };
            let code = exit(&result);
            (out, String::new(), code)
        }
        Command::Stats {
            json,
            reference,
            paths,
            include_maintenance,
        } => {
            let defs = Definitions {
                include_planned: include_maintenance,
                ..Definitions::default()
            };
            // Figures need no incident text: read without it, in a fraction of the memory,
            // their inputs prepared as each incident is read.
            let opts = cli_options(reference.unwrap_or(today)).for_figures(defs);
            let (stats, mut result) = stats_of_paths(&paths, &opts, &defs);
            free_later(std::mem::take(&mut result.incidents));
            let out = if json {
                serde_json::to_string_pretty(&stats).unwrap_or_default() + "\n"
            } else {
                stats_text(&stats)
            };
            let err = if result.any_rejected() {
                files_text(&result.files)
            } else {
                String::new()
            };
            (out, err, exit(&result))
        }
        Command::Publish {
            paths,
            out,
            app,
            title,
            site_url,
            reference,
            allow_warnings,
        } => publish(
            &paths,
            &out,
            app.as_deref(),
            title.as_deref(),
            site_url.as_deref(),
            reference.unwrap_or(today),
            allow_warnings,
        ),
        Command::BuildArchive {
            dir,
            out,
            title,
            reference,
            feed,
            allow_warnings,
        } => {
            let mut result = import_paths(
                std::slice::from_ref(&dir),
                &cli_options(reference.unwrap_or(today)),
            );
            let dups = result.dedup();
            let problems = import::report::publishing_problems(&result);
            let mut report = files_text(&result.files);
            for p in &problems {
                report.push_str(p);
                report.push('\n');
            }
            if dups > 0 {
                report.push_str(&format!("{dups} duplicate incidents merged (same id)\n"));
            }
            let json = import::to_archive_json(&result.incidents, title.as_deref());
            if let Err(e) = std::fs::write(&out, json) {
                return (
                    String::new(),
                    format!("{report}cannot write {}: {e}\n", out.display()),
                    1,
                );
            }
            report.push_str(&format!(
                "wrote {} to {}\n",
                plural(result.incidents.len(), "incident"),
                out.display()
            ));
            if let Some((feed_path, site_url)) = feed {
                let title = title.as_deref().unwrap_or("Postmortems");
                let xml = crate::domain::feed::atom(&result.incidents, title, &site_url);
                if let Err(e) = std::fs::write(&feed_path, xml) {
                    let msg = format!("{report}cannot write {}: {e}\n", feed_path.display());
                    return (String::new(), msg, 1);
                }
                report.push_str(&format!("wrote the Atom feed to {}\n", feed_path.display()));
            }
            let code = if exit(&result) == 1 || (!problems.is_empty() && !allow_warnings) {
                1
            } else {
                0
            };
            (String::new(), report, code)
        }
    }
}

/// A path as the file system resolves it (`./dist`, `$PWD/dist` and a link to it are one
/// folder): the longest part that exists, resolved, then the rest with `..` taken back.
fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    let components: Vec<Component> = path.components().collect();
    for split in (0..=components.len()).rev() {
        let head: PathBuf = components.iter().take(split).collect();
        let head = if head.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            head
        };
        if let Ok(mut real) = std::fs::canonicalize(&head) {
            for c in components.iter().skip(split) {
                match c {
                    Component::ParentDir => {
                        real.pop();
                    }
                    Component::CurDir => {}
                    other => real.push(other.as_os_str()),
                }
            }
            return real;
        }
    }
    path.to_path_buf()
}

/// Removes what an earlier `publish` into `out` wrote and this one does not: incident pages
/// of incidents no longer published (a folder holding only a page this tool wrote), and the
/// feed when there is none now. Anything else in `out` is left alone.
fn remove_stale_pages(out: &Path, pages: &[PathBuf], feed: bool) -> usize {
    let ours = |file: &Path| {
        std::fs::read_to_string(file).is_ok_and(|t| {
            t.contains(r#"<meta name="aftermath-archive""#)
                || t.contains("<generator>Aftermath</generator>")
        })
    };
    let mut removed = 0;
    if let Ok(entries) = std::fs::read_dir(out.join("incidents")) {
        for entry in entries.flatten() {
            let dir = entry.path();
            let page = dir.join("index.html");
            let only_page = std::fs::read_dir(&dir).is_ok_and(|d| d.count() == 1);
            if !pages.contains(&page)
                && only_page
                && ours(&page)
                && std::fs::remove_dir_all(&dir).is_ok()
            {
                removed += 1;
            }
        }
    }
    let old_feed = out.join("feed.xml");
    if !feed && ours(&old_feed) {
        let _ = std::fs::remove_file(old_feed);
    }
    removed
}

/// Copies a folder's files (recursively) into another.
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(to)?;
    let mut copied = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copied += copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// `aftermath publish`: a complete static site (see [`HELP_PUBLISH`]).
fn publish(
    paths: &[PathBuf],
    out: &Path,
    app: Option<&Path>,
    title: Option<&str>,
    site_url: Option<&str>,
    today: NaiveDate,
    allow_warnings: bool,
) -> (String, String, i32) {
    use crate::render::site;
    let app = app.unwrap_or(Path::new("dist"));
    let template = match std::fs::read_to_string(app.join("index.html")) {
        Ok(t) => t,
        Err(_) => {
            return (String::new(), format!("no built app in {}: its index.html is missing. Build it once (`trunk build --release`, or `scripts/serve.sh`) or pass --app with the prebuilt app's folder.\n", app.display()), 1);
        }
    };
    if let Err(e) = site::check_template(&template) {
        return (
            String::new(),
            format!(
                "{} is not this app's index.html: {e}\n",
                app.join("index.html").display()
            ),
            1,
        );
    }
    let mut result = import_paths(paths, &cli_options(today));
    result.dedup();
    let problems = import::report::publishing_problems(&result);
    let mut report = files_text(&result.files);
    for p in &problems {
        report.push_str(p);
        report.push('\n');
    }
    if !problems.is_empty() && !allow_warnings {
        report.push_str(&format!(
            "nothing published: {} would publish wrong data; fix them, or pass --allow-warnings to publish anyway\n",
            plural(problems.len(), "problem")
        ));
        return (String::new(), report, 1);
    }
    let title = title.unwrap_or("Postmortems");
    let fail = |report: String, what: &Path, e: std::io::Error| {
        (
            String::new(),
            format!("{report}cannot write {}: {e}\n", what.display()),
            1,
        )
    };
    let (real_out, real_app) = (resolved(out), resolved(app));
    if real_out.starts_with(&real_app) || real_app.starts_with(&real_out) {
        return (String::new(), format!("{report}the site ({}) and the app ({}) must be different folders, neither inside the other\n", out.display(), app.display()), 1);
    }
    if let Err(e) = copy_dir(app, out) {
        return fail(report, out, e);
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (
            out.join("archive.json"),
            import::to_archive_json(&result.incidents, Some(title)).into_bytes(),
        ),
        // What the app opens: the same incidents in the binary form it reads without a JSON
        // parser (see `domain::codec`).
        (
            out.join(site::APP_ARCHIVE),
            crate::domain::codec::encode(&import::ImportResult::new(
                Vec::new(),
                result.incidents.clone(),
            )),
        ),
        (
            out.join("index.html"),
            site::published_index(&template, title, site_url).into_bytes(),
        ),
        (
            out.join("404.html"),
            site::published_404(&template, title, site_url).into_bytes(),
        ),
    ];
    if let Some(url) = site_url {
        files.push((
            out.join("feed.xml"),
            crate::domain::feed::atom(&result.incidents, title, url).into_bytes(),
        ));
    }
    let pages = site::static_pages(&template, &result.incidents, title, site_url);
    let count = pages.len().saturating_sub(1);
    files.extend(
        pages
            .into_iter()
            .map(|p| (out.join(p.path), p.html.into_bytes())),
    );
    let written: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    for (path, content) in files {
        if let Some(dir) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                return fail(report, dir, e);
            }
        }
        if let Err(e) = std::fs::write(&path, content) {
            return fail(report, &path, e);
        }
    }
    // Only once the new site is written, so that a failed write leaves the old pages.
    let stale = remove_stale_pages(out, &written, site_url.is_some());
    if stale > 0 {
        report.push_str(&format!(
            "removed {} of incidents no longer published\n",
            plural(stale, "earlier page")
        ));
    }
    report.push_str(&format!(
        "wrote the site to {}: the app, archive.json and archive.bin ({}), {}{}, and an index by quarter\n",
        out.display(),
        plural(result.incidents.len(), "incident"),
        plural(count, "incident page"),
        if site_url.is_some() {
            ", feed.xml"
        } else {
            " (no feed: pass --site-url for one)"
        }
    ));
    (
        String::new(),
        report,
        i32::from(result.any_rejected() && !allow_warnings),
    )
}

/// Import options for the command line: a large export is read on the machine's threads.
fn cli_options(reference: NaiveDate) -> ImportOptions {
    ImportOptions {
        threads: std::thread::available_parallelism().map_or(1, usize::from),
        ..ImportOptions::new(reference)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `stats` reads for the figures only, and again keeping the incidents when ids repeat:
    /// the figures and the files' reports are those of a reading that keeps them.
    #[test]
    fn stats_read_for_the_figures_only_are_those_of_a_full_reading() {
        let dir = std::env::temp_dir().join(format!("aftermath-stats-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let entry = |id: &str, day: u32, impact: &str| {
            format!(
                r#"{{"id": "{id}", "name": "Errors {id}", "impact": "{impact}", "created_at": "2024-03-{day:02}T10:00:00Z",
                "resolved_at": "2024-03-{day:02}T1{h}:00:00Z", "components": [{{"name": "API"}}]}}"#,
                h = day % 10
            )
        };
        let export = |entries: &[String]| format!(r#"{{"incidents": [{}]}}"#, entries.join(","));
        let first: Vec<String> = (1..20)
            .map(|d| entry(&format!("a{d}"), d, "minor"))
            .collect();
        // A later export overlapping the first (a3 again, now major), and a warning.
        let later = [entry("a3", 3, "major"), entry("b1", 21, "severe")];
        // Warnings past the first incident, in a file without repeats.
        let other = [
            entry("c1", 22, "minor"),
            entry("c2", 23, "severe"),
            entry("c3", 24, "minor"),
            entry("c4", 25, "weird"),
        ];
        std::fs::write(dir.join("first.json"), export(&first)).expect("write");
        std::fs::write(dir.join("later.json"), export(&later)).expect("write");
        std::fs::write(dir.join("other.json"), export(&other)).expect("write");
        std::fs::write(dir.join("broken.json"), "{\"incidents\": [").expect("write");
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
        let defs = Definitions::default();
        let opts = cli_options(today).for_figures(defs);
        let full = |paths: &[PathBuf]| {
            let mut result = import_paths(paths, &ImportOptions::new(today));
            result.dedup();
            let refs: Vec<&Incident> = result.incidents.iter().collect();
            (metrics::stats(&refs, &defs), result.files)
        };
        // Read once, whether ids repeat or not (a rejected file first, too).
        for (names, again) in [
            (&["first.json"][..], 0),
            (&["broken.json", "other.json", "first.json"], 0),
            (&["first.json", "broken.json", "later.json"], 0),
            (&["later.json", "other.json", "first.json", "later.json"], 0),
        ] {
            let paths: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
            let before = READ_AGAIN.with(std::cell::Cell::get);
            let (stats, result) = stats_of_paths(&paths, &opts, &defs);
            assert_eq!(
                READ_AGAIN.with(std::cell::Cell::get) - before,
                again,
                "{names:?}"
            );
            let (want, files) = full(&paths);
            assert_eq!(result.files, files, "{names:?}");
            assert_eq!(stats, want, "{names:?}");
        }
        // The warnings of the file read for the figures only, numbered as read.
        let thin = ImportOptions {
            keep_incidents: false,
            ..opts
        };
        let report = files_text(&import_paths(&[dir.join("other.json")], &thin).files);
        assert!(
            report.contains("entry 2") && report.contains("entry 4"),
            "{report}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn figures_from_rows_read_beside_the_incidents_are_those_of_distinct_incidents() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 15).expect("date");
        let incidents = crate::domain::demo::generate(12_000, 720, end, 7);
        let defs = Definitions::default();
        // As a reading asked for the figures' inputs leaves it.
        let result = |incidents: Vec<Incident>, defs: &Definitions| {
            let mut rows = metrics::Rows::new(defs);
            incidents.iter().for_each(|inc| rows.push(inc));
            ImportResult {
                files: Vec::new(),
                incidents,
                figures: Some(rows),
            }
        };
        let sequential = |mut r: ImportResult| {
            r.dedup();
            let refs: Vec<&Incident> = r.incidents.iter().collect();
            metrics::stats(&refs, &defs)
        };
        // No repeats: the figures from the rows.
        let distinct = result(incidents.clone(), &defs);
        assert!(!distinct.figures.as_ref().expect("rows").may_repeat_ids());
        let want = sequential(result(incidents.clone(), &defs));
        assert_eq!(
            stats_of_distinct(&mut result(incidents.clone(), &defs), &defs),
            want
        );
        // Rows prepared under other definitions are not used.
        let planned = Definitions {
            include_planned: true,
            ..defs
        };
        assert_eq!(
            stats_of_distinct(&mut result(incidents.clone(), &planned), &defs),
            want
        );
        // An incident read twice (a copy of the first at another severity, read last):
        // counted once, the last read winning, as on one thread.
        let mut twice = incidents.clone();
        let mut again = twice[0].clone();
        again.severity.level = Some(if again.severity.level == Some(1) {
            4
        } else {
            1
        });
        twice.push(again);
        let read_twice = result(twice.clone(), &defs);
        assert!(read_twice.figures.as_ref().expect("rows").may_repeat_ids());
        let want = sequential(result(twice, &defs));
        assert_eq!(want.count, 12_000);
        assert_ne!(want, sequential(result(incidents, &defs)));
        assert_eq!(stats_of_distinct(&mut read_twice.clone(), &defs), want);
    }

    #[test]
    fn a_large_file_mapped_is_the_file() {
        let dir = std::env::temp_dir().join(format!("aftermath-mapped-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("big.json");
        // 9 MB and an odd length, each byte telling its place.
        let bytes: Vec<u8> = (0..(9 << 20) + 7).map(|i: u32| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).expect("write");
        let size = bytes.len() as u64;
        let read = read_file(&path, size).expect("read");
        assert!(matches!(read, FileBytes::Mapped(_)), "{}", read.len());
        // A size that no longer matches is read again the ordinary way, as is a small file.
        let stale = read_file(&path, size - 1).expect("read");
        assert!(matches!(stale, FileBytes::Read(_)));
        let small = dir.join("small.json");
        std::fs::write(&small, b"[]").expect("write");
        let small = read_file(&small, 2).expect("read");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(*read == *bytes, "the map is the file");
        assert!(*stale == *bytes);
        assert_eq!(&*small, b"[]");
    }
}
