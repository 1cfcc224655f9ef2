//! The request plan: a pure step from (webhook, parameter values, call context) to exactly
//! what goes on the wire: method, URL, headers in order, body bytes. Nothing here does I/O.

use super::render::{RenderError, Scope, Secrets, render, render_json, render_with, value_text};
use crate::definition::env::EnvSource;
use crate::definition::load::locate_in;
use crate::definition::model::*;
use crate::definition::template::Template;
use base64::Engine;
use serde_json::{Map, Value as Json, json};
use std::time::Duration;

/// The timeout when neither the webhook nor `defaults` names one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// What one call knows: built-ins, pre-call assignments, `--var`, and (late in the call)
/// post-call facts.
#[derive(Debug, Clone)]
pub struct CallContext {
    pub conversation_id: String,
    pub caller_phone: String,
    pub call_started_at: chrono::DateTime<chrono::FixedOffset>,
    pub assigned: Vec<(String, Json)>,
    pub cli_vars: Vec<(String, Json)>,
    pub post_call: Option<PostCall>,
    pub event: Option<String>,
    /// Seconds from the call's start at which the webhook being built is sent.
    pub at: f64,
    /// The call's clock was given (`--now`): timestamps and signatures follow it, so the
    /// bytes repeat.
    pub fixed_clock: bool,
}

#[derive(Debug, Clone, Default)]
pub struct PostCall {
    pub duration_secs: u64,
    pub summary: String,
    pub transcript: String,
    pub actions_fired: Vec<String>,
    /// The turns, for platforms that report them one by one.
    pub turns: Vec<TurnRecord>,
    /// Why the call ended, in voxhook's words (`transcript ended`, `blocked by pre_call`).
    pub ended_reason: String,
}

/// One turn of the call as post-call reports carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnRecord {
    /// The caller spoke (else the agent).
    pub caller: bool,
    pub text: String,
    /// Seconds from the call's start, when known.
    pub at: Option<f64>,
}

/// Now, to the second: `call_started_at` reads like a platform's timestamp.
pub fn now_seconds() -> chrono::DateTime<chrono::FixedOffset> {
    let now = chrono::Utc::now();
    chrono::DateTime::from_timestamp(now.timestamp(), 0)
        .unwrap_or(now)
        .fixed_offset()
}

/// The number `test` uses when `--caller` is not given: a fictional 555-01xx number.
pub const PLACEHOLDER_CALLER: &str = "+14155550100";

impl CallContext {
    pub fn new(caller_phone: String, started: chrono::DateTime<chrono::FixedOffset>) -> Self {
        CallContext {
            conversation_id: uuid::Uuid::new_v4().to_string(),
            caller_phone,
            call_started_at: started,
            assigned: Vec::new(),
            cli_vars: Vec::new(),
            post_call: None,
            event: None,
            at: 0.0,
            fixed_clock: false,
        }
    }

