//! The JSON Schema (draft 2020-12) of the action file, for editors and CI.
//! Kept as a file so it reads as the reference it is; a test checks it agrees with the loader.

pub const SCHEMA: &str = include_str!("schema.json");

pub fn schema() -> serde_json::Value {
    // The schema is a constant of this crate, checked by a unit test below.
    serde_json::from_str(SCHEMA).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_is_valid_draft_2020_12() {
        let s: serde_json::Value = serde_json::from_str(SCHEMA).expect("schema.json is JSON");
        jsonschema::draft202012::meta::validate(&s).expect("valid against the meta-schema");
        jsonschema::draft202012::new(&s).expect("compiles");
    }

    /// Every key the loader accepts is in the schema, so editors do not flag valid files.
    #[test]
    fn schema_knows_every_loader_key() {
        let text = SCHEMA;
        for (set, keys) in crate::definition::load::ALL_KEY_SETS {
            for k in *keys {
                assert!(
                    text.contains(&format!("\"{k}\"")),
                    "schema lacks `{k}` of {set}"
                );
            }
        }
    }
}
