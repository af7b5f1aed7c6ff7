"""The document object and the pipeline of named stages (geoinc.doc, extraction's use)."""

from __future__ import annotations

import pytest

from geoinc.doc import Pipeline
from geoinc.exceptions import ConfigurationError


def _counting():
    calls: list[str] = []

    def stage(name, value):
        def run(doc):
            out = value(doc)
            calls.append(name)  # after its inputs were computed
            return out

        return run

    nlp = Pipeline(
        [
            ("words", stage("words", lambda d: d.text.split())),
            ("n", stage("n", lambda d: len(d["words"]))),
        ]
    )
    return nlp, calls


def test_annotations_are_computed_once_when_read():
    nlp, calls = _counting()
    doc = nlp.make_doc("two words")
    assert doc.annotations == () and "n" not in doc
    assert doc["n"] == 2 and doc["n"] == 2 and doc["words"] == ["two", "words"]
    assert calls == ["words", "n"]
    assert doc.annotations == ("words", "n")


def test_the_pipeline_runs_every_component_in_order():
    nlp, calls = _counting()
    assert nlp.pipe_names == ("words", "n")
    doc = nlp("a b c")
    assert calls == ["words", "n"] and doc["n"] == 3


def test_a_stage_never_reads_a_later_one():
    nlp = Pipeline([("early", lambda d: d["late"]), ("late", lambda d: 1)])
    with pytest.raises(ConfigurationError, match="comes after it"):
        nlp.make_doc("x")["early"]


def test_names_are_unique_and_known():
    with pytest.raises(ConfigurationError):
        Pipeline([("a", len), ("a", len)])
    with pytest.raises(ConfigurationError, match="no pipeline component"):
        Pipeline([("a", len)]).make_doc("x")["b"]


def test_replace_pipe_returns_a_new_pipeline():
    nlp, _ = _counting()
    other = nlp.replace_pipe("words", lambda d: ["one"])
    assert other.make_doc("a b")["n"] == 1 and nlp.make_doc("a b")["n"] == 2


# ------------------------------------------------------------------ extraction's pipeline
def _geoparser(counter):
    from geoinc.geoparsing import geoparse

    def parse(text, **kw):
        counter.append(text)
        return geoparse(text, **kw)

    return parse


def test_extraction_stages_share_one_document():
    from geoinc.extraction.documents import document_from_text
    from geoinc.extraction.pipeline import EXTRACTION, extract_reports, make_doc

    assert EXTRACTION.pipe_names == ("sentences", "events", "mentions", "locations", "reports")
    d = document_from_text("December 31, 2023\n\nDrones struck Kharkiv overnight, wounding 28.")
    seen: list[str] = []
    doc = make_doc(d, geoparser=_geoparser(seen))
    result = doc["reports"]
    assert result == extract_reports(d)
    assert doc.mentions is doc.mentions and len(seen) == 1  # geoparsed once, then read
    assert [e.start for e in doc["events"]] == [s for s, _, _ in doc.sentences]


def test_an_article_without_an_attack_is_not_geoparsed():
    from geoinc.extraction.documents import document_from_text
    from geoinc.extraction.pipeline import make_doc

    seen: list[str] = []
    doc = make_doc(
        document_from_text("The mayor of Lviv opened a library."), geoparser=_geoparser(seen)
    )
    assert doc["reports"].reports == () and seen == [] and "mentions" not in doc


def test_claims_read_the_mentions_extraction_read():
    from geoinc.claims import check_text
    from geoinc.extraction.documents import document_from_text
    from geoinc.extraction.pipeline import make_doc

    text = "Drones struck Belgorod, a city 40 km from the border, killing two people."
    seen: list[str] = []
    doc = make_doc(document_from_text(text), geoparser=_geoparser(seen))
    assert doc["reports"].reports
    assert check_text(doc) == check_text(text) != []
    assert len(seen) == 1  # one geoparse for extraction and claims
