//! `termtool lookup`: the glossary's and the memory's answers to a query.
use clap::Args as ClapArgs;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use termtool::error::{Error, Result};
use termtool::index::lookup::{Answer, Fuzzy, Lookup, Options};
use termtool::store;
use termtool::text::printable;
use termtool::text::Lang;

/// Look a term or a sentence up in the glossary and the translation memory of the workspace.
///
/// The first use on a fresh clone builds the workspace from glossary/termtool.tbx and
/// glossary/memory.tmx; after that a lookup only reads (`build` or `sync` update the
/// workspace, and a lookup says when glossary/ is newer). Exit code 0 with hits, 1 without, 2
/// on error.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The term or sentence (not with --stdin).
    #[arg(value_name = "QUERY", required_unless_present = "stdin")]
    pub query: Option<String>,
    /// The query's language (default: detected; Cyrillic is Russian).
    #[arg(long, value_parser = ["en", "ru"])]
    pub lang: Option<String>,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// At most this many hits per section.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// The memory's fuzzy-match threshold, 0–100.
    #[arg(long, default_value_t = 70, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_score: u32,
    /// Also list the units containing the term in any inflection.
    #[arg(long)]
    pub concordance: bool,
    /// How memory hits are scored: on word tokens (OmegaT) or on characters (Trados-like).
    #[arg(long, value_parser = ["words", "characters"], default_value = "words")]
    pub fuzzy: String,
    /// Read one query per line from standard input; print JSON Lines.
    #[arg(long, conflicts_with = "query")]
    pub stdin: bool,
}

pub fn run(a: Args, ws: &store::Config) -> Result<i32> {
    let store = super::sync::open_workspace(ws)?;
    let lookup = Lookup::new(&store)?;
    let opt = Options {
        lang: a
            .lang
            .as_deref()
            .map(|l| if l == "ru" { Lang::Ru } else { Lang::En }),
        limit: a.limit,
        min_score: a.min_score,
        concordance: a.concordance,
        fuzzy: if a.fuzzy == "characters" {
            Fuzzy::Characters
        } else {
            Fuzzy::Words
        },
    };
    let stdout = std::io::stdout();
    let io_err = |e| Error::io(PathBuf::from("<stdout>"), e);
    if a.stdin {
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut any = false;
        for (n, line) in std::io::stdin().lock().split(b'\n').enumerate() {
            let line = line.map_err(|e| Error::io(PathBuf::from("<stdin>"), e))?;
            let line = String::from_utf8(line).map_err(|e| {
                Error::at_line(
                    PathBuf::from("<stdin>"),
                    n + 1,
                    format!(
                        "not valid UTF-8 (byte {} of the line); expected UTF-8 text, one query per line",
                        e.utf8_error().valid_up_to() + 1
                    ),
                )
            })?;
            let q = line.trim();
            if q.is_empty() {
                continue;
            }
            let ans = lookup.run(q, &opt)?;
            any |= ans.found();
            serde_json::to_writer(&mut out, &ans).map_err(|e| Error::Usage(e.to_string()))?;
            out.write_all(b"\n").map_err(io_err)?;
            out.flush().map_err(io_err)?;
        }
        return Ok(if any { 0 } else { 1 });
    }
    let q = a.query.unwrap_or_default();
    let ans = lookup.run(q.trim(), &opt)?;
    let text = if a.json {
        let mut s = serde_json::to_string_pretty(&ans).map_err(|e| Error::Usage(e.to_string()))?;
        s.push('\n');
        s
    } else {
        table(&ans, stdout.is_terminal())
    };
    super::output::emit(None, text.as_bytes())?;
    Ok(if ans.found() { 0 } else { 1 })
}

/// How much of a long segment a concordance line shows off a terminal, in characters.
const CONCORDANCE_CHARS: usize = 300;
/// Of those, how many stand before the first hit when the segment must be cut (at most a
/// third of the window).
const CONCORDANCE_BEFORE: usize = 100;

