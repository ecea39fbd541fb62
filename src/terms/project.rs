//! Terms found through a word alignment inside each aligned segment, as phrase-based
//! translation extracts phrase pairs (Koehn, Och & Marcu 2003): English noun phrases, found by
//! part-of-speech patterns in any case ("rule of law", "use of nuclear weapons", "vaccine"), are
//! projected onto the Russian words aligned with them, so that the Russian term's boundaries
//! follow the English one's. The pairs are ranked by termhood against general-language
//! frequency (a word far rarer in general language than in the document marks a term, after
//! Ahmad et al.'s "weirdness"), by how consistently the English is translated the same way, and
//! by how well the words translate.
use super::acronym::is_acronym;
use super::candidates::{phrase_key, word_key};
use super::translate::{cognate_of_keys, CognateKeys, Translator};
use super::{general, ru, stop, Corpus, Segment};
use crate::glossary::{concept_id, Concept, Context, Origin, Status, Term, TermType};
use crate::text::{self, morph, Lang, TokenKind};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// A word translation score needed to link two words.
const MIN_LINK: f64 = 0.12;
/// How much a link loses per unit of relative distance from the diagonal (breaks ties between
/// two occurrences of a word in one sentence).
const DISTORTION: f64 = 0.1;
/// Longest English phrase, in words ("of" included).
const MAX_WORDS: usize = 5;
/// Longest English name ("United Nations Scientific Committee on the Effects of Atomic
/// Radiation").
const MAX_NAME_WORDS: usize = 12;
/// Words that join two capitalised words of one name.
/// ("and" only between two single words of a name that goes on: "Economic and Social
/// Council", not "France and Germany" nor "Connor Goldson and Joe Worrall").
const NAME_CONNECTORS: &[&str] = &["of", "for", "on", "against", "and", "&"];
/// Words at least this frequent in general language (Zipf) add no termhood ("information").
pub(super) const COMMON_ZIPF: f64 = 5.5;
/// Words at most this frequent in general language add full termhood ("verification").
pub(super) const RARE_ZIPF: f64 = 3.0;
/// A single word needs at least this termhood to be a term on its own.
const MIN_SINGLE_TERMHOOD: f64 = 0.2;
/// A phrase seen once needs at least this termhood.
const MIN_ONCE_TERMHOOD: f64 = 0.12;
/// The share of an English phrase's occurrences that must project onto the same Russian.
const MIN_CONSISTENCY: f64 = 0.3;
/// The word-by-word translation score a pair needs (the alignment already linked its words).
const MIN_PHRASE: f64 = 0.2;
/// Confidence of the weakest and strongest pair found here; acronym definitions and pairs
/// confirmed by co-occurrence over the memory (`pair.rs`) rank above most of these.
const CONF_FLOOR: f64 = 0.1;
const CONF_SPAN: f64 = 0.35;
/// The termhood of a lone capitalised word: as often a fragment of a longer name ("United",
/// "Council") as a name of its own.
const LONE_NAME_TERMHOOD: f64 = 0.5;
/// Calendar words are capitalised in English without being names of anything a glossary holds.
const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// The share of its confidence a co-occurrence pair of the most general words keeps.
const GENERAL_WEIGHT: f64 = 0.6;
/// Contexts kept per language.
const MAX_CONTEXTS: usize = 2;

/// Words of the stop list that are nouns inside terms ("use of force", "place of birth").
const STOP_NOUNS: &[&str] = &[
    "use", "place", "year", "years", "day", "days", "note", "reports",
];
/// Words after which an English word that can be a noun or a verb in -s is the verb of its
/// clause: "Japan wishes to", "the Group calls on the".
const AFTER_VERB: &[&str] = &[
    "to", "that", "the", "a", "an", "its", "their", "his", "her", "on", "all", "this", "these",
    "those",
];

/// A verb-only -ing word more frequent than this (Zipf) is no gerund noun ("using" 5.3,
/// "trafficking" 3.9).
const MAX_GERUND_ZIPF: f64 = 4.8;

/// One English word of a sentence and what it can be in a noun phrase.
#[derive(Debug, Clone, Copy, Default)]
struct EnWord {
    /// Can head a noun phrase.
    noun: bool,
    /// Can stand before the head (adjective, noun, participle).
    modifier: bool,
    /// "of", which may join two noun phrases.
    of: bool,
    /// A capitalised word not at the start of its sentence (or an acronym).
    name: bool,
}

/// What `w` can be in an English noun phrase (`initial`: first word of its sentence).
fn en_word(w: &str, initial: bool) -> EnWord {
    let none = EnWord::default();
    if is_acronym(w) {
        return EnWord {
            noun: true,
            modifier: true,
            name: true,
            of: false,
        };
    }
    let lower = w.to_lowercase();
    if lower == "of" {
        return EnWord { of: true, ..none };
    }
    if (stop::is_stop(w, false) && !STOP_NOUNS.contains(&lower.as_str()))
        || w.chars().any(|c| c.is_ascii_digit())
        || w.chars().count() < 2
        || w.contains(['\'', '’'])
    {
        return none;
    }
    if w.chars().next().is_some_and(char::is_uppercase) && !initial {
        return EnWord {
            noun: true,
            modifier: true,
            name: true,
            of: false,
        };
    }
    // a hyphenated compound is what its last part is, and may always modify
    let last = lower.rsplit(['-', '‐']).next().unwrap_or(&lower);
    let compound = last.len() < lower.len();
    let pos = general::en_pos(&lower).or_else(|| general::en_pos(last));
    let Some(pos) =
        pos.filter(|p| !(p.contains('r') && general::zipf(&lower, false) >= COMMON_ZIPF))
    else {
        if pos.is_some() {
            // a frequent adverb ("still", "up", "last") is no part of a term
            return none;
        }
        // a word the lexicon lacks is a name or a domain word ("bitcoin", "mpox")
        return EnWord {
            noun: true,
            modifier: true,
            ..none
        };
    };
    // a gerund names an activity ("drug trafficking", "hand washing"), except the frequent
    // ones that work as prepositions ("using", "including", "following")
    let gerund = pos.contains('v')
        && last.ends_with("ing")
        && (pos.contains('n') || general::zipf(last, false) < MAX_GERUND_ZIPF);
    let participle = pos.contains('v') && last.ends_with("ed");
    EnWord {
        noun: pos.contains('n') || gerund,
        modifier: pos.contains('n') || pos.contains('a') || gerund || participle || compound,
        ..none
    }
}

/// A word token of a segment: its text, byte range in the segment, sentence-initial flag.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    text: &'a str,
    /// The word's number in its language's [`Vocab`].
    id: u32,
    start: usize,
    end: usize,
    initial: bool,
    /// A punctuation mark comes right before it.
    after_punct: bool,
}

/// The distinct words of one language, numbered, each with its match key computed once (the
/// stem or lemma a word shares with its inflections; a stop word's key is itself, lower case,
/// as in [`phrase_key`]; an English word's is [`en_key`]) and the key's number.
#[derive(Default)]
struct Vocab {
    ids: FxHashMap<String, u32>,
    keys: Vec<String>,
    key_ids: Vec<u32>,
    stop: Vec<bool>,
    key_numbers: FxHashMap<String, u32>,
    /// Per word: its stem number in the translator's lexicon, and its cognate skeleton
    /// (computed when first needed).
    lexical: Vec<Option<(Option<u32>, CognateKeys)>>,
}

