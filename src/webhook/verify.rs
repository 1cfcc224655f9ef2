//! `voxhook verify`: does a captured request's signature verify, and if not, exactly why. Each
//! reason is found by trying the variant that would explain it (the compact re-serialisation
//! of the body, non-ASCII escaped, the secret's other encoding, the URL with another scheme or
//! port) and seeing which one verifies.

use super::capture::Capture;
use super::signing::{Algorithm, decode_whsec, hmac, twilio_form_string};
use crate::definition::model::Scheme;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use sha2::{Digest, Sha256};

/// What verifying one capture with one scheme found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    pub scheme: &'static str,
    pub verified: bool,
    /// One line: why it verifies or why not.
    pub reason: String,
}

pub struct Input<'a> {
    pub capture: &'a Capture,
    pub secret: &'a str,
    /// The URL the sender signed, when it differs from the capture's (Twilio).
    pub url: Option<&'a url::Url>,
    pub now_ms: i64,
    /// How far a timestamp may be from now; `None`: the scheme's usual window.
    pub tolerance_secs: Option<i64>,
}

/// The header each scheme signs into.
pub fn signature_header(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::StandardWebhooks => "webhook-signature",
        Scheme::HmacSha256 => "X-Signature",
        Scheme::Vapi => "x-signature",
        Scheme::Retell => "X-Retell-Signature",
        Scheme::Elevenlabs => "ElevenLabs-Signature",
        Scheme::Twilio => "X-Twilio-Signature",
        Scheme::Bland => "X-Webhook-Signature",
    }
}

/// The window a receiver of the scheme accepts, in seconds (the platforms' own verifiers:
/// standardwebhooks and retell-sdk 5 minutes, ElevenLabs 30 minutes).
fn default_tolerance(scheme: Scheme) -> Option<i64> {
    match scheme {
        Scheme::StandardWebhooks | Scheme::Retell | Scheme::Vapi => Some(300),
        Scheme::Elevenlabs => Some(1800),
        _ => None,
    }
}

/// The outcome of one exact check.
enum Check {
    /// Verifies; the signed timestamp in milliseconds, if the scheme signs one.
    Match(Option<i64>),
    Mismatch,
    /// The request cannot be checked this way: the reason.
    Unusable(String),
}

fn eq(a: &str, b: &str) -> bool {
    // Comparing signatures of requests the user holds: timing does not matter here.
    a == b
}

