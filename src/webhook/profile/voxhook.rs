//! `voxhook`: the envelope of SPEC section 1.1. A tool call is
//! `{action, parameters, context}`; the reply is `{success, result | error}`.

use super::*;
use serde_json::json;

pub const PROFILE: Profile = Profile {
    platform: Platform::Voxhook,
    schemes: &[Scheme::StandardWebhooks, Scheme::HmacSha256],
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
    judge_tool: None,
    judge_system: any_2xx,
    arguments,
    mock_reply,
};

fn context(f: &Facts) -> Json {
    f.ctx.envelope_context(f.def)
}

fn tool_call(f: &Facts, t: &ToolCall) -> Payload {
    Payload::Json(json!({
        "action": t.action.name.value,
        "parameters": t.arguments,
        "context": context(f),
    }))
}

fn system(f: &Facts, kind: SystemKind) -> Payload {
    let context = context(f);
    Payload::Json(match kind {
        SystemKind::PreCall => json!({ "event": "pre_call", "context": context }),
        SystemKind::CallStatus => json!({ "event": f.event(), "context": context }),
        SystemKind::PostCall => {
            let pc = f.post_call();
            json!({
                "event": "post_call",
                "context": context,
                "call": {
                    "duration": pc.duration_secs,
                    "summary": pc.summary,
                    "transcript": pc.transcript,
                    "actions_fired": pc.actions_fired,
                    "variables": f.ctx.assigned.iter().cloned().collect::<Map<String, Json>>(),
                }
            })
        }
    })
}

/// The envelope's `parameters`, else the body object itself (a custom `body:`).
pub fn arguments(body: &Json) -> Option<Map<String, Json>> {
    let o = body.as_object()?;
    Some(match o.get("parameters") {
        Some(Json::Object(p)) => p.clone(),
        _ => o.clone(),
    })
}

fn mock_reply(_: Option<SystemKind>, _request: &Json, rule: Json) -> Json {
    rule
}
