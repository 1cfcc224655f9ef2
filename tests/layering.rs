//! The imports run one way: the core knows no command line, sending knows no screen. Each
//! top-level module of `src/` may name only the modules listed for it here (the layers in
//! `src/lib.rs`); a new arrow that runs backwards fails this test with the file that adds it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Items of `lib.rs` every layer may use: the error type and exit codes.
const LIB_ITEMS: [&str; 4] = ["Error", "Result", "Outcome", "exit"];

/// What each module may import besides itself and [`LIB_ITEMS`].
fn allowed(module: &str) -> Option<&'static [&'static str]> {
    Some(match module {
        "text" | "cli" => &[],
        "diag" => &["definition"],
        "definition" => &["text", "diag"],
        "schema" => &["definition"],
        "extract" => &["definition", "diag", "text"],
        "transcript" => &["definition", "diag", "text"],
        "trigger" => &["definition", "extract", "text"],
        "listener" => &["definition", "extract", "transcript", "trigger", "text"],
        "webhook" => &["definition", "diag", "text"],
        "lint" => &["definition", "diag", "text", "webhook", "schema"],
        "tooldef" => &["definition", "diag", "text", "webhook"],
        "call" => &[
            "definition",
            "diag",
            "extract",
            "listener",
            "text",
            "transcript",
            "trigger",
            "webhook",
        ],
        "mock" => &["definition", "webhook"],
        "output" => &[
            "call",
            "definition",
            "diag",
            "extract",
            "lint",
            "mock",
            "text",
            "transcript",
            "webhook",
        ],
        // The top: the glue may use everything.
        "commands" => &[
            "call",
            "cli",
            "definition",
            "diag",
            "extract",
            "lint",
            "listener",
            "mock",
            "output",
            "schema",
            "text",
            "tooldef",
            "transcript",
            "trigger",
            "webhook",
        ],
        _ => return None,
    })
}

/// The module names a file reaches through `crate::`, including each name of a
/// `use crate::{a, b::c}` group. `out!`/`outln!` are the printers' macros.
fn crate_refs(src: &str) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    let bytes = src.as_bytes();
    let mut from = 0;
    while let Some(i) = src[from..].find("crate::") {
        let at = from + i;
        from = at + 7;
        // `$crate::` is a macro's own path, not an import of this file.
        if at > 0 && bytes[at - 1] == b'$' {
            continue;
        }
        let rest = &src[from..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !item.is_empty() {
                            refs.insert(std::mem::take(&mut item));
                        }
                        at_start = true;
                    }
                    c if at_start && (c.is_alphanumeric() || c == '_') => item.push(c),
                    _ if at_start && !item.is_empty() => {
                        refs.insert(std::mem::take(&mut item));
                        at_start = false;
                    }
                    _ => {}
                }
            }
            if !item.is_empty() {
                refs.insert(item);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                refs.insert(name);
            }
        }
    }
    refs.into_iter()
        .map(|r| match r.as_str() {
            "out" | "outln" => "output".to_string(),
            _ => r,
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn imports_run_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("a component");
        let module = Path::new(first.as_os_str())
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name")
            .to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(may) = allowed(&module) else {
            wrong.push(format!(
                "src/{}: module `{module}` has no layer in tests/layering.rs",
                rel.display()
            ));
            continue;
        };
        checked += 1;
        let text = std::fs::read_to_string(f).expect("read");
        for r in crate_refs(&text) {
            if r == module || LIB_ITEMS.contains(&r.as_str()) || may.contains(&r.as_str()) {
                continue;
            }
            wrong.push(format!(
                "src/{}: `{module}` imports `crate::{r}`",
                rel.display()
            ));
        }
    }
    assert!(checked > 50, "only {checked} files checked");
    assert!(
        wrong.is_empty(),
        "imports that run the wrong way:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn reads_grouped_and_macro_imports() {
    let refs = crate_refs(
        "use crate::{Error, cli::TestArgs, webhook::{plan, run}};\nlet x = crate::mock::start();\ncrate::outln!(\"x\");\n$crate::output::emit(s)",
    );
    let got: Vec<&str> = refs.iter().map(String::as_str).collect();
    assert_eq!(got, ["Error", "cli", "mock", "output", "webhook"]);
}