/// Check exactly, with this key, body and URL.
fn check(scheme: Scheme, c: &Capture, key: &[u8], body: &[u8], url: Option<&str>) -> Check {
    let sig = c.header(signature_header(scheme)).unwrap_or_default();
    let text = String::from_utf8_lossy(body);
    match scheme {
        Scheme::StandardWebhooks => {
            let (Some(id), Some(ts)) = (c.header("webhook-id"), c.header("webhook-timestamp"))
            else {
                return Check::Unusable("`webhook-id` or `webhook-timestamp` is missing".into());
            };
            let want = B64.encode(hmac(
                Algorithm::Sha256,
                key,
                &[id.as_bytes(), b".", ts.as_bytes(), b".", body],
            ));
            let ok = sig
                .split_whitespace()
                .any(|s| s.strip_prefix("v1,").is_some_and(|v| eq(v, &want)));
            match (ok, ts.parse::<i64>()) {
                (true, Ok(t)) => Check::Match(Some(t * 1000)),
                (true, Err(_)) => {
                    Check::Unusable(format!("`webhook-timestamp: {ts}` is not a number"))
                }
                (false, _) => Check::Mismatch,
            }
        }
        Scheme::HmacSha256 => {
            let want = format!(
                "sha256={}",
                hex::encode(hmac(Algorithm::Sha256, key, &[body]))
            );
            if eq(sig, &want) {
                Check::Match(None)
            } else {
                Check::Mismatch
            }
        }
        Scheme::Bland => {
            let want = hex::encode(hmac(Algorithm::Sha256, key, &[body]));
            if eq(sig, &want) {
                Check::Match(None)
            } else {
                Check::Mismatch
            }
        }
        Scheme::Vapi => {
            let Some(ts) = c.header("x-timestamp") else {
                return Check::Unusable("`x-timestamp` is missing".into());
            };
            let payload = format!("{ts}.{text}");
            // The plan's prefix (e.g. `sha256=`), digest and encoding are the receiver's
            // settings: the signature ends with the hex or base64 digest of any of them.
            for alg in [Algorithm::Sha256, Algorithm::Sha512, Algorithm::Sha1] {
                let mac = hmac(alg, key, &[payload.as_bytes()]);
                if sig.ends_with(&hex::encode(&mac)) || sig.ends_with(&B64.encode(&mac)) {
                    return Check::Match(ts.parse().ok());
                }
            }
            Check::Mismatch
        }
        Scheme::Retell => {
            let Some((v, d)) = sig.strip_prefix("v=").and_then(|s| s.split_once(",d=")) else {
                return Check::Unusable(format!("`{sig}` is not `v=<ms>,d=<hex>`"));
            };
            let want = hex::encode(hmac(Algorithm::Sha256, key, &[body, v.as_bytes()]));
            if eq(d, &want) {
                Check::Match(v.parse().ok())
            } else {
                Check::Mismatch
            }
        }
        Scheme::Elevenlabs => {
            let mut t = None;
            let mut v0 = None;
            for part in sig.split(',') {
                if let Some(x) = part.strip_prefix("t=") {
                    t = Some(x);
                } else if let Some(x) = part.strip_prefix("v0=") {
                    v0 = Some(x);
                }
            }
            let (Some(t), Some(v0)) = (t, v0) else {
                return Check::Unusable(format!("`{sig}` is not `t=<s>,v0=<hex>`"));
            };
            let want = hex::encode(hmac(Algorithm::Sha256, key, &[t.as_bytes(), b".", body]));
            if eq(v0, &want) {
                Check::Match(t.parse::<i64>().ok().map(|s| s * 1000))
            } else {
                Check::Mismatch
            }
        }
        Scheme::Twilio => {
            let Some(url) = url else {
                return Check::Unusable(
                    "the capture has no URL (no Host header); pass --url with the URL Twilio called"
                        .into(),
                );
            };
            let signed = if let Some(form) = c.form() {
                twilio_form_string(url, &form)
            } else {
                let given = url::Url::parse(url).ok().and_then(|u| {
                    u.query_pairs()
                        .find(|(k, _)| k == "bodySHA256")
                        .map(|(_, v)| v.into_owned())
                });
                match given {
                    Some(h) if h != hex::encode(Sha256::digest(body)) => return Check::Mismatch,
                    _ => url.to_string(),
                }
            };
            let want = B64.encode(hmac(Algorithm::Sha1, key, &[signed.as_bytes()]));
            if eq(sig, &want) {
                Check::Match(None)
            } else {
                Check::Mismatch
            }
        }
    }
}

/// The key a scheme's secret stands for.
fn key(scheme: Scheme, secret: &str) -> Result<Vec<u8>, String> {
    match scheme {
        // The official libraries take the base64 key with or without its prefix.
        Scheme::StandardWebhooks if !secret.starts_with("whsec_") => B64
            .decode(secret)
            .map_err(|_| "it is neither `whsec_<base64>` nor base64".to_string()),
        Scheme::StandardWebhooks => decode_whsec(secret),
        _ => Ok(secret.as_bytes().to_vec()),
    }
}

/// Other readings of the secret, each with what it would mean.
fn key_variants(scheme: Scheme, secret: &str) -> Vec<(Vec<u8>, String)> {
    let mut out = Vec::new();
    match scheme {
        Scheme::StandardWebhooks => {
            out.push((
                secret.as_bytes().to_vec(),
                "the signer keyed the HMAC with the secret's text, prefix and all; Standard Webhooks keys are the base64-decoded bytes after the `whsec_` prefix".to_string(),
            ));
            if let Ok(k) = B64.decode(secret.trim_start_matches("whsec_")) {
                out.push((
                    k,
                    "the secret is right but was given without its `whsec_` prefix".into(),
                ));
            }
        }
        _ => {
            if let Some(rest) = secret.strip_prefix("whsec_") {
                out.push((
                    rest.as_bytes().to_vec(),
                    "the key is the secret without its `whsec_` prefix".into(),
                ));
                if let Ok(k) = B64.decode(rest) {
                    out.push((
                        k,
                        "the key is the base64-decoded secret after `whsec_`".into(),
                    ));
                }
            }
            if let Ok(k) = B64.decode(secret) {
                if !k.is_empty() {
                    out.push((
                        k,
                        "the signer base64-decoded the secret before using it".into(),
                    ));
                }
            }
        }
    }
    out
}

