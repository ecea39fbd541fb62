#!/usr/bin/env python3
"""Time termtool (release), an earlier termtool and Gale–Church on the 20,000-line pair from
align_data.py.

  python3 benches/align_speed.py [--prev BIN] [--runs N] [--no-galechurch]

--prev BIN times another termtool binary (the previous release, built from its commit) on the same
pair in the same session; each termtool runs N times (default 3), alternating, and the median run
is reported.

Each aligner runs once as its own process under `/usr/bin/time -v` (installed with apt-get if
missing), so the figures include start-up and reading the files. galechurch runs through its CLI
in the benchmark virtualenv (see align_eval.py); its whole input is one block, so it uses one thread,
and its default cap of 50M DP cells must be raised for a 20,000 x 20,000 table. Both outputs are
scored against the gold as in align_eval.py.
"""
import json, os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from align_eval import ROOT, VENV, doc_counts, ensure_venv, lines, prf, read_gold


def timed(cmd):
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"{cmd[0]} failed:\n{p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    sec = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", p.stderr).group(1)) for k in ("User", "System"))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return sec, cpu, rss / 1024


def termtool_row(name, binary, base, gold):
    out = f"{tempfile.mkdtemp()}/termtool.json"
    t = timed([binary, "align", base + ".en", base + ".ru", "--segments", "lines", "--format", "json", "-o", out])
    hyp = [(b["en"], b["ru"]) for b in json.load(open(out))["beads"]]
    return (name, *t, prf(doc_counts(gold, hyp)))


def median_row(rows):
    rows = sorted(rows, key=lambda r: r[1])
    return rows[len(rows) // 2]


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--prev", help="an earlier termtool binary to time beside this one")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-galechurch", action="store_true")
    args = ap.parse_args()
    ensure_venv()
    if not os.path.exists("/usr/bin/time"):
        subprocess.run(["apt-get", "install", "-y", "-q", "time"], check=True)
    base = f"{ROOT}/bench-data/align/speed/speed20k"
    if not os.path.exists(base + ".gold"):
        sys.exit("no speed pair: run benches/align_data.py first")
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    gold = read_gold(base + ".gold")
    n_en, n_ru = len(lines(base + ".en")), len(lines(base + ".ru"))
    tmp = tempfile.mkdtemp()
    rows = []

    binaries = [("termtool", f"{ROOT}/target/release/termtool")]
    if args.prev:
        binaries.append(("termtool (previous)", args.prev))
    runs = {name: [] for name, _ in binaries}
    for _ in range(args.runs):
        for name, b in binaries:
            runs[name].append(termtool_row(name, b, base, gold))
    rows.extend(median_row(runs[name]) for name, _ in binaries)
    if args.no_galechurch:
        report(rows, n_en, n_ru, gold)
        return

    for d in ("src", "trg", "out"):
        os.makedirs(f"{tmp}/{d}")
    os.symlink(base + ".en", f"{tmp}/src/speed20k")
    os.symlink(base + ".ru", f"{tmp}/trg/speed20k")
    t = timed([f"{VENV}/bin/galechurch", "-src", f"{tmp}/src", "-trg", f"{tmp}/trg", "-out", f"{tmp}/out",
                     "--max-block-size", str((n_en + 1) * (n_ru + 1))])
    hyp = read_gold(f"{tmp}/out/speed20k")
    rows.append(("galechurch", *t, prf(doc_counts(gold, hyp))))
    shutil.rmtree(tmp)

    report(rows, n_en, n_ru, gold)


def report(rows, n_en, n_ru, gold):
    print(f"\n### Speed: {n_en} EN x {n_ru} RU lines, {len(gold)} gold beads, one process each\n")
    print("| aligner | wall s | CPU s | peak RSS MB | strict F1 | lax F1 |")
    print("|---|--:|--:|--:|--:|--:|")
    for name, sec, cpu, mb, f in rows:
        print(f"| {name} | {sec:.2f} | {cpu:.2f} | {mb:.0f} | {f[2]:.3f} | {f[5]:.3f} |")
    (_, s1, c1, m1, _) = rows[0]
    for name, s2, c2, m2, _ in rows[1:]:
        print(f"| {name} / termtool | {s2 / s1:.2f}x | {c2 / c1:.2f}x | {m2 / m1:.2f}x | | |")
    print("\nwall s is sensitive to other load on the machine (check `uptime`); CPU s = user + system.")


if __name__ == "__main__":
    main()
