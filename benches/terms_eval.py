#!/usr/bin/env python3
"""Term-extraction benchmark: each document imported alone, extracted, exported, scored.

    python3 benches/terms_docs.py                  # rebuild the documents from ../shared/data
    python3 benches/terms_eval.py [--bin target/release/termtool] [--split test|tune|all]
                                  [--json out.json] [--unjudged DIR]

For every document of docs/terms-gold/split.tsv that has a gold list in docs/terms-gold/lists/,
in a fresh workspace and an empty folder (no glossary/ nor curated decisions around it):

    termtool --db W import DOC.tsv
    termtool --db W extract --save
    termtool --db W export --format csv -o OUT.csv

the commands a user runs. Scores, per document and pooled over the chosen half:
- recall: share of gold entries held by one concept (its English, or an accepted alternative,
  among the concept's English terms, and its Russian likewise among the Russian terms; case,
  ё/е, hyphen/space and an English plural -s ignored; the Russian must be in the gold's form);
- P@30 strict / lenient: of the 30 most confident concepts, the share judged correct (strict) or
  correct or partly right (lenient). A concept that holds a gold entry is correct; the others
  take their verdict from docs/terms-gold/judged/<slug>.tsv (written by reading the document);
  concepts with no verdict are counted and listed (--unjudged DIR writes them for judging), and
  precision is given over the judged ones;
- dictionary form: share of the Russian preferred terms (all exported concepts) whose words up
  to the first noun are each read as nominative by pymorphy3 (an independent analyser), with
  adjectives agreeing with that noun in number.
"""
import argparse, csv, json, os, re, subprocess, sys, tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = os.path.join(ROOT, "docs", "terms-gold")
TOP = 30
FAMILIES = {"unpc": "un", "tico": "technical", "ntrex": "news", "flores": "news"}


def family(doc_id):
    """UN documents, technical text (TICO-19: COVID-19 medical and policy) or news."""
    return FAMILIES[doc_id.split(":")[0]]


def norm(s):
    s = s.lower().replace("ё", "е").replace("’", "'")
    return re.sub(r"[\s\-‐–—]+", " ", s).strip(" .,;")


def en_key(s):
    return " ".join(re.sub(r"(?<=[a-z]{3})(es|s)$", "", w) for w in norm(s).split())


def alts(main, alt):
    return [main] + [a.strip() for a in alt.split("|") if a.strip()]


def read_gold(path):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        ({en_key(x) for x in alts(r["en"], r.get("en_alt") or "")},
         {norm(x) for x in alts(r["ru"], r.get("ru_alt") or "")}, r)
        for r in rows if r.get("en") and r.get("ru")
    ]


def read_judged(slug):
    path = os.path.join(GOLD, "judged", slug + ".tsv")
    out = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                # a verdict holds for each of the judged concept's terms (its synonyms were
                # written joined by " | ")
                for en in r["en"].split(" | "):
                    for ru in r["ru"].split(" | "):
                        out.setdefault((norm(en), norm(ru)), r["verdict"].strip())
    return out


