//! Sentence splitting for English and Russian: one linear pass over the text.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or brackets) followed by
//! white space and a character that can start a sentence (a capital, a digit, an opening
//! quote or dash). A period does not end a sentence after an abbreviation (Mr., т. е.),
//! an initial (B., Ш., А.С.), a dotted acronym (U.S.) or a leading list number (1.).
use super::Lang;
use std::ops::Range;

/// Abbreviations that are never the end of a sentence (lower case, inner spaces removed).
const EN_NO_SPLIT: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "gov",
    "sen", "rep", "hon", "amb", "messrs", "mme", "mlle", "e.g", "i.e", "cf", "vs", "viz", "approx",
    "dept", "h.e",
];
const RU_NO_SPLIT: &[&str] = &[
    "т.е",
    "т.к",
    "т.н",
    "т.ч",
    "им",
    "см",
    "ср",
    "напр",
    "проф",
    "акад",
    "доц",
    "ул",
    "пр-т",
    "пер",
    "пл",
    "обл",
    "р-н",
    "г-н",
    "г-жа",
    "гос",
    "англ",
    "рус",
    "лат",
    "букв",
    "вкл",
    "искл",
    "зам",
    "ген",
    "пред",
    "т.наз",
    "и.о",
    "юр",
];
/// Abbreviations that are not the end of a sentence when a number follows (No. 5, ст. 3).
const EN_BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "art", "arts", "p", "pp", "vol", "para", "paras", "ch", "sec", "fig", "op", "n",
];
const RU_BEFORE_NUMBER: &[&str] = &[
    "ст", "п", "пп", "ч", "рис", "табл", "гл", "стр", "с", "т", "д", "кв", "no", "№",
];

/// Characters that may close a sentence after its final punctuation.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | '“' | ')' | ']' | '}'
    )
}

/// Characters that may open a sentence before its first letter.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '«'
            | '‹'
            | '('
            | '['
            | '—'
            | '–'
            | '-'
            | '•'
            | '¿'
            | '¡'
    )
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}'
}

/// Whether the text from `i` on starts a new sentence (after skipped white space).
fn starts_sentence(text: &str, i: usize) -> bool {
    for c in text[i..].chars().take(8) {
        if is_opener(c) || is_space(c) {
            continue;
        }
        return c.is_uppercase() || c.is_ascii_digit() || c == '№';
    }
    false
}

/// The first non-space character at or after `i`.
fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().find(|&c| !is_space(c))
}

/// The word that ends at `end` (exclusive; `text[end]` is the period): letters, digits, dots
/// and hyphens, at most 24 bytes back. Returns its start offset.
fn word_before(text: &str, end: usize) -> usize {
    let mut start = end;
    for (i, c) in text[..end].char_indices().rev() {
        if !(c.is_alphanumeric() || c == '.' || c == '-' || c == '№') || end - i > 24 {
            break;
        }
        start = i;
    }
    start
}

/// A list label at the start of a sentence: "1", "1.2", "a", "iv".
fn is_list_label(w: &str) -> bool {
    // Section numbers have short parts ("1", "2.3"); "2022." opening a sentence is a year.
    w.split('.')
        .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        || w.chars().count() == 1
        || w.chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'))
}

