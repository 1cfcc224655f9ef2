//! `voxhook drill`: proves a receiver's own checks. One correct delivery, then the forgeries a
//! careful endpoint refuses (one byte changed, a wrong secret, the signature missing, stale and
//! future timestamps, the body re-serialised, a replay), then the platform's retry of the same
//! delivery, which it must answer without acting twice. A fixed list, sent one at a time, each
//! under the request's timeout.

use super::plan::{RequestPlan, SigningUsed};
use super::sender::{Exchange, Sender};
use super::signing::{SignInput, sign};
use crate::definition::model::Scheme;
use base64::Engine;

/// What a careful endpoint does with a drill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// Accept it (2xx).
    Accept,
    /// Refuse it (4xx).
    Refuse,
    /// Answer it without acting twice: refuse it, or repeat the first answer.
    NotTwice,
}

impl Expect {
    pub fn text(self) -> &'static str {
        match self {
            Expect::Accept => "accept (2xx)",
            Expect::Refuse => "refuse (4xx)",
            Expect::NotTwice => "not act twice",
        }
    }
}

/// One drill: its request, or why it does not apply.
pub struct Drill {
    pub name: &'static str,
    pub what: String,
    pub expect: Expect,
    pub plan: Option<RequestPlan>,
    /// Advisory: a miss is reported but does not fail the drill (the platform's own
    /// verifier would miss it too).
    pub advisory: Option<&'static str>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct DrillResult {
    pub name: &'static str,
    pub what: String,
    pub expect: Expect,
    pub status: Option<u16>,
    /// What the endpoint did, in a few words.
    pub got: String,
    pub passed: bool,
    /// `skipped` when the drill does not apply; `advisory` when a miss does not fail.
    pub note: Option<String>,
    pub latency_ms: u64,
}

const HOUR_MS: i64 = 3_600_000;

/// Sign `plan` again as it was signed, with another secret, clock or message id.
fn resign(
    plan: &RequestPlan,
    s: &SigningUsed,
    secret: &str,
    unix_ms: i64,
    id: &str,
) -> Option<RequestPlan> {
    let body = plan.body.clone().unwrap_or_default();
    let out = sign(
        s.scheme,
        &s.settings,
        &SignInput {
            secret,
            body: &body,
            url: &s.url,
            form: s.form.as_deref(),
            unix_ms,
            message_id: id,
            method: plan.method.as_str(),
        },
    )
    .ok()?;
    let mut p = plan.clone();
    p.headers
        .retain(|(k, _)| !out.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(k)));
    p.headers.extend(out.headers);
    p.secrets.extend(out.signatures);
    Some(p)
}

/// A secret of the same form that is not the secret.
fn wrong_secret(scheme: Scheme, secret: &str) -> String {
    match scheme {
        Scheme::StandardWebhooks => format!(
            "whsec_{}",
            base64::engine::general_purpose::STANDARD.encode(b"voxhook-drill-wrong-secret-24b")
        ),
        // Another 32-hex token: the first digit changed.
        Scheme::Twilio => {
            let first = if secret.starts_with('f') { "e" } else { "f" };
            format!("{first}{}", secret.get(1..).unwrap_or_default())
        }
        _ => format!("{secret}-wrong"),
    }
}

/// The body with one byte changed: the last digit or letter, moved by one.
fn one_byte_changed(body: &[u8]) -> Vec<u8> {
    let mut b = body.to_vec();
    if let Some(i) = b.iter().rposition(|c| c.is_ascii_alphanumeric()) {
        b[i] = match b[i] {
            b'9' => b'0',
            b'z' => b'a',
            b'Z' => b'A',
            c => c + 1,
        };
    } else {
        b.push(b' ');
    }
    b
}

