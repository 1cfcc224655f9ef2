//! Sending a webhook: the request plan (pure), the network policy, signing, the sender and the
//! verdict on the response. `test` and `simulate` share all of it.

pub mod plan;
pub mod policy;
pub mod render;
pub mod run;
pub mod sender;
pub mod signing;
pub mod verdict;
