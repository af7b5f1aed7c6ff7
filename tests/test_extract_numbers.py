"""Quantities keep their qualifiers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoinc.extraction.numbers import parse_number, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [
        ("at least 22", 22, 22, None, "at_least"),
        ("At least 21", 21, 21, None, "at_least"),
        ("up to 18", 18, None, 18, "up_to"),
        ("as many as 30", 30, None, 30, "up_to"),
        ("more than 20", 20, 21, None, "more_than"),
        ("some 50", 50, None, None, "about"),
        ("nearly 100", 100, None, None, "about"),
        ("dozens", None, None, None, "vague"),
        ("several", None, None, None, "vague"),
        ("three", 3, 3, 3, "exact"),
        ("twenty-four", 24, 24, 24, "exact"),
        ("1,200", 1200, 1200, 1200, "exact"),
        ("a dozen", 12, 12, 12, "exact"),
        ("two men and a woman", 3, 3, 3, "exact"),
        ("a man, a woman and two children", 4, 4, 4, "exact"),
    ],
)
def test_parse_quantity(text, value, low, high, qualifier):
    q = parse_quantity(text)
    assert (q.value, q.low, q.high, q.qualifier, q.text) == (value, low, high, qualifier, text)


@pytest.mark.parametrize("text", ["drones", "", "the city"])
def test_not_a_quantity(text):
    assert parse_quantity(text) is None


@given(st.integers(min_value=0, max_value=10**7))
def test_digits_round_trip(n):
    assert parse_number(f"{n:,}") == n
    assert parse_quantity(f"at least {n}").low == n
