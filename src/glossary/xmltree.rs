//! A small XML element tree for the glossary readers: decoding, namespaces, line numbers, and
//! text with TBX's whitespace rule (layout whitespace folds, character references stay).
//!
//! The tree is built whole before anything is mapped, so a malformed or truncated file gives an
//! error and no partial glossary.
use crate::error::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::path::Path;

/// The XML namespace, bound to the `xml:` prefix.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Elements whose text belongs to the enclosing element (TBX inline markup; XLIFF's `<g>`,
/// `<mrk>` and `<pc>`).
const INLINE: [&str; 5] = ["hi", "foreign", "g", "mrk", "pc"];
/// Inline elements that hold native codes, not text (TBX, XLIFF 1.2).
const CODES: [&str; 4] = ["bpt", "ept", "ph", "it"];

/// How deep elements may nest. TBX nests about ten levels (inline markup a few more); a deeper
/// file is refused before its depth costs stack (a tree this deep is dropped recursively) or
/// quadratic time (the text and namespace look-ups walk the open elements).
pub(crate) const MAX_DEPTH: usize = 200;

/// Refuse a document holding a character XML 1.0 forbids (a raw ESC, BEL or NUL): it is no
/// well-formed XML, and such a character stored in a glossary or memory would reach the
/// translator's terminal.
pub(crate) fn check_chars(text: &str, path: &Path) -> Result<()> {
    let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| crate::text::xml_forbidden(c))
    else {
        return Ok(());
    };
    let line = 1 + text[..at].bytes().filter(|&b| b == b'\n').count();
    Err(Error::at_line(
        path,
        line,
        format!(
            "control character U+{:04X}, which XML 1.0 forbids; expected text (remove it)",
            c as u32
        ),
    ))
}

/// One element with its children and its text.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    /// Namespace URI ("" for none).
    pub ns: String,
    /// Local name.
    pub name: String,
    /// The name as written (with prefix), for messages.
    pub qname: String,
    /// Attributes by their name as written (`xml:lang`, `type`, …), values unescaped.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The element's text, inline markup (`<hi>`, `<foreign>`) included, native codes left out.
    /// Layout whitespace (a literal run holding a line break or tab) folds to one space and is
    /// trimmed at both ends; whitespace written as a character reference (`&#10;`) is kept.
    pub text: String,
    /// The line of the first non-whitespace text directly inside this element, if any.
    pub stray_text: Option<usize>,
    /// 1-based line of the start tag.
    pub line: usize,
}

impl Element {
    /// The value of an attribute by its name as written.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// `xml:lang`, however the prefix was bound.
    pub fn lang(&self) -> Option<&str> {
        self.attr("xml:lang")
    }
}

/// Decode an XML file to text: a BOM first, then UTF-16 without a BOM, then the encoding the XML
/// declaration names, else UTF-8. The result is NFC with LF line ends (see `crate::text::decode`).
pub(crate) fn decode(bytes: &[u8], path: &Path) -> Result<String> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if !has_bom {
        if bytes.starts_with(b"<\0") || bytes.starts_with(b"\0<") {
            let enc = if bytes[0] == 0 {
                encoding_rs::UTF_16BE
            } else {
                encoding_rs::UTF_16LE
            };
            return match enc.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(s) => Ok(normalize_lines(&s)),
                None => Err(Error::input(
                    path,
                    format!(
                        "the file is not valid {}; expected UTF-8 or UTF-16 XML",
                        enc.name()
                    ),
                )),
            };
        }
        if let Some(label) = declared_encoding(bytes) {
            let enc = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                Error::at_line(
                    path,
                    1,
                    format!(
                        "unknown encoding {:?} in the XML declaration; expected UTF-8",
                        label
                    ),
                )
            })?;
            if enc != encoding_rs::UTF_8
                && enc != encoding_rs::UTF_16LE
                && enc != encoding_rs::UTF_16BE
            {
                return match enc.decode_without_bom_handling_and_without_replacement(bytes) {
                    Some(s) => Ok(normalize_lines(&s)),
                    None => Err(Error::input(
                        path,
                        format!(
                            "the file is not valid {} as its XML declaration says",
                            enc.name()
                        ),
                    )),
                };
            }
        }
        // Without a BOM, XML that is not UTF-8 must say so: no guessing of Cyrillic code pages.
        if let Err(e) = std::str::from_utf8(bytes) {
            return Err(Error::at_offset(
                path,
                e.valid_up_to() as u64,
                "invalid UTF-8; expected UTF-8 XML (or an encoding named in the XML declaration)",
            ));
        }
    }
    Ok(crate::text::decode(bytes, path)?.text)
}

