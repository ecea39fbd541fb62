//! Reading files: BOM sniffing, UTF-8/UTF-16, Windows-1251 and KOI8-R detection, binary
//! rejection. Output text is always NFC with LF line endings.
use crate::error::{Error, Result};
use encoding_rs::{Encoding, KOI8_R, WINDOWS_1251};
use std::path::Path;

/// A decoded file: NFC text with LF line endings, and the encoding that was assumed.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1251", "koi8-r"; "docx", "odt",
    /// "pdf" or "html" for a document read through its text.
    pub encoding: &'static str,
}

/// What every encoding error message says was expected.
const EXPECTED: &str = "expected UTF-8, UTF-16 with a BOM, Windows-1251 or KOI8-R text";

/// The largest input file read, in MiB, unless `TERMTOOL_MAX_INPUT_MB` says otherwise: reading
/// stops there with an error instead of filling memory (`/dev/zero`, a wrong file). Documents,
/// memories and glossaries of a working translator are far smaller.
pub const MAX_INPUT_MB: u64 = 512;

/// The input limit in bytes: `TERMTOOL_MAX_INPUT_MB` when set to a number, else [`MAX_INPUT_MB`].
pub fn max_input_bytes() -> u64 {
    std::env::var("TERMTOOL_MAX_INPUT_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(MAX_INPUT_MB)
        .saturating_mul(1 << 20)
}

/// A file's bytes, at most [`max_input_bytes`] of them: a longer file (or an endless one such
/// as `/dev/zero`) is an error naming the limit and how to raise it.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let limit = max_input_bytes();
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::input(
            path,
            format!(
                "larger than {} MiB; expected a smaller file (set TERMTOOL_MAX_INPUT_MB to raise the limit)",
                limit >> 20
            ),
        ));
    }
    Ok(bytes)
}

/// Read and decode a file. Errors name the file (and the byte offset for bad bytes).
pub fn read_file(path: &Path) -> Result<Decoded> {
    let bytes = read_bytes(path)?;
    if super::office::is_zip(&bytes) {
        let (text, format) = super::office::text(&bytes, path, max_input_bytes())?;
        return Ok(finish(text, format));
    }
    if super::pdf::is_pdf(&bytes) {
        return Ok(finish(super::pdf::text(&bytes, path)?, "pdf"));
    }
    let decoded = decode(&bytes, path)?;
    if super::html::is_html(decoded.text.as_bytes()) {
        return Ok(finish(super::html::text(&decoded.text), "html"));
    }
    Ok(decoded)
}

/// Decode bytes; `path` is only used in error messages.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Decoded> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(Error::at_offset(
            path,
            0,
            format!("UTF-32 text is not supported; {EXPECTED}"),
        ));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, false, path).map(|t| finish(t, "utf-16le"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, true, path).map(|t| finish(t, "utf-16be"));
    }
    let (body, base, encoding) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, 3, "utf-8-bom"),
        None => (bytes, 0, "utf-8"),
    };
    check_binary(body.iter().map(|&b| b as u32), base, 1, path)?;
    match std::str::from_utf8(body) {
        Ok(s) => Ok(finish(s.to_string(), encoding)),
        Err(e) => {
            let bad = (base + e.valid_up_to()) as u64;
            // A BOM promises UTF-8; without one, try the Russian single-byte encodings.
            if base == 0 {
                if let Some((text, enc)) = guess_cyrillic(body) {
                    return Ok(finish(text, enc));
                }
            }
            Err(Error::at_offset(
                path,
                bad,
                format!("invalid UTF-8; {EXPECTED}"),
            ))
        }
    }
}

