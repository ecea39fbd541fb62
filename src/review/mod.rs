//! Reviewing an alignment: the document as two lists of sentences and a list of beads over
//! them, the actions a reviewer takes on beads (confirm, merge, split, move a sentence, unpair,
//! mark as noise), and why a bead's confidence is low ([`reasons`]).
//!
//! A bead takes consecutive sentences of each side (either may be empty); the beads partition
//! both lists in order. Actions are pure functions over the list of beads; the store keeps the
//! list and the server exposes it (docs/review.md).
pub mod reasons;
pub mod view;

use crate::align::{Alignment, Sides};
use crate::text::{self, Lang};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A sentence of one side, with the paragraph (of that side) it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub text: String,
    pub para: usize,
}

/// A unit in neither language, set aside by the aligner, with where it stood: before the
/// English sentence `en_at` and the Russian sentence `ru_at` (the counts when at the end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aside {
    /// Detected language code ("tr", "de", "und", …).
    pub lang: String,
    pub text: String,
    pub en_at: usize,
    pub ru_at: usize,
}

impl Aside {
    /// Whether it stood right before or after the bead, on a side the bead has sentences on.
    pub fn next_to(&self, b: &Bead) -> bool {
        let at = |r: &Range<usize>, p: usize| !r.is_empty() && (r.start == p || r.end == p);
        at(&b.en, self.en_at) || at(&b.ru, self.ru_at)
    }
}

/// What a reviewer decided about a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Unconfirmed,
    Confirmed,
    /// Not a translation pair (share buttons, a footer): left out of the memory.
    Noise,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unconfirmed => "unconfirmed",
            Status::Confirmed => "confirmed",
            Status::Noise => "noise",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [Status::Unconfirmed, Status::Confirmed, Status::Noise]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    /// A reviewer's decision, which a new alignment run keeps.
    pub fn decided(self) -> bool {
        self != Status::Unconfirmed
    }
}

/// A bead under review.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Stable id (a merge keeps the first bead's; a split gives the second part a new one).
    pub id: i64,
    /// Raised by every change, so that a change made against an older version is refused.
    pub version: i64,
    pub en: Range<usize>,
    pub ru: Range<usize>,
    /// The aligner's confidence; `None` once a person changed the bead's sentences.
    pub score: Option<f64>,
    pub status: Status,
}

/// A document under review.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: i64,
    /// The file name(s), "EN + RU" for two files.
    pub name: String,
    /// Raised by every change to the review.
    pub version: i64,
    pub en: Vec<Sentence>,
    pub ru: Vec<Sentence>,
    pub beads: Vec<Bead>,
    pub skipped: Vec<Aside>,
}

impl Review {
    /// The texts of a bead's sentences, English then Russian.
    pub fn texts(&self, b: &Bead) -> (Vec<&str>, Vec<&str>) {
        fn t<'a>(list: &'a [Sentence], r: &Range<usize>) -> Vec<&'a str> {
            list[r.clone()].iter().map(|s| s.text.as_str()).collect()
        }
        (t(&self.en, &b.en), t(&self.ru, &b.ru))
    }

    /// Russian characters per English character over the beads with both sides: the length
    /// ratio a bead's is compared with (1.0 when there is none).
    pub fn length_ratio(&self) -> f64 {
        let (mut e, mut r) = (0usize, 0usize);
        for b in self
            .beads
            .iter()
            .filter(|b| !b.en.is_empty() && !b.ru.is_empty())
        {
            let (en, ru) = self.texts(b);
            e += en.iter().map(|s| s.chars().count()).sum::<usize>();
            r += ru.iter().map(|s| s.chars().count()).sum::<usize>();
        }
        if e == 0 {
            1.0
        } else {
            r as f64 / e as f64
        }
    }
}

/// An alignment flattened to sentences: what a review starts from.
#[derive(Debug, Clone, Default)]
pub struct Flat {
    pub en: Vec<Sentence>,
    pub ru: Vec<Sentence>,
    /// Sentence ranges and confidence of each bead, in order.
    pub beads: Vec<(Range<usize>, Range<usize>, f64)>,
    pub skipped: Vec<Aside>,
}

