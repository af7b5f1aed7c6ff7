"""ACLED CSV: import into the incident schema and export with ACLED's column names.

ACLED's ``actor1``/``actor2`` carry **no direction**: actor1 is not "the attacker".
geoinc does not extract actors, so an export leaves the actor fields empty unless the
frame already has ACLED actor columns (for example because it was imported from ACLED);
it never fills them from who-attacked-whom text.

Import (:func:`read_acled`):

* every date format of real exports is read (``2023-12-30``, ``14/08/2020 00:00:00``,
  ``30 December 2023``); the day/month order of ``nn/nn/yyyy`` dates is decided per file
  from the data, and a file that reads both ways is refused with a hint (``dayfirst=``)
  -- see :func:`geoinc.incidents.datasets.parse_dates`;
* ``incident_id`` is ``"acled:" + event_id_cnty``; export strips the prefix again (also
  any doubled one an older version wrote), so ids survive any number of round trips;
* every column of the file is kept: the mapped ones in the schema (``country`` also
  verbatim in ``country_name``), all others (``actor1``, ``inter1``, ``notes``, ``iso``,
  ``id``, ``actor_dyad``, ...) under their own names, written back on export;
* ``admin1`` is ``admin1_name`` verbatim and also resolved to geoinc's ``admin1`` code.

Export (:func:`to_acled`) fills what geoinc can derive:

* ``fatalities`` = ``killed_low`` (ACLED codes the most conservative figure); when no
  figure was reported it is 0 -- ACLED's convention -- and ``tags`` says
  "fatalities not reported" so the 0 is not mistaken for a count.
* ``time_precision``: geoinc's UCDP-style ``date_precision`` 1 -> 1 (day), 2-3 -> 2
  (week), 4-5 -> 3 (month). Undated incidents have an empty ``event_date`` (ACLED would
  not code them; ``on_undated="drop"`` leaves them out, with a warning).
* ``iso`` (ISO 3166 numeric) and ``region`` from ``geoinc/lang/en/interop_countries.tsv``;
  ``admin1`` spelled as ACLED spells it (``interop_acled_admin1.tsv``: "Zaporizhia",
  "Kyiv City"; otherwise the gazetteer's name without "Oblast"/"Krai");
* ``civilian_targeting`` = "Civilian targeting" when the targets are civilian places
  (``interop_civilian_targets.txt``) and none is military;
* ``interaction`` from ``inter1``/``inter2`` when those exist (numeric codes give
  ACLED's two-digit code, text codes "A-B" / "A only"); inter codes themselves need
  actors and are never invented.

Values imported from ACLED always win over derived ones.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Literal

import pandas as pd

from geoinc import lang
from geoinc.exceptions import ConfigurationError, InputError
from geoinc.incidents.atomic import atomic_output
from geoinc.incidents.cells import CSV_LINE_END, neutralise_frame, restore_frame
from geoinc.incidents.datasets import (
    admin1_code,
    admin1_spelling,
    country_codes,
    country_iso2,
    country_name,
    parse_dates,
    read_table,
    strip_prefix,
)

__all__ = ["ACLED_COLUMNS", "ACLED_PASSTHROUGH", "to_acled", "write_acled", "read_acled"]

#: ACLED export columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
#: ACLED columns without a geoinc equivalent, kept verbatim on import and written back on export.
ACLED_PASSTHROUGH = (
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "admin2",
    "admin3",
    "source_scale",
    "notes",
    "tags",
    "timestamp",
    "disorder_type",
)
_REQUIRED = ("event_id_cnty", "event_date", "latitude", "longitude")
#: ACLED columns turned into schema columns on import (and derived again on export)
_MAPPED = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "fatalities",
)
_TIME_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
_FROM_TIME_PREC = {1: 1, 2: 3, 3: 4}
_WHERE_FROM_GEO = {1: 1, 2: 2, 3: 4}
_PREFIX = "acled:"
_UNREPORTED = "fatalities not reported"


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _notes(row) -> str:
    kind = next(
        (v for v in (row["sub_event_type"], row["event_type"]) if isinstance(v, str) and v), "Event"
    )
    parts = [f"{kind} in {row['place_name']}."]
    for fld in ("killed", "injured"):
        lo, hi = row[f"{fld}_low"], row[f"{fld}_high"]
        if pd.notna(lo):
            parts.append(
                f"{fld.capitalize()}: {lo}" + (f"-{hi}" if pd.notna(hi) and hi != lo else "") + "."
            )
    n = 0 if pd.isna(row["n_sources"]) else int(row["n_sources"])
    parts.append(f"{n} source{'s' if n != 1 else ''} (geoinc).")
    return " ".join(parts)


def civilian_targeting(targets) -> str:
    """ACLED's ``civilian_targeting`` value for geoinc's ``target`` list.

    Examples
    --------
    >>> civilian_targeting(["residential buildings", "school"])
    'Civilian targeting'
    >>> civilian_targeting(["hotel", "military facilities"]), civilian_targeting(None)
    ('', '')
    """
    names = {str(t) for t in targets} if isinstance(targets, (list, tuple)) else set()
    if names & lang.words("en", "interop_military_targets"):
        return ""
    return "Civilian targeting" if names & lang.words("en", "interop_civilian_targets") else ""


def interaction(inter1, inter2) -> str:
    """ACLED's ``interaction`` from the two inter codes ("" without ``inter1``).

    Examples
    --------
    >>> interaction("7", "1"), interaction("1", ""), interaction("State forces", "Civilians")
    ('17', '10', 'State forces-Civilians')
    """
    a, b = _text(inter1).strip(), _text(inter2).strip()
    if not a:
        return ""
    if a.isdigit() and not b:
        return a + "0"
    if a.isdigit() and b.isdigit():
        return "".join(sorted((a, b)))
    return f"{a}-{b}" if b else f"{a} only"


def _extra_columns(frame) -> list[str]:
    """Frame columns an export carries besides ACLED's own (kept source columns)."""
    geom = frame.geometry.name
    from geoinc.incidents.schema import COLUMNS

    skip = {geom, "country_name", *COLUMNS, *ACLED_COLUMNS}
    return [c for c in frame.columns if c not in skip]


