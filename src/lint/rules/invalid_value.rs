//! `invalid-value`: examples, defaults, enum values, test values and mock `when` values that
//! do not fit their parameter.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};
use serde_json::Value as Json;

pub const RULE: Rule = Rule {
    code: "invalid-value",
    severity: Severity::Error,
    summary: "an example, literal default, enum entry or test/mock value that does not fit its parameter's type, pattern or enum",
    example: "`example: ORD-1` with `pattern: '^ORD-\\d{5}$'`",
    check: Some(check),
};

/// Patterns for checking values, compiled with regex-lite: it compiles in microseconds where
/// `regex` takes a fraction of a millisecond for Unicode classes, which over 10,000 actions is
/// most of lint's time. Its classes are ASCII (`\d` is 0-9); a pattern it cannot read falls
/// back to `regex`.
struct Matcher {
    cache: std::cell::RefCell<std::collections::HashMap<String, Option<Compiled>>>,
}

enum Compiled {
    Lite(regex_lite::Regex),
    Full(regex::Regex),
}

impl Matcher {
    fn is_match(&self, pattern: &str, text: &str) -> Option<bool> {
        let mut cache = self.cache.borrow_mut();
        let entry = cache.entry(pattern.to_string()).or_insert_with(|| {
            regex_lite::Regex::new(pattern)
                .map(Compiled::Lite)
                .or_else(|_| regex::Regex::new(pattern).map(Compiled::Full))
                .ok()
        });
        entry.as_ref().map(|c| match c {
            Compiled::Lite(r) => r.is_match(text),
            Compiled::Full(r) => r.is_match(text),
        })
    }
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let m = Matcher {
        cache: Default::default(),
    };
    let matches = |p: &str, s: &str| m.is_match(p, s);
    let coerce =
        |p: &Parameter, v: &Json| crate::definition::values::coerce_with(p, v, "US", &matches);
    for a in &ctx.def.actions {
        for p in &a.parameters {
            if let Some(ex) = &p.example {
                if let Err(e) = coerce(p, &ex.value) {
                    out.push(Finding::error(
                        RULE.code,
                        ex.span,
                        format!("example of `{}`: {e}", p.name.value),
                    ));
                }
            }
            if let Some(d) = &p.default {
                if d.value.is_literal() {
                    if let Err(e) = coerce(p, &Json::String(d.value.raw.clone())) {
                        out.push(Finding::error(
                            RULE.code,
                            d.span,
                            format!("default of `{}`: {e}", p.name.value),
                        ));
                    }
                }
            }
            if let Some(values) = &p.enum_values {
                for v in &values.value {
                    if let Err(e) = crate::definition::values::coerce_type(p.ty.value, v, "US") {
                        out.push(Finding::error(
                            RULE.code,
                            values.span,
                            format!("enum of `{}`: {e}", p.name.value),
                        ));
                    }
                }
            }
        }
        // A schema that is itself invalid is reported once, by `invalid-schema`; it is judged
        // once per action, not once per test and mock.
        let usable = a.schema.as_ref().is_none_or(|schema| {
            jsonschema::draft202012::meta::is_valid(&schema.value)
                && jsonschema::draft202012::new(&schema.value).is_ok()
        });
        if !usable {
            continue;
        }
        for t in &a.tests {
            check_values(
                ctx,
                a,
                &t.parameters,
                &format!("test `{}`", t.name.value),
                true,
                &coerce,
                out,
            );
        }
        for mock in &a.mock {
            check_values(ctx, a, &mock.when, "mock `when`", false, &coerce, out);
        }
    }
}

fn check_values(
    ctx: &Ctx,
    a: &Action,
    values: &KeyValues<Json>,
    what: &str,
    whole: bool,
    coerce: &dyn Fn(&Parameter, &Json) -> Result<Json, String>,
    out: &mut Vec<Finding>,
) {
    if let Some(schema) = &a.schema {
        let obj: serde_json::Map<String, Json> = values
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value.clone()))
            .collect();
        // A mock's `when` names some of the parameters: only what it names is checked.
        let mut schema = schema.value.clone();
        if !whole {
            if let Some(o) = schema.as_object_mut() {
                o.remove("required");
            }
        }
        if let Err(errors) = crate::definition::values::validate_schema(&schema, &Json::Object(obj))
        {
            for e in errors {
                out.push(Finding::error(
                    RULE.code,
                    place(ctx, a, values, &e.path),
                    format!("{what}: {e}"),
                ));
            }
        }
        return;
    }
    for (k, v) in values {
        match a.parameter(&k.value) {
            Some(p) => {
                if let Err(e) = coerce(p, &v.value) {
                    out.push(Finding::error(
                        RULE.code,
                        v.span,
                        format!("{what}, parameter `{}`: {e}", k.value),
                    ));
                }
            }
            None => out.push(
                Finding::error(
                    RULE.code,
                    k.span,
                    format!("{what} gives `{}`, which is not a parameter", k.value),
                )
                .maybe_help(crate::diag::did_you_mean(
                    &k.value,
                    a.parameters.iter().map(|p| p.name.value.as_str()),
                )),
            ),
        }
    }
}

/// Where a schema error inside test or mock values is written: the key it names, or deeper
/// inside that key's value; the first value when it is about the whole set (a missing key).
fn place(
    ctx: &Ctx,
    a: &Action,
    values: &KeyValues<Json>,
    path: &[crate::definition::yaml::PathSeg],
) -> crate::diag::Span {
    use crate::definition::yaml::PathSeg;
    let first = values.first().map(|(k, _)| k.span).unwrap_or(a.span);
    let Some((PathSeg::Key(name), rest)) = path.split_first() else {
        return first;
    };
    match values.iter().find(|(k, _)| &k.value == name) {
        Some((k, _)) if rest.is_empty() => k.span,
        Some((_, v)) => ctx.locate(v.span, rest),
        None => first,
    }
}

#[cfg(test)]
mod tests {
    use crate::definition::load_str;
    use std::path::Path;

    fn places(src: &str) -> Vec<(u32, u32, String)> {
        let loaded = load_str(Path::new("t.yaml"), src);
        crate::lint::lint(&loaded, false)
            .into_iter()
            .filter(|f| f.code == "invalid-value")
            .map(|f| (f.span.line, f.span.col, f.message))
            .collect()
    }

    const HEAD: &str = "version: 1\nactions:\n  - name: book\n    description: Book a visit. Use when the caller wants to book a visit.\n    webhook: { url: https://api.example.com/book }\n    schema:\n      type: object\n      properties:\n        date: { type: string }\n        visit:\n          type: object\n          properties: { hours: { type: integer } }\n      required: [date]\n";

    #[test]
    fn a_test_value_is_reported_at_its_own_key_and_deeper() {
        let src = format!(
            "{HEAD}    tests:\n      - name: one\n        parameters:\n          date: 12\n          visit:\n            hours: many\n"
        );
        let found = places(&src);
        let at: Vec<(u32, u32)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(at, vec![(17, 11), (19, 13)], "{found:?}");
    }

    #[test]
    fn a_mock_when_is_checked_against_the_schema_without_required() {
        let src = format!("{HEAD}    mock:\n      - when: {{ visit: {{ hours: x }} }}\n");
        let found = places(&src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (15, 26), "{found:?}");
        assert!(found[0].2.starts_with("mock `when`"), "{found:?}");
    }
}
