//! `tests:` cases: a case's expectations checked against its exchange, and the result that
//! `test --all` prints, writes as JUnit and returns as JSON.

use crate::definition::model::*;
use crate::definition::units::fmt_duration;
use crate::webhook::sender::Exchange;
use crate::webhook::verdict::Verdict;
use serde_json::Value as Json;

/// One `tests:` case and how it went.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseResult {
    pub target: String,
    pub name: String,
    pub passed: bool,
    pub failures: Vec<String>,
    pub status: Option<u16>,
    pub latency_ms: u64,
}

/// Check a case's expectations against its exchange.
pub fn check_case(case: &TestCase, ex: &Exchange, v: &Verdict) -> Vec<String> {
    let mut f = Vec::new();
    let status = ex.response.as_ref().map(|r| r.status);
    if let Some(e) = &ex.error {
        f.push(e.message.clone());
    }
    match case.expect.status {
        Some(want) => {
            if status != Some(want.value) {
                f.push(format!(
                    "status {} (expected {})",
                    status
                        .map(|s| s.to_string())
                        .unwrap_or("no response".into()),
                    want.value
                ));
            }
        }
        None => {
            if ex.error.is_none() && !v.ok {
                f.push(v.reason.clone().unwrap_or_default());
            }
        }
    }
    if let Some(want) = case.expect.success {
        if v.success != Some(want.value) {
            f.push(match v.success {
                Some(got) => format!("success {got} (expected {})", want.value),
                None => format!("no envelope `success` (expected {})", want.value),
            });
        }
    }
    if !case.expect.json.is_empty() {
        let body: Option<Json> = ex
            .response
            .as_ref()
            .and_then(|r| serde_json::from_slice(&r.body).ok());
        for (path, want) in &case.expect.json {
            let got = body.as_ref().and_then(|b| {
                serde_json_path::JsonPath::parse(&path.value)
                    .ok()
                    .and_then(|p| p.query(b).first().cloned())
            });
            let equal = got.as_ref().is_some_and(|g| {
                g == &want.value
                    || crate::webhook::render::value_text(g)
                        == crate::webhook::render::value_text(&want.value)
            });
            if !equal {
                f.push(format!(
                    "{} is {} (expected {})",
                    path.value,
                    got.map(|g| g.to_string()).unwrap_or("missing".into()),
                    want.value
                ));
            }
        }
    }
    if let Some(max) = case.expect.max_latency {
        if ex.elapsed > max.value {
            f.push(format!(
                "took {} (max_latency {})",
                fmt_duration(ex.elapsed),
                fmt_duration(max.value)
            ));
        }
    }
    f.retain(|s| !s.is_empty());
    f
}
