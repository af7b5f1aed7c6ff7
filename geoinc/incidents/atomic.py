"""Atomic output files: a run either replaces its output whole or leaves it untouched.

Every writer of geoinc (GeoJSON, GeoPackage, GeoParquet, CSV, ACLED CSV, the status
file) writes into a private temporary folder *inside the target folder* and, only once
the file is complete and flushed to disk, renames it over the target (``os.replace``,
atomic on POSIX and Windows within one file system). So:

* a full disk, a read-only file system, a bug in a writer or a signal (Ctrl-C,
  ``SIGTERM``) during the write never truncates the previous output and never leaves a
  partial file under the target name (the temporary folder is removed);
* :func:`check_output_path` tells *before* the work whether the location can be written
  at all (missing folder, a folder in the way, no permission, read-only file system).

Only ``SIGKILL`` or a power cut can leave a hidden ``.<name>.geoinc-*`` folder behind;
it never has the output's name and is safe to delete.
"""

from __future__ import annotations

import errno
import functools
import inspect
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from geoinc.exceptions import GeoincError, InputError, OutputError

__all__ = [
    "check_output_path",
    "atomic_path",
    "atomic_output",
    "write_text_atomic",
    "refuse_unreadable",
]

F = TypeVar("F", bound=Callable)


def _why(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "no space left on the device"
    if err.errno == errno.EROFS:
        return "read-only file system"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return err.strerror or str(err)


def check_output_path(path: str | Path) -> Path:
    """Check that ``path`` can be written, before any work is done.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        The folder does not exist or is not a folder, ``path`` is a folder, or a file
        cannot be created there (permission, read-only file system).

    Examples
    --------
    >>> check_output_path("/no/such/out.geojson")
    Traceback (most recent call last):
    ...
    geoinc.exceptions.OutputError: /no/such/out.geojson: the folder /no/such does not exist
    """
    p = Path(path)
    parent = p.parent
    if p.is_dir():
        raise OutputError(f"{p}: is a folder, not a file")
    if not parent.exists():
        raise OutputError(f"{p}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"{p}: {parent} is not a folder")
    try:  # the one reliable test: create (and remove) a file where the output will go
        fd, probe = tempfile.mkstemp(dir=parent, prefix=f".{p.name}.geoinc-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise OutputError(f"{p}: cannot write in {parent} ({_why(err)})") from err
    return p


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot fsync; the rename is still atomic
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path`` atomically.

    The temporary file sits in a hidden folder next to ``path`` (same file system, so
    the final rename is atomic) and has the same name, so writers that look at the
    suffix or write side files behave as usual; side files left in that folder (a CSV's
    ``.prj`` and ``.csvt``) are moved next to ``path`` just before it. On any failure —
    an exception, ``KeyboardInterrupt``, ``SystemExit`` — the folder is removed and
    ``path`` is left as it was.

    Raises
    ------
    OutputError
        The location cannot be written, or writing failed (disk full, read-only file
        system, text that cannot be encoded); the message says which.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("done")
    >>> out.read_text(), [p.name for p in out.parent.iterdir()]
    ('done', ['a.txt'])
    """
    p = check_output_path(path)
    try:
        tmpdir = Path(tempfile.mkdtemp(dir=p.parent, prefix=f".{p.name}.geoinc-"))
    except OSError as err:
        raise OutputError(f"{p}: cannot write in {p.parent} ({_why(err)})") from err
    try:
        tmp = tmpdir / p.name
        try:
            yield tmp
            if not tmp.exists():
                raise OutputError(f"{p}: the writer produced no file")
            # side files the writer made next to it (.prj, .csvt) first, the output last
            for side in sorted(f for f in tmpdir.iterdir() if f.name != p.name and f.is_file()):
                _fsync(side)
                os.replace(side, p.parent / side.name)
            _fsync(tmp)
            os.replace(tmp, p)
        except OSError as err:
            raise OutputError(
                f"{p}: could not write ({_why(err)}); any previous file is untouched"
            ) from err
        except UnicodeError as err:
            raise OutputError(
                f"{p}: text cannot be encoded as UTF-8 ({err.reason}, e.g. a lone surrogate); "
                "nothing written"
            ) from err
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def atomic_output(func: F | None = None, *, arg: str = "path") -> F:
    """Decorate a writer so its ``path`` argument is written atomically (:func:`atomic_path`).

    The writer receives the temporary path (as the same type it was given) and may
    return it; the caller gets the real path back. A ``None`` path (write nothing,
    return text) or a file object is passed through unchanged.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> @atomic_output
    ... def save(text, path):
    ...     pathlib.Path(path).write_text(text)
    ...     return path
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "b.txt"
    >>> save("x", out) == out, out.read_text()
    (True, 'x')
    """
    if func is None:
        return functools.partial(atomic_output, arg=arg)  # type: ignore[return-value]
    sig = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = sig.bind(*args, **kwargs)
        target = bound.arguments.get(arg)
        if target is None or not isinstance(target, (str, os.PathLike)):
            return func(*args, **kwargs)
        with atomic_path(target) as tmp:
            bound.arguments[arg] = type(target)(tmp) if isinstance(target, str) else tmp
            result = func(*bound.args, **bound.kwargs)
        if isinstance(result, (str, os.PathLike)) and Path(result) == tmp:
            return Path(target)
        return result

    return wrapper  # type: ignore[return-value]


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically (see :func:`atomic_path`); returns the path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_text_atomic(pathlib.Path(tempfile.mkdtemp()) / "s.json", "[]")
    >>> p.read_text()
    '[]'
    """
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    return Path(path)


def refuse_unreadable(func: F) -> F:
    """Decorate a reader so a corrupt or truncated file raises :class:`InputError`.

    The reading side of atomic output: a file cut short elsewhere (a crash in another
    program, a partial copy) makes GDAL, Arrow or pandas raise their own errors; the
    caller gets one :class:`~geoinc.exceptions.InputError` naming the file instead.
    geoinc's own errors pass through unchanged.

    Examples
    --------
    >>> @refuse_unreadable
    ... def read(path):
    ...     raise RuntimeError("bad")
    >>> read("cut.gpkg")
    Traceback (most recent call last):
    ...
    geoinc.exceptions.InputError: cut.gpkg: cannot read (corrupt or truncated?): RuntimeError: bad
    """

    @functools.wraps(func)
    def wrapper(path, *args, **kwargs):
        try:
            return func(path, *args, **kwargs)
        except GeoincError:
            raise
        except (OSError, ValueError, RuntimeError, KeyError, IndexError) as err:
            raise InputError(
                f"{path}: cannot read (corrupt or truncated?): {type(err).__name__}: "
                f"{str(err)[:200]}"
            ) from err

    return wrapper  # type: ignore[return-value]
