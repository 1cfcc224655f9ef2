//! `voxhook mock`: serve every `mock:` response on loopback until interrupted.

use super::Global;
use crate::cli::MockArgs;
use crate::{Error, Outcome, Result};

pub fn run(a: &MockArgs, g: &Global) -> Result<Outcome> {
    let def = super::load_valid(g, true, a.platform, "the mock did not start")?;
    let listener = std::net::TcpListener::bind(("127.0.0.1", a.port))
        .map_err(|e| Error::input(format!("cannot listen on 127.0.0.1:{}: {e}", a.port)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Failed(e.to_string()))?;
    // Opened before serving: a log that cannot be written is bad input, not a silent loss.
    let mut log = match &a.log {
        Some(path) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?,
        ),
        None => None,
    };
    let rt = super::test::runtime()?;
    rt.block_on(async {
        let (feed, mut received) = tokio::sync::mpsc::unbounded_channel();
        let _mocks = crate::mock::start(&def, Some(listener), Some(feed)).await;
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
        // The server records; this command prints, with the file's secrets masked.
        let env = crate::definition::env::EnvSource {
            dotenv: def.dotenv.clone(),
        };
        let secrets = env.file_secrets(&def);

        let stop = tokio::signal::ctrl_c();
        tokio::pin!(stop);
        loop {
            tokio::select! {
                _ = &mut stop => break,
                Some(r) = received.recv() => {
                    let text = crate::output::exchange::received(&r);
                    crate::out!("{}", crate::output::exchange::redact(&text, &secrets));
                    if let Some(f) = log.as_mut() {
                        // The exact request, as `verify --request` reads it back.
                        let mut line = serde_json::json!({
                            "method": r.method,
                            "url": format!("http://{addr}{}", r.path),
                            "headers": r.headers,
                            "received_at": chrono::Utc::now().to_rfc3339(),
                        });
                        // The exact bytes: text when it is UTF-8, else base64.
                        match std::str::from_utf8(&r.body) {
                            Ok(t) => line["body"] = serde_json::json!(t),
                            Err(_) => {
                                use base64::Engine;
                                line["body_base64"] = serde_json::json!(
                                    base64::engine::general_purpose::STANDARD.encode(&r.body)
                                );
                            }
                        }
                        // One write of the whole line: `writeln!` of a JSON value issues a
                        // write per token, and a reader tailing the log (verify, a test) would
                        // see half a line.
                        let mut text = line.to_string();
                        text.push('\n');
                        let _ = f.write_all(text.as_bytes()).and_then(|_| f.flush());
                    }
                }
            }
        }
    });
    Ok(Outcome::Success)
}
