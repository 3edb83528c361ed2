//! The JSON export readers behind a Statuspage envelope: any incident objects.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::Statuspage, data) {
        panic!("{broken}");
    }
});
