//! Sending a webhook: the request plan (pure), the network policy, signing, the sender and the
//! verdict on the response. `test` and `simulate` share all of it.
//!
//! Owns: building, checking, signing and sending requests and judging their responses, with
//! the result types of those steps (`Exchange`, `Verdict`, `CaseResult`, `LoadStats`). Options
//! come in as plain structs ([`CallOptions`], [`SendOptions`]), results go out as data.
//! May import: `definition`, `diag`, `text`, `Error`. May not import: `cli`, `commands`,
//! `output` (nothing here prints), `lint`, `call` or `mock`.

pub mod capture;
pub mod case;
pub mod drill;
pub mod load;
pub mod plan;
pub mod policy;
pub mod profile;
pub mod render;
pub mod run;
pub mod sender;
pub mod signing;
pub mod verdict;
pub mod verify;

pub use run::{CallOptions, Run};
pub use sender::SendOptions;