impl Vocab {
    fn id(&mut self, w: &str, lang: Lang) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let stop = stop::is_stop(w, lang == Lang::Ru);
        let key = if stop {
            w.to_lowercase()
        } else if lang == Lang::Ru {
            word_key(w, lang)
        } else {
            en_key(w)
        };
        let next = self.key_numbers.len() as u32;
        let kid = *self.key_numbers.entry(key.clone()).or_insert(next);
        let i = self.keys.len() as u32;
        self.ids.insert(w.to_string(), i);
        self.keys.push(key);
        self.key_ids.push(kid);
        self.stop.push(stop);
        self.lexical.push(None);
        i
    }

    /// A word's stem number in `tr`'s lexicon and its cognate skeleton.
    fn lexical(&mut self, t: &Tok, lang: Lang, tr: &Translator) -> &(Option<u32>, CognateKeys) {
        self.lexical[t.id as usize]
            .get_or_insert_with(|| (tr.stem_id(t.text, lang), CognateKeys::of(t.text)))
    }

    fn stop(&self, t: &Tok) -> bool {
        self.stop[t.id as usize]
    }

    /// The phrase key of a run of tokens (for Russian the same as [`phrase_key`] of their
    /// texts, for English [`en_phrase_key`]).
    fn phrase_key(&self, toks: &[Tok]) -> String {
        let keys: Vec<&str> = toks
            .iter()
            .map(|t| self.keys[t.id as usize].as_str())
            .collect();
        keys.join(" ")
    }
}

/// An English word's key: lower case, British and American spellings together, a plural in
/// its singular. Lighter than a stem, which joins words a glossary keeps apart (sanitation,
/// sanitizer; office, officer).
fn en_key(w: &str) -> String {
    if is_acronym(w) {
        return w.to_uppercase();
    }
    let l = w
        .to_lowercase()
        .replace('’', "'")
        .replace("centre", "center")
        .replace("organisation", "organization")
        .replace("programme", "program");
    let n = l.chars().count();
    for (from, to) in [("women", "woman"), ("men", "man"), ("children", "child")] {
        if l == from {
            return to.to_string();
        }
    }
    if n > 4 && l.ends_with("ies") {
        return format!("{}y", &l[..l.len() - 3]);
    }
    if n > 4
        && ["sses", "xes", "ches", "shes"]
            .iter()
            .any(|e| l.ends_with(e))
    {
        return l[..l.len() - 2].to_string();
    }
    if n > 3 && l.ends_with('s') && !["ss", "us", "is"].iter().any(|e| l.ends_with(e)) {
        return l[..l.len() - 1].to_string();
    }
    l
}

/// The key of an English phrase: its words' [`en_key`]s (stop words lower case).
fn en_phrase_key(words: &[&str]) -> String {
    let keys: Vec<String> = words
        .iter()
        .map(|w| {
            if stop::is_stop(w, false) {
                w.to_lowercase()
            } else {
                en_key(w)
            }
        })
        .collect();
    keys.join(" ")
}

fn word_tokens<'a>(t: &'a str, lang: Lang, vocab: &mut Vocab) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    for r in text::sentences(t, lang) {
        let mut first = true;
        let mut punct = false;
        for tk in text::tokens(&t[r.clone()]) {
            if tk.kind == TokenKind::Punct {
                punct = true;
                continue;
            }
            out.push(Tok {
                text: tk.text,
                id: vocab.id(tk.text, lang),
                start: r.start + tk.start,
                end: r.start + tk.end,
                initial: first,
                after_punct: punct,
            });
            first = false;
            punct = false;
        }
    }
    out
}

/// English noun-phrase spans of a segment, each with the span of the whole chunk it is in.
fn en_spans(toks: &[Tok], kinds: &[EnWord]) -> Vec<((usize, usize), (usize, usize))> {
    let n = toks.len();
    let mut kinds = kinds.to_vec();
    for k in 1..n.saturating_sub(1) {
        let w = toks[k].text.to_lowercase();
        let verb = general::en_pos(&w).is_some_and(|p| p.contains('v'));
        if verb
            && !kinds[k].name
            && w.ends_with('s')
            && (kinds[k - 1].noun || kinds[k - 1].modifier)
            && !toks[k + 1].after_punct
            && AFTER_VERB.contains(&toks[k + 1].text.to_lowercase().as_str())
        {
            kinds[k] = EnWord::default();
        }
    }
    // a verb's -ing form before a name is the verb ("replacing Kenny Miller")
    for k in 0..n.saturating_sub(1) {
        let w = toks[k].text.to_lowercase();
        if !kinds[k].name
            && w.ends_with("ing")
            && general::en_pos(&w).is_some_and(|p| !p.contains('n'))
            && kinds[k + 1].name
        {
            kinds[k] = EnWord::default();
        }
    }
    let inside = |k: usize| (kinds[k].noun || kinds[k].modifier) && !kinds[k].of;
    let joined = |k: usize| k > 0 && !toks[k].after_punct && !toks[k].initial;
    let lower = |k: usize| toks[k].text.to_lowercase();
    // connectors between two capitalised words of a name, "the" after them allowed: "High
    // Representative for Disarmament Affairs", "Council of the European Union"
    let name_link = |j: usize| -> Option<usize> {
        if j == 0
            || j >= n
            || !kinds[j - 1].name
            || !joined(j)
            || !NAME_CONNECTORS.contains(&lower(j).as_str())
        {
            return None;
        }
        let the = lower(j) != "and" && j + 1 < n && lower(j + 1) == "the" && joined(j + 1);
        let k = if the { j + 2 } else { j + 1 };
        let goes_on = lower(j) != "and"
            || (k + 1 < n
                && kinds[k + 1].name
                && joined(k + 1)
                && !(j >= 2 && kinds[j - 2].name && joined(j - 1)));
        // a date is no part of a name ("Palu on Friday")
        let date = k < n && CALENDAR.contains(&lower(k).as_str());
        (k < n && kinds[k].name && joined(k) && goes_on && !date).then_some(k)
    };
    let mut out = Vec::new();
    let mut connector = vec![false; n];
    let mut i = 0;
    while i < n {
        if !inside(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            while j < n && inside(j) && joined(j) {
                j += 1;
            }
            if let Some(k) = name_link(j) {
                connector[j..k].iter_mut().for_each(|c| *c = true);
                j = k;
                continue;
            }
            // "of" between two noun phrases: "use of nuclear weapons"
            if j + 1 < n
                && kinds[j].of
                && joined(j)
                && kinds[j - 1].noun
                && inside(j + 1)
                && joined(j + 1)
            {
                j += 2;
                continue;
            }
            break;
        }
        for s in i..j {
            for e in s + 1..=j {
                let named = (s..e)
                    .filter(|&k| !connector[k] && !kinds[k].of)
                    .all(|k| kinds[k].name);
                let longest = if named { MAX_NAME_WORDS } else { MAX_WORDS };
                if e - s > longest {
                    break;
                }
                let joins_names = (s..e).any(|k| connector[k]);
                if kinds[e - 1].noun
                    && !kinds[s].of
                    && !article_number(toks[s].text)
                    && !connector[s]
                    && !connector[e - 1]
                    && (!joins_names || (kinds[s].name && kinds[e - 1].name))
                {
                    out.push(((s, e), (i, j)));
                }
            }
        }
        i = j;
    }
    out
}

