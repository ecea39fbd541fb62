//! Bead costs: a length model calibrated on the document (Gale–Church on characters), anchor
//! overlap weighted by rarity, and lexical coverage under the learned lexicon.
use super::anchors;

use super::lexicon::{Ids, Lexicon, Vocabs};
use crate::text::{self, stem::stem, Lang, TokenKind};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Tunable weights of the cost model.
#[derive(Debug, Clone)]
pub struct Params {
    /// Variance per character of the length model.
    pub s2: f32,
    /// Weight of the length cost.
    pub w_len: f32,
    /// Weight of (1 - similarity).
    pub k_sim: f32,
    /// Cost of leaving one unit unpaired, plus `skip_len` per average unit length.
    pub skip: f32,
    pub skip_len: f32,
    /// Similarity assumed when a bead carries no evidence at all.
    pub neutral: f32,
    /// Relative weight of lexical evidence against anchors.
    pub w_lex: f32,
    /// Exponent of the bead size in the similarity term.
    pub size: f32,
    /// Multiplier of the merge priors' cost.
    pub merge: f32,
    /// Weight of the penalty for a merged unit that the other side does not explain.
    pub k_mem: f32,
    /// The same penalty's weight in a merge's confidence (a bead holding a sentence with no
    /// counterpart must not score like a clean bead).
    pub c_mem: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            s2: 6.8,
            w_len: 0.7,
            k_sim: 3.0,
            skip: 2.0,
            skip_len: 2.0,
            neutral: 0.35,
            w_lex: 1.0,
            size: 0.0,
            merge: 1.0,
            k_mem: 1.5,
            c_mem: 5.0,
        }
    }
}

impl Params {
    /// Defaults with some weights set from `"k_sim=6,skip=2"` (for tuning experiments).
    pub fn parse(spec: &str) -> std::result::Result<Params, String> {
        let mut p = Params::default();
        for kv in spec.split(',').map(str::trim).filter(|kv| !kv.is_empty()) {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| format!("`{kv}`: expected NAME=NUMBER"))?;
            let x: f32 = v
                .trim()
                .parse()
                .map_err(|_| format!("`{kv}`: `{v}` is not a number"))?;
            let slot = match k.trim() {
                "s2" => &mut p.s2,
                "w_len" => &mut p.w_len,
                "k_sim" => &mut p.k_sim,
                "skip" => &mut p.skip,
                "skip_len" => &mut p.skip_len,
                "neutral" => &mut p.neutral,
                "w_lex" => &mut p.w_lex,
                "size" => &mut p.size,
                "merge" => &mut p.merge,
                "k_mem" => &mut p.k_mem,
                "c_mem" => &mut p.c_mem,
                other => return Err(format!(
                    "unknown weight `{other}`; expected s2, w_len, k_sim, skip, skip_len, neutral, w_lex, size, merge, k_mem or c_mem"
                )),
            };
            *slot = x;
        }
        Ok(p)
    }
}

/// -ln prior of a bead shape.
pub fn prior(a: usize, b: usize) -> f32 {
    let p: f32 = match (a, b) {
        (1, 1) => 0.80,
        (1, 2) | (2, 1) => 0.07,
        (1, 3) | (3, 1) => 0.015,
        (2, 2) => 0.002,
        (0, _) | (_, 0) => 1.0,
        _ => 0.004,
    };
    -p.ln()
}

/// Features of one side's units.
#[derive(Debug, Default, Clone)]
pub struct Side {
    pub len: Vec<f32>,
    /// Sorted (anchor id, weight).
    pub anchors: Vec<Vec<(u32, f32)>>,
    pub anchor_total: Vec<f32>,
    /// Sorted distinct (word id, idf weight).
    pub words: Vec<Vec<(u32, f32)>>,
    pub word_total: Vec<f32>,
}

/// From this many units on, [`prepare`] reads them on every core.
const PARALLEL_UNITS: usize = 256;

/// Words numbered in the order they are first met (a vocabulary local to one chunk of units).
#[derive(Default)]
struct Local {
    ids: FxHashMap<String, u32>,
    words: Vec<String>,
}

