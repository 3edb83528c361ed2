//! Any JSON document (Statuspage, Google Cloud, PagerDuty or none of them).
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::Json, data) {
        panic!("{broken}");
    }
});
