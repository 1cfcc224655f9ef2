//! Platform profiles (SPEC section 3) end to end: `voxhook test --platform P` against a
//! loopback server that records what it receives. Each signature is recomputed here from
//! the received bytes with the hmac crate, independently of voxhook's signer; each reply
//! contract is judged as the platform would.

use assert_cmd::Command;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const VAPI_SECRET: &str = "vapi-hmac-secret-31";
const RETELL_KEY: &str = "key_0123456789abcdef";
const ELEVEN_SECRET: &str = "wsec_eleven_secret_9";
const TWILIO_TOKEN: &str = "0123456789abcdef0123456789abcdef";
const BLAND_SECRET: &str = "bland-secret-5";

const FILE: &str = r#"version: 1
platform: @PLATFORM@
agent:
  id: agent_p1
actions:
  - name: check_order
    description: Check an order. Use when the caller asks where their order is.
    parameters:
      order_number: { type: string, required: true, pattern: '^ORD-\d{5}$' }
    webhook:
      url: @URI@/tool
      signing: { secret: "${env:VOXHOOK_P_SECRET}" }
      timeout: 3s
    fallback: Sorry, I can't look that up.
webhooks:
  pre_call:
    url: @URI@/pre
    timeout: 3s
    signing: { secret: "${env:VOXHOOK_P_SECRET}" }
    assign: { tier: "$.tier" }
  post_call:
    url: @URI@/post
    signing: { secret: "${env:VOXHOOK_P_SECRET}" }
"#;

struct Setup {
    _dir: tempfile::TempDir,
    file: PathBuf,
    secret: &'static str,
}

fn secret_of(platform: &str) -> &'static str {
    match platform {
        "vapi" => VAPI_SECRET,
        "retell" => RETELL_KEY,
        "elevenlabs" => ELEVEN_SECRET,
        "twilio" => TWILIO_TOKEN,
        _ => BLAND_SECRET,
    }
}

fn setup_with(text: &str, platform: &str, uri: &str) -> Setup {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("voxhook.yaml");
    std::fs::write(
        &file,
        text.replace("@URI@", uri).replace("@PLATFORM@", platform),
    )
    .expect("write");
    Setup {
        _dir: dir,
        file,
        secret: secret_of(platform),
    }
}

fn setup(platform: &str, uri: &str) -> Setup {
    setup_with(FILE, platform, uri)
}

fn voxhook(s: &Setup) -> Command {
    let mut c = Command::cargo_bin("voxhook").expect("bin");
    c.env("NO_COLOR", "1")
        .env("VOXHOOK_P_SECRET", s.secret)
        .arg("-f")
        .arg(&s.file)
        .timeout(Duration::from_secs(60));
    c
}

async fn run(mut cmd: Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("join")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(key).expect("key");
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

fn hmac_sha1(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<sha1::Sha1>::new_from_slice(key).expect("key");
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

fn header<'a>(r: &'a wiremock::Request, name: &str) -> &'a str {
    r.headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .expect("ascii")
}

/// One request to `path`, answered with `reply`; returns the command's output and the
/// request the server received.
async fn fire(
    platform: &str,
    target: &str,
    route: &str,
    reply: ResponseTemplate,
    extra: &[&str],
) -> (std::process::Output, wiremock::Request) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(reply)
        .mount(&server)
        .await;
    let s = setup(platform, &server.uri());
    let mut c = voxhook(&s);
    c.args(["test", target, "--allow-local", "--caller", "+14155552671"]);
    if target == "check_order" {
        c.args(["-p", "order_number=ORD-12345"]);
    }
    c.args(extra);
    let out = run(c).await;
    let mut reqs = server.received_requests().await.expect("recorded");
    assert_eq!(
        reqs.len(),
        1,
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    (out, reqs.remove(0))
}

fn vapi_results(id: &Value, result: Value) -> Value {
    json!({"results": [{"toolCallId": id, "result": result}]})
}

