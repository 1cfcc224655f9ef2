//! Platform profiles (SPEC section 3): whose webhook engine voxhook plays. A profile is a
//! table entry, not a fork of the request path: the tool-call envelope, the three
//! system-webhook payloads, the signing schemes it accepts (the first is its default), its
//! timeouts and limits, where its pre-call reply keeps variables, and how it judges a reply.
//! The request plan, the verdict and the mock read the entry; adding a platform is one file
//! here and a row in [`PROFILES`].
//!
//! Every builder is pure: given the same [`Facts`] (conversation id, caller, `--now`) the
//! bytes are the same. Part of `webhook`: it may import `definition` and the rest of
//! `webhook`, never `call`, `mock`, `output`, `commands` or `cli`.

pub mod bland;
pub mod elevenlabs;
pub mod retell;
pub mod twilio;
pub mod vapi;
pub mod voxhook;

use crate::definition::model::*;
use crate::webhook::plan::CallContext;
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// A request body as a platform sends it.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// Sent compact, exactly as signed.
    Json(Json),
    /// `application/x-www-form-urlencoded`, fields in this order.
    Form(Vec<(String, String)>),
}

impl Payload {
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            Payload::Json(j) => serde_json::to_vec(j).unwrap_or_default(),
            Payload::Form(f) => url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(f)
                .finish()
                .into_bytes(),
        }
    }
    pub fn content_type(&self) -> &'static str {
        match self {
            Payload::Json(_) => "application/json",
            Payload::Form(_) => "application/x-www-form-urlencoded",
        }
    }
}

/// A tool call being sent: the action, the id the platform gives it, its typed arguments.
pub struct ToolCall<'a> {
    pub action: &'a Action,
    pub id: &'a str,
    pub arguments: &'a Map<String, Json>,
    /// The URL the tool is configured with (Vapi repeats it in `toolWithToolCallList`).
    pub url: &'a str,
}

/// What the call knows when a webhook goes out: the facts every envelope is built from.
pub struct Facts<'a> {
    pub def: &'a Definition,
    pub ctx: &'a CallContext,
}

impl Facts<'_> {
    pub fn agent_id(&self) -> String {
        self.def
            .agent
            .id
            .as_ref()
            .map(|a| a.value.clone())
            .unwrap_or_default()
    }
    /// The number the caller dialled: `--var agent_phone=…`, else a fictional 555-01xx one.
    pub fn agent_phone(&self) -> String {
        self.ctx
            .var("agent_phone")
            .map(|v| crate::webhook::render::value_text(&v))
            .unwrap_or_else(|| "+14155550199".into())
    }
    /// When this webhook is sent: the call's start plus the replay's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        self.ctx.call_started_at + chrono::Duration::milliseconds((self.ctx.at * 1000.0) as i64)
    }
    pub fn now_ms(&self) -> i64 {
        self.now().timestamp_millis()
    }
    /// RFC 3339 with milliseconds, as JavaScript's `toISOString` writes it.
    pub fn iso(&self, t: chrono::DateTime<chrono::FixedOffset>) -> String {
        t.with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%S%.3fZ")
            .to_string()
    }
    /// A stable id derived from the conversation: the same call gives the same ids.
    pub fn derived(&self, what: &str, len: usize) -> String {
        derived_hex(&format!("{}/{what}", self.ctx.conversation_id), len)
    }
    /// The call's dynamic variables: pre-call assignments, then `--var` (the built-ins given
    /// with `--var`, such as `call_summary`, are the call's facts, not variables).
    pub fn variables(&self) -> Map<String, Json> {
        let built_in = |k: &str| {
            k != "contact_id"
                && (BUILTINS_EVERYWHERE.contains(&k)
                    || BUILTINS_POST_CALL.contains(&k)
                    || matches!(k, "event" | "agent_phone"))
        };
        let mut m = Map::new();
        for (k, v) in self.ctx.cli_vars.iter().chain(self.ctx.assigned.iter()) {
            if !built_in(k) {
                m.insert(k.clone(), v.clone());
            }
        }
        m
    }
    pub fn post_call(&self) -> crate::webhook::plan::PostCall {
        self.ctx.post_call.clone().unwrap_or_default()
    }
    pub fn event(&self) -> String {
        self.ctx
            .event
            .clone()
            .unwrap_or_else(|| "transfer_initiated".into())
    }
}