    /// A variable the call has: assigned by pre_call, else given with `--var`.
    pub fn var(&self, name: &str) -> Option<Json> {
        self.assigned
            .iter()
            .chain(self.cli_vars.iter())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// Assigned by the pre-call webhook, else given with `--var`.
    fn contact_id(&self) -> Json {
        self.assigned
            .iter()
            .chain(self.cli_vars.iter())
            .find(|(k, _)| k == "contact_id")
            .map(|(_, v)| v.clone())
            .unwrap_or(Json::Null)
    }

    /// Built-in variables, for the webhook kind that is being sent.
    pub fn builtins(&self, def: &Definition, kind: Option<SystemKind>) -> Vec<(String, Json)> {
        let agent_id = def
            .agent
            .id
            .as_ref()
            .map(|a| a.value.clone())
            .unwrap_or_default();
        let mut b = vec![
            ("agent_id".to_string(), json!(agent_id)),
            ("agent_uuid".to_string(), json!(agent_id)),
            ("conversation_id".to_string(), json!(self.conversation_id)),
            ("conversation_uuid".to_string(), json!(self.conversation_id)),
            ("contact_id".to_string(), self.contact_id()),
            ("caller_phone".to_string(), json!(self.caller_phone)),
            (
                "call_started_at".to_string(),
                json!(self.call_started_at.to_rfc3339()),
            ),
        ];
        if kind == Some(SystemKind::PostCall) {
            let pc = self.post_call.clone().unwrap_or_default();
            b.push(("call_duration".into(), json!(pc.duration_secs)));
            b.push(("call_summary".into(), json!(pc.summary)));
            b.push(("transcript".into(), json!(pc.transcript)));
            b.push(("actions_fired".into(), json!(pc.actions_fired)));
        }
        if kind == Some(SystemKind::CallStatus) {
            b.push((
                "event".into(),
                json!(
                    self.event
                        .clone()
                        .unwrap_or_else(|| "transfer_initiated".into())
                ),
            ));
        }
        b
    }

    /// The `context` object of the default envelope.
    pub fn envelope_context(&self, def: &Definition) -> Json {
        json!({
            "agent_id": def.agent.id.as_ref().map(|a| a.value.clone()).unwrap_or_default(),
            "conversation_id": self.conversation_id,
            "contact_id": self.contact_id(),
            "caller_phone": self.caller_phone,
        })
    }
}

/// What to send to.
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Action(&'a Action),
    System(&'a SystemWebhook),
}

impl<'a> Target<'a> {
    pub fn owner(&self) -> Owner<'a> {
        match self {
            Target::Action(a) => Owner::Action(a),
            Target::System(w) => Owner::System(w),
        }
    }
    pub fn name(&self) -> &'a str {
        match self {
            Target::Action(a) => &a.name.value,
            Target::System(w) => w.kind.as_str(),
        }
    }
    pub fn kind(&self) -> Option<SystemKind> {
        match self {
            Target::Action(_) => None,
            Target::System(w) => Some(w.kind),
        }
    }
    pub fn request(&self) -> &'a Request {
        match self {
            Target::Action(a) => &a.webhook,
            Target::System(w) => &w.request,
        }
    }
    /// The path the mock server answers this target on.
    pub fn mock_path(&self) -> String {
        match self {
            Target::Action(a) => format!("/actions/{}", a.name.value),
            Target::System(w) => format!("/webhooks/{}", w.kind.as_str()),
        }
    }
    pub fn mocks(&self) -> &'a [MockRule] {
        match self {
            Target::Action(a) => &a.mock,
            Target::System(w) => &w.mock,
        }
    }
    pub fn assign(&self) -> &'a KeyValues<String> {
        match self {
            Target::Action(a) => &a.response.assign,
            Target::System(w) => &w.assign,
        }
    }
    pub fn envelope(&self) -> bool {
        match self {
            Target::Action(a) => a.response.envelope,
            Target::System(_) => false,
        }
    }
    pub fn fallback(&self) -> Option<&'a str> {
        match self {
            Target::Action(a) => a.fallback.as_ref().map(|f| f.value.as_str()),
            Target::System(_) => None,
        }
    }
}

pub fn find_target<'a>(def: &'a Definition, name: &str) -> Option<Target<'a>> {
    if let Some(kind) = SystemKind::parse(name) {
        return def.webhooks.get(kind).map(Target::System);
    }
    def.action(name).map(Target::Action)
}

/// Exactly what goes on the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestPlan {
    pub target: String,
    pub method: Method,
    pub url: url::Url,
    /// Headers in the order they are sent (Host and Content-Length are added by the HTTP layer
    /// and shown by the printer).
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    pub timeout: Duration,
    pub max_response_size: u64,
    pub secrets: Vec<String>,
    /// Whose engine sent it: the verdict judges the reply by this platform's contract.
    pub platform: Platform,
    /// The system webhook it is, if one.
    pub kind: Option<SystemKind>,
    /// The id the platform gave this tool call (Vapi's reply must echo it).
    pub tool_call_id: Option<String>,
    /// The exact string signed, when signed (`-v` prints it).
    pub signed: Option<String>,
    /// What the user should know about how it was built (a scheme `--platform` replaced).
    pub warnings: Vec<String>,
    /// How it was signed, so `drill` can sign forgeries the same way.
    pub signing: Option<SigningUsed>,
    /// The JSON body as built, so a replay's events need not parse `body` back.
    pub body_json: Option<Json>,
}

