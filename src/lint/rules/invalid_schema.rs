//! `invalid-schema`: an action `schema` that is not a valid JSON Schema (draft 2020-12).

use crate::definition::values::schema_path;
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
    let meta = jsonschema::draft202012::meta::validator();
    for a in &ctx.def.actions {
        let Some(schema) = &a.schema else { continue };
        // Every problem, each at the key that has it (`type: stringg` three lines down is
        // reported there, not at `schema:`).
        let mut invalid = false;
        for e in meta.iter_errors(&schema.value) {
            invalid = true;
            let at = ctx.locate(schema.span, &schema_path(e.instance_path()));
            out.push(Finding::error(
                RULE.code,
                at,
                format!("schema of `{}` is invalid: {e}", a.name.value),
            ));
        }
        if invalid {
            continue;
        }
        if let Err(e) = jsonschema::draft202012::new(&schema.value) {
            let at = ctx.locate(schema.span, &schema_path(e.instance_path()));
            out.push(Finding::error(
                RULE.code,
                at,
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
    fn a_pattern_that_does_not_compile_is_at_its_key() {
        let src = format!(
            "{HEAD}    schema:\n      type: object\n      properties:\n        t: {{ type: string, pattern: '^(x' }}\n"
        );
        assert_eq!(places(&src), vec![(9, 28)]);
    }

    #[test]
    fn a_schema_of_a_non_object_is_at_the_schema() {
        let src = format!("{HEAD}    schema:\n      type: string\n");
        assert_eq!(places(&src), vec![(7, 7)]);
    }
}
