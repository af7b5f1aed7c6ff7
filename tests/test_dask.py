"""The Dask backend (geoinc.dask): same incidents as one process, edges merged once."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from scale_fixtures import write_corpus

pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402

import geoinc.dask as gdask  # noqa: E402
from geoinc.cli.main import main  # noqa: E402
from geoinc.exceptions import ConfigurationError  # noqa: E402
from geoinc.extraction.pipeline import extract_with_status  # noqa: E402
from geoinc.incidents.io import to_geojson  # noqa: E402
from geoinc.incidents.merge import IncidentReport, merge_reports  # noqa: E402

WIDTH = 10  # partition days in the edge tests
EDGE = date.fromordinal(73_900 * WIDTH)  # a window edge: its ordinal is a multiple of WIDTH


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as lc,
        Client(lc, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 60)


@pytest.fixture(scope="module")
def single(corpus):
    return extract_with_status(corpus, on_error="record")


def _report(gz, place: str, day: int | None, doc: str, killed: int = 0, span: int = 0):
    """A report ``day`` days after the edge (``None``: undated) stating ``killed``."""
    start = None if day is None else EDGE + timedelta(days=day)
    claims = ()
    if killed:
        claims = (
            {"field": "killed", "value": killed, "low": killed, "high": killed}
            | {"qualifier": "exact", "text": str(killed), "source": doc, "doc_id": doc}
            | {"start": 0, "end": 1, "sentence": "", "sentence_start": 0, "sentence_end": 1},
        )
    return IncidentReport(
        doc_id=doc,
        source=doc,
        place=gz.best(place),
        place_confidence=0.9,
        date_start=start,
        date_end=None if start is None else start + timedelta(days=span),
        date_precision=None if start is None else 1,
        claims=claims,
    )


@pytest.fixture(scope="module")
def edge_reports(gazetteer):
    r = []
    # a chain across the edge (-2 .. +1): one incident, merged once
    r += [_report(gazetteer, "Kharkiv", d, f"kh{d}") for d in (-2, -1, 0, 1)]
    # separate incidents just either side of the edge, same place
    r += [_report(gazetteer, "Sumy", d, f"su{d}") for d in (-3, 2)]
    # a long daily chain, longer than a window and its overlap: merged whole
    r += [_report(gazetteer, "Dnipro", d, f"dn{d}") for d in range(-25, 26)]
    # a month-long report (wide overlap) and one joining it from the next window
    r += [
        _report(gazetteer, "Odesa", -20, "od-month", span=30),
        _report(gazetteer, "Odesa", 11, "o"),
    ]
    # an undated report joining the dated incident with the same toll
    r += [_report(gazetteer, "Kherson", d, f"ks{d}", killed=7) for d in (-1, 0)]
    r += [_report(gazetteer, "Kherson", None, "ks-undated", killed=7)]
    # same place, other region's namesake is a different partition
    r += [_report(gazetteer, "Belgorod", d, f"bg{d}") for d in (-1, 9, 10)]
    return r


def _identity(groups) -> list:
    return sorted(sorted(r.doc_id for r in g) for g in groups)


@pytest.mark.parametrize("width", [1, 3, WIDTH, 1000])
@pytest.mark.parametrize("month", [True, False], ids=["month-overlap", "two-day-overlap"])
def test_partitioned_merge_equals_the_one_process_merge(edge_reports, width, month):
    if not month:  # without the month-long report the overlap is 2 days: edges everywhere
        edge_reports = [r for r in edge_reports if r.doc_id != "od-month"]
    bag = db.from_sequence(edge_reports, npartitions=4)
    groups = gdask.partitioned_merge(bag, partition_days=width)
    groups = groups.compute(scheduler="sync")
    assert _identity(groups) == _identity(merge_reports(edge_reports))
    docs = [r.doc_id for g in groups for r in g]
    assert sorted(docs) == sorted(r.doc_id for r in edge_reports)  # each exactly once


def test_incidents_straddling_an_edge_are_merged_once(edge_reports, cluster):
    bag = db.from_sequence(edge_reports, npartitions=3)
    groups = gdask.partitioned_merge(bag, partition_days=WIDTH)
    ids = _identity(groups.compute(scheduler=cluster))
    assert ["kh-1", "kh-2", "kh0", "kh1"] in ids
    assert ["o", "od-month"] in ids
    assert ["ks-1", "ks-undated", "ks0"] in ids
    assert ["su-3"] in ids and ["su2"] in ids
    assert sum(len(g) for g in ids) == len(edge_reports)


def test_local_cluster_output_equals_the_single_process_run(corpus, single, cluster):
    frame, statuses = gdask.extract_with_status(
        corpus, scheduler=cluster, on_error="record", partition_days=1, npartitions=4
    )
    assert len(frame) >= 8
    assert to_geojson(frame) == to_geojson(single[0])
    assert [s.as_dict() for s in statuses] == [s.as_dict() for s in single[1]]


def test_a_bag_of_paths_gives_the_same_incidents(corpus, single, cluster):
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    frame = gdask.extract(
        db.from_sequence(files, npartitions=3), scheduler=cluster, on_error="record"
    )
    # files given one by one are known by their names (a folder's by their path in it)
    local, _ = extract_with_status(files, on_error="record")
    assert to_geojson(frame) == to_geojson(local)
    assert len(frame) == len(single[0])


def test_texts_keep_their_labels(cluster):
    texts = ["2024-01-02\n\nA drone hit Kharkiv, injuring 4.", "", "Nothing happened."]
    _, statuses = gdask.extract_with_status(texts, scheduler="sync", on_error="record")
    _, local = extract_with_status(texts, on_error="record")
    assert [s.as_dict() for s in statuses] == [s.as_dict() for s in local]
    assert [s.input for s in statuses] == ["text:0", "text:1", "text:2"]


def test_cli_scheduler(corpus, cluster, tmp_path):
    here, there = tmp_path / "local.geojson", tmp_path / "cluster.geojson"
    assert main(["extract", str(corpus), "-o", str(here), "--no-progress"]) == 0
    args = ["extract", str(corpus), "-o", str(there), "--no-progress"]
    assert main([*args, "--scheduler", cluster.scheduler.address]) == 0
    assert here.read_bytes() == there.read_bytes()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"partition_days": 0}, "partition_days"), ({"on_error": "ignore"}, "on_error")],
)
def test_bad_options_are_refused(edge_reports, kwargs, match):
    with pytest.raises(ConfigurationError, match=match):
        if "partition_days" in kwargs:
            gdask.partitioned_merge(db.from_sequence(edge_reports), **kwargs)
        else:
            gdask.extract_with_status(["x"], scheduler="sync", **kwargs)


def test_stdin_cannot_go_to_a_cluster():
    with pytest.raises(ConfigurationError, match="stdin"):
        gdask.extract_with_status(["-"], scheduler="sync")


def test_partitioned_geoparquet_holds_the_same_incidents(corpus, single, cluster, tmp_path):
    import json

    import pandas as pd

    from geoinc.incidents.io import read_incidents

    out = gdask.write_parquet(corpus, tmp_path, scheduler=cluster, npartitions=3)
    assert len(out["files"]) > 1 and out["incidents"] == len(single[0])
    parts = pd.concat([read_incidents(f) for f in out["files"]], ignore_index=True)
    parts = parts.sort_values(["date_start", "place_name", "incident_id"], kind="mergesort")
    assert to_geojson(parts.reset_index(drop=True)) == to_geojson(single[0])
    lines = [json.loads(x) for f in sorted(tmp_path.glob("inputs/*.jsonl")) for x in f.open()]
    assert [x["input"] for x in lines] == [s.input for s in single[1]]


def test_the_scheduler_address_can_come_from_dask_config(corpus, single, cluster):
    import dask

    with dask.config.set({"scheduler-address": cluster.scheduler.address}):
        frame = gdask.extract(corpus, on_error="record")
    assert to_geojson(frame) == to_geojson(single[0])


def test_an_unreachable_configured_scheduler_is_a_clear_error():
    import dask

    unreachable = {
        "scheduler-address": "tcp://127.0.0.1:9",
        "distributed.comm.timeouts.connect": "2s",
    }
    with dask.config.set(unreachable):
        with pytest.raises(ConfigurationError, match="cannot reach the Dask scheduler"):
            gdask.extract(["2024-01-02\n\nDrones hit Kyiv."], on_error="record")


def _by_id(frame):
    """Rows in incident_id order, index reset (the frame's partitions index from 0 each)."""
    return frame.sort_values("incident_id", kind="mergesort").reset_index(drop=True)


@pytest.fixture(scope="module")
def lazy_frame(corpus):
    pytest.importorskip("dask_geopandas")
    return gdask.to_dask_geopandas(corpus, partition_days=1, npartitions=3)


def test_dask_geopandas_frame_is_lazy_and_typed_as_the_schema(lazy_frame, single):
    import dask_geopandas

    from geoinc.incidents.schema import empty_frame

    assert isinstance(lazy_frame, dask_geopandas.GeoDataFrame)
    assert lazy_frame.npartitions > 1
    assert lazy_frame.crs == "EPSG:4326"
    assert lazy_frame.dtypes.to_dict() == empty_frame().dtypes.to_dict()
    assert lazy_frame.dtypes.to_dict() == single[0].dtypes.to_dict()


def test_dask_geopandas_frame_computes_to_the_single_process_incidents(lazy_frame, single, cluster):
    frame = lazy_frame.compute(scheduler=cluster)
    assert frame.crs == "EPSG:4326" and len(frame) >= 8
    assert frame.dtypes.to_dict() == single[0].dtypes.to_dict()
    assert to_geojson(_by_id(frame)) == to_geojson(_by_id(single[0]))
    # Dask operations on it run on the workers, partition by partition
    hit = lazy_frame[lazy_frame["killed_best"] > 0].compute(scheduler=cluster)
    want = single[0][single[0]["killed_best"] > 0]
    assert to_geojson(_by_id(hit)) == to_geojson(_by_id(want))


@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")
def test_dask_geopandas_frame_on_worker_processes(lazy_frame, single):
    """Worker processes, 1 thread each, as on a cluster: every task and the merge's
    statistics travel pickled between processes."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as lc,
        Client(lc, set_as_default=False) as client,
    ):
        frame = lazy_frame.compute(scheduler=client)
    assert frame.crs == "EPSG:4326"
    assert to_geojson(_by_id(frame)) == to_geojson(_by_id(single[0]))


@pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning")
def test_the_geoparquet_dataset_reads_back_as_the_same_frame(corpus, single, cluster, tmp_path):
    dask_geopandas = pytest.importorskip("dask_geopandas")

    gdask.write_parquet(corpus, tmp_path, scheduler=cluster, npartitions=3)
    ours = gdask.read_parquet(tmp_path)
    assert ours.npartitions > 1 and ours.crs == "EPSG:4326"
    assert to_geojson(_by_id(ours.compute(scheduler=cluster))) == to_geojson(_by_id(single[0]))
    # dask-geopandas' own reader: the same rows, list columns as their JSON text
    theirs = _by_id(dask_geopandas.read_parquet(tmp_path / "incidents").compute(scheduler=cluster))
    want = _by_id(single[0])
    assert theirs.crs == "EPSG:4326"
    assert theirs["incident_id"].tolist() == want["incident_id"].tolist()
    assert theirs["killed_best"].tolist() == want["killed_best"].tolist()
    assert theirs.geometry.equals(want.geometry)
    assert [json.loads(c) for c in theirs["claims"]] == want["claims"].tolist()


def test_unknown_options_are_refused_before_the_work():
    with pytest.raises(ConfigurationError, match="jobs"):
        gdask.extract(["2024-01-02\n\nDrones hit Kyiv."], scheduler="sync", jobs=2)
