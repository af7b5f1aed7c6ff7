"""Place-name normalisation and romanisation.

Two jobs, both used at build time (to key the gazetteer index) and at query time (to key
the query), so the two always agree:

* :func:`normalize` folds a name to a matching key: case, diacritics, apostrophes,
  hyphens and the common Slavic adjective endings (``-skyi``/``-skiy``/``-sky``) stop
  mattering.
* :func:`romanize_uk` and :func:`romanize_ru` turn Cyrillic into Latin script: the
  official Ukrainian national system (Cabinet of Ministers resolution No. 55 of
  27 January 2010) and a simple BGN/PCGN-like system for Russian, which together produce
  the spellings English-language news uses (Kharkiv / Kharkov, Mykolaiv / Nikolaev).

Examples
--------
>>> normalize("Khmel'nyts'kyi")
'khmelnytsky'
>>> normalize("Zaporizhzhia") == normalize("ZAPORIZHZHIA")
True
>>> romanize_uk("Харків"), romanize_ru("Харьков")
('Kharkiv', 'Kharkov')
>>> romanize_uk("Роботине")
'Robotyne'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "normalize",
    "skeleton",
    "romanize_uk",
    "romanize_ru",
    "is_cyrillic",
    "name_variants",
    "CYRILLIC_COUNTRIES",
]

#: Countries whose place names are romanised from Cyrillic script (ISO 3166-1 alpha-2):
#: their names reach English in several spellings, see :func:`skeleton`.
CYRILLIC_COUNTRIES = frozenset({"UA", "RU", "BY", "BG", "RS", "MK", "ME", "KZ", "KG", "TJ", "MN"})

# Apostrophe-like characters that are dropped (Ukrainian/Russian soft sign
# romanisations, typographic quotes, modifier letters).
_APOSTROPHES = "'’‘`´ʼʹʻ′\u02bc\u02b9\u2019\u2018"
_DASHES = "-‐‑‒–—―_/"
_DROP_TABLE = str.maketrans({c: None for c in _APOSTROPHES} | {c: " " for c in _DASHES})
# Letters that NFKD does not decompose into ASCII.
# fmt: off
_SPECIAL = str.maketrans(
    {
        "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe",
        "þ": "th", "ð": "d", "ħ": "h", "ŀ": "l", ".": " ", ",": " ", "(": " ", ")": " ",
        "ё": "е", "ґ": "г", "ъ": "", "ь": "", "«": " ", "»": " ", "\"": " ",
    }
)
# fmt: on
_SPACES = re.compile(r"\s+")
# Adjectival endings romanised many ways: -skyi, -skiy, -skyy, -skij, -sky, -ski ...
_ADJ_ENDING = re.compile(r"(?<=[sc]k)(?:yi|iy|yy|ij|ii|yj|iy|y|i)\b")
_ST = re.compile(r"\bst\b")


# "yo" after a consonant: how English spells a Russian ё ("Shakhtyorsk", "Semyonovka")
_YO = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])yo")


def yo_as_e(key: str) -> str:
    """A key with the "yo" of a Russian ё after a consonant read as "e".

    The gazetteer writes ё as e ("Shakhtersk", "Shchelkino"); English text often
    writes "yo". Callers try this only for a key the gazetteer lacks.

    Parameters
    ----------
    key : str
        A key of :func:`normalize`.

    Returns
    -------
    str

    Examples
    --------
    >>> yo_as_e("shakhtyorsk"), yo_as_e("yorkshire")
    ('shakhtersk', 'yorkshire')
    """
    return _YO.sub("e", key) if "yo" in key else key


@lru_cache(maxsize=262144)
def normalize(name: str) -> str:
    """Fold a place name to its matching key.

    Lower-cases, strips diacritics (Cyrillic letters are kept, with ё→е, ґ→г and the
    hard/soft signs dropped), removes apostrophes, turns hyphens and punctuation into
    spaces, collapses white space and folds Slavic adjective endings to ``-sky``.

    Parameters
    ----------
    name : str

    Returns
    -------
    str
        The key; empty when the name holds no letters or digits.

    Examples
    --------
    >>> normalize("  Khmelnitskiy ")
    'khmelnitsky'
    >>> normalize("Kyiv-Sviatoshynskyi")
    'kyiv sviatoshynsky'
    >>> normalize("Харківська область")
    'харківска област'
    """
    s = name.casefold().translate(_DROP_TABLE).translate(_SPECIAL)
    if not s.isascii():
        # NFKD then drop combining marks; keep Cyrillic й/ї which NFKD would split.
        s = s.replace("й", "\0").replace("ї", "\1")
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        s = s.replace("\0", "й").replace("\1", "ї")
    s = _SPACES.sub(" ", s).strip()
    s = _ADJ_ENDING.sub("y", s)
    return _ST.sub("saint", s)


_SKELETON_TABLE = str.maketrans({"y": "i", "j": "i", "w": "v"})
_DOUBLES = re.compile(r"(\w)\1+")
_GLIDE = re.compile(r"(?<=[aeiou])i(?=[aeiou])")


@lru_cache(maxsize=262144)
def skeleton(key: str) -> str:
    """Fold a normalised key further, over the letters romanisations disagree on.

    Ukrainian names reach English in several systems (Zaporizhzhia / Zaporizhzhya,
    Huliaipole / Hulyaypole, Odesa / Odessa): ``y`` and ``j`` become ``i``, ``w`` becomes
    ``v`` and doubled letters are single. Two keys with the same skeleton are one name
    spelled two ways (a glide ``i`` between vowels goes too: Nikolayev / Nikolaev). For
    places in :data:`CYRILLIC_COUNTRIES`, the gazetteer and the resolver treat such a
    spelling of a record's own name as that name.

    Examples
    --------
    >>> skeleton("hulyaypole") == skeleton("huliaipole")
    True
    >>> skeleton("odessa"), skeleton("kyiv"), skeleton("kiev")
    ('odesa', 'kiv', 'kiev')
    """
    s = _DOUBLES.sub(r"\1", key.translate(_SKELETON_TABLE))
    return _DOUBLES.sub(r"\1", _GLIDE.sub("", s))


def is_cyrillic(text: str) -> bool:
    """Return True when most letters of ``text`` are Cyrillic.

    Examples
    --------
    >>> is_cyrillic("Київ"), is_cyrillic("Kyiv")
    (True, False)
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    cyr = sum("\u0400" <= c <= "\u04ff" for c in letters)
    return cyr * 2 > len(letters)


