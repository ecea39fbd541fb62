//! Issue 10: hostile files, special outputs and faults never crash termtool or lose data.
//! Each test runs the real binary (docs/FAQ.md lists the cases and their behaviour).

use crate::common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `termtool ARGS` with the workspace at `db`, standard input empty.
fn tt(db: &Path, args: &[&str]) -> Run {
    finished(
        termtool()
            .arg("--db")
            .arg(db)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("termtool runs"),
    )
}

fn units(db: &Path) -> u64 {
    let r = tt(db, &["export", "--format", "tmx"]);
    r.out().matches("<tu>").count() as u64 + r.out().matches("<tu ").count() as u64
}

const TBX_HEAD: &str = r#"<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>"#;
const TBX_TAIL: &str = "</body></text></martif>\n";

fn tmx(seg_en: &str) -> String {
    format!(
        r#"<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>{seg_en}</seg></tuv><tuv xml:lang="ru"><seg>текст</seg></tuv></tu></body></tmx>
"#
    )
}

#[test]
fn deeply_nested_xml_is_refused_not_a_stack_overflow() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let n = 10_000;
    let deep = d.path().join("deep.tbx");
    fs::write(
        &deep,
        format!(
            "{TBX_HEAD}<termEntry id=\"a\"><langSet xml:lang=\"en\"><tig><term>{}x{}</term></tig></langSet></termEntry>{TBX_TAIL}",
            "<hi>".repeat(n),
            "</hi>".repeat(n)
        ),
    )
    .unwrap();
    let r = tt(&db, &["import", deep.to_str().unwrap()]);
    assert_error_naming(&r, &deep);
    assert!(r.stderr.contains("nested more than"), "{}", r.stderr);
    // nested entries: refused at once, not after quadratic time
    let nested = d.path().join("nested.tbx");
    fs::write(
        &nested,
        format!(
            "{TBX_HEAD}{}{}{TBX_TAIL}",
            "<termEntry>".repeat(100_000),
            "</termEntry>".repeat(100_000)
        ),
    )
    .unwrap();
    assert_error_naming(&tt(&db, &["import", nested.to_str().unwrap()]), &nested);
    // a lookup in a folder whose glossary/termtool.tbx is such a file
    let dir = d.path().join("proj");
    fs::create_dir_all(dir.join("glossary")).unwrap();
    fs::copy(&deep, dir.join("glossary/termtool.tbx")).unwrap();
    let out = termtool()
        .args(["lookup", "x"])
        .current_dir(&dir)
        .env("TERMTOOL_DB", dir.join("ws.sqlite"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_no_panic(&err);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("nested more than"), "{err}");
}

#[test]
fn control_characters_xml_forbids_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    for (name, seg) in [
        ("raw.tmx", "evil \u{1b}]0;pwned\u{7} text"),
        ("ref.tmx", "evil &#27;]0;pwned text"),
        ("nul.tmx", "evil \u{0} text"),
    ] {
        let p = d.path().join(name);
        fs::write(&p, tmx(seg)).unwrap();
        let r = tt(&db, &["import", p.to_str().unwrap()]);
        assert_error_naming(&r, &p);
        assert!(
            r.stderr.contains("U+00") || r.stderr.contains("NUL byte"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(units(&db), 0, "nothing stored");
}

#[test]
fn duplicate_ids_are_refused_with_both_lines() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let csv = d.path().join("dup.csv");
    fs::write(&csv, "id,en,ru\nx1,alpha,альфа\nx1,beta,бета\n").unwrap();
    let r = tt(&db, &["import", csv.to_str().unwrap()]);
    assert_error_naming(&r, &csv);
    assert!(
        r.stderr.contains(":3:") && r.stderr.contains("line 2"),
        "{}",
        r.stderr
    );
    let tbx = d.path().join("dup.tbx");
    let entry = |id: &str, en: &str| {
        format!("<termEntry id=\"{id}\"><langSet xml:lang=\"en\"><tig><term>{en}</term></tig></langSet></termEntry>\n")
    };
    fs::write(
        &tbx,
        format!(
            "{TBX_HEAD}\n{}{}{TBX_TAIL}",
            entry("e1", "alpha"),
            entry("e1", "beta")
        ),
    )
    .unwrap();
    let r = tt(&db, &["import", tbx.to_str().unwrap()]);
    assert_error_naming(&r, &tbx);
    assert!(r.stderr.contains("used again"), "{}", r.stderr);
}

#[test]
fn a_csv_cut_inside_quotes_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    for (name, text) in [
        ("memory.csv", "en,ru\nalpha,\"альфа и\n"),
        ("glossary.csv", "id,en,ru\nx1,alpha,\"альфа\n"),
    ] {
        let p = d.path().join(name);
        fs::write(&p, text).unwrap();
        let r = tt(&db, &["import", p.to_str().unwrap()]);
        assert_error_naming(&r, &p);
        assert!(r.stderr.contains("never closed"), "{}", r.stderr);
    }
    // quotes doubled inside a quoted field, and a line break inside one, are fine
    let ok = d.path().join("ok.csv");
    fs::write(
        &ok,
        "en,ru\n\"a \"\"quoted\"\" one\",альфа\nb,\"two\nlines\"\n",
    )
    .unwrap();
    tt(&db, &["import", ok.to_str().unwrap()]).ok();
    assert_eq!(units(&db), 2);
}

