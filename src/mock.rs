//! The mock server shared by `voxhook mock`, `--mock` and tests: every action's and system
//! webhook's `mock:` rules on loopback, an action at `/actions/<name>`, a system webhook at
//! `/webhooks/<kind>`. Rules are tried in order; the first whose `when` matches answers.
//!
//! wiremock serves it at run time (see README): it is already in the tree for the tests, and
//! gives a complete HTTP/1.1 server, per-path routing, delays and custom responders.
//!
//! The server decides and records; it never prints. Each request it receives goes to its
//! log and, when asked, down a channel, and the command prints it (`voxhook mock`, `test -v`).
//! May import: `definition`, `webhook` (targets, value text). May not import: `output`,
//! `commands`, `cli`, `lint`.

use crate::definition::model::*;
use crate::webhook::plan::Target;
use serde_json::{Map, Value as Json, json};
use std::sync::{Arc, Mutex};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// A request the mock received, kept for printing.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub rule: String,
}

pub type Log = Arc<Mutex<Vec<Received>>>;

/// Where each received request is streamed as it arrives, besides the log.
pub type Feed = tokio::sync::mpsc::UnboundedSender<Received>;

struct Responder {
    target_name: String,
    /// The platform whose reply shape the answer takes, and which webhook this is.
    platform: Platform,
    kind: Option<SystemKind>,
    rules: Vec<MockRule>,
    log: Log,
    feed: Option<Feed>,
}

/// A request body as JSON: JSON as it is, a form as an object of its fields.
pub fn body_json(body: &[u8]) -> Json {
    if let Ok(j) = serde_json::from_slice::<Json>(body) {
        return j;
    }
    let text = String::from_utf8_lossy(body);
    if !body.is_empty() && text.contains('=') && !text.trim_start().starts_with('{') {
        return Json::Object(
            url::form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), Json::String(v.into_owned())))
                .collect(),
        );
    }
    Json::Null
}

/// Parameter values in a request: the arguments inside the platform's envelope (voxhook's
/// `parameters`, Vapi's `toolCallList`, Retell's `args`, …), plus the query string.
pub fn request_values(platform: Platform, body: &Json, query: Option<&str>) -> Map<String, Json> {
    let mut out = Map::new();
    let profile = crate::webhook::profile::profile(platform);
    if let Some(args) = (profile.arguments)(body) {
        out.extend(args);
    }
    if let Some(q) = query {
        for (k, v) in url::form_urlencoded::parse(q.as_bytes()) {
            out.entry(k.into_owned())
                .or_insert(Json::String(v.into_owned()));
        }
    }
    out
}

/// Does a rule's `when` hold for these values? Strings compare as text, so `42` matches "42".
pub fn matches(rule: &MockRule, values: &Map<String, Json>) -> bool {
    rule.when.iter().all(|(k, want)| {
        values
            .get(&k.value)
            .is_some_and(|got| got == &want.value || text(got) == text(&want.value))
    })
}

fn text(v: &Json) -> String {
    crate::webhook::render::value_text(v)
}

/// The response for a request: (rule label, status, headers, body, delay).
pub fn answer(
    rules: &[MockRule],
    values: &Map<String, Json>,
) -> (
    String,
    u16,
    Vec<(String, String)>,
    Json,
    Option<std::time::Duration>,
) {
    if rules.is_empty() {
        return (
            "default".into(),
            200,
            Vec::new(),
            json!({"success": true, "result": {}}),
            None,
        );
    }
    match rules.iter().enumerate().find(|(_, r)| matches(r, values)) {
        Some((i, r)) => (
            format!("mock #{} (line {})", i + 1, r.span.line),
            r.status,
            r.headers.clone(),
            r.body.clone().unwrap_or(Json::Null),
            r.delay,
        ),
        None => (
            "no rule matched".into(),
            404,
            Vec::new(),
            json!({"success": false, "error": "no mock rule matched"}),
            None,
        ),
    }
}

impl Respond for Responder {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let request = body_json(&req.body);
        let values = request_values(self.platform, &request, req.url.query());
        let (label, status, headers, body, delay) = answer(&self.rules, &values);
        // The rule's body, in the platform's reply shape (Vapi's `results`, …).
        let profile = crate::webhook::profile::profile(self.platform);
        let body = (profile.mock_reply)(self.kind, &request, body);
        let received = received(req, format!("{} -> {status} ({label})", self.target_name));
        if let Some(feed) = &self.feed {
            // The receiver is gone only when the command is ending.
            let _ = feed.send(received.clone());
        }
        if let Ok(mut log) = self.log.lock() {
            log.push(received);
        }
        let mut t = ResponseTemplate::new(status);
        let has_ct = headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
        for (k, v) in headers {
            t = t.insert_header(k.as_str(), v.as_str());
        }
        t = match body {
            Json::Null => t,
            Json::String(s) if has_ct => t.set_body_string(s),
            // TwiML.
            Json::String(s) if s.trim_start().starts_with('<') => {
                t.set_body_raw(s.into_bytes(), "text/xml")
            }
            other => t.set_body_raw(
                serde_json::to_vec(&other).unwrap_or_default(),
                "application/json",
            ),
        };
        if let Some(d) = delay {
            t = t.set_delay(d);
        }
        t
    }
}

pub struct Mocks {
    pub server: MockServer,
    pub log: Log,
}

