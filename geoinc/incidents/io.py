"""Writing and reading incident frames: GeoJSON, GeoPackage, GeoParquet, CSV.

Round trips are lossless for every column and type: the logical type of each column
(:data:`geoinc.incidents.schema.COLUMNS`, plus any extra column) travels with the file —
a ``"geoinc:columns"`` foreign member in GeoJSON (allowed by RFC 7946 §6.1), layer
metadata in GeoPackage, schema metadata in Parquet — and :func:`read_incidents`
restores it. CSV has no metadata: schema columns are restored, extra columns come back
as pandas reads them.

GeoJSON output is deterministic (same frame, same bytes): columns in frame order,
coordinates in (lon, lat) order as written by the gazetteer (``repr`` floats round-trip
exactly), no ``crs`` member (RFC 7946: always WGS 84), polygon rings wound by the
right-hand rule (exteriors counter-clockwise, RFC 7946 §3.1.6).

Files are made for GIS software as much as for geoinc:

* GeoPackage: dates are ``DATE`` fields, list/dict columns are text fields with GDAL's
  JSON subtype (``gpkg_data_columns`` MIME type ``application/json``); the region
  layer ``<layer>_regions`` carries every incident attribute next to the region
  polygon; a default QGIS style (``layer_styles``) opens the incidents categorised by
  event type and sized by killed, and the regions shaded by killed.
* CSV: ``lon``/``lat`` (WGS 84 degrees) and ``wkt`` columns, which GDAL and QGIS's
  delimited-text reader recognise, and a ``.prj`` file next to it naming EPSG:4326.
* No machine path is written anywhere (GeoParquet metadata included).

:func:`read_any` reads any of these, and ACLED and UCDP GED CSV files, telling them
apart by their columns.
"""

from __future__ import annotations

import json
import math
import warnings
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from geoinc.exceptions import ConfigurationError, InputError
from geoinc.incidents.atomic import atomic_output, refuse_unreadable
from geoinc.incidents.cells import (
    CSV_LINE_END,
    check_csv_table,
    escape_lone_surrogates,
    neutralise_frame,
    restore_frame,
)
from geoinc.incidents.schema import COLUMNS, CRS, coerce, dtype_name

__all__ = [
    "to_geojson",
    "read_geojson",
    "write_incidents",
    "read_incidents",
    "region_polygons",
    "read_any",
    "detect_format",
    "FORMATS",
]

FORMATS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".csv": "csv",
}
_META_KEY = "geoinc:columns"
_GPKG_META_KEY = "geoinc_columns"  # GDAL metadata keys cannot hold ":"


def _column_types(frame) -> dict[str, str]:
    """Logical type of every column, in frame order (the geometry column included)."""
    geom = frame.geometry.name
    return {
        c: "geometry" if c == geom else COLUMNS.get(c) or dtype_name(frame[c])
        for c in frame.columns
    }


def _jsonable(value, kind: str | None = None):
    """A cell as a JSON value (None for every kind of missing)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        ts = pd.Timestamp(value)
        if kind == "date" or (
            ts.hour == ts.minute == ts.second == ts.microsecond == 0 and kind != "datetime"
        ):
            return ts.date().isoformat()
        return ts.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (float, np.floating)):
        if math.isinf(value):  # refused, not written as an invalid "Infinity"
            raise ConfigurationError(f"{value} cannot be exported: JSON has no infinity")
        return None if math.isnan(value) else float(value)
    return value


def _geometry_json(geom):
    if geom is None or geom.is_empty:
        return None
    import shapely

    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        geom = _right_hand_rule(geom)
    return json.loads(shapely.to_geojson(geom))


def _right_hand_rule(geom):
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6)."""
    import shapely

    if hasattr(shapely, "orient_polygons"):  # shapely >= 2.1
        return shapely.orient_polygons(geom, exterior_cw=False)
    from shapely.geometry.polygon import orient

    if geom.geom_type == "Polygon":
        return orient(geom, sign=1.0)
    parts = [_right_hand_rule(g) for g in shapely.get_parts(geom)]
    return type(geom)(parts)