/// A Roman numeral of two letters or more ("VI" of "article VI of the Treaty"): it may end a
/// term ("Phase II") but never starts one.
fn article_number(w: &str) -> bool {
    w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) && crate::text::para::is_roman(w)
}

/// Words seen in more segments than this are left to the lexicon (bounds the cost).
const MAX_ASSOCIATION_SEGMENTS: usize = 200;
/// Segments two words must share, and their Dice coefficient, to be linked by association.
const MIN_SHARED: usize = 2;
const MIN_DICE: f64 = 0.5;

/// A bilingual segment as word tokens.
struct Pair<'a> {
    doc: &'a str,
    en_text: &'a str,
    ru_text: &'a str,
    en: Vec<Tok<'a>>,
    ru: Vec<Tok<'a>>,
}

/// The corpus's bilingual segments as tokens, with what the word alignment needs: the
/// vocabularies, in which segments each key occurs (association for the words the lexicon does
/// not know: "verification" = "проверка" when they keep occurring together), and caches of
/// link scores and of Russian words' parts of speech.
struct Aligner<'a> {
    tr: &'a Translator,
    en: Vocab,
    ru: Vocab,
    en_segs: Vec<Vec<u32>>,
    ru_segs: Vec<Vec<u32>>,
    scores: FxHashMap<(u32, u32), f64>,
    ru_facts: FxHashMap<u32, RuFacts>,
}

/// What a Russian word can do in a term.
#[derive(Debug, Clone, Copy)]
struct RuFacts {
    noun: bool,
    verb: bool,
    adjective: bool,
    preposition: bool,
    /// Waits for a noun, or is an adverb, preposition or conjunction.
    no_end: bool,
}

fn segs_of(lists: &mut Vec<Vec<u32>>, key: u32, seg: u32) {
    if lists.len() <= key as usize {
        lists.resize(key as usize + 1, Vec::new());
    }
    let v = &mut lists[key as usize];
    if v.last() != Some(&seg) {
        v.push(seg);
    }
}

impl<'a> Aligner<'a> {
    fn new(corpus: &'a Corpus, tr: &'a Translator) -> (Aligner<'a>, Vec<Pair<'a>>) {
        let mut a = Aligner {
            tr,
            en: Vocab::default(),
            ru: Vocab::default(),
            en_segs: Vec::new(),
            ru_segs: Vec::new(),
            scores: FxHashMap::default(),
            ru_facts: FxHashMap::default(),
        };
        let mut pairs = Vec::new();
        for seg in &corpus.segments {
            let (Some(e), Some(r)) = (seg.en.as_deref(), seg.ru.as_deref()) else {
                continue;
            };
            let n = pairs.len() as u32;
            let en = word_tokens(e, Lang::En, &mut a.en);
            let ru = word_tokens(r, Lang::Ru, &mut a.ru);
            for t in en.iter().filter(|t| !a.en.stop(t)) {
                segs_of(&mut a.en_segs, a.en.key_ids[t.id as usize], n);
            }
            for t in ru.iter().filter(|t| !a.ru.stop(t)) {
                segs_of(&mut a.ru_segs, a.ru.key_ids[t.id as usize], n);
            }
            pairs.push(Pair {
                doc: &seg.doc,
                en_text: e,
                ru_text: r,
                en,
                ru,
            });
        }
        (a, pairs)
    }

    /// A link score from association: 0 unless the two words share [`MIN_SHARED`] segments
    /// with a Dice coefficient of at least [`MIN_DICE`].
    fn association(&self, e: &Tok, r: &Tok) -> f64 {
        let a = &self.en_segs[self.en.key_ids[e.id as usize] as usize];
        let b = &self.ru_segs[self.ru.key_ids[r.id as usize] as usize];
        if a.len() < MIN_SHARED
            || b.len() < MIN_SHARED
            || a.len().max(b.len()) > MAX_ASSOCIATION_SEGMENTS
        {
            return 0.0;
        }
        let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
        let dice = 2.0 * shared as f64 / (a.len() + b.len()) as f64;
        if shared >= MIN_SHARED && dice >= MIN_DICE {
            0.2 + 0.4 * dice
        } else {
            0.0
        }
    }

    /// How well Russian word `r` translates English word `e`: the lexicon and cognates, the
    /// best part of a hyphenated compound ("nuclear-weapon" = "ядерным"), or association.
    fn score(&mut self, e: &Tok, r: &Tok) -> f64 {
        if let Some(&s) = self.scores.get(&(e.id, r.id)) {
            return s;
        }
        let s = if e.text.chars().all(|c| c.is_ascii_digit()) {
            if e.text == r.text {
                1.0
            } else {
                0.0
            }
        } else if !e.text.contains(['-', '‐'])
            && !r.text.contains(['-', '‐'])
            && !is_acronym(e.text)
            && !is_acronym(r.text)
        {
            // the common case without the translator's string caches: the lexicon by stem
            // numbers, a cognate only for skeletons that start alike
            let tr = self.tr;
            let (es, ek) = self.en.lexical(e, Lang::En, tr);
            let (rs, rk) = self.ru.lexical(r, Lang::Ru, tr);
            let (es, rs) = (*es, *rs);
            let mut best = self.tr.lexicon_score(es, rs);
            let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            if capitalised(e.text) || ek.common_prefix(rk) >= MIN_COGNATE_PREFIX {
                best = best.max(cognate_of_keys(ek, rk));
            }
            // association only where the lexicon has nothing to say of either word
            if best < MIN_LINK && (!self.tr.knows(es) || rs.is_none()) {
                best = best.max(self.association(e, r));
            }
            best
        } else {
            let mut best = 0.0f64;
            for a in compound_parts(e.text) {
                for b in compound_parts(r.text) {
                    best = best.max(self.tr.word(a, b));
                }
            }
            if best < MIN_LINK {
                best = best.max(self.association(e, r));
            }
            best
        };
        self.scores.insert((e.id, r.id), s);
        s
    }

    fn ru_facts(&mut self, t: &Tok) -> RuFacts {
        *self.ru_facts.entry(t.id).or_insert_with(|| {
            let pos = morph::pos(t.text);
            RuFacts {
                noun: is_acronym(t.text) || !has_cyrillic(t.text) || morph::has_pos(t.text, "noun"),
                verb: ru::is_verb(t.text),
                adjective: matches!(pos, Some("adjective" | "participle")),
                preposition: pos == Some("preposition"),
                no_end: t.text.chars().next().is_some_and(char::is_lowercase)
                    && pos.is_some_and(|p| {
                        matches!(
                            p,
                            "adjective" | "participle" | "adverb" | "preposition" | "conjunction"
                        )
                    }),
            }
        })
    }

