"""The legend in a real headless Chromium: placed and folded so it never hides data.

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
