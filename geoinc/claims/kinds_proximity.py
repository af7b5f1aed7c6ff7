"""Closeness without a number: "just across the border from Belgorod", "near Saratov",
"near the Russian border", "a region which borders Ukraine"."""

from __future__ import annotations

import re

from geoinc.borders import border_pairs, distance_to_border
from geoinc.claims import _measure as ms
from geoinc.claims import _patterns as pt
from geoinc.claims._context import NAME, POPULATED, Ctx, country_code
from geoinc.claims._model import CONSISTENT, INCONSISTENT, ROUGHLY, Unverifiable
from geoinc.claims._registry import register
from geoinc.claims.kinds_distance import _country_in, is_point, no_place, possessive
from geoinc.exceptions import GeoincError

#: How close "near X" / "not far from X" is: the two places' edges (centre distance minus
#: both radii) within the first figure consistent, the second roughly.
PLACE_LIMITS_KM = {"near": (25.0, 50.0), "notfar": (75.0, 150.0)}
#: "near the border", "border city": the city's nearest edge within 50 km consistent,
#: 200 km roughly (the annotators' rule on the development set).
NEAR_BORDER_KM, ROUGH_NEAR_BORDER_KM = 50.0, 200.0


def _near_verdict(km: float, ok: float, rough: float) -> str:
    return CONSISTENT if km <= ok else ROUGHLY if km <= rough else INCONSISTENT


def _rx_across(v) -> str:
    return (
        r"(?i:(?:just\s+|right\s+|directly\s+)?(?:across|over|on\s+the\s+other\s+side\s+of)\s+"
        rf"the\s+(?:border|frontier)\s+)(?i:from)\s+{pt.place_intro(v)}(?P<target>{NAME})"
    )


@register("adjacency", pattern=_rx_across, order=30)
def check_adjacency(ctx: Ctx, m: re.Match):
    """ "Kharkiv, just across the border from Belgorod"."""
    subject = ctx.subject_before(m.start())
    other = ctx.place_at(m.start("target"), m.end("target"), m.group("target"))
    place, oplace = subject.place, other.place
    stated = {"relation": "across the border from", "of": m.group("target")}
    if not is_point(place) or not is_point(oplace):
        missing = subject if not is_point(place) else other
        raise Unverifiable(no_place(missing), subject=subject, stated=stated, other=oplace)
    tol = (
        f"the two places are in neighbouring countries and each lies within "
        f"{ms.NEAR_BORDER_KM:g} km (consistent) or {ms.ROUGH_BORDER_KM:g} km (roughly) of their "
        "shared border, measured from the city's edge (centre distance minus its radius)"
    )
    km_between, _ = ms.between(oplace, place)
    pair = tuple(sorted((place.country, oplace.country)))
    base = {
        "subject": subject,
        "stated": stated,
        "other": oplace,
        "tolerance": tol,
        "computed": {"km_between": round(km_between, 3), "countries": list(pair)},
    }
    if place.country == oplace.country or pair not in border_pairs():
        why = (
            "are in the same country" if place.country == oplace.country else "share no land border"
        )
        return {
            **base,
            "verdict": INCONSISTENT,
            "method": "country of each place (GeoNames)",
            "reason": f"{place.name} ({place.country}) and {oplace.name} ({oplace.country}) {why}",
        }
    a, b = ms.border_km(place, pair), ms.border_km(oplace, pair)
    if a is None or b is None:
        raise Unverifiable("no shared border line in the bundled datasets", **base)
    edge = max(
        a[0] - ms.city_radius_km(place.population), b[0] - ms.city_radius_km(oplace.population)
    )
    base["computed"].update(
        {
            "km_to_border": round(a[0], 3),
            "other_km_to_border": round(b[0], 3),
            "worst_edge_km": round(edge, 3),
        }
    )
    return {
        **base,
        "verdict": _near_verdict(edge, ms.NEAR_BORDER_KM, ms.ROUGH_BORDER_KM),
        "dataset": a[1],
        "border_point": a[2],
        "method": (
            f"geodesic distances on WGS84 from each centre point to the nearest point of "
            f"the {a[3]} border (dataset {a[1]!r}) and between the two centres; {ms.POV}"
        ),
        "reason": (
            f"{place.name} is {a[0]:.1f} km and {oplace.name} {b[0]:.1f} km from the "
            f"{a[3]} border, {km_between:.0f} km apart"
        ),
    }