impl Flat {
    /// A review of this alignment, every bead unconfirmed with the aligner's score;
    /// `new_id` numbers the beads.
    pub fn review(&self, id: i64, name: &str, mut new_id: impl FnMut() -> i64) -> Review {
        Review {
            id,
            name: name.to_string(),
            version: 1,
            en: self.en.clone(),
            ru: self.ru.clone(),
            beads: self
                .beads
                .iter()
                .map(|(en, ru, score)| Bead {
                    id: new_id(),
                    version: 1,
                    en: en.clone(),
                    ru: ru.clone(),
                    score: Some(*score),
                    status: Status::Unconfirmed,
                })
                .collect(),
            skipped: self.skipped.clone(),
        }
    }
}

/// The sentences of `sides` and the beads of `al` over them: a paragraph bead's sentence beads,
/// or the paragraph bead itself (all its sentences) when it has none.
pub fn flatten(sides: &Sides, al: &Alignment) -> Flat {
    let mut flat = Flat::default();
    // the first sentence of each paragraph, per side
    let (mut en_first, mut ru_first) = (vec![0; sides.en.len()], vec![0; sides.ru.len()]);
    for b in &al.beads {
        let (e0, r0) = (flat.en.len(), flat.ru.len());
        push_sentences(&mut flat.en, &sides.en, &b.en, Lang::En, &mut en_first);
        push_sentences(&mut flat.ru, &sides.ru, &b.ru, Lang::Ru, &mut ru_first);
        if b.sentences.is_empty() {
            flat.beads
                .push((e0..flat.en.len(), r0..flat.ru.len(), b.score));
            continue;
        }
        for s in &b.sentences {
            flat.beads.push((span(e0, &s.en), span(r0, &s.ru), s.score));
        }
    }
    flat.beads
        .retain(|(e, r, _)| !e.is_empty() || !r.is_empty());
    // a set-aside unit stands before the first unit of each side that comes after it
    let at = |index: &[usize], first: &[usize], n: usize, k: usize| {
        index.iter().position(|&i| i > k).map_or(n, |p| first[p])
    };
    flat.skipped = al
        .skipped
        .iter()
        .map(|s| Aside {
            lang: s.lang.clone(),
            text: s.text.clone(),
            en_at: at(&sides.en_index, &en_first, flat.en.len(), s.index),
            ru_at: at(&sides.ru_index, &ru_first, flat.ru.len(), s.index),
        })
        .collect();
    flat
}

/// The sentences of the paragraphs `idx` of `paras`, appended to `out`; `first[p]` is set to
/// paragraph `p`'s first sentence.
fn push_sentences(
    out: &mut Vec<Sentence>,
    paras: &[text::Paragraph],
    idx: &[usize],
    lang: Lang,
    first: &mut [usize],
) {
    for &p in idx {
        first[p] = out.len();
        let t = &paras[p].text;
        for r in text::sentences(t, lang) {
            out.push(Sentence {
                text: t[r].trim().to_string(),
                para: p,
            });
        }
    }
}

/// Positions relative to `base` (consecutive, ascending) as a range.
fn span(base: usize, pos: &[usize]) -> Range<usize> {
    match (pos.first(), pos.last()) {
        (Some(a), Some(b)) => base + a..base + b + 1,
        _ => {
            // an empty side sits where the bead stands: after the sentences before it
            let at = base + pos.len();
            at..at
        }
    }
}

/// Which side of a bead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    En,
    Ru,
}

/// Where a `move` takes a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum To {
    /// The second bead's first sentence joins the end of the first bead.
    First,
    /// The first bead's last sentence joins the start of the second.
    Second,
}

/// A bead named with the version the client saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeadRef {
    pub id: i64,
    pub version: i64,
}

/// What to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Op {
    Confirm,
    Unconfirm,
    Noise,
    Merge,
    Split { en_at: usize, ru_at: usize },
    Move { side: Side, to: To },
    Unpair,
}

impl Op {
    /// How many beads the action names.
    fn arity(self) -> usize {
        match self {
            Op::Merge | Op::Move { .. } => 2,
            _ => 1,
        }
    }
}

