"""Incident reports (one per article and incident) and their merge across articles.

Merge rule
----------
Two reports describe the same incident when they name **the same place** (same
GeoNames id; for records without one, same kind, region and name), have the **same
event type**, and their **dates** lie within ``window_days`` of each other (spans are
compared end to start).

An **undated** report (its article gives no usable date) is never merged on place alone:
it joins a dated incident only on *strong evidence* — the same place *and* at least one
identical killed or injured figure of ``min_shared_figure`` or more. The same rule joins
undated reports with each other. Otherwise it stays a separate, undated incident.

Figures
-------
Every source's figures are kept in the ``claims`` column. The summary columns follow:

* ``*_low``  — the smallest number any source states (ACLED's "most conservative"),
* ``*_high`` — the largest number any source states,
* ``*_best`` — the median (lower median) over sources of each source's figure; a
  source's figure is the largest it states (tolls are revised upward), preferring
  figures in sentences that name the place, or changed tolls ("the toll has risen to
  27"), over figures carried over from sentences that name none, and exact and
  bounded figures ("22", "at least 22", "up to 18") over approximate ones ("some 50").

Vague amounts ("dozens") are kept as claims but give no number. Drone figures use the
*best* rule only.
"""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from geoinc.taxonomy import EVENT_TYPE, classify_weapons

__all__ = [
    "IncidentReport",
    "merge_reports",
    "summarise_figures",
    "incident_record",
    "GEO_PRECISION",
    "WHERE_PREC",
]

CASUALTY_FIELDS = ("killed", "injured")

#: ACLED geo_precision by place precision: 1 town, 2 county (at its centroid), 3 region.
GEO_PRECISION = {"point": 1, "admin2": 2, "admin1": 3, "country": 3}
#: UCDP where_prec by place kind: 1 exact place, 4 first-order region, 6 country.
WHERE_PREC = {"place": 1, "settlement": 4, "admin1": 4, "country": 6}


@dataclass(frozen=True, slots=True)
class IncidentReport:
    """What one article says about one incident.

    Attributes
    ----------
    doc_id, source : str
    place : geoinc.gazetteer.Place
    place_confidence : float
    date_start, date_end : datetime.date or None
    date_precision : int or None
    event_type : str
    weapons : tuple of str
        Every weapon mention (repeats count as votes for the sub-event type).
    targets : tuple of str
    claims : tuple of dict
        Figures: ``field``, ``value``, ``low``, ``high``, ``qualifier``, ``text``,
        ``source``, ``doc_id``, ``sentence``, ``start``, ``end``.
    evidence : tuple of dict
        Place, date, weapon and target evidence (same keys, ``value`` the canonical value).
    first_offset : int
        Where the report's first sentence starts (orders reports within an article).
    """

    doc_id: str
    source: str
    place: object
    place_confidence: float
    date_start: date | None
    date_end: date | None
    date_precision: int | None
    event_type: str = EVENT_TYPE
    weapons: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    claims: tuple[dict, ...] = ()
    evidence: tuple[dict, ...] = ()
    first_offset: int = 0
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def place_key(self) -> tuple:
        """Identity of the place for merging."""
        p = self.place
        if p.geonameid is not None:
            return ("gn", int(p.geonameid))
        return (p.kind, p.admin1, p.name.lower())

    @property
    def dated(self) -> bool:
        """Whether the article gives a usable date."""
        return self.date_start is not None

    def figures(self, min_value: int = 1) -> set[tuple[str, int]]:
        """Exact-valued casualty figures ``(field, value)`` stated in this report."""
        return {
            (c["field"], c["value"])
            for c in self.claims
            if c["field"] in CASUALTY_FIELDS
            and c["value"] is not None
            and c["qualifier"] != "about"
            and c["value"] >= min_value
        }


def _firm(c: dict) -> bool:
    """Stated next to the place with a number ("two people were killed in Kharkiv"), or a
    changed toll; not carried over, and not a lone "a" ("a person wounded" in a caption)."""
    if c.get("update"):
        return True
    return not c.get("inherited") and str(c.get("text", "")).lower() not in ("a", "an")


