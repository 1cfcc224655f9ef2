//! ElevenLabs: a webhook tool (`type: "webhook"` with `api_schema`), as the body of
//! `POST /v1/convai/tools` (`{"tool_config": …}`, the SDK's `ToolRequestModel`). The tools
//! list (`{"tools": [{"id", "tool_config"}]}`) and an agent
//! (`conversation_config.agent.prompt.tools`) are read too.
//!
//! ElevenLabs splits the parameters by where they travel: `path_params_schema` (the URL's
//! `{name}`), `query_params_schema` and `request_body_schema`; its literal properties hold a
//! type, a description and string enums only.

use super::common::{self, Header, WebhookDoc};
use super::json::At;
use super::{Export, Fields, Format, Notes, Tool};
use crate::definition::model::*;
use serde_json::{Map, Value as Json, json};

pub const FORMAT: Format = Format {
    platform: Platform::Elevenlabs,
    noun: "webhook tools",
    tools,
    import,
    export,
    variables: &[
        ("system__conversation_id", "conversation_id"),
        ("system__caller_id", "caller_phone"),
        ("system__agent_id", "agent_id"),
    ],
    input_prefix: None,
};

/// The platform's name for a voxhook built-in, or the name itself.
fn theirs(name: &str) -> &str {
    FORMAT
        .variables
        .iter()
        .find(|(_, ours)| *ours == name)
        .map(|(t, _)| *t)
        .unwrap_or(name)
}

/// The keywords an ElevenLabs property holds (literal, object and array properties).
const PROPERTY_KEYS: [&str; 6] = [
    "type",
    "description",
    "enum",
    "properties",
    "required",
    "items",
];

/// The API's wrapper around a tool (`{"id", "tool_config", …}`).
const WRAPPER: Fields = Fields {
    read: &["tool_config"],
    unsupported: &[(
        "response_mocks",
        "mock replies for ElevenLabs' own tests (use `mock:`)",
    )],
    metadata: &["id", "access_info", "usage_stats"],
};

const TOOL: Fields = Fields {
    read: &[
        "type",
        "name",
        "description",
        "api_schema",
        "response_timeout_secs",
        "assignments",
        "interruption_mode",
        "disable_interruptions",
    ],
    unsupported: &[
        ("pre_tool_speech", "speech before the tool runs"),
        ("force_pre_tool_speech", "speech before the tool runs"),
        ("tool_call_sound", "a sound while the tool runs"),
        ("tool_call_sound_behavior", "when that sound plays"),
        ("tool_error_handling_mode", "how errors reach the agent"),
        (
            "dynamic_variables",
            "placeholder values of dynamic variables (set them under agent.variables)",
        ),
        ("execution_mode", "running the tool asynchronously"),
        (
            "follow_redirects",
            "following redirects (voxhook never does)",
        ),
        ("follow_redirects_allowed_domains", "following redirects"),
    ],
    metadata: &["id", "access_info", "usage_stats"],
};

const QUERY_SCHEMA: Fields = Fields {
    read: &["properties", "required"],
    unsupported: &[],
    metadata: &[],
};

const API_SCHEMA: Fields = Fields {
    read: &[
        "url",
        "method",
        "request_headers",
        "path_params_schema",
        "query_params_schema",
        "request_body_schema",
    ],
    unsupported: &[
        ("response_body_schema", "a description of the reply"),
        ("response_filter", "which reply fields reach the agent"),
        ("content_type", "the body's content type"),
        (
            "auth_connection",
            "auth from a workspace auth connection (add `auth:` with `${env:…}` by hand)",
        ),
        ("auth_resolved_params", "URL values from an auth connection"),
    ],
    metadata: &[],
};

