//! Word translation scores for pairing: the lexicon learned from the corpus (IBM Model 1) plus
//! the shipped prior, and cognates and transliterations. Used by every pairing stage.
use super::acronym::is_acronym;
use super::candidates;
use super::{stop, Corpus};
use crate::align::anchors::fold;
use crate::align::lexicon::{self, Lexicon};
use crate::align::lexicon::{word_ids, Vocabs};
use crate::text::{self, stem::stem, Lang};
use std::collections::BTreeSet;

/// Segments used to learn the lexicon at most (Model 1 is quadratic in segment length).
const MAX_TRAIN: usize = 20_000;
/// Word translation scores: the lexicon learned from the corpus plus the shipped prior, and
/// cognates/transliterations.
pub struct Translator {
    vocabs: Vocabs,
    lex: Lexicon,
    cache: std::cell::RefCell<rustc_hash::FxHashMap<(u32, u32), f64>>,
    ids: std::cell::RefCell<rustc_hash::FxHashMap<String, u32>>,
    /// Each word's cognate keys, by its number in `ids`, made when first needed.
    keys: std::cell::RefCell<Vec<Option<std::rc::Rc<CognateKeys>>>>,
    /// Acronyms paired by co-occurrence (upper-case English, upper-case Russian).
    pub acronyms: BTreeSet<(String, String)>,
}

pub fn latin_key(w: &str) -> String {
    let l = w.to_lowercase();
    if l.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        fold(&text::translit_key(&l))
    } else {
        fold(&deunicode::deunicode(&l))
    }
}

/// A word's skeleton for cognates: the transliteration key of either script (`ph` = f,
/// `c` = k or s, `y` = i, doubled letters once, …) with g and h merged, since English h is
/// Russian г in older borrowings and х in newer ones (hybrid = гибрид, Helsinki = Хельсинки).
fn cognate_key(w: &str) -> String {
    // `fold` drops h, so g goes with it
    fold(&text::translit_key(&deunicode::deunicode(&w.to_lowercase())).replace('g', "h"))
}

/// Cognate or transliteration similarity of two words in [0,1].
pub fn cognate(e: &str, r: &str) -> f64 {
    cognate_of_keys(&CognateKeys::of(e), &CognateKeys::of(r))
}

/// The keys [`cognate`] compares, made once per word where many pairs are compared.
#[derive(Debug, Clone)]
pub struct CognateKeys {
    skeleton: String,
    translit: String,
}

impl CognateKeys {
    /// The keys of a word.
    pub fn of(w: &str) -> CognateKeys {
        CognateKeys {
            skeleton: cognate_key(w),
            translit: text::translit_key(w),
        }
    }
}

impl CognateKeys {
    /// The number of first letters two words' skeletons share.
    pub fn common_prefix(&self, other: &CognateKeys) -> usize {
        self.skeleton
            .chars()
            .zip(other.skeleton.chars())
            .take_while(|(x, y)| x == y)
            .count()
    }
}

