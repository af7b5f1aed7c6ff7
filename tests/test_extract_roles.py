"""Roles in reports of several attacks: each attack told as an item of the day is main.

The passages are written for these tests (bulletins, live blogs, a strike and the
counter-strike, governor posts); none is taken from an evaluation set.
"""

import pytest

from geoinc.extraction.article import wave_cues
from geoinc.extraction.documents import document_from_text
from geoinc.extraction.events import analyse_text
from geoinc.extraction.pipeline import extract_reports


def _roles(text, lang="en", published="2025-03-11"):
    doc = document_from_text(text, published=published, lang=lang)
    out = {}
    for r in extract_reports(doc).reports:
        out.setdefault(r.place.name, set()).add(r.extra["role"])
    return out


@pytest.mark.parametrize(
    "text, lang, places",
    [
        # a regional bulletin: each attack with its own time of day
        (
            "Overnight, Russian drones hit an energy facility in Shostka, the regional "
            "administration said. In the afternoon, shelling in Krasnopillia wounded two women.",
            "en",
            ("Shostka", "Krasnopillya"),
        ),
        # a live blog: timestamped entries
        (
            "Live: Russian attacks on Ukraine\n\n"
            "09:40 — A missile hit an industrial site in Dnipro, injuring four people.\n\n"
            "11:05 — In Odesa, a drone damaged a residential building; one woman was injured.\n\n"
            "13:20 — Two people were killed in a Russian artillery strike on Nikopol.",
            "en",
            ("Dnipro", "Odesa", "Nikopol"),
        ),
        # a strike and the counter-strike
        (
            "Russian forces struck a fuel depot in Kropyvnytskyi on Monday night. Hours "
            "later, Ukrainian drones attacked an oil refinery in Tuapse, causing a fire.",
            "en",
            ("Kropyvnytskyi", "Tuapse"),
        ),
        (
            "Вночі ворожий дрон атакував автомобіль у Шостці, поранено водія. "
            "Увечері росіяни обстріляли Білопілля з артилерії, пошкоджено школу.",
            "uk",
            ("Shostka", "Bilopillia"),
        ),
        (
            "Ночью беспилотник атаковал автомобиль в Шебекино, ранен водитель. "
            "Вечером в Грайвороне в результате обстрела повреждён жилой дом.",
            "ru",
            ("Shebekino", "Grayvoron"),
        ),
    ],
)
def test_attacks_told_as_items_of_the_day_are_main(text, lang, places):
    roles = _roles(text, lang)
    for name in places:
        assert roles.get(name) == {"main"}, (name, roles)


@pytest.mark.parametrize(
    "text, recalled",
    [
        # an earlier month
        (
            "A drone hit a kindergarten in Sumy on Monday, injuring three children. "
            "Last month, in the morning, a missile killed two people in Okhtyrka.",
            "Okhtyrka",
        ),
        # a place recalled as repeatedly targeted, with a time of day
        (
            "A drone hit a kindergarten in Sumy on Monday, injuring three children. "
            "Okhtyrka has been repeatedly shelled in the evening, damaging houses.",
            "Okhtyrka",
        ),
        # another day than the story's
        (
            "A drone hit a kindergarten in Sumy on Monday, injuring three children. "
            "On Friday evening a missile struck a warehouse in Okhtyrka.",
            "Okhtyrka",
        ),
        # drones only shot down: air defence at work, no attack there
        (
            "A drone hit a kindergarten in Sumy on Monday, injuring three children. "
            "Overnight, air defences destroyed 12 drones over the Belgorod region.",
            "Belgorod Oblast",
        ),
    ],
)
def test_recalled_or_passing_attacks_stay_secondary(text, recalled):
    roles = _roles(text)
    assert roles["Sumy"] == {"main"}
    assert "main" not in roles.get(recalled, {"secondary"}), roles


@pytest.mark.parametrize(
    "text, lang, timed, recalled",
    [
        ("Drones hit Sumy overnight. Shelling hit Krasnopillia.", "en", 1, 0),
        ("At 14:20 a missile hit Dnipro. The city has been repeatedly targeted.", "en", 1, 1),
        ("Увечері обстріляли Нікополь. Нагадаємо, раніше місто атакували дрони.", "uk", 1, 1),
        ("Днём обстреляли Белгород. Ранее город неоднократно атаковали.", "ru", 1, 1),
    ],
)
def test_wave_cues_read_times_and_recalls(text, lang, timed, recalled):
    from geoinc.extraction.slavic import analyse_text as slavic_text

    sentences = analyse_text(text, None) if lang == "en" else slavic_text(text, None, lang)
    cues = wave_cues(sentences, lang)
    assert (len(cues.timed), len(cues.recalled)) == (timed, recalled)


@pytest.mark.parametrize(
    "text",
    [
        "Drones hit Sumy on Monday, killing two people. Last March, a missile strike on "
        "the city killed 14.",
        "Drones hit Sumy on Monday, killing two people. A missile strike on the city "
        "killed 14 last October.",
    ],
)
def test_a_toll_recalled_from_last_month_name_is_not_todays(text):
    reports = _by_role(text)
    assert [c["value"] for c in reports["main"].claims if c["field"] == "killed"] == [2]
    assert reports["secondary"].date_precision == 4


def _by_role(text):
    doc = document_from_text(text, published="2025-03-11")
    return {r.extra["role"]: r for r in extract_reports(doc).reports}
