//! Any bytes, any claimed file name (chosen by the first byte): the importer must return a
//! report, never panic.
#![no_main]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    const NAMES: [&str; 5] = ["x.md", "x.json", "x.csv", "x.zip", "x.txt"];
    let Some((first, rest)) = data.split_first() else { return };
    common::import(NAMES[usize::from(*first) % NAMES.len()], rest);
});
