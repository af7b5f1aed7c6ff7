"""The auditor's set: 70 invented passages written after the rules were tuned, for measurement.

``tests/data/audit_mixed.jsonl`` (40 English, 15 Ukrainian, 15 Russian; uaru-dev schema
with ``lang``) mixes genres on purpose: wire stories, breaking items, live blogs,
fact-checks, official Telegram posts, Russian Defence Ministry summaries, analyses that
recall past strikes, articles with no attack, and strikes in Gaza, Israel, Lebanon, Sudan
and Syria. It is scored, not tuned to (docs/audit.md), so this module checks only that the
file is well formed: no score floors.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from geoinc.evaluation.claims import ISSUE_KINDS

PATH = Path(__file__).resolve().parent / "data" / "audit_mixed.jsonl"
RECORDS = [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines()]
IDS = [r["id"] for r in RECORDS]
FIGURE_KEYS = {"value", "qualifier", "text"}
CLAIM_KINDS = ISSUE_KINDS | {"other"}
VERDICTS = {"consistent", "roughly consistent", "inconsistent", "not computable"}


def test_the_set_has_its_languages_and_unique_ids():
    assert Counter(r["lang"] for r in RECORDS) == {"en": 40, "uk": 15, "ru": 15}
    assert len(set(IDS)) == len(IDS)


def test_the_set_has_passages_without_an_attack():
    assert sum(1 for r in RECORDS if not r["incidents"]) >= 10


@pytest.mark.parametrize("rec", RECORDS, ids=IDS)
def test_place_spans_match_the_text(rec):
    spans = sorted((p["start"], p["end"]) for p in rec["places"])
    for p in rec["places"]:
        assert rec["text"][p["start"] : p["end"]] == p["surface"]
        ref = p["referent"]
        assert ref["key"] and ref["country_code"] is not None
        assert isinstance(ref["lat"], float) and isinstance(ref["lon"], float)
        assert {p["in_org_name"], p["metonymy"], p["dateline"]} <= {True, False}
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start, "overlapping place spans"


@pytest.mark.parametrize("rec", RECORDS, ids=IDS)
def test_incidents_point_at_annotated_places(rec):
    keys = {p["referent"]["key"] for p in rec["places"]}
    for inc in rec["incidents"]:
        assert inc["role"] in {"main", "secondary"}
        assert inc["place_text"] in rec["text"]
        assert inc["place_ref"] in keys and inc["place_referent"]["key"] == inc["place_ref"]
        assert inc["weapon"]
        for text in inc["weapon_text"]:
            assert text in rec["text"]
        for field in ("killed", "injured"):
            fig = inc[field]
            if fig is not None:
                assert FIGURE_KEYS <= set(fig) and fig["text"] in rec["text"]
                assert fig["value"] is None or fig["value"] >= 0


@pytest.mark.parametrize("rec", RECORDS, ids=IDS)
def test_claims_and_traps_are_spans_of_the_text(rec):
    for claim in rec["claims"]:
        assert rec["text"][claim["start"] : claim["end"]] == claim["text"]
        assert claim["kind"] in CLAIM_KINDS
        check = claim.get("computed_check")
        if check:
            assert check["verdict"] in VERDICTS
    for trap in rec["non_location_traps"]:
        assert trap in rec["text"]
