//! The URL's view: any query pairs are read without panic, and a view written back to a query
//! reads as the same view.
#![no_main]
use aftermath::domain::view::View;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let pairs: Vec<(&str, &str)> = text
        .split('&')
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    let view = View::from_pairs(pairs);
    let written = view.to_pairs();
    let back = View::from_pairs(written.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(back, view);
});
