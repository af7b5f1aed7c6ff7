"""Grammar shared by the Ukrainian and Russian claim patterns (:mod:`.kinds_slavic`).

Both languages decline names ("від Харкова", "в Харківській області"), so a name a pattern
captured reaches the gazetteer through its dictionary forms, given by the Slavic
geoparser's public :func:`geoinc.geoparsing.slavic.lemma_keys` (pymorphy3). Word groups come
from ``geoinc/lang/<code>/claims_*``: whole forms (units, hedges, settlement and region
nouns) or stems, where a word matches when it begins with the stem (compass words, country
adjectives, attributes, ordinals), so one entry covers every case ending.
"""

from __future__ import annotations

import re

from geoinc.claims._context import POPULATED, Ctx, Subject, gazetteer
from geoinc.claims._vocab import Vocab, alternation, stem_value

__all__ = [
    "WORD",
    "NAME",
    "LWORD",
    "words",
    "stems",
    "group",
    "number",
    "lemmas",
    "lookup",
    "place_of",
    "country_of",
    "subject_before",
]

_UP, _LOW = "А-ЯЁІЇЄҐ", "а-яёіїєґ"
#: A capitalised Cyrillic word ("Харкова", "Куп’янського", "РФ", "Оріхово-Василівка").
WORD = rf"[{_UP}][{_UP}{_LOW}’'ʼ\-]*(?![\w’'ʼ])"
#: A name of up to three capitalised words on one line ("Нова Каховка").
NAME = rf"{WORD}(?:[ \t]+{WORD}){{0,2}}"
#: A lower-case word.
LWORD = rf"[{_LOW}][{_LOW}’'ʼ\-]*"
_EDGE = r"(?<![\w’'ʼ])"


def words(items) -> str:
    """Whole words or phrases, any case: ``(?i:...)`` between word edges."""
    items = [i for i in items if i]
    if not items:
        return r"(?!x)x"
    return rf"{_EDGE}(?i:{alternation(items)})(?![\w’'ʼ])"


def stems(items) -> str:
    """Words beginning with one of ``items``; "південн сх" is two words ("південному сході")."""
    parts = []
    for item in sorted({i for i in items if i}, key=len, reverse=True):
        parts.append(r"\s+".join(re.escape(p) + r"[\w’'ʼ\-]*" for p in item.split()))
    return rf"{_EDGE}(?i:{'|'.join(parts)})" if parts else r"(?!x)x"


def group(v: Vocab, name: str) -> list:
    """A word group of the language's ``claims_grammar.json``."""
    return list(v.groups.get(name, ()))


def number(v: Vocab) -> str:
    """Digits ("30", "1,4", "250 000"), a vague amount ("кілька") or numerals in words
    ("семи", "двадцать пять")."""
    num = words(v.numerals)
    return (
        rf"(?:\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?!\d)|\d+(?:[.,]\d+)?|{words(v.vague)}"
        rf"|{num}(?:\s+{num})?)"
    )


def read_number(text: str, v: Vocab) -> tuple[float, float] | None:
    """(low, high) of a figure as written ("1,4" is 1.4; "250 000" is 250000)."""
    t = " ".join(text.lower().split())
    if t in v.vague:
        return v.vague[t]
    if t and all(w in v.numerals for w in t.split()):  # "двадцать пять": they add up
        n = float(sum(v.numerals[w] for w in t.split()))
        return n, n
    t = re.sub(r"[ \u00a0\u202f]", "", t).replace(",", ".")
    try:
        return float(t), float(t)
    except ValueError:
        return None


def morph_lang(v: Vocab) -> str:
    return str(v.groups.get("morphology", "uk"))


def lemmas(word: str, v: Vocab) -> tuple[str, ...]:
    """Dictionary forms of one word (normalised keys), then the word as written."""
    from geoinc.geoparsing.slavic import lemma_keys

    return lemma_keys(word, morph_lang(v))


def lookup(name: str, v: Vocab, kinds=POPULATED, country: str | None = None):
    """The gazetteer record a declined name stands for, trying the dictionary forms of its
    words (and shorter runs of them), or None."""
    ws = name.split()
    for n in range(len(ws), 0, -1):
        options = [lemmas(w, v)[:3] for w in ws[:n]]
        combos = [""]
        for opts in options:
            combos = [f"{c} {o}".strip() for c in combos for o in opts][:12]
        for key in combos:
            found = gazetteer().lookup(key, kind=list(kinds), country=country, limit=1, fuzzy=False)
            if found:
                return found[0]
    return None


