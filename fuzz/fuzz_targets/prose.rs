//! Text that starts like a postmortem and then goes anywhere: the free-text and bulletin
//! readers (dates, times, durations, severities, sections) must never panic.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Seed the text with a date so the prose readers go past date detection.
    let doc = format!("Incident du 17 septembre 2021\n\nTimeline\n{text}\nJuly 16: X (06:00EST): {text}");
    common::import("fuzz.txt", doc.as_bytes());
});
