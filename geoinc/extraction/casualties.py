"""Killed and injured figures as reports write them, from language data.

The grammar is here; the words are in ``geoinc/lang/<code>/casualties.json``:

* a **person phrase** is a number (digits, words, "a"/"an"/"another" before a singular
  noun, "dozens of") followed by up to three modifiers and a person noun: "three people",
  "a 14-year-old girl", "two Russian servicemen", "dozens of civilians";
* person phrases joined by commas and "and" add up: "a child and two adults" = 3;
* **passive**: a phrase (or a bare number) followed by an optional aside ("including a
  child", "— among them medics —", "who were at the station") and auxiliaries, then a
  casualty verb: "Thirty-one people were wounded", "25 dead", "an elderly woman
  reportedly died";
* **active**: a casualty verb before the phrase: "killed a civilian", "injuring 28";
* **tolls**: a toll noun, a few words, a verb of change and a number: "the death toll
  has risen to 25" (weak verbs -- "is", "at" -- within four words of the noun, "of" right after it);
* **explicit zeros**: "no casualties", "no one was injured" give 0 with qualifier
  ``"none"`` (so a stated zero is kept apart from a figure nobody gave);
* numbers after "including" / "among them" are parts of a larger figure, numbers
  right after "no" are not counts, and sentences that total a war ("since the start of
  the war") give no incident figure.

Examples
--------
>>> [(f.field, f.quantity.value) for f in casualty_figures(
...     "Four people, including a teenager, were killed and a woman was wounded.")]
[('killed', 4), ('injured', 1)]
>>> [(f.field, f.quantity.value, f.quantity.qualifier) for f in casualty_figures(
...     "Officials said no one was hurt.")]
[('injured', 0, 'none'), ('killed', 0, 'none')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from geoinc import lang as langdata
from geoinc.extraction.lexicon import (  # same matches: fewer positions tried, no case folding
    caseless,
    compile_caseless,
    compile_fast,
)
from geoinc.extraction.numbers import (
    NUMBER_WORDS_PATTERN,
    QUANTITY_PATTERN,
    Quantity,
    parse_quantity,
)
from geoinc.quantities import clock_time_spans

__all__ = ["casualty_figures", "CasualtyFigure", "may_contain_casualties"]

_ONE_WORDS = ("another", "a further", "a second", "a third", "one more", "a", "an", "one")
#: an age standing for the person ("a 12-year-old was killed"), not before a noun
_AGE_NOUN = (
    rf"(?:\d{{1,3}}|{NUMBER_WORDS_PATTERN})-(?:year|month|week)s?-olds?"
    r"(?=\s*(?:[,.;]|$|(?:and|was|were|is|are|has|had|died|who)\b))"
)
#: "killing the driver": one person, but only as the object of an active casualty verb
#: ("the driver was taken to hospital" names again someone a figure already counted)
_THE = "the"
#: before a pair noun ("her parents") these count two; before any other noun, nothing
_POSSESSIVES = ("her", "his", "their", "its")
_GAP = r"[\w'’,-]+"


@dataclass(frozen=True, slots=True)
class CasualtyFigure:
    """A killed/injured figure in a sentence (offsets relative to the sentence + offset)."""

    field: str
    quantity: Quantity
    start: int
    end: int
    update: bool = False  # a toll that changed ("rose to 25"): the latest word of its source
    nominal: bool = False  # a count of deaths or injuries ("four deaths"), no attack word
    #: killed among the wounded counted before ("one of them later died"): the injured
    #: figure of an earlier sentence loses them too
    of_wounded: bool = False


def _alt(words) -> str:
    """A regex alternation of phrases, longest first; spaces match any whitespace."""
    parts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


@dataclass(frozen=True)
class _Grammar:
    np: re.Pattern
    bare: re.Pattern
    passive: re.Pattern
    active: re.Pattern
    killed_verb: re.Pattern
    joiner: re.Pattern
    toll: re.Pattern
    nominal: re.Pattern
    zero: re.Pattern
    subset_left: re.Pattern
    aggregate: re.Pattern
    triggers: tuple[str, ...]
    general: frozenset
    pairs: frozenset
    injured_nouns: frozenset
    zero_fields: dict
    zero_verbs: dict
    attributive: tuple[re.Pattern, re.Pattern, re.Pattern]
    subset_died: re.Pattern
    plural: frozenset
    attributive_injured: frozenset


def _compiler(folded: bool):
    """How the patterns of a grammar are compiled: case-insensitive for the text as
    written, or for its :func:`caseless` form (``folded``)."""
    if folded:
        return lambda p, fast=False: compile_caseless(p, re.I, fast=fast)
    return lambda p, fast=False: (compile_fast if fast else re.compile)(p, re.I)


@lru_cache(maxsize=8)
def _grammar(code: str, folded: bool = False) -> _Grammar:
    """The casualty grammar of ``code``; ``folded``: its patterns read :func:`caseless` text."""
    d, rx = langdata.data(code, "casualties"), _compiler(folded)
    qualnum = re.sub(r"\(\?P<\w+>", "(?:", QUANTITY_PATTERN)
    hundred = r"(?:a|one)\s+(?:hundred|thousand)"
    num = _number_pattern(d, qualnum, hundred)
    # professions no list holds ("a paediatric anaesthesiologist"): by their ending
    nouns = rf"(?:{_alt(d['person_nouns'])}|[a-z]{{3,}}{_alt(d['person_suffixes'])})"
    mod = _modifier_pattern(d, nouns)
    killed, injured = _alt(d["killed_verbs"]), _alt(d["injured_verbs"])
    aux = _alt(d["auxiliaries"])
    aside = _aside(d, qualnum)
    sep = r"(?:\s+|(?<=[—–-]))"  # "... residents--many queued for bread--were killed"
    active = _alt([*d["killed_active"], *d["injured_active"], *d["nominal_killed_before"]])
    strong = [v for v in d["toll_verbs"] if v not in d["toll_verbs_weak"]]
    weak_far = [v for v in d["toll_verbs_weak"] if v != "of"]
    toll_nouns = _alt([*d["toll_nouns_killed"], *d["toll_nouns_injured"]])
    toll = (
        # a verb of change may follow a long qualifier ("the death toll from Monday's
        # missile attack on a depot near the river climbed to 14"); a weak verb must follow
        # the noun closely ("the toll in a village of some 900 people" is no toll of 900:
        # "of" only right after the noun)
        rf"\b(?P<noun>{toll_nouns})\b(?:(?:\s+{_GAP}){{0,16}}?\s+(?P<change>{_alt(strong)})"
        rf"|(?:\s+{_GAP}){{0,4}}?\s+(?:{_alt(weak_far)})|\s+of)\s+(?P<num>{qualnum})(?![\w-])"
    )
    return _Grammar(
        np=rx(
            rf"(?<![\w-])(?P<num>{num})(?P<mods>(?:\s+{mod}){{0,3}}?)\s+(?P<noun>{nouns}|{_AGE_NOUN})\b"
        ),
        # "and wounded another", "another was hurt": a bare "another" is one more person
        bare=rx(rf"(?<![\w-])(?P<num>{hundred}|{qualnum}|{_another(d, aux)})(?![\w-])"),
        passive=rx(rf"(?:{aside})?(?:{sep}{aux}){{0,6}}{sep}(?P<verb>{killed}|{injured})\b"),
        # "killed a family of five": the number after a lead counts the people
        active=rx(rf"\b(?P<verb>{active})\s+(?:{_alt(d.get('count_leads', ()))}\s+)?$", fast=True),
        killed_verb=rx(
            rf"^(?:{killed}|{_alt(d['killed_active'])}|{_alt(d['nominal_killed_before'])})$"
        ),
        joiner=rx(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)$"),
        toll=rx(toll, fast=True),
        nominal=rx(_nominal_pattern(d, qualnum, mod)),
        zero=rx(rf"\b(?:{_alt(_zero_fields(d))}|{_zero_clause(d)})\b", fast=True),
        subset_left=rx(rf"\b(?:{_alt(d['subset_before'])}|no|not)\s+$", fast=True),
        aggregate=rx(rf"\b{_alt(d['aggregate_markers'])}\b", fast=True),
        triggers=tuple(d["triggers"]),
        general=_lower_set(d["general_nouns"]),
        pairs=_lower_set(d["pair_nouns"]),
        injured_nouns=_lower_set(d["injured_nouns"]),
        zero_fields=_zero_fields(d),
        zero_verbs=_zero_verbs(d),
        attributive=_attributive_pattern(d, num, mod, nouns, rx),
        subset_died=rx(_subset_died_pattern(d, qualnum, aux, num, mod, nouns)),
        plural=_lower_set(d["plural_person_nouns"]),
        attributive_injured=_lower_set(d["attributive_injured"]),
    )


def _another(d: dict, aux: str) -> str:
    """A bare "another" that ends its clause or comes before an auxiliary, a casualty
    verb or a place ("killing two and wounding another", "another was hurt"), not
    "another strike"."""
    verbs = _alt([*d["killed_verbs"], *d["injured_verbs"], *d["injured_active"]])
    places = _alt(d["ellipsis_prepositions"])  # "wounded another in Sumy"
    return rf"another(?=\s*(?:[,.;:)]|$)|\s+(?:and|{aux}|{verbs}|{places})\b)"


def _subset_died_pattern(d: dict, qualnum: str, aux: str, num: str, mod: str, nouns: str) -> str:
    """Wounded who died: "two of whom died", "one of them, a driver, later died", "a man
    who was wounded in the blast later died"."""
    died = _alt(d["subset_died"])
    apposition = r"(?:\s*,\s*an?\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}\s*,)?"
    of = rf"(?P<num>{qualnum})\s+of\s+(?:whom|them|the\s+wounded|the\s+injured){apposition}"
    hurt = _alt(d["injured_active"])
    who = (
        rf"(?P<pnum>{num})(?:\s+{mod}){{0,3}}?\s+(?P<noun>{nouns})\s+who\s+(?:{aux}\s+){{0,2}}"
        rf"{hurt}\b[^,;.]{{0,50}}?"
    )
    return rf"(?<![\w-])(?:{of}|{who})\s+(?:{aux}\s+){{0,3}}{died}\b"


