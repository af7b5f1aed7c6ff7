"""The shape of one article's incidents: places folded into their container, and roles.

A report names an attack at several levels at once: "a strike on Kharkiv's Saltivskyi
district", "in the Kharkiv region", "in the city". Read sentence by sentence these become
several incidents; the article reports one. After grouping, within one article:

* a small place (a district, a neighbourhood, a suburb) within :data:`NEAR_KM` of a larger
  settlement of the same region, with a compatible date, is folded into that
  settlement's report (its name stays in the evidence as place detail);
* a region-level report folds into the first settlement report of the same region with a
  compatible date named in the same or the next sentence: "Dnipro, in the
  Dnipropetrovsk region" is one incident, a later list of regions attacked is not;

and every report gets a ``role``: ``"main"`` for the incidents the article is about
(those at the places its headline names; without one, the first report that states
casualty figures, else the first report, and any other with figures on the same
dates); ``"secondary"`` for the rest (an earlier attack recalled for context, attacks
listed in passing). A map can show or hide them.

All functions are pure: lists of :class:`~geoinc.incidents.merge.IncidentReport` in,
new lists out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache

from geoinc.incidents.merge import IncidentReport

__all__ = ["consolidate", "assign_roles", "WaveCues", "date_from_publication", "NEAR_KM", "ROLES"]

#: How far a small place may lie from the settlement it is folded into.
NEAR_KM = 15.0
#: Roles an incident report can take.
ROLES = ("main", "secondary")
_CASUALTY = ("killed", "injured")
_ENCLOSED_KM = 120.0  # a city-region to the point of the region around it
_NEXT_SENTENCE = 300  # characters: "the next sentence", without the sentence list at hand


def _km(a, b) -> float:
    from geoinc.borders import geodesic_distance

    return float(geodesic_distance(a.lon, a.lat, b.lon, b.lat)[0])


def _dates_agree(a: IncidentReport, b: IncidentReport) -> bool:
    if a.date_start is None or b.date_start is None:
        return True
    a_end, b_end = a.date_end or a.date_start, b.date_end or b.date_start
    return a.date_start <= b_end + timedelta(days=1) and b.date_start <= a_end + timedelta(days=1)


def _is_region(r: IncidentReport) -> bool:
    return (
        r.place.kind == "admin1"
        or getattr(r.place, "precision", "point") == "admin1"
        and r.place.kind != "settlement"
    )


def _container(
    small: IncidentReport, reports: Sequence[IncidentReport], raion_km: float | None = None
) -> int | None:
    """Index of the report ``small`` folds into, or ``None``."""
    p = small.place
    best = None
    for i, big in enumerate(reports):
        q = big.place
        if big is small or q.kind == "country" or q.country != p.country:
            continue
        if not _dates_agree(small, big):
            continue
        if _is_region(small) and small.place.kind == "admin1":
            if (
                (not _is_region(big) or _raion_holds(small, big, raion_km))
                and q.admin1
                and q.admin1 == p.admin1
                and (_close(small, big) or _named_after(p, q))
            ):
                if p.kind == "admin2" and raion_km is not None and _km(p, q) > raion_km:
                    continue  # a raion holds only towns near its point, not the whole oblast
                return i if best is None else best
            if (
                best is None
                and _has_figures(small)
                and not _has_figures(big)
                and _enclosed_city(q, p)
                and not _has_own_town(small, reports)
            ):
                best = i  # "Crimea" and "the city of Sevastopol", a region of its own
            continue
        if _is_region(big) or q.population <= max(p.population, 1) * 5:
            continue
        if raion_km is not None and p.kind == "admin2":
            if _apart(small, big) or _other_figures(small, big):
                continue  # "В Харьковском районе 1 ранен": the land around Kharkiv
            if _centre_of(p, q):
                return i  # "атаковали Погарский район. В посёлке Погар ранен ..."
        if (q.admin1 == p.admin1 or not p.admin1) and _km(p, q) <= NEAR_KM:
            if best is None or reports[best].place.population < q.population:
                best = i
    return best


def _apart(raion: IncidentReport, town: IncidentReport) -> bool:
    """A raion named after its centre with casualty figures of its own, beside the
    town's own: two reports of a round-up ("обстреляли Киевский район Харькова, никто не
    пострадал ... В Харьковском районе 1 ранен"), not one told twice."""
    return _centre_of(raion.place, town.place) and _own_figures(raion) and _has_figures(town)


