//! The receiving side's tools end to end: `drill` against loopback receivers that verify
//! correctly, skip verification, ignore the timestamp, or act twice on a retry; `verify` on
//! captures made by hand and by `mock --log`; `sign` checked with an independent HMAC.

use assert_cmd::Command;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const WHSEC: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn key() -> Vec<u8> {
    B64.decode(WHSEC.trim_start_matches("whsec_")).expect("b64")
}

fn sign_sw(id: &str, ts: &str, body: &[u8]) -> String {
    let mut m = Hmac::<Sha256>::new_from_slice(&key()).expect("key");
    m.update(format!("{id}.{ts}.").as_bytes());
    m.update(body);
    format!("v1,{}", B64.encode(m.finalize().into_bytes()))
}

/// How a test receiver treats deliveries.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Careful,
    SkipsVerification,
    IgnoresTimestamp,
    ActsTwice,
}

struct Receiver {
    kind: Kind,
    bookings: Arc<Mutex<(u32, HashMap<String, Value>)>>,
}

impl Respond for Receiver {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let h = |n: &str| {
            req.headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let mut state = self.bookings.lock().expect("lock");
        if self.kind != Kind::SkipsVerification {
            let (Some(id), Some(ts), Some(sig)) = (
                h("webhook-id"),
                h("webhook-timestamp"),
                h("webhook-signature"),
            ) else {
                return ResponseTemplate::new(401);
            };
            if sign_sw(&id, &ts, &req.body) != sig {
                return ResponseTemplate::new(401);
            }
            let now = chrono::Utc::now().timestamp();
            let age = now - ts.parse::<i64>().unwrap_or(0);
            if self.kind != Kind::IgnoresTimestamp && age.abs() > 300 {
                return ResponseTemplate::new(401);
            }
            if self.kind != Kind::ActsTwice {
                if let Some(done) = state.1.get(&id) {
                    return ResponseTemplate::new(200).set_body_json(done.clone());
                }
            }
            state.0 += 1;
            let reply = json!({"success": true, "result": {"booking": state.0}});
            state.1.insert(id, reply.clone());
            return ResponseTemplate::new(200).set_body_json(reply);
        }
        state.0 += 1;
        ResponseTemplate::new(200)
            .set_body_json(json!({"success": true, "result": {"booking": state.0}}))
    }
}

struct Setup {
    _dir: tempfile::TempDir,
    file: PathBuf,
}

fn setup(uri: &str) -> Setup {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("voxhook.yaml");
    std::fs::write(
        &file,
        format!(
            r#"version: 1
actions:
  - name: book_visit
    description: Book a plumber visit. Use when the caller wants a visit booked.
    parameters:
      day: {{ type: string, required: true }}
    webhook:
      url: {uri}/book
      signing: {{ scheme: standard-webhooks, secret: "${{env:VOXHOOK_R_WHSEC}}" }}
      timeout: 3s
"#
        ),
    )
    .expect("write");
    Setup { _dir: dir, file }
}

fn voxhook() -> Command {
    let mut c = Command::cargo_bin("voxhook").expect("bin");
    c.env("NO_COLOR", "1")
        .env("VOXHOOK_R_WHSEC", WHSEC)
        .timeout(Duration::from_secs(60));
    c
}

async fn drill(kind: Kind, extra: &[&str]) -> (std::process::Output, Setup) {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::path("/book"))
        .respond_with(Receiver {
            kind,
            bookings: Arc::new(Mutex::new((0, HashMap::new()))),
        })
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook();
    c.arg("-f")
        .arg(&s.file)
        .args(["drill", "book_visit", "-p", "day=tuesday", "--allow-local"])
        .args(extra);
    let out = tokio::task::spawn_blocking(move || c.output().expect("runs"))
        .await
        .expect("join");
    let n = server.received_requests().await.expect("recorded").len();
    assert!(n <= 9, "bounded: {n} requests");
    (out, s)
}

