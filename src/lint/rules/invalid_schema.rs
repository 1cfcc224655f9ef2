//! `invalid-schema`: an action `schema` that is not a valid JSON Schema (draft 2020-12).

use crate::definition::values::schema_path;
use crate::definition::yaml::PathSeg;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};
use serde_json::Value as Json;

pub const RULE: Rule = Rule {
    code: "invalid-schema",
    severity: Severity::Error,
    summary: "an action `schema` that is not a valid draft 2020-12 JSON Schema of an object",
    example: "`schema: { type: objekt }`",
    check: Some(check),
};

const TYPES: [&str; 7] = [
    "string", "number", "integer", "boolean", "object", "array", "null",
];

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let meta = jsonschema::draft202012::meta::validator();
    for a in &ctx.def.actions {
        let Some(schema) = &a.schema else { continue };
        let name = &a.name.value;
        // Every problem, each at the key that has it (`type: stringg` three lines down is
        // reported there, not at `schema:`).
        let mut invalid = false;
        for e in meta.iter_errors(&schema.value) {
            invalid = true;
            let path = schema_path(e.instance_path());
            let at = ctx.locate(schema.span, &path);
            let unknown_type = matches!(path.last(), Some(PathSeg::Key(k)) if k == "type")
                .then(|| e.instance().as_str().map(str::to_string))
                .flatten();
            out.push(match unknown_type {
                Some(t) => Finding::error(
                    RULE.code,
                    at,
                    format!("schema of `{name}`: `{t}` is not a JSON Schema type"),
                )
                .maybe_help(crate::diag::did_you_mean(&t, TYPES)),
                None => {
                    Finding::error(RULE.code, at, format!("schema of `{name}` is invalid: {e}"))
                }
            });
        }
        // Patterns are checked on their own, so one that does not compile is reported with
        // the rest rather than after them.
        let mut patterns = Vec::new();
        bad_patterns(&schema.value, &mut Vec::new(), &mut patterns);
        for (path, message) in &patterns {
            out.push(Finding::error(
                RULE.code,
                ctx.locate(schema.span, path),
                format!("schema of `{name}`: the pattern does not compile: {message}"),
            ));
        }
        // References are checked here too, each at its `$ref`: the compiler stops at the first
        // and names neither the place nor, for one outside the schema, the reason.
        let mut refs = Vec::new();
        bad_refs(&schema.value, &schema.value, &mut Vec::new(), &mut refs);
        for (path, message) in &refs {
            out.push(
                Finding::error(
                    RULE.code,
                    ctx.locate(schema.span, path),
                    format!("schema of `{name}`: {message}"),
                )
                .help("voxhook reads references inside the schema only: put the definition under `$defs` and point at it with `#/$defs/NAME`"),
            );
        }
        if invalid || !patterns.is_empty() || !refs.is_empty() {
            continue;
        }
        if let Err(e) = jsonschema::draft202012::new(&schema.value) {
            let at = ctx.locate(schema.span, &schema_path(e.instance_path()));
            out.push(Finding::error(
                RULE.code,
                at,
                format!("schema of `{name}` cannot be used: {e}"),
            ));
            continue;
        }
        if schema.value.get("type").and_then(|t| t.as_str()) != Some("object") {
            out.push(
                Finding::error(
                    RULE.code,
                    schema.span,
                    format!("schema of `{name}` must describe an object"),
                )
                .help("start it with `type: object` (one type, not a list: the platforms' tool schemas take one) and list the parameters under `properties`"),
            );
            continue;
        }
        let mut missing = Vec::new();
        required_not_properties(&schema.value, &mut Vec::new(), &mut missing);
        for (path, prop) in missing {
            out.push(
                Finding::warning(
                    RULE.code,
                    ctx.locate(schema.span, &path),
                    format!("schema of `{name}`: `{prop}` is required but not under `properties`"),
                )
                .help("the model is never told about it, so every call lacks it; add it to `properties` or drop it from `required`"),
            );
        }
    }
}

