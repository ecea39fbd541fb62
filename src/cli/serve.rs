//! `termtool serve`: the workspace over HTTP (the server itself is `termtool::server`).
use clap::Args as ClapArgs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use termtool::error::{Error, Result};
use termtool::server::{self, Config};
use termtool::store;

/// Serve the workspace over HTTP with JSON: lookups, concordance, glossary entries and
/// decisions, new memory units, and an amaGama-compatible TM endpoint (docs/api.md).
///
/// Listens on loopback unless --bind says otherwise; another address needs an editor token.
/// Tokens are read from files (or $TERMTOOL_EDITOR_TOKEN, $TERMTOOL_READER_TOKEN), never from
/// the command line, where other users could see them. Ctrl-C or SIGTERM stops it after the
/// requests under way.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Address and port to listen on (port 0: any free port, printed on stderr).
    #[arg(long, default_value = "127.0.0.1:8765", value_name = "ADDR:PORT")]
    pub bind: SocketAddr,
    /// A file holding the editor's token (reads and writes).
    #[arg(long, value_name = "FILE")]
    pub editor_token_file: Option<PathBuf>,
    /// A file holding the readers' token (reads only).
    #[arg(long, value_name = "FILE")]
    pub reader_token_file: Option<PathBuf>,
}

const EDITOR_ENV: &str = "TERMTOOL_EDITOR_TOKEN";
const READER_ENV: &str = "TERMTOOL_READER_TOKEN";

/// A token from its file, else from the environment.
fn token(file: Option<&Path>, env: &str) -> Result<Option<String>> {
    if let Some(f) = file {
        let t = std::fs::read_to_string(f).map_err(|e| Error::io(f, e))?;
        return Ok(Some(t.trim().to_string()));
    }
    Ok(std::env::var(env).ok().filter(|t| !t.is_empty()))
}

pub fn run(a: Args, ws: &store::Config) -> Result<i32> {
    let config = a.config(ws)?;
    let db = config.store.path.clone();
    serve(config, |addr| {
        eprintln!(
            "termtool: serving {} on http://{} (Ctrl-C stops)",
            db.display(),
            addr
        );
    })?;
    Ok(0)
}

impl Args {
    /// The server's configuration: the workspace, the address, the tokens.
    pub fn config(&self, ws: &store::Config) -> Result<Config> {
        let config = Config {
            store: ws.clone(),
            bind: self.bind,
            editor_token: token(self.editor_token_file.as_deref(), EDITOR_ENV)?,
            reader_token: token(self.reader_token_file.as_deref(), READER_ENV)?,
        };
        config.check()?;
        Ok(config)
    }
}

/// Serve until Ctrl-C or SIGTERM; `on_listen` is told the address bound.
pub fn serve(config: Config, on_listen: impl FnOnce(SocketAddr)) -> Result<()> {
    // built from glossary/ on first use, as `lookup` does
    drop(super::sync::open_workspace(&config.store)?);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server's runtime: {e}")))?;
    rt.block_on(server::serve(config, stop_signal(), on_listen))?;
    eprintln!("termtool: stopped");
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
