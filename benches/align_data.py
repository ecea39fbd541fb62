#!/usr/bin/env python3
"""Build EN–RU alignment test documents with a known gold alignment.

Sentence-parallel data (every line pair 1-1) is regrouped per document: neighbours are merged
into one line on one side (1-2, 2-1, 1-3, 3-1 beads), a few sentences lose their translation
(1-0, 0-1) and a few boilerplate lines appear on one side only (also 1-0 / 0-1). Output, under
OUT (default bench-data/align):

  <corpus>/<doc>.en  .ru   one unit per line, no blank lines
  <corpus>/<doc>.gold      gold beads in Vecalign's format, e.g. "[0, 1]:[0]", 0-based line indices
  tune.txt, heldout.txt    "<corpus>/<doc>" per line; ~40% / 60% by a hash of the id.
                           Never tune anything on heldout.
  long/un-long.*           all UN documents (short ones too), concatenated (~3,700 lines a side): a robustness
                           check on one long pair; it shares sentences with tune, so it is no
                           held-out figure
  speed/speed20k.*         20,000 English lines (~22,000 sentence pairs: WMT newstest 2012-18, then
                           Tatoeba) perturbed the same way, as one document, for timing

Corpora: unpc (UN dev set, documents from UNv1.0.devset.ids, sentences put back in document order
by their English paragraph:sentence position), ntrex (DOCUMENT_IDS.tsv), tico (tico19-test.en.info).
Documents with fewer than MIN_SENTS sentence pairs are left out. Deterministic: every document has
its own RNG seeded from SEED and its id.
"""
import argparse, hashlib, os, random
from collections import defaultdict

SEED = 20240611
MIN_SENTS = 3
TUNE_PERCENT = 40
SPEED_LINES = 20000
# bead shape (#en lines, #ru lines) -> probability per bead; the rest are 1-1
SHAPES = {(1, 2): 0.10, (2, 1): 0.10, (1, 3): 0.015, (3, 1): 0.015, (1, 0): 0.015, (0, 1): 0.015}
NOISE_P = 0.02  # after each bead, a boilerplate line on one side
NOISE_EN = ["Page {a} of {b}", "Distr.: General", "Share this article", "* * *", "Original: English",
            "https://www.example.org/news/{a}{b}/index.html", "Advance unedited version",
            "GE.15-{c}(E)", "Read more", "{a}/{b}"]
NOISE_RU = ["Страница {a} из {b}", "Distr.: General", "Поделиться", "* * *", "Оригинал: английский",
            "https://www.example.org/ru/{a}{b}", "Предварительный неотредактированный вариант",
            "GE.15-{c}(R)", "Читать далее", "{a}/{b}"]


def clean(s):
    return " ".join(s.replace("\r", " ").split())


