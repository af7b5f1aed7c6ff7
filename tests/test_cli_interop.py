"""The shell habits: ``geoinc import``, ``geoinc map`` on ACLED/UCDP, ``-o -``, -q/-v, hints."""

from __future__ import annotations

import io
import json
import re
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from geoinc.cli.main import main
from geoinc.incidents.io import read_incidents
from tests.interop_fixtures import UCDP_HEADER, acled_rows, ucdp_rows

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dispatches"


@pytest.fixture(scope="module")
def acled_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "acled.csv"
    pd.DataFrame(acled_rows(150)[0]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def ucdp_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "ged.csv"
    pd.DataFrame(ucdp_rows(80)[0], columns=UCDP_HEADER).to_csv(path, index=False)
    return path


def test_import_acled_to_gpkg_and_back(acled_csv, tmp_path, capsys):
    out = tmp_path / "a.gpkg"
    assert main(["import", str(acled_csv), "-o", str(out)]) == 0
    assert "wrote 150 incident(s)" in capsys.readouterr().err
    frame = read_incidents(out)
    assert len(frame) == 150 and frame["incident_id"].str.startswith("acled:").all()
    back = tmp_path / "again.csv"
    assert main(["import", str(out), "-o", str(back), "--to", "acled", "-q"]) == 0
    assert capsys.readouterr().err == ""  # -q: nothing to say when all went well
    again = pd.read_csv(back, dtype=str, keep_default_na=False)
    original = pd.read_csv(acled_csv, dtype=str, keep_default_na=False)
    assert again["event_id_cnty"].tolist() == original["event_id_cnty"].tolist()
    assert again["actor_dyad"].tolist() == original["actor_dyad"].tolist()


def test_import_several_files_to_stdout(acled_csv, ucdp_csv, capsys):
    assert main(["import", str(acled_csv), str(ucdp_csv), "-o", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    ids = [f["id"] for f in doc["features"]]
    assert len(ids) == 230 and ids[0].startswith("acled:") and ids[-1].startswith("ucdp:")


def test_import_ucdp_as_acled(ucdp_csv, tmp_path):
    out = tmp_path / "u.csv"
    assert main(["import", str(ucdp_csv), "--to", "acled", "-o", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(table["iso"]) <= {"804", "643"} and (table["event_date"] != "").all()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--to", "acled"], "--to acled writes CSV"),
        (["-o", "x.shp"], "unknown output format"),
        (["-o", "no/such/folder/x.gpkg"], "does not exist"),
    ],
)
def test_import_refuses_bad_outputs_before_reading(acled_csv, capsys, argv, message):
    assert main(["import", str(acled_csv), *argv]) in (1, 2)
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_ambiguous_dates_exit_2_with_the_hint(tmp_path, capsys):
    rows, _ = acled_rows(3)
    for r, d in zip(rows, ["01/02/2024", "03/04/2024", "05/06/2024"], strict=True):
        r["event_date"] = d
    path = tmp_path / "amb.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    assert main(["import", str(path)]) == 2
    assert "--dayfirst or --monthfirst" in capsys.readouterr().err
    assert main(["import", str(path), "--monthfirst"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["features"][0]["properties"]["date_start"] == "2024-01-02"


def test_not_a_dataset_csv(tmp_path, capsys):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    assert main(["import", str(path)]) == 2
    assert "neither ACLED" in capsys.readouterr().err


@pytest.mark.parametrize("which", ["acled", "ucdp"])
def test_map_reads_acled_and_ucdp(acled_csv, ucdp_csv, tmp_path, capsys, which):
    src = acled_csv if which == "acled" else ucdp_csv
    html = tmp_path / "m.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        assert main(["map", str(src), "-o", str(html), "--borders", "none"]) == 0
    n = 150 if which == "acled" else 80
    assert f"{n} incidents" in capsys.readouterr().out
    assert "geoinc.Store" in html.read_text(encoding="utf-8")


def test_map_of_own_gpkg_is_quiet_and_map_to_stdout(acled_csv, tmp_path, capsys):
    gpkg = tmp_path / "a.gpkg"
    assert main(["import", str(acled_csv), "-o", str(gpkg)]) == 0
    capsys.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.filterwarnings("error", ".*more than one layer.*")  # pyogrio's guess
        assert main(["map", str(gpkg), "-o", "-", "--borders", "none", "--no-band"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("<!DOCTYPE html>") and "more than one layer" not in out.err


def test_missing_extra_is_one_line_with_the_install_hint(acled_csv, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if pyarrow were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "a.parquet"
    assert main(["import", str(acled_csv), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        "geoinc: this needs the Python package 'pyarrow', which is not installed: "
        "pip install 'geoinc[parquet]'"
    )
    assert not out.exists()  # no empty file left behind


def test_failed_offline_map_leaves_no_file(tmp_path, capsys, monkeypatch):
    import geoinc.mapping.assets as assets

    src = tmp_path / "i.geojson"
    assert main(["extract", str(EXAMPLES), "-o", str(src), "--no-progress", "-q"]) == 0

    monkeypatch.setitem(sys.modules, "xstatic.pkg.leaflet", None)  # the extra not installed
    assets.asset_text.cache_clear()
    html = tmp_path / "m.html"
    rc = main(["map", str(src), "-o", str(html), "--offline", "--borders", "none"])
    err = capsys.readouterr().err
    assert rc != 0 and not html.exists()
    assert "geoinc[offline]" in err and "Traceback" not in err
    assets.asset_text.cache_clear()


def test_quiet_and_verbose_extract(tmp_path, capsys):
    out = tmp_path / "x.geojson"
    assert main(["extract", str(EXAMPLES), "-o", str(out), "--no-progress"]) == 0
    normal = capsys.readouterr().err
    assert main(["extract", str(EXAMPLES), "-o", str(out), "-q"]) == 0
    quiet = capsys.readouterr().err
    assert "  ok " in normal and "  ok " not in quiet and "wrote" not in quiet
    assert "input(s):" in quiet  # the totals line stays
    assert main(["extract", str(EXAMPLES), "-o", str(out), "-qq"]) == 0
    assert capsys.readouterr().err == ""  # -qq: errors only, and there were none
    assert main(["extract", str(EXAMPLES), str(tmp_path / "gone.txt"), "-o", str(out), "-qq"]) == 0
    assert capsys.readouterr().err.strip().startswith("error ")
    assert main(["extract", str(EXAMPLES), "-o", str(out), "--no-progress", "-v"]) == 0
    verbose = capsys.readouterr().err
    assert "INFO: read 8 input(s)" in verbose and verbose.count("INFO") > normal.count("INFO")
    assert main(["-v", "import", str(out), "-o", str(tmp_path / "y.gpkg")]) == 0
    assert "INFO" in capsys.readouterr().err  # -v: what was read, how many


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_with_total_and_eta_on_a_terminal_only(tmp_path, monkeypatch):
    out = tmp_path / "x.geojson"
    for stream, shown in ((_Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        assert main(["extract", str(EXAMPLES), "-o", str(out)]) == 0
        bar = re.search(r"articles: 100%.*\| 8/8 \[\d\d:\d\d<\d\d:\d\d", stream.getvalue())
        assert bool(bar) is shown, stream.getvalue()  # a total and an ETA; none in a pipe
        assert "8 input(s)" in stream.getvalue()


@pytest.mark.parametrize("command", ["extract", "map", "import"])
def test_missing_output_folder_is_one_line_before_the_work(acled_csv, tmp_path, capsys, command):
    src = str(EXAMPLES) if command == "extract" else str(acled_csv)
    target = tmp_path / "no" / "such" / ("m.html" if command == "map" else "x.gpkg")
    assert main([command, src, "-o", str(target)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith("does not exist") and len(err.splitlines()) == 1
    assert not (tmp_path / "no").exists()
