//! `voxhook import` and `voxhook export` through the real binary: each platform's sample tool
//! JSON imports to a file that lints (no secret written), export then import gives the
//! actions back, and bad input exits 2 naming the JSON path with nothing written.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const PLATFORMS: [&str; 4] = ["vapi", "retell", "elevenlabs", "bland"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn voxhook() -> Command {
    let mut c = Command::cargo_bin("voxhook").expect("binary");
    c.env("NO_COLOR", "1").env_remove("VOXHOOK_FILE");
    c
}

/// A YAML file as JSON, through voxhook's own reader.
fn yaml_json(text: &str) -> Value {
    voxhook::definition::yaml::parse(text)
        .unwrap_or_else(|e| panic!("{}\n{text}", e.message))
        .to_json()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(c: &mut Command) -> Run {
    let out = c.output().expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn import(platform: &str, file: &Path) -> Run {
    run(voxhook()
        .arg("import")
        .arg("--platform")
        .arg(platform)
        .arg(file))
}

/// The secrets written into the sample JSON files: none may reach the YAML or the terminal.
const SAMPLE_SECRETS: [&str; 3] = [
    "sk_live_51HxAcmeExampleToken",
    "acme_live_8f2d1c",
    "acme_live_4d9a",
];

#[test]
fn each_platforms_sample_imports_to_a_file_that_lints_without_secrets() {
    let dir = tempfile::tempdir().expect("tmp");
    for p in PLATFORMS {
        // Relative to the repository, so the snapshots read the same on every machine.
        let sample = format!("examples/import/{p}.json");
        let out = dir.path().join(format!("{p}.yaml"));
        let mut r = run(voxhook()
            .current_dir(root())
            .args(["import", "--platform", p])
            .arg(&sample)
            .arg("-o")
            .arg(&out));
        r.stderr = r.stderr.replace(&out.display().to_string(), "OUT.yaml");
        assert_eq!(r.code, 0, "{p}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "-o writes the file, not stdout");
        let text = std::fs::read_to_string(&out).expect("written");
        for s in SAMPLE_SECRETS {
            assert!(!text.contains(s), "{p}: a secret in the YAML:\n{text}");
            assert!(
                !r.stderr.contains(s),
                "{p}: a secret in the notes:\n{}",
                r.stderr
            );
        }
        assert!(
            text.contains("${env:"),
            "{p}: credentials become placeholders"
        );
        let lint = run(voxhook().arg("-f").arg(&out).arg("lint"));
        assert_eq!(lint.code, 0, "{p}: the import lints:\n{}", lint.stdout);
        assert!(
            !lint.stdout.contains("error["),
            "{p}: no lint errors:\n{}",
            lint.stdout
        );
        insta::assert_snapshot!(format!("import_{p}_yaml"), text);
        insta::assert_snapshot!(format!("import_{p}_notes"), r.stderr);
    }
}

#[test]
fn export_then_import_gives_the_actions_back_on_every_platform() {
    let dir = tempfile::tempdir().expect("tmp");
    for p in PLATFORMS {
        let fixture = root().join(format!("tests/fixtures/tools/{p}.yaml"));
        let exported = run(voxhook()
            .arg("-f")
            .arg(&fixture)
            .args(["export", "--platform", p]));
        assert_eq!(exported.code, 0, "{p}: {}", exported.stderr);
        // Nothing lost: the only note is that placeholders stay placeholders.
        let lost: Vec<&str> = exported
            .stderr
            .lines()
            .filter(|l| !l.starts_with("note: export: `${env:…}` placeholders"))
            .collect();
        assert!(lost.is_empty(), "{p}: nothing lost:\n{}", exported.stderr);
        let json_path = dir.path().join(format!("{p}.json"));
        std::fs::write(&json_path, &exported.stdout).expect("write");
        let back = import(p, &json_path);
        assert_eq!(back.code, 0, "{p}: {}", back.stderr);
        let original = yaml_json(&std::fs::read_to_string(&fixture).expect("fixture"));
        let imported = yaml_json(&back.stdout);
        // Compared as text so the order of keys and parameters counts too.
        assert_eq!(
            serde_json::to_string_pretty(&imported["actions"]).expect("json"),
            serde_json::to_string_pretty(&original["actions"]).expect("json"),
            "{p}: import(export(x)) differs from x"
        );
        assert_eq!(imported["platform"], Value::from(p));
    }
}

#[test]
fn one_named_action_is_one_object_and_the_notes_say_what_the_platform_cannot_hold() {
    let file = root().join("actions.example.yaml");
    let r = run(voxhook().arg("-f").arg(&file).args([
        "export",
        "--platform",
        "vapi",
        "check_availability",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let tool: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(tool["type"], "function");
    assert_eq!(tool["function"]["name"], "check_availability");
    assert_eq!(
        tool["server"]["headers"]["X-Agent"], "{{agent_id}}",
        "the defaults' headers are the tool's"
    );
    assert!(tool["server"]["headers"].get("Authorization").is_none());
    assert!(r.stderr.contains("basic auth"), "{}", r.stderr);
    assert!(r.stderr.contains("`method: GET`"), "{}", r.stderr);
    assert!(r.stderr.contains("`{{date}}`"), "{}", r.stderr);

    let one = run(voxhook().arg("-f").arg(&file).args([
        "export",
        "--platform",
        "vapi",
        "check_order_status",
    ]));
    let tool: Value = serde_json::from_str(&one.stdout).expect("json");
    assert_eq!(
        tool["server"]["headers"]["Authorization"], "Bearer ${env:ACME_TOKEN}",
        "the defaults' auth, as a placeholder"
    );

    let all = run(voxhook()
        .arg("-f")
        .arg(&file)
        .args(["export", "--platform", "retell"]));
    assert_eq!(all.code, 0, "{}", all.stderr);
    let tools: Value = serde_json::from_str(&all.stdout).expect("json");
    assert_eq!(
        tools.as_array().map(Vec::len),
        Some(4),
        "every action, as a list"
    );
}

#[test]
fn show_secrets_writes_the_values_and_nothing_else_does() {
    let file = root().join("tests/fixtures/tools/retell.yaml");
    let hidden = run(voxhook()
        .arg("-f")
        .arg(&file)
        .env("ORDERS_KEY", "key-value-1234")
        .env("SLOTS_TOKEN", "token-value-5678")
        .args(["export", "--platform", "retell"]));
    assert!(!hidden.stdout.contains("key-value-1234"));
    assert!(hidden.stdout.contains("${env:ORDERS_KEY}"));
    let shown = run(voxhook()
        .arg("-f")
        .arg(&file)
        .env("ORDERS_KEY", "key-value-1234")
        .env("SLOTS_TOKEN", "token-value-5678")
        .args(["export", "--platform", "retell", "--show-secrets"]));
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let tools: Value = serde_json::from_str(&shown.stdout).expect("json");
    assert_eq!(tools[0]["headers"]["X-Api-Key"], "key-value-1234");
    assert_eq!(
        tools[1]["headers"]["Authorization"],
        "Bearer token-value-5678"
    );
    let unset = run(voxhook()
        .arg("-f")
        .arg(&file)
        .env_remove("ORDERS_KEY")
        .env("SLOTS_TOKEN", "x")
        .args(["export", "--platform", "retell", "--show-secrets"]));
    assert_eq!(unset.code, 2);
    assert!(
        unset.stderr.contains("retell.yaml:15:") && unset.stderr.contains("ORDERS_KEY"),
        "{}",
        unset.stderr
    );
}

#[test]
fn export_refuses_an_unknown_action_and_an_invalid_file() {
    let file = root().join("actions.example.yaml");
    let r = run(voxhook().arg("-f").arg(&file).args([
        "export",
        "--platform",
        "vapi",
        "check_order_staus",
    ]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no action named `check_order_staus`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("check_order_status"),
        "did you mean: {}",
        r.stderr
    );

    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "version: 1\nactions:\n  - name: x\n").expect("write");
    let r = run(voxhook()
        .arg("-f")
        .arg(&bad)
        .args(["export", "--platform", "vapi"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    // Export sends nothing anyway; the refusal says what did not happen.
    assert!(r.stderr.contains("nothing was exported"), "{}", r.stderr);
}

#[test]
fn bad_json_exits_2_naming_the_place_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("out.yaml");
    let deep = "[".repeat(200);
    let cases: [(&str, &str, &str); 12] = [
        ("vapi", "{\"type\": \"function\",", "bad.json:1:"),
        (
            "vapi",
            "{\"type\": \"function\", \"server\": {\"url\": \"https://x.example\"}}",
            "$.function: missing",
        ),
        (
            "vapi",
            "[{\"function\": {\"name\": \"a\"}, \"server\": {\"url\": \"https://x.example\", \"timeoutSeconds\": \"20\"}}]",
            "$[0].server.timeoutSeconds: expected a number, found a string",
        ),
        (
            "retell",
            "{\"general_tools\": [{\"type\": \"custom\", \"name\": \"a\"}]}",
            "$.general_tools[0].url: missing",
        ),
        (
            "elevenlabs",
            "{\"tool_config\": {\"type\": \"webhook\", \"name\": \"a\", \"description\": \"d\", \"api_schema\": {}}}",
            "$.tool_config.api_schema.url: missing",
        ),
        (
            "bland",
            "{\"tools\": [{\"tool\": {\"name\": \"a\", \"url\": \"https://x.example\"}}]}",
            "$.tools[0].tool.description: missing",
        ),
        ("retell", "{\"hello\": 1}", "$: not a Retell custom tool"),
        (
            "bland",
            "{\"name\": \"a\", \"description\": \"d\", \"url\": \"https://x.example\", \"method\": \"FETCH\"}",
            "$.method: `FETCH` is not a method Bland sends",
        ),
        (
            "bland",
            "{\"name\": \"a\", \"description\": \"d\", \"url\": \"https://x.example\", \"input_schema\": {\"properties\": 123}}",
            "$.input_schema.properties: expected an object, found a number",
        ),
        (
            "elevenlabs",
            "{\"tool_config\": {\"type\": \"webhook\", \"name\": \"a\", \"description\": \"d\", \"api_schema\": {\"url\": \"https://x.example\", \"request_body_schema\": {\"type\": \"str\"}}}}",
            "$.tool_config.api_schema.request_body_schema.type: `str`: the request body schema is an object",
        ),
        (
            "elevenlabs",
            "{\"agents\": [{\"agent_id\": \"ag_1\", \"name\": \"Support\"}]}",
            "$.agents[0]: an agent summary",
        ),
        ("vapi", deep.as_str(), "nested deeper than 128 levels"),
    ];
    for (p, text, expected) in cases {
        let input = dir.path().join("bad.json");
        std::fs::write(&input, text).expect("write");
        let r = run(voxhook()
            .args(["import", "--platform", p])
            .arg(&input)
            .arg("-o")
            .arg(&out));
        assert_eq!(r.code, 2, "{p} {text}: {}", r.stderr);
        assert!(
            r.stderr.contains(expected),
            "{p} {text}: wanted `{expected}` in:\n{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("bad.json"),
            "names the file: {}",
            r.stderr
        );
        assert!(!out.exists(), "nothing written for {text}");
    }
}

#[test]
fn import_reads_standard_input() {
    let sample = std::fs::read(root().join("examples/import/retell.json")).expect("sample");
    let r = voxhook()
        .args(["import", "--platform", "retell", "-"])
        .write_stdin(sample)
        .output()
        .expect("runs");
    assert_eq!(r.status.code(), Some(0));
    let text = String::from_utf8_lossy(&r.stdout);
    assert!(text.contains("name: check_order_status"), "{text}");
}

fn import_text(platform: &str, json: &str) -> Run {
    let dir = tempfile::tempdir().expect("tmp");
    let input = dir.path().join("in.json");
    std::fs::write(&input, json).expect("write");
    import(platform, &input)
}

#[test]
fn a_vapi_tool_without_a_server_calls_the_assistants() {
    let r = import_text(
        "vapi",
        r#"{"name": "Receptionist", "server": {"url": "https://hooks.example.com/vapi", "headers": {"X-Api-Key": "k_live_9"}},
            "model": {"provider": "openai", "model": "gpt-4o", "toolIds": ["tool_1"],
              "tools": [{"type": "function", "function": {"name": "lookup", "description": "Look up a customer. Use when the caller gives an account number."}}]}}"#,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("url: https://hooks.example.com/vapi"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("${env:LOOKUP_X_API_KEY}") && !r.stdout.contains("k_live_9"));
    assert!(r.stderr.contains("calls the assistant's"), "{}", r.stderr);
    assert!(r.stderr.contains("$.model.toolIds"), "{}", r.stderr);
}

#[test]
fn a_retell_list_of_llms_imports_every_custom_tool() {
    let r = import_text(
        "retell",
        r#"[{"llm_id": "a", "general_tools": [{"type": "custom", "name": "one", "description": "First tool. Use when the caller asks for one.", "url": "https://x.example/1"}]},
            {"llm_id": "b", "states": [{"name": "s", "tools": [{"type": "custom", "name": "two", "description": "Second tool. Use when the caller asks for two.", "url": "https://x.example/2?call={{call_id}}"}]}]}]"#,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("name: one") && r.stdout.contains("name: two"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("call: '{{conversation_id}}'"),
        "Retell's call_id is voxhook's conversation_id: {}",
        r.stdout
    );
}

#[test]
fn tools_shared_by_agents_import_once_and_different_ones_of_one_name_are_renamed() {
    let one = r#"{"type": "custom", "name": "one", "description": "First tool. Use when the caller asks for one.", "url": "https://x.example/1"}"#;
    let other = r#"{"type": "custom", "name": "one", "description": "Another first tool. Use when the caller asks for it.", "url": "https://x.example/other"}"#;
    let r = import_text(
        "retell",
        &format!(
            r#"[{{"llm_id": "a", "general_tools": [{one}]}}, {{"llm_id": "b", "general_tools": [{one}, {other}]}},
                {{"llm_id": "c", "general_tools": [{{"type": "custom", "name": "one_2", "description": "A tool of its own. Use when the caller asks for it.", "url": "https://x.example/own"}}]}}]"#
        ),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = yaml_json(&r.stdout);
    let names: Vec<&str> = doc["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    // The renamed one takes a name no tool has: the real `one_2` keeps its own.
    assert_eq!(names, ["one", "one_3", "one_2"], "{}", r.stdout);
    assert_eq!(
        doc["actions"][1]["webhook"]["url"],
        "https://x.example/other"
    );
    assert!(
        r.stderr.contains(
            "$[1].general_tools[0]: the same tool as $[0].general_tools[0]: imported once"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("imported as `one_3`"), "{}", r.stderr);
}

#[test]
fn one_credential_header_of_one_name_is_imported_and_the_other_said() {
    // Vapi's inline `secret` and an X-Vapi-Secret header; URL credentials and an
    // Authorization header: each pair is one header on the wire, so one is kept.
    let r = import_text(
        "vapi",
        r#"[{"type": "function", "function": {"name": "a", "description": "Look up a booking by its number. Use when the caller asks about a booking."},
             "server": {"url": "https://api.example.com/a", "secret": "s3cr3t_one", "headers": {"x-vapi-secret": "s3cr3t_two"}}},
            {"type": "function", "function": {"name": "b", "description": "Look up a booking by its number. Use when the caller asks about a booking."},
             "server": {"url": "https://u:pw_three@api.example.com/b", "headers": {"Authorization": "Bearer tok_four"}}}]"#,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = yaml_json(&r.stdout);
    assert_eq!(
        doc["actions"][0]["webhook"]["auth"],
        serde_json::json!({"header": {"name": "x-vapi-secret", "value": "${env:A_X_VAPI_SECRET}"}})
    );
    assert!(
        doc["actions"][0]["webhook"].get("headers").is_none(),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("$[0].server.secret: not imported"),
        "{}",
        r.stderr
    );
    assert_eq!(
        doc["actions"][1]["webhook"]["auth"],
        serde_json::json!({"bearer": "${env:B_TOKEN}"})
    );
    assert!(!r.stderr.contains("B_USERNAME"), "{}", r.stderr);
    for secret in ["s3cr3t_one", "s3cr3t_two", "pw_three", "tok_four"] {
        assert!(!r.stdout.contains(secret) && !r.stderr.contains(secret));
    }
}

#[test]
fn credentials_in_a_bland_body_become_placeholders_and_elevenlabs_agent_lists_import() {
    let r = import_text(
        "bland",
        r#"{"name": "a", "description": "Look up a booking by its number. Use when the caller asks about a booking.", "url": "https://x.example/a", "method": "POST",
            "body": {"api_key": "SECRET_B2", "nested": {"client_secret": "SECRET_B3", "sort_key": "created"}, "id": "{{input.id}}", "password": 424242},
            "input_schema": {"properties": {"id": "the booking number"}}}"#,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("SECRET_B") && !r.stderr.contains("SECRET_B"));
    let doc = yaml_json(&r.stdout);
    let body = &doc["actions"][0]["webhook"]["body"];
    assert_eq!(body["api_key"], "${env:A_API_KEY}", "{body}");
    assert_eq!(body["nested"]["client_secret"], "${env:A_CLIENT_SECRET}");
    assert_eq!(body["nested"]["sort_key"], "created", "data stays");
    assert_eq!(
        body["password"], "${env:A_PASSWORD}",
        "a number is a secret too"
    );
    assert!(!r.stdout.contains("424242"));
    assert!(
        r.stderr
            .contains("$.body.nested.client_secret: a credential"),
        "{}",
        r.stderr
    );

    let agent = |tool: &str| {
        format!(
            r#"{{"conversation_config": {{"agent": {{"prompt": {{"tools": [{{"type": "webhook", "name": "{tool}", "description": "Look up a booking by its number. Use when the caller asks about a booking.", "api_schema": {{"url": "https://x.example/{tool}"}}}}]}}}}}}}}"#
        )
    };
    let r = import_text(
        "elevenlabs",
        &format!("[{}, {}]", agent("one"), agent("two")),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("name: one") && r.stdout.contains("name: two"),
        "{}",
        r.stdout
    );
}

#[test]
fn data_keys_stay_paths_that_are_not_one_value_are_said_and_a_bom_is_not_json() {
    let r = import_text(
        "retell",
        r#"{"type": "custom", "name": "lookup", "description": "Look up a booking by its number. Use when the caller asks about a booking.",
            "url": "https://x.example/l?sort_key=name&key=k_live_1", "query_params": {"token_type": "bearer"},
            "response_variables": {"first": "items[0].id", "every": "items[*].id", "plan": "data['plan name']"}}"#,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = yaml_json(&r.stdout);
    let w = &doc["actions"][0]["webhook"];
    assert_eq!(w["query"]["sort_key"], "name", "data: {}", r.stdout);
    assert_eq!(w["query"]["token_type"], "bearer", "data: {}", r.stdout);
    assert_eq!(w["query"]["key"], "${env:LOOKUP_KEY}", "Google's ?key=");
    assert!(!r.stdout.contains("k_live_1") && !r.stderr.contains("k_live_1"));
    let assign = &doc["actions"][0]["response"]["assign"];
    assert_eq!(assign["first"], "$.items[0].id");
    assert_eq!(assign["plan"], "$.data['plan name']");
    assert!(assign.get("every").is_none(), "{}", r.stdout);
    assert!(
        r.stderr.contains(
            "$.response_variables.every: not imported: `items[*].id` is not a path to one value"
        ),
        "{}",
        r.stderr
    );

    let dir = tempfile::tempdir().expect("tmp");
    let bom = dir.path().join("bom.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(root().join("examples/import/vapi.json")).expect("sample"));
    std::fs::write(&bom, &bytes).expect("write");
    let r = import("vapi", &bom);
    assert_eq!(r.code, 0, "a BOM is not part of the JSON: {}", r.stderr);
    std::fs::write(&bom, b"{\"a\": \"\xFF\"}").expect("write");
    let r = import("vapi", &bom);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bom.json:1:8: not UTF-8"), "{}", r.stderr);
}

#[test]
fn bland_input_templates_are_voxhooks_everywhere_and_a_whole_input_field_is_left_out_alone() {
    let r = import_text(
        "bland",
        r#"{"name": "check_stock", "description": "Check stock of an item. Use when the caller asks if an item is in stock.",
            "url": "https://x.example/inventory/{{input.sku}}", "method": "POST",
            "headers": {"X-Order": "{{input.sku}}"},
            "body": {"sku": "{{input.sku}}", "all": "{{input}}", "from": "{{from}}"},
            "input_schema": {"type": "object", "properties": {"sku": {"type": "string", "description": "Item code"}}, "required": ["sku"]}}"#,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("url: 'https://x.example/inventory/{{sku}}'"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("X-Order: '{{sku}}'"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("body: { sku: '{{sku}}', from: '{{caller_phone}}' }"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("$.body.all"), "{}", r.stderr);
}

#[test]
fn export_keeps_timeouts_within_what_the_platform_takes_and_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("voxhook.yaml");
    std::fs::write(
        &file,
        "version: 1\nplatform: elevenlabs\nactions:\n  - name: quick\n    description: A quick lookup. Use when the caller asks for a quick one.\n    webhook: { url: https://x.example/q, timeout: 3s }\n    schema:\n      type: object\n      properties:\n        a: { $ref: '#/$defs/a' }\n        b: { type: string }\n        c: { oneOf: [{ type: string }, { type: integer }] }\n      $defs: { a: { type: string } }\n",
    )
    .expect("write");
    let lint = run(voxhook().arg("-f").arg(&file).arg("lint"));
    assert!(
        lint.stdout.contains("warning[platform-timeout]"),
        "{}",
        lint.stdout
    );
    assert!(
        lint.stdout
            .contains("below the shortest elevenlabs takes (5s)"),
        "{}",
        lint.stdout
    );
    let r =
        run(voxhook()
            .arg("-f")
            .arg(&file)
            .args(["export", "--platform", "elevenlabs", "quick"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let tool: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(tool["tool_config"]["response_timeout_secs"], 5);
    assert!(r.stderr.contains("written as 5s"), "{}", r.stderr);
    // A `$ref` into `$defs` is written as what it names; a property the platform's schema
    // cannot type is left out, not given a false type.
    let body = &tool["tool_config"]["api_schema"]["request_body_schema"]["properties"];
    assert_eq!(body["a"], serde_json::json!({"type": "string"}), "{body}");
    assert!(body.get("c").is_none() && body.get("b").is_some(), "{body}");
    assert!(
        r.stderr.contains("parameter `c` has no single `type`"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("`$defs`"), "{}", r.stderr);
}