/// At most `n` characters of `s` around its first hit (`ranges`, byte ranges), cut at spaces,
/// with an ellipsis where text is left out: the hit is always whole and in view.
fn window(s: &str, ranges: &[[usize; 2]], n: usize) -> String {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    if chars.len() <= n {
        return printable(s).into_owned();
    }
    let at = |byte: usize| {
        chars
            .iter()
            .position(|&(b, _)| b >= byte)
            .unwrap_or(chars.len())
    };
    let (hit, hit_end) = ranges.first().map_or((0, 0), |r| (at(r[0]), at(r[1])));
    let mut from = hit.saturating_sub(CONCORDANCE_BEFORE.min(n / 3));
    let mut to = (from + n).min(chars.len());
    from = to.saturating_sub(n).min(from);
    // whole words: move the cuts to the nearest space inside the window
    if from > 0 {
        if let Some(sp) = chars[from..hit.max(from)]
            .iter()
            .position(|&(_, c)| c == ' ')
        {
            from += sp + 1;
        }
    }
    if to < chars.len() {
        let keep = hit_end.min(to);
        if let Some(sp) = chars[keep..to].iter().rposition(|&(_, c)| c == ' ') {
            to = keep + sp;
        }
    }
    let byte = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(&printable(&s[byte(from)..byte(to)]));
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// Mark byte ranges of `s` (bold on a terminal). Control characters of the text are shown as
/// their codes (see [`printable`]): a crafted memory must not drive the terminal.
fn mark(s: &str, ranges: &[[usize; 2]], colour: bool) -> String {
    mark_with(s, ranges, colour, HIT)
}

/// Bold yellow: a term or its equivalent.
const HIT: &str = "\x1b[1;33m";
/// Underlined: what a fuzzy match has that the query has not.
const DIFFERS: &str = "\x1b[4m";

/// [`mark`] in the terminal style `style`.
fn mark_with(s: &str, ranges: &[[usize; 2]], colour: bool, style: &str) -> String {
    if !colour || ranges.is_empty() {
        return printable(s).into_owned();
    }
    let mut out = String::new();
    let mut at = 0;
    for r in ranges {
        if r[0] < at || r[1] > s.len() || !s.is_char_boundary(r[0]) || !s.is_char_boundary(r[1]) {
            continue;
        }
        out.push_str(&printable(&s[at..r[0]]));
        out.push_str(style);
        out.push_str(&printable(&s[r[0]..r[1]]));
        out.push_str("\x1b[0m");
        at = r[1];
    }
    out.push_str(&printable(&s[at..]));
    out
}

/// The readable answer.
fn table(a: &Answer, colour: bool) -> String {
    let bold = |s: &str| {
        if colour {
            format!("\x1b[1m{}\x1b[0m", s)
        } else {
            s.to_string()
        }
    };
    let mut o = String::new();
    o.push_str(&format!("{} ({})\n", bold(&printable(&a.query)), a.lang));
    o.push_str(&format!("\n{}\n", bold("glossary")));
    if a.glossary.is_empty() {
        o.push_str("  (nothing)\n");
    }
    for h in &a.glossary {
        let side = |terms: &[String], lang: &str| {
            if h.missing == Some(lang) {
                let name = if lang == "ru" { "Russian" } else { "English" };
                match &h.suggestion {
                    Some(s) => format!("({name} equivalent missing; suggested: {})", printable(s)),
                    None => format!("({name} equivalent missing)"),
                }
            } else {
                printable(&terms.join("; ")).into_owned()
            }
        };
        o.push_str(&format!(
            "  {:>3}  {:<15}  {}  |  {}   [{}]\n",
            h.score,
            h.kind.as_str(),
            side(&h.en, "en"),
            side(&h.ru, "ru"),
            printable(&h.id)
        ));
    }
    // a legend of the kinds shown, in the order they first appear
    let mut kinds: Vec<termtool::index::terms::MatchKind> = Vec::new();
    for h in &a.glossary {
        if !kinds.contains(&h.kind) {
            kinds.push(h.kind);
        }
    }
    if !kinds.is_empty() {
        let legend: Vec<String> = kinds
            .iter()
            .map(|k| format!("{}: {}", k.as_str(), k.meaning()))
            .collect();
        o.push_str(&format!("  ({})\n", legend.join("; ")));
    }
    o.push_str(&format!("\n{}\n", bold("memory")));
    if a.tm.is_empty() {
        o.push_str("  (nothing)\n");
    }
    for h in &a.tm {
        // the query's side shows what differs from the query, the other the term's equivalent
        let (en, ru) = if h.highlight_lang == "ru" {
            (
                mark_with(&h.en, &h.differs, colour, DIFFERS),
                mark(&h.ru, &h.highlight, colour),
            )
        } else {
            (
                mark(&h.en, &h.highlight, colour),
                mark_with(&h.ru, &h.differs, colour, DIFFERS),
            )
        };
        o.push_str(&format!(
            "  {:>3}%  en: {}\n        ru: {}\n",
            h.score, en, ru
        ));
        if h.score < 100 && !colour && (!h.differs.is_empty() || !h.missing.is_empty()) {
            let src = if h.highlight_lang == "ru" {
                &h.en
            } else {
                &h.ru
            };
            let extra: Vec<String> = h
                .differs
                .iter()
                .filter_map(|r| src.get(r[0]..r[1]))
                .map(|w| printable(w).into_owned())
                .collect();
            o.push_str(&format!(
                "        differs: {}{}\n",
                if extra.is_empty() {
                    "–".into()
                } else {
                    extra.join(" · ")
                },
                if h.missing.is_empty() {
                    String::new()
                } else {
                    format!("; not in it: {}", printable(&h.missing.join(" ")))
                }
            ));
        }
        o.push_str(&format!("        ({})\n", printable(&h.origin)));
    }
    if let Some(c) = &a.concordance {
        o.push_str(&format!("\n{}\n", bold("concordance")));
        if c.is_empty() {
            o.push_str("  (nothing)\n");
        }
        for h in c {
            o.push_str(&format!(
                "  en: {}\n  ru: {}\n      ({})\n",
                if colour {
                    mark(&h.en, &h.en_matches, true)
                } else {
                    window(&h.en, &h.en_matches, CONCORDANCE_CHARS)
                },
                if colour {
                    mark(&h.ru, &h.ru_matches, true)
                } else {
                    window(&h.ru, &h.ru_matches, CONCORDANCE_CHARS)
                },
                printable(&h.origin)
            ));
        }
    }
    o
}

#[cfg(test)]
mod window_tests {
    use super::window;

    #[test]
    fn the_hit_is_always_whole_and_in_view() {
        let s = format!(
            "{}Joint Plan of Action{}",
            "word ".repeat(100),
            " more".repeat(100)
        );
        let at = s.find("Joint").unwrap();
        let w = window(&s, &[[at, at + "Joint Plan of Action".len()]], 80);
        assert!(w.contains("Joint Plan of Action"), "{w}");
        assert!(w.starts_with('…') && w.ends_with('…'), "{w}");
        assert!(w.chars().count() <= 82, "{w}");
        assert!(
            !w.contains("wor…") && !w.contains("…ord"),
            "cut inside a word: {w}"
        );
        assert_eq!(window("short", &[[0, 5]], 80), "short");
    }
}
