//! `termtool align` through the real binary: the seed's gold alignment, the output formats and
//! their contracts (docs/json.md, docs/formats.md), and bad input.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// Reading the JSON output

/// A bead's unit positions and texts, as the JSON gives them.
#[derive(Debug, Clone)]
struct Bead {
    en: Vec<usize>,
    ru: Vec<usize>,
    en_text: String,
    ru_text: String,
}

fn indices(v: &Value, key: &str) -> Vec<usize> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{}` should be an array in {}", key, v))
        .iter()
        .map(|i| {
            i.as_u64()
                .unwrap_or_else(|| panic!("`{}` should hold non-negative integers: {}", key, v))
                as usize
        })
        .collect()
}

fn text(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{}` should be a string in {}", key, v))
        .to_string()
}

fn bead(v: &Value) -> Bead {
    Bead {
        en: indices(v, "en"),
        ru: indices(v, "ru"),
        en_text: text(v, "en_text"),
        ru_text: text(v, "ru_text"),
    }
}

fn beads(doc: &Value) -> Vec<Bead> {
    doc["beads"]
        .as_array()
        .expect("`beads` should be an array")
        .iter()
        .map(bead)
        .collect()
}

fn paired(beads: &[Bead]) -> Vec<Bead> {
    beads
        .iter()
        .filter(|b| !b.en.is_empty() && !b.ru.is_empty())
        .cloned()
        .collect()
}

fn show(en: &[usize], ru: &[usize]) -> String {
    format!("EN {:?} - RU {:?}", en, ru)
}

fn align_json(args: &[&str]) -> Value {
    let mut a = vec!["align", "--json"];
    a.extend_from_slice(args);
    json(&run(&a).ok().stdout)
}

// ---------------------------------------------------------------------------------------------
// The seed's gold alignment

/// tests/fixtures/tashkent.gold.json, written by hand from reading the seed document.
struct Gold {
    en_units: Vec<String>,
    ru_units: Vec<String>,
    beads: Vec<(Vec<usize>, Vec<usize>)>,
    skipped: Vec<(usize, String)>,
}

fn gold() -> Gold {
    let v = json(&std::fs::read(root().join("tests/fixtures/tashkent.gold.json")).unwrap());
    let strings = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    Gold {
        en_units: strings("en_units"),
        ru_units: strings("ru_units"),
        beads: v["beads"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (indices(b, "en"), indices(b, "ru")))
            .collect(),
        skipped: v["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["index"].as_u64().unwrap() as usize,
                    s["phrase"].as_str().unwrap().to_string(),
                )
            })
            .collect(),
    }
}

