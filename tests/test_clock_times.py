"""A clock time's digits are no count: no drone, casualty or date figure from "02:15"."""

from __future__ import annotations

import pytest

from geoinc.extraction import slavic
from geoinc.extraction.events import find_figures
from geoinc.quantities import clock_time_spans


def _figs(sentence: str, lang: str) -> list[tuple[str, int | None]]:
    found = find_figures(sentence) if lang == "en" else slavic.find_figures(sentence, lang)
    return [(f.field, f.quantity.value) for f in found]


@pytest.mark.parametrize(
    ("text", "clocks"),
    [
        ("Sirens sounded at 03:40 and again at 21:05.", ["03:40", "21:05"]),
        ("The blast came at 4.50 a.m. local time.", ["4.50"]),
        ("о 23:59 пролунав вибух", ["23:59"]),
        # not clock times: a decimal, a ratio of three, an hour past 23, three-digit minutes
        ("a crater 3.25 metres wide", []),
        ("votes split 1:2:3 in the council", []),
        ("at 27:10 on the recording", []),
        ("ref 12:345 of the log", []),
    ],
)
def test_clock_time_spans(text: str, clocks: list[str]) -> None:
    assert [text[a:b] for a, b in clock_time_spans(text)] == clocks


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("At 03:45 a Geran drone struck a grain store near Sumy.", "en", []),
        ("By 2:15 a.m. a drone had hit the depot.", "en", []),
        ("At 16:20 residents were hurt when a shell landed.", "en", []),
        ("At 16:20 three residents were hurt when a shell landed.", "en", [("injured", 3)]),
        (
            "Shortly after 07:50, 12 drones were shot down over the region.",
            "en",
            [("drones_shot_down", 12)],
        ),
        ("Около 16:20 трое местных жителей получили ранения", "ru", [("injured", 3)]),
        ("В 03:45 беспилотник ударил по зернохранилищу", "ru", []),
        ("Около 05:10 сбито 7 беспилотников", "ru", [("drones_shot_down", 7)]),
        ("О 03:45 дрон влучив у зерносховище", "uk", []),
        ("Близько 16:20 троє мешканців були поранені", "uk", [("injured", 3)]),
        ("О 21:40 загинула одна людина", "uk", [("killed", 1)]),
    ],
)
def test_clock_time_is_no_figure(sentence: str, lang: str, expected: list) -> None:
    assert _figs(sentence, lang) == expected


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Около 16:20 трое местных жителей получили ранения", "ru"),
        ("Близько 16:20 троє мешканців були поранені", "uk"),
    ],
)
def test_word_before_clock_time_qualifies_no_count(sentence: str, lang: str) -> None:
    (fig,) = slavic.find_figures(sentence, lang)
    assert fig.quantity.qualifier == "exact"
