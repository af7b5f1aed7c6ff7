"""Toponym resolution: pick one gazetteer record per recognised span, in context.

Each candidate gets a score that adds up, in log-odds-like units:

* a prior: log10 population with a per-kind offset (the gazetteer's ``importance``);
* +2 when the span is the record's primary name rather than one of its alternate names,
  or romanises a Cyrillic name of a town ten times bigger than any exact namesake
  ("Konstantinovka": Kostiantynivka, not the Amur Oblast village);
* in a text that reports attacks, a prior for namesakes in a region at war ("Volchansk"
  shelled is Vovchansk), and the sides that speak ("Moscow said") give no context;
* qualifiers: "Kharkiv region" wants a first-level region, "the village of X" a settlement;
* document context: the share of the other mentions that sit in the candidate's country,
  and whether another mention sits in the candidate's first-level region ("Borova" next
  to "Kharkiv" is the Kharkiv-oblast Borova);
* a "Town, Region" pair: the town must lie in the region;
* a list ("Michigan, Oregon and Ohio"): a name takes the kind most of its siblings have.

Names that the precision rules will likely drop ("Transit", "Green") give no context.

Two passes: the first picks with the prior only and collects the context, the second
scores with the context (a mention never counts as its own evidence).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz

from geoinc import lang as _lang
from geoinc.exceptions import ConfigurationError, GeoincError, PlaceNotFound
from geoinc.gazetteer import Place, parse_query
from geoinc.geoparsing.features import Supplement, supplement
from geoinc.geoparsing.lexicon import (
    ACTOR_NOUNS,
    ADMIN1_ABBREVIATIONS,
    CONTINENT_DEMONYMS,
    COUNTRY_ABBREVIATIONS,
    DEMONYMS,
    INSTITUTIONS,
    ORIGIN_SUFFIXES,
    POSTAL_CODES,
)
from geoinc.geoparsing.recognise import Span, Token, first_words_of
from geoinc.geoparsing.roles import assign_role
from geoinc.names import (
    CYRILLIC_COUNTRIES,
    is_cyrillic,
    normalize,
    own_skeletons,
    romanize_ru,
    romanize_uk,
    skeleton,
)

__all__ = ["Resolver", "Resolution"]

#: At most this many records per name are scored (the most important ones).
MAX_CANDIDATES = 20

_W_PRIMARY = 2.0
_W_COMMON_NAME = 1.0  # a name several towns own (_common_name)
# A town this many times bigger than an exact namesake owns a Latin name that romanises
# its Cyrillic name as if the name were its own (Resolver._native_of_bigger).
_NATIVE_RATIO = 10.0
_TOWN_KINDS = frozenset({"place", "settlement"})
# A Ukrainian town whose official name is a Cyrillic key outweighs a foreign town at most
# this many times bigger that has the key only as an exonym (_ukrainian_own).
_UA_OWN_RATIO = 20.0
# In a text that reports attacks, a namesake in a region at war (_at_war): worth the
# primary-name bonus, so that a town's Russian spelling ("Volchansk") finds it.
_W_WAR = _W_PRIMARY
_WAR_RATIO = 10.0  # ... when no namesake far from the front is this many times bigger
_SPEAKING_ROLES = frozenset({"actor", "organisation"})
# Candidates this far below the best prior are not scored: context lifts a candidate
# by this much only for a stated "Town, State" pair, and the development corpora show
# no gain from scoring them (a 1,000-fold smaller namesake of the biggest one).
_PRUNE = 8.0
_W_COUNTRY = 5.0
_W_ADMIN1 = 1.5
_W_CONTAINER = 6.0
_W_REGION_QUALIFIER = 6.0
_W_REGION_NAMED = 1.5
_W_FEATURE_QUALIFIER = 3.0
_W_COHERENCE = 1.5
# A name in a list of regions (or countries) is likely one too: "Michigan, Oregon, Ohio".
_W_SIBLING = 3.0
_LIST_KINDS = ("admin1", "country")
_COUNTRY_DAMPING = 2.0
# Candidates this far below a name's best prior do not count for coherence.
_COHERENCE_WINDOW = 5.0
# A candidate this close to a candidate of another name is pulled towards it.
_W_NEAR = 1.0
_NEAR_KM = 25.0
_NEAR_COS = math.cos(_NEAR_KM / 6371.0)
# "Moscow-installed", "Kremlin-backed": an actor's name before these, not a scene.
_POINTLIKE = frozenset({"place", "settlement", "admin2"})
_AREA_KINDS = frozenset({"country", "admin1", "continent", "water"})
#: A place this big is a place first, whatever else its name means.
BIG_PLACE = 1_000_000
#: Counties have no population in GeoNames: weighed as a village of this size.
COUNTY_POPULATION = 3_000


def small_place(place: Place | None) -> bool:
    """A town or village under :data:`BIG_PLACE` (no area: country, region, sea)."""
    return place is not None and place.kind not in _AREA_KINDS and place.population < BIG_PLACE


def word_outweighs(place: Place, span: Span, zipf: dict, vouch: float = 0.0) -> bool:
    """The one-word name is a frequent English word more likely than this place: the
    place is small for how common the word is (Zipf frequency), a sentence's first word
    needing ten times more, and ``vouch`` (context found for the place) ten-fold less
    per unit."""
    z = zipf.get(span.key, 0.0)
    if not z:
        return False
    pop = place.population or (COUNTY_POPULATION if place.kind == "admin2" else 0)
    return pop < 10 ** (z + (1.0 if span.sentence_start else 0.0) - vouch)


class _Prepared(NamedTuple):
    """What one span's name gives, context-free (cached per name)."""

    cands: list  # (Place, prior), best namesakes first
    evidence: tuple  # (country, admin1, weight) the context-free winner lends the others
    regions: frozenset  # first-level regions the name could be in
    points: tuple  # (admin1, x, y, z, id) of its point-like candidates
    best: Place | None  # the context-free winner
    front: frozenset = frozenset()  # ids of the candidates the war prior lifts (_at_front)