fn normalize_lines(s: &str) -> String {
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(s);
    crate::text::nfc(&s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The `encoding` of an `<?xml …?>` declaration at the start of the bytes, if any.
pub(crate) fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(512)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let i = decl.find("encoding")?;
    let rest = decl[i + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let q = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let val = &rest[1..];
    Some(val[..val.find(q)?].to_string())
}

/// Collects an element's text with the whitespace rule described on [`Element::text`].
#[derive(Default)]
struct TextBuf {
    out: String,
    /// Literal whitespace seen but not yet written.
    pending: String,
    started: bool,
}

impl TextBuf {
    fn soft(&mut self, c: char) {
        self.pending.push(c);
    }
    fn hard(&mut self, c: char) {
        if !self.pending.is_empty() {
            if self.started {
                if self.pending.contains(['\n', '\t', '\r']) {
                    self.out.push(' ');
                } else {
                    self.out.push_str(&self.pending);
                }
            }
            self.pending.clear();
        }
        self.out.push(c);
        self.started = true;
    }
    fn finish(self) -> String {
        self.out
    }
}

/// An element being built.
struct Open {
    el: Element,
    buf: TextBuf,
    /// Namespace bindings declared on this element.
    bindings: Vec<(String, String)>,
    /// Text inside native codes is dropped.
    code: bool,
}

/// Parse XML text into its root element. Errors name the file and line: malformed XML, an
/// unclosed element at the end of the file, text or a second element outside the root.
pub(crate) fn parse(text: &str, path: &Path) -> Result<Element> {
    check_chars(text, path)?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    reader.config_mut().trim_text(false);
    let bytes = text.as_bytes();
    let (mut line, mut counted) = (1usize, 0usize);
    let mut line_at = |pos: usize| {
        let pos = pos.min(bytes.len());
        if pos >= counted {
            line += bytes[counted..pos].iter().filter(|&&b| b == b'\n').count();
        } else {
            line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        }
        counted = pos;
        line
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let pos = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let l = line_at(reader.error_position() as usize);
                return Err(Error::at_line(
                    path,
                    l,
                    format!("malformed XML: {}; expected well-formed XML", e),
                ));
            }
        };
        // Text events start at `pos`, but the line of a tag is where its `<` is.
        let l = line_at(pos);
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                if stack.is_empty() && root.is_some() {
                    return Err(Error::at_line(
                        path,
                        l,
                        "a second root element; expected one root element",
                    ));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::at_line(
                        path,
                        l,
                        format!(
                            "elements nested more than {MAX_DEPTH} deep; expected a glossary file (TBX nests about 10 levels)"
                        ),
                    ));
                }
                let open = start(e, &stack, path, l)?;
                if empty {
                    let done = finish(open);
                    attach(&mut stack, &mut root, done);
                } else {
                    stack.push(open);
                }
            }
            Event::End(_) => {
                let open = stack
                    .pop()
                    .expect("quick-xml checks that end tags match start tags");
                let done = finish(open);
                attach(&mut stack, &mut root, done);
            }
            Event::Text(t) => {
                let raw = std::str::from_utf8(t.as_ref()).expect("the input is a str");
                let Some(top) = stack.len().checked_sub(1) else {
                    if raw.trim().is_empty() {
                        continue;
                    }
                    return Err(Error::at_line(
                        path,
                        l + leading_lines(raw),
                        "text outside the root element; expected only markup there",
                    ));
                };
                let owner = text_owner(&stack);
                if !raw.trim().is_empty() && stack[top].el.stray_text.is_none() && !stack[top].code
                {
                    stack[top].el.stray_text = Some(l + leading_lines(raw));
                }
                let skip = stack[top].code;
                unescape_into(
                    raw,
                    if skip {
                        None
                    } else {
                        Some(&mut stack[owner].buf)
                    },
                )
                .map_err(|m| Error::at_line(path, l, m))?;
            }
            Event::CData(t) => {
                let Some(top) = stack.len().checked_sub(1) else {
                    return Err(Error::at_line(
                        path,
                        l,
                        "CDATA outside the root element; expected only markup there",
                    ));
                };
                let raw = String::from_utf8_lossy(t.as_ref()).into_owned();
                if !raw.trim().is_empty() && stack[top].el.stray_text.is_none() {
                    stack[top].el.stray_text = Some(l);
                }
                if !stack[top].code {
                    let owner = text_owner(&stack);
                    for c in raw.chars() {
                        if matches!(c, ' ' | '\t' | '\n' | '\r') {
                            stack[owner].buf.soft(c);
                        } else {
                            stack[owner].buf.hard(c);
                        }
                    }
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.first() {
        let end = line_at(bytes.len());
        let deepest = stack.last().expect("stack is not empty");
        return Err(Error::at_line(
            path,
            end,
            format!(
                "unexpected end of file: <{}> opened on line {} is not closed (the file looks truncated); expected </{}>",
                open.el.qname, deepest.el.line, deepest.el.qname
            ),
        ));
    }
    root.ok_or_else(|| Error::input(path, "no XML element found; expected an XML document"))
}

/// Lines before the first non-whitespace character of a text event.
fn leading_lines(raw: &str) -> usize {
    let lead = raw.len() - raw.trim_start().len();
    raw[..lead].matches('\n').count()
}

/// The index of the element that owns text at the top of the stack: the innermost one that is
/// not inline markup.
fn text_owner(stack: &[Open]) -> usize {
    let mut i = stack.len() - 1;
    while i > 0 && INLINE.contains(&stack[i].el.name.as_str()) {
        i -= 1;
    }
    i
}

fn start(e: &BytesStart, stack: &[Open], path: &Path, line: usize) -> Result<Open> {
    let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    let mut bindings = Vec::new();
    for a in e.attributes().with_checks(true) {
        let a = a.map_err(|err| {
            Error::at_line(
                path,
                line,
                format!(
                    "malformed attribute in <{}>: {}; expected name=\"value\"",
                    qname, err
                ),
            )
        })?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let raw = std::str::from_utf8(&a.value).expect("the input is a str");
        let mut buf = TextBuf::default();
        unescape_into(raw, Some(&mut buf)).map_err(|m| Error::at_line(path, line, m))?;
        // Attribute values: every literal whitespace character is a space (XML's normalization);
        // the trimming done for text is harmless for the values TBX uses.
        let val = buf.finish();
        if key == "xmlns" {
            bindings.push((String::new(), val.clone()));
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            bindings.push((p.to_string(), val.clone()));
        }
        attrs.push((key, val));
    }
    let (prefix, local) = match qname.split_once(':') {
        Some((p, l)) => (p.to_string(), l.to_string()),
        None => (String::new(), qname.clone()),
    };
    let ns = resolve(&prefix, &bindings, stack).ok_or_else(|| {
        Error::at_line(
            path,
            line,
            format!(
                "undeclared namespace prefix {:?} in <{}>; expected an xmlns:{} declaration",
                prefix, qname, prefix
            ),
        )
    })?;
    let code = stack.last().map(|o| o.code).unwrap_or(false) || CODES.contains(&local.as_str());
    Ok(Open {
        el: Element {
            ns,
            name: local,
            qname,
            attrs,
            children: Vec::new(),
            text: String::new(),
            stray_text: None,
            line,
        },
        buf: TextBuf::default(),
        bindings,
        code,
    })
}

fn resolve(prefix: &str, own: &[(String, String)], stack: &[Open]) -> Option<String> {
    if prefix == "xml" {
        return Some(XML_NS.to_string());
    }
    let find = |b: &[(String, String)]| {
        b.iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.clone())
    };
    if let Some(u) = find(own) {
        return Some(u);
    }
    for o in stack.iter().rev() {
        if let Some(u) = find(&o.bindings) {
            return Some(u);
        }
    }
    if prefix.is_empty() {
        Some(String::new())
    } else {
        None
    }
}

