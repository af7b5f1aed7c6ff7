"""Text cells that are safe to export and come back unchanged.

**Formula injection.** A spreadsheet opening a CSV runs a cell that begins with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula, and article
text is untrusted. geoinc's CSV writers therefore prefix such *text* cells with an
apostrophe (``'=HYPERLINK(...)``), which spreadsheets show as text. The rule is
reversible: a text cell that already starts with apostrophes followed by one of those
characters gets one more apostrophe, and :func:`restore_cell` (used by
:func:`~geoinc.incidents.io.read_incidents` and :func:`~geoinc.incidents.acled.read_acled`)
removes exactly one. Numbers are written as numbers (``-5`` in a numeric column is not
text and is not touched).

**Line breaks.** CSV files are written with CRLF row ends (RFC 4180), so a cell holding
a CR, an LF or both is quoted and reads back as one cell (a lone CR used to end a row).

**Lone surrogates** (broken UTF-16 from some APIs) cannot be encoded as UTF-8; in JSON
they are written as ``\\udXXX`` escapes, which JSON readers turn back into the same
string (:func:`escape_lone_surrogates`).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = [
    "FORMULA_START",
    "CSV_LINE_END",
    "neutralise_cell",
    "restore_cell",
    "neutralise_frame",
    "restore_frame",
    "escape_lone_surrogates",
    "check_csv_table",
]

#: Characters that make a spreadsheet read a cell as a formula when they start it.
FORMULA_START = "=+-@\t\r"
#: Row end of geoinc's CSV files (RFC 4180): cells with CR or LF get quoted.
CSV_LINE_END = "\r\n"

_RISKY = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def neutralise_cell(value):
    """Make one cell safe to open in a spreadsheet (text only; other values unchanged).

    Examples
    --------
    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")"), neutralise_cell("-5"), neutralise_cell(-5)
    ('\\'=HYPERLINK("http://x")', "'-5", -5)
    >>> neutralise_cell("'=1")  # already looks escaped: one more, so it reads back as it was
    "''=1"
    """
    if isinstance(value, str) and _RISKY.match(value):
        return "'" + value
    return value


def restore_cell(value):
    """Undo :func:`neutralise_cell`.

    Examples
    --------
    >>> restore_cell("'=1+2"), restore_cell("''=1"), restore_cell("'quoted'")
    ('=1+2', "'=1", "'quoted'")
    """
    if isinstance(value, str) and _ESCAPED.match(value):
        return value[1:]
    return value


def _text_columns(frame: pd.DataFrame) -> list:
    return [
        c
        for c in frame.columns
        if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype)
    ]


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`neutralise_cell`.

    Examples
    --------
    >>> df = pd.DataFrame({"notes": ["=cmd|' /C calc'!A0", "fine"], "n": [-5, 3]})
    >>> neutralise_frame(df).values.tolist()
    [["'=cmd|' /C calc'!A0", -5], ['fine', 3]]
    """
    out = frame.copy()
    for c in _text_columns(frame):
        out[c] = pd.Series(
            [neutralise_cell(v) for v in frame[c].tolist()], index=frame.index, dtype=object
        )
    return out


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`restore_cell`."""
    out = frame.copy()
    for c in _text_columns(frame):
        out[c] = pd.Series(
            [restore_cell(v) for v in frame[c].tolist()], index=frame.index, dtype=object
        )
    return out


def escape_lone_surrogates(json_text: str) -> str:
    """Write lone surrogates of JSON text as ``\\uXXXX`` escapes (valid JSON, same string).

    Text without surrogates is returned unchanged (the same object), so output stays
    byte-identical.

    Examples
    --------
    >>> import json
    >>> s = escape_lone_surrogates(json.dumps("a\\ud800b", ensure_ascii=False))
    >>> s, json.loads(s) == "a\\ud800b", s.encode("utf-8")
    ('"a\\\\ud800b"', True, b'"a\\\\ud800b"')
    """
    if not _SURROGATE.search(json_text):
        return json_text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def check_csv_table(table: pd.DataFrame, path, *, required: tuple[str, ...] = ()) -> None:
    """Refuse a CSV that a crash cut short, instead of reading it as fewer rows.

    Raises :class:`~geoinc.exceptions.InputError` when the file does not end with a row
    end (cut mid-row) or lacks a ``required`` column, and warns when it has a header but
    no rows (an empty export, or a file cut after its first line).
    """
    import warnings
    from pathlib import Path

    from geoinc.exceptions import InputError

    p = Path(path)
    with open(p, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 1))
        last = fh.read(1)
    if size and last not in (b"\n", b"\r"):
        raise InputError(f"{p}: ends in the middle of a row (a truncated file?)")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise InputError(f"{p}: not a geoinc incident CSV (missing column(s) {', '.join(missing)})")
    if not len(table):
        warnings.warn(
            f"{p}: a header and no rows (an empty export, or a file cut short)",
            UserWarning,
            stacklevel=4,  # the caller of read_incidents
        )
