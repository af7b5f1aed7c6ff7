"""Claim vocabulary of one language, read from ``geoinc/lang/<code>/claims_*`` files.

The words live in the data files; this module only turns them into regular-expression
alternations (longest first, so "north-east" wins over "north") and lookup tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geoinc import lang as _lang
from geoinc.exceptions import ConfigurationError

__all__ = ["Vocab", "vocab", "alternation", "stem_value"]


def alternation(words) -> str:
    """A non-capturing regex alternation of ``words``, longest first, spaces flexible.

    Examples
    --------
    >>> alternation(["north", "north-east"])
    '(?:north\\\\-east|north)'
    """
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


def _range(value: str) -> tuple[float, float]:
    lo, _, hi = value.partition("-")
    return float(lo), float(hi or lo)


@dataclass(frozen=True)
class Vocab:
    """Tables and alternations for one language (see the ``claims_*`` data files)."""

    directions: dict[str, float]
    direction_adjectives: dict[str, str]
    hedges: dict[str, str]
    vague: dict[str, tuple[float, float]]
    units: dict[str, float]
    ordinals: dict[str, int]
    rank_words: tuple[str, ...]
    demonyms: dict[str, str]
    settlements: tuple[str, ...]
    regions: tuple[str, ...]
    region_levels: dict[str, str]
    attributes: dict[str, str]
    proximity: dict[str, str]
    pronouns: tuple[str, ...]
    capitals: tuple[str, ...]
    population_scales: dict[str, float]
    population_nouns: tuple[str, ...]
    region_groups: dict[str, tuple[str, ...]]
    not_names: frozenset[str]
    facilities: tuple[str, ...]
    parts: tuple[str, ...]
    #: "the front line", "лінії фронту": distances to them are kept, never judged
    front_lines: tuple[str, ...] = ()
    #: river names as written -> the bundled river line's name; bank words -> "left",
    #: "right" or a bearing (stems in the Slavic languages)
    rivers: dict = field(default_factory=dict)
    river_banks: dict = field(default_factory=dict)
    #: letters of another script that look like this one's ("с" for "c" in "сity"): read
    #: as this script's inside a word that mixes both
    homoglyphs: dict = field(default_factory=dict)
    #: words before a population figure said of a place named before ("with", "home to")
    population_verbs: tuple[str, ...] = ()
    #: numerals in words, every case form -> value ("семи": 7); the language's numeral
    #: table, shared with the casualty grammar (``events_numerals.tsv``)
    numerals: dict = field(default_factory=dict)
    #: settlement nouns a population ranks ("the second-largest city", not "port")
    rank_nouns: tuple[str, ...] = ()
    #: which checkers read this language ("en": the English patterns; "slavic": the
    #: Ukrainian/Russian ones) and the word groups only that grammar uses
    grammar: str = "en"
    groups: dict = field(default_factory=dict)

    def direction_degrees(self, word: str) -> float | None:
        """Bearing of a compass word or adjective ("north-west", "southern"); None if central."""
        w = " ".join(word.lower().split())
        if w in self.direction_adjectives:
            w = self.direction_adjectives[w]
        if w in self.directions or self.grammar == "en":
            return self.directions.get(w)
        return stem_value(w, self.directions)  # "південному сході": compass stems

    def unit_km(self, word: str) -> float:
        return self.units[word.lower().rstrip(".")]


def stem_value(words: str, table: dict):
    """The value of the longest entry of ``table`` that ``words`` begin with, word by word
    (an entry "південн сх" matches "південному сході"); None if none does.

    Examples
    --------
    >>> stem_value("південному сході", {"півден": 180.0, "південн сх": 135.0})
    135.0
    """
    have = words.lower().split()
    best, best_len = None, 0
    for key, value in table.items():
        parts = key.split()
        if len(parts) <= len(have) and len(key) > best_len:
            if all(w.startswith(p) for w, p in zip(have, parts, strict=False)):
                best, best_len = value, len(key)
    return best


def _optional(read, lang, name: str, default):
    try:
        return read(lang, name)
    except ConfigurationError:  # the file is absent: the grammar does not use it
        return default


@lru_cache(maxsize=8)
def vocab(lang: str | Path = "en") -> Vocab:
    """The claim vocabulary of ``lang`` (cached).

    Raises
    ------
    geoinc.exceptions.ConfigurationError
        When the language has no claim vocabulary.
    """

    def tab(name: str) -> dict[str, str]:
        return {k.lower(): v for k, v in _optional(_lang.table, lang, name, {}).items()}

    def phr(name: str) -> tuple[str, ...]:
        return _optional(_lang.phrases, lang, name, ())

    # every language with claims has units; the other files are optional (empty if absent)
    units = {k.lower(): float(v) for k, v in _lang.table(lang, "claims_units").items()}
    grammar = _optional(_lang.data, lang, "claims_grammar", {})
    return Vocab(
        directions={k: float(v) for k, v in tab("claims_directions").items()},
        direction_adjectives=tab("claims_direction_adjectives"),
        hedges=tab("claims_hedges"),
        vague={k: _range(v) for k, v in tab("claims_vague_amounts").items()},
        units=units,
        ordinals={k: int(v) for k, v in tab("claims_ordinals").items()},
        rank_words=phr("claims_rank_words"),
        demonyms=tab("claims_demonyms"),
        settlements=phr("claims_settlement_nouns"),
        regions=tuple(_optional(_lang.table, lang, "claims_region_nouns", {})),
        region_levels=tab("claims_region_nouns"),
        attributes=tab("claims_attributes"),
        proximity=tab("claims_proximity"),
        pronouns=phr("claims_subject_pronouns"),
        capitals=phr("claims_capital_phrases"),
        population_scales={k: float(v) for k, v in tab("claims_population").items()},
        population_nouns=phr("claims_population_nouns"),
        facilities=phr("claims_facility_nouns"),
        parts=phr("claims_part_nouns"),
        front_lines=phr("claims_front_nouns"),
        rivers=tab("claims_rivers"),
        river_banks=tab("claims_river_banks"),
        homoglyphs=dict(_optional(_lang.table, lang, "claims_homoglyphs", {})),
        population_verbs=phr("claims_population_verbs"),
        numerals={k: int(v) for k, v in tab("events_numerals").items() if v.isdigit()},
        rank_nouns=phr("claims_rank_nouns"),
        not_names=frozenset(w.lower() for w in phr("claims_not_names")),
        region_groups={k: tuple(v.split(",")) for k, v in tab("claims_region_groups").items()},
        grammar=grammar.get("grammar", "en"),
        groups=grammar,
    )