_NO_CONTEXT = (("", "", 0.0), frozenset(), ())


@dataclass(slots=True)
class Resolution:
    """The resolver's answer for one span."""

    span: Span
    place: Place | None
    candidates: tuple[Place, ...]
    confidence: float
    support: float = 0.0  # context bonus the chosen record got (region, container)
    primary: bool = True  # the span is the chosen record's primary name


class _Context(NamedTuple):
    """What the other names of a document say, for scoring one name's candidates."""

    total_c: dict  # country -> evidence weight, over all names
    total_a: dict  # first-level region -> evidence weight, over all names
    own: dict  # name key -> (country weights, region weights) its own mentions gave
    n_total: float  # all the evidence weight
    coherence: dict  # name key -> region -> how much the other names could lie there
    near: dict  # name key -> ids of its candidates close to another name's


_NO_OWN: tuple[dict, dict] = ({}, {})


def _tally(spans: list[Span], context: list) -> tuple[dict, dict, dict, float]:
    """Evidence per country and region, and per name key: a mention never counts as its
    own evidence, and repeating a name does not make it its own context."""
    total_c: dict[str, float] = {}
    total_a: dict[str, float] = {}
    own: dict[str, tuple[dict, dict]] = {}
    for span, (_, (country, admin1, weight), *_) in zip(spans, context, strict=False):
        if not weight:
            continue
        oc, oa = own.setdefault(span.key, ({}, {}))
        total_c[country] = total_c.get(country, 0.0) + weight
        oc[country] = oc.get(country, 0.0) + weight
        if admin1:
            total_a[admin1] = total_a.get(admin1, 0.0) + weight
            oa[admin1] = oa.get(admin1, 0.0) + weight
    return total_c, total_a, own, sum(total_c.values())


def _city_first(cands: list, key: str) -> list[tuple[Place, float]]:
    """A bare name is the city before the region named after it ("Mykolaiv"). The city
    must carry the name itself (a spelling variant counts: Mykolayiv/Mykolaiv), not just
    list it ("Oklahoma" for Oklahoma City)."""
    cities = [
        p
        for p, _ in cands
        if p.kind == "place" and p.population >= 10_000 and fuzz.ratio(normalize(p.name), key) >= 85
    ]
    seats = {p.admin1 for p in cities}
    # A city that is a region of its own ("Kyiv" in Kyiv City) seats the region of its
    # name around it too (Kyiv Oblast): the bare name is still the city.
    own = {p.country for p in cities if _city_region(p)}
    return [
        (p, s - (2.0 if p.kind == "admin1" and (p.admin1 in seats or p.country in own) else 0.0))
        for p, s in cands
    ]


def _city_region(place: Place) -> bool:
    """A city whose first-level region is the city itself ("Kyiv City", "Moscow")."""
    region = normalize(place.admin1_name)
    name = normalize(place.name)
    return region in (name, f"{name} city")