/// Hex of SHA-256 of `seed`, cut to `len` characters: ids that look random but repeat.
pub fn derived_hex(seed: &str, len: usize) -> String {
    let mut h = hex::encode(Sha256::digest(seed.as_bytes()));
    h.truncate(len);
    h
}

/// What the agent gets from a reply, as the platform reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// The agent hears this text (a result the platform passes on).
    Result(Json),
    /// The agent hears this error.
    Error(Json),
    /// The platform drops the reply: the agent hears nothing, for this reason.
    Nothing(String),
}

/// A reply to judge: status, body, and what was sent.
pub struct Reply<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
    pub tool_call_id: Option<&'a str>,
}

/// A platform's time budget or cap that lint checks.
pub struct Limit {
    /// The webhook it applies to: `None` for tool calls.
    pub kind: Option<SystemKind>,
    /// The shortest timeout the platform takes in a definition (tools; zero for the rest).
    pub min_timeout: Duration,
    pub max_timeout: Duration,
    pub what: &'static str,
}

pub struct Profile {
    pub platform: Platform,
    /// Schemes the platform signs with; the first applies when `signing` has no `scheme`.
    pub schemes: &'static [Scheme],
    /// Time budgets lint holds definitions to.
    pub limits: &'static [Limit],
    /// The most characters of a tool result that reach the agent.
    pub max_result_chars: Option<usize>,
    /// Methods a tool call may use on this platform (empty: any the policy allows).
    pub tool_methods: &'static [Method],
    /// A `body:` template replaces the payload. Platforms whose payloads are fixed (Vapi,
    /// Retell) send theirs whatever the file says.
    pub custom_body: bool,
    pub tool_call: fn(&Facts, &ToolCall) -> Payload,
    /// A system webhook's payload.
    pub system: fn(&Facts, SystemKind) -> Payload,
    /// Whether the platform sends a status webhook for this transcript event.
    pub sends_status: fn(&str) -> bool,
    /// The status event the platform sends when the call starts, if any.
    pub start_event: Option<&'static str>,
    /// Whether tool calls are signed (ElevenLabs signs only its system webhooks).
    pub signs_tools: bool,
    /// Where the pre-call reply keeps the call's variables (a JSONPath), if anywhere.
    pub variables_at: Option<&'static str>,
    /// What the agent gets from a tool call's reply. `None`: voxhook's envelope rules.
    pub judge_tool: Option<fn(&Reply) -> Heard>,
    /// Why a system webhook's reply is unusable, if it is.
    pub judge_system: fn(SystemKind, &Reply) -> Option<String>,
    /// The arguments inside a tool call's body (the mock matches `when` on them).
    pub arguments: fn(&Json) -> Option<Map<String, Json>>,
    /// The mock's answer in the platform's reply shape, from a rule's body.
    pub mock_reply: fn(Option<SystemKind>, &Json, Json) -> Json,
}

pub const PROFILES: [&Profile; 6] = [
    &voxhook::PROFILE,
    &vapi::PROFILE,
    &retell::PROFILE,
    &elevenlabs::PROFILE,
    &twilio::PROFILE,
    &bland::PROFILE,
];

pub fn profile(p: Platform) -> &'static Profile {
    PROFILES
        .iter()
        .find(|x| x.platform == p)
        .copied()
        .unwrap_or(&voxhook::PROFILE)
}

/// A mock rule's body read as voxhook's envelope: `Ok(result)` or `Err(error)`; any other
/// shape is `None` (already in the platform's shape, or free-form).
pub fn envelope_parts(body: &Json) -> Option<Result<Json, Json>> {
    let o = body.as_object()?;
    match o.get("success").and_then(Json::as_bool)? {
        true => Some(Ok(o.get("result").cloned().unwrap_or(Json::Null))),
        false => Some(Err(o.get("error").cloned().unwrap_or(Json::Null))),
    }
}