def _to_wgs84(frame):
    if frame.crs is None:
        raise ConfigurationError(
            "the frame has no CRS; set it (EPSG:4326 for incident frames) before export"
        )
    if not frame.crs.equals(CRS):
        warnings.warn(
            f"reprojecting from {frame.crs.to_string()} to EPSG:4326 for GeoJSON (RFC 7946)",
            UserWarning,
            stacklevel=3,
        )
        frame = frame.to_crs(CRS)
    return frame


@atomic_output
def to_geojson(frame, path: str | Path | None = None, *, indent: int | None = None) -> str:
    """Serialise an incident frame as an RFC 7946 FeatureCollection.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
    path : str or Path, optional
        Also write the text (UTF-8) there.
    indent : int, optional

    Returns
    -------
    str

    Examples
    --------
    >>> from geoinc.incidents.schema import build_frame
    >>> f = build_frame([{"incident_id": "a", "place_name": "Kharkiv", "lon": 36.25, "lat": 49.98,
    ...                   "killed_low": 3, "weapon": ["drones"]}])
    >>> gj = json.loads(to_geojson(f))
    >>> gj["features"][0]["geometry"], gj["features"][0]["properties"]["killed_low"]
    ({'type': 'Point', 'coordinates': [36.25, 49.98]}, 3)
    """
    frame = _to_wgs84(frame)
    types = _geojson_types(frame)
    doc = {"type": "FeatureCollection", _META_KEY: types, "features": _features(frame, types)}
    text = json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)
    text = escape_lone_surrogates(text)  # JSON escapes: no UnicodeEncodeError on write
    if path is not None:
        Path(path).write_text(text + "\n", encoding="utf-8")
    return text


def _geojson_types(frame) -> dict[str, str]:
    """The ``geoinc:columns`` member: logical type per column, the geometry as "geometry"."""
    geom_col = frame.geometry.name
    return {("geometry" if c == geom_col else c): t for c, t in _column_types(frame).items()}


def _features(frame, types: dict[str, str]) -> list[dict]:
    """The frame's rows as GeoJSON Feature dicts (``id`` = ``incident_id`` when set)."""
    cols = [c for c in frame.columns if c != frame.geometry.name]
    values = {c: frame[c].tolist() for c in cols}
    geoms = frame.geometry.tolist()
    features = []
    for i in range(len(frame)):
        props = {c: _jsonable(values[c][i], types[c]) for c in cols}
        feat = {
            "type": "Feature",
            "id": props.get("incident_id"),
            "geometry": _geometry_json(geoms[i]),
            "properties": props,
        }
        if feat["id"] is None:
            del feat["id"]
        features.append(feat)
    return features


def read_geojson(source: str | Path):
    """Read a GeoJSON FeatureCollection written by :func:`to_geojson` (or any other).

    Parameters
    ----------
    source : str or Path
        A path, or the GeoJSON text itself.

    Raises
    ------
    InputError
        When the text is not a GeoJSON FeatureCollection.
    """
    import geopandas as gpd
    import shapely

    text = source
    if isinstance(source, Path) or (
        isinstance(source, str) and not source.lstrip().startswith("{")
    ):
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as err:
            raise InputError(f"{source}: cannot read ({err})") from err
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON: {err}") from err
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise InputError("not a GeoJSON FeatureCollection")
    types: dict[str, str] = doc.get(_META_KEY) or {}
    feats = doc.get("features") or []
    cols = [c for c, t in types.items() if t != "geometry"] or sorted(
        {k for f in feats for k in (f.get("properties") or {})}
    )
    data = {
        c: pd.Series([(f.get("properties") or {}).get(c) for f in feats], dtype=object)
        for c in cols
    }
    geoms = [
        shapely.from_geojson(json.dumps(f["geometry"])) if f.get("geometry") else None
        for f in feats
    ]
    frame = gpd.GeoDataFrame(pd.DataFrame(data), geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)
    return _restore(frame, types, keep_only_schema=False)


