#!/usr/bin/env python3
"""Rebuild geoinc's bundled border lines, ``gazetteer/data/borders.gpkg``.

Reads ``../shared/gazetteer-sources/admin0_border/`` and writes one GeoPackage with two
layers, both EPSG:4326 lines with the columns ``country_a``, ``country_b`` (ISO 3166-1
alpha-2, sorted so that ``country_a < country_b`` for international lines), ``kind``
(``"international"`` or ``"disputed"``), ``dataset``, ``name`` and ``note``:

``naturalearth``
    Land boundaries between every pair of neighbouring countries, derived from Natural
    Earth 10m admin-0 countries, German point of view (v5.1.1; Crimea in Ukraine, i.e.
    internationally recognised borders): the shared edge of each pair of polygons.
    Disputed lines are the inland edges of Natural Earth v4.0.0 disputed and breakaway
    areas (Crimea's isthmus, the 2017 Donbas line, Abkhazia, Transnistria, Kashmir ...),
    kept apart with ``kind="disputed"``; ``country_a`` is the country the line lies in
    under the recognised borders, ``country_b`` the administering party when Natural
    Earth names one ("" for self-administered breakaway areas).
    Licence: public domain ("Made with Natural Earth").
``osm``
    The Russia–Ukraine land border as mapped in OpenStreetMap in 2017 (via the npm package
    ``@geo-maps/countries-land-100m`` 0.6.0, Crimea excluded), about 1,950 km.
    Licence: ODbL 1.0, © OpenStreetMap contributors.

Territories without an ISO code (Dhekelia, Guantanamo Bay naval base, Bir Tawil ...)
carry their Natural Earth ADM0_A3 code instead, so no shared edge is dropped.

Usage::

    python gazetteer/build_borders.py [--sources ../shared/gazetteer-sources] [--out gazetteer/data]

Output is deterministic: sorted rows, coordinates on a 1e-6° grid and a fixed GeoPackage
timestamp, so the same sources give a byte-identical file.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.strtree import STRtree

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCES = HERE.parent.parent / "shared" / "gazetteer-sources"
NE_COUNTRIES = "admin0_border/ne_10m_admin_0_countries_deu.zip"
NE_DISPUTED = "admin0_border/ne_10m_v4.0.0_admin_0_disputed_areas.json"
OSM_RU_UA = "admin0_border/ru_ua_land_border_osm2017_geomaps100m.geojson"
COLUMNS = ["country_a", "country_b", "kind", "dataset", "name", "note"]
# 1e-6 degree is ~0.1 m: far below either source's accuracy, and makes output stable.
GRID = 1e-6
# Inland edges of disputed areas closer than this to an international border or coast
# are that border/coast (the v4.0.0 areas and the v5.1.1 countries differ slightly).
EDGE_TOLERANCE_DEG = 0.01
MIN_DISPUTED_KM = 2.0
# Natural Earth's abbreviations in "Admin. by ..." notes -> country names.
_ADMIN_ALIASES = {
    "U.K.": "United Kingdom",
    "U.S.A.": "United States of America",
    "Azer.": "Azerbaijan",
}


def _code(iso2: str, a3: str) -> str:
    return a3 if iso2 in ("-99", "", None) else iso2


def _lines_only(geom) -> shapely.Geometry | None:
    """Keep the line parts of an intersection result, merged; None if there are none."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "LineString"]
    parts += [
        q
        for p in shapely.get_parts(geom)
        if p.geom_type == "MultiLineString"
        for q in shapely.get_parts(p)
    ]
    if not parts:
        return None
    return shapely.line_merge(shapely.multilinestrings(parts))