/// Whether the period at byte `dot` does not end a sentence.
fn period_is_not_final(
    text: &str,
    dot: usize,
    sent_start: usize,
    after: usize,
    lang: Lang,
) -> bool {
    let ws = word_before(text, dot);
    let word = &text[ws..dot];
    if word.is_empty() {
        return false;
    }
    // "1." or "iv." opening the paragraph/sentence is a list label.
    if ws == sent_start && is_list_label(word) {
        return true;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap();
    // An initial: "B. Mustafayev", "Ш. Мирзиёев", "А.С. Пушкин" (last letter of the run).
    if chars.as_str().is_empty() && first.is_uppercase() {
        return true;
    }
    // Dotted acronyms and abbreviations: U.S., U.N., e.g., i.e., т.е., А.С.
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic));
    let mut key = word.to_lowercase();
    // Spaced abbreviations: "т. е." and "т. к." become "т.е".
    if chars.as_str().is_empty() && ws >= 3 {
        let before = text[..ws].trim_end_matches(is_space);
        if before.len() < ws && before.ends_with('.') {
            let pw = word_before(before, before.len() - 1);
            let prev = &before[pw..before.len() - 1];
            if prev.chars().count() == 1 {
                key = format!("{}.{}", prev.to_lowercase(), key);
            }
        }
    }
    // Both languages quote the other's abbreviations now and then, so both lists apply; the
    // before-number lists differ ("с. 5" is a page in Russian, "c. 5" nothing in English).
    if EN_NO_SPLIT.contains(&key.as_str()) || RU_NO_SPLIT.contains(&key.as_str()) {
        return true;
    }
    let before_number = match lang {
        Lang::Ru => RU_BEFORE_NUMBER,
        Lang::En | Lang::Other => EN_BEFORE_NUMBER,
    };
    // "г." after a year may end a sentence ("в 2022 г. Конференция…"); otherwise it is
    // "город" before a name ("в г. Ташкенте").
    if key == "г" {
        let before = text[..ws].trim_end_matches(is_space);
        return !before.ends_with(|c: char| c.is_ascii_digit());
    }
    if before_number.contains(&key.as_str())
        && next_char(text, after).is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    // "и т.д." / "etc." and "г." may end a sentence; other dotted acronyms (U.S.) usually do not.
    dotted && !matches!(key.as_str(), "т.д" | "т.п" | "и.т.д" | "и.т.п" | "etc")
}

