//! The glossary in the workspace: concepts, their terms (queryable by match key) and contexts.
//!
//! Extracted entries are rebuilt wholesale by [`Store::save_glossary`]; curated and imported
//! entries are written one by one by [`Store::put_concepts`] and survive every rebuild.
use super::{db_err, Batch, Store};
use crate::error::{Error, Result};
use crate::glossary::curated::{self, Action, Decision};
use crate::glossary::{Concept, Context, Glossary, Origin, Status, Term, TermType, VariantInfo};
use crate::text::match_key;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use std::path::Path;

impl Store {
    /// Replace the glossary's extracted entries by `g`'s extracted entries, in one transaction.
    ///
    /// Curated and imported entries stay: an extracted entry of `g` whose id is already held by
    /// one of them is not written, and `g`'s own curated or imported entries are ignored (write
    /// those with [`Store::put_concepts`]).
    pub fn save_glossary(&mut self, g: &Glossary) -> Result<()> {
        let b = self.batch()?;
        save_extracted(&b.tx, g).map_err(|e| db_err(b.path, e))?;
        b.commit()
    }

    /// Merge `g`'s extracted entries into the glossary, concept by concept, in one transaction
    /// (what `extract --save` does): an entry with the same id is left as it is or updated, an
    /// extracted entry with the same English preferred term is replaced by the new one, the
    /// rest is added; extracted entries that the new extraction does not hold are kept unless
    /// `replace` is set (then they are removed). Curated, imported and confirmed entries are
    /// never touched: an extracted entry whose id or English term one of them holds is skipped.
    pub fn merge_extracted(&mut self, g: &Glossary, replace: bool) -> Result<MergeReport> {
        let held = self.glossary()?;
        let b = self.batch()?;
        let report = merge_in(&b.tx, &held, g, replace).map_err(|e| db_err(b.path, e))?;
        b.commit()?;
        Ok(report)
    }

    /// Write curated or imported (or extracted) concepts, replacing entries with the same id,
    /// in one transaction; returns how many were written. A curated entry is only ever replaced
    /// by another curated entry.
    pub fn put_concepts(&mut self, concepts: &[Concept]) -> Result<usize> {
        let b = self.batch()?;
        let n = put_concepts_in(&b.tx, concepts).map_err(|e| db_err(b.path, e))?;
        b.commit()?;
        Ok(n)
    }

    /// The whole glossary, concepts sorted by id (see [`Glossary::normalize`]).
    pub fn glossary(&self) -> Result<Glossary> {
        let mut g = Glossary {
            concepts: self.load_concepts(None)?,
        };
        g.normalize();
        Ok(g)
    }

    /// The concepts holding a term with the same match key as `term`, sorted by id.
    pub fn find_concepts(&self, term: &str) -> Result<Vec<Concept>> {
        self.load_concepts(Some(&match_key(term)))
    }

    fn load_concepts(&self, key: Option<&str>) -> Result<Vec<Concept>> {
        load_concepts(&self.conn, &self.path, key)
    }

    /// The concept with this id, if the workspace holds it.
    pub fn concept(&self, id: &str) -> Result<Option<Concept>> {
        concept_by_id(&self.conn, &self.path, id)
    }

    /// The people's decisions recorded by `termtool import`, oldest first.
    pub fn decisions(&self) -> Result<Vec<Decision>> {
        decisions_in(&self.conn).map_err(|e| db_err(&self.path, e))
    }
}

/// Load all concepts, or those with a term whose key is `key`.
fn load_concepts(conn: &Connection, path: &Path, key: Option<&str>) -> Result<Vec<Concept>> {
    match key {
        Some(k) => load_where(
            conn,
            path,
            "IN (SELECT concept_id FROM terms WHERE key = ?1)",
            Some(k),
        ),
        None => load_where(conn, path, "", None),
    }
}

/// The concept with id `id`, if any.
fn concept_by_id(conn: &Connection, path: &Path, id: &str) -> Result<Option<Concept>> {
    Ok(load_where(conn, path, "= ?1", Some(id))?.pop())
}