def _prepare(span: Span, cands: list[tuple[Place, float]]) -> _Prepared:
    """What a span's candidates give, context-free: the evidence the winner lends the
    other names, the regions the name could be in and its point-like candidates."""
    if not cands:
        return _Prepared(cands, ("", "", 0.0), frozenset(), (), None)
    top = max(cands, key=lambda c: c[1])
    others = [p for p in cands if p is not top]
    margin = top[1] - max(p[1] for p in others) if others else 10.0
    best = top[0]
    weight = 1.0 if margin >= 1.0 or best.kind in ("country", "admin1") else 0.3
    if span.source == "demonym":
        weight = 0.5
    evidence = (best.country, best.admin1 if best.kind != "country" else "", weight)
    # The regions this name could be in, and its point-like candidates with unit
    # vectors, for coherence and proximity between names.
    top_prior = max(p for _, p in cands)
    plausible = [
        pl
        for pl, p in cands
        if pl.admin1 and pl.kind != "country" and p >= top_prior - _COHERENCE_WINDOW
    ]
    regions = frozenset(pl.admin1 for pl in plausible)
    points = tuple(
        (pl.admin1, *_unit(pl.lat, pl.lon), id(pl)) for pl in plausible if pl.kind in _POINTLIKE
    )
    return _Prepared(cands, evidence, regions, points, best, _at_front(cands))


