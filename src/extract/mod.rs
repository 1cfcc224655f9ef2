//! Entities in caller speech, deterministically: the speech normaliser, then one extractor per
//! kind (email, phone, number and digits, date, parameter patterns).

pub mod date;
pub mod email;
pub mod normalise;
pub mod number;
pub mod pattern;
pub mod phone;

use serde_json::{Map, Value as Json};

/// What one caller turn contained.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Entities {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub email: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phone: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub number: Vec<Json>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub digits: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub date: Vec<String>,
    /// Parameter values found by their `pattern`.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub parameters: Map<String, Json>,
}

impl Entities {
    pub fn is_empty(&self) -> bool {
        self == &Entities::default()
    }

    /// Entity kinds present, for `entity:` triggers.
    pub fn kinds(&self) -> Vec<&str> {
        let mut k = Vec::new();
        if !self.email.is_empty() {
            k.push("email");
        }
        if !self.phone.is_empty() {
            k.push("phone");
        }
        if !self.number.is_empty() {
            k.push("number");
        }
        if !self.digits.is_empty() {
            k.push("digits");
        }
        if !self.date.is_empty() {
            k.push("date");
        }
        k.extend(self.parameters.keys().map(String::as_str));
        k
    }
}

pub struct Extractor {
    pub patterns: pattern::PatternSet,
    pub region: String,
}

impl Extractor {
    pub fn new(def: &crate::definition::Definition, region: &str) -> Self {
        Extractor {
            patterns: pattern::PatternSet::new(def),
            region: region.to_string(),
        }
    }

    pub fn extract(&self, raw: &str, today: chrono::NaiveDate) -> Entities {
        let norm = normalise::normalise(raw);
        // Spelt prefixes join their digits, hyphenated first: "o r d 5 5 0 1 2" -> "ord-55012".
        let hyphened = pattern::joined(&norm, "-");
        let joined = pattern::joined(&norm, "");
        let email = email::find(raw, &norm);
        let phone = phone::find(raw, &norm, &self.region);
        let dates = date::find(&norm, today);
        // Digits that are part of a phone number or a date are not also loose numbers.
        let phone_digits: Vec<String> = phone
            .iter()
            .map(|p| {
                p.trim_start_matches('+')
                    .chars()
                    .skip(1)
                    .collect::<String>()
            })
            .collect();
        let in_phone = |d: &str| phone_digits.iter().any(|p| p.ends_with(d) && d.len() >= 7);
        let digits: Vec<String> = number::digits(&norm)
            .into_iter()
            .filter(|d| !in_phone(d))
            .collect();
        let numbers: Vec<Json> = number::numbers(&norm)
            .into_iter()
            .filter(|n| !n.as_i64().is_some_and(|i| in_phone(&i.to_string())))
            .collect();
        let mut parameters = Map::new();
        for (k, v) in self.patterns.find(&[raw, &norm, &hyphened, &joined]) {
            parameters.insert(k, Json::String(v));
        }
        Entities {
            email,
            phone,
            number: numbers,
            digits,
            date: dates
                .iter()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .collect(),
            parameters,
        }
    }
}