#[tokio::test]
async fn vapi_tool_call_is_vapis_envelope_signed_with_its_hmac_plan() {
    // The reply echoes the id voxhook sent; a responder reads it from the request.
    let server = MockServer::start().await;
    Mock::given(path("/tool"))
        .respond_with(|req: &wiremock::Request| {
            let body: Value = serde_json::from_slice(&req.body).expect("json");
            let id = body["message"]["toolCallList"][0]["id"].clone();
            ResponseTemplate::new(200).set_body_json(vapi_results(&id, json!("Shipped today")))
        })
        .mount(&server)
        .await;
    let s = setup("vapi", &server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--allow-local",
    ]);
    let out = run(c).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("the agent will hear: \"Shipped today\""),
        "{stdout}"
    );
    let req = &server.received_requests().await.expect("recorded")[0];
    let body: Value = serde_json::from_slice(&req.body).expect("json");
    let m = &body["message"];
    assert_eq!(m["type"], "tool-calls");
    assert_eq!(m["toolCallList"][0]["type"], "function");
    assert_eq!(m["toolCallList"][0]["function"]["name"], "check_order");
    // A JSON-encoded string, as Vapi's server SDK types `ToolCallFunction.arguments`.
    assert_eq!(
        m["toolCallList"][0]["function"]["arguments"],
        r#"{"order_number":"ORD-12345"}"#
    );
    assert_eq!(
        m["toolWithToolCallList"][0]["toolCall"],
        m["toolCallList"][0]
    );
    assert_eq!(m["call"]["type"], "inboundPhoneCall");
    for k in ["id", "orgId", "createdAt", "updatedAt"] {
        assert!(m["call"][k].is_string(), "call.{k}");
    }
    assert!(m["timestamp"].is_i64());
    // Compact JSON, exactly as signed: x-signature = hex HMAC-SHA256("{x-timestamp}.{body}").
    assert!(!text(&req.body).contains(": "));
    let ts = header(req, "x-timestamp");
    let mut signed = format!("{ts}.").into_bytes();
    signed.extend_from_slice(&req.body);
    assert_eq!(
        header(req, "x-signature"),
        hex::encode(hmac_sha256(VAPI_SECRET.as_bytes(), &signed))
    );
    assert!(!stdout.contains(VAPI_SECRET));
}

#[tokio::test]
async fn vapi_replies_the_agent_never_hears_fail_the_webhook() {
    let cases = [
        (
            ResponseTemplate::new(201).set_body_json(vapi_results(&json!("x"), json!("ok"))),
            "status 201",
        ),
        (
            ResponseTemplate::new(200)
                .set_body_json(vapi_results(&json!("call_other"), json!("ok"))),
            "no result has toolCallId",
        ),
        (
            ResponseTemplate::new(200).set_body_json(json!({"result": "ok"})),
            "no `results` array",
        ),
    ];
    for (reply, why) in cases {
        let (out, _) = fire("vapi", "check_order", "/tool", reply, &[]).await;
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{why}: {stdout}");
        assert!(stdout.contains("the agent hears nothing"), "{stdout}");
        assert!(stdout.contains(why), "{why}: {stdout}");
        assert!(
            stdout.contains("the agent says: \"Sorry, I can't look that up.\""),
            "{stdout}"
        );
    }
}

#[tokio::test]
async fn vapi_result_must_be_a_single_line_string() {
    for (result, why) in [
        (json!({"status": "shipped"}), "not a string"),
        (json!("line one\nline two"), "several lines"),
    ] {
        let server = MockServer::start().await;
        let r = result.clone();
        Mock::given(path("/tool"))
            .respond_with(move |req: &wiremock::Request| {
                let body: Value = serde_json::from_slice(&req.body).expect("json");
                let id = body["message"]["toolCallList"][0]["id"].clone();
                ResponseTemplate::new(200).set_body_json(vapi_results(&id, r.clone()))
            })
            .mount(&server)
            .await;
        let s = setup("vapi", &server.uri());
        let mut c = voxhook(&s);
        c.args([
            "test",
            "check_order",
            "-p",
            "order_number=ORD-12345",
            "--allow-local",
        ]);
        let out = run(c).await;
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}");
        assert!(stdout.contains(why), "{why}: {stdout}");
    }
}

