"""Membership in Ukrainian and Russian: "Енергодар Запорізької області", "село Петропавлівка
Куп’янського району", "Золочев – поселок городского типа в Богодуховском районе", "у
Чугуївському районі ... (сел. Печеніги)", "Горловка Донецкой Народной Республики",
"подмосковные Одинцово", "Тріполі у Лівані".

Units are named by adjectives: a raion or hromada is placed by the town it is named after
(its seat, "Куп’янського" -> Kup'iansk), an oblast, krai or republic by its name. Village
names repeat (dozens of Petropavlivkas): when the gazetteer's first reading of the
subject lies elsewhere, a place of the same name inside the stated unit is the one the
text means, and the claim is consistent with it (the result names it).
"""

from __future__ import annotations

import re

from geoinc.claims import _measure as ms
from geoinc.claims import _slavic as sl
from geoinc.claims._context import POPULATED, Ctx, Subject, gazetteer
from geoinc.claims._model import CONSISTENT, INCONSISTENT, ROUGHLY, Unverifiable
from geoinc.claims._registry import register
from geoinc.claims._vocab import stem_value
from geoinc.claims.kinds_distance import is_point, no_place
from geoinc.claims.kinds_membership import DISTRICT_SLACK_KM, judge_membership
from geoinc.claims.kinds_position import country_fields
from geoinc.names import normalize

SLAVIC = "slavic"
#: A hromada is judged by the distance from its seat: within the first figure consistent,
#: the second roughly (Ukrainian hromadas reach some 20-40 km from their seat).
HROMADA_OK_KM, HROMADA_ROUGH_KM = 25.0, 40.0
#: How close a spelling must be to count as the subject's name inside the stated unit.
NAMESAKE_SCORE = 0.8
_ADJ = re.compile(r"^(.+?)(?:с|ц|з)к(?:ий|ыи|ый|ой|ии|и)$")


def seat_of(adjective: str, voc, near=None):
    """The town a unit adjective is named after ("Куп’янського" -> Kupiansk,
    "Близнюківської" -> Blyzniuky, "Богодуховском" -> Bohodukhiv), or None; of several
    namesakes, the one in the region of ``near`` (the claim's subject), then its country."""
    for key in sl.lemmas(adjective, voc):
        m = _ADJ.match(key)
        if not m:
            continue
        stem = m.group(1)
        cands = [stem, stem + "ск", stem + "ка", stem + "е", stem + "о", stem + "а"]
        if stem.endswith(("ив", "ів", "ев", "ов")):
            cands.append(stem[:-2] + "и")  # Близнюківська -> Близнюки
        found = [
            p
            for cand in cands
            for p in gazetteer().lookup(cand, kind=list(POPULATED), limit=10, fuzzy=False)
        ]
        if found:
            return max(found, key=lambda p: _closeness(p, near))
    return None


def _closeness(p, near) -> tuple:
    if near is None:
        return (0, 0, p.population or 0)
    return (p.admin1 == near.admin1, p.country == near.country, p.population or 0)


#: KATOTTG codes: "UA" + oblast (2) + raion (2) + hromada (3) + settlement ...; a place's
#: raion and hromada are prefixes of its code.
RAION_CODE, HROMADA_CODE = 6, 9


def katottg(place, level: int) -> str | None:
    """The KATOTTG prefix of ``place`` at ``level`` (:data:`RAION_CODE`,
    :data:`HROMADA_CODE`), or None when the gazetteer has no code for it."""
    code = (getattr(place, "raw", None) or {}).get("katottg") if place is not None else None
    return code[:level] if code and len(code) >= level else None


def _namesake(subject: Subject, voc, fits):
    """A place named like the subject that ``fits`` (the stated unit), or None."""
    if not subject.name:
        return None
    first = subject.name.split()[0]
    for key in sl.lemmas(first, voc)[:3]:
        for p in gazetteer().lookup(key, kind=list(POPULATED), limit=50, fuzzy=False):
            if fits(p):
                return p
    # a form the dictionary does not know ("Переїзному"): a close spelling inside the unit
    close = gazetteer().lookup(first, kind=list(POPULATED), limit=50, min_score=NAMESAKE_SCORE)
    return next((p for p in close if fits(p)), None)


