//! `unknown-entity`: an entity trigger naming nothing voxhook extracts.

use crate::definition::model::*;
use crate::diag::{Finding, Severity, did_you_mean};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "unknown-entity",
    severity: Severity::Error,
    summary: "an `entity` trigger that is not email, phone, digits, number, date or one of the action's parameters",
    example: "`- entity: emial`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        let params = a.parameter_names();
        for t in &a.triggers {
            if let Trigger::Entity(e) = t {
                if ENTITY_KINDS.contains(&e.value.as_str()) || params.contains(&e.value) {
                    continue;
                }
                let candidates: Vec<&str> = ENTITY_KINDS
                    .iter()
                    .copied()
                    .chain(params.iter().map(String::as_str))
                    .collect();
                out.push(
                    Finding::error(RULE.code, e.span, format!("unknown entity `{}`", e.value))
                        .help(
                            did_you_mean(&e.value, candidates.iter().copied())
                                .unwrap_or_else(|| format!("entities: {}", candidates.join(", "))),
                        ),
                );
            }
        }
    }
}
