//! The CSV reader under a header with every known column.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::Csv, data) {
        panic!("{broken}");
    }
});