/// Other byte forms of the same JSON body, each with what it would mean.
fn body_variants(body: &[u8]) -> Vec<(Vec<u8>, String)> {
    let mut out = Vec::new();
    // A newline first: it is the smallest change, and re-encoding would also drop it.
    if body.ends_with(b"\n") {
        out.push((
            body[..body.len() - 1].to_vec(),
            "a trailing newline was added to the body after signing".into(),
        ));
    } else {
        let mut b = body.to_vec();
        b.push(b'\n');
        out.push((b, "the body lost a trailing newline after signing".into()));
    }
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
        let compact = serde_json::to_vec(&v).unwrap_or_default();
        // Escapes first: re-encoding also changes spacing, and the escape is the cause.
        if body.windows(2).any(|w| w == b"\\u") && compact != body {
            out.push((
                compact.clone(),
                "non-ASCII was escaped (\\uXXXX) after signing: the sender signed raw UTF-8; verify the raw bytes, not a re-encoded copy".into(),
            ));
        }
        let escaped = escape_non_ascii(&compact);
        if escaped != compact && escaped != body {
            out.push((
                escaped,
                "the sender signed non-ASCII escaped as \\uXXXX (as Python's json.dumps writes it) and this copy has raw UTF-8: verify the raw bytes".into(),
            ));
        }
        if compact != body {
            out.push((
                compact,
                "the body was re-serialised: its compact form verifies, so a framework parsed and re-encoded it before the check; verify the raw bytes".into(),
            ));
        }
        if let Ok(pretty) = serde_json::to_vec_pretty(&v) {
            if pretty != body {
                out.push((
                    pretty,
                    "the body was re-serialised with indentation: verify the raw bytes".into(),
                ));
            }
        }
    }
    out
}

