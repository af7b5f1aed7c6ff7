"""A batch spilled to disk and written in chunks gives exactly what the in-memory run gives."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date, timedelta

import pytest
from scale_fixtures import write_corpus

from geoinc.cli.main import main
from geoinc.exceptions import OutputError
from geoinc.extraction.pipeline import extract_with_status
from geoinc.extraction.stream import extract_streamed
from geoinc.gazetteer import Place
from geoinc.incidents.chunked import geojson_text_chunks, write_incident_chunks
from geoinc.incidents.io import read_incidents, to_geojson, write_incidents
from geoinc.incidents.merge import IncidentReport, incident_record, merge_reports
from geoinc.incidents.schema import build_frame
from geoinc.incidents.spill import ReportSpill

FORMATS = ("geojson", "csv", "gpkg", "parquet")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    # 120 dispatches: three outlets per incident, revised tolls, quiet articles, bad files
    return write_corpus(tmp_path_factory.mktemp("stream") / "in", 120)


@pytest.fixture(scope="module")
def in_memory(corpus):
    return extract_with_status([corpus], on_error="record")


# ------------------------------------------------------------------ the spill's merge
def _places():
    return [
        Place(f"P{i}", 48 + i / 10, 35 + i / 10, 1000 + i, "settlement", "UA") for i in range(6)
    ]


def _random_reports(seed: int, n: int) -> list[IncidentReport]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        start = None if rng.random() < 0.15 else date(2024, 1, 1) + timedelta(rng.randrange(40))
        figure = rng.choice([3, 5, 7, 12])
        claim = {
            "field": "killed", "value": figure, "low": figure, "high": figure,
            "qualifier": "exact", "text": str(figure), "source": f"s{i % 4}",
            "doc_id": f"d{i}", "sentence": f"sentence {i}", "start": 0, "end": 1,
        }  # fmt: skip
        out.append(
            IncidentReport(
                f"d{i}", f"s{i % 4}", rng.choice(_places()), 0.9, start, start, 1,
                event_type=rng.choice(["Air/drone strike", "Shelling/artillery/missile attack"]),
                claims=(claim,), first_offset=rng.randrange(3),
            )
        )  # fmt: skip
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("window", [0, 1, 5])
def test_spill_merges_like_one_merge_over_all_reports(seed, window):
    reports = _random_reports(seed, 300)
    whole = [incident_record(g) for g in merge_reports(reports, window_days=window)]
    whole_frame = build_frame(whole).sort_values(
        ["date_start", "place_name", "incident_id"], na_position="last", kind="mergesort"
    )
    with ReportSpill() as spill:
        for k in range(0, len(reports), 7):  # documents of up to seven reports each
            spill.add_status(f"in{k}", f"d{k}", "ok", "", reports[k : k + 7])
        assert spill.merge(window_days=window) == len(whole)
        chunks = [rec for chunk in spill.records(chunk=17) for rec in chunk]
    assert [r["incident_id"] for r in chunks] == whole_frame["incident_id"].tolist()
    assert to_geojson(build_frame(chunks)) == to_geojson(whole_frame.reset_index(drop=True))


def test_spill_file_is_removed_on_close(tmp_path):
    spill = ReportSpill(tmp_path)
    assert len(list(tmp_path.iterdir())) == 1
    spill.close()
    assert list(tmp_path.iterdir()) == []


def test_spill_in_an_unwritable_place_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="temporary file"):
        ReportSpill(tmp_path / "no" / "such" / "folder")


def test_a_failing_disk_is_an_output_error(tmp_path, monkeypatch):
    spill = ReportSpill(tmp_path)

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(spill, "_db", type("Db", (), {"execute": full, "close": lambda s: None})())
    with pytest.raises(OutputError, match="could not write the batch's temporary file"):
        spill.add_status("a", "a", "none", "no attack", ())
    spill.close()


# ------------------------------------------------------------------ chunked writers
@pytest.mark.parametrize("fmt", FORMATS)
def test_chunked_writer_equals_the_whole_frame_writer(tmp_path, in_memory, fmt):
    frame = in_memory[0]
    assert len(frame) > 6
    parts = [frame.iloc[i : i + 3].reset_index(drop=True) for i in range(0, len(frame), 3)]
    whole = write_incidents(frame, tmp_path / f"whole.{fmt}")
    chunked = write_incident_chunks(iter(parts), tmp_path / f"chunked.{fmt}")
    if fmt in ("geojson", "csv"):
        assert chunked.read_bytes() == whole.read_bytes()
    else:
        assert to_geojson(read_incidents(chunked)) == to_geojson(read_incidents(whole))
    if fmt == "parquet":  # no bbox of the first chunk only (it is optional in GeoParquet)
        import pyarrow.parquet as pq

        geo = json.loads(pq.read_schema(chunked).metadata[b"geo"])
        assert "bbox" not in geo["columns"]["geometry"]
        assert pq.ParquetFile(chunked).metadata.num_row_groups == len(parts)


def test_chunked_geojson_of_no_rows_is_an_empty_collection():
    text = "".join(geojson_text_chunks(iter([])))
    assert json.loads(text)["features"] == [] and text == to_geojson(build_frame([]))


def test_regions_layer_collects_region_rows_of_every_chunk(tmp_path):
    import pyogrio

    rows = [
        {"incident_id": f"r{i}", "place_kind": "admin1", "admin1": code, "lon": 35.0, "lat": 48.0}
        for i, code in enumerate(["UA.26", "UA.07", "UA.26"])
    ]
    parts = [build_frame([r]) for r in rows]
    out = write_incident_chunks(iter(parts), tmp_path / "r.gpkg")
    assert pyogrio.read_info(out, layer="incidents_regions")["features"] == 3
    assert pyogrio.read_info(out, layer="incidents")["features"] == 3


# ------------------------------------------------------------------ the streamed batch
@pytest.mark.parametrize("jobs", [1, 2])
def test_streamed_batch_equals_extract(tmp_path, corpus, in_memory, jobs):
    frame, statuses = in_memory
    with extract_streamed([corpus], on_error="record", jobs=jobs) as batch:
        assert batch.n_incidents == len(frame) and batch.counts["error"] == 2
        for fmt in ("geojson", "csv"):
            batch.write(tmp_path / f"s.{fmt}")
        assert list(batch.statuses()) == statuses
        parts = list(batch.frames(chunk=5))
    assert len(parts) == -(-len(frame) // 5)
    for fmt in ("geojson", "csv"):
        assert (tmp_path / f"s.{fmt}").read_bytes() == write_incidents(
            frame, tmp_path / f"a.{fmt}"
        ).read_bytes()
    assert list(tmp_path.glob(".geoinc-spill-*")) == []


def test_streamed_batch_warns_once_about_unreadable_inputs(corpus):
    with pytest.warns(UserWarning, match="2 of .* inputs could not be read"):
        with extract_streamed([corpus]) as batch:
            assert batch.readable


def test_cli_writes_what_extract_gives(tmp_path, corpus, in_memory, capsys):
    out, status = tmp_path / "cli.geojson", tmp_path / "status.json"
    code = main(["extract", str(corpus), "-o", str(out), "--status", str(status), "--no-progress"])
    assert code == 0
    assert out.read_text(encoding="utf-8") == to_geojson(in_memory[0]) + "\n"
    expected = json.dumps([s.as_dict() for s in in_memory[1]], ensure_ascii=False, indent=1)
    assert status.read_text(encoding="utf-8") == expected
    err = capsys.readouterr().err
    assert f"{len(in_memory[0])} incident(s) after merging" in err
    assert list(tmp_path.glob(".geoinc-spill-*")) == []


def test_cli_acled_csv_and_stdout_are_what_the_frame_gives(tmp_path, corpus, in_memory, capsys):
    from geoinc.incidents.acled import write_acled

    out = tmp_path / "acled.csv"
    assert main(["extract", str(corpus), "-o", str(out), "--acled", "--no-progress", "-q"]) == 0
    assert out.read_bytes() == write_acled(in_memory[0], tmp_path / "whole.csv").read_bytes()
    capsys.readouterr()
    assert main(["extract", str(corpus), "--no-progress", "-qq"]) == 0
    assert capsys.readouterr().out == to_geojson(in_memory[0]) + "\n"