/// LF line endings (CRLF and lone CR), no leading BOM character, NFC.
fn finish(text: String, encoding: &'static str) -> Decoded {
    let mut text = match text.strip_prefix('\u{FEFF}') {
        Some(t) => t.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Decoded {
        text: super::normalize::nfc_owned(text),
        encoding,
    }
}

/// Reject binary data: a NUL, or control characters (other than tab, line breaks and form
/// feed) in more than 2% of the units. `units` are bytes or UTF-16 code units, `base` the
/// byte offset of the first and `width` the bytes per unit, for error offsets.
fn check_binary(
    units: impl Iterator<Item = u32>,
    base: usize,
    width: usize,
    path: &Path,
) -> Result<()> {
    let (mut n, mut controls, mut first) = (0usize, 0usize, None);
    for (i, u) in units.enumerate() {
        n += 1;
        if u == 0 {
            let at = (base + i * width) as u64;
            return Err(Error::at_offset(
                path,
                at,
                "binary data (NUL byte); expected a text file",
            ));
        }
        if (u < 0x20 && !matches!(u, 0x09 | 0x0A | 0x0C | 0x0D)) || u == 0x7F {
            controls += 1;
            first.get_or_insert(i);
        }
    }
    match first {
        Some(i) if controls * 50 > n => {
            let at = (base + i * width) as u64;
            Err(Error::at_offset(
                path,
                at,
                "binary data (control characters); expected a text file",
            ))
        }
        _ => Ok(()),
    }
}

/// Decode UTF-16 (after its BOM); errors give the byte offset in the file.
fn decode_utf16(body: &[u8], big_endian: bool, path: &Path) -> Result<String> {
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|p| {
            if big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        })
        .collect();
    check_binary(units.iter().map(|&u| u as u32), 2, 2, path)?;
    let mut out = String::with_capacity(units.len());
    let mut at = 2;
    for r in char::decode_utf16(units.iter().copied()) {
        match r {
            Ok(c) => {
                out.push(c);
                at += 2 * c.len_utf16();
            }
            Err(_) => {
                return Err(Error::at_offset(
                    path,
                    at as u64,
                    format!("invalid UTF-16 (unpaired surrogate); {EXPECTED}"),
                ))
            }
        }
    }
    if body.len() % 2 == 1 {
        let at = 2 + body.len() - 1;
        return Err(Error::at_offset(
            path,
            at as u64,
            format!("truncated UTF-16 (odd number of bytes); {EXPECTED}"),
        ));
    }
    Ok(out)
}

/// Relative frequency of lower-case Russian letters in running text.
fn russian_freq(c: char) -> f64 {
    match c {
        'о' => 0.1097,
        'е' => 0.0845,
        'а' => 0.0801,
        'и' => 0.0735,
        'н' => 0.0670,
        'т' => 0.0626,
        'с' => 0.0547,
        'р' => 0.0473,
        'в' => 0.0454,
        'л' => 0.0440,
        'к' => 0.0349,
        'м' => 0.0321,
        'д' => 0.0298,
        'п' => 0.0281,
        'у' => 0.0262,
        'я' => 0.0201,
        'ы' => 0.0190,
        'ь' => 0.0174,
        'г' => 0.0170,
        'з' => 0.0165,
        'б' => 0.0159,
        'ч' => 0.0144,
        'й' => 0.0121,
        'х' => 0.0097,
        'ж' => 0.0094,
        'ш' => 0.0073,
        'ю' => 0.0064,
        'ц' => 0.0048,
        'щ' => 0.0036,
        'э' => 0.0032,
        'ф' => 0.0026,
        'ъ' => 0.0004,
        'ё' => 0.0004,
        // Other Cyrillic letters (Ukrainian і, Serbian ђ, …) are rare in Russian text.
        _ => 0.0002,
    }
}

/// Non-ASCII punctuation that Russian text in a single-byte encoding plausibly contains.
fn is_common_punct(c: char) -> bool {
    matches!(
        c,
        '«' | '»'
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '‚'
            | '–'
            | '—'
            | '…'
            | '№'
            | '•'
            | '\u{A0}'
            | '©'
            | '®'
            | '°'
            | '±'
            | '·'
            | '§'
            | '™'
            | '€'
    )
}

