//! The call engine: a transcript replayed as the platform would live it. Call start and the
//! pre-call webhook (with its assignments and `on_failure`), then each turn: entities, the
//! trigger engine, conditions, pending actions that fire once their parameters arrive, once
//! per distinct parameter set; event lines fire call_status; the end fires post_call.
//! Everything that happens is an [`Event`], handed to a sink as it happens; the engine never
//! prints (the command gives a sink that renders through `output::timeline`).
//! May import: `definition`, `extract`, `transcript`, `listener`, `webhook`. May not import:
//! `output`, `mock`, `lint`, `commands` or `cli`.

use crate::definition::model::*;
use crate::extract::Entities;
use crate::listener::Hearing;
use crate::transcript::{Item, Side, Transcript, Turn};
use crate::webhook::plan::{self, ParamError, PostCall, Target};
use crate::webhook::render::value_text;
use crate::webhook::run::Run;
use crate::webhook::verdict::{self, Verdict};
use serde_json::{Map, Value as Json};

/// One thing that happened in the call. `--json` prints these as JSON Lines.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    CallStarted {
        at: f64,
        caller: String,
        started: String,
        conversation_id: String,
    },
    Turn {
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<f64>,
        side: Side,
        speaker: String,
        text: String,
        place: String,
    },
    Entities {
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<f64>,
        entities: Entities,
    },
    Trigger {
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<f64>,
        action: String,
        by: String,
        /// Conditions that did not hold, if any: then the action does not fire.
        unmet: Vec<String>,
        /// It already fired with these parameters: an action fires once per set.
        already_fired: bool,
    },
    ActionPending {
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<f64>,
        action: String,
        missing: Vec<String>,
    },
    ActionFired {
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<f64>,
        action: String,
        parameters: Map<String, Json>,
    },
    Webhook {
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<f64>,
        target: String,
        method: String,
        url: String,
        /// The headers as sent, in order (secrets masked by the printer).
        headers: Map<String, Json>,
        /// The body as sent (secrets masked by the printer).
        #[serde(skip_serializing_if = "Option::is_none")]
        body: Option<Json>,
        dry_run: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<u16>,
        #[serde(skip_serializing_if = "Option::is_none")]
        verdict: Option<Box<Verdict>>,
        #[serde(skip)]
        secrets: Vec<String>,
        /// What the user should know about how the request was built (the command says it
        /// once, on standard error).
        #[serde(skip)]
        warnings: Vec<String>,
    },
    Expectation {
        passed: bool,
        expectation: String,
        detail: String,
        place: String,
    },
    CallEnded {
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<f64>,
        reason: String,
        duration_secs: u64,
        actions_fired: Vec<String>,
        pending: Vec<String>,
        failed: Vec<String>,
        expectations_passed: usize,
        expectations_failed: usize,
    },
}

/// Heard values for an action's parameters, by name.
type Given = Vec<(String, Json)>;
/// Parameters typed from heard values, and the required ones still missing.
type Typed = (Map<String, Json>, Vec<String>);

/// What the call has heard so far: the latest value of each entity kind, and parameter
/// values found by their patterns.
#[derive(Default)]
struct Knowledge {
    by_param: Map<String, Json>,
    email: Option<String>,
    phone: Option<String>,
    date: Option<String>,
    number: Option<Json>,
}

impl Knowledge {
    /// Take in a turn's entities; whether anything the call knows changed.
    fn learn(&mut self, e: &Entities) -> bool {
        fn update<T: PartialEq + Clone>(slot: &mut Option<T>, heard: Option<&T>) -> bool {
            match heard {
                Some(v) if slot.as_ref() != Some(v) => {
                    *slot = Some(v.clone());
                    true
                }
                _ => false,
            }
        }
        let mut changed = false;
        for (k, v) in &e.parameters {
            if self.by_param.get(k) != Some(v) {
                self.by_param.insert(k.clone(), v.clone());
                changed = true;
            }
        }
        changed |= update(&mut self.email, e.email.last());
        changed |= update(&mut self.phone, e.phone.last());
        changed |= update(&mut self.date, e.date.last());
        changed |= update(&mut self.number, e.number.last());
        changed
    }

