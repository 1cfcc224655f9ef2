//! From YAML tree to [`Definition`], reporting every structural problem as a located
//! [`Finding`]: syntax, unknown keys (with did-you-mean), wrong types, duplicates, missing keys.
//!
//! Loading never stops at the first problem: whatever can be read is kept, so lint can run its
//! rules over the rest of the file in the same pass.

use super::model::*;
use super::template::Template;
use super::units::{parse_duration, parse_size};
use super::yaml::{self, Node, Span, Value};
use crate::diag::{Finding, did_you_mean};
use serde_json::Value as Json;
use std::path::Path;
use std::time::Duration;

/// The largest action file we read. Far above any real file (10,000 actions is about 5 MB).
pub const MAX_FILE_SIZE: usize = 64 * 1024 * 1024;

pub struct Loaded {
    pub def: Definition,
    pub findings: Vec<Finding>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == crate::diag::Severity::Error)
    }
}

/// Load a file from bytes: invalid UTF-8 and oversize input are located findings, not panics.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Loaded {
    if bytes.len() > MAX_FILE_SIZE {
        let def = Definition {
            path: path.to_path_buf(),
            ..Definition::default()
        };
        let f = Finding::error(
            "syntax",
            Span::new(1, 1, 0, 0),
            format!(
                "the file is {} bytes; the limit is {} bytes",
                bytes.len(),
                MAX_FILE_SIZE
            ),
        );
        return Loaded {
            def,
            findings: vec![f],
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => load_str(path, s),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good
                .iter()
                .rposition(|b| *b == b'\n')
                .map(|i| i + 1)
                .unwrap_or(0);
            let col = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            let def = Definition {
                path: path.to_path_buf(),
                source: String::from_utf8_lossy(bytes).into_owned(),
                ..Definition::default()
            };
            let f = Finding::error(
                "syntax",
                Span::new(line as u32, col as u32, e.valid_up_to(), 1),
                format!(
                    "the file is not valid UTF-8 (byte 0x{:02x})",
                    bytes[e.valid_up_to()]
                ),
            )
            .help("save the file as UTF-8");
            Loaded {
                def,
                findings: vec![f],
            }
        }
    }
}

pub fn load_str(path: &Path, src: &str) -> Loaded {
    if let Some(loaded) = load_pieces(path, src) {
        return loaded;
    }
    load_whole(path, src)
}

/// Read the file in one piece.
pub fn load_whole(path: &Path, src: &str) -> Loaded {
    let mut def = Definition {
        path: path.to_path_buf(),
        source: src.to_string(),
        ..Definition::default()
    };
    let mut l = Loader {
        src,
        findings: Vec::new(),
    };
    match yaml::parse(src) {
        Ok(root) => l.top(&root, &mut def),
        Err(e) => l.findings.push(Finding::error("syntax", e.span, e.message)),
    }
    Loaded {
        def,
        findings: l.findings,
    }
}

/// Read a large file in pieces on two threads (see `chunks`); `None` when it cannot be cut or
/// a piece does not stand on its own, and then [`load_whole`] reads it.
pub fn load_pieces(path: &Path, src: &str) -> Option<Loaded> {
    let split = super::chunks::split(src)?;
    let mut rest_root = yaml::parse(&split.rest).ok()?;
    super::chunks::shift_after(&mut rest_root, split.cut_at, split.removed);
    let half = split.chunks.len().div_ceil(2);
    let work = |chunks: &[super::chunks::Chunk]| -> Option<(Vec<Action>, Vec<Finding>)> {
        let mut l = Loader {
            src,
            findings: Vec::new(),
        };
        let mut actions = Vec::new();
        for c in chunks {
            let mut node = yaml::parse(c.text).ok()?;
            super::chunks::shift(&mut node, c.line, c.offset);
            let Value::Seq(items) = &node.value else {
                return None;
            };
            for item in items {
                if let Some(a) = l.action(item) {
                    actions.push(a);
                }
            }
        }
        Some((actions, l.findings))
    };
    let (first, second) = std::thread::scope(|s| {
        let later = s.spawn(|| work(&split.chunks[half..]));
        let first = work(&split.chunks[..half]);
        (first, later.join().ok().flatten())
    });
    let (mut actions, mut findings) = first?;
    let (more, more_findings) = second?;
    actions.extend(more);
    findings.extend(more_findings);
    let mut def = Definition {
        path: path.to_path_buf(),
        source: src.to_string(),
        ..Definition::default()
    };
    let mut l = Loader { src, findings };
    l.top(&rest_root, &mut def);
    // The rest of the file saw an empty `actions:`; put the read actions in their place.
    def.actions = actions;
    Some(Loaded {
        def,
        findings: l.findings,
    })
}

pub(crate) struct Loader<'s> {
    src: &'s str,
    pub(crate) findings: Vec<Finding>,
}

/// A mapping whose keys have been checked against the allowed set.
struct Obj<'a> {
    pairs: Vec<(&'a str, &'a Node, &'a Node)>,
    span: Span,
}

impl<'a> Obj<'a> {
    fn get(&self, key: &str) -> Option<&'a Node> {
        self.pairs
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
    }
    fn key_span(&self, key: &str) -> Option<Span> {
        self.pairs
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, _)| k.span)
    }
}

