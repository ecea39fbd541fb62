//! Acronym definitions in both languages and both directions: “Long Form (LF)” and
//! “LF (Long Form)”, after Schwartz & Hearst (2003), extended for multiword acronyms
//! (UN GCTS, КТУ ООН), mixed case (JPoA), acronyms inside the long form (ООН), skipped
//! content words (UNRCCA: … Preventive Diplomacy …) and trailing qualifiers (… under the
//! President of …).
use crate::text::{self, Lang, TokenKind};

/// A definition found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub short: String,
    pub long: String,
    /// Byte range of the long form in the text.
    pub long_span: (usize, usize),
    /// Byte range of the short form in the text.
    pub short_span: (usize, usize),
}

const EN_STOP: &[&str] = &[
    "of", "for", "the", "and", "on", "in", "at", "to", "against", "&", "de", "des", "du",
];
const RU_STOP: &[&str] = &[
    "по", "для", "и", "при", "в", "во", "на", "с", "со", "о", "об", "от", "к", "из", "за",
];
const TAIL: &[&str] = &[
    "under", "for", "of", "in", "at", "при", "для", "в", "по", "на",
];

/// True for a token that looks like an acronym: ≥2 letters, mostly upper case, and not a
/// roman numeral (II, IV, VIII).
pub fn is_acronym(w: &str) -> bool {
    // digits among lower-case letters: an identifier ("W5JSfq6LLAU", a video id), not an
    // acronym (COVID-19, H1N1 and JPoA are)
    if w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_lowercase) {
        return false;
    }
    if w.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M' | '-'))
        && w.len() <= 6
    {
        return false;
    }
    // counted in one pass, without allocating: this runs for every word of every candidate
    let (mut letters, mut up) = (0usize, 0usize);
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        up += usize::from(c.is_uppercase());
    }
    (2..=12).contains(&letters) && up >= 2 && up * 3 >= letters * 2 - 1
        || (letters >= 3
            && up >= 2
            && w.chars().next().is_some_and(char::is_uppercase)
            && up * 2 >= letters)
}

fn is_stop(w: &str) -> bool {
    let l = w.to_lowercase();
    EN_STOP.contains(&l.as_str()) || RU_STOP.contains(&l.as_str())
}

/// Letters of a short form: upper-case letters are required, lower-case ones optional.
fn sf_letters(sf: &str) -> Vec<(char, bool)> {
    let all_caps = !sf.chars().any(|c| c.is_lowercase());
    sf.chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| (lower(c), all_caps || c.is_uppercase()))
        .collect()
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Cost of matching `words` to `letters`; None when they cannot match.
fn match_cost(words: &[&str], letters: &[(char, bool)]) -> Option<f32> {
    fn go(
        words: &[&str],
        wi: usize,
        letters: &[(char, bool)],
        li: usize,
        skips: u32,
    ) -> Option<f32> {
        if wi == words.len() {
            return letters[li..].iter().all(|l| !l.1).then_some(0.0);
        }
        let w = words[wi];
        let chars: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).map(lower).collect();
        let mut best: Option<f32> = None;
        let mut consider = |c: Option<f32>, add: f32| {
            if let Some(c) = c {
                let c = c + add;
                if best.is_none_or(|b| c < b) {
                    best = Some(c);
                }
            }
        };
        // an optional letter left unmatched
        if li < letters.len() && !letters[li].1 {
            consider(go(words, wi, letters, li + 1, skips), 0.3);
        }
        if is_stop(w) {
            consider(go(words, wi + 1, letters, li, skips), 0.0);
        }
        // an acronym inside the long form consumes its own letters
        if is_acronym(w)
            && li + chars.len() <= letters.len()
            && chars.iter().zip(&letters[li..]).all(|(a, b)| *a == b.0)
        {
            consider(go(words, wi + 1, letters, li + chars.len(), skips), 0.0);
        }
        // initial letter, then optionally inner letters (Контр-Т-еррористическое, Counter-Terrorism)
        if li < letters.len() && chars.first() == Some(&letters[li].0) {
            let mut l = li + 1;
            consider(go(words, wi + 1, letters, l, skips), 0.0);
            let mut pos = 1;
            let mut extra = 0.0;
            while l < letters.len() {
                let Some(p) = chars[pos..].iter().position(|&c| c == letters[l].0) else {
                    break;
                };
                pos += p + 1;
                l += 1;
                // a letter at the start of a hyphen part is as good as an initial
                extra += 0.2;
                consider(go(words, wi + 1, letters, l, skips), extra);
            }
        }
        // a content word the acronym leaves out
        if skips < 2 && wi > 0 {
            consider(go(words, wi + 1, letters, li, skips + 1), 1.0);
        }
        best
    }
    if words.is_empty() || letters.is_empty() {
        return None;
    }
    // the long form must start with a word whose initial is the first letter
    let first: char = words[0].chars().next().map(lower)?;
    if first != letters[0].0 || is_stop(words[0]) {
        return None;
    }
    go(words, 0, letters, 0, 0)
}

