"""The text layer: one sentence splitter, its rules as language data."""

from __future__ import annotations

import pytest

from geoinc import text
from geoinc.claims._context import split_sentences as claim_sentences
from geoinc.extraction.events import split_sentences as event_sentences


def _texts(t, spans):
    return [t[s:e] for s, e, *_ in spans]


def test_prose_rules_keep_abbreviations_initials_and_lines():
    t = "Gov. Oleh Syniehubov and J. Smith spoke on Dec. 31. Drones hit Kharkiv.\nMore"
    assert _texts(t, text.split_sentences(t)) == [
        "Gov. Oleh Syniehubov and J. Smith spoke on Dec. 31.",
        "Drones hit Kharkiv.",
        "More",
    ]


def test_claim_rules_cut_before_any_space_and_keep_line_breaks():
    t = "It lies 30 km from the U.S. border. then more\nNext"
    assert _texts(t, claim_sentences(t)) == [
        "It lies 30 km from the U.S. border.",
        "then more\n",
        "Next",
    ]


def test_extraction_and_claims_read_one_splitter():
    assert event_sentences is text.split_sentences


def test_paragraphs_counted_at_blank_lines():
    assert [p for *_, p in text.split_sentences("One.\n\nTwo. Three.\nFour.")] == [0, 1, 1, 1]


def test_abbreviations_are_data():
    assert "Gov" in text.abbreviations("en")
    assert "вул" in text.abbreviations("uk")  # events_abbreviations.txt, the same loader


def test_a_language_folder_brings_its_abbreviations(tmp_path):
    (tmp_path / "text_abbreviations.txt").write_text("Bsp\n", encoding="utf-8")
    t = "Ein Bsp. Das Ende. Neu"
    assert _texts(t, text.split_sentences(t, tmp_path)) == ["Ein Bsp. Das Ende.", "Neu"]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_slavic_rules_match_the_slavic_splitter(lang):
    slavic = pytest.importorskip("geoinc.extraction.slavic")
    t = (
        "Удар по вул. Шевченка. Є поранені… Далі р-н. Київ.\n\nУ м. Харків «Тиша». "
        "Площа 1400 кв.м. Пожежу загасили на 5 м. Кінець"
    )
    assert text.split_sentences(t, lang) == slavic.split_sentences(t, lang)
