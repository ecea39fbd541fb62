//! Alignments under review ([`crate::review`]): a document's sentences and beads, each change
//! in one transaction, and the document's units in the memory rewritten from the corrected
//! beads every time (noise and one-sided beads left out).
use super::{db_err, insert_units, postings, upsert_document, Document, Store, Unit, UnitOrigin};
use crate::error::{Error, Result};
use crate::review::{self, Action, Bead, Flat, Refused, Review, Sentence, Status};
use rusqlite::{params, Connection, OptionalExtension};

/// A new alignment of a document, to review.
#[derive(Debug, Clone, Copy)]
pub struct ReviewRecord<'a> {
    /// The English file, or the one file holding both languages.
    pub en_doc: &'a Document,
    /// The Russian file; `None` when `en_doc` holds both languages.
    pub ru_doc: Option<&'a Document>,
    pub flat: &'a Flat,
}

/// What [`Store::open_review`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewOpened {
    /// The document was new to review: its alignment is stored.
    New,
    /// The workspace held a review of the document: it is kept as it was.
    Kept,
    /// The new alignment replaced the unconfirmed beads; this many decided beads were kept.
    Realigned(usize),
}

/// A review in the list of [`Store::reviews`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReviewInfo {
    pub id: i64,
    pub name: String,
    pub version: i64,
    pub beads: usize,
    pub confirmed: usize,
    pub noise: usize,
}

impl Store {
    /// Open a review of the record's document: stored new, kept as it is when the workspace
    /// has one, or with `realign` the new alignment for every bead the reviewer did not decide
    /// (confirmed and noise beads are never changed by a new alignment). Returns its id.
    pub fn open_review(
        &mut self,
        rec: &ReviewRecord,
        realign: bool,
    ) -> Result<(i64, ReviewOpened)> {
        let b = self.batch()?;
        let path = b.path;
        let out = open(&b.tx, rec, realign).map_err(|e| match e {
            Failure::Db(e) => db_err(path, e),
            Failure::Other(e) => e,
        })?;
        b.commit()?;
        Ok(out)
    }

    /// The review of a document (its files by content), if the workspace holds one.
    pub fn find_review(&self, en: &Document, ru: Option<&Document>) -> Result<Option<Review>> {
        let ru = ru.unwrap_or(en);
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT r.id FROM reviews r JOIN documents e ON e.id = r.en_doc \
                 JOIN documents u ON u.id = r.ru_doc WHERE e.sha256 = ?1 AND u.sha256 = ?2",
                params![en.sha256, ru.sha256],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| db_err(&self.path, e))?;
        match id {
            Some(id) => self.review(id),
            None => Ok(None),
        }
    }

    /// Every review, by id.
    pub fn reviews(&self) -> Result<Vec<ReviewInfo>> {
        let err = |e| db_err(&self.path, e);
        let mut st = self
            .conn
            .prepare(
                "SELECT r.id, r.name, r.version, count(b.id), \
                 count(CASE WHEN b.status = 'confirmed' THEN 1 END), \
                 count(CASE WHEN b.status = 'noise' THEN 1 END) \
                 FROM reviews r LEFT JOIN review_beads b ON b.review_id = r.id \
                 GROUP BY r.id ORDER BY r.id",
            )
            .map_err(err)?;
        let rows = st
            .query_map([], |r| {
                Ok(ReviewInfo {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    version: r.get(2)?,
                    beads: r.get::<_, i64>(3)? as usize,
                    confirmed: r.get::<_, i64>(4)? as usize,
                    noise: r.get::<_, i64>(5)? as usize,
                })
            })
            .map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }

    /// One review, with its sentences and beads (`None`: no review with this id).
    pub fn review(&self, id: i64) -> Result<Option<Review>> {
        load(&self.conn, id).map_err(|e| match e {
            Failure::Db(e) => db_err(&self.path, e),
            Failure::Other(e) => e,
        })
    }

    /// Apply a reviewer's action in one transaction: the beads, the review's version, and the
    /// document's units in the memory. Refused actions change nothing. Returns the review as it
    /// is after the action and the action that undoes it.
    pub fn review_action(
        &mut self,
        id: i64,
        action: &Action,
    ) -> Result<Option<std::result::Result<(Review, Action), Refused>>> {
        let b = self.batch()?;
        let path = b.path;
        let fail = |e: Failure| match e {
            Failure::Db(e) => db_err(path, e),
            Failure::Other(e) => e,
        };
        let Some(mut rv) = load(&b.tx, id).map_err(fail)? else {
            return Ok(None);
        };
        let mut next = next_bead_id(&b.tx).map_err(|e| db_err(path, e))?;
        let undo = match review::apply(&mut rv.beads, action, || {
            next += 1;
            next - 1
        }) {
            Ok(undo) => undo,
            Err(refused) => return Ok(Some(Err(refused))),
        };
        rv.version += 1;
        store_beads(&b.tx, &rv).map_err(|e| db_err(path, e))?;
        b.commit()?;
        Ok(Some(Ok((rv, undo))))
    }
}

