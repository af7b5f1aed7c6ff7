"""Issue 14's map habits in a real headless Chromium: the legend placed and folded so it
never hides data; no incident under a control in the first view; popups in human words
with the raw codes explained.

Skipped cleanly when Chromium or playwright is absent (as tests/test_mapping_browser.py).
"""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("playwright.sync_api")

import map_fixtures as mf  # noqa: E402

from geoinc.mapping import incident_map  # noqa: E402
from geoinc.mapping.browser import chromium, find_chromium, open_map  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium (apt-get install chromium)"),
]

#: the legend's box, the map's, and the incident markers whose centres it covers
_LAYOUT = """() => {
  const box = document.querySelector(".geoinc-legend").getBoundingClientRect();
  const map = document.querySelector(".leaflet-container").getBoundingClientRect();
  const under = [...document.querySelectorAll("path.geoinc-incident")].filter((p) => {
    const r = p.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    return x > box.left && x < box.right && y > box.top && y < box.bottom;
  }).length;
  return {
    folded: document.querySelector(".geoinc-legend-body").hidden,
    box: [box.left, box.top, box.right, box.bottom],
    map: [map.left, map.top, map.right, map.bottom],
    under: under,
  };
}"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as ctx:
        yield ctx


@pytest.fixture(scope="module")
def map_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("legend") / "legend.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        incident_map(mf.incident_frame(), borders=None, cluster=False).save(str(path))
    return path


def _layout(browser, path, viewport):
    page, report = open_map(browser, path, viewport=viewport)
    assert report.ready and report.console_errors == []
    page.wait_for_timeout(300)  # the first view's zoom animation, then the legend's check
    return page, page.evaluate(_LAYOUT)


def _inside(box, frame) -> bool:
    return box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]


@pytest.mark.parametrize("viewport", [(640, 480), (1200, 800), (1600, 1000)])
def test_legend_never_hides_an_incident_and_is_never_cut_off(browser, map_path, viewport):
    page, seen = _layout(browser, map_path, viewport)
    assert seen["under"] == 0  # open only where it covers no incident, else folded
    assert _inside(seen["box"], seen["map"])
    page.close()


def test_legend_folds_on_a_small_map_and_unfolds_on_request(browser, map_path):
    page, seen = _layout(browser, map_path, (640, 480))
    assert seen["folded"]
    page.click(".geoinc-legend-toggle")
    opened = page.evaluate(_LAYOUT)
    assert not opened["folded"] and _inside(opened["box"], opened["map"])
    # never taller than the map leaves room for: it scrolls instead
    assert opened["box"][3] - opened["box"][1] <= 480 - 150 + 1
    assert "Air/drone strike" in page.locator(".geoinc-legend").inner_text()
    page.close()


def test_legend_stays_open_where_there_is_room(browser, map_path):
    page, seen = _layout(browser, map_path, (1600, 1000))
    assert not seen["folded"] and seen["under"] == 0
    page.close()


#: every control's box (by its first class), and the incident markers (and the middles
#: of the region outlines) that one of them covers or that lie outside the map
_UNDER_CONTROLS = """() => {
  const map = document.querySelector(".leaflet-container");
  const m = map.getBoundingClientRect();
  const boxes = [...map.querySelectorAll(".leaflet-control-container .leaflet-control")]
    .map((e) => [e.className.split(" ")[0], e.getBoundingClientRect()])
    .filter(([, r]) => r.width && r.height);
  const meets = (a, b) =>
    a.right > b.left && a.left < b.right && a.bottom > b.top && a.top < b.bottom;
  const under = [], outside = [];
  const look = (kind, r) => {
    if (!(r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom)) {
      outside.push(kind);
    }
    boxes.forEach(([name, b]) => { if (meets(r, b)) under.push(kind + " under " + name); });
  };
  document.querySelectorAll("path.geoinc-incident, .geoinc-cluster")
    .forEach((p) => look("marker", p.getBoundingClientRect()));
  document.querySelectorAll("path.geoinc-region").forEach((p) => {
    const r = p.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    look("region middle", {left: x - 1, right: x + 1, top: y - 1, bottom: y + 1});
  });
  const scale = map.querySelector(".leaflet-control-scale").getBoundingClientRect();
  const slider = map.querySelector(".geoinc-slider").getBoundingClientRect();
  const attribution = map.querySelector(".leaflet-control-attribution").getBoundingClientRect();
  return {
    markers: document.querySelectorAll("path.geoinc-incident").length,
    icons: document.querySelectorAll(".geoinc-cluster").length,
    under: under,
    outside: outside,
    attribution_clear: !meets(attribution, scale) && !meets(attribution, slider),
    view: geoinc.maps[0].view,
  };
}"""


@pytest.mark.parametrize("viewport", [(640, 480), (900, 650), (1200, 800)])
def test_no_incident_is_under_a_control_in_the_first_view(browser, map_path, viewport):
    # before: the slider covered 2 markers at 640x480 (the minimap 1, and the region),
    # the attribution 2 at 900x650, the slider 1 at 1200x800
    page, report = open_map(browser, map_path, viewport=viewport)
    assert report.ready and report.console_errors == []
    page.wait_for_timeout(300)  # as _layout: the legend's own check has run
    seen = page.evaluate(_UNDER_CONTROLS)
    assert seen["markers"] == mf.N_POINTS
    assert seen["under"] == [] and seen["outside"] == []
    assert seen["view"]["covered"] == 0
    # the attribution wraps before the time slider and the scale bar
    assert seen["attribution_clear"]
    page.close()


@pytest.fixture(scope="module")
def stacked_path(tmp_path_factory):
    # every point incident twice at its place: the markers are numbered stack icons
    recs = mf.incident_records()
    twins = [dict(r, incident_id=r["incident_id"] + "-twin") for r in recs if r["lon"] is not None]
    path = tmp_path_factory.mktemp("stacked") / "stacked.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        gdf = mf.incident_frame(recs + twins)
        incident_map(gdf, borders=None, cluster=False).save(str(path))
    return path


@pytest.mark.parametrize("viewport", [(640, 480), (1200, 800)])
def test_no_stack_icon_is_under_a_control_in_the_first_view(browser, stacked_path, viewport):
    page, report = open_map(browser, stacked_path, viewport=viewport)
    assert report.ready and report.console_errors == []
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.geoinc-stack'))"
        ".every(e => getComputedStyle(e).opacity === '1')",
        timeout=10_000,
    )
    seen = page.evaluate(_UNDER_CONTROLS)
    assert seen["icons"] > 0
    assert seen["under"] == [] and seen["outside"] == []
    page.close()


#: the zoom of a plain fit to the drawn incidents (markers and region outlines)
_PLAIN_FIT_ZOOM = """() => {
  const e = geoinc.maps[0], s = e.store;
  const drawn = s.markers.filter(Boolean).concat(s.regionLayers.map((r) => r.layer));
  const group = L.featureGroup(drawn);
  return e.map.getBoundsZoom(group.getBounds());
}"""


@pytest.mark.parametrize("viewport", [(640, 480), (1200, 800)])
def test_first_view_keeps_the_zoom_of_a_plain_fit_where_it_can(browser, map_path, viewport):
    # the view moves before it zooms out: the fixture's incidents clear the controls at
    # the zoom a fit without controls would take
    page, _ = open_map(browser, map_path, viewport=viewport)
    zoom = page.evaluate("geoinc.maps[0].map.getZoom()")
    assert zoom == page.evaluate("geoinc.maps[0].view.zoom")
    assert zoom == page.evaluate(_PLAIN_FIT_ZOOM)
    page.close()


def test_popup_speaks_human_and_explains_the_codes(browser, tmp_path):
    import geopandas as gpd
    import shapely

    gdf = gpd.GeoDataFrame(
        {
            "event_type": ["Air/drone strike"],
            "date_start": ["2024-05-01"],
            "place_name": ["Kharkiv"],
            "killed_best": [3],
            "confidence": [0.9927],
            "verified": [True],
            "geo_precision": [1],
            "date_precision": [1],
        },
        geometry=[shapely.Point(36.25, 49.98)],
        crs="EPSG:4326",
    )
    path = tmp_path / "popup.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        incident_map(gdf, borders=None, band=None, popup_columns=["verified"]).save(str(path))
    page, report = open_map(browser, path)
    assert report.ready and report.console_errors == []
    page.evaluate("void geoinc.maps[0].store.openPopup(0)")
    text = page.locator(".leaflet-popup-content").last.inner_text()
    assert "99.3 %" in text and "verified\tyes" in text  # not 1.0, not True
    assert "exact day, UCDP 1" in text and "town or exact place (ACLED 1)" in text
    page.close()
