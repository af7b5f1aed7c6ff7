"""Position in a country: "the northeastern city of Kharkiv", "in western Ukraine",
"the eastern Donetsk region"; and country membership: "the Russian city of Belgorod"."""

from __future__ import annotations

import re

from geoinc.borders import compass_point, geodesic_distance
from geoinc.claims import _measure as ms
from geoinc.claims import _patterns as pt
from geoinc.claims._context import (
    NAME,
    POPULATED,
    Ctx,
    Subject,
    country_code,
    misspelt,
    resolve,
)
from geoinc.claims._model import CONSISTENT, INCONSISTENT, ROUGHLY, Unverifiable
from geoinc.claims._registry import register
from geoinc.claims.kinds_distance import is_point, no_place

#: Relative distance from the country's centre (in country radii) for "central":
#: consistent up to the first, roughly up to the second; a compass direction for a place
#: nearer the centre than NEAR_CENTRE is at best roughly consistent.
CENTRAL_OK, CENTRAL_ROUGH, NEAR_CENTRE = 0.55, 0.9, 0.25


def _region_point(place):
    """A region's (lon, lat): its polygon's centroid where bundled, else its point."""
    from geoinc.claims._context import gazetteer

    poly = gazetteer().admin1_polygon(place.admin1) if place.kind == "admin1" else None
    if poly is not None:
        c = poly.representative_point() if not poly.contains(poly.centroid) else poly.centroid
        return c.x, c.y
    return place.lon, place.lat


def _coast_rule(place, stated_deg: float) -> tuple[bool, str]:
    """A place on the sea coast, with the sea on the stated side, is at that edge."""
    if place.kind not in POPULATED:
        return False, ""
    km = ms.coast_km(place)
    if km is None or km > ms.COAST_OK_KM:
        return False, ""
    frame = ms.country_frame(place.country)
    _, bearing = geodesic_distance(frame[0], frame[1], place.lon, place.lat)
    if ms.angle_diff(stated_deg, float(bearing)) > 90.0:
        return False, ""
    return True, f"{place.name} is {km:.1f} km from the sea coast, on the stated side"


def judge_position(place, iso2: str, dir_word: str, voc) -> dict:
    """Result fields for "the <direction> part of <country>" said of ``place``."""
    frame = ms.country_frame(iso2)
    if frame is None:
        raise Unverifiable(f"no polygon for {iso2}", place=place)
    lon, lat, radius = frame
    plon, plat = _region_point(place)
    km, bearing = (float(x) for x in geodesic_distance(lon, lat, plon, plat))
    rel = km / radius
    inside, how = (
        ms.in_country(place, iso2)
        if place.kind in POPULATED
        else (place.country == iso2, "country code of the region")
    )
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
        f"(Natural Earth 10m polygon; {ms.POV}) to {place.name}; distance relative to the "
        f"country's equal-area radius ({radius:.0f} km); in-country test: {how}"
    )
    base = {"computed": computed, "method": method}
    if not inside:
        return {
            **base,
            "verdict": INCONSISTENT,
            "tolerance": "the place must lie in the country",
            "reason": f"{place.name} is not in {iso2} under internationally recognised borders",
        }
    stated_deg = voc.direction_degrees(dir_word)
    if stated_deg is None:  # "central"
        return {**base, **_judge_central(place, iso2, rel)}
    return {**base, **_judge_side(place, iso2, stated_deg, bearing, rel)}


def _judge_central(place, iso2: str, rel: float) -> dict:
    verdict = CONSISTENT if rel <= CENTRAL_OK else ROUGHLY if rel <= CENTRAL_ROUGH else INCONSISTENT
    return {
        "verdict": verdict,
        "tolerance": (
            f"relative distance from the centre ≤ {CENTRAL_OK} consistent, ≤ {CENTRAL_ROUGH} "
            "roughly consistent"
        ),
        "reason": f"{place.name} is {rel:.2f} country radii from {iso2}'s centre",
    }


