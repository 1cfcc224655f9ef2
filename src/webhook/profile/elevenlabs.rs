//! `elevenlabs`: ElevenLabs Agents. A server tool sends the parameters themselves as the body
//! (and in the query or path where the URL names them): no envelope, and only its own auth
//! headers. The conversation-initiation webhook (pre_call) sends `{caller_id, agent_id,
//! called_number, call_sid}` and wants `{"type": "conversation_initiation_client_data",
//! "dynamic_variables": {…}}` back; post_call is the `post_call_transcription` event.

use super::*;
use serde_json::json;

pub const PROFILE: Profile = Profile {
    platform: Platform::Elevenlabs,
    schemes: &[Scheme::Elevenlabs],
    limits: &[Limit {
        kind: None,
        min_timeout: Duration::from_secs(5),
        max_timeout: Duration::from_secs(300),
        what: "an ElevenLabs webhook tool's response_timeout_secs runs from 5 to 300",
    }],
    max_result_chars: None,
    tool_methods: &[],
    custom_body: true,
    tool_call,
    system,
    sends_status: |_| false,
    start_event: None,
    signs_tools: false,
    variables_at: Some("$.dynamic_variables"),
    judge_tool: Some(judge_tool),
    judge_system,
    arguments,
    mock_reply,
};

fn tool_call(_: &Facts, t: &ToolCall) -> Payload {
    Payload::Json(Json::Object(t.arguments.clone()))
}

fn system(f: &Facts, kind: SystemKind) -> Payload {
    let call_sid = format!("CA{}", f.derived("callsid", 32));
    Payload::Json(match kind {
        SystemKind::PreCall => json!({
            "caller_id": f.ctx.caller_phone,
            "agent_id": f.agent_id(),
            "called_number": f.agent_phone(),
            "call_sid": call_sid,
        }),
        SystemKind::CallStatus => json!({
            "type": f.event(),
            "event_timestamp": f.now().timestamp(),
            "data": { "agent_id": f.agent_id(), "conversation_id": f.ctx.conversation_id },
        }),
        SystemKind::PostCall => {
            let pc = f.post_call();
            let transcript: Vec<Json> = pc
                .turns
                .iter()
                .map(|t| {
                    json!({
                        "role": if t.caller { "user" } else { "agent" },
                        "message": t.text,
                        "time_in_call_secs": t.at.unwrap_or(0.0).round() as i64,
                    })
                })
                .collect();
            json!({
                "type": "post_call_transcription",
                "event_timestamp": f.now().timestamp(),
                "data": {
                    "agent_id": f.agent_id(),
                    "conversation_id": f.ctx.conversation_id,
                    "status": "done",
                    "has_audio": false,
                    "has_user_audio": false,
                    "has_response_audio": false,
                    "has_auxiliary_audio": false,
                    "transcript": transcript,
                    "metadata": {
                        "start_time_unix_secs": f.ctx.call_started_at.timestamp(),
                        "call_duration_secs": pc.duration_secs,
                        "phone_call": {
                            "direction": "inbound",
                            "external_number": f.ctx.caller_phone,
                            "agent_number": f.agent_phone(),
                            "type": "twilio",
                            "phone_number_id": f.derived("phone_number", 20),
                            "stream_sid": format!("MZ{}", f.derived("stream", 32)),
                            "call_sid": call_sid,
                        },
                    },
                    "analysis": {
                        "call_successful": "success",
                        "transcript_summary": pc.summary,
                    },
                    "conversation_initiation_client_data": {
                        "dynamic_variables": f.variables(),
                    },
                },
            })
        }
    })
}

fn judge_tool(r: &Reply) -> Heard {
    heard_body(r, "ElevenLabs")
}

fn judge_system(kind: SystemKind, r: &Reply) -> Option<String> {
    if kind != SystemKind::PreCall {
        return any_2xx(kind, r);
    }
    if let Some(e) = any_2xx(kind, r) {
        return Some(e);
    }
    let body = match reply_json(r) {
        Ok(b) => b,
        Err(e) => return Some(e),
    };
    match body.get("type").and_then(Json::as_str) {
        Some("conversation_initiation_client_data") => None,
        Some(other) => Some(format!(
            "`type` is \"{other}\"; ElevenLabs wants \"conversation_initiation_client_data\""
        )),
        None => Some(
            "the reply has no `type`; ElevenLabs wants \"conversation_initiation_client_data\""
                .into(),
        ),
    }
}

fn arguments(body: &Json) -> Option<Map<String, Json>> {
    body.as_object().cloned()
}

fn mock_reply(kind: Option<SystemKind>, _request: &Json, rule: Json) -> Json {
    match kind {
        None => result_itself(rule),
        Some(SystemKind::PreCall) => match envelope_parts(&rule) {
            Some(Ok(vars)) => json!({
                "type": "conversation_initiation_client_data",
                "dynamic_variables": vars,
            }),
            // A free-form body keeps its keys (the file's `assign` reads them) and gains the
            // `type` ElevenLabs requires.
            _ => match rule {
                Json::Object(mut o) if o.get("type").is_none() => {
                    o.insert("type".into(), json!("conversation_initiation_client_data"));
                    Json::Object(o)
                }
                other => other,
            },
        },
        Some(_) => rule,
    }
}
