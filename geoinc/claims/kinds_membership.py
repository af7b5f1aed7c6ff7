"""Membership in a region: "Izium, in the Kharkiv region", "Borova in Kharkiv Oblast",
"Russia's Belgorod region", "the Gomel region of Belarus", "Saky in Crimea".

The commonest claim in conflict reporting, and the one that most often reveals a wrong
place: a town put in the wrong oblast is usually a different town of the same name.
"""

from __future__ import annotations

import re

from geoinc.claims import _measure as ms
from geoinc.claims import _patterns as pt
from geoinc.claims._context import (
    NAME,
    POPULATED,
    Ctx,
    Subject,
    country_code,
    gazetteer,
    resolve,
)
from geoinc.claims._model import CONSISTENT, INCONSISTENT, Unverifiable
from geoinc.claims._registry import register
from geoinc.claims._vocab import alternation
from geoinc.claims.kinds_position import resolve_region
from geoinc.names import normalize

#: A point this close outside the stated oblast's polygon still counts as inside (GeoNames
#: points and generalised polygons disagree by a few km along oblast boundaries).
REGION_BUFFER_KM = 3.0
_APPOSITION = re.compile(
    r"(?:\s*,\s*|\s+(?:is|was)\s+)(?:a|an)\s(?:[^,;.()]|(?<=\d)[,.](?=\d)){0,60}?"
)
_GAP = r"(?:\s*,\s*|\s+)(?:(?i:located|situated|which\s+is|that\s+is|lies|is)\s+)?"


def _rx_in_region(v) -> str:
    occupied = rf"(?:(?:the\s+)?{pt.attr(v)}\s+(?:(?i:part\s+of)\s+)?)?"
    # "in the south-east of the Kharkiv region", "in the northern part of Kharkiv Oblast"
    parts = "(?i:" + alternation(v.parts)[3:]
    side = (
        rf"(?:(?:the\s+)?(?:far\s+)?(?:{pt.dirword(v)}|{pt.diradj(v)}\s+{parts})\s+(?i:of)\s+"
        rf"(?=(?:the\s+)?{NAME}\s+{pt.region_noun(v)}))?"
    )
    return (
        rf"{_GAP}(?i:in)\s+{side}{occupied}(?:the\s+)?(?:{pt.diradj(v)}\s+)?(?:"
        rf"(?P<r1>{NAME})\s+(?P<noun1>{pt.region_noun(v)})"
        rf"|(?P<noun2>{pt.region_noun(v)})\s+of\s+(?P<r2>{NAME})"
        rf"|(?P<r3>{NAME}))"
        rf"|\s*,\s*(?P<r4>{NAME})\s+(?P<noun4>{pt.region_noun(v)})"
        # "Hlukhiv, a Sumy region town": the region as a modifier of a settlement noun
        rf"|\s*,\s*(?i:an?)\s+(?P<r5>{NAME})[\s-]+(?P<noun5>{pt.region_noun(v)})[\s-]+"
        rf"{pt.settlement(v)}\b"
    )


def _adjacent_subject(ctx: Ctx, pos: int) -> Subject | None:
    """The place named right before ``pos`` ("Izium" in "Izium, in ..."), or before an
    apposition ("Chaplyne, a town of 3,500 people, in ..."), or None."""
    facility = re.compile(
        r"\s+(?:(?:[A-Z][a-z]+|[a-z]+)\s+){0,2}?(?i:" + alternation(ctx.voc.facilities)[3:] + r"\s*"
    )
    cands = [
        mm
        for mm in ctx.places_in(ctx.sent_start, pos)
        if pos - mm.end <= 1
        or _APPOSITION.fullmatch(ctx.text, mm.end, pos)
        or facility.fullmatch(ctx.text, mm.end, pos)
    ]
    if not cands:
        return None
    mm = cands[-1]
    return Subject(mm.place, mm.text, (mm.start, mm.end), "claim")