#[test]
fn zero_width_sides_count_as_empty_not_as_duplicates() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let p = d.path().join("zw.tsv");
    fs::write(
        &p,
        "\u{200b}\u{200b}\tальфа\n\u{200b}\tбета\nalpha\tальфа\n",
    )
    .unwrap();
    let r = tt(&db, &["import", p.to_str().unwrap(), "--json"]).ok();
    let v = json(&r.stdout);
    assert_eq!(v["added"], 1, "{v:#}");
    assert_eq!(v["duplicates"], 0, "{v:#}");
    assert_eq!(v["files"][0]["empty"], 2, "{v:#}");
}

#[test]
fn an_import_whose_report_cannot_be_written_stores_nothing() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let p = d.path().join("m.tsv");
    fs::write(&p, "alpha\tальфа\n").unwrap();
    let full = match fs::OpenOptions::new().write(true).open("/dev/full") {
        Ok(f) => f,
        Err(e) => panic!("this test needs /dev/full (a Linux device): {e}"),
    };
    let out = termtool()
        .args(["--db", db.to_str().unwrap(), "import", p.to_str().unwrap()])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(units(&db), 0, "exit 2 means nothing was stored");
    tt(&db, &["import", p.to_str().unwrap()]).ok();
    assert_eq!(units(&db), 1);
}

/// A character device made with mknod in `dir` (root only), else a named pipe with a reader:
/// either way a path that is no regular file.
fn special_file(dir: &Path, name: &str, major_minor: (u32, u32)) -> (PathBuf, bool) {
    let p = dir.join(name);
    let made = Command::new("mknod")
        .arg(&p)
        .arg("c")
        .arg(major_minor.0.to_string())
        .arg(major_minor.1.to_string())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        return (p, true);
    }
    eprintln!("note: mknod is not permitted here; testing with a named pipe instead");
    assert!(Command::new("mkfifo").arg(&p).status().unwrap().success());
    (p, false)
}

#[test]
fn output_to_devices_pipes_and_links_writes_in_place() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let p = d.path().join("m.tsv");
    fs::write(&p, "alpha\tальфа\n").unwrap();
    tt(&db, &["import", p.to_str().unwrap()]).ok();
    let (null, device) = special_file(d.path(), "null", (1, 3));
    let reader = (!device).then(|| {
        let null = null.clone();
        std::thread::spawn(move || fs::read(null).unwrap())
    });
    tt(
        &db,
        &["export", "--format", "tmx", "-o", null.to_str().unwrap()],
    )
    .ok();
    if let Some(r) = reader {
        assert!(String::from_utf8(r.join().unwrap())
            .unwrap()
            .contains("альфа"));
    }
    let ft = fs::symlink_metadata(&null).unwrap().file_type();
    assert!(!ft.is_file(), "the special file is still one");
    if device {
        // a full device is an error, not a success
        let (full, _) = special_file(d.path(), "full", (1, 7));
        let r = tt(
            &db,
            &["export", "--format", "tmx", "-o", full.to_str().unwrap()],
        );
        assert_error_naming(&r, &full);
        assert!(!fs::symlink_metadata(&full).unwrap().file_type().is_file());
    }
    // a symbolic link keeps pointing at its target, which gets the content
    let target = d.path().join("real.tmx");
    fs::write(&target, "old").unwrap();
    let link = d.path().join("link.tmx");
    std::os::unix::fs::symlink("real.tmx", &link).unwrap();
    tt(
        &db,
        &["export", "--format", "tmx", "-o", link.to_str().unwrap()],
    )
    .ok();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&target).unwrap().contains("альфа"));
}

