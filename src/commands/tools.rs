//! `voxhook import` and `voxhook export`: a platform's tool JSON to and from actions.
//! The mapping is `tooldef`'s; this file reads and writes files and prints the notes.

use super::Global;
use crate::cli::{ExportArgs, ImportArgs, ToolPlatformArg};
use crate::definition::model::Platform;
use crate::output::Paint;
use crate::tooldef::{self, Export, Note};
use crate::{Error, Outcome, Result};
use serde_json::{Map, Value as Json, json};
use std::path::Path;

fn platform(p: ToolPlatformArg) -> Platform {
    Platform::parse(&p.name()).unwrap_or_default()
}

/// The policy's default ceiling; an imported timeout above it raises `policy.max_timeout`.
const DEFAULT_MAX_TIMEOUT_MS: u64 = 30_000;

pub fn import(a: &ImportArgs, g: &Global) -> Result<Outcome> {
    let name = a.file.display().to_string();
    let bytes = super::read_input(&a.file)?;
    let doc = tooldef::json::parse(&name, &bytes)?;
    let platform = platform(a.platform);
    let mut imported = tooldef::import(platform, &doc).map_err(|e| in_file(&name, e))?;
    drop(doc);
    let count = imported.actions.len();
    let text = document(&mut imported, &name, a.platform);

    // The file must load and lint as voxhook reads it; say what it finds, before writing.
    let target = a.output.clone().unwrap_or_else(|| "<stdout>".into());
    let loaded = crate::definition::load_str(&target, &text);
    let findings = crate::lint::lint(&loaded, false);
    // A file voxhook cannot read back (a schema nested past the loader's limit) is not written.
    if let Some(f) = findings.iter().find(|f| f.code == "syntax") {
        // The action it happened in, by the last `- name:` before the place.
        let action = text
            .get(..f.span.offset)
            .and_then(|before| before.rfind("\n  - name: "))
            .and_then(|i| text[i + 11..].lines().next())
            .map(|n| format!(" (action `{}`)", n.trim()))
            .unwrap_or_default();
        return Err(Error::input(format!(
            "{name}: the tools cannot be written as an action file voxhook reads{action}: {}",
            f.message
        )));
    }

    match &a.output {
        Some(path) => write_file(path, &text)?,
        None => crate::out!("{text}"),
    }
    let paint = Paint::new(g.color);
    if !g.quiet {
        print_notes(&imported.notes, paint);
    }
    if !findings.is_empty() {
        let file = target.display().to_string();
        let report = crate::output::diagnostics::Report {
            file: &file,
            source: &text,
            findings: &findings,
        };
        let mut err = std::io::stderr();
        let _ = crate::output::diagnostics::human(&mut err, &report, paint);
    }
    if !g.quiet {
        eprintln!(
            "{} {} action{} from {name} ({}){}",
            paint.bold("imported"),
            count,
            if count == 1 { "" } else { "s" },
            platform.as_str(),
            match &a.output {
                Some(p) => format!(" into {}", p.display()),
                None => String::new(),
            }
        );
    }
    let errors = findings
        .iter()
        .any(|f| f.severity == crate::diag::Severity::Error);
    Ok(if errors {
        Outcome::CheckFailed
    } else {
        Outcome::Success
    })
}

/// A tooldef error is about a place in the JSON: name the file too.
fn in_file(name: &str, e: Error) -> Error {
    match e {
        Error::Input(m) => Error::Input(format!("{name}: {m}")),
        other => other,
    }
}

/// The YAML file: the platform, the policy the timeouts need, the platform's variables, the
/// actions.
fn document(imported: &mut tooldef::Imported, source: &str, p: ToolPlatformArg) -> String {
    let mut doc = Map::new();
    doc.insert("version".into(), json!(1));
    doc.insert("platform".into(), json!(imported.platform.as_str()));
    if !imported.variables.is_empty() {
        let vars: Map<String, Json> = imported
            .variables
            .iter()
            .map(|v| (v.clone(), json!("")))
            .collect();
        doc.insert("agent".into(), json!({ "variables": vars }));
    }
    if imported.longest_timeout_ms > DEFAULT_MAX_TIMEOUT_MS {
        doc.insert(
            "policy".into(),
            json!({ "max_timeout": tooldef::common::duration_text(imported.longest_timeout_ms) }),
        );
    }
    doc.insert(
        "actions".into(),
        Json::Array(
            std::mem::take(&mut imported.actions)
                .into_iter()
                .map(Json::Object)
                .collect(),
        ),
    );
    let comment = vec![
        format!(
            "Imported by `voxhook import --platform {} {source}`.",
            p.name()
        ),
        "What did not carry over was reported when it ran; check with `voxhook lint`.".into(),
    ];
    crate::output::yaml::document(&Json::Object(doc), &comment)
}

fn print_notes(notes: &[Note], paint: Paint) {
    for n in notes {
        eprintln!("{} {}: {}", paint.yellow("note:"), n.at, n.message);
    }
}

pub fn export(a: &ExportArgs, g: &Global) -> Result<Outcome> {
    let def = super::load_valid(g, false, None, "nothing was exported")?;
    let x = Export {
        def: &def,
        show_secrets: a.show_secrets,
        env: crate::definition::env::EnvSource {
            dotenv: def.dotenv.clone(),
        },
    };
    let (tools, notes) = tooldef::export(&x, platform(a.platform), &a.actions)?;
    let value = if a.actions.len() == 1 {
        tools.into_iter().next().unwrap_or(Json::Null)
    } else {
        Json::Array(tools)
    };
    let mut text = serde_json::to_string_pretty(&value)
        .map_err(|e| Error::input(format!("cannot write the JSON: {e}")))?;
    text.push('\n');
    match &a.output {
        Some(path) => write_file(path, &text)?,
        None => crate::out!("{text}"),
    }
    if !g.quiet {
        print_notes(&notes, Paint::new(g.color));
    }
    Ok(Outcome::Success)
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}
