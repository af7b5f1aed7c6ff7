"""``geoinc check FILE|FOLDER|-``: find and verify the geographic claims of articles.

Prints one row per claim (kind, verdict, the claim, place, stated and computed values);
``--json`` prints a JSON list with every field: evidence offsets (``start``/``end`` of the
claim, ``sentence_start``, ``subject_start``/``subject_end``), ``method`` and ``tolerance``.
A folder is read file by file (text and HTML files, sorted by path; offsets of an HTML
file refer to its text after the markup is stripped). ``--kind`` must name a known claim
kind: anything else is a usage error (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geoinc.cli.output import print_table

#: Articles larger than this are refused rather than processed for minutes.
MAX_BYTES = 5_000_000


def add_parser(sub) -> argparse.ArgumentParser:
    """Register the ``check`` subcommand."""
    p = sub.add_parser(
        "check",
        help="find geographic claims in text and verify them",
        description=(
            "Find checkable geographic statements (distance to a border, between places, "
            "direction, adjacency, population rank) and verify them against the bundled "
            "gazetteer and borders. Verdicts: consistent, roughly consistent, inconsistent, "
            "unverifiable. Borders are the internationally recognised ones (Crimea in Ukraine)."
        ),
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="UTF-8 text or HTML file(s) or folder(s); - reads standard input",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output (a JSON list)")
    p.add_argument(
        "--kind",
        action="append",
        dest="kinds",
        metavar="KIND",
        type=_kind,
        help="keep only this claim kind (repeatable): " + ", ".join(_KINDS),
    )
    p.add_argument("--lang", default="en", help="language of the text (default: en)")
    return p


#: The claim kinds (kept here as names so building the parser imports nothing heavy;
#: a test checks they equal geoinc.claims.kinds()).
_KINDS = (
    "front_distance",
    "river_bank",
    "border_distance",
    "place_distance",
    "adjacency",
    "direction",
    "region_direction",
    "border_proximity",
    "rank",
    "population",
    "attribute",
    "border_city",
    "region",
    "country",
)


def _kind(value: str) -> str:
    if value not in _KINDS:
        raise argparse.ArgumentTypeError(
            f"unknown claim kind {value!r} (choose from {', '.join(_KINDS)})"
        )
    return value


def _inputs(name: str):
    """(label, text) for a file, stdin or every text/HTML file under a folder."""
    from geoinc.extraction.documents import TEXT_SUFFIXES, strip_html

    path = Path(name)
    if name != "-" and path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        for f in files:
            if f.suffix.lower() in TEXT_SUFFIXES:
                yield from _inputs(str(f))
        return
    text = read_text(name)
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        text = strip_html(text)[0]
    yield name, text


def read_text(name: str) -> str:
    """Read one input document as text, refusing binary, undecodable or huge input."""
    from geoinc.exceptions import InputError

    try:
        data = sys.stdin.buffer.read(MAX_BYTES + 1) if name == "-" else Path(name).read_bytes()
    except OSError as err:
        raise InputError(f"cannot read {name}: {err.strerror or err}") from err
    if len(data) > MAX_BYTES:
        raise InputError(f"{name} is larger than {MAX_BYTES} bytes")
    if b"\x00" in data:
        raise InputError(f"{name} looks binary (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{name} is not UTF-8 text ({err.reason} at byte {err.start})") from err


def _short(d: dict) -> str:
    parts = []
    for key in ("value", "rank", "direction", "country", "region", "relation", "population"):
        if d.get(key) not in (None, ""):
            v = d[key]
            parts.append(f"{v:g} km" if key == "value" else str(v))
    if "low" in d and "high" in d:
        parts.append(f"[{d['low']:g}–{d['high']:g}]")
    return " ".join(parts)


def _short_computed(d: dict) -> str:
    if "km" in d and "km_by_dataset" in d:
        return ", ".join(f"{v:.1f} km ({k})" for k, v in d["km_by_dataset"].items())
    parts = []
    for key, fmt in (
        ("km", "{:.1f} km"),
        ("rank", "rank {}"),
        ("direction", "{}"),
        ("bearing", "{:.0f}°"),
        ("km_between", "{:.0f} km apart"),
        ("country", "{}"),
        ("admin1_name", "{}"),
        ("population", "{:,} people"),
        ("km_to_coast", "{:.1f} km to the coast"),
    ):
        if d.get(key) is not None:
            parts.append(fmt.format(d[key]))
    return " ".join(parts)


def run(args: argparse.Namespace) -> int:
    """Run ``geoinc check``; returns the exit status."""
    from geoinc.claims import check_text

    kinds = tuple(args.kinds) if args.kinds else None
    records = []
    for arg in args.files:
        for name, text in _inputs(arg):
            for r in check_text(text, kinds=kinds, lang=args.lang):
                records.append((name, r))
    if args.json:
        out = [{"file": name, **r.to_dict()} for name, r in records]
        print(json.dumps(out, ensure_ascii=False, sort_keys=True, default=str, indent=1))
        return 0
    rows = [
        {
            "file": name,
            "offset": f"{r.start}-{r.end}",
            "kind": r.kind,
            "verdict": r.verdict,
            "claim": r.text if len(r.text) <= 60 else r.text[:57] + "...",
            "place": r.place.name if r.place is not None else (r.subject or "?"),
            "stated": _short(r.stated),
            "computed": _short_computed(r.computed),
        }
        for name, r in records
    ]
    columns = ["kind", "verdict", "claim", "place", "stated", "computed", "offset"]
    if len({name for name, _ in records}) > 1:
        columns.insert(0, "file")
    if rows:
        print_table(rows, columns)
    else:
        print("no checkable geographic claims found")
    return 0
