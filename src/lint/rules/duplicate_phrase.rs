//! `duplicate-phrase`: one phrase triggering two actions.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};
use std::collections::HashMap;

pub const RULE: Rule = Rule {
    code: "duplicate-phrase",
    severity: Severity::Warning,
    summary: "the same phrase (ignoring case and punctuation) on two actions",
    example: "\"order status\" on both check_order and cancel_order",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for a in &ctx.def.actions {
        for t in &a.triggers {
            let Trigger::Phrases(list, _) = t else {
                continue;
            };
            for p in list {
                let key = crate::text::normalise(&p.value).trim().to_string();
                if key.is_empty() {
                    continue;
                }
                match seen.get(&key) {
                    Some(other) if *other != a.name.value => out.push(
                        Finding::warning(
                            RULE.code,
                            p.span,
                            format!(
                                "\"{}\" also triggers `{other}`; both actions fire on it",
                                p.value
                            ),
                        )
                        .help("make the phrases distinct, or add conditions"),
                    ),
                    Some(_) => {}
                    None => {
                        seen.insert(key, a.name.value.as_str());
                    }
                }
            }
        }
    }
}