impl Local {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.ids.insert(w.to_string(), i);
        self.words.push(w.to_string());
        i
    }
}

/// The features of a run of units of one language, with locally numbered anchors and stems:
/// each word's stem and anchors are worked out once per chunk, and nothing is copied per
/// occurrence.
#[derive(Default)]
struct Chunk {
    anchors: Local,
    stems: Local,
    /// Each unit's anchors, stems and length in characters other than white space.
    units: Vec<(Vec<(u32, f32)>, Vec<u32>, f32)>,
}

/// What a chunk knows of one distinct word: its stem's local id and its anchors (a range of
/// [`Chunk::read`]'s pool).
#[derive(Clone, Copy)]
struct Known {
    stem: u32,
    anchors: (u32, u32),
}

impl Chunk {
    fn read(texts: &[&str], lang: Lang) -> Chunk {
        let mut c = Chunk::default();
        // each distinct word's stem and anchors, as local ids, worked out once
        let mut known: FxHashMap<&str, Known> = FxHashMap::default();
        let mut pool: Vec<(u32, f32)> = Vec::new();
        let mut entries: Vec<Option<Known>> = Vec::new();
        for t in texts {
            let toks = text::tokens(t);
            entries.clear();
            entries.extend(toks.iter().map(|tk| {
                (tk.kind == TokenKind::Word).then(|| {
                    *known.entry(tk.text).or_insert_with(|| {
                        let start = pool.len() as u32;
                        for (key, w) in anchors::word_anchors(tk.text, lang) {
                            pool.push((c.anchors.id(&key), w));
                        }
                        Known {
                            stem: c.stems.id(&stem(tk.text, lang)),
                            anchors: (start, pool.len() as u32),
                        }
                    })
                })
            }));
            let mut a: Vec<(u32, f32)> = Vec::new();
            anchors::visit(&toks, t, lang, |found| match found {
                anchors::Found::Keyed(key, w) => a.push((c.anchors.id(&key), w)),
                anchors::Found::Word(k) => {
                    if let Some(e) = entries[k] {
                        a.extend_from_slice(&pool[e.anchors.0 as usize..e.anchors.1 as usize]);
                    }
                }
            });
            // each anchor once, with its highest weight
            a.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
            a.dedup_by_key(|x| x.0);
            let w: Vec<u32> = entries.iter().flatten().map(|e| e.stem).collect();
            let len = t.chars().filter(|c| !c.is_whitespace()).count() as f32;
            c.units.push((a, w, len));
        }
        c
    }
}

/// The units of one language read in chunks, on every core when there are many; chunks come
/// back in order.
fn read_side(texts: &[&str], lang: Lang) -> Vec<Chunk> {
    if texts.len() < PARALLEL_UNITS {
        return vec![Chunk::read(texts, lang)];
    }
    use rayon::prelude::*;
    let size = texts.len().div_ceil(rayon::current_num_threads().max(1));
    texts
        .par_chunks(size)
        .map(|c| Chunk::read(c, lang))
        .collect()
}

fn idf(df: usize, n: usize) -> f32 {
    ((1.0 + n as f32) / (df as f32)).ln().max(0.05)
}

/// Both sides' features with rarity weights computed over both sides' units.
pub fn prepare(en: &[&str], ru: &[&str], voc: &mut Vocabs) -> (Side, Side) {
    prepare_with(en, ru, [&mut voc.anchors, &mut voc.en, &mut voc.ru])
}

