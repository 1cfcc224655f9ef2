//! What the platform hears in one caller turn: its entities and the actions it triggers.
//!
//! Hearing a turn depends only on the turn's words, its time and the action file, never on
//! what the call did before, so a long replay hears its turns on a second thread while the
//! call engine (which is sequential: knowledge, pending actions, webhooks) works through the
//! turns already heard. Both sides see the same turns in the same order.

use crate::definition::Definition;
use crate::extract::{Entities, Extractor};
use crate::transcript::{Item, Side, Transcript, Turn};
use crate::trigger::{TriggerEngine, Triggered};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// One caller turn, heard.
#[derive(Debug, Default)]
pub struct Hearing {
    pub entities: Entities,
    pub triggered: Vec<Triggered>,
}

pub struct Listener<'d> {
    extractor: Extractor<'d>,
    triggers: TriggerEngine,
}

impl<'d> Listener<'d> {
    pub fn new(def: &'d Definition, region: &str) -> Self {
        // The two indexes are independent and, for thousands of actions, each takes a while
        // (literal prefixes of every pattern): build them side by side.
        let (extractor, triggers) = std::thread::scope(|s| {
            let triggers = s.spawn(|| TriggerEngine::new(def));
            let extractor = Extractor::new(def, region);
            (extractor, triggers.join())
        });
        Listener {
            extractor,
            triggers: triggers.unwrap_or_else(|e| std::panic::resume_unwind(e)),
        }
    }

    /// Hear one turn of a call that started at `started` (dates are relative to it).
    pub fn hear(&self, turn: &Turn, started: DateTime<FixedOffset>) -> Hearing {
        let entities = self.extractor.extract(&turn.text, today(started, turn.at));
        let normalised = crate::text::normalise(&turn.text);
        let triggered = self.triggers.triggered(&turn.text, &normalised, &entities);
        Hearing {
            entities,
            triggered,
        }
    }

    /// Hear every caller turn of `t` in order, handing each to `out`; stops early when `out`
    /// returns false (the engine went away).
    pub fn hear_all(
        &self,
        t: &Transcript,
        started: DateTime<FixedOffset>,
        mut out: impl FnMut(Hearing) -> bool,
    ) {
        for turn in caller_turns(t) {
            if !out(self.hear(turn, started)) {
                break;
            }
        }
    }
}

/// The caller's turns, the only ones that trigger.
pub fn caller_turns(t: &Transcript) -> impl Iterator<Item = &Turn> {
    t.items.iter().filter_map(|i| match i {
        Item::Turn(turn) if turn.side == Side::Caller => Some(turn),
        _ => None,
    })
}

/// The caller's "today" at `at` seconds into the call: dates such as "tomorrow" are relative
/// to it, so a call that runs past midnight moves on a day.
pub fn today(started: DateTime<FixedOffset>, at: Option<f64>) -> NaiveDate {
    let offset = chrono::Duration::milliseconds((at.unwrap_or(0.0) * 1000.0) as i64);
    (started + offset).date_naive()
}