def _modifier_pattern(d: dict, nouns: str) -> str:
    """One word between a phrase's number and its noun: ages, not counts; no article or
    number word ("a drone injured a woman" is no phrase of one drone-injured woman), nor
    a possessive ("the blast killed his parents" is no phrase counted by "the")."""
    stops, poss = _alt(d["modifier_stops"]), _alt(_POSSESSIVES)
    return (
        rf"(?!(?:{stops}|{nouns}|an?|{poss})\b|[\d,.]+(?![\w-])|{NUMBER_WORDS_PATTERN}(?![\w-]))"
        r"[\w'’-]+"
    )


def _number_pattern(d: dict, qualnum: str, hundred: str) -> str:
    """What counts the people of a phrase: a number ("another 12", "dozens of"), or a word
    for one ("a", "a second", "their")."""
    vague_of = _alt(d["vague_of"]) + r"\s+of"
    more = r"(?:(?:another|a\s+further|further|an\s+additional)\s+)?"
    # "her two children": a possessive before a count is read past (the count is the figure)
    poss = rf"(?:{_alt(_POSSESSIVES)}\s+(?=(?:{qualnum})\s))?"
    ones = _alt((*_ONE_WORDS, *_POSSESSIVES))
    # "the" only right after an active verb's -ing/-ed or a list's "and" ("killing the
    # driver", "two farmers and the tractor driver"): tried at every "the" of a text, the
    # phrase pattern cost a third more
    the = rf"(?:(?<=ing\s)|(?<=ed\s)|(?<=and\s)){_THE}"
    return rf"(?:{poss}{more}(?:{vague_of}|{hundred}|{qualnum})|{ones}|{the})"


