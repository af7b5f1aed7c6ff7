"""ACLED CSV: import into the incident schema and export with ACLED's column names.

ACLED's ``actor1``/``actor2`` carry **no direction**: actor1 is not "the attacker".
geoinc does not extract actors, so an export leaves the actor fields empty unless the
frame already has ACLED actor columns (for example because it was imported from ACLED);
it never fills them from who-attacked-whom text.

Other mappings:

* ``fatalities`` = ``killed_low`` (ACLED codes the most conservative figure); when no
  figure was reported it is 0 — ACLED's convention — and ``tags`` says
  "fatalities not reported" so the 0 is not mistaken for a count.
* ``time_precision``: geoinc's UCDP-style ``date_precision`` 1 → 1 (day), 2–3 → 2
  (week), 4–5 → 3 (month). Undated incidents have an empty ``event_date`` (ACLED would
  not code them; ``on_undated="drop"`` leaves them out, with a warning).
* ``iso`` (numeric ISO 3166) is only written when the frame has an ``iso`` column; the
  bundled gazetteer has no numeric codes.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Literal

import pandas as pd

from geoinc.exceptions import ConfigurationError, GeoincError, InputError

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
_TIME_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
_FROM_TIME_PREC = {1: 1, 2: 3, 3: 4}
_WHERE_FROM_GEO = {1: 1, 2: 2, 3: 4}


def _country_name(iso2) -> str:
    if not isinstance(iso2, str) or not iso2:
        return ""
    try:
        from geoinc.gazetteer import Gazetteer

        return Gazetteer.default().country_place(iso2).name
    except GeoincError:  # an unknown code keeps its code rather than stopping the export
        return iso2


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


def to_acled(frame, *, on_undated: Literal["keep", "drop"] = "keep") -> pd.DataFrame:
    """Convert an incident frame to a DataFrame with ACLED's columns (see module docs).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        An incident frame.
    on_undated : {"keep", "drop"}, default "keep"

    Examples
    --------
    >>> from geoinc.incidents.schema import build_frame
    >>> import datetime
    >>> f = build_frame([{"incident_id": "inc-1", "date_start": datetime.date(2023, 12, 30),
    ...     "date_precision": 1, "event_type": "Explosions/Remote violence",
    ...     "place_name": "Belgorod",
    ...     "country": "RU", "lon": 36.6, "lat": 50.6, "killed_low": 18, "killed_high": 24,
    ...     "n_sources": 3, "geo_precision": 1}])
    >>> row = to_acled(f).iloc[0]
    >>> row["event_date"], int(row["fatalities"]), row["actor1"]
    ('2023-12-30', 18, '')
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
    rows = []
    for _, r in frame.iterrows():
        geom = r.geometry
        fatal = r["killed_low"]
        tags = r["tags"] if "tags" in frame.columns and isinstance(r.get("tags"), str) else ""
        if pd.isna(fatal):
            tags = "; ".join(t for t in (tags, "fatalities not reported") if t)
        prec = r["date_precision"]
        out = {c: "" for c in ACLED_COLUMNS}
        for c in ACLED_PASSTHROUGH:  # only ever copied from ACLED-sourced columns
            if c in frame.columns and pd.notna(r.get(c)):
                out[c] = r[c]
        out.update(
            event_id_cnty=r["incident_id"],
            event_date=""
            if pd.isna(r["date_start"])
            else pd.Timestamp(r["date_start"]).date().isoformat(),
            year="" if pd.isna(r["date_start"]) else int(pd.Timestamp(r["date_start"]).year),
            time_precision="" if pd.isna(prec) else _TIME_PREC.get(int(prec), 3),
            event_type=r["event_type"] if isinstance(r["event_type"], str) else "",
            sub_event_type=r["sub_event_type"] if isinstance(r["sub_event_type"], str) else "",
            country=_country_name(r["country"]),
            admin1=r["admin1_name"] if isinstance(r["admin1_name"], str) else "",
            location=r["place_name"] if isinstance(r["place_name"], str) else "",
            latitude="" if geom is None or geom.is_empty else round(geom.y, 6),
            longitude="" if geom is None or geom.is_empty else round(geom.x, 6),
            geo_precision="" if pd.isna(r["geo_precision"]) else int(r["geo_precision"]),
            source="; ".join(r["sources"] or []),
            fatalities=0 if pd.isna(fatal) else int(fatal),
            tags=tags,
        )
        if not out["notes"]:
            out["notes"] = _notes(r)
        if not out["disorder_type"] and out["event_type"]:
            out["disorder_type"] = "Political violence"
        rows.append(out)
    return pd.DataFrame(rows, columns=list(ACLED_COLUMNS))


