"""Events, figures and dates in Ukrainian and Russian sentences.

The same job as :mod:`geoinc.extraction.events` (and the same :class:`SentenceEvent`,
:class:`Figure` and :class:`Span` objects, so the pipeline does not care about the
language), with the grammar of the two languages and their vocabulary read from
``geoinc/lang/uk/events_*`` and ``geoinc/lang/ru/events_*``:

* **Casualty figures** are people phrases next to a casualty word, on either side:
  "загинули двоє людей", "ще 15 поранено", "Один чоловік загинув". A phrase is a number
  (digits or words in any case: "двоє", "трьох", "двадцять п'ять") with an optional
  word for people, a single person ("загинула 70-річна жінка" = 1), or an enumeration
  that is counted ("79-річна, 78-річна та 35-річна жінки" = 3; "жінка та дитина" = 2).
  Ages ("70-річна") are never counts. A figure after "серед них" / "в том числе" is part
  of a larger one and skipped; after "кількість загиблих" / "число погибших" the
  number is the updated toll ("зросла до 8" = 8). Explicit zeros ("без жертв",
  "никто не пострадал") are figures of 0.
* **Drone figures**: a number before a drone word is launched, or shot down when a
  shoot-down word goes with it ("над областью сбиты 12 БПЛА"); "N з M" is both.
  A sentence that only reports interceptions carries ``extra["interception"] = True``.
* **Weapons** map to the English lexicon's canonical names (КАБ -> "glide bombs",
  Шахед/Герань -> "Shahed drones", РСЗВ -> "rockets"), so
  :func:`~geoinc.extraction.events.classify_weapons` gives the same sub-event types.
* **Dates**: "17 серпня", "у неділю", "в ночь на 5 мая", "минулої доби", "вчера",
  resolved against the publication date as the English ones are.

Examples
--------
>>> from datetime import date
>>> evs = analyse_text("У неділю дрони атакували Суми: загинула жінка, ще троє поранені.",
...                    date(2024, 6, 3), "uk")
>>> [(f.field, f.quantity.value) for f in evs[0].figures]
[('killed', 1), ('injured', 3)]
>>> [w.value for w in evs[0].weapons], str(evs[0].dates[0].date_start)
(['drones'], '2024-06-02')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache, partial

from geoinc import lang as _lang
from geoinc.exceptions import ConfigurationError
from geoinc.extraction.dates import DateExpr
from geoinc.extraction.events import Figure, SentenceEvent, Span, spans_by_sentence
from geoinc.extraction.lexicon import Lexicon, caseless, compile_caseless, fold
from geoinc.extraction.numbers import Quantity
from geoinc.quantities import clock_time_spans

__all__ = [
    "analyse_text",
    "split_sentences",
    "find_figures",
    "find_dates",
    "headline_places",
    "LANGUAGES",
]

#: Languages this module reads.
LANGUAGES = ("uk", "ru")

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def _one_apostrophe(text: str) -> str:
    """``text.translate(_APOSTROPHES)``, faster (a table lookup a character is slow)."""
    return text.replace("’", "'").replace("ʼ", "'").replace("`", "'").replace("‘", "'")


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:-[^\W\d_]+)?|[^\W\d_](?:[\w'’ʼ-]*\w)?|[,;:—–()«»\"]")
_AGE = re.compile(r"\d{1,3}-(?:річн|літн|летн|лет)\w*")


def _digits(word: str) -> bool:
    """``re.fullmatch(r"\\d{1,6}", word)``, without the regex (asked of every word read)."""
    return 0 < len(word) <= 6 and word.isdecimal()


_ANY_DIGIT = re.compile(r"\d")  # numbered dates need one: most sentences are not scanned
_CONJ = frozenset({"та", "і", "й", "и", "а"})
_CAP = 'А-ЯІЇЄҐЁA-Z0-9«"„(\\['
_DASHES = frozenset({"–", "—", ":"})
_FIELDS = ("killed", "injured", "drones_launched", "drones_shot_down")


@dataclass(frozen=True)
class _Grammar:
    """One language's compiled vocabulary."""

    weapons: Lexicon
    cues: Lexicon
    killed: re.Pattern
    injured: re.Pattern
    casualty: re.Pattern  # killed or injured in one match: most words are neither
    objects: re.Pattern  # "пострадавших домов": a casualty word describing a thing
    fatal: re.Pattern  # "смертельні поранення": an injury word that reports a death
    zero: list
    any_zero: re.Pattern  # a sentence without a match has no zero (skips the patterns)
    numerals: dict
    vague: dict
    qualifiers: dict  # first word -> [(words, qualifier)], the longest first
    people: dict
    bodies: dict  # "тіло" -> "1", "тіла" -> "n": a found body is a death
    subset: tuple
    fillers: frozenset
    toll: frozenset
    months: dict
    weekdays: dict
    relative: dict  # phrase -> kind (one regex of them all: _relative_pattern)
    night_before: tuple
    drone_word: re.Pattern
    downed_word: re.Pattern
    destroyed_before: re.Pattern  # "знищено [ще] 21" right before a drone count
    destroyed_after: re.Pattern  # "21 ударний БпЛА знищено" right after one
    hint: re.Pattern  # a sentence without a match holds no figure (skips the tokenizer)


def _starts(alternatives, also: str = "") -> str:
    r"""A lookahead for the characters a match of any of ``alternatives`` (regexes) can
    start with, or of ``also`` (characters of a class: ``"ув"``, ``r"\d"``); "" when an
    alternative does not start with literal text. It changes no match; the regex
    engine, which tries every alternative at every position, then skips most positions
    at once (a sentence's weekdays are found in 2 us, not 5)."""
    from geoinc.extraction.lexicon import literal_prefixes

    firsts: set[str] = set()
    for alt in alternatives:
        try:
            firsts.update(p[0] for p in literal_prefixes(alt))
        except ValueError:
            return ""
    chars = "".join(map(re.escape, sorted(firsts))) + also
    return f"(?=[{chars}])" if chars else ""


