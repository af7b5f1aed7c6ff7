"""Claims in Ukrainian and Russian, judged by the same rules as in English.

"за 30 км від кордону з Росією", "в 50 километрах севернее Донецка", "на півдні України",
"прикордонне село Гранів", "недалеко от границы с РФ", "друге за величиною місто
України", "население Горловки — более 250 тысяч человек", "турецький порт Іскендерун",
"російське місто Бєлгород". Membership ("Енергодар Запорізької області", "село X
Куп’янського району", "Тріполі у Лівані") is in :mod:`.kinds_slavic_membership`.

Each pattern is built from the language's ``claims_*`` files (:mod:`._slavic`); each check
reads the names through their dictionary forms and hands the judging to the functions
the English checkers use, so a rule is stated once (docs/claims.md).
"""

from __future__ import annotations

import re

from geoinc.borders import compass_point
from geoinc.claims import _measure as ms
from geoinc.claims import _slavic as sl
from geoinc.claims._context import POPULATED, Ctx, Subject
from geoinc.claims._model import Unverifiable, worst
from geoinc.claims._registry import register
from geoinc.claims._vocab import stem_value
from geoinc.claims.kinds_attribute import _WHY_NOT, _coast_fields, _seat_fields
from geoinc.claims.kinds_distance import (
    FRONT_LINE_WHY,
    border_distance_fields,
    direction_fields,
    is_point,
    no_place,
    place_distance_fields,
)
from geoinc.claims.kinds_position import country_fields, position_fields
from geoinc.claims.kinds_proximity import (
    _unit_near_border,
    border_city_fields,
    near_place_fields,
)
from geoinc.claims.kinds_size import population_fields, rank_fields, region_rank_fields

SLAVIC = "slavic"


def _distance(v) -> str:
    """Groups ``qual``/``qual2``, ``n1``, ``n2``, ``unit``: "приблизно за 30 км",
    "в 20–25 километрах", "на відстані близько 5 км"."""
    hedge, num = sl.words(v.hedges), sl.number(v)
    return (
        rf"(?:(?P<qual>{hedge})\s+)?(?:{sl.words(sl.group(v, 'before_distance'))}\s+)?"
        rf"(?:(?P<qual2>{hedge})\s+)?(?P<n1>{num})(?:\s*(?:-|–|—)\s*(?P<n2>{num}))?"
        rf"\s*(?P<unit>{sl.words(v.units)}|(?i:км)\.?)"
    )


def _stated(m: re.Match, v) -> dict | None:
    """The km interval a distance allows (the English rule: ``_measure._interval``)."""
    n1 = sl.read_number(m.group("n1"), v)
    if n1 is None:
        return None
    n2 = sl.read_number(m.group("n2"), v) if m.group("n2") else None
    factor = v.unit_km(m.group("unit"))
    hedge = " ".join((m.group("qual") or m.group("qual2") or "").lower().split()) or None
    return ms.distance_interval(n1, n2, factor, hedge, m.group(0), v)


def _rx_border_distance(v) -> str:
    return (
        rf"{_distance(v)}\s+{sl.words(sl.group(v, 'from'))}\s+(?:(?P<badj>{sl.LWORD})\s+)?"
        rf"(?:(?P<bnoun>{sl.stems(sl.group(v, 'border_nouns_stems'))})"
        rf"(?:\s+{sl.words(sl.group(v, 'with'))}\s+(?P<with>{sl.NAME}))?|(?P<country>{sl.NAME}))"
    )


def _neighbour(ctx: Ctx, m: re.Match, *names: str) -> str | None:
    for g in names:
        if m.group(g):
            code = sl.country_of(ctx, m.start(g), m.end(g))
            if code:
                return code
    return None


