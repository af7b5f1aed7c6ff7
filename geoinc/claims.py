"""Find checkable geographic statements in text and verify them.

:func:`check_text` finds, sentence by sentence, statements a fact-checker would check
by hand and measures each against the bundled gazetteer and border lines:

``border_distance``   "Belgorod, a Russian city just 30 kilometers (19 miles) from the border"
``place_distance``    "Kramatorsk, about 70 km north of Donetsk"
``direction``         "Irpin, north-west of Kyiv"
``region_direction``  "the northeastern city of Kharkiv", "Lviv in western Ukraine"
``adjacency``         "Kharkiv, just across the border from Belgorod"
``border_city``       "the Russian border city of Belgorod"
``country``           "the Ukrainian city of Kharkiv", "Belgorod, a Russian city"
``rank``              "Ukraine's second-largest city", "the country's 2nd largest city"

Each :class:`ClaimResult` carries the stated value, the computed value, the verdict
(``consistent`` · ``roughly consistent`` · ``inconsistent`` · ``unverifiable``), the
tolerance and method used and the evidence sentence with character offsets. The
tolerance policy (a city of 350,000 people is not a point) is documented in
``docs/claims.md``; all distances are geodesic on WGS84 and all borders are the
internationally recognised ones (Crimea in Ukraine) unless a result says otherwise.

A claim about a place the gazetteer does not know is ``unverifiable``; nothing here
raises on odd text.

Examples
--------
>>> [r] = check_text("Belgorod, a city 5 km from the border, was hit.")
>>> r.kind, r.verdict, r.place.name
('border_distance', 'inconsistent', 'Belgorod')
>>> round(r.computed["km"], 1), r.dataset
(32.1, 'osm')
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from geoinc.borders import (
    POINT_OF_VIEW,
    border_pairs,
    compass_point,
    distance_to_border,
    geodesic_distance,
)
from geoinc.exceptions import GeoincError
from geoinc.extract.numbers import NUMBER_WORDS_PATTERN, parse_number

__all__ = [
    "VERDICTS",
    "CONSISTENT",
    "ROUGHLY",
    "INCONSISTENT",
    "UNVERIFIABLE",
    "ClaimResult",
    "check_text",
    "city_radius_km",
]

logger = logging.getLogger("geoinc")

CONSISTENT, ROUGHLY, INCONSISTENT, UNVERIFIABLE = (
    "consistent",
    "roughly consistent",
    "inconsistent",
    "unverifiable",
)
VERDICTS = (CONSISTENT, ROUGHLY, INCONSISTENT, UNVERIFIABLE)
_ORDER = {v: i for i, v in enumerate(VERDICTS)}

#: Tolerance policy constants; docs/claims.md explains each.
DENSITY_PER_KM2 = 3000.0  # people per km² of built-up city, to turn population into extent
MIN_RADIUS_KM, MAX_RADIUS_KM = 0.5, 25.0
ABS_SLACK_KM, REL_SLACK = 2.0, 0.10  # measuring slack: where "the centre" is, rounding
APPROX_REL = 0.10  # "about 30 km" / a bare "30 km" covers 27–33 km
NEAR_BORDER_KM, ROUGH_BORDER_KM = 50.0, 100.0  # "border city", "just across the border"
DIR_OK_DEG, DIR_ROUGH_DEG = 45.0, 67.5  # off the named compass direction
MILE_KM = 1.609344

# Vague amounts read as numbers for distances only; other number words are parsed by
# geoinc.extract.numbers, shared with casualty figures.
_APPROX_WORDS = {"a dozen": 12, "a few": 3}
_ORDINALS = {
    "largest": 1,
    "biggest": 1,
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
}
_DIR_DEG = {
    "north": 0,
    "northeast": 45,
    "east": 90,
    "southeast": 135,
    "south": 180,
    "southwest": 225,
    "west": 270,
    "northwest": 315,
}
_DEMONYMS = {
    "russian": "RU",
    "ukrainian": "UA",
    "belarusian": "BY",
    "belarussian": "BY",
    "moldovan": "MD",
    "polish": "PL",
    "romanian": "RO",
    "hungarian": "HU",
    "slovak": "SK",
    "georgian": "GE",
    "kazakh": "KZ",
    "lithuanian": "LT",
    "latvian": "LV",
    "estonian": "EE",
    "finnish": "FI",
    "chinese": "CN",
    "turkish": "TR",
    "syrian": "SY",
    "israeli": "IL",
    "lebanese": "LB",
    "iranian": "IR",
    "iraqi": "IQ",
    "german": "DE",
    "french": "FR",
    "american": "US",
}

# --------------------------------------------------------------------------- regexes
_NUM = r"\d{1,5}(?:[.,]\d+)?|a dozen|a few|" + NUMBER_WORDS_PATTERN
_UNIT = r"(?i:km|kms|kilomet(?:er|re)s?|mi|miles?)\b"
_QUAL = (
    r"(?i:just|only|some|about|around|roughly|approximately|approx\.|an estimated|nearly|almost|"
    r"close to|barely|merely|less than|under|fewer than|no more than|up to|within|"
    r"more than|over|at least|beyond)"
)
_DIST = (
    rf"(?:(?P<qual>{_QUAL})\s+)?(?P<n1>{_NUM})(?:\s*(?:-|–|to)\s*(?P<n2>{_NUM}))?"
    rf"[\s-]*(?P<unit>{_UNIT})(?:\s*\((?P<alt>[^)]{{1,40}})\))?"
)
_DIRWORD = (
    r"(?i:north[\s-]?east|north[\s-]?west|south[\s-]?east|south[\s-]?west|north|south|east|west)"
)
_DIRADJ = (
    r"(?i:north[\s-]?eastern|north[\s-]?western|south[\s-]?eastern|south[\s-]?western|"
    r"northern|southern|eastern|western|central)"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?!Oblast\b)[A-Z][\w'’-]*){0,2}"
_SETTLEMENT = r"(?i:city|town|village|settlement|port|capital|region|oblast)"

_RX_BORDER = re.compile(
    rf"{_DIST}\s+(?:away\s+)?(?:from|of|off|inside|to)\s+the\s+(?:(?P<adj>[A-Z][a-z]+)\s+)?"
    rf"(?:state\s+)?border(?:\s+with\s+(?P<with>{_NAME}))?"
)
_RX_PLACE_DIST = re.compile(
    rf"{_DIST}\s+(?:\(.{{0,30}}?\)\s+)?(?:(?P<dir>{_DIRWORD})\s+)?(?:of|from)\s+"
    rf"(?:the\s+(?:{_SETTLEMENT})\s+of\s+)?(?P<target>{_NAME})"
)
_RX_DIRECTION = re.compile(
    rf"(?<![\w-])(?i:(?:just|directly|due|immediately)\s+)?(?P<dir>{_DIRWORD})\s+of\s+"
    rf"(?:the\s+(?:{_SETTLEMENT})\s+of\s+)?(?P<target>{_NAME})"
)
_RX_REGION_CITY = re.compile(
    rf"\b(?P<dir>{_DIRADJ})\s+(?:(?P<adjc>[A-Z][a-z]+)\s+)?(?:border\s+)?{_SETTLEMENT}\s+of\s+(?P<target>{_NAME})",
)
_RX_IN_REGION = re.compile(
    rf"\bin\s+(?:the\s+)?(?:far\s+)?(?P<dir>{_DIRADJ})\s+(?P<country>[A-Z][a-z]+)\b"
)
_RX_ACROSS = re.compile(
    rf"(?i:(?:just\s+|right\s+|directly\s+)?(?:across|over|on\s+the\s+other\s+side\s+of)\s+the\s+border\s+)"
    rf"from\s+(?:the\s+(?:{_SETTLEMENT})\s+of\s+)?(?P<target>{_NAME})"
)
_RX_BORDER_CITY = re.compile(
    rf"\b(?:(?P<adjc>[A-Z][a-z]+)\s+)?border\s+(?:city|town|village|region)\s+of\s+(?P<target>{_NAME})"
)
_RX_COUNTRY_CITY = re.compile(
    rf"\b(?:the|a|an)\s+(?P<adjc>[A-Z][a-z]+)\s+(?:(?:border|frontline|front-line|industrial|port|"
    rf"regional|northern|southern|eastern|western|north[\s-]?eastern|south[\s-]?eastern|"
    rf"north[\s-]?western|south[\s-]?western)\s+)?(?P<what>city|town|village)\b(?:\s+of\s+(?P<target>{_NAME}))?"
)
_ORD = "(?i:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_RX_RANK = re.compile(
    rf"(?:(?P<owner>(?i:the country|the nation)|[A-Z][a-z]+)['’]s\s+(?P<o1>{_ORD})(?i:[\s-]+(?:largest|biggest|"
    rf"most[\s-]populous))?\s+(?i:city)|(?i:the)\s+(?P<o2>{_ORD})(?i:[\s-]+(?:largest|biggest|most[\s-]populous))?\s+(?i:city)\s+"
    rf"(?:in|of)\s+(?P<owner2>the country|[A-Z][a-z]+))(?:\s*(?:,|of)\s+(?P<after>{_NAME}))?"
)
_RX_SENT_END = re.compile(r"[.!?]+[\"”’')]*(?=\s|$)|\n+")
_ABBREV_END = re.compile(r"\b(?:U\.S|U\.K|Mr|Mrs|Dr|St|approx|No|Gen|Lt|Col)\.$")


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class ClaimResult:
    """One geographic claim found in a text, and how it checked out.

    Attributes
    ----------
    kind : str
        ``border_distance``, ``place_distance``, ``direction``, ``region_direction``,
        ``adjacency``, ``border_city``, ``country`` or ``rank``.
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
        ``direction``, ``rank``, ``country`` as they apply.
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

    def to_dict(self) -> dict:
        """A JSON-ready dict (places as small dicts with name, geonameid, lon/lat, country)."""
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for key in ("place", "other"):
            p = out[key]
            out[key] = (
                None
                if p is None
                else {
                    "name": p.name,
                    "geonameid": p.geonameid,
                    "kind": p.kind,
                    "country": p.country,
                    "lon": p.lon,
                    "lat": p.lat,
                    "population": p.population,
                }
            )
        out["border_point"] = list(self.border_point) if self.border_point else None
        # JSON has no infinity: an open-ended "more than 30 km" has high = None
        out["stated"] = {
            k: (None if isinstance(v, float) and math.isinf(v) else v)
            for k, v in self.stated.items()
        }
        return out


