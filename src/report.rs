//! How the library tells its caller about long work. The library never prints: the caller (the
//! CLI's progress display on stderr, a server's log, a test) decides what to show.

/// Receives the steps of long work and the explanations an option asked for.
pub trait Report {
    /// A step of long work starts now ("second pass", "pairing terms").
    fn step(&self, step: &str);
    /// A line of explanation asked for by an option (such as the extraction's `explain`).
    fn note(&self, line: &str);
}

/// Reports nothing.
pub struct Silent;

impl Report for Silent {
    fn step(&self, _: &str) {}
    fn note(&self, _: &str) {}
}
