"""The bundled gazetteer: forward lookup, qualifiers, fuzzy matching, reverse, radius."""

from __future__ import annotations

import math
import pickle

import pytest

from geoinc.exceptions import (
    ConfigurationError,
    CoordinateError,
    GeoincError,
    PlaceNotFound,
)
from geoinc.gazetteer import Gazetteer, parse_query


@pytest.mark.parametrize(
    "name, geonameid",
    [
        ("Kharkiv", 706483),
        ("Kharkov", 706483),
        ("Харків", 706483),
        ("Харьков", 706483),
        ("Charkiw", 706483),
        ("KHARKIV", 706483),
        ("Belgorod", 578072),
        ("Белгород", 578072),
        ("Zaporizhzhia", 687700),  # the city of ~710k, not the village 687684
        ("Zaporizhzhya", 687700),
        ("Zaporozhye", 687700),
        ("Запоріжжя", 687700),
        ("Kyiv", 703448),
        ("Kiev", 703448),
        ("Київ", 703448),
        ("Киев", 703448),
        ("Mykolaiv", 700569),  # not the small town 700568
        ("Nikolaev", 700569),
        ("Khmelnitsky", 706369),
        ("Khmelnytskyi", 706369),
        ("Khmel'nyts'kyi", 706369),
    ],
)
def test_best_match_by_name_and_spelling(gazetteer, name, geonameid):
    assert gazetteer.best(name).geonameid == geonameid


def test_zaporizhzhia_village_is_still_a_candidate(gazetteer):
    ids = [p.geonameid for p in gazetteer.lookup("Zaporizhzhia", limit=10)]
    assert ids[0] == 687700
    assert 687684 in ids  # known, ranked below the city


def test_both_ukrainian_borovas_are_candidates(gazetteer):
    ids = [p.geonameid for p in gazetteer.lookup("Borova", limit=10)]
    assert 711621 in ids and 711623 in ids


@pytest.mark.parametrize(
    "query", ["Borova, Kharkiv Oblast", "Borova (Kharkiv Oblast)", "Borova, Kharkiv region"]
)
def test_qualified_borova(gazetteer, query):
    p = gazetteer.best(query)
    assert p.geonameid == 711623
    assert p.lat == pytest.approx(49.38, abs=0.01) and p.lon == pytest.approx(37.62, abs=0.01)


def test_admin1_keyword_argument_filters(gazetteer):
    assert gazetteer.best("Borova", admin1="UA.13").geonameid == 711621
    assert gazetteer.best("Borova", admin1="Kharkiv Oblast").geonameid == 711623


@pytest.mark.parametrize(
    "query, code",
    [
        ("Kharkiv region", "UA.07"),
        ("Kharkiv Oblast", "UA.07"),
        ("Kharkivska oblast", "UA.07"),
        ("Харківська область", "UA.07"),
        ("Kharkov region", "UA.07"),
        ("Zaporizhzhia region", "UA.26"),
        ("Khmelnitsky region", "UA.09"),
        ("Belgorod Oblast", "RU.09"),
        ("Белгородская область", "RU.09"),
        ("Crimea", "UA.11"),
    ],
)
def test_regions(gazetteer, query, code):
    p = gazetteer.best(query)
    assert p.kind == "admin1"
    assert p.admin1 == code
    assert p.precision == "admin1"


def test_kind_argument(gazetteer):
    assert gazetteer.best("Kharkiv", kind="admin1").admin1 == "UA.07"
    assert gazetteer.best("Kharkiv", kind="place").geonameid == 706483
    assert gazetteer.best("Ukraine").kind == "country"
    assert gazetteer.best("Russian Federation").country == "RU"
    with pytest.raises(ConfigurationError, match="valid kinds"):
        gazetteer.lookup("Kharkiv", kind="planet")


def test_country_argument(gazetteer):
    assert gazetteer.best("Borova", country="UA").country == "UA"
    assert gazetteer.lookup("Kharkiv", country="FR") == []


@pytest.mark.parametrize("query", ["Robotyne", "Роботине", "the village of Robotyne"])
def test_katottg_only_settlement_is_known_at_region_precision(gazetteer, query):
    p = gazetteer.best(query)
    assert p.name == "Robotyne"
    assert p.kind == "settlement"
    assert p.geonameid is None
    assert p.admin1 == "UA.26"  # Zaporizhzhia oblast
    assert p.precision == "admin1"
    assert p.katottg.startswith("UA23")
    # located inside its oblast, not at a made-up pinpoint
    import shapely

    assert gazetteer.admin1_polygon("UA.26").contains(shapely.Point(p.lon, p.lat))


