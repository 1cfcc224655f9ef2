//! `voxhook drill`: a correct delivery, the forgeries a receiver must refuse, the platform's
//! retry; a table of what a careful endpoint does and what this one did.

use super::Global;
use super::test::{ParamArgs, TerminalPrompter, gather_params, runtime};
use crate::cli::DrillArgs;
use crate::output::Paint;
use crate::webhook::drill;
use crate::webhook::plan::find_target;
use crate::webhook::run::Run;
use crate::{Error, Outcome, Result};

pub fn run(a: DrillArgs, g: &Global) -> Result<Outcome> {
    let def = super::load_valid(
        g,
        a.send.allow_local || a.send.mock,
        a.send.platform,
        "nothing was sent",
    )?;
    let rt = runtime()?;
    rt.block_on(async {
        let (call, send) = super::send_options(&a.send)?;
        let mut run = Run::new(&def, &call, send, crate::webhook::plan::now_seconds())?;
        run.public_url = a.send.public_url.clone();
        let mocks = if a.send.mock && !a.send.dry_run {
            Some(crate::mock::start(&def, None, None).await)
        } else {
            None
        };
        run.mock_base = mocks.as_ref().map(|m| m.uri());
        let target = find_target(&def, &a.target).ok_or_else(|| {
            Error::input(format!(
                "no action or system webhook named `{}` (see `voxhook list`)",
                a.target
            ))
        })?;
        let params = gather_params(
            &ParamArgs {
                params: &a.params,
                params_json: a.params_json.as_deref(),
                no_prompt: true,
            },
            &run,
            target,
            &mut TerminalPrompter,
        )?;
        let plan = run.plan(target, &params)?;
        // Drills go only where `test` would send: the same policy, refused the same way.
        if let Err(e) = run.sender.check(&plan) {
            return Err(Error::Input(format!("refused: {}", e.message)));
        }
        let scheme = plan
            .signing
            .as_ref()
            .map(|s| s.scheme.as_str())
            .unwrap_or("unsigned");
        let list = drill::drills(&plan, chrono::Utc::now().timestamp_millis());
        let mut secrets = plan.secrets.clone();
        if let Some(s) = &plan.signing {
            secrets.push(s.secret.clone());
        }
        if a.send.dry_run {
            for d in &list {
                crate::outln!("# {} ({}): {}", d.name, d.expect.text(), d.what);
                if let Some(p) = &d.plan {
                    let text = crate::output::exchange::request(p, Paint::new(g.color));
                    crate::outln!(
                        "{}",
                        if a.send.show_secrets {
                            text
                        } else {
                            crate::output::exchange::redact(&text, &secrets)
                        }
                    );
                }
            }
            return Ok(Outcome::Success);
        }
        // The report's file is opened before anything is sent: a bad path must not cost the
        // results.
        let report = match &a.report {
            Some(spec) => {
                let path = spec.strip_prefix("junit=").ok_or_else(|| {
                    Error::input(format!("--report `{spec}`: expected junit=PATH"))
                })?;
                let f = std::fs::File::create(path).map_err(|source| Error::Io {
                    path: path.into(),
                    source,
                })?;
                Some((path.to_string(), f))
            }
            None => None,
        };
        let results = drill::run(&run.sender, list).await;
        if let Some(first) = results.first().filter(|r| r.status.is_none()) {
            return Err(Error::Input(format!(
                "{}: the correct delivery got no answer ({}); nothing to drill",
                plan.url, first.got
            )));
        }
        if let Some((path, mut f)) = report {
            use std::io::Write;
            let cases = crate::output::receiver::drill_cases(target.name(), &results);
            let suite = format!("voxhook drill {}", target.name());
            f.write_all(crate::output::junit::render(&suite, &cases).as_bytes())
                .map_err(|source| Error::Io {
                    path: path.into(),
                    source,
                })?;
        }
        let text = if a.send.json {
            format!(
                "{}\n",
                serde_json::json!({
                    "target": target.name(),
                    "scheme": scheme,
                    "failed": drill::failed(&results),
                    "drills": results,
                })
            )
        } else {
            crate::output::receiver::drill_table(
                target.name(),
                scheme,
                &results,
                Paint::new(g.color),
            )
        };
        crate::out!(
            "{}",
            if a.send.show_secrets {
                text
            } else {
                crate::output::exchange::redact(&text, &secrets)
            }
        );
        Ok(if drill::failed(&results) {
            Outcome::CheckFailed
        } else {
            Outcome::Success
        })
    })
}
