"""From articles to incidents: reading inputs, events, dates, figures and the pipeline.

The public entry point is :func:`extract` (also ``geoinc.extract``'s lazy export).
"""

from geoinc.extract.documents import Document, document_from_text, iter_documents, read_document
from geoinc.extract.pipeline import InputStatus, extract, extract_reports, extract_with_status

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


def _make_callable() -> None:
    """Let ``geoinc.extract(...)`` call :func:`extract`.

    ``geoinc`` lazily exports this *package* under the name ``extract``; making the
    package callable keeps both ``geoinc.extract(texts)`` (the documented API) and
    ``geoinc.extract.documents`` (the submodules) working.
    """
    import sys
    import types

    class _CallableModule(types.ModuleType):
        def __call__(self, *args, **kwargs):
            return extract(*args, **kwargs)

    sys.modules[__name__].__class__ = _CallableModule


_make_callable()
