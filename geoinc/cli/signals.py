"""Signals end a command cleanly: an exit status, one line on stderr, no traceback.

Ctrl-C (``SIGINT``) already raises :class:`KeyboardInterrupt`; :func:`signals_as_exceptions`
makes ``SIGTERM`` and ``SIGHUP`` raise :class:`Terminated` the same way, so ``finally``
blocks run — above all the atomic writers' clean-up, which leaves any previous output
untouched and no partial file behind. :mod:`geoinc.cli.main` turns them into the shell's
conventional statuses, 128 + the signal number (130 for Ctrl-C, 143 for ``SIGTERM``).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Terminated", "signals_as_exceptions", "EXIT_INTERRUPTED"]

#: Exit status after Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 128 + signal.SIGINT


class Terminated(BaseException):
    """The process was asked to stop (``SIGTERM``, ``SIGHUP``); ``exit_code`` is 128 + signum.

    A :class:`BaseException`, like :class:`KeyboardInterrupt`, so that no
    ``except Exception`` on the way swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.exit_code = 128 + signum


def _raise_terminated(signum, frame):
    raise Terminated(signum)


@contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Within the block, ``SIGTERM``/``SIGHUP`` raise :class:`Terminated` (main thread only).

    The previous handlers are restored on exit, so calling ``main()`` from tests or other
    programs leaves their signal handling as it was.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = ("SIGTERM", "SIGHUP")
    old = {s: signal.signal(s, _raise_terminated) for n in names if (s := getattr(signal, n, None))}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
