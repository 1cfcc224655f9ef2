//! `signing-secret`: a Standard Webhooks secret that is not `whsec_<base64>`.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "signing-secret",
    severity: Severity::Error,
    summary: "a standard-webhooks secret that is not `whsec_` + base64 (checked on literal values, and on env values with --check-env)",
    example: "`secret: whsec_not-base64!`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut requests: Vec<&Request> = vec![&ctx.def.defaults];
    requests.extend(ctx.def.actions.iter().map(|a| &a.webhook));
    requests.extend(ctx.def.webhooks.iter().map(|w| &w.request));
    for r in requests {
        let Some(s) = &r.signing else { continue };
        let secret = &s.value.secret;
        let value = if secret.value.is_literal() {
            Some(secret.value.raw.clone())
        } else if ctx.check_env {
            crate::webhook::render::render_env_only(&secret.value, &ctx.env)
        } else {
            None
        };
        let Some(value) = value else { continue };
        let problem = match s.value.scheme.value {
            Scheme::StandardWebhooks => crate::webhook::signing::decode_whsec(&value).err(),
            Scheme::HmacSha256 => value.is_empty().then(|| "the secret is empty".to_string()),
        };
        if let Some(p) = problem {
            out.push(
                Finding::error(RULE.code, secret.span, format!("malformed {} secret: {p}", s.value.scheme.value.as_str()))
                    .help("a Standard Webhooks secret is `whsec_` followed by base64 of 24 to 64 random bytes"),
            );
        }
    }
}