def _region_codes(name: str, noun: str | None, ctx: Ctx) -> tuple[tuple[str, ...], str, str]:
    """(admin1 codes, label, level) a region name stands for; level "admin2" for districts."""
    key = " ".join(name.lower().split())
    if key in ctx.voc.region_groups:
        return ctx.voc.region_groups[key], name, "admin1"
    level = ctx.voc.region_levels.get(" ".join((noun or "").lower().split()), "admin1")
    if level == "admin2":
        return (), name, level
    region = resolve_region(name, ctx)
    if region is None:
        return (), name, level
    return (region.admin1,), region.name, level


def _in_polygon(place, codes) -> bool:
    import shapely

    for code in codes:
        poly = gazetteer().admin1_polygon(code)
        if poly is None:
            continue
        if shapely.contains_xy(poly, place.lon, place.lat):
            return True
        km = ms._km_to_geometry(place.lon, place.lat, poly, 0.3)
        if km is not None and km <= REGION_BUFFER_KM:
            return True
    return False


def _judge_admin2(subject: Subject, name: str) -> dict:
    place = subject.place
    have = normalize(place.admin2_name or "")
    if not have:
        raise Unverifiable(
            f"the bundled gazetteer has no district for {place.name}",
            subject=subject,
            stated={"region": name},
        )
    want = normalize(name)
    ok = have.startswith(want[: max(4, len(want) - 2)])
    return {
        "verdict": CONSISTENT if ok else INCONSISTENT,
        "computed": {"admin2": place.admin2_name},
        "tolerance": "the district names must share their stem",
        "method": "GeoNames / KATOTTG district (admin2) of the place",
        "reason": f"{place.name} is in {place.admin2_name}",
    }


#: Adjectival district endings that turn back into the seat's name ("Mozhaisky" -> Mozhaisk).
_ADJ_END = re.compile(r"(?:s?kyi|s?kiy|s?kii|s?ky|s?kaya|s?ka)$", re.I)


def _district_by_seat(subject: Subject, name: str, codes, label: str, stated: dict) -> dict:
    """A district (no district polygons or ids are bundled) is placed by the town it is
    named after: "the Khimki district of Moscow Oblast" holds if Khimki is in Moscow Oblast."""
    seat = None
    for cand in dict.fromkeys((name, _ADJ_END.sub("sk", name), _ADJ_END.sub("", name))):
        found = gazetteer().lookup(cand, kind=list(POPULATED), limit=5, fuzzy=False)
        country = codes[0].split(".")[0]
        found = [p for p in found if p.country == country]
        seat = next((p for p in found if p.admin1 in codes), found[0] if found else None)
        if seat is not None:
            break
    if seat is None:  # a spelling variant ("Narofominsky"): only a namesake inside counts
        fuzzy = gazetteer().lookup(_ADJ_END.sub("sk", name), kind=list(POPULATED), limit=10)
        seat = next((p for p in fuzzy if p.admin1 in codes and p.score >= 0.85), None)
    if seat is None:
        raise Unverifiable(
            f"no district or town {name!r} in the bundled gazetteer", subject=subject, stated=stated
        )
    fields = judge_membership(Subject(seat, name, subject.span, "claim"), codes, label)
    fields["method"] = (
        f"the district's namesake town {seat.name} (GeoNames {seat.geonameid}) "
        "and its admin1 code: no district boundaries are bundled"
    )
    return {"subject": Subject(seat, name, subject.span, "claim"), "stated": stated, **fields}


#: A city district is found when a place of its name lies this far beyond the city's
#: extent radius at most.
DISTRICT_SLACK_KM = 5.0


