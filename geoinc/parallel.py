"""The per-document stage on every core: worker processes, streaming, input order kept.

:func:`map_documents` runs a per-document function (``extract_reports`` in the pipeline)
over a stream of ``(label, Document or InputError)`` pairs, as produced by
:func:`geoinc.extraction.documents.iter_documents`, and yields one result per pair in the
input order — so ``jobs=4`` gives exactly what ``jobs=1`` gives.

How it stays fast and flat:

* Documents go to the workers in small chunks (fewer round trips), and at most
  ``2 * jobs`` chunks are in flight: inputs are read only as fast as the workers consume
  them, so memory does not grow with the batch (the pool's own ``imap`` would read the
  whole input up front).
* The workers are forked from a parent whose gazetteer and geoparser are already warm
  (one small document is run first), so the lookup tables are loaded once and shared
  copy-on-write; where ``fork`` does not exist each worker loads them once.
* A result travels back without its document's text (the parent still has it).

Errors: a :class:`~geoinc.exceptions.GeoincError` raised by the function for one
document is returned in place of its result (the caller records it and goes on);
anything else is a bug and propagates, as it would with ``jobs=1``.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from geoinc.exceptions import ConfigurationError, ExtractionError, GeoincError, InputError

__all__ = ["map_documents", "iter_inputs", "resolve_jobs", "DEFAULT_CHUNK_SIZE", "Leaf"]

#: Documents per task sent to a worker: large enough to amortise the round trip,
#: small enough that the pipeline's progress bar and memory stay smooth.
DEFAULT_CHUNK_SIZE = 16

# The function and gazetteer of this worker process (set by the initializer or fork).
_WORKER: dict = {}


def resolve_jobs(jobs: int | None) -> int:
    """Number of worker processes for ``jobs``: ``None``/``0``/``-1`` mean every core.

    Raises
    ------
    ConfigurationError
        For other negative numbers or a non-integer.

    Examples
    --------
    >>> resolve_jobs(1)
    1
    >>> resolve_jobs(-1) == (os.cpu_count() or 1)
    True
    """
    if jobs is None or jobs in (0, -1):
        return os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < -1:
        raise ConfigurationError(
            f"jobs must be a positive number of processes, or 0/-1 for all cores, got {jobs!r}"
        )
    return jobs


@dataclasses.dataclass(frozen=True, slots=True)
class Leaf:
    """A file not read yet: the worker that extracts it reads it (reading is a third of
    the cost of an article, too much to leave to the one parent process)."""

    path: object
    max_bytes: int
    metadata: tuple = ()

    def read(self):
        """The :class:`~geoinc.extraction.documents.Document` or the InputError."""
        from geoinc.extraction.documents import iter_documents

        for _, doc in iter_documents([self.path], max_bytes=self.max_bytes, **dict(self.metadata)):
            return doc
        raise AssertionError("iter_documents yields one pair per file")  # pragma: no cover


def iter_inputs(inputs, *, jobs: int | None = 1, max_bytes: int | None = None, **metadata):
    """Like :func:`~geoinc.extraction.documents.iter_documents`, but files stay unread.

    With ``jobs=1`` this *is* ``iter_documents``. Otherwise folders are listed here and
    every file becomes a :class:`Leaf`, read by the worker that extracts it
    (:func:`map_documents` yields the document read, so callers see no difference);
    texts, dicts, documents and stdin are read here. Labels and error messages are
    those of ``iter_documents``.

    Examples
    --------
    >>> [(label, type(x).__name__) for label, x in iter_inputs(["Drones hit Kharkiv."], jobs=2)]
    [('text:0', 'Document')]
    """
    from geoinc.extraction.documents import DEFAULT_MAX_BYTES, Document, iter_documents

    max_bytes = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if resolve_jobs(jobs) == 1:
        yield from iter_documents(inputs, max_bytes=max_bytes, **metadata)
        return
    if isinstance(inputs, (str, Path, Document, dict)):
        inputs = [inputs]
    meta = tuple(sorted(metadata.items()))
    for i, item in enumerate(inputs):
        yield from _expand(i, item, max_bytes, metadata, meta)


def _expand(i: int, item, max_bytes: int, metadata: dict, meta: tuple) -> Iterator:
    from geoinc.extraction.documents import (
        TEXT_SUFFIXES,
        _from_mapping,
        _looks_like_path,
        _walk,
        iter_documents,
    )

    if isinstance(item, dict):
        yield from _from_mapping(i, item, max_bytes, metadata)
    elif (
        isinstance(item, (str, Path))
        and str(item) != "-"
        and (isinstance(item, Path) or _looks_like_path(item))
    ):
        p = Path(item)
        if not p.is_dir():
            yield str(p) if isinstance(item, Path) else str(item), Leaf(item, max_bytes, meta)
            return
        from geoinc.extraction.documents import portable_id

        for f, reason in _walk(p):
            if reason:
                yield str(f), InputError(f"{f}: {reason}")
            elif f.suffix.lower() not in TEXT_SUFFIXES:
                msg = f"{f}: skipped, not a text or HTML file (suffix {f.suffix or 'none'!r})"
                yield str(f), InputError(msg)
            else:
                own = tuple(sorted({"doc_id": portable_id(f, p), **metadata}.items()))
                yield str(f), Leaf(f, max_bytes, own)
    elif isinstance(item, str) and item != "-":
        for _, doc in iter_documents([item], max_bytes=max_bytes, **metadata):
            yield f"text:{i}", doc
    elif isinstance(item, (str, Path)) or hasattr(item, "doc_id"):
        yield from iter_documents([item], max_bytes=max_bytes, **metadata)  # stdin, Document
    else:
        kind = type(item).__name__
        yield (
            f"input:{i}",
            InputError(f"input {i}: expected text, a path or a Document, got {kind}"),
        )


def _call(func: Callable, doc, gazetteer):
    """One document through ``func``; a GeoincError becomes the result."""
    try:
        return func(doc, gazetteer=gazetteer)
    except GeoincError as err:
        return err


def _portable(result):
    """A result fit to send back: without the document's text, errors picklable."""
    if isinstance(result, GeoincError):
        try:
            pickle.loads(pickle.dumps(result))
        except Exception:  # an exception class with a custom __init__ may not round-trip
            return ExtractionError(f"{type(result).__name__}: {result}")
        return result
    if dataclasses.is_dataclass(result) and hasattr(result, "document"):
        return dataclasses.replace(result, document=None)
    return result


