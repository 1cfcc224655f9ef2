//! `voxhook mock`: serve every `mock:` response on loopback until interrupted.

use crate::cli::MockArgs;
use crate::{Error, Global, Outcome, Result};

pub fn run(a: &MockArgs, g: &Global) -> Result<Outcome> {
    let def = super::load_valid(g, true)?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", a.port))
        .map_err(|e| Error::input(format!("cannot listen on 127.0.0.1:{}: {e}", a.port)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Failed(e.to_string()))?;
    let rt = super::test::runtime()?;
    rt.block_on(async {
        let _mocks = crate::mock::start(&def, Some(listener), true).await;
        crate::outln!("voxhook mock listening on http://{addr}");
        for a in &def.actions {
            crate::outln!(
                "  {} {}/actions/{}",
                a.webhook.merged(&def.defaults).method_or_default().as_str(),
                format_args!("http://{addr}"),
                a.name.value
            );
        }
        for w in def.webhooks.iter() {
            crate::outln!(
                "  {} http://{addr}/webhooks/{}",
                w.request.merged(&def.defaults).method_or_default().as_str(),
                w.kind.as_str()
            );
        }
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let _ = tokio::signal::ctrl_c().await;
    });
    Ok(Outcome::Success)
}