/// [`prepare`] with the anchor, English and Russian numbering given apart (an [`Overlay`] each,
/// for the sentences of a bead).
pub fn prepare_with<V: Ids>(en: &[&str], ru: &[&str], voc: [&mut V; 3]) -> (Side, Side) {
    let [anchor_ids, en_ids, ru_ids] = voc;
    let n = en.len() + ru.len();
    // each side read on every core in chunks, then numbered in unit order: a word's global id
    // is given when it is first met, as one pass over the units would (the same ids whatever
    // the number of threads)
    let mut raw_anchors: Vec<Vec<(u32, f32)>> = Vec::with_capacity(n);
    let mut raw_words: Vec<Vec<u32>> = Vec::with_capacity(n);
    let mut lens: Vec<f32> = Vec::with_capacity(n);
    for (texts, lang, word_ids) in [(en, Lang::En, &mut *en_ids), (ru, Lang::Ru, &mut *ru_ids)] {
        for chunk in read_side(texts, lang) {
            let anchor_global: Vec<u32> = chunk
                .anchors
                .words
                .iter()
                .map(|k| anchor_ids.id(k))
                .collect();
            let word_global: Vec<u32> = chunk.stems.words.iter().map(|w| word_ids.id(w)).collect();
            for (a, w, len) in chunk.units {
                lens.push(len);
                let mut a: Vec<(u32, f32)> = a
                    .into_iter()
                    .map(|(id, wt)| (anchor_global[id as usize], wt))
                    .collect();
                a.sort_by_key(|x| x.0);
                a.dedup_by_key(|x| x.0);
                raw_anchors.push(a);
                let mut w: Vec<u32> = w.into_iter().map(|id| word_global[id as usize]).collect();
                w.sort_unstable();
                w.dedup();
                raw_words.push(w);
            }
        }
    }
    // Document frequency per side: an anchor seen on one side only can never match, so it
    // is dropped rather than diluting the overlap.
    let mut adf: FxHashMap<u32, [usize; 2]> = FxHashMap::default();
    for (k, a) in raw_anchors.iter().enumerate() {
        for x in a {
            adf.entry(x.0).or_insert([0, 0])[usize::from(k >= en.len())] += 1;
        }
    }
    let mut wdf: [FxHashMap<u32, usize>; 2] = [FxHashMap::default(), FxHashMap::default()];
    for (k, w) in raw_words.iter().enumerate() {
        let s = usize::from(k >= en.len());
        for x in w {
            *wdf[s].entry(*x).or_insert(0) += 1;
        }
    }
    // rarity weights, once per id
    let anchor_weight: FxHashMap<u32, Option<f32>> = adf
        .iter()
        .map(|(&id, df)| (id, (df[0] > 0 && df[1] > 0).then(|| idf(df[0] + df[1], n))))
        .collect();
    let word_weight = [(0, en.len()), (1, ru.len())].map(|(s, nside)| {
        wdf[s]
            .iter()
            .map(|(&id, &df)| (id, idf(df, nside)))
            .collect::<FxHashMap<u32, f32>>()
    });
    let mut sides = [Side::default(), Side::default()];
    for (k, len) in lens.into_iter().enumerate() {
        let s = usize::from(k >= en.len());
        let side = &mut sides[s];
        side.len.push(len);
        let a: Vec<(u32, f32)> = raw_anchors[k]
            .iter()
            .filter_map(|&(id, w)| anchor_weight[&id].map(|x| (id, w * x)))
            .collect();
        side.anchor_total.push(a.iter().map(|x| x.1).sum());
        side.anchors.push(a);
        let w: Vec<(u32, f32)> = raw_words[k]
            .iter()
            .map(|&id| (id, word_weight[s][&id]))
            .collect();
        side.word_total.push(w.iter().map(|x| x.1).sum());
        side.words.push(w);
    }
    let [e, r] = sides;
    (e, r)
}

/// Pair evidence for a band of cells: row `i` holds Russian units `lo[i]..lo[i] + rows[i].len()`.
#[derive(Debug, Default)]
struct PairTable {
    lo: Vec<usize>,
    rows: Vec<Vec<Pair>>,
}

impl PairTable {
    fn get(&self, i: usize, j: usize) -> Option<Pair> {
        let lo = *self.lo.get(i)?;
        self.rows[i].get(j.checked_sub(lo)?).copied()
    }
}

/// Evidence shared by one English unit and one Russian unit.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pair {
    pub anchor: f32,
    pub lex_en: f32,
    pub lex_ru: f32,
}

