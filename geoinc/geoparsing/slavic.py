"""Place names in Ukrainian and Russian text: inflected forms reach the gazetteer's names.

Ukrainian and Russian decline place names ("в Одесі", "з Харкова", "по Дніпру"), so a
word is looked up under its dictionary forms, given by the morphological analyser
``pymorphy3`` and its Ukrainian and Russian dictionaries (``pip install geoinc[slavic]``).
Adjectives are put in the nominative of their own gender and number, so that a name of
several words agrees again ("Білій Церкві" -> "Біла Церква", "Курской области" ->
"Курская область"). The gazetteer already indexes the Cyrillic names (GeoNames
alternate names, KATOTTG, ISO 3166-2); this module only finds which words are names.

Constructions, each read from language data in ``geoinc/lang/<code>/``:

* an adjective before a region noun is the region ("Білгородської області");
* a colloquial region name is the region ("на Харківщині", ``geoparse_colloquial.tsv``);
* "<adjective> район <city>" is a district of that city, resolved to the city with the
  district as detail ("у Київському районі Харкова"); "<adjective> район" alone is the
  raion named after its centre ("Нікопольський район");
* a name or its adjective before an organisation word is part of an organisation's name
  ("Харківська ОВА", role ``"organisation"``);
* a capital before a speech or attack verb stands for its government ("Москва заявила",
  role ``"actor"``).

Resolution in context (population prior, country and region coherence) is the English
geoparser's :class:`~geoinc.geoparsing.resolve.Resolver`, fed with the dictionary-form keys.

Examples
--------
>>> ms = geoparse("Уночі дрони атакували Харків, уламки впали в Одесі.", lang="uk")
>>> [(m.text, m.place.name) for m in ms]
[('Харків', 'Kharkiv'), ('Одесі', 'Odesa')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

from geoinc import lang as _lang
from geoinc.exceptions import ConfigurationError
from geoinc.geoparsing.mention import Mention
from geoinc.geoparsing.recognise import _POSSESSIVE, Span, _head_key
from geoinc.names import normalize, romanize_ru, romanize_uk

__all__ = ["geoparse", "lemma_keys", "morph", "clear_caches", "SLAVIC"]

#: Languages this module reads.
SLAVIC = ("uk", "ru")
INSTALL_HINT = "pip install 'geoinc[slavic]'"

_MAX_WORDS = 4
_UNITS = ("raion", "rayon", "district")
_LIST_CONJ = frozenset({"та", "і", "й", "и"})
_CYR = re.compile(r"[\u0400-\u04ff]")
_JOIN_SEPS = frozenset({" ", "-", "‐", "‑"})
_SK_TOWN = re.compile(r"(?:ск|цк)(?:а|у|ом|ою)$")
_ADJ_SUFFIX = re.compile(r"(?:ськ|цьк|зьк|ск|цк|зк)(?:ий|ой|ий)$")


@lru_cache(maxsize=2)
def morph(lang: str):
    """The cached ``pymorphy3`` analyser of ``lang`` ("uk" or "ru").

    Raises
    ------
    ConfigurationError
        When pymorphy3 or the language's dictionary is not installed (with the
        command that installs them).
    """
    try:
        import pymorphy3
    except ImportError as err:
        raise ConfigurationError(
            f"reading {lang!r} text needs pymorphy3 and its dictionaries: {INSTALL_HINT}"
        ) from err
    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ValueError, OSError, KeyError) as err:  # the dictionary package is missing
        raise ConfigurationError(f"no pymorphy3 dictionary for {lang!r}: {INSTALL_HINT}") from err


_PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
_KNOWN = "known"  # a pseudo-tag of _forms: the dictionary has the word
_PLURAL_KEY = "plural-key"  # a pseudo-tag of _forms: a town's name rebuilt from a case form
# Parts of speech that are never a place's name, whatever village shares the spelling.
_NOT_NAME_POS = frozenset(
    {"NPRO", "PREP", "CONJ", "PRCL", "ADVB", "VERB", "INFN", "INTJ", "PRED", "NUMR", "COMP"}
)


@lru_cache(maxsize=65536)
def _forms(lang: str, word: str) -> tuple[tuple[str, ...], frozenset[str], str, frozenset[str]]:
    """Dictionary-form keys of one word, its grammar tags, its likeliest part of speech
    and the dictionary forms of its noun readings.

    Keys: the dictionary forms of the analyses that are not people's names, then the
    word as written, then the people's-name analyses ("Києві" is Kyiv before "Кий").
    """
    own = normalize(word)
    first: list[str] = []
    last: list[str] = []
    tags: set[str] = set()
    every = morph(lang).parse(word)
    parses = every[:4]
    if any(p.is_known for p in every):
        tags.add(_KNOWN)  # in the dictionary (asked once here, not again per rule)
    plurals = set()
    for p in parses:
        tag = p.tag
        grams = tag.grammemes
        tags |= grams
        out = last if grams & _PERSON_TAGS and "Geox" not in grams else first
        if "ADJF" in tag and (infl := _nominative(lang, p)) is not None:
            out.append(normalize(infl))
        elif _oblique_plural(tag) and (infl := _nominative(lang, p)) is not None:
            # "по Алешкам", "в Вилках": a plural town name, whose singular the
            # dictionary offers first (a first name "Алешка")
            plurals.add(normalize(infl))
            tags.add(_PLURAL_KEY)
            out.append(normalize(infl))
        out.append(normalize(p.normal_form))
    # (a surname's case form only, to the dictionary: the town first, "Климове")
    neuter = _ru_neuter(lang, own)
    keys = [*first, *(() if first else neuter), own, *last, *_ua_locative(lang, own), *neuter]
    if word[:1].isupper():
        keys += _regular_nominatives(lang, own)
    if neuter and not first:
        plurals.update(neuter)  # a town's name rebuilt from its case ending, as a plural's
        tags.add(_PLURAL_KEY)
    # a Russian name written the Ukrainian way: "Бєлгородською" (Russian "е", official
    # Ukrainian "і": "Білгородська")
    keys += [k.replace("є", v) for v in ("е", "і") for k in keys if "є" in k]
    pos = str(parses[0].tag.POS) if parses else ""
    nouns = {
        normalize(p.normal_form)
        for p in parses
        if "NOUN" in p.tag and _PERSON_TAGS.isdisjoint(p.tag.grammemes)
    } | plurals
    if m := _SK_TOWN.search(own):
        # "Покровська", "Краматорську": a -ськ town in the genitive, dative or instrumental,
        # which the dictionary may read only as an adjective or a surname
        nouns.add(own[: m.start() + 2])
        # the instrumental ("под Курском") before the adjective's neuter ("Курское")
        keys.insert(0 if own.endswith("ом") else len(keys), own[: m.start() + 2])
    return tuple(dict.fromkeys(k for k in keys if k)), frozenset(tags), pos, frozenset(nouns)


_UA_LOCATIVE = re.compile(r"(?<=[^\W\d_]{2})(зі|ці|сі)$")
_UA_VELAR = {"зі": "г", "ці": "к", "сі": "х"}
_UA_LAST_O = re.compile(r"о(?=[^аеєиіїоуюя]+$)")


def _ua_locative(lang: str, own: str) -> tuple[str, ...]:
    """Ukrainian locatives of г/к/х stems the dictionary does not know as names: "Бурлуці"
    is Бурлук, "Розі" (of Кривий Ріг) Ріг, with the і of the closed last syllable."""
    if lang != "uk" or not (m := _UA_LOCATIVE.search(own)):
        return ()
    stem = own[: m.start()] + _UA_VELAR[m.group(1)]
    return (stem, _UA_LAST_O.sub("і", stem)) if _UA_LAST_O.search(stem) else (stem,)


def _regular_nominatives(lang: str, own: str) -> list[str]:
    """Nominatives a capitalised word may be a case form of by the regular endings of
    place names (``geoparse_case_endings.tsv``), for names the dictionary does not know:
    "Здолбунові" -> Здолбунів, "Марганце" -> Марганец (the dictionary's manganese)."""
    endings, lengths = _data(lang)["case_endings"]
    out = []
    for n in lengths:  # longest ending first; one dictionary lookup a length
        noms = endings.get(own[-n:]) if len(own) > n + 2 else None
        if noms:
            out += [normalize(own[:-n] + nom) for nom in noms]
    return out


_RU_NEUTER = re.compile(r"(?<=[^\W\d_]{3})([оеиы])(?:ве|не)$")  # the locative only


def _ru_neuter(lang: str, own: str) -> tuple[str, ...]:
    """Russian towns in -ово/-ево/-ино/-ыно in the locative, which the dictionary reads as
    a surname's: "в Климове" is Климово (other cases stay surnames: "губернатора Смирнова")."""
    if lang != "ru" or not (m := _RU_NEUTER.search(own)):
        return ()
    cons = own[m.end(1)]  # в or н
    return (own[: m.start()] + m.group(1) + cons + "о",)


def _oblique_plural(tag) -> bool:
    """A noun in the plural and not in the nominative."""
    grams = tag.grammemes  # one set lookup a grammeme, not the tag's properties
    return "NOUN" in grams and "plur" in grams and not grams.isdisjoint(tag.CASES - {"nomn"})


def _nominative(lang: str, p) -> str | None:
    """``p.inflect({"nomn"}).word`` without building the lexeme: for a dictionary word,
    or one guessed by its ending alone, the form inflect picks depends only on the
    paradigm and the word's place in it, so the pick is computed once a paradigm form
    and the word spelt from its stem."""
    stack = p.methods_stack
    if not _paradigm_word(stack):
        infl = p.inflect({"nomn"})  # guessed otherwise: its lexeme is the guesser's
        return None if infl is None else infl.word
    unit, _, para_id, idx = stack[0]
    pick = _nominative_index(unit, para_id, idx)
    if pick < 0:
        return None
    d = unit.dict
    para = d.paradigms[para_id]
    n = len(para) // 3
    stem = d.build_stem(para, idx, p.word)
    return d.paradigm_prefixes[para[2 * n + pick]] + stem + d.suffixes[para[pick]]


def _paradigm_word(stack) -> bool:
    """A parse whose lexeme is its paradigm's forms spelt from its stem: the dictionary's
    own, or the known-suffix guesser's (a dictionary paradigm, the lexeme unchanged)."""
    from pymorphy3.units.by_analogy import KnownSuffixAnalyzer
    from pymorphy3.units.by_lookup import DictionaryAnalyzer

    if not isinstance(stack[0][0], DictionaryAnalyzer):
        return False
    return len(stack) == 1 or (len(stack) == 2 and type(stack[1][0]) is KnownSuffixAnalyzer)


@lru_cache(maxsize=16384)
def _nominative_index(unit, para_id: int, idx: int) -> int:
    """The index in paradigm ``para_id`` of the form pymorphy3's ``inflect({"nomn"})``
    picks for its form ``idx`` (-1: none): the first nominative form most similar in
    grammemes (``MorphAnalyzer._inflect``, whose nlargest keeps the first of equals)."""
    want = unit.dict.build_tag_info(para_id, idx).updated_grammemes({"nomn"})
    best, score = -1, 0.0
    for i, grams in _paradigm_nominatives(unit, para_id):
        sim = len(want & grams) - 0.1 * len(want ^ grams)
        if best < 0 or sim > score:
            best, score = i, sim
    return best


@lru_cache(maxsize=8192)
def _paradigm_nominatives(unit, para_id: int) -> tuple[tuple[int, frozenset[str]], ...]:
    """The nominative forms of a paradigm: their indices and grammemes, in order."""
    d = unit.dict
    tags = (d.build_tag_info(para_id, i) for i in range(len(d.paradigms[para_id]) // 3))
    return tuple((i, t.grammemes) for i, t in enumerate(tags) if "nomn" in t.grammemes)


def lemma_keys(word: str, lang: str) -> tuple[str, ...]:
    """Gazetteer keys a word may stand for: its dictionary forms, then as written.

    Examples
    --------
    >>> lemma_keys("Харкова", "uk")[:2]
    ('харків', 'харкова')
    >>> "курская" in lemma_keys("Курской", "ru")
    True
    """
    return _forms(lang, word)[0]


@lru_cache(maxsize=8)
def _data(lang: str) -> dict:
    def norm_set(name: str) -> frozenset[str]:
        return frozenset(normalize(w) for w in _lang.words(lang, name))

    def norm_table(name: str) -> dict[str, str]:
        return {normalize(k): normalize(v) for k, v in _lang.table(lang, name).items()}

    return {
        "region": norm_set("geoparse_region_nouns"),
        "district": norm_set("geoparse_district_nouns"),
        # a cheap first test before the dictionary is asked (every word is looked at)
        "district_prefix": frozenset(w[:3] for w in norm_set("geoparse_district_nouns")),
        "street": norm_set("geoparse_street_nouns"),
        "settlement": norm_set("geoparse_settlement_words"),
        "city_words": norm_set("geoparse_city_words"),
        "unit_qualifiers": norm_set("geoparse_unit_qualifiers"),
        "unit_qualifier_prefix": frozenset(w[:3] for w in norm_set("geoparse_unit_qualifiers")),
        "facility": norm_set("geoparse_facility_nouns"),
        "org": norm_set("geoparse_org_after"),
        "org_before": norm_set("geoparse_org_before"),
        "forces": norm_set("geoparse_org_forces"),
        "actor_before": norm_set("geoparse_actor_before"),
        "spatial_before": norm_set("geoparse_spatial_before"),
        "direction": norm_set("geoparse_direction_nouns"),
        "actor_verbs": tuple(normalize(w) for w in _lang.phrases(lang, "geoparse_actor_verbs")),
        "capitals": norm_set("geoparse_capitals"),
        "first_names": norm_set("geoparse_first_names"),
        "outlets": norm_set("geoparse_outlet_nouns"),
        "water_nouns": norm_set("geoparse_water_nouns"),
        "ship_nouns": norm_set("geoparse_ship_nouns"),
        "colloquial": norm_table("geoparse_colloquial"),
        "aliases": norm_table("geoparse_aliases"),
        "colloquial_endings": tuple(
            (normalize(k), normalize(v))
            for k, v in _lang.table(lang, "geoparse_colloquial_endings").items()
        ),
        "case_endings": _case_endings(lang),
    } | {
        "street_or_facility": norm_set("geoparse_street_nouns")
        | norm_set("geoparse_facility_nouns"),
        "heads": frozenset(
            k.split()[0]
            for name in ("geoparse_aliases", "geoparse_colloquial")
            for k in norm_table(name)
        ),
    }


def _case_endings(lang: str) -> tuple[dict[str, tuple[str, ...]], tuple[int, ...]]:
    """``geoparse_case_endings.tsv`` as {ending: nominative endings} and the endings'
    lengths, longest first."""
    table = {
        k: tuple("" if n.strip() == "-" else n.strip() for n in v.split(","))
        for k, v in _lang.table(lang, "geoparse_case_endings").items()
    }
    return table, tuple(sorted({len(k) for k in table}, reverse=True))


def geoparse(text: str, *, gazetteer=None, lang: str = "uk") -> list[Mention]:
    """Find and resolve the place names of a Ukrainian or Russian text.

    Parameters
    ----------
    text : str
    gazetteer : geoinc.gazetteer.Gazetteer, optional
    lang : {"uk", "ru"}

    Returns
    -------
    list of Mention
        In text order; ``Mention.text`` is the surface as written ("Одесі"),
        ``Mention.place`` the gazetteer record (canonical English name).

    Raises
    ------
    ConfigurationError
        When ``lang`` is not Ukrainian or Russian, or pymorphy3 is missing.

    Examples
    --------
    >>> ms = geoparse("Харківська ОВА повідомила про удар по Київському району Харкова.")
    >>> [(m.text, m.place.name, m.role) for m in ms]
    [('Харківська', 'Kharkiv Oblast', 'organisation'), ('Київському району', 'Kharkiv', \
'location'), ('Харкова', 'Kharkiv', 'location')]
    """
    if lang not in SLAVIC:
        raise ConfigurationError(f"geoinc.geoparsing.slavic reads {SLAVIC}, not {lang!r}")
    from geoinc.geoparsing import resolver_for
    from geoinc.geoparsing.recognise import tokenize

    resolver = resolver_for(gazetteer)
    tokens = tokenize(text)
    spans = _find_spans(tokens, resolver, lang)
    results = resolver.resolve(spans, tokens)
    countries = {
        r.place.country
        for r in results
        if r.place is not None and r.confidence > 0.6 and r.place.kind in ("country", "admin1")
    }
    return _mentions(text, tokens, results, resolver, lang, countries)


def _mentions(text: str, tokens, results, resolver, lang: str, countries: set) -> list[Mention]:
    """The resolutions that pass the precision rules, as mentions with their roles."""
    out = []
    prev = None
    for res in results:
        span = res.span
        place = _river_of(span, _place_of(res, resolver, countries), tokens, resolver, lang)
        if place is None or not _plausible(res, place, tokens, lang, countries):
            continue
        inside = _container(span, prev, tokens)
        role = "other" if inside else _role(span, place, tokens, lang)
        role = "dateline" if _dateline(text, span) else role
        if inside and out:
            out[-1] = _within(out[-1], place)
        surface = text[span.start : span.end]
        out.append(
            Mention(span.start, span.end, surface, place, role, res.confidence, res.candidates)
        )
        prev = span
    return out


_TOWN = 5000  # a town's population: capitalised inside a sentence, a word is its name
_CONTAINED_KM = 80.0  # a village from the point of the raion named after it


def _within(m: Mention, unit) -> Mention:
    """The village's namesake in the raion named right after it ("село Веселе
    Бериславського району"), when the chosen one lies far from the raion's point."""
    from geoinc.geodesy import geodesic_distance

    def km(p) -> float:
        return float(geodesic_distance(p.lon, p.lat, unit.lon, unit.lat)[0])

    if m.place is None or km(m.place) <= _CONTAINED_KM:
        return m
    near = [p for p in m.candidates or () if km(p) <= _CONTAINED_KM]
    return replace(m, place=near[0]) if near else m


def _sector(tokens, j: int, data: dict) -> bool:
    """A direction noun follows, possibly after more listed adjectives."""
    for k in range(j, min(j + 12, tokens.n)):
        key = _key(tokens, k)
        if key in data["direction"]:
            return True
        if not (_cap(tokens, k) or key in _LIST_CONJ):
            return False
    return False


def _river_of(span: Span, place, tokens, resolver, lang: str):
    """After a river's noun ("на лівому березі Дніпра"), the river of the name when the
    gazetteer has one (``claims_rivers``: stems -> the river's name), else ``place``
    (which the precision rules then drop)."""
    if place is None or place.kind in ("water", "feature"):
        return place
    if not set(_words_before(tokens, span.i, 1)) & _data(lang)["water_nouns"]:
        return place
    own = normalize(_raw(tokens, span.i))
    for stem, name in _lang.table(lang, "claims_rivers").items():
        if own.startswith(stem):
            rivers = [p for p, _ in resolver.candidates(name.lower()) if p.kind == "water"]
            return rivers[0] if rivers else place
    return place


def _place_of(res, resolver, countries: set[str]):
    """The resolver's choice, corrected: a raion is the raion, not a namesake village
    ("Bohodukhivskyi"); a small namesake abroad loses to a candidate at home."""
    place = res.place
    if place is None:
        return None
    if "raion" in res.span.extra and place.kind != "admin2":
        place = next((p for p, _ in resolver.candidates(res.span.key) if p.kind == "admin2"), place)
    home = countries | {"UA", "RU"}
    if place.country not in home and place.population < 1_000_000:
        place = next((p for p in res.candidates if p.country in home), place)
    return place


def _container(span: Span, prev: Span | None, tokens) -> bool:
    """A raion or hromada right after a settlement ("село Кучерівка Куп'янського
    району") says where the settlement is; it is no second place of the event."""
    return (
        prev is not None
        and ("raion" in span.extra or "alias" in span.extra or "hromada" in span.extra)
        and prev.j == span.i
        and tokens.seps[span.i] == " "
    )


def _find_spans(tokens, resolver, lang: str) -> list[Span]:
    """Longest runs of words, starting at a capitalised Cyrillic word (or a street
    word), whose dictionary forms make a gazetteer key or one of the constructions of
    the module docstring."""
    spans: list[Span] = []
    data = _data(lang)
    listed = _listed_districts(tokens, lang)
    people: set[str] = set()
    city = ""  # the key of the last big city named: streets and districts belong to it
    k = 0
    street_end = -1  # where the last street name ended: "вулицях Шевченка, Франка та ..."
    for i in _starts(tokens, data):
        if i < k:
            continue
        if city and _continues_list(tokens, street_end, i):
            got = (i + 1, city, "", {"street": _raw(tokens, i)})
        elif _key(tokens, i) in data["street"]:
            got = _street(tokens, i, city)
        else:
            got = (
                _listed(tokens, i, listed, resolver, data, lang, city)
                or _district(tokens, i, resolver, lang, city)
                or _facility(tokens, i, resolver, data, lang, city)
                or _longest(tokens, i, resolver, data, lang)
            )
        if got is None:
            continue
        j, key, qualifier, extra = got
        street_end = j if "street" in extra else street_end
        if not qualifier and _after_settlement_word(tokens, i, data):
            qualifier = "settlement"  # "село Кучерівка": a village, even one known by name only
        if j - i == 1 and _person(tokens, i, lang, people):
            people.add(key)
            continue
        if key in people:
            continue
        cands = resolver.candidates(key)
        best = max(cands, key=lambda c: c[1])[0] if cands else None
        if best is not None and best.kind == "place" and best.population >= 100_000:
            city = key
        tok = tokens.tok(i)
        start, end = tok.start, tokens.tok(j - 1).end
        spans.append(
            Span(
                i,
                j,
                start,
                end,
                key,
                "gazetteer",
                qualifier,
                extra=extra,
                sentence_start=tok.sentence_start,
            )
        )
        k = j
    return spans


def _after_settlement_word(tokens, i: int, data: dict) -> bool:
    """ "село Кучерівка", "с. Кучерівка" (a short abbreviation with its full stop)."""
    if not i or _key(tokens, i - 1) not in data["settlement"]:
        return False
    sep = tokens.seps[i]
    return sep == " " or (sep == ". " and len(tokens.words[i - 1]) <= 3)


def _facility(tokens, i: int, resolver, data: dict, lang: str, city: str):
    """ "Новоросійський порт" -> the town; "Ленінському проспекті" -> the city's street."""
    if "ADJF" not in _forms(lang, tokens.words[i])[1]:
        return None
    nouns = data["street_or_facility"]  # the noun must be one, next or after next
    if not any(_key(tokens, t) in nouns for t in range(i + 1, min(i + 3, tokens.n))):
        return None
    j = i + 1
    if j < tokens.n and not _cap(tokens, j) and _forms(lang, tokens.words[j])[2] == "ADJF":
        j += 1  # "Севастопольського морського заводу"
    if j >= tokens.n or not _joinable(tokens, j) or _cap(tokens, j):
        return None
    noun = _key(tokens, j)
    if noun in data["street"] and city:
        return j + 1, city, "", {"street": _raw(tokens, i)}
    if noun not in data["facility"]:
        return None
    for form in lemma_keys(tokens.words[i], lang):
        for stem in _adjective_stems(form):
            for place, _ in resolver.candidates(stem)[:3] if stem in resolver.keys else ():
                if place.kind == "place" and place.country in ("UA", "RU"):
                    return j + 1, stem, "", {"facility": _raw(tokens, j)}
    return None


def _listed(tokens, i: int, listed: dict, resolver, data: dict, lang: str, city: str):
    """One adjective of a list before a district noun ("у Дніпровському та Шевченківському
    районах Запоріжжя"): its unit, or a district of the city named after the noun."""
    if i not in listed:
        return None
    noun = listed[i]
    follow = _longest(tokens, noun + 1, resolver, data, lang) if noun + 1 < tokens.n else None
    if follow is not None and any(p.kind == "place" for p, _ in resolver.candidates(follow[1])):
        return i + 1, follow[1], "", {"district": _raw(tokens, i)}
    return _district_of(tokens, i, i + 1, noun, resolver, lang, city)


def _starts(tokens, data: dict) -> list[int]:
    """Token indices where a name may start: capitalised Cyrillic words, street words."""
    words = tokens.words
    starts = [i for i in tokens.caps if "\u0400" <= words[i][0] <= "\u04ff"]  # Cyrillic
    # street words in lower case ("вулиці"), found without a Python loop over the words
    streets = list(compress(count(), map(data["street"].__contains__, map(str.lower, words))))
    if streets:
        caps = set(tokens.caps)
        starts = sorted(starts + [i for i in streets if i not in caps])
    return starts


def _continues_list(tokens, end: int, i: int) -> bool:
    """Token ``i`` is the next name of a list whose last name ended at ``end``."""
    if end < 0 or not _cap(tokens, i):
        return False
    if i == end:
        return tokens.seps[i].strip() == ","
    return i == end + 1 and _key(tokens, end) in _LIST_CONJ and tokens.seps[i] == " "


# Words read without building their token (most words looked at are never resolved): a
# token's raw word is the word less a possessive "'s" (as recognise.Tokens builds it),
# its key the raw word normalised, its separator and capital read off the word lists.
def _raw(tokens, k: int) -> str:
    word = tokens.words[k]
    return word[:-2] if len(word) > 3 and word[-2:] in _POSSESSIVE else word


def _key(tokens, k: int) -> str:
    return _head_key(tokens.words[k])  # normalize(_raw(tokens, k)), cached by the word


def _cap(tokens, k: int) -> bool:
    return tokens.words[k][0].isupper()


def _joinable(tokens, j: int) -> bool:
    # read from the word and its separator: the token need not be built
    return tokens.seps[j] in _JOIN_SEPS and "\u0400" <= tokens.words[j][0] <= "\u04ff"


def _person(tokens, i: int, lang: str, people: set[str]) -> bool:
    """A surname next to a first name ("Олександр Гусев") is a person, not a place, and
    so is a first name before a capitalised word ("Володимир Зеленський")."""
    tags = _forms(lang, tokens.words[i])[1]
    if i + 1 < tokens.n and tags & {"Name", "anim"}:
        if (
            tokens.seps[i + 1] == " "
            and _cap(tokens, i + 1)
            and "Surn" in _forms(lang, _raw(tokens, i + 1))[1]
        ):
            return True
    if _first_name(tokens, i, tags, lang):
        return True
    if "Surn" not in tags and _KNOWN in tags:
        return False
    for k in (i - 1, i + 1):
        if 0 <= k < tokens.n and _cap(tokens, k) and len(tokens.words[k]) > 2:
            sep = tokens.seps[max(i, k)]
            other = _forms(lang, tokens.words[k])[1]
            if sep == " " and {"Name", "Patr"} & other and "Geox" not in other:
                return True
    return False


def _first_name(tokens, i: int, tags, lang: str) -> bool:
    """ "Владимир Сальдо", "Володимир Кличко": a first name in the nominative before a
    capitalised word that is no place and no acronym names a person, whatever the
    dictionary makes of the surname ("Сальдо" is a balance to it)."""
    if i + 1 >= tokens.n or tokens.seps[i + 1] != " " or not _cap(tokens, i + 1):
        return False
    nxt = _raw(tokens, i + 1)
    if nxt[:2].isupper() or "Geox" in _forms(lang, nxt)[1]:
        return False
    named = "Name" in tags and "nomn" in tags
    return named or normalize(_raw(tokens, i)) in _data(lang)["first_names"]


def _longest(tokens, i: int, resolver, data: dict, lang: str):
    """(end, key, qualifier, extra) of the longest name starting at token ``i``."""
    keys = resolver.keys
    n = 1
    while n < _MAX_WORDS and i + n < tokens.n and _joinable(tokens, i + n):
        n += 1
    firsts, alias_heads = resolver.first_words, data["heads"]
    heads = [f for f in lemma_keys(tokens.words[i], lang) if f in firsts or f in alias_heads]
    # no name starts with any form of this word: only the constructions below
    levels = _name_keys(tokens, i, n, heads, _prefixes(resolver, lang), lang) if heads else []
    for j in range(i + len(levels), i, -1):
        loose = None
        for key, last in levels[j - i - 1]:
            alias = data["colloquial"].get(key) or data["aliases"].get(key)
            if alias is not None and alias in keys:
                if j - i == 1 and (town := _town_noun(tokens, i, resolver, lang)):
                    return j, town, "", {}  # "Чорноморська": Chornomorsk's genitive
                return j, alias, "region" if key in data["colloquial"] else "", {"alias": key}
            if key not in keys:
                continue
            if loose is None:
                loose = _loose(tokens, i, j, data, lang)
            if not loose:
                qual = "region" if j - i > 1 and last in data["region"] else ""
                readings = [k for k, _ in levels[0]]
                return j, _as_written(tokens, i, j, key, resolver, readings), qual, {}
    # (whatever follows: "на Нікопольщині вибухи", no longer name having matched)
    # "Черкасщина" is the oblast when one is named so, else "Нікопольщина" the raion
    got = _colloquial_region(_raw(tokens, i), resolver, data, lang)
    if got is not None:
        return i + 1, got, "region", {"alias": _raw(tokens, i)}
    got = _colloquial_raion(_raw(tokens, i), resolver, lang)
    if got is not None:
        return i + 1, got, "", {"raion": _raw(tokens, i)}
    if i + 1 < tokens.n and _key(tokens, i + 1) in data["org"]:
        # "Харківська ОВА": an adjective of a region before an organisation word
        for form in lemma_keys(_raw(tokens, i), lang):
            for noun in data["region"]:
                if f"{form} {noun}" in keys:
                    return i + 1, f"{form} {noun}", "region", {"org": True}
    return None


def _as_written(tokens, i: int, j: int, key: str, resolver, readings) -> str:
    """Of a word's readings, a town of Ukraine or Russia before a village or a namesake
    abroad: "Виноградів" is Vynohradiv (not the plural genitive of a village Виноград),
    "Шумську" Shumsk, "в Хості" Khosta (not Khost)."""
    if j - i > 1:
        return key
    own = _key(tokens, i)
    if m := _SK_TOWN.search(own):
        own = own if own in resolver.keys else own[: m.start() + 2]
    keys = resolver.keys
    options = [k for k in dict.fromkeys((own, *readings)) if k != key and k in keys]
    if not options:
        return key  # (most words: one reading only, no candidates asked for)
    if any(p.kind not in ("place", "settlement") for p, _ in resolver.candidates(key)[:3]):
        return key  # "Луганською" (областю): a region's adjective, not Luhansk
    if _key(tokens, i).endswith("ску") and key.startswith(own) and _town_size(own, resolver):
        return own  # "у Первомайську": a -ськ town's locative, no adjective's ending
    if _town_size(key, resolver) >= _TOWN:
        return key
    best = max(options, key=lambda k: _town_size(k, resolver), default=key)
    return best if _town_size(best, resolver) >= _TOWN else key


def _town_size(key: str, resolver) -> int:
    """The population of the largest town of Ukraine or Russia called ``key``."""
    towns = (p for p, _ in resolver.candidates(key)[:3] if p.kind == "place")
    return max((p.population for p in towns if p.country in ("UA", "RU")), default=0)


def _town_noun(tokens, i: int, resolver, lang: str) -> str | None:
    """The key of a -ськ town of Ukraine or Russia the word is a case form of, when the
    word may also be read as an adjective with an alias ("Чорноморська", the genitive
    of Chornomorsk, is no "Black Sea" adjective)."""
    _, _, _, nouns = _forms(lang, _raw(tokens, i))
    towns = (k for k in sorted(nouns) if k.endswith(("ск", "цк")))
    return next((k for k in towns if _is_town(k, resolver, "")), None)


def _name_keys(tokens, i: int, n: int, heads: list[str], prefixes, lang: str) -> list:
    """The keys a name of 1..n words starting at token ``i`` may fold to, by length:
    every combination of the words' dictionary forms (up to four a word after the first),
    in the order of :func:`itertools.product`, as ``(key, its last form)``. A combination
    is extended only while it begins some key of the gazetteer or the language data, so
    the words after a name are analysed only when a longer name may go on with them."""
    levels = [[(h, h) for h in heads]]
    for t in range(i + 1, i + n):
        grow = [
            key for key, _ in levels[-1] if key in prefixes or not _CYR.search(key)
        ]  # (a key not in Cyrillic is not pruned: the prefixes are of Cyrillic keys)
        if not grow:
            break
        forms = lemma_keys(_raw(tokens, t), lang)[:4]
        levels.append([(f"{key} {f}", f) for key in grow for f in forms])
    return levels


def _loose(tokens, i: int, j: int, data: dict, lang: str) -> bool:
    """A lower-case word continues a name only as a region noun, inside a hyphenated
    name ("Ростов-на-Дону") or in a listed name ("Чорне море")."""
    if j - i == 1 or _cap(tokens, j - 1) or tokens.seps[j - 1] != " ":
        return False
    last = lemma_keys(_raw(tokens, j - 1), lang)
    return not set(last) & data["region"]


_PREFIXES: dict[int, tuple] = {}


def _prefixes(resolver, lang: str) -> frozenset[str]:
    """Every word-prefix of the gazetteer's Cyrillic keys of several words and of the
    language's aliases ("біла" of "біла церква"), built once per gazetteer."""
    got = _PREFIXES.get(id(resolver.keys))
    if got is None or got[0] is not resolver.keys:
        several = [k for k in resolver.keys if " " in k and _CYR.search(k)]
        got = (resolver.keys, _word_prefixes(several), {})
        _PREFIXES[id(resolver.keys)] = got
    by_lang = got[2]
    if lang not in by_lang:
        data = _data(lang)
        by_lang[lang] = got[1] | _word_prefixes([*data["colloquial"], *data["aliases"]])
    return by_lang[lang]


def _word_prefixes(keys) -> frozenset[str]:
    out: set[str] = set()
    for key in keys:
        cut = key.rfind(" ")
        while cut > 0:
            key = key[:cut]
            out.add(key)
            cut = key.rfind(" ")
    return frozenset(out)


def _street(tokens, i: int, city: str):
    """ "вулиці Шевченка": the street, located at the city the text is about."""
    j = i + 1
    if j < tokens.n and tokens.seps[j].strip() == ".":
        pass  # "вул. Шевченка"
    elif j >= tokens.n or tokens.seps[j] not in (" ", ". "):
        return None
    while j < tokens.n and _cap(tokens, j) and _CYR.match(_raw(tokens, j)):
        j += 1
        if j < tokens.n and tokens.seps[j] not in (" ", "-"):
            break
    if j == i + 1 or not city:
        return None
    return j, city, "", {"street": " ".join(_raw(tokens, t) for t in range(i, j))}


def _listed_districts(tokens, lang: str) -> dict[int, int]:
    """Adjectives listed before one district noun: "у Печерському, Голосіївському та
    Дарницькому районах" -> {index of each adjective: index of the noun}."""
    out: dict[int, int] = {}
    nouns = _district_nouns(tokens, lang)
    for noun in nouns:
        k = noun - 1
        chain = []
        while k >= 0 and _cap(tokens, k) and "ADJF" in _forms(lang, tokens.words[k])[1]:
            chain.append(k)
            sep = tokens.seps[k].strip()
            if sep == "," and k >= 1:
                k -= 1
            elif sep == "" and k >= 2 and _key(tokens, k - 1) in ("та", "і", "и", "й"):
                k -= 2
            else:
                break
        if len(chain) > 1:  # a list: each adjective is a name of its own
            out.update((c, noun) for c in chain)
        out.update((c, noun) for c in _listed_after(tokens, noun, lang))
    _elided_districts(tokens, out, lang, nouns)
    return out


def _district_nouns(tokens, lang: str) -> list[int]:
    """Indices (from 1) of the district nouns ("районі", "громади"): the words that open
    with a district noun's first letters (found without a Python loop), then asked."""
    data = _data(lang)
    words = tokens.words
    maybe = map(data["district_prefix"].__contains__, map(itemgetter(slice(3)), words))
    return [
        k
        for k in compress(count(), maybe)
        if k and set(lemma_keys(words[k], lang)) & data["district"]
    ]


_DISTRICT_ADJ = re.compile(r"(?:ськ|цьк|зьк|ск|цк)(?:ому|ім|ом)$")


def _listed_after(tokens, noun: int, lang: str) -> list[int]:
    """Adjectives listed after a district noun and a dash or colon: "у кількох районах
    столиці — Печерському, Дарницькому та Дніпровському"."""
    k = next(
        (
            t
            for t in range(noun + 1, min(noun + 4, tokens.n))
            if tokens.seps[t].strip() in ("—", "–", ":")
        ),
        None,
    )
    chain: list[int] = []
    while k is not None and k < tokens.n and _cap(tokens, k):
        if not _DISTRICT_ADJ.search(tokens.words[k]):
            break
        chain.append(k)
        if k + 1 < tokens.n and tokens.seps[k + 1].strip() == ",":
            k += 1
        elif k + 2 < tokens.n and _key(tokens, k + 1) in _LIST_CONJ:
            k += 2
        else:
            break
    return chain


def _elided_districts(
    tokens, out: dict[int, int], lang: str, nouns: list[int], window: int = 60
) -> None:
    """ "у Богодухівському районі ..., у Лозівському – ...": an adjective after "у"/"в"
    with its district noun left out is a district like the one named shortly before.
    Only the district nouns and the capitalised words are looked at (``nouns``: the
    indices of :func:`_district_nouns`)."""
    if not nouns:
        return
    data = _data(lang)
    last = None  # index of the last district noun
    is_noun = set(nouns)
    for k in sorted(is_noun.union(tokens.caps)):
        if k == 0:
            continue
        if k in is_noun:
            last = k
            continue
        word = tokens.words[k]
        if last is None or k - last > window or k in out:
            continue
        if tokens.words[k - 1].lower() not in ("у", "в") or not _DISTRICT_ADJ.search(word):
            continue
        if not _cap(tokens, k) or _key(tokens, k - 1) not in ("у", "в"):
            continue
        last_word = k + 1 >= tokens.n
        if last_word or not (_cap(tokens, k + 1) and tokens.seps[k + 1] == " "):
            # not "у Київському районі"
            if last_word or not set(lemma_keys(_raw(tokens, k + 1), lang)) & data["district"]:
                out[k] = last


def _district(tokens, i: int, resolver, lang: str, city: str):
    """ "Київський район Харкова" -> the city; "Нікопольський район" -> the raion."""
    data = _data(lang)
    noun = i + 1 + _unit_qualifier(tokens, i + 1, data, lang)  # "городской округ"
    # the word's first letters first: most capitalised words are no district's name
    if noun >= tokens.n or tokens.words[noun][:3] not in data["district_prefix"]:
        return None
    if not _joinable(tokens, noun):
        return None
    nxt = _raw(tokens, noun)
    if nxt[:3] not in data["district_prefix"]:
        return None
    if not set(lemma_keys(nxt, lang)) & data["district"]:
        return None
    adjective = "ADJF" in _forms(lang, _raw(tokens, i))[1] or _sk_nominative(_raw(tokens, i))
    if not adjective:
        return None  # "В районе Туапсе": a preposition, not a district's name
    keys, j = resolver.keys, noun + 1
    district = " ".join(_raw(tokens, t) for t in range(i, j))
    if j < tokens.n and _joinable(tokens, j) and _cap(tokens, j):
        for form in lemma_keys(_raw(tokens, j), lang):
            cands = resolver.candidates(form) if form in keys else ()
            if any(p.kind == "place" for p, _ in cands):
                # the district, located at its city (named next, as a mention of its own)
                return j, form, "", {"district": district}
    if city and j < tokens.n and _key(tokens, j) in data["city_words"]:
        # "в Калининском районе города": a district of the city the text is about
        return j, city, "", {"district": district}
    return _district_of(tokens, i, j, noun, resolver, lang, city)


def _unit_qualifier(tokens, k: int, data: dict, lang: str) -> int:
    """1 when word ``k`` is a lower-case adjective that may stand between a unit's name
    and its noun ("Грайворонский городской округ", "Хотінська сільська громада")."""
    if k >= tokens.n or tokens.words[k][:3] not in data["unit_qualifier_prefix"]:
        return 0
    if _cap(tokens, k) or not _joinable(tokens, k):
        return 0
    return int(bool(set(lemma_keys(_raw(tokens, k), lang)) & data["unit_qualifiers"]))


def _district_of(tokens, i: int, j: int, noun: int, resolver, lang: str, city: str):
    """The unit an adjective before a district noun names: the raion of that name, the
    town of a hromada, else a district of the city the text is about."""
    adj = _raw(tokens, i)
    noun_forms = set(lemma_keys(tokens.words[noun], lang))
    hromada = "громада" in noun_forms
    towns: list[str] = []
    # a raion centre lies in the region of the city the text is about; a district
    # adjective naming a town elsewhere ("Київський район" of Kharkiv) is the city's
    city_admin1 = next((p.admin1 for p, _ in resolver.candidates(city)[:1]), "") if city else ""
    for form in dict.fromkeys((*lemma_keys(adj, lang), _sk_nominative(adj))):
        if not form:
            continue
        romans = {*_romans(form)}
        names = [*romans] + _stem_towns(form, resolver, city_admin1, hromada)
        for name in names:
            if name in romans:
                town = form.endswith(_ADJ_NOMINATIVE) and _is_town(name, resolver, city_admin1)
                if hromada and town:
                    return j, name, "", {"hromada": adj}  # "Хмельницькій громаді": the town's
                unit = None if hromada else _raion_key(name, resolver)
                if unit:
                    return j, unit, "", {"raion": adj}
                continue
            towns.append(name)
            if hromada:
                return j, name, "", {"hromada": adj}
            unit = _raion_key(name, resolver)
            if unit:
                return j, unit, "", {"raion": adj}
    if towns:
        # a raion the gazetteer lacks: its centre, with the raion as detail
        return j, towns[0], "", {"raion": adj}
    if city and not hromada:
        return j, city, "", {"district": adj}
    return None


@lru_cache(maxsize=8192)
def _romans(form: str) -> tuple[str, str]:
    """The Ukrainian and the Russian romanisation of a form, as keys."""
    return normalize(romanize_uk(form)), normalize(romanize_ru(form))


def clear_caches() -> None:
    """Forget the per-word caches (dictionary forms, nominatives, romanisations): a
    benchmark that clears them measures words analysed anew, as in unseen texts."""
    _forms.cache_clear()
    _romans.cache_clear()
    _agrees.cache_clear()
    _nominative_index.cache_clear()
    _paradigm_nominatives.cache_clear()


_SK_CASE = re.compile(r"(ськ|цьк|зьк|ск|цк)(?:ого|ому|ом|ім|им|ий|ій|ой|ый)$")


def _sk_nominative(word: str) -> str:
    """ "Купянском" -> "купянский": a -ск- adjective in a masculine case the dictionary reads
    only as the town's noun ("Купянск" in the locative), put in the nominative ("" if
    the word has no such ending)."""
    own = normalize(word)
    m = _SK_CASE.search(own)
    return own[: m.end(1)] + "ий" if m else ""


def _stem_towns(form: str, resolver, admin1: str, hromada: bool) -> list[str]:
    """Names of the towns an adjective may derive from, the most populous first. A
    hromada is named after its centre, often a village ("Званівська громада")."""
    keys = resolver.keys
    found = {
        (p.population, normalize(p.name))
        for stem in _adjective_stems(form)
        if stem in keys
        for p, _ in resolver.candidates(stem)[:3]
        if (p.kind == "place" or (hromada and p.kind == "settlement" and p.country == "UA"))
        and (hromada or p.population >= 5_000)
        and (not admin1 or p.admin1 == admin1)
    }
    return [name for _, name in sorted(found, key=lambda t: (-t[0], t[1]))]


_COLLOQUIAL = re.compile(r"(?:щин|чин)а$")


def _colloquial_raion(word: str, resolver, lang: str) -> str | None:
    """ "Нікопольщина" (the land around Nikopol) -> the raion of its centre, else the
    centre itself; regions are listed in ``geoparse_colloquial.tsv``."""
    for form in lemma_keys(word, lang):
        m = _COLLOQUIAL.search(form)
        if not m:
            continue
        stem = form[: m.start()]
        for town in (stem, stem + "ск", stem + "ь", stem + "и", stem + "е", stem + "о"):
            if town in resolver.keys:
                for place, _ in resolver.candidates(town)[:3]:
                    if place.kind == "place" and place.country in ("UA", "RU"):
                        return _raion_key(normalize(place.name), resolver) or town
    return None


def _colloquial_region(word: str, resolver, data: dict, lang: str) -> str | None:
    """ "Закарпатщина", "Волинщині", "Донетчина": the oblast whose adjective the name is
    built on (``geoparse_colloquial_endings.tsv``), when no town of its stem is known."""
    for form in lemma_keys(word, lang):
        if not _COLLOQUIAL.search(form):
            continue
        for ending, adjective in data["colloquial_endings"]:
            if not form.endswith(ending):
                continue
            for noun in sorted(data["region"]):
                key = f"{form[: -len(ending)]}{adjective} {noun}"
                if key in resolver.keys and any(
                    p.kind == "admin1" for p, _ in resolver.candidates(key)[:3]
                ):
                    return key
    return None


_ADJ_NOMINATIVE = ("ий", "ій", "ый", "ой")


def _is_town(key: str, resolver, admin1: str) -> bool:
    """A town of Ukraine or Russia is known by this key (a name that is an adjective:
    Хмельницький), in the region of the city the text is about when there is one."""
    return key in resolver.keys and any(
        p.kind == "place" and p.country in ("UA", "RU") and (not admin1 or p.admin1 == admin1)
        for p, _ in resolver.candidates(key)[:3]
    )


def _raion_key(name: str, resolver) -> str | None:
    """The key of the second-level unit called ``name`` ("nikopol" -> "nikopol raion")."""
    for unit in _UNITS:
        key = f"{name} {unit}"
        if key in resolver.keys and any(p.kind == "admin2" for p, _ in resolver.candidates(key)):
            return key
    return None


def _adjective_stems(form: str) -> tuple[str, ...]:
    """Town names an adjective may derive from: "нікополский" -> "нікополь"."""
    m = _ADJ_SUFFIX.search(form)
    if not m:
        return ()
    stem = form[: m.start()]
    out = [stem, stem + "ь", stem + "ск", stem + "о", stem + "и", stem[:-1], stem + "ка"]
    if form[m.start()] == "ц":  # "марганецький" <- Марганець, "дарницький" <- Дарниця
        out += [stem + "ц", stem + "ця", stem + "ца"]
    out += [stem + "са", stem + "жжя"]  # "одеський" <- Одеса, "запорізький" <- Запоріжжя
    if stem.endswith(("ів", "ов")):  # "лозівський" <- Лозова, "близнюківський" <- Близнюки
        out += [stem[:-2] + e for e in ("и", "ова", "ове", "ове")]
    return tuple(dict.fromkeys(out))


def _plausible(res, place, tokens, lang: str, countries: set[str]) -> bool:
    """Precision rules: a person's name, a common word, a weapon or a namesake abroad is
    not the place."""
    span = res.span
    if _named_by_the_word_before(tokens, span, place, lang, countries):
        return False
    if span.j - span.i > 1 or span.extra or span.qualifier == "settlement":
        return True
    if place.kind in ("country", "admin1", "water"):
        return True
    raw = _raw(tokens, span.i)
    _, tags, pos, nouns = _forms(lang, raw)
    own = normalize(raw)
    # "Українська правда": an adjective agreeing with the noun after it, not Ukrainsk
    # ("Слов'янську росіяни" agree in nothing: Sloviansk's locative)
    if (m := _SK_TOWN.search(own)) and span.key == own[: m.start() + 2] and span.j < tokens.n:
        nxt = span.j
        if tokens.seps[nxt] == " " and _agrees(lang, raw, _raw(tokens, nxt)):
            return False
    if pos == "ADJF" and not nouns and span.j < tokens.n and tokens.seps[span.j] == " ":
        # (an adjective only, to the dictionary: not "Смілі окупанти", Smila's locative)
        nxt = _raw(tokens, span.j)
        if nxt.islower() and _agrees(lang, raw, nxt):
            return False  # "Северной стороне", "Южной бухты": a name of the noun after it
    if span.key in nouns:
        pos = "NOUN"  # "Покровська": the town's genitive, though also a surname's form
    home = place.country in countries | {"UA", "RU"}
    big = place.population >= 100_000

    def town() -> bool:  # asked only when a rule would drop the word
        return home and _town_inside(span, place, tokens, raw, lang)

    if raw[:2].isupper() and not big:
        return False  # "МИД", "ЗСУ": an acronym, not a village of those letters
    if pos in _NOT_NAME_POS:
        return False  # "Він", "До": a pronoun or a preposition at a sentence's start
    if _is_weapon(raw, lang):  # (after the cheaper tests: every test here says no)
        return False  # "Герань", "КАБами": a weapon's name (a non-location trap)
    if pos != "NOUN" and "Geox" not in tags and not (home and big) and not town():
        if not (home and _before_container(tokens, span.j, lang)):
            return False  # "Усі", "Донецький" alone: not a place's name
    if not home and place.population < 1_000_000:
        return False  # a small namesake abroad of a word ("Пожар", "Речь")
    known = "Geox" not in tags and _KNOWN in tags
    if not home and span.sentence_start and known:
        return False  # "Усі" opening a sentence is "all", not Wuxi
    plural = _PLURAL_KEY in tags and span.key in nouns
    if lang == "ru" and known and not big and not plural and not town():
        return False  # a word the dictionary knows, and not as a place ("Пожар")
    if home and big:
        return True
    if tags & _PERSON_TAGS and "Geox" not in tags and span.key not in nouns and not town():
        return False  # "Лисак", "Сергій": people, not the villages of those names
    if place.kind == "settlement" and res.support <= 0:
        return False  # a name-only village needs its region in the text
    return True


def _named_by_the_word_before(tokens, span, place, lang: str, countries: set[str]) -> bool:
    """A ship ("корабель «Новочеркаськ»"), a river ("на лівому березі Дніпра": the
    water's name, not the city's) or a news agency abroad ("агентство САНА", not Sanaa),
    by the noun right before the name."""
    before = set(_words_before(tokens, span.i, 1))
    if not before:
        return False
    data = _data(lang)
    if before & data["ship_nouns"]:
        return True
    if place.kind not in ("water", "feature") and before & data["water_nouns"]:
        return True
    home = place.country in countries | {"UA", "RU"}
    return not home and bool(before & data["outlets"])


def _town_inside(span, place, tokens, raw: str, lang: str) -> bool:
    """A town of the region capitalised inside a sentence, which the dictionary reads as
    a common word, an adjective or a surname ("в Марганце", manganese; "по Золотому",
    golden; "Новозибкова"; a first name next to it was tested before): an exact name
    only, not a fuzzy match, and not an adjective of the word after it."""
    if span.sentence_start or place.population < _TOWN or place.score < 1.0:
        return False
    return not _agrees_next(tokens, span.j, raw, lang)


def _agrees_next(tokens, j: int, raw: str, lang: str) -> bool:
    """The word may be an adjective of the words after it ("Новой Зеландии",
    "Октябрьскую районную больницу")."""
    if j >= tokens.n or tokens.seps[j] != " ":
        return False
    nxt = _raw(tokens, j)
    pos = _forms(lang, nxt)[2]
    if pos == "ADVB":
        return False  # "над Меловым утром": a time adverb, though also a noun's case
    return _agrees(lang, raw, nxt) or (nxt.islower() and pos == "ADJF")


@lru_cache(maxsize=4096)
def _agrees(lang: str, adj: str, noun: str) -> bool:
    """Whether ``adj`` may be an adjective agreeing with ``noun`` (a noun, or a
    capitalised word) in case and number, and in gender in the singular."""
    m = morph(lang)
    heads = [
        q.tag
        for q in m.parse(noun)
        if "NOUN" in q.tag or (noun[:1].isupper() and "ADJF" not in q.tag)
    ]
    for p in m.parse(adj):
        if "ADJF" not in p.tag:
            continue
        t = p.tag
        for h in heads:
            if t.case != h.case or t.number != h.number:
                continue
            if t.number == "plur" or t.gender == h.gender or h.gender is None:
                return True
    return False


def _before_container(tokens, j: int, lang: str) -> bool:
    """ "Переїзному Званівської громади": a village named as an adjective (Переїзне)
    is a place when the unit containing it follows."""
    if j + 1 >= tokens.n or not _cap(tokens, j) or tokens.seps[j] != " ":
        return False
    return bool(set(lemma_keys(tokens.words[j + 1], lang)) & _data(lang)["district"])


def _is_weapon(word: str, lang: str) -> bool:
    from geoinc.extraction.slavic import grammar

    spans = grammar(lang).weapons.spans(word)
    return bool(spans) and spans[0][1] == 0 and spans[0][2] == len(word)


def _words_before(tokens, i: int, n: int = 2) -> list[str]:
    """Keys of up to ``n`` words before token ``i`` in its own sentence."""
    out: list[str] = []
    k = i
    while k > 0 and len(out) < n and not tokens.tok(k).sentence_start:
        k -= 1
        out.insert(0, _key(tokens, k))
    return out


def _org_word_after(tokens, j: int, data: dict, lang: str) -> bool:
    """An organisation word next, or after up to two lower-case adjectives that go with it
    ("Каспийского трубопроводного консорциума": a consortium's name, not the sea)."""
    if not any(_key(tokens, t) in data["org"] for t in range(j, min(j + 3, tokens.n))):
        return False  # no organisation word within reach: the adjectives need no analysis
    k = j
    while k < min(j + 2, tokens.n) and not _cap(tokens, k) and tokens.seps[k] == " ":
        if _key(tokens, k) in data["org"] or _forms(lang, tokens.words[k])[2] != "ADJF":
            break
        k += 1
    if k >= tokens.n or _key(tokens, k) not in data["org"]:
        return False
    return k == j or tokens.seps[k] == " "


_DATELINE_AFTER = re.compile(r",\s*\d{1,2}\s+[^\W\d_]{3,9}\.?(?:\s+\d{4})?\s*[-–—]\s")


_DATELINE_OPENING = re.compile(r",\s*\d{1,2}\s+[^\W\d_]{3,9}(?:\s+\d{4})?\.\s")


def _dateline(text: str, span: Span) -> bool:
    """A name in capitals before a day, a month and a dash opens an agency report
    ("МОСКВА, 7 сен - РИА Новости"): the dateline, not where anything happened; so does
    a name opening the text before a day and a month ("Бердянск, 24 июня. ...")."""
    raw = text[span.start : span.end]
    if len(raw) > 2 and raw.isupper() and _DATELINE_AFTER.match(text, span.end):
        return True
    return not text[: span.start].strip() and bool(_DATELINE_OPENING.match(text, span.end))


def _role(span: Span, place, tokens, lang: str) -> str:
    """organisation | actor | location (the rules of the module docstring)."""
    data = _data(lang)
    if span.extra.get("org"):
        return "organisation"
    if _org_word_after(tokens, span.j, data, lang):
        return "organisation"  # "Харківська ОВА", "Каспийского трубопроводного консорциума"
    if _sector(tokens, span.j, data):
        return "other"  # "Запорізький напрямок", "Київський, Сумський напрямки": front sectors
    sep_after = tokens.seps[span.j] if span.j < tokens.n else ""
    if tokens.seps[span.i].rstrip().endswith(("«", '"', "“")) and sep_after[:1] in '»"”':
        return "other"  # «Схід», «Новоросійськ»: the name of a unit, a hotel, a ship
    before = _words_before(tokens, span.i)
    if before and before[-1] in data["org_before"]:
        return "organisation"  # "ДСНС України", "Минобороны РФ"
    if (
        len(before) == 2
        and before[1] in ("у", "в", "по")
        and before[0] in data["org_before"]
        and before[0] not in data["forces"]  # "удар ВСУ по Донецку": the target
    ):
        return "organisation"  # "ГУ ДСНС у Харківській області"
    if span.key in data["capitals"] or place.kind == "country":
        after = [_key(tokens, t) for t in range(span.j, min(span.j + 2, tokens.n))]
        if any(w.startswith(data["actor_verbs"]) for w in after):
            return "actor"  # "Москва заявила"
        if before and before[-1] in data["actor_before"]:
            return "actor"  # "між Москвою та Києвом"
        instrumental = "ablt" in _forms(lang, tokens.words[span.j - 1])[1]
        if instrumental and span.key in data["capitals"]:
            if not (before and before[-1] in data["spatial_before"]):
                return "actor"  # "призначений Москвою", "зв'язок з Москвою"
    return "location"