def trim(ctx: Ctx, start: int, end: int) -> int:
    """``start`` moved past leading words that are never names ("У", "В" opening a
    sentence)."""
    for w in re.finditer(r"\S+", ctx.text[start:end]):
        if w.group(0).lower() not in ctx.voc.not_names:
            return start + w.start()
    return end


def is_unit(ctx: Ctx, mention) -> bool:
    """Whether a mention names a unit ("Богодуховском районе"), not a populated place,
    whatever place the geoparser resolved it to."""
    last = mention.text.split()[-1].lower() if mention.text.split() else ""
    return last in ctx.voc.region_levels


def place_of(ctx: Ctx, start: int, end: int, kinds=POPULATED, country: str | None = None):
    """The place a captured name refers to: the geoparser's mention there when it is of
    the right kind, else the name's dictionary forms looked up in the gazetteer (within
    ``country`` if given, then a close spelling there)."""
    start = trim(ctx, start, end)
    name = ctx.text[start:end]
    if not name:
        return Subject()
    if country is not None:
        found = lookup(name, ctx.voc, kinds, country) or _close(name, kinds, country)
        return Subject(found, name, (start, end), "claim")
    for m in ctx.places_in(ctx.sent_start, ctx.sent_end):
        if m.start < end and start < m.end and m.place.kind in kinds:
            return Subject(m.place, m.text, (m.start, m.end), "claim")
    return Subject(lookup(name, ctx.voc, kinds), name, (start, end), "claim")


#: A declined name reaches a record of its own country by a fuzzy match this close.
CLOSE_SCORE = 0.8


def _close(name: str, kinds, country: str):
    found = gazetteer().lookup(
        name, kind=list(kinds), country=country, limit=1, min_score=CLOSE_SCORE
    )
    return found[0] if found else None


def country_of(ctx: Ctx, start: int, end: int) -> str | None:
    """ISO2 of a country named by a word ("Росією", "РФ", "российской"), or None."""
    word = ctx.text[start:end]
    code = stem_value(word.lower(), ctx.voc.demonyms)
    if code:
        return code
    found = place_of(ctx, start, end, kinds=("country",)).place
    return found.country if found is not None else None


#: What stands between a place and the region after it that locates it: "Енергодара
#: Запорізької області", "Ізюм, Харківська область", "Тріполі у Лівані".
_LOCATING = re.compile(r"\s+|\s*,\s*|\s+(?:у|в|на)\s+")


def subject_before(
    ctx: Ctx, pos: int, *, kinds=POPULATED, exclude=None, lookback: bool = False
) -> Subject:
    """The place a claim at ``pos`` is about: the last place named before it in the
    sentence (not one that only locates the place before it, not the claim's own object);
    with none and ``lookback``, or when the sentence opens with an anaphor ("тут",
    "місто"), the nearest place in the sentences before."""
    cands = [
        m
        for m in ctx.places_in(ctx.sent_start, pos)
        if m.place.kind in (*kinds, "admin1")
        and not (is_unit(ctx, m) and not (m.place.kind == "admin1" and "admin1" in kinds))
        and not any(a <= m.start and m.end <= b for a, b in ctx.taken)
        and not (exclude is not None and m.place.geonameid == exclude.geonameid)
    ]
    cands = [
        c
        for i, c in enumerate(cands)
        if not (
            i
            and c.place.kind == "admin1"
            and cands[i - 1].place.kind in POPULATED
            and _LOCATING.fullmatch(ctx.text, cands[i - 1].end, c.start)
        )
    ]
    if cands:
        m = cands[-1]
        return Subject(m.place, m.text, (m.start, m.end), "sentence")
    head = ctx.text[ctx.sent_start : pos]
    anaphor = re.match(rf"\s*{words(group(ctx.voc, 'anaphors'))}", head)
    if lookback or anaphor:
        return _earlier(ctx, kinds, exclude)
    return Subject()


def _earlier(ctx: Ctx, kinds, exclude=None) -> Subject:
    """The nearest place of ``kinds`` in the sentences before (not a unit's mention)."""
    from geoinc.claims._context import SUBJECT_LOOKBACK

    earlier = [(s, e) for s, e in ctx.sentences if e <= ctx.sent_start]
    for s, e in reversed(earlier[-SUBJECT_LOOKBACK:]):
        found = [
            m
            for m in ctx.places_in(s, e)
            if m.place.kind in kinds
            and not (is_unit(ctx, m) and not (m.place.kind == "admin1" and "admin1" in kinds))
            and not (exclude is not None and m.place.geonameid == exclude.geonameid)
        ]
        if found:
            m = found[-1]
            return Subject(m.place, m.text, (m.start, m.end), "earlier sentence")
    return Subject()
