"""Evaluation on annotated conflict news (geoinc.evaluation.conflict).

Small records written for these tests check the matching rules; the real development set
(``../shared/eval/uaru-dev``) sets CI floors and is skipped when absent.
"""

import json
from pathlib import Path

import pytest

from geoinc.evaluation.conflict import (
    evaluate_conflict,
    is_conflict_corpus,
    load_records,
    score_incidents,
    weapon_class_of_text,
    weapon_classes_of_text,
)

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "uaru-dev"
KHARKIV = {
    "canonical": "Kharkiv",
    "type": "city",
    "lat": 49.98081,
    "lon": 36.25272,
    "coord_precision": "geonames",
    "geonameid": 706483,
    "key": "kharkiv",
}
SUMY_OBLAST = {
    "canonical": "Sumy Oblast",
    "type": "admin1",
    "lat": 50.9,
    "lon": 34.6,
    "coord_precision": "approx_centroid",
    "key": "sumy_oblast",
}


def _gold(place, role="main", date=None, killed=None, weapon=None):
    return {
        "role": role,
        "place_text": place["canonical"],
        "place_referent": place,
        "date": date,
        "killed": None if killed is None else {"value": killed, "qualifier": "exact"},
        "injured": None,
        "weapon": weapon,
    }


def _pred(lon, lat, role="main", start=None, end=None, killed=None, kind="place", admin1="UA.07"):
    return {
        "lon": lon,
        "lat": lat,
        "role": role,
        "date_start": start,
        "date_end": end or start,
        "killed_best": killed,
        "place_kind": kind,
        "admin1": admin1,
        "weapon": [],
        "_offsets": [],
        "place_name": "x",
    }


def _rec(*incidents, published="2024-05-20"):
    return {
        "id": "t",
        "lang": "en",
        "text": "",
        "published": published,
        "places": [],
        "incidents": list(incidents),
        "non_location_traps": [],
    }


def test_place_within_25_km_and_date_match():
    from datetime import date

    rec = _rec(_gold(KHARKIV, date="2024-05-19", killed=3))
    near = _pred(36.30, 49.99, start=date(2024, 5, 18), end=date(2024, 5, 19), killed=3)
    m = score_incidents([rec], [[near]])["metrics"]["all"]
    assert m["main"]["f1"] == 1.0 and m["killed_right"] == 1.0
    # wrong day: no match; a range of more than two days is too loose
    wrong = _pred(36.30, 49.99, start=date(2024, 5, 10))
    assert score_incidents([rec], [[wrong]])["metrics"]["all"]["main"]["tp"] == 0
    loose = _pred(36.30, 49.99, start=date(2024, 5, 15), end=date(2024, 5, 19))
    assert score_incidents([rec], [[loose]])["metrics"]["all"]["main"]["tp"] == 0


def test_far_place_does_not_match_and_region_level_needs_the_same_oblast():
    far = _pred(35.05, 48.46)  # Dnipro, 200 km away
    rec = _rec(_gold(KHARKIV))
    assert score_incidents([rec], [[far]])["metrics"]["all"]["all"]["tp"] == 0
    # a region-level gold matches a town inside that oblast, not one outside it
    inside = _pred(34.80, 50.91, admin1="UA.21")  # Sumy city, in Sumy Oblast
    outside = _pred(36.25, 49.98, admin1="UA.07")
    rec = _rec(_gold(SUMY_OBLAST))
    assert score_incidents([rec], [[inside]])["metrics"]["all"]["all"]["tp"] == 1
    assert score_incidents([rec], [[outside]])["metrics"]["all"]["all"]["tp"] == 0


def test_country_level_sides_match_by_country_code():
    ukraine = {
        "canonical": "Ukraine",
        "type": "country",
        "country_code": "UA",
        "lat": 49.0,
        "lon": 31.4,
        "coord_precision": "approx_centroid",
        "key": "ukraine",
    }
    rec = _rec(_gold(ukraine))
    # the country's record point lies ~100 km from the annotators' centroid
    same = dict(_pred(32.14, 49.72, kind="country", admin1=None), country="UA")
    other = dict(_pred(32.14, 49.72, kind="country", admin1=None), country="RU")
    assert score_incidents([rec], [[same]])["metrics"]["all"]["all"]["tp"] == 1
    assert score_incidents([rec], [[other]])["metrics"]["all"]["all"]["tp"] == 0


def test_main_is_scored_apart_from_secondary():
    rec = _rec(_gold(KHARKIV, role="secondary"))
    pred = _pred(36.25, 49.98, role="main")
    m = score_incidents([rec], [[pred]])["metrics"]["all"]
    assert m["all"]["tp"] == 1 and m["main"]["tp"] == 0 and m["main"]["predicted"] == 1