def _restore(frame, types: dict[str, str], keep_only_schema: bool = False):
    """Decode JSON text columns and give every column its recorded type."""
    for c, kind in types.items():
        if c in frame.columns and kind == "json":
            frame[c] = pd.Series(
                [json.loads(v) if isinstance(v, str) else v for v in frame[c]],
                index=frame.index,
                dtype=object,
            )
    extra = {c: k for c, k in types.items() if c not in COLUMNS and k != "geometry"}
    out = coerce(frame, extra)
    order = [("geometry" if k == "geometry" else c) for c, k in types.items()]
    order = [c for c in order if c in out.columns]
    if order:
        rest = [c for c in out.columns if c not in order]
        if "geometry" not in order:
            order.append("geometry")
            rest.remove("geometry")
        out = out[[*order, *rest]]
    return out


def _encode_json_columns(frame, types: dict[str, str]):
    out = frame.copy()
    out.attrs = {}  # run details (input paths...) stay on this machine, not in the file
    for c, kind in types.items():
        if kind == "json" and c in out.columns:
            out[c] = pd.Series(
                [
                    None
                    if v is None
                    else json.dumps(_jsonable(v), ensure_ascii=False, sort_keys=False)
                    for v in frame[c]
                ],
                index=frame.index,
                dtype=object,
            )
    return out


def region_polygons(frame, *, gazetteer=None):
    """Region-level incidents (``place_kind`` "admin1") drawn as their region.

    Returns the incidents' rows -- every attribute -- with the region's polygon as
    geometry, for the regions the bundled gazetteer has polygons for (Ukraine's oblasts
    for now); region incidents without a polygon are simply absent from it. QGIS can
    style and filter the layer like the point layer.

    Examples
    --------
    >>> from geoinc.incidents.schema import build_frame
    >>> f = build_frame([{"incident_id": "r", "place_kind": "admin1", "admin1": "UA.26",
    ...                   "killed_best": 2, "lon": 35.5, "lat": 47.5}])
    >>> r = region_polygons(f)
    >>> r.geometry.iloc[0].geom_type, int(r.loc[0, "killed_best"])
    ('MultiPolygon', 2)
    """
    import geopandas as gpd
    import shapely

    rows = frame[(frame["place_kind"] == "admin1") & frame["admin1"].notna()]
    if gazetteer is None and len(rows):
        from geoinc.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    keep, geoms = [], []
    for pos, code in enumerate(rows["admin1"].tolist()):
        poly = gazetteer.admin1_polygon(code)
        if poly is None:
            continue
        keep.append(pos)
        # one geometry type for the whole layer (GIS layers are typed)
        geoms.append(poly if poly.geom_type == "MultiPolygon" else shapely.MultiPolygon([poly]))
    out = pd.DataFrame(rows.drop(columns=[frame.geometry.name])).iloc[keep]
    return gpd.GeoDataFrame(
        out.reset_index(drop=True), geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS
    )


def _geometry_type(geoms) -> str:
    kinds = {g.geom_type for g in geoms if g is not None and not g.is_empty}
    return kinds.pop() if len(kinds) == 1 else "Unknown"


