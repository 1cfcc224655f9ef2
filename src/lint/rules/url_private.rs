//! `url-private`: a URL whose host is loopback, private or a metadata address.

use super::static_url;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "url-private",
    severity: Severity::Error,
    summary: "a URL pointing at localhost, a private, link-local, CGNAT or metadata address",
    example: "`url: https://127.0.0.1/hook`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    if ctx.def.policy.allow_private_networks {
        return;
    }
    for site in &ctx.sites {
        let Some(url) = &site.request.url else {
            continue;
        };
        let Some(Ok(u)) = static_url(&url.value) else {
            continue;
        };
        let reason = match u.host() {
            Some(url::Host::Ipv4(ip)) => crate::webhook::policy::forbidden_ip(ip.into()),
            Some(url::Host::Ipv6(ip)) => crate::webhook::policy::forbidden_ip(ip.into()),
            Some(url::Host::Domain(d)) => crate::webhook::policy::forbidden_name(d),
            None => None,
        };
        if let Some(reason) = reason {
            out.push(
                Finding::error(RULE.code, url.span, format!("{}: the host is {reason}; the platform cannot reach it", site.label))
                    .help("use a public URL (a tunnel while developing); `voxhook test --allow-local` still sends it locally"),
            );
        }
    }
}