fn is_cyrillic_letter(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c) && c.is_alphabetic()
}

/// How much a decoding looks like Russian text.
#[derive(Debug, Default)]
struct Plausibility {
    /// Cyrillic letters.
    letters: usize,
    /// Mean log frequency of the Cyrillic letters (about -3.0 for Russian).
    mean_log_freq: f64,
    /// Share of Cyrillic words with a lower-case letter before an upper-case one ("пРИВЕТ",
    /// what the wrong one of 1251/KOI8-R makes of "Привет").
    bad_case: f64,
    /// Share of non-ASCII characters that are neither Cyrillic letters nor common punctuation
    /// (box drawing in KOI8-R, odd symbols from UTF-8 or Latin-1 bytes).
    odd_chars: f64,
    /// Share of words mixing Cyrillic and Latin letters ("cafй": Latin-1 read as 1251).
    mixed_words: f64,
}

impl Plausibility {
    fn of(text: &str) -> Plausibility {
        let (mut letters, mut log_sum, mut non_ascii, mut odd) = (0usize, 0.0, 0usize, 0usize);
        let (mut cyr_words, mut bad_case, mut mixed) = (0usize, 0usize, 0usize);
        // Per-word state: has Cyrillic, has Latin, previous letter was lower case, bad case.
        let (mut w_cyr, mut w_lat, mut prev_lower, mut w_bad) = (false, false, false, false);
        for c in text.chars().chain(std::iter::once(' ')) {
            if !c.is_ascii() {
                non_ascii += 1;
            }
            if c.is_alphabetic() {
                if is_cyrillic_letter(c) {
                    letters += 1;
                    log_sum += russian_freq(c.to_lowercase().next().unwrap_or(c)).ln();
                    w_cyr = true;
                } else if c.is_ascii() {
                    w_lat = true;
                } else {
                    odd += 1;
                    w_lat = true;
                }
                w_bad |= prev_lower && c.is_uppercase();
                prev_lower = c.is_lowercase();
                continue;
            }
            if !c.is_ascii() && !is_common_punct(c) {
                odd += 1;
            }
            // End of a word.
            if w_cyr {
                cyr_words += 1;
                bad_case += w_bad as usize;
                mixed += w_lat as usize;
            }
            (w_cyr, w_lat, prev_lower, w_bad) = (false, false, false, false);
        }
        let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Plausibility {
            letters,
            mean_log_freq: if letters == 0 {
                f64::NEG_INFINITY
            } else {
                log_sum / letters as f64
            },
            bad_case: share(bad_case, cyr_words),
            odd_chars: share(odd, non_ascii.max(1)),
            mixed_words: share(mixed, cyr_words),
        }
    }

    /// Whether this is believable Russian text at all.
    fn plausible(&self) -> bool {
        self.letters > 0
            && self.mean_log_freq > -3.9
            && self.odd_chars < 0.05
            && self.mixed_words < 0.1
            && self.bad_case < 0.2
    }

    /// Higher is more Russian-like; compares two decodings of the same bytes.
    fn score(&self) -> f64 {
        self.mean_log_freq - 3.0 * self.bad_case - 5.0 * self.odd_chars - 5.0 * self.mixed_words
    }
}

/// At most this many bytes are scored when guessing a single-byte encoding.
const GUESS_SAMPLE: usize = 1 << 20;