/// The drills for a correct plan, in the order they are sent.
pub fn drills(correct: &RequestPlan, now_ms: i64) -> Vec<Drill> {
    let signing = correct.signing.as_ref();
    let unsigned = if correct.platform == crate::definition::model::Platform::Elevenlabs
        && correct.kind.is_none()
    {
        "ElevenLabs signs only its system webhooks: drill pre_call or post_call"
    } else {
        "the request is unsigned: add `signing:` to drill signatures"
    };
    let mut out = vec![Drill {
        name: "correct",
        what: "a correct, freshly signed delivery".into(),
        expect: Expect::Accept,
        plan: Some(correct.clone()),
        advisory: None,
    }];
    let skip = |name, what: &str, why: &'static str| Drill {
        name,
        what: what.to_string(),
        expect: Expect::Refuse,
        plan: None,
        advisory: Some(why),
    };
    match signing {
        None => {
            for (n, w) in [
                ("one-byte", "the body with one byte changed"),
                ("wrong-secret", "signed with a wrong secret"),
                ("no-signature", "the signature header removed"),
                ("stale", "signed an hour ago"),
                ("future", "signed an hour ahead"),
                ("reserialised", "the body re-serialised, the signature kept"),
            ] {
                out.push(skip(n, w, unsigned));
            }
        }
        Some(s) => {
            let mut p = correct.clone();
            p.body = correct.body.as_deref().map(one_byte_changed);
            out.push(Drill {
                name: "one-byte",
                what: "the body with one byte changed, the signature kept".into(),
                expect: Expect::Refuse,
                plan: Some(p),
                advisory: None,
            });
            out.push(Drill {
                name: "wrong-secret",
                what: "signed with a wrong secret".into(),
                expect: Expect::Refuse,
                plan: resign(
                    correct,
                    s,
                    &wrong_secret(s.scheme, &s.secret),
                    s.unix_ms,
                    &s.message_id,
                ),
                advisory: None,
            });
            let mut p = correct.clone();
            p.headers
                .retain(|(k, _)| !s.headers.iter().any(|h| h.eq_ignore_ascii_case(k)));
            out.push(Drill {
                name: "no-signature",
                what: format!("the signature headers removed ({})", s.headers.join(", ")),
                expect: Expect::Refuse,
                plan: Some(p),
                advisory: None,
            });
            let timestamped = matches!(
                s.scheme,
                Scheme::StandardWebhooks | Scheme::Vapi | Scheme::Retell | Scheme::Elevenlabs
            );
            for (name, what, at) in [
                ("stale", "signed an hour ago", now_ms - HOUR_MS),
                ("future", "signed an hour ahead", now_ms + HOUR_MS),
            ] {
                if !timestamped {
                    out.push(skip(name, what, "this scheme signs no timestamp"));
                    continue;
                }
                out.push(Drill {
                    name,
                    what: what.into(),
                    expect: Expect::Refuse,
                    plan: resign(
                        correct,
                        s,
                        &s.secret,
                        at,
                        &format!("{}-{name}", s.message_id),
                    ),
                    advisory: (name == "future" && s.scheme == Scheme::Elevenlabs)
                        .then_some("ElevenLabs' own construct_event checks only the past"),
                });
            }
            let pretty = correct
                .body
                .as_deref()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok())
                .and_then(|v| serde_json::to_vec_pretty(&v).ok());
            match pretty {
                Some(b) => {
                    let mut p = correct.clone();
                    p.body = Some(b);
                    out.push(Drill {
                        name: "reserialised",
                        what: "the body re-serialised (indented), the signature kept".into(),
                        expect: Expect::Refuse,
                        plan: Some(p),
                        advisory: None,
                    });
                }
                None => out.push(skip(
                    "reserialised",
                    "the body re-serialised, the signature kept",
                    "the body is not JSON",
                )),
            }
        }
    }
    out.push(Drill {
        name: "replay",
        what: "the first delivery again, byte for byte".into(),
        expect: Expect::NotTwice,
        plan: Some(correct.clone()),
        advisory: None,
    });
    // The platform's retry: the same delivery (the same message id), signed afresh.
    let retry = match signing {
        Some(s) => resign(correct, s, &s.secret, now_ms, &s.message_id),
        None => Some(correct.clone()),
    };
    out.push(Drill {
        name: "retry",
        what: "the platform's retry of the same delivery".into(),
        expect: Expect::NotTwice,
        plan: retry,
        advisory: None,
    });
    out
}