/// [`cognate`] on keys already made.
pub fn cognate_of_keys(e: &CognateKeys, r: &CognateKeys) -> f64 {
    let (a, b) = (&e.skeleton, &r.skeleton);
    if a.len() < 3 || b.len() < 3 {
        return if a == b && !a.is_empty() { 0.9 } else { 0.0 };
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let by_prefix: f64 = if common >= 5 || (common >= 4 && a.len().min(b.len()) <= 6) {
        0.85
    } else {
        0.0
    };
    // below 0.75 two names are as alike as unrelated words
    let sim = text::key_similarity(&e.translit, &r.translit);
    by_prefix.max(if sim >= 0.75 { sim } else { 0.0 }).min(1.0)
}

impl Translator {
    /// Pair two acronyms (found by co-occurrence): they translate each other from now on, and
    /// the scores computed before this pair was known are dropped.
    pub fn add_acronym_pair(&mut self, en: &str, ru: &str) {
        self.acronyms.insert((en.to_uppercase(), ru.to_uppercase()));
        self.cache.borrow_mut().clear();
    }

    /// Learn from the corpus's bilingual segments.
    pub fn new(corpus: &Corpus) -> Translator {
        let mut vocabs = Vocabs::default();
        let mut pairs = Vec::new();
        for s in corpus
            .segments
            .iter()
            .filter(|s| s.en.is_some() && s.ru.is_some())
            .take(MAX_TRAIN)
        {
            let e = word_ids(s.en.as_deref().unwrap_or(""), Lang::En, &mut vocabs.en);
            let r = word_ids(s.ru.as_deref().unwrap_or(""), Lang::Ru, &mut vocabs.ru);
            pairs.push((e, r));
        }
        let mut lex = if pairs.len() >= 2 {
            lexicon::train(&pairs, vocabs.en.len(), vocabs.ru.len())
        } else {
            Lexicon::default()
        };
        // Model 1 on a few dozen segments links any words that co-occur once: trust it in
        // proportion to the square root of the evidence (full trust from 100 segments on: a
        // single UN document of ~150 pairs is evidence enough; chosen on the tune documents)
        let trust = (pairs.len() as f32 / 100.0).sqrt().min(1.0);
        lex.en_top.iter_mut().flatten().for_each(|x| x.1 *= trust);
        // make the prior's words known, then merge it
        for (e, r, _) in lexicon::builtin() {
            vocabs.en.id(e);
            vocabs.ru.id(r);
        }
        lexicon::merge_prior(&mut lex, lexicon::builtin(), &vocabs.en, &vocabs.ru);
        Translator {
            vocabs,
            lex,
            cache: Default::default(),
            ids: Default::default(),
            keys: Default::default(),
            acronyms: BTreeSet::new(),
        }
    }

    /// How well Russian word `r` translates English word `e`, in [0,1].
    pub fn word(&self, e: &str, r: &str) -> f64 {
        let k = (self.id(e), self.id(r));
        if let Some(&v) = self.cache.borrow().get(&k) {
            return v;
        }
        let v = self.word_uncached(e, r);
        self.cache.borrow_mut().insert(k, v);
        v
    }

    fn id(&self, w: &str) -> u32 {
        if let Some(&i) = self.ids.borrow().get(w) {
            return i;
        }
        let mut ids = self.ids.borrow_mut();
        let i = ids.len() as u32;
        ids.insert(w.to_string(), i);
        i
    }

    /// A word's stem number in the lexicon of its language, if the lexicon knows it.
    pub fn stem_id(&self, w: &str, lang: Lang) -> Option<u32> {
        let s = stem(&w.to_lowercase(), lang);
        match lang {
            Lang::Ru => self.vocabs.ru.get(&s),
            _ => self.vocabs.en.get(&s),
        }
    }

    /// The Russian stems the lexicon gives an English word, best first, with scores in [0,1].
    pub fn russian_stems(&self, e: &str) -> Vec<(String, f64)> {
        let Some(ei) = self.stem_id(e, Lang::En) else {
            return Vec::new();
        };
        let words = self.vocabs.ru.words();
        let mut v: Vec<(String, f64)> = self
            .lex
            .of(ei)
            .iter()
            .map(|&(r, p)| (words[r as usize].to_string(), (p as f64 * 2.0).min(1.0)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Whether the lexicon holds any translation of an English stem number.
    pub fn knows(&self, e: Option<u32>) -> bool {
        e.is_some_and(|e| !self.lex.of(e).is_empty())
    }

    /// The lexicon's score for two stem numbers (see [`Translator::stem_id`]), in [0,1].
    pub fn lexicon_score(&self, e: Option<u32>, r: Option<u32>) -> f64 {
        let (Some(ei), Some(ri)) = (e, r) else {
            return 0.0;
        };
        self.lex
            .of(ei)
            .iter()
            .find(|x| x.0 == ri)
            .map_or(0.0, |p| (p.1 as f64 * 2.0).min(1.0))
    }

    fn keys_of(&self, w: &str) -> std::rc::Rc<CognateKeys> {
        let i = self.id(w) as usize;
        let mut keys = self.keys.borrow_mut();
        if keys.len() <= i {
            keys.resize(i + 1, None);
        }
        keys[i]
            .get_or_insert_with(|| std::rc::Rc::new(CognateKeys::of(w)))
            .clone()
    }

    fn word_uncached(&self, e: &str, r: &str) -> f64 {
        let mut best = self.lexicon_score(self.stem_id(e, Lang::En), self.stem_id(r, Lang::Ru));
        if is_acronym(e) || is_acronym(r) {
            // acronyms: identical (Latin inside Russian) or transliterated
            let (eu, ru) = (e.to_uppercase(), r.to_uppercase());
            if eu == ru || latin_key(e) == latin_key(r) || self.acronyms.contains(&(eu, ru)) {
                best = best.max(1.0);
            }
            return best;
        }
        best.max(cognate_of_keys(&self.keys_of(e), &self.keys_of(r)))
    }

    /// Similarity of two phrases in [0,1]: mean best word score over content words, both ways.
    pub fn phrase(&self, en: &[&str], ru: &[&str]) -> f64 {
        self.phrase_cover(en, ru).0
    }

    /// The similarity, and the number of content words on the worse side without a translation.
    pub fn phrase_cover(&self, en: &[&str], ru: &[&str]) -> (f64, usize) {
        let (en, ru) = (candidates::parts(en), candidates::parts(ru));
        // numbers must be the same on both sides ("resolution 2178" is not "резолюция 2170")
        fn numbers<'a>(ws: &[&'a str]) -> Vec<&'a str> {
            let mut n: Vec<&str> = ws.iter().copied().filter(|w| is_number(w)).collect();
            n.sort_unstable();
            n
        }
        if numbers(&en) != numbers(&ru) {
            return (0.0, usize::MAX);
        }
        let e: Vec<&str> = en
            .iter()
            .copied()
            .filter(|w| !stop::is_stop(w, false))
            .collect();
        let r: Vec<&str> = ru
            .iter()
            .copied()
            .filter(|w| !stop::is_stop(w, true))
            .collect();
        if e.is_empty() || r.is_empty() {
            return (0.0, usize::MAX);
        }
        let m: Vec<Vec<f64>> = e
            .iter()
            .map(|a| r.iter().map(|b| self.word(a, b)).collect())
            .collect();
        let be: Vec<f64> = m
            .iter()
            .map(|row| row.iter().cloned().fold(0.0, f64::max))
            .collect();
        let br: Vec<f64> = (0..r.len())
            .map(|j| m.iter().map(|row| row[j]).fold(0.0, f64::max))
            .collect();
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let missing = |v: &[f64]| v.iter().filter(|&&x| x < 0.3).count();
        (
            (mean(&be) + mean(&br)) / 2.0,
            missing(&be).max(missing(&br)),
        )
    }
}

/// A number as written: digits, with . or , inside.
fn is_number(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}
