//! `empty-trigger`: a trigger that can never fire.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "empty-trigger",
    severity: Severity::Error,
    summary: "an empty `phrases` list, an empty phrase or an empty regex",
    example: "`- phrases: []`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        for t in &a.triggers {
            match t {
                Trigger::Phrases(list, span) if list.is_empty() => out.push(Finding::error(
                    RULE.code,
                    *span,
                    format!("action `{}` has a trigger with no phrases", a.name.value),
                )),
                Trigger::Phrases(list, _) => {
                    for p in list {
                        if crate::text::normalise(&p.value).trim().is_empty() {
                            out.push(Finding::error(
                                RULE.code,
                                p.span,
                                "this phrase has no words",
                            ));
                        }
                    }
                }
                Trigger::Regex(r) if r.value.trim().is_empty() => out.push(Finding::error(
                    RULE.code,
                    r.span,
                    "this regex is empty and would match every turn",
                )),
                _ => {}
            }
        }
    }
}
