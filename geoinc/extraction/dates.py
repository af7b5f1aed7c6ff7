"""Dates: publication datelines and event dates resolved against them.

Event dates in news text are mostly relative ("on Saturday", "overnight", "yesterday").
They resolve only against a publication date; without one they stay unknown (``None``),
never "today". Each resolved date carries a UCDP-style precision:

=========  ==========================================
precision  meaning
=========  ==========================================
1          the exact day is known
2          a span of 2–6 days (e.g. the night of 30–31 December)
3          only the week
4          only the month
5          only the year, or a longer span
=========  ==========================================

All functions are pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from geoinc import lang as _lang
from geoinc.extraction.lexicon import compile_fast  # same matches, fewer positions tried

__all__ = [
    "DateExpr",
    "parse_iso_date",
    "find_explicit_dates",
    "find_publication_date",
    "resolve_dates",
    "may_contain_date",
    "date_trigger_positions",
]

_EN = "en"  # the patterns below are English grammar; their words are data files


def _alt(name: str) -> str:
    """The alternatives of ``geoinc/lang/en/NAME.txt`` joined by ``|``, in file order."""
    return "|".join(_lang.phrases(_EN, name))


# month name or abbreviation -> month number, from dates_months.tsv (file order kept)
_MONTHS = {name: int(num) for name, num in _lang.table(_EN, "dates_months").items()}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_M = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"

# Full dates (year known). Order matters: the first pattern to claim a span wins.
_FULL = [
    re.compile(rf"\b{_Y}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    compile_fast(rf"\b{_M}\s+{_D},?\s+{_Y}\b", re.I),
    compile_fast(rf"\b{_D}\s+(?:of\s+)?{_M},?\s+{_Y}\b", re.I),
    re.compile(rf"\b(?P<day>[0-3]?\d)[/.](?P<mnum>[0-3]?\d)[/.]{_Y}\b"),
]
# Partial dates (no year): the year comes from the publication date.
_PARTIAL = [
    compile_fast(
        rf"\b{_M}\s+{_D}\b(?!\s*,?\s*(?:19|20)\d\d)(?!\s*(?:km|kilomet|mile|people))", re.I
    ),
    compile_fast(rf"\b{_D}\s+(?:of\s+)?{_M}\b(?!,?\s+(?:19|20)\d\d)", re.I),
    re.compile(r"(?<![\d/.])\((?P<day>[0-3]?\d)/(?P<mnum>[01]?\d)\)"),
]
_WEEKDAY = compile_fast(
    rf"\b(?:(?P<mod>{_alt('dates_weekday_modifiers')})\s+)?"
    r"(?P<wd>" + "|".join(_WEEKDAYS) + r")(?:['’]s)?"
    rf"(?:\s+(?P<part>{_alt('dates_day_parts')}))?\b",
    re.I,
)
_NIGHT = compile_fast(rf"\b(?:{_alt('dates_night')})\b", re.I)
# a day or a date right after "the night of"
_NIGHT_OF_DAY = re.compile(r"\s+(?:the\s+)?(?:\d|" + "|".join((*_WEEKDAYS, *_MONTHS)) + r")", re.I)
_RELATIVE = compile_fast(
    r"\b(?P<rel>yesterday|today|this morning|earlier today|tonight|this evening)\b", re.I
)
# "said on Saturday it had struck the port a day earlier": days before the date named before
_DAYS_EARLIER = {k.lower(): int(v) for k, v in _lang.table(_EN, "dates_days_earlier").items()}
# "the day before the strike": a phrase in "before" that qualifies a noun dates nothing
_EARLIER = compile_fast(
    r"\b(?P<rel>"
    + "|".join(sorted(map(re.escape, _DAYS_EARLIER), key=len, reverse=True))
    + r")\b(?!(?<=before)\s+(?:the|a|an|its|his|her|their|this|that)\b)",
    re.I,
)
# "last week", "earlier this month", "two days ago": recent periods (dates_recent.tsv)
_RECENT = {
    k.lower(): (v.split("\t")[0], int(v.split("\t")[1]))
    for k, v in _lang.table(_EN, "dates_recent").items()
}
_RECENT_RE = compile_fast(
    r"\b(?:"
    + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(_RECENT, key=len, reverse=True))
    + r")\b",
    re.I,
)
_RECENT_WORDS = frozenset({"week", "month", "ago"})
_EARLIER_WORDS = frozenset({"earlier", "previous", "before", "later", "next", "following"})
# "in July", "in March 2022", "last month", "in 2023": an earlier month or year (an attack
# recalled for context); the month or year of publication itself dates nothing
_MONTHLY = compile_fast(
    rf"\b(?:(?P<pre>{_alt('dates_month_prepositions')})\s+)?"
    rf"(?P<mname>{_M[len('(?P<month>') : -4]})\.?(?:,?\s+(?:of\s+)?{_Y})?\b(?!\s*[0-3]?\d\b)",
    re.I,
)
_LAST_PERIOD = compile_fast(r"\blast (?P<unit>month|year)\b", re.I)
_YEAR_ONLY = compile_fast(r"\b(?:in|during|back in)\s+(?P<year>(?:19|20)\d\d)\b(?![/.-]\d)", re.I)
# "Reported by Reuters, Monday (01/01/2024)": the date of the report, not of the event.
_REPORTED_BY = re.compile(r"reported by\s+[^,.;]{1,40},?\s*$", re.I)


# Cheap pre-filters: a sentence without a digit pattern or a trigger word holds no date.
_DIGIT_DATE = re.compile(r"\d(?:\d{3}|[/.]\d)|\(\s*\d")
_WORD = re.compile(r"[a-z]+")
_HAS_DIGIT = re.compile(r"\d")
_MONTH_WORDS = frozenset(_MONTHS)
_WEEKDAY_WORDS = frozenset(_WEEKDAYS)
_REL_WORDS = _lang.words(_EN, "dates_relative_words")
_TRIGGERS = (*_MONTHS, *_WEEKDAYS, *_lang.phrases(_EN, "dates_triggers"))


def _trigger_automaton():
    import ahocorasick

    auto = ahocorasick.Automaton()
    for w in _TRIGGERS:
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


_AUTO = None


def date_trigger_positions(text: str, folded: str) -> list[int]:
    """Offsets where a date expression may start (``folded`` is ``text`` lowercased)."""
    global _AUTO
    if _AUTO is None:  # built on first use, not at import
        _AUTO = _trigger_automaton()
    pos = [end - len(w) + 1 for end, w in _AUTO.iter(folded)]
    pos.extend(m.start() for m in _DIGIT_DATE.finditer(text))
    return pos


def may_contain_date(text: str) -> bool:
    """Fast check: False means :func:`resolve_dates` would find nothing.

    Examples
    --------
    >>> may_contain_date("Drones hit Kharkiv."), may_contain_date("on Saturday")
    (False, True)
    """
    return bool(date_trigger_positions(text, text.lower()))


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in text and what it resolves to.

    Attributes
    ----------
    start, end : int
        Character offsets of the expression in the text searched.
    text : str
    date_start, date_end : datetime.date or None
        The resolved span (equal for a single day); ``None`` when unresolvable.
    precision : int or None
        UCDP-style precision (1 exact day … 5 year); ``None`` when unresolved.
    kind : str
        ``"explicit"``, ``"partial"`` (no year), ``"weekday"``, ``"night"``, ``"relative"``
        or ``"future"`` (never an event date).
    """

    start: int
    end: int
    text: str
    date_start: date | None
    date_end: date | None
    precision: int | None
    kind: str

    @property
    def resolved(self) -> bool:
        """True when the expression resolved to a date."""
        return self.date_start is not None