def load_countries(sources: Path) -> gpd.GeoDataFrame:
    cols = ["ADMIN", "NAME", "SOVEREIGNT", "ISO_A2_EH", "ADM0_A3"]
    gdf = gpd.read_file(f"zip://{sources / NE_COUNTRIES}", columns=cols, engine="pyogrio")
    gdf["code"] = [_code(i, a) for i, a in zip(gdf["ISO_A2_EH"], gdf["ADM0_A3"], strict=True)]
    gdf["geometry"] = shapely.make_valid(gdf.geometry.values)
    # Small units sharing a country's code (Brazilian Island "BR") keep their own
    # ADM0_A3, so a pair never becomes "BR–BR"; the largest feature keeps the ISO code.
    area = shapely.area(gdf.geometry.values)
    for _code_value, rows in gdf.groupby("code").groups.items():
        if len(rows) > 1:
            main = max(rows, key=lambda r: area[r])
            for r in rows:
                if r != main:
                    gdf.loc[r, "code"] = gdf.loc[r, "ADM0_A3"]
    return gdf.sort_values("ADM0_A3", kind="stable").reset_index(drop=True)


def international_lines(countries: gpd.GeoDataFrame) -> list[dict]:
    """The shared edge of every pair of touching country polygons."""
    geoms = countries.geometry.values
    bounds = shapely.boundary(geoms)
    left, right = STRtree(geoms).query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    shared = shapely.intersection(bounds[left], bounds[right])
    rows = []
    for i, j, geom in zip(left, right, shared, strict=True):
        line = _lines_only(geom)
        if line is None:  # polygons touching in a single point (quadripoints)
            continue
        if countries["code"][i] == countries["code"][j]:  # two parts of one country
            continue
        a, b = sorted((countries["code"][i], countries["code"][j]))
        names = dict(
            zip(
                (countries["code"][i], countries["code"][j]),
                (countries["NAME"][i], countries["NAME"][j]),
                strict=True,
            )
        )
        rows.append(
            {
                "country_a": a,
                "country_b": b,
                "kind": "international",
                "dataset": "naturalearth",
                "name": f"{names[a]} – {names[b]}",
                "note": "Natural Earth 10m admin-0 countries v5.1.1, German POV",
                "geometry": line,
            }
        )
    return rows


def _party(note: object, role: str, name_to_code: dict[str, str]) -> str:
    """The first country named after "Admin. by" or "Claimed by" in a Natural Earth note."""
    pattern = (
        r"Admin\.? by ([^;]+?)(?: for [^;]+)?;"
        if role == "admin"
        else r"Claimed by ([^;,]+?)(?:,| and |$|;)"
    )
    m = re.search(pattern, note if isinstance(note, str) else "", flags=re.I)
    if not m:
        return ""
    name = m.group(1).strip().removeprefix("the ")
    return name_to_code.get(_ADMIN_ALIASES.get(name, name), "")


def disputed_lines(countries: gpd.GeoDataFrame, sources: Path) -> list[dict]:
    """Inland edges of disputed/breakaway areas that are not international borders or coast."""
    areas = gpd.read_file(sources / NE_DISPUTED, engine="pyogrio")
    name_to_code = {}
    for col in ("ADMIN", "NAME", "SOVEREIGNT"):
        for name, code in zip(countries[col], countries["code"], strict=True):
            name_to_code.setdefault(name, code)
    edges = shapely.boundary(countries.geometry.values)
    tree = STRtree(countries.geometry.values)
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    rows = []
    for _, area in areas.sort_values("BRK_NAME", kind="stable").iterrows():
        if area["TYPE"] not in ("Disputed", "Breakaway"):
            continue
        outline = shapely.make_valid(area.geometry).boundary
        # only the countries near this area matter; buffering the whole world is slow
        near = tree.query(shapely.buffer(shapely.envelope(outline), EDGE_TOLERANCE_DEG))
        mask = shapely.buffer(
            shapely.clip_by_rect(
                shapely.union_all(edges[near]),
                *shapely.bounds(shapely.buffer(shapely.envelope(outline), 2 * EDGE_TOLERANCE_DEG)),
            ),
            EDGE_TOLERANCE_DEG,
        )
        inland = _lines_only(shapely.difference(outline, mask))
        if inland is None:
            continue
        pieces = [
            p
            for p in shapely.get_parts(inland)
            if geod.geometry_length(p) / 1000 >= MIN_DISPUTED_KM
        ]
        if not pieces:
            continue
        line = shapely.multilinestrings(pieces)
        inside = tree.query(shapely.point_on_surface(pieces[0]), predicate="intersects")
        if not len(inside):
            # v4.0.0 island outlines that miss the v5.1.1 coast by more than the
            # tolerance (Kuril Is., Hans Island) lie at sea: no land line there
            continue
        host = countries["code"][inside[0]]
        other = _party(area["NOTE_BRK"], "admin", name_to_code)
        if other in ("", host):
            other = _party(area["NOTE_BRK"], "claim", name_to_code)
        rows.append(
            {
                "country_a": host,
                "country_b": "" if other == host else other,
                "kind": "disputed",
                "dataset": "naturalearth",
                "name": str(area["BRK_NAME"]),
                "note": "Natural Earth v4.0.0 (2017) disputed area: "
                + (area["NOTE_BRK"] if isinstance(area["NOTE_BRK"], str) else "no note"),
                "geometry": line,
            }
        )
    return rows


