//! Sending a [`RequestPlan`]: the policy check, a resolver that refuses private addresses
//! (so the connection only goes to addresses that were checked), one total deadline, and a
//! body read in chunks and cut at `max_response_size`.

use super::plan::RequestPlan;
use super::policy::{forbidden_ip, forbidden_name};
use crate::definition::Policy;
use crate::definition::units::{fmt_duration, fmt_size};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    pub version: String,
    pub headers: Vec<(String, String)>,
    #[serde(skip)]
    pub body: Vec<u8>,
    /// The body was longer than `max_response_size` and was cut there.
    pub truncated: bool,
    pub remote: Option<SocketAddr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    Policy,
    Connect,
    Tls,
    Timeout,
    Reset,
    Protocol,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SendError {
    pub kind: FailureKind,
    pub message: String,
}

/// One request and what came back.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub plan: RequestPlan,
    pub response: Option<Response>,
    pub error: Option<SendError>,
    pub elapsed: Duration,
}

#[derive(Debug, Clone, Default)]
pub struct SendOptions {
    /// `--allow-local`: loopback, private addresses and plain http are allowed.
    pub allow_local: bool,
    /// `--mock`: the URL points at our own in-process server; no policy applies.
    pub mock: bool,
    pub insecure: bool,
}

pub struct Sender {
    client: reqwest::Client,
    policy: Policy,
    opts: SendOptions,
}

/// Resolves names with the system resolver, then refuses the answer if any address is
/// private. hyper connects to exactly the addresses returned here, so a second DNS answer
/// cannot rebind the connection to a checked name.
struct PolicyResolver {
    check: bool,
}