def _arrow_table(frame, types: dict[str, str]):
    """The frame as an Arrow table GDAL writes with the right field types.

    Dates become ``date32`` (GDAL: ``OFTDate``, GeoPackage ``DATE``), JSON columns carry
    the ``arrow.json`` extension name (GDAL: the ``OFSTJSON`` subtype).
    """
    import pyarrow as pa
    from geopandas.io.arrow import _geopandas_to_arrow

    table = _geopandas_to_arrow(_encode_json_columns(frame, types), index=False)
    for i, field in enumerate(table.schema):
        kind = types.get(field.name)
        if pa.types.is_null(field.type):  # an all-empty column: text, as GDAL has no null type
            field = field.with_type(pa.string())
            table = table.set_column(i, field, table.column(i).cast(pa.string()))
        if kind == "date" and pa.types.is_timestamp(field.type):
            col = table.column(i).cast(pa.date32(), safe=False)
            table = table.set_column(i, field.with_type(pa.date32()), col)
        elif kind == "json":
            meta = {b"ARROW:extension:name": b"arrow.json"}
            table = table.set_column(i, field.with_metadata(meta), table.column(i))
    return table


def _write_gpkg_layer(
    frame, path: Path, layer: str, types: dict[str, str], *, append: bool = False
) -> None:
    """One layer of a GeoPackage; ``append`` adds the rows to a layer written before."""
    import pyogrio

    # creation options and metadata belong to the first write of a layer
    meta = {} if append else {"layer_metadata": {_GPKG_META_KEY: json.dumps(types)}}
    try:
        import pyarrow  # noqa: F401
    except ImportError:  # without Arrow: DateTime and plain text fields, still lossless
        _encode_json_columns(frame, types).to_file(
            path, layer=layer, driver="GPKG", engine="pyogrio", mode="a" if append else "w", **meta
        )
        return
    if not append:
        # GeoPackage 1.2: also read without warnings by the GDAL of QGIS LTR releases
        meta["dataset_options"] = {"VERSION": "1.2"}
    pyogrio.write_arrow(
        _arrow_table(frame, types),
        path,
        layer=layer,
        driver="GPKG",
        geometry_name=frame.geometry.name,
        geometry_type=_geometry_type(frame.geometry),
        crs=CRS,
        append=append,
        **meta,
    )


def _write_gpkg(frame, path: Path, layer: str, types: dict[str, str], regions: bool) -> None:
    import pyogrio

    from geoinc.incidents.qgis import incident_style, layer_styles_frame, region_style

    _write_gpkg_layer(frame, path, layer, types)
    styles = {layer: incident_style(frame["event_type"].dropna().tolist())}
    polys = region_polygons(frame) if regions else None
    if polys is not None and len(polys):
        ptypes = {c: types.get(c) or _column_types(polys)[c] for c in polys.columns}
        ptypes[polys.geometry.name] = "geometry"
        _write_gpkg_layer(polys, path, f"{layer}_regions", ptypes)
        styles[f"{layer}_regions"] = region_style()
    pyogrio.write_dataframe(layer_styles_frame(styles), path, layer="layer_styles", driver="GPKG")


_CSVT = {"str": "String", "date": "Date", "Int64": "Integer64", "float64": "Real",
         "json": "String", "bool": "Integer(Boolean)", "datetime": "DateTime"}  # fmt: skip


def _write_sidecars(path: Path, columns: list[str], types: dict[str, str]) -> None:
    """``.prj`` (CRS: WGS 84) and ``.csvt`` (field types) next to a CSV, for GDAL and QGIS."""
    import pyproj

    if path.name in ("-", "/dev/stdout") or not path.parent.is_dir():
        return
    wkt = pyproj.CRS.from_epsg(4326).to_wkt("WKT1_GDAL")
    path.with_suffix(".prj").write_text(wkt + "\n", encoding="utf-8")
    fixed = {"lon": "Real", "lat": "Real", "wkt": "WKT"}
    cells = [fixed.get(c) or _CSVT.get(types.get(c, "str"), "String") for c in columns]
    path.with_suffix(".csvt").write_text(",".join(f'"{c}"' for c in cells) + "\n", "utf-8")


