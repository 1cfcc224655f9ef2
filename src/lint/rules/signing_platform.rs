//! `signing-platform`: a signing scheme the request's platform does not sign with.

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "signing-platform",
    severity: Severity::Error,
    summary: "a `signing.scheme` that the request's platform does not use (e.g. `retell` under `platform: vapi`)",
    example: "`platform: vapi` with `signing: { scheme: retell, … }`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    // Under `--platform`, the platform's own scheme replaces a foreign one (with a warning
    // when the request is built): the file is not wrong for the platform it was written for.
    if ctx.def.platform_override.is_some() {
        return;
    }
    for site in &ctx.sites {
        let Some(s) = &site.request.signing else {
            continue;
        };
        let Some(scheme) = s.value.scheme else {
            continue;
        };
        let platform = ctx.def.platform_for(Some(site.owner));
        let profile = crate::webhook::profile::profile(platform);
        if profile.schemes.contains(&scheme.value) {
            continue;
        }
        let uses: Vec<&str> = profile.schemes.iter().map(|s| s.as_str()).collect();
        out.push(
            Finding::error(
                RULE.code,
                scheme.span,
                format!(
                    "{}: {} does not sign with `{}`",
                    site.label,
                    platform.as_str(),
                    scheme.value.as_str()
                ),
            )
            .help(format!(
                "use `scheme: {}`, or leave `scheme` out for the platform's own",
                uses.join("` or `scheme: ")
            )),
        );
    }
}
