"""The incident GeoDataFrame: its columns, their types, and how frames are built.

``docs/schema.md`` describes every column for users; :data:`COLUMNS` is the single
source of truth the code reads (building, coercing after reading a file, and the I/O
round trips all go through :func:`coerce`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from geoinc.exceptions import SchemaError

__all__ = ["COLUMNS", "JSON_COLUMNS", "CRS", "empty_frame", "build_frame", "coerce", "dtype_name"]

CRS = "EPSG:4326"

#: Column name -> logical type. ``"json"`` columns hold lists/dicts (JSON text on disk).
COLUMNS: dict[str, str] = {
    "incident_id": "str",
    "date_start": "date",
    "date_end": "date",
    "date_precision": "Int64",
    "event_type": "str",
    "sub_event_type": "str",
    "role": "str",
    "weapon": "json",
    "target": "json",
    "place_name": "str",
    "place_kind": "str",
    "geonameid": "Int64",
    "admin1": "str",
    "admin1_name": "str",
    "country": "str",
    "geo_precision": "Int64",
    "where_prec": "Int64",
    "killed_low": "Int64",
    "killed_best": "Int64",
    "killed_high": "Int64",
    "injured_low": "Int64",
    "injured_best": "Int64",
    "injured_high": "Int64",
    "drones_launched": "Int64",
    "drones_shot_down": "Int64",
    "n_sources": "Int64",
    "sources": "json",
    "lang": "str",
    "claims": "json",
    "evidence": "json",
    "confidence": "float64",
}
JSON_COLUMNS = tuple(c for c, t in COLUMNS.items() if t == "json")

# pandas dtype used in memory for each logical type
_PANDAS = {
    "str": "str",
    "date": "datetime64[ms]",
    "Int64": "Int64",
    "float64": "float64",
    "json": object,
    "bool": "boolean",
}


def dtype_name(series: pd.Series) -> str:
    """Logical type of a column not in :data:`COLUMNS` (for lossless file metadata).

    A timezone-aware column is always ``"datetime"`` (its offset is information).
    """
    dt = series.dtype
    if isinstance(dt, pd.DatetimeTZDtype):
        return "datetime"
    if pd.api.types.is_datetime64_any_dtype(dt):
        return "date" if series.dropna().dt.normalize().equals(series.dropna()) else "datetime"
    if pd.api.types.is_bool_dtype(dt):
        return "bool"
    if pd.api.types.is_integer_dtype(dt):
        return "Int64"
    if pd.api.types.is_float_dtype(dt):
        return "float64"
    if pd.api.types.is_string_dtype(dt) and all(isinstance(v, str) for v in series.dropna()):
        return "str"
    return "json"


_INT64 = (-(2**63), 2**63 - 1)
_INT_TEXT = re.compile(r"[+-]?\d{1,19}(?:\.0*)?")


def _int_value(v) -> int | None:
    """One cell as a Python int (``None`` when missing); :class:`SchemaError` otherwise."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        raise SchemaError(f"{v!r} is a boolean, not an integer")
    if isinstance(v, (int, np.integer)):
        n = int(v)
    elif isinstance(v, (float, np.floating)):
        if not math.isfinite(v) or v != int(v):
            raise SchemaError(f"{v!r} is not a whole number")
        n = int(v)
    elif isinstance(v, str) and _INT_TEXT.fullmatch(v.strip()):
        n = int(v.strip().split(".")[0])
    else:
        raise SchemaError(f"{str(v)[:40]!r} is not an integer")
    if not _INT64[0] <= n <= _INT64[1]:
        raise SchemaError(f"{str(n)[:40]} is outside the 64-bit integer range")
    return n


def _to_int64(s: pd.Series) -> pd.Series:
    """Exact integer column: object cells are converted one by one, never through float
    (which rounds above 2**53); values beyond 64 bits raise :class:`SchemaError`."""
    if pd.api.types.is_integer_dtype(s.dtype) and str(s.dtype).lower() != "uint64":
        return s.astype("Int64")
    if str(s.dtype).lower() == "uint64" and len(s) and s.max() > _INT64[1]:
        raise SchemaError(f"{s.max()} is outside the 64-bit integer range")
    vals = [_int_value(v) for v in s.tolist()]
    return pd.Series(pd.array(vals, dtype="Int64"), index=s.index)


def _to_datetime(s: pd.Series, kind: str) -> pd.Series:
    if not pd.api.types.is_datetime64_any_dtype(s.dtype):
        s = s.where(s.notna(), None)
        try:
            s = pd.to_datetime(s, errors="raise")
        except ValueError as err:
            if "Mixed timezones" not in str(err):
                raise
            s = pd.to_datetime(s, errors="raise", utc=True)  # mixed offsets: one instant each
    if getattr(s.dt, "tz", None) is not None:
        if kind == "datetime":  # keep the offset: a value read back is not shifted
            return s.dt.as_unit("ms")
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
    return s.astype("datetime64[ms]")


