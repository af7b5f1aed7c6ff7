"""Precision rules: drop gazetteer matches that are more likely something else.

A resolved name is kept unless one rule of :data:`RULES` rejects it. Each rule is a
small predicate ``rule(res, doc) -> bool`` (True: reject) that reads the resolution and
what the whole document says (:class:`DocumentEvidence`); its docstring says what it
rejects and why. Rules run only on names the gazetteer resolved: a name it lacks
(source ``"unknown"``, "the village of Zalestsy") has nothing to weigh it against, and
names found in a table (demonyms, abbreviations, institutions) need only the first rules
(:data:`ANY_SOURCE_RULES`).

The thresholds are the module constants below; a rule's order in the list does not
change the verdict (any rejection drops the name), only how soon it is found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from geoinc import lang as _lang
from geoinc.geoparsing.lexicon import DIRECTIONS, DISEASE_AFTER
from geoinc.geoparsing.recognise import Span, Tokens
from geoinc.geoparsing.resolve import (
    BIG_PLACE,
    Resolution,
    Resolver,
    small_place,
    word_outweighs,
)

__all__ = [
    "DocumentEvidence",
    "Rule",
    "ANY_SOURCE_RULES",
    "GAZETTEER_RULES",
    "RULES",
    "plausible",
    "people",
    "document_countries",
]

#: A resolution this confident puts its country among the document's countries.
CONFIDENT_COUNTRY = 0.6
#: A town this big keeps its name when a capitalised word comes before it ("Historic
#: Dublin"): such a word makes only a small town's name a surname.
BIG_NAMESAKE = 200_000
#: An alternate spelling this short is a code or an abbreviation ("SOL", "Sam").
ALT_CODE_MAX_LEN = 3
#: An alternate spelling this frequent (Zipf) is an English word ("Part", "Free").
ALT_WORD_ZIPF = 3.0
#: Context bonus (region, "Town, State") that vouches for a place by itself.
STRONG_SUPPORT = 3.0
#: How much context vouches for a frequent word's place (powers of ten of population it
#: makes up for, see :func:`~geoinc.geoparsing.resolve.word_outweighs`): strong support,
#: and some support less than :data:`STRONG_SUPPORT`.
STRONG_VOUCH = 3.0
WEAK_VOUCH = 1.0
#: A town under this many people, named right before "said", is a person ("Dyer said").
SPEAKER_MAX_POPULATION = 100_000
#: Kinds of place an alternate spelling may name only with support.
_ALT_KINDS = ("place", "admin1", "settlement")
#: An acronym may be the name of a place of these kinds ("US", "UK", "NY").
_ACRONYM_KINDS = ("country", "admin1")


@dataclass(frozen=True, slots=True)
class DocumentEvidence:
    """What the whole document says, for the rules that weigh one name against it."""

    countries: set[str]  # countries of the confidently resolved names
    people: set[str]  # name keys the document uses for people (:func:`people`)
    zipf: dict  # word -> Zipf frequency
    results: list[Resolution]  # every resolution, in text order
    tokens: Tokens


#: A precision rule: True rejects the name.
Rule = Callable[[Resolution, DocumentEvidence], bool]


def _next_word(span: Span, tokens: Tokens) -> tuple[str, str]:
    """The key of the word after a name and what separates them (``("", "")`` at the
    end), read without building its token."""
    j = span.j
    return (tokens.key(j), tokens.seps[j]) if j < tokens.n else ("", "")


def _one_word(span: Span) -> bool:
    return span.j - span.i == 1


# ---- rules for every source ----------------------------------------------------------


def no_place(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a name the resolver found no record for: a place name must name a place
    (the later rules read the record)."""
    return res.place is None