/// From this many rows on, [`Model::fill_pairs`] indexes each row's candidates by Russian word
/// (an array over the Russian vocabulary per thread) instead of searching them.
const INDEXED_ROWS: usize = 256;

/// Buffers reused from pair to pair (see [`Model::pair_with`]).
#[derive(Default)]
struct Scratch {
    /// An English unit's translations, sorted by Russian word: (Russian word, position of the
    /// English word, probability).
    cands: Vec<(u32, u32, f32)>,
    /// When filled, while a row of the pair table is computed: per Russian word id, 1 + the
    /// position of its first candidate in `cands` (0: none); empty for a pair asked for alone.
    first: Vec<u32>,
    best_e: Vec<f32>,
    best_r: Vec<f32>,
}

impl Scratch {
    /// A scratch that indexes candidates by Russian word ids below `words`.
    fn indexed(words: usize) -> Scratch {
        Scratch {
            first: vec![0; words],
            ..Scratch::default()
        }
    }

    /// Index `cands` (a no-op without an index).
    fn index(&mut self) {
        if self.first.is_empty() {
            return;
        }
        for (x, &(r, _, _)) in self.cands.iter().enumerate().rev() {
            if let Some(slot) = self.first.get_mut(r as usize) {
                *slot = x as u32 + 1;
            }
        }
    }

    /// Clear what [`Scratch::index`] set.
    fn unindex(&mut self) {
        for &(r, _, _) in &self.cands {
            if let Some(slot) = self.first.get_mut(r as usize) {
                *slot = 0;
            }
        }
    }

    /// Where Russian word `r`'s candidates start in `cands`, if it has any.
    fn start_of(&self, r: u32) -> Option<usize> {
        if self.first.is_empty() {
            let x = self.cands.partition_point(|c| c.0 < r);
            return (self.cands.get(x)?.0 == r).then_some(x);
        }
        let slot = *self.first.get(r as usize)?;
        (slot > 0).then(|| slot as usize - 1)
    }
}

/// The cost model over one document.
pub struct Model<'a> {
    pub en: &'a Side,
    pub ru: &'a Side,
    pub lex: Option<&'a Lexicon>,
    pub params: Params,
    /// Russian characters per English character.
    pub ratio: f32,
    /// Average unit length in characters, English and Russian.
    pub avg_len: (f32, f32),
    /// Raw similarity of wrong pairs and of right pairs in this document, when calibrated.
    pub cal: Option<(f32, f32)>,
    /// Pair evidence computed ahead for the cells a search will visit (see
    /// [`Model::fill_pairs`]); pairs outside it are computed when asked for.
    table: PairTable,
}

/// The largest length cost: -ln 1e-12, the probability below which lengths tell no more.
const MAX_LEN_COST: f32 = 27.631_021;

/// -ln erfc(x) for x ≥ 0, without the exponential: erfc(x) ≈ y·e^(−x²) (Abramowitz & Stegun
/// 7.1.26), so −ln erfc(x) = x² − ln y.
fn neg_ln_erfc(x: f32) -> f32 {
    let t = 1.0 / (1.0 + 0.3275911 * x);
    let y = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152 + t * 1.061_405_4))));
    (x * x - y.ln()).min(MAX_LEN_COST)
}

impl<'a> Model<'a> {
    /// A model over prepared sides.
    pub fn new(en: &'a Side, ru: &'a Side, lex: Option<&'a Lexicon>, params: Params) -> Self {
        let le: f32 = en.len.iter().sum();
        let lr: f32 = ru.len.iter().sum();
        let ratio = if le > 0.0 && lr > 0.0 {
            (lr / le).clamp(0.5, 2.0)
        } else {
            1.0
        };
        let avg_len = (
            (le / en.len.len().max(1) as f32).max(1.0),
            (lr / ru.len.len().max(1) as f32).max(1.0),
        );
        Model {
            en,
            ru,
            lex,
            params,
            ratio,
            avg_len,
            cal: None,
            table: PairTable::default(),
        }
    }

