"""geoinc.mapping without a browser: data island, layers, escaping, offline inlining, CLI."""

from __future__ import annotations

import json
import re
import warnings

import geopandas as gpd
import map_fixtures as mf
import numpy as np
import pytest
import shapely
from pyproj import Geod

from geoinc.exceptions import ConfigurationError, MapError
from geoinc.mapping import border_band_geometry, claim_features, incident_map, prepare_incidents
from geoinc.mapping.geometry import geodesic_buffer, geodesic_line
from geoinc.mapping.payload import escaped_json, type_color

GEOD = Geod(ellps="WGS84")


def _quiet(fn, *a, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return fn(*a, **kw)


def _html(gdf, **kw):
    kw.setdefault("borders", None)
    kw.setdefault("band", None)
    return _quiet(incident_map, gdf, **kw).get_root().render()


def _island(html: str) -> dict:
    """The incidents' data island (the one with a string table)."""
    for text in re.findall(
        r'<script type="application/json" id="geoinc-data-[^"]+">(.*?)</script>', html, re.S
    ):
        data = json.loads(text)
        if isinstance(data, dict) and "S" in data:
            return data
    raise AssertionError("no incident data island")


@pytest.fixture(scope="module")
def fixture_frame():
    return mf.incident_frame()


@pytest.fixture(scope="module")
def borders():
    b = mf.ne_borders()
    if b is None:
        pytest.skip("shared Natural Earth border file absent")
    return b


# ------------------------------------------------------------------ data island
def test_prepare_counts_points_regions_and_unlocated(fixture_frame):
    with pytest.warns(UserWarning, match="no geometry and no region"):
        data = prepare_incidents(fixture_frame)
    assert (data.n_drawn, data.n_region, data.n_unlocated) == (
        mf.N_POINTS,
        mf.N_REGION,
        mf.N_UNLOCATED,
    )
    p = data.payload
    assert p["n"] == mf.N_POINTS + mf.N_REGION
    # the region-level incident refers to the Kharkiv oblast polygon, not a pinpoint
    (reg,) = p["regions"]
    assert reg["code"] == "UA.07" and reg["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert sum(r >= 0 for r in p["region"]) == 1
    assert p["nUndated"] == 1
    assert p["dmin"] == 19844 and p["dmax"] == 19844 + 24  # 2024-05-01 .. 2024-05-25


def test_prepare_dates_are_days_and_ranges_kept(fixture_frame):
    p = _quiet(prepare_incidents, fixture_frame).payload
    S = p["S"]
    ids = [S[k] for k in p["fields"]["id"]]
    i = ids.index("inc-010")
    assert p["d0"][i] == 19863 and p["d1"][i] == 19865  # 2024-05-20 .. 05-22
    assert p["d0"][ids.index("inc-009")] is None


def test_strings_stored_once():
    gdf = mf.synthetic_incidents(500, seed=3)
    p = _quiet(prepare_incidents, gdf).payload
    assert len(p["S"]) == len(set(p["S"]))
    assert "Outlet 7" in p["S"]


@pytest.mark.parametrize("bad", [None, [1, 2], "x"])
def test_not_a_geodataframe_is_a_map_error(bad):
    with pytest.raises(MapError, match="GeoDataFrame"):
        prepare_incidents(bad)


def test_unknown_popup_column_is_a_map_error(fixture_frame):
    with pytest.raises(MapError, match="nope"):
        prepare_incidents(fixture_frame, popup_columns=["nope"])


def test_projected_frame_is_reprojected(fixture_frame):
    a = _quiet(prepare_incidents, fixture_frame).payload
    b = _quiet(prepare_incidents, fixture_frame.to_crs(3857)).payload
    assert np.allclose(a["lon"], b["lon"], atol=1e-5) and np.allclose(a["lat"], b["lat"], atol=1e-5)


def test_no_crs_warns_and_out_of_range_is_not_drawn():
    gdf = gpd.GeoDataFrame(
        {"event_type": ["A", "B"]},
        geometry=[shapely.Point(36, 50), shapely.Point(3_000_000, 6_000_000)],
    )
    with pytest.warns(UserWarning) as rec:
        data = prepare_incidents(gdf)
    msgs = " ".join(str(w.message) for w in rec)
    assert "no CRS" in msgs and "outside lon/lat range" in msgs
    assert data.payload["n"] == 1 and data.n_unlocated == 1


def test_bad_dates_warn_and_become_undated():
    gdf = gpd.GeoDataFrame(
        {"date_start": ["2024-05-01", "yesterday"]},
        geometry=[shapely.Point(36, 50), shapely.Point(36.1, 50)],
        crs=4326,
    )
    with pytest.warns(UserWarning, match="not dates"):
        p = prepare_incidents(gdf).payload
    assert p["d0"] == [19844, None] and p["nUndated"] == 1


def test_json_text_columns_from_gpkg_are_parsed(fixture_frame, tmp_path):
    path = tmp_path / "inc.gpkg"
    out = fixture_frame.copy()
    for c in ("sources", "claims"):
        out[c] = out[c].map(lambda v: json.dumps(v) if isinstance(v, list) else None)
    out.to_file(path, layer="incidents", engine="pyogrio")
    back = gpd.read_file(path)
    p = _quiet(prepare_incidents, back).payload
    S = p["S"]
    ids = [S[k] for k in p["fields"]["id"]]
    st = p["fields"]["sourceTable"]
    urls = dict((S[k], codes) for k, codes in st["cols"])["url"]
    i = ids.index("inc-001")
    assert [S[urls[r]] for r in range(st["off"][i], st["off"][i + 1])] == [
        "https://news.example.org/a/1",
        "https://desk.example.net/story/7",
    ]
    table = p["fields"]["claimTable"]
    i = ids.index("inc-001")
    assert table["off"][i + 1] - table["off"][i] == 2  # two per-source figures
    cols = {S[k]: codes for k, codes in table["cols"]}
    assert "evidence" in cols and "start" not in cols and "end" not in cols  # offsets are not shown
    assert S[cols["evidence"][table["off"][i]]].startswith("Officials said at least two")
    assert S[cols["value"][table["off"][i]]] == "2"


def test_type_colours_are_stable_and_known_types_fixed():
    assert type_color("Air/drone strike") == "#d7191c"
    assert type_color("Something new") == type_color("Something new")


# --------------------------------------------------------------------- escaping
@pytest.mark.parametrize("payload", mf.XSS_PAYLOADS)
def test_escaped_json_cannot_close_a_script(payload):
    text = escaped_json({"x": payload})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["x"] == payload


def test_rendered_html_has_no_raw_payload():
    html = _html(mf.xss_frame(), offline=False, title=mf.XSS_PAYLOADS[0])
    for p in mf.XSS_PAYLOADS:
        if "<" in p:  # markup never appears raw (a bare javascript: string is inert text)
            assert p not in html, p
    # layer-control names (Leaflet writes them as HTML) are escaped
    assert "Strike \\u0026lt;script\\u0026gt;" in html  # html-escaped, then JSON-escaped
    assert "<title>&lt;script&gt;" in html
    # and the island still carries every payload verbatim
    assert set(mf.XSS_PAYLOADS) <= set(_island(html)["S"])
    # (had Jinja run over the output, "{{ 7*7 }}" would have become "49" and be missing)


# ---------------------------------------------------------------------- layers
def test_map_has_one_layer_per_type_and_the_controls(fixture_frame):
    html = _html(fixture_frame)
    island = _island(html)
    assert html.count("geoinc.incidentGroup(") == len(island["types"]) == 4
    for piece in (
        "geoinc.TimeSlider",
        "geoinc.Legend",
        "geoinc.MeasureControl",
        "geoinc.FullscreenControl",
        "geoinc.MiniMap",
        "geoinc.SearchControl",
        "geoinc.heatLayer",
        "L.control.layers",
        "geoinc.choropleth",
    ):
        assert piece in html, piece
    # the layer control comes after every layer it lists
    assert html.rindex("geoinc.incidentGroup(") < html.index("L.control.layers")


def test_first_view_is_fitted_in_the_page_after_every_control(fixture_frame):
    html = _html(fixture_frame)
    # one call, after the layer control: the runtime measures the controls laid out
    calls = re.findall(r"geoinc\.firstView\((\w+), (\w+), (\[\[.*?\]\])\);", html)
    assert len(calls) == 1 and calls[0][1].startswith("incident_store")
    assert html.rindex("L.control.layers") < html.index("geoinc.firstView(map_")
    (s, w), (n, e) = json.loads(calls[0][2])
    lon = [x for x in fixture_frame.geometry.x if x == x]
    lat = [y for y in fixture_frame.geometry.y if y == y]
    assert s <= min(lat) and n >= max(lat) and w <= min(lon) and e >= max(lon)
    assert not re.search(r"map_\w+\.fitBounds\(", html)  # not folium's fit


def test_one_point_opens_on_its_surroundings():
    gdf = mf.incident_frame(mf.incident_records()[:1])
    html = _html(gdf)
    (s, w), (n, e) = json.loads(re.search(r"geoinc\.firstView\(\w+, \w+, (\[\[.*?\]\])", html)[1])
    assert n - s == pytest.approx(1.0) and e - w == pytest.approx(1.0)


def test_cluster_auto_switches_on_for_large_sets():
    small = _html(mf.synthetic_incidents(50))
    big = _html(mf.synthetic_incidents(400))
    assert '"cluster":false' in small and '"cluster":true' in big


def test_borders_and_band_layers(fixture_frame, borders):
    m = _quiet(incident_map, fixture_frame, borders=borders)
    html = m.get_root().render()
    assert "Borders (Natural Earth 10m)" in html
    assert '"kind":"disputed"' in html
    assert "Within 30 km of the RU–UA border" in html


def test_band_is_30km_geodesic(borders):
    band = border_band_geometry(borders, ("UA", "RU"), 30)
    # Belgorod is ~35 km from the Natural Earth line (DESIGN): outside the band
    assert not band.contains(shapely.Point(36.5983, 50.5977))
    line = shapely.union_all(
        borders[
            (borders.country_a == "RU")
            & (borders.country_b == "UA")
            & (borders.kind == "international")
        ].geometry.to_numpy()
    )
    verts = shapely.get_coordinates(shapely.segmentize(line, 0.005))
    rng = np.random.default_rng(0)
    p = verts[rng.integers(0, len(verts), 150)]
    lon, lat, _ = GEOD.fwd(p[:, 0], p[:, 1], rng.uniform(0, 360, 150), rng.uniform(0, 60_000, 150))
    checked = 0
    for x, y in zip(lon, lat, strict=False):
        d = GEOD.inv(np.full(len(verts), x), np.full(len(verts), y), verts[:, 0], verts[:, 1])[
            2
        ].min()
        if abs(d - 30_000) > 1_000:  # clear of the drawing tolerance
            assert band.contains(shapely.Point(x, y)) == (d < 30_000), (x, y, d)
            checked += 1
    assert checked > 100


def test_band_for_unknown_pair_is_a_map_error(borders):
    with pytest.raises(MapError, match="no international border"):
        border_band_geometry(borders, ("UA", "FR"), 30)


def test_geodesic_buffer_width_matches_geod():
    line = shapely.LineString([(36.0, 50.0), (38.0, 50.5)])
    band = geodesic_buffer(line, 30)
    mid = line.interpolate(0.5, normalized=True)
    az = GEOD.inv(36.0, 50.0, 38.0, 50.5)[0] + 90  # perpendicular
    for d, inside in ((29_500, True), (30_500, False)):
        lon, lat, _ = GEOD.fwd(mid.x, mid.y, az, d)
        assert band.contains(shapely.Point(lon, lat)) is inside


@pytest.mark.parametrize("km", [0, -5, float("nan")])
def test_geodesic_buffer_rejects_bad_distance(km):
    with pytest.raises(ConfigurationError):
        geodesic_buffer(shapely.LineString([(0, 0), (1, 1)]), km)


def test_geodesic_line_endpoints_lat_lon_order():
    pts = geodesic_line(36.0, 50.0, 37.0, 51.0, npts=10)
    assert pts[0] == [50.0, 36.0] and pts[-1] == [51.0, 37.0] and len(pts) == 12


def test_claim_features_from_objects_and_dicts():
    class Place:
        name, lon, lat = "Sumy", 34.8, 50.92

    class Claim:
        place = Place()
        nearest_border_point = (35.2, 51.2)
        computed = 40.1
        verdict = "inconsistent"
        text = "Sumy lies 10 km from the border."

    feats, skipped = claim_features([Claim(), {"place": "X", "verdict": "unverifiable"}])
    assert skipped == 1 and len(feats) == 1
    f = feats[0]
    assert f["label"] == "40.1 km · inconsistent"
    assert f["line"][0] == [50.92, 34.8] and f["line"][-1] == [51.2, 35.2]


def test_claim_features_to_another_place_with_details():
    claim = {
        "place_name": "Y",
        "place_lon": 36.0,
        "place_lat": 50.0,
        "other": (37.0, 50.5),  # a distance between two places: drawn to the other one
        "computed": {"km": 12.3},
        "stated": {"as_written": "12 km"},
        "dataset": {"a": 1},
        "sentence": "Y is 12 km from Z.",
    }
    (f,), skipped = claim_features([claim])
    assert skipped == 0 and f["label"] == "12.3 km · unverifiable"
    assert f["line"][0] == [50.0, 36.0] and f["line"][-1] == [50.5, 37.0]
    assert f["rows"] == [
        ["Place", "Y"],
        ["Computed", "12.3 km (geodesic, WGS84)"],
        ["Verdict", "unverifiable"],
        ["Stated", "12 km"],
        ["Border dataset", "a: 1"],
    ]
    assert f["title"] == "Claim about Y" and f["text"] == "Y is 12 km from Z."


def test_claims_layer_in_map(fixture_frame):
    claims = [
        {
            "place": {"name": "Sumy", "lon": 34.8, "lat": 50.92},
            "nearest_border_point": [35.2, 51.2],
            "verdict": "consistent",
        }
    ]
    html = _html(fixture_frame, claims=claims)
    assert "geoinc.claimsLayer" in html and "Claims checked (1)" in html
    # computed km taken from the geodesic when the claim does not carry it
    km = GEOD.inv(34.8, 50.92, 35.2, 51.2)[2] / 1000
    assert f"{km:.1f} km · consistent" in html


# ------------------------------------------------------------ offline, determinism
def test_offline_map_has_no_external_reference(fixture_frame):
    mf.require_offline_assets()
    html = _html(fixture_frame, offline=True)
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?:', html)
    assert "tile.openstreetmap.org" not in html
    assert "L.markerClusterGroup" in html and "Leaflet 1.9.3" in html
    assert "url(data:image/png;base64," in html  # Leaflet's CSS images are inlined


def test_online_map_loads_only_leaflet_and_markercluster(fixture_frame):
    html = _html(fixture_frame, inline=False)
    urls = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', html)
    assert sorted(urls) == sorted(
        [
            "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
            "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
            "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/leaflet.markercluster.js",
            "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/MarkerCluster.css",
        ]
    )


def test_offline_refuses_an_unpackaged_asset(fixture_frame):
    import folium

    mf.require_offline_assets()
    m = _quiet(incident_map, fixture_frame, offline=True, borders=None, band=None)
    folium.Marker([50, 36], icon=folium.Icon()).add_to(m)  # needs awesome-markers from a CDN
    m.default_js.append(("awesome", "https://cdn.example.org/awesome.js"))
    with pytest.raises(MapError, match="no packaged copy"):
        m.get_root().render()


def test_same_input_same_html(fixture_frame):
    assert _html(fixture_frame) == _html(fixture_frame)


@pytest.mark.parametrize("kw", [{"cluster": "yes"}, {"canvas": 1.5}])
def test_bad_options_are_configuration_errors(fixture_frame, kw):
    with pytest.raises(ConfigurationError):
        incident_map(fixture_frame, borders=None, band=None, **kw)


def test_incident_map_docstring_documents_every_parameter():
    # the Parameters/Returns/Raises sections live in build._INCIDENT_MAP_SECTIONS
    import inspect

    doc = inspect.getdoc(incident_map)
    assert doc.startswith("Draw incidents as a layered, standalone Leaflet map.\n\nLayers")
    for name in inspect.signature(incident_map).parameters:
        assert re.search(rf"^{name} :", doc, re.M), name
    for section in ("Parameters", "Returns", "Raises", "Examples"):
        assert re.search(rf"^{section}\n-+$", doc, re.M), section
    assert "{sections}" not in doc


def test_empty_frame_gives_a_working_map():
    gdf = gpd.GeoDataFrame({"event_type": []}, geometry=[], crs=4326)
    html = _html(gdf)
    assert _island(html)["n"] == 0 and "geoinc.Store" in html


# -------------------------------------------------------------------------- CLI
@pytest.mark.parametrize("ext", ["geojson", "gpkg", "parquet"])
def test_cli_map_reads_each_format(fixture_frame, tmp_path, ext, capsys):
    from geoinc.cli.main import main

    src = tmp_path / f"inc.{ext}"
    out = fixture_frame.copy()
    for c in ("sources", "claims"):
        out[c] = out[c].map(lambda v: json.dumps(v) if isinstance(v, list) else None)
    if ext == "parquet":
        out.to_parquet(src)
    else:
        out.to_file(src, engine="pyogrio")
    html = tmp_path / "m.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        rc = main(["map", str(src), "-o", str(html), "--borders", "none", "--title", "T"])
    assert rc == 0
    island = _island(html.read_text(encoding="utf-8"))
    assert island["n"] == mf.N_POINTS + mf.N_REGION
    assert "12 incidents" in capsys.readouterr().out


def test_cli_missing_file_is_a_usage_error(tmp_path, capsys):
    from geoinc.cli.main import main

    assert main(["map", str(tmp_path / "nope.gpkg"), "-o", str(tmp_path / "m.html")]) == 2
    assert "no such incident file" in capsys.readouterr().err


def test_default_borders_come_from_geoinc_borders(fixture_frame):
    pytest.importorskip("geoinc.borders")
    html = _html(fixture_frame, borders="naturalearth", band=("RU", "UA"))
    assert "Borders (Natural Earth 10m)" in html and "Within 30 km of the RU–UA border" in html
    osm = _html(fixture_frame, borders="osm", band=("RU", "UA"))
    assert "Borders (OpenStreetMap 2017)" in osm


def test_cli_offline_map(fixture_frame, tmp_path):
    from geoinc.cli.main import main

    mf.require_offline_assets()
    src = tmp_path / "inc.geojson"
    out = fixture_frame.drop(columns=["sources", "claims"])
    out.to_file(src, engine="pyogrio")
    html = tmp_path / "m.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        assert (
            main(["map", str(src), "-o", str(html), "--offline", "--no-band", "--cluster", "yes"])
            == 0
        )
    text = html.read_text(encoding="utf-8")
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?:', text)
    assert '"cluster":true' in text


def test_dates_keep_their_local_day_and_bad_numbers_warn():
    gdf = gpd.GeoDataFrame(
        {
            "date_start": ["2024-01-03T01:00:00+03:00", "2024-01-02T23:30:00-05:00", "2024-01-05"],
            "killed_best": ["12", "several", None],
        },
        geometry=[shapely.Point(30, 50)] * 3,
        crs=4326,
    )
    with pytest.warns(UserWarning, match="'killed_best' are not numbers"):
        p = prepare_incidents(gdf).payload
    # the day the report gives, not the UTC day (which would be 2 and 3 January)
    assert p["d0"] == [19725, 19724, 19727]
    assert p["kb"] == [12, None, None]


def test_map_carries_the_data_attribution_the_licences_require(tmp_path):
    import geoinc
    from geoinc.mapping.layers import DATA_ATTRIBUTION

    gdf = geoinc.extract(["Russian drones struck Kharkiv overnight on Saturday, killing 3 people."])
    html_text = geoinc.incident_map(gdf).get_root().render()
    assert "addAttribution" in html_text
    for needle in ("GeoNames", "CC BY 4.0", "OpenStreetMap", "ODbL", "Natural Earth"):
        assert needle in DATA_ATTRIBUTION and needle in html_text
