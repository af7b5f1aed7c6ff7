"""Maps the folium way: ``tiles=`` as folium takes it, ``m=``, Jupyter display, fallbacks."""

from __future__ import annotations

import json
import re
import warnings

import folium
import geopandas as gpd
import pytest
import shapely

from geoinc.exceptions import ConfigurationError
from geoinc.mapping import incident_map


@pytest.fixture
def gdf():
    return gpd.GeoDataFrame(
        {
            "event_type": [
                "Air/drone strike",
                "Air/drone strike",
                "Shelling/artillery/missile attack",
            ],
            "date_start": ["2024-05-01", "2024-05-01", "2024-05-02"],
            "place_name": ["Kharkiv", "Kharkiv", "Kupiansk"],
            "killed_best": [3, 1, 0],
            "confidence": [0.9927, 0.5, 1.0],
            "verified": [True, False, True],
        },
        geometry=[shapely.Point(36.25, 49.98)] * 2 + [shapely.Point(37.62, 49.71)],
        crs="EPSG:4326",
    )


def _map(gdf, **kw):
    kw.setdefault("borders", None)
    kw.setdefault("band", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return incident_map(gdf, **kw)


def _tile_urls(html: str) -> list[str]:
    return re.findall(r'L\.tileLayer\(\s*"([^"]+)"', html)


@pytest.mark.parametrize(
    ("tiles", "attr", "host"),
    [
        ("OpenStreetMap", None, "tile.openstreetmap.org"),
        ("CartoDB positron", None, "basemaps.cartocdn.com"),
        ("https://tiles.example.org/{z}/{x}/{y}.png", "© Example", "tiles.example.org"),
        (("My tiles", "https://t.example.net/{z}/{x}/{y}.png", "© Net"), None, "t.example.net"),
    ],
)
def test_tiles_take_what_folium_takes(gdf, tiles, attr, host):
    html = _map(gdf, tiles=tiles, attr=attr).get_root().render()
    urls = _tile_urls(html)
    assert urls and all(host in u for u in urls)  # the map's layer and the minimap's
    assert 'L.tileLayer("a"' not in html


def test_tiles_from_xyzservices_and_a_tile_layer(gdf):
    xyz = pytest.importorskip("xyzservices")
    html = _map(gdf, tiles=xyz.providers.OpenStreetMap.Mapnik).get_root().render()
    assert any("openstreetmap" in u for u in _tile_urls(html))
    layer = folium.TileLayer("https://a.example.com/{z}/{x}/{y}.png", attr="A", name="A")
    assert any("a.example.com" in u for u in _tile_urls(_map(gdf, tiles=layer).get_root().render()))


@pytest.mark.parametrize(
    ("tiles", "match"),
    [("https://x.example.org/{z}/{x}/{y}.png", "attribution"), (42, "tiles must be")],
)
def test_bad_tiles_are_configuration_errors(gdf, tiles, match):
    with pytest.raises(ConfigurationError, match=match):
        _map(gdf, tiles=tiles)


def test_no_tiles_shows_the_vector_basemap(gdf):
    html = _map(gdf, tiles=None).get_root().render()
    assert _tile_urls(html) == [] and "Basemap: Natural Earth" in html


def test_layers_go_onto_an_existing_map(gdf):
    base = folium.Map(location=[50.0, 36.5], zoom_start=8, tiles="CartoDB positron")
    folium.Marker([50.0, 36.5], tooltip="mine").add_to(base)
    folium.LayerControl().add_to(base)
    out = _map(gdf, m=base)
    assert out is base
    html = base.get_root().render()
    assert "mine" in html and "geoinc.Store" in html
    assert len(_tile_urls(html)) == 1  # the map's own tiles, none added
    assert html.count("L.control.layers") == 1  # the caller's control, moved last
    assert html.rfind("L.control.layers") > html.rfind("geoinc.Store")
    assert "fitBounds" not in html  # the caller chose the view
    assert "geoinc.firstView(map_" not in html


def test_m_must_be_a_folium_map(gdf):
    with pytest.raises(ConfigurationError, match="folium.Map"):
        _map(gdf, m="not a map")


def test_displays_in_jupyter_like_folium(gdf):
    m = _map(gdf)
    assert isinstance(m, folium.Map)
    out = m._repr_html_()
    assert "<iframe" in out and "geoinc.Store" in out


def test_inlined_by_default_when_packaged_and_falls_back_to_the_basemap(gdf):
    import map_fixtures as mf

    mf.require_offline_assets()
    html = _map(gdf).get_root().render()
    assert not re.search(r'<script[^>]+src="https?:', html)  # Leaflet comes with the page
    assert "tile.openstreetmap.org" in html  # tiles stay online...
    assert "geoinc.TileFallback" in html  # ...with the vector basemap when none loads


def test_linked_map_says_when_leaflet_cannot_load(gdf):
    html = _map(gdf, inline=False).get_root().render()
    assert 'src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"' in html
    assert 'id="geoinc-no-leaflet"' in html and "geoinc map --offline" in html


def _island(html: str) -> dict:
    for text in re.findall(
        r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S
    ):
        data = json.loads(text)
        if isinstance(data, dict) and "S" in data:
            return data
    raise AssertionError("no data island")


def test_popups_speak_human(gdf):
    data = _island(_map(gdf, popup_columns=["verified"]).get_root().render())
    spec = {row[0]: row[1] for row in data["spec"]}
    assert spec["Confidence"] == "pct"  # 0.9927 shows as 99.3 %, never "1.0"
    assert data["fields"]["conf"][0] == 0.993
    shown = {data["S"][c] for c in data["fields"]["x0"] if c is not None and c >= 0}
    assert shown == {"yes", "no"}  # not True/False


def test_stacked_incidents_are_grouped_for_spiderfying(gdf):
    html = _map(gdf, cluster=False).get_root().render()
    assert html.count('"stack":true') == 1  # the drone strikes share a point; shelling not
    clustered = _map(gdf, cluster=True).get_root().render()
    assert '"stack":true' not in clustered  # the clusterer spiderfies by itself
