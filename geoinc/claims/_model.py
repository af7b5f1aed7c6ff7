"""Verdicts, the claim result, and the one path every checker's answer takes to become one."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from geoinc.borders import POINT_OF_VIEW

__all__ = [
    "CONSISTENT",
    "ROUGHLY",
    "INCONSISTENT",
    "UNVERIFIABLE",
    "VERDICTS",
    "ClaimResult",
    "Unverifiable",
    "worst",
]

CONSISTENT, ROUGHLY, INCONSISTENT, UNVERIFIABLE = (
    "consistent",
    "roughly consistent",
    "inconsistent",
    "unverifiable",
)
VERDICTS = (CONSISTENT, ROUGHLY, INCONSISTENT, UNVERIFIABLE)
_ORDER = {v: i for i, v in enumerate(VERDICTS)}


def worst(*verdicts: str) -> str:
    """The least favourable of several verdicts (unverifiable counts as worst).

    Examples
    --------
    >>> worst("consistent", "roughly consistent")
    'roughly consistent'
    """
    return max(verdicts, key=_ORDER.__getitem__)


class Unverifiable(Exception):  # noqa: N818 - a signal inside the package, never raised out
    """Raised by a checker that found a claim but cannot measure it.

    ``reason`` says why; keyword fields (``place``, ``subject``, ``stated`` ...) keep
    what was understood so the result loses nothing.
    """

    def __init__(self, reason: str, **fields: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fields = fields


def _place_dict(p) -> dict | None:
    if p is None:
        return None
    return {
        "name": p.name,
        "geonameid": p.geonameid,
        "kind": p.kind,
        "country": p.country,
        "lon": p.lon,
        "lat": p.lat,
        "population": p.population,
    }


def _json_number(v):
    return None if isinstance(v, float) and math.isinf(v) else v


@dataclass(frozen=True)
class ClaimResult:
    """One geographic claim found in a text, and how it checked out.

    Attributes
    ----------
    kind : str
        One of :data:`geoinc.claims.KINDS` (``border_distance``, ``region`` ...).
    text : str
        The claim span as written; ``text == source[start:end]``.
    start, end : int
        Character offsets of the claim span in the checked text.
    sentence : str
        The evidence sentence; ``sentence_start`` is its offset.
    place : Place or None
        What the claim is about, resolved in the bundled gazetteer (None: unknown).
    subject : str
        The name of that place as written ("" when none was found).
    stated : dict
        What the text says: ``value``/``low``/``high`` (km), ``unit``, ``qualifier``,
        ``direction``, ``rank``, ``country``, ``region``, ``population`` as they apply.
    computed : dict
        What geoinc measured: ``km``, ``km_by_dataset``, ``bearing``, ``rank`` ...
    verdict : str
        One of :data:`VERDICTS`.
    tolerance : str
        The tolerance applied, in words with its numbers.
    method : str
        How it was measured (geodesic, centre point vs nearest point, dataset, POV).
    dataset : str or None
        The border dataset of ``border_point`` (None when no border was involved).
    border_point : tuple of float or None
        ``(lon, lat)`` of the nearest border point, for drawing the measured line.
    other : Place or None
        The second place of a two-place claim (Donetsk in "70 km north of Donetsk").
    reason : str
        One sentence saying why the verdict is what it is.
    subject_start, subject_end : int or None
        Offsets of the subject's name in the text (None when not named).
    subject_from : str
        ``"claim"`` (named in the claim), ``"sentence"`` (earlier in its sentence),
        ``"earlier sentence"`` (a pronoun or "the city" took the nearest place before) or
        ``"later"`` ("a strike in western Ukraine" took the place the report names next).
    """

    kind: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    place: Any
    subject: str
    stated: dict
    computed: dict
    verdict: str
    tolerance: str
    method: str
    dataset: str | None = None
    border_point: tuple[float, float] | None = None
    other: Any = None
    reason: str = ""
    point_of_view: str = field(default=POINT_OF_VIEW, repr=False)
    subject_start: int | None = field(default=None, repr=False)
    subject_end: int | None = field(default=None, repr=False)
    subject_from: str = field(default="", repr=False)

    def to_dict(self) -> dict:
        """A JSON-ready dict (places as small dicts with name, geonameid, lon/lat, country)."""
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["place"] = _place_dict(self.place)
        out["other"] = _place_dict(self.other)
        out["border_point"] = list(self.border_point) if self.border_point else None
        # JSON has no infinity: an open-ended "more than 30 km" has high = None
        out["stated"] = {k: _json_number(v) for k, v in self.stated.items()}
        return out


_DEFAULTS = {
    "place": None,
    "subject": "",
    "stated": {},
    "computed": {},
    "tolerance": "n/a",
    "method": "not measured",
}


def build_result(kind: str, ctx, m: re.Match, fields: dict) -> ClaimResult:
    """The shared result path: claim span and sentence from the match, the rest from
    what the checker found (``fields``) over the defaults."""
    merged = {**_DEFAULTS, **fields}
    merged.setdefault("kind", kind)
    subject_span = merged.pop("subject_span", None)
    if subject_span is not None:
        merged["subject_start"], merged["subject_end"] = subject_span
    start, end = merged.pop("span", (m.start(), m.end()))
    return ClaimResult(
        text=ctx.text[start:end],
        start=start,
        end=end,
        sentence=ctx.sentence(),
        sentence_start=ctx.sent_start,
        **merged,
    )
