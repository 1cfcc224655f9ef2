//! voxhook: the webhook engine of a Voice-AI platform, on the developer's machine.
//!
//! Data path: file -> `definition` (model with spans) -> { `lint` rules | `webhook` (plan ->
//! policy -> sender) -> `output` | `transcript` -> `extract` -> `trigger` -> `call` }.
//!
//! Layers, lowest first; a module imports only from layers below it (`tests/layering.rs`
//! checks the imports):
//! 1. `text`: string primitives. `diag` and `definition`: the file, its model and findings.
//! 2. `extract`, `transcript`, `trigger`, `listener`, `webhook`, `lint`, `schema`: the engines;
//!    `tooldef` (platform tool JSON to and from actions).
//! 3. `call` (replays a call through the webhook core) and `mock` (serves `mock:` rules).
//! 4. `output`: every printer, over the data the layers below return.
//! 5. `cli` (clap definitions, no work) and `commands` (the glue, and the program itself).
//!
//! This file holds the module list and the one error type, which every layer returns.

pub mod call;
pub mod cli;
pub mod commands;
pub mod definition;
pub mod diag;
pub mod extract;
pub mod lint;
pub mod listener;
pub mod mock;
pub mod output;
pub mod schema;
pub mod text;
pub mod tooldef;
pub mod transcript;
pub mod trigger;
pub mod webhook;

use std::path::PathBuf;

/// Exit codes, as the SPEC names them.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const CHECK_FAILED: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
}

/// What a command reports when it finished without an error of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// A check failed (lint findings, a failed webhook, an expectation): exit 1.
    CheckFailed,
}

/// The one error type; [`Error::exit_code`] is the single place codes are chosen.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad usage or input: exit 2. The message says what and where.
    #[error("{0}")]
    Input(String),
    /// A check failed in a way that is not a report of its own (e.g. a server refused): exit 1.
    #[error("{0}")]
    Failed(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::Io { .. } => exit::BAD_INPUT,
            Error::Failed(_) => exit::CHECK_FAILED,
        }
    }
    pub fn input(msg: impl Into<String>) -> Self {
        Error::Input(msg.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