/// The signature a plan carries: enough to sign the same request again with another
/// secret, clock or body.
#[derive(Debug, Clone, PartialEq)]
pub struct SigningUsed {
    pub scheme: Scheme,
    pub settings: Signing,
    pub secret: String,
    /// The URL signed (before Twilio's `bodySHA256` is added).
    pub url: url::Url,
    pub form: Option<Vec<(String, String)>>,
    pub unix_ms: i64,
    pub message_id: String,
    /// The headers the signature added.
    pub headers: Vec<String>,
}

/// A problem that stops a request from being built; the message says what and where.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanError(pub String);

/// Values for a parameter-less webhook, or parameters already typed by [`resolve_params`].
pub struct PlanInput<'a> {
    pub def: &'a Definition,
    pub target: Target<'a>,
    pub params: &'a Map<String, Json>,
    pub ctx: &'a CallContext,
    pub env: &'a EnvSource,
    pub timeout_override: Option<Duration>,
    /// Milliseconds since the epoch and the message id for signatures; fixed in tests.
    /// Without it, a call with a fixed clock (`--now`) signs at the call's time, else now.
    pub signing_clock: Option<(i64, String)>,
    /// `--public-url`: the URL the platform would call, which Twilio's signature covers.
    pub public_url: Option<&'a url::Url>,
}

fn where_(def: &Definition, t: &Sp<Template>, at: usize) -> String {
    let s = locate_in(&def.source, t.span, &t.value.raw, at);
    format!("{}:{}:{}", def.path.display(), s.line, s.col)
}

fn render_err(def: &Definition, t: &Sp<Template>, e: RenderError) -> PlanError {
    match e {
        RenderError::UnsetEnv { name, at } => PlanError(format!(
            "{}: environment variable `{name}` is not set (export it or add it to .env beside the action file)",
            where_(def, t, at)
        )),
        RenderError::UnknownVar { name, at } => PlanError(format!(
            "{}: `{{{{{name}}}}}` has no value here (pass --var {name}=…)",
            where_(def, t, at)
        )),
    }
}

/// The scope templates see for `target`, in the SPEC's precedence order.
pub fn scope_for(
    def: &Definition,
    target: Option<Target>,
    params: &Map<String, Json>,
    ctx: &CallContext,
    env: &EnvSource,
    secrets: &mut Secrets,
) -> Result<Scope, PlanError> {
    let builtins = ctx.builtins(def, target.and_then(|t| t.kind()));
    let base = Scope {
        layers: vec![builtins.clone()],
    };
    let mut agent_vars = Vec::new();
    for (k, v) in &def.agent.variables {
        let text = render(&v.value, &base, env, secrets).map_err(|e| render_err(def, v, e))?;
        agent_vars.push((k.value.clone(), Json::String(text)));
    }
    let mut values: Vec<(String, Json)> =
        params.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    // A declared parameter the call did not give is null (empty inside a string), as the
    // platform sends it; it still shadows variables of the same name.
    if let Some(Target::Action(a)) = target {
        for name in a.parameter_names() {
            if !params.contains_key(&name) {
                values.push((name, Json::Null));
            }
        }
    }
    // Variables pre_call would assign are null until it has (a failed pre_call with
    // `on_failure: continue` starts the call with empty variables, as does a dry run).
    let unassigned: Vec<(String, Json)> = def
        .webhooks
        .pre_call
        .iter()
        .flat_map(|w| w.assign.iter().map(|(k, _)| (k.value.clone(), Json::Null)))
        .collect();
    Ok(Scope {
        layers: vec![
            values,
            ctx.assigned.clone(),
            ctx.cli_vars.clone(),
            agent_vars,
            builtins,
            unassigned,
        ],
    })
}

/// Why parameters cannot be used; nothing is sent.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamError {
    Missing(Vec<String>),
    Invalid { name: String, message: String },
    Unknown { name: String, help: Option<String> },
    Other(String),
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamError::Missing(names) => {
                let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                write!(
                    f,
                    "missing required parameter{} {}",
                    if names.len() == 1 { "" } else { "s" },
                    list.join(", ")
                )
            }
            ParamError::Invalid { name, message } => write!(f, "parameter `{name}`: {message}"),
            ParamError::Unknown { name, help } => {
                write!(f, "`{name}` is not a parameter of this action")?;
                if let Some(h) = help {
                    write!(f, "; {h}")?;
                }
                Ok(())
            }
            ParamError::Other(m) => f.write_str(m),
        }
    }
}