def _factored(alternatives) -> str:
    r"""``(?:a|b|...)`` with the alternatives grouped by their first letter, in their
    order within a group (``з(?:агин\w*|агибл\w*)|п(?:...)``): the same matches, but
    at a word the engine tries one branch a letter, not every alternative (twice as
    fast). Ungrouped when an alternative does not open with a plain lower-case letter."""
    from geoinc.extraction.lexicon import _split_alternatives

    groups: dict[str, list[str]] = {}
    for alt in (a for alts in alternatives for a in _split_alternatives(alts)):
        if not (alt[:1].isalpha() and alt[:1] == alt[:1].lower()) or alt[1:2] in "?*+{":
            return "(?:" + "|".join(alternatives) + ")"
        groups.setdefault(alt[0], []).append(alt[1:])
    return "(?:" + "|".join(f + "(?:" + "|".join(rest) + ")" for f, rest in groups.items()) + ")"


def _alternation(lines, rx) -> re.Pattern:
    return rx(r"(?:" + "|".join(lines) + r")$")


def _by_first_word(quals) -> dict[str, list]:
    """Qualifier phrases grouped by their first word (looked up for every word read)."""
    out: dict[str, list] = {}
    for k, v in quals:
        out.setdefault(k.split()[0], []).append((k.split(), v))
    return out


@lru_cache(maxsize=8)
def grammar(lang: str, folded: bool = False) -> _Grammar:
    """The compiled vocabulary of ``lang`` (cached); ``folded``: the patterns that read
    lower-case text (words, sentences) read its :func:`caseless` form, case-sensitively
    (the same matches, two to three times faster).

    Raises
    ------
    ConfigurationError
        When ``lang`` is not Ukrainian or Russian.
    """
    if lang not in LANGUAGES:
        raise ConfigurationError(f"geoinc.extraction.slavic reads {LANGUAGES}, not {lang!r}")

    def tsv(name):
        return {k.translate(_APOSTROPHES).lower(): v for k, v in _lang.table(lang, name).items()}

    def txt(name):
        return tuple(w.translate(_APOSTROPHES).lower() for w in _lang.phrases(lang, name))

    weapons = _lang.table(lang, "events_weapons")
    rx = partial(compile_caseless, flags=re.I) if folded else partial(re.compile, flags=re.I)
    quals = sorted(tsv("events_qualifiers").items(), key=lambda kv: -len(kv[0].split()))
    return _Grammar(
        weapons=Lexicon(list(weapons.items())),
        cues=Lexicon(list(_lang.table(lang, "events_cues").items())),
        killed=_alternation(txt("events_killed"), rx),
        injured=_alternation(txt("events_injured"), rx),
        casualty=rx(
            rf"(?:(?P<killed>{'|'.join(txt('events_killed'))})"
            rf"|(?P<injured>{'|'.join(txt('events_injured'))}))$"
        ),
        objects=_alternation(txt("events_objects"), rx),
        fatal=_alternation(txt("events_fatal"), rx),
        zero=[(rx(k), v.split(",")) for k, v in tsv("events_zero").items()],
        any_zero=rx(_starts(tsv("events_zero")) + _factored(tsv("events_zero"))),
        numerals={k: int(v) for k, v in tsv("events_numerals").items()},
        vague=tsv("events_vague"),
        qualifiers=_by_first_word(quals),
        people=tsv("events_people"),
        bodies=tsv("events_bodies"),
        subset=tuple(tuple(p.split()) for p in txt("events_subset")),
        fillers=frozenset(txt("events_fillers")),
        toll=frozenset(txt("events_toll")),
        months={k: int(v) for k, v in tsv("events_months").items()},
        weekdays={k: int(v) for k, v in tsv("events_weekdays").items()},
        relative=tsv("events_relative_dates"),
        night_before=txt("events_night_before"),
        drone_word=rx(weapons["drones"] + "|" + weapons["Shahed drones"]),
        hint=rx(_hint(txt, tsv, weapons)),
        # (read in the sentence as written, either way: rare, and not worth a lower copy)
        downed_word=re.compile(_lang.table(lang, "events_cues")["shot down"], re.I),
        # a destroying verb makes a drone count shot down only when it governs the count,
        # with no punctuation between: "знищено 3 будинки, запущено 20 дронів" stays launched
        destroyed_before=re.compile(
            rf"(?<!\w)(?:{'|'.join(txt('events_destroyed'))})(?:\s+[^\s,.;:!?()]+){{0,2}}\s+$", re.I
        ),
        destroyed_after=re.compile(
            rf"(?:\s+[^\s,.;:!?()]+){{1,4}}?\s+(?:{'|'.join(txt('events_destroyed'))})", re.I
        ),
    )


def _hint(txt, tsv, weapons: dict) -> str:
    """Any casualty, zero, drone or body word: a sentence without one holds no figure."""
    alternatives = (
        [*txt("events_killed"), *txt("events_injured"), *tsv("events_zero")]
        + [weapons["drones"], weapons["Shahed drones"]]
        + [rf"{re.escape(w)}(?!\w)" for w in tsv("events_bodies")]
    )
    return _starts(alternatives) + r"(?<!\w)" + _factored(alternatives)


# --------------------------------------------------------------------------- sentences


def split_sentences(text: str, lang: str) -> list[tuple[int, int, int]]:
    """Split text into sentences: ``(start, end, paragraph)``, by the shared splitter
    (:func:`geoinc.text.split_sentences`) with the language's abbreviations ("вул.",
    "с.", "смт") and units ("1400 кв.м.").

    Examples
    --------
    >>> t = "Удар по вул. Шевченка. Є поранені.\\n\\nДалі."
    >>> [t[s:e] for s, e, _ in split_sentences(t, "uk")]
    ['Удар по вул. Шевченка.', 'Є поранені.', 'Далі.']
    """
    from geoinc.text import split_sentences as shared

    return shared(text, lang)


# --------------------------------------------------------------------------- figures


@dataclass(slots=True)  # not frozen: built for every word of a sentence read
class _Tok:
    start: int
    end: int
    low: str  # lower case, one kind of apostrophe
    cap: bool


