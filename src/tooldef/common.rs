//! What every platform's tool shares: the parameters (a JSON Schema, written in voxhook's
//! typed form when it can be), names, timeouts, and headers that carry credentials (written
//! as `auth:` with `${env:…}` placeholders, never as the secret itself).

use super::Notes;
use super::json::{At, is_member_name, member};
use crate::definition::model::*;
use crate::definition::units;
use serde_json::{Map, Value as Json, json};

/// The pattern a phone parameter is exported with: E.164, which is what voxhook sends. A
/// string parameter with exactly this pattern reads back as `type: phone`.
pub const E164_PATTERN: &str = r"^\+[1-9]\d{1,14}$";

/// `true` when the value already comes from the environment (what `export` writes) or
/// from a template (the platform fills it at call time): not a secret written down.
fn is_placeholder(v: &str) -> bool {
    v.contains("${env:") || v.contains("{{")
}

/// `SOME_TOOL_WHAT`: an environment variable name for a secret the tool held.
pub fn env_name(tool: &str, what: &str) -> String {
    let raw = format!("{tool}_{what}");
    let mut out = String::new();
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() {
            c.to_ascii_uppercase()
        } else {
            '_'
        };
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    out.trim_matches('_').to_string()
}

/// A platform tool name as a voxhook action name (`^[a-z][a-z0-9_]{0,63}$`): camelCase and
/// dashes become snake_case. A rename is reported: voxhook sends the new name.
pub fn action_name(at: &At, raw: &str, notes: &mut Notes) -> crate::Result<String> {
    let mut out = String::new();
    let mut prev_lower = false;
    // `Réserver` is `reserver`, `予約` is `yu_yue`: letters outside ASCII are spelt in it
    // rather than lost to `_`.
    let chars: Vec<char> = deunicode::deunicode(raw).chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            // `getHTTPResponse`: a new word starts after a lower-case letter, and at the last
            // capital of a run that a lower-case letter follows.
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev_lower || (prev_upper && next_lower) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
            prev_lower = true;
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let mut name = out.trim_matches('_').to_string();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("tool_{name}");
    }
    name.truncate(64);
    if name.is_empty() {
        return Err(at.error(format!(
            "the tool name `{raw}` has no letters to make an action name from"
        )));
    }
    if name != raw {
        notes.add(
            at.path.clone(),
            format!(
                "the tool `{raw}` is the action `{name}` (voxhook names are lower-case with `_`); \
                 voxhook sends `{name}` as the tool name"
            ),
        );
    }
    Ok(name)
}

/// A platform's response path as RFC 9535 JSONPath: `data.id` is `$.data.id`; an index
/// written either way (`items.0.id`, `items[0].id`) is `$.items[0].id`; a key that is not a
/// plain name is quoted (`$['first name']`). A path already in JSONPath is kept.
pub fn json_path(p: &str) -> Option<String> {
    let valid = |s: String| serde_json_path::JsonPath::parse(&s).is_ok().then_some(s);
    if p.starts_with('$') {
        return valid(p.to_string());
    }
    // An index as RFC 9535 writes one: no sign but `-`, no leading zero.
    let index = |n: &str| {
        let digits = n.strip_prefix('-').unwrap_or(n);
        !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'))
    };
    let mut out = String::from("$");
    let mut rest = p;
    let mut first = true;
    while first || !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            // `[0]`, `[-1]`, `['plan name']`, `["x"]`; a wildcard, slice or filter is not
            // one value.
            if let Some((key, after)) = quoted(r).and_then(|(k, a)| Some((k, a.strip_prefix(']')?)))
            {
                out = member(&out, &key);
                rest = after;
            } else {
                let (n, after) = r.split_once(']')?;
                if !index(n) {
                    return None;
                }
                out.push_str(&format!("[{n}]"));
                rest = after;
            }
        } else {
            let r = if first { rest } else { rest.strip_prefix('.')? };
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let name = &r[..end];
            match name {
                // `[0].id` at the start: an index, read next time round.
                "" if first && r.starts_with('[') => {}
                "" | "*" => return None,
                n if n.bytes().all(|b| b.is_ascii_digit()) && index(n) => {
                    out.push_str(&format!("[{n}]"))
                }
                n => out = member(&out, n),
            }
            rest = &r[end..];
        }
        first = false;
    }
    valid(out)
}

/// `var` assigned from the platform's response path `path`, or, when the path is not one
/// value voxhook can read, a note at `at` instead.
pub fn push_assign(
    assign: &mut Vec<(String, String)>,
    var: String,
    path: &str,
    at: &str,
    notes: &mut Notes,
) {
    match json_path(path) {
        Some(p) => assign.push((var, p)),
        None => notes.add(
            at.to_string(),
            format!(
                "not imported: `{path}` is not a path to one value (a wildcard, a slice, `..`, an unclosed bracket), which `response.assign` reads"
            ),
        ),
    }
}

/// A quoted key at the start of `s` (`'plan name'`, `"x"`, with `\` escapes) and what
/// follows it.
fn quoted(s: &str) -> Option<(String, &str)> {
    let q = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let mut key = String::new();
    let mut chars = s[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => key.push(chars.next()?.1),
            c if c == q => return Some((key, &s[1 + i + 1..])),
            c => key.push(c),
        }
    }
    None
}

/// How a platform writes an array index in a response path.
#[derive(Clone, Copy)]
pub enum Index {
    /// `items.0.id` (ElevenLabs' dotted `value_path`).
    Dot,
    /// `items[0].id` (Retell's `response_variables`).
    Bracket,
}

