//! Request signing: Standard Webhooks and plain `hmac-sha256`. The bytes signed are the body
//! bytes sent.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

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
    // HMAC takes keys of any length; new_from_slice cannot fail for it.
    let mut m = match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return Vec::new(),
    };
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
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