def test_explicit_zero_must_be_zero():
    rec = _rec(_gold(KHARKIV, killed=0))
    rec["incidents"][0]["killed"]["qualifier"] = "none"
    missing = _pred(36.25, 49.98, killed=None)
    m = score_incidents([rec], [[missing]])["metrics"]["all"]
    assert m["killed_zero_right"] == 0.0 and m["killed_right"] == 0.0


@pytest.mark.parametrize(
    "text, cls",
    [
        ("Shahed drones", "drone"),
        ("glide bombs (KAB)", "air"),
        ("Iskander-M missiles", "missile"),
        ("artillery shelling", "artillery"),
        ("unspecified", None),
        # whole words: a bomber launches missiles, "aerial targets" are no air strike
        ("cruise missiles fired by a long-range bomber", "missile"),
        ("unidentified aerial targets", None),
        ("a car bomb", None),
        ("uncrewed boats (sea drones)", "drone"),
        ("a tanker hit at sea", None),
        ("Kh-59 missile", "missile"),
    ],
)
def test_weapon_classes(text, cls):
    assert weapon_class_of_text(text) == cls


@pytest.mark.parametrize(
    "text, classes",
    [
        ("ballistic missiles and attack drones", ("drone", "missile")),
        ("MLRS and mortar fire", ("missile", "artillery")),
        ("guided bombs", ("air",)),
        ("unspecified", ()),
    ],
)
def test_every_class_a_gold_weapon_names(text, classes):
    assert weapon_classes_of_text(text) == classes


@pytest.mark.parametrize(
    "gold, predicted, right",
    [
        ("missiles and drones", ["missiles"], True),  # a mixed attack: any class it names
        ("missiles and drones", ["Shahed drones"], True),
        ("missiles and drones", ["artillery"], False),
        ("drones", ["missiles", "missiles"], False),
        ("drones", [], False),
    ],
)
def test_weapon_class_right_on_a_mixed_attack(gold, predicted, right):
    rec = _rec(_gold(KHARKIV, weapon=gold))
    pred = dict(_pred(36.25, 49.98), weapon=predicted)
    m = score_incidents([rec], [[pred]])["metrics"]["all"]
    assert m["weapon_class_right"] == (1.0 if right else 0.0)


def test_format_is_told_apart(tmp_path):
    conflict = tmp_path / "c.jsonl"
    conflict.write_text(json.dumps(_rec()) + "\n", encoding="utf-8")
    geoparsing = tmp_path / "g.jsonl"
    geoparsing.write_text(json.dumps({"text": "x", "toponyms": []}) + "\n", encoding="utf-8")
    assert is_conflict_corpus(conflict) and not is_conflict_corpus(geoparsing)
    assert load_records(conflict)[0]["lang"] == "en"


def test_end_to_end_on_a_written_passage(tmp_path):
    rec = _rec(_gold(KHARKIV, date="2024-05-19", killed=2))
    rec["text"] = "Russian drones struck Kharkiv on Sunday, killing two people."
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    report = evaluate_conflict(path, parts=("incidents",))
    m = report.incidents["metrics"]["en"]
    assert m["main"]["f1"] == 1.0 and m["killed_right"] == 1.0 and m["date_right"] == 1.0
    assert "Incidents" in report.format_table()


# --------------------------------------------------------------------------- dev set floors

needs_dev = pytest.mark.skipif(not (DEV / "en.jsonl").exists(), reason="uaru-dev not present")


@pytest.fixture(scope="module")
def dev_en():
    return evaluate_conflict(DEV / "en.jsonl", parts=("incidents",)).incidents["metrics"]["en"]


@needs_dev
def test_dev_incident_floors(dev_en):
    # floors a little under the measured figures (docs/accuracy.md): a drop fails CI
    assert dev_en["main"]["f1"] >= 0.87
    assert dev_en["all"]["f1"] >= 0.75
    assert dev_en["date_right"] >= 0.96
    assert dev_en["killed_right"] >= 0.91
    assert dev_en["injured_right"] >= 0.93
    # one explicit zero missed of the seven is 0.857
    assert dev_en["killed_zero_right"] >= 0.85
    assert dev_en["injured_zero_right"] >= 0.85
    assert dev_en["weapon_class_right"] >= 0.87  # 0.894 (126 of 141)


@needs_dev
def test_dev_no_incident_at_traps(dev_en):
    assert dev_en["incidents_at_traps"] <= 1
