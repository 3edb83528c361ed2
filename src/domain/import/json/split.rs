//! Native builds read a large incident list on two threads, with the same result as one.
//!
//! A second thread starts at an entry near the middle of the bytes, found by its shape (an
//! object after `},` whose keys make it an incident) and reads from there to the end of its
//! list. The first thread walks the whole document as usual; when it meets that very entry (the
//! same borrowed bytes: see [`marker`]), it only counts the rest of the list, and the second
//! thread's incidents are put in their place, renumbered. Whenever anything does not match
//! (the guess was inside a string or a nested object, the formats differ, a count disagrees,
//! either thread met an error), the result is the one-thread reading: the guess can cost time,
//! never change what is read.

use super::{
    classify, conclude, marker, walk, Format, Keep, Obj, Parsed, RawItem, ReadResult, Reader,
};
use crate::domain::metrics::Rows;
use crate::domain::model::Incident;

/// Below this size a second thread would save a few milliseconds at most (a 4 MB export is
/// read in about 15 ms): not worth a guess.
pub(crate) const MIN_BYTES: usize = 4 << 20;

/// How many `},{` places from near the middle are tried before giving up on a second thread, and
/// how far each is read: the guesses cost a bounded time whatever the document (an entry
/// larger than this is not taken as a guess; a later one may be).
const TRIES: usize = 64;
const TRY_BYTES: usize = 256 << 10;

/// A list of the second thread's incidents, with their figures' inputs when asked for.
struct Handed {
    incidents: Vec<Incident>,
    rows: Option<Rows>,
    /// A thinned reading's: the place of each incident kept, among those the second thread
    /// read; and how many it read for this list.
    places: Vec<usize>,
    read: usize,
}

/// The second thread hands its incidents over in lists of this many as it reads them: the
/// first thread, once done with its own part, moves each into place (and frees it) while the
/// second reads on.
const MOVE_AT_ONCE: usize = 2048;

/// The entry where the second thread starts, and what the first thread saw when it met it.
pub(crate) struct Boundary {
    marker: usize,
    met: Option<Met>,
}

#[derive(Clone, Copy)]
struct Met {
    /// Entries of the document before it.
    seen: usize,
    /// Incidents and messages the first thread had when it met it, and incidents it had
    /// read (more than it had, when a thinned reading kept only some).
    incidents: usize,
    messages: usize,
    read: usize,
    /// Entries from it to the end of its list, as the first thread counted them.
    entries: usize,
}

/// What the second thread read, besides the incidents it handed over.
struct Tail {
    /// Its messages (`parsed.incidents` is empty).
    parsed: Parsed,
    format: Option<Format>,
    seen: usize,
    skipped: Vec<usize>,
}

