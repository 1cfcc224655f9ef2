//! Parameter values: typing and validation shared by lint (examples, defaults, test values),
//! `test` (values from flags and prompts) and `simulate` (values heard in the call).
//!
//! A value that does not fit its type, pattern or enum is refused with a message naming the
//! problem; the caller adds the parameter's name and place.
//!
//! It lives with the model because the types are the file's (`type: phone`, `pattern:`,
//! `enum:`): the request plan, lint, the extractors and the commands all type values the
//! same way through it.

use crate::definition::{ParamType, Parameter};
use serde_json::Value as Json;

/// A phone number in E.164, read in `region` when it has no country code.
pub fn to_e164(raw: &str, region: &str) -> Result<String, String> {
    let id = region
        .to_ascii_uppercase()
        .parse::<phonenumber::country::Id>()
        .map_err(|_| format!("`{region}` is not a region code (use two letters, e.g. US, GB)"))?;
    let n =
        phonenumber::parse(Some(id), raw).map_err(|_| format!("`{raw}` is not a phone number"))?;
    if !phonenumber::is_valid(&n) {
        return Err(format!(
            "`{raw}` is not a valid phone number in {}",
            region.to_ascii_uppercase()
        ));
    }
    Ok(n.format().mode(phonenumber::Mode::E164).to_string())
}

pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == ',')
        && !domain.contains('@')
}

/// Read `YYYY-MM-DD` (also `YYYY/MM/DD`) into a date.
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let t = s.trim();
    // `NaiveDate`'s own ISO reader: parsing a strftime format string per call is slow in a
    // long replay, which types every date it hears.
    if t.contains('/') {
        t.replace('/', "-").parse().ok()
    } else {
        t.parse().ok()
    }
}

/// Type `value` as the parameter says, or say why it does not fit.
pub fn coerce(param: &Parameter, value: &Json, region: &str) -> Result<Json, String> {
    coerce_with(param, value, region, &|_, s| {
        param.pattern_regex().map(|re| re.is_match(s))
    })
}

/// As [`coerce`], with the pattern test given: `matches(pattern, text)` is `None` when the
/// pattern cannot be used (then it is not checked here; lint reports it).
pub fn coerce_with(
    param: &Parameter,
    value: &Json,
    region: &str,
    matches: &dyn Fn(&str, &str) -> Option<bool>,
) -> Result<Json, String> {
    let typed = coerce_type(param.ty.value, value, region)?;
    if let (Some(pattern), Some(s)) = (&param.pattern, typed.as_str()) {
        if matches(&pattern.value, s) == Some(false) {
            return Err(format!(
                "`{s}` does not match the pattern `{}`",
                pattern.value
            ));
        }
    }
    if let Some(allowed) = &param.enum_values {
        if !allowed.value.iter().any(|a| a == &typed) {
            let list: Vec<String> = allowed.value.iter().map(|a| a.to_string()).collect();
            return Err(format!("{} is not one of {}", typed, list.join(", ")));
        }
    }
    Ok(typed)
}

/// Type a value without the parameter's pattern and enum.
pub fn coerce_type(ty: ParamType, value: &Json, region: &str) -> Result<Json, String> {
    let text = match value {
        Json::String(s) => s.trim().to_string(),
        Json::Number(n) => n.to_string(),
        Json::Bool(b) => b.to_string(),
        Json::Null => return Err("no value".into()),
        other => return Err(format!("{other} is not a {}", ty.as_str())),
    };
    match ty {
        ParamType::String => Ok(Json::String(match value {
            Json::String(s) => s.clone(),
            _ => text,
        })),
        ParamType::Number => text
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .and_then(|f| {
                if f.fract() == 0.0 && f.abs() < 9e15 {
                    Some(Json::from(f as i64))
                } else {
                    serde_json::Number::from_f64(f).map(Json::Number)
                }
            })
            .ok_or_else(|| format!("`{text}` is not a number")),
        ParamType::Integer => text
            .parse::<i64>()
            .map(Json::from)
            .map_err(|_| format!("`{text}` is not an integer")),
        ParamType::Boolean => match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Ok(Json::Bool(true)),
            "false" | "no" | "n" | "0" => Ok(Json::Bool(false)),
            _ => Err(format!("`{text}` is not true or false")),
        },
        ParamType::Phone => to_e164(&text, region).map(Json::String),
        ParamType::Date => parse_date(&text)
            .map(|d| Json::String(d.to_string()))
            .ok_or_else(|| format!("`{text}` is not a date (YYYY-MM-DD)")),
        ParamType::Email => {
            if is_email(&text) {
                Ok(Json::String(text.to_lowercase()))
            } else {
                Err(format!("`{text}` is not an email address"))
            }
        }
    }
}

