//! A termtool server run by a test: start it on a loopback port, send requests, stop it.
use crate::common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

/// A running server on a fresh workspace (built from the repository's glossary/ on first use).
pub struct Server {
    pub child: Child,
    pub base: String,
    pub db: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

impl Server {
    pub fn start(extra: &[&str], env: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ws.sqlite");
        let mut args = vec!["serve", "--bind", "127.0.0.1:0"];
        args.extend(extra);
        let mut s = Server::launch(&db, &args, env);
        s._dir = Some(dir);
        s
    }

    /// Run `termtool --db DB ARGS…` (a command that serves) and wait until it listens.
    pub fn launch(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        Server::launch_in(&root(), db, args, env)
    }

    /// [`Server::launch`] from the folder `cwd` (whose glossary/, if any, a new workspace
    /// is built from).
    pub fn launch_in(cwd: &Path, db: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = termtool();
        cmd.current_dir(cwd)
            .arg("--db")
            .arg(db)
            .args(args)
            .env_remove("TERMTOOL_EDITOR_TOKEN")
            .env_remove("TERMTOOL_READER_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("termtool serve starts");
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("the server says where it listens before stopping")
                .unwrap();
            if let Some(i) = line.find("http://") {
                let url = line[i..].split_whitespace().next().unwrap();
                break url.trim_end_matches('/').to_string();
            }
        };
        // keep draining stderr so the server never blocks on it
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            base,
            db: db.to_path_buf(),
            _dir: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        answer(agent().get(&self.url(path)).call())
    }

    pub fn post(&self, path: &str, body: Value) -> (u16, Value) {
        answer(agent().post(&self.url(path)).send_json(body))
    }

    /// Stop with SIGTERM and wait; returns the exit code.
    pub fn stop(&mut self) -> Option<i32> {
        unsafe_kill(self.child.id(), "TERM");
        self.child.wait().unwrap().code()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn unsafe_kill(pid: u32, sig: &str) {
    std::process::Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
}

pub fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(60))
        .build()
}

/// Status and JSON body of a response, errors included; a body that is not JSON fails.
pub fn answer(r: Result<ureq::Response, ureq::Error>) -> (u16, Value) {
    let resp = match r {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("request failed: {e}"),
    };
    let status = resp.status();
    let ctype = resp.content_type().to_string();
    let text = resp.into_string().unwrap();
    assert!(
        ctype.starts_with("application/json"),
        "status {status}: {ctype} {text}"
    );
    (status, serde_json::from_str(&text).unwrap())
}

pub fn units(s: &Server) -> u64 {
    s.get("/api/health").1["units"].as_u64().unwrap()
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
