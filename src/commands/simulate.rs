//! `voxhook simulate`: replay a transcript through the call engine.

use super::Global;
use crate::call::CallEngine;
use crate::cli::SimulateArgs;
use crate::listener::Listener;
use crate::output::{Paint, timeline::Timeline};
use crate::webhook::run::Run;
use crate::{Error, Outcome, Result};
use serde_json::Value as Json;
use std::io::Write;

/// What the transcript and the flags give a replay.
struct Prepared {
    transcript: crate::transcript::Transcript,
    started: chrono::DateTime<chrono::FixedOffset>,
    send: crate::cli::SendArgs,
}

pub fn run(a: SimulateArgs, g: &Global) -> Result<Outcome> {
    // libphonenumber's metadata takes ~0.1 s to load on first use; load it while the action
    // file is read.
    std::thread::spawn(|| std::hint::black_box(&*phonenumber::metadata::DATABASE));
    let mut loaded = super::load(g, true)?;
    loaded.def.platform_override = a.send.platform.map(super::platform_of);
    let prepared: std::sync::OnceLock<Result<Prepared>> = std::sync::OnceLock::new();
    // The listener hears the caller's turns on a second thread, ahead of the call engine
    // (see `listener`); the bounded channel keeps it at most a few thousand turns (a few MB)
    // ahead. It builds its indexes while this thread reads the transcript and checks the
    // file: nothing it does is sent, and the engine waits for the check.
    let outcome = std::thread::scope(|scope| -> Result<Option<Outcome>> {
        let (tx, rx) = std::sync::mpsc::sync_channel(4096);
        // The transcript follows once read; `go` is dropped unsent if this thread unwinds
        // first, so the listener never waits for a transcript that will not come.
        let (go, start) = std::sync::mpsc::channel::<Option<&Prepared>>();
        let (def, region) = (&loaded.def, &a.send.region);
        scope.spawn(move || {
            let listener = Listener::new(def, region);
            if let Ok(Some(p)) = start.recv() {
                listener.hear_all(&p.transcript, p.started, |h| tx.send(h).is_ok());
            }
            // The process ends soon: freeing thousands of compiled regexes one by one
            // would only add to a long replay's time.
            std::mem::forget(listener);
        });
        let prepared = prepared.get_or_init(|| prepare(&a, &loaded.def));
        let _ = go.send(prepared.as_ref().ok());
        // Errors in the action file come first; with any, nothing is sent. A replay may fire
        // any webhook of the file, so an unset `${env:…}` anywhere stops it now, not after
        // the webhooks before it were sent.
        super::check_errors(
            g,
            &loaded,
            a.send.allow_local || a.send.mock,
            true,
            "nothing was sent",
        )?;
        let Ok(Prepared {
            transcript,
            started,
            send,
        }) = &prepared
        else {
            return Ok(None);
        };
        let def = &loaded.def;
        let rt = super::test::runtime()?;
        rt.block_on(async {
            let (call, send_opts) = super::send_options(send)?;
            let mut run = Run::new(def, &call, send_opts, *started)?;
            run.ctx.fixed_clock = a.now.is_some();
            if a.now.is_some() && !send.dry_run {
                super::warn_fixed_clock(*started);
            }
            run.public_url = send.public_url.clone();
            let mocks = if send.mock && !send.dry_run {
                Some(crate::mock::start(def, None, None).await)
            } else {
                None
            };
            run.mock_base = mocks.as_ref().map(|m| m.uri());
            let mut printer =
                Timeline::new(Paint::new(g.color), send.json, send.show_secrets, g.quiet)
                    .with_hours(transcript.last_time().is_some_and(|t| t >= 3600.0))
                    .with_verbose(g.verbose);
            // Buffered: a 100,000-turn replay writes millions of lines. A live exchange
            // flushes, so the timeline shows each webhook as it completes.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let live = !send.dry_run;
            let mut warned: Vec<String> = Vec::new();
            let mut sink = |e: &crate::call::Event| {
                if let crate::call::Event::Webhook { warnings, .. } = e {
                    for w in warnings {
                        if !warned.contains(w) {
                            eprintln!("warning: {w}");
                            warned.push(w.clone());
                        }
                    }
                }
                let text = printer.render(e);
                let mut r = out.write_all(text.as_bytes());
                if live && matches!(e, crate::call::Event::Webhook { .. }) {
                    r = r.and_then(|_| out.flush());
                }
                if r.is_err() {
                    // The reader went away (`| head`): stop quietly.
                    std::process::exit(0);
                }
            };
            let mut engine = CallEngine::new(&mut run, send.dry_run);
            let ok = engine
                .replay(transcript, &mut rx.into_iter(), &mut sink)
                .await?;
            let _ = out.flush();
            Ok(Some(if ok {
                Outcome::Success
            } else {
                Outcome::CheckFailed
            }))
        })
    })?;
    // As with the listener: the process ends right after this.
    std::mem::forget(loaded);
    match (outcome, prepared.into_inner()) {
        (Some(outcome), _) => Ok(outcome),
        (None, Some(Err(e))) => Err(e),
        (None, _) => Err(Error::Failed("the replay did not run".into())),
    }
}