def _admin1(subject: Subject, ctx: Ctx, codes, label: str) -> dict:
    fields = judge_membership(subject, codes, label)
    if fields["verdict"] == INCONSISTENT:
        alt = _namesake(subject, ctx.voc, lambda p: p.admin1 in codes)
        if alt is not None:
            sub = Subject(alt, subject.name, subject.span, subject.source)
            fields = {**judge_membership(sub, codes, label), "subject": sub}
            fields["reason"] += f" (the {alt.name} of GeoNames {alt.geonameid})"
    return fields


def _admin2(subject: Subject, ctx: Ctx, seat, label: str) -> dict:
    want = normalize(seat.admin2_name or "")
    if not want:
        raise Unverifiable(f"the bundled gazetteer has no district for {seat.name}")
    place = subject.place
    have = normalize(place.admin2_name or "") if place is not None else ""
    if have != want:
        alt = _namesake(subject, ctx.voc, lambda p: normalize(p.admin2_name or "") == want)
        if alt is not None:
            subject, have = Subject(alt, subject.name, subject.span, subject.source), want
    if place is None and have != want:
        raise Unverifiable(no_place(subject))
    if not have:
        raise Unverifiable(f"the bundled gazetteer has no district for {place.name}")
    ok = have == want
    return {
        "subject": subject,
        "verdict": CONSISTENT if ok else INCONSISTENT,
        "computed": {"admin2": subject.place.admin2_name, "seat": seat.name},
        "tolerance": "the place's district (GeoNames/KATOTTG) is the seat town's district",
        "method": f"district (admin2) of the place and of the unit's seat {seat.name}",
        "reason": f"{subject.place.name} is in {subject.place.admin2_name}"
        + ("" if ok else f", not in {label} ({seat.admin2_name})"),
    }


def _hromada(subject: Subject, ctx: Ctx, seat) -> dict:
    """A hromada: the same KATOTTG hromada code as its seat where both have one, else the
    distance from the seat (a close namesake inside counts, as for a raion)."""
    want = katottg(seat, HROMADA_CODE)
    if want is not None:
        if katottg(subject.place, HROMADA_CODE) != want:
            alt = _namesake(subject, ctx.voc, lambda p: katottg(p, HROMADA_CODE) == want)
            if alt is not None:
                subject = Subject(alt, subject.name, subject.span, subject.source)
        have = katottg(subject.place, HROMADA_CODE)
        if have is not None:
            ok = have == want
            return {
                "subject": subject,
                "verdict": CONSISTENT if ok else INCONSISTENT,
                "computed": {"katottg_hromada": have, "seat": seat.name},
                "tolerance": "the place's KATOTTG hromada code is its seat's",
                "method": f"KATOTTG codes of the place and of the hromada's seat {seat.name}",
                "reason": f"{subject.place.name} is "
                + ("" if ok else "not ")
                + f"in the hromada of {seat.name}",
            }
    return _hromada_by_distance(subject, ctx, seat)


def _hromada_by_distance(subject: Subject, ctx: Ctx, seat) -> dict:
    def km(p) -> float:
        return ms.between(seat, p)[0]

    if subject.place is None or km(subject.place) > HROMADA_OK_KM:
        alt = _namesake(subject, ctx.voc, lambda p: km(p) <= HROMADA_OK_KM)
        if alt is not None:
            subject = Subject(alt, subject.name, subject.span, subject.source)
    if subject.place is not None and not is_point(subject.place):
        return _same_raion(subject, seat)
    if not is_point(subject.place):
        raise Unverifiable(no_place(subject))
    d = km(subject.place)
    verdict = (
        CONSISTENT if d <= HROMADA_OK_KM else ROUGHLY if d <= HROMADA_ROUGH_KM else INCONSISTENT
    )
    return {
        "subject": subject,
        "verdict": verdict,
        "computed": {"km_from_seat": round(d, 2), "seat": seat.name},
        "tolerance": (
            f"within {HROMADA_OK_KM:g} km of the hromada's seat consistent, "
            f"{HROMADA_ROUGH_KM:g} km roughly (no hromada boundaries are bundled)"
        ),
        "method": f"geodesic distance on WGS84 to the seat {seat.name} (GeoNames)",
        "reason": f"{subject.place.name} is {d:.1f} km from {seat.name}",
    }


