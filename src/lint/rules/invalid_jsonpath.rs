//! `invalid-jsonpath`: an `assign` or test `json` path that is not RFC 9535 JSONPath.

use crate::diag::{Finding, Severity};
use crate::lint::{Ctx, Rule};

pub const RULE: Rule = Rule {
    code: "invalid-jsonpath",
    severity: Severity::Error,
    summary: "an `assign` value or `expect.json` key that is not RFC 9535 JSONPath",
    example: "`assign: { status: result.status }`",
    check: Some(check),
};

fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mut paths = Vec::new();
    for a in &ctx.def.actions {
        paths.extend(a.response.assign.iter().map(|(_, v)| v.clone()));
        for t in &a.tests {
            paths.extend(t.expect.json.iter().map(|(k, _)| k.clone()));
        }
    }
    for w in ctx.def.webhooks.iter() {
        paths.extend(w.assign.iter().map(|(_, v)| v.clone()));
        for t in &w.tests {
            paths.extend(t.expect.json.iter().map(|(k, _)| k.clone()));
        }
    }
    for p in paths {
        if let Err(e) = serde_json_path::JsonPath::parse(&p.value) {
            let help = if !p.value.starts_with('$') {
                "JSONPath starts at the root: `$.result.status`".to_string()
            } else {
                e.to_string()
            };
            out.push(
                Finding::error(
                    RULE.code,
                    p.span,
                    format!("`{}` is not a JSONPath", p.value),
                )
                .help(help),
            );
        }
    }
}
