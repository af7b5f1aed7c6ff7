"""River banks: "Kherson, on the right bank of the Dnipro", "Oleshky, on the Dnipro's left
bank", "Нікополь, на правому березі Дніпра", "на левом берегу Днепра".

The bank is judged on the bundled river lines (Natural Earth, oriented downstream by
``gazetteer/build_rivers.py``): the left bank is on the left facing downstream; a compass
bank ("the eastern bank") is the side the place lies on, seen from the river's nearest
point. The place must also lie on the river.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

from geoinc.borders import compass_point
from geoinc.claims import _measure as ms
from geoinc.claims import _patterns as pt
from geoinc.claims import _slavic as sl
from geoinc.claims._context import NAME, Ctx
from geoinc.claims._model import CONSISTENT, INCONSISTENT, ROUGHLY, Unverifiable
from geoinc.claims._registry import register
from geoinc.claims._vocab import alternation, stem_value
from geoinc.claims.kinds_distance import is_point, no_place

#: The edge of the place within this many km of the river line: on the river
#: (consistent); within the second, roughly (a reservoir's centreline lies km offshore).
RIVER_OK_KM, RIVER_ROUGH_KM = 15.0, 30.0
#: A compass bank holds when the place's bearing from the river is this close to it.
BANK_SECTOR_DEG = 90.0
#: The river lines are Natural Earth's 1:50m centrelines, off by a few km along a city:
#: a place whose centre lies this close to one, or which reaches the line with its extent
#: radius (a city on both banks), cannot be put on a bank.
LINE_ACCURACY_KM = 3.0


@lru_cache(maxsize=1)
def _rivers() -> dict:
    """River name -> MultiLineString oriented downstream (bundled ``rivers.geojson``)."""
    from shapely.geometry import shape

    from geoinc._data import data_path

    doc = json.loads(data_path("rivers.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["name"]: shape(f["geometry"]) for f in doc["features"]}


def _side(place, river) -> tuple[float, float, float]:
    """(km from the river, bearing of the place from the river's nearest point, +1/-1:
    the place left/right of the flow there), in a projection centred on the place."""
    import numpy as np
    import shapely

    fwd = ms._aeqd(place.lon, place.lat)
    proj = shapely.transform(river, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
    origin = shapely.Point(0.0, 0.0)
    part = min(proj.geoms, key=origin.distance)
    d = part.project(origin)
    q = part.interpolate(d)
    a, b = part.interpolate(max(0.0, d - 500.0)), part.interpolate(min(part.length, d + 500.0))
    cross = (b.x - a.x) * (-q.y) - (b.y - a.y) * (-q.x)
    bearing = math.degrees(math.atan2(-q.x, -q.y)) % 360.0
    return origin.distance(q) / 1000.0, bearing, 1.0 if cross > 0 else -1.0


def bank_fields(subject, river_name: str | None, side: str, as_written: str) -> dict:
    """Result fields for "``subject`` lies on the ``side`` bank of ``river_name``"."""
    stated = {"bank": side, "river": as_written}
    place = subject.place
    river = _rivers().get(river_name or "")
    if river is None:
        raise Unverifiable(
            f"the bundled river lines do not hold {as_written!r}", subject=subject, stated=stated
        )
    if not is_point(place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    km, bearing, lr = _side(place, river)
    radius = ms.city_radius_km(place.population)
    if km <= max(LINE_ACCURACY_KM, radius):
        raise Unverifiable(
            f"{place.name} lies {km:.1f} km from the {river_name} line: within the line's "
            f"accuracy (Natural Earth 1:50m, {LINE_ACCURACY_KM:g} km) or its own radius "
            f"({radius:.1f} km, it may lie on both banks), so the bank cannot be told",
            subject=subject,
            stated=stated,
            computed={"km": round(km, 2)},
        )
    edge = km - radius
    if side in ("left", "right"):
        on_side = (lr > 0) == (side == "left")
        where = "left" if lr > 0 else "right"
    else:
        on_side = ms.angle_diff(float(side), bearing) <= BANK_SECTOR_DEG
        where = f"{compass_point(bearing)} (bearing {bearing:.0f}° from the river)"
    if edge > RIVER_ROUGH_KM:
        verdict, why = INCONSISTENT, f"{place.name} is {km:.0f} km from the {river_name}"
    elif not on_side:
        verdict, why = INCONSISTENT, f"{place.name} is on the {where} bank of the {river_name}"
    else:
        verdict = CONSISTENT if edge <= RIVER_OK_KM else ROUGHLY
        why = f"{place.name} is on the {where} bank, {km:.1f} km from the {river_name}"
    return {
        "subject": subject,
        "stated": stated,
        "verdict": verdict,
        "computed": {"km": round(km, 2), "bearing_from_river": round(bearing, 1), "side": where},
        "tolerance": (
            f"the place's edge within {RIVER_OK_KM:g} km of the river consistent, "
            f"{RIVER_ROUGH_KM:g} km roughly; left/right facing downstream; a compass bank "
            f"within {BANK_SECTOR_DEG:g}° of the place's bearing from the river"
        ),
        "method": (
            f"nearest point of the {river_name} line (Natural Earth, oriented downstream) in "
            f"an azimuthal equidistant projection centred on {place.name}; the side by the "
            f"flow direction there"
        ),
        "reason": why,
    }


def _bank_side(word: str, table: dict, stems: bool) -> str | None:
    value = stem_value(word, table) if stems else table.get(" ".join(word.lower().split()))
    return None if value is None else str(value)


def _rx_bank(v) -> str:
    sides = pt._ci(alternation(v.river_banks))
    mod = r"(?:(?!of\b)[a-z][a-z-]+\s+)?"
    return (
        rf"\b(?i:on|along)\s+the\s+{mod}(?P<side>{sides})\s+(?i:bank)\s+(?i:of)\s+(?:the\s+)?"
        rf"(?P<river>{NAME})"
        rf"|\b(?i:on|along)\s+the\s+(?P<river2>{NAME})['’]s\s+{mod}(?P<side2>{sides})\s+(?i:bank)"
    )


@register("river_bank", pattern=_rx_bank, order=58)
def check_bank(ctx: Ctx, m: re.Match):
    """ "Kherson, on the right bank of the Dnipro", "on the Dnipro's left bank"."""
    n = "" if m.group("side") else "2"
    subject = ctx.subject_before(m.start())
    if subject.place is None:
        return None  # "fighting on the left bank of the Dnipro": where, not a claim
    written = re.sub(r"\s+(?i:river)$", "", m.group(f"river{n}"))
    river = ctx.voc.rivers.get(written.lower())
    side = _bank_side(m.group(f"side{n}"), ctx.voc.river_banks, stems=False)
    return bank_fields(subject, river, side, written)


def _rx_sl_bank(v) -> str:
    return (
        rf"{sl.words(sl.group(v, 'in'))}\s+(?P<side>{sl.stems(v.river_banks)})\s+"
        rf"{sl.words(sl.group(v, 'bank_nouns'))}\s+(?:{sl.words(sl.group(v, 'river_nouns'))}\s+)?"
        rf"(?P<river>{sl.WORD})"
    )


@register("river_bank", name="sl_river_bank", pattern=_rx_sl_bank, order=58, grammar="slavic")
def check_sl_bank(ctx: Ctx, m: re.Match):
    """ "Херсон, на правому березі Дніпра", "на левом берегу Днепра"."""
    subject = sl.subject_before(ctx, m.start())
    if subject.place is None:
        return None
    river = stem_value(m.group("river").lower(), ctx.voc.rivers)
    side = _bank_side(m.group("side").lower(), ctx.voc.river_banks, stems=True)
    return bank_fields(subject, river, side, m.group("river"))


def _nearest_river(*places) -> str | None:
    """The bundled river the places lie nearest to together (for "across the river")."""
    from shapely.geometry import Point

    best = None
    for name, line in _rivers().items():
        d = sum(line.distance(Point(p.lon, p.lat)) for p in places)
        if best is None or d < best[0]:
            best = (d, name)
    return best[1] if best else None


def opposite_bank_fields(subject, other, river_name: str | None, written: str) -> dict:
    """Result fields for "``subject`` lies across the river from ``other``"."""
    stated = {"relation": "across the river from", "of": other.name, "river": written}
    if not (is_point(subject.place) and is_point(other.place)):
        missing = subject if not is_point(subject.place) else other
        raise Unverifiable(no_place(missing), subject=subject, stated=stated)
    river_name = river_name or _nearest_river(subject.place, other.place)
    river = _rivers().get(river_name or "")
    if river is None:
        raise Unverifiable(
            f"the bundled river lines do not hold {written!r}", subject=subject, stated=stated
        )
    sides = []
    for p in (subject.place, other.place):
        km, _, lr = _side(p, river)
        radius = ms.city_radius_km(p.population)
        if km <= max(LINE_ACCURACY_KM, radius):
            raise Unverifiable(
                f"{p.name} lies {km:.1f} km from the {river_name} line: the bank cannot be told",
                subject=subject,
                stated=stated,
            )
        sides.append((km - radius, "left" if lr > 0 else "right"))
    far = max(edge for edge, _ in sides)
    opposite = sides[0][1] != sides[1][1]
    verdict = (
        INCONSISTENT
        if not opposite or far > RIVER_ROUGH_KM
        else CONSISTENT
        if far <= RIVER_OK_KM
        else ROUGHLY
    )
    return {
        "subject": subject,
        "stated": stated,
        "other": other.place,
        "verdict": verdict,
        "computed": {"river": river_name, "sides": [s for _, s in sides]},
        "tolerance": (
            f"on opposite banks (left/right facing downstream), each place's edge within "
            f"{RIVER_OK_KM:g} km of the river consistent, {RIVER_ROUGH_KM:g} km roughly"
        ),
        "method": f"sides of the {river_name} line (Natural Earth, oriented downstream)",
        "reason": (
            f"{subject.place.name} is on the {sides[0][1]} bank, {other.place.name} on the "
            f"{sides[1][1]} bank of the {river_name}"
        ),
    }


def _rx_across(v) -> str:
    return (
        rf"\b(?i:across|on\s+the\s+other\s+side\s+of)\s+the\s+"
        rf"(?:(?i:river)\s+)?(?P<river>{NAME})?(?:\s*(?i:river))?\s+(?i:from)\s+"
        rf"(?P<target>{NAME})"
    )


@register("river_bank", name="across_river", pattern=_rx_across, order=29)
def check_across(ctx: Ctx, m: re.Match):
    """ "Nikopol, across the Dnipro from Enerhodar": the two on opposite banks."""
    if not m.group("river") and not re.search(r"(?i:river)", m.group(0)):
        return None  # "across the road from X"
    other = ctx.place_at(m.start("target"), m.end("target"), m.group("target"))
    if other.place is None:
        return None
    subject = ctx.subject_before(m.start(), exclude=other.place)
    if subject.place is None:
        return None
    written = m.group("river") or "the river"
    river = ctx.voc.rivers.get(written.lower()) if m.group("river") else None
    if m.group("river") and river is None:
        return None  # "across the Black Sea from Odesa": not a river geoinc knows
    return opposite_bank_fields(subject, other, river, written)
