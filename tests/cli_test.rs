//! `voxhook test` against real loopback servers: wiremock for well-behaved endpoints, raw
//! tokio listeners for ones that hang, drip, reset, redirect or send 50 MB.

use assert_cmd::Command;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use std::path::PathBuf;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET_TOKEN: &str = "tok_very_secret_4242";
const WHSEC: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const HMAC_SECRET: &str = "hmac-shared-secret-77";

const FILE: &str = r#"version: 1
agent:
  id: agent_t1
  variables: { company: Acme }
defaults:
  auth: { bearer: "${env:VOXHOOK_T_TOKEN}" }
actions:
  - name: check_order
    description: Check an order. Use when the caller asks where their order is.
    parameters:
      order_number: { type: string, required: true, pattern: '^ORD-\d{5}$', description: Order number, example: ORD-12345 }
      qty: { type: integer, default: "2" }
      callback: { type: phone, default: "{{caller_phone}}" }
    webhook:
      url: @URI@/orders/status
      query: { locale: en-US }
      headers: { X-Company: "{{company}}" }
      signing: { scheme: standard-webhooks, secret: "${env:VOXHOOK_T_WHSEC}" }
      timeout: 2s
    response:
      assign: { order_status: "$.result.status" }
    fallback: Sorry, I can't look that up.
    tests:
      - name: shipped
        parameters: { order_number: ORD-12345 }
        expect: { status: 200, success: true, json: { "$.result.status": shipped }, max_latency: 5s }
      - name: wrong expectation
        parameters: { order_number: ORD-12345 }
        expect: { json: { "$.result.status": lost } }
    mock:
      - body: { success: true, result: { status: shipped } }
  - name: lookup_slot
    description: Find slots. Use when the caller asks about availability on a day.
    parameters:
      day: { type: date, required: true }
      note: { type: string }
    webhook:
      url: "@URI@/slots/{{note}}"
      method: GET
      auth: { basic: { username: rec, password: "${env:VOXHOOK_T_TOKEN}" } }
  - name: book
    description: Book a visit. Use when the caller wants to book a visit.
    parameters:
      email: { type: email, required: true }
      urgent: { type: boolean, default: "false" }
    webhook:
      url: @URI@/book
      body: { who: "{{email}}", urgent: "{{urgent}}", line: "{{company}} {{email}}" }
      signing: { scheme: hmac-sha256, secret: "${env:VOXHOOK_T_HMAC}", header: X-Signature }
      timeout: 500ms
    response: { envelope: false }
webhooks:
  pre_call:
    url: @URI@/pre
    assign: { customer_name: "$.name" }
"#;

struct Setup {
    _dir: tempfile::TempDir,
    file: PathBuf,
}

fn setup(uri: &str) -> Setup {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("voxhook.yaml");
    std::fs::write(&file, FILE.replace("@URI@", uri)).expect("write");
    Setup { _dir: dir, file }
}

fn voxhook(s: &Setup) -> Command {
    let mut c = Command::cargo_bin("voxhook").expect("bin");
    c.env("NO_COLOR", "1")
        .env("VOXHOOK_T_TOKEN", SECRET_TOKEN)
        .env("VOXHOOK_T_WHSEC", WHSEC)
        .env("VOXHOOK_T_HMAC", HMAC_SECRET)
        .arg("-f")
        .arg(&s.file)
        .timeout(Duration::from_secs(60));
    c
}

async fn run(cmd: Command) -> std::process::Output {
    let mut cmd = cmd;
    tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("join")
}

fn envelope_ok() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({"success": true, "result": {"status": "shipped"}}))
}

