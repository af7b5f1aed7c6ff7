"""One article's incidents: folding places into their container, roles, publication dates.

The articles are written for these tests.
"""

from datetime import date

import pytest

from geoinc.extraction.documents import document_from_text
from geoinc.extraction.pipeline import extract_reports

KHARKIV = 706483


def _reports(text, published="2024-05-20"):
    return extract_reports(document_from_text(text, published=published)).reports


def _by_name(reports):
    return {r.place.name: r for r in reports}


def test_a_district_folds_into_its_city():
    text = (
        "Missiles hit Kharkiv on Sunday.\n\n"
        "A guided bomb struck a shop in the Saltivskyi district of Kharkiv, "
        "killing three people."
    )
    reports = _reports(text)
    assert [r.place.geonameid for r in reports] == [KHARKIV]
    (r,) = reports
    assert [(c["field"], c["value"]) for c in r.claims] == [("killed", 3)]
    # the district stays in the evidence as detail
    assert any(e["field"] == "place_detail" for e in r.evidence) or all(
        e["text"] != "Saltivskyi" for e in r.evidence
    )


def test_a_region_next_to_its_town_is_one_incident():
    text = (
        "Drones attacked Dnipro on Sunday night, injuring six people.\n\n"
        "Power lines were damaged across the Dnipropetrovsk region, the governor said."
    )
    names = set(_by_name(_reports(text)))
    assert "Dnipro" in names
    assert not any(n.startswith("Dnipropetrovsk") for n in names)


def test_a_later_list_of_regions_stays_apart():
    text = (
        "Drones attacked Dnipro on Sunday, injuring six people.\n\n"
        "Officials said the city council met on Monday to plan repairs of the water supply.\n\n"
        "Schools reopened in the afternoon, and buses ran again in the evening.\n\n"
        "Earlier in the week, shelling was also reported in the Sumy and Dnipropetrovsk regions."
    )
    kinds = {r.place.kind for r in _reports(text)}
    assert "admin1" in kinds  # the regions shelled earlier are their own incidents


def test_roles_follow_the_headline():
    text = (
        "Missile strike on Odesa port\n\n"
        "Russian missiles hit the port of Odesa overnight, damaging grain silos. "
        "In Kherson, shelling killed two people on Saturday."
    )
    roles = {r.place.name: r.extra["role"] for r in _reports(text)}
    assert roles["Odesa"] == "main"
    assert roles["Kherson"] == "secondary"


def test_without_headline_the_first_toll_is_main():
    text = (
        "Shelling damaged houses in Nikopol on Friday.\n\n"
        "In Zaporizhzhia, a missile killed four people on Saturday."
    )
    roles = {r.place.geonameid: r.extra["role"] for r in _reports(text)}
    assert roles[687700] == "main"  # Zaporizhzhia
    assert roles[700051] == "secondary"  # Nikopol


def test_undated_main_takes_the_publication_window():
    (r,) = _reports("A drone hit an apartment block in Sumy, injuring five people.")
    assert (r.date_start, r.date_end, r.date_precision) == (date(2024, 5, 19), date(2024, 5, 20), 2)
    basis = [e for e in r.evidence if e["field"] == "date"]
    assert basis and "publication" in basis[0]["basis"]


def test_no_publication_date_no_guess():
    (r,) = _reports("A drone hit an apartment block in Sumy, injuring five people.", None)
    assert r.date_start is None


def test_month_only_publication_is_accepted():
    doc = document_from_text("A drone hit Sumy on Monday.", published="2024-07")
    assert doc.published is None and doc.published_how == "given-month"


@pytest.mark.parametrize(
    "published, text, day",
    [
        # a day and month take their year from a month-only publication date
        ("2024-07", "A drone hit a school in Sumy on July 12, injuring two.", date(2024, 7, 12)),
        ("2024-01", "Shelling hit Kherson on 28 December, killing one.", date(2023, 12, 28)),
        ("2023", "A missile struck Odesa on March 2, wounding four.", date(2023, 3, 2)),
        # a weekday needs the day of publication: still undated
        ("2024-07", "A drone hit a school in Sumy on Monday, injuring two.", None),
    ],
)
def test_a_month_only_publication_dates_a_day_and_month(published, text, day):
    doc = document_from_text(text, published=published)
    (r,) = extract_reports(doc).reports
    assert r.date_start == day


