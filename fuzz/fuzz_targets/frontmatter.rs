//! Front matter (YAML, or TOML when the data opens with `+`) and the prose after it.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let fence: &[u8] = if data.first() == Some(&b'+') { b"+++\n" } else { b"---\n" };
    let mut doc = fence.to_vec();
    doc.extend_from_slice(data);
    common::import("2024-03-05-post.md", &doc);
});