const TOP_KEYS: &[&str] = &[
    "version", "platform", "agent", "policy", "defaults", "actions", "webhooks",
];
const AGENT_KEYS: &[&str] = &["id", "name", "variables"];
const POLICY_KEYS: &[&str] = &[
    "methods",
    "require_https",
    "allow_private_networks",
    "max_timeout",
    "max_response_size",
];
const DEFAULTS_KEYS: &[&str] = &["method", "headers", "query", "auth", "signing", "timeout"];
const ACTION_KEYS: &[&str] = &[
    "name",
    "display_name",
    "description",
    "targets",
    "interruptible",
    "parameters",
    "schema",
    "triggers",
    "conditions",
    "webhook",
    "response",
    "fallback",
    "tests",
    "mock",
    "platform",
    "args_at_root",
];
const PARAM_KEYS: &[&str] = &[
    "type",
    "description",
    "required",
    "pattern",
    "example",
    "default",
    "enum",
];
const WEBHOOK_KEYS: &[&str] = &[
    "url", "method", "headers", "query", "auth", "signing", "body", "timeout",
];
const PRE_CALL_KEYS: &[&str] = &[
    "url",
    "method",
    "headers",
    "query",
    "auth",
    "signing",
    "body",
    "timeout",
    "assign",
    "on_failure",
    "tests",
    "mock",
    "platform",
];
const POST_CALL_KEYS: &[&str] = &[
    "url", "method", "headers", "query", "auth", "signing", "body", "timeout", "assign", "tests",
    "mock", "platform",
];
const CALL_STATUS_KEYS: &[&str] = &[
    "url", "method", "headers", "query", "auth", "signing", "body", "timeout", "events", "tests",
    "mock", "platform",
];
const SIGNING_KEYS: &[&str] = &[
    "scheme",
    "secret",
    "header",
    "timestamp_header",
    "algorithm",
    "payload_format",
    "encoding",
    "prefix",
    "message_id_header",
];
const RESPONSE_KEYS: &[&str] = &["envelope", "assign"];
const TEST_KEYS: &[&str] = &["name", "parameters", "variables", "expect"];
const EXPECT_KEYS: &[&str] = &["status", "success", "json", "max_latency"];
const MOCK_KEYS: &[&str] = &["when", "status", "headers", "body", "delay"];
const TRIGGER_KEYS: &[&str] = &["phrases", "entity", "regex"];
const CONDITION_KEYS: &[&str] = &["present", "absent", "equals"];
const AUTH_KEYS: &[&str] = &["bearer", "basic", "header"];

/// Every key the file format knows, for the schema test and did-you-mean.
pub const ALL_KEY_SETS: &[(&str, &[&str])] = &[
    ("top", TOP_KEYS),
    ("agent", AGENT_KEYS),
    ("policy", POLICY_KEYS),
    ("defaults", DEFAULTS_KEYS),
    ("action", ACTION_KEYS),
    ("parameter", PARAM_KEYS),
    ("webhook", WEBHOOK_KEYS),
    ("pre_call", PRE_CALL_KEYS),
    ("post_call", POST_CALL_KEYS),
    ("call_status", CALL_STATUS_KEYS),
    ("signing", SIGNING_KEYS),
    ("response", RESPONSE_KEYS),
    ("test", TEST_KEYS),
    ("expect", EXPECT_KEYS),
    ("mock", MOCK_KEYS),
];

impl<'s> Loader<'s> {
    fn err(&mut self, code: &'static str, span: Span, msg: impl Into<String>) {
        self.findings.push(Finding::error(code, span, msg));
    }

    fn type_err(&mut self, node: &Node, what: &str, expected: &str) {
        self.err(
            "type",
            node.span,
            format!("`{what}` must be {expected}, found {}", node.kind()),
        );
    }

