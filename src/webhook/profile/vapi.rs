//! `vapi`: Vapi's server messages, as its server SDK types them. Every message is
//! `{"message": {…}}` with `type`, `timestamp` (unix ms) and the `call`; a tool call carries
//! `toolCallList` and `toolWithToolCallList`. The reply contract: HTTP 200 with
//! `{"results": [{"toolCallId", "result" | "error"}]}`, the result a single-line string.

use super::*;
use serde_json::json;

pub const PROFILE: Profile = Profile {
    platform: Platform::Vapi,
    schemes: &[Scheme::Vapi],
    limits: &[
        Limit {
            kind: Some(SystemKind::PreCall),
            min_timeout: Duration::ZERO,
            max_timeout: Duration::from_millis(7500),
            what: "Vapi waits 7.5s for an assistant-request reply",
        },
        Limit {
            kind: None,
            min_timeout: Duration::from_secs(1),
            max_timeout: Duration::from_secs(300),
            what: "a Vapi tool's server.timeoutSeconds runs from 1 to 300 (20 when unset)",
        },
    ],
    max_result_chars: None,
    tool_methods: &[Method::Post],
    custom_body: false,
    tool_call,
    system,
    sends_status: every_event,
    start_event: None,
    signs_tools: true,
    variables_at: Some("$.assistantOverrides.variableValues"),
    judge_tool: Some(judge_tool),
    judge_system,
    arguments,
    mock_reply,
};

/// Vapi's `Call`: an inbound phone call on the agent's number.
pub fn call(f: &Facts, status: &str) -> Json {
    let started = f.iso(f.ctx.call_started_at);
    json!({
        "id": f.ctx.conversation_id,
        "orgId": f.derived("org", 8) + "-0000-4000-8000-" + &f.derived("org2", 12),
        "createdAt": started,
        "updatedAt": f.iso(f.now()),
        "type": "inboundPhoneCall",
        "status": status,
        "phoneCallProvider": "twilio",
        "phoneCallTransport": "pstn",
        "phoneCallProviderId": format!("CA{}", f.derived("callsid", 32)),
        "assistantId": f.agent_id(),
        "customer": { "number": f.ctx.caller_phone },
        "startedAt": started,
    })
}

fn message(f: &Facts, kind: &str, mut fields: Map<String, Json>) -> Json {
    let status = match kind {
        "end-of-call-report" => "ended",
        "assistant-request" => "ringing",
        _ => fields
            .get("status")
            .and_then(Json::as_str)
            .unwrap_or("in-progress"),
    }
    .to_string();
    let mut m = Map::new();
    m.insert("timestamp".into(), json!(f.now_ms()));
    m.insert("type".into(), json!(kind));
    m.append(&mut fields);
    m.insert("call".into(), call(f, &status));
    m.insert("customer".into(), json!({ "number": f.ctx.caller_phone }));
    // Built as values, not through `json!` (which would serialise the map into a copy).
    let mut outer = Map::new();
    outer.insert("message".into(), Json::Object(m));
    Json::Object(outer)
}

fn tool_call(f: &Facts, t: &ToolCall) -> Payload {
    let name = &t.action.name.value;
    // `arguments` is the JSON-encoded string, as the server SDK types it
    // (`ToolCallFunction.arguments: str`); its strict models refuse an object there.
    let arguments = Json::Object(t.arguments.clone()).to_string();
    let call = json!({
        "id": t.id,
        "type": "function",
        "function": { "name": name, "arguments": arguments },
    });
    let mut function = Map::new();
    function.insert("name".into(), json!(name));
    if let Some(d) = &t.action.description {
        function.insert("description".into(), json!(d.value));
    }
    function.insert("parameters".into(), parameters_schema(t.action));
    let mut tool = Map::new();
    tool.insert("type".into(), json!("function"));
    tool.insert("function".into(), Json::Object(function));
    tool.insert("server".into(), json!({ "url": t.url }));
    tool.insert("toolCall".into(), call.clone());
    let mut fields = Map::new();
    fields.insert("toolCallList".into(), Json::Array(vec![call]));
    fields.insert(
        "toolWithToolCallList".into(),
        Json::Array(vec![Json::Object(tool)]),
    );
    Payload::Json(message(f, "tool-calls", fields))
}

/// Vapi's `endedReason` for how the replay ended: refused by pre_call, or hung up by
/// whoever spoke last.
fn ended_reason(pc: &crate::webhook::plan::PostCall) -> &'static str {
    let reason = &pc.ended_reason;
    if reason.contains("blocked") {
        "assistant-request-returned-error"
    } else if agent_hung_up(pc) {
        "assistant-ended-call"
    } else {
        "customer-ended-call"
    }
}

fn system(f: &Facts, kind: SystemKind) -> Payload {
    let mut fields = Map::new();
    let kind_name = match kind {
        SystemKind::PreCall => "assistant-request",
        SystemKind::CallStatus => {
            let status = match f.event().as_str() {
                "transfer_initiated" | "transfer_completed" => "forwarding",
                _ => "in-progress",
            };
            fields.insert("status".into(), json!(status));
            "status-update"
        }
        SystemKind::PostCall => {
            let pc = f.post_call();
            let started = f.ctx.call_started_at;
            let ended = started + chrono::Duration::seconds(pc.duration_secs as i64);
            let messages: Vec<Json> = pc
                .turns
                .iter()
                .map(|t| {
                    let secs = t.at.unwrap_or(0.0);
                    let time = started.timestamp_millis() + (secs * 1000.0) as i64;
                    // UserMessage and BotMessage require `endTime`; a transcript line has
                    // only its start.
                    json!({
                        "role": if t.caller { "user" } else { "bot" },
                        "message": t.text,
                        "time": time,
                        "endTime": time,
                        "secondsFromStart": secs,
                    })
                })
                .collect();
            let transcript: Vec<String> = pc
                .turns
                .iter()
                .map(|t| format!("{}: {}", if t.caller { "User" } else { "AI" }, t.text))
                .collect();
            fields.insert("endedReason".into(), json!(ended_reason(&pc)));
            fields.insert(
                "artifact".into(),
                json!({ "messages": messages, "transcript": transcript.join("\n") }),
            );
            fields.insert("analysis".into(), json!({ "summary": pc.summary }));
            fields.insert("startedAt".into(), json!(f.iso(started)));
            fields.insert("endedAt".into(), json!(f.iso(ended)));
            "end-of-call-report"
        }
    };
    Payload::Json(message(f, kind_name, fields))
}

