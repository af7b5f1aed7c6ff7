"""Distances and directions: to a border, between two places, one place from another."""

from __future__ import annotations

import math
import re

from geoinc.borders import compass_point, distance_to_border
from geoinc.claims import _measure as ms
from geoinc.claims import _patterns as pt
from geoinc.claims._context import NAME, POPULATED, Ctx, Subject, country_code, national_capital
from geoinc.claims._model import Unverifiable, worst
from geoinc.claims._registry import register
from geoinc.claims._vocab import alternation
from geoinc.exceptions import GeoincError

_WITH = r"(?P<with>(?:[\w-]+\s+){0,3}?[A-Z][\w'’-]+)"


def is_point(place) -> bool:
    """A populated place with its own coordinates (not a region, not name-only)."""
    return place is not None and place.kind in POPULATED and place.precision == "point"


def no_place(subject) -> str:
    """Why a claim about ``subject`` cannot be checked: the gazetteer lacks the place."""
    if subject.name:
        return f"the bundled gazetteer does not know {subject.name!r} as a populated place"
    return "no place named before the claim in its sentence or the ones before"


def _country_in(words: str | None, ctx: Ctx) -> str | None:
    """The country a phrase ends with ("NATO member Poland" -> PL)."""
    if not words:
        return None
    parts = words.split()
    for i in range(len(parts)):
        code = country_code(" ".join(parts[i:]), ctx.voc)
        if code:
            return code
    return None


def _rx_border(v) -> str:
    # "60 km south of the Belarusian border": a compass word only before a border phrase
    border_ahead = rf"(?=(?i:of|from)\s+the\s+(?:{pt.CAP}\s+)?(?:state\s+)?(?i:border|frontier))"
    return (
        rf"{pt.distance(v)}\s+(?:away\s+)?(?:(?P<bdir>{pt.dirword(v)})\s+{border_ahead})?"
        rf"(?i:from|of|off|inside|to)\s+(?:"
        rf"the\s+(?:(?P<adj>{pt.CAP})\s+)?(?:state\s+)?(?i:border|frontier)(?:\s+with\s+{_WITH})?"
        rf"|(?P<country>{NAME}))"
    )


def _by_dataset(place, border) -> dict:
    """Distances to ``border`` on each dataset that has it. With no neighbour named, the
    nearest land border is found on Natural Earth (it has them all) and that same pair is
    then measured on the OSM line too, so "the border" is one border, not any."""
    if isinstance(border, str):
        try:
            r = distance_to_border(place.lon, place.lat, border=border, dataset="naturalearth")
        except GeoincError:
            return {}
        border = (str(r.country_a[0]), str(r.country_b[0]))
    out = {}
    for ds in ("osm", "naturalearth"):
        try:
            r = distance_to_border(place.lon, place.lat, border=border, dataset=ds)
        except GeoincError:
            continue  # e.g. the OSM dataset holds only RU–UA
        out[ds] = {
            "km": round(float(r.distance_km[0]), 3),
            "border_point": (round(float(r.border_lon[0]), 6), round(float(r.border_lat[0]), 6)),
            "border": f"{r.country_a[0]}–{r.country_b[0]}",
        }
    return out


def _border_target(ctx: Ctx, m: re.Match, place) -> tuple | None:
    """The border meant: the country named ("from Russia", "the border with Poland"), else
    the nearest land border of the place's country. None: "from <a city>" is no border."""
    if m.group("country"):
        code = country_code(m.group("country"), ctx.voc)
        if code is None:
            return None
        return (place.country, code) if place is not None and code != place.country else code
    neighbour = _country_in(m.group("with"), ctx) or country_code(m.group("adj"), ctx.voc)
    if place is None:
        return ()
    if neighbour and neighbour != place.country:
        return place.country, neighbour
    return place.country


