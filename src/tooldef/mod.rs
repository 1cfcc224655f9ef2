//! Platform tool definitions: `voxhook import` reads a platform's tool JSON into actions,
//! `voxhook export` writes actions as the platform's tool JSON.
//!
//! Each platform is one entry in [`FORMATS`] (one file each): where its tools sit in the
//! documents it exports, how one tool reads into an action, how an action writes as one tool.
//! The parts every platform shares (a JSON Schema as typed parameters, headers as `auth:`
//! with `${env:…}` placeholders, names, durations) live in `common`.
//!
//! Owns: the mapping between actions and platform tool JSON. May import: `definition`, `diag`,
//! `text`, `webhook` (the profiles' parameter schema). May not import: `call`, `mock`, `lint`,
//! `output` (the YAML printer writes what import returns), `commands` or `cli`.

pub mod bland;
pub mod common;
pub mod elevenlabs;
pub mod json;
pub mod retell;
pub mod vapi;

use crate::definition::env::EnvSource;
use crate::definition::model::*;
use json::At;
use serde_json::{Map, Value as Json};

/// Something the reader or writer could not carry over, and where (a JSON path on import,
/// an action on export).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub at: String,
    pub message: String,
}

/// The notes of one import or export, and the environment variable names handed out so
/// far (two credentials never share one).
#[derive(Default)]
pub struct Notes(pub Vec<Note>, std::collections::HashSet<String>);

impl Notes {
    pub fn add(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.0.push(Note {
            at: at.into(),
            message: message.into(),
        });
    }

    /// `base`, or `base_2`, `base_3`… when an earlier credential took it.
    pub fn env_var(&mut self, base: &str) -> String {
        let mut name = base.to_string();
        let mut n = 1;
        while !self.1.insert(name.clone()) {
            n += 1;
            name = format!("{base}_{n}");
        }
        name
    }
}

/// One tool found in a document, with the server it falls back to (a Vapi assistant's own
/// `server` for a tool without one).
pub struct Tool<'a> {
    pub at: At<'a>,
    pub server: Option<At<'a>>,
}

impl<'a> Tool<'a> {
    pub fn new(at: At<'a>) -> Self {
        Tool { at, server: None }
    }
}

/// Fields a tool object may carry: read by the importer, known but without a voxhook
/// equivalent (reported), or the platform's record-keeping (reported together).
pub struct Fields {
    pub read: &'static [&'static str],
    pub unsupported: &'static [(&'static str, &'static str)],
    pub metadata: &'static [&'static str],
}

pub struct Format {
    pub platform: Platform,
    /// What the platform calls one tool, for messages.
    pub noun: &'static str,
    /// Every tool object in a document the platform exports: one tool, a list, a list
    /// response, an assistant or agent.
    pub tools: for<'a> fn(&At<'a>, &mut Notes) -> crate::Result<Vec<Tool<'a>>>,
    /// One tool as an action (`None`: a tool of another kind, reported and skipped).
    pub import: fn(&Tool, &mut Notes) -> crate::Result<Option<ActionDoc>>,
    /// The platform's own variables that are voxhook built-ins: (platform's, voxhook's).
    /// Import writes the voxhook name, export the platform's.
    pub variables: &'static [(&'static str, &'static str)],
    /// The prefix the platform's templates put before the model's values (Bland:
    /// `{{input.date}}`), which voxhook's `{{date}}` does without.
    pub input_prefix: Option<&'static str>,
    /// One action as the platform's tool JSON.
    pub export: fn(&Export, &Action, &mut Notes) -> crate::Result<Json>,
}

pub const FORMATS: &[Format] = &[
    vapi::FORMAT,
    retell::FORMAT,
    elevenlabs::FORMAT,
    bland::FORMAT,
];

pub fn format(p: Platform) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.platform == p)
}

/// An imported action: the YAML mapping it is written as, keys in the docs' order.
pub type ActionDoc = Map<String, Json>;