fn rows(stdout: &str) -> HashMap<String, String> {
    stdout
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let mark = parts.next()?;
            let name = parts.next()?;
            matches!(mark, "PASS" | "FAIL" | "SKIP" | "WARN")
                .then(|| (name.to_string(), mark.to_string()))
        })
        .collect()
}

#[tokio::test]
async fn a_careful_receiver_passes_every_drill() {
    let (out, _s) = drill(Kind::Careful, &[]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = rows(&stdout);
    for d in [
        "correct",
        "one-byte",
        "wrong-secret",
        "no-signature",
        "stale",
        "future",
        "reserialised",
        "replay",
        "retry",
    ] {
        assert_eq!(r.get(d).map(String::as_str), Some("PASS"), "{d}: {stdout}");
    }
    assert!(stdout.contains("refused every forgery"), "{stdout}");
    assert!(!stdout.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
}

#[tokio::test]
async fn a_receiver_that_skips_verification_fails_with_the_forgeries_named() {
    let (out, _s) = drill(Kind::SkipsVerification, &[]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let r = rows(&stdout);
    for d in [
        "one-byte",
        "wrong-secret",
        "no-signature",
        "stale",
        "future",
        "reserialised",
        "replay",
        "retry",
    ] {
        assert_eq!(r.get(d).map(String::as_str), Some("FAIL"), "{d}: {stdout}");
    }
    assert!(stdout.contains("ACCEPTED (200)"), "{stdout}");
}

#[tokio::test]
async fn a_receiver_that_ignores_the_timestamp_fails_stale_and_future_only() {
    let (out, _s) = drill(Kind::IgnoresTimestamp, &["--json"]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let doc: Value = serde_json::from_str(&stdout).expect("json");
    let failed: Vec<&str> = doc["drills"]
        .as_array()
        .expect("drills")
        .iter()
        .filter(|d| d["passed"] == false)
        .map(|d| d["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(failed, ["stale", "future"]);
    assert_eq!(doc["scheme"], "standard-webhooks");
}

#[tokio::test]
async fn a_receiver_that_acts_twice_fails_the_replay_and_the_retry() {
    let tmp = tempfile::tempdir().expect("tmp");
    let report = tmp.path().join("drill.xml");
    let spec = format!("junit={}", report.display());
    let (out, _s) = drill(Kind::ActsTwice, &["--report", &spec]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let r = rows(&stdout);
    assert_eq!(
        r.get("replay").map(String::as_str),
        Some("FAIL"),
        "{stdout}"
    );
    assert_eq!(r.get("retry").map(String::as_str), Some("FAIL"), "{stdout}");
    assert_eq!(r.get("stale").map(String::as_str), Some("PASS"), "{stdout}");
    assert!(stdout.contains("ACTED TWICE"), "{stdout}");
    let junit = std::fs::read_to_string(&report).expect("junit written");
    assert!(junit.contains("failures=\"2\""), "{junit}");
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn verify(capture: &PathBuf, extra: &[&str]) -> std::process::Output {
    voxhook()
        .args(["verify", "--secret", WHSEC, "--request"])
        .arg(capture)
        .args(extra)
        .output()
        .expect("runs")
}

/// A request signed the documented way: the Standard Webhooks headers over the raw body.
fn capture(body: &str, sent_body: &str, ts: i64) -> Vec<u8> {
    let ts = ts.to_string();
    let sig = sign_sw("msg_1", &ts, body.as_bytes());
    format!(
        "POST /book HTTP/1.1\r\nHost: api.example.com\r\nContent-Type: application/json\r\nwebhook-id: msg_1\r\nwebhook-timestamp: {ts}\r\nwebhook-signature: {sig}\r\nContent-Length: {}\r\n\r\n{sent_body}",
        sent_body.len()
    )
    .into_bytes()
}

#[test]
fn verify_says_in_one_line_why_a_capture_fails() {
    let dir = tempfile::tempdir().expect("tmp");
    let now = chrono::Utc::now().timestamp();
    let body = r#"{"day":"tuesday","name":"Zoë"}"#;
    let ok = write(dir.path(), "ok.http", &capture(body, body, now));
    let out = verify(&ok, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("verified with standard-webhooks"),
        "{stdout}"
    );
    // The same capture on standard input.
    let out = voxhook()
        .args(["verify", "--secret", WHSEC, "--request", "-"])
        .write_stdin(capture(body, body, now))
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let cases = [
        (
            capture(body, r#"{"day": "tuesday", "name": "Zoë"}"#, now),
            "re-serialised",
        ),
        (
            capture(body, r#"{"day":"tuesday","name":"Zo\u00eb"}"#, now),
            "non-ASCII was escaped",
        ),
        (
            capture(body, body, now - 900),
            "900s old (600s beyond the 300s tolerance)",
        ),
        (
            capture(body, r#"{"day":"monday","name":"Zoë"}"#, now),
            "a wrong secret, or the body was changed",
        ),
    ];
    // Judged at the time the captures were made: a second ticking over between the two
    // would make the stale one 901s old.
    let at = chrono::DateTime::from_timestamp(now, 0)
        .expect("time")
        .to_rfc3339();
    for (i, (bytes, why)) in cases.iter().enumerate() {
        let p = write(dir.path(), &format!("c{i}.http"), bytes);
        let out = verify(&p, &["--now", &at]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{why}: {stdout}");
        assert!(stdout.contains(why), "{why}: {stdout}");
    }
    // Header missing: the reason names the header.
    let text = String::from_utf8(capture(body, body, now)).expect("utf8");
    let renamed = text.replace("webhook-signature:", "webhook-sig:");
    let p = write(dir.path(), "renamed.http", renamed.as_bytes());
    let out = verify(&p, &["--scheme", "standard-webhooks"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("`webhook-signature` header is missing"),
        "{stdout}"
    );
    // A wrong secret in the `whsec_` form used raw by the signer.
    let ts = now.to_string();
    let mut m = Hmac::<Sha256>::new_from_slice(WHSEC.as_bytes()).expect("key");
    m.update(format!("msg_1.{ts}.{body}").as_bytes());
    let sig = format!("v1,{}", B64.encode(m.finalize().into_bytes()));
    let raw = format!(
        "POST /book HTTP/1.1\r\nHost: a\r\nwebhook-id: msg_1\r\nwebhook-timestamp: {ts}\r\nwebhook-signature: {sig}\r\n\r\n{body}"
    );
    let p = write(dir.path(), "raw-secret.http", raw.as_bytes());
    let out = verify(&p, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("secret's text, prefix and all"), "{stdout}");
}

#[test]
fn verify_refuses_bad_captures_with_exit_2() {
    let dir = tempfile::tempdir().expect("tmp");
    for (name, bytes, why) in [
        (
            "cut.http",
            &b"POST /b HTTP/1.1\r\nContent-Length: 50\r\n\r\n{\"a\":"[..],
            "cut off",
        ),
        (
            "nobody.http",
            &b"POST /b HTTP/1.1\r\nHost: a\r\n\r\n"[..],
            "no body",
        ),
        ("junk.http", &b"hello there\r\n\r\n"[..], "line 1"),
        ("empty.http", &b""[..], "empty"),
    ] {
        let p = write(dir.path(), name, bytes);
        let out = verify(&p, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(why), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name}: {stderr}");
    }
    let out = voxhook()
        .args([
            "verify",
            "--secret",
            "x",
            "--scheme",
            "nope",
            "--request",
            "x",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sign_prints_curl_headers_an_independent_hmac_agrees_with() {
    let body = r#"{"test": 2432232314}"#;
    let out = voxhook()
        .args([
            "sign",
            "--secret",
            WHSEC,
            "--now",
            "2021-02-26T15:02:10Z",
            body,
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let h: HashMap<String, String> = stdout
        .lines()
        .filter_map(|l| {
            l.strip_prefix("-H '")?
                .strip_suffix('\'')?
                .split_once(": ")
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    assert_eq!(h["webhook-timestamp"], "1614351730");
    assert_eq!(
        h["webhook-signature"],
        sign_sw(&h["webhook-id"], "1614351730", body.as_bytes())
    );
    assert!(!stdout.contains(WHSEC));
    // Standard input, byte for byte; JSON out.
    let out = voxhook()
        .args([
            "sign",
            "--platform",
            "bland",
            "--secret",
            "bland-secret",
            "--json",
            "-",
        ])
        .write_stdin("{\"a\":1}\n")
        .output()
        .expect("runs");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut m = Hmac::<Sha256>::new_from_slice(b"bland-secret").expect("key");
    m.update(b"{\"a\":1}\n");
    assert_eq!(
        doc["headers"]["X-Webhook-Signature"],
        hex::encode(m.finalize().into_bytes())
    );
}

#[test]
fn mock_log_captures_are_verified() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = write(
        dir.path(),
        "voxhook.yaml",
        b"version: 1\nactions:\n  - name: book_visit\n    description: Book a plumber visit. Use when the caller wants a visit booked.\n    webhook: { url: \"https://api.example.com/book\" }\n",
    );
    let log = dir.path().join("log.jsonl");
    let bin = assert_cmd::cargo::cargo_bin("voxhook");
    // Ends the mock server however the test ends.
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = std::process::Command::new(bin)
        .env("NO_COLOR", "1")
        .arg("-f")
        .arg(&file)
        .args(["mock", "--port", "0", "--log"])
        .arg(&log)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawns");
    let mut stdout = child.stdout.take().expect("stdout");
    let child = Kill(child);
    let mut first = String::new();
    {
        use std::io::Read;
        let mut byte = [0u8; 1];
        while !first.ends_with('\n') && stdout.read(&mut byte).unwrap_or(0) == 1 {
            first.push(byte[0] as char);
        }
    }
    let base = first.trim().rsplit(' ').next().expect("url").to_string();
    let body = r#"{"day":"tuesday"}"#;
    let ts = chrono::Utc::now().timestamp().to_string();
    let sig = sign_sw("msg_9", &ts, body.as_bytes());
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rt = tokio::runtime::Runtime::new().expect("rt");
    rt.block_on(async {
        let client = reqwest::Client::new();
        for b in [body, r#"{"day": "tuesday"}"#] {
            let r = client
                .post(format!("{base}/actions/book_visit"))
                .header("webhook-id", "msg_9")
                .header("webhook-timestamp", &ts)
                .header("webhook-signature", &sig)
                .body(b.to_string())
                .send()
                .await
                .expect("sends");
            assert_eq!(r.status(), 200);
        }
    });
    // The mock writes each line as it prints it; wait for both, newline included.
    for _ in 0..100 {
        if std::fs::read_to_string(&log)
            .unwrap_or_default()
            .matches('\n')
            .count()
            >= 2
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(child);
    let out = verify(&log, &["--json"]);
    let docs: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "verify printed no JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(docs[0]["verified"], true, "{docs}");
    assert_eq!(docs[1]["verified"], false, "{docs}");
    assert!(
        docs[1]["findings"][0]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("re-serialised"),
        "{docs}"
    );
}

#[test]
fn drill_stops_when_the_endpoint_is_not_there() {
    // A port nothing listens on: one attempt, exit 2, not nine failed drills.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let s = setup(&format!("http://127.0.0.1:{port}"));
    let out = voxhook()
        .arg("-f")
        .arg(&s.file)
        .args(["drill", "book_visit", "-p", "day=tuesday", "--allow-local"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the correct delivery got no answer"),
        "{stderr}"
    );
}
