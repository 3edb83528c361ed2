//! `.zip` bundles: every entry is imported as its own file (`bundle.zip!/inner/path`), with
//! caps on entry count and inflated size checked while reading (not trusted from headers), so
//! a zip bomb stops at the cap instead of filling memory.

use super::{import_at_depth, rejected, Format, ImportOptions, ImportResult};
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
            format!(
                "zip nested more than {} deep; unpack it first",
                opts.limits.max_zip_depth
            ),
        );
    }
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => return rejected(path, Format::Zip, format!("not a readable zip: {e}")),
    };
    if archive.len() > opts.limits.max_zip_entries {
        return rejected(
            path,
            Format::Zip,
            format!(
                "zip has {} entries, more than the {} allowed",
                archive.len(),
                opts.limits.max_zip_entries
            ),
        );
    }
    let mut names: Vec<(usize, String)> = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i).map(|n| (i, n.to_string())))
        .filter(|(_, n)| !skipped(n))
        .collect();
    names.sort_by(|a, b| a.1.cmp(&b.1));
    let mut result = ImportResult::default();
    let mut budget = opts.limits.max_zip_total_bytes;
    for (index, name) in names {
        let inner = format!("{path}!/{name}");
        let mut entry = match archive.by_index(index) {
            Ok(e) => e,
            Err(e) => {
                result.extend(rejected(
                    &inner,
                    Format::Unknown,
                    format!("cannot open zip entry: {e}"),
                ));
                continue;
            }
        };
        let cap = budget.min(opts.limits.max_file_bytes as u64);
        let mut data = Vec::new();
        let read = (&mut entry).take(cap + 1).read_to_end(&mut data);
        if let Err(e) = read {
            result.extend(rejected(
                &inner,
                Format::Unknown,
                format!("cannot inflate zip entry: {e}"),
            ));
            continue;
        }
        if data.len() as u64 > cap {
            let reason = format!(
                "inflates past the {} MB limit for one zip (possible zip bomb); the remaining entries were not read",
                opts.limits.max_zip_total_bytes / (1024 * 1024)
            );
            result.extend(rejected(&inner, Format::Zip, reason));
            break;
        }
        budget = budget.saturating_sub(data.len() as u64);
        result.extend(import_at_depth(&inner, &data, opts, depth + 1));
    }
    if result.files.is_empty() {
        return rejected(
            path,
            Format::Zip,
            "zip contains no files (only folders, dotfiles or __MACOSX)".into(),
        );
    }
    result
}
