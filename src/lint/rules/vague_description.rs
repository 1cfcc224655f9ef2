//! `vague-description`: a description the agent cannot decide from.

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "vague-description",
    severity: Severity::Warning,
    summary: "an action description under 40 characters, or one that never says when to use it",
    example: "`description: Orders`",
    check: Some(check),
};

/// Words that show a description tells the agent *when* to call the action.
const WHEN_WORDS: [&str; 8] = [
    "when", "use ", "if ", "whenever", "asks", "wants", "once", "after",
];

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        let Some(d) = &a.description else { continue };
        let text = d.value.trim();
        let lower = text.to_lowercase();
        let msg = if text.chars().count() < 40 {
            Some(format!(
                "the description of `{}` is too short for the agent to decide from",
                a.name.value
            ))
        } else if !WHEN_WORDS.iter().any(|w| lower.contains(w)) {
            Some(format!(
                "the description of `{}` does not say when to use it",
                a.name.value
            ))
        } else {
            None
        };
        if let Some(m) = msg {
            out.push(
                Finding::warning(RULE.code, d.span, m)
                    .help("say what it does and when: \"Check an order's status. Use when the caller asks where their order is.\""),
            );
        }
    }
}
