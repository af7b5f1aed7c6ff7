"""What a place is said to be: "the port city of Odesa", "the border city of Sumy",
"the regional capital of Dnipro", "the capital Kyiv". Attributes the bundled data cannot
judge ("industrial", "frontline", "hilltop") are kept as unverifiable, with why."""

from __future__ import annotations

import re
from functools import lru_cache

from geoinc.claims import _measure as ms
from geoinc.claims import _patterns as pt
from geoinc.claims._context import (
    NAME,
    POPULATED,
    SUBJECT_LOOKBACK,
    Ctx,
    country_code,
    gazetteer,
    national_capital,
)
from geoinc.claims._model import CONSISTENT, INCONSISTENT, ROUGHLY, Unverifiable
from geoinc.claims._registry import register
from geoinc.claims.kinds_distance import FRONT_LINE_WHY, is_point, no_place
from geoinc.claims.kinds_proximity import _unit_near_border, border_city_fields
from geoinc.exceptions import GeoincError
from geoinc.names import normalize as normalize_name

_WHY_NOT = {
    "frontline": FRONT_LINE_WHY,
    "river": "the bundled data has no rivers (a river port is not judged by the sea coast)",
    "unchecked": "the bundled data cannot judge this attribute",
}


def _rx_attribute(v) -> str:
    return (
        rf"\b(?:(?P<dir>{pt.diradj(v)})\s+)?(?:(?P<adjc>{pt.CAP})\s+)?"
        rf"(?P<attr>{pt.attr(v)}(?:\s+{pt.attr(v)}){{0,2}})\s+"
        rf"(?:(?P<noun>{pt.settlement(v)}|{pt.region_noun(v)})"
        rf"(?:\s+(?i:of|at)\s+(?P<target>{NAME}))?|(?i:of|at)\s+(?P<target2>{NAME}))"
    )


def _subject(ctx: Ctx, m: re.Match, group: str, kinds):
    if m.group(group):
        return ctx.place_at(m.start(group), m.end(group), m.group(group), kinds=kinds)
    head = ctx.text[ctx.sent_start : m.start()]
    # "Novorossiysk, Russia's main Black Sea port": an owner may stand before the words
    owner = r"(?:[A-Z][a-z]+['’]s\s+)?"
    if re.search(rf"(?:,|\bis|\bwas)\s*(?:(?i:an?|the|one\s+of\s+the)\s+)?{owner}$", head):
        return ctx.subject_before(m.start(), lookback=False, kinds=kinds)
    if re.search(r"(?i:\bthe)\s+$", head):  # "the Russian border city": named before
        return ctx.subject_before(m.start(), kinds=kinds, lookback=True)
    if re.search(r"\b(?i:in|at)\s+$", head) and not ctx.subject_before(m.start()).name:
        # a headline's "... in Russian border city": the place of that country the report
        # names next (after a byline and a dateline)
        found = ctx.subject_after(
            m.end(),
            kinds=kinds,
            country=country_code(m.group("adjc"), ctx.voc),
            ahead=SUBJECT_LOOKBACK,
        )
        return found if found.name else None
    return None


def _main_attribute(run: str, voc) -> tuple[str, str]:
    """The word of an attribute run that says most ("Russian-occupied regional capital":
    regional capital): the first one the data can check, else the first."""
    words = run.lower().split()
    found = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            w = " ".join(words[i : i + n])
            if w in voc.attributes:
                found.append(w)
                i += n
                break
        else:
            i += 1
    rivers = [w for w in found if voc.attributes[w] == "river"]
    if rivers:  # "the river port city of X": a river port, whatever else is said
        return rivers[0], "river"
    checkable = [w for w in found if voc.attributes[w] not in _WHY_NOT]
    best = (checkable or found or [run.lower()])[0]
    return best, voc.attributes.get(best, "unchecked")


def _coast_fields(place) -> dict:
    km = ms.coast_km(place)
    tol = (
        f"within {ms.COAST_OK_KM:g} km of the sea coast consistent, within "
        f"{ms.COAST_ROUGH_KM:g} km (an estuary or river port) roughly consistent"
    )
    method = (
        "geodesic distance (azimuthal equidistant projection centred on the place) to the "
        "country's Natural Earth 10m outline minus its land borders"
    )
    if km is None:
        return {
            "verdict": INCONSISTENT,
            "tolerance": tol,
            "method": method,
            "computed": {"km_to_coast": None},
            "reason": f"{place.country} has no sea coast",
        }
    verdict = (
        CONSISTENT if km <= ms.COAST_OK_KM else ROUGHLY if km <= ms.COAST_ROUGH_KM else INCONSISTENT
    )
    return {
        "verdict": verdict,
        "tolerance": tol,
        "method": method,
        "computed": {"km_to_coast": round(km, 2)},
        "reason": f"{place.name} is {km:.1f} km from the sea coast",
    }