fn finish(open: Open) -> Element {
    let mut el = open.el;
    el.text = open.buf.finish();
    el
}

fn attach(stack: &mut [Open], root: &mut Option<Element>, el: Element) {
    match stack.last_mut() {
        Some(parent) => parent.el.children.push(el),
        None => *root = Some(el),
    }
}

/// Unescape raw XML text into `buf` (or only check it when `buf` is None). Literal whitespace
/// is "soft", everything else (character references included) is kept as is.
fn unescape_into(raw: &str, mut buf: Option<&mut TextBuf>) -> std::result::Result<(), String> {
    let mut rest = raw;
    while let Some(i) = rest.find(['&', ' ', '\t', '\n', '\r']) {
        if let Some(b) = buf.as_deref_mut() {
            rest[..i].chars().for_each(|c| b.hard(c));
        }
        let c = rest[i..].chars().next().expect("found a character");
        if c != '&' {
            if let Some(b) = buf.as_deref_mut() {
                b.soft(c);
            }
            rest = &rest[i + 1..];
            continue;
        }
        let after = &rest[i + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 12) else {
            return Err("a bare '&' in text; expected an entity such as &amp;".to_string());
        };
        let name = &after[..end];
        let ch = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let num = if let Some(h) =
                    name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                {
                    u32::from_str_radix(h, 16).ok()
                } else if let Some(d) = name.strip_prefix('#') {
                    d.parse::<u32>().ok()
                } else {
                    return Err(format!("unknown entity &{};; expected &lt; &gt; &amp; &quot; &apos; or a character reference", name));
                };
                match num.and_then(char::from_u32) {
                    Some(c) if crate::text::xml_forbidden(c) => {
                        return Err(format!(
                            "character reference &{};, a control character XML 1.0 forbids; expected text",
                            name
                        ))
                    }
                    Some(c) => c,
                    None => return Err(format!("invalid character reference &{};", name)),
                }
            }
        };
        if let Some(b) = buf.as_deref_mut() {
            b.hard(ch);
        }
        rest = &after[end + 1..];
    }
    if let Some(b) = buf {
        rest.chars().for_each(|c| b.hard(c));
    }
    Ok(())
}

