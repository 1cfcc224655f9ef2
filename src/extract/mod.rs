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
    pub email: Vec<String>,
    pub phone: Vec<String>,
    pub number: Vec<Json>,
    pub digits: Vec<String>,
    pub date: Vec<String>,
    /// Parameter values found by their `pattern`.
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

pub struct Extractor<'d> {
    pub patterns: pattern::PatternSet<'d>,
    pub region: String,
}

impl<'d> Extractor<'d> {
    pub fn new(def: &'d crate::definition::Definition, region: &str) -> Self {
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
        // Digits of a phone number are not also loose numbers.
        let rest = if phone.is_empty() {
            norm.clone()
        } else {
            phone::strip(&norm, &self.region)
        };
        let digits = number::digits(&rest);
        let numbers = number::numbers(&rest);
        let mut parameters = Map::new();
        for (k, v) in self.patterns.find(&[raw, &norm, &hyphened, &joined]) {
            parameters.insert(k, Json::String(v));
        }
        Entities {
            email,
            phone,
            number: numbers,
            digits,
            date: dates.iter().map(|d| d.to_string()).collect(),
            parameters,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_digits_are_not_numbers() {
        let def = crate::definition::Definition::default();
        let e = Extractor::new(&def, "US").extract(
            "a 40 gallon heater, call me at 415 555 2671",
            chrono::NaiveDate::default(),
        );
        assert_eq!(e.phone, vec!["+14155552671"]);
        assert_eq!(e.number, vec![serde_json::json!(40)]);
    }
}
