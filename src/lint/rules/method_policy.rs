//! `method-policy`: a method the policy does not allow.

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "method-policy",
    severity: Severity::Error,
    summary: "a webhook method not in `policy.methods`",
    example: "`method: DELETE` with `policy.methods: [POST]`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let policy = &ctx.def.policy;
    for site in &ctx.sites {
        let m = site.request.method_or_default();
        if !policy.allows_method(m) {
            let span = site
                .request
                .method
                .map(|m| m.span)
                .unwrap_or(site.request.span);
            let allowed: Vec<&str> = policy.methods.iter().map(|m| m.value.as_str()).collect();
            out.push(
                Finding::error(
                    RULE.code,
                    span,
                    format!(
                        "{} uses {}, which the policy does not allow",
                        site.label,
                        m.as_str()
                    ),
                )
                .help(format!("allowed: {}", allowed.join(", "))),
            );
        }
    }
}
