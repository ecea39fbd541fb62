//! The termtool binary: parse arguments, run a subcommand, map errors to exit codes.
use clap::Parser;

/// mimalloc: termtool allocates many small strings (tokens, stems, keys) from several threads,
/// where it is markedly faster than the system allocator and returns memory more readily.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = termtool_cli::Cli::parse();
    std::process::exit(termtool_cli::run(cli));
}

#[path = "cli/mod.rs"]
mod termtool_cli;
