//! `platform-key`: a key the request's platform ignores: `args_at_root` is Retell's, and
//! Vapi and Retell send their own payloads whatever `body:` says.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "platform-key",
    severity: Severity::Warning,
    summary: "a key the platform ignores: `args_at_root` outside retell, `body:` under vapi or retell (they send their own payloads), `signing:` on an elevenlabs tool, Vapi plan settings under another scheme, `assign:` on a twilio pre_call (TwiML)",
    example: "`platform: vapi` with `args_at_root: true`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        let platform = ctx.def.platform_for(Some(Owner::Action(a)));
        if !a.args_at_root || platform == Platform::Retell {
            continue;
        }
        out.push(
            Finding::warning(
                RULE.code,
                a.args_at_root_span.unwrap_or(a.span),
                format!(
                    "action `{}`: `args_at_root` is Retell's; under {} it changes nothing",
                    a.name.value,
                    platform.as_str()
                ),
            )
            .help("remove it, or set `platform: retell` on the action"),
        );
    }
    for site in &ctx.sites {
        let platform = ctx.def.platform_for(Some(site.owner));
        let profile = crate::webhook::profile::profile(platform);
        if let (Owner::Action(_), Some(sg), false) =
            (site.owner, &site.request.signing, profile.signs_tools)
        {
            out.push(
                Finding::warning(
                    RULE.code,
                    sg.span,
                    format!(
                        "{}: {} does not sign tool calls; this `signing:` is not used",
                        site.label,
                        platform.as_str()
                    ),
                )
                .help("protect the tool with `auth:` (a header or bearer token) instead"),
            );
        }
        {
            // The Vapi plan's settings mean nothing to another scheme.
            let s = site.request.signing.as_ref().map(|s| &s.value);
            let scheme = s
                .and_then(|s| s.scheme.map(|x| x.value))
                .unwrap_or(profile.schemes[0]);
            if let Some(s) = s.filter(|_| scheme != Scheme::Vapi) {
                for (key, v) in [
                    ("algorithm", &s.algorithm),
                    ("encoding", &s.encoding),
                    ("prefix", &s.prefix),
                    ("payload_format", &s.payload_format),
                    ("timestamp_header", &s.timestamp_header),
                    ("message_id_header", &s.message_id_header),
                ] {
                    if let Some(v) = v {
                        out.push(
                            Finding::warning(
                                RULE.code,
                                v.span,
                                format!(
                                    "{}: `{key}` is a Vapi HMAC-plan setting; `{}` ignores it",
                                    site.label,
                                    scheme.as_str()
                                ),
                            )
                            .help("remove it, or sign with `scheme: vapi`"),
                        );
                    }
                }
            }
        }
        if let (Owner::System(w), Platform::Twilio) = (site.owner, platform) {
            if w.kind == SystemKind::PreCall && !w.assign.is_empty() {
                out.push(
                    Finding::warning(
                        RULE.code,
                        w.assign_span.unwrap_or(w.span),
                        "webhook `pre_call`: Twilio's voice request is answered with TwiML, so `assign:` (JSONPath) finds nothing",
                    )
                    .help("remove `assign:`; TwiML carries no variables"),
                );
            }
        }
        let Some(b) = &site.request.body else {
            continue;
        };
        if crate::webhook::profile::profile(platform).custom_body {
            continue;
        }
        out.push(
            Finding::warning(
                RULE.code,
                b.span,
                format!(
                    "{}: {} sends its own payload; this `body:` is not used",
                    site.label,
                    platform.as_str()
                ),
            )
            .help("remove `body:`; read the platform's payload in your endpoint"),
        );
    }
}
