//! Front matter (YAML, or TOML when the data opens with `+`) and the prose after it.
#![no_main]
use aftermath::fuzzing::{check, Target};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = check(Target::Frontmatter, data) {
        panic!("{broken}");
    }
});