def _tokens(sentence: str) -> list[_Tok]:
    low = _one_apostrophe(fold(sentence))
    spans = [m.span() for m in _TOKEN.finditer(sentence)]
    toks = [_Tok(a, b, low[a:b], sentence[a].isupper()) for a, b in spans]
    clocks = clock_time_spans(sentence)
    if not clocks:
        return toks
    # "о 14:30 двоє поранених": the clock time is one token and no number ("около"
    # before it qualifies no count)
    toks = [t for t in toks if not any(c <= t.start < d for c, d in clocks)]
    toks.extend(_Tok(c, d, low[c:d], False) for c, d in clocks)
    return sorted(toks, key=lambda t: t.start)


def _number(toks: list[_Tok], i: int, g: _Grammar) -> tuple[int | None, str, int] | None:
    """(value, kind, end index) of a number at ``i``: digits, numeral words, vague."""
    t = toks[i].low
    if _digits(t):
        return int(t), "exact", i + 1
    if t in g.vague:
        return None, "vague", i + 1
    if t not in g.numerals:
        return None
    value, j = 0, i
    while j < len(toks) and toks[j].low in g.numerals:
        value += g.numerals[toks[j].low]
        j += 1
    return value, "exact", j


def _item(toks: list[_Tok], i: int, g: _Grammar) -> tuple[int | None, str, int] | None:
    """One counted item at ``i`` with the birth years after it ("женщина 1951 г.р."):
    (value, kind, end index), or None."""
    got = _bare_item(toks, i, g)
    if got is None:
        return None
    return got[0], got[1], _birth_years(toks, got[2])


_YEAR = re.compile(r"(?:19|20)\d\d")
_BORN = (("г", "р"), ("р", "н"), ("года", "рождения"), ("року", "народження"))


def _birth_years(toks: list[_Tok], j: int) -> int:
    """The index after "1948 и 1988 г. р." / "1985 р.н." at ``j`` (``j`` when none)."""
    k = j
    while k < len(toks) and _YEAR.fullmatch(toks[k].low):
        k += 1
        if k + 1 < len(toks) and toks[k].low in {",", *_CONJ} and _YEAR.fullmatch(toks[k + 1].low):
            k += 1
    if k == j:
        return j
    pair = tuple(t.low for t in toks[k : k + 2])
    return k + 2 if pair in _BORN else j


# an adjective's ending (singular; plural before a word for a couple)
_ADJ_END = re.compile(r"^[^\W\d_]+(?:ий|ій|ый|ой|ая|яя|а|я|ые|ие|і)$")


def _bare_item(toks: list[_Tok], i: int, g: _Grammar) -> tuple[int | None, str, int] | None:
    n = len(toks)
    if i >= n:
        return None
    num = _number(toks, i, g)
    if num is not None:
        value, kind, j = num
        if j + 1 < n and toks[j + 1].low in g.people and toks[j].low.isalpha():
            return value, kind, j + 2  # "15 мирних жителів", "два мирных жителя"
        if j < n and toks[j].low in g.people:
            return value, kind, j + 1
        if j < n and toks[j].low.isalpha() and toks[j].low not in g.fillers | _CONJ:
            if not (g.killed.match(toks[j].low) or g.injured.match(toks[j].low)):
                return None  # "5 будинків", "12 БПЛА": not people
        return value, kind, j
    if _AGE.fullmatch(toks[i].low):
        count, j = 0, i
        while j < n and _AGE.fullmatch(toks[j].low):
            count += 1
            j += 1
            if j + 1 < n and (toks[j].low == "," or toks[j].low in _CONJ):
                if _AGE.fullmatch(toks[j + 1].low):
                    j += 1
        if j < n and toks[j].low in g.people:
            j += 1
        return count, "exact", j
    if g.people.get(toks[i].low) == "n" and (ages := _ages_after(toks, i + 1)):
        return ages  # "жінки 41, 52 і 70 років" = 3
    if (listed := _listed_after_dash(toks, i, g)) is not None:
        return listed  # "мирные жители – мужчина и женщина" = 2
    if (one := _counted(toks[i].low, g)) is not None:
        return one, "exact", i + 1  # "жінка" = 1; "супруги", "подружжя" = 2
    if i + 1 < n and (one := _counted(toks[i + 1].low, g)) is not None:
        if _ADJ_END.search(toks[i].low) and not (
            _field(toks[i].low, g) or toks[i].low in g.fillers  # not "загинула людина"
        ):
            return one, "exact", i + 2  # "мирний житель", "пожилые супруги"
    return None


def _listed_after_dash(toks: list[_Tok], i: int, g: _Grammar) -> tuple[int, str, int] | None:
    """People named in general, then counted after a dash: "(мирные) жители – мужчина и
    женщина" = 2."""
    k = i + 1 if _ADJ_END.search(toks[i].low) and i + 1 < len(toks) else i
    if g.people.get(toks[k].low) != "n" or k + 2 >= len(toks) or toks[k + 1].low not in "–—":
        return None
    listed = _phrase(toks, k + 2, g)
    if listed is None or listed[0][0] is None or listed[0][1] != "exact":
        return None
    return listed[0][0], "exact", listed[2]


_AGE_WORDS = frozenset({"років", "роки", "рік", "лет", "года", "год"})


def _ages_after(toks: list[_Tok], k: int) -> tuple[int, str, int] | None:
    """Ages listed after a plural word for people ("чоловіки 41 і 23 років"): as many
    people as ages, the phrase ending after the word for years."""
    count = 0
    while k < len(toks) and toks[k].low.isdigit() and len(toks[k].low) <= 3:
        count += 1
        k += 1
        if k + 1 < len(toks) and (toks[k].low == "," or toks[k].low in _CONJ):
            if toks[k + 1].low.isdigit():
                k += 1
    if count and k < len(toks) and toks[k].low in _AGE_WORDS:
        return count, "exact", k + 1
    return None