/// A database error, or one of ours (to report with the workspace's path or as it is).
enum Failure {
    Db(rusqlite::Error),
    Other(Error),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Failure {
        Failure::Db(e)
    }
}

fn open(
    tx: &Connection,
    rec: &ReviewRecord,
    realign: bool,
) -> std::result::Result<(i64, ReviewOpened), Failure> {
    let en_id = upsert_document(tx, rec.en_doc)?;
    let ru_id = match rec.ru_doc {
        Some(d) => upsert_document(tx, d)?,
        None => en_id,
    };
    let name = name(rec.en_doc, rec.ru_doc);
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM reviews WHERE en_doc = ?1 AND ru_doc = ?2",
            params![en_id, ru_id],
            |r| r.get(0),
        )
        .optional()?;
    let flat = rec.flat;
    let mut next = next_bead_id(tx)?;
    let new_id = || {
        next += 1;
        next - 1
    };
    let Some(id) = existing else {
        tx.execute(
            "INSERT INTO reviews (en_doc, ru_doc, name, version, skipped) VALUES (?1, ?2, ?3, 1, ?4)",
            params![en_id, ru_id, name, skipped_json(flat)],
        )?;
        let id = tx.last_insert_rowid();
        for (lang, list) in [("en", &flat.en), ("ru", &flat.ru)] {
            let mut st = tx.prepare_cached(
                "INSERT INTO review_sentences (review_id, lang, idx, para, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, s) in list.iter().enumerate() {
                st.execute(params![id, lang, i as i64, s.para as i64, s.text])?;
            }
        }
        let rv = flat.review(id, &name, new_id);
        store_beads(tx, &rv)?;
        return Ok((id, ReviewOpened::New));
    };
    if !realign {
        return Ok((id, ReviewOpened::Kept));
    }
    let mut rv = load(tx, id)?.expect("the review was just found");
    if rv.en != flat.en || rv.ru != flat.ru {
        return Err(Failure::Other(Error::Usage(format!(
            "review {id} ({}) was made from other sentences (an older termtool split them differently); nothing was changed: keep reviewing it as it is",
            rv.name
        ))));
    }
    let kept = rv.beads.iter().filter(|b| b.status.decided()).count();
    rv.beads = review::keep_decided(
        &rv.beads,
        &flat.beads,
        (flat.en.len(), flat.ru.len()),
        new_id,
    );
    rv.version += 1;
    rv.skipped = flat.skipped.clone();
    tx.execute(
        "UPDATE reviews SET skipped = ?2 WHERE id = ?1",
        params![id, skipped_json(flat)],
    )?;
    store_beads(tx, &rv)?;
    Ok((id, ReviewOpened::Realigned(kept)))
}

/// A review's name: the file's, or "EN + RU" for two files.
pub fn name(en: &Document, ru: Option<&Document>) -> String {
    match ru {
        Some(ru) => format!("{} + {}", en.name, ru.name),
        None => en.name.clone(),
    }
}

fn skipped_json(flat: &Flat) -> String {
    serde_json::to_string(&flat.skipped).expect("skipped units serialise")
}

/// The id the next new bead gets.
fn next_bead_id(tx: &Connection) -> rusqlite::Result<i64> {
    tx.query_row(
        "SELECT coalesce(max(id), 0) + 1 FROM review_beads",
        [],
        |r| r.get(0),
    )
}