def parse_iso_date(value: str | date) -> date:
    """Parse ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date).

    Raises
    ------
    ValueError
        When the text is not an ISO date.

    Examples
    --------
    >>> parse_iso_date("2023-12-31T08:15:00Z")
    datetime.date(2023, 12, 31)
    """
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


def _month_of(m: re.Match) -> int:
    gd = m.groupdict()
    if gd.get("mnum"):
        return int(gd["mnum"])
    return _MONTHS[gd["month"].lower().rstrip(".")]


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _Covered:
    """Character positions already taken by a date: an overlap test costs the length of
    the match, not the number of dates found so far (a list made long texts quadratic)."""

    __slots__ = ("_mask",)

    def __init__(self, n: int) -> None:
        self._mask = bytearray(n)

    def append(self, span: tuple[int, int]) -> None:
        s, e = span
        self._mask[s:e] = b"\x01" * max(0, e - s)

    def overlaps(self, s: int, e: int) -> bool:
        return self._mask.find(1, s, e) != -1


def _overlaps(spans, s: int, e: int) -> bool:
    if isinstance(spans, _Covered):
        return spans.overlaps(s, e)
    return any(s < b and a < e for a, b in spans)


def find_explicit_dates(text: str) -> list[DateExpr]:
    """Find dates that carry their year ("December 31, 2023", "31/12/2023", "2023-12-31").

    Numeric ``a/b/yyyy`` dates are read day first (European order, as in the news
    this targets) unless the second number cannot be a month.

    Examples
    --------
    >>> found = find_explicit_dates("Sunday (31/12/2023) and Dec. 30, 2023")
    >>> [d.date_start.isoformat() for d in found]
    ['2023-12-31', '2023-12-30']
    """
    found: list[DateExpr] = []
    # Every full date contains a year: scan only windows around the years (a few per
    # article) instead of running four month-alternation regexes over the whole text.
    windows: list[list[int]] = []
    for y in _YEAR.finditer(text):
        a = text.rfind(" ", 0, max(0, y.start() - 24)) + 1  # start on a word boundary
        b = y.end() + 12
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    for a, b in windows:
        found.extend(_explicit_in(text[a:b], a))
    return sorted(found, key=lambda x: x.start)


