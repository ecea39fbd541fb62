//! The workspace: an SQLite database (rusqlite, bundled) that is the system of record for
//! documents, paragraphs, alignments, translation units with provenance, and the glossary.
//!
//! Guarantees (see `docs/store.md`):
//! - every write is one transaction: a failed or killed run leaves the workspace as it was;
//! - the database runs in WAL mode with a busy timeout, so a second process waits for a writer
//!   (readers never wait), and one still locked out after the timeout gets a "workspace busy"
//!   error instead of a half-done write;
//! - the file carries a marker (`PRAGMA application_id`) and a schema version
//!   (`PRAGMA user_version`); older schemas are migrated forward on open, and a file that is not
//!   a termtool workspace (not SQLite, another program's SQLite, a truncated file) is refused
//!   with a one-line error naming it, before anything is written to it.
//!
//! ```no_run
//! use termtool::store::{self, Store, Unit};
//! let mut ws = Store::open_with(&store::Config::new(store::DEFAULT_PATH))?;
//! let added = ws.add_units(&[Unit::new("Joint Plan of Action", "Совместный план действий", "notes.tsv")])?;
//! assert!(added <= 1);
//! # Ok::<(), termtool::error::Error>(())
//! ```
mod aligned;
mod glossary;
mod postings;
mod review;
mod schema;

pub use aligned::{AlignmentRecord, AlignmentSaved};
pub use review::{
    name as review_name, units as review_units, ReviewInfo, ReviewOpened, ReviewRecord,
};
pub use schema::{APPLICATION_ID, VERSION as SCHEMA_VERSION};

use crate::error::{Error, Result};
use crate::text::{match_key, nfc};
use rusqlite::{
    params, Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the CLI keeps the workspace unless told otherwise (`--db`, `TERMTOOL_DB`).
pub const DEFAULT_PATH: &str = ".termtool/workspace.sqlite";

/// How long to wait for another process's lock unless [`Config::busy_timeout`] says otherwise.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Which workspace to open and how: given by the caller (the CLI takes it from `--db` and the
/// environment; the library reads no environment).
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// How long to wait for another process's lock before failing with "workspace busy".
    pub busy_timeout: Duration,
}

impl Config {
    /// The workspace at `path`, waiting [`DEFAULT_BUSY_TIMEOUT`] for locks.
    pub fn new(path: impl Into<PathBuf>) -> Config {
        Config {
            path: path.into(),
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
        }
    }
}

pub use crate::memory::{DocKind, Document, Unit, UnitOrigin};

/// How many rows each table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub documents: usize,
    pub paragraphs: usize,
    pub alignments: usize,
    pub beads: usize,
    pub units: usize,
    pub concepts: usize,
    pub terms: usize,
    pub contexts: usize,
}

/// An open workspace.
pub struct Store {
    pub path: PathBuf,
    conn: Connection,
}

/// A write transaction on the workspace: everything done through it is committed together by
/// [`Batch::commit`], or not at all (dropping it, or a failed commit, rolls it back).
pub struct Batch<'a> {
    tx: Transaction<'a>,
    path: &'a Path,
}