/// What `import` made of a document: the actions in order, and what did not carry over.
pub struct Imported {
    pub platform: Platform,
    pub actions: Vec<Map<String, Json>>,
    pub notes: Vec<Note>,
    /// The platform's own variables the requests use (`agent.variables` in the file).
    pub variables: Vec<String>,
    /// The longest timeout read, to raise `policy.max_timeout` when it is above the default.
    pub longest_timeout_ms: u64,
}

/// Read every tool of `doc`. A tool that is not one of the platform's is an error naming
/// the JSON path; a tool of another kind (a transfer, an end-call) is skipped with a note.
pub fn import(platform: Platform, doc: &Json) -> crate::Result<Imported> {
    let Some(fmt) = format(platform) else {
        return Err(crate::Error::input(format!(
            "{} has no tool definitions to import; use one of: {}",
            platform.as_str(),
            names_list()
        )));
    };
    let root = At::root(doc);
    let mut notes = Notes::default();
    let tools = (fmt.tools)(&root, &mut notes)?;
    let mut actions: Vec<Map<String, Json>> = Vec::new();
    let mut read: Vec<(String, Map<String, Json>)> = Vec::new();
    // Agents of one export often share a tool: the same object twice is imported once.
    // Bucketed by a hash of the value (with the server it falls back to), so 10,000 tools
    // are 10,000 lookups, not 50 million comparisons.
    type Seen<'a> = Vec<(&'a Json, Option<&'a Json>, String)>;
    let mut seen: std::collections::HashMap<u64, Seen> = std::collections::HashMap::new();
    for tool in tools {
        let server = tool.server.as_ref().map(|s| s.v);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        hash_json(tool.at.v, &mut h);
        if let Some(s) = server {
            hash_json(s, &mut h);
        }
        let bucket = seen.entry(std::hash::Hasher::finish(&h)).or_default();
        if let Some((_, _, first)) = bucket
            .iter()
            .find(|(v, s, _)| *v == tool.at.v && *s == server)
        {
            notes.add(
                tool.at.path.clone(),
                format!("the same tool as {first}: imported once"),
            );
            continue;
        }
        bucket.push((tool.at.v, server, tool.at.path.clone()));
        let Some(mut action) = (fmt.import)(&tool, &mut notes)? else {
            continue;
        };
        if let Some(w) = action.get_mut("webhook") {
            import_templates(fmt, w, &tool.at.path, &mut notes);
        }
        read.push((tool.at.path.clone(), action));
    }
    // Two different tools of one name (each agent's own `lookup`): action names are unique
    // in a file, so the later ones are renamed to a name no tool has, and said.
    let name_of = |a: &Map<String, Json>| {
        a.get("name")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string()
    };
    let mut taken: std::collections::HashSet<String> =
        read.iter().map(|(_, a)| name_of(a)).collect();
    let mut names = std::collections::HashSet::new();
    for (path, mut action) in read {
        let name = name_of(&action);
        if !names.insert(name.clone()) {
            let mut n = 2;
            let mut renamed = format!("{name}_{n}");
            while !taken.insert(renamed.clone()) {
                n += 1;
                renamed = format!("{name}_{n}");
            }
            names.insert(renamed.clone());
            notes.add(
                path,
                format!(
                    "a second, different tool named `{name}`: imported as `{renamed}` (action names are unique in a file)"
                ),
            );
            action.insert("name".into(), Json::String(renamed));
        }
        actions.push(action);
    }
    if actions.is_empty() {
        return Err(crate::Error::input(format!(
            "{}: no {} to import",
            root.path, fmt.noun
        )));
    }
    let variables = platform_variables(&actions);
    for v in &variables {
        notes.add(
            "agent.variables",
            format!(
                "`{{{{{v}}}}}` is filled by the platform: written under agent.variables with an empty value; give it one, or pass --var {v}=…"
            ),
        );
    }
    let longest_timeout_ms = actions
        .iter()
        .filter_map(|a| a.get("webhook")?.get("timeout")?.as_str())
        .filter_map(common::duration_ms)
        .max()
        .unwrap_or(0);
    Ok(Imported {
        platform,
        actions,
        notes: notes.0,
        variables,
        longest_timeout_ms,
    })
}