#: The largest places of a country searched for a region's largest (its usual seat).
_REGION_SEARCH = 5000


@lru_cache(maxsize=512)
def _largest_in_region(iso2: str, admin1: str):
    """The most populous place of a first-level region, or None."""
    try:
        top = gazetteer().largest_places(iso2, _REGION_SEARCH)
    except GeoincError:
        return None
    return next((p for p in top if p.admin1 == admin1), None)


def _seat(verdict: str, method: str, tolerance: str, reason: str, **computed) -> dict:
    return {
        "verdict": verdict,
        "computed": computed,
        "method": method,
        "tolerance": tolerance,
        "reason": reason,
    }


def _seat_fields(place, national: bool) -> dict:
    """A capital: national = the country's listed capital (or its largest place);
    regional = the region is named after it, or it is the region's largest place.
    Otherwise unverifiable (the gazetteer does not record seats)."""
    if national:
        capital = national_capital(place.country)
        top = gazetteer().largest_places(place.country, 1)
        if capital is not None and capital.geonameid != place.geonameid:
            return _seat(
                INCONSISTENT,
                "the country's capital (claims_national_capitals.tsv, GeoNames)",
                "the place must be the listed capital",
                f"the capital of {place.country} is {capital.name}",
                capital=capital.name,
            )
        if capital is not None or (top and top[0].geonameid == place.geonameid):
            return _seat(
                CONSISTENT,
                "the country's capital (claims_national_capitals.tsv), else its largest place",
                "the listed capital, or the country's largest place when none is listed",
                f"{place.name} is the capital of {place.country}",
                capital=place.name,
            )
        raise Unverifiable(
            f"no capital is listed for {place.country}, and {place.name} is not its largest place",
            place=place,
        )
    region = normalize_name(place.admin1_name or "")
    city = normalize_name(place.name)
    largest = _largest_in_region(place.country, place.admin1) if place.admin1 else None
    named = bool(city) and region.startswith(city[: max(4, len(city) - 2)])
    if named or (largest is not None and largest.geonameid == place.geonameid):
        return _seat(
            CONSISTENT,
            "the region's GeoNames name begins with the city's, or the city is the "
            "region's most populous place",
            "a region named after the city, or whose largest place it is, has it as its seat",
            f"{place.name} is the seat of {place.admin1_name}"
            + (" (named after it)" if named else " (its largest place)"),
            admin1=place.admin1_name,
        )
    raise Unverifiable(
        f"the bundled gazetteer does not record regional seats ({place.name} is "
        f"in {place.admin1_name or 'an unknown region'} and not its largest place)",
        place=place,
    )


@register(
    "attribute",
    pattern=_rx_attribute,
    order=70,
    overlaps=True,
    emits=("border_city", "border_proximity"),
)
def check_attribute(ctx: Ctx, m: re.Match):
    """ "the port city of Odesa", "the border city of Chernihiv", "the frontline city of X"."""
    attr, how = _main_attribute(" ".join(m.group("attr").split()), ctx.voc)
    noun = (m.group("noun") or "").lower()
    if how == "unchecked" and ctx.voc.attributes.get(noun, "unchecked") not in _WHY_NOT:
        attr, how = noun, ctx.voc.attributes[noun]  # "a major port": the noun says it
    bare = not (noun or m.group("adjc") or m.group("dir")) and len(m.group("attr").split()) == 1
    if bare and attr in {w.lower() for w in ctx.voc.settlements}:
        return None  # "from the port of Odesa": the harbour, not a claim about the city
    region_noun = noun in {r.lower() for r in ctx.voc.regions}
    if region_noun and how != "border":
        return None  # "the occupied regions": not a claim about a place
    kinds = ("admin1",) if region_noun else POPULATED
    subject = _subject(ctx, m, "target" if m.group("target") else "target2", kinds)
    if subject is None:
        return None
    kind = "border_city" if how == "border" else "attribute"
    stated = {"attribute": attr, "relation": "border city" if how == "border" else attr}
    if how in _WHY_NOT:
        if how == "unchecked" and not (m.group("target") or m.group("target2")):
            return None  # "the occupied city": nothing checkable, nothing named
        raise Unverifiable(_WHY_NOT[how], subject=subject, stated=stated, kind=kind)
    neighbour = country_code(m.group("adjc"), ctx.voc)
    if region_noun and subject.place is not None and subject.place.kind == "admin1":
        return {
            "subject": subject,
            "stated": stated,
            "kind": "border_proximity",
            **_unit_near_border(
                ctx, subject.place, neighbour if neighbour != subject.place.country else None
            ),
        }
    if not is_point(subject.place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated, kind=kind)
    if how == "border":
        fields = border_city_fields(
            subject.place, None if neighbour == subject.place.country else neighbour
        )
    elif how == "coast":
        fields = _coast_fields(subject.place)
    else:  # seat
        national = attr == "capital" and not (m.group("noun") or "").lower().startswith("region")
        fields = _seat_fields(subject.place, national)
    return {"subject": subject, "stated": stated, "kind": kind, **fields}


