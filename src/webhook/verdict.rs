//! The verdict on an exchange, as the platform would judge it: usable or not and why, the
//! `result` or `error` the agent gets, the variables assigned, the fallback line, latency.

use super::plan::Target;
use super::sender::Exchange;
use crate::definition::model::SystemKind;
use crate::definition::units::{fmt_duration, fmt_size};
use serde_json::Value as Json;
use std::time::Duration;

/// How long a caller can wait in silence before it feels broken.
pub const CALLER_BUDGET: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, serde::Serialize)]
pub struct Verdict {
    /// The platform counts the webhook as a success.
    pub ok: bool,
    /// Why not, when not.
    pub reason: Option<String>,
    /// `success` of the envelope, when there is one.
    pub success: Option<bool>,
    pub result: Option<Json>,
    pub error: Option<Json>,
    pub assigned: serde_json::Map<String, Json>,
    /// Assignments whose JSONPath matched nothing.
    pub unassigned: Vec<String>,
    /// What the agent says on failure.
    pub fallback: Option<String>,
    pub latency_ms: u64,
    pub timeout_ms: u64,
    /// Latency above the 5 s caller guidance.
    pub slow: bool,
    /// For a tool call: what the agent will hear, in one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hears: Option<String>,
}

pub fn judge(target: Target, ex: &Exchange) -> Verdict {
    let mut v = Verdict {
        ok: false,
        reason: None,
        success: None,
        result: None,
        error: None,
        assigned: serde_json::Map::new(),
        unassigned: Vec::new(),
        fallback: target.fallback().map(String::from),
        latency_ms: ex.elapsed.as_millis() as u64,
        timeout_ms: ex.plan.timeout.as_millis() as u64,
        slow: ex.elapsed > CALLER_BUDGET,
        hears: None,
    };
    if let Some(e) = &ex.error {
        v.reason = Some(e.message.clone());
        return v;
    }
    let Some(r) = &ex.response else {
        v.reason = Some("no response".into());
        return v;
    };
    if r.truncated {
        v.reason = Some(format!(
            "the response is larger than policy.max_response_size ({}); it was cut off",
            fmt_size(ex.plan.max_response_size)
        ));
        return v;
    }
    let profile = super::profile::profile(ex.plan.platform);
    let reply = super::profile::Reply {
        status: r.status,
        content_type: r
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.as_str()),
        body: &r.body,
        tool_call_id: ex.plan.tool_call_id.as_deref(),
    };
    let parsed: Option<Json> = serde_json::from_slice(&r.body).ok();
    match (target, profile.judge_tool) {
        (Target::Action(_), Some(judge_tool)) => match judge_tool(&reply) {
            super::profile::Heard::Result(x) => {
                // `expect: { success: … }` reads the platform's answer the same way.
                v.success = Some(true);
                v.hears = Some(format!("the agent will hear: \"{}\"", heard_text(&x)));
                v.result = Some(x);
            }
            super::profile::Heard::Error(e) => {
                v.success = Some(false);
                v.hears = Some(format!(
                    "the agent will hear the error: \"{}\"",
                    heard_text(&e)
                ));
                v.error = Some(e);
            }
            super::profile::Heard::Nothing(why) => {
                v.reason = Some(format!("the agent hears nothing: {why}"));
                return v;
            }
        },
        (Target::Action(_), None) => {
            if let Some(reason) = status_problem(r) {
                v.reason = Some(reason);
                return v;
            }
            let Some(body) = &parsed else {
                v.reason = Some(if r.body.is_empty() {
                    "the body is empty; the agent needs JSON".into()
                } else {
                    "the body is not JSON".into()
                });
                return v;
            };
            if target.envelope() {
                let Some(obj) = body.as_object() else {
                    v.reason =
                        Some("the body is not the envelope {success, result | error}".into());
                    return v;
                };
                match obj.get("success").and_then(Json::as_bool) {
                    Some(true) => {
                        v.success = Some(true);
                        v.result = Some(obj.get("result").cloned().unwrap_or(Json::Null));
                    }
                    Some(false) => {
                        v.success = Some(false);
                        v.error = Some(obj.get("error").cloned().unwrap_or(Json::Null));
                    }
                    None => {
                        v.reason = Some("the envelope has no boolean `success`".into());
                        return v;
                    }
                }
            } else {
                v.result = Some(body.clone());
            }
            v.hears = match (&v.result, &v.error) {
                (Some(x), _) => Some(format!("the agent will hear: \"{}\"", heard_text(x))),
                (None, Some(e)) => Some(format!(
                    "the agent will hear the error: \"{}\"",
                    heard_text(e)
                )),
                _ => None,
            };
        }
        (Target::System(w), _) => {
            if let Some(reason) = status_problem(r) {
                v.reason = Some(reason);
                return v;
            }
            if let Some(reason) = (profile.judge_system)(w.kind, &reply) {
                v.reason = Some(reason);
                return v;
            }
            match &parsed {
                Some(body) => v.result = Some(body.clone()),
                None if target.assign().is_empty() => {
                    // System webhooks without assignments need no JSON body.
                    v.ok = true;
                    return v;
                }
                None => {
                    v.reason = Some(if r.body.is_empty() {
                        "the body is empty; `assign` needs JSON".into()
                    } else {
                        "the body is not JSON; `assign` needs JSON".into()
                    });
                    return v;
                }
            }
            // The platform's own place for the call's variables (Vapi's
            // assistantOverrides.variableValues, Retell's call_inbound.dynamic_variables, …).
            if let (SystemKind::PreCall, Some(path), Some(body)) =
                (w.kind, profile.variables_at, &parsed)
            {
                if let Some(Json::Object(vars)) = serde_json_path::JsonPath::parse(path)
                    .ok()
                    .and_then(|p| p.query(body).first().cloned())
                {
                    for (k, val) in vars {
                        v.assigned.insert(k, val);
                    }
                }
            }
        }
    }
    let body = parsed.unwrap_or(Json::Null);
    v.ok = true;
    for (name, path) in target.assign() {
        let found = serde_json_path::JsonPath::parse(&path.value)
            .ok()
            .and_then(|p| p.query(&body).first().cloned());
        match found {
            Some(val) => {
                v.assigned.insert(name.value.clone(), val);
            }
            // Already given by the platform's own place for variables.
            None if v.assigned.contains_key(&name.value) => {}
            None => v
                .unassigned
                .push(format!("{} ({})", name.value, path.value)),
        }
    }
    v
}

/// Why a status is not a usable reply, if it is not.
fn status_problem(r: &super::sender::Response) -> Option<String> {
    if (200..300).contains(&r.status) {
        return None;
    }
    Some(if (300..400).contains(&r.status) {
        format!(
            "{} {}: redirects are not followed by the platform",
            r.status, r.reason
        )
    } else {
        format!("{} {}", r.status, r.reason)
    })
}

/// What the agent hears, on one line and at most 200 characters.
fn heard_text(v: &Json) -> String {
    let text = super::profile::spoken(v).replace(['\n', '\r'], " ");
    if text.chars().count() > 200 {
        let cut: String = text.chars().take(200).collect();
        format!("{cut}…")
    } else {
        text
    }
}

impl Verdict {
    /// The latency line: against the 5 s guidance and the timeout.
    pub fn latency_line(&self) -> String {
        let lat = fmt_duration(Duration::from_millis(self.latency_ms));
        let timeout = fmt_duration(Duration::from_millis(self.timeout_ms));
        if self.slow {
            format!("{lat}: over the 5s a caller will wait in silence (timeout {timeout})")
        } else {
            format!("{lat}: within the 5s caller guidance (timeout {timeout})")
        }
    }
}
