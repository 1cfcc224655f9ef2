//! The binary as a user runs it: lint formats, exit codes, hostile files, and the small
//! commands (schema, list, init, completions).

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn voxhook() -> Command {
    let mut c = Command::cargo_bin("voxhook").expect("binary");
    c.env_remove("VOXHOOK_FILE")
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60));
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

const SEVERAL: &str = r#"version: 1
defaults:
  timeout: 45s
actions:
  - name: Check-Order
    descripton: Orders
    description: Orders
    parameters:
      order_number: { type: strng, pattern: '^ORD-(\d{5}$' }
    triggers:
      - entity: emial
    webhook:
      url: http://localhost:8080/orders/{{ order_numbr }}
      auth: { bearer: sk_live_123 }
"#;

#[test]
fn example_file_is_clean_and_exits_0() {
    voxhook()
        .args(["-f", "actions.example.yaml", "lint"])
        .current_dir(root())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn human_output_snapshot() {
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "voxhook.yaml", SEVERAL.as_bytes());
    let out = voxhook()
        .arg("lint")
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(
        "lint_human_several_findings",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn each_finding_starts_with_file_line_col() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(dir.path(), "a.yaml", SEVERAL.as_bytes());
    let out = voxhook()
        .args(["lint", "-f"])
        .arg(&p)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let needle = format!(
        "{}:6:5: error[unknown-key]: unknown key `descripton` in an action",
        p.display()
    );
    assert!(text.contains(&needle), "{text}");
    assert!(text.contains("help: did you mean `description`?"), "{text}");
}

#[test]
fn json_format_fields() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(dir.path(), "a.yaml", SEVERAL.as_bytes());
    let out = voxhook()
        .args(["lint", "--format", "json", "-f"])
        .arg(&p)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let arr = v.as_array().expect("array");
    assert!(arr.len() >= 8);
    let first = &arr[0];
    for k in [
        "file", "line", "column", "severity", "code", "message", "help",
    ] {
        assert!(first.get(k).is_some(), "missing {k}");
    }
    assert!(
        arr.iter()
            .any(|f| f["code"] == "unknown-template" && f["line"] == 13 && f["column"] == 41)
    );
}

#[test]
fn github_format() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(dir.path(), "a.yaml", SEVERAL.as_bytes());
    let out = voxhook()
        .args(["lint", "--format", "github", "-f"])
        .arg(&p)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")),
        "{text}"
    );
    assert!(
        text.contains(",line=6,col=5,title=unknown-key::unknown key `descripton` in an action"),
        "{text}"
    );
}

#[test]
fn sarif_format() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(dir.path(), "a.yaml", SEVERAL.as_bytes());
    let out = voxhook()
        .args(["lint", "--format", "sarif", "-f"])
        .arg(&p)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "unknown-key"
        && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 6));
    assert!(
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .len()
            > 30
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(
        dir.path(),
        "w.yaml",
        b"version: 1\nactions:\n  - name: a\n    description: Orders\n    webhook: { url: \"https://api.example.com/a\" }\n",
    );
    voxhook()
        .args(["lint", "-f"])
        .arg(&p)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[vague-description]"));
    voxhook()
        .args(["lint", "--deny-warnings", "-f"])
        .arg(&p)
        .assert()
        .code(1);
}

#[test]
fn check_env_reports_unset_and_reads_dotenv() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(
        dir.path(),
        "e.yaml",
        b"version: 1\ndefaults:\n  auth: { bearer: \"${env:VOXHOOK_TEST_TOKEN_X}\" }\n",
    );
    voxhook().args(["lint", "-f"]).arg(&p).assert().code(0);
    voxhook()
        .args(["lint", "--check-env", "-f"])
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "3:20: error[env-unset]: environment variable `VOXHOOK_TEST_TOKEN_X` is not set",
        ));
    write(dir.path(), ".env", b"VOXHOOK_TEST_TOKEN_X=abc\n");
    voxhook()
        .args(["lint", "--check-env", "-f"])
        .arg(&p)
        .assert()
        .code(0);
}

#[test]
fn no_file_exits_2_naming_init_and_f() {
    let dir = tempfile::tempdir().expect("tmp");
    voxhook()
        .arg("lint")
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("voxhook init").and(predicate::str::contains("-f")));
}

#[test]
fn voxhook_file_env_is_used() {
    voxhook()
        .env("VOXHOOK_FILE", root().join("actions.example.yaml"))
        .arg("lint")
        .assert()
        .code(0);
}

