//! Vapi: a function tool with a `server` (the body of `POST /tool`, typed by the server SDK
//! as `CreateToolsRequest_Function` / `CreateFunctionToolDto`). Lists are bare arrays; an
//! assistant holds its tools under `model.tools`.

use super::common::{self, WebhookDoc};
use super::json::At;
use super::{Export, Fields, Format, Notes, Tool};
use crate::definition::model::*;
use serde_json::{Map, Value as Json, json};

pub const FORMAT: Format = Format {
    platform: Platform::Vapi,
    noun: "function tools",
    tools,
    import,
    export,
    variables: &[
        ("customer.number", "caller_phone"),
        ("call.id", "conversation_id"),
    ],
    input_prefix: None,
};

/// The keywords of Vapi's `JsonSchema` type (server SDK), and of the function's parameters.
const SCHEMA_KEYS: [&str; 9] = [
    "type",
    "items",
    "properties",
    "description",
    "pattern",
    "format",
    "required",
    "enum",
    "title",
];
const PARAMETERS_KEYS: [&str; 3] = ["type", "properties", "required"];

const TOOL: Fields = Fields {
    read: &["type", "function", "server"],
    unsupported: &[
        ("messages", "what the agent says while the tool runs"),
        ("async", "calling without waiting for the reply"),
        (
            "rejectionPlan",
            "conditions under which the call is refused",
        ),
        (
            "variableExtractionPlan",
            "variables read from the reply (use `response.assign`)",
        ),
        ("parameters", "static values merged into the body"),
    ],
    metadata: &["id", "orgId", "createdAt", "updatedAt", "latestVersion"],
};

const FUNCTION: Fields = Fields {
    read: &["name", "description", "parameters"],
    unsupported: &[("strict", "OpenAI strict mode")],
    metadata: &[],
};

const SERVER: Fields = Fields {
    read: &["url", "timeoutSeconds", "headers", "secret"],
    unsupported: &[
        (
            "credentialId",
            "auth or signing from a Vapi credential (add `auth:` or `signing:` with `${env:…}` by hand)",
        ),
        (
            "staticIpAddressesEnabled",
            "calling from Vapi's fixed addresses",
        ),
        ("encryptedPaths", "encrypted body fields"),
        ("backoffPlan", "retries"),
    ],
    metadata: &[],
};

fn tools<'a>(root: &At<'a>, notes: &mut Notes) -> crate::Result<Vec<Tool<'a>>> {
    if root.v.is_array() {
        return Ok(root.list()?.into_iter().map(Tool::new).collect());
    }
    let obj = root.object()?;
    if obj.contains_key("model") {
        let model = root.need("model", "an assistant's model holds its tools")?;
        if let Some(ids) = model.get("toolIds") {
            notes.add(
                ids.path.clone(),
                "tools referenced by id are not in this file: fetch each with `GET /tool/{id}` and import it",
            );
        }
        // A function tool without a server of its own calls the assistant's.
        let server = root.get("server");
        return match model.get("tools") {
            Some(t) => Ok(t
                .list()?
                .into_iter()
                .map(|at| Tool {
                    at,
                    server: server.clone(),
                })
                .collect()),
            None if model.has("toolIds") => Ok(Vec::new()),
            None => Err(model.error("the assistant has no `tools`")),
        };
    }
    if obj.contains_key("function") || obj.contains_key("type") {
        return Ok(vec![Tool::new(root.clone())]);
    }
    Err(root.error(
        "not a Vapi function tool (an object with \"type\": \"function\", \"function\" and \"server\"), a list of tools, or an assistant with model.tools",
    ))
}

