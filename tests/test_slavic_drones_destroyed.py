"""A destroying verb that governs a drone count makes it a count shot down (uk/ru)."""

import pytest

from geoinc.extraction.slavic import find_figures


def _drones(sentence: str, lang: str) -> list[tuple[str, int]]:
    return [
        (f.field, f.quantity.value)
        for f in find_figures(sentence, lang)
        if f.field.startswith("drones_")
    ]


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("uk", "Над Черкащиною знищено 14 БпЛА.", [("drones_shot_down", 14)]),
        ("uk", "Протягом ночі знищені 9 безпілотників.", [("drones_shot_down", 9)]),
        ("uk", "Захисники збили та знищили 33 ударні дрони.", [("drones_shot_down", 33)]),
        ("uk", "Ліквідовано ще 6 дронів-камікадзе над морем.", [("drones_shot_down", 6)]),
        ("uk", "Уночі 27 ворожих дронів було знищено.", [("drones_shot_down", 27)]),
        ("ru", "За ночь уничтожено 11 беспилотников.", [("drones_shot_down", 11)]),
        ("ru", "Над регионом уничтожены 8 БПЛА самолетного типа.", [("drones_shot_down", 8)]),
        ("ru", "Ещё 5 беспилотников были уничтожены над заливом.", [("drones_shot_down", 5)]),
    ],
)
def test_destroyed_drones_are_shot_down(lang, sentence, expected):
    assert _drones(sentence, lang) == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        # the verb's object is a building, not the drones counted after the comma
        ("uk", "Знищено 2 склади, ворог запустив 19 дронів.", [("drones_launched", 19)]),
        ("uk", "Зруйновано й знищено гараж. Росіяни випустили 12 БпЛА.", [("drones_launched", 12)]),
        ("ru", "Уничтожен ангар, противник запустил 16 беспилотников.", [("drones_launched", 16)]),
        ("ru", "Враг атаковал 24 беспилотниками.", [("drones_launched", 24)]),
    ],
)
def test_destroyed_other_objects_leave_launched(lang, sentence, expected):
    assert _drones(sentence, lang) == expected
