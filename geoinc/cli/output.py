"""Shared output helpers of the CLI: tables for people, GeoJSON for pipes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence

__all__ = ["print_table", "print_geojson"]


def print_table(rows: Sequence[dict], columns: Sequence[str], out=None) -> None:
    """Print rows as a plain aligned text table (no colours, safe to pipe)."""
    out = out or sys.stdout
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(), file=out)
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip(), file=out)


def print_geojson(features: Iterable[dict], *, sequence: bool = False, indent: int | None = None,
                  out=None) -> None:
    """Write features as one FeatureCollection, or as an RFC 8142 GeoJSON text sequence."""
    out = out or sys.stdout
    if sequence:
        for f in features:
            out.write("\x1e" + json.dumps(f, ensure_ascii=False, sort_keys=True) + "\n")
        return
    fc = {"type": "FeatureCollection", "features": list(features)}
    out.write(json.dumps(fc, ensure_ascii=False, indent=indent, sort_keys=True) + "\n")