/// Type and validate the given values, fill defaults, and check required ones are there.
/// Key order follows the action's parameter order.
pub fn resolve_params(
    def: &Definition,
    action: &Action,
    given: &[(String, Json)],
    ctx: &CallContext,
    env: &EnvSource,
    region: &str,
) -> Result<Map<String, Json>, ParamError> {
    let (map, missing) = resolve_partial(def, action, given, ctx, env, region)?;
    if missing.is_empty() {
        Ok(map)
    } else {
        Err(ParamError::Missing(missing))
    }
}

/// As [`resolve_params`], but a missing required value is reported beside the values that
/// could be typed, so conditions can be judged while an action waits for the rest.
pub fn resolve_partial(
    def: &Definition,
    action: &Action,
    given: &[(String, Json)],
    ctx: &CallContext,
    env: &EnvSource,
    region: &str,
) -> Result<(Map<String, Json>, Vec<String>), ParamError> {
    let mut out = Map::new();
    if let Some(schema) = &action.schema {
        let props = schema.value.get("properties").and_then(Json::as_object);
        for (k, v) in given {
            let ty = props
                .and_then(|p| p.get(k))
                .and_then(|p| p.get("type"))
                .and_then(Json::as_str);
            // Values typed on the command line arrive as text; read them as the schema's type.
            let typed = match (ty, v) {
                (Some("integer"), Json::String(s)) => {
                    s.trim().parse::<i64>().map(Json::from).unwrap_or(v.clone())
                }
                (Some("number"), Json::String(s)) => s
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Json::Number)
                    .unwrap_or(v.clone()),
                (Some("boolean"), Json::String(s)) => match s.trim() {
                    "true" => Json::Bool(true),
                    "false" => Json::Bool(false),
                    _ => v.clone(),
                },
                _ => v.clone(),
            };
            out.insert(k.clone(), typed);
        }
        let missing: Vec<String> = action
            .required_parameters()
            .into_iter()
            .filter(|r| !out.contains_key(r))
            .collect();
        if !missing.is_empty() {
            return Ok((out, missing));
        }
        crate::definition::values::validate_schema(&schema.value, &Json::Object(out.clone()))
            .map_err(|errors| {
                let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                ParamError::Other(messages.join("; "))
            })?;
        return Ok((out, missing));
    }
    for (k, _) in given {
        if action.parameter(k).is_none() {
            let names = action.parameters.iter().map(|p| p.name.value.as_str());
            return Err(ParamError::Unknown {
                name: k.clone(),
                help: crate::diag::did_you_mean(k, names),
            });
        }
    }
    let mut secrets = Secrets::default();
    let mut missing = Vec::new();
    for p in &action.parameters {
        let name = &p.name.value;
        let raw = match given.iter().rev().find(|(k, _)| k == name) {
            Some((_, v)) => Some(v.clone()),
            None => match &p.default {
                Some(t) => {
                    let scope = scope_for(
                        def,
                        Some(Target::Action(action)),
                        &out,
                        ctx,
                        env,
                        &mut secrets,
                    )
                    .map_err(|e| ParamError::Other(e.0))?;
                    let v = render_json(&t.value, &scope, env, &mut secrets)
                        .map_err(|e| ParamError::Other(render_err(def, t, e).0))?;
                    Some(v)
                }
                None => None,
            },
        };
        match raw {
            Some(v) => {
                let typed =
                    crate::definition::values::coerce(p, &v, region).map_err(|message| {
                        ParamError::Invalid {
                            name: name.clone(),
                            message,
                        }
                    })?;
                out.insert(name.clone(), typed);
            }
            None if p.required => missing.push(name.clone()),
            None => {}
        }
    }
    Ok((out, missing))
}

