"""From articles to incidents: reading inputs, events, dates, figures and the pipeline.

The public entry point is :func:`extract`; ``geoinc.extract`` (this package, exported
lazily by :mod:`geoinc`) is itself callable, so ``geoinc.extract(texts)`` works.
Names load lazily so that importing one submodule (``geoinc.extract.events``) does not
pull in the whole pipeline.
"""

from __future__ import annotations

import importlib

from geoinc._callable import make_callable

__all__ = [
    "extract",
    "extract_with_status",
    "extract_reports",
    "InputStatus",
    "Document",
    "document_from_text",
    "read_document",
    "iter_documents",
]

_LAZY = {
    "extract": "geoinc.extract.pipeline",
    "extract_with_status": "geoinc.extract.pipeline",
    "extract_reports": "geoinc.extract.pipeline",
    "InputStatus": "geoinc.extract.pipeline",
    "Document": "geoinc.extract.documents",
    "document_from_text": "geoinc.extract.documents",
    "read_document": "geoinc.extract.documents",
    "iter_documents": "geoinc.extract.documents",
}


def __getattr__(name: str):
    modname = _LAZY.get(name)
    if modname is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(modname), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


make_callable(__name__, "geoinc.extract.pipeline:extract")
