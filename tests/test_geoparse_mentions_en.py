"""English place mentions in running text (geoinc.geoparsing.geoparse): frontline and
border towns in the sentence shapes war reporting uses, and the span conventions of
annotated conflict news. Every sentence is the project's own (no sentence of a corpus)."""

from __future__ import annotations

import pytest

from geoinc.geoparsing import geoparse

# (sentence, name as written, country of the place it must resolve to)
RUNNING_TEXT = [
    (
        "Artillery fire damaged a school in Pokrovsk late on Tuesday, the regional governor said.",
        "Pokrovsk",
        "UA",
    ),
    (
        "Two people were wounded when a guided bomb struck Kostiantynivka overnight.",
        "Kostiantynivka",
        "UA",
    ),
    ("Russian troops pressed toward Kupiansk from the north and east.", "Kupiansk", "UA"),
    ("Evacuation buses left Lyman at dawn as shelling intensified.", "Lyman", "UA"),
    (
        "A drone hit a power line near Siversk on Sunday, cutting electricity to several streets.",
        "Siversk",
        "UA",
    ),
    ("Residents of Huliaipole spent the night in basements.", "Huliaipole", "UA"),
    ("Orikhiv has been without running water for months, local officials say.", "Orikhiv", "UA"),
    ("The border town of Vovchansk was shelled again, police reported.", "Vovchansk", "UA"),
    ("A missile attack on Sumy killed three civilians, the city council said.", "Sumy", "UA"),
    ("In Shostka, a drone damaged an administrative building.", "Shostka", "UA"),
    ("Okhtyrka's hospital was damaged by a glide bomb.", "Okhtyrka", "UA"),
    (
        "Nikopol, across the reservoir from the occupied nuclear plant, came under fire again.",
        "Nikopol",
        "UA",
    ),
    ("Shells landed in Marhanets and two nearby villages.", "Marhanets", "UA"),
    (
        "The strike on Kryvyi Rih hit a residential block, the city military administration said.",
        "Kryvyi Rih",
        "UA",
    ),
    (
        "Beryslav was hit by drone-dropped munitions, according to the regional administration.",
        "Beryslav",
        "UA",
    ),
    ("A rocket struck a hotel in central Kramatorsk.", "Kramatorsk", "UA"),
    ("Sloviansk’s mayor urged residents to leave.", "Sloviansk", "UA"),
    ("Emergency workers in Druzhkivka pulled a man from the rubble.", "Druzhkivka", "UA"),
    ("Fighting raged on the outskirts of Myrnohrad and Toretsk this week.", "Myrnohrad", "UA"),
    ("Fighting raged on the outskirts of Myrnohrad and Toretsk this week.", "Toretsk", "UA"),
    ("Ukrainian troops withdrew from Chasiv Yar after months of fighting.", "Chasiv Yar", "UA"),
    ("The town of Vuhledar fell in the autumn.", "Vuhledar", "UA"),
    ("Selydove and Kurakhove were largely destroyed by the end of the year.", "Kurakhove", "UA"),
    ("A guided bomb struck Bilopillia, wounding four.", "Bilopillia", "UA"),
    ("Izium and Balakliia were liberated in the September counteroffensive.", "Balakliia", "UA"),
    ("A drone attack on Chuhuiv damaged a kindergarten.", "Chuhuiv", "UA"),
    ("Hlukhiv came under artillery fire from across the border.", "Hlukhiv", "UA"),
    ("The port of Bilhorod-Dnistrovskyi was struck by a missile.", "Bilhorod-Dnistrovskyi", "UA"),
    (
        "ZAPORIZHZHIA, Ukraine (AP) — A Russian missile hit an apartment block, officials said.",
        "ZAPORIZHZHIA",
        "UA",
    ),
    (
        "Shelling of Shebekino forced the evacuation of children, the Belgorod governor said.",
        "Shebekino",
        "RU",
    ),
    (
        "A Ukrainian drone hit a fuel depot in Bryansk overnight, Russian officials said.",
        "Bryansk",
        "RU",
    ),
    ("Residents of Sudzha fled as Ukrainian forces advanced.", "Sudzha", "RU"),
    ("Debris fell on a house in Rylsk, the regional authorities said.", "Rylsk", "RU"),
    ("Pro-Russian officials said Ukrainian shelling hit Horlivka.", "Horlivka", "UA"),
    ("Russian sources reported fighting near Kupyansk and Krasny Liman.", "Kupyansk", "UA"),
    ("The Kharkiv-based volunteer group delivered generators.", "Kharkiv", "UA"),
    ("Donetsk's occupation authorities blamed Kyiv for the blast.", "Donetsk", "UA"),
    ("A drone attack on Kyiv's Darnytskyi district injured five.", "Kyiv", "UA"),
    ("Strikes also hit Zaporizhzhia, Dnipro and Kherson on the same night.", "Kherson", "UA"),
    ("Russian-installed authorities in Melitopol reported an explosion.", "Melitopol", "UA"),
    # Russian names as wire copy romanises them ("й" as "i", "-ый" as "-y")
    ("The Russian border town of Graivoron has been shelled repeatedly.", "Graivoron", "RU"),
    ("Russian forces said they had entered Gulyaipole.", "Gulyaipole", "UA"),
    ("Russian sources reported fighting near Krasny Liman.", "Krasny Liman", "UA"),
    ("Grain ships left Odessa, Chernomorsk and Yuzhny.", "Yuzhny", "UA"),
    ("Local officials in Enerhodar said the plant lost power.", "Enerhodar", "UA"),
    ("Police in Pokrovsk said two people were hurt.", "Pokrovsk", "UA"),
    ("Sumy Governor Volodymyr Artiukh said the drone hit a garage.", "Sumy", "UA"),
    ("Kharkiv Mayor Ihor Terekhov said a child was among the injured.", "Kharkiv", "UA"),
    (
        "Russian forces are advancing on the Pokrovsk direction, the general staff said.",
        "Pokrovsk",
        "UA",
    ),
    ("Fighting was heaviest along the Kurakhove axis.", "Kurakhove", "UA"),
    ("Kupiansk residents were told to leave within days.", "Kupiansk", "UA"),
    ("Nikopol city council said a gas pipeline was damaged.", "Nikopol", "UA"),
    ("Kramatorsk authorities reported no casualties.", "Kramatorsk", "UA"),
    ("Strikes near Toretsk, Donetsk Oblast, killed a soldier.", "Toretsk", "UA"),
    ("Lyman was shelled 14 times, Governor Vadym Filashkin said.", "Lyman", "UA"),
    (
        "Belgorod Governor Vyacheslav Gladkov said a woman was wounded in Shebekino.",
        "Shebekino",
        "RU",
    ),
    ("Sievierodonetsk fell to Russian forces in June.", "Sievierodonetsk", "UA"),
    (
        "Drones targeted Kherson overnight, said Roman Mrochko, head of the city's administration.",
        "Kherson",
        "UA",
    ),
    ("In Kupiansk district, a tractor driver was wounded by a mine.", "Kupiansk", "UA"),
    (
        "The head of Zaporizhzhia Oblast, Ivan Fedorov, said a drone hit Vasylivka.",
        "Vasylivka",
        "UA",
    ),
    ("Kostiantynivka Mayor Serhii Horbunov said the bakery was destroyed.", "Kostiantynivka", "UA"),
    ("Bakhmut, Soledar and Chasiv Yar saw fierce fighting.", "Soledar", "UA"),
    ("The Mayor of Mykolaiv Oleksandr Senkevych reported two explosions.", "Mykolaiv", "UA"),
    ("According to Sumy's regional administration, 12 settlements were shelled.", "Sumy", "UA"),
    ("Kursk Governor Alexander Khinshtein said debris fell on a house.", "Kursk", "RU"),
    (
        "A fire broke out after a drone hit Novoshakhtinsk, Rostov Governor Vasily Golubev said.",
        "Novoshakhtinsk",
        "RU",
    ),
]