/// Check a whole parameter object against a JSON Schema. Errors name the failing location.
/// A value that a JSON Schema refuses, and where inside the value.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaError {
    pub path: Vec<super::yaml::PathSeg>,
    pub message: String,
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

pub fn validate_schema(schema: &Json, instance: &Json) -> Result<(), Vec<SchemaError>> {
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| {
            vec![SchemaError {
                path: Vec::new(),
                message: format!("invalid schema: {e}"),
            }]
        })?;
    let errors: Vec<SchemaError> = validator
        .iter_errors(instance)
        .map(|e| {
            let path = schema_path(e.instance_path());
            let at = e.instance_path().to_string();
            let name = at.trim_start_matches('/').to_string();
            let message = if name.is_empty() {
                e.to_string()
            } else {
                format!("parameter `{name}`: {e}")
            };
            SchemaError { path, message }
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A jsonschema location as path steps.
pub fn schema_path(at: &jsonschema::paths::Location) -> Vec<super::yaml::PathSeg> {
    use super::yaml::PathSeg;
    use jsonschema::paths::LocationSegment;
    at.iter()
        .map(|seg| match seg {
            LocationSegment::Property(k) => PathSeg::Key(k.into_owned()),
            LocationSegment::Index(i) => PathSeg::Index(i),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn phone_to_e164() {
        assert_eq!(
            to_e164("(415) 555-2671", "US").as_deref(),
            Ok("+14155552671")
        );
        assert_eq!(
            to_e164("+44 20 7946 0958", "US").as_deref(),
            Ok("+442079460958")
        );
        assert!(to_e164("12", "US").is_err());
        assert!(to_e164("415 555 2671", "ZZ").is_err());
    }

    #[test]
    fn typing() {
        assert_eq!(
            coerce_type(ParamType::Integer, &json!("42"), "US"),
            Ok(json!(42))
        );
        assert_eq!(
            coerce_type(ParamType::Number, &json!("4.5"), "US"),
            Ok(json!(4.5))
        );
        assert_eq!(
            coerce_type(ParamType::Boolean, &json!("yes"), "US"),
            Ok(json!(true))
        );
        assert_eq!(
            coerce_type(ParamType::Date, &json!("2026-03-25"), "US"),
            Ok(json!("2026-03-25"))
        );
        assert_eq!(
            coerce_type(ParamType::Email, &json!("Jane@Example.com"), "US"),
            Ok(json!("jane@example.com"))
        );
        assert!(coerce_type(ParamType::Integer, &json!("4.5"), "US").is_err());
        assert!(coerce_type(ParamType::Date, &json!("March"), "US").is_err());
        assert!(coerce_type(ParamType::Email, &json!("jane"), "US").is_err());
    }

    #[test]
    fn schema_errors_name_parameter() {
        let schema =
            json!({"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]});
        assert!(validate_schema(&schema, &json!({"n": 3})).is_ok());
        let e = validate_schema(&schema, &json!({"n": "x"})).expect_err("bad");
        assert!(e[0].message.contains("parameter `n`"), "{e:?}");
    }
}
