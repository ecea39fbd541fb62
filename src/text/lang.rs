//! Language identification of paragraphs: English, Russian or another language.
//!
//! Script shares decide first (Cyrillic → Russian unless letters and whatlang say another
//! Cyrillic language); Latin text is English unless foreign letters, whatlang and the absence
//! of English function words agree on another language. Only a bounded prefix is examined.
use serde::Serialize;
use whatlang::Lang as WL;

/// The languages termtool works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ru,
    Other,
}

impl Lang {
    /// "en", "ru" or "other".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Other => "other",
        }
    }
}

/// The result of language identification.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub lang: Lang,
    /// ISO 639-1 code where known ("en", "ru", "tr", "de", …), "und" when unknown.
    pub code: String,
    /// Confidence in [0,1].
    pub confidence: f64,
}

impl Detected {
    fn new(lang: Lang, code: &str, confidence: f64) -> Detected {
        Detected {
            lang,
            code: code.to_string(),
            confidence: confidence.clamp(0.0, 1.0),
        }
    }
}

/// At most this many characters are examined, so huge single-line inputs stay cheap.
const SAMPLE_CHARS: usize = 2000;

/// Share of Cyrillic letters from which a text counts as Russian (Russian text quotes Latin
/// names and acronyms: «Регионального центра ООН (UNRCCA) и OSCE»).
const CYRILLIC_SHARE: f64 = 0.25;

/// Latin-script languages whatlang may choose among. A short list keeps whatlang from
/// labelling English names as Norwegian or Shona; Turkish is in because it is common in
/// the Central Asian sources termtool works with.
const LATIN_LANGS: &[WL] = &[
    WL::Eng,
    WL::Tur,
    WL::Deu,
    WL::Fra,
    WL::Spa,
    WL::Ita,
    WL::Por,
    WL::Nld,
];

/// English function words that are rare as words in other Latin-script languages
/// (so no "a", "in", "to", "die", "is").
const EN_STOP: &[&str] = &[
    "the", "of", "and", "for", "with", "that", "this", "these", "those", "are", "was", "were",
    "will", "would", "be", "been", "by", "from", "which", "who", "has", "have", "had", "their",
    "its", "it", "at", "as", "or", "not", "on", "an", "into", "under", "between", "about", "they",
    "we", "our", "you", "your", "he", "she", "his", "her", "more", "also", "such", "should", "can",
    "than", "other", "all", "what", "when", "after", "within",
];

/// Letters of Latin-script languages that English text does not use, even in names
/// (Turkish and Azerbaijani dotless i, soft g, s-cedilla; German sharp s).
fn is_strong_foreign_latin(c: char) -> bool {
    matches!(
        c,
        'ı' | 'İ'
            | 'ğ'
            | 'Ğ'
            | 'ş'
            | 'Ş'
            | 'ß'
            | 'ə'
            | 'Ə'
            | 'ő'
            | 'ű'
            | 'ł'
            | 'ą'
            | 'ę'
            | 'ș'
            | 'ț'
    )
}

/// Cyrillic letters Russian lacks, with the language they point to when whatlang does not
/// know it (Kazakh, Uzbek and Tajik Cyrillic).
fn non_russian_cyrillic(c: char) -> Option<&'static str> {
    match c.to_lowercase().next().unwrap_or(c) {
        'ӣ' | 'ӯ' | 'ҷ' => Some("tg"),
        'ә' | 'ө' | 'ұ' | 'ү' | 'ң' | 'һ' => Some("kk"),
        'қ' | 'ғ' | 'ҳ' => Some("uz"),
        'і' | 'ї' | 'є' | 'ґ' | 'ў' | 'ђ' | 'ј' | 'љ' | 'њ' | 'ћ' | 'џ' | 'ѓ' | 'ќ' | 'ѕ' => {
            Some("und")
        }
        _ => None,
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{0250}'..='\u{02AF}')
            && c.is_alphabetic()
            && c != '×'
            && c != '÷'
}

