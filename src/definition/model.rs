//! The action file as typed data. Every value keeps its [`Span`] so any later stage (lint,
//! request building, simulate) can point at the exact place it came from.

use super::template::Template;
use super::yaml::Span;
use serde_json::Value as Json;
use std::path::PathBuf;
use std::time::Duration;

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

pub type KeyValues<T> = Vec<(Sp<String>, Sp<T>)>;

#[derive(Clone, Debug, Default)]
pub struct Definition {
    pub path: PathBuf,
    pub source: String,
    pub version: Option<Sp<i64>>,
    pub agent: Agent,
    pub policy: Policy,
    pub defaults: Request,
    pub actions: Vec<Action>,
    pub webhooks: SystemWebhooks,
    /// `platform:` at file level (default voxhook).
    pub platform: Option<Sp<Platform>>,
    /// `--platform`: wins over every `platform:` of the file.
    pub platform_override: Option<Platform>,
    /// Values from the `.env` file beside the action file.
    pub dotenv: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct Agent {
    pub id: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
    pub variables: KeyValues<Template>,
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub methods: Vec<Sp<Method>>,
    pub methods_span: Option<Span>,
    pub require_https: bool,
    pub allow_private_networks: bool,
    pub max_timeout: Duration,
    pub max_response_size: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            methods: Method::ALL
                .iter()
                .map(|m| Sp::new(*m, Span::default()))
                .collect(),
            methods_span: None,
            require_https: true,
            allow_private_networks: false,
            max_timeout: Duration::from_secs(30),
            max_response_size: 1024 * 1024,
        }
    }
}

impl Policy {
    pub fn allows_method(&self, m: Method) -> bool {
        self.methods.iter().any(|x| x.value == m)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
    pub fn parse(s: &str) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
    }
    /// Methods whose parameters travel in a JSON body (the others use the query string).
    pub fn has_body(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Patch)
    }
}

/// The request keys shared by action webhooks, system webhooks and `defaults`.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub url: Option<Sp<Template>>,
    pub method: Option<Sp<Method>>,
    pub headers: KeyValues<Template>,
    pub query: KeyValues<Template>,
    pub auth: Option<Sp<Auth>>,
    pub signing: Option<Sp<Signing>>,
    pub body: Option<Sp<Body>>,
    pub timeout: Option<Sp<Duration>>,
    pub span: Span,
}

impl Request {
    /// This request with `defaults` filled in where it says nothing; its own keys win.
    /// Headers and query merge by name (case-insensitive for headers).
    pub fn merged(&self, defaults: &Request) -> Request {
        let mut headers = defaults.headers.clone();
        for (k, v) in &self.headers {
            headers.retain(|(dk, _)| !dk.value.eq_ignore_ascii_case(&k.value));
            headers.push((k.clone(), v.clone()));
        }
        let mut query = defaults.query.clone();
        for (k, v) in &self.query {
            query.retain(|(dk, _)| dk.value != k.value);
            query.push((k.clone(), v.clone()));
        }
        Request {
            url: self.url.clone().or_else(|| defaults.url.clone()),
            method: self.method.or(defaults.method),
            headers,
            query,
            auth: self.auth.clone().or_else(|| defaults.auth.clone()),
            signing: self.signing.clone().or_else(|| defaults.signing.clone()),
            body: self.body.clone().or_else(|| defaults.body.clone()),
            timeout: self.timeout.or(defaults.timeout),
            span: self.span,
        }
    }

    pub fn method_or_default(&self) -> Method {
        self.method.map(|m| m.value).unwrap_or(Method::Post)
    }
}

impl<T: Copy> Copy for Sp<T> {}

#[derive(Clone, Debug, PartialEq)]
pub enum Auth {
    Bearer(Sp<Template>),
    Basic {
        username: Sp<Template>,
        password: Sp<Template>,
    },
    Header {
        name: Sp<String>,
        value: Sp<Template>,
    },
}

/// A signing scheme: the two generic ones, and each platform's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    StandardWebhooks,
    HmacSha256,
    Vapi,
    Retell,
    Elevenlabs,
    Twilio,
    Bland,
}