def _counted(word: str, g: _Grammar) -> int | None:
    """How many people a word names by itself (``events_people``: a count, not ``n``)."""
    v = g.people.get(word)
    return int(v) if v is not None and v.isdigit() else None


def _phrase(toks: list[_Tok], i: int, g: _Grammar, until: int | None = None):
    """A people phrase at ``i``: (Quantity fields, start index, end index) or None.

    Items joined by commas or "та"/"і"/"и" add up ("жінка та дитина" = 2), unless the
    next item has its own casualty word ("двоє загинули, 15 поранено") -- other than the
    one at ``until``, which a phrase read leftwards ends at."""
    qual, k = _qualifier(toks, i, g)
    first = _item(toks, k, g)
    if first is None:
        return None
    value, kind, j = first
    while value is not None and j + 1 < len(toks) and toks[j].low in {",", *_CONJ}:
        if _subset_at(toks, j + 1, g):
            break  # "шестеро людей, зокрема водій": the driver is one of the six
        k = j + 1
        while k + 1 < len(toks) and toks[k].low in g.fillers:
            k += 1  # "водій і його пасажирка", "мужчина и еще двое"
        nxt = _item(toks, k, g)
        if nxt is None or nxt[0] is None or nxt[1] != "exact":
            break
        if nxt[2] != until and _field(_next_word(toks, nxt[2], g), g):
            break
        value, j = value + nxt[0], nxt[2]
    if kind == "vague":
        qual = "vague"
    return (value, qual or "exact"), i, j


def _next_word(toks: list[_Tok], k: int, g: _Grammar) -> str:
    """The first word at or after ``k`` past fillers and dashes (a comma stops)."""
    while k < len(toks) and (toks[k].low in _DASHES or toks[k].low in g.fillers):
        k += 1
    return toks[k].low if k < len(toks) else ""


def _qualifier(toks: list[_Tok], i: int, g: _Grammar) -> tuple[str, int]:
    if i >= len(toks):
        return "", i
    for words, qual in g.qualifiers.get(toks[i].low, ()):
        n = len(words)
        if [t.low for t in toks[i : i + n]] == words:
            return qual, i + n
    return "", i


def _quantity(value, qual: str, text: str) -> Quantity:
    if qual == "vague":
        return Quantity(None, None, None, "vague", text)
    low = value + 1 if qual == "more_than" else value
    high = None if qual in ("at_least", "more_than") else value
    if qual == "up_to":
        low = None
    return Quantity(value, low, high, qual, text)


def _field(word: str, g: _Grammar) -> str | None:
    m = g.casualty.match(word)  # (a killed word first, as two matches would)
    if m is None:
        return None
    return "killed" if m.group("killed") is not None else "injured"


def _subset_at(toks: list[_Tok], i: int, g: _Grammar) -> bool:
    return any(tuple(t.low for t in toks[i : i + len(p)]) == p for p in g.subset)


def _subset_before(toks: list[_Tok], i: int, g: _Grammar) -> bool:
    words = tuple(t.low for t in toks[max(0, i - 3) : i])
    return any(words[-len(p) :] == p for p in g.subset)


def find_figures(sentence: str, lang: str, offset: int = 0) -> list[Figure]:
    """Casualty and drone figures of one sentence (document offsets with ``offset``).

    Examples
    --------
    >>> s = "Поранення дістали 79-річна, 78-річна та 35-річна жінки, загинув чоловік."
    >>> [(f.field, f.quantity.value) for f in find_figures(s, "uk")]
    [('injured', 3), ('killed', 1)]
    >>> [(f.field, f.quantity.value) for f in find_figures("Никто не пострадал.", "ru")]
    [('killed', 0), ('injured', 0)]
    >>> [(f.field, f.quantity.value) for f in find_figures(
    ...     "Кількість загиблих зросла до 8 людей.", "uk")]
    [('killed', 8)]
    """
    g = grammar(lang, caseless(sentence) is not None)  # its words are lower case
    toks = _tokens(sentence)
    out: list[Figure] = []
    used: set[int] = set()
    read: list[tuple[str, int]] = []  # (field, end token) of each figure, for gapped clauses
    for i, t in enumerate(toks):
        fld = _field(t.low, g)
        if fld is None or (i + 1 < len(toks) and g.objects.match(toks[i + 1].low)):
            continue  # not a casualty word, or one that describes a house ("пострадавших домов")
        if fld == "injured" and i and g.fatal.match(toks[i - 1].low):
            fld = "killed"  # "смертельні поранення отримав": a death
        toll = _toll(toks, i, g)  # "кількість загиблих зросла до 8": the latest word
        got = toll or _left(toks, i, g, used) or _right(toks, i, g)
        if got is None:
            continue
        (value, qual), a, b = got
        if a in used or _subset_before(toks, a, g):
            continue
        used.update(range(a, b))
        read.append((fld, b))
        s, e = toks[a].start, toks[b - 1].end
        q = _quantity(value, qual, sentence[s:e])
        out.append(Figure(fld, q, offset + s, offset + e, update=toll is not None))
    for fld, (value, qual), a, b in _gapped(toks, read, used, g) + _bodies(toks, out, used, g):
        s, e = toks[a].start, toks[b - 1].end
        out.append(Figure(fld, _quantity(value, qual, sentence[s:e]), offset + s, offset + e))
    ends = {f.field: f.end - offset for f in out}
    out.extend(_zeros(sentence, offset, g, ends))
    out.extend(_drones(sentence, toks, used, offset, g))
    return sorted(out, key=lambda f: (f.start, _FIELDS.index(f.field)))


_GAP_PREPOSITIONS = frozenset({"в", "у", "во", "на"})
_GAP_DASHES = frozenset({"–", "—"})