def _same_raion(subject: Subject, seat) -> dict:
    """A place with no coordinates of its own, in a hromada: its raion must be the seat's
    (a raion holds its hromadas), and then it is at best roughly consistent."""
    ok = normalize(subject.place.admin2_name or "") == normalize(seat.admin2_name or "")
    if not subject.place.admin2_name:
        raise Unverifiable(f"the bundled gazetteer has no district for {subject.place.name}")
    return {
        "subject": subject,
        "verdict": ROUGHLY if ok else INCONSISTENT,
        "computed": {"admin2": subject.place.admin2_name, "seat": seat.name},
        "tolerance": "no coordinates: the place's raion must be the seat's (roughly at best)",
        "method": f"district (admin2) of the place and of the hromada's seat {seat.name}",
        "reason": f"{subject.place.name} is in {subject.place.admin2_name}, "
        f"{seat.name} in {seat.admin2_name}",
    }


def _city_district(subject: Subject, ctx: Ctx, city) -> dict:
    reach = ms.city_radius_km(city.population) + DISTRICT_SLACK_KM
    inside = _namesake(subject, ctx.voc, lambda p: ms.between(city, p)[0] <= reach)
    if inside is None:
        raise Unverifiable(f"the bundled gazetteer has no {subject.name!r} in {city.name}")
    km = ms.between(city, inside)[0]
    return {
        "subject": Subject(inside, subject.name, subject.span, subject.source),
        "verdict": CONSISTENT,
        "computed": {"km_from_city_centre": round(km, 2)},
        "tolerance": f"a place of that name within {reach:.1f} km of the city's centre",
        "method": "GeoNames place of the name near the city's centre",
        "reason": f"{inside.name} lies {km:.1f} km from the centre of {city.name}",
    }


def _unit(ctx: Ctx, radj: str, noun: str, near):
    """(level, admin1 codes, seat, label) of a unit named by its adjective(s), or None."""
    level = ctx.voc.region_levels.get(noun.lower(), "admin1")
    words = radj.split()
    if level == "admin1":
        key = " ".join(sl.lemmas(w, ctx.voc)[0] for w in [*words, noun])
        for k in (key, key.rsplit(" ", 1)[0]):
            if k in ctx.voc.region_groups:
                return level, ctx.voc.region_groups[k], None, radj
        region = sl.lookup(f"{radj} {noun}", ctx.voc, kinds=("admin1",))
        if region is None:
            return None
        return level, (region.admin1,), None, region.name
    seat = seat_of(words[-1], ctx.voc, near)
    return (level, (), seat, f"{radj} {noun}") if seat is not None else None


def _judge(ctx: Ctx, subject: Subject, unit, city=None) -> dict:
    level, codes, seat, label = unit
    stated = {"region": label, "level": level}
    if city is not None:
        fields = _city_district(subject, ctx, city)
    elif level == "admin1":
        if subject.place is None:
            raise Unverifiable(no_place(subject), subject=subject, stated=stated)
        fields = {"subject": subject, **_admin1(subject, ctx, codes, label)}
    elif level == "hromada":
        fields = _hromada(subject, ctx, seat)
    else:
        fields = _admin2(subject, ctx, seat, label)
    return {"stated": stated, "subject": subject, **fields}


def _rx_after(v) -> str:
    return (
        rf"(?:(?P<sett>{sl.words(v.settlements)})\s+)?(?P<body>{sl.WORD}(?:[ \t]+{sl.WORD}){{1,4}})"
        rf"\s+(?P<noun>{sl.words(v.regions)})(?:[ \t]+(?P<city>{sl.NAME}))?"
    )


@register("region", name="sl_region", pattern=_rx_after, order=80, overlaps=True, grammar=SLAVIC)
def check_region_after(ctx: Ctx, m: re.Match):
    """ "Енергодар Запорізької області", "селі Гранів Харківського району"."""
    body_start = sl.trim(ctx, m.start("body"), m.end("body"))
    body = ctx.text[body_start : m.end("body")]
    words = body.split()
    offsets = [mm.start() + body_start for mm in re.finditer(r"\S+", body)]
    for k in (3, 2, 1):
        if k >= len(words):
            continue
        radj = " ".join(words[-k:])
        name_end = offsets[-k - 1] + len(words[-k - 1])
        subject = sl.place_of(ctx, body_start, name_end)
        unit = _unit(ctx, radj, m.group("noun"), subject.place)
        if unit is None:
            continue
        city = None
        end = m.end("noun")
        if m.group("city") and unit[0] == "admin2":
            city = sl.place_of(ctx, m.start("city"), m.end("city")).place
            end = m.end("city") if city is not None else end
        start = m.start("sett") if m.group("sett") else body_start
        return {**_judge(ctx, subject, unit, city), "span": (start, end)}
    return None


