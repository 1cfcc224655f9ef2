//! What every send of one run shares: the file, env, call context and sender. `test` and
//! `simulate` both send through it, so one code path builds, checks and sends a webhook.

use crate::definition::env::EnvSource;
use crate::definition::model::*;
use crate::webhook::plan::{self, CallContext, PlanInput, Target};
use crate::webhook::sender::{SendOptions, Sender};
use crate::{Error, Result};
use serde_json::{Map, Value as Json};
use std::time::Duration;

/// The call a run plays, as the command gives it (from `--caller`, `--var`, `--region`).
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// The caller's number as given; `None` is a placeholder caller.
    pub caller: Option<String>,
    /// `--var K=V` pairs, in order (a later one wins).
    pub vars: Vec<(String, String)>,
    /// Region for phone numbers written without a country code.
    pub region: String,
}

/// What every send of a run shares: the file, env, call context and sender.
pub struct Run<'a> {
    pub def: &'a Definition,
    pub env: EnvSource,
    pub ctx: CallContext,
    pub sender: Sender,
    /// Base URL of the in-process mock server, with `--mock`.
    pub mock_base: Option<String>,
    pub timeout: Option<Duration>,
    pub region: String,
    /// `--public-url`: the URL the platform would call (Twilio signs it).
    pub public_url: Option<url::Url>,
}

impl<'a> Run<'a> {
    /// Build the call context and sender.
    pub fn new(
        def: &'a Definition,
        call: &CallOptions,
        send: SendOptions,
        started: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<Self> {
        let caller = match &call.caller {
            Some(c) => crate::definition::values::to_e164(c, &call.region)
                .map_err(|e| Error::input(format!("--caller: {e}")))?,
            None => plan::PLACEHOLDER_CALLER.to_string(),
        };
        let mut ctx = CallContext::new(caller, started);
        ctx.cli_vars = call
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), typed_var(k, v)))
            .collect();
        // `--var` may stand in for the built-ins a platform puts in every envelope: the
        // envelope and the templates then agree.
        for (k, v) in ctx.cli_vars.clone() {
            let text = crate::webhook::render::value_text(&v);
            match k.as_str() {
                "conversation_id" | "conversation_uuid" => ctx.conversation_id = text,
                // The number dialled is a phone number like the caller's: E.164 in envelopes.
                "agent_phone" => {
                    let e164 = crate::definition::values::to_e164(&text, &call.region)
                        .map_err(|e| Error::input(format!("--var agent_phone: {e}")))?;
                    if let Some(slot) = ctx.cli_vars.iter_mut().find(|(n, _)| n == "agent_phone") {
                        slot.1 = Json::String(e164);
                    }
                }
                "caller_phone" => {
                    ctx.caller_phone = crate::definition::values::to_e164(&text, &call.region)
                        .map_err(|e| Error::input(format!("--var caller_phone: {e}")))?
                }
                _ => {}
            }
        }
        let sender = Sender::new(&def.policy, send).map_err(Error::Failed)?;
        Ok(Run {
            def,
            env: EnvSource {
                dotenv: def.dotenv.clone(),
            },
            ctx,
            sender,
            mock_base: None,
            timeout: None,
            region: call.region.clone(),
            public_url: None,
        })
    }

    /// The plan for a target with typed parameters; with `--mock` the URL points at the mock.
    pub fn plan(&self, target: Target, params: &Map<String, Json>) -> Result<plan::RequestPlan> {
        self.plan_in(target, params, &self.ctx)
    }

    /// As [`Run::plan`], in another call context (a `tests:` case with its own variables).
    pub fn plan_in(
        &self,
        target: Target,
        params: &Map<String, Json>,
        ctx: &CallContext,
    ) -> Result<plan::RequestPlan> {
        let input = PlanInput {
            def: self.def,
            target,
            params,
            ctx,
            env: &self.env,
            timeout_override: self.timeout,
            signing_clock: None,
            public_url: self.public_url.as_ref(),
        };
        let mut p = plan::build(&input).map_err(|e| Error::Input(e.0))?;
        if let Some(base) = &self.mock_base {
            let mut u = url::Url::parse(base).map_err(|e| Error::Failed(e.to_string()))?;
            u.set_path(&target.mock_path());
            u.set_query(p.url.query());
            p.url = u;
        }
        Ok(p)
    }
}

/// `--var` values are text, except the built-ins whose type the platform fixes:
/// `call_duration` is whole seconds and `actions_fired` a list (comma-separated here).
fn typed_var(name: &str, value: &str) -> Json {
    match name {
        "call_duration" => value
            .trim()
            .parse::<u64>()
            .map(Json::from)
            .unwrap_or_else(|_| Json::String(value.into())),
        "actions_fired" => Json::Array(
            value
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Json::String(s.into()))
                .collect(),
        ),
        _ => Json::String(value.to_string()),
    }
}