def _gapped(toks: list[_Tok], read: list, used: set[int], g: _Grammar) -> list:
    """Clauses whose casualty verb is left out and marked by a dash, after a figure of the
    same sentence: "погиб мужчина 1958 г.р., в Ивановке – мужчина 1970 г.р." (the second
    man was killed too). The dash follows "в"/"у"/"на" and a place (its last
    word capitalised); the phrase after it has no casualty word of its own."""
    out = []
    for d in range(2, len(toks) - 1):
        if toks[d].low not in _GAP_DASHES:
            continue
        prior = [fld for fld, end in read if end <= d]
        if not prior or not toks[d - 1].cap:
            continue
        c = next((k for k in range(d - 1, max(-1, d - 7), -1) if toks[k].low in (",", ";")), None)
        if c is None or toks[c + 1].low not in _GAP_PREPOSITIONS or c + 2 >= d:
            continue
        k = d + 1
        while k < len(toks) - 1 and toks[k].low in g.fillers:
            k += 1  # "у Бериславі – ще один чоловік"
        got = _phrase(toks, k, g)
        if got is None or got[0][0] is None or any(k in used for k in range(got[1], got[2])):
            continue
        b = got[2]
        if b < len(toks) and toks[b].low not in (",", ";", "(", "—", "–"):
            continue  # "в Харкові – двоє поранених ..." goes on: not a bare gapped phrase
        used.update(range(got[1], b))
        out.append((prior[-1], got[0], got[1], b))
    return out


def _bodies(toks: list[_Tok], found: list[Figure], used: set[int], g: _Grammar) -> list:
    """A found body is a death ("виявили тіло дитини" = 1 killed, "тела двух человек" =
    2), unless the sentence already counts its dead."""
    if any(f.field == "killed" for f in found):
        return []
    for i, t in enumerate(toks):
        kind = g.bodies.get(t.low)
        if kind is None or i in used:
            continue
        if kind == "1":
            b = i + 2 if i + 1 < len(toks) and toks[i + 1].low in g.people else i + 1
            return [("killed", (1, "exact"), i, b)]
        got = _right(toks, i, g)
        if got is not None and got[0][0] is not None:
            return [("killed", got[0], got[1], got[2])]
    return []


def _toll(toks: list[_Tok], i: int, g: _Grammar):
    """ "кількість загиблих ... зросла до 8": the first number after, exact."""
    if i == 0 or toks[i - 1].low not in g.toll:
        return None
    for k in range(i + 1, min(i + 10, len(toks))):
        if toks[k].low in (";",):
            return None
        got = _phrase(toks, k, g)
        if got is not None and got[0][0] is not None:
            (value, _), a, b = got
            return (value, "exact"), a, b
    return None


def _left(toks: list[_Tok], i: int, g: _Grammar, used: set[int] = frozenset()):
    """A phrase ending right before the casualty word. Fillers and a place name may sit
    between ("Ще двоє мешканців Харкова отримали поранення"); a clause that counts a
    part is stepped over ("П'ятеро людей, серед них двоє дітей, загинули")."""
    end = _aside_before(toks, _skip_back(toks, i, g), g)
    for _ in range(2):
        for a in range(max(0, end - 16), end):
            if not _may_open(toks, a, g):
                continue  # (most words cannot open a people phrase)
            if a in used or (a > 0 and _field(toks[a - 1].low, g)):
                continue  # "Загинула одна людина, ...": that word's own phrase
            got = _phrase(toks, a, g, until=end)
            if got is not None and got[2] == end:
                if not _subset_before(toks, a, g):
                    return got
                break
        end = _before_subset_clause(toks, end, g)
        if end is None:
            return None
    return None


def _skip_back(toks: list[_Tok], end: int, g: _Grammar) -> int:
    """Back over fillers, dashes and capitalised words before ``end``."""
    while end > 0 and (
        toks[end - 1].low in g.fillers
        or toks[end - 1].low in _DASHES
        or (toks[end - 1].cap and toks[end - 1].low not in g.numerals)  # "Двоє загинули"
    ):
        end -= 1
    return end


def _aside_before(toks: list[_Tok], end: int, g: _Grammar) -> int:
    """Over an aside between dashes before a casualty word: "двоє чоловіків — 34 та 59
    років — поранені" (the ages describe the two; the phrase ends before the aside)."""
    if end >= len(toks) or toks[end].low not in _DASHES:
        return end
    for k in range(end - 1, max(0, end - 10), -1):
        if toks[k].low in _DASHES:
            return _skip_back(toks, k, g)
        if not (toks[k].low[:1].isdigit() or toks[k].low in _AGE_ASIDE):
            return end  # only ages in an aside: "— 34 та 59 років —"
    return end


_AGE_ASIDE = frozenset({",", "і", "й", "та", "и", "років", "роки", "рік", "лет", "года", "год"})


def _may_open(toks: list[_Tok], a: int, g: _Grammar) -> bool:
    """Whether a people phrase may start at ``a`` (:func:`_phrase` is None otherwise): a
    qualifier, a number (digits, numeral or vague word), an age, or a word for one
    person at ``a`` or right after it."""
    t = toks[a].low
    if t in g.qualifiers or t in g.numerals or t in g.vague or t[:1].isdigit():
        return True
    return _counted(t, g) is not None or (
        a + 1 < len(toks) and _counted(toks[a + 1].low, g) is not None
    )


def _before_subset_clause(toks: list[_Tok], end: int, g: _Grammar) -> int | None:
    """Where ", серед них ... ," before ``end`` opens (the comma's index), or None."""
    if end < 2 or toks[end - 1].low != ",":
        end += 1  # the clause may run up to the casualty word without a closing comma
    for c in range(end - 2, max(-1, end - 12), -1):
        if toks[c].low == "," and any(
            tuple(t.low for t in toks[c + 1 : c + 1 + len(p)]) == p for p in g.subset
        ):
            return c
    return None


def _right(toks: list[_Tok], i: int, g: _Grammar):
    """A phrase right after the casualty word (fillers and qualifiers allowed between)."""
    k = i + 1
    while k < len(toks) and (toks[k].low in g.fillers or toks[k].low in _DASHES):
        if _qualifier(toks, k, g)[0]:
            break
        k += 1  # "Загиблих — троє"
    if k < len(toks):
        return _phrase(toks, k, g)
    return None


_OTHER_PLACE = re.compile(r",\s+(?:в|во|у|на)\s+[А-ЯЁІЇЄҐ]")


