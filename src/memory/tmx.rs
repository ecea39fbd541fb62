//! TMX 1.4b: writing EN–RU pairs, and reading the pairs of any TMX 1.1–1.4 file back.
//!
//! Writing is deterministic: the same pairs give the same bytes, and the header carries a
//! creation date only when `SOURCE_DATE_EPOCH` is set. Reading is lenient about what tools put
//! around the segments (notes, props, comments, UTF-16, `lang` or `xml:lang`, language subtags)
//! and strict about XML itself: a malformed file is an error naming the file and the line.
use crate::error::{Error, Result};
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::path::Path;

/// What one segment of a translation unit is, as the TMX header's `segtype` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegType {
    /// One sentence per unit.
    Sentence,
    /// One paragraph per unit.
    Paragraph,
}

impl SegType {
    /// The attribute value: "sentence" or "paragraph".
    pub fn as_str(self) -> &'static str {
        match self {
            SegType::Sentence => "sentence",
            SegType::Paragraph => "paragraph",
        }
    }
}

/// What goes into the `<header>` of a written TMX file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub segtype: SegType,
    /// Creation date as Unix seconds (UTC); no `creationdate` attribute when `None`.
    pub creation_date: Option<i64>,
}

impl Header {
    /// A header for `segtype`, dated from `SOURCE_DATE_EPOCH` when that is set to a number of
    /// seconds (an unset or non-numeric value gives no date, so output stays reproducible).
    pub fn new(segtype: SegType) -> Header {
        let creation_date = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok());
        Header {
            segtype,
            creation_date,
        }
    }
}

/// Write EN–RU pairs as a TMX 1.4b document with `segtype="paragraph"` (see [`write_pairs_with`]).
pub fn write_pairs(pairs: &[(String, String)]) -> String {
    write_pairs_with(pairs, &Header::new(SegType::Paragraph))
}