fn load(conn: &Connection, id: i64) -> std::result::Result<Option<Review>, Failure> {
    let head: Option<(String, i64, String)> = conn
        .query_row(
            "SELECT name, version, skipped FROM reviews WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((name, version, skipped)) = head else {
        return Ok(None);
    };
    let sentences = |lang: &str| -> rusqlite::Result<Vec<Sentence>> {
        let mut st = conn.prepare_cached(
            "SELECT para, text FROM review_sentences WHERE review_id = ?1 AND lang = ?2 ORDER BY idx",
        )?;
        let rows = st.query_map(params![id, lang], |r| {
            Ok(Sentence {
                para: r.get::<_, i64>(0)? as usize,
                text: r.get(1)?,
            })
        })?;
        rows.collect()
    };
    let (en, ru) = (sentences("en")?, sentences("ru")?);
    let mut st = conn.prepare_cached(
        "SELECT id, version, en_start, en_end, ru_start, ru_end, score, status FROM review_beads \
         WHERE review_id = ?1 ORDER BY en_start + ru_start, id",
    )?;
    let beads = st
        .query_map([id], |r| {
            let n = |i| r.get::<_, i64>(i).map(|v| v as usize);
            let status: String = r.get(7)?;
            Ok(Bead {
                id: r.get(0)?,
                version: r.get(1)?,
                en: n(2)?..n(3)?,
                ru: n(4)?..n(5)?,
                score: r.get(6)?,
                status: Status::parse(&status).unwrap_or(Status::Unconfirmed),
            })
        })?
        .collect::<rusqlite::Result<Vec<Bead>>>()?;
    let damaged = |what: &str| {
        Failure::Other(Error::Usage(format!(
            "review {id} in the workspace is damaged ({what}); align the document again with `termtool review --realign`"
        )))
    };
    if !review::is_partition(&beads, en.len(), ru.len()) {
        return Err(damaged("its beads do not cover its sentences in order"));
    }
    let skipped = serde_json::from_str(&skipped).map_err(|_| damaged("its skipped units"))?;
    Ok(Some(Review {
        id,
        name,
        version,
        en,
        ru,
        beads,
        skipped,
    }))
}

/// Write a review's beads and version, and rewrite its document's units in the memory.
fn store_beads(tx: &Connection, rv: &Review) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE reviews SET version = ?2 WHERE id = ?1",
        params![rv.id, rv.version],
    )?;
    tx.execute("DELETE FROM review_beads WHERE review_id = ?1", [rv.id])?;
    let mut st = tx.prepare_cached(
        "INSERT INTO review_beads (id, review_id, en_start, en_end, ru_start, ru_end, score, status, version) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for b in &rv.beads {
        st.execute(params![
            b.id,
            rv.id,
            b.en.start as i64,
            b.en.end as i64,
            b.ru.start as i64,
            b.ru.end as i64,
            b.score,
            b.status.as_str(),
            b.version
        ])?;
    }
    rewrite_units(tx, rv)
}

/// Replace the units this document gave the memory with the review's pairs.
fn rewrite_units(tx: &Connection, rv: &Review) -> rusqlite::Result<()> {
    let doc: i64 = tx.query_row("SELECT en_doc FROM reviews WHERE id = ?1", [rv.id], |r| {
        r.get(0)
    })?;
    let old: Vec<(i64, String, String)> = {
        let mut st = tx.prepare_cached(
            "SELECT id, en, ru FROM units WHERE doc_id = ?1 AND origin = 'align' ORDER BY id",
        )?;
        let rows = st.query_map([doc], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    postings::remove(tx, &old)?;
    tx.execute(
        "DELETE FROM units WHERE doc_id = ?1 AND origin = 'align'",
        [doc],
    )?;
    insert_units(tx, &units(rv), Some(doc))?;
    Ok(())
}

/// The translation units a review gives: its beads with both sides that are not noise; a
/// confirmed bead's score is 1.
pub fn units(rv: &Review) -> Vec<Unit> {
    rv.beads
        .iter()
        .filter(|b| b.status != Status::Noise && !b.en.is_empty() && !b.ru.is_empty())
        .map(|b| {
            let (en, ru) = rv.texts(b);
            Unit {
                en: en.join(" "),
                ru: ru.join(" "),
                source: rv.name.clone(),
                score: if b.status == Status::Confirmed {
                    Some(1.0)
                } else {
                    b.score
                },
                origin: UnitOrigin::Align,
            }
        })
        .collect()
}
