"""``geoinc extract PATHS... -o incidents.{geojson,gpkg,parquet,csv}``.

Reads articles (files, folders, ``-`` for stdin), extracts and merges incidents and
writes them. A summary on stderr accounts for every input: its incidents, "none found"
with the reason, or the error. Without ``-o`` the GeoJSON goes to stdout.

Exit status: 0 when the run completed and at least one input could be read (bad
inputs are listed, not fatal), 2 when no input could be read (then no output file is
written, so an old one is never replaced by an empty collection).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``extract`` subcommand."""
    p = subparsers.add_parser(
        "extract",
        help="extract incidents from articles",
        description="Extract incidents (where, when, what, how many) from news articles and merge "
        "reports of the same incident across sources.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files, folders, or - for stdin"
    )
    p.add_argument(
        "-o",
        "--output",
        help="output file: .geojson, .gpkg, .parquet or .csv (default: GeoJSON on stdout)",
    )
    p.add_argument("--acled", action="store_true", help="write the CSV with ACLED column names")
    p.add_argument("--source", help="source/outlet name applied to every input")
    p.add_argument("--url", help="URL applied to every input")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) applied to every input")
    p.add_argument("--window-days", type=int, default=1, help="merge window in days (default 1)")
    p.add_argument(
        "--max-mb", type=float, default=5.0, help="refuse inputs larger than this (default 5)"
    )
    p.add_argument("--status", metavar="FILE", help="also write the per-input status as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        help="worker processes (default 1; 0 or -1: every core); output identical for any value",
    )
    return p


def _summary(statuses, n_incidents: int) -> str:
    lines = []
    for s in statuses:
        if s.status == "ok":
            lines.append(
                f"  ok     {s.input}: {s.n_reports} report(s) -> {len(s.incident_ids)} incident(s)"
            )
        elif s.status == "none":
            lines.append(f"  none   {s.input}: none found ({s.reason})")
        else:
            lines.append(f"  error  {s.input}: {s.reason}")
    counts = {k: sum(1 for s in statuses if s.status == k) for k in ("ok", "none", "error")}
    lines.append(
        f"{len(statuses)} input(s): {counts['ok']} with incidents, {counts['none']} none found, "
        f"{counts['error']} error(s); {n_incidents} incident(s) after merging"
    )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run ``geoinc extract``; returns the exit status."""
    from geoinc.exceptions import ConfigurationError
    from geoinc.extract.pipeline import extract_with_status
    from geoinc.incidents.atomic import check_output_path, write_text_atomic
    from geoinc.incidents.io import FORMATS, to_geojson, write_incidents

    if args.acled and not (args.output and args.output.lower().endswith(".csv")):
        raise ConfigurationError("--acled needs a .csv output (-o incidents.csv)")
    if args.output and not args.acled and not any(args.output.lower().endswith(s) for s in FORMATS):
        raise ConfigurationError(
            f"unknown output format {args.output!r}; use one of {', '.join(sorted(FORMATS))}"
        )
    for out in (args.output, args.status):  # fail before the work, not after it
        if out:
            check_output_path(out)
    progress = False if args.no_progress else _progress
    # on the command line every argument is a path: a missing file is an error, not a text
    frame, statuses = extract_with_status(
        [Path(p) for p in args.paths],
        source=args.source,
        url=args.url,
        published=args.published,
        window_days=args.window_days,
        max_bytes=args.max_mb * 1_000_000,  # validated (NaN, negative) by the pipeline
        on_error="record",
        progress=progress,
        jobs=args.jobs,
    )
    readable = any(s.status != "error" for s in statuses)
    if args.output and not readable:  # never replace an old output with an empty one
        print(_summary(statuses, 0), file=sys.stderr)
        print(f"no input could be read; {args.output} not written", file=sys.stderr)
        return 2
    if args.output:
        if args.acled:
            from geoinc.incidents.acled import write_acled

            write_acled(frame, args.output)
        else:
            write_incidents(frame, args.output)
    else:
        sys.stdout.write(to_geojson(frame) + "\n")
    if args.status:
        status = json.dumps([s.as_dict() for s in statuses], ensure_ascii=False, indent=1)
        write_text_atomic(args.status, status)
    print(_summary(statuses, len(frame)), file=sys.stderr)
    if args.output:
        print(f"wrote {len(frame)} incident(s) to {args.output}", file=sys.stderr)
    return 0 if readable else 2


def _progress(items):
    from tqdm.auto import tqdm

    # to stderr, so stdout stays clean GeoJSON
    return tqdm(items, desc="articles", unit="doc", file=sys.stderr, disable=None)
