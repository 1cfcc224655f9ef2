//! The speech normaliser: caller turns as a speech recogniser writes them, turned into text
//! the extractors can read. Digits said one by one ("four one five", "oh", "double five")
//! become one digit string; number words become numbers (text2num); letters spelt one by one
//! become a word; "jane at example dot com" becomes an address.

use regex::Regex;
use std::sync::LazyLock;

fn digit_word(w: &str) -> Option<char> {
    Some(match w {
        "zero" | "oh" | "o" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        _ => return None,
    })
}

/// Split into tokens, keeping characters that matter inside emails, dates and numbers.
fn tokens(s: &str) -> Vec<String> {
    without_thousands_commas(&s.to_lowercase())
        .replace(['’', '‘'], "'")
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '!' | '?' | ';' | '"' | '(' | ')'))
        .map(|t| {
            t.trim_end_matches(['.', ':'])
                .trim_start_matches(['.', ':'])
                .to_string()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// "1,200" is one number: drop a comma between a digit and exactly three digits.
fn without_thousands_commas(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let grouping = c == ','
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.len() >= i + 4
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit);
        if !grouping {
            out.push(c);
        }
    }
    out
}

/// One unit of a spoken digit run: its digits.
fn digit_unit(tokens: &[String], i: usize) -> Option<(String, usize)> {
    let t = tokens[i].as_str();
    if let Some(d) = digit_word(t) {
        return Some((d.to_string(), 1));
    }
    if (t == "double" || t == "triple") && i + 1 < tokens.len() {
        if let Some(d) = digit_word(&tokens[i + 1]) {
            let n = if t == "double" { 2 } else { 3 };
            return Some((std::iter::repeat_n(d, n).collect(), 2));
        }
    }
    // "five-five-five" or "555" inside a run.
    if t.contains('-') && t.split('-').all(|p| digit_word(p).is_some()) {
        return Some((t.split('-').filter_map(digit_word).collect(), 1));
    }
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 4 {
        return Some((t.to_string(), 1));
    }
    None
}

/// Merge runs of spoken digits. A run needs at least three digits said, so "one moment"
/// and "oh, hi" stay words.
fn merge_digit_runs(mut tokens: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        let mut digits = String::new();
        let mut words = 0;
        while j < tokens.len() {
            match digit_unit(&tokens, j) {
                Some((d, used)) => {
                    if tokens[j].chars().any(|c| c.is_alphabetic()) {
                        words += 1;
                    }
                    digits.push_str(&d);
                    j += used;
                }
                None => break,
            }
        }
        let starts_with_oh = matches!(tokens[i].as_str(), "oh" | "o");
        if j > i + 1 && words >= 2 && digits.len() >= 3 && !(starts_with_oh && j == i + 2) {
            out.push(digits);
            i = j;
        } else {
            out.push(std::mem::take(&mut tokens[i]));
            i += 1;
        }
    }
    out
}

/// Join runs of three or more single letters: "j a n e" -> "jane".
fn merge_spelt_letters(mut tokens: Vec<String>) -> Vec<String> {
    let single = |t: &str| t.len() == 1 && t.chars().all(|c| c.is_ascii_alphabetic());
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while j < tokens.len() && single(&tokens[j]) {
            j += 1;
        }
        // Three letters or more; two when an address or digits follow ("j o at …",
        // "x y 1234"), where they cannot be words. A run longer than anyone spells is not a
        // spelling.
        let next = tokens.get(j).map(String::as_str);
        let code_follows = next
            .is_some_and(|n| n == "at" || (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())));
        let min = if code_follows { 2 } else { 3 };
        if (min..=64).contains(&(j - i)) {
            out.push(tokens[i..j].concat());
            i = j;
        } else {
            out.push(std::mem::take(&mut tokens[i]));
            i += 1;
        }
    }
    out
}

