"""Quantities as news reports state them: "at least 22", "up to 18", "dozens",
"three individuals", "two men and a woman".

A :class:`Quantity` keeps the number *and* how it was qualified, because "at least 22"
and "up to 18" are different claims even when the numbers are close. Vague amounts
("dozens") keep ``value`` ``None``: they are claims, but not numbers to average.

Numbers are untrusted text: a figure above :data:`MAX_FIGURE` (a 5,000-digit string, a
serial number) is kept as a claim with ``value`` ``None`` and the qualifier
``"out_of_range"`` (the words stay, so the rejection is recorded), never cast; a number
written with a minus sign ("-5 people") is not a count and is not matched at all.
Parsing is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geoinc import lang as _lang
from geoinc.extraction.lexicon import start_lookahead
from geoinc.quantities import number_words_pattern, parse_number

__all__ = [
    "Quantity",
    "parse_number",
    "parse_quantity",
    "QUANTITY_PATTERN",
    "ENUMERATION_PATTERN",
    "MAX_FIGURE",
]

#: Largest figure taken as a count. No report counts a billion of anything; a larger
#: number is a serial number, a phone number or garbage, and is recorded as
#: ``"out_of_range"`` instead (see :func:`parse_quantity`).
MAX_FIGURE = 1_000_000_000
# Vocabulary is language data (geoinc/lang/en/numbers_*.tsv); the grammar stays here.
# vague amount -> what it stands for (None: a number after all, "a dozen")
_VAGUE: dict[str, str | None] = {
    k: v or None for k, v in _lang.table("en", "numbers_vague_amounts").items()
}

# qualifier words -> kind (at_least, more_than, up_to, about, exact), read by parse_quantity
_QUALIFIERS = _lang.table("en", "numbers_qualifiers")

# numbers in words are read by geoinc.quantities (shared with claim checking)
_NUMWORDS = number_words_pattern("en")
#: Regex for a number written in words (re-exported from :mod:`geoinc.quantities`).
NUMBER_WORDS_PATTERN = _NUMWORDS
# Not after a minus sign ("-5", "−5"); a hyphen after a word is a range or a name ("5-10").
_DIGITS = r"(?<![\d−])(?<![^\w]-)(?<!^-)(?:\d{1,3}(?:,\d{3})+|\d+)"


_VAGUE_RE = r"(?:dozens|scores|hundreds|several|a dozen|a few|numerous)"


def _with_start(pattern: str) -> str:
    """``pattern`` led by a lookahead for the characters a match can start with: the same
    matches, but the engine no longer tries its ~60 alternatives at every position
    (finding the numbers of a sentence took twice as long without it)."""
    return start_lookahead(pattern) + pattern


#: A number, optionally qualified. Named groups: ``qual`` and ``num``.
QUANTITY_PATTERN = _with_start(
    rf"(?:(?P<qual>{'|'.join(_QUALIFIERS)})\s+)?"  # in file order, as words (no regex)
    rf"(?P<num>{_DIGITS}|{_NUMWORDS}|{_VAGUE_RE})"
)

# kinds of people counted one by one; not "people", or "18 people and 111 people" would add up
_PERSON = r"(?:men|man|women|woman|child|children|boys?|girls?|teenagers?|teens?)"
#: "two men and a woman", "a man, a woman and two children": people counted by kind.
ENUMERATION_PATTERN = _with_start(
    rf"(?P<enum>(?:(?:{_DIGITS}|{_NUMWORDS}|an?)\s+{_PERSON})"
    rf"(?:\s*(?:,|,?\s+and)\s+(?:{_DIGITS}|{_NUMWORDS}|an?)\s+{_PERSON})+)"
)
_ENUM_PART = re.compile(rf"(?P<n>{_DIGITS}|{_NUMWORDS}|an?)\s+{_PERSON}", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A stated amount and its qualifier.

    Attributes
    ----------
    value : int or None
        The number stated; ``None`` for vague amounts ("dozens").
    low, high : int or None
        Bounds the wording implies (``None`` = open): "at least 22" → (22, None),
        "up to 18" → (None, 18), "22" → (22, 22), "more than 20" → (21, None).
    qualifier : str
        ``"exact"``, ``"at_least"``, ``"more_than"``, ``"up_to"``, ``"about"``,
        ``"vague"`` or ``"out_of_range"`` (a number above :data:`MAX_FIGURE`, not a
        count: ``value`` is ``None``).
    text : str
        The words as written.
    """

    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    text: str

    def as_dict(self) -> dict:
        """Plain dict (for JSON columns)."""
        return {
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "text": self.text,
        }


def parse_quantity(text: str, qualifier: str | None = None) -> Quantity | None:
    """Parse one quantity expression ("at least 22", "dozens", "two men and a woman").

    Parameters
    ----------
    text : str
        The number words, optionally preceded by a qualifier.
    qualifier : str, optional
        A qualifier found separately (the words before the number).

    Returns
    -------
    Quantity or None
        ``None`` when ``text`` holds no number.

    Examples
    --------
    >>> parse_quantity("at least 22")
    Quantity(value=22, low=22, high=None, qualifier='at_least', text='at least 22')
    >>> parse_quantity("up to 18").high
    18
    >>> parse_quantity("dozens").qualifier
    'vague'
    >>> parse_quantity("two men and a woman").value
    3
    >>> parse_quantity("9" * 5000).qualifier
    'out_of_range'
    """
    raw = text.strip()
    m = re.fullmatch(ENUMERATION_PATTERN, raw, re.I)
    if m:
        parts = [parse_number(p.group("n")) or 0 for p in _ENUM_PART.finditer(raw)]
        n = sum(parts)
        return Quantity(n, n, n, "exact", raw)
    m = re.fullmatch(QUANTITY_PATTERN, raw, re.I)
    if not m:
        return None
    qual_words = (qualifier or m.group("qual") or "").lower().strip()
    num = m.group("num").lower()
    if num in _VAGUE and num != "a dozen" or num == "a few":
        return Quantity(None, None, None, "vague", raw)
    value = parse_number(num)
    if value is None and not num.replace(",", "").isdecimal():
        return None
    if value is None or value > MAX_FIGURE:
        return Quantity(None, None, None, "out_of_range", raw)
    kind = _QUALIFIERS.get(qual_words, "exact")
    if kind == "at_least":
        return Quantity(value, value, None, kind, raw)
    if kind == "more_than":
        return Quantity(value, value + 1, None, kind, raw)
    if kind == "up_to":
        return Quantity(value, None, value, kind, raw)
    if kind == "about":
        return Quantity(value, None, None, kind, raw)
    return Quantity(value, value, value, "exact", raw)
