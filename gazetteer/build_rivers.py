#!/usr/bin/env python3
"""Build ``gazetteer/data/rivers.geojson``: the large rivers of Ukraine and its neighbours,
each line oriented downstream, for the claims checker's river banks ("on the left bank of
the Dnipro": the left bank is on the left facing downstream).

Source: Natural Earth 50m rivers and lake centrelines and 10m European rivers (public
domain; ``../shared/gazetteer-sources/natural_features``). The parts of one river (river
and reservoir centrelines of the same name) are kept together. Natural Earth does not
digitise every line in the direction of flow, so each river is oriented here: its
**mouth** is the end point of its parts nearest to the sea (the land outline's edge) or to
another river it flows into; every part is then turned so that it ends at its end nearer
the mouth.

Usage::

    python gazetteer/build_rivers.py [--sources ../shared/gazetteer-sources]

Deterministic output (sorted by name, coordinates rounded to 5 decimals).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (west, south, east, north): Ukraine, its neighbours' border lands, European Russia to
#: the Volga.
BBOX = (20.0, 43.0, 50.0, 57.0)
#: A river shorter than this (degrees of line) in the box is left out.
MIN_LENGTH_DEG = 1.0
#: The seas the rivers kept flow to: the coast south of this latitude in the box (the Black
#: Sea, the Sea of Azov, the northern Caspian).
SOUTHERN_SEAS_NORTH = 48.0
#: A river reaches the sea when an end lies this close to that coast (degrees; estuaries),
#: and flows into a river already placed when an end lies this close to it.
SEA_REACH_DEG, JOIN_DEG = 0.3, 0.05


def _parts(geom) -> list:
    return list(geom.geoms) if geom.geom_type == "MultiLineString" else [geom]


def _read(sources: Path):
    import geopandas as gpd
    import pandas as pd
    import shapely

    nf = sources / "natural_features"
    frames = []
    for fname in ("ne_50m_rivers_lake_centerlines.json", "ne_10m_rivers_europe.json"):
        g = gpd.read_file(nf / fname)
        g = g[g["name"].notna() & (g["name"].astype(str) != "")]
        frames.append(g[["name", "name_alt", "geometry"]])
    g = pd.concat(frames, ignore_index=True)
    g = g[g.intersects(shapely.box(*BBOX))]
    land = gpd.read_file(nf / "ne_50m_land.json")
    south = shapely.box(BBOX[0], BBOX[1], BBOX[2], SOUTHERN_SEAS_NORTH)
    coast = shapely.union_all(list(land.clip(shapely.box(*BBOX)).boundary)).intersection(south)
    return g, coast


def _mouths(by_name: dict, coast) -> dict:
    """River name -> its mouth (a Point): the rivers reaching the southern seas, then, round
    by round, the rivers with an end on a river already placed (its tributaries)."""
    import shapely
    from shapely.geometry import Point

    ends = {
        n: [Point(c) for p in ps for c in (p.coords[0], p.coords[-1])] for n, ps in by_name.items()
    }
    mouths = {}
    for name in sorted(by_name):
        best = min(ends[name], key=lambda e: (coast.distance(e), e.x, e.y))
        if coast.distance(best) <= SEA_REACH_DEG:
            mouths[name] = best
    grown = True
    while grown:
        grown = False
        placed = shapely.union_all([p for n in sorted(mouths) for p in by_name[n]])
        for name in sorted(set(by_name) - set(mouths)):
            best = min(ends[name], key=lambda e: (placed.distance(e), e.x, e.y))
            if placed.distance(best) <= JOIN_DEG:
                mouths[name], grown = best, True
    return mouths


def _orient(parts: list, mouth) -> list:
    """The parts of one river, each turned to flow towards the mouth: starting there, the
    part with an end nearest to what is already placed ends at that end, and its other
    end becomes a point later parts may flow into."""
    import shapely
    from shapely.geometry import LineString, Point

    frontier, left, out = [mouth], list(parts), []
    while left:
        best = min(
            (min(Point(c).distance(f) for f in frontier), i, k)
            for i, p in enumerate(left)
            for k, c in enumerate((p.coords[0], p.coords[-1]))
        )
        p = left.pop(best[1])
        if best[2] == 0:  # it touches at its first point: that is its downstream end
            p = LineString(list(p.coords)[::-1])
        frontier.append(Point(p.coords[0]))
        out.append(p)
    return [shapely.set_precision(p, 1e-5) for p in out]


def build(sources: Path, out: Path) -> int:
    """Write the oriented rivers to ``out``; returns how many."""

    g, coast = _read(sources)
    by_name: dict[str, list] = {}
    alts: dict[str, set] = {}
    for name, alt, geom in zip(g["name"], g["name_alt"], g.geometry, strict=True):
        by_name.setdefault(str(name), []).extend(_parts(geom))
        if isinstance(alt, str) and alt:
            alts.setdefault(str(name), set()).update(a.strip() for a in alt.split(","))
    features = []
    long = {n: ps for n, ps in by_name.items() if sum(p.length for p in ps) >= MIN_LENGTH_DEG}
    mouths = _mouths(long, coast)
    for name in sorted(mouths):
        oriented = _orient(long[name], mouths[name])
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "name_alt": sorted(alts.get(name, ()))},
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": [
                        [[round(x, 5), round(y, 5)] for x, y in p.coords] for p in oriented
                    ],
                },
            }
        )
    doc = {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain); lines oriented downstream",
        "features": features,
    }
    out.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(features)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sources", type=Path, default=HERE.parent.parent / "shared" / "gazetteer-sources"
    )
    ap.add_argument("--out", type=Path, default=HERE / "data" / "rivers.geojson")
    args = ap.parse_args(argv)
    n = build(args.sources, args.out)
    print(f"wrote {n} rivers to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
