"""`geoinc distance` and `geoinc check`, through main(argv)."""

from __future__ import annotations

import io
import json
import sys

import pytest

from geoinc.cli.main import main


def _json(capsys):
    return json.loads(capsys.readouterr().out)


# ------------------------------------------------------------------ distance
def test_distance_to_border_json(capsys):
    assert main(["distance", "Belgorod", "--border", "UA", "--json"]) == 0
    row = _json(capsys)
    assert row["place"] == "Belgorod" and row["border"] == "RU-UA" and row["dataset"] == "osm"
    assert row["distance_km"] == pytest.approx(32.08, abs=0.02)
    assert "geodesic" in row["method"] and "Crimea in Ukraine" in row["method"]


def test_distance_every_dataset(capsys):
    assert main(["distance", "Kharkiv", "--border", "RU", "--dataset", "all", "--json"]) == 0
    rows = {r["dataset"]: r["distance_km"] for r in _json(capsys)}
    assert rows == {
        "osm": pytest.approx(34.56, abs=0.02),
        "naturalearth": pytest.approx(32.62, abs=0.02),
    }


def test_distance_table_names_the_point_of_view(capsys):
    assert main(["distance", "Belgorod", "--border", "RU-UA", "--dataset", "naturalearth"]) == 0
    out = capsys.readouterr().out
    assert "35.39" in out and "naturalearth" in out and "Crimea in Ukraine" in out


def test_distance_between_two_places(capsys):
    assert main(["distance", "Kharkiv", "Belgorod", "--json"]) == 0
    row = _json(capsys)
    assert row["distance_km"] == pytest.approx(72.95, abs=0.05) and row["direction"] == "N"


def test_distance_from_coordinates(capsys):
    assert main(["distance", "50.6,36.58", "--json"]) == 0
    row = _json(capsys)
    assert row["border"] == "RU-UA" and row["distance_km"] == pytest.approx(31.7, abs=0.1)


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["distance", "Qwxzyvillezz"], 3, "Qwxzyvillezz"),
        (["distance", "95,10"], 2, "latitude"),
        (["distance", "Kyiv", "--border", "FR"], 1, "BorderError"),
        (["distance", "Lviv", "--border", "PL", "--dataset", "osm"], 1, "only RU–UA"),
    ],
)
def test_distance_errors(capsys, argv, code, message):
    assert main(argv) == code
    assert message in capsys.readouterr().err


# ------------------------------------------------------------------ check
@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(
        "Drones hit Belgorod, a Russian city some 30 km from the border, on Friday.\n"
        "Lviv, Ukraine's second-largest city, was quiet. A village called Qwxzyville, "
        "12 km from the border, was shelled.\n",
        encoding="utf-8",
    )
    return path


def test_check_table(capsys, article):
    assert main(["check", str(article)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["kind", "verdict", "claim"]
    body = "\n".join(out[1:])
    assert "border_distance  consistent" in body
    assert "rank             inconsistent" in body
    assert "unverifiable" in body and "Qwxzyville" in body


def test_check_json(capsys, article):
    assert main(["check", str(article), "--json"]) == 0
    records = _json(capsys)
    by_kind = {(r["kind"], r["verdict"]) for r in records}
    assert ("border_distance", "consistent") in by_kind and ("rank", "inconsistent") in by_kind
    text = article.read_text(encoding="utf-8")
    for r in records:
        assert text[r["start"] : r["end"]] == r["text"] and r["file"] == str(article)
    border = next(r for r in records if r["kind"] == "border_distance" and r["place"])
    assert border["dataset"] == "osm" and len(border["border_point"]) == 2


def test_check_kind_filter(capsys, article):
    assert main(["check", str(article), "--json", "--kind", "rank"]) == 0
    assert {r["kind"] for r in _json(capsys)} == {"rank"}


def test_check_stdin(capsys, monkeypatch):
    data = "Kharkiv, just across the border from Belgorod, was hit.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["check", "-", "--json"]) == 0
    [r] = _json(capsys)
    assert r["kind"] == "adjacency" and r["verdict"] == "consistent" and r["file"] == "-"


def test_check_no_claims(capsys, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Nothing geographic happens here.", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert "no checkable" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"), [(b"\x00\x01binary", "binary"), (b"caf\xe9 30 km", "UTF-8")]
)
def test_check_bad_input(capsys, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_check_missing_file(capsys, tmp_path):
    assert main(["check", str(tmp_path / "absent.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_check_seed_file(capsys, seeds_dir):
    path = next(seeds_dir.glob("000_*.txt"))
    assert main(["check", str(path), "--json"]) == 0
    [r] = [r for r in _json(capsys) if r["kind"] == "border_distance"]
    assert r["place"]["name"] == "Belgorod" and r["verdict"] in ("consistent", "roughly consistent")