impl Mocks {
    pub fn uri(&self) -> String {
        self.server.uri()
    }
}

/// Start the server for every target of the file. `listener` fixes the port (`voxhook mock`);
/// `feed` receives every request as it arrives.
pub async fn start(
    def: &Definition,
    listener: Option<std::net::TcpListener>,
    feed: Option<Feed>,
) -> Mocks {
    let mut builder = MockServer::builder().disable_request_recording();
    if let Some(l) = listener {
        builder = builder.listener(l);
    }
    let server = builder.start().await;
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let env = crate::definition::env::EnvSource {
        dotenv: def.dotenv.clone(),
    };
    let mut targets: Vec<Target> = def.actions.iter().map(Target::Action).collect();
    targets.extend(def.webhooks.iter().map(Target::System));
    for t in targets {
        let mut rules = t.mocks().to_vec();
        for r in &mut rules {
            if let Some(b) = &mut r.body {
                resolve_env(b, &env);
            }
        }
        let responder = Responder {
            target_name: t.name().to_string(),
            platform: def.platform_for(Some(t.owner())),
            kind: t.kind(),
            rules,
            log: log.clone(),
            feed: feed.clone(),
        };
        Mock::given(path(t.mock_path()))
            .respond_with(responder)
            .mount(&server)
            .await;
    }
    // Every request is recorded, a path no target answers on too (404).
    Mock::given(wiremock::matchers::any())
        .respond_with(Unmatched {
            log: log.clone(),
            feed,
        })
        .with_priority(u8::MAX)
        .mount(&server)
        .await;
    Mocks { server, log }
}

/// The answer for a path no target has: 404, recorded like the rest.
struct Unmatched {
    log: Log,
    feed: Option<Feed>,
}

impl Respond for Unmatched {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let received = received(req, "no target -> 404".into());
        if let Some(feed) = &self.feed {
            let _ = feed.send(received.clone());
        }
        if let Ok(mut log) = self.log.lock() {
            log.push(received);
        }
        ResponseTemplate::new(404).set_body_raw(
            r#"{"success":false,"error":"no action or webhook answers on this path"}"#,
            "application/json",
        )
    }
}

/// A request as the mock keeps it.
fn received(req: &Request, rule: String) -> Received {
    Received {
        method: req.method.to_string(),
        path: match req.url.query() {
            Some(q) => format!("{}?{q}", req.url.path()),
            None => req.url.path().to_string(),
        },
        headers: req
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: req.body.clone(),
        rule,
    }
}

/// `${env:…}` inside a mock body's strings, as everywhere else in the file.
fn resolve_env(v: &mut Json, env: &crate::definition::env::EnvSource) {
    match v {
        Json::String(s) if s.contains("${env:") => {
            if let Ok(t) = crate::definition::template::Template::parse(s) {
                if let Some(r) = crate::webhook::render::render_env_only(&t, env) {
                    *s = r;
                }
            }
        }
        Json::Array(items) => items.iter_mut().for_each(|i| resolve_env(i, env)),
        Json::Object(m) => m.values_mut().for_each(|i| resolve_env(i, env)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::yaml::Span;

    fn rule(when: &[(&str, Json)], status: u16) -> MockRule {
        MockRule {
            when: when
                .iter()
                .map(|(k, v)| {
                    (
                        Sp::new(k.to_string(), Span::default()),
                        Sp::new(v.clone(), Span::default()),
                    )
                })
                .collect(),
            status,
            headers: vec![],
            body: Some(json!({"s": status})),
            body_span: None,
            delay: None,
            span: Span::default(),
        }
    }

    #[test]
    fn first_matching_rule_wins() {
        let rules = vec![rule(&[("n", json!("ORD-00000"))], 404), rule(&[], 200)];
        let vox = Platform::Voxhook;
        let v = request_values(
            vox,
            &body_json(br#"{"action":"a","parameters":{"n":"ORD-00000"}}"#),
            None,
        );
        assert_eq!(answer(&rules, &v).1, 404);
        let v = request_values(
            vox,
            &body_json(br#"{"parameters":{"n":"ORD-12345"}}"#),
            None,
        );
        assert_eq!(answer(&rules, &v).1, 200);
        let v = request_values(
            Platform::Vapi,
            &body_json(
                br#"{"message":{"toolCallList":[{"function":{"arguments":{"n":"ORD-00000"}}}]}}"#,
            ),
            None,
        );
        assert_eq!(answer(&rules, &v).1, 404);
        let v = request_values(
            Platform::Twilio,
            &body_json(b"CallSid=CA1&n=ORD-00000"),
            None,
        );
        assert_eq!(answer(&rules, &v).1, 404);
        let v = request_values(vox, &body_json(b""), Some("n=ORD-00000"));
        assert_eq!(answer(&rules, &v).1, 404);
    }

    #[test]
    fn numbers_match_their_text() {
        let rules = vec![rule(&[("gallons", json!(40))], 201)];
        assert_eq!(
            answer(
                &rules,
                &request_values(Platform::Voxhook, &body_json(b""), Some("gallons=40"))
            )
            .1,
            201
        );
    }

    #[test]
    fn no_rules_means_default_success() {
        let (_, status, _, body, _) = answer(&[], &Map::new());
        assert_eq!(status, 200);
        assert_eq!(body, json!({"success": true, "result": {}}));
    }
}