/// Load the concepts whose id satisfies `id_test` (an SQL test of the id with `?1` standing
/// for `arg`; empty for all).
fn load_where(
    conn: &Connection,
    path: &Path,
    id_test: &str,
    arg: Option<&str>,
) -> Result<Vec<Concept>> {
    let (filter, cfilter) = if id_test.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("WHERE concept_id {id_test}"),
            format!("WHERE id {id_test}"),
        )
    };
    let args: Vec<&str> = arg.into_iter().collect();
    let args = rusqlite::params_from_iter(args.iter());
    let q = |sql: String| conn.prepare(&sql).map_err(|e| db_err(path, e));

    let mut concepts: Vec<Concept> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut st = q(format!(
        "SELECT id, origin, confidence, note FROM concepts {} ORDER BY id",
        cfilter
    ))?;
    let mut rows = st.query(args.clone()).map_err(|e| db_err(path, e))?;
    while let Some(r) = rows.next().map_err(|e| db_err(path, e))? {
        let get = |e| db_err(path, e);
        let id: String = r.get(0).map_err(get)?;
        let origin: String = r.get(1).map_err(get)?;
        let origin = Origin::parse(&origin).ok_or_else(|| unknown(path, "origin", &origin))?;
        at.insert(id.clone(), concepts.len());
        concepts.push(Concept {
            id,
            en: Vec::new(),
            ru: Vec::new(),
            contexts: Vec::new(),
            confidence: r.get(2).map_err(get)?,
            origin,
            note: r.get(3).map_err(get)?,
        });
    }
    drop(rows);

    let mut st = q(format!(
        "SELECT concept_id, lang, text, term_type, pos, status, variant_kind, variant_evidence \
             FROM terms {} ORDER BY concept_id, lang, rank",
        filter
    ))?;
    let mut rows = st.query(args.clone()).map_err(|e| db_err(path, e))?;
    while let Some(r) = rows.next().map_err(|e| db_err(path, e))? {
        let get = |e| db_err(path, e);
        let id: String = r.get(0).map_err(get)?;
        let lang: String = r.get(1).map_err(get)?;
        let tt: String = r.get(3).map_err(get)?;
        let status: String = r.get(5).map_err(get)?;
        let kind: Option<String> = r.get(6).map_err(get)?;
        let evidence: Option<String> = r.get(7).map_err(get)?;
        let term = Term {
            text: r.get(2).map_err(get)?,
            term_type: TermType::parse(&tt).ok_or_else(|| unknown(path, "term type", &tt))?,
            pos: r.get(4).map_err(get)?,
            status: Status::parse(&status).ok_or_else(|| unknown(path, "status", &status))?,
            variant_of: kind.map(|kind| VariantInfo {
                kind,
                evidence: evidence.unwrap_or_default(),
            }),
        };
        let Some(&i) = at.get(&id) else { continue };
        if lang == "en" {
            concepts[i].en.push(term);
        } else {
            concepts[i].ru.push(term);
        }
    }
    drop(rows);

    let mut st = q(format!(
        "SELECT concept_id, lang, text, doc FROM contexts {} ORDER BY concept_id, rank",
        filter
    ))?;
    let mut rows = st.query(args).map_err(|e| db_err(path, e))?;
    while let Some(r) = rows.next().map_err(|e| db_err(path, e))? {
        let get = |e| db_err(path, e);
        let id: String = r.get(0).map_err(get)?;
        let ctx = Context {
            lang: r.get(1).map_err(get)?,
            text: r.get(2).map_err(get)?,
            doc: r.get(3).map_err(get)?,
        };
        if let Some(&i) = at.get(&id) {
            concepts[i].contexts.push(ctx);
        }
    }
    Ok(concepts)
}

