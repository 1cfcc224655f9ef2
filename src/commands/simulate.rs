//! `voxhook simulate`: replay a transcript through the call engine.

use crate::call::CallEngine;
use crate::cli::SimulateArgs;
use crate::output::{Paint, timeline::Timeline};
use crate::webhook::run::Run;
use crate::{Error, Global, Outcome, Result};
use std::io::Write;

pub fn run(a: SimulateArgs, g: &Global) -> Result<Outcome> {
    let def = super::load_valid(g, a.send.allow_local || a.send.mock)?;
    let bytes = std::fs::read(&a.transcript).map_err(|source| Error::Io {
        path: a.transcript.clone(),
        source,
    })?;
    let transcript = crate::transcript::read(&a.transcript, &bytes).map_err(|e| {
        Error::input(format!(
            "{}: {}: {}",
            a.transcript.display(),
            e.place,
            e.message
        ))
    })?;
    let started = match (&a.now, transcript.started) {
        (Some(n), _) => chrono::DateTime::parse_from_rfc3339(n).map_err(|_| {
            Error::input(format!(
                "--now `{n}` is not an RFC 3339 time (e.g. 2026-03-24T09:00:00Z)"
            ))
        })?,
        (None, Some(s)) => s,
        (None, None) => chrono::Utc::now().fixed_offset(),
    };
    let mut send = a.send.clone();
    if send.caller.is_none() {
        send.caller = transcript.caller.clone();
    }
    let rt = super::test::runtime()?;
    rt.block_on(async {
        let mut run = Run::new(&def, &send, started)?;
        let mocks = if send.mock && !send.dry_run {
            Some(crate::mock::start(&def, None, false).await)
        } else {
            None
        };
        run.mock_base = mocks.as_ref().map(|m| m.uri());
        let mut printer = Timeline::new(Paint::new(g.color), send.json, send.show_secrets, g.quiet);
        // Buffered: a 100,000-turn replay writes millions of lines. A live exchange flushes,
        // so the timeline shows each webhook as it completes.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let live = !send.dry_run;
        let mut sink = |e: &crate::call::Event| {
            let text = printer.render(e);
            let _ = out.write_all(text.as_bytes());
            if live && matches!(e, crate::call::Event::Webhook { .. }) {
                let _ = out.flush();
            }
        };
        let mut engine = CallEngine::new(&mut run, send.dry_run);
        let ok = engine.replay(&transcript, &mut sink).await?;
        let _ = out.flush();
        Ok(if ok {
            Outcome::Success
        } else {
            Outcome::CheckFailed
        })
    })
}