/// Write EN–RU pairs as a TMX 1.4b document, one `<tu>` per pair, in the order given.
///
/// Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) are
/// dropped; a CR is written as `&#13;` so that parsers do not turn it into a line feed.
pub fn write_pairs_with(pairs: &[(String, String)], header: &Header) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to a Vec cannot fail; the expects below document that, not a possible panic.
    let ok = "writing TMX to memory";
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .expect(ok);
    w.write_event(Event::DocType(BytesText::from_escaped(
        r#"tmx SYSTEM "tmx14.dtd""#,
    )))
    .expect(ok);
    let date = header.creation_date.map(tmx_date);
    let mut head = BytesStart::new("header");
    head.push_attribute(("creationtool", "termtool"));
    head.push_attribute(("creationtoolversion", env!("CARGO_PKG_VERSION")));
    head.push_attribute(("datatype", "plaintext"));
    head.push_attribute(("segtype", header.segtype.as_str()));
    head.push_attribute(("adminlang", "en"));
    head.push_attribute(("srclang", "en"));
    head.push_attribute(("o-tmf", "termtool"));
    if let Some(d) = &date {
        head.push_attribute(("creationdate", d.as_str()));
    }
    w.create_element("tmx")
        .with_attribute(("version", "1.4"))
        .write_inner_content(|w| {
            w.write_event(Event::Empty(head))?;
            w.create_element("body").write_inner_content(|w| {
                for (en, ru) in pairs {
                    w.create_element("tu").write_inner_content(|w| {
                        for (lang, text) in [("en", en), ("ru", ru)] {
                            w.create_element("tuv")
                                .with_attribute(("xml:lang", lang))
                                .write_inner_content(|w| {
                                    w.create_element("seg").write_text_content(seg_text(text))?;
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })
        .expect(ok);
    let mut out =
        String::from_utf8(w.into_inner()).expect("quick-xml writes the UTF-8 it is given");
    out.push('\n');
    out
}

/// Escaped segment content with the characters XML 1.0 forbids removed.
fn seg_text(text: &str) -> BytesText<'static> {
    let clean: String = text.chars().filter(|&c| xml_char(c)).collect();
    let escaped = quick_xml::escape::escape(clean.as_str()).replace('\r', "&#13;");
    BytesText::from_escaped(escaped)
}

/// XML 1.0 `Char` (surrogates cannot occur in a Rust `char`).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Unix seconds as a TMX date, `YYYYMMDDThhmmssZ` (UTC).
fn tmx_date(secs: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(secs).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Read the English–Russian pairs of a TMX file (see [`read_pairs`]).
pub fn read_tmx(bytes: &[u8], path: &Path) -> Result<Vec<(String, String)>> {
    read_pairs(bytes, path, "en", "ru")
}

/// Read the (source, target) pairs of a TMX file, in document order, for two languages given as
/// primary subtags (`"en"`, `"ru"`, `"fr"`, …) or as full tags (`"en-GB"`).
///
/// - The bytes may be UTF-8 (with or without BOM), UTF-16 with a BOM or starting with `<`, or any
///   encoding the XML declaration names.
/// - A `<tuv>` names its language with `xml:lang` (TMX 1.4) or `lang` (TMX 1.1); the match is on
///   the primary subtag, case-insensitive (`en-US`, `EN-GB` and `eng` are English), or on the
///   whole tag when the language asked for has a subtag.
/// - The text of `<seg>` is kept; the native codes inside `<bpt>`, `<ept>`, `<it>`, `<ph>` and
///   `<ut>` (with any `<sub>` in them) are dropped; the text of `<hi>` is kept.
/// - A unit without both languages is left out; with two variants of one language, the first
///   counts. Texts are returned in NFC, whitespace as in the file.
///
/// Errors name the file and, for XML problems, the line.
pub fn read_pairs(
    bytes: &[u8],
    path: &Path,
    src: &str,
    tgt: &str,
) -> Result<Vec<(String, String)>> {
    let text = crate::glossary::xmltree::decode(bytes, path)?;
    crate::glossary::xmltree::check_chars(&text, path)?;
    let mut p = Parser {
        text: &text,
        path,
        src,
        tgt,
        pairs: Vec::new(),
    };
    p.run()?;
    Ok(p.pairs)
}

/// The TMX inline elements whose content is native code, not text.
const CODE_ELEMENTS: [&[u8]; 5] = [b"bpt", b"ept", b"it", b"ph", b"ut"];

struct Parser<'a> {
    text: &'a str,
    path: &'a Path,
    src: &'a str,
    tgt: &'a str,
    pairs: Vec<(String, String)>,
}

/// The state of the translation unit being read.
#[derive(Default)]
struct Unit {
    src: Option<String>,
    tgt: Option<String>,
}

/// Which side the open `<tuv>` is: 0 source, 1 target, 2 another language.
type Side = u8;

impl<'a> Parser<'a> {
    fn line_at(&self, pos: u64) -> usize {
        let pos = (pos as usize).min(self.text.len());
        1 + self.text.as_bytes()[..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    }

    fn err(&self, pos: u64, msg: impl Into<String>) -> Error {
        Error::at_line(self.path, self.line_at(pos), msg)
    }

    fn side(&self, lang: &str) -> Side {
        let tag = lang.trim().replace('_', "-").to_ascii_lowercase();
        let primary = tag.split('-').next().unwrap_or("");
        let matches = |want: &str| {
            let want = want.to_ascii_lowercase();
            if want.contains('-') {
                tag == want
            } else {
                primary == want || iso639_2(&want) == Some(primary)
            }
        };
        if matches(self.src) {
            0
        } else if matches(self.tgt) {
            1
        } else {
            2
        }
    }

    fn lang_of(&self, e: &BytesStart, pos: u64) -> Result<String> {
        for a in e.attributes().with_checks(false) {
            let a = a.map_err(|err| {
                self.err(
                    pos,
                    format!("malformed attribute: {}; expected well-formed XML", err),
                )
            })?;
            if a.key.as_ref() == b"xml:lang" || a.key.as_ref() == b"lang" {
                // the text is UTF-8 already (decoded before parsing)
                let raw = std::str::from_utf8(&a.value).map_err(|err| {
                    self.err(
                        pos,
                        format!("malformed attribute: {}; expected well-formed XML", err),
                    )
                })?;
                let v = quick_xml::escape::unescape(raw).map_err(|err| {
                    self.err(
                        pos,
                        format!("malformed attribute: {}; expected well-formed XML", err),
                    )
                })?;
                return Ok(v.into_owned());
            }
        }
        Err(self.err(pos, "<tuv> has no xml:lang attribute; expected the language of the variant, e.g. xml:lang=\"en\""))
    }

    fn run(&mut self) -> Result<()> {
        let text = self.text.strip_prefix('\u{FEFF}').unwrap_or(self.text);
        let skipped = (self.text.len() - text.len()) as u64;
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        let mut stack: Vec<(Vec<u8>, u64)> = Vec::new();
        let mut unit: Option<Unit> = None;
        let mut side: Option<Side> = None;
        let mut seg: Option<String> = None;
        let mut code_depth = 0usize;
        let mut seen_root = false;
        loop {
            let pos = reader.buffer_position() + skipped;
            let ev = match reader.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    return Err(self.err(
                        reader.error_position() + skipped,
                        format!("malformed XML: {}; expected well-formed TMX", e),
                    ))
                }
            };
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let name = e.name().as_ref().to_vec();
                    if !seen_root {
                        seen_root = true;
                        if name != b"tmx" {
                            let n = String::from_utf8_lossy(&name).into_owned();
                            return Err(self.err(
                                pos,
                                format!(
                                    "not a TMX file: the root element is <{}>, expected <tmx>",
                                    n
                                ),
                            ));
                        }
                    }
                    if seg.is_some() {
                        if CODE_ELEMENTS.contains(&name.as_slice()) && !empty {
                            code_depth += 1;
                        } else if code_depth > 0 && !empty {
                            code_depth += 1; // <sub> and anything else inside a code
                        }
                    } else {
                        match name.as_slice() {
                            b"tu" => {
                                if unit.is_some() {
                                    return Err(
                                        self.err(pos, "<tu> inside <tu>; expected </tu> first")
                                    );
                                }
                                unit = Some(Unit::default());
                                if empty {
                                    unit = None;
                                }
                            }
                            b"tuv" => {
                                if unit.is_none() {
                                    return Err(self.err(
                                        pos,
                                        "<tuv> outside <tu>; expected it inside a translation unit",
                                    ));
                                }
                                let lang = self.lang_of(e, pos)?;
                                side = if empty { None } else { Some(self.side(&lang)) };
                            }
                            b"seg" => {
                                let Some(s) = side else {
                                    return Err(self.err(
                                        pos,
                                        "<seg> outside <tuv>; expected it inside a variant",
                                    ));
                                };
                                if empty {
                                    self.store(&mut unit, s, String::new());
                                } else {
                                    seg = Some(String::new());
                                    code_depth = 0;
                                }
                            }
                            _ => {}
                        }
                    }
                    if !empty {
                        stack.push((name, pos));
                    }
                }
                Event::End(ref e) => {
                    stack.pop();
                    let name = e.name();
                    if let Some(buf) = seg.as_mut() {
                        if name.as_ref() == b"seg" && code_depth == 0 {
                            let t = std::mem::take(buf);
                            seg = None;
                            let s = side.expect("a <seg> is only opened inside a <tuv>");
                            self.store(&mut unit, s, t);
                        } else {
                            code_depth = code_depth.saturating_sub(1);
                        }
                        continue;
                    }
                    match name.as_ref() {
                        b"tuv" => side = None,
                        b"tu" => {
                            if let Some(Unit {
                                src: Some(s),
                                tgt: Some(t),
                            }) = unit.take()
                            {
                                self.pairs
                                    .push((crate::text::nfc(&s), crate::text::nfc(&t)));
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(e) => {
                    if let (Some(buf), 0) = (seg.as_mut(), code_depth) {
                        let t = e.unescape().map_err(|err| {
                            self.err(
                                pos,
                                format!("malformed XML: {}; expected well-formed TMX", err),
                            )
                        })?;
                        if let Some(c) = t.chars().find(|&c| crate::text::xml_forbidden(c)) {
                            return Err(self.err(
                                pos,
                                format!(
                                    "a character reference to U+{:04X}, a control character XML 1.0 forbids; expected text",
                                    c as u32
                                ),
                            ));
                        }
                        buf.push_str(&t);
                    }
                }
                Event::CData(e) => {
                    if let (Some(buf), 0) = (seg.as_mut(), code_depth) {
                        buf.push_str(&String::from_utf8_lossy(&e.into_inner()));
                    }
                }
                Event::Eof => break,
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
        if let Some((name, open)) = stack.first() {
            let n = String::from_utf8_lossy(name).into_owned();
            let line = self.line_at(*open);
            return Err(self.err(
                self.text.len() as u64,
                format!(
                    "unexpected end of file: <{}> opened on line {} is not closed",
                    n, line
                ),
            ));
        }
        if !seen_root {
            return Err(Error::input(
                self.path,
                "no XML element found; expected a TMX document (<tmx> … </tmx>)",
            ));
        }
        Ok(())
    }

    fn store(&self, unit: &mut Option<Unit>, side: Side, text: String) {
        let Some(u) = unit.as_mut() else { return };
        let slot = match side {
            0 => &mut u.src,
            1 => &mut u.tgt,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(text);
        }
    }
}

/// The ISO 639-2 code of the languages termtool is most likely to meet, for TMX files that use
/// three-letter codes.
fn iso639_2(code: &str) -> Option<&'static str> {
    Some(match code {
        "en" => "eng",
        "ru" => "rus",
        "fr" => "fra",
        "de" => "deu",
        "es" => "spa",
        "ja" => "jpn",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn fixture(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats/tmx")
            .join(rel)
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn header(segtype: SegType) -> Header {
        Header {
            segtype,
            creation_date: None,
        }
    }

    #[test]
    fn writes_header_and_units() {
        let out = write_pairs_with(
            &pairs(&[("Tashkent", "Ташкент")]),
            &header(SegType::Sentence),
        );
        let want = format!(
            concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n",
                "<tmx version=\"1.4\">\n",
                "  <header creationtool=\"termtool\" creationtoolversion=\"{}\" datatype=\"plaintext\" ",
                "segtype=\"sentence\" adminlang=\"en\" srclang=\"en\" o-tmf=\"termtool\"/>\n",
                "  <body>\n",
                "    <tu>\n",
                "      <tuv xml:lang=\"en\">\n",
                "        <seg>Tashkent</seg>\n",
                "      </tuv>\n",
                "      <tuv xml:lang=\"ru\">\n",
                "        <seg>Ташкент</seg>\n",
                "      </tuv>\n",
                "    </tu>\n",
                "  </body>\n",
                "</tmx>\n"
            ),
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(out, want);
    }

    #[test]
    fn segtype_and_date() {
        let h = Header {
            segtype: SegType::Paragraph,
            creation_date: Some(1_700_000_000),
        };
        let out = write_pairs_with(&[], &h);
        assert!(out.contains("segtype=\"paragraph\""), "{}", out);
        assert!(out.contains("creationdate=\"20231114T221320Z\""), "{}", out);
        assert!(!write_pairs_with(&[], &header(SegType::Paragraph)).contains("creationdate"));
    }

    #[test]
    fn dates() {
        assert_eq!(tmx_date(0), "19700101T000000Z");
        assert_eq!(tmx_date(951_782_400), "20000229T000000Z");
        assert_eq!(tmx_date(1_646_265_600), "20220303T000000Z");
        assert_eq!(tmx_date(-1), "19691231T235959Z");
    }

    #[test]
    fn escapes_and_strips_forbidden_characters() {
        let p = pairs(&[(
            "a < b & \"c\" > 'd'\u{0}\u{1}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}\tend",
            "x\ry\nz \u{7f}",
        )]);
        let out = write_pairs_with(&p, &header(SegType::Sentence));
        assert!(
            out.contains("<seg>a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;\tend</seg>"),
            "{}",
            out
        );
        assert!(out.contains("<seg>x&#13;y\nz \u{7f}</seg>"), "{}", out);
        assert!(!out
            .chars()
            .any(|c| (c < ' ' && !matches!(c, '\t' | '\n')) || c == '\u{fffe}' || c == '\u{ffff}'));
        // What was kept survives a round trip exactly.
        let back = read_tmx(out.as_bytes(), Path::new("t.tmx")).unwrap();
        assert_eq!(
            back,
            pairs(&[("a < b & \"c\" > 'd'\tend", "x\ry\nz \u{7f}")])
        );
    }

    #[test]
    fn deterministic_and_round_trips() {
        let p = pairs(&[
            ("The Joint Plan of Action.", "Совместный план действий."),
            ("UNOCT", "КТУ ООН"),
            ("  spaces  kept ", " и здесь "),
        ]);
        let a = write_pairs_with(&p, &header(SegType::Paragraph));
        let b = write_pairs_with(&p, &header(SegType::Paragraph));
        assert_eq!(a, b);
        assert_eq!(read_tmx(a.as_bytes(), Path::new("t.tmx")).unwrap(), p);
        assert_eq!(
            read_tmx(
                write_pairs_with(&[], &header(SegType::Sentence)).as_bytes(),
                Path::new("e.tmx")
            )
            .unwrap(),
            vec![]
        );
    }

    #[test]
    fn reads_lang_attributes_subtags_and_inline_codes() {
        let doc = r#"<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US" datatype="html"/>
<body>
  <!-- a comment -->
  <tu tuid="1"><note>not text</note><prop type="x">nor this</prop>
    <tuv xml:lang="ru-RU"><seg>Нажмите <ph x="1">&lt;img src="a.png"/&gt;<sub>Alt text</sub></ph>, чтобы <hi type="b">начать</hi>.</seg></tuv>
    <tuv xml:lang="en-US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> to <hi>start</hi>.<it pos="end">&lt;/p&gt;</it></seg></tuv>
  </tu>
  <tu><tuv lang="EN"><seg><![CDATA[a <raw> b]]></seg></tuv><tuv lang="rus"><seg>б</seg></tuv></tu>
  <tu><tuv xml:lang="en"><seg>only English</seg></tuv><tuv xml:lang="fr"><seg>français</seg></tuv></tu>
  <tu><tuv xml:lang="en-GB"><seg>first</seg></tuv><tuv xml:lang="en-US"><seg>second</seg></tuv><tuv xml:lang="ru"><seg/></tuv></tu>
</body></tmx>"#;
        let got = read_tmx(doc.as_bytes(), Path::new("t.tmx")).unwrap();
        assert_eq!(
            got,
            pairs(&[
                ("Click here to start.", "Нажмите , чтобы начать."),
                ("a <raw> b", "б"),
                ("first", "")
            ])
        );
    }

    #[test]
    fn reads_utf16_with_and_without_bom() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"en\"><seg>war</seg></tuv><tuv xml:lang=\"ru\"><seg>война</seg></tuv></tu></body></tmx>";
        let le: Vec<u8> = doc.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = doc.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let want = pairs(&[("war", "война")]);
        for bytes in [
            [&[0xFF, 0xFE][..], &le].concat(),
            [&[0xFE, 0xFF][..], &be].concat(),
            le.clone(),
            be.clone(),
        ] {
            assert_eq!(read_tmx(&bytes, Path::new("u.tmx")).unwrap(), want);
        }
    }

    #[test]
    fn reads_declared_8bit_encoding() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><tmx><body><tu><tuv xml:lang=\"en\"><seg>war</seg></tuv><tuv xml:lang=\"ru\"><seg>".to_vec();
        bytes.extend_from_slice(&[0xE2, 0xEE, 0xE9, 0xED, 0xE0]); // война
        bytes.extend_from_slice(b"</seg></tuv></tu></body></tmx>");
        assert_eq!(
            read_tmx(&bytes, Path::new("c.tmx")).unwrap(),
            pairs(&[("war", "война")])
        );
    }

    fn err(doc: &[u8]) -> String {
        read_tmx(doc, Path::new("bad.tmx")).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = err(b"<?xml version=\"1.0\"?>\n<tmx>\n<body>\n<tu><tuv xml:lang=\"en\"><seg>a</tuv>\n</body></tmx>");
        assert!(e.starts_with("bad.tmx:4: malformed XML"), "{}", e);
        let e = err(b"<tmx>\n<body>\n<tu>\n<tuv><seg>a</seg></tuv></tu></body></tmx>");
        assert!(e.starts_with("bad.tmx:4: <tuv> has no xml:lang"), "{}", e);
        let e = err(b"<?xml version=\"1.0\"?>\n<xliff/>");
        assert_eq!(
            e,
            "bad.tmx:2: not a TMX file: the root element is <xliff>, expected <tmx>"
        );
        let e = err(b"<tmx>\n<body>\n<tu>");
        assert!(
            e.starts_with("bad.tmx:3: unexpected end of file: <tmx> opened on line 1"),
            "{}",
            e
        );
        let e = err(b"");
        assert!(e.starts_with("bad.tmx: no XML element found"), "{}", e);
        let e =
            err(b"<tmx><body>\n<tu><tuv xml:lang=\"en\"><seg>&nbsp;</seg></tuv></tu></body></tmx>");
        assert!(e.starts_with("bad.tmx:2: malformed XML"), "{}", e);
        let e = err(b"<tmx>caf\xE9</tmx>");
        assert_eq!(
            e,
            "bad.tmx: byte 8: invalid UTF-8; expected UTF-8 XML (or an encoding named in the XML declaration)"
        );
        let e = err(b"<?xml version='1.0' encoding='klingon'?><tmx/>");
        assert!(
            e.starts_with("bad.tmx:1: unknown encoding \"klingon\""),
            "{}",
            e
        );
        let e = err(b"<tmx>\n<tuv xml:lang=\"en\"/></tmx>");
        assert!(e.starts_with("bad.tmx:2: <tuv> outside <tu>"), "{}", e);
    }

    fn read_file(p: &Path, src: &str, tgt: &str) -> Vec<(String, String)> {
        let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {}", p.display(), e));
        read_pairs(&bytes, p, src, tgt).unwrap_or_else(|e| panic!("{}", e))
    }

    fn tmx_files(dir: &Path) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {}", dir.display(), e))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "tmx"))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn reads_every_sample() {
        let files = tmx_files(&fixture("samples"));
        assert!(files.len() >= 9, "{:?}", files);
        for f in &files {
            read_file(f, "en", "ru");
        }
        let min = read_file(&fixture("samples/en-ru_min.tmx"), "en", "ru");
        assert_eq!(
            min,
            pairs(&[(
                "UNOCT coordinates the implementation of the Joint Plan of Action.",
                "КТУ ООН координирует осуществление Совместного плана действий."
            )])
        );
        let po = read_file(
            &fixture("samples/samples-translate-toolkit_po2tmx_en-ru.tmx"),
            "en",
            "ru",
        );
        assert!(po.len() >= 4, "{:?}", po);
        assert_eq!(
            po[0].0,
            "The Joint Plan of Action was adopted by the Member States."
        );
        assert_eq!(
            po[0].1,
            "Совместный план действий был принят государствами-членами."
        );
        // TMX 1.1 `lang` attributes.
        let fr = read_file(&fixture("samples/project_save.tmx"), "en", "fr");
        assert!(
            fr.contains(&("Birds in Oregon".to_string(), "Birds in Oregon".to_string())),
            "{:?}",
            fr
        );
        assert!(read_file(&fixture("samples/empty.tmx"), "en", "ru").is_empty());
    }

    #[test]
    fn reads_every_lisa_compliance_file() {
        let files = tmx_files(&fixture("lisa-compliance-kit"));
        assert!(files.len() >= 20, "{:?}", files);
        for f in &files {
            read_file(f, "en", "fr");
            assert!(read_file(f, "en", "ru").is_empty(), "{}", f.display());
        }
        let kit = |name: &str| {
            read_file(
                &fixture(&format!("lisa-compliance-kit/{}", name)),
                "en",
                "fr",
            )
        };
        // Whitespace and character references are kept exactly.
        assert_eq!(kit("ImportTest1A.tmx")[0].0, "First segment with [\t\t   ]");
        assert_eq!(
            kit("ExportTest1A.tmx")[0].0,
            "Text with 3 spaces [   ] and 2 [  ]"
        );
        assert_eq!(
            kit("ExportTest1A.tmx")[2].0,
            "<=lt, >=gt, &=amp, {=obrace, }=cbrace"
        );
        // Odd attribute layout and mixed-case language tags.
        assert_eq!(
            kit("ImportTest1B.tmx"),
            pairs(&[("Text of the segment", "Texte du segment")])
        );
        // UTF-8 with BOM, UTF-8, UTF-16 LE and BE, us-ascii with references: the same pairs.
        let want = read_file(
            &fixture("lisa-compliance-kit/ImportTest1D.tmx"),
            "en-US",
            "en-GB",
        );
        assert_eq!(want.len(), 3);
        assert_eq!(
            want[0],
            (
                "à=agrave, é=eacute, æ=aelig".to_string(),
                "à=agrave, é=eacute, æ=aelig".to_string()
            )
        );
        for f in [
            "ImportTest1E.tmx",
            "ImportTest1F.tmx",
            "ImportTest1G.tmx",
            "ImportTest1H.tmx",
        ] {
            assert_eq!(
                read_file(
                    &fixture(&format!("lisa-compliance-kit/{}", f)),
                    "en-us",
                    "en-gb"
                ),
                want,
                "{}",
                f
            );
        }
        // Inline codes dropped, text kept.
        let inline = kit("ImportTest2A.tmx");
        assert_eq!(
            inline[0],
            (
                "The big black cat sleeps.".to_string(),
                "Le gros chat noir dors.".to_string()
            )
        );
        assert_eq!(
            inline[1].0,
            "Test for special characters = <=lt, >=gt, &=amp, \"=quot."
        );
        let c = kit("ImportTest2C.tmx");
        assert_eq!(c[0].0, "Click  to start.");
        assert_eq!(kit("ImportTest1L.tmx")[0].0, "Text of the segment.");
    }
}