def disease_name(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a name followed by a disease word ("West Nile virus", "Ebola fever"): a
    disease named after a place, not the place."""
    key, sep = _next_word(res.span, doc.tokens)
    return sep == " " and key in DISEASE_AFTER


def virus_strain(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a name between slashes ("A/California/7/2009"): part of a virus strain's
    designation, not a place in the story."""
    span, tokens = res.span, doc.tokens
    _, sep = _next_word(span, tokens)
    return sep.startswith("/") and tokens.seps[span.i].endswith("/")


# ---- rules for gazetteer matches -------------------------------------------------------


def organisation_acronym(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects an acronym ("UN", "EU") that matches only a small place: it names an
    organisation, not the village of those letters; countries, regions and big places
    keep their acronyms ("US", "NY")."""
    place = res.place
    return bool(
        res.span.extra.get("acronym")
        and place.kind not in _ACRONYM_KINDS
        and place.population < BIG_PLACE
    )


def bare_feature(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a one-word river, sea or island name without "the" ("Don", "Main"): in
    English these are words or first names unless the text says "the Don"."""
    span = res.span
    return (
        res.place.kind in ("water", "feature")
        and _one_word(span)
        and not after_the(span, doc.tokens)
    )


def alternate_code_or_word(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a match on an alternate spelling that is a short code ("SOL", "Sam") or a
    common English word ("Part", "Free"): not worth the risk."""
    if res.primary or res.place.kind not in _ALT_KINDS:
        return False
    key = res.span.key
    return len(key) <= ALT_CODE_MAX_LEN or doc.zipf.get(key, 0.0) >= ALT_WORD_ZIPF


def alternate_unsupported(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a match on an alternate spelling of a place that is neither big, nor
    supported by the text around it (region, "Town, State"), nor in a country the
    document is about: a former or foreign name is a weak match on its own."""
    place = res.place
    if res.primary or place.kind not in _ALT_KINDS:
        return False
    return (
        place.population < BIG_PLACE
        and res.support < STRONG_SUPPORT
        and place.country not in doc.countries
    )


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    """Verbs after a name that make it a speaker ("Dyer said"): ``geoparse_speech_verbs``."""
    return _lang.words(_lang.DEFAULT, "geoparse_speech_verbs")


@lru_cache(maxsize=1)
def _locative() -> frozenset[str]:
    """Prepositions that place the name after them: ``geoparse_locative_prepositions``."""
    return _lang.words(_lang.DEFAULT, "geoparse_locative_prepositions")


def speaker(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a one-word small town right before "said", "told" ... ("Dyer said"): a
    person speaking, not the town of that name; not after a locative preposition
    ("officials in Pokrovsk said")."""
    span, place = res.span, res.place
    if not (small_place(place) and _one_word(span)):
        return False
    if span.i and doc.tokens.key(span.i - 1) in _locative():
        return False
    key, sep = _next_word(span, doc.tokens)
    return sep == " " and key in _speech_verbs() and place.population < SPEAKER_MAX_POPULATION


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    """Words that end an organisation's name: ``geoparse_org_heads``."""
    return _lang.words(_lang.DEFAULT, "geoparse_org_heads")


def organisation_head(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a one-word small place whose name ends an organisation's name after
    another capitalised word ("Fleet" in "the Black Sea Fleet", "Guard" in "the Border
    Guard"): the word is the organisation's, not the town's."""
    span, tokens = res.span, doc.tokens
    if span.key not in _org_heads() or span.i == 0:
        return False  # the set first: few names are an organisation's head word
    return (
        _one_word(span)
        and small_place(res.place)
        and tokens.seps[span.i] == " "
        and tokens.words[span.i - 1][0].isupper()
    )


def person_name(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a small place whose name is part of a longer proper name ("Franklin" in
    "Franklin Roosevelt") or that the document uses for a person ("Jones" once it said
    "Mr Jones")."""
    span = res.span
    return small_place(res.place) and (span.longer_name or span.key in doc.people)


def name_pair(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a small place right before another small place's name ("Henry Jones"): a
    first name and a surname that are both also towns."""
    span = res.span
    if not small_place(res.place) or "name_pair" not in span.extra:
        return False
    return small_place(doc.results[span.extra["name_pair"]].place)


def settlement_out_of_country(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a name-only Ukrainian settlement (kind ``"settlement"``, from the
    supplementary list) when the text names nothing in its country: thousands of
    village names are words or surnames elsewhere."""
    place = res.place
    return place.kind == "settlement" and place.country not in doc.countries - {""}


def frequent_word(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a one-word small place whose name is a frequent English word, unless the
    place is big for how common the word is or the context (region, "Town, State")
    vouches for it (:func:`~geoinc.geoparsing.resolve.word_outweighs`)."""
    span, place = res.span, res.place
    if not (_one_word(span) and small_place(place)):
        return False
    if res.support >= STRONG_SUPPORT:
        vouch = STRONG_VOUCH
    else:
        vouch = WEAK_VOUCH if res.support > 0 else 0.0
    return word_outweighs(place, span, doc.zipf, vouch)


@lru_cache(maxsize=1)
def _clock_or_day_words() -> frozenset[str]:
    """Words that make a place name before them a clock or a day:
    ``geoparse_name_before_other`` (matched as written)."""
    return _lang.words(_lang.DEFAULT, "geoparse_name_before_other")


def clock_or_day(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a name right before "time" or "Day" ("01:35 Moscow time", "Kyiv Day"):
    the pair names a time zone or a holiday, not the place."""
    j = res.span.j
    tokens = doc.tokens
    return j < tokens.n and tokens.seps[j] == " " and tokens.words[j] in _clock_or_day_words()


def water_only(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a town for a name the text makes a water's ("the Kakhovka reservoir",
    "the left bank of the Dnipro"): the river or reservoir, or nothing."""
    return bool(res.span.extra.get("water")) and res.place.kind not in ("water", "feature")


@lru_cache(maxsize=1)
def _landmark_nouns() -> frozenset[str]:
    """Lower-case establishment nouns after a name: ``geoparse_landmark_nouns``."""
    return _lang.words(_lang.DEFAULT, "geoparse_landmark_nouns")


def landmark_name(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a name between "the" and a lower-case establishment noun ("the Bristol
    hotel in Odesa"): the hotel's name, not the place."""
    span, tokens = res.span, doc.tokens
    j = span.j
    # the raw word first: most names have no establishment noun after them
    if j >= tokens.n or tokens.words[j] not in _landmark_nouns():
        return False
    nxt, sep = _next_word(span, tokens)
    return (
        sep == " "
        and tokens.words[j] == nxt  # lower case as written
        and span.i > 0
        and tokens.key(span.i - 1) == "the"
    )


def ship_name(res: Resolution, doc: DocumentEvidence) -> bool:
    """Rejects a name right after a lower-case ship noun ("the landing ship
    Novocherkassk"): the ship's name, not the place."""
    i = res.span.i
    words = doc.tokens.words
    return i > 0 and words[i - 1] in _lang.words(_lang.DEFAULT, "geoparse_ship_nouns")


#: Rules for every resolved name (``no_place`` first: the others read the record).
ANY_SOURCE_RULES: tuple[Rule, ...] = (no_place, disease_name, virus_strain, clock_or_day)
#: Further rules for names matched in the gazetteer (not in a table of demonyms,
#: abbreviations or institutions).
GAZETTEER_RULES: tuple[Rule, ...] = (
    organisation_acronym,
    bare_feature,
    water_only,
    landmark_name,
    ship_name,
    alternate_code_or_word,
    alternate_unsupported,
    speaker,
    organisation_head,
    person_name,
    name_pair,
    settlement_out_of_country,
    frequent_word,
)
#: Every rule, in the order they run on a gazetteer match.
RULES: tuple[Rule, ...] = ANY_SOURCE_RULES + GAZETTEER_RULES


def plausible(res: Resolution, doc: DocumentEvidence) -> bool:
    """Whether a resolved name is kept: no rule rejects it.

    Examples
    --------
    >>> from geoinc.geoparsing import resolver_for
    >>> from geoinc.geoparsing.recognise import find_spans, tokenize
    >>> text = "Dyer said shells fell on Kharkiv."
    >>> r, tokens = resolver_for(), tokenize(text)
    >>> results = r.resolve(find_spans(tokens, r.keys, text, r.first_words, r.zipf), tokens)
    >>> doc = DocumentEvidence(document_countries(results), set(), r.zipf, results, tokens)
    >>> [(res.span.key, plausible(res, doc)) for res in results]
    [('dyer', False), ('kharkiv', True)]
    """
    source = res.span.source
    if source == "unknown":
        return True  # a name the gazetteer lacks: nothing to weigh it against
    for rule in RULES if source == "gazetteer" else ANY_SOURCE_RULES:
        if rule(res, doc):
            return False  # a plain loop: a generator per name cost more than the rules
    return True


def document_countries(results: list[Resolution]) -> set[str]:
    """Countries of the names resolved with confidence above :data:`CONFIDENT_COUNTRY`."""
    return {
        r.place.country for r in results if r.place is not None and r.confidence > CONFIDENT_COUNTRY
    }


def people(results: list[Resolution], resolver: Resolver) -> set[str]:
    """Name keys the document uses for people ("Mr Jones", "Henry Jones" -> "jones"),
    except those it also calls a settlement outright ("the city of Tuapse"): one odd
    pair elsewhere ("Marine Terminal Tuapse") makes no person of them."""
    out = set()
    placed = {res.span.key for res in results if "settlement_word" in res.span.extra}
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
            if not any(p.population >= BIG_NAMESAKE for p, _ in resolver.candidates(span.key)):
                out.add(span.key)
        elif "name_pair_second" in span.extra:
            first = results[span.extra["name_pair_second"]]
            if small_place(first.place) and small_place(res.place):
                out.add(span.key)
    return out - placed


def after_the(span: Span, tokens: Tokens) -> bool:
    """ "the Don", "the eastern Mediterranean"."""
    k = span.i - 1
    if k >= 0 and tokens.tok(k).key in DIRECTIONS and not tokens.tok(k).cap:
        k -= 1
    return k >= 0 and tokens.tok(k).key == "the"
