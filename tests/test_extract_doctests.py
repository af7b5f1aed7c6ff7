"""The Examples sections of the extraction and incident modules run as documented."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "geoinc.extract.documents",
    "geoinc.extract.dates",
    "geoinc.extract.numbers",
    "geoinc.extract.events",
    "geoinc.extract.lexicon",
    "geoinc.extract.pipeline",
    "geoinc.incidents.schema",
    "geoinc.incidents.merge",
    "geoinc.incidents.io",
    "geoinc.incidents.acled",
]


@pytest.mark.parametrize("modname", MODULES)
def test_doctests(modname):
    module = importlib.import_module(modname)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{modname} has no examples"
    assert result.failed == 0
