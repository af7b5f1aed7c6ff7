"""Word lists the recogniser and the role rules read.

The lists are data files of the English language folder (``geoinc/lang/en/geoparse_*``:
what geoinc treats as a demonym, an organisation's word or a reporting verb, each file
with a comment saying what it is for); this module keeps the names the geoparser
imports. All keys are lower case.
"""

from __future__ import annotations

from geoinc import lang as _lang

__all__ = [
    "ADMIN1_ABBREVIATIONS",
    "POSTAL_CODES",
    "DISEASE_AFTER",
    "COUNTRY_ABBREVIATIONS",
    "DEMONYMS",
    "ORIGIN_SUFFIXES",
    "ORG_AFTER",
    "ORG_BEFORE",
    "ACTOR_VERBS",
    "ACTOR_NOUNS",
    "INSTITUTIONS",
    "REGION_WORDS",
    "SETTLEMENT_WORDS",
    "STOP_NAMES",
    "SUBDIVISION_WORDS",
    "CAPITAL_AFTER_OK",
    "ORG_HEADS",
    "STOP_PHRASES",
    "TITLES",
    "CONTINENT_DEMONYMS",
    "FEATURE_HEADS",
    "FEATURE_PREFIXES",
    "NAME_PREFIXES",
    "DIRECTIONS",
    "WIDE_AREAS",
]

_EN = "en"  # the rules reading these tables are English; other languages bring their own


def _set(name: str) -> frozenset[str]:
    return _lang.words(_EN, f"geoparse_{name}")


def _table(name: str) -> dict[str, str]:
    return dict(_lang.table(_EN, f"geoparse_{name}"))  # a copy: the cached dict stays intact


# A few small text files, read once when the geoparser is imported.
TITLES = _set("titles")
CONTINENT_DEMONYMS: dict[str, str] = _table("continent_demonyms")
COUNTRY_ABBREVIATIONS: dict[str, str] = _table("country_abbreviations")
ADMIN1_ABBREVIATIONS: dict[str, str] = _table("admin1_abbreviations")
POSTAL_CODES: dict[str, str] = _table("postal_codes")
DISEASE_AFTER = _set("disease_after")
DEMONYMS: dict[str, str] = _table("demonyms")
ORIGIN_SUFFIXES = _set("origin_suffixes")
ORG_AFTER = _set("org_after")
ORG_BEFORE = _set("org_before")
ACTOR_VERBS = _set("metonym_verbs")
ACTOR_NOUNS = _set("metonym_nouns")
# name -> (ISO2, capital's name key): the row's two values are tab-separated
INSTITUTIONS: dict[str, tuple[str, str]] = {
    name: tuple(value.split("\t")) for name, value in _table("institutions").items()
}
REGION_WORDS = _set("region_words")
FEATURE_HEADS = _set("feature_heads")
# Capitalised before a known name, these belong to the name ("Lake Erie", "Mount Kenya");
# the first two make it a natural feature.
FEATURE_PREFIXES = frozenset({"lake", "mount"})
NAME_PREFIXES = FEATURE_PREFIXES | {"greater"}
DIRECTIONS = _set("directions")
WIDE_AREAS = _set("wide_areas")
SUBDIVISION_WORDS = _set("subdivision_words")
SETTLEMENT_WORDS = _set("settlement_words")
STOP_NAMES = _set("stop_names")
ORG_HEADS = _set("org_name_words")
STOP_PHRASES = _set("stop_phrases")
CAPITAL_AFTER_OK = _set("capital_after_ok")
