#!/usr/bin/env python3
"""Load on `termtool serve` over a memory of more than 1,000,000 segments, with oha.

  python3 benches/serve_load.py [--seconds S] [--clients 1,16,64]

Memory (built once under bench-data/serve/, reused): the 47,360 real pairs of
../shared/data/scale/enru-pairs.tsv.gz, the 498,579 English lines of en-pool.txt.gz, and as many
again made by joining each pool line to the next one (the data holds no million real EN–RU
pairs; the pool lines have no Russian, so their Russian side is the placeholder "-"). Units whose
two sides repeat another's are stored once; the table gives both counts.
Queries: 200 real English segments of the memory (fixed seed) with one word dropped or replaced,
as in lookup_bench.py, sent as `GET /api/lookup?q=…&lang=en` (oha --urls-from-file, cycling).
First each query is asked once over HTTP and through `termtool lookup --stdin --json --lang en`,
and the two answers compared as JSON (they must be identical). Then for each number of clients
oha runs for S seconds (default 20): requests per second, p50, p99, errors. The baseline in the
same session is the CLI's `lookup --stdin` answering the same queries one after another.
"""
import argparse, gzip, json, os, random, subprocess, sys, time, urllib.parse, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DATA = os.path.join(ROOT, "../shared/data/scale")
BIN = os.path.join(ROOT, "target/release/termtool")
OUT = os.path.join(ROOT, "bench-data/serve")


def memory():
    pairs = []
    with gzip.open(os.path.join(DATA, "enru-pairs.tsv.gz"), "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 6 and c[4] and c[5]:
                pairs.append((c[4].replace("\t", " "), c[5].replace("\t", " ")))
    with gzip.open(os.path.join(DATA, "en-pool.txt.gz"), "rt", encoding="utf-8") as f:
        pool = [l.strip().replace("\t", " ") for l in f if l.strip()]
    pairs += [(e, "-") for e in pool]
    pairs += [(a + " " + b, "-") for a, b in zip(pool, pool[1:])]
    return pairs


def build(pairs):
    os.makedirs(OUT, exist_ok=True)
    db = os.path.join(OUT, "ws.sqlite")
    if os.path.exists(db):
        return db, None
    tsv = os.path.join(OUT, "memory.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        for e, r in pairs:
            f.write(f"{e}\t{r}\n")
    t = time.perf_counter()
    out = subprocess.run([BIN, "--db", db, "import", "--json", tsv], capture_output=True, text=True, check=True)
    os.remove(tsv)
    return db, (time.perf_counter() - t, json.loads(out.stdout)["units"])


def queries(pairs):
    rng = random.Random(7)
    cands = [e for e, r in pairs[:47360] + pairs[47360:47360 + 498579] if 6 <= len(e.split()) <= 30]
    out = []
    for e in rng.sample(cands, 200):
        w = e.split()
        k = rng.randrange(len(w))
        if rng.random() < 0.5:
            del w[k]
        else:
            w[k] = rng.choice(["new", "several", "important", "the", "other"])
        out.append(" ".join(w))
    return out


def cli_answers(db, qs):
    p = subprocess.run([BIN, "--db", db, "lookup", "--stdin", "--json", "--lang", "en"],
                       input="\n".join(qs) + "\n", capture_output=True, text=True)
    return [json.loads(l) for l in p.stdout.splitlines()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--clients", default="1,16,64")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    pairs = memory()
    db, imported = build(pairs)
    qs = queries(pairs)
    # the baseline: the CLI answering the same queries in one process, one after another
    t = time.perf_counter()
    cli = cli_answers(db, qs)
    cli = cli_answers(db, qs)  # second run: warm cache, as the server's runs below
    cli_s = time.perf_counter() - t
    t = time.perf_counter()
    cli = cli_answers(db, qs)
    cli_s = time.perf_counter() - t
    srv = subprocess.Popen([BIN, "--db", db, "serve", "--bind", "127.0.0.1:0"],
                           stderr=subprocess.PIPE, text=True)
    while True:
        line = srv.stderr.readline()
        if not line:
            sys.exit("the server stopped before listening")
        if "http://" in line:
            base = line[line.index("http://"):].split()[0]
            break
    try:
        urls = [f"{base}/api/lookup?q={urllib.parse.quote(q, safe='')}&lang=en" for q in qs]
        same = sum(json.load(urllib.request.urlopen(u)) == c for u, c in zip(urls, cli))
        path = os.path.join(OUT, "urls.txt")
        with open(path, "w") as f:
            f.write("\n".join(urls) + "\n")
        print(f"| memory segments read / stored | {len(pairs):,} / "
              + (f"{imported[1]:,} (import + indexing {imported[0]:.0f} s)" if imported else "(workspace reused)") + " |")
        print(f"| answers identical to `lookup --json` | {same}/{len(qs)} |")
        print(f"| `lookup --stdin`, one process, 200 queries in turn | {len(qs) / cli_s:.0f} lookups/s |")
        print()
        print("| clients | lookups/s | p50 ms | p99 ms | errors |")
        print("|--:|--:|--:|--:|--:|")
        for c in [int(x) for x in args.clients.split(",")]:
            r = subprocess.run(["oha", "--no-tui", "--output-format", "json", "-z", f"{args.seconds}s", "-w", "-c", str(c),
                                "--urls-from-file", path], capture_output=True, text=True, check=True)
            j = json.loads(r.stdout)
            s = j["summary"]
            lat = j["latencyPercentiles"]
            codes = j.get("statusCodeDistribution", {})
            errors = sum(v for k, v in codes.items() if k != "200") + sum(j.get("errorDistribution", {}).values())
            print(f"| {c} | {s['requestsPerSec']:.0f} | {lat['p50'] * 1000:.1f} | {lat['p99'] * 1000:.1f} | {errors} |")
    finally:
        srv.terminate()
        srv.wait()


if __name__ == "__main__":
    main()
