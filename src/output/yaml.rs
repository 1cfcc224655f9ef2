//! JSON values written as a readable YAML action file (what `voxhook import` prints).
//!
//! Block mappings and lists, with short mappings and lists of scalars on one line in flow
//! style (`{ type: string, description: City }`). A string is written plain only when YAML
//! would read it back as the same string; otherwise double-quoted with JSON escapes, which
//! YAML reads identically. The round trip (write, parse with voxhook's own loader, compare)
//! is a property test below.

use serde_json::Value as Json;

/// Lines longer than this switch a mapping or list from flow style to block style.
const FLOW_WIDTH: usize = 100;

/// A whole document: `value` must be a mapping. `comment` lines go first, each after `# `.
pub fn document(value: &Json, comment: &[String]) -> String {
    let mut out = String::new();
    for line in comment {
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
    }
    block(value, 0, &mut out);
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A block node at `depth` spaces; the caller has written `key:` or `- ` before it when it is
/// not the document itself.
fn block(value: &Json, depth: usize, out: &mut String) {
    match value {
        Json::Object(m) if !m.is_empty() => {
            for (k, v) in m {
                indent(out, depth);
                out.push_str(&scalar_str(k));
                out.push(':');
                value_after_key(v, depth, out);
            }
        }
        Json::Array(items) if !items.is_empty() => {
            for item in items {
                indent(out, depth);
                out.push('-');
                item_after_dash(item, depth, out);
            }
        }
        other => {
            indent(out, depth);
            out.push_str(&flow(other));
            out.push('\n');
        }
    }
}

fn value_after_key(v: &Json, depth: usize, out: &mut String) {
    match v {
        Json::Object(m) if !m.is_empty() && !fits_flow(v, depth) => {
            out.push('\n');
            block(v, depth + 2, out);
        }
        // A list under a key is indented by two, as most YAML in the wild is written.
        Json::Array(items) if !items.is_empty() && !fits_flow(v, depth) => {
            out.push('\n');
            block(v, depth + 2, out);
        }
        Json::String(s) if s.contains('\n') => {
            out.push(' ');
            out.push_str(&quoted(s));
            out.push('\n');
        }
        _ => {
            out.push(' ');
            out.push_str(&flow(v));
            out.push('\n');
        }
    }
}

fn item_after_dash(item: &Json, depth: usize, out: &mut String) {
    match item {
        // `- name: x` with the rest of the mapping aligned under `name`.
        Json::Object(m) if !m.is_empty() && !fits_flow(item, depth) => {
            let mut first = true;
            for (k, v) in m {
                if first {
                    out.push(' ');
                    first = false;
                } else {
                    indent(out, depth + 2);
                }
                out.push_str(&scalar_str(k));
                out.push(':');
                value_after_key(v, depth + 2, out);
            }
        }
        Json::Array(items) if !items.is_empty() && !fits_flow(item, depth) => {
            out.push('\n');
            block(item, depth + 2, out);
        }
        _ => {
            out.push(' ');
            out.push_str(&flow(item));
            out.push('\n');
        }
    }
}

/// Mappings of scalars and lists of scalars that fit on the line are written in flow style.
fn fits_flow(v: &Json, depth: usize) -> bool {
    let scalars = |x: &Json| match x {
        Json::Array(items) => items.iter().all(|i| !i.is_object() && !i.is_array()),
        Json::Object(_) => false,
        _ => true,
    };
    let flat = match v {
        Json::Object(m) => m.values().all(scalars),
        Json::Array(items) => items.iter().all(|x| !x.is_object() && !x.is_array()),
        _ => true,
    };
    let mut budget = FLOW_WIDTH as isize - depth as isize;
    flat && flow_fits(v, &mut budget)
}

/// Whether `flow(v)` stays within `budget` characters, without building it (a large value is
/// given up on at the first characters past the budget).
fn flow_fits(v: &Json, budget: &mut isize) -> bool {
    let len = match v {
        Json::Null => 4,
        Json::Bool(b) => b.to_string().len(),
        Json::Number(n) => n.to_string().len(),
        Json::String(s) if s.len() as isize > *budget => return false,
        Json::String(s) => scalar_str(s).len(),
        // `[a, b]` and `{ k: v, k2: v2 }`; `[]` and `{}` when empty.
        Json::Array(items) => {
            if items.is_empty() {
                *budget -= 2;
            }
            for i in items {
                *budget -= 2;
                if !flow_fits(i, budget) {
                    return false;
                }
            }
            0
        }
        Json::Object(m) => {
            *budget -= 2;
            for (k, v) in m {
                *budget -= 4;
                if k.len() as isize > *budget {
                    return false;
                }
                *budget -= scalar_str(k).len() as isize;
                if !flow_fits(v, budget) {
                    return false;
                }
            }
            0
        }
    } as isize;
    *budget -= len;
    *budget >= 0
}

fn flow(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.to_string(),
        Json::String(s) => scalar_str(s),
        Json::Array(items) if items.is_empty() => "[]".into(),
        Json::Array(items) => {
            let parts: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", parts.join(", "))
        }
        Json::Object(m) if m.is_empty() => "{}".into(),
        Json::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", scalar_str(k), flow(v)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// A string plain when that reads back as the same string in block and flow context, else
/// double-quoted.
fn scalar_str(s: &str) -> String {
    if plain_ok(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

fn quoted(s: &str) -> String {
    // Single quotes need no escapes but `''` (patterns stay readable: '^ORD-\d{5}$');
    // anything with a control character is double-quoted with JSON's escapes, which are a
    // subset of YAML's.
    if s.chars().any(|c| c.is_control()) {
        serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    // Durations (`20s`, `7500ms`) read as strings; other digit-led words may be numbers.
    if first.is_ascii_digit() {
        let unit = s.trim_start_matches(|c: char| c.is_ascii_digit());
        return matches!(unit, "ms" | "s" | "m" | "h");
    }
    if !(first.is_alphabetic() || first == '_' || first == '/' || first == '$') {
        return false;
    }
    if s.ends_with(' ') || s.ends_with(':') {
        return false;
    }
    // Characters that mean something in flow style or start a comment or a template are quoted.
    if s.chars().any(|c| {
        matches!(
            c,
            '{' | '}' | '[' | ']' | ',' | '#' | '"' | '`' | '|' | '>' | '*' | '&' | '!' | '%' | '@'
        ) || c.is_control()
    }) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") {
        return false;
    }
    // Words YAML 1.1 or 1.2 readers may take for booleans or null.
    let lower = s.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "nan" | "inf"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn reads_back(v: &Json) -> Json {
        let text = document(v, &[]);
        crate::definition::yaml::parse(&text)
            .unwrap_or_else(|e| panic!("{text}\n{}", e.message))
            .to_json()
    }

    #[test]
    fn an_action_reads_well() {
        let v = json!({
            "version": 1,
            "actions": [{
                "name": "get_weather",
                "description": "Get the weather: use when asked",
                "parameters": {"city": {"type": "string", "description": "City", "required": true}},
                "webhook": {"url": "https://x.example/w?a=1", "headers": {"X-Key": "${env:KEY}"}},
                "tags": ["a", "b"],
            }]
        });
        let text = document(&v, &["imported".into()]);
        assert_eq!(
            text,
            "# imported\nversion: 1\nactions:\n  - name: get_weather\n    description: 'Get the weather: use when asked'\n    parameters:\n      city: { type: string, description: City, required: true }\n    webhook:\n      url: https://x.example/w?a=1\n      headers: { X-Key: '${env:KEY}' }\n    tags: [a, b]\n"
        );
        assert_eq!(reads_back(&v), v);
    }

    fn leaf() -> impl Strategy<Value = Json> {
        prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            any::<i32>().prop_map(|i| json!(i)),
            "[ -~\\n\\t\u{e9}\u{4e2d}]{0,20}".prop_map(Json::String),
            prop_oneof![
                Just("true"),
                Just("no"),
                Just("- x"),
                Just("a: b"),
                Just("#x"),
                Just("{{x}}"),
                Just("12"),
                Just("1.5"),
                Just("20s"),
                Just("7500ms"),
                Just("1e3s"),
                Just("~"),
                Just("?"),
                Just(" x"),
                Just("x "),
                Just("0x1F"),
                Just(".inf"),
                Just("-"),
                Just("!x"),
                Just("a #b"),
                Just("1e3"),
                Just("null"),
            ]
            .prop_map(|s| Json::String(s.into())),
        ]
    }

    fn value() -> impl Strategy<Value = Json> {
        leaf().prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Json::Array),
                prop::collection::vec(("[a-zA-Z_][ -~]{0,8}", inner), 0..5)
                    .prop_map(|kv| Json::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn flow_fits_measures_exactly_what_flow_writes(v in value()) {
            let len = flow(&v).len() as isize;
            prop_assert!(flow_fits(&v, &mut len.clone()));
            prop_assert!(!flow_fits(&v, &mut (len - 1)));
        }

        #[test]
        fn any_value_reads_back_the_same(
            kv in prop::collection::vec(("[a-z_]{1,8}", value()), 1..5)
        ) {
            let v = Json::Object(kv.into_iter().collect());
            prop_assert_eq!(reads_back(&v), v);
        }
    }
}