#[tokio::test]
async fn sends_exactly_the_platform_request_and_signs_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/orders/status"))
        .respond_with(envelope_ok())
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--allow-local",
        "--caller",
        "(415) 555-2671",
    ]);
    let out = run(c).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reqs = server.received_requests().await.expect("recorded");
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.url.query(), Some("locale=en-US"));
    let h = |k: &str| {
        r.headers
            .get(k)
            .map(|v| v.to_str().expect("ascii").to_string())
    };
    assert_eq!(
        h("authorization").as_deref(),
        Some(format!("Bearer {SECRET_TOKEN}").as_str())
    );
    assert_eq!(h("content-type").as_deref(), Some("application/json"));
    assert_eq!(h("x-company").as_deref(), Some("Acme"));
    let body: Value = serde_json::from_slice(&r.body).expect("json body");
    assert_eq!(body["action"], "check_order");
    assert_eq!(
        body["parameters"],
        json!({"order_number": "ORD-12345", "qty": 2, "callback": "+14155552671"})
    );
    assert_eq!(body["context"]["caller_phone"], "+14155552671");
    assert_eq!(body["context"]["agent_id"], "agent_t1");
    // The key order of the parameters is the file's.
    let text = String::from_utf8_lossy(&r.body);
    assert!(
        text.find("order_number") < text.find("qty") && text.find("qty") < text.find("callback"),
        "{text}"
    );
    // Verify the Standard Webhooks signature as a receiver would.
    let id = h("webhook-id").expect("id");
    let ts = h("webhook-timestamp").expect("ts");
    let sig = h("webhook-signature").expect("sig");
    let key = base64::engine::general_purpose::STANDARD
        .decode(WHSEC.trim_start_matches("whsec_"))
        .expect("key");
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("mac");
    mac.update(format!("{id}.{ts}.").as_bytes());
    mac.update(&r.body);
    let expected = format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    );
    assert_eq!(sig, expected);
    let now = chrono::Utc::now().timestamp();
    assert!((now - ts.parse::<i64>().expect("int")).abs() < 60);
    // The printout: request, raw response, verdict, secrets masked.
    assert!(stdout.contains("> POST "), "{stdout}");
    assert!(stdout.contains("< HTTP/1.1 200 OK"), "{stdout}");
    assert!(
        stdout.contains("assigned: order_status = \"shipped\""),
        "{stdout}"
    );
    assert!(stdout.contains("Authorization: Bearer ••••••"), "{stdout}");
    assert!(!stdout.contains(SECRET_TOKEN));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--allow-local"), "{stderr}");
}

#[tokio::test]
async fn get_puts_parameters_in_the_query_and_encodes_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(envelope_ok())
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "lookup_slot",
        "-p",
        "day=2026/03/25",
        "-p",
        "note=a b/c?d",
        "--allow-local",
    ]);
    let out = run(c).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let reqs = server.received_requests().await.expect("recorded");
    let r = &reqs[0];
    assert_eq!(r.url.path(), "/slots/a%20b%2Fc%3Fd");
    assert_eq!(r.url.query(), Some("day=2026-03-25&note=a+b%2Fc%3Fd"));
    assert!(r.body.is_empty());
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("rec:{SECRET_TOKEN}"));
    assert_eq!(
        r.headers
            .get("authorization")
            .expect("auth")
            .to_str()
            .expect("ascii"),
        format!("Basic {basic}")
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains(&basic));
}

#[tokio::test]
async fn custom_body_keeps_types_and_hmac_verifies() {
    let server = MockServer::start().await;
    Mock::given(path("/book"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "bk_1"})))
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "book",
        "--params",
        r#"{"email": "Jane@Example.COM", "urgent": "yes"}"#,
        "--allow-local",
    ]);
    let out = run(c).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let reqs = server.received_requests().await.expect("recorded");
    let r = &reqs[0];
    assert_eq!(
        r.body,
        br#"{"who":"jane@example.com","urgent":true,"line":"Acme jane@example.com"}"#.to_vec()
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(HMAC_SECRET.as_bytes()).expect("mac");
    mac.update(&r.body);
    let want = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(
        r.headers
            .get("x-signature")
            .expect("sig")
            .to_str()
            .expect("ascii"),
        want
    );
}

