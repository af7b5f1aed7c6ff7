"""End to end: the issue's "Must show" list, on the seeds (skipped when absent) and on
the project's own example dispatches (always)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import geoinc
from geoinc.exceptions import ConfigurationError, InputError
from geoinc.extraction import extract_with_status
from geoinc.extraction.documents import document_from_text
from geoinc.extraction.pipeline import extract_reports
from geoinc.incidents.io import to_geojson

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dispatches"
KHARKIV, BELGOROD, BOROVA = 706483, 578072, 711623


def _claims(row, fld):
    return sorted(
        ((c["source"], c["value"], c["qualifier"]) for c in row["claims"] if c["field"] == fld),
        key=repr,
    )


def _one(frame, **where):
    sel = frame
    for k, v in where.items():
        sel = sel[sel[k].isna()] if v is None else sel[sel[k] == v]
    assert len(sel) == 1, sel[["place_name", "date_start"]]
    return sel.iloc[0]


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    frame, statuses = extract_with_status(sorted(seeds_dir.glob("*.txt")))
    return frame, statuses


def test_seed_places(seeds):
    frame, _ = seeds
    ids = set(frame["geonameid"].dropna().astype(int))
    assert {KHARKIV, BELGOROD, BOROVA} <= ids
    borova = _one(frame, geonameid=BOROVA)
    assert (round(borova.geometry.y, 2), round(borova.geometry.x, 2)) == (49.38, 37.62)
    regions = frame[frame.place_kind == "admin1"]
    # a seed rounds up three southern regions by name ("areas such as" a list of them):
    # one country-level incident whose place text is the list (not three oblast incidents)
    assert not {"UA.08", "UA.16", "UA.26"} & set(regions.admin1)
    country = frame[frame.place_kind == "country"]
    assert list(country.place_name) == ["Ukraine"]
    places = [e["text"] for e in country.iloc[0].evidence if e["field"] == "place"]
    assert set(places) == {"Kherson, Mykolaiv, and Zaporizhzhia"}
    khm = regions[regions.admin1 == "UA.09"]  # Zalestsy in Khmelnytskyi region
    assert len(khm) == 1 and khm.iloc[0].geo_precision == 3
    # "Moscow said…", "Kyiv was targeting…" are actors, not incident places of seed 000
    seed0 = frame[frame.sources.map(lambda s: any(x.startswith("000_") for x in s))]
    assert set(seed0.place_name) == {"Belgorod", "Kharkiv"}


def test_seed_belgorod_merged(seeds):
    frame, _ = seeds
    b = _one(frame, geonameid=BELGOROD)
    assert b.date_start == pd.Timestamp("2023-12-30") and b.date_end == pd.Timestamp("2023-12-30")
    assert b.n_sources == 4
    killed = {v for _, v, _ in _claims(b, "killed")}
    assert {18, 22, 24} <= killed
    injured = _claims(b, "injured")
    assert {108, 111} <= {v for _, v, _ in injured} and any(q == "vague" for _, _, q in injured)
    assert (b.killed_low, b.killed_high) == (18, 24)
    assert b.sub_event_type == "Shelling/artillery/missile attack"
    assert {"cluster munitions", "Vampire rockets"} <= set(b.weapon)


def test_seed_kharkiv_night_and_borova(seeds):
    frame, _ = seeds
    k = _one(frame, geonameid=KHARKIV, date_start=pd.Timestamp("2023-12-30"))
    assert k.date_end == pd.Timestamp("2023-12-31") and k.date_precision == 2
    assert k.sub_event_type == "Air/drone strike" and "Shahed drones" in k.weapon
    assert (k.drones_launched, k.drones_shot_down) == (49, 21)
    assert k.injured_low == 28
    b = _one(frame, geonameid=BOROVA)
    assert b.killed_low == b.killed_high == 3


def test_seed_freedom_square_undated_not_merged(seeds):
    frame, _ = seeds
    undated = frame[(frame.geonameid == KHARKIV) & frame.date_start.isna()]
    assert len(undated) == 1
    u = undated.iloc[0]
    # the Freedom Square toll is the best figure; "four people ... killed" fetching water
    # elsewhere in the city is kept beside it as its own claim
    assert u.killed_best == 21 and u.injured_low == 112
    assert [s[:3] for s in u.sources] == ["004"]


def test_seed_every_value_has_evidence(seeds, seeds_dir):
    from geoinc.extraction.documents import read_document

    frame, _ = seeds
    # offsets refer to the document text as geoinc reads it (HTML and Markdown links stripped)
    texts = {p.name: read_document(p).text for p in seeds_dir.glob("*.txt")}
    n = 0
    for _, row in frame.iterrows():
        for item in [*row.claims, *row.evidence]:
            doc = texts[Path(item["doc_id"]).name]
            assert doc[item["sentence_start"] : item["sentence_end"]] == item["sentence"]
            assert doc[item["start"] : item["end"]] == item["text"]
            n += 1
    assert n > 30


# --------------------------------------------------------------------------- examples


@pytest.fixture(scope="module")
def examples():
    return extract_with_status(EXAMPLES)


def test_examples_same_facts(examples):
    frame, statuses = examples
    b = _one(frame, geonameid=BELGOROD)
    assert (b.killed_low, b.killed_high, b.n_sources) == (18, 24, 3)
    assert {(s[:2], v) for s, v, _ in _claims(b, "killed")} == {("01", 22), ("02", 18), ("Ex", 24)}
    assert {v for _, v, _ in _claims(b, "injured")} == {None, 108, 111}
    assert b.date_start == b.date_end == pd.Timestamp("2023-12-30")
    k = _one(frame, geonameid=KHARKIV, date_start=pd.Timestamp("2023-12-30"))
    assert (k.drones_launched, k.drones_shot_down, k.injured_low) == (49, 21, 28)
    assert k.date_end == pd.Timestamp("2023-12-31")
    assert _one(frame, geonameid=BOROVA).killed_low == 3
    sq = _one(frame, geonameid=KHARKIV, date_start=None)
    assert (sq.killed_low, sq.injured_low) == (21, 112) and "Freedom Square" in sq.target
    assert {"UA.08", "UA.26"} <= set(frame[frame.place_kind == "admin1"].admin1)
    st = {Path(s.input).name: s for s in statuses}
    assert st["08_no_places.txt"].status == "none" and st["08_no_places.txt"].reason
    assert all(s.status == "ok" for n, s in st.items() if n != "08_no_places.txt")


def test_examples_geojson_is_byte_identical_twice(examples):
    again, _ = extract_with_status(EXAMPLES)
    assert to_geojson(examples[0]) == to_geojson(again)


# --------------------------------------------------------------------------- API and bad input


def test_bad_inputs_complete_with_status(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "cp1251.txt").write_bytes("Харків. Ракети влучили в Харків.".encode("cp1251"))
    (tmp_path / "scripts.html").write_text(
        "<html><script>var s='Paris was shelled, 99 killed';</script>"
        "<p>December 31, 2023</p><p>Missiles hit Kharkiv on Saturday, killing 3 people.</p></html>"
    )
    (tmp_path / "noplace.txt").write_text("Nothing at all happened, the spokesman said.")
    big = tmp_path / "big.txt"
    big.write_bytes(b"Rockets hit Kharkiv. " * 500_000)  # 10.5 MB
    with pytest.warns(UserWarning, match="could not be read"):
        frame, statuses = extract_with_status(tmp_path)
    st = {Path(s.input).name: s for s in statuses}
    assert len(st) == 6
    assert st["empty.txt"].status == "error" and "empty" in st["empty.txt"].reason
    assert st["binary.txt"].status == "error" and "binary" in st["binary.txt"].reason
    assert st["big.txt"].status == "error" and "too large" in st["big.txt"].reason
    assert st["noplace.txt"].status == "none" and st["noplace.txt"].reason.startswith("no attack")
    assert st["cp1251.txt"].status in ("ok", "none")  # decoded and processed, whatever it found
    assert st["scripts.html"].status == "ok"
    # the HTML page's incident (the Ukrainian text may add an undated one of its own)
    (row,) = [r for r in frame.itertuples() if any("scripts" in s for s in r.sources)]
    assert row.place_name == "Kharkiv" and row.killed_low == 3 and "Paris" not in str(row.claims)
    assert frame.attrs["geoinc_inputs"][0]["input"].endswith("big.txt")


def test_on_error_policies(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        geoinc.extract([tmp_path / "empty.txt"], on_error="raise")
    frame = geoinc.extract([tmp_path / "empty.txt"], on_error="record")
    assert len(frame) == 0 and frame.attrs["geoinc_inputs"][0]["status"] == "error"
    with pytest.raises(ConfigurationError, match="on_error"):
        geoinc.extract(["x"], on_error="ignore")


def test_geoinc_extract_is_callable_and_uses_given_metadata():
    frame = geoinc.extract(
        "Drones hit Kharkiv on Saturday, wounding 5 people.", published="2023-12-31", source="Wire"
    )
    row = frame.iloc[0]
    assert row.date_start == pd.Timestamp("2023-12-30") and row.sources == ["Wire"]
    assert row.claims[0]["source"] == "Wire"


def test_report_without_date_anchor_is_null():
    res = extract_reports(document_from_text("Drones hit Kharkiv on Saturday, wounding 5 people."))
    (r,) = res.reports
    assert r.date_start is None and r.date_precision is None


def test_none_found_reasons():
    r = extract_reports(document_from_text("Officials in Kharkiv met journalists."))
    assert r.reports == () and "no attack" in r.reason
    r = extract_reports(
        document_from_text("Russia launched an attack on Ukraine.", published=date(2024, 1, 1))
    )
    assert r.reports == () and r.reason.startswith("attacks reported only at country level")
    r = extract_reports(document_from_text("Drones attacked overnight, wounding 5 people."))
    assert r.reports == () and r.reason == "no place names found"
    r = extract_reports(document_from_text("Moscow said drones were shot down."))
    assert r.reports == () and "none is an incident location" in r.reason


def test_days_after_shifts_the_date_for_the_place():
    doc = document_from_text(
        "Russia hit Ukraine early on Sunday, one day after a strike on Belgorod.",
        published=date(2023, 12, 31),
    )
    (r,) = extract_reports(doc).reports
    assert r.place.geonameid == BELGOROD and r.date_start == date(2023, 12, 30)


def test_lone_foreign_place_is_not_an_incident_location(gazetteer):
    from geoinc.extraction.pipeline import _stray_countries
    from geoinc.geoparsing import Mention

    def m(text, gid):
        return Mention(0, len(text), text, gazetteer.get(gid), "location", 0.9)

    home = [m("Kharkiv", KHARKIV), m("Kyiv", 703448), m("Borova", BOROVA)]
    abroad = m("Central Square", 5112160)  # a US town
    assert _stray_countries([*home, abroad]) == {"US"}
    assert _stray_countries([home[0], abroad]) == set()  # too little context to judge
    russia = gazetteer.country_place("RU")
    assert _stray_countries([*home, Mention(0, 6, "Russia", russia, "actor", 1.0)]) == set()


def test_seed_outputs_are_deterministic_and_round_trip(seeds, seeds_dir, tmp_path):
    from pandas.testing import assert_frame_equal

    from geoinc.incidents.io import read_incidents, write_incidents

    frame, _ = seeds
    again, _ = extract_with_status(sorted(seeds_dir.glob("*.txt")))
    assert to_geojson(frame) == to_geojson(again)
    f = frame.copy()
    f.attrs.clear()
    for fmt in ("geojson", "gpkg"):
        assert_frame_equal(read_incidents(write_incidents(f, tmp_path / f"s.{fmt}")), f)


def test_dict_inputs_carry_their_own_metadata():
    frame, statuses = extract_with_status(
        [
            {
                "text": "Drones hit Kharkiv on Saturday, wounding 28 people.",
                "source": "A",
                "published": "2023-12-31",
            },
            {
                "text": "Drones hit Kharkiv overnight, wounding 28 people.",
                "source": "B",
                "published": date(2023, 12, 31),
            },
            {"text": "x", "path": "y"},
            {"txt": "typo"},
        ],
        on_error="record",
    )
    (row,) = frame.itertuples()
    assert row.sources == ["A", "B"] and row.date_start == pd.Timestamp("2023-12-30")
    assert [s.status for s in statuses] == ["ok", "ok", "error", "error"]
    assert "exactly one of 'text' or 'path'" in statuses[3].reason


def test_place_as_compound_subject_is_not_a_location():
    doc = document_from_text(
        "Moscow and Kyiv blamed each other for shelling civilian areas overnight.",
        published=date(2023, 12, 31),
    )
    assert extract_reports(doc).reports == ()


@pytest.mark.parametrize(
    "second",
    [
        "Russia blamed Ukraine for the strike; Kyiv did not comment.",
        "Kyiv declined to comment on the attack.",
        "Asked about the strike, Kyiv did not immediately respond.",
    ],
)
def test_a_capital_that_does_not_comment_is_no_scene(second):
    text = "Drones struck a depot in Bryansk on Monday, the governor said. " + second
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    assert [r.place.name for r in reports] == ["Bryansk"]


def test_later_toll_of_a_one_place_article_joins_its_strike():
    # the updated figures come five sentences after the town was last named; the article
    # reports one strike, so they are that strike's (and a far "no casualties" is not)
    text = (
        "Missiles struck the centre of Chernihiv on Wednesday, killing at least 10 people. "
        "Rescuers worked through the day. The governor asked residents to give blood. "
        "Schools were closed. The minister met reporters in the afternoon. "
        "Officials later said there were 14 confirmed deaths and 25 injuries."
    )
    (r,) = extract_reports(document_from_text(text, published=date(2024, 4, 17))).reports
    figures = {(c["field"], c["value"]) for c in r.claims}
    assert {("killed", 10), ("killed", 14), ("injured", 25)} <= figures
    far_zero = text.replace("there were 14 confirmed deaths and 25 injuries", "nobody was hurt")
    (r,) = extract_reports(document_from_text(far_zero, published=date(2024, 4, 17))).reports
    assert not [c for c in r.claims if c["value"] == 0]


def test_round_up_of_regions_is_one_country_level_report():
    text = (
        "Missiles struck an apartment block in Ternopil overnight, killing 12 people. "
        "Explosions were also heard across the Rivne, Volyn, Lviv and Zhytomyr regions "
        "as the attack targeted the west of the country."
    )
    reports = extract_reports(document_from_text(text, published=date(2025, 11, 19))).reports
    kinds = sorted((r.place.name, r.place.kind) for r in reports)
    assert kinds == [("Ternopil", "place"), ("Ukraine", "country")]
    (wide,) = [r for r in reports if r.place.kind == "country"]
    # the place text is the list itself, so nothing of what was named is lost
    assert any("Rivne, Volyn, Lviv and Zhytomyr" in e["text"] for e in wide.evidence)


def test_same_geojson_from_any_working_directory(tmp_path, monkeypatch):
    # incident ids come from what the incident is, not from the path as typed
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    from geoinc.incidents.io import to_geojson

    ids, outputs = [], []
    for cwd, arg in (
        (tmp_path, "news"),
        (tmp_path / "news", "../news"),
        (tmp_path.parent, str(folder)),
    ):
        monkeypatch.chdir(cwd)
        frame = extract_with_status([arg])[0]
        ids.append(list(frame["incident_id"]))
        outputs.append(to_geojson(frame))
    assert ids[0] and ids[0] == ids[1] == ids[2]
    # documents are known by their path inside the folder given: no machine path
    assert outputs[0] == outputs[1] == outputs[2]
    assert str(tmp_path) not in outputs[2] and '"news/a.txt"' in outputs[2]


GOOD_TEXT = "December 31, 2023\n\nA drone strike hit Kharkiv on Saturday, wounding 28 people."


def test_a_bare_count_of_deaths_reports_no_attack():
    # an epidemic's toll reads like a casualty count; with no attack word it is none
    text = "Health officials in Texas recorded 14 deaths and 230 injuries from the heatwave."
    res = extract_reports(document_from_text(text, published=date(2024, 7, 2)))
    assert res.reports == ()
    # after an attack, the same kind of count adds to it
    attack = "A missile struck a market in Kharkiv on Tuesday. Doctors later counted 14 deaths."
    (r,) = extract_reports(document_from_text(attack, published=date(2024, 7, 2))).reports
    assert ("killed", 14) in {(c["field"], c["value"]) for c in r.claims}


def test_round_up_ending_in_regions_counts_names_read_as_cities():
    # "Kirovograd" and "Odessa" alone resolve to their cities; before "regions" they are
    # oblasts of the same round-up
    text = (
        "Missiles hit power substations in the Kiev, Vinnitsa, Kirovograd and Odessa regions "
        "on Monday morning, the ministry said."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 8, 26))).reports
    assert [(r.place.name, r.place.kind) for r in reports] == [("Ukraine", "country")]


def test_a_capital_named_for_its_view_is_no_scene():
    # "For Moscow ..." tells a government's view; the attack was in Kharkiv
    text = (
        "Drones struck Kharkiv overnight on Tuesday, killing two people. For Moscow the "
        "raid was a show of force; according to Kyiv, it hit only homes."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 5, 8))).reports
    assert [r.place.name for r in reports] == ["Kharkiv"]
    # people of a place are no view: "For Kharkiv residents" keeps the scene
    text = "For Kharkiv residents, the night brought no rest: a missile killed two people."
    reports = extract_reports(document_from_text(text, published=date(2024, 5, 8))).reports
    assert [r.place.name for r in reports] == ["Kharkiv"]


def test_where_the_wounded_were_taken_is_no_scene():
    text = (
        "A shell hit a house in Bakhmut on Monday, and the wounded man was evacuated to Kramatorsk."
    )
    reports = extract_reports(document_from_text(text, published=date(2023, 1, 10))).reports
    assert [r.place.name for r in reports] == ["Bakhmut"]
    assert [(c["field"], c["value"]) for c in reports[0].claims] == [("injured", 1)]


def test_a_late_toll_of_a_city_story_reaches_the_city():
    # the city and its own region are one story: a toll five sentences on, with no place,
    # belongs to it, and the region's carried-over figure is not ranked as a wider total
    text = (
        "Missiles struck Odesa on the night of July 3. "
        "The port and a school were damaged. Windows were blown out. "
        "Volunteers cleared the streets. Trams stopped for a day. "
        "A museum was also hit. "
        "Earlier that night, Russian forces attacked the Odesa region with drones. "
        "Police said a guard was hurt. Sappers worked all day. Shops stayed shut. "
        "The mayor spoke to residents. Police reported 2 killed and 14 injured."
    )
    frame = geoinc.extract([document_from_text(text, published=date(2023, 7, 4))])
    row = _one(frame, place_name="Odesa")
    assert (row["killed_best"], row["injured_best"]) == (2, 14)


def test_counts_split_over_places_go_each_to_its_own():
    text = (
        "Shelling killed three people in Bilopillia and two in Krasnopillia on Sunday, "
        "regional officials said."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 3))).reports
    killed = {
        r.place.name: [c["value"] for c in r.claims if c["field"] == "killed"] for r in reports
    }
    assert killed == {"Bilopillia": [3], "Krasnopillya": [2]}


def test_the_day_before_dates_a_place_a_day_before_the_last_attack():
    text = (
        "A drone hit a bakery in Sumy on Thursday, wounding two people. "
        "A day earlier, shelling killed a man in Bilopillia."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 7))).reports
    days = {r.place.name: (r.date_start, r.extra["role"]) for r in reports}
    assert days == {
        "Sumy": (date(2024, 6, 6), "main"),
        "Bilopillia": (date(2024, 6, 5), "secondary"),
    }


def test_where_the_wounded_are_treated_is_no_scene():
    # sentence by sentence: the casualty words "suffered" and "taken to hospital" make
    # figures, and the hospital's town is where the wounded went
    text = (
        "A drone struck a lorry near Rylsk on Monday. Its driver suffered burns and was "
        "taken to a hospital in Kursk."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 8, 13))).reports
    assert [r.place.name for r in reports] == ["Ryl’sk"]
    assert [c["value"] for c in reports[0].claims if c["field"] == "injured"] == [1]


def test_a_place_naming_a_nuclear_plant_is_no_scene():
    # a nuclear plant is named after a city or region it is not in
    text = (
        "Shelling damaged a cooling pond of the Khmelnytskyi nuclear power plant near "
        "Netishyn on Monday, officials in Netishyn said. Two workers were injured."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    assert "Khmelnytskyi" not in [r.place.name for r in reports]


@pytest.mark.parametrize(
    "text, not_scene",
    [
        # a pipeline named after a place runs far from it
        (
            "Drones set fire to a pumping station of the Druzhba pipeline outside Klintsy "
            "overnight, the governor said.",
            "Druzhba",
        ),
        # a front's sector: the fighting around a town, not a strike on it
        (
            "Russian troops attacked Ukrainian positions in the Siversk direction on "
            "Thursday, the ministry said. A drone hit a bakery in Sloviansk.",
            "Siversk",
        ),
        # a reservoir named after a town is water
        (
            "Shells fired across the Kakhovka reservoir hit Marhanets on Friday.",
            "Kakhovka",
        ),
    ],
)
def test_a_place_naming_a_pipeline_a_front_sector_or_a_reservoir_is_no_scene(text, not_scene):
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 7))).reports
    assert reports and not_scene not in [r.place.name for r in reports]


@pytest.mark.parametrize(
    "text, scene",
    [
        # a city before "outskirts" / "suburb of" is a reference point, like "near" it
        ("Shells hit Stanislav, a village on the Kherson city outskirts, on Monday.", "Stanislav"),
        ("Drones struck the Kharkiv suburb of Tsyrkuny on Monday, wounding two.", "Tsyrkuny"),
        # alone, it is the scene
        ("Shells hit the Kherson city outskirts on Monday, wounding two.", "Kherson"),
    ],
)
def test_a_city_before_outskirts_or_suburb_is_a_vicinity(text, scene):
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    assert [r.place.name for r in reports] == [scene]


def test_wounded_who_died_a_sentence_later_leave_the_injured():
    text = (
        "A missile hit a warehouse in Pavlohrad on Monday, wounding six workers. One of "
        "them, a forklift driver, later died in hospital."
    )
    (r,) = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    figures = {c["field"]: c["value"] for c in r.claims}
    assert figures == {"injured": 5, "killed": 1}


def test_a_place_near_which_the_attack_was_is_its_scene_when_alone():
    # "near X", "on the outskirts of X": a reference point beside another scene, the
    # scene itself when the sentence names no other
    text = "Artillery shells hit a farm on the outskirts of Chuhuiv on Tuesday. No one was hurt."
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 5))).reports
    assert [r.place.name for r in reports] == ["Chuhuyiv"]
    # a country beside it (a dateline's "Ukraine") is no other scene
    text = "CHUHUIV, Ukraine — Shells hit a farm on the outskirts of Chuhuiv on Tuesday."
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 5))).reports
    assert [r.place.name for r in reports] == ["Chuhuyiv"]
    text = "A drone struck a warehouse in Lozova, near Kharkiv, on Tuesday."
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 5))).reports
    assert [r.place.name for r in reports] == ["Lozova"]


def test_a_region_folds_into_the_city_region_it_surrounds():
    # Sevastopol is a region of its own inside Crimea: Crimea's toll, with no other
    # Crimean town named, is the city's
    text = (
        "Missiles struck Crimea on Sunday afternoon, killing four people, the governor "
        "said. Air defences fired for an hour. Fragments fell over the city of Sevastopol, "
        "where a beach was hit."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 7, 1))).reports
    assert [r.place.name for r in reports] == ["Sevastopol"]
    # a city of a neighbouring region stays apart
    text = (
        "Drones hit the Dnipropetrovsk region overnight on Sunday, injuring three people. "
        "Air defences fired for an hour. A blast was then heard in Zaporizhzhia."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 7, 1))).reports
    assert len(reports) == 2


def test_said_the_day_after_a_lagging_publication_date_is_not_last_week():
    # published on a Thursday (2023-06-01); "said Friday" is the next day's statement,
    # not one of six days before: the attack takes the publication date
    text = "The governor said Friday that shelling killed two people at a market in Kherson."
    (r,) = extract_reports(document_from_text(text, published=date(2023, 6, 1))).reports
    assert (r.date_start, r.date_end) == (date(2023, 5, 31), date(2023, 6, 1))
    # the day before publication stays as written
    (r,) = extract_reports(document_from_text(text, published=date(2023, 6, 3))).reports
    assert r.date_start == date(2023, 6, 2)


#: (text, publication date, the places its reports are at): scenes, not reference points
SCENES = [
    pytest.param(
        "Sea drones attacked the Black Sea naval port of Novorossiysk overnight, "
        "damaging a landing ship, officials said on Friday.",
        date(2023, 8, 4),
        ["Novorossiysk"],
        id="sea_beside_a_town_is_not_the_scene",
    ),
    # "Kiev" and "Kirov" here are districts of Donetsk, not Kyiv and a Russian city
    pytest.param(
        "Troops shelled the Kiev, Lenin and Kirov districts of Donetsk on Sunday "
        "with Grad rockets, killing two people.",
        date(2022, 6, 13),
        ["Donetsk"],
        id="listed_districts_of_a_city_are_not_towns",
    ),
    # the governor of a region speaks for it; the strike was elsewhere
    pytest.param(
        "A drone hit a bus in Kherson on Friday, killing a driver, according to the "
        "governor of the Zaporizhzhia region.",
        date(2024, 3, 2),
        ["Kherson"],
        id="an_officials_jurisdiction_is_no_scene",
    ),
    # "the Poltava regional governor" names who speaks, as "the governor of" does
    pytest.param(
        "A drone hit a petrol station in Kremenchuk on Monday, wounding a cashier, "
        "the Poltava regional governor said.",
        date(2024, 6, 4),
        ["Kremenchuk"],
        id="a_place_before_an_officials_title_is_no_scene",
    ),
    # "Izium district" locates the village; Izium itself was not shelled
    pytest.param(
        "Russian troops shelled Borova, Izium district, Kharkiv region, on Monday, "
        "wounding two women.",
        date(2024, 2, 6),
        ["Borova"],
        id="a_district_in_an_address_is_no_town_hit",
    ),
]


@pytest.mark.parametrize(("text", "published", "places"), SCENES)
def test_the_scene_is_where_the_attack_was(text, published, places):
    reports = extract_reports(document_from_text(text, published=published)).reports
    assert [r.place.name for r in reports] == places


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the weapon goes to the nearest place; the places listed with it share it
        (
            "Russian cruise missiles struck Poltava, Lviv and Odesa overnight.",
            "en",
            {"Poltava": "missile", "Lviv": "missile", "Odesa": "missile"},
        ),
        (
            "Drones hit Sumy on Tuesday. Later, artillery shelled Nikopol and Marhanets.",
            "en",
            {"Sumy": "drone", "Nikopol": "artillery", "Marhanets": "artillery"},
        ),
        (
            "Вночі окупанти обстріляли Херсон, Берислав та Нікополь.",
            "uk",
            {"Kherson": "artillery", "Beryslav": "artillery", "Nikopol": "artillery"},
        ),
        (
            "Утром российские дроны атаковали Сумы, Конотоп и Шостку.",
            "ru",
            {"Sumy": "drone", "Konotop": "drone", "Shostka": "drone"},
        ),
        # a listed place may carry its district and a settlement noun
        (
            "Missiles hit Poltava and the town of Myrhorod on Monday.",
            "en",
            {"Poltava": "missile", "Myrhorod": "missile"},
        ),
        (
            "У селищі Печеніги Чугуївського району та селі Курилівка через обстріли "
            "сталися пожежі.",
            "uk",
            {"Pechenihy": "artillery", "Kurylivka": "artillery"},
        ),
        # a place in a relative clause is not the one the weapon after it hit
        (
            "Nikopol, which lies across the river from Enerhodar, came under artillery fire.",
            "en",
            {"Nikopol": "artillery"},
        ),
        (
            "Белгород, который находится у границы с Харьковом, атаковали беспилотники.",
            "ru",
            {"Belgorod": "drone"},
        ),
        # a weapon after ", and" / ", а" belongs to the place of its own clause
        (
            "Drones hit Sumy, and artillery shelled Kherson.",
            "en",
            {"Sumy": "drone", "Kherson": "artillery"},
        ),
        (
            "Дрони атакували Суми, а артилерія обстріляла Херсон.",
            "uk",
            {"Sumy": "drone", "Kherson": "artillery"},
        ),
        (
            "Kherson was hit by drones, and artillery pounded the outskirts.",
            "en",
            {"Kherson": "drone"},
        ),
        # a weapon before every place is its clause's subject: all of the clause was hit
        (
            "Missile strikes that hit Poltava and other cities such as Lviv and Odesa killed five.",
            "en",
            {"Poltava": "missile", "Lviv": "missile", "Odesa": "missile"},
        ),
        # a weapon in the next sentence, which names no place, reaches the whole list
        (
            "Explosions shook Bucha and Irpin overnight. Most of the missiles were shot down.",
            "en",
            {"Bucha": "missile", "Irpin": "missile"},
        ),
        (
            "Вибухи пролунали у Бучі та Ірпені. Більшість ракет збила ППО.",
            "uk",
            {"Bucha": "missile", "Irpin": "missile"},
        ),
        # a passive verb after every place of its clause: all of them were hit
        (
            "Apartment blocks in Kherson and a school in Beryslav were shelled overnight.",
            "en",
            {"Kherson": "artillery", "Beryslav": "artillery"},
        ),
        # ... but not the places of a relative clause
        (
            "Bilopillia, which lies close to Sumy, came under drone attack at dawn.",
            "en",
            {"Bilopillia": "drone", "Sumy": None},
        ),
        # a region named first does not keep the towns of its clause from the weapon
        (
            "In the Kharkiv region, drones struck Chuhuiv and Balakliia.",
            "en",
            {"Chuhuyiv": "drone", "Balakliya": "drone"},
        ),
        (
            "На Харківщині дрони атакували Чугуїв і Балаклію.",
            "uk",
            {"Chuhuyiv": "drone", "Balakliya": "drone"},
        ),
        (
            "Drones attacked Sumy on Monday while the president visited Lviv.",
            "en",
            {"Sumy": "drone", "Lviv": None},
        ),
        # "rocket shelling" is a rocket attack; a place with its own weapon keeps it
        ("Rocket shelling of Kherson killed two people on Monday.", "en", {"Kherson": "missile"}),
        (
            "Оккупанты обстреляли Херсон из артиллерии, а в Николаеве упала ракета.",
            "ru",
            {"Kherson": "artillery", "Mykolayiv": "missile"},
        ),
    ],
)
def test_each_listed_place_takes_its_weapon(text, lang, expected):
    from geoinc.taxonomy import weapon_kind

    doc = document_from_text(text, published=date(2025, 3, 4), lang=lang)
    got = {r.place.name: weapon_kind(r.weapons) for r in extract_reports(doc).reports}
    assert got == expected


def test_a_day_earlier_than_the_statement_dates_the_attack():
    text = "Kyiv said on Sunday that its drones had hit an oil depot in Feodosia a day earlier."
    (r,) = extract_reports(document_from_text(text, published=date(2024, 6, 2))).reports
    assert (r.date_start, r.date_end) == (date(2024, 6, 1), date(2024, 6, 1))


def test_a_figure_goes_to_the_place_of_its_own_clause():
    # the count follows the first place, but its clause names its own place after it
    text = (
        "On Monday a woman was wounded in Bilopillia, and three men were hurt by shelling "
        "in Krasnopillia."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    injured = {
        r.place.name: [c["value"] for c in r.claims if c["field"] == "injured"] for r in reports
    }
    assert injured == {"Bilopillia": [1], "Krasnopillya": [3]}


def test_a_place_after_a_comma_and_while_is_the_next_clauses():
    text = (
        "On Monday shelling of Dvorichna wounded a farmer and his wife, while in Kupiansk "
        "a woman was killed by a drone."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    figures = {r.place.name: sorted((c["field"], c["value"]) for c in r.claims) for r in reports}
    assert figures == {"Dvorichna": [("injured", 2)], "Kupyansk": [("killed", 1)]}


@pytest.mark.parametrize(
    "second, kharkiv",
    [
        # "came two days after an attack on X": X two days before the dated attack
        ("The attack came two days after a drone strike on Kharkiv.", date(2024, 6, 1)),
        # no verb that sets the two apart: X is not moved
        ("Two days after the strike, rescuers in Kharkiv were still at work.", date(2024, 6, 3)),
    ],
)
def test_a_place_after_came_a_day_after_is_dated_before(second, kharkiv):
    text = "A missile hit a depot in Lozova on Monday. " + second
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    assert {r.place.name: r.date_start for r in reports}.get("Kharkiv") == kharkiv


@pytest.mark.parametrize(
    "text, place",
    [
        # a governor's jurisdiction is the scene when nothing else is named: his region
        (
            "Kursk Governor Alexei Smirnov said a drone hit a lorry on Monday, killing its driver.",
            "Kursk Oblast",
        ),
        (
            "A drone hit a bus on Monday, wounding three, the governor of the Bryansk region said.",
            "Bryansk Oblast",
        ),
        # a mayor's is the city
        ("Sumy Mayor Artem Kobzar said a drone hit a school on Monday, wounding two.", "Sumy"),
        # with a town named, the town (not the jurisdiction) is the scene
        (
            "Belgorod Governor Vyacheslav Gladkov said a drone hit a car in Shebekino on Monday.",
            "Shebekino",
        ),
    ],
)
def test_a_jurisdiction_is_the_scene_when_nothing_else_is(text, place):
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    assert [r.place.name for r in reports] == [place]


def test_a_jurisdiction_does_not_take_a_later_sentence_from_its_town():
    text = (
        "A drone hit a car in Shebekino on Monday. Belgorod Governor Vyacheslav Gladkov said "
        "two men were wounded."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    assert [r.place.name for r in reports] == ["Shebekino"]


@pytest.mark.parametrize(
    "text",
    [
        "Missiles hit Odesa on Sunday, killing two, and struck Kharkiv on Tuesday, killing one.",
        "Missiles hit Odesa on Sunday, killing two, and Kharkiv two days later, killing one.",
        "On Sunday a missile hit Odesa, killing two; two days later a drone hit Kharkiv.",
    ],
)
def test_each_place_of_a_sentence_takes_its_nearest_date(text):
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 5))).reports
    days = {r.place.name: r.date_start for r in reports}
    assert days == {"Odesa": date(2024, 6, 2), "Kharkiv": date(2024, 6, 4)}


@pytest.mark.parametrize(
    "text, place",
    [
        # the dateline's place named again as "the city" is the scene when nothing else is
        ("CHERNIHIV, Ukraine (AP) — Drones hit the city overnight, wounding four.", "Chernihiv"),
        ("ODESA, Ukraine — A drone hit a warehouse in the port city on Sunday.", "Odesa"),
        # another place named: that one
        ("KYIV, Ukraine (AP) — Russian drones hit Sumy overnight, wounding four.", "Sumy"),
    ],
)
def test_the_datelines_place_named_again_is_the_scene(text, place):
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    assert [r.place.name for r in reports] == [place]
    evidence = [e["text"] for e in reports[0].evidence if e["field"] == "place"]
    assert not any(t.isupper() for t in evidence)  # never the dateline itself


def test_an_attack_recalled_from_last_week_is_background():
    text = (
        "A missile hit a warehouse in Dnipro on Monday, killing one worker. Last week, a "
        "missile strike on Odesa killed 20 people."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    roles = {r.place.name: r.extra["role"] for r in reports}
    assert roles == {"Dnipro": "main", "Odesa": "secondary"}


def test_a_launch_site_after_launched_overnight_from_is_no_scene():
    text = (
        "The air force said it shot down 31 of 37 drones launched overnight from the Kursk "
        "region and occupied Crimea. Debris damaged a house in Poltava, wounding a woman."
    )
    reports = extract_reports(document_from_text(text, published=date(2024, 6, 4))).reports
    assert [r.place.name for r in reports] == ["Poltava"]
