//! Lower case for matching and sorting (the search box, sort keys, zone names): the same as
//! `char::to_lowercase` (but for the final sigma, see [`lower`]), from 185 ranges instead of the standard library's table of 1,462
//! pairs (with `str::to_lowercase` behind it, 5.7 KB gzip of the first load). A test checks
//! every `char` against the standard library; when a new Rust brings a newer Unicode and it
//! fails, the table is regenerated as the test says.

/// `(first, delta, span, step)`: the chars `first`, `first + step`, … up to `first + span`
/// lower-case to themselves plus `delta`. Sorted by `first`; ranges do not overlap.
const RANGES: &[(u32, i32, u8, u8)] = &[
    (0x0041, 32, 25, 1),
    (0x00C0, 32, 22, 1),
    (0x00D8, 32, 6, 1),
    (0x0100, 1, 46, 2),
    (0x0132, 1, 4, 2),
    (0x0139, 1, 14, 2),
    (0x014A, 1, 44, 2),
    (0x0178, -121, 0, 1),
    (0x0179, 1, 4, 2),
    (0x0181, 210, 0, 1),
    (0x0182, 1, 2, 2),
    (0x0186, 206, 0, 1),
    (0x0187, 1, 0, 1),
    (0x0189, 205, 1, 1),
    (0x018B, 1, 0, 1),
    (0x018E, 79, 0, 1),
    (0x018F, 202, 0, 1),
    (0x0190, 203, 0, 1),
    (0x0191, 1, 0, 1),
    (0x0193, 205, 0, 1),
    (0x0194, 207, 0, 1),
    (0x0196, 211, 0, 1),
    (0x0197, 209, 0, 1),
    (0x0198, 1, 0, 1),
    (0x019C, 211, 0, 1),
    (0x019D, 213, 0, 1),
    (0x019F, 214, 0, 1),
    (0x01A0, 1, 4, 2),
    (0x01A6, 218, 0, 1),
    (0x01A7, 1, 0, 1),
    (0x01A9, 218, 0, 1),
    (0x01AC, 1, 0, 1),
    (0x01AE, 218, 0, 1),
    (0x01AF, 1, 0, 1),
    (0x01B1, 217, 1, 1),
    (0x01B3, 1, 2, 2),
    (0x01B7, 219, 0, 1),
    (0x01B8, 1, 0, 1),
    (0x01BC, 1, 0, 1),
    (0x01C4, 2, 0, 1),
    (0x01C5, 1, 0, 1),
    (0x01C7, 2, 0, 1),
    (0x01C8, 1, 0, 1),
    (0x01CA, 2, 0, 1),
    (0x01CB, 1, 16, 2),
    (0x01DE, 1, 16, 2),
    (0x01F1, 2, 0, 1),
    (0x01F2, 1, 2, 2),
    (0x01F6, -97, 0, 1),
    (0x01F7, -56, 0, 1),
    (0x01F8, 1, 38, 2),
    (0x0220, -130, 0, 1),
    (0x0222, 1, 16, 2),
    (0x023A, 10795, 0, 1),
    (0x023B, 1, 0, 1),
    (0x023D, -163, 0, 1),
    (0x023E, 10792, 0, 1),
    (0x0241, 1, 0, 1),
    (0x0243, -195, 0, 1),
    (0x0244, 69, 0, 1),
    (0x0245, 71, 0, 1),
    (0x0246, 1, 8, 2),
    (0x0370, 1, 2, 2),
    (0x0376, 1, 0, 1),
    (0x037F, 116, 0, 1),
    (0x0386, 38, 0, 1),
    (0x0388, 37, 2, 1),
    (0x038C, 64, 0, 1),
    (0x038E, 63, 1, 1),
    (0x0391, 32, 16, 1),
    (0x03A3, 32, 8, 1),
    (0x03CF, 8, 0, 1),
    (0x03D8, 1, 22, 2),
    (0x03F4, -60, 0, 1),
    (0x03F7, 1, 0, 1),
    (0x03F9, -7, 0, 1),
    (0x03FA, 1, 0, 1),
    (0x03FD, -130, 2, 1),
    (0x0400, 80, 15, 1),
    (0x0410, 32, 31, 1),
    (0x0460, 1, 32, 2),
    (0x048A, 1, 52, 2),
    (0x04C0, 15, 0, 1),
    (0x04C1, 1, 12, 2),
    (0x04D0, 1, 94, 2),
    (0x0531, 48, 37, 1),
    (0x10A0, 7264, 37, 1),
    (0x10C7, 7264, 0, 1),
    (0x10CD, 7264, 0, 1),
    (0x13A0, 38864, 79, 1),
    (0x13F0, 8, 5, 1),
    (0x1C89, 1, 0, 1),
    (0x1C90, -3008, 42, 1),
    (0x1CBD, -3008, 2, 1),
    (0x1E00, 1, 148, 2),
    (0x1E9E, -7615, 0, 1),
    (0x1EA0, 1, 94, 2),
    (0x1F08, -8, 7, 1),
    (0x1F18, -8, 5, 1),
    (0x1F28, -8, 7, 1),
    (0x1F38, -8, 7, 1),
    (0x1F48, -8, 5, 1),
    (0x1F59, -8, 6, 2),
    (0x1F68, -8, 7, 1),
    (0x1F88, -8, 7, 1),
    (0x1F98, -8, 7, 1),
    (0x1FA8, -8, 7, 1),
    (0x1FB8, -8, 1, 1),
    (0x1FBA, -74, 1, 1),
    (0x1FBC, -9, 0, 1),
    (0x1FC8, -86, 3, 1),
    (0x1FCC, -9, 0, 1),
    (0x1FD8, -8, 1, 1),
    (0x1FDA, -100, 1, 1),
    (0x1FE8, -8, 1, 1),
    (0x1FEA, -112, 1, 1),
    (0x1FEC, -7, 0, 1),
    (0x1FF8, -128, 1, 1),
    (0x1FFA, -126, 1, 1),
    (0x1FFC, -9, 0, 1),
    (0x2126, -7517, 0, 1),
    (0x212A, -8383, 0, 1),
    (0x212B, -8262, 0, 1),
    (0x2132, 28, 0, 1),
    (0x2160, 16, 15, 1),
    (0x2183, 1, 0, 1),
    (0x24B6, 26, 25, 1),
    (0x2C00, 48, 47, 1),
    (0x2C60, 1, 0, 1),
    (0x2C62, -10743, 0, 1),
    (0x2C63, -3814, 0, 1),
    (0x2C64, -10727, 0, 1),
    (0x2C67, 1, 4, 2),
    (0x2C6D, -10780, 0, 1),
    (0x2C6E, -10749, 0, 1),
    (0x2C6F, -10783, 0, 1),
    (0x2C70, -10782, 0, 1),
    (0x2C72, 1, 0, 1),
    (0x2C75, 1, 0, 1),
    (0x2C7E, -10815, 1, 1),
    (0x2C80, 1, 98, 2),
    (0x2CEB, 1, 2, 2),
    (0x2CF2, 1, 0, 1),
    (0xA640, 1, 44, 2),
    (0xA680, 1, 26, 2),
    (0xA722, 1, 12, 2),
    (0xA732, 1, 60, 2),
    (0xA779, 1, 2, 2),
    (0xA77D, -35332, 0, 1),
    (0xA77E, 1, 8, 2),
    (0xA78B, 1, 0, 1),
    (0xA78D, -42280, 0, 1),
    (0xA790, 1, 2, 2),
    (0xA796, 1, 18, 2),
    (0xA7AA, -42308, 0, 1),
    (0xA7AB, -42319, 0, 1),
    (0xA7AC, -42315, 0, 1),
    (0xA7AD, -42305, 0, 1),
    (0xA7AE, -42308, 0, 1),
    (0xA7B0, -42258, 0, 1),
    (0xA7B1, -42282, 0, 1),
    (0xA7B2, -42261, 0, 1),
    (0xA7B3, 928, 0, 1),
    (0xA7B4, 1, 14, 2),
    (0xA7C4, -48, 0, 1),
    (0xA7C5, -42307, 0, 1),
    (0xA7C6, -35384, 0, 1),
    (0xA7C7, 1, 2, 2),
    (0xA7CB, -42343, 0, 1),
    (0xA7CC, 1, 14, 2),
    (0xA7DC, -42561, 0, 1),
    (0xA7F5, 1, 0, 1),
    (0xFF21, 32, 25, 1),
    (0x10400, 40, 39, 1),
    (0x104B0, 40, 35, 1),
    (0x10570, 39, 10, 1),
    (0x1057C, 39, 14, 1),
    (0x1058C, 39, 6, 1),
    (0x10594, 39, 1, 1),
    (0x10C80, 64, 50, 1),
    (0x10D50, 32, 21, 1),
    (0x118A0, 32, 31, 1),
    (0x16E40, 32, 31, 1),
    (0x16EA0, 27, 24, 1),
    (0x1E900, 34, 33, 1),
];

