//! `termtool export`: write the workspace's glossary (TBX 2008 or 2019, CSV, OmegaT TSV) or its
//! translation memory (TMX) to a file or stdout.
use super::output::emit;
use clap::{Args as ClapArgs, ValueEnum};
use std::path::PathBuf;
use termtool::error::{Error, Result};
use termtool::glossary::io;
use termtool::memory::tmx;
use termtool::store;
use termtool::store::Store;

/// Export the workspace's glossary or translation memory (`--db`, `$TERMTOOL_DB` or
/// `.termtool/workspace.sqlite`).
///
/// Glossary formats: `tbx` (TBX-Basic 2008, what OmegaT, translate-toolkit and most CAT tools
/// read), `tbx2019` (TBX-Basic ISO 30042:2019, DCA style), `csv` (termtool's CSV, everything
/// kept), `tsv` (OmegaT's tab-separated glossary), `xlsx` (Excel). `tmx` exports the memory
/// units as TMX 1.4b.
/// The same workspace always gives the same bytes; TBX and TMX are dated only when
/// `SOURCE_DATE_EPOCH` is set. A file is written atomically. Exit 1 when there is nothing to
/// export (and nothing is written).
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The `--format` values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// TBX-Basic 2008 (<martif>).
    Tbx,
    /// TBX-Basic ISO 30042:2019, DCA style (<tbx>).
    Tbx2019,
    /// termtool's CSV, one row per concept.
    Csv,
    /// OmegaT's tab-separated glossary, one row per term pair.
    Tsv,
    /// An Excel workbook, one row per concept (as Phrase and memoQ users exchange term bases).
    Xlsx,
    /// The translation memory as TMX 1.4b.
    Tmx,
}

pub fn run(args: Args, ws: &store::Config) -> Result<i32> {
    let db = &ws.path;
    if !db.exists() {
        return Err(Error::input(
            db,
            "no workspace here; expected one made by `termtool import` or `termtool align --save` (or pass --db PATH)",
        ));
    }
    let store = Store::open_to_read(ws)?;
    let (bytes, what) = match args.format {
        ExportFormat::Tmx => {
            let units = store.units()?;
            if units.is_empty() {
                eprintln!(
                    "termtool: {}: the workspace has no translation units; nothing exported",
                    db.display()
                );
                return Ok(1);
            }
            let pairs: Vec<(String, String)> = units.into_iter().map(|u| (u.en, u.ru)).collect();
            let n = pairs.len();
            (
                tmx::write_pairs(&pairs).into_bytes(),
                format!("{} translation units", n),
            )
        }
        f => {
            let mut g = store.glossary()?;
            g.normalize();
            if g.concepts.is_empty() {
                eprintln!(
                    "termtool: {}: the workspace has no glossary entries; nothing exported",
                    db.display()
                );
                return Ok(1);
            }
            let n = g.concepts.len();
            let bytes = match f {
                ExportFormat::Xlsx => termtool::glossary::xlsx::write(&g)?,
                ExportFormat::Tbx => io::write(&g, io::Format::Tbx).into_bytes(),
                ExportFormat::Tbx2019 => io::write(&g, io::Format::Tbx2019).into_bytes(),
                ExportFormat::Csv => io::write(&g, io::Format::Csv).into_bytes(),
                _ => io::write(&g, io::Format::Tsv).into_bytes(),
            };
            (bytes, format!("{} concepts", n))
        }
    };
    emit(args.output.as_deref(), &bytes)?;
    if let Some(p) = &args.output {
        eprintln!("termtool: wrote {} to {}", what, p.display());
    }
    Ok(0)
}
