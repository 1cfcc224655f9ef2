//! `voxhook simulate`.
use crate::{Global, Outcome, Result};
#[allow(unused_variables)]
pub fn run(a: crate::cli::SimulateArgs, g: &Global) -> Result<Outcome> {
    Err(crate::Error::input("not built yet"))
}
