"""Numbers written in digits or words: "1,200", "twenty-one", "three hundred and five".

The shared number reader of extraction (:mod:`geoinc.extraction.numbers` builds casualty
quantities on it) and claim checking ("thirty kilometres from the border"). It sits
below both and imports neither. The number words are language data
(``geoinc/lang/<code>/quantities.json``: units, tens, scales, whole phrases such as
"a dozen", joiners such as "and"); this module keeps how they combine.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from geoinc import lang as _lang

# NUMBER_WORDS_PATTERN (the English pattern) is also importable: built on first use
__all__ = ["MAX_DIGITS", "clock_time_spans", "parse_number", "number_words_pattern"]

#: Digit strings longer than this are never converted (``int()`` of 5,000 digits raises,
#: and no report counts anything with more digits).
MAX_DIGITS = 18


# A clock time: "02:15", "14:30" (hour 0-23, two-digit minutes), or "2.15" / "11.40"
# followed by a 12-hour mark ("2.15 a.m."); no digit, colon or decimal may touch it, so
# "1:2:3", "3.14159" and "12:345" are no clock time.
_CLOCK = re.compile(
    r"(?<![\d.,:])(?:[01]?\d|2[0-3])(?::[0-5]\d|\.[0-5]\d(?=\s*[ap]\.?m\b))(?![\d]|[.,:]\d)",
    re.IGNORECASE,
)


def clock_time_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the clock times in ``text``: their digits are no count.

    "At 02:15 a drone hit a depot" has no figure 15, "о 14:30 двоє поранених" no 30.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of (int, int)

    Examples
    --------
    >>> clock_time_spans("At 02:15 a drone hit; at 2.15 p.m. another; 3.5 km away")
    [(3, 8), (25, 29)]
    """
    if ":" not in text and "." not in text:
        return []
    return [m.span() for m in _CLOCK.finditer(text)]


@lru_cache(maxsize=16)
def _words(lang: str | Path) -> dict[str, Any]:
    return _lang.data(lang, "quantities")


@lru_cache(maxsize=16)
def number_words_pattern(lang: str | Path = "en") -> str:
    """Regex (a string) for a number written in words in ``lang``.

    Single words of one or two letters ("a", "an") count in :func:`parse_number` but are
    not numbers on their own here: "a" before a noun is an article far more often.

    Examples
    --------
    >>> import re
    >>> [bool(re.fullmatch(number_words_pattern(), t)) for t in ("twenty-five", "a", "many")]
    [True, False, False]
    """
    w = _words(lang)
    # longest first, so "seventeen" is not read as "seven"
    names = sorted([*(k for k in w["units"] if len(k) > 2), *w["tens"]], key=len, reverse=True)
    word = "(?:" + "|".join(names) + ")"
    tens_units = rf"{word}(?:[- ]{word})?"
    scales = "|".join(w["scales"])
    joiner = "|".join(w["joiners"])
    joiner = joiner if len(w["joiners"]) == 1 else f"(?:{joiner})"
    # whole phrases with a value ("half a dozen"), longest first, before the parts
    phrases = "".join(
        re.escape(p).replace(r"\ ", r"\s+") + "|"
        for p in sorted(w.get("phrases") or {}, key=len, reverse=True)
        if " " in p
    )
    return rf"(?:{phrases}{tens_units}(?:\s+(?:{scales})(?:\s+(?:{joiner}\s+)?{tens_units})?)?)"


def parse_number(token: str, lang: str | Path = "en") -> int | None:
    """Read a number written in digits or words; ``None`` if it is not one.

    Digit strings longer than :data:`MAX_DIGITS` digits are not read (``None``): they
    count nothing.

    Parameters
    ----------
    token : str
        The number as written.
    lang : str or Path, default "en"
        Language code or folder whose ``quantities.json`` gives the number words.

    Examples
    --------
    >>> parse_number("1,200"), parse_number("twenty-one"), parse_number("three hundred and five")
    (1200, 21, 305)
    >>> parse_number("dozens") is None
    True
    """
    t = token.strip().lower().replace(",", "")
    if t.isdecimal():  # not isdigit(): "²" is a digit int() cannot read
        return int(t) if len(t.lstrip("0")) <= MAX_DIGITS else None
    w = _words(lang)
    if t in w["phrases"]:
        return w["phrases"][t]
    words = [x for x in re.split(r"[\s-]+", t) if x and x not in w["joiners"]]
    if not words:
        return None
    units, tens, scales = w["units"], w["tens"], w["scales"]
    total, current = 0, 0
    for x in words:
        if x in units:
            current += units[x]
        elif x in tens:
            current += tens[x]
        elif x in scales:
            current = max(current, 1) * scales[x]
            if scales[x] >= 1000:  # "thousand" closes a group: "two thousand three hundred"
                total, current = total + current, 0
        else:
            return None
    return total + current


def __getattr__(name: str):
    # NUMBER_WORDS_PATTERN is built from data on first use, not at import
    if name == "NUMBER_WORDS_PATTERN":
        return number_words_pattern("en")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