def _init_worker(func: Callable, gazetteer) -> None:
    _WORKER["func"] = func
    _WORKER["gazetteer"] = gazetteer


def _run_chunk(docs: list) -> list:
    func, gazetteer = _WORKER["func"], _WORKER["gazetteer"]
    if gazetteer is None:
        from geoinc.gazetteer import Gazetteer

        gazetteer = _WORKER["gazetteer"] = Gazetteer.default()
    out = []
    for d in docs:
        read = d.read() if isinstance(d, Leaf) else None
        doc = d if read is None else read
        if isinstance(doc, InputError):
            out.append((doc, None))
        else:
            out.append((read, _portable(_call(func, doc, gazetteer))))
    return out


def _reattach(result, doc, places: dict | None):
    if dataclasses.is_dataclass(result) and getattr(result, "document", 0) is None:
        result = dataclasses.replace(result, document=doc)
    reports = getattr(result, "reports", None)
    if reports and places is not None:
        result = dataclasses.replace(result, reports=_share_places(reports, places))
    return result


_SHARED_KEYS = ("sentence", "doc_id", "source")


def _share_strings(item: dict, seen: dict) -> None:
    for key in _SHARED_KEYS:
        value = item.get(key)
        if isinstance(value, str):
            item[key] = seen.setdefault(value, value)


def _share_places(reports, places: dict):
    """The reports with one shared object per gazetteer record.

    Each report comes back from a worker with its own copy of its place (a record with
    all its alternate names, about 2 kB); the parent keeps every report for the merge,
    so without sharing its memory grew with the batch (+20 % from 2,000 to 100,000
    articles), with sharing it grows with the number of distinct places. The sentence
    a figure or a value was read from is shared the same way (each evidence entry came
    back with its own copy).
    """
    out = []
    for r in reports:
        for item in (*getattr(r, "claims", ()), *getattr(r, "evidence", ())):
            _share_strings(item, places)
        place = getattr(r, "place", None)
        if place is None:
            out.append(r)
            continue
        shared = places.setdefault(place, place)
        out.append(r if shared is place else dataclasses.replace(r, place=shared))
    return type(reports)(out)


def _warm(func: Callable, gazetteer) -> None:
    """Run one small document in the parent so forked workers share the warm tables."""
    from geoinc.extraction.documents import document_from_text

    _call(func, document_from_text("2024-01-02\n\nDrones struck Kyiv, injuring 3."), gazetteer)