# Ukrainian national transliteration (resolution No. 55, 2010). Letters with a
# different form at the start of a word are handled in romanize_uk.
# fmt: off
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ʼ": "",
    # Russian letters that turn up in Ukrainian lists
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Ukrainian letters read the Russian way
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
# fmt: on
_RU_INITIAL = {"е": "ye"}
_VOWELS_UK = set("аеєиіїоуюяь'’ʼ")
_VOWELS_RU = set("аеёиоуыэюяъь")


def _romanize(
    text: str, table: dict, initial: dict, vowels: set, *, zgh: bool, initial_after_vowel: bool
) -> str:
    out = []
    prev = " "
    for ch in text:
        low = ch.lower()
        word_start = not prev.isalpha() and prev not in "'’ʼ"
        if low in initial and (word_start or (initial_after_vowel and prev.lower() in vowels)):
            rep = initial[low]
        elif zgh and low == "г" and prev.lower() == "з":
            rep = "gh"  # зг → zgh, to tell it from ж (zh)
        else:
            rep = table.get(low, ch)
        if ch != low and rep:
            rep = rep[0].upper() + rep[1:]
        out.append(rep)
        prev = ch
    return "".join(out)


def romanize_uk(text: str) -> str:
    """Romanise Ukrainian Cyrillic with the official national system (2010).

    Examples
    --------
    >>> romanize_uk("Запоріжжя"), romanize_uk("Київ"), romanize_uk("Згурівка")
    ('Zaporizhzhia', 'Kyiv', 'Zghurivka')
    >>> romanize_uk("Хмельницький"), romanize_uk("Їжакевич"), romanize_uk("Борова")
    ('Khmelnytskyi', 'Yizhakevych', 'Borova')
    """
    return _romanize(text, _UK, _UK_INITIAL, _VOWELS_UK, zgh=True, initial_after_vowel=False)


def romanize_ru(text: str) -> str:
    """Romanise Russian Cyrillic (BGN/PCGN-like, without diacritics).

    Examples
    --------
    >>> romanize_ru("Белгород"), romanize_ru("Хмельницкий"), romanize_ru("Запорожье")
    ('Belgorod', 'Khmelnitskiy', 'Zaporozhye')
    """
    return _romanize(text, _RU, _RU_INITIAL, _VOWELS_RU, zgh=False, initial_after_vowel=True)


