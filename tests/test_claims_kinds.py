"""geoinc.claims: every claim kind's four outcomes, rewording invariance, subjects across
sentences, the coast buffer and the registry. All sentences are the project's own."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoinc.claims import (
    CONSISTENT,
    INCONSISTENT,
    ROUGHLY,
    UNVERIFIABLE,
    VERDICTS,
    check_text,
    kinds,
)
from geoinc.exceptions import ClaimError


def _one(text: str, kind: str):
    found = [r for r in check_text(text) if r.kind == kind]
    assert len(found) == 1, [(r.kind, r.text, r.verdict) for r in check_text(text)]
    return found[0]


# ------------------------------------------------------------------ four outcomes per kind
CASES = {
    "border_distance": [
        ("Sumy, about 30km from Russia, was shelled.", CONSISTENT),
        ("Lviv, about 70 km from the Polish border, was hit.", ROUGHLY),
        ("Lviv, about 400 km from the border, was hit.", INCONSISTENT),
        ("Qwxzyville, 30 km from the border, was shelled.", UNVERIFIABLE),
    ],
    "place_distance": [
        ("Kramatorsk, some 80 km north of Donetsk, was shelled.", CONSISTENT),
        ("Kramatorsk, about 95 km north of Donetsk, was shelled.", ROUGHLY),
        ("Kramatorsk, about 120 km north of Donetsk, was shelled.", INCONSISTENT),
        ("Qwxzyville, 20 km east of Kharkiv, was hit.", UNVERIFIABLE),
    ],
    "direction": [
        ("Irpin, a town north-west of Kyiv, was hit.", CONSISTENT),
        ("Irpin, a town north of Kyiv, was hit.", ROUGHLY),
        ("Irpin, a town south of Kyiv, was hit.", INCONSISTENT),
        ("Qwxzyville, a village east of Kyiv, was hit.", UNVERIFIABLE),
    ],
    "region_direction": [
        ("Uzhhorod, in western Ukraine, was quiet.", CONSISTENT),
        ("Zhytomyr, in western Ukraine, was hit.", ROUGHLY),
        ("The northern city of Odesa was shelled.", INCONSISTENT),
        ("The western city of Qwxzyville was hit.", UNVERIFIABLE),
    ],
    "adjacency": [
        ("Bucha, near Kyiv, was hit.", CONSISTENT),
        ("Fastiv, near Kyiv, was hit.", ROUGHLY),
        ("Poltava, near Kyiv, was hit.", INCONSISTENT),
        ("Qwxzyville, just across the border from Belgorod, was shelled.", UNVERIFIABLE),
    ],
    "border_proximity": [
        ("Sumy, near the Russian border, was hit.", CONSISTENT),
        ("Poltava, near the Russian border, was hit.", ROUGHLY),
        ("Lviv, near the Russian border, was hit.", INCONSISTENT),
        ("Qwxzyville, near the border, was hit.", UNVERIFIABLE),
    ],
    "border_city": [
        ("Drones hit the border town of Shebekino.", CONSISTENT),
        ("The border city of Poltava was hit.", ROUGHLY),
        ("Officials in the border city of Dnipro said so.", INCONSISTENT),
        ("The border city of Qwxzyville was hit.", UNVERIFIABLE),
    ],
    "rank": [
        ("Odesa, Ukraine's third largest, was shelled.", CONSISTENT),
        ("Dnipro, Ukraine's third largest, was shelled.", ROUGHLY),
        ("Kharkiv, Ukraine's third-largest city, was shelled.", INCONSISTENT),
        ("Qwxzyville, Ukraine's third largest city, was hit.", UNVERIFIABLE),
    ],
    "population": [
        ("Kharkiv, a city of 1.4 million people, was hit.", CONSISTENT),
        ("Kharkiv, a city of 1.1 million people, was hit.", ROUGHLY),
        ("Kharkiv, a city of 3 million people, was hit.", INCONSISTENT),
        ("Qwxzyville, a town of 3,000 people, was hit.", UNVERIFIABLE),
    ],
    "attribute": [
        ("The port city of Odesa was hit.", CONSISTENT),
        ("The port city of Mykolaiv was hit.", CONSISTENT),
        ("The port city of Poltava was hit.", INCONSISTENT),
        ("The industrial city of Dnipro was hit.", UNVERIFIABLE),
    ],
    "region": [
        ("Lozova, in the Kharkiv region, was hit.", CONSISTENT),
        ("Izium, in the Donetsk region, was hit.", INCONSISTENT),
        ("Lozova, in the Poltava region, was hit.", INCONSISTENT),
        ("Lozova, in the Zorbland region, was hit.", UNVERIFIABLE),
    ],
    "river_bank": [
        ("Enerhodar, on the left bank of the Dnipro, was shelled.", CONSISTENT),
        ("Marhanets, on the left bank of the Dnipro, was shelled.", INCONSISTENT),
        ("Poltava, on the left bank of the Dnipro, was shelled.", INCONSISTENT),
        ("Kherson, on the right bank of the Dnipro, was shelled.", UNVERIFIABLE),
        ("Sumy, on the right bank of the Psel, was shelled.", UNVERIFIABLE),
    ],
    # never judged: no front-line data is bundled (it moves); kept, with the reason
    "front_distance": [
        ("Kramatorsk, about 20 km from the front line, was hit.", UNVERIFIABLE),
        ("The village lies 5 miles west of the frontline.", UNVERIFIABLE),
    ],
    "country": [
        ("Drones struck the Ukrainian city of Sumy.", CONSISTENT),
        ("Drones struck the Russian city of Belgorod.", CONSISTENT),
        ("Drones struck the Russian city of Sevastopol.", INCONSISTENT),
        ("Drones struck the Ukrainian city of Qwxzyville.", UNVERIFIABLE),
    ],
}


@pytest.mark.parametrize(
    ("kind", "text", "verdict"),
    [(k, t, v) for k, cases in CASES.items() for t, v in cases],
    ids=lambda x: x if isinstance(x, str) and len(x) < 20 else None,
)
def test_outcomes(kind, text, verdict):
    r = _one(text, kind)
    assert r.verdict == verdict, (r.reason, r.tolerance)
    assert r.reason and r.tolerance
    assert text[r.start : r.end] == r.text


#: Kinds the bundled data can never judge (docs/claims.md, Limits).
NEVER_JUDGED = {"front_distance"}


def test_every_kind_has_its_four_outcomes_covered():
    assert set(CASES) == set(kinds())
    for kind, cases in CASES.items():
        want = {UNVERIFIABLE} if kind in NEVER_JUDGED else {CONSISTENT, INCONSISTENT, UNVERIFIABLE}
        assert {v for _, v in cases} >= want
    outcomes = {v for cases in CASES.values() for _, v in cases}
    assert outcomes == set(VERDICTS)


# ------------------------------------------------------------------ what the issue saw wrong
def test_from_russia_is_the_russian_border_not_a_place_called_russia():
    r = _one("Sumy, about 30km from Russia, was shelled.", "border_distance")
    assert r.computed["border"] == "RU–UA" and r.computed["km"] < 40


def test_a_named_border_is_the_one_measured():
    r = _one("Lviv, 60 km from the border with NATO member Poland, was hit.", "border_distance")
    assert r.computed["border"] == "PL–UA" and r.verdict == CONSISTENT
    r = _one("Lviv, 60 km from the Russian border, was hit.", "border_distance")
    assert r.computed["border"] == "RU–UA" and r.verdict == INCONSISTENT


def test_a_few_miles_is_a_range():
    r = _one("Shebekino lies a few miles from the border.", "border_distance")
    assert r.stated["low"] == pytest.approx(2 * 1.609344, abs=0.01)
    assert r.stated["high"] == pytest.approx(9 * 1.609344, abs=0.01)
    assert r.verdict == CONSISTENT


@pytest.mark.parametrize(
    ("hedge", "low", "high"),
    [("nearly", 34.0, 40.0), ("less than", 0.0, 40.0), ("about", 40.0, 40.0)],
)
def test_hedges_widen_as_the_word_means(hedge, low, high):
    r = _one(f"Belgorod, {hedge} 40 km from the border, was hit.", "border_distance")
    assert (r.stated["low"], r.stated["high"]) == (pytest.approx(low), pytest.approx(high))


def test_more_than_is_open_ended():
    r = _one("Belgorod, more than 20 km from the border, was hit.", "border_distance")
    assert r.stated["high"] == float("inf") and r.verdict == CONSISTENT


def test_southern_coastal_city_is_southern():
    r = _one("The southern city of Mariupol was shelled.", "region_direction")
    assert r.verdict == CONSISTENT and "coast" in r.reason


def test_object_introduced_as_the_capital():
    r = _one("Chernihiv, about 140 km north of the capital Kyiv, was struck.", "place_distance")
    assert (r.place.name, r.other.name) == ("Chernihiv", "Kyiv") and r.verdict == CONSISTENT


def test_region_membership_reveals_a_wrong_oblast():
    r = _one("Izium, in the Donetsk region, was hit.", "region")
    assert r.verdict == INCONSISTENT and "Kharkiv" in r.reason


def test_district_is_placed_by_its_namesake_town():
    r = _one("Shelling hit the Aksai district of the Rostov region.", "region")
    assert r.verdict == CONSISTENT and "namesake" in r.method


def test_region_that_borders_a_country():
    assert (
        _one("Drones hit the Belgorod region, which borders Ukraine.", "border_proximity").verdict
        == CONSISTENT
    )
    assert (
        _one("Drones hit the Tula region, which borders Ukraine.", "border_proximity").verdict
        == INCONSISTENT
    )


def test_frontline_is_unverifiable_with_a_reason():
    r = _one("The frontline city of Kharkiv was shelled.", "attribute")
    assert r.verdict == UNVERIFIABLE and "front line" in r.reason


def test_kharkiv_is_not_a_place_in_the_text_it_is_the_object():
    r = _one("Drones hit Kharkiv, then Irpin, north-west of Kyiv.", "direction")
    assert (r.place.name, r.other.name) == ("Irpin", "Kyiv")


# ------------------------------------------------------------------ subjects across sentences
@pytest.mark.parametrize("opener", ["The city", "It"])
def test_subject_from_the_previous_sentence(opener):
    text = f"Drones hit Kharkiv overnight. {opener} lies about 30 km from the Russian border."
    r = _one(text, "border_distance")
    assert r.place.name == "Kharkiv" and r.subject_from == "earlier sentence"
    assert text[r.subject_start : r.subject_end] == "Kharkiv"


def test_headline_area_takes_the_place_named_next():
    r = _one("A strike in western Ukraine damaged homes in Lviv.", "region_direction")
    assert r.place.name == "Lviv" and r.subject_from == "later" and r.verdict == CONSISTENT


def test_no_subject_anywhere_is_unverifiable():
    r = _one("About 30 km from the border, nothing moved.", "border_distance")
    assert r.verdict == UNVERIFIABLE and r.place is None


# ------------------------------------------------------------------ rewording invariance
_PLACES = ["Belgorod", "Sumy", "Kharkiv", "Shebekino", "Chernihiv"]
_FORMS = [
    "{p}, {d} from the border, was hit.",
    "Drones hit {p}, {d} from the border.",
    "{p} ({d} from the border) was hit.",
    "{p}, which lies {d} from the border, was hit.",
]


def _km_and_miles(n: int) -> list[str]:
    return [f"{n} km", f"{n} kilometres", f"{n / 1.609344:.6f} miles"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PLACES), st.integers(min_value=1, max_value=250))
def test_border_verdict_survives_rewording(place, n):
    verdicts = set()
    for form in _FORMS:
        for d in _km_and_miles(n):
            r = _one(form.format(p=place, d=d), "border_distance")
            assert r.place.name == place
            verdicts.add(r.verdict)
    assert len(verdicts) == 1


_RANK_FORMS = [
    "{p}, Ukraine's {o} largest city, was hit.",
    "Ukraine's {o} largest city, {p}, was hit.",
    "{p} (Ukraine's {o} largest city) was hit.",
]


@settings(max_examples=15, deadline=None)
@given(
    st.sampled_from(["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Lviv"]),
    st.sampled_from(["second", "third", "fourth", "5th"]),
)
def test_rank_verdict_survives_subject_order(place, ordinal):
    verdicts = {_one(f.format(p=place, o=ordinal), "rank").verdict for f in _RANK_FORMS}
    assert len(verdicts) == 1


@settings(max_examples=15, deadline=None)
@given(
    st.sampled_from(["Lozova", "Izium", "Kupiansk", "Okhtyrka", "Konotop"]),
    st.sampled_from(["Kharkiv", "Sumy", "Poltava"]),
)
def test_region_verdict_survives_rewording(place, region):
    texts = [
        f"{place}, in the {region} region, was hit.",
        f"{place} in {region} Oblast was hit.",
        f"Shells fell on {place}, {region} region, at night.",
    ]
    verdicts = {_one(t, "region").verdict for t in texts}
    assert len(verdicts) == 1 and verdicts <= {CONSISTENT, INCONSISTENT}


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="QXZWqxzwvy", min_size=5, max_size=12))
def test_unknown_names_never_raise(name):
    name = name.capitalize()
    text = (
        f"{name}, 30 km from the border, was hit. {name}, in the Kharkiv region, burned. "
        f"{name}, a city of 5,000 people near Kyiv, was shelled."
    )
    for r in check_text(text):
        assert r.verdict in VERDICTS
        if r.place is None:
            assert r.verdict == UNVERIFIABLE and r.reason


# ------------------------------------------------------------------ coasts and borders
def test_point_off_a_generalised_coastline_stays_in_its_country(gazetteer):
    from geoinc.claims._measure import COAST_BUFFER_KM, in_country

    odesa = gazetteer.best("Odesa")
    offshore = dataclasses.replace(odesa, lon=odesa.lon + 0.05, lat=odesa.lat)
    inside, how = in_country(offshore, "UA")
    assert inside and "off the generalised coastline" in how
    far = dataclasses.replace(odesa, lon=odesa.lon + 0.5, lat=odesa.lat - 0.3)
    assert in_country(far, "UA")[0] is False
    assert COAST_BUFFER_KM <= 10


def test_point_just_across_a_border_is_never_pulled_in(gazetteer):
    from geoinc.borders import distance_to_border
    from geoinc.claims._measure import in_country

    town = gazetteer.best("Belgorod")
    r = distance_to_border(town.lon, town.lat, border=("RU", "UA"), dataset="naturalearth")
    bx, by = float(r.border_lon[0]), float(r.border_lat[0])
    near = dataclasses.replace(
        town, lon=bx + 0.02 * (town.lon - bx), lat=by + 0.02 * (town.lat - by)
    )  # ~0.7 km inside Russia
    inside, how = in_country(near, "UA")
    assert inside is False and "RU" in how
    assert in_country(near, "RU")[0] is True


# ------------------------------------------------------------------ registry
def test_registry_kinds_and_unknown_kind():
    from geoinc.claims import CHECKERS

    assert len(set(kinds())) == len(kinds())
    assert all(c.summary for c in CHECKERS.values())
    with pytest.raises(ClaimError, match="unknown claim kind"):
        check_text("Sumy was hit.", kinds=("bogus",))


def test_cli_knows_the_registered_kinds():
    from geoinc.cli.check_cmd import _KINDS

    assert set(_KINDS) == set(kinds())


def test_unknown_language_is_a_configuration_error():
    from geoinc.exceptions import ConfigurationError

    with pytest.raises(ConfigurationError):
        check_text("Sumy was hit.", lang="xx")