    /// Word links of a segment: (English index, Russian index) pairs whose translation score
    /// is at least [`MIN_LINK`] and the best of its row or of its column (a symmetrised
    /// alignment); the same score elsewhere in the sentence loses to the one nearer the
    /// diagonal.
    fn links(&mut self, en: &[Tok], ru: &[Tok]) -> Vec<(usize, usize)> {
        let mut m = vec![vec![0.0; ru.len()]; en.len()];
        for (i, e) in en.iter().enumerate() {
            if self.en.stop(e) {
                continue;
            }
            for (j, r) in ru.iter().enumerate() {
                if !self.ru.stop(r) {
                    m[i][j] = self.score(e, r);
                }
            }
        }
        let (ne, nr) = (en.len().max(1) as f64, ru.len().max(1) as f64);
        let near =
            |i: usize, j: usize, s: f64| s - DISTORTION * (i as f64 / ne - j as f64 / nr).abs();
        let row_best: Vec<Option<usize>> = m
            .iter()
            .enumerate()
            .map(|(i, row)| {
                (0..ru.len())
                    .filter(|&j| row[j] >= MIN_LINK)
                    .max_by(|&a, &b| {
                        near(i, a, row[a])
                            .total_cmp(&near(i, b, row[b]))
                            .then(b.cmp(&a))
                    })
            })
            .collect();
        let col_best: Vec<Option<usize>> = (0..ru.len())
            .map(|j| {
                (0..en.len())
                    .filter(|&i| m[i][j] >= MIN_LINK)
                    .max_by(|&a, &b| {
                        near(a, j, m[a][j])
                            .total_cmp(&near(b, j, m[b][j]))
                            .then(b.cmp(&a))
                    })
            })
            .collect();
        // the intersection of the two directions, then each direction's best link for a word
        // the intersection left unlinked on the other side (a symmetrised alignment, Och & Ney)
        let mut out: Vec<(usize, usize)> = (0..en.len())
            .filter_map(|i| {
                row_best[i]
                    .filter(|&j| col_best[j] == Some(i))
                    .map(|j| (i, j))
            })
            .collect();
        let (en_done, ru_done): (BTreeSet<usize>, BTreeSet<usize>) = (
            out.iter().map(|l| l.0).collect(),
            out.iter().map(|l| l.1).collect(),
        );
        for (i, j) in row_best
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| (i, j)))
        {
            if !en_done.contains(&i) && !ru_done.contains(&j) {
                out.push((i, j));
            }
        }
        for (j, i) in col_best
            .iter()
            .enumerate()
            .filter_map(|(j, i)| i.map(|i| (j, i)))
        {
            if !en_done.contains(&i) && !ru_done.contains(&j) && !out.contains(&(i, j)) {
                out.push((i, j));
            }
        }
        out.sort_unstable();
        out
    }
}

/// How well a part of a hyphenated English word must translate a Russian word beside the
/// projected span for the span to take that word in.
const COMPOUND_PART_LINK: f64 = 0.3;

/// Skeletons sharing fewer first letters than this are no cognates (the full test is
/// [`super::translate::cognate`], which needs 4 or 5).
const MIN_COGNATE_PREFIX: usize = 3;

/// The parts of a hyphenated compound of two or more letters each, or the word itself.
fn compound_parts(w: &str) -> Vec<&str> {
    let p: Vec<&str> = w
        .split(['-', '‐'])
        .filter(|p| p.chars().count() > 1)
        .collect();
    if p.len() > 1 && !is_acronym(w) {
        p
    } else {
        vec![w]
    }
}

impl Aligner<'_> {
    /// The Russian span that the English words `s..e` project onto: the smallest run holding
    /// every word linked to them, when no word inside it is linked outside them, widened over
    /// one adjacent unlinked Russian word for each English content word left unlinked (a
    /// genitive to the right, "система проверки", or an adjective to the left), with at most
    /// half of the English content words unlinked; the run must hold a noun (or a name) and no
    /// verb, and neither start with an active participle nor end waiting for a noun.
    fn project(
        &mut self,
        (s, e): (usize, usize),
        en: &[Tok],
        ru: &[Tok],
        ru_text: &str,
        links: &[(usize, usize)],
    ) -> Option<(usize, usize)> {
        let inside = |i: usize| (s..e).contains(&i);
        let js: Vec<usize> = links.iter().filter(|l| inside(l.0)).map(|l| l.1).collect();
        let content = (s..e).filter(|&i| !self.en.stop(&en[i])).count();
        let linked = (s..e).filter(|&i| links.iter().any(|l| l.0 == i)).count();
        if js.is_empty() || 2 * linked < content {
            return None;
        }
        let (mut lo, mut hi) = (*js.iter().min()?, *js.iter().max()?);
        if links
            .iter()
            .any(|l| (lo..=hi).contains(&l.1) && !inside(l.0))
        {
            return None;
        }
        let free = |a: &Self, j: usize| !links.iter().any(|l| l.1 == j) && !a.ru.stop(&ru[j]);
        // an unlinked English name word may be a Russian name word beside the linked one
        let en_name_unlinked = (s..e).any(|i| {
            en[i].text.chars().next().is_some_and(char::is_uppercase)
                && !links.iter().any(|l| l.0 == i)
        });
        let capitalised =
            |j: usize| ru[j].text.chars().next().is_some_and(char::is_uppercase) && !ru[j].initial;
        // "X of Y" with X unlinked: the Russian head noun stands first too ("верховенство права")
        let head_unlinked = (s..e).any(|i| en[i].text == "of") && !links.iter().any(|l| l.0 == s);
        // a part of a hyphenated English word that translates the Russian word beside the
        // span: "Secretary-General" = "Генеральный секретарь" (the word counts as covering an
        // English word, like a link)
        let mut covered = linked;
        for i in (s..e).filter(|&i| compound_parts(en[i].text).len() > 1) {
            let parts = compound_parts(en[i].text);
            let translates = |a: &Self, j: usize| {
                free(a, j)
                    && parts
                        .iter()
                        .any(|p| a.tr.word(p, ru[j].text) >= COMPOUND_PART_LINK)
            };
            if lo > 0 && !ru[lo].after_punct && translates(self, lo - 1) {
                lo -= 1;
                covered += 1;
            } else if hi + 1 < ru.len() && !ru[hi + 1].after_punct && translates(self, hi + 1) {
                hi += 1;
                covered += 1;
            }
        }
        // a linked adjective at the end waits for its noun: "дезинфицирующее средство"
        if hi + 1 < ru.len()
            && self.ru_facts(&ru[hi]).adjective
            && free(self, hi + 1)
            && self.ru_facts(&ru[hi + 1]).noun
        {
            hi += 1;
            covered += 1;
        }
        for _ in covered.min(content)..content {
            let noun_at =
                |a: &mut Self, j: usize| free(a, j) && !ru[j].initial && a.ru_facts(&ru[j]).noun;
            let prep_at =
                |a: &mut Self, j: usize| !ru[j].after_punct && a.ru_facts(&ru[j]).preposition;
            if hi + 1 < ru.len() && !ru[hi + 1].after_punct && noun_at(self, hi + 1) {
                // a genitive: "система проверки"
                hi += 1;
            } else if hi + 2 < ru.len()
                && prep_at(self, hi + 1)
                && !ru[hi + 2].after_punct
                && noun_at(self, hi + 2)
            {
                // a prepositional complement: "бюстгальтер для кормления"
                hi += 2;
            } else if lo > 0
                && free(self, lo - 1)
                && !ru[lo].after_punct
                && (self.ru_facts(&ru[lo - 1]).adjective
                    || (en_name_unlinked && capitalised(lo - 1))
                    || (head_unlinked && self.ru_facts(&ru[lo - 1]).noun))
            {
                lo -= 1;
            } else if lo > 1
                && prep_at(self, lo - 1)
                && !ru[lo].after_punct
                && noun_at(self, lo - 2)
            {
                // the head before a complement: "сушилка для рук"
                lo -= 2;
            } else {
                return None;
            }
        }
        if hi - lo + 1 > 2 * (e - s) + 1 {
            return None;
        }
        // after a comma only a participle or adjective of the head goes on ("государства,
        // обладающие ядерным оружием"), not another phrase ("…, главы управления")
        for k in lo + 1..=hi {
            if ru_text[ru[k - 1].end..ru[k].start].contains(',')
                && !(ru[k].text == "не" || self.ru_facts(&ru[k]).adjective)
            {
                return None;
            }
        }
        // brackets or an unclosed quote: the span runs across a parenthesis or a name's edge
        let inner = &ru_text[ru[lo].start..ru[hi].end];
        if inner.contains(['(', ')', '[', ']'])
            || inner.matches('«').count() != inner.matches('»').count()
        {
            return None;
        }
        let words = &ru[lo..=hi];
        let facts: Vec<RuFacts> = words.iter().map(|w| self.ru_facts(w)).collect();
        if words.iter().skip(1).any(|w| w.initial)
            || facts.iter().any(|f| f.verb)
            || !facts.iter().any(|f| f.noun)
            || facts[facts.len() - 1].no_end
            || (hi > lo
                && ru::starts_with_active_participle(&format!(
                    "{} {}",
                    words[0].text, words[1].text
                )))
        {
            return None;
        }
        Some((lo, hi + 1))
    }
}

