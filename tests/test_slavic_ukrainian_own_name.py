"""A Cyrillic name that is a Ukrainian town's official name beats a Russian town that has
it only as a Ukrainian exonym; the Russian spelling still reads as the Russian town."""

import pytest

from geoinc.geoparsing.slavic import geoparse


def _places(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.place.country, m.place.admin1) for m in geoparse(text, lang=lang) if m.place]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Volodymyr (Volyn) is "Володимир"; Vladimir (Russia) has it only as an exonym
        ("uk", "Уранці у Володимирі лунала сирена.", ("UA", "UA.24")),
        ("uk", "Володимир прийняв переселенців із Харківщини.", ("UA", "UA.24")),
        ("uk", "Олександрію знову атакували вночі.", ("UA", "UA.10")),
        # "-ську" is a -ськ town's locative, not an adjective town's (Pervomaiskyi, Russia)
        ("uk", "У Первомайську ввечері зникло світло.", ("UA", "UA.16")),
        ("uk", "Дрон влучив у склад у Слов'янську.", ("UA", "UA.05")),
        # the Russian spelling is the Russian city's own name
        ("ru", "Во Владимире открыли новый мост.", ("RU", "RU.83")),
        # an exonym that is not a Ukrainian town's official name keeps the Russian city
        ("uk", "У Москві заявили про нові санкції.", ("RU", "RU.48")),
    ],
)
def test_own_ukrainian_name_first(lang, text, expected):
    assert _places(text, lang)[:1] == [expected]
