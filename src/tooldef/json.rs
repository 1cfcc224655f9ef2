//! Reading a platform's JSON with the path of every value, so a document that is not what
//! the platform writes is refused naming the place: `$.tools[2].api_schema.url: missing`.

use crate::{Error, Result};
use serde_json::{Map, Value as Json};

/// A value and its JSONPath from the document's root.
#[derive(Clone, Debug)]
pub struct At<'a> {
    pub v: &'a Json,
    pub path: String,
}

fn kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

/// A key JSONPath writes after a dot (RFC 9535 member-name-shorthand, ASCII part).
pub fn is_member_name(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A member name as JSONPath writes it after `path`: `.name`, or `['x-y']` when it is not a
/// plain name (`\` and `'` escaped).
pub fn member(path: &str, key: &str) -> String {
    if is_member_name(key) {
        format!("{path}.{key}")
    } else {
        format!(
            "{path}['{}']",
            key.replace('\\', "\\\\").replace('\'', "\\'")
        )
    }
}

impl<'a> At<'a> {
    pub fn root(v: &'a Json) -> Self {
        At {
            v,
            path: "$".into(),
        }
    }

    pub fn child_path(&self, key: &str) -> String {
        member(&self.path, key)
    }

    pub fn wrong(&self, expected: &str) -> Error {
        Error::input(format!(
            "{}: expected {expected}, found {}",
            self.path,
            kind(self.v)
        ))
    }

    pub fn error(&self, message: impl std::fmt::Display) -> Error {
        Error::input(format!("{}: {message}", self.path))
    }

    pub fn object(&self) -> Result<&'a Map<String, Json>> {
        self.v.as_object().ok_or_else(|| self.wrong("an object"))
    }

    pub fn list(&self) -> Result<Vec<At<'a>>> {
        let items = self.v.as_array().ok_or_else(|| self.wrong("a list"))?;
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, v)| At {
                v,
                path: format!("{}[{i}]", self.path),
            })
            .collect())
    }

    /// A member, absent or null as `None`.
    pub fn get(&self, key: &str) -> Option<At<'a>> {
        let v = self.v.as_object()?.get(key)?;
        (!v.is_null()).then(|| At {
            v,
            path: member(&self.path, key),
        })
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn need(&self, key: &str, what: &str) -> Result<At<'a>> {
        self.get(key)
            .ok_or_else(|| Error::input(format!("{}: missing ({what})", member(&self.path, key))))
    }

    pub fn str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(a) => a.v.as_str().map(Some).ok_or_else(|| a.wrong("a string")),
        }
    }

    pub fn need_str(&self, key: &str, what: &str) -> Result<&'a str> {
        let a = self.need(key, what)?;
        a.v.as_str().ok_or_else(|| a.wrong("a string"))
    }

    pub fn number(&self, key: &str) -> Result<Option<f64>> {
        match self.get(key) {
            None => Ok(None),
            Some(a) => match a.v.as_f64() {
                Some(n) if n >= 0.0 => Ok(Some(n)),
                Some(_) => Err(a.error("expected a number of zero or more")),
                None => Err(a.wrong("a number")),
            },
        }
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(a) => a.v.as_bool().map(Some).ok_or_else(|| a.wrong("a boolean")),
        }
    }

    /// An object of strings (headers, query parameters) as (name, text, path), in order.
    pub fn texts(&self, key: &str) -> Result<Vec<(String, String, String)>> {
        self.strings(key)?
            .into_iter()
            .map(|(k, v)| {
                let text = v.v.as_str().ok_or_else(|| v.wrong("a string"))?;
                Ok((k, text.to_string(), v.path))
            })
            .collect()
    }

    /// An object of values (headers, query parameters), in order.
    pub fn strings(&self, key: &str) -> Result<Vec<(String, At<'a>)>> {
        let Some(a) = self.get(key) else {
            return Ok(Vec::new());
        };
        let obj = a.object()?;
        Ok(obj
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    At {
                        v,
                        path: member(&a.path, k),
                    },
                )
            })
            .collect())
    }
}

/// The text of a JSON document, or exit 2 with the line and column where it stops being JSON.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Json> {
    // A byte-order mark, which Windows editors write, is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let col = before.len()
            - before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        return Err(Error::input(format!(
            "{name}:{line}:{col}: not UTF-8 (byte {} is not), and JSON is",
            e.valid_up_to()
        )));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        let (line, col) = (e.line().max(1), e.column().max(1));
        // serde_json stops at 128 levels: valid JSON, but deeper than any tool definition.
        if e.to_string().starts_with("recursion limit exceeded") {
            return Error::input(format!(
                "{name}:{line}:{col}: nested deeper than 128 levels, which voxhook does not read (no platform's tool definition nests so deep)"
            ));
        }
        Error::input(format!("{name}:{line}:{col}: not JSON: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_name_the_place() {
        let doc = json!({"tools": [{"api_schema": {"x-y": 1}}]});
        let root = At::root(&doc);
        let tool = &root
            .need("tools", "t")
            .expect("tools")
            .list()
            .expect("list")[0];
        let schema = tool.need("api_schema", "s").expect("schema");
        assert_eq!(schema.path, "$.tools[0].api_schema");
        let e = schema
            .need_str("url", "where it calls")
            .expect_err("missing");
        assert_eq!(
            e.to_string(),
            "$.tools[0].api_schema.url: missing (where it calls)"
        );
        let e = schema.str("x-y").expect_err("a number");
        assert_eq!(
            e.to_string(),
            "$.tools[0].api_schema['x-y']: expected a string, found a number"
        );
    }
}
