"""Geometry the map layers draw: region polygons, geodesic buffers and lines.

All distances are geodesic on WGS84. A buffer "within N km of a line" is built piecewise:
each stretch of the line is buffered in its own azimuthal equidistant projection centred
on that stretch, where planar distance equals geodesic distance to well under 0.1 %.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import shapely
from pyproj import Geod, Transformer

from geoinc.exceptions import ConfigurationError
from geoinc.geodesy import geodesic_inverse

__all__ = [
    "region_frames",
    "geodesic_buffer",
    "geodesic_line",
    "to_geojson_geometry",
]

_GEOD = Geod(ellps="WGS84")


@lru_cache(maxsize=1)
def region_frames():
    """Return ``(countries, admin1)`` GeoDataFrames from the bundled ``regions.gpkg``.

    Read once per process (lazily, on the first map that needs them).
    """
    import pyogrio

    from geoinc._data import data_path

    path = data_path("regions.gpkg")
    countries = pyogrio.read_dataframe(path, layer="countries")
    admin1 = pyogrio.read_dataframe(path, layer="admin1")
    return countries, admin1


@lru_cache(maxsize=512)
def _simplified_wkb(layer: str, key: str, tolerance: float) -> bytes | None:
    countries, admin1 = region_frames()
    frame, col = (countries, "iso2") if layer == "countries" else (admin1, "admin1")
    hit = frame.loc[frame[col] == key, "geometry"]
    if hit.empty or hit.iloc[0] is None:
        return None
    geom = shapely.simplify(hit.iloc[0], tolerance, preserve_topology=True)
    return shapely.to_wkb(geom)


def region_shape(kind: str, code: str, tolerance: float = 0.01):
    """Return the simplified polygon of an admin1 region (``"UA.07"``) or a country (``"UA"``).

    Parameters
    ----------
    kind : {"admin1", "country"}
    code : str
    tolerance : float
        Douglas-Peucker tolerance in degrees (drawing only; never used for measuring).

    Returns
    -------
    shapely geometry or None
        None when the bundled data have no polygon for ``code`` (e.g. Russian oblasts).

    Examples
    --------
    >>> region_shape("admin1", "UA.07").geom_type  # doctest: +SKIP
    'MultiPolygon'
    """
    layer = {"admin1": "admin1", "country": "countries"}.get(kind)
    if layer is None:
        raise ConfigurationError(f"kind must be 'admin1' or 'country', not {kind!r}")
    wkb = _simplified_wkb(layer, str(code), float(tolerance))
    return None if wkb is None else shapely.from_wkb(wkb)


def to_geojson_geometry(geom, precision: int = 4) -> dict:
    """Return a GeoJSON geometry dict with coordinates rounded to ``precision`` decimals."""
    # plain rounding (not set_precision, which re-nods and is slow): drawing only
    rounded = shapely.transform(geom, lambda xy: np.round(xy, precision))
    return json.loads(shapely.to_geojson(rounded))


def _segments(line, step_km: float):
    """Split a (Multi)LineString into pieces of about ``step_km`` along the geodesic."""
    parts = shapely.get_parts(line)
    for part in parts:
        coords = np.asarray(part.coords)[:, :2]
        if len(coords) < 2:
            continue
        seg = _GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])[2] / 1000.0
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        edges = np.arange(0.0, cum[-1] + step_km, step_km)
        idx = np.searchsorted(cum, edges)
        idx = np.unique(np.clip(idx, 0, len(coords) - 1))
        if idx[0] != 0:
            idx = np.concatenate([[0], idx])
        if idx[-1] != len(coords) - 1:
            idx = np.concatenate([idx, [len(coords) - 1]])
        for a, b in zip(idx[:-1], idx[1:], strict=False):
            yield shapely.LineString(coords[a : b + 1])


def geodesic_buffer(line, distance_km: float, *, step_km: float = 100.0, tolerance_km: float = 0.2):
    """Return the area within ``distance_km`` (geodesic) of a line, as lon/lat polygons.

    Parameters
    ----------
    line : shapely LineString or MultiLineString
        In lon/lat (EPSG:4326).
    distance_km : float
        Positive buffer distance.
    step_km : float
        Length of the pieces each buffered in their own local projection.
    tolerance_km : float
        Simplification of the result (drawing only).

    Returns
    -------
    shapely Polygon or MultiPolygon

    Examples
    --------
    >>> import shapely
    >>> band = geodesic_buffer(shapely.LineString([(36.0, 50.0), (37.0, 50.0)]), 30)
    >>> from pyproj import Geod
    >>> # a 71.5 km line: 71.5 x 60 km plus a disc of 30 km radius = 7117 km2
    >>> round(abs(Geod(ellps="WGS84").geometry_area_perimeter(band)[0]) / 1e6, -1)
    7110.0
    """
    if not np.isfinite(distance_km) or not 0 < distance_km <= 2000:
        # beyond ~2000 km the local projections of the pieces break down (and no border
        # band is that wide)
        raise ConfigurationError(
            f"buffer distance must be a number of km in (0, 2000], not {distance_km!r}"
        )
    return shapely.from_wkb(
        _buffer_wkb(shapely.to_wkb(line), float(distance_km), float(step_km), float(tolerance_km))
    )


@lru_cache(maxsize=32)
def _buffer_wkb(line_wkb: bytes, distance_km: float, step_km: float, tolerance_km: float) -> bytes:
    line = shapely.from_wkb(line_wkb)
    pieces = []
    for seg in _segments(line, step_km):
        c = seg.interpolate(0.5, normalized=True)
        # a bare PROJ pipeline is built in microseconds; a CRS-to-CRS Transformer
        # searches datum grids and costs ~35 ms each
        tr = Transformer.from_pipeline(
            "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
            f"+step +proj=aeqd +lat_0={c.y:.6f} +lon_0={c.x:.6f} +ellps=WGS84"
        )
        projected = shapely.transform(
            seg, lambda xy, tr=tr: np.column_stack(tr.transform(xy[:, 0], xy[:, 1]))
        )
        buf = shapely.simplify(
            shapely.buffer(projected, distance_km * 1000.0, quad_segs=8), tolerance_km * 1000.0
        )
        pieces.append(
            shapely.transform(
                buf,
                lambda xy, tr=tr: np.column_stack(
                    tr.transform(xy[:, 0], xy[:, 1], direction="INVERSE")
                ),
            )
        )
    if not pieces:
        raise ConfigurationError("the border line to buffer is empty")
    return shapely.to_wkb(shapely.union_all(pieces))


def geodesic_line(
    lon1: float, lat1: float, lon2: float, lat2: float, npts: int = 24
) -> list[list[float]]:
    """Return the geodesic between two points as ``[[lat, lon], ...]`` (Leaflet order).

    Examples
    --------
    >>> pts = geodesic_line(36.0, 50.0, 37.0, 51.0, npts=3)
    >>> len(pts), pts[0], pts[-1]
    (5, [50.0, 36.0], [51.0, 37.0])
    """
    inner = _GEOD.npts(lon1, lat1, lon2, lat2, npts)
    # Leaflet wants (lat, lon): the swap happens here, at the edge.
    pts = [(lon1, lat1), *inner, (lon2, lat2)]
    return [[round(lat, 5), round(lon, 5)] for lon, lat in pts]


def geodesic_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance in km on WGS84 (:func:`geoinc.geodesy.geodesic_inverse`)."""
    return float(geodesic_inverse([lon1], [lat1], [lon2], [lat2])[0][0])