    /// Evidence between English unit i and Russian unit j.
    pub fn pair(&self, i: usize, j: usize) -> Pair {
        self.table
            .get(i, j)
            .unwrap_or_else(|| self.compute_pair(i, j))
    }

    /// Compute ahead, on every core, the evidence of English unit `i` with the Russian units
    /// `rows[i]`: with the lexicon a pair costs a few look-ups per word, and a search asks for
    /// each pair once per bead shape holding it.
    pub fn fill_pairs(&mut self, rows: &[std::ops::Range<usize>]) {
        use rayon::prelude::*;
        self.table = PairTable::default();
        // the Russian word ids the candidates are indexed by (none without a lexicon, or for
        // a small table, where the index would cost more than it saves)
        let words = match self.lex {
            Some(_) if rows.len() >= INDEXED_ROWS => self
                .ru
                .words
                .iter()
                .flatten()
                .map(|w| w.0 as usize + 1)
                .max(),
            _ => None,
        };
        let pairs: Vec<Vec<Pair>> = rows
            .par_iter()
            .enumerate()
            .map_init(
                || Scratch::indexed(words.unwrap_or(0)),
                |scratch, (i, r)| {
                    self.candidates(i, scratch);
                    scratch.index();
                    let row = r.clone().map(|j| self.pair_with(i, j, scratch)).collect();
                    scratch.unindex();
                    row
                },
            )
            .collect();
        self.table = PairTable {
            lo: rows.iter().map(|r| r.start).collect(),
            rows: pairs,
        };
    }

    fn compute_pair(&self, i: usize, j: usize) -> Pair {
        let mut scratch = Scratch::default();
        self.candidates(i, &mut scratch);
        self.pair_with(i, j, &mut scratch)
    }

    /// The lexicon's translations of English unit `i`'s words into `scratch`, sorted by the
    /// Russian word: (Russian word, which English word, probability).
    fn candidates(&self, i: usize, scratch: &mut Scratch) {
        scratch.cands.clear();
        if let Some(lex) = self.lex {
            for (k, &(e, _)) in self.en.words[i].iter().enumerate() {
                scratch
                    .cands
                    .extend(lex.of(e).iter().map(|&(r, p)| (r, k as u32, p)));
            }
            scratch
                .cands
                .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        }
    }

    /// Evidence between English unit `i` (its [`Model::candidates`] in `scratch`) and Russian
    /// unit `j`: shared anchors, and how well each side's words are translated in the other.
    fn pair_with(&self, i: usize, j: usize, scratch: &mut Scratch) -> Pair {
        let (a, b) = (&self.en.anchors[i], &self.ru.anchors[j]);
        let (mut x, mut y, mut anchor) = (0, 0, 0.0);
        while x < a.len() && y < b.len() {
            match a[x].0.cmp(&b[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    anchor += a[x].1;
                    x += 1;
                    y += 1;
                }
            }
        }
        let (mut lex_en, mut lex_ru) = (0.0, 0.0);
        if self.lex.is_some() {
            let (ew, rw) = (&self.en.words[i], &self.ru.words[j]);
            // the best translation score of each English and each Russian word, from each
            // Russian word's candidates
            scratch.best_e.clear();
            scratch.best_e.resize(ew.len(), 0.0);
            scratch.best_r.clear();
            scratch.best_r.resize(rw.len(), 0.0);
            for (y, &(r, _)) in rw.iter().enumerate() {
                let Some(start) = scratch.start_of(r) else {
                    continue;
                };
                for &(_, k, p) in scratch.cands[start..].iter().take_while(|c| c.0 == r) {
                    scratch.best_e[k as usize] = scratch.best_e[k as usize].max(p);
                    scratch.best_r[y] = scratch.best_r[y].max(p);
                }
            }
            let (best_e, best_r) = (&scratch.best_e, &scratch.best_r);
            lex_en = ew.iter().zip(best_e.iter()).map(|(x, p)| x.1 * p).sum();
            lex_ru = rw.iter().zip(best_r.iter()).map(|(x, p)| x.1 * p).sum();
        }
        Pair {
            anchor,
            lex_en,
            lex_ru,
        }
    }

