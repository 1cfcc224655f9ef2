//! The receiving side's tools: `sign`'s curl lines, `verify`'s verdicts, `drill`'s table.

use super::Paint;
use crate::webhook::drill::DrillResult;
use crate::webhook::verify::Finding;
use serde_json::json;

/// `-H 'Name: value'` lines for curl, single quotes escaped for a POSIX shell.
pub fn curl_headers(headers: &[(String, String)]) -> String {
    let mut s = String::new();
    for (k, v) in headers {
        let line = format!("{k}: {v}").replace('\'', r"'\''");
        s.push_str(&format!("-H '{line}'\n"));
    }
    s
}

/// One line per capture: verified with which scheme, or why not (each scheme tried).
pub fn verify_human(file: &str, reports: &[(String, Vec<Finding>)], p: Paint) -> String {
    let mut s = String::new();
    let many = reports.len() > 1;
    for (place, findings) in reports {
        let at = if many && place != file {
            format!("{file}: {place}")
        } else {
            file.to_string()
        };
        match findings.iter().find(|f| f.verified) {
            Some(f) => s.push_str(&format!(
                "{} {at}: verified with {}: {}\n",
                p.green("✓"),
                f.scheme,
                f.reason
            )),
            None => {
                s.push_str(&format!("{} {at}: not verified\n", p.red("✗")));
                for f in findings {
                    s.push_str(&format!("  {}: {}\n", f.scheme, f.reason));
                }
            }
        }
    }
    s
}

pub fn verify_json(reports: &[(String, Vec<Finding>)]) -> String {
    let items: Vec<_> = reports
        .iter()
        .map(|(place, findings)| {
            json!({
                "place": place,
                "verified": findings.iter().any(|f| f.verified),
                "scheme": findings.iter().find(|f| f.verified).map(|f| f.scheme),
                "findings": findings,
            })
        })
        .collect();
    let doc = if items.len() == 1 {
        items.into_iter().next().unwrap_or_default()
    } else {
        json!(items)
    };
    format!("{doc}\n")
}

/// The drill table: each drill, what a careful endpoint does, what this one did.
pub fn drill_table(target: &str, scheme: &str, results: &[DrillResult], p: Paint) -> String {
    let nw = results
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let ew = results
        .iter()
        .map(|r| r.expect.text().len())
        .max()
        .unwrap_or(18)
        .max("A CAREFUL ENDPOINT".len());
    let mut s = format!("drill {target} ({scheme})\n");
    s.push_str(&format!(
        "{:<4}  {:<nw$}  {:<ew$}  {}\n",
        "", "DRILL", "A CAREFUL ENDPOINT", "THIS ENDPOINT"
    ));
    for r in results {
        let mark = match (&r.note, r.passed) {
            (Some(n), _) if n.starts_with("skipped") => p.dim("SKIP"),
            (Some(_), true) => p.yellow("WARN"),
            (_, true) => p.green("PASS"),
            (_, false) => p.red("FAIL"),
        };
        s.push_str(&format!(
            "{mark}  {:<nw$}  {:<ew$}  {}\n",
            r.name,
            r.expect.text(),
            r.got
        ));
        if let Some(n) = &r.note {
            s.push_str(&format!("      {}\n", p.dim(n)));
        }
    }
    let failed: Vec<&str> = results
        .iter()
        .filter(|r| !r.passed)
        .map(|r| r.name)
        .collect();
    let line = if failed.is_empty() {
        p.green("the endpoint refused every forgery and did not act twice")
    } else {
        p.red(&format!("the endpoint failed: {}", failed.join(", ")))
    };
    s.push_str(&line);
    s.push('\n');
    s
}

/// Drill results as `tests:` case results, for the JUnit report.
pub fn drill_cases(target: &str, results: &[DrillResult]) -> Vec<crate::webhook::case::CaseResult> {
    results
        .iter()
        .map(|r| crate::webhook::case::CaseResult {
            target: target.to_string(),
            name: r.name.to_string(),
            passed: r.passed,
            failures: if r.passed {
                Vec::new()
            } else {
                vec![format!("expected: {}; got: {}", r.expect.text(), r.got)]
            },
            status: r.status,
            latency_ms: r.latency_ms,
        })
        .collect()
}
