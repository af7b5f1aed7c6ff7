"""``geoinc distance``: a place's distance to a border, or between two places.

::

    geoinc distance Belgorod --border UA          # to the Russia–Ukraine border
    geoinc distance Belgorod --dataset all        # nearest border, every dataset
    geoinc distance Kharkiv Belgorod              # between two places
    geoinc distance 50.6,36.58 --json             # a point: latitude,longitude

Distances are geodesic on WGS84; borders are the internationally recognised ones.
"""

from __future__ import annotations

import argparse
import json
import re

from geoinc.cli.output import print_table

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*$")


def add_parser(sub) -> argparse.ArgumentParser:
    """Register the ``distance`` subcommand."""
    p = sub.add_parser(
        "distance",
        help="geodesic distance from a place to a border, or between two places",
        description=(
            "Distance from a place (or a LAT,LON point) to the nearest point of a land border, "
            "or between two places, geodesic on WGS84. Borders: internationally recognised "
            "(Natural Earth, Crimea in Ukraine); the Russia–Ukraine line also from OpenStreetMap."
        ),
    )
    p.add_argument("place", help="place name or LAT,LON")
    p.add_argument("other", nargs="?", help="a second place: report the distance between the two")
    p.add_argument(
        "--border",
        metavar="CC[-CC]",
        help="a country (any of its borders, e.g. UA) or a pair (RU-UA); default: nearest",
    )
    p.add_argument(
        "--dataset",
        choices=("auto", "naturalearth", "osm", "all"),
        default="auto",
        help="border dataset (auto: OSM for RU–UA, Natural Earth elsewhere; all: each)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return p


def _resolve(text: str):
    """A Place for a name, or a bare point for LAT,LON (returned as a small namespace)."""
    from geoinc.coordinates import validate_lat_lon
    from geoinc.gazetteer import Gazetteer

    m = _LATLON.match(text)
    if m:
        lat, lon = validate_lat_lon(m.group(1), m.group(2), parse_strings=True)
        return argparse.Namespace(
            name=f"{lat:g},{lon:g}", lat=lat, lon=lon, country="", geonameid=None
        )
    gz = Gazetteer.default()
    found = gz.lookup(text, kind=["place", "settlement"], limit=1)
    return found[0] if found else gz.best(text)


def _border_for(place, border: str | None):
    """`--border UA` said of a Russian city means the RU–UA line, not any Ukrainian border."""
    if border is None:
        return None
    codes = [c.strip().upper() for c in border.replace(",", "-").split("-") if c.strip()]
    if len(codes) == 1 and place.country and codes[0] != place.country:
        return (place.country, codes[0])
    return tuple(codes)


def _border_rows(place, border, dataset: str) -> list[dict]:
    from geoinc.borders import distance_to_border
    from geoinc.exceptions import BorderError

    datasets = ("osm", "naturalearth") if dataset == "all" else (dataset,)
    rows, errors = [], []
    for ds in datasets:
        try:
            r = distance_to_border(place.lon, place.lat, border=border, dataset=ds)
        except BorderError as err:
            errors.append(err)
            continue
        rows.append(
            {
                "place": place.name,
                "geonameid": place.geonameid,
                "lat": place.lat,
                "lon": place.lon,
                "border": f"{r.country_a[0]}-{r.country_b[0]}",
                "dataset": str(r.dataset[0]),
                "distance_km": round(float(r.distance_km[0]), 2),
                "border_lat": round(float(r.border_lat[0]), 5),
                "border_lon": round(float(r.border_lon[0]), 5),
                "bearing": round(float(r.bearing[0]), 1),
                "method": r.method,
            }
        )
    if not rows:
        raise errors[0]
    return rows


def _pair_row(a, b) -> dict:
    from geoinc.borders import compass_point, geodesic_distance

    km, az = geodesic_distance(a.lon, a.lat, b.lon, b.lat)
    return {
        "from": a.name,
        "to": b.name,
        "distance_km": round(km, 2),
        "bearing": round(az, 1),
        "direction": compass_point(az),
        "from_lat": a.lat,
        "from_lon": a.lon,
        "to_lat": b.lat,
        "to_lon": b.lon,
        "method": (
            "geodesic distance and initial bearing on WGS84 (pyproj Geod) "
            "between the two centre points"
        ),
    }


def run(args: argparse.Namespace) -> int:
    """Run ``geoinc distance``; returns the exit status."""
    place = _resolve(args.place)
    if args.other:
        rows = [_pair_row(place, _resolve(args.other))]
        columns = ["from", "to", "distance_km", "bearing", "direction"]
    else:
        rows = _border_rows(place, _border_for(place, args.border), args.dataset)
        columns = [
            "place",
            "border",
            "dataset",
            "distance_km",
            "border_lat",
            "border_lon",
            "bearing",
        ]
    if args.json:
        print(json.dumps(rows if len(rows) > 1 else rows[0], ensure_ascii=False, sort_keys=True))
    else:
        print_table(rows, columns)
        print(rows[0]["method"].split("; ")[-1] if not args.other else rows[0]["method"])
    return 0
