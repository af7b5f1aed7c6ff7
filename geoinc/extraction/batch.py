"""Guards of a batch run: one document's failure or runaway never costs the others.

:func:`run_isolated` runs one document's extraction inside its own error boundary and
time budget: any exception — a bug, a ``MemoryError``, a ``RecursionError`` — becomes an
:class:`~geoinc.exceptions.ExtractionError` naming the original type and message, and a
document that takes longer than its budget raises
:class:`~geoinc.exceptions.DocumentTimeout`. The pipeline records either as that input's
``error`` status and goes on with the next document.

The budget is enforced with ``SIGALRM`` (a POSIX interval timer), which interrupts
Python code and regular-expression matching alike. Signals are only delivered to the
main thread, so in other threads (and on platforms without ``setitimer``) documents run
without a budget; worker *processes* have their own main thread and keep it.

:func:`check_options` validates the batch options in one place, so a bad value fails
before any work with a :class:`~geoinc.exceptions.ConfigurationError`.
"""

from __future__ import annotations

import logging
import math
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TypeVar

from geoinc.exceptions import ConfigurationError, DocumentTimeout, ExtractionError, GeoincError

__all__ = [
    "DEFAULT_TIME_BUDGET",
    "document_outcomes",
    "MAX_WINDOW_DAYS",
    "run_isolated",
    "check_options",
    "check_published",
]

logger = logging.getLogger("geoinc")

#: Seconds one document may take by default. A news article takes well under a second;
#: a minute means a pathological input, which is reported instead of stalling the run.
DEFAULT_TIME_BUDGET = 60.0
#: Largest merge window accepted (ten years; more is a typo, and overflows date maths).
MAX_WINDOW_DAYS = 3650
#: Publication dates accepted from the caller (dates outside overflow date arithmetic).
PUBLISHED_RANGE = (date(1900, 1, 1), date(2100, 12, 31))

T = TypeVar("T")

#: Seconds between alarms once a budget has run out (until the document stops).
_REFIRE = 0.05


class _BudgetExceeded(BaseException):
    """Raised by the timer; a BaseException so no ``except Exception`` on the way swallows it."""


