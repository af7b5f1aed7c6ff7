"""Land borders and geodesic distances to them.

The bundled ``borders.gpkg`` (built by ``gazetteer/build_borders.py``) holds two line
datasets, both on WGS84 (EPSG:4326):

``"naturalearth"``
    Land boundaries between every pair of neighbouring countries, from Natural Earth 10m
    admin-0 countries (German point of view, i.e. internationally recognised borders:
    Crimea is in Ukraine). Disputed and breakaway lines (Crimea's isthmus, the 2017
    Donbas line, Kashmir ...) are kept apart with ``kind="disputed"``. Public domain.
``"osm"``
    The Russia–Ukraine land border as mapped in OpenStreetMap (2017), more detailed than
    Natural Earth near Belgorod and Kharkiv (ODbL 1.0, © OpenStreetMap contributors).
``"auto"`` (distances only)
    Natural Earth everywhere, except that the Russia–Ukraine line comes from OSM. Each
    result row says which dataset its nearest border point came from.

How distances are measured
--------------------------
Every distance is geodesic on the WGS84 ellipsoid, in kilometres; nothing here ever
returns planar degrees. The nearest point is the true nearest point of the line, not its
nearest vertex: lines are densified to vertices at most :data:`DENSIFY_DEG` apart, the
k nearest vertices are found with a k-d tree on 3-D unit vectors of WGS84's conformal
sphere (where "nearest" agrees with the ellipsoid up to a slowly varying scale), and the
feet of the perpendiculars on the great-circle segments next to them are compared; near
ties are re-measured on the ellipsoid. A bound (a segment whose ends are both at least r
away stays sqrt(r² - L²/4) away, less the scale change) proves the answer optimal; the
point where it cannot (far away, corners, hairpins) gets more candidates, then every
segment in reach. The distance to the chosen point is measured with :class:`pyproj.Geod`
(``geodesic="exact"``) or with Andoyer–Lambert's ellipsoidal formula (``geodesic="fast"``,
within 1 m of ``Geod`` below 1,000 km, and cheaper). Against a brute force over the line
densified to 50 m the result is never more than a few centimetres longer.

Calls of :data:`ACCEL_MIN_POINTS` points or more use a compiled search instead of the
k-d tree when numba is installed (``geoinc._border_kernels``; optional): the same
conformal-sphere nearest point and the same ellipsoidal tie window, found per point by
visiting a hierarchy of caps and arc bands over blocks of vertices, each of which proves
that nothing it prunes can be nearer. Its distances equal the numpy path's or are shorter
(it never misses a candidate of the tie window; the difference is at most a few mm), and
it is several times faster on large inputs (``bench/bench_borders.py``).

Examples
--------
>>> res = distance_to_border(36.58091, 50.60343, border=("RU", "UA"), dataset="osm")
>>> round(float(res.distance_km[0]), 1), str(res.dataset[0])
(32.1, 'osm')
>>> km, bearing = geodesic_distance(36.58091, 50.60343, 36.25475, 49.98177)
>>> round(float(km)), compass_point(bearing)
(73, 'S')
"""

from __future__ import annotations

import logging
import math
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from geoinc.exceptions import BorderError, ConfigurationError, CoordinateError

# Distances between points are geoinc.geodesy's; geodesic_distance is re-exported here,
# its first home.
from geoinc.geodesy import WGS84_F as _WGS84_F
from geoinc.geodesy import check_lonlat as _check
from geoinc.geodesy import geodesic_distance
from geoinc.geodesy import geodesic_inverse as _exact_km
from geoinc.geodesy import lambert_km as _lambert_km

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = [
    "BORDER_DATASETS",
    "POINT_OF_VIEW",
    "DENSIFY_DEG",
    "BorderDistance",
    "load_borders",
    "distance_to_border",
    "geodesic_distance",
    "distance_between",
    "PlaceDistance",
    "compass_point",
    "within_distance_of_border",
    "border_pairs",
]

logger = logging.getLogger("geoinc")

#: Datasets :func:`load_borders` knows; ``"auto"`` is accepted by the distance functions.
BORDER_DATASETS = ("naturalearth", "osm")
#: Said in every result: whose borders these are.
POINT_OF_VIEW = (
    "internationally recognised borders (Natural Earth, German point of view: Crimea in Ukraine)"
)
#: Longest allowed step between two vertices after densifying, in degrees (about 1 km).
#: Over so short a step a straight segment in lon/lat and a great-circle arc part by a
#: few centimetres, so the result does not depend on that interpretation.
DENSIFY_DEG = 0.01

_COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
_LOCK = threading.Lock()
_KERNEL_LOCK = threading.Lock()

Dataset = Literal["naturalearth", "osm", "auto"]
Geodesic = Literal["exact", "fast"]


