//! Retell: a custom tool (`type: "custom"`) of a Retell LLM, typed by retell-sdk as
//! `GeneralToolCustomTool`. Tools live in an LLM's `general_tools` and `states[].tools`; the
//! LLM list response holds LLMs under `items`.

use super::common::{self, WebhookDoc};
use super::json::At;
use super::{Export, Fields, Format, Notes, Tool};
use crate::definition::model::*;
use serde_json::{Map, Value as Json, json};

pub const FORMAT: Format = Format {
    platform: Platform::Retell,
    noun: "custom tools",
    tools,
    import,
    export,
    variables: &[
        ("user_number", "caller_phone"),
        ("call_id", "conversation_id"),
    ],
    input_prefix: None,
};

/// The keys of Retell's `parameters` (retell-sdk `GeneralToolCustomToolParameters`); the
/// properties inside are untyped there.
const PARAMETERS_KEYS: [&str; 4] = ["type", "properties", "required", "additionalProperties"];

const TOOL: Fields = Fields {
    read: &[
        "type",
        "name",
        "description",
        "url",
        "method",
        "headers",
        "query_params",
        "parameters",
        "timeout_ms",
        "args_at_root",
        "response_variables",
    ],
    unsupported: &[
        (
            "speak_during_execution",
            "whether the agent speaks while the tool runs",
        ),
        (
            "speak_after_execution",
            "whether the agent speaks after the reply",
        ),
        (
            "execution_message_description",
            "what the agent says while the tool runs",
        ),
        ("execution_message_type", "how that message is made"),
        ("max_retry", "retries"),
        ("parameter_type", "the dashboard's parameter editor"),
        ("enable_typing_sound", "a typing sound while the tool runs"),
    ],
    metadata: &["tool_id"],
};

fn llm_tools<'a>(llm: &At<'a>) -> crate::Result<Vec<At<'a>>> {
    let mut out = Vec::new();
    if let Some(general) = llm.get("general_tools") {
        out.extend(general.list()?);
    }
    if let Some(states) = llm.get("states") {
        for state in states.list()? {
            if let Some(t) = state.get("tools") {
                out.extend(t.list()?);
            }
        }
    }
    Ok(out)
}

/// An LLM (it has tools or an id) rather than a tool.
fn is_llm(at: &At) -> bool {
    at.has("general_tools") || at.has("states") || at.has("llm_id")
}

fn tools<'a>(root: &At<'a>, _: &mut Notes) -> crate::Result<Vec<Tool<'a>>> {
    let found = if root.v.is_array() {
        // A list of tools, or of LLMs (`GET /list-retell-llms`).
        let mut out = Vec::new();
        for item in root.list()? {
            if is_llm(&item) {
                out.extend(llm_tools(&item)?);
            } else {
                out.push(item);
            }
        }
        out
    } else {
        let obj = root.object()?;
        if obj.contains_key("items") {
            let mut out = Vec::new();
            for llm in root.need("items", "")?.list()? {
                out.extend(llm_tools(&llm)?);
            }
            out
        } else if is_llm(root) {
            llm_tools(root)?
        } else if obj.contains_key("type") || obj.contains_key("url") {
            vec![root.clone()]
        } else {
            return Err(root.error(
                "not a Retell custom tool (an object with \"type\": \"custom\", \"name\" and \"url\"), a list of tools, a Retell LLM with general_tools, or a list of LLMs",
            ));
        }
    };
    Ok(found.into_iter().map(Tool::new).collect())
}

