//! The URL's view: any query pairs are read without panic, and a view written back to a query
//! reads as the same view.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::ViewQuery, data) {
        panic!("{broken}");
    }
});