    /// A value for a typed parameter: its pattern's value, else the latest entity of its type.
    fn value_for(&self, p: &Parameter) -> Option<Json> {
        if p.pattern.is_some() {
            return self.by_param.get(&p.name.value).cloned();
        }
        match p.ty.value {
            ParamType::Email => self.email.clone().map(Json::String),
            ParamType::Phone => self.phone.clone().map(Json::String),
            ParamType::Date => self.date.clone().map(Json::String),
            ParamType::Number | ParamType::Integer => self.number.clone(),
            _ => self.by_param.get(&p.name.value).cloned(),
        }
    }

    /// A value for a JSON Schema property, by its format, type or name.
    fn value_for_property(&self, name: &str, schema: &Json) -> Option<Json> {
        if let Some(v) = self.by_param.get(name) {
            return Some(v.clone());
        }
        let format = schema.get("format").and_then(Json::as_str).unwrap_or("");
        let ty = schema.get("type").and_then(Json::as_str).unwrap_or("");
        let lname = name.to_ascii_lowercase();
        if format == "email" || lname.contains("email") {
            self.email.clone().map(Json::String)
        } else if format == "date" || lname == "date" || lname.ends_with("_date") {
            self.date.clone().map(Json::String)
        } else if lname.contains("phone") {
            self.phone.clone().map(Json::String)
        } else if ty == "number" || ty == "integer" {
            self.number.clone()
        } else {
            None
        }
    }
}

pub struct CallEngine<'a> {
    pub run: &'a mut Run<'a>,
    pub dry_run: bool,
    knowledge: Knowledge,
    pending: Vec<usize>,
    fired: Vec<(String, Map<String, Json>)>,
    failed: Vec<String>,
    seen: std::collections::HashSet<String>,
    /// Per action: the heard values it was last typed from, and the result. Typing depends
    /// only on those values and the call context, which is fixed once the turns begin; an
    /// action triggered on turn after turn (an `entity: email` trigger) is typed once.
    typed: std::collections::HashMap<usize, (Given, Typed)>,
    last_at: Option<f64>,
}

impl<'a> CallEngine<'a> {
    pub fn new(run: &'a mut Run<'a>, dry_run: bool) -> Self {
        CallEngine {
            run,
            dry_run,
            knowledge: Knowledge::default(),
            pending: Vec::new(),
            fired: Vec::new(),
            failed: Vec::new(),
            seen: std::collections::HashSet::new(),
            typed: std::collections::HashMap::new(),
            last_at: None,
        }
    }

