//! WebVTT: cues with `<v Caller>` voice tags or `Caller:` prefixes.

use super::*;

pub fn read(text: &str) -> Result<Transcript, ReadError> {
    let mut t = Transcript::default();
    let lines: Vec<&str> = text.lines().collect();
    if !lines
        .first()
        .is_some_and(|l| l.trim_start_matches('\u{feff}').starts_with("WEBVTT"))
    {
        return Err(ReadError::line(1, "a WebVTT file starts with `WEBVTT`"));
    }
    let mut i = 1;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if line.starts_with("NOTE") || line.starts_with("STYLE") || line.starts_with("REGION") {
            while i < lines.len() && !lines[i].trim().is_empty() {
                i += 1;
            }
            continue;
        }
        // An optional cue identifier, then the timing line.
        let (timing_at, timing) = if line.contains("-->") {
            (i, line)
        } else if i + 1 < lines.len() && lines[i + 1].contains("-->") {
            (i + 1, lines[i + 1].trim())
        } else {
            return Err(ReadError::line(
                i + 1,
                "expected a cue timing line `00:00:01.000 --> 00:00:03.000`",
            ));
        };
        let (at, end) = cue_times(timing)
            .map_err(|bad| ReadError::line(timing_at + 1, format!("`{bad}` is not a cue time")))?;
        i = timing_at + 1;
        let mut text_lines = Vec::new();
        while i < lines.len() && !lines[i].trim().is_empty() {
            text_lines.push(lines[i].trim());
            i += 1;
        }
        let payload = text_lines.join(" ");
        let (side, speaker, words) = if let Some(rest) = payload.strip_prefix("<v") {
            let (label, words) = rest
                .split_once('>')
                .ok_or_else(|| ReadError::line(timing_at + 2, "`<v` voice tag is not closed"))?;
            let label = label.trim().split('.').next().unwrap_or("").trim();
            let side = side_of(label)
                .ok_or_else(|| ReadError::line(timing_at + 2, unknown_speaker(label)))?;
            (side, label.to_string(), strip_tags(words))
        } else {
            split_speaker(&payload).ok_or_else(|| {
                ReadError::line(
                    timing_at + 2,
                    "expected `<v Caller>` or a `Caller:` prefix on the cue text",
                )
            })?
        };
        t.items.push(Item::Turn(Turn {
            side,
            speaker,
            text: strip_tags(&words),
            at: Some(at),
            end: Some(end),
            place: format!("line {}", timing_at + 2),
        }));
    }
    Ok(t)
}

fn strip_tags(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_tags_and_prefixes() {
        let t = read("WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Agent>Hello!</v>\n\n00:00:04.500 --> 00:00:06.000 align:start\nCaller: where is my order\n").expect("reads");
        assert_eq!(t.items.len(), 2);
        assert!(
            matches!(&t.items[1], Item::Turn(Turn { side: Side::Caller, at: Some(4.5), end: Some(6.0), text, .. }) if text == "where is my order")
        );
        let bad = read("WEBVTT\n\n00:00:01.000 --> soon\nCaller: hi\n").expect_err("bad end");
        assert_eq!(
            (bad.place.as_str(), bad.message.as_str()),
            ("line 3", "`soon` is not a cue time")
        );
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            read("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNarrator: hi\n")
                .expect_err("bad")
                .place,
            "line 4"
        );
        assert!(read("not vtt").is_err());
    }
}
