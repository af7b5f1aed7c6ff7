"""Casualty figures as reports write them (geoinc.extraction.casualties); sentences are ours."""

from pathlib import Path

import pytest

from geoinc.exceptions import ConfigurationError
from geoinc.extraction.casualties import casualty_figures, may_contain_casualties


def _figs(sentence, **kw):
    found = casualty_figures(sentence, **kw)
    return [(f.field, f.quantity.value, f.quantity.qualifier) for f in found]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # passive, with number words and asides between the phrase and the verb
        ("Twenty-six people were wounded in the city.", [("injured", 26, "exact")]),
        ("Five people, including a baby, were killed.", [("killed", 5, "exact")]),
        ("Nine residents — among them two doctors — were hurt.", [("injured", 9, "exact")]),
        ("At least 11 people are now known to have died.", [("killed", 11, "at_least")]),
        ("Two soldiers who were at the depot were fatally wounded.", [("killed", 2, "exact")]),
        ("An elderly man reportedly died on the way to hospital.", [("killed", 1, "exact")]),
        ("A 72-year-old woman was injured.", [("injured", 1, "exact")]),
        ("Seven people sought medical help.", [("injured", 7, "exact")]),
        ("Four more people were hospitalised.", [("injured", 4, "exact")]),
        ("19 dead and 40 wounded", [("killed", 19, "exact"), ("injured", 40, "exact")]),
        ("over a hundred were injured", [("injured", 100, "exact")]),
        ("Dozens of people were injured.", [("injured", None, "vague")]),
        # active: the verb before the phrase
        ("The missile killed a teacher.", [("killed", 1, "exact")]),
        # a possessive before a count, "its" before one person, an elliptical "one"
        ("Shelling killed a mother and her three sons.", [("killed", 4, "exact")]),
        ("A drone hit the lorry, killing its driver.", [("killed", 1, "exact")]),
        (
            "Three were killed and one was wounded.",
            [("killed", 3, "exact"), ("injured", 1, "exact")],
        ),
        ("One of the guards was injured.", []),
        # an article or a number word ends a phrase: the verb between is no modifier
        ("A drone injured a woman.", [("injured", 1, "exact")]),
        ("A shell wounded two pensioners.", [("injured", 2, "exact")]),
        # a second count at another place, its noun and verb left out
        (
            "Shelling killed three people in Bilopillia and two in Krasnopillia.",
            [("killed", 3, "exact"), ("killed", 2, "exact")],
        ),
        ("Drones hit Sumy at 5 am and Kharkiv at 6 am.", []),
        # injuries suffered or received, with their kind
        ("A security guard was taken to hospital.", [("injured", 1, "exact")]),
        ("The bodies were taken to a hospital morgue.", []),
        ("Four shop workers suffered cuts from flying glass.", [("injured", 4, "exact")]),
        ("Two pensioners received minor injuries.", [("injured", 2, "exact")]),
        ("The blast killed a man and two children.", [("killed", 3, "exact")]),
        ("Shelling killed 3 and wounded 9.", [("killed", 3, "exact"), ("injured", 9, "exact")]),
        ("The strike left 12 people injured.", [("injured", 12, "exact")]),
        ("Rescuers recovered the bodies of eight people.", [("killed", 8, "exact")]),
        # tolls and their updates
        ("The death toll has climbed to 31.", [("killed", 31, "exact")]),
        # a long clause between the toll and its verb of change
        (
            "The number of people killed when two missiles hit a crowded shopping centre "
            "in the south of the city on Monday has risen to 23.",
            [("killed", 23, "exact")],
        ),
        ("The number of injured rose to 64 by evening.", [("injured", 64, "exact")]),
        ("officials put the toll in the town at 9", [("killed", 9, "exact")]),
        # explicit zeros, kept apart from "no figure"
        (
            "There were no casualties, the governor said.",
            [("injured", 0, "none"), ("killed", 0, "none")],
        ),
        ("nobody was injured", [("injured", 0, "none")]),
        ("No one was killed in the attack.", [("killed", 0, "none")]),
        ("No fatalities have been reported so far.", [("killed", 0, "none")]),
    ],
)
def test_figures_as_written(sentence, expected):
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "A number of people were injured.",  # not "a" = 1
        "The attack came in 2023 and killed nobody we know of.",  # a year is not a count
        "Since the start of the war, 1,500 people have been killed in the region.",  # a total
        "The city has 5 hospitals and 20 schools.",  # no casualty verb
        "Drones hit a depot; 14 drones were shot down.",  # drones are not people
    ],
)
def test_not_figures(sentence):
    assert _figs(sentence) == []


