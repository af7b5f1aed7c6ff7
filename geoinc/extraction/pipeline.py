"""From documents to incident reports to the incident GeoDataFrame.

Per document (a pure function, :func:`extract_reports`): geoparse the text, analyse
each sentence (:mod:`geoinc.extraction.events`), tie every figure, weapon and target to
the incident location nearest to it in its sentence, and group what the article says
by place and date into :class:`~geoinc.incidents.merge.IncidentReport` objects.

Across documents (:func:`extract`): merge reports of the same incident
(:mod:`geoinc.incidents.merge`) and build the frame (:mod:`geoinc.incidents.schema`).

Location rules, per sentence that reports an attack:

* candidates are mentions the geoparser gave the role ``"location"`` with a place;
* a place named as a reference point ("across the border from Belgorod", "near X",
  "the border with Ukraine") is not where the attack happened;
* a region right after a place inside it ("Zalestsy in Khmelnitsky region") is its
  container, not a second incident;
* countries count only when nothing more precise is named, and a country-only sentence
  gives no incident (an attack "on Ukraine" is not a location);
* a sentence with an attack word or a weapon but no location continues the story of
  the location of the previous attack sentence (up to 3 sentences back);
* titles are not evidence (they repeat the story in fewer words);
* a place in a country no other mention of the article points to, while at least three
  others point elsewhere, is taken for a resolution error and not used (a "Central
  Square" resolved to a US town in a story about Kharkiv).
"""

from __future__ import annotations

import logging
import re
import warnings
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache, partial
from pathlib import Path
from typing import Literal

from geoinc import lang as _lang
from geoinc.doc import Doc, Pipeline
from geoinc.exceptions import ConfigurationError, PlaceNotFound
from geoinc.extraction.article import (
    assign_roles,
    consolidate,
    date_from_publication,
    wave_cues,
)
from geoinc.extraction.batch import (
    DEFAULT_TIME_BUDGET,
    check_options,
    document_outcomes,
    run_isolated,
)
from geoinc.extraction.documents import DEFAULT_MAX_BYTES, Document
from geoinc.extraction.events import EVENT_TYPE, SentenceEvent, analyse_text
from geoinc.extraction.lexicon import compile_fast
from geoinc.incidents.merge import IncidentReport, incident_record, merge_reports
from geoinc.language import detect as detect_language
from geoinc.text import split_sentences

__all__ = [
    "InputStatus",
    "DocumentResult",
    "EXTRACTION",
    "extraction_pipeline",
    "make_doc",
    "extract_reports",
    "extract",
    "extract_with_status",
]

logger = logging.getLogger("geoinc")


def _alt(name: str) -> str:
    """The alternatives of ``geoinc/lang/en/NAME.txt`` as one regex group, in file order
    (the vocabulary is data; the patterns below are its grammar)."""
    return "(?:" + "|".join(_lang.phrases("en", name)) + ")"


# "early Sunday, a day after ... Belgorod": the date shifted for the place after it
# (compile_fast: a lookahead for the first characters, the same matches found faster
# where a case-insensitive alternation would be tried at every position)
_DAYS_AFTER = compile_fast(
    r"\b(a|one|two|three|\d) days? (after|before)\b|\bthe day (after|before)\b", re.I
)
_WEEKS_AFTER = compile_fast(
    r"\b(?:a|one|two|three|\d+|several|few) weeks? (?:after|before)\b", re.I
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3}


@lru_cache(maxsize=8)
def _viewpoint_rule(lang: str) -> re.Pattern | None:
    """A clause opening with a viewpoint phrase right before a place ("For Kyiv the strike
    was ...", "according to Moscow"): whose view is told, not where anything happened."""
    try:
        d = _lang.data(lang, "extract_reference")
    except ConfigurationError:
        return None
    words = d.get("viewpoint")
    if not words:
        return None
    alt = _words_alt(words)
    view = rf"(?:^[\s\"“‘']*|[,;:(—–]\s*)(?i:{alt})\s+(?:the\s+)?"
    # "the governor of Russia's Kursk region": an official's jurisdiction
    office = _words_alt(d.get("officials") or ["\0"])
    official = rf"\b(?i:{office})\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?"
    return re.compile(rf"(?:(?P<view>{view})|{official})$")


