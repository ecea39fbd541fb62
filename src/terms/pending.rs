//! Entries awaiting an equivalent: the terms of documents written in one language only (an
//! English article beside a bilingual memory) that no bilingual entry holds. Each keeps its
//! contexts and, in its note, the missing language; where the memory's word alignment, the
//! translation lexicon or a known acronym gives a likely equivalent, the note offers it as a
//! suggestion, never as a term (an export to a CAT tool must not present it as checked).
//!
//! The English candidates are the noun phrases and names of [`super::project`], the Russian
//! ones the runs of [`super::candidates`]; both must be terms by the same measures as paired
//! ones (general-language rarity, frequency), since no translation confirms them.
use super::candidates::{phrase_key, Cand};
use super::common::{ctx, ends_in_modifier, forms_by_count, term, words, AcronymGroup};
use super::project::{
    by_count, english_key, english_phrases, part_of_accepted, projected_russian, Projections,
    COMMON_ZIPF, RARE_ZIPF,
};
use super::translate::Translator;
use super::{acronym::is_acronym, general, ru, stop, Corpus};
use crate::glossary::{concept_id, Concept, Origin, Status, TermType, SUGGESTED};
use crate::text::{morph, Lang};
use std::collections::{BTreeMap, BTreeSet};

/// A phrase seen once is a term only when it is a name of two words or more; others need this
/// many occurrences.
const MIN_OCCURRENCES: usize = 2;
/// The termhood (see [`super::project`]) a single word of one-language documents needs: rarer
/// in general English than about 40 in a million ("extremism", not "priority").
const MIN_WORD_TERMHOOD: f64 = 0.6;
/// The termhood a phrase of common words needs ("foreign terrorist fighters", not "joint efforts").
const MIN_PHRASE_TERMHOOD: f64 = 0.4;
/// The lowest lexicon score (see [`Translator::russian_stems`]) that suggests an equivalent.
const MIN_LEXICON: f64 = 0.5;
/// Confidence of an entry awaiting an equivalent: below the paired entries' (which start at
/// 0.1), growing with termhood, so that it sorts after what a translation confirmed.
const CONF_BASE: f64 = 0.02;
const CONF_SPAN: f64 = 0.06;

/// The documents with text in `lang`'s side only.
fn one_language_docs(corpus: &Corpus, english: bool) -> BTreeSet<&str> {
    let mut with_other: BTreeSet<&str> = BTreeSet::new();
    let mut with_this: BTreeSet<&str> = BTreeSet::new();
    for s in &corpus.segments {
        let (this, other) = if english {
            (&s.en, &s.ru)
        } else {
            (&s.ru, &s.en)
        };
        if other.is_some() {
            with_other.insert(&s.doc);
        } else if this.is_some() {
            with_this.insert(&s.doc);
        }
    }
    with_this.difference(&with_other).copied().collect()
}

/// The note of an entry awaiting its equivalent in `missing` ("ru" or "en"), with the
/// suggestion and where it comes from.
fn note(missing: &str, suggestion: Option<(String, &str)>) -> String {
    let lang = if missing == "ru" {
        "Russian"
    } else {
        "English"
    };
    let mut n = format!("awaiting a {lang} equivalent");
    if let Some((text, source)) = suggestion {
        n.push_str(&format!("\n{SUGGESTED}{text} (from {source}, unchecked)"));
    }
    n
}

/// A Russian word for a stem of the translation lexicon, in dictionary form.
fn russian_word(stem: &str, acronym: bool) -> Option<String> {
    let w = general::ru_word_of_stem(stem).unwrap_or(stem);
    if acronym {
        Some(w.to_uppercase())
    } else {
        // a term's head is a noun: a verb or an adverb of the same stem is no translation
        Some(morph::lemma(w)).filter(|l| morph::is_noun(l))
    }
}

/// The lexicon's translation of one English word, when it is sure enough.
fn lexicon_word(tr: &Translator, w: &str) -> Option<String> {
    let (stem, score) = tr.russian_stems(w).into_iter().next()?;
    if score < MIN_LEXICON {
        return None;
    }
    russian_word(&stem, is_acronym(w))
}

/// A suggested Russian equivalent of an English term: what the memory's alignment gave it,
/// else, for one word, the lexicon's translation.
fn suggest(tr: &Translator, seen: &Projections, en: &str) -> Option<(String, &'static str)> {
    if let Some(r) = projected_russian(seen, &english_key(en)) {
        return Some((r, "the memory"));
    }
    match words(en).as_slice() {
        [w] => lexicon_word(tr, w).map(|r| (r, "the lexicon")),
        _ => None,
    }
}

