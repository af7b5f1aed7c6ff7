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
    problems: list[str] = []
    frame, geom = _frame_in_4326(gdf, popup_columns, problems)
    loc = _locate(frame, geom, region_tolerance, problems)
    idx = np.flatnonzero(~loc.unlocated)
    payload = _payload(frame, idx, loc, popup_columns, problems)
    for msg in problems:
        warnings.warn(msg, UserWarning, stacklevel=3)  # the caller of incident_map
        log.warning("map: %s", msg)
    n_region = int((loc.region_col[idx] >= 0).sum())
    return MapData(
        payload=payload,
        bounds=_view_bounds(loc, idx),
        n_drawn=int(len(idx) - n_region),
        n_region=n_region,
        n_unlocated=int(loc.unlocated.sum()),
        warnings=problems,
        countries=tuple(sorted({c for c in loc.country[idx] if c})),
    )


def _frame_in_4326(gdf, popup_columns: Sequence[str], problems: list[str]):
    """The attribute frame and the geometry, in EPSG:4326, both on a fresh 0..n-1 index."""
    import geopandas as gpd

    if not isinstance(gdf, gpd.GeoDataFrame):
        raise MapError(f"incident_map needs a GeoDataFrame, not {type(gdf).__name__}")
    missing = [c for c in popup_columns if c not in gdf.columns]
    if missing:
        raise MapError(f"popup column(s) not in the frame: {missing}")
    if gdf.crs is None:
        problems.append("the frame has no CRS; its coordinates are taken as lon/lat (EPSG:4326)")
    elif not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(4326)
    frame = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    return frame.reset_index(drop=True), gdf.geometry.reset_index(drop=True)