def _district_names(name: str) -> list[tuple[str, bool]]:
    """Names a city district may carry in the gazetteer, with whether to match them
    loosely: as written, without its adjective ending, as an adjective ("-skyi"), and the
    adjective of the city it is named after ("the Kiev district" = Kyivskyi); spelling
    variants ("Voroshilovsky") only loosely, as the district must also lie in the city."""
    base = _ADJ_END.sub("", name)
    cands = [name, base, base + "skyi"]
    namesake = resolve(name, kinds=POPULATED)
    if namesake is not None:
        cands.append(_ADJ_END.sub("", namesake.name) + "skyi")
    out = [(c, False) for c in dict.fromkeys(cands)]
    return out + [(base + "skyi", True)]


def _city_district(ctx: Ctx, subject: Subject, name: str, parent: str, stated: dict) -> dict:
    """ "the Shevchenkivskyi district of Kyiv": a GeoNames place of the district's name
    inside the city's extent confirms it; none makes it unverifiable, never inconsistent
    (GeoNames lists few city districts)."""
    city = resolve(parent, kinds=POPULATED)
    if city is None:
        raise Unverifiable(
            f"the bundled gazetteer does not know the city {parent!r}",
            subject=subject,
            stated=stated,
        )
    reach = ms.city_radius_km(city.population) + DISTRICT_SLACK_KM
    for cand, fuzzy in _district_names(name):
        for p in gazetteer().lookup(cand, kind=list(POPULATED), limit=10, fuzzy=fuzzy):
            km, _ = ms.between(city, p)
            if km <= reach:
                return {
                    "subject": Subject(p, name, subject.span, "claim"),
                    "stated": stated,
                    "verdict": CONSISTENT,
                    "computed": {"km_from_city_centre": round(km, 2)},
                    "tolerance": f"a place of that name within {reach:.1f} km of the centre",
                    "method": "GeoNames place of the district's name near the city's centre",
                    "reason": f"{p.name} lies {km:.1f} km from the centre of {city.name}",
                }
    raise Unverifiable(
        f"the bundled gazetteer has no district {name!r} in {city.name}",
        subject=subject,
        stated=stated,
    )


def judge_membership(subject: Subject, codes, label: str) -> dict:
    """Verdict fields for "``subject`` is in the region(s) ``codes``"."""
    place = subject.place
    same = place.admin1 in codes
    inside = same or (
        place.kind in POPULATED and place.precision == "point" and _in_polygon(place, codes)
    )
    where = place.admin1_name or place.admin1 or "an unknown region"
    return {
        "verdict": CONSISTENT if inside else INCONSISTENT,
        "computed": {
            "admin1": place.admin1,
            "admin1_name": place.admin1_name,
            "in_stated_region": inside,
        },
        "tolerance": (
            f"the place's first-level region is the stated one, or its point lies in "
            f"the stated oblast's polygon or within {REGION_BUFFER_KM:g} km of it"
        ),
        "method": "GeoNames admin1 code of the place; geoBoundaries oblast polygons (Ukraine)",
        "reason": f"{place.name} is in {where}" + ("" if inside else f", not in {label}"),
    }


def _bare_region(ctx: Ctx, m: re.Match) -> bool:
    """A bare name after "in" is a region only when the geoparser read it as one (or it is
    a known group such as Crimea): "Kremenchuk in June" is no claim."""
    name = " ".join(m.group("r3").lower().split())
    if name in ctx.voc.region_groups:
        return True
    return any(
        mm.place.kind == "admin1" and mm.start < m.end("r3") and m.start("r3") < mm.end
        for mm in ctx.places_in(ctx.sent_start, ctx.sent_end)
    )