    /// Replay the whole transcript. `heard` yields one [`Hearing`] per caller turn, in order
    /// ([`crate::listener::Listener`]). Returns whether every expectation held.
    pub async fn replay(
        &mut self,
        t: &Transcript,
        heard: &mut dyn Iterator<Item = Hearing>,
        sink: &mut dyn FnMut(&Event),
    ) -> crate::Result<bool> {
        let def = self.run.def;
        sink(&Event::CallStarted {
            at: 0.0,
            caller: self.run.ctx.caller_phone.clone(),
            started: self.run.ctx.call_started_at.to_rfc3339(),
            conversation_id: self.run.ctx.conversation_id.clone(),
        });
        // Platforms that announce the call's start on their status webhook (Retell's
        // `call_started`) do so once the call is up.
        if let Some(cs) = &def.webhooks.call_status {
            let profile =
                crate::webhook::profile::profile(def.platform_for(Some(Owner::System(cs))));
            if let (Some(start), true) = (profile.start_event, cs.events.is_empty()) {
                self.run.ctx.event = Some(start.to_string());
                self.send(Target::System(cs), &Map::new(), Some(0.0), sink)
                    .await?;
                self.run.ctx.event = None;
            }
        }
        if let Some(pre) = &def.webhooks.pre_call {
            let v = self
                .send(Target::System(pre), &Map::new(), Some(0.0), sink)
                .await?;
            match v {
                Some(v) if v.ok => {
                    for (k, val) in &v.assigned {
                        self.run.ctx.assigned.push((k.clone(), val.clone()));
                    }
                }
                Some(_) if pre.on_failure == OnFailure::Block => {
                    return self
                        .finish(t, "blocked by pre_call (on_failure: block)", false, sink)
                        .await;
                }
                _ => {}
            }
        }
        for item in &t.items {
            match item {
                Item::Turn(turn) => self.turn(turn, heard, sink).await?,
                Item::Event { name, at, place } => {
                    self.heard_until(*at);
                    sink(&Event::Turn {
                        at: *at,
                        side: Side::Agent,
                        speaker: "--".into(),
                        text: name.clone(),
                        place: place.clone(),
                    });
                    if let Some(cs) = &def.webhooks.call_status {
                        // A platform sends only the status events it has (Retell: transfers).
                        let profile = crate::webhook::profile::profile(
                            def.platform_for(Some(Owner::System(cs))),
                        );
                        if (cs.events.is_empty() || cs.events.iter().any(|e| &e.value == name))
                            && (profile.sends_status)(name)
                        {
                            self.run.ctx.event = Some(name.clone());
                            self.send(Target::System(cs), &Map::new(), *at, sink)
                                .await?;
                            self.run.ctx.event = None;
                        }
                    }
                }
            }
        }
        self.finish(t, "transcript ended", true, sink).await
    }

    async fn turn(
        &mut self,
        turn: &Turn,
        heard: &mut dyn Iterator<Item = Hearing>,
        sink: &mut dyn FnMut(&Event),
    ) -> crate::Result<()> {
        self.heard_until(turn.end.or(turn.at));
        let at = turn.at;
        sink(&Event::Turn {
            at,
            side: turn.side,
            speaker: turn.speaker.clone(),
            text: turn.text.clone(),
            place: turn.place.clone(),
        });
        if turn.side != Side::Caller {
            return Ok(());
        }
        let Hearing {
            entities,
            triggered,
        } = heard.next().unwrap_or_default();
        let learned = self.knowledge.learn(&entities);
        if !entities.is_empty() {
            sink(&Event::Entities { at, entities });
        }
        let mut handled = Vec::new();
        let def = self.run.def;
        for t in triggered {
            handled.push(t.action);
            let action = &def.actions[t.action];
            let (params, missing) = self.parameters(t.action);
            let unmet = self.unmet_conditions(action, &params);
            let already_fired = unmet.is_empty()
                && missing.is_empty()
                && self.seen.contains(&fire_key(action, &params));
            sink(&Event::Trigger {
                at,
                action: action.name.value.clone(),
                by: t.by.clone(),
                unmet: unmet.clone(),
                already_fired,
            });
            if !unmet.is_empty() {
                continue;
            }
            if !missing.is_empty() {
                if !self.pending.contains(&t.action) {
                    self.pending.push(t.action);
                    sink(&Event::ActionPending {
                        at,
                        action: action.name.value.clone(),
                        missing,
                    });
                }
                continue;
            }
            self.pending.retain(|p| *p != t.action);
            if !already_fired {
                self.fire(t.action, params, at, sink).await?;
            }
        }
        // Pending actions whose parameters arrived in this turn. When the turn taught the call
        // nothing new, their parameters are as they were at the last check: still missing.
        if !learned {
            return Ok(());
        }
        let waiting: Vec<usize> = self
            .pending
            .iter()
            .copied()
            .filter(|p| !handled.contains(p))
            .collect();
        for idx in waiting {
            let action = &def.actions[idx];
            let (params, missing) = self.parameters(idx);
            if missing.is_empty() && self.unmet_conditions(action, &params).is_empty() {
                self.pending.retain(|p| *p != idx);
                self.fire(idx, params, at, sink).await?;
            }
        }
        Ok(())
    }

