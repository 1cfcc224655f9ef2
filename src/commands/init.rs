//! `voxhook init`: write a starter voxhook.yaml, asking a few questions when interactive.

use super::Global;
use crate::cli::InitArgs;
use crate::{Error, Outcome, Result};
use std::path::PathBuf;

/// The questions init asks. A trait so tests answer without a terminal.
pub trait Prompter {
    fn ask(&mut self, question: &str, default: &str) -> Result<String>;
}

/// Answers every question with its default (`--yes`, or stdin not a terminal).
pub struct Defaults;

impl Prompter for Defaults {
    fn ask(&mut self, _q: &str, default: &str) -> Result<String> {
        Ok(default.to_string())
    }
}

/// Interactive prompts on the terminal.
pub struct Terminal;

impl Prompter for Terminal {
    fn ask(&mut self, question: &str, default: &str) -> Result<String> {
        dialoguer::Input::<String>::new()
            .with_prompt(question)
            .default(default.to_string())
            .interact_text()
            .map_err(|e| Error::input(format!("prompt failed: {e}")))
    }
}

pub struct Answers {
    pub agent_name: String,
    pub company: String,
    pub base_url: String,
    pub token_var: String,
}

pub fn ask(p: &mut dyn Prompter) -> Result<Answers> {
    let company = p.ask("Company name", "Acme Plumbing")?;
    let agent_name = p.ask("Agent name", &format!("{company} Receptionist"))?;
    let base_url = loop {
        let u = p.ask("Base URL of your API (https)", "https://api.example.com")?;
        if url::Url::parse(&u).is_ok() {
            break u.trim_end_matches('/').to_string();
        }
        eprintln!("`{u}` is not a URL; try e.g. https://api.example.com");
    };
    let token_var = p.ask("Environment variable holding the API token", "API_TOKEN")?;
    Ok(Answers {
        agent_name,
        company,
        base_url,
        token_var,
    })
}

pub fn starter(a: &Answers) -> String {
    format!(
        r#"# Written by `voxhook init`. For editor completion: `voxhook schema > voxhook.schema.json`
# and a first line `# yaml-language-server: $schema=./voxhook.schema.json`.
# Check it with `voxhook lint`, fire an action with
# `voxhook test check_appointment --mock`, and see SPEC-level docs in the README.
version: 1
agent:
  id: agent_starter
  name: {agent_name}
  variables:
    company: {company}
defaults:
  timeout: 5s
  auth: {{ bearer: "${{env:{token_var}}}" }}
actions:
  - name: check_appointment
    description: >-
      Look up the caller's next appointment. Use when the caller asks when their
      appointment is, or wants to confirm it.
    parameters:
      phone: {{ type: phone, description: The caller's phone number, default: "{{{{caller_phone}}}}" }}
    triggers:
      - phrases: ["my appointment", "when is my appointment"]
    webhook:
      url: {base_url}/appointments/lookup
    fallback: Sorry, I can't look up appointments right now.
    mock:
      - body: {{ success: true, result: {{ date: "2026-03-25", time: "10:00" }} }}
"#,
        agent_name = yaml_str(&a.agent_name),
        company = yaml_str(&a.company),
        token_var = a.token_var,
        base_url = a.base_url
    )
}

fn yaml_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

pub fn run(a: &InitArgs, g: &Global) -> Result<Outcome> {
    use std::io::IsTerminal;
    let path = g
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from("voxhook.yaml"));
    if path.exists() && !a.force {
        return Err(Error::input(format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        )));
    }
    let interactive = !a.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let answers = if interactive {
        ask(&mut Terminal)?
    } else {
        ask(&mut Defaults)?
    };
    if !answers
        .token_var
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        || answers.token_var.is_empty()
    {
        return Err(Error::input(format!(
            "`{}` is not an environment variable name",
            answers.token_var
        )));
    }
    let dotenv = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.join(".env"),
        _ => PathBuf::from(".env"),
    };
    let wrote_env = !dotenv.exists();
    if wrote_env {
        let text = format!(
            "# Secrets for voxhook.yaml's ${{env:…}} values. Keep this file out of git.\n{}=replace-me\n",
            answers.token_var
        );
        std::fs::write(&dotenv, text).map_err(|source| Error::Io {
            path: dotenv.clone(),
            source,
        })?;
    }
    std::fs::write(&path, starter(&answers)).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    if !g.quiet {
        crate::outln!("wrote {}", path.display());
        if wrote_env {
            crate::outln!(
                "wrote {} (put your token there; add it to .gitignore)",
                dotenv.display()
            );
        }
        let f = if path == std::path::Path::new("voxhook.yaml") {
            String::new()
        } else {
            format!("-f {} ", path.display())
        };
        crate::outln!("next: voxhook {f}lint, then voxhook {f}test check_appointment --mock");
    }
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Scripted(Vec<&'static str>);
    impl Prompter for Scripted {
        fn ask(&mut self, _q: &str, default: &str) -> Result<String> {
            Ok(if self.0.is_empty() {
                default.to_string()
            } else {
                self.0.remove(0).to_string()
            })
        }
    }

    #[test]
    fn starter_lints_clean_with_answers() {
        let a = ask(&mut Scripted(vec![
            "Bob's \"Pipes\"",
            "",
            "not a url",
            "https://pipes.example.com/",
            "PIPES_TOKEN",
        ]))
        .expect("answers");
        assert_eq!(a.base_url, "https://pipes.example.com");
        let text = starter(&a);
        let loaded = crate::definition::load_str(std::path::Path::new("voxhook.yaml"), &text);
        let findings = crate::lint::lint(&loaded, false);
        assert!(findings.is_empty(), "{findings:?}");
        assert!(text.contains("${env:PIPES_TOKEN}"));
    }
}
