//! The workspace kept in step with a glossary folder written by `build` (`termtool.tbx` and
//! `memory.tmx`): the first use builds a workspace from it; later, [`sync`] takes in what
//! `build` has rewritten, and [`stale`] tells a reader (a lookup) that the folder is newer than
//! what it answers from, without writing anything. [`import`] stores memories, glossaries and
//! decisions read by [`crate::memory::load`], all in one transaction.
use crate::error::Result;
use crate::glossary::Origin;
use crate::memory::{Format, Loaded};
use crate::store::{DocKind, Document, Store, Unit};
use crate::terms::{Corpus, Segment};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The files of a glossary folder a workspace takes in, with their kind.
const FOLDER_FILES: [(&str, DocKind); 2] = [
    ("termtool.tbx", DocKind::Glossary),
    ("memory.tmx", DocKind::Memory),
];

/// The source name of the units read from the folder's memory.
const MEMORY_SOURCE: &str = "memory.tmx";

/// The workspace's memory as a corpus to extract terms from: every unit one bilingual segment
/// of the document it came from.
pub fn memory_corpus(store: &Store) -> Result<Corpus> {
    let segments = store
        .units()?
        .into_iter()
        .map(|u| Segment {
            doc: u.source,
            en: Some(u.en),
            ru: Some(u.ru),
        })
        .collect();
    Ok(Corpus { segments })
}

/// How [`open_to_answer`] found the workspace.
#[derive(Debug)]
pub enum Opened {
    /// A new (or empty) workspace, built from the folder; no files: the folder holds none.
    FirstUse(Synced),
    /// The folder holds files newer than what the workspace took in; answers come from the
    /// workspace as it is ([`sync`] takes them in).
    Stale(Vec<PathBuf>),
    /// The folder could not be compared with the workspace (a file unreadable): answers come
    /// from the workspace as it is.
    Uncompared(crate::error::Error),
    /// In step with the folder, or not built from it.
    Current,
}

/// Open a workspace to answer from it (a lookup, a server). A new (or empty) one is built from
/// the glossary folder `dir` first, so that a fresh clone answers at once; after that opening
/// only reads, and says when the folder is newer. A workspace this user may only read is
/// opened read-only and still answers.
pub fn open_to_answer(config: &crate::store::Config, dir: &Path) -> Result<(Store, Opened)> {
    let mut store = Store::open_to_read(config)?;
    if store.writable() && store.is_empty()? {
        let synced = sync(&mut store, dir, true)?;
        return Ok((store, Opened::FirstUse(synced)));
    }
    let opened = match stale(&store, dir) {
        Ok(files) if !files.is_empty() => Opened::Stale(files),
        Ok(_) => Opened::Current,
        Err(e) => Opened::Uncompared(e),
    };
    Ok((store, opened))
}

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
            let units: Vec<Unit> = crate::memory::tmx::read_tmx(bytes, path)?
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

/// One file's line of the summary (`--json`: an element of `files`).
#[derive(Debug, Serialize)]
pub struct FileSummary {
    pub path: String,
    /// "tmx", "tsv", "csv"; for glossaries "tbx" or "glossary-csv"; "decisions".
    pub format: &'static str,
    /// "memory" (counts are translation units), "glossary" (counts are concepts) or
    /// "decisions" (counts are decisions).
    pub kind: &'static str,
    /// EN–RU units (concepts, for a glossary) read.
    pub read: usize,
    /// Of those, how many were written to the workspace.
    pub added: usize,
    /// Read but not written: already in the workspace or earlier in the same import (for a
    /// glossary: held by a curated entry).
    pub duplicates: usize,
    /// Pairs with an empty English or Russian side, left out.
    pub empty: usize,
}

/// What an import read and stored (`termtool import --json`).
#[derive(Debug, Serialize)]
pub struct ImportSummary {
    pub files: Vec<FileSummary>,
    /// Translation units read from the memory files.
    pub read: usize,
    /// Translation units added.
    pub added: usize,
    pub duplicates: usize,
    /// Concepts read from the glossary files, and how many were written.
    pub concepts_read: usize,
    pub concepts_added: usize,
    /// Decisions read from decision files, and how many were new to the workspace.
    pub decisions_read: usize,
    pub decisions_added: usize,
    /// Stored concepts changed by applying the workspace's decisions (a rejected pair
    /// removed, an accepted, edited or added one made curated).
    pub concepts_changed: usize,
    /// What the workspace holds afterwards.
    pub units: usize,
    pub concepts: usize,
    pub workspace: String,
}

/// Store the files read, in one transaction: memories' units (a unit already held is not added
/// again), glossaries' concepts, decisions (applied at once to the stored glossary). `report`
/// is given the summary before the commit: when it fails (its output cannot be written),
/// nothing is stored.
pub fn import(
    store: &mut Store,
    loaded: &[Loaded],
    report: impl FnOnce(&ImportSummary) -> Result<()>,
) -> Result<ImportSummary> {
    let workspace = store.path.display().to_string();
    let mut files = Vec::with_capacity(loaded.len());
    let mut batch = store.batch()?;
    for l in loaded {
        let doc = batch.add_document(&l.doc)?;
        let (kind, read, added) = match l.format {
            Format::Glossary(_) => (
                "glossary",
                l.concepts.len(),
                batch.put_concepts(&l.concepts)?,
            ),
            Format::Decisions => (
                "decisions",
                l.decisions.len(),
                batch.add_decisions(&l.decisions, &l.doc.name)?,
            ),
            _ => (
                "memory",
                l.units.len(),
                batch.add_units(&l.units, Some(doc))?,
            ),
        };
        files.push(FileSummary {
            path: l.path.display().to_string(),
            format: l.format.name(),
            kind,
            read,
            added,
            duplicates: read - added,
            empty: l.empty,
        });
    }
    // what a person decided holds over every glossary, the one just imported too
    let changed = if loaded
        .iter()
        .any(|l| matches!(l.format, Format::Glossary(_) | Format::Decisions))
    {
        batch.apply_decisions()?
    } else {
        0
    };
    let counts = batch.counts()?;
    let sum = |kind: &str, f: fn(&FileSummary) -> usize| {
        files
            .iter()
            .filter(|x| x.kind == kind)
            .map(f)
            .sum::<usize>()
    };
    let (read, added) = (sum("memory", |f| f.read), sum("memory", |f| f.added));
    let summary = ImportSummary {
        read,
        added,
        duplicates: read - added,
        concepts_read: sum("glossary", |f| f.read),
        concepts_added: sum("glossary", |f| f.added),
        decisions_read: sum("decisions", |f| f.read),
        decisions_added: sum("decisions", |f| f.added),
        concepts_changed: changed,
        units: counts.units,
        concepts: counts.concepts,
        workspace,
        files,
    };
    report(&summary)?;
    batch.commit()?;
    Ok(summary)
}