def _acled_row(r, columns, extras) -> dict:
    geom = r.geometry
    fatal = r["killed_low"]
    out = {c: "" for c in ACLED_COLUMNS}
    for c in (*ACLED_PASSTHROUGH, *extras):  # imported values win over derived ones
        v = r.get(c) if c in columns else None
        out[c] = "" if v is None or (not isinstance(v, (list, dict)) and pd.isna(v)) else v
    tags = _text(out["tags"])
    if pd.isna(fatal) and _UNREPORTED not in tags:
        tags = "; ".join(t for t in (tags, _UNREPORTED) if t)
    prec, start = r["date_precision"], r["date_start"]
    codes = country_codes(r["country"])
    imported = str(r["incident_id"] or "").startswith(_PREFIX)
    cname = r.get("country_name") if "country_name" in columns else None
    out.update(
        event_id_cnty=strip_prefix(r["incident_id"], _PREFIX),
        event_date="" if pd.isna(start) else pd.Timestamp(start).date().isoformat(),
        year="" if pd.isna(start) else int(pd.Timestamp(start).year),
        time_precision="" if pd.isna(prec) else _TIME_PREC.get(int(prec), 3),
        event_type=_text(r["event_type"]),
        sub_event_type=_text(r["sub_event_type"]),
        country=cname if isinstance(cname, str) and cname else country_name(r["country"]),
        admin1=_text(r["admin1_name"])
        if imported
        else admin1_spelling(r["admin1"] or None, r["admin1_name"] or None),
        location=_text(r["place_name"]),
        latitude="" if geom is None or geom.is_empty else round(geom.y, 6),
        longitude="" if geom is None or geom.is_empty else round(geom.x, 6),
        geo_precision="" if pd.isna(r["geo_precision"]) else int(r["geo_precision"]),
        source="; ".join(r["sources"] or []),
        fatalities=0 if pd.isna(fatal) else int(fatal),
        tags=tags,
    )
    for col, derived in (
        ("iso", codes.iso_numeric if codes else ""),
        ("region", codes.acled_region if codes else ""),
        ("civilian_targeting", civilian_targeting(r["target"])),
        ("interaction", interaction(out["inter1"], out["inter2"])),
        ("notes", _notes(r)),
        ("disorder_type", "Political violence" if out["event_type"] else ""),
    ):
        if out[col] == "":
            out[col] = derived
    return out


