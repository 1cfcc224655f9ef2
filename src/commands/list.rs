//! `voxhook list`: the actions and system webhooks at a glance.

use super::Global;
use crate::definition::model::*;
use crate::output::Paint;
use crate::{Outcome, Result};

pub fn run(g: &Global) -> Result<Outcome> {
    let def = super::load_valid(g, true, None, "nothing was listed")?;
    crate::out!("{}", render(&def, Paint::new(g.color)));
    Ok(Outcome::Success)
}

pub fn render(def: &Definition, p: Paint) -> String {
    let mut out = String::new();
    out.push_str(&p.bold(&format!("Actions ({})", def.actions.len())));
    out.push('\n');
    for a in &def.actions {
        let r = a.webhook.merged(&def.defaults);
        out.push_str(&format!(
            "  {}  {} {}\n",
            p.bold(&a.name.value),
            r.method_or_default().as_str(),
            r.url.as_ref().map(|u| u.value.raw.as_str()).unwrap_or("-")
        ));
        let params: Vec<String> = if a.schema.is_some() {
            let req = a.required_parameters();
            a.parameter_names()
                .into_iter()
                .map(|n| if req.contains(&n) { format!("{n}*") } else { n })
                .collect()
        } else {
            a.parameters
                .iter()
                .map(|pm| {
                    format!(
                        "{}{}: {}",
                        pm.name.value,
                        if pm.required { "*" } else { "" },
                        pm.ty.value.as_str()
                    )
                })
                .collect()
        };
        if !params.is_empty() {
            out.push_str(&format!("      parameters: {}\n", params.join(", ")));
        }
        let triggers: Vec<String> = a
            .triggers
            .iter()
            .map(|t| match t {
                Trigger::Phrases(list, _) => list
                    .iter()
                    .map(|s| format!("\"{}\"", s.value))
                    .collect::<Vec<_>>()
                    .join(", "),
                Trigger::Entity(e) => format!("entity {}", e.value),
                Trigger::Regex(r) => format!("regex /{}/", r.value),
            })
            .collect();
        if !triggers.is_empty() {
            out.push_str(&format!("      triggers:   {}\n", triggers.join("; ")));
        }
    }
    out.push_str(&p.bold("System webhooks"));
    out.push('\n');
    let mut any = false;
    for w in def.webhooks.iter() {
        any = true;
        let r = w.request.merged(&def.defaults);
        out.push_str(&format!(
            "  {}  {} {}\n",
            p.bold(w.kind.as_str()),
            r.method_or_default().as_str(),
            r.url.as_ref().map(|u| u.value.raw.as_str()).unwrap_or("-")
        ));
    }
    if !any {
        out.push_str("  (none)\n");
    }
    out
}
