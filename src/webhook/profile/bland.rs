//! `bland`: Bland AI. A custom tool sends its own body (its `body:` template, else the
//! parameters); post_call is Bland's call report with `call_id` and `transcript`s. Signed
//! with `X-Webhook-Signature`, the hex HMAC-SHA256 of the body.

use super::*;
use serde_json::json;

pub const PROFILE: Profile = Profile {
    platform: Platform::Bland,
    schemes: &[Scheme::Bland],
    limits: &[],
    max_result_chars: None,
    tool_methods: &[],
    custom_body: true,
    tool_call,
    system,
    sends_status: every_event,
    start_event: None,
    signs_tools: true,
    variables_at: None,
    judge_tool: Some(judge_tool),
    judge_system: any_2xx,
    arguments,
    mock_reply,
};

fn tool_call(_: &Facts, t: &ToolCall) -> Payload {
    Payload::Json(Json::Object(t.arguments.clone()))
}

fn system(f: &Facts, kind: SystemKind) -> Payload {
    Payload::Json(match kind {
        SystemKind::PostCall => {
            let pc = f.post_call();
            let started = f.ctx.call_started_at;
            let ended = started + chrono::Duration::seconds(pc.duration_secs as i64);
            let transcripts: Vec<Json> = pc
                .turns
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let at = started
                        + chrono::Duration::milliseconds((t.at.unwrap_or(0.0) * 1000.0) as i64);
                    json!({
                        "id": i + 1,
                        "created_at": f.iso(at),
                        "text": t.text,
                        "user": if t.caller { "user" } else { "assistant" },
                    })
                })
                .collect();
            let concatenated: Vec<String> = pc
                .turns
                .iter()
                .map(|t| {
                    format!(
                        "{}: {}",
                        if t.caller { "user" } else { "assistant" },
                        t.text
                    )
                })
                .collect();
            json!({
                "call_id": f.ctx.conversation_id,
                "c_id": f.ctx.conversation_id,
                "to": f.agent_phone(),
                "from": f.ctx.caller_phone,
                "inbound": true,
                "completed": true,
                "status": "completed",
                "call_length": (pc.duration_secs as f64) / 60.0,
                "corrected_duration": pc.duration_secs.to_string(),
                "started_at": f.iso(started),
                "end_at": f.iso(ended),
                "summary": pc.summary,
                "concatenated_transcript": concatenated.join("\n"),
                "transcripts": transcripts,
                "variables": f.variables(),
            })
        }
        // Bland has no pre-call or status payload of its own: voxhook's apply.
        other => return (super::voxhook::PROFILE.system)(f, other),
    })
}

fn judge_tool(r: &Reply) -> Heard {
    heard_body(r, "Bland")
}

fn arguments(body: &Json) -> Option<Map<String, Json>> {
    body.as_object().cloned()
}

fn mock_reply(kind: Option<SystemKind>, _request: &Json, rule: Json) -> Json {
    match kind {
        None => result_itself(rule),
        Some(_) => rule,
    }
}
