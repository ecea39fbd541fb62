//! `termtool lexicon`: learn a word-translation lexicon (IBM Model 1 over stems) from
//! sentence pairs, one `english<TAB>russian` pair per line.
use super::output::emit;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use termtool::align::lexicon;
use termtool::align::lexicon::{word_ids, Vocabs};
use termtool::error::{Error, Result};
use termtool::text::{self, Lang};

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// A TSV file of sentence pairs: English, tab, Russian.
    pub pairs: PathBuf,
    /// Write the lexicon here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Keep only translations with at least this association.
    #[arg(long, default_value_t = 0.1)]
    pub min: f32,
}

pub fn run(args: Args) -> Result<i32> {
    let d = text::read_file(&args.pairs)?;
    let mut voc = Vocabs::default();
    let mut pairs = Vec::new();
    for (n, line) in d.text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((en, ru)) = line.split_once('\t') else {
            return Err(Error::at_line(
                &args.pairs,
                n + 1,
                "expected two tab-separated fields: English, Russian",
            ));
        };
        let e = word_ids(en, Lang::En, &mut voc.en);
        let r = word_ids(ru, Lang::Ru, &mut voc.ru);
        pairs.push((e, r));
    }
    if pairs.is_empty() {
        return Err(Error::input(
            &args.pairs,
            "no sentence pairs; expected lines `english<TAB>russian`",
        ));
    }
    let mut lex = lexicon::train(&pairs, voc.en.len(), voc.ru.len());
    lex.en_top
        .iter_mut()
        .for_each(|v| v.retain(|x| x.1 >= args.min));
    let mut out = String::from(
        "# en_stem\tru_stem\tassociation (termtool lexicon: IBM Model 1, both directions)\n",
    );
    out.push_str(&lexicon::to_tsv(&lex, &voc.en, &voc.ru));
    emit(args.output.as_deref(), out.as_bytes())?;
    Ok(0)
}
