"""``geoinc.extract`` and ``geoinc.geoparse``: functions to callers, packages to imports."""

from __future__ import annotations

import importlib
import inspect
import pickle
import pydoc
import types

import pytest

import geoinc
from geoinc._callable import PackageFunction

CASES = [
    ("extract", "geoinc.extract.pipeline", "extract"),
    ("geoparse", "geoinc.geoparse", "geoparse"),
]


def _function(module: str, name: str):
    return getattr(importlib.import_module(module), name)


@pytest.fixture(params=CASES, ids=[c[0] for c in CASES])
def case(request):
    public, module, name = request.param
    return getattr(geoinc, public), _function(module, name)


def test_signature_and_doc_are_the_functions(case):
    public, func = case
    assert inspect.signature(public) == inspect.signature(func)
    assert public.__doc__ == func.__doc__ and "Examples" in public.__doc__
    assert inspect.unwrap(public) is func


def test_help_shows_the_function_not_the_package(case):
    public, func = case
    page = pydoc.render_doc(public, renderer=pydoc.plaintext)
    assert f"{public.__name__}{inspect.signature(func)}" in page
    assert func.__doc__.strip().splitlines()[0] in page
    assert "PACKAGE CONTENTS" not in page


def test_package_attributes_and_imports_still_work():
    import geoinc.extract.pipeline as pipeline  # import a.b.c as d walks attributes
    from geoinc.extract import Document, events

    assert geoinc.extract.pipeline is pipeline
    assert events.__name__ == "geoinc.extract.events"
    assert Document.__module__ == "geoinc.extract.documents"
    assert geoinc.geoparse.geoparse is _function("geoinc.geoparse", "geoparse")
    assert importlib.import_module("geoinc.extract") is geoinc.extract
    assert geoinc.extract.__path__ and "pipeline" in dir(geoinc.extract)


def test_the_module_is_kept_for_tools_that_need_one():
    module = geoinc.extract.__package_module__
    assert isinstance(module, types.ModuleType) and module.__name__ == "geoinc.extract"
    assert "From articles to incidents" in module.__doc__


def test_patching_the_function_reaches_callers(monkeypatch):
    calls = []
    monkeypatch.setattr("geoinc.extract.pipeline.extract", lambda *a, **k: calls.append(a) or 7)
    assert geoinc.extract("text") == 7 and calls == [("text",)]


def test_attributes_written_go_to_the_package(monkeypatch):
    monkeypatch.setattr(geoinc.extract, "probe_attribute", 42, raising=False)
    assert geoinc.extract.__package_module__.probe_attribute == 42
    monkeypatch.undo()
    assert not hasattr(geoinc.extract.__package_module__, "probe_attribute")


def test_pickles_to_the_same_object():
    assert pickle.loads(pickle.dumps(geoinc.geoparse)) is geoinc.geoparse


def test_calls_the_target_on_a_real_text():
    mentions = geoinc.geoparse("Moscow said its drones hit Kharkiv.")
    assert [(m.text, m.role) for m in mentions] == [("Moscow", "actor"), ("Kharkiv", "location")]


def test_unknown_attribute_raises_attribute_error():
    probe = PackageFunction(types.ModuleType("probe_pkg"), "geoinc.taxonomy:type_color")
    assert probe("Air/drone strike") == "#d7191c"
    with pytest.raises(AttributeError):
        probe.no_such_name  # noqa: B018
