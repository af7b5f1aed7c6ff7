"""Incidents on passages nobody tuned the rules to (``tests/data/unseen_en.jsonl``).

The passages are the project's own: wire-style reports of strikes in the Russia-Ukraine
war written for these tests (events, figures and dates invented), with gold incidents in
the uaru-dev schema. The development set's floors guard what was tuned; these guard the
kinds of sentence real reporting uses, phrased in words no rule was fitted to. Floors sit
just under what the rules reach (docs/accuracy.md, "An unseen set in the project's own
words").
"""

from pathlib import Path

import pytest

from geoinc.evaluation.conflict import evaluate_conflict
from tests.gold_sets import assert_spans_and_incidents, read_records

DATA = Path(__file__).resolve().parent / "data" / "unseen_en.jsonl"


def test_the_unseen_set_is_well_formed():
    records = read_records(DATA)
    assert len(records) >= 60
    assert_spans_and_incidents(records)


@pytest.fixture(scope="module")
def metrics():
    report = evaluate_conflict([DATA], worst=0, parts=("incidents",))
    return report.incidents["metrics"]["en"]


def test_unseen_main_incidents(metrics):
    assert metrics["main"]["f1"] >= 0.91
    assert metrics["all"]["f1"] >= 0.90


def test_unseen_casualty_figures(metrics):
    assert metrics["killed_right"] >= 0.91
    assert metrics["injured_right"] >= 0.91
    assert metrics["killed_zero_right"] >= 0.85
    assert metrics["injured_zero_right"] >= 0.99


def test_unseen_dates(metrics):
    assert metrics["date_right"] >= 0.97


def test_unseen_no_incident_at_traps(metrics):
    # two left: "Fleet" of "the Black Sea Fleet" resolved as a place by the geoparser
    assert metrics["incidents_at_traps"] <= 2