fn has_cyrillic(w: &str) -> bool {
    w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

/// The termhood of a phrase from its words' general-language frequency, in [0,1]: the share by
/// which its rarest content word is rarer than [`COMMON_ZIPF`]; names and acronyms count as rare.
fn termhood(words: &[&str], kinds: &[EnWord]) -> f64 {
    words
        .iter()
        .zip(kinds)
        .filter(|(w, k)| !k.of && !stop::is_stop(w, false))
        .map(|(w, k)| {
            if CALENDAR.contains(&w.to_lowercase().as_str()) {
                0.0
            } else if k.name && words.len() == 1 {
                LONE_NAME_TERMHOOD
            } else if k.name {
                1.0
            } else {
                let z = w
                    .split(['-', '‐'])
                    .map(|p| general::zipf(p, false))
                    .fold(f64::MAX, f64::min);
                ((COMMON_ZIPF - z) / (COMMON_ZIPF - RARE_ZIPF)).clamp(0.0, 1.0)
            }
        })
        .fold(0.0, f64::max)
}

/// Everything seen of one English phrase.
#[derive(Debug, Default)]
pub(super) struct Seen {
    pub(super) forms: BTreeMap<String, usize>,
    /// Occurrences in the segments looked at (bilingual ones, or one-language ones).
    pub(super) occurrences: usize,
    /// The Russian it projected onto, by Russian key.
    ru: BTreeMap<String, RuSeen>,
    /// Keys of the chunks its occurrences were part of.
    pub(super) chunks: BTreeSet<String>,
    /// Occurrences that are a whole chunk, not part of a longer phrase.
    pub(super) alone: usize,
    pub(super) termhood: f64,
    pub(super) name: bool,
    pub(super) contexts: Vec<(String, String)>,
}

/// What the English phrases of the bilingual segments projected onto, by English key.
pub(super) type Projections = BTreeMap<String, Seen>;

#[derive(Debug, Default)]
struct RuSeen {
    forms: BTreeMap<String, usize>,
    n: usize,
    contexts: Vec<(String, String)>,
    /// The span with the unlinked noun right before it, by that noun's key: the head the
    /// English leaves implicit ("Организации Объединенных Наций" for United Nations).
    heads: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The share of a Russian span's occurrences that must follow the same unlinked noun for that
/// noun to be taken into the term.
const HEAD_SHARE: f64 = 0.75;

impl RuSeen {
    /// The Russian forms, most frequent first: with the implicit head noun when it stands before
    /// the span in at least [`HEAD_SHARE`] of two or more occurrences.
    fn forms(&self) -> Vec<&str> {
        let head = self
            .heads
            .values()
            .filter(|h| {
                self.n >= 2 && h.values().sum::<usize>() as f64 >= HEAD_SHARE * self.n as f64
            })
            .max_by_key(|h| h.values().sum::<usize>());
        by_count(head.unwrap_or(&self.forms))
    }
}

/// Add the sentence (of `sentences`, ranges of `text`) holding byte `at` to `list`, unless it
/// holds it or is full.
fn push_context(
    list: &mut Vec<(String, String)>,
    text: &str,
    sentences: &[std::ops::Range<usize>],
    at: usize,
    doc: &str,
) {
    if list.len() >= MAX_CONTEXTS {
        return;
    }
    let sentence = sentences
        .iter()
        .find(|r| r.start <= at && at < r.end)
        .map_or(text, |r| &text[r.clone()]);
    if !list.iter().any(|c| c.0 == sentence) {
        list.push((sentence.to_string(), doc.to_string()));
    }
}

/// A surface form: a sentence-initial capital that only marks the sentence start is lowered.
fn surface(t: &str, first: &Tok, lower_initial: bool) -> String {
    if first.initial && lower_initial && !is_acronym(first.text) {
        return super::common::lower_initial(t);
    }
    t.to_string()
}

/// Russian case endings a foreign name takes, and the nominative endings tried in their place.
const NAME_ENDINGS: &[&str] = &[
    "ами", "ому", "ой", "ом", "ем", "ей", "а", "у", "е", "ы", "и", "ю", "я",
];
const NOMINATIVE_ENDINGS: &[&str] = &["", "а", "я"];
/// A Russian name word this close to the English one's transliteration is taken as written.
const AS_WRITTEN: f64 = 0.95;

/// A foreign person's or place's name in the nominative, word by word, when the English and the
/// Russian name have as many words, all capitalised: of each Russian word as written and its
/// stem with a nominative ending, the one whose transliteration is nearest the English word (a
/// word the dictionary holds takes its lemma)
/// ("Гленна Миддлтона" for Glenn Middleton → "Гленн Миддлтон"; "Терезы Мэй" → "Тереза Мэй"). The
/// dictionary knows few foreign names, and its guesser reads "Гленна" as an adjective.
pub(super) fn name_nominative(en: &str, ru: &str) -> Option<String> {
    let e: Vec<&str> = en.split_whitespace().collect();
    let r: Vec<&str> = ru.split_whitespace().collect();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase) && !is_acronym(w);
    let known: Vec<Option<bool>> = r.iter().map(|w| morph::known_as_name(w)).collect();
    // an indeclinable name as written ("Палу" for Palu, which the dictionary reads as a form
    // of "пал"); a name the dictionary holds declines ("Германии" → "Германия")
    if e.len() == r.len()
        && e.iter().all(capital)
        && r.iter().all(|w| !morph::known_as_proper(w))
        && e.iter()
            .zip(&r)
            .all(|(a, b)| text::translit_similarity(a, b) >= AS_WRITTEN)
    {
        return Some(ru.to_string());
    }
    if e.len() != r.len()
        || !e.iter().all(capital)
        || !r.iter().all(capital)
        || !r.iter().all(|w| has_cyrillic(w))
        || known.contains(&Some(false))
    {
        // a common word makes a name of another shape ("Совета Безопасности")
        return None;
    }
    let words: Vec<String> = e
        .iter()
        .zip(&r)
        .zip(&known)
        .map(|((ew, rw), known)| {
            // a name the dictionary holds offers its lemma first ("Марии" → "Мария"), but an
            // indeclinable foreign one stays ("Тони" is not "Тоня")
            let mut cands = Vec::new();
            if *known == Some(true) {
                cands.push(morph::lemma(rw));
            }
            cands.push(rw.to_string());
            for end in NAME_ENDINGS
                .iter()
                .filter(|end| rw.ends_with(*end) && rw.len() > end.len() + 4)
            {
                let stem = &rw[..rw.len() - end.len()];
                cands.extend(NOMINATIVE_ENDINGS.iter().map(|n| format!("{stem}{n}")));
            }
            let sim = |c: &String| text::translit_similarity(ew, c);
            // the best by similarity; among equals, the shortest change (first in order)
            let mut best = cands[0].clone();
            for c in &cands[1..] {
                if sim(c) > sim(&best) + 1e-9 {
                    best = c.clone();
                }
            }
            best
        })
        .collect();
    Some(words.join(" "))
}

/// The Russian words of a span as tokens joined by spaces ("государства , обладающие …"), the
/// shape the dictionary-form code reads.
fn ru_tokens(t: &str) -> String {
    text::tokens(t)
        .iter()
        .map(|x| x.text)
        .collect::<Vec<_>>()
        .join(" ")
        // a dash typed as two hyphens ("государств -- членов")
        .replace("- -", "—")
}

/// Collect what every English noun phrase of the bilingual segments projects onto.
fn collect(corpus: &Corpus, tr: &Translator) -> Projections {
    let mut seen: FxHashMap<String, Seen> = FxHashMap::default();
    let (mut al, pairs) = Aligner::new(corpus, tr);
    for p in &pairs {
        let (en, ru) = (&p.en, &p.ru);
        let kinds: Vec<EnWord> = en.iter().map(|t| en_word(t.text, t.initial)).collect();
        let spans = en_spans(en, &kinds);
        if spans.is_empty() {
            continue;
        }
        let links = al.links(en, ru);
        let en_sentences = text::sentences(p.en_text, Lang::En);
        let ru_sentences = text::sentences(p.ru_text, Lang::Ru);
        for ((s, e), (cs, ce)) in spans {
            let sv = seen.entry(al.en.phrase_key(&en[s..e])).or_default();
            if sv.occurrences == 0 {
                let words: Vec<&str> = en[s..e].iter().map(|t| t.text).collect();
                sv.termhood = termhood(&words, &kinds[s..e]);
                sv.name = (s..e)
                    .filter(|&k| !al.en.stop(&en[k]))
                    .all(|k| kinds[k].name);
            }
            sv.occurrences += 1;
            sv.alone += usize::from((s, e) == (cs, ce));
            if sv.chunks.len() < 2 {
                sv.chunks.insert(al.en.phrase_key(&en[cs..ce]));
            }
            let common_initial = general::en_pos(en[s].text).is_some();
            let form = surface(
                &p.en_text[en[s].start..en[e - 1].end],
                &en[s],
                common_initial,
            );
            push_context(
                &mut sv.contexts,
                p.en_text,
                &en_sentences,
                en[s].start,
                p.doc,
            );
            let lower = form.chars().next().is_some_and(char::is_lowercase);
            *sv.forms.entry(form).or_insert(0) += 1;
            let proj = al.project((s, e), en, ru, p.ru_text, &links);
            let Some((lo, hi)) = proj else {
                continue;
            };
            let rform = ru_tokens(&surface(
                &p.ru_text[ru[lo].start..ru[hi - 1].end],
                &ru[lo],
                lower,
            ));
            let head = (lo > 0
                && !ru[lo].after_punct
                && !links.iter().any(|l| l.1 == lo - 1)
                && !al.ru.stop(&ru[lo - 1])
                && al.ru_facts(&ru[lo - 1]).noun
                && !al.ru_facts(&ru[lo - 1]).verb)
                .then(|| {
                    let key = al.ru.keys[ru[lo - 1].id as usize].clone();
                    (key, ru_tokens(&p.ru_text[ru[lo - 1].start..ru[hi - 1].end]))
                });
            let r = sv.ru.entry(al.ru.phrase_key(&ru[lo..hi])).or_default();
            if let Some((key, form)) = head {
                *r.heads.entry(key).or_default().entry(form).or_insert(0) += 1;
            }
            r.n += 1;
            *r.forms.entry(rform).or_insert(0) += 1;
            push_context(
                &mut r.contexts,
                p.ru_text,
                &ru_sentences,
                ru[lo].start,
                p.doc,
            );
        }
    }
    seen.into_iter().collect()
}

fn contexts(list: &[(String, String)], lang: &str) -> Vec<Context> {
    list.iter()
        .map(|(t, d)| Context {
            lang: lang.into(),
            text: t.clone(),
            doc: d.clone(),
        })
        .collect()
}

pub(super) fn by_count(m: &BTreeMap<String, usize>) -> Vec<&str> {
    let mut v: Vec<(&String, &usize)> = m.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|x| x.0.as_str()).collect()
}

