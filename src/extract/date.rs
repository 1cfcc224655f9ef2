//! Dates relative to the call's start: today, tomorrow, the day after tomorrow, weekdays,
//! "next <weekday>", month and day with ordinals ("March 25th", "the 25th of March"),
//! numeric m/d, and ISO dates. chrono does the calendar arithmetic.
//!
//! Rules (also in the README): a bare or "this" weekday is its next occurrence after today;
//! "next <weekday>" is that weekday in the following Monday-to-Sunday week; a month and day
//! without a year is the next such date on or after today.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const MONTH_RE: &str = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";
const WEEKDAY_RE: &str = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("static regex"));
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?\b").expect("static regex")
});
/// Ordinals the normaliser leaves as words (text2num spells out numbers under ten).
const ORDINAL_WORDS: [&str; 9] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];
const DAY_RE: &str =
    r"(\d{1,2}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)(?:st|nd|rd|th)?";

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b{MONTH_RE}\.? (?:the )?{DAY_RE}\b(?:,? (\d{{4}}))?"
    ))
    .expect("static regex")
});
static DAY_OF_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:the )?{DAY_RE} of {MONTH_RE}\b(?:,? (\d{{4}}))?"
    ))
    .expect("static regex")
});
/// "25 March", "2nd April 2027": the day first, written in digits.
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)? {MONTH_RE}\b(?:,? (\d{{4}}))?"
    ))
    .expect("static regex")
});
/// "on the 25th": a day of the month, with its ordinal suffix.
static DAY_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b").expect("static regex"));

fn day_number(s: &str) -> Option<u32> {
    s.parse().ok().or_else(|| {
        ORDINAL_WORDS
            .iter()
            .position(|w| *w == s)
            .map(|i| i as u32 + 1)
    })
}

/// The next time the month has day `day`, on or after today.
fn upcoming_day(today: NaiveDate, day: u32) -> Option<NaiveDate> {
    let mut first = today.with_day(1)?;
    for _ in 0..12 {
        if let Some(d) = first.with_day(day).filter(|d| *d >= today) {
            return Some(d);
        }
        first = first.checked_add_months(chrono::Months::new(1))?;
    }
    None
}
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(?:(the day after tomorrow)|(today|tonight)|(tomorrow)|(?:(next|this|on|coming) )?{WEEKDAY_RE})\b"))
        .expect("static regex")
});

