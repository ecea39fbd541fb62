//! Normalisation: NFC for storage, match keys for comparison.
use unicode_normalization::UnicodeNormalization;

/// NFC-normalise a string.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// A key for comparing text: NFC, lower case, ё→е, quotes/dashes/no-break spaces folded,
/// runs of white space collapsed to one space, trimmed.
pub fn match_key(s: &str) -> String {
    // STUB
    s.to_lowercase().replace('ё', "е")
}
