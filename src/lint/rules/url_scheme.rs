//! `url-scheme`: plain http where the policy requires https.

use super::static_url;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "url-scheme",
    severity: Severity::Error,
    summary: "an http:// URL while `policy.require_https` is true (the default)",
    example: "`url: http://api.example.com`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if !ctx.def.policy.require_https {
        return;
    }
    for site in &ctx.sites {
        let Some(url) = &site.request.url else {
            continue;
        };
        if let Some(Ok(u)) = static_url(&url.value) {
            if u.scheme() == "http" {
                out.push(
                    Finding::error(RULE.code, url.span, format!("{} uses plain http; the platform requires https", site.label))
                        .help("use https://, or set `policy.require_https: false` if your platform allows it"),
                );
            }
        }
    }
}
