//! `{{ name }}` templates and `${env:NAME:-fallback}` references, parsed once at load time.
//!
//! A string from the file becomes a [`Template`]: literal text, variable references and env
//! references in order. Rendering happens later against a scope (see `webhook::scope`).

/// One piece of a templated string.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Lit(String),
    /// `{{ name }}`; `at` is the byte offset of `{{` in the original string.
    Var {
        name: String,
        at: usize,
    },
    /// `${env:NAME}` or `${env:NAME:-fallback}`; values from here are secrets.
    Env {
        name: String,
        fallback: Option<String>,
        at: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Template {
    pub raw: String,
    pub parts: Vec<Part>,
}

/// A malformed template: what is wrong and where in the string (byte offset).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateError {
    pub message: String,
    pub at: usize,
}

impl Template {
    pub fn parse(s: &str) -> Result<Self, TemplateError> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut i = 0;
        let b = s.as_bytes();
        while i < s.len() {
            if s[i..].starts_with("{{") {
                let end = s[i + 2..].find("}}").ok_or(TemplateError {
                    message: "`{{` is not closed by `}}`".into(),
                    at: i,
                })?;
                let name = s[i + 2..i + 2 + end].trim();
                if !is_name(name) {
                    return Err(TemplateError {
                        message: format!(
                            "`{{{{{name}}}}}` is not a variable name (letters, digits and _)"
                        ),
                        at: i,
                    });
                }
                if !lit.is_empty() {
                    parts.push(Part::Lit(std::mem::take(&mut lit)));
                }
                parts.push(Part::Var {
                    name: name.to_string(),
                    at: i,
                });
                i += 2 + end + 2;
            } else if s[i..].starts_with("${env:") {
                let end = s[i..].find('}').ok_or(TemplateError {
                    message: "`${env:` is not closed by `}`".into(),
                    at: i,
                })?;
                let inner = &s[i + 6..i + end];
                let (name, fallback) = match inner.find(":-") {
                    Some(k) => (&inner[..k], Some(inner[k + 2..].to_string())),
                    None => (inner, None),
                };
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err(TemplateError {
                        message: format!(
                            "`${{env:{inner}}}` does not name an environment variable"
                        ),
                        at: i,
                    });
                }
                if !lit.is_empty() {
                    parts.push(Part::Lit(std::mem::take(&mut lit)));
                }
                parts.push(Part::Env {
                    name: name.to_string(),
                    fallback,
                    at: i,
                });
                i += end + 1;
            } else {
                // Advance one whole character.
                let ch_len = utf8_len(b[i]);
                lit.push_str(&s[i..i + ch_len]);
                i += ch_len;
            }
        }
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        Ok(Template {
            raw: s.to_string(),
            parts,
        })
    }

    /// The variable names this template refers to, with their offsets.
    pub fn vars(&self) -> impl Iterator<Item = (&str, usize)> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var { name, at } => Some((name.as_str(), *at)),
            _ => None,
        })
    }

    pub fn envs(&self) -> impl Iterator<Item = (&str, Option<&str>, usize)> {
        self.parts.iter().filter_map(|p| match p {
            Part::Env { name, fallback, at } => Some((name.as_str(), fallback.as_deref(), *at)),
            _ => None,
        })
    }

    /// `Some(name)` when the whole string is one `{{ name }}`: such a body value keeps its type.
    pub fn sole_var(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Var { name, .. }] => Some(name),
            _ => None,
        }
    }

    pub fn has_env(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Env { .. }))
    }

    pub fn is_literal(&self) -> bool {
        self.parts.iter().all(|p| matches!(p, Part::Lit(_)))
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

pub fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(f) if f.is_ascii_alphabetic() || f == '_')
        && c.all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_in_order() {
        let t = Template::parse("Bearer ${env:TOKEN} for {{ caller_phone }}!").expect("ok");
        assert_eq!(
            t.parts,
            vec![
                Part::Lit("Bearer ".into()),
                Part::Env {
                    name: "TOKEN".into(),
                    fallback: None,
                    at: 7
                },
                Part::Lit(" for ".into()),
                Part::Var {
                    name: "caller_phone".into(),
                    at: 24
                },
                Part::Lit("!".into()),
            ]
        );
    }

    #[test]
    fn env_fallback() {
        let t = Template::parse("${env:HOST:-api.example.com}").expect("ok");
        assert_eq!(t.envs().next(), Some(("HOST", Some("api.example.com"), 0)));
    }

    #[test]
    fn sole_var_keeps_type() {
        assert_eq!(Template::parse("{{n}}").expect("ok").sole_var(), Some("n"));
        assert_eq!(Template::parse("x{{n}}").expect("ok").sole_var(), None);
    }

    #[test]
    fn errors() {
        assert!(Template::parse("{{ open").is_err());
        assert!(Template::parse("{{ two words }}").is_err());
        assert!(Template::parse("${env:}").is_err());
        assert!(Template::parse("${env:X").is_err());
    }

    #[test]
    fn unicode_literal() {
        let t = Template::parse("café {{x}} ☕").expect("ok");
        assert_eq!(t.parts[0], Part::Lit("café ".into()));
    }
}
