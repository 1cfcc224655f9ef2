//! JSON: an array of turns, or an object holding one under `messages`, `transcript` or
//! `transcript_object` (Vapi, Retell and OpenAI-style exports). A turn has a role, text
//! (`content`, `text` or `message`) and optionally a time (`time`, `start`, `secondsFromStart`).
//! The object may also give `caller`, `started` and `expect` (a list of expectation strings).

use super::*;
use serde_json::Value;

pub fn read(text: &str) -> Result<Transcript, ReadError> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| ReadError::line(e.line(), format!("not JSON: {e}")))?;
    let mut t = Transcript::default();
    let (turns, base) = match &v {
        Value::Array(a) => (a, "$".to_string()),
        Value::Object(o) => {
            if let Some(c) = o.get("caller").and_then(Value::as_str) {
                t.caller = Some(c.to_string());
                t.caller_place = "$.caller".into();
            }
            if let Some(s) = o.get("started").and_then(Value::as_str) {
                t.started =
                    Some(
                        chrono::DateTime::parse_from_rfc3339(s).map_err(|_| ReadError {
                            place: "$.started".into(),
                            message: format!("`{s}` is not an RFC 3339 time"),
                        })?,
                    );
            }
            if let Some(ex) = o.get("expect").and_then(Value::as_array) {
                for (i, e) in ex.iter().enumerate() {
                    let s = e.as_str().ok_or_else(|| ReadError {
                        place: format!("$.expect[{i}]"),
                        message: "expected a string".into(),
                    })?;
                    let mut parsed =
                        super::text::parse_expectation(s, 0).map_err(|e| ReadError {
                            place: format!("$.expect[{i}]"),
                            message: e.message,
                        })?;
                    parsed.place = format!("$.expect[{i}]");
                    t.expectations.push(parsed);
                }
            }
            let found = ["messages", "transcript", "transcript_object"]
                .into_iter()
                .find_map(|k| match o.get(k) {
                    Some(Value::Array(a)) => Some((a, format!("$.{k}"))),
                    _ => None,
                });
            found.ok_or_else(|| ReadError {
                place: "$".into(),
                message: "expected an array of turns, or an object with `messages`, `transcript` or `transcript_object`".into(),
            })?
        }
        _ => {
            return Err(ReadError {
                place: "$".into(),
                message: "expected an array of turns or an object".into(),
            });
        }
    };
    for (i, turn) in turns.iter().enumerate() {
        let place = format!("{base}[{i}]");
        let Some(o) = turn.as_object() else {
            return Err(ReadError {
                place,
                message: "expected a turn object".into(),
            });
        };
        let role = o
            .get("role")
            .or_else(|| o.get("speaker"))
            .and_then(Value::as_str)
            .ok_or_else(|| ReadError {
                place: format!("{place}.role"),
                message: "expected a role (user/caller/customer or assistant/agent/bot)".into(),
            })?;
        let side = match role.to_ascii_lowercase().as_str() {
            "user" | "caller" | "customer" | "human" | "client" => Side::Caller,
            "assistant" | "agent" | "bot" | "ai" | "receptionist" => Side::Agent,
            // Tool and system messages are not speech.
            "system" | "tool" | "function" | "tool_calls" | "tool_call_result" => continue,
            other => {
                return Err(ReadError {
                    place: format!("{place}.role"),
                    message: format!("unknown role `{other}`"),
                });
            }
        };
        let text = ["content", "text", "message"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            .ok_or_else(|| ReadError {
                place: place.clone(),
                message: "expected the words in `content`, `text` or `message`".into(),
            })?;
        let at = seconds(o, &["secondsFromStart", "time", "start"], &place)?;
        let end = seconds(o, &["end"], &place)?;
        t.items.push(Item::Turn(Turn {
            side,
            speaker: role.to_string(),
            text: text.to_string(),
            at,
            end,
            place,
        }));
    }
    Ok(t)
}

/// A time under the first of `keys` the turn has: seconds, or `mm:ss`.
fn seconds(
    o: &serde_json::Map<String, Value>,
    keys: &[&str],
    place: &str,
) -> Result<Option<f64>, ReadError> {
    let Some((key, v)) = keys.iter().find_map(|k| o.get(*k).map(|v| (k, v))) else {
        return Ok(None);
    };
    let s = match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse::<f64>().ok().or_else(|| parse_timestamp(s)),
        _ => None,
    };
    s.map(Some).ok_or_else(|| ReadError {
        place: format!("{place}.{key}"),
        message: "expected seconds or mm:ss".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let a = read(r#"[{"role":"assistant","content":"Hi"},{"role":"user","content":"my order","time":4.5,"end":"00:07"}]"#).expect("array");
        assert!(matches!(
            &a.items[1],
            Item::Turn(Turn {
                side: Side::Caller,
                at: Some(4.5),
                end: Some(7.0),
                ..
            })
        ));
        let o = read(r#"{"caller":"+14155552671","transcript_object":[{"role":"user","text":"x","start":"00:03"}],"expect":["expect a k=v"]}"#).expect("object");
        assert_eq!(o.caller.as_deref(), Some("+14155552671"));
        assert!(matches!(
            &o.items[0],
            Item::Turn(Turn { at: Some(3.0), .. })
        ));
        assert_eq!(o.expectations.len(), 1);
        let m = read(r#"{"messages":[{"role":"system","content":"x"},{"role":"bot","message":"y","secondsFromStart":1}]}"#).expect("messages");
        assert_eq!(m.items.len(), 1);
    }

    #[test]
    fn errors_name_the_json_path() {
        assert_eq!(read(r#"[{"role":"user"}]"#).expect_err("bad").place, "$[0]");
        assert_eq!(
            read(r#"{"messages":[{"role":"narrator","content":"x"}]}"#)
                .expect_err("bad")
                .place,
            "$.messages[0].role"
        );
        assert!(read("{").expect_err("bad").place.starts_with("line"));
    }
}
