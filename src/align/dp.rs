//! The search: a banded dynamic programme over bead shapes, run twice (Moore 2002): first
//! with length and anchors to find confident beads and learn a lexicon from them, then with
//! the lexicon inside a narrow band around the first path.
use super::cost::{self, Model, Params};
use super::lexicon::{self, Lexicon, Overlay, Vocabs};
use super::MAX_MERGE;
use crate::report::Report;
use std::ops::Range;

/// A bead as ranges of unit positions, with a confidence.
#[derive(Debug, Clone)]
pub struct RawBead {
    pub en: Range<usize>,
    pub ru: Range<usize>,
    pub score: f64,
}

/// Below this many cells the search is exhaustive.
const FULL_CELLS: usize = 400_000;
/// Model 1 learns the document's lexicon from at most this many confident beads, evenly taken.
const MAX_LEXICON_BEADS: usize = 1500;
/// Half-width of the band around the first path.
const REFINE_WIDTH: usize = 12;

/// The shapes of the first pass over a long document.
const FIRST_SHAPES: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (1, 2), (2, 1)];

fn all_shapes() -> Vec<(usize, usize)> {
    let mut v = FIRST_SHAPES.to_vec();
    v.push((2, 2));
    for n in 3..=MAX_MERGE {
        v.push((1, n));
        v.push((n, 1));
    }
    v
}

/// For each English position 0..=n, the inclusive range of Russian positions searched.
#[derive(Debug, Clone)]
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Band {
    fn full(n: usize, m: usize) -> Band {
        Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    }
    fn diagonal(n: usize, m: usize, w: usize) -> Band {
        let mut b = Band {
            lo: Vec::with_capacity(n + 1),
            hi: Vec::with_capacity(n + 1),
        };
        for i in 0..=n {
            let c = (i * m).checked_div(n).unwrap_or(m);
            b.lo.push(c.saturating_sub(w));
            b.hi.push((c + w).min(m));
        }
        b
    }
    fn around(path: &[(Range<usize>, Range<usize>)], n: usize, m: usize, w: usize) -> Band {
        let mut b = Band {
            lo: vec![usize::MAX; n + 1],
            hi: vec![0; n + 1],
        };
        for (e, r) in path {
            for i in e.start..=e.end {
                b.lo[i] = b.lo[i].min(r.start.saturating_sub(w));
                b.hi[i] = b.hi[i].max((r.end + w).min(m));
            }
        }
        b
    }
    fn contains(&self, i: usize, j: usize) -> bool {
        j >= self.lo[i] && j <= self.hi[i]
    }
    fn touches_edge(&self, path: &[(Range<usize>, Range<usize>)], m: usize) -> bool {
        path.iter().any(|(e, r)| {
            let i = e.end;
            let j = r.end;
            (j == self.lo[i] && self.lo[i] > 0) || (j == self.hi[i] && self.hi[i] < m)
        })
    }
}

/// Rows of the cost table computed together, on every core, before the programme runs over
/// them: a bead's cost does not depend on the path, only the sums do.
const COST_BLOCK: usize = 128;
/// Below this many band cells the costs are computed on one core (the sentences of a bead).
const PARALLEL_CELLS: usize = 20_000;

/// Merges are costed only when the search reaches them and their length alone does not rule
/// them out (see [`Model::cost_bound`]): most never are.
fn lazy(shape: (usize, usize)) -> bool {
    shape.0 + shape.1 > 2
}

/// The cost of every bead shape ending at each cell of row `i` of the band (infinite where the
/// shape leaves the band; for [`lazy`] shapes, a lower bound), cell-major:
/// `[(j - lo) * shapes.len() + s]`.
fn row_costs(model: &Model, band: &Band, shapes: &[(usize, usize)], i: usize) -> Vec<f32> {
    let (lo, hi) = (band.lo[i], band.hi[i]);
    let mut out = Vec::with_capacity((hi + 1).saturating_sub(lo) * shapes.len());
    for j in lo..=hi {
        for &(a, b) in shapes {
            out.push(if a > i || b > j || !band.contains(i - a, j - b) {
                f32::INFINITY
            } else if lazy((a, b)) {
                model.cost_bound(i - a..i, j - b..j)
            } else {
                model.cost(i - a..i, j - b..j)
            });
        }
    }
    out
}

