"""UCDP GED CSV import/export on files in GED's real shape."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import shapely

from geoinc.exceptions import InputError
from geoinc.incidents.schema import COLUMNS, build_frame
from geoinc.incidents.ucdp import UCDP_COLUMNS, read_ucdp, to_ucdp, write_ucdp
from tests.interop_fixtures import UCDP_HEADER, ucdp_rows


@pytest.fixture(scope="module")
def ged(tmp_path_factory):
    rows, days = ucdp_rows(300)
    path = tmp_path_factory.mktemp("ucdp") / "ged.csv"
    pd.DataFrame(rows, columns=UCDP_HEADER).to_csv(path, index=False)
    return path, rows, days


def test_import_into_schema(ged):
    path, rows, days = ged
    f = read_ucdp(path)
    assert list(f.columns[: len(COLUMNS)]) == list(COLUMNS) and len(f) == 300
    assert [d.date() for d in f["date_start"]] == days
    assert [d.date().isoformat() for d in f["date_end"]] == [r["date_end"][:10] for r in rows]
    r, g = rows[0], f.iloc[0]
    assert g.incident_id == f"ucdp:{r['id']}"
    assert (g.killed_low, g.killed_best, g.killed_high) == (
        int(r["low"]),
        int(r["best"]),
        int(r["high"]),
    )
    assert g.where_prec == int(r["where_prec"]) and g.date_precision == int(r["date_prec"])
    assert g.country in ("UA", "RU") and g.admin1.startswith(g.country + ".")
    assert g.side_a == "Government of Russia (Soviet Union)"  # kept under its own name


def test_round_trip_keeps_every_column_and_value(ged, tmp_path):
    path, rows, _ = ged
    f = read_ucdp(path)
    out = write_ucdp(f, tmp_path / "again.csv")
    again = pd.read_csv(out, dtype=str, keep_default_na=False)
    original = pd.DataFrame(rows, columns=UCDP_HEADER)
    assert list(again.columns) == list(UCDP_COLUMNS)
    for col in UCDP_HEADER:
        if col in ("date_start", "date_end", "latitude", "longitude", "geom_wkt"):
            continue
        assert again[col].tolist() == original[col].tolist(), col
    # dates lose only GED's zero time of day; coordinates only trailing zeros
    for col in ("date_start", "date_end"):
        assert again[col].tolist() == [v[:10] for v in original[col]], col
    assert (again["date_end"] != again["date_start"]).any()
    for col in ("latitude", "longitude"):
        assert again[col].astype(float).tolist() == original[col].astype(float).tolist(), col
    wkt = shapely.from_wkt(again["geom_wkt"].tolist())
    assert shapely.equals(wkt, shapely.from_wkt(original["geom_wkt"].tolist())).all()
    f2 = read_ucdp(out)
    assert f2["incident_id"].tolist() == f["incident_id"].tolist()
    third = pd.read_csv(write_ucdp(f2, tmp_path / "3.csv"), dtype=str, keep_default_na=False)
    assert third.equals(again)


def test_export_of_extracted_incidents_fills_what_geoinc_knows():
    f = build_frame(
        [
            {
                "incident_id": "inc-1",
                "date_start": date(2024, 1, 2),
                "date_end": date(2024, 1, 3),
                "date_precision": 2,
                "place_name": "Kharkiv",
                "admin1_name": "Kharkiv Oblast",
                "country": "UA",
                "geo_precision": 3,
                "killed_low": 3,
                "killed_high": 5,
                "n_sources": 2,
                "sources": ["a", "b"],
                "lon": 36.25,
                "lat": 49.98,
            }
        ]
    )
    r = to_ucdp(f).iloc[0]
    assert (r["id"], r["year"], r["where_prec"], r["date_prec"]) == ("inc-1", 2024, 4, 2)
    assert (r["best"], r["low"], r["high"], r["deaths_unknown"]) == (3, 3, 5, 3)
    assert (r["country"], r["country_id"], r["region"]) == ("Ukraine", "369", "Europe")
    assert r["side_a"] == r["dyad_name"] == ""  # never invented
    assert r["geom_wkt"] == "POINT (36.25 49.98)" and r["source_office"] == "a;b"


@pytest.mark.parametrize("content", ["id,best\n1,2\n", "a\n"])
def test_not_ucdp(tmp_path, content):
    p = tmp_path / "x.csv"
    p.write_text(content)
    with pytest.raises(InputError, match="not a UCDP GED file"):
        read_ucdp(p)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1251", "utf-16"])
def test_encodings_are_detected(tmp_path, encoding):
    rows, _ = ucdp_rows(5)
    rows[0]["side_b"] = "Уряд України"
    path = tmp_path / "e.csv"
    pd.DataFrame(rows, columns=UCDP_HEADER).to_csv(path, index=False, encoding=encoding)
    assert read_ucdp(path).loc[0, "side_b"] == "Уряд України"