def to_acled(frame, *, on_undated: Literal["keep", "drop"] = "keep") -> pd.DataFrame:
    """Convert an incident frame to a DataFrame with ACLED's columns (see module docs).

    Columns the frame kept from an ACLED import that are not in :data:`ACLED_COLUMNS`
    (``id``, ``actor_dyad``, ...) follow ACLED's columns, in frame order.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        An incident frame.
    on_undated : {"keep", "drop"}, default "keep"

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> from geoinc.incidents.schema import build_frame
    >>> import datetime
    >>> f = build_frame([{"incident_id": "inc-1", "date_start": datetime.date(2023, 12, 30),
    ...     "date_precision": 1, "event_type": "Explosions/Remote violence",
    ...     "place_name": "Belgorod", "admin1": "RU.09", "admin1_name": "Belgorod Oblast",
    ...     "country": "RU", "lon": 36.6, "lat": 50.6, "killed_low": 18, "killed_high": 24,
    ...     "n_sources": 3, "geo_precision": 1}])
    >>> row = to_acled(f).iloc[0]
    >>> row["event_date"], int(row["fatalities"]), row["actor1"], row["iso"], row["admin1"]
    ('2023-12-30', 18, '', '643', 'Belgorod')
    """
    if on_undated not in ("keep", "drop"):
        raise ConfigurationError(f"on_undated must be 'keep' or 'drop', got {on_undated!r}")
    if on_undated == "drop":
        n = int(frame["date_start"].isna().sum())
        if n:
            warnings.warn(
                f"{n} undated incidents left out of the ACLED export", UserWarning, stacklevel=2
            )
        frame = frame[frame["date_start"].notna()]
    extras = _extra_columns(frame)
    columns = set(frame.columns)
    rows = [_acled_row(r, columns, extras) for _, r in frame.iterrows()]
    return pd.DataFrame(rows, columns=[*ACLED_COLUMNS, *extras])


@atomic_output
def write_acled(frame, path: str | Path, **kwargs) -> Path:
    """Write :func:`to_acled` of ``frame`` as CSV (UTF-8); returns the path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from geoinc.incidents.schema import build_frame
    >>> f = build_frame([{"incident_id": "acled:UKR1", "place_name": "Kharkiv",
    ...                   "lon": 36.23, "lat": 49.99}])
    >>> p = write_acled(f, pathlib.Path(tempfile.mkdtemp()) / "a.csv")
    >>> read_acled(p).loc[0, "incident_id"]
    'acled:UKR1'
    """
    path = Path(path)
    table = neutralise_frame(to_acled(frame, **kwargs))  # formula-safe cells, CRLF rows
    table.to_csv(path, index=False, lineterminator=CSV_LINE_END)
    return path


def _int(value) -> int | None:
    text = _text(value).strip()
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def _float(value, label: str, column: str, row: int) -> float | None:
    text = _text(value).strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{label}: row {row + 2}: {column} {text!r} is not a number") from None


def _claims(fatal, src, doc_id, notes) -> list[dict]:
    if fatal is None:
        return []
    return [
        {
            "field": "killed",
            "value": fatal,
            "low": fatal,
            "high": fatal,
            "qualifier": "exact",
            "text": str(fatal),
            "source": src,
            "doc_id": doc_id,
            "start": None,
            "end": None,
            "sentence": notes or None,
            "sentence_start": None,
            "sentence_end": None,
        }
    ]


