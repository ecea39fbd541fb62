//! Command-line interface: one module per subcommand.
use clap::{Parser, Subcommand};
use termtool::store;

pub mod align;
pub mod build;
pub mod check;
pub mod export;
pub mod extract;
pub mod import;
pub mod lexicon;
pub mod lookup;
pub mod output;
pub mod progress;
pub mod review;
pub mod serve;
pub mod sync;

/// English–Russian terminology and translation memory.
#[derive(Parser, Debug)]
#[command(name = "termtool", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The workspace database (default: $TERMTOOL_DB, else .termtool/workspace.sqlite).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<std::path::PathBuf>,
}

/// The environment variable naming the workspace when `--db` is not given.
const DB_ENV: &str = "TERMTOOL_DB";
/// The environment variable giving how long to wait for another process's lock, in ms.
const BUSY_TIMEOUT_ENV: &str = "TERMTOOL_BUSY_TIMEOUT_MS";

/// The workspace the command works on: `--db`, else `$TERMTOOL_DB`, else the default path;
/// its lock timeout from `$TERMTOOL_BUSY_TIMEOUT_MS`.
fn workspace(db: Option<std::path::PathBuf>) -> store::Config {
    let path = db
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(Into::into)
        })
        .unwrap_or_else(|| store::DEFAULT_PATH.into());
    let mut config = store::Config::new(path);
    if let Some(ms) = std::env::var(BUSY_TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        config.busy_timeout = std::time::Duration::from_millis(ms);
    }
    config
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Align English and Russian paragraphs and sentences.
    Align(align::Args),
    /// Learn a word-translation lexicon from sentence pairs (TSV: English, tab, Russian).
    Lexicon(lexicon::Args),
    /// Import translation memories (TMX, TSV, CSV) into the workspace.
    Import(import::Args),
    /// Export the glossary (TBX, TBX 2019, CSV, OmegaT TSV) or the memory (TMX).
    Export(export::Args),
    /// Extract a bilingual glossary from documents or from the workspace's memory.
    Extract(extract::Args),
    /// The whole pipeline on a folder: read, align, extract, curate, write glossary files.
    Build(build::Args),
    /// Look a term or sentence up in the glossary and the translation memory.
    Lookup(lookup::Args),
    /// Answer lookups, memory and glossary requests over HTTP (JSON; docs/api.md).
    Serve(serve::Args),
    /// Review alignments and glossary candidates in the browser (docs/review.md).
    Review(review::Args),
    /// Check a translation against the glossary (terminology QA; docs/check.md).
    Check(check::Args),
    /// Take into the workspace what `build` has rewritten in glossary/.
    Sync(sync::Args),
}

/// Run a command and return the process exit code (0 ok, 1 nothing found, 2 error).
pub fn run(cli: Cli) -> i32 {
    let ws = workspace(cli.db);
    let res = match cli.command {
        Command::Align(a) => align::run(a, &ws),
        Command::Lexicon(a) => lexicon::run(a),
        Command::Import(a) => import::run(a, &ws),
        Command::Export(a) => export::run(a, &ws),
        Command::Extract(a) => extract::run(a, &ws),
        Command::Build(a) => build::run(a, &ws),
        Command::Lookup(a) => lookup::run(a, &ws),
        Command::Serve(a) => serve::run(a, &ws),
        Command::Review(a) => review::run(a, &ws),
        Command::Check(a) => check::run(a, &ws),
        Command::Sync(a) => sync::run(a, &ws),
    };
    match res {
        Ok(code) => code,
        Err(e) => {
            if let termtool::error::Error::Io { err, .. } = &e {
                if err.kind() == std::io::ErrorKind::BrokenPipe {
                    return 0;
                }
            }
            eprintln!("termtool: {}", e);
            2
        }
    }
}
