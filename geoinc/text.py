"""The text layer: one sentence splitter for every stage and language.

Sentences are cut by one engine, :func:`split_sentences`; what differs between languages
and uses is data (the abbreviations in ``geoinc/lang/<code>/``) and a few grammar choices,
kept together in a :class:`SentenceRules`:

* ``"prose"`` (:func:`sentence_rules`, extraction): a line break always ends a sentence,
  and so does ``.``/``!``/``?`` before white space and a capital or digit, unless the
  stop closes an abbreviation ("Gov.", "Dec.", an initial; "вул." in Ukrainian);
* ``"claims"`` (:func:`claim_rules`, claim checking): a stop before any white space ends
  a sentence, a run of line breaks is part of the sentence it ends, and only a short list
  of abbreviations holds.

The two English rule sets give different sentences on about 40 % of news articles, and
claims found in 16 of 907 dev texts change when claims read the prose sentences (measured
when this module replaced the two splitters), so both are kept until that change is
decided on its own.

This module sits at the bottom of the import graph (it reads only :mod:`geoinc.lang`), so
geoparsing, extraction and claims can all use it.

Examples
--------
>>> t = "Regional Gov. Oleh Syniehubov spoke. Drones hit Kharkiv.\\n\\nNext."
>>> [t[s:e] for s, e, _ in split_sentences(t)]
['Regional Gov. Oleh Syniehubov spoke.', 'Drones hit Kharkiv.', 'Next.']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geoinc import lang as langdata
from geoinc.exceptions import ConfigurationError

__all__ = ["SentenceRules", "sentence_rules", "claim_rules", "split_sentences", "abbreviations"]

Span3 = tuple[int, int, int]  # (start, end, paragraph)

# an end of a sentence: stops and closing quotes or brackets, then white space and a
# capital (or digit, or an opening quote before one); a line break always ends one
_CLOSERS = "\"'”’)\\]"
_OPENERS = "\"'“‘(\\["
# (written "[\n.!?](?:(?<=\n)|...)", not "\n|[.!?]+...": a pattern that opens with a
# character class lets re skip to the next candidate character at C speed, where an
# alternation is tried at every position -- the same matches, found 3-4 times faster)
_PROSE_CUT = rf"[\n.!?](?:(?<=\n)|[.!?]*[{_CLOSERS}]*(?=[ \t]+[{_OPENERS}]?[A-Z0-9]))"
# Ukrainian and Russian: "…" ends a sentence too; capitals of both alphabets
_SLAVIC_CAP = 'А-ЯІЇЄҐЁA-Z0-9«"„(\\['
_SLAVIC_CUT = rf"[\n.!?…](?:(?<=\n)|[.!?…]*[\"'”»)\]]*(?=[ \t]+[{_SLAVIC_CAP}]))"
_SLAVIC = ("uk", "ru")
# claims: any white space after the stop ends a sentence; line breaks belong to it
_CLAIMS_CUT = r"[.!?]+[\"”’')]*(?=\s|$)|\n+"
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)$")
_NUMBER_BEFORE = re.compile(r"(?:\d|\.)\s?$")


@dataclass(frozen=True, slots=True)
class SentenceRules:
    """How one language (and use) cuts text into sentences.

    ``cut`` finds where a sentence may end; ``abbreviation(text, lo, stop)`` says that
    the full stop at ``stop`` closes an abbreviation (``lo``: where the current sentence
    began), so it ends nothing; ``trim``: sentences end at their last visible character
    and a line break is not part of one (otherwise a sentence runs to the end of its cut,
    line breaks included); ``local``: an abbreviation is looked for only from where the
    current sentence began (``lo`` is 0 otherwise).
    """

    cut: re.Pattern
    abbreviation: Callable[[str, int, int], bool]
    trim: bool = True
    local: bool = False


def abbreviations(lang: str | Path = "en") -> tuple[str, ...]:
    """Words whose full stop does not end a sentence, as written in the language data
    (``text_abbreviations.txt``; Ukrainian and Russian keep theirs in
    ``events_abbreviations.txt``, read by :mod:`geoinc.extraction.slavic` under that name)."""
    for name in ("text_abbreviations", "events_abbreviations"):
        try:
            return langdata.phrases(lang, name)
        except ConfigurationError:
            continue
    return ()


def _pattern_check(words, *, initials: bool, window: int | None = None):
    """An abbreviation is a listed word (case as written) or, with ``initials``, a single
    capital letter, right before the stop. The text is looked at only ``window``
    characters back (the longest word and the character before it)."""
    alts = [rf"\b(?:{'|'.join(re.escape(w) for w in words)})"] if words else []
    if initials:
        alts.append(r"\b[A-Z]")
    if not alts:
        return lambda text, lo, stop: False
    rx = re.compile(rf"(?:{'|'.join(alts)})\.$")
    back = window or max(map(len, words), default=1) + 2

    search = rx.search

    def check(text: str, lo: int, stop: int) -> bool:
        return text[stop] == "." and search(text[max(lo, stop - back) : stop + 1]) is not None

    return check


def _word_check(words):
    """An abbreviation is the word right before the stop, in lower case, in ``words``
    (Ukrainian and Russian: "вул.", "м.", "р-н."), unless it is a one-letter unit after a
    number or another abbreviation ("1400 кв.м.", "на 5 м."), whose stop may end the
    sentence (not "м. Харків")."""
    folded = frozenset(w.lower() for w in words)
    dotted = tuple(w for w in folded if "." in w)  # "н.п" (населений пункт), whole

    def check(text: str, lo: int, stop: int) -> bool:
        if dotted and text[max(lo, stop - 8) : stop].lower().endswith(dotted):
            return True
        word = _WORD_BEFORE.search(text[max(lo, stop - 8) : stop])
        if not word or word.group(1).lower() not in folded:
            return False
        n = len(word.group(1))
        return n > 1 or not _NUMBER_BEFORE.search(text[max(0, stop - n - 3) : stop - n])

    return check


@lru_cache(maxsize=16)
def sentence_rules(lang: str | Path = "en") -> SentenceRules:
    """The prose rules of ``lang`` (a bundled code or a language folder), cached."""
    words = abbreviations(lang)
    if str(lang) in _SLAVIC:
        # the stop's word is looked up from where the sentence began
        return SentenceRules(re.compile(_SLAVIC_CUT), _word_check(words), local=True)
    return SentenceRules(re.compile(_PROSE_CUT), _pattern_check(words, initials=True))


@lru_cache(maxsize=1)
def claim_rules() -> SentenceRules:
    """The rules claim checking has always used, for every language: stops before any
    white space, a short English abbreviation list (``claims_abbreviations.txt``)."""
    words = langdata.phrases("en", "claims_abbreviations")
    return SentenceRules(
        re.compile(_CLAIMS_CUT),
        _pattern_check(words, initials=False, window=8),
        trim=False,
        local=True,
    )


def split_sentences(
    text: str, lang: str | Path = "en", *, rules: SentenceRules | None = None
) -> list[Span3]:
    """Split text into sentences.

    Parameters
    ----------
    text : str
    lang : str or path, default "en"
        Whose rules (:func:`sentence_rules`); ignored when ``rules`` is given.
    rules : SentenceRules, optional

    Returns
    -------
    list of (start, end, paragraph)
        Character offsets (leading white space skipped; trailing too unless the rules
        keep it) and the 0-based paragraph number (paragraphs are separated by blank
        lines).

    Examples
    --------
    >>> t = "Strikes hit Kharkiv.  Mr. Syniehubov spoke. then left\\nMore"
    >>> [t[s:e] for s, e, _ in split_sentences(t)]
    ['Strikes hit Kharkiv.', 'Mr. Syniehubov spoke. then left', 'More']
    >>> [t[s:e] for s, e, _ in split_sentences(t, rules=claim_rules())]
    ['Strikes hit Kharkiv.', 'Mr. Syniehubov spoke.', 'then left\\n', 'More']
    """
    r = rules or sentence_rules(lang)
    trim, local, abbreviation = r.trim, r.local, r.abbreviation  # locals: once a cut
    out: list[Span3] = []
    para = cut = 0
    for m in r.cut.finditer(text):
        if text[m.start()] == "\n":
            _add(out, text, cut, m.start() if trim else m.end(), para, trim)
            cut = m.end()
            # a blank line (only spaces until the next newline) starts a new paragraph
            nxt = text.find("\n", cut)
            if nxt != -1 and not text[cut:nxt].strip() and out and out[-1][2] == para:
                para += 1
            continue
        if abbreviation(text, cut if local else 0, m.start()):
            continue
        _add(out, text, cut, m.end(), para, trim)
        cut = m.end()
    _add(out, text, cut, len(text), para, trim)
    return out


def _add(out: list, text: str, a: int, b: int, para: int, trim: bool) -> None:
    seg = text[a:b]
    stripped = seg.strip()
    if stripped:
        s = a + (len(seg) - len(seg.lstrip()))
        out.append((s, s + len(stripped) if trim else b, para))
