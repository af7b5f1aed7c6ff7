"""Geoparsing: find the place names of a text, resolve them in context, give each a role.

>>> from geoinc.geoparse import geoparse
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

from geoinc._callable import make_callable
from geoinc.exceptions import InputError
from geoinc.geoparse.lexicon import DIRECTIONS, DISEASE_AFTER
from geoinc.geoparse.mention import ROLES, Mention
from geoinc.geoparse.recognise import find_spans, spans_from_offsets, tokenize
from geoinc.geoparse.resolve import (
    BIG_PLACE,
    Resolution,
    Resolver,
    small_place,
    word_outweighs,
)
from geoinc.geoparse.roles import assign_role, datelines, vocabulary

__all__ = ["geoparse", "resolve_spans", "Mention", "ROLES", "resolver_for"]

_LOCK = threading.Lock()
_RESOLVERS: dict[int, tuple[object, Resolver]] = {}


def resolver_for(gazetteer=None) -> Resolver:
    """The cached :class:`~geoinc.geoparse.resolve.Resolver` of a gazetteer.

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
    if lang in ("uk", "ru"):  # inflected Cyrillic names: geoinc.geoparse.slavic
        from geoinc.geoparse.slavic import geoparse as _slavic

        return _slavic(text, gazetteer=gazetteer, lang=lang)
    resolver = resolver_for(gazetteer)
    tokens = tokenize(text)
    spans = find_spans(tokens, resolver.keys, text, resolver.first_words, resolver.zipf)
    results = resolver.resolve(spans, tokens)
    doc_countries = {r.place.country for r in results if r.place is not None and r.confidence > 0.6}
    people = _people(results, resolver)
    keep = [
        _plausible(res, doc_countries, people, resolver.zipf, results, tokens)
        and not _weapon(res, tokens, lang)
        for res in results
    ]
    kept = [res for res, ok in zip(results, keep, strict=True) if ok]
    dated = datelines([res.span for res in kept], tokens, text)
    mentions = []
    for n, res in enumerate(kept):
        span = res.span
        kind = None if res.place is None else res.place.kind
        role = "dateline" if n in dated else assign_role(span, tokens, kind, lang)
        mentions.append(
            Mention(
                span.start,
                span.end,
                text[span.start : span.end],
                res.place,
                role,
                res.confidence,
                res.candidates,
            )
        )
    return mentions


_BIG_NAMESAKE = 200_000
_SAYS = frozenset(
    {
        "said",
        "says",
        "told",
        "added",
        "explained",
        "noted",
        "wrote",
        "recalled",
        "testified",
        "asked",
        "replied",
        "declined",
        "agreed",
        "admitted",
    }
)


def _people(results: list[Resolution], resolver: Resolver) -> set[str]:
    """Name keys the document uses for people ("Mr Jones", "Henry Jones" -> "jones")."""
    out = set()
    for res in results:
        span = res.span
        if span.j - span.i != 1 or span.source != "gazetteer":
            continue
        if span.extra.get("person"):
            out.add(span.key)
        elif span.extra.get("surname"):
            # A capitalised word before a name is weak evidence of a person: it does not
            # turn a big city's name into a surname ("Metropolitan Atlanta", "Historic
            # Dublin"), but does a small town's ("Chris Gard", then "Gard said").
            if not any(p.population >= _BIG_NAMESAKE for p, _ in resolver.candidates(span.key)):
                out.add(span.key)
        elif "name_pair_second" in span.extra:
            first = results[span.extra["name_pair_second"]]
            if small_place(first.place) and small_place(res.place):
                out.add(span.key)
    return out


