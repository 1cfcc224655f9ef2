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
        for t in &a.tests {
            check_values(
                a,
                &t.parameters,
                &format!("test `{}`", t.name.value),
                true,
                &coerce,
                out,
            );
        }
        for mock in &a.mock {
            check_values(a, &mock.when, "mock `when`", false, &coerce, out);
        }
    }
}

fn check_values(
    a: &Action,
    values: &KeyValues<Json>,
    what: &str,
    whole: bool,
    coerce: &dyn Fn(&Parameter, &Json) -> Result<Json, String>,
    out: &mut Vec<Finding>,
) {
    if let Some(schema) = &a.schema {
        if !whole {
            return;
        }
        let obj: serde_json::Map<String, Json> = values
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value.clone()))
            .collect();
        if let Err(errors) =
            crate::definition::values::validate_schema(&schema.value, &Json::Object(obj))
        {
            let span = values.first().map(|(k, _)| k.span).unwrap_or(a.span);
            for e in errors {
                out.push(Finding::error(RULE.code, span, format!("{what}: {e}")));
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
