//! Command-line interface: one module per subcommand.
use clap::{Parser, Subcommand};

pub mod align;
pub mod build;
pub mod export;
pub mod extract;
pub mod import;
pub mod lexicon;
pub mod lookup;
pub mod output;
pub mod progress;
pub mod serve;

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
}

/// Run a command and return the process exit code (0 ok, 1 nothing found, 2 error).
pub fn run(cli: Cli) -> i32 {
    if let Some(db) = &cli.db {
        // Every command finds the workspace through `Store::default_path()`, which reads this.
        std::env::set_var(termtool::store::DB_ENV, db);
    }
    let res = match cli.command {
        Command::Align(a) => align::run(a),
        Command::Lexicon(a) => lexicon::run(a),
        Command::Import(a) => import::run(a),
        Command::Export(a) => export::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Build(a) => build::run(a),
        Command::Lookup(a) => lookup::run(a),
        Command::Serve(a) => serve::run(a),
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
