"""geoinc.claims: finding geographic claims in text and verifying them."""

from __future__ import annotations

import dataclasses
import json

import pytest

from geoinc.claims import (
    CONSISTENT,
    INCONSISTENT,
    ROUGHLY,
    UNVERIFIABLE,
    VERDICTS,
    check_text,
    city_radius_km,
)
from geoinc.exceptions import ClaimError

OK = (CONSISTENT, ROUGHLY)


def _one(text: str, kind: str):
    found = [r for r in check_text(text) if r.kind == kind]
    assert len(found) == 1, [(r.kind, r.text) for r in check_text(text)]
    return found[0]


# ------------------------------------------------------------------ the seed articles
@pytest.fixture(scope="module")
def seed_results(seed_texts):
    return {k: (t, check_text(t)) for k, t in seed_texts.items()}


def test_seed_000_border_claim_about_belgorod(seed_results):
    text, results = seed_results["000"]
    [r] = [r for r in results if r.kind == "border_distance"]
    assert r.place.name == "Belgorod" and r.place.country == "RU"
    assert r.verdict in OK
    assert r.stated["value"] == 30 and r.stated["unit"] == "km" and r.stated["qualifier"] == "just"
    assert r.stated["alt_km"] == pytest.approx(19 * 1.609344, abs=0.01) and r.stated["alt_agrees"]
    assert r.computed["km_by_dataset"]["osm"] == pytest.approx(32.08, abs=0.05)
    assert r.computed["km_by_dataset"]["naturalearth"] == pytest.approx(35.39, abs=0.05)
    assert r.dataset == "osm" and r.border_point == pytest.approx((36.4334, 50.3308), abs=1e-3)
    assert "geodesic" in r.method and "naturalearth" in r.method and "Crimea in Ukraine" in r.method
    assert "30 kilometers (19 miles) from the border" in r.text
    assert text[r.start : r.end] == r.text and r.text in r.sentence


def test_seed_002_adjacency_and_rank_for_kharkiv(seed_results):
    _, results = seed_results["002"]
    adj = [r for r in results if r.kind == "adjacency"]
    assert len(adj) == 1
    assert adj[0].place.name == "Kharkiv" and adj[0].other.name == "Belgorod"
    assert adj[0].verdict == CONSISTENT
    assert adj[0].computed["km_between"] == pytest.approx(72.95, abs=0.1)
    rank = [r for r in results if r.kind == "rank" and r.place is not None]
    assert [(r.place.name, r.verdict, r.computed["rank"]) for r in rank] == [
        ("Kharkiv", CONSISTENT, 2)
    ]
    assert "second-largest" in rank[0].text


def test_seed_002_headline_rank_without_a_place_is_unverifiable(seed_results):
    _, results = seed_results["002"]
    headline = [r for r in results if r.kind == "rank" and r.start < 100]
    assert [r.verdict for r in headline] == [UNVERIFIABLE]


def test_seed_001_northeastern_city_of_kharkiv(seed_results):
    _, results = seed_results["001"]
    [r] = [r for r in results if r.kind == "region_direction"]
    assert r.text.startswith("northeastern city of Kharkiv") and r.place.name == "Kharkiv"
    # Kharkiv lies 71° from Ukraine's centre: 26° off north-east, one compass sector
    # (±22.5°) is the frozen consistent limit, so it is roughly consistent
    assert r.verdict == ROUGHLY and r.stated["country"] == "UA"
    assert r.computed["in_country"] is True


def test_seed_offsets_and_sentences(seed_results):
    for text, results in seed_results.values():
        for r in results:
            assert text[r.start : r.end] == r.text
            assert text[r.sentence_start : r.sentence_start + len(r.sentence)] == r.sentence
            assert r.sentence_start <= r.start and r.end <= r.sentence_start + len(r.sentence)
            assert r.verdict in VERDICTS
        assert [r.start for r in results] == sorted(r.start for r in results)


# ------------------------------------------------------------------ counter-cases (own words)
@pytest.mark.parametrize(
    ("text", "kind", "verdict"),
    [
        (
            "Shells fell on Belgorod, 5 km from the border, overnight.",
            "border_distance",
            INCONSISTENT,
        ),
        ("Lviv, Ukraine's second-largest city, had a quiet night.", "rank", INCONSISTENT),
        ("Sirens sounded in Kharkiv in western Ukraine.", "region_direction", INCONSISTENT),
        ("Sirens sounded in Kharkiv in eastern Ukraine.", "region_direction", CONSISTENT),
        ("Odesa, Ukraine's largest city, was hit.", "rank", INCONSISTENT),
        ("Odesa, the country's third largest city, was hit.", "rank", CONSISTENT),
        ("The second-largest city in Ukraine, Kharkiv, was hit.", "rank", CONSISTENT),
        ("Lviv, just across the border from Belgorod, was calm.", "adjacency", INCONSISTENT),
        ("Kramatorsk, some 80 km north of Donetsk, was shelled.", "place_distance", CONSISTENT),
        ("Kramatorsk, some 80 km south of Donetsk, was shelled.", "place_distance", INCONSISTENT),
        ("Kramatorsk, some 300 km north of Donetsk, was shelled.", "place_distance", INCONSISTENT),
        ("Irpin, a town north-west of Kyiv, was shelled.", "direction", CONSISTENT),
        ("Irpin, a town east of Kyiv, was shelled.", "direction", INCONSISTENT),
        ("Drones struck the Russian city of Sevastopol.", "country", INCONSISTENT),
        ("Drones struck the Ukrainian city of Sumy.", "country", CONSISTENT),
        ("Officials in the Russian border town of Shebekino said ...", "border_city", CONSISTENT),
        ("Officials in the border city of Lviv said ...", "border_city", CONSISTENT),
        ("Officials in the border city of Dnipro said ...", "border_city", INCONSISTENT),
    ],
)
def test_verdicts(text, kind, verdict):
    assert _one(text, kind).verdict == verdict


