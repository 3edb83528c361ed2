//! Any JSON document (Statuspage, Google Cloud, PagerDuty or none of them).
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut doc = Vec::with_capacity(data.len() + 1);
    if !data.first().is_some_and(|b| *b == b'{' || *b == b'[') {
        doc.push(b'[');
    }
    doc.extend_from_slice(data);
    common::import("export.json", &doc);
});
