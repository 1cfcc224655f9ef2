//! Summary tables.

use super::Paint;
use crate::commands::test::CaseResult;

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
