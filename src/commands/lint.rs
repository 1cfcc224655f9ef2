//! `voxhook lint`.

use super::Global;
use crate::cli::{LintArgs, LintFormat};
use crate::diag::Severity;
use crate::output::{Paint, diagnostics};
use crate::{Outcome, Result};

pub fn run(a: &LintArgs, g: &Global) -> Result<Outcome> {
    let loaded = super::load(g, a.check_env)?;
    let findings = crate::lint::lint(&loaded, a.check_env);
    let file = loaded.def.path.display().to_string();
    let report = diagnostics::Report {
        file: &file,
        source: &loaded.def.source,
        findings: &findings,
    };
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let r = match a.format {
        LintFormat::Human => {
            if g.quiet && findings.is_empty() {
                Ok(())
            } else {
                diagnostics::human(&mut w, &report, Paint::new(g.color))
            }
        }
        LintFormat::Json => diagnostics::json(&mut w, &report),
        LintFormat::Github => diagnostics::github(&mut w, &report),
        LintFormat::Sarif => diagnostics::sarif(&mut w, &report),
    };
    // A closed pipe (`voxhook lint | head`) is not an error worth reporting.
    if let Err(e) = r {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(crate::Error::Failed(format!("writing output: {e}")));
        }
    }
    let fails = findings
        .iter()
        .any(|f| f.severity == Severity::Error || a.deny_warnings);
    Ok(if fails {
        Outcome::CheckFailed
    } else {
        Outcome::Success
    })
}
