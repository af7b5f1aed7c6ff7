"""The maps in a real headless Chromium (Debian ``chromium``, driven through playwright).

Skipped cleanly when Chromium or playwright is absent.
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


@pytest.fixture(scope="module")
def browser():
    with chromium() as ctx:
        yield ctx


@pytest.fixture(scope="module")
def borders():
    b = mf.ne_borders()
    if b is None:
        pytest.skip("shared Natural Earth border file absent")
    return b


def _build(tmp_path_factory, name, gdf, **kw):
    if kw.get("offline"):
        mf.require_offline_assets()
    path = tmp_path_factory.mktemp("maps") / f"{name}.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        incident_map(gdf, **kw).save(str(path))
    return path


@pytest.fixture(scope="module")
def online_path(tmp_path_factory, borders):
    return _build(tmp_path_factory, "online", mf.incident_frame(), borders=borders, cluster=False)


@pytest.fixture(scope="module")
def offline_path(tmp_path_factory, borders):
    return _build(
        tmp_path_factory,
        "offline",
        mf.incident_frame(),
        borders=borders,
        cluster=False,
        offline=True,
    )


def _count(page, selector):
    return page.locator(selector).count()


def _check_fixture_drawn(page):
    assert _count(page, "path.geoinc-incident") == mf.N_POINTS
    assert _count(page, "path.geoinc-region") == mf.N_REGION
    assert page.evaluate("geoinc.maps[0].store.visibleCount") == mf.N_POINTS + mf.N_REGION


def test_online_map_renders_without_errors(browser, online_path):
    page, report = open_map(browser, online_path)
    assert report.ready
    assert report.console_errors == []
    assert report.blocked == []  # nothing but Leaflet, markercluster and tiles was asked for
    _check_fixture_drawn(page)
    # borders (international + disputed), band and the legend with live counts are there
    assert _count(page, "path.geoinc-border") > 0 and _count(page, "path.geoinc-disputed") > 0
    assert _count(page, "path.geoinc-band") == 1
    legend = page.locator(".geoinc-legend").text_content()  # folded when it would hide data
    assert "Natural Earth 10m" in legend and "Air/drone strike" in legend and "(5)" in legend
    page.close()


def test_toggling_a_layer_hides_its_features(browser, online_path):
    page, _ = open_map(browser, online_path)
    air = "path.geoinc-incident.geoinc-t0"
    before = _count(page, air)
    assert before > 0
    page.hover(".leaflet-control-layers")
    toggle = page.locator(".leaflet-control-layers label", has_text="Air/drone strike (")
    toggle.click()
    assert _count(page, air) == 0
    assert _count(page, "path.geoinc-incident") == mf.N_POINTS - before
    toggle.click()
    assert _count(page, air) == before
    page.close()


def _set_window(page, start, end, undated):
    page.evaluate(
        """([a, b, u]) => {
            const day = s => Math.round(Date.parse(s) / 86400000);
            const from = document.querySelector('.geoinc-from');
            const to = document.querySelector('.geoinc-to');
            const und = document.querySelector('.geoinc-undated input');
            from.value = day(a); to.value = day(b); und.checked = u;
            to.dispatchEvent(new Event('change'));
        }""",
        [start, end, undated],
    )


def test_slider_filters_by_date(browser, online_path):
    page, _ = open_map(browser, online_path)
    _set_window(page, "2024-05-01", "2024-05-10", False)
    assert _count(page, "path.geoinc-incident") == mf.N_FIRST_TEN_DAYS
    assert _count(page, "path.geoinc-region") == 0  # the region-level one is dated 05-14
    assert "2024-05-01 – 2024-05-10" in page.locator(".geoinc-range-label").inner_text()
    # a window overlapping only the 20–22 May range of inc-010 keeps it
    _set_window(page, "2024-05-21", "2024-05-21", False)
    assert _count(page, "path.geoinc-incident") == 1
    _set_window(
        page, "2024-05-02", "2024-05-02", True
    )  # nothing dated that day: only the undated one
    assert _count(page, "path.geoinc-incident") == 1
    page.close()


def test_offline_map_renders_with_network_blocked(browser, offline_path):
    page, report = open_map(browser, offline_path, serve_cdn=False)
    assert report.ready
    assert report.network == [] and report.blocked == []
    assert report.console_errors == []
    _check_fixture_drawn(page)
    assert page.evaluate("typeof L.markerClusterGroup") == "function"
    page.close()


def test_popup_shows_evidence_and_links_only_http(browser, online_path):
    page, _ = open_map(browser, online_path)
    page.evaluate("geoinc.maps[0].store.openPopup(0)")  # inc-001 Kharkiv
    popup = page.locator(".leaflet-popup-content").last
    text = popup.inner_text()
    assert "Kharkiv" in text and "low 2 · best 3 · high 4" in text
    assert "Officials said at least two people died" in text
    hrefs = popup.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert "https://news.example.org/a/1" in hrefs
    # inc-007 is region-level; its only source URL is javascript: -> plain text, no link
    idx = page.evaluate("geoinc.maps[0].store.data.S.indexOf('inc-007')")
    i = page.evaluate(f"geoinc.maps[0].store.data.fields.id.indexOf({idx})")
    page.evaluate(f"void geoinc.maps[0].store.openPopup({i})")
    popup = page.locator(".leaflet-popup-content").last
    assert "Ministry statement" in popup.inner_text()
    assert popup.locator("a").count() == 0
    page.close()


def test_measure_tool_is_geodesic(browser, online_path):
    from pyproj import Geod

    page, _ = open_map(browser, online_path)
    page.click(".geoinc-measure-btn")
    box = page.locator(".folium-map").bounding_box()
    pts = [(box["x"] + 300, box["y"] + 300), (box["x"] + 700, box["y"] + 500)]
    for x, y in pts:
        page.mouse.click(x, y)
    latlngs = page.evaluate(
        "(() => { const m = geoinc.maps[0].map; let out = [];"
        " m.eachLayer(l => { if (l.options && l.options.className === 'geoinc-measure-line')"
        " out = l.getLatLngs(); });"
        " return out.map(p => [p.lat, p.lng]); })()"
    )
    assert len(latlngs) == 2
    (lat1, lon1), (lat2, lon2) = latlngs
    expected = Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)[2] / 1000
    shown = float(page.locator(".geoinc-measure-out").inner_text().split()[0])
    assert shown == pytest.approx(expected, abs=0.01)
    page.close()


@pytest.fixture(scope="module")
def xss_path(tmp_path_factory, borders):
    claims = [
        {
            "place": {"name": p, "lon": 36.2, "lat": 50.0},
            "nearest_border_point": (36.6, 50.4),
            "computed": 30.5,
            "verdict": p,
            "text": p,
            "method": p,
        }
        for p in mf.XSS_PAYLOADS
    ]
    return _build(
        tmp_path_factory,
        "xss",
        mf.xss_frame(),
        borders=borders,
        cluster=False,
        claims=claims,
        offline=True,
        title=mf.XSS_PAYLOADS[0],
        popup_columns=["target"],
    )


def test_xss_payloads_never_execute_and_still_show(browser, xss_path):
    page, report = open_map(browser, xss_path, serve_cdn=False)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    assert report.ready and report.console_errors == []
    n = page.evaluate("geoinc.maps[0].store.n")
    assert n == len(mf.XSS_PAYLOADS)
    shown = []
    for i in range(n):  # every popup and every tooltip
        page.evaluate(f"void geoinc.maps[0].store.openPopup({i})")
        shown.append(page.locator(".leaflet-popup-content").last.inner_text())
        page.evaluate(f"void geoinc.maps[0].store.openTooltip({i})")
        shown.append(page.locator(".leaflet-tooltip").last.inner_text())
    page.hover(".leaflet-control-layers")
    shown.append(page.locator(".leaflet-control-layers").inner_text())
    shown.append(page.locator(".geoinc-legend").text_content())
    page.evaluate(
        "void geoinc.maps[0].map.eachLayer(l => { if (l.options"
        " && l.options.className === 'geoinc-claim-line') l.openPopup(); })"
    )
    shown.append(page.locator(".leaflet-popup-content").last.last.inner_text())
    page.fill(".geoinc-search input", "script")
    shown.append(page.locator(".geoinc-search-results").inner_text())
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("parent.__xss") is None
    assert dialogs == []
    assert page.locator("a[href^='javascript']").count() == 0
    assert (
        page.locator("iframe, .leaflet-popup-content img, .leaflet-popup-content svg").count() == 0
    )
    text = "\n".join(shown)
    for p in mf.XSS_PAYLOADS:  # the text itself is shown, verbatim
        assert p in text, p
    assert page.title() == mf.XSS_PAYLOADS[0]
    page.close()


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_clustered_large_map_renders(browser, tmp_path_factory, offline):
    path = _build(
        tmp_path_factory,
        "big",
        mf.synthetic_incidents(3000, seed=1),
        borders=None,
        band=None,
        offline=offline,
    )
    page, report = open_map(browser, path, serve_cdn=not offline)
    assert report.ready and report.console_errors == []
    assert page.evaluate("geoinc.maps[0].store.visibleCount") == 3000
    assert _count(page, ".geoinc-cluster") > 0
    page.close()


@pytest.fixture(scope="module")
def corpus_maps(tmp_path_factory):
    """The example corpus through geoinc.extract (and geoinc.claims when present)."""
    extract = pytest.importorskip("geoinc.extraction")
    corpus = mf.REPO / "examples" / "dispatches"
    if not corpus.is_dir():
        pytest.skip("examples/dispatches absent")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        gdf = extract.extract(str(corpus))
        try:
            from geoinc.claims import check_text
        except ImportError:
            claims = []
        else:
            claims = [
                c
                for p in sorted(corpus.iterdir())
                for c in check_text(p.read_text(encoding="utf-8"))
            ]
    paths = {
        off: _build(tmp_path_factory, f"corpus_{off}", gdf, claims=claims, offline=off)
        for off in (False, True)
    }
    return gdf, claims, paths


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_example_corpus_map(browser, corpus_maps, offline):
    gdf, claims, paths = corpus_maps
    page, report = open_map(browser, paths[offline], serve_cdn=not offline)
    assert report.ready and report.console_errors == []
    if offline:
        assert report.network == []
    region = (gdf["geo_precision"] == 3) | gdf["where_prec"].isin([4, 6])
    located = gdf.geometry.notna() & ~gdf.geometry.is_empty
    n_points = int((located & ~region.fillna(False)).sum())
    n_region_layers = len(
        set(
            zip(
                gdf.loc[region.fillna(False), "event_type"],
                gdf.loc[region.fillna(False), "admin1"],
                strict=False,
            )
        )
    )
    assert n_points > 0
    # incidents at the very same point wait in a numbered stack (spiderfied on click);
    # markercluster fades a replaced stack icon out, so wait until only live ones remain
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.geoinc-stack'))"
        ".every(e => getComputedStyle(e).opacity === '1')",
        timeout=10_000,
    )
    stacked = page.evaluate(
        "Array.from(document.querySelectorAll('.geoinc-stack'))"
        ".reduce((a, e) => a + Number(e.textContent), 0)"
    )
    assert _count(page, "path.geoinc-incident") + stacked == n_points
    assert _count(page, "path.geoinc-region") == n_region_layers
    drawable = sum(
        1 for c in claims if getattr(c, "border_point", None) or getattr(c, "other", None)
    )
    assert _count(page, "path.geoinc-claim-line") == drawable
    page.close()


def test_click_and_hover_a_marker(browser, online_path):
    page, _ = open_map(browser, online_path)
    t = page.evaluate("geoinc.maps[0].store.data.types.findIndex(x => x[0] === 'Armed clash')")
    marker = page.locator(f"path.geoinc-incident.geoinc-t{t}")  # the one armed clash (Chasiv Yar)
    assert marker.count() == 1
    # centre it, clear of the legend and the slider
    page.evaluate(f"""(() => {{ const s = geoinc.maps[0].store, i = s.data.type.indexOf({t});
        s.map.setView([s.data.lat[i], s.data.lon[i]], 9, {{animate: false}}); }})()""")
    page.wait_for_timeout(100)
    marker.hover()
    assert "Chasiv Yar" in page.locator(".leaflet-tooltip").last.inner_text()
    marker.click()
    text = page.locator(".leaflet-popup-content").last.inner_text()
    assert "Armed clash — Chasiv Yar" in text and "2024-05-20 – 2024-05-22" in text
    page.close()


def test_choropleth_and_heat_follow_the_slider(browser, online_path):
    page, _ = open_map(browser, online_path)
    fill = """(() => { let c = null; geoinc.maps[0].store.choropleth.eachLayer(l => {
        if (l.feature.properties.code === 'UA.07') c = l.options.fillColor; }); return c; })()"""
    page.hover(".leaflet-control-layers")
    page.locator(".leaflet-control-layers label", has_text="Regions shaded").click()
    page.locator(".leaflet-control-layers label", has_text="Heat map").click()
    # whole window: Kharkiv oblast has 3 + 1 killed (inc-001, inc-002) -> class ">= 1"
    assert page.evaluate(fill) == "#fee5d9"
    assert page.locator("canvas.geoinc-heat").count() == 1
    n_heat = page.evaluate("geoinc.maps[0].store.heat._pts.length")
    _set_window(page, "2024-05-12", "2024-05-31", False)
    assert page.evaluate(fill) == "transparent"  # nothing killed there in that window
    assert page.evaluate("geoinc.maps[0].store.heat._pts.length") < n_heat
    page.close()


def test_place_search_opens_the_incident(browser, online_path):
    page, _ = open_map(browser, online_path)
    page.fill(".geoinc-search input", "dnip")
    results = page.locator(".geoinc-search-results li")
    assert results.first.inner_text() == "Dnipro"
    results.first.click()
    assert "Air/drone strike — Dnipro" in page.locator(".leaflet-popup-content").last.inner_text()
    page.close()


def test_stacked_incidents_spiderfy(browser, tmp_path_factory):
    import shapely

    gdf = mf.incident_frame()
    gdf = gdf[gdf.geometry.notna()].head(3).copy()
    gdf["event_type"] = "Air/drone strike"
    gdf["geo_precision"] = 1
    gdf["where_prec"] = 1
    gdf = gdf.set_geometry([shapely.Point(36.25, 49.98)] * 3, crs="EPSG:4326")
    path = _build(tmp_path_factory, "stack", gdf, borders=None, band=None, cluster=False)
    page, report = open_map(browser, path)
    assert report.ready and report.console_errors == []
    page.wait_for_timeout(600)  # let the zoom animation of the first view finish
    assert _count(page, ".geoinc-stack") == 1
    assert page.locator(".geoinc-stack").inner_text() == "3"
    assert _count(page, "path.geoinc-incident") == 0
    page.click(".geoinc-stack")
    page.wait_for_timeout(600)  # the spider's animation
    assert _count(page, "path.geoinc-incident") == 3  # fanned out, each clickable
    page.close()


def test_default_map_without_network_falls_back_to_the_basemap(browser, online_path):
    mf.require_offline_assets()  # the default map inlines Leaflet when the extra is there
    page, report = open_map(browser, online_path, serve_cdn=False)  # no tiles, no CDN
    assert report.ready
    # the only errors are the tiles the browser could not fetch
    assert all("ERR_FAILED" in e for e in report.console_errors)
    assert report.blocked and all("tile" in u for u in report.blocked)
    page.wait_for_selector(".geoinc-tile-note", state="visible", timeout=5000)
    assert "bundled basemap" in page.locator(".geoinc-tile-note").inner_text()
    assert page.evaluate("document.querySelector('.geoinc-vector-bg') !== null")
    _check_fixture_drawn(page)  # the incidents are all there
    page.close()
