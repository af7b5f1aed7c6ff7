"""``geoinc map INCIDENTS -o map.html [--offline]``: an incident file to a standalone map."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from geoinc.exceptions import InputError

log = logging.getLogger("geoinc")


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "map",
        help="draw an incident file as a standalone HTML map",
        description=(
            "Draw incidents (GeoJSON, GeoPackage or GeoParquet, as written by `geoinc extract`) "
            "as one self-contained HTML file: layers per event type, time slider, borders, "
            "border band, regions shaded by casualties, claims, clustering and heat map."
        ),
    )
    p.add_argument("incidents", help="incident file: .geojson/.json, .gpkg or .parquet")
    p.add_argument("-o", "--output", required=True, help="HTML file to write")
    p.add_argument(
        "--offline",
        action="store_true",
        help="inline all JS/CSS and draw a vector basemap: the file works with no network "
        "(needs pip install 'geoinc[offline]')",
    )
    p.add_argument("--layer", help="layer to read from a GeoPackage")
    p.add_argument("--title", help="page title and legend heading")
    p.add_argument(
        "--borders",
        default="naturalearth",
        choices=["naturalearth", "osm", "none"],
        help="border dataset to draw (default: naturalearth)",
    )
    p.add_argument(
        "--band",
        nargs=2,
        metavar=("ISO2", "ISO2"),
        default=["RU", "UA"],
        help="countries whose border gets the distance band (default: RU UA)",
    )
    p.add_argument("--band-km", type=float, default=30.0, help="band width in km (default 30)")
    p.add_argument("--no-band", action="store_true", help="no border band")
    p.add_argument(
        "--cluster",
        choices=["auto", "yes", "no"],
        default="auto",
        help="client-side clustering (default: auto, above 300 incidents)",
    )
    p.add_argument("--claims", help="JSON file with checked claims (a list of objects) to draw")
    p.add_argument(
        "--popup-column",
        action="append",
        default=[],
        metavar="COLUMN",
        help="extra column to show in popups (repeatable)",
    )
    return p


def read_incidents(path: str | Path, layer: str | None = None):
    """Read an incident file into a GeoDataFrame (GeoJSON, GPKG or (Geo)Parquet)."""
    import geopandas as gpd
    import pyogrio

    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such incident file: {path}")
    try:
        if path.suffix.lower() in (".parquet", ".geoparquet"):
            return gpd.read_parquet(path)
        return pyogrio.read_dataframe(path, layer=layer)
    except (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        ValueError,
        OSError,
    ) as err:
        raise InputError(f"cannot read incidents from {path}: {err}") from err


def run(args: argparse.Namespace) -> int:
    from geoinc.mapping import incident_map

    gdf = read_incidents(args.incidents, args.layer)
    claims = None
    if args.claims:
        try:
            claims = json.loads(Path(args.claims).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise InputError(f"cannot read claims from {args.claims}: {err}") from err
        if not isinstance(claims, list):
            raise InputError(f"{args.claims}: expected a JSON list of claims")
    cluster = {"auto": "auto", "yes": True, "no": False}[args.cluster]
    m = incident_map(
        gdf,
        offline=args.offline,
        title=args.title,
        borders=None if args.borders == "none" else args.borders,
        band=None if args.no_band else tuple(args.band),
        band_km=args.band_km,
        cluster=cluster,
        claims=claims,
        popup_columns=args.popup_column,
    )
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    m.save(str(out))
    size = out.stat().st_size / 1e6
    log.info("wrote %s (%.2f MB, %d incidents)", out, size, len(gdf))
    print(f"{out}\t{len(gdf)} incidents\t{size:.2f} MB")
    return 0
