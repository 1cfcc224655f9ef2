//! `${env:NAME}` values: the process environment first, then a `.env` file beside the action
//! file (read with dotenvy, so quoting and `export` lines follow the usual .env rules).

use std::path::Path;

/// Read `.env` from `dir`. A missing file is no values; a malformed line is reported.
pub fn read_dotenv(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let path = dir.join(".env");
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let iter = dotenvy::from_path_iter(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for item in iter {
        match item {
            Ok(kv) => out.push(kv),
            Err(dotenvy::Error::LineParse(line, at)) => {
                return Err(format!(
                    "{}: cannot read the line `{line}` (at character {at})",
                    path.display()
                ));
            }
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    Ok(out)
}

/// Where env values come from at run time.
#[derive(Clone, Debug, Default)]
pub struct EnvSource {
    pub dotenv: Vec<(String, String)>,
}

impl EnvSource {
    pub fn get(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().or_else(|| {
            self.dotenv
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    /// The values of every `${env:…}` the file uses: printers mask them wherever they appear
    /// (the mock's log, `-v`).
    pub fn file_secrets(&self, def: &super::Definition) -> Vec<String> {
        let mut out = Vec::new();
        for (_, t) in def.templates() {
            for (name, _, _) in t.value.envs() {
                if let Some(v) = self.get(name) {
                    if !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotenv_beside_file() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(
            dir.path().join(".env"),
            "VOXHOOK_T_A=one\nexport VOXHOOK_T_B=\"two words\"\n# c\n",
        )
        .expect("write");
        let env = EnvSource {
            dotenv: read_dotenv(dir.path()).expect("reads"),
        };
        assert_eq!(env.get("VOXHOOK_T_A").as_deref(), Some("one"));
        assert_eq!(env.get("VOXHOOK_T_B").as_deref(), Some("two words"));
        assert_eq!(env.get("VOXHOOK_T_NOPE"), None);
    }
}