#[test]
fn unparsable_file_is_a_located_finding() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(
        dir.path(),
        "s.yaml",
        b"version: 1\nactions: [\n  - name: x\n",
    );
    voxhook()
        .args(["lint", "-f"])
        .arg(&p)
        .assert()
        .code(1)
        .stdout(predicate::str::is_match(r"s\.yaml:\d+:\d+: error\[syntax\]").expect("re"));
}

#[test]
fn hostile_files_end_with_located_errors() {
    let dir = tempfile::tempdir().expect("tmp");
    // An alias bomb: a billion "x" if expanded.
    let mut bomb = String::from("version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let deep_flow = format!(
        "version: 1\nagent: {}{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let mut deep_block = String::from("version: 1\nagent:\n");
    for i in 1..2000 {
        deep_block.push_str(&" ".repeat(i));
        deep_block.push_str("a:\n");
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("bomb.yaml", bomb.into_bytes()),
        ("flow.yaml", deep_flow.into_bytes()),
        ("block.yaml", deep_block.into_bytes()),
        (
            "utf8.yaml",
            b"version: 1\nagent: { name: \"caf\xc3\x28\" }\n".to_vec(),
        ),
        ("nul.yaml", b"version: 1\x00\x00\n".to_vec()),
    ];
    for (name, bytes) in cases {
        let p = write(dir.path(), name, &bytes);
        voxhook()
            .args(["lint", "-f"])
            .arg(&p)
            .assert()
            .code(1)
            .stdout(predicate::str::is_match(format!(r"{name}:\d+:\d+: error\[")).expect("re"));
    }
}

#[test]
fn huge_file_is_refused_with_a_location() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("huge.yaml");
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(80 * 1024 * 1024).expect("sparse file");
    voxhook()
        .args(["lint", "-f"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("huge.yaml:1:1: the file is"));
}

#[test]
fn schema_validates_the_example_file() {
    let out = voxhook().arg("schema").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let example = std::fs::read_to_string(root().join("actions.example.yaml")).expect("example");
    assert!(example.starts_with("# yaml-language-server: $schema=./voxhook.schema.json"));
    // The schema file the example points at is the one `voxhook schema` prints.
    let kept = std::fs::read(root().join("voxhook.schema.json")).unwrap_or_default();
    assert!(
        kept == out.stdout,
        "voxhook.schema.json is stale: run `cargo run -- schema > voxhook.schema.json`"
    );
    let tree = voxhook::definition::yaml::parse(&example)
        .expect("parses")
        .to_json();
    let validator = jsonschema::draft202012::new(&schema).expect("compiles");
    let errors: Vec<String> = validator
        .iter_errors(&tree)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // And it refuses what lint refuses structurally.
    let bad =
        voxhook::definition::yaml::parse("version: 1\nactions:\n  - name: a\n    descripton: x\n")
            .expect("parses")
            .to_json();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn completions_in_repo_are_current() {
    use clap_complete::Shell;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let out = voxhook()
            .args(["completions", &shell.to_string()])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let name = voxhook::commands::completions::file_name(shell);
        let kept = std::fs::read(root().join("completions").join(name)).unwrap_or_default();
        assert!(
            kept == out.stdout,
            "completions/{name} is stale: run `cargo run -- completions {shell} > completions/{name}`"
        );
    }
}

#[test]
fn init_writes_a_clean_file_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tmp");
    voxhook()
        .args(["init", "--yes"])
        .current_dir(dir.path())
        .assert()
        .code(0);
    let text = std::fs::read_to_string(dir.path().join("voxhook.yaml")).expect("written");
    assert!(text.contains("version: 1"));
    voxhook()
        .arg("lint")
        .current_dir(dir.path())
        .assert()
        .code(0);
    std::fs::write(dir.path().join("voxhook.yaml"), "mine").expect("write");
    voxhook()
        .args(["init", "--yes"])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("voxhook.yaml")).expect("read"),
        "mine"
    );
    voxhook()
        .args(["init", "--yes", "--force"])
        .current_dir(dir.path())
        .assert()
        .code(0);
}

#[test]
fn list_shows_actions_and_webhooks() {
    voxhook()
        .args(["-f", "actions.example.yaml", "list"])
        .current_dir(root())
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains(
                "check_order_status  POST https://api.acmeplumbing.example/v1/orders/status",
            )
            .and(predicate::str::contains("order_number*: string"))
            .and(predicate::str::contains(
                "pre_call  POST https://crm.acmeplumbing.example/lookup",
            )),
        );
}

#[test]
fn usage_errors_exit_2() {
    voxhook()
        .arg("lint")
        .arg("--format")
        .arg("xml")
        .assert()
        .code(2);
    voxhook().arg("frobnicate").assert().code(2);
    voxhook()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("voxhook"));
}