@lru_cache(maxsize=8)
def _after_rules(lang: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """What after a place, or before it, makes it no scene: a title after it ("the Kharkiv
    regional governor": a jurisdiction) or a facility's name ("the Zaporizhzhia nuclear
    power plant", elsewhere); and the vicinity phrases before it ("near Shebekino"), a
    reference point only when the sentence names another scene."""
    try:
        d = _lang.data(lang, "extract_reference")
    except ConfigurationError:
        return None, None
    office = _words_alt(d.get("officials") or ["\0"])
    mods = _words_alt(d.get("office_modifiers") or ["\0"])
    heads = _words_alt(d.get("name_heads") or ["\0"])
    after = re.compile(rf"\s+(?i:(?:(?:{mods})\s+){{0,2}}(?:{office})|{heads})\b")
    near = d.get("vicinity")
    vicinity = None
    if near:
        descr = _words_alt(d.get("descriptors") or ["\0"])
        vicinity = compile_fast(rf"\b(?:{_words_alt(near)})\s+(?:(?:{descr})\s+){{0,3}}$", re.I)
    return after, vicinity


@lru_cache(maxsize=8)
def _jurisdiction_rules(lang: str) -> tuple[re.Pattern, re.Pattern] | None:
    """A place named as an official's jurisdiction: before the title ("the Belgorod
    governor", "Kursk acting governor") or after "governor of" ("the governor of the
    Belgorod region")."""
    try:
        d = _lang.data(lang, "extract_reference")
    except ConfigurationError:
        return None
    office = _words_alt(d.get("officials") or ["\0"])
    mods = _words_alt([*(d.get("office_modifiers") or ["\0"]), "acting"])
    return (
        re.compile(rf"\s+(?i:(?:(?:{mods})\s+){{0,2}}(?:{office}))\b"),
        re.compile(rf"\b(?i:{office})\s+of\s+(?:the\s+)?$"),
    )


def _jurisdictions(
    text: str, sent: SentenceEvent, mentions: Sequence, lang: str, gazetteer=None
) -> list:
    """The place of a sentence named only as an official's jurisdiction ("Belgorod
    Governor Vyacheslav Gladkov said a drone hit a car"): the scene when the article
    has named no other before it. A governor's city stands for its region; a mayor's
    is the city."""
    rules = _jurisdiction_rules(lang)
    if rules is None:
        return []
    after, before = rules
    for m in mentions:
        if m.place is None or m.place.kind in ("country", "continent"):
            continue
        lead = text[max(sent.start, m.start - 40) : m.start]
        title = after.match(text, m.end) or before.search(lead)
        if title is None:
            continue
        if m.place.kind != "admin1" and m.place.admin1 and not _CITY_TITLE.search(title[0]):
            if gazetteer is None:
                from geoinc.gazetteer import Gazetteer

                gazetteer = Gazetteer.default()
            try:
                m = replace(m, place=gazetteer.admin1_place(m.place.admin1))
            except PlaceNotFound:
                pass
        return [m]
    return []


_CITY_TITLE = re.compile(r"\b(?:mayor|city)", re.I)
_DATELINE_ANAPHORA = re.compile(rf"\b{_alt('events_dateline_anaphora')}\b", re.I)


def _dateline_scene(text: str, sent: SentenceEvent, mentions: Sequence) -> list:
    """ "KHARKIV, Ukraine (AP) — Russian drones struck the city overnight": the dateline's
    place, named again as "the city", is the scene of a story that names no other (its
    evidence is the words that name it again, not the dateline)."""
    again = _DATELINE_ANAPHORA.search(text, sent.start, sent.end)
    if again is None:
        return []
    for m in mentions:
        if m.place is not None and m.place.kind != "country" and _is_dateline(text, m):
            return [replace(m, start=again.start(), end=again.end(), text=again.group(0))]
    return []


@lru_cache(maxsize=8)
def _vicinity_after(lang: str) -> re.Pattern | None:
    """Words right after a place that make it a reference point, as "near" before it does:
    "a village on the Kherson city outskirts", "the Kherson suburb of Antonivka"."""
    try:
        words = _lang.data(lang, "extract_reference").get("vicinity_after")
    except ConfigurationError:
        return None
    return re.compile(rf"\s+(?i:{_words_alt(words)})\b") if words else None


# "For Kyiv, ..." / "For Moscow the strike ...": the place is the whole complement; "For
# Kharkiv residents ..." names people of the place, who may well be where it happened
_VIEW_AFTER = re.compile(r"\s*(?:[,;:]|(?:the|this|that|these|it|its|a|an|such)\b)", re.I)


def _words_alt(words) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def _viewpoint(rule: re.Pattern, text: str, sent_start: int, m) -> bool:
    lo = max(sent_start, m.start - 40)
    # "^" is the sentence's start only when the window reaches back to it
    found = rule.search(("" if lo == sent_start else "x") + text[lo : m.start])
    if found is None:
        return False
    return found.group("view") is None or bool(_VIEW_AFTER.match(text, m.end))


@lru_cache(maxsize=8)
def _reference_rules(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Patterns that make a place a reference point, from ``extract_reference.json``."""
    try:
        d = _lang.data(lang, "extract_reference")
    except ConfigurationError:
        d = _lang.data("en", "extract_reference")  # place names read the same way

    def alt(words) -> str:
        ws = sorted(words, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws) + ")"

    before = compile_fast(rf"\b{alt(d['before'])}\s+(?:{alt(d['descriptors'])}\s+){{0,3}}$", re.I)
    launch = compile_fast(rf"\b{alt(d['launch'])}\b[^.;:!?]{{0,60}}$", re.I)
    attack_after = re.compile(rf"^\s*{alt(d['attack_after'])}\b", re.I)
    return before, launch, attack_after


# "Moscow and Kyiv blamed each other": a place acting as a subject is an actor
_AGENT_AFTER = re.compile(
    r"^(?:\s+and\s+[A-Z][\w'’-]+)?\s+(?:(?:has|have|had|also)\s+)?"
    rf"{_alt('events_agent_verbs')}\b"
)
_CONTAINER_GAP = re.compile(r"^\s*(?:,|in|in the|of|of the)?\s*$", re.I)
_INHERIT_WINDOW = 4
_WIDE_KINDS = ("country", "water")  # a sea next to a town in one sentence is not the scene
_NO_ATTACK = "no attack reported (no attack words, weapons or casualty figures)"


@dataclass(frozen=True, slots=True)
class InputStatus:
    """What became of one input: ``status`` is ``"ok"``, ``"none"`` or ``"error"``."""

    input: str
    doc_id: str | None
    status: str
    reason: str
    n_reports: int = 0
    incident_ids: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """The status as JSON-ready data (what ``--status`` writes)."""
        return {
            "input": self.input,
            "doc_id": self.doc_id,
            "status": self.status,
            "reason": self.reason,
            "n_reports": self.n_reports,
            "incident_ids": list(self.incident_ids),
        }


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Reports of one document, or why there are none."""

    document: Document
    reports: tuple[IncidentReport, ...]
    reason: str = ""
    stats: dict = field(default_factory=dict)


def _source_label(doc: Document) -> str:
    if doc.source:
        return doc.source
    if doc.path:
        return Path(doc.path).name
    return doc.doc_id


def _sentence_of(offset: int, sentences: Sequence[SentenceEvent]) -> int:
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _stray_countries(mentions: Sequence, *, min_others: int = 3) -> set[str]:
    """Countries named by a single, sub-national mention of an article whose other
    mentions (at least ``min_others``) all lie elsewhere ("Central Square" resolved to a
    US town in an article about Kharkiv). Such a mention is not used as an incident
    location."""
    # only places named as locations count: "Russian occupiers" says who, not where
    resolved = [
        m for m in mentions if m.place is not None and m.place.country and m.role == "location"
    ]
    by_country: dict[str, list] = defaultdict(list)
    for m in resolved:
        by_country[m.place.country].append(m)
    stray = set()
    for country, ms in by_country.items():
        others = len(resolved) - len(ms)
        if (
            len({m.text for m in ms}) == 1
            and all(m.place.kind != "country" for m in ms)
            and others >= min_others
        ):
            stray.add(country)
    return stray


def _candidates(text: str, sent: SentenceEvent, mentions: Sequence, lang: str = "en") -> list:
    """Location mentions of one sentence that can be where the attack happened."""
    reference, launch, attack_after = _reference_rules(lang)
    viewpoint = _viewpoint_rule(lang)
    after, vicinity = _after_rules(lang)
    cands, near = [], []
    for m in mentions:
        if m.role != "location" or m.place is None or m.place.kind == "continent":
            continue  # "strikes on Europe's energy": a continent is no scene of an attack
        before = text[max(sent.start, m.start - 80) : m.start]
        if reference.search(before[-60:]) and not attack_after.match(text[m.end : m.end + 20]):
            if vicinity is not None and vicinity.search(before[-60:]):
                near.append(m)  # "hit his car near Shebekino": the scene if nothing else is
            continue  # "across the border from Belgorod", but not "from the Belgorod strikes"
        if after is not None and after.match(text, m.end):
            continue  # "the Belgorod regional governor", "the Kursk nuclear power plant"
        if (va := _vicinity_after(lang)) is not None and va.match(text, m.end):
            near.append(m)  # "the Kherson suburb of Antonivka": Antonivka, if named
            continue
        if launch.search(before):
            continue  # "glide bombs launched from planes over the Belgorod region"
        if _AGENT_AFTER.match(text[m.end : m.end + 60]):
            continue  # "Moscow and Kyiv have accused ...": an actor, whatever the geoparser said
        if _is_dateline(text, m):
            continue  # "KYIV, Ukraine (AP) —": where the reporter filed from
        if viewpoint is not None and _viewpoint(viewpoint, text, sent.start, m):
            continue  # "For Kyiv the strike was a success": a government's view
        cands.append(m)
    if near and all(m.place.kind == "country" for m in cands):
        cands += near  # "SUMY, Ukraine -- bombs fell on the outskirts of Sumy"
    kept = _without_containers(text, cands, lang)
    if any(m.place.kind != "country" for m in kept):
        kept = [m for m in kept if m.place.kind != "country"]
    if any(m.place.kind not in _WIDE_KINDS for m in kept):
        # "a naval port on the Black Sea, Novorossiysk": the town, not the sea
        kept = [m for m in kept if m.place.kind != "water"]
    return kept


def _without_containers(text: str, cands: list, lang: str) -> list:
    """The candidates without the containers of the place before them: "Zalestsy in
    Khmelnitsky region" (a region right after a place within it), "Novoosynove,
    Kupiansk district, Kharkiv region" (a district of the address, named as a town)."""
    districts = _lang_words(lang, "events_district_singulars")
    kept: list = []
    for m in cands:
        prev = kept[-1] if kept else None
        if prev is None or prev.place.country != m.place.country:
            kept.append(m)
            continue
        gap = text[prev.end : m.start]
        if (
            m.place.kind in ("admin1", "country")
            and _CONTAINER_GAP.match(gap)
            and (prev.place.admin1 == m.place.admin1 or m.place.kind == "country")
        ):
            continue
        after = text[m.end : m.end + 16].split()
        if (
            gap.strip() == ","
            and after
            and after[0].lower().strip(",.;") in districts
            and prev.place.admin1 == m.place.admin1
        ):
            continue
        kept.append(m)
    if lang not in ("uk", "ru"):
        return kept
    # "В Белгородской области ... поселок в Яковлевском городском округе": a region with
    # a place of its own named in the same sentence contains the scene (Ukrainian and
    # Russian posts open with the region; measured on those languages only)
    inner = {m.place.admin1 for m in kept if m.place.kind in _INNER_KINDS and m.place.admin1}
    return [m for m in kept if not (m.place.kind == "admin1" and m.place.admin1 in inner)]


_INNER_KINDS = frozenset({"place", "admin2", "settlement"})
_DATELINE_AFTER = re.compile(
    r"^(?:,\s*[A-Z0-9][\w.,'’ -]{1,30}?)?(?:\s*\([\w .,&/'’-]{1,40}\))?\s*(?:[—–]|--?)"
)


def _is_dateline(text: str, m) -> bool:
    """A place opening a line before a dash ("KYIV, Ukraine (AP) — ..."), or in capitals."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start : m.start].strip(" \t*_\"'“"):
        return False
    after = text[m.end : m.end + 60]
    if m.text.isupper() and len(m.text) > 2 and after.lstrip()[:1] in (",", "(", ".", "/"):
        return True  # "MOSCOW, Oct 8 (Reuters) -", "DONETSK, January 7. /TASS/."
    return bool(_DATELINE_AFTER.match(after))


# a comma and a clause's first word right after a figure: the place after is another's
_NEXT_CLAUSE = re.compile(
    rf"\s*,\s*(?:{_alt('events_clause_joins')}|{_alt('events_list_joins')})\b", re.I
)
_PLACE_AFTER = re.compile(
    r"^[\s,]*(?:\w+\s+){0,2}?(?:in|at|on|near)\s+(?:the\s+)?"
    rf"(?:{_alt('events_place_nouns')} of\s+)?$",
    re.I,
)


def _nearest(
    pos: int, mentions: Sequence, end: int | None = None, text: str = "", starts=None
) -> object:
    """The mention a value at ``pos`` belongs to: "fuel depots in Kharkiv" → the place right
    after it; otherwise the nearest place before it, else the first after it.

    ``starts``: the mentions' start offsets when they are in text order, to look them up
    by bisection (a sentence of n values and n places is then n·log n, not n²).
    """
    if starts is None:
        starts = [m.start for m in mentions]
        if not _in_order(starts):
            return _nearest_scan(pos, mentions, end, text)
    if end is not None:
        k = bisect_left(starts, end)
        while k < len(starts) and starts[k] - end <= 40:
            if _PLACE_AFTER.match(text[end : starts[k]]):
                return mentions[k]
            k += 1
    k = bisect_right(starts, pos)
    return mentions[k - 1] if k else mentions[0]


def _in_order(starts: list[int]) -> bool:
    return all(a <= b for a, b in zip(starts, starts[1:], strict=False))


def _nearest_scan(pos: int, mentions: Sequence, end: int | None, text: str) -> object:
    if end is not None:
        for m in mentions:
            if m.start >= end and m.start - end <= 40 and _PLACE_AFTER.match(text[end : m.start]):
                return m
    before = [m for m in mentions if m.start <= pos]
    return before[-1] if before else mentions[0]


def _sentence_pieces(
    text: str,
    sent: SentenceEvent,
    cands: list,
    inherited: bool,
    *,
    wide: bool = False,
    lang: str = "en",
) -> list:
    """One piece per candidate place; each figure, weapon and target goes to its place.

    ``wide``: the sentence's figures total more than one place (see :func:`_is_wide`).
    """
    dates = _SentenceDates(text, sent)  # once per sentence, not once per place
    ps = {id(m): _Piece(m, sent, inherited, dates=dates.applied(m, inherited)) for m in cands}
    starts = [m.start for m in cands]
    if not _in_order(starts):
        starts = None  # _nearest scans
    soldiers = _combatant_rule(lang)
    for fig in sent.figures:
        # "killed four in Horlivka and two in Makiivka": a place right after the count
        m = _nearest(fig.start, cands, fig.end, text, starts)
        if m.start >= fig.end and _NEXT_CLAUSE.match(text, fig.end):
            # "wounded a woman, while in X a man was killed": X is the next clause's
            m = max((c for c in cands if c.end <= fig.start), key=lambda c: c.start, default=m)
        # "a man was wounded in X, and two women were injured in Y": its own clause's place
        m = _weapon_home(m, fig.start, fig.end, cands, text, sent.start, lang)
        piece = ps[id(m)]
        piece.figures.append(fig)
        if wide or _in_place_list(text, m, cands):
            piece.wide.add(id(fig))
        if soldiers is not None and soldiers.match(text, fig.end):
            piece.combatant.add(id(fig))
    for w in sent.weapons:
        m = _nearest(w.start, cands, w.end, text, starts)
        ps[id(_weapon_home(m, w.start, w.end, cands, text, sent.start, lang))].weapons.append(w)
    for t in sent.targets:
        ps[id(_nearest(t.start, cands, t.end, text, starts))].targets.append(t)
    if sent.weapons and len(cands) > 1:
        _share_leading_weapons(text, list(ps.values()), lang)
        _share_trailing_weapons(text, list(ps.values()), sent.start, lang)
        _share_listed_weapons(text, list(ps.values()), lang)
    return list(ps.values())


@lru_cache(maxsize=8)
def _clause_marks(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """A comma and a relative word (``events_relative_words.txt``: "which", "який" ...),
    and a clause boundary (a semicolon, a comma and a conjunction: ", and", ", а"; or a
    word that opens a clause of its own, ``events_clause_openers.txt``: "while", "коли")."""

    def alt(name: str) -> str:
        words = sorted(_lang_words(lang, name), key=len, reverse=True)
        return "|".join(map(re.escape, words)) or "(?!)"

    return (
        re.compile(rf",\s*(?:{alt('events_relative_words')})\b", re.I),
        re.compile(
            rf";|,\s*(?:{alt('events_list_joins')}|{alt('events_clause_joins')})\b"
            rf"|\s(?:{alt('events_clause_openers')})\s",
            re.I,
        ),
    )


def _weapon_home(m, pos: int, end: int, cands: list, text: str, sent_start: int, lang: str):
    """The place a weapon at ``pos`` belongs to, given ``m`` (:func:`_nearest`): when
    ``m`` lies before the weapon in another clause ("drones hit Sumy, and artillery
    shelled Kherson"), the place after it in its own; when ``m`` sits in a relative
    clause closed before the weapon ("Nikopol, which lies across the river from
    Enerhodar, came under artillery fire"), the place the clause describes."""
    between = text[m.end : pos]
    if m.start > pos or ("," not in between and ";" not in between):
        return m  # a place after the weapon, or nothing that could end a clause between
    aside, boundary = _clause_marks(lang)
    if boundary.search(text, m.end, pos):
        after = [c for c in cands if c.start >= end]
        nxt = min(after, key=lambda c: c.start) if after else None
        if nxt is not None and not boundary.search(text, end, nxt.start):
            return nxt
        return m
    opening = next(reversed(list(aside.finditer(text, sent_start, m.start))), None)
    if opening is None:
        return m
    before = [c for c in cands if c.end <= opening.start()]
    return max(before, key=lambda c: c.start) if before else m


@lru_cache(maxsize=8)
def _weapon_list_join(lang: str) -> re.Pattern:
    """What stands between two listed places: the first's district or region ("Зідьки
    Чугуївського району", ``events_list_qualifiers.txt``: word starts), then a comma or
    a conjunction (``events_list_joins.txt``: "and", "та", "и" ...), then perhaps a
    preposition or a settlement noun ("and in the village of", "та селі")."""

    def alt(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"

    conj = alt(_lang_words(lang, "events_list_joins"))
    fill = alt(
        _lang_words(lang, "events_list_fillers") | _lang_words(lang, "geoparse_settlement_words")
    )
    qual = alt(_lang_words(lang, "events_list_qualifiers"))
    return re.compile(
        rf"^(?:[\s,]+[\w’'-]+\s+(?:{qual})\w*\.?)*"
        rf"\s*(?:,\s*|(?:{conj})\s+)(?:(?:{conj}|{fill})\s+){{0,4}}$",
        re.I,
    )


_AREA_KINDS = frozenset({"admin1", "admin2", "country", "region"})


def _share_leading_weapons(text: str, pieces: list, lang: str) -> None:
    """A weapon named before every town of its sentence (regions aside) is the subject
    of the clause: "missile strikes that hit Kyiv and other cities such as Lviv and
    Odesa" hit all three, "in the Kharkiv region, drones struck Chuhuiv and Balakliia"
    both towns; so the towns up to the end of the clause (", while", ";") that took no
    weapon of their own take it too."""
    ordered = sorted(pieces, key=lambda p: p.mention.start)
    # the first town; with none, the first place
    k = next((i for i, p in enumerate(ordered) if p.mention.place.kind not in _AREA_KINDS), 0)
    leading = [w for p in ordered[: k + 1] for w in p.weapons if w.end <= ordered[k].mention.start]
    if not leading:
        return
    _, boundary = _clause_marks(lang)
    end = max(w.end for w in leading)
    for p in ordered:
        if p.mention.start < end:
            continue
        if boundary.search(text, end, p.mention.start):
            return
        end = p.mention.end
        if not p.weapons:
            p.weapons.extend(leading)


@lru_cache(maxsize=8)
def _passive_before(lang: str) -> re.Pattern:
    """A passive verb right before a weapon ("were shelled", "came under drone fire",
    ``events_passive_markers.txt``): the places before it are what it hit."""
    words = sorted(_lang_words(lang, "events_passive_markers"), key=len, reverse=True)
    alt = "|".join(map(re.escape, words)) or "(?!)"
    return re.compile(rf"(?:^|\s)(?:{alt})\s+(?:[\w-]+\s+){{0,2}}$", re.I)


def _share_trailing_weapons(text: str, pieces: list, sent_start: int, lang: str) -> None:
    """A weapon after a passive verb that follows every place of its clause reaches all
    of them: "two districts of Donetsk, as well as a village near Horlivka, were also
    shelled"; the places that took no weapon of their own take it."""
    passive = _passive_before(lang)
    aside, boundary = _clause_marks(lang)
    by_end = sorted(pieces, key=lambda p: p.mention.end)
    ends = [p.mention.end for p in by_end]
    # a weapon shared by a list sits in every listed piece: look at it once (a long list
    # would otherwise cost places x places)
    weapons = {id(w): w for p in pieces for w in p.weapons}.values()
    for w in sorted(weapons, key=lambda w: w.start):
        n = bisect_right(ends, w.start)
        if not n or not passive.search(text, ends[n - 1], w.start):
            continue
        before = by_end[:n]
        cut = max((b.end() for b in boundary.finditer(text, sent_start, w.start)), default=0)
        # places of a relative clause (", which lies near Y,") are no subject of the verb
        asides = [
            (a.start(), text.find(",", a.end(), w.start))
            for a in aside.finditer(text, cut, w.start)
        ]
        for p in before:
            inside = any(a <= p.mention.start and (b < 0 or p.mention.end <= b) for a, b in asides)
            if p.mention.start >= cut and not p.weapons and not inside:
                p.weapons.append(w)


def _share_listed_weapons(text: str, pieces: list, lang: str) -> None:
    """Places of one coordinated list share the weapons any of them took: in "missiles
    struck Kyiv, Lviv and Odesa" the nearest-place rule gives the missiles to Kyiv
    alone, but the clause says all three were struck by them. A listed place with a
    weapon of its own keeps just that ("a drone hit Sumy and a missile Kharkiv")."""
    join = _weapon_list_join(lang)
    ordered = sorted(pieces, key=lambda p: p.mention.start)
    run = [ordered[0]]
    for p in [*ordered[1:], None]:
        if p is not None and join.match(text[run[-1].mention.end : p.mention.start]):
            run.append(p)
            continue
        shared = [w for q in run for w in q.weapons]
        for q in run:
            if not q.weapons:
                q.weapons.extend(shared)
        run = [p]


@dataclass
class _Piece:
    """What one sentence says about one location."""

    mention: object
    sent: SentenceEvent
    inherited: bool
    figures: list = field(default_factory=list)
    weapons: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    dates: list = field(default_factory=list)  # (date_start, date_end, precision, DateExpr)
    wide: set = field(default_factory=set)  # ids of figures that total several places
    combatant: set = field(default_factory=set)  # ids of figures that count soldiers


# "Strikes on Kyiv and Kharkiv killed five": the places of a coordinated list
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:the\s+)?$", re.I)
_SEPARATE_KM = 15.0  # nearer than this, two places are one incident (a city and its district)


def _distinct(a, b) -> bool:
    """Two places that are not one incident: apart, and neither is the other's region."""
    pa, pb = a.place, b.place
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return False
    if "admin1" in (pa.kind, pb.kind) and pa.admin1 and pa.admin1 == pb.admin1:
        return False
    if pa.kind == "country" or pb.kind == "country":
        return False
    from geoinc.borders import geodesic_distance

    return float(geodesic_distance(pa.lon, pa.lat, pb.lon, pb.lat)[0]) > _SEPARATE_KM


def _in_place_list(text: str, m, cands: Sequence) -> bool:
    """Is ``m`` one of a coordinated list of distinct places ("Kyiv and Kharkiv")?"""
    ordered = sorted(cands, key=lambda c: c.start)
    i = next((k for k, c in enumerate(ordered) if c is m), None)
    if i is None:
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(ordered):
            a, b = sorted((ordered[i], ordered[j]), key=lambda c: c.start)
            if _LIST_JOIN.match(text[a.end : b.start]) and _distinct(a, b):
                return True
    return False


_ROUND_UP_MIN = 3  # regions in one list: "the Kyiv, Lviv and Odesa regions"


def _round_up(text: str, cands: list, gazetteer=None, lang: str = "en") -> list:
    """The candidates, with a listed round-up of regions as one country-level place.

    "Blasts were heard across the Ternopil, Rivne, Lviv and Dnipropetrovsk regions" says
    the attack reached those regions, not that each had an incident of its own: it is one
    report at the country's level (precision "country"), whose place text is the list.
    A list that ends in a plural region noun ("the Kiev, Kirovograd and Odessa regions")
    is one of regions even where a name resolved to its city.
    """
    best = max(_place_lists(text, cands, lang), key=len, default=[])
    countries = {m.place.country for m in best}
    if len(best) < _ROUND_UP_MIN or len(countries) != 1:
        return cands
    if gazetteer is None:
        from geoinc.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    first, last = best[0], best[-1]
    country = replace(
        first,
        start=first.start,
        end=last.end,
        text=text[first.start : last.end],
        place=gazetteer.country_place(countries.pop()),
    )
    listed = {id(m) for m in best}
    return [country, *(m for m in cands if id(m) not in listed)]


def _place_lists(text: str, cands: list, lang: str) -> list[list]:
    """Runs of listed places that are regions: all admin1 records, or any places
    before a plural region noun."""
    plural = _lang_words(lang, "events_region_plurals")
    out = []
    for run in _listed_runs(text, cands):
        after = text[run[-1].end : run[-1].end + 20].split()
        if after and after[0].lower().strip(".,;:") in plural:
            out.append(run)
        else:
            out.extend(_admin1_runs(run))
    return out


def _listed_runs(text: str, cands: list) -> list[list]:
    """Candidates in runs of a coordinated list ("Kiev and Kuibyshev"), in text order."""
    runs: list[list] = []
    for m in sorted(cands, key=lambda m: m.start):
        if (
            runs
            and _LIST_JOIN.match(text[runs[-1][-1].end : m.start])
            and _distinct(runs[-1][-1], m)
        ):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _without_listed_districts(text: str, cands: list, lang: str) -> list:
    """The candidates without a list of a city's districts ("the Kiev, Lenin and Kirov
    districts of Donetsk": not Kyiv, not Kirov in Russia): names followed by more listed
    names and a plural district noun before "of" or "in"."""
    rule = _district_list_rule(lang)
    if rule is None:
        return cands
    kept = [m for m in cands if not rule.match(text, m.end, m.end + 200)]
    return kept if len(kept) < len(cands) else cands


@lru_cache(maxsize=8)
def _district_list_rule(lang: str) -> re.Pattern | None:
    nouns = _lang_words(lang, "events_district_plurals")
    if not nouns:
        return None
    name = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"  # listed names: capitals
    glue = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)"
    words = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    return re.compile(rf"(?:{glue}{name})*\s+(?i:{words})\s+(?:of|in)\b")


def _admin1_runs(run: list) -> list[list]:
    """The stretches of consecutive admin1 records in a run of listed places."""
    out: list[list] = [[]]
    for m in run:
        if m.place.kind == "admin1":
            out[-1].append(m)
        elif out[-1]:
            out.append([])
    return [r for r in out if r]


@lru_cache(maxsize=16)
def _lang_words(lang: str, name: str) -> frozenset:
    """A lower-cased word list of the language, empty when it has none."""
    try:
        return frozenset(w.lower() for w in _lang.words(lang, name))
    except ConfigurationError:
        return frozenset()


def _is_wide(cands: Sequence) -> bool:
    """Does a sentence name several places that are separate incidents?"""
    return any(_distinct(a, b) for k, a in enumerate(cands) for b in cands[k + 1 :])


@lru_cache(maxsize=8)
def _combatant_rule(lang: str) -> re.Pattern | None:
    """Soldiers right after a figure's number ("200+ Ukrainian reservists")."""
    try:
        nouns = _lang.data(lang, "casualties").get("combatant_nouns")
    except (ConfigurationError, OSError):
        return None
    if not nouns:
        return None
    alt = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(nouns, key=len, reverse=True)
    )
    return re.compile(rf"\+?(?:\s+[\w'’-]+){{0,2}}?\s+(?:{alt})\b", re.I)


# "since June 26", "until Friday": a bound of a period, not the day of an attack
_BOUND_BEFORE = compile_fast(r"\b(?:since|until|till|before)\s+(?:the\s+)?$", re.I)
_REPORTING = compile_fast(rf"\b{_alt('events_reporting_verbs')}\b", re.I)


_RELATIVE_CLAUSE = re.compile(r",\s+(?:where|which|whose)\b", re.I)


def _event_dates(text: str, sent: SentenceEvent) -> list:
    """Resolved dates of a sentence that date the event, not the reporting or aftermath.

    With several different dates in one sentence, a date next to a reporting verb
    ("on Sunday revised the toll", "said on Sunday") and a date followed by "after ...
    <another date>" ("clearing debris on Sunday after the strike on Saturday") are
    dropped.
    """
    ds = [
        d
        for d in sent.dates
        if d.resolved
        and d.kind != "future"
        and not _BOUND_BEFORE.search(text[max(sent.start, d.start - 12) : d.start])
    ]
    # "the Kursk region, where ... an incursion in August": a month in a clause that
    # describes the place does not date the attack
    rc = _RELATIVE_CLAUSE.search(text, sent.start, sent.end)  # once: linear in the sentence
    ds = [d for d in ds if (d.precision or 0) < 4 or rc is None or rc.start() > d.start]
    if any((d.precision or 9) <= 3 for d in ds):
        # "overnight ... after the incursion in August": the day dates the attack
        ds = [d for d in ds if (d.precision or 9) <= 3]
    if len({(d.date_start, d.date_end) for d in ds}) < 2:
        return ds
    # the next date of another day, for every date: one backward pass (a scan per date
    # was quadratic), and the "after"s of the sentence found once
    later: list = [None] * len(ds)
    for i in range(len(ds) - 2, -1, -1):
        o, d = ds[i + 1], ds[i]
        same = (o.date_start, o.date_end) == (d.date_start, d.date_end)
        later[i] = later[i + 1] if same else o
    afters = [m.start() for m in _AFTER.finditer(text, sent.start, sent.end)]
    keep = []
    for i, d in enumerate(ds):
        around = (
            text[max(sent.start, d.start - 25) : d.start]
            + " "
            + text[d.end : min(sent.end, d.end + 25)]
        )
        if _REPORTING.search(around):
            continue
        if later[i] is not None:
            k = bisect_left(afters, d.end)
            if k < len(afters) and afters[k] + 5 <= later[i].start:
                continue
        keep.append(d)
    return keep or ds


_AFTER = compile_fast(r"\bafter\b", re.I)
#: Dates one place takes from its sentence, the nearest first: a sentence names a few;
#: one of hundreds of dates and places would otherwise pair every place with every date
#: (quadratic time and output). Beyond it the farther dates are dropped (logged).
_MAX_DATES_PER_PLACE = 24


class _SentenceDates:
    """The event dates of one sentence, applied to its places (:meth:`applied`).

    The "N days after/before" phrases are found once per sentence, and a place looks up
    the first one between a date and itself by bisection.
    """

    def __init__(self, text: str, sent: SentenceEvent) -> None:
        self.text = text
        self.dates = _event_dates(text, sent)
        self.starts = [d.start for d in self.dates]
        if len(self.dates) > _MAX_DATES_PER_PLACE:
            logger.debug(
                "sentence at %d: %d dates, each place takes the %d nearest",
                sent.start,
                len(self.dates),
                _MAX_DATES_PER_PLACE,
            )
        self.in_order = _in_order(self.starts)
        span = (sent.start, sent.end)
        low = text[sent.start : sent.end].lower()  # no "week"/"day" in it: no match, no scan
        weeks = _WEEKS_AFTER.finditer(text, *span) if "week" in low else ()
        self.weeks = [(m.start(), m.end()) for m in weeks]
        self.days = list(_DAYS_AFTER.finditer(text, *span)) if "day" in low else []
        self.day_starts = [m.start() for m in self.days]

    def _near(self, pos: int) -> list:
        ds, k = self.dates, _MAX_DATES_PER_PLACE
        if len(ds) <= k or not self.in_order:
            return ds[:k] if len(ds) > k else ds
        i = bisect_left(self.starts, pos)
        lo, hi = i, i  # grow [lo, hi) towards the nearer side
        while hi - lo < k:
            if lo > 0 and (hi >= len(ds) or pos - ds[lo - 1].end <= ds[hi].start - pos):
                lo -= 1
            else:
                hi += 1
        return ds[lo:hi]

    def applied(self, mention, inherited: bool) -> list:
        """The dates as they apply to ``mention``: ``(start, end, precision, DateExpr)``."""
        out = []
        for d in self._near(mention.start):
            if inherited and d.kind == "recent":
                continue  # "Kyiv launched an incursion last week": no new story for the place
            ds, de = d.date_start, d.date_end
            if not inherited and d.end <= mention.start:
                w = bisect_left(self.weeks, (d.end,))
                if w < len(self.weeks) and self.weeks[w][1] <= mention.start:
                    continue  # too loose to date the place
                k = bisect_left(self.day_starts, d.end)
                m = self.days[k] if k < len(self.days) else None
                if m is not None and m.end() <= mention.start:
                    n = _SMALL.get((m.group(1) or "a").lower()) or int(m.group(1))
                    sign = -1 if (m.group(2) or m.group(3)).lower() == "after" else 1
                    ds, de = ds + timedelta(days=sign * n), de + timedelta(days=sign * n)
            out.append((ds, de, d.precision, d))
        if len(out) > 1 and not inherited:
            # "hit Odesa on Sunday and Kharkiv on Tuesday": the nearest date first (the
            # place's report takes it)
            out.sort(key=lambda x: max(x[3].start - mention.end, mention.start - x[3].end, 0))
        return out


def _headline_figures(
    reports: list[IncidentReport], title: SentenceEvent, doc: Document, source: str
) -> list[IncidentReport]:
    """A toll only the headline states ("Two killed, 18 injured as ...") goes to the first
    main report, for the fields its body gives no figure of (the body wins otherwise)."""
    out = list(reports)
    for i, r in enumerate(out):
        if r.extra.get("role") != "main":
            continue
        have = {c["field"] for c in r.claims}
        extra = [_claim(f, title, doc, source) for f in title.figures if f.field not in have]
        if extra:
            out[i] = replace(r, claims=r.claims + tuple(extra))
        break
    return out


def _claim(fig, sent: SentenceEvent, doc: Document, source: str) -> dict:
    q = fig.quantity
    return {
        "field": fig.field,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "qualifier": q.qualifier,
        "text": q.text,
        "source": source,
        "doc_id": doc.doc_id,
        "start": fig.start,
        "end": fig.end,
        "sentence": sent.text,
        "sentence_start": sent.start,
        "sentence_end": sent.end,
    }


def _evidence(
    fld: str,
    value,
    text: str,
    start: int,
    end: int,
    sent: SentenceEvent,
    doc: Document,
    source: str,
) -> dict:
    return {
        "field": fld,
        "value": value,
        "text": text,
        "source": source,
        "doc_id": doc.doc_id,
        "start": start,
        "end": end,
        "sentence": sent.text,
        "sentence_start": sent.start,
        "sentence_end": sent.end,
    }


def _collect_pieces(
    text: str,
    sentences: Sequence[SentenceEvent],
    by_sentence: dict,
    stats: dict,
    lang: str,
    gazetteer=None,
) -> list[_Piece]:
    """What each attack sentence says about each of its places (figures of a sentence
    without a place go to the last place named, or wait for the next)."""
    pieces: list[_Piece] = []
    # (sentence index, candidates, places since the last figures, has figures) of the last
    # attack sentence
    last: tuple[int, list, list, bool] | None = None
    pending: list[int] = []  # figures stated before any place ("Two killed. ... in Kharkiv")
    for i, sent in enumerate(sentences):
        if sent.is_title or not (sent.is_event or sent.figures):
            head = _heading(text, sent, by_sentence.get(i, ()), lang)
            last = (i, head, head, False) if head else last
            continue
        stats["event_sentences"] += 1
        # a bare count ("four deaths") names no scene: it only adds to the story before it
        cands = _candidates(text, sent, by_sentence.get(i, ()), lang) if sent.is_event else []
        inherited = wide = False
        if cands and all(m.place.kind == "country" for m in cands):
            # "an attack on Ukraine" is no location; its figures go to the town named
            # before (or next: "... killed two in northeastern Ukraine"), as a total that
            # ranks below the town's own figures
            stats["country_only"] += 1
            if not sent.figures:
                continue
            cands, wide = [], True
        cands = _round_up(text, _without_listed_districts(text, cands, lang), gazetteer, lang)
        if not cands and last is None and not pieces and sent.is_event:
            ms = by_sentence.get(i, ())
            cands = _jurisdictions(text, sent, ms, lang, gazetteer) or (
                _dateline_scene(text, sent, ms) if lang == "en" else []
            )
        if not cands:
            if last is None or (i - last[0] > _INHERIT_WINDOW and not _sole_story(pieces, sent)):
                if sent.figures:
                    pending.append((i, wide))
                continue
            # after "Strikes hit Kyiv and Kharkiv", "Two people died" totals both
            cands, inherited, wide = _heirs(sent, last, lang), True, wide or _is_wide(last[1])
        else:
            sent = _hand_back(text, sent, cands, last, i, pieces, lang)
            story = [] if last is None or last[3] else last[2]  # since the last figures
            last = (i, cands, [*story, *cands], bool(sent.figures))
            pieces.extend(_pending_pieces(text, sentences, pending, i, cands, lang))
            pending = []
        new = _pieces_of(text, sent, cands, inherited, wide, lang)
        pieces.extend(_day_before(text, sent, new, pieces) if not inherited else new)
        if inherited and sent.weapons and len(cands) == 1:  # (zeros reach every heir)
            pieces.extend(_listed_heirs(text, sent, last[1], lang))
    return pieces


def _listed_heirs(text: str, sent: SentenceEvent, before: list, lang: str) -> list:
    """A sentence with no place continues the first place of the sentence before; its
    weapons (only) also reach the places listed with that one ("Blasts shook the Kyiv
    and Bucha districts. Most of the missiles were shot down.")."""
    if len(before) < 2:
        return []
    join = _weapon_list_join(lang)
    ordered = sorted(before, key=lambda m: m.start)
    i = next(k for k, m in enumerate(ordered) if m is before[0])
    run = [ordered[i]]
    for m in ordered[i + 1 :]:
        if not join.match(text[run[-1].end : m.start]):
            break
        run.append(m)
    if len(run) < 2:
        return []
    bare = replace(sent, figures=(), targets=())
    return _sentence_pieces(text, bare, run[1:], True, lang=lang)


def _pending_pieces(text: str, sentences, pending: list, i: int, cands: list, lang: str) -> list:
    """The figures stated before any place ("Two killed. ... in Kharkiv"), given to the
    first place of sentence ``i`` when they were stated shortly before it."""
    return [
        p
        for j, j_wide in pending
        if i - j <= _INHERIT_WINDOW
        for p in _sentence_pieces(
            text, sentences[j], cands[:1], True, wide=j_wide or _is_wide(cands), lang=lang
        )
    ]


def _pieces_of(text: str, sent, cands: list, inherited: bool, wide: bool, lang: str) -> list:
    """A sentence's pieces; an inherited sentence's figures go to each of its heirs
    (:func:`_heirs`: "Пострадавших нет" after two towns is said of both)."""
    groups = [[c] for c in cands] if inherited else [cands]
    return [
        p for g in groups for p in _sentence_pieces(text, sent, g, inherited, wide=wide, lang=lang)
    ]


def _heirs(sent: SentenceEvent, last: tuple, lang: str) -> list:
    """The places a sentence naming none carries its figures to: the first place of the
    last attack sentence; in Ukrainian and Russian, when every figure is an explicit
    zero ("Пострадавших нет" after "обстреляли Климово и Суземку"; "никто не
    пострадал" after a sentence on each of two towns), each place of the attack
    sentences since the last one with figures."""
    figs = sent.figures
    if lang in ("uk", "ru") and figs and all(f.quantity.value == 0 for f in figs):
        return list(dict.fromkeys(last[2]))
    return last[1][:1]


def _heading(text: str, sent: SentenceEvent, mentions: Sequence, lang: str) -> list:
    """The places of a sentence that is nothing but place names, a heading of the
    sentences after it ("Нікопольщина.", "Грайворонский городской округ.", as posts of
    regional administrations open each town's news), else []. A dated opening line
    ("Бердянск, 24 июня.") heads the text the same way: its dateline is the place."""
    dated = [replace(m, role="location") for m in mentions if m.role == "dateline"]
    if not dated and _words_besides(text, sent, mentions):
        return []  # (the test below, asked first of all the places: most sentences fail it)
    cands = _candidates(text, sent, dated or mentions, lang) if mentions else []
    if not cands:
        return []
    rest, k = [], sent.start
    for m in sorted(cands, key=lambda m: m.start):
        rest.append(text[k : m.start])
        k = m.end
    rest.append(text[k : sent.end])
    rest = "".join(rest)
    if dated:
        return cands if _DAY_MONTH.fullmatch(rest) else []
    return [] if any(c.isalnum() for c in rest) else cands


_DAY_MONTH = re.compile(r"\W*\d{1,2}\s+[^\W\d_]{3,9}\.?(?:\s+\d{4})?\W*")


def _words_besides(text: str, sent: SentenceEvent, mentions: Sequence) -> bool:
    """A letter or digit of the sentence lies outside every mention (so outside the
    candidates :func:`_heading` keeps, which are some of them)."""
    k = sent.start
    for m in sorted(mentions, key=lambda m: m.start):
        if any(c.isalnum() for c in text[k : m.start]):
            return True
        k = max(k, m.end)
    return any(c.isalnum() for c in text[k : sent.end])


_PREVIOUS_DAY = re.compile(rf"[\s\"“‘'(]*{_alt('events_previous_day')}\b", re.I)


def _day_before(text: str, sent: SentenceEvent, new: list, pieces: list) -> list:
    """A sentence that opens "The day before, ..." with no date of its own tells of the
    day before the last dated attack: its places take that date less one day. So does a
    place named right after "a day after" ("The strike came a day after an attack on
    Odesa": Odesa the day before the strike)."""
    if not new or any(p.dates for p in new):
        return new
    dated = [p for p in pieces if p.dates]
    if not dated:
        return new
    ds, de, precision, expr = dated[-1].dates[0]
    if _PREVIOUS_DAY.match(text, sent.start):
        one = timedelta(days=1)
        for p in new:
            p.dates = [(ds - one, de - one, precision, expr)]
        return new
    for m in _DAYS_AFTER.finditer(text, sent.start, sent.end):
        if not _CAME.search(text, max(sent.start, m.start() - 30), m.start()):
            continue  # "rescuers worked the day after the strike on X": X is that strike
        for p in new:
            if p.mention.start > m.end() and not _CLAUSE_END.search(text, m.end(), p.mention.start):
                n = _SMALL.get((m.group(1) or "a").lower()) or int(m.group(1))
                shift = timedelta(days=-n if (m.group(2) or m.group(3)).lower() == "after" else n)
                p.dates = [(ds + shift, de + shift, precision, expr)]
    return new


_CLAUSE_END = re.compile(r"[,;:]")
_CAME = re.compile(rf"\b{_alt('events_came_after')}\s+(?:just\s+|only\s+)?$", re.I)


def _sole_story(pieces: list[_Piece], sent: SentenceEvent) -> bool:
    """True when every attack so far happened at one place and this sentence dates nothing
    of its own: an article about one strike gives later toll updates ("five confirmed
    deaths and 12 injuries", paragraphs after the place was last named) to that strike."""
    if not pieces or sent.dates or all(f.quantity.value == 0 for f in sent.figures):
        return False  # a far "no casualties either" is as likely about another event
    places = {(p.mention.place.kind, p.mention.place.name, p.mention.place.admin1) for p in pieces}
    # a city and its own region ("Odesa", "the Odesa region") are one story
    towns = {a for k, _, a in places if k != "admin1"}
    return len({pl for pl in places if pl[0] != "admin1" or pl[2] not in towns}) == 1


# --------------------------------------------------------------------------- the stages
# Each computes one annotation of a geoinc.doc.Doc (``doc.meta`` is the Document) and
# reads only the annotations of the stages before it.


def _sentences_stage(doc: Doc) -> list[tuple[int, int, int]]:
    """``sentences``: ``(start, end, paragraph)`` spans, one splitter for every stage.

    Ukrainian and Russian: the spans :mod:`geoinc.extraction.slavic` analyses (its own
    splitter, which :func:`geoinc.text.split_sentences` reproduces), so the annotation
    always agrees with ``events``."""
    if doc.lang in ("uk", "ru"):
        from geoinc.extraction.slavic import split_sentences as slavic_sentences

        return slavic_sentences(doc.text, doc.lang)
    return split_sentences(doc.text, doc.lang)


def _events_stage(doc: Doc) -> list[SentenceEvent]:
    """``events``: what each sentence says about an attack (Ukrainian and Russian are
    split by :mod:`geoinc.extraction.slavic` itself, with the same rules)."""
    if doc.lang in ("uk", "ru"):
        return analyse_text(doc.text, doc.meta.published, doc.lang)
    year_from = getattr(doc.meta, "period_end", None)  # "2024-08" given: "on August 3"
    return analyse_text(
        doc.text, doc.meta.published, doc.lang, sentences=doc.sentences, year_from=year_from
    )


def _mentions_stage(doc: Doc, geoparser: Callable | None = None) -> list:
    """``mentions``: the geoparser's place mentions in text order."""
    if geoparser is None:
        from geoinc.geoparsing import geoparse as geoparser
    found = geoparser(doc.text, gazetteer=doc.resources.get("gazetteer"), lang=doc.lang)
    return sorted(found, key=lambda m: m.start)


def _locations_stage(doc: Doc) -> dict[int, list]:
    """``locations``: the mentions of each event sentence (by index), without a lone place
    abroad among many at home (likely a wrong resolution)."""
    sentences, mentions = doc["events"], doc.mentions
    stray = _stray_countries(mentions)
    by_sentence: dict[int, list] = defaultdict(list)
    for m in mentions:
        if m.place is not None and m.place.country in stray and m.role == "location":
            continue
        by_sentence[_sentence_of(m.start, sentences)].append(m)
    return by_sentence


def _reports_stage(doc: Doc) -> DocumentResult:
    """``reports``: the document's incident reports, or why there are none."""
    document, sentences = doc.meta, doc["events"]
    if not any(s.is_event and not s.is_title for s in sentences):
        # No attack word, weapon or figure anywhere: no incident can come out, so the
        # (costlier) place resolution is skipped. Most general news stops here.
        stats = {"sentences": len(sentences), "mentions": None}
        return DocumentResult(document, (), _NO_ATTACK, stats)
    mentions, by_sentence = doc.mentions, doc["locations"]
    stats = {
        "sentences": len(sentences),
        "mentions": len(mentions),
        "locations": sum(1 for m in mentions if m.role == "location" and m.place is not None),
        "event_sentences": 0,
        "country_only": 0,
    }
    gazetteer = doc.resources.get("gazetteer")
    sentences = _without_stale_statement_days(doc.text, sentences, document.published)
    pieces = _collect_pieces(doc.text, sentences, by_sentence, stats, doc.lang, gazetteer)
    # the language read, kept per report: a merged incident lists its sources' languages
    reports = [
        replace(r, extra={**r.extra, "lang": doc.lang})
        for r in _reports_of(doc, pieces, by_sentence)
    ]
    reason = "" if reports else _why_none(mentions, stats)
    return DocumentResult(document, tuple(reports), reason, stats)


_SAID_BEFORE = compile_fast(rf"\b{_alt('events_reporting_verbs')}\s+(?:on\s+)?$", re.I)
_STALE_DAYS = 5  # "said Thursday" in a Wednesday story: the edition's date lags, not a week


def _without_stale_statement_days(
    text: str, sentences: list[SentenceEvent], published
) -> list[SentenceEvent]:
    """The sentences without a weekday that dates a statement ("said Thursday") and
    resolves to five or more days before the publication date: a statement that fresh
    is the day after the (lagging) publication date, not last week; the attack it
    reports is dated by the rest of the article, or the publication date."""
    if published is None:
        return sentences
    out = list(sentences)
    for i, sent in enumerate(sentences):
        stale = [
            d
            for d in sent.dates
            if d.kind == "weekday"
            and d.date_start is not None
            and (published - d.date_start).days >= _STALE_DAYS
            and _SAID_BEFORE.search(text, max(sent.start, d.start - 20), d.start)
        ]
        if stale:
            out[i] = replace(sent, dates=tuple(d for d in sent.dates if d not in stale))
    return out


def _reports_of(doc: Doc, pieces: list, by_sentence: dict) -> list[IncidentReport]:
    """Pieces grouped into reports, with roles, publication dates and headline tolls."""
    document, text, lang, sentences = doc.meta, doc.text, doc.lang, doc["events"]
    source = _source_label(document)
    titled = bool(sentences) and sentences[0].is_title
    headline = [
        m.place
        for m in (by_sentence.get(0, ()) if titled else ())
        if m.role == "location" and m.place is not None and m.place.kind != "country"
    ]
    raion_km = None
    if lang in ("uk", "ru"):  # round-ups of a region, leads as headlines
        from geoinc.extraction.slavic import RAION_KM, headline_places

        gazetteer = doc.resources.get("gazetteer")
        headline = headline_places(text, sentences, doc.mentions, lang, gazetteer)
        raion_km = RAION_KM
    grouped = consolidate(_group_pieces(pieces, document, source), raion_km=raion_km)
    lead = None  # a Ukrainian or Russian post without a title: its lead plays the headline
    if lang in ("uk", "ru") and not titled:
        lead = [m.place for m in by_sentence.get(0, ()) if m.role == "location" and m.place]
        lead = [p for p in lead if p.kind != "country" and p not in headline]
    cues = wave_cues(sentences, lang, grouped)
    reports = assign_roles(
        grouped, headline, lead_background=lead, published=document.published, cues=cues
    )
    if lang in ("uk", "ru"):
        reports = _interceptions_aside(reports, sentences)
    reports = date_from_publication(reports, document.published, document.published_how)
    if titled and sentences[0].figures:
        reports = _headline_figures(reports, sentences[0], document, source)
    return reports


def _interceptions_aside(reports: list, sentences) -> list:
    """A report told only by sentences of air defence at work ("над Новороссийском сбит
    дрон", "ППО збили над Дніпропетровщиною п'ять ракет") is secondary: drones downed
    on their way are no strike at that place."""
    shot = {s.start for s in sentences if s.extra.get("interception")}
    out = []
    for r in reports:
        told = {e["sentence_start"] for e in r.evidence if "sentence_start" in e}
        if told and told <= shot and r.extra.get("role") == "main":
            r = replace(r, extra={**r.extra, "role": "secondary"})
        out.append(r)
    return out


def _why_none(mentions: list, stats: dict) -> str:
    """Why an article with an attack sentence gave no report."""
    if not mentions:
        return "no place names found"
    if not stats["locations"]:
        return (
            "place names found, but none is an incident location (actors, origins, organisations)"
        )
    if not stats["event_sentences"]:
        return _NO_ATTACK
    if stats["country_only"]:
        return "attacks reported only at country level (no town or region named)"
    return "no attack reported at a named location"


#: The extraction pipeline: its components in order (``EXTRACTION.pipe_names``).
EXTRACTION = Pipeline(
    [
        ("sentences", _sentences_stage),
        ("events", _events_stage),
        ("mentions", _mentions_stage),
        ("locations", _locations_stage),
        ("reports", _reports_stage),
    ]
)


def extraction_pipeline(geoparser: Callable | None = None) -> Pipeline:
    """The extraction pipeline, with another geoparser for its ``mentions`` stage.

    Examples
    --------
    >>> extraction_pipeline().pipe_names
    ('sentences', 'events', 'mentions', 'locations', 'reports')
    """
    if geoparser is None:
        return EXTRACTION
    return EXTRACTION.replace_pipe("mentions", partial(_mentions_stage, geoparser=geoparser))


def make_doc(doc: Document, *, gazetteer=None, geoparser: Callable | None = None) -> Doc:
    """The :class:`geoinc.doc.Doc` of a document, nothing computed yet.

    Its annotations (``extraction_pipeline().pipe_names``) are computed when read, each
    once: ``make_doc(d)["reports"]`` is :func:`extract_reports`, and the same Doc's
    ``mentions`` can go on to claim checking without geoparsing again.
    """
    lang = doc.lang or detect_language(doc.text)  # given, else detected (cheap letter rule)
    return extraction_pipeline(geoparser).make_doc(
        doc.text, lang=lang, meta=doc, resources={"gazetteer": gazetteer}
    )


def extract_reports(
    doc: Document, *, gazetteer=None, geoparser: Callable | None = None
) -> DocumentResult:
    """Incident reports of one document (pure: same document, same result).

    The document flows through :data:`EXTRACTION` (sentences, events, mentions,
    locations, reports); only what the reports need is computed: an article without an
    attack sentence is never geoparsed.

    Parameters
    ----------
    doc : Document
    gazetteer : geoinc.gazetteer.Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.
    geoparser : callable, optional
        ``geoparser(text, gazetteer=..., lang=...) -> list[Mention]``; defaults to
        :func:`geoinc.geoparsing.geoparse`.

    Returns
    -------
    DocumentResult
        ``reports`` empty and ``reason`` set when the article reports no incident.

    Examples
    --------
    >>> from geoinc.extraction.documents import document_from_text
    >>> doc = document_from_text("December 31, 2023\\n\\nDrones struck Kharkiv overnight, "
    ...                          "wounding 28 people.")
    >>> r = extract_reports(doc).reports[0]
    >>> r.place.name, str(r.date_start), str(r.date_end), r.claims[0]["value"]
    ('Kharkiv', '2023-12-30', '2023-12-31', 28)
    """
    return make_doc(doc, gazetteer=gazetteer, geoparser=geoparser)["reports"]


# "Nobody was hurt there, but a strike on Kherson killed two":
# a clause before the sentence's first place that ends like this is still the last story
_CLAUSE_BREAK = re.compile(r"(?:,|;)\s+(?:but|while|whereas|although)\b|;", re.I)


def _hand_back(text, sent, cands, last, i, pieces, lang) -> SentenceEvent:
    """Give the figures of a leading clause that names no place to the previous story's
    place; return the sentence with the rest."""
    if last is None or i - last[0] > _INHERIT_WINDOW or not sent.figures:
        return sent
    first = min(c.start for c in cands)
    early = tuple(
        f for f in sent.figures if f.end <= first and _CLAUSE_BREAK.search(text, f.end, first)
    )
    if not early or not all(_distinct(last[1][0], c) for c in cands):
        return sent

    lead = replace(sent, figures=early, weapons=(), targets=())
    pieces.extend(_sentence_pieces(text, lead, last[1][:1], True, lang=lang))
    return replace(sent, figures=tuple(f for f in sent.figures if f not in early))


def _group_pieces(pieces: list[_Piece], doc: Document, source: str) -> list[IncidentReport]:
    by_place: dict[tuple, list[_Piece]] = defaultdict(list)
    for p in pieces:
        pl = p.mention.place
        key = ("gn", pl.geonameid) if pl.geonameid is not None else (pl.kind, pl.admin1, pl.name)
        by_place[key].append(p)
    reports = []
    for _key, ps in by_place.items():
        ps.sort(key=lambda p: p.sent.start)
        # date clusters of this place: spans at most a day apart
        # a month or a year recalled ("last month") is a cluster of its own, never one
        # with the days next to it
        dated = sorted({(prec >= 4, ds, de, prec) for p in ps for ds, de, prec, _ in p.dates})
        clusters: list[list] = []
        for coarse, ds, de, prec in dated:
            if clusters and clusters[-1][3] == coarse and ds <= clusters[-1][1] + timedelta(days=1):
                clusters[-1][1] = max(clusters[-1][1], de)
                clusters[-1][2] = max(clusters[-1][2], prec)
            else:
                clusters.append([ds, de, prec, coarse])
        groups: dict[int, list[_Piece]] = defaultdict(list)
        # undated sentences continue the last day-dated story (a recalled month does not
        # take them along); clusters of one class are sorted and disjoint: bisect
        idx = {c: [k for k, cl in enumerate(clusters) if cl[3] == c] for c in (False, True)}
        firsts = {c: [clusters[k][0] for k in ks] for c, ks in idx.items()}
        current = idx[False][0] if idx[False] else -1
        for p in ps:
            k = current
            if p.dates:
                ds0, _, prec0, _ = p.dates[0]
                c = prec0 >= 4
                k = idx[c][bisect_right(firsts[c], ds0) - 1]
                current = current if c else k
            groups[k].append(p)
        for k, members in sorted(groups.items()):
            span = clusters[k][:3] if k >= 0 else (None, None, None)
            reports.append(_make_report(members, span, doc, source))
    return reports


def _piece_claims(p: _Piece, doc: Document, source: str) -> list[dict]:
    """The figure claims of one piece, with how each relates to the place."""
    return [
        _claim(f, p.sent, doc, source)
        | {"inherited": p.inherited}
        | ({"update": True} if getattr(f, "update", False) else {})
        | ({"wide": True} if id(f) in p.wide else {})
        | ({"combatant": True} if id(f) in p.combatant else {})
        | ({"of_wounded": True} if getattr(f, "of_wounded", False) else {})
        for f in p.figures
    ]


def _less_the_dead_wounded(claims: list[dict]) -> list[dict]:
    """Injured figures of earlier sentences without the wounded a later one says died
    ("wounding eight ... One of them later died": 7 injured, 1 killed); a sentence's own
    "two of whom died" is taken out where it is read."""
    out = list(claims)
    for c in claims:
        if not c.get("of_wounded") or not c["value"]:
            continue
        for i, o in enumerate(out):
            v = o["value"]
            if o["field"] == "injured" and o["sentence_start"] < c["sentence_start"] and v:
                lo, hi = o.get("low"), o.get("high")
                out[i] = o | {
                    "value": max(v - c["value"], 0),
                    "low": None if lo is None else max(lo - c["value"], 0),
                    "high": None if hi is None else max(hi - c["value"], 0),
                }
    return out


def _make_report(members: list[_Piece], span, doc: Document, source: str) -> IncidentReport:
    place = members[0].mention.place
    claims, evidence, weapons, targets = [], [], [], []
    seen_sent: set[int] = set()
    for p in members:
        sent = p.sent
        claims.extend(_piece_claims(p, doc, source))
        weapons.extend(w.value for w in p.weapons)
        targets.extend(t.value for t in p.targets)
        evidence.extend(
            _evidence("weapon", w.value, w.text, w.start, w.end, sent, doc, source)
            for w in p.weapons
        )
        evidence.extend(
            _evidence("target", t.value, t.text, t.start, t.end, sent, doc, source)
            for t in p.targets
        )
        m = p.mention
        evidence.append(
            _evidence("place", place.name, m.text, m.start, m.end, sent, doc, source)
            | {"inherited": p.inherited}
        )
        if sent.start not in seen_sent:
            seen_sent.add(sent.start)
            evidence.extend(
                _evidence(
                    "date",
                    f"{ds}/{de}" if de != ds else str(ds),
                    d.text,
                    d.start,
                    d.end,
                    sent,
                    doc,
                    source,
                )
                for ds, de, _, d in p.dates
            )
    conf = max(float(p.mention.confidence) for p in members)
    ds, de, prec = span
    return IncidentReport(
        doc_id=doc.doc_id,
        source=source,
        place=place,
        place_confidence=conf,
        date_start=ds,
        date_end=de,
        date_precision=prec,
        event_type=EVENT_TYPE,
        weapons=tuple(weapons),
        targets=tuple(targets),
        claims=tuple(_less_the_dead_wounded(claims)),
        evidence=tuple(evidence),
        first_offset=members[0].sent.start,
    )


_ON_ERROR = ("raise", "warn", "record")


def extract_with_status(
    texts_or_paths,
    *,
    gazetteer=None,
    source: str | None = None,
    url: str | None = None,
    published: date | str | None = None,
    lang: str | None = None,
    window_days: int = 1,
    min_shared_figure: int = 5,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: Literal["raise", "warn", "record"] = "warn",
    progress: bool | Callable[[Iterable], Iterable] = False,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    jobs: int | None = 1,
):
    """Like :func:`extract`, also returning one :class:`InputStatus` per input.

    Returns
    -------
    tuple of (geopandas.GeoDataFrame, list of InputStatus)
    """
    plan = plan_batch(
        texts_or_paths,
        **{k: v for k, v in locals().items() if k not in ("texts_or_paths", "min_shared_figure")},
    )
    statuses, reports = _run_documents(plan)
    window_days = plan.window_days
    groups = merge_reports(reports, window_days=window_days, min_shared_figure=min_shared_figure)
    frame, out = _frame_and_statuses(groups, statuses)
    _warn_unreadable(out, on_error)
    return frame, out


def _with_progress(items: Iterable, progress: bool | Callable[[Iterable], Iterable]) -> Iterable:
    """``items`` wrapped in a progress display (a callable, or tqdm when ``True``)."""
    if not progress:
        return items
    if callable(progress):
        return progress(items)
    from tqdm.auto import tqdm

    return tqdm(items, desc="articles", unit="doc")


@dataclass(frozen=True)
class BatchPlan:
    """A batch ready to run: its inputs (read lazily) and validated options."""

    items: Iterable
    per_doc: Callable
    gazetteer: object
    window_days: int
    on_error: str
    jobs: int | None

    def outcomes(self, share: bool = True) -> Iterable[tuple]:
        """Every input's ``(label, doc_id, status, reason, reports)``, in input order."""
        return document_outcomes(
            self.per_doc,
            self.items,
            gazetteer=self.gazetteer,
            on_error=self.on_error,
            jobs=self.jobs,
            share=share,
        )


def plan_batch(
    texts_or_paths,
    *,
    gazetteer=None,
    source: str | None = None,
    url: str | None = None,
    published: date | str | None = None,
    lang: str | None = None,
    window_days: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: str = "warn",
    progress: bool | Callable[[Iterable], Iterable] = False,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    jobs: int | None = 1,
) -> BatchPlan:
    """Validate a batch's options (before any work) and line up its inputs.

    Parameters are those of :func:`extract`. Raises ConfigurationError for a bad option.
    """
    if on_error not in _ON_ERROR:
        raise ConfigurationError(
            f"on_error must be one of {', '.join(map(repr, _ON_ERROR))}, got {on_error!r}"
        )
    published, window_days, max_bytes, time_budget = check_options(
        published=published, window_days=window_days, max_bytes=max_bytes, time_budget=time_budget
    )
    if gazetteer is None:
        from geoinc.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    meta = {"source": source, "url": url, "published": published, "lang": lang}
    meta = {k: v for k, v in meta.items() if v is not None}
    from geoinc.parallel import iter_inputs

    # with jobs > 1 the files are read by the workers (iter_documents otherwise)
    items = _with_progress(
        iter_inputs(texts_or_paths, jobs=jobs, max_bytes=max_bytes, **meta), progress
    )
    per_doc = partial(run_isolated, extract_reports, time_budget=time_budget)
    return BatchPlan(items, per_doc, gazetteer, window_days, on_error, jobs)


def _run_documents(plan: BatchPlan):
    """Reports of every input, and ``[label, doc_id, status, reason, n_reports]`` rows."""
    statuses: list[list] = []
    reports: list[IncidentReport] = []
    for label, doc_id, status, reason, found in plan.outcomes():
        statuses.append([label, doc_id, status, reason, len(found)])
        reports.extend(found)
    return statuses, reports


def _frame_and_statuses(groups: list, statuses: list[list]):
    """The incident frame of merged ``groups`` and each input's :class:`InputStatus`."""
    from geoinc.incidents.schema import build_frame

    records = [incident_record(g) for g in groups]
    frame = build_frame(records)
    if len(frame):
        frame = frame.sort_values(
            ["date_start", "place_name", "incident_id"], na_position="last", kind="mergesort"
        ).reset_index(drop=True)
    ids_by_doc: dict[str, set] = defaultdict(set)
    for g, rec in zip(groups, records, strict=True):
        for r in g:
            ids_by_doc[r.doc_id].add(rec["incident_id"])
    out = [
        InputStatus(label, doc_id, st, reason, n, tuple(sorted(ids_by_doc.get(doc_id, ()))))
        for label, doc_id, st, reason, n in statuses
    ]
    frame.attrs["geoinc_inputs"] = [s.as_dict() for s in out]
    return frame, out


def _warn_unreadable(out: list[InputStatus], on_error: str) -> None:
    errors = [s for s in out if s.status == "error"]
    if errors and on_error == "warn":
        warnings.warn(
            f"{len(errors)} of {len(out)} inputs could not be read: "
            + "; ".join(s.reason for s in errors[:3])
            + (" …" if len(errors) > 3 else ""),
            UserWarning,
            stacklevel=3,  # the caller of extract_with_status
        )


def extract(
    texts_or_paths,
    *,
    gazetteer=None,
    source: str | None = None,
    url: str | None = None,
    published: date | str | None = None,
    lang: str | None = None,
    window_days: int = 1,
    min_shared_figure: int = 5,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: Literal["raise", "warn", "record"] = "warn",
    progress: bool = False,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    jobs: int | None = 1,
):
    """Turn news reports into an incident GeoDataFrame.

    Parameters
    ----------
    texts_or_paths : str, path, dict, Document or iterable of them
        Article texts (plain or HTML), files, folders (read recursively) or ``"-"`` for
        stdin; a ``str`` is a path when such a file or folder exists. A dict is one article
        with its metadata: ``{"text": ..., "source": "AFP", "published": "2023-12-31"}``.
    gazetteer : geoinc.gazetteer.Gazetteer, optional
    source, url, published : optional
        Metadata applied to every input (otherwise detected per document).
    lang : {"en", "uk", "ru"}, optional
        Language of every input; detected per document by default, so a batch may mix
        languages (:func:`geoinc.language.detect`; uk/ru need ``geoinc[slavic]``).
    window_days : int, default 1
        Largest gap between reports of one incident.
    min_shared_figure : int, default 5
        Strong-evidence threshold for merging undated reports (:mod:`geoinc.incidents.merge`).
    max_bytes : int
        Larger inputs are refused (their status says so).
    on_error : {"warn", "record", "raise"}, default "warn"
        Unreadable inputs: warn once and record, only record, or raise ``InputError``.
    progress : bool, default False
        Show a tqdm progress bar.
    time_budget : float or None, default 60
        Seconds one document may take (``None``: no limit); a document over budget, like
        one that raises, gets an ``error`` status (``DocumentTimeout``) and the run goes on.
    jobs : int, default 1
        Worker processes for the per-document stage (``None``, 0 or -1: every core); the
        result is identical for any value (:mod:`geoinc.parallel`).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per incident (``docs/schema.md``); input statuses in ``.attrs["geoinc_inputs"]``.

    Examples
    --------
    >>> gdf = extract(["December 31, 2023\\n\\nAt least 22 people were killed on Saturday "
    ...                "in Belgorod, officials said."])
    >>> gdf[["place_name", "killed_low"]].values.tolist(), str(gdf.date_start[0].date())
    ([['Belgorod', 22]], '2023-12-30')
    """
    return extract_with_status(**locals())[0]  # locals(): exactly the parameters, here