#[tokio::test]
async fn vapi_assistant_request_assigns_variable_values() {
    let reply = ResponseTemplate::new(200).set_body_json(
        json!({"assistantId": "asst_1", "tier": "gold", "assistantOverrides": {"variableValues": {"customer_name": "Jane"}}}),
    );
    let (out, req) = fire("vapi", "pre_call", "/pre", reply, &[]).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("assigned: customer_name = \"Jane\""),
        "{stdout}"
    );
    assert!(stdout.contains("assigned: tier = \"gold\""), "{stdout}");
    let body: Value = serde_json::from_slice(&req.body).expect("json");
    assert_eq!(body["message"]["type"], "assistant-request");
    assert_eq!(
        body["message"]["call"]["customer"]["number"],
        "+14155552671"
    );
}

#[tokio::test]
async fn retell_function_call_and_its_signature() {
    let reply = ResponseTemplate::new(200).set_body_json(json!({"status": "shipped"}));
    let (out, req) = fire("retell", "check_order", "/tool", reply, &[]).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("the agent will hear: \"{\"status\":\"shipped\"}\""),
        "{stdout}"
    );
    let body: Value = serde_json::from_slice(&req.body).expect("json");
    assert_eq!(body["name"], "check_order");
    assert_eq!(body["args"], json!({"order_number": "ORD-12345"}));
    assert_eq!(body["call"]["call_type"], "phone_call");
    assert_eq!(body["call"]["from_number"], "+14155552671");
    assert_eq!(body["call"]["agent_id"], "agent_p1");
    // X-Retell-Signature: v=<ms>,d=<hex HMAC-SHA256(api key, body + ms)>.
    let sig = header(&req, "x-retell-signature");
    let (v, d) = sig
        .strip_prefix("v=")
        .and_then(|s| s.split_once(",d="))
        .expect("v=…,d=…");
    assert_eq!(v.len(), 13, "milliseconds: {v}");
    let mut signed = req.body.clone();
    signed.extend_from_slice(v.as_bytes());
    assert_eq!(d, hex::encode(hmac_sha256(RETELL_KEY.as_bytes(), &signed)));
}

#[tokio::test]
async fn retell_reply_over_15000_characters_is_not_heard() {
    let reply = ResponseTemplate::new(200).set_body_string("x".repeat(15_001));
    let (out, _) = fire("retell", "check_order", "/tool", reply, &[]).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("15001 characters"), "{stdout}");
}

#[tokio::test]
async fn retell_args_at_root_sends_the_arguments_alone() {
    let server = MockServer::start().await;
    Mock::given(path("/tool"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&server)
        .await;
    let file = FILE.replace(
        "    fallback: Sorry",
        "    args_at_root: true\n    fallback: Sorry",
    );
    let s = setup_with(&file, "retell", &server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--allow-local",
    ]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let req = &server.received_requests().await.expect("recorded")[0];
    assert_eq!(text(&req.body), r#"{"order_number":"ORD-12345"}"#);
}

#[tokio::test]
async fn elevenlabs_tool_sends_the_parameters_and_pre_call_needs_its_type() {
    let reply = ResponseTemplate::new(200).set_body_json(json!({"status": "shipped"}));
    let (out, req) = fire("elevenlabs", "check_order", "/tool", reply, &[]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&req.body), r#"{"order_number":"ORD-12345"}"#);

    let reply = ResponseTemplate::new(200).set_body_json(json!({"dynamic_variables": {"a": 1}}));
    let (out, req) = fire("elevenlabs", "pre_call", "/pre", reply, &[]).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("no `type`"), "{stdout}");
    let body: Value = serde_json::from_slice(&req.body).expect("json");
    assert_eq!(body["caller_id"], "+14155552671");
    assert_eq!(body["agent_id"], "agent_p1");
    assert!(body["called_number"].is_string() && body["call_sid"].is_string());
    // ElevenLabs-Signature: t=<s>,v0=<hex HMAC-SHA256("{t}.{body}")>.
    let sig = header(&req, "elevenlabs-signature");
    let (t, v0) = sig
        .strip_prefix("t=")
        .and_then(|s| s.split_once(",v0="))
        .expect("t=…,v0=…");
    assert_eq!(t.len(), 10, "seconds: {t}");
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(&req.body);
    assert_eq!(
        v0,
        hex::encode(hmac_sha256(ELEVEN_SECRET.as_bytes(), &signed))
    );

    let reply = ResponseTemplate::new(200).set_body_json(json!({
        "type": "conversation_initiation_client_data",
        "dynamic_variables": {"customer_name": "Jane"}
    }));
    let (out, _) = fire("elevenlabs", "pre_call", "/pre", reply, &[]).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("assigned: customer_name = \"Jane\""),
        "{stdout}"
    );
}