class Resolver:
    """Candidate generation and scoring over one gazetteer (caches per name key).

    Parameters
    ----------
    gazetteer : geoinc.gazetteer.Gazetteer
    use_supplement : bool, default True
        Also use the bundled continents, second-level divisions and natural features
        (:mod:`geoinc.geoparsing.features`).
    """

    def __init__(self, gazetteer, *, use_supplement: bool = True) -> None:
        self.gz = gazetteer
        self.supplement = supplement() if use_supplement else Supplement([], {})
        self.keys = frozenset(gazetteer.keys()) | frozenset(self.supplement.by_key)
        self.first_words = first_words_of(self.keys)
        self.zipf = self.supplement.zipf
        self._cands: dict[str, list[tuple[Place, float]]] = {}
        self._country: dict[str, Place | None] = {}
        self._span_cache: dict[tuple, tuple] = {}
        self._native_cache: dict[tuple, bool] = {}

    # ---- candidates ------------------------------------------------------------

    def candidates(self, key: str) -> list[tuple[Place, float]]:
        """Records under ``key`` with their context-free prior, best first."""
        got = self._cands.get(key)
        if got is not None:
            return got
        rows = self.gz.rows_for_key(key)
        out: list[tuple[Place, float]] = []
        if len(rows):
            imp = self.gz.importance(rows)
            order = np.argsort(-imp, kind="stable")[:MAX_CANDIDATES]
            floor = float(imp[order[0]]) - _PRUNE
            for o in order:
                if imp[o] < floor:
                    break  # too small next to the best namesake to be worth scoring
                place = self.gz.place_at(int(rows[o]))
                prior = float(imp[o])
                if _is_primary(place, key):
                    prior += _W_PRIMARY
                out.append((place, prior))
        for place, prior in self.supplement.lookup(key):
            if _is_primary(place, key):
                prior += _W_PRIMARY
            out.append((place, prior))
        out = self._native_of_bigger(_ukrainian_own(_common_name(out, key), key), key)
        if len(self._cands) > 200_000:
            self._cands.clear()  # bounded memory on endless streams
        self._cands[key] = out
        return out

    def _native_of_bigger(self, cands: list, key: str) -> list[tuple[Place, float]]:
        """A Latin name that romanises a much bigger town's Cyrillic name, current or
        former ("Konstantinovka": Kostiantynivka; "Artemovsk": Bakhmut), is that town
        before a small exact namesake (a village in Amur Oblast): the bigger town, at
        least :data:`_NATIVE_RATIO` times the biggest exact namesake, is weighed as one
        too (:data:`_W_PRIMARY`). Context still picks the namesake when the text points
        to its region."""
        own = [_is_primary(p, key) for p, _ in cands]
        if is_cyrillic(key) or not any(own) or all(own):
            return cands
        exact = [p for (p, _), o in zip(cands, own, strict=True) if o]
        if any(p.kind not in _TOWN_KINDS or p.population <= 0 for p in exact):
            return cands  # a region, a river or a county of the name: not this rule
        floor = _NATIVE_RATIO * max(p.population for p in exact)
        return [
            (p, s + _W_PRIMARY)
            if not o and p.kind == "place" and p.population >= floor and self._native(p, key)
            else (p, s)
            for (p, s), o in zip(cands, own, strict=True)
        ]

    def lookup(self, surface: str) -> list[Place]:
        """The gazetteer's qualifier-aware, fuzzy lookup of words that are no key."""
        try:
            return self.gz.lookup(surface, limit=10)
        except GeoincError:
            return []

    def country(self, iso2: str) -> Place | None:
        """The country record of an ISO2 code (None when the gazetteer lacks it)."""
        if iso2 not in self._country:
            try:
                self._country[iso2] = self.gz.country_place(iso2)
            except PlaceNotFound:
                self._country[iso2] = None
        return self._country[iso2]

    def _span_candidates(self, span: Span) -> _Prepared:
        """Candidates with priors, the evidence the context-free winner gives, the
        regions the name could be in, its point-like candidates and the winner itself.

        A pure function of (source, key, qualifier), so cached across documents.
        """
        sig = (span.source, span.key, span.qualifier)
        got = self._span_cache.get(sig) if span.source != "lookup" else None
        if got is None:
            got = _prepare(span, self._span_candidates_uncached(span))
            if span.source != "lookup":
                if len(self._span_cache) > 200_000:
                    self._span_cache.clear()
                self._span_cache[sig] = got
        return got

    def _span_candidates_uncached(self, span: Span) -> list[tuple[Place, float]]:
        """Candidates with priors for one span, before document context: a table's one
        record (demonym, abbreviation, institution …), or the name's namesakes with the
        span's qualifier weighed in."""
        table = self._table_candidates(span)
        if table is not None:
            return table
        if span.source == "unknown":
            return []
        if span.source == "lookup":
            places = span.extra.get("places") or []
            if not places:
                return []
            imp = self.gz.importance([p.row for p in places])
            cands = [(p, float(i) + 2.0 * p.score) for p, i in zip(places, imp, strict=False)]
        else:
            cands = self.candidates(span.key)
        if span.qualifier == "region":
            if any(p.kind == "admin1" for p, _ in cands):
                cands = self._region_first(cands, span.key)
        else:
            cands = _city_first(cands, span.key)
        if span.qualifier == "feature":
            # "Kanawha River", "Lake Erie": the river or lake of the name if there is one.
            cands = [
                (p, s + (_W_FEATURE_QUALIFIER if p.kind in ("water", "feature") else 0.0))
                for p, s in cands
            ]
        if span.qualifier == "settlement":
            cands = [
                (p, s + (1.5 if p.kind in ("place", "settlement") else -4.0)) for p, s in cands
            ]
        return cands

    def _table_candidates(self, span: Span) -> list[tuple[Place, float]] | None:
        """The record a table names (demonym -> country, "Kan." -> Kansas, "U.S." ->
        the United States, an institution -> its capital); None for other sources."""
        if span.source == "demonym":
            iso = DEMONYMS.get(span.key) or DEMONYMS.get(span.key[:-1], "")
            place = self.country(iso)
            return [(place, 10.0)] if place is not None else []
        if span.source == "continent":
            target = CONTINENT_DEMONYMS.get(span.key, span.key)
            return [(p, 10.0) for p, _ in self.candidates(target) if p.kind == "continent"][:1]
        if span.source == "admin1_abbreviation":
            code = ADMIN1_ABBREVIATIONS.get(span.key) or POSTAL_CODES.get(span.key)
            try:
                return [(self.gz.admin1_place(code), 10.0)]
            except PlaceNotFound:
                return []
        if span.source == "abbreviation":
            place = self.country(COUNTRY_ABBREVIATIONS[span.key])
            return [(place, 10.0)] if place is not None else []
        if span.source == "institution":
            iso, capital = INSTITUTIONS[span.key]
            cands = [c for c in self.candidates(capital) if c[0].country == iso]
            return cands[:1]
        return None

    def _region_first(self, cands: list, key: str) -> list[tuple[Place, float]]:
        """ "the Moscow region", "Kyiv region": a region called a region (the oblast)
        before a city-region of the same name (Moscow, Kyiv City)."""
        named = {id(p) for p, _ in cands if self.gz.region_named(p)}
        return [
            (
                p,
                s
                + (_W_REGION_QUALIFIER if p.kind == "admin1" else 0.0)
                + (_W_REGION_NAMED if id(p) in named else 0.0)
                + (_W_PRIMARY if _region_core_named(p, key) else 0.0),
            )
            for p, s in cands
        ]

    # ---- resolution ------------------------------------------------------------

    def resolve(self, spans: list[Span], tokens, lang: str | None = None) -> list[Resolution]:
        """Resolve every span of one document (a pure function of its input).

        Parameters
        ----------
        spans : list of Span
        tokens : Tokens
        lang : str, optional
            The text's language: with it, a text that reports attacks (its
            ``events_cues``) prefers namesakes in a region at war (:func:`_at_war`).

        Returns
        -------
        list of Resolution
        """
        prepared = [self._span_candidates(s) for s in spans]
        speakers: frozenset[int] = frozenset()
        if lang is not None:
            prepared, speakers = _at_war(spans, prepared, tokens, lang)
        # Names that will likely be dropped as words or people's names ("Transit",
        # "Green", "David") give no context: they must not pull "Toronto" to Ohio. Nor
        # do attackers and origins ("Russian troops", "Moscow-installed", "Iranian-made"):
        # they say who acts, not where.
        # In a war report, who speaks or acts ("Russia's defence ministry said") is
        # named whatever the scene: no context either (_at_war).
        context = [
            _Prepared(p.cands, *_NO_CONTEXT, p.best)
            if k in speakers or self._weak(s, p.best) or _acting(s, tokens)
            else p
            for k, (s, p) in enumerate(zip(spans, prepared, strict=True))
        ]
        ctx = _Context(
            *_tally(spans, context),
            self._coherence(spans, context) if _W_COHERENCE else {},
            self._near(spans, context) if _W_NEAR else {},
        )
        results = self._resolve_all(spans, prepared, ctx)
        self._unknown_containers(results, tokens)
        return results

    def _resolve_all(self, spans: list[Span], prepared: list, ctx: _Context) -> list:
        """Score each span in its document context; spans that look the same (source,
        key, qualifier, container, list kind) share one scoring."""
        containers = {s.container for s in spans}
        results: list[Resolution] = []
        done: dict[tuple, tuple] = {}
        list_counts: dict[int, dict[str, int]] = {}
        for idx, (span, (cs, *_)) in enumerate(zip(spans, prepared, strict=False)):
            if not cs:
                results.append(Resolution(span, None, (), 0.0))
                continue
            is_container = idx in containers
            container = prepared[span.container].cands if span.container >= 0 else None
            list_kind = _list_kind(span, prepared, list_counts) if span.siblings else ""
            sig = (
                span.source,
                span.key,
                span.qualifier,
                is_container,
                None if container is None else spans[span.container].key,
                list_kind,
            )
            got = done.get(sig)
            if got is None:
                got = done[sig] = self._score(
                    cs,
                    ctx.own.get(span.key, _NO_OWN),
                    ctx.total_c,
                    ctx.total_a,
                    ctx.n_total,
                    container,
                    is_container,
                    ctx.coherence.get(span.key),
                    ctx.near.get(span.key),
                    list_kind,
                )
            native = span.source != "gazetteer" or self._native(got[0], span.key)
            results.append(Resolution(span, got[0], got[1], got[2], got[3], native))
        return results

    def _native(self, place: Place, key: str) -> bool:
        """The key is the record's own name or the romanisation of one of its Cyrillic
        names ("Kiev", "Zaporozhye", "Kharkov"): a spelling of the place itself, not a
        former name or a word that some list gives it."""
        if _is_primary(place, key):
            return True
        z = self.zipf.get(key, 0.0)
        if place.country not in CYRILLIC_COUNTRIES or (
            z >= 3.0 and place.population < 10 ** (z + 1.5)
        ):
            return False  # "Choir": a word first, unless the place is big for it ("Kiev")
        sig = (place.row, place.name, key)
        got = self._native_cache.get(sig)
        if got is None:
            want = skeleton(key)
            got = any(
                want in (skeleton(normalize(romanize_ru(n))), skeleton(normalize(romanize_uk(n))))
                for n in place.names
                if is_cyrillic(n)
            )
            if len(self._native_cache) > 100_000:
                self._native_cache.clear()
            self._native_cache[sig] = got
        return got

    def _weak(self, span: Span, place: Place | None) -> bool:
        """A one-word name whose best record is a small place and which is a frequent
        English word (for its size), part of a longer name, or an acronym: the same
        tests the precision rules apply later, without the context they may find."""
        if span.source != "gazetteer" or span.j - span.i != 1 or not small_place(place):
            return False
        if span.longer_name or span.extra.get("acronym"):
            return True
        return word_outweighs(place, span, self.zipf)

    @staticmethod
    def _coherence(spans: list[Span], prepared: list) -> dict[str, dict[str, float]]:
        """For each name, how much the *other* names of the text could lie in each region.

        Every distinct name spreads one unit of weight over the first-level regions its
        plausible candidates lie in (a name found in one region only gives it all); a
        candidate then gains what the other names put on its region. Two ambiguous names
        that share a region ("Huntsville" and "Walker County", both in Texas) pull each
        other there.
        """
        regions: dict[str, frozenset[str]] = {}
        for span, (cs, _, rs, *_) in zip(spans, prepared, strict=False):
            if span.source != "gazetteer" or span.key in regions or not cs:
                continue
            regions[span.key] = rs
        mass: dict[str, float] = {}
        for rs in regions.values():
            for a in rs:
                mass[a] = mass.get(a, 0.0) + 1.0 / len(rs)
        out = {}
        for key, rs in regions.items():
            own = 1.0 / len(rs) if rs else 0.0
            out[key] = {a: mass[a] - own for a in rs if mass[a] - own > 0}
        return out

    @staticmethod
    def _near(spans: list[Span], prepared: list) -> dict[str, set[int]]:
        """For each name, its candidates that lie within :data:`_NEAR_KM` of a plausible
        candidate of another name in the same first-level region ("Watertown" next to
        "Mayer": of the many Watertowns, the Minnesota one).

        Returns name key -> ids of the close candidates.
        """
        seen: set[str] = set()
        by_region: dict[str, list] = {}
        for span, (_, _, _, points, *_) in zip(spans, prepared, strict=False):
            if span.source != "gazetteer" or span.key in seen or not points:
                continue
            seen.add(span.key)
            for pt in points:
                by_region.setdefault(pt[0], []).append((span.key, pt))
        out: dict[str, set[int]] = {}
        for group in by_region.values():
            if len(group) < 2 or all(k == group[0][0] for k, _ in group):
                continue
            for a in range(len(group)):
                ka, (_, xa, ya, za, ida) = group[a]
                for b in range(a + 1, len(group)):
                    kb, (_, xb, yb, zb, idb) = group[b]
                    if ka != kb and xa * xb + ya * yb + za * zb > _NEAR_COS:
                        out.setdefault(ka, set()).add(ida)
                        out.setdefault(kb, set()).add(idb)
        return out

    @staticmethod
    def _score(
        cs,
        own,
        total_c,
        total_a,
        n_total,
        container,
        is_container,
        coherence=None,
        near=None,
        list_kind="",
    ) -> tuple:
        own_c, own_a = own
        n_other = n_total - sum(own_c.values())
        if container is not None:
            cont_countries = {p.country for p, _ in container if p.kind in ("country", "admin1")}
            cont_admin1 = {p.admin1 for p, _ in container if p.kind == "admin1"}
        if list_kind == "admin1":
            # Not for a region named after its own city: Oslo, Khartoum, Jerusalem.
            seats = {p.admin1 for p, _ in cs if p.kind == "place" and p.population >= 10_000}
        scored = []
        for place, prior in cs:
            score = prior
            c = place.country
            if n_other > 0:
                # The share of the other mentions in this country, trusted more the more
                # mentions there are: one "U.S." must not move Brussels to Wisconsin.
                share = (total_c.get(c, 0.0) - own_c.get(c, 0.0)) / n_other
                score += _W_COUNTRY * share * n_other / (n_other + _COUNTRY_DAMPING)
            specific = 0.0
            a = place.admin1
            if a and place.kind != "country" and total_a.get(a, 0.0) - own_a.get(a, 0.0) > 0:
                specific += _W_ADMIN1
            if container is not None:
                if a in cont_admin1:
                    specific += _W_CONTAINER
                elif c in cont_countries:
                    specific += _W_CONTAINER / 2
            if is_container and place.kind in ("country", "admin1"):
                score += 2.0
            if coherence and a in coherence and place.kind != "country":
                specific += _W_COHERENCE * min(coherence[a], 1.0)
            if near and id(place) in near:
                score += _W_NEAR
            if place.kind == list_kind and (list_kind != "admin1" or a not in seats):
                score += _W_SIBLING
            scored.append((score + specific, specific, place))
        scored.sort(key=_first_desc)
        best = scored[0][0]
        weights = [math.exp(sc - best) for sc, _, _ in scored]
        z = sum(weights)
        ranked = tuple(p for _, _, p in scored[:3])
        return ranked[0], ranked, round(weights[0] / z, 4), scored[0][1]

    def _unknown_containers(self, results: list[Resolution], tokens: list[Token]) -> None:
        """Place a name the gazetteer lacks in the region the sentence puts it in
        ("Zalestsy in Khmelnitsky region"), at region precision."""
        for k, res in enumerate(results):
            if res.span.source != "unknown":
                continue
            if res.span.qualifier == "subdivision":
                _city_of_district(results, k, tokens)
                continue
            if k + 1 >= len(results):
                continue
            nxt = results[k + 1]
            if nxt.span.i - res.span.j > 1:  # more than one word apart: nothing to read
                continue
            between = [t.key for t in tokens[res.span.j : nxt.span.i]]
            if between not in (["in"], [], ["near"]) or nxt.place is None:
                continue
            if nxt.place.kind in ("admin1", "country"):
                res.place = nxt.place
                res.candidates = (nxt.place,)
                res.confidence = round(0.5 * nxt.confidence, 4)