fn pending(id_en: &str, id_ru: &str, confidence: f64) -> Concept {
    Concept {
        id: concept_id(id_en, id_ru),
        en: Vec::new(),
        ru: Vec::new(),
        contexts: Vec::new(),
        confidence: (confidence.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
        origin: Origin::Extracted,
        note: None,
    }
}

/// Add the entries awaiting an equivalent to `concepts` (see the module's documentation).
pub(super) fn add(
    corpus: &Corpus,
    tr: &Translator,
    seen: &Projections,
    en_a: &BTreeMap<String, AcronymGroup>,
    ru_c: &BTreeMap<String, Cand>,
    concepts: &mut Vec<Concept>,
) {
    let english_only = one_language_docs(corpus, true);
    if !english_only.is_empty() {
        add_english(corpus, tr, seen, en_a, &english_only, concepts);
    }
    let russian_only = one_language_docs(corpus, false);
    if !russian_only.is_empty() {
        add_russian(corpus, ru_c, &russian_only, concepts);
    }
}

fn add_english(
    corpus: &Corpus,
    tr: &Translator,
    seen: &Projections,
    en_a: &BTreeMap<String, AcronymGroup>,
    docs: &BTreeSet<&str>,
    concepts: &mut Vec<Concept>,
) {
    let mut known: BTreeSet<String> = concepts
        .iter()
        .flat_map(|c| c.en.iter())
        .map(|t| english_key(&t.text))
        .collect();
    let in_docs = |segs: &BTreeSet<usize>| {
        segs.iter()
            .any(|&i| docs.contains(corpus.segments[i].doc.as_str()))
    };
    // acronyms defined in these documents: the full form and the acronym
    for g in en_a.values().filter(|g| in_docs(&g.segs)) {
        let (long, short) = (g.long(), g.short());
        if known.contains(&english_key(long)) || known.contains(&english_key(short)) {
            continue;
        }
        known.insert(english_key(long));
        known.insert(english_key(short));
        let suggestion =
            suggest(tr, seen, long).or_else(|| lexicon_word(tr, short).map(|r| (r, "the lexicon")));
        let mut c = pending(long, "", CONF_BASE + CONF_SPAN);
        c.en = vec![
            term(long, TermType::FullForm, "noun", Status::Preferred),
            term(short, TermType::Acronym, "noun", Status::Admitted),
        ];
        c.contexts = ctx(&g.contexts, "en");
        c.note = Some(note("ru", suggestion));
        concepts.push(c);
    }
    // noun phrases and names, not parts of a known term ("Joint Plan" of Joint Plan of Action)
    let parts_of_known: BTreeSet<String> = known.iter().flat_map(|k| sub_phrases(k)).collect();
    let phrases = english_phrases(corpus, |s| docs.contains(s.doc.as_str()));
    let mut found: Vec<(&String, &super::project::Seen)> = Vec::new();
    for (key, sv) in &phrases {
        if !parts_of_known.contains(key) && english_term(key, sv) {
            found.push((key, sv));
        }
    }
    let accepted: BTreeSet<&str> = found.iter().map(|f| f.0.as_str()).collect();
    found.retain(|(key, sv)| !part_of_accepted(key, sv, &accepted));
    for (_, sv) in found {
        let en = by_count(&sv.forms)[0];
        let pos = if sv.name { "properNoun" } else { "noun" };
        let frequency = ((sv.occurrences as f64).log2() / 3.0).min(1.0);
        let mut c = pending(
            en,
            "",
            CONF_BASE + CONF_SPAN * (0.6 * sv.termhood + 0.4 * frequency),
        );
        c.en = vec![term(en, TermType::FullForm, pos, Status::Preferred)];
        c.contexts = ctx(&sv.contexts, "en");
        c.note = Some(note("ru", suggest(tr, seen, en)));
        concepts.push(c);
    }
}

/// Every run of one or more words of a phrase key.
fn sub_phrases(key: &str) -> Vec<String> {
    let ws: Vec<&str> = key.split(' ').collect();
    let mut out = Vec::new();
    for a in 0..ws.len() {
        for b in a + 1..=ws.len() {
            out.push(ws[a..b].join(" "));
        }
    }
    out
}

/// Whether an English phrase of one-language documents is a term without a translation to
/// confirm it: a whole noun phrase at least once (not only the start of a longer one), not a
/// heading in capitals; a word or a phrase of common words seen twice and rare in general
/// English; a name of two words or more; a one-word name that is no common word.
fn english_term(key: &str, sv: &super::project::Seen) -> bool {
    let form = sv.forms.keys().next().map_or("", String::as_str);
    let ws = words(form);
    let heading = ws.len() > 1 && !form.chars().any(char::is_lowercase);
    if sv.alone == 0 || heading {
        return false;
    }
    let often = sv.occurrences >= MIN_OCCURRENCES;
    match (ws.len() == 1, sv.name) {
        (true, true) => often && general::en_pos(key).is_none(),
        (true, false) => often && sv.termhood >= MIN_WORD_TERMHOOD,
        (false, true) => true,
        (false, false) => often && sv.termhood >= MIN_PHRASE_TERMHOOD,
    }
}

/// The termhood of a Russian phrase: the share by which its rarest content word is rarer than
/// common words (as for English in [`super::project`]).
fn ru_termhood(ws: &[&str]) -> f64 {
    ws.iter()
        .filter(|w| !stop::is_stop(w, true))
        .map(|w| {
            let z = general::zipf(&morph::lemma(w), true);
            ((COMMON_ZIPF - z) / (COMMON_ZIPF - RARE_ZIPF)).clamp(0.0, 1.0)
        })
        .fold(0.0, f64::max)
}

fn add_russian(
    corpus: &Corpus,
    ru_c: &BTreeMap<String, Cand>,
    docs: &BTreeSet<&str>,
    concepts: &mut Vec<Concept>,
) {
    let known: BTreeSet<String> = concepts
        .iter()
        .flat_map(|c| c.ru.iter())
        .map(|t| phrase_key(&words(&t.text), Lang::Ru))
        .collect();
    for c in ru_c.values() {
        if known.contains(&c.key)
            || !c
                .segs
                .iter()
                .any(|&i| docs.contains(corpus.segments[i].doc.as_str()))
        {
            continue;
        }
        let surface = c.surface();
        let ws = words(surface);
        let th = ru_termhood(&ws);
        let term_like = if c.acronym {
            c.freq >= MIN_OCCURRENCES
        } else {
            c.words >= 2
                && c.freq >= MIN_OCCURRENCES
                && c.cvalue > 0.0
                && th >= MIN_PHRASE_TERMHOOD
                && !ends_in_modifier(surface)
                && !ws.iter().any(|w| ru::is_verb(w))
                && !ru::starts_with_active_participle(surface)
        };
        if !term_like {
            continue;
        }
        let text = if c.acronym {
            surface.to_string()
        } else {
            ru::dictionary_form_for(&forms_by_count(c), &[])
        };
        if text.is_empty() {
            continue;
        }
        let tt = if c.acronym {
            TermType::Acronym
        } else {
            TermType::FullForm
        };
        let frequency = ((c.freq as f64).log2() / 3.0).min(1.0);
        let mut p = pending(
            "",
            &text,
            CONF_BASE + CONF_SPAN * (0.6 * th + 0.4 * frequency),
        );
        p.ru = vec![term(&text, tt, "noun", Status::Preferred)];
        p.contexts = ctx(&c.contexts, "ru");
        p.note = Some(note("en", None));
        concepts.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::Segment;

    fn seg(doc: &str, en: Option<&str>, ru: Option<&str>) -> Segment {
        Segment {
            doc: doc.into(),
            en: en.map(str::to_string),
            ru: ru.map(str::to_string),
        }
    }

    #[test]
    fn terms_of_an_english_only_document_await_their_equivalent() {
        let corpus = Corpus {
            segments: vec![
                seg(
                    "both.txt",
                    Some("The Conference discussed the verification system."),
                    Some("Конференция обсудила систему проверки."),
                ),
                seg(
                    "article.en.txt",
                    Some("The seminar was about foreign terrorist fighters and their families."),
                    None,
                ),
                seg(
                    "article.en.txt",
                    Some("Returning foreign terrorist fighters were the main topic, with the United Nations Office on Drugs and Crime (UNODC)."),
                    None,
                ),
            ],
        };
        let g = crate::terms::extract(&corpus);
        let ftf = g
            .concepts
            .iter()
            .find(|c| {
                c.en.first()
                    .is_some_and(|t| t.text == "foreign terrorist fighters")
            })
            .unwrap_or_else(|| panic!("{:#?}", g.concepts));
        assert!(ftf.ru.is_empty());
        assert_eq!(ftf.missing(), Some("ru"));
        assert!(ftf.contexts.iter().all(|c| c.doc == "article.en.txt"));
        let unodc = g
            .concepts
            .iter()
            .find(|c| c.en.iter().any(|t| t.text == "UNODC"))
            .unwrap_or_else(|| panic!("{:#?}", g.concepts));
        assert_eq!(unodc.en[0].text, "United Nations Office on Drugs and Crime");
        assert_eq!(unodc.missing(), Some("ru"));
        // the shipped lexicon knows the acronym's Russian
        assert_eq!(
            unodc.suggestion(),
            Some("УНП (from the lexicon, unchecked)")
        );
        // a bilingual document's terms are paired, not awaiting
        assert!(
            g.concepts
                .iter()
                .all(|c| c.missing().is_none()
                    || c.contexts.iter().all(|x| x.doc == "article.en.txt"))
        );
    }

    #[test]
    fn nothing_awaits_in_a_bilingual_corpus() {
        let corpus = Corpus {
            segments: vec![seg(
                "both.txt",
                Some("Foreign terrorist fighters were discussed."),
                Some("Обсуждались иностранные боевики-террористы."),
            )],
        };
        let g = crate::terms::extract(&corpus);
        assert!(
            g.concepts.iter().all(|c| c.missing().is_none()),
            "{:#?}",
            g.concepts
        );
    }
}
