"""`geoinc geocode` and `geoinc reverse`, through main(argv)."""

import json
import subprocess
import sys

import pytest

from geoinc.cli.main import main


def test_geocode_table(capsys):
    assert main(["geocode", "Kharkiv", "Borova, Kharkiv Oblast"]) == 0
    out = capsys.readouterr().out
    assert "706483" in out and "711623" in out


def test_geocode_geojson(capsys):
    assert main(["geocode", "--geojson", "Belgorod", "Kharkov"]) == 0
    fc = json.loads(capsys.readouterr().out)
    assert fc["type"] == "FeatureCollection"
    assert [f["properties"]["geonameid"] for f in fc["features"]] == [578072, 706483]
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert lat == pytest.approx(50.60, abs=0.01) and lon == pytest.approx(36.58, abs=0.01)


def test_geocode_sequence(capsys):
    assert main(["geocode", "--geojson", "--sequence", "Kyiv", "Lviv"]) == 0
    records = [r for r in capsys.readouterr().out.split("\x1e") if r.strip()]
    assert [json.loads(r)["properties"]["geonameid"] for r in records] == [703448, 702550]


def test_geocode_unknown_exits_3(capsys):
    assert main(["geocode", "Qwxzyvillezz"]) == 3
    captured = capsys.readouterr()
    assert "no place" in captured.err and "Qwxzyvillezz" in captured.err


def test_reverse(capsys):
    assert main(["reverse", "50.60", "36.58", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["place"] == "Belgorod" and row["admin1"] == "RU.09" and row["country"] == "RU"


@pytest.mark.parametrize("args", [["91", "0"], ["nan", "0"], ["north", "east"]])
def test_reverse_bad_coordinates_exit_2(capsys, args):
    assert main(["reverse", *args]) == 2
    assert "geoinc:" in capsys.readouterr().err


def test_console_script_help():
    out = subprocess.run(
        [sys.executable, "-m", "geoinc.cli.main", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0
    assert "geocode" in out.stdout and "reverse" in out.stdout