def test_linked_katottg_settlement_carries_its_raion(gazetteer):
    p = gazetteer.get(711623)  # Borova, Kharkiv oblast
    assert p.katottg.startswith("UA63")
    assert p.admin2_name.endswith("raion")
    assert "Борова" in p.names


def test_fuzzy_match_has_score_below_one(gazetteer):
    p = gazetteer.lookup("Kharkif")[0]
    assert p.geonameid == 706483
    assert 0.85 <= p.score < 1.0
    assert gazetteer.lookup("Kharkif", fuzzy=False) == []


def test_unknown_name_says_so(gazetteer):
    assert gazetteer.lookup("Qwxzyvillezz") == []
    with pytest.raises(PlaceNotFound, match="Qwxzyvillezz") as err:
        gazetteer.best("Qwxzyvillezz")
    assert isinstance(err.value, LookupError) and isinstance(err.value, GeoincError)
    assert err.value.query == "Qwxzyvillezz"


@pytest.mark.parametrize("bad", [None, 12, b"Kharkiv"])
def test_non_string_name_is_a_typed_error(gazetteer, bad):
    with pytest.raises(ConfigurationError):
        gazetteer.lookup(bad)


def test_place_is_immutable_picklable_and_geo_interface(gazetteer):
    p = gazetteer.best("Belgorod")
    with pytest.raises(AttributeError):
        p.name = "x"
    assert pickle.loads(pickle.dumps(p)) == p
    gi = p.__geo_interface__
    assert gi["geometry"]["coordinates"] == [p.lon, p.lat]
    assert gi["properties"]["geonameid"] == 578072
    import shapely.geometry

    assert shapely.geometry.shape(gi["geometry"]).y == p.lat
    assert p.raw["country"] == "RU" and p.point == (p.lon, p.lat)


def test_get_by_geonameid(gazetteer):
    assert gazetteer.get(706483).name == "Kharkiv"
    with pytest.raises(PlaceNotFound):
        gazetteer.get(1)


def test_lookup_is_deterministic_and_ranked(gazetteer):
    a = gazetteer.lookup("Alexandria", limit=10)
    Gazetteer.default()._lookup_cache.cache_clear()
    b = gazetteer.lookup("Alexandria", limit=10)
    assert a == b
    # by size, a record called Alexandria ahead of one 100 times bigger that only lists it
    # (Alexandria, Virginia before Mashhad, once Alexandria)
    rank = [
        math.log10(p.population + 1) + 2.0 * (p.name == "Alexandria")
        for p in a
        if p.kind == "place"
    ]
    assert rank == sorted(rank, reverse=True)
    names = [p.name for p in a]
    assert names.index("Mashhad") > 2 and names[:3].count("Alexandria") == 3


def test_lookup_ids_vectorised(gazetteer):
    ids = gazetteer.lookup_ids(["Kharkiv", "Belgorod", "Киев", "zzzzqqq"])
    assert ids.tolist() == [706483, 578072, 703448, 0]


def test_largest_places(gazetteer):
    top = gazetteer.largest_places("UA", 3)
    assert [p.geonameid for p in top[:2]] == [703448, 706483]
    assert top[0].population >= top[1].population >= top[2].population


@pytest.mark.parametrize(
    "text, core, kind, context",
    [
        ("the village of Borova", "Borova", "place", ()),
        ("Borova, Kharkiv Oblast", "Borova", None, ("Kharkiv Oblast",)),
        ("Zaporizhzhia region", "Zaporizhzhia", "admin1", ()),
        ("Харківська область", "Харківська", "admin1", ()),
        ("Oblast", "Oblast", None, ()),
    ],
)
def test_parse_query(text, core, kind, context):
    q = parse_query(text)
    assert (q.core, q.kind, q.context) == (core, kind, context)


# ---- reverse ---------------------------------------------------------------------


def test_reverse_belgorod(gazetteer):
    r = gazetteer.reverse(50.60, 36.58)
    assert r.place.geonameid == 578072
    assert r.admin1.admin1 == "RU.09" and r.admin1.name == "Belgorod Oblast"
    assert r.country.country == "RU"
    assert r.distance_km < 2


def test_reverse_uses_oblast_polygons_in_ukraine(gazetteer):
    r = gazetteer.reverse(49.38, 37.62)  # Borova
    assert r.country.country == "UA"
    assert r.admin1.admin1 == "UA.07"
    assert "admin1 by polygon" in r.method


def test_reverse_crimea_is_ukraine_by_default(gazetteer):
    r = gazetteer.reverse(44.95, 34.10)  # Simferopol
    assert r.country.country == "UA"
    assert r.admin1.admin1 == "UA.11"


