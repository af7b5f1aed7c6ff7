"""Files as GIS software sees them: GDAL's GeoPackage validator, PyQGIS, GeoJSON checks.

The validator and PyQGIS run under the interpreter that has GDAL's/QGIS's Python
bindings (Debian ``/usr/bin/python3`` with ``python3-gdal``/``python3-qgis``); the tests
skip cleanly when it is not there. The validator is ``validate_gpkg.py`` from PyPI
``gdal-utils`` in ``$GEOINC_GDAL_UTILS`` (default ``/opt/gdal-utils``: ``pip install
--no-deps --target /opt/gdal-utils gdal-utils``) when there, else the copy Debian's
``python3-gdal`` ships. docs/interop.md lists the versions these were last run with.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
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
DEBIAN_SAMPLES = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples")
#: the npm package @mapbox/geojsonhint unpacked (``npm pack @mapbox/geojsonhint``); only
#: its lib/ is used, since its command line needs a git-hosted dependency
GEOJSONHINT = Path(os.environ.get("GEOINC_GEOJSONHINT", "/opt/geojsonhint"))
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
    from geoinc.extraction import extract
    from geoinc.incidents.acled import read_acled
    from tests.interop_fixtures import acled_rows

    return {
        "records": build_frame(_records()),
        "examples": extract(EXAMPLES),
        "empty": empty_frame(),
        "acled": read_acled(pd.DataFrame(acled_rows(200)[0])),
    }


def _validators() -> list[tuple[Path, dict]]:
    """GDAL's validate_gpkg.py copies found here, each with its environment, or skip."""
    if not _system_has("osgeo.gdal"):
        pytest.skip("needs GDAL's Python bindings (Debian python3-gdal)")
    found = []
    newer = GDAL_UTILS / "osgeo_utils" / "samples" / "validate_gpkg.py"
    if newer.is_file():  # PyPI gdal-utils: the validator of a newer GDAL than Debian's
        found.append((newer, dict(os.environ, PYTHONPATH=str(GDAL_UTILS))))
    if (DEBIAN_SAMPLES / "validate_gpkg.py").is_file():
        found.append((DEBIAN_SAMPLES / "validate_gpkg.py", dict(os.environ)))
    if not found:
        pytest.skip("no validate_gpkg.py (python3-gdal or gdal-utils in $GEOINC_GDAL_UTILS)")
    return found


@pytest.mark.parametrize("name", ["records", "examples", "empty", "acled"])
def test_geopackage_passes_gdal_validator(frames, tmp_path, name):
    path = write_incidents(frames[name], tmp_path / f"{name}.gpkg")
    with sqlite3.connect(path) as db:
        tables = {t for (t,) in db.execute("SELECT table_name FROM gpkg_contents")}
    # what is validated: the layers (regions when any incident is located only to a
    # region, as in "records") and the stored QGIS styles
    assert name == "empty" or {"incidents", "layer_styles"} <= tables
    assert name != "records" or "incidents_regions" in tables
    for validator, env in _validators():
        done = subprocess.run(
            [SYSTEM_PYTHON, str(validator), "--extra", "--warning-as-error", str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert done.returncode == 0, f"{validator}: {done.stdout}{done.stderr}"


def _probe(*uris: str) -> dict:
    if not _system_has("qgis.core"):
        pytest.skip("needs PyQGIS (Debian qgis python3-qgis)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [SYSTEM_PYTHON, str(PROBE), *uris], capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _qgis(*uris: str) -> dict:
    return _probe(*uris)["layers"]


def test_skips_cleanly_without_the_system_tools(monkeypatch):
    # CI has neither QGIS nor GDAL's bindings: each of these tests must skip, not fail
    monkeypatch.setattr(f"{__name__}.SYSTEM_PYTHON", "/nonexistent/python3")
    _system_has.cache_clear()
    try:
        for needs_tool in (lambda: _qgis("x.gpkg"), _validators):
            with pytest.raises(pytest.skip.Exception):
                needs_tool()
    finally:
        _system_has.cache_clear()


def test_qgis_opens_the_geopackage_typed_and_styled(frames, tmp_path):
    path = write_incidents(frames["records"], tmp_path / "q.gpkg")
    layers = _qgis(f"{path}|layername=incidents", f"{path}|layername=incidents_regions")
    points, regions = layers.values()
    assert points["valid"] and points["crs"] == "EPSG:4326" and points["features"] == 3
    fields = points["fields"]
    assert fields["date_start"] == "Date" and fields["killed_low"] == "Integer64"
    assert fields["claims"] == fields["weapon"] == "JSON" and fields["confidence"] == "Real"
    # the stored default style: categorised by event type, marker size by killed
    assert (points["renderer"], points["renderer_attribute"]) == ("categorizedSymbol", "event_type")
    assert points["classes"] and all('sqrt("killed_best")' in c["size"] for c in points["classes"])
    assert regions["valid"] and regions["renderer"] == "graduatedSymbol"
    assert [c["label"] for c in regions["classes"]][:2] == ["0 killed", "1-4 killed"]
    assert regions["fields"]["killed_best"] == "Integer64" and regions["features"] == 1
    assert regions["fields"]["date_start"] == "Date" and regions["fields"]["event_type"] == "String"
    assert points["painted"] > 0 and regions["painted"] > 0  # the style draws something


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
    assert layer["features"] == len(frames["examples"]) and layer["painted"] > 0
    fields = layer["fields"]
    assert fields["date_start"] == fields["date_end"] == "Date"
    assert fields["killed_best"] == fields["n_sources"] == "Integer"
    assert fields["weapon"] == fields["sources"] == "StringList"
    assert fields["claims"] == fields["evidence"] == "JSON" and fields["confidence"] == "Real"


def test_qgis_opens_the_geoparquet_when_its_gdal_can(frames, tmp_path):
    pytest.importorskip("pyarrow")
    path = write_incidents(frames["records"], tmp_path / "q.parquet")
    seen = _probe(str(path))
    if "Parquet" not in seen["drivers"]:  # Debian's GDAL 3.6 is built without Arrow
        pytest.skip(f"QGIS {seen['version']}'s GDAL has no Parquet driver")
    (layer,) = seen["layers"].values()
    assert layer["valid"] and layer["crs"] == "EPSG:4326" and layer["features"] == 3
    assert layer["fields"]["date_start"] == "Date" and layer["fields"]["confidence"] == "Real"


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


_HINT = """
const hint = require(process.argv[1] + "/lib/object.js").hint;
let text = "";
process.stdin.on("data", (d) => (text += d));
process.stdin.on("end", () => console.log(JSON.stringify(hint(JSON.parse(text), {}))));
"""


def _geojsonhint(text: str) -> list:
    node = shutil.which("node")
    if node is None or not (GEOJSONHINT / "lib" / "object.js").is_file():
        pytest.skip("needs node and @mapbox/geojsonhint unpacked in $GEOINC_GEOJSONHINT")
    done = subprocess.run(
        [node, "-e", _HINT, str(GEOJSONHINT)], input=text, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_geojson_passes_mapbox_geojsonhint(frames):
    from geoinc.incidents.io import region_polygons

    clockwise = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    assert "right-hand rule" in _geojsonhint(json.dumps(clockwise))[0]["message"]  # it checks
    regions = region_polygons(frames["records"])
    for frame in (frames["examples"], frames["records"], frames["acled"], regions):
        assert _geojsonhint(to_geojson(frame)) == []
