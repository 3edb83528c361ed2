//! The native archive reader: anything inside `{"aftermath": 1, "incidents": …}`.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::Archive, data) {
        panic!("{broken}");
    }
});
