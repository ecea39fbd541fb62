//! Russian morphology for display: the dictionary form (lemma) of a word, and of a noun phrase
//! with agreement ("Совместного плана действий" → "Совместный план действий").
//!
//! Backed by the OpenCorpora morphological dictionary (pymorphy2 format, CC BY-SA 3.0) through
//! the `rsmorphy` crate, a Rust port of pymorphy2; its dictionary crate `rsmorphy-dict-ru`
//! ships the data files and records where they are at build time. The analyser is loaded on
//! first use (about 0.2 s; see docs/morphology.md) and shared by all threads. Words the
//! dictionary does not know (surnames, new coinages) go through its suffix guesser.
//!
//! The dictionary files are also embedded in the binary (`build.rs`): a binary moved to a
//! machine without the crate's data writes them out once to a cache directory and loads them
//! from there (`TERMTOOL_MORPH_DICT` names another directory to use). Only when that fails too
//! (no writable cache) do the functions fall back to rules: casing and ё handling, and the
//! common surname endings (-ева → -ев, -ова → -ов, -ина → -ин, -ского → -ский); phrases are
//! then returned as given. [`dictionary_loaded`] tells which mode is in force.
//!
//! Stems (`text::stem`) are for match keys only; these functions are for what a person reads.
//! All functions are pure (apart from the one-time load) and never print.
use rsmorphy::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The environment variable naming a directory with the dictionary files (pymorphy2 format 2.4,
/// gzipped as in `rsmorphy-dict-ru`), overriding the one recorded at build time.
pub const DICT_ENV: &str = "TERMTOOL_MORPH_DICT";

static MORPH: OnceLock<Option<MorphAnalyzer>> = OnceLock::new();

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/morph_dict.rs"));
}

/// Whether `dir` holds every file rsmorphy reads.
fn complete(dir: &Path) -> bool {
    embedded::EMBEDDED
        .iter()
        .all(|(name, _)| dir.join(name).is_file())
}

/// Directories that hold every file rsmorphy reads: `TERMTOOL_MORPH_DICT` first, then the one
/// `rsmorphy-dict-ru` recorded at build time, then the copy embedded in the binary, written out
/// once to a cache directory.
fn dict_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(d) = std::env::var_os(DICT_ENV) {
        dirs.push(PathBuf::from(d));
    }
    dirs.push(PathBuf::from(rsmorphy::rsmorphy_dict_ru::DICT_PATH));
    dirs.retain(|d| complete(d));
    if dirs.is_empty() {
        let cache = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
            .unwrap_or_else(std::env::temp_dir);
        dirs.extend(write_embedded(&cache.join("termtool")));
    }
    dirs
}

/// Write the embedded dictionary into `base` (`$XDG_CACHE_HOME/termtool`, else
/// `~/.cache/termtool`, else the temporary directory's), unless a complete copy is there; a new
/// copy is written to a temporary directory beside it and renamed into place, so no reader ever
/// sees half of one. Returns the copy's directory.
fn write_embedded(base: &Path) -> Option<PathBuf> {
    let total: usize = embedded::EMBEDDED.iter().map(|(_, b)| b.len()).sum();
    let dir = base.join(format!("opencorpora-ru-{}", total));
    if complete(&dir) {
        return Some(dir);
    }
    std::fs::create_dir_all(base).ok()?;
    let tmp = tempfile::tempdir_in(base).ok()?;
    for (name, bytes) in embedded::EMBEDDED {
        std::fs::write(tmp.path().join(name), bytes).ok()?;
    }
    let tmp = tmp.keep();
    if std::fs::rename(&tmp, &dir).is_err() {
        // another process put its copy there first
        let _ = std::fs::remove_dir_all(&tmp);
    }
    complete(&dir).then_some(dir)
}

fn analyzer() -> Option<&'static MorphAnalyzer> {
    MORPH
        .get_or_init(|| {
            // rsmorphy panics on a malformed file; treat that as "not this directory".
            dict_dirs()
                .into_iter()
                .find_map(|dir| std::panic::catch_unwind(|| MorphAnalyzer::from_file(&dir)).ok())
        })
        .as_ref()
}

/// Whether the morphological dictionary is available (loading it if not yet loaded). When it is
/// not, the functions here use the rule-based fallback described in the module docs.
pub fn dictionary_loaded() -> bool {
    analyzer().is_some()
}

// ---------------------------------------------------------------------------------------------
// Tags

