"""Toponym recognition: which spans of a text may name places.

The text is cut into word tokens; each token is folded with
:func:`geoinc.names.normalize`, and runs of up to :data:`MAX_TOKENS` tokens that start
(and end) with a capital letter are looked up in the gazetteer's name keys. The
longest match wins. Context rules then annotate each span: a region qualifier after it
("Kharkiv region", "Kherson and Mykolaiv regions"), a settlement qualifier before it
("the village of Borova"), a "Town, Region" pair, an unknown longer proper name around it
("Franklin Roosevelt"), and whether it sits at the start of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import itemgetter

from geoinc import lang as _lang
from geoinc.geoparsing.lexicon import (
    ADMIN1_ABBREVIATIONS,
    CAPITAL_AFTER_OK,
    CONTINENT_DEMONYMS,
    COUNTRY_ABBREVIATIONS,
    DEMONYMS,
    DIRECTIONS,
    FEATURE_HEADS,
    FEATURE_PREFIXES,
    INSTITUTIONS,
    NAME_PREFIXES,
    ORG_AFTER,
    ORG_HEADS,
    POSTAL_CODES,
    REGION_WORDS,
    SETTLEMENT_WORDS,
    STOP_NAMES,
    STOP_PHRASES,
    SUBDIVISION_WORDS,
    TITLES,
    WIDE_AREAS,
)
from geoinc.names import normalize, yo_as_e

__all__ = ["Token", "Tokens", "Span", "tokenize", "find_spans", "spans_from_offsets", "MAX_TOKENS"]

#: Longest name, in tokens, the recogniser tries ("Bosnia and Herzegovina" is 3).
MAX_TOKENS = 6

_TOKEN_SPLIT = re.compile(r"(\w+(?:['’ʼ`]\w+)*)")
_POSSESSIVE = ("'s", "’s", "ʼs")


@lru_cache(maxsize=32)
def _words(name: str) -> frozenset[str]:
    """The word list ``geoparse_<name>`` of the default language, matched as written
    (read once; hot loops bind it to a local first)."""
    return _lang.words(_lang.DEFAULT, f"geoparse_{name}")


_CONTRACTIONS = frozenset(
    {"'ve", "’ve", "'re", "’re", "'ll", "’ll", "n't", "n’t", "'d", "’d", "'m", "’m"}
)
# Zipf frequency above which a capitalised neighbour is an ordinary word in a title or
# an institution's name rather than part of a person's name.
_COMMON = 4.5
# A soft sign's apostrophe before a hyphen stays inside a name: "Kamin'-Kashyrskyi".
_JOIN_SEPS = frozenset({" ", "-", "‐", "‑", "'-", "’-", "ʼ-"})
_SENTENCE_END = frozenset('.!?\n"“”:;•')


@dataclass(slots=True)
class Token:
    """A word of the text with its folded key."""

    start: int
    end: int
    raw: str
    key: str
    cap: bool
    possessive: bool
    sentence_start: bool
    sep: str  # the characters between the previous token and this one


class Siblings(Sequence):
    """The other names of a list a name is in: a view on the list's span indices, shared
    by all its names (a tuple per name made a list of n names cost n² time and memory).

    Examples
    --------
    >>> sib = Siblings((3, 4, 5), 1)
    >>> list(sib), len(sib), sib[1], sib == (3, 5)
    ([3, 5], 2, 5, True)
    """

    __slots__ = ("group", "pos")

    def __init__(self, group: tuple[int, ...], pos: int) -> None:
        self.group = group  # every name of the list, in text order
        self.pos = pos  # this name's place in ``group``

    def __len__(self) -> int:
        return len(self.group) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self)[i]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.group[i + (i >= self.pos)]

    def __iter__(self):
        return (g for n, g in enumerate(self.group) if n != self.pos)

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __repr__(self) -> str:
        return f"Siblings({tuple(self)!r})"


@dataclass(slots=True)
class Span:
    """A candidate place name: tokens ``[i, j)`` and the key they fold to."""

    i: int
    j: int
    start: int
    end: int
    key: str
    # gazetteer | demonym | continent | abbreviation | admin1_abbreviation | institution |
    # unknown | lookup
    source: str
    qualifier: str = ""  # "region" | "subdivision" | "settlement" | "feature" | ""
    container: int = -1  # index of a span that names the region/country this one is in
    siblings: Sequence[int] = ()  # the other names of a list this one is in (Siblings)
    longer_name: bool = False
    sentence_start: bool = False
    extra: dict = field(default_factory=dict)


class Tokens(Sequence):
    """The word tokens of a text, built lazily.

    Only the offsets of every word are computed up front (one regular-expression scan);
    a :class:`Token` with its folded key, separator and sentence-start flag is built
    the first time it is looked at. Most words of a text are never looked at: the
    recogniser starts only at capitalised words (:attr:`caps`).
    """

    __slots__ = ("text", "words", "seps", "starts", "ends", "caps", "n", "_built")

    def __init__(self, text: str) -> None:
        self.text = text
        # One C-level split gives words and separators alternately; cumulative lengths
        # give the offsets without a Python loop over the words.
        parts = _TOKEN_SPLIT.split(text)
        cum = list(accumulate(map(len, parts)))
        self.words = parts[1::2]
        self.seps = parts[0::2]
        self.starts = cum[0::2][: len(self.words)]
        self.ends = cum[1::2]
        #: indices of the tokens that start with a capital letter
        self.caps = list(compress(count(), map(str.isupper, map(itemgetter(0), self.words))))
        self.n = len(self.words)
        self._built: list[Token | None] = [None] * self.n

    def tok(self, k: int) -> Token:
        """The token at index ``k`` (non-negative), built on first use."""
        t = self._built[k]
        if t is None:
            t = self._built[k] = self._build(k)
        return t

    def key(self, k: int) -> str:
        """The folded key of token ``k`` (non-negative) without building the token."""
        t = self._built[k]
        return t.key if t is not None else _head_key(self.words[k])

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        tok = self._built[k]
        if tok is None:
            if k < 0:
                k += len(self)
            tok = self._built[k] = self._build(k)
        return tok

    def _build(self, k: int) -> Token:
        start, end = self.starts[k], self.ends[k]
        raw = self.words[k]
        possessive = False
        if len(raw) > 3 and raw[-2:] in _POSSESSIVE:
            raw = raw[:-2]
            end -= 2
            possessive = True
        elif raw[-3:].lower() in _CONTRACTIONS:
            possessive = True  # "I've", "they're": never part of a name
        sep = self.seps[k]
        if not k:
            sentence_start = True
        elif sep == " ":
            sentence_start = False
        else:
            stripped = sep.strip(" \t'‘’\"“”()[]")
            sentence_start = (bool(stripped) and stripped[-1] in _SENTENCE_END) or "\n" in sep
            # "U.S." and "St. Louis": a dot after an abbreviation does not end a sentence.
            if (
                sentence_start
                and sep.strip() == "."
                and len(self.words[k - 1]) <= 2
                and self.words[k - 1][0].isupper()
            ):
                sentence_start = False
        return Token(
            start, end, raw, normalize(raw), raw[0].isupper(), possessive, sentence_start, sep
        )


def tokenize(text: str) -> Tokens:
    """Cut ``text`` into word tokens with normalised keys (built lazily).

    Examples
    --------
    >>> [t.key for t in tokenize("Russia’s strike on Kharkiv-Pivdennyi")]
    ['russia', 'strike', 'on', 'kharkiv', 'pivdennyi']
    """
    return Tokens(text)


def _joinable(prev: Token, tok: Token) -> bool:
    """Whether two tokens may be parts of one name."""
    sep = tok.sep
    if sep in (" ", "-", "‐", "‑"):
        return not prev.possessive
    if sep in (".", ". ") and len(prev.raw) <= 2 and prev.cap:
        return True  # U.S., St. Petersburg
    return False


def find_spans(tokens: Tokens, keys, text: str, first_words=None, common=None) -> list[Span]:
    """Find the longest gazetteer/demonym matches, left to right, with context flags.

    Parameters
    ----------
    tokens : Tokens
    keys : container of str
        The gazetteer's normalised name keys (``in`` must be fast).
    text : str
        The text the tokens were cut from.
    first_words : container of str, optional
        The first words of every key (see :func:`first_words_of`); a fast pre-filter.
    common : dict, optional
        Frequent English words -> Zipf frequency; a frequent capitalised word next to a
        name marks an institution ("Huntsville Fire"), not a person's name.
    """
    spans: list[Span] = []
    pos = 0
    caps = tokens.caps
    if first_words is not None:
        # the capitalised words that may begin a name, picked by cached C-level calls:
        # most (people, sentence starts) begin none
        words = tokens.words
        heads = list(map(_head_key, map(words.__getitem__, caps)))
        if "yo" in "".join(heads):  # rare: "Shakhtyorsk" begins a name as "shakhtersk"
            heads = [_yo_key(h, first_words) for h in heads]
        caps = list(compress(caps, map(first_words.__contains__, heads)))
    for i in caps:
        if i < pos:
            continue
        runs = _name_runs(tokens, i, keys, first_words)
        best = _longest_match(runs, i, tokens, keys, text, spans) if runs else None
        if best is None:
            continue
        spans.append(best)
        pos = best.j
    _lowercase_names(spans, tokens, keys)
    _extend_names(spans, tokens)
    _qualify(spans, tokens, common or {})
    _unknown_settlements(spans, tokens, keys)
    _districts(spans, tokens, keys)
    return spans


@lru_cache(maxsize=1)
def _lowercase_forms() -> frozenset[str]:
    """The raw words of ``geoparse_lowercase_names``, bare and possessive."""
    names = _words("lowercase_names")
    return frozenset(n + p for n in names for p in ("", *_POSSESSIVE))


def _lowercase_names(spans: list[Span], tokens: Tokens, keys) -> None:
    """Names written in lower case on purpose ("russia targeted the port"): spans of
    their own, found by one set intersection over the words (most texts have none)."""
    text = tokens.text
    # a substring test first: a word of the list holds its bare name (few texts have one)
    if not any(name in text for name in _words("lowercase_names")):
        return
    found = _lowercase_forms().intersection(tokens.words)
    if not found:
        return
    for k in compress(count(), map(found.__contains__, tokens.words)):
        tok = tokens.tok(k)
        if tok.key in keys:
            spans.append(Span(k, k + 1, tok.start, tok.end, tok.key, "gazetteer"))
    spans.sort(key=lambda s: s.i)


def _run_key(parts: list[str], keys) -> str:
    """The key of a run of words, "Mt."/"Ft."/"Pt." spelt out when only that is a key."""
    joined = " ".join(parts)
    spelt = _lang.table(_lang.DEFAULT, "geoparse_abbreviated_words")  # cached: "mt" -> "mount"
    if parts[0] in spelt and joined not in keys:
        joined = " ".join([spelt[parts[0]], *parts[1:]])  # Mt. Pleasant
    return _yo_key(joined, keys)


def _yo_key(key: str, known) -> str:
    """``key``, or its ё-as-e spelling when only that is known ("Shakhtyorsk")."""
    if "yo" not in key or key in known:
        return key
    alt = yo_as_e(key)
    return alt if alt in known else key


@lru_cache(maxsize=1 << 16)
def _head_key(word: str) -> str:
    """The key of a word that may begin a name ("Russia's" -> "russia")."""
    return normalize(word[:-2] if word[-2:] in _POSSESSIVE and len(word) > 3 else word)


def _name_runs(tokens: Tokens, i: int, keys, first_words) -> list[tuple[int, str]]:
    """The runs of joinable words that start at capitalised token ``i`` and end on a
    capitalised word, shortest first, as ``(end token, key)``; empty when the word begins
    no name. Decided on the raw words (no token is built for most of them), inline: this
    loop runs for every capitalised word of every text."""
    words, seps = tokens.words, tokens.seps
    w = words[i]
    possessive = w[-2:] in _POSSESSIVE and len(w) > 3  # "Russia's"
    if possessive:
        w = w[:-2]
    key0 = _yo_key(normalize(w), keys if first_words is None else first_words)
    if first_words is not None and key0 not in first_words:
        return []  # most capitalised words (people, sentence starts) begin no name at all
    if not key0 or w[-3:].lower() in _CONTRACTIONS:
        return []
    parts = [key0]
    runs = [(i + 1, key0)]
    inner_lower = _words("inner_lower")  # lower-case words inside a name: "Gulf of Mexico"
    j = i + 1
    prev_word, prev_poss = w, possessive
    while j < len(words) and j - i < MAX_TOKENS:
        sep = seps[j]
        if prev_poss:
            # "Donetsk People's Republic": a possessive goes on only into a capitalised
            # word, spelt whole in the key (the gazetteer folds "People's" to "peoples")
            if sep != " " or not words[j][0].isupper():
                break
            parts[-1] = normalize(words[j - 1])
        # a space or hyphen joins; so does the dot of "U.S." and "St. Petersburg"
        if sep not in _JOIN_SEPS and not (
            sep in (".", ". ") and len(prev_word) <= 2 and prev_word[0].isupper()
        ):
            break
        wj = words[j]
        prev_poss = wj[-2:] in _POSSESSIVE and len(wj) > 3
        if prev_poss:
            wj = wj[:-2]
        kj = normalize(wj)
        # capitalised, also after an elided article ("d'Ivoire", "l'Aquila")
        cap = wj[0].isupper() or (wj[:2].lower() in ("d'", "d’", "l'", "l’") and wj[2:3].isupper())
        if not cap and kj not in inner_lower:
            break  # "Gulf of Mexico": only a few lower-case words sit inside a name
        parts.append(kj)
        if cap:
            runs.append((j + 1, _run_key(parts, keys)))
        prev_word = wj
        j += 1
    return runs


def _longest_match(
    runs: list[tuple[int, str]], i: int, tokens: Tokens, keys, text: str, spans: list[Span]
) -> Span | None:
    """The longest run that is a name (a gazetteer key or a table's), as a span."""
    for jj, key in reversed(runs):
        if key not in _SPECIAL:
            # The common case, decided without building any token.
            if key not in keys or (key in STOP_NAMES if jj - i == 1 else key in STOP_PHRASES):
                continue
            source = "gazetteer"
        else:
            source = _special_source(key, i, jj, tokens, text, spans, keys)
            if source is None:
                continue
        if jj - i > 1 and _town_body(key, jj, tokens, keys):
            continue
        return _match_span(i, jj, key, source, tokens, text, keys)
    return None


def _town_body(key: str, jj: int, tokens: Tokens, keys) -> bool:
    """ "Dublin City Council": the town's name, then its council (not "Dublin City")."""
    words = tokens.words
    return (
        key.endswith(" city")
        and key[:-5] in keys
        and jj < tokens.n
        and tokens.seps[jj] == " "
        and words[jj][0].isupper()
        and words[jj].lower() in _words("city_bodies")
    )


@lru_cache(maxsize=1)
def _the_names() -> frozenset[str]:
    """Keys whose "The" is part of the name (``geoparse_the_names``)."""
    return frozenset(normalize(w) for w in _words("the_names"))


def _match_span(i: int, jj: int, key: str, source: str, tokens: Tokens, text: str, keys) -> Span:
    """The span of a match on tokens ``[i, jj)``: a leading "The" left out, the final dot
    of "U.S." and "Kan." kept, a short all-capitals word flagged as an acronym."""
    ii = i
    if jj - i > 1 and key.startswith("the ") and key[4:] in keys and key not in _the_names():
        ii, key = i + 1, key[4:]  # "The United States": the name without "the"
    tok = tokens.tok(ii)
    last = tokens.tok(jj - 1)
    span = Span(
        ii, jj, tok.start, last.end, key, source, sentence_start=tokens.tok(i).sentence_start
    )
    if (len(last.raw) == 1 and last.cap or source == "admin1_abbreviation") and text[
        last.end : last.end + 1
    ] == ".":
        span.end += 1  # "U.S.", "Kan." keep their final dot
    if source == "gazetteer" and jj - i == 1 and tok.raw.isupper() and len(tok.raw) <= 4:
        span.extra["acronym"] = True
    return span


def _extend_names(spans: list[Span], tokens: Tokens) -> None:
    """Take in the capitalised words that make a known name a longer one: a feature word
    after it ("Kanawha River", "Fraser Valley"), "Lake", "Mount" or "Greater" before it
    ("Lake Erie"), a direction before a continent or ocean ("West Africa").

    The span keeps the known name's key, so it resolves to that place (near the feature,
    never a false exact match); the qualifier "feature" lets a river or lake of that name
    win when the gazetteer has one.
    """
    if not spans:
        return
    # Raw words first: building a token is the costly part, and most neighbours fail.
    words, seps = tokens.words, tokens.seps
    taken = {s.i for s in spans} | {s.j - 1 for s in spans}
    for s in spans:
        if s.source != "gazetteer":
            continue
        j = s.j
        if (
            j < tokens.n
            and j not in taken
            and seps[j] == " "
            and words[j][0].isupper()
            and words[j].lower() in FEATURE_HEADS
        ):
            s.j += 1
            s.end = tokens.tok(j).end
            s.qualifier = "feature"
            s.extra["head"] = words[j].lower()
        i = s.i - 1
        if i >= 0 and i not in taken and seps[s.i] == " " and words[i][0].isupper():
            low = words[i].lower()
            # A direction before a country, region or town is the reporter's ("East
            # Texas", "South Philadelphia": annotators mark the place), before a
            # continent or ocean it names a region of its own ("West Africa").
            if low in NAME_PREFIXES or (low in DIRECTIONS and s.key in WIDE_AREAS):
                prv = tokens.tok(i)
                s.i = i
                s.start = prv.start
                s.sentence_start = prv.sentence_start
                s.extra["prefix"] = low
                if low in FEATURE_PREFIXES:
                    s.qualifier = "feature"


def _special_source(
    key: str, i: int, jj: int, tokens: Tokens, text: str, spans: list[Span], keys
) -> str | None:
    """The source of a key found in the lexicon tables (demonyms, abbreviations…)."""
    source = None
    if key in INSTITUTIONS:
        source = "institution"
    elif (
        key in COUNTRY_ABBREVIATIONS
        and tokens.tok(i).raw[:1].isupper()
        and (
            tokens.tok(i).raw.isupper() or "." in tokens.tok(i + 1).sep
            if jj - i > 1
            else tokens.tok(i).raw.isupper()
        )
    ):
        source = "abbreviation"
    elif key in ADMIN1_ABBREVIATIONS and (
        jj - i > 1
        or text[tokens.tok(i).end : tokens.tok(i).end + 1] == "."
        or (tokens.tok(i).raw.isupper() and key not in _words("needs_dot"))
    ):
        source = "admin1_abbreviation"
    elif (
        jj - i == 1
        and key in POSTAL_CODES
        and tokens.tok(i).raw.isupper()
        and len(tokens.tok(i).raw) == 2
        and tokens.tok(i).sep.strip() == ","
        and spans
        and spans[-1].j == i
    ):
        source = "admin1_abbreviation"
    elif key in DEMONYMS or _plural_demonym(key):
        source = "demonym"
    elif key in CONTINENT_DEMONYMS:
        source = "continent"
    elif key in keys:
        source = "gazetteer"
    if source == "gazetteer" and jj - i == 1 and key in STOP_NAMES:
        return None
    return source


def first_words_of(keys) -> frozenset[str]:
    """The first word of every key, of every demonym, abbreviation and institution."""
    out = {k.split(" ", 1)[0] for k in keys}
    for table in (
        DEMONYMS,
        COUNTRY_ABBREVIATIONS,
        INSTITUTIONS,
        CONTINENT_DEMONYMS,
        ADMIN1_ABBREVIATIONS,
        POSTAL_CODES,
    ):
        out.update(k.split(" ", 1)[0] for k in table)
    out.update(k + "s" for k in DEMONYMS)
    return frozenset(out)


_SPECIAL = frozenset(
    set(INSTITUTIONS)
    | set(COUNTRY_ABBREVIATIONS)
    | set(ADMIN1_ABBREVIATIONS)
    | set(POSTAL_CODES)
    | set(DEMONYMS)
    | {k + "s" for k in DEMONYMS}
    | set(CONTINENT_DEMONYMS)
)


def _plural_demonym(key: str) -> bool:
    return key.endswith("s") and key[:-1] in DEMONYMS and key[:-1][-1:] not in ("h", "e")


def _next(tokens: list[Token], j: int) -> Token | None:
    return tokens.tok(j) if j < tokens.n else None


def _qualify(spans: list[Span], tokens: list[Token], common: dict | None = None) -> None:
    """Annotate spans with the qualifiers and neighbours around them."""
    common = common or {}
    by_start = {s.i: k for k, s in enumerate(spans)}
    by_end = {s.j - 1: k for k, s in enumerate(spans) if s.j - s.i == 1}
    for k, s in enumerate(spans):
        nxt = _next_read(tokens, s.j)  # read before "Kharkiv Oblast" takes its region word in
        if s.source == "gazetteer" and nxt is not None and nxt.sep.strip() == "":
            _qualifier_after(spans, tokens, k, nxt)
        # the word before decides which qualifier before can apply ("of", "the")
        prev = tokens.key(s.i - 1) if s.i > 0 else None
        if prev == "of":
            _settlement_before(s, tokens)
            _region_before(s, tokens)
        elif prev == "the":
            _water_before(s, tokens)
        # Unknown longer proper name around the match ("Franklin Roosevelt").
        if s.source == "demonym" or s.source == "abbreviation":
            continue
        if _continues_name(s, nxt, common) and not _jurisdiction(s, tokens):
            if s.j in by_start:
                s.extra["name_pair"] = by_start[s.j]  # "Henry Jones": two names, one person?
            else:
                s.longer_name = True
        if s.i > 0:
            _name_before(s, tokens, by_end, common)
    _containers(spans, tokens)
    _lists(spans, tokens)
    for s in spans:
        # "the regions of Odesa and Mykolaiv": both names. A longer list keeps each name's
        # own reading (measured: qualifying it folded listed towns into one national
        # round-up the annotators list town by town).
        if s.extra.get("region_of") and len(s.siblings) == 1:
            for k in s.siblings:
                if spans[k].source == "gazetteer" and not spans[k].qualifier:
                    spans[k].qualifier = "region"


def _next_read(tokens: Tokens, j: int) -> Token | None:
    """The token after a name when :func:`_qualify` reads it: a capitalised word, or a
    region or subdivision word; ``None`` otherwise (neither rule looks at any other word,
    and most tokens after a name are never built)."""
    if j >= tokens.n:
        return None
    if tokens.words[j][0].isupper():
        return tokens.tok(j)
    key = tokens.key(j)
    if (
        key in REGION_WORDS
        or key in SUBDIVISION_WORDS
        or key in _words("region_adjectives")
        or key in _words("region_officials")
        or key in _region_phrase_heads()
    ):
        return tokens.tok(j)
    return None


def _qualifier_after(spans: list[Span], tokens: Tokens, k: int, nxt: Token) -> None:
    """A region or subdivision word after a name ("Kharkiv region", "Butler County"); a
    plural one reaches back over the list before it ("Kherson and Mykolaiv regions")."""
    s = spans[k]
    if nxt.key in REGION_WORDS:
        s.qualifier = "region"
        if nxt.cap and nxt.key in _words("name_part_region_words"):
            # "Kharkiv Oblast", "Belgorod Region": the qualifier is part of the name.
            s.j += 1
            s.end = nxt.end
        if nxt.key.endswith("s"):
            _distribute_back(spans, tokens, k, "region")
    elif (phrase := _region_phrase(tokens, s.j)) is not None:
        s.qualifier = "region"  # "the Donetsk and Luhansk people's republics"
        if phrase.endswith("s"):
            _distribute_back(spans, tokens, k, "region")
    elif nxt.key in _words("region_officials") or _regional_official(tokens, nxt, s.j):
        s.qualifier = "region"  # "the Kharkiv regional governor", "Kursk Governor X"
    elif nxt.key in SUBDIVISION_WORDS:
        s.qualifier = "subdivision"
        if nxt.key.endswith("s") or nxt.key == "counties":
            _distribute_back(spans, tokens, k, "subdivision")


def _region_before(s: Span, tokens: Tokens) -> None:
    """Region qualifier before: "the southern region of Kherson", "the Russian regions of
    Kursk and Belgorod" (the list's other names follow in :func:`_qualify`)."""
    if s.source != "gazetteer" or s.qualifier or s.i < 2 or tokens.key(s.i - 1) != "of":
        return
    if tokens.key(s.i - 2) in REGION_WORDS and not tokens.words[s.i - 2][0].isupper():
        s.qualifier = "region"
        s.extra["region_of"] = True


@lru_cache(maxsize=1)
def _region_phrase_heads() -> frozenset[str]:
    """The first words' keys of ``geoparse_region_phrases``."""
    return frozenset(_head_key(p.split()[0]) for p in _words("region_phrases"))


def _region_phrase(tokens: Tokens, j: int) -> str | None:
    """The phrase of ``geoparse_region_phrases`` that tokens ``j`` and ``j + 1`` spell
    (case and apostrophe folded), else ``None``."""
    if j + 1 >= tokens.n or tokens.seps[j + 1] != " ":
        return None
    pair = f"{tokens.words[j]} {tokens.words[j + 1]}".lower().replace("’", "'")
    return pair if pair in _words("region_phrases") else None


def _water_before(s: Span, tokens: Tokens) -> None:
    """ "across the Dnipro", "along the Don", "the left bank of the Dnipro", "the
    Dnipro's right bank", "the Kakhovka reservoir": the river of the name if it has one
    (the feature qualifier weighs water records up, and no other); after a water noun,
    the water or nothing (``extra["water"]``: no town of that name is meant)."""
    if s.source != "gazetteer" or s.qualifier or s.i < 1 or tokens.key(s.i - 1) != "the":
        return
    if s.i >= 2 and tokens.key(s.i - 2) in _words("water_before"):
        s.qualifier = "feature"
    elif _water_after(s, tokens) or (
        s.i >= 3 and tokens.key(s.i - 2) == "of" and tokens.key(s.i - 3) in _words("water_nouns")
    ):
        s.qualifier = "feature"
        s.extra["water"] = True


def _water_after(s: Span, tokens: Tokens) -> bool:
    """ "the Kakhovka reservoir" (a lower-case water head), "the Dnipro's right bank"."""
    j = s.j
    if j >= tokens.n or tokens.seps[j] != " ":
        return False
    if s.j - s.i == 1 and tokens.words[j] in _words("water_heads"):
        return True
    if not tokens.words[j - 1].endswith(("'s", "’s")):
        return False
    nouns = _words("water_nouns")
    return tokens.words[j] in nouns or (j + 1 < tokens.n and tokens.words[j + 1] in nouns)


def _regional_official(tokens: Tokens, nxt: Token, j: int) -> bool:
    """ "regional" after a name: in lower case always a region's word ("the Odesa regional
    administration"); capitalised only before an official ("Luhansk Regional Governor"),
    not in a facility's name ("Manhattan Regional Airport")."""
    if nxt.key not in _words("region_adjectives"):
        return False
    if not nxt.cap:
        return True
    return j + 1 < tokens.n and tokens.key(j + 1) in _words("region_officials")


def _settlement_before(s: Span, tokens: Tokens) -> None:
    """Settlement qualifier before: "the village of Borova", "the city of Belgorod"."""
    if s.i >= 2 and tokens.key(s.i - 1) == "of" and tokens.key(s.i - 2) in SETTLEMENT_WORDS:
        s.extra["settlement_word"] = tokens.tok(s.i - 2).key
        if not s.qualifier:
            s.qualifier = "settlement"


def _ordinary_word(t: Token, common: dict) -> bool:
    """A capitalised neighbour that is no part of a person's name: a stop name, a word of
    an organisation's name, an acronym, a frequent English word ("Fire", "Police")."""
    return (
        t.key in STOP_NAMES
        or t.key in ORG_HEADS
        or t.key in ORG_AFTER
        or (t.raw.isupper() and len(t.raw) > 1)
        or common.get(t.key, 0.0) >= _COMMON
    )


def _continues_name(s: Span, nxt: Token | None, common: dict) -> bool:
    """A capitalised word after the name may make it a longer proper name ("Franklin
    Roosevelt"), unless it is an ordinary word, a region or subdivision word, or follows
    a county ("Butler County Coroner": what follows a county is its office)."""
    return (
        nxt is not None
        and nxt.cap
        and nxt.sep == " "
        and s.key.rpartition(" ")[2] not in SUBDIVISION_WORDS
        and nxt.key not in CAPITAL_AFTER_OK
        and nxt.key not in REGION_WORDS
        and nxt.key not in SUBDIVISION_WORDS
        and not _ordinary_word(nxt, common)
    )


def _jurisdiction(s: Span, tokens: Tokens) -> bool:
    """ "the Mayor of Chernihiv Oleksandr Lomako": a name after a title and "of" is the
    official's town, and the capitalised words after it are the official's name."""
    return (
        s.i >= 2
        and tokens.key(s.i - 1) == "of"
        and tokens.key(s.i - 2) in _words("jurisdiction_titles")
    )


def _name_before(s: Span, tokens: Tokens, by_end: dict[int, int], common: dict) -> None:
    """A title before the name makes it a person's ("Mr Jones", "Gov. Scott"); another
    capitalised word a surname ("Chris Gard") or the second of two names ("Henry Jones")."""
    if not tokens.words[s.i - 1][0].isupper() and tokens.key(s.i - 1) not in TITLES:
        return  # neither rule applies: the token is not built
    prv = tokens.tok(s.i - 1)
    sep = tokens.tok(s.i).sep
    if prv.key in TITLES and sep in (" ", ". "):
        s.extra["person"] = True
        s.longer_name = True
    elif (
        prv.cap
        and sep == " "
        and not prv.sentence_start
        and not prv.possessive
        and not _ordinary_word(prv, common)
    ):
        if s.i - 1 in by_end:
            s.extra["name_pair_second"] = by_end[s.i - 1]
        else:
            s.extra["surname"] = True
            s.longer_name = True


def _containers(spans: list[Span], tokens: Tokens) -> None:
    """ "Town, Region" / "Town, Country": the second names the first's container."""
    for k in range(len(spans) - 1):
        a, b = spans[k], spans[k + 1]
        if b.i != a.j or tokens.tok(b.i).sep.strip() != ",":
            continue
        if _in_comma_list(spans, k, tokens):
            continue
        if b.qualifier == "region" and b.extra.get("distributed"):
            continue
        a.container = k + 1


def _in_comma_list(spans: list[Span], k: int, tokens: Tokens) -> bool:
    """Names ``k`` and ``k + 1`` are inside a list: "Kherson, Mykolaiv, and Zaporizhzhia"
    is no containment (a third name follows after a comma or "and", or one comes before)."""
    a, b = spans[k], spans[k + 1]
    after = spans[k + 2] if k + 2 < len(spans) else None
    if after is not None and after.i == b.j:
        sep = tokens.tok(after.i).sep
        if sep.strip() in (",", "") and sep != " ":
            return True
    if after is not None and b.j < tokens.n and tokens.tok(b.j).key == "and" and after.i == b.j + 1:
        return True
    return k > 0 and spans[k - 1].j == a.i and tokens.tok(a.i).sep.strip() == ","


def _lists(spans: list[Span], tokens: Tokens) -> None:
    """Mark the names of a list ("Michigan, Oregon, New Mexico and Ohio"; "Oregon and
    Washington") with their siblings, whose kind they tend to share.

    Three or more names joined by commas, "and" or "or", or two joined by "and"/"or";
    two joined by a comma alone are a "Town, Region" pair, no list.
    """
    groups: list[list[int]] = []
    joins: list[bool] = []  # the group has an "and"/"or"
    for k, span in enumerate(spans):
        prev = spans[k - 1] if k else None
        linked = False
        if prev is not None and prev.container != k:
            if span.i == prev.j and tokens.tok(span.i).sep.strip() == ",":
                linked = True
            elif (
                span.i == prev.j + 1
                and tokens.tok(prev.j).key in ("and", "or")
                and tokens.tok(prev.j).sep.strip() in ("", ",")
                and tokens.tok(span.i).sep == " "
            ):
                linked = True
                joins[-1] = True
        if linked:
            groups[-1].append(k)
        else:
            groups.append([k])
            joins.append(False)
    for group, joined in zip(groups, joins, strict=True):
        if len(group) >= 3 or (len(group) == 2 and joined):
            shared = tuple(group)
            for pos, k in enumerate(group):
                spans[k].siblings = Siblings(shared, pos)


def _distribute_back(spans: list[Span], tokens: list[Token], k: int, qualifier: str) -> None:
    """ "Kherson, Mykolaiv and Zaporizhzhia regions": the plural reaches back over the list."""
    spans[k].extra["distributed"] = True
    while k > 0:
        cur, prev = spans[k], spans[k - 1]
        between = [t.key for t in tokens[prev.j : cur.i]]
        sep = tokens.tok(cur.i).sep.strip()
        if not (between in ([], ["and"], ["or"]) and (sep in (",", "") or between)):
            break
        if prev.source != "gazetteer":
            break
        prev.qualifier = qualifier
        prev.extra["distributed"] = True
        k -= 1


def _unknown_settlements(spans: list[Span], tokens: list[Token], keys) -> None:
    """ "the village of Zalestsy": a capitalised word after a settlement word is a place
    even when the gazetteer does not know it."""
    taken = {t for s in spans for t in range(s.i, s.j)}
    new = []
    words = tokens.words
    for i in tokens.caps:
        if i < 2 or words[i - 1] != "of" or words[i - 2].lower() not in SETTLEMENT_WORDS:
            continue
        t = tokens.tok(i)
        if i in taken or t.key in STOP_NAMES:
            continue
        if tokens.tok(i - 2).key == "city" and tokens.tok(i - 2).cap:
            continue  # "City of London" style names: leave them alone
        j = i + 1
        while (
            j < tokens.n
            and j - i < 3
            and tokens.tok(j).cap
            and tokens.tok(j).sep in (" ", "-")
            and j not in taken
        ):
            j += 1
        new.append(
            Span(
                i,
                j,
                t.start,
                tokens.tok(j - 1).end,
                " ".join(x.key for x in tokens[i:j]),
                "unknown",
                qualifier="settlement",
                extra={"settlement_word": tokens.tok(i - 2).key},
            )
        )
    if new:
        spans.extend(new)
        spans.sort(key=lambda s: s.i)


@lru_cache(maxsize=1 << 17)
def _district_word(raw: str) -> bool:
    """Whether a raw word's token is a lower-case district word ("district", "raion")."""
    if raw[0].isupper():
        return False
    key = normalize(raw[:-2] if len(raw) > 3 and raw[-2:] in _POSSESSIVE else raw)
    return key in _words("district_words")


def _district_members(tokens: Tokens, w: int) -> list[int]:
    """The capitalised words before the district word ``w``, last first: one, or the
    names of a list before a plural ("Darnytskyi and Dniprovskyi districts")."""
    word = tokens.tok(w)
    members, i = [], w - 1
    while i >= 0 and tokens.tok(i).cap and len(members) < 6:
        members.append(i)
        sep = tokens.tok(i).sep
        if i >= 2 and tokens.tok(i - 1).key in ("and", "or") and sep == " ":
            i -= 2
        elif i >= 1 and sep.strip() == "," and word.key.endswith("s"):
            i -= 1
        else:
            break
    return members


def _districts(spans: list[Span], tokens: Tokens, keys) -> None:
    """Districts named before "district"/"raion": "the Slobidskyi district", "Pokrovsk
    district", "the Darnytskyi and Dniprovskyi districts of Kyiv".

    A name whose "<name> raion" is a gazetteer key becomes that key (the raion, or the
    city district GeoNames lists under it); an unknown adjectival name ("Slobidskyi") is
    kept as an unknown place, for the resolver to put in its city. A singular district
    word is part of the name; a plural one stays outside the list's names.
    """
    by_start = {s.i: k for k, s in enumerate(spans)}
    covered = {t for s in spans for t in range(s.i, s.j)}
    changed = False
    seps, words = tokens.seps, tokens.words
    # Candidates found on the distinct raw words by a cached test (C-level on a hit):
    # building every token to read its key was a sixth of the pipeline's time.
    found = set(filter(_district_word, set(words)))
    if not found:
        return
    for w in compress(count(), map(found.__contains__, words)):
        if not w or seps[w] != " ":
            continue
        for n, i in enumerate(_district_members(tokens, w)):
            t = tokens.tok(i)
            if t.possessive or (i in covered and i not in by_start):
                continue
            raion = f"{t.key} raion"
            known = i in by_start and spans[by_start[i]].j == i + 1
            if raion in keys:
                source, key = "gazetteer", raion
            elif not known and t.key.endswith(("sky", "ska")):
                source, key = "unknown", t.key
            else:
                continue
            # a singular word is part of the name ("the Saltivskyi district"); a plural
            # one is the list's and stays out, as a plural region word does
            end = i + 2 if n == 0 and not tokens.key(w).endswith("s") else i + 1
            span = Span(
                i,
                end,
                t.start,
                tokens.tok(end - 1).end,
                key,
                source,
                qualifier="subdivision",
                sentence_start=t.sentence_start,
            )
            if known:
                spans[by_start[i]] = span
            else:
                spans.append(span)
                by_start[i] = len(spans) - 1
            changed = True
    if changed:
        spans.sort(key=lambda s: s.i)


def _source_of(key: str, keys) -> str | None:
    if key in INSTITUTIONS:
        return "institution"
    if key in COUNTRY_ABBREVIATIONS:
        return "abbreviation"
    if key in ADMIN1_ABBREVIATIONS:
        return "admin1_abbreviation"
    if key in DEMONYMS or _plural_demonym(key):
        return "demonym"
    if key in CONTINENT_DEMONYMS:
        return "continent"
    if key in keys:
        return "gazetteer"
    return None


def _known_core(key: str, keys) -> tuple[str | None, str]:
    """The known name inside a longer one ("kanawha river" -> "kanawha", "west africa" ->
    "africa") and the qualifier that goes with it; ``(None, "")`` when there is none."""
    first, _, rest = key.partition(" ")
    if rest in keys and (first in NAME_PREFIXES or first in DIRECTIONS):
        return rest, "feature" if first in FEATURE_PREFIXES else ""
    head, _, last = key.rpartition(" ")
    if head in keys and last in FEATURE_HEADS:
        return head, "feature"
    return None, ""


def spans_from_offsets(
    tokens: list[Token], offsets: list[tuple[int, int]], resolver, text: str
) -> list[Span]:
    """Build :class:`Span` objects for given character offsets (gold-span evaluation).

    A span whose words are no gazetteer key is looked up with the gazetteer's
    qualifier-aware, fuzzy :meth:`lookup`; its records ride along in ``extra["places"]``.
    """
    import bisect

    starts = tokens.starts
    out: list[Span] = []
    for a, b in offsets:
        i = max(0, bisect.bisect_right(starts, a) - 1)
        if i < tokens.n and tokens.tok(i).end <= a:
            i += 1
        j = bisect.bisect_left(starts, b)
        i = min(i, tokens.n)
        j = max(j, i)
        surface = text[a:b]
        key = normalize(surface)
        for prefix in ("the ",):
            if key.startswith(prefix) and key[len(prefix) :] in resolver.keys:
                key = key[len(prefix) :]
        if key.endswith(" s") and key[:-2] in resolver.keys:
            key = key[:-2]  # "Russia's"
        source = _source_of(key, resolver.keys)
        qualifier = ""
        if source is None:
            core, qualifier = _known_core(key, resolver.keys)
            if core is not None:
                key, source = core, "gazetteer"
        span = Span(
            i,
            j,
            a,
            b,
            key,
            source or "lookup",
            qualifier=qualifier,
            sentence_start=bool(i < tokens.n and tokens.tok(i).sentence_start),
        )
        if source is None:
            span.extra["places"] = resolver.lookup(surface)
        out.append(span)
    out.sort(key=lambda s: (s.start, s.end))
    _qualify(out, tokens)
    # Gold spans carry their own qualifiers ("Rapides Parish"); keep their extent.
    for s in out:
        s.longer_name = False
    return out
