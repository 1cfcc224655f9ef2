//! Every lint rule has a file that trips it (at the place its first line names) and a file
//! that does not. A rule added without both files fails here.

use std::path::Path;
use voxhook::definition::load_bytes;
use voxhook::lint::{RULES, lint};

fn findings(path: &Path) -> Vec<voxhook::diag::Finding> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let loaded = load_bytes(path, &bytes);
    lint(&loaded, true)
}

#[test]
fn each_rule_trips_on_its_bad_file_and_not_on_its_good_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint");
    for rule in RULES {
        let bad = dir.join(format!("{}.bad.yaml", rule.code));
        let good = dir.join(format!("{}.good.yaml", rule.code));
        let text = std::fs::read_to_string(&bad)
            .unwrap_or_else(|_| panic!("missing fixture {}", bad.display()));
        let expected_at = text
            .lines()
            .next()
            .and_then(|l| l.split(" at ").nth(1))
            .map(|at| at.trim().to_string());
        let found = findings(&bad);
        let hit = found.iter().find(|f| f.code == rule.code);
        let Some(hit) = hit else {
            panic!(
                "{} did not trip on its bad file; found {:?}",
                rule.code, found
            );
        };
        if let Some(at) = expected_at {
            assert_eq!(
                format!("{}:{}", hit.span.line, hit.span.col),
                at,
                "{} at the wrong place",
                rule.code
            );
        }
        assert_eq!(hit.severity, rule.severity, "{} severity", rule.code);
        let clean = findings(&good);
        assert!(
            !clean.iter().any(|f| f.code == rule.code),
            "{} tripped on its good file: {:?}",
            rule.code,
            clean
        );
    }
}

#[test]
fn codes_are_unique_and_kebab_case() {
    let mut seen = std::collections::HashSet::new();
    for r in RULES {
        assert!(seen.insert(r.code), "duplicate code {}", r.code);
        assert!(
            r.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            r.code
        );
        assert!(!r.summary.is_empty());
    }
}

#[test]
fn example_file_lints_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("actions.example.yaml");
    let f = findings(&path);
    let unexpected: Vec<_> = f.iter().filter(|f| f.code != "env-unset").collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
}

#[test]
fn readme_documents_every_rule() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    for r in RULES {
        assert!(
            readme.contains(&format!("| `{}` |", r.code)),
            "README lacks a row for `{}`",
            r.code
        );
    }
}