fn tools<'a>(root: &At<'a>, notes: &mut Notes) -> crate::Result<Vec<Tool<'a>>> {
    let items = if root.v.is_array() {
        // A list of tools, or of agents (several agents' exports in one file).
        let mut items = Vec::new();
        for item in root.list()? {
            if item.has("conversation_config") {
                items.extend(agent_tools(&item, notes)?);
            } else {
                items.push(item);
            }
        }
        items
    } else {
        let obj = root.object()?;
        if obj.contains_key("conversation_config") {
            agent_tools(root, notes)?
        } else if obj.contains_key("agents") {
            let mut items = Vec::new();
            for agent in root.need("agents", "")?.list()? {
                if !agent.has("conversation_config") {
                    return Err(agent.error(
                        "an agent summary (what listing agents returns) holds no tools: fetch the agent with `GET /v1/convai/agents/{agent_id}` and import that",
                    ));
                }
                items.extend(agent_tools(&agent, notes)?);
            }
            items
        } else if obj.contains_key("tools") {
            root.need("tools", "")?.list()?
        } else if obj.contains_key("tool_config")
            || obj.contains_key("api_schema")
            || obj.contains_key("type")
        {
            vec![root.clone()]
        } else {
            return Err(root.error(
                "not an ElevenLabs webhook tool ({\"tool_config\": {\"type\": \"webhook\", \"name\", \"description\", \"api_schema\"}}), the tools list, an agent or a list of agents",
            ));
        }
    };
    // The API wraps each tool as {"id", "tool_config"}; agents hold the config itself.
    Ok(items
        .into_iter()
        .map(|t| match t.get("tool_config") {
            Some(config) => {
                super::report_fields(&t, &WRAPPER, notes);
                Tool::new(config)
            }
            None => Tool::new(t),
        })
        .collect())
}

/// The tools an agent holds in `conversation_config.agent.prompt.tools`; tools it names
/// by id only are a note.
fn agent_tools<'a>(agent: &At<'a>, notes: &mut Notes) -> crate::Result<Vec<At<'a>>> {
    let prompt = agent
        .need("conversation_config", "")?
        .need("agent", "the agent's settings")?
        .need("prompt", "the agent's prompt holds its tools")?;
    if let Some(ids) = prompt.get("tool_ids") {
        notes.add(
            ids.path.clone(),
            "tools referenced by id are not in this file: fetch each with `GET /v1/convai/tools/{id}` and import it",
        );
    }
    match prompt.get("tools") {
        Some(t) => t.list(),
        None if prompt.has("tool_ids") => Ok(Vec::new()),
        None => Err(prompt.error("the agent has no `tools`")),
    }
}