/// Split hyphenated words into parts, keeping byte spans.
fn word_parts(t: &str) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    for tk in text::tokens(t) {
        if tk.kind != TokenKind::Word && tk.kind != TokenKind::Number {
            if matches!(tk.text, "&") {
                out.push((tk.text, tk.start, tk.end));
            }
            continue;
        }
        let mut off = tk.start;
        for part in tk.text.split(['-', '‐', '–']) {
            if !part.is_empty() {
                out.push((part, off, off + part.len()));
            }
            off += part.len() + 1;
        }
    }
    out
}

fn plausible_short(sf: &str) -> bool {
    let toks: Vec<&str> = sf.split_whitespace().collect();
    !toks.is_empty()
        && toks.len() <= 3
        && toks.iter().all(|t| is_acronym(t))
        && sf.chars().count() <= 16
}

/// A short form whose last word is an acronym of its own that the long form spells out inside
/// rather than at the end, as Russian genitives do: "Управление Организации Объединенных Наций
/// по наркотикам и преступности (УНП ООН)". The words spelling the qualifier (their initials,
/// stop words aside) are taken out, and the rest must match the other letters. Returns (cost,
/// start, end) in `parts`, searching from `from`.
fn qualifier_inside(
    sf: &str,
    parts: &[(&str, usize, usize)],
    from: usize,
) -> Option<(f32, usize, usize)> {
    let (head, q) = sf.rsplit_once(char::is_whitespace)?;
    let q_letters: Vec<char> = q.chars().filter(|c| c.is_alphabetic()).map(lower).collect();
    let letters = sf_letters(head);
    let n = parts.len();
    let initial = |w: &str| w.chars().next().map(lower);
    let mut best: Option<(f32, usize, usize)> = None;
    for qs in from..n {
        // the qualifier's words: as many content words as it has letters, stop words between
        let mut k = qs;
        let mut spelled = 0;
        while k < n && spelled < q_letters.len() {
            if is_stop(parts[k].0) && spelled > 0 {
                k += 1;
                continue;
            }
            if initial(parts[k].0) != Some(q_letters[spelled]) {
                break;
            }
            spelled += 1;
            k += 1;
        }
        if spelled < q_letters.len() || qs == from {
            continue;
        }
        for s in from..qs {
            let words: Vec<&str> = parts[s..qs]
                .iter()
                .chain(&parts[k..n])
                .map(|p| p.0)
                .collect();
            if let Some(c) = match_cost(&words, &letters) {
                if best.is_none_or(|b| c < b.0) {
                    best = Some((c, s, n));
                }
            }
        }
    }
    best
}

