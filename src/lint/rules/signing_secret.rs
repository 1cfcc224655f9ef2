//! `signing-secret`: a signing secret in the wrong form for its scheme: Standard Webhooks
//! wants `whsec_<base64>`, Retell your API key (not a `whsec_` secret), Twilio the 32-hex
//! auth token.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "signing-secret",
    severity: Severity::Error,
    summary: "a signing secret in the wrong form for its scheme: standard-webhooks `whsec_` + base64, retell the API key, twilio the 32-hex auth token (literal values, and env values with --check-env)",
    example: "`secret: whsec_not-base64!`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut seen = Vec::new();
    for site in &ctx.sites {
        let Some(s) = &site.request.signing else {
            continue;
        };
        let profile = crate::webhook::profile::profile(ctx.def.platform_for(Some(site.owner)));
        let scheme = s
            .value
            .scheme
            .map(|x| x.value)
            // Under `--platform`, the platform's scheme replaces a foreign one.
            .filter(|x| ctx.def.platform_override.is_none() || profile.schemes.contains(x))
            .unwrap_or(profile.schemes[0]);
        let secret = &s.value.secret;
        if seen.contains(&(secret.span, scheme)) {
            continue;
        }
        seen.push((secret.span, scheme));
        let value = if secret.value.is_literal() {
            Some(secret.value.raw.clone())
        } else if ctx.check_env {
            crate::webhook::render::render_env_only(&secret.value, &ctx.env)
        } else {
            None
        };
        let Some(value) = value else { continue };
        if let Err(p) = crate::webhook::signing::check_secret(scheme, &value) {
            let help = match scheme {
                Scheme::StandardWebhooks => {
                    "a Standard Webhooks secret is `whsec_` followed by base64 of 24 to 64 random bytes"
                }
                Scheme::Retell => "use the Retell API key that has the webhook badge",
                Scheme::Twilio => "use the account's auth token (Console > Account > API keys)",
                _ => "use the secret the platform shows for this webhook",
            };
            out.push(
                Finding::error(
                    RULE.code,
                    secret.span,
                    format!("malformed {} secret: {p}", scheme.as_str()),
                )
                .help(help),
            );
        }
    }
}
