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
use std::cell::RefCell;

/// A key occurring in more units than this is not used to find candidates (unless the query
/// has no rarer key): it would bring too many, and a rarer word of the query finds the same.
pub const MAX_DF: i64 = 20_000;

/// How many candidates are re-ranked exactly at most.
pub const MAX_CANDIDATES: usize = 300;

/// Unit ids up to this are counted in a dense array; larger ones (a workspace with huge row
/// ids) in a hash map.
const MAX_DENSE_ID: i64 = 1 << 26;

thread_local! {
    /// Shared-key counts by unit id, kept between queries on a thread and all zero between
    /// them: a query counts up to a few hundred thousand ids, which a dense array does several
    /// times faster than a hash map, without allocating.
    static COUNTS: RefCell<Vec<u16>> = const { RefCell::new(Vec::new()) };
}

/// Each id of the lists with the number of lists holding it (in no particular order).
fn count_shared(lists: &[Vec<i64>]) -> Vec<(i64, usize)> {
    COUNTS.with(|counts| {
        let mut counts = counts.borrow_mut();
        let mut touched: Vec<i64> = Vec::new();
        let mut sparse: FxHashMap<i64, usize> = FxHashMap::default();
        for &id in lists.iter().flatten() {
            if (0..MAX_DENSE_ID).contains(&id) {
                let i = id as usize;
                if i >= counts.len() {
                    counts.resize(i + 1, 0);
                }
                if counts[i] == 0 {
                    touched.push(id);
                }
                counts[i] += 1;
            } else {
                *sparse.entry(id).or_insert(0) += 1;
            }
        }
        let mut out: Vec<(i64, usize)> = Vec::with_capacity(touched.len() + sparse.len());
        for id in touched {
            let c = &mut counts[id as usize];
            out.push((id, *c as usize));
            *c = 0;
        }
        out.extend(sparse);
        out
    })
}

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
    let mut lists = Vec::with_capacity(usable);
    for (_, k) in &with_df[..usable] {
        lists.push(store.postings(k)?);
    }
    let mut out = count_shared(&lists);
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
    fn shared_keys_are_counted_and_the_counts_reset() {
        let big = MAX_DENSE_ID + 5;
        let lists = vec![vec![1, 3, big], vec![3, 7, big], vec![3]];
        let mut got = count_shared(&lists);
        got.sort();
        assert_eq!(got, vec![(1, 1), (3, 3), (7, 1), (big, 2)]);
        // the next query starts from zero
        assert_eq!(count_shared(&[vec![3]]), vec![(3, 1)]);
    }
}