fn import(t: &Tool, notes: &mut Notes) -> crate::Result<Option<Map<String, Json>>> {
    let tool = &t.at;
    tool.object()?;
    match tool.str("type")? {
        None | Some("webhook") => {}
        Some(other) => {
            notes.add(
                tool.path.clone(),
                format!("skipped: a tool of type `{other}`, not a webhook tool"),
            );
            return Ok(None);
        }
    }
    let raw_name = tool.need_str("name", "the name the model calls the tool by")?;
    let name = common::action_name(&tool.need("name", "")?, raw_name, notes)?;
    let description = tool.need_str("description", "when the agent should call the tool")?;
    let api = tool.need("api_schema", "the request the tool sends")?;
    api.object()?;
    let raw_url = api.need_str("url", "the URL ElevenLabs calls")?;
    let parts = common::split_url(
        &name,
        &path_templates(raw_url),
        &api.child_path("url"),
        notes,
    );
    let (mut url, mut query) = (parts.url, parts.query);
    let method = common::method(&api, "method", Platform::Elevenlabs)?;
    let gets = matches!(method.as_deref(), Some("GET" | "DELETE"));

    let mut props = Map::new();
    let mut required: Vec<Json> = Vec::new();
    if let Some(path) = api.get("path_params_schema") {
        for (k, v) in path.object()? {
            let at = At {
                v,
                path: path.child_path(k),
            };
            // A path value from a variable or a constant is part of the URL, not a parameter.
            let placeholder = format!("{{{{{k}}}}}");
            if let Some(var) = at.str("dynamic_variable")? {
                url = url.replace(&placeholder, &format!("{{{{{var}}}}}"));
                continue;
            }
            if let Some(c) = at.get("constant_value") {
                let text = match c.v {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                };
                url = url.replace(&placeholder, &text);
                continue;
            }
            if let Some(p) = from_property(&at, notes)? {
                props.insert(k.clone(), p);
                required.push(json!(k));
            }
        }
    }
    if let Some(q) = api.get("query_params_schema") {
        super::report_fields(&q, &QUERY_SCHEMA, notes);
        let qprops = q.need("properties", "the query parameters")?;
        let q_required = string_list(&q, "required")?;
        for (k, v) in qprops.object()? {
            let at = At {
                v,
                path: qprops.child_path(k),
            };
            // A constant or a dynamic variable is a fixed query value, not a parameter.
            if let Some(c) = at.get("constant_value") {
                let text = match c.v {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                };
                query.push(Header {
                    name: k.clone(),
                    value: text,
                    path: at.path.clone(),
                });
                continue;
            }
            if let Some(var) = at.str("dynamic_variable")? {
                query.push(Header {
                    name: k.clone(),
                    value: format!("{{{{{var}}}}}"),
                    path: at.path.clone(),
                });
                continue;
            }
            if let Some(p) = from_property(&at, notes)? {
                props.insert(k.clone(), p);
                if q_required.contains(k) {
                    required.push(json!(k));
                }
                if !gets {
                    // On a POST the parameters go in the body; this one travels in the query.
                    query.push(Header {
                        name: k.clone(),
                        value: format!("{{{{{k}}}}}"),
                        path: at.path.clone(),
                    });
                }
            }
        }
    }
    if let Some(b) = api.get("request_body_schema") {
        b.object()?;
        // The body is an object of parameters; any other type would lose them unseen.
        if let Some(t) = b.str("type")?.filter(|t| *t != "object") {
            return Err(b.need("type", "")?.error(format!(
                "`{t}`: the request body schema is an object (`\"type\": \"object\"`)"
            )));
        }
        if let Some(d) = b.get("description") {
            notes.add(
                d.path.clone(),
                "not imported: a description of the whole body (voxhook describes each parameter)",
            );
        }
        if let Some(Json::Object(schema)) = from_property(&b, notes)? {
            if let Some(Json::Object(bp)) = schema.get("properties") {
                for (k, v) in bp {
                    props.insert(k.clone(), v.clone());
                }
            }
            if let Some(Json::Array(r)) = schema.get("required") {
                required.extend(r.iter().cloned());
            }
        }
    }

    let mut headers = Vec::new();
    for (k, v) in api.strings("request_headers")? {
        let value = match v.v {
            Json::String(s) => s.clone(),
            Json::Object(_) => {
                if let Some(id) = v.str("secret_id")? {
                    let var = notes.env_var(&common::env_name(&name, &k));
                    notes.add(
                        v.path.clone(),
                        format!(
                            "the workspace secret `{id}`: written as `${{env:{var}}}`; set {var} to its value"
                        ),
                    );
                    format!("${{env:{var}}}")
                } else if let Some(var) = v.str("variable_name")? {
                    format!("{{{{{var}}}}}")
                } else if let Some(label) = v.str("env_var_label")? {
                    format!("${{env:{}}}", common::env_name(label, ""))
                } else {
                    return Err(v.error(
                        "expected a string, {\"secret_id\"}, {\"variable_name\"} or {\"env_var_label\"}",
                    ));
                }
            }
            _ => return Err(v.wrong("a string or an object")),
        };
        headers.push(Header {
            name: k,
            value,
            path: v.path,
        });
    }
    let (auth, headers) = common::import_headers(&name, headers, parts.auth, notes);
    let timeout_ms = common::timeout(tool, "response_timeout_secs", 1000)?;

    let mut action = Map::new();
    action.insert("name".into(), json!(name));
    action.insert("description".into(), json!(description));
    if tool
        .str("interruption_mode")?
        .is_some_and(|m| m.starts_with("disable"))
        || tool.bool("disable_interruptions")? == Some(true)
    {
        action.insert("interruptible".into(), json!(false));
    }
    if !props.is_empty() {
        let schema = json!({"type": "object", "properties": props, "required": required});
        common::set_parameters(&mut action, Some(&schema));
    }
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
    if let Some(list) = tool.get("assignments") {
        for item in list.list()? {
            let var = item.need_str("dynamic_variable", "the variable it sets")?;
            for key in ["sanitize", "preserve_native_type"] {
                if item.bool(key)? == Some(true) {
                    notes.add(
                        item.child_path(key),
                        "not imported: how ElevenLabs stores the value; voxhook assigns it as read",
                    );
                }
            }
            let path = item.need_str("value_path", "where in the reply")?;
            match item.str("source")? {
                None | Some("response") => common::push_assign(
                    &mut assign,
                    var.to_string(),
                    path,
                    &item.child_path("value_path"),
                    notes,
                ),
                Some(other) => notes.add(
                    item.path.clone(),
                    format!("not imported: an assignment from `{other}`, not from the reply"),
                ),
            }
        }
    }
    common::set_assign(&mut action, assign);
    super::report_fields(tool, &TOOL, notes);
    super::report_fields(&api, &API_SCHEMA, notes);
    Ok(Some(action))
}

