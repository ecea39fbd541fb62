//! Helpers shared by the test modules: run the real binary, check error contracts.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The crate root: tests run the binary from here, as the README's commands do.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A schema or sample file of `tests/fixtures/formats` (copies of ../shared/formats, with their
/// licences in that folder's README).
pub fn formats(rel: &str) -> PathBuf {
    let p = root().join("tests/fixtures/formats").join(rel);
    assert!(p.exists(), "{} is missing from the fixtures", p.display());
    p
}

/// The seed document used by the README and the gold test.
pub const SEED: &str = "seeds/tashkent-conference-2022.en-ru.txt";

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    /// stdout as UTF-8 (fails the test if it is not).
    pub fn out(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Fail unless the run exited 0; show stderr.
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code,
            Some(0),
            "expected exit 0; stderr:\n{}",
            self.stderr
        );
        assert_no_panic(&self.stderr);
        self
    }
}

/// A command for the termtool binary, run from the crate root.
pub fn termtool() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_termtool"));
    c.current_dir(root());
    c
}

/// The run of a finished command, checked for a panic.
pub fn finished(out: std::process::Output) -> Run {
    let run = Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_no_panic(&run.stderr);
    run
}

/// Run `cmd` with `input` on its standard input, checked for a panic.
pub fn run_with_stdin(cmd: &mut Command, input: &[u8]) -> Run {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("termtool starts");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_vec();
    // written from a thread: a long input must not fill the pipe while stdout waits to be read
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("termtool runs");
    writer.join().expect("writer").ok();
    finished(out)
}

/// Run termtool with `args` and collect its output.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = termtool()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("termtool runs");
    Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Run termtool with stdout and stderr sent to files in `dir`, killing it after `limit`.
/// Returns the run and how long it took; fails the test on timeout.
pub fn run_with_limit<I, S>(args: I, dir: &Path, limit: Duration) -> (Run, Duration)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out_path = dir.join("stdout.txt");
    let err_path = dir.join("stderr.txt");
    let start = Instant::now();
    let mut child = termtool()
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("termtool starts");
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for termtool") {
            break s;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("termtool did not finish within {:?}", limit);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let took = start.elapsed();
    let run = Run {
        code: status.code(),
        stdout: std::fs::read(&out_path).unwrap(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned(),
    };
    std::fs::remove_file(&out_path).ok();
    std::fs::remove_file(&err_path).ok();
    (run, took)
}

/// stderr shows no panic.
pub fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked"),
        "termtool panicked:\n{}",
        stderr
    );
    assert!(
        !stderr.contains("RUST_BACKTRACE"),
        "termtool panicked:\n{}",
        stderr
    );
}

/// The error contract: exit 2, no panic, stderr is exactly one line
/// `termtool: FILE[:LINE][: byte N]: message` naming `file`, and nothing on stdout.
pub fn assert_error_naming(run: &Run, file: &Path) {
    assert_no_panic(&run.stderr);
    assert_eq!(
        run.code,
        Some(2),
        "expected exit 2; stderr:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with('\n'),
        "stderr should end with a newline: {:?}",
        run.stderr
    );
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "expected one line on stderr, got:\n{}",
        run.stderr
    );
    let prefix = format!("termtool: {}:", file.display());
    assert!(
        run.stderr.starts_with(&prefix),
        "expected stderr to start with {:?}, got {:?}",
        prefix,
        run.stderr
    );
    let msg = run.stderr[prefix.len()..].trim();
    assert!(
        msg.len() > 5,
        "the error should say what is wrong: {:?}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "nothing should go to stdout on error, got {} bytes",
        run.stdout.len()
    );
}

/// Names of the entries of `dir`, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Parse stdout (or a file's bytes) as JSON.
pub fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("output is not JSON: {}", e))
}

/// The path to `xmllint`, or a failure telling how to install it.
pub fn xmllint() -> &'static str {
    match Command::new("xmllint").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status() {
        Ok(_) => "xmllint",
        Err(_) => panic!(
            "xmllint is not installed: install libxml2-utils (apt-get install -y libxml2-utils); .ci/run does this"
        ),
    }
}

/// Validate `file` against the TMX 1.4 DTD of the fixtures with xmllint.
pub fn assert_valid_tmx(file: &Path) {
    let dtd = formats("tmx/tmx14.dtd");
    let out = Command::new(xmllint())
        .arg("--noout")
        .arg("--dtdvalid")
        .arg(&dtd)
        .arg(file)
        .output()
        .expect("xmllint runs");
    assert!(
        out.status.success(),
        "{} is not valid TMX 1.4:\n{}{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