/// One action of a reviewer, as posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    #[serde(flatten)]
    pub op: Op,
    pub beads: Vec<BeadRef>,
}

/// Why an action was refused (nothing changed).
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    /// No bead with this id.
    Unknown(i64),
    /// A bead changed since the version the client saw: the current versions.
    Stale(Vec<BeadRef>),
    /// The action does not fit the beads.
    Invalid(String),
}

/// Apply `action` to `beads`; `new_id` gives the id of a bead the action creates. Returns the
/// action that undoes it (against the beads as they are after it).
pub fn apply(
    beads: &mut Vec<Bead>,
    action: &Action,
    mut new_id: impl FnMut() -> i64,
) -> Result<Action, Refused> {
    let at = locate(beads, action)?;
    let op = action.op;
    let undo = match op {
        Op::Confirm | Op::Unconfirm | Op::Noise => {
            let b = &mut beads[at[0]];
            let before = b.status;
            b.status = match op {
                Op::Confirm => Status::Confirmed,
                Op::Noise => Status::Noise,
                _ => Status::Unconfirmed,
            };
            b.version += 1;
            let back = match before {
                Status::Confirmed => Op::Confirm,
                Status::Noise => Op::Noise,
                Status::Unconfirmed => Op::Unconfirm,
            };
            undo_of(back, &[&beads[at[0]]])
        }
        Op::Merge => {
            let (a, b) = (at[0], at[1]);
            let cut = (beads[a].en.len(), beads[a].ru.len());
            let second = beads.remove(b);
            let first = &mut beads[a];
            first.en.end = second.en.end;
            first.ru.end = second.ru.end;
            touched(first);
            split_undo(first, cut)
        }
        Op::Split { en_at, ru_at } => {
            let b = &beads[at[0]];
            let (ne, nr) = (b.en.len(), b.ru.len());
            if en_at > ne || ru_at > nr || (en_at, ru_at) == (0, 0) || (en_at, ru_at) == (ne, nr) {
                return Err(Refused::Invalid(format!(
                    "a split keeps 0–{ne} English and 0–{nr} Russian sentences in the first part, not none or all; got en_at {en_at}, ru_at {ru_at}"
                )));
            }
            let second = Bead {
                id: new_id(),
                version: 1,
                en: b.en.start + en_at..b.en.end,
                ru: b.ru.start + ru_at..b.ru.end,
                score: None,
                status: Status::Unconfirmed,
            };
            let first = &mut beads[at[0]];
            first.en.end = second.en.start;
            first.ru.end = second.ru.start;
            touched(first);
            let undo = undo_of(Op::Merge, &[first, &second]);
            beads.insert(at[0] + 1, second);
            undo
        }
        Op::Unpair => {
            let b = &beads[at[0]];
            if b.en.is_empty() || b.ru.is_empty() {
                return Err(Refused::Invalid(
                    "only a bead with both languages can be unpaired".into(),
                ));
            }
            let ru_only = Bead {
                id: new_id(),
                version: 1,
                en: b.en.end..b.en.end,
                ru: b.ru.clone(),
                score: None,
                status: Status::Unconfirmed,
            };
            let first = &mut beads[at[0]];
            first.ru = first.ru.start..first.ru.start;
            touched(first);
            let undo = undo_of(Op::Merge, &[first, &ru_only]);
            beads.insert(at[0] + 1, ru_only);
            undo
        }
        Op::Move { side, to } => move_sentence(beads, at[0], side, to)?,
    };
    Ok(undo)
}

