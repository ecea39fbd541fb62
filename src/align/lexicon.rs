//! A word-translation lexicon learned from the text being aligned: IBM Model 1 in both
//! directions over confident beads (Moore 2002), combined as sqrt(t(r|e)·t(e|r)).
use rustc_hash::FxHashMap;

/// How many translations to keep per English word.
const TOP_K: usize = 8;
/// Translations below this association are dropped.
const MIN_P: f32 = 0.02;

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
    /// Number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
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
        self.en_top.get(e as usize).map(Vec::as_slice).unwrap_or(&[])
    }
}

fn key(a: u32, b: u32) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// Train t(f|e) with `iters` EM iterations; `e` sentences get a NULL word (id `null`).
fn model1(pairs: &[(&[u32], &[u32])], null: u32, iters: usize) -> FxHashMap<u64, f32> {
    let mut t: FxHashMap<u64, f32> = FxHashMap::default();
    for (es, fs) in pairs {
        for &f in fs.iter() {
            for &e in es.iter().chain(std::iter::once(&null)) {
                t.insert(key(e, f), 1.0);
            }
        }
    }
    let mut count: FxHashMap<u64, f32> = FxHashMap::default();
    let mut total: FxHashMap<u32, f32> = FxHashMap::default();
    for _ in 0..iters {
        count.clear();
        total.clear();
        for (es, fs) in pairs {
            for &f in fs.iter() {
                let denom: f32 = es.iter().chain(std::iter::once(&null)).map(|&e| t[&key(e, f)]).sum();
                if denom <= 0.0 {
                    continue;
                }
                for &e in es.iter().chain(std::iter::once(&null)) {
                    let c = t[&key(e, f)] / denom;
                    *count.entry(key(e, f)).or_insert(0.0) += c;
                    *total.entry(e).or_insert(0.0) += c;
                }
            }
        }
        for (k, v) in t.iter_mut() {
            let e = (k >> 32) as u32;
            *v = count.get(k).copied().unwrap_or(0.0) / total.get(&e).copied().unwrap_or(1.0).max(1e-9);
        }
    }
    t
}

/// Learn a lexicon from aligned (English ids, Russian ids) pairs.
pub fn train(pairs: &[(Vec<u32>, Vec<u32>)], n_en: usize, n_ru: usize) -> Lexicon {
    let fwd: Vec<(&[u32], &[u32])> = pairs.iter().map(|(e, r)| (e.as_slice(), r.as_slice())).collect();
    let bwd: Vec<(&[u32], &[u32])> = pairs.iter().map(|(e, r)| (r.as_slice(), e.as_slice())).collect();
    let t_re = model1(&fwd, n_en as u32, 5); // t(r|e), keyed (e, r)
    let t_er = model1(&bwd, n_ru as u32, 5); // t(e|r), keyed (r, e)
    let mut en_top: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n_en];
    for (&k, &p) in t_re.iter() {
        let (e, r) = ((k >> 32) as u32, k as u32);
        if e as usize >= n_en {
            continue;
        }
        let q = t_er.get(&key(r, e)).copied().unwrap_or(0.0);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_toy_lexicon() {
        // house=0 the=1 small=2 ; дом=0 маленький=1
        let pairs = vec![(vec![1, 0], vec![0]), (vec![1, 2, 0], vec![1, 0]), (vec![1, 2], vec![1])];
        let lex = train(&pairs, 3, 2);
        assert_eq!(lex.of(0).first().map(|x| x.0), Some(0));
        assert_eq!(lex.of(2).first().map(|x| x.0), Some(1));
    }
}