def _plausible(
    res: Resolution,
    doc_countries: set[str],
    people: set[str],
    zipf: dict,
    results: list[Resolution],
    tokens,
) -> bool:
    """Precision rules: drop matches that are more likely something else."""
    span, place = res.span, res.place
    if span.source == "unknown":
        return True
    if place is None:
        return False
    nxt = tokens.tok(span.j) if span.j < tokens.n else None
    if nxt is not None and nxt.key in DISEASE_AFTER and nxt.sep == " ":
        return False  # "West Nile virus", "Ebola fever": a disease, not a place
    if nxt is not None and nxt.sep.startswith("/") and tokens.tok(span.i).sep.endswith("/"):
        return False  # "A/California/7/2009": a virus strain's name
    if span.source != "gazetteer":
        return True
    if (
        span.extra.get("acronym")
        and place.kind not in ("country", "admin1")
        and place.population < BIG_PLACE
    ):
        return False  # "UN", "EU": organisations, not the villages of those names
    small = small_place(place)
    if place.kind in ("water", "feature") and span.j - span.i == 1 and not _after_the(span, tokens):
        return False  # a bare one-word river or island name ("Don", "Main") needs "the"
    if not res.primary and place.kind in ("place", "admin1", "settlement"):
        # Matched only by an alternate spelling: short codes ("SOL", "Sam") and
        # common words ("Part", "Free") are not worth the risk; otherwise the place
        # must be big or supported by the text around it.
        if len(span.key) <= 3 or zipf.get(span.key, 0.0) >= 3.0:
            return False
        if (
            place.population < BIG_PLACE
            and res.support < 3.0
            and place.country not in doc_countries
        ):
            return False
    if (
        small
        and span.j - span.i == 1
        and nxt is not None
        and nxt.key in _SAYS
        and nxt.sep == " "
        and place.population < 100_000
    ):
        return False  # "Dyer said": a person, not the small town of that name
    if small and (span.longer_name or span.key in people):
        return False  # "Franklin" in "Franklin Roosevelt"; "Jones" once "Mr Jones"
    if small and "name_pair" in span.extra:
        other = results[span.extra["name_pair"]]
        if small_place(other.place):
            return False  # "Henry Jones": a first name and a surname, both also towns
    if place.kind == "settlement" and place.country not in doc_countries - {""}:
        return False  # a name-only Ukrainian settlement needs Ukraine in the text
    if span.j - span.i == 1 and small:
        # A frequent English word: keep it only when the place is big for how common
        # the word is, or the context (region, "Town, State") vouches for it.
        vouch = 3.0 if res.support >= 3.0 else (1.0 if res.support > 0 else 0.0)
        if word_outweighs(place, span, zipf, vouch):
            return False
    return True


def _weapon(res: Resolution, tokens, lang: str) -> bool:
    """A weapon's name that is also a place's ("an Iskander missile", "Kalibrs"): no
    place unless the text makes it one ("the village of Tor", "Osa, Perm Krai")."""
    span = res.span
    if span.source != "gazetteer" or span.key not in vocabulary(lang, "weapons"):
        return False
    if span.qualifier in ("settlement", "region") or res.support >= 3.0:
        nxt = tokens.tok(span.j) if span.j < tokens.n else None
        return nxt is not None and nxt.key in vocabulary(lang, "weapon_heads")
    return True


def _after_the(span, tokens) -> bool:
    """ "the Don", "the eastern Mediterranean"."""
    k = span.i - 1
    if k >= 0 and tokens.tok(k).key in DIRECTIONS and not tokens.tok(k).cap:
        k -= 1
    return k >= 0 and tokens.tok(k).key == "the"


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
    results = resolver.resolve(ordered, tokens)
    out: list[Mention | None] = [None] * len(pairs)
    for k, res in zip(order, results, strict=False):
        if res.place is None and res.span.source != "unknown":
            continue
        kind = None if res.place is None else res.place.kind
        role = assign_role(res.span, tokens, kind)
        a, b = pairs[k]
        out[k] = Mention(a, b, text[a:b], res.place, role, res.confidence, res.candidates)
    return out


# ``geoinc.geoparse(text)`` works as well as ``geoinc.geoparse.geoparse(text)``.
make_callable(__name__, "geoinc.geoparse:geoparse")