/// A hash of a JSON value that equal values share (object keys in any order).
fn hash_json(v: &Json, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    match v {
        Json::Null => 0u8.hash(h),
        Json::Bool(b) => (1u8, b).hash(h),
        Json::Number(n) => (2u8, n.to_string()).hash(h),
        Json::String(s) => (3u8, s).hash(h),
        Json::Array(items) => {
            (4u8, items.len()).hash(h);
            items.iter().for_each(|i| hash_json(i, h));
        }
        Json::Object(m) => {
            // Order-free, as `Map`'s equality is: each entry hashed alone, then summed.
            let mut sum = 0u64;
            for (k, x) in m {
                let mut e = std::collections::hash_map::DefaultHasher::new();
                k.hash(&mut e);
                hash_json(x, &mut e);
                sum = sum.wrapping_add(std::hash::Hasher::finish(&e));
            }
            (5u8, m.len(), sum).hash(h);
        }
    }
}

/// Every `{{ name }}` of `text` passed through `f`: `Some(new)` rewrites it as `{{new}}`.
pub fn rewrite_templates(text: &str, f: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        let Some(j) = rest[i + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..i]);
        let whole = &rest[i..i + 2 + j + 2];
        match f(rest[i + 2..i + 2 + j].trim()) {
            Some(new) => {
                out.push_str("{{");
                out.push_str(&new);
                out.push_str("}}");
            }
            None => out.push_str(whole),
        }
        rest = &rest[i + 2 + j + 2..];
    }
    out.push_str(rest);
    out
}

/// Every string inside `v`, rewritten by `f` (object keys stay).
pub fn map_strings(v: &mut Json, f: &mut dyn FnMut(&str) -> String) {
    match v {
        Json::String(s) => *s = f(s),
        Json::Array(items) => items.iter_mut().for_each(|i| map_strings(i, f)),
        Json::Object(m) => m.values_mut().for_each(|i| map_strings(i, f)),
        _ => {}
    }
}

/// The platform's templates as voxhook's: its input prefix dropped, its built-ins renamed,
/// and names voxhook cannot write (`{{customer.number}}` with no built-in) with `_` for each
/// character it does not take, said so.
fn import_templates(fmt: &Format, webhook: &mut Json, at: &str, notes: &mut Notes) {
    let mut renamed: Vec<(String, String)> = Vec::new();
    map_strings(webhook, &mut |s| {
        rewrite_templates(s, &mut |name| {
            if let Some(rest) = fmt.input_prefix.and_then(|p| name.strip_prefix(p)) {
                return Some(rest.to_string());
            }
            if let Some((_, ours)) = fmt.variables.iter().find(|(theirs, _)| *theirs == name) {
                return Some(ours.to_string());
            }
            if crate::definition::template::is_name(name) {
                return None;
            }
            let ours: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let ours = if ours.starts_with(|c: char| c.is_ascii_digit()) {
                format!("v_{ours}")
            } else {
                ours
            };
            if !renamed.iter().any(|(t, _)| t == name) {
                renamed.push((name.to_string(), ours.clone()));
            }
            Some(ours)
        })
    });
    for (theirs, ours) in renamed {
        notes.add(
            at.to_string(),
            format!("the platform's `{{{{{theirs}}}}}` is written `{{{{{ours}}}}}` (voxhook names have no dots)"),
        );
    }
}