/// Every gold bead is in the output exactly, nothing else is paired, the Turkish footer is
/// skipped, and the indices point at the paragraphs the fixture names.
#[test]
fn seed_gold_alignment() {
    let g = gold();
    let doc = align_json(&[SEED]);
    let all = beads(&doc);
    let mut problems = Vec::new();

    // Indices mean what the fixture says: each listed paragraph's phrase is in the bead's text.
    for b in &all {
        for (side, idx, units, txt) in [
            ("EN", &b.en, &g.en_units, &b.en_text),
            ("RU", &b.ru, &g.ru_units, &b.ru_text),
        ] {
            for &i in idx.iter() {
                match units.get(i) {
                    None => problems.push(format!(
                        "{} index {} is beyond the {} paragraphs of the seed",
                        side,
                        i,
                        units.len()
                    )),
                    Some(p) if !txt.contains(p.as_str()) => problems.push(format!(
                        "{} paragraph {} should contain {:?}; the bead {} reads {:?}",
                        side,
                        i,
                        p,
                        show(&b.en, &b.ru),
                        txt.chars().take(80).collect::<String>()
                    )),
                    _ => {}
                }
            }
        }
    }

    let got: BTreeSet<(Vec<usize>, Vec<usize>)> =
        paired(&all).into_iter().map(|b| (b.en, b.ru)).collect();
    let want: BTreeSet<(Vec<usize>, Vec<usize>)> = g.beads.iter().cloned().collect();
    for (en, ru) in want.difference(&got) {
        problems.push(format!("missing gold bead {}", show(en, ru)));
    }
    for (en, ru) in got.difference(&want) {
        problems.push(format!("paired but not in the gold: {}", show(en, ru)));
    }

    let skipped = doc["skipped"]
        .as_array()
        .expect("`skipped` should be an array");
    let got_skipped: Vec<(usize, String)> = skipped
        .iter()
        .map(|s| {
            (
                s["index"].as_u64().unwrap_or(u64::MAX) as usize,
                text(s, "text"),
            )
        })
        .collect();
    let ok_skipped = got_skipped.len() == g.skipped.len()
        && got_skipped
            .iter()
            .zip(&g.skipped)
            .all(|((gi, gt), (wi, wp))| gi == wi && gt.contains(wp.as_str()));
    if !ok_skipped {
        problems.push(format!(
            "skipped should be exactly the Turkish footer {:?}, got {:?}",
            g.skipped,
            got_skipped
                .iter()
                .map(|(i, t)| (i, t.chars().take(30).collect::<String>()))
                .collect::<Vec<_>>()
        ));
    }
    for b in &all {
        for (_, phrase) in &g.skipped {
            if b.en_text.contains(phrase.as_str()) || b.ru_text.contains(phrase.as_str()) {
                problems.push(format!(
                    "the Turkish paragraph {:?} is in bead {}",
                    phrase,
                    show(&b.en, &b.ru)
                ));
            }
        }
    }

    assert!(
        problems.is_empty(),
        "the seed alignment differs from tests/fixtures/tashkent.gold.json:\n  {}",
        problems.join("\n  ")
    );
}

// ---------------------------------------------------------------------------------------------
// The JSON contract (docs/json.md)

fn check_score(v: &Value, ctx: &str) {
    let s = v["score"]
        .as_f64()
        .unwrap_or_else(|| panic!("{}: `score` should be a number: {}", ctx, v));
    assert!(
        s.is_finite() && (0.0..=1.0).contains(&s),
        "{}: score {} is outside [0,1]",
        ctx,
        s
    );
}

