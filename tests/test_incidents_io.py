"""I/O: lossless round trips of every column and type through real files (GDAL via pyogrio)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from geoinc.exceptions import ConfigurationError, InputError
from geoinc.incidents.io import read_geojson, read_incidents, to_geojson, write_incidents
from geoinc.incidents.schema import COLUMNS, build_frame, empty_frame

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dispatches"
FORMATS = ["geojson", "gpkg", "parquet", "csv"]


def _records():
    claim = {
        "field": "killed",
        "value": 22,
        "low": 22,
        "high": None,
        "qualifier": "at_least",
        "text": "at least 22",
        "source": "wire «A»",
        "doc_id": "d1",
        "start": 3,
        "end": 14,
        "sentence": "Ünïcode — “quoted”",
        "sentence_start": 0,
        "sentence_end": 20,
    }
    return [
        {
            "incident_id": "inc-1",
            "date_start": date(2023, 12, 30),
            "date_end": date(2023, 12, 31),
            "date_precision": 2,
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "weapon": ["Shahed drones"],
            "target": ["hotel", "school"],
            "place_name": "Kharkiv",
            "place_kind": "place",
            "geonameid": 706483,
            "admin1": "UA.07",
            "admin1_name": "Kharkiv Oblast",
            "country": "UA",
            "geo_precision": 1,
            "where_prec": 1,
            "killed_low": 18,
            "killed_best": 22,
            "killed_high": 24,
            "injured_low": 108,
            "injured_best": None,
            "injured_high": 111,
            "drones_launched": 49,
            "drones_shot_down": 21,
            "n_sources": 3,
            "sources": ["a", "b", "c"],
            "claims": [claim],
            "evidence": [{"field": "place", "value": "Kharkiv", "inherited": False}],
            "confidence": 0.8125,
            "lon": 36.25475,
            "lat": 49.98177,
        },
        {
            "incident_id": "inc-2",
            "place_name": "Nowhere known",
            "n_sources": 1,
            "sources": ["x"],
            "confidence": 0.1,
            "lon": None,
            "lat": None,
        },  # undated, no figures, null geometry
        {
            "incident_id": "inc-3",
            "place_name": "Zaporizhzhia Oblast",
            "place_kind": "admin1",
            "geonameid": 687699,
            "admin1": "UA.26",
            "date_start": date(2024, 2, 29),
            "date_end": date(2024, 2, 29),
            "date_precision": 1,
            "lon": 35.5,
            "lat": 47.5,
            "n_sources": 1,
            "sources": ["y"],
            "confidence": 1.0,
        },
    ]


@pytest.fixture(scope="module")
def frame():
    return build_frame(_records())


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_every_column_and_type(frame, tmp_path, fmt):
    path = write_incidents(frame, tmp_path / f"incidents.{fmt}")
    back = read_incidents(path)
    assert_frame_equal(back, frame)
    assert list(back.columns) == [*COLUMNS, "geometry"]
    assert back.crs.to_epsg() == 4326


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet"])
def test_extra_columns_keep_their_type(frame, tmp_path, fmt):
    f = frame.copy()
    f["flag"] = pd.array([True, False, None], dtype="boolean")
    f["note"] = pd.Series(["x", None, "z"], dtype="str")
    f["count"] = pd.array([1, None, 3], dtype="Int64")
    f["tags"] = pd.Series([["a"], [], {"k": 1}], dtype=object)
    back = read_incidents(write_incidents(f, tmp_path / f"x.{fmt}"))
    assert_frame_equal(back, f)


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_frame_round_trip(tmp_path, fmt):
    back = read_incidents(write_incidents(empty_frame(), tmp_path / f"empty.{fmt}"))
    assert len(back) == 0 and list(back.columns) == [*COLUMNS, "geometry"]


def test_geojson_is_rfc7946_and_deterministic(frame):
    text = to_geojson(frame)
    assert text == to_geojson(frame.copy())
    doc = json.loads(text)
    assert "crs" not in doc and doc["type"] == "FeatureCollection"
    f0 = doc["features"][0]
    assert f0["id"] == "inc-1" and f0["geometry"]["coordinates"] == [36.25475, 49.98177]  # lon, lat
    assert (
        f0["properties"]["date_start"] == "2023-12-30" and f0["properties"]["injured_best"] is None
    )
    assert doc["features"][1]["geometry"] is None
    assert "NaN" not in text


def test_geojson_from_other_crs_warns_and_reprojects(frame):
    with pytest.warns(UserWarning, match="reprojecting"):
        doc = json.loads(to_geojson(frame.to_crs(3857)))
    assert doc["features"][0]["geometry"]["coordinates"][0] == pytest.approx(36.25475)
    with pytest.raises(ConfigurationError, match="no CRS"):
        to_geojson(frame.set_crs(None, allow_override=True))


def test_bad_files(tmp_path):
    with pytest.raises(ConfigurationError, match="format"):
        write_incidents(empty_frame(), tmp_path / "x.shp")
    with pytest.raises(InputError, match="no such file"):
        read_incidents(tmp_path / "missing.gpkg")
    (tmp_path / "bad.geojson").write_text("{not json")
    with pytest.raises(InputError, match="JSON"):
        read_incidents(tmp_path / "bad.geojson")
    with pytest.raises(InputError, match="FeatureCollection"):
        read_geojson('{"type": "Point", "coordinates": [0, 0]}')


def test_gpkg_region_layer(tmp_path, gazetteer):
    import pyogrio
    import shapely

    f = build_frame(_records())
    path = write_incidents(f, tmp_path / "r.gpkg")
    layers = [name for name, _ in pyogrio.list_layers(path)]
    assert layers == ["incidents", "incidents_regions", "layer_styles"]
    regions = gpd.read_file(path, layer="incidents_regions", engine="pyogrio")
    assert regions.incident_id.tolist() == ["inc-3"]  # the admin1 incident only
    assert shapely.contains_xy(regions.geometry[0], 35.5, 47.5)
    assert read_incidents(path).equals(f)  # the extra layer does not disturb reading
    no = write_incidents(f, tmp_path / "n.gpkg", regions=False)
    assert [name for name, _ in pyogrio.list_layers(no)] == ["incidents", "layer_styles"]


def test_gpkg_is_readable_by_plain_gdal(frame, tmp_path):
    import pyogrio

    path = write_incidents(frame, tmp_path / "i.gpkg")
    info = pyogrio.read_info(path, layer="incidents")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    subtypes = dict(zip(info["fields"], info["ogr_subtypes"], strict=True))
    assert types["date_start"] == types["date_end"] == "OFTDate"  # DATE, not DateTime text
    assert {subtypes[c] for c in ("weapon", "target", "sources", "claims", "evidence")} == {
        "OFSTJSON"
    }
    plain = gpd.read_file(path, layer="incidents", engine="pyogrio")
    assert plain.loc[0, "claims"][0]["text"] == "at least 22"  # GDAL hands JSON over as JSON


def test_gpkg_region_layer_carries_incident_attributes_and_styles(tmp_path):
    import sqlite3

    f = build_frame(_records())
    path = write_incidents(f, tmp_path / "s.gpkg")
    regions = gpd.read_file(path, layer="incidents_regions", engine="pyogrio")
    assert set(COLUMNS) - {"weapon", "target"} <= set(regions.columns)
    assert regions.loc[0, "date_start"] == pd.Timestamp("2024-02-29")
    with sqlite3.connect(path) as con:
        styles = dict(con.execute("SELECT f_table_name, styleQML FROM layer_styles").fetchall())
        kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
    assert set(styles) == {"incidents", "incidents_regions"}
    assert 'attr="event_type"' in styles["incidents"] and "killed_best" in styles["incidents"]
    assert "Explosions/Remote violence" in styles["incidents"]
    assert "graduatedSymbol" in styles["incidents_regions"]
    assert kinds["layer_styles"] == "attributes"


def test_outputs_hold_no_machine_paths(tmp_path):
    from geoinc.extraction import extract

    f = extract(EXAMPLES)
    assert f.attrs  # the run's details are there in memory...
    for fmt in FORMATS:
        out = write_incidents(f, tmp_path / f"p.{fmt}")
        assert b"geoinc_inputs" not in out.read_bytes(), fmt  # ...not on disk


def test_geojson_polygons_follow_the_right_hand_rule():
    import shapely

    cw = shapely.Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])  # clockwise exterior
    assert not cw.exterior.is_ccw
    f = gpd.GeoDataFrame({"incident_id": ["p"]}, geometry=[cw], crs="EPSG:4326")
    ring = json.loads(to_geojson(f))["features"][0]["geometry"]["coordinates"][0]
    assert shapely.LinearRing(ring).is_ccw


def test_csv_names_its_crs_for_gis(frame, tmp_path):
    import pyogrio

    path = write_incidents(frame, tmp_path / "c.csv")
    assert 'AUTHORITY["EPSG","4326"]' in path.with_suffix(".prj").read_text()
    assert pyogrio.read_info(path)["crs"] == "EPSG:4326"  # GDAL reads the .prj (GeoCSV)
    gdal_read = pyogrio.read_dataframe(path)
    assert gdal_read.geometry.iloc[0].x == pytest.approx(36.25475)


def test_extracted_examples_round_trip(tmp_path):
    from geoinc.extraction import extract

    f = extract(EXAMPLES)
    f.attrs.clear()
    for fmt in FORMATS:
        back = read_incidents(write_incidents(f, tmp_path / f"e.{fmt}"))
        assert_frame_equal(back, f)


@settings(max_examples=15, deadline=None)
@given(
    lon=st.floats(-180, 180, allow_nan=False),
    lat=st.floats(-90, 90, allow_nan=False),
    killed=st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_geojson_lon_lat_round_trip(lon, lat, killed):
    f = build_frame([{"incident_id": "h", "lon": lon, "lat": lat, "killed_low": killed}])
    back = read_geojson(to_geojson(f))
    assert (back.geometry.x[0], back.geometry.y[0]) == (lon, lat)
    assert (pd.isna(back.killed_low[0]) and killed is None) or back.killed_low[0] == killed
