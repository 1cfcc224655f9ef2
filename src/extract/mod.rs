//! Entities in caller speech, deterministically: the speech normaliser, then one extractor per
//! kind (email, phone, number and digits, date, parameter patterns).
//!
//! Owns: what speech says, as typed values. May import: `definition`, `text`. May not import:
//! the trigger engine, `call`, `webhook`, `lint`, `output`, `commands` or `cli`.

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
        let dated = date::spans(&norm, today);
        let mut dates: Vec<chrono::NaiveDate> = Vec::new();
        // The day and year of a date, and the digits of a phone number, are not also loose
        // numbers: blank them before reading numbers.
        let mut rest = norm.clone();
        for (at, d) in &dated {
            if !dates.contains(d) {
                dates.push(*d);
            }
            rest.replace_range(at.clone(), &" ".repeat(at.len()));
        }
        if !phone.is_empty() {
            rest = phone::strip(&rest, &self.region);
        }
        let mut parameters = Map::new();
        for (k, v) in self.patterns.find(&[raw, &norm, &hyphened, &joined]) {
            parameters.insert(k, Json::String(v));
        }
        // Nor are the digits of a value heard by its pattern ("o r d one two three four
        // five" is ORD-12345, not also the number 12345).
        let taken: Vec<String> = parameters
            .values()
            .filter_map(Json::as_str)
            .flat_map(|v| {
                v.split(|c: char| !c.is_ascii_digit())
                    .filter(|d| !d.is_empty())
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        let digits: Vec<String> = number::digits(&rest)
            .into_iter()
            .filter(|d| !taken.contains(d))
            .collect();
        let numbers: Vec<Json> = number::numbers(&rest)
            .into_iter()
            .filter(|n| !taken.contains(&n.to_string()))
            .collect();
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
    fn date_parts_and_pattern_digits_are_not_numbers() {
        let src = "version: 1\nactions:\n  - name: a\n    description: x\n    parameters:\n      order_number: { pattern: '^ORD-?\\d{5}$' }\n    webhook: { url: \"https://x.example.com\" }\n";
        let def = crate::definition::load_str(std::path::Path::new("t.yaml"), src).def;
        let x = Extractor::new(&def, "US");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 24).expect("date");
        let e = x.extract("March 25, 2026 for 3 people", today);
        assert_eq!(e.date, vec!["2026-03-25"]);
        assert_eq!(e.number, vec![serde_json::json!(3)]);
        let e = x.extract("it's O R D one two three four five", today);
        assert_eq!(
            e.parameters.get("order_number"),
            Some(&serde_json::json!("ORD-12345"))
        );
        assert!(e.number.is_empty() && e.digits.is_empty(), "{e:?}");
    }

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