def _zeros(sentence: str, offset: int, g: _Grammar, ends: dict[str, int]) -> list[Figure]:
    """Explicit zeros of fields the sentence gives no figure for, or gives one for in an
    earlier clause on another place ("в Глушковском районе ранена женщина, в Суджанском
    районе пострадавших нет")."""
    out: list[Figure] = []
    folded = fold(sentence)
    if not g.any_zero.search(folded):
        return out
    taken = set(ends)
    for pat, fields in g.zero:
        m = pat.search(folded)
        if not m:
            continue
        for fld in fields:
            end = ends.get(fld)
            apart = end is not None and _OTHER_PLACE.search(sentence, end, m.start())
            if fld not in taken or (apart and not any(f.field == fld for f in out)):
                taken.add(fld)
                q = Quantity(0, 0, 0, "exact", sentence[m.start() : m.end()])
                out.append(Figure(fld, q, offset + m.start(), offset + m.end()))
    return out


def _drones(sentence: str, toks, used: set[int], offset: int, g: _Grammar) -> list[Figure]:
    """ "збито 12 БпЛА", "атакували 80 дронами", "знищено 50 з 80 дронів"."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        if i in used or not _digits(t.low):
            continue
        of = i + 2 < n and toks[i + 1].low in ("з", "із", "зі", "из") and _digits(toks[i + 2].low)
        k = i + 3 if of else i + 1
        if not any(g.drone_word.match(toks[x].low) for x in range(k, min(k + 2, n))):
            continue
        around = sentence[max(0, t.start - 60) : t.start] + " " + sentence[t.end : t.end + 60]
        downed = bool(
            g.downed_word.search(around)
            or g.destroyed_before.search(sentence, max(0, t.start - 60), t.start)
            or g.destroyed_after.match(sentence, t.end, t.end + 60)
        )
        fld = "drones_shot_down" if downed or of else "drones_launched"
        q = Quantity(int(t.low), int(t.low), int(t.low), "exact", t.low)
        out.append(Figure(fld, q, offset + t.start, offset + t.end))
        if of:
            used.add(i + 2)  # "40 із 55": 55 were launched, not shot down
            m = toks[i + 2]
            q = Quantity(int(m.low), int(m.low), int(m.low), "exact", m.low)
            out.append(Figure("drones_launched", q, offset + m.start, offset + m.end))
    return out


# --------------------------------------------------------------------------- dates


def _partial_year(published: date, month: int, day: int) -> date | None:
    """The latest such day not more than a day after publication."""
    for year in (published.year + 1, published.year, published.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if d <= published + timedelta(days=1):
            return d
    return None


@lru_cache(maxsize=4)
def _date_patterns(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    g = grammar(lang)
    months = "|".join(sorted(g.months, key=len, reverse=True))
    days = "|".join(sorted((re.escape(w) for w in g.weekdays), key=len, reverse=True))
    night = "|".join(re.escape(w) for w in g.night_before)
    day_month = re.compile(
        _starts(g.night_before, r"\d")
        + rf"(?:(?P<night>{night})\s+)?(?P<day>[0-3]?\d)\s+(?P<month>{months})"
        r"(?:\s+(?P<year>(?:19|20)\d\d))?(?!\w)",
        re.I,
    )
    numeric = re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>20\d\d)\b")
    weekday = re.compile(
        _starts(g.night_before, "ув")
        + rf"(?:(?P<night>{night})\s+|\b(?:у|в|во)\s+)(?P<wd>{days})(?!\w)",
        re.I,
    )
    return day_month, numeric, weekday


def find_dates(sentence: str, published: date | None, lang: str, offset: int = 0):
    """Date expressions of one sentence, resolved against ``published``.

    Returns
    -------
    list of geoinc.extraction.dates.DateExpr
        Document offsets (``offset`` added), in text order.

    Examples
    --------
    >>> pub = date(2025, 5, 5)  # a Monday
    >>> [(d.text, str(d.date_start), str(d.date_end)) for d in find_dates(
    ...     "В ночь на 5 мая беспилотники атаковали город", pub, "ru")]
    [('В ночь на 5 мая', '2025-05-04', '2025-05-05')]
    >>> [(d.text, str(d.date_start)) for d in find_dates("У неділю, 4 травня", pub, "uk")]
    [('У неділю', '2025-05-04'), ('4 травня', '2025-05-04')]
    """
    g = grammar(lang)
    day_month, numeric, weekday = _date_patterns(lang)
    text = _one_apostrophe(sentence)
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    numbered = (
        tuple(_numbered_dates(text, g, published, numeric, day_month))
        if _ANY_DIGIT.search(text)
        else ()
    )
    spans = [(a, b) for a, b, *_ in numbered]
    for a, b, ds, de, prec, kind in (
        *numbered,
        *_weekday_dates(text, g, published, weekday),
        *_relative_dates(text, g, published, lang),
        *_period_dates(text, published, lang),
    ):
        if any(a < y and x < b for x, y in taken):
            continue  # an earlier, more explicit reading holds these words
        if kind == "relative" and any(0 <= x - b <= 2 for x, _ in spans):
            continue  # "Утром 5 мая", "вранці 4 травня": a part of the day that date's
        taken.append((a, b))
        found.append(
            DateExpr(offset + a, offset + b, sentence[a:b], ds, de, prec if ds else None, kind)
        )
    return sorted(found, key=lambda d: d.start)


def _night_or_day(m: re.Match, d: date | None, kind: str) -> tuple:
    """ "в ночь на 5 мая": the night before the day (two days); else the day itself."""
    if m["night"] and d is not None:
        return m.start(), m.end(), d - timedelta(days=1), d, 2, "night"
    return m.start(), m.end(), d, d, 1, kind


def _numbered_dates(text: str, g: _Grammar, published, numeric, day_month):
    """ "12.03.2024", "17 серпня", "17 серпня 2025 року", "в ночь на 5 мая"."""
    for m in numeric.finditer(text):
        try:
            d = date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            continue
        yield m.start(), m.end(), d, d, 1, "explicit"
    for m in day_month.finditer(text):
        month, day = g.months[m["month"].lower()], int(m["day"])
        if m["year"]:
            try:
                d = date(int(m["year"]), month, day)
            except ValueError:
                continue
            yield _night_or_day(m, d, "explicit")
        else:
            d = _partial_year(published, month, day) if published else None
            yield _night_or_day(m, d, "partial")


@lru_cache(maxsize=4)
def _period_pattern(lang: str) -> tuple[dict[str, int], re.Pattern]:
    """ "у березні 2023 року", "в марте", "у 2023-му", "в 2022 году": a month or year."""
    months = {k.lower(): int(v) for k, v in _lang.table(lang, "events_month_locatives").items()}
    names = "|".join(sorted(months, key=len, reverse=True))
    year_words = "|".join(re.escape(w) for w in _lang.phrases(lang, "events_year_words"))
    pattern = re.compile(
        rf"(?<!\w)(?:у|в|во)\s+(?:(?P<month>{names})(?:\s+(?P<myear>(?:19|20)\d\d))?"
        rf"|(?P<year>(?:19|20)\d\d)(?:-\w{{1,3}})?)(?:\s+(?:{year_words})(?!\w))?(?![\w.-])",
        re.I,
    )
    return months, pattern


def _period_dates(text: str, published, lang: str):
    """Months and years before the publication's own: an earlier attack recalled for
    context, dated so that its figures and weapons do not join today's incident."""
    if published is None:
        return
    months, pattern = _period_pattern(lang)
    for m in pattern.finditer(text):
        if m["year"]:
            y = int(m["year"])
            if y < published.year:
                yield m.start(), m.end(), date(y, 1, 1), date(y, 12, 31), 5, "year"
            continue
        month = months[m["month"].lower()]
        year = int(m["myear"]) if m["myear"] else published.year - (month > published.month)
        if (year, month) >= (published.year, published.month):
            continue
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        yield m.start(), m.end(), date(year, month, 1), nxt - timedelta(days=1), 4, "month"