@register(
    "border_distance",
    name="sl_border_distance",
    pattern=_rx_border_distance,
    order=10,
    grammar=SLAVIC,
)
def check_border_distance(ctx: Ctx, m: re.Match):
    """ "за 30 км від кордону", "в 30 километрах от границы с Украиной", "від Росії"."""
    if m.group("country"):
        code = _neighbour(ctx, m, "country")
        if code is None:
            return None  # "за 30 км від Харкова": between places
    else:
        code = _neighbour(ctx, m, "with", "badj")
    subject = sl.subject_before(ctx, m.start())
    stated = _stated(m, ctx.voc)
    if stated is None:
        raise Unverifiable("the distance could not be read", subject=subject)
    place = subject.place
    if not is_point(place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    border = (place.country, code) if code and code != place.country else place.country
    return border_distance_fields(subject, border, stated)


def _rx_front(v) -> str:
    towards = sl.words([*sl.group(v, "from"), *sl.group(v, "to")])
    return (
        rf"{_distance(v)}\s+(?:(?:(?i:на|к|ко)\s+)?(?P<dir>{_dirs(v)})\s+)?{towards}\s+"
        rf"(?P<front>{sl.words(v.front_lines)})"
    )


@register("front_distance", name="sl_front_distance", pattern=_rx_front, order=9, grammar=SLAVIC)
def check_front_distance(ctx: Ctx, m: re.Match):
    """ "за 20 км від лінії фронту", "в 15 км от линии фронта": kept, never judged."""
    subject = sl.subject_before(ctx, m.start())
    stated = {**(_stated(m, ctx.voc) or {}), "to": "front line"}
    raise Unverifiable(FRONT_LINE_WHY, subject=subject, stated=stated)


def _dirs(v) -> str:
    return sl.stems(v.directions)


def _rx_place_distance(v) -> str:
    return (
        rf"{_distance(v)}\s+(?:(?:(?i:на|к|ко)\s+)?(?P<dir>{_dirs(v)})\s+)?"
        rf"(?P<from>{sl.words(sl.group(v, 'from'))}\s+)?(?P<target>{sl.NAME})"
    )


@register(
    "place_distance", name="sl_place_distance", pattern=_rx_place_distance, order=20, grammar=SLAVIC
)
def check_place_distance(ctx: Ctx, m: re.Match):
    """ "в 50 километрах севернее Донецка", "за 20 км на північ від Харкова"."""
    if not (m.group("dir") or m.group("from")):
        return None
    other = sl.place_of(ctx, m.start("target"), m.end("target"))
    if other.place is None:
        return None  # not a place: "за 5 км від Запорізької АЕС" is no claim geoinc can read
    subject = sl.subject_before(ctx, m.start(), exclude=other.place)
    stated = _stated(m, ctx.voc)
    if stated is None:
        raise Unverifiable("the distance could not be read", subject=subject)
    if m.group("dir"):
        stated["direction"] = compass_point(ctx.voc.direction_degrees(m.group("dir")) or 0.0)
    return place_distance_fields(ctx, subject, other, stated, m.group("dir"))


def _rx_direction(v) -> str:
    return (
        rf"(?:(?i:на|к|ко)\s+)?(?P<dir>{_dirs(v)})\s+(?:{sl.words(sl.group(v, 'from'))}\s+)?"
        rf"(?P<target>{sl.NAME})"
    )


@register("direction", name="sl_direction", pattern=_rx_direction, order=40, grammar=SLAVIC)
def check_direction(ctx: Ctx, m: re.Match):
    """ "Ірпінь, на північний захід від Києва", "Горловка севернее Донецка"."""
    kinds = (*POPULATED, "admin1", "country")
    other = sl.place_of(ctx, m.start("target"), m.end("target"), kinds=kinds)
    if other.place is None:
        return None
    subject = sl.subject_before(ctx, m.start(), exclude=other.place)
    if not subject.name:
        return None  # "дрони збили на північ від Києва": where an event was
    if other.place.kind == "country":
        return position_fields(
            ctx, subject, other.place.country, m.group("dir"), (*POPULATED, "admin1")
        )
    return direction_fields(ctx, subject, other, m.group("dir"), m.group("target"))


def _rx_position(v) -> str:
    dirs = rf"(?:{_dirs(v)}|{sl.stems(sl.group(v, 'central_stems'))})"
    return (
        rf"{sl.words(sl.group(v, 'in'))}\s+(?P<dir>{dirs})"
        rf"(?:\s+{sl.words(sl.group(v, 'part_nouns'))})?\s+"
        rf"(?P<country>{sl.WORD}|{sl.words(sl.group(v, 'country_generic'))})"
    )


@register("region_direction", name="sl_position", pattern=_rx_position, order=55, grammar=SLAVIC)
def check_position(ctx: Ctx, m: re.Match):
    """ "Херсон на півдні України", "на сході країни", "в центральной части России"."""
    generic = m.group("country").lower() in {
        w.lower() for w in sl.group(ctx.voc, "country_generic")
    }
    iso2 = None if generic else sl.country_of(ctx, m.start("country"), m.end("country"))
    if iso2 is None and not generic:
        return None  # "на півдні Харківщини": a region, not a country
    kinds = (*POPULATED, "admin1")
    subject = sl.subject_before(ctx, m.start(), kinds=kinds)
    if subject.place is None:
        subject = ctx.subject_after(m.end(), kinds=kinds, country=iso2)
    if not subject.name:
        return None  # "бої на сході України": an event's area
    return position_fields(ctx, subject, iso2, m.group("dir"), kinds)


def _rx_city_position(v) -> str:
    return (
        rf"(?P<dir>{_dirs(v)})\s+(?:(?P<adjc>{sl.stems(v.demonyms)})\s+)?"
        rf"(?:{sl.stems(v.attributes)}\s+)?{sl.words(v.settlements)}\s+(?P<target>{sl.NAME})"
    )


@register(
    "region_direction", name="sl_city_position", pattern=_rx_city_position, order=50, grammar=SLAVIC
)
def check_city_position(ctx: Ctx, m: re.Match):
    """ "південне місто Херсон", "южный портовый город Одесса"."""
    subject = sl.place_of(ctx, m.start("target"), m.end("target"))
    if subject.place is None:
        return None
    iso2 = sl.country_of(ctx, m.start("adjc"), m.end("adjc")) if m.group("adjc") else None
    return position_fields(ctx, subject, iso2, m.group("dir"), POPULATED)


def _rx_border_adj(v) -> str:
    names = rf"{sl.NAME}(?:\s*(?:,|{sl.words(['і', 'й', 'та', 'и'])})\s*{sl.NAME})*"
    return (
        rf"(?P<badj>{sl.stems(sl.group(v, 'border_adjectives_stems'))})\s+"
        rf"(?:(?P<noun>{sl.words(v.settlements)}|{sl.words(v.regions)})(?:\s+|(?=[^\w\s]|$)))?"
        rf"(?:(?P<names>{names})(?:\s+(?P<rnoun>{sl.words(v.regions)}))?)?"
    )


@register(
    "border_proximity", name="sl_border_adj", pattern=_rx_border_adj, order=60, grammar=SLAVIC
)
def check_border_adjective(ctx: Ctx, m: re.Match):
    """ "прикордонне село Гранів", "пограничные села Уды, Гурьев Казачок", "прикордонне
    місто" said of a place named before, "пограничные Белгородский и Борисовский районы"."""
    kind = "border_city"
    settled = (m.group("noun") or "").lower() in {w.lower() for w in ctx.voc.settlements}
    of_region = ctx.voc.region_levels.get((m.group("rnoun") or "").lower()) == "admin1"
    region_only = settled and of_region and len(m.group("names").split()) == 1
    if region_only:  # "приграничный город Курской области": the town named before
        subject = sl.subject_before(ctx, m.start(), lookback=True)
    elif settled and of_region:  # "прикордонне село X Сумської області": X, in the region
        head = m.group("names").rsplit(None, 1)[0]
        subject = sl.place_of(ctx, m.start("names"), m.start("names") + len(head))
    elif m.group("names"):
        first = re.match(sl.NAME, m.group("names"))
        s = m.start("names")
        if m.group("rnoun"):  # districts: placed by their seat town
            from geoinc.claims.kinds_slavic_membership import seat_of

            seat = seat_of(first.group(0), ctx.voc)
            subject = Subject(seat, first.group(0), (s, s + first.end()), "claim")
            kind = "border_proximity"
        else:
            subject = sl.place_of(ctx, s, s + first.end())
    elif m.group("noun"):
        subject = sl.subject_before(ctx, m.start(), lookback=True)
    else:
        return None  # "прикордонні райони": nothing named
    stated = {"relation": "border " + (m.group("noun") or m.group("rnoun") or "place").lower()}
    if not subject.name:
        return None
    if not is_point(subject.place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated, kind=kind)
    return {"subject": subject, "stated": stated, "kind": kind, **border_city_fields(subject.place)}


def _rx_near_border(v) -> str:
    return (
        rf"{sl.words(sl.group(v, 'near'))}\s+(?:(?P<badj>{sl.LWORD})\s+)?"
        rf"{sl.stems(sl.group(v, 'border_nouns_stems'))}"
        rf"(?:\s+{sl.words(sl.group(v, 'with'))}\s+(?P<with>{sl.NAME}))?"
        rf"|(?P<verb>{sl.words(sl.group(v, 'borders_verbs'))})\s+"
        rf"{sl.words(sl.group(v, 'with'))}\s+(?P<target>{sl.WORD})"
    )


@register(
    "border_proximity", name="sl_near_border", pattern=_rx_near_border, order=61, grammar=SLAVIC
)
def check_near_border(ctx: Ctx, m: re.Match):
    """ "недалеко от границы с РФ", "поблизу кордону", "область межує з Україною"."""
    if m.group("verb"):
        code = _borders_whom(ctx, m)
        if code is None:
            return None
    else:
        code = _neighbour(ctx, m, "with", "badj")
    kinds = (*POPULATED, "admin1")
    # "У границы организовано ...": with nothing named before it (and no "село", "тут"),
    # a near-border phrase says where something happened, not a claim about a place; after
    # a bare verb of location ("Располагается недалеко от границы") the place is the one
    # named before
    located = re.fullmatch(
        rf"\s*{sl.words(sl.group(ctx.voc, 'located'))}\s*", ctx.text[ctx.sent_start : m.start()]
    )
    lookback = bool(m.group("verb") or located)
    subject = sl.subject_before(ctx, m.start(), kinds=kinds, lookback=lookback)
    stated = {"relation": "near the border", "country": code}
    place = subject.place
    if not subject.name:
        return None
    if place is not None and place.kind == "admin1":
        neighbour = code if code != place.country else None
        return {"subject": subject, "stated": stated, **_unit_near_border(ctx, place, neighbour)}
    if not is_point(place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    return {"subject": subject, "stated": stated, **border_city_fields(place, code)}


def _rx_near_place(v) -> str:
    return rf"{sl.words(sl.group(v, 'near'))}\s+(?P<target>{sl.NAME})"


@register("adjacency", name="sl_near_place", pattern=_rx_near_place, order=62, grammar=SLAVIC)
def check_near_place(ctx: Ctx, m: re.Match):
    """ "Бровари, що поблизу Києва", "Макеевка, рядом с Донецком"."""
    other = sl.place_of(ctx, m.start("target"), m.end("target"))
    if other.place is None or other.place.kind not in POPULATED:
        return None  # "поблизу кордону", "біля Росії": not a place
    subject = sl.subject_before(ctx, m.start(), exclude=other.place)
    if not subject.name:
        return None  # "дрони збили поблизу Києва": where an event was
    said = " ".join(ctx.text[m.start() : m.start("target")].lower().split())
    far = said in {w.lower() for w in sl.group(ctx.voc, "not_far")}
    return near_place_fields(subject, other, "notfar" if far else "near", m.group("target"))


def _borders_whom(ctx: Ctx, m: re.Match) -> str | None:
    """The country "межує з ..." names: a country, or the country of the regions listed
    ("межує з Чернігівською та Сумською областями України")."""
    code = sl.country_of(ctx, m.start("target"), m.end("target"))
    if code:
        return code
    later = ctx.places_in(m.start("target"), ctx.sent_end)
    return later[0].place.country if later else None


def _rx_rank(v) -> str:
    sett = sl.words([*v.settlements, *sl.group(v, "settlement_plural")])
    country = rf"(?P<country>{sl.WORD}|{sl.words(sl.group(v, 'country_generic'))})"
    return (
        rf"(?P<ord>{sl.stems(v.ordinals)})\s+{sl.words(sl.group(v, 'rank_phrases'))}\s+"
        rf"(?:{sl.LWORD}\s+)?{sett}(?:\s+(?:{sl.words(sl.group(v, 'in'))}\s+)?{country})?"
        rf"|(?P<one>{sl.words(sl.group(v, 'one_of'))}\s+)?"
        rf"(?P<sup>{sl.stems(sl.group(v, 'superlative_stems'))})\s+(?:{sl.LWORD}\s+)?{sett}"
        rf"(?:\s+(?:{sl.words(sl.group(v, 'in'))}\s+)?(?P<country2>{sl.WORD}))?"
    )


@register("rank", name="sl_rank", pattern=_rx_rank, order=65, grammar=SLAVIC)
def check_rank(ctx: Ctx, m: re.Match):
    """ "друге за величиною місто України", "крупнейший город региона"."""
    rank = 1 if m.group("sup") else stem_value(m.group("ord").lower(), ctx.voc.ordinals)
    cg = "country" if m.group("ord") else "country2"
    generic = m.group(cg) and m.group(cg).lower() in sl.group(ctx.voc, "country_generic")
    iso2 = sl.country_of(ctx, m.start(cg), m.end(cg)) if m.group(cg) and not generic else None
    subject = sl.subject_before(ctx, m.start())
    stated = {"rank": rank, "country": iso2}
    if m.group("one"):
        raise Unverifiable("'one of the largest' states no rank", subject=subject, stated=stated)
    if m.group(cg) and not generic and iso2 is None:
        # "друге за чисельністю місто Харківщини": the rank within a region
        region = sl.place_of(ctx, m.start(cg), m.end(cg), kinds=("admin1",)).place
        if region is not None:
            return region_rank_fields(subject, rank, region, m.group(cg))
        raise Unverifiable(
            f"{m.group(cg)!r} is not a country geoinc knows", subject=subject, stated=stated
        )
    return rank_fields(subject, rank, iso2)


def _rx_population(v) -> str:
    num = sl.number(v)
    scale = sl.words(v.population_scales)
    people = sl.words(v.population_nouns)
    hedge = sl.words(v.hedges)
    return (
        rf"{sl.words(sl.group(v, 'population_heads'))}\s+(?:(?P<owner>{sl.NAME})\s+)?"
        rf"(?:[\w’'—–-]+\s+){{0,3}}?(?:(?P<qual>{hedge})\s+)?(?:(?P<num>{num})"
        rf"(?:\s*(?P<scale>{scale})(?:\s+{people})?|\s+{people})|(?P<lone>{scale})\s+{people})"
        rf"|{sl.words(sl.group(v, 'population_verbs'))}\s+(?:(?P<qual2>{hedge})\s+)?"
        rf"(?P<num2>{num})(?:\s*(?P<scale2>{scale}))?\s+{people}"
    )


@register("population", name="sl_population", pattern=_rx_population, order=66, grammar=SLAVIC)
def check_population(ctx: Ctx, m: re.Match):
    """ "населення Харкова — 1,4 млн", "тут проживало понад 8 тисяч мешканців"."""
    n = "2" if m.group("num2") else ""
    # "с населением более миллиона человек": the scale word alone is the figure
    figure = sl.read_number(m.group(f"num{n}"), ctx.voc) if m.group(f"num{n}") else (1.0, 1.0)
    if figure is None:
        return None
    value = figure[0]
    if m.group("lone"):
        value *= ctx.voc.population_scales[m.group("lone").lower()]
    if m.group(f"scale{n}"):
        value *= ctx.voc.population_scales[m.group(f"scale{n}").lower()]
    hedge = " ".join((m.group(f"qual{n or ''}") or "").lower().split()) or None
    if m.group("owner"):
        subject = sl.place_of(ctx, m.start("owner"), m.end("owner"))
    else:
        subject = sl.subject_before(ctx, m.start(), lookback=True)
    return population_fields(subject, value, hedge, ctx.voc.hedges.get(hedge or ""))


def _rx_attribute(v) -> str:
    return (
        rf"(?:(?P<adjc>{sl.stems(v.demonyms)})\s+)?(?P<attr>{sl.stems(v.attributes)})"
        rf"(?:\s+(?:(?P<noun>{sl.words(v.settlements)})(?:\s+(?P<target>{sl.NAME}))?"
        rf"|(?P<target2>{sl.NAME})))?"
    )


#: A description set off after a name, perhaps with one describing word before it:
#: "Бердянськ — портове місто", "Таганрог, крупный порт".
_SET_OFF = re.compile(r"(?:—|–|-|,)\s*(?:[^\W\d_][\w’'ʼ-]*\s+)?$")


def _set_off(ctx: Ctx, m: re.Match) -> bool:
    """Whether the attribute describes the place named before it: set off after it, with
    a settlement noun, or as a noun itself ("порт", "областной центр"; not an adjective,
    whose noun would follow: "портового терміналу")."""
    if not _SET_OFF.search(ctx.text, ctx.sent_start, m.start()):
        return False
    if m.group("noun"):
        return True
    last = m.group("attr").split()[-1].lower()
    return not last.endswith(tuple(sl.group(ctx.voc, "adjective_endings")))


@register("attribute", name="sl_attribute", pattern=_rx_attribute, order=70, grammar=SLAVIC)
def check_attribute(ctx: Ctx, m: re.Match):
    """ "турецький порт Іскендерун", "портове місто Одеса", "Бердянськ — портове місто"."""
    target = "target" if m.group("target") else "target2"
    if m.group(target):
        subject = sl.place_of(ctx, m.start(target), m.end(target))
    elif _set_off(ctx, m):
        subject = sl.subject_before(ctx, m.start())
    else:
        return None
    if subject.place is None:
        return None  # "портал Суспільне": not a place
    how = stem_value(m.group("attr").lower(), ctx.voc.attributes) or "unchecked"
    stated = {"attribute": " ".join(m.group("attr").lower().split())}
    if how in _WHY_NOT:
        raise Unverifiable(_WHY_NOT[how], subject=subject, stated=stated)
    if not is_point(subject.place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    if how == "coast":
        fields = _coast_fields(subject.place)
    else:
        fields = _seat_fields(subject.place, national=how == "capital")
    iso2 = sl.country_of(ctx, m.start("adjc"), m.end("adjc")) if m.group("adjc") else None
    if iso2:  # "турецький порт": the country too
        other = country_fields(subject, iso2)
        stated["country"] = iso2
        if worst(other["verdict"], fields["verdict"]) != fields["verdict"]:
            fields = {**fields, "verdict": other["verdict"], "reason": other["reason"]}
    return {"subject": subject, "stated": stated, **fields}


def _rx_country(v) -> str:
    return (
        rf"(?P<adjc>{sl.stems(v.demonyms)})\s+(?:{sl.LWORD}\s+)?{sl.words(v.settlements)}\s+"
        rf"(?P<target>{sl.NAME})"
    )


@register(
    "country", name="sl_country", pattern=_rx_country, order=90, overlaps=True, grammar=SLAVIC
)
def check_country(ctx: Ctx, m: re.Match):
    """ "російське місто Бєлгород", "украинский город Харьков"."""
    iso2 = sl.country_of(ctx, m.start("adjc"), m.end("adjc"))
    subject = sl.place_of(ctx, m.start("target"), m.end("target"))
    if iso2 is None or subject.place is None:
        return None
    return country_fields(subject, iso2)
