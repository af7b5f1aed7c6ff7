"""Toponym resolution: pick one gazetteer record per recognised span, in context.

Each candidate gets a score that adds up, in log-odds-like units:

* a prior: log10 population with a per-kind offset (the gazetteer's ``importance``);
* +1 when the span is the record's primary name rather than one of its alternate names;
* qualifiers: "Kharkiv region" wants a first-level region, "the village of X" a settlement;
* document context: the share of the other mentions that sit in the candidate's country,
  and whether another mention sits in the candidate's first-level region ("Borova" next
  to "Kharkiv" is the Kharkiv-oblast Borova);
* a "Town, Region" pair: the town must lie in the region.

Two passes: the first picks with the prior only and collects the context, the second
scores with the context (a mention never counts as its own evidence).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from geoinc.exceptions import PlaceNotFound
from geoinc.gazetteer import Place
from geoinc.geoparse.lexicon import COUNTRY_ABBREVIATIONS, DEMONYMS, INSTITUTIONS
from geoinc.geoparse.recognise import Span, Token
from geoinc.names import normalize

__all__ = ["Resolver", "Resolution"]

#: At most this many records per name are scored (the most important ones).
MAX_CANDIDATES = 40

_W_PRIMARY = 1.0
_W_COUNTRY = 2.5
_W_ADMIN1 = 2.5
_W_CONTAINER = 6.0
_W_REGION_QUALIFIER = 6.0


@dataclass(slots=True)
class Resolution:
    """The resolver's answer for one span."""

    span: Span
    place: Place | None
    candidates: tuple[Place, ...]
    confidence: float
    keep: bool = True