# (?<!\d)(?:19|20)\d\d(?!\d), written with the literal first so that the engine jumps
# from one "19" or "20" to the next (4x faster than testing the lookbehind everywhere)
_YEAR = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")


def _explicit_in(chunk: str, offset: int) -> list[DateExpr]:
    found: list[DateExpr] = []
    spans = _Covered(len(chunk))
    has_month = not _MONTH_WORDS.isdisjoint(_WORD.findall(chunk.lower()))
    for pat in _FULL:
        if not has_month and pat in (_FULL[1], _FULL[2]):
            continue
        for m in pat.finditer(chunk):
            if _overlaps(spans, m.start(), m.end()):
                continue
            day, month, year = int(m.group("day")), _month_of(m), int(m.group("year"))
            if pat is _FULL[3] and month > 12 and day <= 12:
                day, month = month, day  # US order, unambiguous
            d = _make_date(year, month, day)
            if d is None:
                continue
            spans.append((m.start(), m.end()))
            found.append(
                DateExpr(offset + m.start(), offset + m.end(), m.group(0), d, d, 1, "explicit")
            )
    return found


def find_publication_date(text: str, *, header_chars: int = 400) -> tuple[date | None, str | None]:
    """Detect the publication date of an article.

    The first full date in the header (the first ``header_chars`` characters) is the
    dateline. Without one, the latest full date cited anywhere in the text is used as a
    weaker guess (an article is published on or after every date it cites, and embedded
    posts are usually from the day of publication); its ``how`` says so.

    Returns
    -------
    tuple of (datetime.date or None, str or None)
        The date and how it was found: ``"dateline"``, ``"latest-cited"`` or ``None``.

    Examples
    --------
    >>> find_publication_date(" date 2023-12-31 Russia strikes back")
    (datetime.date(2023, 12, 31), 'dateline')
    >>> find_publication_date("No date here.")
    (None, None)
    """
    dates = find_explicit_dates(text)
    if not dates:
        return None, None
    head = [d for d in dates if d.start < header_chars]
    if head:
        return head[0].date_start, "dateline"
    return max(d.date_start for d in dates), "latest-cited"


