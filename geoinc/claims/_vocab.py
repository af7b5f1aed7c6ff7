"""Claim vocabulary of one language, read from ``geoinc/lang/<code>/claims_*`` files.

The words live in the data files; this module only turns them into regular-expression
alternations (longest first, so "north-east" wins over "north") and lookup tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geoinc import lang as _lang

__all__ = ["Vocab", "vocab", "alternation"]


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

    def direction_degrees(self, word: str) -> float | None:
        """Bearing of a compass word or adjective ("north-west", "southern"); None if central."""
        w = " ".join(word.lower().split())
        if w in self.direction_adjectives:
            w = self.direction_adjectives[w]
        return self.directions.get(w)

    def unit_km(self, word: str) -> float:
        return self.units[word.lower().rstrip(".")]


@lru_cache(maxsize=8)
def vocab(lang: str | Path = "en") -> Vocab:
    """The claim vocabulary of ``lang`` (cached).

    Raises
    ------
    geoinc.exceptions.ConfigurationError
        When the language has no claim vocabulary.
    """

    def low(d: dict[str, str]) -> dict[str, str]:
        return {k.lower(): v for k, v in d.items()}

    return Vocab(
        directions={k.lower(): float(v) for k, v in _lang.table(lang, "claims_directions").items()},
        direction_adjectives=low(_lang.table(lang, "claims_direction_adjectives")),
        hedges=low(_lang.table(lang, "claims_hedges")),
        vague={k.lower(): _range(v) for k, v in _lang.table(lang, "claims_vague_amounts").items()},
        units={k.lower(): float(v) for k, v in _lang.table(lang, "claims_units").items()},
        ordinals={k.lower(): int(v) for k, v in _lang.table(lang, "claims_ordinals").items()},
        rank_words=_lang.phrases(lang, "claims_rank_words"),
        demonyms=low(_lang.table(lang, "claims_demonyms")),
        settlements=_lang.phrases(lang, "claims_settlement_nouns"),
        regions=tuple(_lang.table(lang, "claims_region_nouns")),
        region_levels=low(_lang.table(lang, "claims_region_nouns")),
        attributes=low(_lang.table(lang, "claims_attributes")),
        proximity=low(_lang.table(lang, "claims_proximity")),
        pronouns=_lang.phrases(lang, "claims_subject_pronouns"),
        capitals=_lang.phrases(lang, "claims_capital_phrases"),
        population_scales={
            k.lower(): float(v) for k, v in _lang.table(lang, "claims_population").items()
        },
        population_nouns=_lang.phrases(lang, "claims_population_nouns"),
        facilities=_lang.phrases(lang, "claims_facility_nouns"),
        parts=_lang.phrases(lang, "claims_part_nouns"),
        not_names=frozenset(w.lower() for w in _lang.words(lang, "claims_not_names")),
        region_groups={
            k.lower(): tuple(v.split(","))
            for k, v in _lang.table(lang, "claims_region_groups").items()
        },
    )
