//! Request signing: Standard Webhooks, plain `hmac-sha256`, and each platform's own scheme
//! (SPEC section 3). The bytes signed are the body bytes sent. Pure: the clock and the
//! message id come in, so the same input gives the same headers.

use crate::definition::model::{Scheme, Signing};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256, Sha512};

type HmacSha256 = Hmac<Sha256>;

/// The digest of an HMAC; Vapi's plan lets the receiver choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Sha1,
    Sha256,
    Sha512,
}

impl Algorithm {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "sha1" => Some(Algorithm::Sha1),
            "sha256" => Some(Algorithm::Sha256),
            "sha512" => Some(Algorithm::Sha512),
            _ => None,
        }
    }
}

/// HMAC of the concatenated parts.
pub fn hmac(alg: Algorithm, key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    fn run<M: Mac + hmac::digest::KeyInit>(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
        // HMAC takes keys of any length; new_from_slice cannot fail for it.
        let Ok(mut m) = <M as hmac::digest::KeyInit>::new_from_slice(key) else {
            return Vec::new();
        };
        for p in parts {
            m.update(p);
        }
        m.finalize().into_bytes().to_vec()
    }
    match alg {
        Algorithm::Sha1 => run::<Hmac<sha1::Sha1>>(key, parts),
        Algorithm::Sha256 => run::<HmacSha256>(key, parts),
        Algorithm::Sha512 => run::<Hmac<Sha512>>(key, parts),
    }
}

/// What a signer needs besides the scheme's settings.
pub struct SignInput<'a> {
    pub secret: &'a str,
    pub body: &'a [u8],
    /// The URL the platform would call (`--public-url` or the real one), for Twilio.
    pub url: &'a url::Url,
    /// Form fields as sent, for Twilio's form signature.
    pub form: Option<&'a [(String, String)]>,
    /// Milliseconds since the epoch.
    pub unix_ms: i64,
    /// Standard Webhooks' message id (and Vapi's `{svix-id}`).
    pub message_id: &'a str,
    /// The method sent, for Vapi's `{method}`.
    pub method: &'a str,
}

/// The signature headers, and for Twilio a JSON body's `bodySHA256` query pair that must be
/// added to the URL sent. `signed` is the exact string signed (printed by `-v`).
#[derive(Debug, Clone, PartialEq)]
pub struct Signed {
    pub headers: Vec<(String, String)>,
    pub query: Option<(String, String)>,
    pub signed: String,
    /// Header values that are secrets (signatures).
    pub signatures: Vec<String>,
}