def _rx_in_unit(v) -> str:
    return (
        rf"(?P<name>{sl.NAME})\s*(?:,|–|—|-)?\s+(?:{sl.LWORD}\s+){{0,5}}?"
        rf"{sl.words(sl.group(v, 'in'))}\s+(?P<radj>{sl.WORD}(?:[ \t]+{sl.WORD}){{0,2}})"
        rf"\s+(?P<noun>{sl.words(v.regions)})"
    )


@register("region", name="sl_region_in", pattern=_rx_in_unit, order=81, grammar=SLAVIC)
def check_region_in(ctx: Ctx, m: re.Match):
    """ "Ізюм у Харківській області", "Золочев – поселок городского типа в Богодуховском
    районе"."""
    subject = sl.place_of(ctx, m.start("name"), m.end("name"))
    if subject.place is None:
        return None
    unit = _unit(ctx, m.group("radj"), m.group("noun"), subject.place)
    if unit is None:
        raise Unverifiable(
            f"the bundled gazetteer does not know {m.group('radj')} {m.group('noun')}",
            subject=subject,
        )
    return _judge(ctx, subject, unit)


def _parallel_unit(radj: str, name: str) -> bool:
    """Whether ``name`` is a unit's adjective with its noun left out, declined as the unit
    named before ("у Богодухівському районі ..., у Лозівському"): the same ending."""
    ending = radj[-PARALLEL_ENDING:].lower()
    return len(name.split()) == 1 and name.lower().endswith(ending) and name != radj


#: Letters of the unit adjective's ending an elided parallel unit shares ("-ському").
PARALLEL_ENDING = 4


def _rx_unit_first(v) -> str:
    local = [n for n, lvl in v.region_levels.items() if lvl in ("admin2", "hromada")]
    return rf"{sl.words(sl.group(v, 'in'))}\s+(?P<radj>{sl.WORD})\s+(?P<noun>{sl.words(local)})"


@register("region", name="sl_unit_first", pattern=_rx_unit_first, order=83, grammar=SLAVIC)
def check_unit_first(ctx: Ctx, m: re.Match):
    """ "у Чугуївському районі пошкоджені будинки (сел. Печеніги)", "в Белгородском районе
    в селе Салтыково": the first place named after the unit in its sentence."""
    if re.match(rf"[ \t]+{sl.WORD}", ctx.text[m.end() : m.end() + 40]):
        return None  # "в Петровском районе Донецка": a city's district, no subject named
    later = [
        x
        for x in ctx.places_in(m.end(), ctx.sent_end)
        if x.place.kind in POPULATED and not sl.is_unit(ctx, x)
    ]
    if not later or _parallel_unit(m.group("radj"), later[0].text):
        return None  # "у Богодухівському районі ..., у Лозівському – ...": another unit
    x = later[0]
    subject = Subject(x.place, x.text, (x.start, x.end), "claim")
    unit = _unit(ctx, m.group("radj"), m.group("noun"), x.place)
    if unit is None:
        return None
    return {**_judge(ctx, subject, unit), "span": (m.start(), x.end)}


def _rx_country(v) -> str:
    return (
        rf"(?P<name>{sl.NAME})\s+{sl.words(sl.group(v, 'in'))}\s+(?P<country>{sl.WORD})"
        rf"|(?P<gadj>{sl.stems(sl.group(v, 'region_adjective_stems'))})\s+(?P<name2>{sl.NAME})"
    )


@register("region", name="sl_country_in", pattern=_rx_country, order=84, grammar=SLAVIC)
def check_country_in(ctx: Ctx, m: re.Match):
    """ "Тріполі у Лівані" (a country), "подмосковные Одинцово" (a region adjective)."""
    if m.group("gadj"):
        code = stem_value(m.group("gadj").lower(), ctx.voc.groups.get("region_adjective_stems", {}))
        subject = sl.place_of(ctx, m.start("name2"), m.end("name2"))
        if code is None or subject.place is None:
            return None
        return _judge(ctx, subject, ("admin1", (code,), None, m.group("gadj")))
    place = sl.place_of(ctx, m.start("country"), m.end("country"), kinds=("country",)).place
    if place is None:
        return None
    subject = sl.place_of(ctx, m.start("name"), m.end("name"))
    if subject.place is None or subject.place.country != place.country:
        # "Тріполі у Лівані": the namesake in the country named, if there is one
        inside = sl.place_of(ctx, m.start("name"), m.end("name"), country=place.country)
        subject = inside if inside.place is not None else subject
    if subject.place is None:
        return None
    return {**country_fields(subject, place.country), "subject": subject, "kind": "country"}
