"""From articles to incidents: reading inputs, events, dates, figures and the pipeline.

The public entry point is :func:`extract`, exported by :mod:`geoinc` as
``geoinc.extract(texts)``. Names load lazily so that importing one submodule
(``geoinc.extraction.events``) does not pull in the whole pipeline.
"""

from __future__ import annotations

import importlib

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
    "extract": "geoinc.extraction.pipeline",
    "extract_with_status": "geoinc.extraction.pipeline",
    "extract_reports": "geoinc.extraction.pipeline",
    "InputStatus": "geoinc.extraction.pipeline",
    "Document": "geoinc.extraction.documents",
    "document_from_text": "geoinc.extraction.documents",
    "read_document": "geoinc.extraction.documents",
    "iter_documents": "geoinc.extraction.documents",
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
