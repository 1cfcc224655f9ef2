//! `twilio`: Twilio Programmable Voice. The voice request (pre_call) and the status
//! callbacks (call_status, and post_call as the `completed` callback) are form-encoded with
//! Twilio's parameters (`CallSid`, `AccountSid`, `From`, `To`, `CallStatus`, `Direction`,
//! `ApiVersion`, …); the voice request expects TwiML back. Twilio has no tool calls of its
//! own: an action is sent as a form with the call's parameters and the action's arguments.

use super::*;

pub const PROFILE: Profile = Profile {
    platform: Platform::Twilio,
    schemes: &[Scheme::Twilio],
    limits: &[Limit {
        kind: Some(SystemKind::PreCall),
        min_timeout: Duration::ZERO,
        max_timeout: Duration::from_secs(15),
        what: "Twilio waits 15s for the voice request's TwiML",
    }],
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
    judge_system,
    arguments,
    mock_reply,
};

fn base(f: &Facts, status: &str) -> Vec<(String, String)> {
    let caller = f.ctx.caller_phone.clone();
    let called = f.agent_phone();
    [
        ("AccountSid", format!("AC{}", f.derived("account", 32))),
        ("ApiVersion", "2010-04-01".to_string()),
        ("CallSid", format!("CA{}", f.derived("callsid", 32))),
        ("CallStatus", status.to_string()),
        ("Called", called.clone()),
        ("Caller", caller.clone()),
        ("Direction", "inbound".to_string()),
        ("From", caller),
        ("To", called),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn tool_call(f: &Facts, t: &ToolCall) -> Payload {
    let mut form = base(f, "in-progress");
    for (k, v) in t.arguments {
        form.push((k.clone(), crate::webhook::render::value_text(v)));
    }
    Payload::Form(form)
}

fn system(f: &Facts, kind: SystemKind) -> Payload {
    let rfc2822 = f.now().with_timezone(&chrono::Utc).to_rfc2822();
    Payload::Form(match kind {
        SystemKind::PreCall => base(f, "ringing"),
        SystemKind::CallStatus => {
            let mut form = base(f, "in-progress");
            form.push(("CallbackSource".into(), "call-progress-events".into()));
            form.push(("SequenceNumber".into(), "1".into()));
            form.push(("Timestamp".into(), rfc2822));
            form
        }
        SystemKind::PostCall => {
            let pc = f.post_call();
            let mut form = base(f, "completed");
            form.push(("CallDuration".into(), pc.duration_secs.to_string()));
            form.push(("CallbackSource".into(), "call-progress-events".into()));
            form.push(("Duration".into(), pc.duration_secs.div_ceil(60).to_string()));
            form.push(("SequenceNumber".into(), "2".into()));
            form.push(("Timestamp".into(), rfc2822));
            form
        }
    })
}

fn is_twiml(r: &Reply) -> bool {
    let ct_xml = r.content_type.is_some_and(|c| c.contains("xml"));
    let text = String::from_utf8_lossy(r.body);
    let t = text.trim_start();
    ct_xml && (t.starts_with("<?xml") || t.starts_with("<Response"))
}

fn judge_tool(r: &Reply) -> Heard {
    heard_body(r, "Twilio")
}

fn judge_system(kind: SystemKind, r: &Reply) -> Option<String> {
    if let Some(e) = any_2xx(kind, r) {
        return Some(e);
    }
    (kind == SystemKind::PreCall && !is_twiml(r)).then(|| {
        "the voice request needs TwiML back (Content-Type text/xml, <Response>…</Response>)"
            .to_string()
    })
}

fn arguments(body: &Json) -> Option<Map<String, Json>> {
    body.as_object().cloned()
}

fn mock_reply(kind: Option<SystemKind>, _request: &Json, rule: Json) -> Json {
    match (kind, &rule) {
        (None, _) => result_itself(rule),
        (Some(SystemKind::PreCall), Json::String(_)) => rule,
        (Some(SystemKind::PreCall), _) => Json::String(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Hello from the voxhook mock.</Say></Response>".into(),
        ),
        _ => rule,
    }
}
