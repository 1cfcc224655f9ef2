//! The action file: YAML with positions, the typed model, the loader, templates, units and
//! the typing of parameter values.
//!
//! Owns: everything about what the file says. May import: `text`, `diag` (findings about
//! places in the file) and `Error`. May not import: the engines (`extract`, `trigger`,
//! `call`, `webhook`, `mock`), `lint`, `output`, `commands` or `cli`.

pub mod chunks;
pub mod env;
pub mod load;
pub mod model;
pub mod template;
pub mod units;
pub mod values;
pub mod yaml;

pub use load::{Loaded, load_bytes, load_str};
pub use model::*;
