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
import logging
import sys
import time
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

__all__ = ["add_parser", "run"]

log = logging.getLogger("geoinc")


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
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster (tcp://host:8786; needs geoinc[dask]); output identical "
        "to a local run",
    )
    p.add_argument(
        "--into",
        metavar="STORE.gpkg",
        help="merge into an incident store (created if missing): articles already in it are "
        "skipped, incidents keep their ids, provenance is recorded (see docs/scale.md)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        help="worker processes (default 1; 0 or -1: every core); output identical for any value",
    )
    return p


def _summary(statuses, n_incidents: int) -> Iterator[str]:
    """One line per input, then the totals line (lines made as the statuses are read)."""
    counts = {"ok": 0, "none": 0, "error": 0, "known": 0}
    for s in statuses:
        counts[s.status if s.status in counts else "error"] += 1
        if s.status == "ok":
            n = len(s.incident_ids)
            yield f"  ok     {s.input}: {s.n_reports} report(s) -> {n} incident(s)"
        elif s.status == "none":
            yield f"  none   {s.input}: none found ({s.reason})"
        elif s.status == "known":
            yield f"  known  {s.input}: already in the store"
        else:
            yield f"  error  {s.input}: {s.reason}"
    yield (
        f"{sum(counts.values())} input(s): {counts['ok']} with incidents, {counts['none']} none "
        f"found, {counts['error']} error(s); {n_incidents} incident(s) after merging"
    )


def run(args: argparse.Namespace) -> int:
    """Run ``geoinc extract``; returns the exit status."""
    from geoinc.exceptions import ConfigurationError
    from geoinc.incidents.atomic import check_output_path
    from geoinc.incidents.io import FORMATS

    if args.output == "-":  # -o - : GeoJSON on stdout, as without -o
        args.output = None
    if args.acled and not (args.output and args.output.lower().endswith(".csv")):
        raise ConfigurationError("--acled needs a .csv output (-o incidents.csv)")
    if args.output and not args.acled and not any(args.output.lower().endswith(s) for s in FORMATS):
        raise ConfigurationError(
            f"unknown output format {args.output!r}; use one of {', '.join(sorted(FORMATS))}"
        )
    if args.into:
        return _run_store(args)
    for out in (args.output, args.status):  # fail before the work, not after it
        if out:
            check_output_path(out)
    quiet = getattr(args, "verbosity", 0) < 0
    progress = False if args.no_progress or quiet else partial(_progress, total=_count(args.paths))
    options = {
        "source": args.source,
        "url": args.url,
        "published": args.published,
        "window_days": args.window_days,
        "max_bytes": args.max_mb * 1_000_000,  # validated (NaN, negative) by the pipeline
        "on_error": "record",
    }
    # on the command line every argument is a path: a missing file is an error, not a text
    paths = [Path(p) for p in args.paths]
    if args.scheduler:
        return _run_cluster(args, paths, options)
    from geoinc.extraction.stream import extract_streamed

    log.info("extracting from %s on %d job(s)", ", ".join(args.paths), args.jobs)
    started = time.monotonic()
    # reports spilled to disk and rows written a chunk at a time: memory stays flat. The
    # spill goes next to the output (where the user has room; /tmp may be memory)
    spill_dir = Path(args.output).resolve().parent if args.output else None
    with extract_streamed(
        paths, progress=progress, jobs=args.jobs, spill_dir=spill_dir, **options
    ) as batch:
        log.info(
            "read %d input(s) in %.1f s: %d report(s)",
            batch.n_inputs,
            time.monotonic() - started,
            batch.n_reports,
        )
        return _finish(args, batch.readable, batch.n_incidents, batch.statuses, batch.frames)


def _run_cluster(args: argparse.Namespace, paths: list, options: dict) -> int:
    """``--scheduler``: extraction on a Dask cluster, the frame collected here."""
    from geoinc.dask import extract_with_status

    log.info("extracting from %s on the cluster at %s", ", ".join(args.paths), args.scheduler)
    frame, statuses = extract_with_status(paths, scheduler=args.scheduler, **options)
    readable = any(s.status != "error" for s in statuses)
    return _finish(args, readable, len(frame), lambda: iter(statuses), lambda: iter([frame]))