fn judge_tool(r: &Reply) -> Heard {
    if r.status != 200 {
        return Heard::Nothing(format!(
            "status {}: Vapi reads tool results only from a 200",
            r.status
        ));
    }
    let body = match reply_json(r) {
        Ok(b) => b,
        Err(e) => return Heard::Nothing(format!("{e}; Vapi needs {{\"results\": [...]}}")),
    };
    let Some(results) = body.get("results").and_then(Json::as_array) else {
        return Heard::Nothing("the reply has no `results` array".into());
    };
    let id = r.tool_call_id.unwrap_or_default();
    let Some(item) = results
        .iter()
        .find(|x| x.get("toolCallId").and_then(Json::as_str) == Some(id))
    else {
        let sent: Vec<String> = results
            .iter()
            .filter_map(|x| x.get("toolCallId").map(|v| v.to_string()))
            .collect();
        return Heard::Nothing(if sent.is_empty() {
            format!("no result carries `toolCallId` (the call's id is \"{id}\")")
        } else {
            format!(
                "no result has toolCallId \"{id}\" (the reply has {})",
                sent.join(", ")
            )
        });
    };
    for (key, error) in [("result", false), ("error", true)] {
        match item.get(key) {
            None | Some(Json::Null) => continue,
            Some(Json::String(s)) if s.contains('\n') => {
                return Heard::Nothing(format!(
                    "`{key}` spans several lines; Vapi wants a single-line string"
                ));
            }
            Some(Json::String(s)) => {
                let v = Json::String(s.clone());
                return if error {
                    Heard::Error(v)
                } else {
                    Heard::Result(v)
                };
            }
            Some(other) => {
                return Heard::Nothing(format!(
                    "`{key}` is {}, not a string; stringify it",
                    json_kind(other)
                ));
            }
        }
    }
    Heard::Nothing("the result has neither `result` nor `error`".into())
}

pub fn json_kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

fn judge_system(kind: SystemKind, r: &Reply) -> Option<String> {
    if kind != SystemKind::PreCall {
        return any_2xx(kind, r);
    }
    if r.status != 200 {
        return Some(format!("status {}: Vapi starts no assistant", r.status));
    }
    let body = match reply_json(r) {
        Ok(b) => b,
        Err(e) => return Some(format!("{e}; an assistant-request needs an assistant")),
    };
    if let Some(e) = body.get("error") {
        return Some(format!("the reply refuses the call: {}", spoken(e)));
    }
    let keys = [
        "assistantId",
        "assistant",
        "assistantOverrides",
        "squadId",
        "squad",
        "destination",
    ];
    if !keys.iter().any(|k| body.get(k).is_some()) {
        return Some(format!(
            "the reply names no assistant (one of {})",
            keys.join(", ")
        ));
    }
    None
}

fn arguments(body: &Json) -> Option<Map<String, Json>> {
    let call = body.pointer("/message/toolCallList/0/function/arguments")?;
    match call {
        Json::Object(m) => Some(m.clone()),
        // Some Vapi versions send the arguments as a JSON string.
        Json::String(s) => serde_json::from_str(s).ok(),
        _ => None,
    }
}

fn mock_reply(kind: Option<SystemKind>, request: &Json, rule: Json) -> Json {
    match kind {
        None => {
            // One result per tool call in the message, each echoing its id.
            let ids: Vec<Json> = request
                .pointer("/message/toolCallList")
                .and_then(Json::as_array)
                .map(|calls| calls.iter().map(|c| c["id"].clone()).collect())
                .unwrap_or_else(|| vec![Json::Null]);
            let (key, text) = match envelope_parts(&rule) {
                Some(Ok(result)) => ("result", single_line(&result)),
                Some(Err(error)) => ("error", single_line(&error)),
                None => return rule,
            };
            let results: Vec<Json> = ids
                .into_iter()
                .map(|id| json!({"toolCallId": id, key: text}))
                .collect();
            json!({ "results": results })
        }
        Some(SystemKind::PreCall) => match envelope_parts(&rule) {
            Some(Ok(vars)) => json!({"assistantOverrides": {"variableValues": vars}}),
            Some(Err(e)) => json!({"error": spoken(&e)}),
            // A free-form body keeps its keys (the file's `assign` reads them) and gains the
            // empty overrides that make it a reply Vapi accepts.
            None => match rule {
                Json::Object(mut o) if o.get("assistantOverrides").is_none() => {
                    o.insert("assistantOverrides".into(), json!({"variableValues": {}}));
                    Json::Object(o)
                }
                other => other,
            },
        },
        Some(_) => rule,
    }
}

fn single_line(v: &Json) -> String {
    spoken(v).replace(['\n', '\r'], " ")
}
