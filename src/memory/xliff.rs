//! XLIFF 1.2 and 2.x, as CAT tools exchange bilingual files: each segment's source and target
//! are a pair already. The languages come from the file (`source-language`/`target-language`
//! on each `<file>` in 1.2, `srcLang`/`trgLang` on `<xliff>` in 2.x); a Russian→English file
//! gives its pairs the right way round. Inline markup (`<g>`, `<mrk>`, `<pc>`) keeps its text;
//! native codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`) and placeholders are left out.
use crate::error::{Error, Result};
use crate::glossary::xmltree::{self, Element};
use std::path::Path;

/// One segment of an XLIFF file: English, Russian, and the line of its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub en: String,
    pub ru: String,
    pub line: usize,
}

/// Read the English–Russian pairs of an XLIFF file (segments without a target are left out).
pub fn read(bytes: &[u8], path: &Path) -> Result<Vec<Pair>> {
    let text = xmltree::decode(bytes, path)?;
    let root = xmltree::parse(&text, path)?;
    if root.name != "xliff" {
        return Err(Error::at_line(
            path,
            root.line,
            format!(
                "<{}> is not XLIFF; expected <xliff> as the root",
                root.qname
            ),
        ));
    }
    let version = root.attr("version").unwrap_or("");
    let mut out = Vec::new();
    if version.starts_with('1') {
        for file in root.children.iter().filter(|c| c.name == "file") {
            let langs = languages(
                file,
                file.attr("source-language"),
                file.attr("target-language"),
                path,
            )?;
            collect(file, "trans-unit", langs, &mut out);
        }
    } else if version.starts_with('2') {
        let langs = languages(&root, root.attr("srcLang"), root.attr("trgLang"), path)?;
        collect(&root, "segment", langs, &mut out);
    } else {
        return Err(Error::at_line(
            path,
            root.line,
            format!("XLIFF version {version:?}: expected 1.2 or 2.x"),
        ));
    }
    Ok(out)
}

/// Whether the source is English (`true`) or Russian (`false`); anything else is refused.
fn languages(
    el: &Element,
    source: Option<&str>,
    target: Option<&str>,
    path: &Path,
) -> Result<bool> {
    let primary = |l: Option<&str>| {
        l.unwrap_or("")
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    match (primary(source).as_str(), primary(target).as_str()) {
        ("en", "ru") => Ok(true),
        ("ru", "en") => Ok(false),
        (s, t) => Err(Error::at_line(
            path,
            el.line,
            format!(
                "XLIFF languages {s:?} → {t:?}: termtool reads English–Russian files (source and target language on <{}>)",
                el.qname
            ),
        )),
    }
}

/// The pairs of every `unit` element (trans-unit or segment) under `el`, in document order.
fn collect(el: &Element, unit: &str, en_source: bool, out: &mut Vec<Pair>) {
    for c in &el.children {
        if c.name != unit {
            collect(c, unit, en_source, out);
            continue;
        }
        let side = |name: &str| c.children.iter().find(|x| x.name == name);
        let (Some(source), Some(target)) = (side("source"), side("target")) else {
            continue;
        };
        let (s, t) = (source.text.trim(), target.text.trim());
        if s.is_empty() || t.is_empty() {
            continue;
        }
        let (en, ru) = if en_source { (s, t) } else { (t, s) };
        out.push(Pair {
            en: en.to_string(),
            ru: ru.to_string(),
            line: source.line,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(xml: &str) -> Result<Vec<(String, String)>> {
        read(xml.as_bytes(), Path::new("t.xlf"))
            .map(|v| v.into_iter().map(|p| (p.en, p.ru)).collect())
    }

    #[test]
    fn both_versions_and_both_directions() {
        let v12 = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="en-US" target-language="ru" datatype="plaintext" original="a">
  <body>
   <trans-unit id="1"><source>The <g id="1">Joint</g> Plan<x id="2"/> of Action</source>
     <target>Совместный <bpt id="3">&lt;b&gt;</bpt>план<ept id="3">&lt;/b&gt;</ept> действий</target></trans-unit>
   <trans-unit id="2"><source>Untranslated</source></trans-unit>
  </body>
 </file>
</xliff>"#;
        assert_eq!(
            pairs(v12).unwrap(),
            [(
                "The Joint Plan of Action".to_string(),
                "Совместный план действий".to_string()
            )]
        );
        let v20 = r#"<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ru" trgLang="en">
 <file id="f"><unit id="u"><segment><source>Мир <pc id="1">и</pc> безопасность</source><target>Peace and security</target></segment></unit></file>
</xliff>"#;
        assert_eq!(
            pairs(v20).unwrap(),
            [(
                "Peace and security".to_string(),
                "Мир и безопасность".to_string()
            )]
        );
    }

    #[test]
    fn other_languages_and_other_roots_are_refused_with_their_line() {
        let de = "<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"de\"></file></xliff>";
        let e = pairs(de).unwrap_err().to_string();
        assert!(e.contains("t.xlf:2") && e.contains("\"de\""), "{e}");
        let e = pairs("<tmx version=\"1.4\"/>").unwrap_err().to_string();
        assert!(e.contains("not XLIFF"), "{e}");
    }
}
