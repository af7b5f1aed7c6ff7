"""Case-insensitive patterns matched on lower-case text (geoinc.extraction.lexicon)."""

import re

import pytest

from geoinc.extraction.lexicon import caseless, compile_caseless

PATTERNS = [
    r"\b(?:at least|more than)\s+\d+\s+(?:people|civilians)\b",
    r"(?<![\w-])(?P<num>two|three|a|an)\s+(?P<noun>[a-z]{3,}ers?)\b",
    r"\b(?:killed|wounded)\b(?!\s+in)",
    r"[^,;.]{0,20}\bstrikes?\b",
]
TEXTS = [
    "At Least 12 People were killed; MORE THAN 3 civilians died.",
    "Two Farmers and an officer were hurt, A rescuer said.",
    "KILLED in action; Wounded, not killed in Kherson.",
    "An air STRIKE, then strikes; nothing else.",
]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
def test_caseless_pattern_matches_as_the_case_insensitive_one(pattern, text):
    folded = compile_caseless(pattern, re.I)
    assert not folded.flags & re.I  # the point: matched case-sensitive
    expected = [m.span() for m in re.finditer(pattern, text, re.I)]
    assert [m.span() for m in folded.finditer(caseless(text))] == expected


@pytest.mark.parametrize(
    "pattern", [r"[A-Z][a-z]+ Square", r"(?i:kyiv) [A-Z]", r"(\w+) \1", r"café", r"(?>ab)c"]
)
def test_patterns_that_read_case_stay_case_insensitive(pattern):
    assert compile_caseless(pattern, re.I).flags & re.I


@pytest.mark.parametrize("text", ["Oſt", "İzmir", "ıs", "5 \u212a"])
def test_characters_case_insensitive_matching_equates_with_ascii_have_no_caseless_form(text):
    # re.I matches "ſ" with "s", "İ" and "ı" with "i", the kelvin sign with "k"; lower()
    # does not turn them into those letters
    assert caseless(text) is None


def test_caseless_keeps_offsets():
    text = "Drones Hit ÉVORA — «Kharkiv»"
    assert caseless(text) == text.lower() and len(caseless(text)) == len(text)


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"(?<!\w)(?:загин\w*|поранен\w*|убит\w*)", "Двоє людей ЗАГИНУЛИ, ще троє Поранені."),
        (r"\b(?:в|у)\s+(?:харків\w*|київ\w*)", "Удар У Харкові та в Київській області"),
    ],
)
def test_cyrillic_patterns_are_read_caseless_too(pattern, text):
    folded = compile_caseless(pattern, re.I)
    assert not folded.flags & re.I
    expected = [m.span() for m in re.finditer(pattern, text, re.I)]
    assert expected and [m.span() for m in folded.finditer(caseless(text))] == expected


def test_a_letter_re_i_equates_with_a_cyrillic_one_has_no_caseless_form():
    # "ᲀ" (an old form of "в") matches "в" case-insensitively; lower() keeps it as it is
    assert caseless("Удар ᲀ Харкові") is None


def test_the_odd_characters_all_lie_in_the_basic_multilingual_plane():
    from geoinc.extraction.lexicon import _ODD_CASE, _odd_characters

    astral = "".join(map(chr, range(0x10000, 0x110000)))
    assert not _ODD_CASE.search(astral)
    assert set(_odd_characters().pattern[1:-1]) >= {"ſ", "ı", "İ", "ᲀ"}
