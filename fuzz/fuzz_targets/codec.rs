//! The worker's binary form of an import result: any bytes decode or fail cleanly, and what
//! decodes encodes back to the same bytes' meaning.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::Codec, data) {
        panic!("{broken}");
    }
});