@register("border_distance", pattern=_rx_border, order=10)
def check_border_distance(ctx: Ctx, m: re.Match):
    """ "Belgorod, some 30 km from the border", "about 600 km from Ukraine"."""
    subject = ctx.subject_before(m.start())
    place = subject.place
    border = _border_target(ctx, m, place if is_point(place) else None)
    if border is None:
        return None  # "30 km from Kharkiv": a distance between places
    stated = ms.stated_distance(m, ctx.voc)
    if stated is None:
        raise Unverifiable("the distance could not be read", subject=subject)
    if m.group("bdir"):  # recorded, not judged: the side of a border is not a bearing
        stated["direction"] = compass_point(ctx.voc.direction_degrees(m.group("bdir")))
    if not is_point(place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    return border_distance_fields(subject, border, stated)


def border_distance_fields(subject, border, stated: dict) -> dict:
    """Result fields for "``subject`` lies ``stated`` km from ``border``" (a neighbour
    pair, or the place's country for its nearest land border)."""
    place = subject.place
    by_ds = _by_dataset(place, border)
    if not by_ds:
        raise Unverifiable(
            f"no land border {border!r} in the bundled datasets", subject=subject, stated=stated
        )
    nat = by_ds.get("naturalearth", {}).get("border")
    primary = (
        "osm"
        if "osm" in by_ds and by_ds["osm"]["border"] == (nat or by_ds["osm"]["border"])
        else "naturalearth"
    )
    kms = [d["km"] for d in by_ds.values()]
    extent = ms.city_radius_km(place.population)
    verdict, tol = ms.judge_distance(stated, min(kms), max(kms), extent)
    main = by_ds[primary]
    others = ", ".join(f"{v['km']:.1f} km on {k}" for k, v in by_ds.items() if k != primary)
    reason = (
        f"{place.name} is {main['km']:.1f} km from the {main['border']} border ({primary}); "
        f"the text says {stated['as_written']}"
    )
    if stated.get("alt_agrees") is False:
        reason += (
            f"; note the figure in brackets ({stated['alt_km']:.1f} km) does not match the first"
        )
    return {
        "subject": subject,
        "stated": stated,
        "verdict": verdict,
        "tolerance": tol,
        "computed": {
            "km": main["km"],
            "km_by_dataset": {k: v["km"] for k, v in by_ds.items()},
            "border": main["border"],
            "city_radius_km": round(extent, 2),
            "km_nearest_edge": round(max(0.0, main["km"] - extent), 3),
        },
        "method": (
            f"geodesic distance on WGS84 (pyproj Geod) from the centre point of {place.name} "
            f"(GeoNames) to the nearest point of the {main['border']} border line, dataset "
            f"{primary!r}{' (' + others + ')' if others else ''}; {ms.POV}"
        ),
        "dataset": primary,
        "border_point": main["border_point"],
        "reason": reason,
    }


#: Why a distance to the front line is kept but not judged.
FRONT_LINE_WHY = "the bundled data has no front line (it moves; geoinc does not guess it)"


def _rx_front(v) -> str:
    if not v.front_lines:
        return r"(?!x)x"
    # "the frontline city of X", "the front of the building": not the front line itself
    front = (
        "(?i:" + alternation(v.front_lines)[3:] + rf"(?![\w-])(?!\s+(?i:of\b|{pt.settlement(v)}))"
    )
    return (
        rf"{pt.distance(v)}\s+(?:away\s+)?(?:(?P<dir>{pt.dirword(v)})\s+)?"
        rf"(?i:from|of|off|behind|to)\s+(?:the\s+)?(?P<front>{front})"
    )


@register("front_distance", pattern=_rx_front, order=9)
def check_front_distance(ctx: Ctx, m: re.Match):
    """ "Kramatorsk, about 20 km from the front line": kept, never judged (no front data)."""
    subject = ctx.subject_before(m.start())
    stated = ms.stated_distance(m, ctx.voc) or {}
    stated["to"] = "front line"
    raise Unverifiable(FRONT_LINE_WHY, subject=subject, stated=stated)


def _rx_place_distance(v) -> str:
    return (
        rf"{pt.distance(v)}\s+(?:\(.{{0,30}}?\)\s+)?(?:(?P<dir>{pt.dirword(v)})\s+)?"
        rf"(?i:of|from)\s+{pt.place_intro(v)}(?P<target>{NAME})"
    )


def possessive(ctx: Ctx, m: re.Match, group: str = "target") -> bool:
    """ "of Europe's largest plant": the name is an owner, not the place meant."""
    return bool(re.match(r"['’]s\b", ctx.text[m.end(group) : m.end(group) + 3]))


def _target(ctx: Ctx, m: re.Match, kinds=POPULATED):
    return ctx.place_at(m.start("target"), m.end("target"), m.group("target"), kinds=kinds)


@register("place_distance", pattern=_rx_place_distance, order=20)
def check_place_distance(ctx: Ctx, m: re.Match):
    """ "Kramatorsk, about 70 km north of Donetsk"."""
    if re.match(r"the\b", m.group("target"), re.I):
        return None
    if possessive(ctx, m):  # "52 km from Europe's largest power plant"
        raise Unverifiable(
            f"the distance is to something of {m.group('target')!r}, not a place geoinc knows",
            subject=ctx.subject_before(m.start()),
            stated=ms.stated_distance(m, ctx.voc) or {},
        )
    other = _target(ctx, m)
    subject = ctx.subject_before(m.start(), exclude=other.place)
    return _stated_place_distance(ctx, m, subject, other)


def place_distance_fields(ctx: Ctx, subject, other, stated: dict, dir_word: str | None) -> dict:
    """Result fields for "``subject`` lies ``stated`` km (``dir_word`` of) ``other``"."""
    place = subject.place
    if not is_point(place) or other.place is None:
        missing = subject if not is_point(place) else other
        raise Unverifiable(no_place(missing), subject=subject, stated=stated, other=other.place)
    km, bearing = ms.between(other.place, place)
    extent = ms.city_radius_km(place.population) + (
        ms.city_radius_km(other.place.population) if other.place.kind in POPULATED else 0.0
    )
    verdict, tol = ms.judge_distance(stated, km, km, extent)
    computed = {
        "km": round(km, 3),
        "bearing": round(bearing, 1),
        "direction": compass_point(bearing),
        "extent_km": round(extent, 2),
        "distance_verdict": verdict,
    }
    if dir_word:
        spread = math.degrees(math.atan2(extent, max(km, 1e-6)))
        dverdict, dtol = ms.judge_direction(ctx.voc.direction_degrees(dir_word), bearing, spread)
        tol, computed["direction_verdict"] = f"{tol}; {dtol}", dverdict
        verdict = worst(verdict, dverdict)
    return {
        "subject": subject,
        "stated": stated,
        "computed": computed,
        "verdict": verdict,
        "tolerance": tol,
        "other": other.place,
        "method": (
            f"geodesic distance and bearing on WGS84 (pyproj Geod) between the centre "
            f"points of {other.place.name} and {place.name} (GeoNames)"
        ),
        "reason": (
            f"{place.name} is {km:.1f} km {compass_point(bearing)} of {other.place.name} "
            f"(bearing {bearing:.0f}°); the text says {stated.get('as_written', '')}"
        ),
    }


def _rx_direction(v) -> str:
    return (
        rf"(?<![\w-])(?i:(?:just|directly|due|immediately)\s+)?(?:(?i:to\s+the)\s+)?"
        rf"(?P<dir>{pt.dirword(v)})\s+(?i:of)\s+{pt.place_intro(v)}(?P<target>{NAME})"
    )


def _rx_from_capital(v) -> str:
    return (
        rf"(?:{pt.distance(v)}\s+(?:\(.{{0,30}}?\)\s+)?)?(?:(?P<dir>{pt.dirword(v)})\s+)?"
        rf"(?i:of|from)\s+the\s+(?:(?P<adjc>{pt.CAP})\s+)?(?i:capital)(?:\s+(?i:city))?\b"
        rf"(?!\s*,?\s*(?:(?i:of)\b|[A-Z]))"
    )


@register(
    "place_distance", name="from_capital", pattern=_rx_from_capital, order=21, emits=("direction",)
)
def check_from_capital(ctx: Ctx, m: re.Match):
    """ "Hostomel, north-west of the capital", "Bila Tserkva, 80 km south of the Ukrainian
    capital": the national capital of the country named, else of the place's own."""
    if not (m.group("n1") or m.group("dir")):
        return None  # "news from the capital"
    subject = ctx.subject_before(m.start())
    if not subject.name or subject.place is None:
        return None
    iso2 = country_code(m.group("adjc"), ctx.voc) if m.group("adjc") else subject.place.country
    capital = national_capital(iso2) if iso2 else None
    if capital is None:
        raise Unverifiable(f"no capital recorded for {iso2}", subject=subject)
    other = Subject(capital, "the capital", None, "claim")
    if not m.group("n1"):
        return {
            "kind": "direction",
            **direction_fields(ctx, subject, other, m.group("dir"), capital.name),
        }
    return _stated_place_distance(ctx, m, subject, other)


def _stated_place_distance(ctx: Ctx, m: re.Match, subject, other) -> dict:
    """The stated distance (and direction) of ``m`` checked between two places."""
    stated = ms.stated_distance(m, ctx.voc)
    if stated is None:
        raise Unverifiable("the distance could not be read", subject=subject)
    if m.group("dir"):
        stated["direction"] = compass_point(ctx.voc.direction_degrees(m.group("dir")))
    return place_distance_fields(ctx, subject, other, stated, m.group("dir"))


def _rx_outskirts(v) -> str:
    parts = "(?i:" + alternation(v.parts)[3:]
    return (
        rf"\b(?i:on|in|at)\s+the\s+(?P<dir>{pt.diradj(v)})\s+{parts}\s+(?i:of)\s+"
        rf"(?P<target>{NAME})"
    )


@register("direction", name="direction_outskirts", pattern=_rx_outskirts, order=41)
def check_outskirts(ctx: Ctx, m: re.Match):
    """ "Avdiivka, on the northern outskirts of Donetsk": the side of a city a place is on."""
    region_after = re.match(rf"\s+{pt.region_noun(ctx.voc)}", ctx.text[m.end() : m.end() + 30])
    other = _target(ctx, m)
    if other.place is None or possessive(ctx, m) or region_after:
        return None  # "the northern part of Kharkiv Oblast": a region's part
    subject = ctx.subject_before(m.start(), exclude=other.place)
    if not subject.name:
        return None  # "fighting on the eastern edge of Bakhmut": where, not a claim
    return direction_fields(ctx, subject, other, m.group("dir"), m.group("target"))


def _point_of(place):
    """(lon, lat) to measure a direction from: a country's equal-area centre, else the
    record's point."""
    if place.kind == "country":
        frame = ms.country_frame(place.country)
        if frame is not None:
            return frame[0], frame[1]
    return place.lon, place.lat


@register("direction", pattern=_rx_direction, order=40)
def check_direction(ctx: Ctx, m: re.Match):
    """ "Irpin, north-west of Kyiv", "the Gomel region, to the north of Ukraine"."""
    if possessive(ctx, m):
        return None
    other = _target(ctx, m)
    if other.place is None:  # "north of the Kharkiv region", "to the north of Ukraine"
        other = _target(ctx, m, kinds=("admin1", "country"))
    subject = ctx.subject_before(m.start(), kinds=(*POPULATED, "admin1"), exclude=other.place)
    if not subject.name:
        head = ctx.text[ctx.sent_start : m.start()]
        if (
            other.place is not None
            and other.place.kind in POPULATED
            and re.search(r"(?i:\bin\s+the)\s*$", head)
        ):  # "a mall in the northwest of Kyiv": a position, but of nothing geoinc knows
            raise Unverifiable(
                "what lies there is not a place geoinc knows",
                other=other.place,
                stated={"direction": m.group("dir").lower(), "of": other.name},
            )
        return None  # "inspected north of Istanbul": where an event was, not a claim
    inside = (
        subject.place is not None
        and other.place is not None
        and (subject.place.country == other.place.country)
    )
    if other.place is not None and other.place.kind == "country" and inside:
        from geoinc.claims.kinds_position import position_fields  # "Odesa, south of Ukraine"

        return position_fields(
            ctx, subject, other.place.country, m.group("dir"), (*POPULATED, "admin1")
        )
    return direction_fields(ctx, subject, other, m.group("dir"), m.group("target"))


def direction_fields(ctx: Ctx, subject, other, dir_word: str, target: str) -> dict:
    """Result fields for "``subject`` lies ``dir_word`` of ``other``"."""
    stated_deg = ctx.voc.direction_degrees(dir_word)
    stated = {"direction": compass_point(stated_deg), "of": target}
    place = subject.place
    ok_subject = is_point(place) or (place is not None and place.kind == "admin1")
    if not ok_subject or other.place is None:
        missing = subject if not ok_subject else other
        raise Unverifiable(no_place(missing), subject=subject, stated=stated, other=other.place)
    (lon1, lat1), (lon2, lat2) = _point_of(other.place), _point_of(place)
    km, bearing = (float(x) for x in ms.geodesic_distance(lon1, lat1, lon2, lat2))
    extent = ms.city_radius_km(place.population) + ms.city_radius_km(other.place.population)
    spread = min(math.degrees(math.atan2(extent, max(km, 1e-6))), 45.0)
    verdict, tol = ms.judge_direction(stated_deg, bearing, spread)
    return {
        "subject": subject,
        "stated": stated,
        "verdict": verdict,
        "tolerance": tol,
        "other": other.place,
        "computed": {
            "bearing": round(bearing, 1),
            "direction": compass_point(bearing),
            "km": round(km, 3),
            "direction_verdict": verdict,
        },
        "method": (
            f"initial geodesic bearing on WGS84 from the centre of {other.place.name} to "
            f"the centre of {place.name} (a country's equal-area centroid; a region's "
            f"GeoNames point)"
        ),
        "reason": (
            f"{place.name} lies {compass_point(bearing)} of {other.place.name} "
            f"(bearing {bearing:.0f}°, {km:.0f} km)"
        ),
    }