/// Sign as `scheme` does, with the overrides of `settings` (header names, Vapi's plan).
pub fn sign(scheme: Scheme, settings: &Signing, input: &SignInput) -> Result<Signed, String> {
    check_secret(scheme, input.secret)?;
    let header = |default: &str| {
        settings
            .header
            .as_ref()
            .map(|h| h.value.clone())
            .unwrap_or_else(|| default.to_string())
    };
    let body = input.body;
    let body_text = String::from_utf8_lossy(body).into_owned();
    let key = input.secret.as_bytes();
    let one = |name: String, value: String, signed: String| Signed {
        headers: vec![(name, value.clone())],
        query: None,
        signed,
        signatures: vec![value],
    };
    Ok(match scheme {
        Scheme::StandardWebhooks => {
            let ts = input.unix_ms.div_euclid(1000);
            let hs = standard_webhooks(input.secret, input.message_id, ts, body)?;
            let sig = hs[2].1.clone();
            Signed {
                headers: hs.to_vec(),
                query: None,
                signed: format!("{}.{ts}.{body_text}", input.message_id),
                signatures: vec![sig],
            }
        }
        Scheme::HmacSha256 => one(
            header("X-Signature"),
            hmac_sha256(input.secret, body),
            body_text,
        ),
        Scheme::Bland => one(
            header("X-Webhook-Signature"),
            hex::encode(hmac(Algorithm::Sha256, key, &[body])),
            body_text,
        ),
        Scheme::Vapi => {
            let alg = settings
                .algorithm
                .as_ref()
                .and_then(|a| Algorithm::parse(&a.value))
                .unwrap_or(Algorithm::Sha256);
            let ts = input.unix_ms.to_string();
            let format = settings
                .payload_format
                .as_ref()
                .map(|f| f.value.as_str())
                .unwrap_or("{timestamp}.{body}");
            let payload = format
                .replace("{timestamp}", &ts)
                .replace("{method}", input.method)
                .replace("{url}", input.url.as_str())
                .replace("{svix-id}", input.message_id)
                .replace("{body}", &body_text);
            let mac = hmac(alg, key, &[payload.as_bytes()]);
            let encoded = match settings.encoding.as_ref().map(|e| e.value.as_str()) {
                Some("base64") => B64.encode(mac),
                _ => hex::encode(mac),
            };
            let prefix = settings.prefix.as_ref().map(|p| p.value.as_str());
            let sig = format!("{}{encoded}", prefix.unwrap_or_default());
            let ts_header = settings
                .timestamp_header
                .as_ref()
                .map(|h| h.value.clone())
                .unwrap_or_else(|| "x-timestamp".into());
            let mut headers = vec![(ts_header, ts), (header("x-signature"), sig.clone())];
            if let Some(h) = &settings.message_id_header {
                headers.push((h.value.clone(), input.message_id.to_string()));
            }
            Signed {
                headers,
                query: None,
                signed: payload,
                signatures: vec![encoded, sig],
            }
        }
        Scheme::Retell => {
            let ts = input.unix_ms.to_string();
            let mac = hmac(Algorithm::Sha256, key, &[body, ts.as_bytes()]);
            one(
                header("X-Retell-Signature"),
                format!("v={ts},d={}", hex::encode(mac)),
                format!("{body_text}{ts}"),
            )
        }
        Scheme::Elevenlabs => {
            let ts = input.unix_ms.div_euclid(1000).to_string();
            let payload = format!("{ts}.{body_text}");
            let mac = hmac(Algorithm::Sha256, key, &[ts.as_bytes(), b".", body]);
            one(
                header("ElevenLabs-Signature"),
                format!("t={ts},v0={}", hex::encode(mac)),
                payload,
            )
        }
        Scheme::Twilio => {
            let (signed, query) = match input.form {
                Some(form) => (twilio_form_string(input.url.as_str(), form), None),
                None => {
                    let digest = hex::encode(Sha256::digest(body));
                    let mut u = input.url.clone();
                    u.query_pairs_mut().append_pair("bodySHA256", &digest);
                    (u.to_string(), Some(("bodySHA256".to_string(), digest)))
                }
            };
            let sig = B64.encode(hmac(Algorithm::Sha1, key, &[signed.as_bytes()]));
            Signed {
                headers: vec![(header("X-Twilio-Signature"), sig.clone())],
                query,
                signed,
                signatures: vec![sig],
            }
        }
    })
}

/// Twilio's string to sign for a form body: the URL, then each key and value, keys sorted.
pub fn twilio_form_string(url: &str, form: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = form.iter().collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut s = url.to_string();
    for (k, v) in pairs {
        s.push_str(k);
        s.push_str(v);
    }
    s
}

/// A secret in the wrong form for its scheme, said in one line.
pub fn check_secret(scheme: Scheme, secret: &str) -> Result<(), String> {
    match scheme {
        Scheme::StandardWebhooks => decode_whsec(secret).map(|_| ()),
        _ if secret.is_empty() => Err("the secret is empty".into()),
        Scheme::Retell if secret.starts_with("whsec_") => {
            Err("Retell signs with your Retell API key (key_…), not a `whsec_` secret".into())
        }
        Scheme::Twilio
            if !(secret.len() == 32 && secret.bytes().all(|b| b.is_ascii_hexdigit())) =>
        {
            Err("a Twilio auth token is 32 hexadecimal characters".into())
        }
        _ => Ok(()),
    }
}