/// The indices of one side, read bead after bead, are 0, 1, 2, …: every unit is in exactly one
/// bead and beads follow the document.
fn check_covers_in_order<'a>(lists: impl Iterator<Item = &'a Vec<usize>>, ctx: &str) -> usize {
    let flat: Vec<usize> = lists.flatten().copied().collect();
    let want: Vec<usize> = (0..flat.len()).collect();
    assert_eq!(
        flat, want,
        "{}: every unit should be in exactly one bead, in document order",
        ctx
    );
    flat.len()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn json_shape() {
    let doc = align_json(&[SEED]);
    let obj = doc.as_object().expect("the output is a JSON object");
    assert!(
        obj.contains_key("beads") && obj.contains_key("skipped"),
        "keys: {:?}",
        obj.keys().collect::<Vec<_>>()
    );
    let raw = doc["beads"].as_array().unwrap();
    assert!(!raw.is_empty());
    for (k, v) in raw.iter().enumerate() {
        let ctx = format!("bead {}", k);
        let b = bead(v);
        check_score(v, &ctx);
        assert!(
            !b.en.is_empty() || !b.ru.is_empty(),
            "{}: a bead has at least one unit",
            ctx
        );
        assert_eq!(
            b.en.is_empty(),
            b.en_text.is_empty(),
            "{}: en_text is empty exactly when en is",
            ctx
        );
        assert_eq!(
            b.ru.is_empty(),
            b.ru_text.is_empty(),
            "{}: ru_text is empty exactly when ru is",
            ctx
        );
        match v.get("sentences") {
            None => assert!(
                b.en.is_empty() || b.ru.is_empty(),
                "{}: a paired paragraph bead has `sentences`",
                ctx
            ),
            Some(s) => {
                let s = s
                    .as_array()
                    .unwrap_or_else(|| panic!("{}: `sentences` should be an array", ctx));
                assert!(
                    !s.is_empty(),
                    "{}: `sentences` is left out rather than empty",
                    ctx
                );
                let sb: Vec<Bead> = s.iter().map(bead).collect();
                for (j, sv) in s.iter().enumerate() {
                    check_score(sv, &format!("{} sentence bead {}", ctx, j));
                    assert!(sv.get("sentences").is_none(), "sentence beads do not nest");
                }
                check_covers_in_order(sb.iter().map(|x| &x.en), &format!("{} sentences, EN", ctx));
                check_covers_in_order(sb.iter().map(|x| &x.ru), &format!("{} sentences, RU", ctx));
                let en: String = sb.iter().map(|x| squeeze(&x.en_text)).collect();
                let ru: String = sb.iter().map(|x| squeeze(&x.ru_text)).collect();
                assert_eq!(
                    en,
                    squeeze(&b.en_text),
                    "{}: the sentences hold the bead's English text, in order",
                    ctx
                );
                assert_eq!(
                    ru,
                    squeeze(&b.ru_text),
                    "{}: the sentences hold the bead's Russian text, in order",
                    ctx
                );
            }
        }
    }
    let all = beads(&doc);
    let n_en = check_covers_in_order(all.iter().map(|b| &b.en), "paragraph beads, EN");
    let n_ru = check_covers_in_order(all.iter().map(|b| &b.ru), "paragraph beads, RU");
    let skipped = doc["skipped"].as_array().expect("`skipped` is an array");
    let mut last = None;
    for s in skipped {
        let i = s["index"]
            .as_u64()
            .unwrap_or_else(|| panic!("skipped `index` is an integer: {}", s))
            as usize;
        assert!(
            i < n_en + n_ru + skipped.len(),
            "skipped index {} is beyond the file's units",
            i
        );
        assert!(last < Some(i), "skipped entries are in file order: {}", s);
        last = Some(i);
        assert!(
            !text(s, "lang").is_empty() && !text(s, "text").is_empty(),
            "skipped has lang and text: {}",
            s
        );
    }
}

#[test]
fn json_flag_is_format_json() {
    let a = run(["align", "--json", SEED]).ok();
    let b = run(["align", "--format", "json", SEED]).ok();
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn output_is_byte_identical_across_runs() {
    for fmt in ["json", "tsv", "text", "tmx"] {
        let a = run(["align", "--format", fmt, SEED]).ok();
        let b = run(["align", "--format", fmt, SEED]).ok();
        assert!(!a.stdout.is_empty(), "--format {} printed nothing", fmt);
        assert!(
            a.stdout == b.stdout,
            "--format {} differs between two runs",
            fmt
        );
    }
    let a = run(["align", "--json", "--level", "sentence", SEED]).ok();
    let b = run(["align", "--json", "--level", "sentence", SEED]).ok();
    assert!(
        a.stdout == b.stdout,
        "--level sentence --json differs between two runs"
    );
}

#[test]
fn output_file_holds_what_stdout_would() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let to_file = run([
        "align".as_ref(),
        "--json".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        SEED.as_ref(),
    ])
    .ok();
    assert!(to_file.stdout.is_empty(), "with -o nothing goes to stdout");
    let to_stdout = run(["align", "--json", SEED]).ok();
    assert!(std::fs::read(&out).unwrap() == to_stdout.stdout);
    assert_eq!(
        entries(dir.path()),
        vec!["out.json"],
        "no temporary file is left behind"
    );
}

#[test]
fn tsv_format() {
    let out = run(["align", "--format", "tsv", SEED]).ok().out();
    let (mut en, mut ru) = (String::new(), String::new());
    for (n, line) in out.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            f.len(),
            3,
            "line {}: expected en, ru, score: {:?}",
            n + 1,
            line
        );
        let s: f64 = f[2]
            .parse()
            .unwrap_or_else(|_| panic!("line {}: score {:?} is not a number", n + 1, f[2]));
        assert!(
            (0.0..=1.0).contains(&s),
            "line {}: score {} outside [0,1]",
            n + 1,
            s
        );
        en.push_str(f[0]);
        ru.push_str(f[1]);
    }
    assert!(
        en.contains("On March 3-4, 2022, a high-level international conference"),
        "{}",
        out
    );
    assert!(
        ru.contains("3-4 марта 2022 года в столице Узбекистана"),
        "{}",
        out
    );
}