def map_documents(
    func: Callable,
    items: Iterable[tuple[str, object]],
    *,
    jobs: int | None = 1,
    gazetteer=None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    share: bool = True,
) -> Iterator[tuple[str, object, object]]:
    """Apply ``func(doc, gazetteer=...)`` to every document, in worker processes.

    Parameters
    ----------
    func : callable
        A module-level function (it is sent to the workers by reference), such as
        :func:`geoinc.extraction.pipeline.extract_reports`.
    items : iterable of (str, Document or InputError)
        As yielded by :func:`~geoinc.extraction.documents.iter_documents`; consumed lazily.
    jobs : int, default 1
        Worker processes; 1 runs in this process, ``None``, 0 or -1 use every core.
    gazetteer : geoinc.gazetteer.Gazetteer, optional
        Defaults to :meth:`Gazetteer.default` (in each worker).
    chunk_size : int, default :data:`DEFAULT_CHUNK_SIZE`
        Documents per task.
    share : bool, default True
        With workers: give the reports that come back one shared object per place
        record and evidence sentence (for a caller that keeps every report); a caller
        that spills them to disk passes False, so no such table grows here.

    Yields
    ------
    tuple of (label, item, result)
        In input order. ``result`` is ``func``'s return value, the
        :class:`~geoinc.exceptions.GeoincError` it raised, or ``None`` when ``item`` is
        an :class:`~geoinc.exceptions.InputError` (nothing to run).

    Examples
    --------
    >>> from geoinc.extraction.documents import iter_documents
    >>> from geoinc.extraction.pipeline import extract_reports
    >>> texts = ["2024-01-02\\n\\nA drone hit Kharkiv, injuring 4.", ""]
    >>> out = list(map_documents(extract_reports, iter_documents(texts), jobs=1))
    >>> [(label, type(res).__name__) for label, _, res in out]
    [('text:0', 'DocumentResult'), ('text:1', 'NoneType')]
    """
    jobs = resolve_jobs(jobs)
    if chunk_size < 1:
        raise ConfigurationError(f"chunk_size must be at least 1, got {chunk_size!r}")
    if jobs == 1:
        for label, item in items:
            item = item.read() if isinstance(item, Leaf) else item
            res = None if isinstance(item, InputError) else _call(func, item, gazetteer)
            yield label, item, res
        return
    yield from _map_pool(func, items, jobs, gazetteer, chunk_size, share)


def _pool(func: Callable, jobs: int, gazetteer) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        if gazetteer is None:
            from geoinc.gazetteer import Gazetteer

            gazetteer = Gazetteer.default()
        _warm(func, gazetteer)
        # forked workers inherit the warm gazetteer: nothing to pickle, nothing to reload
        _WORKER.update(func=func, gazetteer=gazetteer)
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    ctx = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        jobs, mp_context=ctx, initializer=_init_worker, initargs=(func, None)
    )


def _map_pool(func, items, jobs: int, gazetteer, chunk_size: int, share: bool):
    # pending, in input order: (label, item, None) for inputs that need no work, or
    # (future, [(label, doc), ...]) for a chunk in flight
    pending: deque = deque()
    chunk: list = []
    in_flight = 0
    places: dict | None = {} if share else None
    with _pool(func, jobs, gazetteer) as pool:

        def submit() -> None:
            nonlocal chunk, in_flight
            pending.append((pool.submit(_run_chunk, [d for _, d in chunk]), chunk))
            chunk, in_flight = [], in_flight + 1

        def drain(limit: int) -> Iterator:
            nonlocal in_flight
            while pending and (in_flight > limit or not isinstance(pending[0][0], Future)):
                head = pending.popleft()
                if not isinstance(head[0], Future):
                    yield head
                    continue
                in_flight -= 1
                for (label, sent), (read, res) in zip(head[1], head[0].result(), strict=True):
                    doc = sent if read is None else read  # a Leaf comes back read
                    yield label, doc, None if res is None else _reattach(res, doc, places)

        for label, item in items:
            if isinstance(item, InputError):
                if chunk:
                    submit()
                pending.append((label, item, None))
            else:
                chunk.append((label, item))
                if len(chunk) >= chunk_size:
                    submit()
            yield from drain(2 * jobs)
        if chunk:
            submit()
        yield from drain(0)
