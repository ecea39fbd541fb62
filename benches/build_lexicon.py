#!/usr/bin/env python3
"""Build data/lexicon.en-ru.tsv, the word-translation lexicon shipped in termtool's binary.

  python3 benches/build_lexicon.py [--shared ../shared]

Training pairs: everything in ../shared/data except the documents held out for measuring, so that
neither benchmark is judged on text the lexicon learned from:
  - UN dev set, NTREX-128, TICO-19: the documents of the alignment benchmark's `tune` half only
    (benches/align_data.py: `is_tune`);
  - WMT newstest 2012–2018 (research use), Tatoeba (CC BY 2.0 FR), FLORES-200 (CC BY-SA 4.0);
  - minus every pair whose English belongs to a `test` document of the term benchmark
    (docs/terms-gold/split.tsv, benches/terms_docs.py).
The licences stay with the lexicon (README, "Data and licences").
"""
import argparse, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import align_data  # noqa: E402
import terms_docs  # noqa: E402


def lines(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [align_data.clean(l) for l in f.read().replace("\r\n", "\n").split("\n")[:-1]]


def pairs(shared):
    data = os.path.join(shared, "data")
    for corpus, docs in sorted(align_data.load_corpora(data).items()):
        for doc_id, ps in sorted(docs.items()):
            if align_data.is_tune(f"{corpus}/{doc_id.replace('/', '_')}"):
                yield from ps
    d = os.path.join(data, "wmt-newstest")
    for f in sorted(os.listdir(d)):
        if f.endswith(".en"):
            yield from zip(lines(os.path.join(d, f)), lines(os.path.join(d, f[:-3] + ".ru")))
    yield from zip(lines(f"{data}/tatoeba/tatoeba-test-v2021-08-07.eng-rus.eng"),
                   lines(f"{data}/tatoeba/tatoeba-test-v2021-08-07.eng-rus.rus"))
    yield from zip(lines(f"{data}/flores200/flores200.devtest.eng_Latn"),
                   lines(f"{data}/flores200/flores200.devtest.rus_Cyrl"))


def term_test_english(shared):
    out = set()
    for doc_id, source, sel in terms_docs.DOCS:
        if terms_docs.split(doc_id) == "test":
            out.update(align_data.clean(e) for e, _ in terms_docs.pairs_of(shared, source, sel))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args()
    held = term_test_english(a.shared)
    seen, kept = set(), []
    for e, r in pairs(a.shared):
        if e and r and e not in held and (e, r) not in seen:
            seen.add((e, r))
            kept.append((e, r))
    tsv = os.path.join(ROOT, "bench-data", "lexicon-pairs.tsv")
    os.makedirs(os.path.dirname(tsv), exist_ok=True)
    with open(tsv, "w", encoding="utf-8") as f:
        for e, r in kept:
            f.write(e.replace("\t", " ") + "\t" + r.replace("\t", " ") + "\n")
    out = os.path.join(ROOT, "data", "lexicon.en-ru.tsv")
    subprocess.run([os.path.join(ROOT, "target", "release", "termtool"), "lexicon", tsv, "-o", out], check=True)
    print(f"{len(kept)} pairs ({len(held)} term-test sentences left out) -> {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
