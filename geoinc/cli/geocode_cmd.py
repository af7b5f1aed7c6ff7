"""``geoinc geocode NAME...``: names to places, offline."""

from __future__ import annotations

import argparse
import sys

from geoinc.cli.output import print_geojson, print_table

COLUMNS = (
    "query",
    "name",
    "geonameid",
    "kind",
    "country",
    "admin1",
    "admin1_name",
    "lat",
    "lon",
    "population",
    "precision",
    "score",
)


def add_parser(sub) -> argparse.ArgumentParser:
    """Register the ``geocode`` subcommand."""
    p = sub.add_parser(
        "geocode",
        help="resolve place names against the bundled gazetteer",
        description="Resolve place names offline. Exit code 3 when a name matches nothing.",
    )
    p.add_argument("names", nargs="+", metavar="NAME", help='e.g. Kharkiv "Borova, Kharkiv Oblast"')
    p.add_argument(
        "-n",
        "--candidates",
        type=int,
        default=1,
        metavar="N",
        help="show up to N ranked candidates per name (default 1)",
    )
    p.add_argument("--country", help="restrict to a country (ISO2 or name)")
    p.add_argument("--kind", choices=("place", "admin1", "country", "settlement"))
    p.add_argument("--no-fuzzy", action="store_true", help="exact (normalised) matches only")
    p.add_argument("--geojson", action="store_true", help="write a GeoJSON FeatureCollection")
    p.add_argument("--sequence", action="store_true", help="with --geojson: RFC 8142 text sequence")
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``geoinc geocode``; returns the exit status."""
    from geoinc.gazetteer import Gazetteer

    gz = Gazetteer.default()
    rows, features, missing = [], [], []
    for name in args.names:
        found = gz.lookup(
            name,
            country=args.country,
            kind=args.kind,
            limit=max(1, args.candidates),
            fuzzy=not args.no_fuzzy,
        )
        if not found:
            missing.append(name)
            rows.append({"query": name, "name": "(no match)"})
            continue
        for place in found:
            raw = place.raw
            rows.append({"query": name, **{c: raw.get(c) for c in COLUMNS if c != "query"}})
            feature = place.__geo_interface__
            feature["properties"]["query"] = name
            features.append(feature)
    if args.geojson:
        print_geojson(features, sequence=args.sequence)
    else:
        print_table(rows, COLUMNS)
    for name in missing:
        print(f"geoinc: no place in the bundled gazetteer matches {name!r}", file=sys.stderr)
    return 3 if missing else 0