/// Reads `text` on two threads; `None` when it must be read on one (no second thread could
/// start, or its part cannot be used as it is).
pub(crate) fn read(path: &str, text: &str, keep: Keep) -> Option<(Format, ReadResult)> {
    let (start, marker) = candidate(text)?;
    std::thread::scope(|scope| {
        let (hand, handed) = std::sync::mpsc::channel::<Handed>();
        // No thread to be had (a process or container limit): read on one.
        let tail = std::thread::Builder::new()
            .spawn_scoped(scope, move || tail(path, text, start, keep, &hand))
            .ok()?;
        let mut reader = Reader::new(path, text, keep);
        reader.split = Some(Boundary { marker, met: None });
        let walked = walk(&mut reader, text);
        let Some(met) = reader.split.take().and_then(|b| b.met) else {
            // The walk never met the second thread's entry: it read everything itself.
            drop(handed);
            let _ = tail.join();
            return Some(conclude(reader, text, walked));
        };
        // The second thread's incidents go in at the boundary, a list at a time as they come;
        // anything read after the list follows them. (Not reserved from the count of entries
        // to come: entries that are not objects make no incident, and a crafted list of them
        // would ask for room for millions.)
        let found = &mut reader.parsed.incidents;
        let mut after = found.split_off(met.incidents.min(found.len()));
        let rows = &mut reader.parsed.figures;
        let rows_after = rows.as_mut().map(|r| r.split_off(met.read));
        let thinned = &mut reader.parsed.thinned;
        let places_after = (thinned.as_mut()).map(|t| t.places.split_off(met.incidents));
        // Incidents the second thread read before each list.
        let mut before = 0;
        for list in handed {
            let Handed {
                incidents: mut list,
                rows: mut list_rows,
                places,
                read,
            } = list;
            for (k, inc) in list.iter_mut().enumerate() {
                if renumber(inc, met.seen)? {
                    // Its row in this list (a thinned reading kept only some incidents).
                    let row = match places.get(k) {
                        Some(p) => p.checked_sub(before)?,
                        None => k,
                    };
                    if let Some(more) = list_rows.as_mut() {
                        more.set_id(row, &inc.id);
                    }
                }
            }
            found.extend(list);
            if let (Some(rows), Some(more)) = (rows.as_mut(), list_rows) {
                rows.append(more);
            }
            if let Some(t) = thinned.as_mut() {
                t.places.extend(places.iter().map(|p| met.read + p));
            }
            before += read;
        }
        found.append(&mut after);
        if let (Some(rows), Some(more)) = (rows.as_mut(), rows_after) {
            rows.append(more);
        }
        if let (Some(t), Some(places)) = (thinned.as_mut(), places_after) {
            t.places.extend(places.iter().map(|p| p + before));
            t.read += before;
        }
        let tail = tail.join().ok().flatten()?;
        if walked.is_err()
            || tail.format != reader.format
            || tail.seen != met.entries
            || tail.parsed.messages.len() != tail.skipped.len()
        {
            return None;
        }
        let messages = (tail.skipped.iter())
            .map(|k| format!("entry {}: skipped: not an object", met.seen + k));
        reader
            .parsed
            .messages
            .splice(met.messages..met.messages, messages);
        #[cfg(test)]
        MERGED.with(|m| m.set(m.get() + 1));
        Some(conclude(reader, text, Ok(())))
    })
}

/// Puts an incident of the second thread's part at its place in the document: `seen` entries
/// came before the part. Whether its id changed; `None` when it has no position (never, from
/// [`Reader::take`]).
fn renumber(inc: &mut Incident, seen: usize) -> Option<bool> {
    let local = inc.source.position.and_then(|p| usize::try_from(p).ok())?;
    inc.source.position = u32::try_from(seen + local).ok();
    if inc.source.external_id.is_none() {
        // An id made from a position is made again from the document's.
        inc.assign_id();
        return Some(true);
    }
    Some(false)
}

