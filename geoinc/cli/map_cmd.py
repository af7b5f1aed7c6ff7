"""``geoinc map INCIDENTS -o map.html [--offline]``: an incident file to a standalone map.

Reads geoinc's exports (GeoJSON, GeoPackage, GeoParquet, CSV), any other point layer
GDAL reads, and ACLED or UCDP GED CSV files (told from their columns). The page is built
in memory and written in one step, so a failure never leaves an empty or half file;
``-o -`` writes the HTML to stdout.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from geoinc.cli.output import is_stdout, write_or_stdout
from geoinc.exceptions import InputError

log = logging.getLogger("geoinc")


def add_parser(sub) -> argparse.ArgumentParser:
    """Add ``geoinc map`` to the subcommands ``sub``; returns its parser."""
    p = sub.add_parser(
        "map",
        help="draw an incident file as a standalone HTML map",
        description=(
            "Draw incidents (GeoJSON, GeoPackage or GeoParquet, as written by `geoinc extract`) "
            "as one self-contained HTML file: layers per event type, time slider, borders, "
            "border band, regions shaded by casualties, claims, clustering and heat map."
        ),
    )
    _add_file_arguments(p)
    _add_layer_arguments(p)
    return p


def _add_file_arguments(p: argparse.ArgumentParser) -> None:
    """What is read and written, and how the page loads: input, output, tiles, title."""
    p.add_argument(
        "incidents",
        help="incident file: .geojson/.json, .gpkg, .parquet, .csv (geoinc, ACLED or UCDP GED)",
    )
    p.add_argument("-o", "--output", required=True, help="HTML file to write (- for stdout)")
    p.add_argument(
        "--offline",
        action="store_true",
        help="inline all JS/CSS and draw a vector basemap: the file works with no network "
        "(needs pip install 'geoinc[offline]')",
    )
    p.add_argument(
        "--tiles",
        help="tile layer: a folium/xyzservices name ('CartoDB positron') or a URL template "
        "(with --attr); 'none' for the bundled vector basemap only",
    )
    p.add_argument("--attr", help="attribution of a --tiles URL")
    p.add_argument(
        "--link-cdn",
        action="store_true",
        help="link Leaflet from the CDN instead of inlining it (smaller file; needs network)",
    )
    p.add_argument("--layer", help="layer to read from a GeoPackage")
    p.add_argument("--title", help="page title and legend heading")


def _add_layer_arguments(p: argparse.ArgumentParser) -> None:
    """What the map draws: borders, the border band, clustering, claims, popup columns."""
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


def read_incidents(path: str | Path, layer: str | None = None):
    """Read an incident file into a GeoDataFrame.

    ACLED / UCDP GED CSV and geoinc CSV go through their readers; other files are read
    as they are (the map tolerates foreign columns and warns about bad values).
    """
    import geopandas as gpd
    import pyogrio

    from geoinc.incidents.io import _gpkg_layer, detect_format, read_any

    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such incident file: {path}")
    if path.suffix.lower() == ".csv":
        return read_any(path, dayfirst=None)
    try:
        if path.suffix.lower() in (".parquet", ".geoparquet"):
            return gpd.read_parquet(path)
        if detect_format(path) == "gpkg":  # geoinc's own file: its incidents layer, no warning
            layer = _gpkg_layer(path, layer)
        return pyogrio.read_dataframe(path, layer=layer)
    except (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        ValueError,
        OSError,
    ) as err:
        raise InputError(f"cannot read incidents from {path}: {err}") from err


def _tile_options(args: argparse.Namespace) -> dict:
    opts: dict = {"inline": False} if args.link_cdn else {}
    if args.tiles:
        opts["tiles"] = None if args.tiles.lower() == "none" else args.tiles
        opts["attr"] = args.attr
    return opts


def run(args: argparse.Namespace) -> int:
    """Run ``geoinc map``; returns the exit status."""
    from geoinc.mapping import incident_map

    if not is_stdout(args.output):
        from geoinc.incidents.atomic import check_output_path

        check_output_path(args.output)  # before the work, not after it
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
        **_tile_options(args),
    )
    html = m.get_root().render()  # any failure (offline assets...) happens before writing
    write_or_stdout(args.output, html)
    if is_stdout(args.output):
        return 0
    size = len(html.encode("utf-8")) / 1e6
    log.info("wrote %s (%.2f MB, %d incidents)", args.output, size, len(gdf))
    if args.verbosity >= 0:
        print(f"{args.output}\t{len(gdf)} incidents\t{size:.2f} MB")
    return 0
