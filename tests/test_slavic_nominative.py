"""The nominative a Ukrainian/Russian word form reaches (geoparsing/slavic ``_nominative``)
is pymorphy3's own ``inflect({"nomn"})``, for every analysis of the word."""

from __future__ import annotations

import pytest

from geoinc.geoparsing import slavic

WORDS = [
    ("uk", "Харківської"),
    ("uk", "Запорізькій"),
    ("uk", "селами"),
    ("uk", "Бахмутом"),
    ("uk", "обстрілів"),
    ("ru", "Белгородской"),
    ("ru", "по Алешкам"),
    ("ru", "деревнях"),
    ("ru", "Курском"),
    ("ru", "беспилотниками"),
    # words the dictionary lacks, guessed by their endings
    ("uk", "Званівської"),
    ("uk", "Здолбунові"),
    ("ru", "Грайворонского"),
    ("ru", "Суземкой"),
]


@pytest.mark.parametrize(("lang", "phrase"), WORDS)
def test_nominative_is_pymorphy_inflect(lang: str, phrase: str) -> None:
    word = phrase.split()[-1]
    parses = slavic.morph(lang).parse(word)
    assert parses
    for p in parses:
        infl = p.inflect({"nomn"})
        assert slavic._nominative(lang, p) == (None if infl is None else infl.word)


def test_cleared_caches_give_the_same_nominative() -> None:
    p = slavic.morph("uk").parse("Харківської")[0]
    first = slavic._nominative("uk", p)
    slavic.clear_caches()
    assert slavic._nominative("uk", p) == first == "харківська"
