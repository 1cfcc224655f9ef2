//! `voxhook simulate` replaying transcripts against wiremock servers: what each server
//! received, byte for byte, the lifecycle (pre_call, pending actions, call_status, post_call),
//! expectations and exit codes.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

const FILE: &str = r#"version: 1
agent: { id: agent_sim }
actions:
  - name: check_order
    description: Check an order. Use when the caller asks where their order is.
    parameters:
      order_number: { type: string, required: true, pattern: '^ORD-?\d{5}$' }
    triggers:
      - phrases: ["where is my order", "order status"]
    webhook: { url: "@URI@/orders" }
    response: { assign: { order_status: "$.result.status" } }
    fallback: Sorry, I can't check orders right now.
  - name: book
    description: Book a visit. Use when the caller wants to book a visit on a day.
    parameters:
      date: { type: date, required: true }
      email: { type: email, required: true }
    triggers:
      - phrases: ["book a visit"]
    webhook:
      url: "@URI@/book"
      body: { day: "{{date}}", email: "{{email}}", name: "{{customer_name}}" }
  - name: cancel
    description: Cancel an order. Use when the caller wants to cancel an order.
    triggers:
      - phrases: ["cancel my order"]
    webhook: { url: "@URI@/cancel" }
webhooks:
  pre_call:
    url: "@URI@/pre"
    assign: { customer_name: "$.name" }
    on_failure: @ONFAIL@
  call_status:
    url: "@URI@/status"
    events: [transfer_initiated]
  post_call:
    url: "@URI@/post"
    body: { seconds: "{{call_duration}}", fired: "{{actions_fired}}", transcript: "{{transcript}}" }
"#;

const CALL: &str = "# caller: (415) 555-2671
# started: 2026-03-24T09:00:00Z
[00:01] Agent: Acme, how can I help?
[00:04] Caller: Where is my order? It's ORD-12345.
[00:09] Caller: Order status please, ORD-12345 again.
[00:15] Caller: I also want to book a visit.
[00:20] Agent: What day, and what email?
[00:24] Caller: Tomorrow, and it's jane at example dot com.
[00:30] -- transfer_initiated
[00:31] -- hold
[00:42] Caller: bye
#> expect check_order order_number=ORD-12345
#> expect book date=2026-03-25 email=jane@example.com
#> expect-not cancel
";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

