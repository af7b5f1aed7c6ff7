"""Geoparsing: find the place names of a text, resolve them in context, give each a role.

>>> from geoinc.geoparsing import geoparse
>>> for m in geoparse("Moscow said its drones hit the city of Kharkiv."):
...     print(m.text, m.place.geonameid, m.role)
Moscow 524901 actor
Kharkiv 706483 location

The work is a pure function of the text and the gazetteer: the per-gazetteer index
(the set of name keys and a cache of candidate records) is built once, lazily, on the
first call, and shared by later calls.
"""

from __future__ import annotations

import threading

from geoinc.exceptions import InputError
from geoinc.geoparsing.mention import ROLES, Mention
from geoinc.geoparsing.precision import (
    STRONG_SUPPORT,
    DocumentEvidence,
    document_countries,
    people,
    plausible,
)
from geoinc.geoparsing.recognise import find_spans, spans_from_offsets, tokenize
from geoinc.geoparsing.resolve import Resolution, Resolver
from geoinc.geoparsing.roles import assign_role, datelines, vocabulary

__all__ = ["geoparse", "resolve_spans", "Mention", "ROLES", "resolver_for"]

_LOCK = threading.Lock()
_RESOLVERS: dict[int, tuple[object, Resolver]] = {}


def resolver_for(gazetteer=None) -> Resolver:
    """The cached :class:`~geoinc.geoparsing.resolve.Resolver` of a gazetteer.

    Parameters
    ----------
    gazetteer : geoinc.gazetteer.Gazetteer, optional
        Defaults to :meth:`Gazetteer.default() <geoinc.gazetteer.Gazetteer.default>`.
    """
    if gazetteer is None:
        from geoinc.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    got = _RESOLVERS.get(id(gazetteer))
    if got is not None and got[0] is gazetteer:
        return got[1]
    with _LOCK:
        got = _RESOLVERS.get(id(gazetteer))
        if got is None or got[0] is not gazetteer:
            got = (gazetteer, Resolver(gazetteer))
            _RESOLVERS[id(gazetteer)] = got
    return got[1]


def geoparse(text: str, *, gazetteer=None, lang: str = "en") -> list[Mention]:
    """Find and resolve the place names of a text.

    Parameters
    ----------
    text : str
        Plain text (strip HTML first).
    gazetteer : geoinc.gazetteer.Gazetteer, optional
        Defaults to the bundled one.
    lang : str, default "en"
        Language of the text (a code of :mod:`geoinc.lang` or a folder of language data).

    Returns
    -------
    list of Mention
        In text order. Names that look like places but cannot be placed (an unknown
        village with no stated region) are kept with ``place=None``.

    Raises
    ------
    InputError
        When ``text`` is not a string.

    Examples
    --------
    >>> ms = geoparse("Iranian-made drones hit Kharkiv, the Kyiv Independent reported.")
    >>> [(m.text, m.role) for m in ms]
    [('Iranian', 'origin'), ('Kharkiv', 'location'), ('Kyiv', 'organisation')]
    >>> geoparse("")
    []
    """
    if not isinstance(text, str):
        raise InputError(f"geoparse needs a str, got {type(text).__name__}")
    if lang in ("uk", "ru"):  # inflected Cyrillic names: geoinc.geoparsing.slavic
        from geoinc.geoparsing.slavic import geoparse as _slavic

        return _slavic(text, gazetteer=gazetteer, lang=lang)
    resolver = resolver_for(gazetteer)
    tokens = tokenize(text)
    spans = find_spans(tokens, resolver.keys, text, resolver.first_words, resolver.zipf)
    results = resolver.resolve(spans, tokens, lang)
    kept = _precise(results, resolver, tokens, lang)
    return _mentions(kept, tokens, text, lang)


def _precise(results: list[Resolution], resolver: Resolver, tokens, lang: str) -> list:
    """The resolutions no precision rule rejects and that name no weapon."""
    doc = DocumentEvidence(
        document_countries(results), people(results, resolver), resolver.zipf, results, tokens
    )
    return [res for res in results if plausible(res, doc) and not _weapon(res, tokens, lang)]