def _judge_side(place, iso2: str, stated_deg: float, bearing: float, rel: float) -> dict:
    """A compass side of the country: one sector from the centre, or the coast on that side."""
    verdict, tol = ms.judge_direction(stated_deg, bearing, 0.0)
    tol += (
        f"; nearer the centre than {NEAR_CENTRE} radii at best roughly consistent; a place "
        f"within {ms.COAST_OK_KM:g} km of a coast on the stated side is consistent"
    )
    on_coast, coast_reason = _coast_rule(place, stated_deg)
    if on_coast:
        verdict = CONSISTENT
    elif rel < NEAR_CENTRE and verdict == CONSISTENT:
        verdict = ROUGHLY
    reason = coast_reason or (
        f"{place.name} lies {compass_point(bearing)} of {iso2}'s centre "
        f"(bearing {bearing:.0f}°, {rel:.2f} country radii out)"
    )
    return {"verdict": verdict, "tolerance": tol, "reason": reason}


def position_fields(ctx: Ctx, subject: Subject, iso2: str | None, dir_word: str, kinds) -> dict:
    """The stated and computed fields of a position claim ("in western Ukraine")."""
    place = subject.place
    stated = {"direction": " ".join(dir_word.lower().split()), "country": iso2}
    if (
        place is None
        or place.kind not in kinds
        or (place.kind in POPULATED and not is_point(place))
    ):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    iso2 = iso2 or place.country
    stated["country"] = iso2
    return {
        "subject": subject,
        "stated": stated,
        "kind": "region_direction",
        **judge_position(place, iso2, dir_word, ctx.voc),
    }


#: A describing word between the compass adjective and the noun ("the southern
#: shipbuilding city"): any lower-case word but "of"/"and", which start another phrase.
_MODIFIER = r"(?!(?:of|and)\b)[a-z][a-z-]+"


def _rx_region_city(v) -> str:
    return (
        rf"\b(?P<dir>{pt.diradj(v)})\s+(?:(?P<adjc>{pt.CAP})\s+)?(?:(?:{pt.attr(v)}|{_MODIFIER})\s+){{0,2}}"
        rf"{pt.settlement(v)}(?:\s+of\s+(?P<target>{NAME})|\s+in\s+(?P<incountry>{pt.CAP})\b)?"
    )


@register("region_direction", pattern=_rx_region_city, order=50)
def check_region_city(ctx: Ctx, m: re.Match):
    """ "the northeastern city of Kharkiv", "Mariupol, a southern port city in Ukraine"."""
    before = ctx.text[max(ctx.sent_start, m.start() - 20) : m.start()]
    owner = re.search(r"([A-Z][a-z]+)['’]s\s*$", before)
    iso2 = (
        country_code(m.group("adjc"), ctx.voc)
        or country_code(m.group("incountry"), ctx.voc)
        or (country_code(owner.group(1), ctx.voc) if owner else None)
    )
    if m.group("target"):
        subject = ctx.place_at(m.start("target"), m.end("target"), m.group("target"))
    elif re.search(r",\s*(?:an?|the)\s+$", ctx.text[ctx.sent_start : m.start()]):
        subject = ctx.subject_before(m.start(), lookback=False)
    else:
        return None
    return position_fields(ctx, subject, iso2, m.group("dir"), POPULATED)


#: "the country" said of a place: its own country ("in the south of the country").
_OWN_COUNTRY = r"(?P<own{n}>(?i:the\s+country))"


def _rx_in_region(v) -> str:
    d = rf"(?:{pt.diradj(v)}|{pt.dirword(v)})"
    return (
        rf"(?:\b(?i:in)\s+(?:the\s+)?(?:far\s+)?|,\s+)(?P<dir>{d})\s+(?P<country>{pt.CAP})\b"
        rf"|\b(?i:in)\s+(?:(?P<owner>{pt.CAP})|{_OWN_COUNTRY.format(n=2)})['’]s\s+(?:far\s+)?(?P<dir2>{d})\b"
        rf"(?!\s+{NAME})"
        rf"|\b(?i:in\s+the)\s+(?:far\s+)?(?P<dir3>{d})\s+(?i:of)\s+"
        rf"(?:(?P<country3>{pt.CAP})|{_OWN_COUNTRY.format(n=3)})\b"
    )