def _near_words(v, relation: str) -> str:
    return (
        "(?i:"
        + "|".join(
            re.escape(w).replace(r"\ ", r"\s+")
            for w in sorted(v.proximity, key=len, reverse=True)
            if v.proximity[w] == relation
        )
        + ")"
    )


def _rx_near_place(v) -> str:
    return (
        rf"\b(?P<prox>{_near_words(v, 'near')}|{_near_words(v, 'notfar')})\s+"
        rf"{pt.place_intro(v)}(?P<target>{NAME})"
    )


@register("adjacency", name="near_place", pattern=_rx_near_place, order=35)
def check_near_place(ctx: Ctx, m: re.Match):
    """ "Makiivka, near Donetsk", "the village of X outside Belgorod"."""
    if possessive(ctx, m):
        return None
    other = ctx.place_at(m.start("target"), m.end("target"), m.group("target"))
    if other.place is None or other.place.kind not in POPULATED:
        return None  # "near the border", "near Russia": not a place
    subject = ctx.subject_before(m.start(), exclude=other.place)
    if not subject.name:
        return None  # "drones downed near Moscow": where an event was, not a claim
    relation = ctx.voc.proximity.get(" ".join(m.group("prox").lower().split()), "near")
    return near_place_fields(subject, other, relation, m.group("target"))


def near_place_fields(subject, other, relation: str, written: str) -> dict:
    """Result fields for "``subject`` lies near (``relation``) ``other``"."""
    ok, rough = PLACE_LIMITS_KM.get(relation, PLACE_LIMITS_KM["near"])
    stated = {"relation": relation, "of": written}
    if not is_point(subject.place) or not is_point(other.place):
        missing = subject if not is_point(subject.place) else other
        raise Unverifiable(no_place(missing), subject=subject, stated=stated, other=other.place)
    km, _ = ms.between(other.place, subject.place)
    edge = max(
        0.0,
        km
        - ms.city_radius_km(subject.place.population)
        - ms.city_radius_km(other.place.population),
    )
    return {
        "subject": subject,
        "stated": stated,
        "other": other.place,
        "verdict": _near_verdict(edge, ok, rough),
        "computed": {"km": round(km, 3), "km_edge_to_edge": round(edge, 3)},
        "tolerance": (
            f"'{relation}': edges (centre distance minus both radii) within {ok:g} km "
            f"consistent, {rough:g} km roughly consistent"
        ),
        "method": "geodesic distance on WGS84 between the centre points (GeoNames)",
        "reason": f"{subject.place.name} is {km:.1f} km from {other.place.name}",
    }


def _rx_near_border(v) -> str:
    prep = "|".join(_near_words(v, r) for r in ("near", "notfar", "on"))
    return (
        rf"\b(?:{prep})\s+(?:the\s+)?"
        rf"(?:(?P<adj>{pt.CAP})\s+)?(?i:border|frontier)(?:\s+(?i:with)\s+"
        rf"(?P<with>(?:[\w-]+\s+){{0,3}}?[A-Z][\w'’-]+))?"
        rf"|\b{_near_words(v, 'verb')}\s+(?:(?i:both)\s+)?(?P<country>{pt.CAP})\b"
    )


#: A region without a bundled polygon is approximated by a grid of points (this step, in
#: degrees) whose nearest GeoNames place lies in it; it reaches a border when a grid point
#: lies within REGION_TOUCH_KM of it (about two grid cells, or a strait), roughly 60 km.
REGION_GRID_DEG, REGION_TOUCH_KM, REGION_ROUGH_KM = 0.1, 25.0, 60.0


def _region_points(region):
    """(lons, lats) of grid points that fall in ``region`` (polygon where bundled, else the
    cells of its GeoNames places)."""
    import numpy as np

    from geoinc.claims._context import gazetteer

    lats, lons = np.meshgrid(
        np.arange(region.lat - 4, region.lat + 4, REGION_GRID_DEG),
        np.arange(region.lon - 6, region.lon + 6, REGION_GRID_DEG),
        indexing="ij",
    )
    df = gazetteer().reverse_many(lats.ravel(), lons.ravel())
    keep = (df["admin1"] == region.admin1).to_numpy()
    return df["lon"].to_numpy()[keep], df["lat"].to_numpy()[keep], df["admin1_method"].iloc[0]