def _finish(args, readable: bool, n_incidents: int, statuses, frames) -> int:
    """Write the output and the status file, print the summary; the exit status.

    ``statuses`` and ``frames`` are callables giving iterators, so a large batch is
    written and summarised a chunk at a time.
    """
    from geoinc.incidents.atomic import write_text_atomic

    if args.output and not readable:  # never replace an old output with an empty one
        _print_summary(_summary(statuses(), 0), getattr(args, "verbosity", 0))
        print(f"no input could be read; {args.output} not written", file=sys.stderr)
        return 2
    _write(frames(), args)
    if args.status:
        write_text_atomic(args.status, "".join(_status_json(statuses())))
    _print_summary(_summary(statuses(), n_incidents), getattr(args, "verbosity", 0))
    if args.output and getattr(args, "verbosity", 0) >= 0:
        print(f"wrote {n_incidents} incident(s) to {args.output}", file=sys.stderr)
    return 0 if readable else 2


def _status_json(statuses) -> Iterator[str]:
    """``json.dumps([s.as_dict() ...], indent=1)``, one input at a time."""
    first = True
    for s in statuses:
        body = json.dumps(s.as_dict(), ensure_ascii=False, indent=1).replace("\n", "\n ")
        yield ("[\n " if first else ",\n ") + body
        first = False
    yield "[]" if first else "\n]"


def _write(frames, args: argparse.Namespace) -> None:
    """The incidents to ``-o`` (ACLED CSV with ``--acled``), or GeoJSON on stdout."""
    from geoinc.incidents.chunked import write_incident_chunks, write_stdout

    if not args.output:
        write_stdout(frames)
        return
    write_incident_chunks(frames, args.output, acled=args.acled)
    log.info("wrote %s", args.output)


def _print_summary(lines: Iterable[str], verbosity: int) -> None:
    """The per-input lines: all by default; -q only the problems and the totals line;
    -qq only the inputs that failed (nothing when all could be read)."""
    for ln in lines:
        if verbosity <= -2 and not ln.startswith("  error "):
            continue
        if verbosity < 0 and ln.startswith("  ok "):
            continue
        print(ln, file=sys.stderr)


def _run_store(args: argparse.Namespace) -> int:
    """``--into STORE``: merge the articles into an incident store."""
    from geoinc.exceptions import ConfigurationError
    from geoinc.incidents.atomic import write_text_atomic
    from geoinc.store import IncidentStore

    if args.output or args.acled:
        raise ConfigurationError("--into writes the store itself; leave out -o/--acled")
    window = None if args.window_days == 1 else args.window_days  # 1 is the default
    store = IncidentStore(args.into, window_days=window)
    update = store.add(
        [Path(p) for p in args.paths],
        jobs=args.jobs,
        progress=None if args.no_progress else _progress,
        source=args.source,
        url=args.url,
        published=args.published,
        max_bytes=args.max_mb * 1_000_000,
    )
    if args.status:
        status = json.dumps([s.as_dict() for s in update.statuses], ensure_ascii=False, indent=1)
        write_text_atomic(args.status, status)
    _print_summary(_summary(update.statuses, len(update.incidents)), 0)
    if update.written:
        print(
            f"{args.into}: {update.new_articles} new article(s), {update.new_reports} report(s); "
            f"{len(update.incidents)} incident(s) added or updated, {len(update.renamed)} "
            "joined into another",
            file=sys.stderr,
        )
    else:
        print(f"{args.into}: nothing new, store unchanged", file=sys.stderr)
    return 0 if any(s.status != "error" for s in update.statuses) else 2


def _count(paths) -> int | None:
    """How many inputs the paths hold (a folder: its files), for the bar's total and ETA."""
    from geoinc.extraction.documents import _walk

    n = 0
    for p in paths:
        path = Path(p)
        n += sum(1 for _ in _walk(path)) if p != "-" and path.is_dir() else 1
    return n


def _progress(items, total: int | None = None):
    from tqdm.auto import tqdm

    # to stderr, so stdout stays clean GeoJSON; disable=None: only on a terminal
    return tqdm(items, desc="articles", unit="doc", total=total, file=sys.stderr, disable=None)