/// Run termtool as a user who may not write `db` or its folder: as root (who may write
/// anything), through setpriv as nobody; otherwise as this user, after taking write permission
/// away.
fn as_reader(db: &Path, args: &[&str]) -> Run {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_termtool"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_termtool"))
    };
    finished(
        cmd.arg("--db")
            .arg(db)
            .args(args)
            .current_dir("/")
            .stdin(Stdio::null())
            .output()
            .expect("termtool runs (as root this test needs setpriv, from util-linux)"),
    )
}

#[test]
fn a_read_only_workspace_can_be_looked_up_and_exported() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let mode = |p: &Path, m| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    mode(d.path(), 0o755);
    let dir = d.path().join("ro");
    fs::create_dir(&dir).unwrap();
    let db = dir.join("ws.sqlite");
    let p = d.path().join("m.tsv");
    fs::write(&p, "Joint Plan of Action\tСовместный план действий\n").unwrap();
    tt(&db, &["import", p.to_str().unwrap()]).ok();
    mode(&db, 0o444);
    mode(&dir, 0o555);
    let look = as_reader(&db, &["lookup", "Joint Plan of Action"]);
    let export = as_reader(&db, &["export", "--format", "tmx"]);
    let import = as_reader(&db, &["import", p.to_str().unwrap()]);
    mode(&dir, 0o755);
    mode(&db, 0o644);
    assert_eq!(look.code, Some(0), "{}", look.stderr);
    assert!(look.out().contains("Совместный план действий"));
    assert!(export.ok().out().contains("Совместный план действий"));
    // writing is refused with a clear error, and nothing changes
    assert_error_naming(&import, &db);
    assert!(import.stderr.contains("cannot write"), "{}", import.stderr);
}

#[test]
fn lookup_stdin_names_the_line_of_invalid_utf8() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let r = run_with_stdin(
        termtool().args(["--db", db.to_str().unwrap(), "lookup", "--stdin"]),
        b"alpha\nb\xff\xfec\n",
    );
    let err = &r.stderr;
    assert_eq!(r.code, Some(2), "{err}");
    assert!(err.contains("<stdin>:2:"), "{err}");
}

#[test]
fn endless_input_stops_at_the_limit() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let big = d.path().join("big.txt");
    fs::write(&big, "Paragraph one.\n\nАбзац один.\n".repeat(50_000)).unwrap();
    let r = finished(
        termtool()
            .args(["--db", db.to_str().unwrap(), "align", big.to_str().unwrap()])
            .env("TERMTOOL_MAX_INPUT_MB", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    );
    assert_error_naming(&r, &big);
    assert!(r.stderr.contains("TERMTOOL_MAX_INPUT_MB"), "{}", r.stderr);
    // /dev/zero never ends: the limit stops it
    let out = termtool()
        .args(["align", "/dev/zero"])
        .env("TERMTOOL_MAX_INPUT_MB", "4")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("larger than 4 MiB"));
}

#[test]
fn entities_are_never_expanded() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let secret = d.path().join("secret.txt");
    fs::write(&secret, "TOP-SECRET").unwrap();
    let external = format!(
        "<!DOCTYPE tmx [<!ENTITY x SYSTEM \"file://{}\">]>",
        secret.display()
    );
    let laughs = "<!DOCTYPE tmx [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>";
    for (name, doctype, seg) in [
        ("external.tmx", external.as_str(), "&x;"),
        ("laughs.tmx", laughs, "&c;"),
    ] {
        let p = d.path().join(name);
        let text = tmx(seg).replacen("<tmx ", &format!("{doctype}\n<tmx "), 1);
        fs::write(&p, text).unwrap();
        let r = tt(&db, &["import", p.to_str().unwrap()]);
        assert_error_naming(&r, &p);
    }
    assert_eq!(units(&db), 0);
    let r = tt(&db, &["export", "--format", "tmx"]);
    assert!(!r.out().contains("TOP-SECRET") && !r.out().contains("lol"));
}