/// ISO 639-1 code of a whatlang language ("und" where none exists).
pub fn iso639_1(l: WL) -> &'static str {
    match l {
        WL::Epo => "eo",
        WL::Eng => "en",
        WL::Rus => "ru",
        WL::Cmn => "zh",
        WL::Spa => "es",
        WL::Por => "pt",
        WL::Ita => "it",
        WL::Ben => "bn",
        WL::Fra => "fr",
        WL::Deu => "de",
        WL::Ukr => "uk",
        WL::Kat => "ka",
        WL::Ara => "ar",
        WL::Hin => "hi",
        WL::Jpn => "ja",
        WL::Heb => "he",
        WL::Yid => "yi",
        WL::Pol => "pl",
        WL::Amh => "am",
        WL::Jav => "jv",
        WL::Kor => "ko",
        WL::Nob => "nb",
        WL::Dan => "da",
        WL::Swe => "sv",
        WL::Fin => "fi",
        WL::Tur => "tr",
        WL::Nld => "nl",
        WL::Hun => "hu",
        WL::Ces => "cs",
        WL::Ell => "el",
        WL::Bul => "bg",
        WL::Bel => "be",
        WL::Mar => "mr",
        WL::Kan => "kn",
        WL::Ron => "ro",
        WL::Slv => "sl",
        WL::Hrv => "hr",
        WL::Srp => "sr",
        WL::Mkd => "mk",
        WL::Lit => "lt",
        WL::Lav => "lv",
        WL::Est => "et",
        WL::Tam => "ta",
        WL::Vie => "vi",
        WL::Urd => "ur",
        WL::Tha => "th",
        WL::Guj => "gu",
        WL::Uzb => "uz",
        WL::Pan => "pa",
        WL::Aze => "az",
        WL::Ind => "id",
        WL::Tel => "te",
        WL::Pes => "fa",
        WL::Mal => "ml",
        WL::Ori => "or",
        WL::Mya => "my",
        WL::Nep => "ne",
        WL::Sin => "si",
        WL::Khm => "km",
        WL::Tuk => "tk",
        WL::Aka => "ak",
        WL::Zul => "zu",
        WL::Sna => "sn",
        WL::Afr => "af",
        WL::Lat => "la",
        WL::Slk => "sk",
        WL::Cat => "ca",
        WL::Tgl => "tl",
        WL::Hye => "hy",
    }
}

