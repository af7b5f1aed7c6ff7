"""Size: rank by population ("Ukraine's second-largest city", "Kharkiv, Ukraine's third
largest") and population stated ("a city of 1.4 million people")."""

from __future__ import annotations

import math
import re

from geoinc.claims import _patterns as pt
from geoinc.claims._context import NAME, POPULATED, Ctx, country_code, gazetteer
from geoinc.claims._model import CONSISTENT, INCONSISTENT, ROUGHLY, Unverifiable
from geoinc.claims._registry import register
from geoinc.claims._vocab import alternation
from geoinc.claims.kinds_distance import no_place

#: Population: GeoNames figures are undated (census years differ, and war displaced
#: millions), so within 15 % is consistent and within 30 % roughly consistent.
POP_OK_REL, POP_ROUGH_REL = 0.15, 0.30
#: Rank: one place off when the two populations are this close is roughly consistent.
RANK_CLOSE_REL = 0.10


def _ord(v) -> str:
    return "(?i:" + "|".join(re.escape(w) for w in sorted(v.ordinals, key=len, reverse=True)) + ")"


def _rank_words(v) -> str:
    return "(?i:" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in v.rank_words) + ")"


def _rx_rank(v) -> str:
    o, w, s = _ord(v), _rank_words(v), pt.settlement(v)
    return (
        rf"(?:(?P<owner>(?i:the\s+country|the\s+nation)|{pt.CAP})['’]s\s+(?P<o1>{o})"
        rf"(?:(?:[\s-]+{w})(?:\s+{s}\b)?|\s+{s}\b)"
        rf"|(?i:the)\s+(?P<o2>{o})(?:[\s-]+{w})?\s+{s}\s+(?i:in|of)\s+"
        rf"(?P<owner2>(?i:the\s+country)|{pt.CAP}))(?:\s*(?:,|(?i:of))\s+(?P<after>{NAME}))?"
    )


@register("rank", pattern=_rx_rank, order=65)
def check_rank(ctx: Ctx, m: re.Match):
    """ "Ukraine's second-largest city", "Kharkiv, Ukraine's third largest"."""
    rank = ctx.voc.ordinals[(m.group("o1") or m.group("o2")).lower()]
    owner = " ".join((m.group("owner") or m.group("owner2") or "").split())
    generic = owner.lower() in ("the country", "the nation")
    if m.group("after"):
        subject = ctx.place_at(m.start("after"), m.end("after"), m.group("after"))
    else:
        subject = ctx.subject_before(m.start(), lookback=False)
    iso2 = None if generic else country_code(owner, ctx.voc)
    if iso2 is None and not generic:
        raise Unverifiable(
            f"{owner!r} is not a country geoinc knows", subject=subject, stated={"rank": rank}
        )
    _by_population(ctx, m, subject, rank)
    return rank_fields(subject, rank, iso2)


def _by_population(ctx: Ctx, m: re.Match, subject, rank: int) -> None:
    """Raise unless the ranked noun is one a population ranks ("city", not "port": the
    largest port is the one with most cargo)."""
    nouns = re.findall(pt.settlement(ctx.voc), m.group(0))
    noun = " ".join(nouns[-1].lower().split()) if nouns else ""
    if noun and noun not in {n.lower() for n in ctx.voc.rank_nouns}:
        raise Unverifiable(
            f"a '{noun}' is not ranked by population; the bundled data has no other measure",
            subject=subject,
            stated={"rank": rank, "of": noun},
        )


def _rx_region_rank(v) -> str:
    o, w, s, r = _ord(v), _rank_words(v), pt.settlement(v), pt.region_noun(v)

    def rank(n: int) -> str:
        return rf"(?P<o{n}>{o})(?:[\s-]+{w})?\s+{s}\b"

    return (
        rf"(?i:the)\s+{rank(1)}\s+(?i:in|of)\s+(?:the\s+)?(?P<region1>{NAME})\s+{r}"
        rf"|(?P<region2>{NAME})\s+{r}['’]s\s+{rank(2)}"
        rf"|(?i:the\s+)(?P<own>{r})['’]s\s+{rank(3)}"
    )


def _distinct(places: list, n: int) -> list:
    """The first ``n`` of ``places`` (largest first) that are not a quarter of a larger one
    (a GeoNames section of a city lies within that city's extent radius)."""
    from geoinc.claims._measure import between, city_radius_km

    kept: list = []
    for p in places:
        if len(kept) == n:
            break
        if not any(between(k, p)[0] <= city_radius_km(k.population) for k in kept):
            kept.append(p)
    return kept