def _aside(d: dict, qualnum: str) -> str:
    """What may stand between a person phrase and its verb: "including a child" (or "one
    of them a child"), a dash or bracket aside, "who were at the station", an apposition
    or an age."""
    return (
        rf"(?:\s*,\s*(?:(?:{qualnum})\s+)?{_alt(d['subset_before'])}\b[^,;.]{{0,80}}?,"
        r"|\s*(?:[—–]|--)\s*[^—–]{0,100}?(?:[—–]|--)|\s+-\s+[^-]{0,100}?\s+-"
        r"|\s*\([^)]{0,100}\)"
        # an apposition or an age: "their daughter, a minor, was hurt", "a man, 52, died"
        r"|\s*,\s*(?:an?\s+[\w'’-]+(?:\s+[\w'’-]+){0,4}|\d{1,3})\s*,"
        # their ages: "two men aged 45 and 52 were killed", "two women, aged 63 and 70, ..."
        r"|\s*,?\s+aged\s+\d{1,3}(?:\s*(?:,|and)\s*\d{1,3})*(?:\s*,)?"
        r"|\s+(?:who|that)\s+[^,;.]{0,60}?)"
    )


def _attributive_pattern(d: dict, num: str, mod: str, nouns: str, rx) -> tuple:
    """A person phrase that is a figure by its adjective, no verb needed: "the wounded
    woman", "two injured miners" (only "the" before a singular noun counts one).

    Three patterns: the adjective (searched for first: it is rare, the number is not),
    the number left of it and the noun right of it."""
    adj = _alt([*d["attributive_killed"], *d["attributive_injured"]])
    return (
        rx(rf"\b{adj}\b", fast=True),
        rx(rf"(?<![\w-])(?P<num>the|{num})\s+(?:\w+ly\s+)?$"),
        # one modifier at most, and no article: "the injured included a police officer"
        # is no phrase ("the wounded Ukrainian soldier" is)
        rx(rf"(?:\s+(?!(?:an?|the)\b){mod})?\s+(?P<noun>{nouns})\b"),
    )