def test_subsets_are_not_added():
    # the children are part of the 12, not 12 + 3
    assert _figs("Twelve people, including three children, were injured.") == [
        ("injured", 12, "exact")
    ]
    assert _figs("At least 6 were killed, among them 2 rescuers.") == [("killed", 6, "at_least")]


def test_general_nouns_do_not_add_up():
    # "18 people and 40 people" are two figures; kinds of people counted one by one add up
    got = _figs("18 people were killed and 40 people were injured.")
    assert got == [("killed", 18, "exact"), ("injured", 40, "exact")]


def test_offsets_point_at_the_number():
    sentence = "Officials said that at least 14 people were killed."
    (f,) = casualty_figures(sentence, offset=100)
    assert sentence[f.start - 100 : f.end - 100] == "at least 14"


def test_lowercase_no_one_is_not_one():
    assert _figs("no one was hurt") == [("injured", 0, "none"), ("killed", 0, "none")]


def test_pre_check():
    assert may_contain_casualties("three were wounded")
    assert not may_contain_casualties("the weather was fine")


def test_language_is_data(tmp_path: Path):
    # a toy language: its own verbs and nouns, no code change
    import json

    from geoinc import lang

    en = lang.data("en", "casualties")
    toy = {k: v for k, v in en.items()}
    toy.update(
        killed_verbs=["zapped"],
        injured_verbs=["bonked"],
        person_nouns=["folk"],
        killed_active=["zapping"],
        injured_active=["bonking"],
        triggers=["zap", "bonk"],
    )
    (tmp_path / "casualties.json").write_text(json.dumps(toy), encoding="utf-8")
    assert _figs("Three folk were zapped and 4 folk were bonked.", lang=str(tmp_path)) == [
        ("killed", 3, "exact"),
        ("injured", 4, "exact"),
    ]
    assert _figs("Three people were killed.", lang=str(tmp_path)) == []


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ConfigurationError, match="unknown language"):
        casualty_figures("Two were killed.", lang="xx-nowhere")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Another 31 people were injured.", [("injured", 31, "exact")]),
        ("A further five people sustained injuries.", [("injured", 5, "exact")]),
        ("Another person was killed.", [("killed", 1, "exact")]),
        (
            "Nine more residents--most of them queuing for water--were wounded.",
            [("injured", 9, "exact")],
        ),
    ],
)
def test_additions_to_a_toll(sentence, expected):
    assert _figs(sentence) == expected