/// An OpenCorpora tag such as "NOUN,inan,masc sing,gent".
#[derive(Clone, Copy, Debug, PartialEq)]
struct Tag(&'static str);

const CASES: [&str; 12] = [
    "nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen1", "gen2", "acc2", "loc1", "loc2",
];
const GENDERS: [&str; 5] = ["masc", "femn", "neut", "ms-f", "GNdr"];
/// Grammemes that mark a variant or register of a form rather than the lexeme.
fn is_variant(g: &str) -> bool {
    g.starts_with("V-")
        || matches!(
            g,
            "Infr" | "Slng" | "Arch" | "Litr" | "Erro" | "Dist" | "Prnt" | "Init"
        )
}

impl Tag {
    fn grams(self) -> impl Iterator<Item = &'static str> {
        self.0.split([',', ' ']).filter(|g| !g.is_empty())
    }
    fn has(self, g: &str) -> bool {
        self.grams().any(|x| x == g)
    }
    fn pos(self) -> &'static str {
        self.grams().next().unwrap_or("")
    }
    fn case(self) -> Option<&'static str> {
        self.grams().find(|g| CASES.contains(g)).map(|c| match c {
            "gen1" | "gen2" => "gent",
            "acc2" => "accs",
            "loc1" | "loc2" => "loct",
            c => c,
        })
    }
    fn number(self) -> Option<&'static str> {
        self.grams().find(|g| matches!(*g, "sing" | "plur"))
    }
    fn gender(self) -> Option<&'static str> {
        self.grams().find(|g| GENDERS.contains(g))
    }
    fn animacy(self) -> Option<&'static str> {
        self.grams().find(|g| matches!(*g, "anim" | "inan"))
    }
    fn is_noun(self) -> bool {
        self.pos() == "NOUN"
    }
    /// Adjectives, participles, ordinal numerals and pronominal adjectives: the words that
    /// agree with a noun and stand before it.
    fn is_adj(self) -> bool {
        matches!(self.pos(), "ADJF" | "PRTF")
    }
    fn is_person_name(self) -> bool {
        self.is_noun() && (self.has("Name") || self.has("Surn") || self.has("Patr"))
    }
}

fn pos_name(t: Tag) -> &'static str {
    match t.pos() {
        "NOUN" => "noun",
        "ADJF" | "ADJS" | "COMP" => "adjective",
        "PRTF" | "PRTS" => "participle",
        "VERB" | "INFN" | "GRND" => "verb",
        "PREP" => "preposition",
        "CONJ" => "conjunction",
        "NUMR" | "NUMB" | "ROMN" => "numeral",
        "ADVB" | "PRED" => "adverb",
        "NPRO" => "pronoun",
        _ => "other",
    }
}

