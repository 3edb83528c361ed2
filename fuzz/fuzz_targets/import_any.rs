//! Any bytes, any claimed file name (chosen by the first byte): the importer must return a
//! report, never panic.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::ImportAny, data) {
        panic!("{broken}");
    }
});