@lru_cache(maxsize=65536)
def own_skeletons(key: str) -> frozenset[str]:
    """The skeletons a record's primary (romanised) name has when ``key`` is that name.

    A Latin key has its own skeleton; a Cyrillic key ("словянськ") is romanised both
    the Ukrainian and the Russian way first, so a town whose own name it is (Sloviansk)
    is told from a town that only had it once (Nikopol, formerly Slov'yansk).

    Examples
    --------
    >>> sorted(own_skeletons("словянськ")), sorted(own_skeletons("білгород"))
    (['sloviansk'], ['bilgorod', 'bilhorod'])
    >>> sorted(own_skeletons("hulyaypole"))
    ['huliaipole']
    """
    if not is_cyrillic(key):
        return frozenset((skeleton(key),))
    return frozenset(skeleton(normalize(r(key))) for r in (romanize_uk, romanize_ru))


_RU_NEWS = {**_RU, "й": "i"}
_RU_NEWS_INITIAL = {**_RU_INITIAL, "й": "y"}
_RU_ADJ_END = re.compile(r"[ыи]й\b", re.I)


def romanize_ru_news(text: str) -> str:
    """Romanise Russian the way wire copy often does: "й" as "i" and an adjective's
    "-ый"/"-ий" as "-y" (Graivoron, Gulyaipole, Krasny Liman, Nizhny Novgorod), where
    BGN/PCGN writes Grayvoron, Gulyaypole, Krasnyy Liman.

    Examples
    --------
    >>> romanize_ru_news("Грайворон"), romanize_ru_news("Красный Лиман")
    ('Graivoron', 'Krasny Liman')
    """
    text = _RU_ADJ_END.sub(lambda m: "Ы" if m.group(0)[0].isupper() else "ы", text)
    return _romanize(
        text, _RU_NEWS, _RU_NEWS_INITIAL, _VOWELS_RU, zgh=False, initial_after_vowel=False
    )


def name_variants(name: str) -> set[str]:
    """Return the matching keys a gazetteer name should be indexed under.

    The name itself, plus for Cyrillic names its Ukrainian and Russian romanisations
    (BGN/PCGN-like and the wire-copy variant of :func:`romanize_ru_news`).

    Examples
    --------
    >>> sorted(name_variants("Харків"))
    ['kharkiv', 'харків']
    >>> sorted(name_variants("Грайворон"))
    ['graivoron', 'grayvoron', 'hraivoron', 'грайворон']
    """
    keys = {normalize(name)}
    if is_cyrillic(name):
        keys.add(normalize(romanize_uk(name)))
        keys.add(normalize(romanize_ru(name)))
        keys.add(normalize(romanize_ru_news(name)))
    keys.discard("")
    return keys


@lru_cache(maxsize=4)
def _spelling_rules(lang: str) -> tuple:
    from geoinc import lang as _lang

    name = {"ru": "geoparse_uk_spellings", "uk": "geoparse_ru_spellings"}[lang]
    return tuple((re.compile(k), v) for k, v in _lang.table(lang, name).items())


def _respell(name: str, lang: str) -> str:
    out = []
    for part in re.split(r"([\s\-‐‑]+)", name):
        low = part.lower()
        for pattern, repl in _spelling_rules(lang):
            low = pattern.sub(repl, low)
        out.append(low[:1].upper() + low[1:] if part[:1].isupper() else low)
    return "".join(out)


def russian_spelling(name: str) -> str:
    """A Ukrainian place name spelt the Russian way by regular correspondences
    (``geoinc/lang/ru/geoparse_uk_spellings.tsv``), for names the sources give no
    Russian spelling of; irregular names (Миколаїв, Николаев) are the sources' to give.

    Examples
    --------
    >>> russian_spelling("Покровськ"), russian_spelling("Шебекине")
    ('Покровск', 'Шебекино')
    """
    return _respell(name, "ru")


def ukrainian_spelling(name: str) -> str:
    """A Russian place name spelt the Ukrainian way by regular correspondences
    (``geoinc/lang/uk/geoparse_ru_spellings.tsv``).

    Examples
    --------
    >>> ukrainian_spelling("Шебекино"), ukrainian_spelling("Курск")
    ('Шебекине', 'Курськ')
    """
    return _respell(name, "uk")