/// Decode `bytes` as Windows-1251 or KOI8-R, whichever reads as Russian; None when neither
/// is plausible.
pub(crate) fn guess_cyrillic(bytes: &[u8]) -> Option<(String, &'static str)> {
    let sample = &bytes[..bytes.len().min(GUESS_SAMPLE)];
    let candidates: [(&'static Encoding, &'static str); 2] =
        [(WINDOWS_1251, "windows-1251"), (KOI8_R, "koi8-r")];
    let best = candidates
        .iter()
        .map(|&(enc, name)| {
            let (text, _) = enc.decode_without_bom_handling(sample);
            (Plausibility::of(&text), enc, name)
        })
        .filter(|(p, _, _)| p.plausible())
        // Ties go to Windows-1251, the more common of the two.
        .fold(
            None,
            |best: Option<(Plausibility, &'static Encoding, &'static str)>, cand| match best {
                Some(b) if b.0.score() >= cand.0.score() => Some(b),
                _ => Some(cand),
            },
        )?;
    let (text, _) = best.1.decode_without_bom_handling(bytes);
    Some((text.into_owned(), best.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RU: &str = "На церемонии открытия ожидаются обращение от имени Президента Шавката Мирзиёва и видеообращение генерального секретаря ООН Антониу Гутерриша. Также запланированы выступления «высокого уровня» — 3–4 марта 2022 года, № 5.";

    fn dec(bytes: &[u8]) -> Result<Decoded> {
        decode(bytes, Path::new("f.txt"))
    }

    fn err(bytes: &[u8]) -> String {
        dec(bytes).unwrap_err().to_string()
    }

    /// `s` without the characters Windows-1251 or KOI8-R cannot encode (KOI8-R has no « — №).
    fn safe(s: &str) -> String {
        s.chars()
            .filter(|&c| !WINDOWS_1251.encode(&c.to_string()).2 && !KOI8_R.encode(&c.to_string()).2)
            .collect()
    }

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (b, _, unmappable) = enc.encode(s);
        assert!(!unmappable);
        b.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom_crlf_to_lf() {
        let d = dec("Ташкент\r\nline 2\rline 3\n".as_bytes()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Ташкент\nline 2\nline 3\n", "utf-8")
        );
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("a\r\nb".as_bytes());
        let d = dec(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("a\nb", "utf-8-bom"));
    }

    #[test]
    fn output_is_nfc() {
        let d = dec("Anto\u{301}nio Мирзие\u{308}в".as_bytes()).unwrap();
        assert_eq!(d.text, "António Мирзиёв");
    }

    #[test]
    fn empty_file() {
        let d = dec(b"").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("", "utf-8"));
        assert_eq!(dec(&[0xEF, 0xBB, 0xBF]).unwrap().text, "");
        assert_eq!(dec(&[0xFF, 0xFE]).unwrap().text, "");
    }

    #[test]
    fn utf16_with_bom() {
        let s = "Ташкент\r\nTashkent 😀";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = dec(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Ташкент\nTashkent 😀", "utf-16le")
        );
        let d = dec(&be).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Ташкент\nTashkent 😀", "utf-16be")
        );
        // An unpaired surrogate at unit 1 (byte 4) and an odd trailing byte.
        assert!(
            err(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0]).contains(": byte 4: invalid UTF-16")
        );
        assert!(err(&[0xFF, 0xFE, b'a', 0, b'b']).contains(": byte 4: truncated UTF-16"));
        // UTF-16 holding a NUL character.
        assert!(err(&[0xFF, 0xFE, b'a', 0, 0, 0]).contains(": byte 4: binary data (NUL byte)"));
    }

    #[test]
    fn windows_1251_and_koi8_r() {
        for text in [
            safe(RU).as_str(),
            "Привет, мир!\r\n",
            "ПРИВЕТ МИР",
            "Программа",
        ] {
            let d = dec(&encode(WINDOWS_1251, text)).unwrap();
            assert!(!text.is_ascii());
            assert_eq!(
                (d.text.as_str(), d.encoding),
                (text.replace("\r\n", "\n").as_str(), "windows-1251"),
                "{text}"
            );
            let d = dec(&encode(KOI8_R, text)).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding),
                (text.replace("\r\n", "\n").as_str(), "koi8-r"),
                "{text}"
            );
        }
        // Windows-1251 has the typographic punctuation KOI8-R lacks.
        let d = dec(&encode(WINDOWS_1251, RU)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (RU, "windows-1251"));
        // Mostly English with a little Russian.
        let mixed = "The conference (Конференция) was held in Tashkent.";
        assert_eq!(
            dec(&encode(WINDOWS_1251, mixed)).unwrap().encoding,
            "windows-1251"
        );
        assert_eq!(dec(&encode(KOI8_R, mixed)).unwrap().encoding, "koi8-r");
    }

    #[test]
    fn whole_seed_file_in_1251_and_koi8() {
        let seed = include_str!("../../seeds/tashkent-conference-2022.en-ru.txt");
        let ru: String = seed
            .lines()
            .filter(|l| l.chars().any(|c| ('а'..='я').contains(&c)))
            .collect::<Vec<_>>()
            .join("\n");
        let ru = safe(&ru);
        assert_eq!(
            dec(&encode(WINDOWS_1251, &ru)).unwrap().encoding,
            "windows-1251"
        );
        assert_eq!(dec(&encode(KOI8_R, &ru)).unwrap().encoding, "koi8-r");
    }

    #[test]
    fn invalid_utf8_is_an_error_with_offset() {
        // Latin-1 French: not UTF-8 and not plausible Cyrillic.
        let mut b = b"La conf".to_vec();
        b.push(0xE9);
        b.extend_from_slice(b"rence au caf\xE9 \xE0 Tachkent");
        let e = err(&b);
        assert!(e.contains(": byte 7: invalid UTF-8; expected UTF-8, UTF-16 with a BOM, Windows-1251 or KOI8-R text"), "{e}");
        // UTF-8 Russian with one broken byte is not re-read as 1251 mojibake.
        let mut b = RU.as_bytes().to_vec();
        b[40] = 0xFF;
        assert!(err(&b).contains(": byte 40: invalid UTF-8"));
        // A BOM promises UTF-8.
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(&encode(WINDOWS_1251, "Привет"));
        assert!(err(&b).contains(": byte 3: invalid UTF-8"));
        // A truncated multi-byte character at the end.
        assert!(err(&"Привет".as_bytes()[..11]).contains(": byte 10: invalid UTF-8"));
    }

    #[test]
    fn binary_data_is_an_error_with_offset() {
        let mut b = b"seventeen bytes..".to_vec();
        b.extend_from_slice(&[0, 1, 2]);
        assert_eq!(
            err(&b),
            "f.txt: byte 17: binary data (NUL byte); expected a text file"
        );
        let ctl: Vec<u8> = (0..200u8)
            .map(|i| if i % 10 == 3 { 0x01 } else { b'a' })
            .collect();
        assert!(err(&ctl).contains(": byte 3: binary data (control characters)"));
        // Random high bytes without NULs are not Cyrillic text either.
        let mut x: u32 = 12345;
        let noise: Vec<u8> = (0..4000)
            .map(|_| {
                x = x.wrapping_mul(1103515245).wrapping_add(12345);
                ((x >> 16) as u8).max(0x20)
            })
            .collect();
        assert!(err(&noise).contains("invalid UTF-8"));
        // A stray form feed or DOS EOF marker in a long text is fine.
        let mut ok = "text ".repeat(100).into_bytes();
        ok.push(0x0C);
        ok.push(0x1A);
        assert!(dec(&ok).is_ok());
        assert!(err(&[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]).contains("UTF-32"));
    }

    #[test]
    fn plausibility_scores() {
        let good = Plausibility::of(RU);
        assert!(good.plausible(), "{good:?}");
        let koi = encode(KOI8_R, &safe(RU));
        let (koi_as_1251, _) = WINDOWS_1251.decode_without_bom_handling(&koi);
        let bad = Plausibility::of(&koi_as_1251);
        assert!(bad.score() < good.score() - 1.0, "{bad:?} vs {good:?}");
    }
}
