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
    /// Standard Webhooks' message id.
    pub message_id: &'a str,
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
                .replace("{body}", &body_text);
            let mac = hmac(alg, key, &[payload.as_bytes()]);
            let sig = match settings.encoding.as_ref().map(|e| e.value.as_str()) {
                Some("base64") => B64.encode(mac),
                _ => hex::encode(mac),
            };
            let ts_header = settings
                .timestamp_header
                .as_ref()
                .map(|h| h.value.clone())
                .unwrap_or_else(|| "x-timestamp".into());
            Signed {
                headers: vec![(ts_header, ts), (header("x-signature"), sig.clone())],
                query: None,
                signed: payload,
                signatures: vec![sig],
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

    #[test]
    fn malformed_secrets() {
        assert!(decode_whsec("MfKQ9r8").is_err());
        assert!(decode_whsec("whsec_!!!").is_err());
        assert!(decode_whsec("whsec_").is_err());
    }
}