def _anchor_points(geom, problems: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Lon and lat of each geometry's representative point (NaN where there is none)."""
    n = len(geom)
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
    return lon, lat


def _text(frame: pd.DataFrame, col: str, default: str) -> np.ndarray:
    """A text column as an object array, ``default`` for missing values or no column."""
    if col in frame:
        return frame[col].astype("string").fillna(default).to_numpy(dtype=object)
    return np.full(len(frame), default, dtype=object)


@dataclass
class _Located:
    """Where each incident is drawn: its point, and its region polygon if region-level."""

    lon: np.ndarray
    lat: np.ndarray
    geo_prec: np.ndarray
    where_prec: np.ndarray
    region_level: np.ndarray
    admin1: np.ndarray
    country: np.ndarray
    regions: list[dict] = field(default_factory=list)
    region_col: np.ndarray | None = None
    unlocated: np.ndarray | None = None


def _locate(frame, geom, region_tolerance: float, problems: list[str]) -> _Located:
    lon, lat = _anchor_points(geom, problems)
    geo_prec = _num(frame, "geo_precision")
    where_prec = _num(frame, "where_prec")
    loc = _Located(
        lon=lon,
        lat=lat,
        geo_prec=geo_prec,
        where_prec=where_prec,
        region_level=_is_region(geo_prec, where_prec),
        admin1=_text(frame, "admin1", ""),
        country=_text(frame, "country", ""),
    )
    _region_polygons(loc, region_tolerance, problems)
    loc.unlocated = ~np.isfinite(loc.lon)
    if loc.unlocated.any():
        problems.append(
            f"{int(loc.unlocated.sum())} incident(s) have no geometry and no region; "
            "they cannot be drawn (listed in the legend count)"
        )
    return loc


def _region_polygons(loc: _Located, region_tolerance: float, problems: list[str]) -> None:
    """Give region-level incidents their region polygon (each stored once) and, when they
    have no point, the region's representative point."""
    index: dict[tuple[str, str], int] = {}
    loc.region_col = np.full(len(loc.lon), -1, dtype=np.int64)
    no_polygon = 0
    for i in np.flatnonzero(loc.region_level):
        use_country = loc.where_prec[i] == 6 or not loc.admin1[i]
        kind, code = ("country", loc.country[i]) if use_country else ("admin1", loc.admin1[i])
        if not code:
            no_polygon += 1
            continue
        if (kind, code) not in index:
            index[(kind, code)] = _add_region(loc.regions, kind, code, region_tolerance)
        r = index[(kind, code)]
        if r < 0:
            no_polygon += 1
            continue
        loc.region_col[i] = r
        if not np.isfinite(loc.lon[i]):
            loc.lon[i], loc.lat[i] = _rep_point(loc.regions[r]["geometry"])
    if no_polygon:
        problems.append(
            f"{no_polygon} region-level incident(s) have no bundled region polygon; "
            "they are drawn at their point (marked 'region only' in the popup)"
        )


def _add_region(regions: list[dict], kind: str, code: str, tolerance: float) -> int:
    """Append the region's record; its index, or -1 when no polygon is bundled."""
    shape = region_shape(kind, code, tolerance)
    if shape is None:
        return -1
    regions.append(
        {
            "code": code,
            "kind": kind,
            "name": _region_name(kind, code),
            "geometry": to_geojson_geometry(shape),
        }
    )
    return len(regions) - 1


def _type_order(frame: pd.DataFrame, idx: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each incident's event type, and the types by falling count (ties by name)."""
    types_raw = _text(frame, "event_type", "Unknown type")
    types_raw = np.array([t if t.strip() else "Unknown type" for t in types_raw], dtype=object)
    counts = pd.Series(types_raw[idx]).value_counts()
    return types_raw, sorted(counts.index, key=lambda t: (-counts[t], t))


def _string_column(frame: pd.DataFrame, col: str, idx: np.ndarray, S: _Strings) -> list[int]:
    """A popup column as string-table codes (-1 for none)."""
    if col not in frame:
        return [-1] * len(idx)
    vals = frame[col].to_numpy(dtype=object)[idx]
    if any(_is_listlike(v) for v in vals[:50]) or any(_is_listlike(v) for v in vals[-50:]):
        # list columns (weapon, target are JSON lists in the schema) show as "a, b"
        vals = [", ".join(map(str, _listish(v))) if _is_listlike(v) else v for v in vals]
    return S.column([_human(v) for v in vals])


def _precision_label(g: int, w: int, no_poly: bool) -> str:
    parts = []
    if g >= 0:
        parts.append(f"{GEO_PRECISION.get(g, '?')} (ACLED {g})")
    if w >= 0:
        parts.append(f"{WHERE_PRECISION.get(w, '?')} (UCDP {w})")
    if no_poly:
        parts.append("no polygon: drawn at a representative point")
    return "; ".join(parts)


def _precision_codes(loc: _Located, idx: np.ndarray, S: _Strings) -> list[int]:
    """The location-precision label of each incident, as string-table codes."""
    # few distinct (geo_precision, where_prec, no-polygon) combinations: label each once
    gi = np.where(np.isfinite(loc.geo_prec), loc.geo_prec, -1).astype(np.int64)[idx]
    wi = np.where(np.isfinite(loc.where_prec), loc.where_prec, -1).astype(np.int64)[idx]
    npoly = (loc.region_level & (loc.region_col < 0))[idx].astype(np.int64)
    combos, inverse = np.unique(np.stack([gi, wi, npoly], axis=1), axis=0, return_inverse=True)
    labels = [S(_precision_label(int(g), int(w), bool(f))) for g, w, f in combos]
    combo_codes = np.array(labels + [-1])
    return combo_codes[inverse.reshape(-1)].tolist() if len(idx) else []


def _where(frame: pd.DataFrame, loc: _Located, idx: np.ndarray) -> pd.Series:
    """The "region, country" text of each incident."""
    # the region's name when the frame has it ("Kharkiv Oblast (UA.07)"), else its code
    region_label = pd.Series(loc.admin1[idx], dtype=object).fillna("")
    if "admin1_name" in frame:
        names = frame["admin1_name"].astype("string").fillna("").to_numpy(dtype=object)[idx]
        named = pd.Series(names, dtype=object)
        region_label = (
            named.where(named == "", named + " (" + region_label + ")")
            .where(named != "", region_label)
            .str.replace(" ()", "", regex=False)
        )
    country = pd.Series(loc.country[idx], dtype=object).fillna("")
    return (region_label + ", " + country).str.strip(", ")


#: The popup's rows: [label, how to show, field keys...]
_POPUP_SPEC = (
    ("Date", "dates", "dprec"),
    ("Region, country", "s", "where"),
    ("Location precision", "s", "prec"),
    ("Weapon", "s", "weapon"),
    ("Target", "s", "target"),
    ("Killed", "lbh", "kl", "kb", "kh"),
    ("Injured", "lbh", "il", "ib", "ih"),
    ("Number of sources", "n", "nsrc"),
    ("Confidence", "pct", "conf"),
    ("Incident id", "s", "id"),
)


def _popup_fields(frame, idx, loc, S, figures, popup_columns) -> tuple[dict, list]:
    """Popup field columns (codes or numbers) and the spec of the rows that have values.

    The string table ``S`` is filled in a fixed order, so the same frame gives the same
    page byte for byte.
    """
    prec_codes = _precision_codes(loc, idx, S)
    dprec = _num(frame, "date_precision")
    fields: dict[str, list] = {
        "dprec": S.column(
            [
                f"{DATE_PRECISION.get(int(v), '?')}, UCDP {int(v)}" if v == v else None
                for v in dprec[idx]
            ]
        ),
        "where": S.column(_where(frame, loc, idx).to_numpy(dtype=object)),
        "prec": prec_codes,
        "weapon": _string_column(frame, "weapon", idx, S),
        "target": _string_column(frame, "target", idx, S),
        **{key: _num_list(values[idx]) for key, values in figures.items()},
        "nsrc": _num_list(_num(frame, "n_sources")[idx]),
        "conf": _num_list(_num(frame, "confidence")[idx]),
        "id": _string_column(frame, "incident_id", idx, S),
    }
    spec = [list(row) for row in _POPUP_SPEC]
    for j, col in enumerate(popup_columns):
        fields[f"x{j}"] = _string_column(frame, col, idx, S)
        spec.append([str(col), "s", f"x{j}"])
    fields.update(_evidence_tables(frame, idx, S))
    # a column with no value at all is left out of the page (the popup skips it)
    fields = {
        k: v
        for k, v in fields.items()
        if not isinstance(v, list) or any(x is not None and x != -1 for x in v)
    }
    spec = [row for row in spec if row[1] == "dates" or any(c in fields for c in row[2:])]
    return fields, spec


def _evidence_tables(frame: pd.DataFrame, idx: np.ndarray, S: _Strings) -> dict:
    """The per-incident tables of sources and of claims/evidence, where the frame has them."""
    out = {}
    if "sources" in frame:
        table = _list_table([frame["sources"].to_numpy(dtype=object)], idx, S, _source_record)
        if table is not None:
            out["sourceTable"] = table
    # per-source figures ("claims") and other evidence spans ("evidence") share one list
    ev_cols = [c for c in ("claims", "evidence") if c in frame]
    if ev_cols:
        table = _list_table(
            [frame[c].to_numpy(dtype=object) for c in ev_cols], idx, S, _claim_record
        )
        if table is not None:
            out["claimTable"] = table
    return out


def _figures(frame: pd.DataFrame, problems: list[str]) -> dict[str, np.ndarray]:
    """Killed and injured low/best/high, keyed as the popup fields are (kl, kb, ... ih)."""
    killed = {k: _num(frame, problems=problems, col=f"killed_{k}") for k in ("low", "best", "high")}
    injured = {
        k: _num(frame, problems=problems, col=f"injured_{k}") for k in ("low", "best", "high")
    }
    out = {f"k{k[0]}": v for k, v in killed.items()}
    out.update({f"i{k[0]}": v for k, v in injured.items()})
    return out


def _payload(frame, idx, loc: _Located, popup_columns, problems: list[str]) -> dict:
    """The data island: columns of the drawn incidents, string table, regions, popup spec."""
    S = _Strings()
    types_raw, order = _type_order(frame, idx)
    type_index = {t: j for j, t in enumerate(order)}
    d0k = _days(frame, "date_start", problems)[idx]
    d1k = _days(frame, "date_end", problems)[idx]
    figures = _figures(frame, problems)
    fields, spec = _popup_fields(frame, idx, loc, S, figures, popup_columns)
    dated = d0k[np.isfinite(d0k)]
    ends = np.where(np.isfinite(d1k), d1k, d0k)
    ends = ends[np.isfinite(ends)]
    place_names = _objects(frame, "place_name")
    return {
        "n": int(len(idx)),
        "S": S.items,
        "types": [[t, type_color(t)] for t in order],
        "lon": np.round(loc.lon[idx], 5).tolist(),
        "lat": np.round(loc.lat[idx], 5).tolist(),
        "type": [type_index[t] for t in types_raw[idx]],
        "d0": _num_list(d0k),
        "d1": _num_list(d1k),
        "kb": _num_list(figures["kb"][idx]),
        "place": S.column(place_names[idx]),
        "adm": S.column([a or None for a in loc.admin1[idx]]),
        "region": loc.region_col[idx].tolist(),
        "regions": loc.regions,
        "fields": fields,
        "spec": spec,
        "dmin": int(dated.min()) if dated.size else None,
        "dmax": int(max(dated.max(), ends.max())) if dated.size else None,
        "nUndated": int((~np.isfinite(d0k)).sum()),
        "rmax": 22,
    }


def _objects(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col in frame:
        return frame[col].to_numpy(dtype=object)
    return np.full(len(frame), None, dtype=object)


def _view_bounds(loc: _Located, idx: np.ndarray) -> list | None:
    """[[south, west], [north, east]] around the drawn incidents and their regions."""
    if not len(idx):
        return None
    import shapely

    lat, lon = loc.lat[idx], loc.lon[idx]
    bounds = [
        [float(np.min(lat)), float(np.min(lon))],
        [float(np.max(lat)), float(np.max(lon))],
    ]
    for reg in loc.regions:
        minx, miny, maxx, maxy = shapely.geometry.shape(reg["geometry"]).bounds
        bounds = [
            [min(bounds[0][0], miny), min(bounds[0][1], minx)],
            [max(bounds[1][0], maxy), max(bounds[1][1], maxx)],
        ]
    return bounds


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