fn import(t: &Tool, notes: &mut Notes) -> crate::Result<Option<Map<String, Json>>> {
    let tool = &t.at;
    tool.object()?;
    let kind = tool.need_str(
        "type",
        "a Retell tool says its type; a custom tool is \"custom\"",
    )?;
    if kind != "custom" {
        notes.add(
            tool.path.clone(),
            format!("skipped: a tool of type `{kind}`, not a custom tool that calls a URL"),
        );
        return Ok(None);
    }
    let raw_name = tool.need_str("name", "the name the model calls the tool by")?;
    let name = common::action_name(&tool.need("name", "")?, raw_name, notes)?;
    let url = tool.need_str("url", "the URL Retell calls")?;
    let parts = common::split_url(&name, url, &tool.child_path("url"), notes);
    let (url, mut query) = (parts.url, parts.query);
    let method = common::method(tool, "method", Platform::Retell)?;
    let headers = common::headers(tool, "headers")?;
    let (auth, headers) = common::import_headers(&name, headers, parts.auth, notes);
    query.extend(common::headers(tool, "query_params")?);
    let timeout_ms = common::timeout(tool, "timeout_ms", 1)?;
    let mut action = Map::new();
    action.insert("name".into(), json!(name));
    action.insert(
        "description".into(),
        json!(common::description(tool, &name, notes)?),
    );
    let parameters = tool.get("parameters");
    if let Some(p) = &parameters {
        p.object()?;
    }
    common::set_parameters(&mut action, parameters.map(|p| p.v));
    let webhook = WebhookDoc {
        url,
        method,
        headers,
        query: common::import_query(&name, query, notes),
        auth,
        body: None,
        timeout_ms,
    };
    action.insert("webhook".into(), webhook.to_json());
    let mut assign = Vec::new();
    for h in common::headers(tool, "response_variables")? {
        common::push_assign(&mut assign, h.name, &h.value, &h.path, notes);
    }
    common::set_assign(&mut action, assign);
    if tool.bool("args_at_root")? == Some(true) {
        action.insert("args_at_root".into(), json!(true));
    }
    super::report_fields(tool, &TOOL, notes);
    Ok(Some(action))
}

fn export(x: &Export, a: &Action, notes: &mut Notes) -> crate::Result<Json> {
    let req = x.request(a);
    let at = format!("action `{}`", a.name.value);
    if req.body.is_some() {
        notes.add(
            at,
            "Retell sends {name, call, args} (or the args alone with args_at_root); `body:` is not part of the tool",
        );
    }
    if let Some(s) = &req.signing {
        if s.value.scheme.is_some_and(|x| x.value != Scheme::Retell) {
            common::note_signing(
                a,
                &req,
                "Retell signs every request with your API key (X-Retell-Signature)",
                notes,
            );
        }
    }
    common::note_defaults(a, "Retell", notes);
    common::note_unexpressed(a, Platform::Retell, notes);
    common::note_url_parameters(a, &req, "Retell", notes);
    let mut t = Map::new();
    t.insert("type".into(), json!("custom"));
    t.insert("name".into(), json!(a.name.value));
    if let Some(d) = &a.description {
        t.insert("description".into(), json!(d.value));
    }
    let url = match &req.url {
        Some(u) => x.text(u)?,
        None => String::new(),
    };
    t.insert("url".into(), json!(url));
    t.insert("method".into(), json!(req.method_or_default().as_str()));
    if let Some(h) = common::export_headers(x, a, &req, notes)? {
        t.insert("headers".into(), h);
    }
    if !req.query.is_empty() {
        let mut q = Map::new();
        for (k, v) in &req.query {
            q.insert(k.value.clone(), json!(x.text(v)?));
        }
        t.insert("query_params".into(), Json::Object(q));
    }
    let at = format!("action `{}`", a.name.value);
    t.insert(
        "parameters".into(),
        common::restrict_schema(&common::schema_of(a), &PARAMETERS_KEYS, None, &at, notes),
    );
    if let Some(ms) = common::tool_timeout_ms(a, &req, Platform::Retell, notes) {
        t.insert("timeout_ms".into(), json!(ms));
    }
    if a.args_at_root {
        t.insert("args_at_root".into(), json!(true));
    }
    let assign = common::dotted_assignments(a, "Retell", common::Index::Bracket, notes);
    if !assign.is_empty() {
        let r: Map<String, Json> = assign.into_iter().map(|(k, v)| (k, json!(v))).collect();
        t.insert("response_variables".into(), Json::Object(r));
    }
    Ok(Json::Object(t))
}
