//! `auth-header`: `auth:` and `headers:` both set the header `auth:` sends. The request
//! carries one of them, `auth:`'s; the header written beside it is never sent.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "auth-header",
    severity: Severity::Warning,
    summary: "a header in `headers:` that `auth:` replaces (`Authorization` beside `bearer`/`basic`, or `auth: { header: … }`'s own name)",
    example: "`headers: { Authorization: … }` with `auth: { bearer: … }`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // A header in `defaults:` meets every action's `auth:`: said once, at the header.
    let mut said = std::collections::HashSet::new();
    for site in &ctx.sites {
        let Some(auth) = &site.request.auth else {
            continue;
        };
        let sent = match &auth.value {
            Auth::Bearer(_) | Auth::Basic { .. } => "Authorization",
            Auth::Header { name, .. } => name.value.as_str(),
        };
        for (k, _) in &site.request.headers {
            if k.value.eq_ignore_ascii_case(sent) && said.insert(k.span.offset) {
                let from_defaults = ctx
                    .def
                    .defaults
                    .headers
                    .iter()
                    .any(|(d, _)| d.span == k.span);
                let message = if from_defaults {
                    format!(
                        "header `{}` in `defaults:` is replaced by the `auth:` of {} (and of any other request with its own); there it is never sent",
                        k.value, site.label
                    )
                } else {
                    format!(
                        "{}: header `{}` is replaced by `auth:`, which sends its own; this value is never sent",
                        site.label, k.value
                    )
                };
                out.push(
                    Finding::warning(RULE.code, k.span, message)
                        .help("keep one: remove the header, or remove `auth:` and keep the header"),
                );
            }
        }
    }
}
