"""Language detection (geoinc.language): English, Ukrainian, Russian."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoinc.exceptions import InputError
from geoinc.language import LANGUAGES, detect

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "uaru-dev" / "uk-ru.jsonl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two drones hit a fuel depot near the border on Tuesday.", "en"),
        ("Вночі ворожі дрони влучили в нафтобазу поблизу кордону.", "uk"),
        ("Ночью вражеские дроны попали в нефтебазу у границы.", "ru"),
        ("Їхали швидко", "uk"),  # one marker letter is enough
        ("Съезд закрыт", "ru"),
        # no marker letter: frequent words decide
        ("Після удару по місту", "uk"),
        ("После удара по городу", "ru"),
        # a Latin quotation inside a Cyrillic report
        ("Агентство Reuters повідомило, що удар завдано вночі.", "uk"),
        # a Cyrillic name inside an English report
        ("The mayor of Kharkiv, Ігор Терехов, said two people were hurt.", "en"),
        ("", "en"),
        ("12:30 — 15.08.2025", "en"),
    ],
)
def test_detect(text, expected):
    assert detect(text) == expected
    assert detect(text) in LANGUAGES


@pytest.mark.parametrize("bad", [None, 12, b"bytes"])
def test_detect_rejects_non_text(bad):
    with pytest.raises(InputError, match="needs a str"):
        detect(bad)


def test_detect_reads_only_the_beginning_of_long_text():
    # the first 2,000 characters decide; a Russian appendix does not flip a Ukrainian text
    text = "Уночі було чути вибухи. " * 100 + "Это было ночью. " * 1000
    assert detect(text) == "uk"


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/eval/uaru-dev not available")
def test_detect_on_the_development_passages():
    recs = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    assert all(detect(r["text"]) == r["lang"] for r in recs)
    # and on their first 60 characters (headline-length text)
    assert sum(detect(r["text"][:60]) == r["lang"] for r in recs) >= len(recs) - 1
