#!/usr/bin/env python3
"""Terminology-QA benchmark for `termtool check`, beside exact string matching (docs/check.md).

    python3 benches/check_eval.py [--bin target/ci/termtool] [--out bench-data/check]
                                  [--glossary-size 400] [--per-type 300] [--sample 60]

Data: the UN dev set and NTREX-128 from ../shared/data, cut into documents and split into tune and
heldout by benches/align_data.py's hash of the document id (the alignment benchmark's split).

1. Glossary: the tune documents' sentence pairs are imported into a fresh workspace in an empty
   folder (no glossary/ nor curated decisions around it) and `termtool extract --json` is run on
   them; the GLOSSARY_SIZE most confident concepts with an English and a Russian term become an
   OmegaT tab-separated glossary (glossary.utf8). No heldout text is seen.
2. Clean run: the heldout documents' gold sentence pairs, as the translators wrote them, are
   checked (`termtool check clean.tsv --glossary glossary.utf8 --json --fail-on never`), and so
   does the baseline below. Seeded random samples go to label-sample.tsv: termtool's missing-term
   findings, the baseline's findings termtool does not share, segments either flags for numbers,
   and the places where termtool is silent though the English has a term (all of those whose
   Russian has no equivalent by pymorphy3, a sample of the others: possible misses). The labels
   a person gave them are read from benches/check_labels.tsv (keyed by document:position:term)
   and turned into precision and miss estimates.
3. Injected errors, each in its own copy of a heldout segment whose English has a glossary term
   (regex, plural -s allowed) and whose Russian has that entry's preferred equivalent exactly once
   (pymorphy3 lemmas, independent of termtool) and on which the clean run has no missing-term
   finding for the entry or one overlapping it (Sudan / South Sudan: termtool reports the longest
   English term, and a flag for an overlapping entry counts as a flag for the entry). At most one
   copy per segment and MAX_PER_CONCEPT per entry per type:
     a  missing term: the equivalent replaced by a generic noun phrase ("эта страна", "данный
        орган", ...) in the equivalent's case and number (should be flagged);
     b  inflection, still correct: the equivalent put in another grammatical case with pymorphy3
        (its agreeing words too), nothing else changed (must not be flagged);
     c  deprecated term: a hand-written rejected variant (DEPRECATED below) is added to the entry as
        deprecated in a termtool CSV glossary (glossary-deprecated.csv) and put in place of the
        preferred term, inflected into its case (should be flagged: deprecated-term or
        missing-term both count);
     d  changed number: in a segment where neither tool flags numbers, one number of the Russian
        gets its last digit changed (should be flagged as numbers).
4. Baseline, exact string matching as Okapi CheckMate and most QA tools do it: an entry applies
   when one of its English terms stands in the source (case-insensitive, word boundaries) and is
   flagged when none of its Russian terms stands in the target as written in the glossary
   (case-insensitive); a deprecated term is flagged when its exact string is in the target;
   numbers: the digit strings of both sides (thousands separators removed) must be the same
   multiset.

Everything is seeded and sorted; rerunning gives the same files and figures. Output:
OUT/results.json and a Markdown summary on stdout.
"""
import argparse, csv, datetime, json, math, os, random, re, subprocess, sys
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
import align_data  # noqa: E402  (the alignment benchmark's documents and split)

SEED = 20261203
CORPORA = ("unpc", "ntrex")
MAX_PER_CONCEPT = 5
CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct"]
# generic noun phrases a translator might put for a term (a): inanimate heads only
GENERIC = ["эта страна", "данный орган", "указанная структура", "этот документ",
           "соответствующее учреждение", "данный механизм", "эта программа", "такой вопрос"]
