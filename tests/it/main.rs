//! The integration tests, one module per subcommand or concern, in one test binary (one link
//! of the library instead of one per file). They run the real `termtool` binary.
mod common;

mod align;
mod browser;
mod build;
mod check;
mod decisions;
mod export;
mod glossary_formats;
mod hostile;
mod http;
mod import;
mod lookup;
mod office;
mod properties;
mod review;
mod server;