static SPOKEN_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([a-z0-9][a-z0-9._%+-]*(?: (?:dot|period|underscore|dash) [a-z0-9][a-z0-9._%+-]*)*) at ([a-z0-9-]+(?:(?: (?:dot|period) |\.)[a-z0-9-]+)+)\b")
        .expect("static regex")
});
static DOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r" (?:dot|period) ").expect("static regex"));
static SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r" (dot|period|underscore|dash) ").expect("static regex"));

fn spoken_separators(s: &str) -> String {
    SEP.replace_all(s, |c: &regex::Captures| match &c[1] {
        "underscore" => "_",
        "dash" => "-",
        _ => ".",
    })
    .into_owned()
}

const NUMBER_WORDS: [&str; 38] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "first",
    "second",
    "third",
    "fifth",
    "eighth",
    "ninth",
    "twelfth",
];

/// Whether text2num has anything to do with this token ("twenty-fifth", "forty", "hundred").
fn is_number_word(w: &str) -> bool {
    w.split('-').any(|part| {
        let stem = part.strip_suffix("th").unwrap_or(part);
        // "twentieth" is "twenty" + "eth".
        let tens = part.strip_suffix("ieth").map(|t| format!("{t}y"));
        NUMBER_WORDS.iter().any(|n| {
            part == *n
                || stem == *n
                || tens.as_deref() == Some(*n)
                || stem.starts_with(n) && n.len() >= 4
        })
    })
}

/// Normalise one caller turn for extraction.
pub fn normalise(s: &str) -> String {
    let t = merge_digit_runs(tokens(s));
    let t = merge_spelt_letters(t);
    let joined = t.join(" ");
    // Number words ("forty two", "twenty fifth") to digits; isolated small numbers stay words.
    // text2num allocates per token; most turns have no number word left to convert.
    let numbers = if t.iter().any(|w| is_number_word(w)) {
        text2num::replace_numbers_in_text(&joined, &text2num::Language::english(), 10.0)
    } else {
        joined
    };
    if !numbers.contains(" at ") {
        return numbers;
    }
    SPOKEN_EMAIL
        .replace_all(&numbers, |c: &regex::Captures| {
            format!(
                "{}@{}",
                spoken_separators(&c[1]),
                DOT.replace_all(&c[2], ".")
            )
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn digits_said_one_by_one() {
        assert_eq!(
            normalise("It's four one five, five five five, two six seven one."),
            "it's 4155552671"
        );
        assert_eq!(normalise("oh two oh one"), "0201");
        assert_eq!(normalise("double five one two"), "5512");
        assert_eq!(normalise("five-five-five one two"), "55512");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(normalise("I need 1,200 widgets"), "i need 1200 widgets");
        assert_eq!(normalise("1,234,567 or 3,4"), "1234567 or 3 4");
    }

    #[test]
    fn words_that_are_not_digit_runs_stay() {
        assert_eq!(normalise("one moment please"), "one moment please");
        assert_eq!(normalise("oh, hi there"), "oh hi there");
    }

    #[test]
    fn number_words() {
        assert_eq!(normalise("about forty two gallons"), "about 42 gallons");
        assert_eq!(normalise("March twenty fifth"), "march 25th");
        assert_eq!(normalise("the twentieth of March"), "the 20th of march");
        assert_eq!(normalise("on the thirtieth"), "on the 30th");
        assert_eq!(normalise("one hundred and twenty"), "120");
    }

    #[test]
    fn spelt_letters_and_spoken_email() {
        assert_eq!(normalise("j a n e at example dot com"), "jane@example.com");
        assert_eq!(normalise("j o at example dot com"), "jo@example.com");
        assert_eq!(normalise("code x y 1234"), "code xy 1234");
        assert_eq!(normalise("is it a b or c"), "is it a b or c");
        assert_eq!(
            normalise("it is bob.smith at mail dot example dot org"),
            "it is bob.smith@mail.example.org"
        );
        assert_eq!(
            normalise("bob dot smith at example dot org"),
            "bob.smith@example.org"
        );
        assert_eq!(
            normalise("my email is jane underscore doe at example dot com"),
            "my email is jane_doe@example.com"
        );
        assert_eq!(
            normalise("it's jane at example.com"),
            "it's jane@example.com"
        );
    }
}
