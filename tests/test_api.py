"""The top-level API: lazy exports, callable packages, nothing heavy at import."""

import subprocess
import sys

import geoinc


def test_top_level_names_resolve():
    for name in geoinc.__all__:
        assert getattr(geoinc, name) is not None, name


def test_geoparse_and_extract_are_callable_after_submodule_imports():
    import geoinc.extraction.documents  # noqa: F401  (a submodule import leaves geoinc.extract the function)
    import geoinc.geoparsing.resolve  # noqa: F401

    mentions = geoinc.geoparse("Moscow said its drones hit Kharkiv.")
    assert [(m.text, m.role) for m in mentions] == [("Moscow", "actor"), ("Kharkiv", "location")]
    gdf = geoinc.extract(["Russian drones struck Kharkiv overnight on Saturday, killing 3 people."])
    assert len(gdf) == 1 and gdf.iloc[0]["geonameid"] == 706483


def test_import_is_light():
    heavy = "('geopandas', 'folium', 'numpy', 'pandas')"
    code = f"import sys, geoinc; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