#[tokio::test]
async fn twilio_form_is_signed_for_the_public_url() {
    let server = MockServer::start().await;
    Mock::given(path("/pre"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw("<Response><Say>Hi</Say></Response>", "text/xml"),
        )
        .mount(&server)
        .await;
    // TwiML is no JSON: this voice request assigns nothing.
    let file = FILE.replace("    assign: { tier: \"$.tier\" }\n", "");
    let s = setup_with(&file, "twilio", &server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "pre_call",
        "--allow-local",
        "--caller",
        "+14155552671",
        "--public-url",
        "https://abc.ngrok.app",
    ]);
    let out = run(c).await;
    let req = server
        .received_requests()
        .await
        .expect("recorded")
        .remove(0);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert_eq!(
        header(&req, "content-type"),
        "application/x-www-form-urlencoded"
    );
    let mut form: Vec<(String, String)> = url::form_urlencoded::parse(&req.body)
        .into_owned()
        .collect();
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("From"), "+14155552671");
    assert_eq!(get("ApiVersion"), "2010-04-01");
    assert!(get("CallSid").starts_with("CA") && get("AccountSid").starts_with("AC"));
    form.sort();
    let mut signed = "https://abc.ngrok.app/pre".to_string();
    for (k, v) in &form {
        signed.push_str(k);
        signed.push_str(v);
    }
    assert_eq!(
        header(&req, "x-twilio-signature"),
        B64.encode(hmac_sha1(TWILIO_TOKEN.as_bytes(), signed.as_bytes()))
    );

    // The voice request wants TwiML: JSON back is a failed webhook.
    let reply = ResponseTemplate::new(200).set_body_json(json!({"ok": true}));
    let (out, _) = fire("twilio", "pre_call", "/pre", reply, &[]).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

#[tokio::test]
async fn twilio_json_body_signs_the_url_with_body_sha256() {
    let server = MockServer::start().await;
    Mock::given(path("/tool"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&server)
        .await;
    let file = FILE.replace(
        "      url: @URI@/tool\n",
        "      url: @URI@/tool\n      body: { order: \"{{order_number}}\" }\n",
    );
    let s = setup_with(&file, "twilio", &server.uri());
    let mut c = voxhook(&s);
    c.args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--allow-local",
    ]);
    let out = run(c).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let req = &server.received_requests().await.expect("recorded")[0];
    let digest = hex::encode(Sha256::digest(&req.body));
    assert_eq!(
        req.url.query(),
        Some(format!("bodySHA256={digest}").as_str())
    );
    // The URL as voxhook called it (wiremock rebuilds `req.url` without the port).
    let called = format!("{}/tool?bodySHA256={digest}", server.uri());
    assert_eq!(
        header(req, "x-twilio-signature"),
        B64.encode(hmac_sha1(TWILIO_TOKEN.as_bytes(), called.as_bytes()))
    );
}

#[tokio::test]
async fn bland_signs_the_body() {
    let reply = ResponseTemplate::new(200).set_body_json(json!({"status": "shipped"}));
    let (out, req) = fire("bland", "check_order", "/tool", reply, &[]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&req.body), r#"{"order_number":"ORD-12345"}"#);
    assert_eq!(
        header(&req, "x-webhook-signature"),
        hex::encode(hmac_sha256(BLAND_SECRET.as_bytes(), &req.body))
    );
}

#[test]
fn the_same_now_and_conversation_give_the_same_bytes() {
    for platform in ["vapi", "retell", "elevenlabs", "twilio", "bland"] {
        let s = setup(platform, "https://api.example.com");
        let once = || {
            let mut c = voxhook(&s);
            c.args([
                "test",
                "check_order",
                "-p",
                "order_number=ORD-12345",
                "--dry-run",
                "--json",
                "--show-secrets",
                "--now",
                "2026-03-24T09:00:00Z",
                "--var",
                "conversation_id=conv_1",
            ]);
            let out = c.output().expect("runs");
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            text(&out.stdout)
        };
        let first = once();
        assert_eq!(first, once(), "{platform}");
        let doc: Value = serde_json::from_str(&first).expect("json");
        assert_eq!(doc["request"]["platform"], platform);
        // ElevenLabs signs its system webhooks only; a tool call carries its auth headers.
        assert_eq!(
            doc["request"]["signed"].is_string(),
            platform != "elevenlabs",
            "{platform}"
        );
    }
}

