//! `platform-timeout`: a timeout above the time the request's platform waits (Vapi's 7.5 s
//! assistant-request, Retell's 10 s inbound webhook, …): the platform gives up first.

use crate::definition::model::*;
use crate::definition::units::fmt_duration;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "platform-timeout",
    severity: Severity::Warning,
    summary: "a timeout above the platform's own budget (vapi pre_call 7.5s, retell pre_call 10s, twilio voice request 15s, vapi tools 20s, retell/elevenlabs tools 120s)",
    example: "`platform: vapi` with `pre_call: { timeout: 10s }`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut seen = Vec::new();
    for site in &ctx.sites {
        let Some(t) = site.request.timeout else {
            continue;
        };
        let kind = match site.owner {
            Owner::Action(_) => None,
            Owner::System(w) => Some(w.kind),
        };
        let platform = ctx.def.platform_for(Some(site.owner));
        let profile = crate::webhook::profile::profile(platform);
        for limit in profile.limits.iter().filter(|l| l.kind == kind) {
            if t.value > limit.max_timeout && !seen.contains(&(t.span, kind)) {
                seen.push((t.span, kind));
                out.push(
                    Finding::warning(
                        RULE.code,
                        t.span,
                        format!(
                            "{}: timeout {} is above what {} allows ({})",
                            site.label,
                            fmt_duration(t.value),
                            platform.as_str(),
                            fmt_duration(limit.max_timeout)
                        ),
                    )
                    .help(format!("{}; answer within it", limit.what)),
                );
            }
        }
    }
}
