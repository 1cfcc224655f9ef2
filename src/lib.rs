//! voxhook: the webhook engine of a Voice-AI platform, on the developer's machine.
//!
//! Data path: file -> `definition` (model with spans) -> { `lint` rules | `webhook` (plan ->
//! policy -> sender) -> `output` | `transcript` -> `extract` -> `trigger` -> `call` }.

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
pub mod regex_index;
pub mod schema;
pub mod text;
pub mod transcript;
pub mod trigger;
pub mod values;
pub mod webhook;

use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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

/// Options every command sees.
#[derive(Debug, Clone)]
pub struct Global {
    pub file: Option<PathBuf>,
    pub color: bool,
    pub quiet: bool,
    pub verbose: bool,
}

/// Decide colour from `--color`, `NO_COLOR`, `CLICOLOR_FORCE`, `TERM=dumb` and whether stdout
/// is a terminal, in that order.
pub fn color_enabled(choice: cli::ColorChoice, is_tty: bool) -> bool {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    match choice {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => {
            if var("NO_COLOR").is_some() {
                false
            } else if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else {
                is_tty && std::env::var("TERM").map(|t| t != "dumb").unwrap_or(true)
            }
        }
    }
}

/// Find the action file: `-f`, then `$VOXHOOK_FILE`, then voxhook.yaml / voxhook.yml here.
pub fn find_file(given: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = given {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("VOXHOOK_FILE").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    for name in ["voxhook.yaml", "voxhook.yml"] {
        if Path::new(name).is_file() {
            return Ok(PathBuf::from(name));
        }
    }
    Err(Error::input(
        "no action file: there is no voxhook.yaml or voxhook.yml here and $VOXHOOK_FILE is unset\n\
         help: run `voxhook init` to write one, or point at yours with `-f PATH`",
    ))
}

pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.into(),
        source,
    })?;
    if meta.len() as usize > definition::load::MAX_FILE_SIZE {
        return Err(Error::input(format!(
            "{}:1:1: the file is {} bytes; the limit is {} bytes",
            path.display(),
            meta.len(),
            definition::load::MAX_FILE_SIZE
        )));
    }
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.into(),
        source,
    })
}

/// The program: parse arguments, run the command, print an error once, return the exit code.
pub fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::BAD_INPUT
            } else {
                exit::SUCCESS
            });
        }
    };
    use std::io::IsTerminal;
    let global = Global {
        file: cli.file.clone(),
        color: color_enabled(cli.color, std::io::stdout().is_terminal()),
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match commands::run(cli.command, &global) {
        Ok(Outcome::Success) => ExitCode::from(exit::SUCCESS),
        Ok(Outcome::CheckFailed) => ExitCode::from(exit::CHECK_FAILED),
        Err(e) => {
            let color = color_enabled(cli.color, std::io::stderr().is_terminal());
            output::print_error(&e, color);
            ExitCode::from(e.exit_code())
        }
    }
}
