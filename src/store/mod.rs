//! The workspace: an SQLite database (rusqlite, bundled) that is the system of record for
//! documents, paragraphs, alignments, translation units with provenance, and the glossary.
//! STUB: the API below is the contract; the implementation is being written.
use crate::error::{Error, Result};
use crate::glossary::Glossary;
use std::path::{Path, PathBuf};

/// A translation unit with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub en: String,
    pub ru: String,
    /// Where it came from: the imported file's name, or the aligned document's name.
    pub source: String,
    /// Alignment confidence when it came from `align --save`.
    pub score: Option<f64>,
}

/// An open workspace.
pub struct Store {
    pub path: PathBuf,
}

impl Store {
    /// The workspace path: `--db`, else `$TERMTOOL_DB`, else `.termtool/workspace.sqlite`.
    pub fn default_path() -> PathBuf {
        std::env::var_os("TERMTOOL_DB").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(".termtool/workspace.sqlite"))
    }
    /// Open (creating if needed) a workspace.
    pub fn open(path: &Path) -> Result<Store> {
        Err(Error::input(path, "the workspace is not implemented yet"))
    }
    /// Add units in one transaction; returns how many were new (duplicates are ignored).
    pub fn add_units(&mut self, units: &[Unit]) -> Result<usize> {
        let _ = units;
        Ok(0)
    }
    /// All units, in insertion order.
    pub fn units(&self) -> Result<Vec<Unit>> {
        Ok(Vec::new())
    }
    /// Replace the glossary's extracted entries by `g` (curated and imported entries stay).
    pub fn save_glossary(&mut self, g: &Glossary) -> Result<()> {
        let _ = g;
        Ok(())
    }
    /// The whole glossary.
    pub fn glossary(&self) -> Result<Glossary> {
        Ok(Glossary::default())
    }
}