/// A JSONPath that names one value by keys and indices (`$.a[0]['b']`), as a platform's
/// path; `None` for anything else (wildcards, filters, `..`, negative indices, a key with a
/// dot that a dotted path would split).
pub fn platform_path(path: &str, index: Index) -> Option<String> {
    let mut rest = path.strip_prefix('$')?;
    let mut out = String::new();
    let push_name = |out: &mut String, name: &str| -> Option<()> {
        if name.is_empty() || name.contains(['.', '[', ']']) {
            return None;
        }
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(name);
        Some(())
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let name = &r[..end];
            if !is_member_name(name) {
                return None;
            }
            push_name(&mut out, name)?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let (inner, after) = r.split_once(']')?;
            let digits = inner.strip_prefix('-').unwrap_or(inner);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                match index {
                    // `items.-1` reads as a key: only Retell's brackets say "from the end".
                    Index::Dot if digits.len() < inner.len() => return None,
                    Index::Dot => push_name(&mut out, inner)?,
                    Index::Bracket => out.push_str(&format!("[{inner}]")),
                }
            } else {
                let quote = inner.chars().next().filter(|c| *c == '\'' || *c == '"')?;
                let name = inner.strip_prefix(quote)?.strip_suffix(quote)?;
                // A key of digits (`['0']`) would read back as an index.
                if name.contains(['\\', '\'', '"']) || name.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                push_name(&mut out, name)?;
            }
            rest = after;
        } else {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
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

/// `250ms`, `5s`, `2m` as milliseconds.
pub fn duration_ms(s: &str) -> Option<u64> {
    units::parse_duration(s).ok().map(|d| d.as_millis() as u64)
}

/// Milliseconds as a voxhook duration: `20s` when whole seconds, else `7500ms`.
pub fn duration_text(ms: u64) -> String {
    if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

/// A JSON Schema of an object as voxhook's typed `parameters`, when every property is one
/// the typed form says exactly (a string, number, integer or boolean with a description,
/// enum, pattern, `format: date`/`email`); `None` when the schema needs to stay a schema.
pub fn typed_parameters(schema: &Json) -> Option<Map<String, Json>> {
    let s = schema.as_object()?;
    if s.get("type")? != "object" {
        return None;
    }
    if s.keys()
        .any(|k| !matches!(k.as_str(), "type" | "properties" | "required"))
    {
        return None;
    }
    let empty = Map::new();
    let props = match s.get("properties") {
        Some(p) => p.as_object()?,
        None => &empty,
    };
    let required: Vec<&str> = match s.get("required") {
        Some(r) => r
            .as_array()?
            .iter()
            .map(Json::as_str)
            .collect::<Option<Vec<&str>>>()?,
        None => Vec::new(),
    };
    if required.iter().any(|r| !props.contains_key(*r)) {
        return None;
    }
    let mut out = Map::new();
    for (name, p) in props {
        if !crate::definition::template::is_name(name) {
            return None;
        }
        let p = p.as_object()?;
        if p.keys().any(|k| {
            !matches!(
                k.as_str(),
                "type" | "description" | "enum" | "pattern" | "format"
            )
        }) {
            return None;
        }
        let ty = p.get("type")?.as_str()?;
        let format = p.get("format").map(|f| f.as_str()).unwrap_or(Some(""))?;
        let pattern = p.get("pattern").map(|f| f.as_str()).unwrap_or(Some(""))?;
        let ty = match (ty, format, pattern) {
            ("string", "date", _) => "date",
            ("string", "email", _) => "email",
            ("string", "", E164_PATTERN) => "phone",
            ("string" | "number" | "integer" | "boolean", "", _) => ty,
            _ => return None,
        };
        let mut o = Map::new();
        o.insert("type".into(), json!(ty));
        if let Some(d) = p.get("description") {
            o.insert("description".into(), json!(d.as_str()?));
        }
        if required.contains(&name.as_str()) {
            o.insert("required".into(), json!(true));
        }
        if !pattern.is_empty() && ty != "phone" {
            if ty != "string" {
                return None;
            }
            o.insert("pattern".into(), json!(pattern));
        }
        if let Some(e) = p.get("enum") {
            let values = e.as_array()?;
            let fits = values.iter().all(|v| match ty {
                "number" => v.is_number(),
                "integer" => v.is_i64() || v.is_u64(),
                "boolean" => v.is_boolean(),
                _ => v.is_string(),
            });
            if !fits || values.is_empty() {
                return None;
            }
            o.insert("enum".into(), e.clone());
        }
        out.insert(name.clone(), Json::Object(o));
    }
    Some(out)
}

/// Put the tool's parameters on the action: typed when they can be, else as `schema:`; no
/// key when the tool takes none.
pub fn set_parameters(action: &mut Map<String, Json>, schema: Option<&Json>) {
    let Some(schema) = schema else { return };
    match typed_parameters(schema) {
        Some(p) if p.is_empty() => {}
        Some(p) => {
            action.insert("parameters".into(), Json::Object(p));
        }
        None => {
            action.insert("schema".into(), schema.clone());
        }
    }
}

/// The action's parameters as the JSON Schema the platform shows its model. Phone
/// parameters carry the E.164 pattern (what voxhook sends) so they read back as phones.
pub fn schema_of(a: &Action) -> Json {
    let mut schema = crate::webhook::profile::parameters_schema(a);
    if a.schema.is_none() {
        if let Some(props) = schema.get_mut("properties").and_then(Json::as_object_mut) {
            for p in &a.parameters {
                if p.ty.value == ParamType::Phone && p.pattern.is_none() {
                    if let Some(o) = props.get_mut(&p.name.value).and_then(Json::as_object_mut) {
                        o.insert("pattern".into(), json!(E164_PATTERN));
                    }
                }
            }
        }
    }
    schema
}

/// Parameter `default`s: voxhook's own (the call fills them); no platform's tool holds one.
pub fn note_defaults(a: &Action, platform: &str, notes: &mut Notes) {
    for p in &a.parameters {
        if p.default.is_some() {
            notes.add(
                format!("action `{}`", a.name.value),
                format!(
                    "parameter `{}`: `default` is voxhook's (the call fills it); {platform} tools have none",
                    p.name.value
                ),
            );
        }
    }
}

/// One header as the tool wrote it: name, value, and where.
pub struct Header {
    pub name: String,
    pub value: String,
    pub path: String,
}

/// A tool's object of strings as headers.
pub fn headers(at: &At, key: &str) -> crate::Result<Vec<Header>> {
    Ok(at
        .texts(key)?
        .into_iter()
        .map(|(name, value, path)| Header { name, value, path })
        .collect())
}

/// Headers as `auth:` plus plain `headers:`. Credentials become `${env:…}` placeholders
/// (a value that already is one is kept), each reported with the variable to set.
pub fn import_headers(
    tool: &str,
    headers: Vec<Header>,
    auth: Option<Json>,
    notes: &mut Notes,
) -> (Option<Json>, Map<String, Json>) {
    let mut auth = auth;
    // Credentials in the URL and an Authorization header: an HTTP client sends the header
    // (Node's, which the platforms run on, sets one from the URL only when there is none),
    // so the header is the auth and the URL's credentials, with their note, go.
    if let Some(h) = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("authorization"))
    {
        if let Some(Json::String(user)) = auth.as_ref().and_then(|a| a.pointer("/basic/username")) {
            let user = user.clone();
            notes.0.retain(|n| !n.message.contains(user.as_str()));
            notes.add(
                h.path.clone(),
                "the URL's credentials are left out: this Authorization header is the one sent",
            );
            auth = None;
        }
    }
    let mut plain = Map::new();
    for h in headers {
        let secret = |what: &str, value: &str, notes: &mut Notes| -> String {
            if is_placeholder(value) {
                return value.to_string();
            }
            let var = notes.env_var(&env_name(tool, what));
            let whole = if what.eq_ignore_ascii_case("authorization") {
                format!(
                    " (the whole header value, `{}` included)",
                    value.split(' ').next().unwrap_or("")
                )
            } else {
                String::new()
            };
            notes.add(
                h.path.clone(),
                format!(
                    "a credential: written as `${{env:{var}}}`; set {var}{whole} in the environment or in .env beside the file"
                ),
            );
            format!("${{env:{var}}}")
        };
        let lower = h.name.to_ascii_lowercase();
        if lower == "authorization" && auth.is_none() {
            let (scheme, rest) = h.value.split_once(' ').unwrap_or(("", h.value.as_str()));
            if scheme.eq_ignore_ascii_case("bearer") {
                auth = Some(json!({ "bearer": secret("TOKEN", rest.trim(), notes) }));
                continue;
            }
            if scheme.eq_ignore_ascii_case("basic") && !is_placeholder(rest) {
                let user = notes.env_var(&env_name(tool, "USERNAME"));
                let pass = notes.env_var(&env_name(tool, "PASSWORD"));
                notes.add(
                    h.path.clone(),
                    format!(
                        "basic credentials: written as `${{env:{user}}}` and `${{env:{pass}}}`; set both"
                    ),
                );
                auth = Some(json!({ "basic": {
                    "username": format!("${{env:{user}}}"),
                    "password": format!("${{env:{pass}}}"),
                }}));
                continue;
            }
        }
        if is_credential_name(&h.name) {
            let value = secret(&h.name, &h.value, notes);
            if auth.is_none() {
                auth = Some(json!({ "header": { "name": h.name, "value": value } }));
            } else {
                plain.insert(h.name, json!(value));
            }
            continue;
        }
        plain.insert(h.name, json!(h.value));
    }
    (auth, plain)
}

/// Body fields named like a credential (`api_key`, `client_secret`, at any depth) holding a
/// literal become placeholders, each said with the variable to set; templates stay.
pub fn import_body_secrets(tool: &str, body: &mut Json, path: &str, notes: &mut Notes) {
    match body {
        Json::Object(fields) => {
            for (k, v) in fields.iter_mut() {
                let here = member(path, k);
                let literal = match &*v {
                    Json::String(s) => !s.is_empty() && !is_placeholder(s),
                    // `pin: 4242` is as secret as `pin: "4242"`.
                    Json::Number(_) => true,
                    _ => false,
                };
                if literal && is_credential_field(k) {
                    let var = notes.env_var(&env_name(tool, k));
                    notes.add(
                        here,
                        format!("a credential: written as `${{env:{var}}}`; set {var}"),
                    );
                    *v = Json::String(format!("${{env:{var}}}"));
                } else {
                    import_body_secrets(tool, v, &here, notes);
                }
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                import_body_secrets(tool, v, &format!("{path}[{i}]"), notes);
            }
        }
        _ => {}
    }
}

/// The tool's HTTP method, upper-case; one voxhook cannot send is refused at its place.
pub fn method(at: &At, key: &str, platform: Platform) -> crate::Result<Option<String>> {
    match at.str(key)? {
        None => Ok(None),
        Some(m) => match Method::parse(m) {
            Some(known) => Ok(Some(known.as_str().to_string())),
            None => Err(at.need(key, "")?.error(format!(
                "`{m}` is not a method {} sends (GET, POST, PUT, PATCH, DELETE)",
                display(platform)
            ))),
        },
    }
}

/// Query parameters; credentials among them (`api_key=…`) become placeholders.
pub fn import_query(tool: &str, query: Vec<Header>, notes: &mut Notes) -> Map<String, Json> {
    let mut out = Map::new();
    for q in query {
        let value = if is_credential_name(&q.name) && !is_placeholder(&q.value) {
            let var = notes.env_var(&env_name(tool, &q.name));
            notes.add(
                q.path.clone(),
                format!(
                    "query parameter `{}` is a credential: written as `${{env:{var}}}`; set {var}",
                    q.name
                ),
            );
            format!("${{env:{var}}}")
        } else {
            q.value
        };
        out.insert(q.name, json!(value));
    }
    out
}

/// A tool's URL as voxhook writes it: the query string as separate parameters (`query:`),
/// credentials in it (`https://user:pass@host`) as basic auth with placeholders, and the
/// fragment (which HTTP clients never send) dropped; each said so.
pub struct UrlParts {
    pub url: String,
    pub query: Vec<Header>,
    pub auth: Option<Json>,
}

pub fn split_url(tool: &str, url: &str, path: &str, notes: &mut Notes) -> UrlParts {
    let mut url = url.to_string();
    if let Some(i) = url.find('#') {
        notes.add(
            path,
            format!(
                "the fragment `{}` is not sent by HTTP clients; dropped",
                &url[i..]
            ),
        );
        url.truncate(i);
    }
    let mut auth = None;
    if let Some(scheme_end) = url.find("://") {
        let host_start = scheme_end + 3;
        let host_end = url[host_start..]
            .find(['/', '?'])
            .map(|i| host_start + i)
            .unwrap_or(url.len());
        let userinfo = url[host_start..host_end].rfind('@');
        if let Some(at) =
            userinfo.filter(|at| matches!(&url[host_start..host_start + at], "" | ":"))
        {
            // `https://@host`: an `@` with no one before it says nothing.
            notes.add(
                path,
                "the URL's empty user name (`@` before the host) is dropped",
            );
            url.replace_range(host_start..host_start + at + 1, "");
        } else if let Some(at) = userinfo {
            let user = notes.env_var(&env_name(tool, "USERNAME"));
            let pass = notes.env_var(&env_name(tool, "PASSWORD"));
            notes.add(
                path,
                format!(
                    "credentials in the URL: written as basic auth with `${{env:{user}}}` and `${{env:{pass}}}`; set both"
                ),
            );
            auth = Some(json!({ "basic": {
                "username": format!("${{env:{user}}}"),
                "password": format!("${{env:{pass}}}"),
            }}));
            url.replace_range(host_start..host_start + at + 1, "");
        }
    }
    let Some((base, q)) = url.split_once('?') else {
        return UrlParts {
            url,
            query: Vec::new(),
            auth,
        };
    };
    let mut query: Vec<Header> = Vec::new();
    for (k, v) in url::form_urlencoded::parse(q.as_bytes()) {
        if let Some(i) = query.iter().position(|h| h.name == k) {
            notes.add(
                path,
                format!("`{k}` appears more than once in the query; `query:` holds one value: the last is kept"),
            );
            query.remove(i);
        }
        query.push(Header {
            path: path.to_string(),
            name: k.into_owned(),
            value: v.into_owned(),
        });
    }
    UrlParts {
        url: base.to_string(),
        query,
        auth,
    }
}

/// The action's headers and auth as one JSON object of headers (auth first, as platforms
/// show it), or `None` when there are none.
pub fn export_headers(
    x: &super::Export,
    a: &Action,
    req: &Request,
    notes: &mut Notes,
) -> crate::Result<Option<Json>> {
    let pairs = header_pairs(x, a, req, notes)?;
    Ok((!pairs.is_empty())
        .then(|| Json::Object(pairs.into_iter().map(|(k, v)| (k, json!(v))).collect())))
}

fn header_pairs(
    x: &super::Export,
    a: &Action,
    req: &Request,
    notes: &mut Notes,
) -> crate::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    if let Some(auth) = &req.auth {
        match &auth.value {
            Auth::Bearer(t) => out.push(("Authorization".into(), format!("Bearer {}", x.text(t)?))),
            Auth::Header { name, value } => out.push((name.value.clone(), x.text(value)?)),
            Auth::Basic { username, password } => {
                if x.show_secrets {
                    use base64::Engine;
                    let pair = format!("{}:{}", x.text(username)?, x.text(password)?);
                    let b64 = base64::engine::general_purpose::STANDARD.encode(pair);
                    out.push(("Authorization".into(), format!("Basic {b64}")));
                } else {
                    notes.add(
                        format!("action `{}`", a.name.value),
                        "basic auth is a header of the encoded username and password: not written without --show-secrets",
                    );
                }
            }
        }
    }
    for (k, v) in &req.headers {
        out.push((k.value.clone(), x.text(v)?));
    }
    Ok(out)
}

