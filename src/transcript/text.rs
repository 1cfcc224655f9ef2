//! Plain text: `[mm:ss] Speaker: words`, `[mm:ss] -- event`, `# caller:` / `# started:`
//! headers, `#> expect` lines, comments and blank lines. Anything else is an error.

use super::*;

pub fn read(text: &str) -> Result<Transcript, ReadError> {
    let mut t = Transcript::default();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("#>") {
            t.expectations.push(parse_expectation(rest.trim(), n)?);
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            header(rest.trim(), n, &mut t)?;
            continue;
        }
        let (at, body) = match line.strip_prefix('[') {
            Some(r) => {
                let (ts, body) = r.split_once(']').ok_or_else(|| {
                    ReadError::line(n, "`[` opens a timestamp that is not closed by `]`")
                })?;
                let secs = parse_timestamp(ts).ok_or_else(|| {
                    ReadError::line(
                        n,
                        format!("`[{ts}]` is not a timestamp (expected [mm:ss] or [hh:mm:ss])"),
                    )
                })?;
                (Some(secs), body.trim())
            }
            None => (None, line),
        };
        if let Some(ev) = body.strip_prefix("--") {
            let name = ev.trim();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(ReadError::line(
                    n,
                    format!("`-- {name}` is not an event name (e.g. -- transfer_initiated)"),
                ));
            }
            // The same names `call_status.events` accepts: a typo would otherwise fire
            // nothing, silently.
            let known = crate::definition::model::CALL_EVENTS;
            if !known.contains(&name) {
                let help = crate::diag::did_you_mean(name, known)
                    .unwrap_or_else(|| format!("events: {}", known.join(", ")));
                return Err(ReadError::line(
                    n,
                    format!("unknown call event `{name}`; {help}"),
                ));
            }
            t.items.push(Item::Event {
                name: name.to_string(),
                at,
                place: format!("line {n}"),
            });
            continue;
        }
        let Some((label, words)) = body.split_once(':') else {
            return Err(ReadError::line(
                n,
                "expected `[mm:ss] Speaker: words`, `-- event`, `# header` or `#> expect`",
            ));
        };
        let side =
            side_of(label).ok_or_else(|| ReadError::line(n, unknown_speaker(label.trim())))?;
        t.items.push(Item::Turn(Turn {
            side,
            speaker: label.trim().to_string(),
            text: words.trim().to_string(),
            at,
            end: None,
            place: format!("line {n}"),
        }));
    }
    Ok(t)
}

fn header(rest: &str, n: usize, t: &mut Transcript) -> Result<(), ReadError> {
    let Some((key, value)) = rest.split_once(':') else {
        return Ok(());
    };
    match key.trim().to_ascii_lowercase().as_str() {
        "caller" => {
            t.caller = Some(value.trim().to_string());
            t.caller_place = format!("line {n}");
        }
        "started" => {
            let v = value.trim();
            t.started = Some(chrono::DateTime::parse_from_rfc3339(v).map_err(|_| {
                ReadError::line(
                    n,
                    format!("`# started: {v}` is not an RFC 3339 time (e.g. 2026-03-24T09:00:00Z)"),
                )
            })?);
        }
        _ => {} // Any other comment.
    }
    Ok(())
}

/// `expect ACTION [k=v ...]` or `expect-not ACTION`; values may be "quoted".
pub fn parse_expectation(s: &str, n: usize) -> Result<Expectation, ReadError> {
    let words = split_words(s).map_err(|m| ReadError::line(n, m))?;
    let (negate, rest) = match words.first().map(String::as_str) {
        Some("expect") => (false, &words[1..]),
        Some("expect-not") => (true, &words[1..]),
        _ => {
            return Err(ReadError::line(
                n,
                "expected `#> expect ACTION [k=v ...]` or `#> expect-not ACTION`",
            ));
        }
    };
    let Some(action) = rest.first() else {
        return Err(ReadError::line(n, "the expectation names no action"));
    };
    let mut params = Vec::new();
    for w in &rest[1..] {
        let (k, v) = w
            .split_once('=')
            .ok_or_else(|| ReadError::line(n, format!("`{w}`: expected key=value")))?;
        params.push((k.to_string(), v.to_string()));
    }
    if negate && !params.is_empty() {
        return Err(ReadError::line(n, "`expect-not` takes only an action name"));
    }
    Ok(Expectation {
        negate,
        action: action.clone(),
        params,
        place: format!("line {n}"),
    })
}

fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if quoted {
        return Err("a quote is not closed".into());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_all_line_kinds() {
        let t = read("# caller: +1 415 555 2671\n# started: 2026-03-24T09:00:00Z\n# a comment\n\n[00:01] Agent: Hi!\n[00:05.5] Customer: where's my order?\nCaller: no time here\n[01:00] -- transfer_initiated\n#> expect check_order order_number=ORD-12345 note=\"two words\"\n#> expect-not cancel_order\n").expect("reads");
        assert_eq!(t.caller.as_deref(), Some("+1 415 555 2671"));
        assert!(t.started.is_some());
        assert_eq!(t.items.len(), 4);
        assert!(matches!(
            &t.items[1],
            Item::Turn(Turn {
                side: Side::Caller,
                at: Some(5.5),
                ..
            })
        ));
        assert!(
            matches!(&t.items[3], Item::Event { name, at: Some(60.0), .. } if name == "transfer_initiated")
        );
        assert_eq!(
            t.expectations[0].params[1],
            ("note".to_string(), "two words".to_string())
        );
        assert!(t.expectations[1].negate);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            read("Agent: hi\nNarrator: hello\n").expect_err("bad").place,
            "line 2"
        );
        assert!(
            read("[0x:11] Agent: hi")
                .expect_err("bad")
                .message
                .contains("not a timestamp")
        );
        assert!(
            read("just words")
                .expect_err("bad")
                .message
                .contains("expected")
        );
        assert!(read("#> expecting x").is_err());
        assert!(read("# started: yesterday").is_err());
        let typo = read("Agent: hi\n[00:30] -- transfer_initated\n").expect_err("typo");
        assert_eq!(typo.place, "line 2");
        assert_eq!(
            typo.message,
            "unknown call event `transfer_initated`; did you mean `transfer_initiated`?"
        );
    }
}