def _record(r, i: int, day, label: str) -> dict:
    fatal = _int(r.get("fatalities"))
    if fatal == 0 and _UNREPORTED in _text(r.get("tags")):
        fatal = None  # our own export's marker: 0 stood for "unknown"
    tp, gp = _int(r.get("time_precision")), _int(r.get("geo_precision"))
    src = _text(r.get("source")).strip()
    sources = [s.strip() for s in src.split(";") if s.strip()]
    iso2 = country_iso2(r["country"]) if _text(r.get("country")).strip() else None
    ident = _PREFIX + strip_prefix(r["event_id_cnty"].strip(), _PREFIX)
    a1 = _text(r.get("admin1")).strip() or None
    return {
        "incident_id": ident,
        "date_start": day,
        "date_end": day,
        "date_precision": _FROM_TIME_PREC.get(tp) if tp else None,
        "event_type": _text(r.get("event_type")) or None,
        "sub_event_type": _text(r.get("sub_event_type")) or None,
        "place_name": _text(r.get("location")) or None,
        "place_kind": "place",
        "admin1": admin1_code(a1, iso2) if a1 else None,
        "admin1_name": a1,
        "country": iso2,
        "geo_precision": gp,
        "where_prec": _WHERE_FROM_GEO.get(gp) if gp else None,
        "killed_low": fatal,
        "killed_best": fatal,
        "killed_high": fatal,
        "n_sources": len(sources),
        "sources": sources,
        "claims": _claims(fatal, src or "ACLED", ident, _text(r.get("notes"))),
        "evidence": [],
        "lon": _float(r["longitude"], label, "longitude", i),
        "lat": _float(r["latitude"], label, "latitude", i),
    }


def read_acled(source, *, dayfirst: bool | None = None):
    """Import an ACLED CSV (path or DataFrame) into the incident schema.

    Actor and other ACLED-only columns are kept under their ACLED names; no actor is
    turned into an attacker or a target. See the module docs for the mapping.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        The file (any encoding geoinc detects for articles) or its table.
    dayfirst : bool, optional
        Order of ``nn/nn/yyyy`` dates, needed only when no date in the file tells.

    Returns
    -------
    geopandas.GeoDataFrame

    Raises
    ------
    InputError
        Missing file, missing required columns, an ambiguous or unreadable date or
        coordinate (named in the message).

    Examples
    --------
    >>> df = pd.DataFrame([{"event_id_cnty": "UKR1", "event_date": "30/12/2023 00:00:00",
    ...     "time_precision": "1", "event_type": "Explosions/Remote violence",
    ...     "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Russia",
    ...     "country": "Ukraine", "admin1": "Kharkiv", "location": "Kharkiv",
    ...     "latitude": "49.9935", "longitude": "36.2304", "geo_precision": "1",
    ...     "source": "Ukrinform", "fatalities": "3"}])
    >>> f = read_acled(df)
    >>> int(f.loc[0, "killed_low"]), f.loc[0, "admin1"], f.loc[0, "actor1"], f.loc[0, "country"]
    (3, 'UA.07', 'Military Forces of Russia', 'UA')
    >>> str(f.loc[0, "date_start"].date())
    '2023-12-30'
    """
    from geoinc.incidents.schema import build_frame, coerce

    df, label = read_table(
        source, label="ACLED frame" if isinstance(source, pd.DataFrame) else None
    )
    df = restore_frame(df)  # undo the formula-injection guard of write_acled
    missing = [c for c in _REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"{label}: not an ACLED file, missing column(s) {', '.join(missing)}")
    days = parse_dates(df["event_date"], label=label, column="event_date", dayfirst=dayfirst)
    records = [_record(r, i, days[i], label) for i, r in enumerate(df.to_dict(orient="records"))]
    frame = build_frame(records)
    if "country" in df.columns:
        frame["country_name"] = _kept(df["country"])
    for c in df.columns:
        if c not in _MAPPED and c not in frame.columns:
            frame[c] = _kept(df[c])
    return coerce(frame)


def _kept(column: pd.Series) -> pd.Series:
    """A source column as strings, empty cells as missing."""
    return pd.Series([v if v != "" else None for v in column.tolist()], dtype="str")