/// Best path through the band, as beads in order; None when the band does not connect.
fn search(
    model: &Model,
    n: usize,
    m: usize,
    band: &Band,
    shapes: &[(usize, usize)],
) -> Option<Vec<(Range<usize>, Range<usize>)>> {
    let cells: usize = (0..=n)
        .map(|i| (band.hi[i] + 1).saturating_sub(band.lo[i]))
        .sum();
    let parallel = cells >= PARALLEL_CELLS;
    let block_costs = |rows: Range<usize>| -> Vec<Vec<f32>> {
        if parallel {
            use rayon::prelude::*;
            rows.into_par_iter()
                .map(|i| row_costs(model, band, shapes, i))
                .collect()
        } else {
            rows.map(|i| row_costs(model, band, shapes, i)).collect()
        }
    };
    let block_rows = |start: usize| start..(start + COST_BLOCK).min(n + 1);
    let mut cost: Vec<Vec<f32>> = Vec::with_capacity(n + 1);
    let mut back: Vec<Vec<u8>> = Vec::with_capacity(n + 1);
    let mut block = block_costs(block_rows(0));
    for start in (0..=n).step_by(COST_BLOCK) {
        let rows = block_rows(start);
        let next = rows.end..(rows.end + COST_BLOCK).min(n + 1);
        let run = || {
            for (i, bead_costs) in rows.zip(&block) {
                let (crow, brow) = best_row(model, band, shapes, &cost, i, bead_costs);
                cost.push(crow);
                back.push(brow);
                // no bead reaches further back than MAX_MERGE rows: free what is behind
                if let Some(old) = i.checked_sub(MAX_MERGE) {
                    cost[old] = Vec::new();
                }
            }
        };
        block = if parallel {
            // the next block's costs are computed while the programme runs over this one
            rayon::join(run, || block_costs(next)).1
        } else {
            run();
            block_costs(next)
        };
    }
    if !band.contains(n, m) || !cost[n][m - band.lo[n]].is_finite() {
        return None;
    }
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let s = back[i][j - band.lo[i]];
        let (a, b) = shapes[s as usize];
        path.push((i - a..i, j - b..j));
        i -= a;
        j -= b;
    }
    path.reverse();
    Some(path)
}

/// The best cost and shape of every cell of row `i`, given the rows before it and the costs
/// of the beads ending in row `i` (see [`row_costs`]).
fn best_row(
    model: &Model,
    band: &Band,
    shapes: &[(usize, usize)],
    cost: &[Vec<f32>],
    i: usize,
    bead_costs: &[f32],
) -> (Vec<f32>, Vec<u8>) {
    let width = (band.hi[i] + 1).saturating_sub(band.lo[i]);
    let mut crow = vec![f32::INFINITY; width];
    let mut brow = vec![u8::MAX; width];
    for j in band.lo[i]..=band.hi[i].max(band.lo[i]) {
        if j > band.hi[i] {
            break;
        }
        if i == 0 && j == 0 {
            crow[0] = 0.0;
            continue;
        }
        let here = &bead_costs[(j - band.lo[i]) * shapes.len()..];
        let mut best = f32::INFINITY;
        let mut arg = u8::MAX;
        for (s, &(a, b)) in shapes.iter().enumerate() {
            if !here[s].is_finite() && here[s] > 0.0 {
                continue;
            }
            let prev = if a == 0 {
                cost_at(&crow, band, i, j - b)
            } else {
                cost_at(&cost[i - a], band, i - a, j - b)
            };
            if !prev.is_finite() || prev + here[s] >= best {
                continue;
            }
            let c = if lazy((a, b)) {
                prev + model.cost(i - a..i, j - b..j)
            } else {
                prev + here[s]
            };
            if c < best {
                best = c;
                arg = s as u8;
            }
        }
        crow[j - band.lo[i]] = best;
        brow[j - band.lo[i]] = arg;
    }
    (crow, brow)
}

fn cost_at(row: &[f32], band: &Band, i: usize, j: usize) -> f32 {
    if j < band.lo[i] || j > band.hi[i] {
        return f32::INFINITY;
    }
    row[j - band.lo[i]]
}

/// Half-width of the first pass's band around the diagonal (it widens when the path touches it).
fn first_width(n: usize, m: usize) -> usize {
    16 + (n.max(m) as f64).sqrt() as usize / 4
}

/// The most pairs [`fill_diagonal`] computes ahead (about 48 MB): the first band's width grows
/// with the square root of the length, and past this a long document's first-pass pairs
/// (anchors only, cheap) are computed as the search asks for them, so memory stays linear.
const MAX_AHEAD: usize = 4_000_000;

