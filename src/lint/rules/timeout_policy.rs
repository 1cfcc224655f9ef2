//! `timeout-policy`: a timeout above `policy.max_timeout`.

use crate::definition::units::fmt_duration;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "timeout-policy",
    severity: Severity::Error,
    summary: "a timeout above `policy.max_timeout` (default 30s)",
    example: "`timeout: 45s`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let max = ctx.def.policy.max_timeout;
    let mut seen = Vec::new();
    for site in &ctx.sites {
        let Some(t) = site.request.timeout else {
            continue;
        };
        if t.value > max && !seen.contains(&t.span) {
            seen.push(t.span);
            out.push(
                Finding::error(
                    RULE.code,
                    t.span,
                    format!(
                        "timeout {} is above the policy's {}",
                        fmt_duration(t.value),
                        fmt_duration(max)
                    ),
                )
                .help("the platform cuts the request at policy.max_timeout"),
            );
        }
    }
}
