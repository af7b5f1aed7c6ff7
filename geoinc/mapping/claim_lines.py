"""Checked claims as what the claims layer draws: a geodesic line and a popup table.

A claim may be a :class:`geoinc.claims.ClaimResult` or a dict with the same fields, or
one of the older spellings (``place_lon``, ``border_point``, ``computed_km`` …): each
field is looked up under every name it has had.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from geoinc.mapping.geometry import geodesic_km, geodesic_line

__all__ = ["claim_features"]

#: popup rows after Place / Computed / Verdict: label -> the field's names, first found wins
_DETAIL_ROWS = (
    ("Stated", ("stated", "claimed", "stated_km", "value")),
    ("Method", ("method",)),
    ("Border dataset", ("dataset", "border_dataset")),
    ("Tolerance", ("tolerance", "tolerance_km")),
    ("Kind", ("kind",)),
    ("Reason", ("reason",)),
)


def _attr(obj, *names, default=None):
    for name in names:
        if isinstance(obj, dict):
            if obj.get(name) is not None:
                return obj[name]
        elif getattr(obj, name, None) is not None:
            return getattr(obj, name)
    return default


def _lonlat(value):
    """(lon, lat) from a Place-like object, a dict, a shapely point or a pair."""
    if value is None:
        return None
    lon = _attr(value, "lon", "longitude")
    lat = _attr(value, "lat", "latitude")
    if lon is None and hasattr(value, "x") and hasattr(value, "y"):
        lon, lat = value.x, value.y
    if lon is None and isinstance(value, (tuple, list)) and len(value) == 2:
        lon, lat = value
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        return None
    if not (np.isfinite(lon) and np.isfinite(lat) and abs(lat) <= 90 and abs(lon) <= 180):
        return None
    return lon, lat


def _end_points(claim) -> tuple[tuple | None, tuple | None]:
    """The claim's place and the point it is measured to, as (lon, lat) or None."""
    start = _lonlat(_attr(claim, "place")) or _lonlat(
        (_attr(claim, "place_lon", "lon"), _attr(claim, "place_lat", "lat"))
    )
    end = _lonlat(
        _attr(claim, "nearest_border_point", "border_point", "nearest_point", "target_point")
    )
    if end is None:  # a distance between two places: draw to the other place
        end = _lonlat(_attr(claim, "other"))
    return start, end


def _computed_km(claim, start: tuple, end: tuple) -> float:
    """The km the checker computed, else the geodesic between the two end points."""
    computed = _attr(claim, "computed", "computed_km", "distance_km")
    if isinstance(computed, dict):  # ClaimResult.computed = {"km": ..., ...}
        computed = computed.get("km")
    try:
        return float(computed)
    except (TypeError, ValueError):
        return geodesic_km(*start, *end)


def _place_name(claim) -> str:
    place = _attr(claim, "place")
    name = _attr(place, "name") if not isinstance(place, str) else place
    return str(name or _attr(claim, "place_name", default="place"))


def _popup_rows(claim, place_name: str, km: float, verdict: str) -> list[list[str]]:
    """The claim's popup table: place, computed km, verdict, then the details it has."""
    rows = [
        ["Place", place_name],
        ["Computed", f"{km:.1f} km (geodesic, WGS84)"],
        ["Verdict", verdict],
    ]
    for label, names in _DETAIL_ROWS:
        v = _attr(claim, *names)
        if isinstance(v, dict):
            v = v.get("as_written") or ", ".join(f"{k}: {x}" for k, x in v.items())
        if v is not None:
            rows.append([label, str(v)])
    return rows


def _claim_feature(claim) -> dict | None:
    """What the claims layer draws for one claim; None when it has no two end points."""
    start, end = _end_points(claim)
    if start is None or end is None:
        return None
    km = _computed_km(claim, start, end)
    verdict = str(_attr(claim, "verdict", default="unverifiable"))
    place_name = _place_name(claim)
    return {
        "line": geodesic_line(*start, *end),
        "label": f"{km:.1f} km · {verdict}",
        "title": f"Claim about {place_name}",
        "verdict": verdict,
        "rows": _popup_rows(claim, place_name, km, verdict),
        "text": str(_attr(claim, "sentence", "text", "quote", default="")),
    }


def claim_features(claims: Sequence) -> tuple[list[dict], int]:
    """Turn checked claims into what the claims layer draws.

    Accepts :class:`geoinc.claims.ClaimResult` objects or dicts with the same fields:
    the place (a Place or lon/lat), the nearest border point ``(lon, lat)``, the
    computed km, the verdict and the claim text. A claim without both end points (a
    rank or direction claim, or an unverifiable one) cannot be drawn and is counted.

    Parameters
    ----------
    claims : sequence of ClaimResult or dict

    Returns
    -------
    (list of dict, int)
        The drawable claims and how many were not drawable.

    Examples
    --------
    >>> feats, skipped = claim_features([
    ...     {"place": {"name": "Sumy", "lon": 34.8, "lat": 50.92},
    ...      "nearest_border_point": (35.2, 51.2), "computed": 40.1, "verdict": "inconsistent"},
    ...     {"place": "X", "verdict": "unverifiable"}])
    >>> feats[0]["label"], skipped
    ('40.1 km · inconsistent', 1)
    """
    out = [_claim_feature(c) for c in claims]
    drawable = [f for f in out if f is not None]
    return drawable, len(out) - len(drawable)