def concepts_of(csv_path):
    with open(csv_path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    split = lambda s: [x.strip() for x in re.split(r"(?<!\\) \| ", s) if x.strip()] if s else []
    out = []
    for r in rows:
        out.append({
            "en": [r["en"]] + split(r.get("en_synonyms", "")) if r["en"] else [],
            "ru": [r["ru"]] + split(r.get("ru_synonyms", "")) if r["ru"] else [],
            "confidence": float(r["confidence"] or 1),
            "id": r["id"],
        })
    out.sort(key=lambda c: (-c["confidence"], c["id"]))
    return out


_morph = None


def dictionary_form(term):
    """True when the words up to the first noun can all be read as nominative and the
    adjectives before it agree with it in number (pymorphy3)."""
    global _morph
    if _morph is None:
        import pymorphy3
        _morph = pymorphy3.MorphAnalyzer()
    words = [w for w in re.findall(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*", term)]
    adj_numbers = []
    for w in words:
        if w.isupper() and len(w) > 1:
            return True  # an acronym heads the term
        ps = _morph.parse(w)
        if any(p.tag.POS == "NOUN" for p in ps):
            nom = [p for p in ps if p.tag.POS == "NOUN" and p.tag.case == "nomn"]
            if not nom:
                return False
            nums = {p.tag.number for p in nom}
            return all(n & nums for n in adj_numbers)
        if any(p.tag.POS in ("ADJF", "PRTF") for p in ps):
            nom = {p.tag.number for p in ps if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "nomn"}
            if not nom:
                return False
            adj_numbers.append(nom)
    return True


def run_doc(binary, doc_tsv, work):
    db = os.path.join(work, "w.sqlite")
    out = os.path.join(work, "g.csv")
    for args in (["import", doc_tsv], ["extract", "--save"], ["export", "--format", "csv", "-o", out]):
        p = subprocess.run([binary, "--db", db] + args, cwd=work, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            sys.exit(f"terms_eval.py: {' '.join(args)} on {doc_tsv} failed: {p.stderr.strip()}")
    return concepts_of(out) if os.path.exists(out) else []


def score(concepts, gold, judged):
    sets = [({en_key(t) for t in c["en"]}, {norm(t) for t in c["ru"]}) for c in concepts]
    found = [any(ge & e and gr & r for e, r in sets) for ge, gr, _ in gold]
    top = concepts[:TOP]
    verdicts, unjudged = [], []
    for c, (e, r) in zip(top, sets[:TOP]):
        if any(ge & e and gr & r for ge, gr, _ in gold):
            verdicts.append("correct")
            continue
        v = None
        for en in c["en"]:
            for ru in c["ru"] or [""]:
                v = v or judged.get((norm(en), norm(ru)))
        if v:
            verdicts.append(v)
        else:
            unjudged.append(c)
    ru_pref = [c["ru"][0] for c in concepts if c["ru"]]
    dict_ok = sum(dictionary_form(t) for t in ru_pref)
    return {
        "gold": len(gold),
        "found": sum(found),
        "missed": [g[2]["en"] + " = " + g[2]["ru"] for g, f in zip(gold, found) if not f],
        "concepts": len(concepts),
        "top": len(top),
        "correct": verdicts.count("correct"),
        "partial": verdicts.count("partial"),
        "judged": len(verdicts),
        "unjudged": [(" | ".join(c["en"]), " | ".join(c["ru"])) for c in unjudged],
        "ru_terms": len(ru_pref),
        "ru_dictionary_form": dict_ok,
    }


def ratio(a, b):
    return f"{a / b:.2f}" if b else "–"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "termtool"))
    ap.add_argument("--split", default="test", choices=["test", "tune", "all"])
    ap.add_argument("--docs", default=os.path.join(ROOT, "target", "terms-eval", "docs"))
    ap.add_argument("--json")
    ap.add_argument("--unjudged", help="write each document's unjudged top entries here")
    ap.add_argument("--show-missed", action="store_true")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    with open(os.path.join(GOLD, "split.tsv"), encoding="utf-8") as f:
        docs = list(csv.DictReader(f, delimiter="\t"))
    results = {}
    for d in docs:
        if a.split != "all" and d["split"] != a.split:
            continue
        gold_path = os.path.join(GOLD, "lists", d["slug"] + ".tsv")
        if not os.path.exists(gold_path):
            print(f"terms_eval.py: {d['id']}: no gold list yet ({gold_path}); not scored", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as work:
            concepts = run_doc(binary, os.path.join(a.docs, d["slug"] + ".tsv"), work)
        r = score(concepts, read_gold(gold_path), read_judged(d["slug"]))
        r["family"], r["split"] = family(d["id"]), d["split"]
        results[d["id"]] = r
        if a.unjudged and r["unjudged"]:
            os.makedirs(a.unjudged, exist_ok=True)
            with open(os.path.join(a.unjudged, d["slug"] + ".tsv"), "w", encoding="utf-8") as f:
                f.write("en\tru\tverdict\n")
                for en, ru in r["unjudged"]:
                    f.write(f"{en}\t{ru}\t\n")
    print(f"{'document':42} {'split':5} {'recall':>13} {'P@30 strict':>12} {'lenient':>8} {'unjudged':>8} {'dict.form':>10}")
    pools = defaultdict(lambda: defaultdict(int))
    for doc_id, r in results.items():
        j = r["judged"]
        print(f"{doc_id:42} {r['split']:5} {r['found']:4}/{r['gold']:<4} {ratio(r['found'], r['gold']):>4} "
              f"{ratio(r['correct'], j):>12} {ratio(r['correct'] + r['partial'], j):>8} {len(r['unjudged']):>8} "
              f"{ratio(r['ru_dictionary_form'], r['ru_terms']):>10}")
        if a.show_missed:
            for m in r["missed"]:
                print("      missed:", m)
        for pool in (r["family"], "all"):
            for k in ("gold", "found", "correct", "partial", "judged", "ru_terms", "ru_dictionary_form"):
                pools[pool][k] += r[k]
            pools[pool]["unjudged"] += len(r["unjudged"])
    for pool in ("un", "technical", "news", "all"):
        p = pools[pool]
        if not p:
            continue
        print(f"{'pooled ' + pool:42} {a.split:5} {p['found']:4}/{p['gold']:<4} {ratio(p['found'], p['gold']):>4} "
              f"{ratio(p['correct'], p['judged']):>12} {ratio(p['correct'] + p['partial'], p['judged']):>8} "
              f"{p['unjudged']:>8} {ratio(p['ru_dictionary_form'], p['ru_terms']):>10}")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"documents": results, "pooled": pools}, f, ensure_ascii=False, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
