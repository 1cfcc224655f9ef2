//! Lint findings in four formats: human (source line and caret, via annotate-snippets), JSON,
//! GitHub Actions workflow commands, and SARIF 2.1.0.

use super::Paint;
use crate::diag::{Finding, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_json::json;
use std::io::{self, Write};

pub struct Report<'a> {
    pub file: &'a str,
    pub source: &'a str,
    pub findings: &'a [Finding],
}

fn source_line(source: &str, line: u32) -> Option<&str> {
    source.lines().nth(line.saturating_sub(1) as usize)
}

pub fn human(w: &mut dyn Write, r: &Report, paint: Paint) -> io::Result<()> {
    let renderer = if paint.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for f in r.findings {
        let (label, sev) = match f.severity {
            Severity::Error => (paint.red(&format!("error[{}]", f.code)), "error"),
            Severity::Warning => (paint.yellow(&format!("warning[{}]", f.code)), "warning"),
        };
        let _ = sev;
        writeln!(
            w,
            "{}: {label}: {}",
            paint.bold(&format!("{}:{}:{}", r.file, f.span.line, f.span.col)),
            paint.bold(&f.message)
        )?;
        let mut elements = Vec::new();
        if let Some(line) = source_line(r.source, f.span.line) {
            // Columns are characters; annotate-snippets wants byte offsets within the line.
            let start = line
                .char_indices()
                .nth(f.span.col.saturating_sub(1) as usize)
                .map(|(i, _)| i)
                .unwrap_or(line.len());
            let len = if f.span.len > 0 && start + f.span.len <= line.len() {
                f.span.len
            } else {
                token_len(&line[start..])
            };
            let mut end = (start + len.max(1)).min(line.len());
            // annotate-snippets slices the line at these offsets: keep them on char boundaries.
            while end < line.len() && !line.is_char_boundary(end) {
                end += 1;
            }
            let end = end.max(start);
            let snippet = Snippet::source(line)
                .line_start(f.span.line as usize)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(start..end));
            elements.push(Group::with_level(level(f.severity)).element(snippet));
        }
        if let Some(h) = &f.help {
            elements.push(Group::with_level(Level::HELP).element(Level::HELP.message(h.as_str())));
        }
        if !elements.is_empty() {
            writeln!(w, "{}", renderer.render(&elements))?;
        }
        writeln!(w)?;
    }
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = r.findings.len() - errors;
    let summary = if r.findings.is_empty() {
        paint.green(&format!("{}: no findings", r.file))
    } else {
        let text = format!(
            "{}: {} ({}, {})",
            r.file,
            plural(r.findings.len(), "finding"),
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        if errors > 0 {
            paint.red(&text)
        } else {
            paint.yellow(&text)
        }
    };
    writeln!(w, "{summary}")
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    }
}

/// Length of the token at the start of `s`: a quoted string or a run up to a delimiter.
fn token_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    match chars.next() {
        None => 0,
        Some((_, q @ ('"' | '\''))) => chars
            .find(|(_, c)| *c == q)
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(s.len()),
        Some(_) => s
            .find([',', '}', ']', '#'])
            .unwrap_or(s.len())
            .max(1)
            .min(s.trim_end().len().max(1)),
    }
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub fn json(w: &mut dyn Write, r: &Report) -> io::Result<()> {
    let items: Vec<_> = r
        .findings
        .iter()
        .map(|f| {
            json!({
                "file": r.file,
                "line": f.span.line,
                "column": f.span.col,
                "severity": f.severity.as_str(),
                "code": f.code,
                "message": f.message,
                "help": f.help,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *w, &items)?;
    writeln!(w)
}

/// GitHub workflow commands; message text is escaped as the runner requires.
pub fn github(w: &mut dyn Write, r: &Report) -> io::Result<()> {
    for f in r.findings {
        let kind = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut msg = f.message.clone();
        if let Some(h) = &f.help {
            msg.push_str(" (");
            msg.push_str(h);
            msg.push(')');
        }
        writeln!(
            w,
            "::{kind} file={},line={},col={},title={}::{}",
            escape_property(r.file),
            f.span.line,
            f.span.col,
            escape_property(f.code),
            escape_data(&msg)
        )?;
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn sarif(w: &mut dyn Write, r: &Report) -> io::Result<()> {
    let rules: Vec<_> = crate::lint::RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "shortDescription": { "text": rule.summary },
                "defaultConfiguration": { "level": rule.severity.as_str() },
            })
        })
        .collect();
    let results: Vec<_> = r
        .findings
        .iter()
        .map(|f| {
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push_str(&format!(" ({h})"));
            }
            json!({
                "ruleId": f.code,
                "ruleIndex": crate::lint::RULES.iter().position(|x| x.code == f.code),
                "level": f.severity.as_str(),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": r.file },
                        "region": { "startLine": f.span.line, "startColumn": f.span.col }
                    }
                }]
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "voxhook",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/voxhook/voxhook",
                "rules": rules,
            }},
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
