"""Fast phrase lexicons: an Aho–Corasick pass finds trigger words, a regex confirms.

Python's ``re`` tries every alternative of a large alternation at every character,
which made one pass over a 2 kB article cost milliseconds. Here one C-speed
Aho–Corasick pass (pyahocorasick) finds where any entry *could* start (its literal
prefix), and only there the entry's own regex is matched, anchored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

try:  # the regex parser of the standard library (public as sre_parse before 3.11)
    from re import _constants as _sre_c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_c
    import sre_parse as _sre_parse

__all__ = [
    "Lexicon",
    "literal_prefixes",
    "fold",
    "start_lookahead",
    "compile_fast",
    "caseless",
    "compile_caseless",
]

_META = set("()[]{}|\\.^$+")


def _split_alternatives(pattern: str) -> list[str]:
    """Split a regex on its top-level ``|``."""
    out, depth, cur, i = [], 0, [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i : i + 2])
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def literal_prefixes(pattern: str) -> list[str]:
    """The lowercase literal text every alternative of ``pattern`` starts with.

    Raises
    ------
    ValueError
        When an alternative starts without a literal (the lexicon could never find it).

    Examples
    --------
    >>> literal_prefixes(r"shaheds?(?:-\\d+)?|geran|air ?strikes?")
    ['shahed', 'geran', 'air']
    """
    out = []
    for alt in _split_alternatives(pattern):
        lit: list[str] = []
        i = 0
        while i < len(alt):
            ch = alt[i]
            if ch in "?*":
                if lit:
                    lit.pop()
                break
            if ch == "{":
                if lit:
                    lit.pop()
                break
            if ch == "\\":
                if alt[i + 1 : i + 2] == "s":
                    lit.append(" ")
                    i += 2
                    if alt[i : i + 1] in ("+", "*", "?"):
                        break
                    continue
                if alt[i + 1 : i + 2] in ("-", ".", "'"):
                    lit.append(alt[i + 1])
                    i += 2
                    continue
                break
            if ch in _META:
                break
            lit.append(ch)
            i += 1
        prefix = "".join(lit).rstrip().lower()
        if len(prefix) < 2:
            raise ValueError(f"alternative {alt!r} of {pattern!r} has no literal prefix")
        out.append(prefix)
    return out


def fold(text: str) -> str:
    """Lowercase ``text`` keeping its length (offsets stay valid).

    Examples
    --------
    >>> fold("İstanbul Drones") == "İstanbul drones".replace("İ", "İ")
    True
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Lexicon:
    """Entries ``(value, regex)`` found in text, earlier entries winning ties.

    Parameters
    ----------
    entries : sequence of (str, str)
        Canonical value and a case-insensitive regex; every alternative of the regex
        must start with literal text (its trigger).

    Examples
    --------
    >>> lex = Lexicon([("Shahed drones", r"shaheds?(?:\\s+drones?)?"), ("drones", r"drones?")])
    >>> [(v, s, e) for v, s, e in lex.spans("Shahed drones and more drones")]
    [('Shahed drones', 0, 13), ('drones', 23, 29)]
    """

    def __init__(self, entries: Sequence[tuple[str, str]]) -> None:
        import ahocorasick

        self.values = [v for v, _ in entries]
        self._regexes = [re.compile(rf"(?:{p})\b", re.I) for _, p in entries]
        triggers: dict[str, list[int]] = {}
        for i, (_, p) in enumerate(entries):
            for t in literal_prefixes(p):
                triggers.setdefault(t, [])
                if i not in triggers[t]:
                    triggers[t].append(i)
        #: lower-case trigger -> (its length, the entries it may start), for callers
        #: that scan a text once for several lexicons (:meth:`spans_at`)
        self.triggers = {t: (len(t), tuple(sorted(ids))) for t, ids in triggers.items()}
        self._auto = ahocorasick.Automaton()
        for t, value in self.triggers.items():
            self._auto.add_word(t, value)
        self._auto.make_automaton()

    def spans(self, text: str, folded: str | None = None) -> list[tuple[str, int, int]]:
        """``(value, start, end)`` of non-overlapping matches, in text order.

        At one start the earliest entry matching wins; overlapping later matches are
        dropped, so a specific name listed first hides the generic word inside it.
        """
        folded = fold(text) if folded is None else folded
        return self.spans_at(text, folded, self._auto.iter(folded))

    def spans_at(self, text: str, folded: str, hits) -> list[tuple[str, int, int]]:
        """:meth:`spans` from trigger hits found already: ``(end index, trigger value)``
        pairs of :attr:`triggers` in ``folded`` (any order)."""
        found: dict[int, tuple[int, int]] = {}
        for end_idx, (n, ids) in hits:
            start = end_idx - n + 1
            if start > 0 and (folded[start - 1].isalnum()):
                continue
            for i in ids:
                m = self._regexes[i].match(text, start)
                if m:
                    prev = found.get(start)
                    if prev is None or i < prev[0]:
                        found[start] = (i, m.end())
                    break
        out: list[tuple[str, int, int]] = []
        last_end = -1
        for start in sorted(found):
            i, end = found[start]
            if start < last_end:
                continue
            out.append((self.values[i], start, end))
            last_end = end
        return out

    def find(self, text: str, offset: int = 0):
        """Matches as :class:`~geoinc.extraction.events.Span` objects shifted by ``offset``."""
        from geoinc.extraction.events import Span

        return [Span(v, text[s:e], offset + s, offset + e) for v, s, e in self.spans(text)]


