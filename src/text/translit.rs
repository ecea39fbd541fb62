//! Transliteration keys: Мирзиёев ≈ Mirziyoyev, Гутерриш ≈ Guterres, РАТС ≈ RATS.
//!
//! Both scripts are mapped to one phonetic skeleton: Cyrillic is romanised (a scheme close to
//! the one English news uses), other letters lose their accents (deunicode), and then the
//! spellings that vary between romanisations are folded together (kh/h, ts/s, zh/j, y/i,
//! doubled letters, …). Names that are transliterations of each other end up with the same
//! or nearly the same key.
use unicode_normalization::UnicodeNormalization;

/// Romanisation of a lower-case Cyrillic letter (Russian plus the Ukrainian, Belarusian and
/// Central Asian letters met in names).
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        'ў' => "o",
        'қ' => "q",
        'ғ' => "g",
        'ҳ' => "h",
        'ә' => "a",
        'ө' => "o",
        'ү' => "u",
        'ұ' => "u",
        'ң' => "ng",
        'һ' => "h",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ђ' => "dj",
        'ћ' => "c",
        'џ' => "dzh",
        _ => return None,
    })
}

/// Romanise and lower-case: ASCII letters, digits and single spaces between words.
fn romanise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfc().flat_map(char::to_lowercase) {
        if let Some(r) = cyrillic(c) {
            out.push_str(r);
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            // Accented and other-script letters: António → antonio, Sahipkıran → sahipkiran.
            if let Some(r) = deunicode::deunicode_char(c) {
                out.extend(
                    r.chars()
                        .filter(char::is_ascii_alphanumeric)
                        .map(|c| c.to_ascii_lowercase()),
                );
            }
        } else if c.is_whitespace() && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        // Hyphens, apostrophes and other punctuation vanish: Abdul-Aziz ≈ Абдул-Азиз.
    }
    out.truncate(out.trim_end().len());
    out
}