def osm_lines(sources: Path) -> list[dict]:
    gdf = gpd.read_file(sources / OSM_RU_UA, engine="pyogrio")
    line = shapely.line_merge(shapely.union_all(gdf.geometry.values))
    return [
        {
            "country_a": "RU",
            "country_b": "UA",
            "kind": "international",
            "dataset": "osm",
            "name": "Russia – Ukraine",
            "note": "OpenStreetMap 2017 via @geo-maps/countries-land-100m 0.6.0; "
            "Crimea excluded; ODbL 1.0, © OpenStreetMap contributors",
            "geometry": line,
        }
    ]


def _merge_pairs(rows: list[dict]) -> list[dict]:
    """One row per (pair, kind, name): a pair met twice (parts of one unit) is joined."""
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = (row["country_a"], row["country_b"], row["kind"], row["name"])
        if key in merged:
            both = shapely.union(merged[key]["geometry"], row["geometry"])
            merged[key]["geometry"] = shapely.line_merge(both)
        else:
            merged[key] = dict(row)
    return list(merged.values())


def _frame(rows: list[dict]) -> gpd.GeoDataFrame:
    rows = _merge_pairs(rows)
    gdf = gpd.GeoDataFrame(
        rows, columns=[*COLUMNS, "geometry"], geometry="geometry", crs="EPSG:4326"
    )
    gdf["geometry"] = shapely.set_precision(gdf.geometry.values, GRID)
    gdf = gdf[~gdf.geometry.is_empty]
    return gdf.sort_values(["kind", "country_a", "country_b", "name"], kind="stable").reset_index(
        drop=True
    )


def build(sources: Path, out_dir: Path) -> Path:
    # GDAL stamps GeoPackages with the current time; a fixed stamp keeps rebuilds identical
    os.environ.setdefault("OGR_CURRENT_DATE", "2026-01-01T00:00:00Z")
    countries = load_countries(sources)
    ne = _frame(international_lines(countries) + disputed_lines(countries, sources))
    osm = _frame(osm_lines(sources))
    out = out_dir / "borders.gpkg"
    out.unlink(missing_ok=True)
    ne.to_file(out, layer="naturalearth", driver="GPKG", engine="pyogrio")
    osm.to_file(out, layer="osm", driver="GPKG", engine="pyogrio")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--out", type=Path, default=HERE / "data")
    args = parser.parse_args(argv)
    if not (args.sources / NE_COUNTRIES).is_file():
        print(f"build_borders: sources not found under {args.sources}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    out = build(args.sources, args.out)
    for layer in ("naturalearth", "osm"):
        gdf = gpd.read_file(out, layer=layer, engine="pyogrio")
        n = int(np.sum(shapely.get_num_coordinates(gdf.geometry.values)))
        counts = pd.Series(gdf["kind"]).value_counts().to_dict()
        print(f"{layer}: {len(gdf)} lines {counts}, {n} vertices")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
