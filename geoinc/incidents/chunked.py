"""Writing an incident layer a chunk of rows at a time, so a batch of any size fits.

:func:`write_incident_chunks` takes an iterable of incident frames (consecutive parts
of one layer, in order, all with the incident schema) and writes them as one file of
the format :func:`~geoinc.incidents.io.write_incidents` would write, with the same
content: GeoJSON and CSV byte for byte, GeoPackage and GeoParquet with the same rows,
columns and types (GeoPackage rows appended chunk by chunk, GeoParquet as one row
group per chunk). Only one chunk is in memory at a time. The file appears atomically
when the last chunk is written, as with ``write_incidents``.

Examples
--------
>>> import tempfile, pathlib
>>> from geoinc.incidents.schema import build_frame
>>> from geoinc.incidents.io import read_incidents
>>> parts = [build_frame([{"incident_id": f"i{k}", "place_name": "Kharkiv",
...                        "lon": 36.25, "lat": 49.98}]) for k in range(3)]
>>> out = pathlib.Path(tempfile.mkdtemp()) / "all.gpkg"
>>> write_incident_chunks(iter(parts), out).name, read_incidents(out)["incident_id"].tolist()
('all.gpkg', ['i0', 'i1', 'i2'])
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from geoinc.exceptions import ConfigurationError
from geoinc.incidents import io as _io
from geoinc.incidents.atomic import atomic_output
from geoinc.incidents.cells import CSV_LINE_END, escape_lone_surrogates, neutralise_frame
from geoinc.incidents.schema import empty_frame

__all__ = ["write_incident_chunks", "geojson_text_chunks"]


def _non_empty(frames: Iterable) -> Iterator:
    """The frames with rows; one empty incident frame when there are none at all."""
    any_rows = False
    for f in frames:
        if len(f):
            any_rows = True
            yield f
    if not any_rows:
        yield empty_frame()


def geojson_text_chunks(frames: Iterable) -> Iterator[str]:
    """The text of one FeatureCollection over all ``frames``, in pieces.

    Joined, the pieces equal :func:`~geoinc.incidents.io.to_geojson` of the frames
    concatenated (without its trailing newline).
    """
    first = True
    for frame in _non_empty(frames):
        frame = _io._to_wgs84(frame)
        types = _io._geojson_types(frame)
        if first:
            head = {"type": "FeatureCollection", _io._META_KEY: types, "features": []}
            yield json.dumps(head, ensure_ascii=False)[:-2]  # up to and including "["
        for feat in _io._features(frame, types):
            text = json.dumps(feat, ensure_ascii=False, allow_nan=False)
            yield ("" if first else ", ") + escape_lone_surrogates(text)
            first = False
    yield "]}"


def write_geojson_stream(frames: Iterable, out: TextIO) -> None:
    """Write :func:`geojson_text_chunks` and a newline to an open text file."""
    for piece in geojson_text_chunks(frames):
        out.write(piece)
    out.write("\n")


@atomic_output
def write_incident_chunks(
    frames: Iterable,
    path: str | Path,
    *,
    driver: str | None = None,
    layer: str = "incidents",
    regions: bool = True,
    acled: bool = False,
) -> Path:
    """Write consecutive incident frames as one file; the format follows the suffix.

    Parameters
    ----------
    frames : iterable of geopandas.GeoDataFrame
        Parts of one incident layer, in order (consumed lazily).
    path : str or Path
        ``.geojson``/``.json``, ``.gpkg``, ``.parquet``/``.geoparquet`` or ``.csv``.
    driver, layer, regions
        As for :func:`~geoinc.incidents.io.write_incidents`.
    acled : bool, default False
        CSV only: ACLED's columns (:func:`~geoinc.incidents.acled.write_acled`).

    Returns
    -------
    pathlib.Path
    """
    path = Path(path)
    fmt = driver or _io.FORMATS.get(path.suffix.lower())
    if acled and fmt != "csv":
        raise ConfigurationError("ACLED columns are written as CSV only")
    if fmt not in ("geojson", "gpkg", "parquet", "csv"):
        raise ConfigurationError(
            f"cannot tell the output format of {path.name!r}; use one of "
            f"{', '.join(sorted(_io.FORMATS))} or pass driver="
        )
    frames = _non_empty(frames)
    if acled:
        _acled(frames, path)
    elif fmt == "gpkg":
        _gpkg(frames, path, layer, regions)
    elif fmt == "geojson":
        with open(path, "w", encoding="utf-8") as out:
            write_geojson_stream(frames, out)
    elif fmt == "parquet":
        _parquet(frames, path)
    else:
        _csv(frames, path)
    return path


def _gpkg(frames: Iterable, path: Path, layer: str, regions: bool) -> None:
    import pyogrio

    from geoinc.incidents.qgis import incident_style, layer_styles_frame, region_style

    path.unlink(missing_ok=True)
    event_types: set = set()
    styles: dict = {}
    for i, frame in enumerate(frames):
        types = _io._column_types(frame)
        _io._write_gpkg_layer(frame, path, layer, types, append=i > 0)
        event_types.update(frame["event_type"].dropna().tolist())
        polys = _io.region_polygons(frame) if regions else None
        if polys is not None and len(polys):
            ptypes = {c: types.get(c) or _io._column_types(polys)[c] for c in polys.columns}
            ptypes[polys.geometry.name] = "geometry"
            name = f"{layer}_regions"
            _io._write_gpkg_layer(polys, path, name, ptypes, append=name in styles)
            styles[name] = region_style()
    styles = {layer: incident_style(event_types), **styles}
    pyogrio.write_dataframe(layer_styles_frame(styles), path, layer="layer_styles", driver="GPKG")


def _parquet(frames: Iterable, path: Path) -> None:
    """GeoParquet, one row group per chunk.

    The file's metadata is fixed when its first row group is written, so a file of
    several chunks leaves out the optional ``bbox`` of the GeoParquet metadata (the
    first chunk's box would be wrong); a single chunk keeps it.
    """
    frames = iter(frames)
    first = next(frames)
    second = next(frames, None)
    writer = _parquet_chunk(None, first, path, keep_bbox=second is None)
    try:
        for frame in () if second is None else (second, *frames):
            _parquet_chunk(writer, frame, path, keep_bbox=False)
    finally:
        writer.close()


def _parquet_chunk(writer, frame, path: Path, *, keep_bbox: bool):
    """Write ``frame`` as a row group (opening the writer when ``writer`` is None)."""
    import pyarrow.parquet as pq
    from geopandas.io.arrow import _geopandas_to_arrow

    types = _io._column_types(frame)
    table = _geopandas_to_arrow(_io._encode_json_columns(frame, types), index=False)
    if writer is not None:
        writer.write_table(table.cast(writer.schema))
        return writer
    meta = dict(table.schema.metadata or {})
    meta[_io._META_KEY.encode()] = json.dumps(types).encode()
    if not keep_bbox:
        geo = json.loads(meta[b"geo"])
        for column in geo["columns"].values():
            column.pop("bbox", None)
        meta[b"geo"] = json.dumps(geo).encode()
    table = table.replace_schema_metadata(meta)
    writer = pq.ParquetWriter(path, table.schema)
    writer.write_table(table)
    return writer


def _csv(frames: Iterable, path: Path) -> None:
    for i, frame in enumerate(frames):
        types = _io._column_types(frame)
        out = _io._csv_table(frame, types)
        out.to_csv(path, index=False, lineterminator=CSV_LINE_END, mode="a", header=i == 0)
        if i == 0:
            _io._write_sidecars(path, list(out.columns), types)


def _acled(frames: Iterable, path: Path) -> None:
    from geoinc.incidents.acled import to_acled

    for i, frame in enumerate(frames):
        table = neutralise_frame(to_acled(frame))
        table.to_csv(path, index=False, lineterminator=CSV_LINE_END, mode="a", header=i == 0)


def write_stdout(frames: Iterable) -> None:
    """GeoJSON of all ``frames`` on standard output, a feature at a time."""
    write_geojson_stream(frames, sys.stdout)