def _at_war(spans: list[Span], prepared: list, tokens, lang: str) -> tuple[list, frozenset]:
    """In a text that reports attacks, a namesake in a region at war (a country or
    first-level regions of one: ``geoparse_conflict_regions``) gains :data:`_W_WAR`: shelled
    "Volchansk" is Vovchansk in Kharkiv Oblast, not the Urals town of the name. The
    words are looked for only when a name has namesakes both in and outside those
    regions.

    Returns the prepared spans, re-weighed, and the indices of the names that speak or
    act (an actor or an organisation by their role), which then give no context.
    """
    touched = [k for k, p in enumerate(prepared) if p.front]
    if not touched or not _reports_attack(tokens, lang):
        return prepared, frozenset()
    out = list(prepared)
    for k in touched:
        lifted = prepared[k].front
        cands = [(pl, s + (_W_WAR if id(pl) in lifted else 0.0)) for pl, s in out[k].cands]
        out[k] = _prepare(spans[k], cands)
    # a country or a big city that speaks or acts ("Russia's ministry said", "Moscow said")
    speakers = frozenset(
        k
        for k, (s, p) in enumerate(zip(spans, out, strict=True))
        if p.evidence[2]
        and _speaker_kind(p.best)
        and k not in touched
        and assign_role(s, tokens, p.best.kind, lang) in _SPEAKING_ROLES
    )
    return out, speakers


