//! Command-line interface: one module per subcommand.
use clap::{Parser, Subcommand};

pub mod align;
pub mod lexicon;
pub mod output;

/// English–Russian terminology and translation memory.
#[derive(Parser, Debug)]
#[command(name = "termtool", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Align English and Russian paragraphs and sentences.
    Align(align::Args),
    /// Learn a word-translation lexicon from sentence pairs (TSV: English, tab, Russian).
    Lexicon(lexicon::Args),
}

/// Run a command and return the process exit code (0 ok, 1 nothing found, 2 error).
pub fn run(cli: Cli) -> i32 {
    let res = match cli.command {
        Command::Align(a) => align::run(a),
        Command::Lexicon(a) => lexicon::run(a),
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