#: How many of a country's largest places are searched for a region's ranking.
REGION_RANK_SEARCH = 3000


@register("rank", name="region_rank", pattern=_rx_region_rank, order=64)
def check_region_rank(ctx: Ctx, m: re.Match):
    """ "Melitopol, the second-largest city of the Zaporizhzhia region", "the region's
    largest city" (the region of the place named before)."""
    from geoinc.claims.kinds_position import resolve_region

    n = next(i for i in (1, 2, 3) if m.group(f"o{i}"))
    rank = ctx.voc.ordinals[m.group(f"o{n}").lower()]
    subject = ctx.subject_before(m.start(), lookback=False)
    if n == 3 and not subject.name:
        return None  # "the region's largest city" of nothing named
    _by_population(ctx, m, subject, rank)
    name = m.group(f"region{n}") if n < 3 else None
    region = resolve_region(name, ctx) if name else None
    if name and region is None:
        raise Unverifiable(
            f"the bundled gazetteer does not know {name!r} as a region",
            subject=subject,
            stated={"rank": rank, "region": name},
        )
    return region_rank_fields(subject, rank, region, name)


def region_rank_fields(subject, rank: int, region, name: str | None) -> dict:
    """Result fields for "``subject`` is the ``rank``-th largest place of ``region`` (None:
    of the place's own region)"."""
    stated = {"rank": rank, "region": name or "its own region"}
    place = subject.place
    if place is None or place.kind not in POPULATED:
        raise Unverifiable(no_place(subject), subject=subject, stated=stated)
    code = region.admin1 if region is not None else place.admin1
    top = _distinct(
        [
            p
            for p in gazetteer().largest_places(place.country, n=REGION_RANK_SEARCH)
            if p.admin1 == code
        ],
        max(rank + 5, 20),
    )
    ids = [p.geonameid for p in top]
    actual = ids.index(place.geonameid) + 1 if place.geonameid in ids else None
    label = region.name if region is not None else (place.admin1_name or code)
    verdict, reason = _rank_verdict(place, label, rank, actual, top)
    return {
        "subject": subject,
        "stated": {**stated, "measure": "population"},
        "computed": {
            "rank": actual,
            "admin1": code,
            "top": [(p.name, p.population) for p in top[:3]],
        },
        "verdict": verdict,
        "reason": reason,
        "method": f"rank by GeoNames population among populated places of {label}",
        "tolerance": (
            f"same rank is consistent; one place off with populations within "
            f"{RANK_CLOSE_REL:.0%} is roughly consistent"
        ),
    }


def rank_fields(subject, rank: int, iso2: str | None) -> dict:
    """Result fields for "``subject`` is the ``rank``-th largest place of ``iso2``" (None:
    of its own country)."""
    place = subject.place
    if place is None or place.kind not in POPULATED:
        raise Unverifiable(
            no_place(subject), subject=subject, stated={"rank": rank, "country": iso2}
        )
    iso2 = iso2 or place.country
    top = gazetteer().largest_places(iso2, n=max(rank + 5, 20))
    ids = [p.geonameid for p in top]
    actual = ids.index(place.geonameid) + 1 if place.geonameid in ids else None
    verdict, reason = _rank_verdict(place, iso2, rank, actual, top)
    return {
        "subject": subject,
        "stated": {"rank": rank, "country": iso2, "measure": "population"},
        "computed": {
            "rank": actual,
            "top": [(p.name, p.population) for p in top[: max(rank, actual or 0) + 1]],
        },
        "verdict": verdict,
        "reason": reason,
        "method": (
            f"rank by GeoNames population among populated places of {iso2} (bundled gazetteer)"
        ),
        "tolerance": (
            f"same rank is consistent; one place off with populations within "
            f"{RANK_CLOSE_REL:.0%} (sources disagree) is roughly consistent"
        ),
    }


def _rank_verdict(place, iso2, rank, actual, top) -> tuple[str, str]:
    if actual is None:
        return INCONSISTENT, f"{place.name} is not among the {len(top)} largest places of {iso2}"
    if actual == rank:
        return CONSISTENT, f"{place.name} is number {actual} in {iso2} by population"
    rival = top[rank - 1] if rank <= len(top) else None
    close = (
        rival is not None
        and abs(actual - rank) == 1
        and abs(rival.population - place.population) <= RANK_CLOSE_REL * max(rival.population, 1)
    )
    reason = f"{place.name} is number {actual} in {iso2} by population" + (
        f"; number {rank} is {rival.name}" if rival else ""
    )
    return (ROUGHLY if close else INCONSISTENT), reason


#: A figure with no people noun ("a city of some 200,000") is a population from this size.
BARE_FIGURE_MIN = 1000


