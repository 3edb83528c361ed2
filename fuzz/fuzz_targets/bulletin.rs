//! Multi-incident bulletins: entries whose text goes anywhere.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = format!("July 16: Outage (06:00EST): {text}\nJuly 17: Second (07:00 PDT): {text}\n");
    common::import("bulletin.md", doc.as_bytes());
});
