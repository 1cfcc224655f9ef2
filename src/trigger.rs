//! The trigger engine: every phrase of every action in one Aho-Corasick automaton, every regex
//! trigger in one prefiltered [`RegexIndex`], entity triggers in a map from entity kind to actions. The work per
//! turn is one pass of each, plus the matches: it does not grow with the number of actions.

use crate::definition::model::*;
use crate::extract::Entities;
use crate::text::regex_index::RegexIndex;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// Why an action fired.
#[derive(Debug, Clone, PartialEq)]
pub struct Triggered {
    pub action: usize,
    pub by: String,
}

pub struct TriggerEngine {
    phrases: Option<AhoCorasick>,
    /// For each automaton pattern: the phrase as written and the actions it belongs to.
    phrase_owners: Vec<(String, Vec<usize>)>,
    regexes: RegexIndex,
    regex_owners: Vec<(usize, String)>,
    entities: HashMap<String, Vec<usize>>,
}

/// The entity kind a parameter stands for when named in `entity:` (its pattern, else its type).
fn parameter_kind(a: &Action, name: &str) -> Option<String> {
    let p = a.parameter(name)?;
    if p.pattern.is_some() {
        return Some(name.to_string());
    }
    Some(
        match p.ty.value {
            ParamType::Email => "email",
            ParamType::Phone => "phone",
            ParamType::Date => "date",
            ParamType::Number | ParamType::Integer => "number",
            _ => return Some(name.to_string()),
        }
        .to_string(),
    )
}

impl TriggerEngine {
    pub fn new(def: &Definition) -> Self {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut phrase_owners: Vec<(String, Vec<usize>)> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut regex_src = Vec::new();
        let mut regex_owners = Vec::new();
        let mut entities: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in def.actions.iter().enumerate() {
            for t in &a.triggers {
                match t {
                    Trigger::Phrases(list, _) => {
                        for p in list {
                            let norm = crate::text::normalise(&p.value);
                            if norm.trim().is_empty() {
                                continue;
                            }
                            match index.get(&norm) {
                                Some(&k) => {
                                    if !phrase_owners[k].1.contains(&i) {
                                        phrase_owners[k].1.push(i);
                                    }
                                }
                                None => {
                                    index.insert(norm.clone(), patterns.len());
                                    patterns.push(norm);
                                    phrase_owners.push((p.value.clone(), vec![i]));
                                }
                            }
                        }
                    }
                    // One that does not compile never matches (and lint refuses the file).
                    Trigger::Regex(r) => {
                        regex_src.push((r.value.clone(), r.value.clone()));
                        regex_owners.push((i, r.value.clone()));
                    }
                    Trigger::Entity(e) => {
                        let kind = if ENTITY_KINDS.contains(&e.value.as_str()) {
                            Some(e.value.clone())
                        } else {
                            parameter_kind(a, &e.value)
                        };
                        if let Some(k) = kind {
                            let v = entities.entry(k).or_default();
                            if !v.contains(&i) {
                                v.push(i);
                            }
                        }
                    }
                }
            }
        }
        // Phrases are padded with spaces and so is the turn: matches fall on word boundaries.
        let phrases = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .ok()
        };
        let regexes = RegexIndex::new(regex_src);
        TriggerEngine {
            phrases,
            phrase_owners,
            regexes,
            regex_owners,
            entities,
        }
    }

    /// The actions a caller turn triggers, each once, with the first reason found.
    pub fn triggered(&self, raw: &str, normalised: &str, entities: &Entities) -> Vec<Triggered> {
        let mut out: Vec<Triggered> = Vec::new();
        let mut push = |action: usize, by: String| {
            if !out.iter().any(|t| t.action == action) {
                out.push(Triggered { action, by });
            }
        };
        if let Some(ac) = &self.phrases {
            for m in ac.find_overlapping_iter(normalised) {
                let (phrase, owners) = &self.phrase_owners[m.pattern().as_usize()];
                for &a in owners {
                    push(a, format!("phrase \"{phrase}\""));
                }
            }
        }
        for i in self.regexes.matches(raw) {
            let (a, src) = &self.regex_owners[i];
            push(*a, format!("regex /{src}/"));
        }
        for kind in entities.kinds() {
            if let Some(actions) = self.entities.get(kind) {
                for &a in actions {
                    push(a, format!("entity {kind}"));
                }
            }
        }
        out.sort_by_key(|t| t.action);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> (Definition, TriggerEngine) {
        let src = r#"version: 1
actions:
  - name: order
    description: d
    parameters: { order_number: { pattern: '^ORD-\d{5}$' }, email: { type: email } }
    triggers:
      - phrases: ["where is my order", "order status"]
      - entity: order_number
  - name: booking
    description: d
    triggers:
      - phrases: ["book", "Order status"]
      - regex: '(?i)\bappointment\b'
      - entity: date
    webhook: { url: "https://x.example.com" }
"#;
        let def = crate::definition::load_str(std::path::Path::new("t.yaml"), src).def;
        let e = TriggerEngine::new(&def);
        (def, e)
    }

    fn fire(e: &TriggerEngine, text: &str, ents: &Entities) -> Vec<(usize, String)> {
        e.triggered(text, &crate::text::normalise(text), ents)
            .into_iter()
            .map(|t| (t.action, t.by))
            .collect()
    }

    #[test]
    fn phrases_on_word_boundaries_ignoring_case_punctuation_contractions() {
        let (_, e) = engine();
        let none = Entities::default();
        assert_eq!(
            fire(&e, "Where's my ORDER?", &none),
            vec![(0, "phrase \"where is my order\"".into())]
        );
        assert!(
            fire(&e, "I'm a bookkeeper", &none).is_empty(),
            "no match inside a word"
        );
        assert_eq!(
            fire(&e, "can I book, please", &none),
            vec![(1, "phrase \"book\"".into())]
        );
    }

    #[test]
    fn one_phrase_two_actions_and_regex_and_entities() {
        let (_, e) = engine();
        let none = Entities::default();
        let got = fire(&e, "order status please", &none);
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(
            fire(&e, "about my Appointment", &none),
            vec![(1, "regex /(?i)\\bappointment\\b/".into())]
        );
        let ents = Entities {
            date: vec!["2026-03-25".into()],
            ..Entities::default()
        };
        assert_eq!(fire(&e, "tomorrow", &ents), vec![(1, "entity date".into())]);
        let mut ents = Entities::default();
        ents.parameters
            .insert("order_number".into(), serde_json::json!("ORD-12345"));
        assert_eq!(
            fire(&e, "ORD-12345", &ents),
            vec![(0, "entity order_number".into())]
        );
    }
}
