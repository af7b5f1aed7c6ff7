"""Grammar shared by the claim patterns: how a distance, a direction, a place phrase is
put together. The words come from the language's vocabulary (:mod:`._vocab`)."""

from __future__ import annotations

from geoinc.claims._context import NAME
from geoinc.claims._vocab import Vocab, alternation

__all__ = [
    "number",
    "distance",
    "dirword",
    "diradj",
    "settlement",
    "region_noun",
    "attr",
    "place_intro",
    "NAME",
    "CAP",
]

#: A capitalised word (a demonym or country name: "Russian", "Ukraine").
CAP = r"[A-Z][a-z]+"


def _ci(alt: str) -> str:
    return "(?i:" + alt + ")"


def number(v: Vocab) -> str:
    from geoinc.quantities import NUMBER_WORDS_PATTERN

    return rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,5}}(?:[.,]\d+)?|{_ci(alternation(v.vague))}|" + (
        rf"(?i:{NUMBER_WORDS_PATTERN}))"
    )


def distance(v: Vocab) -> str:
    """Groups: ``qual``, ``n1``, ``n2`` (a range), ``unit``, ``alt`` (bracketed figure)."""
    num = number(v)
    unit = _ci(alternation(v.units)) + r"(?![\w])"
    return (
        rf"(?:(?P<qual>{_ci(alternation(v.hedges))})\s+)?(?P<n1>{num})"
        rf"(?:\s*(?:-|–|to|or)\s*(?P<n2>{num}))?[\s-]*(?P<unit>{unit})"
        rf"(?:\s*\((?P<alt>[^)]{{1,40}})\))?"
    )


def dirword(v: Vocab) -> str:
    return _ci(alternation(v.directions))


def diradj(v: Vocab) -> str:
    return _ci(alternation(v.direction_adjectives))


def settlement(v: Vocab) -> str:
    return _ci(alternation(v.settlements))


def region_noun(v: Vocab) -> str:
    return _ci(alternation(v.regions)) + r"\b"


def attr(v: Vocab) -> str:
    return _ci(alternation(v.attributes))


def place_intro(v: Vocab) -> str:
    """Words that may stand between a preposition and a place name: "the city of",
    "the capital", "the Russian city of", "Russian-occupied"."""
    caps = _ci(alternation(v.capitals))
    return (
        rf"(?:(?:the\s+(?:{CAP}\s+)?(?:{attr(v)}\s+){{0,3}}{settlement(v)}\s+of\s+)|{caps}\s*,?\s+"
        rf"|{attr(v)}\s+)?"
    )