/// The first `SAMPLE_CHARS` characters of `text`.
fn sample(text: &str) -> &str {
    match text.char_indices().nth(SAMPLE_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Letter counts of a sample by script.
#[derive(Default)]
struct Counts {
    cyr: usize,
    latin: usize,
    other: usize,
    /// Non-ASCII Latin letters (é, ü, ı, …).
    latin_diacritic: usize,
    strong_foreign: usize,
    /// Cyrillic letters Russian lacks, and the language the last one points to.
    non_russian: usize,
    non_russian_hint: &'static str,
}

fn count(s: &str) -> Counts {
    let mut k = Counts {
        non_russian_hint: "und",
        ..Counts::default()
    };
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if is_cyrillic(c) {
            k.cyr += 1;
            if let Some(hint) = non_russian_cyrillic(c) {
                k.non_russian += 1;
                // A specific hint (kk, uz, tg) beats the generic one.
                if k.non_russian_hint == "und" {
                    k.non_russian_hint = hint;
                }
            }
        } else if is_latin(c) {
            k.latin += 1;
            if !c.is_ascii() {
                k.latin_diacritic += 1;
                k.strong_foreign += is_strong_foreign_latin(c) as usize;
            }
        } else {
            k.other += 1;
        }
    }
    k
}

/// More letters, more trust: 0.5 for a word or two, 1.0 from about 40 letters on.
fn length_factor(letters: usize) -> f64 {
    (0.5 + letters as f64 / 80.0).min(1.0)
}

/// Detect the language of a paragraph.
pub fn detect(text: &str) -> Detected {
    let s = sample(text);
    let k = count(s);
    let letters = k.cyr + k.latin + k.other;
    if letters == 0 {
        return Detected::new(Lang::Other, "und", 0.0);
    }
    let lf = length_factor(letters);
    let cyr_share = k.cyr as f64 / letters as f64;
    if cyr_share >= CYRILLIC_SHARE && k.cyr >= k.other {
        return detect_cyrillic(s, &k, cyr_share, lf);
    }
    if k.latin >= k.other {
        return detect_latin(s, &k, lf);
    }
    // Another script (Greek, Arabic, CJK, …): whatlang's answer, never en/ru.
    match whatlang::detect(s) {
        Some(info) => {
            let code = iso639_1(info.lang());
            let code = if matches!(code, "en" | "ru") {
                "und"
            } else {
                code
            };
            Detected::new(Lang::Other, code, (0.5 + info.confidence() / 2.0) * lf)
        }
        None => Detected::new(Lang::Other, "und", 0.5 * lf),
    }
}

/// Cyrillic text: Russian unless it has letters Russian lacks and whatlang (or those letters)
/// point to another language.
fn detect_cyrillic(s: &str, k: &Counts, cyr_share: f64, lf: f64) -> Detected {
    let conf = (0.5 + cyr_share / 2.0) * lf;
    // One stray letter (a quoted Ukrainian name) is not enough.
    if k.non_russian >= 2 || (k.non_russian == 1 && k.cyr < 40) {
        if k.non_russian_hint != "und" && k.non_russian * 50 >= k.cyr {
            return Detected::new(Lang::Other, k.non_russian_hint, conf);
        }
        if let Some(info) = whatlang::detect(s) {
            if info.lang() != WL::Rus && info.confidence() >= 0.5 {
                return Detected::new(Lang::Other, iso639_1(info.lang()), conf * info.confidence());
            }
        }
    }
    Detected::new(Lang::Ru, "ru", conf)
}

/// Latin-script text: English or another Latin-script language.
fn detect_latin(s: &str, k: &Counts, lf: f64) -> Detected {
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .filter(|w| w.chars().any(is_latin))
        .map(|w| w.to_lowercase())
        .collect();
    let n_words = words.len().max(1);
    let stop = words
        .iter()
        .filter(|w| EN_STOP.contains(&w.as_str()))
        .count();
    let stop_share = stop as f64 / n_words as f64;
    let diacritic_share = k.latin_diacritic as f64 / k.latin.max(1) as f64;

    let detector = whatlang::Detector::with_allowlist(LATIN_LANGS.to_vec());
    let (wl, wl_conf) = match detector.detect(s) {
        Some(info) => (info.lang(), info.confidence()),
        None => (WL::Eng, 0.0),
    };

    // English function words carry a paragraph unless foreign letters are frequent.
    let english_words = stop_share >= 0.2 && n_words >= 3 && diacritic_share < 0.03;
    if wl == WL::Eng || english_words {
        let conf = (0.4 + stop_share.min(0.3) * 2.0).max(if wl == WL::Eng { wl_conf } else { 0.0 });
        return Detected::new(Lang::En, "en", conf * lf);
    }
    // Foreign evidence: whatlang is fairly sure, or letters English never uses appear in
    // text without English function words.
    let strong_letters = k.strong_foreign > 0 && stop_share < 0.1;
    if wl_conf >= 0.4 || strong_letters {
        let code = if strong_letters && wl_conf < 0.4 && k.strong_foreign * 2 >= k.latin_diacritic {
            // Mostly Turkish-specific letters, whatlang unsure: Turkish is the likely one.
            "tr"
        } else {
            iso639_1(wl)
        };
        let conf = (wl_conf.max(if strong_letters { 0.6 } else { 0.0 }) * (1.0 - stop_share)) * lf;
        return Detected::new(Lang::Other, code, conf);
    }
    // Weak evidence either way (names, menu words): English, the document language we expect.
    Detected::new(Lang::En, "en", (0.5 - wl_conf / 2.0 + stop_share) * lf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> (Lang, String) {
        let d = detect(s);
        assert!((0.0..=1.0).contains(&d.confidence), "{s}: {}", d.confidence);
        (d.lang, d.code)
    }

    #[test]
    fn english_lines_from_the_seed() {
        for s in [
            "Twitter Facebook Linkedin Youtube",
            "For more information:",
            "• visit the conference website:;",
            "• contact the public relations coordinators;",
            "• Review background materials such as the concept note, draft program and information for attendees posted on the conference website.",
            "UZBEKISTAN AND THE UNITED NATIONS",
            "Initiative and Global Participation",
            "Eldor Aripov: Cooperation with UN is an essential foreign policy priority of Uzbekistan",
            "Mauro Miedico",
            "Shavkat Mirziyoyev",
            "Helga Maria Schmid",
            "Kazakhstan, Kyrgyzstan, Tajikistan",
            "AFTERWORD",
            "Timur Akhmedov,",
            "Hello world",
            "At the opening ceremony, an address is expected on behalf of the President of the Republic of Uzbekistan, Mr. Shavkat Mirziyoyev and a video message from the Secretary-General of the United Nations, Mr. António Guterres.",
        ] {
            assert_eq!(lang(s), (Lang::En, "en".to_string()), "{s}");
        }
    }

    #[test]
    fn russian_with_latin_acronyms() {
        for s in [
            "Организаторами выступают Регионального центра ООН (UNRCCA) и OSCE",
            "В Ташкенте состоится Международная конференция высокого уровня",
            "Для получения более подробной информации:",
            "1) о роли РАТС ШОС",
            "UNOCT, UNRCCA, OSCE и ИСМИ",
            "ООН",
        ] {
            assert_eq!(lang(s), (Lang::Ru, "ru".to_string()), "{s}");
        }
    }

    #[test]
    fn turkish_footer_is_not_english() {
        for s in [
            "sahipkiran Hakkında",
            "Yorum Ekleyebilirsiniz",
            "%d blogcu bunu beğendi:",
            "Sahipkıran; 1 Aralık 2012 tarihinde kurulmuş, Ankara merkezli bir Stratejik Araştırmalar Merkezidir. Merkezimiz; a) Türkiye Cumhuriyeti’nin ülkesi ve milletiyle bölünmez bütünlüğünü savunan; ülkemizin her alanda daha ileri gitmesi ve milletimizin daha müreffeh bir hayata kavuşması için çalışır.",
        ] {
            let (l, code) = lang(s);
            assert_eq!(l, Lang::Other, "{s}");
            assert_eq!(code, "tr", "{s}");
        }
    }

    #[test]
    fn other_languages() {
        assert_eq!(
            lang("Ich bin ein Berliner und das ist gut, aber die Stadt ist groß."),
            (Lang::Other, "de".into())
        );
        assert_eq!(
            lang("La conférence aura lieu à Tachkent au mois de mars avec les experts."),
            (Lang::Other, "fr".into())
        );
        assert_eq!(
            lang("Конференція відбудеться в Ташкенті, і її учасники обговорять співпрацю країн."),
            (Lang::Other, "uk".into())
        );
        assert_eq!(
            lang("Ўзбекистон Республикаси Президенти ҳузуридаги Стратегик тадқиқотлар институти"),
            (Lang::Other, "uz".into())
        );
        assert_eq!(
            lang("Η διάσκεψη θα πραγματοποιηθεί στην Τασκένδη"),
            (Lang::Other, "el".into())
        );
        // A single Ukrainian letter in a long Russian paragraph does not change its language.
        assert_eq!(
            lang("Президент Узбекистана провёл встречу с делегацией во главе с господином Іваном Петренко в Ташкенте."),
            (Lang::Ru, "ru".into())
        );
    }

    #[test]
    fn no_letters() {
        let d = detect("12.03.2022 — 3,5 %");
        assert_eq!(
            (d.lang, d.code.as_str(), d.confidence),
            (Lang::Other, "und", 0.0)
        );
        assert_eq!(detect("").lang, Lang::Other);
    }

    #[test]
    fn huge_single_line_is_fast() {
        let big = "The conference was held in Tashkent. ".repeat(1_500_000); // ~55 MB
        let t = std::time::Instant::now();
        assert_eq!(detect(&big).lang, Lang::En);
        assert!(t.elapsed().as_millis() < 200, "{:?}", t.elapsed());
    }
}
