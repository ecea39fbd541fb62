//! Anchors that survive translation: numbers (both conventions), months, Latin-script tokens
//! inside Russian text, acronyms, transliterated names and cognates, list markers.
use crate::text::{self, Lang, TokenKind};

/// Cognate/transliteration prefix length, in folded Latin letters.
const PREFIX: usize = 5;

/// One anchor key with its kind's base weight.
pub type Anchor = (String, f32);

const EN_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const EN_MONTH_FULL: [&str; 12] = [
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
];
const RU_MONTH_FORMS: [&[&str]; 12] = [
    &["январь", "января", "январе"],
    &["февраль", "февраля", "феврале"],
    &["март", "марта", "марте"],
    &["апрель", "апреля", "апреле"],
    &["май", "мая", "мае"],
    &["июнь", "июня", "июне"],
    &["июль", "июля", "июле"],
    &["август", "августа", "августе"],
    &["сентябрь", "сентября", "сентябре"],
    &["октябрь", "октября", "октябре"],
    &["ноябрь", "ноября", "ноябре"],
    &["декабрь", "декабря", "декабре"],
];

/// Fold a Latin transliteration so that English spelling and Russian transliteration meet:
/// c/q→k, w→v, y/j→i, x→ks, ph→f, h dropped, doubled letters collapsed.
pub fn fold(latin: &str) -> String {
    let mut out = String::with_capacity(latin.len());
    let chars: Vec<char> = latin.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let n = chars.get(i + 1).copied();
        let mapped: &str = match (c, n) {
            ('p', Some('h')) => {
                i += 1;
                "f"
            }
            ('c', _) | ('q', _) | ('k', _) => "k",
            ('w', _) => "v",
            ('y', _) | ('j', _) => "i",
            ('x', _) => "ks",
            ('h', _) => "",
            _ => {
                out.push(c);
                ""
            }
        };
        out.push_str(mapped);
        i += 1;
    }
    let mut dedup = String::with_capacity(out.len());
    let mut last = '\0';
    for c in out.chars() {
        if c != last {
            dedup.push(c);
        }
        last = c;
    }
    dedup
}

/// Whether a word has Cyrillic letters.
pub fn is_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

/// Whether a word looks like an acronym: two or more capitals, at least half its letters.
pub fn is_acronym(w: &str) -> bool {
    let up = w.chars().filter(|c| c.is_uppercase()).count();
    let n = w.chars().count();
    n >= 2 && up >= 2 && up * 2 >= n
}

fn month(word_lower: &str, lang: Lang) -> Option<usize> {
    match lang {
        Lang::Ru => RU_MONTH_FORMS
            .iter()
            .position(|forms| forms.contains(&word_lower)),
        _ => EN_MONTH_FULL
            .iter()
            .position(|m| *m == word_lower)
            .or_else(|| {
                // "Jan.", "Sept" style abbreviations
                if word_lower.len() >= 3 && word_lower.len() <= 4 {
                    EN_MONTHS
                        .iter()
                        .position(|m| word_lower.starts_with(m))
                        .filter(|&i| i != 4)
                } else {
                    None
                }
            }),
    }
}

/// Numbers in a text, normalised: thousands separators (",", " ", no-break space, thin
/// space, "." before exactly three digits in Russian) removed, decimal comma → point.
pub fn numbers(t: &str, lang: Lang) -> Vec<String> {
    let b: Vec<char> = t.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut s = String::new();
        // digits since the last separator: a space separates groups of three after a first
        // group of at most three ("8 787 700")
        let mut group = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                s.push(c);
                group += 1;
                i += 1;
                continue;
            }
            // a separator between digit groups
            let next3 = i + 3 < b.len() + 1
                && (1..=3).all(|k| b.get(i + k).is_some_and(|d| d.is_ascii_digit()))
                && !b.get(i + 4).is_some_and(|d| d.is_ascii_digit());
            let is_space = matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}');
            if (c == ',' && lang != Lang::Ru && next3)
                || (is_space && next3 && group <= 3)
                || (c == '.' && lang == Lang::Ru && next3)
            {
                group = 0;
                i += 1;
                continue;
            }
            if (c == '.' || c == ',') && b.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                s.push('.');
                i += 1;
                continue;
            }
            break;
        }
        out.push(s.trim_start_matches('0').to_string());
    }
    out
}

