"""``geoinc import FILE... -o incidents.gpkg``: ACLED / UCDP GED / geoinc files, converted.

Each input's format is told from its columns (ACLED: ``event_id_cnty``; UCDP GED:
``id, where_prec, best``...; a geoinc export), so researchers can bring ACLED and UCDP
events into the incident schema, join them with extracted incidents, map them, or write
them back in the other dataset's columns (``--to acled|ucdp``). Without ``-o`` (or with
``-o -``) the GeoJSON goes to stdout.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from geoinc.cli.output import write_or_stdout

__all__ = ["add_parser", "run"]

log = logging.getLogger("geoinc")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``import`` subcommand."""
    p = subparsers.add_parser(
        "import",
        help="read ACLED or UCDP GED CSV (or geoinc files) into the incident schema",
        description="Read ACLED CSV, UCDP GED CSV or geoinc exports (format told from the "
        "columns) and write them as GeoJSON, GeoPackage, GeoParquet or CSV -- or back as "
        "ACLED/UCDP columns with --to.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="ACLED/UCDP .csv, or geoinc files")
    p.add_argument(
        "-o",
        "--output",
        help="output: .geojson, .gpkg, .parquet or .csv; - for GeoJSON on stdout (default)",
    )
    p.add_argument(
        "--to",
        choices=("incidents", "acled", "ucdp"),
        default="incidents",
        help="columns of a .csv output: geoinc's (default), ACLED's or UCDP GED's",
    )
    order = p.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst",
        dest="dayfirst",
        action="store_const",
        const=True,
        help="nn/nn/yyyy dates are day/month (only needed when the file cannot tell)",
    )
    order.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help="nn/nn/yyyy dates are month/day",
    )
    p.add_argument("--layer", help="GeoPackage layer to read (default: incidents)")
    return p


def _read(files: list[str], layer: str | None, dayfirst: bool | None):
    import pandas as pd

    from geoinc.incidents.io import detect_format, read_any
    from geoinc.incidents.schema import coerce

    frames = []
    for name in files:
        frame = read_any(name, layer=layer, dayfirst=dayfirst)
        log.info("%s: %s, %d incident(s)", name, detect_format(name), len(frame))
        frames.append(frame)
    if len(frames) == 1:
        return frames[0]
    return coerce(pd.concat(frames, ignore_index=True))


def run(args: argparse.Namespace) -> int:
    """Run ``geoinc import``; returns the exit status."""
    from geoinc.exceptions import ConfigurationError
    from geoinc.incidents.io import FORMATS, to_geojson

    out = None if args.output in (None, "-") else Path(args.output)
    if args.to != "incidents" and (out is None or out.suffix.lower() != ".csv"):
        raise ConfigurationError(f"--to {args.to} writes CSV: give -o FILE.csv")
    if out is not None and out.suffix.lower() not in FORMATS:
        raise ConfigurationError(
            f"unknown output format {out.name!r}; use one of {', '.join(sorted(FORMATS))}"
        )
    if out is not None:
        from geoinc.incidents.atomic import check_output_path

        check_output_path(out)  # before reading a large file, not after
    frame = _read(args.files, args.layer, args.dayfirst)
    if out is None:
        write_or_stdout(None, to_geojson(frame) + "\n")
        return 0
    if args.to == "acled":
        from geoinc.incidents.acled import write_acled

        write_acled(frame, out)
    elif args.to == "ucdp":
        from geoinc.incidents.ucdp import write_ucdp

        write_ucdp(frame, out)
    else:
        from geoinc.incidents.io import write_incidents

        write_incidents(frame, out)
    if args.verbosity >= 0:
        print(f"wrote {len(frame)} incident(s) to {out}", file=sys.stderr)
    return 0
