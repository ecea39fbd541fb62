#!/usr/bin/env python3
"""Recall of `termtool extract --json` against a gold TSV (en, ru, kind).

    ./target/release/termtool extract seeds/*.txt --json > /tmp/seed.json
    python3 docs/terms-gold/score.py /tmp/seed.json [docs/terms-gold/tashkent.tsv]

A gold entry is found when one concept holds its English and its Russian term (any of the
concept's terms; case, ё/е and hyphen/space differences ignored). Partial matches (a truncated or
wrongly inflected term) are judged by hand: see docs/terms.md. Precision needs judging by hand
too (tashkent-judged.tsv, unpc-top100-judged.tsv).
"""
import json, re, sys
from collections import Counter

def norm(s):
    return re.sub(r"[\s\-‐–]+", " ", s.lower().replace("ё", "е")).strip()

def main():
    got = json.load(open(sys.argv[1]))["concepts"]
    gold_path = sys.argv[2] if len(sys.argv) > 2 else "docs/terms-gold/tashkent.tsv"
    gold = [l.rstrip("\n").split("\t") for l in open(gold_path, encoding="utf-8")][1:]
    sets = [({norm(t["text"]) for t in c["en"]}, {norm(t["text"]) for t in c["ru"]}) for c in got]
    found, missed = Counter(), []
    kinds = Counter(k for _, _, k in gold)
    for en, ru, kind in gold:
        if any(norm(en) in e and norm(ru) in r for e, r in sets):
            found[kind] += 1
        else:
            missed.append((en, ru, kind))
    n = sum(found.values())
    print(f"gold {len(gold)}  found {n}  recall {n / len(gold):.3f}  ({len(got)} concepts extracted)")
    for k in sorted(kinds):
        print(f"  {k:13} {found[k]:3}/{kinds[k]}")
    print("missed:")
    for en, ru, kind in missed:
        print(f"  {kind:13} {en} = {ru}")

if __name__ == "__main__":
    main()
