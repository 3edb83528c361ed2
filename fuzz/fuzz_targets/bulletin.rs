//! Multi-incident bulletins: entries whose text goes anywhere.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::Bulletin, data) {
        panic!("{broken}");
    }
});