def _zero_fields(d: dict) -> dict:
    """Normalised zero phrase ("no one was hurt") -> the fields it zeroes."""
    out = {}
    for key, fields in (
        ("zero_both", ("killed", "injured")),
        ("zero_killed", ("killed",)),
        ("zero_injured", ("injured",)),
    ):
        for phrase in d[key]:
            out[re.sub(r"\s+", " ", phrase.lower())] = fields
    return out


def _zero_verbs(d: dict) -> dict:
    """Verb of a zero clause -> the fields it zeroes ("hurt" both, "wounded" injured)."""
    names = {"both": ("killed", "injured"), "killed": ("killed",), "injured": ("injured",)}
    return {v.lower(): names[which] for v, which in (d.get("zero_verbs") or {}).items()}


def _zero_clause(d: dict) -> str:
    """ "no one else was hurt", "no civilians were reported injured": a subject that
    counts nobody, auxiliaries, and a verb whose fields the data gives (``zero_verbs``)."""
    subjects, verbs = d.get("zero_subjects"), d.get("zero_verbs")
    if not subjects or not verbs:
        return "(?!)"
    aux = _alt(d.get("zero_auxiliaries") or ["\0"])
    return rf"{_alt(subjects)}(?:\s+{aux}){{0,3}}\s+(?P<zverb>{_alt(verbs)})"


def _zero_of(m: re.Match, g: _Grammar) -> tuple[str, ...]:
    """The fields a zero phrase or clause zeroes."""
    if m.group("zverb"):
        return g.zero_verbs[m.group("zverb").lower()]
    return g.zero_fields[_SPACES.sub(" ", m.group(0).lower())]