def _at_front(cands: list) -> frozenset[int]:
    """Ids of the candidates the war prior lifts: those in a region at war, when the
    name has namesakes elsewhere too, none more than :data:`_WAR_RATIO` times bigger (a
    prior, not a reason for a hamlet to beat New York)."""
    regions = _lang.words(_lang.DEFAULT, "geoparse_conflict_regions")
    towns = [pl for pl, _ in cands if pl.kind != "country"]
    inside = [pl.admin1 in regions or pl.country in regions for pl in towns]
    far = [pl.population for pl, i in zip(towns, inside, strict=True) if not i]
    if not far:
        return frozenset()
    floor = max(far) / _WAR_RATIO
    return frozenset(
        id(pl) for pl, i in zip(towns, inside, strict=True) if i and pl.population >= floor
    )


def _speaker_kind(place: Place) -> bool:
    """A country or a big city: what a text names as a side that speaks or acts."""
    return place.kind == "country" or (place.kind == "place" and place.population >= BIG_PLACE)


@lru_cache(maxsize=16)
def _attack_words(lang: str) -> tuple[re.Pattern, dict[str, bool]] | None:
    """The attack cues of a language (its ``events_cues``) as one pattern a word must
    match whole, with a memo of the words seen; None when the language has none."""
    try:
        cues = _lang.table(lang, "events_cues").values()
    except ConfigurationError:
        return None
    return re.compile(f"(?:{'|'.join(cues)})", re.I), {}


