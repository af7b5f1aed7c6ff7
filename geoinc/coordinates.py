"""Validation of latitude/longitude input.

geoinc keeps (lon, lat) order internally, like GeoJSON and shapely; functions that take
a single point name their parameters ``lat`` and ``lon`` explicitly so the order is never
a guess. Everything that accepts coordinates from a user goes through here, so a bad
value fails in one way: :class:`~geoinc.exceptions.CoordinateError`.
"""

from __future__ import annotations

import math
from numbers import Real

import numpy as np

from geoinc.exceptions import CoordinateError

__all__ = ["validate_lat_lon", "validate_lat_lon_arrays"]


def _as_float(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (Real, np.number)):
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                msg = f"{what} must be a number, got the string {value!r}"
                raise CoordinateError(msg) from None
        else:
            raise CoordinateError(f"{what} must be a number, got {type(value).__name__} {value!r}")
    out = float(value)  # type: ignore[arg-type]
    if math.isnan(out) or math.isinf(out):
        raise CoordinateError(f"{what} must be a finite number, got {out}")
    return out


def validate_lat_lon(
    lat: object, lon: object, *, parse_strings: bool = False
) -> tuple[float, float]:
    """Check one coordinate pair and return it as floats ``(lat, lon)``.

    Parameters
    ----------
    lat, lon : float
        Degrees, WGS84. Strings are refused unless ``parse_strings`` is true (the CLI
        passes its arguments that way).
    parse_strings : bool, default False

    Raises
    ------
    CoordinateError
        For a non-number, NaN/inf, |lat| > 90 or |lon| > 180. The message hints at
        swapped axes when swapping them would make the pair valid.

    Examples
    --------
    >>> validate_lat_lon(50.6, 36.58)
    (50.6, 36.58)
    >>> validate_lat_lon(95, 100)
    Traceback (most recent call last):
    ...
    geoinc.exceptions.CoordinateError: latitude 95.0 is outside [-90, 90]
    """
    if not parse_strings:
        for v, what in ((lat, "latitude"), (lon, "longitude")):
            if isinstance(v, str):
                raise CoordinateError(f"{what} must be a number, got the string {v!r}")
    la = _as_float(lat, "latitude")
    lo = _as_float(lon, "longitude")
    if not -90.0 <= la <= 90.0:
        hint = ""
        if -90.0 <= lo <= 90.0 and -180.0 <= la <= 180.0:
            hint = " (were latitude and longitude swapped? geoinc takes lat, lon here)"
        raise CoordinateError(f"latitude {la} is outside [-90, 90]{hint}")
    if not -180.0 <= lo <= 180.0:
        raise CoordinateError(f"longitude {lo} is outside [-180, 180]")
    return la, lo


def validate_lat_lon_arrays(lats, lons) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised check of coordinate arrays; returns float64 arrays ``(lats, lons)``.

    Raises
    ------
    CoordinateError
        If the arrays differ in length, hold non-numbers, NaN, or out-of-range values
        (the message gives the first offending position).

    Examples
    --------
    >>> la, lo = validate_lat_lon_arrays([50.6, 49.99], [36.58, 36.23])
    >>> la.dtype, len(lo)
    (dtype('float64'), 2)
    """
    try:
        la = np.asarray(lats, dtype=np.float64).ravel()
        lo = np.asarray(lons, dtype=np.float64).ravel()
    except (TypeError, ValueError) as err:
        raise CoordinateError(f"coordinates must be numbers: {err}") from err
    if la.shape != lo.shape:
        raise CoordinateError(f"got {la.size} latitudes but {lo.size} longitudes")
    bad = ~(np.isfinite(la) & np.isfinite(lo) & (np.abs(la) <= 90) & (np.abs(lo) <= 180))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise CoordinateError(
            f"{int(bad.sum())} invalid coordinate(s); "
            f"first at position {i}: lat={la[i]}, lon={lo[i]}"
        )
    return la, lo