#[tokio::test]
async fn invalid_or_missing_values_send_nothing_and_exit_2() {
    let server = MockServer::start().await;
    Mock::given(path("/orders/status"))
        .respond_with(envelope_ok())
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=12",
        "--allow-local",
    ]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("parameter `order_number`"));
    let mut c = voxhook(&s);
    c.args(["test", "check_order", "--no-prompt", "--allow-local"]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("missing required parameter `order_number`")
    );
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_nmber=ORD-12345",
        "--allow-local",
    ]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `order_number`?"));
    let mut c = voxhook(&s);
    c.args(["test", "chek_order", "--allow-local"]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `check_order`?"));
    assert!(
        server
            .received_requests()
            .await
            .expect("recorded")
            .is_empty()
    );
}

#[tokio::test]
async fn unset_env_names_variable_and_place() {
    let s = setup("https://api.example.com");
    let mut c = voxhook(&s);
    c.env_remove("VOXHOOK_T_TOKEN").args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--dry-run",
    ]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("voxhook.yaml:6:20: environment variable `VOXHOOK_T_TOKEN` is not set"),
        "{err}"
    );
}

#[tokio::test]
async fn policy_refuses_local_urls_without_allow_local() {
    let server = MockServer::start().await;
    Mock::given(path("/orders/status"))
        .respond_with(envelope_ok())
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook(&s);
    c.args(["test", "check_order", "-p", "order_number=ORD-12345"]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("plain http") || err.contains("loopback"),
        "{err}"
    );
    assert!(err.contains("--allow-local"), "{err}");
    assert!(
        server
            .received_requests()
            .await
            .expect("recorded")
            .is_empty()
    );
}

#[tokio::test]
async fn dns_answers_are_checked_before_connecting() {
    // `localhost.` resolves to loopback; with https and a public-looking name the resolver
    // is what refuses it.
    let s = setup("https://localtest.invalid.localhost");
    let mut c = voxhook(&s);
    c.args(["test", "check_order", "-p", "order_number=ORD-12345"]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("localhost"));
}

#[tokio::test]
async fn dry_run_sends_nothing_and_masks_secrets_in_every_mode() {
    let server = MockServer::start().await;
    Mock::given(path("/orders/status"))
        .respond_with(envelope_ok())
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    for extra in [
        vec!["--dry-run"],
        vec!["--dry-run", "--json"],
        vec!["--json"],
        vec!["-v"],
        vec![],
    ] {
        let mut c = voxhook(&s);
        c.args([
            "test",
            "check_order",
            "-p",
            "order_number=ORD-12345",
            "--allow-local",
        ])
        .args(&extra);
        let out = run(c).await;
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !all.contains(SECRET_TOKEN),
            "{extra:?} leaked the token: {all}"
        );
        assert!(
            !all.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            "{extra:?} leaked the signing key"
        );
        assert!(all.contains("••••••"), "{extra:?}: {all}");
    }
    let sends = server.received_requests().await.expect("recorded").len();
    assert_eq!(sends, 3, "dry runs must not send");
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--allow-local",
        "--dry-run",
        "--show-secrets",
    ]);
    let out = run(c).await;
    assert!(String::from_utf8_lossy(&out.stdout).contains(SECRET_TOKEN));
}

#[tokio::test]
async fn json_output_has_request_response_error_verdict() {
    let server = MockServer::start().await;
    Mock::given(path("/orders/status"))
        .respond_with(envelope_ok())
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--allow-local",
        "--json",
    ]);
    let out = run(c).await;
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["request"]["method"], "POST");
    assert_eq!(v["response"]["status"], 200);
    assert_eq!(v["error"], Value::Null);
    assert_eq!(v["verdict"]["ok"], true);
    assert_eq!(v["verdict"]["assigned"]["order_status"], "shipped");
}

