//! `invalid-pattern`: a parameter `pattern` that does not compile.

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "invalid-pattern",
    severity: Severity::Error,
    summary: "a parameter `pattern` that is not a valid regular expression",
    example: "`pattern: '^ORD-(\\d{5}$'`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        for p in &a.parameters {
            if let Some(pat) = &p.pattern {
                if let Err(e) = syntax_error(&pat.value) {
                    out.push(Finding::error(
                        RULE.code,
                        pat.span,
                        format!(
                            "pattern of `{}` does not compile: {}",
                            p.name.value,
                            one_line(&e)
                        ),
                    ));
                }
            }
        }
    }
}

/// Parse (without compiling) as `regex` would: the syntax check costs microseconds, where
/// compiling Unicode classes costs a fraction of a millisecond a pattern.
pub(crate) fn syntax_error(pattern: &str) -> Result<(), String> {
    regex_syntax::Parser::new()
        .parse(pattern)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

pub(crate) fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !l.starts_with('^'))
        .unwrap_or(s)
        .to_string()
}