fn month_index(name: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|m| name.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn weekday(name: &str) -> Option<Weekday> {
    name.parse::<Weekday>().ok()
}

/// The next `month`/`day` on or after `today` (this year or next).
fn upcoming(today: NaiveDate, month: u32, day: u32, year: Option<i32>) -> Option<NaiveDate> {
    if let Some(y) = year {
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    let this_year = NaiveDate::from_ymd_opt(today.year(), month, day);
    match this_year {
        Some(d) if d >= today => Some(d),
        _ => NaiveDate::from_ymd_opt(today.year() + 1, month, day),
    }
}

fn next_weekday(today: NaiveDate, wd: Weekday) -> NaiveDate {
    let ahead =
        (wd.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64 + 7) % 7;
    today + Duration::days(if ahead == 0 { 7 } else { ahead })
}

/// "next Tuesday": the Tuesday of the following Monday-to-Sunday week.
fn weekday_next_week(today: NaiveDate, wd: Weekday) -> NaiveDate {
    let monday_next = today + Duration::days(7 - today.weekday().num_days_from_monday() as i64);
    monday_next + Duration::days(wd.num_days_from_monday() as i64)
}

fn year_of(s: Option<regex::Match>) -> Option<i32> {
    s.and_then(|m| m.as_str().parse::<i32>().ok())
        .map(|y| if y < 100 { 2000 + y } else { y })
}

/// Dates in the normalised text, in order of appearance.
pub fn find(norm: &str, today: NaiveDate) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = Vec::new();
    for (_, d) in spans(norm, today) {
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// Every date phrase in the normalised text, with where it is, in order.
pub fn spans(norm: &str, today: NaiveDate) -> Vec<(std::ops::Range<usize>, NaiveDate)> {
    let mut found: Vec<(std::ops::Range<usize>, NaiveDate)> = Vec::new();
    let place = |c: &regex::Captures| c.get(0).map_or(0..0, |m| m.range());
    // Most turns name no date: every written form has a digit, every spoken one a word
    // containing "day", "tonight" or "tomorrow"; skip the regexes that cannot match.
    let digits =
        norm.bytes().any(|b| b.is_ascii_digit()) || ORDINAL_WORDS.iter().any(|w| norm.contains(w));
    let relative = ["day", "tonight", "tomorrow"]
        .iter()
        .any(|w| norm.contains(w));
    if !digits && !relative {
        return Vec::new();
    }
    if digits {
        for c in ISO.captures_iter(norm) {
            if let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse()) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    found.push((place(&c), date));
                }
            }
        }
        for c in NUMERIC.captures_iter(norm) {
            if let (Ok(m), Ok(d)) = (c[1].parse(), c[2].parse()) {
                if let Some(date) = upcoming(today, m, d, year_of(c.get(3))) {
                    found.push((place(&c), date));
                }
            }
        }
        for re in [&*MONTH_DAY, &*DAY_OF_MONTH] {
            for c in re.captures_iter(norm) {
                let (month, day) = if std::ptr::eq(re, &*MONTH_DAY) {
                    (&c[1], &c[2])
                } else {
                    (&c[2], &c[1])
                };
                if let (Some(m), Some(d)) = (month_index(month), day_number(day)) {
                    if let Some(date) = upcoming(today, m, d, year_of(c.get(3))) {
                        found.push((place(&c), date));
                    }
                }
            }
        }
    }
    // Forms that could also read as part of one above only count where nothing else did.
    let free = |at: &std::ops::Range<usize>, found: &[(std::ops::Range<usize>, NaiveDate)]| {
        !found
            .iter()
            .any(|(f, _)| f.start < at.end && at.start < f.end)
    };
    if digits {
        for c in DAY_MONTH.captures_iter(norm) {
            if let (Some(m), Ok(d)) = (month_index(&c[2]), c[1].parse()) {
                let at = place(&c);
                if let Some(date) = upcoming(today, m, d, year_of(c.get(3))) {
                    if free(&at, &found) {
                        found.push((at, date));
                    }
                }
            }
        }
        for c in DAY_ONLY.captures_iter(norm) {
            let at = place(&c);
            if let Some(date) = c[1].parse().ok().and_then(|d| upcoming_day(today, d)) {
                if free(&at, &found) {
                    found.push((at, date));
                }
            }
        }
    }
    if relative {
        for c in RELATIVE.captures_iter(norm) {
            let at = place(&c);
            let date = if c.get(1).is_some() {
                Some(today + Duration::days(2))
            } else if c.get(2).is_some() {
                Some(today)
            } else if c.get(3).is_some() {
                Some(today + Duration::days(1))
            } else {
                c.get(5).and_then(|w| weekday(w.as_str())).map(|wd| {
                    match c.get(4).map(|m| m.as_str()) {
                        Some("next") => weekday_next_week(today, wd),
                        _ => next_weekday(today, wd),
                    }
                })
            };
            if let Some(d) = date {
                found.push((at, d));
            }
        }
    }
    found.sort_by_key(|(at, _)| at.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::normalise::normalise;

    /// Tuesday 24 March 2026.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 24).expect("date")
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).expect("date")
    }

    fn one(s: &str) -> NaiveDate {
        let v = find(&normalise(s), today());
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v[0]
    }

    #[test]
    fn relative_days() {
        assert_eq!(one("can you come today"), d(3, 24));
        assert_eq!(one("Tomorrow works"), d(3, 25));
        assert_eq!(one("the day after tomorrow"), d(3, 26));
    }

    #[test]
    fn weekdays() {
        assert_eq!(one("on Friday"), d(3, 27));
        assert_eq!(
            one("Tuesday"),
            d(3, 31),
            "a bare weekday is its next occurrence after today"
        );
        assert_eq!(one("next Tuesday"), d(3, 31));
        assert_eq!(one("next Monday"), d(3, 30));
        assert_eq!(one("next Sunday"), d(4, 5));
        assert_eq!(one("this Thursday"), d(3, 26));
    }

    #[test]
    fn month_and_day() {
        assert_eq!(one("March 25th"), d(3, 25));
        assert_eq!(one("march twenty fifth"), d(3, 25));
        assert_eq!(one("the 2nd of April"), d(4, 2));
        assert_eq!(one("the thirtieth of April"), d(4, 30));
        assert_eq!(one("25 March"), d(3, 25));
        assert_eq!(
            one("the 2nd April 2027"),
            NaiveDate::from_ymd_opt(2027, 4, 2).expect("date")
        );
        assert_eq!(one("April first"), d(4, 1));
        assert_eq!(one("April the second"), d(4, 2));
        assert_eq!(one("the first of May"), d(5, 1));
        assert_eq!(one("on the 25th"), d(3, 25));
        assert_eq!(one("on the 3rd"), d(4, 3), "a past day is next month's");
        assert_eq!(
            one("Jan 3"),
            NaiveDate::from_ymd_opt(2027, 1, 3).expect("date"),
            "past dates roll to next year"
        );
        assert_eq!(one("December 1st, 2026"), d(12, 1));
    }

    #[test]
    fn numeric_and_iso() {
        assert_eq!(one("3/25"), d(3, 25));
        assert_eq!(
            one("4/1/27"),
            NaiveDate::from_ymd_opt(2027, 4, 1).expect("date")
        );
        assert_eq!(one("2026-05-06"), d(5, 6));
        assert!(find(&normalise("13/45"), today()).is_empty());
    }

    #[test]
    fn no_false_positives() {
        assert!(find(&normalise("I may need help"), today()).is_empty());
        assert!(find(&normalise("my order is 12345"), today()).is_empty());
        assert!(find(&normalise("wait a second"), today()).is_empty());
        assert!(find(&normalise("the second time"), today()).is_empty());
    }
}