/// Split a paragraph into sentences; returns byte ranges into `text`, trimmed, in order.
pub fn sentences(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Take the whole run of terminators and closing quotes/brackets: "?!", "...", ".»".
        let mut end = i + c.len_utf8();
        let mut only_periods = c == '.';
        let mut run = 1;
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?' | '…') || is_closer(d) {
                only_periods &= d == '.' || is_closer(d);
                run += (d == '.') as usize;
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // A boundary needs white space after it and a plausible sentence start.
        match text[end..].chars().next() {
            Some(d) if is_space(d) => {}
            _ => continue,
        }
        if !starts_sentence(text, end) {
            continue;
        }
        if only_periods && run == 1 && period_is_not_final(text, i, start, end, lang) {
            continue;
        }
        push_trimmed(&mut out, text, start..end);
        start = end;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let t = s.trim_matches(is_space);
    if !t.is_empty() {
        out.push(r.start + lead..r.start + lead + t.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str, lang: Lang) -> Vec<&str> {
        sentences(t, lang).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn basic_english() {
        assert_eq!(
            split(
                "  The event was held. It ended!  Was it good? Yes  ",
                Lang::En
            ),
            ["The event was held.", "It ended!", "Was it good?", "Yes"]
        );
        assert!(split("", Lang::En).is_empty());
        assert!(split("   ", Lang::En).is_empty());
    }

    #[test]
    fn english_abbreviations_and_initials() {
        let t = "Mr. Shavkat Mirziyoyev met Ms. Schmid and Dr. Smith in the U.S. and the U.N. office, e.g. in Tashkent, i.e. here, etc. B. Mustafayev noted No. 5 and Art. 3 of the law. He agreed.";
        assert_eq!(
            split(t, Lang::En),
            [
                "Mr. Shavkat Mirziyoyev met Ms. Schmid and Dr. Smith in the U.S. and the U.N. office, e.g. in Tashkent, i.e. here, etc.",
                "B. Mustafayev noted No. 5 and Art. 3 of the law.",
                "He agreed."
            ]
        );
        assert_eq!(split("The answer is no. Then we left.", Lang::En).len(), 2);
        assert_eq!(
            split("It was signed with Acme Ltd. The firm agreed.", Lang::En).len(),
            2
        );
    }

    #[test]
    fn russian_abbreviations_and_initials() {
        let t = "Ш. Мирзиёев, т. е. Президент, и А.С. Пушкин, т.е. поэт, родились в г. Ташкенте им. Навои, см. Приложение. В 2022 г. Конференция прошла в 2021–2022 гг. Участвовали страны, органы и т.д. Итоги подведены.";
        assert_eq!(
            split(t, Lang::Ru),
            [
                "Ш. Мирзиёев, т. е. Президент, и А.С. Пушкин, т.е. поэт, родились в г. Ташкенте им. Навои, см. Приложение.",
                "В 2022 г.",
                "Конференция прошла в 2021–2022 гг.",
                "Участвовали страны, органы и т.д.",
                "Итоги подведены."
            ]
        );
        assert_eq!(split("Согласно ст. 5 закона. Далее.", Lang::Ru).len(), 2);
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(
            split(
                "Growth was 3.5 percent, or 1,000 or 1 000 units. Next.",
                Lang::En
            )
            .len(),
            2
        );
        assert_eq!(
            split("Рост составил 3,5 %, или 1 000 единиц. Далее.", Lang::Ru).len(),
            2
        );
        assert_eq!(
            split(
                "It was held in 2022. Over 400 people came. 46 countries joined.",
                Lang::En
            )
            .len(),
            3
        );
    }

    #[test]
    fn list_markers_at_start() {
        assert_eq!(
            split("1. Introduction of the topic. Second sentence.", Lang::En),
            ["1. Introduction of the topic.", "Second sentence."]
        );
        assert_eq!(
            split("1) о роли РАТС ШОС. Далее.", Lang::Ru),
            ["1) о роли РАТС ШОС.", "Далее."]
        );
        assert_eq!(
            split(
                "(i) addressing the conditions; (ii) Preventing terrorism.",
                Lang::En
            )
            .len(),
            1
        );
        assert_eq!(split("iv. Fourth item here.", Lang::En).len(), 1);
        assert_eq!(split("2.3. Scope of the plan.", Lang::En).len(), 1);
        assert_eq!(
            split("2022. The year of the conference.", Lang::En).len(),
            2
        );
    }

    #[test]
    fn quotes_and_ellipsis() {
        assert_eq!(
            split("He said “We will win.” Then he left.", Lang::En),
            ["He said “We will win.”", "Then he left."]
        );
        assert_eq!(
            split(
                "Тема: «Сотрудничество стран.» Далее… Потом... и ещё. «Да!» — сказал он.",
                Lang::Ru
            ),
            [
                "Тема: «Сотрудничество стран.»",
                "Далее…",
                "Потом... и ещё.",
                "«Да!» — сказал он."
            ]
        );
        assert_eq!(
            split("(See the annex.) The end.", Lang::En),
            ["(See the annex.)", "The end."]
        );
        assert_eq!(
            split("Wait... what?! No way.", Lang::En),
            ["Wait... what?!", "No way."]
        );
    }

    #[test]
    fn no_split_without_space_or_before_lowercase() {
        assert_eq!(
            split("Visit UzDaily.com today. The site.", Lang::En).len(),
            2
        );
        assert_eq!(
            split("Resolution A/64/L.69 of 2010 was adopted. It", Lang::En).len(),
            2
        );
        assert_eq!(split("the word etc. and more", Lang::En).len(), 1);
        assert_eq!(split("See section 1.2. The rest.", Lang::En).len(), 2);
    }

    #[test]
    fn ranges_are_trimmed_and_ordered() {
        let t = "\u{00A0} One.  Two. ";
        let rs = sentences(t, Lang::En);
        assert_eq!(rs.len(), 2);
        assert_eq!(&t[rs[0].clone()], "One.");
        assert!(rs[0].end <= rs[1].start);
    }

    #[test]
    fn linear_on_a_huge_line() {
        let big = "Mr. Smith met Dr. Jones in the U.S. on 3.5 days. ".repeat(1_000_000); // ~50 MB
        let t = std::time::Instant::now();
        let n = sentences(&big, Lang::En).len();
        assert_eq!(n, 1_000_000);
        assert!(t.elapsed().as_secs_f64() < 5.0, "{:?}", t.elapsed());
        let dots = ".".repeat(10_000_000) + " A";
        assert_eq!(sentences(&dots, Lang::En).len(), 2);
    }
}
