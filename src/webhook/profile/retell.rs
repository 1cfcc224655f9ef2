//! `retell`: Retell AI. A custom function receives `{"name", "call", "args"}` (or the args
//! alone with `args_at_root: true`); webhooks are `{"event", "call"}` with Retell's call
//! object; the inbound-call webhook is `{"event": "call_inbound", "call_inbound": {…}}` and
//! its reply keeps variables in `call_inbound.dynamic_variables`. Any 2xx reply counts, and
//! at most 15,000 characters of it reach the agent.

use super::*;
use serde_json::json;

pub const MAX_RESULT_CHARS: usize = 15_000;

pub const PROFILE: Profile = Profile {
    platform: Platform::Retell,
    schemes: &[Scheme::Retell],
    limits: &[
        Limit {
            kind: Some(SystemKind::PreCall),
            min_timeout: Duration::ZERO,
            max_timeout: Duration::from_secs(10),
            what: "Retell waits 10s for the inbound call webhook",
        },
        Limit {
            kind: None,
            min_timeout: Duration::from_secs(1),
            max_timeout: Duration::from_secs(600),
            what: "a Retell custom tool's timeout_ms runs from 1,000 to 600,000 (120,000 when unset)",
        },
    ],
    max_result_chars: Some(MAX_RESULT_CHARS),
    tool_methods: &[],
    custom_body: false,
    tool_call,
    system,
    sends_status: |e| {
        matches!(
            e,
            "transfer_initiated" | "transfer_completed" | "call_started"
        )
    },
    start_event: Some("call_started"),
    signs_tools: true,
    variables_at: Some("$.call_inbound.dynamic_variables"),
    judge_tool: Some(judge_tool),
    judge_system: any_2xx,
    arguments,
    mock_reply,
};

/// Retell's call object for a phone call, as far as the call has gone.
pub fn call(f: &Facts, status: &str) -> Json {
    let start = f.ctx.call_started_at.timestamp_millis();
    let mut c = json!({
        "call_type": "phone_call",
        "from_number": f.ctx.caller_phone,
        "to_number": f.agent_phone(),
        "direction": "inbound",
        "call_id": f.ctx.conversation_id,
        "agent_id": f.agent_id(),
        "agent_version": 1,
        "call_status": status,
        "metadata": {},
        // Typed `Dict[str, str]` by retell-sdk: every value as text.
        "retell_llm_dynamic_variables": f
            .variables()
            .into_iter()
            .map(|(k, v)| (k, Json::String(crate::webhook::render::value_text(&v))))
            .collect::<Map<String, Json>>(),
        "start_timestamp": start,
    });
    if status == "ended" {
        let pc = f.post_call();
        let o = c.as_object_mut();
        if let Some(o) = o {
            o.insert(
                "end_timestamp".into(),
                json!(start + (pc.duration_secs as i64) * 1000),
            );
            o.insert("duration_ms".into(), json!(pc.duration_secs * 1000));
            let lines: Vec<String> = pc
                .turns
                .iter()
                .map(|t| format!("{}: {}", if t.caller { "User" } else { "Agent" }, t.text))
                .collect();
            o.insert("transcript".into(), json!(lines.join("\n")));
            let object: Vec<Json> = pc
                .turns
                .iter()
                .map(|t| {
                    json!({
                        "role": if t.caller { "user" } else { "agent" },
                        "content": t.text,
                        "words": [],
                    })
                })
                .collect();
            o.insert("transcript_object".into(), json!(object));
            o.insert(
                "disconnection_reason".into(),
                json!(if pc.ended_reason.contains("blocked") {
                    "error_inbound_webhook"
                } else if agent_hung_up(&pc) {
                    "agent_hangup"
                } else {
                    "user_hangup"
                }),
            );
            o.insert(
                "call_analysis".into(),
                json!({ "call_summary": pc.summary, "call_successful": true }),
            );
        }
    }
    c
}

fn tool_call(f: &Facts, t: &ToolCall) -> Payload {
    if t.action.args_at_root {
        return Payload::Json(Json::Object(t.arguments.clone()));
    }
    Payload::Json(json!({
        "name": t.action.name.value,
        "call": call(f, "ongoing"),
        "args": t.arguments,
    }))
}

/// Retell's names for the transfer events a transcript marks.
fn event_name(e: &str) -> String {
    match e {
        "transfer_initiated" => "transfer_started".into(),
        "transfer_completed" => "transfer_bridged".into(),
        other => other.into(),
    }
}

fn system(f: &Facts, kind: SystemKind) -> Payload {
    Payload::Json(match kind {
        SystemKind::PreCall => json!({
            "event": "call_inbound",
            "call_inbound": {
                "agent_id": f.agent_id(),
                "from_number": f.ctx.caller_phone,
                "to_number": f.agent_phone(),
            }
        }),
        SystemKind::CallStatus => json!({
            "event": event_name(&f.event()),
            "call": call(f, "ongoing"),
        }),
        SystemKind::PostCall => json!({
            "event": "call_ended",
            "call": call(f, "ended"),
        }),
    })
}

fn judge_tool(r: &Reply) -> Heard {
    let chars = String::from_utf8_lossy(r.body).chars().count();
    if (200..300).contains(&r.status) && chars > MAX_RESULT_CHARS {
        return Heard::Nothing(format!(
            "the reply is {chars} characters; Retell passes at most {MAX_RESULT_CHARS}"
        ));
    }
    heard_body(r, "Retell")
}

fn arguments(body: &Json) -> Option<Map<String, Json>> {
    match body.get("args") {
        Some(Json::Object(a)) => Some(a.clone()),
        _ => body.as_object().cloned(),
    }
}

fn mock_reply(kind: Option<SystemKind>, _request: &Json, rule: Json) -> Json {
    match kind {
        None => result_itself(rule),
        Some(SystemKind::PreCall) => match envelope_parts(&rule) {
            Some(Ok(vars)) => json!({"call_inbound": {"dynamic_variables": vars}}),
            // A free-form body is served as written: the file's `assign` reads it.
            _ => rule,
        },
        Some(_) => rule,
    }
}
