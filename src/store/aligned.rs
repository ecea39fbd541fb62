//! Saving an alignment: its documents, their paragraphs, the beads, and the paired text as
//! translation units. Saving the same alignment again changes nothing.
use super::{db_err, insert_units, upsert_document, Document, Store, Unit, UnitOrigin};
use crate::align::{Alignment, Segments, Sides};
use crate::error::Result;
use crate::text::Paragraph;
use rusqlite::{params, Connection};

/// An alignment to save, with what it was made from.
#[derive(Debug, Clone, Copy)]
pub struct AlignmentRecord<'a> {
    /// The English file, or the one file holding both languages.
    pub en_doc: &'a Document,
    /// The Russian file; `None` when `en_doc` holds both languages.
    pub ru_doc: Option<&'a Document>,
    /// The units of alignment the paragraphs are.
    pub segments: Segments,
    /// The English and Russian units as aligned: the beads' indices point into these.
    pub sides: &'a Sides,
    pub alignment: &'a Alignment,
}

/// What [`Store::save_alignment`] stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlignmentSaved {
    /// The alignment's row id (the same each time the same documents are saved).
    pub alignment_id: i64,
    pub paragraphs: usize,
    pub beads: usize,
    /// Translation units offered: sentence pairs, or paragraph pairs for beads without sentences.
    pub units: usize,
    /// Of those, how many were new to the workspace.
    pub added: usize,
}

fn segments_str(s: Segments) -> &'static str {
    match s {
        Segments::Paragraphs => "paragraphs",
        Segments::Lines => "lines",
    }
}

impl Store {
    /// Save an alignment in one transaction: the documents (by content hash), their paragraphs
    /// and beads (replacing those of an earlier save of the same documents), and the paired
    /// sentences (or paragraphs, for beads without sentences) as units with origin "align" and
    /// the bead's score. Idempotent: saving the same alignment twice leaves the same rows.
    pub fn save_alignment(&mut self, rec: &AlignmentRecord) -> Result<AlignmentSaved> {
        let b = self.batch()?;
        let saved = save(&b.tx, rec).map_err(|e| db_err(b.path, e))?;
        b.commit()?;
        Ok(saved)
    }
}

fn save(tx: &Connection, rec: &AlignmentRecord) -> rusqlite::Result<AlignmentSaved> {
    let seg = segments_str(rec.segments);
    let en_id = upsert_document(tx, rec.en_doc)?;
    let ru_id = match rec.ru_doc {
        Some(d) => upsert_document(tx, d)?,
        None => en_id,
    };
    let mut paragraphs = 0;
    for (doc, lang, list) in [(en_id, "en", &rec.sides.en), (ru_id, "ru", &rec.sides.ru)] {
        paragraphs += replace_paragraphs(tx, doc, seg, lang, list)?;
    }

    tx.execute(
        "INSERT OR IGNORE INTO alignments (en_doc, ru_doc, segments) VALUES (?1, ?2, ?3)",
        params![en_id, ru_id, seg],
    )?;
    let alignment_id: i64 = tx.query_row(
        "SELECT id FROM alignments WHERE en_doc = ?1 AND ru_doc = ?2 AND segments = ?3",
        params![en_id, ru_id, seg],
        |r| r.get(0),
    )?;
    tx.execute("DELETE FROM beads WHERE alignment_id = ?1", [alignment_id])?;
    let mut st = tx.prepare_cached(
        "INSERT INTO beads (alignment_id, pos, en, ru, score) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (pos, b) in rec.alignment.beads.iter().enumerate() {
        st.execute(params![
            alignment_id,
            pos as i64,
            indices(&b.en),
            indices(&b.ru),
            b.score
        ])?;
    }

    let source = match rec.ru_doc {
        Some(ru) => format!("{} + {}", rec.en_doc.name, ru.name),
        None => rec.en_doc.name.clone(),
    };
    let units = pairs(rec.alignment, rec.segments, &source);
    let added = insert_units(tx, &units, Some(en_id))?;
    Ok(AlignmentSaved {
        alignment_id,
        paragraphs,
        beads: rec.alignment.beads.len(),
        units: units.len(),
        added,
    })
}

/// Replace a document's paragraphs in one language and segmentation; returns how many.
fn replace_paragraphs(
    tx: &Connection,
    doc: i64,
    seg: &str,
    lang: &str,
    list: &[Paragraph],
) -> rusqlite::Result<usize> {
    tx.execute(
        "DELETE FROM paragraphs WHERE doc_id = ?1 AND segments = ?2 AND lang = ?3",
        params![doc, seg, lang],
    )?;
    let mut st = tx.prepare_cached(
        "INSERT INTO paragraphs (doc_id, segments, lang, idx, line, start, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, p) in list.iter().enumerate() {
        st.execute(params![
            doc,
            seg,
            lang,
            i as i64,
            p.line as i64,
            p.start as i64,
            p.text
        ])?;
    }
    Ok(list.len())
}

/// A bead's unit indices as a JSON array, e.g. `[3,4]`.
fn indices(v: &[usize]) -> String {
    serde_json::to_string(v).expect("a list of numbers serialises")
}

/// The units an alignment gives: each sentence bead with both sides, or the paragraph bead
/// itself when it has no sentence beads (as `align --level sentence` prints them).
fn pairs(al: &Alignment, segments: Segments, source: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut push = |en: &str, ru: &str, score: f64| {
        if !en.trim().is_empty() && !ru.trim().is_empty() {
            out.push(Unit {
                en: en.to_string(),
                ru: ru.to_string(),
                source: source.to_string(),
                score: Some(score),
                origin: UnitOrigin::Align,
            });
        }
    };
    for b in &al.beads {
        if segments == Segments::Paragraphs && !b.sentences.is_empty() {
            for s in &b.sentences {
                push(&s.en_text, &s.ru_text, s.score);
            }
        } else {
            push(&b.en_text, &b.ru_text, b.score);
        }
    }
    out
}
