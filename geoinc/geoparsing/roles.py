"""What a place mention does in its sentence: scene, actor, origin, organisation.

Rules read the words right around a span; they are cheap and explainable, and each
one names the pattern it stands for.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geoinc import lang as _lang
from geoinc.exceptions import ConfigurationError
from geoinc.geoparsing.lexicon import (
    ACTOR_NOUNS,
    ACTOR_VERBS,
    ORG_AFTER,
    ORG_BEFORE,
    ORIGIN_SUFFIXES,
)
from geoinc.geoparsing.recognise import Span, Token

__all__ = ["assign_role", "datelines", "vocabulary"]


@lru_cache(maxsize=64)  # asked once per name found: normalising the list each time cost most
def vocabulary(lang: str, name: str) -> frozenset[str]:
    """The word list ``geoparse_<name>`` of a language (normalised keys), empty when the
    language has none.

    Examples
    --------
    >>> "iskander" in vocabulary("en", "weapons")
    True
    """
    from geoinc.names import normalize

    try:
        return frozenset(normalize(w) for w in _lang.words(lang, f"geoparse_{name}"))
    except ConfigurationError:
        return frozenset()


@lru_cache(maxsize=64)
def _raw_words(lang: str, name: str) -> frozenset[str]:
    """A ``geoparse_<name>`` list matched as written (case kept)."""
    try:
        return frozenset(_lang.words(lang, f"geoparse_{name}"))
    except ConfigurationError:
        return frozenset()


def _special_role(span: Span, tokens, nxt, lang: str) -> str | None:
    """An organisation's name, or a day or a clock named after the place ("Kyiv Day",
    "Moscow time")."""
    if _in_organisation(span, tokens, lang):
        return "organisation"
    if nxt is not None and nxt.sep == " " and nxt.raw in _raw_words(lang, "name_before_other"):
        return "other"
    return None


def assign_role(span: Span, tokens: list[Token], kind: str | None, lang: str = "en") -> str:
    """Return the role of one recognised span.

    Parameters
    ----------
    span : Span
    tokens : list of Token
        The document's tokens.
    kind : str or None
        Kind of the resolved place (``"country"``, ``"admin1"``, ``"place"``…).
    lang : str, default "en"
        Language of the word lists (``geoinc/lang/<lang>/geoparse_*.txt``).
    """
    if span.source == "institution":
        return "actor"
    nxt = tokens.tok(span.j) if span.j < tokens.n else None
    prev = tokens.tok(span.i - 1) if span.i > 0 else None
    role = _name_role(span, tokens, nxt, prev, kind, lang)
    if role is None and kind in ("country", "place", "admin1", None):
        role = _agent_role(span, tokens, nxt, prev, kind, lang)
    return role or "location"


def _name_role(span: Span, tokens, nxt, prev, kind: str | None, lang: str) -> str | None:
    """The role the words right around the name give it: an organisation's name, a
    government metonym, an origin ("Iranian-made"), a demonym or continent ("other")."""
    if special := _special_role(span, tokens, nxt, lang):
        return special
    if kind in ("country", None) or span.key in vocabulary(lang, "capitals"):
        if _government_metonym(span, tokens, lang):
            return "actor"
    # "Iranian-made", "Czech-built", "US-supplied".
    if nxt is not None and nxt.sep in ("-", "‐", "‑") and nxt.key in ORIGIN_SUFFIXES:
        return "origin"
    if _organisation_after(span, tokens, nxt) or _organisation_before(span, tokens, prev):
        return "organisation"
    if span.source == "demonym" or (span.source == "continent" and span.key not in ("eu",)):
        return "other"
    return None


def _organisation_after(span: Span, tokens, nxt) -> bool:
    """ "Kyiv Independent", "Kharkiv Palace hotel", "Moscow Times"."""
    return (
        nxt is not None
        and nxt.cap
        and nxt.sep == " "
        and nxt.key in ORG_AFTER
        and not tokens.tok(span.j - 1).possessive
    )


def _organisation_before(span: Span, tokens, prev) -> bool:
    """ "University of Kharkiv", "Bank of England"."""
    return (
        prev is not None
        and prev.key == "of"
        and span.i >= 2
        and tokens.tok(span.i - 2).cap
        and tokens.tok(span.i - 2).key in ORG_BEFORE
    )


def _agent_role(span: Span, tokens, nxt, prev, kind: str | None, lang: str) -> str | None:
    """Whether a country, region or town acts: "Russia's attacks", "... by Moscow",
    "accused Kyiv of", "Moscow said"; or is acted on ("Kharkiv was hit")."""
    last = tokens.tok(span.j - 1)
    # "Russia's attacks", "Kyiv's forces".
    if last.possessive and nxt is not None and nxt.key in ACTOR_NOUNS:
        return "actor"
    # "... by Moscow", "accused Kyiv of".
    agent_verbs = _raw_words(lang, "agent_verbs")
    if prev is not None and (prev.key == "by" or prev.key in agent_verbs) and kind != "admin1":
        if (
            prev.key == "by"
            and span.i >= 2
            and tokens.tok(span.i - 2).key in _raw_words(lang, "hit_verbs")
        ):
            return "location"
        return "actor"
    # Subject + reporting/attacking verb: "Moscow said", "Kyiv was targeting".
    if (
        not last.possessive
        and (prev is None or prev.key not in _raw_words(lang, "prepositions"))
        and (prev is None or prev.key not in _raw_words(lang, "determiners") or kind == "country")
        and span.qualifier != "region"
    ):
        return _subject_role(span, tokens, lang)
    return None


def _subject_role(span: Span, tokens, lang: str) -> str | None:
    """The name as a subject: "location" before a passive ("Kharkiv was hit", "Kyiv was
    attacked"), "actor" before a reporting or attacking verb, up to three auxiliaries
    apart ("Moscow has repeatedly said")."""
    aux = _raw_words(lang, "auxiliaries")
    k = span.j
    steps = 0
    while k < tokens.n and _auxiliary(tokens.tok(k), aux) and steps < 3:
        if "," in tokens.tok(k).sep or "." in tokens.tok(k).sep:
            break
        k += 1
        steps += 1
    if k >= tokens.n:
        return None
    verb = tokens.tok(k)
    be = _raw_words(lang, "be_forms")
    passive = any(t.key in be for t in tokens[span.j : k])
    if passive and not verb.key.endswith("ing"):
        return "location"
    if (
        verb.key in ACTOR_VERBS
        and not verb.cap
        and all(c not in verb.sep for c in ".,;:")
        and (steps or all(c not in tokens.tok(span.j).sep for c in ".,;:"))
    ):
        return "actor"
    return None


def _auxiliary(tok, aux: frozenset[str]) -> bool:
    """An auxiliary or an adverb between a subject and its verb ("has", "reportedly";
    any lower-case "-ly" word: "Moscow recently illegally claimed")."""
    return tok.key in aux or (not tok.cap and len(tok.key) > 4 and tok.key.endswith("ly"))


_CAPS_RUN = 3  # capitalised words between a name and its organisation's head word


def _in_organisation(span: Span, tokens, lang: str) -> bool:
    """A name inside an organisation's name: "Kharkiv Regional Military Administration",
    "the Armed Forces of Ukraine", "Russia's Defence Ministry", "the Taganrog
    administration"."""
    heads = vocabulary(lang, "org_heads")
    if not heads:
        return False
    k, steps = span.j, 0
    first = True
    # "U.K. Defense Ministry": the abbreviation's dot is the name's, not a sentence end
    dotted = span.end > tokens.tok(span.j - 1).end
    while (
        k < tokens.n
        and steps <= _CAPS_RUN
        and (
            tokens.tok(k).sep in (" ", "-")
            or (dotted and k == span.j and tokens.tok(k).sep == ". ")
        )
    ):
        t = tokens.tok(k)
        if first and not t.cap and t.key in vocabulary(lang, "org_lower"):
            return True  # "the Taganrog administration", "Odesa regional prosecutor's"
        if first and t.key in _raw_words(lang, "org_area_words") and not t.cap:
            first = False
            k += 1
            # "Odesa regional prosecutor's office"
            if k < tokens.n and tokens.tok(k).key in heads and tokens.tok(k).sep == " ":
                return True
            continue
        if not t.cap:
            break
        if t.key in heads:
            return True
        if t.possessive:
            break
        first = False
        k += 1
        steps += 1
    if tokens.tok(span.j - 1).possessive:
        return False
    # "... Ministry of Defense of the Russian Federation", "Armed Forces of Ukraine".
    k = span.i - 1
    if k >= 0 and tokens.tok(k).key == "the":
        k -= 1
    if k < 1 or tokens.tok(k).key != "of" or "." in tokens.tok(k + 1).sep:
        return False
    for back in range(k - 1, max(-1, k - 7), -1):
        t = tokens.tok(back)
        if t.cap and t.key in heads:
            return True
        if not (t.cap or t.key in ("of", "and", "the", "for")) or any(c in t.sep for c in ".;:"):
            return False
    return False


def _government_metonym(span: Span, tokens, lang: str) -> bool:
    """A capital or a country standing for its government: "Moscow stepped up its
    strikes", "Kyiv was behind", "pressure on Moscow", "outrage in Moscow", "Kyiv's
    partners", "Moscow-installed"."""
    last = tokens.tok(span.j - 1)
    nxt = tokens.tok(span.j) if span.j < tokens.n else None
    prev = tokens.tok(span.i - 1) if span.i > 0 else None
    if (
        nxt is not None
        and nxt.sep in ("-", "‐", "‑")
        and nxt.key in vocabulary(lang, "actor_suffixes")
    ):
        return True
    if last.possessive:
        # "Kyiv's partners", "Kyiv's Western partners"
        nouns = vocabulary(lang, "actor_nouns")
        for k in range(span.j, min(tokens.n, span.j + 2)):
            t = tokens.tok(k)
            if any(c in t.sep for c in ".,;:") and k > span.j:
                return False
            if t.key in nouns:
                return True
        return False
    if (
        prev is not None
        and prev.key in ("on", "with")
        and span.i >= 2
        and tokens.tok(span.i - 2).key in vocabulary(lang, "actor_before")
    ):
        return True
    if (
        prev is not None
        and prev.key == "in"
        and span.i >= 2
        and tokens.tok(span.i - 2).key in vocabulary(lang, "reaction_nouns")
    ):
        return True  # "sparking outrage in Moscow"
    if prev is not None and (
        prev.key in _raw_words(lang, "prepositions") or prev.key in _raw_words(lang, "determiners")
    ):
        return False
    verbs = vocabulary(lang, "actor_verbs")
    k = span.j
    while k < tokens.n and k - span.j < 3:
        t = tokens.tok(k)
        if any(c in t.sep for c in ".,;:") or t.cap:
            return False
        if t.key in verbs:
            return True
        if t.key not in _raw_words(lang, "auxiliaries"):
            return False
        k += 1
    return False


_DATELINE_TAIL = re.compile(
    r"""(?:,\s*[A-Z][\w.'’ -]{0,30}?)?          # ", Ukraine"
    (?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?))?
    \.?\s*(?:\([^()\n]{1,60}\))?                  # "(Reuters)", "(AP)"
    \s*(?:/[A-Za-z -]{2,20}/\.?)?                    # "/TASS/."
    (?:\s+[—–-]|\s*[—–](?!\w)|(?<=/\.)|(?<=/))     # " —", " -", after an agency tag
    """,
    re.VERBOSE,
)


_CAPS_DATELINE_TAIL = re.compile(r"\s*\([^()\n]{2,60}\)(?=\s+[A-Z])")


def datelines(spans: list[Span], tokens, text: str) -> set[int]:
    """Indices of the spans that make a dateline: the place name that opens a report
    ("KYIV, Ukraine —", "KHARKIV (Reuters) -", "MOSCOW, August 26. /TASS/.") and the
    country or region name that follows it there.

    A dateline starts a line or a sentence (or is written in capitals) and runs, through
    an optional region or country, date and agency, to a dash or an agency tag.
    """
    out: set[int] = set()
    for k, span in enumerate(spans):
        if span.source not in ("gazetteer", "abbreviation"):
            continue
        raw = text[span.start : span.end]
        first = tokens.tok(span.i)
        capitals = raw.isupper() and len(raw) > 2
        if not (capitals or first.sentence_start):
            continue
        if not capitals and "\n" not in first.sep and span.i != 0:
            continue  # mid-paragraph sentence starts are no datelines
        m = _DATELINE_TAIL.match(text, span.end, span.end + 120)
        if m is None and capitals:
            # "DONETSK (UrduPoint News / Sputnik - 07th January, 2023) Shelling ...": in
            # capitals, an agency's parenthesis ends the dateline without a dash
            m = _CAPS_DATELINE_TAIL.match(text, span.end, span.end + 120)
        if m is None:
            continue
        out.add(k)
        for n in range(k + 1, len(spans)):
            if spans[n].start < m.end():
                out.add(n)  # "KYIV, Ukraine —": the country is part of the dateline
    return out
