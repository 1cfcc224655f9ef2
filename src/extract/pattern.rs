//! Parameter patterns heard in speech. Every pattern of every parameter is in one
//! [`RegexIndex`], so a turn costs one prefilter pass whatever the number of actions; only
//! patterns whose literal prefix is in the text run, and take their value. Each is tried on the raw text, the normalised text, and the
//! normalised text with spelt letters joined to the digits after them ("o r d one two..." ->
//! "ord12345"), case-insensitively; the value must then match the full pattern.

use crate::definition::Definition;
use crate::text::regex_index::RegexIndex;
use crate::text::regex_index::{ShortRegex, short_regex};

pub struct PatternSet<'d> {
    /// Search wrappers, prefiltered by the literal prefixes of the parameters' own patterns.
    index: RegexIndex,
    /// The parameters themselves: their compiled pattern is shared with value validation.
    full: Vec<&'d crate::definition::Parameter>,
}

/// The pattern without its anchors, for searching inside a sentence.
fn unanchored(pattern: &str) -> &str {
    let p = pattern.strip_prefix('^').unwrap_or(pattern);
    p.strip_suffix('$')
        .filter(|s| !s.ends_with('\\'))
        .unwrap_or(p)
}

/// The search regex for an unanchored pattern, case-insensitive.
///
/// No `\b` here: Unicode word boundaries make every one of thousands of patterns several
/// times larger to compile. Boundaries are checked on the match instead (`at_boundary`).
///
/// An ASCII pattern without word, space or boundary classes searches in ASCII mode (`-u`):
/// the same matches on the ASCII digits a transcript holds, at a fraction of the compile
/// time of Unicode `\d`, which a replay pays for every pattern it touches. Where ASCII mode
/// does not compile (`.` can match non-UTF-8 bytes there), Unicode mode it is. A value found
/// is still checked against the parameter's own (Unicode) pattern.
fn search_regex(p: &str) -> Option<ShortRegex> {
    let unicode_sensitive = ["\\w", "\\W", "\\s", "\\S", "\\b", "\\B", "\\p", "\\P"];
    let ascii = p.is_ascii() && !unicode_sensitive.iter().any(|e| p.contains(e));
    ascii
        .then(|| short_regex(&format!("(?i-u){p}")))
        .flatten()
        .or_else(|| short_regex(&format!("(?i){p}")))
}

/// The match stands alone: no letter or digit right before or after it.
fn at_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl<'d> PatternSet<'d> {
    pub fn new(def: &'d Definition) -> Self {
        let mut patterns = Vec::new();
        let mut full = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for a in &def.actions {
            for p in &a.parameters {
                let Some(pat) = &p.pattern else { continue };
                // The same parameter on several actions usually has the same pattern: keep the first.
                if !seen.insert(p.name.value.as_str()) {
                    continue;
                }
                patterns.push((unanchored(&pat.value).to_string(), pat.value.clone()));
                full.push(p);
            }
        }
        PatternSet {
            index: RegexIndex::with_compiler(patterns, search_regex),
            full,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.full.is_empty()
    }

    fn name(&self, i: usize) -> &str {
        &self.full[i].name.value
    }

    /// The parameter's own compiled pattern, shared with value validation.
    fn full(&self, i: usize) -> Option<&ShortRegex> {
        self.full[i].pattern_regex()
    }

    /// (parameter, value) for each pattern heard in the texts.
    pub fn find(&self, texts: &[&str]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        if self.is_empty() {
            return out;
        }
        for (n, text) in texts.iter().enumerate() {
            // Most turns have nothing spelt: the joined variants are the normalised text again.
            if texts[..n].contains(text) {
                continue;
            }
            // Unconfirmed candidates: running each one's search below is the confirmation.
            for i in self.index.candidates(text) {
                if out.iter().any(|(n, _)| n == self.name(i)) {
                    continue;
                }
                let (Some(search), Some(full)) = (self.index.regex(i), self.full(i)) else {
                    continue;
                };
                for m in search.find_iter(text) {
                    if !at_boundary(text, m.start(), m.end()) {
                        continue;
                    }
                    let v = &text[m.range()];
                    let value = [v.to_string(), v.to_uppercase(), v.to_lowercase()]
                        .into_iter()
                        .find(|cand| full.is_match(cand));
                    if let Some(value) = value {
                        out.push((self.name(i).to_string(), value));
                        break;
                    }
                }
            }
        }
        out
    }
}

/// "o r d 12345" after letter joining is "ord 12345"; join letters to the digits after them
/// with `sep` ("" or "-").
pub fn joined(norm: &str, sep: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    let toks: Vec<&str> = norm.split(' ').collect();
    for (i, t) in toks.iter().enumerate() {
        out.push_str(t);
        let next = toks.get(i + 1);
        let letters = !t.is_empty() && t.chars().all(|c| c.is_ascii_alphabetic());
        let digits_next =
            next.is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if i + 1 < toks.len() {
            out.push_str(if letters && digits_next && t.len() <= 4 {
                sep
            } else {
                " "
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::normalise::normalise;

    fn def() -> Definition {
        let src = "version: 1\nactions:\n  - name: a\n    description: x\n    parameters:\n      order_number: { pattern: '^ORD-?\\d{5}$' }\n    webhook: { url: \"https://x.example.com\" }\n";
        crate::definition::load_str(std::path::Path::new("t.yaml"), src).def
    }

    #[test]
    fn search_wrappers_use_ascii_mode_only_where_it_finds_the_same() {
        let unicode_mode = |p: &str| {
            let found = search_regex(unanchored(p)).expect("compiles");
            found.is_match("ord-١٢٣٤٥") || found.is_match("ÉX1")
        };
        assert_eq!(unanchored(r"^ORD-?\d{5}$"), r"ORD-?\d{5}");
        assert!(!unicode_mode(r"^ORD-?\d{5}$"), "ASCII digits only");
        assert!(search_regex("ord-?\\d{5}").is_some_and(|r| r.is_match("ORD-12345")));
        // Word classes differ outside ASCII, so they keep Unicode mode; so does `.`, which
        // ASCII mode cannot compile for text.
        assert!(unicode_mode(r"^\w+\d$"));
        assert!(unicode_mode(r"^.X\d$"));
    }

    #[test]
    fn written_and_spoken_values() {
        let def = def();
        let s = PatternSet::new(&def);
        assert_eq!(
            s.find(&["it's ORD-12345 thanks"]),
            vec![("order_number".into(), "ORD-12345".into())]
        );
        let spoken = "my order is o r d one two three four five";
        let n = normalise(spoken);
        assert_eq!(
            s.find(&[spoken, &n, &joined(&n, "-"), &joined(&n, "")]),
            vec![("order_number".into(), "ORD-12345".into())]
        );
        assert!(s.find(&["ORD-123"]).is_empty());
        let two = "version: 1\nactions:\n  - name: a\n    description: x\n    parameters:\n      code: { pattern: '^[A-Z]{2}\\d{4}$' }\n    webhook: { url: \"https://x.example.com\" }\n";
        let def2 = crate::definition::load_str(std::path::Path::new("t.yaml"), two).def;
        let s2 = PatternSet::new(&def2);
        let spoken = "it is x y one two three four";
        let n = normalise(spoken);
        assert_eq!(
            s2.find(&[spoken, &n, &joined(&n, "-"), &joined(&n, "")]),
            vec![("code".into(), "XY1234".into())]
        );
    }
}
