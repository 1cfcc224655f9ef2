//! `platform-key`: a key that only one platform reads, under another platform
//! (`args_at_root` is Retell's).

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "platform-key",
    severity: Severity::Warning,
    summary: "`args_at_root` on an action whose platform is not retell: it changes nothing there",
    example: "`platform: vapi` with `args_at_root: true`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        if !a.args_at_root {
            continue;
        }
        let platform = ctx
            .def
            .platform_for(Some(crate::definition::model::Owner::Action(a)));
        if platform == crate::definition::model::Platform::Retell {
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
}