def read_lines(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [clean(l) for l in f.read().replace("\r\n", "\n").split("\n")[:-1]]


def noise(rng, side):
    t = rng.choice(NOISE_EN if side == "en" else NOISE_RU)
    return t.format(a=rng.randint(1, 40), b=rng.randint(2, 60), c=rng.randint(10000, 99999))


def perturb(pairs, rng):
    """pairs: [(en, ru)] in document order -> (en_lines, ru_lines, gold beads)."""
    en, ru, gold = [], [], []
    i = 0
    while i < len(pairs):
        r, shape = rng.random(), (1, 1)
        for s, p in SHAPES.items():
            if r < p:
                shape = s
                break
            r -= p
        k = max(shape)  # sentence pairs consumed (1 for 1-0 / 0-1)
        if i + k > len(pairs):
            shape, k = (1, 1), 1
        group = pairs[i:i + k]
        i += k
        ne, nr = shape
        e_idx = list(range(len(en), len(en) + ne))
        r_idx = list(range(len(ru), len(ru) + nr))
        if ne == 1 and k > 1:
            en.append(" ".join(e for e, _ in group))
        elif ne:
            en.extend(e for e, _ in group)
        if nr == 1 and k > 1:
            ru.append(" ".join(r for _, r in group))
        elif nr:
            ru.extend(r for _, r in group)
        gold.append((e_idx, r_idx))
        if rng.random() < NOISE_P:
            side = rng.choice(["en", "ru"])
            if side == "en":
                gold.append(([len(en)], []))
                en.append(noise(rng, "en"))
            else:
                gold.append(([], [len(ru)]))
                ru.append(noise(rng, "ru"))
    return en, ru, gold


def write_doc(base, en, ru, gold):
    os.makedirs(os.path.dirname(base), exist_ok=True)
    for ext, lines in (("en", en), ("ru", ru), ("gold", [f"{e}:{r}" for e, r in gold])):
        with open(f"{base}.{ext}", "w", encoding="utf-8") as f:
            f.write("".join(l + "\n" for l in lines))


def load_corpora(data):
    """-> {corpus: {doc_id: [(en, ru)] in document order}}"""
    out = {}
    d = f"{data}/unpc-dev"
    en, ru = read_lines(f"{d}/UNv1.0.devset.en"), read_lines(f"{d}/UNv1.0.devset.ru")
    docs = defaultdict(list)
    for i, l in enumerate(read_lines(f"{d}/UNv1.0.devset.ids")):
        f = l.split()
        par, sent = next(x for x in f if x.startswith("en:")).split(":")[1:]
        docs[f[0]].append(((int(par), int(sent)), en[i], ru[i]))
    out["unpc"] = {k: [(e, r) for _, e, r in sorted(v)] for k, v in docs.items()}

    d = f"{data}/ntrex128"
    en, ru = read_lines(f"{d}/newstest2019-src.eng.txt"), read_lines(f"{d}/newstest2019-ref.rus.txt")
    docs = defaultdict(list)
    for i, doc in enumerate(read_lines(f"{d}/DOCUMENT_IDS.tsv")):
        docs[doc].append((en[i], ru[i]))
    out["ntrex"] = dict(docs)

    d = f"{data}/tico19"
    en, ru = read_lines(f"{d}/tico19-test.en"), read_lines(f"{d}/tico19-test.ru")
    docs = defaultdict(list)
    for i, l in enumerate(read_lines(f"{d}/tico19-test.en.info")):
        doc, n = l.split()[0].rsplit(":", 1)
        docs[doc].append((int(n), en[i], ru[i]))
    out["tico"] = {k: [(e, r) for _, e, r in sorted(v)] for k, v in docs.items()}
    return out


def doc_rng(key):
    return random.Random(int(hashlib.sha1(f"{SEED}:{key}".encode()).hexdigest(), 16))


def is_tune(key):
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 100 < TUNE_PERCENT


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../shared/data"))
    ap.add_argument("--out", default="bench-data/align")
    a = ap.parse_args()
    sets = {"tune": [], "heldout": []}
    long_en, long_ru, long_gold = [], [], []
    for corpus, docs in load_corpora(a.data).items():
        n = 0
        for doc_id in sorted(docs):
            pairs = [(e, r) for e, r in docs[doc_id] if e and r]
            key = f"{corpus}/{doc_id.replace('/', '_')}"
            en, ru, gold = perturb(pairs, doc_rng(key))
            if corpus == "unpc":  # the long pair takes every UN document, short ones too
                long_gold += [([i + len(long_en) for i in e], [j + len(long_ru) for j in r]) for e, r in gold]
                long_en += en
                long_ru += ru
            if len(pairs) < MIN_SENTS:
                continue
            write_doc(f"{a.out}/{key}", en, ru, gold)
            sets["tune" if is_tune(key) else "heldout"].append(key)
            n += 1
        print(f"{corpus}: {n} documents")
    for name, keys in sets.items():
        with open(f"{a.out}/{name}.txt", "w") as f:
            f.write("".join(k + "\n" for k in keys))
        print(f"{name}: {len(keys)} documents")
    write_doc(f"{a.out}/long/un-long", long_en, long_ru, long_gold)
    print(f"long: {len(long_en)} en / {len(long_ru)} ru lines, {len(long_gold)} beads")

    pairs = []
    wmt = f"{a.data}/wmt-newstest"
    files = [(f"{wmt}/newstest{y}.en-ru.en", f"{wmt}/newstest{y}.en-ru.ru") for y in range(2012, 2019)]
    files.append((f"{a.data}/tatoeba/tatoeba-test-v2021-08-07.eng-rus.eng",
                  f"{a.data}/tatoeba/tatoeba-test-v2021-08-07.eng-rus.rus"))
    for fe, fr in files:
        pairs += [(e, r) for e, r in zip(read_lines(fe), read_lines(fr)) if e and r]
    en, ru, gold = perturb(pairs, doc_rng("speed20k"))
    n = next(i for i, (e, r) in enumerate(gold) if e and e[-1] >= SPEED_LINES)  # cut at 20,000 EN lines
    gold = gold[:n]
    en = en[:max(i for e, _ in gold for i in e) + 1]
    ru = ru[:max(j for _, r in gold for j in r) + 1]
    write_doc(f"{a.out}/speed/speed20k", en, ru, gold)
    print(f"speed: {len(en)} en / {len(ru)} ru lines, {len(gold)} beads")


if __name__ == "__main__":
    main()
