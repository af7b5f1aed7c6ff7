"""``geoinc check``: files, folders, standard input, --kind validation, JSON evidence."""

from __future__ import annotations

import io
import json
import sys

import pytest

from geoinc.cli.main import main


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "b.txt").write_text("Lozova, in the Poltava region, lost power.", encoding="utf-8")
    (tmp_path / "a.html").write_text(
        "<html><body><p>The port city of <b>Odesa</b> was hit.</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # not a text suffix: not read
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(
        "Drones hit Kharkiv overnight. It lies about 30 km from the Russian border.",
        encoding="utf-8",
    )
    return tmp_path


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_folder_is_read_file_by_file_in_path_order(capsys, folder):
    assert main(["check", str(folder), "--json"]) == 0
    records = _json(capsys)
    files = [r["file"].removeprefix(str(folder)) for r in records]
    assert files == sorted(files) and {f.lstrip("/") for f in files} == {
        "a.html",
        "b.txt",
        "sub/c.txt",
    }
    by_kind = {r["kind"]: r for r in records}
    assert by_kind["region"]["verdict"] == "inconsistent"
    assert by_kind["attribute"]["verdict"] == "consistent"
    border = by_kind["border_distance"]
    assert border["subject_from"] == "earlier sentence" and border["place"]["name"] == "Kharkiv"


def test_json_carries_offsets_method_and_tolerance(capsys, folder):
    path = folder / "b.txt"
    assert main(["check", str(path), "--json"]) == 0
    [r] = _json(capsys)
    text = path.read_text(encoding="utf-8")
    assert text[r["start"] : r["end"]] == r["text"]
    assert text[r["subject_start"] : r["subject_end"]] == "Lozova"
    assert r["method"] and r["tolerance"] and r["reason"]


@pytest.mark.parametrize("bad", ["bogus", "Region", ""])
def test_unknown_kind_is_a_usage_error(capsys, folder, bad):
    with pytest.raises(SystemExit) as exc:
        main(["check", str(folder), "--kind", bad])
    assert exc.value.code == 2
    assert "unknown claim kind" in capsys.readouterr().err


def test_kind_filter_keeps_one_kind(capsys, folder):
    assert main(["check", str(folder), "--json", "--kind", "region"]) == 0
    assert {r["kind"] for r in _json(capsys)} == {"region"}


def test_stdin(capsys, monkeypatch):
    data = "Kharkiv, a city of 1.4 million people, was hit.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["check", "-"]) == 0
    out = capsys.readouterr().out
    assert "population" in out and "consistent" in out and "1,421,125 people" in out