/// Ctrl-C at any moment of `build` leaves its output folder with all the old files or all the
/// new ones, never a mix: builds from two different inputs alternate, each interrupted after a
/// different delay, and after each the five files must all be one build's.
#[test]
fn ctrl_c_during_build_leaves_all_old_or_all_new_files() {
    let d = tempfile::tempdir().unwrap();
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    for e in fs::read_dir(root().join("seeds")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, a.join(p.file_name().unwrap())).unwrap();
    }
    fs::copy(root().join(SEED), b.join("only.en-ru.txt")).unwrap();
    let names = [
        "termtool.tbx",
        "termtool.2019.tbx",
        "termtool.csv",
        "termtool.omegat.tsv",
        "memory.tmx",
    ];
    let build = |input: &Path, out: &Path| {
        termtool()
            .args([
                "build",
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .stdin(Stdio::null())
            .spawn()
            .unwrap()
    };
    let read_all = |out: &Path| -> Vec<Vec<u8>> {
        names
            .iter()
            .map(|n| fs::read(out.join(n)).unwrap())
            .collect()
    };
    let reference = |input: &Path| {
        let out = d.path().join(format!(
            "ref-{}",
            input.file_name().unwrap().to_str().unwrap()
        ));
        assert!(build(input, &out).wait().unwrap().success());
        read_all(&out)
    };
    let (ref_a, ref_b) = (reference(&a), reference(&b));
    assert_ne!(
        ref_a[0], ref_b[0],
        "the two inputs must give different glossaries"
    );
    let out = d.path().join("out");
    assert!(build(&a, &out).wait().unwrap().success());
    for round in 0..16u64 {
        let input = if round % 2 == 0 { &b } else { &a };
        let mut child = build(input, &out);
        std::thread::sleep(std::time::Duration::from_millis(40 + round * 60));
        Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        child.wait().unwrap();
        let got = read_all(&out);
        assert!(
            got == ref_a || got == ref_b,
            "round {round}: the folder holds files of two different builds"
        );
        assert_eq!(
            entries(&out).len(),
            names.len(),
            "round {round}: {:?}",
            entries(&out)
        );
    }
}

/// Imports of a TMX and a TBX cut at every 29th byte, through the binary: each is refused with
/// exit 2 naming the file, and the workspace keeps exactly what it held.
#[test]
fn imports_of_cut_files_store_nothing() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let seed = d.path().join("seed.tmx");
    fs::write(&seed, tmx("already here")).unwrap();
    tt(&db, &["import", seed.to_str().unwrap()]).ok();
    let entry = "<termEntry id=\"e1\"><langSet xml:lang=\"en\"><tig><term>alpha</term></tig></langSet><langSet xml:lang=\"ru\"><tig><term>альфа</term></tig></langSet></termEntry>";
    for (name, full) in [
        ("cut.tmx", tmx("a new segment")),
        ("cut.tbx", format!("{TBX_HEAD}\n{entry}\n{TBX_TAIL}")),
    ] {
        let p = d.path().join(name);
        let end = full.trim_end().len();
        for cut in (0..end).step_by(29) {
            fs::write(&p, &full.as_bytes()[..cut]).unwrap();
            let r = tt(&db, &["import", p.to_str().unwrap()]);
            assert_eq!(r.code, Some(2), "{name} cut at {cut}: {}", r.stderr);
            assert_error_naming(&r, &p);
        }
    }
    assert_eq!(units(&db), 1, "only the first import is stored");
    let r = tt(&db, &["lookup", "alpha", "--json"]);
    assert_ne!(
        r.code,
        Some(0),
        "no glossary entry from a cut TBX: {}",
        r.out()
    );
}

