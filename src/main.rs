//! The termtool binary: parse arguments, run a subcommand, map errors to exit codes.
use clap::Parser;

/// mimalloc: termtool allocates many small strings (tokens, stems, keys) from several threads,
/// where it is markedly faster than the system allocator and returns memory more readily.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    no_huge_pages();
    let cli = termtool_cli::Cli::parse();
    std::process::exit(termtool_cli::run(cli));
}

/// Transparent huge pages off for this process: mimalloc asks for them on its arenas, and
/// then every page it hands back to the system and touches again is a fresh 2 MiB page the
/// kernel must zero. On the 20,000-line alignment benchmark this was a fifth of the CPU time
/// (`clear_page_erms`) and 20 MB more peak memory (docs/BENCHMARKS.md).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes a flag of this
    // process; its result (an old kernel may not know it) does not matter.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[path = "cli/mod.rs"]
mod termtool_cli;
