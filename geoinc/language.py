"""Which language a document is written in: English, Ukrainian or Russian.

geoinc reads English, Ukrainian and Russian reports; the language picks the data folder
(:mod:`geoinc.lang`) and the sentence analyser. Detection is a script-and-letter rule:

* a text whose letters are mostly Latin is English (the only Latin-script language read);
* a Cyrillic text is Ukrainian when it uses letters only Ukrainian has (і, ї, є, ґ) more
  than letters only Russian has (ы, э, ъ, ё), and Russian the other way round;
* with no such letter (a headline of a few words), frequent words written only in one of
  the two languages ("що", "від" / "что", "от") decide; still undecided,
  ``lingua-language-detector`` decides when installed, else Russian is the fallback.

Measured on the Ukrainian/Russian development passages (see ``docs/languages.md``) the
rule agrees with ``lingua-language-detector`` on every passage and on their first 60
characters, at about a microsecond per passage against a millisecond for lingua, so
lingua is not a dependency. The marker letters and words are language data
(``language_letters.txt``, ``language_words.txt`` in each language's folder).

Examples
--------
>>> detect("Drones struck Kharkiv overnight.")
'en'
>>> detect("Уночі дрони атакували Харків, є поранені.")
'uk'
>>> detect("Ночью беспилотники атаковали Белгород, есть пострадавшие.")
'ru'
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from geoinc import lang as _lang
from geoinc.exceptions import InputError

__all__ = ["detect", "LANGUAGES"]

#: Languages :func:`detect` can return.
LANGUAGES = ("en", "uk", "ru")

# Letters are counted on the UTF-8 bytes (two C passes, no list of matches): every
# letter U+0400-U+04FF, and only such a letter, has one lead byte 0xD0-0xD3; a Latin
# letter A-Z, a-z is its own byte.
_CYRILLIC_LEADS = bytes(range(0xD0, 0xD4))
_LATIN = string.ascii_letters.encode("ascii")
_WORD = re.compile(r"[\u0400-\u04ff]+")
# Enough letters to decide; a long article is decided by its beginning.
_SAMPLE = 2000


@lru_cache(maxsize=1)
def _markers() -> tuple[dict[str, str], dict[str, str]]:
    letters = {c: code for code in ("uk", "ru") for c in _lang.words(code, "language_letters")}
    words = {w: code for code in ("uk", "ru") for w in _lang.words(code, "language_words")}
    return letters, words


def detect(text: str) -> str:
    """The language of ``text``: ``"en"``, ``"uk"`` or ``"ru"``.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        ``"en"`` for Latin-script (or letterless) text, else ``"uk"`` or ``"ru"``.

    Raises
    ------
    InputError
        When ``text`` is not a string.

    Examples
    --------
    >>> detect("Харків"), detect("Удар по Харькову")
    ('uk', 'ru')
    >>> detect("Удар по Харкову") in ("uk", "ru")  # no marker: lingua if installed, else "ru"
    True
    >>> detect("Внаслідок удару по Харкову"), detect("В результате удара по Харькову")
    ('uk', 'ru')
    >>> detect("")
    'en'
    """
    if not isinstance(text, str):
        raise InputError(f"detect needs a str, got {type(text).__name__}")
    sample = text[:_SAMPLE].casefold()
    raw = sample.encode("utf-8", "surrogatepass")
    n_cyr = len(raw) - len(raw.translate(None, _CYRILLIC_LEADS))
    if n_cyr == 0 or n_cyr < len(raw) - len(raw.translate(None, _LATIN)):
        return "en"
    letters, words = _markers()
    votes = {"uk": 0, "ru": 0}
    for c, code in letters.items():
        votes[code] += sample.count(c)
    if votes["uk"] == votes["ru"]:
        for w in _WORD.findall(sample):
            code = words.get(w)
            if code:
                votes[code] += 1
    if votes["uk"] == votes["ru"]:
        return _lingua(sample) or "ru"
    return "uk" if votes["uk"] > votes["ru"] else "ru"


@lru_cache(maxsize=1)
def _lingua_detector():
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    return LanguageDetectorBuilder.from_languages(Language.UKRAINIAN, Language.RUSSIAN).build()


def _lingua(text: str) -> str | None:
    """lingua's answer for a Cyrillic text the letter rule cannot decide, when installed."""
    det = _lingua_detector()
    if det is None:
        return None
    got = det.detect_language_of(text)
    return None if got is None else {"UKRAINIAN": "uk", "RUSSIAN": "ru"}.get(got.name)