@pytest.mark.parametrize(
    ("text", "name", "country"), RUNNING_TEXT, ids=[r[1] for r in RUNNING_TEXT]
)
def test_frontline_names_in_running_text(text, name, country):
    found = [m for m in geoparse(text) if m.text == name]
    assert found, [(m.text, m.role) for m in geoparse(text)]
    assert found[0].place is not None and found[0].place.country == country


# (sentence, the mention's text, its place's kind): a region of a country whose oblasts
# English names with a region word takes the word into its span; elsewhere and in
# plurals the word stays out.
REGION_SPANS = [
    ("Shelling hit the Kharkiv region overnight.", "Kharkiv region", "admin1"),
    ("Drones were downed over Belgorod Region.", "Belgorod Region", "admin1"),
    ("The blast was heard across Krasnodar Territory.", "Krasnodar Territory", "admin1"),
    ("Troops occupied the Crimea peninsula in 2014.", "Crimea peninsula", "admin1"),
    ("Strikes hit the Kherson and Mykolaiv regions.", "Kherson", "admin1"),
    ("Rebels hold much of Idlib province.", "Idlib", "admin1"),
]


@pytest.mark.parametrize(("text", "name", "kind"), REGION_SPANS, ids=[r[1] for r in REGION_SPANS])
def test_region_word_in_the_span(text, name, kind):
    found = [m for m in geoparse(text) if m.text == name]
    assert found, [m.text for m in geoparse(text)]
    assert found[0].place.kind == kind


