"""Words that are not places, and feature names that are not their towns (docs/audit.md),
on sentences of our own: a news agency, a first name, a ship, a hotel, a river or
reservoir named after (or as) a town."""

from __future__ import annotations

import pytest

pytest.importorskip("pymorphy3")

from geoinc.geoparsing import geoparse  # noqa: E402


def places(text: str, lang: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.name, m.place.kind) for m in geoparse(text, lang=lang)}


@pytest.mark.parametrize(
    ("text", "lang", "surface"),
    [
        # a news agency after its noun
        ("Как передает агентство САНА, взрывы слышали в пригороде.", "ru", "САНА"),
        # a first name before a surname the dictionary does not know as one
        ("Губернатор Владимир Сальдо сообщил о взрывах.", "ru", "Владимир"),
        ("Очільник області Володимир Сальдо прокоментував вибухи.", "uk", "Володимир"),
        # a ship's name
        ("Десантный корабль «Новочеркасск» получил повреждения.", "ru", "Новочеркасск"),
        ("Корабель «Новочеркаськ» отримав пошкодження.", "uk", "Новочеркаськ"),
        ("The landing ship Novocherkassk was damaged.", "en", "Novocherkassk"),
        # an establishment named after a foreign city
        ("A drone damaged the Bristol hotel in Odesa.", "en", "Bristol"),
        ("Debris fell near the London restaurant in Kyiv.", "en", "London"),
        # a river or reservoir: the water or nothing, never the town
        ("Shelling came from the left bank of the Dnipro.", "en", "Dnipro"),
        ("The Dnipro's left bank was shelled.", "en", "Dnipro"),
        ("Mines were found in the Kakhovka reservoir.", "en", "Kakhovka"),
        ("Ворог обстріляв лівий берег Дніпра.", "uk", "Дніпра"),
        ("С левого берега Днепра обстреляли село.", "ru", "Днепра"),
    ],
)
def test_no_town_of_that_name(text, lang, surface):
    got = places(text, lang)
    assert surface not in got or got[surface][1] in ("water", "feature")


@pytest.mark.parametrize(
    ("text", "lang", "surface", "name"),
    [
        # the same names where they are places
        ("Во Владимире прозвучали взрывы.", "ru", "Владимире", "Vladimir"),
        ("Беспилотник атаковал Днепр.", "ru", "Днепр", "Dnipro"),
        ("Уночі дрони атакували Дніпро.", "uk", "Дніпро", "Dnipro"),
        ("Drones hit Dnipro overnight.", "en", "Dnipro", "Dnipro"),
        ("A drone hit the hotel in Odesa.", "en", "Odesa", "Odesa"),
        ("Explosions were heard in Bristol.", "en", "Bristol", "Bristol"),
        ("Израиль нанес удар по Сане.", "ru", "Сане", "Sanaa"),
    ],
)
def test_the_places_stay(text, lang, surface, name):
    assert places(text, lang)[surface][0] == name


@pytest.mark.parametrize(
    ("text", "lang", "surface"),
    [
        ("Ворог обстріляв правий берег Дніпра біля села.", "uk", "Дніпра"),
        ("С левого берега Днепра обстреляли село.", "ru", "Днепра"),
        ("Shelling came from the left bank of the Dnipro.", "en", "Dnipro"),
    ],
)
def test_a_river_after_its_bank_is_the_river(text, lang, surface):
    assert places(text, lang)[surface] == ("Dnipro", "water")
