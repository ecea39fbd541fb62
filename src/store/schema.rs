//! The workspace schema, its version, and the forward migrations that reach it.
//!
//! A termtool workspace is marked in the SQLite header: `PRAGMA application_id` is
//! [`APPLICATION_ID`] and `PRAGMA user_version` is the schema version. Each migration takes the
//! schema from version `n` to `n + 1` and runs inside the transaction that opens the workspace,
//! so a workspace is always at one version or the next, never in between.
use rusqlite::Connection;

/// `PRAGMA application_id` of a termtool workspace: "TTWS" as a big-endian 32-bit number.
pub const APPLICATION_ID: i64 = 0x5454_5753;

/// The schema version this build writes. Older workspaces are migrated forward when opened;
/// newer ones are refused (an older termtool cannot know what a newer one stored).
pub const VERSION: i64 = 5;

/// Version 1: documents, paragraphs, alignments and beads, translation units, the glossary.
const V1: &str = r#"
CREATE TABLE documents (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    sha256  TEXT NOT NULL UNIQUE,
    kind    TEXT NOT NULL CHECK (kind IN ('text', 'memory', 'glossary')),
    bytes   INTEGER NOT NULL
);

CREATE TABLE paragraphs (
    doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    segments  TEXT NOT NULL CHECK (segments IN ('paragraphs', 'lines')),
    lang      TEXT NOT NULL CHECK (lang IN ('en', 'ru')),
    idx       INTEGER NOT NULL,
    line      INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (doc_id, segments, lang, idx)
) WITHOUT ROWID;

CREATE TABLE alignments (
    id        INTEGER PRIMARY KEY,
    en_doc    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ru_doc    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    segments  TEXT NOT NULL CHECK (segments IN ('paragraphs', 'lines')),
    UNIQUE (en_doc, ru_doc, segments)
);

CREATE TABLE beads (
    alignment_id  INTEGER NOT NULL REFERENCES alignments(id) ON DELETE CASCADE,
    pos           INTEGER NOT NULL,
    en            TEXT NOT NULL,
    ru            TEXT NOT NULL,
    score         REAL NOT NULL,
    PRIMARY KEY (alignment_id, pos)
) WITHOUT ROWID;

