//! `unknown-condition`: a condition on a name nothing defines.

use crate::definition::model::*;
use crate::diag::{Finding, Severity, did_you_mean};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "unknown-condition",
    severity: Severity::Error,
    summary: "a condition naming no parameter or known variable",
    example: "`- present: order_nr`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        let known = super::unknown_template::known_names(ctx.def, Some(Owner::Action(a)));
        for c in &a.conditions {
            let names: Vec<&Sp<String>> = match c {
                Condition::Present(n) | Condition::Absent(n) => vec![n],
                Condition::Equals(pairs) => pairs.iter().map(|(k, _)| k).collect(),
            };
            for n in names {
                if !known.contains(&n.value) {
                    out.push(
                        Finding::error(
                            RULE.code,
                            n.span,
                            format!("condition on unknown name `{}`", n.value),
                        )
                        .maybe_help(did_you_mean(&n.value, known.iter().map(String::as_str))),
                    );
                }
            }
        }
    }
}
