//! Phone numbers: candidates are digit runs (after the normaliser joins spoken digits);
//! phonenumber (a libphonenumber port) validates them in the default region and gives E.164.

use regex::Regex;
use std::sync::LazyLock;

static CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\(?\d[\d\s().-]{5,}\d").expect("static regex"));

/// A number glued to letters ("R00123-456", "ORD-5550100") is a code, not a phone number:
/// skipping it also spares libphonenumber, the costliest step of extraction.
fn standalone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_alphabetic() || c == '-')
        && !after.is_some_and(char::is_alphabetic)
}

pub fn find(raw: &str, norm: &str, region: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in [raw, norm] {
        for m in CANDIDATE.find_iter(text) {
            if !standalone(text, m.start(), m.end()) {
                continue;
            }
            let digits = m.as_str().chars().filter(|c| c.is_ascii_digit()).count();
            if !(7..=15).contains(&digits) {
                continue;
            }
            if let Ok(e164) = crate::definition::values::to_e164(m.as_str().trim(), region) {
                if !out.contains(&e164) {
                    out.push(e164);
                }
            }
        }
    }
    out
}

/// The text with every phone number blanked, so its digits are not also read as numbers.
pub fn strip(text: &str, region: &str) -> String {
    CANDIDATE
        .replace_all(text, |c: &regex::Captures| {
            let m = &c[0];
            let digits = m.chars().filter(|ch| ch.is_ascii_digit()).count();
            if (7..=15).contains(&digits)
                && crate::definition::values::to_e164(m.trim(), region).is_ok()
            {
                " ".to_string()
            } else {
                m.to_string()
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::normalise::normalise;

    #[test]
    fn written_spoken_and_international() {
        assert_eq!(
            find("call me at (415) 555-2671", "", "US"),
            vec!["+14155552671"]
        );
        let s = "it's four one five five five five two six seven one";
        assert_eq!(find(s, &normalise(s), "US"), vec!["+14155552671"]);
        assert_eq!(find("+44 20 7946 0958", "", "US"), vec!["+442079460958"]);
        assert_eq!(find("020 7946 0958", "", "GB"), vec!["+442079460958"]);
        assert!(find("order 12345", &normalise("order 12345"), "US").is_empty());
        assert!(find("ref R4155552671 and ORD-4155552671", "", "US").is_empty());
    }
}
