"""Tests of the precision rules of geoinc.geoparsing.precision: each rule rejects one case
and keeps another (the project's own sentences)."""

from __future__ import annotations

import pytest

from geoinc.geoparsing import geoparse, resolver_for
from geoinc.geoparsing import precision as P
from geoinc.geoparsing.recognise import find_spans, tokenize


def _evidence(text: str):
    r = resolver_for()
    tokens = tokenize(text)
    results = r.resolve(find_spans(tokens, r.keys, text, r.first_words, r.zipf), tokens)
    doc = P.DocumentEvidence(
        P.document_countries(results), P.people(results, r), r.zipf, results, tokens
    )
    return results, doc


def _resolution(text: str, name: str, nth: int = 0):
    """The resolution of the ``nth`` span whose surface text is ``name``."""
    results, doc = _evidence(text)
    found = [res for res in results if text[res.span.start : res.span.end] == name]
    assert len(found) > nth, [text[r.span.start : r.span.end] for r in results]
    return found[nth], doc


# (rule, text, name, occurrence, rejected)
CASES = [
    (P.no_place, "Officials in the village of Zalestsyx spoke.", "Zalestsyx", 0, True),
    (P.no_place, "Shells hit Kharkiv.", "Kharkiv", 0, False),
    (P.disease_name, "Cases of West Nile virus rose.", "Nile", 0, True),
    (P.disease_name, "Farms along the Nile flooded.", "Nile", 0, False),
    (P.virus_strain, "The strain A/California/7/2009 spread.", "California", 0, True),
    (P.virus_strain, "The flu spread in California.", "California", 0, False),
    (P.clock_or_day, "At 01:35 Moscow time a drone fell.", "Moscow", 0, True),
    (P.clock_or_day, "Drones hit Moscow at the time of the talks.", "Moscow", 0, False),
    (P.organisation_acronym, "Shelling hit AMLO.", "AMLO", 0, True),
    (P.organisation_acronym, "Shelling hit Kharkiv.", "Kharkiv", 0, False),
    (P.bare_feature, "Don said hello.", "Don", 0, True),
    (P.bare_feature, "Fighting on the Don river.", "Don", 0, False),
    (P.water_only, "Mines lay in the Kakhovka reservoir.", "Kakhovka", 0, True),
    (P.water_only, "Drones hit Kakhovka at dawn.", "Kakhovka", 0, False),
    (P.landmark_name, "A drone hit the Bristol hotel in Odesa.", "Bristol", 0, True),
    (P.landmark_name, "A drone hit a hotel in Bristol.", "Bristol", 0, False),
    (P.ship_name, "The landing ship Novocherkassk was hit.", "Novocherkassk", 0, True),
    (P.ship_name, "A ship was hit in Novocherkassk.", "Novocherkassk", 0, False),
    (P.alternate_code_or_word, "Transit in Toronto stopped.", "Transit", 0, True),
    (P.alternate_code_or_word, "Shells hit Danzig.", "Danzig", 0, False),
    (P.alternate_unsupported, "Fighting near Rocky Hill.", "Rocky Hill", 0, True),
    (P.alternate_unsupported, "Fighting near Rocky Hill, South Carolina.", "Rocky Hill", 0, False),
    (P.speaker, "Dyer said the town was quiet.", "Dyer", 0, True),
    (P.speaker, "The town of Dyer, Indiana was quiet.", "Dyer", 0, False),
    (P.speaker, "Police in Dyer said the town was quiet.", "Dyer", 0, False),
    (P.organisation_head, "Ships of the Black Sea Fleet sailed.", "Fleet", 0, True),
    (P.organisation_head, "The fair in Fleet drew crowds.", "Fleet", 0, False),
    (P.person_name, "Officials met Mr Jones.", "Jones", 0, True),
    (P.person_name, "Shells hit Kharkiv.", "Kharkiv", 0, False),
    # a settlement word elsewhere outweighs one odd name pair ("Marine Terminal Tuapse")
    (
        P.person_name,
        "Drones hit the city of Tuapse. The Marine Terminal Tuapse was shut.",
        "Tuapse",
        1,
        False,
    ),
    (P.name_pair, "Franklin Roosevelt visited Franklin, Tennessee.", "Franklin", 0, True),
    (P.name_pair, "Franklin Roosevelt visited Franklin, Tennessee.", "Franklin", 1, False),
    (P.settlement_out_of_country, "Shelling hit Abramivka.", "Abramivka", 0, True),
    (P.settlement_out_of_country, "Shelling hit Abramivka in Ukraine.", "Abramivka", 0, False),
    (P.frequent_word, "Green energy is cheap.", "Green", 0, True),
    (P.frequent_word, "Kelly, Wyoming was quiet.", "Kelly", 0, False),
]


@pytest.mark.parametrize(
    ("rule", "text", "name", "nth", "rejected"),
    CASES,
    ids=[f"{c[0].__name__}-{'rejects' if c[4] else 'keeps'}" for c in CASES],
)
def test_rule(rule, text, name, nth, rejected):
    res, doc = _resolution(text, name, nth)
    assert rule(res, doc) is rejected


def test_every_rule_is_tested_both_ways_and_documented():
    tested = {(c[0], c[4]) for c in CASES}
    for rule in P.RULES:
        assert (rule, True) in tested and (rule, False) in tested, rule.__name__
        assert rule.__doc__ and rule.__doc__.startswith("Rejects"), rule.__name__


def test_plausible_keeps_unknown_names_and_runs_every_rule():
    res, doc = _resolution("Officials in the village of Zalestsyx spoke.", "Zalestsyx")
    assert res.span.source == "unknown" and P.plausible(res, doc)
    res, doc = _resolution("Dyer said the town was quiet.", "Dyer")
    assert not P.plausible(res, doc)
    assert [m.text for m in geoparse("Dyer said the town of Dyer, Indiana was quiet.")] == [
        "Dyer",
        "Indiana",
    ]


def test_table_names_need_only_the_first_rules():
    res, doc = _resolution("Russian troops shelled the town.", "Russian")
    assert res.span.source == "demonym"
    assert P.plausible(res, doc)
    assert set(P.ANY_SOURCE_RULES) < set(P.RULES)
