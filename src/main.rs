//! The termtool binary: parse arguments, run a subcommand, map errors to exit codes.
use clap::Parser;

fn main() {
    let cli = termtool_cli::Cli::parse();
    std::process::exit(termtool_cli::run(cli));
}

#[path = "cli/mod.rs"]
mod termtool_cli;
