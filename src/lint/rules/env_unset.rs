//! `env-unset` (with `--check-env`): a `${env:NAME}` with no value here and no fallback.

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule, var_span};

pub const RULE: Rule = Rule {
    code: "env-unset",
    severity: Severity::Error,
    summary: "with --check-env: a `${env:NAME}` that is set neither in the environment nor in .env, and has no fallback",
    example: "`${env:ORDERS_TOKEN}` unset in CI",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.check_env {
        return;
    }
    for (_, t) in ctx.def.templates() {
        for (name, fallback, at) in t.value.envs() {
            if fallback.is_none() && ctx.env.get(name).is_none() {
                out.push(
                    Finding::error(
                        RULE.code,
                        var_span(ctx.def, t, at),
                        format!("environment variable `{name}` is not set"),
                    )
                    .help(format!(
                        "export {name}=… or add it to .env beside the action file"
                    )),
                );
            }
        }
    }
}