def test_reverse_many_vectorised(gazetteer):
    df = gazetteer.reverse_many([50.60, 49.99, 48.85], [36.58, 36.23, 2.35])
    assert df["geonameid"].tolist()[:2] == [578072, 706483]
    assert df["country"].tolist() == ["RU", "UA", "FR"]
    assert (df["distance_km"] >= 0).all()


@pytest.mark.parametrize(
    "lat, lon",
    [
        (91, 0),
        (-90.5, 10),
        (0, 181),
        (float("nan"), 0),
        (0, float("inf")),
        ("50", "36"),
        (None, 1),
        (True, 1),
    ],
)
def test_reverse_invalid_coordinates(gazetteer, lat, lon):
    with pytest.raises(CoordinateError) as err:
        gazetteer.reverse(lat, lon)
    assert isinstance(err.value, ValueError) and isinstance(err.value, GeoincError)


def test_reverse_many_invalid_coordinates(gazetteer):
    with pytest.raises(CoordinateError, match="position 1"):
        gazetteer.reverse_many([50, 95], [36, 36])
    with pytest.raises(CoordinateError):
        gazetteer.reverse_many([50, 40], [36])


def test_within_radius(gazetteer):
    near = gazetteer.within(49.99, 36.23, 30)
    assert near[0][0].geonameid == 706483
    dists = [d for _, d in near]
    assert dists == sorted(dists) and max(dists) <= 30
    # the geodesic distance to Belgorod (~73 km) puts it outside 60 km, inside 90 km
    ids60 = {p.geonameid for p, _ in gazetteer.within(49.99, 36.23, 60)}
    ids90 = {p.geonameid for p, _ in gazetteer.within(49.99, 36.23, 90)}
    assert 578072 not in ids60 and 578072 in ids90
    with pytest.raises(ConfigurationError):
        gazetteer.within(49.99, 36.23, -1)


def test_polygons(gazetteer):
    ua = gazetteer.country_polygon("UA")
    import shapely

    assert ua.contains(shapely.Point(36.23, 49.99))
    assert not ua.contains(shapely.Point(36.58, 50.60))
    assert gazetteer.admin1_polygon("UA.07").contains(shapely.Point(36.23, 49.99))
    assert gazetteer.admin1_polygon("XX.99") is None and gazetteer.country_polygon("XX") is None
    assert len(gazetteer) > 250_000


def test_loading_is_lazy():
    g = Gazetteer()
    assert "not loaded" in repr(g)
    g.best("Kharkiv")
    assert "records" in repr(g)


def test_missing_data_file_is_a_typed_error(tmp_path):
    from geoinc.exceptions import GazetteerDataError

    with pytest.raises(GazetteerDataError):
        Gazetteer(tmp_path / "nope.npz").lookup("Kharkiv")


def test_region_records_by_code(gazetteer):
    assert gazetteer.admin1_place("UA.07").name == "Kharkiv Oblast"
    assert gazetteer.country_place("ua").geonameid == 690791
    with pytest.raises(PlaceNotFound):
        gazetteer.admin1_place("XX.99")
    with pytest.raises(PlaceNotFound):
        gazetteer.country_place("XX")


def test_index_access_for_recognisers(gazetteer):
    keys = gazetteer.keys()
    assert keys == sorted(keys) and "kharkiv" in keys
    rows = gazetteer.rows_for_key("kharkiv")
    assert 706483 in {gazetteer.place_at(r).geonameid for r in rows}
    assert len(gazetteer.rows_for_key("no such key at all")) == 0
    imp = gazetteer.importance(rows)
    assert imp.shape == rows.shape
    assert gazetteer.names_of(rows[:1]) == [gazetteer.place_at(rows[0]).name]
    p = gazetteer.best("Kharkiv")
    assert p.with_score(0.5).score == 0.5 and p.with_score(0.5).geonameid == p.geonameid


@pytest.mark.parametrize(
    ("code", "middle", "within_km"),
    [
        # The median of Texas's towns sits near Dallas, 250 km east of the middle.
        ("US.TX", (31.0, -100.0), 100),
        ("AU.02", (-32.16, 147.01), 120),  # New South Wales: the median is on the coast
        ("US.PA", (41.0, -77.5), 60),
    ],
)
def test_regions_without_polygons_sit_in_their_middle(gazetteer, code, middle, within_km):
    from geoinc.borders import geodesic_distance

    p = gazetteer.admin1_place(code)
    km, _ = geodesic_distance(middle[1], middle[0], p.lon, p.lat)
    assert km < within_km, (p, km)
