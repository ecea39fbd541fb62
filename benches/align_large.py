#!/usr/bin/env python3
"""Alignment of large inputs: time and peak memory of `termtool align` on mixed EN–RU text of
0.25 to 100 MB (issue 10).

  python3 benches/align_large.py [--sizes 0.25,1,2,4,8,16,32,64,100] [--prev BIN] [--prev-max 4]

Each input is one file: paragraphs of three consecutive sentence pairs drawn at random (seed 7)
from ../shared/data/scale/enru-pairs.tsv.gz, all the English paragraphs, then all the Russian
ones. Files go to bench-data/large/. --prev times another termtool binary as well, up to
--prev-max MB (the previous release grows as n^2.4).
"""
import argparse, gzip, os, random, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POOL = os.path.join(ROOT, "..", "shared", "data", "scale", "enru-pairs.tsv.gz")
OUT = os.path.join(ROOT, "bench-data", "large")


def make(mb, rows):
    path = os.path.join(OUT, f"mix{mb:g}.txt")
    if os.path.exists(path):
        return path
    rng = random.Random(7)
    en, ru, size = [], [], 0
    while size < mb * 1e6:
        k = rng.randrange(len(rows) - 3)
        e = " ".join(r[0] for r in rows[k:k + 3])
        r_ = " ".join(r[1] for r in rows[k:k + 3])
        en.append(e)
        ru.append(r_)
        size += len(e.encode()) + len(r_.encode())
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(en) + "\n\n" + "\n\n".join(ru) + "\n")
    return path


def timed(binary, path):
    # a scratch file, never /dev/null: the previous release's -o renames a file over its target
    out = os.path.join(OUT, "aligned.json")
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M", binary, "align", path, "-o", out],
                       capture_output=True, text=True)
    if os.path.exists(out):
        os.remove(out)
    if p.returncode:
        sys.exit(f"{binary} failed on {path}:\n{p.stderr[-2000:]}")
    wall, kb = p.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kb) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="0.25,1,2,4,8,16,32,64,100")
    ap.add_argument("--prev")
    ap.add_argument("--prev-max", type=float, default=4)
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    with gzip.open(POOL, "rt", encoding="utf-8") as f:
        next(f)
        rows = [l.rstrip("\n").split("\t")[4:6] for l in f]
    rows = [r for r in rows if len(r) == 2]
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    this = os.path.join(ROOT, "target", "release", "termtool")
    print("| input MB | wall s | peak RSS MB | previous: wall s | previous: peak RSS MB |")
    print("|--:|--:|--:|--:|--:|")
    for mb in (float(x) for x in args.sizes.split(",")):
        path = make(mb, rows)
        w, m = timed(this, path)
        prev = ""
        if args.prev and mb <= args.prev_max:
            pw, pm = timed(args.prev, path)
            prev = f" {pw:.2f} | {pm:.0f} |"
        else:
            prev = " | |"
        print(f"| {mb:g} | {w:.2f} | {m:.0f} |{prev}")


if __name__ == "__main__":
    main()
