//! `platform-reply-size`: a mock reply longer than the platform passes to the agent (Retell:
//! 15,000 characters): the test passes against the mock and fails against the platform.

use crate::definition::model::*;
use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "platform-reply-size",
    severity: Severity::Warning,
    summary: "an action's mock reply longer than its platform passes to the agent (retell: 15,000 characters)",
    example: "`platform: retell` with a 16,000-character mock `body`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for a in &ctx.def.actions {
        let platform = ctx.def.platform_for(Some(Owner::Action(a)));
        let Some(max) = crate::webhook::profile::profile(platform).max_result_chars else {
            continue;
        };
        for m in &a.mock {
            let Some(body) = &m.body else { continue };
            let chars = body.to_string().chars().count();
            if chars > max {
                out.push(
                    Finding::warning(
                        RULE.code,
                        m.body_span.unwrap_or(m.span),
                        format!(
                            "action `{}`: this mock reply is {chars} characters; {} passes at most {max} to the agent",
                            a.name.value,
                            platform.as_str()
                        ),
                    )
                    .help("keep replies short: the agent speaks them"),
                );
            }
        }
    }
}
