"""The multi-source merge rule and the low/best/high figures."""

from __future__ import annotations

from datetime import date

import pytest

from geoinc.incidents.merge import IncidentReport, incident_record, merge_reports, summarise_figures


def _claim(fld, value, source, qualifier="exact"):
    return {
        "field": fld,
        "value": value,
        "low": value,
        "high": value,
        "qualifier": qualifier,
        "text": str(value),
        "source": source,
        "doc_id": source,
        "start": 0,
        "end": 1,
        "sentence": "s",
        "sentence_start": 0,
        "sentence_end": 1,
    }


@pytest.fixture(scope="module")
def places(gazetteer):
    return {
        "kharkiv": gazetteer.get(706483),
        "belgorod": gazetteer.get(578072),
        "oblast": gazetteer.get(706482),
    }


def _report(place, doc, start=None, end=None, claims=(), weapons=()):
    return IncidentReport(
        doc_id=doc,
        source=doc,
        place=place,
        place_confidence=0.9,
        date_start=start,
        date_end=end or start,
        date_precision=1 if start else None,
        weapons=tuple(weapons),
        claims=tuple(claims),
    )


def test_summarise_rule():
    claims = [
        _claim("killed", 22, "a", "at_least"),
        _claim("killed", 18, "a", "up_to"),
        _claim("killed", 24, "b"),
        _claim("killed", None, "c", "vague"),
        _claim("injured", 5, "a"),
    ]
    assert summarise_figures(claims, "killed") == (18, 22, 24)
    assert summarise_figures(claims, "injured") == (5, 5, 5)
    assert summarise_figures([_claim("killed", None, "a", "vague")], "killed") == (None, None, None)
    # approximate figures lose to firm ones for a source's figure
    drones = [_claim("drones_launched", 50, "a", "about"), _claim("drones_launched", 49, "a")]
    assert summarise_figures(drones, "drones_launched")[1] == 49


def test_dated_reports_merge_within_window(places):
    k = places["kharkiv"]
    rs = [
        _report(k, "a", date(2023, 12, 30), date(2023, 12, 31)),
        _report(k, "b", date(2023, 12, 31)),
        _report(k, "c", date(2024, 1, 5)),
        _report(places["belgorod"], "d", date(2023, 12, 30)),
    ]
    groups = merge_reports(rs)
    sizes = sorted(sorted(r.doc_id for r in g) for g in groups)
    assert sizes == [["a", "b"], ["c"], ["d"]]
    assert len(merge_reports(rs, window_days=10)) == 2


def test_undated_needs_strong_evidence(places):
    k = places["kharkiv"]
    dated = _report(k, "a", date(2023, 12, 30), claims=[_claim("injured", 28, "a")])
    same_figure = _report(k, "b", claims=[_claim("injured", 28, "b")])
    other = _report(k, "c", claims=[_claim("killed", 21, "c"), _claim("injured", 112, "c")])
    small = _report(k, "d", claims=[_claim("killed", 3, "d")])
    groups = merge_reports([other, small, dated, same_figure])
    by_doc = {r.doc_id: {o.doc_id for o in g} for g in groups for r in g}
    assert by_doc["b"] == {"a", "b"}
    assert by_doc["c"] == {"c"} and by_doc["d"] == {"d"}  # 3 is below min_shared_figure
    dated3 = _report(k, "e", date(2023, 12, 30), claims=[_claim("killed", 3, "e")])
    assert len(merge_reports([dated3, small])) == 2
    assert len(merge_reports([dated3, small], min_shared_figure=1)) == 1


def test_different_places_never_merge(places):
    rs = [
        _report(places["kharkiv"], "a", date(2023, 12, 30)),
        _report(places["oblast"], "b", date(2023, 12, 30)),
    ]
    assert len(merge_reports(rs)) == 2


def test_merge_is_order_independent(places):
    k = places["kharkiv"]
    rs = [
        _report(k, d, date(2023, 12, 30) if d != "u" else None, claims=[_claim("killed", 10, d)])
        for d in ("a", "b", "u")
    ]
    ids = {incident_record(g)["incident_id"] for g in merge_reports(rs)}
    assert ids == {incident_record(g)["incident_id"] for g in merge_reports(list(reversed(rs)))}
    assert len(ids) == 1


def test_incident_record(places):
    k = places["kharkiv"]
    g = [
        _report(
            k,
            "a",
            date(2023, 12, 30),
            date(2023, 12, 31),
            [_claim("killed", 3, "a")],
            ["Shahed drones", "drones"],
        ),
        _report(k, "b", date(2023, 12, 31), None, [_claim("killed", 5, "b")], ["missiles"]),
    ]
    rec = incident_record(g)
    assert rec["weapon"] == [
        "Shahed drones",
        "missiles",
    ]  # generic "drones" folded into Shahed drones
    assert rec["sub_event_type"] == "Air/drone strike"
    assert (rec["date_start"], rec["date_end"], rec["date_precision"]) == (
        date(2023, 12, 30),
        date(2023, 12, 31),
        2,
    )
    assert (rec["killed_low"], rec["killed_best"], rec["killed_high"]) == (3, 3, 5)
    assert rec["sources"] == ["a", "b"] and rec["n_sources"] == 2
    assert (rec["geo_precision"], rec["where_prec"]) == (1, 1)
    assert rec["incident_id"].startswith("inc-")
    region = incident_record([_report(places["oblast"], "c")])
    assert (
        region["geo_precision"],
        region["where_prec"],
        region["date_start"] if "date_start" in region else None,
    ) == (3, 4, None)
