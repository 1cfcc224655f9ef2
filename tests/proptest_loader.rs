//! Arbitrary bytes and YAML-like text never panic the loader or lint.

use proptest::prelude::*;
use std::path::Path;

/// Lint and render every format, as `voxhook lint` would.
fn lint_and_render(loaded: &voxhook::definition::Loaded) {
    let findings = voxhook::lint::lint(loaded, true);
    let report = voxhook::output::diagnostics::Report {
        file: "p.yaml",
        source: &loaded.def.source,
        findings: &findings,
    };
    let mut out = Vec::new();
    voxhook::output::diagnostics::human(&mut out, &report, voxhook::output::Paint::new(true))
        .expect("human");
    voxhook::output::diagnostics::json(&mut out, &report).expect("json");
    voxhook::output::diagnostics::github(&mut out, &report).expect("github");
    voxhook::output::diagnostics::sarif(&mut out, &report).expect("sarif");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let loaded = voxhook::definition::load_bytes(Path::new("p.yaml"), &bytes);
        lint_and_render(&loaded);
    }

    #[test]
    fn yaml_like_text(text in r"(version: [0-9]\n)?(actions:\n(  - (name|description|webhook|url|triggers|parameters|phrases|entity|regex|schema|type): ?[\[\]{}a-z0-9:,'&*!|>\x22 -]{0,24}\n( {4,8}[a-z_]{1,10}: ?[\[\]{}a-z0-9:,'&*!|>\x22 {}$.-]{0,24}\n){0,6}){0,4})?(webhooks:\n  (pre_call|post_call|call_status):\n    (url|assign|events|body): [a-z{}\[\]$:.\x22 ]{0,20}\n)?") {
        let loaded = voxhook::definition::load_str(Path::new("p.yaml"), &text);
        lint_and_render(&loaded);
    }

    #[test]
    fn templates_never_panic(s in "\\PC{0,40}") {
        let _ = voxhook::definition::template::Template::parse(&s);
        let _ = voxhook::definition::units::parse_duration(&s);
        let _ = voxhook::definition::units::parse_size(&s);
    }
}
