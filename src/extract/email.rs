//! Email addresses, written or spoken ("jane at example dot com", via the normaliser).

use regex::Regex;
use std::sync::LazyLock;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b")
        .expect("static regex")
});

/// Lower-cased addresses in order of appearance, from the raw and the normalised text.
pub fn find(raw: &str, norm: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in [raw, norm] {
        for m in EMAIL.find_iter(text) {
            let v = m.as_str().to_lowercase();
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::normalise::normalise;

    #[test]
    fn written_and_spoken() {
        assert_eq!(
            find("mail Jane.Doe@Example.com please", ""),
            vec!["jane.doe@example.com"]
        );
        let s = "it's j a n e at example dot com";
        assert_eq!(find(s, &normalise(s)), vec!["jane@example.com"]);
        assert!(find("I'm at home", &normalise("I'm at home")).is_empty());
    }
}