async fn server() -> MockServer {
    let s = MockServer::start().await;
    Mock::given(path("/pre"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "Jane"})))
        .mount(&s)
        .await;
    Mock::given(path("/orders"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"success": true, "result": {"status": "shipped"}})),
        )
        .mount(&s)
        .await;
    Mock::given(path("/book"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"success": true, "result": {}})),
        )
        .mount(&s)
        .await;
    Mock::given(path("/status"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&s)
        .await;
    Mock::given(path("/post"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&s)
        .await;
    s
}

async fn simulate(
    uri: &str,
    on_failure: &str,
    call: &str,
    extra: &[&str],
) -> (std::process::Output, Vec<Value>) {
    let file = FILE.replace("@URI@", uri).replace("@ONFAIL@", on_failure);
    simulate_file(&file, call, extra).await
}

/// `simulate --allow-local --json` of `call` against the action file `file`.
async fn simulate_file(
    file: &str,
    call: &str,
    extra: &[&str],
) -> (std::process::Output, Vec<Value>) {
    let dir = tempfile::tempdir().expect("tmp");
    let file = write(dir.path(), "voxhook.yaml", file);
    let t = write(dir.path(), "call.txt", call);
    let mut c = Command::cargo_bin("voxhook").expect("bin");
    c.env("NO_COLOR", "1")
        .arg("-f")
        .arg(&file)
        .arg("simulate")
        .arg(&t)
        .args(["--allow-local", "--json"])
        .args(extra);
    c.timeout(Duration::from_secs(60));
    let out = tokio::task::spawn_blocking(move || c.output().expect("runs"))
        .await
        .expect("join");
    let events = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    (out, events)
}

/// `voxhook -f actions.example.yaml simulate ARGS…` in the repository, as a user runs it.
fn example(args: &[&str], stdin: Option<Vec<u8>>) -> std::process::Output {
    let mut c = Command::cargo_bin("voxhook").expect("bin");
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(["-f", "actions.example.yaml", "simulate"])
        .args(args)
        .timeout(Duration::from_secs(60));
    if let Some(input) = stdin {
        c.write_stdin(input);
    }
    c.output().expect("runs")
}

/// The JSON Lines events of a run.
fn json_events(out: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn bodies(reqs: &[wiremock::Request], p: &str) -> Vec<String> {
    reqs.iter()
        .filter(|r| r.url.path() == p)
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect()
}

#[tokio::test]
async fn replays_the_call_and_servers_receive_exact_bytes() {
    let s = server().await;
    let (out, events) = simulate(&s.uri(), "continue", CALL, &[]).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conv = events[0]["conversation_id"]
        .as_str()
        .expect("conversation id")
        .to_string();
    let reqs = s.received_requests().await.expect("recorded");
    // The action fired once for its one parameter set, although triggered twice.
    assert_eq!(
        bodies(&reqs, "/orders"),
        vec![format!(
            r#"{{"action":"check_order","parameters":{{"order_number":"ORD-12345"}},"context":{{"agent_id":"agent_sim","conversation_id":"{conv}","contact_id":null,"caller_phone":"+14155552671"}}}}"#
        )]
    );
    // Pending until the date and email arrived; the pre-call assignment fills the name.
    assert_eq!(
        bodies(&reqs, "/book"),
        vec![r#"{"day":"2026-03-25","email":"jane@example.com","name":"Jane"}"#.to_string()]
    );
    // call_status only for the listed event.
    let status = bodies(&reqs, "/status");
    assert_eq!(status.len(), 1);
    assert!(
        status[0].starts_with(r#"{"event":"transfer_initiated","context":{"agent_id":"agent_sim""#),
        "{}",
        status[0]
    );
    // post_call: duration from the timestamps, the actions fired, the transcript.
    let post: Value = serde_json::from_str(&bodies(&reqs, "/post")[0]).expect("json");
    assert_eq!(post["seconds"], 42);
    assert_eq!(post["fired"], json!(["check_order", "book"]));
    assert!(
        post["transcript"]
            .as_str()
            .expect("text")
            .starts_with("Agent: Acme, how can I help?\nCaller: Where is my order?")
    );
    // The order of requests is the order of the call.
    let order: Vec<&str> = reqs.iter().map(|r| r.url.path()).collect();
    assert_eq!(order, vec!["/pre", "/orders", "/book", "/status", "/post"]);
    // The event stream.
    let kinds: Vec<&str> = events.iter().filter_map(|e| e["event"].as_str()).collect();
    for k in [
        "call_started",
        "turn",
        "entities",
        "trigger",
        "action_pending",
        "action_fired",
        "webhook",
        "expectation",
        "call_ended",
    ] {
        assert!(kinds.contains(&k), "no {k} event in {kinds:?}");
    }
    let pending = events
        .iter()
        .find(|e| e["event"] == "action_pending")
        .expect("pending");
    assert_eq!(pending["action"], "book");
    assert_eq!(pending["at"], 15.0);
    let ended = events.last().expect("events");
    assert_eq!(ended["event"], "call_ended");
    assert_eq!(ended["expectations_passed"], 3);
}

/// Expected values are typed as heard values are: an address in capitals still matches.
#[tokio::test]
async fn expected_values_are_typed_like_heard_ones() {
    let s = server().await;
    let (out, _) = simulate(
        &s.uri(),
        "continue",
        &CALL.replace("email=jane@example.com", "email=Jane@Example.COM"),
        &["--dry-run"],
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// An action fires once per distinct set of parameters; a repeat says why it did not fire.
#[tokio::test]
async fn a_repeat_with_the_same_parameters_is_marked_and_not_sent() {
    let s = server().await;
    let call = "[00:01] Caller: where is my order, it's ORD-12345\n[00:05] Caller: where is my order? ORD-12345\n[00:09] Caller: where is my order ORD-54321\n";
    let (out, events) = simulate(&s.uri(), "continue", call, &[]).await;
    assert_eq!(out.status.code(), Some(0));
    let repeats: Vec<bool> = events
        .iter()
        .filter(|e| e["event"] == "trigger" && e["action"] == "check_order")
        .map(|e| e["already_fired"] == true)
        .collect();
    assert_eq!(repeats, vec![false, true, false]);
    let reqs = s.received_requests().await.expect("recorded");
    assert_eq!(bodies(&reqs, "/orders").len(), 2, "once per parameter set");
}

#[tokio::test]
async fn failed_expectation_exits_1() {
    let s = server().await;
    let call = CALL.replace(
        "#> expect-not cancel",
        "#> expect-not check_order\n#> expect book date=2026-04-01",
    );
    let (out, events) = simulate(&s.uri(), "continue", &call, &[]).await;
    assert_eq!(out.status.code(), Some(1));
    let failed: Vec<&Value> = events
        .iter()
        .filter(|e| e["event"] == "expectation" && e["passed"] == false)
        .collect();
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0]["place"], "line 14");
    assert_eq!(failed[1]["place"], "line 15");
}

#[tokio::test]
async fn pre_call_block_ends_the_call() {
    let s = MockServer::start().await;
    Mock::given(path("/pre"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&s)
        .await;
    let (out, events) = simulate(&s.uri(), "block", CALL, &[]).await;
    assert_eq!(
        out.status.code(),
        Some(1),
        "expectations fail: nothing fired"
    );
    let reqs = s.received_requests().await.expect("recorded");
    assert_eq!(reqs.len(), 1, "only pre_call was sent");
    let ended = events
        .iter()
        .find(|e| e["event"] == "call_ended")
        .expect("ended");
    assert!(
        ended["reason"]
            .as_str()
            .expect("reason")
            .contains("blocked")
    );
}

#[tokio::test]
async fn pre_call_failure_with_continue_starts_with_empty_variables() {
    let s = server().await;
    let s2 = MockServer::start().await;
    for m in ["/orders", "/book", "/status", "/post"] {
        Mock::given(path(m))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"success": true, "result": {}})),
            )
            .mount(&s2)
            .await;
    }
    Mock::given(path("/pre"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&s2)
        .await;
    drop(s);
    let (out, _) = simulate(&s2.uri(), "continue", CALL, &[]).await;
    assert_eq!(out.status.code(), Some(0));
    let reqs = s2.received_requests().await.expect("recorded");
    assert_eq!(
        bodies(&reqs, "/book"),
        vec![r#"{"day":"2026-03-25","email":"jane@example.com","name":null}"#.to_string()]
    );
}

#[tokio::test]
async fn failed_action_gives_its_fallback_and_post_call_is_sent_once() {
    let s = MockServer::start().await;
    Mock::given(path("/orders"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&s)
        .await;
    for m in ["/pre", "/book", "/status"] {
        Mock::given(path(m))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"success": true, "result": {}})),
            )
            .mount(&s)
            .await;
    }
    Mock::given(path("/post"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&s)
        .await;
    let (_, events) = simulate(&s.uri(), "continue", CALL, &[]).await;
    let hook = events
        .iter()
        .find(|e| e["event"] == "webhook" && e["target"] == "check_order")
        .expect("webhook");
    assert_eq!(hook["verdict"]["ok"], false);
    assert_eq!(
        hook["verdict"]["fallback"],
        "Sorry, I can't check orders right now."
    );
    let reqs = s.received_requests().await.expect("recorded");
    assert_eq!(
        bodies(&reqs, "/post").len(),
        1,
        "post_call is never retried"
    );
}

#[tokio::test]
async fn dry_run_sends_nothing() {
    let s = server().await;
    let (out, events) = simulate(&s.uri(), "continue", CALL, &["--dry-run"]).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(s.received_requests().await.expect("recorded").is_empty());
    assert!(
        events
            .iter()
            .any(|e| e["event"] == "webhook" && e["dry_run"] == true && e["target"] == "book")
    );
}

#[tokio::test]
async fn unreadable_transcripts_exit_2_with_the_line() {
    let s = server().await;
    let (out, _) = simulate(
        &s.uri(),
        "continue",
        "[00:01] Agent: hi\n[00:02] Narrator: hello\n",
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("call.txt: line 2: unknown speaker `Narrator`"),
        "{err}"
    );
    assert!(s.received_requests().await.expect("recorded").is_empty());
}

/// The file is checked while the listener already builds its indexes: an error in it still
/// stops the replay before anything is printed or sent, and comes before transcript errors.
#[tokio::test]
async fn an_invalid_action_file_stops_the_replay_before_anything_is_sent() {
    let s = server().await;
    let broken = FILE
        .replace("@URI@", &s.uri())
        .replace("@ONFAIL@", "continue")
        .replace(r"'^ORD-?\d{5}$'", r"'^ORD-(\d{5}$'");
    for call in [CALL, "[00:01] Narrator: hello\n"] {
        let (out, _) = simulate_file(&broken, call, &[]).await;
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty(), "nothing printed");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("invalid-pattern"), "{err}");
        assert!(err.contains("has 1 error; nothing was sent"), "{err}");
    }
    assert!(s.received_requests().await.expect("recorded").is_empty());
}

