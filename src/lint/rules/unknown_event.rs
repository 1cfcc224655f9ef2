//! `unknown-event`: a call_status event voxhook (and the platforms) never send.

use crate::definition::model::CALL_EVENTS;
use crate::diag::{Finding, Severity, did_you_mean};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "unknown-event",
    severity: Severity::Error,
    summary: "a `call_status.events` entry that is not a known status event",
    example: "`events: [transfered]`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(w) = &ctx.def.webhooks.call_status else {
        return;
    };
    for e in &w.events {
        if !CALL_EVENTS.contains(&e.value.as_str()) {
            out.push(
                Finding::error(
                    RULE.code,
                    e.span,
                    format!("unknown call event `{}`", e.value),
                )
                .help(
                    did_you_mean(&e.value, CALL_EVENTS)
                        .unwrap_or_else(|| format!("events: {}", CALL_EVENTS.join(", "))),
                ),
            );
        }
    }
}
