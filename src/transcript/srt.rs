//! SRT: numbered cues, `00:00:01,000 --> 00:00:03,000`, text with a `Caller:` prefix.

use super::*;

pub fn looks_like(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    first.chars().all(|c| c.is_ascii_digit())
        && !first.is_empty()
        && lines.next().is_some_and(|l| l.contains("-->"))
}

pub fn read(text: &str) -> Result<Transcript, ReadError> {
    let mut t = Transcript::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let index = lines[i].trim();
        if !index.chars().all(|c| c.is_ascii_digit()) {
            return Err(ReadError::line(
                i + 1,
                format!("expected a cue number, found `{index}`"),
            ));
        }
        let timing = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
        if !timing.contains("-->") {
            return Err(ReadError::line(
                i + 2,
                "expected a timing line `00:00:01,000 --> 00:00:03,000`",
            ));
        }
        let (at, end) = cue_times(timing)
            .map_err(|bad| ReadError::line(i + 2, format!("`{bad}` is not a cue time")))?;
        let text_at = i + 3;
        i += 2;
        let mut text_lines = Vec::new();
        while i < lines.len() && !lines[i].trim().is_empty() {
            text_lines.push(lines[i].trim());
            i += 1;
        }
        let payload = strip_tags(&text_lines.join(" "));
        let (side, speaker, words) = split_speaker(&payload).ok_or_else(|| {
            ReadError::line(
                text_at,
                "expected the cue text to start with a speaker, e.g. `Caller:`",
            )
        })?;
        t.items.push(Item::Turn(Turn {
            side,
            speaker,
            text: words,
            at: Some(at),
            end: Some(end),
            place: format!("line {text_at}"),
        }));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues() {
        let t = read("1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi\n\n2\n00:00:03,250 --> 00:00:05,000\nCustomer: my order\nis late\n").expect("reads");
        assert!(
            matches!(&t.items[1], Item::Turn(Turn { side: Side::Caller, at: Some(3.25), end: Some(5.0), text, .. }) if text == "my order is late")
        );
        assert!(looks_like("1\n00:00:01,000 --> 00:00:02,000\n"));
        let t = read("1\n00:00:01,000 --> 00:00:02,000\n<i>Caller:</i> it's <b>urgent</b>\n")
            .expect("reads");
        assert!(
            matches!(&t.items[0], Item::Turn(Turn { side: Side::Caller, text, .. }) if text == "it's urgent")
        );
    }

    #[test]
    fn errors() {
        assert_eq!(
            read("1\n00:00:01,000 --> 00:00:02,000\nBob: hi\n")
                .expect_err("bad")
                .place,
            "line 3"
        );
        let bad = read("1\n00:00:01,000 --> x\nCaller: hi\n").expect_err("bad end");
        assert_eq!(
            (bad.place.as_str(), bad.message.as_str()),
            ("line 2", "`x` is not a cue time")
        );
        assert_eq!(read("x\n").expect_err("bad").place, "line 1");
    }
}
