//! Lint: the loader's structural findings plus every rule in [`RULES`], each in its own file
//! under `rules/` with a stable code. `docs` in each entry is the line in the README table.
//!
//! Owns: findings about a loaded file. May import: `definition`, `diag`, `text`, `webhook`
//! (the policy and plan checks lint shares with sending), `schema`. May not import: `call`,
//! `mock`, `output` (printers render findings), `commands` or `cli`.

pub mod rules;

use crate::definition::env::EnvSource;
use crate::definition::model::*;
use crate::definition::{Loaded, template::Template};
use crate::diag::{Finding, Severity, Span};

/// One lint rule: a stable code, its severity, what it catches, and its check.
/// Rules with `check: None` are enforced by the loader while it reads the file.
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub example: &'static str,
    pub check: Option<fn(&Ctx, &mut Vec<Finding>)>,
}

const fn loader(code: &'static str, summary: &'static str, example: &'static str) -> Rule {
    Rule {
        code,
        severity: Severity::Error,
        summary,
        example,
        check: None,
    }
}

pub const RULES: &[Rule] = &[
    loader(
        "syntax",
        "the file is not valid YAML, not UTF-8, too deep, too large or an alias bomb",
        "`actions: [`",
    ),
    loader(
        "unknown-key",
        "a key the format does not know, with did-you-mean",
        "`descripton:`",
    ),
    loader(
        "duplicate-key",
        "the same key twice in one mapping",
        "two `url:` in one webhook",
    ),
    loader(
        "type",
        "a value of the wrong type or an unknown enum value",
        "`timeout: soon`, `method: FETCH`",
    ),
    loader(
        "missing-key",
        "a required key is absent",
        "an action without `description`",
    ),
    loader("version", "`version` missing or not 1", "`version: 2`"),
    loader(
        "template",
        "a malformed `{{ }}` or `${env:…}`",
        "`{{ order number }}`",
    ),
    loader(
        "parameter-type",
        "an unknown parameter type",
        "`type: text`",
    ),
    loader(
        "trigger",
        "a trigger with none or several of phrases/entity/regex",
        "`- { phrases: [..], regex: .. }`",
    ),
    loader(
        "parameters-or-schema",
        "an action with both `parameters` and `schema`",
        "",
    ),
    rules::action_name::RULE,
    rules::duplicate_action::RULE,
    rules::url_invalid::RULE,
    rules::url_scheme::RULE,
    rules::url_private::RULE,
    rules::url_credentials::RULE,
    rules::method_policy::RULE,
    rules::unknown_template::RULE,
    rules::builtin_context::RULE,
    rules::invalid_pattern::RULE,
    rules::invalid_value::RULE,
    rules::invalid_schema::RULE,
    rules::empty_trigger::RULE,
    rules::invalid_regex::RULE,
    rules::unknown_entity::RULE,
    rules::duplicate_phrase::RULE,
    rules::unknown_condition::RULE,
    rules::inline_secret::RULE,
    rules::auth_header::RULE,
    rules::invalid_header::RULE,
    rules::signing_secret::RULE,
    rules::signing_platform::RULE,
    rules::platform_timeout::RULE,
    rules::platform_method::RULE,
    rules::platform_key::RULE,
    rules::platform_reply_size::RULE,
    rules::timeout_policy::RULE,
    rules::slow_timeout::RULE,
    rules::post_call_assign::RULE,
    rules::invalid_jsonpath::RULE,
    rules::vague_description::RULE,
    rules::unknown_event::RULE,
    rules::env_unset::RULE,
];

pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// A request as sent: the owner's keys merged over `defaults`.
pub struct Site<'a> {
    pub owner: Owner<'a>,
    pub label: String,
    pub request: Request,
}

pub struct Ctx<'a> {
    pub def: &'a Definition,
    pub sites: Vec<Site<'a>>,
    pub check_env: bool,
    pub env: EnvSource,
    /// The file's YAML tree, parsed again only when a finding needs a place inside a value
    /// the model keeps as JSON (a schema, a body, test and mock values).
    root: std::sync::OnceLock<Option<crate::definition::yaml::Node>>,
}

