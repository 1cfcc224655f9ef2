//! `builtin-context`: a built-in used where it has no value.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule, var_span};

pub const RULE: Rule = Rule {
    code: "builtin-context",
    severity: Severity::Error,
    summary: "`call_duration`, `call_summary`, `transcript`, `actions_fired` outside post_call, or `event` outside call_status",
    example: "`{{ call_summary }}` in an action's body",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (owner, t) in ctx.def.templates() {
        let kind = match owner {
            Some(Owner::System(w)) => Some(w.kind),
            _ => None,
        };
        for (name, at) in t.value.vars() {
            let wrong = if BUILTINS_POST_CALL.contains(&name) {
                (kind != Some(SystemKind::PostCall)).then_some("post_call")
            } else if BUILTINS_CALL_STATUS.contains(&name) {
                (kind != Some(SystemKind::CallStatus)).then_some("call_status")
            } else {
                None
            };
            if let Some(only) = wrong {
                out.push(
                    Finding::error(
                        RULE.code,
                        var_span(ctx.def, t, at),
                        format!("`{name}` only has a value in {only}"),
                    )
                    .help(format!("move it to webhooks.{only}")),
                );
            }
        }
    }
}
