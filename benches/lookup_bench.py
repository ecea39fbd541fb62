#!/usr/bin/env python3
"""Lookup speed and agreement: termtool's indexed fuzzy lookup against an exhaustive RapidFuzz scan.

  python3 benches/lookup_bench.py [--pool N] [--seed S] [--queries Q]   # N extra English lines from en-pool (default all)

Memory: the 47,360 real pairs of ../shared/data/scale/enru-pairs.tsv.gz, plus the first N lines
of en-pool.txt.gz (all 498,579 by default), which have no Russian side (their Russian is the
placeholder "-"); units whose two sides repeat another's (as termtool compares them) are stored
once, and the table gives both counts.
Queries: 200 real English segments (fixed seed) of 6–30 words with one word dropped or replaced.
termtool answers all of them through one `lookup --stdin --json` process (one start-up): each
query is written and its answer line read before the next, and that round trip is timed (median,
p95, mean). A first, separately reported run after the import warms the file cache. RapidFuzz runs `process.extract` with `fuzz.ratio` over the same English segments in
the same session, each query timed the same way. Peak memory: VmHWM of the processes. Agreement: the share of
queries where termtool's first memory hit is the exhaustive scan's first hit (or ties it).
"""
import argparse, gzip, json, os, random, re, shutil, subprocess, sys, tempfile, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DATA = os.path.join(ROOT, "../shared/data/scale")
BIN = os.path.join(ROOT, "target/release/termtool")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", type=int, default=-1, help="en-pool lines to add (default all; 0 for none)")
    ap.add_argument("--seed", type=int, default=7, help="the queries' random seed (7 for the figures in BENCHMARKS)")
    ap.add_argument("--queries", type=int, default=200)
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
                if 0 <= args.pool <= i:
                    break
                pairs.append((line.strip().replace("\t", " "), "-"))
    tmp = tempfile.mkdtemp()
    tsv, db = os.path.join(tmp, "mem.tsv"), os.path.join(tmp, "ws.sqlite")
    with open(tsv, "w", encoding="utf-8") as f:
        for e, r in pairs:
            f.write(f"{e}\t{r}\n")
    import_s, import_rss, summary = timed_peak([BIN, "--db", db, "import", "--json", tsv])
    held = json.loads(summary)["units"]
    rng = random.Random(args.seed)
    cands = [e for e, _ in pairs if 6 <= len(e.split()) <= 30]
    queries = []
    for e in rng.sample(cands, args.queries):
        w = e.split()
        k = rng.randrange(len(w))
        if rng.random() < 0.5:
            del w[k]
        else:
            w[k] = rng.choice(["new", "several", "important", "the", "other"])
        queries.append(" ".join(w))
    # the first process after the import reads the workspace from a cold cache; the timed runs
    # come after it, as on a translator's machine where the workspace is in daily use
    _, per_query_first, _, _ = lookup(db, queries)
    ours, per_query, lookup_rss, startup = lookup(db, queries)
    ours_c, per_query_c, _, _ = lookup(db, queries, ["--fuzzy", "characters"])
    segs = [e for e, _ in pairs]
    # the same scan with termtool's own metric: word-level Levenshtein over lower-cased words
    # (a check of the index alone: does candidate generation lose the best segment?)
    from rapidfuzz.distance import Levenshtein
    word_re = re.compile(r"\w+(?:['’]\w+)*")
    toks = lambda t: word_re.findall(t.lower())
    seg_words = [toks(e) for e, _ in pairs]
    def word_sim(q, s):
        return Levenshtein.normalized_similarity(toks(q), toks(s))
    word_best = [process.extractOne(toks(q), seg_words, scorer=Levenshtein.normalized_similarity)[1] for q in queries]
    agree_words = sum(
        1 for q, o, b in zip(queries, ours, word_best)
        if (o.get("tm") or []) and word_sim(q, o["tm"][0]["en"]) >= b - 1e-9)
    rf_times = []
    best = []
    for q in queries:
        t = time.perf_counter()
        best.append(process.extract(q, segs, scorer=fuzz.ratio, limit=1)[0])
        rf_times.append((time.perf_counter() - t) * 1000)
    def agreement(answers):
        return sum(1 for o, (seg, score, _) in zip(answers, best)
                   if (o.get("tm") or []) and (o["tm"][0]["en"] == seg or fuzz.ratio(o["query"], o["tm"][0]["en"]) >= score))
    agree, agree_c = agreement(ours), agreement(ours_c)
    med, p95 = pct(per_query, 50), pct(per_query, 95)
    rmed, rp95 = pct(rf_times, 50), pct(rf_times, 95)
    print(f"| memory segments: read / stored (duplicates once) | {len(pairs):,} / {held:,} |")
    print(f"| import + indexing | {import_s:.1f} s, peak RSS {import_rss / 1024:.0f} MB |")
    print(f"| workspace size on disk | {disk_mb(db):.0f} MB |")
    print(f"| termtool lookup --stdin, per query: median / p95 / mean | {med:.1f} / {p95:.1f} / {sum(per_query) / len(per_query):.1f} ms (peak RSS {lookup_rss / 1024:.0f} MB) |")
    print(f"| RapidFuzz exhaustive scan, per query: median / p95 / mean | {rmed:.1f} / {rp95:.1f} / {sum(rf_times) / len(rf_times):.1f} ms |")
    print(f"| termtool lookup --stdin --fuzzy characters, per query: median / p95 | {pct(per_query_c, 50):.1f} / {pct(per_query_c, 95):.1f} ms |")
    print(f"| termtool, first run after the import (cold cache): median / p95 | {pct(per_query_first, 50):.1f} / {pct(per_query_first, 95):.1f} ms |")
    print(f"| termtool start-up (first query, not counted above) | {startup:.0f} ms |")
    print(f"| median ratio RapidFuzz / termtool | {rmed / med:.1f}x |")
    print(f"| termtool first hit = exhaustive first hit (RapidFuzz fuzz.ratio, characters) | {agree}/{len(queries)} |")
    print(f"| termtool first hit = exhaustive first hit (word-level Levenshtein, termtool's metric) | {agree_words}/{len(queries)} |")
    print(f"| termtool --fuzzy characters first hit = exhaustive first hit (RapidFuzz fuzz.ratio) | {agree_c}/{len(queries)} |")
    for label, answers in (("words", ours), ("characters", ours_c)):
        for q, o, (seg, score, _) in zip(queries, answers, best):
            tm = o.get("tm") or []
            if not (tm and (tm[0]["en"] == seg or fuzz.ratio(o["query"], tm[0]["en"]) >= score)):
                print(f"  disagree ({label}): {q!r}\n    rapidfuzz {score:.1f} {seg!r}\n    termtool  {(tm[0]['score'], tm[0]['en']) if tm else None}", file=sys.stderr)
    shutil.rmtree(tmp)


