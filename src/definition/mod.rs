//! The action file: YAML with positions, the typed model, the loader, templates and units.

pub mod chunks;
pub mod env;
pub mod load;
pub mod model;
pub mod template;
pub mod units;
pub mod yaml;

pub use load::{Loaded, load_bytes, load_str};
pub use model::*;
