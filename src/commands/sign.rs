//! `voxhook sign`: the signature headers a platform would add to a body, as curl `-H` lines
//! or JSON. The body is read byte for byte: what is signed is what you send.

use crate::cli::{SignArgs, SignerArgs};
use crate::definition::model::{Platform, Scheme, Signing, Sp};
use crate::webhook::signing::{SignInput, sign};
use crate::{Error, Outcome, Result};
use serde_json::{Map, Value as Json, json};

/// The scheme `--scheme` names, else the platform's own, else standard-webhooks.
pub fn scheme_of(s: &SignerArgs) -> Option<Scheme> {
    if let Some(x) = s.scheme {
        return Scheme::parse(&x.name());
    }
    s.platform.map(|p| {
        let platform = Platform::parse(&p.name()).unwrap_or_default();
        crate::webhook::profile::profile(platform).schemes[0]
    })
}

/// `BODY`, `@FILE` or `-` (standard input), as bytes.
pub fn read_body(arg: &str) -> Result<Vec<u8>> {
    use std::io::IsTerminal;
    if arg == "-" && std::io::stdin().is_terminal() {
        return Err(Error::input(
            "no body: pass it as an argument, @FILE, or pipe it to standard input",
        ));
    }
    match (arg, arg.strip_prefix('@')) {
        ("-", _) => super::read_input(std::path::Path::new("-")),
        (_, Some(path)) => super::read_input(std::path::Path::new(path)),
        _ => Ok(arg.as_bytes().to_vec()),
    }
}

/// A form body (Twilio signs its fields), when the body is one and not JSON.
pub fn form_fields(body: &[u8]) -> Option<Vec<(String, String)>> {
    if body.is_empty() || serde_json::from_slice::<Json>(body).is_ok() {
        return None;
    }
    let text = std::str::from_utf8(body).ok()?;
    (text.contains('=') && !text.contains(char::is_whitespace))
        .then(|| url::form_urlencoded::parse(body).into_owned().collect())
}

pub fn run(a: &SignArgs) -> Result<Outcome> {
    let scheme = scheme_of(&a.signer).unwrap_or(Scheme::StandardWebhooks);
    let body = read_body(&a.body)?;
    let now_ms = match &a.now {
        Some(n) => super::parse_now(n)?.timestamp_millis(),
        None => chrono::Utc::now().timestamp_millis(),
    };
    let url = match (&a.url, scheme) {
        (Some(u), _) => u.clone(),
        (None, Scheme::Twilio) => {
            return Err(Error::input(
                "twilio signs the URL it calls: pass --url (the public URL, as Twilio sees it)",
            ));
        }
        (None, _) => {
            url::Url::parse("https://localhost/").map_err(|e| Error::Failed(e.to_string()))?
        }
    };
    let mut settings = Signing::defaults();
    if scheme == Scheme::HmacSha256 {
        settings.header = Some(Sp::new(a.header.clone(), Default::default()));
    }
    let form = if scheme == Scheme::Twilio {
        form_fields(&body)
    } else {
        None
    };
    // A stable id for the same body and time: the headers repeat with `--now`.
    let id = format!(
        "msg_{}",
        crate::webhook::profile::derived_hex(
            &format!("{now_ms}/{}", String::from_utf8_lossy(&body)),
            24
        )
    );
    let out = sign(
        scheme,
        &settings,
        &SignInput {
            secret: &a.signer.secret,
            body: &body,
            url: &url,
            form: form.as_deref(),
            unix_ms: now_ms,
            message_id: &id,
            method: "POST",
        },
    )
    .map_err(|e| Error::input(format!("--secret: {e}")))?;
    let mut sent_url = url.clone();
    if let Some((k, v)) = &out.query {
        sent_url.query_pairs_mut().append_pair(k, v);
    }
    if a.json {
        let headers: Map<String, Json> = out
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        let mut doc =
            json!({ "scheme": scheme.as_str(), "headers": headers, "signed": out.signed });
        if a.url.is_some() {
            doc["url"] = json!(sent_url.as_str());
        }
        crate::outln!("{doc}");
    } else {
        crate::out!("{}", crate::output::receiver::curl_headers(&out.headers));
        if out.query.is_some() {
            // Standard error, so `curl $(voxhook sign …)` still reads only the -H lines.
            eprintln!("note: Twilio signed the URL with bodySHA256 added; send to {sent_url}");
        }
    }
    Ok(Outcome::Success)
}
