//! `url-invalid`: a URL that does not parse.

use super::static_url;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "url-invalid",
    severity: Severity::Error,
    summary: "a webhook URL that is not an absolute http(s) URL",
    example: "`url: api.example.com/orders`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for site in &ctx.sites {
        let Some(url) = &site.request.url else {
            continue;
        };
        match static_url(&url.value) {
            Some(Err(e)) => out.push(
                Finding::error(
                    RULE.code,
                    url.span,
                    format!("{}: `{}` is not a URL ({e})", site.label, url.value.raw),
                )
                .help("write an absolute URL, e.g. https://api.example.com/orders"),
            ),
            Some(Ok(u)) if u.scheme() != "http" && u.scheme() != "https" => {
                out.push(Finding::error(
                    RULE.code,
                    url.span,
                    format!(
                        "{}: scheme `{}` is not http or https",
                        site.label,
                        u.scheme()
                    ),
                ))
            }
            _ => {}
        }
    }
}