_RAION_ADJECTIVE = re.compile(r"(?:s|ts)['’]?k(?:iy|yi|yy|ii|y|i)$")


def _centre_of(raion, town) -> bool:
    """Whether a raion is named after the town ("Pogarskiy Rayon" and Pogar, "Kharkiv
    Raion" and Kharkiv, "Borisovskiy Rayon" and Borisovka)."""
    words = [w for w in raion.name.lower().split() if w not in ("rayon", *_REGION_WORDS)]
    if len(words) != 1:
        return False
    stem = _RAION_ADJECTIVE.sub("", words[0])
    name = town.name.lower().replace("’", "").replace("'", "")
    return len(stem) >= 3 and (
        name == stem or (name.startswith(stem) and len(name) <= len(stem) + 2)
    )


def _raion_holds(region: IncidentReport, raion: IncidentReport, raion_km) -> bool:
    """In Ukrainian and Russian round-ups (``raion_km`` given), a region without figures
    named beside a raion of its own is where the raion lies ("пытались атаковать
    Калужскую область ... обломки упали в Людиновском районе")."""
    return raion_km is not None and raion.place.kind == "admin2" and not _has_figures(region)


def _other_figures(small: IncidentReport, big: IncidentReport) -> bool:
    """``small`` states a casualty figure of its own that ``big`` states otherwise: two
    districts of one city reported apart ("у Дарницькому районі троє постраждалих ... у
    Деснянському обійшлося без постраждалих")."""
    own = {(c["field"], c["value"]) for c in small.claims if not c.get("inherited")}
    theirs = {(c["field"], c["value"]) for c in big.claims}
    return any(f in {g for g, _ in theirs} and (f, v) not in theirs for f, v in own)


def _enclosed_city(town, region) -> bool:
    """A city that is a region of its own ("Sevastopol City", "Kyiv City") within
    :data:`_ENCLOSED_KM` of ``region``'s point: the region around it (Crimea, the Kyiv
    oblast). By name and distance only: no polygon is loaded for it."""
    if town.kind == "admin1" or not town.admin1 or town.admin1 == region.admin1:
        return False
    if (town.admin1_name or "").lower() != f"{town.name.lower()} city":
        return False
    return _km(town, region) <= _ENCLOSED_KM


def _has_own_town(region: IncidentReport, reports: Sequence[IncidentReport]) -> bool:
    """Does the article report a town of the region itself (then the region's figures
    are more likely that town's than a neighbouring city-region's)?"""
    p = region.place
    return any(
        r.place.admin1 == p.admin1 and not _is_region(r) and r.place.country == p.country
        for r in reports
    )


_REGION_WORDS = ("oblast", "region", "province", "krai", "raion", "district", "city")


def _named_after(region, town) -> bool:
    """A region named after its centre ("Odesa region" and Odesa): an article about a
    strike on the city often gives the region's figures paragraphs later."""
    words = region.name.lower().split()
    while len(words) > 1 and words[-1] in _REGION_WORDS:
        words.pop()
    return " ".join(words) == town.name.lower()


def _sentences(r: IncidentReport) -> set[int]:
    return {e["sentence_start"] for e in r.evidence if "sentence_start" in e}


def _close(a: IncidentReport, b: IncidentReport) -> bool:
    """Named in the same or the next sentence (a region and the town it contains)."""
    sa, sb = sorted(_sentences(a)), sorted(_sentences(b))
    if set(sa) & set(sb):
        return True
    return any(0 < abs(x - y) <= _NEXT_SENTENCE for x in sa for y in sb)