def _reports_attack(tokens, lang: str) -> bool:
    """A word of the text says an attack happened (shelled, struck, attacks ...). Word
    by word with a memo: one pattern searched through the text was seven times slower."""
    got = _attack_words(lang)
    if got is None:
        return False
    pattern, memo = got
    if len(memo) > 100_000:
        memo.clear()  # bounded memory on endless streams
    for word in tokens.words:
        hit = memo.get(word)
        if hit is None:
            hit = memo[word] = pattern.fullmatch(word) is not None
        if hit:
            return True
    return False


def _acting(span: Span, tokens) -> bool:
    """A name that says who acts or where a thing was made, not where something happens:
    a demonym before an actor noun ("Russian troops", "Russian missiles"), a name before
    "-made", "-backed", "-installed"."""
    if span.j >= tokens.n:
        return False
    sep, key = tokens.seps[span.j], tokens.key(span.j)  # no token built
    acting = _lang.words(_lang.DEFAULT, "geoparse_acting_suffixes")  # cached: "installed" ...
    if sep in ("-", "‐", "‑") and (key in ORIGIN_SUFFIXES or key in acting):
        return True
    return span.source == "demonym" and sep == " " and key in ACTOR_NOUNS


_DISTRICT_OF = (["of"], ["in"], ["of", "the", "city", "of"], ["of", "the", "city"])
_DISTRICT_GAP = max(map(len, _DISTRICT_OF))


