//! One file per lint rule. Each exports `RULE` and its check function. The rules import what
//! `lint` may import, and `lint` itself for [`crate::lint::Ctx`].

pub mod action_name;
pub mod auth_header;
pub mod builtin_context;
pub mod duplicate_action;
pub mod duplicate_phrase;
pub mod empty_trigger;
pub mod env_unset;
pub mod inline_secret;
pub mod invalid_header;
pub mod invalid_jsonpath;
pub mod invalid_pattern;
pub mod invalid_regex;
pub mod invalid_schema;
pub mod invalid_value;
pub mod method_policy;
pub mod platform_key;
pub mod platform_method;
pub mod platform_reply_size;
pub mod platform_timeout;
pub mod post_call_assign;
pub mod signing_platform;
pub mod signing_secret;
pub mod slow_timeout;
pub mod timeout_policy;
pub mod unknown_condition;
pub mod unknown_entity;
pub mod unknown_event;
pub mod unknown_template;
pub mod url_credentials;
pub mod url_invalid;
pub mod url_private;
pub mod url_scheme;
pub mod vague_description;

use crate::definition::template::Template;
use url::Url;

/// The URL with templates and env references replaced by a placeholder, parsed; `None` when
/// the host itself is templated (then only the run-time check can judge it).
pub(crate) fn static_url(t: &Template) -> Option<Result<Url, url::ParseError>> {
    use crate::definition::template::Part;
    let mut s = String::new();
    for p in &t.parts {
        match p {
            Part::Lit(l) => s.push_str(l),
            Part::Var { .. } | Part::Env { .. } => s.push('x'),
        }
    }
    // A template before the path (scheme or host) cannot be judged statically.
    let head_end = s
        .find("://")
        .map(|i| i + 3)
        .and_then(|i| s[i..].find('/').map(|j| i + j))
        .unwrap_or(s.len());
    let templated_head = t.parts.iter().any(|p| match p {
        Part::Var { at, .. } | Part::Env { at, .. } => *at < head_end,
        Part::Lit(_) => false,
    });
    if templated_head {
        return None;
    }
    Some(Url::parse(&s))
}
