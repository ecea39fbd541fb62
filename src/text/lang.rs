//! Language identification of paragraphs: English, Russian or another language.
use serde::Serialize;

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

/// Detect the language of a paragraph.
pub fn detect(text: &str) -> Detected {
    // STUB: script only.
    let cyr = text.chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
    let lat = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if cyr > 0 && cyr * 3 >= lat {
        Detected { lang: Lang::Ru, code: "ru".into(), confidence: 1.0 }
    } else if lat > 0 {
        Detected { lang: Lang::En, code: "en".into(), confidence: 0.5 }
    } else {
        Detected { lang: Lang::Other, code: "und".into(), confidence: 0.0 }
    }
}