/// A pair accepted here, before it becomes a concept.
struct Found<'a> {
    en_key: &'a str,
    seen: &'a Seen,
    ru: &'a RuSeen,
    confidence: f64,
}

/// The alignment's Russian for an English key, when it is seen at least twice and in at
/// least half of the English occurrences.
fn aligned_russian<'a>(seen: &'a BTreeMap<String, Seen>, key: &str) -> Option<&'a RuSeen> {
    let sv = seen.get(key)?;
    let (_, best) = sv
        .ru
        .iter()
        .max_by(|a, b| a.1.n.cmp(&b.1.n).then(b.0.cmp(a.0)))?;
    (best.n >= 2 && 2 * best.n >= sv.occurrences).then_some(best)
}

/// Where the alignment consistently gives another Russian than a co-occurrence pair of
/// `pair.rs` (whose Russian candidate's boundaries are its own: "обладающие ядерным оружием"
/// for nuclear-weapon States), the alignment's Russian is taken: its boundaries follow the
/// English term's. Acronym concepts are left alone.
fn follow_alignment(concepts: &mut [Concept], seen: &BTreeMap<String, Seen>) {
    for c in concepts
        .iter_mut()
        .filter(|c| c.origin == Origin::Extracted)
    {
        let plain = |ts: &[Term]| ts.iter().all(|t| t.term_type == TermType::FullForm);
        if !plain(&c.en) || !plain(&c.ru) || c.en.is_empty() || c.ru.is_empty() {
            continue;
        }
        let key = en_phrase_key(&super::common::words(&c.en[0].text));
        let Some(best) = aligned_russian(seen, &key) else {
            continue;
        };
        let ru_key = phrase_key(&super::common::words(&c.ru[0].text), Lang::Ru);
        let forms = best.forms();
        if phrase_key(&super::common::words(forms[0]), Lang::Ru) == ru_key {
            continue;
        }
        let ru_t = ru::dictionary_form_for(&forms, &[c.en[0].text.as_str()]);
        if ru_t.is_empty() {
            continue;
        }
        c.ru.truncate(1);
        c.ru[0].text = ru_t;
        c.id = concept_id(&c.en[0].text, &c.ru[0].text);
        c.contexts.retain(|x| x.lang != "ru");
        c.contexts.extend(contexts(&best.contexts, "ru"));
    }
}

