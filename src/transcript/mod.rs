//! Call transcripts: plain text, WebVTT, SRT and JSON, read into one [`Transcript`].
//!
//! Owns: reading transcripts, with located errors. May import: `definition` (the status
//! event names), `diag`, `text`. May not import: the engines, `output`, `commands` or `cli`.

pub mod json;
pub mod srt;
pub mod text;
pub mod vtt;

use chrono::{DateTime, FixedOffset};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Caller,
    Agent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub side: Side,
    pub speaker: String,
    pub text: String,
    /// Seconds from the call's start, when the transcript says.
    pub at: Option<f64>,
    /// When the turn ended (a VTT or SRT cue's end, a JSON turn's `end`), when the transcript
    /// says: the call lasts until the last one.
    pub end: Option<f64>,
    /// Where it was written: a line number, or a JSON path.
    pub place: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    pub negate: bool,
    pub action: String,
    pub params: Vec<(String, String)>,
    pub place: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Turn(Turn),
    /// A status event (`-- transfer_initiated`).
    Event {
        name: String,
        at: Option<f64>,
        place: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transcript {
    pub caller: Option<String>,
    /// Where the caller was given (`line 1`, `$.caller`), for messages about it.
    pub caller_place: String,
    pub started: Option<DateTime<FixedOffset>>,
    pub items: Vec<Item>,
    pub expectations: Vec<Expectation>,
}

/// Why a transcript cannot be read: where, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    pub place: String,
    pub message: String,
}

impl ReadError {
    pub fn line(n: usize, message: impl Into<String>) -> Self {
        ReadError {
            place: format!("line {n}"),
            message: message.into(),
        }
    }
}

const CALLER_NAMES: [&str; 5] = ["caller", "customer", "user", "human", "client"];
const AGENT_NAMES: [&str; 5] = ["agent", "assistant", "ai", "bot", "receptionist"];

/// Which side a speaker label is on.
pub fn side_of(label: &str) -> Option<Side> {
    let l = label.trim().to_ascii_lowercase();
    if CALLER_NAMES.contains(&l.as_str()) {
        Some(Side::Caller)
    } else if AGENT_NAMES.contains(&l.as_str()) {
        Some(Side::Agent)
    } else {
        None
    }
}

pub fn unknown_speaker(label: &str) -> String {
    format!(
        "unknown speaker `{label}` (caller side: {}; agent side: {})",
        CALLER_NAMES.join(", "),
        AGENT_NAMES.join(", ")
    )
}

impl Transcript {
    /// The latest time the transcript gives: a turn's end or start, an event's time.
    pub fn last_time(&self) -> Option<f64> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Turn(t) => t.end.or(t.at),
                Item::Event { at, .. } => *at,
            })
            .reduce(f64::max)
    }
}

/// A cue timing line, `start --> end` and optional VTT cue settings: both times, or the text
/// that is not a time.
pub fn cue_times(line: &str) -> Result<(f64, f64), String> {
    let (start, rest) = line.split_once("-->").unwrap_or((line, ""));
    let start = start.trim();
    let end = rest.split_whitespace().next().unwrap_or("");
    let at = parse_timestamp(start).ok_or_else(|| start.to_string())?;
    let until = parse_timestamp(end).ok_or_else(|| end.to_string())?;
    Ok((at, until.max(at)))
}

/// `mm:ss`, `hh:mm:ss`, with an optional fraction (`.`/`,`), as seconds.
pub fn parse_timestamp(s: &str) -> Option<f64> {
    let s = s.trim().replace(',', ".");
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() < 2 || parts.len() > 3 {
        return None;
    }
    let mut secs = 0.0;
    for (i, p) in parts.iter().enumerate() {
        let last = i == parts.len() - 1;
        if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit() || (last && c == '.')) {
            return None;
        }
        let v: f64 = p.parse().ok()?;
        if i > 0 && v >= 60.0 {
            return None;
        }
        secs = secs * 60.0 + v;
    }
    Some(secs)
}

/// Read a transcript, choosing the format by extension, then by content.
pub fn read(path: &std::path::Path, bytes: &[u8]) -> Result<Transcript, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        ReadError::line(line, "the transcript is not valid UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let trimmed = text.trim_start();
    // Content that can only be one format wins over the extension (a JSON export saved as
    // .txt); then the extension decides.
    let json_like = (trimmed.starts_with('[') || trimmed.starts_with('{'))
        && serde_json::from_str::<serde_json::Value>(text).is_ok();
    let t = match ext.as_str() {
        _ if trimmed.starts_with("WEBVTT") => vtt::read(text),
        _ if json_like => json::read(text),
        "vtt" => vtt::read(text),
        "srt" => srt::read(text),
        "json" => json::read(text),
        "txt" | "text" | "log" => text::read(text),
        _ if trimmed.starts_with('{') => json::read(text),
        _ if srt::looks_like(text) => srt::read(text),
        _ => text::read(text),
    }?;
    check_times(&t)?;
    Ok(t)
}

