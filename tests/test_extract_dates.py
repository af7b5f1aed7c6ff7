"""Dates: datelines, relative dates resolved against publication, null without anchor."""

from __future__ import annotations

from datetime import date

import pytest

from geoinc.extraction.dates import (
    find_explicit_dates,
    find_publication_date,
    parse_iso_date,
    resolve_dates,
)

SUNDAY = date(2023, 12, 31)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "kind"),
    [
        ("killed on Saturday", "2023-12-30", "2023-12-30", 1, "weekday"),
        ("Saturday's attack", "2023-12-30", "2023-12-30", 1, "weekday"),
        ("strikes early Sunday", "2023-12-31", "2023-12-31", 1, "weekday"),
        ("On Friday, Russia launched", "2023-12-29", "2023-12-29", 1, "weekday"),
        ("last Sunday", "2023-12-24", "2023-12-24", 1, "weekday"),
        ("on Saturday night", "2023-12-30", "2023-12-31", 2, "weekday"),
        ("drones attacked overnight", "2023-12-30", "2023-12-31", 2, "night"),
        ("the city at night", "2023-12-30", "2023-12-31", 2, "night"),
        ("yesterday", "2023-12-30", "2023-12-30", 1, "relative"),
        ("A strike on Saturday (30/12) hit", "2023-12-30", "2023-12-30", 1, "partial"),
        ("on December 29 the", "2023-12-29", "2023-12-29", 1, "partial"),
        ("on 2 January", "2023-01-02", "2023-01-02", 1, "partial"),
        ("on 1 January", "2024-01-01", "2024-01-01", 1, "partial"),  # a day ahead: time zones
        ("on 30 December 2023", "2023-12-30", "2023-12-30", 1, "explicit"),
        # named days, from lang/en/dates_holidays.tsv
        ("shelled on New Year's Eve", "2023-12-31", "2023-12-31", 1, "partial"),
        ("a raid on Christmas Day", "2023-12-25", "2023-12-25", 1, "partial"),
        # earlier months and years, recalled for context
        ("a strike in October killed", "2023-10-01", "2023-10-31", 4, "month"),
        ("in February the", "2023-02-01", "2023-02-28", 4, "month"),
        ("the June 2022 attack", "2022-06-01", "2022-06-30", 4, "month"),
        ("shelled last month", "2023-11-01", "2023-11-30", 4, "month"),
        ("hit last year", "2022-01-01", "2022-12-31", 5, "year"),
        ("a raid in 2022", "2022-01-01", "2022-12-31", 5, "year"),
    ],
)
def test_resolve_against_publication(text, start, end, precision, kind):
    (d,) = resolve_dates(text, SUNDAY)
    assert (str(d.date_start), str(d.date_end), d.precision, d.kind) == (
        start,
        end,
        precision,
        kind,
    )
    assert text[d.start : d.end] == d.text


def test_no_anchor_means_null_not_today():
    ds = resolve_dates("killed on Saturday, shelled overnight, again yesterday", None)
    assert len(ds) == 3 and all(d.date_start is None and d.precision is None for d in ds)
    # an explicit date needs no anchor
    assert resolve_dates("on 30 December 2023", None)[0].date_start == date(2023, 12, 30)


def test_future_and_report_dates_are_not_event_dates():
    assert resolve_dates("talks resume next Monday", SUNDAY)[0].kind == "future"
    assert resolve_dates("talks resume next Monday", SUNDAY)[0].date_start is None
    ds = resolve_dates("Reported by Reuters, Sunday (31/12/2023), drones hit at night", SUNDAY)
    assert [d.kind for d in ds] == ["night"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12/2023", date(2023, 12, 31)),
        ("12/31/2023", date(2023, 12, 31)),
        ("2023-12-31", date(2023, 12, 31)),
        ("Dec. 31, 2023", date(2023, 12, 31)),
        ("31st of December, 2023", date(2023, 12, 31)),
        ("31.12.2023", date(2023, 12, 31)),
    ],
)
def test_explicit_formats(text, expected):
    (d,) = find_explicit_dates(text)
    assert d.date_start == expected


