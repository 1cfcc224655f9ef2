//! Bland: a custom tool, the body of `POST /v1/tools` (`name`, `description`, `url`,
//! `method`, `headers`, `query`, `body`, `input_schema`, `response`, `timeout` in ms). The
//! list (`{"tools": [{"tool_id", "tool": {…}}]}`) and one tool (`{"tool": {…}}`) are read too.
//! Bland has no typed SDK; the shape follows docs.bland.ai/api-v1/post/tools.
//!
//! Bland's templates name the model's values `{{input.x}}`; voxhook's name them `{{x}}`.

use super::common::{self, Header, WebhookDoc};
use super::json::At;
use super::{Export, Fields, Format, Notes, Tool};
use crate::definition::model::*;
use crate::definition::template::Part;
use serde_json::{Map, Value as Json, json};

pub const FORMAT: Format = Format {
    platform: Platform::Bland,
    noun: "custom tools",
    tools,
    import,
    export,
    variables: &[("from", "caller_phone"), ("call_id", "conversation_id")],
    input_prefix: Some("input."),
};

/// The API's wrappers around a tool: `{"tool_id", "label", "public", "tool"}`, and
/// `{"status", "tool"}` around that when one tool is fetched.
const WRAPPER: Fields = Fields {
    read: &["tool"],
    unsupported: &[],
    metadata: &["tool_id", "label", "public", "status"],
};

const TOOL: Fields = Fields {
    read: &[
        "name",
        "description",
        "url",
        "method",
        "headers",
        "query",
        "body",
        "input_schema",
        "response",
        "timeout",
    ],
    unsupported: &[
        ("speech", "what the agent says while the tool runs"),
        ("cache", "caching the reply"),
        ("response_data", "the older form of `response`"),
    ],
    metadata: &["tool_id", "label", "public"],
};

fn tools<'a>(root: &At<'a>, notes: &mut Notes) -> crate::Result<Vec<Tool<'a>>> {
    let items = if root.v.is_array() {
        root.list()?
    } else {
        let obj = root.object()?;
        if obj.contains_key("tools") {
            root.need("tools", "")?.list()?
        } else if obj.contains_key("tool") || obj.contains_key("name") {
            vec![root.clone()]
        } else {
            return Err(root.error(
                "not a Bland custom tool (an object with \"name\", \"description\" and \"url\"), the tools list, or {\"tool\": …}",
            ));
        }
    };
    // The API wraps a tool as {"tool_id", "tool": {…}}, once or twice.
    Ok(items
        .into_iter()
        .map(|mut t| {
            while let Some(inner) = t.get("tool").filter(|i| i.v.is_object()) {
                super::report_fields(&t, &WRAPPER, notes);
                t = inner;
            }
            Tool::new(t)
        })
        .collect())
}

/// The body without the values that send `{{input}}` whole (voxhook has no template for the
/// whole input); each left out is said. `None` when nothing is left.
fn without_whole_input(b: &At, notes: &mut Notes) -> Option<Json> {
    const WHY: &str =
        "not imported: `{{input}}` sends the model's input whole; voxhook names each parameter";
    match b.v {
        Json::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                if mentions_whole_input(v) {
                    notes.add(b.child_path(k), WHY);
                } else {
                    out.insert(k.clone(), v.clone());
                }
            }
            (!out.is_empty()).then_some(Json::Object(out))
        }
        v if mentions_whole_input(v) => {
            notes.add(b.path.clone(), WHY);
            None
        }
        v => Some(v.clone()),
    }
}

fn mentions_whole_input(v: &Json) -> bool {
    match v {
        Json::String(s) => s.contains("{{input}}") || s.contains("{{ input }}"),
        Json::Array(items) => items.iter().any(mentions_whole_input),
        Json::Object(m) => m.values().any(mentions_whole_input),
        _ => false,
    }
}

/// The body Bland sends when the tool names every parameter once: `{p: "{{input.p}}"}`.
fn default_body(names: &[String]) -> Json {
    Json::Object(
        names
            .iter()
            .map(|n| (n.clone(), json!(format!("{{{{input.{n}}}}}"))))
            .collect(),
    )
}