/// Replace each pattern with its substitute, all in one left-to-right pass (longest first).
fn fold(s: &str, rules: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for (from, to) in rules {
            if let Some(r) = rest.strip_prefix(from) {
                out.push_str(to);
                rest = r;
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Spellings of one sound in different romanisations; each pass sees the previous pass's
/// output, so order matters.
const CONSONANTS: &[(&str, &str)] = &[
    ("shch", "sh"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("chzh", "j"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("gh", "g"),
    ("ck", "k"),
    ("cz", "ch"),
    // English c: "ce", "ci" sound s, elsewhere k; "ch" stays.
    ("ch", "ch"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "si"),
    ("c", "k"),
    // Ц is ts in romanisations and soft c in English spellings (Центр ≈ Center): both s.
    ("ts", "s"),
    ("tz", "s"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
];
/// Iotated vowels: Ё/yo, Е/ye, Ю/yu, Я/ya lose their glide (Мирзиёев ≈ Mirziyoyev); remaining
/// y and j-less i merge; sh/s merge (Гутерриш ≈ Guterres, Portuguese s sounds sh).
const VOWELS: &[(&str, &str)] = &[
    ("yo", "o"),
    ("ye", "e"),
    ("yu", "u"),
    ("ya", "a"),
    ("y", "i"),
    ("sh", "s"),
];

/// A Latin skeleton key of a word in either script, for comparing names across scripts.
pub fn translit_key(word: &str) -> String {
    let s = fold(&fold(&romanise(word), CONSONANTS), VOWELS);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Doubled letters: Гутерриш ≈ Guterres, Muhammad ≈ Мухамад.
        if !out.ends_with(c) || c == ' ' {
            out.push(c);
        }
    }
    // Chinese and Korean final -ng is -н in Russian: Чжан ≈ Zhang.
    out.split(' ')
        .map(|w| {
            w.strip_suffix("ng")
                .map_or(w.to_string(), |s| format!("{s}n"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Similarity in [0,1] of two names across scripts: normalised Levenshtein similarity of
/// their transliteration keys (0 when either has no letters).
pub fn translit_similarity(a: &str, b: &str) -> f64 {
    key_similarity(&translit_key(a), &translit_key(b))
}

/// [`translit_similarity`] of two transliteration keys already made.
pub fn key_similarity(ka: &str, kb: &str) -> f64 {
    if ka.is_empty() || kb.is_empty() {
        return 0.0;
    }
    strsim::normalized_levenshtein(ka, kb)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Russian spelling, English spelling of the same name.
    const PAIRS: &[(&str, &str)] = &[
        ("Мирзиёев", "Mirziyoyev"),
        ("Гутерриш", "Guterres"),
        ("РАТС", "RATS"),
        ("Шавкат", "Shavkat"),
        ("Воронков", "Voronkov"),
        ("Ташкент", "Tashkent"),
        ("Чжан", "Zhang"),
        ("Антониу", "Antonio"),
        ("Антониу", "António"),
        ("Мустафаев", "Mustafayev"),
        ("Бахтиёр", "Bakhtiyor"),
        ("Арипов", "Aripov"),
        ("Эльдор", "Eldor"),
        ("Ахмедов", "Akhmedov"),
        ("Хельга", "Helga"),
        ("Шмид", "Schmid"),
        ("Мажлис", "Majlis"),
        ("Узбекистан", "Uzbekistan"),
        ("Кыргызстан", "Kyrgyzstan"),
        ("Юрий", "Yury"),
        ("Евгений", "Yevgeny"),
        ("Достоевский", "Dostoevsky"),
        ("Центр", "Center"),
        ("Душанбе", "Dushanbe"),
        ("Ашхабад", "Ashkhabad"),
        ("Олий Мажлис", "Oliy Majlis"),
        ("Цветков", "Tsvetkov"),
        ("Франсиско", "Francisco"),
    ];

    #[test]
    fn name_pairs_are_similar() {
        for (ru, en) in PAIRS {
            let s = translit_similarity(ru, en);
            assert!(
                s >= 0.75,
                "{ru} [{}] vs {en} [{}]: {s:.2}",
                translit_key(ru),
                translit_key(en)
            );
        }
    }

    #[test]
    fn core_pairs_have_equal_or_close_keys() {
        for (ru, en) in [
            ("Мирзиёев", "Mirziyoyev"),
            ("РАТС", "RATS"),
            ("Шавкат", "Shavkat"),
            ("Воронков", "Voronkov"),
            ("Ташкент", "Tashkent"),
            ("Чжан", "Zhang"),
        ] {
            assert_eq!(translit_key(ru), translit_key(en), "{ru} {en}");
        }
        assert!(translit_similarity("Гутерриш", "Guterres") >= 0.85);
        assert!(translit_similarity("Антониу", "Antonio") >= 0.85);
    }

    #[test]
    fn unrelated_names_stay_apart() {
        for (a, b) in [
            ("Воронков", "Mirziyoyev"),
            ("Ташкент", "Tehran"),
            ("Гутерриш", "Schmid"),
            ("Шавкат", "Voronkov"),
            ("РАТС", "OSCE"),
            ("Чжан", "Mustafa"),
            ("Антониу", "Aripov"),
            ("Мирзиёев", "Mustafayev"),
            ("Ташкент", "Dushanbe"),
        ] {
            let s = translit_similarity(a, b);
            assert!(
                s < 0.5,
                "{a} [{}] vs {b} [{}]: {s:.2}",
                translit_key(a),
                translit_key(b)
            );
        }
    }

    #[test]
    fn keys_are_ascii_lower_case() {
        assert_eq!(translit_key("Мирзиёев"), "mirzioev");
        assert_eq!(translit_key("Шавкат Мирзиёев"), "savkat mirzioev");
        assert_eq!(translit_key("Abdul-Aziz"), translit_key("Абдул-Азиз"));
        assert_eq!(translit_key(""), "");
        assert_eq!(translit_key("«—»"), "");
        assert_eq!(translit_similarity("", "x"), 0.0);
        assert!(translit_key("Sahipkıran").is_ascii());
    }
}