/// The first bytes of every SQLite 3 database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Open (creating if needed, with its directory) a workspace, migrating an older schema.
    ///
    /// A file that is not a termtool workspace is refused without being written to.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(&Config::new(path))
    }

    /// [`Store::open`] with the configuration's lock timeout.
    pub fn open_with(config: &Config) -> Result<Store> {
        let path = config.path.as_path();
        let existing = check_file(path)?;
        if !existing {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
        }
        let conn = Connection::open(path).map_err(|e| db_err(path, e))?;
        conn.busy_timeout(config.busy_timeout)
            .map_err(|e| db_err(path, e))?;
        let mut store = Store {
            path: path.to_path_buf(),
            conn,
        };
        store.prepare()?;
        Ok(store)
    }

    /// Open a workspace to read it: as [`Store::open`] when it can be written, else (a
    /// workspace in a read-only folder, or another user's) read-only, which needs it to exist
    /// at this build's schema version. Writing through a read-only store fails with a clear
    /// error and changes nothing.
    pub fn open_to_read(config: &Config) -> Result<Store> {
        let path = config.path.as_path();
        if !check_file(path)? || writable(path) {
            return Store::open_with(config);
        }
        let uri = format!("file:{}", uri_path(path));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        // a WAL workspace in a folder nobody may write is read as immutable: SQLite cannot
        // create its shared-memory file there
        let mut last = None;
        for suffix in ["?mode=ro", "?immutable=1"] {
            let conn = match Connection::open_with_flags(format!("{uri}{suffix}"), flags) {
                Ok(c) => c,
                Err(e) => {
                    last = Some(e);
                    continue;
                }
            };
            conn.busy_timeout(config.busy_timeout)
                .map_err(|e| db_err(path, e))?;
            match identify(&conn) {
                Ok((app, version, tables)) => {
                    check_identity(path, app, version, tables)?;
                    if app != APPLICATION_ID || version < schema::VERSION {
                        return Err(Error::input(
                            path,
                            format!(
                                "the workspace cannot be written and is older than this termtool (schema {}, needs {}); open it once where it can be written",
                                version,
                                schema::VERSION
                            ),
                        ));
                    }
                    return Ok(Store {
                        path: path.to_path_buf(),
                        conn,
                    });
                }
                Err(e) => last = Some(e),
            }
        }
        Err(db_err(
            path,
            last.expect("one of the attempts failed with an error"),
        ))
    }

    /// Whether this store may be written (false for [`Store::open_to_read`]'s read-only one).
    pub fn writable(&self) -> bool {
        !self
            .conn
            .is_readonly(rusqlite::DatabaseName::Main)
            .unwrap_or(true)
    }

    /// Identify the file, create or migrate the schema, and set the connection up.
    fn prepare(&mut self) -> Result<()> {
        let path = self.path.clone();
        let (app, version, tables) = identify(&self.conn).map_err(|e| db_err(&path, e))?;
        check_identity(&path, app, version, tables)?;
        if app != APPLICATION_ID || version < schema::VERSION {
            // Create or migrate under the write lock; look again, as another process may have
            // done it while we waited.
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| db_err(&path, e))?;
            let (app, version, tables) = identify(&tx).map_err(|e| db_err(&path, e))?;
            check_identity(&path, app, version, tables)?;
            let from = if app == APPLICATION_ID { version } else { 0 };
            schema::migrate(&tx, from).map_err(|e| db_err(&path, e))?;
            tx.commit().map_err(|e| db_err(&path, e))?;
        }
        // WAL lets readers go on while one process writes. A file system without shared memory
        // keeps the rollback journal, which is just as atomic, so the answer is not checked.
        let _: Option<String> = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .optional()
            .map_err(|e| db_err(&path, e))?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(|e| db_err(&path, e))?;
        // Lookups read the index and the units at random: map the file (reads without a
        // system call each) and keep more pages than SQLite's default 2 MB.
        let _: Option<i64> = self
            .conn
            .query_row("PRAGMA mmap_size = 1073741824", [], |r| r.get(0))
            .optional()
            .map_err(|e| db_err(&path, e))?;
        self.conn
            .pragma_update(None, "cache_size", -65536)
            .map_err(|e| db_err(&path, e))?;
        Ok(())
    }

    /// Start a write transaction (waiting for another writer up to the busy timeout).
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err(&self.path, e))?;
        Ok(Batch {
            tx,
            path: &self.path,
        })
    }

    /// Add units in one transaction; returns how many were new (duplicates are ignored).
    ///
    /// Two units are the same when their English and their Russian match keys are (see
    /// [`crate::text::match_key`]); a unit with an empty side is not stored.
    pub fn add_units(&mut self, units: &[Unit]) -> Result<usize> {
        let mut b = self.batch()?;
        let n = b.add_units(units, None)?;
        b.commit()?;
        Ok(n)
    }

    /// All units, in insertion order.
    pub fn units(&self) -> Result<Vec<Unit>> {
        self.query_units(
            "SELECT en, ru, source, score, origin FROM units ORDER BY id",
            [],
        )
    }

    /// The units whose English or Russian side has the same match key as `text`, in insertion
    /// order (an exact lookup; fuzzy lookup belongs to the index).
    pub fn find_units(&self, text: &str) -> Result<Vec<Unit>> {
        let key = match_key(text);
        self.query_units(
            "SELECT en, ru, source, score, origin FROM units WHERE en_key = ?1 OR ru_key = ?1 ORDER BY id",
            [key],
        )
    }

    fn query_units<P: rusqlite::Params>(&self, sql: &str, p: P) -> Result<Vec<Unit>> {
        let path = &self.path;
        let mut st = self.conn.prepare(sql).map_err(|e| db_err(path, e))?;
        let rows = st.query_map(p, unit_row).map_err(|e| db_err(path, e))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(to_unit(path, row.map_err(|e| db_err(path, e))?)?);
        }
        Ok(out)
    }

    /// How many units hold the index key `key` ([`crate::text::keys`]; 0 when none).
    pub fn df(&self, key: &str) -> Result<i64> {
        postings::df(&self.conn, key).map_err(|e| db_err(&self.path, e))
    }

    /// The ids of the units holding the index key `key`, ascending.
    pub fn postings(&self, key: &str) -> Result<Vec<i64>> {
        postings::postings(&self.conn, key).map_err(|e| db_err(&self.path, e))
    }

    /// Run `read` on one snapshot of the workspace: a read transaction, so that a writer
    /// meanwhile is seen whole or not at all, and the file is locked once, not once per
    /// statement.
    pub fn snapshot<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        let err = |e| db_err(&self.path, e);
        self.conn.execute_batch("BEGIN").map_err(err)?;
        let out = read();
        self.conn.execute_batch("COMMIT").map_err(err)?;
        out
    }

    /// Units by row id, as `(id, unit)`, in id order (ids not held are left out).
    pub fn units_by_ids(&self, ids: &[i64]) -> Result<Vec<(i64, Unit)>> {
        let path = &self.path;
        let mut st = self
            .conn
            .prepare_cached("SELECT en, ru, source, score, origin FROM units WHERE id = ?1")
            .map_err(|e| db_err(path, e))?;
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row = st
                .query_row([id], unit_row)
                .optional()
                .map_err(|e| db_err(path, e))?;
            if let Some(row) = row {
                out.push((id, to_unit(path, row)?));
            }
        }
        Ok(out)
    }

    /// The SHA-256 of every recorded document of `kind` named `name` (the versions of that
    /// file the workspace took in), sorted.
    pub fn document_hashes(&self, name: &str, kind: DocKind) -> Result<Vec<String>> {
        let err = |e| db_err(&self.path, e);
        let mut st = self
            .conn
            .prepare("SELECT sha256 FROM documents WHERE name = ?1 AND kind = ?2 ORDER BY sha256")
            .map_err(err)?;
        let rows = st
            .query_map(params![name, kind.as_str()], |r| r.get(0))
            .map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }

    /// Whether the workspace holds nothing: no document, unit, concept or decision.
    pub fn is_empty(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT NOT (EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM units) \
                 OR EXISTS (SELECT 1 FROM concepts) OR EXISTS (SELECT 1 FROM decisions))",
                [],
                |r| r.get(0),
            )
            .map_err(|e| db_err(&self.path, e))
    }

    /// How many rows each table holds.
    pub fn counts(&self) -> Result<Counts> {
        counts_in(&self.conn, &self.path)
    }
}