/// Whether adjective reading `a` agrees with noun reading `n` (case, number, gender in the
/// singular, animacy in the accusative).
fn agrees(a: Tag, n: Tag) -> bool {
    if a.case() != n.case() || a.number() != n.number() {
        return false;
    }
    if n.number() == Some("sing") {
        match n.gender() {
            Some("ms-f") | Some("GNdr") | None => {}
            g => {
                if a.gender() != g {
                    return false;
                }
            }
        }
    }
    if a.case() == Some("accs") {
        if let (Some(x), Some(y)) = (a.animacy(), n.animacy()) {
            if x != y {
                return false;
            }
        }
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Readings of one token

#[derive(Clone, Debug)]
enum Piece {
    Fixed(String),
    Lex(Lex),
}

/// One analysis of a token: its pieces (one lexeme, or for hyphenated compounds two lexemes or
/// a fixed left part and a lexeme), the tag that governs agreement, and a score.
#[derive(Clone, Debug)]
struct Reading {
    pieces: Vec<Piece>,
    tag: Tag,
    score: f64,
}

fn has_cyrillic(w: &str) -> bool {
    w.chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
}

fn is_all_caps(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn lex_tag(m: &'static MorphAnalyzer, lex: &Lex) -> Tag {
    Tag(lex.get_tag(m).string.as_str())
}

/// `MorphAnalyzer::parse`, guarded: rsmorphy 0.4 asserts that a word its prefix guesser sees
/// has at least three letters, so an unknown word shorter than that (or one whose
/// hyphen-separated parts are) is looked up in the dictionary alone; any other panic in the
/// crate gives no readings rather than ending the run.
fn parse(m: &'static MorphAnalyzer, word: &str) -> Vec<Parsed> {
    let lower = word.to_lowercase();
    if lower.split('-').any(|part| part.chars().count() < 3) {
        let mut result = Vec::new();
        let mut seen = rsmorphy::container::SeenSet::default();
        m.units
            .dictionary
            .parse(m, &mut result, word, &lower, &mut seen);
        m.estimator.apply_to_parses(m, word, &lower, &mut result);
        return result;
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| m.parse(word))).unwrap_or_default()
}

/// OpenCorpora's grammemes of proper names: first names, surnames, patronymics, places,
/// organisations, trademarks.
const PROPER_TAGS: [&str; 6] = ["Name", "Surn", "Patr", "Geox", "Orgn", "Trad"];

fn plain_readings(m: &'static MorphAnalyzer, word: &str) -> (Vec<Reading>, bool) {
    let parses = parse(m, word);
    let known = parses.iter().any(|p| p.lex.is_known());
    let capital = is_capitalised(word);
    let readings = parses
        .into_iter()
        .map(|p| {
            let tag = lex_tag(m, &p.lex);
            let mut score = p.score.value();
            // The guesser offers "Гутерриша" both as a first name in the nominative and as a
            // surname in the genitive; for an unknown capitalised word the surname is likelier.
            if capital && !known && tag.has("Surn") {
                score *= 2.0;
            }
            // A proper name written in lower case ("выше" as the dative of the place Выша,
            // "якобы" as the plural of Якоб) is unlikely.
            let proper = PROPER_TAGS.iter().any(|g| tag.has(g));
            if !capital && proper {
                score *= 0.1;
            }
            // and a capitalised word the dictionary lists as a place name is likelier that
            // place ("Кубы": Куба, not куб)
            if capital && known && tag.is_noun() && tag.has("Geox") {
                score *= 3.0;
            }
            Reading {
                pieces: vec![Piece::Lex(p.lex)],
                tag,
                score,
            }
        })
        .collect();
    (readings, known)
}

/// All readings of a token, best first. Empty for tokens without Cyrillic letters.
fn readings(m: &'static MorphAnalyzer, token: &str) -> Vec<Reading> {
    if !has_cyrillic(token) || !token.chars().any(|c| c.is_alphabetic()) {
        return Vec::new();
    }
    let (mut rs, known) = plain_readings(m, token);
    if !known {
        if let Some(cut) = token.rfind('-') {
            let (left, right) = (&token[..cut], &token[cut + 1..]);
            if !left.is_empty() && has_cyrillic(right) {
                rs = hyphenated(m, left, right);
            }
        }
    }
    rs.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    rs
}

/// Readings of a hyphenated compound the dictionary does not list whole: two nouns inflecting
/// together ("государств-членов"), or a fixed left part and an inflecting right part
/// ("вице-президента", "военно-политического").
fn hyphenated(m: &'static MorphAnalyzer, left: &str, right: &str) -> Vec<Reading> {
    let right_rs = readings(m, right);
    let mut out = Vec::new();
    if !left.contains('-') {
        let (left_rs, left_known) = plain_readings(m, left);
        if left_known {
            for l in left_rs.iter().filter(|r| r.tag.is_noun()) {
                for r in right_rs.iter().filter(|r| r.tag.is_noun()) {
                    if l.tag.case() == r.tag.case() && l.tag.number() == r.tag.number() {
                        let mut pieces = l.pieces.clone();
                        pieces.push(Piece::Fixed("-".into()));
                        pieces.extend(r.pieces.iter().cloned());
                        out.push(Reading {
                            pieces,
                            tag: l.tag,
                            score: l.score * r.score,
                        });
                    }
                }
            }
        }
    }
    if out.is_empty() {
        for r in right_rs {
            let mut pieces = vec![Piece::Fixed(format!("{left}-"))];
            pieces.extend(r.pieces);
            out.push(Reading {
                pieces,
                tag: r.tag,
                score: r.score,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Inflection

/// The form of `lex` in `case` and `number` (and `gender`, for adjectives in the singular),
/// keeping the lexeme's other grammemes (voice, tense, animacy of nouns and so on).
fn inflect_lex(
    m: &'static MorphAnalyzer,
    lex: &Lex,
    case: &str,
    number: &str,
    gender: Option<&str>,
) -> Option<String> {
    let src = lex_tag(m, lex);
    let agreeing = src.is_adj() || matches!(src.pos(), "NUMR" | "NPRO");
    let mut req: Vec<&str> = src
        .grams()
        .filter(|g| {
            !CASES.contains(g)
                && !matches!(*g, "sing" | "plur")
                && !is_variant(g)
                && !(agreeing && (GENDERS.contains(g) || matches!(*g, "anim" | "inan")))
        })
        .collect();
    req.push(case);
    req.push(number);
    let base_len = req.len();
    if agreeing && number == "sing" {
        if let Some(g) = gender.or(src.gender()) {
            req.push(g);
        }
    }
    let forms: Vec<(Lex, Tag)> = lex
        .iter_lexeme(m)
        .map(|l| {
            let t = lex_tag(m, &l);
            (l, t)
        })
        .collect();
    for req in [&req[..], &req[..base_len]] {
        let best = forms
            .iter()
            .filter(|(_, t)| req.iter().all(|g| t.has(g)))
            .min_by_key(|(_, t)| t.grams().filter(|g| !req.contains(g)).count());
        if let Some((l, _)) = best {
            return Some(l.get_word().into_owned());
        }
    }
    None
}

fn inflect(
    m: &'static MorphAnalyzer,
    r: &Reading,
    case: &str,
    number: &str,
    gender: Option<&str>,
) -> Option<String> {
    let mut out = String::new();
    for p in &r.pieces {
        match p {
            Piece::Fixed(s) => out.push_str(s),
            Piece::Lex(l) => out.push_str(&inflect_lex(m, l, case, number, gender)?),
        }
    }
    Some(out)
}

fn normal_form(m: &'static MorphAnalyzer, r: &Reading) -> String {
    let mut out = String::new();
    for p in &r.pieces {
        match p {
            Piece::Fixed(s) => out.push_str(s),
            Piece::Lex(l) => {
                // The 2015 dictionary files ordinals under their cardinal ("первого" → "один");
                // a dictionary lists them as adjectives ("первый").
                let ordinal = lex_tag(m, l).has("Anum");
                match ordinal
                    .then(|| inflect_lex(m, l, "nomn", "sing", Some("masc")))
                    .flatten()
                {
                    Some(f) => out.push_str(&f),
                    None => out.push_str(&l.get_normal_form(m)),
                }
            }
        }
    }
    out
}

/// Rank of a part of speech when readings tie (the dictionary's frequency estimates cover only
/// the words of its corpus; elsewhere all readings score alike): nouns first, for terminology.
/// A noun that declines like an adjective ("новое", "первое", "настоящее") ranks after the
/// adjective it came from.
fn pos_rank(t: Tag, normal_form: &str) -> u8 {
    match t.pos() {
        "NOUN"
            if ["ое", "ее", "ый", "ий", "ой", "ая", "яя"]
                .iter()
                .any(|e| normal_form.ends_with(e)) =>
        {
            2
        }
        "NOUN" => 0,
        "ADJF" => 1,
        "PRTF" => 3,
        "INFN" | "VERB" => 4,
        "ADJS" | "PRTS" | "COMP" => 5,
        "GRND" => 6,
        _ => 7,
    }
}

/// The likeliest reading of a word on its own: readings are grouped by lexeme (normal form and
/// part of speech) and the lexeme with the greatest total score wins ("первого" is more often an
/// ordinal in any of three cases than the noun "первое"), ties going by [`pos_rank`].
fn best_reading<'a>(m: &'static MorphAnalyzer, rs: &'a [Reading]) -> Option<&'a Reading> {
    let mut groups: Vec<(String, &'static str, f64, &'a Reading)> = Vec::new();
    for r in rs {
        let nf = normal_form(m, r);
        let pos = r.tag.pos();
        match groups.iter_mut().find(|g| g.0 == nf && g.1 == pos) {
            Some(g) => g.2 += r.score,
            None => groups.push((nf, pos, r.score, r)),
        }
    }
    groups
        .into_iter()
        .min_by(|a, b| {
            if (a.2 - b.2).abs() < 1e-9 {
                pos_rank(a.3.tag, &a.0).cmp(&pos_rank(b.3.tag, &b.0))
            } else {
                b.2.partial_cmp(&a.2).unwrap_or(std::cmp::Ordering::Equal)
            }
        })
        .map(|g| g.3)
}

// ---------------------------------------------------------------------------------------------
// Casing and ё

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Gives `new` (lower case, from the dictionary) the casing of `orig`: all caps stays all caps,
/// a capital initial stays (per hyphen-separated part), and ё is written only if `orig` had it.
fn match_case(orig: &str, new: &str) -> String {
    let new = if orig.contains(['ё', 'Ё']) {
        new.to_string()
    } else {
        new.replace('ё', "е")
    };
    if is_all_caps(orig) {
        return new.to_uppercase();
    }
    let op: Vec<&str> = orig.split('-').collect();
    let np: Vec<&str> = new.split('-').collect();
    if op.len() == np.len() {
        op.iter()
            .zip(&np)
            .map(|(o, n)| {
                if is_all_caps(o) {
                    n.to_uppercase()
                } else if is_capitalised(o) {
                    capitalise(n)
                } else {
                    n.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("-")
    } else if is_capitalised(orig) {
        capitalise(&new)
    } else {
        new
    }
}

fn join(tokens: &[String]) -> String {
    let mut out = String::new();
    for t in tokens {
        let closing = t.starts_with([',', '.', ';', ':', ')', ']', '»', '”', '!', '?']);
        if !out.is_empty() && !closing && !out.ends_with(['(', '[', '«', '“']) {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Rule-based fallback (no dictionary)

const SURNAME_ENDINGS: [(&str, &str); 12] = [
    ("ского", "ский"),
    ("скому", "ский"),
    ("ским", "ский"),
    ("ском", "ский"),
    ("ева", "ев"),
    ("еву", "ев"),
    ("евым", "ев"),
    ("ова", "ов"),
    ("ову", "ов"),
    ("овым", "ов"),
    ("ина", "ин"),
    ("ину", "ин"),
];

fn fallback_lemma(word: &str) -> String {
    if is_all_caps(word) {
        return word.to_string();
    }
    let lower = word.to_lowercase();
    if is_capitalised(word) {
        for (from, to) in SURNAME_ENDINGS {
            if let Some(stem) = lower.strip_suffix(from) {
                if stem.chars().count() >= 3 {
                    return match_case(word, &format!("{stem}{to}"));
                }
            }
        }
        return match_case(word, &lower);
    }
    lower
}

// ---------------------------------------------------------------------------------------------
// Public API

/// The dictionary form of one Russian word: "плану" → "план", "Совместного" → "Совместный",
/// "Мирзиёева" → "Мирзиёев" (by the guesser). Lower case unless the word was capitalised (a
/// capital initial is kept) or all caps (kept all caps; acronyms such as "ООН", "КТУ" come back
/// as given). Participles give the infinitive, as in the dictionary. ё is written only if the
/// word had it. Words without Cyrillic letters are returned unchanged.
pub fn lemma(word: &str) -> String {
    let word = word.trim();
    if word.is_empty() || !has_cyrillic(word) {
        return word.to_string();
    }
    let Some(m) = analyzer() else {
        return fallback_lemma(word);
    };
    let rs = readings(m, word);
    if is_all_caps(word) {
        let known = parse(m, word).iter().any(|p| p.lex.is_known());
        if !known || rs.is_empty() {
            return word.to_string();
        }
    }
    match best_reading(m, &rs) {
        Some(r) => match_case(word, &normal_form(m, r)),
        None => word.to_string(),
    }
}

/// How the dictionary holds a word: `Some(true)` as a person's name ("Марии"), `Some(false)`
/// as something else ("Совета"), `None` not at all, only through its guesser ("Миддлтона"), or
/// without the dictionary.
pub fn known_as_name(word: &str) -> Option<bool> {
    let m = analyzer()?;
    let known: Vec<Parsed> = parse(m, word.trim())
        .into_iter()
        .filter(|p| p.lex.is_known())
        .collect();
    if known.is_empty() {
        return None;
    }
    Some(known.iter().any(|p| lex_tag(m, &p.lex).is_person_name()))
}

/// Whether the dictionary lists the word as a form of a proper name (a person, place,
/// organisation or trademark): "Германии" is, "Палу" (a form of "пал") is not.
pub fn known_as_proper(word: &str) -> bool {
    let Some(m) = analyzer() else {
        return false;
    };
    parse(m, word.trim())
        .into_iter()
        .filter(|p| p.lex.is_known())
        .any(|p| {
            let tag = lex_tag(m, &p.lex);
            PROPER_TAGS.iter().any(|g| tag.has(g))
        })
}

/// A match key for a word: its lemma, lower case, ё as е. All inflections of a word share it
/// ("Совместного", "совместному", "совместный" → "совместный").
pub fn lemma_key(word: &str) -> String {
    lemma(word).to_lowercase().replace('ё', "е")
}

/// The most probable part of speech of a word: "noun", "adjective" (including ordinal numerals
/// and pronominal adjectives, which decline like adjectives), "participle", "verb",
/// "preposition", "conjunction", "numeral", "adverb", "pronoun" or "other". `None` for an empty
/// string. Without the dictionary, a few closed-class words are recognised and the rest is
/// "other".
pub fn pos(word: &str) -> Option<&'static str> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    if word.chars().all(|c| c.is_ascii_digit()) {
        return Some("numeral");
    }
    if !has_cyrillic(word) {
        return Some("other");
    }
    let Some(m) = analyzer() else {
        let w = word.to_lowercase();
        return Some(match w.as_str() {
            "в" | "во" | "на" | "по" | "для" | "с" | "со" | "о" | "об" | "к" | "ко" | "из"
            | "от" | "до" | "при" | "без" | "за" | "под" | "над" | "между" | "через" | "против" => {
                "preposition"
            }
            "и" | "или" | "а" | "но" | "что" | "как" => "conjunction",
            _ => "other",
        });
    };
    best_reading(m, &readings(m, word))
        .map(|r| pos_name(r.tag))
        .or(Some("other"))
}

/// Whether the most probable reading of `word` is a noun.
pub fn is_noun(word: &str) -> bool {
    pos(word) == Some("noun")
}

/// Whether the most probable reading of `word` is an adjective (or ordinal numeral).
pub fn is_adjective(word: &str) -> bool {
    pos(word) == Some("adjective")
}

/// Whether any reading of `word` has the part of speech `p` (a name as returned by [`pos`]):
/// "совета" is only a noun, "рабочий" is both a noun and an adjective.
pub fn has_pos(word: &str, p: &str) -> bool {
    match analyzer() {
        Some(m) => readings(m, word.trim())
            .iter()
            .any(|r| pos_name(r.tag) == p),
        None => pos(word) == Some(p),
    }
}

/// A Russian noun phrase as it occurs in text (its tokens in order, inflected) in dictionary
/// form, with agreement: the head noun (the first noun after any leading adjectives,
/// participles and ordinals) goes into the nominative keeping its number (singular unless the
/// phrase can only be plural), the words before it agree with it in the nominative, and
/// everything after it (genitives, prepositional phrases) is kept, except a person's name in
/// apposition to it ("Генерального секретаря Антониу Гутерриша" → "Генеральный секретарь
/// Антониу Гутерриш"). Each word keeps its capitalisation.
///
/// "Совместного плана действий" → "Совместный план действий";
/// "государствами-членами" → "государства-члены"; "Натальи Герман" → "Наталья Герман".
///
/// A phrase starting with a preposition, or with no noun where one is expected, is returned as
/// given (tokens joined by spaces); a phrase of adjectives alone gives their lemmas.
pub fn dictionary_form(words: &[&str]) -> String {
    dictionary_form_with(words, false)
}

/// [`dictionary_form`], with a plural head put in the singular when its word has one
/// ("вооруженных конфликтов" → "вооруженный конфликт", while "переговоры" stays): for a term
/// whose English is singular.
pub fn dictionary_form_singular(words: &[&str]) -> String {
    dictionary_form_with(words, true)
}

fn dictionary_form_with(words: &[&str], singular: bool) -> String {
    let words: Vec<&str> = words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    let unchanged = || join(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>());
    if words.is_empty() {
        return String::new();
    }
    let Some(m) = analyzer() else {
        if words.len() == 1 {
            return fallback_lemma(words[0]);
        }
        return unchanged();
    };
    let an: Vec<Vec<Reading>> = words.iter().map(|w| readings(m, w)).collect();
    let n = words.len();
    let has_adj = |i: usize| an[i].iter().any(|r| r.tag.is_adj());
    let has_noun = |i: usize| an[i].iter().any(|r| r.tag.is_noun());
    if an[0].first().is_some_and(|r| r.tag.pos() == "PREP") {
        return unchanged();
    }

    // The leading run of agreeing words: adjectives and participles, with "и"/"или", commas
    // and adverbs ("наиболее") between or before them.
    let mut k = 0;
    while k < n {
        if has_adj(k) {
            k += 1;
            continue;
        }
        let w = words[k].to_lowercase();
        let linker = matches!(w.as_str(), "и" | "или" | ",")
            || an[k].first().is_some_and(|r| r.tag.pos() == "ADVB");
        if linker && k + 1 < n && has_adj(k + 1) && (k > 0 || w != ",") {
            k += 1;
            continue;
        }
        break;
    }
    let adj_positions = |h: usize| (0..h).filter(|&j| has_adj(j)).collect::<Vec<_>>();

    // The head: the last position in 0..=k whose noun reading every adjective before it agrees
    // with (so "учёного совета" takes "учёного" as an adjective, not as a noun).
    let mut head: Option<(usize, Vec<usize>)> = None; // (position, indices of agreeing readings)
    for h in (0..=k.min(n - 1)).rev() {
        if !has_noun(h) {
            continue;
        }
        let adjs = adj_positions(h);
        let ok: Vec<usize> = (0..an[h].len())
            .filter(|&i| {
                let nt = an[h][i].tag;
                nt.is_noun()
                    && adjs
                        .iter()
                        .all(|&j| an[j].iter().any(|a| a.tag.is_adj() && agrees(a.tag, nt)))
            })
            .collect();
        if !ok.is_empty() {
            head = Some((h, ok));
            break;
        }
    }
    let forced = head.is_none();
    let (h, cands) = match head {
        Some(x) => x,
        None => {
            if k == n {
                // Adjectives alone: each in the nominative masculine singular, participles
                // staying participles ("Объединённых" → "Объединённый").
                let out: Vec<String> = (0..n)
                    .map(|j| {
                        an[j]
                            .iter()
                            .find(|r| r.tag.is_adj())
                            .and_then(|r| inflect(m, r, "nomn", "sing", Some("masc")))
                            .map_or_else(|| words[j].to_string(), |f| match_case(words[j], &f))
                    })
                    .collect();
                return join(&out);
            }
            if !has_noun(k) {
                return unchanged();
            }
            let ok = (0..an[k].len())
                .filter(|&i| an[k][i].tag.is_noun())
                .collect();
            (k, ok)
        }
    };

    // A participle or adjective after a comma ("государств, (не) обладающих …") agrees with the
    // head, a noun after a dash is in apposition ("государств — членов Организации": same case
    // and number): only the head readings it agrees with are possible.
    let fits = |j: usize, a: &Reading, n: Tag| {
        if words[j - 1] == "—" {
            a.tag.is_noun() && a.tag.case() == n.case() && a.tag.number() == n.number()
        } else {
            a.tag.is_adj() && agrees(a.tag, n)
        }
    };
    let post = postposed(&words, h).filter(|&j| {
        cands
            .iter()
            .any(|&i| an[j].iter().any(|a| fits(j, a, an[h][i].tag)))
    });
    let cands: Vec<usize> = match post {
        Some(j) => cands
            .into_iter()
            .filter(|&i| an[j].iter().any(|a| fits(j, a, an[h][i].tag)))
            .collect(),
        None => cands,
    };

    // Choose the head reading: singular if the phrase allows it, then the one that carries the
    // longest person's name after it (for an animate head), then the likeliest.
    let any_sing = cands.iter().any(|&i| an[h][i].tag.number() == Some("sing"));
    // (reading, name run, key)
    type Choice = (usize, Vec<(usize, usize)>, f64);
    let mut best: Option<Choice> = None;
    for &i in &cands {
        let r = &an[h][i];
        if any_sing && r.tag.number() != Some("sing") {
            continue;
        }
        let run = name_run(&words, &an, h, r.tag);
        let run_score: f64 = run.iter().map(|&(j, ri)| an[j][ri].score).sum();
        let key = run.len() as f64 * 10.0 + run_score + r.score;
        if best.as_ref().is_none_or(|b| key > b.2) {
            best = Some((i, run, key));
        }
    }
    let Some((hi, run, _)) = best else {
        return unchanged();
    };
    let hr = &an[h][hi];
    let mut number = hr.tag.number().unwrap_or("sing");
    if singular && number == "plur" && inflect(m, hr, "nomn", "sing", None).is_some() {
        number = "sing";
    }
    let head_gender = hr.tag.gender();

    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    let set = |out: &mut Vec<String>, j: usize, form: Option<String>| {
        if let Some(f) = form {
            out[j] = match_case(words[j], &f);
        }
    };
    set(&mut out, h, inflect(m, hr, "nomn", number, None));
    for j in adj_positions(h) {
        let r = an[j]
            .iter()
            .filter(|a| a.tag.is_adj())
            .find(|a| forced || agrees(a.tag, hr.tag));
        if let Some(r) = r {
            let gender = match r.tag.gender() {
                Some(g) if !forced && g != "ms-f" => Some(g),
                _ => match head_gender {
                    Some(g @ ("masc" | "femn" | "neut")) => Some(g),
                    _ => Some("masc"),
                },
            };
            set(&mut out, j, inflect(m, r, "nomn", number, gender));
        }
    }
    if let Some(j) = post {
        if let Some(r) = an[j].iter().find(|a| fits(j, a, hr.tag)) {
            let gender =
                head_gender.filter(|g| r.tag.is_adj() && matches!(*g, "masc" | "femn" | "neut"));
            set(&mut out, j, inflect(m, r, "nomn", number, gender));
        }
    }
    for (j, ri) in run {
        set(&mut out, j, inflect(m, &an[j][ri], "nomn", "sing", None));
    }
    join(&out)
}

/// The position of the word that may follow the head and agree with it: after "head ," (or
/// "head , не") a participle or adjective ("государства, обладающие ядерным оружием"), after
/// "head —" a noun in apposition ("государства — члены").
fn postposed(words: &[&str], h: usize) -> Option<usize> {
    let j = match words.get(h + 1).copied() {
        Some(",")
            if words
                .get(h + 2)
                .is_some_and(|w| w.eq_ignore_ascii_case("не")) =>
        {
            h + 3
        }
        Some("," | "—") => h + 2,
        _ => return None,
    };
    (j < words.len()).then_some(j)
}

/// The person's name in apposition right after an animate head in the head's case:
/// ("Шавката" +) "Мирзиёева", ("секретаря" +) "Антониу Гутерриша". Returns (token, reading)
/// pairs; the name's gender is set by its first word and kept through the run.
fn name_run(words: &[&str], an: &[Vec<Reading>], h: usize, head: Tag) -> Vec<(usize, usize)> {
    if !head.has("anim") || head.number() != Some("sing") {
        return Vec::new();
    }
    let own = if head.is_person_name() {
        head.gender()
    } else {
        None
    };
    let run = name_run_from(words, an, h + 1, head.case(), own);
    if !run.is_empty() || matches!(head.case(), Some("gent" | "accs") | None) {
        return run;
    }
    // In a case other than the genitive a name further on cannot be a dependent genitive:
    // "Президенту Республики Узбекистан Шавкату Мирзиёеву" names the president. Take it when
    // it ends the phrase.
    for start in h + 2..words.len() {
        let run = name_run_from(words, an, start, head.case(), None);
        if !run.is_empty() && run.last().map(|r| r.0) == Some(words.len() - 1) {
            return run;
        }
    }
    Vec::new()
}

/// The run of capitalised name words from `start` in `case`, all of one gender (`gender` if
/// given, else that of the first).
fn name_run_from(
    words: &[&str],
    an: &[Vec<Reading>],
    start: usize,
    case: Option<&'static str>,
    mut gender: Option<&'static str>,
) -> Vec<(usize, usize)> {
    let mut run = Vec::new();
    for j in start..words.len() {
        if !is_capitalised(words[j]) || is_all_caps(words[j]) {
            break;
        }
        let pick = an[j]
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.tag.is_person_name()
                    && r.tag.case() == case
                    && r.tag.number() == Some("sing")
                    && (gender.is_none() || r.tag.gender() == gender)
            })
            .max_by(|a, b| {
                a.1.score
                    .partial_cmp(&b.1.score)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        match pick {
            Some((ri, r)) => {
                gender = gender.or(r.tag.gender());
                run.push((j, ri));
            }
            None => break,
        }
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(s: &str) -> String {
        dictionary_form(&s.split_whitespace().collect::<Vec<_>>())
    }

    #[test]
    fn the_embedded_dictionary_is_written_out_whole_and_loads() {
        let d = tempfile::tempdir().unwrap();
        let dir = write_embedded(d.path()).expect("written");
        assert!(complete(&dir));
        // a second call finds the copy and writes nothing more
        assert_eq!(write_embedded(d.path()), Some(dir.clone()));
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
        let m = MorphAnalyzer::from_file(&dir);
        let lemmas: Vec<String> = m
            .parse("Совместного")
            .iter()
            .map(|v| v.lex.get_normal_form(&m).to_string())
            .collect();
        assert!(lemmas.iter().any(|l| l == "совместный"), "{:?}", lemmas);
    }

    const TABLE: &[(&str, &str)] = &[
        ("Совместного плана действий", "Совместный план действий"),
        ("Совместному плану действий", "Совместный план действий"),
        ("Совместный план действий", "Совместный план действий"),
        (
            "Регионального центра ООН по превентивной дипломатии для Центральной Азии",
            "Региональный центр ООН по превентивной дипломатии для Центральной Азии",
        ),
        ("Ташкентской декларации", "Ташкентская декларация"),
        (
            "Глобальной контртеррористической стратегии ООН",
            "Глобальная контртеррористическая стратегия ООН",
        ),
        (
            "Контртеррористического управления ООН",
            "Контртеррористическое управление ООН",
        ),
        (
            "Института стратегических и межрегиональных исследований",
            "Институт стратегических и межрегиональных исследований",
        ),
        ("Генеральной Ассамблеи", "Генеральная Ассамблея"),
        ("Совета Безопасности", "Совет Безопасности"),
        ("государств-членов", "государства-члены"),
        ("государствами-членами", "государства-члены"),
        ("Генерального секретаря", "Генеральный секретарь"),
        (
            "Организации по безопасности и сотрудничеству в Европе",
            "Организация по безопасности и сотрудничеству в Европе",
        ),
        ("Шавката Мирзиёева", "Шавкат Мирзиёев"),
        ("Антониу Гутерриша", "Антониу Гутерриш"),
        ("Владимира Воронкова", "Владимир Воронков"),
        ("Натальи Герман", "Наталья Герман"),
        ("Ташкенте", "Ташкент"),
        ("Центральной Азии", "Центральная Азия"),
        // Beyond the table.
        (
            "Генерального секретаря Антониу Гутерриша",
            "Генеральный секретарь Антониу Гутерриш",
        ),
        (
            "стратегических и межрегиональных исследований",
            "стратегические и межрегиональные исследования",
        ),
        ("Объединенных Наций", "Объединенные Нации"),
        (
            "Организации Объединенных Наций",
            "Организация Объединенных Наций",
        ),
        (
            "специальной политической миссии",
            "специальная политическая миссия",
        ),
        ("первого заседания", "первое заседание"),
        ("в Ташкенте", "в Ташкенте"),
        // a participle or adjective after a comma agrees with the head
        (
            "государств , обладающих ядерным оружием",
            "государства, обладающие ядерным оружием",
        ),
        (
            "государствами , не обладающими ядерным оружием",
            "государства, не обладающие ядерным оружием",
        ),
        (
            "государству , обладающему ядерным оружием",
            "государство, обладающее ядерным оружием",
        ),
        (
            "зоны , свободной от ядерного оружия",
            "зона, свободная от ядерного оружия",
        ),
        (
            "Стороны , являющейся развивающейся страной",
            "Сторона, являющаяся развивающейся страной",
        ),
        ("лица , подающего декларацию", "лицо, подающее декларацию"),
        ("государств — членов", "государства — члены"),
        (
            "Группы неприсоединившихся государств — участников Договора",
            "Группа неприсоединившихся государств — участников Договора",
        ),
    ];

    #[test]
    fn dictionary_forms_of_phrases() {
        assert!(
            dictionary_loaded(),
            "the OpenCorpora dictionary should load in tests"
        );
        let mut bad = Vec::new();
        for (input, want) in TABLE {
            let got = phrase(input);
            if got != *want {
                bad.push(format!("{input:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(
            bad.is_empty(),
            "{} of {} wrong:\n{}",
            bad.len(),
            TABLE.len(),
            bad.join("\n")
        );
    }

    #[test]
    fn lemmas_of_words() {
        for (w, want) in [
            ("плану", "план"),
            ("Совместного", "Совместный"),
            ("действий", "действие"),
            ("ООН", "ООН"),
            ("КТУ", "КТУ"),
            ("Мирзиёева", "Мирзиёев"),
            ("Гутерриша", "Гутерриш"),
            ("государств-членов", "государство-член"),
            ("Ташкенте", "Ташкент"),
            ("СОВМЕСТНОГО", "СОВМЕСТНЫЙ"),
            ("UNRCCA", "UNRCCA"),
            ("", ""),
        ] {
            assert_eq!(lemma(w), want, "lemma({w:?})");
        }
    }

    #[test]
    fn keys_collapse_inflections() {
        let k = lemma_key("Совместного");
        assert_eq!(k, "совместный");
        for w in ["совместному", "Совместный", "совместными", "СОВМЕСТНОЙ"]
        {
            assert_eq!(lemma_key(w), k, "{w}");
        }
        assert_eq!(lemma_key("объединённых"), lemma_key("объединенных"));
    }

    #[test]
    fn parts_of_speech() {
        assert_eq!(pos("плана"), Some("noun"));
        assert_eq!(pos("Совместного"), Some("adjective"));
        assert_eq!(pos("по"), Some("preposition"));
        assert_eq!(pos("и"), Some("conjunction"));
        assert_eq!(pos("2024"), Some("numeral"));
        assert_eq!(pos("объединённых"), Some("participle"));
        assert_eq!(pos(""), None);
        assert!(is_noun("Ассамблеи"));
        assert!(is_adjective("Генеральной"));
        assert!(has_pos("рабочий", "noun") && has_pos("рабочий", "adjective"));
    }

    #[test]
    fn fallback_rules() {
        assert_eq!(fallback_lemma("Воронкова"), "Воронков");
        assert_eq!(fallback_lemma("Мирзиёева"), "Мирзиёев");
        assert_eq!(fallback_lemma("Путина"), "Путин");
        assert_eq!(fallback_lemma("Чайковского"), "Чайковский");
        assert_eq!(fallback_lemma("ООН"), "ООН");
        assert_eq!(fallback_lemma("Плана"), "Плана");
    }

    /// Compares `lemma` with pymorphy3 on the first 200 distinct Cyrillic words of the UN dev
    /// set. Needs python3 with `pymorphy3` and `pymorphy3-dicts-ru` and ../shared/data; run with
    /// `cargo test --release --lib morph -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn agreement_with_pymorphy3() {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/unpc-dev/UNv1.0.devset.ru"
        );
        let text = std::fs::read_to_string(path).expect("read the UN dev set");
        let n: usize = std::env::var("MORPH_CMP_N")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(200);
        let mut seen = std::collections::HashSet::new();
        let mut words = Vec::new();
        'outer: for line in text.lines() {
            for w in line.split(|c: char| !(c.is_alphabetic() || c == '-')) {
                let w = w.trim_matches('-');
                if w.chars().count() >= 2
                    && w.chars()
                        .all(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | '-'))
                    && !is_all_caps(w)
                    && seen.insert(w.to_lowercase())
                {
                    words.push(w.to_string());
                    if words.len() == n {
                        break 'outer;
                    }
                }
            }
        }
        let script = "import sys, pymorphy3\nm = pymorphy3.MorphAnalyzer()\nfor w in sys.stdin.read().split():\n    print(m.parse(w)[0].normal_form)\n";
        let mut child = Command::new("python3")
            .args(["-c", script])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(words.join("\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "pymorphy3 failed: is it installed?");
        let theirs: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        assert_eq!(theirs.len(), words.len());
        let (mut exact, mut loose) = (0, 0);
        let mut diffs = Vec::new();
        for (w, t) in words.iter().zip(&theirs) {
            // Case is information for `lemma` (a capital initial suggests a name); pymorphy3
            // ignores it and answers in lower case.
            let ours = lemma(w).to_lowercase();
            if &ours == t {
                exact += 1;
            }
            if ours.replace('ё', "е") == t.replace('ё', "е") {
                loose += 1;
            } else {
                diffs.push(format!("{w}: ours {ours}, pymorphy3 {t}"));
            }
        }
        let total = words.len() as f64;
        println!(
            "lemma vs pymorphy3 on {} words: {:.1}% exact, {:.1}% ignoring ё",
            words.len(),
            100.0 * exact as f64 / total,
            100.0 * loose as f64 / total
        );
        for d in &diffs {
            println!("  {d}");
        }
        assert!(loose as f64 / total >= 0.9, "agreement below 90%");
    }
}