# --------------------------------------------------------------------------- helpers
def city_radius_km(population: int | float | None) -> float:
    """Radius (km) of a disc holding a city's people at :data:`DENSITY_PER_KM2`.

    The extent allowance of the tolerance policy: a claim measured to a city's edge
    rather than its centre is still fair.

    Examples
    --------
    >>> round(city_radius_km(345_289), 1), round(city_radius_km(1_421_125), 1)
    (6.1, 12.3)
    >>> city_radius_km(0), city_radius_km(50_000_000)
    (0.5, 25.0)
    """
    pop = float(population or 0)
    r = math.sqrt(pop / (math.pi * DENSITY_PER_KM2)) if pop > 0 else 0.0
    return min(max(r, MIN_RADIUS_KM), MAX_RADIUS_KM)


def _number(text: str) -> float | None:
    t = text.strip().lower()
    if t in _APPROX_WORDS:
        return float(_APPROX_WORDS[t])
    if t[:1].isalpha():
        n = parse_number(t)
        return None if n is None else float(n)
    try:
        return (
            float(t.replace(",", ""))
            if re.fullmatch(r"\d{1,3}(,\d{3})+", t)
            else float(t.replace(",", "."))
        )
    except ValueError:
        return None


def _stated_distance(m: re.Match) -> dict | None:
    """The km interval a distance phrase allows, from its qualifier."""
    n1 = _number(m.group("n1"))
    if n1 is None:
        return None
    n2 = _number(m.group("n2")) if m.group("n2") else None
    unit = m.group("unit").lower()
    factor = MILE_KM if unit.startswith("mi") else 1.0
    qual = (m.group("qual") or "").lower()
    v1 = n1 * factor
    if n2 is not None:
        low, high, value = v1, n2 * factor, (v1 + n2 * factor) / 2
        rule = "a range"
    elif qual in ("less than", "under", "fewer than", "no more than", "up to", "within"):
        low, high, value, rule = 0.0, v1, v1, f"'{qual}': 0 to the figure"
    elif qual in ("more than", "over", "at least", "beyond"):
        low, high, value, rule = v1, math.inf, v1, f"'{qual}': the figure or more"
    elif qual in ("nearly", "almost", "close to", "barely"):
        low, high, value, rule = (
            v1 * (1 - 2 * APPROX_REL),
            v1,
            v1,
            f"'{qual}': {100 - 20:.0f}–100 % of the figure",
        )
    else:
        low, high, value = v1 * (1 - APPROX_REL), v1 * (1 + APPROX_REL), v1
        rule = f"{'‘' + qual + '’' if qual else 'a round figure'}: ±{APPROX_REL:.0%}"
    out = {
        "value": round(value, 3),
        "low": round(low, 3),
        "high": high if math.isinf(high) else round(high, 3),
        "unit": "mi" if factor != 1.0 else "km",
        "qualifier": qual or None,
        "as_written": m.group(0).strip(),
        "interval_rule": rule,
    }
    alt = m.group("alt")
    if alt:
        am = re.search(rf"(?P<n>{_NUM})\s*(?P<u>{_UNIT})", alt, re.I)
        if am and _number(am.group("n")) is not None:
            a = _number(am.group("n")) * (
                MILE_KM if am.group("u").lower().startswith("mi") else 1.0
            )
            out["alt_km"] = round(a, 3)
            # "30 kilometers (19 miles)": the two figures should agree to rounding
            out["alt_agrees"] = bool(abs(a - v1) <= max(1.0, 0.06 * v1))
    return out


