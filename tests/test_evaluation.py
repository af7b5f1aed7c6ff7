"""Tests of geoinc.evaluation and ``geoinc eval``.

The floors at the bottom guard the measured accuracy on a fixed slice of the
development corpora in ../shared/eval/ (skipped when that directory is absent): if a
change makes geoparsing worse, the build fails. See docs/accuracy.md for the numbers.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from geoinc.cli.main import main
from geoinc.evaluation import CorpusWarning, evaluate, gold_toponyms, load_corpus
from geoinc.exceptions import InputError

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
CORPORA = ("GeoVirus", "GeoWebNews", "LGL", "TR-News")
SLICE = 25  # the first documents of each corpus


def _doc(text: str, *toponyms: tuple[str, float, float, int | None], doc_id: str = "d1") -> dict:
    tops = []
    for name, lat, lon, gid in toponyms:
        start = text.index(name)
        tops.append(
            {
                "start": start,
                "end": start + len(name),
                "name": name,
                "lat": lat,
                "lon": lon,
                "geonameid": None if gid is None else str(gid),
            }
        )
    return {"corpus": "own", "doc_id": doc_id, "text": text, "toponyms": tops}


@pytest.fixture
def own_docs() -> list[dict]:
    return [
        _doc("Firefighters in Kharkiv worked all night.", ("Kharkiv", 49.98, 36.25, 706483)),
        _doc(
            "The convoy left Odesa for Mykolaiv.",
            ("Odesa", 46.48, 30.73, 698740),
            ("Mykolaiv", 46.97, 32.0, 700569),
            doc_id="d2",
        ),
    ]


def test_perfect_document(own_docs):
    report = evaluate(own_docs[:1], gold_spans=True)
    m = report.pooled
    assert (m["precision"], m["recall"], m["f1"], m["exact_id"]) == (1.0, 1.0, 1.0, 1.0)
    assert m["acc@161km"] == 1.0 and m["median_error_km"] == 0.0
    assert report.pooled_gold_spans["exact_id"] == 1.0
    assert report.error_counts["missed"] == 0


def test_missed_and_wrong_toponyms_are_counted():
    # "Qwertyville" is no place: a gold toponym the parser cannot find.
    doc = _doc(
        "Rain fell on Qwertyville and on Kharkiv.",
        ("Qwertyville", 10.0, 10.0, 1),
        ("Kharkiv", 10.0, 10.0, 2),
    )
    report = evaluate([doc], gold_spans=False, worst=5)
    m = report.pooled
    assert m["recall"] == 0.5 and m["precision"] == 1.0
    assert m["exact_id"] == 0.0  # Kharkiv found, but gold says id 2 far away
    assert m["acc@161km"] == 0.0
    cats = {e.category for e in report.errors}
    assert {"missed"} <= cats and cats & {"wrong referent", "wrong country"}
    assert report.pooled_gold_spans is None


def test_spurious_mentions_lower_precision():
    doc = _doc("Kharkiv and Lviv were quiet.", ("Kharkiv", 49.98, 36.25, 706483))
    report = evaluate([doc], gold_spans=False)
    assert report.pooled["precision"] == 0.5 and report.pooled["recall"] == 1.0
    assert report.error_counts["spurious"] == 1


def test_gold_toponym_selection():
    doc = {
        "text": "Paris and the city",
        "toponyms": [
            {
                "start": 0,
                "end": 5,
                "name": "Paris",
                "lat": 48.85,
                "lon": 2.35,
                "geonameid": "2988507",
            },
            {
                "start": 14,
                "end": 18,
                "name": "city",
                "lat": None,
                "lon": None,
                "type": "Literal_Expression",
            },
            {"start": 0, "end": 5, "name": "Paris", "lat": 48.85, "lon": 2.35, "geonameid": None},
        ],
    }
    gold = gold_toponyms(doc)
    assert len(gold) == 1 and gold[0]["geonameid"] == "2988507"


def test_load_corpus_and_bad_rows(tmp_path, own_docs):
    path = tmp_path / "own.dev.jsonl"
    bad = dict(own_docs[0], toponyms=[{"start": -3, "end": -1, "name": "x", "lat": 0, "lon": 0}])
    path.write_text("\n".join(json.dumps(d) for d in [*own_docs, bad]) + "\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="1 toponym rows"):
        docs = load_corpus(path)
    assert len(docs) == 3 and docs[2]["toponyms"] == []


@pytest.mark.parametrize("content", ["not json\n", '{"text": 1, "toponyms": []}\n', "[1, 2]\n"])
def test_load_corpus_rejects_malformed(tmp_path, content):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        load_corpus(path)


def test_missing_corpus_file(tmp_path):
    with pytest.raises(InputError):
        load_corpus(tmp_path / "absent.jsonl")


def test_cli_json_and_table(tmp_path, own_docs, capsys):
    path = tmp_path / "own.dev.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in own_docs) + "\n", encoding="utf-8")
    assert main(["eval", str(path), "--json", "--gold-spans"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pooled"]["documents"] == 2 and out["corpora"]["own"]["gold_spans"]["gold"] == 3
    assert main(["eval", str(path)]) == 0
    text = capsys.readouterr().out
    assert "| pooled |" in text and "End to end" in text


# ---- floors on a fixed slice of the development corpora ------------------------------

#: Measured on the slice (first 25 documents of each corpus), minus a small margin.
#: Raise them when accuracy improves; never lower them to make a change pass.
#: Measured (session 3): F1 0.835, exact id 0.817, acc@161 0.796; gold spans: exact id
#: 0.833, acc@161 0.819 (docs/accuracy.md).
FLOORS_END_TO_END = {"f1": 0.82, "exact_id": 0.80, "acc@161km": 0.78}
FLOORS_GOLD_SPANS = {"exact_id": 0.82, "acc@161km": 0.80}


@pytest.fixture(scope="module")
def slice_report():
    if not EVAL_DIR.is_dir():
        pytest.skip("../shared/eval is not available")
    docs = []
    for name in CORPORA:
        path = EVAL_DIR / f"{name}.dev.jsonl"
        if not path.is_file():
            pytest.skip(f"{path} is not available")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)  # the corpora's known bad rows
            docs += load_corpus(path)[:SLICE]
    return evaluate(docs, gold_spans=True, worst=0)


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS_END_TO_END.items()))
def test_floor_end_to_end(slice_report, metric, floor):
    assert slice_report.pooled[metric] >= floor, slice_report.format_table()


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS_GOLD_SPANS.items()))
def test_floor_gold_spans(slice_report, metric, floor):
    assert slice_report.pooled_gold_spans[metric] >= floor, slice_report.format_table()


def test_slice_covers_every_corpus(slice_report):
    assert sorted(slice_report.corpora) == sorted(CORPORA)
    assert slice_report.pooled["documents"] == SLICE * len(CORPORA)
