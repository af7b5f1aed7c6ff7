"""The incident store (geoinc.store): idempotent, incremental, stable ids, safe writes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from scale_fixtures import dispatch, write_corpus

from geoinc.cli.main import main
from geoinc.exceptions import ConfigurationError, InputError, StoreLocked
from geoinc.extraction.documents import document_from_text
from geoinc.extraction.pipeline import extract, extract_reports
from geoinc.incidents.io import write_incidents
from geoinc.store import IncidentStore, report_from_json, report_to_json

DAY1, DAY2 = "2024-05-01T06:00:00Z", "2024-05-02T06:00:00Z"
TOLL = (
    "May 1, 2024\n\nBy {outlet}\n\nA missile hit a warehouse in Poltava on Tuesday, "
    "killing {killed} workers, the mayor said."
)
IDENTITY = ["incident_id", "added", "updated"]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("news")
    return write_corpus(root / "monday", 24), write_corpus(
        root / "tuesday", 24, start=24, bad=False
    )


@pytest.fixture
def store(tmp_path, folders):
    st = IncidentStore(tmp_path / "incidents.gpkg")
    st.add(folders[0], now=DAY1)
    return st


def _comparable(frame):
    return frame.drop(columns=[c for c in IDENTITY if c in frame]).reset_index(drop=True)


def test_adding_the_same_folder_twice_leaves_the_store_byte_identical(store, folders):
    before = store.path.read_bytes()
    update = store.add(folders[0], now=DAY2)
    assert not update.written and update.new_articles == 0
    assert store.path.read_bytes() == before
    assert {s.status for s in update.statuses} == {"known", "error"}  # two bad files


def test_the_same_text_under_another_name_is_known(store, folders, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text(dispatch(3), encoding="utf-8")
    update = store.add([copy], now=DAY2)
    assert [s.status for s in update.statuses] == ["known"]
    assert not update.written


def test_growing_store_equals_one_extraction_of_everything(store, folders):
    first = store.read()
    update = store.add(folders[1], now=DAY2)
    assert update.written and update.new_articles == 24
    grown = store.read()
    once = extract(list(folders), on_error="record")
    pd.testing.assert_frame_equal(_comparable(grown), _comparable(once), check_like=False)
    # incidents of the first day kept their ids; none was renamed
    assert set(first.incident_id) <= set(grown.incident_id)
    assert update.renamed == {}
    changed = grown[grown.updated == DAY2]
    assert (grown.added == DAY1).all() and len(changed) == len(update.incidents)


def test_provenance_lists_every_article_and_when(store, folders):
    store.add(folders[1], now=DAY2)
    arts = store.articles()
    assert len(arts) == 48  # bad files are not articles
    assert (arts.groupby("added").size() == 24).all()
    assert set(arts.status) == {"ok", "none"}
    assert arts.article_key.is_unique


@pytest.mark.parametrize("same_file", [False, True], ids=["new-file", "updated-file"])
def test_an_updated_toll_is_one_more_figure_and_the_id_stays(tmp_path, same_file):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(TOLL.format(outlet="Wire One", killed=3), encoding="utf-8")
    st = IncidentStore(tmp_path / "s.gpkg")
    st.add(news, now=DAY1)
    (before,) = st.read().itertuples()
    name = "a.txt" if same_file else "b.txt"
    (news / name).write_text(TOLL.format(outlet="Wire One", killed=5), encoding="utf-8")
    update = st.add(news, now=DAY2)
    (after,) = st.read().itertuples()
    assert after.incident_id == before.incident_id
    assert (before.killed_high, after.killed_high) == (3, 5)
    values = sorted(c["value"] for c in after.claims if c["field"] == "killed")
    assert values == [3, 5]
    assert (after.added, after.updated) == (DAY1, DAY2)
    assert update.new_articles == 1
    if same_file:  # a new version of the same page
        assert sorted(st.articles().doc_id.str.rsplit("/", n=1).str[-1]) == ["a.txt", "a.txt#2"]


def test_a_report_joining_two_incidents_keeps_the_older_id(tmp_path):
    text = "May {d}, 2024\n\nBy {o}\n\nDrones hit Sumy on {wd}, killing {k} people, officials said."
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(text.format(d=1, o="One", wd="Wednesday", k=2), encoding="utf-8")
    (news / "c.txt").write_text(text.format(d=5, o="Two", wd="Sunday", k=3), encoding="utf-8")
    st = IncidentStore(tmp_path / "s.gpkg", window_days=2)
    st.add(news / "a.txt", now=DAY1)
    st.add(news / "c.txt", now=DAY2)
    old = st.read().set_index("date_start").incident_id
    assert len(old) == 2
    (news / "b.txt").write_text(text.format(d=3, o="Three", wd="Friday", k=2), encoding="utf-8")
    update = st.add(news / "b.txt", now="2024-05-03T06:00:00Z")
    (joined,) = st.read().itertuples()
    assert joined.incident_id == old.iloc[0]  # the first added wins
    assert update.renamed == {old.iloc[1]: old.iloc[0]}
    with sqlite3.connect(st.path) as con:
        assert con.execute("SELECT old_id, new_id FROM geoinc_renamed").fetchall() == [
            (old.iloc[1], old.iloc[0])
        ]


def test_a_second_writer_is_refused_and_changes_nothing(store, folders):
    before = store.path.read_bytes()
    with store.lock():
        with pytest.raises(StoreLocked, match="another process"):
            IncidentStore(store.path).add(folders[1])
    assert store.path.read_bytes() == before
    assert IncidentStore(store.path).add(folders[1]).written  # the lock is released


def test_a_killed_writer_leaves_the_store_readable_and_unchanged(store, folders):
    before_bytes = store.path.read_bytes()
    before = store.read()
    script = textwrap.dedent(
        f"""
        import os, signal
        import geoinc.store as s
        s._BEFORE_COMMIT = lambda: os.kill(os.getpid(), signal.SIGKILL)
        s.IncidentStore({str(store.path)!r}).add({str(folders[1])!r})
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert proc.returncode == -9, proc.stderr.decode()
    pd.testing.assert_frame_equal(store.read(), before)
    with sqlite3.connect(store.path) as con:  # also rolls the hot journal back
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT count(*) FROM geoinc_articles").fetchone() == (24,)
    assert store.path.read_bytes() == before_bytes
    assert IncidentStore(store.path).add(folders[1]).new_articles == 24


