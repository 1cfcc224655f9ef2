//! `inline-secret`: a credential written into the file instead of `${env:…}`.

use crate::definition::model::*;
use crate::definition::template::Template;
use crate::definition::yaml::{PathSeg, Span};
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "inline-secret",
    severity: Severity::Error,
    summary: "an auth value, a signing secret, or a header, query value (in `query:` or in the URL itself) or body field named like a credential (`X-Api-Key`, `access_token`), written literally instead of `${env:NAME}`",
    example: "`auth: { bearer: sk_live_123 }`",
    check: Some(check),
};

/// What to do instead, for every literal this rule finds.
const HELP: &str =
    "read it from the environment: \"${env:NAME}\" (a .env file beside the action file works too)";

const SENSITIVE_HEADERS: [&str; 6] = [
    "authorization",
    "x-api-key",
    "api-key",
    "x-auth-token",
    "cookie",
    "proxy-authorization",
];

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for r in ctx.written_requests() {
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
        if let Some(url) = &r.url {
            in_url(ctx, url, out);
        }
        if let Some(body) = &r.body {
            in_body(ctx, body.span, &body.value, &mut Vec::new(), out);
        }
    }
}

/// A body field named like a credential (`api_key`, `client_secret`) at any depth, a
/// string or a number (`pin: 4242`); strings are found by their own span, numbers (which
/// the model keeps without one) by their path inside the body.
fn in_body(ctx: &Ctx, base: Span, body: &Body, path: &mut Vec<PathSeg>, out: &mut Vec<Finding>) {
    let secret = |v: &Body, k: &str, path: &[PathSeg], out: &mut Vec<Finding>| match v {
        Body::Str(t) => flag(t, &format!("body field `{k}`"), out),
        Body::Number(_) => out.push(
            Finding::error(
                RULE.code,
                ctx.locate(base, path),
                format!("body field `{k}` is written in the file"),
            )
            .help(HELP),
        ),
        _ => {}
    };
    match body {
        Body::Object(fields) => {
            for (k, v) in fields {
                path.push(PathSeg::Key(k.clone()));
                match v {
                    Body::Str(_) | Body::Number(_) if is_credential_field(k) => {
                        secret(v, k, path, out)
                    }
                    // `api_keys: [k1, k2]`: each one is a credential.
                    Body::List(items) if is_credential_field(k.trim_end_matches('s')) => {
                        for (i, item) in items.iter().enumerate() {
                            path.push(PathSeg::Index(i));
                            match item {
                                Body::Str(_) | Body::Number(_) => secret(item, k, path, out),
                                other => in_body(ctx, base, other, path, out),
                            }
                            path.pop();
                        }
                    }
                    _ => in_body(ctx, base, v, path, out),
                }
                path.pop();
            }
        }
        Body::List(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(PathSeg::Index(i));
                in_body(ctx, base, item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// A credential in `url:`'s own query: `?api_key=sk_live_…`.
/// Export copies the URL as written, so the secret would land in the platform's JSON too.
fn in_url(ctx: &Ctx, url: &Sp<Template>, out: &mut Vec<Finding>) {
    let raw = url.value.raw.as_str();
    let literal = |v: &str| !v.is_empty() && !v.contains("{{") && !v.contains("${");
    let at =
        |offset: usize| crate::definition::load::locate_in(&ctx.def.source, url.span, raw, offset);
    // Credentials before the host are `url-credentials`' to report.
    let before_fragment = raw.split('#').next().unwrap_or(raw);
    let Some((_, query)) = before_fragment.split_once('?') else {
        return;
    };
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if is_credential_name(key) && literal(value) {
            let offset = value.as_ptr() as usize - raw.as_ptr() as usize;
            let mut span = at(offset);
            // Underline the whole value when it was found verbatim in the source.
            if span.offset != url.span.offset {
                span.len = value.len();
            }
            out.push(
                Finding::error(
                    RULE.code,
                    span,
                    format!("query parameter `{key}` in the URL is written in the file"),
                )
                .help(HELP),
            );
        }
    }
}

fn flag(t: &Sp<Template>, what: &str, out: &mut Vec<Finding>) {
    if !t.value.has_env() && t.value.vars().next().is_none() && !t.value.raw.is_empty() {
        out.push(
            Finding::error(RULE.code, t.span, format!("{what} is written in the file")).help(HELP),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Finding;

    fn findings(yaml: &str) -> Vec<Finding> {
        let loaded = crate::definition::load_str(std::path::Path::new("t.yaml"), yaml);
        crate::lint::lint(&loaded, false)
            .into_iter()
            .filter(|f| f.code == super::RULE.code)
            .collect()
    }

    const HEAD: &str = "version: 1\nactions:\n  - name: look_up\n    description: Look up an order. Use when the caller asks about an order.\n    webhook:\n";

    #[test]
    fn a_literal_key_in_the_url_query_is_found_at_its_value() {
        let f = findings(&format!(
            "{HEAD}      url: \"https://api.example.com/orders?page=2&api_key=sk_live_1\"\n"
        ));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!((f[0].span.line, f[0].span.col), (6, 59));
        assert!(f[0].message.contains("`api_key`"), "{}", f[0].message);
    }

    #[test]
    fn a_literal_credential_in_the_body_is_found_at_its_value() {
        let f = findings(&format!(
            "{HEAD}      url: https://api.example.com/orders\n      body: {{ sort_key: created, nested: {{ clientSecret: cs_1, token: \"{{{{t}}}}\" }} }}\n"
        ));
        assert_eq!(f.len(), 1, "{f:?}");
        let lists = findings(&format!(
            "{HEAD}      url: https://api.example.com/orders\n      body: {{ api_keys: [k1, k2], token_type: bearer }}\n"
        ));
        assert_eq!(lists.len(), 2, "{lists:?}");
        let numbers = findings(&format!(
            "{HEAD}      url: https://api.example.com/orders\n      body:\n        order: 12\n        pin_code: 1\n        password: 4242\n"
        ));
        assert_eq!(numbers.len(), 1, "{numbers:?}");
        assert_eq!((numbers[0].span.line, numbers[0].span.col), (10, 9));
        assert_eq!((f[0].span.line, f[0].span.col), (7, 58));
        assert!(f[0].message.contains("`clientSecret`"), "{}", f[0].message);
    }

    #[test]
    fn env_and_template_values_and_fragments_are_not_secrets() {
        for url in [
            "https://api.example.com/o?api_key=${env:KEY}",
            "https://api.example.com/o?token={{order_id}}",
            "https://api.example.com/o?page=2",
            "https://api.example.com/o#token=abc",
            "https://api.example.com/o?token=",
        ] {
            assert!(
                findings(&format!("{HEAD}      url: \"{url}\"\n")).is_empty(),
                "{url}"
            );
        }
    }
}