def write_acled(frame, path: str | Path, **kwargs) -> Path:
    """Write :func:`to_acled` of ``frame`` as CSV; returns the path."""
    path = Path(path)
    to_acled(frame, **kwargs).to_csv(path, index=False, lineterminator="\n")
    return path


def _parse_date(value: str):
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y"):
        try:
            return pd.to_datetime(value, format=fmt).date()
        except (ValueError, TypeError):
            continue
    return None


def read_acled(source) -> object:
    """Import an ACLED CSV (path or DataFrame) into the incident schema.

    Actor and other ACLED-only columns are kept under their ACLED names; no actor is
    turned into an attacker or a target.

    Raises
    ------
    InputError
        Missing file or missing required columns, named in the message.

    Examples
    --------
    >>> df = pd.DataFrame([{"event_id_cnty": "UKR1", "event_date": "30 December 2023",
    ...     "time_precision": "1", "event_type": "Explosions/Remote violence",
    ...     "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Russia",
    ...     "country": "Ukraine", "admin1": "Kharkiv", "location": "Kharkiv",
    ...     "latitude": "49.9935", "longitude": "36.2304", "geo_precision": "1",
    ...     "source": "Ukrinform", "fatalities": "3"}])
    >>> f = read_acled(df)
    >>> int(f.loc[0, "killed_low"]), f.loc[0, "place_name"], f.loc[0, "actor1"], f.loc[0, "country"]
    (3, 'Kharkiv', 'Military Forces of Russia', 'UA')
    """
    from geoinc.incidents.schema import build_frame, coerce

    if isinstance(source, pd.DataFrame):
        df = source.astype(object).where(source.notna(), None)
        label = "ACLED frame"
    else:
        label = str(source)
        try:
            df = pd.read_csv(source, dtype=str, keep_default_na=False)
        except FileNotFoundError as err:
            raise InputError(f"{label}: no such file") from err
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
            raise InputError(f"{label}: not a readable CSV ({err})") from err
    missing = [c for c in _REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"{label}: not an ACLED file, missing column(s) {', '.join(missing)}")
    countries: dict[str, str | None] = {}
    records = []
    for _, r in df.iterrows():

        def val(c, r=r):
            v = r.get(c)
            return None if v is None or (isinstance(v, str) and not v.strip()) else v

        cname = val("country")
        if cname and cname not in countries:
            countries[cname] = _iso2(cname)
        fatal = int(val("fatalities")) if val("fatalities") is not None else None
        if fatal == 0 and "fatalities not reported" in (val("tags") or ""):
            fatal = None  # our own export's marker: 0 stood for "unknown"
        d = _parse_date(str(val("event_date"))) if val("event_date") else None
        tp = int(val("time_precision")) if val("time_precision") else None
        gp = int(val("geo_precision")) if val("geo_precision") else None
        src = val("source") or "ACLED"
        claims = (
            []
            if fatal is None
            else [
                {
                    "field": "killed",
                    "value": fatal,
                    "low": fatal,
                    "high": fatal,
                    "qualifier": "exact",
                    "text": str(fatal),
                    "source": src,
                    "doc_id": f"acled:{val('event_id_cnty')}",
                    "start": None,
                    "end": None,
                    "sentence": val("notes"),
                    "sentence_start": None,
                    "sentence_end": None,
                }
            ]
        )
        rec = {
            "incident_id": f"acled:{val('event_id_cnty')}",
            "date_start": d,
            "date_end": d,
            "date_precision": _FROM_TIME_PREC.get(tp) if tp else None,
            "event_type": val("event_type"),
            "sub_event_type": val("sub_event_type"),
            "place_name": val("location"),
            "place_kind": "place",
            "admin1_name": val("admin1"),
            "country": countries.get(cname) if cname else None,
            "geo_precision": gp,
            "where_prec": _WHERE_FROM_GEO.get(gp) if gp else None,
            "killed_low": fatal,
            "killed_best": fatal,
            "killed_high": fatal,
            "n_sources": len([s for s in src.split(";") if s.strip()]),
            "sources": [s.strip() for s in src.split(";") if s.strip()],
            "claims": claims,
            "evidence": [],
            "lon": float(val("longitude")) if val("longitude") else None,
            "lat": float(val("latitude")) if val("latitude") else None,
        }
        records.append(rec)
    frame = build_frame(records)
    for c in ACLED_PASSTHROUGH:
        if c in df.columns:
            frame[c] = pd.Series(
                [None if v is None or v == "" else str(v) for v in df[c]], dtype="str"
            )
    return coerce(frame)


def _iso2(country_name: str) -> str | None:
    try:
        from geoinc.gazetteer import Gazetteer

        hits = Gazetteer.default().lookup(country_name, kind="country", limit=1, fuzzy=False)
    except GeoincError:  # unknown country names stay unknown, not fatal
        return None
    return hits[0].country if hits else None