@register("region_direction", name="region_direction_in", pattern=_rx_in_region, order=55)
def check_in_region(ctx: Ctx, m: re.Match):
    """ "Lviv in western Ukraine", "Avdiivka, eastern Ukraine", "in Ukraine's northeast"."""
    word = m.group("country") or m.group("owner") or m.group("country3")
    if m.group("own2") or m.group("own3"):
        return _in_own_country(ctx, m)
    iso2 = country_code(word, ctx.voc)
    if (
        iso2 is None
        or resolve(word, kinds=POPULATED) is not None
        and not country_code(word, ctx.voc)
    ):
        return None  # "in eastern Europe": not a country
    kinds = (*POPULATED, "admin1")
    subject = ctx.subject_before(m.start(), kinds=kinds, lookback=False)
    if subject.place is None:
        subject = ctx.subject_after(m.end(), kinds=kinds, country=iso2)
    if subject.place is None:
        subject = ctx.subject_before(m.start(), kinds=kinds)
    if not subject.name:
        return None  # "fighting in eastern Ukraine": an event's area, no place to check
    dir_word = m.group("dir") or m.group("dir2") or m.group("dir3")
    fields = position_fields(ctx, subject, iso2, dir_word, (*POPULATED, "admin1"))
    return {**fields, "kind": "region_direction"}


def _in_own_country(ctx: Ctx, m: re.Match):
    """ "Mykolaiv, in the south of the country": the side of the place's own country."""
    kinds = (*POPULATED, "admin1")
    subject = ctx.subject_before(m.start(), kinds=kinds, lookback=False)
    if not subject.name:
        return None  # "fighting in the east of the country": an event's area
    dir_word = m.group("dir2") or m.group("dir3")
    return position_fields(ctx, subject, None, dir_word, kinds)


def _rx_region_position(v) -> str:
    return (
        rf"\b(?P<dir>{pt.diradj(v)})\s+(?:(?P<adjc>{pt.CAP})\s+)?(?:(?P<rname>{NAME})\s+"
        rf"{pt.region_noun(v)}|{pt.region_noun(v)}\s+of\s+(?P<rname2>{NAME}))"
    )


@register("region_direction", name="region_position", pattern=_rx_region_position, order=56)
def check_region_position(ctx: Ctx, m: re.Match):
    """ "the eastern Donetsk region", "the southern region of Kherson"."""
    noun = re.search(pt.region_noun(ctx.voc), m.group(0))
    if noun and ctx.voc.region_levels.get(" ".join(noun.group(0).lower().split())) != "admin1":
        return None  # "Kyiv's central X district": a quarter of a city, not of the country
    name = m.group("rname") or m.group("rname2")
    region = resolve_region(name, ctx)
    start = m.start("rname") if m.group("rname") else m.start("rname2")
    subject = Subject(region, name, (start, start + len(name)), "claim")
    before = ctx.text[max(ctx.sent_start, m.start() - 20) : m.start()]
    owner = re.search(r"([A-Z][a-z]+)['’]s\s*$", before)
    iso2 = country_code(m.group("adjc"), ctx.voc) or (
        country_code(owner.group(1), ctx.voc) if owner else None
    )
    fields = position_fields(ctx, subject, iso2, m.group("dir"), ("admin1",))
    return {**fields, "kind": "region_direction"}


def resolve_region(name: str, ctx: Ctx):
    """A first-level region for a name as written ("Kharkiv", "Lugansk", "Moscow")."""
    from geoinc.claims._context import gazetteer

    for query in (f"{name} Oblast", f"{name} region", f"{name} Krai", name):
        found = gazetteer().lookup(query, kind=["admin1"], limit=1, fuzzy=False)
        if found and found[0].kind == "admin1":
            return found[0]
    return misspelt(name, ("admin1",))


