//! Rendering templates against a scope: the action's parameters, pre-call assignments,
//! `--var`, agent variables, built-ins, in that order. Env values are recorded as secrets.

use crate::definition::env::EnvSource;
use crate::definition::template::{Part, Template};
use serde_json::Value as Json;

/// Render only `${env:…}` parts of a template that has no `{{ }}`; `None` if anything is unset.
pub fn render_env_only(t: &Template, env: &EnvSource) -> Option<String> {
    let mut s = String::new();
    for p in &t.parts {
        match p {
            Part::Lit(l) => s.push_str(l),
            Part::Env { name, fallback, .. } => {
                s.push_str(&env.get(name).or_else(|| fallback.clone())?)
            }
            Part::Var { .. } => return None,
        }
    }
    Some(s)
}

/// Names and values a template can see, in precedence order.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub layers: Vec<Vec<(String, Json)>>,
}

impl Scope {
    pub fn lookup(&self, name: &str) -> Option<&Json> {
        self.layers
            .iter()
            .find_map(|layer| layer.iter().find(|(k, _)| k == name).map(|(_, v)| v))
    }
}

/// What went wrong rendering, with the byte offset in the template.
#[derive(Debug, Clone, PartialEq)]
pub enum RenderError {
    UnsetEnv { name: String, at: usize },
    UnknownVar { name: String, at: usize },
}

/// Secret values seen while rendering, to be masked in every output.
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    pub values: Vec<String>,
}

impl Secrets {
    pub fn add(&mut self, v: &str) {
        if !v.is_empty() && !self.values.iter().any(|x| x == v) {
            self.values.push(v.to_string());
        }
    }
}

/// Display text of a JSON value inside a string: strings bare, others as JSON.
pub fn value_text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

/// Render a template to text. `encode(value, output_so_far)` turns each variable's text into
/// its place's encoding (percent-encoding in a URL); env values and literals stay as written.
pub fn render_with(
    t: &Template,
    scope: &Scope,
    env: &EnvSource,
    secrets: &mut Secrets,
    encode: &dyn Fn(&str, &str) -> String,
) -> Result<String, RenderError> {
    let mut s = String::new();
    for p in &t.parts {
        match p {
            Part::Lit(l) => s.push_str(l),
            Part::Env { name, fallback, at } => {
                let v = match env.get(name) {
                    Some(v) => {
                        secrets.add(&v);
                        v
                    }
                    None => fallback.clone().ok_or(RenderError::UnsetEnv {
                        name: name.clone(),
                        at: *at,
                    })?,
                };
                s.push_str(&v);
            }
            Part::Var { name, at } => {
                let v = scope.lookup(name).ok_or(RenderError::UnknownVar {
                    name: name.clone(),
                    at: *at,
                })?;
                let encoded = encode(&value_text(v), &s);
                s.push_str(&encoded);
            }
        }
    }
    Ok(s)
}

pub fn render(
    t: &Template,
    scope: &Scope,
    env: &EnvSource,
    secrets: &mut Secrets,
) -> Result<String, RenderError> {
    render_with(t, scope, env, secrets, &|v, _| v.to_string())
}

/// Render a body string: exactly one `{{ name }}` keeps the value's JSON type.
pub fn render_json(
    t: &Template,
    scope: &Scope,
    env: &EnvSource,
    secrets: &mut Secrets,
) -> Result<Json, RenderError> {
    if let Some(name) = t.sole_var() {
        let at = t.vars().next().map(|(_, at)| at).unwrap_or(0);
        return scope.lookup(name).cloned().ok_or(RenderError::UnknownVar {
            name: name.to_string(),
            at,
        });
    }
    render(t, scope, env, secrets).map(Json::String)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scope() -> Scope {
        Scope {
            layers: vec![
                vec![("n".into(), json!(3)), ("name".into(), json!("Jane"))],
                vec![
                    ("name".into(), json!("shadowed")),
                    ("company".into(), json!("Acme")),
                ],
            ],
        }
    }

    #[test]
    fn precedence_and_types() {
        let env = EnvSource::default();
        let mut sec = Secrets::default();
        let t = Template::parse("{{name}} at {{company}}").expect("t");
        assert_eq!(
            render(&t, &scope(), &env, &mut sec).expect("r"),
            "Jane at Acme"
        );
        let n = Template::parse("{{ n }}").expect("t");
        assert_eq!(
            render_json(&n, &scope(), &env, &mut sec).expect("r"),
            json!(3)
        );
    }

    #[test]
    fn env_fallback_and_secret() {
        let env = EnvSource {
            dotenv: vec![("VOXHOOK_R_T".into(), "s3cret".into())],
        };
        let mut sec = Secrets::default();
        let t = Template::parse("Bearer ${env:VOXHOOK_R_T} ${env:VOXHOOK_R_NONE:-x}").expect("t");
        assert_eq!(
            render(&t, &Scope::default(), &env, &mut sec).expect("r"),
            "Bearer s3cret x"
        );
        assert_eq!(sec.values, vec!["s3cret".to_string()]);
        let u = Template::parse("${env:VOXHOOK_R_NONE}").expect("t");
        assert!(matches!(
            render(&u, &Scope::default(), &env, &mut sec),
            Err(RenderError::UnsetEnv { .. })
        ));
    }
}