@atomic_output
def write_incidents(
    frame,
    path: str | Path,
    *,
    driver: str | None = None,
    layer: str = "incidents",
    regions: bool = True,
) -> Path:
    """Write an incident frame; the format follows the suffix (or ``driver``).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
    path : str or Path
        ``.geojson``/``.json``, ``.gpkg``, ``.parquet``/``.geoparquet`` or ``.csv``.
    driver : {"geojson", "gpkg", "parquet", "csv"}, optional
    layer : str, default "incidents"
        GeoPackage layer name.
    regions : bool, default True
        GeoPackage only: also write the polygons of region-level incidents as the layer
        ``<layer>_regions`` (see :func:`region_polygons`), so QGIS can shade them.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ConfigurationError
        Unknown format.
    """
    path = Path(path)
    fmt = driver or FORMATS.get(path.suffix.lower())
    if fmt not in ("geojson", "gpkg", "parquet", "csv"):
        raise ConfigurationError(
            f"cannot tell the output format of {path.name!r}; use one of "
            f"{', '.join(sorted(FORMATS))} or pass driver="
        )
    types = _column_types(frame)
    if fmt == "geojson":
        to_geojson(frame, path)
    elif fmt == "gpkg":
        path.unlink(missing_ok=True)  # layers of an earlier file must not linger
        _write_gpkg(frame, path, layer, types, regions)
    elif fmt == "parquet":
        _write_parquet(frame, path, types)
    else:
        _write_csv(frame, path, types)
    return path


def _write_parquet(frame, path: Path, types: dict[str, str]) -> None:
    """GeoParquet, the column types kept in the schema metadata."""
    import pyarrow.parquet as pq
    from geopandas.io.arrow import _geopandas_to_arrow

    table = _geopandas_to_arrow(_encode_json_columns(frame, types), index=False)
    meta = dict(table.schema.metadata or {})
    meta[_META_KEY.encode()] = json.dumps(types).encode()
    pq.write_table(table.replace_schema_metadata(meta), path)


def _write_csv(frame, path: Path, types: dict[str, str]) -> None:
    """CSV with lon/lat (points) and WKT columns, dates as ISO text, plus the sidecars."""
    out = _csv_table(frame, types)
    out.to_csv(path, index=False, lineterminator=CSV_LINE_END)
    _write_sidecars(path, list(out.columns), types)


def _csv_table(frame, types: dict[str, str]) -> pd.DataFrame:
    """The table a CSV holds: JSON as text, lon/lat/wkt, ISO dates, formula-safe cells."""
    enc = _encode_json_columns(frame, types)
    geom = enc.geometry
    out = pd.DataFrame(enc.drop(columns=[enc.geometry.name]))
    out["lon"] = [
        g.x if g is not None and not g.is_empty and g.geom_type == "Point" else None for g in geom
    ]
    out["lat"] = [
        g.y if g is not None and not g.is_empty and g.geom_type == "Point" else None for g in geom
    ]
    out["wkt"] = [None if g is None else g.wkt for g in geom]
    for c, kind in types.items():  # dates as ISO text
        if kind == "date":
            out[c] = [_jsonable(v, "date") for v in out[c]]
    return neutralise_frame(out)


@refuse_unreadable
def read_incidents(path: str | Path, *, layer: str = "incidents"):
    """Read an incident frame written by :func:`write_incidents`, types restored.

    Raises
    ------
    InputError
        Missing file or unknown format.
    """
    import geopandas as gpd

    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt == "geojson":
        return read_geojson(path)
    if fmt == "gpkg":
        import pyogrio

        info = pyogrio.read_info(path, layer=layer)
        types = json.loads((info.get("layer_metadata") or {}).get(_GPKG_META_KEY, "{}"))
        frame = gpd.read_file(path, layer=layer, engine="pyogrio")
        return _restore(frame, types)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        meta = pq.read_schema(path).metadata or {}
        types = json.loads(meta.get(_META_KEY.encode(), b"{}"))
        return _restore(gpd.read_parquet(path), types)
    if fmt == "csv":
        import shapely

        df = pd.read_csv(path, dtype=object, keep_default_na=False, na_values=[""])
        check_csv_table(df, path, required=("wkt",))
        df = restore_frame(df)
        geoms = [shapely.from_wkt(w) if isinstance(w, str) else None for w in df.pop("wkt")]
        df = df.drop(columns=[c for c in ("lon", "lat") if c in df.columns])
        types = {c: k for c, k in COLUMNS.items() if c in df.columns}
        for c in ("confidence",):
            if c in df.columns:
                df[c] = pd.to_numeric(df[c])
        return _restore(gpd.GeoDataFrame(df, geometry=geoms, crs=CRS), types)
    raise InputError(
        f"{path.name}: unknown incident file format (use {', '.join(sorted(FORMATS))})"
    )


