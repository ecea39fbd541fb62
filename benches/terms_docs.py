#!/usr/bin/env python3
"""The documents of the term-extraction benchmark, rebuilt from ../shared/data.

    python3 benches/terms_docs.py [--shared ../shared] [--out target/terms-eval/docs]

Writes, for each document id listed in DOCS, `<slug>.tsv` (English TAB Russian, one aligned
sentence pair a line, what `termtool import` takes) and `<slug>.txt` (the two sides, numbered,
for reading when a gold list is written). The split into tune and test is made once by a hash of
the id (`split()`), and recorded in docs/terms-gold/split.tsv.
"""
import argparse, gzip, hashlib, os, re, sys

# (id, source, selector). UN dev: a document family = symbol prefix; TICO-19: source URL;
# NTREX-128: document id; FLORES-200: article URL.
DOCS = [
    ("unpc:npt/conf_2015", "unpc", "2015/npt/conf_2015/"),
    ("unpc:cedaw/c", "unpc", "2015/cedaw/c/"),
    ("unpc:a/ac_109", "unpc", "2015/a/ac_109/"),
    ("unpc:e/cn_9", "unpc", "2015/e/cn_9/"),
    ("unpc:unep/chw_12", "unpc", "2015/unep/chw_12/"),
    ("unpc:a/conf_222", "unpc", "2015/a/conf_222/"),
    ("unpc:hsp/gc", "unpc", "2015/hsp/gc/"),
    ("unpc:isba/21", "unpc", "2015/isba/21/"),
    ("unpc:dp/2015", "unpc", "2015/dp/2015/"),
    ("unpc:e/cn_15", "unpc", "2015/e/cn_15/"),
    ("tico:Hand_washing", "tico", "https://en.wikipedia.org/wiki/Hand_washing"),
    ("tico:COVID-19_testing", "tico", "https://en.wikipedia.org/wiki/COVID-19_testing"),
    ("tico:COVID-19_vaccine", "tico", "https://en.wikipedia.org/wiki/COVID-19_vaccine"),
    ("tico:Lightening_the_load", "tico", "https://en.wikisource.org/wiki/Covid-19:_Lightening_the_load_and_preparing_for_the_future"),
    ("tico:Workplace_hazard_controls", "tico", "https://en.wikipedia.org/wiki/Workplace_hazard_controls_for_COVID-19"),
    ("ntrex:reuters.218865", "ntrex", "reuters.218865"),
    ("ntrex:guardian.221679", "ntrex", "guardian.221679"),
    ("ntrex:bbc.381746", "ntrex", "bbc.381746"),
    ("ntrex:euronews-en.153826", "ntrex", "euronews-en.153826"),
    ("ntrex:scotsman.133744", "ntrex", "scotsman.133744"),
    ("ntrex:dailymail.co.uk.298696", "ntrex", "dailymail.co.uk.298696"),
    ("ntrex:independent.226317", "ntrex", "independent.226317"),
    ("ntrex:nytimes.184822", "ntrex", "nytimes.184822"),
    ("flores:Yellowstone_National_Park", "flores", "https://en.wikivoyage.org/wiki/Yellowstone_National_Park"),
    ("flores:Scientists_find_dinosaur_feathers", "flores", "https://en.wikinews.org/wiki/Scientists_find_dinosaur_feathers_preserved_in_amber"),
]


def split(doc_id):
    """'tune' or 'test', from the first byte of SHA-256 of the id (made once, never re-drawn)."""
    return "tune" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "test"


def slug(doc_id):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)


def lines(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [l.rstrip("\r\n") for l in f]


def pairs_of(shared, source, sel):
    d = os.path.join(shared, "data")
    if source == "unpc":
        ids = [l.split(" ")[0] for l in lines(f"{d}/unpc-dev/UNv1.0.devset.ids")]
        en, ru = lines(f"{d}/unpc-dev/UNv1.0.devset.en"), lines(f"{d}/unpc-dev/UNv1.0.devset.ru")
        keep = [i for i, x in enumerate(ids) if x.startswith(sel)]
    elif source == "tico":
        info = [l.split("\t")[1] for l in lines(f"{d}/tico19/tico19-test.en.info")]
        en, ru = lines(f"{d}/tico19/tico19-test.en"), lines(f"{d}/tico19/tico19-test.ru")
        keep = [i for i, x in enumerate(info) if x == sel]
    elif source == "ntrex":
        ids = [l.split("\t")[0] for l in lines(f"{d}/ntrex128/DOCUMENT_IDS.tsv")]
        en = lines(f"{d}/ntrex128/newstest2019-src.eng.txt")
        ru = lines(f"{d}/ntrex128/newstest2019-ref.rus.txt")
        keep = [i for i, x in enumerate(ids) if x == sel]
    else:
        meta = [l.split("\t")[0] for l in lines(f"{d}/flores200/flores200.metadata_devtest.tsv")][1:]
        en = lines(f"{d}/flores200/flores200.devtest.eng_Latn")
        ru = lines(f"{d}/flores200/flores200.devtest.rus_Cyrl")
        keep = [i for i, x in enumerate(meta) if x == sel]
    return [(en[i].strip(), ru[i].strip()) for i in keep if en[i].strip() and ru[i].strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", default="target/terms-eval/docs")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for doc_id, source, sel in DOCS:
        ps = pairs_of(a.shared, source, sel)
        if not ps:
            sys.exit(f"terms_docs.py: {doc_id}: no sentences found in {a.shared}/data")
        s = slug(doc_id)
        with open(f"{a.out}/{s}.tsv", "w", encoding="utf-8") as f:
            f.write("en\tru\n")
            for e, r in ps:
                f.write(e.replace("\t", " ") + "\t" + r.replace("\t", " ") + "\n")
        with open(f"{a.out}/{s}.txt", "w", encoding="utf-8") as f:
            f.write(f"# {doc_id} ({len(ps)} sentence pairs)\n")
            for i, (e, r) in enumerate(ps, 1):
                f.write(f"\n[{i}] EN: {e}\n[{i}] RU: {r}\n")
        print(f"{split(doc_id)}\t{doc_id}\t{s}\t{len(ps)}")


if __name__ == "__main__":
    main()