def test_invalid_dates_are_ignored():
    assert find_explicit_dates("31/02/2023 and 2023-13-01") == []
    assert resolve_dates("on February 30", SUNDAY) == []


def test_publication_date_prefers_header_then_latest_cited():
    assert find_publication_date("December 31, 2023\nbody 1 January 2020") == (SUNDAY, "dateline")
    body = "x " * 300 + "on 2 January 2024 and on 5 May 2021"
    assert find_publication_date(body) == (date(2024, 1, 2), "latest-cited")


def test_parse_iso_date():
    assert parse_iso_date("2024-01-01T09:30:00Z") == date(2024, 1, 1)
    with pytest.raises(ValueError):
        parse_iso_date("yesterday")


@pytest.mark.parametrize(
    "text",
    [
        "strikes in December",  # the month of publication dates nothing
        "in 2023 so far",  # nor does its year
        "officials may say more",  # a verb, not a month
        "December was cold",  # a bare month without "in" or a year
    ],
)
def test_the_publication_month_and_bare_months_give_no_period(text):
    assert [d for d in resolve_dates(text, SUNDAY) if d.kind in ("month", "year")] == []


@pytest.mark.parametrize(
    "text, year_from, expected",
    [
        ("drones hit the port on 14 May", date(2024, 5, 31), date(2024, 5, 14)),
        ("drones hit the port on 14 May", date(2024, 3, 31), date(2023, 5, 14)),
        ("drones hit the port on Tuesday", date(2024, 5, 31), None),
    ],
)
def test_a_known_month_or_year_gives_a_day_and_month_its_year(text, year_from, expected):
    (d,) = resolve_dates(text, None, year_from=year_from)
    assert d.date_start == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # days before the date named before the phrase
        ("Kyiv said on Sunday its drones had hit the depot a day earlier.", ["2024-06-01"]),
        ("The governor said on Sunday two men had died the previous day.", ["2024-06-01"]),
        ("Officials said on Sunday the bridge was struck two days earlier.", ["2024-05-31"]),
        # no date before it, or the phrase qualifies a noun: nothing of its own
        ("A drone hit the depot a day earlier.", []),
        ("On Sunday, the day before the vote, drones hit the depot.", []),
    ],
)
def test_days_earlier_than_a_named_day(text, expected):
    got = [str(d.date_start) for d in resolve_dates(text, date(2024, 6, 2)) if d.kind == "relative"]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Drones hit Sumy on Sunday and Okhtyrka a day later.", ["2024-06-03"]),
        ("On Sunday drones hit Sumy; the next day a missile struck Okhtyrka.", ["2024-06-03"]),
        ("The next day, rescuers found two more bodies.", []),
    ],
)
def test_days_later_than_a_named_day(text, expected):
    got = [str(d.date_start) for d in resolve_dates(text, date(2024, 6, 5)) if d.kind == "relative"]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the day named after "the night of" dates it, not the night before publication
        ("Drones hit the port on the night of Friday, May 31.", ["2024-05-31", "2024-05-31"]),
        ("Drones hit the port on the night of 30 to 31 May.", ["2024-05-31"]),
        # alone, it is still the night before publication
        ("The night of shelling left the village without power.", ["2024-06-01"]),
    ],
)
def test_the_night_of_a_named_day(text, expected):
    assert [str(d.date_start) for d in resolve_dates(text, date(2024, 6, 2))] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # recent periods before publication (Wednesday 2024-06-05)
        ("Last week, a strike on Odesa killed 20.", ("2024-05-27", "2024-06-02", 3)),
        ("Earlier this month, drones hit the refinery.", ("2024-06-01", "2024-06-04", 4)),
        ("Two days ago drones hit Sumy.", ("2024-06-03", "2024-06-03", 1)),
        ("A week ago a missile hit Lviv.", ("2024-05-26", "2024-06-01", 3)),
    ],
)
def test_recent_periods(text, expected):
    (d,) = resolve_dates(text, date(2024, 6, 5))
    assert (str(d.date_start), str(d.date_end), d.precision) == expected