fn string_list(at: &At, key: &str) -> crate::Result<Vec<String>> {
    let Some(list) = at.get(key) else {
        return Ok(Vec::new());
    };
    list.list()?
        .into_iter()
        .map(|i| {
            i.v.as_str()
                .map(str::to_string)
                .ok_or_else(|| i.wrong("a string"))
        })
        .collect()
}

/// An ElevenLabs property as standard JSON Schema; `None` (reported) for a property whose
/// value does not come from the model (a constant, a dynamic variable, a system value).
fn from_property(at: &At, notes: &mut Notes) -> crate::Result<Option<Json>> {
    let obj = at.object()?;
    for (key, what) in [
        ("constant_value", "a constant"),
        ("dynamic_variable", "a dynamic variable"),
        ("is_system_provided", "a system value"),
    ] {
        if obj
            .get(key)
            .is_some_and(|v| !v.is_null() && *v != json!(false))
        {
            notes.add(
                at.path.clone(),
                format!("not imported: a body value from {what}, not from the model"),
            );
            return Ok(None);
        }
    }
    let mut out = Map::new();
    for (k, v) in obj {
        match k.as_str() {
            "type" | "description" | "enum" | "required" => {
                out.insert(k.clone(), v.clone());
            }
            "properties" => {
                let props = At {
                    v,
                    path: at.child_path(k),
                };
                let mut p = Map::new();
                for (name, pv) in props.object()? {
                    let child = At {
                        v: pv,
                        path: props.child_path(name),
                    };
                    if let Some(s) = from_property(&child, notes)? {
                        p.insert(name.clone(), s);
                    }
                }
                out.insert(k.clone(), Json::Object(p));
            }
            "items" => {
                let items = At {
                    v,
                    path: at.child_path(k),
                };
                if let Some(s) = from_property(&items, notes)? {
                    out.insert(k.clone(), s);
                }
            }
            // The SDK's own marker of an object or array property: `type` says it already.
            "property_kind" => {}
            _ if v.is_null() || *v == json!(false) => {}
            _ => notes.add(
                at.child_path(k),
                "not imported: a property setting voxhook does not know",
            ),
        }
    }
    if !out.contains_key("type") {
        out.insert("type".into(), json!("object"));
    }
    Ok(Some(Json::Object(out)))
}

