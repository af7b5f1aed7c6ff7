"""Turn an incident GeoDataFrame into the compact data island a map embeds.

The page carries the incidents once, column by column, with every string stored once in
a string table ``S`` and referred to by index. That keeps 100,000 incidents to a few
megabytes and lets the browser build each popup only when it is opened. Nothing here
produces HTML: strings stay strings and the runtime writes them with ``textContent``.
"""

from __future__ import annotations

import json
import logging
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geoinc.exceptions import MapError
from geoinc.mapping.geometry import region_shape, to_geojson_geometry
from geoinc.taxonomy import EVENT_COLORS, PALETTE, type_color  # noqa: F401 - re-exported

__all__ = ["MapData", "prepare_incidents", "EVENT_COLORS", "type_color", "escaped_json"]

log = logging.getLogger("geoinc")

#: UCDP ``date_prec`` labels
DATE_PRECISION = {
    1: "exact day",
    2: "within 2–6 days",
    3: "within a week",
    4: "within a month",
    5: "more than a month",
}
#: ACLED ``geo_precision`` labels
GEO_PRECISION = {1: "town or exact place", 2: "near a town (part of a region)", 3: "region only"}
#: UCDP ``where_prec`` labels
WHERE_PRECISION = {
    1: "exact location",
    2: "within about 25 km",
    3: "second-order region",
    4: "first-order region (admin1)",
    5: "linear feature",
    6: "country",
    7: "international waters or air space",
}

# claim keys that are offsets into the article: noise in a popup
_SKIP_CLAIM_KEYS = ("start", "end", "offsets", "offset", "span")
_EVIDENCE_KEYS = ("evidence", "sentence", "evidence_sentence", "quote", "evidence_text")


def escaped_json(obj) -> str:
    """JSON safe to embed inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``/``\\u003e``/``\\u0026`` so text such as
    ``</script>`` in an article cannot close the element; U+2028/9 are escaped for
    old JavaScript parsers.

    Examples
    --------
    >>> escaped_json({"t": "</script><b>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    # folium/branca re-read rendered scripts as Jinja templates: "{{", "{%" and "{#" in
    # article text would be template code run at render time. Compact JSON never has
    # them outside strings, where the second character can be \\u-escaped.
    return text.replace("{{", "{\\u007b").replace("{%", "{\\u0025").replace("{#", "{\\u0023")


class _Strings:
    """A string table: each distinct string stored once, referred to by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.items: list[str] = []

    def __call__(self, value) -> int:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return -1
        text = value if isinstance(value, str) else str(value)
        if text == "":
            return -1
        idx = self.index.get(text)
        if idx is None:
            idx = self.index[text] = len(self.items)
            self.items.append(text)
        return idx

    def column(self, values) -> list[int]:
        """Codes of a whole column: factorised first, so each distinct value costs once."""
        arr = pd.Series(values, dtype=object)
        codes, uniques = pd.factorize(arr, use_na_sentinel=True)
        if len(arr) >= 1000 and len(uniques) > 0.5 * len(arr):
            # nearly all distinct (ids, evidence sentences): the text itself is shorter
            # than text + a large code, so such a column is stored as plain strings
            return [None if c < 0 or uniques[c] == "" else str(uniques[c]) for c in codes.tolist()]
        table = np.array([self(u) for u in uniques] + [-1], dtype=np.int64)
        return table[codes].tolist()  # code -1 (missing) picks the trailing -1


@dataclass
class MapData:
    """What :func:`prepare_incidents` hands to the layers.

    Attributes
    ----------
    payload : dict
        The JSON data island (columns, string table, regions, types).
    bounds : list or None
        ``[[south, west], [north, east]]`` of everything drawn.
    n_drawn, n_region, n_unlocated : int
        Incidents drawn as points, drawn as their region, and not drawable.
    warnings : list of str
        Problems found in the frame (also emitted as :class:`UserWarning`).
    """

    payload: dict
    bounds: list | None
    n_drawn: int
    n_region: int
    n_unlocated: int
    warnings: list[str] = field(default_factory=list)
    countries: tuple[str, ...] = ()