/// The termhood of a lower-case English term as written (names and acronyms: 1).
fn text_termhood(t: &str) -> f64 {
    let words = super::common::words(t);
    let kinds: Vec<EnWord> = words
        .iter()
        .map(|w| EnWord {
            name: w.chars().next().is_some_and(char::is_uppercase),
            ..Default::default()
        })
        .collect();
    termhood(&words, &kinds)
}

/// A co-occurrence pair of everyday words ("active role", "detailed information") loses
/// confidence in proportion to how general its English words are, so that terms rank first.
fn demote_general(concepts: &mut [Concept]) {
    for c in concepts
        .iter_mut()
        .filter(|c| c.origin == Origin::Extracted)
    {
        let Some(en) = c.en.first() else { continue };
        if en.term_type != TermType::FullForm
            || c.en.iter().any(|t| t.term_type == TermType::Acronym)
        {
            continue;
        }
        let th = text_termhood(&en.text);
        c.confidence = (c.confidence * (GENERAL_WEIGHT + (1.0 - GENERAL_WEIGHT) * th) * 1000.0)
            .round()
            / 1000.0;
    }
}

/// The share of a name's occurrences that must lie inside a longer extracted name for it to be a
/// fragment of that name.
const FRAGMENT_SHARE: f64 = 0.9;

/// Drop extracted names that are pieces of a longer name defined with its acronym, seen almost
/// only inside it ("Democratic Republic" and "Congo" beside "Democratic Republic of the Congo
/// (DRC)").
fn drop_fragments(concepts: &mut Vec<Concept>, seen: &BTreeMap<String, Seen>) {
    let occurrences = |key: &str| seen.get(key).map_or(0, |s| s.occurrences);
    let plain = |c: &Concept| {
        c.origin == Origin::Extracted
            && c.en
                .iter()
                .chain(&c.ru)
                .all(|t| t.term_type == TermType::FullForm)
    };
    let by_key: BTreeMap<String, usize> = concepts
        .iter()
        .enumerate()
        .filter(|(_, c)| plain(c) && !c.en.is_empty())
        .map(|(i, c)| (en_phrase_key(&super::common::words(&c.en[0].text)), i))
        .collect();
    let mut fragments = BTreeSet::new();
    // the longer name: one defined with its acronym, the document's own full form
    let defined = |c: &&Concept| c.en.iter().any(|t| t.term_type == TermType::Acronym);
    for c in concepts
        .iter()
        .filter(|c| c.origin == Origin::Extracted && !c.en.is_empty())
        .filter(defined)
    {
        let words = super::common::words(&c.en[0].text);
        let whole = occurrences(&en_phrase_key(&words));
        for s in 0..words.len() {
            for e in s + 1..=words.len() {
                if e - s == words.len()
                    || stop::is_stop(words[s], false)
                    || stop::is_stop(words[e - 1], false)
                {
                    continue;
                }
                let key = en_phrase_key(&words[s..e]);
                if let Some(&i) = by_key.get(&key) {
                    let part = occurrences(&key);
                    if part > 0 && whole as f64 >= FRAGMENT_SHARE * part as f64 {
                        fragments.insert(i);
                    }
                }
            }
        }
    }
    let mut i = 0;
    concepts.retain(|_| {
        i += 1;
        !fragments.contains(&(i - 1))
    });
}

