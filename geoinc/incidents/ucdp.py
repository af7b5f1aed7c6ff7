"""UCDP GED CSV: import into the incident schema and export with GED's columns.

The UCDP Georeferenced Event Dataset codes one event per row with ``date_prec`` (1-5)
and ``where_prec`` (1-7) -- the scales geoinc's ``date_precision`` and ``where_prec``
already use -- and deaths as ``low``/``best``/``high``.

Import (:func:`read_ucdp`):

* ``incident_id`` is ``"ucdp:" + id``; export strips the prefix again (any number of
  times), so ids survive round trips;
* ``best``/``low``/``high`` -> ``killed_best``/``killed_low``/``killed_high``;
  ``type_of_violence`` 1/2/3 -> ``event_type`` "State-based conflict" / "Non-state
  conflict" / "One-sided violence"; ``where_coordinates`` -> ``place_name``;
  ``adm_1`` -> ``admin1_name`` (and geoinc's ``admin1`` code when the gazetteer knows
  it); ``source_office`` -> ``sources``; ``where_prec`` -> ``geo_precision`` (1->1,
  2/5->2, other->3); dates in any format :func:`~geoinc.incidents.datasets.parse_dates`
  reads (GED writes ``2022-02-24 00:00:00.000``);
* every other column (``relid``, ``conflict_name``, ``side_a``, ``deaths_civilians``,
  ``source_article`` ...) is kept under its own name and written back.

Export (:func:`to_ucdp`) fills ``year``, ``date_prec``, ``where_prec`` (from
``geo_precision`` when missing: 1->1, 2->2, 3->4), ``country``/``country_id``/``region``
(``interop_countries.tsv``), ``adm_1``, ``latitude``/``longitude``/``geom_wkt``,
``best``/``low``/``high`` and ``deaths_unknown`` (= ``best``: geoinc does not split deaths
by side), ``number_of_sources`` and ``source_office``. Sides, dyads and conflict ids need
actors and are never invented.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geoinc.exceptions import InputError
from geoinc.incidents.datasets import (
    admin1_code,
    country_codes,
    country_iso2,
    parse_dates,
    read_table,
    strip_prefix,
)

__all__ = ["UCDP_COLUMNS", "read_ucdp", "to_ucdp", "write_ucdp", "looks_like_ucdp"]

#: UCDP GED columns, in GED's order (version 23.1 and later).
UCDP_COLUMNS = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)
_REQUIRED = ("id", "where_prec", "date_start", "latitude", "longitude", "best")
#: columns turned into schema columns on import (and derived again on export)
_MAPPED = (
    "id",
    "year",
    "type_of_violence",
    "number_of_sources",
    "source_office",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "latitude",
    "longitude",
    "geom_wkt",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "high",
    "low",
)
VIOLENCE_TYPES = {1: "State-based conflict", 2: "Non-state conflict", 3: "One-sided violence"}
_GEO_FROM_WHERE = {1: 1, 2: 2, 5: 2}
_WHERE_FROM_GEO = {1: 1, 2: 2, 3: 4}
_PREFIX = "ucdp:"


def looks_like_ucdp(columns) -> bool:
    """True when a table's columns are those of a UCDP GED file.

    Examples
    --------
    >>> looks_like_ucdp(["id", "where_prec", "date_start", "latitude", "longitude", "best"])
    True
    """
    return all(c in columns for c in _REQUIRED)


def _int(value) -> int | None:
    text = value.strip() if isinstance(value, str) else ""
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


def _float(value, label: str, column: str, row: int) -> float | None:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{label}: row {row + 2}: {column} {text!r} is not a number") from None


def _record(r: dict, i: int, start, end, label: str) -> dict:
    ident = _PREFIX + strip_prefix(r["id"].strip(), _PREFIX)
    wp = _int(r.get("where_prec"))
    best, low, high = (_int(r.get(c)) for c in ("best", "low", "high"))
    offices = [s.strip() for s in (r.get("source_office") or "").split(";") if s.strip()]
    cname = (r.get("country") or "").strip()
    iso2 = country_iso2(cname) if cname else None
    a1 = (r.get("adm_1") or "").strip() or None
    tv = _int(r.get("type_of_violence"))
    claims = (
        []
        if best is None
        else [
            {
                "field": "killed",
                "value": best,
                "low": low,
                "high": high,
                "qualifier": "exact",
                "text": str(best),
                "source": "; ".join(offices) or "UCDP",
                "doc_id": ident,
                "start": None,
                "end": None,
                "sentence": (r.get("source_headline") or None),
                "sentence_start": None,
                "sentence_end": None,
            }
        ]
    )
    return {
        "incident_id": ident,
        "date_start": start,
        "date_end": end or start,
        "date_precision": _int(r.get("date_prec")),
        "event_type": VIOLENCE_TYPES.get(tv) if tv else None,
        "place_name": (r.get("where_coordinates") or "").strip() or None,
        "place_kind": "place",
        "admin1": admin1_code(a1, iso2) if a1 else None,
        "admin1_name": a1,
        "country": iso2,
        "geo_precision": _GEO_FROM_WHERE.get(wp, 3) if wp else None,
        "where_prec": wp,
        "killed_low": low,
        "killed_best": best,
        "killed_high": high,
        "n_sources": _int(r.get("number_of_sources")) or len(offices),
        "sources": offices,
        "claims": claims,
        "evidence": [],
        "lon": _float(r.get("longitude"), label, "longitude", i),
        "lat": _float(r.get("latitude"), label, "latitude", i),
    }


def read_ucdp(source, *, dayfirst: bool | None = None):
    """Import a UCDP GED CSV (path or DataFrame) into the incident schema.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
    dayfirst : bool, optional
        Order of ``nn/nn/yyyy`` dates, needed only when no date in the file tells.

    Returns
    -------
    geopandas.GeoDataFrame

    Raises
    ------
    InputError
        Missing file or columns, unreadable dates or coordinates (named).

    Examples
    --------
    >>> df = pd.DataFrame([{"id": "1001", "where_prec": "1", "where_coordinates":
    ...     "Kharkiv town", "adm_1": "Kharkiv oblast", "latitude": "49.99",
    ...     "longitude": "36.23", "country": "Ukraine", "date_prec": "1",
    ...     "date_start": "2022-03-01 00:00:00.000", "date_end": "2022-03-01 00:00:00.000",
    ...     "best": "24", "low": "20", "high": "30", "type_of_violence": "1"}])
    >>> f = read_ucdp(df)
    >>> f.loc[0, "incident_id"], int(f.loc[0, "killed_high"]), f.loc[0, "admin1"]
    ('ucdp:1001', 30, 'UA.07')
    """
    from geoinc.incidents.schema import build_frame, coerce

    is_frame = isinstance(source, pd.DataFrame)
    df, label = read_table(source, label="UCDP frame" if is_frame else None)
    missing = [c for c in _REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"{label}: not a UCDP GED file, missing column(s) {', '.join(missing)}")
    starts = parse_dates(df["date_start"], label=label, column="date_start", dayfirst=dayfirst)
    ends = (
        parse_dates(df["date_end"], label=label, column="date_end", dayfirst=dayfirst)
        if "date_end" in df.columns
        else [None] * len(df)
    )
    rows = df.to_dict(orient="records")
    frame = build_frame([_record(r, i, starts[i], ends[i], label) for i, r in enumerate(rows)])
    if "country" in df.columns:
        frame["country_name"] = _kept(df["country"])
    for c in df.columns:
        if c not in _MAPPED and c not in frame.columns:
            frame[c] = _kept(df[c])
    return coerce(frame)


def _kept(column: pd.Series) -> pd.Series:
    return pd.Series([v if v != "" else None for v in column.tolist()], dtype="str")


def _cell(value) -> object:
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return ""
    return value


def _ucdp_row(r, columns: set, extras: list[str]) -> dict:
    out = {c: "" for c in UCDP_COLUMNS}
    for c in (*UCDP_COLUMNS, *extras):  # imported values win over derived ones
        if c in columns and c not in _MAPPED:
            out[c] = _cell(r.get(c))
    geom = r.geometry
    start, end = r["date_start"], r["date_end"]
    codes = country_codes(r["country"])
    where = r["where_prec"]
    if pd.isna(where) and pd.notna(r["geo_precision"]):
        where = _WHERE_FROM_GEO.get(int(r["geo_precision"]))
    cname = r.get("country_name") if "country_name" in columns else None
    tv = next((k for k, v in VIOLENCE_TYPES.items() if v == r["event_type"]), "")
    point = geom is not None and not geom.is_empty and geom.geom_type == "Point"
    best = r["killed_best"] if pd.notna(r["killed_best"]) else r["killed_low"]
    out.update(
        id=strip_prefix(r["incident_id"], _PREFIX),
        year="" if pd.isna(start) else int(pd.Timestamp(start).year),
        type_of_violence=tv,
        number_of_sources="" if pd.isna(r["n_sources"]) else int(r["n_sources"]),
        source_office=";".join(r["sources"] or []),  # GED separates with a bare ";"
        where_prec="" if where is None or pd.isna(where) else int(where),
        where_coordinates=_cell(r["place_name"]),
        adm_1=_cell(r["admin1_name"]),
        latitude=round(geom.y, 6) if point else "",
        longitude=round(geom.x, 6) if point else "",
        geom_wkt=f"POINT ({round(geom.x, 6)} {round(geom.y, 6)})" if point else "",
        country=cname if isinstance(cname, str) and cname else (codes.ucdp_name if codes else ""),
        date_prec="" if pd.isna(r["date_precision"]) else int(r["date_precision"]),
        date_start="" if pd.isna(start) else pd.Timestamp(start).date().isoformat(),
        date_end="" if pd.isna(end) else pd.Timestamp(end).date().isoformat(),
        best="" if pd.isna(best) else int(best),
        low="" if pd.isna(r["killed_low"]) else int(r["killed_low"]),
        high="" if pd.isna(r["killed_high"]) else int(r["killed_high"]),
    )
    for col, derived in (
        ("country_id", codes.gw_code if codes else ""),
        ("region", codes.ucdp_region if codes else ""),
        ("deaths_unknown", out["best"]),
        ("active_year", ""),
    ):
        if out[col] == "":
            out[col] = derived
    return out


def to_ucdp(frame):
    """Convert an incident frame to a DataFrame with UCDP GED's columns (see module docs).

    Columns kept from a UCDP import that are not GED columns follow, in frame order.

    Examples
    --------
    >>> from geoinc.incidents.schema import build_frame
    >>> import datetime
    >>> f = build_frame([{"incident_id": "inc-1", "date_start": datetime.date(2023, 12, 30),
    ...     "date_precision": 1, "place_name": "Belgorod", "country": "RU", "geo_precision": 1,
    ...     "lon": 36.6, "lat": 50.6, "killed_low": 18, "killed_best": 22, "killed_high": 24}])
    >>> r = to_ucdp(f).iloc[0]
    >>> r["id"], r["country_id"], int(r["where_prec"]), int(r["best"]), r["geom_wkt"]
    ('inc-1', '365', 1, 22, 'POINT (36.6 50.6)')
    """
    from geoinc.incidents.schema import COLUMNS

    skip = {frame.geometry.name, "country_name", *COLUMNS, *UCDP_COLUMNS}
    extras = [c for c in frame.columns if c not in skip]
    columns = set(frame.columns)
    rows = [_ucdp_row(r, columns, extras) for _, r in frame.iterrows()]
    return pd.DataFrame(rows, columns=[*UCDP_COLUMNS, *extras])


def write_ucdp(frame, path: str | Path) -> Path:
    """Write :func:`to_ucdp` of ``frame`` as CSV (UTF-8); returns the path."""
    path = Path(path)
    to_ucdp(frame).to_csv(path, index=False, lineterminator="\n")
    return path
