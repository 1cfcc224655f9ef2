//! `cargo bench`: in-process timings of the two hot paths, lint over a large file and the
//! per-turn work of simulate (extraction + trigger engine). Whole-process comparisons with
//! other tools live in `bench/run.sh`. Plain `std::time`, to keep the build light.

use std::path::Path;
use std::time::{Duration, Instant};

fn file(n: usize) -> String {
    let mut s = String::from("version: 1\nactions:\n");
    for i in 0..n {
        s.push_str(&format!(
            "  - name: action_{i}\n    description: Handle request {i}. Use when the caller asks about topic {i}.\n    parameters:\n      ref_{i}: {{ type: string, required: true, pattern: '^R{i:05}-\\d{{3}}$', example: R{i:05}-123 }}\n    triggers:\n      - phrases: [\"topic {i} please\", \"about topic {i}\"]\n      - regex: '(?i)\\bticket {i}\\b'\n    webhook: {{ url: \"https://api.example.com/a/{i}\", timeout: 3s }}\n"
        ));
    }
    s
}

fn time<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    println!("{label:<48} best of {runs}: {best:?}");
}

fn main() {
    for n in [1_000, 10_000] {
        let src = file(n);
        time(&format!("load + lint, {n} actions"), 5, || {
            let loaded = voxhook::definition::load_str(Path::new("bench.yaml"), &src);
            voxhook::lint::lint(&loaded, false).len()
        });
        let def = voxhook::definition::load_str(Path::new("bench.yaml"), &src).def;
        let engine = voxhook::trigger::TriggerEngine::new(&def);
        let extractor = voxhook::extract::Extractor::new(&def, "US");
        let turns: Vec<String> = (0..10_000)
            .map(|t| match t % 3 {
                0 => format!("I have a question about topic {} please", t % n),
                1 => format!("my reference is R{:05}-123 and ticket {}", t % n, t % n),
                _ => "you can reach me at jane at example dot com tomorrow".to_string(),
            })
            .collect();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 24).unwrap_or_default();
        time(&format!("10,000 caller turns, {n} actions"), 3, || {
            let mut fired = 0;
            for turn in &turns {
                let e = extractor.extract(turn, today);
                fired += engine
                    .triggered(turn, &voxhook::text::normalise(turn), &e)
                    .len();
            }
            fired
        });
    }
}