def _num(frame: pd.DataFrame, col: str, problems: list[str] | None = None) -> np.ndarray:
    if col not in frame:
        return np.full(len(frame), np.nan)
    raw = frame[col]
    num = pd.to_numeric(raw, errors="coerce")
    if problems is not None and not pd.api.types.is_numeric_dtype(raw):
        bad = num.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
        if bad.any():
            problems.append(
                f"{int(bad.sum())} value(s) of {col!r} are not numbers and are shown as missing "
                f"(first: {str(raw[bad].iloc[0])[:40]!r})"
            )
    return num.to_numpy(dtype="float64", na_value=np.nan)


def _num_list(arr: np.ndarray) -> list:
    """JSON-ready list: NaN -> None, whole numbers as int, others rounded to 3 decimals."""
    arr = np.asarray(arr, dtype="float64")
    finite = np.isfinite(arr)
    if np.all(arr[finite] == np.round(arr[finite])):
        return (
            pd.array(np.where(finite, arr, 0), dtype="Int64").to_numpy(dtype=object).tolist()
            if finite.all()
            else pd.array(np.where(finite, arr, np.nan), dtype="Int64")
            .to_numpy(dtype=object, na_value=None)
            .tolist()
        )
    return np.where(finite, np.round(arr, 3), None).tolist()


def _days(frame: pd.DataFrame, col: str, problems: list[str]) -> np.ndarray:
    if col not in frame:
        return np.full(len(frame), np.nan)
    raw = frame[col]
    ts = _wall_dates(raw)
    bad = ts.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
    if bad.any():
        problems.append(
            f"{int(bad.sum())} value(s) of {col!r} are not dates and are treated as undated "
            f"(first: {str(raw[bad].iloc[0])[:40]!r})"
        )
    days = np.full(len(frame), np.nan)
    ok = ts.notna().to_numpy()
    ns = ts[ok].to_numpy(dtype="datetime64[ns]").astype("int64")
    days[ok] = np.floor(ns / 86400e9)
    return days


def _wall_dates(raw: pd.Series) -> pd.Series:
    """Dates as written where they happened: an offset is dropped, not converted to UTC
    ("2024-01-03T01:00+03:00" is 3 January, as the report says, not 2 January)."""
    if pd.api.types.is_datetime64_any_dtype(raw):
        ts = raw
    else:
        try:
            ts = pd.to_datetime(raw, errors="coerce", format="mixed")
        except ValueError:  # mixed offsets: parse one by one, keeping each wall time
            ts = pd.to_datetime(pd.Series([_wall_one(v) for v in raw], index=raw.index))
    if isinstance(ts.dtype, pd.DatetimeTZDtype):
        ts = ts.dt.tz_localize(None)
    return ts


def _wall_one(value):
    try:
        t = pd.Timestamp(value)
    except (ValueError, TypeError):
        return pd.NaT
    return t.tz_localize(None) if t is not pd.NaT and t.tzinfo is not None else t


def _maybe_json(value):
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _is_listlike(value) -> bool:
    return isinstance(value, (list, tuple, np.ndarray)) or (
        isinstance(value, str) and value[:1] == "["
    )


def _listish(value) -> list:
    if type(value) is list:  # the common case, first
        return value
    value = _maybe_json(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, (list, tuple, np.ndarray)):
        return list(value)
    return [value]


def _source_record(src) -> dict:
    """A source as {name, url, published}; a bare URL string is both name and url."""
    if isinstance(src, dict):
        return {
            "name": src.get("name") or src.get("source") or src.get("outlet") or src.get("title"),
            "url": src.get("url") or src.get("link"),
            "published": src.get("published") or src.get("date"),
        }
    text = str(src)
    if text.lower().startswith(("http://", "https://")):
        return {"name": text, "url": text}
    return {"name": text}


