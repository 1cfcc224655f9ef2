//! `action-name`: action names as the platforms accept them.

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "action-name",
    severity: Severity::Error,
    summary: "an action name that is not `^[a-z][a-z0-9_]{0,63}$` or is a system webhook's name",
    example: "`name: Check-Order`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        let n = &a.name.value;
        let ok = n.len() <= 64
            && n.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && n.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            let suggestion: String = n
                .to_ascii_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            out.push(
                Finding::error(
                    RULE.code,
                    a.name.span,
                    format!("action name `{n}` is not lower_snake_case"),
                )
                .help(format!(
                    "names match ^[a-z][a-z0-9_]{{0,63}}$, e.g. `{suggestion}`"
                )),
            );
        } else if crate::definition::SystemKind::parse(n).is_some() {
            out.push(Finding::error(
                RULE.code,
                a.name.span,
                format!("`{n}` is the name of a system webhook; `voxhook test {n}` could not reach this action"),
            ));
        }
    }
}