def _source_figure(claims: Sequence[dict]) -> int | None:
    valued = [c for c in claims if c["value"] is not None]
    # a total over several places ("wide") or an attacker's count of soldiers only when
    # the source gives nothing closer to this incident; they stay in the claims
    valued = (
        [c for c in valued if not c.get("wide") and not c.get("combatant")]
        or [c for c in valued if not c.get("combatant")]
        or valued
    )
    for pool in (
        [c for c in valued if c["qualifier"] != "about"],  # exact and bounded first
        valued,
    ):
        # a figure stated next to the place's name beats one carried over from a
        # sentence that names no place (often a nationwide or earlier total), unless it
        # is a changed toll ("the toll has risen to 27")
        pool = [c for c in pool if _firm(c)] or pool
        if pool:
            return max(c["value"] for c in pool)
    return None


def summarise_figures(
    claims: Iterable[dict], fld: str
) -> tuple[int | None, int | None, int | None]:
    """``(low, best, high)`` of one figure over all claims, by the module's rule.

    Examples
    --------
    >>> cl = [{"field": "killed", "value": v, "qualifier": q, "source": s}
    ...       for v, q, s in [(22, "at_least", "a"), (18, "up_to", "a"), (24, "exact", "b"),
    ...                       (None, "vague", "c")]]
    >>> summarise_figures(cl, "killed")
    (18, 22, 24)
    """
    mine = [c for c in claims if c["field"] == fld]
    values = [c["value"] for c in mine if c["value"] is not None]
    if not values:
        return None, None, None
    by_source: dict[str, list[dict]] = defaultdict(list)
    for c in mine:
        by_source[c["source"]].append(c)
    per_source = [
        f for f in (_source_figure(v) for _, v in sorted(by_source.items())) if f is not None
    ]
    return min(values), statistics.median_low(sorted(per_source)), max(values)


def _shared(report: IncidentReport, figures: set, min_value: int) -> int:
    return len(report.figures(min_value) & figures)


def _date_clusters(dated: list[IncidentReport], window_days: int) -> list[list[IncidentReport]]:
    """Dated reports (sorted by start) in runs at most ``window_days`` apart."""
    clusters: list[list[IncidentReport]] = []
    end: date | None = None
    for r in dated:
        # a report dated only to a month or year never joins one dated to the day
        coarse = (r.date_precision or 0) >= 4
        if (
            clusters
            and r.date_start <= end + timedelta(days=window_days)
            and ((clusters[-1][0].date_precision or 0) >= 4) == coarse
        ):
            clusters[-1].append(r)
            end = max(end, r.date_end or r.date_start)
        else:
            clusters.append([r])
            end = r.date_end or r.date_start
    return clusters


def merge_reports(
    reports: Iterable[IncidentReport],
    *,
    window_days: int = 1,
    min_shared_figure: int = 5,
) -> list[list[IncidentReport]]:
    """Group reports of the same incident (see the module docstring for the rule).

    Parameters
    ----------
    reports : iterable of IncidentReport
    window_days : int, default 1
        Largest gap in days between two dated reports of one incident.
    min_shared_figure : int, default 5
        Smallest shared casualty figure that counts as strong evidence for an undated
        report (small numbers coincide too easily).

    Returns
    -------
    list of list of IncidentReport
        Groups in a deterministic order (by place key, then date, then document).
    """
    reports = sorted(
        reports,
        key=lambda r: (repr(r.place_key), r.date_start or date.max, r.doc_id, r.first_offset),
    )
    by_place: dict[tuple, list[IncidentReport]] = defaultdict(list)
    for r in reports:
        by_place[(r.place_key, r.event_type)].append(r)
    groups: list[list[IncidentReport]] = []
    for _key, rs in sorted(by_place.items(), key=lambda kv: repr(kv[0])):
        dated = [r for r in rs if r.dated]
        undated = [r for r in rs if not r.dated]
        clusters = _date_clusters(dated, window_days)
        # figures of the dated clusters only, so the order of undated reports cannot matter
        cluster_figs = [set().union(*(r.figures(min_shared_figure) for r in c)) for c in clusters]
        loose: list[list[IncidentReport]] = []
        for r in undated:
            scores = [_shared(r, figs, min_shared_figure) for figs in cluster_figs]
            if scores and max(scores) > 0:
                clusters[scores.index(max(scores))].append(r)
                continue
            for g in loose:
                if any(r.figures(min_shared_figure) & o.figures(min_shared_figure) for o in g):
                    g.append(r)
                    break
            else:
                loose.append([r])
        groups.extend(clusters)
        groups.extend(loose)
    return groups


