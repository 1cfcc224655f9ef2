//! `duplicate-action`: two actions with one name.

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "duplicate-action",
    severity: Severity::Error,
    summary: "two actions with the same name",
    example: "two `name: book_visit`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut seen = std::collections::HashMap::new();
    for a in &ctx.def.actions {
        if let Some(first) = seen.insert(a.name.value.as_str(), a.name.span) {
            out.push(
                Finding::error(
                    RULE.code,
                    a.name.span,
                    format!("action `{}` is defined twice", a.name.value),
                )
                .help(format!("the first is at line {}", first.line)),
            );
        }
    }
}
