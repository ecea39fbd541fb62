//! The glossary model: concept entries holding English and Russian terms, contexts, a
//! confidence and an origin; ids derived from content. Formats live in submodules.
pub mod curated;
use serde::{Deserialize, Serialize};

pub mod csv;
pub mod io;
pub mod tbx;
pub mod tsv;
mod util;
pub mod xlsx;
pub(crate) mod xmltree;

pub use io::{read_any, write, Format};

/// The type of a term within its concept (TBX `termType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TermType {
    FullForm,
    Acronym,
    Abbreviation,
    ShortForm,
    Variant,
}

impl TermType {
    /// The TBX value ("fullForm", "acronym", …).
    pub fn as_str(self) -> &'static str {
        match self {
            TermType::FullForm => "fullForm",
            TermType::Acronym => "acronym",
            TermType::Abbreviation => "abbreviation",
            TermType::ShortForm => "shortForm",
            TermType::Variant => "variant",
        }
    }
    /// Parse a TBX value.
    pub fn parse(s: &str) -> Option<TermType> {
        Some(match s {
            "fullForm" => TermType::FullForm,
            "acronym" => TermType::Acronym,
            "abbreviation" => TermType::Abbreviation,
            "shortForm" => TermType::ShortForm,
            "variant" => TermType::Variant,
            _ => return None,
        })
    }
}

/// Usage status (TBX-Basic `administrativeStatus`: preferredTerm-admn-sts, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    Preferred,
    Admitted,
    Deprecated,
}

impl Status {
    /// "preferred", "admitted", "deprecated".
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
        }
    }
    /// Parse "preferred"/"admitted"/"deprecated" (also the TBX `…Term-admn-sts` values).
    pub fn parse(s: &str) -> Option<Status> {
        Some(
            match s.trim_end_matches("Term-admn-sts").trim_end_matches("Term") {
                "preferred" => Status::Preferred,
                "admitted" => Status::Admitted,
                "deprecated" | "notRecommended" | "superseded" => Status::Deprecated,
                _ => return None,
            },
        )
    }
}

/// Where an entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    Extracted,
    Curated,
    Imported,
}

impl Origin {
    /// "extracted", "curated", "imported".
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Extracted => "extracted",
            Origin::Curated => "curated",
            Origin::Imported => "imported",
        }
    }
    /// Parse an origin name.
    pub fn parse(s: &str) -> Option<Origin> {
        Some(match s {
            "extracted" => Origin::Extracted,
            "curated" => Origin::Curated,
            "imported" => Origin::Imported,
            _ => return None,
        })
    }
}

/// One term of a concept in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// The term as a dictionary lists it (Russian in dictionary form), NFC.
    pub text: String,
    pub term_type: TermType,
    /// Part of speech ("noun", "properNoun", "adjective", "verb", "other").
    pub pos: String,
    pub status: Status,
    /// For variants: what kind ("case", "spelling", "wordOrder", "transliteration", "typo",
    /// "inflection", …) and the evidence, e.g. "ISMI ~ ИСМИ transliterated".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant_of: Option<VariantInfo>,
}

/// Why a term is a variant of the concept's preferred term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantInfo {
    pub kind: String,
    pub evidence: String,
}

/// A sentence in which a term was seen.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Context {
    /// "en" or "ru".
    pub lang: String,
    pub text: String,
    /// The document it came from (file name).
    pub doc: String,
}

/// A concept entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concept {
    /// Content-derived id, stable across runs (see `concept_id`).
    pub id: String,
    /// English terms, preferred first.
    pub en: Vec<Term>,
    /// Russian terms, preferred first.
    pub ru: Vec<Term>,
    pub contexts: Vec<Context>,
    /// Confidence in [0,1].
    pub confidence: f64,
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The start of the note line that offers a suggested equivalent for an entry awaiting one
/// ("suggested: УНП (from the lexicon, unchecked)").
pub const SUGGESTED: &str = "suggested: ";

impl Concept {
    /// A fingerprint of the entry as it stands (16 hex digits of the SHA-256 of its JSON): it
    /// changes whenever the entry does, so a change made against an older version is refused.
    pub fn version(&self) -> String {
        let json = serde_json::to_vec(self).expect("a concept always serializes");
        crate::digest::sha256_hex(&json)[..16].to_string()
    }

    /// The language whose equivalent an entry still awaits: "ru" when it has English terms only,
    /// "en" when it has Russian ones only.
    pub fn missing(&self) -> Option<&'static str> {
        match (self.en.is_empty(), self.ru.is_empty()) {
            (false, true) => Some("ru"),
            (true, false) => Some("en"),
            _ => None,
        }
    }

    /// The equivalent suggested for an entry awaiting one, with where it comes from, as its
    /// note offers it (never a term: nobody has checked it).
    pub fn suggestion(&self) -> Option<&str> {
        self.missing()?;
        self.note
            .as_deref()?
            .lines()
            .find_map(|l| l.strip_prefix(SUGGESTED))
    }
}

/// A glossary: concepts sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Glossary {
    pub concepts: Vec<Concept>,
}

/// FNV-1a, 64 bits: a stable hash for content-derived ids (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The id of a concept from its preferred English and Russian terms' match keys:
/// "c" + 12 hex digits. The same pair always gets the same id.
pub fn concept_id(en_preferred: &str, ru_preferred: &str) -> String {
    let k = format!(
        "{}\t{}",
        crate::text::match_key(en_preferred),
        crate::text::match_key(ru_preferred)
    );
    format!("c{:012x}", fnv1a(k.as_bytes()) & 0xffff_ffff_ffff)
}

impl Glossary {
    /// Sort concepts by id and each concept's contexts, for deterministic output.
    pub fn normalize(&mut self) {
        for c in &mut self.concepts {
            c.contexts.sort();
            c.contexts.dedup();
        }
        self.concepts.sort_by(|a, b| a.id.cmp(&b.id));
    }
}