def _coerce_series(s: pd.Series, kind: str) -> pd.Series:
    if kind in ("date", "datetime"):
        return _to_datetime(s, kind)
    if kind == "json":
        return s.astype(object).where(s.notna(), None) if s.dtype != object else s
    if kind == "Int64":
        return _to_int64(s)
    if kind == "bool":
        return s.astype("boolean")
    return s.astype(_PANDAS.get(kind, object))


def _coerce_column(s: pd.Series, kind: str, name: str) -> pd.Series:
    """:func:`_coerce_series` with every failure as a :class:`SchemaError` naming the column."""
    try:
        return _coerce_series(s, kind)
    except SchemaError as err:
        raise SchemaError(f"column {name!r} ({kind}): {err}") from None
    except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime) as err:
        raise SchemaError(f"column {name!r} ({kind}): {str(err)[:200]}") from err


def coerce(frame, extra: Mapping[str, str] | None = None):
    """Give every known column its schema type, in schema order (extra columns last).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
    extra : mapping, optional
        Logical types of columns outside the schema (read back from file metadata).

    Raises
    ------
    SchemaError
        A value does not fit its column's type (an integer beyond 64 bits, a float
        that is not whole in an integer column, text that is not a date).

    Examples
    --------
    >>> import geopandas as gpd
    >>> f = coerce(gpd.GeoDataFrame({"geonameid": [706483.0]}, geometry=[None], crs="EPSG:4326"))
    >>> str(f["geonameid"].dtype), list(f.columns)[:2]
    ('Int64', ['incident_id', 'date_start'])
    """
    import geopandas as gpd

    n = len(frame)
    index = pd.RangeIndex(n)
    geom = (
        frame.geometry.name
        if isinstance(frame, gpd.GeoDataFrame) and frame._geometry_column_name in frame
        else "geometry"
    )
    cols: dict[str, pd.Series] = {}
    for col, kind in COLUMNS.items():
        s = (
            pd.Series(frame[col].to_numpy(copy=False), index=index, dtype=frame[col].dtype)
            if col in frame.columns
            else pd.Series([None] * n, index=index, dtype=object)
        )
        cols[col] = _coerce_column(s, kind, col)
    for col in frame.columns:
        if col in COLUMNS or col == geom:
            continue
        s = pd.Series(frame[col].to_numpy(copy=False), index=index, dtype=frame[col].dtype)
        kind = (extra or {}).get(col)
        cols[col] = _coerce_column(s, kind, col) if kind else s
    geoms = gpd.GeoSeries(
        frame[geom].to_numpy(copy=False) if geom in frame.columns else [None] * n,
        index=index,
        crs=getattr(frame, "crs", None) or CRS,
    )
    return gpd.GeoDataFrame(pd.DataFrame(cols, index=index), geometry=geoms, crs=geoms.crs)


def empty_frame():
    """An incident frame with no rows and every schema column.

    Examples
    --------
    >>> len(empty_frame()), "killed_low" in empty_frame().columns
    (0, True)
    """
    import geopandas as gpd

    return coerce(
        gpd.GeoDataFrame({c: [] for c in COLUMNS}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    )


def build_frame(records: Iterable[Mapping]):
    """Build the incident frame from records (dicts with schema keys, ``lon``/``lat``).

    Records without ``lon``/``lat`` get a null geometry, never a made-up point.

    Examples
    --------
    >>> f = build_frame([{"incident_id": "x", "place_name": "Kharkiv", "lon": 36.25, "lat": 49.98}])
    >>> f.geometry.iloc[0].x, f.crs.to_string()
    (36.25, 'EPSG:4326')
    """
    import geopandas as gpd
    import shapely

    records = list(records)
    if not records:
        return empty_frame()
    data = {c: [r.get(c) for r in records] for c in COLUMNS}
    lon = np.array([np.nan if r.get("lon") is None else r["lon"] for r in records], dtype=float)
    lat = np.array([np.nan if r.get("lat") is None else r["lat"] for r in records], dtype=float)
    geoms = shapely.points(lon, lat)
    geoms[np.isnan(lon) | np.isnan(lat)] = None
    # object columns: Python ints stay exact (inference would go through float64)
    frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in data.items()})
    for c in JSON_COLUMNS:  # keep lists as objects, not arrays
        frame[c] = pd.Series(
            [r.get(c) if r.get(c) is not None else [] for r in records], dtype=object
        )
    return coerce(gpd.GeoDataFrame(frame, geometry=geoms, crs=CRS))