/// A replay may fire any webhook, so an unset `${env:…}` anywhere in the file stops it before
/// the first request, even on an action this call never triggers.
#[tokio::test]
async fn an_unset_env_anywhere_stops_the_replay_before_the_first_request() {
    let s = server().await;
    let file = FILE.replace(
        r#"webhook: { url: "@URI@/cancel" }"#,
        r#"webhook: { url: "@URI@/cancel", headers: { X-Key: "${env:VOXHOOK_TEST_NEVER_SET}" } }"#,
    );
    assert_ne!(file, FILE);
    let file = file
        .replace("@URI@", &s.uri())
        .replace("@ONFAIL@", "continue");
    let (out, _) = simulate_file(&file, CALL, &[]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing printed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("environment variable `VOXHOOK_TEST_NEVER_SET` is not set"),
        "{err}"
    );
    assert!(s.received_requests().await.expect("recorded").is_empty());
}

#[tokio::test]
async fn expectations_must_name_real_actions_and_parameters() {
    let s = server().await;
    let (out, _) = simulate(
        &s.uri(),
        "continue",
        &CALL.replace("#> expect-not cancel", "#> expect-not cancle"),
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 14: the expectation names `cancle`, which is not an action; did you mean `cancel`?"), "{err}");
    let (out, _) = simulate(
        &s.uri(),
        "continue",
        &CALL.replace("order_number=ORD-12345", "order=ORD-12345"),
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    // A value that cannot be of its parameter's type is refused, with the line.
    let (out, _) = simulate(
        &s.uri(),
        "continue",
        &CALL.replace("date=2026-03-25", "date=tomorrow"),
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 13: `date=tomorrow`: `tomorrow` is not a date (YYYY-MM-DD)"),
        "{err}"
    );
    assert!(s.received_requests().await.expect("recorded").is_empty());
}

#[test]
fn example_transcripts_replay_with_mock() {
    for t in [
        "order-status.txt",
        "water-heater.vtt",
        "booking.srt",
        "callback.json",
    ] {
        let path = format!("examples/{t}");
        let out = example(&[&path, "--mock", "--now", "2026-03-24T09:00:00Z"], None);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{t}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("call ended"), "{t}: {text}");
        assert!(text.contains("⚡"), "{t}: nothing triggered: {text}");
    }
}

/// A cue's end is when the caller stopped talking: the call lasts until the last one ends,
/// not until it starts.
#[test]
fn call_duration_runs_to_the_last_cue_end() {
    for (t, secs) in [("water-heater.vtt", 18), ("booking.srt", 19)] {
        let path = format!("examples/{t}");
        let args = [
            &path,
            "--dry-run",
            "--json",
            "--now",
            "2026-03-24T09:00:00Z",
        ];
        let out = example(&args, None);
        let ended: Value = json_events(&out)
            .into_iter()
            .find(|e| e["event"] == "call_ended")
            .unwrap_or_else(|| {
                panic!(
                    "{t}: no call_ended: {}",
                    String::from_utf8_lossy(&out.stdout)
                )
            });
        assert_eq!(ended["duration_secs"], json!(secs), "{t}");
    }
}

#[test]
fn human_timeline_snapshot() {
    let out = example(&["examples/order-status.txt", "--mock"], None);
    assert_eq!(out.status.code(), Some(0));
    // The conversation id, the mock's port and latencies change every run.
    let text = String::from_utf8_lossy(&out.stdout);
    let uuid = regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .expect("re");
    let port = regex::Regex::new(r"127\.0\.0\.1:\d+").expect("re");
    let ms = regex::Regex::new(r", \d+ms").expect("re");
    let text = uuid.replace_all(&text, "<uuid>");
    let text = port.replace_all(&text, "127.0.0.1:<port>");
    let text = ms.replace_all(&text, ", <ms>");
    insta::assert_snapshot!("simulate_order_status_mock", text);
}

#[test]
fn an_unknown_region_is_refused() {
    let out = example(
        &["examples/order-status.txt", "--dry-run", "--region", "XX"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("`XX` is not a region code"));
}

/// `--var` stands in for the envelope's built-ins, and the envelope agrees with the templates.
#[test]
fn vars_set_the_envelope_built_ins() {
    let out = example(
        &[
            "examples/order-status.txt",
            "--dry-run",
            "--json",
            "--var",
            "caller_phone=(415) 555-2671",
            "--var",
            "contact_id=cus_9",
            "--var",
            "conversation_id=conv_1",
        ],
        None,
    );
    let events = json_events(&out);
    assert_eq!(events[0]["caller"], "+14155552671");
    assert_eq!(events[0]["conversation_id"], "conv_1");
    let context = events
        .iter()
        .find_map(|e| e["body"].get("context").cloned())
        .expect("an action envelope");
    assert_eq!(
        context,
        json!({"agent_id": "agent_7f3a", "conversation_id": "conv_1", "contact_id": "cus_9", "caller_phone": "+14155552671"})
    );
}

#[test]
fn a_transcript_from_standard_input() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let call = std::fs::read(root.join("examples/water-heater.vtt")).expect("example");
    let out = example(&["-", "--dry-run", "--json"], Some(call));
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(r#""event":"trigger""#), "{text}");
}