def _last_weekday(published: date, weekday: int) -> date:
    """The most recent ``weekday`` on or before ``published`` (same day counts)."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _partial_year(published: date, month: int, day: int) -> date | None:
    # The latest such day not more than a day after publication (time zones).
    for year in (published.year + 1, published.year, published.year - 1):
        d = _make_date(year, month, day)
        if d is not None and d <= published + timedelta(days=1):
            return d
    return None


def resolve_dates(
    text: str, published: date | None, *, year_from: date | None = None
) -> list[DateExpr]:
    """Find date expressions in ``text`` and resolve them against ``published``.

    Explicit dates resolve on their own; partial, weekday, night and relative
    expressions need ``published`` and otherwise come back unresolved
    (``date_start`` ``None``). Dates introduced as the date of the report
    ("Reported by Reuters, Monday (01/01/2024)") are skipped.

    Parameters
    ----------
    text : str
        Usually one sentence.
    published : datetime.date or None
    year_from : datetime.date, optional
        When ``published`` is unknown but its month or year is ("2024-08"), the last day
        of that period: a day and month ("on August 3") take their year from it; weekdays
        and nights, which need the day, stay unresolved.

    Returns
    -------
    list of DateExpr
        In text order.

    Examples
    --------
    >>> pub = date(2023, 12, 31)  # a Sunday
    >>> [(d.text, str(d.date_start), str(d.date_end), d.precision) for d in resolve_dates(
    ...     "killed on Saturday; drones hit overnight", pub)]
    [('on Saturday', '2023-12-30', '2023-12-30', 1), ('overnight', '2023-12-30', '2023-12-31', 2)]
    >>> resolve_dates("killed on Saturday", None)[0].resolved
    False
    """
    out: list[DateExpr] = []
    spans = _Covered(len(text))
    add = _collector(text, spans, out)
    _add_explicit(text, add)
    words = set(_WORD.findall(text.lower()))
    has_month = not _MONTH_WORDS.isdisjoint(words)
    _add_partial(text, published or year_from, has_month, spans, add)
    if not _WEEKDAY_WORDS.isdisjoint(words):
        _add_weekdays(text, published, spans, add)
    if not _REL_WORDS.isdisjoint(words):
        _add_nights(text, published, spans, add)
        _add_relative(text, published, spans, add)
    if published:
        _add_named_days(text, published, spans, add)
        _add_periods(text, published, has_month, spans, add)
    if published and not _RECENT_WORDS.isdisjoint(words):
        _add_recent(text, published, spans, add)
    if not _EARLIER_WORDS.isdisjoint(words):
        _add_days_earlier(text, out, spans, add)
    return sorted(out, key=lambda x: x.start)


def _add_recent(text: str, published: date, spans, add) -> None:
    """Recent periods before publication ("last week", "earlier this month", "two days
    ago"): an attack recalled, dated to its week, month or day."""
    day = timedelta(days=1)
    for m in _RECENT_RE.finditer(text):
        if _overlaps(spans, m.start(), m.end()):
            continue
        kind, n = _RECENT[re.sub(r"\s+", " ", m.group(0).lower())]
        monday = published - timedelta(days=published.weekday())
        span = {
            "week_before": (monday - 7 * day, monday - day, 3),
            "this_week": (monday, published - day, 3),
            "this_month": (published.replace(day=1), published - day, 4),
            "weeks_ago": (published - (7 * n + 3) * day, published - (7 * n - 3) * day, 3),
            "days_ago": (published - n * day, published - n * day, 1),
        }[kind]
        if span[0] <= span[1]:
            add(m.start(), m.end(), *span, "recent")


def _add_days_earlier(text: str, out: list, spans, add) -> None:
    """ "said on Saturday it had struck the port a day earlier": the day named before the
    phrase, less its days (the pipeline drops the statement's own day); "hit Kharkiv two
    days later": that day plus two."""
    for m in _EARLIER.finditer(text):
        if _overlaps(spans, m.start(), m.end()):
            continue
        days = [d for d in out if d.end <= m.start() and d.date_start and d.precision == 1]
        if days:
            d = max(days, key=lambda x: x.end).date_start - timedelta(
                days=_DAYS_EARLIER[re.sub(r"\s+", " ", m.group("rel").lower())]
            )
            add(m.start(), m.end(), d, d, 1, "relative")


def _collector(text: str, spans: _Covered, out: list[DateExpr]):
    """``add(start, end, date_start, date_end, precision, kind)``: mark the span as taken
    and keep the expression unless it is the report's own date."""

    def add(
        m_start: int, m_end: int, ds: date | None, de: date | None, prec: int | None, kind: str
    ) -> None:
        spans.append((m_start, m_end))
        if _REPORTED_BY.search(text[max(0, m_start - 60) : m_start]):
            return  # the report's own date
        out.append(
            DateExpr(
                m_start, m_end, text[m_start:m_end], ds, de, prec if ds is not None else None, kind
            )
        )

    return add


def _add_explicit(text: str, add) -> None:
    """Dates with their year, a weekday just before them included ("Sunday (31/12/2023)")."""
    for d in find_explicit_dates(text):
        # "Sunday (31/12/2023)": the weekday belongs to the explicit date
        # the 40 characters before, not the whole text before (quadratic with many dates)
        w0 = max(0, d.start - 40)
        wd = re.search(r"\b(?:" + "|".join(_WEEKDAYS) + r")\s*\(?\s*$", text[w0 : d.start], re.I)
        start = w0 + wd.start() if wd else d.start
        end = d.end + 1 if text[d.end : d.end + 1] == ")" and wd else d.end
        add(start, end, d.date_start, d.date_end, 1, "explicit")


def _add_partial(text: str, published: date | None, has_month: bool, spans, add) -> None:
    """Day and month without a year ("31 December"), the year taken from ``published``."""
    for pat in _PARTIAL:
        if pat is not _PARTIAL[2] and not has_month:
            continue
        for m in pat.finditer(text):
            if _overlaps(spans, m.start(), m.end()):
                continue
            day, month = int(m.group("day")), _month_of(m)
            d = _partial_year(published, month, day) if published else None
            if published and d is None:
                continue  # "February 30": not a date
            w0 = max(0, m.start() - 40)
            wd = re.search(r"\b(?:" + "|".join(_WEEKDAYS) + r")\s*$", text[w0 : m.start()], re.I)
            add(w0 + wd.start() if wd else m.start(), m.end(), d, d, 1, "partial")


def _add_weekdays(text: str, published: date | None, spans, add) -> None:
    """Weekdays ("on Saturday", "last Friday night"); "next"/"until"/"by" ones are future."""
    for m in _WEEKDAY.finditer(text):
        if _overlaps(spans, m.start(), m.end()):
            continue
        mod = (m.group("mod") or "").lower()
        if mod in ("next", "until", "by"):
            add(m.start(), m.end(), None, None, None, "future")
            continue
        d = _last_weekday(published, _WEEKDAYS.index(m.group("wd").lower())) if published else None
        if d is not None and mod == "last" and d == published:
            d -= timedelta(days=7)
        part = (m.group("part") or "").lower()
        if d is not None and part == "night":
            add(m.start(), m.end(), d, d + timedelta(days=1), 2, "weekday")
        else:
            add(m.start(), m.end(), d, d, 1, "weekday")


def _add_nights(text: str, published: date | None, spans, add) -> None:
    """Nights ("overnight", "last night"): the night before ``published``."""
    for m in _NIGHT.finditer(text):
        if _overlaps(spans, m.start(), m.end()):
            continue
        if m.group(0).lower().endswith(" of") and _NIGHT_OF_DAY.match(text, m.end()):
            continue  # "on the night of Friday, March 8": the day named dates it
        if published:
            add(m.start(), m.end(), published - timedelta(days=1), published, 2, "night")
        else:
            add(m.start(), m.end(), None, None, None, "night")


@lru_cache(maxsize=4)
def _named_days(lang: str = "en") -> tuple[re.Pattern | None, dict]:
    from geoinc import lang as langdata

    rows = {}
    for phrase, value in langdata.table(lang, "dates_holidays").items():
        month, _, day = value.partition("\t")
        rows[phrase.lower()] = (int(month), int(day))
    if not rows:
        return None, rows
    alt = "|".join(re.escape(p) for p in sorted(rows, key=len, reverse=True))
    return compile_fast(rf"\b(?:{alt})\b", re.I), rows


def _add_named_days(text: str, published: date, spans, add) -> None:
    """Named days ("on New Year's Eve"), vocabulary from ``dates_holidays.tsv``."""
    low = text.lower()
    if "christmas" not in low and "new year" not in low:
        return
    pattern, rows = _named_days()
    for m in pattern.finditer(text) if pattern else ():
        if _overlaps(spans, m.start(), m.end()):
            continue
        d = _partial_year(published, *rows[m.group(0).lower()])
        if d is not None:
            add(m.start(), m.end(), d, d, 1, "partial")


def _add_relative(text: str, published: date | None, spans, add) -> None:
    """Relative days: "yesterday", "today", "this morning"."""
    for m in _RELATIVE.finditer(text):
        if _overlaps(spans, m.start(), m.end()):
            continue
        d = published
        if published and m.group("rel").lower() == "yesterday":
            d = published - timedelta(days=1)
        add(m.start(), m.end(), d, d, 1, "relative")


def _month_span(year: int, month: int) -> tuple[date, date]:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), nxt - timedelta(days=1)