CREATE TABLE units (
    id      INTEGER PRIMARY KEY,
    en      TEXT NOT NULL,
    ru      TEXT NOT NULL,
    en_key  TEXT NOT NULL,
    ru_key  TEXT NOT NULL,
    source  TEXT NOT NULL,
    origin  TEXT NOT NULL CHECK (origin IN ('import', 'align')),
    score   REAL,
    doc_id  INTEGER REFERENCES documents(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX units_keys ON units (en_key, ru_key);
CREATE INDEX units_ru_key ON units (ru_key);

CREATE TABLE concepts (
    id          TEXT PRIMARY KEY,
    origin      TEXT NOT NULL CHECK (origin IN ('extracted', 'curated', 'imported')),
    confidence  REAL NOT NULL,
    note        TEXT
) WITHOUT ROWID;
CREATE INDEX concepts_origin ON concepts (origin);

CREATE TABLE terms (
    concept_id        TEXT NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
    lang              TEXT NOT NULL CHECK (lang IN ('en', 'ru')),
    rank              INTEGER NOT NULL,
    text              TEXT NOT NULL,
    key               TEXT NOT NULL,
    term_type         TEXT NOT NULL,
    pos               TEXT NOT NULL,
    status            TEXT NOT NULL,
    variant_kind      TEXT,
    variant_evidence  TEXT,
    PRIMARY KEY (concept_id, lang, rank)
) WITHOUT ROWID;
CREATE INDEX terms_key ON terms (key);

CREATE TABLE contexts (
    concept_id  TEXT NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
    rank        INTEGER NOT NULL,
    lang        TEXT NOT NULL,
    text        TEXT NOT NULL,
    doc         TEXT NOT NULL,
    PRIMARY KEY (concept_id, rank)
) WITHOUT ROWID;
"#;

/// Version 2: the memory's postings index (`src/index/`): for each word key (a side prefix and
/// the word's lemma key, e.g. `e:plan`, `r:совместный`) the units holding it, and how many.
const V2: &str = r#"
CREATE TABLE postings (
    key      TEXT NOT NULL,
    unit_id  INTEGER NOT NULL,
    PRIMARY KEY (key, unit_id)
) WITHOUT ROWID;

CREATE TABLE index_keys (
    key  TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
"#;

/// Version 3: the people's decisions (`termtool import decisions.csv`: accept, reject, edit,
/// add; see `glossary::curated`), kept so that extraction never undoes them.
const V3: &str = r#"
CREATE TABLE decisions (
    seq         INTEGER PRIMARY KEY,
    action      TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit', 'add')),
    concept_id  TEXT NOT NULL,
    en          TEXT NOT NULL,
    ru          TEXT NOT NULL,
    note        TEXT NOT NULL,
    source      TEXT NOT NULL,
    UNIQUE (action, concept_id, en, ru)
);
"#;

/// Version 4: the postings in blocks (`src/index/postings.rs`): one row holds up to 4,096 unit
/// ids of a key, delta-encoded, so a query reads a frequent word's list in a few rows. The
/// lists of version 2 (a row per key and unit) are rebuilt from the units.
const V4: &str = r#"
DROP TABLE postings;
DELETE FROM index_keys;
CREATE TABLE postings (
    key    TEXT NOT NULL,
    block  INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    ids    BLOB NOT NULL,
    PRIMARY KEY (key, block)
);
"#;

/// Version 5: alignments under review (`src/review/`): a document's sentences on each side,
/// and the beads over them with the reviewer's status and a version each; the decisions take
/// `prefer`, `merge` and `split`, and a merge's `other` concept (the table is rebuilt, as SQLite
/// cannot change a CHECK).
const V5: &str = r#"
CREATE TABLE decisions_v5 (
    seq         INTEGER PRIMARY KEY,
    action      TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit', 'add', 'prefer', 'merge', 'split')),
    concept_id  TEXT NOT NULL,
    en          TEXT NOT NULL,
    ru          TEXT NOT NULL,
    note        TEXT NOT NULL,
    source      TEXT NOT NULL,
    other       TEXT NOT NULL DEFAULT '',
    UNIQUE (action, concept_id, en, ru, other)
);
INSERT INTO decisions_v5 (seq, action, concept_id, en, ru, note, source)
    SELECT seq, action, concept_id, en, ru, note, source FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_v5 RENAME TO decisions;

CREATE TABLE reviews (
    id       INTEGER PRIMARY KEY,
    en_doc   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ru_doc   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    version  INTEGER NOT NULL,
    skipped  TEXT NOT NULL,
    UNIQUE (en_doc, ru_doc)
);

CREATE TABLE review_sentences (
    review_id  INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    lang       TEXT NOT NULL CHECK (lang IN ('en', 'ru')),
    idx        INTEGER NOT NULL,
    para       INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (review_id, lang, idx)
) WITHOUT ROWID;

CREATE TABLE review_beads (
    id         INTEGER PRIMARY KEY,
    review_id  INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    en_start   INTEGER NOT NULL,
    en_end     INTEGER NOT NULL,
    ru_start   INTEGER NOT NULL,
    ru_end     INTEGER NOT NULL,
    score      REAL,
    status     TEXT NOT NULL CHECK (status IN ('unconfirmed', 'confirmed', 'noise')),
    version    INTEGER NOT NULL
);
CREATE INDEX review_beads_review ON review_beads (review_id);
"#;

/// The migrations, in order: `MIGRATIONS[n]` takes version `n` to `n + 1`.
const MIGRATIONS: [&str; VERSION as usize] = [V1, V2, V3, V4, V5];

/// Bring a workspace at `from` up to [`VERSION`], stamping the marker and the version.
/// The caller holds a write transaction, so this is all or nothing.
pub fn migrate(conn: &Connection, from: i64) -> rusqlite::Result<()> {
    migrate_to(conn, from, VERSION)
}

/// Bring a workspace at `from` up to `to` (an older termtool's workspace, in tests).
pub(crate) fn migrate_to(conn: &Connection, from: i64, to: i64) -> rusqlite::Result<()> {
    for (n, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(to as usize)
        .skip(from.max(0) as usize)
    {
        conn.execute_batch(sql)?;
        if n == 3 {
            // The units an older workspace already holds get their postings.
            super::postings::backfill(conn)?;
        }
        conn.pragma_update(None, "user_version", n as i64 + 1)?;
    }
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}