/// The `{{name}}`s the requests use that are neither a parameter of their action nor a
/// voxhook built-in: the platform's own variables, which the file must name to lint clean.
fn platform_variables(actions: &[Map<String, Json>]) -> Vec<String> {
    fn strings<'a>(v: &'a Json, out: &mut Vec<&'a str>) {
        match v {
            Json::String(s) => out.push(s),
            Json::Array(items) => items.iter().for_each(|i| strings(i, out)),
            Json::Object(m) => m.values().for_each(|i| strings(i, out)),
            _ => {}
        }
    }
    let mut found: Vec<String> = Vec::new();
    for a in actions {
        let params: Vec<&String> = match (a.get("parameters"), a.get("schema")) {
            (Some(Json::Object(p)), _) => p.keys().collect(),
            (_, Some(s)) => s
                .get("properties")
                .and_then(Json::as_object)
                .map(|p| p.keys().collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut texts = Vec::new();
        if let Some(w) = a.get("webhook") {
            strings(w, &mut texts);
        }
        for t in texts {
            let Ok(template) = crate::definition::template::Template::parse(t) else {
                continue;
            };
            for (name, _) in template.vars() {
                let known = params.iter().any(|p| *p == name)
                    || BUILTINS_EVERYWHERE.contains(&name)
                    || found.iter().any(|f| f == name);
                if !known {
                    found.push(name.to_string());
                }
            }
        }
    }
    found
}

/// How `export` writes values: `${env:…}` placeholders as written, or (`--show-secrets`)
/// their values, for sending straight to the platform's API.
pub struct Export<'a> {
    pub def: &'a Definition,
    pub show_secrets: bool,
    pub env: EnvSource,
}

impl Export<'_> {
    /// A template as text for the platform: `{{ name }}` kept, `${env:…}` kept or resolved.
    pub fn text(&self, t: &Sp<crate::definition::template::Template>) -> crate::Result<String> {
        use crate::definition::template::Part;
        if !self.show_secrets {
            return Ok(t.value.raw.clone());
        }
        let mut out = String::new();
        for p in &t.value.parts {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Var { name, .. } => out.push_str(&format!("{{{{{name}}}}}")),
                Part::Env { name, fallback, .. } => {
                    out.push_str(&self.env(name, fallback.as_deref(), t.span)?)
                }
            }
        }
        Ok(out)
    }

    /// One `${env:…}`: as written, or its value with `--show-secrets`.
    pub fn env(
        &self,
        name: &str,
        fallback: Option<&str>,
        at: crate::diag::Span,
    ) -> crate::Result<String> {
        if !self.show_secrets {
            return Ok(match fallback {
                Some(f) => format!("${{env:{name}:-{f}}}"),
                None => format!("${{env:{name}}}"),
            });
        }
        self.env
            .get(name)
            .or_else(|| fallback.map(str::to_string))
            .ok_or_else(|| {
                crate::Error::input(format!(
                    "{}:{}:{}: ${{env:{name}}} is not set (--show-secrets writes its value)",
                    self.def.path.display(),
                    at.line,
                    at.col
                ))
            })
    }

    /// The action's request with `defaults` filled in, as the platform would call it.
    pub fn request(&self, a: &Action) -> Request {
        a.webhook.merged(&self.def.defaults)
    }
}

/// Write `names` (every action when empty) as the platform's tool JSON.
pub fn export(
    x: &Export,
    platform: Platform,
    names: &[String],
) -> crate::Result<(Vec<Json>, Vec<Note>)> {
    let Some(fmt) = format(platform) else {
        return Err(crate::Error::input(format!(
            "{} has no tool definitions to export; use one of: {}",
            platform.as_str(),
            names_list()
        )));
    };
    let mut chosen: Vec<&Action> = Vec::new();
    for n in names {
        match x.def.actions.iter().find(|a| &a.name.value == n) {
            Some(a) if chosen.iter().any(|c| c.name.value == a.name.value) => {}
            Some(a) => chosen.push(a),
            None => {
                let help = crate::diag::did_you_mean(
                    n,
                    x.def.actions.iter().map(|a| a.name.value.as_str()),
                )
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
                return Err(crate::Error::input(format!(
                    "no action named `{n}` in {}{help}",
                    x.def.path.display()
                )));
            }
        }
    }
    if names.is_empty() {
        chosen = x.def.actions.iter().collect();
    }
    if chosen.is_empty() {
        return Err(crate::Error::input(format!(
            "{} has no actions to export",
            x.def.path.display()
        )));
    }
    let mut notes = Notes::default();
    let mut out = Vec::new();
    for a in chosen {
        let mut tool = (fmt.export)(x, a, &mut notes)?;
        export_templates(fmt, a, &mut tool, &mut notes);
        out.push(tool);
    }
    if !x.show_secrets && out.iter().any(|t| t.to_string().contains("${env:")) {
        notes.add(
            "export",
            "`${env:…}` placeholders are written as they are; --show-secrets writes their values",
        );
    }
    Ok((out, notes.0))
}

