"""A Russian ё written "yo" in English text finds the name the gazetteer spells with e."""

from __future__ import annotations

import pytest

from geoinc.geoparsing import geoparse
from geoinc.names import yo_as_e


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("shakhtyorsk", "shakhtersk"),
        ("shchyolkino", "shchelkino"),
        ("semyonovka", "semenovka"),
        # no consonant before it: a "yo" of its own, kept
        ("yorkshire", "yorkshire"),
        ("mayo", "mayo"),
    ],
)
def test_yo_as_e(key: str, expected: str) -> None:
    assert yo_as_e(key) == expected


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Artillery pounded Shakhtyorsk overnight.", "Shakhtyorsk", "UA"),
        ("Explosions were heard in Shchyolkino, on the Kerch peninsula.", "Shchyolkino", "UA"),
        # a spelling the gazetteer has with "yo" is still read as it is
        ("Wagner fighters held positions in Artyomovsk.", "Artyomovsk", "UA"),
        # names spelt with "yo" of their own are untouched
        ("Delegates flew from Kyoto to Tokyo.", "Kyoto", "JP"),
    ],
)
def test_yo_spelling_is_recognised(text: str, name: str, country: str) -> None:
    found = {r.text: r.place.country for r in geoparse(text) if r.place is not None}
    assert found.get(name) == country
