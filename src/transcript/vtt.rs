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
        let place = format!("line {}", timing_at + 2);
        let spoken = voices(&payload).map_err(|e| ReadError::line(timing_at + 2, e))?;
        let voices = if !spoken.is_empty() {
            spoken
        } else {
            let (side, speaker, words) = split_speaker(&payload).ok_or_else(|| {
                ReadError::line(
                    timing_at + 2,
                    "expected `<v Caller>` or a `Caller:` prefix on the cue text",
                )
            })?;
            vec![(side, speaker, strip_tags(&words))]
        };
        // A cue where two people speak (`<v Caller>…</v> <v Agent>…</v>`) is two turns.
        for (side, speaker, text) in voices {
            t.items.push(Item::Turn(Turn {
                side,
                speaker,
                text,
                at: Some(at),
                end: Some(end),
                place: place.clone(),
            }));
        }
    }
    Ok(t)
}

/// The voices of a cue: each `<v[.class…] Speaker>` span and its words.
fn voices(payload: &str) -> Result<Vec<(Side, String, String)>, String> {
    let mut out = Vec::new();
    let mut rest = payload;
    while let Some(open) = next_voice(rest) {
        let after = &rest[open + 2..];
        let close = after
            .find('>')
            .ok_or_else(|| "`<v` voice tag is not closed".to_string())?;
        // `<v.loud Caller>`: classes, then the speaker's name.
        let tag = &after[..close];
        let label = match tag.strip_prefix('.') {
            Some(classes) => classes
                .split_once(char::is_whitespace)
                .map_or("", |(_, n)| n),
            None => tag,
        }
        .trim();
        let side = side_of(label).ok_or_else(|| unknown_speaker(label))?;
        let body = &after[close + 1..];
        let next = next_voice(body).unwrap_or(body.len());
        let words = strip_tags(&body[..next]);
        out.push((side, label.to_string(), words));
        rest = &body[next..];
    }
    Ok(out)
}

/// Where the next voice tag starts in `s` (not another tag that starts with v).
fn next_voice(s: &str) -> Option<usize> {
    s.match_indices("<v")
        .map(|(i, _)| i)
        .find(|&i| s[i + 2..].starts_with([' ', '.', '\t']))
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
    fn voice_classes_and_two_voices_in_one_cue() {
        let t = read("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v.loud Caller>hi there</v> <v Agent>please hold</v>\n").expect("reads");
        assert_eq!(t.items.len(), 2);
        assert!(
            matches!(&t.items[0], Item::Turn(Turn { side: Side::Caller, text, speaker, .. }) if text == "hi there" && speaker == "Caller")
        );
        assert!(
            matches!(&t.items[1], Item::Turn(Turn { side: Side::Agent, text, .. }) if text == "please hold")
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