def _weekday_dates(text: str, g: _Grammar, published, weekday):
    """ "у неділю", "в ночь на субботу": the latest such day on or before publication."""
    for m in weekday.finditer(text):
        d = None
        if published:
            wd = g.weekdays[m["wd"].lower()]
            d = published - timedelta(days=(published.weekday() - wd) % 7)
        yield _night_or_day(m, d, "weekday")


@lru_cache(maxsize=4)
def _relative_pattern(lang: str) -> re.Pattern:
    """Every relative-date phrase in one pattern (one scan of a sentence, not one a phrase);
    at one position the longer phrase wins."""
    words = sorted(grammar(lang).relative, key=len, reverse=True)
    return re.compile(
        _starts(words) + r"(?<!\w)" + _factored([re.escape(w) for w in words]) + r"(?!\w)", re.I
    )


_DAYS_BACK = {"yesterday": 1, "two_days_ago": 2}


def _relative_dates(text: str, g: _Grammar, published, lang: str):
    """ "минулої доби", "вночі", "вчера", "сегодня" (the kinds of events_relative_dates)."""
    for m in _relative_pattern(lang).finditer(text):
        kind = g.relative[m.group(0).lower()]
        ds = de = None
        if published:
            back = _DAYS_BACK.get(kind)  # "позавчора": a day, two days back
            ds = published - timedelta(days=back if back else 0 if kind == "today" else 1)
            de = published - timedelta(days=back if back else 1 if kind == "yesterday" else 0)
        prec = 2 if kind in ("night", "day") else 1
        yield m.start(), m.end(), ds, de, prec, "night" if kind == "night" else "relative"


# --------------------------------------------------------------------------- sentences


def analyse_text(text: str, published: date | None, lang: str) -> list[SentenceEvent]:
    """Split a Ukrainian or Russian text into sentences and analyse each.

    Same contract as :func:`geoinc.extraction.events.analyse_text`: the first line is a
    title when it has no final punctuation and more text follows; sentences with no
    attack word, weapon or figure come back with their offsets only.

    Parameters
    ----------
    text : str
    published : datetime.date or None
    lang : {"uk", "ru"}

    Raises
    ------
    ConfigurationError
        When ``lang`` is not Ukrainian or Russian.

    Examples
    --------
    >>> evs = analyse_text("Удар по Белгороду\\n\\nВ Белгороде погибли два человека.",
    ...                    None, "ru")
    >>> [(e.is_title, [(f.field, f.quantity.value) for f in e.figures]) for e in evs]
    [(True, []), (False, [('killed', 2)])]
    """
    low = caseless(text)  # the lower-case text g.hint reads, when g reads that
    g = grammar(lang, low is not None)
    sents = split_sentences(text, lang)
    if not sents:
        return []
    folded = fold(text)
    weapons = spans_by_sentence(g.weapons.spans(text, folded), text, sents)
    cues = spans_by_sentence(g.cues.spans(text, folded), text, sents)
    _shelling_as_weapon(weapons, cues, sents)
    out = []
    for i, (s, e, para) in enumerate(sents):
        sent = text[s:e]
        title = i == 0 and _is_title(text, sents)
        figures = tuple(find_figures(sent, lang, s)) if g.hint.search((low or text)[s:e]) else ()
        if not (cues[i] or weapons[i] or figures):
            out.append(SentenceEvent(start=s, end=e, text=sent, paragraph=para, is_title=title))
            continue
        cue_spans = _cues_with_casualties(cues[i], figures, text)
        extra = {"interception": True} if _interception(cue_spans, figures) else {}
        dates = tuple(find_dates(sent, published, lang, s))
        out.append(
            SentenceEvent(
                start=s,
                end=e,
                text=sent,
                paragraph=para,
                cues=tuple(cue_spans),
                weapons=tuple(weapons[i]),
                figures=figures,
                dates=dates,
                is_title=title,
                extra=extra,
            )
        )
    return out


