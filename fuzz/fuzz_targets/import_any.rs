//! Any bytes, any claimed file name: the importer must return a report, never panic.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for name in ["x.md", "x.json", "x.csv", "x.zip", "x.txt"] {
        common::import(name, data);
    }
});