def _fold(big: IncidentReport, small: IncidentReport) -> IncidentReport:
    detail = [dict(e, field="place_detail") for e in small.evidence if e.get("field") == "place"]
    rest = [e for e in small.evidence if e.get("field") != "place"]
    starts = [d for d in (big.date_start, small.date_start) if d is not None]
    ends = [d for d in (big.date_end or big.date_start, small.date_end or small.date_start) if d]
    claims = small.claims
    # (not a city that is a region of its own: "Kyiv City")
    if (
        small.place.kind == "admin1"
        and small.place.name.lower() != big.place.name.lower() + " city"
    ):
        # "the strike on the Dnipropetrovsk region killed nine": the region's total, which
        # ranks below what the text says of the town itself; a figure the region took
        # from a sentence naming no place already ranks below the town's own, and is as
        # much the town's as any other carried-over figure ("Police reported 22 injured")
        claims = tuple(c if c.get("inherited") else dict(c, wide=True) for c in claims)
    return replace(
        big,
        date_start=min(starts) if starts else None,
        date_end=max(ends) if ends else None,
        date_precision=big.date_precision or small.date_precision,
        weapons=big.weapons + small.weapons,
        targets=big.targets + small.targets,
        claims=big.claims + claims,
        evidence=big.evidence + tuple(rest) + tuple(detail),
        first_offset=min(big.first_offset, small.first_offset),
        extra={**small.extra, **big.extra},
    )


def consolidate(
    reports: Sequence[IncidentReport], *, raion_km: float | None = None
) -> list[IncidentReport]:
    """Fold small places and regions into the settlement reports of one article.

    ``raion_km``: a raion (``admin2``) folds only into a town within that distance of
    its point (Ukrainian and Russian round-ups list raions of one oblast side by side).

    Examples
    --------
    >>> consolidate([])
    []
    """
    out = list(reports)
    changed = True
    while changed:
        changed = False
        # smallest first, so a district folds into its city before the city is looked at
        for small in sorted(out, key=lambda r: (not _is_region(r), r.place.population)):
            i = _container(small, out, raion_km)
            if i is None:
                continue
            big = out[i]
            out = [r for r in out if r is not small and r is not big]
            out.append(_fold(big, small))
            out.sort(key=lambda r: r.first_offset)
            changed = True
            break
    return sorted(out, key=lambda r: r.first_offset)


def _has_figures(r: IncidentReport) -> bool:
    return any(c["field"] in _CASUALTY for c in r.claims)


def _lead_mains(current: list, headline: list, background: Sequence | None) -> list:
    """When a post's lead sentence plays the headline, a report with casualty figures
    stated at its own place, on the headline's dates or undated, is main too ("В Льгове
    погиб фельдшер. Также ... в Коренево обошлось без жертв"), unless the lead names its
    place as background ("Після ударів по Малину ...": ``background``)."""
    if not headline or background is None:
        return []
    days = {r.date_start for r in headline} | {None}
    return [
        r
        for r in current
        if _own_figures(r) and r.date_start in days and not _named_in(r, background)
    ]


def _own_figures(r: IncidentReport) -> bool:
    """Casualty figures read in a sentence that names the report's place."""
    return any(c["field"] in _CASUALTY and not c.get("inherited") for c in r.claims)


def _named_in(r: IncidentReport, places: Sequence) -> bool:
    for p in places:
        if r.place_key == _key(p):
            return True
        if p.kind == "admin1" and r.place.admin1 == p.admin1 and r.place.country == p.country:
            return True
    return False


def _key(place) -> tuple:
    if place.geonameid is not None:
        return ("gn", int(place.geonameid))
    return (place.kind, place.admin1, place.name.lower())