# rejected variants (c), by the preferred Russian term (lower case) they stand for: what a
# translator plausibly writes instead and a terminologist would mark deprecated. Entries not in
# the extracted glossary are ignored.
DEPRECATED = {
    "российская федерация": "Россия",
    "соединенные штаты": "США",
    "соединенные штаты америки": "США",
    "генеральная ассамблея": "Генеральный совет",
    "совет безопасности": "Совет по безопасности",
    "экономический и социальный совет": "Экономический и социальный комитет",
    "постоянный представитель": "постоянный делегат",
    "постоянное представительство": "постоянная миссия",
    "специальный представитель": "особый представитель",
    "генеральный секретарь": "главный секретарь",
    "международное сотрудничество": "международная кооперация",
    "региональное сотрудничество": "региональная кооперация",
    "техническая помощь": "техническое содействие",
    "гендерное равенство": "равенство полов",
    "ядерное оружие": "атомное оружие",
    "уголовное правосудие": "уголовная юстиция",
    "вооруженный конфликт": "вооруженное столкновение",
    "итоговый документ": "заключительный документ",
    "меморандум о взаимопонимании": "меморандум о понимании",
    "территориальная целостность": "территориальная неприкосновенность",
    "председатель": "председательствующий",
    "международный уголовный суд": "международный криминальный суд",
    "африканский союз": "африканское объединение",
    "организация объединенных наций": "объединенные нации",
    "правительство": "кабинет",
    "государство-член": "страна-член",
    "государства-члены": "страны-члены",
    "права человека": "человеческие права",
    "гражданское общество": "общественность",
    "устойчивое развитие": "стабильное развитие",
    "изменение климата": "климатические изменения",
    "политические партии": "политические объединения",
    "международные организации": "международные структуры",
    "террористическая группа": "террористическая банда",
    "полевые миссии": "выездные миссии",
    "специальная сессия": "особая сессия",
    "официальный документ": "официальная бумага",
    "национальный парламент": "национальное собрание",
    "репродуктивное здоровье": "здоровье репродукции",
    "оперативный потенциал": "оперативные возможности",
    "полное осуществление": "полная реализация",
    "техническое сотрудничество": "техническая кооперация",
    "мировая война": "всемирная война",
    "двусторонний диалог": "двусторонние переговоры",
    "прошлая неделя": "минувшая неделя",
    "общая цель": "общая задача",
    "стратегические цели": "стратегические задачи",
    "потенциальные источники": "возможные источники",
    "премия": "награда",
    "лейбористская партия": "партия труда",
    "служба здравоохранения": "медицинская служба",
    "воздушный транспорт": "авиатранспорт",
    "конференция по разоружению": "конференция о разоружении",
    "верховный комиссар": "высокий комиссар",
    "мирный процесс": "процесс мира",
    "миротворческие операции": "миротворческие миссии",
    "операции по поддержанию мира": "миротворческие операции",
    "правительство судана": "суданское правительство",
    "правительство австралии": "австралийское правительство",
    "президент трамп": "президент Трамп-старший",
    "международное право": "международное законодательство",
    "национальный диалог": "общенациональный диалог",
    "гуманитарная помощь": "гуманитарное содействие",
    "продовольственная безопасность": "продуктовая безопасность",
    "полиция": "милиция",
    "министерство иностранных дел": "иностранное министерство",
    "европейский союз": "Евросоюз",
    "рабочая группа": "рабочая комиссия",
    "беженцы": "переселенцы",
    "международное сообщество": "мировое сообщество",
    "предварительная повестка": "предварительная программа",
    "система организации объединенных наций": "система ООН",
    "вооруженные силы": "войска",
    "план действий": "план мероприятий",
    "платформа действий": "программа действий",
    "специальный комитет": "особый комитет",
    "подготовительный комитет": "подготовительная комиссия",
    "частный сектор": "частный бизнес",
    "коренные народы": "аборигены",
    "консультативный комитет": "совещательный комитет",
    "соединенное королевство": "Великобритания",
    "премьер-министр": "премьер",
    "пленарное заседание": "пленарная сессия",
    "предупреждение преступности": "профилактика преступности",
    "вооруженные группы": "вооруженные формирования",
    "всемирная конференция": "мировая конференция",
    "сирийская арабская республика": "Сирия",
    "ближний восток": "Средний Восток",
    "космическое пространство": "внешнее пространство",
    "организация гражданского общества": "общественная организация",
    "региональные организации": "региональные структуры",
    "министерство": "ведомство",
}

WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+(?:[-‐][0-9A-Za-zА-Яа-яЁё]+)*")

_morph = None


def morph():
    global _morph
    if _morph is None:
        try:
            import pymorphy3
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pymorphy3",
                            "pymorphy3-dicts-ru"], check=True)
            import pymorphy3
        _morph = pymorphy3.MorphAnalyzer()
    return _morph


def low(s):
    return s.lower().replace("ё", "е")


_lemmas = {}


def lemmas(w):
    """The word's lemmas by pymorphy3 (any reading), and the word itself; lower case, ё as е."""
    k = low(w)
    if k not in _lemmas:
        _lemmas[k] = {low(p.normal_form) for p in morph().parse(k)} | {k}
    return _lemmas[k]


# ---------------------------------------------------------------------------------------- data

def split_pairs(data):
    """-> (tune, heldout): [(doc key, position in the document, en, ru)] in sorted document order."""
    corpora = align_data.load_corpora(data)
    tune, held = [], []
    for corpus in CORPORA:
        docs = corpora[corpus]
        for doc_id in sorted(docs):
            pairs = [(e, r) for e, r in docs[doc_id] if e and r]
            if len(pairs) < align_data.MIN_SENTS:
                continue
            key = f"{corpus}/{doc_id.replace('/', '_')}"
            (tune if align_data.is_tune(key) else held).extend(
                (key, i, e, r) for i, (e, r) in enumerate(pairs))
    return tune, held


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for en, ru in rows:
            f.write(f"{en.replace(chr(9), ' ')}\t{ru.replace(chr(9), ' ')}\n")


def run(binary, args, cwd):
    p = subprocess.run([binary] + args, cwd=cwd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"termtool {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p.stdout


# ------------------------------------------------------------------------------------ glossary

class Entry:
    def __init__(self, idx, en, ru, confidence):
        self.idx, self.en, self.ru, self.confidence = idx, en, ru, confidence
        self.deprecated = None
        self.en_re = [re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, t.split()))
                                 + r"(?:s|es|'s|’s)?(?![\w-])", re.I) for t in en]
        self.ru_lemmas = [[lemmas(w) for w in WORD.findall(t)] for t in ru]


def build_glossary(binary, work, tune, size):
    ws = os.path.join(work, "tune.sqlite")
    if os.path.exists(ws):
        os.remove(ws)
    write_tsv(os.path.join(work, "tune.tsv"), [(e, r) for _, _, e, r in tune])
    run(binary, ["--db", ws, "import", "tune.tsv"], work)
    concepts = json.loads(run(binary, ["--db", ws, "extract", "--json"], work))["concepts"]
    terms = lambda ts: [t["text"].strip() for t in ts if t.get("status") != "deprecated" and t["text"].strip()]
    cands = [c for c in concepts if terms(c["en"]) and terms(c["ru"])]
    cands.sort(key=lambda c: (-c["confidence"], c["id"]))
    entries, seen_en = [], set()
    for c in cands:
        en = [t for t in terms(c["en"]) if low(t) not in seen_en]
        if not en or len(entries) >= size:
            continue
        seen_en.update(low(t) for t in en)
        entries.append(Entry(len(entries), en, terms(c["ru"]), c["confidence"]))
    return entries, len(concepts)