/// How many rows each table holds, as `conn` sees them.
fn counts_in(conn: &Connection, path: &Path) -> Result<Counts> {
    let n = |table: &str| -> Result<usize> {
        conn.query_row(&format!("SELECT count(*) FROM {}", table), [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|v| v as usize)
        .map_err(|e| db_err(path, e))
    };
    Ok(Counts {
        documents: n("documents")?,
        paragraphs: n("paragraphs")?,
        alignments: n("alignments")?,
        beads: n("beads")?,
        units: n("units")?,
        concepts: n("concepts")?,
        terms: n("terms")?,
        contexts: n("contexts")?,
    })
}

impl<'a> Batch<'a> {
    /// Record a source file (or find it again by its SHA-256); returns its id. A document seen
    /// again under another name takes the new name.
    pub fn add_document(&mut self, doc: &Document) -> Result<i64> {
        upsert_document(&self.tx, doc).map_err(|e| db_err(self.path, e))
    }

    /// Add units, attributed to document `doc` when given; returns how many were new.
    /// Units are stored in NFC with their ends trimmed; a unit with an empty side is skipped.
    pub fn add_units(&mut self, units: &[Unit], doc: Option<i64>) -> Result<usize> {
        insert_units(&self.tx, units, doc).map_err(|e| db_err(self.path, e))
    }

    /// Make everything done in this batch permanent, at once.
    pub fn commit(self) -> Result<()> {
        self.tx.commit().map_err(|e| db_err(self.path, e))
    }

    /// How many rows each table holds, this batch's writes included.
    pub fn counts(&self) -> Result<Counts> {
        counts_in(&self.tx, self.path)
    }
}

/// Insert or find a document by its hash; returns its id.
fn upsert_document(tx: &Connection, doc: &Document) -> rusqlite::Result<i64> {
    tx.query_row(
        "INSERT INTO documents (name, sha256, kind, bytes) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (sha256) DO UPDATE SET name = excluded.name RETURNING id",
        params![doc.name, doc.sha256, doc.kind.as_str(), doc.bytes as i64],
        |r| r.get(0),
    )
}

/// Insert units, ignoring duplicates (the UNIQUE index on the two match keys).
fn insert_units(tx: &Connection, units: &[Unit], doc: Option<i64>) -> rusqlite::Result<usize> {
    let mut st = tx.prepare_cached(
        "INSERT OR IGNORE INTO units (en, ru, en_key, ru_key, source, origin, score, doc_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let (mut added, mut total) = (Vec::new(), 0);
    for u in units {
        let en = nfc(u.en.trim());
        let ru = nfc(u.ru.trim());
        let (ek, rk) = (match_key(&en), match_key(&ru));
        if ek.is_empty() || rk.is_empty() {
            continue;
        }
        let n = st.execute(params![
            en,
            ru,
            ek,
            rk,
            u.source,
            u.origin.as_str(),
            u.score,
            doc
        ])?;
        if n > 0 {
            added.push((tx.last_insert_rowid(), en, ru));
            if added.len() == postings::INDEX_CHUNK {
                postings::index_units(tx, &added)?;
                total += added.len();
                added.clear();
            }
        }
    }
    postings::index_units(tx, &added)?;
    Ok(total + added.len())
}

/// What the hint in every "not a workspace" error says to do.
const NOT_OURS_FIX: &str = "give --db a termtool workspace, or a new path to create one";

/// Look at an existing file before SQLite does: is it an SQLite database, and is it whole?
/// Returns whether there is a non-empty file (an empty file is a new workspace, as for SQLite).
///
/// These checks read the file without SQLite's locks, so while another process may be writing
/// it (a `-journal` or `-wal` file beside it) a doubtful answer is left to SQLite, whose own
/// errors say the same things once it holds the locks.
/// Whether this process may write the workspace file and create files beside it (SQLite's
/// journal and shared memory).
fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let may_write = |p: &Path| {
            std::ffi::CString::new(p.as_os_str().as_bytes())
                // SAFETY: a valid NUL-terminated path; access(2) only reads it
                .map(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0)
                .unwrap_or(false)
        };
        may_write(path) && may_write(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::OpenOptions::new().write(true).open(path).is_ok()
    }
}

/// A path as the path part of an SQLite `file:` URI: bytes outside letters, digits and
/// `/-._~` percent-encoded.
fn uri_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{:02X}", b));
        }
    }
    out
}