def _latest_per_place(ordered: Sequence[IncidentReport], mains: set) -> set:
    """One place, several days: the story is the latest attack, the earlier ones recalled."""
    latest: dict = {}
    for r in ordered:
        if id(r) in mains and r.date_start is not None:
            latest[r.place_key] = max(latest.get(r.place_key, r.date_start), r.date_start)
    return {
        id(r)
        for r in ordered
        if id(r) in mains and (r.date_start is None or r.date_start >= latest[r.place_key])
    }


def _place_sentences(r: IncidentReport) -> set[int]:
    """Sentences that name the report's place, or a place folded into it (not ones it
    only carries on from)."""
    return {
        e["sentence_start"]
        for e in r.evidence
        if e.get("field") in ("place", "place_detail")
        and not e.get("inherited")
        and "sentence_start" in e
    }


def _own_attack(r: IncidentReport, alone: set[int]) -> bool:
    """Whether a sentence of ``alone`` (naming the report's place and no other report's)
    tells an attack there: casualty figures read in it, or a target or weapon of its own
    ("In Balakliia, shelling damaged a school")."""
    for c in r.claims:
        if (
            c["field"] in _CASUALTY
            and c["value"] != 0  # "nobody was hurt" tells no attack by itself
            and not c.get("inherited")
            and c.get("sentence_start") in alone
        ):
            return True
    # a weapon alone, where the sentence says nobody was hurt, is as often one shot down
    # ("над округом уничтожены три БПЛА, обошлось без жертв")
    calm = {c.get("sentence_start") for c in r.claims if c["field"] in _CASUALTY and not c["value"]}
    armed = alone - calm
    return any(
        e.get("field") == "target"
        and e.get("sentence_start") in alone
        or e.get("field") == "weapon"
        and e.get("sentence_start") in armed
        for e in r.evidence
    )


def _period(mains: list[IncidentReport], published) -> tuple | None:
    """The days the story reports: its dated main reports', else the two days up to
    the publication date (an undated main takes them later)."""
    dated = [r for r in mains if r.date_start is not None]
    if dated:
        return (
            min(r.date_start for r in dated),
            max(r.date_end or r.date_start for r in dated),
        )
    if published is not None:
        return (published - timedelta(days=1), published)
    return None


def _in_period(r: IncidentReport, period: tuple | None) -> bool:
    if r.date_start is None:
        return True  # dated later by the main's day (:func:`date_from_publication`)
    if period is None:
        return False
    return r.date_start <= period[1] and period[0] <= (r.date_end or r.date_start)


def _same_wave(current: Sequence[IncidentReport], mains: set, published, cues) -> set:
    """The main reports with the other attacks the article tells as items of their own:
    a report whose place is named alone in a sentence that gives the attack its own
    time of day or clock time (``cues.timed``: "Overnight, drones hit Shostka; in the
    afternoon, shelling wounded two in Krasnopillia", a live blog's "13:20 — ...",
    "hours later, drones hit Tuapse") and a weapon, target or figures of its own, on
    the story's days or undated. Not a sentence of air defence at work
    (``cues.downed``), nor one that recalls ("has been repeatedly targeted",
    ``cues.recalled``), nor a place the lead names as background."""
    period = _period([r for r in current if id(r) in mains], published)
    out = set(mains)
    for r in current:
        if id(r) in mains or not _in_period(r, period):
            continue
        if cues.background and _named_in(r, cues.background):
            continue
        others = set().union(*(_place_sentences(o) for o in current if o is not r))
        alone = _place_sentences(r) - others - cues.downed
        if _place_sentences(r) & cues.recalled:
            continue
        if _own_attack(r, alone & cues.timed):
            out.add(id(r))
    return out


@dataclass(frozen=True)
class WaveCues:
    """Sentences (by start offset) that tell how an article reports its attacks, for
    :func:`assign_roles`: ``timed`` give a time of day or a clock time, ``recalled``
    recall earlier attacks, ``downed`` only report drones or missiles shot down;
    ``background``: places the lead names as background."""

    timed: frozenset = frozenset()
    recalled: frozenset = frozenset()
    downed: frozenset = frozenset()
    background: tuple = ()


