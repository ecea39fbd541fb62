//! A word-translation lexicon learned from the text being aligned: IBM Model 1 in both
//! directions over confident beads (Moore 2002), combined as sqrt(t(r|e)·t(e|r)).
use crate::text::{self, stem::stem, Lang, TokenKind};
use rustc_hash::FxHashMap;

/// How many translations to keep per English word.
const TOP_K: usize = 8;
/// Translations below this association are dropped.
const MIN_P: f32 = 0.02;

/// The shared vocabularies of a document.
#[derive(Debug, Default, Clone)]
pub struct Vocabs {
    pub anchors: Vocab,
    pub en: Vocab,
    pub ru: Vocab,
}

/// Content words, stemmed, as ids.
pub fn word_ids(t: &str, lang: Lang, voc: &mut impl Ids) -> Vec<u32> {
    text::tokens(t)
        .into_iter()
        .filter(|tk| tk.kind == TokenKind::Word)
        .map(|tk| voc.id(&stem(tk.text, lang)))
        .collect()
}

/// Interned word ids per language.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    map: FxHashMap<String, u32>,
}

impl Vocab {
    /// The id of a word, adding it if new.
    pub fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.map.get(w) {
            return i;
        }
        let i = self.map.len() as u32;
        self.map.insert(w.to_string(), i);
        i
    }
    /// The id of a word, if known.
    pub fn get(&self, w: &str) -> Option<u32> {
        self.map.get(w).copied()
    }
    /// Words by id.
    pub fn words(&self) -> Vec<&str> {
        let mut v = vec![""; self.map.len()];
        for (w, &i) in &self.map {
            v[i as usize] = w.as_str();
        }
        v
    }
    /// Number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// What numbers words: a vocabulary, or an [`Overlay`] on one.
pub trait Ids {
    /// The id of a word, adding it if new.
    fn id(&mut self, w: &str) -> u32;
}

impl Ids for Vocab {
    fn id(&mut self, w: &str) -> u32 {
        Vocab::id(self, w)
    }
}

/// A vocabulary seen through without copying it: its words keep their ids, and words it lacks
/// are numbered after its own in a small map (the sentences of one paragraph bead against the
/// document's vocabulary; copying that for every bead made alignment quadratic).
pub struct Overlay<'a> {
    base: &'a Vocab,
    extra: FxHashMap<String, u32>,
}

impl<'a> Overlay<'a> {
    pub fn new(base: &'a Vocab) -> Self {
        Overlay {
            base,
            extra: FxHashMap::default(),
        }
    }
}

impl Ids for Overlay<'_> {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(i) = self.base.get(w) {
            return i;
        }
        let next = (self.base.len() + self.extra.len()) as u32;
        *self.extra.entry(w.to_string()).or_insert(next)
    }
}

/// For each English word id, its likely Russian translations (id, association), best first.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    pub en_top: Vec<Vec<(u32, f32)>>,
}