fn check_file(path: &Path) -> Result<bool> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.is_dir() {
        return Err(Error::input(
            path,
            format!("is a directory, not a termtool workspace; {}", NOT_OURS_FIX),
        ));
    }
    let len = meta.len();
    if len == 0 {
        return Ok(false);
    }
    let mut head = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut head))
        .map_err(|e| Error::io(path, e))?;
    let busy = || {
        ["-journal", "-wal"].iter().any(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            Path::new(&p).exists()
        })
    };
    if head.len() < 100 || !head.starts_with(SQLITE_MAGIC) {
        if busy() {
            return Ok(true);
        }
        return Err(Error::input(
            path,
            format!(
                "not a termtool workspace (not an SQLite database); {}",
                NOT_OURS_FIX
            ),
        ));
    }
    let be32 =
        |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]) as u64;
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        n => n as u64,
    };
    let (change_counter, pages, valid_for) = (be32(24), be32(28), be32(92));
    // The header's page count is trustworthy only when it was written with the change counter.
    if change_counter == valid_for && pages > 0 && len < pages * page_size && !busy() {
        return Err(Error::input(
            path,
            format!(
                "the workspace is truncated: the file has {} bytes, its header says {}; restore it from a backup, or {}",
                len,
                pages * page_size,
                NOT_OURS_FIX
            ),
        ));
    }
    Ok(true)
}