def _unit_near_border(ctx: Ctx, region, neighbour: str | None) -> dict:
    """A region (not a city) on or near a land border of its country."""
    border = (region.country, neighbour) if neighbour else region.country
    lons, lats, _ = _region_points(region)
    if not len(lons):
        raise Unverifiable(f"the bundled data cannot outline {region.name}", place=region)
    try:
        r = distance_to_border(lons, lats, border=border, dataset="naturalearth")
    except GeoincError as err:
        raise Unverifiable(f"no land border {border!r} in the bundled data", place=region) from err
    i = int(r.distance_km.argmin())
    km = float(r.distance_km[i])
    pair = f"{r.country_a[i]}–{r.country_b[i]}"
    return {
        "verdict": _near_verdict(km, REGION_TOUCH_KM, REGION_ROUGH_KM),
        "computed": {"km": round(km, 3), "border": pair},
        "dataset": "naturalearth",
        "border_point": (round(float(r.border_lon[i]), 6), round(float(r.border_lat[i]), 6)),
        "tolerance": (
            f"the region reaches the border: a point of it within {REGION_TOUCH_KM:g} "
            f"km consistent, {REGION_ROUGH_KM:g} km roughly consistent"
        ),
        "method": (
            f"the region as {REGION_GRID_DEG}° grid points inside its polygon or nearest "
            f"to its GeoNames places; geodesic distance on WGS84 to the {pair} border "
            f"(Natural Earth 10m); {ms.POV}"
        ),
        "reason": f"{region.name} comes within {km:.1f} km of the {pair} border",
    }


@register("border_proximity", pattern=_rx_near_border, order=60)
def check_near_border(ctx: Ctx, m: re.Match):
    """ "Sumy, near the Russian border", "the Voronezh region, which borders Ukraine"."""
    subject = ctx.subject_before(m.start(), kinds=(*POPULATED, "admin1"))
    if not subject.name:
        return None  # "a depot not far from the border": nothing named to check
    place = subject.place
    neighbour = (
        country_code(m.group("country"), ctx.voc)
        if m.group("country")
        else _country_in(m.group("with"), ctx) or country_code(m.group("adj"), ctx.voc)
    )
    if m.group("country") and neighbour is None:
        return None  # "borders Kharkiv": not a country
    stated = {"relation": "near the border", "country": neighbour}
    if place is not None and place.kind == "admin1":
        return {"subject": subject, "stated": stated, **_unit_near_border(ctx, place, neighbour)}
    if not is_point(place):
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    return {"subject": subject, "stated": stated, **border_city_fields(place, neighbour)}


def border_city_fields(place, neighbour: str | None = None) -> dict:
    """Verdict fields for a populated place said to be on or near a land border."""
    border = (
        (place.country, neighbour) if neighbour and neighbour != place.country else place.country
    )
    res = ms.border_km(place, border)
    if res is None:
        raise Unverifiable(f"no land border {border!r} in the bundled data", place=place)
    km, ds, point, pair = res
    edge = km - ms.city_radius_km(place.population)
    return {
        "verdict": _near_verdict(edge, NEAR_BORDER_KM, ROUGH_NEAR_BORDER_KM),
        "computed": {"km": round(km, 3), "border": pair, "km_nearest_edge": round(edge, 3)},
        "dataset": ds,
        "border_point": point,
        "tolerance": (
            f"edge of the city within {NEAR_BORDER_KM:g} km of the border is "
            f"consistent, within {ROUGH_NEAR_BORDER_KM:g} km roughly consistent"
        ),
        "method": (
            f"geodesic distance on WGS84 from the centre point of {place.name} to the "
            f"nearest point of the {pair} border (dataset {ds!r}), minus the city's "
            f"radius; {ms.POV}"
        ),
        "reason": f"{place.name} is {km:.1f} km from the {pair} border",
    }