def _city_of_district(results: list[Resolution], k: int, tokens) -> None:
    """Put a district the gazetteer lacks ("the Slobidskyi district of Kharkiv") in its
    city: the one named right after it, else the city the text named last before it."""
    res = results[k]
    city = None
    if k + 1 < len(results):
        nxt = results[k + 1]
        # the words between are built only when few enough to be one of _DISTRICT_OF
        near = nxt.span.i - res.span.j <= _DISTRICT_GAP
        between = [t.key for t in tokens[res.span.j : nxt.span.i]] if near else None
        if between in _DISTRICT_OF and nxt.place is not None and nxt.place.kind == "place":
            city = nxt
    if city is None:
        # only a city big enough to have districts (a weapon's or a person's namesake
        # village before it must not take them)
        before = [
            r
            for r in results[:k]
            if r.place is not None and r.place.kind == "place" and r.place.population >= 100_000
        ]
        city = before[-1] if before else None
    if city is not None:
        res.place = city.place
        res.candidates = (city.place,)
        res.confidence = round(0.5 * city.confidence, 4)


def _list_kind(span: Span, prepared: list, counts_of: dict[int, dict[str, int]]) -> str:
    """The kind most of a listed name's siblings are, context-free, when it is a region
    or a country kind; else "".

    The kinds are counted once per list (``counts_of``, by the list's first name) and
    the name's own kind taken off: counting the siblings of every name was quadratic.
    """
    group = span.siblings.group
    counts = counts_of.get(group[0])
    if counts is None:
        counts = counts_of[group[0]] = {}
        for g in group:
            top = prepared[g].best
            if top is not None:
                counts[top.kind] = counts.get(top.kind, 0) + 1
    own = prepared[group[span.siblings.pos]].best
    for kind in _LIST_KINDS:
        n = counts.get(kind, 0) - (own is not None and own.kind == kind)
        if 2 * n > len(span.siblings):
            return kind
    return ""


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _is_primary(place: Place, key: str, region: bool = False) -> bool:
    """The key is the record's own name, for a place romanised from Cyrillic in any
    romanisation (Zaporizhzhia is Zaporizhzhya's; Pokrovsk is Engels's former name, not
    its own); with ``region`` (the text says "region"), a region's name without its
    region word ("Moscow" for Moscow Oblast)."""
    own = normalize(place.name)
    if own != key and region and place.kind == "admin1":
        own = normalize(parse_query(place.name).core)
    if own == key:
        return True
    return place.country in CYRILLIC_COUNTRIES and skeleton(own) in own_skeletons(key)


def _common_name(cands: list[tuple[Place, float]], key: str) -> list[tuple[Place, float]]:
    """A Cyrillic name that is the own name of several towns ("Олександрівка") is read as
    one of them, not as the former name of a much bigger city (Donetsk was Oleksandrivka
    once): such a city loses :data:`_W_COMMON_NAME`."""
    own = [_is_primary(p, key) for p, _ in cands]
    if sum(own) < 2 or not is_cyrillic(key):
        return cands
    biggest = max(p.population for (p, _), o in zip(cands, own, strict=True) if o)
    return [
        (p, prior - _W_COMMON_NAME * (not o and p.population > 10 * biggest))
        for (p, prior), o in zip(cands, own, strict=True)
    ]


def _ukrainian_own(cands: list[tuple[Place, float]], key: str) -> list[tuple[Place, float]]:
    """A Cyrillic key that is a Ukrainian town's official name (its KATOTTG name, whose
    official romanisation the record holds: "Володимир" is Volodymyr, Volyn) reads as that
    town before a foreign town that has the key only as its Ukrainian exonym (Vladimir,
    Russia): the Ukrainian town gets :data:`_W_PRIMARY`, as if the key were its own name,
    unless the rival is over :data:`_UA_OWN_RATIO` times bigger."""
    if not is_cyrillic(key) or len(cands) < 2:
        return cands
    rivals = [
        p.population
        for p, _ in cands
        if p.country != "UA" and p.kind in _TOWN_KINDS and not _is_primary(p, key)
    ]
    if not rivals:
        return cands
    official = normalize(romanize_uk(key))
    floor = max(rivals) / _UA_OWN_RATIO
    return [
        (p, prior + _W_PRIMARY)
        if p.country == "UA"
        and p.katottg
        and p.kind == "place"
        and p.population >= floor
        and not _is_primary(p, key)
        and any(normalize(n) == official for n in p.names)
        else (p, prior)
        for p, prior in cands
    ]


def _region_core_named(place: Place, key: str) -> bool:
    """A region called by its name without the region word, not yet counted as its own
    name ("Moscow region" names Moscow Oblast)."""
    return (
        place.kind == "admin1"
        and not _is_primary(place, key)
        and _is_primary(place, key, region=True)
    )


def _first_desc(pair: tuple) -> float:
    return -pair[0]