/// Every prefix of `full` given to `read`: none may panic; a reader of a structured format
/// (`whole_or_error`) must refuse every strict prefix with the file named and what it expected.
fn sweep_prefixes(
    name: &str,
    full: &[u8],
    whole_or_error: bool,
    read: impl Fn(&[u8]) -> Result<(), String>,
) -> usize {
    let mut refused = 0;
    for cut in 0..full.len() {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(&full[..cut])));
        match r {
            Err(_) => panic!("{name} cut at byte {cut}: the reader panicked"),
            Ok(Err(e)) => {
                assert!(
                    e.starts_with("cut.") && e.contains("expected"),
                    "{name} cut at byte {cut}: {e}"
                );
                refused += 1;
            }
            Ok(Ok(())) => assert!(
                !whole_or_error
                    || full[cut..]
                        .iter()
                        .all(|b| b.is_ascii_whitespace() || *b == 0),
                "{name} cut at byte {cut} was accepted"
            ),
        }
    }
    read(full).unwrap_or_else(|e| panic!("{name} whole: {e}"));
    refused
}

#[test]
fn files_truncated_at_every_byte_are_refused_without_a_panic() {
    use termtool::glossary::io;
    let p = |ext: &str| PathBuf::from(format!("cut.{ext}"));
    let read = |rel: &str| fs::read(root().join(rel)).unwrap();
    let glossary = |ext: &'static str| {
        move |b: &[u8]| {
            io::read_bytes(b, &p(ext))
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
    };
    for rel in [
        "tests/fixtures/formats/tbx/samples/en-ru_tbx-basic-2008_min.tbx",
        "tests/fixtures/formats/tbx/samples/en-ru_tbx-basic_min.tbx",
    ] {
        sweep_prefixes(rel, &read(rel), true, glossary("tbx"));
    }
    let tmx = |b: &[u8]| {
        termtool::memory::tmx::read_tmx(b, &p("tmx"))
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    for rel in [
        "tests/fixtures/formats/tmx/samples/samples-translate-toolkit_po2tmx_en-ru.tmx",
        "tests/fixtures/formats/tmx/lisa-compliance-kit/ImportTest2A.tmx",
    ] {
        sweep_prefixes(rel, &read(rel), true, tmx);
    }
    let xlf = "tests/fixtures/xliff/seed.en-ru.xlf";
    sweep_prefixes(xlf, &read(xlf), true, |b| {
        termtool::memory::xliff::read(b, &p("xlf"))
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    // zip formats: a cut archive has no central directory
    let docx = "tests/fixtures/office/seed.docx";
    sweep_prefixes(docx, &read(docx), true, |b| {
        termtool::text::office::text(b, &p("docx"), 1 << 30)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    let g =
        io::read_any(&root().join("tests/fixtures/formats/tbx/samples/en-ru_tbx-basic_min.tbx"))
            .unwrap();
    let xlsx = termtool::glossary::xlsx::write(&g).unwrap();
    sweep_prefixes("xlsx", &xlsx, true, glossary("xlsx"));
    // line formats: a cut at a line end is a shorter file; never a panic nor a cut-off quote
    for format in [io::Format::Csv, io::Format::Tsv] {
        let text = io::write(&g, format);
        let ext = if format == io::Format::Csv {
            "csv"
        } else {
            "tsv"
        };
        sweep_prefixes(ext, text.as_bytes(), false, glossary(ext));
    }
}

/// Huge lines, attributes and columns: a paragraph of thousands of sentences aligns (every
/// sentence in exactly one sentence bead, in order), a 5 MB attribute and a 5 MB segment are
/// read, a row of 100,000 columns is refused naming its line and what was expected.
#[test]
fn huge_lines_attributes_and_columns() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    // one paragraph each side of 3,000 sentences: 9 million cells, past the exhaustive search
    let n = 3_000;
    let en: Vec<String> = (0..n).map(|k| format!("Item {k} was adopted.")).collect();
    let ru: Vec<String> = (0..n).map(|k| format!("Пункт {k} был принят.")).collect();
    let doc = d.path().join("huge-paragraph.txt");
    fs::write(&doc, format!("{}\n\n{}\n", en.join(" "), ru.join(" "))).unwrap();
    let r = tt(&db, &["align", doc.to_str().unwrap(), "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v = json(r.out().as_bytes());
    let beads = v["beads"].as_array().unwrap();
    assert_eq!(beads.len(), 1, "one paragraph bead");
    let sentences = beads[0]["sentences"].as_array().unwrap();
    for side in ["en", "ru"] {
        let seen: Vec<u64> = sentences
            .iter()
            .flat_map(|s| {
                s[side]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_u64().unwrap())
            })
            .collect();
        assert_eq!(
            seen,
            (0..n as u64).collect::<Vec<_>>(),
            "{side}: each sentence once, in order"
        );
    }
    let one_to_one = sentences
        .iter()
        .filter(|s| {
            s["en"].as_array().unwrap().len() == 1 && s["ru"].as_array().unwrap().len() == 1
        })
        .count();
    assert!(
        one_to_one >= n * 9 / 10,
        "{one_to_one} of {n} sentences paired 1-1"
    );

    // a 5 MB attribute, a 5 MB segment
    let big = "x".repeat(5 << 20);
    let attr = d.path().join("attr.tmx");
    fs::write(
        &attr,
        tmx("hello").replace("creationtool=\"x\"", &format!("creationtool=\"{big}\"")),
    )
    .unwrap();
    let r = tt(&db, &["import", attr.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let line = d.path().join("line.tsv");
    fs::write(&line, format!("{big}\tбольшой\n")).unwrap();
    let r = tt(&db, &["import", line.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(units(&db), 2);

    // 100,000 columns
    let cols = d.path().join("cols.tsv");
    fs::write(&cols, format!("hello\tпривет{}\n", "\tx".repeat(100_000))).unwrap();
    let r = tt(&db, &["import", cols.to_str().unwrap()]);
    assert_error_naming(&r, &cols);
    assert!(r.stderr.contains(":1: expected 2 fields"), "{}", r.stderr);
    assert_eq!(units(&db), 2, "nothing more stored");
}

/// Ctrl-C (SIGINT) at different moments of each writing command besides `build` (tested
/// above): an import is stored whole or not at all and the workspace stays sound; `export -o`
/// and `align -o` leave the old file or the whole new one, and no temporary file; `align
/// --save` and `extract --save` store the alignment or the glossary whole or not at all.
#[test]
fn ctrl_c_during_writing_commands_leaves_all_or_nothing() {
    use rusqlite::Connection;
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let count_in = |db: &Path, table: &str| -> i64 {
        let c = Connection::open(db).unwrap();
        let ok: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        // a workspace whose creation was interrupted has no tables: nothing stored
        let exists: i64 = c
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        if exists == 0 {
            return 0;
        }
        c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let count = |table: &str| count_in(&db, table);
    let interrupt_in = |db: &Path, args: &[&str], delay_ms: u64| {
        let mut child = termtool()
            .arg("--db")
            .arg(db)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        child.wait().unwrap();
    };
    let interrupt = |args: &[&str], delay_ms: u64| interrupt_in(&db, args, delay_ms);
    let rows = |n: usize, tag: &str| -> String {
        (0..n)
            .map(|k| {
                format!(
                    "Item {k} of the {tag} plan was adopted.\tПункт {k} плана «{tag}» принят.\n"
                )
            })
            .collect()
    };
    let base = d.path().join("base.tsv");
    fs::write(&base, rows(2_000, "base")).unwrap();
    assert_eq!(tt(&db, &["import", base.to_str().unwrap()]).code, Some(0));
    let big = d.path().join("big.tsv");
    let n_big = 150_000;
    fs::write(&big, rows(n_big, "big")).unwrap();
    // an import takes about 3 s here
    for (round, delay) in [50, 400, 900, 1_500, 2_200].into_iter().enumerate() {
        interrupt(&["import", big.to_str().unwrap()], delay);
        let n = count("units");
        assert!(
            n == 2_000 || n == 2_000 + n_big as i64,
            "round {round}: import left {n} units"
        );
    }
    assert_eq!(tt(&db, &["import", big.to_str().unwrap()]).code, Some(0));

    // -o: the old file or the whole new one
    let out_dir = d.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("memory.tmx");
    fs::write(&out, "old").unwrap();
    let reference = tt(&db, &["export", "--format", "tmx"]).stdout;
    // an export of the 152,000 units takes about 0.4 s
    for (round, delay) in [20, 80, 160, 240, 320].into_iter().enumerate() {
        interrupt(
            &["export", "--format", "tmx", "-o", out.to_str().unwrap()],
            delay,
        );
        let got = fs::read(&out).unwrap();
        assert!(
            got == b"old" || got == reference,
            "round {round}: export left {} bytes",
            got.len()
        );
        assert_eq!(entries(&out_dir), ["memory.tmx"], "round {round}");
    }

    // align --save: the alignment stored whole or not at all
    let doc = d.path().join("doc.txt");
    let en: Vec<String> = (0..4_000)
        .map(|k| format!("Paragraph {k} is here."))
        .collect();
    let ru: Vec<String> = (0..4_000).map(|k| format!("Абзац {k} здесь.")).collect();
    fs::write(
        &doc,
        format!("{}\n\n{}\n", en.join("\n\n"), ru.join("\n\n")),
    )
    .unwrap();
    let before = count("units");
    // about 0.8 s
    for (round, delay) in [20, 200, 400, 600, 700].into_iter().enumerate() {
        interrupt(
            &[
                "align",
                doc.to_str().unwrap(),
                "--save",
                "-o",
                out.to_str().unwrap(),
            ],
            delay,
        );
        let n = count("units") - before;
        assert!(
            n == 0 || n == 4_000,
            "round {round}: align --save stored {n} units"
        );
        assert_eq!(entries(&out_dir), ["memory.tmx"], "round {round}");
    }

    // extract --save (about 0.7 s for the seed): the glossary whole or not at all
    let seed = root().join("seeds/tashkent-conference-2022.en-ru.txt");
    let args = ["extract", seed.to_str().unwrap(), "--save"];
    let whole = d.path().join("whole.sqlite");
    assert_eq!(tt(&whole, &args).code, Some(0));
    let all = count_in(&whole, "concepts");
    assert!(all > 0);
    let fresh = d.path().join("fresh.sqlite");
    for (round, delay) in [20, 150, 300, 450, 600].into_iter().enumerate() {
        interrupt_in(&fresh, &args, delay);
        let n = if fresh.exists() {
            count_in(&fresh, "concepts")
        } else {
            0
        };
        assert!(
            n == 0 || n == all,
            "round {round}: extract --save stored {n} of {all} concepts"
        );
    }
}

/// A disk that fills up during an import (a file size limit, `RLIMIT_FSIZE`, with SIGXFSZ
/// ignored so that writes fail as on a full disk): one line naming the workspace, exit 2,
/// nothing of the import stored, the workspace sound and usable afterwards.
#[test]
fn a_full_disk_during_import_stores_nothing() {
    use std::os::unix::process::CommandExt;
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let small = d.path().join("small.tsv");
    fs::write(&small, "first\tпервый\n").unwrap();
    assert_eq!(tt(&db, &["import", small.to_str().unwrap()]).code, Some(0));
    let big = d.path().join("big.tsv");
    let rows: String = (0..50_000)
        .map(|k| format!("Item {k} of the plan was adopted.\tПункт {k} плана принят.\n"))
        .collect();
    fs::write(&big, rows).unwrap();
    let limit = fs::metadata(&db).unwrap().len() + (1 << 20);
    let mut cmd = termtool();
    cmd.arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&big)
        .stdin(Stdio::null());
    // SAFETY: between fork and exec only async-signal-safe calls (signal, setrlimit).
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let r = finished(cmd.output().unwrap());
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_no_panic(&r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("ws.sqlite"), "{}", r.stderr);
    assert!(r.stderr.contains("disk full"), "{}", r.stderr);
    assert_eq!(units(&db), 1, "nothing of the failed import is stored");
    assert_eq!(tt(&db, &["import", small.to_str().unwrap()]).code, Some(0));
    fs::write(&small, "second\tвторой\n").unwrap();
    assert_eq!(tt(&db, &["import", small.to_str().unwrap()]).code, Some(0));
    assert_eq!(units(&db), 2);
}