@pytest.mark.parametrize(
    ("phrase", "verdict"),
    [
        ("30 km", CONSISTENT),
        ("about 20 miles", CONSISTENT),
        ("nearly 35 km", CONSISTENT),
        ("more than 20 km", CONSISTENT),
        ("30-40 km", CONSISTENT),
        ("thirty kilometres", CONSISTENT),
        ("25 km", CONSISTENT),  # short of the centre distance, but inside the city's extent
        ("18 km", ROUGHLY),  # 8 km short of the city's nearest edge
        ("less than 20 km", ROUGHLY),
        ("less than 10 km", INCONSISTENT),
        ("more than 50 km", ROUGHLY),
        ("more than 60 km", INCONSISTENT),
        ("100 km", INCONSISTENT),
        ("5 miles", INCONSISTENT),
    ],
)
def test_distance_qualifiers_for_belgorod(phrase, verdict):
    r = _one(f"Belgorod, a city {phrase} from the border, was hit.", "border_distance")
    assert r.verdict == verdict, (r.stated, r.computed, r.tolerance)
    assert r.place.name == "Belgorod"


def test_stated_intervals():
    r = _one("Belgorod, less than 20 miles from the border, was hit.", "border_distance")
    assert (r.stated["low"], r.stated["high"], r.stated["unit"]) == (
        0.0,
        pytest.approx(32.187, abs=1e-3),
        "mi",
    )
    r = _one("Belgorod, more than 20 km from the border, was hit.", "border_distance")
    assert r.stated["high"] == float("inf")
    assert r.to_dict()["stated"]["high"] is None  # JSON has no infinity


def test_mismatched_bracketed_conversion_is_noted():
    r = _one("Belgorod, 30 kilometers (40 miles) from the border, was hit.", "border_distance")
    assert r.stated["alt_agrees"] is False and "does not match" in r.reason


def test_border_with_a_named_country():
    r = _one("Sumy, about 30 km from the Russian border, was hit.", "border_distance")
    assert r.computed["border"] == "RU–UA" and r.verdict in OK


@pytest.mark.parametrize(
    "text",
    [
        "Qwxzyville, 30 km from the border, was shelled.",
        "Zorbland's second-largest city, Kharkiv, was hit.",
        "Qwxzyville, about 40 km north of Donetsk, was shelled.",
        "Qwxzyville, just across the border from Belgorod, was shelled.",
    ],
)
def test_unknown_places_are_unverifiable_not_errors(text):
    results = check_text(text)
    assert results and all(r.verdict == UNVERIFIABLE for r in results)
    assert all(r.reason for r in results)


def test_unknown_place_keeps_its_name():
    [r] = check_text("Qwxzyville, 30 km from the border, was shelled.")
    assert r.subject == "Qwxzyville" and r.place is None and "Qwxzyville" in r.reason
    assert r.stated["value"] == 30  # what the text said is still reported


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "No places here at all.",
        "<script>alert(1)</script> 30 km from the border",
        "km km km 5 from the",
        "\u202e\u0000odd text 1e309 km from the border",
    ],
)
def test_odd_text_never_raises(text):
    for r in check_text(text):
        assert r.verdict in VERDICTS


def test_non_string_input():
    with pytest.raises(ClaimError):
        check_text(b"Belgorod")  # type: ignore[arg-type]


def test_subject_after_a_copula_is_the_sentence_subject():
    text = "Kharkiv, just across the border from Belgorod, is the country's second-largest city."
    rank = _one(text, "rank")
    assert rank.place.name == "Kharkiv" and rank.verdict == CONSISTENT
    adj = _one(text, "adjacency")
    assert (adj.place.name, adj.other.name) == ("Kharkiv", "Belgorod")


def test_kinds_filter():
    text = "Lviv, Ukraine's second-largest city, lies in western Ukraine."
    assert {r.kind for r in check_text(text)} == {"rank", "region_direction"}
    assert {r.kind for r in check_text(text, kinds=("rank",))} == {"rank"}


# ------------------------------------------------------------------ result objects
def test_result_is_frozen_and_json_ready():
    [r] = check_text("Belgorod, 30 km from the border, was hit.")
    assert r.subject_start == 0 and r.subject_end == 8 and r.subject_from == "sentence"
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.verdict = CONSISTENT  # type: ignore[misc]
    d = r.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["place"]["name"] == "Belgorod" and d["border_point"] == list(r.border_point)
    assert d["tolerance"] and d["method"] and "Crimea" in d["point_of_view"]


@pytest.mark.parametrize(
    ("population", "km"), [(0, 0.5), (345_289, 6.05), (1_421_125, 12.28), (10**9, 25.0)]
)
def test_city_radius(population, km):
    assert city_radius_km(population) == pytest.approx(km, abs=0.01)


def test_sentence_split_keeps_abbreviations():
    text = "The U.S. said Belgorod, 30 km from the border, was hit. Then Kyiv spoke."
    [r] = check_text(text)
    assert r.sentence.startswith("The U.S. said") and r.sentence.endswith("was hit.")


def test_compound_number_words_are_read_like_casualty_figures():
    from geoinc.claims import check_text

    [claim] = [
        c
        for c in check_text("Belgorod lies some twenty-five kilometres from the border.")
        if c.kind == "border_distance"
    ]
    assert claim.stated["value"] == 25.0
    assert claim.verdict in ("consistent", "roughly consistent")
