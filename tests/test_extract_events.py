"""Sentence analysis: figures, weapons, targets, cues, sentence splitting."""

from __future__ import annotations

from datetime import date

import pytest

from geoinc.extraction.events import (
    SUB_AIR,
    SUB_SHELLING,
    analyse_text,
    classify_weapons,
    find_cues,
    find_figures,
    find_targets,
    find_weapons,
    split_sentences,
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "At least 15 residents were killed and dozens more injured on Tuesday",
            [("killed", "At least 15", 15), ("injured", "dozens", None)],
        ),
        ("a missile attack killed up to 18 people", [("killed", "up to 18", 18)]),
        (
            "the death toll reached 12 people and 65 people were injured",
            [("killed", "12", 12), ("injured", "65", 65)],
        ),
        ("put the number of dead in the town at 12", [("killed", "12", 12)]),
        (
            "causing the deaths of five individuals and injuring 17 others",
            [("killed", "five", 5), ("injured", "17", 17)],
        ),
        (
            "the bodies of a man and two women were found",
            [("killed", "a man and two women", 3)],
        ),
        (
            "resulted in the deaths of 13 individuals, including two teenagers, "
            "and left 40 others wounded",
            [("killed", "13", 13), ("injured", "40", 40)],
        ),
        (
            "killed at least 9 people and wounded at least 37",
            [("killed", "at least 9", 9), ("injured", "at least 37", 37)],
        ),
        ("31 people were wounded in the shelling", [("injured", "31", 31)]),
        ("dozens more were believed to have been injured", [("injured", "dozens", None)]),
        (
            "destroyed 17 of 26 Iranian-made Shahed drones",
            [("drones_shot_down", "17", 17), ("drones_launched", "26", 26)],
        ),
        ("air defences shot down 17 of those drones", [("drones_shot_down", "17", 17)]),
        ("hitting the city with some 50 drones", [("drones_launched", "some 50", 50)]),
        ("the destruction of two HIMARS launchers", []),
        ("a city 30 kilometers from the border", []),
        ("injuries, including two children", []),
        ("in 2022, the war began", []),
    ],
)
def test_find_figures(sentence, expected):
    got = find_figures(sentence)
    assert [(f.field, f.quantity.text, f.quantity.value) for f in got] == expected
    for f in got:
        assert sentence[f.start : f.end] == f.quantity.text


def test_figure_offsets_are_document_offsets():
    (f,) = find_figures("28 people were wounded", offset=100)
    assert (f.start, f.end) == (100, 102)


def test_weapons_specific_before_generic():
    ws = find_weapons(
        "Czech-made Vampire rockets, Olkha missiles with cluster-munition warheads, "
        "Shahed drones, then more drones and a HIMARS"
    )
    assert [w.value for w in ws] == [
        "Vampire rockets",
        "Olkha missiles",
        "cluster munitions",
        "Shahed drones",
        "drones",
        "HIMARS",
    ]


@pytest.mark.parametrize(
    ("weapons", "sub"),
    [
        (["Shahed drones"], SUB_AIR),
        (["missiles", "rockets"], SUB_SHELLING),
        (["drones", "missiles"], SUB_AIR),
        (["glide bombs"], SUB_AIR),
        (["artillery"], SUB_SHELLING),
        ([], None),
        (["unknown"], None),
        # "shelling" names the attack, not the weapon: it yields to any weapon named
        (["shelling"], SUB_SHELLING),
        (["shelling", "shelling", "drones"], SUB_AIR),
        (["shelling", "glide bombs"], SUB_AIR),
    ],
)
def test_classify_weapons(weapons, sub):
    assert classify_weapons(weapons) == sub