/// Compute ahead the pairs of the first band around the diagonal, up to [`MAX_AHEAD`]: a search
/// asks for each pair once per bead shape holding it.
fn fill_diagonal(model: &mut Model, n: usize, m: usize) {
    let w = first_width(n, m) + MAX_MERGE;
    let rows = pair_rows(&Band::diagonal(n, m, w), n, m);
    if rows.iter().map(|r| r.len()).sum::<usize>() <= MAX_AHEAD {
        model.fill_pairs(&rows);
    }
}

/// The Russian units each English unit meets in beads ending inside `band`.
fn pair_rows(band: &Band, n: usize, m: usize) -> Vec<Range<usize>> {
    (0..n)
        .map(|k| band.lo[k].min(band.lo[k + 1])..(band.hi[k].max(band.hi[k + 1]) + 1).min(m))
        .collect()
}

/// Search with a band that widens until the path stays inside it.
fn banded(
    model: &Model,
    n: usize,
    m: usize,
    shapes: &[(usize, usize)],
    around: Option<&[(Range<usize>, Range<usize>)]>,
) -> Vec<(Range<usize>, Range<usize>)> {
    if (n + 1) * (m + 1) <= FULL_CELLS {
        return search(model, n, m, &Band::full(n, m), shapes)
            .expect("a full band always connects");
    }
    let mut w = match around {
        Some(_) => REFINE_WIDTH,
        None => first_width(n, m),
    };
    loop {
        let band = match around {
            Some(p) => Band::around(p, n, m, w),
            None => Band::diagonal(n, m, w),
        };
        if w >= m.max(n) {
            return search(model, n, m, &Band::full(n, m), shapes)
                .expect("a full band always connects");
        }
        if let Some(path) = search(model, n, m, &band, shapes) {
            if !band.touches_edge(&path, m) {
                return path;
            }
        }
        w *= 2;
    }
}

/// The paragraph-level (or line-level) result: beads plus what was learned.
pub struct Learned {
    pub beads: Vec<RawBead>,
    pub vocabs: Vocabs,
    pub lexicon: Option<Lexicon>,
    /// The calibrated cost parameters, reused for sentences.
    pub params: Params,
    pub cal: Option<(f32, f32)>,
}

/// Align two lists of texts: first pass, lexicon, second pass, confidences. `report` is told
/// each phase as it starts.
pub fn align_document(
    en: &[&str],
    ru: &[&str],
    opts: &super::Options,
    report: &dyn Report,
) -> Learned {
    report.step("preparing");
    let mut vocabs = Vocabs::default();
    let (es, rs) = cost::prepare(en, ru, &mut vocabs);
    let (n, m) = (en.len(), ru.len());
    let params = opts.params.clone();
    let mut model = Model::new(&es, &rs, None, params);
    let big = (n + 1) * (m + 1) > FULL_CELLS;
    let shapes1: Vec<(usize, usize)> = if big {
        fill_diagonal(&mut model, n, m);
        FIRST_SHAPES.to_vec()
    } else {
        all_shapes()
    };
    report.step("first pass");
    let mut path1 = banded(&model, n, m, &shapes1, None);
    model.calibrate_length(&path1);
    if !big {
        path1 = banded(&model, n, m, &shapes1, None);
    }
    let params = model.params.clone();
    // Learn a lexicon from the beads whose lengths agree.
    let mut pairs: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
    for (e, r) in &path1 {
        if e.is_empty() || r.is_empty() || model.len_cost(e.clone(), r.clone()) > 3.0 {
            continue;
        }
        let ew: Vec<u32> = e
            .clone()
            .flat_map(|i| es.words[i].iter().map(|x| x.0))
            .collect();
        let rw: Vec<u32> = r
            .clone()
            .flat_map(|j| rs.words[j].iter().map(|x| x.0))
            .collect();
        pairs.push((ew, rw));
    }
    drop(model);
    report.step("learning a lexicon");
    // an even sample is as good a teacher as every bead, at a fraction of the time
    let step = pairs.len().div_ceil(MAX_LEXICON_BEADS).max(1);
    let pairs: Vec<(Vec<u32>, Vec<u32>)> = pairs.into_iter().step_by(step).collect();
    let mut lexicon = if pairs.len() >= 2 {
        lexicon::train(&pairs, vocabs.en.len(), vocabs.ru.len())
    } else {
        Lexicon::default()
    };
    if opts.prior {
        lexicon::merge_prior(&mut lexicon, lexicon::builtin(), &vocabs.en, &vocabs.ru);
    }
    let lexicon = (!lexicon.en_top.iter().all(Vec::is_empty)).then_some(lexicon);
    report.step("calibrating with the lexicon");
    let mut model = Model::new(&es, &rs, lexicon.as_ref(), params);
    fill_pairs(&mut model, n, m, Some(&path1));
    model.calibrate(&path1);
    report.step("second pass");
    let path2 = banded(&model, n, m, &all_shapes(), Some(&path1));
    report.step("confidences");
    let beads = score_path(&model, &path2, n, m);
    let params = model.params.clone();
    let cal = model.cal;
    drop(model);
    Learned {
        beads,
        vocabs,
        lexicon,
        params,
        cal,
    }
}

