"""Files as GIS software sees them: GDAL's GeoPackage validator, PyQGIS, GeoJSON checks.

The validator and PyQGIS run under the interpreter that has GDAL's/QGIS's Python
bindings (Debian ``/usr/bin/python3`` with ``python3-gdal``/``python3-qgis``); the tests
skip cleanly when it is not there. The GeoPackage validator must know GeoPackage 1.4's
R-tree triggers: the one of PyPI ``gdal-utils`` >= 3.7, found in ``$GEOINC_GDAL_UTILS``
(default ``/opt/gdal-utils``, ``pip install --no-deps --target /opt/gdal-utils gdal-utils``).
"""

from __future__ import annotations

import json
import os
import subprocess
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

from geoinc.incidents.io import to_geojson, write_incidents
from geoinc.incidents.schema import build_frame, empty_frame
from tests.test_incidents_io import EXAMPLES, _records

SYSTEM_PYTHON = "/usr/bin/python3"
GDAL_UTILS = Path(os.environ.get("GEOINC_GDAL_UTILS", "/opt/gdal-utils"))
PROBE = Path(__file__).with_name("qgis_probe.py")


@lru_cache(maxsize=4)
def _system_has(module: str) -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    try:
        done = subprocess.run(
            [SYSTEM_PYTHON, "-c", f"import {module}"], capture_output=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.fixture(scope="module")
def frames():
    from geoinc.extract import extract
    from geoinc.incidents.acled import read_acled
    from tests.interop_fixtures import acled_rows

    return {
        "records": build_frame(_records()),
        "examples": extract(EXAMPLES),
        "empty": empty_frame(),
        "acled": read_acled(pd.DataFrame(acled_rows(200)[0])),
    }


@pytest.mark.parametrize("name", ["records", "examples", "empty", "acled"])
def test_geopackage_passes_gdal_validator(frames, tmp_path, name):
    validator = GDAL_UTILS / "osgeo_utils" / "samples" / "validate_gpkg.py"
    if not validator.is_file() or not _system_has("osgeo.gdal"):
        pytest.skip("needs python3-gdal and gdal-utils in $GEOINC_GDAL_UTILS")
    path = write_incidents(frames[name], tmp_path / f"{name}.gpkg")
    env = dict(os.environ, PYTHONPATH=str(GDAL_UTILS))
    done = subprocess.run(
        [SYSTEM_PYTHON, str(validator), "--extra", "--warning-as-error", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _qgis(*uris: str) -> dict:
    if not _system_has("qgis.core"):
        pytest.skip("needs PyQGIS (Debian qgis python3-qgis)")
    done = subprocess.run(
        [SYSTEM_PYTHON, str(PROBE), *uris], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])["layers"]


def test_qgis_opens_the_geopackage_typed_and_styled(frames, tmp_path):
    path = write_incidents(frames["records"], tmp_path / "q.gpkg")
    layers = _qgis(f"{path}|layername=incidents", f"{path}|layername=incidents_regions")
    points, regions = layers.values()
    assert points["valid"] and points["crs"] == "EPSG:4326" and points["features"] == 3
    fields = points["fields"]
    assert fields["date_start"] == "Date" and fields["killed_low"] == "Integer64"
    assert fields["claims"] == fields["weapon"] == "JSON" and fields["confidence"] == "Real"
    assert (points["renderer"], points["renderer_attribute"]) == ("categorizedSymbol", "event_type")
    assert regions["valid"] and regions["renderer"] == "graduatedSymbol"
    assert regions["fields"]["killed_best"] == "Integer64" and regions["features"] == 1


def test_qgis_opens_the_csv_with_its_crs_and_types(frames, tmp_path):
    path = write_incidents(frames["records"], tmp_path / "q.csv")
    (layer,) = _qgis(str(path)).values()
    assert layer["valid"] and layer["crs"] == "EPSG:4326" and layer["features"] == 3
    assert layer["fields"]["date_start"] == "Date" and layer["fields"]["killed_low"] == "Integer64"
    assert layer["geometry"][0] == "Point (36.255 49.982)"


def test_qgis_opens_the_geojson(frames, tmp_path):
    path = write_incidents(frames["examples"], tmp_path / "q.geojson")
    (layer,) = _qgis(str(path)).values()
    assert layer["valid"] and layer["crs"] == "EPSG:4326"
    assert layer["features"] == len(frames["examples"])


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from ((i, ring) for i, ring in enumerate(geometry["coordinates"]))
    elif geometry["type"] == "MultiPolygon":
        for poly in geometry["coordinates"]:
            yield from ((i, ring) for i, ring in enumerate(poly))


def test_geojson_is_valid_with_right_hand_winding(frames):
    geojson = pytest.importorskip("geojson")
    import shapely

    from geoinc.incidents.io import region_polygons

    regions = region_polygons(frames["records"])
    for frame in (frames["examples"], frames["records"], regions):
        text = to_geojson(frame)
        doc = geojson.loads(text)
        assert doc.is_valid, doc.errors()
        for feat in json.loads(text)["features"]:
            for i, ring in _rings(feat["geometry"] or {"type": "Point"}):
                # RFC 7946 §3.1.6: exteriors counter-clockwise, holes clockwise
                assert shapely.LinearRing(ring).is_ccw == (i == 0)
    assert len(regions)
