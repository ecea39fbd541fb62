#!/usr/bin/env python3
"""Do two termtool binaries give byte-identical answers? (issue 11: a refactoring must not
change what termtool says.)

Runs both binaries on the same inputs, each in its own scratch folder, and compares outputs
byte for byte: align (JSON, TSV, TMX; the seed and 2,000 lines of the UN dev set), extract
(from documents and from a workspace's memory), build (every file it writes), export (TBX,
TBX 2019, CSV, OmegaT TSV, TMX) and 2,000 lookups (JSON Lines through --stdin: terms and
sentences, English and Russian, some with typos or in other inflections).

    python3 benches/same_answers.py --before /work/termtool-before --after target/release/termtool

Exit code 0 when every output is identical; otherwise the differing outputs are named.
"""
import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UN = os.path.join(ROOT, "..", "shared", "data", "unpc-dev", "UNv1.0.devset")
SEED = os.path.join(ROOT, "seeds", "tashkent-conference-2022.en-ru.txt")
LOOKUPS = 2000
UN_LINES = 2000
MEMORY_PAIRS = 4000


def read_un(n):
    with open(UN + ".en", encoding="utf-8") as f:
        en = [l.rstrip("\n") for _, l in zip(range(n), f)]
    with open(UN + ".ru", encoding="utf-8") as f:
        ru = [l.rstrip("\n") for _, l in zip(range(n), f)]
    return en, ru


def queries(en, ru, n, seed=11):
    """Terms (2-4 word n-grams), whole sentences, and a typo or two, in both languages."""
    rnd = random.Random(seed)
    out = []
    while len(out) < n:
        side = rnd.choice([en, ru])
        words = rnd.choice(side).split()
        if not words:
            continue
        kind = rnd.random()
        if kind < 0.5:
            k = rnd.randint(2, 4)
            i = rnd.randint(0, max(0, len(words) - k))
            q = " ".join(words[i:i + k])
        elif kind < 0.8:
            q = " ".join(words[:30])
        else:
            k = rnd.randint(1, 3)
            i = rnd.randint(0, max(0, len(words) - k))
            q = " ".join(words[i:i + k])
            if len(q) > 4:
                j = rnd.randrange(1, len(q) - 1)
                q = q[:j] + q[j + 1:]
        q = q.strip(" .,;:()")
        if q:
            out.append(q)
    return out


def run(binary, args, cwd, stdin=None):
    env = dict(os.environ, TERMTOOL_DB=os.path.join(cwd, "ws.sqlite"), SOURCE_DATE_EPOCH="0")
    p = subprocess.run([binary] + args, cwd=cwd, input=stdin, capture_output=True, env=env)
    return p.returncode, p.stdout


def outputs(binary, work, tsv_memory, un_en, un_ru, qs):
    """Every output of `binary` by name: (exit code, sha256, bytes), the scratch
    folder's name replaced by <work> (outputs such as import's name the workspace)."""
    os.makedirs(work)
    res = {}

    def keep(name, code_out):
        code, out = code_out
        out = out.replace(work.encode(), b"<work>")
        res[name] = (code, hashlib.sha256(out).hexdigest(), len(out))

    for fmt in ["json", "tsv", "tmx"]:
        keep(f"align seed --format {fmt}", run(binary, ["align", SEED, "--format", fmt], work))
    if un_en:
        for name, lines in [("un.en", un_en), ("un.ru", un_ru)]:
            with open(os.path.join(work, name), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
        keep("align UN lines --json", run(binary, ["align", "un.en", "un.ru", "--segments", "lines", "--json"], work))
    seeds = sorted(os.path.join(ROOT, "seeds", f) for f in os.listdir(os.path.join(ROOT, "seeds")) if f.endswith(".txt"))
    keep("extract seeds --json", run(binary, ["extract", "--json"] + seeds, work))
    code, _ = run(binary, ["build", os.path.join(ROOT, "seeds"), "-o", "out"], work)
    res["build exit"] = (code, "", 0)
    for f in sorted(os.listdir(os.path.join(work, "out"))):
        with open(os.path.join(work, "out", f), "rb") as fh:
            keep(f"build {f}", (0, fh.read()))
    # a workspace: the UN memory (or the seed's aligned memory), its extraction saved
    memory = tsv_memory or os.path.join(work, "out", "memory.tmx")
    keep("import", run(binary, ["import", memory, "--json"], work))
    keep("extract memory --save --json", run(binary, ["extract", "--save", "--json"], work))
    for fmt in ["tbx", "tbx2019", "csv", "tsv", "tmx"]:
        keep(f"export {fmt}", run(binary, ["export", "--format", fmt], work))
    keep(f"{len(qs)} lookups", run(binary, ["lookup", "--stdin", "--json"], work, "\n".join(qs).encode()))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    a = ap.parse_args()
    have_un = os.path.exists(UN + ".en")
    if not have_un:
        print("same_answers: ../shared/data is missing: the seed alone is compared", file=sys.stderr)
    un_en, un_ru = read_un(max(UN_LINES, MEMORY_PAIRS)) if have_un else ([], [])
    tmp = tempfile.mkdtemp(prefix="same-answers-")
    try:
        tsv = None
        if have_un:
            tsv = os.path.join(tmp, "un-memory.tsv")
            with open(tsv, "w", encoding="utf-8") as f:
                for e, r in zip(un_en[:MEMORY_PAIRS], un_ru[:MEMORY_PAIRS]):
                    f.write(f"{e}\t{r}\n")
        seed_text = open(SEED, encoding="utf-8").read().split("\n")
        qs = queries(un_en or seed_text, un_ru or seed_text, LOOKUPS)
        before = outputs(os.path.abspath(a.before), os.path.join(tmp, "run-1"), tsv, un_en[:UN_LINES], un_ru[:UN_LINES], qs)
        after = outputs(os.path.abspath(a.after), os.path.join(tmp, "run-2"), tsv, un_en[:UN_LINES], un_ru[:UN_LINES], qs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    differ = 0
    for name in sorted(set(before) | set(after)):
        b, f = before.get(name), after.get(name)
        same = b == f
        differ += not same
        print(f"{'same  ' if same else 'DIFFER'} {name}: exit {b[0] if b else '-'} / {f[0] if f else '-'}, {b[2] if b else 0} / {f[2] if f else 0} bytes")
    print(f"{len(before)} outputs compared, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