/// A call has turns, and its clock does not run backwards (WebVTT requires cues in order of
/// start time; a transcript whose times go back was cut or merged wrongly).
fn check_times(t: &Transcript) -> Result<(), ReadError> {
    if !t.items.iter().any(|i| matches!(i, Item::Turn(_))) {
        return Err(ReadError {
            place: "line 1".into(),
            message: "the transcript has no turns".into(),
        });
    }
    let mut last: Option<f64> = None;
    for item in &t.items {
        let (at, place) = match item {
            Item::Turn(turn) => (turn.at, &turn.place),
            Item::Event { at, place, .. } => (*at, place),
        };
        let Some(at) = at else { continue };
        if at < 0.0 || !at.is_finite() {
            return Err(ReadError {
                place: place.clone(),
                message: format!("{at} is not a time in the call (seconds from its start)"),
            });
        }
        if let Some(before) = last.filter(|b| at < *b) {
            return Err(ReadError {
                place: place.clone(),
                message: format!(
                    "{} is earlier than the turn before it ({}): times must not go back",
                    clock(at, at >= 3600.0),
                    clock(before, before >= 3600.0)
                ),
            });
        }
        last = Some(at);
    }
    Ok(())
}

/// A time in the call as `mm:ss`, or `h:mm:ss` with `hours`.
pub fn clock(secs: f64, hours: bool) -> String {
    let s = secs.max(0.0) as u64;
    if hours {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// The text of a cue without its markup (`<i>`, `<b>`, `</v>`).
pub(crate) fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// `Caller: words` -> (side, speaker, words) when the prefix is a known speaker.
pub fn split_speaker(line: &str) -> Option<(Side, String, String)> {
    let (label, rest) = line.split_once(':')?;
    let side = side_of(label)?;
    Some((side, label.trim().to_string(), rest.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_go_forward_and_a_call_has_turns() {
        let txt = std::path::Path::new("call.txt");
        let back = read(txt, b"[00:05] Agent: hi\n[00:01] Caller: hello\n").expect_err("back");
        assert_eq!(back.place, "line 2");
        assert_eq!(
            back.message,
            "00:01 is earlier than the turn before it (00:05): times must not go back"
        );
        let json = std::path::Path::new("call.json");
        let negative = read(json, br#"[{"role":"user","content":"hi","time":-5}]"#);
        assert_eq!(negative.expect_err("negative").place, "$[0]");
        assert_eq!(
            read(txt, b"# caller: +1 415 555 2671\n")
                .expect_err("empty")
                .message,
            "the transcript has no turns"
        );
        assert!(read(json, b"[]").is_err());
        let t = read(txt, b"# caller: nobody\nCaller: hi\n").expect("reads");
        assert_eq!(t.caller_place, "line 1");
    }

    #[test]
    fn content_that_is_one_format_wins_over_the_extension() {
        let json = br#"[{"role":"user","content":"hi","time":2}]"#;
        let t = read(std::path::Path::new("call.txt"), json).expect("read as JSON");
        assert!(matches!(
            &t.items[0],
            Item::Turn(Turn { at: Some(2.0), .. })
        ));
        let vtt = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCaller: hi\n";
        assert!(read(std::path::Path::new("-"), vtt).is_ok());
        // A text transcript that starts with a timestamp is not JSON.
        assert!(
            read(
                std::path::Path::new("call.json.txt"),
                b"[00:01] Caller: hi\n"
            )
            .is_ok()
        );
    }

    #[test]
    fn timestamps() {
        assert_eq!(parse_timestamp("01:05"), Some(65.0));
        assert_eq!(parse_timestamp("1:02:03"), Some(3723.0));
        assert_eq!(parse_timestamp("00:01.5"), Some(1.5));
        assert_eq!(parse_timestamp("00:00:01,250"), Some(1.25));
        assert_eq!(parse_timestamp("1:75"), None);
        assert_eq!(parse_timestamp("abc"), None);
    }

    #[test]
    fn sides() {
        assert_eq!(side_of("Customer"), Some(Side::Caller));
        assert_eq!(side_of("AI"), Some(Side::Agent));
        assert_eq!(side_of("Narrator"), None);
    }
}