def _lower_set(words) -> frozenset:
    return frozenset(w.lower() for w in words)


def _nominal_pattern(d: dict, qualnum: str, mod: str) -> str:
    """A count of deaths or injuries ("four deaths", "nine confirmed deaths and 31
    injuries"): the noun is what is counted."""
    nouns = _alt([*d["killed_nouns"], *d["injured_nouns"]])
    return rf"(?<![\w-])(?P<num>{qualnum})(?:\s+{mod}){{0,2}}?\s+(?P<noun>{nouns})\b"


def may_contain_casualties(folded: str, lang: str = "en") -> bool:
    """Cheap pre-check on lower-cased text: any casualty trigger word at all?"""
    return any(t in folded for t in _grammar(lang).triggers)


# what _quantity reads, compiled once (not looked up in re's cache at every number)
_SPACES = re.compile(r"\s+")
_POSSESSIVE_LEAD = re.compile(rf"^{_alt(_POSSESSIVES)} (?=\S)", re.I)
_MORE_LEAD = re.compile(r"^(?:another|a further|further|an additional) (?=\S)", re.I)
_NUMBER_AFTER = re.compile(r"\d|\s\w")
_HUNDRED = re.compile(r"(?:a|one) (?:hundred|thousand)")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _quantity(num_text: str, noun: str | None, g: _Grammar) -> Quantity | None:
    raw = _SPACES.sub(" ", num_text.strip())
    raw = _POSSESSIVE_LEAD.sub("", raw)  # "her two" -> "two"
    raw = (
        _MORE_LEAD.sub("", raw)
        if _NUMBER_AFTER.search(raw) and raw.lower() not in _ONE_WORDS
        else raw
    )
    low = raw.lower()
    if noun is not None and noun.lower() in g.pairs and low in _ONE_WORDS + _POSSESSIVES:
        return Quantity(2, 2, 2, "exact", raw)
    if low in _POSSESSIVES or low == _THE:
        # "their daughter" is one; "their children" gives no number
        return Quantity(1, 1, 1, "exact", raw) if _singular(noun, g) else None
    if low in _ONE_WORDS:
        if noun is None and low in ("one", "another"):
            return Quantity(1, 1, 1, "exact", raw)  # "two were killed and one was wounded"
        if noun is None or noun.lower() in g.general:
            return None
        return Quantity(1, 1, 1, "exact", raw)
    if _HUNDRED.fullmatch(low):
        n = 100 if low.endswith("hundred") else 1000
        return Quantity(n, n, n, "exact", raw)
    if low.endswith(" of"):
        raw = raw[:-3]
    if _YEAR.fullmatch(raw) and noun is None:
        return None  # a year, not a count
    return parse_quantity(raw)


def _singular(noun: str | None, g: _Grammar) -> bool:
    low = (noun or "").lower().split()
    return bool(low) and not low[-1].endswith("s") and low[-1] not in g.plural


def _chains(sentence: str, low: str, g: _Grammar) -> list[tuple[int, int, int, Quantity]]:
    """Person phrases, enumerations summed: ``(start, number end, phrase end, quantity)``.

    ``low``: what ``g``'s patterns read (``sentence`` itself, or its :func:`caseless`
    form); the words kept are always read from ``sentence``."""
    phrases = []
    for m in g.np.finditer(low):
        noun = _group(sentence, m, "noun")
        q = _quantity(_group(sentence, m, "num"), noun, g)
        if q is not None:
            general = noun.lower() in g.general
            phrases.append([m.start(), m.start() + len(q.text), m.end(), q, general])
    # kinds of people counted one by one add up ("a child and two adults"); general
    # nouns do not ("18 people and 111 people" are two figures)
    chains: list[list] = []
    for s, num_end, e, q, general in phrases:
        prev = chains[-1] if chains else None
        if (
            prev
            and g.joiner.match(low[prev[2] : s])
            and not _apposition(sentence, prev[2], s, e)
            and q.value is not None
            and prev[3].value is not None
            and not prev[4]
            and not general
            and not _speaker_after_comma(low, prev[2], s, q)
        ):
            n = prev[3].value + q.value
            prev[1] = prev[2] = e
            prev[3] = Quantity(n, n, n, "exact", sentence[prev[0] : e])
        else:
            chains.append([s, num_end, e, q, general])
    return [(s, ne, e, q) for s, ne, e, q, _ in chains]