    /// Typed parameters of action `idx` from what the call knows, and the required ones
    /// still missing.
    fn parameters(&mut self, idx: usize) -> Typed {
        let action = &self.run.def.actions[idx];
        let given = self.given(action);
        if let Some((last, typed)) = self.typed.get(&idx) {
            if *last == given {
                return typed.clone();
            }
        }
        let typed = self.type_given(action, given.clone());
        self.typed.insert(idx, (given, typed.clone()));
        typed
    }

    /// The values the call has heard for the action's parameters.
    /// The call lasts at least until `t` (a turn's end, else its start; an event's time).
    fn heard_until(&mut self, t: Option<f64>) {
        if let Some(t) = t {
            self.last_at = Some(self.last_at.map_or(t, |last| last.max(t)));
        }
    }

    fn given(&self, action: &Action) -> Given {
        let mut given: Given = Vec::new();
        if let Some(schema) = &action.schema {
            if let Some(props) = schema.value.get("properties").and_then(Json::as_object) {
                for (name, s) in props {
                    if let Some(v) = self.knowledge.value_for_property(name, s) {
                        given.push((name.clone(), v));
                    }
                }
            }
        } else {
            for p in &action.parameters {
                if let Some(v) = self.knowledge.value_for(p) {
                    given.push((p.name.value.clone(), v));
                }
            }
        }
        given
    }

    fn type_given(&self, action: &Action, mut given: Given) -> Typed {
        // A heard value that does not fit its parameter is dropped, as an agent would ask again.
        for _ in 0..=given.len() {
            match plan::resolve_partial(
                self.run.def,
                action,
                &given,
                &self.run.ctx,
                &self.run.env,
                &self.run.region,
            ) {
                Ok(found) => return found,
                Err(ParamError::Invalid { name, .. }) | Err(ParamError::Unknown { name, .. }) => {
                    given.retain(|(k, _)| k != &name)
                }
                Err(_) => {
                    if given.pop().is_none() {
                        break;
                    }
                }
            }
        }
        (Map::new(), action.required_parameters())
    }

    fn known(&self, name: &str, params: &Map<String, Json>) -> Option<Json> {
        if let Some(v) = params.get(name) {
            return Some(v.clone());
        }
        let ctx = &self.run.ctx;
        ctx.assigned
            .iter()
            .chain(ctx.cli_vars.iter())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .or_else(|| {
                self.run
                    .def
                    .agent
                    .variables
                    .iter()
                    .find(|(k, _)| k.value == name)
                    .map(|(_, v)| Json::String(v.value.raw.clone()))
            })
    }

    fn unmet_conditions(&self, action: &Action, params: &Map<String, Json>) -> Vec<String> {
        let mut unmet = Vec::new();
        for c in &action.conditions {
            match c {
                Condition::Present(n) => {
                    if self.known(&n.value, params).is_none_or(|v| v.is_null()) {
                        unmet.push(format!("present: {}", n.value));
                    }
                }
                Condition::Absent(n) => {
                    if self.known(&n.value, params).is_some_and(|v| !v.is_null()) {
                        unmet.push(format!("absent: {}", n.value));
                    }
                }
                Condition::Equals(pairs) => {
                    for (k, want) in pairs {
                        let ok = self
                            .known(&k.value, params)
                            .is_some_and(|got| value_text(&got) == value_text(&want.value));
                        if !ok {
                            unmet.push(format!(
                                "equals: {} = {}",
                                k.value,
                                value_text(&want.value)
                            ));
                        }
                    }
                }
            }
        }
        unmet
    }

