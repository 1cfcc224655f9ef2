//! `voxhook test`: the "Test Webhook" flow, `--repeat` load, and `--all` test cases.

use super::Global;
use crate::cli::TestArgs;
use crate::definition::model::*;
use crate::definition::units::parse_duration;
use crate::output::{Paint, exchange as print};
use crate::webhook::case::{CaseResult, check_case};
use crate::webhook::load::LoadStats;
use crate::webhook::plan::{self, ParamError, Target, find_target};
pub use crate::webhook::run::Run;
use crate::webhook::sender::Exchange;
use crate::webhook::verdict;
use crate::{Error, Outcome, Result};
use serde_json::{Map, Value as Json};
use std::time::{Duration, Instant};

/// Asks for missing parameters. A trait so the prompting path is tested without a terminal.
pub trait ParamPrompter {
    fn ask(&mut self, p: &Parameter, region: &str) -> Result<Json>;
}

/// dialoguer prompts, typed and validated as the parameter says.
pub struct TerminalPrompter;

impl ParamPrompter for TerminalPrompter {
    fn ask(&mut self, p: &Parameter, region: &str) -> Result<Json> {
        let mut label = format!("{} ({})", p.name.value, p.ty.value.as_str());
        if let Some(d) = &p.description {
            label.push_str(&format!(" — {}", d.value));
        }
        if let Some(e) = p.example.as_ref().filter(|e| {
            let shown = crate::webhook::render::value_text(&e.value);
            !p.description
                .as_ref()
                .is_some_and(|d| d.value.contains(&shown))
        }) {
            label.push_str(&format!(
                " [e.g. {}]",
                crate::webhook::render::value_text(&e.value)
            ));
        }
        let param = p.clone();
        let region_owned = region.to_string();
        let answer: String = dialoguer::Input::new()
            .with_prompt(label)
            .validate_with(move |s: &String| -> std::result::Result<(), String> {
                crate::definition::values::coerce(&param, &Json::String(s.clone()), &region_owned)
                    .map(|_| ())
            })
            .interact_text()
            .map_err(|e| Error::input(format!("prompt failed: {e}")))?;
        Ok(Json::String(answer))
    }
}

/// `--params JSON|@FILE` as an object.
pub fn parse_params_json(s: &str) -> Result<Map<String, Json>> {
    let (text, from) = match s.strip_prefix('@') {
        Some(path) => (
            std::fs::read_to_string(path)
                .map_err(|e| Error::input(format!("--params @{path}: {e}")))?,
            format!("@{path}"),
        ),
        None => (s.to_string(), "--params".to_string()),
    };
    match serde_json::from_str::<Json>(&text) {
        Ok(Json::Object(m)) => Ok(m),
        Ok(_) => Err(Error::input(format!(
            "{from}: expected a JSON object of parameters"
        ))),
        Err(e) => Err(Error::input(format!("{from}: not JSON: {e}"))),
    }
}

pub fn run(a: TestArgs, g: &Global) -> Result<Outcome> {
    let def = super::load_valid(
        g,
        a.send.allow_local || a.send.mock,
        a.send.platform,
        "nothing was sent",
    )?;
    let rt = runtime()?;
    rt.block_on(run_async(a, g, &def))
}

pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Failed(format!("cannot start the async runtime: {e}")))
}