#[tokio::test]
async fn failures_exit_1_with_the_fallback() {
    let server = MockServer::start().await;
    Mock::given(path("/orders/status"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(path("/pre"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>"))
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--allow-local",
    ]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("✗ failed: 503 Service Unavailable"), "{text}");
    assert!(
        text.contains("the agent says: \"Sorry, I can't look that up.\""),
        "{text}"
    );
    let mut c = voxhook(&s);
    c.args(["test", "pre_call", "--allow-local"]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the body is not JSON"));
}

/// A raw server on 127.0.0.1:0 that does `behave` with each connection.
async fn raw_server<F, Fut>(behave: F) -> String
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let behave = std::sync::Arc::new(behave);
    tokio::spawn(async move {
        // Bounded: a test server never serves more than a few connections.
        for _ in 0..8 {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let b = behave.clone();
            tokio::spawn(async move { b(sock).await });
        }
    });
    format!("http://{addr}")
}

async fn read_request(sock: &mut tokio::net::TcpStream) {
    let mut buf = vec![0u8; 65536];
    let _ = tokio::time::timeout(Duration::from_millis(500), sock.read(&mut buf)).await;
}

async fn expect_failure(uri: String, target: &str, needle: &str) {
    let s = setup(&uri);
    let mut c = voxhook(&s);
    let mut args = vec!["test", target, "--allow-local"];
    if target == "check_order" {
        args.extend(["-p", "order_number=ORD-12345"]);
    } else {
        args.extend(["-p", "email=a@b.co"]);
    }
    c.args(&args);
    let out = run(c).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let failed = text
        .lines()
        .find(|l| l.starts_with("✗ failed:"))
        .unwrap_or_else(|| panic!("no verdict: {text}"));
    assert!(failed.contains(needle), "{failed}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[tokio::test]
async fn hanging_server_times_out() {
    let uri = raw_server(|mut s| async move {
        read_request(&mut s).await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    expect_failure(uri, "book", "timed out after 500ms").await;
}

#[tokio::test]
async fn dripping_server_hits_the_total_deadline() {
    let uri = raw_server(|mut s| async move {
        read_request(&mut s).await;
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").await;
        for _ in 0..100 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if s.write_all(b" ").await.is_err() {
                return;
            }
        }
    })
    .await;
    expect_failure(uri, "book", "timed out after 500ms").await;
}

#[tokio::test]
async fn reset_connection_is_one_line() {
    let uri = raw_server(|mut s| async move {
        read_request(&mut s).await;
        let _ = s.set_zero_linger();
        drop(s);
    })
    .await;
    expect_failure(uri, "check_order", "").await;
}

#[tokio::test]
async fn garbage_response_is_one_line() {
    let uri = raw_server(|mut s| async move {
        read_request(&mut s).await;
        let _ = s
            .write_all(b"\xff\xfe garbage that is not HTTP\r\n\r\n")
            .await;
    })
    .await;
    expect_failure(uri, "check_order", "").await;
}

#[tokio::test]
async fn invalid_utf8_body_is_reported_not_a_panic() {
    let uri = raw_server(|mut s| async move {
        read_request(&mut s).await;
        let _ = s
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n\xff\xfe\x00\x01")
            .await;
    })
    .await;
    expect_failure(uri, "check_order", "not JSON").await;
}

#[tokio::test]
async fn fifty_megabytes_are_cut_at_max_response_size() {
    let uri = raw_server(|mut s| async move {
        read_request(&mut s).await;
        let total = 50 * 1024 * 1024;
        let _ = s
            .write_all(format!("HTTP/1.1 200 OK\r\nContent-Length: {total}\r\n\r\n").as_bytes())
            .await;
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..(total / chunk.len()) {
            if s.write_all(&chunk).await.is_err() {
                return;
            }
        }
    })
    .await;
    expect_failure(uri, "check_order", "larger than policy.max_response_size").await;
}

#[tokio::test]
async fn redirects_are_shown_raw_not_followed() {
    let server = MockServer::start().await;
    Mock::given(path("/orders/status"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/elsewhere"))
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--allow-local",
    ]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("< HTTP/1.1 302 Found") && text.contains("< location: /elsewhere"),
        "{text}"
    );
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

#[tokio::test]
async fn all_runs_cases_and_writes_junit() {
    let s = setup("https://api.example.com");
    let junit = s.file.with_file_name("junit.xml");
    let mut c = voxhook(&s);
    c.args(["test", "--all", "--mock", "--report"])
        .arg(format!("junit={}", junit.display()));
    let out = run(c).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("PASS  check_order  shipped"), "{text}");
    assert!(
        text.contains("FAIL  check_order  wrong expectation"),
        "{text}"
    );
    assert!(
        text.contains("$.result.status is \"shipped\" (expected \"lost\")"),
        "{text}"
    );
    assert!(text.contains("1 passed, 1 failed"), "{text}");
    let xml = std::fs::read_to_string(&junit).expect("junit written");
    assert!(xml.starts_with("<?xml"));
    assert!(xml.contains("<testsuites name=\"voxhook\" tests=\"2\" failures=\"1\""));
    assert_eq!(xml.matches("<testcase ").count(), 2);
    assert_eq!(xml.matches("<failure ").count(), 1);
}

#[tokio::test]
async fn repeat_reports_percentiles() {
    let server = MockServer::start().await;
    Mock::given(path("/orders/status"))
        .respond_with(envelope_ok())
        .mount(&server)
        .await;
    let s = setup(&server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--allow-local",
        "--repeat",
        "20",
        "--concurrency",
        "4",
    ]);
    let out = run(c).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("20 requests, 0 errors"), "{text}");
    assert!(
        text.contains("p50")
            && text.contains("p90")
            && text.contains("p99")
            && text.contains("max"),
        "{text}"
    );
    assert_eq!(
        server.received_requests().await.expect("recorded").len(),
        20
    );
}

#[tokio::test]
async fn mock_flag_answers_from_the_file() {
    let s = setup("https://api.example.com");
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--mock",
    ]);
    let out = run(c).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("/actions/check_order?locale=en-US"), "{text}");
    assert!(
        text.contains("assigned: order_status = \"shipped\""),
        "{text}"
    );
}

