"""Event cues, weapons, targets and figures found sentence by sentence.

This module knows nothing about places: it turns one sentence into a
:class:`SentenceEvent` (what happened, with what, to what, how many, when), every value
with its character offsets in the document. :mod:`geoinc.extraction.pipeline` then ties
each value to the incident location nearest to it in the sentence.

Event types follow ACLED: ``event_type`` "Explosions/Remote violence" with sub-event
types "Air/drone strike" (drones, aircraft, glide bombs) and
"Shelling/artillery/missile attack" (missiles, rockets, artillery, cluster munitions).

All functions are pure; the regular expressions are compiled once at import (cheap).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from geoinc import lang as _lang
from geoinc.extraction.casualties import casualty_figures
from geoinc.extraction.dates import DateExpr, may_contain_date, resolve_dates
from geoinc.extraction.lexicon import Lexicon, caseless, compile_caseless, compile_fast, fold
from geoinc.extraction.numbers import (
    ENUMERATION_PATTERN,
    QUANTITY_PATTERN,
    Quantity,
    parse_quantity,
)
from geoinc.quantities import clock_time_spans
from geoinc.taxonomy import (  # re-exported: the taxonomy sits below extraction
    EVENT_TYPE,
    SUB_AIR,
    SUB_SHELLING,
    classify_weapons,
    weapon_kinds,
)
from geoinc.text import split_sentences  # re-exported: the text layer sits below extraction

__all__ = [
    "Span",
    "Figure",
    "SentenceEvent",
    "EVENT_TYPE",
    "SUB_AIR",
    "SUB_SHELLING",
    "split_sentences",
    "find_figures",
    "find_weapons",
    "find_targets",
    "find_cues",
    "analyse_sentence",
    "analyse_text",
    "classify_weapons",
]

FIGURE_FIELDS = ("killed", "injured", "drones_launched", "drones_shot_down")


def _alt(name: str) -> str:
    """The regex alternatives of ``geoinc/lang/en/NAME.txt`` as one group, file order."""
    return "(?:" + "|".join(_lang.phrases("en", name)) + ")"


@dataclass(frozen=True, slots=True)
class Span:
    """A value found in text: canonical ``value``, the words and document offsets."""

    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Figure:
    """A stated figure: ``field`` is one of killed, injured, drones_launched, drones_shot_down."""

    field: str
    quantity: Quantity
    start: int
    end: int
    update: bool = False  # a changed toll ("rose to 25"): its source's latest word
    # "four deaths": a count of deaths alone does not report an attack (an epidemic's toll
    # reads the same); it only adds to an attack the text reports
    nominal: bool = False
    of_wounded: bool = False  # killed among wounded counted before ("one of them died")


@dataclass(frozen=True, slots=True)
class SentenceEvent:
    """What one sentence says about an attack (document offsets throughout)."""

    start: int
    end: int
    text: str
    paragraph: int
    cues: tuple[Span, ...] = ()
    weapons: tuple[Span, ...] = ()
    targets: tuple[Span, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateExpr, ...] = ()
    is_title: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def is_event(self) -> bool:
        """True when the sentence reports an attack (a cue, a weapon or a figure other
        than a bare count of deaths)."""
        return bool(self.cues or self.weapons or any(not f.nominal for f in self.figures))


# --------------------------------------------------------------------------- lexicons
# Sentences come from geoinc.text (one splitter for every stage; split_sentences is
# re-exported here, where callers found it). The vocabulary is data
# (geoinc/lang/en/events_*); the patterns here are its grammar.
_WEAPONS = _lang.table("en", "events_weapons")  # canonical -> regex, specific first
WEAPON_LEXICON = Lexicon(list(_WEAPONS.items()))
# a weapon's kind decides the sub-event type (the taxonomy's table)
WEAPON_KIND = {c: weapon_kinds()[c] for c in _WEAPONS}

TARGET_LEXICON = Lexicon(list(_lang.table("en", "events_targets").items()))
# Named squares keep their name ("Freedom Square"); case-sensitive on purpose.
_SQUARE = re.compile(r"\b(?:[A-Z][a-z]+\s){1,2}Square\b")
_NEGATED = compile_fast(rf"\b{_alt('events_negations')}\s+(?:\w+\s+){{0,2}}$", re.I)

CUE_LEXICON = Lexicon(list(_lang.table("en", "events_cues").items()))

# --------------------------------------------------------------------------- figures

_DRONE_NOUN = _alt("events_drone_nouns")
_YEAR = re.compile(r"(?:19|20)\d\d")  # a year, not a figure
_DOWNED = _lang.table("en", "events_downed")  # verb -> "passive" when it also follows


@lru_cache(maxsize=2)
def _figure_patterns(folded: bool) -> dict[str, re.Pattern]:
    """The patterns of :func:`find_figures`, case-insensitive for the sentence as written
    or (``folded``) for its :func:`caseless` form.

    Left-hand contexts end at the number: found once per sentence and kept by their end
    (the whitespace run before a number ends where the number starts), not searched for
    again before every number (``fast``: a lookahead for the first characters skips most
    positions at once). The right-hand patterns are matched in place
    (``match(sentence, end)``, no ``^``): slicing the sentence at every number made a
    sentence of n numbers cost n * len(sentence)."""

    def rx(p, fast=False):
        if folded:
            return compile_caseless(p, re.I, fast=fast)
        return (compile_fast if fast else re.compile)(p, re.I)

    passive = "|".join(v for v, how in _DOWNED.items() if how == "passive")
    return {
        "numx": rx(rf"\b(?:{ENUMERATION_PATTERN}|{QUANTITY_PATTERN})\b", fast=True),
        "left_subset": rx(rf"\b{_alt('events_subset')}\s+", fast=True),
        "left_downed": rx(rf"\b(?:{'|'.join(_DOWNED)})\s+(?:all\s+)?", fast=True),
        "right_drones": rx(
            rf"\s+(?:of\s+(?:those|the|them|these)\s+)?(?:[\w'’-]+\s+){{0,3}}?{_DRONE_NOUN}\b"
        ),
        "right_of_n": rx(r"\s+of\s"),
        "right_downed": rx(
            rf"\s+(?:[\w'’-]+\s+){{0,3}}?{_DRONE_NOUN}\s+(?:were|was|had been|have been)\s+"
            rf"(?:{passive})"
        ),
    }


def find_figures(sentence: str, offset: int = 0, lang: str = "en") -> list[Figure]:
    """Find casualty and drone figures in one sentence.

    Killed/injured figures are numbers next to a casualty verb ("15 people were killed",
    "killed at least 9", "injuring 17 others", "the death toll reached 12", "the
    bodies of a man and two women"). Numbers introduced by "including" are parts of a
    larger figure and are skipped. Drone figures: "shot down 17 of 26 drones" gives 17
    shot down and 26 launched; "some 50 drones" gives about 50 launched.

    Parameters
    ----------
    sentence : str
    offset : int
        Added to the offsets (the sentence's start in the document).

    Examples
    --------
    >>> [(f.field, f.quantity.text) for f in find_figures(
    ...     "At least 15 residents were killed and dozens more injured on Tuesday")]
    [('killed', 'At least 15'), ('injured', 'dozens')]
    >>> [(f.field, f.quantity.value) for f in find_figures("destroyed 17 of 26 Shahed drones")]
    [('drones_shot_down', 17), ('drones_launched', 26)]
    """
    out: list[Figure] = [
        Figure(c.field, c.quantity, c.start, c.end, c.update, c.nominal, c.of_wounded)
        for c in casualty_figures(sentence, offset, lang)
    ]
    taken = _Taken((f.start - offset, f.end - offset) for f in out)
    low = caseless(sentence)
    rx = _figure_patterns(low is not None)
    low = sentence if low is None else low  # what the patterns read; words from sentence
    subset_ends = {m.end() for m in rx["left_subset"].finditer(low)}
    downed_ends = {m.end() for m in rx["left_downed"].finditer(low)}
    right_drones, right_downed = rx["right_drones"], rx["right_downed"]
    clocks = clock_time_spans(sentence)  # "At 02:15 a drone hit": 15 is no drone count
    for m in rx["numx"].finditer(low):
        text = sentence[m.start() : m.end()].strip()
        if not text or _YEAR.fullmatch(text):
            continue
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        e = m.end()
        if s in subset_ends or taken.overlaps(s, e) or any(a < e and s < b for a, b in clocks):
            continue
        # the context first, the number only then: most numbers of a long list have none
        fld = None
        # drones first: "21 of 49 drones" must not become casualties
        if s in downed_ends and (right_drones.match(low, e) or rx["right_of_n"].match(low, e)):
            fld = "drones_shot_down"
        elif right_downed.match(low, e):
            fld = "drones_shot_down"
        elif right_drones.match(low, e):
            fld = "drones_launched"
        q = parse_quantity(text) if fld else None
        if q is None or (fld == "drones_launched" and q.qualifier == "vague"):
            continue
        out.append(Figure(fld, q, offset + s, offset + e))
    return sorted(out, key=lambda f: f.start)


class _Taken:
    """Spans already given a figure; "does [s, e) overlap one?" in O(log n).

    A span overlaps [s, e) when it starts before e and ends after s: with the spans
    sorted by start, the largest end among those starting before e answers it.
    """

    def __init__(self, spans) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_end = []
        top = -1
        for _, b in spans:
            top = max(top, b)
            self.max_end.append(top)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self.starts, e)
        return k > 0 and self.max_end[k - 1] > s


def find_weapons(sentence: str, offset: int = 0) -> list[Span]:
    """Find weapons; specific names win over generic words covering the same text.

    Examples
    --------
    >>> [w.value for w in find_weapons("Iranian-made Shahed drones and Czech-made Vampire rockets")]
    ['Shahed drones', 'Vampire rockets']
    """
    return WEAPON_LEXICON.find(sentence, offset)


def find_targets(sentence: str, offset: int = 0) -> list[Span]:
    """Find what was hit; negated mentions ("not military facilities") are skipped.

    Examples
    --------
    >>> [t.value for t in find_targets("They were not military facilities, only cafes and a hotel")]
    ['cafes', 'hotel']
    >>> [t.value for t in find_targets("rockets hit the city's Freedom Square")]
    ['Freedom Square']
    """
    return _targets(sentence, offset, TARGET_LEXICON.find(sentence, offset))


def _targets(sentence: str, offset: int, spans: list[Span]) -> list[Span]:
    """Add named squares and drop negated targets (``spans`` from the lexicon)."""
    if "Square" in sentence:
        taken = [(s.start - offset, s.end - offset) for s in spans]
        for m in _SQUARE.finditer(sentence):
            if not any(m.start() < b and a < m.end() for a, b in taken):
                spans.append(Span(m.group(0), m.group(0), offset + m.start(), offset + m.end()))
    return sorted(
        (
            s
            for s in spans
            if not _NEGATED.search(sentence[max(0, s.start - offset - 40) : s.start - offset])
        ),
        key=lambda x: x.start,
    )


def find_cues(sentence: str, offset: int = 0) -> list[Span]:
    """Find words that say an attack happened ("strike", "hit", "shelling", "targeted").

    Examples
    --------
    >>> [c.text for c in find_cues("Drones targeted the city and struck a hotel")]
    ['targeted', 'struck']
    """
    return CUE_LEXICON.find(sentence, offset)


def analyse_sentence(
    text: str,
    start: int,
    end: int,
    published: date | None,
    *,
    paragraph: int = 0,
    is_title: bool = False,
) -> SentenceEvent:
    """Analyse the sentence ``text[start:end]``; offsets in the result are document offsets.

    Examples
    --------
    >>> doc = "Title\\nAt least 21 people were killed in rocket strikes on Friday."
    >>> ev = analyse_sentence(doc, 6, len(doc), date(2024, 1, 7))
    >>> ev.figures[0].quantity.value, ev.weapons[0].value, str(ev.dates[0].date_start)
    (21, 'rockets', '2024-01-05')
    """
    s = text[start:end]
    dates = tuple(
        DateExpr(
            d.start + start, d.end + start, d.text, d.date_start, d.date_end, d.precision, d.kind
        )
        for d in (resolve_dates(s, published) if may_contain_date(s) else ())
    )
    return SentenceEvent(
        start=start,
        end=end,
        text=s,
        paragraph=paragraph,
        cues=tuple(find_cues(s, start)),
        weapons=tuple(find_weapons(s, start)),
        targets=tuple(find_targets(s, start)),
        figures=tuple(find_figures(s, start)),
        dates=dates,
        is_title=is_title,
    )


def analyse_text(
    text: str,
    published: date | None,
    lang: str = "en",
    *,
    sentences: list[tuple[int, int, int]] | None = None,
    year_from: date | None = None,
) -> list[SentenceEvent]:
    """Analyse each sentence of ``text``.

    The first line counts as a title when it has no sentence-final punctuation and is
    followed by more text: titles summarise the story and are not used as evidence.
    Sentences with no attack word, weapon or figure come back with only their offsets
    (their dates and targets are not looked for: nothing downstream uses them).

    ``sentences``: the text's ``(start, end, paragraph)`` spans when they are known
    already (the ``"sentences"`` annotation of a :class:`geoinc.doc.Doc`); split with
    :func:`geoinc.text.split_sentences` otherwise. Ukrainian and Russian are analysed by
    :mod:`geoinc.extraction.slavic`, which splits with the same rules itself.
    ``year_from``: as in :func:`geoinc.extraction.dates.resolve_dates`.

    Examples
    --------
    >>> text = "Drones Hit Kharkiv\\n\\nDrones hit Kharkiv overnight."
    >>> evs = analyse_text(text, date(2023, 12, 31))
    >>> [(e.is_title, e.is_event) for e in evs]
    [(True, True), (False, True)]
    """
    if lang in ("uk", "ru"):  # Ukrainian and Russian grammar: geoinc.extraction.slavic
        from geoinc.extraction.slavic import analyse_text as _analyse

        return _analyse(text, published, lang)
    sents = split_sentences(text) if sentences is None else sentences
    if not sents:
        return []
    folded = fold(text)
    starts = [a for a, _, _ in sents]
    hits = _scan(folded, lang)
    weapons = spans_by_sentence(WEAPON_LEXICON.spans_at(text, folded, hits[0]), text, sents, starts)
    cues = spans_by_sentence(CUE_LEXICON.spans_at(text, folded, hits[1]), text, sents, starts)
    has_figure_word = [False] * len(sents)
    for end_idx in hits[2]:
        i = bisect_right(starts, end_idx) - 1
        if i >= 0:
            has_figure_word[i] = True
    _mark_casualty_words(has_figure_word, hits[3], sents, starts)
    out = []
    for i, (s, e, para) in enumerate(sents):
        sent = text[s:e]
        figures = ()
        if has_figure_word[i]:
            figures = tuple(find_figures(sent, s, lang))
        ev = SentenceEvent(
            start=s, end=e, text=sent, paragraph=para, is_title=_is_title(text, sents, i)
        )
        if cues[i] or weapons[i] or figures:
            ev = _attack_sentence(ev, cues[i], weapons[i], figures, published, year_from)
        # else not about an attack: nothing downstream reads its dates or targets
        out.append(ev)
    return out


def _mark_casualty_words(marks: list[bool], hits, sents: list, starts) -> None:
    """Mark the sentences that hold a casualty trigger (what
    :func:`may_contain_casualties` asks of one sentence) from the triggers found in the
    whole text (``(end index, length)``): asking sentence by sentence tried every trigger
    on every sentence."""
    for end_idx, size in hits:
        a = end_idx - size + 1
        i = bisect_right(starts, a) - 1
        while i >= 0 and sents[i][1] > a:
            if sents[i][1] > end_idx:  # the whole trigger lies inside sentence i
                marks[i] = True
            i -= 1


def _scan(folded: str, lang) -> tuple[list, list, list, list]:
    """One pass over the lower-cased text for the triggers of the weapon and cue
    lexicons, the figure hints and the casualty triggers (four passes cost four times
    one): their hits, in that order, as each reader takes them."""
    out: tuple[list, list, list, list] = ([], [], [], [])
    auto = _scanner(lang)
    for end_idx, entries in auto.iter(folded):
        for kind, value in entries:
            out[kind].append(end_idx if kind == 2 else (end_idx, value))
    return out


@lru_cache(maxsize=8)
def _scanner(lang):
    """The automaton of :func:`_scan`: trigger -> ``((kind, value), ...)``."""
    import ahocorasick

    entries: dict[str, list] = {}
    for kind, triggers in (
        (0, WEAPON_LEXICON.triggers.items()),
        (1, CUE_LEXICON.triggers.items()),
        (2, ((w, None) for w in _lang.phrases("en", "events_figure_hints"))),
        # the triggers the casualty grammar reads (casualties.may_contain_casualties)
        (3, ((t, len(t)) for t in _lang.data(lang, "casualties")["triggers"])),
    ):
        for t, value in triggers:
            entries.setdefault(t, []).append((kind, value))
    auto = ahocorasick.Automaton()
    for t, value in entries.items():
        auto.add_word(t, tuple(value))
    auto.make_automaton()
    return auto


def spans_by_sentence(
    spans, text: str, sents: list, starts: list[int] | None = None
) -> list[list[Span]]:
    """Lexicon matches ``(value, start, end)`` of the whole text, by sentence.

    ``sents`` are ``(start, end, ...)`` rows; ``starts`` their starts, when known.
    """
    if starts is None:
        starts = [row[0] for row in sents]
    out: list[list[Span]] = [[] for _ in sents]
    for value, a, b in spans:
        i = bisect_right(starts, a) - 1
        if i >= 0 and a < sents[i][1]:
            out[i].append(Span(value, text[a:b], a, b))
    return out


def _is_title(text: str, sents: list, i: int) -> bool:
    """The first line, without final punctuation, before more text."""
    if i != 0 or len(sents) <= 1:
        return False
    s, e, _ = sents[0]
    line_ends = "\n" in text[e : e + 3] + text[e:].lstrip(" ")[:1]
    return line_ends and not text[s:e].rstrip().endswith((".", "!", "?", '"', "”"))


def _attack_sentence(
    ev: SentenceEvent,
    cues: list,
    weapons: list,
    figures: tuple,
    published: date | None,
    year_from: date | None = None,
) -> SentenceEvent:
    """``ev`` with what an attack sentence says: cues, weapons, targets, figures, dates."""
    s, sent = ev.start, ev.text
    dates = ()
    if may_contain_date(sent):
        dates = tuple(
            DateExpr(d.start + s, d.end + s, d.text, d.date_start, d.date_end, d.precision, d.kind)
            for d in resolve_dates(sent, published, year_from=year_from)
        )
    return SentenceEvent(
        start=s,
        end=ev.end,
        text=sent,
        paragraph=ev.paragraph,
        cues=tuple(cues),
        weapons=tuple(weapons),
        targets=tuple(find_targets(sent, s)),
        figures=figures,
        dates=dates,
        is_title=ev.is_title,
    )
