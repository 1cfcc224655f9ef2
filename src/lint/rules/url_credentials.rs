//! `url-credentials`: a user name or password written into the URL.

use super::static_url;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "url-credentials",
    severity: Severity::Error,
    summary: "credentials inside a URL (`https://user:pass@host`)",
    example: "`url: https://bob:hunter2@api.example.com`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for site in &ctx.sites {
        let Some(url) = &site.request.url else {
            continue;
        };
        let Some(Ok(u)) = static_url(&url.value) else {
            continue;
        };
        if !u.username().is_empty() || u.password().is_some() {
            out.push(
                Finding::error(
                    RULE.code,
                    url.span,
                    format!("{}: the URL carries credentials", site.label),
                )
                .help("use `auth: { basic: { username: …, password: \"${env:…}\" } }` instead"),
            );
        }
    }
}
