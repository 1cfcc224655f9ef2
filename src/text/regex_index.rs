//! Many regexes matched against short texts, at a cost that does not grow with their number.
//!
//! A `RegexSet` of thousands of Unicode patterns takes seconds to compile and hundreds of MB.
//! Instead, each pattern's literal prefixes (regex-syntax's extractor, case-folded) go into
//! one Aho-Corasick automaton; a text only runs the few patterns whose prefix it contains.
//! Each pattern is compiled on first use. Patterns without a usable prefix (such as `\d{5}`)
//! are run on every text; they are few in practice.

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use std::sync::OnceLock;

/// A regex for short texts: a caller turn, a parameter value.
pub type ShortRegex = regex_automata::meta::Regex;

/// Compile `pattern` for short texts: same syntax and Unicode semantics as `regex`, without
/// the literal prefilters and lazy DFAs it sets up for long haystacks. Those are most of a
/// compile, a replay compiles the patterns of every action it touches (thousands), and on a
/// sentence the bounded backtracker is as fast. `None` if it does not compile (lint says why).
pub fn short_regex(pattern: &str) -> Option<ShortRegex> {
    use regex_automata::meta;
    let config = meta::Config::new()
        .auto_prefilter(false)
        .hybrid(false)
        .dfa(false)
        .onepass(false);
    meta::Regex::builder().configure(config).build(pattern).ok()
}

pub struct RegexIndex {
    sources: Vec<String>,
    compile: fn(&str) -> Option<ShortRegex>,
    compiled: Vec<OnceLock<Option<ShortRegex>>>,
    prefilter: Option<AhoCorasick>,
    /// For each literal of the automaton, the patterns it stands for.
    owners: Vec<Vec<usize>>,
    always: Vec<usize>,
}