impl Lexicon {
    /// Translations of an English word id.
    pub fn of(&self, e: u32) -> &[(u32, f32)] {
        self.en_top
            .get(e as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

fn key(a: u32, b: u32) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// The parameter keys of a sentence pair, in the order of its slots: for each f, each e and
/// then NULL.
fn cells<'a>(&(es, fs): &(&'a [u32], &'a [u32]), null: u32) -> impl Iterator<Item = u64> + 'a {
    fs.iter().flat_map(move |&f| {
        es.iter()
            .copied()
            .chain(std::iter::once(null))
            .map(move |e| key(e, f))
    })
}

/// Train t(f|e) with `iters` EM iterations; `e` sentences get a NULL word (id `null`).
/// Parameters live in a dense vector; each sentence pair keeps the indices of its
/// (e, f) parameters, so the iterations do no hashing.
fn model1(pairs: &[(&[u32], &[u32])], null: u32, iters: usize) -> Vec<(u64, f32)> {
    // the parameters: every (e, f) met, sorted (a sorted list is a third of a hash map's
    // memory at its peak, and numbers them in a fixed order)
    // sorted and deduplicated whenever it doubles, so it never holds many repeats
    let mut index: Vec<u64> = Vec::new();
    let mut compact_at = 1 << 20;
    for p in pairs {
        index.extend(cells(p, null));
        if index.len() >= compact_at {
            index.sort_unstable();
            index.dedup();
            compact_at = (2 * index.len()).max(1 << 20);
        }
    }
    index.sort_unstable();
    index.dedup();
    let owner: Vec<u32> = index.iter().map(|&k| (k >> 32) as u32).collect(); // e of each
    let slots: Vec<Vec<u32>> = pairs
        .iter()
        .map(|p| {
            cells(p, null)
                .map(|k| index.binary_search(&k).expect("every cell is listed") as u32)
                .collect()
        })
        .collect();
    let mut t = vec![1.0f32; index.len()];
    let mut count = vec![0f32; index.len()];
    let max_e = owner.iter().copied().max().unwrap_or(0) as usize + 1;
    let mut total = vec![0f32; max_e];
    for _ in 0..iters {
        count.iter_mut().for_each(|c| *c = 0.0);
        total.iter_mut().for_each(|c| *c = 0.0);
        for ((es, _), v) in pairs.iter().zip(&slots) {
            for row in v.chunks(es.len() + 1) {
                let denom: f32 = row.iter().map(|&k| t[k as usize]).sum();
                if denom <= 0.0 {
                    continue;
                }
                for &k in row {
                    let c = t[k as usize] / denom;
                    count[k as usize] += c;
                    total[owner[k as usize] as usize] += c;
                }
            }
        }
        for (k, v) in t.iter_mut().enumerate() {
            *v = count[k] / total[owner[k] as usize].max(1e-9);
        }
    }
    // only what can reach MIN_P in the combined score (both directions are at most 1), sorted
    index
        .into_iter()
        .zip(t)
        .filter(|&(_, p)| p >= MIN_P * MIN_P)
        .collect()
}

/// A pair of more word pairs than this (two paragraphs of 200 words) teaches Model 1 little and
/// costs its square in memory: it is left out of training.
const MAX_PAIR_CELLS: usize = 40_000;
/// Training holds at most about this many word pairs (4 bytes each, twice); beyond it, every
/// k-th pair is taken, so that memory stays bounded whatever the input's size.
const MAX_TRAIN_CELLS: usize = 25_000_000;

/// The pairs Model 1 trains on: not too long, and evenly taken when there are too many.
fn training_pairs(pairs: &[(Vec<u32>, Vec<u32>)]) -> Vec<(&[u32], &[u32])> {
    let cells = |(e, r): &(Vec<u32>, Vec<u32>)| (e.len() + 1) * r.len().max(1);
    let kept: Vec<&(Vec<u32>, Vec<u32>)> = pairs
        .iter()
        .filter(|p| cells(p) <= MAX_PAIR_CELLS)
        .collect();
    let total: usize = kept.iter().map(|p| cells(p)).sum();
    let step = total.div_ceil(MAX_TRAIN_CELLS).max(1);
    kept.into_iter()
        .step_by(step)
        .map(|(e, r)| (e.as_slice(), r.as_slice()))
        .collect()
}

/// Learn a lexicon from aligned (English ids, Russian ids) pairs.
pub fn train(pairs: &[(Vec<u32>, Vec<u32>)], n_en: usize, n_ru: usize) -> Lexicon {
    let fwd = training_pairs(pairs);
    let bwd: Vec<(&[u32], &[u32])> = fwd.iter().map(|&(e, r)| (r, e)).collect();
    // t(r|e) keyed (e, r) and t(e|r) keyed (r, e), on two cores
    let (t_re, t_er) = rayon::join(
        || model1(&fwd, n_en as u32, 5),
        || model1(&bwd, n_ru as u32, 5),
    );
    let mut en_top: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n_en];
    for &(k, p) in t_re.iter() {
        let (e, r) = ((k >> 32) as u32, k as u32);
        if e as usize >= n_en {
            continue;
        }
        let q = t_er
            .binary_search_by_key(&key(r, e), |x| x.0)
            .map_or(0.0, |i| t_er[i].1);
        let s = (p * q).sqrt();
        if s >= MIN_P {
            en_top[e as usize].push((r, s));
        }
    }
    for v in en_top.iter_mut() {
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(TOP_K);
    }
    Lexicon { en_top }
}

/// A lexicon as TSV lines `en_stem<TAB>ru_stem<TAB>association`, sorted.
pub fn to_tsv(lex: &Lexicon, en: &Vocab, ru: &Vocab) -> String {
    let (ew, rw) = (en.words(), ru.words());
    let mut rows: Vec<(&str, &str, f32)> = Vec::new();
    for (e, list) in lex.en_top.iter().enumerate() {
        for &(r, p) in list {
            rows.push((ew[e], rw[r as usize], p));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(b.1)));
    let mut out = String::new();
    for (e, r, p) in rows {
        out.push_str(&format!("{}\t{}\t{:.3}\n", e, r, p));
    }
    out
}

/// Entries of a TSV lexicon (bad lines are skipped).
pub fn parse_tsv(t: &str) -> Vec<(String, String, f32)> {
    t.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split('\t');
            let (e, r, p) = (it.next()?, it.next()?, it.next()?.parse().ok()?);
            Some((e.to_string(), r.to_string(), p))
        })
        .collect()
}

/// The lexicon shipped in the binary: Model 1 over UN and TICO-19 sentence pairs of the
/// tuning documents (see docs/lexicon.md for its sources and licences).
pub fn builtin() -> &'static [(String, String, f32)] {
    static B: std::sync::OnceLock<Vec<(String, String, f32)>> = std::sync::OnceLock::new();
    B.get_or_init(|| parse_tsv(include_str!("../../data/lexicon.en-ru.tsv")))
}

/// Add prior entries for words present in the vocabularies (keeping the larger association).
pub fn merge_prior(lex: &mut Lexicon, prior: &[(String, String, f32)], en: &Vocab, ru: &Vocab) {
    if lex.en_top.len() < en.len() {
        lex.en_top.resize(en.len(), Vec::new());
    }
    for (e, r, p) in prior {
        let (Some(e), Some(r)) = (en.get(e), ru.get(r)) else {
            continue;
        };
        let list = &mut lex.en_top[e as usize];
        match list.iter_mut().find(|x| x.0 == r) {
            Some(x) => x.1 = x.1.max(*p),
            None => list.push((r, *p)),
        }
    }
    for v in lex.en_top.iter_mut() {
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(TOP_K);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_toy_lexicon() {
        // house=0 the=1 small=2 ; дом=0 маленький=1
        let pairs = vec![
            (vec![1, 0], vec![0]),
            (vec![1, 2, 0], vec![1, 0]),
            (vec![1, 2], vec![1]),
        ];
        let lex = train(&pairs, 3, 2);
        assert_eq!(lex.of(0).first().map(|x| x.0), Some(0));
        assert_eq!(lex.of(2).first().map(|x| x.0), Some(1));
    }
}