def _figure(text: str) -> float:
    """A population figure's number: digits, or words ("one", "a" before a scale)."""
    from geoinc.quantities import parse_number

    t = text.strip().lower()
    if t[:1].isdigit():
        return float(t.replace(",", ""))
    return float(parse_number(t) or 1)


def _rx_population(v) -> str:
    scales = (
        "(?i:"
        + "|".join(re.escape(s) for s in sorted(v.population_scales, key=len, reverse=True))
        + r")\b"
    )
    nouns = "(?i:" + "|".join(re.escape(n) for n in v.population_nouns) + ")"
    hedges = (
        "(?i:"
        + "|".join(
            re.escape(h).replace(r"\ ", r"\s+") for h in sorted(v.hedges, key=len, reverse=True)
        )
        + ")"
    )

    from geoinc.quantities import number_words_pattern

    verbs = ("(?i:" + alternation(v.population_verbs)[3:]) if v.population_verbs else "(?!x)x"

    def fig(n: int) -> str:
        # digits, or a number word with its scale ("one million", "a million")
        words = rf"(?:(?i:{number_words_pattern('en')}|a|an))(?=\s*{scales})"
        return (
            rf"(?:(?P<qual{n}>{hedges})\s+)?"
            rf"(?P<num{n}>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?|{words})"
            rf"(?:\s*(?P<scale{n}>{scales}))?"
        )

    return (
        rf"\b(?P<noun>{pt.settlement(v)})\s+(?i:of|with)\s+{fig(1)}(?:\s+{nouns}|(?P<bare>))"
        rf"|\b{nouns}\s+(?i:of)\s+{fig(2)}"
        # "with about a million inhabitants", "that had 50,000 residents", "home to ..."
        rf"|\b{verbs}\s+{fig(3)}\s+{nouns}"
    )


@register("population", pattern=_rx_population, order=66, overlaps=True)
def check_population(ctx: Ctx, m: re.Match):
    """ "a city of 1.4 million people", "a pre-war population of about 45,000"."""
    n = next(i for i in (1, 2, 3) if m.group(f"num{i}"))
    value = _figure(m.group(f"num{n}"))
    if m.group(f"scale{n}"):
        value *= ctx.voc.population_scales[m.group(f"scale{n}").lower()]
    if (m.group("bare") is not None or n == 3) and value < BARE_FIGURE_MIN:
        return None  # "a town of 12 streets", "a bus with 40 people": not a population
    hedge = " ".join((m.group(f"qual{n}") or "").lower().split()) or None
    how = ctx.voc.hedges.get(hedge or "")
    subject = ctx.subject_before(m.start())
    if n == 3 and not subject.name:
        return None  # "a train with 2,000 people": nothing named that has them
    if not subject.name and m.group("noun"):
        # "the town of about 3,500 residents": the town named before
        subject = ctx.described(m.start(), m.group("noun"))
    return population_fields(subject, value, hedge, how)


def population_fields(subject, value: float, hedge: str | None, how: str | None) -> dict:
    """Result fields for "``subject`` has ``value`` people" (``how``: the hedge's rule)."""
    stated = {"population": int(value), "qualifier": hedge}
    place = subject.place
    if place is None or place.kind not in POPULATED or not place.population:
        raise Unverifiable(
            no_place(subject)
            if place is None or place.kind not in POPULATED
            else f"the bundled gazetteer has no population for {place.name}",
            subject=subject,
            stated=stated,
        )
    have = float(place.population)
    low, high = (
        (value, math.inf) if how == "atleast" else (0.0, value) if how == "upto" else (value, value)
    )
    gap = max(0.0, low - have, have - high) / value
    # an open range ("more than 1.3 million") is itself the hedge: outside it, at best roughly
    ok = 0.0 if how in ("atleast", "upto") else POP_OK_REL
    rough = POP_OK_REL if how in ("atleast", "upto") else POP_ROUGH_REL
    verdict = CONSISTENT if gap <= ok else ROUGHLY if gap <= rough else INCONSISTENT
    return {
        "subject": subject,
        "stated": stated,
        "verdict": verdict,
        "computed": {"population": place.population, "relative_gap": round(gap, 3)},
        "tolerance": (
            f"GeoNames population within {ok:.0%} of the stated figure consistent, "
            f"within {rough:.0%} roughly (an open range: inside it consistent, within "
            f"{POP_OK_REL:.0%} of its end roughly); GeoNames figures are undated"
        ),
        "method": "GeoNames population of the place (bundled gazetteer)",
        "reason": f"GeoNames gives {place.name} {place.population:,} people",
    }