_APPOSITION_END = re.compile(r"\s*,(?!\s*(?:and|or)\b)")


def _speaker_after_comma(low: str, gap_start: int, s: int, q: Quantity) -> bool:
    """ "killing three workers, the mayor said": a "the" phrase after a bare comma is a
    speaker or an apposition, not one more victim (an enumeration says "and the driver")."""
    return q.text.lower() == _THE and "and" not in low[gap_start:s]


def _apposition(sentence: str, gap_start: int, s: int, e: int) -> bool:
    """ "their daughter, a minor, was hurt": a phrase between bare commas names the one
    before it again (a list ends in "and": "a man, a woman and a child")."""
    return sentence[gap_start:s].strip() == "," and bool(_APPOSITION_END.match(sentence, e))


def _group(sentence: str, m: re.Match, name: str | int) -> str:
    """The words of group ``name`` of ``m`` as ``sentence`` writes them."""
    return sentence[m.start(name) : m.end(name)]


def _field_of(verb: str, g: _Grammar) -> str:
    return "killed" if g.killed_verb.match(_SPACES.sub(" ", verb)) else "injured"


def _phrase_figures(sentence: str, low: str, g: _Grammar, taken: bytearray) -> list[tuple]:
    out = []
    cands = _chains(sentence, low, g)
    covered = bytearray(len(sentence))  # characters of the chains, one mark each
    for s, _, e, _ in cands:
        _take(covered, s, e)
    for m in g.bare.finditer(low):
        if not covered[m.start()]:  # parsed below, only when a verb makes it a figure
            cands.append((m.start(), m.end(), m.end(), m))
    for s, num_end, e, q in sorted(cands, key=lambda c: c[0]):
        left = low[max(0, s - 40) : s]
        spaced = left[-1:].isspace()  # both left patterns end in white space (\s+$)
        if (spaced and g.subset_left.search(left)) or left.endswith("-") or _AGES.search(left):
            continue
        fld = None
        the = low[s : s + 4] == _THE + " "
        if not the and (pm := g.passive.match(low, e)):  # in place: no slice per number
            fld = _field_of(pm.group("verb"), g)
        elif spaced and (am := g.active.search(left)):
            fld = _field_of(am.group("verb"), g)
        if fld and not isinstance(q, Quantity):
            q = _quantity(_group(sentence, q, "num"), None, g)
        if fld and q is not None and not _overlaps(taken, s, num_end):
            _take(taken, s, e)
            out.append((fld, q, s, num_end))
    return out


#: an age in a list of ages, not a count ("aged 45 and 52 were killed")
_AGES = re.compile(r"\baged\s+(?:\d{1,3}\s*(?:,|and)\s*)*$", re.I)


def _overlaps(taken: bytearray, s: int, e: int) -> bool:
    return taken.find(1, s, e) != -1


def _take(taken: bytearray, s: int, e: int) -> None:
    """Mark [s, e) taken: one mark per character keeps overlap tests O(span), not O(figures)."""
    taken[s:e] = b"\1" * (e - s)