def _ordered_unique(values: Iterable[str]) -> list[str]:
    counts = Counter(values)
    return sorted(counts, key=lambda v: (-counts[v], v))


def _drop_generic(weapons: list[str]) -> list[str]:
    """Drop "drones" when "Shahed drones" is there, "missiles" when "Olkha missiles" is."""
    return [
        w
        for w in weapons
        if not any(o != w and o.lower().endswith(" " + w.lower()) for o in weapons)
    ]


def _incident_id(group: Sequence[IncidentReport]) -> str:
    """An id from what the incident is: its place, date and the reports' content.

    A report is known by its source, place, date, offset and the sentences it was read
    from -- not by its ``doc_id``, which for a file is the path as it was typed: the same
    folder read from another working directory must give the same ids.
    """
    key = "|".join(
        sorted(
            f"{r.source}:{r.place_key}:{r.date_start}:{r.first_offset}:{_content(r)}" for r in group
        )
    )
    return "inc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _content(r: IncidentReport) -> str:
    sentences = sorted({e.get("sentence") or "" for e in (*r.evidence, *r.claims)})
    return hashlib.sha1("\n".join(sentences).encode("utf-8")).hexdigest()[:16]


def _date_precision(start: date, end: date, reported: Iterable[int | None]) -> int:
    span = (end - start).days + 1
    by_span = 1 if span <= 1 else 2 if span <= 6 else 3 if span <= 8 else 4 if span <= 31 else 5
    return max([by_span, *(p for p in reported if p)])


def incident_record(group: Sequence[IncidentReport]) -> dict:
    """One row of the incident frame from a group of merged reports."""
    place = group[0].place
    dated = [r for r in group if r.dated]
    claims = sorted(
        (c for r in group for c in r.claims),
        key=lambda c: (c["field"], c["source"], c["doc_id"], c["start"]),
    )
    evidence = sorted(
        (e for r in group for e in r.evidence),
        key=lambda e: (e["field"], e["source"], e["doc_id"], e["start"]),
    )
    rec: dict = {
        "incident_id": _incident_id(group),
        "event_type": group[0].event_type,
        # main when any source makes it its main story; background otherwise
        "role": "main"
        if any(r.extra.get("role", "main") == "main" for r in group)
        else "secondary",
        "sub_event_type": classify_weapons([w for r in group for w in r.weapons]),
        "weapon": _drop_generic(_ordered_unique(w for r in group for w in r.weapons)),
        "target": _ordered_unique(t for r in group for t in r.targets),
        "place_name": place.name,
        "place_kind": place.kind,
        "geonameid": place.geonameid,
        "admin1": place.admin1 or None,
        "admin1_name": place.admin1_name or None,
        "country": place.country or None,
        "geo_precision": GEO_PRECISION.get(place.precision, 3),
        "where_prec": WHERE_PREC.get(place.kind, 4),
        "lon": place.lon,
        "lat": place.lat,
        "sources": sorted({r.source for r in group}),
        "claims": claims,
        "evidence": evidence,
    }
    rec["n_sources"] = len(rec["sources"])
    langs = sorted({r.extra["lang"] for r in group if r.extra.get("lang")})
    rec["lang"] = ",".join(langs) or None
    if dated:
        start = min(r.date_start for r in dated)
        end = max(r.date_end or r.date_start for r in dated)
        rec.update(
            date_start=start,
            date_end=end,
            date_precision=_date_precision(start, end, (r.date_precision for r in dated)),
        )
    for fld in CASUALTY_FIELDS:
        rec[f"{fld}_low"], rec[f"{fld}_best"], rec[f"{fld}_high"] = summarise_figures(claims, fld)
    for fld in ("drones_launched", "drones_shot_down"):
        rec[fld] = summarise_figures(claims, fld)[1]
    conf = statistics.fmean(r.place_confidence for r in group)
    conf *= 1.0 if dated else 0.8
    conf *= min(1.0, 0.7 + 0.1 * rec["n_sources"])
    rec["confidence"] = round(conf, 4)
    return rec
