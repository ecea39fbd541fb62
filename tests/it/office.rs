//! Issue 13: documents from word processors and the web. The seed written by LibreOffice as
//! DOCX, ODT, HTML and PDF (`tests/fixtures/office/README.md`) aligns as the text does (DOCX, ODT and HTML byte for byte;
//! PDF bead for bead, its text the same but for spacing); other archives and damaged files are
//! refused with one line naming the file.

use crate::common::*;

fn align_json(file: &str) -> Vec<u8> {
    run(["align", file, "--json"]).ok().stdout
}

#[test]
fn the_seed_from_docx_and_odt_aligns_as_the_text_does() {
    let text = align_json(SEED);
    for f in ["seed.docx", "seed.odt", "seed.html"] {
        let path = root().join("tests/fixtures/office").join(f);
        assert!(
            align_json(path.to_str().unwrap()) == text,
            "{f}: the alignment differs from the text's"
        );
    }
    // from the PDF's text layer: the same beads, the same text but for its spaces (the text
    // layer has no no-break spaces, and its lines wrap)
    let pdf = root().join("tests/fixtures/office/seed.pdf");
    let (a, b) = (json(&text), json(&align_json(pdf.to_str().unwrap())));
    let beads = |v: &serde_json::Value| -> Vec<(String, String, String)> {
        let squeeze = |t: &serde_json::Value| {
            t.as_str()
                .unwrap()
                .split(|c: char| c.is_whitespace())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        v["beads"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["en"].to_string() + &b["ru"].to_string(),
                    squeeze(&b["en_text"]),
                    squeeze(&b["ru_text"]),
                )
            })
            .collect()
    };
    assert_eq!(
        beads(&b),
        beads(&a),
        "the PDF's alignment differs from the text's"
    );
    // extract reads them too
    let docx = root().join("tests/fixtures/office/seed.docx");
    let v = json(
        &run(["extract", docx.to_str().unwrap(), "--json"])
            .ok()
            .stdout,
    );
    assert!(v["concepts"].as_array().unwrap().len() > 20, "{v}");
}

#[test]
fn other_archives_and_damaged_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    // a ZIP holding something else
    let other = dir.path().join("notes.docx");
    {
        let f = std::fs::File::create(&other).unwrap();
        let mut z = zip::ZipWriter::new(f);
        z.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"hello").unwrap();
        z.finish().unwrap();
    }
    let r = run(["align", other.to_str().unwrap()]);
    assert_error_naming(&r, &other);
    assert!(r.stderr.contains("no DOCX or ODT"), "{}", r.stderr);
    // a DOCX cut in half
    let bytes = std::fs::read(root().join("tests/fixtures/office/seed.docx")).unwrap();
    let cut = dir.path().join("cut.docx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let r = run(["align", cut.to_str().unwrap()]);
    assert_error_naming(&r, &cut);
    // bilingual XML is no document to align
    let xlf = root().join("tests/fixtures/xliff/seed.en-ru.xlf");
    let r = run(["align", xlf.to_str().unwrap()]);
    assert_error_naming(&r, &xlf);
    assert!(
        r.stderr.contains("XLIFF file, not a document to align"),
        "{}",
        r.stderr
    );
    // a PDF cut in half, and a PDF without text
    let bytes = std::fs::read(root().join("tests/fixtures/office/seed.pdf")).unwrap();
    let cut = dir.path().join("cut.pdf");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let r = run(["align", cut.to_str().unwrap()]);
    assert_error_naming(&r, &cut);
    let empty = dir.path().join("empty.pdf");
    std::fs::write(&empty, b"%PDF-1.4\n%%EOF\n").unwrap();
    let r = run(["align", empty.to_str().unwrap()]);
    assert_error_naming(&r, &empty);
}