@pytest.mark.parametrize(
    "line",
    [
        "KHARKIV, Ukraine (AP) — Russian drones hit a warehouse, killing two workers.",
        "KHARKIV (Reuters) - Russian drones hit a warehouse, killing two workers.",
        "Kharkiv — Russian drones hit a warehouse, killing two workers.",
    ],
)
def test_dateline_is_not_an_incident_place(line):
    text = line + " The strike in Lozova also damaged a school."
    names = {r.place.name for r in _reports(text)}
    assert "Kharkiv" not in names


def test_headline_toll_fills_a_missing_figure():
    text = (
        "Three killed in Sumy strike\n\n"
        "A Russian missile hit the centre of Sumy on Monday morning, the mayor said."
    )
    (r,) = _reports(text)
    assert [(c["field"], c["value"]) for c in r.claims] == [("killed", 3)]


def test_figures_before_the_place_wait_for_it():
    text = (
        "Overnight attack\n\n"
        "Two people were killed and nine were injured overnight. "
        "The drones struck residential buildings in Poltava, officials said."
    )
    (r,) = _reports(text)
    assert sorted((c["field"], c["value"]) for c in r.claims) == [("injured", 9), ("killed", 2)]


def test_places_hit_in_the_same_wave_take_the_main_date():
    text = (
        "Missiles hit Lviv on Monday, killing two people.\n\n"
        "Explosions were also reported in Rivne and Lutsk."
    )
    by_id = {r.place.name: r for r in _reports(text, "2024-05-21")}
    assert by_id["Lviv"].date_start == date(2024, 5, 20)
    for name in ("Rivne", "Lutsk"):
        r = by_id[name]
        assert (r.date_start, r.extra["role"]) == (date(2024, 5, 20), "secondary")
        assert any("main incident" in e.get("basis", "") for e in r.evidence)


def test_an_attack_recalled_with_its_own_date_keeps_it():
    text = (
        "Missiles hit Lviv on Monday, killing two people.\n\n"
        "Lutsk was last struck on May 2, when a drone hit a warehouse."
    )
    by_id = {r.place.name: r for r in _reports(text, "2024-05-21")}
    assert by_id["Lutsk"].date_start == date(2024, 5, 2)


def _best(reports, name, fld):
    from geoinc.incidents.merge import summarise_figures

    return summarise_figures(_by_name(reports)[name].claims, fld)[1]


def test_a_toll_over_several_cities_ranks_below_each_citys_own():
    text = (
        "Missiles struck Odesa and Mykolaiv before dawn on Tuesday. "
        "Nine people were killed and 30 were wounded, officials said.\n\n"
        "In Odesa, a missile destroyed a warehouse and two guards died. "
        "In Mykolaiv, debris injured four people."
    )
    reports = _reports(text, "2024-05-21")
    assert _best(reports, "Odesa", "killed") == 2
    (mykolaiv,) = [r for r in reports if r.place.name != "Odesa"]
    assert _best([mykolaiv], mykolaiv.place.name, "injured") == 4
    # the total is kept as a claim, flagged, not thrown away
    odesa = _by_name(reports)["Odesa"]
    assert any(c["value"] == 9 and c.get("wide") for c in odesa.claims)


def test_a_country_toll_is_used_only_when_the_town_has_none():
    text = (
        "A guided bomb hit a school in Kostiantynivka on Monday.\n\n"
        "Russia's attacks on Ukraine killed 12 people over the day, the ministry said."
    )
    (r,) = _reports(text)
    assert [(c["value"], c.get("wide")) for c in r.claims if c["field"] == "killed"] == [(12, True)]
    assert _best([r], r.place.name, "killed") == 12


def test_an_attackers_count_of_soldiers_ranks_below_the_civilian_toll():
    text = (
        "A missile hit the railway station in Pavlohrad on Wednesday, killing 11 people.\n\n"
        "Moscow's defence ministry claimed the strike had killed more than 150 Ukrainian "
        "soldiers in Pavlohrad."
    )
    reports = _reports(text, "2024-05-23")
    assert _best(reports, "Pavlohrad", "killed") == 11
    r = _by_name(reports)["Pavlohrad"]
    assert any(c.get("combatant") and c["value"] == 150 for c in r.claims)


def test_an_attack_recalled_by_month_is_background():
    text = (
        "Drones hit Kremenchuk overnight, injuring three people.\n\n"
        "In March, a missile strike on the town's refinery killed five workers in Kremenchuk."
    )
    reports = _reports(text, "2024-05-21")
    by_role = {(r.extra["role"], r.date_precision) for r in reports}
    assert ("main", 2) in by_role and ("secondary", 4) in by_role
    main = next(r for r in reports if r.extra["role"] == "main")
    assert [(c["field"], c["value"]) for c in main.claims] == [("injured", 3)]