impl Scheme {
    pub const ALL: [Scheme; 7] = [
        Scheme::StandardWebhooks,
        Scheme::HmacSha256,
        Scheme::Vapi,
        Scheme::Retell,
        Scheme::Elevenlabs,
        Scheme::Twilio,
        Scheme::Bland,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::StandardWebhooks => "standard-webhooks",
            Scheme::HmacSha256 => "hmac-sha256",
            Scheme::Vapi => "vapi",
            Scheme::Retell => "retell",
            Scheme::Elevenlabs => "elevenlabs",
            Scheme::Twilio => "twilio",
            Scheme::Bland => "bland",
        }
    }
    pub fn parse(s: &str) -> Option<Scheme> {
        Scheme::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Whose webhook engine voxhook plays (SPEC section 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    #[default]
    Voxhook,
    Vapi,
    Retell,
    Elevenlabs,
    Twilio,
    Bland,
}

impl Platform {
    pub const ALL: [Platform; 6] = [
        Platform::Voxhook,
        Platform::Vapi,
        Platform::Retell,
        Platform::Elevenlabs,
        Platform::Twilio,
        Platform::Bland,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Voxhook => "voxhook",
            Platform::Vapi => "vapi",
            Platform::Retell => "retell",
            Platform::Elevenlabs => "elevenlabs",
            Platform::Twilio => "twilio",
            Platform::Bland => "bland",
        }
    }
    pub fn parse(s: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// `signing:`. Without `scheme`, the platform's own scheme applies. The Vapi HMAC plan's
/// settings (`algorithm`, `timestamp_header`, `payload_format`, `encoding`, `prefix`,
/// `message_id_header`) and the signature `header` are optional overrides of its defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct Signing {
    pub scheme: Option<Sp<Scheme>>,
    pub secret: Sp<Template>,
    pub header: Option<Sp<String>>,
    pub timestamp_header: Option<Sp<String>>,
    pub algorithm: Option<Sp<String>>,
    pub payload_format: Option<Sp<String>>,
    pub encoding: Option<Sp<String>>,
    /// Vapi's `signaturePrefix` (e.g. `sha256=`).
    pub prefix: Option<Sp<String>>,
    /// Vapi's `messageIdHeader`: a header carrying a unique message id.
    pub message_id_header: Option<Sp<String>>,
}

impl Signing {
    /// The scheme's defaults, for signing outside a file (`voxhook sign`, `verify`).
    pub fn defaults() -> Signing {
        Signing {
            scheme: None,
            secret: Sp::new(Template::default(), Span::default()),
            header: None,
            timestamp_header: None,
            algorithm: None,
            payload_format: None,
            encoding: None,
            prefix: None,
            message_id_header: None,
        }
    }
}

/// A request body template: JSON shape with templated strings.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Str(Sp<Template>),
    List(Vec<Body>),
    Object(Vec<(String, Body)>),
}

impl Body {
    /// Every template in the body, in document order.
    pub fn templates(&self) -> Vec<&Sp<Template>> {
        let mut out = Vec::new();
        fn walk<'a>(b: &'a Body, out: &mut Vec<&'a Sp<Template>>) {
            match b {
                Body::Str(t) => out.push(t),
                Body::List(items) => items.iter().for_each(|i| walk(i, out)),
                Body::Object(pairs) => pairs.iter().for_each(|(_, v)| walk(v, out)),
                _ => {}
            }
        }
        walk(self, &mut out);
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    String,
    Number,
    Integer,
    Boolean,
    Phone,
    Date,
    Email,
}