/// Check that the named beads exist, have the versions given and fit the action; their
/// positions in `beads`.
fn locate(beads: &[Bead], action: &Action) -> Result<Vec<usize>, Refused> {
    let want = action.op.arity();
    if action.beads.len() != want {
        return Err(Refused::Invalid(format!(
            "this action names {want} bead(s), got {}",
            action.beads.len()
        )));
    }
    let mut at = Vec::with_capacity(want);
    for r in &action.beads {
        at.push(
            beads
                .iter()
                .position(|b| b.id == r.id)
                .ok_or(Refused::Unknown(r.id))?,
        );
    }
    let stale: Vec<BeadRef> = action
        .beads
        .iter()
        .zip(&at)
        .filter(|(r, &i)| beads[i].version != r.version)
        .map(|(_, &i)| reference(&beads[i]))
        .collect();
    if !stale.is_empty() {
        return Err(Refused::Stale(stale));
    }
    if want == 2 && at[1] != at[0] + 1 {
        return Err(Refused::Invalid(
            "the two beads must be next to each other, the first before the second".into(),
        ));
    }
    Ok(at)
}

/// Move one sentence across the boundary between the beads at `a` and `a + 1`.
fn move_sentence(beads: &mut Vec<Bead>, a: usize, side: Side, to: To) -> Result<Action, Refused> {
    fn range(b: &mut Bead, side: Side) -> &mut Range<usize> {
        match side {
            Side::En => &mut b.en,
            Side::Ru => &mut b.ru,
        }
    }
    let giver = if to == To::First { a + 1 } else { a };
    let giving = range(&mut beads[giver], side);
    if giving.start == giving.end {
        return Err(Refused::Invalid(format!(
            "the {} bead has no {} sentence to move",
            if to == To::First { "second" } else { "first" },
            if side == Side::En {
                "English"
            } else {
                "Russian"
            }
        )));
    }
    // sizes of the first bead before the move, for an undo that must split instead
    let cut = (beads[a].en.len(), beads[a].ru.len());
    let delta: isize = if to == To::First { 1 } else { -1 };
    let edge = (range(&mut beads[a], side).end as isize + delta) as usize;
    range(&mut beads[a], side).end = edge;
    range(&mut beads[a + 1], side).start = edge;
    for i in [a, a + 1] {
        touched(&mut beads[i]);
    }
    let back = Op::Move {
        side,
        to: if to == To::First {
            To::Second
        } else {
            To::First
        },
    };
    // a bead left empty goes; the undo then splits the one that took its sentence
    let empty = |b: &Bead| b.en.is_empty() && b.ru.is_empty();
    if empty(&beads[a + 1]) {
        beads.remove(a + 1);
        return Ok(split_undo(&beads[a], cut));
    }
    if empty(&beads[a]) {
        beads.remove(a);
        let taker = &beads[a];
        let one = (usize::from(side == Side::En), usize::from(side == Side::Ru));
        return Ok(split_undo(taker, one));
    }
    Ok(undo_of(back, &[&beads[a], &beads[a + 1]]))
}

/// A bead whose sentences a person changed: unconfirmed, without the aligner's score.
fn touched(b: &mut Bead) {
    b.version += 1;
    b.score = None;
    b.status = Status::Unconfirmed;
}

fn reference(b: &Bead) -> BeadRef {
    BeadRef {
        id: b.id,
        version: b.version,
    }
}

fn undo_of(op: Op, beads: &[&Bead]) -> Action {
    Action {
        op,
        beads: beads.iter().map(|b| reference(b)).collect(),
    }
}

fn split_undo(b: &Bead, (en_at, ru_at): (usize, usize)) -> Action {
    undo_of(Op::Split { en_at, ru_at }, &[b])
}

/// Keep the reviewer's decided beads (confirmed or noise) of `old` and take the rest from a new
/// alignment `new` of the same sentences: the new beads are cut to the gaps between the kept
/// ones. Returns the beads with `new_id` giving ids to the new ones.
pub fn keep_decided(
    old: &[Bead],
    new: &[(Range<usize>, Range<usize>, f64)],
    (n_en, n_ru): (usize, usize),
    mut new_id: impl FnMut() -> i64,
) -> Vec<Bead> {
    let kept: Vec<&Bead> = old.iter().filter(|b| b.status.decided()).collect();
    let mut out = Vec::new();
    let (mut e, mut r) = (0, 0);
    // each gap ends at a kept bead, the last at the end of the document
    for (keep, ge, gr) in kept
        .iter()
        .map(|b| (Some(*b), b.en.start, b.ru.start))
        .chain(std::iter::once((None, n_en, n_ru)))
    {
        for (ne, nr, score) in new {
            // the part of the new bead inside the gap (a side outside it is left empty)
            let en = clamp(ne.start.max(e)..ne.end.min(ge));
            let ru = clamp(nr.start.max(r)..nr.end.min(gr));
            if en.is_empty() && ru.is_empty() {
                continue;
            }
            let whole = en == *ne && ru == *nr;
            out.push(Bead {
                id: new_id(),
                version: 1,
                en,
                ru,
                score: whole.then_some(*score),
                status: Status::Unconfirmed,
            });
        }
        if let Some(k) = keep {
            out.push(k.clone());
            (e, r) = (k.en.end, k.ru.end);
        }
    }
    fill_holes(out, (n_en, n_ru), new_id)
}

