//! The `simulate` timeline: each turn with its time and speaker, the entities heard, a marker
//! for each trigger, and under the turn the exchange it caused; then expectations and a
//! summary. `--json` prints the same events as JSON Lines.

use super::Paint;
use super::exchange::redact;
use crate::call::Event;
use crate::transcript::Side;
use crate::webhook::render::value_text;
use serde_json::Value as Json;

pub struct Timeline {
    pub paint: Paint,
    pub json: bool,
    pub show_secrets: bool,
    pub quiet: bool,
    /// Secrets seen so far in the call: masked in every later line too.
    secrets: Vec<String>,
    expectations_header: bool,
    /// Clocks as `[h:mm:ss]`: the call reaches an hour.
    hours: bool,
    /// `-v`: request headers, and bodies, parameters and results in full.
    verbose: bool,
}

/// `[mm:ss]`, or `[h:mm:ss]` throughout a call that reaches an hour, so columns line up.
fn clock(at: Option<f64>, hours: bool) -> String {
    match at {
        Some(s) => format!("[{}]", crate::transcript::clock(s, hours)),
        None => " ".repeat(if hours { 9 } else { 7 }),
    }
}

impl Timeline {
    pub fn new(paint: Paint, json: bool, show_secrets: bool, quiet: bool) -> Self {
        Timeline {
            paint,
            json,
            show_secrets,
            quiet,
            secrets: Vec::new(),
            expectations_header: false,
            hours: false,
            verbose: false,
        }
    }

    /// `-v`: request headers, and bodies, parameters and results in full.
    pub fn with_verbose(mut self, verbose: bool) -> Self {
        self.verbose = verbose;
        self
    }

    /// Show clocks as `[h:mm:ss]` from the start, for a call that lasts an hour or more.
    pub fn with_hours(mut self, hours: bool) -> Self {
        self.hours = hours;
        self
    }

    /// The text for one event (empty when nothing is shown for it).
    pub fn render(&mut self, e: &Event) -> String {
        if let Event::Webhook { secrets, .. } = e {
            for s in secrets {
                if !self.secrets.contains(s) {
                    self.secrets.push(s.clone());
                }
            }
        }
        let text = if self.json {
            let mut line = serde_json::to_string(e).unwrap_or_default();
            line.push('\n');
            line
        } else {
            self.human(e)
        };
        if self.show_secrets {
            text
        } else {
            redact(&text, &self.secrets)
        }
    }

