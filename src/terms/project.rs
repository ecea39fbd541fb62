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
use super::pair::Translator;
use super::{general, ru, stop, Corpus};
use crate::glossary::{concept_id, Concept, Context, Origin, Status, Term, TermType};
use crate::text::{self, morph, Lang, TokenKind};
use std::collections::{BTreeMap, BTreeSet};

/// A word translation score needed to link two words.
const MIN_LINK: f64 = 0.12;
/// How much a link loses per unit of relative distance from the diagonal (breaks ties between
/// two occurrences of a word in one sentence).
const DISTORTION: f64 = 0.1;
/// Longest English phrase, in words ("of" included).
const MAX_WORDS: usize = 5;
/// Words at least this frequent in general language (Zipf) add no termhood ("information").
const COMMON_ZIPF: f64 = 5.5;
/// Words at most this frequent in general language add full termhood ("verification").
const RARE_ZIPF: f64 = 3.0;
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
/// Contexts kept per language.
const MAX_CONTEXTS: usize = 2;

/// Stop words that never enter a noun phrase even where they can be nouns.
const QUANTIFIERS: &[&str] = &[
    "one", "others", "other", "more", "most", "such", "own", "same", "many", "several", "various",
    "well",
];
/// Words after which an English word that can be a noun or a verb in -s is the verb of its
/// clause: "Japan wishes to", "the Group calls on the".
const AFTER_VERB: &[&str] = &[
    "to", "that", "the", "a", "an", "its", "their", "his", "her", "on", "all", "this", "these",
    "those",
];

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
    let noun_reading = general::en_pos(&lower).is_some_and(|p| p.contains('n'));
    if (stop::is_stop(w, false) && (!noun_reading || QUANTIFIERS.contains(&lower.as_str())))
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
    let Some(pos) = pos else {
        // a word the lexicon lacks is a name or a domain word ("bitcoin", "mpox")
        return EnWord {
            noun: true,
            modifier: true,
            ..none
        };
    };
    let gerund = pos.contains('v') && last.ends_with("ing");
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
    start: usize,
    end: usize,
    initial: bool,
    /// A punctuation mark comes right before it.
    after_punct: bool,
}

fn word_tokens(t: &str, lang: Lang) -> Vec<Tok<'_>> {
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
    let inside = |k: usize| (kinds[k].noun || kinds[k].modifier) && !kinds[k].of;
    let joined = |k: usize| k > 0 && !toks[k].after_punct && !toks[k].initial;
    let mut out = Vec::new();
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
            for e in s + 1..=(s + MAX_WORDS).min(j) {
                let head = kinds[e - 1];
                if head.noun && !kinds[s].of && (e - s > 1 || head.noun) {
                    out.push(((s, e), (i, j)));
                }
            }
        }
        i = j;
    }
    out
}

/// Word associations over the whole corpus: in which bilingual segments each English stem
/// and each Russian lemma occurs, for words the lexicon does not know (a document's own
/// vocabulary: "verification" = "проверка" when they keep occurring together).
struct Cooccurrence {
    en: BTreeMap<String, Vec<u32>>,
    ru: BTreeMap<String, Vec<u32>>,
}

/// Words seen in more segments than this are left to the lexicon (bounds the cost).
const MAX_ASSOCIATION_SEGMENTS: usize = 200;
/// Segments two words must share, and their Dice coefficient, to be linked by association.
const MIN_SHARED: usize = 2;
const MIN_DICE: f64 = 0.5;

impl Cooccurrence {
    fn new(corpus: &Corpus) -> Cooccurrence {
        let mut c = Cooccurrence {
            en: BTreeMap::new(),
            ru: BTreeMap::new(),
        };
        for (i, seg) in corpus.segments.iter().enumerate() {
            let (Some(e), Some(r)) = (seg.en.as_deref(), seg.ru.as_deref()) else {
                continue;
            };
            for (t, lang, map) in [(e, Lang::En, &mut c.en), (r, Lang::Ru, &mut c.ru)] {
                for tk in text::tokens(t).iter().filter(|t| t.kind == TokenKind::Word) {
                    if stop::is_stop(tk.text, lang == Lang::Ru) {
                        continue;
                    }
                    let v = map.entry(word_key(tk.text, lang)).or_default();
                    if v.last() != Some(&(i as u32)) {
                        v.push(i as u32);
                    }
                }
            }
        }
        c
    }

