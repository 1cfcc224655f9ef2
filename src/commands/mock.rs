//! `voxhook mock`.
use crate::{Global, Outcome, Result};
#[allow(unused_variables)]
pub fn run(a: &crate::cli::MockArgs, g: &Global) -> Result<Outcome> {
    Err(crate::Error::input("not built yet"))
}
