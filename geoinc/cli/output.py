"""Shared output helpers of the CLI: tables for people, GeoJSON for pipes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence

__all__ = ["print_table", "print_geojson", "add_verbosity", "write_or_stdout", "is_stdout"]


def add_verbosity(parser) -> None:
    """``-v``/``-q`` on a subcommand too (``geoinc map -q ...``), counted with the global ones."""
    parser.add_argument(
        "-v",
        "--verbose",
        dest="sub_verbose",
        action="count",
        default=0,
        help="more detail on stderr (repeatable)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        dest="sub_quiet",
        action="count",
        default=0,
        help="less on stderr: -q only problems, -qq only errors",
    )


def is_stdout(path) -> bool:
    """True for the output names that mean standard output (``-`` or none)."""
    return path is None or str(path) == "-"


def write_or_stdout(path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, or to stdout for ``-``/None."""
    if is_stdout(path):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from geoinc.incidents.atomic import write_text_atomic

    write_text_atomic(path, text)


def print_table(rows: Sequence[dict], columns: Sequence[str], out=None) -> None:
    """Print rows as a plain aligned text table (no colours, safe to pipe)."""
    out = out or sys.stdout
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(), file=out)
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip(), file=out)


def print_geojson(
    features: Iterable[dict], *, sequence: bool = False, indent: int | None = None, out=None
) -> None:
    """Write features as one FeatureCollection, or as an RFC 8142 GeoJSON text sequence."""
    out = out or sys.stdout
    if sequence:
        for f in features:
            out.write("\x1e" + json.dumps(f, ensure_ascii=False, sort_keys=True) + "\n")
        return
    fc = {"type": "FeatureCollection", "features": list(features)}
    out.write(json.dumps(fc, ensure_ascii=False, indent=indent, sort_keys=True) + "\n")