/// The marker, the schema version and the number of schema objects of an open database.
fn identify(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok((app, version, tables))
}

/// Refuse a database that is not ours, or ours from a newer termtool.
fn check_identity(path: &Path, app: i64, version: i64, tables: i64) -> Result<()> {
    if app == APPLICATION_ID {
        if version > schema::VERSION {
            return Err(Error::input(
                path,
                format!(
                    "the workspace has schema version {}, newer than this termtool knows ({}); use a newer termtool",
                    version,
                    schema::VERSION
                ),
            ));
        }
        return Ok(());
    }
    // An empty database (no marker, no version, no tables) becomes a workspace.
    if app == 0 && version == 0 && tables == 0 {
        return Ok(());
    }
    Err(Error::input(
        path,
        format!(
            "not a termtool workspace (an SQLite database without termtool's marker); {}",
            NOT_OURS_FIX
        ),
    ))
}

/// An SQLite error as a one-line error naming the workspace, saying what to do.
pub(crate) fn db_err(path: &Path, e: rusqlite::Error) -> Error {
    let code = match &e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    };
    let msg = match code {
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            "workspace busy: another process held it longer than the lock timeout; try again when it has finished (TERMTOOL_BUSY_TIMEOUT_MS waits longer)".to_string()
        }
        Some(ErrorCode::NotADatabase) => format!("not a termtool workspace (not an SQLite database); {}", NOT_OURS_FIX),
        Some(ErrorCode::DatabaseCorrupt) => {
            format!("the workspace is damaged ({}); restore it from a backup, or {}", e, NOT_OURS_FIX)
        }
        Some(ErrorCode::DiskFull) => "the disk is full; nothing was written".to_string(),
        // a write refused by the system: a full disk or quota, a file size limit, a failing device
        Some(ErrorCode::SystemIoFailure) => format!(
            "{e} (is the disk full, or a file size limit reached?); the command's changes were not kept"
        ),
        Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => {
            format!("cannot write the workspace ({}); check its permissions", e)
        }
        Some(ErrorCode::CannotOpen) => format!("cannot open the workspace ({})", e),
        _ => format!("workspace error: {}", e),
    };
    Error::input(path, msg.replace('\n', " "))
}

type UnitRow = (String, String, String, Option<f64>, String);