# --------------------------------------------------------------------------- data
@lru_cache(maxsize=4)
def _read_layer(dataset: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    from geoinc._data import data_path

    gdf = gpd.read_file(data_path("borders.gpkg"), layer=dataset, engine="pyogrio")
    for col in ("country_a", "country_b", "name", "note"):
        gdf[col] = gdf[col].fillna("").astype(str)
    return gdf


def load_borders(dataset: str = "naturalearth", *, kind: str | None = None) -> gpd.GeoDataFrame:
    """Return the bundled border lines of one dataset.

    Parameters
    ----------
    dataset : {"naturalearth", "osm"}
        Natural Earth 10m (every land border, public domain) or the OSM-derived
        Russia–Ukraine line (ODbL 1.0, © OpenStreetMap contributors).
    kind : {"international", "disputed"}, optional
        Keep only one kind of line.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``country_a``, ``country_b`` (ISO 3166-1 alpha-2; territories without one
        carry Natural Earth's ADM0_A3 code; ``country_b`` is "" for a self-administered
        breakaway area), ``kind``, ``dataset``, ``name``, ``note`` and ``geometry``
        (EPSG:4326 lines). A fresh copy: changing it does not change the cache.

    Raises
    ------
    BorderError
        For an unknown dataset or kind.

    Examples
    --------
    >>> ne = load_borders("naturalearth")
    >>> ne.crs.to_epsg(), sorted(ne["kind"].unique())
    (4326, ['disputed', 'international'])
    >>> load_borders("osm")[["country_a", "country_b"]].values.tolist()
    [['RU', 'UA']]
    """
    if dataset not in BORDER_DATASETS:
        raise BorderError(f"unknown border dataset {dataset!r}; choose one of {BORDER_DATASETS}")
    gdf = _read_layer(dataset)
    if kind is not None:
        if kind not in ("international", "disputed"):
            raise BorderError(f"unknown border kind {kind!r}; choose 'international' or 'disputed'")
        gdf = gdf[gdf["kind"] == kind]
    return gdf.copy()


def border_pairs(dataset: str = "naturalearth") -> set[tuple[str, str]]:
    """Return the sorted country pairs that share an international land border.

    Examples
    --------
    >>> ("RU", "UA") in border_pairs()
    True
    >>> ("PL", "RU") in border_pairs(), ("DE", "UA") in border_pairs()
    (True, False)
    """
    gdf = load_borders(dataset, kind="international")
    return {tuple(sorted(p)) for p in zip(gdf["country_a"], gdf["country_b"], strict=True)}


def _normalise_border(border) -> tuple[str, ...] | None:
    if border is None:
        return None
    if isinstance(border, str):
        codes = tuple(c.strip().upper() for c in border.replace("-", ",").split(",") if c.strip())
    elif isinstance(border, Sequence):
        codes = tuple(str(c).strip().upper() for c in border)
    else:
        raise ConfigurationError(
            f"border must be a country code, a pair of codes or None, got {border!r}"
        )
    if not 1 <= len(codes) <= 2 or any(not c for c in codes):
        raise ConfigurationError(f"border must name one or two countries, got {border!r}")
    return tuple(sorted(codes))


def _select_lines(border: tuple[str, ...] | None, dataset: str) -> gpd.GeoDataFrame:
    """International lines of one border (or of all borders) in one dataset."""
    import pandas as pd

    if dataset == "auto":
        ne = load_borders("naturalearth", kind="international")
        osm = load_borders("osm", kind="international")
        osm_pairs = set(zip(osm["country_a"], osm["country_b"], strict=True))
        ne = ne[[p not in osm_pairs for p in zip(ne["country_a"], ne["country_b"], strict=True)]]
        lines = pd.concat([ne, osm], ignore_index=True)
    elif dataset in BORDER_DATASETS:
        lines = load_borders(dataset, kind="international")
    else:
        raise BorderError(
            f"unknown border dataset {dataset!r}; choose one of {(*BORDER_DATASETS, 'auto')}"
        )
    if border is not None:
        a, b = lines["country_a"].to_numpy(), lines["country_b"].to_numpy()
        if len(border) == 1:
            keep = (a == border[0]) | (b == border[0])
        else:
            keep = (a == border[0]) & (b == border[1])
        lines = lines[keep]
        if lines.empty:
            what = border[0] if len(border) == 1 else "–".join(border)
            raise BorderError(
                f"no international land border {what} in dataset {dataset!r}"
                + (
                    " (the 'osm' dataset holds only RU–UA; try dataset='naturalearth')"
                    if dataset == "osm"
                    else ""
                )
            )
    return lines.reset_index(drop=True)


_E2 = _WGS84_F * (2 - _WGS84_F)
_E = math.sqrt(_E2)
#: Bound on |d ln(scale)/d latitude| of the conformal sphere (max 0.00336 on WGS84).
_SCALE_RATE = 0.0035


def _unit(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """3-D unit vectors on the conformal sphere of WGS84.

    The conformal latitude makes the ellipsoid-to-sphere scale the same in every
    direction, so "nearest on this sphere" and "nearest on the ellipsoid" differ only by
    the slow change of that scale with latitude (bounded by :data:`_SCALE_RATE`).
    """
    lam = np.radians(lon)
    sphi = np.sin(np.radians(lat))
    with np.errstate(divide="ignore"):
        psi = np.arctanh(sphi) - _E * np.arctanh(_E * sphi)
    chi = np.arcsin(np.tanh(psi))
    cchi = np.cos(chi)
    return np.stack([cchi * np.cos(lam), cchi * np.sin(lam), np.sin(chi)], axis=-1)


def _lonlat(xyz: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`_unit` (series for the geodetic latitude; error < 1e-9 degrees)."""
    lon = np.degrees(np.arctan2(xyz[..., 1], xyz[..., 0]))
    chi = np.arcsin(np.clip(xyz[..., 2], -1.0, 1.0))
    e2, e4, e6, e8 = _E2, _E2**2, _E2**3, _E2**4
    phi = (
        chi
        + (e2 / 2 + 5 * e4 / 24 + e6 / 12 + 13 * e8 / 360) * np.sin(2 * chi)
        + (7 * e4 / 48 + 29 * e6 / 240 + 811 * e8 / 11520) * np.sin(4 * chi)
        + (7 * e6 / 120 + 81 * e8 / 1120) * np.sin(6 * chi)
        + (4279 * e8 / 161280) * np.sin(8 * chi)
    )
    return lon, np.degrees(phi)


@dataclass(frozen=True)
class _Index:
    """Densified vertices of a set of lines, their 3-D k-d tree and line membership."""

    lon: np.ndarray
    lat: np.ndarray
    xyz: np.ndarray
    line: np.ndarray  # source line row of each vertex
    has_next: np.ndarray  # vertex i and i+1 form a segment
    has_prev: np.ndarray
    max_step: float  # longest segment, as a chord of the unit sphere
    seg_n: np.ndarray  # unit normal of the great circle of segment i -> i+1
    seg_ea: np.ndarray  # n x a: p . ea >= 0 <=> p's foot is past the segment's start
    seg_eb: np.ndarray  # b x n: p . eb >= 0 <=> p's foot is before the segment's end
    seg_ok: np.ndarray  # a real, non-degenerate segment starts at vertex i
    tree: object
    lines: object = field(repr=False)


@lru_cache(maxsize=16)
def _index(border: tuple[str, ...] | None, dataset: str) -> _Index:
    import shapely
    from scipy.spatial import cKDTree

    lines = _select_lines(border, dataset)
    parts, owner = shapely.get_parts(lines.geometry.values, return_index=True)
    parts = shapely.segmentize(parts, DENSIFY_DEG)
    coords, part_of = shapely.get_coordinates(parts, return_index=True)
    same_next = np.zeros(len(coords), dtype=bool)
    same_next[:-1] = part_of[:-1] == part_of[1:]
    same_prev = np.zeros(len(coords), dtype=bool)
    same_prev[1:] = same_next[:-1]
    xyz = _unit(coords[:, 0], coords[:, 1])
    steps = np.linalg.norm(xyz[1:] - xyz[:-1], axis=1)[same_next[:-1]]
    # per-segment vectors, so a candidate costs five dot products and no cross product
    nrm = np.zeros_like(xyz)
    nrm[:-1] = np.cross(xyz[:-1], xyz[1:])
    nn = np.linalg.norm(nrm, axis=1)
    seg_ok = same_next & (nn > 1e-15)
    nrm = np.where(seg_ok[:, None], nrm / np.where(nn > 0, nn, 1.0)[:, None], 0.0)
    nxt = np.roll(xyz, -1, axis=0)
    return _Index(
        lon=coords[:, 0].copy(),
        lat=coords[:, 1].copy(),
        xyz=xyz,
        line=owner[part_of],
        has_next=same_next,
        has_prev=same_prev,
        max_step=float(steps.max(initial=0.0)),
        seg_n=nrm,
        seg_ea=np.cross(nrm, xyz),
        seg_eb=np.cross(nxt, nrm),
        seg_ok=seg_ok,
        # sliding-midpoint (unbalanced) trees are ~10x faster on thin, line-shaped data
        tree=cKDTree(xyz, balanced_tree=False, compact_nodes=False),
        lines=lines,
    )


# ---------------------------------------------------------------------- geodesics
def _spherical_bearing(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Initial bearing on the sphere (the ellipsoid changes it by well under a degree)."""
    p1, p2, dl = np.radians(lat1), np.radians(lat2), np.radians(lon2 - lon1)
    y = np.sin(dl) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)
    return np.mod(np.degrees(np.arctan2(y, x)), 360.0)


@dataclass(frozen=True)
class PlaceDistance:
    """Geodesic distance and initial bearing from one place to another."""

    km: float
    bearing: float
    direction: str
    method: str = (
        "geodesic distance and initial bearing on WGS84 (pyproj Geod) between centre points"
    )


def distance_between(a, b, *, resolve: Callable[[str], Any] | None = None) -> PlaceDistance:
    """Distance and bearing from ``a`` to ``b``: places or ``(lon, lat)`` pairs.

    A place is anything with ``lon`` and ``lat`` attributes. Names are resolved by
    ``resolve`` (this module knows no gazetteer: it sits below it);
    :func:`geoinc.gazetteer.distance_between` resolves them with the bundled gazetteer.

    Parameters
    ----------
    a, b : place, (lon, lat) or str
        The two ends; a name needs ``resolve``.
    resolve : callable, optional
        Turns a name into a place (it raises for a name it does not know).

    Raises
    ------
    ConfigurationError
        For a value that is neither a place nor a pair, or a name without ``resolve``.

    Examples
    --------
    >>> round(distance_between((30.5238, 50.45466), (36.25475, 49.98177)).km)
    412
    >>> d = distance_between((36.25475, 49.98177), (36.58091, 50.60343))
    >>> round(d.km, 1), d.direction
    (73.0, 'N')
    """
    (lon1, lat1), (lon2, lat2) = _as_lonlat(a, resolve), _as_lonlat(b, resolve)
    km, az = geodesic_distance(lon1, lat1, lon2, lat2)
    return PlaceDistance(km=float(km), bearing=float(az), direction=compass_point(az))


def _as_lonlat(value, resolve: Callable[[str], Any] | None) -> tuple[float, float]:
    if isinstance(value, str):
        if resolve is None:
            raise ConfigurationError(
                f"{value!r} is a name: pass resolve= (a name -> place function) or use "
                "geoinc.gazetteer.distance_between, which resolves names"
            )
        value = resolve(value)
    if hasattr(value, "lon") and hasattr(value, "lat"):
        return float(value.lon), float(value.lat)
    try:
        lon, lat = value
    except (TypeError, ValueError) as err:
        raise ConfigurationError(f"expected a place, a name or (lon, lat), got {value!r}") from err
    return float(lon), float(lat)


def compass_point(bearing: float) -> str:
    """Name the 8-point compass direction of a bearing in degrees.

    Examples
    --------
    >>> compass_point(0), compass_point(44), compass_point(225), compass_point(-90)
    ('N', 'NE', 'SW', 'W')
    """
    return _COMPASS[int(((float(bearing) % 360.0) + 22.5) // 45.0) % 8]


# ---------------------------------------------------------------------- distances
@dataclass(frozen=True)
class BorderDistance:
    """Distances from points to their nearest border point, one row per input point.

    Attributes
    ----------
    distance_km : numpy.ndarray
        Geodesic distance (WGS84), NaN for a missing input point.
    border_lon, border_lat : numpy.ndarray
        The nearest point of the border line.
    bearing : numpy.ndarray
        Forward azimuth from the point towards that border point (NaN when on it).
    country_a, country_b, dataset, kind : numpy.ndarray of str
        The border line the nearest point lies on and the dataset it came from.
    method : str
        How it was measured, in words (says the point of view too).
    """

    distance_km: np.ndarray
    border_lon: np.ndarray
    border_lat: np.ndarray
    bearing: np.ndarray
    country_a: np.ndarray
    country_b: np.ndarray
    dataset: np.ndarray
    kind: np.ndarray
    method: str
    point_of_view: str = POINT_OF_VIEW

    def __len__(self) -> int:
        return len(self.distance_km)

    def to_frame(self) -> gpd.GeoDataFrame:
        """Return the rows as a GeoDataFrame whose geometry is the nearest border point.

        Examples
        --------
        >>> df = distance_to_border([36.58091], [50.60343], border="UA", dataset="osm").to_frame()
        >>> list(df.columns)[:4], df.crs.to_epsg()
        (['distance_km', 'border_lon', 'border_lat', 'bearing'], 4326)
        """
        import geopandas as gpd

        cols = (
            "distance_km",
            "border_lon",
            "border_lat",
            "bearing",
            "country_a",
            "country_b",
            "dataset",
            "kind",
        )
        data = {c: getattr(self, c) for c in cols}
        return gpd.GeoDataFrame(
            data, geometry=gpd.points_from_xy(self.border_lon, self.border_lat), crs="EPSG:4326"
        )

    @property
    def __geo_interface__(self) -> dict:
        feats = []
        for i in range(len(self)):
            ok = np.isfinite(self.border_lon[i])
            feats.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [float(self.border_lon[i]), float(self.border_lat[i])],
                    }
                    if ok
                    else None,
                    "properties": {
                        "distance_km": float(self.distance_km[i]),
                        "border": f"{self.country_a[i]}–{self.country_b[i]}",
                        "dataset": str(self.dataset[i]),
                    },
                }
            )
        return {"type": "FeatureCollection", "features": feats}


def _points_to_lonlat(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Accept (lon, lat) arrays/scalars, or a GeoSeries / array of shapely points as ``lon``."""
    import shapely

    if lat is None:
        geoms = lon
        crs = getattr(geoms, "crs", None)
        import geopandas as gpd

        if isinstance(geoms, gpd.GeoDataFrame):
            geoms, crs = geoms.geometry, geoms.crs
        if crs is not None and not crs.is_geographic:
            geoms = geoms.to_crs("EPSG:4326")
        elif crs is not None and crs.to_epsg() != 4326:
            geoms = geoms.to_crs("EPSG:4326")
        elif crs is None and hasattr(geoms, "crs"):
            warnings.warn(
                "points have no CRS; assuming EPSG:4326 (lon, lat)", UserWarning, stacklevel=3
            )
        arr = np.asarray(getattr(geoms, "values", geoms), dtype=object).ravel()
        missing = shapely.is_missing(arr) | shapely.is_empty(arr)
        if not np.all(shapely.get_type_id(arr[~missing]) == 0):
            raise ConfigurationError(
                "distance_to_border takes points; use representative points of other shapes"
            )
        x = np.full(len(arr), np.nan)
        y = np.full(len(arr), np.nan)
        x[~missing] = shapely.get_x(arr[~missing])
        y[~missing] = shapely.get_y(arr[~missing])
        return x, y
    try:
        lo, la = np.broadcast_arrays(
            np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
        )
    except (TypeError, ValueError) as err:
        raise CoordinateError(f"lon/lat must be numbers of matching shape: {err}") from err
    return lo.ravel().copy(), la.ravel().copy()


def _foot_on_arcs(a: np.ndarray, b: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nearest point of each great-circle arc a→b to p, and its dot with p.

    All arguments are (..., 3) unit vectors.
    """
    n = np.cross(a, b)
    nn = np.linalg.norm(n, axis=-1, keepdims=True)
    n = np.divide(n, nn, out=np.zeros_like(n), where=nn > 1e-15)
    foot = p - np.sum(p * n, axis=-1, keepdims=True) * n
    fn = np.linalg.norm(foot, axis=-1, keepdims=True)
    foot = np.divide(foot, fn, out=np.zeros_like(foot), where=fn > 0)
    # the foot lies on the arc when it is on the inner side of both ends
    inside = (
        (nn[..., 0] > 1e-15)
        & (fn[..., 0] > 0)
        & (np.sum(np.cross(a, foot) * n, axis=-1) >= 0)
        & (np.sum(np.cross(foot, b) * n, axis=-1) >= 0)
    )
    da, db = np.sum(p * a, axis=-1), np.sum(p * b, axis=-1)
    end = np.where((da >= db)[..., None], a, b)
    best = np.where(inside[..., None], foot, end)
    return best, np.sum(p * best, axis=-1)


def _angle(dot: np.ndarray) -> np.ndarray:
    return np.arccos(np.clip(dot, -1.0, 1.0))


def _rerank(
    cand_xyz: np.ndarray, qlon: np.ndarray, qlat: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    """Index of the ellipsoidally nearest candidate foot per row (rows: points; masked = skip)."""
    lon, lat = _lonlat(cand_xyz)
    km = _lambert_km(
        np.broadcast_to(qlon[:, None], lon.shape),
        np.broadcast_to(qlat[:, None], lat.shape),
        lon,
        lat,
    )
    return np.argmin(np.where(mask, km, np.inf), axis=1)


def _dots(vec: np.ndarray, p: np.ndarray) -> np.ndarray:
    return np.einsum("ijk,ik->ij", vec, p)


def _candidates(
    idx: _Index, q: np.ndarray, qlon: np.ndarray, qlat: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Best foot among the segments next to the k nearest vertices, and whether it is proven."""
    chord, v = idx.tree.query(q, k=k)
    chord, v = chord.reshape(len(q), k), v.reshape(len(q), k)
    # candidate segments: the one starting and the one ending at each of the k nearest vertices
    start = np.concatenate([v, v - 1], axis=1)
    valid = np.concatenate([idx.has_next[v], idx.has_prev[v]], axis=1)
    start = np.where(valid, start, np.concatenate([v, v], axis=1))
    end = np.where(valid, start + 1, start)
    # cosine of the angle to each candidate: to the foot on the great circle when the foot
    # falls inside the segment, else to the nearer end
    pn = _dots(idx.seg_n[start], q)
    inside = (
        valid
        & idx.seg_ok[start]
        & (_dots(idx.seg_ea[start], q) >= 0)
        & (_dots(idx.seg_eb[start], q) >= 0)
    )
    da, db = _dots(idx.xyz[start], q), _dots(idx.xyz[end], q)
    dot = np.where(inside, np.sqrt(np.maximum(1.0 - pn**2, 0.0)), np.maximum(da, db))
    j = np.argmax(dot, axis=1)
    rows = np.arange(len(q))
    best_seg = start[rows, j]
    best, _ = _foot_on_arcs(idx.xyz[best_seg], idx.xyz[end[rows, j]], q)
    s_best = _angle(dot[rows, j])
    # Near ties on the sphere may be ordered the other way on the ellipsoid (the scale
    # changes by up to _SCALE_RATE per radian): measure those on the ellipsoid.
    window = s_best * (1 + 3 * _SCALE_RATE * s_best) + 1e-12
    maybe = dot >= np.cos(window)[:, None]
    # ... but not the best segment again, nor a vertex of it (a point of the same segment)
    vertex = np.where(da >= db, start, end)
    bs = best_seg[:, None]
    same = (start == bs) & inside | ~inside & ((vertex == bs) | (vertex == bs + 1))
    maybe &= ~same
    maybe[rows, j] = False
    tied = np.flatnonzero(maybe.any(axis=1))
    if len(tied):
        feet, _ = _foot_on_arcs(idx.xyz[start[tied]], idx.xyz[end[tied]], q[tied][:, None, :])
        distinct = np.linalg.norm(feet - best[tied][:, None, :], axis=2) > 1e-12
        mask = (maybe[tied] & distinct) | (np.arange(feet.shape[1])[None, :] == j[tied, None])
        jj = _rerank(feet, qlon[tied], qlat[tied], mask)
        best[tied], best_seg[tied] = feet[np.arange(len(tied)), jj], start[tied, jj]
        s_best[tied] = _angle(np.sum(best[tied] * q[tied], axis=1))
    if k >= len(idx.xyz):
        return best, best_seg, np.ones(len(q), dtype=bool)
    # Proof of optimality: a segment not tried has both ends at least chord_k away, and a
    # segment of length L whose ends are >= r away keeps sqrt(r^2 - L^2/4) away; on the
    # ellipsoid that can shrink, and the best grow, by the scale change over the distance.
    lower = 2 * np.arcsin(
        np.clip(np.sqrt(np.maximum(chord[:, -1] ** 2 - idx.max_step**2 / 4, 0.0)) / 2, 0, 1)
    )
    proven = s_best * (1 + _SCALE_RATE * s_best) <= lower * (1 - _SCALE_RATE * lower) - 1e-12
    return best, best_seg, proven


def _nearest_chunk(
    idx: _Index, q: np.ndarray, qlon: np.ndarray, qlat: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest point on the lines for points q; returns (xyz, segment start vertex)."""
    best, best_seg, proven = _candidates(idx, q, qlon, qlat, min(k, len(idx.xyz)))
    unsure = np.flatnonzero(~proven)
    if len(unsure):  # far points and corners: many vertices are nearly equidistant
        b2, s2, p2 = _candidates(
            idx, q[unsure], qlon[unsure], qlat[unsure], min(8 * k, len(idx.xyz))
        )
        best[unsure], best_seg[unsure] = b2, s2
        unsure = unsure[~p2]
    for i in unsure:  # rare: measure every segment within reach on the ellipsoid
        s_i = _angle(np.dot(best[i], q[i]))
        reach = 2 * np.sin(min(math.pi, s_i * (1 + 3 * _SCALE_RATE * s_i)) / 2) + idx.max_step
        cand = np.asarray(idx.tree.query_ball_point(q[i], reach), dtype=np.int64)
        cand = np.unique(np.concatenate([cand, cand - 1]))
        cand = cand[(cand >= 0) & idx.has_next[np.clip(cand, 0, len(idx.xyz) - 1)]]
        if len(cand):
            f, _ = _foot_on_arcs(idx.xyz[cand], idx.xyz[cand + 1], q[i][None, :])
            f = np.concatenate([f, best[i][None, :]])[None]
            m = int(
                _rerank(f, qlon[i : i + 1], qlat[i : i + 1], np.ones(f.shape[:2], dtype=bool))[0]
            )
            if m < len(cand):
                best[i], best_seg[i] = f[0, m], cand[m]
    return best, best_seg


#: Calls with at least this many points use the compiled search when numba is installed
#: (below it, importing and loading the compiled code costs more than it saves).
ACCEL_MIN_POINTS = 20_000


@lru_cache(maxsize=1)
def _kernels():
    """The compiled search module, or None without numba (the numpy path is used then)."""
    try:
        from geoinc import _border_kernels
    except ImportError:  # numba is optional
        return None
    return _border_kernels


@lru_cache(maxsize=16)
def _accel_tables(border: tuple[str, ...] | None, dataset: str) -> tuple[tuple, tuple, tuple]:
    """Index arrays and the caps of vertex blocks and of two levels of groups above them."""
    kern = _kernels()
    idx = _index(border, dataset)
    size = kern.BLOCK
    nv = len(idx.xyz)
    # blocks never span two line parts: a part's end and the next part's start can be
    # continents apart, and a cap holding both would prune nothing
    first = np.flatnonzero(~idx.has_prev)
    pos = np.arange(nv) - first[np.searchsorted(first, np.arange(nv), side="right") - 1]
    starts = np.flatnonzero(pos % size == 0)
    stops = np.append(starts[1:], nv)
    # a block's cap holds its vertices and the end of its last segment
    ends = np.where(idx.has_next[stops - 1], stops + 1, stops)
    blk_c, blk_ang = kern.caps(idx.xyz, starts, ends)
    # blocks in Z-order of their centres, so that the groups above them are compact
    # (consecutive blocks in line order can be on different continents)
    lon_c, lat_c = _lonlat(blk_c)
    cells = [
        np.clip(((v - lo) / span * 65535).astype(np.int64), 0, 65535)
        for v, lo, span in ((lon_c, -180.0, 360.0), (lat_c, -90.0, 180.0))
    ]
    z = np.zeros(len(blk_c), dtype=np.int64)
    for bit in range(16):
        z |= ((cells[0] >> bit) & 1) << (2 * bit) | ((cells[1] >> bit) & 1) << (2 * bit + 1)
    order = np.argsort(z, kind="stable")
    starts, stops, ends = starts[order], stops[order], ends[order]
    blk_c, blk_ang = blk_c[order], blk_ang[order]
    fan = kern.FANOUT
    levels = [(blk_c, blk_ang)]
    for _ in range(2):  # two levels of groups of `fan` caps above the blocks
        below_c, below_ang = levels[-1]
        firsts = np.arange(0, len(below_c), fan)
        up_c = np.add.reduceat(below_c, firsts, axis=0)
        up_c /= np.linalg.norm(up_c, axis=1, keepdims=True)
        member = np.arange(len(below_c)) // fan
        reach = np.arccos(np.clip(np.sum(below_c * up_c[member], axis=1), -1, 1)) + below_ang
        levels.append((up_c, np.maximum.reduceat(reach, firsts) + kern.CAP_PAD))
    geo = (
        idx.xyz,
        np.ascontiguousarray(idx.seg_n),
        np.ascontiguousarray(idx.seg_ea),
        np.ascontiguousarray(idx.seg_eb),
        idx.seg_ok,
        idx.has_next,
        starts.astype(np.int64),
        stops.astype(np.int64),
    )
    caps3 = tuple(a for c, ang in levels for a in (c, np.cos(ang), np.sin(ang), ang))
    bn, bea, beb, width = kern.bands(idx.xyz, starts, ends)
    ends_xyz = (idx.xyz[starts], idx.xyz[ends - 1])
    band = (bn, bea, beb, *ends_xyz, np.cos(width), np.sin(width), width)
    return geo, caps3, band


def _nearest_on_lines(
    idx: _Index,
    q: np.ndarray,
    qlon: np.ndarray,
    qlat: np.ndarray,
    *,
    k: int = 4,
    chunk: int = 1 << 16,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nearest point (lon, lat) on the indexed lines and the line it lies on, in chunks."""
    xyz = np.empty_like(q)
    seg = np.empty(len(q), dtype=np.int64)
    for s in range(0, len(q), chunk):
        sl = slice(s, s + chunk)
        xyz[sl], seg[sl] = _nearest_chunk(idx, q[sl], qlon[sl], qlat[sl], k)
    lon, lat = _lonlat(xyz)
    return lon, lat, idx.line[seg]


def distance_to_border(
    lon,
    lat=None,
    *,
    border: str | Sequence[str] | None = None,
    dataset: Dataset = "auto",
    geodesic: Geodesic = "exact",
) -> BorderDistance:
    """Geodesic distance from points to the nearest point of a land border.

    Parameters
    ----------
    lon, lat : float or array-like
        Degrees on WGS84, broadcast together. Alternatively pass a GeoSeries, GeoDataFrame
        or array of shapely Points as ``lon`` and leave ``lat`` out; it is reprojected to
        EPSG:4326 when it has another CRS. Missing points (NaN, None, empty) give NaN
        rows rather than an error.
    border : str, pair of str, or None
        ``("RU", "UA")`` (or ``"RU-UA"``): that pair's international line; ``"UA"``: any
        international land border of Ukraine; None: the nearest international land
        border of any pair. Disputed lines are never used for distances.
    dataset : {"auto", "naturalearth", "osm"}, default "auto"
        ``"auto"`` uses the OSM line for Russia–Ukraine and Natural Earth elsewhere.
    geodesic : {"exact", "fast"}, default "exact"
        ``"exact"`` measures with :class:`pyproj.Geod` (Karney); ``"fast"`` with the
        Andoyer–Lambert formula (within 1 m below 1,000 km; cheaper).

    Returns
    -------
    BorderDistance
        Distances (km), nearest border points, bearing, border pair, dataset and the
        method in words. ``.to_frame()`` gives a GeoDataFrame.

    Raises
    ------
    CoordinateError
        For coordinates out of range.
    BorderError
        For an unknown dataset or a border the dataset does not hold.

    Examples
    --------
    >>> r = distance_to_border([36.58091, 36.25475], [50.60343, 49.98177], border=("RU", "UA"),
    ...                        dataset="naturalearth")
    >>> np.round(r.distance_km, 1).tolist()
    [35.4, 32.6]
    >>> r = distance_to_border(23.0, 52.0)          # Belarus, near Poland
    >>> str(r.country_a[0]), str(r.country_b[0]), round(float(r.distance_km[0]))
    ('BY', 'PL', 30)
    >>> distance_to_border([np.nan], [np.nan], border="UA").distance_km.tolist()  # missing point
    [nan]
    """
    _check_geodesic(geodesic)
    pair = _normalise_border(border)
    x, y = _points_to_lonlat(lon, lat)
    missing = _check(x, y, allow_nan=True)
    with _LOCK:  # build each index once even when called from threads
        idx = _index(pair, dataset)
    found = _nearest_border_points(idx, pair, dataset, geodesic, x, y, missing)
    return _border_distance(idx, pair, dataset, geodesic, missing, *found)


def _check_geodesic(geodesic: str) -> None:
    if geodesic not in ("exact", "fast"):
        raise ConfigurationError(f"geodesic must be 'exact' or 'fast', got {geodesic!r}")


def _nearest_border_points(idx, pair, dataset, geodesic, x, y, missing) -> tuple:
    """Nearest border point (lon, lat), km, bearing and line row of every point; NaN
    (row 0) for missing points."""
    n = len(x)
    out_lon = np.full(n, np.nan)
    out_lat = np.full(n, np.nan)
    km = np.full(n, np.nan)
    az = np.full(n, np.nan)
    line = np.zeros(n, dtype=np.int64)
    ok = np.flatnonzero(~missing)
    if len(ok):
        xo, yo = (x, y) if len(ok) == n else (x[ok], y[ok])
        blon, blat, bline, lam_km, sph_az = _search(idx, pair, dataset, xo, yo)
        out_lon[ok], out_lat[ok], line[ok] = blon, blat, bline
        km[ok], az[ok] = _geodesic_km(geodesic, xo, yo, blon, blat, lam_km, sph_az)
    return out_lon, out_lat, km, az, line


def _search(idx, pair, dataset, xo, yo) -> tuple:
    """Nearest border point, its line, and (compiled engine only, else None) the
    Andoyer–Lambert km and spherical bearing the kernel gives with it."""
    kern = _kernels() if len(xo) >= ACCEL_MIN_POINTS else None
    if kern is None:
        blon, blat, bline = _nearest_on_lines(idx, _unit(xo, yo), xo, yo)
        return blon, blat, bline, None, None
    # same answer, compiled: one pass per point, no candidate arrays
    with _LOCK:
        tables = _accel_tables(pair, dataset)
    # numba's default (workqueue) thread pool aborts the process when two threads
    # launch parallel code at once; one call already uses every core
    with _KERNEL_LOCK:
        blon, blat, seg, lam_km, sph_az = kern.nearest(xo, yo, *tables)
    return blon, blat, idx.line[seg], lam_km, sph_az


def _geodesic_km(geodesic, xo, yo, blon, blat, lam_km, sph_az) -> tuple:
    """Distance (km) and bearing (NaN on the border itself) with the chosen formula."""
    if geodesic == "exact":
        d, a = _exact_km(xo, yo, blon, blat)
        return d, np.where(d > 0, np.mod(a, 360.0), np.nan)
    if lam_km is None:
        lam_km, sph_az = (
            _lambert_km(xo, yo, blon, blat),
            _spherical_bearing(xo, yo, blon, blat),
        )
    return lam_km, np.where(lam_km > 0, sph_az, np.nan)


def _border_distance(idx, pair, dataset, geodesic, missing, out_lon, out_lat, km, az, line):
    """The :class:`BorderDistance` of the points, its border columns and method text."""
    lines = idx.lines
    # one fixed-width string array per column, indexed (no per-row object conversion);
    # the extra last entry is the "" of missing points
    row = np.where(missing, len(lines), line)
    pick = lambda col: np.array([*lines[col].astype(str), ""])[row]  # noqa: E731
    return BorderDistance(
        distance_km=km,
        border_lon=out_lon,
        border_lat=out_lat,
        bearing=az,
        country_a=pick("country_a"),
        country_b=pick("country_b"),
        dataset=pick("dataset"),
        kind=pick("kind"),
        method=_method(pair, dataset, geodesic),
    )


def _method(pair, dataset, geodesic) -> str:
    """How the distance was measured, in words."""
    what = (
        "the nearest international land border"
        if pair is None
        else (
            f"the {'–'.join(pair)} border"
            if len(pair) == 2
            else f"the nearest land border of {pair[0]}"
        )
    )
    formula = "pyproj Geod" if geodesic == "exact" else "Andoyer–Lambert"
    return (
        f"geodesic distance on WGS84 ({formula}) "
        f"from the point to the nearest point of {what}, dataset {dataset!r}; {POINT_OF_VIEW}"
    )


def within_distance_of_border(
    frame: gpd.GeoDataFrame | gpd.GeoSeries,
    km: float,
    *,
    border: str | Sequence[str] | None = None,
    dataset: Dataset = "auto",
    add_column: str | None = "border_distance_km",
) -> gpd.GeoDataFrame | gpd.GeoSeries:
    """Keep the rows of a frame whose point lies within ``km`` of a land border.

    Parameters
    ----------
    frame : GeoDataFrame or GeoSeries
        Points (any CRS; measured on WGS84). Rows with missing geometry are not within
        any distance and are left out; a warning says how many.
    km : float
        Geodesic distance in kilometres (inclusive).
    border, dataset
        As in :func:`distance_to_border`.
    add_column : str or None, default "border_distance_km"
        Name of a distance column added to a GeoDataFrame result (None: add nothing).

    Returns
    -------
    GeoDataFrame or GeoSeries
        The matching rows, in their original order and with their original index.

    Examples
    --------
    >>> import geopandas as gpd
    >>> pts = gpd.GeoDataFrame({"name": ["Belgorod", "Kyiv"]},
    ...     geometry=gpd.points_from_xy([36.58, 30.52], [50.60, 50.45]), crs="EPSG:4326")
    >>> within_distance_of_border(pts, 50, border="RU-UA")["name"].tolist()
    ['Belgorod']
    """
    if not np.isfinite(km) or km < 0:
        raise ConfigurationError(f"km must be a non-negative number, got {km!r}")
    res = distance_to_border(frame, border=border, dataset=dataset)
    missing = np.isnan(res.distance_km)
    if missing.any():
        warnings.warn(
            f"{int(missing.sum())} row(s) without a point were left out", UserWarning, stacklevel=2
        )
    keep = ~missing & (res.distance_km <= km)
    out = frame[keep]
    if add_column and hasattr(out, "columns"):
        out = out.copy()
        out[add_column] = res.distance_km[keep]
    return out
