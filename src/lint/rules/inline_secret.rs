//! `inline-secret`: a credential written into the file instead of `${env:…}`.

use crate::definition::model::*;
use crate::definition::template::Template;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "inline-secret",
    severity: Severity::Error,
    summary: "an auth value, a signing secret, or a header or query value named like a credential (`X-Api-Key`, `access_token`), written literally instead of `${env:NAME}`",
    example: "`auth: { bearer: sk_live_123 }`",
    check: Some(check),
};

const SENSITIVE_HEADERS: [&str; 6] = [
    "authorization",
    "x-api-key",
    "api-key",
    "x-auth-token",
    "cookie",
    "proxy-authorization",
];

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut requests: Vec<&Request> = vec![&ctx.def.defaults];
    requests.extend(ctx.def.actions.iter().map(|a| &a.webhook));
    requests.extend(ctx.def.webhooks.iter().map(|w| &w.request));
    for r in requests {
        if let Some(auth) = &r.auth {
            match &auth.value {
                Auth::Bearer(t) => flag(t, "the bearer token", out),
                Auth::Basic { password, .. } => flag(password, "the basic-auth password", out),
                Auth::Header { value, .. } => flag(value, "the auth header value", out),
            }
        }
        if let Some(s) = &r.signing {
            flag(&s.value.secret, "the signing secret", out);
        }
        for (k, v) in &r.headers {
            if SENSITIVE_HEADERS.contains(&k.value.to_ascii_lowercase().as_str())
                || is_credential_name(&k.value)
            {
                flag(v, &format!("header `{}`", k.value), out);
            }
        }
        for (k, v) in &r.query {
            if is_credential_name(&k.value) {
                flag(v, &format!("query parameter `{}`", k.value), out);
            }
        }
    }
}

fn flag(t: &Sp<Template>, what: &str, out: &mut Vec<Finding>) {
    if !t.value.has_env() && t.value.vars().next().is_none() && !t.value.raw.is_empty() {
        out.push(
            Finding::error(RULE.code, t.span, format!("{what} is written in the file"))
                .help("read it from the environment: \"${env:NAME}\" (a .env file beside the action file works too)"),
        );
    }
}
