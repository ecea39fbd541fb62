//! Progress on stderr for long work: a spinner with the current step when stderr is a
//! terminal, nothing otherwise. `TERMTOOL_TRACE=1` also prints each step with its start time.
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::Instant;

pub struct Progress {
    bar: Option<ProgressBar>,
    what: &'static str,
    trace: Option<Instant>,
}

impl Progress {
    /// A progress display for `what` ("extracting", "importing", …).
    pub fn new(what: &'static str) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let pb = ProgressBar::new_spinner();
            pb.set_style(
                ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            pb.enable_steady_tick(std::time::Duration::from_millis(120));
            pb
        });
        let trace = std::env::var_os("TERMTOOL_TRACE").map(|_| Instant::now());
        Progress { bar, what, trace }
    }

    /// The step that starts now.
    pub fn step(&self, step: &str) {
        if let Some(pb) = &self.bar {
            pb.set_message(format!("{}: {}", self.what, step));
        }
        if let Some(t0) = self.trace {
            eprintln!(
                "termtool: {}: {} at {:.2} s",
                self.what,
                step,
                t0.elapsed().as_secs_f64()
            );
        }
    }

    /// Clear the display (results follow on stdout).
    pub fn done(&self) {
        if let Some(pb) = &self.bar {
            pb.finish_and_clear();
        }
    }
}

impl termtool::report::Report for Progress {
    fn step(&self, step: &str) {
        Progress::step(self, step);
    }

    fn note(&self, line: &str) {
        if let Some(pb) = &self.bar {
            pb.suspend(|| eprintln!("termtool: {}", line));
        } else {
            eprintln!("termtool: {}", line);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done();
    }
}