def _add_periods(text: str, published: date, has_month: bool, spans, add) -> None:
    """Months and years before the publication's own ("in July", "last year", "in 2022")."""
    this_month = (published.year, published.month)
    for m in _MONTHLY.finditer(text) if has_month else ():
        pre = (m.group("pre") or "").lower()
        if (not pre and not m.group("year")) or _overlaps(spans, m.start(), m.end()):
            continue
        month = _MONTHS[m.group("mname").lower().rstrip(".")]
        # "last March" said in March is a year ago; "in March" then is this one
        latest = month < published.month or month == published.month and pre != "last"
        year = (
            int(m.group("year"))
            if m.group("year")
            else (published.year if latest else published.year - 1)
        )
        if (year, month) >= this_month:
            continue
        start = m.start("mname") if pre in ("since", "until", "by", "in", "during") else m.start()
        add(start, m.end(), *_month_span(year, month), 4, "month")
    for m in _LAST_PERIOD.finditer(text):
        if _overlaps(spans, m.start(), m.end()):
            continue
        if m.group("unit").lower() == "month":
            y, mo = (
                (published.year, published.month - 1)
                if published.month > 1
                else (published.year - 1, 12)
            )
            add(m.start(), m.end(), *_month_span(y, mo), 4, "month")
        else:
            y = published.year - 1
            add(m.start(), m.end(), date(y, 1, 1), date(y, 12, 31), 5, "year")
    for m in _YEAR_ONLY.finditer(text):
        y = int(m.group("year"))
        if y < published.year and not _overlaps(spans, m.start("year"), m.end()):
            add(m.start("year"), m.end(), date(y, 1, 1), date(y, 12, 31), 5, "year")