    fn obj<'a>(&mut self, node: &'a Node, what: &str, allowed: &[&str]) -> Option<Obj<'a>> {
        let Value::Map(pairs) = &node.value else {
            if !matches!(node.value, Value::Null) {
                self.type_err(node, what, "a mapping");
            }
            return None;
        };
        let mut out: Vec<(&'a str, &'a Node, &'a Node)> = Vec::new();
        for (k, v) in pairs {
            let Some(key) = k.as_str() else {
                self.type_err(k, &format!("a key in {what}"), "a string");
                continue;
            };
            if out.iter().any(|(seen, _, _)| *seen == key) {
                self.err(
                    "duplicate-key",
                    k.span,
                    format!("`{key}` appears twice in {what}"),
                );
                continue;
            }
            if !allowed.contains(&key) {
                let help = did_you_mean(key, allowed.iter().copied())
                    .unwrap_or_else(|| format!("{what} takes: {}", allowed.join(", ")));
                self.findings.push(
                    Finding::error(
                        "unknown-key",
                        k.span,
                        format!("unknown key `{key}` in {what}"),
                    )
                    .help(help),
                );
                continue;
            }
            out.push((key, k, v));
        }
        Some(Obj {
            pairs: out,
            span: node.span,
        })
    }

    /// A free-form mapping (variables, headers): keys must be unique strings.
    fn pairs<'a>(&mut self, node: &'a Node, what: &str) -> Vec<(Sp<String>, &'a Node)> {
        let Value::Map(pairs) = &node.value else {
            if !matches!(node.value, Value::Null) {
                self.type_err(node, what, "a mapping");
            }
            return Vec::new();
        };
        let mut out: Vec<(Sp<String>, &'a Node)> = Vec::new();
        for (k, v) in pairs {
            let Some(key) = k.scalar_text(self.src) else {
                self.type_err(k, &format!("a key in {what}"), "a string");
                continue;
            };
            if out.iter().any(|(seen, _)| seen.value == key) {
                self.err(
                    "duplicate-key",
                    k.span,
                    format!("`{key}` appears twice in {what}"),
                );
                continue;
            }
            out.push((Sp::new(key, k.span), v));
        }
        out
    }

    fn list<'a>(&mut self, node: &'a Node, what: &str) -> &'a [Node] {
        match &node.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                self.type_err(node, what, "a list");
                &[]
            }
        }
    }

    /// A string; other scalars are taken as their source text (`version: 1` -> "1").
    fn text(&mut self, node: &Node, what: &str) -> Option<Sp<String>> {
        match node.scalar_text(self.src) {
            Some(s) => Some(Sp::new(s, node.span)),
            None => {
                self.type_err(node, what, "a string");
                None
            }
        }
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<Sp<String>> {
        match &node.value {
            Value::Str(s) => Some(Sp::new(s.clone(), node.span)),
            _ => {
                self.type_err(node, what, "a string");
                None
            }
        }
    }

    pub(crate) fn template(&mut self, node: &Node, what: &str) -> Option<Sp<Template>> {
        let text = self.text(node, what)?;
        match Template::parse(&text.value) {
            Ok(t) => Some(Sp::new(t, node.span)),
            Err(e) => {
                let span = self.locate(node.span, &text.value, e.at);
                self.err("template", span, format!("in `{what}`: {}", e.message));
                None
            }
        }
    }

    /// The place of byte `at` of a string value, when the source spells it plainly.
    fn locate(&self, node: Span, value: &str, at: usize) -> Span {
        locate_in(self.src, node, value, at)
    }

    fn bool(&mut self, node: &Node, what: &str) -> Option<Sp<bool>> {
        match node.value {
            Value::Bool(b) => Some(Sp::new(b, node.span)),
            _ => {
                self.type_err(node, what, "true or false");
                None
            }
        }
    }

    fn duration(&mut self, node: &Node, what: &str) -> Option<Sp<Duration>> {
        let r = match &node.value {
            Value::Int(i) if *i >= 0 => Ok(Duration::from_secs(*i as u64)),
            Value::Float(f) if *f >= 0.0 && f.is_finite() && *f < 1e9 => {
                Ok(Duration::from_secs_f64(*f))
            }
            Value::Str(s) => parse_duration(s),
            _ => Err(format!(
                "`{what}` must be a duration such as 250ms, 5s or 2m, found {}",
                node.kind()
            )),
        };
        match r {
            Ok(d) => Some(Sp::new(d, node.span)),
            Err(m) => {
                self.err("type", node.span, m);
                None
            }
        }
    }

    fn size(&mut self, node: &Node, what: &str) -> Option<u64> {
        let r = match &node.value {
            Value::Int(i) if *i >= 0 => Ok(*i as u64),
            Value::Str(s) => parse_size(s),
            _ => Err(format!(
                "`{what}` must be a size such as 512KiB or 1MiB, found {}",
                node.kind()
            )),
        };
        match r {
            Ok(n) => Some(n),
            Err(m) => {
                self.err("type", node.span, m);
                None
            }
        }
    }

    fn required<'a>(&mut self, o: &Obj<'a>, key: &str, what: &str) -> Option<&'a Node> {
        let n = o.get(key);
        if n.is_none() {
            self.err("missing-key", o.span, format!("{what} needs `{key}`"));
        }
        n
    }

    fn template_map(&mut self, node: &Node, what: &str) -> KeyValues<Template> {
        let mut out = Vec::new();
        for (k, v) in self.pairs(node, what) {
            let label = format!("{what}.{}", k.value);
            if let Some(t) = self.template(v, &label) {
                out.push((k, t));
            }
        }
        out
    }

    fn json_map(&mut self, node: &Node, what: &str) -> KeyValues<Json> {
        self.pairs(node, what)
            .into_iter()
            .map(|(k, v)| (k, Sp::new(v.to_json(), v.span)))
            .collect()
    }

    fn string_map(&mut self, node: &Node, what: &str) -> KeyValues<String> {
        let mut out = Vec::new();
        for (k, v) in self.pairs(node, what) {
            let label = format!("{what}.{}", k.value);
            if let Some(s) = self.text(v, &label) {
                out.push((k, s));
            }
        }
        out
    }

    // ---- the file ----

    fn top(&mut self, root: &Node, def: &mut Definition) {
        if matches!(root.value, Value::Null) {
            self.err(
                "missing-key",
                root.span,
                "the file is empty; it needs at least `version: 1`",
            );
            return;
        }
        if !matches!(root.value, Value::Map(_)) {
            self.type_err(root, "the file", "a mapping with `version`, `actions`, …");
            return;
        }
        let Some(o) = self.obj(root, "the file", TOP_KEYS) else {
            return;
        };
        match o.get("version") {
            None => self.err(
                "version",
                Span::new(1, 1, 0, 0),
                "the file needs `version: 1`",
            ),
            Some(n) => match n.value {
                Value::Int(1) => def.version = Some(Sp::new(1, n.span)),
                _ => {
                    let shown = n
                        .scalar_text(self.src)
                        .unwrap_or_else(|| n.kind().to_string());
                    self.findings.push(
                        Finding::error("version", n.span, format!("unsupported version `{shown}`"))
                            .help("this voxhook reads `version: 1`"),
                    );
                }
            },
        }
        def.platform = o.get("platform").and_then(|n| self.platform(n, "platform"));
        if let Some(n) = o.get("agent") {
            self.agent(n, &mut def.agent);
        }
        if let Some(n) = o.get("policy") {
            self.policy(n, &mut def.policy);
        }
        if let Some(n) = o.get("defaults") {
            def.defaults = self
                .request(n, "defaults", DEFAULTS_KEYS)
                .map(|(r, _)| r)
                .unwrap_or_default();
        }
        if let Some(n) = o.get("actions") {
            for item in self.list(n, "actions") {
                if let Some(a) = self.action(item) {
                    def.actions.push(a);
                }
            }
        }
        if let Some(n) = o.get("webhooks") {
            self.webhooks(n, &mut def.webhooks);
        }
    }

    fn agent(&mut self, node: &Node, agent: &mut Agent) {
        let Some(o) = self.obj(node, "agent", AGENT_KEYS) else {
            return;
        };
        agent.id = o.get("id").and_then(|n| self.text(n, "agent.id"));
        agent.name = o.get("name").and_then(|n| self.text(n, "agent.name"));
        if let Some(n) = o.get("variables") {
            agent.variables = self.template_map(n, "agent.variables");
        }
    }

    fn policy(&mut self, node: &Node, p: &mut Policy) {
        let Some(o) = self.obj(node, "policy", POLICY_KEYS) else {
            return;
        };
        if let Some(n) = o.get("methods") {
            p.methods.clear();
            p.methods_span = Some(n.span);
            for m in self.list(n, "policy.methods") {
                if let Some(method) = self.method(m) {
                    p.methods.push(method);
                }
            }
        }
        if let Some(b) = o
            .get("require_https")
            .and_then(|n| self.bool(n, "policy.require_https"))
        {
            p.require_https = b.value;
        }
        if let Some(b) = o
            .get("allow_private_networks")
            .and_then(|n| self.bool(n, "policy.allow_private_networks"))
        {
            p.allow_private_networks = b.value;
        }
        if let Some(d) = o
            .get("max_timeout")
            .and_then(|n| self.duration(n, "policy.max_timeout"))
        {
            p.max_timeout = d.value;
        }
        if let Some(s) = o
            .get("max_response_size")
            .and_then(|n| self.size(n, "policy.max_response_size"))
        {
            p.max_response_size = s;
        }
    }

    fn method(&mut self, node: &Node) -> Option<Sp<Method>> {
        let s = self.string(node, "method")?;
        match Method::parse(&s.value) {
            Some(m) => Some(Sp::new(m, node.span)),
            None => {
                let names = Method::ALL.map(|m| m.as_str());
                self.findings.push(
                    Finding::error(
                        "type",
                        node.span,
                        format!("unknown HTTP method `{}`", s.value),
                    )
                    .help(
                        did_you_mean(&s.value.to_ascii_uppercase(), names)
                            .unwrap_or_else(|| names.join(", ")),
                    ),
                );
                None
            }
        }
    }

    /// The request keys; returns the request and the checked mapping for kind-specific keys.
    fn request<'a>(
        &mut self,
        node: &'a Node,
        what: &str,
        keys: &[&str],
    ) -> Option<(Request, Obj<'a>)> {
        let o = self.obj(node, what, keys)?;
        let mut r = Request {
            span: node.span,
            ..Request::default()
        };
        if keys.contains(&"url") {
            if let Some(n) = self.required(&o, "url", what) {
                r.url = self.template(n, &format!("{what}.url"));
            }
        }
        r.method = o.get("method").and_then(|n| self.method(n));
        if let Some(n) = o.get("headers") {
            r.headers = self.template_map(n, &format!("{what}.headers"));
        }
        if let Some(n) = o.get("query") {
            r.query = self.template_map(n, &format!("{what}.query"));
        }
        if let Some(n) = o.get("auth") {
            r.auth = self.auth(n, &format!("{what}.auth"));
        }
        if let Some(n) = o.get("signing") {
            r.signing = self.signing(n, &format!("{what}.signing"));
        }
        if let Some(n) = o.get("body") {
            r.body = Some(Sp::new(self.body(n, &format!("{what}.body")), n.span));
        }
        r.timeout = o
            .get("timeout")
            .and_then(|n| self.duration(n, &format!("{what}.timeout")));
        Some((r, o))
    }

    fn auth(&mut self, node: &Node, what: &str) -> Option<Sp<Auth>> {
        let o = self.obj(node, what, AUTH_KEYS)?;
        if o.pairs.len() != 1 {
            self.findings.push(
                Finding::error(
                    "type",
                    node.span,
                    format!("`{what}` must have exactly one of bearer, basic, header"),
                )
                .help("auth: { bearer: \"${env:TOKEN}\" }"),
            );
            return None;
        }
        let (key, _, v) = o.pairs[0];
        let auth = match key {
            "bearer" => Auth::Bearer(self.template(v, &format!("{what}.bearer"))?),
            "basic" => {
                let b = self.obj(v, &format!("{what}.basic"), &["username", "password"])?;
                let username = self.required(&b, "username", &format!("{what}.basic"))?;
                let password = self.required(&b, "password", &format!("{what}.basic"))?;
                Auth::Basic {
                    username: self.template(username, &format!("{what}.basic.username"))?,
                    password: self.template(password, &format!("{what}.basic.password"))?,
                }
            }
            _ => {
                let h = self.obj(v, &format!("{what}.header"), &["name", "value"])?;
                let name = self.required(&h, "name", &format!("{what}.header"))?;
                let value = self.required(&h, "value", &format!("{what}.header"))?;
                Auth::Header {
                    name: self.string(name, &format!("{what}.header.name"))?,
                    value: self.template(value, &format!("{what}.header.value"))?,
                }
            }
        };
        Some(Sp::new(auth, node.span))
    }

    fn platform(&mut self, node: &Node, what: &str) -> Option<Sp<Platform>> {
        let s = self.string(node, what)?;
        match Platform::parse(&s.value) {
            Some(p) => Some(Sp::new(p, node.span)),
            None => {
                let names = Platform::ALL.map(Platform::as_str);
                self.findings.push(
                    Finding::error("type", node.span, format!("unknown platform `{}`", s.value))
                        .help(
                            did_you_mean(&s.value, names)
                                .unwrap_or_else(|| format!("platforms: {}", names.join(", "))),
                        ),
                );
                None
            }
        }
    }

    fn signing(&mut self, node: &Node, what: &str) -> Option<Sp<Signing>> {
        let o = self.obj(node, what, SIGNING_KEYS)?;
        let secret_node = self.required(&o, "secret", what);
        let scheme = match o.get("scheme") {
            None => None,
            Some(n) => {
                let s = self.string(n, &format!("{what}.scheme"))?;
                match Scheme::parse(&s.value) {
                    Some(x) => Some(Sp::new(x, n.span)),
                    None => {
                        let names = Scheme::ALL.map(Scheme::as_str);
                        self.findings.push(
                            Finding::error(
                                "type",
                                n.span,
                                format!("unknown signing scheme `{}`", s.value),
                            )
                            .help(
                                did_you_mean(&s.value, names)
                                    .unwrap_or_else(|| format!("schemes: {}", names.join(", "))),
                            ),
                        );
                        return None;
                    }
                }
            }
        };
        let secret = secret_node.and_then(|n| self.template(n, &format!("{what}.secret")))?;
        let mut text = |key: &str| {
            o.get(key)
                .and_then(|n| self.string(n, &format!("{what}.{key}")))
        };
        let header = text("header");
        let timestamp_header = text("timestamp_header");
        let algorithm = text("algorithm");
        let payload_format = text("payload_format");
        let encoding = text("encoding");
        let prefix = text("prefix");
        let message_id_header = text("message_id_header");
        for (v, allowed) in [
            (&algorithm, &["sha256", "sha512", "sha1"][..]),
            (&encoding, &["hex", "base64"][..]),
        ] {
            if let Some(v) = v.as_ref().filter(|v| !allowed.contains(&v.value.as_str())) {
                self.findings.push(
                    Finding::error("type", v.span, format!("unknown value `{}`", v.value))
                        .help(format!("use one of {}", allowed.join(", "))),
                );
            }
        }
        if let Some(f) = &payload_format {
            // Vapi's placeholders; anything else in braces would be signed literally.
            let known = ["{timestamp}", "{body}", "{method}", "{url}", "{svix-id}"];
            let mut rest = f.value.as_str();
            while let Some(i) = rest.find('{') {
                let tail = &rest[i..];
                let end = tail.find('}').map(|j| j + 1).unwrap_or(tail.len());
                let token = &tail[..end];
                if !known.contains(&token) {
                    self.findings.push(
                        Finding::error(
                            "type",
                            f.span,
                            format!("`{token}` is not a payload_format placeholder"),
                        )
                        .help(format!("use {}", known.join(", "))),
                    );
                    break;
                }
                rest = &tail[end..];
            }
        }
        if scheme.is_some_and(|s| s.value == Scheme::HmacSha256) && header.is_none() {
            self.findings.push(
                Finding::error(
                    "missing-key",
                    node.span,
                    format!("`{what}` with hmac-sha256 needs `header`"),
                )
                .help("header: X-Signature"),
            );
        }
        Some(Sp::new(
            Signing {
                scheme,
                secret,
                header,
                timestamp_header,
                algorithm,
                payload_format,
                encoding,
                prefix,
                message_id_header,
            },
            node.span,
        ))
    }

    fn body(&mut self, node: &Node, what: &str) -> Body {
        match &node.value {
            Value::Null => Body::Null,
            Value::Bool(b) => Body::Bool(*b),
            Value::Int(i) => Body::Number((*i).into()),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map(Body::Number)
                .unwrap_or(Body::Null),
            Value::Str(_) => self
                .template(node, what)
                .map(Body::Str)
                .unwrap_or(Body::Null),
            Value::Seq(items) => Body::List(items.iter().map(|i| self.body(i, what)).collect()),
            Value::Map(_) => {
                let pairs = self.pairs(node, what);
                Body::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| {
                            let inner = format!("{what}.{}", k.value);
                            (k.value, self.body(v, &inner))
                        })
                        .collect(),
                )
            }
        }
    }

    fn action(&mut self, node: &Node) -> Option<Action> {
        let o = self.obj(node, "an action", ACTION_KEYS)?;
        if !matches!(node.value, Value::Map(_)) {
            return None;
        }
        let name = match self.required(&o, "name", "an action") {
            Some(n) => self.string(n, "name")?,
            None => return None,
        };
        let label = format!("action `{}`", name.value);
        let description = match self.required(&o, "description", &label) {
            Some(n) => self.text(n, "description"),
            None => None,
        };
        let mut a = Action {
            name,
            display_name: o
                .get("display_name")
                .and_then(|n| self.text(n, "display_name")),
            description,
            targets: Vec::new(),
            interruptible: o
                .get("interruptible")
                .and_then(|n| self.bool(n, "interruptible")),
            parameters: Vec::new(),
            schema: None,
            triggers: Vec::new(),
            conditions: Vec::new(),
            webhook: Request::default(),
            response: ResponseSpec {
                envelope: true,
                assign: Vec::new(),
            },
            fallback: o.get("fallback").and_then(|n| self.text(n, "fallback")),
            tests: Vec::new(),
            mock: Vec::new(),
            platform: o.get("platform").and_then(|n| self.platform(n, "platform")),
            args_at_root: o
                .get("args_at_root")
                .and_then(|n| self.bool(n, "args_at_root"))
                .is_some_and(|b| b.value),
            args_at_root_span: o.key_span("args_at_root"),
            span: node.span,
        };
        if let Some(n) = o.get("targets") {
            for t in self.list(n, "targets") {
                if let Some(s) = self.string(t, "targets") {
                    if s.value != "caller" && s.value != "assistant" {
                        self.findings.push(
                            Finding::error("type", t.span, format!("unknown target `{}`", s.value))
                                .help(
                                    "targets are `caller` (phone) and `assistant` (dashboard chat)",
                                ),
                        );
                    }
                    a.targets.push(s);
                }
            }
        }
        if let Some(n) = o.get("parameters") {
            for (k, v) in self.pairs(n, "parameters") {
                if let Some(p) = self.parameter(k, v) {
                    a.parameters.push(p);
                }
            }
        }
        if let Some(n) = o.get("schema") {
            if !matches!(n.value, Value::Map(_)) {
                self.type_err(n, "schema", "a JSON Schema object");
            } else {
                a.schema = Some(Sp::new(n.to_json(), n.span));
            }
        }
        if o.get("parameters").is_some() && o.get("schema").is_some() {
            let span = o.key_span("schema").unwrap_or(node.span);
            self.findings.push(
                Finding::error(
                    "parameters-or-schema",
                    span,
                    format!("{label} has both `parameters` and `schema`"),
                )
                .help("give the parameters one way: the typed `parameters` form or a JSON Schema"),
            );
        }
        if let Some(n) = o.get("triggers") {
            for t in self.list(n, "triggers") {
                if let Some(tr) = self.trigger(t) {
                    a.triggers.push(tr);
                }
            }
        }
        if let Some(n) = o.get("conditions") {
            for c in self.list(n, "conditions") {
                if let Some(cond) = self.condition(c) {
                    a.conditions.push(cond);
                }
            }
        }
        match self.required(&o, "webhook", &label) {
            Some(n) => {
                if let Some((r, _)) = self.request(n, "webhook", WEBHOOK_KEYS) {
                    a.webhook = r;
                }
            }
            None => a.webhook.span = node.span,
        }
        if let Some(n) = o.get("response") {
            if let Some(r) = self.obj(n, "response", RESPONSE_KEYS) {
                if let Some(b) = r
                    .get("envelope")
                    .and_then(|n| self.bool(n, "response.envelope"))
                {
                    a.response.envelope = b.value;
                }
                if let Some(n) = r.get("assign") {
                    a.response.assign = self.string_map(n, "response.assign");
                }
            }
        }
        if let Some(n) = o.get("tests") {
            a.tests = self.tests(n);
        }
        if let Some(n) = o.get("mock") {
            a.mock = self.mocks(n);
        }
        Some(a)
    }

    fn parameter(&mut self, name: Sp<String>, node: &Node) -> Option<Parameter> {
        let what = format!("parameter `{}`", name.value);
        let o = self.obj(node, &what, PARAM_KEYS)?;
        let ty = match o.get("type") {
            None => Sp::new(ParamType::String, name.span),
            Some(n) => {
                let s = self.string(n, "type")?;
                match ParamType::parse(&s.value) {
                    Some(t) => Sp::new(t, n.span),
                    None => {
                        self.findings.push(
                            Finding::error(
                                "parameter-type",
                                n.span,
                                format!("unknown parameter type `{}`", s.value),
                            )
                            .help(
                                did_you_mean(&s.value, ParamType::NAMES).unwrap_or_else(|| {
                                    format!("types: {}", ParamType::NAMES.join(", "))
                                }),
                            ),
                        );
                        Sp::new(ParamType::String, n.span)
                    }
                }
            }
        };
        let enum_values = o.get("enum").map(|n| {
            let items = self.list(n, "enum");
            Sp::new(items.iter().map(Node::to_json).collect(), n.span)
        });
        Some(Parameter {
            ty,
            description: o
                .get("description")
                .and_then(|n| self.text(n, "description")),
            required: o
                .get("required")
                .and_then(|n| self.bool(n, "required"))
                .map(|b| b.value)
                .unwrap_or(false),
            pattern: o.get("pattern").and_then(|n| self.string(n, "pattern")),
            compiled: CompiledPattern::default(),
            example: o.get("example").map(|n| Sp::new(n.to_json(), n.span)),
            default: o.get("default").and_then(|n| self.template(n, "default")),
            enum_values,
            name,
        })
    }

    fn trigger(&mut self, node: &Node) -> Option<Trigger> {
        let o = self.obj(node, "a trigger", TRIGGER_KEYS)?;
        if o.pairs.len() != 1 {
            self.findings.push(
                Finding::error(
                    "trigger",
                    node.span,
                    "a trigger has exactly one of `phrases`, `entity`, `regex`",
                )
                .help("write each trigger as its own list item"),
            );
            return None;
        }
        let (key, _, v) = o.pairs[0];
        Some(match key {
            "phrases" => {
                let items = self.list(v, "phrases");
                let phrases = items
                    .iter()
                    .filter_map(|p| self.text(p, "a phrase"))
                    .collect();
                Trigger::Phrases(phrases, v.span)
            }
            "entity" => Trigger::Entity(self.string(v, "entity")?),
            _ => Trigger::Regex(self.string(v, "regex")?),
        })
    }

    fn condition(&mut self, node: &Node) -> Option<Condition> {
        let o = self.obj(node, "a condition", CONDITION_KEYS)?;
        if o.pairs.len() != 1 {
            self.findings.push(Finding::error(
                "type",
                node.span,
                "a condition has exactly one of `present`, `absent`, `equals`",
            ));
            return None;
        }
        let (key, _, v) = o.pairs[0];
        Some(match key {
            "present" => Condition::Present(self.string(v, "present")?),
            "absent" => Condition::Absent(self.string(v, "absent")?),
            _ => {
                let m = self.json_map(v, "equals");
                if m.is_empty() {
                    self.type_err(v, "equals", "a mapping of name: value");
                    return None;
                }
                Condition::Equals(m)
            }
        })
    }

    fn tests(&mut self, node: &Node) -> Vec<TestCase> {
        let mut out = Vec::new();
        for (i, item) in self.list(node, "tests").iter().enumerate() {
            let Some(o) = self.obj(item, "a test", TEST_KEYS) else {
                continue;
            };
            let name = o
                .get("name")
                .and_then(|n| self.text(n, "name"))
                .unwrap_or_else(|| Sp::new(format!("test {}", i + 1), item.span));
            let parameters = o
                .get("parameters")
                .map(|n| self.json_map(n, "parameters"))
                .unwrap_or_default();
            let vars = o
                .get("variables")
                .map(|n| self.string_map(n, "variables"))
                .unwrap_or_default();
            let mut expect = Expect::default();
            if let Some(e) = o
                .get("expect")
                .and_then(|n| self.obj(n, "expect", EXPECT_KEYS))
            {
                if let Some(n) = e.get("status") {
                    match n.value {
                        Value::Int(s) if (100..=599).contains(&s) => {
                            expect.status = Some(Sp::new(s as u16, n.span))
                        }
                        _ => self.type_err(n, "expect.status", "an HTTP status from 100 to 599"),
                    }
                }
                expect.success = e
                    .get("success")
                    .and_then(|n| self.bool(n, "expect.success"));
                if let Some(n) = e.get("json") {
                    expect.json = self.json_map(n, "expect.json");
                }
                expect.max_latency = e
                    .get("max_latency")
                    .and_then(|n| self.duration(n, "expect.max_latency"));
            }
            out.push(TestCase {
                name,
                parameters,
                vars,
                expect,
                span: item.span,
            });
        }
        out
    }

    fn mocks(&mut self, node: &Node) -> Vec<MockRule> {
        let mut out = Vec::new();
        for item in self.list(node, "mock") {
            let Some(o) = self.obj(item, "a mock response", MOCK_KEYS) else {
                continue;
            };
            let mut m = MockRule {
                when: Vec::new(),
                status: 200,
                headers: Vec::new(),
                body: None,
                body_span: None,
                delay: None,
                span: item.span,
            };
            if let Some(n) = o.get("when") {
                m.when = self.json_map(n, "mock.when");
            }
            if let Some(n) = o.get("status") {
                match n.value {
                    Value::Int(s) if (100..=599).contains(&s) => m.status = s as u16,
                    _ => self.type_err(n, "mock.status", "an HTTP status from 100 to 599"),
                }
            }
            if let Some(n) = o.get("headers") {
                m.headers = self
                    .string_map(n, "mock.headers")
                    .into_iter()
                    .map(|(k, v)| (k.value, v.value))
                    .collect();
            }
            m.body = o.get("body").map(Node::to_json);
            m.body_span = o.key_span("body");
            m.delay = o
                .get("delay")
                .and_then(|n| self.duration(n, "mock.delay"))
                .map(|d| d.value);
            out.push(m);
        }
        out
    }

    fn webhooks(&mut self, node: &Node, w: &mut SystemWebhooks) {
        let Some(o) = self.obj(node, "webhooks", &["pre_call", "post_call", "call_status"]) else {
            return;
        };
        for kind in SystemKind::ALL {
            let Some(n) = o.get(kind.as_str()) else {
                continue;
            };
            let keys = match kind {
                SystemKind::PreCall => PRE_CALL_KEYS,
                SystemKind::PostCall => POST_CALL_KEYS,
                SystemKind::CallStatus => CALL_STATUS_KEYS,
            };
            let Some((request, so)) = self.request(n, kind.as_str(), keys) else {
                continue;
            };
            let mut hook = SystemWebhook {
                kind,
                request,
                assign: Vec::new(),
                assign_span: None,
                on_failure: OnFailure::Continue,
                events: Vec::new(),
                tests: Vec::new(),
                mock: Vec::new(),
                platform: so
                    .get("platform")
                    .and_then(|n| self.platform(n, "platform")),
                span: n.span,
            };
            if let Some(a) = so.get("assign") {
                hook.assign_span = so.key_span("assign");
                hook.assign = self.string_map(a, "assign");
            }
            if let Some(f) = so
                .get("on_failure")
                .and_then(|n| self.string(n, "on_failure"))
            {
                match f.value.as_str() {
                    "continue" => hook.on_failure = OnFailure::Continue,
                    "block" => hook.on_failure = OnFailure::Block,
                    other => self.findings.push(
                        Finding::error("type", f.span, format!("unknown on_failure `{other}`"))
                            .help("use `continue` or `block`"),
                    ),
                }
            }
            if let Some(e) = so.get("events") {
                for ev in self.list(e, "events") {
                    if let Some(s) = self.string(ev, "events") {
                        hook.events.push(s);
                    }
                }
            }
            if let Some(t) = so.get("tests") {
                hook.tests = self.tests(t);
            }
            if let Some(m) = so.get("mock") {
                hook.mock = self.mocks(m);
            }
            match kind {
                SystemKind::PreCall => w.pre_call = Some(hook),
                SystemKind::PostCall => w.post_call = Some(hook),
                SystemKind::CallStatus => w.call_status = Some(hook),
            }
        }
    }
}