#[test]
fn mock_command_serves_and_prints_requests() {
    use std::io::{BufRead, BufReader, Read, Write};
    let s = setup("https://api.example.com");
    let bin = assert_cmd::cargo::cargo_bin("voxhook");
    let mut child = std::process::Command::new(bin)
        .env("NO_COLOR", "1")
        .env("VOXHOOK_T_TOKEN", SECRET_TOKEN)
        .arg("-f")
        .arg(&s.file)
        .args(["mock", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    out.read_line(&mut first).expect("line");
    let addr = first
        .trim()
        .rsplit("http://")
        .next()
        .expect("addr")
        .to_string();
    let mut sock = std::net::TcpStream::connect(&addr).expect("connect");
    let body = r#"{"action":"check_order","parameters":{"order_number":"ORD-12345"}}"#;
    write!(
        sock,
        "POST /actions/check_order HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {SECRET_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut resp = String::new();
    sock.read_to_string(&mut resp).expect("read");
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(resp.contains(r#""status":"shipped""#), "{resp}");
    let mut printed = String::new();
    for _ in 0..12 {
        let mut l = String::new();
        if out.read_line(&mut l).unwrap_or(0) == 0 {
            break;
        }
        printed.push_str(&l);
        if l.contains("ORD-12345") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(printed.contains("POST /actions/check_order"), "{printed}");
    assert!(printed.contains("ORD-12345"), "{printed}");
    assert!(!printed.contains(SECRET_TOKEN), "{printed}");
}