/// The timeout the platform would use, in milliseconds, when the file sets one.
pub fn export_timeout_ms(req: &Request) -> Option<u64> {
    req.timeout.map(|t| t.value.as_millis() as u64)
}

/// `signing:` cannot be written into a tool on most platforms; say where it goes instead.
pub fn note_signing(a: &Action, req: &Request, instead: &str, notes: &mut Notes) {
    if req.signing.is_some() {
        notes.add(
            format!("action `{}`", a.name.value),
            format!("`signing:` is not part of the tool: {instead}"),
        );
    }
}

/// The URL with `query:` appended, for platforms whose tool has only a URL.
pub fn url_with_query(x: &super::Export, req: &Request) -> crate::Result<String> {
    let mut url = match &req.url {
        Some(u) => x.text(u)?,
        None => String::new(),
    };
    if !req.query.is_empty() {
        let mut pairs = Vec::new();
        for (k, v) in &req.query {
            let value = x.text(v)?;
            pairs.push(format!("{}={}", encode(&k.value), encode(&value)));
        }
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&pairs.join("&"));
    }
    Ok(url)
}

/// Query text percent-encoded, except the `{{ }}` and `${env:…}` a template holds.
fn encode(s: &str) -> String {
    if s.contains("{{") || s.contains("${") {
        return s.to_string();
    }
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The action's `response.assign` as name -> JSONPath pairs.
pub fn assignments(a: &Action) -> Vec<(String, String)> {
    a.response
        .assign
        .iter()
        .map(|(k, v)| (k.value.clone(), v.value.clone()))
        .collect()
}

/// The `webhook:` mapping of an imported action, keys in the order the docs write them.
pub struct WebhookDoc {
    pub url: String,
    pub method: Option<String>,
    pub headers: Map<String, Json>,
    pub query: Map<String, Json>,
    pub auth: Option<Json>,
    pub body: Option<Json>,
    pub timeout_ms: Option<u64>,
}

impl WebhookDoc {
    pub fn to_json(self) -> Json {
        let mut w = Map::new();
        w.insert("url".into(), json!(self.url));
        if let Some(m) = self.method.filter(|m| m != "POST") {
            w.insert("method".into(), json!(m));
        }
        if !self.headers.is_empty() {
            w.insert("headers".into(), Json::Object(self.headers));
        }
        if !self.query.is_empty() {
            w.insert("query".into(), Json::Object(self.query));
        }
        if let Some(a) = self.auth {
            w.insert("auth".into(), a);
        }
        if let Some(b) = self.body {
            w.insert("body".into(), b);
        }
        if let Some(t) = self.timeout_ms {
            w.insert("timeout".into(), json!(duration_text(t)));
        }
        Json::Object(w)
    }
}

/// `response: { assign: … }` from name -> JSONPath pairs, when there are any.
pub fn set_assign(action: &mut Map<String, Json>, pairs: Vec<(String, String)>) {
    if pairs.is_empty() {
        return;
    }
    let assign: Map<String, Json> = pairs.into_iter().map(|(k, v)| (k, json!(v))).collect();
    action.insert("response".into(), json!({ "assign": assign }));
}

/// Platforms that send the arguments in their own body do not fill `{{parameter}}` in the
/// URL; say so.
pub fn note_url_parameters(a: &Action, req: &Request, platform: &str, notes: &mut Notes) {
    let Some(url) = &req.url else { return };
    for (name, _) in url.value.vars() {
        if a.parameter_names().iter().any(|p| p == name) {
            notes.add(
                format!("action `{}`", a.name.value),
                format!("{platform} does not fill `{{{{{name}}}}}` in the URL from the arguments; it sends them in the body"),
            );
        }
    }
}

/// The action's timeout as the platform's tool takes it: within the range its API accepts
/// (the profile's tool limits), the nearest value otherwise, said so.
pub fn tool_timeout_ms(
    a: &Action,
    req: &Request,
    platform: Platform,
    notes: &mut Notes,
) -> Option<u64> {
    let ms = export_timeout_ms(req)?;
    let profile = crate::webhook::profile::profile(platform);
    let Some(limit) = profile.limits.iter().find(|l| l.kind.is_none()) else {
        return Some(ms);
    };
    let (lo, hi) = (
        limit.min_timeout.as_millis() as u64,
        limit.max_timeout.as_millis() as u64,
    );
    let kept = ms.clamp(lo, hi);
    if kept != ms {
        notes.add(
            format!("action `{}`", a.name.value),
            format!(
                "timeout {} is outside what {} takes ({}): written as {}",
                duration_text(ms),
                display(platform),
                limit.what,
                duration_text(kept)
            ),
        );
    }
    Some(kept)
}

/// The platform's name as it writes it.
pub fn display(p: Platform) -> &'static str {
    match p {
        Platform::Vapi => "Vapi",
        Platform::Retell => "Retell",
        Platform::Elevenlabs => "ElevenLabs",
        Platform::Bland => "Bland",
        Platform::Twilio => "Twilio",
        Platform::Voxhook => "voxhook",
    }
}

