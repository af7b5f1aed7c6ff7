"""The ``lang`` column: which languages an incident was read in (issue 15, item 5)."""

import pytest

import geoinc
from geoinc.incidents.io import read_incidents, write_incidents

pytest.importorskip("pymorphy3")

# one strike told by an English wire and a Ukrainian regional post (own words, invented)
EN = "A Russian drone hit a warehouse in Sumy on Tuesday, wounding two workers, officials said."
UK = "У вівторок російський дрон влучив у склад у Сумах, поранено двох працівників."
RU = "Во вторник беспилотник ударил по складу в Белгороде, ранены двое рабочих."


@pytest.fixture(scope="module")
def frame():
    docs = [
        {"text": EN, "source": "Wire", "published": "2024-05-08"},
        {"text": UK, "source": "Oblast post", "published": "2024-05-08"},
        {"text": RU, "source": "Governor", "published": "2024-05-08"},
    ]
    return geoinc.extract(docs)


def test_an_incident_lists_the_languages_of_its_reports(frame):
    by_place = dict(zip(frame.place_name, frame.lang, strict=True))
    assert by_place["Sumy"] == "en,uk"  # merged: both languages, sorted
    assert by_place["Belgorod"] == "ru"
    assert set(frame.n_sources[frame.place_name == "Sumy"]) == {2}


def test_place_names_stay_english_whatever_the_language(frame):
    assert set(frame.place_name) == {"Sumy", "Belgorod"}


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".csv"])
def test_the_column_round_trips(frame, tmp_path, suffix):
    back = read_incidents(write_incidents(frame, tmp_path / f"out{suffix}"))
    assert list(back.lang) == list(frame.lang)