    /// Similarity of two spans in [0,1], calibrated on the document when `cal` is set.
    pub fn sim(&self, e: Range<usize>, r: Range<usize>) -> f32 {
        let s = self.raw_sim(e, r);
        match self.cal {
            Some((lo, hi)) if hi > lo + 0.02 => (0.1 + 0.75 * (s - lo) / (hi - lo)).clamp(0.0, 1.0),
            _ => s,
        }
    }

    /// Calibrate similarities on a path believed mostly right: its beads' median similarity
    /// maps to 0.85, the median of beads shifted against each other maps to 0.1.
    pub fn calibrate(&mut self, path: &[(Range<usize>, Range<usize>)]) {
        let pairs: Vec<&(Range<usize>, Range<usize>)> = path
            .iter()
            .filter(|(e, r)| !e.is_empty() && !r.is_empty())
            .collect();
        if pairs.len() < 4 {
            return;
        }
        let step = (pairs.len() / 2000).max(1);
        let mut right: Vec<f32> = pairs
            .iter()
            .step_by(step)
            .map(|(e, r)| self.raw_sim(e.clone(), r.clone()))
            .collect();
        let mut wrong: Vec<f32> = Vec::new();
        for (k, (e, _)) in pairs.iter().enumerate().step_by(step) {
            for d in [2usize, 3] {
                let other = &pairs[(k + d) % pairs.len()].1;
                wrong.push(self.raw_sim(e.clone(), other.clone()));
            }
        }
        self.cal = Some((median(&mut wrong), median(&mut right)));
    }

    /// Estimate the length variance from a path believed mostly right.
    pub fn calibrate_length(&mut self, path: &[(Range<usize>, Range<usize>)]) {
        let mut d2: Vec<f32> = path
            .iter()
            .filter(|(e, r)| e.len() == 1 && r.len() == 1)
            .map(|(e, r)| {
                let le = self.en.len[e.start];
                let lr = self.ru.len[r.start] / self.ratio;
                (lr - le).abs() / ((le + lr) / 2.0).max(1.0).sqrt()
            })
            .collect();
        if d2.len() < 5 {
            return;
        }
        let mad = median(&mut d2) * 1.4826;
        self.params.s2 = (mad * mad).clamp(4.0, 80.0);
    }

    /// How much of one English (`en` true) or Russian unit the other span explains, raw.
    fn coverage(&self, en: bool, k: usize, other: Range<usize>) -> f32 {
        let (mut num, mut den) = (0.0, 0.0);
        let w = self.params.w_lex;
        if en {
            for j in other {
                let p = self.pair(k, j);
                num += p.anchor + w * p.lex_en;
            }
            den += self.en.anchor_total[k]
                + if self.lex.is_some() {
                    w * self.en.word_total[k]
                } else {
                    0.0
                };
        } else {
            for i in other {
                let p = self.pair(i, k);
                num += p.anchor + w * p.lex_ru;
            }
            den += self.ru.anchor_total[k]
                + if self.lex.is_some() {
                    w * self.ru.word_total[k]
                } else {
                    0.0
                };
        }
        (num.min(den) + self.params.neutral) / (den + 1.0)
    }

    /// Penalty in [0,1] for the worst-explained unit of a merge, relative to the bead's best.
    pub fn member_penalty(&self, e: &Range<usize>, r: &Range<usize>) -> f32 {
        let (min, max) = if e.len() > 1 {
            min_max(e.clone().map(|i| self.coverage(true, i, r.clone())))
        } else if r.len() > 1 {
            min_max(r.clone().map(|j| self.coverage(false, j, e.clone())))
        } else {
            // 2-2: both sides must be explained
            return e
                .clone()
                .map(|i| self.coverage(true, i, r.clone()))
                .chain(r.clone().map(|j| self.coverage(false, j, e.clone())))
                .fold(1.0f32, f32::min)
                .min(1.0)
                .mul_add(-1.0, 1.0);
        };
        if max <= 0.0 {
            0.0
        } else {
            1.0 - min / max
        }
    }