/// Keys of a voxhook action a platform's tool has no place for: said, not dropped silently.
pub fn note_unexpressed(a: &Action, platform: Platform, notes: &mut Notes) {
    let at = format!("action `{}`", a.name.value);
    let name = display(platform);
    if a.interruptible.is_some() && platform != Platform::Elevenlabs {
        notes.add(
            at.clone(),
            format!("`interruptible` is not part of a {name} tool"),
        );
    }
    if a.args_at_root && platform != Platform::Retell {
        notes.add(
            at.clone(),
            format!("`args_at_root` is Retell's; not part of a {name} tool"),
        );
    }
    if platform != Platform::Bland {
        for p in &a.parameters {
            if p.example.is_some() {
                notes.add(
                    at.clone(),
                    format!(
                        "parameter `{}`: {name} tools have no `example`",
                        p.name.value
                    ),
                );
            }
        }
    }
}

/// `required` naming only the properties still there.
fn keep_required(out: &mut Map<String, Json>) {
    if let (Some(Json::Array(req)), Some(Json::Object(props))) =
        (out.get("required").cloned(), out.get("properties"))
    {
        let kept: Vec<Json> = req
            .into_iter()
            .filter(|r| r.as_str().is_some_and(|n| props.contains_key(n)))
            .collect();
        out.insert("required".into(), Json::Array(kept));
    }
}