/// voxhook's built-ins under the platform's names; a built-in the platform has no name for is
/// said so. Descriptions are text for the model and stay as written.
fn export_templates(fmt: &Format, a: &Action, tool: &mut Json, notes: &mut Notes) {
    let params = a.parameter_names();
    let mut unknown: Vec<String> = Vec::new();
    fn walk(v: &mut Json, f: &mut dyn FnMut(&str) -> String) {
        match v {
            Json::String(s) => *s = f(s),
            Json::Array(items) => items.iter_mut().for_each(|i| walk(i, f)),
            Json::Object(m) => {
                for (k, v) in m.iter_mut() {
                    if k != "description" {
                        walk(v, f);
                    }
                }
            }
            _ => {}
        }
    }
    walk(tool, &mut |s| {
        rewrite_templates(s, &mut |name| {
            if params.iter().any(|p| p == name) {
                return None;
            }
            if let Some((theirs, _)) = fmt.variables.iter().find(|(_, ours)| *ours == name) {
                return Some(theirs.to_string());
            }
            if BUILTINS_EVERYWHERE.contains(&name) && !unknown.iter().any(|u| u == name) {
                unknown.push(name.to_string());
            }
            None
        })
    });
    for name in unknown {
        notes.add(
            format!("action `{}`", a.name.value),
            format!(
                "`{{{{{name}}}}}` is voxhook's built-in; {} has no variable of that name, so it is written as is",
                common::display(fmt.platform)
            ),
        );
    }
}

fn names_list() -> String {
    FORMATS
        .iter()
        .map(|f| f.platform.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Report every key of `tool` that the importer did not read.
pub fn report_fields(tool: &At, fields: &Fields, notes: &mut Notes) {
    let Some(obj) = tool.v.as_object() else {
        return;
    };
    let mut metadata = Vec::new();
    for (k, v) in obj {
        // A default (false, empty) loses nothing when it is not carried over.
        let default = match v {
            Json::Null | Json::Bool(false) => true,
            Json::String(s) => s.is_empty(),
            Json::Array(a) => a.is_empty(),
            Json::Object(o) => o.is_empty(),
            _ => false,
        };
        if fields.read.contains(&k.as_str()) || default {
            continue;
        }
        if fields.metadata.contains(&k.as_str()) {
            metadata.push(format!("`{k}`"));
        } else if let Some((_, why)) = fields.unsupported.iter().find(|(f, _)| f == k) {
            notes.add(
                tool.child_path(k),
                format!("not imported: {why}; voxhook has no equivalent"),
            );
        } else {
            notes.add(
                tool.child_path(k),
                "not imported: a field voxhook does not know",
            );
        }
    }
    if !metadata.is_empty() {
        notes.add(
            tool.path.clone(),
            format!(
                "not imported: the platform's record of the tool ({})",
                metadata.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hash(v: &Json) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        hash_json(v, &mut h);
        std::hash::Hasher::finish(&h)
    }

    #[test]
    fn equal_values_hash_alike_whatever_their_key_order() {
        let a: Json =
            serde_json::from_str(r#"{"name": "a", "url": "u", "h": {"x": 1, "y": [1, 2]}}"#)
                .expect("json");
        let b: Json =
            serde_json::from_str(r#"{"h": {"y": [1, 2], "x": 1}, "url": "u", "name": "a"}"#)
                .expect("json");
        assert_eq!(a, b);
        assert_eq!(hash(&a), hash(&b));
        assert_ne!(
            hash(&a),
            hash(&json!({"name": "a", "url": "v", "h": {"x": 1, "y": [1, 2]}}))
        );
        assert_ne!(hash(&json!([1, 2])), hash(&json!([2, 1])));
    }
}