impl Batch<'_> {
    /// [`Store::concept`] inside this batch (what the batch will change it from).
    pub fn concept(&self, id: &str) -> Result<Option<Concept>> {
        concept_by_id(&self.tx, self.path, id)
    }

    /// [`Store::save_glossary`] inside this batch.
    pub fn save_glossary(&mut self, g: &Glossary) -> Result<()> {
        save_extracted(&self.tx, g).map_err(|e| db_err(self.path, e))
    }

    /// [`Store::put_concepts`] inside this batch (e.g. a glossary imported with memories).
    pub fn put_concepts(&mut self, concepts: &[Concept]) -> Result<usize> {
        put_concepts_in(&self.tx, concepts).map_err(|e| db_err(self.path, e))
    }

    /// Record decisions (a decision already recorded moves to the end, as the latest word);
    /// returns how many were new.
    pub fn add_decisions(&mut self, decisions: &[Decision], source: &str) -> Result<usize> {
        let path = self.path;
        let mut n = 0;
        for d in decisions {
            let key = params![d.action.as_str(), d.id, d.en, d.ru, d.other];
            let held: Option<i64> = self
                .tx
                .query_row(
                    "SELECT seq FROM decisions WHERE action = ?1 AND concept_id = ?2 AND en = ?3 AND ru = ?4 AND other = ?5",
                    key,
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| db_err(path, e))?;
            if held.is_none() {
                n += 1;
            }
            self.tx
                .execute(
                    "INSERT OR REPLACE INTO decisions (action, concept_id, en, ru, note, source, other) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![d.action.as_str(), d.id, d.en, d.ru, d.note, source, d.other],
                )
                .map_err(|e| db_err(path, e))?;
        }
        Ok(n)
    }

    /// Apply every recorded decision to the stored glossary (a rejected pair leaves it, even
    /// when a glossary import brought it back); returns how many concepts changed.
    pub fn apply_decisions(&mut self) -> Result<usize> {
        let path = self.path;
        let decisions = decisions_in(&self.tx).map_err(|e| db_err(path, e))?;
        if decisions.is_empty() {
            return Ok(0);
        }
        let before = load_concepts(&self.tx, path, None)?;
        let mut g = Glossary {
            concepts: before.clone(),
        };
        curated::apply(&mut g, &decisions);
        let after: HashMap<&str, &Concept> =
            g.concepts.iter().map(|c| (c.id.as_str(), c)).collect();
        let mut changed = 0;
        for c in &before {
            if after.get(c.id.as_str()).is_none_or(|n| *n != c) {
                delete_where(&self.tx, "SELECT ?1", [&c.id]).map_err(|e| db_err(path, e))?;
                changed += 1;
            }
        }
        let old: HashMap<&str, &Concept> = before.iter().map(|c| (c.id.as_str(), c)).collect();
        for c in &g.concepts {
            if old.get(c.id.as_str()).is_none_or(|o| *o != c) {
                insert_concept(&self.tx, c, false).map_err(|e| db_err(path, e))?;
                changed += 1;
            }
        }
        Ok(changed)
    }
}

