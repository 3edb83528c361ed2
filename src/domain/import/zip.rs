//! `.zip` bundles: every entry is imported as its own file (`bundle.zip!/inner/path`), with
//! caps on entry count and inflated size checked while reading (not trusted from headers), so
//! a zip bomb stops at the cap instead of filling memory.

use super::{import_at_depth, rejected, Format, ImportOptions, ImportResult, Rejection};
use std::io::Read;

/// Zip local-file or empty-archive signature.
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Entries that are not documents: folders, macOS resource forks, dotfiles.
fn skipped(name: &str) -> bool {
    name.ends_with('/')
        || name
            .split('/')
            .any(|part| part.starts_with('.') || part == "__MACOSX")
}

pub(crate) fn read(path: &str, bytes: &[u8], opts: &ImportOptions, depth: u8) -> ImportResult {
    if depth >= opts.limits.max_zip_depth {
        return rejected(
            path,
            Format::Zip,
            Rejection::ZipTooDeep {
                limit: opts.limits.max_zip_depth,
            },
        );
    }
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            return rejected(path, Format::Zip, Rejection::ZipUnreadable(e.to_string()));
        }
    };
    if archive.len() > opts.limits.max_zip_entries {
        return rejected(
            path,
            Format::Zip,
            Rejection::ZipTooManyEntries {
                entries: archive.len(),
                limit: opts.limits.max_zip_entries,
            },
        );
    }
    let mut names: Vec<(usize, String)> = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i).map(|n| (i, n.to_string())))
        .filter(|(_, n)| !skipped(n))
        .collect();
    names.sort_by(|a, b| a.1.cmp(&b.1));
    let mut result = ImportResult::default();
    // Bytes inflated so far, kept or refused: an entry that is too large is refused alone, but
    // what it cost counts, so that many of them cannot make the work unbounded.
    let mut budget = opts.limits.max_zip_total_bytes;
    let entry_cap = opts.limits.max_file_bytes as u64;
    let mut names = names.into_iter();
    for (index, name) in names.by_ref() {
        let inner = format!("{path}!/{name}");
        let mut entry = match archive.by_index(index) {
            Ok(e) => e,
            Err(e) => {
                result.extend(rejected(
                    &inner,
                    Format::Unknown,
                    Rejection::ZipEntryUnopenable(e.to_string()),
                ));
                continue;
            }
        };
        let declared = entry.size();
        let cap = budget.min(entry_cap);
        let read = read_capped(&mut entry, cap, declared);
        let (data, inflated) = match read {
            Ok(read) => read,
            Err(e) => {
                result.extend(rejected(
                    &inner,
                    Format::Unknown,
                    Rejection::ZipEntryUninflatable(e.to_string()),
                ));
                continue;
            }
        };
        budget = budget.saturating_sub(inflated);
        match data {
            Some(data) => result.extend(import_at_depth(&inner, &data, opts, depth + 1)),
            None if cap == entry_cap && budget > 0 => {
                // This entry alone is too large: refuse it, read its siblings.
                result.extend(rejected(
                    &inner,
                    Format::Zip,
                    Rejection::ZipEntryTooLarge { limit: entry_cap },
                ));
            }
            None => {
                result.extend(rejected(
                    &inner,
                    Format::Zip,
                    Rejection::ZipBudgetSpent {
                        limit: opts.limits.max_zip_total_bytes,
                    },
                ));
                break;
            }
        }
    }
    // Entries left unread once the budget is spent are listed, so that none is dropped
    // silently.
    for (_, name) in names {
        result.extend(rejected(
            &format!("{path}!/{name}"),
            Format::Unknown,
            Rejection::ZipNotReached {
                limit: opts.limits.max_zip_total_bytes,
            },
        ));
    }
    if result.files.is_empty() {
        return rejected(path, Format::Zip, Rejection::ZipEmpty);
    }
    result
}

/// Inflates an entry, stopping as soon as it passes `cap` bytes: the bytes (none when over
/// the cap) and how many were inflated. Memory grows with what is read, never past the cap,
/// whatever size the entry's header declares.
fn read_capped(
    mut entry: impl Read,
    cap: u64,
    declared: u64,
) -> std::io::Result<(Option<Vec<u8>>, u64)> {
    const START_MAX: u64 = 64 * 1024 * 1024;
    let cap_len = usize::try_from(cap).unwrap_or(usize::MAX);
    let start = usize::try_from(declared.min(cap).min(START_MAX)).unwrap_or(0);
    let mut data: Vec<u8> = Vec::with_capacity(start);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = entry.read(&mut chunk)?;
        if n == 0 {
            let inflated = data.len() as u64;
            return Ok((Some(data), inflated));
        }
        if data.len().saturating_add(n) > cap_len {
            return Ok((None, (data.len() + n) as u64));
        }
        if data.capacity() - data.len() < n {
            let grow = data.capacity().max(n).min(cap_len - data.len());
            data.reserve_exact(grow);
        }
        data.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
}
