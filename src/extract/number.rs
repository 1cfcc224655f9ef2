//! Numbers ("forty two" -> 42) and digit strings ("one two three" -> "123"), read from the
//! normalised text.

/// Values of every standalone number.
pub fn numbers(norm: &str) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for tok in norm.split_whitespace() {
        let t = tok.trim_start_matches('$').trim_end_matches('%');
        let numeric = t.chars().next().is_some_and(|c| c.is_ascii_digit())
            && t.chars().all(|c| c.is_ascii_digit() || c == '.');
        if numeric {
            if let Ok(i) = t.parse::<i64>() {
                out.push(serde_json::Value::from(i));
            } else if let Some(n) = t.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
                out.push(serde_json::Value::Number(n));
            }
        }
    }
    out
}

/// Digit strings of two or more digits, as said or written.
pub fn digits(norm: &str) -> Vec<String> {
    norm.split_whitespace()
        .map(|t| t.trim_start_matches('#'))
        .filter(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_digit()))
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::normalise::normalise;
    use serde_json::json;

    #[test]
    fn spoken_numbers() {
        assert_eq!(
            numbers(&normalise("a forty two gallon tank")),
            vec![json!(42)]
        );
        assert_eq!(numbers(&normalise("about 2.5 hours")), vec![json!(2.5)]);
        assert_eq!(digits(&normalise("code one two three")), vec!["123"]);
        assert_eq!(digits(&normalise("order 55012")), vec!["55012"]);
        assert!(numbers("no numbers here").is_empty());
    }
}
