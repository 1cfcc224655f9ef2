//! `invalid-header`: a header HTTP cannot carry. A name must be a token (RFC 9110 §5.6.2:
//! letters, digits and `!#$%&'*+-.^_`|~`); a value may not hold a line break or another
//! control character, which would end the header early or smuggle in another (`\r\nX-…`).
//! Caught here, the file fails in CI instead of on the first `voxhook test`, and `export`
//! never writes such a header into a platform's tool.

use crate::definition::model::*;
use crate::definition::template::{Part, Template};
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "invalid-header",
    severity: Severity::Error,
    summary: "a header name that is not an HTTP token (a space, an empty name) or a value with a line break or control character",
    example: "`headers: { \"X Api\": a }`",
    check: Some(check),
};

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for r in ctx.written_requests() {
        for (k, v) in &r.headers {
            name(&k.value, k.span, out);
            value(&k.value, v, out);
        }
        if let Some(auth) = &r.auth {
            if let Auth::Header { name: n, value: v } = &auth.value {
                name(&n.value, n.span, out);
                value(&n.value, v, out);
            }
        }
        // The headers a signing scheme writes its signature and timestamp into.
        if let Some(s) = &r.signing {
            for h in [
                &s.value.header,
                &s.value.timestamp_header,
                &s.value.message_id_header,
            ]
            .into_iter()
            .flatten()
            {
                name(&h.value, h.span, out);
            }
        }
    }
}

fn name(n: &str, span: crate::definition::yaml::Span, out: &mut Vec<Finding>) {
    if !is_token(n) {
        out.push(
            Finding::error(
                RULE.code,
                span,
                format!("`{}` is not a header name HTTP can send", n.escape_debug()),
            )
            .help("a header name is letters, digits and `-` (no spaces, no `:`), like `X-Api-Key`"),
        );
    }
}

fn value(n: &str, v: &Sp<Template>, out: &mut Vec<Finding>) {
    let literal = v.value.parts.iter().any(|p| match p {
        Part::Lit(s) => s.chars().any(|c| c.is_control() && c != '\t'),
        _ => false,
    });
    if literal {
        out.push(
            Finding::error(
                RULE.code,
                v.span,
                format!(
                    "the value of header `{}` holds a line break or control character",
                    n.escape_debug()
                ),
            )
            .help("a header value is one line; a line break would end it and start another header"),
        );
    }
}