/// With a lexicon, compute ahead the pairs a search will ask for: all of them for a small
/// table, else those near `path` (the second pass stays close to the first).
fn fill_pairs(
    model: &mut Model,
    n: usize,
    m: usize,
    path: Option<&[(Range<usize>, Range<usize>)]>,
) {
    if model.lex.is_none() {
        return;
    }
    let rows: Vec<Range<usize>> = match path {
        Some(p) if (n + 1) * (m + 1) > FULL_CELLS => {
            let near = Band::around(p, n, m, REFINE_WIDTH + MAX_MERGE);
            (0..n)
                .map(|k| {
                    near.lo[k].min(near.lo[k + 1])..(near.hi[k].max(near.hi[k + 1]) + 1).min(m)
                })
                .collect()
        }
        _ => vec![0..m; n],
    };
    model.fill_pairs(&rows);
}

/// Align the sentences of one paragraph bead with what the document taught.
pub fn align_within(en: &[&str], ru: &[&str], doc: &Learned) -> Vec<RawBead> {
    let v = &doc.vocabs;
    let mut ids = [
        Overlay::new(&v.anchors),
        Overlay::new(&v.en),
        Overlay::new(&v.ru),
    ];
    let [a, e, r] = &mut ids;
    let (es, rs) = cost::prepare_with(en, ru, [a, e, r]);
    let (n, m) = (en.len(), ru.len());
    let mut model = Model::new(&es, &rs, doc.lexicon.as_ref(), doc.params.clone());
    model.cal = doc.cal;
    let path = if (n + 1) * (m + 1) <= FULL_CELLS {
        fill_pairs(&mut model, n, m, None);
        banded(&model, n, m, &all_shapes(), None)
    } else {
        // a paragraph bead of thousands of sentences (a huge line), searched as a long
        // document is: length and anchors with the simple shapes near the diagonal, then
        // every shape with the lexicon near that path
        let mut plain = Model::new(&es, &rs, None, doc.params.clone());
        fill_diagonal(&mut plain, n, m);
        let first = banded(&plain, n, m, &FIRST_SHAPES, None);
        drop(plain);
        fill_pairs(&mut model, n, m, Some(&first));
        banded(&model, n, m, &all_shapes(), Some(&first))
    };
    score_path(&model, &path, n, m)
}

/// Confidence of each bead: for pairs, similarity and length agreement; for unpaired units,
/// how little they resemble the units around them.
fn score_path(
    model: &Model,
    path: &[(Range<usize>, Range<usize>)],
    n: usize,
    m: usize,
) -> Vec<RawBead> {
    path.iter()
        .map(|(e, r)| {
            let score = if !e.is_empty() && !r.is_empty() {
                let sim = model.sim(e.clone(), r.clone());
                let len = model.len_cost(e.clone(), r.clone());
                let member = if e.len() + r.len() > 2 {
                    model.params.c_mem * model.member_penalty(e, r)
                } else {
                    0.0
                };
                sigmoid(8.0 * (sim - model.params.neutral) - 0.6 * len - member + 1.5)
            } else {
                let mut best = 0f32;
                if let Some(i) = (!e.is_empty()).then_some(e.start) {
                    for j in r.start.saturating_sub(2)..(r.start + 2).min(m) {
                        best = best.max(model.sim(i..i + 1, j..j + 1));
                    }
                } else {
                    let j = r.start;
                    for i in e.start.saturating_sub(2)..(e.start + 2).min(n) {
                        best = best.max(model.sim(i..i + 1, j..j + 1));
                    }
                }
                sigmoid(8.0 * (model.params.neutral - best) + 1.0)
            };
            RawBead {
                en: e.clone(),
                ru: r.clone(),
                score: score as f64,
            }
        })
        .collect()
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}