/// Build the request. Deterministic given the same input and `signing_clock`.
pub fn build(input: &PlanInput) -> Result<RequestPlan, PlanError> {
    let def = input.def;
    let target = input.target;
    let request = target.request().merged(&def.defaults);
    let mut secrets = Secrets::default();
    let scope = scope_for(
        def,
        Some(target),
        input.params,
        input.ctx,
        input.env,
        &mut secrets,
    )?;
    let env = input.env;
    let platform = def.platform_for(Some(target.owner()));
    let profile = super::profile::profile(platform);
    let mut warnings = Vec::new();
    let mut method = request.method_or_default();
    // `--platform` over a file written for another: the platform sends tool calls its way.
    if matches!(target, Target::Action(_))
        && def.platform_override.is_some()
        && !profile.tool_methods.is_empty()
        && !profile.tool_methods.contains(&method)
    {
        let at = request
            .method
            .map(|m| format!("{}:{}:{}: ", def.path.display(), m.span.line, m.span.col))
            .unwrap_or_default();
        warnings.push(format!(
            "{at}--platform {} sends tool calls with {}; the file's {} is not used",
            platform.as_str(),
            profile.tool_methods[0].as_str(),
            method.as_str()
        ));
        method = profile.tool_methods[0];
    }

    // URL: variables in the path are percent-encoded; in the query, query-encoded.
    let url_t = request
        .url
        .as_ref()
        .ok_or_else(|| PlanError(format!("`{}` has no url", target.name())))?;
    let url_text = encode_url_vars(&url_t.value, &scope, env, &mut secrets)
        .map_err(|e| render_err(def, url_t, e))?;
    let mut url = url::Url::parse(&url_text).map_err(|e| {
        PlanError(format!(
            "{}: `{url_text}` is not a URL ({e})",
            where_(def, url_t, 0)
        ))
    })?;
    {
        let mut q: Vec<(String, String)> = Vec::new();
        for (k, v) in &request.query {
            q.push((
                k.value.clone(),
                render(&v.value, &scope, env, &mut secrets).map_err(|e| render_err(def, v, e))?,
            ));
        }
        if !method.has_body() && matches!(target, Target::Action(_)) {
            for (k, v) in input.params {
                q.push((k.clone(), value_text(v)));
            }
        }
        if !q.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &q {
                pairs.append_pair(k, v);
            }
        }
    }

    // Body: the file's `body:` template, else the platform's payload.
    let facts = super::profile::Facts {
        def,
        ctx: input.ctx,
    };
    let tool_call_id = match target {
        Target::Action(a) => Some(format!(
            "call_{}",
            super::profile::derived_hex(
                &format!(
                    "{}/{}/{}/{}",
                    input.ctx.conversation_id,
                    a.name.value,
                    Json::Object(input.params.clone()),
                    input.ctx.at
                ),
                24
            )
        )),
        Target::System(_) => None,
    };
    let template = request.body.as_ref().filter(|_| profile.custom_body);
    if let (Some(b), None) = (&request.body, template) {
        warnings.push(format!(
            "{}:{}:{}: {} sends its own payload; `body:` is not used",
            def.path.display(),
            b.span.line,
            b.span.col,
            platform.as_str()
        ));
    }
    // The URL the platform calls (`--public-url`, else the file's): Vapi repeats it in the
    // envelope, Twilio signs it.
    let tool_url = input
        .public_url
        .map(|p| public_url(p, &url))
        .unwrap_or_else(|| url.clone());
    let payload: Option<super::profile::Payload> = if let Some(b) = template {
        let v = render_body(&b.value, def, &scope, env, &mut secrets)?;
        Some(super::profile::Payload::Json(v))
    } else if method.has_body() {
        Some(match target {
            Target::Action(a) => (profile.tool_call)(
                &facts,
                &super::profile::ToolCall {
                    action: a,
                    id: tool_call_id.as_deref().unwrap_or_default(),
                    arguments: input.params,
                    url: tool_url.as_str(),
                },
            ),
            Target::System(w) => (profile.system)(&facts, w.kind),
        })
    } else {
        None
    };
    let body: Option<Vec<u8>> = payload.as_ref().map(|p| p.bytes());

    // Headers, in the order they are sent.
    let mut headers: Vec<(String, String)> = Vec::new();
    let has = |h: &Vec<(String, String)>, n: &str| h.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
    let mut configured = Vec::new();
    for (k, v) in &request.headers {
        configured.push((
            k.value.clone(),
            render(&v.value, &scope, env, &mut secrets).map_err(|e| render_err(def, v, e))?,
        ));
    }
    if !has(&configured, "user-agent") {
        headers.push((
            "User-Agent".into(),
            format!("voxhook/{}", env!("CARGO_PKG_VERSION")),
        ));
    }
    if !has(&configured, "accept") {
        headers.push(("Accept".into(), "application/json".into()));
    }
    if let Some(p) = payload
        .as_ref()
        .filter(|_| !has(&configured, "content-type"))
    {
        headers.push(("Content-Type".into(), p.content_type().into()));
    }
    headers.extend(configured);
    if let Some(auth) = &request.auth {
        let (name, value) = match &auth.value {
            Auth::Bearer(t) => {
                let tok = render(&t.value, &scope, env, &mut secrets)
                    .map_err(|e| render_err(def, t, e))?;
                secrets.add(&tok);
                ("Authorization".to_string(), format!("Bearer {tok}"))
            }
            Auth::Basic { username, password } => {
                let u = render(&username.value, &scope, env, &mut secrets)
                    .map_err(|e| render_err(def, username, e))?;
                let p = render(&password.value, &scope, env, &mut secrets)
                    .map_err(|e| render_err(def, password, e))?;
                secrets.add(&p);
                let b64 = base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"));
                secrets.add(&b64);
                ("Authorization".to_string(), format!("Basic {b64}"))
            }
            Auth::Header { name, value } => {
                let v = render(&value.value, &scope, env, &mut secrets)
                    .map_err(|e| render_err(def, value, e))?;
                secrets.add(&v);
                (name.value.clone(), v)
            }
        };
        headers.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
        headers.push((name, value));
    }
    let mut signed = None;
    let mut signing_used = None;
    let signing = request.signing.as_ref().filter(|sg| {
        // ElevenLabs signs its system webhooks only: a tool call carries its auth headers.
        let tool = matches!(target, Target::Action(_));
        if tool && !profile.signs_tools {
            warnings.push(format!(
                "{}:{}:{}: {} does not sign tool calls; `signing:` is not used (use `auth:`)",
                def.path.display(),
                sg.span.line,
                sg.span.col,
                platform.as_str()
            ));
        }
        !tool || profile.signs_tools
    });
    if let Some(signing) = signing {
        let s = &signing.value;
        let secret = render(&s.secret.value, &scope, env, &mut secrets)
            .map_err(|e| render_err(def, &s.secret, e))?;
        secrets.add(&secret);
        let mut scheme = match s.scheme {
            Some(x) => x.value,
            None => profile.schemes[0],
        };
        // `--platform` plays another platform's engine over a file written for one: a
        // scheme of the file that the platform does not use gives way to the platform's own.
        let substitute;
        let mut s = s;
        if !profile.schemes.contains(&scheme) && def.platform_override.is_some() {
            let at = s
                .scheme
                .map(|x| format!("{}:{}:{}", def.path.display(), x.span.line, x.span.col))
                .unwrap_or_else(|| where_(def, &s.secret, 0));
            warnings.push(format!(
                "{at}: --platform {} signs with `{}`; the file's `{}` is not used",
                platform.as_str(),
                profile.schemes[0].as_str(),
                scheme.as_str()
            ));
            scheme = profile.schemes[0];
            substitute = Signing {
                secret: s.secret.clone(),
                ..Signing::defaults()
            };
            s = &substitute;
        }
        if !profile.schemes.contains(&scheme) {
            let at = s.scheme.map(|x| x.span).unwrap_or(signing.span);
            return Err(PlanError(format!(
                "{}:{}:{}: {} does not sign with `{}`; it uses {}",
                def.path.display(),
                at.line,
                at.col,
                platform.as_str(),
                scheme.as_str(),
                scheme_list(profile.schemes)
            )));
        }
        let (unix_ms, id) = input.signing_clock.clone().unwrap_or_else(|| {
            let ms = if input.ctx.fixed_clock {
                facts.now_ms()
            } else {
                chrono::Utc::now().timestamp_millis()
            };
            (
                ms,
                format!(
                    "msg_{}",
                    super::profile::derived_hex(
                        &format!("{}/{}/{ms}", input.ctx.conversation_id, target.name()),
                        24
                    )
                ),
            )
        });
        let form = match &payload {
            Some(super::profile::Payload::Form(f)) if template.is_none() => Some(f.as_slice()),
            _ => None,
        };
        let bytes = body.clone().unwrap_or_default();
        let out = super::signing::sign(
            scheme,
            s,
            &super::signing::SignInput {
                secret: &secret,
                body: &bytes,
                url: &tool_url,
                form,
                unix_ms,
                message_id: &id,
                method: method.as_str(),
            },
        )
        .map_err(|e| {
            PlanError(format!(
                "{}: signing secret: {e}",
                where_(def, &s.secret, 0)
            ))
        })?;
        for v in &out.signatures {
            secrets.add(v);
        }
        if let Some((k, v)) = &out.query {
            url.query_pairs_mut().append_pair(k, v);
        }
        signing_used = Some(SigningUsed {
            scheme,
            settings: s.clone(),
            secret: secret.clone(),
            url: tool_url.clone(),
            form: form.map(<[(String, String)]>::to_vec),
            unix_ms,
            message_id: id.clone(),
            headers: out.headers.iter().map(|(k, _)| k.clone()).collect(),
        });
        headers.extend(out.headers);
        signed = Some(out.signed);
    }

    let mut timeout = input
        .timeout_override
        .or(request.timeout.map(|t| t.value))
        .unwrap_or(DEFAULT_TIMEOUT)
        .min(def.policy.max_timeout.max(Duration::from_millis(1)));
    // The platform gives up at its own limit (Vapi's 7.5 s assistant-request, …).
    if let Some(limit) = profile.limits.iter().find(|l| l.kind == target.kind()) {
        timeout = timeout.min(limit.max_timeout);
    }
    Ok(RequestPlan {
        target: target.name().to_string(),
        method,
        url,
        headers,
        body,
        timeout,
        max_response_size: def.policy.max_response_size,
        secrets: secrets.values,
        platform,
        kind: target.kind(),
        tool_call_id,
        signed,
        warnings,
        signing: signing_used,
        body_json: match payload {
            Some(super::profile::Payload::Json(j)) => Some(j),
            _ => None,
        },
    })
}