/// Escape text for element content so that [`parse`] gives it back unchanged: markup characters
/// as entities; tab, line feed and carriage return as character references, and so is a space
/// at either end (a literal one would be trimmed); characters XML 1.0 forbids are dropped.
pub(crate) fn escape_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().filter(|&c| xml_char(c)).collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            ' ' if i == 0 || i + 1 == chars.len() => out.push_str("&#32;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escape an attribute value (it is written between double quotes).
pub(crate) fn escape_attr(s: &str) -> String {
    escape_text(s).replace('"', "&quot;")
}

/// XML 1.0 `Char` (surrogates cannot occur in a Rust `char`).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Element> {
        parse(s, Path::new("t.xml"))
    }

    #[test]
    fn whitespace_rule_round_trips_through_escape() {
        for s in [
            "a b",
            " lead",
            "trail ",
            "two  spaces",
            "line\nbreak",
            "tab\there",
            "",
            "x",
            "a & <b>",
            "  ",
            "\n",
        ] {
            let doc = format!("<r>{}</r>", escape_text(s));
            assert_eq!(p(&doc).unwrap().text, s, "{:?} via {:?}", s, doc);
        }
    }

    #[test]
    fn layout_whitespace_folds() {
        let r =
            p("<r>\n   federated\n\t\tdatabase  x <hi>bold</hi> <bpt>{b}</bpt>end\n</r>").unwrap();
        assert_eq!(r.text, "federated database  x bold end");
    }

    #[test]
    fn errors_carry_lines() {
        let e = p("<a>\n<b>\n</a>").unwrap_err().to_string();
        assert!(e.starts_with("t.xml:3: malformed XML"), "{e}");
        let e = p("<a>\n<b>\ntext").unwrap_err().to_string();
        assert!(e.starts_with("t.xml:3: unexpected end of file: <a>"), "{e}");
        let e = p("<a>&foo;</a>").unwrap_err().to_string();
        assert!(e.contains("unknown entity &foo;"), "{e}");
        let e = p("<a/><b/>").unwrap_err().to_string();
        assert!(e.contains("second root"), "{e}");
        let e = p("<x:a/>").unwrap_err().to_string();
        assert!(e.contains("undeclared namespace prefix"), "{e}");
    }

    #[test]
    fn namespaces_and_lines() {
        let r =
            p("<tbx xmlns=\"urn:x\" xmlns:b=\"urn:b\">\n<b:c/>\n  <d xml:lang=\"ru\">t</d></tbx>")
                .unwrap();
        assert_eq!((r.ns.as_str(), r.line), ("urn:x", 1));
        assert_eq!(
            (
                r.children[0].ns.as_str(),
                r.children[0].name.as_str(),
                r.children[0].line
            ),
            ("urn:b", "c", 2)
        );
        assert_eq!(
            (
                r.children[1].ns.as_str(),
                r.children[1].lang(),
                r.children[1].line
            ),
            ("urn:x", Some("ru"), 3)
        );
    }
}
