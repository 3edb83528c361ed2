//! Text that starts like a postmortem and then goes anywhere: the free-text and bulletin
//! readers (dates, times, durations, severities, sections) must never panic.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::Prose, data) {
        panic!("{broken}");
    }
});
