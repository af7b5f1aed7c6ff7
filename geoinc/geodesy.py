"""Geodesic distances on WGS84: the one place geoinc measures between two points.

Every public function takes longitude first, ``(lon1, lat1, lon2, lat2)``, like GeoJSON
and shapely. Three functions, one measure:

:func:`geodesic_distance`
    Validated, broadcasting, scalar in -> float out: distance (km) and initial bearing.
:func:`geodesic_inverse`
    The same, for trusted arrays (no validation; NaN in, NaN out), split over threads
    from :data:`GEOD_THREADS_MIN` pairs on.
:func:`lambert_km`
    Andoyer–Lambert's ellipsoidal formula, within 1 m of :func:`geodesic_inverse` below
    1,000 km and cheaper (the ``geodesic="fast"`` option of the border distances).

The exact measure is :meth:`pyproj.Geod.inv` (Karney's algorithm). This module imports
nothing of geoinc but its exceptions, so every other module (gazetteer, borders,
evaluation, mapping, claims) may use it. ``geoinc._border_kernels`` keeps a compiled
(numba) copy of :func:`lambert_km`, which compiled code needs.

A few public functions elsewhere take latitude first, after the convention of their own
field, and keep it so their callers do not break: :meth:`Gazetteer.reverse
<geoinc.gazetteer.Gazetteer.reverse>`, ``reverse_many`` and ``within`` (geopy's
``reverse("lat, lon")``), and :func:`geoinc.coordinates.validate_lat_lon`; their
parameters are named, so pass them by keyword when in doubt.

Examples
--------
>>> km, bearing = geodesic_distance(30.5238, 50.45466, 36.25475, 49.98177)  # Kyiv -> Kharkiv
>>> round(km), round(bearing)
(412, 95)
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from geoinc.exceptions import CoordinateError

__all__ = [
    "GEOD_THREADS_MIN",
    "WGS84_A",
    "WGS84_F",
    "check_lonlat",
    "geodesic_distance",
    "geodesic_inverse",
    "lambert_km",
]

#: WGS84 semi-major axis (m) and flattening.
WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563
#: From this many pairs on, :func:`geodesic_inverse` splits the work over threads
#: (pyproj's ``Geod.inv`` releases the GIL, and its result does not depend on the split).
GEOD_THREADS_MIN = 100_000


@lru_cache(maxsize=1)
def _geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def check_lonlat(lon: np.ndarray, lat: np.ndarray, *, allow_nan: bool) -> np.ndarray:
    """Validate coordinates; return the mask of missing points (NaN in either).

    Raises
    ------
    CoordinateError
        For NaN (unless ``allow_nan``) or out-of-range values, with a hint when the two
        look swapped.
    """
    missing = np.isnan(lon) | np.isnan(lat)
    if missing.any() and not allow_nan:
        raise CoordinateError("coordinates must not be NaN")
    bad = ~missing & ~((np.abs(lat) <= 90) & (np.abs(lon) <= 180))
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        lo, la = lon.ravel()[i], lat.ravel()[i]
        hint = (
            " (were lon and lat swapped? geoinc takes lon, lat here)"
            if abs(lo) <= 90 < abs(la) <= 180
            else ""
        )
        raise CoordinateError(
            f"{int(bad.sum())} coordinate(s) out of range; first: lon={lo}, lat={la}{hint}"
        )
    return missing


def geodesic_inverse(lon1, lat1, lon2, lat2) -> tuple[np.ndarray, np.ndarray]:
    """Geodesic distance (km) and forward azimuth (degrees, -180–180) on WGS84, for
    arrays the caller trusts (no validation).

    Examples
    --------
    >>> km, az = geodesic_inverse([30.5238], [50.45466], [36.25475], [49.98177])
    >>> km.round(1).tolist()
    [412.3]
    """
    import os

    args = [np.asarray(v, dtype=np.float64) for v in (lon1, lat1, lon2, lat2)]
    n = max(a.size for a in args)
    workers = min(os.cpu_count() or 1, 8)
    if n < GEOD_THREADS_MIN or workers < 2 or any(a.shape != (n,) for a in args):
        az, _, dist = _geod().inv(*args)
        return np.asarray(dist, dtype=np.float64) / 1000.0, np.asarray(az, dtype=np.float64)
    from concurrent.futures import ThreadPoolExecutor

    cuts = np.linspace(0, n, workers + 1).astype(np.int64)
    parts = [slice(a, b) for a, b in zip(cuts[:-1], cuts[1:], strict=True)]
    with ThreadPoolExecutor(workers) as pool:
        done = list(pool.map(lambda sl: _geod().inv(*(a[sl] for a in args)), parts))
    az = np.concatenate([np.asarray(d[0], dtype=np.float64) for d in done])
    dist = np.concatenate([np.asarray(d[2], dtype=np.float64) for d in done])
    return dist / 1000.0, az


def geodesic_distance(lon1, lat1, lon2, lat2) -> tuple[np.ndarray | float, np.ndarray | float]:
    """Geodesic distance (km) and initial bearing (degrees, 0–360) on WGS84.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float or array-like
        Degrees, broadcast against each other. (lon, lat) order, like GeoJSON.

    Returns
    -------
    km, bearing : float or numpy.ndarray
        Bearing is the forward azimuth at the first point, clockwise from north.

    Raises
    ------
    CoordinateError
        For NaN or out-of-range coordinates.

    Examples
    --------
    >>> km, az = geodesic_distance(30.5238, 50.45466, 36.25475, 49.98177)  # Kyiv -> Kharkiv
    >>> round(float(km)), round(float(az))
    (412, 95)
    """
    if _plain_point_pair(lon1, lat1, lon2, lat2):
        # one pair of valid floats (the extraction's place-to-place distances): pyproj
        # directly, without the arrays (same numbers, a tenth of the time)
        az, _, dist = _geod().inv(lon1, lat1, lon2, lat2)
        return dist / 1000.0, float(np.mod(az, 360.0))
    arrays = np.broadcast_arrays(
        *(np.asarray(v, dtype=np.float64) for v in (lon1, lat1, lon2, lat2))
    )
    for lon, lat in (arrays[:2], arrays[2:]):
        check_lonlat(lon, lat, allow_nan=False)
    km, az = geodesic_inverse(*(a.ravel() for a in arrays))
    az = np.mod(az, 360.0)
    if arrays[0].ndim == 0:
        return float(km[0]), float(az[0])
    return km.reshape(arrays[0].shape), az.reshape(arrays[0].shape)


def _plain_point_pair(lon1, lat1, lon2, lat2) -> bool:
    """Four Python floats in range (NaN fails the comparisons)."""
    return (
        type(lon1) is float
        and type(lat1) is float
        and type(lon2) is float
        and type(lat2) is float
        and -180.0 <= lon1 <= 180.0
        and -180.0 <= lon2 <= 180.0
        and -90.0 <= lat1 <= 90.0
        and -90.0 <= lat2 <= 90.0
    )


def lambert_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Andoyer–Lambert geodesic distance on WGS84, vectorised (error ~f², < 1 m < 1,000 km).

    Examples
    --------
    >>> float(lambert_km(30.5238, 50.45466, 36.25475, 49.98177).round(1))
    412.3
    """
    f = WGS84_F
    b1 = np.arctan((1 - f) * np.tan(np.radians(lat1)))
    b2 = np.arctan((1 - f) * np.tan(np.radians(lat2)))
    dlam = np.radians(lon2 - lon1)
    h = np.sin((b2 - b1) / 2) ** 2 + np.cos(b1) * np.cos(b2) * np.sin(dlam / 2) ** 2
    sigma = 2 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    p, q = (b1 + b2) / 2, (b2 - b1) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        x = (sigma - np.sin(sigma)) * np.sin(p) ** 2 * np.cos(q) ** 2 / np.cos(sigma / 2) ** 2
        y = (sigma + np.sin(sigma)) * np.cos(p) ** 2 * np.sin(q) ** 2 / np.sin(sigma / 2) ** 2
        d = WGS84_A * (sigma - f / 2 * (x + y))
    return np.where(sigma > 0, d, 0.0) / 1000.0