    /// A link score from association: 0 unless the two words share [`MIN_SHARED`] segments
    /// with a Dice coefficient of at least [`MIN_DICE`].
    fn score(&self, e: &str, r: &str) -> f64 {
        let (Some(a), Some(b)) = (
            self.en.get(&word_key(e, Lang::En)),
            self.ru.get(&word_key(r, Lang::Ru)),
        ) else {
            return 0.0;
        };
        if a.len() < MIN_SHARED
            || b.len() < MIN_SHARED
            || a.len().max(b.len()) > MAX_ASSOCIATION_SEGMENTS
        {
            return 0.0;
        }
        let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
        let dice = 2.0 * shared as f64 / (a.len() + b.len()) as f64;
        if shared >= MIN_SHARED && dice >= MIN_DICE {
            0.3 + 0.5 * dice
        } else {
            0.0
        }
    }
}

/// How well Russian word `r` translates English word `e`: the lexicon and cognates, the best
/// part of a hyphenated compound ("nuclear-weapon" = "ядерным"), or association.
fn link_score(e: &str, r: &str, tr: &Translator, co: &Cooccurrence) -> f64 {
    if e.chars().all(|c| c.is_ascii_digit()) {
        return if e == r { 1.0 } else { 0.0 };
    }
    let parts = |w: &str| -> Vec<String> {
        let p: Vec<String> = w
            .split(['-', '‐'])
            .filter(|p| p.chars().count() > 1)
            .map(str::to_string)
            .collect();
        if p.len() > 1 && !is_acronym(w) {
            p
        } else {
            vec![w.to_string()]
        }
    };
    let mut best = 0.0f64;
    for a in parts(e) {
        for b in parts(r) {
            best = best.max(tr.word(&a, &b));
        }
    }
    if best < MIN_LINK {
        best = best.max(co.score(e, r));
    }
    best
}

