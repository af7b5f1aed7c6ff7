"""Where a claim sits: its sentence, the places named around it, and which one it is about.

The geoparser's mentions are read, never changed; place names a pattern captured but the
geoparser did not resolve are looked up in the bundled gazetteer here (a thin wrapper, so
claims never reach into the geoparser's internals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from geoinc.claims._vocab import Vocab
from geoinc.text import claim_rules
from geoinc.text import split_sentences as _split

__all__ = [
    "Ctx",
    "gazetteer",
    "split_sentences",
    "country_code",
    "resolve",
    "misspelt",
    "national_capital",
    "NAME",
    "POPULATED",
]

#: A capitalised name of up to three words ("Nova Kakhovka", "Kryvyi Rih").
NAME = (
    r"[A-Z](?:[\w-]|['’](?!s\b)|\.(?=\w))*"
    r"(?:\s+(?!Oblast\b|Region\b|Krai\b)[A-Z](?:[\w-]|['’](?!s\b))*){0,2}"
)
POPULATED = ("place", "settlement")
#: What stands between a place and the region that locates it: ", ", " in the region of ".
_LOCATING = re.compile(
    r"\s*,\s*(?:(?i:an?)\s+)?|\s+(?i:in)\s+(?:(?i:the)\s+)?(?:(?i:region|oblast|province)\s+of\s+)?"
)
#: How many sentences back a pronoun or "the city" may look for its place.
SUBJECT_LOOKBACK = 3


@lru_cache(maxsize=1)
def gazetteer():
    """The bundled gazetteer (loaded once, on first use)."""
    from geoinc.gazetteer import Gazetteer

    return Gazetteer.default()


@lru_cache(maxsize=16)
def national_capital(iso2: str):
    """The capital of a country (``claims_national_capitals.tsv``), or None."""
    from geoinc import lang

    name = lang.table("en", "claims_national_capitals").get(iso2)
    if not name:
        return None
    found = gazetteer().lookup(name, country=iso2, kind=["place"], limit=1, fuzzy=False)
    return found[0] if found else None


def country_code(word: str | None, voc: Vocab) -> str | None:
    """ISO2 for a country name or demonym ("Ukraine", "Ukrainian"), None if unknown."""
    if not word:
        return None
    w = word.strip().lower().removesuffix("'s").removesuffix("’s")
    if w in voc.demonyms:
        return voc.demonyms[w]
    found = gazetteer().lookup(word.strip(), kind="country", fuzzy=False, limit=1)
    return found[0].country if found else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends at . ! ? before white space (not after "U.S.") or a newline.

    The shared splitter (:mod:`geoinc.text`) with the claim rules
    (:func:`geoinc.text.claim_rules`): a sentence keeps the line breaks that end it.
    """
    return [(s, e) for s, e, _ in _split(text, rules=claim_rules())]


def resolve(name: str, *, kinds=(*POPULATED, "admin1")):
    """A gazetteer record for a name as captured ("Donetsk On Monday" tries shorter runs)."""
    name = re.sub(r"\s+(?:city|town|village)$", "", name.strip(), flags=re.I)
    words = name.split()
    for n in range(len(words), 0, -1):
        found = gazetteer().lookup(" ".join(words[:n]), kind=list(kinds), limit=1, fuzzy=False)
        if found:
            return found[0]
    return misspelt(name, kinds)


#: A name no record carries exactly is read as a misspelling ("Zaporizhzya", "Istabul") when
#: it is this long and one record's name is this close; shorter names are too ambiguous.
FUZZY_MIN_LEN, FUZZY_MIN_SCORE = 6, 0.9


def misspelt(name: str, kinds):
    """The record a misspelt name of at least :data:`FUZZY_MIN_LEN` letters stands for, or
    None (the gazetteer's fuzzy match, score ≥ :data:`FUZZY_MIN_SCORE`)."""
    if len(name.replace(" ", "")) < FUZZY_MIN_LEN:
        return None
    found = gazetteer().lookup(name, kind=list(kinds), limit=1, min_score=FUZZY_MIN_SCORE)
    return found[0] if found else None