    fn human(&mut self, e: &Event) -> String {
        let p = self.paint;
        let hours = self.hours;
        let verbose = self.verbose;
        // Cut at 160 characters with `…`, unless `-v`.
        let compact =
            |v: &Json| super::exchange::compact_to(v, if verbose { usize::MAX } else { 160 });
        // Lines under a turn start where its words do.
        let pad = if hours { " ".repeat(11) } else { " ".repeat(9) };
        match e {
            Event::CallStarted {
                caller,
                started,
                conversation_id,
                ..
            } => {
                if self.quiet {
                    return String::new();
                }
                format!(
                    "{} · caller {caller} · {started} · {}\n",
                    p.bold("call started"),
                    p.dim(conversation_id)
                )
            }
            Event::Turn {
                at,
                side,
                speaker,
                text,
                ..
            } => {
                if self.quiet {
                    return String::new();
                }
                if speaker == "--" {
                    return format!(
                        "{} {}\n",
                        p.dim(&clock(*at, hours)),
                        p.cyan(&format!("-- {text}"))
                    );
                }
                let who = match side {
                    Side::Caller => p.bold(&format!("{speaker}:")),
                    Side::Agent => p.dim(&format!("{speaker}:")),
                };
                format!("{}  {who} {text}\n", p.dim(&clock(*at, hours)))
            }
            Event::Entities { entities, .. } => {
                if self.quiet {
                    return String::new();
                }
                let mut parts = Vec::new();
                for v in &entities.email {
                    parts.push(format!("email={v}"));
                }
                for v in &entities.phone {
                    parts.push(format!("phone={v}"));
                }
                for v in &entities.date {
                    parts.push(format!("date={v}"));
                }
                for v in &entities.number {
                    parts.push(format!("number={v}"));
                }
                for v in &entities.digits {
                    parts.push(format!("digits={v}"));
                }
                for (k, v) in &entities.parameters {
                    parts.push(format!("{k}={}", crate::webhook::render::value_text(v)));
                }
                format!("{pad}{} {}\n", p.dim("entities:"), parts.join(", "))
            }
            Event::Trigger {
                action,
                by,
                unmet,
                already_fired,
                ..
            } => {
                if *already_fired {
                    format!(
                        "{pad}{} {action} ({by}) already fired with these parameters\n",
                        p.dim("·"),
                    )
                } else if unmet.is_empty() {
                    format!(
                        "{pad}{} {}  {}\n",
                        p.yellow("⚡"),
                        p.bold(action),
                        p.dim(&format!("({by})"))
                    )
                } else {
                    format!(
                        "{pad}{} {action} ({by}) but conditions do not hold: {}\n",
                        p.dim("·"),
                        unmet.join(", ")
                    )
                }
            }
            Event::ActionPending {
                action, missing, ..
            } => {
                format!(
                    "{pad}{} {action} is pending: the agent would ask for {}\n",
                    p.yellow("…"),
                    missing.join(", ")
                )
            }
            Event::ActionFired {
                action, parameters, ..
            } => {
                format!(
                    "{pad}{} {action} fires with {}\n",
                    p.green("▸"),
                    compact(&Json::Object(parameters.clone()))
                )
            }
            Event::Webhook {
                target,
                method,
                url,
                headers,
                body,
                dry_run,
                status,
                verdict,
                ..
            } => {
                let mut s = String::new();
                // `-v`: the request's headers too, as `test` prints them.
                let verbose_headers = |s: &mut String| {
                    if verbose {
                        for (k, v) in headers {
                            s.push_str(&format!("{pad}  {k}: {}\n", value_text(v)));
                        }
                    }
                };
                if *dry_run {
                    s.push_str(&format!("{pad}↳ {target}: would send {method} {url}\n"));
                    verbose_headers(&mut s);
                    if let Some(b) = body {
                        s.push_str(&format!("{pad}  {}\n", p.dim(&compact(b))));
                    }
                    return s;
                }
                let Some(v) = verdict else { return s };
                let code = status
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "no response".into());
                let head = format!(
                    "{pad}↳ {target}: {method} {url} → {code}, {}ms",
                    v.latency_ms
                );
                s.push_str(&if v.ok { head } else { p.red(&head) });
                s.push('\n');
                verbose_headers(&mut s);
                if let Some(r) = &v.result {
                    s.push_str(&format!("{pad}  result: {}\n", compact(r)));
                }
                if let Some(er) = &v.error {
                    s.push_str(&format!("{pad}  error: {}\n", compact(er)));
                }
                for (k, val) in &v.assigned {
                    s.push_str(&format!("{pad}  assigned: {k} = {}\n", compact(val)));
                }
                if !v.ok {
                    s.push_str(&format!(
                        "{pad}  {} {}\n",
                        p.red("failed:"),
                        v.reason.as_deref().unwrap_or("")
                    ));
                    if let Some(f) = &v.fallback {
                        s.push_str(&format!("{pad}  the agent says: \"{f}\"\n"));
                    }
                }
                if v.slow {
                    s.push_str(&format!("{pad}  {}\n", p.yellow(&v.latency_line())));
                }
                s
            }
            Event::Expectation {
                passed,
                expectation,
                detail,
                place,
            } => {
                let mut s = String::new();
                if !self.expectations_header {
                    self.expectations_header = true;
                    s.push_str(&format!("\n{}\n", p.bold("expectations")));
                }
                let mark = if *passed {
                    p.green("✓")
                } else {
                    p.red("✗")
                };
                s.push_str(&format!(
                    "  {mark} {expectation}  {}\n",
                    p.dim(&format!("({place}: {detail})"))
                ));
                s
            }
            Event::CallEnded {
                reason,
                duration_secs,
                actions_fired,
                pending,
                failed,
                expectations_passed,
                expectations_failed,
                ..
            } => {
                let mut s = format!(
                    "\n{} after {duration_secs}s ({reason})\n",
                    p.bold("call ended")
                );
                let fired = if actions_fired.is_empty() {
                    "none".to_string()
                } else {
                    actions_fired.join(", ")
                };
                s.push_str(&format!("  actions fired: {fired}\n"));
                if !pending.is_empty() {
                    s.push_str(&format!("  still pending: {}\n", pending.join(", ")));
                }
                if !failed.is_empty() {
                    s.push_str(&format!(
                        "  {} {}\n",
                        p.red("failed webhooks:"),
                        failed.join(", ")
                    ));
                }
                if expectations_passed + expectations_failed > 0 {
                    let line =
                        format!("{expectations_passed} passed, {expectations_failed} failed");
                    s.push_str(&format!(
                        "  expectations: {}\n",
                        if *expectations_failed > 0 {
                            p.red(&line)
                        } else {
                            p.green(&line)
                        }
                    ));
                }
                s
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Side;

    fn turn(at: f64) -> Event {
        Event::Turn {
            at: Some(at),
            side: Side::Caller,
            speaker: "Caller".into(),
            text: "my email is jane@example.com".into(),
            place: "line 1".into(),
        }
    }

    #[test]
    fn verbose_shows_bodies_in_full() {
        let long = "x".repeat(300);
        let fired = Event::ActionFired {
            at: Some(1.0),
            action: "a".into(),
            parameters: [("note".to_string(), Json::String(long.clone()))]
                .into_iter()
                .collect(),
        };
        let mut short = Timeline::new(Paint::new(false), false, false, false);
        let cut = short.render(&fired);
        assert!(cut.contains('…') && !cut.contains(&long), "{cut}");
        let mut full = Timeline::new(Paint::new(false), false, false, false).with_verbose(true);
        assert!(full.render(&fired).contains(&long));
    }

    #[test]
    fn verbose_dry_run_shows_headers_masked() {
        let hook = Event::Webhook {
            at: Some(1.0),
            target: "a".into(),
            method: "POST".into(),
            url: "https://x.example.com/a".into(),
            headers: [
                ("X-Trace".to_string(), Json::String("t1".into())),
                (
                    "Authorization".to_string(),
                    Json::String("Bearer s3cret".into()),
                ),
            ]
            .into_iter()
            .collect(),
            body: None,
            dry_run: true,
            status: None,
            verdict: None,
            secrets: vec!["s3cret".into()],
            warnings: vec![],
        };
        let quiet = Timeline::new(Paint::new(false), false, false, false).render(&hook);
        assert!(!quiet.contains("X-Trace"), "{quiet}");
        let shown = Timeline::new(Paint::new(false), false, false, false)
            .with_verbose(true)
            .render(&hook);
        assert!(shown.contains("X-Trace: t1"), "{shown}");
        assert!(shown.contains("Authorization: Bearer ••••••") && !shown.contains("s3cret"));
    }

    #[test]
    fn clocks_keep_one_width_through_a_call() {
        let entities = Event::Entities {
            at: Some(3.0),
            entities: crate::extract::Entities {
                email: vec!["jane@example.com".into()],
                ..Default::default()
            },
        };
        let mut short = Timeline::new(Paint::new(false), false, false, false);
        assert_eq!(
            short.render(&turn(3.0)),
            "[00:03]  Caller: my email is jane@example.com\n"
        );
        let mut long = Timeline::new(Paint::new(false), false, false, false).with_hours(true);
        let first = long.render(&turn(3.0));
        let later = long.render(&turn(3725.0));
        assert_eq!(first, "[0:00:03]  Caller: my email is jane@example.com\n");
        assert_eq!(later, "[1:02:05]  Caller: my email is jane@example.com\n");
        // The line under the turn starts where the turn's words do.
        let under = long.render(&entities);
        assert_eq!(under.find("entities"), first.find("Caller"));
    }
}
