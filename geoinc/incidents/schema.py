"""The incident GeoDataFrame: its columns, their types, and how frames are built.

``docs/schema.md`` describes every column for users; :data:`COLUMNS` is the single
source of truth the code reads (building, coercing after reading a file, and the I/O
round trips all go through :func:`coerce`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

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
    """Logical type of a column not in :data:`COLUMNS` (for lossless file metadata)."""
    dt = series.dtype
    if isinstance(dt, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(dt):
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


def _coerce_series(s: pd.Series, kind: str) -> pd.Series:
    if kind in ("date", "datetime"):
        if not pd.api.types.is_datetime64_any_dtype(s.dtype):
            s = pd.to_datetime(s.where(s.notna(), None), errors="raise")
        if getattr(s.dt, "tz", None) is not None:
            s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        return s.astype("datetime64[ms]")
    if kind == "json":
        return s.astype(object).where(s.notna(), None) if s.dtype != object else s
    if kind == "Int64":
        if s.dtype == object:
            s = pd.to_numeric(s.where(s.notna(), np.nan))
        return s.astype("Int64")
    if kind == "bool":
        return s.astype("boolean")
    return s.astype(_PANDAS.get(kind, object))


def coerce(frame, extra: Mapping[str, str] | None = None):
    """Give every known column its schema type, in schema order (extra columns last).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
    extra : mapping, optional
        Logical types of columns outside the schema (read back from file metadata).

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
        cols[col] = _coerce_series(s, kind)
    for col in frame.columns:
        if col in COLUMNS or col == geom:
            continue
        s = pd.Series(frame[col].to_numpy(copy=False), index=index, dtype=frame[col].dtype)
        kind = (extra or {}).get(col)
        cols[col] = _coerce_series(s, kind) if kind else s
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
    frame = pd.DataFrame(data)
    for c in JSON_COLUMNS:  # keep lists as objects, not arrays
        frame[c] = pd.Series(
            [r.get(c) if r.get(c) is not None else [] for r in records], dtype=object
        )
    return coerce(gpd.GeoDataFrame(frame, geometry=geoms, crs=CRS))