impl<'a> Ctx<'a> {
    pub fn new(def: &'a Definition, check_env: bool) -> Self {
        let mut sites = Vec::new();
        for a in &def.actions {
            sites.push(Site {
                owner: Owner::Action(a),
                label: format!("action `{}`", a.name.value),
                request: a.webhook.merged(&def.defaults),
            });
        }
        for w in def.webhooks.iter() {
            sites.push(Site {
                owner: Owner::System(w),
                label: format!("webhook `{}`", w.kind.as_str()),
                request: w.request.merged(&def.defaults),
            });
        }
        Ctx {
            def,
            sites,
            check_env,
            env: EnvSource {
                dotenv: def.dotenv.clone(),
            },
            root: std::sync::OnceLock::new(),
        }
    }

    /// Every request as written (not merged): `defaults`, each action's webhook, each system
    /// webhook. For rules about what the file says, reported once where it says it.
    pub fn written_requests(&self) -> impl Iterator<Item = &'a Request> {
        std::iter::once(&self.def.defaults)
            .chain(self.def.actions.iter().map(|a| &a.webhook))
            .chain(self.def.webhooks.iter().map(|w| &w.request))
    }

    /// The place of `path` inside the JSON value written at `base`: the offending key's own
    /// line and column rather than the line that opens the value. Falls back to `base`.
    pub fn locate(&self, base: Span, path: &[crate::definition::yaml::PathSeg]) -> Span {
        if path.is_empty() {
            return base;
        }
        let root = self
            .root
            .get_or_init(|| crate::definition::yaml::parse(&self.def.source).ok());
        root.as_ref()
            .and_then(|r| r.node_at(base))
            .map(|n| n.locate(path))
            .unwrap_or(base)
    }
}

/// Run every rule over a loaded file. Findings come back ordered by place.
pub fn lint(loaded: &Loaded, check_env: bool) -> Vec<Finding> {
    lint_with(loaded, check_env, |_| true)
}

/// Only the rules that find errors: what a command that refuses an invalid file needs, for
/// less work on a large file.
/// `check_env`: an `${env:…}` that is neither set nor given a fallback is an error too.
pub fn errors(loaded: &Loaded, check_env: bool) -> Vec<Finding> {
    let mut findings = lint_with(loaded, check_env, |r| r.severity == Severity::Error);
    findings.retain(|f| f.severity == Severity::Error);
    findings
}

fn lint_with(loaded: &Loaded, check_env: bool, wanted: fn(&Rule) -> bool) -> Vec<Finding> {
    let mut findings = loaded.findings.clone();
    // A file that did not parse has nothing more to check.
    if !findings.iter().any(|f| f.code == "syntax") {
        let ctx = Ctx::new(&loaded.def, check_env);
        // The rules are independent: two threads (the machines we target have two cores) take
        // the next rule from a shared counter, so the costly ones spread out by themselves.
        let next = std::sync::atomic::AtomicUsize::new(0);
        let run = || {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(r) = RULES.get(i) else { break };
                if !wanted(r) {
                    continue;
                }
                if let Some(check) = r.check {
                    check(&ctx, &mut out);
                }
            }
            out
        };
        let (a, b) = std::thread::scope(|s| {
            let other = s.spawn(run);
            let mine = run();
            (mine, other.join().unwrap_or_default())
        });
        findings.extend(a);
        findings.extend(b);
    }
    findings.sort_by_key(|f| (f.span.line, f.span.col, f.code));
    findings.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    findings
}

/// The place of a template variable inside its string.
pub fn var_span(def: &Definition, t: &Sp<Template>, at: usize) -> Span {
    let mut span = crate::definition::load::locate_in(&def.source, t.span, &t.value.raw, at);
    if span != t.span {
        // Cover the whole `{{ … }}` or `${env:…}` reference.
        let rest = t.value.raw.get(at..).unwrap_or("");
        let end = if rest.starts_with("{{") {
            rest.find("}}").map(|i| i + 2)
        } else {
            rest.find('}').map(|i| i + 1)
        };
        span.len = end.unwrap_or(1);
    }
    span
}
