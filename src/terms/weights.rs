//! The weights of EN↔RU pairing ([`super::pair::build`]): every threshold, limit and score
//! weight its stages use, with where each value came from (docs/terms.md, "3. Pairing",
//! describes the method they belong to).
//!
//! None of these values was fitted to data. Each was set by hand when its rule was written, by
//! reading the output on the seed documents and, for the rules of commit 297f7af, on the UN dev
//! set's standing terms (docs/terms.md, "Measured quality", caveat). All of them predate the
//! held-out benchmark's `tune`/`test` split (commit bba34e6), so they were tuned on neither
//! split. The weights of the word scorer ([`super::pair::Translator`]: lexicon trust, cognate
//! similarity) and of the word-alignment stage (`project.rs`) and of the entries awaiting an
//! equivalent (`pending.rs`) are not here: they belong to those modules.

/// The weights of [`super::pair::build`], one field per value; [`WEIGHTS`] holds the ones used.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    // --- acronyms defined on both sides ("acronym definitions") ---
    /// Weight of the long forms' phrase similarity in the score of an English and a Russian
    /// acronym group. Set by hand when the stage was written (commit b8a8674).
    pub defined_long_form: f64,
    /// Weight of the Dice coefficient of the two groups' bilingual segments. Set by hand when
    /// the stage was written (commit b8a8674).
    pub defined_dice: f64,
    /// Weight of the short forms being the same or transliterated (1 or 0). Set by hand when
    /// the stage was written (commit b8a8674).
    pub defined_short_form: f64,
    /// Weight of the share of beads defining both where they are defined in the same order: a
    /// weak hint, a bonus and never a requirement, since a translation may define one acronym
    /// more or less (the sum is capped at 1). Set by hand in commit 0a9d153, with the test
    /// `pair::tests::acronyms_defined_in_one_bead_pair_in_the_order_of_their_definitions`.
    pub defined_order: f64,
    /// Groups scoring below this are not paired. Set by hand when the stage was written
    /// (commit b8a8674).
    pub defined_min_score: f64,
    /// Groups that share no segment and whose short forms differ are paired only when their
    /// long forms are more similar than this. Set by hand when the stage was written (commit
    /// b8a8674).
    pub defined_long_forms_alone: f64,
    /// The score is scaled into [this, 1] (definitions on both sides are strong evidence).
    /// Set by hand in commit d42f74b ("confidence from evidence").
    pub defined_floor: f64,

    // --- acronyms defined on at most one side ("acronyms by co-occurrence") ---
    /// Bilingual segments two acronyms must share to be paired. Set by hand when the stage was
    /// written (commit 3d2b8ee).
    pub cooc_min_shared: usize,
    /// Bilingual segments two acronyms that are the same or transliterated must share. Set by
    /// hand when the stage was written (commit 3d2b8ee).
    pub cooc_min_shared_same: usize,
    /// Added to the Dice coefficient when the two acronyms are the same or transliterated. Set
    /// by hand when the stage was written (commit 3d2b8ee).
    pub cooc_same_bonus: f64,
    /// Pairs scoring below this (Dice plus the bonus) are not paired. Set by hand when the
    /// stage was written (commit 3d2b8ee).
    pub cooc_min_score: f64,

    // --- both acronyms by co-occurrence and terms ---
    /// Confidence grows with the evidence: it is multiplied by (1 − this^n) for a pair seen
    /// together in n segments, so that a pair seen together once is half as sure. Set by hand
    /// for terms in commit d42f74b ("confidence from evidence"), and taken for acronyms by
    /// co-occurrence when that stage was written (commit 3d2b8ee).
    pub evidence_decay: f64,

    // --- multiword terms and names ("pairing terms") ---
    /// Candidates of each language considered for pairing, the best by C-value first. 6,000
    /// when the stage was written (commit b8a8674); raised to 60,000 in commit 64f2452, when a
    /// large memory was seen to crowd out a document's rare names (seed recall 27/73 beside
    /// 4,000 UN pairs, persons 0/6; the UN top 100 unchanged; docs/terms.md, "More aligned text
    /// gives better pairs").
    pub max_cands: usize,
    /// An English candidate in more bilingual segments than this is "frequent": it is compared
    /// only with the Russian candidates that follow it. A speed limit, set by hand in commit
    /// 9276f05 ("linear nested-term checks (47k pairs in 14 s)").
    pub frequent_segments: usize,
    /// A frequent English candidate is compared with the Russian ones seen in at least this
    /// many tenths of its bilingual segments (rounded down). Set by hand in commit 9276f05.
    pub frequent_share_tenths: usize,
    /// … and in at least this many of its segments, whatever the share. Set by hand in commit
    /// 9276f05.
    pub frequent_min_shared: usize,
    /// … at most this many of them, the most often seen with it first. Set by hand in commit
    /// 9276f05.
    pub frequent_max_compared: usize,
    /// A frequent English candidate is also compared with the rare Russian candidates (in at
    /// most this many bilingual segments) seen with it in enough of theirs: a rare Russian form
    /// of a frequent English name (Tashkent = "в Ташкенте"). Set by hand in commit 154ee65,
    /// for that seed entry.
    pub rare_max_segments: usize,
    /// … seen with it in at least one of every this many of their bilingual segments (2: half
    /// of them). Set by hand in commit 154ee65.
    pub rare_one_in: usize,
    /// … at most this many of them, the closest in length first. Set by hand in commit 154ee65.
    pub rare_max_compared: usize,
    /// Candidates whose word counts differ by more than this are not compared. A speed limit,
    /// set by hand in commit 9276f05.
    pub max_word_diff: usize,
    /// Candidates whose content-word counts differ by more than this are not paired. Set by
    /// hand when the stage was written (commit b8a8674).
    pub max_content_diff: usize,
    /// A pair passes on its words when their phrase similarity p is at least this. Set by hand
    /// when the stage was written (commit b8a8674, then `p < 0.45` rejected a pair).
    pub words_min_phrase: f64,
    /// … and, in phrases of up to this many content words (the longer side), every content
    /// word has a translation. Set by hand in commit d42f74b ("better pairing filters").
    pub words_all_translated_up_to: usize,
    /// … beyond them, one content word may lack a translation for every this many more. Set
    /// by hand in commit d42f74b.
    pub words_one_missing_per: usize,
    /// A pair whose words are weaker passes on its association over the memory when p is at
    /// least this. Set by hand in commit 297f7af, while looking at the UN dev set's standing
    /// terms (docs/terms.md, "Measured quality", caveat).
    pub assoc_min_phrase: f64,
    /// … when at most this many content words lack a translation. Set by hand in commit
    /// 297f7af.
    pub assoc_max_uncovered: usize,
    /// … when the two are seen together in at least this share of their segments (Dice). Set
    /// by hand in commit 297f7af.
    pub assoc_min_dice: f64,
    /// … when they are seen together in at least this many segments. Set by hand in commit
    /// 297f7af.
    pub assoc_min_together: usize,
    /// … and with Dunning's log-likelihood ratio G² ([`super::pair::llr`]) at least this:
    /// p < 0.0001 for one degree of freedom (the χ² table's 15.137, rounded down). From the
    /// statistical table, in commit 297f7af.
    pub assoc_min_llr: f64,
    /// Weight of the phrase similarity p in a pair's score. Set by hand when the stage was
    /// written (commit b8a8674).
    pub score_phrase: f64,
    /// Weight of the Dice coefficient of the two candidates' segments in a pair's score. Set
    /// by hand when the stage was written (commit b8a8674).
    pub score_dice: f64,
    /// Taken off the score when the two phrases' content-word counts differ. Set by hand in
    /// commit d42f74b ("better pairing filters").
    pub score_count_diff: f64,
    /// The score of a pair that passed on association alone is multiplied by this, so that
    /// pairs whose words translate are assigned first. Set by hand in commit 297f7af.
    pub score_assoc_only: f64,
    /// Pairs scoring below this (before the evidence factor) are not proposed. Set by hand
    /// when the stage was written (commit b8a8674, as `pair::MIN_SCORE`).
    pub min_score: f64,

    // --- widening an accepted Russian term to the right ("pairing terms") ---
    /// A Russian term is widened only when it is seen at least this many times. Set by hand in
    /// commit 297f7af, while looking at the UN dev set's standing terms ("Предварительная
    /// повестка дня").
    pub widen_min_freq: usize,
    /// … to a longer candidate seen at least this many quarters as often as it (3: in 3 of
    /// its 4 occurrences). Set by hand in commit 297f7af.
    pub widen_share_quarters: usize,
    /// … by at most this many words. Set by hand in commit 297f7af.
    pub widen_max_words: usize,
    /// … when the added word translates a word of the English term with at least this score.
    /// Set by hand in commit 297f7af ("мира" in peacekeeping).
    pub widen_min_link: f64,
    /// … and the phrase similarity drops by less than this. Set by hand in commit 297f7af.
    pub widen_max_drop: f64,
}

