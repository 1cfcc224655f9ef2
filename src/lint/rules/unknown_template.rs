//! `unknown-template`: a `{{ name }}` nothing defines.

use crate::definition::model::*;
use crate::diag::{Finding, Severity, did_you_mean};
use crate::lint::{Ctx, Rule, var_span};

pub const RULE: Rule = Rule {
    code: "unknown-template",
    severity: Severity::Error,
    summary: "a `{{ name }}` that is no parameter, pre-call assignment, agent variable or built-in",
    example: "`{{ order_numbr }}`",
    check: Some(check),
};

/// The names a template may use at `owner` (None: agent variables and defaults).
pub fn known_names(def: &Definition, owner: Option<Owner>) -> Vec<String> {
    let mut names: Vec<String> = BUILTINS_EVERYWHERE.iter().map(|s| s.to_string()).collect();
    names.extend(def.agent.variables.iter().map(|(k, _)| k.value.clone()));
    let pre_call_assigns = def
        .webhooks
        .pre_call
        .iter()
        .flat_map(|w| w.assign.iter().map(|(k, _)| k.value.clone()));
    match owner {
        Some(Owner::Action(a)) => {
            names.extend(a.parameter_names());
            names.extend(pre_call_assigns);
        }
        Some(Owner::System(w)) => match w.kind {
            SystemKind::PreCall => {}
            SystemKind::PostCall => {
                names.extend(pre_call_assigns);
                names.extend(BUILTINS_POST_CALL.iter().map(|s| s.to_string()));
            }
            SystemKind::CallStatus => {
                names.extend(pre_call_assigns);
                names.extend(BUILTINS_CALL_STATUS.iter().map(|s| s.to_string()));
            }
        },
        None => names.extend(pre_call_assigns),
    }
    names
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let context_only: Vec<&str> = BUILTINS_POST_CALL
        .iter()
        .chain(BUILTINS_CALL_STATUS.iter())
        .copied()
        .collect();
    for (owner, t) in ctx.def.templates() {
        let names = known_names(ctx.def, owner);
        for (name, at) in t.value.vars() {
            if names.iter().any(|n| n == name) || context_only.contains(&name) {
                continue;
            }
            let help = did_you_mean(name, names.iter().map(String::as_str)).unwrap_or_else(|| {
                "define it as a parameter or under agent.variables, or pass --var".into()
            });
            out.push(
                Finding::error(
                    RULE.code,
                    var_span(ctx.def, t, at),
                    format!("unknown template variable `{name}`"),
                )
                .help(help),
            );
        }
    }
}