@pytest.mark.parametrize(
    ("weapons", "kind"),
    [
        (["shelling"], "artillery"),
        (["shelling", "rockets"], "missile"),
        (["shelling", "artillery", "missiles"], "artillery"),  # a tie: the first named
        (["missiles", "drones", "drones"], "drone"),
        (["glide bombs", "shelling", "shelling"], "air"),
        (["unknown"], None),
        ([], None),
    ],
)
def test_weapon_kind_votes_with_generic_words_last(weapons, kind):
    from geoinc.taxonomy import weapon_kind

    assert weapon_kind(weapons) == kind


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Artillery shelling hit the village at dawn.", ["artillery", "shelling"]),
        ("The town was shelled again on Friday.", ["shelling"]),
        ("Mortars and howitzers fired all night.", ["artillery", "artillery"]),
    ],
)
def test_shelling_is_its_own_weapon(sentence, values):
    assert [w.value for w in find_weapons(sentence)] == values


def test_targets_and_negation():
    ts = find_targets(
        "The targets were not military facilities but offices, cafes and residential buildings; "
        "a Christmas market and the town's Freedom Square were also hit"
    )
    assert [t.value for t in ts] == [
        "offices",
        "cafes",
        "residential buildings",
        "Christmas market",
        "Freedom Square",
    ]


def test_cues_need_word_boundaries():
    assert [c.value for c in find_cues("The white shirt; shelling hit the city")] == [
        "shelling",
        "hit",
    ]


def test_split_sentences_keeps_abbreviations_and_lines():
    text = (
        "Regional Gov. Oleh Syniehubov said 28 were hurt. Next one!\nA headline\n\nNew paragraph."
    )
    sents = split_sentences(text)
    assert [text[s:e] for s, e, _ in sents] == [
        "Regional Gov. Oleh Syniehubov said 28 were hurt.",
        "Next one!",
        "A headline",
        "New paragraph.",
    ]
    assert [p for _, _, p in sents] == [0, 0, 0, 1]


def test_analyse_text_title_and_offsets():
    text = "Drones Hit Kharkiv\n\nDrones hit Kharkiv overnight, wounding 28 people."
    title, body = analyse_text(text, date(2023, 12, 31))
    assert title.is_title and not body.is_title
    assert body.figures[0].quantity.value == 28
    assert text[body.figures[0].start : body.figures[0].end] == "28"
    assert text[body.dates[0].start : body.dates[0].end] == "overnight"
    assert analyse_text("", None) == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Russian jets dropped KABs on the outskirts overnight.", "air"),
        ("A FAB-500 with a UMPK kit hit the depot.", "air"),
        ("A plane dropped a bomb on the depot.", "air"),
        ("Tactical aviation struck the bridge twice.", "air"),
        ("An FPV drone chased the car.", "drone"),
        ("A Lancet drone hit the truck.", "drone"),
        ("A loitering munition struck the substation.", "drone"),
        ("Two Geran-2s were downed before dawn.", "drone"),
        ("An ATACMS strike hit the airfield.", "missile"),
        ("Storm Shadow struck the shipyard.", "missile"),
        ("An X-59 hit the port.", "missile"),
        ("Smerch launchers fired on the suburbs.", "missile"),
        ("A Grad multiple rocket launch system fired on the market.", "missile"),
        ("Tanks fired on the village from the ridge.", "artillery"),
        ("The village was shelled at noon.", "artillery"),
        ("Russian warplanes bombed the bridge.", "air"),
        ("The depot was hit by enemy warplanes.", "air"),
    ],
)
def test_weapon_names_find_their_kind(sentence, kind):
    from geoinc.taxonomy import weapon_kind

    assert weapon_kind([w.value for w in find_weapons(sentence)]) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The Lancet published the study on Monday.",
        "A tanker docked in the harbour.",
        "Tornado warnings were issued across the county.",
        "Kabul was quiet on Friday.",
        # aircraft as the target, not the weapon
        "Two warplanes were damaged at the air base.",
    ],
)
def test_look_alike_words_are_no_weapons(sentence):
    assert find_weapons(sentence) == []


def test_a_weapon_name_spelt_out_names_no_other_weapon():
    # "Artillery" inside HIMARS's expansion is no artillery of its own
    ws = find_weapons("A HIMARS (High Mobility Artillery Rocket System) battery fired.")
    assert ws and {w.value for w in ws} == {"HIMARS"}