fn scheme_list(schemes: &[Scheme]) -> String {
    schemes
        .iter()
        .map(|s| format!("`{}`", s.as_str()))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The URL the platform would call: `--public-url` with the real URL's path and query when
/// it names only an origin (`https://abc.ngrok.app`), else as given plus the real query.
pub fn public_url(public: &url::Url, real: &url::Url) -> url::Url {
    let mut u = public.clone();
    if public.path() == "/" || public.path().is_empty() {
        u.set_path(real.path());
    }
    // The query sent is the query signed: the file's pairs follow the public URL's own.
    let pairs: Vec<(String, String)> = real.query_pairs().into_owned().collect();
    if !pairs.is_empty() {
        u.query_pairs_mut().extend_pairs(pairs);
    }
    u
}

/// Render the URL with each variable percent-encoded for its place: path segments encode
/// `/`, `?`, `#` and spaces; after `?`, values are form-encoded.
fn encode_url_vars(
    t: &Template,
    scope: &Scope,
    env: &EnvSource,
    secrets: &mut Secrets,
) -> Result<String, RenderError> {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'/')
        .add(b'%');
    const QUERY: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'<')
        .add(b'>')
        .add(b'&')
        .add(b'=')
        .add(b'+')
        .add(b'%');
    // Before the `?` a value is a path segment; after it, a query value.
    render_with(t, scope, env, secrets, &|v, so_far| {
        let set = if so_far.contains('?') { QUERY } else { PATH };
        utf8_percent_encode(v, set).to_string()
    })
}

fn render_body(
    b: &Body,
    def: &Definition,
    scope: &Scope,
    env: &EnvSource,
    secrets: &mut Secrets,
) -> Result<Json, PlanError> {
    Ok(match b {
        Body::Null => Json::Null,
        Body::Bool(v) => Json::Bool(*v),
        Body::Number(n) => Json::Number(n.clone()),
        Body::Str(t) => {
            render_json(&t.value, scope, env, secrets).map_err(|e| render_err(def, t, e))?
        }
        Body::List(items) => Json::Array(
            items
                .iter()
                .map(|i| render_body(i, def, scope, env, secrets))
                .collect::<Result<_, _>>()?,
        ),
        Body::Object(pairs) => {
            let mut m = Map::new();
            for (k, v) in pairs {
                m.insert(k.clone(), render_body(v, def, scope, env, secrets)?);
            }
            Json::Object(m)
        }
    })
}
