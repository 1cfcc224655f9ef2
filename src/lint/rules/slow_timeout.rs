//! `slow-timeout`: a caller-facing timeout above 5 s.

use crate::definition::model::*;
use crate::definition::units::fmt_duration;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};
use std::time::Duration;

pub const RULE: Rule = Rule {
    code: "slow-timeout",
    severity: Severity::Warning,
    summary: "an action or pre_call timeout above 5s: the caller waits in silence that long",
    example: "`timeout: 10s` on an action",
    check: Some(check),
};

pub const CALLER_BUDGET: Duration = Duration::from_secs(5);

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut seen = Vec::new();
    for site in &ctx.sites {
        let caller_waits = match site.owner {
            Owner::Action(_) => true,
            Owner::System(w) => w.kind == SystemKind::PreCall,
        };
        let Some(t) = site.request.timeout else {
            continue;
        };
        if caller_waits
            && t.value > CALLER_BUDGET
            && t.value <= ctx.def.policy.max_timeout
            && !seen.contains(&t.span)
        {
            seen.push(t.span);
            out.push(
                Finding::warning(RULE.code, t.span, format!("{}: timeout {} is above 5s; the caller waits in silence", site.label, fmt_duration(t.value)))
                    .help("keep caller-facing webhooks under 5s; answer fast and finish slow work afterwards"),
            );
        }
    }
}
