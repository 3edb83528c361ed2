//! Text that starts like a postmortem and then goes anywhere: the free-text and bulletin
//! readers (dates, times, durations, severities, sections) must never panic.
#![no_main]
use aftermath::domain::import::{import_file, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(today) = chrono::NaiveDate::from_ymd_opt(2026, 11, 21) else { return };
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Seed the text with a date so the prose readers go past date detection.
    let doc = format!("Incident du 17 septembre 2021\n\nTimeline\n{text}\nJuly 16: X (06:00EST): {text}");
    let r = import_file("fuzz.txt", doc.as_bytes(), &ImportOptions::new(today));
    assert!(!r.files.is_empty());
});