def _rx_capital(v) -> str:
    heads = sorted({re.sub(r"^the\s+", "", c.lower()) for c in v.capitals}, key=len, reverse=True)
    alt = "(?i:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in heads) + ")"
    return (
        rf"\b(?:(?i:the|its)|(?P<owner>{pt.CAP})['’]s)\s+(?:(?P<adjc>{pt.CAP})\s+)?"
        rf"(?P<what>{alt})(?:\s+(?i:of)|\s*,)?\s+(?P<target>{NAME})"
    )


@register("attribute", name="capital", pattern=_rx_capital, order=72, overlaps=True)
def check_capital(ctx: Ctx, m: re.Match):
    """ "the capital Kyiv", "Ukraine's capital Kyiv", "the regional capital of Dnipro"."""
    if m.group("target").split()[0].lower() in ctx.voc.not_names:
        return None  # "the capital Thursday"
    subject = ctx.place_at(m.start("target"), m.end("target"), m.group("target"))
    if subject.place is not None and subject.place.kind in ("country", "admin1"):
        return None  # "the capital of Ukraine": what is the capital is named elsewhere
    what = " ".join(m.group("what").lower().split())
    stated = {
        "attribute": what,
        "country": country_code(m.group("owner") or m.group("adjc"), ctx.voc),
    }
    if not is_point(subject.place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    national = not what.startswith(("regional", "administrative"))
    return {"subject": subject, "stated": stated, **_seat_fields(subject.place, national)}


def _rx_capital_after(v) -> str:
    heads = sorted({re.sub(r"^the\s+", "", c.lower()) for c in v.capitals}, key=len, reverse=True)
    alt = "(?i:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in heads) + ")"
    return rf"(?:,|\b(?:is|was))\s+(?i:the)\s+(?P<what>{alt})(?=\s*[,;:.)—–])"


@register("attribute", name="capital_after", pattern=_rx_capital_after, order=74)
def check_capital_after(ctx: Ctx, m: re.Match):
    """ "Kyiv, the capital, ...", "Sumy is the regional centre.": the place named before."""
    subject = ctx.subject_before(m.start(), lookback=False)
    if not subject.name:
        return None
    what = " ".join(m.group("what").lower().split())
    stated = {"attribute": what}
    if not is_point(subject.place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    national = not what.startswith(("regional", "administrative"))
    try:
        fields = _seat_fields(subject.place, national)
    except Unverifiable as u:  # keep whose claim it is
        raise Unverifiable(u.reason, subject=subject, stated=stated) from None
    return {"subject": subject, "stated": stated, **fields}


def _rx_capital_of(v) -> str:
    heads = sorted({re.sub(r"^the\s+", "", c.lower()) for c in v.capitals}, key=len, reverse=True)
    alt = "(?i:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in heads) + ")"
    return (
        rf",\s+(?:(?i:the)\s+)?(?P<what>{alt})\s+(?i:of)\s+(?:(?i:the)\s+)?(?P<of>{NAME})"
        rf"(?:\s+{pt.region_noun(v)})?"
    )


@register("attribute", name="capital_of", pattern=_rx_capital_of, order=73, overlaps=True)
def check_capital_of(ctx: Ctx, m: re.Match):
    """ "Kazan, capital of the Tatarstan republic", "Kyiv, the capital of Ukraine"."""
    from geoinc.claims.kinds_position import resolve_region

    subject = ctx.subject_before(m.start(), lookback=False)
    if not subject.name:
        return None
    stated = {"attribute": " ".join(m.group("what").lower().split()), "of": m.group("of")}
    if not is_point(subject.place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    place, iso2 = subject.place, country_code(m.group("of"), ctx.voc)
    region = None if iso2 else resolve_region(m.group("of"), ctx)
    if iso2 is None and region is None:
        raise Unverifiable(
            f"the bundled gazetteer does not know {m.group('of')!r}", subject=subject, stated=stated
        )
    if (iso2 or region.country) != place.country or (region and region.admin1 != place.admin1):
        where = region.name if region else iso2
        return {
            "subject": subject,
            "stated": stated,
            "verdict": INCONSISTENT,
            "computed": {"country": place.country, "admin1": place.admin1_name},
            "tolerance": "a capital lies in what it is the capital of",
            "method": "GeoNames country and admin1 of the place",
            "reason": f"{place.name} is not in {where}",
        }
    span = (subject.span[0], m.end()) if subject.span else (m.start(), m.end())
    return {
        "subject": subject,
        "stated": stated,
        "span": span,
        **_seat_fields(place, national=bool(iso2)),
    }
