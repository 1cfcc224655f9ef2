//! `platform-timeout`: a timeout outside what the request's platform takes: above the time it
//! waits (Vapi's 7.5 s assistant-request, Retell's 10 s inbound webhook, a tool's maximum),
//! or below the shortest a tool definition may set (ElevenLabs: 5 s), which its API refuses.

use crate::definition::model::*;
use crate::definition::units::fmt_duration;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "platform-timeout",
    severity: Severity::Warning,
    summary: "a timeout outside the platform's own range (vapi pre_call 7.5s, retell pre_call 10s, twilio voice request 15s; tools: vapi 1-300s, retell 1-600s, elevenlabs 5-300s)",
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
            let (bound, what) = if t.value > limit.max_timeout {
                (limit.max_timeout, "above the longest")
            } else if t.value < limit.min_timeout {
                (limit.min_timeout, "below the shortest")
            } else {
                continue;
            };
            if !seen.contains(&(t.span, kind)) {
                seen.push((t.span, kind));
                out.push(
                    Finding::warning(
                        RULE.code,
                        t.span,
                        format!(
                            "{}: timeout {} is {what} {} takes ({})",
                            site.label,
                            fmt_duration(t.value),
                            platform.as_str(),
                            fmt_duration(bound)
                        ),
                    )
                    .help(limit.what),
                );
            }
        }
    }
}
