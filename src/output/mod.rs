//! Everything voxhook writes for people or machines. Commands hand data here; nothing else
//! prints. Printers take a writer and a colour flag so tests run them on a buffer.
//!
//! Owns: every byte for the terminal and every report format. May import: the data types of
//! every core layer (findings, exchanges, verdicts, events, case results, received requests).
//! May not import: `commands` or `cli`; the data it prints is handed to it.

pub mod diagnostics;
pub mod exchange;
pub mod junit;
pub mod receiver;
pub mod table;
pub mod timeline;
pub mod yaml;

use anstyle::{AnsiColor, Style};

/// Colour as a value: every printer styles through this, so `--color never` is plain text.
#[derive(Clone, Copy, Debug)]
pub struct Paint {
    pub color: bool,
}

impl Paint {
    pub fn new(color: bool) -> Self {
        Paint { color }
    }
    fn wrap(&self, style: Style, s: &str) -> String {
        if self.color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap(Style::new().bold(), s)
    }
    pub fn red(&self, s: &str) -> String {
        self.wrap(AnsiColor::Red.on_default().bold(), s)
    }
    pub fn yellow(&self, s: &str) -> String {
        self.wrap(AnsiColor::Yellow.on_default().bold(), s)
    }
    pub fn green(&self, s: &str) -> String {
        self.wrap(AnsiColor::Green.on_default().bold(), s)
    }
    pub fn cyan(&self, s: &str) -> String {
        self.wrap(AnsiColor::Cyan.on_default(), s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap(Style::new().dimmed(), s)
    }
}

/// The one place an [`crate::Error`] becomes text for the user.
pub fn print_error(e: &crate::Error, color: bool) {
    let p = Paint::new(color);
    let text = e.to_string();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    eprintln!("{} {first}", p.red("error:"));
    for l in lines {
        eprintln!("{l}");
    }
}

/// Write to stdout. A closed pipe (`voxhook schema | head -1`) ends the program quietly, as
/// it does for other Unix tools; any other write error is reported.
pub fn emit(s: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    if let Err(e) = o.write_all(s.as_bytes()).and_then(|_| o.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: writing output: {e}");
        std::process::exit(1);
    }
}

/// `print!` through [`emit`].
#[macro_export]
macro_rules! out {
    ($($t:tt)*) => { $crate::output::emit(&format!($($t)*)) };
}

/// `println!` through [`emit`].
#[macro_export]
macro_rules! outln {
    ($($t:tt)*) => { $crate::output::emit(&format!("{}\n", format_args!($($t)*))) };
}