fn escape_non_ascii(b: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(b);
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_ascii() {
            out.push(ch);
        } else {
            let mut buf = [0u16; 2];
            for u in ch.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out.into_bytes()
}

/// Other URLs the sender may have signed: the other scheme, the default port written out or
/// left off (Twilio's validator tries both), and the host a proxy or tunnel forwarded for.
fn url_variants(u: &url::Url, c: &Capture) -> Vec<(String, String)> {
    let tail = {
        let mut t = u.path().to_string();
        if let Some(q) = u.query() {
            t.push('?');
            t.push_str(q);
        }
        t
    };
    let mut hosts: Vec<(String, Vec<&str>)> = Vec::new();
    if let Some(h) = u.host_str() {
        hosts.push((h.to_string(), vec!["https", "http"]));
    }
    if let Some(h) = c
        .header("x-forwarded-host")
        .or(c.header("x-original-host"))
        .map(|h| h.split(',').next().unwrap_or(h).trim().to_string())
    {
        let proto = c.header("x-forwarded-proto").unwrap_or("https");
        let protos = if proto.starts_with("http") {
            vec![if proto.starts_with("https") {
                "https"
            } else {
                "http"
            }]
        } else {
            vec!["https"]
        };
        hosts.insert(0, (h, protos));
    }
    let mut out = Vec::new();
    let shown = u.as_str();
    for (host, protos) in hosts {
        for scheme in protos {
            let default = if scheme == "https" { ":443" } else { ":80" };
            let own = u.port().map(|p| format!(":{p}")).unwrap_or_default();
            for port in ["", default, own.as_str()] {
                // A forwarded host carries its own port, if any.
                let host_port = if host.contains(':') {
                    host.clone()
                } else {
                    format!("{host}{port}")
                };
                let v = format!("{scheme}://{host_port}{tail}");
                if v != shown && !out.iter().any(|(x, _): &(String, String)| x == &v) {
                    let why = format!(
                        "the URL differs: the sender signed {v}, the capture was made at {shown} (a tunnel or proxy changes the scheme, host or port); verify with the public URL (--url)"
                    );
                    out.push((v, why));
                }
            }
        }
    }
    out
}

/// Verify one capture with one scheme, explaining a failure.
pub fn verify_scheme(scheme: Scheme, input: &Input) -> Finding {
    let c = input.capture;
    let name = scheme.as_str();
    let found = |verified: bool, reason: String| Finding {
        scheme: name,
        verified,
        reason,
    };
    let header = signature_header(scheme);
    if c.header(header).is_none() {
        let present: Vec<&str> = c.headers.iter().map(|(k, _)| k.as_str()).collect();
        let other = Scheme::ALL
            .into_iter()
            .find(|o| *o != scheme && c.header(signature_header(*o)).is_some());
        let hint = match other {
            Some(o) if signature_header(o) != "X-Signature" => format!(
                "; the capture carries {}'s signature (`{}`): verify with --scheme {}",
                o.as_str(),
                signature_header(o),
                o.as_str()
            ),
            _ => crate::diag::did_you_mean(header, present.iter().copied())
                .map(|h| format!("; {h} (misnamed?)"))
                .unwrap_or_default(),
        };
        return found(false, format!("the `{header}` header is missing{hint}"));
    }
    let key = match key(scheme, input.secret) {
        Ok(k) => k,
        Err(e) => return found(false, format!("the secret: {e}")),
    };
    let url_owned = input.url.or(c.url.as_ref());
    let url_text = url_owned.map(|u| u.to_string());
    let url = url_text.as_deref();
    match check(scheme, c, &key, &c.body, url) {
        Check::Match(ts) => return timing(scheme, ts, input, found),
        Check::Unusable(why) => return found(false, why),
        Check::Mismatch => {}
    }
    for (k, why) in key_variants(scheme, input.secret) {
        if let Check::Match(_) = check(scheme, c, &k, &c.body, url) {
            return found(false, format!("the secret's encoding: {why}"));
        }
    }
    for (b, why) in body_variants(&c.body) {
        if let Check::Match(_) = check(scheme, c, &key, &b, url) {
            return found(false, why);
        }
    }
    if scheme == Scheme::Twilio {
        if let Some(u) = url_owned {
            for (v, why) in url_variants(u, c) {
                if let Check::Match(_) = check(scheme, c, &key, &c.body, Some(&v)) {
                    // Only the default port written out: Twilio's own validator tries both.
                    if url::Url::parse(&v).is_ok_and(|p| &p == u) {
                        return timing(scheme, None, input, found);
                    }
                    return found(false, why);
                }
            }
            return found(
                false,
                format!(
                    "the signature does not match at {u}: if the request came through a tunnel or proxy, pass --url with the public URL Twilio called; otherwise a wrong auth token, or the body was changed"
                ),
            );
        }
    }
    found(
        false,
        "the signature does not match: a wrong secret, or the body was changed (no re-serialisation, encoding or URL variant verifies)".into(),
    )
}

fn timing(
    scheme: Scheme,
    ts_ms: Option<i64>,
    input: &Input,
    found: impl Fn(bool, String) -> Finding,
) -> Finding {
    let (Some(ts), Some(tol)) = (ts_ms, input.tolerance_secs.or(default_tolerance(scheme))) else {
        return found(true, "the signature verifies".into());
    };
    // A millisecond scheme given seconds reads as 1970; a seconds scheme given milliseconds
    // reads as far in the future.
    if matches!(scheme, Scheme::Vapi | Scheme::Retell) && ts < 100_000_000_000 {
        return found(
            false,
            format!(
                "the signature verifies, but the timestamp {ts} is in seconds; {} signs milliseconds",
                scheme.as_str()
            ),
        );
    }
    let diff = (input.now_ms - ts) / 1000;
    if diff > tol {
        return found(
            false,
            format!(
                "the signature verifies, but the timestamp is {diff}s old ({}s beyond the {tol}s tolerance): a stale or replayed request",
                diff - tol
            ),
        );
    }
    if scheme == Scheme::Elevenlabs && ts > 100_000_000_000_000 {
        return found(
            false,
            format!(
                "the signature verifies, but `t={}` is in milliseconds; ElevenLabs signs seconds",
                ts / 1000
            ),
        );
    }
    // ElevenLabs' own verifier checks only the past: say so, but it verifies.
    if -diff > 0 && scheme == Scheme::Elevenlabs {
        return found(
            true,
            format!(
                "the signature verifies; the timestamp is {}s in the future, which ElevenLabs' own verifier accepts",
                -diff
            ),
        );
    }
    if -diff > tol {
        let ahead = -diff;
        let unit = if ahead > 1_000_000_000 {
            " (milliseconds where seconds were expected?)"
        } else {
            ""
        };
        return found(
            false,
            format!(
                "the signature verifies, but the timestamp is {ahead}s in the future ({}s beyond the {tol}s tolerance){unit}",
                ahead - tol
            ),
        );
    }
    found(true, format!("the signature verifies (signed {diff}s ago)"))
}

/// Verify with the given schemes; the first that verifies wins. Without a scheme, every
/// scheme whose header the capture carries is tried.
pub fn verify(schemes: &[Scheme], input: &Input) -> Vec<Finding> {
    let c = input.capture;
    let tried: Vec<Scheme> = if schemes.is_empty() {
        let mut t: Vec<Scheme> = Scheme::ALL
            .into_iter()
            .filter(|s| c.header(signature_header(*s)).is_some())
            .collect();
        // Vapi's `x-signature` is also hmac-sha256's default header: the timestamp header
        // says which it is.
        if t.contains(&Scheme::Vapi) && t.contains(&Scheme::HmacSha256) {
            let drop = if c.header("x-timestamp").is_some() {
                Scheme::HmacSha256
            } else {
                Scheme::Vapi
            };
            t.retain(|s| *s != drop);
        }
        t
    } else {
        schemes.to_vec()
    };
    if tried.is_empty() {
        // A header under a near name is the likeliest cause.
        let present: Vec<&str> = c.headers.iter().map(|(k, _)| k.as_str()).collect();
        let near: Vec<Finding> = Scheme::ALL
            .into_iter()
            .filter_map(|s| {
                let h = signature_header(s);
                crate::diag::did_you_mean(h, present.iter().copied()).map(|hint| Finding {
                    scheme: s.as_str(),
                    verified: false,
                    reason: format!("the `{h}` header is missing; {hint} (misnamed?)"),
                })
            })
            .collect();
        if !near.is_empty() {
            return near;
        }
        return vec![Finding {
            scheme: "none",
            verified: false,
            reason: format!(
                "no signature header of any scheme ({}); pass --platform or --scheme to say which was expected",
                Scheme::ALL.map(signature_header).join(", ")
            ),
        }];
    }
    let mut out = Vec::new();
    for s in tried {
        let f = verify_scheme(s, input);
        let done = f.verified;
        out.push(f);
        if done {
            return out;
        }
    }
    // The explained failure first: a generic mismatch of another scheme says less.
    out.sort_by_key(|f| f.reason.starts_with("the signature does not match"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::capture::read;

    const WHSEC: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    fn signed_capture(body: &str, ts: i64) -> Capture {
        let h = crate::webhook::signing::standard_webhooks(WHSEC, "msg_1", ts, body.as_bytes())
            .expect("signs");
        let raw = format!(
            "POST /hook HTTP/1.1\r\nHost: api.example.com\r\nwebhook-id: {}\r\nwebhook-timestamp: {}\r\nwebhook-signature: {}\r\n\r\n{body}",
            h[0].1, h[1].1, h[2].1
        );
        read(raw.as_bytes()).expect("reads").remove(0)
    }

    fn one(c: &Capture, secret: &str, now_s: i64) -> Finding {
        verify_scheme(
            Scheme::StandardWebhooks,
            &Input {
                capture: c,
                secret,
                url: None,
                now_ms: now_s * 1000,
                tolerance_secs: None,
            },
        )
    }

    #[test]
    fn verifies_and_explains_each_failure() {
        let body = r#"{"name":"Zoë","n":1}"#;
        let c = signed_capture(body, 1_700_000_000);
        assert!(one(&c, WHSEC, 1_700_000_010).verified);
        // Re-serialised by a framework: the receiver holds the pretty form.
        let mut pretty = c.clone();
        pretty.body = r#"{"name": "Zoë", "n": 1}"#.as_bytes().to_vec();
        let f = one(&pretty, WHSEC, 1_700_000_010);
        assert!(f.reason.contains("re-serialised"), "{}", f.reason);
        // Non-ASCII escaped.
        let mut esc = c.clone();
        esc.body = br#"{"name":"Zo\u00eb","n":1}"#.to_vec();
        let f = one(&esc, WHSEC, 1_700_000_010);
        assert!(f.reason.contains("escape"), "{}", f.reason);
        // Stale.
        let f = one(&c, WHSEC, 1_700_001_000);
        assert!(f.reason.contains("1000s old (700s beyond"), "{}", f.reason);
        // Wrong secret.
        let f = one(&c, "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 1_700_000_010);
        assert!(f.reason.contains("wrong secret"), "{}", f.reason);
        // Changed by a byte.
        let mut changed = c.clone();
        changed.body = r#"{"name":"Zoë","n":2}"#.as_bytes().to_vec();
        assert!(!one(&changed, WHSEC, 1_700_000_010).verified);
        // Header missing, with a near name.
        let mut renamed = c.clone();
        for (k, _) in &mut renamed.headers {
            if k == "webhook-signature" {
                *k = "webhook-signatur".into();
            }
        }
        let f = one(&renamed, WHSEC, 1_700_000_010);
        assert!(
            f.reason
                .contains("missing; did you mean `webhook-signatur`"),
            "{}",
            f.reason
        );
    }

    #[test]
    fn newline_escapes_and_near_names_are_named_first() {
        let body = r#"{"n":1}"#;
        let c = signed_capture(body, 1_700_000_000);
        let mut nl = c.clone();
        nl.body.push(b'\n');
        let f = one(&nl, WHSEC, 1_700_000_010);
        assert!(
            f.reason.contains("trailing newline was added"),
            "{}",
            f.reason
        );
        // No scheme given and the header misnamed: the near name is the answer.
        let mut renamed = c.clone();
        for (k, _) in &mut renamed.headers {
            if k == "webhook-signature" {
                *k = "webhook-sig".into();
            }
        }
        let found = verify(
            &[],
            &Input {
                capture: &renamed,
                secret: WHSEC,
                url: None,
                now_ms: 1_700_000_010_000,
                tolerance_secs: None,
            },
        );
        assert!(
            found[0].reason.contains("did you mean `webhook-sig`"),
            "{found:?}"
        );
        // Without its `whsec_` prefix the key still verifies, as the official libraries do.
        assert!(one(&c, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 1_700_000_010).verified);
    }

    #[test]
    fn vapi_wins_over_hmac_sha256_for_x_signature() {
        let body = r#"{"message":{}}"#;
        let mac = hex::encode(hmac(
            Algorithm::Sha256,
            b"vs",
            &[b"1700000000000.", body.as_bytes()],
        ));
        let raw = format!(
            "POST /h HTTP/1.1\r\nHost: a\r\nx-timestamp: 1700000000000\r\nx-signature: {mac}\r\n\r\n{{\"message\": {{}}}}"
        );
        let c = read(raw.as_bytes()).expect("reads").remove(0);
        let found = verify(
            &[],
            &Input {
                capture: &c,
                secret: "vs",
                url: None,
                now_ms: 1_700_000_001_000,
                tolerance_secs: None,
            },
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].scheme, "vapi");
        assert!(found[0].reason.contains("re-serialised"), "{found:?}");
    }

    #[test]
    fn twilio_behind_a_tunnel() {
        let token = "0123456789abcdef0123456789abcdef";
        let form = "CallSid=CA1&From=%2B14155552671";
        let fields: Vec<(String, String)> = url::form_urlencoded::parse(form.as_bytes())
            .into_owned()
            .collect();
        let signed = twilio_form_string("https://abc.ngrok.app/voice", &fields);
        let sig = B64.encode(hmac(
            Algorithm::Sha1,
            token.as_bytes(),
            &[signed.as_bytes()],
        ));
        let raw = format!(
            "POST /voice HTTP/1.1\r\nHost: abc.ngrok.app\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: {sig}\r\n\r\n{form}"
        );
        let c = read(raw.as_bytes()).expect("reads").remove(0);
        let input = Input {
            capture: &c,
            secret: token,
            url: None,
            now_ms: 0,
            tolerance_secs: None,
        };
        let f = verify_scheme(Scheme::Twilio, &input);
        assert!(
            f.reason
                .contains("the sender signed https://abc.ngrok.app/voice"),
            "{}",
            f.reason
        );
        let public = url::Url::parse("https://abc.ngrok.app/voice").expect("url");
        let f = verify_scheme(
            Scheme::Twilio,
            &Input {
                url: Some(&public),
                ..input
            },
        );
        assert!(f.verified, "{}", f.reason);
        // Signed with the default port written out: Twilio's validator accepts it, so do we.
        let signed = twilio_form_string("https://abc.ngrok.app:443/voice", &fields);
        let sig = B64.encode(hmac(
            Algorithm::Sha1,
            token.as_bytes(),
            &[signed.as_bytes()],
        ));
        let mut c2 = c.clone();
        for (k, v) in &mut c2.headers {
            if k == "X-Twilio-Signature" {
                *v = sig.clone();
            }
        }
        let f = verify_scheme(
            Scheme::Twilio,
            &Input {
                capture: &c2,
                url: Some(&public),
                ..input
            },
        );
        assert!(f.verified, "{}", f.reason);
    }
}
