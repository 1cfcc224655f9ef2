//! Summary tables.

use super::Paint;
use crate::webhook::case::CaseResult;
use crate::webhook::load::LoadStats;

/// The `test --all` summary: one row per case, then the totals.
pub fn cases(results: &[CaseResult], p: Paint) -> String {
    let tw = results
        .iter()
        .map(|r| r.target.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let nw = results
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut s = format!(
        "{:<4}  {:<tw$}  {:<nw$}  {:>6}  {:>8}\n",
        "", "TARGET", "CASE", "STATUS", "LATENCY"
    );
    for r in results {
        let mark = if r.passed {
            p.green("PASS")
        } else {
            p.red("FAIL")
        };
        s.push_str(&format!(
            "{mark}  {:<tw$}  {:<nw$}  {:>6}  {:>6}ms\n",
            r.target,
            r.name,
            r.status.map(|x| x.to_string()).unwrap_or("-".into()),
            r.latency_ms
        ));
        for f in &r.failures {
            s.push_str(&format!("      {f}\n"));
        }
    }
    let failed = results.iter().filter(|r| !r.passed).count();
    let line = format!("{} passed, {} failed", results.len() - failed, failed);
    s.push_str(&if failed > 0 {
        p.red(&line)
    } else {
        p.green(&line)
    });
    s.push('\n');
    s
}

/// The `test --repeat` summary: counts, throughput, latency percentiles, the budget.
pub fn load_stats(st: &LoadStats, p: Paint) -> String {
    let mut s = format!(
        "{} requests, {} errors, {:.1} req/s\nlatency  min {:.1} ms  p50 {:.1} ms  p90 {:.1} ms  p99 {:.1} ms  max {:.1} ms\n",
        st.requests,
        st.errors,
        st.throughput_rps,
        st.min_ms,
        st.p50_ms,
        st.p90_ms,
        st.p99_ms,
        st.max_ms
    );
    if st.over_timeout {
        s.push_str(&p.red("p99 is over the timeout: callers hear the fallback\n"));
    } else if st.over_budget {
        s.push_str(&p.yellow("p99 is over the 5s a caller will wait in silence\n"));
    } else {
        s.push_str(&p.green("p99 is within the 5s caller guidance\n"));
    }
    if let Some(e) = &st.first_error {
        s.push_str(&format!("first error: {e}\n"));
    }
    s
}
