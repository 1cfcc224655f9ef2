//! `post-call-assign`: `assign` on post_call, whose response nobody reads.

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "post-call-assign",
    severity: Severity::Error,
    summary: "`assign` on post_call: the call is over, nothing can use the values",
    example: "`post_call: { assign: { x: $.x } }`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if let Some(w) = &ctx.def.webhooks.post_call {
        if let Some(span) = w.assign_span {
            out.push(
                Finding::error(
                    RULE.code,
                    span,
                    "post_call cannot assign variables: the call has ended",
                )
                .help("remove `assign`; use pre_call to fill variables"),
            );
        }
    }
}