/// Word links of a segment: (English index, Russian index) pairs whose translation score is
/// at least [`MIN_LINK`] and the best of its row or of its column (a symmetrised alignment).
fn links(en: &[Tok], ru: &[Tok], tr: &Translator, co: &Cooccurrence) -> Vec<(usize, usize)> {
    let content = |t: &Tok, r: bool| !stop::is_stop(t.text, r);
    let m: Vec<Vec<f64>> = en
        .iter()
        .map(|e| {
            ru.iter()
                .map(|r| {
                    if content(e, false) && content(r, true) {
                        link_score(e.text, r.text, tr, co)
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    // the same score elsewhere in the sentence loses to the one nearer the diagonal
    let (ne, nr) = (en.len().max(1) as f64, ru.len().max(1) as f64);
    let near = |i: usize, j: usize, s: f64| s - DISTORTION * (i as f64 / ne - j as f64 / nr).abs();
    let col_max: Vec<f64> = (0..ru.len())
        .map(|j| {
            (0..en.len())
                .map(|i| near(i, j, m[i][j]))
                .fold(f64::MIN, f64::max)
        })
        .collect();
    let mut out = Vec::new();
    for (i, row) in m.iter().enumerate() {
        let row_max = (0..ru.len())
            .map(|j| near(i, j, row[j]))
            .fold(f64::MIN, f64::max);
        for (j, &s) in row.iter().enumerate() {
            let sn = near(i, j, s);
            if s >= MIN_LINK && (sn >= row_max || sn >= col_max[j]) {
                out.push((i, j));
            }
        }
    }
    out
}

/// The Russian span that the English words `s..e` project onto: the smallest run holding every
/// word linked to them, when no word inside it is linked outside them, widened over one
/// adjacent unlinked Russian word for each English content word left unlinked (a genitive to
/// the right, "система проверки", or an adjective to the left), with at most half of the
/// English content words unlinked; the run must hold a noun (or a name) and no verb.
fn project(
    (s, e): (usize, usize),
    en: &[Tok],
    ru: &[Tok],
    links: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let inside = |i: usize| (s..e).contains(&i);
    let js: Vec<usize> = links.iter().filter(|l| inside(l.0)).map(|l| l.1).collect();
    let content = (s..e)
        .filter(|&i| !stop::is_stop(en[i].text, false))
        .count();
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
    let free = |j: usize| {
        !links.iter().any(|l| l.1 == j)
            && !stop::is_stop(ru[j].text, true)
            && !ru[j].initial
            && !ru[j].after_punct
    };
    for _ in linked..content {
        if hi + 1 < ru.len() && free(hi + 1) && morph::has_pos(ru[hi + 1].text, "noun") {
            hi += 1;
        } else if lo > 0
            && free(lo - 1)
            && !ru[lo].after_punct
            && morph::is_adjective(ru[lo - 1].text)
        {
            lo -= 1;
        } else {
            return None;
        }
    }
    if hi - lo + 1 > 2 * (e - s) + 1 {
        return None;
    }
    let words = &ru[lo..=hi];
    if words.iter().skip(1).any(|w| w.initial)
        || words.iter().any(|w| ru::is_verb(w.text))
        || (hi > lo
            && ru::starts_with_active_participle(&format!("{} {}", words[0].text, words[1].text)))
        || !words
            .iter()
            .any(|w| is_acronym(w.text) || !has_cyrillic(w.text) || morph::has_pos(w.text, "noun"))
        || ends_in_modifier(words[words.len() - 1].text)
    {
        return None;
    }
    Some((lo, hi + 1))
}

fn has_cyrillic(w: &str) -> bool {
    w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

/// A Russian word that waits for a noun (adjective, participle) or is an adverb.
fn ends_in_modifier(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && morph::pos(w).is_some_and(|p| {
            matches!(
                p,
                "adjective" | "participle" | "adverb" | "preposition" | "conjunction"
            )
        })
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
struct Seen {
    forms: BTreeMap<String, usize>,
    /// Occurrences in bilingual segments.
    occurrences: usize,
    /// The Russian it projected onto, by Russian key.
    ru: BTreeMap<String, RuSeen>,
    /// Keys of the chunks its occurrences were part of.
    chunks: BTreeSet<String>,
    termhood: f64,
    name: bool,
    contexts: Vec<(String, String)>,
}

#[derive(Debug, Default)]
struct RuSeen {
    forms: BTreeMap<String, usize>,
    n: usize,
    contexts: Vec<(String, String)>,
}

fn sentence_of(t: &str, at: usize, lang: Lang) -> String {
    text::sentences(t, lang)
        .into_iter()
        .find(|r| r.start <= at && at < r.end)
        .map(|r| t[r].to_string())
        .unwrap_or_else(|| t.to_string())
}

fn push_context(list: &mut Vec<(String, String)>, sentence: String, doc: &str) {
    if list.len() < MAX_CONTEXTS && !list.iter().any(|c| c.0 == sentence) {
        list.push((sentence, doc.to_string()));
    }
}

/// A surface form: a sentence-initial capital that only marks the sentence start is lowered.
fn surface(t: &str, first: &Tok, lower_initial: bool) -> String {
    if first.initial && lower_initial && !is_acronym(first.text) {
        let mut c = t.chars();
        if let Some(f) = c.next() {
            return f.to_lowercase().chain(c).collect();
        }
    }
    t.to_string()
}

/// The Russian words of a span as tokens joined by spaces ("государства , обладающие …"), the
/// shape the dictionary-form code reads.
fn ru_tokens(t: &str) -> String {
    text::tokens(t)
        .iter()
        .map(|x| x.text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Collect what every English noun phrase of the bilingual segments projects onto.
fn collect(corpus: &Corpus, tr: &Translator) -> BTreeMap<String, Seen> {
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    let co = Cooccurrence::new(corpus);
    for seg in &corpus.segments {
        let (Some(en_t), Some(ru_t)) = (seg.en.as_deref(), seg.ru.as_deref()) else {
            continue;
        };
        let en = word_tokens(en_t, Lang::En);
        let ru = word_tokens(ru_t, Lang::Ru);
        let kinds: Vec<EnWord> = en.iter().map(|t| en_word(t.text, t.initial)).collect();
        let spans = en_spans(&en, &kinds);
        if spans.is_empty() {
            continue;
        }
        let links = links(&en, &ru, tr, &co);
        for ((s, e), (cs, ce)) in spans {
            let words: Vec<&str> = en[s..e].iter().map(|t| t.text).collect();
            let key = phrase_key(&words, Lang::En);
            let chunk: Vec<&str> = en[cs..ce].iter().map(|t| t.text).collect();
            let sv = seen.entry(key).or_default();
            sv.occurrences += 1;
            sv.chunks.insert(phrase_key(&chunk, Lang::En));
            let common_initial = general::en_pos(en[s].text).is_some();
            let form = surface(&en_t[en[s].start..en[e - 1].end], &en[s], common_initial);
            *sv.forms.entry(form.clone()).or_insert(0) += 1;
            sv.termhood = termhood(&words, &kinds[s..e]);
            sv.name = kinds[s..e].iter().filter(|k| !k.of).all(|k| k.name);
            push_context(
                &mut sv.contexts,
                sentence_of(en_t, en[s].start, Lang::En),
                &seg.doc,
            );
            let Some((lo, hi)) = project((s, e), &en, &ru, &links) else {
                continue;
            };
            let rw: Vec<&str> = ru[lo..hi].iter().map(|t| t.text).collect();
            let lower = form.chars().next().is_some_and(char::is_lowercase);
            let rform = ru_tokens(&surface(
                &ru_t[ru[lo].start..ru[hi - 1].end],
                &ru[lo],
                lower,
            ));
            let r = sv.ru.entry(phrase_key(&rw, Lang::Ru)).or_default();
            r.n += 1;
            *r.forms.entry(rform).or_insert(0) += 1;
            push_context(
                &mut r.contexts,
                sentence_of(ru_t, ru[lo].start, Lang::Ru),
                &seg.doc,
            );
        }
    }
    seen
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

fn by_count(m: &BTreeMap<String, usize>) -> Vec<&str> {
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
        let key = phrase_key(&super::pair::words(&c.en[0].text), Lang::En);
        let Some(best) = aligned_russian(seen, &key) else {
            continue;
        };
        let ru_key = phrase_key(&super::pair::words(&c.ru[0].text), Lang::Ru);
        let forms = by_count(&best.forms);
        if phrase_key(&super::pair::words(forms[0]), Lang::Ru) == ru_key {
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

/// Pairs for the English phrases not yet in `concepts`, added as extracted concepts; the
/// alignment's Russian replaces a co-occurrence pair's where it consistently differs.
pub fn add(corpus: &Corpus, tr: &Translator, concepts: &mut Vec<Concept>) {
    let seen = collect(corpus, tr);
    follow_alignment(concepts, &seen);
    let known_en: BTreeSet<String> = concepts
        .iter()
        .flat_map(|c| c.en.iter())
        .map(|t| phrase_key(&super::pair::words(&t.text), Lang::En))
        .collect();
    let mut found: Vec<Found> = Vec::new();
    for (key, sv) in &seen {
        if known_en.contains(key) {
            continue;
        }
        let Some((_, best)) = sv
            .ru
            .iter()
            .max_by(|a, b| a.1.n.cmp(&b.1.n).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        let consistency = best.n as f64 / sv.occurrences as f64;
        let single = !key.contains(' ');
        if consistency < MIN_CONSISTENCY
            || (single && sv.termhood < MIN_SINGLE_TERMHOOD)
            || (sv.occurrences == 1 && !sv.name && sv.termhood < MIN_ONCE_TERMHOOD)
        {
            continue;
        }
        let en_form = by_count(&sv.forms)[0];
        let p = tr.phrase(
            &super::pair::words(en_form),
            &super::pair::words(by_count(&best.forms)[0]),
        );
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
    // a phrase only ever seen inside one accepted longer phrase is part of it, not a term
    let accepted: BTreeSet<&str> = found.iter().map(|f| f.en_key).collect();
    found.retain(|f| {
        !(f.seen.chunks.len() == 1
            && f.seen
                .chunks
                .iter()
                .all(|c| c != f.en_key && accepted.contains(c.as_str())))
    });
    let ids: BTreeSet<String> = concepts.iter().map(|c| c.id.clone()).collect();
    for f in found {
        let en_forms = by_count(&f.seen.forms);
        let ru_t = ru::dictionary_form_for(&by_count(&f.ru.forms), &en_forms);
        let en_t = en_forms[0].to_string();
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
        let toks = word_tokens(t, Lang::En);
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
                "The Conference discussed the rule of law in detail.",
                "Конференция подробно обсудила верховенство права.",
            ),
            (
                "Verification of the rule of law is essential.",
                "Проверка верховенства права имеет важное значение.",
            ),
        ]);
        let tr = Translator::new(&c);
        let mut concepts = Vec::new();
        add(&c, &tr, &mut concepts);
        let pair = |en: &str| {
            concepts
                .iter()
                .find(|c| c.en[0].text == en)
                .map(|c| c.ru[0].text.clone())
        };
        assert_eq!(
            pair("rule of law").as_deref(),
            Some("верховенство права"),
            "{concepts:#?}"
        );
    }
}