def test_merge_options_are_fixed_at_creation(store, folders):
    with pytest.raises(ConfigurationError, match="window_days=1"):
        IncidentStore(store.path, window_days=3).add(folders[1])


@pytest.mark.parametrize("name", ["incidents.geojson", "incidents"])
def test_a_store_is_a_geopackage(tmp_path, name):
    with pytest.raises(ConfigurationError, match=r"\.gpkg"):
        IncidentStore(tmp_path / name)


def test_a_plain_geopackage_is_not_a_store(tmp_path):
    path = tmp_path / "plain.gpkg"
    write_incidents(extract([TOLL.format(outlet="x", killed=2)]), path)
    with pytest.raises(InputError, match="not a geoinc incident store"):
        IncidentStore(path).articles()


@pytest.mark.parametrize("i", [0, 4, 9])
def test_reports_round_trip_through_json(i):
    (report,) = extract_reports(document_from_text(dispatch(i))).reports
    back = report_from_json(report_to_json(report))
    assert back == report and back.extra == report.extra
    assert isinstance(back.claims, tuple) and back.place == report.place


def test_cli_into(tmp_path, folders, capsys):
    store = tmp_path / "cli.gpkg"
    args = ["extract", str(folders[0]), "--into", str(store), "--no-progress"]
    assert main(args) == 0
    before = store.read_bytes()
    assert main(args) == 0
    assert "nothing new, store unchanged" in capsys.readouterr().err
    assert store.read_bytes() == before
    assert main([*args, "-o", str(tmp_path / "x.geojson")]) != 0
    assert "--into writes the store itself" in capsys.readouterr().err


def test_store_layer_reads_in_gis_tools(store):
    import pyogrio

    info = pyogrio.read_info(store.path, layer="incidents")
    assert info["features"] == len(store.read()) > 0
    assert {"added", "updated"} <= set(info["fields"])
    assert Path(str(store.path) + ".lock").exists()


@pytest.mark.parametrize(
    ("wkb", "flags", "expected"),
    [
        ("POINT (36.25 49.98)", 1, (36.25, 36.25, 49.98, 49.98)),
        ("POINT (36.25 49.98)", 0, (36.25, 36.25, 49.98, 49.98)),  # big-endian blob
        ("POLYGON ((0 1, 2 1, 2 3, 0 3, 0 1))", 1, (0.0, 2.0, 1.0, 3.0)),
        ("POINT (1 2)", 0x11, None),  # the empty-geometry flag
    ],
)
def test_gpkg_envelope_for_the_rtree_triggers(wkb, flags, expected):
    import struct

    import shapely

    from geoinc.store import _gpkg_envelope

    order = "<" if flags & 1 else ">"
    body = shapely.to_wkb(shapely.from_wkt(wkb), byte_order=flags & 1)
    blob = b"GP\x00" + bytes([flags]) + struct.pack(order + "i", 4326) + body
    assert _gpkg_envelope(blob) == expected
    assert _gpkg_envelope(None) is None