def _shelling_as_weapon(weapons: list[list[Span]], cues: list[list[Span]], sents) -> None:
    """ "Обстріл" names any attack in Ukrainian and Russian ("ракетний обстріл", drones
    "обстрілювали" a town): in a sentence that names no weapon it is the generic
    "shelling", artillery only when the incident names no other weapon
    (:func:`geoinc.taxonomy.weapon_kind`)."""
    for ws, cs in zip(weapons, cues, strict=True):
        if not ws:
            ws.extend(Span("shelling", c.text, c.start, c.end) for c in cs if c.value == "shelling")


def _cues_with_casualties(cues: list[Span], figures, text: str) -> list[Span]:
    """A casualty report is an attack report: with no attack word, the casualty figure
    is the cue, so the sentence continues the story of the last place named."""
    if cues:
        return list(cues)
    for f in figures:
        if f.field in ("killed", "injured"):
            return [Span("casualties", text[f.start : f.end], f.start, f.end)]
    return []


def _is_title(text: str, sents: list) -> bool:
    """The first line is a title: no final punctuation, and more text follows."""
    _, e, _ = sents[0]
    return (
        len(sents) > 1
        and "\n" in text[e : e + 3] + text[e:].lstrip(" ")[:1]
        and not text[:e].rstrip().endswith((".", "!", "?", '"', "”", "»"))
    )


def _interception(cues: list[Span], figures) -> bool:
    """Only shoot-down words and drone counts: air defence at work, not damage."""
    return {c.value for c in cues} <= {"shot down", "launched"} and all(
        f.field.startswith("drones") for f in figures
    )


# --------------------------------------------------------------------------- headline


#: How far from a raion's point a town may lie to be the incident the raion names
#: (:func:`geoinc.extraction.article.consolidate`): round-ups list raions of one oblast.
RAION_KM = 30.0
_COLLOQUIAL_REGION = re.compile(r"(?:щин|чин)[аиуіоєе]\w*$", re.I)  # Куп'янщину, Белгородчина


def _regions_without_headline_place(head: list, mentions, end: int) -> list:
    """The region a headline naming no place is about: the oblast whose administration
    speaks ("Київська ОВА повідомила ..."), else the region of the first place named."""
    regions = [
        m.place.admin1 for m in head if m.role == "organisation" and m.place.kind == "admin1"
    ]
    if regions:
        return regions
    body = [
        m
        for m in mentions
        if m.start >= end
        and m.role == "location"
        and m.place is not None
        and m.place.kind != "country"
    ]
    return [body[0].place.admin1] if body else []


def headline_places(text: str, sentences, mentions, lang: str, gazetteer=None) -> list:
    """Places a Ukrainian or Russian report's headline names as what it is about.

    Regional reports are round-ups ("Харків та область: ...", "Куп'янщину обстрілювали",
    "у Харківській області за добу ...", a statement of an oblast military
    administration): every incident of the region is the story, so the headline gives the
    region (an ``admin1`` place) instead of its towns. Without a title line, the lead
    sentence plays the headline (agency copy opens with the story in one sentence); a
    headline that names no place makes the story the region of the first place named.

    Parameters
    ----------
    text : str
    sentences : sequence of SentenceEvent
        The document's sentences (:func:`analyse_text`).
    mentions : sequence of geoinc.geoparsing.mention.Mention
        The document's place mentions, in text order.
    lang : {"uk", "ru"}
    gazetteer : geoinc.gazetteer.Gazetteer, optional

    Returns
    -------
    list of geoinc.gazetteer.Place
        For :func:`geoinc.extraction.article.assign_roles`.

    Examples
    --------
    >>> from geoinc.geoparsing import geoparse
    >>> t = "Харків та область: обстріли тривали\\n\\nУ Чугуєві поранено двох людей."
    >>> ms = geoparse(t, lang="uk")
    >>> [p.name for p in headline_places(t, analyse_text(t, None, "uk"), ms, "uk")]
    ['Kharkiv Oblast']
    """
    if not sentences:
        return []
    end = sentences[0].end
    head = [m for m in mentions if m.start < end and m.place is not None]
    places = [
        m
        for m in head
        if m.role == "location" and m.place.kind != "country" and not _reference(text, m, lang)
    ]
    regions = [m.place.admin1 for m in places if _round_up(text, m, head, lang)]
    if not places:
        regions = _regions_without_headline_place(head, mentions, end)
    if not regions:
        return [m.place for m in places]
    return [p for p in map(partial(_admin1_place, gazetteer), dict.fromkeys(regions)) if p]


def _reference(text: str, m, lang: str) -> bool:
    """A place named as a reference point or an earlier attack ("після ударів по Малину",
    "навпроти Енергодара"): the pipeline's reference rules, read from the language data."""
    from geoinc.extraction.pipeline import _reference_rules

    before, launch, _ = _reference_rules(lang)
    ahead = text[max(0, m.start - 80) : m.start]
    return bool(before.search(ahead[-60:]) or launch.search(ahead))


def _round_up(text: str, m, head, lang: str) -> bool:
    """A region named as the story, not as a town's container ("Ізюм Харківської
    області", "Горлівці Донецької Народної Республіки (ДНР)"): an oblast on its own, a
    colloquial region, or a town "та область"."""
    if m.place.kind == "admin1" or _COLLOQUIAL_REGION.search(m.text):
        prev = [p for p in head if p.end <= m.start]
        return not (prev and not text[prev[-1].end : m.start].strip(" ,("))
    after = re.match(r"\s+(\w+)\s+(\w+)", text[m.end : m.end + 30])
    if after is None or after.group(1).lower() not in {"та", "і", "й", "и"}:
        return False
    from geoinc.geoparsing.slavic import _data, lemma_keys

    region_nouns = _data(lang)["region"]
    return any(k in region_nouns for k in lemma_keys(after.group(2), lang))


def _admin1_place(gazetteer, code: str):
    from geoinc.exceptions import PlaceNotFound

    if not code:
        return None
    if gazetteer is None:
        from geoinc.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    try:
        return gazetteer.admin1_place(code)
    except PlaceNotFound:
        return None