@register("region", pattern=_rx_in_region, order=80, overlaps=True)
def check_in_region(ctx: Ctx, m: re.Match):
    """ "Izium, in the Kharkiv region", "Borova in Kharkiv Oblast", "Saky in Crimea"."""
    subject = _adjacent_subject(ctx, m.start())
    if subject is None:
        return None
    if m.group("r3") and not _bare_region(ctx, m):
        return None
    name = m.group("r1") or m.group("r2") or m.group("r3") or m.group("r4") or m.group("r5")
    noun = m.group("noun1") or m.group("noun2") or m.group("noun4") or m.group("noun5")
    codes, label, level = _region_codes(name, noun, ctx)
    if subject.place is not None and subject.place.kind not in (*POPULATED, "admin1"):
        return None
    stated = {"region": label, "admin1": list(codes)}
    span = (subject.span[0], m.end())
    if level == "admin2":
        return {"subject": subject, "stated": stated, "span": span, **_judge_admin2(subject, name)}
    if not codes:
        raise Unverifiable(
            f"the bundled gazetteer does not know {name!r} as a region",
            subject=subject,
            stated=stated,
            span=span,
        )
    if subject.place.kind == "admin1" and subject.place.admin1 in codes and not m.group("r3"):
        return None  # "Kharkiv, in the Kharkiv region": the region repeated
    return {
        "subject": subject,
        "stated": stated,
        "span": span,
        **judge_membership(subject, codes, label),
    }


def _rx_unit_of(v) -> str:
    return (
        rf"(?P<r1>{NAME})\s+(?P<noun>{pt.region_noun(v)})\s+(?i:of)\s+(?:the\s+)?(?P<parent>{NAME})"
        rf"(?:\s+(?P<pnoun>{pt.region_noun(v)}))?"
        rf"|(?P<owner>{NAME})['’]s\s+(?P<r2>{NAME})\s+(?P<noun2>{pt.region_noun(v)})"
        rf"|(?P<r3>{NAME}),\s+(?i:an?)\s+(?:[a-z]+\s+){{0,2}}?(?P<noun3>{pt.region_noun(v)})"
        rf"\s+(?i:of)\s+(?P<parent3>{NAME})"
    )


@register("region", name="unit_of", pattern=_rx_unit_of, order=82)
def check_unit_of(ctx: Ctx, m: re.Match):
    """ "the Gomel region of Belarus", "Russia's Belgorod region", "the Aksai district of the
    Rostov region"."""
    which = next(g for g in ("r1", "r2", "r3") if m.group(g))
    name = m.group(which)
    noun = m.group({"r1": "noun", "r2": "noun2", "r3": "noun3"}[which])
    parent = m.group("parent") or m.group("owner") or m.group("parent3")
    if name.lower() in ctx.voc.demonyms:
        return None  # "the Russian regions of Kursk and Belgorod": no unit named
    start = m.start(which)
    iso2 = country_code(parent, ctx.voc)
    codes, label, level = _region_codes(name, noun, ctx)
    stated = {"region": label, "of": parent}
    region = gazetteer().admin1_place(codes[0]) if len(codes) == 1 else None
    subject = Subject(region, name, (start, start + len(name)), "claim")
    if iso2 is not None:
        if region is None:
            raise Unverifiable(
                f"the bundled gazetteer does not know {name!r} as a region",
                subject=subject,
                stated=stated,
            )
        ok = region.country == iso2
        return {
            "subject": subject,
            "stated": {**stated, "country": iso2},
            "verdict": CONSISTENT if ok else INCONSISTENT,
            "computed": {"country": region.country},
            "tolerance": "the region's country must be the stated one",
            "method": "GeoNames admin1 code of the region",
            "reason": f"{region.name} is in {region.country}",
        }
    if (
        level == "admin2"
        and not m.group("pnoun")
        and not parent.lower().endswith("oblast")
        and parent.lower() not in ctx.voc.region_groups
    ):
        return _city_district(ctx, subject, name, parent, stated)
    pcodes, plabel, _ = _region_codes(parent, m.group("pnoun") or "region", ctx)
    if level == "admin2" and pcodes:
        return _district_by_seat(subject, name, pcodes, plabel, stated)
    if region is None or not pcodes:
        raise Unverifiable(
            f"{name!r} in {parent!r} cannot be placed with the bundled data",
            subject=subject,
            stated=stated,
        )
    return {"subject": subject, "stated": stated, **judge_membership(subject, pcodes, plabel)}