def _fmt_interval(s: dict) -> str:
    hi = "∞" if math.isinf(s["high"]) else f"{s['high']:.1f}"
    return f"{s['low']:.1f}–{hi} km"


def _overlap(lo1: float, hi1: float, lo2: float, hi2: float) -> bool:
    return lo1 <= hi2 and lo2 <= hi1


def _slack(km: float) -> float:
    return max(ABS_SLACK_KM, REL_SLACK * km)


def _judge_distance(stated: dict, c_lo: float, c_hi: float, extent: float) -> tuple[str, str]:
    """Verdict and tolerance text for a stated km interval vs a computed band."""
    m = _slack(c_hi)
    tight = (max(0.0, c_lo - m), c_hi + m)
    loose = (max(0.0, c_lo - extent - m), c_hi + extent + m)
    tol = (
        f"stated {_fmt_interval(stated)} ({stated['interval_rule']}); consistent if it meets "
        f"{tight[0]:.1f}–{tight[1]:.1f} km (computed ± max({ABS_SLACK_KM:g} km, {REL_SLACK:.0%})), "
        f"roughly consistent if it meets {loose[0]:.1f}–{loose[1]:.1f} km "
        f"(also ± {extent:.1f} km for the places' extent)"
    )
    if _overlap(stated["low"], stated["high"], *tight):
        return CONSISTENT, tol
    if _overlap(stated["low"], stated["high"], *loose):
        return ROUGHLY, tol
    return INCONSISTENT, tol