/// Who ended the call: the agent when it spoke last.
pub fn agent_hung_up(pc: &crate::webhook::plan::PostCall) -> bool {
    pc.turns.last().is_some_and(|t| !t.caller)
}

/// A tool's mock reply for platforms whose tools answer with the result itself: voxhook's
/// envelope unwrapped (`result`, or `{"error": …}`), anything else as written.
pub fn result_itself(rule: Json) -> Json {
    match envelope_parts(&rule) {
        Some(Ok(result)) => result,
        Some(Err(error)) => serde_json::json!({ "error": error }),
        None => rule,
    }
}

/// A 2xx reply heard as it is: its JSON, else its text.
pub fn heard_body(r: &Reply, platform: &str) -> Heard {
    if !(200..300).contains(&r.status) {
        return Heard::Nothing(format!("status {}: {platform} needs a 2xx", r.status));
    }
    match serde_json::from_slice::<Json>(r.body) {
        Ok(j) => Heard::Result(j),
        Err(_) => Heard::Result(Json::String(String::from_utf8_lossy(r.body).into_owned())),
    }
}

/// A JSON value as the text an agent hears: strings as they are, the rest as compact JSON.
pub fn spoken(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The JSON Schema of an action's parameters, as platforms declare a tool.
pub fn parameters_schema(a: &Action) -> Json {
    if let Some(s) = &a.schema {
        return s.value.clone();
    }
    let mut props = Map::new();
    let mut required = Vec::new();
    for p in &a.parameters {
        let mut o = Map::new();
        let (ty, format) = match p.ty.value {
            ParamType::Number => ("number", None),
            ParamType::Integer => ("integer", None),
            ParamType::Boolean => ("boolean", None),
            ParamType::Date => ("string", Some("date")),
            ParamType::Email => ("string", Some("email")),
            _ => ("string", None),
        };
        o.insert("type".into(), Json::from(ty));
        if let Some(f) = format {
            o.insert("format".into(), Json::from(f));
        }
        if let Some(d) = &p.description {
            o.insert("description".into(), Json::from(d.value.clone()));
        }
        if let Some(e) = &p.enum_values {
            o.insert("enum".into(), Json::Array(e.value.clone()));
        }
        if let Some(pat) = &p.pattern {
            o.insert("pattern".into(), Json::from(pat.value.clone()));
        }
        if p.required {
            required.push(Json::from(p.name.value.clone()));
        }
        props.insert(p.name.value.clone(), Json::Object(o));
    }
    let mut schema = Map::new();
    schema.insert("type".into(), Json::from("object"));
    schema.insert("properties".into(), Json::Object(props));
    schema.insert("required".into(), Json::Array(required));
    Json::Object(schema)
}

/// Reply bodies as JSON, or why not.
pub fn reply_json(r: &Reply) -> Result<Json, String> {
    if r.body.is_empty() {
        return Err("the body is empty".into());
    }
    serde_json::from_slice(r.body).map_err(|_| "the body is not JSON".into())
}

/// Every status event is sent.
pub fn every_event(_: &str) -> bool {
    true
}

/// The system reply check most platforms share: any 2xx.
pub fn any_2xx(_: SystemKind, r: &Reply) -> Option<String> {
    (!(200..300).contains(&r.status)).then(|| format!("status {}", r.status))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_platform_has_one_profile() {
        for p in Platform::ALL {
            assert_eq!(profile(p).platform, p);
            assert!(!profile(p).schemes.is_empty(), "{p:?}");
        }
    }

    #[test]
    fn form_payload_is_urlencoded_in_order() {
        let f = Payload::Form(vec![
            ("To".into(), "+1 415".into()),
            ("A&B".into(), "x=y".into()),
        ]);
        assert_eq!(f.bytes(), b"To=%2B1+415&A%26B=x%3Dy");
    }
}
