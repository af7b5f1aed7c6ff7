"""``geoinc extract`` through ``main([...])``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoinc.cli.main import main
from geoinc.incidents.io import read_incidents

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dispatches"


def test_extract_to_gpkg_with_summary(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "incidents.gpkg"
    status = tmp_path / "status.json"
    rc = main(
        [
            "extract",
            str(EXAMPLES),
            str(tmp_path / "empty.txt"),
            "-o",
            str(out),
            "--status",
            str(status),
            "--no-progress",
        ]
    )
    assert rc == 0
    err = capsys.readouterr().err
    assert "none found (no attack reported" in err and "08_no_places.txt" in err
    assert "error" in err and "empty" in err
    assert "9 input(s): 7 with incidents, 1 none found, 1 error(s)" in err
    frame = read_incidents(out)
    assert len(frame) >= 5 and "Belgorod" in set(frame.place_name)
    st = json.loads(status.read_text())
    assert len(st) == 9 and {s["status"] for s in st} == {"ok", "none", "error"}


def test_extract_geojson_to_stdout(capsys):
    rc = main(["extract", str(EXAMPLES / "05_borova.txt"), "--no-progress"])
    assert rc == 0
    doc = json.loads(capsys.readouterr().out)
    (feat,) = doc["features"]
    assert feat["properties"]["place_name"] == "Borova" and feat["properties"]["killed_low"] == 3


def test_extract_acled_csv(tmp_path):
    out = tmp_path / "acled.csv"
    assert main(["extract", str(EXAMPLES), "-o", str(out), "--acled", "--no-progress"]) == 0
    head = out.read_text().splitlines()[0]
    assert head.startswith("event_id_cnty,event_date,year,time_precision")


@pytest.mark.parametrize("args", [["-o", "x.shp"], ["--acled", "-o", "x.gpkg"]])
def test_bad_options_exit_with_usage_error(args, capsys):
    assert main(["extract", str(EXAMPLES / "05_borova.txt"), "--no-progress", *args]) == 2
    assert "ConfigurationError" in capsys.readouterr().err


def test_all_inputs_bad_exits_2(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert (
        main(
            [
                "extract",
                str(tmp_path / "empty.txt"),
                "-o",
                str(tmp_path / "o.geojson"),
                "--no-progress",
            ]
        )
        == 2
    )


def test_missing_path_is_an_error_not_a_text(tmp_path, capsys):
    rc = main(
        ["extract", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.geojson"), "--no-progress"]
    )
    assert rc == 2
    assert "no such file" in capsys.readouterr().err


def test_stdin(monkeypatch, capsys):
    import io
    import sys

    text = "December 31, 2023\n\nDrones hit Kharkiv overnight, wounding 28 people."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["extract", "-", "--no-progress"]) == 0
    feat = json.loads(capsys.readouterr().out)["features"][0]
    assert (
        feat["properties"]["date_start"] == "2023-12-30" and feat["properties"]["injured_low"] == 28
    )