def _mentions(kept: list[Resolution], tokens, text: str, lang: str) -> list[Mention]:
    """One :class:`Mention` per kept resolution, with its role (a dateline's names first)."""
    dated = datelines([res.span for res in kept], tokens, text)
    mentions = []
    for n, res in enumerate(kept):
        span = res.span
        kind = None if res.place is None else res.place.kind
        role = "dateline" if n in dated else assign_role(span, tokens, kind, lang)
        end = _region_name_end(res, tokens, lang)
        mentions.append(
            Mention(
                span.start,
                end,
                text[span.start : end],
                res.place,
                role,
                res.confidence,
                res.candidates,
            )
        )
    return mentions


def _region_name_end(res: Resolution, tokens, lang: str) -> int:
    """Where a mention ends: a region of a country whose oblasts English names with a
    translated region word takes the word in ("the Kharkiv region", "Krasnodar
    Territory"); the rules before this read the bare name's span."""
    span, place = res.span, res.place
    j = span.j
    if place is None or place.kind != "admin1" or j >= tokens.n or tokens.seps[j] != " ":
        return span.end
    if tokens.key(j) not in vocabulary(lang, "region_name_words"):
        return span.end
    if place.country.lower() not in vocabulary(lang, "region_name_countries"):
        return span.end
    return tokens.tok(j).end


def _weapon(res: Resolution, tokens, lang: str) -> bool:
    """A weapon's name that is also a place's ("an Iskander missile", "Kalibrs"): no
    place unless the text makes it one ("the village of Tor", "Osa, Perm Krai")."""
    span = res.span
    if span.source != "gazetteer" or span.key not in vocabulary(lang, "weapons"):
        return False
    if span.qualifier in ("settlement", "region") or res.support >= STRONG_SUPPORT:
        nxt = tokens.tok(span.j) if span.j < tokens.n else None
        return nxt is not None and nxt.key in vocabulary(lang, "weapon_heads")
    return True


def resolve_spans(text: str, spans, *, gazetteer=None) -> list[Mention | None]:
    """Resolve given character spans (for example gold annotations) in context.

    Recognition is skipped: every span is taken as a place name, looked up (exact key,
    then demonym and abbreviation tables, then the gazetteer's qualifier-aware and
    fuzzy lookup) and resolved with the same context rules as :func:`geoparse`.

    Parameters
    ----------
    text : str
    spans : iterable of (int, int)
        ``(start, end)`` character offsets.
    gazetteer : geoinc.gazetteer.Gazetteer, optional

    Returns
    -------
    list of Mention or None
        One entry per span, in the order given; ``None`` when nothing in the
        gazetteer matches the span's words.

    Examples
    --------
    >>> text = "Shells fell on Borova and on Kharkiv."
    >>> [m.place.geonameid for m in resolve_spans(text, [(15, 21), (29, 36)])]
    [711623, 706483]
    """
    if not isinstance(text, str):
        raise InputError(f"resolve_spans needs a str, got {type(text).__name__}")
    resolver = resolver_for(gazetteer)
    tokens = tokenize(text)
    pairs = [(int(a), int(b)) for a, b in spans]
    built = spans_from_offsets(tokens, pairs, resolver, text)
    order = sorted(range(len(built)), key=lambda k: (built[k].start, built[k].end))
    ordered = [built[k] for k in order]
    results = resolver.resolve(ordered, tokens, "en")
    out: list[Mention | None] = [None] * len(pairs)
    for k, res in zip(order, results, strict=False):
        if res.place is None and res.span.source != "unknown":
            continue
        kind = None if res.place is None else res.place.kind
        role = assign_role(res.span, tokens, kind)
        a, b = pairs[k]
        out[k] = Mention(a, b, text[a:b], res.place, role, res.confidence, res.candidates)
    return out


# ``geoinc.geoparse(text)`` works as well as ``geoinc.geoparsing.geoparse(text)``.
