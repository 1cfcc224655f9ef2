//! JUnit XML for `test --all --report junit=PATH`, the shape CI systems read.

use crate::webhook::case::CaseResult;

fn esc(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The suite is named after the command that ran it (`voxhook test --all`, `voxhook drill X`).
pub fn render(suite: &str, results: &[CaseResult]) -> String {
    let failures = results.iter().filter(|r| !r.passed).count();
    let total_ms: u64 = results.iter().map(|r| r.latency_ms).sum();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<testsuites name=\"voxhook\" tests=\"{}\" failures=\"{failures}\" time=\"{:.3}\">\n",
        results.len(),
        total_ms as f64 / 1000.0
    ));
    s.push_str(&format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{:.3}\">\n",
        esc(suite),
        results.len(),
        total_ms as f64 / 1000.0
    ));
    for r in results {
        s.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
            esc(&r.target),
            esc(&r.name),
            r.latency_ms as f64 / 1000.0
        ));
        if r.passed {
            s.push_str("/>\n");
        } else {
            s.push_str(">\n");
            let msg = r.failures.join("; ");
            s.push_str(&format!(
                "      <failure message=\"{}\">{}</failure>\n",
                esc(&msg),
                esc(&r.failures.join("\n"))
            ));
            s.push_str("    </testcase>\n");
        }
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_counts() {
        let r = vec![
            CaseResult {
                target: "a".into(),
                name: "ok <1>".into(),
                passed: true,
                failures: vec![],
                status: Some(200),
                latency_ms: 5,
            },
            CaseResult {
                target: "a".into(),
                name: "bad".into(),
                passed: false,
                failures: vec!["status 500 & \"x\"".into()],
                status: Some(500),
                latency_ms: 7,
            },
        ];
        let x = render("voxhook test --all", &r);
        assert!(x.contains("tests=\"2\" failures=\"1\""));
        assert!(x.contains("name=\"ok &lt;1&gt;\""));
        assert!(x.contains("message=\"status 500 &amp; &quot;x&quot;\""));
    }
}