#[cfg(test)]
thread_local! {
    /// Readings whose two parts were put together (for the tests to know they were).
    static MERGED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Whether reading `text` on two threads gives what one thread reads (true when no second
/// thread starts): the invariant the fuzzer checks on any JSON.
pub(crate) fn agrees(path: &str, text: &str) -> bool {
    if super::native::looks_native(text) {
        // Read as an archive before any JSON export (`json::read`).
        return true;
    }
    // With the text kept (the import page's way); without it, the figures' inputs prepared as
    // it reads; and for the figures only, most incidents not kept (`aftermath stats`).
    [(true, true), (false, true), (false, false)]
        .into_iter()
        .all(|(keep_text, keep_incidents)| {
            let opts = super::ImportOptions {
                keep_text,
                figures: (!keep_text).then(crate::domain::metrics::Definitions::default),
                keep_incidents,
                ..super::ImportOptions::new(chrono::NaiveDate::MIN)
            };
            match read(path, text, Keep::of(&opts)) {
                Some(two) => format!("{two:?}") == format!("{:?}", super::read(path, text, &opts)),
                None => true,
            }
        })
}

/// Called by the first thread after it counted the boundary's entry and the rest of its list.
pub(crate) fn counted(reader: &mut Reader<'_>, entries: usize) {
    if let Some(met) = reader.split.as_mut().and_then(|b| b.met.as_mut()) {
        met.entries = entries;
    }
}

/// Called by the first thread for each entry of a list: whether it is the second thread's
/// first entry (the rest of this list is then the second thread's).
pub(crate) fn at_boundary(reader: &mut Reader<'_>, item: Option<&RawItem<'_>>) -> bool {
    let span = reader.span;
    let (seen, incidents, messages) = (
        reader.seen,
        reader.parsed.incidents.len(),
        reader.parsed.messages.len(),
    );
    let read = reader.parsed.thinned.as_ref().map_or(incidents, |t| t.read);
    let Some(boundary) = &mut reader.split else {
        return false;
    };
    if boundary.met.is_some() {
        return false;
    }
    let Some(at) = item.and_then(|raw| marker(raw, span)) else {
        return false;
    };
    if at == boundary.marker {
        boundary.met = Some(Met {
            seen,
            incidents,
            messages,
            read,
            entries: 0,
        });
        return true;
    }
    if at > boundary.marker {
        // Past it without meeting it: the guess was not an entry of a list. Read on alone.
        reader.split = None;
    }
    false
}

/// An entry near the middle that looks like an incident: where it starts, and its marker.
fn candidate(text: &str) -> Option<(usize, usize)> {
    // A little before the middle: the first thread also reads what comes before the list,
    // counts the second thread's entries (a count costs about a twentieth of a reading) and
    // then moves the second thread's incidents into place, best while it still reads. On a
    // 40k-incident Statuspage export, 47 % ends soonest (44 % and 50 % take 3 to 6 ms more).
    candidate_from(text, text.len() / 100 * 47)
}

/// The first entry from byte `at` on that looks like an incident.
fn candidate_from(text: &str, mut at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let span = (text.as_ptr() as usize, text.len());
    for _ in 0..TRIES {
        let close = at + bytes.get(at..)?.iter().position(|&b| b == b'}')?;
        at = close + 1;
        let comma = skip_space(bytes, close + 1);
        if bytes.get(comma) != Some(&b',') {
            continue;
        }
        let open = skip_space(bytes, comma + 1);
        if bytes.get(open) != Some(&b'{') {
            continue;
        }
        let mut end = (open + TRY_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let Some(rest) = text.get(open..end) else {
            continue;
        };
        let mut entries = serde_json::Deserializer::from_str(rest).into_iter::<Obj<RawItem<'_>>>();
        if let Some(Ok(Obj(Some(raw)))) = entries.next() {
            if classify(&raw) != Format::Unknown {
                if let Some(m) = marker(&raw, span) {
                    return Some((open, m));
                }
            }
        }
    }
    None
}

/// The second thread's incidents so far (and their figures' inputs), to hand over; `next`
/// takes their place. (A first thread that read everything itself wants none: its answer
/// stands.)
fn handed(reader: &mut Reader<'_>, next: Vec<Incident>, handed: &mut usize) -> Handed {
    let parsed = &mut reader.parsed;
    let rows = (parsed.figures.as_mut())
        .map(|rows| std::mem::replace(rows, Rows::new(&rows.definitions())));
    let (places, read) = match parsed.thinned.as_mut() {
        Some(t) => (
            std::mem::take(&mut t.places),
            t.read.saturating_sub(*handed),
        ),
        None => (Vec::new(), parsed.incidents.len()),
    };
    *handed += read;
    Handed {
        incidents: std::mem::replace(&mut parsed.incidents, next),
        rows,
        places,
        read,
    }
}

/// Incidents the second thread read and has not handed over yet.
fn pending(reader: &Reader<'_>, handed: usize) -> usize {
    (reader.parsed.thinned.as_ref()).map_or(reader.parsed.incidents.len(), |t| {
        t.read.saturating_sub(handed)
    })
}

/// The first byte at or after `i` that is not JSON whitespace.
fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The second thread: entries from `start` to the end of their list, their incidents handed
/// over in order, [`MOVE_AT_ONCE`] at a time. A part cut short (`None`) is not used, whatever
/// was handed over.
fn tail(
    path: &str,
    text: &str,
    start: usize,
    keep: Keep,
    hand: &std::sync::mpsc::Sender<Handed>,
) -> Option<Tail> {
    let mut reader = Reader::new(path, text, keep);
    let bytes = text.as_bytes();
    let mut pos = start;
    // Incidents read and handed over so far.
    let mut sent = 0;
    loop {
        let rest = text.get(pos..)?;
        let mut entries = serde_json::Deserializer::from_str(rest).into_iter::<Obj<RawItem<'_>>>();
        let Obj(item) = entries.next()?.ok()?;
        pos += entries.byte_offset();
        reader.take(item);
        if pending(&reader, sent) >= MOVE_AT_ONCE {
            let next = Vec::with_capacity(if keep.incidents { MOVE_AT_ONCE } else { 0 });
            let _ = hand.send(handed(&mut reader, next, &mut sent));
        }
        pos = skip_space(bytes, pos);
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            Some(b']') => break,
            _ => return None,
        }
    }
    let _ = hand.send(handed(&mut reader, Vec::new(), &mut sent));
    Some(Tail {
        format: reader.format,
        seen: reader.seen,
        skipped: reader.skipped,
        parsed: reader.parsed,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{read as read_one, ImportOptions};
    use super::*;
    use crate::domain::model::testing::Dice;

    /// A Statuspage incident; `extra` goes inside the object.
    fn incident(i: usize, extra: &str) -> String {
        let id = if i % 7 == 3 {
            // No id: its id is made from its position.
            String::new()
        } else {
            format!(r#""id": "inc{i}", "#)
        };
        let name = if i % 11 == 5 {
            format!(r#"Escaped \"name\" {i}"#)
        } else {
            format!("API errors {i}")
        };
        format!(
            r#"{{{id}"name": "{name}", "impact": "{impact}", "status": "resolved",
  "created_at": "2024-03-{day:02}T10:00:00Z", "resolved_at": "2024-03-{day:02}T1{h}:30:00Z",
  "components": [{{"id": "c1", "name": "API"}}, {{"id": "c2", "name": "Web"}}],
  "incident_updates": [{{"status": "investigating", "body": "Looking into it }},{{ braces", "created_at": "2024-03-{day:02}T10:05:00Z"}},
    {{"status": "resolved", "body": "Fixed.", "created_at": "2024-03-{day:02}T1{h}:30:00Z"}}]{extra}}}"#,
            // Now and then an impact that is not one (a warning in the file's report).
            impact = if i % 9 == 2 {
                "weird"
            } else {
                ["none", "minor", "major", "critical"][i % 4]
            },
            day = 1 + i % 28,
            h = 1 + i % 8,
        )
    }

    fn document(entries: &[String], after: &str) -> String {
        format!(
            "{{\"page\": {{\"id\": \"p\", \"name\": \"Example\"}},\n\"incidents\": [\n{}\n]{after}}}",
            entries.join(",\n")
        )
    }

    fn one_thread(text: &str) -> String {
        let opts =
            ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default());
        format!("{:?}", read_one("export.json", text, &opts))
    }

    fn two_threads(text: &str) -> Option<String> {
        let keep = Keep {
            text: true,
            figures: None,
            incidents: true,
        };
        read("export.json", text, keep).map(|r| format!("{r:?}"))
    }

    /// Readings put together from two parts so far on this thread.
    fn merges() -> usize {
        MERGED.with(std::cell::Cell::get)
    }

    /// The two-thread reading of `text`, checked to be put together from two parts and to
    /// equal the one-thread reading.
    fn read_in_two_parts(text: &str) -> String {
        let before = merges();
        let two = two_threads(text).expect("read on two threads");
        assert_eq!(merges(), before + 1, "two parts put together");
        assert_eq!(two, one_thread(text));
        // Without the text, the figures' inputs prepared as it reads (`aftermath stats`): as
        // one thread prepares them, and as they are prepared from the incidents afterwards.
        let defs = crate::domain::metrics::Definitions::default();
        let opts =
            ImportOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default())
                .for_figures(defs);
        let lean = read("export.json", text, Keep::of(&opts)).expect("read on two threads");
        assert_eq!(merges(), before + 2, "two parts put together");
        assert_eq!(
            format!("{lean:?}"),
            format!("{:?}", read_one("export.json", text, &opts))
        );
        // For the figures only: the same reading, but for the incidents not kept (all but
        // those with warnings or ids made from their places).
        let thin = ImportOptions {
            keep_incidents: false,
            ..opts
        };
        let thinned = read("export.json", text, Keep::of(&thin)).expect("read on two threads");
        assert_eq!(merges(), before + 3, "two parts put together");
        assert_eq!(
            format!("{thinned:?}"),
            format!("{:?}", read_one("export.json", text, &thin))
        );
        let (_, Ok(thinned)) = thinned else {
            panic!("read")
        };
        let (_, Ok(full)) = read_one("export.json", text, &opts) else {
            panic!("read")
        };
        let Some(t) = &thinned.thinned else {
            panic!("thinned")
        };
        assert_eq!(t.read, full.incidents.len());
        let kept: Vec<&Incident> = (t.places.iter())
            .filter_map(|p| full.incidents.get(*p))
            .collect();
        assert_eq!(kept, thinned.incidents.iter().collect::<Vec<_>>());
        assert!(thinned
            .incidents
            .iter()
            .all(|i| !i.warnings.is_empty() || i.source.external_id.is_none()));
        assert_eq!(thinned.figures, full.figures);
        let parsed = lean.1.expect("read");
        let refs: Vec<&Incident> = parsed.incidents.iter().collect();
        let rows = parsed.figures.expect("the figures' inputs");
        assert!(!rows.may_repeat_ids());
        assert_eq!(
            rows.finish(),
            crate::domain::metrics::Prepared::new(&refs, &defs)
        );
        two
    }

    #[test]
    fn two_threads_read_exactly_what_one_reads() {
        let mut entries: Vec<String> = (0..120).map(|i| incident(i, "")).collect();
        // Entries that are not objects, on both sides of the middle.
        entries.insert(10, "null".into());
        entries.insert(90, "17".into());
        entries.insert(100, "[1, 2]".into());
        let maintenance: Vec<String> = (0..4)
            .map(|i| incident(500 + i, r#", "scheduled_for": "2024-05-01T00:00:00Z""#))
            .collect();
        let text = document(
            &entries,
            &format!(
                ",\n\"scheduled_maintenances\": [{}]",
                maintenance.join(", ")
            ),
        );
        let (start, _) = candidate(&text).expect("a second thread starts");
        assert!(start >= text.len() / 100 * 47 && start < text.len() / 100 * 60);
        let two = read_in_two_parts(&text);
        // The renumbered parts: positions, ids made from them, and the messages.
        assert!(two.contains("entry 91: skipped: not an object"), "{two}");
        assert!(two.contains("entry 101: skipped: not an object"));
        assert!(two.contains("position: Some(124)"));
    }

    #[test]
    fn a_long_second_part_is_moved_in_order() {
        // More entries past the guess than are moved at once.
        let entries: Vec<String> = (0..3 * MOVE_AT_ONCE + 5).map(|i| incident(i, "")).collect();
        let text = document(&entries, "");
        read_in_two_parts(&text);
    }

    #[test]
    fn a_guess_inside_an_entry_changes_nothing() {
        // Past the middle, one huge entry holds incident-shaped objects in a list it does not
        // read: the second thread's guess is one of them, and the first thread reads alone.
        let nested: Vec<String> = (0..60).map(|i| incident(1000 + i, "")).collect();
        let mut entries: Vec<String> = (0..20).map(|i| incident(i, "")).collect();
        entries.push(incident(
            99,
            &format!(r#", "related": [{{"x": 1}}, {}]"#, nested.join(", ")),
        ));
        entries.push(incident(100, ""));
        let text = document(&entries, "");
        assert!(candidate(&text).is_some());
        let merged = merges();
        assert_eq!(two_threads(&text), Some(one_thread(&text)));
        assert_eq!(merges(), merged, "read by the first thread alone");
    }

    #[test]
    fn an_entry_too_large_to_guess_is_passed_over() {
        let body = "x".repeat(TRY_BYTES + 10);
        let mut entries: Vec<String> = (0..40).map(|i| incident(i, "")).collect();
        entries.push(incident(40, &format!(r#", "postmortem_body": "{body}""#)));
        entries.extend((41..60).map(|i| incident(i, "")));
        let text = document(&entries, "");
        let before = text.find("API errors 39").expect("the entry before");
        let large = text.find("API errors 40").expect("the large entry");
        let (start, _) = candidate_from(&text, before).expect("a later entry");
        assert!(
            start > large + TRY_BYTES,
            "the guess is past the large entry"
        );
        let (small, _) =
            candidate_from(&text, text.find("API errors 20").expect("20")).expect("21");
        assert!(small < large, "an entry of ordinary size is taken");
        assert_eq!(two_threads(&text), Some(one_thread(&text)));
    }

    #[test]
    fn a_broken_second_half_is_read_on_one_thread() {
        // Short, and long enough that lists were handed over before the break.
        for count in [80, 3 * MOVE_AT_ONCE] {
            let entries: Vec<String> = (0..count).map(|i| incident(i, "")).collect();
            let mut text = document(&entries, "");
            // A missing comma between two entries near the end.
            let cut = text.rfind("},\n{").expect("two entries");
            text.replace_range(cut..cut + 2, "}\n");
            assert!(candidate(&text).is_some());
            assert_eq!(two_threads(&text), None, "{count} entries");
            assert!(
                one_thread(&text).contains("Err(Json { line: "),
                "the one-thread reading names the place"
            );
        }
    }

    /// An entry of many shapes: incidents with fields in any order, text that looks like JSON
    /// or like a boundary, nested lists of incident-shaped objects, and entries that are not
    /// incidents at all.
    fn random_entry(dice: &mut Dice, i: usize) -> String {
        let space = [" ", "", "\n  ", "\t"][dice.roll(4) as usize];
        match dice.roll(10) {
            0 => ["null", "42", "\"text\"", "[]", "{}", "true"][dice.roll(6) as usize].into(),
            1 => format!(
                r#"{{"name":"n{i}","impact":"minor","related":[{{"a":1}},{{"id":"x{i}","name":"inner","impact":"major"}}]}}"#
            ),
            _ => {
                let mut fields = vec![
                    format!(
                        r#""name":{space}"Outage {i} \"quoted\" }},{{ {}""#,
                        dice.roll(9)
                    ),
                    format!(
                        r#""impact":"{}""#,
                        ["none", "minor", "major", "critical", "odd"][dice.roll(5) as usize]
                    ),
                    format!(
                        r#""created_at":"2024-0{}-1{}T0{}:00:00Z""#,
                        1 + dice.roll(9),
                        dice.roll(10),
                        dice.roll(10)
                    ),
                    format!(
                        r#""resolved_at":"2024-0{}-2{}T1{}:30:00Z""#,
                        1 + dice.roll(9),
                        dice.roll(10),
                        dice.roll(10)
                    ),
                    format!(
                        r#""incident_updates":[{{"status":"investigating","body":"{{\"name\":\"fake\",\"impact\":\"minor\"}} and }},{{","created_at":"2024-01-01T00:00:00Z"}}]"#
                    ),
                ];
                if dice.roll(3) > 0 {
                    fields.push(format!(r#""id":"id{}""#, dice.roll(50)));
                }
                if dice.roll(4) == 0 {
                    fields.push(r#""scheduled_for":"2024-05-01T00:00:00Z""#.into());
                }
                for k in (1..fields.len()).rev() {
                    let j = dice.roll(k as u64 + 1) as usize;
                    fields.swap(k, j);
                }
                format!("{{{}}}", fields.join(&format!(",{space}")))
            }
        }
    }

    #[test]
    fn two_threads_agree_with_one_on_varied_documents() {
        let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
        let (mut split, mut tried) = (0, 0);
        let merged_before = merges();
        for round in 0..300 {
            let n = 20 + dice.roll(80) as usize;
            let entries: Vec<String> = (0..n).map(|i| random_entry(&mut dice, i)).collect();
            let sep = [",", ",\n", " , "][dice.roll(3) as usize];
            let list = format!("[{}]", entries.join(sep));
            let text = match dice.roll(4) {
                0 => list,
                1 => format!(r#"{{"page":{{"id":"p"}},"incidents":{list}}}"#),
                2 => format!(
                    r#"{{"incidents":{list},"scheduled_maintenances":[{}]}}"#,
                    random_entry(&mut dice, 999)
                ),
                _ => format!(r#"{{"incidents":{list},"page":{{"name":"after"}}}}"#),
            };
            // With the text, and without it and with the figures' inputs.
            assert!(agrees("export.json", &text), "round {round}: {text}");
            if let Some(two) = two_threads(&text) {
                tried += 1;
                split += usize::from(candidate(&text).is_some());
                assert_eq!(two, one_thread(&text), "round {round}: {text}");
            }
        }
        // Most documents were read on two threads, so the comparison above means something.
        let merged = merges() - merged_before;
        assert!(tried >= 200 && split >= 200, "{tried} read on two threads");
        assert!(
            merged >= 150,
            "{merged} of {tried} put together from two parts"
        );
    }

    #[test]
    fn a_document_without_a_list_past_its_middle_has_no_second_thread() {
        let text = format!(r#"{{"incident": {}}}"#, incident(1, ""));
        assert_eq!(candidate(&text), None);
    }
}
