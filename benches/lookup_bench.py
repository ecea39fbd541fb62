#!/usr/bin/env python3
"""Lookup speed and agreement: termtool's indexed fuzzy lookup against an exhaustive RapidFuzz scan.

  python3 benches/lookup_bench.py [--pool N]     # N extra English lines from en-pool (default 0)

Memory: the 47,360 real pairs of ../shared/data/scale/enru-pairs.tsv.gz, plus N lines of
en-pool.txt.gz, which have no Russian side (their Russian is the placeholder "-").
Queries: 200 real English segments (fixed seed) of 6–30 words with one word dropped or replaced.
termtool answers all of them through one `lookup --stdin --json` process (one start-up); the
per-query figure is (total − an empty run's start-up) / 200. RapidFuzz runs `process.extract`
with `fuzz.ratio` over the same English segments in the same session. Agreement: the share of
queries where termtool's first memory hit is the exhaustive scan's first hit (or ties it).
"""
import argparse, gzip, os, random, subprocess, sys, tempfile, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DATA = os.path.join(ROOT, "../shared/data/scale")
BIN = os.path.join(ROOT, "target/release/termtool")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", type=int, default=0)
    args = ap.parse_args()
    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "rapidfuzz"], check=True)
        from rapidfuzz import fuzz, process
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    pairs = []
    with gzip.open(os.path.join(DATA, "enru-pairs.tsv.gz"), "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 6 and c[4] and c[5]:
                pairs.append((c[4].replace("\t", " "), c[5].replace("\t", " ")))
    if args.pool:
        with gzip.open(os.path.join(DATA, "en-pool.txt.gz"), "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= args.pool:
                    break
                pairs.append((line.strip().replace("\t", " "), "-"))
    tmp = tempfile.mkdtemp()
    tsv, db = os.path.join(tmp, "mem.tsv"), os.path.join(tmp, "ws.sqlite")
    with open(tsv, "w", encoding="utf-8") as f:
        for e, r in pairs:
            f.write(f"{e}\t{r}\n")
    t = time.time()
    subprocess.run([BIN, "--db", db, "import", tsv], check=True, capture_output=True)
    import_s = time.time() - t
    rng = random.Random(7)
    cands = [e for e, _ in pairs if 6 <= len(e.split()) <= 30]
    queries = []
    for e in rng.sample(cands, 200):
        w = e.split()
        k = rng.randrange(len(w))
        if rng.random() < 0.5:
            del w[k]
        else:
            w[k] = rng.choice(["new", "several", "important", "the", "other"])
        queries.append(" ".join(w))
    t = time.time()
    subprocess.run([BIN, "--db", db, "lookup", "--stdin", "--json"], input="", text=True, capture_output=True)
    start = time.time() - t
    t = time.time()
    out = subprocess.run([BIN, "--db", db, "lookup", "--stdin", "--json", "--min-score", "0", "--lang", "en"],
                         input="\n".join(queries) + "\n", text=True, capture_output=True).stdout
    total = time.time() - t
    import json
    ours = [json.loads(l) for l in out.splitlines() if l.strip()]
    segs = [e for e, _ in pairs]
    t = time.time()
    best = [process.extract(q, segs, scorer=fuzz.ratio, limit=1)[0] for q in queries]
    rf = time.time() - t
    agree = 0
    for o, (seg, score, _) in zip(ours, best):
        tm = o.get("tm") or []
        if tm and (tm[0]["en"] == seg or fuzz.ratio(o["query"], tm[0]["en"]) >= score):
            agree += 1
    print(f"| memory segments | {len(pairs):,} |")
    print(f"| import + indexing | {import_s:.1f} s |")
    print(f"| workspace size | {os.path.getsize(db) / 1e6:.0f} MB |")
    print(f"| termtool, mean per query (--stdin, start-up {start:.2f} s removed) | {(total - start) / len(queries) * 1000:.1f} ms |")
    print(f"| RapidFuzz exhaustive scan, mean per query | {rf / len(queries) * 1000:.1f} ms |")
    print(f"| termtool first hit = exhaustive first hit | {agree}/{len(queries)} |")


if __name__ == "__main__":
    main()
