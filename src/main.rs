//! The voxhook binary: parse arguments, run, exit with the code the run chose.

fn main() -> std::process::ExitCode {
    voxhook::commands::main()
}