def _budget_supported() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_BudgetExceeded` in this block after ``seconds`` (nested timers kept)."""
    if not seconds or math.isinf(seconds) or not _budget_supported():
        yield
        return

    def _expire(signum, frame):
        raise _BudgetExceeded

    old_handler = signal.signal(signal.SIGALRM, _expire)
    # after the budget the timer keeps firing: an exception raised while Python runs a
    # __del__ or a weakref callback (the garbage collector can run one at any time) is
    # printed and dropped, and a single alarm would then be lost
    old_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds, _REFIRE)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay:  # an outer timer was running: give it back what is left of it
            left = old_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))


def run_isolated(
    func: Callable[..., T], doc, *, time_budget: float | None = DEFAULT_TIME_BUDGET, **kwargs
) -> T:
    """Call ``func(doc, **kwargs)`` inside an error boundary and a time budget.

    Parameters
    ----------
    func : callable
        Typically :func:`geoinc.extraction.pipeline.extract_reports`.
    doc : Document
    time_budget : float or None, default :data:`DEFAULT_TIME_BUDGET`
        Seconds; ``None`` or 0 for no budget.
    **kwargs
        Passed to ``func``.

    Raises
    ------
    DocumentTimeout
        The document took longer than ``time_budget``.
    ExtractionError
        Any other failure, with the original type and message (chained with ``from``).

    Examples
    --------
    >>> def broken(doc):
    ...     return 1 // 0
    >>> try:
    ...     run_isolated(broken, "doc")
    ... except ExtractionError as err:
    ...     print(err)
    ZeroDivisionError: integer division or modulo by zero
    """
    label = getattr(doc, "doc_id", doc)
    try:
        with _time_budget(time_budget):
            return func(doc, **kwargs)
    except _BudgetExceeded:
        raise DocumentTimeout(
            f"took longer than the time budget of {time_budget:g} s (a pathological input?)"
        ) from None
    except GeoincError:
        raise
    except (Exception, RecursionError, MemoryError) as err:
        logger.debug("extraction failed for %s", label, exc_info=True)
        raise ExtractionError(f"{type(err).__name__}: {str(err)[:300]}") from err


def document_outcomes(
    per_doc: Callable, items, *, gazetteer=None, on_error: str = "warn", jobs=1, share=True
) -> Iterator[tuple[str, str | None, str, str, tuple]]:
    """Every input's outcome, in input order: ``(label, doc_id, status, reason, reports)``.

    ``status`` is "ok" (with its reports), "none" (the reason says why) or "error" (an
    unreadable input, or ``per_doc`` raised a GeoincError: one bad document never stops
    the run). With ``on_error="raise"`` the first error is raised instead. ``per_doc`` and
    ``jobs`` go to :func:`geoinc.parallel.map_documents`; ``share=False`` when the caller
    does not keep the reports (no table of shared objects grows in this process).
    """
    from geoinc.exceptions import InputError
    from geoinc.parallel import map_documents

    runs = map_documents(per_doc, items, jobs=jobs, gazetteer=gazetteer, share=share)
    for label, item, res in runs:
        if isinstance(item, InputError):
            if on_error == "raise":
                raise item
            yield label, None, "error", str(item), ()
        elif isinstance(res, GeoincError):
            if on_error == "raise":
                raise res
            yield label, item.doc_id, "error", f"{type(res).__name__}: {res}", ()
        elif res.reports:
            yield label, item.doc_id, "ok", "", tuple(res.reports)
        else:
            yield label, item.doc_id, "none", res.reason, ()


def _number(name: str, value, low: float, high: float) -> float:
    """``value`` as a finite number within [low, high], else ConfigurationError."""
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ConfigurationError(f"{name} must be a number, got {value!r}") from None
    if isinstance(value, bool) or not math.isfinite(x) or not low <= x <= high:
        raise ConfigurationError(f"{name} must be between {low:g} and {high:g}, got {value!r}")
    return x


def check_options(
    *,
    published=None,
    window_days=1,
    max_bytes=None,
    time_budget=DEFAULT_TIME_BUDGET,
) -> tuple[date | str | None, int, int | None, float | None]:
    """Validate the batch options before any work; returns them normalised.

    Returns
    -------
    tuple
        ``(published, window_days, max_bytes, time_budget)``.

    Raises
    ------
    ConfigurationError
        A date that is not ISO or outside 1900–2100, a merge window that is not a whole
        number of days in [0, 3650], a size limit below 1 byte,
        or a negative, NaN or infinite time budget (``None`` means no budget).

    Examples
    --------
    >>> check_options(published="2023-12-31", window_days=2, max_bytes=1000)
    (datetime.date(2023, 12, 31), 2, 1000, 60.0)
    >>> check_options(published="garbage")
    Traceback (most recent call last):
    ...
    geoinc.exceptions.ConfigurationError: published must be an ISO date (YYYY-MM-DD), got 'garbage'
    """
    if published is not None:
        published = check_published(published)
    days = _number("window_days", window_days, 0, MAX_WINDOW_DAYS)
    if days != int(days):
        raise ConfigurationError(f"window_days must be a whole number, got {window_days!r}")
    if max_bytes is not None:
        max_bytes = int(_number("max_bytes", max_bytes, 1, 2**62))
    if time_budget is not None:
        time_budget = _number("time_budget", time_budget, 0, 1e7) or None
    return published, int(days), max_bytes, time_budget


_PARTIAL = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")


def check_published(value) -> date | str:
    """A publication date given by the caller: a date (ISO text accepted) in 1900–2100,
    or an ISO year or month ("2023", "2023-12") returned as text.

    Raises
    ------
    ConfigurationError
        Not a date, or outside 1900–2100 (date arithmetic overflows near year 1 and 9999).

    Examples
    --------
    >>> check_published("2023-12-31"), check_published("2023-12")
    (datetime.date(2023, 12, 31), '2023-12')
    """
    lo, hi = PUBLISHED_RANGE
    if isinstance(value, str) and _PARTIAL.fullmatch(value.strip()):
        if not lo.year <= int(value.strip()[:4]) <= hi.year:
            raise ConfigurationError(f"published must be between {lo} and {hi}, got {value}")
        return value.strip()
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            text = value.strip()
            value = date.fromisoformat(text) if len(text) <= 10 else datetime.fromisoformat(text)
            value = value.date() if isinstance(value, datetime) else value
        except ValueError:
            raise ConfigurationError(
                f"published must be an ISO date (YYYY-MM-DD), got {value!r}"
            ) from None
    if not isinstance(value, date):
        raise ConfigurationError(f"published must be a date, got {type(value).__name__}")
    lo, hi = PUBLISHED_RANGE
    if not lo <= value <= hi:
        raise ConfigurationError(f"published must be between {lo} and {hi}, got {value}")
    return value
