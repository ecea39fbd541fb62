//! Issue 13: documents from word processors. The seed written by LibreOffice as DOCX and ODT
//! (`tests/fixtures/office/README.md`) aligns exactly as the text does; other archives and
//! damaged ones are refused with one line naming the file.

use crate::common::*;

fn align_json(file: &str) -> Vec<u8> {
    run(["align", file, "--json"]).ok().stdout
}

#[test]
fn the_seed_from_docx_and_odt_aligns_as_the_text_does() {
    let text = align_json(SEED);
    for f in ["seed.docx", "seed.odt"] {
        let path = root().join("tests/fixtures/office").join(f);
        assert!(
            align_json(path.to_str().unwrap()) == text,
            "{f}: the alignment differs from the text's"
        );
    }
    // extract and check read them too
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
}