def test_changed_tolls_are_marked():
    (f,) = casualty_figures("By evening the death toll had climbed to 17.")
    assert (f.field, f.quantity.value, f.update) == ("killed", 17, True)
    (g,) = casualty_figures("The toll of the strike is 17.")
    assert g.update is False


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a count of deaths or injuries, the noun being what is counted
        ("The mayor first spoke of six deaths.", [("killed", 6, "exact")]),
        (
            "By noon there were nine confirmed deaths and 31 injuries.",
            [("killed", 9, "exact"), ("injured", 31, "exact")],
        ),
        ("Doctors counted 12 fatalities.", [("killed", 12, "exact")]),
        # a pair noun after "a" or a possessive counts two people
        ("An elderly couple were killed when the shell hit.", [("killed", 2, "exact")]),
        (
            "The blast killed his parents and wounded a boy.",
            [("killed", 2, "exact"), ("injured", 1, "exact")],
        ),
    ],
)
def test_nominal_counts_and_pairs(sentence, expected):
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The other three fatalities were in a second car.",  # a remainder, not a toll
        "The 2022 deaths were counted separately.",  # a year
        "Their children were injured.",  # a possessive before a plural gives no number
    ],
)
def test_not_nominal_counts(sentence):
    assert [f for f in _figs(sentence) if f[1]] == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # professions no list holds, by their ending
        ("The shell killed a local radiologist.", [("killed", 1, "exact")]),
        ("Drones wounded a veteran electrician near the plant.", [("injured", 1, "exact")]),
        # a possessive before one person counts one; an apposition or an age between
        # the phrase and its verb is an aside
        ("His wife, a schoolteacher, was injured.", [("injured", 1, "exact")]),
        ("A driver, 61, died at the scene.", [("killed", 1, "exact")]),
        ("The blast killed a farmer and his son.", [("killed", 2, "exact")]),
        # an adjective makes the phrase a figure without a verb
        ("The injured girl was flown to Lviv by helicopter.", [("injured", 1, "exact")]),
        ("Three wounded soldiers were carried out.", [("injured", 3, "exact")]),
        # those of the injured who died are killed, and no longer injured
        (
            "Fifteen people were hurt, three of whom later died.",
            [("injured", 12, "exact"), ("killed", 3, "exact")],
        ),
    ],
)
def test_professions_possessives_appositions_adjectives(sentence, expected):
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The wounded were taken away by bus.",  # no person noun: nobody counted
        "The injured soldiers were flown out.",  # "the" before a plural: no number
        "The injured included a police officer.",  # a verb, not a modifier
        "A man, a woman and a child were hurt.",  # a list, not an apposition
    ],
)
def test_adjectives_and_lists_count_only_what_they_say(sentence):
    got = _figs(sentence)
    if "list" in sentence or "child" in sentence:
        assert got == [("injured", 3, "exact")]
    else:
        assert got == []