fn import(t: &Tool, notes: &mut Notes) -> crate::Result<Option<Map<String, Json>>> {
    let tool = &t.at;
    tool.object()?;
    match tool.str("type")? {
        None | Some("function") => {}
        Some(other) => {
            notes.add(
                tool.path.clone(),
                format!(
                    "skipped: a tool of type `{other}`, not a function tool that calls a server"
                ),
            );
            return Ok(None);
        }
    }
    let function = tool.need("function", "a function tool describes its function")?;
    function.object()?;
    let raw_name = function.need_str("name", "the name the model calls the tool by")?;
    let name = common::action_name(&function.need("name", "")?, raw_name, notes)?;
    let server = match (tool.get("server"), &t.server) {
        (Some(s), _) => s,
        (None, Some(s)) => {
            notes.add(
                tool.path.clone(),
                format!(
                    "no server of its own: it calls the assistant's ({})",
                    s.path
                ),
            );
            s.clone()
        }
        (None, None) => tool.need("server", "the server Vapi sends the tool call to")?,
    };
    server.object()?;
    let url = server.need_str("url", "the URL Vapi calls")?;
    let parts = common::split_url(&name, url, &server.child_path("url"), notes);
    let mut headers = common::headers(&server, "headers")?;
    // The older inline secret: Vapi sends it as X-Vapi-Secret.
    if let Some(secret) = server.str("secret")? {
        if headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case("x-vapi-secret"))
        {
            // One header of one name: the one written out in `headers` is kept.
            notes.add(
                server.child_path("secret"),
                "not imported: `headers` has its own X-Vapi-Secret, which is kept",
            );
        } else {
            headers.push(common::Header {
                name: "X-Vapi-Secret".into(),
                value: secret.to_string(),
                path: server.child_path("secret"),
            });
        }
    }
    let (auth, headers) = common::import_headers(&name, headers, parts.auth, notes);
    let timeout_ms = common::timeout(&server, "timeoutSeconds", 1000)?;
    let mut action = Map::new();
    action.insert("name".into(), json!(name));
    action.insert(
        "description".into(),
        json!(common::description(&function, &name, notes)?),
    );
    let parameters = function.get("parameters");
    if let Some(p) = &parameters {
        p.object()?;
    }
    common::set_parameters(&mut action, parameters.map(|p| p.v));
    let webhook = WebhookDoc {
        url: parts.url,
        method: None,
        headers,
        query: common::import_query(&name, parts.query, notes),
        auth,
        body: None,
        timeout_ms,
    };
    action.insert("webhook".into(), webhook.to_json());
    super::report_fields(tool, &TOOL, notes);
    super::report_fields(&function, &FUNCTION, notes);
    super::report_fields(&server, &SERVER, notes);
    Ok(Some(action))
}

fn export(x: &Export, a: &Action, notes: &mut Notes) -> crate::Result<Json> {
    let req = x.request(a);
    let at = format!("action `{}`", a.name.value);
    if req.method_or_default() != Method::Post {
        notes.add(
            at.clone(),
            format!(
                "Vapi sends every tool call as POST; `method: {}` is not part of the tool",
                req.method_or_default().as_str()
            ),
        );
    }
    if req.body.is_some() {
        notes.add(
            at.clone(),
            "Vapi sends its own tool-calls message; `body:` is not part of the tool",
        );
    }
    if !a.response.assign.is_empty() {
        notes.add(
            at.clone(),
            "`response.assign` is not part of the tool (Vapi's variableExtractionPlan reads the reply differently)",
        );
    }
    common::note_signing(
        a,
        &req,
        "create a Vapi credential with an HMAC authentication plan and set server.credentialId",
        notes,
    );
    common::note_defaults(a, "Vapi", notes);
    common::note_unexpressed(a, Platform::Vapi, notes);
    common::note_url_parameters(a, &req, "Vapi", notes);
    let mut function = Map::new();
    function.insert("name".into(), json!(a.name.value));
    if let Some(d) = &a.description {
        function.insert("description".into(), json!(d.value));
    }
    let mut parameters = common::restrict_schema(
        &common::schema_of(a),
        &PARAMETERS_KEYS,
        Some(&SCHEMA_KEYS),
        &at,
        notes,
    );
    common::string_enums_only(&mut parameters, &a.name.value, "Vapi", notes);
    function.insert("parameters".into(), parameters);
    let mut server = Map::new();
    server.insert("url".into(), json!(common::url_with_query(x, &req)?));
    if let Some(ms) = common::tool_timeout_ms(a, &req, Platform::Vapi, notes) {
        let secs = if ms % 1000 == 0 {
            json!(ms / 1000)
        } else {
            json!(ms as f64 / 1000.0)
        };
        server.insert("timeoutSeconds".into(), secs);
    }
    if let Some(h) = common::export_headers(x, a, &req, notes)? {
        server.insert("headers".into(), h);
    }
    Ok(json!({
        "type": "function",
        "function": function,
        "server": server,
    }))
}
