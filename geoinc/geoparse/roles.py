"""What a place mention does in its sentence: scene, actor, origin, organisation.

Rules read the words right around a span; they are cheap and explainable, and each
one names the pattern it stands for.
"""

from __future__ import annotations

from geoinc.geoparse.lexicon import (
    ACTOR_NOUNS,
    ACTOR_VERBS,
    ORG_AFTER,
    ORG_BEFORE,
    ORIGIN_SUFFIXES,
)
from geoinc.geoparse.recognise import Span, Token

__all__ = ["assign_role"]

# Words that may sit between a subject and its verb: "Moscow has repeatedly said".
_AUX = frozenset(
    {
        "has",
        "have",
        "had",
        "was",
        "is",
        "were",
        "are",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "been",
        "be",
        "also",
        "again",
        "then",
        "reportedly",
        "allegedly",
        "later",
        "previously",
        "repeatedly",
        "itself",
        "now",
        "still",
        "already",
        "quickly",
        "immediately",
        "officially",
        "publicly",
        "once",
        "not",
        "never",
        "did",
        "does",
        "do",
        "long",
        "earlier",
        "too",
        "on",
        "today",
        "yesterday",
    }
)
# "the Belgorod strikes": a place before a noun, not a subject before a verb.
_DETERMINERS = frozenset({"the", "a", "an", "these", "those", "its", "their"})
_BE = frozenset({"was", "were", "is", "are", "been", "be"})
_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "of",
        "over",
        "across",
        "outside",
        "inside",
        "around",
        "towards",
        "toward",
        "through",
        "via",
        "within",
        "beyond",
        "between",
        "on",
        "off",
        "along",
        "throughout",
        "for",
        "under",
        "above",
        "below",
        "past",
        "behind",
    }
)
_AGENT_VERBS = frozenset(
    {
        "accused",
        "accuse",
        "accuses",
        "accusing",
        "blamed",
        "blame",
        "blames",
        "blaming",
        "warned",
        "urged",
        "called",
        "condemned",
        "sanctioned",
        "criticised",
        "criticized",
    }
)


def assign_role(span: Span, tokens: list[Token], kind: str | None) -> str:
    """Return the role of one recognised span.

    Parameters
    ----------
    span : Span
    tokens : list of Token
        The document's tokens.
    kind : str or None
        Kind of the resolved place (``"country"``, ``"admin1"``, ``"place"``…).
    """
    if span.source == "institution":
        return "actor"
    nxt = tokens.tok(span.j) if span.j < tokens.n else None
    prev = tokens.tok(span.i - 1) if span.i > 0 else None
    # "Iranian-made", "Czech-built", "US-supplied".
    if nxt is not None and nxt.sep in ("-", "‐", "‑") and nxt.key in ORIGIN_SUFFIXES:
        return "origin"
    # "Kyiv Independent", "Kharkiv Palace hotel", "Moscow Times".
    if (
        nxt is not None
        and nxt.cap
        and nxt.sep == " "
        and nxt.key in ORG_AFTER
        and not tokens.tok(span.j - 1).possessive
    ):
        return "organisation"
    # "University of Kharkiv", "Bank of England".
    if (
        prev is not None
        and prev.key == "of"
        and span.i >= 2
        and tokens.tok(span.i - 2).cap
        and tokens.tok(span.i - 2).key in ORG_BEFORE
    ):
        return "organisation"
    if span.source == "demonym" or (span.source == "continent" and span.key not in ("eu",)):
        return "other"
    last = tokens.tok(span.j - 1)
    if kind in ("country", "place", "admin1", None):
        # "Russia's attacks", "Kyiv's forces".
        if last.possessive and nxt is not None and nxt.key in ACTOR_NOUNS:
            return "actor"
        # "... by Moscow", "accused Kyiv of".
        if prev is not None and (prev.key == "by" or prev.key in _AGENT_VERBS) and kind != "admin1":
            if (
                prev.key == "by"
                and span.i >= 2
                and tokens.tok(span.i - 2).key
                in ("hit", "struck", "damaged", "destroyed", "affected", "surrounded", "bordered")
            ):
                return "location"
            return "actor"
        # Subject + reporting/attacking verb: "Moscow said", "Kyiv was targeting".
        if (
            not last.possessive
            and (prev is None or prev.key not in _PREPOSITIONS)
            and (prev is None or prev.key not in _DETERMINERS or kind == "country")
            and span.qualifier != "region"
        ):
            k = span.j
            steps = 0
            while k < tokens.n and tokens.tok(k).key in _AUX and steps < 3:
                if "," in tokens.tok(k).sep or "." in tokens.tok(k).sep:
                    break
                k += 1
                steps += 1
            passive = any(t.key in _BE for t in tokens[span.j : k])
            if k < tokens.n and passive and not tokens.tok(k).key.endswith("ing"):
                return "location"  # "Kharkiv was hit", "Kyiv was attacked"
            if (
                k < tokens.n
                and tokens.tok(k).key in ACTOR_VERBS
                and not tokens.tok(k).cap
                and all(c not in tokens.tok(k).sep for c in ".,;:")
                and (steps or all(c not in tokens.tok(span.j).sep for c in ".,;:"))
            ):
                return "actor"
    return "location"
