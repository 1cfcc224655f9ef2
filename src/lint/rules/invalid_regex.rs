//! `invalid-regex`: a regex trigger that does not compile.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "invalid-regex",
    severity: Severity::Error,
    summary: "a `regex` trigger that is not a valid regular expression",
    example: "`- regex: '(where'`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        for t in &a.triggers {
            if let Trigger::Regex(r) = t {
                if let Err(e) = super::invalid_pattern::syntax_error(&r.value) {
                    out.push(Finding::error(
                        RULE.code,
                        r.span,
                        format!(
                            "regex trigger does not compile: {}",
                            super::invalid_pattern::one_line(&e)
                        ),
                    ));
                }
            }
        }
    }
}