#[test]
fn text_format() {
    let out = run(["align", "--format", "text", SEED]).ok().out();
    assert!(out.contains("On March 3-4,"), "{}", out);
    assert!(out.contains("3-4 марта 2022"), "{}", out);
    assert_eq!(
        run(["align", SEED]).ok().stdout,
        out.as_bytes(),
        "text is the default format"
    );
}

/// The pairs the TMX file should hold at a level: the paired beads, or their sentence beads.
fn expected_pairs(level: &str) -> Vec<(String, String)> {
    let doc = align_json(&[SEED]);
    let mut v = Vec::new();
    for b in doc["beads"].as_array().unwrap() {
        let pb = bead(b);
        match (level, b.get("sentences")) {
            ("sentence", Some(s)) => {
                for sb in s.as_array().unwrap().iter().map(bead) {
                    if !sb.en.is_empty() && !sb.ru.is_empty() {
                        v.push((sb.en_text, sb.ru_text));
                    }
                }
            }
            _ => {
                if !pb.en.is_empty() && !pb.ru.is_empty() {
                    v.push((pb.en_text, pb.ru_text));
                }
            }
        }
    }
    v
}

fn tmx_at_level(level: &str) -> (String, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tmx");
    let r = run([
        "align".as_ref(),
        "--format".as_ref(),
        "tmx".as_ref(),
        "--level".as_ref(),
        level.as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        SEED.as_ref(),
    ])
    .ok();
    assert!(r.stdout.is_empty());
    assert_valid_tmx(&out);
    let bytes = std::fs::read(&out).unwrap();
    let pairs = termtool::memory::tmx::read_tmx(&bytes, &out).unwrap_or_else(|e| panic!("{}", e));
    (String::from_utf8(bytes).unwrap(), pairs)
}

#[test]
fn tmx_format_is_valid_tmx_of_the_paired_beads() {
    let (doc, pairs) = tmx_at_level("paragraph");
    assert!(doc.contains("segtype=\"paragraph\""), "{}", doc);
    assert!(doc.contains("creationtool=\"termtool\""), "{}", doc);
    assert_eq!(pairs, expected_pairs("paragraph"));
}

#[test]
fn tmx_sentence_level_says_segtype_sentence() {
    let (doc, pairs) = tmx_at_level("sentence");
    assert_eq!(pairs, expected_pairs("sentence"));
    assert!(
        doc.contains("segtype=\"sentence\""),
        "--level sentence writes sentence units:\n{}",
        &doc[..doc.len().min(600)]
    );
}

#[test]
fn tmx_creation_date_only_from_source_date_epoch() {
    let plain = termtool()
        .args(["align", "--format", "tmx", SEED])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(plain.status.success());
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("creationdate"));
    let dated = termtool()
        .args(["align", "--format", "tmx", SEED])
        .env("SOURCE_DATE_EPOCH", "1646265600")
        .output()
        .unwrap();
    assert!(dated.status.success());
    assert!(String::from_utf8_lossy(&dated.stdout).contains("creationdate=\"20220303T000000Z\""));
}

