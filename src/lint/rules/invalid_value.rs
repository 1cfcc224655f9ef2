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

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        for p in &a.parameters {
            if let Some(ex) = &p.example {
                if let Err(e) = crate::values::coerce(p, &ex.value, "US") {
                    out.push(Finding::error(
                        RULE.code,
                        ex.span,
                        format!("example of `{}`: {e}", p.name.value),
                    ));
                }
            }
            if let Some(d) = &p.default {
                if d.value.is_literal() {
                    if let Err(e) =
                        crate::values::coerce(p, &Json::String(d.value.raw.clone()), "US")
                    {
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
                    if let Err(e) = crate::values::coerce_type(p.ty.value, v, "US") {
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
                out,
            );
        }
        for m in &a.mock {
            check_values(a, &m.when, "mock `when`", false, out);
        }
    }
}

fn check_values(
    a: &Action,
    values: &KeyValues<Json>,
    what: &str,
    whole: bool,
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
        if let Err(errors) = crate::values::validate_schema(&schema.value, &Json::Object(obj)) {
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
                if let Err(e) = crate::values::coerce(p, &v.value, "US") {
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