def _claim_record(claim) -> dict:
    return claim if isinstance(claim, dict) else {"claim": claim}


def _list_table(
    columns: list[np.ndarray], idx: np.ndarray, S: _Strings, record=None
) -> dict | None:
    """All per-source figures/evidence (or sources) as one columnar table.

    ``off[i]:off[i + 1]`` are the rows of incident ``i``; ``cols`` is a list of
    ``[key code, value codes]``. Offsets into the article are left out (noise in a
    popup); the sentence keys are all called ``evidence``.
    """
    flat: list[dict] = []
    counts = np.zeros(len(idx), dtype=np.int64)
    for j, i in enumerate(idx):
        k = 0
        for col in columns:
            items = _listish(col[i])
            flat.extend(map(record, items))
            k += len(items)
        counts[j] = k
    if not flat:
        return None
    df = pd.DataFrame.from_records(flat)
    cols = []
    for key in df.columns:
        name = str(key)
        low = name.lower()
        if low.endswith(_SKIP_CLAIM_KEYS):
            continue
        if low in _EVIDENCE_KEYS:
            name = "evidence"
        series = df[key]
        if pd.api.types.is_float_dtype(series):
            fin = series.dropna()
            if len(fin) and (fin == fin.round()).all():
                series = series.astype("Int64")
        elif series.dtype == object:
            series = series.map(
                lambda v: (
                    json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
                    if isinstance(v, (dict, list, tuple))
                    else v
                )
            )
        cols.append([S(name), S.column([_human(v) for v in series.to_numpy(dtype=object)])])
    return {"off": np.concatenate([[0], np.cumsum(counts)]).tolist(), "cols": cols}


