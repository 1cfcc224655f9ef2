//! One module per command: load the file, call the core, hand the data to `output`.

pub mod completions;
pub mod init;
pub mod lint;
pub mod list;
pub mod mock;
pub mod simulate;
pub mod test;

use crate::cli::Command;
use crate::definition::{Definition, Loaded, env::read_dotenv, load_bytes};
use crate::{Error, Global, Outcome, Result};

pub fn run(cmd: Command, g: &Global) -> Result<Outcome> {
    match cmd {
        Command::Lint(a) => lint::run(&a, g),
        Command::Test(a) => test::run(a, g),
        Command::Simulate(a) => simulate::run(a, g),
        Command::Mock(a) => mock::run(&a, g),
        Command::Init(a) => init::run(&a, g),
        Command::List => list::run(g),
        Command::Schema => {
            crate::outln!("{}", crate::schema::SCHEMA.trim_end());
            Ok(Outcome::Success)
        }
        Command::Completions { shell } => completions::run(shell),
    }
}

/// Find and load the action file, with its `.env` (whose errors matter only when `need_env`).
pub fn load(g: &Global, need_env: bool) -> Result<Loaded> {
    let path = crate::find_file(g.file.as_deref())?;
    if !path.exists() {
        return Err(Error::input(format!(
            "{}: no such file\nhelp: run `voxhook init` to write one, or point at yours with `-f PATH`",
            path.display()
        )));
    }
    let bytes = crate::read_file(&path)?;
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
/// lint prints them, and the command exits 2. `local` relaxes the local-URL rules.
pub fn load_valid(g: &Global, local: bool) -> Result<Definition> {
    let loaded = load(g, true)?;
    check_errors(g, &loaded, local, false)?;
    Ok(loaded.def)
}

/// Refuse a loaded file with errors, printing them as lint does (exit 2). `check_env` also
/// refuses unset `${env:…}` anywhere in the file, for a command that may send to any target.
pub fn check_errors(g: &Global, loaded: &Loaded, local: bool, check_env: bool) -> Result<()> {
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
        "{file} has {}; nothing was sent (run `voxhook lint` for details)",
        crate::output::diagnostics::plural(findings.len(), "error")
    )))
}