/// Did the endpoint say a response repeats an earlier one (`Idempotent-Replayed: true`)?
fn says_replayed(ex: &Exchange) -> bool {
    ex.response.as_ref().is_some_and(|r| {
        r.headers.iter().any(|(k, v)| {
            k.eq_ignore_ascii_case("idempotent-replayed") && v.eq_ignore_ascii_case("true")
        })
    })
}

/// Send every drill in order and grade each.
pub async fn run(sender: &Sender, list: Vec<Drill>) -> Vec<DrillResult> {
    let mut results = Vec::new();
    let mut first: Option<Exchange> = None;
    for d in list {
        let Some(plan) = d.plan else {
            results.push(DrillResult {
                name: d.name,
                what: d.what,
                expect: d.expect,
                status: None,
                got: "skipped".into(),
                passed: true,
                note: d.advisory.map(|a| format!("skipped: {a}")),
                latency_ms: 0,
            });
            continue;
        };
        let ex = sender.send(&plan).await;
        let status = ex.response.as_ref().map(|r| r.status);
        let accepted = status.is_some_and(|s| (200..300).contains(&s));
        let refused = status.is_some_and(|s| (400..500).contains(&s));
        let mut inconclusive = None;
        let (got, passed) = match (d.expect, status) {
            // Stop at the first drill that gets no answer: the rest would only wait too.
            (_, None) => {
                let why = ex
                    .error
                    .as_ref()
                    .map(|e| e.message.clone())
                    .unwrap_or_else(|| "no response".into());
                if d.expect != Expect::Accept {
                    inconclusive = Some("inconclusive: no answer, so neither accepted nor refused");
                }
                (why, d.expect != Expect::Accept)
            }
            (Expect::Accept, Some(s)) => (
                if accepted {
                    format!("accepted ({s})")
                } else {
                    format!("refused ({s}): the correct request must pass")
                },
                accepted,
            ),
            (Expect::Refuse, Some(s)) => (
                if refused {
                    format!("refused ({s})")
                } else if accepted {
                    format!("ACCEPTED ({s})")
                } else {
                    format!("{s}: a careful endpoint answers 4xx")
                },
                !accepted,
            ),
            (Expect::NotTwice, Some(s)) if refused => (format!("refused ({s})"), true),
            (Expect::NotTwice, Some(s)) if accepted => {
                let same = first
                    .as_ref()
                    .and_then(|f| f.response.as_ref())
                    .is_some_and(|f| ex.response.as_ref().is_some_and(|r| r.body == f.body));
                if same || says_replayed(&ex) {
                    (format!("answered ({s}) without acting again"), true)
                } else {
                    (
                        format!("ACTED TWICE ({s}): the answer differs from the first"),
                        false,
                    )
                }
            }
            (Expect::NotTwice, Some(s)) => (format!("{s}"), false),
        };
        let advisory = d.advisory.filter(|_| !passed);
        let stop = status.is_none() && d.expect == Expect::Accept;
        results.push(DrillResult {
            name: d.name,
            what: d.what,
            expect: d.expect,
            status,
            got,
            passed: passed || advisory.is_some(),
            note: advisory
                .map(|a| format!("advisory: {a}"))
                .or(inconclusive.map(String::from)),
            latency_ms: ex.elapsed.as_millis() as u64,
        });
        if stop {
            break;
        }
        if d.name == "correct" {
            first = Some(ex);
        }
    }
    results
}

/// A forgery the endpoint accepted, or the correct delivery refused: the drill fails.
pub fn failed(results: &[DrillResult]) -> bool {
    results.iter().any(|r| !r.passed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_byte_moves_the_last_alphanumeric() {
        assert_eq!(one_byte_changed(br#"{"n":19}"#), br#"{"n":10}"#);
        assert_eq!(one_byte_changed(br#"{"a":"b"}"#), br#"{"a":"c"}"#);
        assert_eq!(one_byte_changed(b"{}"), b"{} ");
    }
}