/// Where byte `at` of a string value sits in the source. For a plain or quoted scalar without
/// escapes, the text appears verbatim after the node's start; otherwise the node start is the
/// best we can say.
pub fn locate_in(src: &str, node: Span, value: &str, at: usize) -> Span {
    let Some(region) = src.get(node.offset..) else {
        return node;
    };
    let region = &region[..region.len().min(node.len.max(value.len() + 2) + 2)];
    if let Some(found) = region.find(value) {
        let start = node.offset + found + at;
        if let Some(before) = src.get(..start) {
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
            let col = src[line_start..start].chars().count() + 1;
            return Span::new(line as u32, col as u32, start, 1);
        }
    }
    node
}

/// Find the action file: `-f`, then `$VOXHOOK_FILE`, then voxhook.yaml / voxhook.yml here.
pub fn find_file(given: Option<&std::path::Path>) -> crate::Result<std::path::PathBuf> {
    if let Some(p) = given {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("VOXHOOK_FILE").filter(|v| !v.is_empty()) {
        return Ok(std::path::PathBuf::from(p));
    }
    for name in ["voxhook.yaml", "voxhook.yml"] {
        if std::path::Path::new(name).is_file() {
            return Ok(std::path::PathBuf::from(name));
        }
    }
    Err(crate::Error::input(
        "no action file: there is no voxhook.yaml or voxhook.yml here and $VOXHOOK_FILE is unset\n\
         help: run `voxhook init` to write one, or point at yours with `-f PATH`",
    ))
}

pub fn read_file(path: &std::path::Path) -> crate::Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|source| crate::Error::Io {
        path: path.into(),
        source,
    })?;
    if meta.len() as usize > MAX_FILE_SIZE {
        return Err(crate::Error::input(format!(
            "{}:1:1: the file is {} bytes; the limit is {} bytes",
            path.display(),
            meta.len(),
            MAX_FILE_SIZE
        )));
    }
    std::fs::read(path).map_err(|source| crate::Error::Io {
        path: path.into(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(src: &str) -> Loaded {
        load_str(Path::new("t.yaml"), src)
    }

    fn codes(l: &Loaded) -> Vec<(&'static str, u32, u32)> {
        l.findings
            .iter()
            .map(|f| (f.code, f.span.line, f.span.col))
            .collect()
    }

    #[test]
    fn minimal_file_loads_clean() {
        let l = load(
            "version: 1\nactions:\n  - name: a\n    description: Use when x.\n    webhook: { url: https://x.example.com }\n",
        );
        assert!(l.findings.is_empty(), "{:?}", l.findings);
        assert_eq!(l.def.actions[0].name.value, "a");
        assert_eq!(
            l.def.actions[0].webhook.url.as_ref().map(|u| u.span.line),
            Some(5)
        );
    }

    #[test]
    fn unknown_key_with_suggestion() {
        let l = load(
            "version: 1\nactions:\n  - name: a\n    descripton: x\n    webhook: { url: https://x }\n",
        );
        let f = l
            .findings
            .iter()
            .find(|f| f.code == "unknown-key")
            .expect("finding");
        assert_eq!((f.span.line, f.span.col), (4, 5));
        assert_eq!(f.help.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn duplicate_keys_reported_at_second() {
        let l = load("version: 1\nversion: 1\n");
        assert_eq!(codes(&l), vec![("duplicate-key", 2, 1)]);
    }

    #[test]
    fn wrong_version() {
        let l = load("version: 2\n");
        assert_eq!(codes(&l), vec![("version", 1, 10)]);
    }

    #[test]
    fn bad_duration_located() {
        let l = load("version: 1\ndefaults:\n  timeout: soon\n");
        assert_eq!(codes(&l), vec![("type", 3, 12)]);
    }

    #[test]
    fn invalid_utf8_located() {
        let l = load_bytes(
            Path::new("t.yaml"),
            b"version: 1\nagent:\n  name: caf\xff\n",
        );
        assert_eq!(codes(&l), vec![("syntax", 3, 12)]);
    }

    #[test]
    fn template_error_located_inside_string() {
        let l = load(
            "version: 1\nactions:\n  - name: a\n    description: d\n    webhook: { url: \"https://x/{{ bad name }}\" }\n",
        );
        let f = l
            .findings
            .iter()
            .find(|f| f.code == "template")
            .expect("finding");
        assert_eq!((f.span.line, f.span.col), (5, 32));
    }
}