/// The lower-cased literal prefixes every match of `literal_src` starts with, or `None` when
/// there is no finite set of them.
fn prefixes(literal_src: &str) -> Option<Vec<String>> {
    // The automaton ignores case, so a leading `(?i)` is read away: extracting the literals
    // of "(?i)ticket 5" yields every upper/lower-case spelling (hundreds, most of the time of
    // building a trigger index), which lower-case to the one literal read without it. Only
    // Unicode's special folds (the long s `ſ` for `s`, the Kelvin sign for `k`) fall outside.
    let src = literal_src.strip_prefix("(?i)").unwrap_or(literal_src);
    if let Some(lit) = leading_literal(src) {
        return Some(vec![lit]);
    }
    let hir = regex_syntax::Parser::new().parse(src).ok()?;
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix);
    let seq = ex.extract(&hir);
    let lits = seq.literals()?;
    let mut out: Vec<String> = Vec::new();
    for l in lits {
        let s = String::from_utf8_lossy(l.as_bytes()).to_lowercase();
        // An empty or one-letter prefix would match nearly every text: not a filter.
        if s.trim().chars().count() < 2 {
            return None;
        }
        if !out.contains(&s) {
            out.push(s);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The characters every match of `src` starts with, lower-cased, read off its syntax tree when
/// it opens with plain characters (after zero-width assertions such as `^` and `\b`): the
/// usual trigger or parameter pattern, without the cost of translating the whole pattern
/// (Unicode classes) as [`prefixes`] otherwise does. A quantified character is not part of
/// the run: the tree puts it under its repetition.
fn leading_literal(src: &str) -> Option<String> {
    use regex_syntax::ast::{Ast, parse::Parser};
    let ast = Parser::new().parse(src).ok()?;
    let items = match &ast {
        Ast::Concat(c) => c.asts.as_slice(),
        other => std::slice::from_ref(other),
    };
    let mut lit = String::new();
    for item in items {
        match item {
            Ast::Assertion(_) if lit.is_empty() => {}
            Ast::Literal(l) => lit.push(l.c),
            _ => break,
        }
    }
    (lit.trim().chars().count() >= 2).then(|| lit.to_lowercase())
}

impl RegexIndex {
    /// `patterns`: (regex to run, pattern to take prefixes from), compiled with
    /// [`short_regex`].
    pub fn new(patterns: Vec<(String, String)>) -> Self {
        Self::with_compiler(patterns, short_regex)
    }

    /// As [`RegexIndex::new`], each regex compiled on first use by `compile`. The regex to run
    /// and the prefix source may differ: a search wrapper around a parameter's own pattern.
    pub fn with_compiler(
        patterns: Vec<(String, String)>,
        compile: fn(&str) -> Option<ShortRegex>,
    ) -> Self {
        let mut literals: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut always = Vec::new();
        for (i, (_, lit_src)) in patterns.iter().enumerate() {
            match prefixes(lit_src) {
                Some(ps) => {
                    for p in ps {
                        let k = *index.entry(p.clone()).or_insert_with(|| {
                            literals.push(p);
                            owners.push(Vec::new());
                            owners.len() - 1
                        });
                        if !owners[k].contains(&i) {
                            owners[k].push(i);
                        }
                    }
                }
                None => always.push(i),
            }
        }
        let prefilter = if literals.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&literals)
                .ok()
        };
        if prefilter.is_none() {
            always = (0..patterns.len()).collect();
        }
        let compiled = patterns.iter().map(|_| OnceLock::new()).collect();
        RegexIndex {
            sources: patterns.into_iter().map(|(r, _)| r).collect(),
            compile,
            compiled,
            prefilter,
            owners,
            always,
        }
    }

    pub fn len(&self) -> usize {
        self.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// The compiled pattern `i` (`None` if it does not compile; lint reports that).
    pub fn regex(&self, i: usize) -> Option<&ShortRegex> {
        self.compiled[i]
            .get_or_init(|| (self.compile)(&self.sources[i]))
            .as_ref()
    }

    /// Patterns that match `text`, in ascending order.
    pub fn matches(&self, text: &str) -> Vec<usize> {
        let mut candidates = self.candidates(text);
        candidates.retain(|&i| self.regex(i).is_some_and(|r| r.is_match(text)));
        candidates
    }

    /// Patterns that may match `text` (their literal prefix is in it, or they have none), in
    /// ascending order, for a caller that runs them anyway.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let mut candidates: Vec<usize> = self.always.clone();
        if let Some(ac) = &self.prefilter {
            // The automaton ignores ASCII case; only other letters need lower-casing first.
            let lower = if text.is_ascii() {
                std::borrow::Cow::Borrowed(text)
            } else {
                std::borrow::Cow::Owned(text.to_lowercase())
            };
            for m in ac.find_overlapping_iter(lower.as_ref()) {
                candidates.extend(self.owners[m.pattern().as_usize()].iter().copied());
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx(p: &[&str]) -> RegexIndex {
        RegexIndex::new(p.iter().map(|s| (s.to_string(), s.to_string())).collect())
    }

    #[test]
    fn prefilters_and_confirms() {
        let i = idx(&[
            r"(?i)\bticket 5\b",
            r"(?i)\bticket 50\b",
            r"\d{5}",
            r"(?i)\bwhere\b.*\border\b",
        ]);
        assert_eq!(i.matches("Ticket 5 please"), vec![0]);
        assert_eq!(i.matches("ticket 50 and 12345"), vec![1, 2]);
        assert_eq!(i.matches("WHERE is my ORDER"), vec![3]);
        assert!(i.matches("nothing here").is_empty());
        assert_eq!(i.always, vec![2]);
    }

    #[test]
    fn leading_literals_off_the_syntax_tree() {
        assert_eq!(
            leading_literal(r"\bTicket 5\b").as_deref(),
            Some("ticket 5")
        );
        assert_eq!(
            leading_literal(r"^R00123-\d{3}$").as_deref(),
            Some("r00123-")
        );
        assert_eq!(
            leading_literal(r"abc*").as_deref(),
            Some("ab"),
            "c is optional"
        );
        assert_eq!(
            leading_literal(r"ab|cd"),
            None,
            "an alternation needs the full reader"
        );
        assert_eq!(leading_literal(r"\d{5}"), None);
        // The full reader still finds the prefixes of an alternation.
        assert_eq!(
            prefixes("(?i)(where|what) is"),
            Some(vec!["where is".to_string(), "what is".to_string()])
        );
    }

    #[test]
    fn short_regexes_keep_unicode_semantics() {
        let letters = short_regex(r"^\p{L}+$").expect("compiles");
        assert!(letters.is_match("José"));
        let digits = short_regex(r"^\d{3}$").expect("compiles");
        assert!(digits.is_match("١٢٣"), "Unicode digits, as in `regex`");
        let words = short_regex(r"(?i)\bticket 5\b").expect("compiles");
        assert!(words.is_match("about Ticket 5, please"));
        assert!(!words.is_match("ticket 55"));
        assert!(short_regex(r"(unclosed").is_none());
    }

    #[test]
    fn many_patterns_stay_cheap() {
        let p: Vec<(String, String)> = (0..10_000)
            .map(|n| {
                (
                    format!(r"(?i)\bticket {n}\b"),
                    format!(r"(?i)\bticket {n}\b"),
                )
            })
            .collect();
        let i = RegexIndex::new(p);
        assert!(i.always.is_empty());
        assert_eq!(i.matches("about ticket 9999 today"), vec![9999]);
    }
}
