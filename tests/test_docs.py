"""The examples in docstrings and in the README run and print what they claim."""

import doctest
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

MODULES = [
    "geoinc.names",
    "geoinc.coordinates",
    "geoinc.gazetteer",
    "geoinc.geocoders",
    "geoinc.geocoders.bundled",
    "geoinc.geocoders.fallback",
    "geoinc.versions",
]


@pytest.mark.parametrize("modname", MODULES)
def test_module_doctests(modname):
    module = importlib.import_module(modname)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{modname} has no examples"
    assert result.failed == 0


def test_readme_examples():
    result = doctest.testfile(str(REPO / "README.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8
    assert result.failed == 0


def test_show_versions(capsys):
    import geoinc

    geoinc.show_versions()
    out = capsys.readouterr().out
    assert "geoinc: 0." in out and "shapely:" in out and "GDAL:" in out