    fn raw_sim(&self, e: Range<usize>, r: Range<usize>) -> f32 {
        let (mut a, mut le, mut lr) = (0.0, 0.0, 0.0);
        for i in e.clone() {
            for j in r.clone() {
                let p = self.pair(i, j);
                a += p.anchor;
                le += p.lex_en;
                lr += p.lex_ru;
            }
        }
        let wa: f32 = e.clone().map(|i| self.en.anchor_total[i]).sum::<f32>()
            + r.clone().map(|j| self.ru.anchor_total[j]).sum::<f32>();
        let ne: f32 = e.map(|i| self.en.word_total[i]).sum();
        let nr: f32 = r.map(|j| self.ru.word_total[j]).sum();
        let mut num = 0.0;
        let mut den = 0.0;
        if wa > 0.0 {
            num += (2.0 * a).min(wa);
            den += wa;
        }
        if self.lex.is_some() && ne + nr > 0.0 {
            let w = self.params.w_lex;
            num += w * ((le / ne.max(1e-6)).min(1.0) * ne + (lr / nr.max(1e-6)).min(1.0) * nr);
            den += w * (ne + nr);
        }
        if den <= 0.0 {
            return self.params.neutral;
        }
        // Little evidence: shrink towards neutral.
        let prior_mass = 2.0;
        (num + prior_mass * self.params.neutral) / (den + prior_mass)
    }

    /// Length cost (Gale–Church, characters, ratio calibrated on the document).
    pub fn len_cost(&self, e: Range<usize>, r: Range<usize>) -> f32 {
        let le: f32 = e.map(|i| self.en.len[i]).sum();
        let lr: f32 = r.map(|j| self.ru.len[j]).sum::<f32>() / self.ratio;
        let m = ((le + lr) / 2.0).max(1.0);
        let d = (lr - le).abs() / (self.params.s2 * m).sqrt();
        neg_ln_erfc(d / std::f32::consts::SQRT_2)
    }

    /// A lower bound of [`Model::cost`] for a bead of units on both sides, at the price of its
    /// length cost alone: the search skips a merge whose bound cannot beat what it has
    /// (negative infinity, no bound, when a tuning run gives a weight below zero).
    pub fn cost_bound(&self, e: Range<usize>, r: Range<usize>) -> f32 {
        let p = &self.params;
        if [p.w_len, p.k_sim, p.merge, p.k_mem]
            .iter()
            .any(|&w| w < 0.0)
        {
            return f32::NEG_INFINITY;
        }
        let pr = if e.len() == 1 && r.len() == 1 {
            prior(1, 1)
        } else {
            p.merge * prior(e.len(), r.len())
        };
        pr + p.w_len * self.len_cost(e, r)
    }

    /// The cost of a bead.
    pub fn cost(&self, e: Range<usize>, r: Range<usize>) -> f32 {
        let (a, b) = (e.len(), r.len());
        if a == 0 || b == 0 {
            let (side, span) = if a > 0 { (self.en, e) } else { (self.ru, r) };
            let avg = if a > 0 {
                self.avg_len.0
            } else {
                self.avg_len.1
            };
            return span
                .map(|k| self.params.skip + self.params.skip_len * (side.len[k] / avg).min(3.0))
                .sum();
        }
        let p = &self.params;
        let pr = if a == 1 && b == 1 {
            prior(1, 1)
        } else {
            p.merge * prior(a, b) + p.k_mem * self.member_penalty(&e, &r)
        };
        pr + p.w_len * self.len_cost(e.clone(), r.clone())
            + p.k_sim * (1.0 - self.sim(e, r)) * ((a + b) as f32 / 2.0).powf(p.size)
    }
}

/// The smallest and the largest of some values (infinity and 0 when there are none).
fn min_max(v: impl Iterator<Item = f32>) -> (f32, f32) {
    v.fold((f32::INFINITY, 0.0f32), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    })
}

fn median(v: &mut [f32]) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}