/// `{name}` in an ElevenLabs URL is voxhook's `{{name}}`.
fn path_templates(url: &str) -> String {
    let mut out = String::new();
    let mut rest = url;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if after.starts_with('{') {
            // Already `{{…}}`: copy through the closing braces.
            match after.find("}}") {
                Some(j) => {
                    out.push_str(&rest[i..i + 1 + j + 2]);
                    rest = &after[j + 2..];
                }
                None => {
                    out.push_str(&rest[i..]);
                    rest = "";
                }
            }
            continue;
        }
        match after.find('}') {
            Some(j) if crate::definition::template::is_name(&after[..j]) => {
                out.push_str("{{");
                out.push_str(&after[..j]);
                out.push_str("}}");
                rest = &after[j + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn export(x: &Export, a: &Action, notes: &mut Notes) -> crate::Result<Json> {
    let req = x.request(a);
    let at = format!("action `{}`", a.name.value);
    if req.body.is_some() {
        notes.add(
            at.clone(),
            "ElevenLabs sends the parameters themselves; `body:` is not part of the tool",
        );
    }
    common::note_signing(
        a,
        &req,
        "ElevenLabs does not sign tool calls (its workspace webhooks are signed)",
        notes,
    );
    common::note_defaults(a, "ElevenLabs", notes);
    common::note_unexpressed(a, Platform::Elevenlabs, notes);
    let method = req.method_or_default();
    let mut url = match &req.url {
        Some(u) => x.text(u)?,
        None => String::new(),
    };
    // What an ElevenLabs property holds: a type, a description, string enums; properties and
    // items for objects and lists.
    let mut schema = common::restrict_schema(
        &common::schema_of(a),
        &["type", "properties", "required"],
        Some(&PROPERTY_KEYS),
        &at,
        notes,
    );
    common::string_enums_only(&mut schema, &a.name.value, "ElevenLabs", notes);
    let empty = Map::new();
    let props = schema
        .get("properties")
        .and_then(Json::as_object)
        .unwrap_or(&empty);
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Json::as_array)
        .map(|r| r.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    let mut path_params = Map::new();
    let mut query_props = Map::new();
    let mut query_required = Vec::new();
    let mut body_props = Map::new();
    let mut body_required = Vec::new();
    for (name, p) in props {
        let prop = p.clone();
        let in_path = url.contains(&format!("{{{{{name}}}}}"));
        if in_path {
            url = url.replace(&format!("{{{{{name}}}}}"), &format!("{{{name}}}"));
            path_params.insert(name.clone(), prop);
        } else if !method.has_body() {
            query_props.insert(name.clone(), prop);
            if required.contains(&name.as_str()) {
                query_required.push(json!(name));
            }
        } else {
            body_props.insert(name.clone(), prop);
            if required.contains(&name.as_str()) {
                body_required.push(json!(name));
            }
        }
    }
    // Other variables in the path are path values from dynamic variables.
    if let Some(u) = &req.url {
        for (var, _) in u.value.vars() {
            let placeholder = format!("{{{{{var}}}}}");
            if url.contains(&placeholder) && !props.contains_key(var) {
                let name = theirs(var);
                url = url.replace(&placeholder, &format!("{{{name}}}"));
                path_params.insert(
                    name.to_string(),
                    json!({"type": "string", "dynamic_variable": name}),
                );
            }
        }
    }
    // Fixed query values are constant query properties.
    for (k, v) in &req.query {
        let value = x.text(v)?;
        match v.value.sole_var() {
            Some(var) if props.contains_key(var) && var == k.value => {
                // `{ k: "{{k}}" }`: the parameter itself travels in the query.
                if let Some(p) = body_props.shift_remove(var) {
                    query_props.insert(k.value.clone(), p);
                    if let Some(i) = body_required.iter().position(|r| r == var) {
                        body_required.remove(i);
                        query_required.push(json!(var));
                    }
                }
            }
            Some(var) => {
                query_props.insert(
                    k.value.clone(),
                    json!({"type": "string", "dynamic_variable": theirs(var)}),
                );
            }
            None => {
                query_props.insert(
                    k.value.clone(),
                    json!({"type": "string", "constant_value": value}),
                );
            }
        }
    }
    let mut api = Map::new();
    api.insert("url".into(), json!(url));
    api.insert("method".into(), json!(method.as_str()));
    if !path_params.is_empty() {
        api.insert("path_params_schema".into(), Json::Object(path_params));
    }
    if !query_props.is_empty() {
        let mut q = Map::new();
        q.insert("properties".into(), Json::Object(query_props));
        if !query_required.is_empty() {
            q.insert("required".into(), Json::Array(query_required));
        }
        api.insert("query_params_schema".into(), Json::Object(q));
    }
    if !body_props.is_empty() {
        api.insert(
            "request_body_schema".into(),
            json!({"type": "object", "properties": body_props, "required": body_required}),
        );
    }
    if let Some(mut h) = common::export_headers(x, a, &req, notes)? {
        // A header that is one variable is ElevenLabs' {"variable_name"}.
        for v in h.as_object_mut().into_iter().flat_map(|m| m.values_mut()) {
            let var = v
                .as_str()
                .and_then(|s| crate::definition::template::Template::parse(s).ok())
                .and_then(|t| t.sole_var().map(str::to_string));
            if let Some(var) = var {
                *v = json!({ "variable_name": theirs(&var) });
            }
        }
        api.insert("request_headers".into(), h);
    }
    let mut t = Map::new();
    t.insert("type".into(), json!("webhook"));
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
    t.insert("api_schema".into(), Json::Object(api));
    if let Some(ms) = common::tool_timeout_ms(a, &req, Platform::Elevenlabs, notes) {
        let secs = ms.div_ceil(1000);
        if ms % 1000 != 0 {
            notes.add(
                at.clone(),
                format!("ElevenLabs counts the timeout in whole seconds: {secs}s"),
            );
        }
        t.insert("response_timeout_secs".into(), json!(secs));
    }
    if a.interruptible.is_some_and(|i| !i.value) {
        t.insert("interruption_mode".into(), json!("disable_during_tool"));
    }
    let assignments: Vec<Json> =
        common::dotted_assignments(a, "ElevenLabs", common::Index::Dot, notes)
            .into_iter()
            .map(|(var, p)| json!({"source": "response", "dynamic_variable": var, "value_path": p}))
            .collect();
    if !assignments.is_empty() {
        t.insert("assignments".into(), Json::Array(assignments));
    }
    Ok(json!({ "tool_config": t }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_params_are_templates() {
        assert_eq!(
            path_templates("https://x.example/v1/{order_id}/items/{{n}}?a={b c}"),
            "https://x.example/v1/{{order_id}}/items/{{n}}?a={b c}"
        );
    }
}