def _same(a, b) -> bool:
    return a is not None and b is not None and (a.geonameid, a.name) == (b.geonameid, b.name)


@dataclass
class Subject:
    """The place a claim is about, with where its name was found."""

    place: Any = None
    name: str = ""
    span: tuple[int, int] | None = None
    source: str = ""

    def fields(self) -> dict:
        return {
            "place": self.place,
            "subject": self.name,
            "subject_span": self.span,
            "subject_from": self.source,
        }


@dataclass
class Ctx:
    """One sentence of a text being checked, with the text's mentions and sentences."""

    text: str
    mentions: list
    sent_start: int
    sent_end: int
    voc: Vocab
    sentences: list = field(default_factory=list)
    #: spans of claims already found in the sentence; their places are objects, not subjects
    taken: list = field(default_factory=list)

    def sentence(self) -> str:
        return self.text[self.sent_start : self.sent_end]

    def places_in(self, lo: int, hi: int) -> list:
        return [m for m in self.mentions if m.place is not None and lo <= m.start and m.end <= hi]

    def _as_populated(self, m, kinds) -> Subject:
        if m.place.kind in kinds:
            return Subject(m.place, m.text, (m.start, m.end), "sentence")
        # "Kyiv" read as Kyiv Oblast: a distance is about the city of that name
        alt = resolve(m.text, kinds=kinds) if "admin1" not in kinds else None
        return Subject(alt or m.place, m.text, (m.start, m.end), "sentence")

    def subject_before(
        self, pos: int, *, kinds=POPULATED, lookback: bool | str = "pronoun", exclude=None
    ) -> Subject:
        """The place a claim at ``pos`` is about.

        The last place named before ``pos`` in the sentence (after a copula, the
        sentence's first place); with none, a name right before the claim; with none
        and ``lookback`` (``"pronoun"``: only when a pronoun or "the city" stands for the
        subject; True: always), the nearest place of the right kind in the previous
        :data:`SUBJECT_LOOKBACK` sentences (``source = "earlier sentence"``). A place
        that is the claim's own object (``exclude``) is never its subject.
        """
        cands = [
            m
            for m in self.places_in(self.sent_start, pos)
            if m.place.kind in (*kinds, "admin1")
            and not any(a <= m.start and m.end <= b for a, b in self.taken)
            and not _same(m.place, exclude)
            and not (
                exclude is not None
                and m.place.kind == "admin1"
                and _same(resolve(m.text, kinds=kinds), exclude)
            )
        ]
        cands = [c for i, c in enumerate(cands) if not self._locates(cands[:i], c)]
        head = self.text[self.sent_start : pos]
        if cands:
            copula = re.search(
                r"(?<!which )(?<!that )\b(?:is|was|remains|became|lies)\s+(?:also\s+|now\s+)?$",
                head,
            )
            return self._as_populated(cands[0] if copula else cands[-1], kinds)
        named = self._name_before(head)
        if named.name:
            return named
        if lookback is True or (lookback == "pronoun" and self._anaphor(head)):
            return self._earlier(kinds, exclude)
        return Subject()

    def _locates(self, before: list, m) -> bool:
        """Whether region mention ``m`` only says where the place before it lies ("the town
        of Pokrov in the region of Dnipropetrovsk", "Izium, Kharkiv region"): then it is
        part of that place's description, not a subject of its own."""
        prev = before[-1] if before else None
        if prev is None or m.place.kind != "admin1" or prev.place.kind not in POPULATED:
            return False
        link = self.text[prev.end : m.start]
        return bool(_LOCATING.fullmatch(link))

    def _anaphor(self, head: str) -> bool:
        """Whether the claim's subject is a pronoun or a description standing for a place
        named before: the sentence opens with one ("It lies ...", "The city, about ...",
        "The airbase is situated ...") or one comes right before the claim ("... from his
        region, which borders ...")."""
        words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in self.voc.pronouns)
        return bool(
            re.match(rf"\s*(?i:{words})\b", head)
            or re.match(r"\s*(?:The|This|That)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:is|was|lies)\b", head)
            or re.search(rf"\b(?i:{words})\s*,?\s*(?:(?i:which|that)\s+)?$", head)
        )

    def _name_before(self, head: str) -> Subject:
        m = re.search(
            rf"\b({NAME})(?![\w'’])\s*(?:,|–|—|-)?\s*(?:(?:which|that)\s+(?:is|lies)\s+|(?:a|an|the)\s+"
            rf"(?:[a-z]+\s+){{0,3}})?$",
            head,
        )
        if not m or country_code(m.group(1).split()[0], self.voc) is not None:
            return Subject()
        if m.group(1).lower() in {p.lower() for p in self.voc.pronouns} or m.group(1) in (
            "The",
            "It",
        ):
            return Subject()
        s = self.sent_start + m.start(1)
        return Subject(resolve(m.group(1)), m.group(1), (s, s + len(m.group(1))), "sentence")

    def described(self, pos: int, noun: str) -> Subject:
        """The place a definite description at ``pos`` stands for ("*the town* of 3,500
        residents"): only right after "the"; the nearest place introduced with the same noun
        ("the town of Chaplyne", "Chaplyne, a town") in this sentence or the
        :data:`SUBJECT_LOOKBACK` before, else the nearest place before (as a pronoun)."""
        head = self.text[self.sent_start : pos]
        if not re.search(r"(?i:\bthe)\s+$", head):
            return Subject()
        n = re.escape(noun.lower()).replace(r"\ ", r"\s+")
        intro = re.compile(rf"(?i:\b(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?{n}\s+of\s+)$")
        after = re.compile(rf"\s*,\s*(?i:an?\s+(?:[\w-]+\s+){{0,2}}?{n})\b")
        earlier = [(s, e) for s, e in self.sentences if e <= self.sent_start]
        for s, e in reversed([*earlier[-SUBJECT_LOOKBACK:], (self.sent_start, pos)]):
            for m in reversed(self.places_in(s, e)):
                if m.place.kind in POPULATED and (
                    intro.search(self.text, s, m.start) or after.match(self.text, m.end)
                ):
                    src = "sentence" if s == self.sent_start else "earlier sentence"
                    return Subject(m.place, m.text, (m.start, m.end), src)
        return self._earlier(POPULATED)

    def _earlier(self, kinds, exclude=None) -> Subject:
        earlier = [(s, e) for s, e in self.sentences if e <= self.sent_start]
        for s, e in reversed(earlier[-SUBJECT_LOOKBACK:]):
            found = [
                m
                for m in self.places_in(s, e)
                if m.place.kind in kinds and not _same(m.place, exclude)
            ]
            if found:
                m = found[-1]
                return Subject(m.place, m.text, (m.start, m.end), "earlier sentence")
        return Subject()

    def subject_after(
        self, pos: int, *, kinds=POPULATED, country: str | None = None, ahead: int = 1
    ) -> Subject:
        """The first place of the right kind named after ``pos`` in this sentence or the
        ``ahead`` next: "A strike in western Ukraine ... hit Ternopil" (a headline or lead
        names the area first). Places in ``country`` are preferred."""
        later = [(s, e) for s, e in self.sentences if s >= self.sent_end][:ahead]
        hi = later[-1][1] if later else self.sent_end
        found = [m for m in self.places_in(pos, hi) if m.place.kind in kinds]
        if country:
            found = [m for m in found if m.place.country == country] or found
        if not found:
            return Subject()
        m = found[0]
        return Subject(m.place, m.text, (m.start, m.end), "later")

    def place_at(self, start: int, end: int, name: str, *, kinds=POPULATED) -> Subject:
        """The place a name captured by a pattern refers to: a mention there, else a lookup."""
        fallback = None
        for m in self.places_in(self.sent_start, self.sent_end):
            if m.start < end and start < m.end:
                here = Subject(m.place, m.text, (m.start, m.end), "claim")
                if m.place.kind in kinds or m.place.kind == "country":
                    return here  # a country is never its populated namesake
                fallback = fallback or here
        if name.split()[0].lower() in self.voc.not_names:
            return Subject(None, name, (start, end), "claim")
        found = resolve(name, kinds=kinds)
        if found is not None:
            return Subject(found, name, (start, end), "claim")
        return fallback or Subject(None, name, (start, end), "claim")