/// Find acronym definitions in a text of the given language.
pub fn definitions(t: &str, _lang: Lang) -> Vec<Definition> {
    let mut out = Vec::new();
    let bytes = t.as_bytes();
    let mut i = 0;
    while let Some(open) = t[i..].find('(').map(|p| p + i) {
        let Some(close) = t[open..].find(')').map(|p| p + open) else {
            break;
        };
        i = open + 1;
        let inner = t[open + 1..close].trim();
        if inner.is_empty() {
            continue;
        }
        // the clause before "(": back to punctuation that ends a long form
        let start = t[..open]
            .rfind([
                '.', ';', ':', '(', ')', ',', '«', '»', '“', '”', '"', '\n', '–', '—',
            ])
            .map(|p| p + t[p..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let before = &t[start..open];
        if plausible_short(inner) {
            let letters = sf_letters(inner);
            let parts = word_parts(before);
            let n = parts.len();
            let window = (letters.len() * 2 + 6).min(n);
            let mut best: Option<(f32, usize, usize)> = None;
            for s in (n - window..n).rev() {
                for e in (s + 1..=n).rev() {
                    let tail = e < n;
                    if tail && !TAIL.contains(&parts[e].0.to_lowercase().as_str()) {
                        continue;
                    }
                    let words: Vec<&str> = parts[s..e].iter().map(|p| p.0).collect();
                    if let Some(c) = match_cost(&words, &letters) {
                        let c = c + if tail { 0.5 } else { 0.0 };
                        if best.is_none_or(|b| c < b.0) {
                            best = Some((c, s, e));
                        }
                    }
                }
            }
            let best = best.or_else(|| qualifier_inside(inner, &parts, n - window));
            if let Some((_, s, e)) = best {
                let (a, b) = (start + parts[s].1, start + parts[e - 1].2);
                // keep hyphenated words whole
                let b = t[b..open].find(char::is_whitespace).map_or(b, |_| b);
                out.push(Definition {
                    short: inner.to_string(),
                    long: t[a..b].trim().to_string(),
                    long_span: (a, b),
                    short_span: (open + 1, close),
                });
            }
        } else {
            // "SF (Long Form)": the word(s) before "(" are an acronym
            let words: Vec<&str> = before.split_whitespace().collect();
            for k in (1..=2.min(words.len())).rev() {
                let sf = words[words.len() - k..].join(" ");
                if !plausible_short(&sf) {
                    continue;
                }
                let parts = word_parts(inner);
                let lw: Vec<&str> = parts.iter().map(|p| p.0).collect();
                if lw.len() >= 2 && match_cost(&lw, &sf_letters(&sf)).is_some_and(|c| c < 1.5) {
                    let sf_start = open - before.len() + before.rfind(&sf).unwrap_or(0);
                    out.push(Definition {
                        short: sf.clone(),
                        long: inner.to_string(),
                        long_span: (open + 1, close),
                        short_span: (sf_start, sf_start + sf.len()),
                    });
                    break;
                }
            }
        }
        let _ = bytes;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(t: &str, l: Lang) -> Vec<(String, String)> {
        definitions(t, l)
            .into_iter()
            .map(|d| (d.short, d.long))
            .collect()
    }

    #[test]
    fn an_identifier_is_no_acronym() {
        // issue 9: a video id was taken for an acronym
        assert!(!is_acronym("W5JSfq6LLAU"));
        assert!(is_acronym("COVID-19"));
        assert!(is_acronym("H1N1"));
        assert!(is_acronym("JPoA"));
    }

    #[test]
    fn english_definitions() {
        let cases = [
            ("the United Nations Office of Counter-Terrorism (UNOCT), the", "UNOCT", "United Nations Office of Counter-Terrorism"),
            ("the UN Regional Center for Preventive Diplomacy for Central Asia (UNRCCA) and", "UNRCCA", "UN Regional Center for Preventive Diplomacy for Central Asia"),
            ("the Organization for Security and Cooperation in Europe (OSCE).", "OSCE", "Organization for Security and Cooperation in Europe"),
            ("of the UN Global Counter-Terrorism Strategy (UN GCTS) in", "UN GCTS", "UN Global Counter-Terrorism Strategy"),
            ("the Joint Plan of Action for Central Asia (JPOA) would", "JPOA", "Joint Plan of Action"),
            ("the SCO Regional Anti-Terrorist Structure (RATS) in", "RATS", "Regional Anti-Terrorist Structure"),
            ("the Institute for Strategic and Regional Studies under the President of the Republic of Uzbekistan (ISRS), the", "ISRS", "Institute for Strategic and Regional Studies"),
            ("the Joint Plan of Action (JPoA) for", "JPoA", "Joint Plan of Action"),
        ];
        for (t, sf, lf) in cases {
            assert_eq!(
                defs(t, Lang::En),
                vec![(sf.to_string(), lf.to_string())],
                "{t}"
            );
        }
    }

    #[test]
    fn a_qualifier_spelled_inside_the_long_form() {
        let d = defs(
            "мандатов Управление Организации Объединенных Наций по наркотикам и преступности (УНП ООН) в",
            Lang::Ru,
        );
        assert_eq!(
            d,
            vec![(
                "УНП ООН".to_string(),
                "Управление Организации Объединенных Наций по наркотикам и преступности"
                    .to_string()
            )]
        );
    }

    #[test]
    fn russian_definitions() {
        let cases = [
            (
                "а также Контртеррористическое управление ООН (КТУ ООН), ",
                "КТУ ООН",
                "Контртеррористическое управление ООН",
            ),
            (
                "Региональный центр ООН по превентивной дипломатии для Центральной Азии (РЦПДЦА) и",
                "РЦПДЦА",
                "Региональный центр ООН по превентивной дипломатии для Центральной Азии",
            ),
            (
                "и Организация по безопасности и сотрудничеству в Европе (ОБСЕ).",
                "ОБСЕ",
                "Организация по безопасности и сотрудничеству в Европе",
            ),
            (
                "Глобальной контртеррористической стратегии ООН (ГКТС ООН) в",
                "ГКТС ООН",
                "Глобальной контртеррористической стратегии ООН",
            ),
            (
                "реализации Совместного плана действий для Центральной Азии (СПД). ",
                "СПД",
                "Совместного плана действий",
            ),
        ];
        for (t, sf, lf) in cases {
            assert_eq!(
                defs(t, Lang::Ru),
                vec![(sf.to_string(), lf.to_string())],
                "{t}"
            );
        }
    }

    #[test]
    fn reverse_definitions_and_non_definitions() {
        assert_eq!(
            defs(
                "the UNOCT (United Nations Office of Counter-Terrorism) said",
                Lang::En
            ),
            vec![(
                "UNOCT".to_string(),
                "United Nations Office of Counter-Terrorism".to_string()
            )]
        );
        assert!(defs("in 2011 (see annex) and (2017)", Lang::En).is_empty());
        assert!(defs("the meeting (UNOCT) was", Lang::En).is_empty());
    }
}

/// The Schwartz & Hearst (2003) algorithm as published, for comparison with [`definitions`]:
/// “LF (SF)” only, a short form of at most two words and 2–10 characters, a long form of at
/// most min(|SF| + 5, 2·|SF|) words matched character by character from the end.
pub fn schwartz_hearst(t: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(open) = t[i..].find('(').map(|p| p + i) {
        let Some(close) = t[open..].find(')').map(|p| p + open) else {
            break;
        };
        i = open + 1;
        let sf = t[open + 1..close].trim();
        let n = sf.chars().count();
        if !(2..=10).contains(&n)
            || sf.split_whitespace().count() > 2
            || !sf.chars().any(char::is_alphabetic)
            || !sf.chars().next().is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let start = t[..open].rfind(['.', ';', '(', ')']).map_or(0, |p| p + 1);
        let words: Vec<&str> = t[start..open].split_whitespace().collect();
        let max = (n + 5).min(2 * n).min(words.len());
        let lf = words[words.len() - max..].join(" ");
        if let Some(best) = best_long_form(sf, &lf) {
            out.push((sf.to_string(), best));
        }
    }
    out
}

fn best_long_form(sf: &str, lf: &str) -> Option<String> {
    let s: Vec<char> = sf.chars().flat_map(char::to_lowercase).collect();
    let l: Vec<char> = lf.chars().flat_map(char::to_lowercase).collect();
    let (mut si, mut li) = (s.len() as isize - 1, l.len() as isize - 1);
    while si >= 0 {
        let c = s[si as usize];
        if !c.is_alphanumeric() {
            si -= 1;
            continue;
        }
        while li >= 0
            && (l[li as usize] != c || (si == 0 && li > 0 && l[li as usize - 1].is_alphanumeric()))
        {
            li -= 1;
        }
        if li < 0 {
            return None;
        }
        li -= 1;
        si -= 1;
    }
    let from = lf.char_indices().nth((li + 1) as usize).map_or(0, |x| x.0);
    let start = lf[..from].rfind(' ').map_or(0, |p| p + 1);
    Some(lf[start..].to_string())
}

#[cfg(test)]
mod baseline_tests {
    use super::*;

    /// On the seed's definitions, termtool's extension finds what the published algorithm finds,
    /// and more (UN GCTS with the right long form, UNRCCA, ISRS, the Russian ones).
    #[test]
    fn extension_beats_the_baseline_on_the_seed() {
        let t = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/tashkent-conference-2022.en-ru.txt"
        ))
        .unwrap();
        let ours: Vec<(String, String)> = definitions(&t, Lang::En)
            .into_iter()
            .map(|d| (d.short, d.long))
            .collect();
        let base = schwartz_hearst(&t);
        assert!(ours.len() > base.len(), "ours {ours:?}\nbaseline {base:?}");
    }
}
