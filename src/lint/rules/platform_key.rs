//! `platform-key`: a key the request's platform ignores: `args_at_root` is Retell's, and
//! Vapi and Retell send their own payloads whatever `body:` says.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "platform-key",
    severity: Severity::Warning,
    summary: "a key the platform ignores: `args_at_root` outside retell, `body:` under vapi or retell (they send their own payloads)",
    example: "`platform: vapi` with `args_at_root: true`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        let platform = ctx.def.platform_for(Some(Owner::Action(a)));
        if !a.args_at_root || platform == Platform::Retell {
            continue;
        }
        out.push(
            Finding::warning(
                RULE.code,
                a.args_at_root_span.unwrap_or(a.span),
                format!(
                    "action `{}`: `args_at_root` is Retell's; under {} it changes nothing",
                    a.name.value,
                    platform.as_str()
                ),
            )
            .help("remove it, or set `platform: retell` on the action"),
        );
    }
    for site in &ctx.sites {
        let platform = ctx.def.platform_for(Some(site.owner));
        let Some(b) = &site.request.body else {
            continue;
        };
        if crate::webhook::profile::profile(platform).custom_body {
            continue;
        }
        out.push(
            Finding::warning(
                RULE.code,
                b.span,
                format!(
                    "{}: {} sends its own payload; this `body:` is not used",
                    site.label,
                    platform.as_str()
                ),
            )
            .help("remove `body:`; read the platform's payload in your endpoint"),
        );
    }
}
