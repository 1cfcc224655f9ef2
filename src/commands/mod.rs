//! One module per command: load the file, turn clap's arguments into the core's option
//! structs, call the core, hand the data to `output`.
//!
//! Owns: the glue. The only layer that may import `cli` and `output` together with the core;
//! nothing below it imports `commands`.

pub mod completions;
pub mod drill;
pub mod init;
pub mod lint;
pub mod list;
pub mod mock;
pub mod sign;
pub mod simulate;
pub mod test;
pub mod tools;
pub mod verify;

use crate::cli::{Command, SendArgs};
use crate::definition::{Definition, Loaded, env::read_dotenv, load_bytes};
use crate::webhook::{CallOptions, SendOptions};
use crate::{Error, Outcome, Result};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(cmd: Command, g: &Global) -> Result<Outcome> {
    match cmd {
        Command::Lint(a) => lint::run(&a, g),
        Command::Test(a) => test::run(a, g),
        Command::Simulate(a) => simulate::run(a, g),
        Command::Mock(a) => mock::run(&a, g),
        Command::Sign(a) => sign::run(&a),
        Command::Verify(a) => verify::run(&a, g),
        Command::Drill(a) => drill::run(a, g),
        Command::Import(a) => tools::import(&a, g),
        Command::Export(a) => tools::export(&a, g),
        Command::Init(a) => init::run(&a, g),
        Command::List => list::run(g),
        Command::Schema => {
            crate::outln!("{}", crate::schema::SCHEMA.trim_end());
            Ok(Outcome::Success)
        }
        Command::Completions { shell } => completions::run(shell),
    }
}

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
pub fn color_enabled(choice: crate::cli::ColorChoice, is_tty: bool) -> bool {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    match choice {
        crate::cli::ColorChoice::Always => true,
        crate::cli::ColorChoice::Never => false,
        crate::cli::ColorChoice::Auto => {
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

/// The program: parse arguments, run the command, print an error once, return the exit code.
pub fn main() -> ExitCode {
    let cli = match crate::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                crate::exit::BAD_INPUT
            } else {
                crate::exit::SUCCESS
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
    match run(cli.command, &global) {
        Ok(Outcome::Success) => ExitCode::from(crate::exit::SUCCESS),
        Ok(Outcome::CheckFailed) => ExitCode::from(crate::exit::CHECK_FAILED),
        Err(e) => {
            let color = color_enabled(cli.color, std::io::stderr().is_terminal());
            crate::output::print_error(&e, color);
            ExitCode::from(e.exit_code())
        }
    }
}

/// `--platform` as the model's platform.
pub fn platform_of(p: crate::cli::PlatformArg) -> crate::definition::model::Platform {
    crate::definition::model::Platform::parse(&p.name()).unwrap_or_default()
}

/// `--now`: an RFC 3339 time.
pub fn parse_now(n: &str) -> Result<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc3339(n).map_err(|_| {
        Error::input(format!(
            "--now `{n}` is not an RFC 3339 time (e.g. 2026-03-24T09:00:00Z)"
        ))
    })
}

/// `--now` fixes the clock signatures carry: far from the real one, receivers that check
/// timestamps refuse them. Say so once, on standard error.
pub fn warn_fixed_clock(now: chrono::DateTime<chrono::FixedOffset>) {
    let off = (chrono::Utc::now().timestamp() - now.timestamp()).abs();
    if off > 300 {
        eprintln!(
            "warning: --now is {off}s from this machine's clock; signatures carry its time, so receivers that check timestamps (Standard Webhooks, Retell: 5 min; ElevenLabs: 30 min) will refuse them"
        );
    }
}

/// The bytes of a file, or of standard input for `-` (as curl's `-d @-`).
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b).map_err(|source| {
            Error::Io {
                path: "<stdin>".into(),
                source,
            }
        })?;
        return Ok(b);
    }
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.into(),
        source,
    })
}

/// Parse `K=V` pairs from the command line.
pub fn parse_pairs(items: &[String], flag: &str) -> Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|s| match s.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
            _ => Err(Error::input(format!("{flag} `{s}`: expected KEY=VALUE"))),
        })
        .collect()
}

/// The shared sending flags as the core's options: the call's caller, variables and region,
/// and how requests go out.
pub fn send_options(send: &SendArgs) -> Result<(CallOptions, SendOptions)> {
    Ok((
        CallOptions {
            caller: send.caller.clone(),
            vars: parse_pairs(&send.vars, "--var")?,
            region: send.region.clone(),
        },
        SendOptions {
            allow_local: send.allow_local,
            mock: send.mock,
            insecure: send.insecure,
        },
    ))
}

/// Find and load the action file, with its `.env` (whose errors matter only when `need_env`).
pub fn load(g: &Global, need_env: bool) -> Result<Loaded> {
    let path = crate::definition::load::find_file(g.file.as_deref())?;
    if !path.exists() {
        return Err(Error::input(format!(
            "{}: no such file\nhelp: run `voxhook init` to write one, or point at yours with `-f PATH`",
            path.display()
        )));
    }
    let bytes = crate::definition::load::read_file(&path)?;
    let mut loaded = load_bytes(&path, &bytes);
    let dir = loaded.def.dir();
    loaded.def.dotenv = read_dotenv(if dir.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        &dir
    })
    .or_else(|e| {
        if need_env {
            Err(Error::input(e))
        } else {
            Ok(Vec::new())
        }
    })?;
    Ok(loaded)
}

/// Rules about where a URL points. `--allow-local` and `--mock` take the decision to run
/// time (with a warning), so they do not stop a local test.
const LOCAL_URL_RULES: [&str; 2] = ["url-scheme", "url-private"];

/// Load a file that must be free of errors before anything is sent. Errors are printed as
/// lint prints them, and the command exits 2. `local` relaxes the local-URL rules; `refused`
/// says what did not happen ("nothing was sent").
pub fn load_valid(
    g: &Global,
    local: bool,
    platform: Option<crate::cli::PlatformArg>,
    refused: &str,
) -> Result<Definition> {
    let mut loaded = load(g, true)?;
    loaded.def.platform_override = platform.map(platform_of);
    check_errors(g, &loaded, local, false, refused)?;
    Ok(loaded.def)
}

/// Refuse a loaded file with errors, printing them as lint does (exit 2). `check_env` also
/// refuses unset `${env:…}` anywhere in the file, for a command that may send to any target.
pub fn check_errors(
    g: &Global,
    loaded: &Loaded,
    local: bool,
    check_env: bool,
    refused: &str,
) -> Result<()> {
    let findings: Vec<_> = crate::lint::errors(loaded, check_env)
        .into_iter()
        .filter(|f| !(local && LOCAL_URL_RULES.contains(&f.code)))
        .collect();
    if findings.is_empty() {
        return Ok(());
    }
    let file = loaded.def.path.display().to_string();
    let report = crate::output::diagnostics::Report {
        file: &file,
        source: &loaded.def.source,
        findings: &findings,
    };
    use std::io::IsTerminal;
    let paint = crate::output::Paint::new(g.color && std::io::stderr().is_terminal());
    let _ = crate::output::diagnostics::human(&mut std::io::stderr(), &report, paint);
    Err(Error::input(format!(
        "{file} has {}; {refused} (run `voxhook lint` for details)",
        crate::output::diagnostics::plural(findings.len(), "error")
    )))
}
