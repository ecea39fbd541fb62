//! The workspace kept in step with a glossary folder written by `build` (`termtool.tbx` and
//! `memory.tmx`): the first use builds a workspace from it; later, [`sync`] takes in what
//! `build` has rewritten, and [`stale`] tells a reader (a lookup) that the folder is newer than
//! what it answers from, without writing anything.
use crate::error::Result;
use crate::glossary::Origin;
use crate::store::{DocKind, Document, Store, Unit};
use std::path::{Path, PathBuf};

/// The files of a glossary folder a workspace takes in, with their kind.
const FOLDER_FILES: [(&str, DocKind); 2] = [
    ("termtool.tbx", DocKind::Glossary),
    ("memory.tmx", DocKind::Memory),
];

/// The source name of the units read from the folder's memory.
const MEMORY_SOURCE: &str = "memory.tmx";

/// What [`sync`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// The files taken in (none: the workspace was already in step, or `fresh` and the folder
    /// holds none of them).
    pub files: Vec<PathBuf>,
    /// New memory units.
    pub units_added: usize,
}

/// A file of the folder to take in: a new workspace takes every file there is; a workspace
/// takes a file again when it holds an earlier version of it (a document of that name and
/// kind). A file the workspace never took in is not even read.
fn changed(store: &Store, dir: &Path, fresh: bool) -> Result<Vec<(PathBuf, Document, Vec<u8>)>> {
    let mut out = Vec::new();
    for (name, kind) in FOLDER_FILES {
        let path = dir.join(name);
        let held = store.document_hashes(name, kind)?;
        if !path.exists() || !fresh && held.is_empty() {
            continue;
        }
        let bytes = crate::text::read::read_bytes(&path)?;
        let doc = Document::from_bytes(&path, kind, &bytes);
        if !held.contains(&doc.sha256) {
            out.push((path, doc, bytes));
        }
    }
    Ok(out)
}

/// The files of `dir` that changed since the workspace took them in (read-only).
pub fn stale(store: &Store, dir: &Path) -> Result<Vec<PathBuf>> {
    Ok(changed(store, dir, false)?
        .into_iter()
        .map(|c| c.0)
        .collect())
}

/// Take the folder's changed files in, in one transaction: the glossary's extracted entries
/// replace the workspace's, curated entries are written (an entry a person curated in the
/// workspace is never replaced by an extracted one), new memory units are added, and the
/// decisions recorded in the workspace are applied again. `fresh`: the workspace is new (or
/// empty) and takes every file there is; otherwise only files it took in before are taken
/// again, so a workspace that was not built from this folder is left alone.
pub fn sync(store: &mut Store, dir: &Path, fresh: bool) -> Result<Synced> {
    let changed = changed(store, dir, fresh)?;
    let mut synced = Synced::default();
    if changed.is_empty() {
        return Ok(synced);
    }
    let mut b = store.batch()?;
    for (path, doc, bytes) in &changed {
        let id = b.add_document(doc)?;
        if doc.kind == DocKind::Memory {
            let units: Vec<Unit> = crate::tm::tmx::read_tmx(bytes, path)?
                .into_iter()
                .map(|(en, ru)| Unit::new(en, ru, MEMORY_SOURCE))
                .collect();
            synced.units_added += b.add_units(&units, Some(id))?;
        } else {
            let g = crate::glossary::io::read_any(path)?;
            b.save_glossary(&g)?;
            let others: Vec<_> = g
                .concepts
                .into_iter()
                .filter(|c| c.origin != Origin::Extracted)
                .collect();
            b.put_concepts(&others)?;
            // the people's decisions recorded in the workspace hold over the new file too
            b.apply_decisions()?;
        }
        synced.files.push(path.clone());
    }
    b.commit()?;
    Ok(synced)
}