def casualty_figures(sentence: str, offset: int = 0, lang: str = "en") -> list[CasualtyFigure]:
    """Killed and injured figures stated in one sentence.

    Parameters
    ----------
    sentence : str
    offset : int
        Added to the offsets (the sentence's start in the document).
    lang : str, default "en"
        Language code or folder (:mod:`geoinc.lang`) with a ``casualties.json``.

    Returns
    -------
    list of CasualtyFigure
        In text order.

    Examples
    --------
    >>> [(f.field, f.quantity.value) for f in casualty_figures(
    ...     "The strike killed a child and two adults; the death toll has risen to 5.")]
    [('killed', 3), ('killed', 5)]
    """
    low = caseless(sentence)
    g = _grammar(lang, low is not None)
    low = sentence if low is None else low
    if g.aggregate.search(low):
        return []  # a war's running total, not this incident's figure
    taken = bytearray(len(sentence))
    for a, b in clock_time_spans(sentence):  # "at 14:30 people were hurt": 30 is no count
        _take(taken, a, b)
    found = []
    for m in g.zero.finditer(low):
        for fld in _zero_of(m, g):
            q = Quantity(0, 0, 0, "none", _group(sentence, m, 0))
            found.append((fld, q, m.start(), m.end(), False))
        _take(taken, m.start(), m.end())
    for m in g.toll.finditer(low):
        q = parse_quantity(_group(sentence, m, "num"))
        if q is None or _overlaps(taken, m.start("num"), m.end("num")):
            continue
        noun = _SPACES.sub(" ", m.group("noun").lower())
        fld = "injured" if noun in _injured_tolls(lang) else "killed"
        _take(taken, m.start("num"), m.end("num"))
        found.append((fld, q, m.start("num"), m.end("num"), m.group("change") is not None))
    nominal = _nominal_figures(sentence, low, g, taken)
    found.extend(nominal)
    counted = {f[2] for f in nominal}
    died = _subset_died(sentence, low, g, taken)
    found.extend(f + (False,) for f in _phrase_figures(sentence, low, g, taken))
    found.extend(f + (False,) for f in _attributive_figures(sentence, low, g, taken))
    found.extend(_elliptical_figures(sentence, lang, found, taken))
    found.sort(key=lambda f: (f[2], f[0]))
    if died:
        found = _less_the_dead(found, died)
    dead = {d[2] for d in died}
    return [
        CasualtyFigure(f, q, offset + s, offset + e, u, s in counted, s in dead)
        for f, q, s, e, u in found
    ]


@lru_cache(maxsize=8)
def _ellipsis(code: str) -> re.Pattern | None:
    """A second count of the same kind at another place, its noun and verb left out:
    "killed four civilians in Horlivka and two in Makiivka"."""
    d = langdata.data(code, "casualties")
    preps, joins = d.get("ellipsis_prepositions"), d.get("ellipsis_joiners")
    if not preps or not joins:
        return None
    qualnum = re.sub(r"\(\?P<\w+>", "(?:", QUANTITY_PATTERN)
    prep = rf"(?i:{_alt(preps)})\s+(?:(?i:the)\s+)?"
    name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
    # "in the Donetsk region, two in the Kherson region": a unit word after the name
    unit = rf"(?:\s+(?i:{_alt(d['ellipsis_units'])}))?" if d.get("ellipsis_units") else ""
    fill = _alt(d.get("ellipsis_fillers") or ["\0"])
    join = rf"(?:\s*,\s*(?:(?i:{_alt(joins)})\s+)?|\s+(?i:{_alt(joins)})\s+)"
    return re.compile(
        rf"\b{prep}{name}{unit}{join}(?P<num>(?i:{qualnum}))(?:\s+(?i:{fill}))?(?=\s+{prep}[A-Z])"
    )


def _elliptical_figures(sentence: str, lang: str, found: list, taken: bytearray) -> list:
    pattern = _ellipsis(lang) if found else None
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(sentence):
        s, e = m.start("num"), m.end("num")
        before = [f for f in found if f[3] <= m.start()]
        q = parse_quantity(m.group("num"))
        if not before or q is None or _overlaps(taken, s, e):
            continue
        _take(taken, s, e)
        out.append((max(before, key=lambda f: f[3])[0], q, s, e, False))
    return out