fn clamp(r: Range<usize>) -> Range<usize> {
    if r.start > r.end {
        r.start..r.start
    } else {
        r
    }
}

/// Make the beads partition both sides: empty ranges placed where they stand, and any
/// sentences no bead holds given to one-sided beads (a new alignment that differs).
fn fill_holes(
    beads: Vec<Bead>,
    (n_en, n_ru): (usize, usize),
    mut new_id: impl FnMut() -> i64,
) -> Vec<Bead> {
    let mut out: Vec<Bead> = Vec::with_capacity(beads.len());
    let (mut e, mut r) = (0, 0);
    let mut hole = |out: &mut Vec<Bead>, en: Range<usize>, ru: Range<usize>| {
        if !en.is_empty() || !ru.is_empty() {
            out.push(Bead {
                id: new_id(),
                version: 1,
                en,
                ru,
                score: None,
                status: Status::Unconfirmed,
            });
        }
    };
    for mut b in beads {
        if b.en.is_empty() {
            b.en = e..e;
        }
        if b.ru.is_empty() {
            b.ru = r..r;
        }
        if b.en.start < e || b.ru.start < r {
            continue; // overlaps what is placed already: its sentences are placed
        }
        hole(&mut out, e..b.en.start, r..r);
        hole(&mut out, b.en.start..b.en.start, r..b.ru.start);
        (e, r) = (b.en.end, b.ru.end);
        out.push(b);
    }
    hole(&mut out, e..n_en, r..r);
    hole(&mut out, n_en..n_en, r..n_ru);
    out
}

