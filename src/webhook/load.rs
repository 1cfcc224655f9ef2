//! `test --repeat N --concurrency C`: what N sends of one request measured. Data only; the
//! printer is `output::table::load_stats`.

use crate::webhook::verdict;
use std::time::Duration;

#[derive(Debug, serde::Serialize)]
pub struct LoadStats {
    pub requests: usize,
    pub errors: usize,
    pub min_ms: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub throughput_rps: f64,
    pub over_budget: bool,
    pub over_timeout: bool,
    pub first_error: Option<String>,
}

impl LoadStats {
    pub fn from(
        results: &[(Duration, bool, Option<String>)],
        wall: Duration,
        timeout: Duration,
    ) -> Self {
        let mut ms: Vec<f64> = results.iter().map(|r| r.0.as_secs_f64() * 1000.0).collect();
        ms.sort_by(|a, b| a.total_cmp(b));
        let pct = |q: f64| -> f64 {
            if ms.is_empty() {
                return 0.0;
            }
            // Nearest-rank percentile.
            let rank = ((q * ms.len() as f64).ceil() as usize).clamp(1, ms.len());
            ms[rank - 1]
        };
        let p99 = pct(0.99);
        // Tenths of a millisecond: finer is noise.
        let r = |x: f64| (x * 10.0).round() / 10.0;
        LoadStats {
            requests: results.len(),
            errors: results.iter().filter(|r| !r.1).count(),
            min_ms: r(ms.first().copied().unwrap_or(0.0)),
            p50_ms: r(pct(0.50)),
            p90_ms: r(pct(0.90)),
            p99_ms: r(p99),
            max_ms: r(ms.last().copied().unwrap_or(0.0)),
            throughput_rps: r(results.len() as f64 / wall.as_secs_f64().max(1e-9)),
            over_budget: p99 > verdict::CALLER_BUDGET.as_secs_f64() * 1000.0,
            over_timeout: p99 > timeout.as_secs_f64() * 1000.0,
            first_error: results.iter().find_map(|r| r.2.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_nearest_rank() {
        let r: Vec<(Duration, bool, Option<String>)> = (1..=100)
            .map(|i| (Duration::from_millis(i), i != 50, None))
            .collect();
        let s = LoadStats::from(&r, Duration::from_secs(1), Duration::from_secs(10));
        assert_eq!(
            (s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms),
            (50.0, 90.0, 99.0, 100.0)
        );
        assert_eq!(s.errors, 1);
        assert!(!s.over_budget);
    }
}
