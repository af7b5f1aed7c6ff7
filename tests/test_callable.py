"""``geoinc.extract`` and ``geoinc.geoparse`` are plain functions; their code lives in the
packages ``geoinc.extraction`` and ``geoinc.geoparsing`` (no module swapped for a callable)."""

from __future__ import annotations

import importlib
import inspect
import pickle
import pydoc
import types

import pytest

import geoinc

CASES = [
    ("extract", "geoinc.extraction.pipeline", "extract"),
    ("geoparse", "geoinc.geoparsing", "geoparse"),
]


def _function(module: str, name: str):
    return getattr(importlib.import_module(module), name)


@pytest.fixture(params=CASES, ids=[c[0] for c in CASES])
def case(request):
    public, module, name = request.param
    return getattr(geoinc, public), _function(module, name)


def test_public_names_are_the_functions_themselves(case):
    public, func = case
    assert public is func and isinstance(public, types.FunctionType)
    assert "Examples" in public.__doc__


def test_help_shows_the_function_not_a_package(case):
    public, func = case
    page = pydoc.render_doc(public, renderer=pydoc.plaintext)
    assert f"{public.__name__}{inspect.signature(func)}" in page
    assert func.__doc__.strip().splitlines()[0] in page
    assert "PACKAGE CONTENTS" not in page


def test_submodule_imports_leave_the_functions_in_place():
    import geoinc.extraction.events  # noqa: F401
    import geoinc.geoparsing.resolve  # noqa: F401
    from geoinc.extraction import Document, events

    assert isinstance(geoinc.extract, types.FunctionType)
    assert isinstance(geoinc.geoparse, types.FunctionType)
    assert events.__name__ == "geoinc.extraction.events"
    assert Document.__module__ == "geoinc.extraction.documents"
    assert isinstance(importlib.import_module("geoinc.extraction"), types.ModuleType)


def test_pickles_to_the_same_object():
    assert pickle.loads(pickle.dumps(geoinc.geoparse)) is geoinc.geoparse
    assert pickle.loads(pickle.dumps(geoinc.extract)) is geoinc.extract


def test_calls_the_function_on_a_real_text():
    mentions = geoinc.geoparse("Moscow said its drones hit Kharkiv.")
    assert [(m.text, m.role) for m in mentions] == [("Moscow", "actor"), ("Kharkiv", "location")]
