"""The examples in docstrings and in the README run and print what they claim."""

import doctest
import importlib
import pkgutil
import warnings
from pathlib import Path

import pytest

import geoinc

REPO = Path(__file__).resolve().parent.parent

# Every module's Examples run; these must have some (the public surface).
MUST_HAVE_EXAMPLES = {
    "geoinc.names",
    "geoinc.coordinates",
    "geoinc.gazetteer",
    "geoinc.geocoders",
    "geoinc.geocoders.bundled",
    "geoinc.geocoders.fallback",
    "geoinc.versions",
    "geoinc.borders",
    "geoinc.claims",
    "geoinc.geoparsing",
    "geoinc.extraction.documents",
    "geoinc.extraction.dates",
    "geoinc.extraction.numbers",
    "geoinc.extraction.events",
    "geoinc.extraction.pipeline",
    "geoinc.incidents.schema",
    "geoinc.incidents.merge",
    "geoinc.incidents.io",
    "geoinc.incidents.acled",
    "geoinc.mapping.build",
    "geoinc.mapping.payload",
    "geoinc.mapping.geometry",
    "geoinc.mapping.layers",
}
# The CLI is tested through main(argv); the compiled kernels need numba.
SKIP = ("geoinc.cli", "geoinc._border_kernels")
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(geoinc.__path__, "geoinc.") if not m.name.startswith(SKIP)
)


def test_every_required_module_is_walked():
    assert MUST_HAVE_EXAMPLES <= set(MODULES)


@pytest.mark.parametrize("modname", MODULES)
def test_module_doctests(modname):
    module = importlib.import_module(modname)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # e.g. geographic-CRS notes in map examples
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        result = doctest.testmod(module, optionflags=flags)
    if modname in MUST_HAVE_EXAMPLES:
        assert result.attempted > 0, f"{modname} has no examples"
    assert result.failed == 0


def test_readme_examples():
    result = doctest.testfile(
        str(REPO / "README.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted >= 8
    assert result.failed == 0


def test_show_versions(capsys):
    import geoinc

    geoinc.show_versions()
    out = capsys.readouterr().out
    assert "geoinc: 0." in out and "shapely:" in out and "GDAL:" in out