fn decisions_in(conn: &Connection) -> rusqlite::Result<Vec<Decision>> {
    let mut st = conn.prepare(
        "SELECT action, concept_id, en, ru, note, seq, other FROM decisions ORDER BY seq",
    )?;
    let rows = st.query_map([], |r| {
        let action: String = r.get(0)?;
        Ok((
            action,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (action, id, en, ru, note, seq, other): (
            String,
            String,
            String,
            String,
            String,
            i64,
            String,
        ) = row?;
        // the schema's CHECK holds action to the names Action knows
        let Some(action) = Action::parse(&action) else {
            continue;
        };
        out.push(Decision {
            action,
            id,
            en,
            ru,
            note,
            other,
            line: seq as usize,
        });
    }
    Ok(out)
}

fn unknown(path: &Path, what: &str, value: &str) -> Error {
    Error::input(path, format!("the workspace holds a concept with an unknown {} {:?}; was it written by a newer termtool?", what, value))
}

/// Delete every extracted concept, then insert `g`'s extracted concepts whose ids are free.
fn save_extracted(tx: &Connection, g: &Glossary) -> rusqlite::Result<()> {
    delete_where(tx, "SELECT id FROM concepts WHERE origin = 'extracted'", [])?;
    for c in g.concepts.iter().filter(|c| c.origin == Origin::Extracted) {
        insert_concept(tx, c, true)?;
    }
    Ok(())
}

/// What a merge of extracted entries did (see [`Store::merge_extracted`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct MergeReport {
    /// New concepts.
    pub added: usize,
    /// Extracted concepts whose terms, confidence or contexts the new extraction changed.
    pub changed: usize,
    /// Extracted concepts the new extraction gave again as they were.
    pub unchanged: usize,
    /// Extracted concepts the new extraction does not hold, kept.
    pub kept: usize,
    /// Extracted concepts the new extraction does not hold, removed (`replace`).
    pub removed: usize,
    /// New entries left out because a curated, imported or confirmed entry holds them.
    pub skipped: usize,
}

fn en_key(c: &Concept) -> Option<String> {
    c.en.first().map(|t| match_key(&t.text))
}

fn merge_in(
    tx: &Connection,
    held: &Glossary,
    g: &Glossary,
    replace: bool,
) -> rusqlite::Result<MergeReport> {
    let mut r = MergeReport::default();
    let extracted: HashMap<&str, &Concept> = held
        .concepts
        .iter()
        .filter(|c| c.origin == Origin::Extracted)
        .map(|c| (c.id.as_str(), c))
        .collect();
    let people: std::collections::HashSet<String> = held
        .concepts
        .iter()
        .filter(|c| c.origin != Origin::Extracted)
        .flat_map(|c| [Some(c.id.clone()), en_key(c)])
        .flatten()
        .collect();
    let by_en: HashMap<String, &str> = extracted
        .values()
        .filter_map(|c| en_key(c).map(|k| (k, c.id.as_str())))
        .collect();
    let mut touched: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for c in g.concepts.iter().filter(|c| c.origin == Origin::Extracted) {
        if people.contains(&c.id) || en_key(c).is_some_and(|k| people.contains(&k)) {
            r.skipped += 1;
            continue;
        }
        let old = extracted
            .get(c.id.as_str())
            .map(|o| o.id.as_str())
            .or_else(|| en_key(c).and_then(|k| by_en.get(&k).copied()));
        match old {
            Some(id) if touched.contains(id) => {
                r.added += 1;
                insert_concept(tx, c, true)?;
                continue;
            }
            Some(id) => {
                touched.insert(id);
                if id == c.id && extracted.get(id).is_some_and(|o| *o == c) {
                    r.unchanged += 1;
                    continue;
                }
                r.changed += 1;
                delete_where(tx, "SELECT ?1", [id])?;
            }
            None => r.added += 1,
        }
        insert_concept(tx, c, true)?;
    }
    for id in extracted.keys().filter(|id| !touched.contains(*id)) {
        if replace {
            delete_where(tx, "SELECT ?1", [id])?;
            r.removed += 1;
        } else {
            r.kept += 1;
        }
    }
    Ok(r)
}

/// Write concepts, replacing by id, never replacing a curated entry by a non-curated one.
pub(super) fn put_concepts_in(tx: &Connection, concepts: &[Concept]) -> rusqlite::Result<usize> {
    let mut n = 0;
    for c in concepts {
        let held: Option<String> = tx
            .query_row("SELECT origin FROM concepts WHERE id = ?1", [&c.id], |r| {
                r.get(0)
            })
            .optional()?;
        if held.as_deref() == Some("curated") && c.origin != Origin::Curated {
            continue;
        }
        delete_where(tx, "SELECT ?1", [&c.id])?;
        insert_concept(tx, c, false)?;
        n += 1;
    }
    Ok(n)
}

/// Delete the concepts whose ids `select` gives, with their terms and contexts.
fn delete_where<P: rusqlite::Params + Clone>(
    tx: &Connection,
    select: &str,
    p: P,
) -> rusqlite::Result<()> {
    tx.execute(
        &format!("DELETE FROM terms WHERE concept_id IN ({})", select),
        p.clone(),
    )?;
    tx.execute(
        &format!("DELETE FROM contexts WHERE concept_id IN ({})", select),
        p.clone(),
    )?;
    tx.execute(&format!("DELETE FROM concepts WHERE id IN ({})", select), p)?;
    Ok(())
}

/// Insert one concept with its terms and contexts. With `keep_existing`, an id already held
/// is left alone (and `false` returned).
fn insert_concept(tx: &Connection, c: &Concept, keep_existing: bool) -> rusqlite::Result<bool> {
    let verb = if keep_existing {
        "INSERT OR IGNORE"
    } else {
        "INSERT"
    };
    let added = tx
        .prepare_cached(&format!(
            "{} INTO concepts (id, origin, confidence, note) VALUES (?1, ?2, ?3, ?4)",
            verb
        ))?
        .execute(params![c.id, c.origin.as_str(), c.confidence, c.note])?;
    if added == 0 {
        return Ok(false);
    }
    let mut terms = tx.prepare_cached(
        "INSERT INTO terms (concept_id, lang, rank, text, key, term_type, pos, status, variant_kind, variant_evidence) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (lang, list) in [("en", &c.en), ("ru", &c.ru)] {
        for (rank, t) in list.iter().enumerate() {
            let v = t.variant_of.as_ref();
            terms.execute(params![
                c.id,
                lang,
                rank as i64,
                t.text,
                match_key(&t.text),
                t.term_type.as_str(),
                t.pos,
                t.status.as_str(),
                v.map(|v| v.kind.as_str()),
                v.map(|v| v.evidence.as_str()),
            ])?;
        }
    }
    let mut ctx = tx.prepare_cached(
        "INSERT INTO contexts (concept_id, rank, lang, text, doc) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (rank, x) in c.contexts.iter().enumerate() {
        ctx.execute(params![c.id, rank as i64, x.lang, x.text, x.doc])?;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str) -> Term {
        Term {
            text: text.into(),
            term_type: TermType::FullForm,
            pos: "noun".into(),
            status: Status::Preferred,
            variant_of: None,
        }
    }

    fn concept(en: &str, ru: &str, origin: Origin) -> Concept {
        let mut v = term(&format!("{} (var)", en));
        v.term_type = TermType::Variant;
        v.status = Status::Admitted;
        v.variant_of = Some(VariantInfo {
            kind: "spelling".into(),
            evidence: "Centre ~ Center".into(),
        });
        Concept {
            id: crate::glossary::concept_id(en, ru),
            en: vec![term(en), v],
            ru: vec![term(ru)],
            contexts: vec![Context {
                lang: "en".into(),
                text: format!("The {} met.", en),
                doc: "d.txt".into(),
            }],
            confidence: 0.75,
            origin,
            note: Some("n".into()),
        }
    }

    #[test]
    fn extracted_entries_are_replaced_curated_stay() {
        let d = tempfile::tempdir().unwrap();
        let mut s = Store::open(&d.path().join("ws.sqlite")).unwrap();
        let cur = concept(
            "Joint Plan of Action",
            "Совместный план действий",
            Origin::Curated,
        );
        assert_eq!(s.put_concepts(std::slice::from_ref(&cur)).unwrap(), 1);
        let mut g1 = Glossary {
            concepts: vec![
                concept("UNOCT", "КТУ ООН", Origin::Extracted),
                concept("Centre", "Центр", Origin::Extracted),
            ],
        };
        // Same id as the curated one: the curated entry wins.
        let mut shadow = cur.clone();
        shadow.origin = Origin::Extracted;
        shadow.note = None;
        g1.concepts.push(shadow);
        s.save_glossary(&g1).unwrap();
        assert_eq!(s.glossary().unwrap().concepts.len(), 3);
        let g2 = Glossary {
            concepts: vec![concept(
                "Member State",
                "государство-член",
                Origin::Extracted,
            )],
        };
        s.save_glossary(&g2).unwrap();
        let got = s.glossary().unwrap();
        let mut want = Glossary {
            concepts: vec![cur.clone(), g2.concepts[0].clone()],
        };
        want.normalize();
        assert_eq!(got, want);
        assert_eq!(
            s.find_concepts("joint plan of action").unwrap(),
            vec![cur.clone()]
        );
        assert_eq!(s.find_concepts("ГОСУДАРСТВО-ЧЛЕН").unwrap().len(), 1);
        assert!(s.find_concepts("nothing").unwrap().is_empty());
        // An imported entry does not replace the curated one.
        let mut imp = cur.clone();
        imp.origin = Origin::Imported;
        assert_eq!(s.put_concepts(&[imp]).unwrap(), 0);
        assert_eq!(
            s.find_concepts("joint plan of action").unwrap()[0].origin,
            Origin::Curated
        );
    }
}