# (sentence, text of the mention expected, or None when no mention may overlap ``probe``,
# probe)
CONTEXT = [
    # a title and "of" before the name: the words after it are the official's name
    ("The Mayor of Chernihiv Oleksandr Lomako said two missiles hit.", "Chernihiv", "Chernihiv"),
    # "The" belongs to a few names
    ("Leaders met in The Hague on Monday.", "The Hague", "Hague"),
    ("The United States sent more shells.", "United States", "United"),
    # a possessive inside a name ("People's", "Queen Anne's"): the whole name
    ("The Donetsk People's Republic's office said.", "Donetsk People's Republic", "Donetsk"),
    ("Ducks were sampled in Queen Anne's County, Maryland.", "Queen Anne's County", "Queen"),
    ("Russia's troops shelled the town.", "Russia", "Russia"),
    # a singular district word is part of the name, a plural one is the list's
    ("A drone hit a block in the Shevchenkivskyi district.", "Shevchenkivskyi district", "Shev"),
    ("Shells hit the Darnytskyi and Dniprovskyi districts of Kyiv.", "Dniprovskyi", "Dnipro"),
    # names the gazetteer build adds (gazetteer/extra_names.tsv)
    ("An explosion was reported in New Moscow overnight.", "New Moscow", "Moscow"),
    # names written in lower case on purpose
    ("russia targeted the port overnight.", "russia", "russia"),
    ("russia's missile attack cut the power.", "russia", "russia"),
    # an organisation's last word is no town ("Fleet", Hampshire)
    ("A drone hit the Black Sea Fleet headquarters in Sevastopol.", None, "Fleet"),
    # news agencies named like villages
    ("The state agency Tass quoted the ministry.", None, "Tass"),
    ("According to Ukrainska Pravda, the drone hit a school.", None, "Pravda"),
    # a place before "said" after a locative preposition is no speaker
    ("Officials in Enerhodar said the plant lost power.", "Enerhodar", "Enerhodar"),
]


@pytest.mark.parametrize(("text", "expected", "probe"), CONTEXT)
def test_context_rules(text, expected, probe):
    a = text.index(probe)
    hits = [m.text for m in geoparse(text) if m.start < a + len(probe) and a < m.end]
    assert hits == ([] if expected is None else [expected])


# (sentence, name as written, occurrence, kind of the place it must resolve to)
RESOLUTION = [
    # a city that is a region of its own stays the city beside the region of its name
    ("Drones hit Kyiv overnight. Debris fell across Kyiv Oblast.", "Kyiv", 0, "place"),
    ("Sirens sounded in Kyiv Oblast before drones reached Kyiv.", "Kyiv", 0, "place"),
    # a region noun and "of" before the name, or "regional" after it, make it the region
    ("Drones struck the southern region of Kherson.", "Kherson", 0, "admin1"),
    ("Russia launched drones at the regions of Odesa and Mykolaiv.", "Mykolaiv", 0, "admin1"),
    ("Sumy regional governor Volodymyr Artiukh said.", "Sumy", 0, "admin1"),
    # capitalised, "Regional" is a body's name and says nothing of the place's kind
    ("Flights left from Kherson Regional Airport.", "Kherson", 0, "place"),
    # the entities Russia installed over two oblasts are those oblasts
    (
        "Shelling grew once the Donetsk and Luhansk people's republics asked for help.",
        "Donetsk",
        0,
        "admin1",
    ),
    # a Russian spelling of an oblast whose centre was renamed (gazetteer/extra_names.tsv)
    ("Substations in the Poltava and Kirovograd regions were hit.", "Kirovograd", 0, "admin1"),
    # a river is crossed, a town is not
    ("Troops crossed the Dnipro near Kherson.", "Dnipro", 0, "water"),
    ("Shells hit Dnipro overnight.", "Dnipro", 0, "place"),
    # a governor heads a region
    ("Kursk Governor Alexander Khinshtein said a drone fell.", "Kursk", 0, "admin1"),
    ("Shelling hit Lysychansk, the Luhansk governor said.", "Luhansk", 0, "admin1"),
    ("Luhansk Regional Governor Serhiy Haidai said.", "Luhansk", 0, "admin1"),
]


@pytest.mark.parametrize(("text", "name", "nth", "kind"), RESOLUTION)
def test_resolution_in_context(text, name, nth, kind):
    found = [m for m in geoparse(text) if m.text == name]
    assert len(found) > nth, [m.text for m in geoparse(text)]
    assert found[nth].place.kind == kind


# (sentence, name, role): a capital before its verb with adverbs between is the government
ROLES = [
    ("Moscow recently illegally claimed the regions as its own.", "Moscow", "actor"),
    ("Kiev first assured the mediators it would not yield.", "Kiev", "actor"),
    ("Kharkiv quickly restored power after the strike.", "Kharkiv", "location"),
]


@pytest.mark.parametrize(("text", "name", "role"), ROLES)
def test_metonym_with_adverbs(text, name, role):
    assert {m.text: m.role for m in geoparse(text)}[name] == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("KHERSON (Wire News / Agency - 12th July, 2022) Shelling hit a market.", "dateline"),
        ("KYIV (Reuters) - A drone hit a block of flats.", "dateline"),
        ("Residents of KHERSON (the regional centre) fled.", "location"),
    ],
)
def test_dateline_in_capitals_with_an_agency(text, role):
    # in capitals, an agency's parenthesis ends a dateline even without a dash
    assert geoparse(text)[0].role == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Troops took the city, the U.K. Defense Ministry reported.", "U.K.", "organisation"),
        ("Russia Today, a state outlet, reported the strike.", "Russia", "organisation"),
        ("Troops left for the U.S. Then they returned.", "U.S.", "location"),
    ],
)
def test_names_inside_organisations(text, name, role):
    assert {m.text: m.role for m in geoparse(text)}[name] == role