    async fn fire(
        &mut self,
        idx: usize,
        params: Map<String, Json>,
        at: Option<f64>,
        sink: &mut dyn FnMut(&Event),
    ) -> crate::Result<()> {
        let def = self.run.def;
        let action = &def.actions[idx];
        if !self.seen.insert(fire_key(action, &params)) {
            return Ok(());
        }
        sink(&Event::ActionFired {
            at,
            action: action.name.value.clone(),
            parameters: params.clone(),
        });
        self.fired.push((action.name.value.clone(), params.clone()));
        self.send(Target::Action(action), &params, at, sink).await?;
        Ok(())
    }

    /// Build and send (or, dry, only build) one webhook; emit its event.
    async fn send(
        &mut self,
        target: Target<'a>,
        params: &Map<String, Json>,
        at: Option<f64>,
        sink: &mut dyn FnMut(&Event),
    ) -> crate::Result<Option<Verdict>> {
        // Envelopes carry the time they are sent: the call's start plus the replay's clock.
        self.run.ctx.at = at.or(self.last_at).unwrap_or(0.0);
        let mut plan = self.run.plan(target, params)?;
        let body = plan.body_json.take().or_else(|| {
            plan.body.as_ref().map(|b| {
                serde_json::from_slice(b)
                    .unwrap_or_else(|_| Json::String(String::from_utf8_lossy(b).into_owned()))
            })
        });
        // A dry run builds the request and stops there; otherwise send and judge it.
        let (status, verdict) = if self.dry_run {
            (None, None)
        } else {
            let ex = self.run.sender.send(&plan).await;
            let v = verdict::judge(target, &ex);
            if !v.ok {
                self.failed.push(target.name().to_string());
            }
            (ex.response.as_ref().map(|r| r.status), Some(v))
        };
        sink(&Event::Webhook {
            at,
            target: target.name().to_string(),
            method: plan.method.as_str().to_string(),
            url: plan.url.to_string(),
            headers: plan
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), Json::String(v.clone())))
                .collect(),
            body,
            dry_run: self.dry_run,
            status,
            verdict: verdict.clone().map(Box::new),
            secrets: plan.secrets.clone(),
            warnings: plan.warnings.clone(),
        });
        Ok(verdict)
    }

    async fn finish(
        &mut self,
        t: &Transcript,
        reason: &str,
        post_call: bool,
        sink: &mut dyn FnMut(&Event),
    ) -> crate::Result<bool> {
        let def = self.run.def;
        let duration = self.last_at.unwrap_or(0.0).round() as u64;
        let mut names: Vec<String> = Vec::new();
        for (n, _) in &self.fired {
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
        if post_call {
            if let Some(pc) = &def.webhooks.post_call {
                self.run.ctx.post_call = Some(PostCall {
                    duration_secs: duration,
                    summary: summary(t, &self.fired, &self.failed, duration),
                    transcript: transcript_text(t),
                    actions_fired: names.clone(),
                    turns: turn_records(t),
                    ended_reason: reason.to_string(),
                });
                // Fire-and-forget: sent once, never retried, whatever comes back.
                self.send(Target::System(pc), &Map::new(), self.last_at, sink)
                    .await?;
            }
        }
        let mut passed = 0;
        let mut failed = 0;
        for e in &t.expectations {
            let (ok, detail) = self.check(e);
            if ok {
                passed += 1;
            } else {
                failed += 1;
            }
            let text = if e.negate {
                format!("expect-not {}", e.action)
            } else {
                let kv: Vec<String> = e.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("expect {} {}", e.action, kv.join(" "))
                    .trim_end()
                    .to_string()
            };
            sink(&Event::Expectation {
                passed: ok,
                expectation: text,
                detail,
                place: e.place.clone(),
            });
        }
        let pending = self
            .pending
            .iter()
            .map(|i| def.actions[*i].name.value.clone())
            .collect();
        sink(&Event::CallEnded {
            at: self.last_at,
            reason: reason.to_string(),
            duration_secs: duration,
            actions_fired: names,
            pending,
            failed: self.failed.clone(),
            expectations_passed: passed,
            expectations_failed: failed,
        });
        Ok(failed == 0)
    }

    fn check(&self, e: &crate::transcript::Expectation) -> (bool, String) {
        let runs: Vec<&Map<String, Json>> = self
            .fired
            .iter()
            .filter(|(n, _)| n == &e.action)
            .map(|(_, p)| p)
            .collect();
        if e.negate {
            return if runs.is_empty() {
                (true, format!("{} did not fire", e.action))
            } else {
                (false, format!("{} fired {} time(s)", e.action, runs.len()))
            };
        }
        if runs.is_empty() {
            return (false, format!("{} did not fire", e.action));
        }
        let matching = runs.iter().any(|p| {
            e.params
                .iter()
                .all(|(k, v)| p.get(k).is_some_and(|got| &value_text(got) == v))
        });
        if matching {
            (true, format!("{} fired", e.action))
        } else {
            let seen: Vec<String> = runs
                .iter()
                .map(|p| Json::Object((*p).clone()).to_string())
                .collect();
            (
                false,
                format!("{} fired with {}", e.action, seen.join(", ")),
            )
        }
    }
}