def _angle_diff(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def _dir_key(word: str) -> str:
    w = re.sub(r"[\s-]", "", word.lower())
    return w.removesuffix("ern") if w.endswith("ern") else w


def _judge_direction(stated_deg: float, bearing: float, spread: float) -> tuple[str, str]:
    diff = _angle_diff(stated_deg, bearing)
    ok, rough = DIR_OK_DEG + spread, DIR_ROUGH_DEG + spread
    tol = (
        f"bearing within {ok:.0f}° of {stated_deg:.0f}° is consistent, within {rough:.0f}° roughly "
        f"consistent ({spread:.0f}° allowed for the places' extent)"
    )
    if diff <= ok:
        return CONSISTENT, tol
    if diff <= rough:
        return ROUGHLY, tol
    return INCONSISTENT, tol


@lru_cache(maxsize=1)
def _gazetteer():
    from geoinc.gazetteer import Gazetteer

    return Gazetteer.default()


def _country_code(word: str | None) -> str | None:
    """ISO2 for a country name or demonym ("Ukraine", "Ukrainian"), None if unknown."""
    if not word:
        return None
    w = word.strip().lower().removesuffix("'s").removesuffix("’s")
    if w in _DEMONYMS:
        return _DEMONYMS[w]
    found = _gazetteer().lookup(word, kind="country", fuzzy=False, limit=1)
    return found[0].country if found else None


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends at . ! ? before white space (not after "U.S." and the like) or a newline."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _RX_SENT_END.finditer(text):
        end = m.end()
        if m.group(0)[0] != "\n" and _ABBREV_END.search(text[start : m.start() + 1]):
            continue
        if text[start:end].strip():
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            spans.append((start + lead, end))
        start = end
    if text[start:].strip():
        lead = len(text[start:]) - len(text[start:].lstrip())
        spans.append((start + lead, len(text)))
    return spans


@dataclass
class _Ctx:
    text: str
    mentions: list
    sent_start: int
    sent_end: int
    #: spans of claims already found in the sentence; their places are objects, not subjects
    taken: list = field(default_factory=list)

    def sentence(self) -> str:
        return self.text[self.sent_start : self.sent_end]

    def _mention_places(self):
        return [
            m
            for m in self.mentions
            if m.place is not None and self.sent_start <= m.start and m.end <= self.sent_end
        ]

    def subject_before(self, pos: int, *, kinds=("place", "settlement")) -> tuple[Any, str]:
        """The last place named before ``pos`` in the sentence (skipping countries)."""
        cands = [
            m
            for m in self._mention_places()
            if m.end <= pos
            and m.place.kind in (*kinds, "admin1")
            and not any(a <= m.start and m.end <= b for a, b in self.taken)
        ]
        if cands:
            head = self.text[self.sent_start : pos]
            # "Kharkiv, near X, is the country's ...": a copula points back to the sentence's
            # subject (its first place); "..., which is ..." to the nearest one
            copula = re.search(
                r"(?<!which )(?<!that )\b(?:is|was|remains|became)\s+(?:also\s+|now\s+)?$", head
            )
            m = cands[0] if copula else cands[-1]
            if m.place.kind in kinds:
                return m.place, m.text
            # "Kyiv" read as Kyiv Oblast: the claim is about the city of that name
            return self.resolve(m.text, kinds=kinds) or m.place, m.text
        # no resolved mention: keep the name as written, so the result can say what it was
        head = self.text[self.sent_start : pos]
        # only a name right before the claim ("Qwxzyville, 30 km from ..."), and not a
        # headline word run that starts with a country ("Russia Pummels ...")
        m = re.search(
            rf"\b({_NAME})\s*(?:,|–|—|-)?\s*(?:(?:which|that)\s+(?:is|lies)\s+|(?:a|an|the)\s+"
            rf"(?:[a-z]+\s+){{0,3}})?$",
            head,
        )
        if m and _country_code(m.group(1).split()[0]) is None:
            return self.resolve(m.group(1)), m.group(1)
        return None, ""

    def place_at(self, start: int, end: int, name: str, *, kinds=("place", "settlement")):
        """The place a name captured by a pattern refers to: a mention there, else a lookup.

        A mention resolved to a region ("Kyiv" read as Kyiv Oblast) gives way to the
        populated place of the same name: distances and bearings are about the city.
        """
        fallback = None
        for m in self._mention_places():
            if m.start < end and start < m.end:
                if m.place.kind in kinds:
                    return m.place, m.text
                fallback = fallback or (m.place, m.text)
        found = self.resolve(name, kinds=kinds)
        if found is not None:
            return found, name
        return fallback if fallback else (None, name)

    @staticmethod
    def resolve(name: str, *, kinds=("place", "settlement", "admin1")):
        name = re.sub(r"\s+(?:city|town|village)$", "", name.strip(), flags=re.I)
        words = name.split()
        for n in range(len(words), 0, -1):  # "Donetsk On Monday" -> "Donetsk"
            found = _gazetteer().lookup(" ".join(words[:n]), kind=list(kinds), limit=1, fuzzy=False)
            if found:
                return found[0]
        return None


def _base(kind: str, ctx: _Ctx, m: re.Match, **kw) -> dict:
    return {
        "kind": kind,
        "text": m.group(0),
        "start": m.start(),
        "end": m.end(),
        "sentence": ctx.sentence(),
        "sentence_start": ctx.sent_start,
        **kw,
    }


def _unverifiable(base: dict, reason: str, **kw) -> ClaimResult:
    fields = {
        "place": None,
        "subject": "",
        "stated": {},
        "computed": {},
        "tolerance": "n/a",
        "method": "not measured",
        **kw,
    }
    return ClaimResult(**base, **fields, verdict=UNVERIFIABLE, reason=reason)


def _is_point_place(place) -> bool:
    return (
        place is not None and place.kind in ("place", "settlement") and place.precision == "point"
    )


def _unverifiable_pair(base: dict, place, subject: str, other, other_name: str,
                       stated: dict) -> ClaimResult:
    """A two-place claim one of whose places the gazetteer cannot locate."""
    missing = subject if not _is_point_place(place) else other_name
    return _unverifiable(base, _no_place_reason(missing), place=place, subject=subject,
                         stated=stated, other=other)


def _no_place_reason(subject: str) -> str:
    if subject:
        return f"the bundled gazetteer does not know {subject!r} as a populated place"
    return "no place named before the claim in its sentence"


# --------------------------------------------------------------------------- checkers
def _check_border_distance(ctx: _Ctx, m: re.Match) -> ClaimResult:
    base = _base("border_distance", ctx, m)
    stated = _stated_distance(m)
    place, subject = ctx.subject_before(m.start())
    if stated is None:
        return _unverifiable(base, "the distance could not be read", subject=subject, place=place)
    neighbour = _country_code(m.group("with")) or _country_code(m.group("adj"))
    if not _is_point_place(place):
        return _unverifiable(
            base, _no_place_reason(subject), place=place, subject=subject, stated=stated
        )
    if neighbour == place.country:  # "the Russian border" said of a Russian city: its own border
        neighbour = None
    border = (place.country, neighbour) if neighbour else place.country
    by_ds: dict[str, dict] = {}
    for ds in ("osm", "naturalearth"):
        try:
            r = distance_to_border(place.lon, place.lat, border=border, dataset=ds)
        except GeoincError:
            continue  # e.g. the OSM dataset holds only RU–UA
        by_ds[ds] = {
            "km": round(float(r.distance_km[0]), 3),
            "border_point": (round(float(r.border_lon[0]), 6), round(float(r.border_lat[0]), 6)),
            "border": f"{r.country_a[0]}–{r.country_b[0]}",
        }
    if not by_ds:
        return _unverifiable(
            base,
            f"no land border of {border!r} in the bundled datasets",
            place=place,
            subject=subject,
            stated=stated,
        )
    primary = (
        "osm"
        if "osm" in by_ds
        and by_ds["osm"]["border"]
        == by_ds.get("naturalearth", {}).get("border", by_ds["osm"]["border"])
        else "naturalearth"
    )
    kms = [d["km"] for d in by_ds.values()]
    extent = city_radius_km(place.population)
    verdict, tol = _judge_distance(stated, min(kms), max(kms), extent)
    main = by_ds[primary]
    computed = {
        "km": main["km"],
        "km_by_dataset": {k: v["km"] for k, v in by_ds.items()},
        "border": main["border"],
        "city_radius_km": round(extent, 2),
        "km_nearest_edge": round(max(0.0, main["km"] - extent), 3),
    }
    others = ", ".join(f"{v['km']:.1f} km on {k}" for k, v in by_ds.items() if k != primary)
    method = (
        f"geodesic distance on WGS84 (pyproj Geod) from the centre point of {place.name} "
        f"(GeoNames) to the nearest point of the {main['border']} border line, dataset {primary!r}"
        f"{' (' + others + ')' if others else ''}; {POINT_OF_VIEW}"
    )
    reason = (
        f"{place.name} is {main['km']:.1f} km from the {main['border']} border ({primary}); "
        f"the text says {stated['as_written']}"
    )
    if stated.get("alt_agrees") is False:
        reason += (
            f"; note the figure in brackets ({stated['alt_km']:.1f} km) does not match the first"
        )
    return ClaimResult(
        **base,
        place=place,
        subject=subject,
        stated=stated,
        computed=computed,
        verdict=verdict,
        tolerance=tol,
        method=method,
        dataset=primary,
        border_point=main["border_point"],
        reason=reason,
    )


def _two_places(ctx: _Ctx, m: re.Match) -> tuple[Any, str, Any, str]:
    place, subject = ctx.subject_before(m.start())
    other, other_name = ctx.place_at(m.start("target"), m.end("target"), m.group("target"))
    return place, subject, other, other_name


def _check_place_distance(ctx: _Ctx, m: re.Match) -> ClaimResult:
    base = _base("place_distance", ctx, m)
    stated = _stated_distance(m)
    place, subject, other, other_name = _two_places(ctx, m)
    if stated is None:
        return _unverifiable(base, "the distance could not be read", subject=subject)
    if m.group("dir"):
        stated["direction"] = compass_point(_DIR_DEG[_dir_key(m.group("dir"))])
    if not _is_point_place(place) or other is None:
        return _unverifiable_pair(base, place, subject, other, other_name, stated)
    km, bearing = geodesic_distance(other.lon, other.lat, place.lon, place.lat)
    extent = city_radius_km(place.population) + (
        city_radius_km(other.population) if other.kind in ("place", "settlement") else 0.0
    )
    verdict, tol = _judge_distance(stated, km, km, extent)
    computed = {
        "km": round(km, 3),
        "bearing": round(bearing, 1),
        "direction": compass_point(bearing),
        "extent_km": round(extent, 2),
    }
    if m.group("dir"):
        spread = math.degrees(math.atan2(extent, max(km, 1e-6)))
        dverdict, dtol = _judge_direction(_DIR_DEG[_dir_key(m.group("dir"))], bearing, spread)
        tol = f"{tol}; {dtol}"
        verdict = max(verdict, dverdict, key=_ORDER.__getitem__)
    method = (
        f"geodesic distance and bearing on WGS84 (pyproj Geod) between the centre points of "
        f"{other.name} and {place.name} (GeoNames)"
    )
    reason = (
        f"{place.name} is {km:.1f} km {compass_point(bearing)} of {other.name} "
        f"(bearing {bearing:.0f}°); the text says {m.group(0).strip()}"
    )
    return ClaimResult(
        **base,
        place=place,
        subject=subject,
        stated=stated,
        computed=computed,
        verdict=verdict,
        tolerance=tol,
        method=method,
        other=other,
        reason=reason,
    )


def _check_direction(ctx: _Ctx, m: re.Match) -> ClaimResult:
    base = _base("direction", ctx, m)
    place, subject, other, other_name = _two_places(ctx, m)
    stated_deg = _DIR_DEG[_dir_key(m.group("dir"))]
    stated = {"direction": compass_point(stated_deg), "of": m.group("target")}
    if not _is_point_place(place) or other is None:
        return _unverifiable_pair(base, place, subject, other, other_name, stated)
    km, bearing = geodesic_distance(other.lon, other.lat, place.lon, place.lat)
    extent = city_radius_km(place.population) + city_radius_km(other.population)
    spread = math.degrees(math.atan2(extent, max(km, 1e-6)))
    verdict, tol = _judge_direction(stated_deg, bearing, min(spread, 45.0))
    return ClaimResult(
        **base,
        place=place,
        subject=subject,
        stated=stated,
        computed={
            "bearing": round(bearing, 1),
            "direction": compass_point(bearing),
            "km": round(km, 3),
        },
        verdict=verdict,
        tolerance=tol,
        other=other,
        method=f"initial geodesic bearing on WGS84 from the centre of {other.name} to the centre of {place.name}",
        reason=f"{place.name} lies {compass_point(bearing)} of {other.name} (bearing {bearing:.0f}°, {km:.0f} km)",
    )


@lru_cache(maxsize=64)
def _country_frame(iso2: str):
    """Centre (lon, lat) of a country's polygon and its equal-area radius in km."""
    import shapely
    from pyproj import CRS, Transformer

    poly = _gazetteer().country_polygon(iso2)
    if poly is None:
        return None
    minx, miny, maxx, maxy = poly.bounds
    laea = CRS.from_proj4(
        f"+proj=laea +lat_0={(miny + maxy) / 2} +lon_0={(minx + maxx) / 2} +datum=WGS84"
    )
    fwd = Transformer.from_crs("EPSG:4326", laea, always_xy=True)
    inv = Transformer.from_crs(laea, "EPSG:4326", always_xy=True)
    projected = shapely.transform(
        poly, lambda xy: __import__("numpy").column_stack(fwd.transform(xy[:, 0], xy[:, 1]))
    )
    c = projected.centroid
    lon, lat = inv.transform(c.x, c.y)
    return (lon, lat, math.sqrt(projected.area / math.pi) / 1000.0, poly)


def _judge_region(place, iso2: str, dir_word: str) -> tuple[str, str, dict, str, str]:
    import shapely

    frame = _country_frame(iso2)
    if frame is None:
        return UNVERIFIABLE, "n/a", {}, "no polygon for the country", ""
    lon, lat, radius, poly = frame
    km, bearing = geodesic_distance(lon, lat, place.lon, place.lat)
    rel = km / radius
    inside = bool(shapely.contains_xy(poly, place.lon, place.lat))
    computed = {
        "bearing_from_centre": round(bearing, 1),
        "direction": compass_point(bearing),
        "km_from_centre": round(km, 1),
        "relative_distance": round(rel, 2),
        "in_country": inside,
        "country_centre": (round(lon, 4), round(lat, 4)),
    }
    method = (
        f"geodesic bearing and distance on WGS84 from the equal-area centroid of {iso2} "
        f"(Natural Earth 10m polygon; {POINT_OF_VIEW}) to the centre of {place.name}; distance "
        f"relative to the country's equal-area radius ({radius:.0f} km)"
    )
    if not inside:
        return (
            INCONSISTENT,
            "the place must lie in the country",
            computed,
            method,
            (f"{place.name} is not in {iso2} under internationally recognised borders"),
        )
    key = _dir_key(dir_word)
    if key == "central":
        tol = "relative distance from the centre ≤ 0.35 consistent, ≤ 0.5 roughly consistent"
        verdict = CONSISTENT if rel <= 0.35 else ROUGHLY if rel <= 0.5 else INCONSISTENT
        return (
            verdict,
            tol,
            computed,
            method,
            f"{place.name} is {rel:.2f} country radii from {iso2}'s centre",
        )
    verdict, tol = _judge_direction(_DIR_DEG[key], bearing, 0.0)
    tol += "; a place within 0.25 country radii of the centre is at best roughly consistent"
    if rel < 0.25 and verdict == CONSISTENT:
        verdict = ROUGHLY
    return (
        verdict,
        tol,
        computed,
        method,
        (
            f"{place.name} lies {compass_point(bearing)} of {iso2}'s centre (bearing {bearing:.0f}°, "
            f"{rel:.2f} country radii out)"
        ),
    )


def _check_region_city(ctx: _Ctx, m: re.Match) -> ClaimResult:
    base = _base("region_direction", ctx, m)
    place, subject = ctx.place_at(
        m.start("target"), m.end("target"), m.group("target"), kinds=("place", "settlement")
    )
    before = ctx.text[max(ctx.sent_start, m.start() - 20) : m.start()]
    owner = re.search(r"([A-Z][a-z]+)['’]s\s*$", before)
    iso2 = _country_code(m.group("adjc")) or (_country_code(owner.group(1)) if owner else None)
    stated = {"direction": m.group("dir").lower(), "country": iso2}
    if not _is_point_place(place):
        return _unverifiable(
            base, _no_place_reason(subject), place=place, subject=subject, stated=stated
        )
    iso2 = iso2 or place.country
    stated["country"] = iso2
    verdict, tol, computed, method, reason = _judge_region(place, iso2, m.group("dir"))
    return ClaimResult(
        **base,
        place=place,
        subject=subject,
        stated=stated,
        computed=computed,
        verdict=verdict,
        tolerance=tol,
        method=method,
        reason=reason,
    )


def _check_in_region(ctx: _Ctx, m: re.Match) -> ClaimResult | None:
    iso2 = _country_code(m.group("country"))
    if iso2 is None:
        return None  # "in eastern Europe" and the like: not a country
    base = _base("region_direction", ctx, m)
    place, subject = ctx.subject_before(m.start())
    stated = {"direction": m.group("dir").lower(), "country": iso2}
    if not _is_point_place(place):
        return _unverifiable(
            base, _no_place_reason(subject), place=place, subject=subject, stated=stated
        )
    verdict, tol, computed, method, reason = _judge_region(place, iso2, m.group("dir"))
    return ClaimResult(
        **base,
        place=place,
        subject=subject,
        stated=stated,
        computed=computed,
        verdict=verdict,
        tolerance=tol,
        method=method,
        reason=reason,
    )


def _border_km(place, border) -> tuple[float, str, tuple[float, float], str] | None:
    try:
        r = distance_to_border(place.lon, place.lat, border=border, dataset="auto")
    except GeoincError:
        return None
    return (
        float(r.distance_km[0]),
        str(r.dataset[0]),
        (round(float(r.border_lon[0]), 6), round(float(r.border_lat[0]), 6)),
        f"{r.country_a[0]}–{r.country_b[0]}",
    )


def _check_adjacency(ctx: _Ctx, m: re.Match) -> ClaimResult:
    base = _base("adjacency", ctx, m)
    place, subject, other, other_name = _two_places(ctx, m)
    stated = {"relation": "across the border from", "of": m.group("target")}
    if not _is_point_place(place) or not _is_point_place(other):
        return _unverifiable_pair(base, place, subject, other, other_name, stated)
    tol = (
        f"the two places are in neighbouring countries and each lies within {NEAR_BORDER_KM:g} km "
        f"(consistent) or {ROUGH_BORDER_KM:g} km (roughly) of their shared border, measured from "
        f"the city's edge (centre distance minus its radius)"
    )
    km_between, bearing = geodesic_distance(other.lon, other.lat, place.lon, place.lat)
    pair = tuple(sorted((place.country, other.country)))
    computed = {"km_between": round(km_between, 3), "countries": list(pair)}
    if place.country == other.country or pair not in border_pairs():
        reason = f"{place.name} ({place.country}) and {other.name} ({other.country}) " + (
            "are in the same country" if place.country == other.country else "share no land border"
        )
        return ClaimResult(
            **base,
            place=place,
            subject=subject,
            stated=stated,
            computed=computed,
            verdict=INCONSISTENT,
            tolerance=tol,
            method="country of each place (GeoNames)",
            other=other,
            reason=reason,
        )
    a, b = _border_km(place, pair), _border_km(other, pair)
    if a is None or b is None:
        return _unverifiable(
            base,
            "no shared border line in the bundled datasets",
            place=place,
            subject=subject,
            stated=stated,
            other=other,
        )
    edge = max(a[0] - city_radius_km(place.population), b[0] - city_radius_km(other.population))
    computed.update(
        {
            "km_to_border": round(a[0], 3),
            "other_km_to_border": round(b[0], 3),
            "worst_edge_km": round(edge, 3),
        }
    )
    verdict = (
        CONSISTENT
        if edge <= NEAR_BORDER_KM
        else ROUGHLY
        if edge <= ROUGH_BORDER_KM
        else INCONSISTENT
    )
    method = (
        f"geodesic distances on WGS84 from each centre point to the nearest point of the "
        f"{a[3]} border (dataset {a[1]!r}) and between the two centres; {POINT_OF_VIEW}"
    )
    reason = (
        f"{place.name} is {a[0]:.1f} km and {other.name} {b[0]:.1f} km from the {a[3]} border, "
        f"{km_between:.0f} km apart"
    )
    return ClaimResult(
        **base,
        place=place,
        subject=subject,
        stated=stated,
        computed=computed,
        verdict=verdict,
        tolerance=tol,
        method=method,
        dataset=a[1],
        border_point=a[2],
        other=other,
        reason=reason,
    )


def _check_border_city(ctx: _Ctx, m: re.Match) -> ClaimResult:
    base = _base("border_city", ctx, m)
    place, subject = ctx.place_at(
        m.start("target"), m.end("target"), m.group("target"), kinds=("place", "settlement")
    )
    stated = {"relation": "border city"}
    if not _is_point_place(place):
        return _unverifiable(
            base, _no_place_reason(subject), place=place, subject=subject, stated=stated
        )
    res = _border_km(place, place.country)
    if res is None:
        return _unverifiable(
            base,
            f"{place.country} has no land border in the bundled data",
            place=place,
            subject=subject,
            stated=stated,
        )
    km, ds, point, pair = res
    edge = km - city_radius_km(place.population)
    verdict = (
        CONSISTENT
        if edge <= NEAR_BORDER_KM
        else ROUGHLY
        if edge <= ROUGH_BORDER_KM
        else INCONSISTENT
    )
    return ClaimResult(
        **base,
        place=place,
        subject=subject,
        stated=stated,
        computed={"km": round(km, 3), "border": pair, "km_nearest_edge": round(edge, 3)},
        verdict=verdict,
        dataset=ds,
        border_point=point,
        tolerance=(
            f"edge of the city within {NEAR_BORDER_KM:g} km of a land border of its country "
            f"is consistent, within {ROUGH_BORDER_KM:g} km roughly consistent"
        ),
        method=(
            f"geodesic distance on WGS84 from the centre point of {place.name} to the nearest point of "
            f"a land border of {place.country} (dataset {ds!r}), minus the city's radius; {POINT_OF_VIEW}"
        ),
        reason=f"{place.name} is {km:.1f} km from the {pair} border",
    )


def _check_country(ctx: _Ctx, m: re.Match) -> ClaimResult | None:
    iso2 = _DEMONYMS.get(m.group("adjc").lower())
    if iso2 is None:
        return None
    base = _base("country", ctx, m)
    if m.group("target"):
        place, subject = ctx.place_at(
            m.start("target"), m.end("target"), m.group("target"), kinds=("place", "settlement")
        )
    else:  # "Belgorod, a Russian city ..."
        head = ctx.text[ctx.sent_start : m.start()]
        if not re.search(r",\s*$", head):
            return None
        place, subject = ctx.subject_before(m.start())
    stated = {"country": iso2}
    if not _is_point_place(place):
        return _unverifiable(
            base, _no_place_reason(subject), place=place, subject=subject, stated=stated
        )
    import shapely

    poly = _gazetteer().country_polygon(iso2)
    inside = (
        bool(shapely.contains_xy(poly, place.lon, place.lat))
        if poly is not None
        else place.country == iso2
    )
    verdict = CONSISTENT if inside else INCONSISTENT
    return ClaimResult(
        **base,
        place=place,
        subject=subject,
        stated=stated,
        computed={"country": place.country, "in_stated_country": inside},
        verdict=verdict,
        tolerance="the place's centre must lie in the country's polygon",
        method=f"point in polygon, Natural Earth 10m countries; {POINT_OF_VIEW}",
        reason=f"{place.name} is {'in' if inside else 'not in'} {iso2} under internationally recognised borders",
    )


def _check_rank(ctx: _Ctx, m: re.Match) -> ClaimResult:
    base = _base("rank", ctx, m)
    ordinal = (m.group("o1") or m.group("o2")).lower()
    rank = _ORDINALS[ordinal]
    owner = m.group("owner") or m.group("owner2") or ""
    if m.group("after"):
        place, subject = ctx.place_at(
            m.start("after"), m.end("after"), m.group("after"), kinds=("place", "settlement")
        )
    else:
        place, subject = ctx.subject_before(m.start())
    iso2 = None if owner.lower() in ("the country", "the nation") else _country_code(owner)
    if iso2 is None and owner and owner.lower() not in ("the country", "the nation"):
        return _unverifiable(
            base,
            f"{owner!r} is not a country geoinc knows",
            place=place,
            subject=subject,
            stated={"rank": rank},
        )
    if place is None or place.kind not in ("place", "settlement"):
        return _unverifiable(
            base,
            _no_place_reason(subject),
            place=place,
            subject=subject,
            stated={"rank": rank, "country": iso2},
        )
    iso2 = iso2 or place.country
    stated = {"rank": rank, "country": iso2, "measure": "population"}
    top = _gazetteer().largest_places(iso2, n=max(rank + 5, 20))
    ids = [p.geonameid for p in top]
    actual = ids.index(place.geonameid) + 1 if place.geonameid in ids else None
    computed = {
        "rank": actual,
        "top": [(p.name, p.population) for p in top[: max(rank, actual or 0) + 1]],
    }
    method = f"rank by GeoNames population among populated places of {iso2} (bundled gazetteer)"
    tol = (
        "same rank is consistent; one place off with populations within 10 % "
        "(sources disagree) is roughly consistent"
    )
    if actual is None:
        verdict = INCONSISTENT
        reason = f"{place.name} is not among the {len(top)} largest places of {iso2}"
    elif actual == rank:
        verdict, reason = CONSISTENT, f"{place.name} is number {actual} in {iso2} by population"
    else:
        rival = top[rank - 1] if rank <= len(top) else None
        close = (
            rival is not None
            and abs(actual - rank) == 1
            and abs(rival.population - place.population) <= 0.10 * max(rival.population, 1)
        )
        verdict = ROUGHLY if close else INCONSISTENT
        reason = f"{place.name} is number {actual} in {iso2} by population" + (
            f"; number {rank} is {rival.name}" if rival else ""
        )
    return ClaimResult(
        **base,
        place=place,
        subject=subject,
        stated=stated,
        computed=computed,
        verdict=verdict,
        tolerance=tol,
        method=method,
        reason=reason,
    )


# --------------------------------------------------------------------------- driver
def _mentions(text: str) -> list:
    try:
        from geoinc.geoparse import geoparse
    except ImportError:  # pragma: no cover - geoparse ships with geoinc
        return []
    return list(geoparse(text))


def check_text(text: str, *, kinds: tuple[str, ...] | None = None) -> list[ClaimResult]:
    """Find and verify the geographic claims of a text.

    Parameters
    ----------
    text : str
        Untrusted article text (any length; nothing in it is executed or rendered).
    kinds : tuple of str, optional
        Keep only these claim kinds (see :class:`ClaimResult`).

    Returns
    -------
    list of ClaimResult
        In text order. Claims about unknown places are ``unverifiable``, never errors.

    Raises
    ------
    ClaimError
        When ``text`` is not a string.

    Examples
    --------
    >>> rs = check_text("Lviv, Ukraine's second-largest city, was quiet.")
    >>> [(r.kind, r.verdict, r.computed["rank"]) for r in rs]
    [('rank', 'inconsistent', 6)]
    >>> [r.verdict for r in check_text("Qwxzyville, 30 km from the border, was shelled.")]
    ['unverifiable']
    """
    from geoinc.exceptions import ClaimError

    if not isinstance(text, str):
        raise ClaimError(f"check_text needs a str, got {type(text).__name__}")
    mentions = _mentions(text) if text.strip() else []
    results: list[ClaimResult] = []
    for s, e in _split_sentences(text):
        ctx = _Ctx(text, mentions, s, e)
        taken = ctx.taken

        plan = (
            (_RX_BORDER, _check_border_distance),
            (_RX_PLACE_DIST, _check_place_distance),
            (_RX_ACROSS, _check_adjacency),
            (_RX_DIRECTION, _check_direction),
            (_RX_REGION_CITY, _check_region_city),
            (_RX_IN_REGION, _check_in_region),
            (_RX_BORDER_CITY, _check_border_city),
            (_RX_RANK, _check_rank),
            (_RX_COUNTRY_CITY, _check_country),
        )
        for rx, checker in plan:
            for m in rx.finditer(text, s, e):
                overlaps = any(m.start() < y and x < m.end() for x, y in taken)
                if overlaps and checker not in (_check_country, _check_border_city):
                    continue
                if checker is _check_place_distance and re.match(r"the\b", m.group("target"), re.I):
                    continue
                try:
                    res = checker(ctx, m)
                except GeoincError as err:  # a data gap must not lose the claim
                    logger.warning("claim %r could not be verified: %s", m.group(0), err)
                    res = _unverifiable(_base("unknown", ctx, m), f"verification failed: {err}")
                if res is None:
                    continue
                if kinds is None or res.kind in kinds:
                    results.append(res)
                taken.append((m.start(), m.end()))
    results.sort(key=lambda r: (r.start, r.end, r.kind))
    return results
