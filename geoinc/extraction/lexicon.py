"""Fast phrase lexicons: an Aho–Corasick pass finds trigger words, a regex confirms.

Python's ``re`` tries every alternative of a large alternation at every character,
which made one pass over a 2 kB article cost milliseconds. Here one C-speed
Aho–Corasick pass (pyahocorasick) finds where any entry *could* start (its literal
prefix), and only there the entry's own regex is matched, anchored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["Lexicon", "literal_prefixes", "fold"]

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
        self._auto = ahocorasick.Automaton()
        for t, ids in triggers.items():
            self._auto.add_word(t, (len(t), tuple(sorted(ids))))
        self._auto.make_automaton()

    def spans(self, text: str, folded: str | None = None) -> list[tuple[str, int, int]]:
        """``(value, start, end)`` of non-overlapping matches, in text order.

        At one start the earliest entry matching wins; overlapping later matches are
        dropped, so a specific name listed first hides the generic word inside it.
        """
        folded = fold(text) if folded is None else folded
        found: dict[int, tuple[int, int]] = {}
        for end_idx, (n, ids) in self._auto.iter(folded):
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