/// U+0130 (İ), the one char whose lower case is two: `i` and a combining dot above.
const DOTTED_CAPITAL_I: char = '\u{130}';

/// The lower case of a char that lower-cases to one char (all but U+0130).
fn lower_char(c: char) -> char {
    let cp = c as u32;
    if cp < 0x80 {
        return c.to_ascii_lowercase();
    }
    let at = RANGES.partition_point(|r| r.0 <= cp);
    let Some(&(first, delta, span, step)) = at.checked_sub(1).and_then(|i| RANGES.get(i)) else {
        return c;
    };
    let offset = cp - first;
    if offset > u32::from(span) || offset.checked_rem(u32::from(step)) != Some(0) {
        return c;
    }
    cp.checked_add_signed(delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

/// Σ and the final ς both lower to σ: a word typed with either sigma finds the other.
const SIGMAS: [char; 2] = ['\u{3a3}', '\u{3c2}'];

/// `s` in lower case, char by char, for matching: as `str::to_lowercase`, except that Greek
/// sigma lowers to σ wherever it stands and ς becomes σ too (so a search typed "οδος" finds a
/// title written "ΟΔΟΣ", and the other way round, however each ends).
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == DOTTED_CAPITAL_I {
            out.push_str("i\u{307}");
        } else if SIGMAS.contains(&c) {
            out.push('\u{3c3}');
        } else {
            out.push(lower_char(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regenerate `RANGES` from `char::to_lowercase` (runs of one delta, step 1 or 2) if this
    /// fails after a Rust update.
    #[test]
    fn every_char_lowers_as_the_standard_library_does() {
        for cp in 0..=0x10FFFF {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let want: String = if c == '\u{3c2}' {
                "\u{3c3}".into()
            } else {
                c.to_lowercase().collect()
            };
            assert_eq!(lower(&c.to_string()), want, "U+{cp:04X}");
        }
    }

    #[test]
    fn words_lower_as_people_expect() {
        assert_eq!(lower("ÉQUIPE Réseau"), "équipe réseau");
        assert_eq!(lower("Straße ẞ"), "straße ß");
        assert_eq!(lower("ΔΙΚΤΥΟ Москва"), "δικτυο москва");
        assert_eq!(lower("İstanbul"), "i\u{307}stanbul");
        assert_eq!(lower("API Gateway"), "api gateway");
        assert_eq!(lower("数据库"), "数据库");
        // Either sigma finds the other.
        assert_eq!(lower("ΟΔΟΣ"), "οδοσ");
        assert_eq!(lower("οδος"), "οδοσ");
    }
}