#[test]
fn segments_lines_gives_line_indices() {
    let dir = tempfile::tempdir().unwrap();
    // One paragraph of three lines (and a blank line) on the English side: paragraphs would give
    // one unit; lines give three, numbered among the non-empty lines.
    let en = write(
        dir.path(),
        "en.txt",
        "The conference opens on 3 March 2022 in Tashkent.\n\
         More than 600 participants from 40 countries are expected to attend the two-day meeting.\n\
         \n\
         The final document is the Tashkent Declaration.\n",
    );
    let ru = write(
        dir.path(),
        "ru.txt",
        "Конференция открывается 3 марта 2022 года в Ташкенте.\n\
         Ожидается, что в двухдневной встрече примут участие более 600 участников из 40 стран.\n\
         Итоговым документом станет Ташкентская декларация.\n",
    );
    let r = run([
        "align".as_ref(),
        "--json".as_ref(),
        "--segments".as_ref(),
        "lines".as_ref(),
        en.as_os_str(),
        ru.as_os_str(),
    ])
    .ok();
    let got: Vec<(Vec<usize>, Vec<usize>)> = beads(&json(&r.stdout))
        .into_iter()
        .map(|b| (b.en, b.ru))
        .collect();
    assert_eq!(
        got,
        vec![(vec![0], vec![0]), (vec![1], vec![1]), (vec![2], vec![2])]
    );
    let b = beads(&json(&r.stdout));
    assert_eq!(
        b[2].en_text,
        "The final document is the Tashkent Declaration."
    );
    assert_eq!(
        b[2].ru_text,
        "Итоговым документом станет Ташкентская декларация."
    );
}

// ---------------------------------------------------------------------------------------------
// Bad input: exit 2, one line on stderr naming the file, no panic, no output file.

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

const RU_DOC: &str = "Конференция открывается 3 марта 2022 года в Ташкенте.\n\n\
    Ожидается, что в двухдневной встрече примут участие более 600 участников из 40 стран.\n\n\
    Итоговым документом станет Ташкентская декларация.\n";

const EN_DOC: &str = "The conference opens on 3 March 2022 in Tashkent.\n\n\
    More than 600 participants from 40 countries are expected to attend the two-day meeting.\n\n\
    The final document is the Tashkent Declaration.\n";

/// Run `align -o OUT FILES…` in `dir` and check the error contract for `culprit`.
fn assert_align_fails(dir: &Path, files: &[&Path], culprit: &Path) -> Run {
    let before = entries(dir);
    let out = dir.join("out.json");
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "align".as_ref(),
        "--json".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let r = run(&args);
    assert_error_naming(&r, culprit);
    assert!(!out.exists(), "no output file on error");
    assert_eq!(
        entries(dir),
        before,
        "no file (temporary or not) is left behind on error"
    );
    r
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "empty.txt", "");
    assert_align_fails(dir.path(), &[&f], &f);
}

#[test]
fn file_with_only_english() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "en.txt", EN_DOC);
    let r = assert_align_fails(dir.path(), &[&f], &f);
    assert!(
        r.stderr.contains("Russian"),
        "say which language is missing: {}",
        r.stderr
    );
}

#[test]
fn binary_data() {
    let dir = tempfile::tempdir().unwrap();
    // A PNG signature and 8 KiB of pseudo-random bytes (NULs included).
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..8192 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        bytes.push((x >> 16) as u8);
    }
    let f = write(dir.path(), "picture.png", &bytes);
    assert_align_fails(dir.path(), &[&f], &f);
}