def _subset_died(sentence: str, low: str, g: _Grammar, taken: bytearray) -> list[tuple]:
    """ "20 were injured, two of whom died": the two are killed (and leave the injured)."""
    out = []
    lower = low.lower()  # ``low`` is the sentence itself when it is not caseless
    if not any(w in lower for w in (" of whom ", " of them", " who ", " of the wounded")):
        return out  # the pattern starts with any number: most sentences fail here cheaply
    for m in g.subset_died.finditer(low):
        if m.group("num"):
            q = parse_quantity(_group(sentence, m, "num"))
        else:  # "a man who was wounded ... later died"
            q = _quantity(_group(sentence, m, "pnum"), m.group("noun"), g)
        if q is not None and q.value and not _overlaps(taken, m.start(), m.end()):
            _take(taken, m.start(), m.end())
            end = m.end("num") if m.group("num") else m.end("pnum")
            out.append(("killed", q, m.start(), end, False))
    return out


def _less_the_dead(found: list[tuple], died: list[tuple]) -> list[tuple]:
    """The figures with each "N of whom died" taken out of the injured figure before it."""
    found = found + died
    for _, dq, ds, _, _ in died:
        before = [i for i, f in enumerate(found) if f[0] == "injured" and f[2] < ds]
        if before:
            i = before[-1]
            fld, q, s, e, u = found[i]
            if q.value is not None and q.value >= dq.value:
                n = q.value - dq.value
                low = None if q.low is None else max(q.low - dq.value, 0)
                high = None if q.high is None else max(q.high - dq.value, 0)
                found[i] = (fld, replace(q, value=n, low=low, high=high), s, e, u)
    return sorted(found, key=lambda f: (f[2], f[0]))


def _attributive_figures(sentence: str, low: str, g: _Grammar, taken: bytearray) -> list:
    """ "The wounded woman was evacuated": a figure by its adjective (lowest priority)."""
    out = []
    adjective, left, right = g.attributive
    for a in adjective.finditer(low):
        lm = left.search(low, max(0, a.start() - 40), a.start())
        rm = right.match(low, a.end()) if lm else None
        if rm is None or _overlaps(taken, lm.start(), rm.end()):
            continue
        s, noun, raw = lm.start(), _group(sentence, rm, "noun"), _group(sentence, lm, "num")
        if raw.lower() == "the" or raw.lower() in _ONE_WORDS + _POSSESSIVES:
            q = Quantity(1, 1, 1, "exact", raw) if _singular(noun, g) else None
        else:
            q = _quantity(raw, noun, g)
        if q is None or q.value is None:
            continue
        _take(taken, s, rm.end())
        fld = "injured" if a.group(0).lower() in g.attributive_injured else "killed"
        out.append((fld, q, s, s + len(raw)))
    return out


def _nominal_figures(sentence: str, low: str, g: _Grammar, taken: bytearray) -> list[tuple]:
    """Counts of deaths or injuries ("four deaths"), not inside a toll or a zero."""
    out = []
    for m in g.nominal.finditer(low):
        s, e = m.start("num"), m.end("num")
        left = low[max(0, s - 40) : s]
        if _overlaps(taken, s, e) or (left[-1:].isspace() and g.subset_left.search(left)):
            continue
        q = parse_quantity(_group(sentence, m, "num"))
        if q is None or _YEAR.fullmatch(m.group("num")):
            continue
        noun = _SPACES.sub(" ", m.group("noun").lower())
        _take(taken, s, m.end())
        out.append(("injured" if noun in g.injured_nouns else "killed", q, s, e, False))
    return out


@lru_cache(maxsize=8)
def _injured_tolls(code: str) -> frozenset:
    return frozenset(w.lower() for w in langdata.data(code, "casualties")["toll_nouns_injured"])