def _rx_country_city(v) -> str:
    return (
        rf"\b(?i:the|a|an)\s+(?:{_MODIFIER}\s+)?(?P<adjc>{pt.CAP})\s+"
        rf"(?:(?:{pt.attr(v)}|{pt.diradj(v)})\s+){{0,2}}"
        rf"(?P<what>{pt.settlement(v)})\b(?:\s+of\s+(?P<target>{NAME}))?"
    )


@register("country", pattern=_rx_country_city, order=90, overlaps=True)
def check_country(ctx: Ctx, m: re.Match):
    """ "the Ukrainian city of Kharkiv", "Belgorod, a Russian city"."""
    iso2 = ctx.voc.demonyms.get(m.group("adjc").lower())
    if iso2 is None:
        return None
    if m.group("target"):
        subject = ctx.place_at(m.start("target"), m.end("target"), m.group("target"))
    elif re.search(r",\s*$", ctx.text[ctx.sent_start : m.start()]):
        subject = ctx.subject_before(m.start(), lookback=False)
    else:
        return None
    return country_fields(subject, iso2)


def country_fields(subject: Subject, iso2: str) -> dict:
    """Result fields for "``subject`` is in the country ``iso2``"."""
    stated = {"country": iso2}
    if not is_point(subject.place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    inside, how = ms.in_country(subject.place, iso2)
    if inside is None:
        inside = subject.place.country == iso2
    name = subject.place.name
    return {
        "subject": subject,
        "stated": stated,
        "verdict": CONSISTENT if inside else INCONSISTENT,
        "computed": {"country": subject.place.country, "in_stated_country": inside},
        "tolerance": (
            f"the place's centre must lie in the country's polygon, or within "
            f"{ms.COAST_BUFFER_KM:g} km of it and in no other country"
        ),
        "method": f"Natural Earth 10m country polygons: {how}; {ms.POV}",
        "reason": (
            f"{name} is {'in' if inside else 'not in'} {iso2} under internationally "
            f"recognised borders"
        ),
    }


def _rx_region_part(v) -> str:
    parts = "(?i:" + "|".join(re.escape(p) for p in v.parts) + ")"
    return (
        rf"\b(?i:in\s+the)\s+(?P<dir>{pt.diradj(v)}|{pt.dirword(v)})\s+{parts}\s+(?i:of)\s+"
        rf"(?:the\s+)?(?P<rname>{NAME})\s+{pt.region_noun(v)}"
    )


@register("region_direction", name="region_part", pattern=_rx_region_part, order=54)
def check_region_part(ctx: Ctx, m: re.Match):
    """ "Kupiansk lies in the eastern part of Kharkiv Oblast"."""
    region = resolve_region(m.group("rname"), ctx)
    subject = ctx.subject_before(m.start())
    stated = {"direction": " ".join(m.group("dir").lower().split()), "region": m.group("rname")}
    if not subject.name:
        return None
    if region is None or not is_point(subject.place):
        missing = subject if not is_point(subject.place) else Subject(None, m.group("rname"))
        raise Unverifiable(no_place(missing), subject=subject, stated=stated)
    stated_deg = ctx.voc.direction_degrees(m.group("dir"))
    rlon, rlat = _region_point(region)
    km, bearing = (
        float(x) for x in geodesic_distance(rlon, rlat, subject.place.lon, subject.place.lat)
    )
    if stated_deg is None:
        raise Unverifiable(
            "'central' within a region is not measured", subject=subject, stated=stated
        )
    verdict, tol = ms.judge_direction(stated_deg, bearing, 0.0)
    if subject.place.admin1 != region.admin1:
        verdict = INCONSISTENT
    return {
        "subject": subject,
        "stated": stated,
        "verdict": verdict,
        "tolerance": tol,
        "computed": {
            "bearing_from_centre": round(bearing, 1),
            "km_from_centre": round(km, 1),
            "admin1": subject.place.admin1,
        },
        "method": (
            f"geodesic bearing on WGS84 from the centre of {region.name} (its polygon's "
            f"centroid where bundled, else its GeoNames point) to {subject.place.name}"
        ),
        "reason": (
            f"{subject.place.name} lies {compass_point(bearing)} of the centre of "
            f"{region.name} ({km:.0f} km)"
        ),
    }