/// True when `beads` partition `n_en` English and `n_ru` Russian sentences in order, each
/// bead holding at least one sentence.
pub fn is_partition(beads: &[Bead], n_en: usize, n_ru: usize) -> bool {
    let (mut e, mut r) = (0, 0);
    for b in beads {
        if b.en.start != e || b.ru.start != r || (b.en.is_empty() && b.ru.is_empty()) {
            return false;
        }
        (e, r) = (b.en.end, b.ru.end);
    }
    e == n_en && r == n_ru
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(id: i64, en: Range<usize>, ru: Range<usize>) -> Bead {
        Bead {
            id,
            version: 1,
            en,
            ru,
            score: Some(0.9),
            status: Status::Unconfirmed,
        }
    }

    fn three() -> Vec<Bead> {
        vec![
            bead(1, 0..1, 0..1),
            bead(2, 1..3, 1..2),
            bead(3, 3..4, 2..4),
        ]
    }

    fn act(op: Op, beads: &[&Bead]) -> Action {
        undo_of(op, beads)
    }

    /// Apply `op`, check the partition, apply its undo, and check the sentences are back.
    fn round_trip(op: Op, ids: &[usize]) -> Vec<Bead> {
        let mut beads = three();
        let before: Vec<_> = beads.iter().map(|b| (b.en.clone(), b.ru.clone())).collect();
        let refs: Vec<&Bead> = ids.iter().map(|&i| &beads[i]).collect();
        let a = act(op, &refs);
        let mut next = 10;
        let undo = apply(&mut beads, &a, || {
            next += 1;
            next
        })
        .unwrap();
        assert!(is_partition(&beads, 4, 4), "{op:?}: {beads:?}");
        let after = beads.clone();
        apply(&mut beads, &undo, || 99).unwrap();
        let back: Vec<_> = beads.iter().map(|b| (b.en.clone(), b.ru.clone())).collect();
        assert_eq!(back, before, "undo of {op:?}");
        after
    }

    #[test]
    fn every_action_keeps_a_partition_and_undoes() {
        let merged = round_trip(Op::Merge, &[0, 1]);
        assert_eq!((merged[0].en.clone(), merged[0].ru.clone()), (0..3, 0..2));
        let split = round_trip(Op::Split { en_at: 1, ru_at: 1 }, &[2]);
        assert_eq!(split.len(), 4);
        assert_eq!((split[3].en.clone(), split[3].ru.clone()), (4..4, 3..4));
        let moved = round_trip(
            Op::Move {
                side: Side::En,
                to: To::First,
            },
            &[0, 1],
        );
        assert_eq!((moved[0].en.clone(), moved[1].en.clone()), (0..2, 2..3));
        round_trip(
            Op::Move {
                side: Side::Ru,
                to: To::Second,
            },
            &[1, 2],
        );
        let unpaired = round_trip(Op::Unpair, &[1]);
        assert_eq!(unpaired[1].ru, 1..1);
        assert_eq!(unpaired[2].en, 3..3);
        let confirmed = round_trip(Op::Confirm, &[1]);
        assert_eq!(confirmed[1].status, Status::Confirmed);
    }

    #[test]
    fn a_move_that_empties_a_bead_removes_it_and_undoes_by_a_split() {
        let mut beads = vec![bead(1, 0..1, 0..1), bead(2, 1..2, 1..1)];
        let a = act(
            Op::Move {
                side: Side::En,
                to: To::First,
            },
            &[&beads[0], &beads[1]],
        );
        let undo = apply(&mut beads, &a, || 5).unwrap();
        assert_eq!(beads.len(), 1);
        assert_eq!(beads[0].en, 0..2);
        apply(&mut beads, &undo, || 6).unwrap();
        assert_eq!(beads.len(), 2);
        assert_eq!((beads[1].en.clone(), beads[1].ru.clone()), (1..2, 1..1));
    }

    #[test]
    fn refusals_change_nothing() {
        let mut beads = three();
        let keep = beads.clone();
        let stale = Action {
            op: Op::Confirm,
            beads: vec![BeadRef { id: 1, version: 7 }],
        };
        assert!(matches!(
            apply(&mut beads, &stale, || 0),
            Err(Refused::Stale(_))
        ));
        let unknown = Action {
            op: Op::Confirm,
            beads: vec![BeadRef { id: 42, version: 1 }],
        };
        assert_eq!(apply(&mut beads, &unknown, || 0), Err(Refused::Unknown(42)));
        let apart = act(Op::Merge, &[&keep[0], &keep[2]]);
        assert!(matches!(
            apply(&mut beads, &apart, || 0),
            Err(Refused::Invalid(_))
        ));
        let whole = act(Op::Split { en_at: 2, ru_at: 1 }, &[&keep[1]]);
        assert!(matches!(
            apply(&mut beads, &whole, || 0),
            Err(Refused::Invalid(_))
        ));
        assert_eq!(beads, keep);
    }

    #[test]
    fn a_new_alignment_keeps_decided_beads() {
        let mut old = three();
        old[1].status = Status::Confirmed;
        old[1].en = 1..2; // the reviewer's bead: 1-1 where the aligner said 2-1
        old[2].en = 2..4;
        // a new run that disagrees with the confirmed bead
        let new = vec![(0..1, 0..1, 0.9), (1..3, 1..3, 0.4), (3..4, 3..4, 0.8)];
        let mut next = 100;
        let beads = keep_decided(&old, &new, (4, 4), || {
            next += 1;
            next
        });
        assert!(is_partition(&beads, 4, 4), "{beads:?}");
        let confirmed: Vec<_> = beads.iter().filter(|b| b.status.decided()).collect();
        assert_eq!(confirmed.len(), 1);
        assert_eq!(
            (confirmed[0].en.clone(), confirmed[0].ru.clone()),
            (1..2, 1..2)
        );
        assert_eq!(confirmed[0].id, 2);
    }
}