#[test]
fn platform_flag_overrides_the_file() {
    let s = setup("voxhook", "https://api.example.com");
    let mut c = voxhook(&s);
    c.env("VOXHOOK_P_SECRET", VAPI_SECRET).args([
        "test",
        "check_order",
        "-p",
        "order_number=ORD-12345",
        "--dry-run",
        "--platform",
        "vapi",
    ]);
    let out = c.output().expect("runs");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains("\"type\":\"tool-calls\""), "{stdout}");
    assert!(stdout.contains("x-signature: ••••••"), "{stdout}");
}

#[test]
fn bad_platform_input_is_refused_with_its_place_and_nothing_is_sent() {
    // A scheme the platform does not use.
    let file = FILE.replace(
        "      signing: { secret: \"${env:VOXHOOK_P_SECRET}\" }\n      timeout: 3s\n    fallback",
        "      signing: { scheme: retell, secret: \"${env:VOXHOOK_P_SECRET}\" }\n      timeout: 3s\n    fallback",
    );
    let s = setup_with(&file, "vapi", "https://api.example.com");
    let mut c = voxhook(&s);
    c.args(["test", "check_order", "-p", "order_number=ORD-12345"]);
    let out = c.output().expect("runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("voxhook.yaml:12:26"), "{stderr}");
    assert!(stderr.contains("signing-platform"), "{stderr}");

    // An unknown platform in the file.
    let s = setup("vapii", "https://api.example.com");
    let mut c = voxhook(&s);
    c.args(["test", "check_order", "-p", "order_number=ORD-12345"]);
    let out = c.output().expect("runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("voxhook.yaml:2:11"), "{stderr}");
    assert!(stderr.contains("did you mean `vapi`?"), "{stderr}");

    // A Retell secret in Standard Webhooks' form.
    let s = setup("retell", "https://api.example.com");
    let mut c = voxhook(&s);
    c.env("VOXHOOK_P_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .args(["test", "check_order", "-p", "order_number=ORD-12345"]);
    let out = c.output().expect("runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("Retell API key"), "{stderr}");
    assert!(!stderr.contains("MfKQ9r8"), "{stderr}");

    // An unknown --platform.
    let mut c = voxhook(&s);
    c.args(["test", "check_order", "--platform", "vapy"]);
    let out = c.output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn each_platform_example_lints_clean_and_replays_against_its_mock() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/platforms");
    for platform in ["vapi", "retell", "elevenlabs", "twilio", "bland"] {
        let file = root.join(format!("{platform}.yaml"));
        let out = Command::cargo_bin("voxhook")
            .expect("bin")
            .env("NO_COLOR", "1")
            .arg("-f")
            .arg(&file)
            .args(["lint", "--deny-warnings"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
        let out = Command::cargo_bin("voxhook")
            .expect("bin")
            .env("NO_COLOR", "1")
            .arg("-f")
            .arg(&file)
            .arg("simulate")
            .arg(root.join("call.txt"))
            .args(["--mock", "--json"])
            .timeout(Duration::from_secs(60))
            .output()
            .expect("runs");
        let stdout = text(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{platform}: {stdout}{}",
            text(&out.stderr)
        );
        let events: Vec<Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect();
        let hooks: Vec<&Value> = events.iter().filter(|e| e["event"] == "webhook").collect();
        // Retell also announces `call_started`; ElevenLabs has no status webhook.
        let want = match platform {
            "retell" => 5,
            "elevenlabs" => 3,
            _ => 4,
        };
        assert_eq!(
            hooks.len(),
            want,
            "{platform}: pre_call, the tool, call_status, post_call"
        );
        for h in &hooks {
            assert_eq!(h["verdict"]["ok"], true, "{platform}: {h}");
        }
        let tool = hooks
            .iter()
            .find(|h| h["target"] == "check_order_status")
            .expect("tool");
        assert_eq!(
            tool["verdict"]["result"], "Shipped, arriving tomorrow",
            "{platform}"
        );
    }
}