/// The anchors of one unit of text, sorted by key, each key once with its highest weight.
pub fn anchors(t: &str, lang: Lang) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    let toks = text::tokens(t);
    visit(&toks, t, lang, |found| match found {
        Found::Keyed(key, w) => out.push((key, w)),
        Found::Word(k) => out.extend(word_anchors(toks[k].text, lang)),
    });
    out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// What [`visit`] finds in a unit.
pub enum Found {
    /// An anchor its context makes: a number, a list marker such as "(iv)".
    Keyed(String, f32),
    /// Any other word, by its position among the tokens: its anchors are [`word_anchors`]
    /// wherever it stands, so a caller can work them out once per word.
    Word(usize),
}

/// Walk the anchors of a unit given its tokens.
pub fn visit(toks: &[text::Token], t: &str, lang: Lang, mut f: impl FnMut(Found)) {
    if t.bytes().any(|b| b.is_ascii_digit()) {
        for n in numbers(t, lang) {
            let w = if n.len() >= 3 { 2.0 } else { 1.0 };
            f(Found::Keyed(format!("n:{}", n), w));
        }
    }
    for (k, tok) in toks.iter().enumerate() {
        if tok.kind != TokenKind::Word {
            continue;
        }
        let w = tok.text;
        // Roman list markers: "(iv)", "iv)"
        if toks.get(k + 1).is_some_and(|p| p.text == ")")
            && w.len() <= 4
            && w.chars()
                .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'))
        {
            f(Found::Keyed(format!("r:{}", w.to_lowercase()), 1.0));
            continue;
        }
        f(Found::Word(k));
    }
}

/// The anchors one word gives wherever it stands: a month, or Latin words inside Russian,
/// acronyms and a transliterated prefix.
pub fn word_anchors(w: &str, lang: Lang) -> Vec<Anchor> {
    let lower = w.to_lowercase();
    if let Some(m) = month(&lower, lang) {
        return vec![(format!("m:{}", m), 1.5)];
    }
    let mut out = Vec::new();
    let cyr = is_cyrillic(w);
    if !cyr
        && (lang == Lang::Ru || is_acronym(w) || w.chars().next().is_some_and(char::is_uppercase))
    {
        // Latin tokens inside Russian text meet acronyms and names in English text.
        out.push((format!("w:{}", lower), 2.0));
    }
    let f = fold(&if cyr {
        text::translit_key(&lower)
    } else {
        lower.clone()
    });
    if is_acronym(w) {
        out.push((format!("a:{}", f), 2.0));
    }
    if f.chars().count() >= PREFIX {
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let p: String = f.chars().take(PREFIX).collect();
        out.push((format!("t:{}", p), if capital { 1.0 } else { 0.5 }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(t: &str, l: Lang) -> Vec<String> {
        anchors(t, l).into_iter().map(|a| a.0).collect()
    }

    #[test]
    fn numbers_both_conventions() {
        assert_eq!(numbers("1,000 people, 3.5%", Lang::En), vec!["1000", "3.5"]);
        assert_eq!(
            numbers("1 000 человек, 3,5 %", Lang::Ru),
            vec!["1000", "3.5"]
        );
        assert_eq!(
            numbers("8 787 700 долл. и 26.659 человек", Lang::Ru),
            vec!["8787700", "26659"]
        );
        assert_eq!(
            numbers("$8,787,700 and 26,659 people", Lang::En),
            vec!["8787700", "26659"]
        );
        assert_eq!(
            numbers("On March 3-4, 2022", Lang::En),
            vec!["3", "4", "2022"]
        );
    }

    #[test]
    fn dates_meet() {
        let e = keys("On March 3-4, 2022, a conference", Lang::En);
        let r = keys("3-4 марта 2022 года конференция", Lang::Ru);
        for k in ["n:3", "n:4", "n:2022", "m:2"] {
            assert!(
                e.contains(&k.to_string()) && r.contains(&k.to_string()),
                "{k}: {e:?} {r:?}"
            );
        }
    }

    #[test]
    fn latin_in_russian_meets_english() {
        let e = keys("the UN Regional Center (UNRCCA)", Lang::En);
        let r = keys("Региональный центр ООН (UNRCCA)", Lang::Ru);
        assert!(e.contains(&"w:unrcca".to_string()) && r.contains(&"w:unrcca".to_string()));
    }

    #[test]
    fn fold_meets() {
        assert_eq!(fold("conference").get(..5), Some("konfe"));
    }
}