def write_omegat(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Glossary in tab-separated format -*- coding: utf-8 -*-\n")
        for e in entries:
            f.write(f"{e.en[0]}\t{e.ru[0]}\tg{e.idx}\n")
            for t in e.en[1:]:
                f.write(f"{t}\t{e.ru[0]}\n")
            for t in e.ru[1:]:
                f.write(f"{e.en[0]}\t{t}\n")


def write_csv(path, entries):
    """termtool CSV: each entry with its deprecated variant, if any, last among the Russian terms."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "en", "ru", "en_synonyms", "ru_synonyms", "ru_status", "origin"])
        for e in entries:
            ru = e.ru + ([e.deprecated] if e.deprecated else [])
            status = ["preferred"] + ["admitted"] * (len(e.ru) - 1) + (["deprecated"] if e.deprecated else [])
            w.writerow([f"g{e.idx}", e.en[0], ru[0], " | ".join(e.en[1:]), " | ".join(ru[1:]),
                        " | ".join(status), "imported"])


# ------------------------------------------------------------------------------------ matching

def ru_tokens(text):
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def ru_occurrences(entry, toks, which=None):
    """Where the entry's Russian terms stand in the tokens, by lemmas: [(term index, first, last)]."""
    out = []
    for ti, tl in enumerate(entry.ru_lemmas):
        if which is not None and ti != which or not tl:
            continue
        for i in range(len(toks) - len(tl) + 1):
            if all(tl[k] & lemmas(toks[i + k][2]) for k in range(len(tl))):
                out.append((ti, i, i + len(tl) - 1))
    return out


def en_has(entry, en):
    return any(r.search(en) for r in entry.en_re)


def exact_in(term, text):
    return re.search(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", text, re.I) is not None


NUM = re.compile(r"\d+(?:[ ,.\u00a0\u202f]\d{3}(?!\d))*")


def digit_strings(text):
    return sorted(re.sub(r"[ ,.\u00a0\u202f](?=\d{3}$|\d{3}\D)", "", m.group()).lstrip("0") or "0"
                  for m in NUM.finditer(text))


def baseline(entries, en, ru, deprecated=False):
    """Exact string matching: {(kind, entry index)} flagged, kind 'missing' / 'deprecated' (the
    latter only with `deprecated`: the glossary with deprecated variants); and whether the
    numbers differ."""
    flags = set()
    for e in entries:
        if any(exact_in(t, en) for t in e.en) and not any(exact_in(t, ru) for t in e.ru):
            flags.add(("missing", e.idx))
        if deprecated and e.deprecated and exact_in(e.deprecated, ru):
            flags.add(("deprecated", e.idx))
    return flags, digit_strings(en) != digit_strings(ru)


# ---------------------------------------------------------------------------------- inflection

def shape(src, new):
    """`new` written in `src`'s case pattern (ABC, Abc, abc)."""
    if src.isupper() and len(src) > 1:
        return new.upper()
    if src[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def no_yo(form, original):
    """pymorphy3 writes ё; the texts mostly do not: keep ё only where the original had it."""
    return form if "ё" in original.lower() else form.replace("ё", "е").replace("Ё", "Е")


def agreeing(p):
    return p.tag.POS in ("ADJF", "PRTF", "NUMR")


def inflect_words(parses, head, case, number):
    """New forms of the head noun and the words agreeing with it before it, in `case` (and
    `number`); None for the words left as they are; None overall when one fails."""
    hp = parses[head]
    out = []
    for k, p in enumerate(parses):
        if k > head or not (agreeing(p) or k == head):
            out.append(None)
            continue
        g = {case}
        if number:
            g.add(number)
        if k != head and number == "sing" and hp.tag.gender:
            g.add(hp.tag.gender)
        if k != head and case == "accs" and hp.tag.animacy:
            g.add(hp.tag.animacy)
        q = p.inflect(g) or (p.inflect({case, number}) if number else None) or p.inflect({case})
        if q is None:
            return None
        out.append(q.word)
    return out


def occurrence_parses(entry, ti, toks, first, last):
    """The readings of an occurrence's words (by the term's lemmas) and its head noun's position
    (None when an acronym or a Latin word comes first: indeclinable). The head's reading is one
    the adjectives before it agree with (case, number, gender)."""
    tl = entry.ru_lemmas[ti]
    words = [toks[first + k][2] for k in range(last - first + 1)]
    opts = []
    for k, w in enumerate(words):
        ps = morph().parse(low(w))
        opts.append([p for p in ps if low(p.normal_form) in tl[k] & lemmas(w)] or ps[:1])
    head = None
    for k, w in enumerate(words):
        if w.isupper() and len(w) > 1 or not re.search("[А-Яа-яЁё]", w):
            break
        if any(p.tag.POS == "NOUN" for p in opts[k]):
            head = k
            break
    if head is None:
        return [o[0] for o in opts], None
    for hp in [p for p in opts[head] if p.tag.POS == "NOUN"]:
        chosen = []
        for k in range(head):
            agree = [p for p in opts[k] if agreeing(p) and p.tag.case == hp.tag.case
                     and p.tag.number == hp.tag.number
                     and (hp.tag.number != "sing" or p.tag.gender in (None, hp.tag.gender))]
            if any(agreeing(p) for p in opts[k]) and not agree:
                break
            chosen.append(agree[0] if agree else opts[k][0])
        else:
            return chosen + [hp] + [o[0] for o in opts[head + 1:]], head
    return [o[0] for o in opts], head


def replace_tokens(text, toks, first, forms):
    """Text with toks[first + k] replaced by forms[k] (None: kept)."""
    out = text
    for k in range(len(forms) - 1, -1, -1):
        if forms[k] is None:
            continue
        s, e, w = toks[first + k]
        out = out[:s] + shape(w, no_yo(forms[k], w)) + out[e:]
    return out


def phrase_in(phrase, case, number):
    """A noun phrase written in the nominative (adjectives, the head noun, then anything) put in
    a case and number, its words keeping their capitals."""
    words = phrase.split()
    parses = []
    for w in words:
        ps = morph().parse(w)
        nom = [p for p in ps if p.tag.case == "nomn" and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR")]
        parses.append((nom or ps)[0])
    head = next((k for k, p in enumerate(parses) if p.tag.POS == "NOUN"), None)
    if head is None or not case or (words[head].isupper() and len(words[head]) > 1):
        return phrase
    # a plurale tantum or a plural phrase keeps its number
    num = number if parses[head].tag.number == "sing" else parses[head].tag.number
    if parses[head].tag.number == "sing" and "Sgtm" in parses[head].tag:
        num = "sing"
    forms = inflect_words(parses, head, case, num)
    if forms is None:
        return phrase
    return " ".join(shape(w, no_yo(f, w)) if f else w for w, f in zip(words, forms))


def sentence_start(text, pos):
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:;«\"“(" or re.search(r"(^|\s)\d+\.$", before) is not None


def put_phrase(ru, toks, first, last, phrase):
    """`ru` with the occurrence toks[first..=last] replaced by `phrase` (capitalised at the start
    of a sentence)."""
    s, e = toks[first][0], toks[last][1]
    if sentence_start(ru, s):
        phrase = phrase[:1].upper() + phrase[1:]
    return ru[:s] + phrase + ru[e:]


# ----------------------------------------------------------------------------------- injection

def candidates(entries, held, clean_missing, related):
    """(segment index, entry index, term index, first token, last token) where an injection has a
    known ground truth: the English has the entry's term, the Russian its preferred equivalent
    once (and no other of its terms), and termtool flagged neither it nor a related entry."""
    out = []
    for si, (_, _, en, ru) in enumerate(held):
        toks = None
        for e in entries:
            if not en_has(e, en) or any((si, r) in clean_missing for r in related[e.idx]):
                continue
            toks = toks or ru_tokens(ru)
            occ = ru_occurrences(e, toks)
            if len(occ) == 1 and occ[0][0] == 0:
                out.append((si,) + (e.idx,) + occ[0])
    return out


def choose(cands, n, rng, ok):
    """Up to n candidates, one per segment, MAX_PER_CONCEPT per entry, in a seeded order."""
    cands = sorted(cands)
    rng.shuffle(cands)
    segs, per = set(), Counter()
    out = []
    for c in cands:
        if len(out) >= n:
            break
        if c[0] in segs or per[c[1]] >= MAX_PER_CONCEPT:
            continue
        made = ok(c)
        if made is None:
            continue
        segs.add(c[0])
        per[c[1]] += 1
        out.append((c, made))
    return sorted(out)


def change_number(ru, rng):
    nums = list(NUM.finditer(ru))
    if not nums:
        return None
    m = nums[rng.randrange(len(nums))]
    s = m.group()
    i = max(k for k, ch in enumerate(s) if ch.isdigit())
    d = (int(s[i]) + 1) % 10
    return ru[:m.start() + i] + str(d) + ru[m.start() + i + 1:], f"{s} → {s[:i]}{d}{s[i + 1:]}"


# ------------------------------------------------------------------------------------- scoring

def tt_check(binary, work, name, rows, glossary):
    path = os.path.join(work, f"{name}.tsv")
    write_tsv(path, rows)
    out = json.loads(run(binary, ["check", f"{name}.tsv", "--glossary", glossary, "--json",
                                  "--fail-on", "never"], work))
    if out["segments"] != len(rows):
        sys.exit(f"{name}: termtool read {out['segments']} segments of {len(rows)}")
    by_seg = defaultdict(list)
    for f in out["findings"]:
        by_seg[f["segment"]].append(f)
    return by_seg


def tt_entries(findings, entries, en_index, ru_index):
    """{(kind, entry index)} of termtool's term findings in one segment."""
    out = set()
    for f in findings:
        if f["kind"] == "missing-term":
            i = en_index.get(low(f.get("term", "")))
            out.add(("missing", i))
        elif f["kind"] == "deprecated-term":
            ex = [ru_index.get(low(x)) for x in f.get("expected", [])]
            out.add(("deprecated", next((i for i in ex if i is not None), None)))
    return out


def wilson(k, n, z=1.96):
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    d = 1 + z * z / n
    c = p + z * z / (2 * n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return ((c - h) / d, (c + h) / d)


def pct(k, n):
    return f"{100 * k / n:.1f}%" if n else "–"


def read_labels(path):
    labels = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row and not row[0].startswith("#") and len(row) >= 2:
                    labels[row[0]] = row[1]
    return labels


def related_entries(entries):
    """For each entry, itself and the entries one of whose English terms holds one of its own or
    stands inside one (Sudan / South Sudan): termtool reports the longest term standing in the
    English, so an error in "Судан" of "Южный Судан" is a finding for "South Sudan"."""
    def words(t):
        return low(t).split()

    def inside(a, b):
        return len(a) <= len(b) and any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))

    out = {}
    for e in entries:
        out[e.idx] = {f.idx for f in entries
                      if any(inside(words(x), words(y)) or inside(words(y), words(x))
                             for x in e.en for y in f.en)}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/ci/termtool"))
    ap.add_argument("--data", default=os.path.join(ROOT, "../shared/data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench-data/check"))
    ap.add_argument("--glossary-size", type=int, default=400)
    ap.add_argument("--cap", type=int, default=5000, help="at most this many heldout pairs")
    ap.add_argument("--per-type", type=int, default=300)
    ap.add_argument("--sample", type=int, default=60)
    ap.add_argument("--sample-baseline", type=int, default=40)
    ap.add_argument("--sample-numbers", type=int, default=30)
    ap.add_argument("--sample-silent", type=int, default=25)
    ap.add_argument("--labels", default=os.path.join(ROOT, "benches/check_labels.tsv"))
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    work = os.path.abspath(a.out)
    os.makedirs(work, exist_ok=True)
    for stale in ("glossary", "curated.csv"):
        if os.path.exists(os.path.join(work, stale)):
            sys.exit(f"{work}/{stale} exists: extraction would use it; remove it")

    tune, held = split_pairs(a.data)
    tune_docs = sorted({k for k, *_ in tune})
    held_docs = sorted({k for k, *_ in held})
    listed = os.path.join(ROOT, "bench-data/align/heldout.txt")
    if os.path.exists(listed):
        with open(listed) as f:
            want = sorted(l.strip() for l in f if l.split("/")[0] in CORPORA)
        if want != held_docs:
            sys.exit("the heldout documents differ from bench-data/align/heldout.txt")
    if len(held) > a.cap:
        held = sorted(random.Random(SEED).sample(held, a.cap), key=lambda x: (x[0], x[1]))

    entries, n_extracted = build_glossary(binary, work, tune, a.glossary_size)
    for e in entries:
        e.deprecated = DEPRECATED.get(low(e.ru[0]))
    gl_tsv = os.path.join(work, "glossary.utf8")
    gl_csv = os.path.join(work, "glossary-deprecated.csv")
    write_omegat(gl_tsv, entries)
    write_csv(gl_csv, entries)
    en_index = {low(t): e.idx for e in entries for t in e.en}
    ru_index = {low(t): e.idx for e in entries for t in e.ru}
    by_idx = {e.idx: e for e in entries}
    related = related_entries(entries)

    # ---- clean run: the translations as they are
    rows = [(en, ru) for _, _, en, ru in held]
    clean = tt_check(binary, work, "clean", rows, gl_tsv)
    clean_dep = tt_check(binary, work, "clean-deprecated", rows, gl_csv)
    tt_kinds = Counter(f["kind"] for fs in clean.values() for f in fs)
    tt_missing, unmapped = set(), 0  # (segment, entry)
    for si, fs in clean.items():
        for kind, ei in tt_entries(fs, entries, en_index, ru_index):
            if ei is None:
                unmapped += 1
            elif kind == "missing":
                tt_missing.add((si, ei))
    tt_num = {si for si, fs in clean.items() if any(f["kind"] == "numbers" for f in fs)}
    bl_missing, bl_num = set(), set()
    base_clean = []
    for si, (_, _, en, ru) in enumerate(held):
        fl, nd = baseline(entries, en, ru)
        base_clean.append((fl, nd))
        bl_missing |= {(si, ei) for k, ei in fl if k == "missing"}
        if nd:
            bl_num.add(si)
    dep_clean_tt = sum(1 for fs in clean_dep.values() for f in fs if f["kind"] == "deprecated-term")
    dep_clean_bl = sum(1 for si, (_, _, en, ru) in enumerate(held)
                       for e in entries if e.deprecated and exact_in(e.deprecated, ru))
    # an English term standing only inflected (plural) is not seen by termtool nor exact matching
    en_plural_only = sum(1 for _, _, en, _ in held for e in entries
                         if en_has(e, en) and not any(exact_in(t, en) for t in e.en))

    # where termtool is silent though the English has an entry's term (plural -s allowed): the
    # Russian equivalent found by pymorphy3 lemmas (mostly right) or not (a possible miss)
    silent_absent, silent_present = [], []
    for si, (_, _, en, ru) in enumerate(held):
        toks = None
        for e in entries:
            if not en_has(e, en) or any((si, r) in tt_missing for r in related[e.idx]):
                continue
            toks = toks or ru_tokens(ru)
            (silent_present if ru_occurrences(e, toks) else silent_absent).append((si, e.idx))
    # deprecated-term findings on the real translations: does the English name the entry at all?
    dep_ctx = Counter()
    for si, fs in clean_dep.items():
        for f in fs:
            if f["kind"] == "deprecated-term":
                ei = next((ru_index.get(low(x)) for x in f.get("expected", []) if low(x) in ru_index), None)
                dep_ctx["english has the entry" if ei is not None and en_has(by_idx[ei], held[si][2])
                        else "english does not"] += 1
    num_disagree = [{"key": f"{held[si][0]}:{held[si][1]}", "who": "termtool" if si in tt_num else "baseline",
                     "termtool": next((f["message"] for f in clean.get(si, []) if f["kind"] == "numbers"), ""),
                     "en": held[si][2][:300], "ru": held[si][3][:300]}
                    for si in sorted(tt_num ^ bl_num)]

    # ---- samples a person labels
    rng = random.Random(SEED)
    sample_tt = sorted(rng.sample(sorted(tt_missing), min(a.sample, len(tt_missing))))
    bl_only = sorted(bl_missing - tt_missing)
    sample_bl = sorted(rng.sample(bl_only, min(a.sample_baseline, len(bl_only))))
    num_any = sorted(tt_num | bl_num)
    sample_num = sorted(rng.sample(num_any, min(a.sample_numbers, len(num_any))))
    sample_silent = sorted(rng.sample(silent_present, min(a.sample_silent, len(silent_present))))
    labels = read_labels(a.labels)

    def key(si, ei=None):
        d, pos, *_ = held[si]
        return f"{d}:{pos}" + (f":{by_idx[ei].en[0]}" if ei is not None else ":numbers")

    with open(os.path.join(work, "label-sample.tsv"), "w", encoding="utf-8") as f:
        f.write("key\tset\tlabel\tterm\texpected\ten\tru\n")
        for name, sample in (("termtool", sample_tt), ("baseline-only", sample_bl),
                             ("silent-absent", silent_absent), ("silent-present", sample_silent)):
            for si, ei in sample:
                e = by_idx[ei]
                f.write("\t".join([key(si, ei), name, labels.get(key(si, ei), ""), " | ".join(e.en),
                                   " | ".join(e.ru), held[si][2], held[si][3]]) + "\n")
        for si in sample_num:
            msg = "; ".join(x["message"] for x in clean.get(si, []) if x["kind"] == "numbers")
            who = "+".join(w for w, s in (("termtool", tt_num), ("baseline", bl_num)) if si in s)
            f.write("\t".join([key(si), "numbers:" + who, labels.get(key(si), ""), msg,
                               " ".join(digit_strings(held[si][2])) + " / " + " ".join(digit_strings(held[si][3])),
                               held[si][2], held[si][3]]) + "\n")

    def label_counts(keys):
        return dict(sorted(Counter(labels.get(k, "unlabelled") for k in keys).items()))

    # ---- injections
    cands = candidates(entries, held, tt_missing, related)

    def occurrence(c):
        si, ei, ti, first, last = c
        ru = held[si][3]
        toks = ru_tokens(ru)
        parses, head = occurrence_parses(by_idx[ei], ti, toks, first, last)
        return ru, toks, parses, head

    rng_a = random.Random(SEED + 1)

    def make_a(c):
        si, ei, ti, first, last = c
        ru, toks, parses, head = occurrence(c)
        case, number = (parses[head].tag.case, parses[head].tag.number) if head is not None else ("nomn", "sing")
        np_ = phrase_in(GENERIC[rng_a.randrange(len(GENERIC))], case, number)
        return put_phrase(ru, toks, first, last, np_), f"{ru[toks[first][0]:toks[last][1]]} → {np_}"

    rng_b = random.Random(SEED + 2)

    def make_b(c):
        si, ei, ti, first, last = c
        ru, toks, parses, head = occurrence(c)
        if head is None or not all(p.is_known for k, p in enumerate(parses)
                                   if k <= head and (agreeing(p) or k == head)):
            return None
        cases = [x for x in CASES if x != parses[head].tag.case]
        rng_b.shuffle(cases)
        old = ru[toks[first][0]:toks[last][1]]
        for case in cases:
            forms = inflect_words(parses, head, case, parses[head].tag.number)
            if forms is None:
                continue
            new = replace_tokens(ru, toks, first, forms)
            if low(new) != low(ru):
                return new, f"{old} → {new[toks[first][0]:toks[last][1] + len(new) - len(ru)]} ({case})"
        return None

    def make_c(c):
        si, ei, ti, first, last = c
        e = by_idx[ei]
        if not e.deprecated:
            return None
        ru, toks, parses, head = occurrence(c)
        case, number = (parses[head].tag.case, parses[head].tag.number) if head is not None else ("nomn", "sing")
        v = phrase_in(e.deprecated, case, number)
        return put_phrase(ru, toks, first, last, v), f"{ru[toks[first][0]:toks[last][1]]} → {v}"

    rng_d = random.Random(SEED + 4)
    sets = {
        "a": choose(cands, a.per_type, random.Random(SEED + 11), make_a),
        "b": choose(cands, a.per_type, random.Random(SEED + 12), make_b),
        "c": choose(cands, a.per_type, random.Random(SEED + 13), make_c),
        # numbers: segments where neither tool flags numbers; the entry slot is the segment
        "d": choose([(si, -1 - si, 0, 0, 0) for si in range(len(held))
                     if si not in tt_num and si not in bl_num and NUM.search(held[si][3])],
                    a.per_type, random.Random(SEED + 14), lambda c: change_number(held[c[0]][3], rng_d)),
    }

    results = {}
    for t in "abcd":
        chosen = sets[t]
        rows = [(held[c[0]][2], made[0]) for c, made in chosen]
        with_dep = t == "c"
        found = tt_check(binary, work, f"inject-{t}", rows, gl_csv if with_dep else gl_tsv)
        r = {"n": len(chosen), "entries": len({c[1] for c, _ in chosen}) if t != "d" else None,
             "termtool": 0, "baseline": 0, "termtool_deprecated": 0, "baseline_deprecated": 0,
             "termtool_new_any": 0, "baseline_new_any": 0,
             "en_exact": {"n": 0, "termtool": 0, "baseline": 0},
             "en_inflected": {"n": 0, "termtool": 0, "baseline": 0},
             "by_case": {}, "termtool_wrong": [], "baseline_wrong": [], "examples": []}
        for j, (c, made) in enumerate(chosen):
            si, ei = c[0], c[1]
            en, ru_new = rows[j]
            fs = found.get(j, [])
            te = tt_entries(fs, entries, en_index, ru_index)
            bf, bnum = baseline(entries, en, ru_new, deprecated=with_dep)
            if t == "d":
                hit_tt, hit_bl = any(f["kind"] == "numbers" for f in fs), bnum
            else:
                rel = related[ei]
                hit_tt = any(ej in rel for _, ej in te)
                hit_bl = any(ej in rel for _, ej in bf)
                r["termtool_deprecated"] += ("deprecated", ei) in te
                r["baseline_deprecated"] += ("deprecated", ei) in bf
                part = r["en_exact" if any(exact_in(x, en) for x in by_idx[ei].en) else "en_inflected"]
                part["n"] += 1
                part["termtool"] += hit_tt
                part["baseline"] += hit_bl
            # anything the clean segment was not flagged for (consistency aside)
            before = Counter((f["kind"], f.get("term")) for f in clean.get(si, []) if f["kind"] != "inconsistent")
            after = Counter((f["kind"], f.get("term")) for f in fs if f["kind"] != "inconsistent")
            r["termtool_new_any"] += bool(after - before)
            bf0, bn0 = base_clean[si]
            r["baseline_new_any"] += bool(bf - bf0) or (bnum and not bn0)
            r["termtool"] += hit_tt
            r["baseline"] += hit_bl
            if t == "b":
                case = made[1].rsplit("(", 1)[1].rstrip(")")
                bc = r["by_case"].setdefault(case, {"n": 0, "termtool": 0, "baseline": 0})
                bc["n"] += 1
                bc["termtool"] += hit_tt
                bc["baseline"] += hit_bl
            k = key(si, ei) if t != "d" else key(si)
            item = {"key": k, "change": made[1], "en": en, "ru": ru_new,
                    "findings": [f["message"] for f in fs]}
            if hit_tt == (t == "b"):
                r["termtool_wrong"].append(item)
            if hit_bl == (t == "b"):
                r["baseline_wrong"].append({"key": k, "change": made[1]})
            if j < 10:
                r["examples"].append({"key": k, "change": made[1]})
        results[t] = r

    summary = {
        "date": datetime.date.today().isoformat(),
        "termtool": binary,
        "version": run(binary, ["--version"], work).strip(),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip(),
        "tune_documents": len(tune_docs), "tune_pairs": len(tune),
        "heldout_documents": len(held_docs), "heldout_pairs": len(held),
        "heldout_by_corpus": dict(Counter(k.split("/")[0] for k, *_ in held)),
        "extracted_concepts": n_extracted, "glossary_entries": len(entries),
        "glossary_deprecated": sum(1 for e in entries if e.deprecated),
        "clean": {
            "termtool_findings": dict(sorted(tt_kinds.items())),
            "termtool_missing_pairs": len(tt_missing),
            "termtool_missing_segments": len({s for s, _ in tt_missing}),
            "termtool_numbers_segments": len(tt_num),
            "termtool_unmapped": unmapped,
            "baseline_missing_pairs": len(bl_missing),
            "baseline_missing_segments": len({s for s, _ in bl_missing}),
            "baseline_numbers_segments": len(bl_num),
            "numbers_both": len(tt_num & bl_num),
            "both": len(tt_missing & bl_missing),
            "termtool_only": len(tt_missing - bl_missing),
            "termtool_only_list": [key(si, ei) for si, ei in sorted(tt_missing - bl_missing)],
            "baseline_only": len(bl_missing - tt_missing),
            "en_plural_only": en_plural_only,
            "deprecated_termtool": dep_clean_tt, "deprecated_baseline": dep_clean_bl,
            "sample_termtool": label_counts([key(*x) for x in sample_tt]),
            "sample_termtool_also_baseline": label_counts([key(*x) for x in sample_tt if x in bl_missing]),
            "sample_baseline_only": label_counts([key(*x) for x in sample_bl]),
            "silent": len(silent_absent) + len(silent_present),
            "silent_absent": len(silent_absent), "silent_present": len(silent_present),
            "sample_silent_absent": label_counts([key(*x) for x in silent_absent]),
            "sample_silent_present": label_counts([key(*x) for x in sample_silent]),
            "deprecated_context": dict(sorted(dep_ctx.items())),
            "numbers_disagree": num_disagree,
            "sample_numbers": {
                w: label_counts([key(si) for si in sample_num if si in s])
                for w, s in (("termtool", tt_num), ("baseline", bl_num))},
        },
        "candidates": len(cands),
        "injected": results,
    }
    summary["estimates"] = estimates(summary)
    with open(os.path.join(work, "results.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False, indent=1)
    report(summary)


def share(counts, good=("real",)):
    """(labelled items whose label starts with one of `good`, labelled items)."""
    n = sum(v for l, v in counts.items() if l != "unlabelled")
    return sum(v for l, v in counts.items() if l.startswith(good)), n


def estimates(s):
    """Precision and misses on the real translations, from the labelled samples."""
    c = s["clean"]
    out = {}
    k, n = share(c["sample_termtool"])
    if n:
        p = k / n
        out["termtool_precision"] = {"real": k, "labelled": n, "share": round(p, 3),
                                     "wilson95": [round(x, 3) for x in wilson(k, n)]}
        fa = Counter()
        for l, v in c["sample_termtool"].items():
            if l.startswith("fa-"):
                fa[l] += v
        out["termtool_false_alarms"] = dict(sorted(fa.items()))
        kb, nb = share(c["sample_termtool_also_baseline"])
        ko, no = share(c["sample_baseline_only"])
        if nb and no:
            real = c["both"] * kb / nb + c["baseline_only"] * ko / no
            out["baseline_precision"] = {"real_estimated": round(real, 1),
                                         "flags": c["baseline_missing_pairs"],
                                         "share": round(real / c["baseline_missing_pairs"], 3)}
        ka, na = share(c["sample_silent_absent"], ("miss",))
        kp, np_ = share(c["sample_silent_present"], ("miss",))
        if na and np_:
            miss = c["silent_absent"] * ka / na + c["silent_present"] * kp / np_
            real_tt = c["termtool_missing_pairs"] * p
            out["termtool_misses"] = {"estimated": round(miss, 1), "silent_absent_misses": ka,
                                      "silent_present_sample_misses": kp,
                                      "recall_estimated": round(real_tt / (real_tt + miss), 3) if real_tt + miss else None}
    for who in ("termtool", "baseline"):
        k, n = share(c["sample_numbers"][who])
        if n:
            out[f"{who}_numbers_precision"] = {"real": k, "labelled": n, "share": round(k / n, 3)}
    return out


def report(s):
    r, c = s["injected"], s["clean"]
    print(f"# termtool check vs exact string matching ({s['date']}, {s['version']}, {s['commit']})\n")
    print(f"glossary: {s['glossary_entries']} entries of {s['extracted_concepts']} extracted from "
          f"{s['tune_pairs']} tune pairs ({s['tune_documents']} documents); {s['glossary_deprecated']} "
          f"with a deprecated variant")
    print(f"heldout: {s['heldout_pairs']} pairs ({s['heldout_documents']} documents, "
          f"{s['heldout_by_corpus']}); {s['candidates']} (segment, entry) injection candidates\n")
    print("| injected error | copies (entries) | termtool flags | exact matching flags |")
    print("|---|---|---|---|")
    names = {"a": "(a) missing term", "b": "(b) other case, still correct",
             "c": "(c) deprecated term", "d": "(d) changed number"}
    for t in "abcd":
        x = r[t]
        ent = f" ({x['entries']})" if x["entries"] else ""
        print(f"| {names[t]} | {x['n']}{ent} | {x['termtool']} ({pct(x['termtool'], x['n'])}) | "
              f"{x['baseline']} ({pct(x['baseline'], x['n'])}) |")
    print(f"\n(c) as deprecated-term itself: termtool {r['c']['termtool_deprecated']}, "
          f"baseline {r['c']['baseline_deprecated']}")
    for t in "abc":
        print(f"({t}) English term as written: {r[t]['en_exact']}; only inflected: {r[t]['en_inflected']}")
    print("(b) by new case:", json.dumps(r["b"]["by_case"]))
    print("new findings of any kind: " + ", ".join(
        f"{t}: termtool {r[t]['termtool_new_any']}, baseline {r[t]['baseline_new_any']}" for t in "abcd"))
    tp_tt = r["a"]["termtool"] + r["c"]["termtool"]
    tp_bl = r["a"]["baseline"] + r["c"]["baseline"]
    print(f"controlled precision, term errors (a+c flagged against b flagged): termtool "
          f"{pct(tp_tt, tp_tt + r['b']['termtool'])}, baseline {pct(tp_bl, tp_bl + r['b']['baseline'])}")
    print(f"\nclean run: termtool {c['termtool_findings']}; missing-term on {c['termtool_missing_segments']} "
          f"segments ({c['termtool_missing_pairs']} entry flags); baseline {c['baseline_missing_pairs']} "
          f"entry flags on {c['baseline_missing_segments']} segments; both {c['both']}, termtool only "
          f"{c['termtool_only']}, baseline only {c['baseline_only']}; English term only inflected "
          f"(seen by neither): {c['en_plural_only']}")
    print(f"numbers: termtool {c['termtool_numbers_segments']} segments, baseline "
          f"{c['baseline_numbers_segments']}, both {c['numbers_both']}")
    print(f"deprecated variants in the real translations: termtool {c['deprecated_termtool']}, "
          f"baseline {c['deprecated_baseline']}")
    print(f"labelled: termtool sample {c['sample_termtool']} (of which also baseline: "
          f"{c['sample_termtool_also_baseline']}); baseline-only sample {c['sample_baseline_only']}; "
          f"numbers {c['sample_numbers']}")
    print(f"silent where the English has a term: {c['silent']} ({c['silent_absent']} with no Russian "
          f"equivalent by pymorphy3: {c['sample_silent_absent']}; sample of the others: {c['sample_silent_present']})")
    print(f"deprecated-term findings on the real translations: {c['deprecated_context']}")
    print(f"numbers, termtool and baseline disagree on {len(c['numbers_disagree'])} segments")
    print("estimates:", json.dumps(s["estimates"], ensure_ascii=False))


if __name__ == "__main__":
    main()