@pytest.mark.parametrize(
    "sentence, text",
    [
        ("At Least 22 People Were Killed in the city.", "At Least 22"),
        ("TWO SOLDIERS WERE WOUNDED.", "TWO"),
        # "ſ" has no lower-case "s": the sentence is read by the case-insensitive patterns
        ("At least 22 people were killed in Oſt.", "At least 22"),
    ],
)
def test_figures_keep_the_words_as_written(sentence, text):
    [fig] = casualty_figures(sentence)
    assert fig.quantity.text == text and fig.quantity.value in (22, 2)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "the" before one person counts one, only as the object of an active verb
        ("A shell hit the van, wounding the driver.", [("injured", 1, "exact")]),
        ("The rocket killed the watchman and a fisherman.", [("killed", 2, "exact")]),
        ("The driver was taken to hospital.", []),
        # after a bare comma, "the" opens a speaker or an apposition, not another victim
        ("A missile hit a depot, killing four workers, the mayor said.", [("killed", 4, "exact")]),
        ("Shelling wounded two men, the regional governor wrote.", [("injured", 2, "exact")]),
        ("Drones killed two farmers and the tractor driver.", [("killed", 3, "exact")]),
        ("Shelling killed the people in the queue.", []),
        # occupations and passers-by as victims
        ("A drone killed a district official.", [("killed", 1, "exact")]),
        ("Two passers-by were wounded.", [("injured", 2, "exact")]),
        ("The blast killed a school caretaker.", [("killed", 1, "exact")]),
        # a count before the subset word of an aside
        ("Six people, two of them teenagers, were wounded.", [("injured", 6, "exact")]),
        # people still in hospital are injured
        ("Fourteen people remain in hospital.", [("injured", 14, "exact")]),
        ("Eight residents are in hospital, three of them children.", [("injured", 8, "exact")]),
        # zero clauses: a subject that counts nobody, auxiliaries, a verb
        ("Nobody else was injured.", [("injured", 0, "none")]),
        ("No civilians were reported hurt.", [("injured", 0, "none"), ("killed", 0, "none")]),
        ("The mayor said no one had been wounded.", [("injured", 0, "none")]),
    ],
)
def test_objects_occupations_and_zero_clauses(sentence, expected):
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # wounded who died are killed, however the sentence names them
        ("One of them, a tractor driver, later died in hospital.", [("killed", 1, "exact")]),
        ("Two of the wounded later died.", [("killed", 2, "exact")]),
        ("A woman who was injured in the blast later died.", [("killed", 1, "exact")]),
        # a wounded person who did not die stays injured
        ("A woman who was injured in the blast was taken to hospital.", [("injured", 1, "exact")]),
        ("Two men who were in the car were killed.", [("killed", 2, "exact")]),
    ],
)
def test_wounded_who_later_died(sentence, expected):
    assert _figs(sentence) == expected
    died = [f.of_wounded for f in casualty_figures(sentence) if f.field == "killed"]
    assert died == ([True] if "died" in sentence else [False] * len(died))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # ages listed after the count are no count
        ("Three men aged 19, 24 and 40 were wounded.", [("injured", 3, "exact")]),
        ("Two sisters, aged 8 and 11, were killed.", [("killed", 2, "exact")]),
        ("A man aged 60 was injured.", [("injured", 1, "exact")]),
        # kin in the plural
        ("A woman and her three grandchildren were hurt.", [("injured", 4, "exact")]),
        ("Shelling killed two nephews of the mayor.", [("killed", 2, "exact")]),
    ],
)
def test_ages_and_kin(sentence, expected):
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # kinds of injury and of treatment
        ("A farmer suffered a concussion.", [("injured", 1, "exact")]),
        ("Two guards sustained shrapnel injuries.", [("injured", 2, "exact")]),
        ("Three passengers needed hospital treatment.", [("injured", 3, "exact")]),
        ("Nine residents received medical assistance.", [("injured", 9, "exact")]),
    ],
)
def test_injuries_and_treatment(sentence, expected):
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # dozens as numbers
        ("More than two dozen people were hurt.", [("injured", 24, "more_than")]),
        ("Half a dozen miners were wounded.", [("injured", 6, "exact")]),
        # an age standing for the person, one or several
        ("A 9-year-old was killed.", [("killed", 1, "exact")]),
        ("Three 17-year-olds were injured.", [("injured", 3, "exact")]),
        ("A 9-year-old Ukrainian boy was killed.", [("killed", 1, "exact")]),
        # an apposition that names the people again
        ("Two people, a driver and his passenger, were killed.", [("killed", 2, "exact")]),
    ],
)
def test_dozens_ages_and_appositions(sentence, expected):
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The shelling did not cause any casualties.",
            [("injured", 0, "none"), ("killed", 0, "none")],
        ),
        ("Residents were not hurt.", [("injured", 0, "none"), ("killed", 0, "none")]),
        ("Civilians were not injured, officials said.", [("injured", 0, "none")]),
    ],
)
def test_negated_zeros(sentence, expected):
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a list of counts at places, joined by commas, the places with a unit word
        (
            "Shelling killed four people in the Zaporizhzhia region, two in the Kherson "
            "region and one in the Sumy region.",
            [("killed", 4, "exact"), ("killed", 2, "exact"), ("killed", 1, "exact")],
        ),
        (
            "Drones wounded six in Sumy, two in Okhtyrka and one in Shostka.",
            [("injured", 6, "exact"), ("injured", 2, "exact"), ("injured", 1, "exact")],
        ),
        # an aside after the place is no second count
        ("Two were killed in Sumy, one of them a boy, in the evening.", [("killed", 2, "exact")]),
    ],
)
def test_counts_listed_by_place(sentence, expected):
    assert _figs(sentence) == expected