/// Every `pattern` the schema's own regex engine refuses, with its path.
fn bad_patterns(v: &Json, path: &mut Vec<PathSeg>, out: &mut Vec<(Vec<PathSeg>, String)>) {
    match v {
        Json::Object(m) => {
            for (k, child) in m {
                path.push(PathSeg::Key(k.clone()));
                if k == "pattern" {
                    if let Json::String(p) = child {
                        // Compiled by jsonschema itself, so its dialect decides.
                        if let Err(e) =
                            jsonschema::draft202012::new(&serde_json::json!({"pattern": p}))
                        {
                            out.push((path.clone(), e.to_string()));
                        }
                    }
                } else {
                    bad_patterns(child, path, out);
                }
                path.pop();
            }
        }
        Json::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(PathSeg::Index(i));
                bad_patterns(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Every `$ref` that points outside the schema or at nothing in it, with its path.
fn bad_refs(root: &Json, v: &Json, path: &mut Vec<PathSeg>, out: &mut Vec<(Vec<PathSeg>, String)>) {
    match v {
        Json::Object(m) => {
            for (k, child) in m {
                // Values, not schemas: a `$ref` inside an enum or an example is data.
                if matches!(
                    k.as_str(),
                    "enum" | "const" | "default" | "examples" | "example"
                ) {
                    continue;
                }
                path.push(PathSeg::Key(k.clone()));
                match (k.as_str(), child) {
                    ("$ref", Json::String(r)) => {
                        if let Some(problem) = ref_problem(root, r) {
                            out.push((path.clone(), format!("`$ref: {r}` {problem}")));
                        }
                    }
                    _ => bad_refs(root, child, path, out),
                }
                path.pop();
            }
        }
        Json::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(PathSeg::Index(i));
                bad_refs(root, child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// What is wrong with a reference, if anything: `#/…` must name a value of the schema (the
/// pointer percent-decoded, as in a URI), `#name` one of its `$anchor`s, and `""` or `#` is
/// the schema itself. Anything else is a document voxhook does not fetch.
fn ref_problem(root: &Json, r: &str) -> Option<&'static str> {
    let Some(fragment) = r.strip_prefix('#') else {
        return (!r.is_empty())
            .then_some("points outside the schema, which voxhook does not fetch");
    };
    if fragment.is_empty() {
        return None;
    }
    if fragment.starts_with('/') {
        let pointer = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        return root
            .pointer(&pointer)
            .is_none()
            .then_some("names nothing in this schema");
    }
    (!has_anchor(root, fragment)).then_some("names no `$anchor` of this schema")
}

fn has_anchor(v: &Json, name: &str) -> bool {
    match v {
        Json::Object(m) => {
            m.get("$anchor").and_then(Json::as_str) == Some(name)
                || m.values().any(|c| has_anchor(c, name))
        }
        Json::Array(items) => items.iter().any(|c| has_anchor(c, name)),
        _ => false,
    }
}

/// `required` names that no `properties` of the same object lists.
fn required_not_properties(
    v: &Json,
    path: &mut Vec<PathSeg>,
    out: &mut Vec<(Vec<PathSeg>, String)>,
) {
    let Json::Object(m) = v else { return };
    if let (Some(Json::Array(req)), Some(Json::Object(props))) =
        (m.get("required"), m.get("properties"))
    {
        for (i, r) in req.iter().enumerate() {
            if let Some(name) = r.as_str().filter(|n| !props.contains_key(*n)) {
                let mut at = path.clone();
                at.push(PathSeg::Key("required".into()));
                at.push(PathSeg::Index(i));
                out.push((at, name.to_string()));
            }
        }
    }
    for key in ["properties", "$defs", "definitions"] {
        if let Some(Json::Object(children)) = m.get(key) {
            for (k, child) in children {
                path.push(PathSeg::Key(key.into()));
                path.push(PathSeg::Key(k.clone()));
                required_not_properties(child, path, out);
                path.pop();
                path.pop();
            }
        }
    }
    if let Some(items) = m.get("items") {
        path.push(PathSeg::Key("items".into()));
        required_not_properties(items, path, out);
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use crate::definition::load_str;
    use std::path::Path;

    fn places(src: &str) -> Vec<(u32, u32)> {
        let loaded = load_str(Path::new("t.yaml"), src);
        crate::lint::lint(&loaded, false)
            .into_iter()
            .filter(|f| f.code == "invalid-schema")
            .map(|f| (f.span.line, f.span.col))
            .collect()
    }

    const HEAD: &str = "version: 1\nactions:\n  - name: book\n    description: Book a visit. Use when the caller wants to book a visit.\n    webhook: { url: https://api.example.com/book }\n";

    #[test]
    fn each_error_is_at_its_own_key() {
        let src = format!(
            "{HEAD}    schema:\n      type: object\n      properties:\n        date:\n          type: stringg\n        n: {{ type: integer, minimum: x }}\n"
        );
        assert_eq!(places(&src), vec![(10, 11), (11, 29)]);
    }

    #[test]
    fn a_ref_to_nothing_or_outside_is_at_its_own_key() {
        let src = format!(
            "{HEAD}    schema:\n      type: object\n      properties:\n        tag: {{ $ref: '#/$defs/missing' }}\n        other:\n          $ref: 'https://example.com/s.json'\n        fine: {{ $ref: '#/$defs/ok' }}\n      $defs: {{ ok: {{ type: string }} }}\n"
        );
        assert_eq!(places(&src), vec![(9, 16), (11, 11)]);
        // Self, anchors, percent-encoded names, and references inside data are fine.
        let fine = format!(
            "{HEAD}    schema:\n      type: object\n      properties:\n        a: {{ $ref: '#' }}\n        b: {{ $ref: '#/$defs/plan%20name' }}\n        c: {{ $ref: '#node' }}\n        d: {{ type: object, default: {{ $ref: '#/nowhere' }} }}\n        e: {{ enum: [{{ $ref: x }}] }}\n      $defs:\n        plan name: {{ type: string }}\n        n: {{ $anchor: node, type: string }}\n"
        );
        assert_eq!(places(&fine), vec![]);
        let anchor = format!(
            "{HEAD}    schema:\n      type: object\n      properties:\n        a: {{ $ref: '#nope' }}\n"
        );
        assert_eq!(places(&anchor), vec![(9, 14)]);
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_at_its_key() {
        let src = format!(
            "{HEAD}    schema:\n      type: object\n      properties:\n        t: {{ type: string, pattern: '^(x' }}\n"
        );
        assert_eq!(places(&src), vec![(9, 28)]);
    }

    #[test]
    fn a_bad_pattern_is_reported_with_the_other_errors_and_types_get_a_did_you_mean() {
        let src = format!(
            "{HEAD}    schema:\n      type: object\n      properties:\n        a: {{ type: stringg }}\n        b: {{ type: string, pattern: '^(x' }}\n"
        );
        assert_eq!(places(&src), vec![(9, 14), (10, 28)]);
        let loaded = load_str(Path::new("t.yaml"), &src);
        let f = crate::lint::lint(&loaded, false);
        let typo = f.iter().find(|f| f.span.line == 9).expect("the type");
        assert!(
            typo.message.contains("`stringg` is not a JSON Schema type"),
            "{}",
            typo.message
        );
        assert_eq!(typo.help.as_deref(), Some("did you mean `string`?"));
    }

    #[test]
    fn a_required_name_that_is_not_a_property_is_at_its_entry() {
        let src = format!(
            "{HEAD}    schema:\n      type: object\n      properties:\n        a: {{ type: string }}\n      required: [a, zz]\n"
        );
        assert_eq!(places(&src), vec![(10, 21)]);
    }

    #[test]
    fn a_schema_of_a_non_object_is_at_the_schema() {
        let src = format!("{HEAD}    schema:\n      type: string\n");
        assert_eq!(places(&src), vec![(7, 7)]);
    }
}