/// The key bytes of a `whsec_<base64>` secret.
pub fn decode_whsec(secret: &str) -> Result<Vec<u8>, String> {
    let Some(b64) = secret.strip_prefix("whsec_") else {
        return Err("it does not start with `whsec_`".into());
    };
    let key = B64
        .decode(b64)
        .map_err(|_| "the part after `whsec_` is not base64".to_string())?;
    if key.is_empty() {
        return Err("the key is empty".into());
    }
    Ok(key)
}

fn mac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    hmac(Algorithm::Sha256, key, parts)
}

/// Standard Webhooks headers for `body`: `webhook-id`, `webhook-timestamp`, `webhook-signature`.
pub fn standard_webhooks(
    secret: &str,
    id: &str,
    timestamp: i64,
    body: &[u8],
) -> Result<[(String, String); 3], String> {
    let key = decode_whsec(secret)?;
    let ts = timestamp.to_string();
    let sig = mac(&key, &[id.as_bytes(), b".", ts.as_bytes(), b".", body]);
    Ok([
        ("webhook-id".into(), id.to_string()),
        ("webhook-timestamp".into(), ts),
        (
            "webhook-signature".into(),
            format!("v1,{}", B64.encode(sig)),
        ),
    ])
}

/// `sha256=<hex HMAC-SHA256 of the body>`.
pub fn hmac_sha256(secret: &str, body: &[u8]) -> String {
    format!("sha256={}", hex::encode(mac(secret.as_bytes(), &[body])))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example published with the Standard Webhooks specification.
    #[test]
    fn standard_webhooks_spec_example() {
        let h = standard_webhooks(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        )
        .expect("signs");
        assert_eq!(h[2].1, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assert_eq!(h[1].1, "1614265330");
    }

    #[test]
    fn hmac_hex() {
        // RFC 4231 test case 2.
        let s = hmac_sha256("Jefe", b"what do ya want for nothing?");
        assert_eq!(
            s,
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    /// The scheme's defaults; `sign` takes the secret from its input.
    fn settings(_secret: &str) -> Signing {
        Signing::defaults()
    }

    fn input<'a>(
        secret: &'a str,
        body: &'a [u8],
        url: &'a url::Url,
        form: Option<&'a [(String, String)]>,
        unix_ms: i64,
    ) -> SignInput<'a> {
        SignInput {
            secret,
            body,
            url,
            form,
            unix_ms,
            message_id: "msg_1",
            method: "POST",
        }
    }

    fn sp(v: &str) -> Option<crate::definition::model::Sp<String>> {
        Some(crate::definition::model::Sp::new(
            v.to_string(),
            crate::diag::Span::default(),
        ))
    }

    /// Twilio's published example (its docs and its SDKs' test suites).
    #[test]
    fn twilio_form_and_body_sha256_examples() {
        let url = url::Url::parse("https://mycompany.com/myapp.php?foo=1&bar=2").expect("url");
        let form: Vec<(String, String)> = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+14158675309"),
            ("Digits", "1234"),
            ("From", "+14158675309"),
            ("To", "+18005551212"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        // A Twilio auth token is 32 hex characters; the published example's `12345` is not,
        // so `sign` refuses it and the string it signs is checked with that token here.
        assert!(
            sign(
                Scheme::Twilio,
                &settings("12345"),
                &input("12345", b"", &url, Some(&form), 0)
            )
            .is_err()
        );
        let signed = twilio_form_string(url.as_str(), &form);
        assert_eq!(
            B64.encode(hmac(Algorithm::Sha1, b"12345", &[signed.as_bytes()])),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        );
        let body = br#"{"property": "value", "boolean": true}"#;
        let token = "0123456789abcdef0123456789abcdef";
        let s = sign(
            Scheme::Twilio,
            &settings(token),
            &input(token, body, &url, None, 0),
        )
        .expect("signs");
        let digest = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        assert_eq!(s.query, Some(("bodySHA256".into(), digest.into())));
        assert_eq!(s.signed, format!("{url}&bodySHA256={digest}"));
        assert_eq!(
            B64.encode(hmac(Algorithm::Sha1, b"12345", &[s.signed.as_bytes()])),
            "a9nBmqA0ju/hNViExpshrM61xv4="
        );
    }

    /// Vectors made with retell-sdk's own `sign` and with ElevenLabs' `construct_event`
    /// algorithm (bench/sdk/check.py runs the verifiers themselves).
    #[test]
    fn retell_and_elevenlabs_vectors() {
        let url = url::Url::parse("https://example.com/h").expect("url");
        let key = "key_0123456789abcdef";
        let s = sign(
            Scheme::Retell,
            &settings(key),
            &input(
                key,
                br#"{"event":"call_ended"}"#,
                &url,
                None,
                1_700_000_000_000,
            ),
        )
        .expect("signs");
        assert_eq!(s.headers[0].0, "X-Retell-Signature");
        assert_eq!(
            s.headers[0].1,
            "v=1700000000000,d=ca2e21d07e47b6a91e4e7f4bffe28baf368898927e3143cc77e773d4957adc00"
        );
        let s = sign(
            Scheme::Elevenlabs,
            &settings("wsec_test"),
            &input(
                "wsec_test",
                br#"{"type":"post_call_transcription"}"#,
                &url,
                None,
                1_700_000_000_123,
            ),
        )
        .expect("signs");
        assert_eq!(
            s.headers[0].1,
            "t=1700000000,v0=8580fe46ca40876a1f93f7a34277501134e83d7dd8472e950b34c3b9c4d1e248"
        );
    }

    /// Vapi's HMAC plan: defaults, then each setting (values from Python's hmac module).
    #[test]
    fn vapi_hmac_plan_settings() {
        let url = url::Url::parse("https://example.com/h").expect("url");
        let body = br#"{"message":{}}"#;
        let at = 1_700_000_000_000;
        let s = sign(
            Scheme::Vapi,
            &settings("vapi-secret"),
            &input("vapi-secret", body, &url, None, at),
        )
        .expect("signs");
        assert_eq!(s.headers[0], ("x-timestamp".into(), "1700000000000".into()));
        assert_eq!(s.headers[1].0, "x-signature");
        assert_eq!(s.signed, r#"1700000000000.{"message":{}}"#);
        let mut plan = settings("vapi-secret");
        plan.encoding = sp("base64");
        plan.header = sp("X-Vapi-Signature");
        plan.timestamp_header = sp("X-Vapi-Timestamp");
        plan.prefix = sp("sha256=");
        plan.message_id_header = sp("X-Vapi-Id");
        let s = sign(
            Scheme::Vapi,
            &plan,
            &input("vapi-secret", body, &url, None, at),
        )
        .expect("signs");
        let want: Vec<(String, String)> = vec![
            ("X-Vapi-Timestamp".into(), "1700000000000".into()),
            (
                "X-Vapi-Signature".into(),
                "sha256=OgiveXpev9kfdJXm6nAMp5YXEuX3PGhw73o2szA7ULA=".into(),
            ),
            ("X-Vapi-Id".into(), "msg_1".into()),
        ];
        assert_eq!(s.headers, want);
        plan.algorithm = sp("sha512");
        plan.encoding = sp("hex");
        plan.prefix = None;
        plan.payload_format = sp("{method} {url} {timestamp}.{body}");
        let s = sign(
            Scheme::Vapi,
            &plan,
            &input("vapi-secret", body, &url, None, at),
        )
        .expect("signs");
        assert_eq!(
            s.signed,
            r#"POST https://example.com/h 1700000000000.{"message":{}}"#
        );
        assert_eq!(s.headers[1].1.len(), 128, "sha512 in hex");
    }

    #[test]
    fn malformed_secrets() {
        assert!(decode_whsec("MfKQ9r8").is_err());
        assert!(decode_whsec("whsec_!!!").is_err());
        assert!(decode_whsec("whsec_").is_err());
    }
}