/// Read the transcript, check its expectations against the file, and settle the call's start
/// and caller.
fn prepare(a: &SimulateArgs, def: &crate::definition::Definition) -> Result<Prepared> {
    // `-` is standard input, as for curl's `-d @-`; the format then comes from the content.
    let bytes = super::read_input(&a.transcript)?;
    let mut transcript = crate::transcript::read(&a.transcript, &bytes).map_err(|e| {
        Error::input(format!(
            "{}: {}: {}",
            a.transcript.display(),
            e.place,
            e.message
        ))
    })?;
    let started = match (&a.now, transcript.started) {
        (Some(n), _) => super::parse_now(n)?,
        (None, Some(s)) => s,
        (None, None) => crate::webhook::plan::now_seconds(),
    };
    let mut send = a.send.clone();
    if send.caller.is_none() {
        if let Some(c) = &transcript.caller {
            crate::definition::values::to_e164(c, &send.region).map_err(|e| {
                Error::input(format!(
                    "{}: {}: caller: {e}",
                    a.transcript.display(),
                    transcript.caller_place
                ))
            })?;
            send.caller = Some(c.clone());
        }
    }
    check_expectations(def, &mut transcript, &a.transcript, &send.region)?;
    Ok(Prepared {
        transcript,
        started,
        send,
    })
}

/// Expectations must name real actions and parameters: a typo would otherwise pass forever
/// (`expect-not`) or fail for the wrong reason. Expected values are typed as their parameter
/// types what it hears (`A@B.com` is `a@b.com`, `(415) 555-2671` is `+14155552671`), and a
/// value that cannot be one is refused.
fn check_expectations(
    def: &crate::definition::Definition,
    t: &mut crate::transcript::Transcript,
    path: &std::path::Path,
    region: &str,
) -> Result<()> {
    for e in &mut t.expectations {
        let Some(action) = def.action(&e.action) else {
            let help = crate::diag::did_you_mean(
                &e.action,
                def.actions.iter().map(|a| a.name.value.as_str()),
            )
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
            return Err(Error::input(format!(
                "{}: {}: the expectation names `{}`, which is not an action{help}",
                path.display(),
                e.place,
                e.action
            )));
        };
        let names = action.parameter_names();
        for (k, v) in &mut e.params {
            if let Some(p) = action.parameter(k) {
                let typed = crate::definition::values::coerce_type(
                    p.ty.value,
                    &Json::String(v.clone()),
                    region,
                )
                .map_err(|why| {
                    Error::input(format!("{}: {}: `{k}={v}`: {why}", path.display(), e.place))
                })?;
                *v = crate::webhook::render::value_text(&typed);
            }
            if !names.contains(k) {
                let help = crate::diag::did_you_mean(k, names.iter().map(String::as_str))
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                return Err(Error::input(format!(
                    "{}: {}: `{k}` is not a parameter of `{}`{help}",
                    path.display(),
                    e.place,
                    e.action
                )));
            }
        }
    }
    Ok(())
}
