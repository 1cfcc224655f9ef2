//! `platform-method`: a tool-call method the request's platform never uses (Vapi calls
//! tools with POST only).

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "platform-method",
    severity: Severity::Error,
    summary: "an action method the platform never sends (vapi tool calls are POST)",
    example: "`platform: vapi` with `method: GET` on an action",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // Under `--platform` the platform's method replaces the file's (with a warning).
    if ctx.def.platform_override.is_some() {
        return;
    }
    for site in &ctx.sites {
        let Owner::Action(_) = site.owner else {
            continue;
        };
        let Some(m) = site.request.method else {
            continue;
        };
        let platform = ctx.def.platform_for(Some(site.owner));
        let allowed = crate::webhook::profile::profile(platform).tool_methods;
        if allowed.is_empty() || allowed.contains(&m.value) {
            continue;
        }
        let names: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
        out.push(
            Finding::error(
                RULE.code,
                m.span,
                format!(
                    "{}: {} sends tool calls with {}, not {}",
                    site.label,
                    platform.as_str(),
                    names.join(" or "),
                    m.value.as_str()
                ),
            )
            .help(format!("use `method: {}` or leave it out", names[0])),
        );
    }
}