def _csv_header(path: Path) -> list[str]:
    from geoinc.decoding import decode_bytes

    with open(path, "rb") as fh:
        head = fh.read(65536)
    try:
        text, _ = decode_bytes(head)
    except InputError as err:
        raise InputError(f"{path}: {err}") from err
    first = text.splitlines()[0] if text.strip() else ""
    return [c.strip().strip('"') for c in first.split(",")]


def detect_format(path: str | Path) -> str:
    """What a file is: ``"acled"``, ``"ucdp"`` (by their columns) or a geoinc format.

    Raises
    ------
    InputError
        Missing file, or a format geoinc does not read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = p.write_text("event_id_cnty,event_date,latitude,longitude\\n")
    >>> detect_format(p)
    'acled'
    """
    from geoinc.incidents.ucdp import looks_like_ucdp

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{path.name}: unknown format (use {', '.join(sorted(FORMATS))}, "
            "or an ACLED / UCDP GED .csv)"
        )
    if fmt != "csv":
        return fmt
    header = _csv_header(path)
    if "event_id_cnty" in header:
        return "acled"
    if looks_like_ucdp(header):
        return "ucdp"
    if "wkt" in header:
        return "csv"
    raise InputError(
        f"{path.name}: a CSV geoinc cannot place: neither ACLED (event_id_cnty, ...), "
        "UCDP GED (id, where_prec, best, ...) nor a geoinc export (wkt)"
    )


def _gpkg_layer(path: Path, layer: str | None) -> str:
    import pyogrio

    names = [name for name, _ in pyogrio.list_layers(path)]
    if layer is not None:
        if layer not in names:
            raise InputError(f"{path.name}: no layer {layer!r} (layers: {', '.join(names)})")
        return layer
    if "incidents" in names:  # geoinc's own file: no "more than one layer" guessing
        return "incidents"
    spatial = [name for name, kind in pyogrio.list_layers(path) if kind is not None]
    if len(spatial) == 1:
        return spatial[0]
    raise InputError(f"{path.name}: several layers, choose one with --layer: {', '.join(names)}")


def read_any(path: str | Path, *, layer: str | None = None, dayfirst: bool | None = None):
    """Read incidents from any file geoinc knows: its own exports, ACLED or UCDP GED CSV.

    Parameters
    ----------
    path : str or Path
    layer : str, optional
        GeoPackage layer (default: ``incidents``, or the only spatial layer).
    dayfirst : bool, optional
        For ACLED/UCDP files whose dates cannot tell day from month.

    Returns
    -------
    geopandas.GeoDataFrame
        In the incident schema.

    Raises
    ------
    InputError
        Missing or unreadable file, unknown format, ambiguous GeoPackage layer.
    """
    path = Path(path)
    fmt = detect_format(path)
    if fmt == "acled":
        from geoinc.incidents.acled import read_acled

        return read_acled(path, dayfirst=dayfirst)
    if fmt == "ucdp":
        from geoinc.incidents.ucdp import read_ucdp

        return read_ucdp(path, dayfirst=dayfirst)
    if fmt == "gpkg":
        return read_incidents(path, layer=_gpkg_layer(path, layer))
    return read_incidents(path)