async fn run_async(a: TestArgs, g: &Global, def: &Definition) -> Result<Outcome> {
    let now = match &a.now {
        Some(n) => {
            let t = super::parse_now(n)?;
            super::warn_fixed_clock(t);
            t
        }
        None => crate::webhook::plan::now_seconds(),
    };
    let (call, send) = super::send_options(&a.send)?;
    let mut run = Run::new(def, &call, send, now)?;
    run.ctx.fixed_clock = a.now.is_some();
    run.public_url = a.send.public_url.clone();
    if let Some(t) = &a.timeout {
        let d = parse_duration(t).map_err(|e| Error::input(format!("--timeout: {e}")))?;
        if d.is_zero() {
            return Err(Error::input("--timeout: must be more than 0"));
        }
        if d > def.policy.max_timeout {
            eprintln!(
                "warning: --timeout {t} is above policy.max_timeout ({}); the platform would cut it there, and so does voxhook",
                crate::definition::units::fmt_duration(def.policy.max_timeout)
            );
        }
        run.timeout = Some(d);
    }
    let mocks = if a.send.mock && !a.send.dry_run {
        Some(crate::mock::start(def, None, None).await)
    } else {
        None
    };
    run.mock_base = mocks.as_ref().map(|m| m.uri());
    if a.send.mock && a.send.dry_run {
        run.mock_base = Some("http://127.0.0.1:0".into());
    }
    if a.all {
        return run_all(&a, g, &run).await;
    }
    let name = a.target.clone().unwrap_or_default();
    let target = find_target(def, &name).ok_or_else(|| unknown_target(def, &name))?;
    let params = gather_params(
        &ParamArgs {
            params: &a.params,
            params_json: a.params_json.as_deref(),
            no_prompt: a.no_prompt,
        },
        &run,
        target,
        &mut TerminalPrompter,
    )?;
    // No call happened: `--var` gives the built-ins a platform fills from the call, and
    // placeholders show where the rest go.
    let ctx = run.ctx.clone();
    let var = |name: &str| {
        ctx.var(name)
            .map(|v| crate::webhook::render::value_text(&v))
    };
    if target.kind() == Some(SystemKind::PostCall) {
        let transcript = var("transcript");
        run.ctx.post_call = Some(crate::webhook::plan::PostCall {
            duration_secs: var("call_duration")
                .and_then(|d| d.trim().parse().ok())
                .unwrap_or(0),
            summary: var("call_summary")
                .unwrap_or_else(|| "[call_summary: pass --var call_summary=…]".into()),
            transcript: transcript
                .clone()
                .unwrap_or_else(|| "[transcript: pass --var transcript=…]".into()),
            actions_fired: ctx
                .var("actions_fired")
                .and_then(|v| serde_json::from_value(v).ok())
                .unwrap_or_default(),
            // `--var transcript` as `Speaker: words` lines becomes the turns.
            turns: transcript
                .map(|t| crate::call::turn_records_from_text(&t))
                .unwrap_or_default(),
            ended_reason: "transcript ended".into(),
        });
    }
    if target.kind() == Some(SystemKind::CallStatus) {
        if let Some(e) = var("event") {
            if !CALL_EVENTS.contains(&e.as_str()) {
                let help = crate::diag::did_you_mean(&e, CALL_EVENTS)
                    .unwrap_or_else(|| format!("events: {}", CALL_EVENTS.join(", ")));
                return Err(Error::input(format!(
                    "--var event={e}: not a status event\nhelp: {help}"
                )));
            }
            run.ctx.event = Some(e);
        }
    }
    let p = Paint::new(g.color);
    let plan = run.plan(target, &params)?;
    // What the platform would refuse is bad input: refuse it before anything is sent.
    let warnings = match run.sender.check(&plan) {
        Ok(w) => w,
        // Nothing is sent in a dry run: say what a real run would refuse, and go on.
        Err(e) if a.send.dry_run => vec![format!("a real run would refuse this: {}", e.message)],
        Err(e) => return Err(Error::Input(format!("refused: {}", e.message))),
    };
    for w in warnings.iter().chain(plan.warnings.iter()) {
        eprintln!("{} {w}", p.yellow("warning:"));
    }
    if a.send.dry_run {
        let text = if a.send.json {
            print::exchange_json(
                &Exchange {
                    plan: plan.clone(),
                    response: None,
                    error: None,
                    elapsed: Duration::ZERO,
                },
                None,
                a.send.show_secrets,
            )
        } else {
            let t = print::request(&plan, p);
            if a.send.show_secrets {
                t
            } else {
                print::redact(&t, &plan.secrets)
            }
        };
        crate::outln!("{}", text.trim_end());
        if let (true, false, Some(signed)) = (g.verbose, a.send.json, &plan.signed) {
            crate::outln!("\n  signed ({}): {signed}", plan.platform.as_str());
        }
        return Ok(Outcome::Success);
    }
    if let Some(n) = a.repeat {
        return repeat(&run, target, &params, n, a.concurrency, g, a.send.json).await;
    }
    let ex = run.sender.send(&plan).await;
    if let Some(e) = ex
        .error
        .as_ref()
        .filter(|e| e.kind == crate::webhook::sender::FailureKind::Policy)
    {
        // A name that resolved to a private address: refused before connecting.
        return Err(Error::Input(e.message.clone()));
    }
    let v = verdict::judge(target, &ex);
    if a.send.json {
        crate::outln!(
            "{}",
            print::exchange_json(&ex, Some(&v), a.send.show_secrets)
        );
    } else {
        crate::out!(
            "{}",
            print::exchange(&ex, &v, p, g.quiet, a.send.show_secrets)
        );
        if g.verbose {
            verbose_details(&ex, mocks.as_ref(), &run, a.send.show_secrets);
        }
    }
    Ok(if v.ok {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}

/// `-v`: where the request went, and with `--mock` what the mock server received.
fn verbose_details(
    ex: &Exchange,
    mocks: Option<&crate::mock::Mocks>,
    run: &Run,
    show_secrets: bool,
) {
    let mut s = String::new();
    if let Some(addr) = ex.response.as_ref().and_then(|r| r.remote) {
        s.push_str(&format!("  connected to {addr}\n"));
    }
    if let Some(signed) = &ex.plan.signed {
        s.push_str(&format!(
            "  signed ({}): {signed}\n",
            ex.plan.platform.as_str()
        ));
    }
    if let Some(m) = mocks {
        if let Ok(log) = m.log.lock() {
            for r in log.iter() {
                s.push_str("  mock received: ");
                s.push_str(&print::received(r));
            }
        }
    }
    let mut secrets = ex.plan.secrets.clone();
    secrets.extend(run.env.file_secrets(run.def));
    crate::out!(
        "{}",
        if show_secrets {
            s
        } else {
            print::redact(&s, &secrets)
        }
    );
}

fn unknown_target(def: &Definition, name: &str) -> Error {
    let mut names: Vec<&str> = def.actions.iter().map(|a| a.name.value.as_str()).collect();
    names.extend(def.webhooks.iter().map(|w| w.kind.as_str()));
    let help = crate::diag::did_you_mean(name, names.iter().copied())
        .unwrap_or_else(|| format!("targets: {}", names.join(", ")));
    if SystemKind::parse(name).is_some() {
        return Error::input(format!("the file has no `webhooks.{name}`"));
    }
    Error::input(format!("no action named `{name}`\nhelp: {help}"))
}

/// The parameter flags of `test` and `drill`.
pub struct ParamArgs<'a> {
    pub params: &'a [String],
    pub params_json: Option<&'a str>,
    pub no_prompt: bool,
}

/// Values from `--params`, then `-p` (later wins); missing required ones are prompted for
/// when stdin is a terminal, else named in the error.
pub fn gather_params(
    a: &ParamArgs,
    run: &Run,
    target: Target,
    prompter: &mut dyn ParamPrompter,
) -> Result<Map<String, Json>> {
    let Target::Action(action) = target else {
        if !a.params.is_empty() || a.params_json.is_some() {
            return Err(Error::input(format!(
                "`{}` takes no parameters; use --var for template values",
                target.name()
            )));
        }
        return Ok(Map::new());
    };
    let mut given: Vec<(String, Json)> = Vec::new();
    if let Some(j) = a.params_json {
        given.extend(parse_params_json(j)?);
    }
    for (k, v) in super::parse_pairs(a.params, "-p")? {
        // Command-line values are text; typing follows the parameter.
        given.push((k, Json::String(v)));
    }
    use std::io::IsTerminal;
    let interactive = !a.no_prompt && std::io::stdin().is_terminal();
    resolve_with_prompts(run, action, given, interactive, prompter)
}

pub fn resolve_with_prompts(
    run: &Run,
    action: &Action,
    mut given: Vec<(String, Json)>,
    interactive: bool,
    prompter: &mut dyn ParamPrompter,
) -> Result<Map<String, Json>> {
    loop {
        match plan::resolve_params(run.def, action, &given, &run.ctx, &run.env, &run.region) {
            Ok(m) => return Ok(m),
            Err(ParamError::Missing(names)) if interactive && action.schema.is_none() => {
                for n in names {
                    if let Some(p) = action.parameter(&n) {
                        given.push((n.clone(), prompter.ask(p, &run.region)?));
                    }
                }
            }
            Err(ParamError::Missing(names)) => {
                let flags: Vec<String> = names.iter().map(|n| format!("-p {n}=…")).collect();
                return Err(Error::input(format!(
                    "`{}`: {}\nhelp: pass {} (or run in a terminal to be asked)",
                    action.name.value,
                    ParamError::Missing(names),
                    flags.join(" ")
                )));
            }
            Err(e) => {
                return Err(Error::input(format!(
                    "`{}`: {e}; nothing was sent",
                    action.name.value
                )));
            }
        }
    }
}

/// `--repeat N --concurrency C`: latency percentiles, errors and throughput.
async fn repeat(
    run: &Run<'_>,
    target: Target<'_>,
    params: &Map<String, Json>,
    n: u32,
    c: u32,
    g: &Global,
    json: bool,
) -> Result<Outcome> {
    use futures::stream::{self, StreamExt};
    if n == 0 {
        return Err(Error::input("--repeat must be at least 1"));
    }
    let start = Instant::now();
    let mut plans = Vec::with_capacity(n as usize);
    for _ in 0..n {
        // A fresh plan each time: Standard Webhooks ids and timestamps are per message.
        plans.push(run.plan(target, params)?);
    }
    let results: Vec<(Duration, bool, Option<String>)> = stream::iter(plans)
        .map(|p| async move {
            let ex = run.sender.send(&p).await;
            let v = verdict::judge(target, &ex);
            (ex.elapsed, v.ok, v.reason)
        })
        .buffer_unordered(c.max(1) as usize)
        .collect()
        .await;
    let wall = start.elapsed();
    let stats = LoadStats::from(&results, wall, run.plan(target, params)?.timeout);
    if json {
        crate::outln!("{}", serde_json::to_string(&stats).unwrap_or_default());
    } else {
        crate::out!(
            "{}",
            crate::output::table::load_stats(&stats, Paint::new(g.color))
        );
    }
    Ok(if stats.errors > 0 {
        Outcome::CheckFailed
    } else {
        Outcome::Success
    })
}

async fn run_all(a: &TestArgs, g: &Global, run: &Run<'_>) -> Result<Outcome> {
    use futures::stream::{self, StreamExt};
    let mut cases: Vec<(Target, &TestCase)> = Vec::new();
    for action in &run.def.actions {
        cases.extend(action.tests.iter().map(|t| (Target::Action(action), t)));
    }
    for w in run.def.webhooks.iter() {
        cases.extend(w.tests.iter().map(|t| (Target::System(w), t)));
    }
    if cases.is_empty() {
        return Err(Error::input("the file has no `tests:` cases"));
    }
    // Build every plan first: a bad value stops the run before anything is sent.
    let mut planned = Vec::new();
    for (target, case) in &cases {
        let params = match target {
            Target::Action(action) => {
                let given: Vec<(String, Json)> = case
                    .parameters
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.value.clone()))
                    .collect();
                plan::resolve_params(run.def, action, &given, &run.ctx, &run.env, &run.region)
                    .map_err(|e| {
                        Error::input(format!(
                            "{}:{}:{}: test `{}`: {e}",
                            run.def.path.display(),
                            case.span.line,
                            case.span.col,
                            case.name.value
                        ))
                    })?
            }
            Target::System(_) => Map::new(),
        };
        // Per-case variables are layered over --var.
        let p = if case.vars.is_empty() {
            run.plan(*target, &params)?
        } else {
            let mut ctx = run.ctx.clone();
            let mut vars: Vec<(String, Json)> = case
                .vars
                .iter()
                .map(|(k, v)| (k.value.clone(), Json::String(v.value.clone())))
                .collect();
            vars.extend(ctx.cli_vars.clone());
            ctx.cli_vars = vars;
            run.plan_in(*target, &params, &ctx)?
        };
        planned.push((*target, *case, p));
    }
    if a.send.dry_run {
        for (_, case, p) in &planned {
            crate::outln!("# {}", case.name.value);
            let t = print::request(p, Paint::new(g.color));
            crate::outln!(
                "{}",
                if a.send.show_secrets {
                    t
                } else {
                    print::redact(&t, &p.secrets)
                }
            );
        }
        return Ok(Outcome::Success);
    }
    let results: Vec<CaseResult> = stream::iter(planned)
        .map(|(target, case, p)| async move {
            let ex = run.sender.send(&p).await;
            let v = verdict::judge(target, &ex);
            let failures = check_case(case, &ex, &v);
            CaseResult {
                target: target.name().to_string(),
                name: case.name.value.clone(),
                passed: failures.is_empty(),
                failures,
                status: ex.response.as_ref().map(|r| r.status),
                latency_ms: ex.elapsed.as_millis() as u64,
            }
        })
        .buffered(a.concurrency.max(1) as usize)
        .collect()
        .await;
    if let Some(spec) = &a.report {
        let path = spec
            .strip_prefix("junit=")
            .ok_or_else(|| Error::input(format!("--report `{spec}`: expected junit=PATH")))?;
        std::fs::write(
            path,
            crate::output::junit::render("voxhook test --all", &results),
        )
        .map_err(|source| Error::Io {
            path: path.into(),
            source,
        })?;
    }
    if a.send.json {
        crate::outln!("{}", serde_json::to_string(&results).unwrap_or_default());
    } else {
        crate::out!(
            "{}",
            crate::output::table::cases(&results, Paint::new(g.color))
        );
    }
    Ok(if results.iter().all(|r| r.passed) {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::{CallOptions, SendOptions};

    struct Scripted(Vec<&'static str>, Vec<String>);
    impl ParamPrompter for Scripted {
        fn ask(&mut self, p: &Parameter, _region: &str) -> Result<Json> {
            self.1.push(p.name.value.clone());
            Ok(Json::String(self.0.remove(0).to_string()))
        }
    }

    fn def() -> Definition {
        let src = "version: 1\nactions:\n  - name: a\n    description: Use when testing the prompts of voxhook.\n    parameters:\n      n: { type: integer, required: true }\n      e: { type: email }\n    webhook: { url: \"https://api.example.com/a\" }\n";
        crate::definition::load_str(std::path::Path::new("t.yaml"), src).def
    }

    #[test]
    fn prompts_for_missing_required_only_when_interactive() {
        let d = def();
        let call = CallOptions {
            region: "US".into(),
            ..CallOptions::default()
        };
        let run = Run::new(
            &d,
            &call,
            SendOptions::default(),
            chrono::Utc::now().fixed_offset(),
        )
        .expect("run");
        let action = &d.actions[0];
        let mut p = Scripted(vec!["42"], vec![]);
        let m = resolve_with_prompts(&run, action, vec![], true, &mut p).expect("resolved");
        assert_eq!(p.1, vec!["n".to_string()]);
        assert_eq!(m.get("n"), Some(&Json::from(42)));
        let mut p = Scripted(vec![], vec![]);
        let e = resolve_with_prompts(&run, action, vec![], false, &mut p).expect_err("missing");
        assert!(
            e.to_string().contains("missing required parameter `n`"),
            "{e}"
        );
        assert_eq!(e.exit_code(), 2);
    }
}