def test_a_long_toll_sentence_is_read_and_a_population_is_no_toll():
    text = (
        "The death toll from Friday's missile strike on a market in the town of Selydove "
        "rose to 14 on Saturday, the governor said. "
        "The toll in the town of about 21,000 people had stood at 11."
    )
    (r,) = _reports(text, "2024-05-19")
    values = sorted(c["value"] for c in r.claims if c["field"] == "killed")
    assert values == [11, 14]
    assert _best([r], "Selydove", "killed") == 14


def test_of_two_attacks_on_one_city_the_latest_is_the_story():
    text = (
        "Drone strike on Chernihiv\n\n"
        "On March 3, a missile hit a hospital in Chernihiv, killing four people. "
        "On Friday, a drone struck a school in Chernihiv; there were no casualties."
    )
    reports = _reports(text, "2024-05-18")
    roles = {str(r.date_start): r.extra["role"] for r in reports}
    assert roles == {"2024-03-03": "secondary", "2024-05-17": "main"}


def test_a_leading_clause_without_a_place_stays_with_the_last_story():
    text = (
        "Drones struck the port of Izmail overnight, officials said. "
        "Nobody was killed in that attack, but two people died in a separate strike "
        "on the town of Nikopol."
    )
    by = {r.place.name: r for r in _reports(text, "2024-05-21")}
    assert len(by) == 2
    izmail = next(r for n, r in by.items() if n.startswith("Izma"))
    nikopol = next(r for n, r in by.items() if n.startswith("Nikop"))
    assert [(c["field"], c["value"]) for c in izmail.claims] == [("killed", 0)]
    assert [(c["field"], c["value"]) for c in nikopol.claims] == [("killed", 2)]


def test_a_continent_is_no_scene():
    text = "Russia's missile strikes on Ukraine's grid threaten Europe, killing two in Lviv."
    assert {r.place.kind for r in _reports(text)} == {"place"}


def test_a_regions_toll_folded_into_its_town_ranks_below_the_towns_own():
    text = (
        "A missile attack on the Poltava region on Sunday killed eleven people, officials said. "
        "In the city of Poltava, the strike killed eight people at a military institute.\n\n"
        "Three more died in Myrhorod."
    )
    reports = _reports(text, "2024-09-02")
    poltava = next(r for r in reports if r.place.kind == "place" and r.place.name == "Poltava")
    assert _best([poltava], "Poltava", "killed") == 8
    assert any(c["value"] == 11 and c.get("wide") for c in poltava.claims)


def test_region_named_after_its_centre_folds_into_the_city_far_apart():
    text = (
        "A Russian missile hit a cathedral in the centre of Odesa on Sunday night. "
        "Church leaders spoke to the congregation. Worshippers gathered outside. "
        "The priests held a service in the street. "
        "Crowds of parishioners stood in silence for a long time outside the building. "
        "Volunteers handed out water and tea to the people waiting there all morning. "
        "Overnight, Russian forces struck the Odesa region again, and police reported "
        "2 killed and 19 injured."
    )
    doc = document_from_text(text, published=date(2023, 7, 24))
    reports = extract_reports(doc).reports
    assert [r.place.name for r in reports] == ["Odesa"]
    assert reports[0].place.kind != "admin1"
    assert {(c["field"], c["value"]) for c in reports[0].claims} >= {("killed", 2), ("injured", 19)}


def test_dates_of_an_incident_end_by_the_publication_date():
    text = (
        "Drones attacked Kyiv overnight, one day before the city's anniversary "
        "(marked on May 29), killing one man."
    )
    (r,) = extract_reports(document_from_text(text, published=date(2023, 5, 28))).reports
    assert r.date_start == date(2023, 5, 27) and r.date_end == date(2023, 5, 28)


def test_another_place_with_its_own_figures_and_no_date_is_main_too():
    # the second town has casualties of its own and no date: hit in the same wave
    text = (
        "Russian missiles struck Kremenchuk on Thursday, killing two people. "
        "In Lubny, a drone wounded a tractor driver, the governor added."
    )
    roles = {r.place.name: r.extra["role"] for r in _reports(text, published="2024-05-24")}
    assert roles == {"Kremenchuk": "main", "Lubny": "main"}
    # an attack dated to an earlier month stays background
    text = (
        "Russian missiles struck Kremenchuk on Thursday, killing two people. "
        "In March, a drone attack on Lubny wounded a tractor driver."
    )
    roles = {r.place.name: r.extra["role"] for r in _reports(text, published="2024-05-24")}
    assert roles == {"Kremenchuk": "main", "Lubny": "secondary"}
