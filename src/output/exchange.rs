//! Printing a webhook exchange: the request as sent, the raw response, the time and size, and
//! the verdict. Also its `--json` form and the mock server's log lines. Secrets are masked
//! here, once, over the whole text, so no field can leak one.

use super::Paint;
use crate::definition::units::{fmt_duration, fmt_size};
use crate::mock::Received;
use crate::webhook::plan::RequestPlan;
use crate::webhook::sender::{Exchange, Response};
use crate::webhook::verdict::Verdict;
use serde_json::{Value as Json, json};
use std::fmt::Write;

pub const MASK: &str = "••••••";

/// Replace every secret (and its JSON-escaped form) with the mask. Longest first, so a
/// secret that contains another is masked whole.
pub fn redact(text: &str, secrets: &[String]) -> String {
    let mut list: Vec<&String> = secrets.iter().filter(|s| s.len() >= 3).collect();
    list.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut out = text.to_string();
    for s in list {
        if out.contains(s.as_str()) {
            out = out.replace(s.as_str(), MASK);
        }
        let escaped = serde_json::to_string(s).unwrap_or_default();
        let inner = escaped.trim_matches('"');
        if inner != s.as_str() && out.contains(inner) {
            out = out.replace(inner, MASK);
        }
        out = mask_cut_prefix(out, s);
    }
    out
}

/// A value shortened for display ends in `…`, possibly in the middle of a secret that the
/// whole-text pass above cannot recognise: mask whatever first characters of it stand right
/// before an ellipsis.
fn mask_cut_prefix(mut out: String, secret: &str) -> String {
    let mut from = 0;
    while let Some(rel) = out[from..].find('…') {
        let at = from + rel;
        let head = &out[..at];
        let cut = (2..secret.len())
            .rev()
            .filter(|&n| secret.is_char_boundary(n))
            .find(|&n| head.ends_with(&secret[..n]));
        match cut {
            Some(n) => {
                out.replace_range(at - n..at, MASK);
                from = at - n + MASK.len() + '…'.len_utf8();
            }
            None => from = at + '…'.len_utf8(),
        }
    }
    out
}

fn host_header(plan: &RequestPlan) -> String {
    let host = plan.url.host_str().unwrap_or("");
    match plan.url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

/// The request as it goes on the wire: request line, headers, body bytes.
pub fn request(plan: &RequestPlan, p: Paint) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {}",
        p.bold(&format!("> {} {}", plan.method.as_str(), plan.url)),
        p.dim("HTTP/1.1")
    );
    let _ = writeln!(s, "{} {}", p.cyan("> Host:"), host_header(plan));
    for (k, v) in &plan.headers {
        let _ = writeln!(s, "{} {v}", p.cyan(&format!("> {k}:")));
    }
    if let Some(b) = &plan.body {
        let _ = writeln!(s, "{} {}", p.cyan("> Content-Length:"), b.len());
        let _ = writeln!(s, ">");
        let _ = writeln!(s, "{}", String::from_utf8_lossy(b));
    } else {
        let _ = writeln!(s, ">");
    }
    s
}

/// A body as received: pretty JSON, text, or a byte count for binary.
pub fn body_text(body: &[u8]) -> String {
    if body.is_empty() {
        return String::new();
    }
    if let Ok(v) = serde_json::from_slice::<Json>(body) {
        return serde_json::to_string_pretty(&v).unwrap_or_default();
    }
    match std::str::from_utf8(body) {
        Ok(t) if !t.contains('\0') => t.to_string(),
        _ => format!("[binary body: {} bytes]", body.len()),
    }
}

pub fn response(r: &Response, p: Paint) -> String {
    let mut s = String::new();
    let status = format!("< {} {} {}", r.version, r.status, r.reason);
    let status = if (200..300).contains(&r.status) {
        p.green(&status)
    } else {
        p.red(&status)
    };
    let _ = writeln!(s, "{status}");
    for (k, v) in &r.headers {
        let _ = writeln!(s, "{} {v}", p.cyan(&format!("< {k}:")));
    }
    let _ = writeln!(s, "<");
    let b = body_text(&r.body);
    if !b.is_empty() {
        let _ = writeln!(s, "{b}");
    }
    if r.truncated {
        let _ = writeln!(
            s,
            "{}",
            p.red(&format!("[cut off at {}]", fmt_size(r.body.len() as u64)))
        );
    }
    s
}

pub fn verdict(v: &Verdict, p: Paint) -> String {
    let mut s = String::new();
    if v.ok {
        let what = match v.success {
            Some(true) => "usable: the agent gets `result`",
            Some(false) => "usable: the agent gets `error` (success: false)",
            None => "usable",
        };
        let _ = writeln!(s, "{} {what}", p.green("✓"));
    } else {
        let _ = writeln!(
            s,
            "{} failed: {}",
            p.red("✗"),
            v.reason.as_deref().unwrap_or("unknown")
        );
    }
    if let Some(r) = &v.result {
        let _ = writeln!(s, "  result:   {}", compact(r));
    }
    if let Some(e) = &v.error {
        let _ = writeln!(s, "  error:    {}", compact(e));
    }
    for (k, val) in &v.assigned {
        let _ = writeln!(s, "  assigned: {k} = {}", compact(val));
    }
    if let Some(h) = &v.hears {
        let _ = writeln!(s, "  {h}");
    }
    for u in &v.unassigned {
        let _ = writeln!(s, "  {} {u} matched nothing", p.yellow("unassigned:"));
    }
    match (&v.fallback, v.ok) {
        (Some(f), false) => {
            let _ = writeln!(s, "  the agent says: \"{f}\"");
        }
        (Some(f), true) => {
            let _ = writeln!(s, "  fallback: \"{f}\" (said on failure)");
        }
        (None, false) => {
            let _ = writeln!(s, "  the agent has no fallback line for this failure");
        }
        _ => {}
    }
    let line = v.latency_line();
    let _ = writeln!(
        s,
        "  latency:  {}",
        if v.slow { p.yellow(&line) } else { line }
    );
    s
}

