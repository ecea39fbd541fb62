//! The lookup index and the lookup itself.
//!
//! - **Postings** (this file): every translation unit's words, as keys (`e:` or `r:` for the
//!   side, then the word's lemma key: `r:совместный` for “Совместного”), are kept in the
//!   workspace's `postings` table (the ids of the units holding each key, in blocks:
//!   [`postings`]), with each key's document frequency in `index_keys (key, df)`. They are
//!   written with the units, in the same transaction ([`index_units`], called by the store when
//!   it adds units), and never rebuilt per query.
//!   A query's candidates are the units sharing its rarest keys ([`candidates`]): sub-linear
//!   in the size of the memory.
//! - [`fuzzy`]: CAT-style word-level fuzzy scores, exact re-ranking of the candidates.
//! - [`terms`]: glossary matching (exact, variant, acronym, inflection, transliteration, typo).
//! - [`lookup`]: the whole answer to `termtool lookup`.
pub mod fuzzy;
pub mod lookup;
mod postings;
pub mod terms;

use crate::text::{match_key, morph, tokens, Lang, TokenKind};
use rusqlite::Connection;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// A key occurring in more units than this is not used to find candidates (unless the query
/// has no rarer key): it would bring too many, and a rarer word of the query finds the same.
pub const MAX_DF: i64 = 20_000;

/// How many candidates are re-ranked exactly at most.
pub const MAX_CANDIDATES: usize = 300;

thread_local! {
    static LEMMAS: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// The lemma key of one word: its match key for non-Cyrillic words (without an English
/// possessive 's), else the morphological lemma key (cached: a memory has far fewer distinct
/// words than words).
pub fn word_key(word: &str) -> String {
    let k = match_key(word);
    if !has_cyrillic(&k) {
        // the English possessive is the word: Mirziyoyev's, Uzbekistan's
        return match k.strip_suffix("'s") {
            Some(w) if !w.is_empty() => w.to_string(),
            _ => k,
        };
    }
    LEMMAS.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(v) = c.get(&k) {
            return v.clone();
        }
        let v = morph::lemma_key(&k);
        if c.len() > 500_000 {
            c.clear();
        }
        c.insert(k, v.clone());
        v
    })
}

/// The word tokens of a text (words and numbers, not punctuation), with byte ranges.
pub fn words(text: &str) -> Vec<(usize, usize, &str)> {
    tokens(text)
        .into_iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .map(|t| (t.start, t.end, t.text))
        .collect()
}

/// The side prefix of index keys.
pub fn side_prefix(lang: Lang) -> &'static str {
    if lang == Lang::Ru {
        "r:"
    } else {
        "e:"
    }
}

/// The distinct index keys of one side of a unit.
pub fn text_keys(text: &str, lang: Lang) -> Vec<String> {
    let p = side_prefix(lang);
    let mut keys: Vec<String> = words(text)
        .into_iter()
        .map(|(_, _, w)| format!("{}{}", p, word_key(w)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Add new units (`(id, en, ru)`, ids ascending and greater than any indexed before) to the
/// postings, inside the caller's transaction.
pub fn index_units(conn: &Connection, units: &[(i64, String, String)]) -> rusqlite::Result<()> {
    let mut new: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (id, en, ru) in units {
        for key in text_keys(en, Lang::En)
            .into_iter()
            .chain(text_keys(ru, Lang::Ru))
        {
            new.entry(key).or_default().push(*id);
        }
    }
    postings::append(conn, &new)
}

/// New units are indexed this many at a time at most (bounding the memory an import of a large
/// file takes; each key's list is appended to once per chunk).
pub const INDEX_CHUNK: usize = 100_000;

/// Index every unit of a workspace (the migration to schema version 4, whose postings are
/// kept in blocks), [`INDEX_CHUNK`] units at a time.
pub fn backfill(conn: &Connection) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String, String)> = {
        let mut st = conn.prepare("SELECT id, en, ru FROM units ORDER BY id")?;
        let r = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        r
    };
    for chunk in rows.chunks(INDEX_CHUNK) {
        index_units(conn, chunk)?;
    }
    Ok(())
}

/// How many units hold `key` (0 when none).
pub fn df(conn: &Connection, key: &str) -> rusqlite::Result<i64> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT df FROM index_keys WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// The units holding `key`, ascending.
pub fn postings(conn: &Connection, key: &str) -> rusqlite::Result<Vec<i64>> {
    postings::read(conn, key)
}

/// Candidate units for `keys`: the units sharing the most of the query's usable keys (those
/// held by at most [`MAX_DF`] units; the two rarest when none is), best first, at most
/// `limit`, as `(unit id, keys shared)`; and how many of the keys held by some unit were not
/// used (a candidate may hold them too).
pub fn candidates(
    conn: &Connection,
    keys: &[String],
    limit: usize,
) -> rusqlite::Result<(Vec<(i64, usize)>, usize)> {
    let mut with_df: Vec<(i64, &String)> = Vec::new();
    for k in keys {
        let n = df(conn, k)?;
        if n > 0 {
            with_df.push((n, k));
        }
    }
    with_df.sort();
    let usable = with_df
        .iter()
        .filter(|(n, _)| *n <= MAX_DF)
        .count()
        .max(2.min(with_df.len()));
    let total: i64 = with_df[..usable].iter().map(|x| x.0).sum();
    let mut count: FxHashMap<i64, usize> =
        FxHashMap::with_capacity_and_hasher(total as usize, Default::default());
    for (_, k) in &with_df[..usable] {
        for id in postings(conn, k)? {
            *count.entry(id).or_insert(0) += 1;
        }
    }
    let mut out: Vec<(i64, usize)> = count.into_iter().collect();
    // the best `limit` in linear time, then only those sorted
    let order = |a: &(i64, usize), b: &(i64, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if out.len() > limit {
        out.select_nth_unstable_by(limit, order);
        out.truncate(limit);
    }
    out.sort_unstable_by(order);
    Ok((out, with_df.len() - usable))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_inflection_and_case() {
        assert_eq!(
            text_keys("Совместного плана действий", Lang::Ru),
            text_keys("совместный план действий", Lang::Ru)
        );
        assert_eq!(
            text_keys("The Plan, the plan.", Lang::En),
            vec!["e:plan".to_string(), "e:the".to_string()]
        );
        assert_eq!(word_key("Mirziyoyev’s"), "mirziyoyev");
        assert_eq!(word_key("'s"), "'s");
    }
}