impl reqwest::dns::Resolve for PolicyResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        let check = self.check;
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if check {
                for a in &addrs {
                    if let Some(reason) = forbidden_ip(a.ip()) {
                        let e: Box<dyn std::error::Error + Send + Sync> =
                            format!("refused: {host} resolves to {} ({reason})", a.ip()).into();
                        return Err(e);
                    }
                }
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

impl Sender {
    pub fn new(policy: &Policy, opts: SendOptions) -> Result<Self, String> {
        // reqwest is built without a bundled crypto provider; use ring (see README).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let check = !(opts.allow_local || opts.mock || policy.allow_private_networks);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .tls_backend_rustls()
            .tls_danger_accept_invalid_certs(opts.insecure)
            .dns_resolver(Arc::new(PolicyResolver { check }))
            .pool_max_idle_per_host(64)
            .build()
            .map_err(|e| format!("cannot start the HTTP client: {e}"))?;
        Ok(Sender {
            client,
            policy: policy.clone(),
            opts,
        })
    }

    /// Refuse what the platform would refuse; with --allow-local, say what it would refuse.
    /// Returns warnings to print, or the refusal.
    pub fn check(&self, plan: &RequestPlan) -> Result<Vec<String>, SendError> {
        let refuse = |m: String| SendError {
            kind: FailureKind::Policy,
            message: m,
        };
        if self.opts.mock {
            return Ok(Vec::new());
        }
        let mut warnings = Vec::new();
        let url = &plan.url;
        if !self.policy.allows_method(plan.method) {
            return Err(refuse(format!(
                "{} is not in policy.methods",
                plan.method.as_str()
            )));
        }
        let scheme = url.scheme();
        if scheme != "http" && scheme != "https" {
            return Err(refuse(format!("`{scheme}` URLs cannot be sent; use https")));
        }
        if scheme == "http" && self.policy.require_https {
            if self.opts.allow_local {
                warnings.push(format!(
                    "--allow-local: sending plain http to {url}; a platform would refuse this URL"
                ));
            } else {
                return Err(refuse(format!(
                    "{url} is plain http and the policy requires https (pass --allow-local to send it from your machine anyway)"
                )));
            }
        }
        if !self.policy.allow_private_networks {
            let reason = match url.host() {
                Some(url::Host::Ipv4(ip)) => forbidden_ip(ip.into()),
                Some(url::Host::Ipv6(ip)) => forbidden_ip(ip.into()),
                Some(url::Host::Domain(d)) => forbidden_name(d),
                None => Some("missing"),
            };
            if let Some(reason) = reason {
                let host = url.host_str().unwrap_or("");
                if self.opts.allow_local {
                    warnings.push(format!(
                        "--allow-local: {host} is {reason}; a platform would refuse this URL"
                    ));
                } else {
                    return Err(refuse(format!(
                        "{host} is {reason}; the platform cannot reach it (pass --allow-local to send it from your machine, or --mock)"
                    )));
                }
            }
        }
        // Dedupe: an http loopback URL gives two warnings that say the same thing.
        if warnings.len() > 1 {
            warnings.truncate(1);
        }
        Ok(warnings)
    }

    /// Send the plan and read the whole response within its deadline.
    pub async fn send(&self, plan: &RequestPlan) -> Exchange {
        let start = Instant::now();
        if let Err(e) = self.check(plan) {
            return Exchange {
                plan: plan.clone(),
                response: None,
                error: Some(e),
                elapsed: start.elapsed(),
            };
        }
        let deadline = plan.timeout;
        let result = tokio::time::timeout(deadline, self.exchange(plan)).await;
        let elapsed = start.elapsed();
        let (response, error) = match result {
            Err(_) => (
                None,
                Some(SendError {
                    kind: FailureKind::Timeout,
                    message: format!("timed out after {} (the timeout)", fmt_duration(deadline)),
                }),
            ),
            Ok(Ok(r)) => (Some(r), None),
            Ok(Err((partial, e))) => (partial, Some(e)),
        };
        Exchange {
            plan: plan.clone(),
            response,
            error,
            elapsed,
        }
    }

    async fn exchange(
        &self,
        plan: &RequestPlan,
    ) -> Result<Response, (Option<Response>, SendError)> {
        let method = reqwest::Method::from_bytes(plan.method.as_str().as_bytes())
            .unwrap_or(reqwest::Method::POST);
        let mut req = self.client.request(method, plan.url.clone());
        for (k, v) in &plan.headers {
            req = req.header(k.as_str(), v.as_str());
        }
        if let Some(b) = &plan.body {
            req = req.body(b.clone());
        }
        let mut resp = req.send().await.map_err(|e| (None, classify(&e)))?;
        let status = resp.status();
        let mut out = Response {
            status: status.as_u16(),
            reason: status.canonical_reason().unwrap_or("").to_string(),
            version: format!("{:?}", resp.version()),
            headers: resp
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: Vec::new(),
            truncated: false,
            remote: resp.remote_addr(),
        };
        let cap = plan.max_response_size as usize;
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    let room = cap.saturating_sub(out.body.len());
                    if chunk.len() > room {
                        out.body.extend_from_slice(&chunk[..room]);
                        out.truncated = true;
                        break;
                    }
                    out.body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => {
                    let mut err = classify(&e);
                    err.message = format!(
                        "the response body broke off after {}: {}",
                        fmt_size(out.body.len() as u64),
                        err.message
                    );
                    return Err((Some(out), err));
                }
            }
        }
        Ok(out)
    }
}

/// One line that says why a request failed, from reqwest's error chain.
fn classify(e: &reqwest::Error) -> SendError {
    let mut chain = Vec::new();
    let mut src: Option<&dyn std::error::Error> = Some(e);
    while let Some(s) = src {
        let t = s.to_string();
        if chain.last() != Some(&t) {
            chain.push(t);
        }
        src = s.source();
    }
    let deepest = chain.last().cloned().unwrap_or_default();
    let all = chain.join(": ").to_lowercase();
    let kind = if all.contains("refused:") {
        FailureKind::Policy
    } else if all.contains("certificate") || all.contains("tls") || all.contains("handshake") {
        FailureKind::Tls
    } else if e.is_timeout() {
        FailureKind::Timeout
    } else if all.contains("reset")
        || all.contains("connection closed")
        || all.contains("incomplete")
        || all.contains("broken pipe")
    {
        FailureKind::Reset
    } else if e.is_connect() {
        FailureKind::Connect
    } else {
        FailureKind::Protocol
    };
    let message = match kind {
        FailureKind::Policy => chain
            .iter()
            .find(|c| c.contains("refused:"))
            .cloned()
            .unwrap_or(deepest),
        FailureKind::Connect => format!("could not connect: {deepest}"),
        FailureKind::Tls => format!("TLS failed: {deepest} (--insecure skips verification)"),
        FailureKind::Reset => format!("the connection was reset: {deepest}"),
        _ => deepest,
    };
    SendError { kind, message }
}