/// A JSON value on one line, cut at `max` characters with `…` (`redact` masks a secret cut
/// there too).
pub fn compact_to(v: &Json, max: usize) -> String {
    let t = v.to_string();
    if t.chars().count() > max {
        format!("{}…", t.chars().take(max).collect::<String>())
    } else {
        t
    }
}

fn compact(v: &Json) -> String {
    compact_to(v, 200)
}

/// The whole human view of one exchange; `show_secrets` skips masking.
pub fn exchange(ex: &Exchange, v: &Verdict, p: Paint, quiet: bool, show_secrets: bool) -> String {
    let mut s = String::new();
    if !quiet {
        s.push_str(&request(&ex.plan, p));
        s.push('\n');
        if let Some(r) = &ex.response {
            s.push_str(&response(r, p));
            s.push('\n');
            let size = r.body.len() as u64;
            let _ = writeln!(
                s,
                "{}",
                p.dim(&format!(
                    "{} · {}",
                    fmt_duration(ex.elapsed),
                    fmt_size(size)
                ))
            );
            s.push('\n');
        }
    }
    s.push_str(&verdict(v, p));
    if show_secrets {
        s
    } else {
        redact(&s, &ex.plan.secrets)
    }
}

/// The request as JSON.
pub fn request_json(plan: &RequestPlan) -> Json {
    let body = plan.body.as_ref().map(|b| {
        serde_json::from_slice::<Json>(b).unwrap_or_else(|_| json!(String::from_utf8_lossy(b)))
    });
    let mut headers = vec![json!(["Host", host_header(plan)])];
    headers.extend(plan.headers.iter().map(|(k, v)| json!([k, v])));
    if let Some(b) = &plan.body {
        headers.push(json!(["Content-Length", b.len().to_string()]));
    }
    let mut doc = json!({
        "target": plan.target,
        "platform": plan.platform,
        "method": plan.method.as_str(),
        "url": plan.url.as_str(),
        "headers": headers,
        "body": body,
        "timeout_ms": plan.timeout.as_millis() as u64,
    });
    if let (Some(o), Some(b)) = (doc.as_object_mut(), &plan.body) {
        // The exact bytes sent (and signed): `body` above is parsed for reading.
        o.insert("raw_body".into(), json!(String::from_utf8_lossy(b)));
    }
    if let (Some(o), Some(signed)) = (doc.as_object_mut(), &plan.signed) {
        o.insert("signed".into(), json!(signed));
    }
    doc
}

/// `--json`: one object `{request, response, error, verdict}`.
pub fn exchange_json(ex: &Exchange, v: Option<&Verdict>, show_secrets: bool) -> String {
    let response = ex.response.as_ref().map(|r| {
        let body = serde_json::from_slice::<Json>(&r.body).unwrap_or_else(|_| {
            match std::str::from_utf8(&r.body) {
                Ok(t) => json!(t),
                Err(_) => Json::Null,
            }
        });
        json!({
            "status": r.status,
            "reason": r.reason,
            "version": r.version,
            "headers": r.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            "body": body,
            "size": r.body.len(),
            "truncated": r.truncated,
            "time_ms": ex.elapsed.as_millis() as u64,
        })
    });
    let doc = json!({
        "request": request_json(&ex.plan),
        "response": response,
        "error": ex.error,
        "verdict": v,
    });
    let text = serde_json::to_string(&doc).unwrap_or_default();
    if show_secrets {
        text
    } else {
        redact(&text, &ex.plan.secrets)
    }
}

/// Headers whose values the mock never prints.
const SENSITIVE: [&str; 6] = [
    "authorization",
    "x-api-key",
    "webhook-signature",
    "x-signature",
    "cookie",
    "proxy-authorization",
];

/// A line block for each request the mock server receives.
pub fn received(r: &Received) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} {}  => {}", r.method, r.path, r.rule);
    for (k, v) in &r.headers {
        let shown = if SENSITIVE.contains(&k.to_ascii_lowercase().as_str()) {
            MASK
        } else {
            v.as_str()
        };
        let _ = writeln!(s, "  {k}: {shown}");
    }
    if !r.body.is_empty() {
        let _ = writeln!(s, "  {}", String::from_utf8_lossy(&r.body));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_cut_short_by_an_ellipsis_is_masked_too() {
        let secrets = vec!["supersecret-token-123".to_string()];
        assert_eq!(
            redact(r#"{"k":"supersecret-…"#, &secrets),
            format!(r#"{{"k":"{MASK}…"#)
        );
        assert_eq!(
            redact("a… b supersecret-token-123 c…", &secrets),
            format!("a… b {MASK} c…")
        );
    }

    #[test]
    fn redacts_longest_first_and_escaped() {
        let secrets = vec![
            "abc".to_string(),
            "abcdef".to_string(),
            "a\"b\\c".to_string(),
        ];
        assert_eq!(
            redact("x abcdef y abc", &secrets),
            format!("x {MASK} y {MASK}")
        );
        assert_eq!(
            redact(r#"{"k":"a\"b\\c"}"#, &secrets),
            format!("{{\"k\":\"{MASK}\"}}")
        );
    }

    #[test]
    fn bodies() {
        assert_eq!(body_text(br#"{"a":1}"#), "{\n  \"a\": 1\n}");
        assert_eq!(body_text(b"plain"), "plain");
        assert_eq!(body_text(&[0xff, 0x00, 0x01]), "[binary body: 3 bytes]");
    }
}