/// The weights [`super::pair::build`] uses.
pub const WEIGHTS: Weights = Weights {
    defined_long_form: 0.55,
    defined_dice: 0.3,
    defined_short_form: 0.15,
    defined_order: 0.05,
    defined_min_score: 0.3,
    defined_long_forms_alone: 0.6,
    defined_floor: 0.5,

    cooc_min_shared: 2,
    cooc_min_shared_same: 1,
    cooc_same_bonus: 0.5,
    cooc_min_score: 0.6,

    evidence_decay: 0.5,

    max_cands: 60_000,
    frequent_segments: 3,
    frequent_share_tenths: 3,
    frequent_min_shared: 2,
    frequent_max_compared: 60,
    rare_max_segments: 3,
    rare_one_in: 2,
    rare_max_compared: 20,
    max_word_diff: 3,
    max_content_diff: 1,
    words_min_phrase: 0.45,
    words_all_translated_up_to: 3,
    words_one_missing_per: 3,
    assoc_min_phrase: 0.3,
    assoc_max_uncovered: 1,
    assoc_min_dice: 0.5,
    assoc_min_together: 3,
    assoc_min_llr: 15.13,
    score_phrase: 0.65,
    score_dice: 0.35,
    score_count_diff: 0.05,
    score_assoc_only: 0.8,
    min_score: 0.42,

    widen_min_freq: 3,
    widen_share_quarters: 3,
    widen_max_words: 2,
    widen_min_link: 0.05,
    widen_max_drop: 0.2,
};

impl Default for Weights {
    fn default() -> Weights {
        WEIGHTS
    }
}
