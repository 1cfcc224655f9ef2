//! `voxhook verify`: which scheme verifies a captured request, or exactly why none does.

use super::Global;
use crate::cli::VerifyArgs;
use crate::definition::units::parse_duration;
use crate::webhook::{capture, verify};
use crate::{Error, Outcome, Result};

pub fn run(a: &VerifyArgs, g: &Global) -> Result<Outcome> {
    // `-` reads the capture from standard input, as `sign -` reads a body.
    let bytes = super::read_input(&a.request)?;
    let file = a.request.display().to_string();
    let captures = capture::read(&bytes).map_err(|e| Error::input(format!("{file}: {e}")))?;
    let mut captures = captures;
    for c in &mut captures {
        // One request: the file is its place.
        if c.place == "the capture" {
            c.place = file.clone();
        }
        let at = if c.place == file {
            file.clone()
        } else {
            format!("{file}: {}", c.place)
        };
        // Twilio signs GET requests by their URL alone; every other signature covers a body.
        if c.body.is_empty() && !c.method.eq_ignore_ascii_case("GET") {
            return Err(Error::input(format!(
                "{at}: the capture has no body; a signature covers the body, so capture it whole"
            )));
        }
        if let Some((k, _)) = c
            .headers
            .iter()
            .find(|(_, v)| v.contains(crate::output::exchange::MASK))
        {
            return Err(Error::input(format!(
                "{at}: `{k}` is masked (••••••); capture again with --show-secrets so the signature is there to check"
            )));
        }
    }
    let now_ms = match &a.now {
        Some(n) => super::parse_now(n)?.timestamp_millis(),
        None => chrono::Utc::now().timestamp_millis(),
    };
    let tolerance_secs = match &a.tolerance {
        Some(t) => Some(
            parse_duration(t)
                .map_err(|e| Error::input(format!("--tolerance: {e}")))?
                .as_secs() as i64,
        ),
        None => None,
    };
    let schemes: Vec<_> = super::sign::scheme_of(&a.signer).into_iter().collect();
    let mut reports = Vec::new();
    for c in &captures {
        let findings = verify::verify(
            &schemes,
            &verify::Input {
                capture: c,
                secret: &a.signer.secret,
                url: a.url.as_ref(),
                now_ms,
                tolerance_secs,
            },
        );
        reports.push((c.place.clone(), findings));
    }
    let ok = reports.iter().all(|(_, f)| f.iter().any(|x| x.verified));
    let text = if a.json {
        crate::output::receiver::verify_json(&reports)
    } else {
        crate::output::receiver::verify_human(&file, &reports, crate::output::Paint::new(g.color))
    };
    // The secret never reaches the output, even when a capture quotes it.
    crate::out!(
        "{}",
        crate::output::exchange::redact(&text, std::slice::from_ref(&a.signer.secret))
    );
    Ok(if ok {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}