impl ParamType {
    pub const NAMES: [&'static str; 7] = [
        "string", "number", "integer", "boolean", "phone", "date", "email",
    ];
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "string" => ParamType::String,
            "number" => ParamType::Number,
            "integer" => ParamType::Integer,
            "boolean" => ParamType::Boolean,
            "phone" => ParamType::Phone,
            "date" => ParamType::Date,
            "email" => ParamType::Email,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A parameter's pattern compiled on first use, once, and shared by clones.
#[derive(Clone, Debug, Default)]
pub struct CompiledPattern(
    std::sync::Arc<std::sync::OnceLock<Option<crate::text::regex_index::ShortRegex>>>,
);

#[derive(Clone, Debug)]
pub struct Parameter {
    pub name: Sp<String>,
    pub ty: Sp<ParamType>,
    pub description: Option<Sp<String>>,
    pub required: bool,
    pub pattern: Option<Sp<String>>,
    pub compiled: CompiledPattern,
    pub example: Option<Sp<Json>>,
    pub default: Option<Sp<Template>>,
    pub enum_values: Option<Sp<Vec<Json>>>,
}

impl Parameter {
    /// The pattern as a regex; `None` without a pattern or when it does not compile (lint
    /// reports that).
    pub fn pattern_regex(&self) -> Option<&crate::text::regex_index::ShortRegex> {
        let p = self.pattern.as_ref()?;
        self.compiled
            .0
            .get_or_init(|| crate::text::regex_index::short_regex(&p.value))
            .as_ref()
    }
}

#[derive(Clone, Debug)]
pub enum Trigger {
    Phrases(Vec<Sp<String>>, Span),
    Entity(Sp<String>),
    Regex(Sp<String>),
}

#[derive(Clone, Debug)]
pub enum Condition {
    Present(Sp<String>),
    Absent(Sp<String>),
    Equals(KeyValues<Json>),
}

#[derive(Clone, Debug, Default)]
pub struct ResponseSpec {
    pub envelope: bool,
    pub assign: KeyValues<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Expect {
    pub status: Option<Sp<u16>>,
    pub success: Option<Sp<bool>>,
    pub json: KeyValues<Json>,
    pub max_latency: Option<Sp<Duration>>,
}

#[derive(Clone, Debug)]
pub struct TestCase {
    pub name: Sp<String>,
    pub parameters: KeyValues<Json>,
    pub vars: KeyValues<String>,
    pub expect: Expect,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct MockRule {
    pub when: KeyValues<Json>,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<Json>,
    /// Where `body:` is written.
    pub body_span: Option<Span>,
    pub delay: Option<Duration>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Action {
    pub name: Sp<String>,
    pub display_name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub targets: Vec<Sp<String>>,
    pub interruptible: Option<Sp<bool>>,
    pub parameters: Vec<Parameter>,
    pub schema: Option<Sp<Json>>,
    pub triggers: Vec<Trigger>,
    pub conditions: Vec<Condition>,
    pub webhook: Request,
    pub response: ResponseSpec,
    pub fallback: Option<Sp<String>>,
    pub tests: Vec<TestCase>,
    pub mock: Vec<MockRule>,
    /// `platform:` of this action.
    pub platform: Option<Sp<Platform>>,
    /// Retell: send the arguments alone, not `{name, call, args}`.
    pub args_at_root: bool,
    pub args_at_root_span: Option<Span>,
    pub span: Span,
}

impl Action {
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name.value == name)
    }
    /// Names of every parameter, from `parameters:` or from the JSON Schema's `properties`.
    pub fn parameter_names(&self) -> Vec<String> {
        if let Some(schema) = &self.schema {
            if let Some(props) = schema.value.get("properties").and_then(Json::as_object) {
                return props.keys().cloned().collect();
            }
            return Vec::new();
        }
        self.parameters
            .iter()
            .map(|p| p.name.value.clone())
            .collect()
    }
    pub fn required_parameters(&self) -> Vec<String> {
        if let Some(schema) = &self.schema {
            return schema
                .value
                .get("required")
                .and_then(Json::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
        }
        self.parameters
            .iter()
            .filter(|p| p.required && p.default.is_none())
            .map(|p| p.name.value.clone())
            .collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemKind {
    PreCall,
    PostCall,
    CallStatus,
}

impl SystemKind {
    pub const ALL: [SystemKind; 3] = [
        SystemKind::PreCall,
        SystemKind::PostCall,
        SystemKind::CallStatus,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SystemKind::PreCall => "pre_call",
            SystemKind::PostCall => "post_call",
            SystemKind::CallStatus => "call_status",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OnFailure {
    #[default]
    Continue,
    Block,
}

#[derive(Clone, Debug)]
pub struct SystemWebhook {
    pub kind: SystemKind,
    pub request: Request,
    pub assign: KeyValues<String>,
    pub assign_span: Option<Span>,
    pub on_failure: OnFailure,
    pub events: Vec<Sp<String>>,
    pub tests: Vec<TestCase>,
    pub mock: Vec<MockRule>,
    /// `platform:` of this webhook.
    pub platform: Option<Sp<Platform>>,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct SystemWebhooks {
    pub pre_call: Option<SystemWebhook>,
    pub post_call: Option<SystemWebhook>,
    pub call_status: Option<SystemWebhook>,
}

impl SystemWebhooks {
    pub fn get(&self, kind: SystemKind) -> Option<&SystemWebhook> {
        match kind {
            SystemKind::PreCall => self.pre_call.as_ref(),
            SystemKind::PostCall => self.post_call.as_ref(),
            SystemKind::CallStatus => self.call_status.as_ref(),
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = &SystemWebhook> {
        [&self.pre_call, &self.post_call, &self.call_status]
            .into_iter()
            .flatten()
    }
}

/// Built-in variables, and where each may be used.
pub const BUILTINS_EVERYWHERE: [&str; 7] = [
    "agent_id",
    "agent_uuid",
    "conversation_id",
    "conversation_uuid",
    "contact_id",
    "caller_phone",
    "call_started_at",
];
pub const BUILTINS_POST_CALL: [&str; 4] = [
    "call_duration",
    "call_summary",
    "transcript",
    "actions_fired",
];
pub const BUILTINS_CALL_STATUS: [&str; 1] = ["event"];

/// The entity kinds an `entity:` trigger may name besides a parameter: what the extractors
/// find in caller speech.
pub const ENTITY_KINDS: [&str; 5] = ["email", "phone", "digits", "number", "date"];

/// Status events a call can go through (`call_status.events`, transcript event lines).
pub const CALL_EVENTS: [&str; 8] = [
    "call_started",
    "ringing",
    "in_progress",
    "transfer_initiated",
    "transfer_completed",
    "hold",
    "resumed",
    "call_ended",
];

/// Where a request is defined, for messages and template scoping.
#[derive(Clone, Copy)]
pub enum Owner<'a> {
    Action(&'a Action),
    System(&'a SystemWebhook),
}

impl Definition {
    /// The platform a request of `owner` is sent as: `--platform`, else the owner's
    /// `platform:`, else the file's, else voxhook.
    pub fn platform_for(&self, owner: Option<Owner>) -> Platform {
        if let Some(p) = self.platform_override {
            return p;
        }
        let own = match owner {
            Some(Owner::Action(a)) => a.platform,
            Some(Owner::System(w)) => w.platform,
            None => None,
        };
        own.or(self.platform).map(|p| p.value).unwrap_or_default()
    }

    /// Every template the file holds, with the request that owns it (`None`: agent variables
    /// and `defaults`).
    pub fn templates(&self) -> Vec<(Option<Owner<'_>>, &Sp<Template>)> {
        let mut out: Vec<(Option<Owner<'_>>, &Sp<Template>)> = Vec::new();
        for (_, v) in &self.agent.variables {
            out.push((None, v));
        }
        push_request(&mut out, None, &self.defaults);
        for a in &self.actions {
            push_request(&mut out, Some(Owner::Action(a)), &a.webhook);
            for p in &a.parameters {
                if let Some(t) = &p.default {
                    out.push((Some(Owner::Action(a)), t));
                }
            }
        }
        for w in self.webhooks.iter() {
            push_request(&mut out, Some(Owner::System(w)), &w.request);
        }
        out
    }

    pub fn action(&self, name: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.name.value == name)
    }
    pub fn dir(&self) -> PathBuf {
        self.path
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default()
    }
}

fn push_request<'a, 'b>(
    out: &mut Vec<(Option<Owner<'a>>, &'b Sp<Template>)>,
    owner: Option<Owner<'a>>,
    r: &'b Request,
) {
    if let Some(u) = &r.url {
        out.push((owner, u));
    }
    for (_, v) in r.headers.iter().chain(r.query.iter()) {
        out.push((owner, v));
    }
    match r.auth.as_ref().map(|a| &a.value) {
        Some(Auth::Bearer(t)) => out.push((owner, t)),
        Some(Auth::Basic { username, password }) => {
            out.push((owner, username));
            out.push((owner, password));
        }
        Some(Auth::Header { value, .. }) => out.push((owner, value)),
        None => {}
    }
    if let Some(s) = &r.signing {
        out.push((owner, &s.value.secret));
    }
    if let Some(b) = &r.body {
        for t in b.value.templates() {
            out.push((owner, t));
        }
    }
}

/// Header and query names whose values are credentials: the name's last word is one of
/// these (`X-Api-Key`, `access_token`, `X-Webhook-Secret`, `Authorization`, `sig`), so
/// `token_type` or `X-Signature-Timestamp` are data. Lint (`inline-secret`) and import share it.
const CREDENTIAL_WORDS: [&str; 13] = [
    "authorization",
    "auth",
    "cookie",
    "key",
    "apikey",
    "token",
    "secret",
    "password",
    "passwd",
    "signature",
    "sig",
    "credential",
    "credentials",
];

/// The words before `key` that make it a credential (`api_key`, `clientKey`); `sort_key`,
/// `Idempotency-Key` or `primary_key` are data.
const KEY_KINDS: [&str; 11] = [
    "api",
    "access",
    "private",
    "secret",
    "client",
    "license",
    "signing",
    "subscription",
    "auth",
    "app",
    "master",
];

/// The words of a name, lower-case: split at anything not a letter or digit and where a
/// capital follows a lower-case letter (`clientSecret`, `X-API-Key`, `api_key`).
fn name_words(name: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            words.push(String::new());
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            words.push(String::new());
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        if let Some(w) = words.last_mut() {
            w.push(c.to_ascii_lowercase());
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// The credential test both share; `bare_key` says whether `key` alone is one (a query's
/// `?key=` is Google's API key; a body's `key` is a lookup key).
fn ends_in_credential(name: &str, bare_key: bool, cookie: bool) -> bool {
    let words = name_words(name);
    let Some(last) = words.last() else {
        return false;
    };
    match last.as_str() {
        "key" if words.len() == 1 => bare_key,
        "key" => KEY_KINDS.contains(&words[words.len() - 2].as_str()),
        "cookie" => cookie,
        w => CREDENTIAL_WORDS.contains(&w),
    }
}

/// A header or query name whose value is a credential.
pub fn is_credential_name(name: &str) -> bool {
    ends_in_credential(name, true, true)
}

/// A body field whose value is a credential: as a header name, but a bare `key` or a
/// `cookie` in a body is usually data.
pub fn is_credential_field(name: &str) -> bool {
    ends_in_credential(name, false, false)
}

#[cfg(test)]
mod credential_name_tests {
    use super::*;

    #[test]
    fn a_credential_name_ends_in_a_credential_word() {
        for n in [
            "X-Api-Key",
            "access_token",
            "clientSecret",
            "Authorization",
            "sig",
            "X-API-KEY",
            "key",
            "X-Auth-Token",
            "Cookie",
            "apikey",
            "subscription-key",
        ] {
            assert!(is_credential_name(n), "{n}");
        }
        for n in [
            "X-Request-Id",
            "Accept",
            "signal",
            "monkey",
            "tokenizer",
            "Idempotency-Key",
            "X-Sort-Key",
            "Cache-Key",
            "token_type",
            "primary_key",
            "pub_key",
            "X-Signature-Timestamp",
            "secret_question",
            "password_hint",
            "max_tokens",
        ] {
            assert!(!is_credential_name(n), "{n}");
        }
    }

    #[test]
    fn a_body_key_or_cookie_alone_is_data() {
        for n in [
            "api_key",
            "apiKey",
            "client_secret",
            "privateKey",
            "password",
            "auth",
        ] {
            assert!(is_credential_field(n), "{n}");
        }
        for n in [
            "key",
            "sort_key",
            "cookie",
            "idempotency_key",
            "order_id",
            "token_count",
        ] {
            assert!(!is_credential_field(n), "{n}");
        }
    }
}