class Resolver:
    """Candidate generation and scoring over one gazetteer (caches per name key).

    Parameters
    ----------
    gazetteer : geoinc.gazetteer.Gazetteer
    """

    def __init__(self, gazetteer) -> None:
        self.gz = gazetteer
        self.keys = frozenset(gazetteer.keys())
        self._cands: dict[str, list[tuple[Place, float]]] = {}
        self._country: dict[str, Place | None] = {}

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
            for o in order:
                place = self.gz.place_at(int(rows[o]))
                prior = float(imp[o])
                if normalize(place.name) == key:
                    prior += _W_PRIMARY
                out.append((place, prior))
        if len(self._cands) > 200_000:
            self._cands.clear()  # bounded memory on endless streams
        self._cands[key] = out
        return out

    def country(self, iso2: str) -> Place | None:
        """The country record of an ISO2 code (None when the gazetteer lacks it)."""
        if iso2 not in self._country:
            try:
                self._country[iso2] = self.gz.country_place(iso2)
            except PlaceNotFound:
                self._country[iso2] = None
        return self._country[iso2]

    def _span_candidates(self, span: Span) -> list[tuple[Place, float]]:
        if span.source == "demonym":
            iso = DEMONYMS.get(span.key) or DEMONYMS.get(span.key[:-1], "")
            place = self.country(iso)
            return [(place, 10.0)] if place is not None else []
        if span.source == "abbreviation":
            place = self.country(COUNTRY_ABBREVIATIONS[span.key])
            return [(place, 10.0)] if place is not None else []
        if span.source == "institution":
            iso, capital = INSTITUTIONS[span.key]
            cands = [c for c in self.candidates(capital) if c[0].country == iso]
            return cands[:1]
        if span.source == "unknown":
            return []
        cands = self.candidates(span.key)
        if span.qualifier == "region" and any(p.kind == "admin1" for p, _ in cands):
            cands = [(p, s + (_W_REGION_QUALIFIER if p.kind == "admin1" else 0.0)) for p, s in cands]
        elif span.qualifier != "region":
            # A bare name is the city before the region named after it ("Mykolaiv").
            seats = {p.admin1 for p, _ in cands if p.kind == "place" and p.population >= 10_000}
            cands = [(p, s - (2.0 if p.kind == "admin1" and p.admin1 in seats else 0.0))
                     for p, s in cands]
        if span.qualifier == "settlement":
            cands = [(p, s + (1.5 if p.kind in ("place", "settlement") else -4.0)) for p, s in cands]
        return cands

    # ---- resolution ------------------------------------------------------------

    def resolve(self, spans: list[Span], tokens: list[Token]) -> list[Resolution]:
        """Resolve every span of one document (a pure function of its input)."""
        cands = [self._span_candidates(s) for s in spans]
        # Pass 1: context-free choice, and the evidence it gives.
        countries: list[Counter] = []
        admin1s: list[Counter] = []
        for span, cs in zip(spans, cands):
            c_ev: Counter = Counter()
            a_ev: Counter = Counter()
            if cs:
                scores = sorted((s for _, s in cs), reverse=True)
                top = max(cs, key=lambda c: c[1])[0]
                margin = scores[0] - scores[1] if len(scores) > 1 else 10.0
                weight = 1.0 if margin >= 1.0 or top.kind in ("country", "admin1") else 0.3
                if span.source == "demonym":
                    weight = 0.5
                c_ev[top.country] += weight
                if top.admin1 and top.kind != "country":
                    a_ev[top.admin1] += weight
            countries.append(c_ev)
            admin1s.append(a_ev)
        key_of = [s.key for s in spans]
        total_c: Counter = Counter()
        total_a: Counter = Counter()
        by_key_c: dict[str, Counter] = {}
        by_key_a: dict[str, Counter] = {}
        for k, c, a in zip(key_of, countries, admin1s):
            total_c.update(c)
            total_a.update(a)
            by_key_c.setdefault(k, Counter()).update(c)
            by_key_a.setdefault(k, Counter()).update(a)
        results: list[Resolution] = []
        for idx, (span, cs) in enumerate(zip(spans, cands)):
            if not cs:
                results.append(Resolution(span, None, (), 0.0))
                continue
            own_c, own_a = by_key_c[span.key], by_key_a[span.key]
            n_other = sum(total_c.values()) - sum(own_c.values())
            container = cands[span.container] if span.container >= 0 else None
            cont_countries = {p.country for p, _ in container or () if p.kind in ("country", "admin1")}
            cont_admin1 = {p.admin1 for p, _ in container or () if p.kind == "admin1"}
            is_container = any(s.container == idx for s in spans)
            scored = []
            for place, prior in cs:
                score = prior
                if n_other > 0:
                    share = (total_c[place.country] - own_c[place.country]) / n_other
                    score += _W_COUNTRY * share
                if place.admin1 and place.kind != "country" and \
                        total_a[place.admin1] - own_a[place.admin1] > 0:
                    score += _W_ADMIN1
                if container is not None:
                    if place.admin1 in cont_admin1:
                        score += _W_CONTAINER
                    elif place.country in cont_countries:
                        score += _W_CONTAINER / 2
                if is_container and place.kind in ("country", "admin1"):
                    score += 2.0
                scored.append((score, place))
            scored.sort(key=lambda sp: -sp[0])
            best = scored[0][0]
            weights = [math.exp(s - best) for s, _ in scored]
            z = sum(weights)
            ranked = tuple(p.with_score(round(w / z, 4)) for (_, p), w in zip(scored[:5], weights))
            results.append(Resolution(span, ranked[0], ranked, round(weights[0] / z, 4)))
        self._unknown_containers(results, tokens)
        return results

    def _unknown_containers(self, results: list[Resolution], tokens: list[Token]) -> None:
        """Place a name the gazetteer lacks in the region the sentence puts it in
        ("Zalestsy in Khmelnitsky region"), at region precision."""
        for k, res in enumerate(results):
            if res.span.source != "unknown" or k + 1 >= len(results):
                continue
            nxt = results[k + 1]
            between = [t.key for t in tokens[res.span.j:nxt.span.i]]
            if between not in (["in"], [], ["near"]) or nxt.place is None:
                continue
            if nxt.place.kind in ("admin1", "country"):
                res.place = nxt.place
                res.candidates = (nxt.place,)
                res.confidence = round(0.5 * nxt.confidence, 4)
