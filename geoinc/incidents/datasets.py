"""What the ACLED and UCDP readers and writers share.

* :func:`read_table` reads a CSV of strings with the encoding detected as for articles
  (:func:`geoinc.decoding.decode_bytes`).
* :func:`parse_dates` reads every date format seen in real exports (ISO with or without
  a time, ``dd/mm/yyyy[ hh:mm:ss]``, ``mm/dd/yyyy``, ``d Month yyyy``) and decides the
  day/month order **once per file, from the data**: a first number above 12 means
  day first, a second number above 12 means month first. A file where every numeric date
  could be read both ways is refused with a hint (``dayfirst=``), never guessed; a file
  with both orders, or a date that fits no format, is refused naming the row.
* Country and region spellings of the target datasets come from data files
  (``geoinc/lang/en/interop_*``): ISO numeric and ACLED region, Gleditsch-Ward code and
  UCDP region, ACLED's admin1 spelling.
"""

from __future__ import annotations

import io
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from geoinc import lang
from geoinc.exceptions import GeoincError, InputError

__all__ = [
    "read_table",
    "parse_dates",
    "CountryCodes",
    "country_codes",
    "country_iso2",
    "country_name",
    "admin1_spelling",
    "admin1_code",
    "strip_prefix",
]

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NUMERIC = re.compile(
    r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_TEXT_FORMATS = ("%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%B %d, %Y", "%b %d, %Y")


def read_table(source, *, label: str | None = None) -> tuple[pd.DataFrame, str]:
    """Read a CSV file of strings (empty cells stay ``""``), the encoding detected.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        A DataFrame is returned as strings, unchanged otherwise.
    label : str, optional
        How messages name the input.

    Returns
    -------
    (pandas.DataFrame, str)
        The table and its label.

    Raises
    ------
    InputError
        Missing, empty, binary or unparseable file.

    Examples
    --------
    >>> df, _ = read_table(pd.DataFrame({"a": [1, None]}))
    >>> df["a"].tolist()
    ['1.0', '']
    """
    from geoinc.decoding import decode_bytes

    if isinstance(source, pd.DataFrame):
        return source.astype(object).where(source.notna(), "").astype(str), label or "table"
    label = label or str(source)
    try:
        data = Path(source).read_bytes()
    except FileNotFoundError as err:
        raise InputError(f"{label}: no such file") from err
    except OSError as err:
        raise InputError(f"{label}: cannot read ({err})") from err
    try:
        text, _ = decode_bytes(data)
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except InputError as err:
        raise InputError(f"{label}: {err}") from err
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputError(f"{label}: not a readable CSV ({err})") from err
    return df, label


def _numeric_order(values: list[str], label: str, column: str, dayfirst: bool | None) -> bool:
    """Day first (True) or month first (False) for the numeric dates of one file."""
    firsts, seconds = [], []
    for v in values:
        m = _NUMERIC.match(v)
        if m:
            firsts.append(int(m.group(1)))
            seconds.append(int(m.group(2)))
    day_first = any(a > 12 for a in firsts)
    month_first = any(b > 12 for b in seconds)
    if day_first and month_first:
        raise InputError(
            f"{label}: column {column!r} mixes day-first and month-first dates "
            f"(both {max(firsts)} and {max(seconds)} appear where a month should be); "
            "fix the file or split it"
        )
    if dayfirst is not None:
        if (dayfirst and month_first) or (not dayfirst and day_first):
            raise InputError(
                f"{label}: dayfirst={dayfirst} contradicts the dates in column {column!r}"
            )
        return dayfirst
    if day_first or month_first:
        return day_first
    raise InputError(
        f"{label}: cannot tell day from month in column {column!r}: every date like "
        f"{next(v for v in values if _NUMERIC.match(v))!r} reads both ways; say which "
        "(read_acled(..., dayfirst=True) / geoinc import --dayfirst or --monthfirst)"
    )


def _one_date(value: str, day_first: bool) -> date | None:
    m = _ISO.match(value)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return date(y, mo, d)
    m = _NUMERIC.match(value)
    if m:
        a, b, y = (int(g) for g in m.groups())
        return date(y, b, a) if day_first else date(y, a, b)
    for fmt in _TEXT_FORMATS:
        try:
            return pd.to_datetime(value, format=fmt).date()
        except (ValueError, TypeError):
            continue
    return None


def parse_dates(
    values, *, label: str = "input", column: str = "date", dayfirst: bool | None = None
) -> list[date | None]:
    """Parse a file's date column; empty cells give None, nothing is guessed.

    Parameters
    ----------
    values : sequence of str
    label, column : str
        Named in error messages.
    dayfirst : bool, optional
        The order of ``nn/nn/yyyy`` dates when the data cannot tell (checked against
        the data when it can).

    Returns
    -------
    list of datetime.date or None

    Raises
    ------
    InputError
        Ambiguous or mixed day/month order, or a value no format fits (row named).

    Examples
    --------
    >>> parse_dates(["14/08/2020 00:00:00", "02/08/2020"])
    [datetime.date(2020, 8, 14), datetime.date(2020, 8, 2)]
    >>> parse_dates(["2024-02-29", "30 December 2023", ""])
    [datetime.date(2024, 2, 29), datetime.date(2023, 12, 30), None]
    >>> parse_dates(["02/08/2020"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geoinc.exceptions.InputError: input: cannot tell day from month ...
    """
    cleaned = ["" if v is None else str(v).strip() for v in values]
    numeric = [v for v in cleaned if _NUMERIC.match(v)]
    day_first = _numeric_order(numeric, label, column, dayfirst) if numeric else True
    out: list[date | None] = []
    for i, v in enumerate(cleaned):
        if not v:
            out.append(None)
            continue
        try:
            d = _one_date(v, day_first)
        except ValueError:  # 31/02/2024 and the like
            d = None
        if d is None:
            raise InputError(f"{label}: row {i + 2}: {column} {v!r} is not a date geoinc can read")
        out.append(d)
    return out


class CountryCodes(NamedTuple):
    """One row of ``interop_countries.tsv`` (codes as text, "" when unknown)."""

    iso_numeric: str
    acled_region: str
    gw_code: str
    ucdp_region: str
    ucdp_name: str


@lru_cache(maxsize=1)
def _countries() -> dict[str, CountryCodes]:
    out = {}
    for iso2, rest in lang.table("en", "interop_countries").items():
        cells = [c.strip() for c in rest.split("\t")]
        out[iso2] = CountryCodes(*(cells + [""] * 5)[:5])
    return out


def country_codes(iso2) -> CountryCodes | None:
    """Codes other datasets use for a country (None when the table lacks it).

    Examples
    --------
    >>> country_codes("UA").iso_numeric, country_codes("RU").gw_code
    ('804', '365')
    """
    return _countries().get(str(iso2).upper()) if isinstance(iso2, str) and iso2 else None


@lru_cache(maxsize=512)
def country_iso2(name: str) -> str | None:
    """ISO2 of a country name as ACLED or UCDP spell it ("Russia (Soviet Union)").

    Examples
    --------
    >>> country_iso2("Russia (Soviet Union)"), country_iso2("Ukraine")
    ('RU', 'UA')
    """
    for iso2, row in _countries().items():
        if name == row.ucdp_name:
            return iso2
    base = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
    try:
        from geoinc.gazetteer import Gazetteer

        hits = Gazetteer.default().lookup(base, kind="country", limit=1, fuzzy=False)
    except GeoincError:  # an unknown name stays unknown, not fatal
        return None
    return hits[0].country if hits else None


@lru_cache(maxsize=512)
def country_name(iso2) -> str:
    """English country name of an ISO2 code ("" when unknown; the code when not found)."""
    if not isinstance(iso2, str) or not iso2:
        return ""
    try:
        from geoinc.gazetteer import Gazetteer

        return Gazetteer.default().country_place(iso2).name
    except GeoincError:  # an unknown code keeps its code rather than stopping an export
        return iso2


@lru_cache(maxsize=2048)
def admin1_spelling(code, name) -> str:
    """A region's name as ACLED spells it, from geoinc's ``admin1`` code or name.

    Examples
    --------
    >>> admin1_spelling("UA.26", "Zaporizhzhia"), admin1_spelling("RU.09", "Belgorod Oblast")
    ('Zaporizhia', 'Belgorod')
    >>> admin1_spelling(None, "Kharkiv Oblast")
    'Kharkiv'
    """
    fixed = lang.table("en", "interop_acled_admin1")
    if isinstance(code, str) and code in fixed:
        return fixed[code]
    if not isinstance(name, str) or not name:
        if isinstance(code, str) and code:
            try:
                from geoinc.gazetteer import Gazetteer

                name = Gazetteer.default().admin1_place(code).name
            except GeoincError:
                return ""
        else:
            return ""
    for suffix in lang.phrases("en", "interop_admin1_suffixes"):
        if name.endswith(" " + suffix):
            return name[: -len(suffix) - 1].strip()
    return name


@lru_cache(maxsize=2048)
def admin1_code(name, iso2) -> str | None:
    """geoinc's admin1 code of a region named as ACLED/UCDP name it (None if unknown).

    Examples
    --------
    >>> admin1_code("Zaporizhia", "UA"), admin1_code("Kharkiv oblast", "UA")
    ('UA.26', 'UA.07')
    """
    if not isinstance(name, str) or not name or not isinstance(iso2, str) or not iso2:
        return None
    for code, spelled in lang.table("en", "interop_acled_admin1").items():
        if spelled.lower() == name.lower() and code.startswith(iso2 + "."):
            return code
    base = admin1_spelling(None, name)
    try:
        from geoinc.gazetteer import Gazetteer

        hits = Gazetteer.default().lookup(base, kind="admin1", country=iso2, limit=1, fuzzy=False)
    except GeoincError:
        return None
    return hits[0].admin1 if hits else None


def strip_prefix(value, prefix: str) -> str:
    """``value`` without any number of leading ``prefix`` (ids of earlier round trips).

    Examples
    --------
    >>> strip_prefix("acled:acled:UKR40153", "acled:")
    'UKR40153'
    """
    text = "" if value is None else str(value)
    while text.startswith(prefix):
        text = text[len(prefix) :]
    return text
