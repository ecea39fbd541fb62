//! The lookup index and the lookup itself.
//!
//! - **Candidates** (this file): every translation unit's words, as keys
//!   ([`crate::text::keys`]), are kept by the store with the ids of the units holding each key
//!   (its postings, written with the units in the same transaction: `store::postings`). A
//!   query's candidates are the units sharing its rarest keys ([`candidates`]): sub-linear in
//!   the size of the memory.
//! - [`fuzzy`]: CAT-style word-level fuzzy scores, exact re-ranking of the candidates.
//! - [`terms`]: glossary matching (exact, variant, acronym, inflection, transliteration, typo).
//! - [`lookup`]: the whole answer to `termtool lookup`.
pub mod fuzzy;
pub mod lookup;
pub mod terms;

use crate::error::Result;
use crate::store::Store;
pub use crate::text::keys::{side_prefix, text_keys, word_key, words};
use rustc_hash::FxHashMap;

/// A key occurring in more units than this is not used to find candidates (unless the query
/// has no rarer key): it would bring too many, and a rarer word of the query finds the same.
pub const MAX_DF: i64 = 20_000;

/// How many candidates are re-ranked exactly at most.
pub const MAX_CANDIDATES: usize = 300;

/// Candidate units for `keys`: the units sharing the most of the query's usable keys (those
/// held by at most [`MAX_DF`] units; the two rarest when none is), best first, at most
/// `limit`, as `(unit id, keys shared)`; and how many of the keys held by some unit were not
/// used (a candidate may hold them too).
pub fn candidates(
    store: &Store,
    keys: &[String],
    limit: usize,
) -> Result<(Vec<(i64, usize)>, usize)> {
    let mut with_df: Vec<(i64, &String)> = Vec::new();
    for k in keys {
        let n = store.df(k)?;
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
        for id in store.postings(k)? {
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
