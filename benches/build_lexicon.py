#!/usr/bin/env python3
"""Build data/lexicon.en-ru.tsv, the lexicon shipped in termtool's binary.

  python3 benches/align_data.py && python3 benches/build_lexicon.py

Training pairs (never the held-out alignment documents):
  - the gold beads of the `tune` documents of the UN dev set and TICO-19 (bench-data/align);
  - Tatoeba's eng-rus test pairs (CC BY 2.0 FR), which are not used in any alignment test.
NTREX (CC BY-SA) and WMT (research use only) are left out so the shipped file keeps simple terms.
"""
import gzip, json, os, subprocess, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DATA = os.path.join(ROOT, "bench-data/align")
SHARED = os.path.join(ROOT, "../shared/data")


def tune_pairs():
    for doc in open(os.path.join(DATA, "tune.txt")):
        doc = doc.split()[0] if doc.strip() else ""
        if not doc or doc.split("/")[0] not in ("unpc", "tico"):
            continue
        en = open(os.path.join(DATA, doc + ".en"), encoding="utf-8").read().split("\n")
        ru = open(os.path.join(DATA, doc + ".ru"), encoding="utf-8").read().split("\n")
        for line in open(os.path.join(DATA, doc + ".gold")):
            a, b = line.strip().split(":")
            a, b = json.loads(a), json.loads(b)
            if a and b:
                yield " ".join(en[i] for i in a), " ".join(ru[j] for j in b)


def tatoeba_pairs():
    d = os.path.join(SHARED, "tatoeba")
    files = sorted(os.listdir(d))
    en = [f for f in files if f.endswith(".en") or f.endswith("eng")]
    ru = [f for f in files if f.endswith(".ru") or f.endswith("rus")]
    if not en or not ru:
        sys.exit(f"tatoeba files not found in {d}: {files}")
    with open(os.path.join(d, en[0]), encoding="utf-8") as fe, open(os.path.join(d, ru[0]), encoding="utf-8") as fr:
        for e, r in zip(fe, fr):
            yield e.strip(), r.strip()


def main():
    pairs = [(e, r) for e, r in list(tune_pairs()) + list(tatoeba_pairs()) if e and r]
    tsv = os.path.join(ROOT, "bench-data/lexicon-pairs.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        for e, r in pairs:
            f.write(e.replace("\t", " ") + "\t" + r.replace("\t", " ") + "\n")
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    out = os.path.join(ROOT, "data/lexicon.en-ru.tsv")
    subprocess.run([os.path.join(ROOT, "target/release/termtool"), "lexicon", tsv, "-o", out], check=True)
    print(f"{len(pairs)} pairs -> {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