/// A JSON Schema cut down to the keywords a platform's schema type holds. A property whose
/// type it cannot write (a `$ref`, a `oneOf`) is left out rather than given a false type;
/// everything left out is said.
pub fn restrict_schema(
    schema: &Json,
    top: &[&str],
    nested: Option<&[&str]>,
    at: &str,
    notes: &mut Notes,
) -> Json {
    fn prop(v: &Json, keys: &[&str], path: &str, at: &str, notes: &mut Notes) -> Option<Json> {
        let o = v.as_object()?;
        if !o.get("type").is_some_and(Json::is_string) {
            notes.add(
                at.to_string(),
                format!("parameter `{path}` has no single `type` the platform can write (a $ref, oneOf or list of types): left out"),
            );
            return None;
        }
        filter(o, keys, path, at, notes).map(Json::Object)
    }
    fn filter(
        o: &Map<String, Json>,
        keys: &[&str],
        path: &str,
        at: &str,
        notes: &mut Notes,
    ) -> Option<Map<String, Json>> {
        let mut out = Map::new();
        let mut dropped: Vec<String> = Vec::new();
        for (k, v) in o {
            if !keys.contains(&k.as_str()) {
                dropped.push(format!("`{k}`"));
                continue;
            }
            match k.as_str() {
                "properties" => {
                    let mut props = Map::new();
                    for (name, pv) in v.as_object().into_iter().flatten() {
                        let child = if path.is_empty() {
                            name.clone()
                        } else {
                            format!("{path}.{name}")
                        };
                        if let Some(p) = prop(pv, keys, &child, at, notes) {
                            props.insert(name.clone(), p);
                        }
                    }
                    out.insert(k.clone(), Json::Object(props));
                }
                // A list whose items cannot be written is left out whole.
                "items" => {
                    let p = prop(v, keys, &format!("{path}[]"), at, notes)?;
                    out.insert(k.clone(), p);
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        keep_required(&mut out);
        if !dropped.is_empty() {
            let whose = if path.is_empty() {
                "the parameters".to_string()
            } else {
                format!("parameter `{path}`")
            };
            notes.add(
                at.to_string(),
                format!(
                    "{whose}: the platform's schema has no {}; left out",
                    dropped.join(", ")
                ),
            );
        }
        Some(out)
    }
    let inlined = inline_refs(schema);
    let Some(o) = inlined.as_object() else {
        return schema.clone();
    };
    let mut out = Map::new();
    let mut dropped = Vec::new();
    for (k, v) in o {
        if !top.contains(&k.as_str()) {
            dropped.push(format!("`{k}`"));
            continue;
        }
        let v = match (k.as_str(), nested) {
            ("properties", Some(keys)) => {
                let mut props = Map::new();
                for (name, pv) in v.as_object().into_iter().flatten() {
                    if let Some(p) = prop(pv, keys, name, at, notes) {
                        props.insert(name.clone(), p);
                    }
                }
                Json::Object(props)
            }
            // Properties kept whole: one that still points into the `$defs` left out
            // (a recursive `$ref`) would dangle, so it goes too.
            ("properties", None) => {
                let mut props = Map::new();
                for (name, pv) in v.as_object().into_iter().flatten() {
                    if has_ref(pv) {
                        notes.add(
                            at.to_string(),
                            format!("parameter `{name}` refers to itself through $ref, which the platform's schema cannot hold: left out"),
                        );
                    } else {
                        props.insert(name.clone(), pv.clone());
                    }
                }
                Json::Object(props)
            }
            _ => v.clone(),
        };
        out.insert(k.clone(), v);
    }
    keep_required(&mut out);
    if !dropped.is_empty() {
        notes.add(
            at.to_string(),
            format!(
                "the parameters: the platform's schema has no {}; left out",
                dropped.join(", ")
            ),
        );
    }
    Json::Object(out)
}

/// `$ref`s into the schema's own `$defs` or `definitions` replaced by what they name, so a
/// platform whose schema has no `$defs` keeps the property and its type; the `$defs` go
/// when nothing refers to them any more. A recursive reference stays a `$ref` (the caller
/// leaves its property out and says so); so does every reference past a budget, so a chain
/// of definitions that each use the next twice cannot grow the schema without bound.
pub fn inline_refs(schema: &Json) -> Json {
    fn walk(v: &Json, root: &Json, stack: &mut Vec<String>, budget: &mut usize) -> Json {
        match v {
            Json::Object(o) => {
                if let Some(r) = o.get("$ref").and_then(Json::as_str) {
                    // `#` is the whole schema: always recursive, so never inlined.
                    let target = r
                        .strip_prefix('#')
                        .filter(|p| !p.is_empty())
                        .and_then(|p| root.pointer(p));
                    if let Some(target) =
                        target.filter(|_| *budget > 0 && !stack.iter().any(|s| s == r))
                    {
                        *budget -= 1;
                        stack.push(r.to_string());
                        let mut t = walk(target, root, stack, budget);
                        stack.pop();
                        // Keywords beside the `$ref` (a description) say more than the target.
                        if let Json::Object(tm) = &mut t {
                            for (k, x) in o.iter().filter(|(k, _)| *k != "$ref") {
                                tm.insert(k.clone(), walk(x, root, stack, budget));
                            }
                        }
                        return t;
                    }
                }
                Json::Object(
                    o.iter()
                        .map(|(k, x)| (k.clone(), walk(x, root, stack, budget)))
                        .collect(),
                )
            }
            Json::Array(items) => {
                Json::Array(items.iter().map(|x| walk(x, root, stack, budget)).collect())
            }
            _ => v.clone(),
        }
    }
    let mut out = walk(schema, schema, &mut Vec::new(), &mut 1_000);
    if let Json::Object(o) = &mut out {
        let still_used = o
            .iter()
            .any(|(k, v)| k != "$defs" && k != "definitions" && has_ref(v));
        if !still_used {
            // `shift_remove`: the keys after keep their order (`remove` swaps the last in).
            o.shift_remove("$defs");
            o.shift_remove("definitions");
        }
    }
    out
}

/// `true` when a `$ref` is anywhere inside `v`.
fn has_ref(v: &Json) -> bool {
    match v {
        Json::Object(o) => o.get("$ref").is_some_and(Json::is_string) || o.values().any(has_ref),
        Json::Array(items) => items.iter().any(has_ref),
        _ => false,
    }
}

/// The longest timeout a tool may be imported with; above it the JSON is not a tool definition
/// any platform takes (their maximum is 10 minutes).
const MAX_IMPORT_TIMEOUT_MS: u64 = 3_600_000;

/// A timeout in `unit_ms` milliseconds (1000 for seconds), as milliseconds; one longer than an
/// hour is refused naming its place.
pub fn timeout(at: &At, key: &str, unit_ms: u64) -> crate::Result<Option<u64>> {
    let Some(n) = at.number(key)? else {
        return Ok(None);
    };
    let ms = n * unit_ms as f64;
    if !ms.is_finite() || ms > MAX_IMPORT_TIMEOUT_MS as f64 {
        let place = at.need(key, "")?;
        // `1e308` as written, not as 309 digits.
        let shown = if n.abs() >= 1e15 {
            format!("{n:e}")
        } else {
            n.to_string()
        };
        return Err(place.error(format!(
            "{shown} is not a timeout a platform takes (at most {} s)",
            MAX_IMPORT_TIMEOUT_MS / 1000
        )));
    }
    Ok(Some(ms.round() as u64))
}

/// `response.assign` as the dotted paths Retell and ElevenLabs read (`result.status`,
/// indices as `index` says); a JSONPath they cannot read (wildcards, filters) is left out
/// and said.
pub fn dotted_assignments(
    a: &Action,
    platform: &str,
    index: Index,
    notes: &mut Notes,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (var, path) in assignments(a) {
        match platform_path(&path, index) {
            Some(p) => out.push((var, p)),
            None => notes.add(
                format!("action `{}`", a.name.value),
                format!(
                    "assign `{var}`: {platform} reads dotted paths only; `{path}` is not written"
                ),
            ),
        }
    }
    out
}

/// Vapi's and ElevenLabs' schema types hold string enums only (their SDKs refuse `[1, 2]`):
/// other enums are left out, and said so.
pub fn string_enums_only(schema: &mut Json, action: &str, platform: &str, notes: &mut Notes) {
    let Some(props) = schema.get_mut("properties").and_then(Json::as_object_mut) else {
        return;
    };
    for (name, p) in props.iter_mut() {
        let Some(o) = p.as_object_mut() else { continue };
        if o.get("enum")
            .and_then(Json::as_array)
            .is_some_and(|e| !e.iter().all(Json::is_string))
        {
            o.shift_remove("enum");
            notes.add(
                format!("action `{action}`"),
                format!(
                    "parameter `{name}`: {platform} enums are strings only; the enum is not written"
                ),
            );
        }
        string_enums_only(p, action, platform, notes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_into_defs_are_inlined_for_platforms_without_defs() {
        let schema = json!({
            "type": "object",
            "properties": {
                "address": {"$ref": "#/$defs/Address", "description": "Where to go"},
                "tree": {"$ref": "#/$defs/Node"}
            },
            "required": ["address", "tree"],
            "$defs": {
                "Address": {"type": "object", "properties": {"city": {"type": "string"}}},
                "Node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/Node"}}}
            }
        });
        let top = ["type", "properties", "required"];
        // Kept whole (Retell): the recursive property goes, the other is inlined.
        let mut notes = Notes::default();
        let out = restrict_schema(&schema, &top, None, "action `a`", &mut notes);
        assert_eq!(
            out,
            json!({
                "type": "object",
                "properties": {"address": {"type": "object", "properties": {"city": {"type": "string"}}, "description": "Where to go"}},
                "required": ["address"]
            })
        );
        assert!(
            notes
                .0
                .iter()
                .any(|n| n.message.contains("`tree` refers to itself")),
            "{:?}",
            notes.0
        );
        // Filtered by key (Vapi, ElevenLabs): the same type, nested keys cut.
        let mut notes = Notes::default();
        let out = restrict_schema(
            &schema,
            &top,
            Some(&["type", "properties", "description"]),
            "action `a`",
            &mut notes,
        );
        assert_eq!(
            out["properties"]["address"]["properties"]["city"]["type"],
            "string"
        );
        // The tree is an object one level down; its recursive child is what goes.
        assert_eq!(
            out["properties"]["tree"],
            json!({"type": "object", "properties": {}})
        );
        assert_eq!(out["required"], json!(["address", "tree"]));
        // Without recursion, nothing is left to point into: the `$defs` go unannounced.
        // The keys after them keep their order (compared as text: Map equality ignores it).
        let flat = json!({"type": "object", "definitions": {"A": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/A"}}, "required": ["a"]});
        assert_eq!(
            inline_refs(&flat).to_string(),
            r#"{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"#
        );
    }

    #[test]
    fn platform_paths_read_as_jsonpath_and_back() {
        for (theirs, ours) in [
            ("data.id", "$.data.id"),
            ("data.0.id", "$.data[0].id"),
            ("items[0].status", "$.items[0].status"),
            ("grid[1][2]", "$.grid[1][2]"),
            ("[0].id", "$[0].id"),
            ("first name.x", "$['first name'].x"),
            ("it's", "$['it\\'s']"),
            ("$.kept[*]", "$.kept[*]"),
            ("data['plan name']", "$.data['plan name']"),
            ("items[-1].id", "$.items[-1].id"),
            ("a[\"b\"].c", "$.a.b.c"),
        ] {
            assert_eq!(json_path(theirs).as_deref(), Some(ours), "{theirs}");
        }
        // Not one value, or not a path: said by the caller, never made into a key.
        for theirs in [
            "items[*].id",
            "a.*",
            "a[1:2]",
            "x..y",
            "items[ 0 ]",
            "a[0",
            "a.",
            "$.a[",
            "a[?(@.b)]",
        ] {
            assert_eq!(json_path(theirs), None, "{theirs}");
        }
        assert_eq!(
            json_path("items.01.id").as_deref(),
            Some("$.items['01'].id")
        );
        for (ours, dot, bracket) in [
            ("$.data.id", Some("data.id"), Some("data.id")),
            ("$.data[0].id", Some("data.0.id"), Some("data[0].id")),
            ("$['data']['id']", Some("data.id"), Some("data.id")),
            ("$[0].id", Some("0.id"), Some("[0].id")),
            (
                "$['first name'].x",
                Some("first name.x"),
                Some("first name.x"),
            ),
            ("$['a.b']", None, None),
            ("$..deep", None, None),
            ("$.a[*]", None, None),
            ("$.a[-1]", None, Some("a[-1]")),
            ("$.x['0']", None, None),
            ("$.a[?@.b]", None, None),
            ("$", None, None),
        ] {
            assert_eq!(platform_path(ours, Index::Dot).as_deref(), dot, "{ours}");
            assert_eq!(
                platform_path(ours, Index::Bracket).as_deref(),
                bracket,
                "{ours}"
            );
        }
    }

    #[test]
    fn names_become_action_names() {
        let doc = json!({});
        let at = At::root(&doc);
        let mut notes = Notes::default();
        assert_eq!(
            action_name(&at, "getWeather", &mut notes).expect("ok"),
            "get_weather"
        );
        assert_eq!(
            action_name(&at, "Book-Visit 2", &mut notes).expect("ok"),
            "book_visit_2"
        );
        assert_eq!(
            action_name(&at, "check_order", &mut notes).expect("ok"),
            "check_order"
        );
        assert_eq!(
            action_name(&at, "getHTTPResponse", &mut notes).expect("ok"),
            "get_http_response"
        );
        assert_eq!(notes.0.len(), 3, "the unchanged name is not reported");
        assert!(action_name(&at, "--", &mut notes).is_err());
    }

    #[test]
    fn a_schema_is_typed_when_it_can_be() {
        let s = json!({"type": "object", "properties": {
            "date": {"type": "string", "format": "date", "description": "Day"},
            "n": {"type": "integer", "enum": [1, 2]},
            "to": {"type": "string", "pattern": E164_PATTERN}
        }, "required": ["date"]});
        assert_eq!(
            Json::Object(typed_parameters(&s).expect("typed")),
            json!({
                "date": {"type": "date", "description": "Day", "required": true},
                "n": {"type": "integer", "enum": [1, 2]},
                "to": {"type": "phone"}
            })
        );
        let nested = json!({"type": "object", "properties": {"a": {"type": "array", "items": {"type": "string"}}}});
        assert!(typed_parameters(&nested).is_none());
        let extra = json!({"type": "object", "properties": {}, "additionalProperties": false});
        assert!(typed_parameters(&extra).is_none());
    }

    #[test]
    fn credentials_become_placeholders() {
        let mut notes = Notes::default();
        let h = |n: &str, v: &str| Header {
            name: n.into(),
            value: v.into(),
            path: format!("$.headers.{n}"),
        };
        let (auth, plain) = import_headers(
            "get weather",
            vec![
                h("Authorization", "Bearer sk_live_123"),
                h("X-Api-Key", "abc"),
                h("X-Source", "voice"),
            ],
            None,
            &mut notes,
        );
        assert_eq!(auth, Some(json!({"bearer": "${env:GET_WEATHER_TOKEN}"})));
        assert_eq!(
            Json::Object(plain),
            json!({"X-Api-Key": "${env:GET_WEATHER_X_API_KEY}", "X-Source": "voice"})
        );
        assert_eq!(notes.0.len(), 2);
        assert!(!format!("{:?}", notes.0).contains("sk_live_123"));
        let (auth, _) = import_headers(
            "t",
            vec![h("Authorization", "Bearer ${env:TOKEN}")],
            None,
            &mut notes,
        );
        assert_eq!(auth, Some(json!({"bearer": "${env:TOKEN}"})));
    }

    #[test]
    fn an_authorization_header_wins_over_credentials_in_the_url() {
        let mut notes = Notes::default();
        let parts = split_url("b", "https://u:p@api.example.com/x", "$.url", &mut notes);
        let (auth, plain) = import_headers(
            "b",
            vec![Header {
                name: "Authorization".into(),
                value: "Bearer tok_9".into(),
                path: "$.headers.Authorization".into(),
            }],
            parts.auth,
            &mut notes,
        );
        assert_eq!(auth, Some(json!({"bearer": "${env:B_TOKEN}"})));
        assert!(plain.is_empty());
        let said = format!("{:?}", notes.0);
        assert!(!said.contains("B_USERNAME"), "{said}");
        assert!(
            said.contains("the URL's credentials are left out"),
            "{said}"
        );
    }

    #[test]
    fn an_empty_user_name_in_a_url_is_not_a_credential() {
        let mut notes = Notes::default();
        let parts = split_url("t", "https://@api.example.com/x", "$.url", &mut notes);
        assert_eq!(parts.url, "https://api.example.com/x");
        assert_eq!(parts.auth, None);
        assert!(
            notes.0[0].message.contains("empty user name"),
            "{:?}",
            notes.0
        );
    }

    #[test]
    fn names_outside_ascii_are_spelt_in_it() {
        let doc = json!({});
        let at = At::root(&doc);
        let mut notes = Notes::default();
        assert_eq!(
            action_name(&at, "Réserver une visite", &mut notes).expect("ok"),
            "reserver_une_visite"
        );
        assert_eq!(action_name(&at, "予約", &mut notes).expect("ok"), "yu_yue");
    }

    #[test]
    fn two_credentials_never_share_a_variable_and_url_credentials_are_not_kept() {
        let mut notes = Notes::default();
        let parts = split_url(
            "a tool",
            "https://bob:pw_secret@api.example.com/x?token=q_secret&a=1&a=2#frag",
            "$.url",
            &mut notes,
        );
        assert_eq!(parts.url, "https://api.example.com/x");
        assert_eq!(
            parts.auth,
            Some(
                json!({"basic": {"username": "${env:A_TOOL_USERNAME}", "password": "${env:A_TOOL_PASSWORD}"}})
            )
        );
        let query = import_query("a tool", parts.query, &mut notes);
        let (auth, _) = import_headers(
            "a tool",
            vec![Header {
                name: "Authorization".into(),
                value: "Bearer h_secret".into(),
                path: "$.h".into(),
            }],
            None,
            &mut notes,
        );
        assert_eq!(
            Json::Object(query),
            json!({"token": "${env:A_TOOL_TOKEN}", "a": "2"})
        );
        assert_eq!(auth, Some(json!({"bearer": "${env:A_TOOL_TOKEN_2}"})));
        let said = format!("{:?}", notes.0);
        assert!(
            said.contains("#frag") && said.contains("more than once"),
            "{said}"
        );
        assert!(
            !said.contains("pw_secret") && !said.contains("q_secret") && !said.contains("h_secret")
        );
    }
}
