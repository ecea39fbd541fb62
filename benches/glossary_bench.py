#!/usr/bin/env python3
"""Glossary lookup with a large glossary: termtool against an exhaustive RapidFuzz scan.

  python3 benches/glossary_bench.py

Glossary: 22,133 concepts (44,266 terms), made reproducibly from public data: the word pairs of
the shipped lexicon (data/lexicon.en-ru.tsv: English stem, Russian stem) and 2–4-word spans cut
at the same positions from the English and the Russian of 30% of the longer pairs of
../shared/data/scale/enru-pairs.tsv.gz (the Russian span is not a translation: the figure is
about speed, not quality). Queries: 200 terms of the glossary (every 100th concept's English
term) with one letter changed, and 200 real English segments of the memory (a sentence shows
the terms it holds). termtool answers through one `lookup --stdin --json` process, each query
timed as in lookup_bench.py; the peer is RapidFuzz's `process.extract` with `fuzz.ratio` over
all 44,266 terms, each query timed alike.
"""
import csv, gzip, os, random, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(__file__))
from lookup_bench import BIN, DATA, ROOT, lookup, pct  # noqa: E402


def glossary():
    rows = []
    for line in open(os.path.join(ROOT, "data/lexicon.en-ru.tsv"), encoding="utf-8"):
        if not line.startswith("#"):
            e, r, _ = line.rstrip("\n").split("\t")
            rows.append((e, r))
    rng = random.Random(3)
    with gzip.open(os.path.join(DATA, "enru-pairs.tsv.gz"), "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 6:
                continue
            w, v = c[4].split(), c[5].split()
            if len(w) > 4 and len(v) > 4 and rng.random() < 0.3:
                k, n = rng.randrange(len(w) - 3), rng.randint(2, 4)
                rows.append((" ".join(w[k:k + n]).strip('.,;:"()'), " ".join(v[k:k + n]).strip('.,;:"()')))
    seen, out = set(), []
    for e, r in rows:
        if e and r and (e, r) not in seen:
            seen.add((e, r))
            out.append((e, r))
    return out, [e for e, _ in out[::100]][:200]


def main():
    from rapidfuzz import fuzz, process
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    concepts, terms = glossary()
    rng = random.Random(5)
    typos = []
    for t in terms:
        i = rng.randrange(len(t))
        typos.append(t[:i] + rng.choice("aeiostnr") + t[i + 1:])
    with gzip.open(os.path.join(DATA, "enru-pairs.tsv.gz"), "rt", encoding="utf-8") as f:
        next(f)
        segs = [l.split("\t")[4] for l in f if len(l.split("\t")) >= 6]
    sentences = random.Random(7).sample([s for s in segs if 6 <= len(s.split()) <= 30], 200)
    tmp = tempfile.mkdtemp()
    csv_path, db = os.path.join(tmp, "glossary.csv"), os.path.join(tmp, "ws.sqlite")
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "en", "ru"])
        for i, (e, r) in enumerate(concepts):
            w.writerow([f"g{i}", e, r])
    subprocess.run([BIN, "--db", db, "import", csv_path], check=True, stdout=subprocess.DEVNULL)
    all_terms = [e for e, _ in concepts] + [r for _, r in concepts]
    print(f"| glossary | {len(concepts):,} concepts, {len(all_terms):,} terms |")
    for name, queries in (("terms with a typo", typos), ("sentences", sentences)):
        answers, ms, _, startup = lookup(db, queries, lang=None)
        rf = []
        for q in queries:
            t = time.perf_counter()
            process.extract(q, all_terms, scorer=fuzz.ratio, limit=10)
            rf.append((time.perf_counter() - t) * 1000)
        found = sum(1 for a in answers if a["glossary"])
        print(f"| {name}: termtool median / p95 | {pct(ms, 50):.1f} / {pct(ms, 95):.1f} ms "
              f"(start-up {startup:.0f} ms; {found}/{len(queries)} with a glossary hit) |")
        print(f"| {name}: RapidFuzz scan median / p95 | {pct(rf, 50):.1f} / {pct(rf, 95):.1f} ms |")
        print(f"| {name}: median ratio termtool / RapidFuzz | {pct(ms, 50) / pct(rf, 50):.2f} |")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