/// Columns `en, ru, source, score, origin` of a unit row.
fn unit_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<UnitRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_unit(path: &Path, (en, ru, source, score, origin): UnitRow) -> Result<Unit> {
    let origin = UnitOrigin::parse(&origin).ok_or_else(|| {
        Error::input(
            path,
            format!(
                "the workspace holds a unit with an unknown origin {:?}",
                origin
            ),
        )
    })?;
    Ok(Unit {
        en,
        ru,
        source,
        score,
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> (tempfile::TempDir, PathBuf) {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/ws.sqlite");
        (d, p)
    }

    #[test]
    fn creates_marks_and_reopens() {
        let (_d, p) = temp();
        let mut s = Store::open(&p).unwrap();
        assert_eq!(
            s.add_units(&[Unit::new(" Member States ", "государства-члены", "a.tsv")])
                .unwrap(),
            1
        );
        assert_eq!(
            s.add_units(&[Unit::new("member  states", "Государства-члены", "b.tsv")])
                .unwrap(),
            0
        );
        assert_eq!(s.add_units(&[Unit::new("", "пусто", "b.tsv")]).unwrap(), 0);
        drop(s);
        let s = Store::open(&p).unwrap();
        let v: i64 = s
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let a: i64 = s
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!((a, v), (APPLICATION_ID, SCHEMA_VERSION));
        let mode: String = s
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let u = s.units().unwrap();
        assert_eq!(
            u,
            vec![Unit::new("Member States", "государства-члены", "a.tsv")]
        );
        assert_eq!(s.find_units("MEMBER STATES").unwrap().len(), 1);
        assert_eq!(s.counts().unwrap().units, 1);
    }

    #[test]
    fn migrates_a_version_3_workspace() {
        // a workspace as termtool wrote it at version 3: postings a row per key and unit
        let (_d, p) = temp();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let c = Connection::open(&p).unwrap();
        schema::migrate_to(&c, 0, 3).unwrap();
        c.execute_batch(
            "INSERT INTO units (en, ru, en_key, ru_key, source, origin) \
             VALUES ('Joint Plan', 'Совместный план', 'joint plan', 'совместный план', 'a.tsv', 'import');
             INSERT INTO postings VALUES ('e:plan', 1), ('e:joint', 1);
             INSERT INTO index_keys VALUES ('e:plan', 1), ('e:joint', 1);",
        )
        .unwrap();
        drop(c);
        let mut s = Store::open(&p).unwrap();
        let v: i64 = s
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        // the postings were rebuilt from the units, Russian included, and grow from there
        s.add_units(&[Unit::new("Action Plan", "План действий", "b.tsv")])
            .unwrap();
        assert_eq!(s.postings("e:plan").unwrap(), [1, 2]);
        assert_eq!(s.postings("r:план").unwrap(), [1, 2]);
        assert_eq!(s.df("e:joint").unwrap(), 1);
    }

    #[test]
    fn refuses_newer_schema() {
        let (_d, p) = temp();
        drop(Store::open(&p).unwrap());
        let c = Connection::open(&p).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(c);
        let e = Store::open(&p).err().unwrap().to_string();
        assert!(e.contains("newer than this termtool"), "{}", e);
    }

    #[test]
    fn refuses_foreign_and_garbage() {
        let (_d, p) = temp();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let c = Connection::open(&p).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(c);
        let before = std::fs::read(&p).unwrap();
        let e = Store::open(&p).err().unwrap().to_string();
        assert!(e.contains("without termtool's marker"), "{}", e);
        assert_eq!(
            std::fs::read(&p).unwrap(),
            before,
            "a foreign file is not written to"
        );
        std::fs::write(&p, b"hello, this is not a database at all").unwrap();
        let e = Store::open(&p).err().unwrap().to_string();
        assert!(e.contains("not an SQLite database"), "{}", e);
    }

    #[test]
    fn empty_file_becomes_a_workspace() {
        let (_d, p) = temp();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, b"").unwrap();
        let s = Store::open(&p).unwrap();
        assert_eq!(s.counts().unwrap(), Counts::default());
    }

    #[test]
    fn batch_dropped_is_rolled_back() {
        let (_d, p) = temp();
        let mut s = Store::open(&p).unwrap();
        {
            let mut b = s.batch().unwrap();
            assert_eq!(b.add_units(&[Unit::new("a", "б", "x")], None).unwrap(), 1);
        }
        assert_eq!(s.counts().unwrap().units, 0);
        let mut b = s.batch().unwrap();
        let doc = b
            .add_document(&Document::from_bytes(
                Path::new("dir/x.tsv"),
                DocKind::Memory,
                b"a\tb\n",
            ))
            .unwrap();
        let again = b
            .add_document(&Document::from_bytes(
                Path::new("y.tsv"),
                DocKind::Memory,
                b"a\tb\n",
            ))
            .unwrap();
        assert_eq!(doc, again);
        b.add_units(&[Unit::new("a", "б", "x")], Some(doc)).unwrap();
        b.commit().unwrap();
        assert_eq!(s.counts().unwrap().units, 1);
        assert_eq!(s.counts().unwrap().documents, 1);
    }
}
