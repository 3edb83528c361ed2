//! The zip reader: bytes that start like a zip.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::Zip, data) {
        panic!("{broken}");
    }
});
