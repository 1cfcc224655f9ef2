//! `invalid-schema`: an action `schema` that is not a valid JSON Schema (draft 2020-12).

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "invalid-schema",
    severity: Severity::Error,
    summary: "an action `schema` that is not a valid draft 2020-12 JSON Schema of an object",
    example: "`schema: { type: objekt }`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        let Some(schema) = &a.schema else { continue };
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema.value) {
            out.push(Finding::error(
                RULE.code,
                schema.span,
                format!("schema of `{}` is invalid: {e}", a.name.value),
            ));
            continue;
        }
        if let Err(e) = jsonschema::draft202012::new(&schema.value) {
            out.push(Finding::error(
                RULE.code,
                schema.span,
                format!("schema of `{}` cannot be used: {e}", a.name.value),
            ));
            continue;
        }
        if schema.value.get("type").and_then(|t| t.as_str()) != Some("object") {
            out.push(
                Finding::error(
                    RULE.code,
                    schema.span,
                    format!("schema of `{}` must describe an object", a.name.value),
                )
                .help("start it with `type: object` and list the parameters under `properties`"),
            );
        }
    }
}