def lookup(db, queries, extra=(), lang="en"):
    """One `lookup --stdin` process; each query is written, then its answer line read: the time
    between the two is what a script waits per query (the start-up is paid by a warm-up query).
    Returns (answers, milliseconds per query, peak RSS kB, start-up ms)."""
    p = subprocess.Popen([BIN, "--db", db, "lookup", "--stdin", "--json", "--min-score", "0",
                          *(["--lang", lang] if lang else []), *extra],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    t = time.perf_counter()
    p.stdin.write("warm up\n")
    p.stdin.flush()
    p.stdout.readline()
    startup = (time.perf_counter() - t) * 1000
    answers, per_query = [], []
    for q in queries:
        t = time.perf_counter()
        p.stdin.write(q + "\n")
        p.stdin.flush()
        answers.append(json.loads(p.stdout.readline()))
        per_query.append((time.perf_counter() - t) * 1000)
    rss = peak_rss(p.pid)
    p.stdin.close()
    p.wait()
    return answers, per_query, rss, startup


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def peak_rss(pid):
    """VmHWM (kB) of a running process."""
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed_peak(cmd):
    """Run cmd; return (seconds, peak RSS in kB, polled every 20 ms, its standard output)."""
    t = time.time()
    out = tempfile.TemporaryFile()
    p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
    peak = 0
    while p.poll() is None:
        peak = max(peak, peak_rss(p.pid))
        time.sleep(0.02)
    if p.returncode != 0:
        sys.exit(f"{cmd} failed")
    out.seek(0)
    return time.time() - t, peak, out.read().decode()


def disk_mb(db):
    return sum(os.path.getsize(db + x) for x in ("", "-wal", "-shm") if os.path.exists(db + x)) / 1e6

if __name__ == "__main__":
    main()
