"""``geoinc reverse LAT LON``: a point to its nearest place, region and country."""

from __future__ import annotations

import argparse
import json

from geoinc.cli.output import print_table


def add_parser(sub) -> argparse.ArgumentParser:
    """Register the ``reverse`` subcommand."""
    p = sub.add_parser(
        "reverse",
        help="nearest place, admin1 region and country of a point",
        description="Reverse-geocode a point offline. Latitude first, then longitude "
        "(WGS84 degrees).",
    )
    p.add_argument("lat", help="latitude, -90..90")
    p.add_argument("lon", help="longitude, -180..180")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``geoinc reverse``; returns the exit status."""
    from geoinc.coordinates import validate_lat_lon
    from geoinc.gazetteer import Gazetteer

    lat, lon = validate_lat_lon(args.lat, args.lon, parse_strings=True)
    r = Gazetteer.default().reverse(lat, lon)
    row = {
        "lat": lat,
        "lon": lon,
        "place": r.place.name,
        "geonameid": r.place.geonameid,
        "distance_km": round(r.distance_km, 2),
        "admin1": r.admin1.admin1 if r.admin1 else "",
        "admin1_name": r.admin1.name if r.admin1 else "",
        "country": r.country.country if r.country else r.place.country,
        "country_name": r.country.name if r.country else "",
        "method": r.method,
    }
    if args.json:
        print(json.dumps(row, ensure_ascii=False, sort_keys=True))
    else:
        print_table([row], list(row))
    return 0