@lru_cache(maxsize=8)
def _cue_patterns(lang: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    from geoinc import lang as _lang
    from geoinc.exceptions import ConfigurationError

    out = []
    for name in ("dates_times_of_day", "events_recall_markers"):
        try:
            alts = _lang.phrases(lang, name)
        except ConfigurationError:
            alts = ()  # a language without the list: no cue of that kind
        out.append(re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)", re.I) if alts else None)
    return out[0], out[1]


def wave_cues(sentences: Sequence, lang: str = "en", reports: Sequence | None = None) -> WaveCues:
    """The :class:`WaveCues` of an article's sentences (``SentenceEvent`` objects); with
    ``reports``, of the sentences that name their places only (the cues are read there
    alone, and the two searches per sentence cost most of the reports stage).

    Examples
    --------
    >>> from geoinc.extraction.events import analyse_text
    >>> text = "Drones hit Sumy overnight. In the afternoon, shelling hit Krasnopillia."
    >>> len(wave_cues(analyse_text(text, None)).timed)
    2
    """
    timed_rx, recall_rx = _cue_patterns(lang)
    timed, recalled, downed = set(), set(), set()
    if reports is not None:
        placed = set().union(*map(_place_sentences, reports))
        sentences = [s for s in sentences if s.start in placed]
    for s in sentences:
        if timed_rx is not None and timed_rx.search(s.text):
            timed.add(s.start)
        if recall_rx is not None and recall_rx.search(s.text):
            recalled.add(s.start)
        if s.extra.get("interception") or _only_downed(s):
            downed.add(s.start)
    return WaveCues(frozenset(timed), frozenset(recalled), frozenset(downed))


def _only_downed(s) -> bool:
    """Drone or missile counts and nothing hit: "destroyed 13 drones over the region",
    "three drones were shot down, without casualties"."""
    drones = [f for f in s.figures if f.field.startswith("drones")]
    zeros = [f for f in s.figures if f.field in _CASUALTY and f.quantity.value == 0]
    return bool(drones) and not s.targets and len(drones) + len(zeros) == len(s.figures)


def _story_mains(
    ordered: list, current: list, headline_places: Sequence, lead_background
) -> set[int]:
    """Ids of the reports the story is about: at the headline's places, else the first
    with figures (its latest attack) and others with figures on its day or undated."""
    # "Izium in Kharkiv Oblast": the region locates the town, it is not a second story
    towns = {p.admin1 for p in headline_places if p.kind != "admin1"}
    headline_places = [p for p in headline_places if p.kind != "admin1" or p.admin1 not in towns]
    headline = [r for r in current if _named_in(r, headline_places)]
    with_figures = [r for r in current if _has_figures(r)]
    main = with_figures[0] if with_figures else current[0]
    if main.date_start is not None:  # the latest attack at that place is the story
        main = max(
            (r for r in current if r.place_key == main.place_key and r.date_start is not None),
            key=lambda r: r.date_start,
        )
    headline += _lead_mains(current, headline, lead_background)
    return {id(r) for r in headline} or {
        id(r)
        for r in ordered
        if r is main
        or (_has_figures(r) and main.date_start is not None and r.date_start == main.date_start)
        # figures of its own and no date at all ("In Chuhuiv, a drone wounded a man"): a
        # place hit in the same wave, not one recalled (those carry a month or a year)
        or (_has_figures(r) and main.date_start is not None and r.date_precision is None)
    }


def assign_roles(
    reports: Sequence[IncidentReport],
    headline_places: Sequence = (),
    *,
    lead_background: Sequence | None = None,
    published=None,
    cues: WaveCues | None = None,
) -> list[IncidentReport]:
    """Mark each report ``main`` or ``secondary`` (``extra["role"]``).

    The headline says what the story is about: reports at places it names are main.
    Without such a report, the first report that states casualty figures is main (else
    the first report), and so is any other with figures of its own on the same dates.
    A report dated only to a month or a year (an attack recalled for context) is main
    only when every report is; of several main reports at one place, only the latest
    dated one stays main. With ``cues``, every other attack the article tells as an item
    of the story's days (its own time of day, weapon, target or figures: bulletins, live
    blogs, a strike and the counter-strike) is main too (:func:`_same_wave`).

    Parameters
    ----------
    reports : sequence of IncidentReport
    headline_places : sequence of geoinc.gazetteer.Place
        Places the headline names as locations.
    lead_background : sequence of geoinc.gazetteer.Place, optional
        Given when the headline is a post's lead sentence (:func:`_lead_mains`).
    published : datetime.date, optional
        The publication date: the story's days when its main reports are undated.
    cues : WaveCues, optional
        How the sentences tell attacks (:func:`wave_cues`).

    Examples
    --------
    >>> assign_roles([])
    []
    """
    if not reports:
        return []
    ordered = sorted(reports, key=lambda r: r.first_offset)
    # a report dated only to an earlier month or year ("in January 2023 a missile killed
    # 46") is background to the story, whatever its place or figures
    current = [r for r in ordered if (r.date_precision or 0) < 4] or ordered
    mains = _story_mains(ordered, current, headline_places, lead_background)
    if cues is not None:
        cues = replace(cues, background=tuple(lead_background or ()))
        mains = _same_wave(current, mains, published, cues)
    mains = _latest_per_place(ordered, mains)
    return [
        replace(r, extra={**r.extra, "role": "main" if id(r) in mains else "secondary"})
        for r in reports
    ]


def date_from_publication(
    reports: Sequence[IncidentReport], published, how: str | None
) -> list[IncidentReport]:
    """Date undated main reports by the article's own date: the day before it or that day.

    News reports an attack the day it happened or the day after, so a main incident the
    text does not date gets the two-day range ending on the publication date (UCDP date
    precision 2), with a ``date`` evidence entry saying so. Only a full publication date
    that was given or read from the header counts; a guessed one ("latest-cited") does not.
    Other undated reports -- places listed as hit in the same wave -- then take the date
    of the article's first main incident, again with evidence that says so; an earlier
    attack recalled for context carries its own date in the text and keeps it.

    Examples
    --------
    >>> date_from_publication([], None, None)
    []
    """
    out = [_not_after(r, published) for r in reports] if published is not None else list(reports)
    if published is not None and how in ("given", "dateline"):
        start = published - timedelta(days=1)
        basis = "publication date (the text gives no date)"
        out = [
            _dated(r, start, published, 2, basis)
            if r.date_start is None and r.extra.get("role") == "main"
            else r
            for r in out
        ]
    mains = [r for r in out if r.extra.get("role") == "main" and r.date_start is not None]
    if not mains:
        return out
    # places listed as hit "too", with no date of their own: the day of the main attack
    m = min(mains, key=lambda r: r.first_offset)
    basis = "date of the article's main incident (the text gives no date for this place)"
    return [
        _dated(r, m.date_start, m.date_end or m.date_start, m.date_precision or 2, basis)
        if r.date_start is None
        else r
        for r in out
    ]


def _not_after(r: IncidentReport, published) -> IncidentReport:
    """A range that began by the publication date ends there: the article cannot report
    what had not happened yet (a holiday "celebrated on May 29" in a story of May 28 is
    no part of the attack's dates). A range wholly after it is left alone: a time zone
    can put the event a day past the publication date."""
    if r.date_start is None or r.date_end is None:
        return r
    if r.date_start <= published < r.date_end:
        return replace(r, date_end=published)
    return r


def _dated(r: IncidentReport, start, end, precision: int, basis: str) -> IncidentReport:
    ev = {
        "field": "date",
        "value": f"{start}/{end}" if end != start else str(start),
        "text": "",
        "source": r.source,
        "doc_id": r.doc_id,
        "start": 0,
        "end": 0,
        "sentence": "",
        "basis": basis,
    }
    return replace(
        r, date_start=start, date_end=end, date_precision=precision, evidence=r.evidence + (ev,)
    )