/// What makes two firings the same: the action and its parameters.
fn fire_key(action: &Action, params: &Map<String, Json>) -> String {
    format!(
        "{}{}",
        action.name.value,
        serde_json::to_string(params).unwrap_or_default()
    )
}

/// The `transcript` built-in: one `Speaker: words` line per turn.
/// The turns as post-call reports carry them (status events are not turns).
pub fn turn_records(t: &Transcript) -> Vec<plan::TurnRecord> {
    t.items
        .iter()
        .filter_map(|i| match i {
            Item::Turn(turn) => Some(plan::TurnRecord {
                caller: turn.side == Side::Caller,
                text: turn.text.clone(),
                at: turn.at,
            }),
            Item::Event { .. } => None,
        })
        .collect()
}

/// Turns from `Speaker: words` lines (`test post_call --var transcript=…`): the caller's
/// words where the speaker is a caller-side name, the agent's otherwise.
pub fn turn_records_from_text(text: &str) -> Vec<plan::TurnRecord> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (who, words) = l.split_once(':').unwrap_or(("", l));
            plan::TurnRecord {
                caller: crate::transcript::side_of(who) == Some(Side::Caller),
                text: words.trim().to_string(),
                at: None,
            }
        })
        .collect()
}

pub fn transcript_text(t: &Transcript) -> String {
    t.items
        .iter()
        .map(|i| match i {
            Item::Turn(turn) => format!("{}: {}", turn.speaker, turn.text),
            Item::Event { name, .. } => format!("-- {name}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `call_summary` built-in, a documented heuristic: the caller's first request, the
/// actions that ran (and failed), and the length of the call.
pub fn summary(
    t: &Transcript,
    fired: &[(String, Map<String, Json>)],
    failed: &[String],
    secs: u64,
) -> String {
    let first = t.items.iter().find_map(|i| match i {
        Item::Turn(turn) if turn.side == Side::Caller => Some(turn.text.clone()),
        _ => None,
    });
    let mut s = match first {
        Some(f) => {
            let short: String = f.chars().take(120).collect();
            format!(
                "Caller: \"{short}{}\".",
                if f.chars().count() > 120 { "…" } else { "" }
            )
        }
        None => "The caller said nothing.".to_string(),
    };
    let mut names: Vec<&str> = Vec::new();
    for (n, _) in fired {
        if !names.contains(&n.as_str()) {
            names.push(n);
        }
    }
    if names.is_empty() {
        s.push_str(" No actions ran.");
    } else {
        s.push_str(&format!(" Actions: {}.", names.join(", ")));
    }
    if !failed.is_empty() {
        s.push_str(&format!(" Failed: {}.", failed.join(", ")));
    }
    s.push_str(&format!(" Duration: {secs}s."));
    s
}
