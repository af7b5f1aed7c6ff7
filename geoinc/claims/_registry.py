"""The claim-kind registry and the driver that runs every registered checker.

A checker is a pattern (built from a language's vocabulary) plus a check function that
turns one match into result fields, raises :class:`Unverifiable`, or returns None when the
match is not a claim after all. Everything else — the claim span, the sentence, the
unverifiable result, a data error turned into a verdict — happens once, here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geoinc.claims._context import Ctx, split_sentences
from geoinc.claims._model import UNVERIFIABLE, ClaimResult, Unverifiable, build_result
from geoinc.claims._vocab import Vocab, vocab
from geoinc.doc import Doc
from geoinc.exceptions import ClaimError, GeoincError

__all__ = ["Checker", "CHECKERS", "register", "kinds", "check_text", "unmixed"]

logger = logging.getLogger("geoinc")


@dataclass(frozen=True)
class Checker:
    """One claim kind: how to find it (``pattern``) and how to judge it (``check``)."""

    name: str
    kind: str
    pattern: Callable[[Vocab], str]
    check: Callable
    order: int
    #: may overlap a claim found earlier in the sentence (it states something else)
    overlaps: bool = False
    flags: int = 0
    summary: str = ""
    #: other kinds its results may carry ("the border city of X" is a border_city)
    emits: tuple[str, ...] = ()
    #: the grammar its pattern is written in (a language's ``claims_grammar.json``)
    grammar: str = "en"


#: checker name -> Checker, filled by the ``kinds_*`` modules at import (like geopy's
#: SERVICE_TO_GEOCODER).
CHECKERS: dict[str, Checker] = {}


def register(
    kind: str,
    *,
    pattern: Callable[[Vocab], str],
    order: int,
    overlaps: bool = False,
    flags: int = 0,
    name: str | None = None,
    emits: tuple[str, ...] = (),
    grammar: str = "en",
):
    """Register a check function for claims of ``kind`` (a decorator).

    ``name`` tells apart several patterns of one kind ("in western Ukraine" and "the
    western city of ..." are both ``region_direction``); it defaults to the kind.
    """

    def deco(fn):
        doc = (fn.__doc__ or "").strip().splitlines()
        key = name or kind
        old = CHECKERS.get(key)
        if old is not None and old.check.__qualname__ != fn.__qualname__:
            raise ClaimError(f"two claim checkers are named {key!r}: give one a name=")
        CHECKERS[key] = Checker(
            key, kind, pattern, fn, order, overlaps, flags, doc[0] if doc else "", emits, grammar
        )
        return fn

    return deco


def kinds() -> tuple[str, ...]:
    """The registered claim kinds, in checking order.

    Examples
    --------
    >>> "border_distance" in kinds() and "region" in kinds()
    True
    """
    ordered = sorted(CHECKERS.values(), key=lambda c: c.order)
    return tuple(dict.fromkeys(k for c in ordered for k in (c.kind, *c.emits)))


@lru_cache(maxsize=64)
def _compiled(name: str, lang: str | Path) -> re.Pattern:
    c = CHECKERS[name]
    return re.compile(c.pattern(vocab(lang)), c.flags)


def _mentions(text: str, lang) -> list:
    from geoinc.geoparsing import geoparse

    try:
        return list(geoparse(text, lang=lang))
    except TypeError:  # a geoparser without a language argument
        return list(geoparse(text))


def _run_one(checker: Checker, ctx: Ctx, m: re.Match) -> ClaimResult | None:
    try:
        fields = checker.check(ctx, m)
    except Unverifiable as u:
        fields = {**u.fields, "verdict": UNVERIFIABLE, "reason": u.reason}
    except GeoincError as err:  # a data gap must not lose the claim
        logger.warning("claim %r could not be verified: %s", m.group(0), err)
        fields = {"verdict": UNVERIFIABLE, "reason": f"verification failed: {err}"}
    if fields is None:
        return None
    if "subject" in fields and not isinstance(fields["subject"], str):
        fields = {**fields, **fields.pop("subject").fields()}
    return build_result(checker.kind, ctx, m, fields)


def unmixed(text: str, voc: Vocab) -> str:
    """``text`` with look-alike letters of another script read as the language's own
    inside words that mix both ("the border сity" with a Cyrillic "с"); same length, so
    every offset still points into ``text``.

    Examples
    --------
    >>> from geoinc.claims._vocab import vocab
    >>> unmixed("the border \u0441ity of Sumy", vocab("en"))
    'the border city of Sumy'
    """
    if not voc.homoglyphs:
        return text
    table = str.maketrans(voc.homoglyphs)
    own = re.compile(r"[A-Za-z]")

    def fix(m: re.Match) -> str:
        w = m.group(0)
        return w.translate(table) if own.search(w) and not w.isascii() else w

    return re.sub(r"\w+", fix, text)


def _check_sentence(ctx: Ctx, plan, wanted, match_text: str) -> list[ClaimResult]:
    out = []
    for checker, rx in plan:
        for m in rx.finditer(match_text, ctx.sent_start, ctx.sent_end):
            if not checker.overlaps and any(m.start() < y and x < m.end() for x, y in ctx.taken):
                continue
            res = _run_one(checker, ctx, m)
            if res is None:
                continue
            if wanted is None or res.kind in wanted:
                out.append(res)
            ctx.taken.append((m.start(), m.end()))
    return out


_kinds = kinds


def check_text(
    text: str | Doc, *, kinds: tuple[str, ...] | None = None, lang: str | Path = "en"
) -> list[ClaimResult]:
    """Find and verify the geographic claims of a text.

    Parameters
    ----------
    text : str or geoinc.doc.Doc
        Untrusted article text (any length; nothing in it is executed or rendered), or a
        document that went through extraction (:func:`geoinc.extraction.pipeline.make_doc`):
        its text, language and place mentions are used (geoparsed once for both).
    kinds : tuple of str, optional
        Keep only these claim kinds (see :func:`geoinc.claims.kinds`).
    lang : str or path, default "en"
        Language of the text: a bundled code or a folder with ``claims_*`` files.

    Returns
    -------
    list of ClaimResult
        In text order. Claims about unknown places are ``unverifiable``, never errors.

    Raises
    ------
    ClaimError
        When ``text`` is not a string or a kind is unknown.

    Examples
    --------
    >>> rs = check_text("Lviv, Ukraine's second-largest city, was quiet.")
    >>> [(r.kind, r.verdict, r.computed["rank"]) for r in rs]
    [('rank', 'inconsistent', 6)]
    >>> [r.verdict for r in check_text("Qwxzyville, 30 km from the border, was shelled.")]
    ['unverifiable']
    """
    doc = text if isinstance(text, Doc) else None
    if doc is not None:
        text, lang = doc.text, doc.lang
    if not isinstance(text, str):
        raise ClaimError(f"check_text needs a str, got {type(text).__name__}")
    known = _kinds()
    unknown = sorted(set(kinds or ()) - set(known))
    if unknown:
        raise ClaimError(f"unknown claim kind(s) {unknown}; known: {', '.join(known)}")
    voc = vocab(lang)
    ordered = sorted(CHECKERS.values(), key=lambda c: c.order)
    plan = [(c, _compiled(c.name, lang)) for c in ordered if c.grammar == voc.grammar]
    if not text.strip():
        mentions = []
    elif doc is not None and doc.get("mentions") is not None:
        mentions = list(doc.mentions)  # the same mentions extraction read
    else:
        mentions = _mentions(text, lang)
    sentences, unmixed_text = split_sentences(text), unmixed(text, voc)
    results: list[ClaimResult] = []
    wanted = set(kinds) if kinds else None
    for s, e in sentences:
        ctx = Ctx(text, mentions, s, e, voc, sentences)
        results.extend(_check_sentence(ctx, plan, wanted, unmixed_text))
    results.sort(key=lambda r: (r.start, r.end, r.kind))
    return results