/// Pairs for the English phrases not yet in `concepts`, added as extracted concepts; the
/// alignment's Russian replaces a co-occurrence pair's where it consistently differs, and
/// pairs of everyday words lose confidence.
pub(super) fn add(
    corpus: &Corpus,
    tr: &Translator,
    concepts: &mut Vec<Concept>,
    explain: Option<(&str, &dyn crate::report::Report)>,
) -> Projections {
    let seen = collect(corpus, tr);
    follow_alignment(concepts, &seen);
    demote_general(concepts);
    let known_en: BTreeSet<String> = concepts
        .iter()
        .flat_map(|c| c.en.iter())
        .map(|t| en_phrase_key(&super::common::words(&t.text)))
        .collect();
    let mut found: Vec<Found> = Vec::new();
    for (key, sv) in &seen {
        if known_en.contains(key) {
            continue;
        }
        let en_form = by_count(&sv.forms)[0];
        let en_words = super::common::words(en_form);
        if let Some((t, report)) = explain.filter(|(t, _)| key.contains(&t.to_lowercase())) {
            let ru: Vec<String> = sv
                .ru
                .values()
                .map(|r| format!("{} ×{}", by_count(&r.forms)[0], r.n))
                .collect();
            report.note(&format!(
                "explain ({t}): aligned {key}: seen {}, termhood {:.2}, name {}, russian [{}]",
                sv.occurrences,
                sv.termhood,
                sv.name,
                ru.join("; ")
            ));
        }
        // the Russian seen most often; among equals, the best translation
        let Some((p, best)) = sv
            .ru
            .iter()
            .map(|(k, r)| {
                (
                    tr.phrase(&en_words, &super::common::words(by_count(&r.forms)[0])),
                    k,
                    r,
                )
            })
            .max_by(|a, b| {
                a.2.n
                    .cmp(&b.2.n)
                    .then(a.0.total_cmp(&b.0))
                    .then(b.1.cmp(a.1))
            })
            .map(|(p, _, r)| (p, r))
        else {
            continue;
        };
        let consistency = best.n as f64 / sv.occurrences as f64;
        let single = !key.contains(' ');
        // a common word capitalised only inside names ("Plan" of "Joint Plan of Action")
        if single && sv.name && sv.alone == 0 && general::en_pos(key).is_some() {
            continue;
        }
        if consistency < MIN_CONSISTENCY
            || (single && sv.termhood < MIN_SINGLE_TERMHOOD)
            || (sv.occurrences == 1 && !sv.name && sv.termhood < MIN_ONCE_TERMHOOD)
        {
            continue;
        }
        if p < MIN_PHRASE {
            continue;
        }
        let frequency = ((sv.occurrences as f64).log2() / 3.0).min(1.0);
        let score = 0.35 * sv.termhood + 0.25 * p + 0.2 * consistency + 0.2 * frequency;
        found.push(Found {
            en_key: key,
            seen: sv,
            ru: best,
            confidence: CONF_FLOOR + CONF_SPAN * score,
        });
    }
    let accepted: BTreeSet<&str> = found.iter().map(|f| f.en_key).collect();
    found.retain(|f| !part_of_accepted(f.en_key, f.seen, &accepted));
    let ids: BTreeSet<String> = concepts.iter().map(|c| c.id.clone()).collect();
    for f in found {
        let en_forms = by_count(&f.seen.forms);
        let en_t = en_forms[0].to_string();
        let ru_t = name_nominative(&en_t, f.ru.forms()[0])
            .unwrap_or_else(|| ru::dictionary_form_for(&f.ru.forms(), &en_forms));
        let id = concept_id(&en_t, &ru_t);
        if ids.contains(&id) || ru_t.is_empty() {
            continue;
        }
        let pos = if f.seen.name { "properNoun" } else { "noun" };
        let term = |text: &str| Term {
            text: text.to_string(),
            term_type: TermType::FullForm,
            pos: pos.to_string(),
            status: Status::Preferred,
            variant_of: None,
        };
        concepts.push(Concept {
            id,
            en: vec![term(&en_t)],
            ru: vec![term(&ru_t)],
            contexts: [
                contexts(&f.seen.contexts, "en"),
                contexts(&f.ru.contexts, "ru"),
            ]
            .concat(),
            confidence: (f.confidence.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
            origin: Origin::Extracted,
            note: None,
        });
    }
    drop_fragments(concepts, &seen);
    seen
}

/// The English noun phrases of the segments `take` accepts that have English, by key: forms,
/// occurrences, chunks, termhood and contexts, as [`collect`] records them (no Russian).
pub(super) fn english_phrases(corpus: &Corpus, take: impl Fn(&Segment) -> bool) -> Projections {
    let mut seen = Projections::new();
    let mut vocab = Vocab::default();
    for seg in corpus.segments.iter().filter(|s| take(s)) {
        let Some(t) = seg.en.as_deref() else { continue };
        let toks = word_tokens(t, Lang::En, &mut vocab);
        let kinds: Vec<EnWord> = toks.iter().map(|t| en_word(t.text, t.initial)).collect();
        let sentences = text::sentences(t, Lang::En);
        for ((s, e), (cs, ce)) in en_spans(&toks, &kinds) {
            let sv = seen.entry(vocab.phrase_key(&toks[s..e])).or_default();
            if sv.occurrences == 0 {
                let words: Vec<&str> = toks[s..e].iter().map(|t| t.text).collect();
                sv.termhood = termhood(&words, &kinds[s..e]);
                sv.name = (s..e)
                    .filter(|&k| !vocab.stop(&toks[k]))
                    .all(|k| kinds[k].name);
            }
            sv.occurrences += 1;
            sv.alone += usize::from((s, e) == (cs, ce));
            if sv.chunks.len() < 2 {
                sv.chunks.insert(vocab.phrase_key(&toks[cs..ce]));
            }
            let common_initial = general::en_pos(toks[s].text).is_some();
            let form = surface(&t[toks[s].start..toks[e - 1].end], &toks[s], common_initial);
            push_context(&mut sv.contexts, t, &sentences, toks[s].start, &seg.doc);
            *sv.forms.entry(form).or_insert(0) += 1;
        }
    }
    seen
}

/// The Russian the alignment gave an English phrase (by its key in `seen`) most often, in
/// dictionary form: a suggestion for a term of a one-language document.
pub(super) fn projected_russian(seen: &Projections, key: &str) -> Option<String> {
    let sv = seen.get(key)?;
    let best = sv
        .ru
        .iter()
        .max_by(|a, b| a.1.n.cmp(&b.1.n).then(b.0.cmp(a.0)))?
        .1;
    let ru_t = ru::dictionary_form_for(&best.forms(), &by_count(&sv.forms));
    (!ru_t.is_empty()).then_some(ru_t)
}

/// Whether a phrase was only ever seen inside one longer phrase that is `accepted`: then it is
/// part of that term, not a term of its own.
pub(super) fn part_of_accepted(key: &str, seen: &Seen, accepted: &BTreeSet<&str>) -> bool {
    seen.chunks.len() == 1
        && seen
            .chunks
            .iter()
            .all(|c| c != key && accepted.contains(c.as_str()))
}

/// The key an English term has among [`english_phrases`] and [`Projections`].
pub(super) fn english_key(t: &str) -> String {
    en_phrase_key(&super::common::words(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::Segment;

    fn corpus(pairs: &[(&str, &str)]) -> Corpus {
        Corpus {
            segments: pairs
                .iter()
                .map(|(e, r)| Segment {
                    doc: "t".into(),
                    en: Some(e.to_string()),
                    ru: Some(r.to_string()),
                })
                .collect(),
        }
    }

    #[test]
    fn noun_phrases_in_any_case() {
        let t = "Japan wishes to strengthen the rule of law and the use of nuclear weapons.";
        let toks = word_tokens(t, Lang::En, &mut Vocab::default());
        let kinds: Vec<EnWord> = toks.iter().map(|x| en_word(x.text, x.initial)).collect();
        let spans: Vec<String> = en_spans(&toks, &kinds)
            .into_iter()
            .map(|((s, e), _)| t[toks[s].start..toks[e - 1].end].to_string())
            .collect();
        assert!(spans.contains(&"rule of law".to_string()), "{spans:?}");
        assert!(
            spans.contains(&"use of nuclear weapons".to_string()),
            "{spans:?}"
        );
        assert!(spans.contains(&"nuclear weapons".to_string()), "{spans:?}");
        // a verb ends a phrase: no "Japan wishes"
        assert!(!spans.iter().any(|s| s.contains("wishes")), "{spans:?}");
    }

    #[test]
    fn general_words_carry_no_termhood() {
        let k = EnWord {
            noun: true,
            modifier: true,
            ..Default::default()
        };
        assert!(termhood(&["verification"], &[k]) > termhood(&["information"], &[k]));
        assert!(
            termhood(&["additional", "information"], &[k, k]) < termhood(&["verification"], &[k])
        );
    }

    #[test]
    fn the_russian_term_follows_the_english_boundaries() {
        let c = corpus(&[
            (
                "The Conference discussed the verification system in detail.",
                "Конференция подробно обсудила систему проверки.",
            ),
            (
                "A verification system for the treaty is essential.",
                "Система проверки для договора имеет важное значение.",
            ),
        ]);
        let tr = Translator::new(&c);
        let mut concepts = Vec::new();
        add(&c, &tr, &mut concepts, None);
        let pair = |en: &str| {
            concepts
                .iter()
                .find(|c| c.en[0].text == en)
                .map(|c| c.ru[0].text.clone())
        };
        // the English modifier is the Russian genitive after the head
        assert_eq!(
            pair("verification system").as_deref(),
            Some("система проверки"),
            "{concepts:#?}"
        );
    }
}