def start_lookahead(pattern: str, flags: int = 0) -> str:
    """A lookahead for the characters a match of ``pattern`` can start with (``""`` when
    that is not a short, known set).

    Prefixed to the pattern it changes no match: every match starts with one of these
    characters. Python's ``re`` tries each alternative of a large alternation at every
    position; the lookahead turns most positions away with one class test. Zero-width
    items (``\\b``, lookarounds) are looked through, optional items add their starts to
    what follows; anything else unusual (``.``, a negated class, inline case flags, a
    pattern that can match nothing) gives ``""``.

    Examples
    --------
    >>> start_lookahead(r"\\b(?:at least\\s+)?(?:\\d+|dozens|several)\\b")
    '(?=[\\\\dads])'
    >>> start_lookahead(r"(?:foo)?")
    ''
    """
    try:
        first, nullable = _starts(_sre_parse.parse(pattern, flags))
    except _NoStart:
        return ""
    if nullable or not first:
        return ""
    return "(?=[" + "".join(sorted(first)) + "])"


def compile_fast(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` with :func:`start_lookahead` in front: the same
    matches, found faster where few positions can start one."""
    return re.compile(start_lookahead(pattern, flags) + pattern, flags)


# The letters caseless patterns may hold: the lower-case Latin and Cyrillic letters
# (а-я, ѐ-џ with і ї є ў, ґ), and their capitals. Any other character that re.IGNORECASE
# equates with one of them ("ſ" and "s", "ı" and "i", the Cyrillic "ᲀ" and "в"), which
# lower case does not turn into it, is found by the engine, not listed.
_LOWER = "a-z\u0430-\u045f\u0491"
_UPPER = "A-Z\u0400-\u042f\u0490"
_ODD_CASE = re.compile(rf"(?=[^{_LOWER}{_UPPER}])(?i:[{_LOWER}])")
_LOWER_LETTER = re.compile(rf"[{_LOWER}]")


@lru_cache(maxsize=1)
def _odd_characters() -> re.Pattern:
    """:data:`_ODD_CASE` as a plain character class (a dozen characters), which ``re``
    scans for at C speed: found once over the Basic Multilingual Plane, where every case
    partner of these letters lies."""
    bmp = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    return re.compile("[" + "".join(sorted(map(re.escape, set(_ODD_CASE.findall(bmp))))) + "]")


def caseless(text: str) -> str | None:
    """``text`` in lower case for the patterns of :func:`compile_caseless` (same length,
    same offsets), or ``None`` when a character of it would match differently there
    ("ſ", "İ"): the case-insensitive patterns must then read ``text`` itself. Latin and
    Cyrillic letters are read this way.

    Examples
    --------
    >>> caseless("Drones Hit Kharkiv"), caseless("Oſt")
    ('drones hit kharkiv', None)
    """
    return None if _odd_characters().search(text) else text.lower()


def compile_caseless(pattern: str, flags: int = 0, *, fast: bool = False) -> re.Pattern:
    """The case-insensitive ``pattern`` compiled for :func:`caseless` text: the same
    matches at the same offsets, about twice as fast.

    ``re`` compares a case-insensitive alternative character by character, so a large
    alternation costs each of its alternatives at every position; matched case-sensitive,
    most alternatives fail on their first character at once. A pattern with an upper-case
    literal or a cased one of another alphabet, inline flags or a back reference stays
    case-insensitive (as correct on lower-case text, only slower). ``fast``: with
    :func:`start_lookahead` in front (:func:`compile_fast`).

    Examples
    --------
    >>> compile_caseless(r"\\bat least \\d+", re.I).search(caseless("At Least 5")).span()
    (0, 10)
    """
    folded = _lower_literals_only(_sre_parse.parse(pattern, flags | re.I))
    flags = flags & ~re.I if folded else flags | re.I
    return compile_fast(pattern, flags) if fast else re.compile(pattern, flags)


def _lower_literals_only(items) -> bool:
    """No item of a parsed regex reads case: literals and ranges in lower case (or
    caseless), no inline flags, no back reference (nor anything not known here)."""
    for op, av in items:
        if op in (_sre_c.LITERAL, _sre_c.NOT_LITERAL):
            ok = _caseless_char(av)
        elif op is _sre_c.RANGE:
            ok = all(_caseless_char(c) for c in range(av[0], av[1] + 1))
        elif op is _sre_c.SUBPATTERN:
            ok = not av[1] and not av[2] and _lower_literals_only(av[3])
        elif op is _sre_c.BRANCH:
            ok = all(_lower_literals_only(b) for b in av[1])
        elif op in _REPEATS:
            ok = _lower_literals_only(av[2])
        elif op in (_sre_c.ASSERT, _sre_c.ASSERT_NOT):
            ok = _lower_literals_only(av[1])
        elif op is _sre_c.IN:
            ok = _lower_literals_only(av)
        else:  # no case in ".", "^", "\\b", "\\w", a class's negation
            ok = op in (_sre_c.ANY, _sre_c.AT, _sre_c.CATEGORY, _sre_c.NEGATE)
        if not ok:
            return False
    return True


def _caseless_char(code: int) -> bool:
    """A character that lower-case text holds whenever it would match case-insensitively:
    a lower-case Latin or Cyrillic letter, or a character without case."""
    c = chr(code)
    if _LOWER_LETTER.match(c):
        return True
    return c.lower() == c == c.upper() and not _ODD_CASE.match(c)


class _NoStart(Exception):
    """The first characters of a pattern are not a short, known set."""


_CATEGORIES = {
    _sre_c.CATEGORY_DIGIT: r"\d",
    _sre_c.CATEGORY_WORD: r"\w",
    _sre_c.CATEGORY_SPACE: r"\s",
}
_ZERO_WIDTH = (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT)
_REPEATS = tuple(
    getattr(_sre_c, n)
    for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_sre_c, n)
)


def _starts(items) -> tuple[set[str], bool]:
    """The class items (escaped characters, ``\\d``…) a sequence of parsed regex items can
    start with, and whether it can match the empty string."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _sre_c.LITERAL:
            out.add(re.escape(chr(av)))
            return out, False
        if op is _sre_c.IN:
            out |= _class_items(av)
            return out, False
        if op is _sre_c.BRANCH:
            nullable = False
            for branch in av[1]:
                first, empty = _starts(branch)
                out |= first
                nullable = nullable or empty
            if not nullable:
                return out, False
        elif op is _sre_c.SUBPATTERN:
            if av[1] or av[2]:  # inline flags: the outer case rules would not hold
                raise _NoStart
            first, empty = _starts(av[3])
            out |= first
            if not empty:
                return out, False
        elif op in _REPEATS:
            first, empty = _starts(av[2])
            out |= first
            if av[0] > 0 and not empty:
                return out, False
        else:  # ".", a negated literal, a back reference...
            raise _NoStart
    return out, True


def _class_items(av) -> set[str]:
    out = set()
    for op, arg in av:
        if op is _sre_c.LITERAL:
            out.add(re.escape(chr(arg)))
        elif op is _sre_c.CATEGORY and arg in _CATEGORIES:
            out.add(_CATEGORIES[arg])
        elif op is _sre_c.RANGE and arg[1] - arg[0] < 64:
            out.update(re.escape(chr(c)) for c in range(arg[0], arg[1] + 1))
        else:  # a negation, a wide range, another category
            raise _NoStart
    return out
