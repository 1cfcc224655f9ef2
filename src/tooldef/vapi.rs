//! Vapi: a function tool with a `server` (the body of `POST /tool`, typed by the server SDK
//! as `CreateToolsRequest_Function` / `CreateFunctionToolDto`). Lists are bare arrays; an
//! assistant holds its tools under `model.tools`.

use super::common::{self, WebhookDoc};
use super::json::At;
use super::{Export, Fields, Format, Notes};
use crate::definition::model::*;
use serde_json::{Map, Value as Json, json};

pub const FORMAT: Format = Format {
    platform: Platform::Vapi,
    noun: "function tools",
    tools,
    import,
    export,
};

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
    read: &["url", "timeoutSeconds", "headers"],
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

fn tools<'a>(root: &At<'a>) -> crate::Result<Vec<At<'a>>> {
    if root.v.is_array() {
        return root.list();
    }
    let obj = root.object()?;
    if obj.contains_key("model") {
        let model = root.need("model", "an assistant's model holds its tools")?;
        return match model.get("tools") {
            Some(t) => t.list(),
            None => Err(model.error(
                "the assistant has no inline `tools` (tools referenced by `toolIds` live apart: export them with `GET /tool/{id}`)",
            )),
        };
    }
    if obj.contains_key("function") || obj.contains_key("type") {
        return Ok(vec![root.clone()]);
    }
    Err(root.error(
        "not a Vapi function tool (an object with \"type\": \"function\", \"function\" and \"server\"), a list of tools, or an assistant with model.tools",
    ))
}

fn import(tool: &At, notes: &mut Notes) -> crate::Result<Option<Map<String, Json>>> {
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
    let server = tool.need("server", "the server Vapi sends the tool call to")?;
    server.object()?;
    let url = server.need_str("url", "the URL Vapi calls")?;
    let (url, query) = common::split_query(url, &server.child_path("url"));
    let headers = common::headers(&server, "headers")?;
    let (auth, headers) = common::import_headers(&name, headers, notes);
    let timeout_ms = server.seconds_ms("timeoutSeconds")?;
    let mut action = Map::new();
    action.insert("name".into(), json!(name));
    action.insert(
        "description".into(),
        json!(description(&function, &name, notes)?),
    );
    let parameters = function.get("parameters");
    if let Some(p) = &parameters {
        p.object()?;
    }
    common::set_parameters(&mut action, parameters.map(|p| p.v));
    let webhook = WebhookDoc {
        url,
        method: None,
        headers,
        query: common::import_query(&name, query, notes),
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

/// The tool's description, or a placeholder that says one is needed (the agent decides
/// from it when to call the tool).
pub fn description(at: &At, name: &str, notes: &mut Notes) -> crate::Result<String> {
    match at.str("description")? {
        Some(d) if !d.trim().is_empty() => Ok(d.to_string()),
        _ => {
            notes.add(
                at.child_path("description"),
                "no description: the agent decides from it when to call the tool; write one",
            );
            Ok(format!("TODO: say what {name} does and when to use it."))
        }
    }
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
    common::note_examples_and_defaults(a, "Vapi", notes);
    common::note_url_parameters(a, &req, "Vapi", notes);
    let mut function = Map::new();
    function.insert("name".into(), json!(a.name.value));
    if let Some(d) = &a.description {
        function.insert("description".into(), json!(d.value));
    }
    let mut parameters = common::schema_of(a);
    string_enums_only(&mut parameters, &a.name.value, notes);
    function.insert("parameters".into(), parameters);
    let mut server = Map::new();
    server.insert("url".into(), json!(common::url_with_query(x, &req)?));
    if let Some(ms) = common::export_timeout_ms(&req) {
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

/// Vapi's JSON Schema type holds string enums only (its SDK refuses `[1, 2]`): other enums
/// are left out, and said so.
fn string_enums_only(schema: &mut Json, action: &str, notes: &mut Notes) {
    let Some(props) = schema.get_mut("properties").and_then(Json::as_object_mut) else {
        return;
    };
    for (name, p) in props.iter_mut() {
        let Some(o) = p.as_object_mut() else { continue };
        if o.get("enum")
            .and_then(Json::as_array)
            .is_some_and(|e| !e.iter().all(Json::is_string))
        {
            o.remove("enum");
            notes.add(
                format!("action `{action}`"),
                format!("parameter `{name}`: Vapi enums are strings only; the enum is not written"),
            );
        }
        string_enums_only(p, action, notes);
    }
}
