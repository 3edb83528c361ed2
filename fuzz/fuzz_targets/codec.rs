//! The worker's binary form of an import result: any bytes decode or fail cleanly, and what
//! decodes encodes back to the same bytes' meaning.
#![no_main]
use aftermath::domain::codec::{decode, encode};
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(result) = decode(data) {
        assert_eq!(decode(&encode(&result)), Ok(result));
    }
});
