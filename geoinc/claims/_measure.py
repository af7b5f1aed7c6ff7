"""The tolerance policy and the measurements claims are judged by (docs/claims.md).

Every constant here was set once against the computed checks of the development set
(``../shared/eval/uaru-dev``, English part) and then frozen; docs/claims.md gives the
numbers before and after. Distances are geodesic on WGS84 throughout.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from geoinc.borders import POINT_OF_VIEW, distance_to_border, geodesic_distance
from geoinc.claims._context import gazetteer
from geoinc.claims._model import CONSISTENT, INCONSISTENT, ROUGHLY
from geoinc.claims._vocab import Vocab
from geoinc.exceptions import GeoincError

__all__ = [
    "city_radius_km",
    "stated_distance",
    "judge_distance",
    "judge_direction",
    "in_country",
    "coast_km",
    "border_km",
    "country_frame",
]

DENSITY_PER_KM2 = 3000.0  # people per km² of built-up city, to turn population into extent
MIN_RADIUS_KM, MAX_RADIUS_KM = 0.5, 25.0
#: Distances: consistent within max(5 km, 15 %) of the stated figure, roughly within
#: max(10 km, 30 %), measured from the stated interval to the computed band.
OK_KM, OK_REL = 5.0, 0.15
ROUGH_KM, ROUGH_REL = 10.0, 0.30
#: "nearly 30 km": 85-100 % of the figure.
BELOW_REL = 0.85
#: Directions: within ±22.5° (one compass sector) consistent, ±45° roughly, each widened
#: by the angle the places' extent subtends.
DIR_OK_DEG, DIR_ROUGH_DEG = 22.5, 45.0
#: A point this close outside its country's (generalised) polygon, and inside no other
#: country, is still in the country: Natural Earth 10m coastlines cut off harbour points.
COAST_BUFFER_KM = 5.0
#: A place this close to the sea coast is on the coast ("port city", "southern" for a
#: south-facing coast); up to the rough limit it is roughly so (an estuary or river port).
COAST_OK_KM, COAST_ROUGH_KM = 15.0, 40.0
#: "near the border", "border city": nearest edge of the city within 50 km, roughly 100 km.
NEAR_BORDER_KM, ROUGH_BORDER_KM = 50.0, 100.0
MILE_KM = 1.609344
#: Where reports mean "southern Russia" and the like: European Russia (west of the Urals).
_FRAME_CLIP = {"RU": (19.0, 41.0, 60.0, 70.0)}


def city_radius_km(population: int | float | None) -> float:
    """Radius (km) of a disc holding a city's people at :data:`DENSITY_PER_KM2`.

    Examples
    --------
    >>> round(city_radius_km(345_289), 1), round(city_radius_km(1_421_125), 1)
    (6.1, 12.3)
    >>> city_radius_km(0), city_radius_km(50_000_000)
    (0.5, 25.0)
    """
    pop = float(population or 0)
    r = math.sqrt(pop / (math.pi * DENSITY_PER_KM2)) if pop > 0 else 0.0
    return min(max(r, MIN_RADIUS_KM), MAX_RADIUS_KM)


def read_number(text: str, voc: Vocab) -> tuple[float, float] | None:
    """A figure as a (low, high) pair: digits, number words or a vague amount ("a few")."""
    from geoinc.quantities import parse_number

    t = " ".join(text.strip().lower().split())
    if t in voc.vague:
        return voc.vague[t]
    if t[:1].isalpha():
        n = parse_number(t)
        return None if n is None else (float(n), float(n))
    try:
        v = (
            float(t.replace(",", ""))
            if re.fullmatch(r"\d{1,3}(,\d{3})+", t)
            else float(t.replace(",", "."))
        )
    except ValueError:
        return None
    return v, v


def _interval(lo: float, hi: float, hedge: str | None, how: str | None) -> tuple[float, float, str]:
    if how == "upto":
        return 0.0, hi, f"'{hedge}': 0 to the figure"
    if how == "atleast":
        return lo, math.inf, f"'{hedge}': the figure or more"
    if how == "below":
        return lo * BELOW_REL, hi, f"'{hedge}': {BELOW_REL:.0%}–100 % of the figure"
    if lo != hi:
        return lo, hi, "a range"
    return lo, hi, f"'{hedge}': the figure" if hedge else "a bare figure"


def distance_interval(n1, n2, factor: float, hedge: str | None, as_written: str, voc) -> dict:
    """The record of a stated distance: the numbers read (``(lo, hi)`` each, ``n2`` for a
    range or None) in km with the interval the hedge allows."""
    lo, hi = n1[0] * factor, (n2[1] if n2 else n1[1]) * factor
    low, high, rule = _interval(lo, hi, hedge, voc.hedges.get(hedge or ""))
    return {
        "value": round((lo + hi) / 2, 3),
        "low": round(low, 3),
        "high": high if math.isinf(high) else round(high, 3),
        "unit": "mi" if factor != 1.0 else "km",
        "qualifier": hedge,
        "as_written": as_written.strip(),
        "interval_rule": rule,
    }


def stated_distance(m: re.Match, voc: Vocab) -> dict | None:
    """The km interval a distance phrase allows (groups ``qual n1 n2 unit alt``)."""
    n1 = read_number(m.group("n1"), voc)
    if n1 is None:
        return None
    n2 = read_number(m.group("n2"), voc) if m.group("n2") else None
    factor = voc.unit_km(m.group("unit"))
    hedge = " ".join((m.group("qual") or "").lower().split()) or None
    lo = n1[0] * factor
    out = distance_interval(n1, n2, factor, hedge, m.group(0), voc)
    alt = m.group("alt")
    units = "|".join(re.escape(u) for u in sorted(voc.units, key=len, reverse=True))
    am = re.search(rf"([\d.,]+)\s*({units})\b", alt or "", re.I)
    if am and read_number(am.group(1), voc) is not None:
        a = read_number(am.group(1), voc)[0] * voc.unit_km(am.group(2))
        out["alt_km"] = round(a, 3)
        # "30 kilometers (19 miles)": the two figures should agree to rounding
        out["alt_agrees"] = bool(abs(a - lo) <= max(1.0, 0.06 * lo))
    return out


def _fmt(lo: float, hi: float) -> str:
    return f"{lo:.1f}–{'∞' if math.isinf(hi) else f'{hi:.1f}'} km"


def judge_distance(stated: dict, c_lo: float, c_hi: float, extent: float) -> tuple[str, str]:
    """Verdict and tolerance text for a stated km interval against computed distances.

    The computed band runs from the nearest edge (``c_lo - extent``: the places are not
    points) to the centre distance ``c_hi``; the gap between it and the stated interval
    is compared with max(5 km, 15 %) and max(10 km, 30 %) of the stated figure.

    Examples
    --------
    >>> s = {"value": 30.0, "low": 30.0, "high": 30.0, "interval_rule": "a bare figure"}
    >>> judge_distance(s, 32.1, 35.4, 6.1)[0], judge_distance(s, 45.0, 45.0, 1.0)[0]
    ('consistent', 'inconsistent')
    """
    band = (max(0.0, c_lo - extent), c_hi)
    gap = max(0.0, stated["low"] - band[1], band[0] - stated["high"])
    ref = stated["value"]
    ok, rough = max(OK_KM, OK_REL * ref), max(ROUGH_KM, ROUGH_REL * ref)
    tol = (
        f"stated {_fmt(stated['low'], stated['high'])} ({stated['interval_rule']}); computed "
        f"{band[0]:.1f}–{band[1]:.1f} km (nearest edge to centre, {extent:.1f} km for the "
        f"places' extent); consistent if the gap is ≤ {ok:.1f} km (max({OK_KM:g} km, "
        f"{OK_REL:.0%})), roughly consistent if ≤ {rough:.1f} km (max({ROUGH_KM:g} km, "
        f"{ROUGH_REL:.0%})); gap {gap:.1f} km"
    )
    verdict = CONSISTENT if gap <= ok else ROUGHLY if gap <= rough else INCONSISTENT
    return verdict, tol


def angle_diff(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def judge_direction(stated_deg: float, bearing: float, spread: float) -> tuple[str, str]:
    """Verdict for a bearing against a compass direction (±22.5°/±45° plus ``spread``).

    Examples
    --------
    >>> judge_direction(0.0, 20.0, 0.0)[0], judge_direction(315.0, 24.0, 3.0)[0]
    ('consistent', 'inconsistent')
    """
    diff = angle_diff(stated_deg, bearing)
    ok, rough = DIR_OK_DEG + spread, DIR_ROUGH_DEG + spread
    tol = (
        f"bearing within {ok:.1f}° of {stated_deg:.0f}° is consistent, within {rough:.1f}° "
        f"roughly consistent ({spread:.1f}° allowed for the places' extent); off by {diff:.0f}°"
    )
    return (CONSISTENT if diff <= ok else ROUGHLY if diff <= rough else INCONSISTENT), tol


def _aeqd(lon: float, lat: float):
    from pyproj import CRS, Transformer

    crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def _km_to_geometry(lon: float, lat: float, geom, window_deg: float = 3.0) -> float | None:
    """Geodesic-accurate distance (km) from a point to a geometry near it (azimuthal
    equidistant projection centred on the point: distances from the centre are exact)."""
    import numpy as np
    import shapely

    box = shapely.box(lon - window_deg, lat - window_deg, lon + window_deg, lat + window_deg)
    near = shapely.intersection(geom, box)
    if near.is_empty:
        return None
    fwd = _aeqd(lon, lat)
    proj = shapely.transform(near, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
    return float(proj.distance(shapely.Point(0.0, 0.0))) / 1000.0


def in_country(place, iso2: str) -> tuple[bool | None, str]:
    """Whether a place's point is in a country, allowing :data:`COAST_BUFFER_KM` for a
    point just off a generalised coastline but never pulling in a point that lies in
    another country. ``None`` when the country has no polygon."""
    import numpy as np
    import shapely

    poly = gazetteer().country_polygon(iso2)
    if poly is None:
        return None, "no polygon for the country"
    if shapely.contains_xy(poly, place.lon, place.lat):
        return True, "point in polygon"
    other = gazetteer()._containing("countries", np.array([place.lon]), np.array([place.lat]))[0]
    if other:
        return False, f"the point lies in {other}"
    km = _km_to_geometry(place.lon, place.lat, poly, 0.5)
    if km is not None and km <= COAST_BUFFER_KM:
        return True, f"{km:.1f} km off the generalised coastline (buffer {COAST_BUFFER_KM:g} km)"
    return False, "the point lies outside the country"


@lru_cache(maxsize=64)
def _coastline(iso2: str):
    """A country's sea coast: its polygon's boundary minus its land borders (Natural Earth
    10m both, so the shared edges coincide)."""
    import shapely

    from geoinc.borders import load_borders

    poly = gazetteer().country_polygon(iso2)
    if poly is None:
        return None
    lines = load_borders("naturalearth")
    mine = lines[(lines["country_a"] == iso2) | (lines["country_b"] == iso2)]
    land = shapely.union_all(mine.geometry.values) if len(mine) else None
    coast = poly.boundary
    if land is not None:
        coast = coast.difference(shapely.buffer(land, 0.01))
    return None if coast.is_empty else coast


def coast_km(place) -> float | None:
    """Distance (km) from a place to its country's sea coast; None for a landlocked
    country or one without a polygon."""
    coast = _coastline(place.country)
    if coast is None:
        return None
    return _km_to_geometry(place.lon, place.lat, coast)


def border_km(place, border) -> tuple[float, str, tuple[float, float], str] | None:
    """(km, dataset, nearest border point, "RU–UA") to a land border, or None."""
    try:
        r = distance_to_border(place.lon, place.lat, border=border, dataset="auto")
    except GeoincError:
        return None
    return (
        float(r.distance_km[0]),
        str(r.dataset[0]),
        (round(float(r.border_lon[0]), 6), round(float(r.border_lat[0]), 6)),
        f"{r.country_a[0]}–{r.country_b[0]}",
    )


@lru_cache(maxsize=64)
def country_frame(iso2: str):
    """(lon, lat) of a country's equal-area centroid and its equal-area radius in km, or
    None. Russia's frame is European Russia (:data:`_FRAME_CLIP`)."""
    import numpy as np
    import shapely
    from pyproj import CRS, Transformer

    poly = gazetteer().country_polygon(iso2)
    if poly is None:
        return None
    if iso2 in _FRAME_CLIP:
        poly = shapely.intersection(poly, shapely.box(*_FRAME_CLIP[iso2]))
    minx, miny, maxx, maxy = poly.bounds
    laea = CRS.from_proj4(
        f"+proj=laea +lat_0={(miny + maxy) / 2} +lon_0={(minx + maxx) / 2} +datum=WGS84"
    )
    fwd = Transformer.from_crs("EPSG:4326", laea, always_xy=True)
    inv = Transformer.from_crs(laea, "EPSG:4326", always_xy=True)
    projected = shapely.transform(
        poly, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1]))
    )
    c = projected.centroid
    lon, lat = inv.transform(c.x, c.y)
    return lon, lat, math.sqrt(projected.area / math.pi) / 1000.0


def between(a, b) -> tuple[float, float]:
    """Geodesic (km, initial bearing) from place ``a`` to place ``b``."""
    km, bearing = geodesic_distance(a.lon, a.lat, b.lon, b.lat)
    return float(km), float(bearing)


POV = POINT_OF_VIEW