fn import(t: &Tool, notes: &mut Notes) -> crate::Result<Option<Map<String, Json>>> {
    let tool = &t.at;
    tool.object()?;
    let raw_name = tool.need_str("name", "the name the model calls the tool by")?;
    let name = common::action_name(&tool.need("name", "")?, raw_name, notes)?;
    let description = tool.need_str("description", "when the agent should call the tool")?;
    let url = tool.need_str("url", "the URL Bland calls")?;
    let parts = common::split_url(&name, url, &tool.child_path("url"), notes);
    let (url, mut query) = (parts.url, parts.query);
    let method = common::method(tool, "method", Platform::Bland)?;
    let headers = common::headers(tool, "headers")?;
    let (auth, headers) = common::import_headers(&name, headers, parts.auth, notes);
    for (k, v) in tool.strings("query")? {
        let value = match v.v {
            Json::String(s) => s.clone(),
            other => other.to_string(),
        };
        query.push(Header {
            name: k,
            value,
            path: v.path,
        });
    }

    // input_schema: a loose JSON Schema; a property may be a bare hint ("YYYY-MM-DD"), and
    // `example` holds example values.
    let mut schema: Option<Json> = None;
    let mut examples = Map::new();
    if let Some(s) = tool.get("input_schema") {
        let mut obj = s.object()?.clone();
        // Parameters that are not an object of properties would all be lost unseen.
        if let Some(p) = s.get("properties") {
            p.object()?;
        }
        if let Some(Json::Object(ex)) = obj.shift_remove("example") {
            examples = ex;
        }
        if let Some(Json::Object(props)) = obj.get_mut("properties") {
            for (_, p) in props.iter_mut() {
                if let Json::String(hint) = p {
                    *p = json!({"type": "string", "description": hint.clone()});
                }
            }
        }
        if obj
            .get("properties")
            .is_some_and(|p| p.as_object().is_some_and(|m| !m.is_empty()))
        {
            obj.entry("type").or_insert(json!("object"));
            schema = Some(Json::Object(obj));
        }
    }
    let names: Vec<String> = schema
        .as_ref()
        .and_then(|s| s.get("properties"))
        .and_then(Json::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();

    let mut action = Map::new();
    action.insert("name".into(), json!(name));
    action.insert("description".into(), json!(description));
    common::set_parameters(&mut action, schema.as_ref());
    if !examples.is_empty() {
        match action.get_mut("parameters").and_then(Json::as_object_mut) {
            Some(params) => {
                for (k, v) in examples {
                    match params.get_mut(&k).and_then(Json::as_object_mut) {
                        Some(p) => {
                            p.insert("example".into(), v);
                        }
                        None => notes.add(
                            tool.child_path("input_schema"),
                            format!("not imported: the example of `{k}`, which is not a parameter"),
                        ),
                    }
                }
            }
            None => notes.add(
                tool.child_path("input_schema"),
                "not imported: `example` (kept on typed parameters only; this schema stays a schema)",
            ),
        }
    }
    let body = match tool.get("body") {
        None => None,
        Some(b) if *b.v == default_body(&names) => None,
        Some(b) => without_whole_input(&b, notes).map(|mut body| {
            common::import_body_secrets(&name, &mut body, &b.path, notes);
            body
        }),
    };
    // A GET sends voxhook's parameters in the query already: `k: {{input.k}}` says the same.
    if matches!(method.as_deref(), Some("GET" | "DELETE")) {
        query.retain(|q| {
            !(names.contains(&q.name) && q.value == format!("{{{{input.{}}}}}", q.name))
        });
    }
    let timeout_ms = common::timeout(tool, "timeout", 1)?;
    let webhook = WebhookDoc {
        url,
        method,
        headers,
        query: common::import_query(&name, query, notes),
        auth,
        body,
        timeout_ms,
    };
    action.insert("webhook".into(), webhook.to_json());
    let mut assign = Vec::new();
    for (k, path, at) in tool.texts("response")? {
        common::push_assign(&mut assign, k, &path, &at, notes);
    }
    common::set_assign(&mut action, assign);
    super::report_fields(tool, &TOOL, notes);
    Ok(Some(action))
}

/// A template as Bland writes it: the action's parameters as `{{input.x}}`.
fn bland_text(
    x: &Export,
    t: &Sp<crate::definition::template::Template>,
    params: &[String],
) -> crate::Result<String> {
    if t.value.vars().all(|(n, _)| !params.iter().any(|p| p == n)) {
        return x.text(t);
    }
    let mut out = String::new();
    for p in &t.value.parts {
        match p {
            Part::Lit(s) => out.push_str(s),
            Part::Var { name, .. } if params.contains(name) => {
                out.push_str(&format!("{{{{input.{name}}}}}"));
            }
            Part::Var { name, .. } => out.push_str(&format!("{{{{{name}}}}}")),
            Part::Env { name, fallback, .. } => {
                out.push_str(&x.env(name, fallback.as_deref(), t.span)?)
            }
        }
    }
    Ok(out)
}

fn body_json(x: &Export, b: &Body, params: &[String]) -> crate::Result<Json> {
    Ok(match b {
        Body::Null => Json::Null,
        Body::Bool(v) => json!(v),
        Body::Number(n) => Json::Number(n.clone()),
        Body::Str(t) => json!(bland_text(x, t, params)?),
        Body::List(items) => Json::Array(
            items
                .iter()
                .map(|i| body_json(x, i, params))
                .collect::<crate::Result<_>>()?,
        ),
        Body::Object(pairs) => {
            let mut m = Map::new();
            for (k, v) in pairs {
                m.insert(k.clone(), body_json(x, v, params)?);
            }
            Json::Object(m)
        }
    })
}

/// Words Bland reserves for its own tools; a name holding one is refused.
const RESERVED: [&str; 14] = [
    "input", "speak", "transfer", "switch", "wait", "finish", "press", "button", "say", "pause",
    "record", "play", "dial", "hang",
];

fn export(x: &Export, a: &Action, notes: &mut Notes) -> crate::Result<Json> {
    let req = x.request(a);
    let at = format!("action `{}`", a.name.value);
    if let Some(word) = RESERVED
        .iter()
        .find(|w| a.name.value.split('_').any(|part| part == **w))
    {
        notes.add(
            at.clone(),
            format!("Bland refuses tool names with the word `{word}`; rename the action"),
        );
    }
    if let Some(s) = &req.signing {
        if s.value.scheme.is_some_and(|x| x.value != Scheme::Bland) {
            common::note_signing(a, &req, "Bland tools carry headers only", notes);
        }
    }
    common::note_unexpressed(a, Platform::Bland, notes);
    let schema = common::schema_of(a);
    let params: Vec<String> = schema
        .get("properties")
        .and_then(Json::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    let mut t = Map::new();
    t.insert("name".into(), json!(a.name.value));
    t.insert(
        "description".into(),
        json!(
            a.description
                .as_ref()
                .map(|d| d.value.clone())
                .unwrap_or_default()
        ),
    );
    let url = match &req.url {
        Some(u) => bland_text(x, u, &params)?,
        None => String::new(),
    };
    t.insert("url".into(), json!(url));
    t.insert("method".into(), json!(req.method_or_default().as_str()));
    if let Some(h) = common::export_headers(x, a, &req, notes)? {
        t.insert("headers".into(), h);
    }
    let mut q = Map::new();
    for (k, v) in &req.query {
        q.insert(k.value.clone(), json!(bland_text(x, v, &params)?));
    }
    // voxhook sends a GET's parameters in the query; Bland sends what the tool names.
    if !req.method_or_default().has_body() {
        for p in &params {
            if !q.contains_key(p) {
                q.insert(p.clone(), json!(format!("{{{{input.{p}}}}}")));
            }
        }
    }
    if !q.is_empty() {
        t.insert("query".into(), Json::Object(q));
    }
    let body = match &req.body {
        Some(b) => body_json(x, &b.value, &params)?,
        None => default_body(&params),
    };
    if req.method_or_default().has_body() {
        t.insert("body".into(), body);
    } else if req.body.is_some() {
        notes.add(at.clone(), "a GET sends no body; `body:` is not written");
    }
    // Inlined as for the other platforms; a recursive `$ref` keeps its `$defs`, which a
    // loose schema can carry.
    let mut input = common::inline_refs(&schema);
    let mut example = Map::new();
    for p in &a.parameters {
        if let Some(e) = &p.example {
            example.insert(p.name.value.clone(), e.value.clone());
        }
    }
    if let Some(o) = input.as_object_mut() {
        if !example.is_empty() {
            o.insert("example".into(), Json::Object(example));
        }
    }
    t.insert("input_schema".into(), input);
    let assign = common::assignments(a);
    if !assign.is_empty() {
        let r: Map<String, Json> = assign.into_iter().map(|(k, v)| (k, json!(v))).collect();
        t.insert("response".into(), Json::Object(r));
    }
    if let Some(ms) = common::export_timeout_ms(&req) {
        t.insert("timeout".into(), json!(ms));
    }
    Ok(Json::Object(t))
}