#[test]
fn binary_data_with_text_and_nuls() {
    let dir = tempfile::tempdir().unwrap();
    // Text interleaved with NULs, as a database or object file holds strings.
    let mut bytes = Vec::new();
    for chunk in EN_DOC.split(' ') {
        bytes.extend_from_slice(chunk.as_bytes());
        bytes.extend_from_slice(b"\0\0\x01\0");
    }
    let f = write(dir.path(), "data.bin", &bytes);
    let ru = write(dir.path(), "ru.txt", RU_DOC);
    assert_align_fails(dir.path(), &[&f, &ru], &f);
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let head = "The conference opens on 3 March 2022 in Tashkent.\n\nMore than 600 participants from 40 countries are expected at the caf";
    let mut bytes = head.as_bytes().to_vec();
    bytes.extend_from_slice(
        b"\xC3\x28 meeting.\n\nThe final document is the Tashkent Declaration.\n",
    );
    let en = write(dir.path(), "en.txt", &bytes);
    let ru = write(dir.path(), "ru.txt", RU_DOC);
    let r = assert_align_fails(dir.path(), &[&en, &ru], &en);
    let at = format!(": byte {}: ", head.len());
    assert!(
        r.stderr.contains(&at),
        "the message should name the byte offset ({:?}): {}",
        at,
        r.stderr
    );
}

#[test]
fn two_files_of_the_same_language() {
    let dir = tempfile::tempdir().unwrap();
    let en = write(dir.path(), "en.txt", EN_DOC);
    let en2 = write(
        dir.path(),
        "en2.txt",
        EN_DOC.replace("Tashkent", "Samarkand"),
    );
    let r = assert_align_fails(dir.path(), &[&en, &en2], &en2);
    assert!(
        r.stderr.contains("Russian"),
        "say what was expected: {}",
        r.stderr
    );
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-file.txt");
    let ru = write(dir.path(), "ru.txt", RU_DOC);
    assert_align_fails(dir.path(), &[&missing, &ru], &missing);
}

/// A 50 MB English line against a short Russian file: a result or a clear error, in reasonable
/// time, never a panic. It takes about 11 s both with `cargo test` and `cargo test --release` on
/// 2 cores; should it pass 20 s under `cargo test`, gate it with
/// `#[cfg_attr(debug_assertions, ignore = "…")]` so that it runs only in release builds.
#[test]
fn huge_single_line() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en.txt");
    {
        let sentences = [
            "The conference on regional cooperation will be held in Tashkent on 3 March 2022. ",
            "More than 600 participants from 40 countries are expected. ",
            "The Joint Plan of Action will be updated after ten years. ",
        ];
        let mut w = std::io::BufWriter::new(std::fs::File::create(&en).unwrap());
        let mut n = 0usize;
        let mut k = 0usize;
        while n < 50 * 1024 * 1024 {
            let s = sentences[k % sentences.len()];
            w.write_all(s.as_bytes()).unwrap();
            n += s.len();
            k += 1;
        }
        w.write_all(b"\n").unwrap();
    }
    let ru = write(dir.path(), "ru.txt", RU_DOC);
    let out = dir.path().join("out.json");
    let limit = Duration::from_secs(60);
    let (r, took) = run_with_limit(
        [
            "align".as_ref(),
            "--json".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
            en.as_os_str(),
            ru.as_os_str(),
        ],
        dir.path(),
        limit,
    );
    assert_no_panic(&r.stderr);
    match r.code {
        Some(0) => {
            let doc = json(&std::fs::read(&out).expect("exit 0 writes the output file"));
            let b = beads(&doc);
            assert!(
                b.iter().any(|b| b.en == vec![0]),
                "the English line is in a bead"
            );
            check_covers_in_order(b.iter().map(|b| &b.ru), "RU");
        }
        Some(2) => {
            assert!(
                r.stderr
                    .starts_with(&format!("termtool: {}:", en.display()))
                    || r.stderr
                        .starts_with(&format!("termtool: {}:", ru.display())),
                "a clear error names the file: {}",
                r.stderr
            );
            assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
            assert!(!out.exists());
        }
        c => panic!("expected exit 0 or 2, got {:?}; stderr: {}", c, r.stderr),
    }
    eprintln!("huge_single_line: exit {:?} in {:.1?}", r.code, took);
}