def _human(value):
    """A cell as a reader says it: booleans as yes/no (not True/False)."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    return value


def _is_region(geo_prec: np.ndarray, where_prec: np.ndarray) -> np.ndarray:
    # ACLED geo_precision 3 = region only; UCDP where_prec 4 = admin1, 6 = country.
    return (geo_prec == 3) | (where_prec == 4) | (where_prec == 6)


def prepare_incidents(
    gdf,
    *,
    popup_columns: Sequence[str] = (),
    region_tolerance: float = 0.01,
) -> MapData:
    """Validate an incident GeoDataFrame and build the map's data island.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Incidents in the schema of ``docs/CONTRACTS.md`` / DESIGN ("The incident
        GeoDataFrame"). Only ``geometry`` is required; absent columns are shown as absent.
        A frame in another CRS is reprojected to EPSG:4326; one with no CRS is taken as
        EPSG:4326 with a warning.
    popup_columns : sequence of str
        Extra columns to show in each popup.
    region_tolerance : float
        Simplification (degrees) of region polygons drawn for region-level incidents.

    Returns
    -------
    MapData

    Raises
    ------
    MapError
        If ``gdf`` is not a GeoDataFrame or a requested popup column is missing.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> gdf = gpd.GeoDataFrame({"event_type": ["Air/drone strike"], "killed_best": [2]},
    ...                        geometry=[shapely.Point(36.2, 49.99)], crs=4326)
    >>> data = prepare_incidents(gdf)
    >>> data.n_drawn, data.payload["types"]
    (1, [['Air/drone strike', '#d7191c']])
    """
    import geopandas as gpd

    if not isinstance(gdf, gpd.GeoDataFrame):
        raise MapError(f"incident_map needs a GeoDataFrame, not {type(gdf).__name__}")
    missing = [c for c in popup_columns if c not in gdf.columns]
    if missing:
        raise MapError(f"popup column(s) not in the frame: {missing}")
    problems: list[str] = []
    if gdf.crs is None:
        problems.append("the frame has no CRS; its coordinates are taken as lon/lat (EPSG:4326)")
    elif not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(4326)
    frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    frame = frame.reset_index(drop=True)
    geom = gdf.geometry.reset_index(drop=True)
    n = len(frame)
    S = _Strings()

    # representative point of each geometry (points stay as they are)
    empty = (geom.isna() | geom.is_empty).to_numpy()
    pts = geom.copy()
    not_point = (~empty) & (geom.geom_type != "Point").to_numpy()
    if not_point.any():
        pts[not_point] = geom[not_point].representative_point()
    lon = np.full(n, np.nan)
    lat = np.full(n, np.nan)
    ok = ~empty
    if ok.any():
        lon[ok] = pts[ok].x.to_numpy()
        lat[ok] = pts[ok].y.to_numpy()
    bad_coord = ok & ~(
        (np.abs(lat) <= 90) & (np.abs(lon) <= 180) & np.isfinite(lat) & np.isfinite(lon)
    )
    if bad_coord.any():
        problems.append(
            f"{int(bad_coord.sum())} incident(s) have coordinates outside lon/lat range "
            "(is the CRS right?) and are not drawn"
        )
        lon[bad_coord] = np.nan
        lat[bad_coord] = np.nan

    geo_prec = _num(frame, "geo_precision")
    where_prec = _num(frame, "where_prec")
    region_level = _is_region(geo_prec, where_prec)
    admin1 = (
        frame["admin1"].astype("string").fillna("").to_numpy(dtype=object)
        if "admin1" in frame
        else np.full(n, "", dtype=object)
    )
    country = (
        frame["country"].astype("string").fillna("").to_numpy(dtype=object)
        if "country" in frame
        else np.full(n, "", dtype=object)
    )

    # region polygons, each stored once
    regions: list[dict] = []
    region_index: dict[tuple[str, str], int] = {}
    region_col = np.full(n, -1, dtype=np.int64)
    no_polygon = 0
    for i in np.flatnonzero(region_level):
        use_country = where_prec[i] == 6 or not admin1[i]
        kind, code = ("country", country[i]) if use_country else ("admin1", admin1[i])
        if not code:
            no_polygon += 1
            continue
        key = (kind, code)
        if key not in region_index:
            shape = region_shape(kind, code, region_tolerance)
            if shape is None:
                region_index[key] = -1
            else:
                region_index[key] = len(regions)
                regions.append(
                    {
                        "code": code,
                        "kind": kind,
                        "name": _region_name(kind, code),
                        "geometry": to_geojson_geometry(shape),
                    }
                )
        r = region_index[key]
        if r < 0:
            no_polygon += 1
            continue
        region_col[i] = r
        if not np.isfinite(lon[i]):
            c = _rep_point(regions[r]["geometry"])
            lon[i], lat[i] = c
    if no_polygon:
        problems.append(
            f"{no_polygon} region-level incident(s) have no bundled region polygon; "
            "they are drawn at their point (marked 'region only' in the popup)"
        )

    unlocated = ~np.isfinite(lon)
    if unlocated.any():
        problems.append(
            f"{int(unlocated.sum())} incident(s) have no geometry and no region; "
            "they cannot be drawn (listed in the legend count)"
        )
    keep = ~unlocated
    idx = np.flatnonzero(keep)

    types_raw = (
        frame["event_type"].astype("string").fillna("Unknown type").to_numpy(dtype=object)
        if "event_type" in frame
        else np.full(n, "Unknown type", dtype=object)
    )
    types_raw = np.array([t if t.strip() else "Unknown type" for t in types_raw], dtype=object)
    kept_types = pd.Series(types_raw[idx])
    counts = kept_types.value_counts()
    order = sorted(counts.index, key=lambda t: (-counts[t], t))
    type_index = {t: j for j, t in enumerate(order)}

    d0 = _days(frame, "date_start", problems)
    d1 = _days(frame, "date_end", problems)
    killed = {k: _num(frame, problems=problems, col=f"killed_{k}") for k in ("low", "best", "high")}
    injured = {
        k: _num(frame, problems=problems, col=f"injured_{k}") for k in ("low", "best", "high")
    }

    def strcol(col):
        if col not in frame:
            return [-1] * len(idx)
        vals = frame[col].to_numpy(dtype=object)[idx]
        if any(_is_listlike(v) for v in vals[:50]) or any(_is_listlike(v) for v in vals[-50:]):
            # list columns (weapon, target are JSON lists in the schema) show as "a, b"
            vals = [", ".join(map(str, _listish(v))) if _is_listlike(v) else v for v in vals]
        return S.column([_human(v) for v in vals])

    def prec_label(g, w, no_poly):
        parts = []
        if g >= 0:
            parts.append(f"{GEO_PRECISION.get(g, '?')} (ACLED {g})")
        if w >= 0:
            parts.append(f"{WHERE_PRECISION.get(w, '?')} (UCDP {w})")
        if no_poly:
            parts.append("no polygon: drawn at a representative point")
        return "; ".join(parts)

    # few distinct (geo_precision, where_prec, no-polygon) combinations: label each once
    gi = np.where(np.isfinite(geo_prec), geo_prec, -1).astype(np.int64)[idx]
    wi = np.where(np.isfinite(where_prec), where_prec, -1).astype(np.int64)[idx]
    npoly = (region_level & (region_col < 0))[idx].astype(np.int64)
    combos, inverse = np.unique(np.stack([gi, wi, npoly], axis=1), axis=0, return_inverse=True)
    combo_codes = np.array([S(prec_label(int(g), int(w), bool(f))) for g, w, f in combos] + [-1])
    prec_codes = combo_codes[inverse.reshape(-1)].tolist() if len(idx) else []

    dprec = _num(frame, "date_precision")
    place_names = (
        frame["place_name"].to_numpy(dtype=object)
        if "place_name" in frame
        else np.full(n, None, dtype=object)
    )

    # the region's name when the frame has it ("Kharkiv Oblast (UA.07)"), else its code
    region_label = pd.Series(admin1[idx], dtype=object).fillna("")
    if "admin1_name" in frame:
        names = frame["admin1_name"].astype("string").fillna("").to_numpy(dtype=object)[idx]
        named = pd.Series(names, dtype=object)
        region_label = (
            named.where(named == "", named + " (" + region_label + ")")
            .where(named != "", region_label)
            .str.replace(" ()", "", regex=False)
        )
    where = (region_label + ", " + pd.Series(country[idx], dtype=object).fillna("")).str.strip(", ")

    fields: dict[str, list] = {
        "dprec": S.column(
            [
                f"{DATE_PRECISION.get(int(v), '?')}, UCDP {int(v)}" if v == v else None
                for v in dprec[idx]
            ]
        ),
        "where": S.column(where.to_numpy(dtype=object)),
        "prec": prec_codes,
        "weapon": strcol("weapon"),
        "target": strcol("target"),
        "kl": _num_list(killed["low"][idx]),
        "kb": _num_list(killed["best"][idx]),
        "kh": _num_list(killed["high"][idx]),
        "il": _num_list(injured["low"][idx]),
        "ib": _num_list(injured["best"][idx]),
        "ih": _num_list(injured["high"][idx]),
        "nsrc": _num_list(_num(frame, "n_sources")[idx]),
        "conf": _num_list(_num(frame, "confidence")[idx]),
        "id": strcol("incident_id"),
    }
    spec = [
        ["Date", "dates", "dprec"],
        ["Region, country", "s", "where"],
        ["Location precision", "s", "prec"],
        ["Weapon", "s", "weapon"],
        ["Target", "s", "target"],
        ["Killed", "lbh", "kl", "kb", "kh"],
        ["Injured", "lbh", "il", "ib", "ih"],
        ["Number of sources", "n", "nsrc"],
        ["Confidence", "pct", "conf"],
        ["Incident id", "s", "id"],
    ]
    for j, col in enumerate(popup_columns):
        key = f"x{j}"
        fields[key] = strcol(col)
        spec.append([str(col), "s", key])
    if "sources" in frame:
        table = _list_table([frame["sources"].to_numpy(dtype=object)], idx, S, _source_record)
        if table is not None:
            fields["sourceTable"] = table
    # per-source figures ("claims") and other evidence spans ("evidence") share one list
    ev_cols = [c for c in ("claims", "evidence") if c in frame]
    if ev_cols:
        table = _list_table(
            [frame[c].to_numpy(dtype=object) for c in ev_cols], idx, S, _claim_record
        )
        if table is not None:
            fields["claimTable"] = table

    # a column with no value at all is left out of the page (the popup skips it)
    fields = {
        k: v
        for k, v in fields.items()
        if not isinstance(v, list) or any(x is not None and x != -1 for x in v)
    }
    spec = [row for row in spec if row[1] == "dates" or any(c in fields for c in row[2:])]

    d0k, d1k = d0[idx], d1[idx]
    dated = d0k[np.isfinite(d0k)]
    ends = np.where(np.isfinite(d1k), d1k, d0k)
    ends = ends[np.isfinite(ends)]
    rmax = 22
    payload = {
        "n": int(len(idx)),
        "S": S.items,
        "types": [[t, type_color(t)] for t in order],
        "lon": np.round(lon[idx], 5).tolist(),
        "lat": np.round(lat[idx], 5).tolist(),
        "type": [type_index[t] for t in types_raw[idx]],
        "d0": _num_list(d0k),
        "d1": _num_list(d1k),
        "kb": _num_list(killed["best"][idx]),
        "place": S.column(place_names[idx]),
        "adm": S.column([a or None for a in admin1[idx]]),
        "region": region_col[idx].tolist(),
        "regions": regions,
        "fields": fields,
        "spec": spec,
        "dmin": int(dated.min()) if dated.size else None,
        "dmax": int(max(dated.max(), ends.max())) if dated.size else None,
        "nUndated": int((~np.isfinite(d0k)).sum()),
        "rmax": rmax,
    }
    bounds = None
    if len(idx):
        bounds = [
            [float(np.min(lat[idx])), float(np.min(lon[idx]))],
            [float(np.max(lat[idx])), float(np.max(lon[idx]))],
        ]
        for reg in regions:
            import shapely

            minx, miny, maxx, maxy = shapely.geometry.shape(reg["geometry"]).bounds
            bounds = [
                [min(bounds[0][0], miny), min(bounds[0][1], minx)],
                [max(bounds[1][0], maxy), max(bounds[1][1], maxx)],
            ]
    for msg in problems:
        warnings.warn(msg, UserWarning, stacklevel=3)
        log.warning("map: %s", msg)
    countries = tuple(sorted({c for c in country[idx] if c}))
    return MapData(
        payload=payload,
        bounds=bounds,
        n_drawn=int(len(idx) - (region_col[idx] >= 0).sum()),
        n_region=int((region_col[idx] >= 0).sum()),
        n_unlocated=int(unlocated.sum()),
        warnings=problems,
        countries=countries,
    )


def _rep_point(geojson_geom: dict) -> tuple[float, float]:
    import shapely.geometry

    p = shapely.geometry.shape(geojson_geom).representative_point()
    return round(p.x, 5), round(p.y, 5)


def _region_name(kind: str, code: str) -> str:
    from geoinc.mapping.geometry import region_frames

    countries, admin1 = region_frames()
    if kind == "admin1":
        hit = admin1.loc[admin1["admin1"] == code]
        if not hit.empty:
            return str(hit["name_en"].iloc[0] or hit["name"].iloc[0])
    return code
